"""PaintBatcher: a change's repaints wait for the queued work of that change, none is lost."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from explorer.ui.frames import PaintBatcher


class _CountingWidget(QWidget):
    def __init__(self):
        super().__init__()
        self.paints = 0

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        self.paints += 1


def _shown(qtbot) -> _CountingWidget:
    widget = _CountingWidget()
    qtbot.addWidget(widget)
    widget.resize(120, 80)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    widget.paints = 0
    return widget


def test_held_update_requests_are_sent_once_the_queued_events_are_processed(qtbot):
    widget = _shown(qtbot)
    batcher = PaintBatcher()
    batcher.watch(widget)
    batcher.hold()
    assert batcher.holding
    widget.update()
    # What a graphics scene does after processing its items: send the request at once.
    QApplication.sendPostedEvents(widget, QEvent.Type.UpdateRequest)
    assert widget.paints == 0
    batcher.hold()  # a second change before the release: still one release, one paint
    widget.update()
    QApplication.processEvents()
    assert not batcher.holding
    assert widget.paints == 1


def test_without_a_hold_or_a_held_request_nothing_changes(qtbot):
    widget = _shown(qtbot)
    batcher = PaintBatcher()
    batcher.watch(widget)
    widget.update()
    QApplication.processEvents()
    assert widget.paints == 1
    batcher.hold()  # nothing to paint: the release sends nothing
    QApplication.processEvents()
    assert not batcher.holding
    assert widget.paints == 1


def test_requests_of_widgets_inside_a_window_are_not_held(qtbot):
    """Only windows receive update requests; a child widget's own events pass through."""
    window = _shown(qtbot)
    child = QWidget(window)
    batcher = PaintBatcher()
    batcher.watch(child)
    batcher.hold()
    window.update()
    QApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)
    assert window.paints == 1
    QApplication.processEvents()
    assert not batcher.holding


def test_a_window_deleted_while_its_request_is_held_is_skipped(qtbot):
    import shiboken6

    widget = _shown(qtbot)
    other = _shown(qtbot)
    batcher = PaintBatcher()
    batcher.watch(widget)
    batcher.watch(other)
    batcher.hold()
    widget.update()
    other.update()
    QApplication.sendPostedEvents(widget, QEvent.Type.UpdateRequest)
    QApplication.sendPostedEvents(other, QEvent.Type.UpdateRequest)
    assert widget.paints == other.paints == 0
    shiboken6.delete(widget)
    QApplication.processEvents()  # the release: no error, the other window is painted
    assert other.paints == 1
