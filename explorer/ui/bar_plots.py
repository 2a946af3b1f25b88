"""Bar plots of the probabilities and of the gradient, each creating its items once."""

from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.formatting import format_probability, format_significant
from ..core.nice import STEPS_125, nice_step
from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState
from .chart_item import BarLayer, ChartItem, LabelLayer, MarkerLayer, NumberTexts
from .theme import style_plot
from .view import BAR_WIDTH, ExplorerView, axis_items, classes_changed

LABELLED_LIMIT = 16  # above this many classes, values are not printed on the bars
#: A bar's value label, then a shorter one for when the labels would touch (the values of
#: these plots lie in [-1, 1], where dropping the leading zero is conventional). Both say
#: the same number, in the window and in any figure: a probability of 0.004 reads 0.004,
#: never 0 (issue 24).
_PROBABILITY_FORMATS = (
    functools.partial(format_probability, digits=2),
    functools.partial(format_probability, digits=2, leading_zero=False),
)
_GRADIENT_FORMATS = (
    functools.partial(format_significant, digits=2),
    functools.partial(format_significant, digits=2, leading_zero=False),
)
STAR_SIZE = 20  # pixels across the predicted class's star
STAR_LIFT = 21  # pixels from the top of the predicted bar to the star's centre
LEGEND_MARGIN = 2  # pixels between the top of the probability plot and its legend


class _BarPlotView(ExplorerView):
    """Shared layout: one PlotWidget, non-interactive, class names on the x axis."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.plot_widget = pg.PlotWidget(axisItems=axis_items())
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget)
        # Bars, markers and value labels: layers of one item (see chart_item.py).
        self.chart = ChartItem()
        self.plot.addItem(self.chart)

    #: A bar's value label, then shorter ones for when the full labels do not fit.
    label_formats: tuple = _GRADIENT_FORMATS

    def _label_texts(self, value: float) -> NumberTexts:
        """A bar's value label, and shorter ones for when the full labels do not fit."""
        return NumberTexts(value, self.label_formats)

    def _label_font(self, count: int) -> QFont:
        font = QFont()
        scale = 1.0 if count <= 6 else 0.85
        font.setPointSize(max(7, round(self.theme.font_size * self.font_scale * scale)))
        return font

    def _set_class_ticks(self, state: ExplorerState) -> None:
        self.plot.getAxis("bottom").setTicks([self.class_ticks(state)])
        self.plot.setXRange(-0.6, state.num_classes - 0.4, padding=0)

    def apply_theme(self) -> None:
        """Restyle the plot."""
        self.plot_widget.setBackground(self.theme.background)
        style_plot(self.plot, self.theme, self.font_scale)


