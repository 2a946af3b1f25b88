"""The Jacobian lesson: ``J = (diag p - p p^T) / T`` as an annotated heatmap, live.

Each entry ``J_ij = dp_i / dz_j`` says how probability ``i`` moves when logit ``j`` moves.
The panel shows the matrix (numbers in the cells for up to :data:`ANNOTATED_LIMIT`
classes), its eigenvalues (the smallest is 0: the all-ones direction, shift invariance),
and highlights the row of the logit that just moved, so a drag shows which probabilities
it pushes up (the diagonal) and which it pulls down (everything else in its column).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from ...core.lessons import JacobianReport, jacobian_report
from ...session import Change, Derived, ExplorerSession
from ...state import ExplorerState
from ..lesson_view import LessonView, wrapped_label
from ..theme import style_plot
from ..view import axis_items, classes_changed
from ..widgets import format_number

#: Classes up to which every cell carries its number.
ANNOTATED_LIMIT = 8
#: Eigenvalues listed in the text below the matrix (the smallest first).
EIGENVALUES_SHOWN = 6


def jacobian_numbers(state: ExplorerState) -> JacobianReport:
    """The panel's numbers (``session.numbers`` computes them once per state)."""
    return jacobian_report(np.asarray(state.logits), temperature=state.temperature)


def significant(value: float, digits: int = 2) -> str:
    """``value`` to ``digits`` significant digits: a small entry never reads 0."""
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def _diverging_lookup(theme_name: str) -> np.ndarray:
    """A blue-white-orange lookup table (negative, zero, positive), 256 x 4 bytes."""
    negative = np.array([0, 114, 178]) if theme_name != "contrast" else np.array([0, 0, 0])
    positive = np.array([230, 159, 0]) if theme_name != "contrast" else np.array([213, 94, 0])
    middle = np.array([30, 31, 34]) if theme_name == "dark" else np.array([255, 255, 255])
    weights = np.linspace(-1.0, 1.0, 256)[:, None]
    colours = np.where(
        weights < 0,
        middle + (negative - middle) * -weights,
        middle + (positive - middle) * weights,
    )
    alpha = np.full((256, 1), 255)
    return np.hstack([colours, alpha]).round().astype(np.ubyte)


