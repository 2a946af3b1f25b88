"""Bar plots of the probabilities and of the gradient, each creating its items once."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState
from .theme import style_plot
from .view import ExplorerView
from .widgets import format_number

BAR_WIDTH = 0.62
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
        self.value_labels: list[pg.TextItem] = []

    def _ensure_labels(self, count: int) -> None:
        if len(self.value_labels) == count:
            return
        for label in self.value_labels:
            self.plot.removeItem(label)
        self.value_labels = [pg.TextItem(color=self.theme.foreground) for _ in range(count)]
        for label in self.value_labels:
            self.plot.addItem(label)

    def _label_font(self, count: int) -> QFont:
        font = QFont()
        scale = 1.0 if count <= 6 else 0.85
        font.setPointSize(max(7, round(self.theme.font_size * self.font_scale * scale)))
        return font

    def _set_class_ticks(self, state: ExplorerState) -> None:
        count = state.num_classes
        step = 1 if count <= 12 else max(1, count // 10)
        ticks = [
            (i, self.class_name(state, i) if count <= 8 else str(i)) for i in range(0, count, step)
        ]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.6, count - 0.4, padding=0)

    def apply_theme(self) -> None:
        """Restyle the plot."""
        self.plot_widget.setBackground(self.theme.background)
        style_plot(self.plot, self.theme, self.font_scale)
        for label in self.value_labels:
            label.setColor(self.theme.foreground)


class ProbabilityPlot(_BarPlotView):
    """Bars of ``p = softmax(z / T)`` on a fixed 0..1 axis, target overlaid, argmax marked."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("probabilityPlot")
        self.plot_widget.setObjectName("probabilityPlotCanvas")
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
        self.plot.setYRange(0, 1.16, padding=0)
        self.plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.target_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH + 0.12)
        self.predicted_marker = pg.ScatterPlotItem(symbol="star", size=20, pxMode=True)
        self.legend = self.plot.addLegend(offset=(-8, 4))
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
        self.legend.addItem(self.bars, self.tr("p = softmax(z/T)"))
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
        self.target_bars.setOpts(
            x=positions, height=analysis.target, width=BAR_WIDTH + 0.12, brush=None
        )
        predicted = analysis.predicted
        self.predicted_marker.setData([predicted], [min(probs[predicted] + 0.1, 1.1)])
        self._ensure_labels(count)
        font = self._label_font(count)
        for index, label in enumerate(self.value_labels):
            value = probs[index]
            label.setFont(font)
            label.setText(format_number(value, 3) if count <= LABELLED_LIMIT else "")
            inside = value > 0.16
            label.setColor("#ffffff" if inside and theme.name != "dark" else theme.foreground)
            label.setAnchor((0.5, -0.15) if inside else (0.5, 1.1))
            label.setPos(index, value if not inside else value)
        if change is None or change.num_classes or "class_names" in change.fields:
            self._set_class_ticks(state)


class GradientPlot(_BarPlotView):
    """Bars of ``dL/dz``; arrows show where a descent step moves each logit."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("gradientPlot")
        self.plot_widget.setObjectName("gradientPlotCanvas")
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
        self.arrows = pg.ScatterPlotItem(size=15, pxMode=True)
        self.sum_label = pg.TextItem(anchor=(0, 0))
        self.plot.addItem(self.zero_line)
        self.plot.addItem(self.bars)
        self.plot.addItem(self.arrows)
        self.plot.addItem(self.sum_label)
        self.apply_theme()
        self.attach()

    def apply_theme(self) -> None:
        """Restyle bars and markers."""
        super().apply_theme()
        self.zero_line.setPen(self.theme.pen(self.theme.foreground, 1))
        self.sum_label.setColor(self.theme.foreground)

    def render(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the gradient bars from ``derived.analysis``."""
        gradient = derived.analysis.gradient
        count = gradient.size
        positions = np.arange(count)
        theme = self.theme
        increase = gradient < 0  # descent moves against the gradient
        brushes = [theme.brush(theme.increase if up else theme.decrease) for up in increase]
        self.bars.setOpts(x=positions, height=gradient, width=BAR_WIDTH, brushes=brushes, pen=None)
        bound = max(0.05, float(np.abs(gradient).max()) * 1.45)
        self.plot.setYRange(-bound, bound, padding=0)
        arrow_y = np.where(increase, gradient - 0.1 * bound, gradient + 0.1 * bound)
        visible = np.abs(gradient) > 1e-3 * bound
        self.arrows.setData(
            x=positions[visible],
            y=arrow_y[visible],
            symbol=["t1" if up else "t" for up in increase[visible]],
            brush=[
                theme.brush(theme.increase if up else theme.decrease) for up in increase[visible]
            ],
            pen=theme.pen(theme.foreground, 0.8),
        )
        self._ensure_labels(count)
        font = self._label_font(count)
        for index, label in enumerate(self.value_labels):
            value = gradient[index]
            label.setFont(font)
            label.setText(format_number(value, 3) if count <= LABELLED_LIMIT else "")
            label.setAnchor((0.5, 1.0) if value < 0 else (0.5, 0.0))
            label.setPos(index, 0)
        total = float(np.sum(gradient))
        self.sum_label.setFont(self._label_font(1))
        # The sum is 0 up to rounding (1e-17): show it at the precision of the bar labels.
        self.sum_label.setText(self.tr("Σ dL/dz = {total:.3f}").format(total=round(total, 3) + 0.0))
        self.sum_label.setPos(-0.55, bound)
        if change is None or change.num_classes or "class_names" in change.fields:
            self._set_class_ticks(state)
