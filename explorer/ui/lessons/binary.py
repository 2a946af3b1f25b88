"""The binary lesson: two classes are a sigmoid of the margin, BCE two ways.

With K = 2 only the margin ``x = (z_0 - z_1) / T`` matters: ``softmax([z_0, z_1])_0 =
sigmoid(x)``. The panel draws the sigmoid with the current point, and along the margin
``BCELoss(sigmoid(x), y)`` (each log clamped at -100, so the loss stops at 100) against
``BCEWithLogitsLoss(x, y)`` (computed from ``x``, no clamp), with ``pos_weight``. Class 0
is the positive class: ``y = 1`` when the label is class 0.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ...core.lessons import BCE_LOG_CLAMP, BinaryReport, bce_curves, binary_report, sigmoid_curve
from ...session import Change, Derived, ExplorerSession
from ...state import POS_WEIGHT_RANGE, ExplorerState
from ..lesson_view import LessonView
from ..theme import style_plot
from ..view import axis_items
from ..widgets import NumberEdit, format_number
from .stability import format_entry

#: Points of each curve along the margin.
CURVE_POINTS = 801
#: Half-widths the margin axis may take are these times a power of ten (from 10 up): the
#: smallest that holds the current margin (with a little room) is used, so a drag redraws
#: the curves only when it outgrows one.
RADIUS_STEPS = (1.0, 1.5, 2.5, 5.0)
#: Room beyond the current margin, as a fraction of it.
ROOM = 1.15
#: Pixels each plot keeps however small its dock.
MINIMUM_PLOT_HEIGHT = 90
#: BCELoss never reads more than this: ``-BCE_LOG_CLAMP``.
CLAMP_VALUE = -BCE_LOG_CLAMP


def margin_radius(margin: float) -> float:
    """Half-width of the margin axis that shows ``margin`` (:data:`RADIUS_STEPS` x 10^k).

    Examples
    --------
    >>> margin_radius(2.0), margin_radius(-210.0), margin_radius(3000.0)
    (10.0, 250.0, 5000.0)
    """
    needed = abs(margin) * ROOM
    scale = 10.0
    while True:
        for step in RADIUS_STEPS:
            if needed <= step * scale:
                return step * scale
        scale *= 10


@dataclass(frozen=True, eq=False)
class BinaryCurves:
    """The curves of one margin range, label and ``pos_weight`` (shared, read-only).

    Attributes
    ----------
    margins : numpy.ndarray
        ``x``, :data:`CURVE_POINTS` values from ``-radius`` to ``radius``.
    sigmoid : numpy.ndarray
        :func:`~explorer.core.lessons.sigmoid_curve` of ``margins``.
    bce_on_sigmoid, bce_with_logits : numpy.ndarray
        :func:`~explorer.core.lessons.bce_curves` with ``pos_weight = 1``.
    weighted : numpy.ndarray or None
        ``bce_with_logits`` with the state's ``pos_weight``; None when it is 1.
    """

    margins: np.ndarray
    sigmoid: np.ndarray
    bce_on_sigmoid: np.ndarray
    bce_with_logits: np.ndarray
    weighted: np.ndarray | None


@functools.lru_cache(maxsize=16)
def binary_curves(radius: float, label: int, pos_weight: float) -> BinaryCurves:
    """The panel's curves for one range (cached: a drag reuses them until it leaves it)."""
    margins = np.linspace(-radius, radius, CURVE_POINTS)
    plain = bce_curves(margins, label)
    weighted = (
        bce_curves(margins, label, pos_weight=pos_weight)["bce_with_logits"]
        if pos_weight != 1
        else None
    )
    curves = BinaryCurves(
        margins,
        sigmoid_curve(margins),
        plain["bce_on_sigmoid"],
        plain["bce_with_logits"],
        weighted,
    )
    for array in (curves.margins, curves.sigmoid, curves.bce_on_sigmoid, curves.bce_with_logits):
        array.flags.writeable = False
    if weighted is not None:
        weighted.flags.writeable = False
    return curves