class JacobianPanel(LessonView):
    """The softmax Jacobian of the current logits, its spectrum and its null vector."""

    key = "jacobian"
    watched_fields = frozenset({"logits", "temperature", "class_names"})

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Softmax Jacobian"))
        self.plot_widget = pg.PlotWidget(axisItems=axis_items())
        self.plot_widget.setObjectName("jacobianPlot")
        self.plot_widget.setAccessibleName(self.tr("Jacobian heatmap"))
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)  # row 0 on top, as a matrix is written
        self.plot.setMinimumHeight(220)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.highlight = QGraphicsRectItem()
        self.highlight.setZValue(10)
        self.highlight.setVisible(False)
        self.plot.addItem(self.highlight, ignoreBounds=True)
        self.cell_texts: list[pg.TextItem] = []
        # Its numbers change on every drag: a wrapped label that lays nothing out then.
        self.summary, summary_box = wrapped_label("jacobianSummary")
        self.content_layout.addWidget(self.plot_widget, 1)
        self.content_layout.addWidget(summary_box)
        self._previous_logits: tuple[float, ...] | None = None
        #: The class whose logit moved in the last change (its row is highlighted).
        self.moved_class: int | None = None
        self.apply_theme()
        self.attach()

    # Drawing -----------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        self.plot_widget.setBackground(self.theme.background)
        style_plot(self.plot, self.theme, self.font_scale)
        self.plot.showGrid(x=False, y=False)
        self.image.setLookupTable(_diverging_lookup(self.theme.name))
        pen = self.theme.pen(self.theme.foreground, 2.5)
        self.highlight.setPen(pen)
        self.summary.setFont(self.caption.font())
        self.summary.setPalette(self.caption.palette())
        self._text_font = QFont()
        self._text_font.setPointSize(max(7, round(self.theme.font_size * self.font_scale * 0.8)))
        for text in self.cell_texts:
            text.setFont(self._text_font)
            text.setColor(QColor(self.theme.foreground))

    def _rebuild(self, state: ExplorerState) -> None:
        """Axis ticks and cell texts for K classes (only when K or the names change)."""
        count = state.num_classes
        ticks = [(i, self.class_name(state, i) if count <= 6 else str(i)) for i in range(count)]
        step = 1 if count <= 12 else max(1, count // 10)
        ticks = ticks[::step]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.getAxis("left").setTicks([ticks])
        self.plot.setLabel("bottom", self.tr("logit z<sub>j</sub>"))
        self.plot.setLabel("left", self.tr("probability p<sub>i</sub>"))
        for text in self.cell_texts:
            self.plot.removeItem(text)
        self.cell_texts = []
        if count <= ANNOTATED_LIMIT:
            for row in range(count):
                for column in range(count):
                    text = pg.TextItem(anchor=(0.5, 0.5), color=QColor(self.theme.foreground))
                    text.setFont(self._text_font)
                    text.setPos(column, row)
                    self.plot.addItem(text, ignoreBounds=True)
                    self.cell_texts.append(text)
        half = 0.5
        self.plot.setXRange(-half, count - half, padding=0.02)
        self.plot.setYRange(-half, count - half, padding=0.02)
        style_plot(self.plot, self.theme, self.font_scale)
        self.plot.showGrid(x=False, y=False)

    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Show the matrix, the moved class's row and the spectrum."""
        report: JacobianReport = self.session.numbers(jacobian_numbers)
        count = state.num_classes
        if classes_changed(change):
            self._rebuild(state)
        matrix = report.jacobian
        bound = float(np.max(np.abs(matrix))) or 1.0
        self.image.setImage(matrix, levels=(-bound, bound), autoLevels=False)
        self.image.setRect(QRectF(-0.5, -0.5, count, count))
        for index, text in enumerate(self.cell_texts):
            row, column = divmod(index, count)
            text.setText(significant(matrix[row, column]))
        self._track_moved_class(state, change)
        if self.moved_class is not None and self.moved_class < count:
            self.highlight.setRect(QRectF(-0.5, self.moved_class - 0.5, count, 1.0))
            self.highlight.setVisible(True)
        else:
            self.highlight.setVisible(False)
        # The zero eigenvalue comes out as rounding noise (1e-17): written as the 0 it is.
        noise = 1e-12 * max(float(np.max(np.abs(report.eigenvalues))), 1e-300)
        shown = [0.0 if abs(v) <= noise else v for v in report.eigenvalues[:EIGENVALUES_SHOWN]]
        eigen = ", ".join(significant(value, 3) for value in shown)
        if len(report.eigenvalues) > EIGENVALUES_SHOWN:
            eigen += ", …"
        self.summary.setText(
            self.tr(
                "Eigenvalues λ: {eigenvalues}<br>"
                "Rank {rank} of {count}; ‖J·1‖ = {residual} (the all-ones direction is "
                "its null space)"
            ).format(
                eigenvalues=eigen,
                rank=report.rank,
                count=count,
                residual=format_number(report.null_residual, 2),
            )
        )
        self.plot_widget.setAccessibleDescription(
            self.tr("Jacobian of softmax, {count} by {count}; largest entry {largest}").format(
                count=count, largest=format_number(bound, 3)
            )
        )

    def _track_moved_class(self, state: ExplorerState, change: Change | None) -> None:
        previous, self._previous_logits = self._previous_logits, state.logits
        if change is None or previous is None or len(previous) != len(state.logits):
            return
        if "logits" not in change.fields:
            return
        moved = [i for i, (a, b) in enumerate(zip(previous, state.logits, strict=True)) if a != b]
        # One logit moved (a drag, a typed value): its row; a shift or a descent step: none.
        self.moved_class = moved[0] if len(moved) == 1 else None

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at, with today's diagonal and the largest eigenvalue."""
        report: JacobianReport = self.session.numbers(jacobian_numbers)
        top = int(np.argmax(report.probabilities))
        return self.tr(
            "Row i, column j is dp<sub>i</sub>/dz<sub>j</sub>. Raising a logit raises only "
            "its own probability (the diagonal, p<sub>i</sub>(1 − p<sub>i</sub>)/T, "
            "{diagonal} for class {top}) and lowers all the others. Every row sums to 0: "
            "moving all logits together changes nothing, so the smallest eigenvalue is 0 "
            "and the largest is {largest}."
        ).format(
            diagonal=format_number(report.jacobian[top, top], 3),
            top=top,
            largest=format_number(report.eigenvalues[-1], 3),
        )


__all__ = ["JacobianPanel", "jacobian_numbers"]
