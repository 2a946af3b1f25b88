"""The binary lesson: sigmoid of the margin, BCELoss against BCEWithLogitsLoss, pos_weight."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from explorer.cli import render_command
from explorer.core.lessons import bce_curves, binary_report, sigmoid_curve
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.lessons.binary import BinaryPanel, margin_radius
from explorer.ui.lessons.stability import format_entry

PRESET = next(path for path in preset_paths() if path.name == "13-binary-case.json")


@pytest.fixture
def panel(qtbot):
    view = BinaryPanel(ExplorerSession(load_scene(PRESET)))
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _number(text: str) -> float:
    """The leading number of a shown value (``<b>100</b>: its log ...`` reads 100)."""
    plain = text.replace("<b>", "").replace("</b>", "").replace("−", "-")
    return float(plain.split(":")[0].split(" ")[0])


def _report(panel, pos_weight: float = 1.0):
    state = panel.session.state
    scaled = np.array(state.logits) / state.temperature
    return binary_report(scaled, state.label, pos_weight=pos_weight)


def test_the_numbers_are_the_cores(panel):
    report = _report(panel)
    values = panel.values
    assert _number(values["margin"].text()) == pytest.approx(report.margin)
    assert _number(values["softmax"].text()) == pytest.approx(report.softmax[0], rel=1e-3)
    assert _number(values["sigmoid"].text()) == pytest.approx(report.sigmoid, rel=1e-3)
    assert _number(values["bce"].text()) == pytest.approx(report.bce_on_sigmoid, rel=1e-3)
    assert _number(values["with_logits"].text()) == pytest.approx(report.bce_with_logits, 1e-3)
    assert values["softmax"].text() == values["sigmoid"].text() == "0.006693"
    assert report.margin == -5.0 and not report.clamped


def test_the_curves_and_points_are_the_cores(panel):
    report = _report(panel)
    x, y = panel.sigmoid_curve.getData()
    np.testing.assert_allclose(y, sigmoid_curve(x))
    assert (x[0], x[-1]) == (-margin_radius(report.margin), margin_radius(report.margin))
    curves = bce_curves(x, 0)
    np.testing.assert_allclose(panel.bce_curve.getData()[1], curves["bce_on_sigmoid"])
    np.testing.assert_allclose(panel.with_logits_curve.getData()[1], curves["bce_with_logits"])
    point_x, point_y = panel.sigmoid_point.getData()
    assert (point_x[0], point_y[0]) == (report.margin, pytest.approx(report.sigmoid))
    loss_x, loss_y = panel.loss_points.getData()
    np.testing.assert_allclose(loss_y, [report.bce_on_sigmoid, report.bce_with_logits])
    assert not panel.weighted_curve.isVisible()


def test_past_a_margin_of_minus_100_bceloss_clamps_and_with_logits_does_not(panel):
    session = panel.session
    session.set_state(session.state.with_logit(0, -150.0).with_logit(1, 60.0))
    report = _report(panel)
    assert report.margin == -210.0 and report.clamped
    assert report.bce_on_sigmoid == 100.0 and report.bce_with_logits == pytest.approx(210.0)
    assert panel.values["bce"].text().startswith("<b>100</b>")
    assert "−100" in panel.values["bce"].text()
    assert _number(panel.values["with_logits"].text()) == pytest.approx(210.0)
    # The plot shows the flat 100 and the line going on; the clamp is drawn.
    x, bce = panel.bce_curve.getData()
    assert np.all(bce[x < -101] == 100.0)
    _, with_logits = panel.with_logits_curve.getData()
    assert with_logits[0] == pytest.approx(-x[0])
    assert panel.clamp_line.isVisible()
    assert panel.loss_plot.viewRange()[1][1] > 210
    assert "210" in panel.caption.text() and "100" in panel.caption.text()
    # Label 1 (y = 0): sigma rounds to 1 past about 37, BCELoss reads 100 for a margin of 60.
    session.set_state(replace(session.state, logits=(60.0, 0.0), label=1))
    report = _report(panel)
    assert report.clamped and report.bce_on_sigmoid == 100.0
    assert _number(panel.values["with_logits"].text()) == pytest.approx(60.0)


def test_pos_weight_typed_on_the_keyboard(panel, qtbot):
    edit = panel.pos_weight_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "3")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.session.state.pos_weight == 3.0
    weighted = _report(panel, pos_weight=3.0)
    assert _number(panel.values["weighted"].text()) == pytest.approx(
        weighted.bce_with_logits, rel=1e-3
    )
    assert "pos_weight = 3" in panel.names["weighted"].text()
    assert "y = 1" in panel.names["bce"].text()
    assert panel.weighted_curve.isVisible()
    x, y = panel.weighted_curve.getData()
    np.testing.assert_allclose(y, bce_curves(x, 0, pos_weight=3.0)["bce_with_logits"])
    # A refused value is reported and changes nothing.
    with qtbot.waitSignal(edit.invalidInput):
        edit.selectAll()
        qtbot.keyClicks(edit, "500")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.session.state.pos_weight == 3.0
    # The state drives the field.
    panel.session.set_state(replace(panel.session.state, pos_weight=0.5))
    assert edit.text() == "0.5"
    assert panel.weighted_curve.isVisible()


def test_pos_weight_weighs_only_the_positive_class(panel):
    session = panel.session
    session.set_state(replace(session.state, label=1, pos_weight=4.0))
    plain = _report(panel)
    assert _number(panel.values["weighted"].text()) == pytest.approx(plain.bce_with_logits, 1e-3)
    assert "y = 1" in panel.values["weighted"].text()


def test_temperature_divides_the_margin(panel):
    session = panel.session
    session.set_state(replace(session.state, temperature=2.0))
    assert _number(panel.values["margin"].text()) == -2.5
    assert "/ T" in panel.names["margin"].text()
    assert "/ T" in panel.loss_plot.getAxis("bottom").labelText


def test_other_than_two_classes_show_a_message(panel):
    session = panel.session
    session.set_state(ExplorerState(logits=(2.0, 1.0, 0.1)))
    assert not panel.message.isHidden() and panel.body.isHidden()
    assert "K = 3" in panel.message.text() and "2 classes" in panel.message.text()
    assert "Set the number of classes to 2" in panel.caption.text()
    session.set_state(ExplorerState(logits=(1.0, 0.0)))
    assert panel.message.isHidden() and not panel.body.isHidden()
    assert panel.values["margin"].text() == format_entry(1.0)


def test_the_window_shows_it_from_view_lessons_and_its_preset_opens_it(window_factory):
    window = window_factory()
    assert "binary" not in window.panels  # not built until shown
    window.panel_actions["binary"].trigger()
    assert window.docks["binary"].isVisible()
    assert isinstance(window.panels["binary"], BinaryPanel)
    assert not window.panels["binary"].message.isHidden()  # the default scene has K = 3
    window.panel_actions["binary"].trigger()
    assert scene_panels(PRESET) == ("binary",)
    assert window.open_scene(PRESET, remember=False)
    assert window.docks["binary"].isVisible()
    assert window.panels["binary"].message.isHidden()


@pytest.mark.parametrize("logits", ["-3,2", "2,1,0.1"])
def test_it_renders_from_the_command_line(qapp, tmp_path, logits):
    out = tmp_path / "binary.png"
    argv = [f"--logits={logits}", "--view", "binary", "--size", "640x480", "-o", str(out)]
    assert render_command(argv) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
