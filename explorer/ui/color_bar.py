"""A colour bar that draws its gradient, ticks and labels itself, in one paint.

pyqtgraph's ``ColorBarItem`` carries an ``AxisItem`` whose tick generation (Python, with a
text measurement per label) runs again whenever the levels change: about 2.5 ms, every
time a new label or a descent step moves the loss surface's range. Here the ticks are a
1-2-2.5-5 series (:func:`~explorer.core.nice.nice_ticks`) drawn with ``drawText``; the width only
grows, so a new range never relays out the plot beside it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ..core.nice import nice_ticks
from .heatmap_item import rgb32_table

BAR_WIDTH = 14
TICK_LENGTH = 4
TICKS = 6
LABEL_GAP = 4  # pixels between the title and the bar


class ColorBar(pg.GraphicsWidget):
    """A vertical colour scale from ``levels[0]`` (bottom) to ``levels[1]`` (top).

    Ticks and their values on the right; an optional title (:meth:`set_label`) on the left,
    read from bottom to top.
    """

    def __init__(self):
        super().__init__()
        self._levels = (0.0, 1.0)
        self._ticks: list[tuple[float, str]] = []
        self._colormap: pg.ColorMap | None = None
        self._pixels = np.zeros((256, 1), dtype=np.uint32)  # the gradient image's memory
        self._gradient = QImage()
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._label = ""
        self._label_font = QFont()
        self._label_metrics = QFontMetricsF(self._label_font)
        self._pen = QPen(QColor("#000000"))
        self._width = 0.0
        self.set_levels((0.0, 1.0))

    def set_colormap(self, colormap: pg.ColorMap) -> None:
        """Colours from ``colormap``, its start at the bottom."""
        self._colormap = colormap
        self._pixels = np.ascontiguousarray(rgb32_table(colormap)[::-1].reshape(-1, 1))
        self._gradient = QImage(
            self._pixels.data, 1, len(self._pixels), 4, QImage.Format.Format_RGB32
        )
        self.update()

    def colormap(self) -> pg.ColorMap | None:
        """The colour map shown (None before :meth:`set_colormap`)."""
        return self._colormap

    def set_style(self, color: str, font: QFont, label_font: QFont | None = None) -> None:
        """Colour of the frame, ticks and text, the tick values' font and the title's."""
        self._pen = QPen(QColor(color))
        self._pen.setCosmetic(True)
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._label_font = QFont(font if label_font is None else label_font)
        self._label_metrics = QFontMetricsF(self._label_font)
        self._width = 0.0  # may shrink with a smaller font
        self._fit()

    def set_label(self, text: str) -> None:
        """The title beside the bar (what its values are); empty for none."""
        if text != self._label:
            self._label = text
            self._width = 0.0  # the title's column comes or goes
            self._fit()

    def label(self) -> str:
        """The title beside the bar."""
        return self._label

    def levels(self) -> tuple[float, float]:
        """The values at the bottom and top of the bar."""
        return self._levels

    def set_levels(self, levels: tuple[float, float]) -> None:
        """The values at the bottom and top of the bar."""
        self._levels = (float(levels[0]), float(levels[1]))
        self._ticks = nice_ticks(*self._levels, TICKS)
        self._fit()

    def tick_labels(self) -> list[str]:
        """The labels drawn, bottom to top."""
        return [text for _, text in self._ticks]

    def _label_column(self) -> float:
        """Pixels left of the bar for the title (its line height and a gap), if any."""
        return self._label_metrics.height() + LABEL_GAP if self._label else 0.0

    def _fit(self) -> None:
        widest = max((self._metrics.horizontalAdvance(t) for _, t in self._ticks), default=0)
        width = math.ceil(self._label_column() + BAR_WIDTH + TICK_LENGTH + 4 + widest + 2)
        if width > self._width:  # grow only: a new range must not relayout the plot
            self._width = width
            self.setFixedWidth(width)
        self.update()

    def _bar_rect(self) -> QRectF:
        half_text = self._metrics.height() / 2
        rect = self.boundingRect()
        return QRectF(
            rect.left() + 1 + self._label_column(),
            rect.top() + half_text,
            BAR_WIDTH,
            rect.height() - 2 * half_text,
        )

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        bar = self._bar_rect()
        if bar.height() <= 0:
            return
        # Within the bar's own rectangle: a larger font widens the labels at once, but the
        # layout gives the bar its new width only after this paint, and ink beyond the old
        # rectangle would stay on screen when the bar moves (Qt repaints only the item).
        painter.setClipRect(self.boundingRect(), Qt.ClipOperation.IntersectClip)
        if not self._gradient.isNull():
            painter.drawImage(bar, self._gradient)
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        painter.setFont(self._font)
        low, high = self._levels
        ascent_half = (self._metrics.ascent() - self._metrics.descent()) / 2
        for value, text in self._ticks:
            y = (
                bar.bottom() - (value - low) / (high - low) * bar.height()
                if high > low
                else bar.bottom()
            )
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + TICK_LENGTH, y))
            painter.drawText(QPointF(bar.right() + TICK_LENGTH + 3, y + ascent_half), text)
        if self._label:
            # Turned a quarter left, centred on the bar: read from bottom to top.
            metrics = self._label_metrics
            text = metrics.elidedText(self._label, Qt.TextElideMode.ElideRight, bar.height())
            painter.save()
            painter.setFont(self._label_font)
            painter.translate(bar.left() - LABEL_GAP - metrics.height() / 2, bar.center().y())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-bar.height() / 2, -metrics.height() / 2, bar.height(), metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )
            painter.restore()


__all__ = ["ColorBar"]
