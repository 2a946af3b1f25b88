"""The probability simplex of three classes: every distribution ``p`` is a point of a triangle.

The triangle is coloured by the state's loss as a function of ``p`` (the cross-entropy
``H(t, p)`` by default) against the effective target ``t``, with a few contour lines;
markers show the current ``p = softmax(z / T)``, the target and the path gradient descent
has taken. The loss image depends on the target and the loss only, so dragging the logits
moves the markers and reuses the image.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QVBoxLayout, QWidget

from ..core.simplex import MIN_LOSS_SPAN, SIMPLEX_CORNERS, simplex_loss_image, simplex_to_xy
from ..session import Change, Derived, ExplorerSession, state_loss
from ..state import ExplorerState
from .chart_item import ChartItem, MarkerLayer
from .color_bar import ColorBar
from .heatmap_item import HeatmapItem
from .segments_item import SegmentsItem
from .view import ExplorerView, appended_trail_points, axis_items

#: Loss images kept for recent targets (switching the label back and forth in class).
IMAGE_CACHE_SIZE = 8

_HEIGHT = float(SIMPLEX_CORNERS[2, 1])
_IMAGE_RECT = QRectF(0.0, 0.0, 1.0, _HEIGHT)
_DARK_OUTLINE = "#1a1a1a"
_MARKER_MARGIN = 12.0  # pixels kept free around each corner for markers
_LABEL_GAP = 12.0  # pixels between a corner and its label
_LEGEND_SAMPLE = 24.0  # pixels of a legend entry besides its text (sample and spacing)
_LEGEND_GAP = 14.0  # pixels between legend entries
_LABEL_MAX_WIDTH = 150.0  # pixels (before the font scale); longer names are elided
_BESIDE_GAIN = 1.15  # labels move beside the corners only if the triangle grows this much


class SimplexView(ExplorerView):
    """The triangle of three-class distributions, coloured by the loss against the target.

    Shows ``p = softmax(z / T)``, the target ``t`` and the gradient-descent path as points of
    the probability simplex. Needs exactly three classes; with any other K it shows a note.

    Parameters
    ----------
    session : ExplorerSession
        The session to show.
    parent : QWidget, optional
        The parent widget.
    """

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("simplexPlot")
        self.setAccessibleName(self.tr("Probability simplex"))
        self.setMinimumSize(220, 200)
        #: How often the loss image was computed (it depends on the target only).
        self.image_computations = 0
        self._image_key: tuple | None = None
        self._label_texts = ["", "", ""]
        self._path_points = 0  # trail points the path shows (a path from 2 on)
        self._image_cache: dict[bytes, tuple] = {}
        self._levels: tuple[float, float] | None = None
        self._supported = True  # K == 3

        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setObjectName("simplexCanvas")
        self.canvas.ci.setContentsMargins(6, 6, 6, 6)
        self.canvas.ci.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

        self.plot: pg.PlotItem = self.canvas.addPlot(row=0, col=0, axisItems=axis_items())
        self.plot.setObjectName("simplexPlotItem")
        for name in ("left", "bottom", "right", "top"):
            self.plot.hideAxis(name)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setContentsMargins(0, 0, 0, 0)
        self.viewbox: pg.ViewBox = self.plot.getViewBox()
        self.viewbox.setAspectLocked(True)
        self.viewbox.disableAutoRange()
        self.viewbox.setMenuEnabled(False)
        self.viewbox.setDefaultPadding(0.0)

        # The image is clipped to the exact triangle (its pixels are squares).
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(*corner) for corner in SIMPLEX_CORNERS]))
        path.closeSubpath()
        self.image_clip = QGraphicsPathItem(path)
        self.image_clip.setPen(Qt.PenStyle.NoPen)
        self.image_clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.image_clip.setZValue(-10)
        self.plot.addItem(self.image_clip)
        # Coloured once per new target (the pixels wholly outside the triangle, NaN, take
        # the bottom colour and are clipped away).
        self.image_item = HeatmapItem()
        self.image_item.setParentItem(self.image_clip)

        # The contours change with every target: drawn as plain segments in one call.
        self.contour_item = SegmentsItem()
        self.contour_item.setZValue(-5)
        self.outline_item = pg.PlotDataItem(antialias=True)
        # Path, point and target move with every drag: items with tight bounds drawn in
        # one call each (a dot with an outline is a larger dark dot under a lighter one).
        # The path gains a segment and a dot per descent step: drawn onto kept layers.
        self.path_item = SegmentsItem(growing=True)
        self.path_item.setZValue(5)
        self.path_dot_outlines = SegmentsItem(dots=True, growing=True)
        self.path_dot_outlines.setZValue(6)
        self.path_dots = SegmentsItem(dots=True, growing=True)
        self.path_dots.setZValue(7)
        self.point_outline = SegmentsItem(dots=True)
        self.point_outline.setZValue(9)
        self.point_item = SegmentsItem(dots=True)
        self.point_item.setZValue(10)
        # The star sits above p so that both stay visible once descent has reached t.
        self.target_chart = ChartItem()
        self.target_chart.setZValue(11)
        self.target_item = self.target_chart.add(MarkerLayer("star", 18))
        for item in (
            self.contour_item,
            self.outline_item,
            self.path_item,
            self.path_dot_outlines,
            self.path_dots,
            self.point_outline,
            self.point_item,
            self.target_chart,
        ):
            self.plot.addItem(item)
        # The legend draws its samples from pyqtgraph items styled like the marks (never
        # shown; a point of data makes them pass their symbol style to the sample).
        self._legend_samples = {
            name: pg.PlotDataItem([0.0], [0.0], antialias=True, symbol=symbol, symbolSize=size)
            for name, symbol, size in (("point", "o", 14), ("target", "star", 18), ("path", "o", 5))
        }
        corner_xy = np.vstack([SIMPLEX_CORNERS, SIMPLEX_CORNERS[:1]])
        self.outline_item.setData(corner_xy[:, 0], corner_xy[:, 1])

        self.corner_labels = [
            pg.TextItem(anchor=(0.5, 0.0)),
            pg.TextItem(anchor=(0.5, 0.0)),
            pg.TextItem(anchor=(0.5, 1.0)),
        ]
        self.message_item = pg.TextItem(anchor=(0.5, 0.5))
        self.message_item.setZValue(20)
        option = self.message_item.textItem.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message_item.textItem.document().setDefaultTextOption(option)
        self.message_item.setVisible(False)
        for item in (*self.corner_labels, self.message_item):
            self.plot.addItem(item, ignoreBounds=True)

        self.color_bar = ColorBar()
        self.color_bar.set_levels((0.0, MIN_LOSS_SPAN))
        self.color_bar.set_label(self._loss_label("cross_entropy"))
        # In the plot's layout, right of the view box (as pyqtgraph's ColorBarItem puts
        # itself): the bar is as tall as the triangle's box, not the title.
        self.plot.layout.addItem(self.color_bar, 2, 5)
        self.plot.layout.setColumnFixedWidth(4, 5)

        # The legend floats at the bottom of the canvas (outside the grid layout, so its
        # width never forces the layout wider than the widget) in a margin kept free for it;
        # it wraps to fewer columns when the widget is narrow.
        self.legend = pg.LegendItem(colCount=3, horSpacing=4, frame=False)
        samples = self._legend_samples
        self.legend.addItem(samples["point"], self.tr("p = softmax(z/T)"))
        self.legend.addItem(samples["target"], self.tr("target t"))
        self.legend.addItem(samples["path"], self.tr("descent path"))
        for sample, _label in self.legend.items:
            # A click on a sample would hide the real item; the legend only explains.
            sample.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.legend.layout.setContentsMargins(0, 0, 0, 0)
        self.legend.setParentItem(self.canvas.ci)
        self.canvas.ci.geometryChanged.connect(self._place_legend)

        self.viewbox.sigResized.connect(self._fit_view)
        self.apply_theme()
        self.attach()

    # Style -------------------------------------------------------------------------------
    def _font(self, extra: int = 0) -> QFont:
        font = QFont()
        font.setPointSize(max(1, round(self.theme.font_size * self.font_scale) + extra))
        return font

    def apply_theme(self) -> None:
        """Restyle every item from :attr:`theme` and :attr:`font_scale`."""
        theme = self.theme
        size = round(theme.font_size * self.font_scale)
        self.canvas.setBackground(theme.background)
        self.plot.setTitle(
            self.tr("Probability simplex"),
            color=theme.foreground,
            size=f"{size + 1}pt",
            bold=True,
        )
        colormap = pg.colormap.get(theme.colormap)
        self.color_bar.set_colormap(colormap)
        self.image_item.set_colormap(colormap)
        self.color_bar.set_style(theme.foreground, self._font(-1), self._font())
        self.color_bar.set_label(self._loss_label(self.session.state.loss))
        contour = theme.pen(theme.contour, 1.0)
        contour_color = contour.color()
        # Faint lines, stronger where the theme asks for more contrast (its grid opacity).
        contour_color.setAlpha(round(255 * min(1.0, 2 * theme.grid_alpha)))
        contour.setColor(contour_color)
        self.contour_item.setPen(contour)
        self.outline_item.setPen(theme.pen(theme.foreground, 2.0))
        self.path_item.setPen(theme.pen(theme.path, 2.0))
        self.path_dot_outlines.setPen(theme.pen(_DARK_OUTLINE, 5 + 2 * 0.8))
        self.path_dots.setPen(theme.pen(theme.path, 5))
        self.target_item.set_style(theme.brush(theme.target), theme.pen(_DARK_OUTLINE, 1.2))
        self.point_outline.setPen(theme.pen(_DARK_OUTLINE, 14 + 2.0))
        self.point_item.setPen(theme.pen(theme.point, 14 - 2.0))
        samples = self._legend_samples
        samples["path"].setPen(theme.pen(theme.path, 2.0))
        samples["path"].setSymbolBrush(theme.brush(theme.path))
        samples["path"].setSymbolPen(theme.pen(_DARK_OUTLINE, 0.8))
        samples["target"].setPen(None)
        samples["target"].setSymbolBrush(theme.brush(theme.target))
        samples["target"].setSymbolPen(theme.pen(_DARK_OUTLINE, 1.2))
        samples["point"].setPen(None)
        samples["point"].setSymbolBrush(theme.brush(theme.point))
        samples["point"].setSymbolPen(theme.pen(_DARK_OUTLINE, 2.0))
        for label in (*self.corner_labels, self.message_item):
            label.setColor(theme.foreground)
            label.setFont(self._font())
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{size}pt")
        for _sample, label in self.legend.items:
            label.setText(label.text)  # LabelItem applies new attributes on the next setText
        self._place_legend()
        self._fit_view()

    def static_items(self) -> tuple[QGraphicsItem, ...]:
        """The loss image, its contours and the triangle change with the target only.

        A point or path moving over them then repaints a few pixels from their caches. The
        colour bar's gradient, ticks and turned title change with the levels only.
        """
        return (self.image_item, self.contour_item, self.outline_item.curve, self.color_bar)

    def _loss_label(self, loss: str) -> str:
        """The colour bar's title for ``loss``."""
        return {
            "cross_entropy": self.tr("loss H(t, p)"),
            "squared_error": self.tr("squared error"),
            "focal": self.tr("focal loss"),
        }[loss]

    # Drawing -----------------------------------------------------------------------------
    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw markers and path; recompute the loss image only when the target changed."""
        analysis = derived.analysis
        supported = state.num_classes == 3
        if supported != self._supported or change is None:
            for item in (
                self.image_clip,
                self.contour_item,
                self.outline_item,
                self.path_item,
                self.path_dot_outlines,
                self.path_dots,
                self.target_chart,
                self.point_outline,
                self.point_item,
                *self.corner_labels,
                self.legend,
                self.color_bar,
            ):
                item.setVisible(supported)
            self.message_item.setVisible(not supported)
        if supported != self._supported:
            self._supported = supported
            self._place_legend()
        if not supported:
            self.message_item.setText(
                self.tr("The simplex view needs exactly 3 classes (now K = {count})").format(
                    count=state.num_classes
                )
            )
            self.setAccessibleDescription(self.message_item.toPlainText())
            self._fit_view()
            return

        target = np.asarray(analysis.target, dtype=np.float64)
        loss = state_loss(state)
        key = (target.tobytes(), loss)
        if key != self._image_key:
            self.color_bar.set_label(self._loss_label(state.loss))  # it names the loss
            cached = self._image_cache.pop(key, None)
            if cached is None:
                cached = simplex_loss_image(target, loss=loss)
                self.image_computations += 1
            # Most recently used last; a few targets (labels toggled in class) stay cached.
            self._image_cache[key] = cached
            while len(self._image_cache) > IMAGE_CACHE_SIZE:
                del self._image_cache[next(iter(self._image_cache))]
            image, segments, levels = cached
            self.image_item.set_data(image, levels, _IMAGE_RECT)
            if levels != self._levels:  # (the same for every hard label)
                self._levels = levels
                self.color_bar.set_levels(levels)
            self.contour_item.set_data(segments)
            self._image_key = key
            target_xy = simplex_to_xy(target)
            self.target_item.set_points([target_xy[0]], [target_xy[1]])

        point = simplex_to_xy(analysis.probabilities)
        for dot in (self.point_outline, self.point_item):
            dot.set_data(np.asarray(point, dtype=np.float64).reshape(1, 2))
        # A trail of one point is the current point itself: no path to draw (or redraw on
        # every drag). A descent step adds its segment and dot to those shown.
        trail_points, shown = len(derived.trail), self._path_points
        appended = appended_trail_points(change, shown, trail_points)
        self._path_points = trail_points
        if appended:
            new = simplex_to_xy(derived.trail_probabilities[-appended - 1 :])
            self.path_item.extend_polyline(new)
            self.path_dot_outlines.extend(new[1:])
            self.path_dots.extend(new[1:])
            path = None
        elif trail_points > 1:
            path = simplex_to_xy(derived.trail_probabilities)
        elif shown > 1 or change is None:
            path = np.zeros((0, 2))
        else:
            path = None
        if path is not None:
            self.path_item.set_polyline(path)
            self.path_dot_outlines.set_data(path)
            self.path_dots.set_data(path)

        label_texts = [self.class_name(state, index) for index in range(3)]
        self.setAccessibleDescription(
            self.tr(
                "Triangle of all distributions over {names}, coloured by the loss. "
                "p = ({p}), target t = ({t}), loss {loss:.3f}."
            ).format(
                names=", ".join(label_texts),
                p=", ".join(f"{value:.3f}" for value in analysis.probabilities),
                t=", ".join(f"{value:.3f}" for value in target),
                loss=analysis.loss,
            )
        )
        # Corner labels are laid out again only when they change (or the view resizes).
        if change is None or change.num_classes or label_texts != self._label_texts:
            self._label_texts = label_texts
            self._fit_view()

    def _place_legend(self) -> None:
        """Choose the legend's column count for the canvas width and centre it at the bottom."""
        canvas = self.canvas.ci.geometry()
        available = min(canvas.width(), self.canvas.viewport().width()) - 12
        entries = [
            _LEGEND_SAMPLE + label.item.boundingRect().width()
            for _sample, label in self.legend.items
        ]
        label_height = max(label.item.boundingRect().height() for _s, label in self.legend.items)
        columns = 1
        for count in (3, 2):
            widths = [max(entries[start::count]) for start in range(count)]
            if sum(widths) + _LEGEND_GAP * (count - 1) <= available:
                columns = count
                break
        self.legend.setColumnCount(columns)
        for column in range(2 * len(entries)):
            label_before_entry = column % 2 == 1 and column < 2 * columns - 1
            self.legend.layout.setColumnSpacing(column, _LEGEND_GAP if label_before_entry else 4)
        widths = [max(entries[start::columns]) for start in range(columns)]
        width = sum(widths) + _LEGEND_GAP * (columns - 1)
        rows = -(-len(entries) // columns)
        height = rows * max(20.0, label_height)
        self.legend.setGeometry(QRectF(0.0, 0.0, width, height))
        # The legend's layout may need more than the estimate: place what it really takes.
        width = max(width, self.legend.geometry().width())
        height = max(height, self.legend.geometry().height())
        margin = height + 4 if self._supported else 0.0
        self.canvas.ci.setContentsMargins(6, 6, 6, 6 + margin)
        self.legend.setPos(max(0.0, (canvas.width() - width) / 2), canvas.height() - height - 6)

    def _fit_view(self, *_args: object) -> None:
        """Fit the triangle to the view, leaving pixel margins for labels and markers.

        Corner labels go below the bottom corners and above the top one; when the view is
        short (a docked panel), beside the corners instead if that draws a larger triangle.
        """
        width, height = self.viewbox.width(), self.viewbox.height()
        if width < 10 or height < 10:
            return
        metrics = QFontMetricsF(self._font())
        max_width = _LABEL_MAX_WIDTH * self.font_scale
        for _attempt in range(2):
            sizes = []
            for label, text in zip(self.corner_labels, self._label_texts, strict=True):
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max_width)
                label.setText(shown)
                label.setToolTip(text if shown != text else "")
                # TextItem draws its text in a document with a small margin around it.
                sizes.append((metrics.horizontalAdvance(shown) + 8, metrics.height() + 8))
            below = _label_margins(sizes, beside=False)
            beside = _label_margins(sizes, beside=True)
            scale_below = _triangle_scale(width, height, below)
            scale_beside = _triangle_scale(width, height, beside)
            use_beside = scale_beside > _BESIDE_GAIN * scale_below
            margins, scale = (beside, scale_beside) if use_beside else (below, scale_below)
            if use_beside:
                # The top label runs right from the apex: it must end inside the view.
                overhang = _LABEL_GAP + sizes[2][0] - scale / 2 - margins[1]
                if overhang > 0:
                    margins = (margins[0], margins[1] + overhang, *margins[2:])
                    scale = _triangle_scale(width, height, margins)
                break
            if (sizes[0][0] + sizes[1][0]) / 2 <= scale:
                break
            # A small triangle: shorten the names so the two bottom labels do not overlap.
            max_width = max(metrics.horizontalAdvance("M…"), scale - 12)
        left, right, bottom, top = margins
        extra_x = max(0.0, width - left - right - scale) / 2
        extra_y = max(0.0, height - top - bottom - scale * _HEIGHT) / 2
        self.viewbox.setRange(
            xRange=(-(left + extra_x) / scale, 1.0 + (right + extra_x) / scale),
            yRange=(-(bottom + extra_y) / scale, _HEIGHT + (top + extra_y) / scale),
            padding=0.0,
        )
        gap = _LABEL_GAP / scale
        if use_beside:
            placements = [((0.0 - gap, 0.0), (1.0, 0.5)), ((1.0 + gap, 0.0), (0.0, 0.5))]
            placements.append(((0.5 + gap, _HEIGHT), (0.0, 0.5)))
        else:
            placements = [((0.0, -gap), (0.5, 0.0)), ((1.0, -gap), (0.5, 0.0))]
            placements.append(((0.5, _HEIGHT + gap), (0.5, 1.0)))
        for label, (position, anchor) in zip(self.corner_labels, placements, strict=True):
            label.setAnchor(anchor)
            label.setPos(*position)
        self.message_item.setPos(0.5, _HEIGHT / 2)
        self.message_item.setTextWidth(max(120.0, min(width - 24.0, 420.0)))


def _label_margins(
    sizes: list[tuple[float, float]], *, beside: bool
) -> tuple[float, float, float, float]:
    """Pixel margins ``(left, right, bottom, top)`` around the triangle for corner labels."""
    (w0, h0), (w1, h1), (_w2, h2) = sizes
    if beside:
        return (
            _LABEL_GAP + w0,
            _LABEL_GAP + w1,
            max(_MARKER_MARGIN, max(h0, h1) / 2),
            max(_MARKER_MARGIN, h2 / 2),
        )
    return (
        max(_MARKER_MARGIN, w0 / 2),
        max(_MARKER_MARGIN, w1 / 2),
        _LABEL_GAP + max(h0, h1),
        _LABEL_GAP + h2,
    )


def _triangle_scale(width: float, height: float, margins: tuple[float, ...]) -> float:
    """Pixels per unit of the triangle's side that fit ``width`` x ``height`` with margins."""
    left, right, bottom, top = margins
    return max(1.0, min(width - left - right, (height - top - bottom) / _HEIGHT))


__all__ = ["SimplexView"]
