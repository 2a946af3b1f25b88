"""A colour-mapped grid drawn as one 8-bit indexed image.

pyqtgraph's ``ImageItem`` maps float data through its levels and lookup table when it
paints (about 2 ms for 256 x 256 on the development machine). Here the values are turned
into 256 colour indices once when the data change, and the image is an ``Indexed8``
``QImage`` over that array with the colour map as its colour table: painting is a blit.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, qRgb

COLORS = 256


def colour_levels(low: float, high: float, steps: int = 20) -> tuple[float, float]:
    """The ends of a colour scale covering ``low..high``, rounded outwards to a nice step.

    The step is the smallest 1, 2, 2.5 or 5 times a power of ten that is at least
    ``(high - low) / steps``. Rounded ends keep the scale (and the colour bar's ticks,
    which pyqtgraph redraws whenever the range changes) still while small drags move the
    surface's minimum and maximum a little, and cost at most two steps of contrast.
    """
    span = high - low
    if not span > 0:
        return low, low + 1e-9
    raw = span / steps
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def colour_indices(values: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    r"""Indices ``0..255`` of ``values`` on a colour scale from ``levels[0]`` to ``levels[1]``.

    .. math:: i = \min(255, \max(0, \lfloor 256 (v - lo) / (hi - lo) \rfloor))

    as pyqtgraph maps an image through a 256-entry lookup table. ``+inf`` takes the top
    colour, ``-inf`` and NaN the bottom one.
    """
    low, high = levels
    scale = COLORS / max(high - low, np.finfo(float).tiny)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.nan_to_num((values - low) * scale, nan=0.0, posinf=COLORS, neginf=0.0)
    return np.clip(scaled, 0, COLORS - 1).astype(np.uint8)


class HeatmapItem(pg.GraphicsObject):
    """Rows of ``values`` drawn bottom to top over ``rect`` (data coordinates)."""

    def __init__(self):
        super().__init__()
        self._rect = QRectF()
        self._indices: np.ndarray | None = None  # kept alive: the QImage uses its memory
        self._image: QImage | None = None
        self._colors: list[int] = [qRgb(i, i, i) for i in range(COLORS)]

    def set_colormap(self, colormap: pg.ColorMap) -> None:
        """Colour the 256 indices from ``colormap``."""
        table = colormap.getLookupTable(nPts=COLORS, alpha=False)
        self._colors = [qRgb(int(r), int(g), int(b)) for r, g, b in table]
        if self._image is not None:
            self._image.setColorTable(self._colors)
        self.update()

    def set_data(self, values: np.ndarray, levels: tuple[float, float], rect: QRectF) -> None:
        """Show ``values`` (rows, columns) between colour ``levels`` over ``rect``."""
        indices = np.ascontiguousarray(colour_indices(values, levels))
        rows, columns = indices.shape
        image = QImage(
            indices.data, columns, rows, indices.strides[0], QImage.Format.Format_Indexed8
        )
        image.setColorTable(self._colors)
        self._indices, self._image = indices, image
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.update()

    def indices(self) -> np.ndarray | None:
        """The colour index of each cell, as drawn."""
        return self._indices

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        return QRectF(self._rect)

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        if self._image is not None:
            painter.drawImage(self._rect, self._image)


__all__ = ["HeatmapItem", "colour_indices", "colour_levels"]
