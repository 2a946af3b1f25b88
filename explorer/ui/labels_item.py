"""Many short text labels at data points, painted by one graphics item.

pyqtgraph's ``TextItem`` is a ``QGraphicsTextItem`` per label with its own transforms and
Python bounding-rect calls on every repaint; the bar plots need a dozen labels that change
on every mouse move. This item keeps positions, texts and anchors in lists and draws them
all in one ``paint`` at a fixed pixel size, whatever the zoom.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter


class LabelsItem(pg.GraphicsObject):
    """Labels anchored at data points: ``anchor=(0.5, 1)`` puts the text's bottom centre there.

    Offsets are in pixels (``offset_y < 0`` moves the text up on screen).
    """

    def __init__(self):
        super().__init__()
        self._labels: list[tuple[float, float, str, tuple[float, float], float, QColor]] = []
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)

    def set_font(self, font: QFont) -> None:
        """Font of every label."""
        if font != self._font:
            self._font = QFont(font)
            self._metrics = QFontMetricsF(self._font)
            self.update()

    def set_labels(self, labels) -> None:
        """Replace the labels: an iterable of ``(x, y, text, anchor, offset_y, color)``."""
        labels = [
            (float(x), float(y), text, anchor, offset, QColor(color))
            for x, y, text, anchor, offset, color in labels
        ]
        if labels != self._labels:
            self._labels = labels
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        # Texts have a pixel size, so data bounds cannot hold them: cover the visible view.
        view = self.getViewBox()
        return QRectF(view.viewRect()) if view is not None else QRectF()

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        if not self._labels:
            return
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        metrics = self._metrics
        ascent = metrics.ascent()
        height = metrics.height()
        for x, y, text, (anchor_x, anchor_y), offset, color in self._labels:
            if not text:
                continue
            point = transform.map(QPointF(x, y))
            width = metrics.horizontalAdvance(text)
            left = point.x() - anchor_x * width
            top = point.y() - anchor_y * height + offset
            painter.setPen(color)
            painter.drawText(QPointF(left, top + ascent), text)
        painter.restore()


__all__ = ["LabelsItem"]
