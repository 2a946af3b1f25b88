"""The loss surface over two chosen logits, with contours, gradient field and descent path."""

from __future__ import annotations

import html
import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.arrows import arrow_points, arrow_segments, scaled_to_longest
from ..core.nice import nice_range
from ..session import Change, Derived, ExplorerSession
from ..state import LEARNING_RATE_RANGE, SURFACE_LIMIT, ExplorerState
from .color_bar import ColorBar
from .heatmap_item import HeatmapItem
from .segments_item import SegmentsItem
from .theme import style_plot
from .view import ExplorerView, appended_trail_points, axis_items, classes_changed
from .widgets import NumberEdit, format_number

PLAY_INTERVAL_MS = 80
#: Play stops once the gradient is this short: the descent has converged, and each further
#: step would move the logits by less than the learning rate times this (issue 24: Play
#: ran on for ever after a hard label's loss had reached 0.0000).
CONVERGED_GRADIENT = 1e-4
_CONTROL_FIELDS = frozenset({"surface_axes", "surface_range", "show_field", "learning_rate"})
_AXIS_LABEL_FIELDS = frozenset({"surface_axes", "class_names"})
#: The colour scale's ends are rounded outwards to a nice step of 1/20 of its range: the
#: colours and the bar's ticks stay still while small drags move the surface's minimum and
#: maximum a little, for at most two steps of contrast.
COLOUR_STEPS = 20


