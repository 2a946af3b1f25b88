"""Losses compared: the table and curves against the core, clicks that choose the loss."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage

from explorer.cli import render_command
from explorer.core.lessons import LESSON_LOSS_KEYS, loss_curves, losses_compared
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.lessons.losses import (
    SMOOTHED_EPSILON,
    LossesPanel,
    losses_numbers,
    ratio_text,
    sweep_values,
)

from ..mouse import send_mouse, type_into, view_to_viewport

CONFIDENTLY_WRONG = ExplorerState(logits=(0.0, 0.0, 8.0), label=0)


def _panel(qtbot, state: ExplorerState) -> LossesPanel:
    view = LossesPanel(ExplorerSession(state))
    qtbot.addWidget(view)
    view.resize(760, 640)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def panel(qtbot):
    return _panel(qtbot, CONFIDENTLY_WRONG)


def _rows(state: ExplorerState):
    return losses_compared(
        np.asarray(state.logits),
        state.target,
        temperature=state.temperature,
        label_smoothing=state.label_smoothing,
        focal_gamma=state.focal_gamma,
        smoothed_epsilon=SMOOTHED_EPSILON,
    )


def _assert_table_shows(panel, state):
    for row in _rows(state):
        shown_value = float(panel.value_labels[row.key].text())
        shown_gradient = float(panel.gradient_labels[row.key].text())
        assert shown_value == pytest.approx(row.value, rel=5e-3, abs=5e-4), row.key
        assert shown_gradient == pytest.approx(row.gradient_norm, rel=5e-3, abs=5e-4), row.key


def test_the_table_shows_the_cores_values_and_gradient_lengths(panel):
    _assert_table_shows(panel, panel.session.state)
    longest = max(row.gradient_norm for row in _rows(panel.session.state))
    for row in _rows(panel.session.state):
        assert panel.bars[row.key].fraction == pytest.approx(row.gradient_norm / longest)


def test_the_curves_are_the_cores_and_each_dot_sits_on_its_curve(panel):
    state = panel.session.state
    sweep = sweep_values(state, 0)
    assert sweep[0] <= state.logits[0] <= sweep[-1]
    expected = loss_curves(np.asarray(state.logits), 0, 0, sweep, focal_gamma=state.focal_gamma)
    for key in LESSON_LOSS_KEYS:
        x, y = panel.curves[key].getData()
        np.testing.assert_allclose(x, sweep)
        np.testing.assert_allclose(y, expected[key])
    x, y = panel.markers.getData()
    np.testing.assert_allclose(x, [0.0] * 4)
    np.testing.assert_allclose(y, [row.value for row in _rows(state)])
    assert panel.current_line.value() == 0.0
    assert "cat" not in panel.plot.getAxis("bottom").labelText  # no names: "class 0"
    assert "class 0" in panel.plot.getAxis("bottom").labelText


def test_confidently_wrong_squared_errors_gradient_vanishes_in_plain_numbers(panel):
    rows = {row.key: row for row in _rows(CONFIDENTLY_WRONG)}
    cross, squared = rows["cross_entropy"].gradient_norm, rows["squared_error"].gradient_norm
    # (0, 0, 8), label 0: p_0 = 1 / (2 + e^8) = 3.35e-4.
    assert cross == pytest.approx(1.41350, abs=1e-5)
    assert squared == pytest.approx(8.3515e-4, rel=1e-4)
    ratio = cross / squared
    assert 1690 < ratio < 1694
    assert panel.gradient_labels["squared_error"].text() == "8.35e-04"
    assert panel.gradient_labels["cross_entropy"].text() == "1.414"
    assert panel.gradient_labels["squared_error"].font().bold()
    assert not panel.gradient_labels["cross_entropy"].font().bold()
    shown_colour = panel.gradient_labels["squared_error"].palette().windowText().color().name()
    assert shown_colour == "#d55e00"  # squared error's colour (vermillion) in the light theme
    assert panel.bars["squared_error"].fraction < 1e-3
    assert panel.bars["squared_error"].toolTip() == "1/1690 of cross-entropy's"
    caption = panel.caption.text()
    assert "8.35e-04" in caption and "1.414" in caption and "1690 times shorter" in caption
    assert ratio_text(ratio) == "1690"


def test_a_right_prediction_says_so_without_calling_it_vanishing(qtbot):
    view = _panel(qtbot, ExplorerState(logits=(2.0, 1.0, 0.1)))
    assert not view.gradient_labels["squared_error"].font().bold()
    assert "confidently wrong to see it vanish" in view.caption.text()
    assert view.bars["squared_error"].toolTip() == ""


def test_many_uncertain_classes_shorten_it_without_a_confident_mistake(qtbot):
    # K = 10 at uniform logits: squared error's gradient is 50 times shorter (its 2 / K),
    # written beside its bar, but nothing is confidently wrong, so nothing "vanishes".
    view = _panel(qtbot, ExplorerState(logits=(0.0,) * 10))
    assert view.bars["squared_error"].toolTip() == "1/50 of cross-entropy's"
    assert not view.gradient_labels["squared_error"].font().bold()
    assert "confidently wrong to see it vanish" in view.caption.text()


def test_it_follows_the_state_while_a_logit_moves(panel):
    session = panel.session
    for value in (-3.0, 2.5, 9.0):
        session.set_state(session.state.with_logit(0, value))
        _assert_table_shows(panel, session.state)
        x, _ = panel.markers.getData()
        assert x[0] == value and panel.current_line.value() == value
    # Moving the true logit leaves the curves where they were (the sweep is centred on the
    # strongest other logit) as long as it stays inside.
    before = panel.curves["cross_entropy"].getData()[0].copy()
    session.set_state(session.state.with_logit(0, 4.0))
    np.testing.assert_array_equal(panel.curves["cross_entropy"].getData()[0], before)


def test_a_soft_target_sweeps_its_largest_class(qtbot):
    state = ExplorerState(
        logits=(0.0, 1.0, 2.0), soft_target=(0.1, 0.7, 0.2), class_names=("a", "b", "c")
    )
    view = _panel(qtbot, state)
    assert losses_numbers(state).class_index == 1
    assert "b" in view.plot.getAxis("bottom").labelText
    _assert_table_shows(view, state)


def test_a_mouse_click_on_a_row_puts_its_loss_on_the_surface(panel, qtbot):
    session = panel.session
    assert panel.buttons["cross_entropy"].isChecked()
    qtbot.mouseClick(panel.buttons["squared_error"], Qt.MouseButton.LeftButton)
    assert session.state.loss == "squared_error"
    assert panel.buttons["squared_error"].isChecked()
    assert not panel.buttons["cross_entropy"].isChecked()
    # Clicking the row already on the surface keeps it checked (and the state as it was).
    qtbot.mouseClick(panel.buttons["squared_error"], Qt.MouseButton.LeftButton)
    assert session.state.loss == "squared_error" and panel.buttons["squared_error"].isChecked()


def test_the_keyboard_chooses_a_loss_too(panel, qtbot):
    button = panel.buttons["focal"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert panel.session.state.loss == "focal"
    assert button.isChecked()


def test_the_smoothed_row_sets_cross_entropy_with_its_epsilon(panel, qtbot):
    button = panel.buttons["label_smoothed_cross_entropy"]
    assert "label smoothing to 0.1" in button.toolTip()
    panel.session.set_state(panel.session.state.__class__(logits=(0.0, 0.0, 8.0), loss="focal"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    state = panel.session.state
    assert (state.loss, state.label_smoothing) == ("cross_entropy", SMOOTHED_EPSILON)
    assert button.isChecked() and panel.buttons["cross_entropy"].isChecked()
    # With smoothing on, the smoothed row is the state's own (and so is the first row).
    rows = _rows(state)
    assert rows[0].value == pytest.approx(rows[3].value)
    _assert_table_shows(panel, state)


def test_a_click_on_a_curve_puts_its_loss_on_the_surface(panel):
    x_values, y_values = panel.curves["squared_error"].getData()
    index = np.searchsorted(x_values, -2.0)
    view_box = panel.plot.getViewBox()
    point = view_to_viewport(panel.plot_widget, view_box, x_values[index], y_values[index])
    viewport = panel.plot_widget.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(viewport, QEvent.Type.MouseButtonPress, point, left, left)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, point, left, none)
    assert panel.session.state.loss == "squared_error"


def test_gamma_is_typed_into_the_panel(panel, qtbot):
    type_into(qtbot, panel.gamma_edit, "3.5")
    state = panel.session.state
    assert state.focal_gamma == 3.5
    focal = next(row for row in _rows(state) if row.key == "focal")
    assert float(panel.value_labels["focal"].text()) == pytest.approx(focal.value, rel=5e-3)
    # A gamma out of range is refused with a message, and nothing changes.
    messages = []
    panel.invalidInput.connect(messages.append)
    type_into(qtbot, panel.gamma_edit, "12")
    assert panel.session.state.focal_gamma == 3.5 and messages
    # And the field follows a gamma chosen elsewhere.
    panel.session.set_state(panel.session.state.__class__(logits=(0.0, 0.0, 8.0), focal_gamma=1.0))
    assert panel.gamma_edit.text() == "1"


def test_figures_show_gamma_as_text(qtbot):
    view = _panel(qtbot, CONFIDENTLY_WRONG)
    view.set_figure_mode(True)
    assert view.gamma_edit.isHidden() and not view.gamma_value.isHidden()
    assert view.gamma_value.text() == "2"
    assert all(button.focusPolicy() == Qt.FocusPolicy.NoFocus for button in view.buttons.values())
    view.set_figure_mode(False)
    assert not view.gamma_edit.isHidden() and view.gamma_value.isHidden()


def test_temperature_widens_the_sweep(qtbot):
    state = ExplorerState(logits=(0.0, 0.0, 8.0), temperature=2.0)
    sweep = sweep_values(state, 0)
    assert sweep[-1] - sweep[0] == pytest.approx(2 * 12.0 * 2.0)
    view = _panel(qtbot, state)
    _assert_table_shows(view, state)


def test_ratio_text_reads_plainly():
    assert ratio_text(1692.5) == "1690"
    assert ratio_text(3.14159) == "3.14"
    assert ratio_text(123456.0) == "123000"
    assert ratio_text(math.inf) == "∞"


def test_the_window_shows_it_from_view_lessons_and_its_preset_opens_it(window_factory):
    window = window_factory()
    assert "losses" not in window.panels  # not built until shown
    preset = next(path for path in preset_paths() if "losses" in path.name)
    assert scene_panels(preset) == ("losses",)
    state = load_scene(preset)
    assert (state.logits, state.label) == ((0.0, 0.0, 8.0), 0)
    assert window.open_scene(preset, remember=False)
    assert window.docks["losses"].isVisible()
    panel = window.panels["losses"]
    assert isinstance(panel, LossesPanel)
    _assert_table_shows(panel, window.session.state)


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "losses.png"
    arguments = ["--view", "losses", "--logits", "0,0,8", "--size", "640x480", "-o", str(out)]
    assert render_command(arguments) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
