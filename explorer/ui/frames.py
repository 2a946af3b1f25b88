"""One paint pass per state change: every panel shows a change in the same frame.

Qt's ``QGraphicsScene`` processes its items' updates in a queued call and then sends its
window's pending update request at once, to paint without waiting. With one scene per
plot, a change that moves something in five plots painted the window five times over:
five passes of the backing store (begin, paint what is dirty, flush to the screen), each
showing one more panel in the new state. :class:`PaintBatcher` holds the update requests
of its windows from the moment a change is announced until every scene has processed its
items, then sends one request per window that asked: one pass paints them all.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

#: The posted event that ends a hold; posted at low priority, it is delivered after the
#: scenes' queued calls (normal priority) that were posted while the views redrew.
_RELEASE = QEvent.Type(QEvent.registerEventType())


class PaintBatcher(QObject):
    """Holds the update requests of watched windows while a change is being redrawn.

    Call :meth:`hold` when a change starts (before the views redraw); the requests that
    arrive until the queued processing of that change is over are swallowed and sent again
    as one per window. Nothing is lost: the widgets stay marked dirty in Qt's repaint
    manager, which paints them all when the request comes.

    Two consequences to know: a ``repaint()`` of a watched window's widget during a hold
    paints at the release, not at once (the app calls none; Qt's own, e.g. a button's
    click animation, wait at most that one pass of the event loop); and a change that
    also relays out a plot (a new K, a label that resizes an axis) may still paint in two
    or three passes, as the layout's updates arrive after the release. Drags, descent
    steps and value changes paint in one.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._holding = False
        self._held: list[QWidget] = []
        self.installEventFilter(self)  # the release event is delivered to this object

    @property
    def holding(self) -> bool:
        """Whether update requests are being held now."""
        return self._holding

    def watch(self, widget: QWidget) -> None:
        """Hold ``widget``'s update requests while a change is redrawn (when it is a window).

        Watch the main window and every widget that may become a window of its own (a
        floating dock): only requests sent to a window are held.
        """
        widget.installEventFilter(self)

    def hold(self, *_args) -> None:
        """Start holding update requests until the events queued so far are processed.

        Accepts and ignores arguments, so it can be connected to any signal.
        """
        if self._holding:
            return
        self._holding = True
        QCoreApplication.postEvent(self, QEvent(_RELEASE), Qt.EventPriority.LowEventPriority.value)

    def release(self) -> None:
        """Stop holding and send each window that asked meanwhile one update request."""
        self._holding = False
        held, self._held = self._held, []
        for window in held:
            if isValid(window):  # not deleted meanwhile
                QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: D102, N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.UpdateRequest:
            if self._holding and watched is not self and watched.isWindow():
                if watched not in self._held:
                    self._held.append(watched)
                return True
            return False
        if kind == _RELEASE and watched is self:
            self.release()
            return True
        return False


__all__ = ["PaintBatcher"]
