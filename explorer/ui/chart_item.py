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

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPixmap,
    QTransform,
)

from .stamps import make_stamp, map_points, on_device_pixels, raster_ratio, stamp_at


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

    def paint(self, painter: QPainter, transform: QTransform, ratio: float | None) -> None:
        """Draw the layer; ``transform`` maps data to device pixels.

        ``ratio`` is the device's pixels per pixel when ``painter`` draws pixels (screen,
        image), None on a vector device (SVG, PDF, printer).
        """
        raise NotImplementedError


class BarLayer(_Layer):
    """Vertical bars from 0 to ``heights`` centred on ``x``, ``width`` data units wide.

    ``brushes`` gives one brush per bar (or ``brush`` one for all); ``pen`` outlines them
    (``None``: no outline). Attributes ``x`` and ``heights`` hold what is drawn.

    Outlines (the target distribution's dashed ones) stand still while the bars around them
    move on every drag event, and a dashed stroke is the costliest mark of a bar plot: on
    screen, from their second paint on, they are drawn once into a pixmap, kept until the
    bars, the pen or the plot's transform change, and blitted. Vector devices, antialiased
    painters, devices whose pixels a blit would not land on whole and outlines reaching out
    of the plot get them drawn directly.
    """

    def __init__(self, width: float):
        super().__init__()
        self.width = width
        self.x = np.zeros(0)
        self.heights = np.zeros(0)
        self._key: tuple[bytes, bytes] | None = None
        self._brushes: tuple[QBrush, ...] = ()
        self._brush_fills: tuple[QBrush | None, ...] = ()  # the brushes, None: no fill
        self._fills: tuple[QBrush | None, ...] = ()  # and None for non-finite bars too
        self._pen: QPen | None = None
        self._pen_source: QPen | None = None
        self._outlines: list[QRectF | None] | None = None  # made when first painted
        #: The outlines drawn on screen: (transform and ratio, top-left pixel, pixmap).
        self._outline_stamp: tuple[tuple, QPointF, QPixmap] | None = None
        #: The transform and ratio of the last direct stroke of these outlines.
        self._outline_stroked: tuple | None = None
        self._shapes = (self.x, self.heights)  # x and heights, 0 where not finite
        self._shape_lists: tuple[list, list] | None = None  # the same as Python floats

    def set_bars(
        self,
        x: np.ndarray,
        heights: np.ndarray,
        brush: QBrush | None = None,
        brushes: Sequence[QBrush] | None = None,
        pen: QPen | None = None,
    ) -> None:
        """Replace the bars (and their style)."""
        x = np.asarray(x, dtype=float).ravel()
        heights = np.asarray(heights, dtype=float).ravel()
        if x.shape != heights.shape:
            raise ValueError(f"{x.size} positions for {heights.size} heights")
        if brushes is None:
            brushes = (brush if brush is not None else _NO_BRUSH,) * x.size
        else:
            brushes = tuple(brushes)
        key = (x.tobytes(), heights.tobytes())
        # Views pass the same brush and pen objects render after render (Theme.brush):
        # identity answers most comparisons without asking Qt.
        same_brushes = _same_items(brushes, self._brushes)
        same_pen = pen is self._pen_source or pen == self._pen
        if key == self._key and same_brushes and same_pen:
            return
        self._key = key
        self.x, self.heights = x.copy(), heights.copy()
        if not same_brushes:
            self._brushes = brushes
            self._brush_fills = tuple(
                b if b.style() != Qt.BrushStyle.NoBrush else None for b in brushes
            )
        self._fills = self._brush_fills
        self._shapes = (self.x, self.heights)  # what the fills and outlines are made from
        self._shape_lists = None
        finite = np.isfinite(x) & np.isfinite(heights)
        if not finite.all():  # a bar without a place or a height is not drawn
            self._fills = tuple(
                b if ok else None for b, ok in zip(self._fills, finite.tolist(), strict=True)
            )
            self._shapes = (np.where(finite, x, 0.0), np.where(finite, heights, 0.0))
        self._pen_source = pen
        self._pen = None if pen is None else QPen(pen)
        self._outlines = None
        self._outline_stamp = self._outline_stroked = None
        self._changed()

    def paint(self, painter: QPainter, transform: QTransform, ratio: float | None) -> None:  # noqa: D102
        if any(self._fills):
            painter.setPen(Qt.PenStyle.NoPen)
            # Filled in device pixels: a rectangle through the plot's scaling transform
            # takes Qt's general path filler, several times slower than an aligned fill.
            painter.resetTransform()
            if transform.m12() == 0 and transform.m21() == 0:  # a plot's scale and offset
                # Unantialiased on a device of whole pixels, a fill covers whole pixels.
                antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
                self._fill_aligned(painter, transform, ratio == 1.0 and not antialiased)
            else:
                for rect, brush in zip(self._data_rects(), self._fills, strict=True):
                    if brush is not None:  # (None for a non-finite bar, which has no rect)
                        painter.fillRect(transform.mapRect(rect), brush)
            painter.setTransform(transform)
        if self._pen is not None and self.x.size:
            if (
                ratio is not None
                and transform.m12() == 0
                and transform.m21() == 0
                and not painter.testRenderHint(QPainter.RenderHint.Antialiasing)
                and on_device_pixels(painter, ratio)
                and self._stamp_outlines(painter, transform, ratio)
            ):
                return
            self._draw_outlines(painter)

    def _draw_outlines(self, painter: QPainter) -> None:
        """Stroke the bars' outlines through the painter's transform (data units)."""
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects([rect for rect in self._data_rects() if rect is not None])

    def _stamp_outlines(self, painter: QPainter, transform: QTransform, ratio: float) -> bool:
        """Blit the outlines from their pixmap, drawing it first if it is missing or stale.

        The pixmap covers the outlines' pixels and starts on a whole device pixel, so its
        pixels are those a direct stroke would set, moved by whole pixels. False (nothing
        drawn: stroke them directly) the first time outlines are painted at a transform,
        so that outlines changing on every event (a new label each time) cost no pixmap;
        and when they reach out of the plot's visible area, or the layer is in no plot:
        the pixmap is never larger than the plot.
        """
        key = (transform.m11(), transform.m22(), transform.dx(), transform.dy(), ratio)
        if self._outline_stamp is None or self._outline_stamp[0] != key:
            self._outline_stamp = None
            if self._outline_stroked != key:
                self._outline_stroked = key
                return False
            rects = [rect for rect in self._data_rects() if rect is not None]
            if not rects:
                return True
            bounds = transform.mapRect(_united(rects))
            # A cosmetic pen's width is in pixels (0: one pixel); and one more for rounding.
            reach = max(self._pen.widthF(), 1.0) / 2 + 2
            visible = self.chart.boundingRect() if self.chart is not None else QRectF()
            if visible.isEmpty():
                return False
            plot = transform.mapRect(visible)
            if (
                bounds.left() < plot.left() - reach
                or bounds.right() > plot.right() + reach
                or bounds.top() < plot.top() - reach
                or bounds.bottom() > plot.bottom() + reach
            ):
                return False
            left = math.floor((bounds.left() - reach) * ratio)
            top = math.floor((bounds.top() - reach) * ratio)
            right = math.ceil((bounds.right() + reach) * ratio)
            bottom = math.ceil((bounds.bottom() + reach) * ratio)
            pixmap = QPixmap(right - left, bottom - top)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            origin = QPointF(left / ratio, top / ratio)
            stamp_painter = QPainter(pixmap)
            stamp_painter.setRenderHints(painter.renderHints())
            stamp_painter.setTransform(
                transform * QTransform.fromTranslate(-origin.x(), -origin.y())
            )
            self._draw_outlines(stamp_painter)
            stamp_painter.end()
            self._outline_stamp = (key, origin, pixmap)
        _, origin, pixmap = self._outline_stamp
        painter.resetTransform()
        painter.drawPixmap(origin, pixmap)
        painter.setTransform(transform)
        return True

    def _fill_aligned(self, painter: QPainter, transform: QTransform, whole: bool) -> None:
        """Fill the bars through an axis-aligned ``transform``, painter in device pixels.

        ``whole``: the fills land on whole pixels (the painter's pixels are the device's,
        and it does not antialias), so they are given as integers.
        """
        x, heights = self._shapes
        if x.size <= _FEW_BARS:  # in Python: fewer steps than a dozen NumPy calls
            columns = self._rects_in_python(transform, whole)
        else:
            columns = self._rects_in_numpy(transform, whole)
        for x, y, width, height, brush in zip(*columns, self._fills, strict=True):
            if brush is None:
                continue
            if whole:
                painter.fillRect(x, y, width, height, brush)
            else:
                painter.fillRect(QRectF(x, y, width, height), brush)

    def _rects_in_numpy(self, transform: QTransform, whole: bool) -> list[list]:
        """The bars' ``left, top, width, height`` columns in device pixels (integers if whole)."""
        half = self.width / 2
        x, heights = self._shapes
        count = x.size
        xs = np.concatenate([x - half, x + half]) * transform.m11() + transform.dx()
        ys = np.concatenate([np.minimum(heights, 0.0), np.maximum(heights, 0.0)])
        ys = ys * transform.m22() + transform.dy()
        if whole:  # whole pixels, rounded as the raster engine rounds an unantialiased fill
            xs, ys = np.floor(xs + 0.5), np.floor(ys + 0.5)
        left, right = np.minimum(xs[:count], xs[count:]), np.maximum(xs[:count], xs[count:])
        top, bottom = np.minimum(ys[:count], ys[count:]), np.maximum(ys[:count], ys[count:])
        columns = [left, top, right - left, bottom - top]
        return [c.astype(int).tolist() if whole else c.tolist() for c in columns]

    def _rects_in_python(self, transform: QTransform, whole: bool) -> list[list]:
        """:meth:`_rects_in_numpy` for a few bars, the same arithmetic on Python floats."""
        if self._shape_lists is None:
            self._shape_lists = (self._shapes[0].tolist(), self._shapes[1].tolist())
        half = self.width / 2
        m11, dx, m22, dy = transform.m11(), transform.dx(), transform.m22(), transform.dy()
        floor = math.floor
        lefts, tops, widths, heights = [], [], [], []
        for x, height in zip(*self._shape_lists, strict=True):
            x0, x1 = (x - half) * m11 + dx, (x + half) * m11 + dx
            y0, y1 = min(height, 0.0) * m22 + dy, max(height, 0.0) * m22 + dy
            if whole:
                x0, x1 = floor(x0 + 0.5), floor(x1 + 0.5)
                y0, y1 = floor(y0 + 0.5), floor(y1 + 0.5)
            left, top = min(x0, x1), min(y0, y1)
            lefts.append(left)
            tops.append(top)
            widths.append(max(x0, x1) - left)
            heights.append(max(y0, y1) - top)
        return [lefts, tops, widths, heights]

    def _data_rects(self) -> list[QRectF | None]:
        """Each bar as a rectangle in data units, None if it is not finite (kept)."""
        if self._outlines is None:
            half = self.width / 2
            finite = (np.isfinite(self.x) & np.isfinite(self.heights)).tolist()
            self._outlines = [
                QRectF(left, min(0.0, h), self.width, abs(h)) if ok else None
                for left, h, ok in zip(
                    (self.x - half).tolist(), self.heights.tolist(), finite, strict=True
                )
            ]
        return self._outlines