@dataclass(frozen=True, eq=False)
class BinaryNumbers:
    """What the binary panel shows, for a state with two classes.

    Attributes
    ----------
    plain : BinaryReport
        :func:`~explorer.core.lessons.binary_report` of ``z / T`` with ``pos_weight = 1``.
    weighted : BinaryReport
        The same with the state's ``pos_weight`` (``plain`` itself when it is 1).
    curves : BinaryCurves
        The curves of the margin range that shows the current margin.
    """

    plain: BinaryReport
    weighted: BinaryReport
    curves: BinaryCurves


def binary_numbers(state: ExplorerState) -> BinaryNumbers | None:
    """The panel's numbers (``session.numbers`` computes them once per state); None if K != 2."""
    if state.num_classes != 2:
        return None
    scaled = np.asarray(state.logits, dtype=np.float64) / state.temperature
    plain = binary_report(scaled, state.label)
    weighted = (
        plain
        if state.pos_weight == 1
        else binary_report(scaled, state.label, pos_weight=state.pos_weight)
    )
    curves = binary_curves(margin_radius(plain.margin), state.label, state.pos_weight)
    return BinaryNumbers(plain, weighted, curves)


def _plot_widget(name: str) -> tuple[pg.PlotWidget, pg.PlotItem]:
    widget = pg.PlotWidget(axisItems=axis_items())
    widget.setObjectName(name)
    plot = widget.getPlotItem()
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    return widget, plot