class ProbabilityPlot(_BarPlotView):
    """Bars of ``p = softmax(z / T)`` on a fixed 0..1 axis, target overlaid, argmax marked."""

    label_formats = _PROBABILITY_FORMATS

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("probabilityPlot")
        self.plot_widget.setObjectName("probabilityPlotCanvas")
        self.plot_widget.setAccessibleName(self.tr("Probability bars"))
        self.setAccessibleName(self.tr("Probabilities plot"))
        self.setAccessibleDescription(
            self.tr("Bars of the softmax probabilities with the target distribution outlined")
        )
        self.setToolTip(
            self.tr(
                "p = softmax(z / T): filled bars. Outline: the target distribution. "
                "Star: the predicted class (argmax)."
            )
        )
        # Short title: a long one widens the plot past a narrow dock (the legend says p = ...).
        self.plot.setTitle(self.tr("Probabilities"))
        self.plot.setLabel("left", self.tr("probability"))
        # Headroom above 1 holds the legend (one row) clear of the bars and the star; it is
        # a number of pixels, so the range follows the plot's height (_fit_headroom).
        self._top = 0.0
        self.plot.getViewBox().sigResized.connect(self._fit_headroom)
        self.plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.bars = self.chart.add(BarLayer(BAR_WIDTH))
        self.target_bars = self.chart.add(BarLayer(BAR_WIDTH + 0.12))
        self.predicted_marker = self.chart.add(MarkerLayer("star", STAR_SIZE, lift=STAR_LIFT))
        self.value_labels = self.chart.add(LabelLayer())
        self.legend = self.plot.addLegend(offset=(-4, LEGEND_MARGIN), colCount=3)
        # The legend draws its samples from pyqtgraph items styled like the layers.
        self._legend_samples = {
            "p": pg.BarGraphItem(x=[], height=[], width=1),
            "target": pg.BarGraphItem(x=[], height=[], width=1),
            "predicted": pg.ScatterPlotItem(symbol="star", size=STAR_SIZE, pxMode=True),
        }
        self.apply_theme()
        self.attach()

    def apply_theme(self) -> None:
        """Restyle bars, markers and legend."""
        super().apply_theme()
        theme = self.theme
        self._target_pen = theme.pen(theme.target, 2.5, style=Qt.PenStyle.DashLine)
        self.predicted_marker.set_style(
            theme.brush(theme.predicted), theme.pen(theme.foreground, 1)
        )
        samples = self._legend_samples
        samples["p"].setOpts(brush=theme.brush(theme.bar), pen=None)
        samples["target"].setOpts(brush=None, pen=self._target_pen)
        samples["predicted"].setBrush(theme.brush(theme.predicted))
        samples["predicted"].setPen(theme.pen(theme.foreground, 1))
        self.legend.clear()
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{round(theme.font_size * self.font_scale * 0.85)}pt")
        self.legend.setBrush(theme.brush(theme.background, 200))
        self.legend.addItem(samples["p"], self.tr("p"))  # short: one row must fit a narrow dock
        self.legend.addItem(samples["target"], self.tr("target"))
        self.legend.addItem(samples["predicted"], self.tr("predicted"))
        self._fit_headroom()

    def _fit_headroom(self) -> None:
        """Top of the y range: the legend's row and the star over a bar at p = 1 both fit.

        With ``h`` pixels of plot and ``f`` pixels wanted free above 1, the top ``y`` solves
        ``(y - 1) / y = f / h``.
        """
        height = self.plot.getViewBox().height()
        free = self.legend.boundingRect().height() + LEGEND_MARGIN + STAR_LIFT + STAR_SIZE / 2
        free += 2  # a gap, and room for rounding
        top = 1.34 if height <= 0 else round(1 / (1 - min(free / height, 0.6)), 3)
        top = max(top, 1.1)
        if top != self._top:
            self._top = top
            self.plot.setYRange(0, top, padding=0)

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the bars from ``derived.analysis``."""
        analysis = derived.analysis
        probs = analysis.probabilities
        count = probs.size
        positions = np.arange(count)
        theme = self.theme
        self.bars.set_bars(positions, probs, brush=theme.brush(theme.bar))
        self.target_bars.set_bars(positions, analysis.target, pen=self._target_pen)
        predicted = analysis.predicted
        self.predicted_marker.set_points([predicted], [probs[predicted]])
        self.value_labels.set_font(self._label_font(count))
        labelled = count <= LABELLED_LIMIT
        inside_color = "#ffffff" if theme.name != "dark" else theme.foreground
        labels = []
        for index, value in enumerate(probs.tolist()):
            # Above the bar (and the predicted star); inside a tall bar if it fits there.
            clear = STAR_LIFT + STAR_SIZE / 2 + 3 if index == predicted else 3
            above = ((0.5, 1.0), -clear, theme.foreground)
            texts = self._label_texts(value) if labelled else ""
            if value > 0.16:
                labels.append(
                    (
                        index,
                        value,
                        texts,
                        (0.5, 0.0),
                        4,
                        inside_color,
                        BAR_WIDTH,
                        (*above, None),
                    )
                )
            else:
                labels.append((index, value, texts, *above))
        self.value_labels.set_labels(labels)
        if classes_changed(change):
            self._set_class_ticks(state)


class GradientPlot(_BarPlotView):
    """Bars of ``dL/dz``; arrows show where a descent step moves each logit."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("gradientPlot")
        self.plot_widget.setObjectName("gradientPlotCanvas")
        self.plot_widget.setAccessibleName(self.tr("Gradient bars"))
        self.setAccessibleName(self.tr("Gradient plot"))
        self.setAccessibleDescription(
            self.tr("Bars of the gradient of the loss with respect to each logit")
        )
        self.setToolTip(
            self.tr(
                "dL/dz = (p - t) / T. A descent step moves each logit against its bar: "
                "▲ raises it, ▼ lowers it. The entries always sum to 0."
            )
        )
        self.plot.setTitle(self.tr("Gradient dL/dz"))
        self.plot.setLabel("left", self.tr("dL/dz"))
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.zero_line.setZValue(-1)  # under the bars
        self.plot.addItem(self.zero_line)
        self.bars = self.chart.add(BarLayer(BAR_WIDTH))
        self.up_arrows = self.chart.add(MarkerLayer("t1", 15))
        self.down_arrows = self.chart.add(MarkerLayer("t", 15))
        self.value_labels = self.chart.add(LabelLayer())
        self.sum_label = self.chart.add(LabelLayer())
        self._bound = 0.0
        self.apply_theme()
        self.attach()

    def apply_theme(self) -> None:
        """Restyle bars and markers."""
        super().apply_theme()
        theme = self.theme
        self.zero_line.setPen(theme.pen(theme.foreground, 1))
        for layer, color in ((self.up_arrows, theme.increase), (self.down_arrows, theme.decrease)):
            layer.set_style(theme.brush(color), theme.pen(theme.foreground, 0.8))

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the gradient bars from ``derived.analysis``."""
        gradient = derived.analysis.gradient
        count = gradient.size
        positions = np.arange(count)
        theme = self.theme
        increase = gradient < 0  # descent moves against the gradient
        up_brush, down_brush = theme.brush(theme.increase), theme.brush(theme.decrease)
        brushes = [up_brush if up else down_brush for up in increase.tolist()]
        self.bars.set_bars(positions, gradient, brushes=brushes)
        bound = self._axis_bound(float(np.abs(gradient).max()))
        visible = np.abs(gradient) > 1e-3 * bound
        up, down = visible & increase, visible & ~increase
        self.up_arrows.set_points(positions[up], gradient[up] - 0.1 * bound)
        self.down_arrows.set_points(positions[down], gradient[down] + 0.1 * bound)
        self.value_labels.set_font(self._label_font(count))
        labelled = count <= LABELLED_LIMIT
        self.value_labels.set_labels(
            (
                index,
                0.0,
                self._label_texts(value) if labelled else "",
                (0.5, 1.0) if value < 0 else (0.5, 0.0),  # on the other side of the zero line
                -3 if value < 0 else 3,
                theme.foreground,
            )
            for index, value in enumerate(gradient)
        )
        total = float(np.sum(gradient))
        # The sum is 0 up to rounding (1e-17): show it at the precision of the bar labels.
        self.sum_label.set_font(self._label_font(1))
        self.sum_label.set_labels(
            [
                (
                    -0.55,
                    bound,
                    self.tr("Σ dL/dz = {total:.3f}").format(total=round(total, 3) + 0.0),
                    (0.0, 0.0),
                    3,
                    theme.foreground,
                )
            ]
        )
        if classes_changed(change):
            self._set_class_ticks(state)

    def _axis_bound(self, largest: float) -> float:
        """A y range that changes in steps, not on every move (each change redraws the axis).

        Grows at once when a bar would leave the plot, shrinks when the bars use less than
        a third of it; the bound is a 1-2-5 number with room for the value labels.
        """
        wanted = max(0.05, largest * 1.45)
        if not (wanted <= self._bound <= 3 * wanted):
            self._bound = nice_step(wanted, STEPS_125)
            self.plot.setYRange(-self._bound, self._bound, padding=0)
        return self._bound
