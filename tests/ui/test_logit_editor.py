"""The logit editor: its axis (class ticks and range follow the classes, not every move),
dragging bars, typing values and names, the keyboard, and the class count."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from explorer import core
from explorer.scenes import save_scene
from explorer.state import MAX_NAME_LENGTH, ExplorerState, default_logits

from .mouse import drag, move_held, press, release, send_mouse, type_into, view_to_viewport


def _ticks(window) -> list[tuple[float, str]]:
    return list(window.logit_editor.plot.getAxis("bottom")._tickLevels[0])


def test_class_ticks_follow_names_and_the_number_of_classes(window):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=0))
    assert [text for _, text in _ticks(window)] == ["class 0", "class 1", "class 2"]
    window.set_state(replace(window.state, class_names=("", "dog", "")))
    assert [text for _, text in _ticks(window)] == ["class 0", "dog", "class 2"]
    window.set_state(window.state.with_logit(1, 3.0))  # a value: the ticks stay
    assert [text for _, text in _ticks(window)] == ["class 0", "dog", "class 2"]
    window.set_state(ExplorerState(logits=default_logits(10), label=0))
    assert [text for _, text in _ticks(window)] == [str(i) for i in range(10)]


def test_the_range_stays_during_a_drag_and_fits_the_bars_after_it(window):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=0))
    editor = window.logit_editor
    QApplication.processEvents()
    before = editor.view_box.viewRange()[1]
    start = view_to_viewport(editor.plot_widget, editor.view_box, 0, 2.0)
    press(editor.plot_widget, start)
    for step in range(1, 6):  # far above the top of the plot
        move_held(editor.plot_widget, QPoint(start.x(), start.y() - 60 * step))
    assert editor.view_box.viewRange()[1] == before
    release(editor.plot_widget, QPoint(start.x(), start.y() - 300))
    low, high = editor.view_box.viewRange()[1]
    assert window.state.logits[0] > before[1]  # dragged beyond the old range
    assert low <= min(0.0, *window.state.logits) and high >= max(window.state.logits)


def test_items_under_a_dragging_pointer_get_no_hover_events(window):
    """pyqtgraph searches the items near the pointer for each move it sends them; the moves
    of a drag under way skip that (nothing may take a hover mid-drag), outside drags not."""
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QRectF, Qt

    from .mouse import send_mouse

    class HoverProbe(pg.GraphicsObject):
        def __init__(self):
            super().__init__()
            self.hovers = 0

        def boundingRect(self):  # noqa: N802 (Qt override)
            return QRectF(-1.0, -100.0, 5.0, 200.0)  # under every bar

        def paint(self, *args):
            pass

        def hoverEvent(self, event):  # noqa: N802 (pyqtgraph's hover API)
            self.hovers += 1

    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=0))
    editor = window.logit_editor
    probe = HoverProbe()
    editor.plot.addItem(probe)
    QApplication.processEvents()
    start = view_to_viewport(editor.plot_widget, editor.view_box, 1, 1.0)
    none = Qt.MouseButton.NoButton
    viewport = editor.plot_widget.viewport()
    send_mouse(viewport, QEvent.Type.MouseMove, start + QPoint(1, 0), none, none)
    assert probe.hovers == 1  # a plain move: hovered
    press(editor.plot_widget, start)
    move_held(editor.plot_widget, QPoint(start.x(), start.y() - 20))  # starts the drag
    started = probe.hovers
    for step in range(2, 12):
        move_held(editor.plot_widget, QPoint(start.x(), start.y() - 20 * step))
    assert editor.view_box.dragging == 1 and probe.hovers == started
    release(editor.plot_widget, QPoint(start.x(), start.y() - 220))
    send_mouse(viewport, QEvent.Type.MouseMove, start, none, none)
    assert probe.hovers > started  # hovering again
    assert window.state.logits[1] > 1.0


# Dragging, typing and the keyboard: widget -> state, state -> widget --------------------


def test_mouse_drag_changes_logit_by_dragged_amount(window, qtbot):
    editor = window.logit_editor
    view_box = editor.view_box
    before = window.state.logits
    start = view_to_viewport(editor.plot_widget, view_box, 1, before[1])
    end = start + type(start)(0, -60)  # 60 pixels up
    expected_delta = (
        view_box.mapSceneToView(editor.plot_widget.mapToScene(end)).y()
        - view_box.mapSceneToView(editor.plot_widget.mapToScene(start)).y()
    )
    assert expected_delta > 0.3
    drag(editor.plot_widget, start, end)
    after = window.state.logits
    assert after[1] == pytest.approx(before[1] + expected_delta, abs=1e-9)
    assert after[0] == before[0] and after[2] == before[2]
    shown = window.probability_plot.bars.heights
    np.testing.assert_array_equal(shown, core.softmax(np.asarray(after)))
    # One drag is one undo step.
    window.session.undo()
    assert window.state.logits == before


def test_drag_moves_skip_pyqtgraphs_scene_and_land_where_its_mapping_puts_them(window, monkeypatch):
    editor = window.logit_editor
    view_box, plot_widget = editor.view_box, editor.plot_widget
    scene = plot_widget.scene()
    drag_events = []
    send_drag_event = scene.sendDragEvent
    monkeypatch.setattr(
        scene,
        "sendDragEvent",
        lambda *args, **kwargs: drag_events.append(1) or send_drag_event(*args, **kwargs),
    )
    before = window.state.logits
    start = view_to_viewport(plot_widget, view_box, 2, before[2])

    def value_at(point):
        return view_box.mapSceneToView(plot_widget.mapToScene(point)).y()

    press(plot_widget, start)
    for step in range(1, 9):
        point = start + QPoint(0, -9 * step)
        move_held(plot_widget, point)
        expected = before[2] + value_at(point) - value_at(start)
        assert window.state.logits[2] == pytest.approx(expected, abs=1e-12)
        assert view_box.dragging == 2
    # The move that started the drag went through the scene; the seven after it did not.
    assert len(drag_events) == 1
    release(plot_widget, point)
    assert len(drag_events) == 2 and view_box.dragging is None
    assert window.state.logits[2] == pytest.approx(expected, abs=1e-12)
    window.session.undo()  # the whole drag, one step
    assert window.state.logits == before
    # Outside a drag the plot's events take pyqtgraph's way again.
    send_mouse(
        plot_widget.viewport(),
        QEvent.Type.MouseMove,
        start,
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
    )
    assert window.state.logits == before


def test_a_drag_whose_release_was_lost_ends_at_the_next_press(window):
    editor = window.logit_editor
    view_box, plot_widget = editor.view_box, editor.plot_widget
    before = window.state.logits
    start = view_to_viewport(plot_widget, view_box, 1, before[1])
    press(plot_widget, start)
    for step in range(1, 4):
        move_held(plot_widget, start + QPoint(0, -12 * step))
    dragged = window.state.logits
    assert dragged[1] > before[1] and view_box.dragging == 1
    # No release: the next press ends the drag where it was, and its small moves (under
    # the drag threshold) move nothing.
    elsewhere = view_to_viewport(plot_widget, view_box, 0, before[0])
    press(plot_widget, elsewhere)
    assert view_box.dragging is None
    move_held(plot_widget, elsewhere + QPoint(0, -2))
    assert window.state.logits == dragged
    # The press starts a drag of its own: bar 0 follows the pointer, bar 1 stays.
    for step in range(1, 6):
        move_held(plot_widget, elsewhere + QPoint(0, -12 * step))
    release(plot_widget, elsewhere + QPoint(0, -60))
    after = window.state.logits
    assert after[0] > before[0] + 0.3 and after[1] == dragged[1]
    window.session.undo()  # the second drag
    assert window.state.logits == dragged
    window.session.undo()  # the first
    assert window.state.logits == before


def test_a_dragged_bar_stays_under_the_pointer_when_the_plot_moves_mid_drag(window):
    editor = window.logit_editor
    view_box, plot_widget = editor.view_box, editor.plot_widget
    before = window.state.logits
    start = view_to_viewport(plot_widget, view_box, 2, before[2])
    press(plot_widget, start)
    for step in range(1, 6):
        point = start + QPoint(0, -10 * step)
        move_held(plot_widget, point)
    grabbed = view_box.mapSceneToView(plot_widget.mapToScene(start)).y() - before[2]
    # The window grows while the button is held: the plot's pixels map to other values.
    window.resize(window.width(), window.height() + 120)
    for _ in range(5):
        QApplication.processEvents()
    move_held(plot_widget, point)
    moved = window.state.logits[2]
    release(plot_widget, point)
    # The release where the last move was changes nothing, and the point grabbed on the
    # bar is where the pointer is.
    assert window.state.logits[2] == moved
    under_pointer = view_box.mapSceneToView(plot_widget.mapToScene(point)).y()
    assert moved + grabbed == pytest.approx(under_pointer, abs=1e-9)


def test_keyboard_selects_and_nudges(window, qtbot):
    plot = window.logit_editor.plot_widget
    plot.setFocus()
    before = window.state.logits
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert window.logit_editor.selected == 1
    qtbot.keyClick(plot, Qt.Key.Key_Up)
    assert window.state.logits[1] == pytest.approx(before[1] + 0.1)
    qtbot.keyClick(plot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.state.logits[1] == pytest.approx(before[1] + 0.1 - 1.0)


def test_shift_all_changes_nothing_but_the_logits(window, qtbot):
    before = window.session.derived.analysis.probabilities
    qtbot.mouseClick(window.logit_editor.shift_button, Qt.MouseButton.LeftButton)
    assert window.state.logits == tuple(v + 1.0 for v in (2.0, 1.0, 0.1))
    np.testing.assert_allclose(window.session.derived.analysis.probabilities, before, rtol=1e-14)


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "1e999", "5e6", ""])
def test_invalid_typed_values_are_rejected_visibly(window, qtbot, text):
    before = window.state
    editor = window.logit_editor.value_edits[0]
    editor.setFocus()
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        editor.clear()
        editor.setModified(True)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.state == before
    assert window.message_bar.isVisible()
    assert window.message_bar.text()
    assert editor.text() == "2"  # the previous value is back


def test_a_refused_entry_is_unflagged_by_the_next_change_elsewhere(window, qtbot):
    editor = window.logit_editor.value_edits[1]
    type_into(qtbot, editor, "abc")
    assert editor.property("invalid")
    window.logit_editor.value_edits[0].setFocus()
    window.session.set_state(window.state.with_logit(0, 0.5))  # another logit changes
    assert not editor.property("invalid")
    assert editor.text() == "1"


def test_zero_line_lies_under_the_logit_handles(window):
    editor = window.logit_editor
    assert editor.zero_line.zValue() < editor.chart.zValue()


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


def test_selecting_a_class_does_not_rebuild_the_rows(window, qtbot):
    edits = list(window.logit_editor.value_edits)
    window.logit_editor.plot_widget.setFocus()
    qtbot.keyClick(window.logit_editor.plot_widget, Qt.Key.Key_Right)
    assert window.logit_editor.value_edits == edits


# The number of classes, typed (issue 27): QSpinBox dropped each keystroke that made its
# text invalid, so "51" applied K = 5 (dropping classes), "3.5" K = 35, "1e1" K = 11.
REFUSED_CLASS_COUNTS = ["51", "100", "3.5", "1e1", "-3", "1", "0", "abc", "0x5", "1_0", "5,0"]


@pytest.mark.parametrize("typed", REFUSED_CLASS_COUNTS)
def test_a_typed_class_count_that_is_not_a_whole_number_in_range_is_refused(window, qtbot, typed):
    before = window.state
    count = window.logit_editor.class_count
    with qtbot.waitSignal(window.logit_editor.invalidInput, timeout=1000) as refusal:
        type_into(qtbot, count, typed)
    assert window.state == before  # the classes are kept
    assert count.value() == before.num_classes and count.text() == str(before.num_classes)
    message = refusal.args[0]
    assert window.message_bar.isVisible() and window.message_bar.text() == message
    assert "2" in message and "50" in message


def test_a_class_count_in_other_digits_is_refused(window, qtbot):
    before = window.state
    count = window.logit_editor.class_count
    count.setFocus()
    count.selectAll()
    count.lineEdit().insert("\u0661\u0662")  # 12 in Arabic-Indic digits (keyClicks: ASCII)
    with qtbot.waitSignal(window.logit_editor.invalidInput, timeout=1000):
        qtbot.keyClick(count, Qt.Key.Key_Return)
    assert window.state == before and count.text() == str(before.num_classes)


def test_an_emptied_class_count_is_refused_with_a_message(window, qtbot):
    before = window.state
    count = window.logit_editor.class_count
    count.setFocus()
    count.selectAll()
    with qtbot.waitSignal(window.logit_editor.invalidInput, timeout=1000):
        qtbot.keyClick(count, Qt.Key.Key_Backspace)
        qtbot.keyClick(count, Qt.Key.Key_Return)
    assert window.state == before and count.text() == str(before.num_classes)


@pytest.mark.parametrize("typed", ["12", "50", "2", "7", " 8 ", "+9"])
def test_a_typed_class_count_applies_the_whole_number(window, qtbot, typed):
    count = window.logit_editor.class_count
    with qtbot.assertNotEmitted(window.logit_editor.invalidInput):
        type_into(qtbot, count, typed)
    assert window.state.num_classes == int(typed)
    assert window.session.can_undo()
    window.undo_action.trigger()  # one edit: not 1 and then 12
    assert window.state.num_classes == 3


def test_a_class_count_is_applied_or_refused_when_the_field_loses_focus(window, qtbot):
    editor = window.logit_editor
    count = editor.class_count
    count.setFocus()
    count.selectAll()
    qtbot.keyClicks(count, "12")
    assert window.state.num_classes == 3  # nothing applied while typing
    editor.plot_widget.setFocus()
    assert window.state.num_classes == 12
    count.setFocus()
    count.selectAll()
    qtbot.keyClicks(count, "51")
    with qtbot.waitSignal(editor.invalidInput, timeout=1000):
        editor.plot_widget.setFocus()
    assert window.state.num_classes == 12 and count.text() == "12"


def test_stepping_the_class_count_still_works(window, qtbot):
    count = window.logit_editor.class_count
    count.setFocus()
    qtbot.keyClick(count, Qt.Key.Key_Up)
    assert window.state.num_classes == 4
    count.stepBy(-2)
    assert window.state.num_classes == 2


# Class names, typed (issue 27): a focused name field was never refreshed from the state,
# and Enter re-applied whatever it showed; names were cut to 40 UTF-16 units.
def _name_field(window, index):
    return window.logit_editor.findChild(QLineEdit, f"className{index}")


def test_a_focused_name_field_follows_undo_and_enter_does_not_reapply_it(window, qtbot):
    field = _name_field(window, 0)
    type_into(qtbot, field, "dog")
    assert window.state.class_names[0] == "dog" and field.hasFocus()
    window.undo_action.trigger()
    assert window.state.class_names[0] == ""
    assert field.text() == ""  # focused, and refreshed all the same
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.class_names[0] == ""
    assert window.session.can_redo()  # Enter made no edit, so the redo is still there
    window.redo_action.trigger()
    assert field.text() == "dog"


def test_a_loaded_scene_is_not_overwritten_by_a_focused_name_field(window, qtbot, tmp_path):
    field = _name_field(window, 1)
    type_into(qtbot, field, "old")
    scene = tmp_path / "names.json"
    save_scene(replace(window.state, class_names=("a", "loaded", "c")), scene)
    assert window.open_scene(scene)
    field.setFocus()  # (as it was: a dialog may have taken it)
    assert field.text() == "loaded"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    field.clearFocus()
    assert window.state.class_names == ("a", "loaded", "c")


def test_a_name_being_typed_is_not_replaced_by_another_change(window, qtbot):
    field = _name_field(window, 2)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "half typ")
    window.set_state(window.state.with_logit(0, 4.0))
    window.set_state(replace(window.state, class_names=("x", "y", "")))
    assert field.text() == "half typ"  # the person's edit since the last sync stays
    qtbot.keyClicks(field, "ed")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.class_names == ("x", "y", "half typed")


def test_a_name_holds_40_characters_not_40_utf16_units(window, qtbot):
    field = _name_field(window, 0)
    field.setFocus()
    field.selectAll()
    field.insert("😀" * MAX_NAME_LENGTH)  # 40 code points, 80 UTF-16 units
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.class_names[0] == "😀" * MAX_NAME_LENGTH
    assert field.text() == "😀" * MAX_NAME_LENGTH
    field.end(False)
    field.insert("😀")  # the 41st does not go in
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.class_names[0] == "😀" * MAX_NAME_LENGTH
    assert len(field.text()) == MAX_NAME_LENGTH


def test_the_fields_found_by_name_are_the_current_rows_right_after_a_change_of_k(window):
    """The rows a change of K replaced wait for a deleteLater; they must not be found by
    their object names meanwhile (a test or a script would type into a dead row)."""
    window.set_state(ExplorerState(logits=default_logits(4)))
    window.set_state(ExplorerState(logits=default_logits(3)))  # no event processed since
    editor = window.logit_editor
    assert editor.findChild(QLineEdit, "className1") is editor.name_edits[1]
    assert editor.findChild(QLineEdit, "logitValue1") is editor.value_edits[1]
    assert len(editor.findChildren(QLineEdit, "className1")) == 1


def test_the_shift_field_shows_1000_whole_at_any_text_size(window):
    """Issue 24: at a large text size the field showed "l000" (its first digit cut)."""
    from PySide6.QtGui import QFont, QFontMetrics

    field = window.logit_editor.shift_amount
    before = field.font()
    try:
        for size in (before.pointSizeF(), 2 * before.pointSizeF()):
            font = QFont(before)
            font.setPointSizeF(size)
            field.setFont(font)
            window.logit_editor.setFont(font)  # (a FontChange refits the field)
            field.set_value(-1000.0)
            text_width = QFontMetrics(font).horizontalAdvance(field.text())
            assert field.maximumWidth() >= text_width + 10, (size, field.maximumWidth())
    finally:
        field.setFont(before)
        window.logit_editor.setFont(before)
        field.set_value(1.0)
