"""The logit editor's axis: class ticks and range follow the classes, not every move."""

from dataclasses import replace

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from explorer.state import ExplorerState, default_logits

from .mouse import move_held, press, release, view_to_viewport


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
