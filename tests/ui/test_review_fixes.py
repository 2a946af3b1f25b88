"""Regressions found by code review; each test names the bug it pins."""

from dataclasses import replace

from PySide6.QtCore import Qt

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
