"""Line segments or round dots drawn with one QPainter call each.

The loss surface draws thousands of short segments (contours, the arrow field) that change
with every recomputed surface, and a descent path that grows each step. pyqtgraph's
``PlotDataItem`` does a good deal of bookkeeping per ``setData`` (bounds, display
datasets, paths) and its ``ScatterPlotItem`` per point; here the coordinates go straight
into a contiguous array of ``QLineF`` (or ``QPointF``) that ``drawLines`` (``drawPoints``)
takes as it is, using pyqtgraph's ``PrimitiveArray``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

#: Inputs of at most this many numbers are compared byte for byte before anything else.
_SMALL = 64


class SegmentsItem(pg.GraphicsObject):
    """Segments ``(N, 2, 2)`` (or, with ``dots=True``, points ``(N, 2)``) in data units.

    Dots are drawn by the pen: its width is their diameter in pixels (round caps).
    """

    def __init__(self, pen: QPen | None = None, *, dots: bool = False):
        super().__init__()
        self.dots = dots
        self._pen = QPen()
        self._array = PrimitiveArray(QPointF, 2) if dots else PrimitiveArray(QLineF, 4)
        self._device_array = PrimitiveArray(QPointF, 2)  # dots mapped to pixels for drawing
        self._count = 0
        self._bounds = QRectF()
        self._small_key: bytes | None = None
        self._bounding: QRectF | None = None
        self.setPen(pen if pen is not None else QPen())

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (as pyqtgraph's items)
        """Colour and width (pixels) of the lines or dots."""
        pen = QPen(pen)
        pen.setCosmetic(True)
        if self.dots:
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.prepareGeometryChange()
        self._pen = pen
        self.update()

    def pen(self) -> QPen:
        """The pen the lines or dots are drawn with."""
        return QPen(self._pen)

    def set_data(self, coordinates: np.ndarray) -> None:
        """Replace the segments ``(N, 2, 2)`` or dots ``(N, 2)``; rows with NaN are dropped."""
        values = np.asarray(coordinates, dtype=np.float64).reshape(-1, 2 if self.dots else 4)
        small = values.size <= _SMALL
        if small:
            # A point or an arrow moves on every drag event: compared as bytes, without
            # the NumPy calls of a full comparison for a few numbers.
            key = values.tobytes()
            if key == self._small_key:
                return  # unchanged (the current point while another logit moves)
            self._small_key = key
        else:
            self._small_key = None
        finite = np.isfinite(values)
        if not finite.all():
            values = values[finite.all(axis=1)]
        if (
            not small
            and len(values) == self._count
            and np.array_equal(values, self._array.ndarray()[: self._count])
        ):
            return  # unchanged
        self._count = len(values)
        self._array.resize(self._count)
        if self._count:
            self._array.ndarray()[: self._count] = values
            xs, ys = values[:, 0::2], values[:, 1::2]
            bounds = QRectF(float(xs.min()), float(ys.min()), float(np.ptp(xs)), float(np.ptp(ys)))
        else:
            bounds = QRectF()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def set_polyline(self, points: np.ndarray) -> None:
        """Segments joining consecutive ``points`` ``(M, 2)``."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        self.set_data(np.concatenate([points[:-1], points[1:]], axis=1))

    def data(self) -> np.ndarray:
        """What is drawn: ``(N, 2, 2)`` segments or ``(N, 2)`` dots."""
        values = self._array.ndarray()[: self._count].copy()
        return values if self.dots else values.reshape(-1, 2, 2)

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        # Qt asks for it many times per paint: kept until the data, pen or view scale change.
        if self._bounding is None:
            self._bounding = self._padded_bounds()
        return QRectF(self._bounding)

    def _padded_bounds(self) -> QRectF:
        if not self._count:
            return QRectF()
        view = self.getViewBox()
        # The pen reaches half its width (in pixels) past the coordinates.
        reach = self._pen.widthF() / 2 + 1
        if view is None:
            return QRectF(self._bounds)
        pixel_x, pixel_y = view.viewPixelSize()
        return self._bounds.adjusted(
            -reach * pixel_x, -reach * pixel_y, reach * pixel_x, reach * pixel_y
        )

    def viewTransformChanged(self) -> None:  # noqa: D102, N802 (pyqtgraph hook)
        super().viewTransformChanged()
        self._bounding = None  # the pen's reach, in data units, follows the view's scale

    def prepareGeometryChange(self) -> None:  # noqa: D102, N802 (Qt override)
        super().prepareGeometryChange()
        self._bounding = None

    def paint(self, painter: QPainter, *args) -> None:  # noqa: D102 (Qt override)
        if not self._count:
            return
        painter.setPen(self._pen)
        if self.dots:
            # In device pixels: Qt draws a wide point as a line 1/63 of a unit long, which
            # under a plot's scale (hundreds of pixels per unit) stretches a dot sideways.
            transform = painter.transform()
            points = self._array.ndarray()[: self._count]
            device = self._device_array
            device.resize(self._count)
            mapped = device.ndarray()
            x, y = points[:, 0], points[:, 1]
            mapped[:, 0] = transform.m11() * x + transform.m21() * y + transform.dx()
            mapped[:, 1] = transform.m12() * x + transform.m22() * y + transform.dy()
            painter.resetTransform()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawPoints(*device.drawargs())
            painter.setTransform(transform)
        else:
            painter.drawLines(*self._array.drawargs())


__all__ = ["SegmentsItem"]
