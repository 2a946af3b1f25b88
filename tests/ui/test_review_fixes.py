"""Regressions found by code review; each test names the bug it pins."""

from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from explorer.state import ExplorerState

from .mouse import type_into


def test_typed_surface_range_is_applied(window, qtbot):
    type_into(qtbot, window.surface_view.range_max, "10")
    assert window.state.surface_range == (-6.0, 10.0, -6.0, 10.0)


def test_a_surface_range_too_narrow_to_draw_is_refused_with_a_message(window, qtbot):
    """A range a few hundred orders of magnitude narrow made the plot's scale infinite
    and the window crashed on the next paint (found by fuzzing extreme states)."""
    type_into(qtbot, window.surface_view.range_min, "0")
    assert window.state.surface_range == (0.0, 6.0, 0.0, 6.0)
    type_into(qtbot, window.surface_view.range_max, "1e-310")
    assert window.state.surface_range == (0.0, 6.0, 0.0, 6.0)
    assert window.message_bar.isVisible()
    assert "at least 1e-06 wide" in window.message_bar.text()
    assert window.surface_view.range_max.text() == "6"
    window.surface_view.step_button.click()  # the window still draws
    qtbot.wait(10)
    type_into(qtbot, window.surface_view.range_max, "1e-6")  # the narrowest allowed
    assert window.state.surface_range == (0.0, 1e-6, 0.0, 1e-6)
    window.grab()


def test_typed_shift_amount_is_applied(window, qtbot):
    type_into(qtbot, window.logit_editor.shift_amount, "5")
    qtbot.mouseClick(window.logit_editor.shift_button, Qt.MouseButton.LeftButton)
    assert window.state.logits == (7.0, 6.0, 5.1)


def test_typing_a_class_count_does_not_apply_its_first_digit(window, qtbot):
    names = tuple(f"n{i}" for i in range(10))
    window.set_state(replace(window.state.with_num_classes(10), class_names=names))
    logits = window.state.logits
    spin = window.logit_editor.class_count
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "30")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.state.num_classes == 30
    assert window.state.logits[:10] == logits and window.state.class_names[:10] == names


def test_arrow_keys_in_the_shift_field_do_not_nudge_a_logit(window, qtbot):
    before = window.state
    window.logit_editor.shift_amount.setFocus()
    qtbot.keyClick(window.logit_editor.shift_amount, Qt.Key.Key_Up)
    assert window.state == before


def test_a_slider_drag_is_one_undo_step(window):
    before = window.state
    slider = window.target_chooser.temperature_slider
    slider.sliderPressed.emit()
    for position in range(200, 260, 5):
        slider.setValue(position)
    slider.sliderReleased.emit()
    assert window.state.temperature != before.temperature
    window.session.undo()
    assert window.state == before


def test_nested_gestures_make_one_undo_step(window):
    session = window.session
    before = session.state
    session.begin_gesture()  # Play
    session.step()
    session.begin_gesture()  # a bar dragged meanwhile
    session.set_state(session.state.with_logit(2, 1.5))
    session.end_gesture()
    session.step()
    session.step()
    session.end_gesture()
    session.undo()
    assert session.state == before
    assert not session.can_undo()


def test_learning_rate_field_follows_undo(window, qtbot):
    type_into(qtbot, window.surface_view.learning_rate, "0.5")
    assert window.state.learning_rate == 0.5
    window.session.undo()
    assert window.surface_view.learning_rate.text() == "1"


def test_selecting_a_class_does_not_rebuild_the_rows(window, qtbot):
    edits = list(window.logit_editor.value_edits)
    window.logit_editor.plot_widget.setFocus()
    qtbot.keyClick(window.logit_editor.plot_widget, Qt.Key.Key_Right)
    assert window.logit_editor.value_edits == edits


def test_class_names_are_not_markup(window):
    window.set_state(replace(window.state, class_names=("x<y", "<b>dog</b>", "")))
    label = window.surface_view.plot.getAxis("bottom").labelString()
    assert "x&lt;y" in label
    assert window.readouts.values["predicted"].textFormat() == Qt.TextFormat.PlainText


def test_the_trail_survives_a_change_of_surface_axes(window):
    for _ in range(3):
        window.session.step()
    window.set_state(replace(window.state, surface_axes=(0, 2)))
    assert len(window.session.derived.trail) == 4


def test_soft_formula_never_prints_log_0(window):
    window.set_state(replace(window.state, logits=(1000.0, 0.0, 0.0), soft_target=(0.5, 0.5, 0.0)))
    text = window.readouts.formula.text()
    assert "log 0 " not in text and "log 1 " not in text
    assert "(-1000)" in text


def test_a_scene_given_on_the_command_line_can_be_saved_again(window, tmp_path):
    window.remember_scene(tmp_path / "start.json")
    assert isinstance(window.scene_path, Path)
    assert window._folder() == tmp_path


def test_window_state_is_replaced_not_mutated(window):
    state = ExplorerState(logits=(0.0, 1.0))
    window.set_state(state)
    assert window.state is state and np.isfinite(window.session.derived.analysis.kl_to_target)
