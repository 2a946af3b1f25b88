"""Bars, markers and labels of a per-class plot, drawn by one graphics item in one paint.

pyqtgraph's ``BarGraphItem``, ``ScatterPlotItem`` and ``TextItem`` are general and each
costs a Python ``boundingRect`` and ``paint`` (and for scatter plots a good deal of NumPy)
on every repaint. A bar plot whose bars, markers and labels all change on every mouse move
(benchmarks/bench_interaction.py) is cheaper drawn as layers of one item: bars in data
coordinates, markers and labels at a fixed pixel size whatever the zoom.

A view creates the layers once (``chart.add(BarLayer(...))``) and updates them with their
``set_*`` methods; a layer repaints the chart only when its data or style changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform


class _Layer:
    """One kind of mark in a :class:`ChartItem`; ``visible`` hides it without data loss."""

    def __init__(self):
        self.chart: ChartItem | None = None
        self.visible = True

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt-style, as the items it replaces)
        """Show or hide the layer."""
        if visible != self.visible:
            self.visible = visible
            self._changed()

    def isVisible(self) -> bool:  # noqa: N802 (Qt-style)
        """Whether the layer is drawn."""
        return self.visible

    def _changed(self) -> None:
        if self.chart is not None:
            self.chart.update()

    def paint(self, painter: QPainter, transform: QTransform) -> None:
        """Draw the layer; ``transform`` maps data to device pixels."""
        raise NotImplementedError


class BarLayer(_Layer):
    """Vertical bars from 0 to ``heights`` centred on ``x``, ``width`` data units wide.

    ``brushes`` gives one brush per bar (or ``brush`` one for all); ``pen`` outlines them
    (``None``: no outline). Attributes ``x`` and ``heights`` hold what is drawn.
    """

    def __init__(self, width: float):
        super().__init__()
        self.width = width
        self.x = np.zeros(0)
        self.heights = np.zeros(0)
        self._rects: list[QRectF] = []
        self._brushes: list[QBrush] = []
        self._pen: QPen | None = None

    def set_bars(
        self,
        x: np.ndarray,
        heights: np.ndarray,
        brush: QBrush | None = None,
        brushes: Sequence[QBrush] | None = None,
        pen: QPen | None = None,
    ) -> None:
        """Replace the bars (and their style)."""
        x = np.asarray(x, dtype=float)
        heights = np.asarray(heights, dtype=float)
        if brushes is None:
            brushes = [brush if brush is not None else QBrush(Qt.BrushStyle.NoBrush)] * x.size
        brushes = list(brushes)
        if (
            np.array_equal(x, self.x)
            and np.array_equal(heights, self.heights)
            and brushes == self._brushes
            and pen == self._pen
        ):
            return
        self.x, self.heights = x.copy(), heights.copy()
        half = self.width / 2
        self._rects = [
            QRectF(left, min(0.0, h), self.width, abs(h))
            for left, h in zip((x - half).tolist(), heights.tolist(), strict=True)
        ]
        self._brushes = brushes
        self._pen = None if pen is None else QPen(pen)
        self._changed()

    def paint(self, painter: QPainter, transform: QTransform) -> None:  # noqa: D102
        if not self._rects:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, brush in zip(self._rects, self._brushes, strict=True):
            if brush.style() != Qt.BrushStyle.NoBrush:
                painter.fillRect(rect, brush)
        if self._pen is not None:
            painter.setPen(self._pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(self._rects)


class MarkerLayer(_Layer):
    """Markers of a fixed pixel size at data points ``(x[i], y[i])``.

    ``symbol`` is a pyqtgraph symbol name (``"s"``, ``"star"``, ``"t"``, ``"t1"``, ...).
    """

    def __init__(self, symbol: str, size: float):
        super().__init__()
        self._path = QTransform.fromScale(size, size).map(Symbols[symbol])
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self._brush = QBrush(Qt.BrushStyle.NoBrush)
        self._pen = QPen(Qt.PenStyle.NoPen)

    def set_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """Move the markers."""
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if np.array_equal(x, self.x) and np.array_equal(y, self.y):
            return
        self.x, self.y = x.copy(), y.copy()
        self._changed()

    def set_style(self, brush: QBrush, pen: QPen) -> None:
        """Fill and outline of every marker."""
        self._brush, self._pen = QBrush(brush), QPen(pen)
        self._changed()

    def paint(self, painter: QPainter, transform: QTransform) -> None:  # noqa: D102
        if not self.x.size:
            return
        px = transform.m11() * self.x + transform.m21() * self.y + transform.dx()
        py = transform.m12() * self.x + transform.m22() * self.y + transform.dy()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self._brush)
        painter.setPen(self._pen)
        for left, top in zip(px.tolist(), py.tolist(), strict=True):
            painter.setTransform(QTransform.fromTranslate(left, top))
            painter.drawPath(self._path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


class LabelLayer(_Layer):
    """Short texts anchored at data points.

    ``anchor=(0.5, 1)`` puts the text's bottom centre at the point; ``offset`` moves it
    by pixels (negative: up on screen).
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
            self._changed()

    def set_labels(self, labels: Iterable[tuple]) -> None:
        """Replace the labels: an iterable of ``(x, y, text, anchor, offset, color)``."""
        labels = [
            (float(x), float(y), text, anchor, offset, QColor(color))
            for x, y, text, anchor, offset, color in labels
        ]
        if labels != self._labels:
            self._labels = labels
            self._changed()

    def texts(self) -> list[str]:
        """The texts shown, in order."""
        return [label[2] for label in self._labels]

    def paint(self, painter: QPainter, transform: QTransform) -> None:  # noqa: D102
        if not self._labels:
            return
        painter.resetTransform()
        painter.setFont(self._font)
        metrics = self._metrics
        ascent, height = metrics.ascent(), metrics.height()
        for x, y, text, (anchor_x, anchor_y), offset, color in self._labels:
            if not text:
                continue
            point = transform.map(QPointF(x, y))
            left = point.x() - anchor_x * metrics.horizontalAdvance(text)
            top = point.y() - anchor_y * height + offset
            painter.setPen(color)
            painter.drawText(QPointF(left, top + ascent), text)


class ChartItem(pg.GraphicsObject):
    """Draws its layers in the order they were added, in one ``paint``.

    The bounding rectangle is the visible view: markers and labels have pixel sizes, and
    everything in these plots moves together anyway.
    """

    def __init__(self):
        super().__init__()
        self.layers: list[_Layer] = []

    def add(self, layer: _Layer) -> _Layer:
        """Append ``layer`` (drawn above the earlier ones) and return it."""
        layer.chart = self
        self.layers.append(layer)
        self.update()
        return layer

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        view = self.getViewBox()
        return QRectF(view.viewRect()) if view is not None else QRectF()

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        transform = painter.transform()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for layer in self.layers:
            if layer.visible:
                painter.setTransform(transform)  # layers drawing in pixels reset it
                layer.paint(painter, transform)
        painter.restore()


__all__ = ["BarLayer", "ChartItem", "LabelLayer", "MarkerLayer"]
