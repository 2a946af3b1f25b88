"""The settings column shows every value a scene may hold, and typing garbage changes nothing."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explorer.core.lab import FeatureConfig

from .conftest import small_scene


def test_a_scene_beyond_the_spin_boxes_is_shown_and_kept(lab):
    # A batch size beyond a 32-bit spin box raised OverflowError in the middle of syncing
    # the controls (those after it kept the previous scene's values).
    scene = small_scene(momentum=0.995)
    scene = replace(
        scene,
        config=replace(scene.config, batch_size=2**40),
        features=FeatureConfig(fourier=5, fourier_width=73.25),
        steps_per_frame=900,
    )
    lab.model.load_scene(scene)
    controls = lab.controls
    assert controls.batch_size.value() == 0  # "all": no dataset holds more points
    assert controls.momentum.value() == 0.995
    assert controls.steps_per_frame.value() == 900
    assert controls.fourier_width.value() == 73.25
    assert lab.model.config.batch_size == 2**40


def test_switching_a_feature_keeps_a_scenes_fourier_width(lab):
    # The width spin box stopped at 20 (and rounded to 2 decimals): ticking any feature
    # box then silently trained with another width than the scene's.
    lab.model.load_scene(
        replace(small_scene(), features=FeatureConfig(fourier=5, fourier_width=0.0125))
    )
    lab.controls.squares.setChecked(True)
    assert lab.model.features.squares
    assert lab.model.features.fourier_width == 0.0125
    lab.controls.fourier_width.setValue(2.5)
    assert lab.model.features.fourier_width == 2.5


@pytest.mark.parametrize("text", ["abc", "1e999", "NaN", "-1", "inf", "0"])
def test_typing_garbage_into_the_learning_rate_keeps_the_model(lab, text):
    before = lab.model.config
    field = lab.controls.rate
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert lab.model.config == before
    assert lab.message_bar.isVisible() and lab.message_bar.text()
