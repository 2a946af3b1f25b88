"""Training curves: loss (train, its data and penalty parts, validation) and accuracy.

Against the step. The curves grow by the snapshots a training tick appended; they are
drawn anew only when the history was rewritten (Reset, a restore, new data or settings).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..theme import OKABE_ITO, style_plot
from ..view import axis_items
from .model import LabChange, LabModel
from .panel import LabPanel

#: (key, Snapshot attribute, plot, colour, dash) of every curve.
CURVES = (
    ("train_loss", "train_loss", "loss", OKABE_ITO["blue"], Qt.PenStyle.SolidLine),
    ("train_data_loss", "train_data_loss", "loss", OKABE_ITO["sky"], Qt.PenStyle.DashLine),
    ("train_reg_loss", "train_reg_loss", "loss", OKABE_ITO["purple"], Qt.PenStyle.DotLine),
    ("val_loss", "val_loss", "loss", OKABE_ITO["orange"], Qt.PenStyle.SolidLine),
    ("train_accuracy", "train_accuracy", "accuracy", OKABE_ITO["blue"], Qt.PenStyle.SolidLine),
    ("val_accuracy", "val_accuracy", "accuracy", OKABE_ITO["orange"], Qt.PenStyle.SolidLine),
)


def nice_ceiling(value: float) -> float:
    """The smallest number of the 1-2-5 series at least ``value`` (> 0).

    >>> nice_ceiling(37.0), nice_ceiling(0.31), nice_ceiling(100.0)
    (50.0, 0.5, 100.0)
    """
    exponent = math.floor(math.log10(value))
    for mantissa in (1.0, 2.0, 5.0, 10.0):
        limit = mantissa * 10.0**exponent
        if limit >= value * (1 - 1e-12):
            return float(f"{limit:.12g}")
    return 10.0 ** (exponent + 1)


def _number(value) -> float:
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


class CurvesView(LabPanel):
    """Loss (top) and accuracy (bottom) of the training history."""

    def __init__(self, model: LabModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setObjectName("labCurvesView")
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setObjectName("labCurvesPlot")
        self.canvas.setAccessibleName(self.tr("Training curves"))
        self.loss_plot = self.canvas.addPlot(row=0, col=0, axisItems=axis_items())
        self.accuracy_plot = self.canvas.addPlot(row=1, col=0, axisItems=axis_items())
        self.accuracy_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setMouseEnabled(False, False)
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.disableAutoRange()
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self._step_limit = 0.0
        self._loss_limit = 0.0
        self.loss_legend = self.loss_plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
        self.accuracy_legend = self.accuracy_plot.addLegend(offset=(-8, -8), labelTextSize="8pt")
        plots = {"loss": self.loss_plot, "accuracy": self.accuracy_plot}
        self.curves: dict[str, pg.PlotDataItem] = {}
        for key, _attribute, plot, _color, _dash in CURVES:
            curve = pg.PlotDataItem(name=self._curve_name(key))
            plots[plot].addItem(curve)
            self.curves[key] = curve
        #: The curves' numbers so far: steps and one array per curve (grown, not rebuilt).
        self._steps = np.empty(0)
        self._snapshots: list = []
        self._values = {key: np.empty(0) for key, *_ in CURVES}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.attach()

    def _curve_name(self, key: str) -> str:
        names = {
            "train_loss": self.tr("train loss"),
            "train_data_loss": self.tr("data part"),
            "train_reg_loss": self.tr("regularisation part"),
            "val_loss": self.tr("validation loss"),
            "train_accuracy": self.tr("train accuracy"),
            "val_accuracy": self.tr("validation accuracy"),
        }
        return names[key]

    def apply_theme(self) -> None:  # noqa: D102
        super().apply_theme()
        self.loss_plot.setTitle(self.tr("Loss"))
        self.accuracy_plot.setTitle(self.tr("Accuracy"))
        self.accuracy_plot.setLabel("bottom", self.tr("step"))
        for plot in (self.loss_plot, self.accuracy_plot):
            style_plot(plot, self.theme, self.font_scale)
        # One pixel on screen: Qt strokes a polyline of thousands of points 40x slower with
        # a wider antialiased pen (a 1.5 px train loss took 60 ms a frame at 4,000 steps).
        # Figures are drawn once: there the lines are as wide as a slide wants.
        width = 2.0 if self.figure_mode else 1.0
        for key, _attribute, _plot, color, dash in CURVES:
            self.curves[key].setPen(self.theme.pen(color, width, style=dash))
        size = f"{max(7, round(8 * self.font_scale))}pt"
        for legend in (self.loss_legend, self.accuracy_legend):
            legend.setLabelTextColor(self.theme.foreground)
            legend.setLabelTextSize(size)
            legend.setBrush(self.theme.brush(self.theme.background, 200))
            for _sample, label in legend.items:  # (the colour and size apply to new text)
                label.setText(label.text, color=self.theme.foreground, size=size)

    def refresh(self, change: LabChange) -> None:  # noqa: D102
        if not change.history:
            return
        history = self.model.trainer.history
        keep = self._kept_prefix(history)
        new = history[keep:]
        self._snapshots = self._snapshots[:keep] + new
        self._steps = np.concatenate([self._steps[:keep], [float(s.step) for s in new]])
        for key, attribute, *_ in CURVES:
            values = [_number(getattr(s, attribute, None)) for s in new]
            self._values[key] = np.concatenate([self._values[key][:keep], values])
        for key, *_ in CURVES:
            values = self._values[key]
            if len(values) and np.isfinite(values).any():
                self.curves[key].setData(self._steps, values, connect="finite")
            else:
                self.curves[key].setData([], [])
        self._fit_ranges(rebuilt=keep == 0)

    def _fit_ranges(self, rebuilt: bool) -> None:
        """Step and loss ranges that grow by 1-2-5 jumps, not on every tick.

        A range that changes on every tick makes pyqtgraph lay out and draw both axes
        again each time (the largest part of a tick's repaint).
        """
        last = float(self._steps[-1]) if len(self._steps) else 0.0
        if rebuilt or last > self._step_limit:
            self._step_limit = nice_ceiling(max(last, 10.0))
            self.loss_plot.setXRange(0, self._step_limit, padding=0.02)
        losses = [self._values[key] for key in ("train_loss", "val_loss", "train_data_loss")]
        finite = [v[np.isfinite(v)] for v in losses]
        highest = max((float(np.max(v)) for v in finite if v.size), default=1.0)
        if rebuilt or highest > self._loss_limit:
            self._loss_limit = nice_ceiling(max(highest, 1e-3))
            self.loss_plot.setYRange(0, self._loss_limit, padding=0.02)

    def _kept_prefix(self, history: list) -> int:
        """How many of the snapshots drawn are still the history's first ones.

        The trainer changes only the end of its history (a step appends, an edit or an
        off-stride step replaces the newest) or rebuilds it (reset, thinning, restore):
        snapshots are immutable, so the same object at the same place is the same number.
        The newest drawn one is always taken again (it may have been replaced).
        """
        shown = self._snapshots
        if not shown or not history or history[0] is not shown[0]:
            return 0
        for keep in range(min(len(shown), len(history)) - 1, 0, -1):
            if history[keep - 1] is shown[keep - 1]:
                return keep
            if keep < len(shown) - 3:
                break
        return 0

    def values(self, key: str) -> np.ndarray:
        """The numbers curve ``key`` shows (tests and readouts)."""
        return self._values[key].copy()
