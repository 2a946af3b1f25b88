"""Temperature and distillation: a teacher's soft targets, the student, and why ``T^2``.

The teacher's logits ``t`` (their own editable row, saved in the scene) and the student's
``s`` (today's logits) go through the same ``softmax(. / T)``; the panel draws the two
distributions as paired bars, the soft loss ``T^2 KL(softmax(t/T) || softmax(s/T))`` and the
hard loss ``CE(s, y)`` with their gradients' lengths, their mix by ``alpha``, and a small
table of the soft gradient's length at several temperatures with and without ``T^2``:
without it the length shrinks as ``1 / T^2``, with it it stays on the hard gradient's scale.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...core.lessons import DistillationReport, distillation_report, gradient_scaling
from ...session import Change, Derived, ExplorerSession
from ...state import LOGIT_LIMIT, TEMPERATURE_RANGE, ExplorerState
from ..chart_item import BarLayer, ChartItem, LabelLayer, NumberTexts
from ..lesson_view import FittedLabel, LessonView, wrapped_label
from ..theme import style_plot
from ..view import axis_items, classes_changed
from ..widgets import NumberEdit, format_fixed, format_number
from .jacobian import significant
from .layout import RowStrip, SideBySide, field_width, scrolled_body, themed_style_sheet

#: The temperatures of the "why T^2" table (the state's own T is a column of its own).
COMPARED_TEMPERATURES = (1.0, 2.0, 4.0, 8.0)
#: Steps of the alpha slider over [0, 1].
ALPHA_STEPS = 100
#: Width of each of a class's two bars (classes are 1 apart).
PAIR_BAR_WIDTH = 0.38
#: Classes up to which each bar carries its value.
LABELLED_LIMIT = 12


@dataclass(frozen=True, eq=False)
class DistillationNumbers:
    """What the panel shows, computed once per state (``session.numbers``).

    Attributes
    ----------
    report : DistillationReport
        :func:`~explorer.core.lessons.distillation_report` of the state.
    temperatures : numpy.ndarray
        :data:`COMPARED_TEMPERATURES` followed by the state's temperature.
    without_t2, with_t2 : numpy.ndarray
        :func:`~explorer.core.lessons.gradient_scaling` at ``temperatures``: the soft
        gradient's length without and with the factor ``T^2``.
    soft_gradient_norm, hard_gradient_norm, total_gradient_norm : float
        Lengths of the soft, hard and total gradients on the student's logits.
    """

    report: DistillationReport
    temperatures: np.ndarray
    without_t2: np.ndarray
    with_t2: np.ndarray
    soft_gradient_norm: float
    hard_gradient_norm: float
    total_gradient_norm: float


def distillation_numbers(state: ExplorerState) -> DistillationNumbers:
    """The panel's numbers for ``state`` (a pure function: ``session.numbers`` caches it).

    Parameters
    ----------
    state : ExplorerState
        The student's logits are ``state.logits``, the teacher's ``state.teacher``; the
        hard label is ``state.label``, ``T`` the state's temperature and ``alpha`` its
        ``distillation_alpha``.

    Returns
    -------
    DistillationNumbers
    """
    student = np.asarray(state.logits, dtype=np.float64)
    teacher = np.asarray(state.teacher, dtype=np.float64)
    report = distillation_report(
        student,
        teacher,
        state.label,
        temperature=state.temperature,
        alpha=state.distillation_alpha,
    )
    temperatures = np.array([*COMPARED_TEMPERATURES, state.temperature])
    without_t2, with_t2 = gradient_scaling(student, teacher, temperatures)
    return DistillationNumbers(
        report=report,
        temperatures=temperatures,
        without_t2=without_t2,
        with_t2=with_t2,
        soft_gradient_norm=float(np.linalg.norm(report.soft_gradient)),
        hard_gradient_norm=float(np.linalg.norm(report.hard_gradient)),
        total_gradient_norm=float(np.linalg.norm(report.total_gradient)),
    )


def _tiny(value: float) -> str:
    """One significant digit in short scientific notation: ``3e-3``."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def two_decimals(value: float) -> str:
    """Two decimals (``0.43``); a small nonzero value never reads 0 (``3e-3``)."""
    if value == 0 or not np.isfinite(value):
        return format_number(value, 2)
    return format_fixed(value, 2) if abs(value) >= 0.005 else _tiny(value)


def short_probability(value: float) -> str:
    """Two decimals without the leading zero (``.43``); a small nonzero value never reads 0."""
    if value == 0 or not np.isfinite(value):
        return format_number(value, 2)
    if abs(value) >= 0.005:
        return format_fixed(value, 2, leading_zero=False)
    return _tiny(value)


