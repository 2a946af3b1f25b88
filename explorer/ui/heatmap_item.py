"""A colour-mapped grid drawn as one RGB image, coloured once per change of data.

pyqtgraph's ``ImageItem`` maps float data through its levels and lookup table when it
paints (about 2 ms for 256 x 256 on the development machine). Here the values become 256
colour indices and then RGB pixels once when the data change, rows flipped so that the
image is drawn upright in device pixels: painting is an axis-aligned scaled blit, the
raster engine's fast path.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, qRgb

from .stamps import raster_ratio

_TINY = sys.float_info.min

COLORS = 256


def rgb32_table(colormap: pg.ColorMap) -> np.ndarray:
    """The colour map's 256 colours as ``0xFFRRGGBB`` pixels (``QImage.Format_RGB32``)."""
    table = colormap.getLookupTable(nPts=COLORS, alpha=False).astype(np.uint32)
    return 0xFF000000 | (table[:, 0] << 16) | (table[:, 1] << 8) | table[:, 2]


def colour_indices(
    values: np.ndarray, levels: tuple[float, float], out: np.ndarray | None = None
) -> np.ndarray:
    r"""Indices ``0..255`` of ``values`` on a colour scale from ``levels[0]`` to ``levels[1]``.

    .. math:: i = \min(255, \max(0, \lfloor 256 (v - lo) / (hi - lo) \rfloor))

    as pyqtgraph maps an image through a 256-entry lookup table. ``+inf`` takes the top
    colour, ``-inf`` and NaN the bottom one. ``out``, a ``uint8`` array of the values'
    shape, receives the indices instead of a new array.
    """
    low, high = levels
    # In Python floats: a flat scale (high == low) gives an infinite scale, quietly.
    scale = COLORS / max(float(high) - float(low), _TINY)
    values = np.asarray(values)
    if values.dtype.kind != "f":
        values = values.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values - low  # in the values' precision (float32 surfaces)
        scaled *= scale
    nan = np.isnan(scaled)
    if nan.any():
        scaled[nan] = 0.0
    np.clip(scaled, 0, COLORS - 1, out=scaled)  # +-inf land on the ends
    if out is None:
        return scaled.astype(np.uint8)
    np.copyto(out, scaled, casting="unsafe")
    return out


class HeatmapItem(pg.GraphicsObject):
    """Rows of ``values`` drawn bottom to top over ``rect`` (data coordinates)."""

    def __init__(self):
        super().__init__()
        self._rect = QRectF()
        self._table = [qRgb(i, i, i) for i in range(COLORS)]
        # Colour indices, top row first, and an 8-bit indexed image over the same memory.
        self._flipped: np.ndarray | None = None
        self._indexed: QImage | None = None
        self._image: QImage | None = None  # what paint() draws: 32-bit pixels

    def set_colormap(self, colormap: pg.ColorMap) -> None:
        """Colour the 256 indices from ``colormap``."""
        self._table = [int(pixel) for pixel in rgb32_table(colormap)]
        if self._indexed is not None:
            self._indexed.setColorTable(self._table)
            self._colour()
        self.update()

    def set_color_table(self, colors: np.ndarray) -> None:
        """Colour index ``i`` with ``colors[i]`` (``(N, 3)`` or ``(N, 4)`` uint8, N <= 256).

        For pictures that are indices already (:meth:`set_indices`), such as the classifier
        lab's regions: a class and a confidence shade per entry.
        """
        rgb = np.asarray(colors)[:COLORS, :3].astype(np.uint32)
        pixels = 0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
        table = [int(pixel) for pixel in pixels]
        self._table = table + [table[-1] if table else 0xFF000000] * (COLORS - len(table))
        if self._indexed is not None:
            self._indexed.setColorTable(self._table)
            self._colour()
        self.update()

    def set_data(self, values: np.ndarray, levels: tuple[float, float], rect: QRectF) -> None:
        """Show ``values`` (rows, columns) between colour ``levels`` over ``rect``."""
        values = np.asarray(values)
        # Rows flipped (top row first), as the image stores them: free here, where the
        # scaling pass writes a new array anyway.
        colour_indices(values[::-1], levels, out=self._buffer(values.shape))
        self._show(rect)

    def set_indices(self, indices: np.ndarray, rect: QRectF) -> None:
        """Show colour-table ``indices`` (uint8, rows from the bottom up) over ``rect``."""
        indices = np.asarray(indices)
        np.copyto(self._buffer(indices.shape), indices[::-1], casting="unsafe")
        self._show(rect)

    def _buffer(self, shape: tuple[int, ...]) -> np.ndarray:
        """The indices of the image, top row first, ``shape`` (rows, columns): to be written."""
        if self._flipped is None or self._flipped.shape != shape:
            rows, columns = shape
            # Rows of a QImage start on 4-byte boundaries.
            stride = (columns + 3) // 4 * 4
            buffer = np.zeros((rows, stride), dtype=np.uint8)
            self._indexed = QImage(
                buffer.data, columns, rows, stride, QImage.Format.Format_Indexed8
            )
            self._indexed.setColorTable(self._table)
            self._flipped = buffer[:, :columns]
        return self._flipped

    def _show(self, rect: QRectF) -> None:
        self._colour()
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.update()

    def _colour(self) -> None:
        # Qt looks the 256 colours up (the indexed image converted to 32-bit pixels): a few
        # times cheaper than NumPy's take() with its index checks and casts.
        self._image = self._indexed.convertToFormat(QImage.Format.Format_RGB32)

    def indices(self) -> np.ndarray | None:
        """The colour index of each cell, as drawn (read-only: the image's memory)."""
        if self._flipped is None:
            return None
        rows = self._flipped[::-1]
        rows.flags.writeable = False
        return rows

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        return QRectF(self._rect)

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        if self._image is None:
            return
        target = painter.transform().mapRect(self._rect)
        edges = (target.left(), target.top(), target.right(), target.bottom())
        if not all(math.isfinite(edge) for edge in edges):
            return  # a degenerate view (an infinite scale): Qt's drawImage would crash
        ratio = raster_ratio(painter)
        if ratio is not None:
            # Edges on whole device pixels: the rows and columns they would cut are otherwise
            # drawn differently into a pixmap cache (the simplex's) than straight on screen.
            left, top, right, bottom = (round(edge * ratio) for edge in edges)
            target = QRectF(
                left / ratio, top / ratio, (right - left) / ratio, (bottom - top) / ratio
            )
        painter.save()
        painter.resetTransform()
        painter.drawImage(target, self._image)
        painter.restore()


__all__ = ["HeatmapItem", "colour_indices", "rgb32_table"]
