"""Bar plots of the probabilities and of the gradient, each creating its items once."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState
from .labels_item import LabelsItem
from .theme import TextCache, style_plot
from .view import BAR_WIDTH, ExplorerView
from .widgets import format_number

LABELLED_LIMIT = 16  # above this many classes, values are not printed on the bars


class _BarPlotView(ExplorerView):
    """Shared layout: one PlotWidget, non-interactive, class names on the x axis."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.plot_widget = pg.PlotWidget()
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget)
        self.value_labels = LabelsItem()  # every bar's value, one item
        self.value_labels.setZValue(10)
        self.plot.addItem(self.value_labels)

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
        # Headroom above 1 holds the legend (one row) clear of the bars and their labels.
        self.plot.setYRange(0, 1.34, padding=0)
        self.plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.target_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH + 0.12)
        # One spot at the origin, moved with setPos: far cheaper than setData per move.
        self.predicted_marker = pg.ScatterPlotItem([0], [0], symbol="star", size=20, pxMode=True)
        self._target_key: tuple | None = None
        self.legend = self.plot.addLegend(offset=(-4, 2), colCount=3)
        self.plot.addItem(self.bars)
        self.plot.addItem(self.target_bars)
        self.plot.addItem(self.predicted_marker)
        self._legend_samples = {
            "p": pg.BarGraphItem(x=[], height=[], width=1),
            "target": pg.BarGraphItem(x=[], height=[], width=1),
        }
        self.apply_theme()
        self.attach()

    def apply_theme(self) -> None:
        """Restyle bars, markers and legend."""
        super().apply_theme()
        theme = self.theme
        self.target_bars.setOpts(pen=theme.pen(theme.target, 2.5, style=Qt.PenStyle.DashLine))
        self.predicted_marker.setBrush(theme.brush(theme.predicted))
        self.predicted_marker.setPen(theme.pen(theme.foreground, 1))
        self.legend.clear()
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{round(theme.font_size * self.font_scale * 0.85)}pt")
        self.legend.setBrush(theme.brush(theme.background, 200))
        self.legend.addItem(self.bars, self.tr("p"))  # short: one row must fit a narrow dock
        self.legend.addItem(self.target_bars, self.tr("target"))
        self.legend.addItem(self.predicted_marker, self.tr("predicted"))

    def render(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the bars from ``derived.analysis``."""
        analysis = derived.analysis
        probs = analysis.probabilities
        count = probs.size
        positions = np.arange(count)
        theme = self.theme
        self.bars.setOpts(
            x=positions, height=probs, width=BAR_WIDTH, brush=theme.brush(theme.bar), pen=None
        )
        target_key = (count, tuple(analysis.target))
        if target_key != self._target_key:  # a logit drag leaves the target alone
            self._target_key = target_key
            self.target_bars.setOpts(
                x=positions, height=analysis.target, width=BAR_WIDTH + 0.12, brush=None
            )
        predicted = analysis.predicted
        self.predicted_marker.setPos(predicted, min(probs[predicted] + 0.09, 1.08))
        self.value_labels.set_font(self._label_font(count))
        labelled = count <= LABELLED_LIMIT
        inside_color = "#ffffff" if theme.name != "dark" else theme.foreground
        self.value_labels.set_labels(
            (
                index,
                value,
                format_number(value, 3) if labelled else "",
                (0.5, 0.0) if value > 0.16 else (0.5, 1.0),  # inside tall bars, else above
                4 if value > 0.16 else -3,
                inside_color if value > 0.16 else theme.foreground,
            )
            for index, value in enumerate(probs)
        )
        if change is None or change.num_classes or "class_names" in change.fields:
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
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        # Two items with one symbol each: per-point symbol lists make setData slow.
        self.up_arrows = pg.ScatterPlotItem(size=15, pxMode=True, symbol="t1")
        self.down_arrows = pg.ScatterPlotItem(size=15, pxMode=True, symbol="t")
        self.sum_label = TextCache(pg.TextItem(anchor=(0, 0)))
        self._bound = 0.0
        self.plot.addItem(self.zero_line)
        self.plot.addItem(self.bars)
        self.plot.addItem(self.up_arrows)
        self.plot.addItem(self.down_arrows)
        self.plot.addItem(self.sum_label.item)
        self.apply_theme()
        self.attach()

    def apply_theme(self) -> None:
        """Restyle bars and markers."""
        super().apply_theme()
        theme = self.theme
        self.zero_line.setPen(theme.pen(theme.foreground, 1))
        for item, color in ((self.up_arrows, theme.increase), (self.down_arrows, theme.decrease)):
            item.setBrush(theme.brush(color))
            item.setPen(theme.pen(theme.foreground, 0.8))

    def render(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the gradient bars from ``derived.analysis``."""
        gradient = derived.analysis.gradient
        count = gradient.size
        positions = np.arange(count)
        theme = self.theme
        increase = gradient < 0  # descent moves against the gradient
        brushes = [theme.brush(theme.increase if up else theme.decrease) for up in increase]
        self.bars.setOpts(x=positions, height=gradient, width=BAR_WIDTH, brushes=brushes, pen=None)
        bound = self._axis_bound(float(np.abs(gradient).max()))
        visible = np.abs(gradient) > 1e-3 * bound
        up, down = visible & increase, visible & ~increase
        self.up_arrows.setData(x=positions[up], y=gradient[up] - 0.1 * bound)
        self.down_arrows.setData(x=positions[down], y=gradient[down] + 0.1 * bound)
        self.value_labels.set_font(self._label_font(count))
        labelled = count <= LABELLED_LIMIT
        self.value_labels.set_labels(
            (
                index,
                0.0,
                format_number(value, 3) if labelled else "",
                (0.5, 1.0) if value < 0 else (0.5, 0.0),  # on the other side of the zero line
                -3 if value < 0 else 3,
                theme.foreground,
            )
            for index, value in enumerate(gradient)
        )
        total = float(np.sum(gradient))
        # The sum is 0 up to rounding (1e-17): show it at the precision of the bar labels.
        self.sum_label.update(
            self.tr("Σ dL/dz = {total:.3f}").format(total=round(total, 3) + 0.0),
            (-0.55, bound),
            (0, 0),
            self._label_font(1),
            theme.foreground,
        )
        if change is None or change.num_classes or "class_names" in change.fields:
            self._set_class_ticks(state)

    def _axis_bound(self, largest: float) -> float:
        """A y range that changes in steps, not on every move (each change redraws the axis).

        Grows at once when a bar would leave the plot, shrinks when the bars use less than
        a third of it; the bound is a 1-2-5 number with room for the value labels.
        """
        wanted = max(0.05, largest * 1.45)
        if not (wanted <= self._bound <= 3 * wanted):
            magnitude = 10 ** np.floor(np.log10(wanted))
            self._bound = float(
                magnitude * min(m for m in (1, 2, 5, 10) if m * magnitude >= wanted)
            )
            self.plot.setYRange(-self._bound, self._bound, padding=0)
        return self._bound
