"""Real input events: mouse drags on pyqtgraph widgets (QTest.mouseMove carries no button
state) and typing into a field."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def send_mouse(widget, kind, position: QPoint, button, buttons) -> None:
    """Send one mouse event at ``position`` (widget pixels) and process what it posts."""
    local = QPointF(position)
    event = QMouseEvent(
        kind,
        local,
        QPointF(widget.mapToGlobal(position)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def view_to_viewport(plot_widget, view_box, x: float, y: float) -> QPoint:
    """Viewport pixel of data point (x, y) of ``view_box`` inside ``plot_widget``."""
    scene_point = view_box.mapViewToScene(QPointF(x, y))
    return plot_widget.mapFromScene(scene_point)


def press(plot_widget, point: QPoint) -> None:
    """Press the left button at ``point`` of ``plot_widget``'s viewport."""
    left = Qt.MouseButton.LeftButton
    send_mouse(plot_widget.viewport(), QEvent.Type.MouseButtonPress, point, left, left)


def move_held(plot_widget, point: QPoint) -> None:
    """Move to ``point`` with the left button held."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(plot_widget.viewport(), QEvent.Type.MouseMove, point, none, left)


def release(plot_widget, point: QPoint) -> None:
    """Release the left button at ``point``."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(plot_widget.viewport(), QEvent.Type.MouseButtonRelease, point, left, none)


def drag(plot_widget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """Press the left button at ``start``, move in ``steps`` to ``end``, release there."""
    press(plot_widget, start)
    for step in range(1, steps + 1):
        move_held(plot_widget, start + (end - start) * (step / steps))
    release(plot_widget, end)


def type_into(qtbot, edit, text: str) -> None:
    """Select all of ``edit``, type ``text`` and press Return, as a user would."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