class LossSurfaceView(ExplorerView):
    """Cross-entropy as a heatmap over logits ``(z_a, z_b)``, others held fixed.

    Draws contour lines, a colour bar, the current point, the descent direction at it, an
    optional field of descent arrows and the gradient-descent path. Controls pick the two
    logits and the range, and run gradient descent (Step, Play/Pause, Reset).
    """

    statusMessage = Signal(str)

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("lossSurfacePlot")
        self.setAccessibleName(self.tr("Loss surface"))
        self.setAccessibleDescription(
            self.tr("Heatmap of the cross-entropy over two logits, with the descent path")
        )
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName("lossSurfaceCanvas")
        self.graphics.setAccessibleName(self.tr("Loss surface heatmap"))
        self.graphics.setToolTip(
            self.tr(
                "Cross-entropy over two logits (the others fixed). White dot: the current "
                "logits. Arrows point downhill (−∇L)."
            )
        )
        self.plot = self.graphics.addPlot(row=0, col=0, axisItems=axis_items())
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setTitle(self.tr("Loss surface"))
        self.image = HeatmapItem()
        self.plot.addItem(self.image)
        self._levels: tuple[float, float] | None = None
        self._view_range: tuple[float, ...] | None = None
        # Lines and dots: one drawLines / drawPoints call per item (see segments_item.py).
        self.contours = SegmentsItem()
        self.field_arrows = SegmentsItem()
        # The path gains a segment and a dot per descent step: drawn onto kept layers.
        self.path = SegmentsItem(growing=True)
        self.path_dots = SegmentsItem(dots=True, growing=True)
        self._path_points = 0  # trail points the path shows
        self.gradient_arrow = SegmentsItem()
        self.point_outline = SegmentsItem(dots=True)  # the current point: a ringed dot
        self.point = SegmentsItem(dots=True)
        for item in (
            self.contours,
            self.field_arrows,
            self.path,
            self.path_dots,
            self.gradient_arrow,
            self.point_outline,
            self.point,
        ):
            self.plot.addItem(item)
        self.color_bar = ColorBar()
        self.graphics.addItem(self.color_bar, row=0, col=1)
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)

        self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.graphics, 1)
        self.controls_widget = QWidget()
        self.controls_widget.setLayout(self.controls)
        self.controls.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls_widget)
        self.chrome = [self.controls_widget]

        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._on_play_timer_timeout)
        self._num_classes = 0
        self.apply_theme()
        self.attach()

    def _build_controls(self) -> None:
        self.axis_a = QComboBox()
        self.axis_a.setObjectName("surfaceAxisA")
        self.axis_a.setAccessibleName(self.tr("Horizontal axis logit"))
        self.axis_a.setToolTip(self.tr("The logit on the horizontal axis"))
        self.axis_a.currentIndexChanged.connect(self._on_axis_a_index_changed)
        self.axis_b = QComboBox()
        self.axis_b.setObjectName("surfaceAxisB")
        self.axis_b.setAccessibleName(self.tr("Vertical axis logit"))
        self.axis_b.setToolTip(self.tr("The logit on the vertical axis"))
        self.axis_b.currentIndexChanged.connect(self._on_axis_b_index_changed)
        self.range_min = NumberEdit(-SURFACE_LIMIT, SURFACE_LIMIT, digits=3)
        self.range_min.setObjectName("surfaceRangeMin")
        self.range_min.setAccessibleName(self.tr("Surface range minimum"))
        self.range_min.setToolTip(self.tr("Lowest logit value shown on both axes"))
        self.range_max = NumberEdit(-SURFACE_LIMIT, SURFACE_LIMIT, digits=3)
        self.range_max.setObjectName("surfaceRangeMax")
        self.range_max.setAccessibleName(self.tr("Surface range maximum"))
        self.range_max.setToolTip(self.tr("Highest logit value shown on both axes"))
        for edit in (self.range_min, self.range_max):
            edit.setMaximumWidth(70)
            edit.valueSubmitted.connect(self._on_range_edit_submitted)
            edit.invalidInput.connect(self.invalidInput)
        self.center_button = QPushButton(self.tr("Center"))
        self.center_button.setObjectName("surfaceCenterButton")
        self.center_button.setToolTip(self.tr("Center the surface on the current point"))
        self.center_button.clicked.connect(self._on_center_button_clicked)
        self.field_check = QCheckBox(self.tr("Arrow field"))
        self.field_check.setObjectName("surfaceFieldCheck")
        self.field_check.setToolTip(self.tr("Show the descent direction (−∇L) over the plane"))
        self.field_check.toggled.connect(self._on_field_check_toggled)

        self.learning_rate = NumberEdit(*LEARNING_RATE_RANGE, digits=4)
        self.learning_rate.setObjectName("learningRate")
        self.learning_rate.setMaximumWidth(70)
        self.learning_rate.setAccessibleName(self.tr("Learning rate"))
        self.learning_rate.setToolTip(
            self.tr("Step size η of gradient descent: z ← z − η ∇L (0.0001 to 100)")
        )
        self.learning_rate.valueSubmitted.connect(self._on_learning_rate_submitted)
        self.learning_rate.invalidInput.connect(self.invalidInput)
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setObjectName("stepButton")
        self.step_button.setToolTip(self.tr("One gradient-descent step on the logits"))
        self.step_button.clicked.connect(self._on_step_button_clicked)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("playButton")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(self.tr("Run gradient descent continuously (Pause to stop)"))
        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("descentResetButton")
        self.reset_button.setToolTip(self.tr("Back to where the descent started"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        row_one = QHBoxLayout()
        for text, widget in ((self.tr("x:"), self.axis_a), (self.tr("y:"), self.axis_b)):
            label = QLabel(text)
            label.setBuddy(widget)
            row_one.addWidget(label)
            row_one.addWidget(widget)
        range_label = QLabel(self.tr("range"))
        range_label.setBuddy(self.range_min)
        row_one.addWidget(range_label)
        row_one.addWidget(self.range_min)
        row_one.addWidget(QLabel("…"))
        row_one.addWidget(self.range_max)
        row_one.addWidget(self.center_button)
        row_one.addStretch(1)
        row_one.addWidget(self.field_check)
        row_two = QHBoxLayout()
        lr_label = QLabel(self.tr("learning rate η"))
        lr_label.setBuddy(self.learning_rate)
        row_two.addWidget(lr_label)
        row_two.addWidget(self.learning_rate)
        row_two.addStretch(1)
        for button in (self.step_button, self.play_button, self.reset_button):
            row_two.addWidget(button)
        grid.addLayout(row_one, 0, 0)
        grid.addLayout(row_two, 1, 0)
        self.controls = grid

    # Rendering ---------------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Restyle the plot and its items."""
        theme = self.theme
        self.graphics.setBackground(theme.background)
        style_plot(self.plot, theme, self.font_scale)
        self.plot.showGrid(x=False, y=False)
        colormap = pg.colormap.get(theme.colormap)
        self.color_bar.set_colormap(colormap)
        self.image.set_colormap(colormap)
        tick_font = QFont()
        tick_font.setPointSize(round(theme.font_size * self.font_scale * 0.9))
        self.color_bar.set_style(theme.foreground, tick_font)
        self.contours.setPen(theme.pen(theme.contour, 1, style=Qt.PenStyle.SolidLine))
        self.contours.setOpacity(0.6)
        self.field_arrows.setPen(theme.pen(theme.field, 1.0))
        self.field_arrows.setOpacity(0.45)
        self.path.setPen(theme.pen(theme.path, 2.5))
        self.path_dots.setPen(theme.pen(theme.path, 6))
        self.gradient_arrow.setPen(theme.pen(theme.predicted, 3.5))
        self.point_outline.setPen(theme.pen("#000000", 17))
        self.point.setPen(theme.pen(theme.point, 13))

    def static_items(self) -> tuple[QGraphicsItem, ...]:
        """The colour bar: its gradient, ticks and turned title change with the levels only.

        Drawn anew it costs 0.15-0.45 ms of a repaint of the plot (0.9 ms at 1280 x 800,
        offscreen), and every new surface repaints the plot.
        """
        return (self.color_bar,)

    def _title(self, state: ExplorerState) -> str:
        """The plot's title, naming the loss when it is not cross-entropy."""
        if state.loss == "squared_error":
            return self.tr("Loss surface: squared error")
        if state.loss == "focal":
            return self.tr("Loss surface: focal, γ = {gamma}").format(
                gamma=format_number(state.focal_gamma, 3)
            )
        return self.tr("Loss surface")

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw: the image only when the surface changed, the marker and path always."""
        surface = derived.surface
        full = change is None or change.surface
        if classes_changed(change):
            self._sync_axis_choices(state)
        first, second = state.surface_axes
        if full:
            a, b = surface.a_values, surface.b_values
            step_a = (a[-1] - a[0]) / max(a.size - 1, 1)
            step_b = (b[-1] - b[0]) / max(b.size - 1, 1)
            levels = nice_range(*(surface.loss_range or (0.0, 1.0)), COLOUR_STEPS)
            if levels != self._levels:  # a new range redraws the colour bar's axis
                self._levels = levels
                self.color_bar.set_levels(levels)
            rect = QRectF(
                a[0] - step_a / 2, b[0] - step_b / 2, a[-1] - a[0] + step_a, b[-1] - b[0] + step_b
            )
            self.image.set_data(surface.loss, levels, rect)
            self.contours.set_data(surface.contours)
            if surface.field_points.size:
                cell = min(step_a * a.size, step_b * b.size) / 20
                vectors = surface.field_vectors
                shafts, heads = arrow_segments(
                    surface.field_points, scaled_to_longest(vectors, 0.85 * cell)
                )
                self.field_arrows.set_data(np.concatenate([shafts, heads]))
            else:
                self.field_arrows.set_data(np.zeros((0, 2, 2)))
            view_range = (a[0], a[-1], b[0], b[-1])
            if view_range != self._view_range:
                self._view_range = view_range
                self.plot.setXRange(a[0], a[-1], padding=0)
                self.plot.setYRange(b[0], b[-1], padding=0)
        if change is None or change.num_classes or change.fields & _AXIS_LABEL_FIELDS:
            # Only when the axes are renamed: setting a label restyles its axis, which then
            # regenerates its ticks on the next paint (the largest cost of a frame).
            self.plot.setLabel(
                "bottom",
                self.tr("z{index} ({name})").format(
                    index=first, name=html.escape(self.class_name(state, first))
                ),
            )
            self.plot.setLabel(
                "left",
                self.tr("z{index} ({name})").format(
                    index=second, name=html.escape(self.class_name(state, second))
                ),
            )
            style_plot(self.plot, self.theme, self.font_scale)
            self.plot.showGrid(x=False, y=False)
        if change is None or change.fields & {"loss", "focal_gamma"}:
            self.plot.setTitle(self._title(state))
            style_plot(self.plot, self.theme, self.font_scale)
            self.plot.showGrid(x=False, y=False)
        if change is None or change.num_classes or change.fields & _CONTROL_FIELDS:
            # e.g. an undone learning rate
            self._sync_controls(state)
        point = np.array(derived.point, dtype=float)
        for dot in (self.point_outline, self.point):
            dot.set_data(point)
        gradient = derived.analysis.gradient
        a_min, a_max, b_min, b_max = state.surface_range
        # The longest possible gradient, sqrt(2) / T, is drawn across 35% of the plane.
        reach = 0.35 * min(a_max - a_min, b_max - b_min) / math.sqrt(2) * state.temperature
        descent = (-float(gradient[first]) * reach, -float(gradient[second]) * reach)
        if math.hypot(*descent) > 1e-9 * reach:
            self.gradient_arrow.set_data(arrow_points(derived.point, descent, 0.3))
        else:
            self.gradient_arrow.set_data(np.zeros((0, 2, 2)))
        trail = derived.trail
        appended = appended_trail_points(change, self._path_points, len(trail))
        if appended:  # a descent step: its segment and dot onto those shown
            new = trail[-appended - 1 :, [first, second]]  # from the last point shown
            self.path.extend_polyline(new)
            self.path_dots.extend(new[1:])
        else:
            points = trail[:, [first, second]] if len(trail) > 1 else np.zeros((0, 2))
            self.path.set_polyline(points)
            self.path_dots.set_data(points)
        self._path_points = len(trail)

    def _sync_axis_choices(self, state: ExplorerState) -> None:
        names = [f"z{i} · {self.class_name(state, i)}" for i in range(state.num_classes)]
        for combo in (self.axis_a, self.axis_b):
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItems(names)
        self._sync_controls(state)

    def _sync_controls(self, state: ExplorerState) -> None:
        first, second = state.surface_axes
        with QSignalBlocker(self.axis_a):
            self.axis_a.setCurrentIndex(first)
        with QSignalBlocker(self.axis_b):
            self.axis_b.setCurrentIndex(second)
        a_min, a_max, b_min, b_max = state.surface_range
        self.range_min.set_value(min(a_min, b_min))
        self.range_max.set_value(max(a_max, b_max))
        with QSignalBlocker(self.field_check):
            self.field_check.setChecked(state.show_field)
        self.learning_rate.set_value(state.learning_rate)

    # Handlers ----------------------------------------------------------------------------
    def resync(self) -> None:
        """Put the controls back to the current state (the surface itself is unchanged)."""
        self._sync_controls(self.session.state)

    def _on_axis_a_index_changed(self, index: int) -> None:
        self._set_axis(0, index)

    def _on_axis_b_index_changed(self, index: int) -> None:
        self._set_axis(1, index)

    def _set_axis(self, which: int, index: int) -> None:
        if index < 0:
            return
        axes = list(self.session.state.surface_axes)
        other = axes[1 - which]
        if index == other:  # picking the other axis's logit swaps the two
            axes[1 - which] = axes[which]
        axes[which] = index
        self.submit(lambda: replace(self.session.state, surface_axes=tuple(axes)))

    def _on_range_edit_submitted(self, _value: float) -> None:
        low, high = self.range_min.value(), self.range_max.value()
        if low >= high:
            self.invalidInput.emit(self.tr("The range minimum must be below its maximum."))
            self._sync_controls(self.session.state)
            return
        self.submit(lambda: replace(self.session.state, surface_range=(low, high, low, high)))

    def _on_center_button_clicked(self) -> None:
        state = self.session.state
        a_min, a_max, b_min, b_max = state.surface_range
        half = max(a_max - a_min, b_max - b_min) / 2
        point_a, point_b = self.session.derived.point
        bounds = (point_a - half, point_a + half, point_b - half, point_b + half)
        self.submit(lambda: replace(state, surface_range=bounds))

    def _on_field_check_toggled(self, checked: bool) -> None:
        self.submit(lambda: replace(self.session.state, show_field=checked))

    def _on_learning_rate_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, learning_rate=value))

    def _on_step_button_clicked(self) -> None:
        self.session.step()

    def _on_play_button_toggled(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            self.session.begin_gesture()  # a whole run of Play is one undo step
            self.play_timer.start()
        else:
            self.play_timer.stop()
            self.session.end_gesture()

    def _on_play_timer_timeout(self) -> None:
        moved = self.session.step() is not None
        gradient = self.session.derived.analysis.gradient_norm
        if not moved or gradient < CONVERGED_GRADIENT:  # nothing (much) moves any more
            self.play_button.setChecked(False)
        if gradient < CONVERGED_GRADIENT:
            self.statusMessage.emit(
                self.tr("Converged: the gradient's length is {length}, under {limit}").format(
                    length=format_number(gradient, 3), limit=format_number(CONVERGED_GRADIENT, 1)
                )
            )
        elif not moved:
            self.statusMessage.emit(self.tr("Stopped: a step no longer changes the logits"))

    def _on_reset_button_clicked(self) -> None:
        self.play_button.setChecked(False)
        self.session.reset_descent()

    def _on_scene_mouse_moved(self, position) -> None:
        if not self.plot.sceneBoundingRect().contains(position):
            return
        point = self.plot.vb.mapSceneToView(position)
        surface = self.session.derived.surface
        a, b = surface.a_values, surface.b_values
        if not (a[0] <= point.x() <= a[-1] and b[0] <= point.y() <= b[-1]):
            return
        column = int(np.clip(np.searchsorted(a, point.x()), 0, a.size - 1))
        row = int(np.clip(np.searchsorted(b, point.y()), 0, b.size - 1))
        first, second = self.session.state.surface_axes
        self.statusMessage.emit(
            self.tr("Loss surface: z{a} = {x}, z{b} = {y}, L ≈ {loss}").format(
                a=first,
                b=second,
                x=format_number(point.x(), 3),
                y=format_number(point.y(), 3),
                loss=format_number(float(surface.loss[row, column]), 4),
            )
        )
