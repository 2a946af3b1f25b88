"""A feasibility prototype, not the product: the K = 3 window with every plot a plain QWidget.

Written to answer one question of issue 5 with a measurement: would panels painted
directly with QPainter, instead of a pyqtgraph scene per plot, make a K = 3 surface-axis
drag 3x faster than matplotlib's blitting? ``bench_architecture.py`` times it against the
real window and matplotlib in the same run, and checks its incremental painting against a
full repaint. It shows the same content as the app's four-panel K = 3 window (the docks,
readouts and fields included) for drags only: of logit 0 (a surface axis) or of logit 2
(the surface recomputed), with the label and the surface axes fixed, axis ranges frozen,
no themes, undo, export, accessibility or simplex.

Architecture
------------
* Each plot panel (logits, probabilities, gradient, loss surface) is a ``PlotCanvas``,
  a plain ``QWidget`` (opaque paint, no QGraphicsScene) that paints itself in
  ``paintEvent`` with one QPainter.
* Everything that does not change with the logits is drawn once into a ``QPixmap``
  (background, title, axes, ticks, tick labels, axis labels, zero line, legend; for the
  surface also the 256 x 256 heatmap, the contour lines, the 20 x 20 arrow field and the
  colour bar).  It is redrawn only on resize or when an axis range changes; a new surface
  (the heatmap, contours and field) is painted over the plot area of that pixmap, the
  surface's axes and colour bar kept in a pixmap of their own until the range or the
  colour levels change.
* The moving items (bars, handles, value labels, markers, the current point and its
  descent arrow) are kept as plain Python geometry in widget pixels.  On a change each
  item compares its new bounding rectangle and look with the old one; only changed items
  call ``update(old | new)``.  ``paintEvent`` copies the exposed part of the pixmap and
  draws the items that intersect the exposed rectangle.
* Markers (handles, star, triangles, the ringed dot) are antialiased stamps pre-drawn
  into small pixmaps, as the app's stamps.py does; lines and text are antialiased.
* Readouts: QLabels of fixed size (as in the app) and the app's ``FormulaLabel`` (a plain
  QWidget with a QTextLayout); the dragged logit's QLineEdit gets its text each event.
* Numbers: ``explorer.core.analyze_example`` per event; the loss surface
  (``explorer.session.compute_surface``) only when its key (the non-axis logits, label)
  changes.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer import core
from explorer.core.contours import nice_step
from explorer.session import compute_surface
from explorer.state import ExplorerState, default_logits
from explorer.ui.heatmap_item import colour_indices, colour_levels, rgb32_table
from explorer.ui.logit_editor import value_span
from explorer.ui.readouts import FormulaLabel
from explorer.ui.surface_view import arrow_points, arrow_segments
from explorer.ui.widgets import _shared_panel_style, format_fixed, format_number

#: True: update() only the changed items' rectangles; False: update() whole canvases.
DIRTY_RECTS = True

BG = QColor("#ffffff")
FG = QColor("#1a1a1a")
BLUE = QColor("#0072B2")
SKY = QColor("#56B4E9")
ORANGE = QColor("#E69F00")
VERMILLION = QColor("#D55E00")
BAR_WIDTH = 0.62
FONT_PT = 11
STAR_SIZE, STAR_LIFT = 20, 21
LABEL_FORMATS = (
    lambda v: format_number(v, 3),
    lambda v: format_number(v, 2),
    lambda v: format_fixed(v, 2),
)


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def nice_ticks(low: float, high: float, pixels: float, spacing: float = 45.0) -> list[float]:
    """Tick values at a 1-2-5 step, about ``spacing`` pixels apart."""
    step = nice_step((high - low) / max(2.0, pixels / spacing), (1, 2, 5, 10))
    first = math.ceil(low / step - 1e-9)
    ticks = []
    value = first * step
    while value <= high + 1e-9 * step:
        ticks.append(round(value, 10) + 0.0)
        first += 1
        value = first * step
    return ticks


# Stamps: antialiased markers drawn once, blitted per paint ------------------------------------
def _stamp(size: int, draw) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    draw(painter)
    painter.end()
    return pixmap


def square_stamp(fill: QColor) -> QPixmap:
    def draw(p):
        p.setPen(QPen(FG, 1.5))
        p.setBrush(fill)
        p.drawRect(QRectF(-8, -8, 16, 16))

    return _stamp(20, draw)


def star_stamp() -> QPixmap:
    def draw(p):
        polygon = QPolygonF()
        for k in range(10):
            radius = STAR_SIZE / 2 if k % 2 == 0 else STAR_SIZE / 2 * 0.45
            angle = -math.pi / 2 + k * math.pi / 5
            polygon.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
        p.setPen(QPen(FG, 1))
        p.setBrush(ORANGE)
        p.drawPolygon(polygon)

    return _stamp(STAR_SIZE + 4, draw)


def triangle_stamp(up: bool, fill: QColor) -> QPixmap:
    def draw(p):
        s = 7.5
        tip = -s if up else s
        polygon = QPolygonF([QPointF(0, tip), QPointF(-s, -tip * 0.8), QPointF(s, -tip * 0.8)])
        p.setPen(QPen(FG, 0.8))
        p.setBrush(fill)
        p.drawPolygon(polygon)

    return _stamp(19, draw)


def dot_stamp() -> QPixmap:
    def draw(p):
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#000000"))
        p.drawEllipse(QPointF(0, 0), 8.5, 8.5)
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(QPointF(0, 0), 6.5, 6.5)

    return _stamp(21, draw)


# The canvas ------------------------------------------------------------------------------------
class PlotCanvas(QWidget):
    """A plot: cached static pixmap + dynamic items repainted in their dirty rectangles."""

    margins = (62, 30, 10, 26)  # left, top, right, bottom (pixels)

    def __init__(self, title: str, ylabel: str, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 180)
        self.title = title
        self.ylabel = ylabel
        self.xrange = (0.0, 1.0)
        self.yrange = (0.0, 1.0)
        self.xticks: list[tuple[float, str]] = []
        self._static: QPixmap | None = None
        self._items: dict = {}  # key -> (QRect, signature)
        self.tick_font = _font(FONT_PT)
        self.title_font = _font(FONT_PT + 1, bold=True)
        self.label_font = _font(FONT_PT)
        self.label_metrics = QFontMetrics(self.label_font)
        self._label_height = self.label_metrics.height()
        self._widths: dict[str, int] = {}
        self._layout_plot()

    # geometry
    def _layout_plot(self) -> None:
        left, top, right, bottom = self.margins
        self.plot = QRectF(
            left, top, max(1, self.width() - left - right), max(1, self.height() - top - bottom)
        )
        x0, x1 = self.xrange
        y0, y1 = self.yrange
        self._sx = self.plot.width() / (x1 - x0)
        self._ox = self.plot.left() - x0 * self._sx
        self._sy = -self.plot.height() / (y1 - y0)
        self._oy = self.plot.bottom() - y0 * self._sy

    def px(self, x: float) -> float:
        return self._ox + x * self._sx

    def py(self, y: float) -> float:
        return self._oy + y * self._sy

    def value_at(self, pixel_y: float) -> float:
        return (pixel_y - self._oy) / self._sy

    def set_ranges(self, xrange=None, yrange=None) -> None:
        changed = False
        if xrange is not None and tuple(xrange) != self.xrange:
            self.xrange, changed = tuple(xrange), True
        if yrange is not None and tuple(yrange) != self.yrange:
            self.yrange, changed = tuple(yrange), True
        if changed:
            self._layout_plot()
            self.invalidate_static()

    def invalidate_static(self) -> None:
        self._static = None
        self._items.clear()
        self.relayout_items()
        self.update()

    def resizeEvent(self, event):  # noqa: N802
        self._layout_plot()
        self._static = None
        self._items.clear()
        self.relayout_items()
        super().resizeEvent(event)

    # dirty tracking
    def mark(self, key, rect: QRect, signature=None, bar: bool = False) -> None:
        """Item ``key`` is now at ``rect`` looking like ``signature``: repaint if changed.

        ``bar``: a filled rectangle from the zero line; when only its free end moved, just
        the strip between the old and the new end is repainted.
        """
        old = self._items.get(key)
        new = (rect, signature)
        if old == new:
            return
        self._items[key] = new
        if self._static is None:
            return  # the whole widget is painted anyway
        if not DIRTY_RECTS:
            self.update()
            return
        if old is None:
            self.update(rect)
            return
        before = old[0]
        if (
            bar
            and old[1] == signature
            and before.left() == rect.left()
            and before.width() == rect.width()
        ):
            if before.bottom() == rect.bottom():  # above the zero line: the top moved
                top, bottom = sorted((before.top(), rect.top()))
                self.update(QRect(rect.left(), top, rect.width(), bottom - top + 1))
                return
            if before.top() == rect.top():  # below it: the bottom moved
                top, bottom = sorted((before.bottom(), rect.bottom()))
                self.update(QRect(rect.left(), top, rect.width(), bottom - top + 1))
                return
        self.update(rect.united(before))

    def item(self, key) -> QRect:
        return self._items[key][0]

    # painting
    def paintEvent(self, event):  # noqa: N802
        if self._static is None or self._static.size() != self.size():
            self._static = QPixmap(self.size())
            sp = QPainter(self._static)
            sp.setRenderHint(QPainter.RenderHint.Antialiasing)
            sp.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self.draw_static(sp)
            sp.end()
        painter = QPainter(self)
        region = event.region()
        for rect in region:  # the dirty rectangles only
            painter.drawPixmap(rect, self._static, rect)
        self.draw_dynamic(painter, region)
        painter.end()

    def draw_static(self, p: QPainter) -> None:
        p.fillRect(self.rect(), BG)
        plot = self.plot
        p.setPen(FG)
        p.setFont(self.title_font)
        p.drawText(
            QRectF(0, 2, self.width(), self.margins[1] - 4),
            Qt.AlignmentFlag.AlignCenter,
            self.title,
        )
        p.setFont(self.tick_font)
        metrics = QFontMetrics(self.tick_font)
        pen = QPen(FG, 1)
        p.setPen(pen)
        # y axis: line, ticks, labels, rotated axis label
        p.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
        p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
        for value, text in self.yticks():
            y = self.py(value)
            p.drawLine(QLineF(plot.left() - 5, y, plot.left(), y))
            p.drawText(
                QRectF(0, y - 10, plot.left() - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        for value, text in self.xticks:
            x = self.px(value)
            p.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + 5))
            p.drawText(
                QRectF(x - 60, plot.bottom() + 5, 120, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                text,
            )
        if self.ylabel:
            p.save()
            p.translate(11, plot.center().y())
            p.rotate(-90)
            p.drawText(
                QRectF(-plot.height() / 2, -10, plot.height(), 20),
                Qt.AlignmentFlag.AlignCenter,
                self.ylabel,
            )
            p.restore()

    def yticks(self) -> list[tuple[float, str]]:
        return [(v, f"{v:g}") for v in nice_ticks(*self.yrange, self.plot.height())]

    def draw_zero_line(self, p: QPainter) -> None:
        p.setPen(QPen(FG, 1))
        y = self.py(0.0)
        p.drawLine(QLineF(self.plot.left(), y, self.plot.right(), y))

    def relayout_items(self) -> None:
        """Recompute the dynamic items' rectangles (after a resize or a new range)."""

    def draw_dynamic(self, p: QPainter, exposed: QRegion) -> None:
        raise NotImplementedError

    # helpers for items
    def bar_rect(self, index: float, value: float, width: float = BAR_WIDTH) -> QRect:
        """A bar from 0 to ``value`` in whole pixels (as an unantialiased fill covers them)."""
        left = round(self.px(index - width / 2))
        right = round(self.px(index + width / 2))
        y0, y1 = round(self.py(0.0)), round(self.py(value))
        return QRect(left, min(y0, y1), right - left, abs(y1 - y0))

    def text_width(self, text: str) -> int:
        """Advance of ``text`` in the label font, measured once per string."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 512:
                self._widths.clear()
            width = self._widths[text] = self.label_metrics.horizontalAdvance(text)
        return width

    def text_rect(self, text: str, x: float, y: float, anchor: tuple[float, float]) -> QRect:
        width = self.text_width(text)
        height = self._label_height
        return QRect(round(x - anchor[0] * width), round(y - anchor[1] * height), width, height)

    def fitting_texts(self, values, widths_allowed: float) -> list[str]:
        """The longest label format whose texts all fit their bar column (the app's rule)."""
        for fmt in LABEL_FORMATS:
            texts = [fmt(v) for v in values]
            if max(self.text_width(t) for t in texts) <= widths_allowed:
                return texts
        return texts


class LogitCanvas(PlotCanvas):
    """Logit bars with square handles and value labels; dragging a bar sets its logit."""

    def __init__(self, controller, count: int):
        super().__init__("Logits z", "logit")
        self.controller = controller
        self.count = count
        self.xrange = (-0.6, count - 0.4)
        self.xticks = [(i, f"class {i}") for i in range(count)]
        self.values = [0.0] * count
        self.selected = 0
        self.dragging: int | None = None
        self.yrange = (-1.0, 1.0)
        self.handle = square_stamp(BG)
        self.handle_selected = square_stamp(ORANGE)
        self.setMinimumHeight(220)

    def set_values(self, values) -> None:
        self.values = list(values)
        if self.dragging is None:  # the range stays put during a drag, as in the app
            self.set_ranges(yrange=value_span(np.asarray(self.values), self.yrange))
        self.relayout_items()

    def relayout_items(self) -> None:
        if not hasattr(self, "values"):
            return
        texts = self._texts = self.fitting_texts(self.values, self._sx * 0.98)
        for i, value in enumerate(self.values):
            selected = i == self.selected
            self.mark(("bar", i), self.bar_rect(i, value), selected, bar=True)
            x, y = self.px(i), self.py(value)
            self.mark(("handle", i), QRect(round(x) - 10, round(y) - 10, 20, 20), selected)
            label = self.text_rect(
                texts[i],
                x,
                y - 11 if value >= 0 else y + 11,
                (0.5, 1.0) if value >= 0 else (0.5, 0.0),
            )
            self.mark(("label", i), label, texts[i])

    def draw_static(self, p: QPainter) -> None:
        super().draw_static(p)
        self.draw_zero_line(p)  # under the bars

    def draw_dynamic(self, p: QPainter, exposed: QRegion) -> None:
        p.setClipRect(self.plot.adjusted(1, 0, 0, 0), Qt.ClipOperation.IntersectClip)
        items = self._items
        for i in range(self.count):
            rect = items[("bar", i)][0]
            if exposed.intersects(rect):
                p.fillRect(rect, SKY if i == self.selected else BLUE)
        for i in range(self.count):
            rect = items[("handle", i)][0]
            if exposed.intersects(rect):
                p.drawPixmap(
                    rect.topLeft(), self.handle_selected if i == self.selected else self.handle
                )
        p.setFont(self.label_font)
        p.setPen(FG)
        for i in range(self.count):
            rect, text = items[("label", i)]
            if exposed.intersects(rect):
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # mouse: press on a bar starts a drag, moves set the logit
    def mousePressEvent(self, event):  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x = (event.position().x() - self._ox) / self._sx
        index = int(round(x))
        if 0 <= index < self.count and abs(x - index) <= 0.5:
            self.dragging = index
            self._origin = self.value_at(event.position().y())
            self._start_value = self.values[index]
            if self.selected != index:
                self.selected = index
                self.relayout_items()

    def mouseMoveEvent(self, event):  # noqa: N802
        if self.dragging is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            return
        value = self._start_value + self.value_at(event.position().y()) - self._origin
        self.controller.set_logit(self.dragging, float(np.clip(value, -1e6, 1e6)))

    def mouseReleaseEvent(self, event):  # noqa: N802
        self.dragging = None


class ProbabilityCanvas(PlotCanvas):
    """Probability bars, target outline, predicted star, value labels, legend."""

    LEGEND_HEIGHT = 24

    def __init__(self, count: int):
        super().__init__("Probabilities", "probability")
        self.count = count
        self.xrange = (-0.6, count - 0.4)
        self.xticks = [(i, f"class {i}") for i in range(count)]
        self.probs = np.zeros(count)
        self.target = np.zeros(count)
        self.predicted = 0
        self.star = star_stamp()
        self.target_pen = QPen(VERMILLION, 2.5, Qt.PenStyle.DashLine)
        self._outlines: dict = {}
        self._fit_headroom()

    def _fit_headroom(self) -> None:
        height = self.plot.height()
        free = self.LEGEND_HEIGHT + 2 + STAR_LIFT + STAR_SIZE / 2 + 2
        top = 1.34 if height <= 0 else round(1 / (1 - min(free / height, 0.6)), 3)
        self.set_ranges(yrange=(0.0, max(top, 1.1)))

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._fit_headroom()

    def yticks(self):
        return [(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1.0)]

    def draw_static(self, p: QPainter) -> None:
        super().draw_static(p)
        # legend: p (filled), target (dashed outline), predicted (star)
        p.setFont(_font(FONT_PT * 0.85))
        metrics = QFontMetrics(p.font())
        entries = (("p", "bar"), ("target", "outline"), ("predicted", "star"))
        widths = [26 + metrics.horizontalAdvance(t) + 10 for t, _ in entries]
        x = self.plot.right() - 4 - sum(widths)
        top = self.plot.top() + 2
        p.fillRect(
            QRectF(x - 4, top, sum(widths) + 6, self.LEGEND_HEIGHT), QColor(255, 255, 255, 200)
        )
        for (text, kind), width in zip(entries, widths, strict=True):
            box = QRectF(x + 2, top + 4, 16, 16)
            if kind == "bar":
                p.fillRect(box, BLUE)
            elif kind == "outline":
                p.setPen(self.target_pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(box)
            else:
                p.drawPixmap(
                    round(box.center().x()) - self.star.width() // 2,
                    round(box.center().y()) - self.star.height() // 2,
                    self.star,
                )
            p.setPen(FG)
            p.drawText(
                QRectF(x + 24, top, width - 24, self.LEGEND_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            x += width

    def set_values(self, probs, target, predicted: int) -> None:
        self.probs, self.target, self.predicted = probs.tolist(), target.tolist(), predicted
        self.relayout_items()

    def _label(self, i: int, value: float, text: str):
        """(rect, colour) of bar ``i``'s value label: inside a tall bar, else above it."""
        x = self.px(i)
        if value > 0.16:
            return self.text_rect(text, x, self.py(value) + 4, (0.5, 0.0)), BG
        clear = STAR_LIFT + STAR_SIZE / 2 + 3 if i == self.predicted else 3
        return self.text_rect(text, x, self.py(value) - clear, (0.5, 1.0)), FG

    def relayout_items(self) -> None:
        if not hasattr(self, "probs"):
            return
        texts = self._texts = self.fitting_texts(self.probs, self._sx * 0.98)
        half = (BAR_WIDTH + 0.12) / 2
        for i, value in enumerate(self.probs):
            self.mark(("bar", i), self.bar_rect(i, value), None, bar=True)
            # the target outline: its corners (the dashed pen reaches 2 px beyond them)
            outline = QRectF(
                QPointF(self.px(i - half), self.py(self.target[i])),
                QPointF(self.px(i + half), self.py(0.0)),
            )
            self.mark(("outline", i), outline.toAlignedRect().adjusted(-2, -2, 2, 2), outline)
            label, colour = self._label(i, value, texts[i])
            self.mark(("label", i), label, (texts[i], colour.rgb()))
        x, y = (
            round(self.px(self.predicted)),
            round(self.py(self.probs[self.predicted]) - STAR_LIFT),
        )
        w = self.star.width()
        self.mark("star", QRect(x - w // 2, y - w // 2, w, w))

    def _outline_stamp(self, rect: QRect, outline: QRectF) -> QPixmap:
        """The dashed, antialiased target outline, drawn once per geometry (a stamp)."""
        key = (
            rect.width(),
            rect.height(),
            outline.x() - rect.x(),
            outline.y() - rect.y(),
            outline.width(),
            outline.height(),
        )
        stamp = self._outlines.get(key)
        if stamp is None:
            if len(self._outlines) > 64:
                self._outlines.clear()
            stamp = QPixmap(rect.size())
            stamp.fill(Qt.GlobalColor.transparent)
            sp = QPainter(stamp)
            sp.setRenderHint(QPainter.RenderHint.Antialiasing)
            sp.setPen(self.target_pen)
            sp.drawRect(outline.translated(-rect.x(), -rect.y()))
            sp.end()
            self._outlines[key] = stamp
        return stamp

    def draw_dynamic(self, p: QPainter, exposed: QRegion) -> None:
        p.setClipRect(self.plot.adjusted(1, 0, 0, 0), Qt.ClipOperation.IntersectClip)
        items = self._items
        count = self.count
        for i in range(count):  # bars
            rect = items[("bar", i)][0]
            if exposed.intersects(rect):
                p.fillRect(rect, BLUE)
        for i in range(count):  # target outline over the bars
            rect, outline = items[("outline", i)]
            if exposed.intersects(rect):
                p.drawPixmap(rect.topLeft(), self._outline_stamp(rect, outline))
        rect = items["star"][0]
        if exposed.intersects(rect):
            p.drawPixmap(rect.topLeft(), self.star)
        p.setFont(self.label_font)
        for i in range(count):
            rect, (text, colour) = items[("label", i)]
            if exposed.intersects(rect):
                p.setPen(QColor(colour))
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class GradientCanvas(PlotCanvas):
    """Gradient bars coloured by sign, arrows of the descent direction, labels, sum."""

    def __init__(self, count: int):
        super().__init__("Gradient dL/dz", "dL/dz")
        self.count = count
        self.xrange = (-0.6, count - 0.4)
        self.xticks = [(i, f"class {i}") for i in range(count)]
        self.gradient = [0.0] * count
        self.bound = 0.0
        self.up = triangle_stamp(True, BLUE)
        self.down = triangle_stamp(False, ORANGE)
        self.sum_font = _font(FONT_PT)

    def draw_static(self, p: QPainter) -> None:
        super().draw_static(p)
        self.draw_zero_line(p)

    def set_values(self, gradient) -> None:
        self.gradient = gradient.tolist()
        largest = max(abs(v) for v in self.gradient)
        wanted = max(0.05, largest * 1.45)
        if not (wanted <= self.bound <= 3 * wanted):  # the app's stepped range
            self.bound = nice_step(wanted, (1, 2, 5, 10))
            self.set_ranges(yrange=(-self.bound, self.bound))
        self.sum_text = f"Σ dL/dz = {round(sum(self.gradient), 3) + 0.0:.3f}"
        self.relayout_items()

    def relayout_items(self) -> None:
        if not hasattr(self, "sum_text"):
            return
        texts = self._texts = self.fitting_texts(self.gradient, self._sx * 0.98)
        zero = self.py(0.0)
        for i, value in enumerate(self.gradient):
            increase = value < 0  # descent raises this logit
            self.mark(("bar", i), self.bar_rect(i, value), increase, bar=True)
            x = self.px(i)
            if abs(value) > 1e-3 * self.bound:
                y = self.py(value - 0.1 * self.bound if increase else value + 0.1 * self.bound)
                marker = QRect(round(x) - 9, round(y) - 9, 19, 19)
            else:
                marker = QRect()
            self.mark(("marker", i), marker, increase)
            label = self.text_rect(
                texts[i],
                x,
                zero - 3 if increase else zero + 3,
                (0.5, 1.0) if increase else (0.5, 0.0),
            )
            self.mark(("label", i), label, texts[i])
        rect = self.text_rect(self.sum_text, self.px(-0.55), self.py(self.bound) + 3, (0.0, 0.0))
        self.mark("sum", rect, self.sum_text)

    def draw_dynamic(self, p: QPainter, exposed: QRegion) -> None:
        p.setClipRect(self.plot.adjusted(1, 0, 0, 0), Qt.ClipOperation.IntersectClip)
        items = self._items
        count = self.count
        for i in range(count):
            rect, increase = items[("bar", i)]
            if exposed.intersects(rect):
                p.fillRect(rect, BLUE if increase else ORANGE)
        for i in range(count):
            rect, increase = items[("marker", i)]
            if not rect.isNull() and exposed.intersects(rect):
                p.drawPixmap(rect.topLeft(), self.up if increase else self.down)
        p.setFont(self.label_font)
        p.setPen(FG)
        for key in [("label", i) for i in range(count)] + ["sum"]:
            rect, text = items[key]
            if exposed.intersects(rect):
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class SurfaceCanvas(PlotCanvas):
    """Heatmap, contours, arrow field and colour bar cached; the point and its arrow drawn."""

    margins = (62, 30, 74, 46)

    def __init__(self):
        super().__init__("Loss surface", "z1 (class 1)")
        self.xlabel = "z0 (class 0)"
        self.point = (0.0, 0.0)
        self.arrow: list[tuple[float, float]] = []
        self.surface = None
        self.dot = dot_stamp()
        self.arrow_pen = QPen(ORANGE, 3.5)
        self.levels = (0.0, 1.0)
        self.lut = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False)
        self._table = [int(pixel) for pixel in rgb32_table(pg.colormap.get("viridis"))]
        self._lines_array = PrimitiveArray(QLineF, 4)
        self._axes: QPixmap | None = None  # title, axes, ticks, labels, colour bar
        self._axes_key = None

    def set_surface(self, surface, loss_levels) -> None:
        """Show a new surface: its layer is painted over the cached axes, the plot repainted.

        The axes are drawn again only when the range or the colour levels change.
        """
        self.surface, self.levels = surface, tuple(loss_levels)
        a, b = surface.a_values, surface.b_values
        self.xrange = (float(a[0]), float(a[-1]))
        self.yrange = (float(b[0]), float(b[-1]))
        self.xticks = [(v, f"{v:g}") for v in range(-5, 6)]
        # Coloured once per surface, as the app's HeatmapItem: 256 indices, Qt's lookup.
        rows, columns = surface.loss.shape
        stride = (columns + 3) // 4 * 4
        self._indices = np.zeros((rows, stride), dtype=np.uint8)
        colour_indices(surface.loss[::-1], self.levels, out=self._indices[:, :columns])
        indexed = QImage(self._indices.data, columns, rows, stride, QImage.Format.Format_Indexed8)
        indexed.setColorTable(self._table)
        self.image = indexed.convertToFormat(QImage.Format.Format_RGB32)
        self._layout_plot()
        if self._static is not None and self._axes_key == self._current_axes_key():
            painter = QPainter(self._static)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # as a full paint has
            self._draw_surface(painter)
            painter.end()
            self.update(self.plot.toAlignedRect())
        else:
            self.invalidate_static()

    def _current_axes_key(self) -> tuple:
        return (self.size(), self.xrange, self.yrange, self.levels)

    def yticks(self):
        return [(v, f"{v:g}") for v in range(-6, 7, 2)]

    def draw_static(self, p: QPainter) -> None:
        if self._axes is None or self._axes_key != self._current_axes_key():
            self._axes_key = self._current_axes_key()
            self._axes = QPixmap(self.size())
            painter = QPainter(self._axes)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            super().draw_static(painter)
            painter.setPen(QPen(FG, 1))
            painter.drawText(
                QRectF(self.plot.left(), self.plot.bottom() + 22, self.plot.width(), 20),
                Qt.AlignmentFlag.AlignCenter,
                self.xlabel,
            )
            if self.surface is not None:
                self._draw_colour_bar(painter)
            painter.end()
        p.drawPixmap(0, 0, self._axes)
        if self.surface is not None:
            self._draw_surface(p)

    def _draw_surface(self, p: QPainter) -> None:
        """The heatmap, contours and arrow field over the plot area (all of it)."""
        s = self.surface
        a, b = s.a_values, s.b_values
        half_a, half_b = (a[1] - a[0]) / 2, (b[1] - b[0]) / 2
        target = QRectF(
            QPointF(self.px(a[0] - half_a), self.py(b[-1] + half_b)),
            QPointF(self.px(a[-1] + half_a), self.py(b[0] - half_b)),
        )
        p.save()
        p.setClipRect(self.plot)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(target, self.image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # contours (white, opacity 0.6) and the arrow field (white, opacity 0.45)
        p.setOpacity(0.6)
        p.setPen(QPen(QColor("#ffffff"), 1))
        p.drawLines(*self._lines(s.contours.reshape(-1, 2)))
        cell = min(a[-1] - a[0] + 2 * half_a, b[-1] - b[0] + 2 * half_b) / 20
        vectors = s.field_vectors
        longest = float(np.max(np.hypot(vectors[:, 0], vectors[:, 1]))) or 1.0
        shafts, heads = arrow_segments(s.field_points, vectors * (0.85 * cell / longest))
        p.setOpacity(0.45)
        p.drawLines(*self._lines(np.concatenate([shafts, heads]).reshape(-1, 2)))
        p.restore()

    def _lines(self, points: np.ndarray) -> tuple:
        """``drawLines`` arguments for consecutive pairs of ``points`` (data units)."""
        lines = self._lines_array
        lines.resize(len(points) // 2)
        pixels = lines.ndarray().reshape(-1, 2)
        pixels[:, 0] = self._ox + points[:, 0] * self._sx
        pixels[:, 1] = self._oy + points[:, 1] * self._sy
        return lines.drawargs()

    def _draw_colour_bar(self, p: QPainter) -> None:
        low, high = self.levels
        bar = QRectF(self.plot.right() + 12, self.plot.top(), 14, self.plot.height())
        gradient = QImage(1, 256, QImage.Format.Format_RGB32)
        for row in range(256):
            r, g, b_ = self.lut[255 - row]
            gradient.setPixelColor(0, row, QColor(int(r), int(g), int(b_)))
        p.drawImage(bar, gradient)
        p.setPen(QPen(FG, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(bar)
        p.setFont(_font(FONT_PT * 0.9))
        step = nice_step((high - low) / 6, (1, 2, 2.5, 5, 10))
        value = math.ceil(low / step) * step
        while value <= high + 1e-9:
            y = bar.bottom() - (value - low) / (high - low) * bar.height()
            p.drawLine(QLineF(bar.right(), y, bar.right() + 4, y))
            p.drawText(
                QRectF(bar.right() + 6, y - 10, 60, 20), Qt.AlignmentFlag.AlignVCenter, f"{value:g}"
            )
            value += step

    def set_point(self, point, gradient) -> None:
        self.point = point
        reach = 0.35 * 12.0 / math.sqrt(2)
        descent = (-gradient[0] * reach, -gradient[1] * reach)
        self.arrow = (
            arrow_points(point, descent, 0.3) if math.hypot(*descent) > 1e-9 * reach else []
        )
        self.relayout_items()

    def relayout_items(self) -> None:
        if not hasattr(self, "arrow"):
            return
        x, y = self.px(self.point[0]), self.py(self.point[1])
        self._dot_at = QPointF(x, y)
        rect = QRect(round(x) - 11, round(y) - 11, 22, 22)
        self._arrow_px = [QPointF(self.px(a), self.py(b)) for a, b in self.arrow]
        for q in self._arrow_px:
            rect = rect.united(QRect(round(q.x()) - 4, round(q.y()) - 4, 8, 8))
        self.mark("point", rect, (rect, tuple(self.arrow)))

    def draw_dynamic(self, p: QPainter, exposed: QRegion) -> None:
        p.setClipRect(self.plot)
        if self._arrow_px:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(self.arrow_pen)
            pts = self._arrow_px
            p.drawLines([QLineF(pts[k], pts[k + 1]) for k in range(0, len(pts), 2)])
        p.drawPixmap(
            round(self._dot_at.x()) - self.dot.width() // 2,
            round(self._dot_at.y()) - self.dot.height() // 2,
            self.dot,
        )


# Readouts --------------------------------------------------------------------------------------
class Readouts(QWidget):
    KEYS = (
        ("loss", "Loss L"),
        ("target_p", "p(target)"),
        ("entropy", "Entropy H(p)"),
        ("kl", "KL(t ‖ p)"),
        ("predicted", "Predicted"),
        ("gradient", "‖∇L‖"),
    )

    def __init__(self):
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(10)
        big = _font(15, bold=True)
        metrics = QFontMetrics(big)
        width = metrics.horizontalAdvance("-9.999e-99")
        self.values: dict[str, QLabel] = {}
        self.shown: dict[str, str] = {}
        for index, (key, caption) in enumerate(self.KEYS):
            row, column = index // 2, 2 * (index % 2)
            title = QLabel(caption)
            title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setAutoFillBackground(True)
            value.setFont(big)
            value.setFixedSize(QSize(width, metrics.height()))
            layout.addWidget(title, row, column)
            layout.addWidget(value, row, column + 1)
            self.values[key] = value
        box = QWidget()
        formula_font = _font(13)
        box.setFixedHeight(2 * QFontMetrics(formula_font).lineSpacing() + 4)
        self.formula = FormulaLabel(box)
        self.formula.setFont(formula_font)
        self.formula.setAutoFillBackground(True)
        self._box = box
        box.installEventFilter(self)
        layout.addWidget(box, 3, 0, 1, 4)

    def eventFilter(self, watched, event):  # noqa: N802
        if watched is self._box and event.type() == QEvent.Type.Resize:
            self.formula.setGeometry(self._box.rect())
        return False

    def show_analysis(self, analysis, label: int) -> None:
        p_target = float(analysis.probabilities[label])
        texts = {
            "loss": format_number(analysis.loss, 4),
            "target_p": format_number(p_target, 4),
            "entropy": format_number(analysis.entropy, 4),
            "kl": format_number(analysis.kl_to_target, 4),
            "predicted": f"{analysis.predicted}: class {analysis.predicted}",
            "gradient": format_number(analysis.gradient_norm, 4),
        }
        for key, text in texts.items():
            if self.shown.get(key) != text:
                self.shown[key] = text
                self.values[key].setText(text)
        if 1e-4 < p_target < 0.9999:
            middle = f"−log {format_number(p_target, 4)}"
        else:
            middle = f"−({format_number(analysis.log_probabilities[label], 4)})"
        self.formula.setText(
            f"<b>L</b> = −log p<sub>{label}</sub> = {middle} = <b>{texts['loss']}</b>"
        )


# The window ------------------------------------------------------------------------------------
class PrototypeWindow(QMainWindow):
    def __init__(self, count: int = 3, label: int = 0, axes=(0, 1)):
        super().__init__()
        self.setWindowTitle("Softmax Explorer (QWidget/QPainter prototype)")
        self.count, self.label, self.axes = count, label, tuple(axes)
        self.logits = list(default_logits(count))
        self._surface_key = None

        self.logit_canvas = LogitCanvas(self, count)
        self.prob_canvas = ProbabilityCanvas(count)
        self.grad_canvas = GradientCanvas(count)
        self.surface_canvas = SurfaceCanvas()
        self.readouts = Readouts()

        # Left dock: the logit plot, its controls and one row per class.
        logits_panel = QWidget()
        column = QVBoxLayout(logits_panel)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.logit_canvas, 3)
        controls = QHBoxLayout()
        spin = QSpinBox()
        spin.setRange(2, 50)
        spin.setValue(count)
        controls.addWidget(QLabel("Classes K"))
        controls.addWidget(spin)
        controls.addStretch(1)
        controls.addWidget(QPushButton("Shift all"))
        controls.addWidget(QLabel("by"))
        by = QLineEdit("1")
        by.setMaximumWidth(70)
        controls.addWidget(by)
        controls.addWidget(QPushButton("Reset"))
        column.addLayout(controls)
        rows = QGridLayout()
        self.value_edits: list[QLineEdit] = []
        for i in range(count):
            name = QLineEdit()
            name.setPlaceholderText(f"class {i}")
            value = QLineEdit(format_number(self.logits[i], 4))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setStyle(_shared_panel_style())  # as the app's NumberEdit
            value.setMaximumWidth(110)
            rows.addWidget(QLabel(f"z{i}"), i, 0)
            rows.addWidget(name, i, 1)
            rows.addWidget(value, i, 2)
            self.value_edits.append(value)
        rows_widget = QWidget()
        rows_widget.setLayout(rows)
        # Opaque, as the app's scroll area viewport: a field's repaint stops here.
        rows_widget.setAutoFillBackground(True)
        column.addWidget(rows_widget, 2)
        self._dock("Logits", logits_panel, Qt.DockWidgetArea.LeftDockWidgetArea)

        target = QWidget()
        grid = QGridLayout(target)
        hard = QRadioButton("Hard label")
        hard.setChecked(True)
        grid.addWidget(hard, 0, 0)
        grid.addWidget(QRadioButton("Soft target"), 0, 1)
        grid.addWidget(QLabel("True class"), 1, 0)
        combo = QComboBox()
        combo.addItems([f"{i}: class {i}" for i in range(count)])
        grid.addWidget(combo, 1, 1)
        grid.addWidget(QLabel("Smoothing ε"), 2, 0)
        grid.addWidget(QSlider(Qt.Orientation.Horizontal), 2, 1)
        grid.addWidget(QLabel("Temperature T"), 3, 0)
        grid.addWidget(QSlider(Qt.Orientation.Horizontal), 3, 1)
        self._dock("Target", target, Qt.DockWidgetArea.LeftDockWidgetArea)

        central = QWidget()
        middle = QVBoxLayout(central)
        middle.setContentsMargins(2, 2, 2, 2)
        middle.addWidget(self.surface_canvas, 1)
        bar = QHBoxLayout()
        for text in ("x:", "y:"):
            bar.addWidget(QLabel(text))
            axis = QComboBox()
            axis.addItems([f"z{i} · class {i}" for i in range(count)])
            axis.setCurrentIndex(self.axes[text == "y:"])
            bar.addWidget(axis)
        bar.addWidget(QLabel("range"))
        bar.addWidget(QLineEdit("-6"))
        bar.addWidget(QLineEdit("6"))
        bar.addWidget(QPushButton("Center"))
        field = QCheckBox("Arrow field")
        field.setChecked(True)
        bar.addWidget(field)
        middle.addLayout(bar)
        bar2 = QHBoxLayout()
        bar2.addWidget(QLabel("learning rate η"))
        bar2.addWidget(QLineEdit("1"))
        bar2.addStretch(1)
        for text in ("Step", "Play", "Reset"):
            bar2.addWidget(QPushButton(text))
        middle.addLayout(bar2)
        self.setCentralWidget(central)

        self._dock("Probabilities", self.prob_canvas, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Gradient", self.grad_canvas, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Readouts", self.readouts, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.menuBar().addMenu("File")
        self.menuBar().addMenu("Edit")
        self.menuBar().addMenu("View")
        self.menuBar().addMenu("Help")
        self.statusBar().showMessage(
            "Drag a logit bar, pick the true class, or press Step to descend the loss."
        )
        self._shown_logits = list(self.logits)
        self.recompute(full=True)

    def _dock(self, title: str, widget: QWidget, area) -> None:
        dock = QDockWidget(title, self)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)

    def size_docks(self) -> None:
        docks = self.findChildren(QDockWidget)
        by_title = {d.windowTitle(): d for d in docks}
        self.resizeDocks(
            [by_title["Logits"], by_title["Probabilities"]], [346, 346], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [by_title["Logits"], by_title["Target"]], [529, 224], Qt.Orientation.Vertical
        )
        self.resizeDocks([by_title["Readouts"]], [158], Qt.Orientation.Vertical)

    # the per-event work --------------------------------------------------------------------
    def set_logit(self, index: int, value: float) -> None:
        if self.logits[index] == value:
            return
        self.logits[index] = value
        self.recompute(full=False)

    def recompute(self, full: bool) -> None:
        logits = np.asarray(self.logits)
        key = (tuple(v for i, v in enumerate(self.logits) if i not in self.axes), self.label)
        if key != self._surface_key:  # not during an axis drag
            self._surface_key = key
            state = ExplorerState(
                logits=tuple(self.logits), label=self.label, surface_axes=self.axes
            )
            surface = compute_surface(state)
            self.surface_canvas.set_surface(surface, colour_levels(*surface.loss_range))
        analysis = core.analyze_example(logits, self.label)
        self.analysis = analysis
        self.logit_canvas.set_values(self.logits)
        self.prob_canvas.set_values(analysis.probabilities, analysis.target, analysis.predicted)
        self.grad_canvas.set_values(analysis.gradient)
        first, second = self.axes
        self.surface_canvas.set_point(
            (self.logits[first], self.logits[second]),
            (float(analysis.gradient[first]), float(analysis.gradient[second])),
        )
        self.readouts.show_analysis(analysis, self.label)
        for i, value in enumerate(self.logits):
            if full or self._shown_logits[i] != value:
                text = format_number(value, 4)
                if self.value_edits[i].text() != text:
                    self.value_edits[i].setText(text)
        self._shown_logits = list(self.logits)
