"""Training in the event loop, its errors, the history slider and the gradient check."""

import math
import time

import numpy as np
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSlider

from ..mouse import type_into


def test_training_ticks_grow_the_curves(lab, qtbot):
    lab.controls.steps_per_frame.setValue(3)
    first_loss = lab.model.trainer.history[-1].train_loss
    lab.train_button.click()
    assert lab.training and lab.train_button.text() == "Pause"
    qtbot.waitUntil(lambda: lab.model.trainer.step_count >= 15, timeout=3000)
    lab.train_button.click()
    assert not lab.training and not lab.timer.isActive()
    losses = lab.curves_view.values("train_loss")
    steps = lab.model.trainer.step_count
    assert len(losses) == len(lab.model.trainer.history) == steps + 1
    assert losses[-1] < first_loss
    assert lab.curves_view.curves["val_accuracy"].getData()[0] is not None
    assert lab.history_slider.maximum() == steps
    assert lab.history_label.text().endswith(str(steps))


def test_closing_during_training_leaves_nothing_running(lab, qtbot):
    lab.train_button.click()
    qtbot.waitUntil(lambda: lab.model.trainer.step_count >= 2, timeout=3000)
    lab.close()
    steps = lab.model.trainer.step_count
    assert not lab.timer.isActive()
    QTest.qWait(120)
    assert lab.model.trainer.step_count == steps
    lab.start_training()  # (a stray call after closing does not start it either)
    assert not lab.timer.isActive()


def test_step_reset_and_randomise(lab):
    initial = np.array(lab.model.trainer.W)
    lab.step_button.click()
    assert lab.model.trainer.step_count == 1
    lab.reset_button.click()
    assert lab.model.trainer.step_count == 0
    assert np.array_equal(lab.model.trainer.W, initial)  # Reset: the same seed
    seed = lab.model.config.seed
    lab.randomise_button.click()
    assert lab.model.config.seed != seed
    assert not np.array_equal(lab.model.trainer.W, initial)


def test_history_slider_goes_back(lab, qtbot):
    lab.step(20)
    slider = lab.history_slider
    assert slider.value() == slider.maximum() == 20
    slider.setPageStep(5)
    slider.triggerAction(QSlider.SliderAction.SliderPageStepSub)
    qtbot.waitUntil(lambda: lab.model.trainer.step_count == 15, timeout=1000)
    assert np.array_equal(lab.model.trainer.W, lab.model.trainer.history[-1].W)
    assert lab.history_slider.maximum() == 15


def test_gradient_check_button_reports_a_tiny_error(lab):
    lab.step(10)
    lab.tabs.setCurrentWidget(lab.gradient_view)
    lab.gradient_view.check_button.click()
    error = lab.gradient_view.max_error
    assert error is not None and error < 1e-6
    assert f"{error:.2e}" in lab.gradient_view.result_label.text()
    image = lab.gradient_view.image.image
    assert image.shape == lab.model.trainer.W.shape  # one cell per parameter


def test_a_learning_rate_that_overflows_stops_training_and_keeps_the_model(lab, qtbot):
    lab.step(5)
    good = np.array(lab.model.trainer.W)
    type_into(qtbot, lab.controls.rate, "1e250")
    assert lab.model.config.learning_rate == 1e250
    lab.train_button.click()
    qtbot.waitUntil(lambda: not lab.training, timeout=3000)
    assert lab.message_bar.isVisible()
    assert "learning rate" in lab.message_bar.toolTip()
    weights = np.array(lab.model.trainer.W)
    assert np.all(np.isfinite(weights))
    assert lab.model.trainer.step_count >= 5
    assert math.isfinite(lab.model.trainer.history[-1].train_loss)
    if lab.model.trainer.step_count == 5:
        assert np.array_equal(weights, good)


def test_bad_csv_files_are_refused_with_the_row_and_the_data_stays(lab, tmp_path):
    cases = {
        "text.csv": ("x,y,label\n0.1,0.2,0\nhello,0.5,1\n", "row 3"),
        "nan.csv": ("0.1,0.2,0\n0.3,nan,1\n", "row 2"),
        "label.csv": ("0.1,0.2,0\n0.3,0.4,9\n", "out of range"),
    }
    before = lab.model.dataset
    for name, (text, expected) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        lab.message_bar.hide()
        assert not lab.import_csv(path)
        assert lab.message_bar.isVisible()
        message = lab.message_bar.toolTip()
        assert expected in message and name in message, message
        assert "unchanged" in message
        assert lab.model.dataset is before
    good = tmp_path / "good.csv"
    good.write_text("x,y,label\n0.1,0.2,0\n-0.5,0.5,1\n0.5,-0.5,3\n")
    assert lab.import_csv(good)
    assert len(lab.model.dataset) == 3 and lab.model.dataset.classes == 4


