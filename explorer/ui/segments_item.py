"""Line segments or round dots drawn with one QPainter call each.

The loss surface draws thousands of short segments (contours, the arrow field) that change
with every recomputed surface, and a descent path that grows each step. pyqtgraph's
``PlotDataItem`` does a good deal of bookkeeping per ``setData`` (bounds, display
datasets, paths) and its ``ScatterPlotItem`` per point; here the coordinates go straight
into a contiguous array of ``QLineF`` (or ``QPointF``) that ``drawLines`` (``drawPoints``)
takes as it is (a :class:`~explorer.ui.stamps.PrimitiveBuffer`).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QWidget

from .stamps import (
    PrimitiveBuffer,
    fragment_array,
    make_stamp,
    map_points,
    on_device_pixels,
    raster_ratio,
    stamp_at,
    stamp_many,
)

#: Inputs of at most this many numbers are compared byte for byte before anything else.
_SMALL = 64
#: From this many dots on, one ``drawPixmapFragments`` call stamps them all.
_STAMP_MANY = 8
#: From this many segments on, a partial repaint draws only those crossing the exposed area.
_CULL = 256


def _joined(points: np.ndarray) -> np.ndarray:
    """Segments ``(M - 1, 4)`` joining consecutive ``points`` ``(M, 2)``."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return np.concatenate([points[:-1], points[1:]], axis=1)


class _Layer:
    """What a growing item has drawn on screen: device pixels, and how many primitives."""

    __slots__ = ("drawn", "image", "key")

    def __init__(self, key: tuple, image: QImage):
        self.key = key  # the painter's transform and the widget's size and pixel ratio
        self.image = image
        self.drawn = 0

    def forget(self) -> None:
        """Start again from a transparent layer."""
        if self.drawn:
            self.image.fill(Qt.GlobalColor.transparent)
            self.drawn = 0


