"""The gradient check: analytic ``dW`` against central finite differences, per parameter.

A heatmap of ``log10`` of the relative error (rows: the features and the bias, columns: the
classes) with its colour bar, and the largest error in words. The check runs on the
training points (at most :data:`CHECK_POINTS` of them, so it stays quick).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..color_bar import ColorBar
from ..theme import style_plot
from ..view import axis_items
from .adapter import check_gradient
from .model import LabChange, LabModel
from .panel import LabPanel

#: Points the check evaluates the loss on: 2 evaluations per parameter, each over them.
CHECK_POINTS = 200
#: The colour scale: relative errors from 1e-12 (and below) to 1 (and above).
LOG_LEVELS = (-12.0, 0.0)
#: Below this the analytic gradient is right (float64 central differences, h = 1e-5).
GOOD_ERROR = 1e-6


class GradientView(LabPanel):
    """A button, the largest relative error, and the heatmap of every parameter's error.

    Signals
    -------
    checked(float)
        A check ran; the argument is the largest relative error.
    """

    checked = Signal(float)

    def __init__(self, model: LabModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setObjectName("labGradientView")
        self.check_button = QPushButton(self.tr("Check gradient"))
        self.check_button.setObjectName("labGradientCheckButton")
        self.check_button.setAccessibleName(self.tr("Check the gradient"))
        self.check_button.setToolTip(
            self.tr(
                "Compare the analytic gradient dW with central finite differences "
                "(L(W + h) - L(W - h)) / 2h, h = 1e-5, for every parameter"
            )
        )
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.result_label = QLabel(self.tr("Not checked yet."))
        self.result_label.setObjectName("labGradientMaxError")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setObjectName("labGradientPlot")
        self.canvas.setAccessibleName(self.tr("Relative error per parameter"))
        self.plot = self.canvas.addPlot(row=0, col=0, axisItems=axis_items())
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        self.plot.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.color_bar = ColorBar()
        self.canvas.addItem(self.color_bar, row=0, col=1)
        self.colormap = pg.colormap.get("viridis")
        self.image.setLookupTable(self.colormap.getLookupTable(nPts=256))
        self.image.setLevels(LOG_LEVELS)
        self.color_bar.set_colormap(self.colormap)
        self.color_bar.set_levels(LOG_LEVELS)
        self.max_error: float | None = None
        top = QHBoxLayout()
        top.addWidget(self.check_button)
        top.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        self.attach()

    def apply_theme(self) -> None:  # noqa: D102
        super().apply_theme()
        self.plot.setLabel("bottom", self.tr("class"))
        self.plot.setLabel("left", self.tr("row of W"))
        self.color_bar.set_label(self.tr("log₁₀ relative error"))
        style_plot(self.plot, self.theme, self.font_scale)
        font = self.plot.getAxis("bottom").style.get("tickFont")
        if font is not None:
            self.color_bar.set_style(self.theme.foreground, font)

    def refresh(self, change: LabChange) -> None:  # noqa: D102
        if (change.model or change.features or change.data or change.config) and (
            self.max_error is not None
        ):
            # The numbers shown belong to the weights they were checked at.
            self.result_label.setText(
                self.tr("Checked at earlier weights: largest relative error {error}.").format(
                    error=f"{self.max_error:.2e}"
                )
            )

    def run_check(self) -> float:
        """Run the check now at the current weights; returns the largest relative error."""
        result, names = check_gradient(self.model.trainer, CHECK_POINTS)
        errors = np.asarray(result.relative_error, dtype=float)
        self.max_error = float(result.max_error)
        with np.errstate(divide="ignore"):
            logs = np.log10(np.maximum(errors, 1e-300))
        self.image.setImage(np.clip(logs, *LOG_LEVELS), autoLevels=False, levels=LOG_LEVELS)
        rows, columns = errors.shape
        self.image.setRect(QRectF(-0.5, -0.5, columns, rows))
        self.plot.setXRange(-0.5, columns - 0.5, padding=0)
        self.plot.setYRange(-0.5, rows - 0.5, padding=0)
        # At most about one label per 20 pixels of plot, and the bias (last row) always.
        room = max(2, int(self.plot.vb.height() / (20 * self.font_scale)))
        step = max(1, math.ceil(rows / room))
        ticks = [(i, names[i]) for i in range(0, rows - 1, step) if rows - 1 - i >= step / 2]
        ticks.append((rows - 1, names[rows - 1]))
        self.plot.getAxis("left").setTicks([ticks])
        self.plot.getAxis("bottom").setTicks([[(k, str(k)) for k in range(columns)]])
        worst = np.unravel_index(int(np.nanargmax(errors)), errors.shape) if errors.size else (0, 0)
        verdict = {
            "correct": self.tr("correct"),
            "wrong": self.tr("<b>wrong</b>: the analytic gradient disagrees"),
            # Large weights (a learning rate too high): the loss is so large that its
            # differences over h are rounding noise, and "wrong" would be a false alarm.
            "unresolved": self.tr(
                "<b>cannot tell</b> at these weights: the loss is so large that finite "
                "differences of step h are rounding noise (Reset and check again)"
            ),
        }[result.verdict(GOOD_ERROR)]
        if result.kinks and result.verdict(GOOD_ERROR) != "correct":
            verdict += self.tr(
                " ({count} margins of the hinge lie within h of its kink, where finite "
                "differences and the subgradient may honestly disagree)"
            ).format(count=result.kinks)
        self.result_label.setText(
            self.tr(
                "Largest relative error <b>{error}</b> ({parameter}, class {k}) over {count} "
                "parameters: {verdict}."
            ).format(
                error=f"{self.max_error:.2e}",
                parameter=names[worst[0]],
                k=int(worst[1]),
                count=errors.size,
                verdict=verdict,
            )
        )
        self.checked.emit(self.max_error)
        return self.max_error

    def _on_check_button_clicked(self) -> None:
        self.run_check()