def test_save_and_open_a_lab_scene(lab, tmp_path):
    lab.step(7)
    lab.controls.squares.setChecked(True)
    lab.step(3)
    weights = np.array(lab.model.trainer.W)
    path = tmp_path / "scene.json"
    assert lab.save_scene_file(path)
    lab.model.load_scene(
        lab.model.scene().__class__(
            dataset=lab.model.dataset,
            features=lab.model.features.__class__(),
            config=lab.model.config,
        )
    )
    assert not lab.controls.squares.isChecked()
    assert lab.load_scene_file(path)
    assert lab.controls.squares.isChecked()
    assert np.array_equal(lab.model.trainer.W, weights)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert not lab.load_scene_file(broken)
    assert lab.message_bar.isVisible() and "broken.json" in lab.message_bar.toolTip()
    assert np.array_equal(lab.model.trainer.W, weights)


def test_features_switch_w_shape_and_note(lab):
    controls = lab.controls
    controls.fourier.setChecked(True)
    controls.fourier_count.setValue(16)
    assert lab.model.features.fourier == 16
    assert lab.model.trainer.W.shape == (2 + 16 + 1, 3)
    assert "19" in controls.feature_count.text()
    controls.raw.setChecked(False)
    assert not any(head.isVisible() for head in lab.regions_view.heads)  # no raw: no arrows
    assert "half-planes" in controls.features_note.text()


def test_scrubbing_the_history_previews_then_restores_on_release(lab, qtbot):
    lab.step(40)
    view = lab.regions_view
    latest = np.array(view.image.indices())
    slider = lab.history_slider
    slider.setSliderDown(True)
    slider.setSliderPosition(2)  # emits sliderMoved, as a drag does
    assert lab.model.trainer.step_count == 40  # only a preview so far
    assert np.array_equal(view.preview_weights, lab.model.trainer.history[2].W)
    assert not np.array_equal(np.array(view.image.indices()), latest)
    assert lab.history_label.text().startswith("step 2 ")
    slider.setSliderDown(False)  # emits sliderReleased
    assert lab.model.trainer.step_count == 2
    assert view.preview_weights is None
    assert lab.history_slider.maximum() == 2


def test_gradient_check_at_huge_weights_says_it_cannot_tell(lab):
    # Weights a learning rate too high leaves behind: the check's error is rounding noise,
    # and the label said the (right) analytic gradient was "wrong".
    weights = np.random.default_rng(4).normal(size=lab.model.trainer.W.shape) * 1e6
    lab.model.set_weights(weights)
    error = lab.gradient_view.run_check()
    assert error > 1e-6
    text = lab.gradient_view.result_label.text()
    assert "cannot tell" in text and "wrong" not in text


def test_a_slow_model_takes_fewer_steps_a_tick_than_asked(lab, qtbot, monkeypatch):
    # 1,000 steps a frame of a large model (5,000 points, 512 Fourier features: 0.7 s)
    # blocked the event loop for the whole tick, every tick.
    from explorer.core.lab import Trainer
    from explorer.ui.lab import window as window_module

    original = Trainer.step

    def slow_step(self, count=1):
        time.sleep(0.002 * count)  # 2 ms a step
        return original(self, count)

    monkeypatch.setattr(Trainer, "step", slow_step)
    lab.controls.steps_per_frame.setValue(1000)
    ticks = []
    real_step = lab.step
    monkeypatch.setattr(lab, "step", lambda count=None: ticks.append(count) or real_step(count))
    lab.train_button.click()
    qtbot.waitUntil(lambda: len(ticks) >= 4, timeout=5000)
    lab.train_button.click()
    assert ticks[0] == 1  # the first tick measures
    assert all(count <= window_module.TICK_BUDGET / 0.002 for count in ticks)
    assert max(ticks[1:]) > 1