def _united(rects: list[QRectF]) -> QRectF:
    """The smallest rectangle holding every one of ``rects`` (empty ones included)."""
    left = min(rect.left() for rect in rects)
    top = min(rect.top() for rect in rects)
    right = max(rect.right() for rect in rects)
    bottom = max(rect.bottom() for rect in rects)
    return QRectF(left, top, right - left, bottom - top)


_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
#: Up to this many bars, their rectangles are worked out in Python rather than NumPy.
_FEW_BARS = 16


def _same_items(new: tuple, old: tuple) -> bool:
    """Whether two tuples of Qt values are equal, by identity first."""
    return len(new) == len(old) and all(a is b or a == b for a, b in zip(new, old, strict=True))


class MarkerLayer(_Layer):
    """Markers of a fixed pixel size at data points ``(x[i], y[i])``.

    ``symbol`` is a pyqtgraph symbol name (``"s"``, ``"star"``, ``"t"``, ``"t1"``, ...);
    ``lift`` raises every marker that many pixels above its point. On screen each marker
    is stamped from one pre-drawn pixmap (an antialiased path costs several times more per
    marker, and the handles and markers move on every drag event), at the device's pixel
    ratio; vector devices (SVG, PDF, printers) get the path.
    """

    def __init__(self, symbol: str, size: float, lift: float = 0.0):
        super().__init__()
        #: Pixels the markers sit above their points (a star above its bar).
        self.lift = lift
        self._path = QTransform.fromScale(size, size).map(Symbols[symbol])
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self._points: list[tuple[float, float]] = []  # the finite ones, as Python floats
        self._brush = QBrush(Qt.BrushStyle.NoBrush)
        self._pen = QPen(Qt.PenStyle.NoPen)
        self._key: tuple[bytes, bytes] | None = None
        self._stamp: QPixmap | None = None
        self._stamp_ratio = 0.0

    def set_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """Move the markers."""
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.shape != y.shape:
            raise ValueError(f"{x.size} x values for {y.size} y values")
        key = (x.tobytes(), y.tobytes())  # (cheaper than comparing arrays of a few numbers)
        if key == self._key:
            return
        self._key = key
        self.x, self.y = x.copy(), y.copy()
        finite = np.isfinite(x) & np.isfinite(y)  # a point without a place has no marker
        self._points = list(zip(x[finite].tolist(), y[finite].tolist(), strict=True))
        self._changed()

    def set_style(self, brush: QBrush, pen: QPen) -> None:
        """Fill and outline of every marker."""
        self._brush, self._pen = QBrush(brush), QPen(pen)
        self._stamp = None
        self._changed()

    def _stamp_for(self, ratio: float) -> QPixmap:
        """The marker drawn once, centred, at ``ratio`` device pixels per pixel."""
        if self._stamp is None or self._stamp_ratio != ratio:

            def draw(painter: QPainter) -> None:
                painter.setBrush(self._brush)
                painter.setPen(self._pen)
                painter.drawPath(self._path)

            self._stamp, self._stamp_ratio = make_stamp(self._reach(), ratio, draw), ratio
        return self._stamp

    def _reach(self) -> float:
        """Pixels from the centre to the farthest ink, outline included, plus a margin."""
        rect = self._path.boundingRect()
        extent = max(abs(rect.left()), abs(rect.right()), abs(rect.top()), abs(rect.bottom()))
        pen = self._pen.widthF() if self._pen.style() != Qt.PenStyle.NoPen else 0.0
        return extent + pen + 1.0

    def paint(self, painter: QPainter, transform: QTransform, ratio: float | None) -> None:  # noqa: D102
        # In Python: a few dozen points at most, each NumPy call would cost more.
        points = [(x, y - self.lift) for x, y in map_points(transform, self._points)]
        if not points:
            return
        if ratio is not None:
            stamp_at(painter, self._stamp_for(ratio), ratio, points)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self._brush)
        painter.setPen(self._pen)
        for px, py in points:
            painter.setTransform(QTransform.fromTranslate(px, py))
            painter.drawPath(self._path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


class NumberTexts(Sequence[str]):
    """The label texts of one number, longest first, each formatted on first use.

    ``formats`` are functions of the value; most paints draw the first text only, so the
    shorter ones are usually never made.
    """

    __slots__ = ("value", "formats", "_texts")

    def __init__(self, value: float, formats: tuple):
        self.value = value
        self.formats = formats
        self._texts: list[str | None] = [None] * len(formats)

    def __len__(self) -> int:
        return len(self.formats)

    def __getitem__(self, index):  # noqa: D105
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        text = self._texts[index]
        if text is None:
            text = self._texts[index] = self.formats[index](self.value)
        return text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NumberTexts):
            return self.value == other.value and self.formats == other.formats
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.value, self.formats))


