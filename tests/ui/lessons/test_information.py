"""Information: every number shown against the core, the identity as read, bits on request."""

import math
import re
from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from explorer.cli import render_command
from explorer.core.lessons import information_from_logits
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.lessons.information import (
    MEASURES,
    InformationPanel,
    identity_terms,
    measure_text,
)

SOFT = ExplorerState(logits=(2.0, 1.0, 0.1), soft_target=(0.7, 0.2, 0.1))


def _panel(qtbot, state: ExplorerState) -> InformationPanel:
    view = InformationPanel(ExplorerSession(state))
    qtbot.addWidget(view)
    view.resize(760, 640)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def panel(qtbot):
    return _panel(qtbot, SOFT)


def _report(state: ExplorerState):
    return information_from_logits(
        np.asarray(state.logits),
        state.target,
        temperature=state.temperature,
        label_smoothing=state.label_smoothing,
        bits=state.information_bits,
    )


def _identity_numbers(panel) -> tuple[str, str, str, str]:
    """The three numbers and the unit of the identity, as the panel writes them."""
    text = re.sub(r"<[^>]+>", " ", panel.identity.text()).replace("&nbsp;", " ")
    match = re.search(r"([-\d.]+)\s+=\s+([-\d.]+)\s+\+\s+([-\d.]+)\s+(\w+)", text)
    assert match, text
    return match.groups()


def _assert_every_number_matches(panel):
    state = panel.session.state
    report = _report(state)
    unit = report.units
    for key in MEASURES:
        value, shown_unit = panel.values[key].text().split(" ")
        assert shown_unit == unit
        assert float(value) == pytest.approx(getattr(report, key), rel=1e-3, abs=6e-5), key
    np.testing.assert_allclose(panel.surprise_bars.heights, report.self_information)
    np.testing.assert_allclose(panel.weighted_bars.heights, report.target * report.self_information)
    labels = [float(text) for text in panel.value_labels.texts()]
    np.testing.assert_allclose(labels, report.self_information, rtol=2e-3, atol=6e-4)
    cross, entropy, kl, shown_unit = _identity_numbers(panel)
    assert shown_unit == unit
    assert float(cross) == pytest.approx(report.cross_entropy, abs=6e-4)
    assert float(entropy) == pytest.approx(report.entropy_target, abs=6e-4)
    assert float(kl) == pytest.approx(report.kl, abs=6e-4)
    # The identity holds in the numbers as read, not only in the numbers behind them.
    assert Decimal(cross) == Decimal(entropy) + Decimal(kl)
    assert unit in panel.plot.getAxis("left").labelText


def test_every_number_shown_is_the_cores(panel):
    _assert_every_number_matches(panel)
    assert _identity_numbers(panel) == ("0.807", "0.802", "0.005", "nats")
    assert panel.values["entropy_target"].text() == "0.8018 nats"
    caption = panel.caption.text()
    assert "0.807 nats" in caption and "0.8018" in caption and "0.0052" in caption


def test_it_follows_the_state_and_the_identity_holds_as_read_everywhere(panel):
    session = panel.session
    generator = np.random.default_rng(28)
    for _ in range(40):
        logits = tuple(float(v) for v in generator.normal(0, 3, size=4))
        target = generator.dirichlet(np.ones(4))
        target = tuple(float(v) for v in target / math.fsum(target))
        smoothing = float(generator.choice([0.0, 0.1]))
        session.set_state(
            ExplorerState(logits=logits, soft_target=target, label_smoothing=smoothing)
        )
        _assert_every_number_matches(panel)


def test_bits_are_toggled_with_the_keyboard(panel, qtbot):
    nats = _report(panel.session.state)
    check = panel.bits_check
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    state = panel.session.state
    assert state.information_bits and check.isChecked()
    _assert_every_number_matches(panel)
    value = float(panel.values["cross_entropy"].text().split(" ")[0])
    assert value == pytest.approx(nats.cross_entropy / math.log(2), rel=1e-3)
    assert "bits" in panel.caption.text()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert not panel.session.state.information_bits
    assert panel.values["cross_entropy"].text().endswith(" nats")


def test_the_checkbox_follows_the_state_without_writing_back(panel):
    session = panel.session
    changes = []
    session.changed.connect(changes.append)
    session.set_state(ExplorerState(logits=SOFT.logits, information_bits=True))
    assert panel.bits_check.isChecked() and session.state.information_bits
    assert len(changes) == 1  # the synced checkbox made no state of its own


def test_a_hard_label_has_no_target_entropy_so_the_loss_is_all_kl(qtbot):
    view = _panel(qtbot, ExplorerState(logits=(2.0, 1.0, 0.1), label=1))
    _assert_every_number_matches(view)
    report = _report(view.session.state)
    assert report.entropy_target == 0.0
    assert view.values["entropy_target"].text() == "0 nats"
    assert view.values["cross_entropy"].text() == view.values["kl"].text()
    cross, entropy, kl, _ = _identity_numbers(view)
    assert entropy == "0.000" and cross == kl == "1.417"
    assert "hard label" in view.caption.text()
    # Only the true class's bar is filled: its surprise is the whole loss.
    np.testing.assert_allclose(view.weighted_bars.heights, [0, report.self_information[1], 0])


def test_a_confident_mistake_stays_finite(qtbot):
    view = _panel(qtbot, ExplorerState(logits=(1000.0, 1.0), label=1))
    assert view.surprise_bars.heights.tolist() == [0.0, 999.0]
    assert view.values["cross_entropy"].text() == "999.0000 nats"


def test_identity_terms_add_up_as_written():
    assert identity_terms(0.80703, 0.80182, 0.00521) == ("0.807", "0.802", "0.005")
    assert identity_terms(0.8066, 0.8024, 0.0042) == ("0.8066", "0.8024", "0.0042")
    generator = np.random.default_rng(1)
    for entropy, kl in generator.uniform(0, 3, size=(200, 2)) ** [1, 3]:
        cross, shown_entropy, shown_kl = identity_terms(entropy + kl, entropy, kl)
        assert Decimal(cross) == Decimal(shown_entropy) + Decimal(shown_kl)


def test_small_measures_never_read_zero():
    assert measure_text(5.2e-6) == "5.200e-06"
    assert measure_text(0.0) == "0"
    assert measure_text(0.80182) == "0.8018"


def test_the_window_shows_it_from_view_lessons_and_its_preset_opens_it(window_factory):
    window = window_factory()
    assert "information" not in window.panels  # not built until shown
    preset = next(path for path in preset_paths() if "information" in path.name)
    assert scene_panels(preset) == ("information",)
    assert load_scene(preset).soft_target == (0.7, 0.2, 0.1)
    assert window.open_scene(preset, remember=False)
    assert window.docks["information"].isVisible()
    panel = window.panels["information"]
    assert isinstance(panel, InformationPanel)
    _assert_every_number_matches(panel)


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "information.png"
    arguments = ["--view", "information", "--size", "640x480", "-o", str(out)]
    assert render_command(arguments) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
