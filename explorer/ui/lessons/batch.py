"""Batches and the class axis: softmax over the right axis, and PyTorch's batch loss.

A small ``N x K`` batch of logits (rows are samples, columns classes, one label per row)
is normalised over the axis the user picks: each row (PyTorch's ``dim=-1``, the right
one), each column (``dim=0``) or the whole array (``scipy.special.softmax``'s default
``axis=None``). The probability table carries its row and column sums, so the mistake is
visible: with a wrong axis the rows do not sum to 1. Beside it, each row's loss and the
batch loss exactly as ``torch.nn.functional.cross_entropy`` computes them, with class
weights, ``ignore_index`` and the ``mean`` (a weighted mean) or ``sum`` reduction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.lessons import BatchReport, batch_report
from ...session import Change, Derived, ExplorerSession
from ...state import (
    IGNORE_INDEX_RANGE,
    LOGIT_LIMIT,
    MAX_BATCH_ROWS,
    WEIGHT_RANGE,
    ExplorerState,
    default_logits,
)
from ..lesson_view import LessonView
from ..view import classes_changed
from ..widgets import InvalidNumber, NumberEdit, format_number, parse_number
from .layout import RowStrip, SideBySide, field_width, scrolled_body, themed_style_sheet

#: The ``axis`` of :func:`~explorer.core.lessons.batch_report` for each ``softmax_axis``.
AXIS_ARGUMENTS: dict[str, int | None] = {"classes": -1, "samples": 0, "whole": None}
#: PyTorch's default ignore_index: typed as a label, it always means "ignored".
DEFAULT_IGNORE_INDEX = -100
#: A sum this close to 1 counts as 1 (rounding of the softmax).
SUM_TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class BatchNumbers:
    """What the panel shows, computed once per state (``session.numbers``).

    Attributes
    ----------
    report : BatchReport
        :func:`~explorer.core.lessons.batch_report` of the state's batch.
    row_sums : numpy.ndarray
        ``(N,)``, the shown probabilities summed over the classes (``report.class_sums``).
    column_sums : numpy.ndarray
        ``(K,)``, the shown probabilities summed over the samples.
    total_sum : float
        Every shown probability summed: N for rows, K for columns, 1 for the whole array.
    loss_sum : float
        ``sum_n l_n``, the numerator of ``'mean'`` (and the ``'sum'`` itself).
    """

    report: BatchReport
    row_sums: np.ndarray
    column_sums: np.ndarray
    total_sum: float
    loss_sum: float


def batch_numbers(state: ExplorerState) -> BatchNumbers:
    """The panel's numbers for ``state`` (a pure function: ``session.numbers`` caches it).

    Parameters
    ----------
    state : ExplorerState
        Its ``batch``, ``labels``, ``class_weights``, ``ignore_index``,
        ``batch_reduction`` and ``softmax_axis``.

    Returns
    -------
    BatchNumbers
    """
    report = batch_report(
        np.asarray(state.batch, dtype=np.float64),
        np.asarray(state.labels, dtype=np.int64),
        axis=AXIS_ARGUMENTS[state.softmax_axis],
        weight=state.class_weights,
        ignore_index=state.ignore_index,
        reduction=state.batch_reduction,
    )
    probabilities = report.probabilities
    return BatchNumbers(
        report=report,
        row_sums=report.class_sums,
        column_sums=probabilities.sum(axis=0),
        total_sum=float(probabilities.sum()),
        loss_sum=float(report.per_row_loss.sum()),
    )


def new_batch_row(num_classes: int, row: int) -> tuple[float, ...]:
    """A row to add as row ``row``: the default logits rolled ``row`` classes on.

    The same rows :func:`~explorer.state.default_batch_logits` starts with, continued.
    """
    base = default_logits(num_classes)
    shift = row % num_classes
    return base[-shift:] + base[:-shift] if shift else base


def _read_only(text: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _aligned(item: QTableWidgetItem) -> QTableWidgetItem:
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _fit_table(table: QTableWidget) -> None:
    """A table as large as its cells, headers sized to what they hold."""
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # As tall as its rows: the panel scrolls as a whole instead (scrolled_body).
    table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    table.setFrameShape(QFrame.Shape.NoFrame)


class BatchPanel(LessonView):
    """An editable batch of logits, softmax over a chosen axis, PyTorch's batch loss."""

    key = "batch"
    watched_fields = frozenset(
        {
            "batch_logits",
            "batch_labels",
            "class_weights",
            "ignore_index",
            "batch_reduction",
            "softmax_axis",
            "class_names",
        }
    )

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Batches and the class axis"))
        # The theme's background comes from the style sheet (themed_style_sheet).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.weight_edits: list[NumberEdit] = []
        self._shape: tuple[int, int] | None = None

        # Choices: the softmax axis, the reduction, the ignored label.
        self.axis_combo = QComboBox()
        self.axis_combo.setObjectName("softmaxAxisCombo")
        self.axis_combo.setAccessibleName(self.tr("Softmax axis"))
        self.axis_combo.setToolTip(
            self.tr(
                "What softmax normalises: each row's classes (PyTorch's dim=-1, right), each "
                "column's samples (dim=0) or the whole array (scipy.special.softmax's default)"
            )
        )
        for key, text in (
            ("classes", self.tr("each row: the classes (dim=-1)")),
            ("samples", self.tr("each column: the samples (dim=0)")),
            ("whole", self.tr("the whole array (SciPy's axis=None)")),
        ):
            self.axis_combo.addItem(text, key)
        self.axis_combo.currentIndexChanged.connect(self._on_axis_combo_index_changed)
        self.reduction_combo = QComboBox()
        self.reduction_combo.setObjectName("batchReductionCombo")
        self.reduction_combo.setAccessibleName(self.tr("Reduction"))
        self.reduction_combo.setToolTip(
            self.tr("mean: Σ lₙ / Σ w[yₙ] over the rows not ignored (a weighted mean); sum: Σ lₙ")
        )
        for key, text in (("mean", self.tr("mean")), ("sum", self.tr("sum"))):
            self.reduction_combo.addItem(text, key)
        self.reduction_combo.currentIndexChanged.connect(self._on_reduction_combo_index_changed)
        self.ignore_edit = NumberEdit(*IGNORE_INDEX_RANGE, digits=1)
        self.ignore_edit.setObjectName("ignoreIndexEdit")
        self.ignore_edit.setAccessibleName(self.tr("ignore_index"))
        self.ignore_edit.setToolTip(
            self.tr("A label equal to it leaves its row out of the loss (PyTorch's -100)")
        )
        self.ignore_edit.valueSubmitted.connect(self._on_ignore_edit_submitted)
        self.ignore_edit.invalidInput.connect(self.invalidInput)
        self.axis_heading = QLabel(self.tr("softmax over"))
        self.reduction_heading = QLabel(self.tr("reduction"))
        self.ignore_heading = QLabel(self.tr("ignore_index"))
        self.choices = SideBySide(spacing=14)
        for heading, control in (
            (self.axis_heading, self.axis_combo),
            (self.reduction_heading, self.reduction_combo),
            (self.ignore_heading, self.ignore_edit),
        ):
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(heading)
            pair_layout.addWidget(control)
            self.choices.add(pair)

        # The logits with their labels and losses; the probabilities with their sums.
        self.logits_title = QLabel()
        self.logits_title.setObjectName("batchLogitsTitle")
        self.logits_title.setProperty("heading", True)
        self.logits_table = QTableWidget()
        self.logits_table.setObjectName("batchLogitsTable")
        self.logits_table.setAccessibleName(self.tr("Batch logits, labels and row losses"))
        self.logits_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.logits_table.itemChanged.connect(self._on_logits_table_item_changed)
        _fit_table(self.logits_table)
        self.add_button = QPushButton(self.tr("Add row"))
        self.add_button.setObjectName("addBatchRowButton")
        self.add_button.setToolTip(
            self.tr("Add a sample (at most {limit})").format(limit=MAX_BATCH_ROWS)
        )
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.setObjectName("removeBatchRowButton")
        self.remove_button.setToolTip(self.tr("Remove the selected sample (the last if none)"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.row_buttons = QWidget()
        row_buttons = QHBoxLayout(self.row_buttons)
        row_buttons.setContentsMargins(0, 0, 0, 0)
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        logits_part = QWidget()
        logits_column = QVBoxLayout(logits_part)
        logits_column.setContentsMargins(0, 0, 0, 0)
        logits_column.addWidget(self.logits_title)
        logits_column.addWidget(self.logits_table)

        self.probability_title = QLabel()
        self.probability_title.setObjectName("batchProbabilityTitle")
        self.probability_title.setProperty("heading", True)
        self.probability_table = QTableWidget()
        self.probability_table.setObjectName("batchProbabilityTable")
        self.probability_table.setAccessibleName(self.tr("Softmax of the batch, with sums"))
        self.probability_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _fit_table(self.probability_table)
        probability_part = QWidget()
        probability_column = QVBoxLayout(probability_part)
        probability_column.setContentsMargins(0, 0, 0, 0)
        probability_column.addWidget(self.probability_title)
        probability_column.addWidget(self.probability_table)
        self.tables = SideBySide(spacing=18)
        self.tables.setObjectName("batchTables")
        self.tables.add(logits_part)
        self.tables.add(probability_part)

        # Class weights: one field per class, and back to none (every weight 1).
        self.weight_row = QWidget()
        self.weight_row.setObjectName("classWeightRow")
        self.weight_grid = QGridLayout(self.weight_row)
        self.weight_grid.setContentsMargins(0, 0, 0, 0)
        self.weight_grid.setHorizontalSpacing(6)
        self.weight_grid.setVerticalSpacing(0)
        self.weight_heading = QLabel(self.tr("class weights w"))
        self.weight_grid.addWidget(self.weight_heading, 1, 0)
        self.weight_names: list[QLabel] = []
        self.weight_scroll = RowStrip(self.weight_row)
        self.weight_scroll.setObjectName("classWeightScroll")
        self.reset_weights_button = QPushButton(self.tr("No weights"))
        self.reset_weights_button.setObjectName("resetClassWeightsButton")
        self.reset_weights_button.setToolTip(self.tr("weight=None: every class weighs 1"))
        self.reset_weights_button.clicked.connect(self._on_reset_weights_button_clicked)
        row_buttons.insertWidget(2, self.reset_weights_button)

        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        body = scrolled_body(self)
        body.addWidget(self.choices)
        body.addWidget(self.weight_scroll)
        body.addWidget(self.tables)
        body.addWidget(self.row_buttons)
        body.addWidget(self.summary)
        body.addStretch(1)
        self.chrome = [self.row_buttons]
        self._fonts()
        self.apply_theme()
        self.attach()

    # Theme and layout ---------------------------------------------------------------------
    def _fonts(self) -> None:
        self._font = QFont()
        self._font.setPointSize(max(7, round(self.theme.font_size * self.font_scale)))
        self._bold = QFont(self._font)
        self._bold.setBold(True)

    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        self._fonts()
        self.setStyleSheet(
            themed_style_sheet(self.theme, self._font.pointSize(), self.objectName())
        )
        edit_width = field_width(self._font)
        for edit in (*self.weight_edits, self.ignore_edit):
            edit.setFixedWidth(edit_width)
        self.choices.arrange()
        self.tables.arrange()

    def column_name(self, state: ExplorerState, index: int) -> str:
        """A class's column heading: its name for a few classes, its index for many."""
        return self.class_name(state, index) if state.num_classes <= 6 else str(index)

    def _rebuild_weights(self, state: ExplorerState) -> None:
        """One weight field per class (K or the names changed)."""
        for widget in (*self.weight_names, *self.weight_edits):
            self.weight_grid.removeWidget(widget)
            widget.hide()  # until deleted it would still draw where it was
            widget.deleteLater()
        self.weight_names, self.weight_edits = [], []
        for index in range(state.num_classes):
            name = QLabel(self.column_name(state, index))
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            edit = NumberEdit(*WEIGHT_RANGE, digits=3)
            edit.setObjectName(f"classWeight{index}")
            edit.setFixedWidth(self.ignore_edit.maximumWidth())
            edit.setAccessibleName(self.tr("Weight of class {index}").format(index=index))
            edit.setToolTip(
                self.tr("w[{index}]: multiplies the loss of every row labelled {name}").format(
                    index=index, name=self.class_name(state, index)
                )
            )
            edit.valueSubmitted.connect(lambda v, i=index: self._on_weight_edit_submitted(i, v))
            edit.invalidInput.connect(self.invalidInput)
            self.weight_grid.addWidget(name, 0, index + 1)
            self.weight_grid.addWidget(edit, 1, index + 1)
            self.weight_names.append(name)
            self.weight_edits.append(edit)
        self.weight_grid.setColumnStretch(state.num_classes + 1, 1)

    def _rebuild_tables(self, state: ExplorerState, rows: int) -> None:
        """Cells for ``rows`` samples of K classes (the batch's shape changed)."""
        count = state.num_classes
        names = [self.column_name(state, index) for index in range(count)]
        with QSignalBlocker(self.logits_table):
            table = self.logits_table
            table.clear()
            table.setRowCount(rows)
            table.setColumnCount(count + 2)
            table.setHorizontalHeaderLabels([*names, self.tr("label y"), self.tr("loss lₙ")])
            table.setVerticalHeaderLabels([str(row) for row in range(rows)])
            for row in range(rows):
                for column in range(count + 1):
                    table.setItem(row, column, _aligned(QTableWidgetItem()))
                table.setItem(row, count + 1, _aligned(_read_only()))
        table = self.probability_table
        table.clear()
        table.setRowCount(rows + 1)
        table.setColumnCount(count + 1)
        table.setHorizontalHeaderLabels([*names, self.tr("Σ row")])
        table.setVerticalHeaderLabels([*(str(row) for row in range(rows)), self.tr("Σ column")])
        for row in range(rows + 1):
            for column in range(count + 1):
                table.setItem(row, column, _aligned(_read_only()))
        self._shape = (rows, count)

    # Drawing ------------------------------------------------------------------------------
    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Show the batch, its softmax over the chosen axis with sums, and the losses."""
        numbers: BatchNumbers = self.session.numbers(batch_numbers)
        report = numbers.report
        batch, labels = state.batch, state.labels
        rows, count = len(batch), state.num_classes
        if classes_changed(change):
            self._rebuild_weights(state)
            self._shape = None
        rebuilt = self._shape != (rows, count)
        if rebuilt:
            self._rebuild_tables(state, rows)

        with QSignalBlocker(self.axis_combo):
            self.axis_combo.setCurrentIndex(self.axis_combo.findData(state.softmax_axis))
        with QSignalBlocker(self.reduction_combo):
            self.reduction_combo.setCurrentIndex(
                self.reduction_combo.findData(state.batch_reduction)
            )
        self.ignore_edit.set_value(state.ignore_index)
        weights = state.class_weights or (1.0,) * count
        for edit, weight in zip(self.weight_edits, weights, strict=True):
            edit.set_value(weight)
        self.reset_weights_button.setEnabled(state.class_weights is not None)
        # A figure without weights says weight=None in its summary: no row of ones.
        self.weight_scroll.setVisible(not (self.figure_mode and state.class_weights is None))
        self.add_button.setEnabled(rows < MAX_BATCH_ROWS)
        self.remove_button.setEnabled(rows > 1)

        foreground = QColor(self.theme.foreground)
        faded = QColor(self.theme.foreground)
        faded.setAlpha(110)
        alarm = QColor(self.theme.target)
        chosen = QColor(self.theme.bar)
        chosen.setAlpha(60)
        none = QColor(0, 0, 0, 0)
        ignored_text = self.tr("ignored")
        with QSignalBlocker(self.logits_table):
            table = self.logits_table
            for row in range(rows):
                ignored = bool(report.ignored[row])
                colour = faded if ignored else foreground
                for column in range(count):
                    item = table.item(row, column)
                    item.setText(format_number(batch[row][column], 4))
                    item.setForeground(colour)
                    item.setFont(self._bold if column == labels[row] else self._font)
                label_item = table.item(row, count)
                label_item.setText(str(labels[row]))
                label_item.setForeground(colour)
                label_item.setToolTip(
                    self.tr("ignored: the label equals ignore_index") if ignored else ""
                )
                loss_item = table.item(row, count + 1)
                loss_item.setText(
                    ignored_text if ignored else format_number(float(report.per_row_loss[row]), 4)
                )
                loss_item.setForeground(colour)
        table = self.probability_table
        probabilities = report.probabilities
        for row in range(rows):
            ignored = bool(report.ignored[row])
            for column in range(count):
                item = table.item(row, column)
                item.setText(format_number(float(probabilities[row, column]), 3))
                item.setForeground(faded if ignored else foreground)
                is_label = column == labels[row]
                item.setBackground(chosen if is_label and not ignored else none)
                item.setFont(self._bold if is_label else self._font)
        # A row is one sample's distribution only if it sums to 1: a row sum that does not
        # is the mistake, marked. Column sums are what they are (1 only for dim=0).
        for row, value in enumerate(numbers.row_sums.tolist()):
            item = table.item(row, count)
            item.setText(format_number(value, 3))
            off = abs(value - 1.0) > SUM_TOLERANCE
            item.setForeground(alarm if off else foreground)
            item.setFont(self._bold if off else self._font)
        for column, value in enumerate(numbers.column_sums.tolist()):
            item = table.item(rows, column)
            item.setText(format_number(value, 3))
            item.setForeground(faded)
        corner = table.item(rows, count)
        corner.setText(format_number(numbers.total_sum, 3))
        corner.setForeground(faded)

        self.logits_title.setText(
            self.tr("logits x: {rows} samples × {count} classes").format(rows=rows, count=count)
        )
        self.probability_title.setText(
            {
                "classes": self.tr("softmax(x, dim=-1): each row sums to 1"),
                "samples": self.tr("softmax(x, dim=0): each column sums to 1"),
                "whole": self.tr("scipy.special.softmax(x): the whole array sums to 1"),
            }[state.softmax_axis]
        )
        self.summary.setText(self._summary_text(state, numbers))
        self.tables.arrange()

    def _summary_text(self, state: ExplorerState, numbers: BatchNumbers) -> str:
        report = numbers.report
        weight = "w" if state.class_weights is not None else "None"
        call = self.tr(
            "F.cross_entropy(x, y, weight={weight}, ignore_index={ignore}, reduction='{reduction}')"
        ).format(weight=weight, ignore=state.ignore_index, reduction=state.batch_reduction)
        if state.batch_reduction == "mean":
            text = self.tr(
                "{call} = Σ lₙ / Σ w[yₙ] = {numerator} / {denominator} = <b>{loss}</b>"
            ).format(
                call=call,
                numerator=format_number(numbers.loss_sum, 4),
                denominator=format_number(report.denominator, 4),
                loss=format_number(float(report.loss), 4),
            )
        else:
            text = self.tr("{call} = Σ lₙ = <b>{loss}</b>").format(
                call=call, loss=format_number(float(report.loss), 4)
            )
        if state.softmax_axis != "classes":
            text += "<br>" + self.tr(
                "The same −Σ w[yₙ] log p[n, yₙ] on this table would give {loss}: its rows "
                "are not each sample's distribution over the classes."
            ).format(loss=format_number(float(report.axis_loss), 4))
        return text

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at, with today's row sums and loss."""
        numbers: BatchNumbers = self.session.numbers(batch_numbers)
        report = numbers.report
        rows = len(state.batch)
        ignored = int(np.sum(report.ignored))
        if state.softmax_axis == "classes":
            first = self.tr(
                "Rows are samples and columns classes: softmax over each row (PyTorch's "
                "dim=-1) makes every row a distribution (Σ row = 1), and the shaded cell is "
                "the probability of the row's label."
            )
        else:
            first = self.tr(
                "Softmax over {axis} is the common mistake: the rows now sum to between "
                "{low} and {high}, not 1, so a row is no longer the model's distribution "
                "for that sample."
            ).format(
                axis=self.tr("the samples (dim=0)")
                if state.softmax_axis == "samples"
                else self.tr("the whole array (SciPy's default)"),
                low=format_number(float(np.min(numbers.row_sums)), 3),
                high=format_number(float(np.max(numbers.row_sums)), 3),
            )
        if state.batch_reduction == "mean":
            loss = float(report.loss)
            second = self.tr(
                "Each row's loss is −w[yₙ]·log p[n, yₙ]; {ignored} of {rows} rows are "
                "ignored, and 'mean' divides their sum {numerator} by the weights of the "
                "rows kept, {denominator}, not by N: the loss is {loss}."
            ).format(
                ignored=ignored,
                rows=rows,
                numerator=format_number(numbers.loss_sum, 3),
                denominator=format_number(report.denominator, 3),
                loss=format_number(loss, 3) if math.isfinite(loss) else "NaN",
            )
        else:
            second = self.tr(
                "Each row's loss is −w[yₙ]·log p[n, yₙ]; {ignored} of {rows} rows are "
                "ignored (0), and 'sum' adds the rest: the loss is {loss}."
            ).format(ignored=ignored, rows=rows, loss=format_number(float(report.loss), 3))
        return f"{first} {second}"

    # Handlers -----------------------------------------------------------------------------
    def _on_axis_combo_index_changed(self, index: int) -> None:
        if index >= 0:
            key = self.axis_combo.itemData(index)
            self.submit(lambda: replace(self.session.state, softmax_axis=key))

    def _on_reduction_combo_index_changed(self, index: int) -> None:
        if index >= 0:
            key = self.reduction_combo.itemData(index)
            self.submit(lambda: replace(self.session.state, batch_reduction=key))

    def _on_ignore_edit_submitted(self, value: float) -> None:
        if not value.is_integer():
            self.invalidInput.emit(self.tr("ignore_index must be a whole number."))
            self.resync()
            return
        state = self.session.state
        new = int(value)
        # Rows ignored so far stay ignored: their label follows the new index.
        labels = state.batch_labels
        if labels is not None:
            labels = tuple(new if label == state.ignore_index else label for label in labels)
        self.submit(lambda: replace(state, ignore_index=new, batch_labels=labels))

    def _on_weight_edit_submitted(self, index: int, value: float) -> None:
        state = self.session.state
        weights = list(state.class_weights or (1.0,) * state.num_classes)
        weights[index] = value
        self.submit(lambda: replace(state, class_weights=tuple(weights)))

    def _on_reset_weights_button_clicked(self) -> None:
        self.submit(lambda: replace(self.session.state, class_weights=None))

    def _on_logits_table_item_changed(self, item: QTableWidgetItem) -> None:
        state = self.session.state
        row, column, count = item.row(), item.column(), state.num_classes
        try:
            if column < count:
                value = parse_number(item.text(), -LOGIT_LIMIT, LOGIT_LIMIT)
            else:
                value = parse_number(item.text(), *IGNORE_INDEX_RANGE)
                if not value.is_integer():
                    raise InvalidNumber(self.tr("A label must be a whole number."))
        except InvalidNumber as error:
            self.invalidInput.emit(str(error))
            self.resync()
            return
        if column < count:
            matrix = [list(values) for values in state.batch]
            matrix[row][column] = value
            batch = tuple(tuple(values) for values in matrix)
            self.submit(lambda: replace(state, batch_logits=batch))
        elif column == count:
            labels = list(state.labels)
            # PyTorch's -100 means "ignored" whatever ignore_index is set to here.
            label = int(value)
            labels[row] = state.ignore_index if label == DEFAULT_IGNORE_INDEX else label
            self.submit(lambda: replace(state, batch_labels=tuple(labels)))

    def _on_add_button_clicked(self) -> None:
        state = self.session.state
        rows = len(state.batch)
        if rows >= MAX_BATCH_ROWS:
            return
        batch = (*state.batch, new_batch_row(state.num_classes, rows))
        labels = (*state.labels, rows % state.num_classes)
        self.submit(lambda: replace(state, batch_logits=batch, batch_labels=labels))

    def _on_remove_button_clicked(self) -> None:
        state = self.session.state
        rows = len(state.batch)
        if rows <= 1:
            return
        selected = self.logits_table.selectionModel().selectedIndexes()
        index = selected[0].row() if selected else rows - 1
        batch = state.batch[:index] + state.batch[index + 1 :]
        labels = state.labels[:index] + state.labels[index + 1 :]
        self.submit(lambda: replace(state, batch_logits=batch, batch_labels=labels))


__all__ = [
    "AXIS_ARGUMENTS",
    "BatchNumbers",
    "BatchPanel",
    "batch_numbers",
    "new_batch_row",
]