class BinaryPanel(LessonView):
    """Sigmoid of the margin, softmax equal to it, BCELoss against BCEWithLogitsLoss."""

    key = "binary"
    watched_fields = frozenset({"logits", "temperature", "label", "class_names", "pos_weight"})

    #: The rows of the numbers, in order.
    ROWS = ("margin", "softmax", "sigmoid", "bce", "with_logits", "weighted")

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("The binary case"))
        self.message = QLabel()
        self.message.setObjectName("binaryMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setVisible(False)

        self.pos_weight_edit = NumberEdit(*POS_WEIGHT_RANGE, digits=3)
        self.pos_weight_edit.setObjectName("binaryPosWeightEdit")
        self.pos_weight_edit.setMaximumWidth(80)
        self.pos_weight_edit.setAccessibleName(self.tr("pos_weight"))
        self.pos_weight_edit.setToolTip(
            self.tr(
                "pos_weight of BCEWithLogitsLoss (0.01 to 100): multiplies the loss of the "
                "positive class (class 0)"
            )
        )
        self.pos_weight_edit.valueSubmitted.connect(self._on_pos_weight_edit_submitted)
        self.pos_weight_edit.invalidInput.connect(self.invalidInput)
        self.controls = QWidget()
        self.controls.setObjectName("binaryControls")
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        self.pos_weight_label = QLabel(self.tr("pos_weight"))
        self.pos_weight_label.setBuddy(self.pos_weight_edit)
        controls.addWidget(self.pos_weight_label)
        controls.addWidget(self.pos_weight_edit)
        controls.addStretch(1)
        self.chrome.append(self.controls)

        self.sigmoid_widget, self.sigmoid_plot = _plot_widget("binarySigmoidPlot")
        self.sigmoid_widget.setAccessibleName(self.tr("Sigmoid of the margin"))
        self.sigmoid_plot.setYRange(-0.05, 1.05, padding=0)
        self.sigmoid_plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.5, 1)]])
        self.sigmoid_plot.setLabel("left", self.tr("σ(x)"))
        self.sigmoid_curve = pg.PlotDataItem()
        self.sigmoid_point = pg.ScatterPlotItem(size=11, pxMode=True)
        self.sigmoid_plot.addItem(self.sigmoid_curve)
        self.sigmoid_plot.addItem(self.sigmoid_point)

        self.loss_widget, self.loss_plot = _plot_widget("binaryLossPlot")
        self.loss_widget.setAccessibleName(self.tr("BCELoss and BCEWithLogitsLoss"))
        self.loss_plot.setXLink(self.sigmoid_plot)
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.clamp_line = pg.InfiniteLine(
            pos=CLAMP_VALUE,
            angle=0,
            movable=False,
            label=self.tr("BCELoss clamp: 100"),
            labelOpts={"position": 0.5, "anchors": [(0.5, 0.0), (0.5, 0.0)]},
        )
        self.loss_plot.addItem(self.clamp_line, ignoreBounds=True)
        self.legend = self.loss_plot.addLegend(offset=(8, 4))
        self.with_logits_curve = pg.PlotDataItem()
        self.weighted_curve = pg.PlotDataItem()
        self.bce_curve = pg.PlotDataItem()
        self.loss_points = pg.ScatterPlotItem(size=10, pxMode=True)
        for item in (self.with_logits_curve, self.weighted_curve, self.bce_curve):
            self.loss_plot.addItem(item)
        self.loss_plot.addItem(self.loss_points)
        self.loss_plot.getViewBox().sigResized.connect(self._fit_legend)
        for widget in (self.sigmoid_widget, self.loss_widget):
            widget.setMinimumHeight(MINIMUM_PLOT_HEIGHT)

        self.numbers_widget = QWidget()
        self.numbers_widget.setObjectName("binaryNumbers")
        grid = QGridLayout(self.numbers_widget)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(1)
        #: ``names[key]`` and ``values[key]`` per row of :data:`ROWS`.
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(self.ROWS):
            name, value = QLabel(), QLabel()
            name.setObjectName(f"binaryName_{key}")
            value.setObjectName(f"binaryValue_{key}")
            name.setTextFormat(Qt.TextFormat.RichText)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            # Values (and their notes) wrap in what the names leave: a narrow dock clips none.
            value.setWordWrap(True)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        grid.setColumnStretch(1, 1)

        self.body = QWidget()
        self.body.setObjectName("binaryBody")
        body = QGridLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.controls, 0, 0)
        body.addWidget(self.sigmoid_widget, 1, 0)
        body.addWidget(self.loss_widget, 2, 0)
        body.addWidget(self.numbers_widget, 3, 0)
        body.setRowStretch(1, 2)
        body.setRowStretch(2, 3)
        self.content_layout.addWidget(self.message, 1)
        self.content_layout.addWidget(self.body, 1)
        self._curves_shown: BinaryCurves | None = None
        self.apply_theme()
        self.attach()

    # Styling ------------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        theme = self.theme
        font = self.caption.font()
        big = QFont(font)
        big.setPointSize(round(font.pointSize() * 1.2))
        self.message.setFont(big)
        palette = self.palette()
        # Each label its own palette: a parent's does not reach them under a style sheet.
        for label in (*self.names.values(), *self.values.values(), self.pos_weight_label):
            label.setFont(font)
            label.setPalette(palette)
        for label in (self.message, self.caption):
            label.setPalette(palette)
        self.pos_weight_edit.setFont(font)
        for widget, plot in (
            (self.sigmoid_widget, self.sigmoid_plot),
            (self.loss_widget, self.loss_plot),
        ):
            widget.setBackground(theme.background)
            style_plot(plot, theme, self.font_scale)
        self.sigmoid_curve.setPen(theme.pen(theme.bar, 2.5))
        self.sigmoid_point.setBrush(theme.brush(theme.target))
        self.sigmoid_point.setPen(theme.pen(theme.foreground, 1.5))
        self.with_logits_curve.setPen(theme.pen(theme.bar, 2.5))
        self.weighted_curve.setPen(theme.pen(theme.predicted, 2, style=Qt.PenStyle.DotLine))
        self.bce_curve.setPen(theme.pen(theme.target, 2.5, style=Qt.PenStyle.DashLine))
        self.loss_points.setPen(theme.pen(theme.foreground, 1.5))
        self.clamp_line.setPen(theme.pen(theme.foreground, 1, style=Qt.PenStyle.DotLine))
        self.clamp_line.label.setColor(theme.foreground)
        self.clamp_line.label.setFont(self._plot_font())
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{round(theme.font_size * self.font_scale * 0.85)}pt")
        self.legend.setBrush(theme.brush(theme.background, 200))
        self._fill_legend(self.session.state)
        if self._curves_shown is not None:
            self._draw_curves(self._curves_shown)

    def _fit_legend(self) -> None:
        """Show the legend only where it leaves most of the plot free (not in a tiny dock)."""
        height = self.loss_plot.getViewBox().height()
        self.legend.setVisible(height >= 2.5 * self.legend.boundingRect().height())

    def _plot_font(self) -> QFont:
        font = QFont()
        font.setPointSize(max(7, round(self.theme.font_size * self.font_scale * 0.85)))
        return font

    def _fill_legend(self, state: ExplorerState) -> None:
        # In the corner the curves leave free: the loss falls towards the true class.
        corner = (-8, 4) if state.num_classes == 2 and state.label == 0 else (8, 4)
        self.legend.setOffset(corner)
        self.legend.clear()
        self.legend.addItem(self.bce_curve, self.tr("BCELoss(σ(x), y)"))
        self.legend.addItem(self.with_logits_curve, self.tr("BCEWithLogitsLoss(x, y)"))
        if state.pos_weight != 1:
            self.legend.addItem(
                self.weighted_curve,
                self.tr("… with pos_weight {weight}").format(
                    weight=format_number(state.pos_weight, 3)
                ),
            )
        self._legend_key = (state.pos_weight, state.label)
        self._fit_legend()

    def static_items(self) -> tuple:
        """The curves change only with the range, label or pos_weight, not on every drag."""
        return (self.sigmoid_curve, self.bce_curve, self.with_logits_curve, self.weighted_curve)

    # Drawing ------------------------------------------------------------------------------
    def _margin_label(self, state: ExplorerState) -> str:
        if state.temperature != 1:
            return self.tr("margin x = (z<sub>0</sub> − z<sub>1</sub>) / T")
        return self.tr("margin x = z<sub>0</sub> − z<sub>1</sub>")

    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Curves, current points and numbers of ``state`` (a message unless K = 2)."""
        numbers: BinaryNumbers | None = self.session.numbers(binary_numbers)
        two = numbers is not None
        self.message.setVisible(not two)
        self.body.setVisible(two)
        if not two:
            self.message.setText(
                self.tr(
                    "The binary case needs exactly 2 classes (now K = {count}); set K to 2."
                ).format(count=state.num_classes)
            )
            self.setAccessibleDescription(self.message.text())
            return
        self.pos_weight_edit.set_value(state.pos_weight)
        if (state.pos_weight, state.label) != self._legend_key:
            self._fill_legend(state)
        plain, weighted, curves = numbers.plain, numbers.weighted, numbers.curves
        label = self._margin_label(state)
        if self.loss_plot.getAxis("bottom").labelText != label:
            self.loss_plot.setLabel("bottom", label)
            style_plot(self.loss_plot, self.theme, self.font_scale)
        if curves is not self._curves_shown:
            self._draw_curves(curves)
        x = plain.margin
        self.sigmoid_point.setData([x], [plain.sigmoid])
        points_y = [plain.bce_on_sigmoid, plain.bce_with_logits]
        brushes = [self.theme.brush(self.theme.target), self.theme.brush(self.theme.bar)]
        if weighted is not plain:
            points_y.append(weighted.bce_with_logits)
            brushes.append(self.theme.brush(self.theme.predicted))
        self.loss_points.setData([x] * len(points_y), points_y, brush=brushes)
        self._fill_numbers(state, plain, weighted)
        self.setAccessibleDescription(
            self.tr(
                "Margin {margin}: sigmoid {sigmoid}, BCELoss {bce}, BCEWithLogitsLoss {logits}"
            ).format(
                margin=format_entry(x),
                sigmoid=format_entry(plain.sigmoid),
                bce=format_entry(plain.bce_on_sigmoid),
                logits=format_entry(plain.bce_with_logits),
            )
        )

    def _draw_curves(self, curves: BinaryCurves) -> None:
        self._curves_shown = curves
        self.sigmoid_curve.setData(curves.margins, curves.sigmoid)
        self.bce_curve.setData(curves.margins, curves.bce_on_sigmoid)
        self.with_logits_curve.setData(curves.margins, curves.bce_with_logits)
        if curves.weighted is None:
            self.weighted_curve.setData([], [])
            self.weighted_curve.setVisible(False)
        else:
            self.weighted_curve.setData(curves.margins, curves.weighted)
            self.weighted_curve.setVisible(True)
        radius = float(curves.margins[-1])
        self.sigmoid_plot.setXRange(-radius, radius, padding=0.02)
        shown = [curves.bce_on_sigmoid, curves.bce_with_logits]
        if curves.weighted is not None:
            shown.append(curves.weighted)
        top = max(float(np.max(values[np.isfinite(values)])) for values in shown)
        self.loss_plot.setYRange(0, top, padding=0.05)
        self.clamp_line.setVisible(top >= CLAMP_VALUE * 0.9)
        self._align_left_axes(top)

    def _align_left_axes(self, top: float) -> None:
        """One width for both left axes, so the linked margin axes line up."""
        font = QFont()
        font.setPointSize(round(self.theme.font_size * self.font_scale))
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance(f"{top * 1.05:.0f}"), metrics.horizontalAdvance("0.5")
        )
        width = widest + metrics.height() + 16
        for plot in (self.sigmoid_plot, self.loss_plot):
            plot.getAxis("left").setWidth(width)

    def _fill_numbers(
        self, state: ExplorerState, plain: BinaryReport, weighted: BinaryReport
    ) -> None:
        names, values = self.names, self.values
        names["margin"].setText(self._margin_label(state))
        values["margin"].setText(format_entry(plain.margin))
        names["softmax"].setText(self.tr("softmax([z<sub>0</sub>, z<sub>1</sub>])<sub>0</sub>"))
        values["softmax"].setText(format_entry(float(plain.softmax[0])))
        names["sigmoid"].setText(self.tr("σ(x) = 1 / (1 + e<sup>−x</sup>)"))
        values["sigmoid"].setText(format_entry(plain.sigmoid))
        target = f"{plain.target:g}"
        names["bce"].setText(self.tr("BCELoss(σ(x), y = {target})").format(target=target))
        if plain.clamped:
            values["bce"].setText(
                self.tr("<b>{value}</b>: its log clamped at −100 (it was {term})").format(
                    value=format_entry(plain.bce_on_sigmoid),
                    term=format_entry(plain.sigmoid_log_term),
                )
            )
        else:
            values["bce"].setText(format_entry(plain.bce_on_sigmoid))
        names["with_logits"].setText(
            self.tr("BCEWithLogitsLoss(x, y = {target})").format(target=target)
        )
        values["with_logits"].setText(format_entry(plain.bce_with_logits))
        names["weighted"].setText(
            self.tr("… with pos_weight = {weight}").format(
                weight=format_number(state.pos_weight, 3)
            )
        )
        if plain.target == 1:
            values["weighted"].setText(format_entry(weighted.bce_with_logits))
        else:
            values["weighted"].setText(
                self.tr("{value} (pos_weight weighs only y = 1)").format(
                    value=format_entry(weighted.bce_with_logits)
                )
            )

    # Caption ------------------------------------------------------------------------------
    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at: the margin, the equality, and whether BCELoss clamps."""
        numbers: BinaryNumbers | None = self.session.numbers(binary_numbers)
        if numbers is None:
            return self.tr(
                "With two classes softmax is the sigmoid of the margin z<sub>0</sub> − "
                "z<sub>1</sub>, and cross-entropy is binary cross-entropy. Set the number of "
                "classes to 2 to see it."
            )
        plain = numbers.plain
        values = {
            "margin": format_entry(plain.margin),
            "sigmoid": format_entry(plain.sigmoid),
            "bce": format_entry(plain.bce_on_sigmoid),
            "logits": format_entry(plain.bce_with_logits),
        }
        first = self.tr(
            "Two classes need one number, the margin x = {margin}: softmax([z<sub>0</sub>, "
            "z<sub>1</sub>])<sub>0</sub> = σ(x) = {sigmoid}."
        ).format(**values)
        if plain.clamped:
            second = self.tr(
                "BCELoss takes the rounded σ(x) and clamps its log at −100, so it reads {bce} "
                "here while BCEWithLogitsLoss, computed from x itself, gives the true {logits}."
            ).format(**values)
        elif plain.target == 1:
            second = self.tr(
                "Both losses read {logits} here; drag the margin below −100 and BCELoss, which "
                "clamps its log at −100, stops at 100 while BCEWithLogitsLoss keeps growing."
            ).format(**values)
        else:
            second = self.tr(
                "Both losses read {logits} here; past a margin of about 37, σ(x) rounds to 1, "
                "so BCELoss's log(1 − σ) is −inf, clamped to −100: it reads 100 there while "
                "BCEWithLogitsLoss gives the true loss."
            ).format(**values)
        return self.tr("{first} {second}").format(first=first, second=second)

    # Handlers -----------------------------------------------------------------------------
    def _on_pos_weight_edit_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, pos_weight=value))


__all__ = ["BinaryPanel", "binary_curves", "binary_numbers", "margin_radius"]