#: A bar's value label, then shorter ones for when the longer labels would touch.
_LABEL_FORMATS = (
    functools.partial(format_number, digits=3),
    two_decimals,
    short_probability,
)


#: Colours of fields, table headers and borders in each theme (text is the theme's).
class DistillationPanel(LessonView):
    """Teacher and student at temperature ``T``: soft targets, the three losses, why ``T^2``."""

    key = "distillation"
    watched_fields = frozenset(
        {"logits", "label", "temperature", "teacher_logits", "distillation_alpha", "class_names"}
    )

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Temperature and distillation"))
        # The theme's background comes from the style sheet (themed_style_sheet).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.teacher_edits: list[NumberEdit] = []
        self.student_labels: list[QLabel] = []
        self.class_labels: list[QLabel] = []

        # The two rows of logits: the teacher's (typed) above the student's (shown).
        self.logit_rows = QWidget()
        self.logit_rows.setObjectName("distillationLogitRows")
        self.logit_grid = QGridLayout(self.logit_rows)
        self.logit_grid.setContentsMargins(0, 0, 0, 0)
        self.logit_grid.setHorizontalSpacing(6)
        self.logit_grid.setVerticalSpacing(2)
        self.teacher_heading = QLabel(self.tr("teacher t"))
        self.student_heading = QLabel(self.tr("student s"))
        self.logit_grid.addWidget(self.teacher_heading, 1, 0)
        self.logit_grid.addWidget(self.student_heading, 2, 0)
        self.logit_scroll = RowStrip(self.logit_rows)
        self.logit_scroll.setObjectName("distillationLogitScroll")
        self.reset_button = QPushButton(self.tr("Reset teacher"))
        self.reset_button.setObjectName("resetTeacherButton")
        self.reset_button.setAccessibleName(self.tr("Reset the teacher's logits"))
        self.reset_button.setToolTip(
            self.tr("Back to the default teacher: the default logits, twice as far apart")
        )
        self.reset_button.clicked.connect(self._on_reset_button_clicked)

        # The soft targets and the student's softened probabilities, paired per class.
        self.legend, self.legend_box = wrapped_label("distillationLegend")
        self.plot_widget = pg.PlotWidget(axisItems=axis_items())
        self.plot_widget.setObjectName("distillationPlot")
        self.plot_widget.setAccessibleName(self.tr("Soft targets and the student's probabilities"))
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        # The plot takes what is left: its own size hint (480 pixels) would make the
        # scrolling body taller than a figure instead (scrolled_body).
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.plot_widget.setMinimumHeight(180)
        self.plot.setLabel("left", self.tr("probability at T"))
        self.plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.plot.setYRange(0, 1.16, padding=0)
        self.chart = ChartItem()
        self.plot.addItem(self.chart)
        self.teacher_bars = self.chart.add(BarLayer(PAIR_BAR_WIDTH))
        self.student_bars = self.chart.add(BarLayer(PAIR_BAR_WIDTH))
        self.value_labels = self.chart.add(LabelLayer())

        # The losses, their gradients' lengths, and the mix.
        self.loss_grid = QGridLayout()
        self.loss_grid.setHorizontalSpacing(16)
        self.loss_grid.setVerticalSpacing(2)
        self.loss_names: dict[str, QLabel] = {}
        self.loss_values: dict[str, QLabel] = {}
        self.gradient_values: dict[str, QLabel] = {}
        self.settings_label = QLabel()
        self.settings_label.setObjectName("distillationSettings")
        self.loss_heading = QLabel(self.tr("loss"))
        self.gradient_heading = QLabel(self.tr("‖∂/∂s‖"))
        self.gradient_heading.setToolTip(self.tr("Length of the gradient on the student's logits"))
        self.loss_grid.addWidget(self.settings_label, 0, 0)
        self.loss_grid.addWidget(self.loss_heading, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.loss_grid.addWidget(self.gradient_heading, 0, 2, Qt.AlignmentFlag.AlignRight)
        for row, key in enumerate(("soft", "hard", "total"), start=1):
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.RichText)
            # Numbers that change on every drag: fixed-size labels that lay nothing out.
            value = FittedLabel()
            value.setObjectName(f"distillation{key.title()}Loss")
            gradient = FittedLabel()
            gradient.setObjectName(f"distillation{key.title()}Gradient")
            for label in (value, gradient):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.loss_grid.addWidget(name, row, 0)
            self.loss_grid.addWidget(
                value, row, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.loss_grid.addWidget(
                gradient, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.loss_names[key] = name
            self.loss_values[key] = value
            self.gradient_values[key] = gradient

        self.alpha_slider = QSlider(Qt.Orientation.Horizontal)
        self.alpha_slider.setObjectName("distillationAlphaSlider")
        self.alpha_slider.setRange(0, ALPHA_STEPS)
        self.alpha_slider.setAccessibleName(self.tr("Distillation weight alpha"))
        self.alpha_slider.setToolTip(
            self.tr("α: the weight of the soft (teacher) loss; 1 − α weighs the hard label")
        )
        self.alpha_slider.valueChanged.connect(self._on_alpha_slider_value_changed)
        self.alpha_slider.sliderPressed.connect(self.session.begin_gesture)
        self.alpha_slider.sliderReleased.connect(self.session.end_gesture)
        self.alpha_value = FittedLabel()
        self.alpha_value.setObjectName("distillationAlphaValue")
        self.temperature_edit = NumberEdit(*TEMPERATURE_RANGE, digits=3)
        self.temperature_edit.setObjectName("distillationTemperatureEdit")
        self.temperature_edit.setAccessibleName(self.tr("Temperature value"))
        self.temperature_edit.setToolTip(
            self.tr("The temperature T of both softmaxes (0.01 to 100), shared with the Target")
        )
        self.temperature_edit.valueSubmitted.connect(self._on_temperature_edit_submitted)
        self.temperature_edit.invalidInput.connect(self.invalidInput)
        self.alpha_heading = QLabel(self.tr("α"))
        self.temperature_heading = QLabel(self.tr("T"))
        controls = QHBoxLayout()
        controls.addWidget(self.alpha_heading)
        controls.addWidget(self.alpha_slider, 1)
        controls.addWidget(self.alpha_value)
        controls.addSpacing(12)
        controls.addWidget(self.temperature_heading)
        controls.addWidget(self.temperature_edit)
        controls.addSpacing(12)
        controls.addWidget(self.reset_button)
        self.controls = QWidget()
        self.controls.setObjectName("distillationControls")
        self.controls.setLayout(controls)
        controls.setContentsMargins(0, 0, 0, 0)

        # Why T^2: the soft gradient's length at a few temperatures, without and with it.
        self.scaling_grid = QGridLayout()
        self.scaling_grid.setHorizontalSpacing(16)
        self.scaling_grid.setVerticalSpacing(2)
        self.scaling_title = QLabel(self.tr("Why T²: ‖∂ soft/∂s‖ at"))
        self.scaling_title.setProperty("heading", True)
        self.scaling_grid.addWidget(self.scaling_title, 0, 0, 1, len(COMPARED_TEMPERATURES) + 2)
        self.scaling_row_names = [QLabel("T"), QLabel(), QLabel()]
        for row, label in enumerate(self.scaling_row_names, start=1):
            label.setTextFormat(Qt.TextFormat.RichText)
            self.scaling_grid.addWidget(label, row, 0)
        #: ``scaling_cells[row][column]``: row 0 the temperatures, 1 without T², 2 with T².
        self.scaling_cells: list[list[QLabel]] = []
        for row in range(3):
            cells = []
            for column in range(len(COMPARED_TEMPERATURES) + 1):
                cell = FittedLabel()
                cell.setObjectName(f"distillationScaling{row}_{column}")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.scaling_grid.addWidget(
                    cell,
                    row + 1,
                    column + 1,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                )
                cells.append(cell)
            self.scaling_cells.append(cells)
        for label in (self.scaling_row_names[0], *self.scaling_cells[0]):
            label.setProperty("heading", True)

        loss_part = QWidget()
        loss_column = QVBoxLayout(loss_part)
        loss_column.setContentsMargins(0, 0, 0, 0)
        loss_column.addLayout(self.loss_grid)
        scaling_part = QWidget()
        scaling_part.setLayout(self.scaling_grid)
        self.scaling_grid.setContentsMargins(0, 0, 0, 0)
        self.numbers = SideBySide(spacing=24)
        self.numbers.setObjectName("distillationNumbers")
        self.numbers.add(loss_part)
        self.numbers.add(scaling_part)

        body = scrolled_body(self)
        body.addWidget(self.logit_scroll)
        body.addWidget(self.legend_box)
        body.addWidget(self.plot_widget, 1)
        body.addWidget(self.numbers)
        body.addWidget(self.controls)
        # Figures keep the numbers (alpha and T are in the loss names) and drop the controls.
        self.chrome = [self.controls]
        self._fonts()
        self.apply_theme()
        self.attach()

    # Theme and layout ---------------------------------------------------------------------
    def _fonts(self) -> None:
        self._font = QFont()
        self._font.setPointSize(max(7, round(self.theme.font_size * self.font_scale)))
        self._label_font = QFont()
        self._label_font.setPointSize(max(7, round(self.theme.font_size * self.font_scale * 0.8)))

    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        self._fonts()
        self.setStyleSheet(
            themed_style_sheet(self.theme, self._font.pointSize(), self.objectName())
        )
        self.plot_widget.setBackground(self.theme.background)
        style_plot(self.plot, self.theme, self.font_scale)
        self.value_labels.set_font(self._label_font)
        theme = self.theme
        self.legend.setText(
            self.tr(
                "<span style='white-space:nowrap'><span style='color:{teacher}'>■</span> "
                "teacher p<sub>t</sub> = softmax(t/T)</span>&nbsp;&nbsp; "
                "<span style='white-space:nowrap'><span style='color:{student}'>■</span> "
                "student p<sub>s</sub> = softmax(s/T)</span>"
            ).format(teacher=theme.target, student=theme.bar)
        )
        edit_width = field_width(self._font)
        for edit in (*self.teacher_edits, self.temperature_edit):
            edit.setFixedWidth(edit_width)
        self.numbers.arrange()

    def _rebuild(self, state: ExplorerState) -> None:
        """One column per class in the logit rows, ticks and bars' places (K changed)."""
        for widget in (*self.class_labels, *self.teacher_edits, *self.student_labels):
            self.logit_grid.removeWidget(widget)
            widget.hide()  # until deleted it would still draw where it was
            widget.deleteLater()
        self.class_labels, self.teacher_edits, self.student_labels = [], [], []
        count = state.num_classes
        for index in range(count):
            # Names while they fit (as on the plot's axis), indices beyond.
            name = QLabel(self.class_name(state, index) if count <= 8 else str(index))
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            edit = NumberEdit(-LOGIT_LIMIT, LOGIT_LIMIT, digits=3)
            edit.setObjectName(f"teacherLogit{index}")
            edit.setAccessibleName(self.tr("Teacher logit of class {index}").format(index=index))
            edit.setToolTip(
                self.tr("The teacher's logit t of {name}: type a value, Enter").format(
                    name=self.class_name(state, index)
                )
            )
            edit.valueSubmitted.connect(lambda v, i=index: self._on_teacher_edit_submitted(i, v))
            edit.invalidInput.connect(self.invalidInput)
            student = FittedLabel()
            student.setObjectName(f"studentLogit{index}")
            student.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            student.setToolTip(self.tr("The student's logit s: today's logits (drag them)"))
            self.logit_grid.addWidget(name, 0, index + 1)
            self.logit_grid.addWidget(edit, 1, index + 1)
            self.logit_grid.addWidget(
                student, 2, index + 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.class_labels.append(name)
            self.teacher_edits.append(edit)
            self.student_labels.append(student)
        self.logit_grid.setColumnStretch(count + 1, 1)
        self.plot.getAxis("bottom").setTicks([self.class_ticks(state)])
        self.plot.setXRange(-0.6, count - 0.4, padding=0)
        self.apply_theme()

    # Drawing ------------------------------------------------------------------------------
    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Show both rows of logits, the paired bars, the losses and the T² table."""
        numbers: DistillationNumbers = self.session.numbers(distillation_numbers)
        report = numbers.report
        count = state.num_classes
        if classes_changed(change):
            self._rebuild(state)
        for edit, value in zip(self.teacher_edits, state.teacher, strict=True):
            edit.set_value(value)
        for label, value in zip(self.student_labels, state.logits, strict=True):
            label.setText(format_number(value, 3))
        self.reset_button.setEnabled(state.teacher_logits is not None)

        theme = self.theme
        positions = np.arange(count, dtype=float)
        offset = PAIR_BAR_WIDTH / 2 + 0.02
        self.teacher_bars.set_bars(
            positions - offset, report.soft_targets, brush=theme.brush(theme.target)
        )
        self.student_bars.set_bars(
            positions + offset, report.student_soft, brush=theme.brush(theme.bar)
        )
        labelled = count <= LABELLED_LIMIT
        labels = []
        for x, values in (
            (positions - offset, report.soft_targets),
            (positions + offset, report.student_soft),
        ):
            for place, value in zip(x.tolist(), values.tolist(), strict=True):
                texts = NumberTexts(value, _LABEL_FORMATS) if labelled else ""
                labels.append((place, value, texts, (0.5, 1.0), -3, theme.foreground))
        self.value_labels.set_labels(labels)

        temperature = format_number(report.temperature, 3)
        label_name = self.class_name(state, state.label)
        self.settings_label.setText(
            self.tr("T = {temperature}, α = {alpha}").format(
                temperature=temperature, alpha=format_number(report.alpha, 2)
            )
        )
        self.loss_names["soft"].setText(self.tr("soft&nbsp; T²·KL(p<sub>t</sub> ‖ p<sub>s</sub>)"))
        self.loss_names["hard"].setText(
            self.tr("hard&nbsp; CE(s, {label}) at T = 1").format(label=label_name)
        )
        self.loss_names["total"].setText(self.tr("total&nbsp; α·soft + (1 − α)·hard"))
        for key, loss, gradient in (
            ("soft", report.soft_loss, numbers.soft_gradient_norm),
            ("hard", report.hard_loss, numbers.hard_gradient_norm),
            ("total", report.total, numbers.total_gradient_norm),
        ):
            self.loss_values[key].setText(format_number(loss, 4))
            self.gradient_values[key].setText(format_number(gradient, 4))
        with QSignalBlocker(self.alpha_slider):
            self.alpha_slider.setValue(round(state.distillation_alpha * ALPHA_STEPS))
        self.alpha_value.setText(format_number(state.distillation_alpha, 2))
        self.temperature_edit.set_value(state.temperature)

        self.scaling_row_names[1].setText(self.tr("without T²"))
        self.scaling_row_names[2].setText(self.tr("with T²"))
        compared = len(COMPARED_TEMPERATURES)
        for column, value in enumerate(numbers.temperatures.tolist()):
            text = format_number(value, 3)
            if column == compared:
                text = self.tr("{temperature} (now)").format(temperature=text)
            self.scaling_cells[0][column].setText(text)
            # Three significant digits: the 1/T² fall must read as such down to 0.00x.
            self.scaling_cells[1][column].setText(significant(numbers.without_t2[column], 3))
            self.scaling_cells[2][column].setText(significant(numbers.with_t2[column], 3))
        self.numbers.arrange()
        self.plot_widget.setAccessibleDescription(
            self.tr(
                "Soft targets of the teacher and the student's probabilities at T = "
                "{temperature}; soft loss {soft}, hard loss {hard}"
            ).format(
                temperature=temperature,
                soft=format_number(report.soft_loss, 3),
                hard=format_number(report.hard_loss, 3),
            )
        )

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at, with today's losses and the soft gradient with and without T²."""
        numbers: DistillationNumbers = self.session.numbers(distillation_numbers)
        report = numbers.report
        top = int(np.argmax(report.soft_targets))
        return self.tr(
            "At T = {temperature} the teacher's soft targets put {top_p} on {top} and share "
            "the rest in the teacher's order: what a one-hot label cannot say. The "
            "soft loss T²·KL = {soft} pulls the student towards them, the hard loss "
            "{hard} towards {label}; with α = {alpha} the total is {total}. Without T² the "
            "soft gradient would be {without} long instead of {with_t2}: it shrinks as 1/T², "
            "and T² keeps it on the scale of the hard gradient ({hard_gradient})."
        ).format(
            temperature=format_number(report.temperature, 3),
            top=self.class_name(state, top),
            top_p=format_number(float(report.soft_targets[top]), 3),
            soft=format_number(report.soft_loss, 3),
            hard=format_number(report.hard_loss, 3),
            label=self.class_name(state, state.label),
            alpha=format_number(report.alpha, 2),
            total=format_number(report.total, 3),
            without=significant(float(numbers.without_t2[-1]), 3),
            with_t2=significant(float(numbers.with_t2[-1]), 3),
            hard_gradient=format_number(numbers.hard_gradient_norm, 3),
        )

    # Handlers -----------------------------------------------------------------------------
    def _on_teacher_edit_submitted(self, index: int, value: float) -> None:
        teacher = list(self.session.state.teacher)
        teacher[index] = value
        self.submit(lambda: replace(self.session.state, teacher_logits=tuple(teacher)))

    def _on_reset_button_clicked(self) -> None:
        self.submit(lambda: replace(self.session.state, teacher_logits=None))

    def _on_alpha_slider_value_changed(self, position: int) -> None:
        self.submit(lambda: replace(self.session.state, distillation_alpha=position / ALPHA_STEPS))

    def _on_temperature_edit_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, temperature=value))


__all__ = [
    "COMPARED_TEMPERATURES",
    "DistillationNumbers",
    "DistillationPanel",
    "RowStrip",
    "SideBySide",
    "scrolled_body",
    "distillation_numbers",
    "field_width",
    "themed_style_sheet",
    "short_probability",
    "two_decimals",
]