class SegmentsItem(pg.GraphicsObject):
    """Segments ``(N, 2, 2)`` (or, with ``dots=True``, points ``(N, 2)``) in data units.

    Dots are drawn by the pen: its width is their diameter in pixels (round caps).

    ``growing=True`` is for data that mostly grow at the end (a descent path gains a
    segment and a dot per step): on screen, what has been drawn stays in a layer of device
    pixels and a paint draws only the primitives appended since, then blits the exposed
    part of the layer. Any other change of the data, the pen, the widget's size or the
    view's transform draws the layer again from the start. Off screen (SVG, PDF, an
    image; exports, see :func:`~explorer.ui.view.items_uncached`), under an opacity below
    1 and where the layer's pixels would not land on the device's (a fractional scale)
    the item draws everything as usual.
    """

    def __init__(self, pen: QPen | None = None, *, dots: bool = False, growing: bool = False):
        super().__init__()
        self.dots = dots
        self.growing = growing
        self._layer: _Layer | None = None
        self._pen = QPen()
        self._halo: QPen | None = None
        #: Pen widths are multiplied by this while drawing (a PNG export at a scale; see
        #: explorer.ui.export.pens_scaled). Set and put back around one render: it leaves
        #: the screen's layer alone.
        self.pen_scale = 1.0
        self._array = PrimitiveBuffer(QPointF, 2) if dots else PrimitiveBuffer(QLineF, 4)
        self._device_array = PrimitiveBuffer(QPointF, 2)  # dots mapped to pixels for drawing
        self._count = 0
        self._capacity = 0  # rows the primitive array holds without reallocating
        self._bounds = QRectF()
        self._small_key: bytes | None = None
        self._bounding: QRectF | None = None
        self._reach = (0.0, 0.0)  # the pen's reach in data units, kept with _bounding
        self._visible_array = PrimitiveBuffer(QLineF, 4)  # segments crossing a partial repaint
        self._boxes: tuple[np.ndarray, ...] | None = None  # segments' extents, for culling
        self._stamp: tuple[float, QPixmap] | None = None  # a dot, at a device pixel ratio
        self._fragments = fragment_array() if dots else None  # many dots, stamped at once
        # option.exposedRect: a small repaint (a point moving over the contours) draws the
        # segments near it, not thousands clipped away one by one by the paint engine.
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setPen(pen if pen is not None else QPen())

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (as pyqtgraph's items)
        """Colour and width (pixels) of the lines or dots."""
        pen = QPen(pen)
        pen.setCosmetic(True)
        if self.dots:
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.prepareGeometryChange()
        self._pen = pen
        self._stamp = None
        self._layer = None
        self.update()

    def pen(self) -> QPen:
        """The pen the lines or dots are drawn with."""
        return QPen(self._pen)

    def set_data(self, coordinates: np.ndarray) -> None:
        """Replace the segments ``(N, 2, 2)`` or dots ``(N, 2)``; rows with NaN are dropped."""
        values = np.asarray(coordinates, dtype=np.float64).reshape(-1, 2 if self.dots else 4)
        if values.size <= _SMALL:
            # A point or an arrow moves on every drag event: compared as bytes, and
            # measured in Python, without the NumPy calls' overhead for a few numbers.
            key = values.tobytes()
            if key == self._small_key:
                return  # unchanged (the current point while another logit moves)
            self._small_key = key
            flat = values.ravel().tolist()
            if all(map(math.isfinite, flat)):
                xs, ys = flat[0::2], flat[1::2]  # x and y alternate in a row
                extent = (min(xs), min(ys), max(xs), max(ys)) if flat else None
                self._store(values, extent)
                return
        else:
            self._small_key = None
        finite = np.isfinite(values)
        if not finite.all():
            values = values[finite.all(axis=1)]
        if len(values) == self._count and np.array_equal(
            values, self._array.ndarray()[: self._count]
        ):
            return  # unchanged
        extent = None
        if len(values):
            points = values.reshape(-1, 2)  # (whole-column reductions: no buffered iterator)
            xs, ys = points[:, 0], points[:, 1]
            extent = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        self._store(values, extent)

    def _store(self, values: np.ndarray, extent: tuple[float, float, float, float] | None):
        """Keep the finite rows ``values`` spanning ``(left, top, right, bottom)``; repaint."""
        layer = self._layer
        if layer is not None and layer.drawn:
            drawn = layer.drawn
            if len(values) < drawn or not np.array_equal(
                values[:drawn], self._array.ndarray()[:drawn]
            ):
                layer.forget()  # not the drawn primitives and more: draw it all again
        self._count = len(values)
        if not self._count:
            self._layer = None  # (a viewport's worth of pixels, kept for nothing)
        self._boxes = None
        self._array.resize(self._count)
        self._capacity = max(self._capacity, self._count)  # (it reallocates beyond that)
        if self._count:
            self._array.ndarray()[: self._count] = values
        bounds = (
            QRectF()
            if extent is None
            else QRectF(*extent[:2], extent[2] - extent[0], extent[3] - extent[1])
        )
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def extend(self, coordinates: np.ndarray) -> None:
        """Append segments ``(N, 2, 2)`` (or dots ``(N, 2)``) after those held.

        What a growing path gains in a step, without passing the whole path again: the
        held primitives are neither compared nor copied (unless their buffer must grow),
        and a growing item's layer draws only the new ones. Rows with NaN are dropped.
        """
        values = np.asarray(coordinates, dtype=np.float64).reshape(-1, 2 if self.dots else 4)
        flat = values.ravel().tolist()
        if not all(map(math.isfinite, flat)):
            values = values[np.isfinite(values).all(axis=1)]
            flat = values.ravel().tolist()
        if not len(values):
            return
        start = self._count
        if not start:
            self.set_data(values)
            return
        count = start + len(values)
        array = self._array
        held = array.ndarray()[:start]  # keeps the old buffer alive if resizing replaces it
        if count > self._capacity:
            # Room for as many again: the path grows a row per step, the buffer seldom.
            self._capacity = max(count, 2 * self._capacity)
            array.resize(self._capacity)
        array.resize(count)
        stored = array.ndarray()
        if stored.base is not held.base:  # a new buffer (or a view not known to be the same)
            stored[:start] = held
        stored[start:count] = values
        self._count = count
        self._small_key = None
        self._boxes = None
        xs, ys = flat[0::2], flat[1::2]
        bounds = self._bounds
        left, top = min(bounds.left(), *xs), min(bounds.top(), *ys)
        right, bottom = max(bounds.right(), *xs), max(bounds.bottom(), *ys)
        grown = QRectF(left, top, right - left, bottom - top)
        if grown != bounds:
            self.prepareGeometryChange()  # (which repaints the whole item)
            self._bounds = grown
            self.update()
            return
        # Within the bounds: only around the new primitives (the rest stands).
        self.boundingRect()  # (brings the pen's reach up to date)
        reach_x, reach_y = self._reach
        new_left, new_top = min(xs), min(ys)
        self.update(
            QRectF(
                new_left - reach_x,
                new_top - reach_y,
                max(xs) - new_left + 2 * reach_x,
                max(ys) - new_top + 2 * reach_y,
            )
        )

    def set_polyline(self, points: np.ndarray) -> None:
        """Segments joining consecutive ``points`` ``(M, 2)``."""
        self.set_data(_joined(points))

    def extend_polyline(self, points: np.ndarray) -> None:
        """Append the segments joining consecutive ``points`` ``(M, 2)``.

        The first point is where the polyline held ends (the last point it was given).
        """
        self.extend(_joined(points))

    def data(self) -> np.ndarray:
        """What is drawn: ``(N, 2, 2)`` segments or ``(N, 2)`` dots."""
        values = self._array.ndarray()[: self._count].copy()
        return values if self.dots else values.reshape(-1, 2, 2)

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        # Qt asks for it many times per paint: kept until the data, pen or view scale change.
        if self._bounding is None:
            self._reach = self._pen_reach()
            reach_x, reach_y = self._reach
            self._bounding = (
                self._bounds.adjusted(-reach_x, -reach_y, reach_x, reach_y)
                if self._count
                else QRectF()
            )
        return QRectF(self._bounding)

    def _pen_reach(self) -> tuple[float, float]:
        """How far the pen reaches past the coordinates, in data units (x, y)."""
        view = self.getViewBox()
        if view is None:
            return 0.0, 0.0
        reach = self._pen_radius()
        pixel_x, pixel_y = view.viewPixelSize()
        return reach * pixel_x, reach * pixel_y

    def _pen_radius(self) -> float:
        """Pixels the pen's ink reaches from a coordinate: half its width, and one more."""
        halo = 0.0 if self._halo is None else self._halo.widthF()
        return max(self._pen.widthF(), halo) / 2 + 1

    def viewTransformChanged(self) -> None:  # noqa: D102, N802 (pyqtgraph hook)
        super().viewTransformChanged()
        self._bounding = None  # the pen's reach, in data units, follows the view's scale

    def prepareGeometryChange(self) -> None:  # noqa: D102, N802 (Qt override)
        super().prepareGeometryChange()
        self._bounding = None

    def paint(self, painter: QPainter, option=None, *args) -> None:  # noqa: D102 (Qt override)
        if not self._count:
            return
        if self.growing and painter.opacity() == 1.0 and isinstance(painter.device(), QWidget):
            ratio = raster_ratio(painter)
            if ratio is not None and on_device_pixels(painter, ratio):
                self._paint_layer(painter, option, ratio)
                return
        self._draw(painter, option)

    def set_halo(self, pen: QPen | None) -> None:
        """A wider pen drawn under the lines (None: none), for contrast on any background.

        A light line with a dark halo (or the reverse) stands out on every colour of a
        colour map, where one colour alone vanishes at one end of it (issue 24). Lines
        only: a dot's ring is a larger dot under it (another item).
        """
        if pen is not None:
            pen = QPen(pen)
            pen.setCosmetic(True)
        self.prepareGeometryChange()
        self._halo = pen
        self._layer = None
        self.update()

    def halo(self) -> QPen | None:
        """The pen drawn under the lines, if any."""
        return None if self._halo is None else QPen(self._halo)

    def _scaled(self, pen: QPen) -> QPen:
        if self.pen_scale == 1.0:
            return pen
        pen = QPen(pen)
        pen.setWidthF(max(pen.widthF(), 1.0) * self.pen_scale)
        return pen

    def _draw(self, painter: QPainter, option=None, first: int = 0) -> None:
        """Draw the primitives from index ``first`` on (all of them by default)."""
        if self._halo is not None and not self.dots:
            painter.setPen(self._scaled(self._halo))
            if first:
                self._draw_lines(painter, option, first)
            else:
                painter.drawLines(*self._array.drawargs())
        painter.setPen(self._scaled(self._pen))
        if self.dots and self.pen_scale != 1.0:
            # (scaled dots: drawn, not stamped from the dot drawn at the pen's width)
            transform = painter.transform()
            painter.resetTransform()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawPoints(*self._device_array_for(transform, first).drawargs())
            painter.setTransform(transform)
        elif self.dots:
            # In device pixels: Qt draws a wide point as a line 1/63 of a unit long, which
            # under a plot's scale (hundreds of pixels per unit) stretches a dot sideways.
            transform = painter.transform()
            ratio = raster_ratio(painter)
            count = self._count - first
            if ratio is not None and count >= _STAMP_MANY:  # a path: stamped in one call
                points = self._device_array_for(transform, first).ndarray()
                stamp_many(painter, self._dot_stamp(ratio), ratio, points, self._fragments)
            elif ratio is not None:  # on screen: one pre-drawn dot, stamped
                points = self._device_points(transform, first)
                stamp_at(painter, self._dot_stamp(ratio), ratio, points)
            else:
                painter.resetTransform()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.drawPoints(*self._device_array_for(transform, first).drawargs())
            painter.setTransform(transform)
        elif first:
            self._draw_lines(painter, option, first)
        elif (
            self._count >= _CULL
            and option is not None
            and self._pen.widthF() <= 1
            and self._halo is None
        ):
            # Thin lines only: where wide antialiased strokes overlap, Qt's result depends
            # on which other lines share the call, so a culled repaint would show seams.
            painter.drawLines(*self._lines_within(option.exposedRect))
        else:
            painter.drawLines(*self._array.drawargs())

    def _draw_lines(self, painter: QPainter, option, first: int) -> None:
        """Draw the segments from index ``first`` on with the painter's pen."""
        tail = self._visible_array
        tail.resize(self._count - first)
        tail.ndarray()[:] = self._array.ndarray()[first : self._count]
        painter.drawLines(*tail.drawargs())

    def _paint_layer(self, painter: QPainter, option, ratio: float) -> None:
        """Bring the layer up to date (draw what was appended), blit what is exposed."""
        transform = painter.transform()
        device = painter.device()
        width, height = device.width(), device.height()
        key = (transform, ratio, width, height)
        layer = self._layer
        if layer is not None and layer.key != key and layer.key[1:] == key[1:]:
            layer.forget()  # the view moved: the same pixels, drawn again
            layer.key = key
        elif layer is None or layer.key != key:
            image = QImage(
                round(width * ratio),
                round(height * ratio),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            layer = self._layer = _Layer(key, image)
        if layer.drawn < self._count:
            layer_painter = QPainter(layer.image)
            layer_painter.setRenderHints(painter.renderHints())
            layer_painter.setTransform(transform)
            self._draw(layer_painter, None, layer.drawn)
            layer_painter.end()
            layer.drawn = self._count
        area = QRect(0, 0, width, height)
        if option is not None and not option.exposedRect.isEmpty():
            area &= transform.mapRect(option.exposedRect).toAlignedRect()
        if area.isEmpty():
            return
        source = QRectF(
            area.x() * ratio, area.y() * ratio, area.width() * ratio, area.height() * ratio
        )
        painter.resetTransform()
        painter.drawImage(QRectF(area), layer.image, source)
        painter.setTransform(transform)

    def _device_array_for(self, transform: QTransform, first: int = 0) -> PrimitiveBuffer:
        """Dots ``first`` on, mapped by ``transform`` to device pixels (as ``drawPoints`` takes)."""
        points = self._array.ndarray()[first : self._count]
        device = self._device_array
        device.resize(len(points))
        mapped = device.ndarray()
        x, y = points[:, 0], points[:, 1]
        mapped[:, 0] = transform.m11() * x + transform.m21() * y + transform.dx()
        mapped[:, 1] = transform.m12() * x + transform.m22() * y + transform.dy()
        return device

    def _device_points(self, transform: QTransform, first: int = 0) -> list:
        """A few dots, ``first`` on, in device pixels as ``(x, y)`` pairs (no NumPy calls)."""
        return map_points(transform, self._array.ndarray()[first : self._count].tolist())

    def _dot_stamp(self, ratio: float) -> QPixmap:
        """One dot of the pen, drawn at ``ratio`` device pixels per pixel (kept)."""
        if self._stamp is None or self._stamp[0] != ratio:
            pen = self._pen

            def draw(painter: QPainter) -> None:
                painter.setPen(pen)
                painter.drawPoint(QPointF(0.0, 0.0))

            self._stamp = (ratio, make_stamp(self._pen_radius(), ratio, draw))
        return self._stamp[1]

    def _lines_within(self, rect: QRectF) -> tuple:
        """``drawLines`` arguments for the segments whose bounding boxes meet ``rect``.

        ``rect`` is the exposed area in data units; a segment within the pen's reach of it
        counts (its stroke reaches in). All segments when ``rect`` is most of the item.
        """
        bounds = self.boundingRect()  # (also brings the pen's reach up to date)
        if rect.isEmpty() or rect.width() * rect.height() > 0.5 * bounds.width() * bounds.height():
            # Most of it (sorting out would cost more), or no exposed area given (a default
            # style option, as exporters pass): everything.
            return self._array.drawargs()
        lines = self._array.ndarray()[: self._count]
        if self._boxes is None:  # each segment's extent, kept until the data change
            x0, y0, x1, y1 = lines[:, 0], lines[:, 1], lines[:, 2], lines[:, 3]
            self._boxes = (
                np.minimum(x0, x1),
                np.maximum(x0, x1),
                np.minimum(y0, y1),
                np.maximum(y0, y1),
            )
        low_x, high_x, low_y, high_y = self._boxes
        reach_x, reach_y = self._reach
        left, right = rect.left() - reach_x, rect.right() + reach_x
        top, bottom = rect.top() - reach_y, rect.bottom() + reach_y
        inside = (high_x >= left) & (low_x <= right) & (high_y >= top) & (low_y <= bottom)
        visible = self._visible_array
        count = int(np.count_nonzero(inside))
        visible.resize(count)
        if count:
            visible.ndarray()[:count] = lines[inside]
        return visible.drawargs()


__all__ = ["SegmentsItem"]
