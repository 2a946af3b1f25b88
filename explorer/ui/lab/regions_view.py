"""The decision regions: argmax colours shaded by confidence, the points, the weight arrows.

The regions are a 256 x 256 image (``explorer.core.lab.region_grid``) over the visible
range, one ``ImageItem``; the points one ``ScatterPlotItem``, the misclassified ones ringed
by a second; each class's raw weights ``(w_x1, w_x2)`` an arrow from the origin (a line and
an ``ArrowItem``: K <= 8 of them) that the user drags, and its zero-score line.

Mouse: a click on empty ground adds a point of the chosen class, a click on a point selects
it (Ctrl adds to the selection), a drag moves it, a right click (or Delete) removes it; a
drag that starts on an arrow's head sets that class's weights.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.lab import LabDataError, class_lines, feature_matrix
from ..heatmap_item import HeatmapItem
from ..theme import style_plot
from ..view import axis_items
from .adapter import regions_with
from .colors import class_color, region_indices, shade_table
from .model import LabChange, LabModel
from .panel import LabPanel

REGION_RESOLUTION = 256
#: How close (pixels) a press must be to a point or an arrow head to grab it.
GRAB_RADIUS = 9.0
POINT_SIZE = 8
#: Arrow length, as a fraction of the smaller half-extent of the view, that the scale aims
#: for; the scale only changes when the longest arrow leaves [SHORTEST, LONGEST].
ARROW_TARGET, ARROW_SHORTEST, ARROW_LONGEST = 0.5, 0.2, 0.95


def nice_scale(value: float) -> float:
    """The 1-2-5 number nearest below ``value`` (> 0): the arrows' scale factor.

    >>> nice_scale(3.7), nice_scale(0.013)
    (2.0, 0.01)
    """
    exponent = math.floor(math.log10(value))
    mantissa = value / 10**exponent
    step = 5.0 if mantissa >= 5 else 2.0 if mantissa >= 2 else 1.0
    return step * 10**exponent


def clipped_line(w: np.ndarray, bias: float, rect: tuple[float, float, float, float]):
    """Two points of ``w . x + bias = 0`` spanning ``rect`` (xmin, xmax, ymin, ymax), or None."""
    xmin, xmax, ymin, ymax = rect
    wx, wy = float(w[0]), float(w[1])
    if not (math.isfinite(wx) and math.isfinite(wy) and math.isfinite(bias)):
        return None
    if abs(wx) < 1e-12 and abs(wy) < 1e-12:
        return None
    margin = max(xmax - xmin, ymax - ymin)
    if abs(wy) >= abs(wx):
        xs = np.array([xmin - margin, xmax + margin])
        ys = -(bias + wx * xs) / wy
    else:
        ys = np.array([ymin - margin, ymax + margin])
        xs = -(bias + wy * ys) / wx
    if not np.all(np.isfinite(xs)) or not np.all(np.isfinite(ys)):
        return None
    return xs, ys


class RegionsViewBox(pg.ViewBox):
    """A fixed view (no pan or zoom) that hands clicks and drags to its :class:`RegionsView`."""

    def __init__(self, view: RegionsView):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(False, False)
        self.setAspectLocked(True)
        self._view = view

    def mouseClickEvent(self, event):  # noqa: D102, N802 (pyqtgraph override)
        self._view._on_canvas_clicked(event)

    def mouseDragEvent(self, event, axis=None):  # noqa: D102, N802 (pyqtgraph override)
        self._view._on_canvas_dragged(event)

    def wheelEvent(self, event, axis=None):  # noqa: D102, N802 (the view stays put)
        event.ignore()


class PassiveScatter(pg.ScatterPlotItem):
    """A scatter that leaves clicks to the view box (which knows what a click means here)."""

    def mouseClickEvent(self, event):  # noqa: D102, N802 (pyqtgraph override)
        event.ignore()


class RegionsCanvas(pg.GraphicsView):
    """The regions' canvas; Delete or Backspace asks to remove the selected points."""

    deleteRequested = Signal()

    def keyPressEvent(self, event):  # noqa: D102, N802 (Qt override)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class RegionsView(LabPanel):
    """Decision regions, points and weight arrows of the lab's model.

    Signals
    -------
    dragActive(bool)
        A drag of a point or an arrow began (True) or ended (False): training pauses
        meanwhile, so the drag is not fought by the optimiser.
    message(str)
        Something to tell the user (a refused edit).
    """

    dragActive = Signal(bool)
    message = Signal(str)

    def __init__(self, model: LabModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setObjectName("labRegionsView")
        #: The class a click adds (the window's class chooser sets it).
        self.add_class = 0
        self.canvas = RegionsCanvas()
        self.canvas.setObjectName("labRegionsPlot")
        self.canvas.setAccessibleName(self.tr("Decision regions"))
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setToolTip(
            self.tr(
                "Click to add a point of the chosen class, drag a point to move it, "
                "right-click or press Delete to remove it; drag an arrow head to set "
                "that class's weights."
            )
        )
        self.view_box = RegionsViewBox(self)
        self.plot = pg.PlotItem(viewBox=self.view_box, axisItems=axis_items())
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.canvas.setCentralItem(self.plot)
        self.plot.setLabel("bottom", "x₁")
        self.plot.setLabel("left", "x₂")

        # An indexed image coloured by a 256-entry table, painted as one scaled blit: the
        # explorer's surface heatmap item, a millisecond a frame cheaper than ImageItem.
        self.image = HeatmapItem()
        self.image.setZValue(-10)
        self.view_box.addItem(self.image)
        self.zero_lines = [pg.PlotCurveItem() for _ in range(8)]
        self.shafts = [pg.PlotCurveItem() for _ in range(8)]
        self.heads = [pg.ArrowItem(headLen=16, tipAngle=32, tailLen=0) for _ in range(8)]
        for item in (*self.zero_lines, *self.shafts):
            item.setZValue(1)
            self.view_box.addItem(item)
        self.points = PassiveScatter(size=POINT_SIZE, pxMode=True)
        self.points.setZValue(3)
        self.wrong = PassiveScatter(size=POINT_SIZE + 8, pxMode=True, symbol="o")
        self.wrong.setZValue(2)
        self.selected = PassiveScatter(size=POINT_SIZE + 12, pxMode=True, symbol="s")
        self.selected.setZValue(4)
        for item in (self.points, self.wrong, self.selected):
            self.view_box.addItem(item)
        for head in self.heads:
            head.setZValue(5)
            self.view_box.addItem(head)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

        #: Raw weights (2, K) of the arrows shown, the factor they are drawn at, the rows
        #: of W that hold x1 and x2 (None without raw features).
        self._arrows = np.zeros((2, 0))
        self._arrow_scale = 1.0
        self._raw_rows: tuple[int, int] | None = None
        self._drag: tuple | None = None
        self._table = None
        self._regions_pending = False
        #: Weights of a history snapshot shown instead of the model's (the slider's preview).
        self.preview_weights: np.ndarray | None = None
        self._arrow_style: tuple | None = None
        self._title = ""
        #: The features of the dataset's points, kept while the data and features stay.
        self._point_features: tuple | None = None
        self._range_timer = QTimer(self)
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(0)
        self._range_timer.timeout.connect(self._redraw_for_range)
        self.view_box.sigRangeChanged.connect(self._on_view_range_changed)
        self.canvas.deleteRequested.connect(self._on_delete_requested)
        self.attach()

    # Drawing ------------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102
        super().apply_theme()
        self._title = ""  # set again in the theme's colour and size
        style_plot(self.plot, self.theme, self.font_scale)
        self._table = None
        self.wrong.setPen(self.theme.pen(self.theme.foreground, 1.6))
        self.wrong.setBrush(None)
        self.selected.setPen(self.theme.pen(self.theme.target, 2.5))
        self.selected.setBrush(None)

    def refresh(self, change: LabChange) -> None:  # noqa: D102
        if change.model or change.features or change.data:
            self.preview_weights = None
        if change.bounds:
            xmin, xmax, ymin, ymax = self.model.bounds
            self.view_box.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
        if change.data or change.features:
            self._draw_points()
        if change.model or change.data or change.features or change.bounds:
            self._draw_regions()
            self._draw_predictions()
            self._draw_arrows()
        if change.selection or change.data:
            self._draw_selection()

    def _visible_rect(self) -> tuple[float, float, float, float]:
        (xmin, xmax), (ymin, ymax) = self.view_box.viewRange()
        return xmin, xmax, ymin, ymax

    def _draw_regions(self) -> None:
        self._regions_pending = False
        classes = self.model.classes
        if self._table != (self.theme, classes):
            self._table = (self.theme, classes)
            self.image.set_color_table(shade_table(classes, self.theme))
        rect = self._visible_rect()
        try:
            predicted, confidence = regions_with(
                self.model.trainer, self.preview_weights, rect, REGION_RESOLUTION
            )
        except LabDataError:
            self.image.setVisible(False)
            return
        self.image.setVisible(True)
        indices = region_indices(predicted, confidence, classes)
        xmin, xmax, ymin, ymax = rect
        self.image.set_indices(indices, QRectF(xmin, ymin, xmax - xmin, ymax - ymin))

    def _draw_points(self) -> None:
        dataset = self.model.dataset
        brushes = np.array(
            [self.theme.brush(class_color(k, self.theme)) for k in range(dataset.classes)],
            dtype=object,
        )
        labels = np.asarray(dataset.labels, dtype=np.intp)
        outline = "#ffffff" if self.theme.name != "dark" else "#1e1f22"
        self.points.setData(
            pos=np.asarray(dataset.points, dtype=float).reshape(-1, 2),
            brush=list(brushes[labels]) if len(labels) else [],
            pen=self.theme.pen(outline, 1.0),
        )

    def _draw_predictions(self) -> None:
        dataset = self.model.dataset
        points = np.asarray(dataset.points, dtype=float).reshape(-1, 2)
        if len(points) == 0:
            self.wrong.setData(pos=np.empty((0, 2)))
            return
        key = (dataset, self.model.features)
        if (
            self._point_features is None
            or self._point_features[0] is not key[0]
            or (self._point_features[1] != key[1])
        ):
            self._point_features = (*key, feature_matrix(self.model.features, points))
        weights = self.preview_weights
        if weights is None:
            weights = np.asarray(self.model.trainer.W)
        with np.errstate(over="ignore", invalid="ignore"):
            scores = self._point_features[2] @ weights[:-1] + weights[-1]
        wrong = np.argmax(scores, axis=1) != np.asarray(dataset.labels)
        self.wrong.setData(pos=points[wrong])

    def _draw_selection(self) -> None:
        points = np.asarray(self.model.dataset.points, dtype=float).reshape(-1, 2)
        chosen = [] if self.figure_mode else [i for i in self.model.selection if i < len(points)]
        self.selected.setData(pos=points[chosen] if chosen else np.empty((0, 2)))

    def _lines(self):
        weights = self.preview_weights
        if weights is None:
            return class_lines(self.model.trainer)
        if not self.model.features.raw:
            return [None] * self.model.classes
        return [(weights[0:2, k].copy(), float(weights[-1, k])) for k in range(weights.shape[1])]

    def show_weights(self, weights: np.ndarray | None) -> None:
        """Draw the regions and arrows of ``weights`` (a snapshot's), or the model's (None)."""
        self.preview_weights = None if weights is None else np.asarray(weights, dtype=float)
        self._draw_regions()
        self._draw_predictions()
        self._draw_arrows()

    def _style_arrows(self) -> None:
        """Pens and brushes of the arrows and lines (a new theme or number of classes)."""
        key = (self.theme, self.model.classes)
        if key == self._arrow_style:
            return
        self._arrow_style = key
        for k in range(8):
            color = class_color(k, self.theme)
            self.zero_lines[k].setPen(self.theme.pen(color, 1.5, style=Qt.PenStyle.DashLine))
            self.shafts[k].setPen(self.theme.pen(color, 3.0))
            self.heads[k].setStyle(
                pen=self.theme.pen(self.theme.foreground, 1.0), brush=self.theme.brush(color)
            )

    def _draw_arrows(self) -> None:
        lines = self._lines()
        classes = self.model.classes
        self._raw_rows = self._find_raw_rows()
        self._style_arrows()
        shown = self._raw_rows is not None and all(line is not None for line in lines)
        if shown:
            self._arrows = np.array([np.asarray(w, dtype=float) for w, _ in lines]).T
            if self._drag is None or self._drag[0] != "weight":
                self._update_arrow_scale()
        else:
            self._arrows = np.zeros((2, 0))
        rect = self._visible_rect()
        features = self.model.features
        linear = not (features.squares or features.sines or features.fourier)
        for k in range(8):
            line, shaft, head = self.zero_lines[k], self.shafts[k], self.heads[k]
            visible = shown and k < classes
            if visible:
                w, bias = lines[k]
                # The zero-score line is a line only when the score is linear in x.
                ends = clipped_line(np.asarray(w), float(bias), rect) if linear else None
                if ends is not None:
                    line.setData(*ends)
                line.setVisible(ends is not None)
                tip = self._arrows[:, k] * self._arrow_scale
                shaft.setData(np.array([0.0, tip[0]]), np.array([0.0, tip[1]]))
                head.setStyle(angle=math.degrees(math.atan2(-tip[1], tip[0])) + 180.0)
                head.setPos(QPointF(float(tip[0]), float(tip[1])))
            else:
                line.setVisible(False)
            if shaft.isVisible() != visible:
                shaft.setVisible(visible)
                head.setVisible(visible)
        if shown:
            title = self.tr("Decision regions · arrows (w₁, w₂) × {scale}").format(
                scale=f"{self._arrow_scale:g}"
            )
        else:
            title = self.tr("Decision regions (no raw features: no arrows)")
        if title != self._title:
            self._title = title
            size = round(self.theme.font_size * self.font_scale)
            self.plot.setTitle(title, color=self.theme.foreground, size=f"{size + 1}pt", bold=True)

    def _update_arrow_scale(self) -> None:
        xmin, xmax, ymin, ymax = self._visible_rect()
        reach = 0.5 * min(xmax - xmin, ymax - ymin)
        longest = float(np.max(np.hypot(*self._arrows))) if self._arrows.size else 0.0
        if not (reach > 0 and longest > 0 and math.isfinite(longest)):
            return
        length = longest * self._arrow_scale / reach
        if not ARROW_SHORTEST <= length <= ARROW_LONGEST:
            self._arrow_scale = nice_scale(ARROW_TARGET * reach / longest)

    def _find_raw_rows(self) -> tuple[int, int] | None:
        if not self.model.features.raw:
            return None
        return (0, 1)

    # Hit testing --------------------------------------------------------------------------
    def _pixel_distances(self, position: QPointF, points: np.ndarray) -> np.ndarray:
        width, height = self.view_box.viewPixelSize()
        return np.hypot(
            (points[:, 0] - position.x()) / width, (points[:, 1] - position.y()) / height
        )

    def point_at(self, position: QPointF) -> int | None:
        """Index of the point nearest ``position`` (data coordinates) within reach, or None."""
        points = np.asarray(self.model.dataset.points, dtype=float).reshape(-1, 2)
        if len(points) == 0:
            return None
        distances = self._pixel_distances(position, points)
        index = int(np.argmin(distances))
        return index if distances[index] <= GRAB_RADIUS else None

    def arrow_at(self, position: QPointF) -> int | None:
        """Class whose arrow head is within reach of ``position``, or None."""
        if self._arrows.shape[1] == 0:
            return None
        tips = (self._arrows * self._arrow_scale).T
        distances = self._pixel_distances(position, tips)
        index = int(np.argmin(distances))
        return index if distances[index] <= GRAB_RADIUS + 4 else None

    def arrow_tip(self, k: int) -> tuple[float, float]:
        """Where class ``k``'s arrow head is drawn (data coordinates)."""
        tip = self._arrows[:, k] * self._arrow_scale
        return float(tip[0]), float(tip[1])

    @property
    def arrow_scale(self) -> float:
        """The factor the raw weights are drawn at (arrow = w * scale)."""
        return self._arrow_scale

    # Handlers -----------------------------------------------------------------------------
    def _on_canvas_clicked(self, event) -> None:
        if self.figure_mode:
            return
        position = self.view_box.mapSceneToView(event.scenePos())
        index = self.point_at(position)
        event.accept()
        self.canvas.setFocus()
        if event.button() == Qt.MouseButton.RightButton:
            if index is not None:
                self.model.remove_points([index])
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if index is not None:
            modifiers = event.modifiers()
            if modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            ):
                chosen = list(self.model.selection)
                if index in chosen:
                    chosen.remove(index)
                else:
                    chosen.append(index)
                self.model.select(chosen)
            else:
                self.model.select([index])
            return
        if self.arrow_at(position) is not None:
            return
        try:
            self.model.add_point((position.x(), position.y()), self.add_class)
        except LabDataError as error:
            from ...i18n import translate_error

            self.message.emit(translate_error(error))

    def _on_canvas_dragged(self, event) -> None:
        if self.figure_mode or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        if event.isStart():
            start = self.view_box.mapSceneToView(event.buttonDownScenePos())
            arrow = self.arrow_at(start)
            if arrow is not None:
                self._drag = ("weight", arrow, self._arrow_scale)
            else:
                index = self.point_at(start)
                self._drag = ("point", index) if index is not None else None
            if self._drag is None:
                event.ignore()
                return
            self.dragActive.emit(True)
            if self._drag[0] == "point":
                self.model.select([self._drag[1]])
        if self._drag is None:
            event.ignore()
            return
        event.accept()
        position = self.view_box.mapSceneToView(event.scenePos())
        x, y = position.x(), position.y()
        if self._drag[0] == "point":
            xmin, xmax, ymin, ymax = self._visible_rect()
            self.model.move_point(self._drag[1], (min(max(x, xmin), xmax), min(max(y, ymin), ymax)))
        else:
            _, k, scale = self._drag
            rows = self._raw_rows
            if rows is not None:
                weights = np.array(self.model.trainer.W, dtype=float)
                weights[rows[0], k] = x / scale
                weights[rows[1], k] = y / scale
                self.model.set_weights(weights)
        if event.isFinish():
            self._drag = None
            self._draw_arrows()
            self.dragActive.emit(False)

    def _on_delete_requested(self) -> None:
        if self.model.selection:
            self.model.remove_points(self.model.selection)

    def _on_view_range_changed(self, *_args) -> None:
        # A resize changes the visible range (the aspect is locked): the regions follow,
        # once per batch of range changes.
        if not self._regions_pending:
            self._regions_pending = True
            self._range_timer.start()

    def _redraw_for_range(self) -> None:
        if self._regions_pending:
            self._draw_regions()
            self._draw_arrows()