class LabelLayer(_Layer):
    """Short texts anchored at data points, moved, shortened or left out to stay legible.

    A label is ``(x, y, text, anchor, offset, color)``, optionally followed by ``fit`` and
    ``fallback``. ``anchor=(0.5, 1)`` puts the text's bottom centre at the point; ``offset``
    moves it by pixels (negative: up on screen). ``text`` may be a tuple of alternatives,
    longest first (``("0.475", "0.47")``). ``fit`` puts the label inside a bar: the bar's
    width in data units, the bar running from the point to 0 (the label must fit across and
    between its top and base); ``fallback`` is another ``(anchor, offset, color, fit)``
    placement for when it does not fit there (above the bar).
    Every label is drawn at the first alternative at which all of them fit and no two
    touch; none is drawn when even the shortest would overlap. A label with no text
    (``""``) takes no place: it neither blocks another nor needs room in its bar.
    """

    def __init__(self):
        super().__init__()
        self._labels: list[tuple] = []
        self._placed: list[tuple] = []  # the labels with text
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._advances: dict[str, float] = {}
        self._widths: dict[str, float] = {}
        self._colors: dict[str, QColor] = {}
        #: Which alternative the last paint drew (None: no labels fitted).
        self.drawn_alternative: int | None = 0

    def set_font(self, font: QFont) -> None:
        """Font of every label."""
        if font != self._font:
            self._font = QFont(font)
            self._metrics = QFontMetricsF(self._font)
            self._advances = {}
            self._widths = {}
            self._changed()

    def set_labels(self, labels: Iterable[tuple]) -> None:
        """Replace the labels (see the class description for their fields)."""
        color = self._color
        labels = [
            (
                float(label[0]),
                float(label[1]),
                (label[2],) if isinstance(label[2], str) else (label[2] or ("",)),
                (label[3], label[4], color(label[5]), label[6] if len(label) > 6 else None),
                None
                if len(label) < 8 or label[7] is None
                else (*label[7][:2], color(label[7][2]), label[7][3]),
            )
            for label in labels
        ]
        if labels != self._labels:
            self._labels = labels
            # Labels without text (values not printed, e.g. above 16 classes) take no place:
            # left out of the placement, which would otherwise weigh 50 empty boxes a paint.
            self._placed = [label for label in labels if label[2] != ("",)]
            self._changed()

    def _color(self, color) -> QColor:
        """``color`` (a name or a QColor) as one shared QColor per name."""
        if isinstance(color, QColor):
            return color
        cached = self._colors.get(color)
        if cached is None:
            cached = self._colors[color] = QColor(color)
        return cached

    def texts(self) -> list[str]:
        """The texts held (each label's first alternative), in order."""
        return [label[2][0] for label in self._labels]

    def text_width(self, text: str) -> float:
        """Width of ``text`` in pixels, from the advances of its characters.

        The labels are numbers: their characters (digits, signs, points) do not kern, so
        the sum of the advances is the width, without laying the text out once more.
        Widths are kept per text (label placement asks for each several times a paint).
        """
        width = self._widths.get(text)
        if width is None:
            advances = self._advances
            width = 0.0
            for character in text:
                advance = advances.get(character)
                if advance is None:
                    advance = advances[character] = self._metrics.horizontalAdvance(character)
                width += advance
            if len(self._widths) > 1024:
                self._widths.clear()
            self._widths[text] = width
        return width

    def _placements(self, transform: QTransform) -> tuple[int | None, list]:
        """The alternative to draw and each label's text and top-left pixel (None: none fit).

        The first alternative at which every label fits its place and no two labels touch;
        fallback places (above a bar instead of inside it) are used only when no
        alternative fits without them, so a shorter number inside its bar wins over a full
        one moved above it.
        """
        m11, m21, dx = transform.m11(), transform.m21(), transform.dx()
        m12, m22, dy = transform.m12(), transform.m22(), transform.dy()
        anchors = [  # the point in pixels, the pixel row of y = 0, the texts and places
            (m11 * x + m21 * y + dx, m12 * x + m22 * y + dy, m12 * x + dy, *rest)
            for x, y, *rest in self._placed
        ]
        pixels_per_unit = abs(m11)
        levels = max(len(label[2]) for label in self._placed)
        for fallbacks in (False, True):
            if not fallbacks and not self._inside_possible(anchors, pixels_per_unit):
                continue  # some label fits inside its bar at no length: fallbacks needed
            level, chosen = self._search(anchors, pixels_per_unit, levels, fallbacks)
            if level is not None:
                return level, chosen
        return None, []

    def _inside_possible(self, anchors: list, pixels_per_unit: float) -> bool:
        """Whether every label meant to go inside a bar fits there at its shortest.

        The height a label needs does not depend on its length: when a bar is too short,
        or too narrow for the shortest text, no alternative fits without fallbacks.
        """
        height = self._metrics.height()
        for _, py, base, texts, ((_, anchor_y), offset, _, fit), _ in anchors:
            if fit is None:
                continue
            top = py - anchor_y * height + offset
            shortest = self.text_width(texts[len(texts) - 1])
            if not _fits_inside(shortest, height, top, fit * pixels_per_unit, py, base):
                return False
        return True

    def _search(
        self, anchors: list, pixels_per_unit: float, levels: int, fallbacks: bool
    ) -> tuple[int | None, list]:
        """The first level that fits (with or without the fallback places).

        Shorter alternatives fit whenever longer ones do, so the search starts from the
        last paint's answer and walks down or up.
        """
        level = min(self.drawn_alternative or 0, levels - 1)
        chosen = self._fit(level, anchors, pixels_per_unit, fallbacks)
        if chosen is not None:
            while level > 0:
                shorter = self._fit(level - 1, anchors, pixels_per_unit, fallbacks)
                if shorter is None:
                    break
                level, chosen = level - 1, shorter
            return level, chosen
        for longer in range(level + 1, levels):
            chosen = self._fit(longer, anchors, pixels_per_unit, fallbacks)
            if chosen is not None:
                return longer, chosen
        return None, []

    def _fit(
        self, level: int, anchors: list, pixels_per_unit: float, fallbacks: bool
    ) -> list | None:
        """Each label's ``(text, left, top, color)`` at alternative ``level``, or None."""
        height = self._metrics.height()
        chosen = []
        boxes = []
        for px, py, base, texts, placement, fallback in anchors:
            count = len(texts)
            text = texts[level if level < count else count - 1]
            width = self.text_width(text)
            for where in (placement, fallback if fallbacks else None):
                if where is None:
                    return None
                (anchor_x, anchor_y), offset, color, fit = where
                top = py - anchor_y * height + offset
                if fit is None or _fits_inside(width, height, top, fit * pixels_per_unit, py, base):
                    break
            left = px - anchor_x * width
            chosen.append((text, left, top, color))
            if text:
                boxes.append((left, top, left + width, top + height))
        return None if _any_overlap(boxes) else chosen

    def paint(self, painter: QPainter, transform: QTransform, ratio: float | None) -> None:  # noqa: D102
        if not self._placed:
            self.drawn_alternative = 0
            return
        level, chosen = self._placements(transform)
        self.drawn_alternative = level
        if level is None:
            return
        painter.resetTransform()
        painter.setFont(self._font)
        ascent = self._metrics.ascent()
        current = None
        for text, left, top, color in chosen:
            if not text:
                continue
            if color != current:
                current = color
                painter.setPen(color)
            painter.drawText(QPointF(left, top + ascent), text)


