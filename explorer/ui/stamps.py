"""Marks drawn once into a pixmap and stamped at each point (markers, dots).

An antialiased star, triangle or wide round dot costs Qt a path fill per mark; the
handles, markers and current point move on every drag event and the descent path adds
a dot per step. On a raster device (the screen, a PNG) each mark is therefore drawn once,
at the device's pixel ratio, and blitted on whole device pixels (within half a pixel of
the point); vector devices (SVG, PDF, printers) get the path, so figures stay exact.

Many marks, lines or points go to QPainter in one call, from a :class:`PrimitiveBuffer`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPaintEngine, QPainter, QPixmap, QTransform
from shiboken6 import Shiboken


class PrimitiveBuffer:
    """Rows of doubles laid out as a C array of a Qt value type, for QPainter's array calls.

    ``QPainter.drawLines(const QLineF *, int)``, ``drawPoints(const QPointF *, int)`` and
    ``drawPixmapFragments(const PixmapFragment *, int, const QPixmap &)`` read ``count``
    values from one pointer; PySide6 takes a wrapper of the first value
    (``shiboken6.Shiboken.wrapInstance``, which never owns nor frees the memory) and the
    count. A ``QLineF`` is four doubles, a ``QPointF`` two, a fragment ten, so the rows of a
    C-contiguous NumPy array are such an array: coordinates go in with one NumPy copy and
    no Python object per primitive (a list of ``QLineF`` costs 100 times more to build).

    Parameters
    ----------
    kind : type
        The Qt value type (``QLineF``, ``QPointF``, ``QPainter.PixmapFragment``).
    fields : int
        Its number of doubles.
    """

    __slots__ = ("_kind", "_rows", "_size")

    def __init__(self, kind: type, fields: int):
        self._kind = kind
        self._rows = np.empty((0, fields), dtype=np.float64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def resize(self, size: int) -> None:
        """Hold ``size`` rows; beyond the rows allocated, new memory (the rows are not kept)."""
        if size > len(self._rows):
            self._rows = np.empty((size, self._rows.shape[1]), dtype=np.float64)
        self._size = size

    def ndarray(self) -> np.ndarray:
        """The rows held, to read or fill (a view of the buffer's memory)."""
        return self._rows[: self._size]

    def drawargs(self) -> tuple:
        """``(first, count)`` for QPainter's array overloads (``first`` is None when empty)."""
        if not self._size:
            return None, 0
        return Shiboken.wrapInstance(self._rows.ctypes.data, self._kind), self._size


def raster_ratio(painter: QPainter) -> float | None:
    """Device pixels per pixel when ``painter`` draws pixels (screen, image), else None."""
    engine = painter.paintEngine()
    if engine is None or engine.type() != QPaintEngine.Type.Raster:
        return None
    target = engine.paintDevice()
    return target.devicePixelRatioF() if target is not None else 1.0


def on_device_pixels(painter: QPainter, ratio: float) -> bool:
    """Whether a picture drawn at ``ratio`` device pixels per pixel blits onto whole pixels.

    The painter's device pixels must be its pixels times a whole ``ratio`` from an origin
    on a device pixel (the screen at 100 % or 200 %, a widget anywhere in its window);
    at 125 % or 150 %, or when painted scaled into another device, the blit would resample
    the picture and shift it by up to a pixel.
    """
    if not float(ratio).is_integer():
        return False
    world, device = painter.transform(), painter.deviceTransform()
    if (
        device.m11() != ratio * world.m11()
        or device.m12() != ratio * world.m12()
        or device.m21() != ratio * world.m21()
        or device.m22() != ratio * world.m22()
    ):
        return False
    offset_x = device.dx() - ratio * world.dx()
    offset_y = device.dy() - ratio * world.dy()
    if not (math.isfinite(offset_x) and math.isfinite(offset_y)):
        return False  # a degenerate view (an infinite scale): nothing to align to
    return abs(offset_x - round(offset_x)) < 1e-6 and abs(offset_y - round(offset_y)) < 1e-6


def map_points(
    transform: QTransform, points: Iterable[tuple[float, float]]
) -> list[tuple[float, float]]:
    """``points`` mapped by ``transform`` (in Python: for a few points, cheaper than NumPy)."""
    m11, m21, dx = transform.m11(), transform.m21(), transform.dx()
    m12, m22, dy = transform.m12(), transform.m22(), transform.dy()
    return [(m11 * x + m21 * y + dx, m12 * x + m22 * y + dy) for x, y in points]


def make_stamp(reach: float, ratio: float, draw: Callable[[QPainter], None]) -> QPixmap:
    """A transparent pixmap ``2 * reach`` pixels across with ``draw`` centred in it.

    ``draw`` paints around the origin (antialiased); ``ratio`` is the device pixel ratio.
    """
    side = math.ceil(2 * reach * ratio)
    stamp = QPixmap(side, side)
    stamp.setDevicePixelRatio(ratio)
    stamp.fill(Qt.GlobalColor.transparent)
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(side / ratio / 2, side / ratio / 2)
    draw(painter)
    painter.end()
    return stamp


#: Pixels from the origin beyond which a stamp is off any device and is not drawn.
FAR = 1e6


def stamp_at(
    painter: QPainter, stamp: QPixmap, ratio: float, points: Iterable[tuple[float, float]]
) -> None:
    """Blit ``stamp`` centred on each ``(x, y)`` (painter pixels; its transform is reset).

    Points farther than ``FAR`` pixels from the origin, or not finite, are left out: they
    are off the device, and beyond Qt's integer pixel coordinates (a point far outside a
    tiny surface range).
    """
    half = stamp.width() / ratio / 2
    painter.resetTransform()
    # On whole device pixels: the blit's fast path.
    if ratio == 1.0:
        for x, y in points:
            if -FAR < x < FAR and -FAR < y < FAR:
                painter.drawPixmap(round(x - half), round(y - half), stamp)
    else:
        for x, y in points:
            if -FAR < x < FAR and -FAR < y < FAR:
                left, top = round((x - half) * ratio) / ratio, round((y - half) * ratio) / ratio
                painter.drawPixmap(QPointF(left, top), stamp)


def fragment_array() -> PrimitiveBuffer:
    """An empty array of ``QPainter.PixmapFragment`` for :func:`stamp_many` to fill."""
    return PrimitiveBuffer(QPainter.PixmapFragment, 10)


def stamp_many(
    painter: QPainter,
    stamp: QPixmap,
    ratio: float,
    points: np.ndarray,
    fragments: PrimitiveBuffer,
) -> None:
    """:func:`stamp_at` for ``points`` ``(N, 2)`` in one ``drawPixmapFragments`` call.

    A descent path has up to a thousand dots, each stamped twice (outline, then dot): one
    ``drawPixmap`` call per dot would cost more in Python than the blits themselves. The
    stamps land on the same whole device pixels as :func:`stamp_at` puts them (NumPy's
    ``rint`` rounds halves to even, as Python's ``round`` does). ``fragments`` (from
    :func:`fragment_array`) is reused from paint to paint.
    """
    points = np.asarray(points)
    if len(points):
        # Off the device (see stamp_at), and NaN: left out.
        near = (np.abs(points) < FAR).all(axis=1)
        if not near.all():
            points = points[near]
    count = len(points)
    side = stamp.width()  # device pixels
    width = side / ratio
    half = width / 2
    painter.resetTransform()
    fragments.resize(count)
    if not count:
        return
    table = fragments.ndarray()
    # The fragment's centre: the stamp's top left on a whole device pixel, plus half of it.
    table[:, 0:2] = np.rint((points - half) * ratio) / ratio + half
    table[:, 2:10] = (0.0, 0.0, side, side, 1 / ratio, 1 / ratio, 0.0, 1.0)
    painter.drawPixmapFragments(*fragments.drawargs(), stamp)


__all__ = [
    "PrimitiveBuffer",
    "fragment_array",
    "make_stamp",
    "map_points",
    "on_device_pixels",
    "raster_ratio",
    "stamp_at",
    "stamp_many",
]