def _fits_inside(
    width: float, height: float, top: float, bar: float, y: float, base: float
) -> bool:
    """Whether a label ``width`` x ``height`` at ``top`` fits inside its bar.

    The bar is ``bar`` pixels wide and runs from pixel row ``y`` to ``base``: the label
    must be as narrow, and lie between the two.
    """
    return width <= bar and min(y, base) <= top and top + height <= max(y, base)


#: Pixels kept between two labels side by side.
LABEL_GAP = 3.0


def _any_overlap(boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether any two ``(left, top, right, bottom)`` boxes (``LABEL_GAP`` apart) meet."""
    boxes = sorted(boxes)
    for index, (_, top, right, bottom) in enumerate(boxes):
        for other_left, other_top, _, other_bottom in boxes[index + 1 :]:
            if other_left >= right + LABEL_GAP:
                break  # sorted by left edge: the rest are further right
            if other_top < bottom and top < other_bottom:
                return True
    return False


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
        ratio = raster_ratio(painter)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for layer in self.layers:
            if layer.visible:
                painter.setTransform(transform)  # layers drawing in pixels reset it
                layer.paint(painter, transform, ratio)
        painter.restore()


__all__ = ["BarLayer", "ChartItem", "LabelLayer", "MarkerLayer", "NumberTexts"]
