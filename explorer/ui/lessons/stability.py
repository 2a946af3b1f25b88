"""The numerical-stability lesson: naive ``exp(z) / sum exp(z)`` against the stable form.

For the current logits ``z / T`` the panel writes out, in float16, float32 and float64 (all
three side by side, or one), every step of the naive softmax and of the max-shifted one:
the intermediate ``exp`` (``inf`` once ``z / T`` passes the type's overflow limit, 11.09,
88.72 or 709.78), the naive probabilities (``inf / inf = NaN``), the stable ones,
``log(softmax)`` (``-inf`` where a probability underflowed to 0) and ``log_softmax``
(finite there). Below, what clipping ``p`` to ``[1e-10, 1 - 1e-10]`` does to the loss.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.lessons import STABILITY_DTYPES, StabilityReport, clipped_vs_exact, stability_report
from ...session import Change, Derived, ExplorerSession
from ...state import ExplorerState
from ..lesson_view import LessonView, wrapped_label
from ..theme import OKABE_ITO
from ..view import classes_changed
from ..widgets import format_number

#: Classes given a row of their own; beyond it the first rows, the true class and the
#: largest logit are shown.
ROW_LIMIT = 8
#: The columns of each table, after the class: attributes of :class:`StabilityReport`.
COLUMNS = (
    "scaled",
    "naive_exp",
    "naive_softmax",
    "stable_softmax",
    "naive_log_softmax",
    "log_softmax",
)
#: Significant digits of the table's numbers.
DIGITS = 4
#: The clip of the tutorial's ``log(clip(p, c, 1 - c))``.
CLIP = 1e-10
#: Pixels the tables keep however small the dock (they scroll within).
MINIMUM_TABLES_HEIGHT = 120
#: The alarm colour of an ``inf``, ``NaN`` or ``-inf`` (and of a logit past the limit).
ALARM = OKABE_ITO["vermillion"]


@dataclass(frozen=True, eq=False)
class StabilityNumbers:
    """What the stability panel shows, for one state.

    Attributes
    ----------
    reports : dict of str to StabilityReport
        :func:`~explorer.core.lessons.stability_report` in each of ``STABILITY_DTYPES``.
    clipped, exact : float
        :func:`~explorer.core.lessons.clipped_vs_exact` of the true class.
    largest : int
        The class with the largest logit (the first to overflow).
    """

    reports: dict[str, StabilityReport]
    clipped: float
    exact: float
    largest: int


def stability_numbers(state: ExplorerState) -> StabilityNumbers:
    """The panel's numbers (``session.numbers`` computes them once per state)."""
    logits = np.asarray(state.logits, dtype=np.float64)
    reports = {
        dtype: stability_report(logits, temperature=state.temperature, dtype=dtype)
        for dtype in STABILITY_DTYPES
    }
    clipped, exact = clipped_vs_exact(logits, state.label, state.temperature, clip=CLIP)
    return StabilityNumbers(reports, clipped, exact, int(np.argmax(logits)))


def shown_classes(count: int, label: int, largest: int, limit: int = ROW_LIMIT) -> list[int]:
    """The classes given a row: every one up to ``limit``, else the first rows and the rest.

    Beyond ``limit`` classes the table keeps the true class and the largest logit (the one
    that overflows first) and fills the other rows with the first classes, in class order.

    Examples
    --------
    >>> shown_classes(3, 0, 2)
    [0, 1, 2]
    >>> shown_classes(12, 10, 4, limit=4)
    [0, 1, 4, 10]
    """
    if count <= limit:
        return list(range(count))
    kept = sorted({label, largest})
    first = [index for index in range(count) if index not in kept][: limit - len(kept)]
    return sorted(first + kept)


def format_entry(value: float) -> str:
    """A table entry: ``DIGITS`` significant digits, ``inf``, ``−inf`` or ``NaN``.

    A small nonzero number never reads 0 (``2.227e-39``); only an exact 0 does.

    Examples
    --------
    >>> [format_entry(v) for v in (2.718281828, 2.227e-39, float("-inf"), float("nan"), -0.0)]
    ['2.718', '2.227e-39', '−inf', 'NaN', '0']
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "−inf"
    if value == 0:
        return "0"
    text = f"{value:.{DIGITS}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−", 1) if text.startswith("-") else text


class DtypeTable(QFrame):
    """One float type: its limits (in the title), a row per shown class, its verdict."""

    def __init__(self, dtype: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.dtype = dtype
        self.setObjectName(f"stabilityTable_{dtype}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Texts that change with the logits: fixed-size labels that lay out nothing.
        self.title, title_box = wrapped_label(f"stabilityTitle_{dtype}")
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 2, 0, 2)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(1)
        self.headers: list[QLabel] = []
        #: ``cells[row][column]``: column 0 names the class, then one per :data:`COLUMNS`.
        self.cells: list[list[QLabel]] = []
        self._alarms: dict[QLabel, bool] = {}
        #: Each column's cell width: cells have a fixed size, so that a new number does
        #: not lay the grid out again (about 150 labels measured anew on every drag).
        #: A column grows when a number needs more room and never shrinks, as a table
        #: on paper would not.
        self._widths: list[int] = []
        self._minimum_width = 0
        self._metrics = {False: QFontMetrics(QFont()), True: QFontMetrics(QFont())}
        self.verdict, verdict_box = wrapped_label(f"stabilityVerdict_{dtype}")
        self.elided, self.elided_box = wrapped_label(f"stabilityElided_{dtype}", rich=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(title_box)
        layout.addWidget(self.grid_widget)
        layout.addWidget(self.elided_box)
        layout.addWidget(verdict_box)
        layout.addStretch(1)
        for column in range(1, len(COLUMNS) + 1):
            self.grid.setColumnStretch(column, 0)

    def rebuild(self, rows: int, headers: list[str]) -> None:
        """Labels for ``rows`` classes (only when the number of rows changes)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone from this very render, not only after deletion
                item.widget().deleteLater()
        self._alarms = {}
        self.headers = []
        for column, text in enumerate(headers):
            header = QLabel(text)
            header.setObjectName(f"stabilityHeader_{self.dtype}_{column}")
            header.setAlignment(
                Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
            )
            self.grid.addWidget(header, 0, column)
            self.headers.append(header)
        self.cells = []
        for row in range(rows):
            cells = []
            for column in range(len(COLUMNS) + 1):
                cell = QLabel()
                cell.setObjectName(f"stabilityCell_{self.dtype}_{row}_{column}")
                cell.setAlignment(
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    if column == 0
                    else Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                cell.setAutoFillBackground(True)
                cell.setContentsMargins(3, 0, 3, 0)
                # Fixed-size cells: placed at the right of a wider (header's) column.
                self.grid.addWidget(
                    cell,
                    row + 1,
                    column,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    if column == 0
                    else Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                )
                self._alarms[cell] = False
                cells.append(cell)
            self.cells.append(cells)
        self._widths = []
        self.fit_cells()

    def fit_cells(self) -> None:
        """Give every cell its column's width (grown to fit the widest text) and one height.

        Call after changing texts or fonts: only a column that had to grow (and the first
        call) resizes cells, which then lays the grid out once.
        """
        if not self.cells:
            return
        columns = len(self.cells[0])
        height = max(metrics.height() for metrics in self._metrics.values())
        margins = 6 + 2  # the cells' contents margins, and a pixel's slack each side
        widths = self._widths or [0] * columns
        grown = [False] * columns if self._widths else [True] * columns
        for row in self.cells:
            for column, cell in enumerate(row):
                needed = self._metrics[self._alarms.get(cell, False)].horizontalAdvance(cell.text())
                needed = max(needed + margins, self._minimum_width if column else 0)
                if needed > widths[column]:
                    widths[column] = needed
                    grown[column] = True
        self._widths = widths
        for row in self.cells:
            for column, cell in enumerate(row):
                if grown[column] or cell.height() != height:
                    cell.setFixedSize(widths[column], height)

    def set_alarm(self, cell: QLabel, alarm: bool, palettes, fonts) -> None:
        """Mark ``cell`` as an ``inf`` / ``NaN`` (restyled only when that flips)."""
        if self._alarms.get(cell) == alarm:
            return
        self._alarms[cell] = alarm
        cell.setPalette(palettes[alarm])
        cell.setFont(fonts[alarm])

    def restyle(self, palettes, fonts, header_font: QFont, column_width: int) -> None:
        """Fonts and colours of every label (after a theme or font-scale change).

        Each label gets the palette itself: under a figure's style sheet a palette set on
        a parent does not reach its children.
        """
        for label in (self.title, self.verdict, self.elided):
            label.setFont(fonts[False])
            label.setPalette(palettes[False])
        self.title.setFont(header_font)
        for header in self.headers:
            header.setFont(header_font)
            header.setPalette(palettes[False])
        for cell, alarm in self._alarms.items():
            cell.setPalette(palettes[alarm])
            cell.setFont(fonts[alarm])
        # Numeric columns at least as wide as a usual number: ordinary drags keep the shape.
        for column in range(1, len(COLUMNS) + 1):
            self.grid.setColumnMinimumWidth(column, column_width)
        self._metrics = {alarm: QFontMetrics(font) for alarm, font in fonts.items()}
        self._minimum_width = column_width
        self._widths = []  # measured again in the new fonts
        self.fit_cells()


class StabilityPanel(LessonView):
    """Naive against stable softmax, ``log(softmax)`` against ``log_softmax``, per dtype."""

    key = "stability"
    watched_fields = frozenset({"logits", "temperature", "label", "class_names", "stability_dtype"})

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Numerical stability"))
        self.dtype_combo = QComboBox()
        self.dtype_combo.setObjectName("stabilityDtypeCombo")
        self.dtype_combo.setAccessibleName(self.tr("Float type"))
        self.dtype_combo.setToolTip(
            self.tr("The floating-point type to compute in, or all three side by side")
        )
        for key, text in (
            ("all", self.tr("All three side by side")),
            ("float16", self.tr("float16 (half precision)")),
            ("float32", self.tr("float32 (single precision)")),
            ("float64", self.tr("float64 (double precision)")),
        ):
            self.dtype_combo.addItem(text, key)
        self.dtype_combo.currentIndexChanged.connect(self._on_dtype_combo_index_changed)
        self.controls = QWidget()
        self.controls.setObjectName("stabilityControls")
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        self.dtype_label = QLabel(self.tr("Float type"))
        self.dtype_label.setBuddy(self.dtype_combo)
        controls.addWidget(self.dtype_label)
        controls.addWidget(self.dtype_combo)
        controls.addStretch(1)
        self.chrome.append(self.controls)

        self.tables = {dtype: DtypeTable(dtype) for dtype in STABILITY_DTYPES}
        self.tables_widget = QWidget()
        self.tables_widget.setObjectName("stabilityTables")
        self.tables_layout = QGridLayout(self.tables_widget)
        self.tables_layout.setContentsMargins(0, 0, 0, 0)
        self.tables_layout.setHorizontalSpacing(24)
        self.tables_layout.setVerticalSpacing(10)
        self.clipping, clipping_box = wrapped_label("stabilityClipping")
        inner = QWidget()
        inner.setObjectName("stabilityContent")
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.tables_widget)
        inner_layout.addWidget(clipping_box)
        inner_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("stabilityScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.scroll.setMinimumHeight(MINIMUM_TABLES_HEIGHT)
        self.scroll.viewport().installEventFilter(self)
        self.content_layout.addWidget(self.controls)
        self.content_layout.addWidget(self.scroll, 1)
        #: The classes the rows show, in order (``shown_classes``).
        self.row_classes: list[int] = []
        self._arrangement: tuple = ()
        self._headers_shown: list[str] = []
        self._palettes: dict[bool, QPalette] = {}
        self._fonts: dict[bool, QFont] = {}
        self.apply_theme()
        self.attach()

    # Styling ------------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        theme = self.theme
        normal = QPalette(self.palette())
        normal.setColor(QPalette.ColorRole.Window, QColor(theme.background))
        normal.setColor(QPalette.ColorRole.WindowText, QColor(theme.foreground))
        alarm = QPalette(normal)
        tint = QColor(ALARM)
        tint.setAlpha(60 if theme.name == "dark" else 40)
        background = QColor(theme.background)
        alpha = tint.alphaF()
        alarm.setColor(
            QPalette.ColorRole.Window,
            QColor.fromRgbF(
                background.redF() * (1 - alpha) + tint.redF() * alpha,
                background.greenF() * (1 - alpha) + tint.greenF() * alpha,
                background.blueF() * (1 - alpha) + tint.blueF() * alpha,
            ),
        )
        alarm_text = "#ff8c4a" if theme.name == "dark" else ALARM
        if theme.name == "contrast":
            alarm_text = "#a33a00"
        alarm.setColor(QPalette.ColorRole.WindowText, QColor(alarm_text))
        self._alarm_text = alarm_text
        self._palettes = {False: normal, True: alarm}
        base = self.caption.font()
        bold = QFont(base)
        bold.setBold(True)
        self._fonts = {False: base, True: bold}
        self.scroll.setPalette(normal)
        self.scroll.viewport().setPalette(normal)
        self.scroll.widget().setPalette(normal)
        self.dtype_label.setFont(base)
        self.dtype_combo.setFont(base)
        self.clipping.setFont(base)
        # Each label its own palette: a parent's does not reach them under a style sheet.
        for label in (self.caption, self.dtype_label, self.clipping):
            label.setPalette(normal)
        width = QFontMetrics(base).horizontalAdvance("−0.0000") + 6
        for table in self.tables.values():
            table.setPalette(normal)
            table.restyle(self._palettes, self._fonts, bold, width)

    # Drawing ------------------------------------------------------------------------------
    def _headers(self, state: ExplorerState) -> list[str]:
        scaled = self.tr("z/T") if state.temperature != 1 else self.tr("z")
        exponent = self.tr("exp(z/T)") if state.temperature != 1 else self.tr("exp(z)")
        return [
            self.tr("class"),
            scaled,
            exponent,
            self.tr("naive p"),
            self.tr("stable p"),
            self.tr("log(p)"),
            self.tr("log_softmax"),
        ]

    def _rebuild(self, state: ExplorerState) -> None:
        rows = min(state.num_classes, ROW_LIMIT)
        if rows == len(self.tables["float64"].cells):
            return
        headers = self._headers(state)
        for table in self.tables.values():
            table.rebuild(rows, headers)
        self._headers_shown = headers
        self.apply_theme()

    def shown_dtypes(self, state: ExplorerState) -> tuple[str, ...]:
        """The float types shown for ``state`` (its ``stability_dtype``)."""
        return STABILITY_DTYPES if state.stability_dtype == "all" else (state.stability_dtype,)

    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Fill the shown tables with the numbers of ``state``."""
        numbers: StabilityNumbers = self.session.numbers(stability_numbers)
        if classes_changed(change):
            self._rebuild(state)
        headers = self._headers(state)
        if headers != self._headers_shown:  # T became 1 or left it
            for table in self.tables.values():
                for header, text in zip(table.headers, headers, strict=True):
                    header.setText(text)
            self._headers_shown = headers
        with QSignalBlocker(self.dtype_combo):
            self.dtype_combo.setCurrentIndex(self.dtype_combo.findData(state.stability_dtype))
        shown = self.shown_dtypes(state)
        self.row_classes = shown_classes(state.num_classes, state.label, numbers.largest)
        names = [self._row_name(state, index) for index in self.row_classes]
        for dtype in shown:
            self._fill(self.tables[dtype], numbers.reports[dtype], names, state)
        if change is None or change.num_classes or "stability_dtype" in change.fields:
            self._arrange(shown)  # (and on resizes: the room changed)
        self._fill_clipping(state, numbers)

    def _row_name(self, state: ExplorerState, index: int) -> str:
        name = self.class_name(state, index)
        if index == state.label:
            return self.tr("{name} (true)").format(name=name)
        return name

    def _fill(
        self, table: DtypeTable, report: StabilityReport, names: list[str], state: ExplorerState
    ) -> None:
        overflow, underflow, subnormal = (
            report.overflow_limit,
            report.underflow_limit,
            report.subnormal_limit,
        )
        table.title.setText(
            self.tr(
                "<b>{dtype}</b>: exp(x) is inf above x = {overflow}, subnormal below "
                "{underflow}, 0 below {subnormal}"
            ).format(
                dtype=report.dtype,
                overflow=format_number(overflow, 2),
                underflow=format_number(underflow, 2).replace("-", "−"),
                subnormal=format_number(subnormal, 2).replace("-", "−"),
            )
        )
        palettes, fonts = self._palettes, self._fonts
        columns = [getattr(report, name) for name in COLUMNS]
        for row, (index, name) in enumerate(zip(self.row_classes, names, strict=True)):
            cells = table.cells[row]
            cells[0].setText(name)
            table.set_alarm(cells[0], False, palettes, fonts)
            for column, values in enumerate(columns, start=1):
                value = float(values[index])
                text = format_entry(value)
                cell = cells[column]
                if cell.text() != text:
                    cell.setText(text)
                alarm = not math.isfinite(value) or (column == 1 and bool(report.overflowed[index]))
                table.set_alarm(cell, alarm, palettes, fonts)
        hidden = state.num_classes - len(self.row_classes)
        table.elided_box.setVisible(hidden > 0)
        table.elided.setVisible(hidden > 0)
        if hidden > 0:
            table.elided.setText(
                self.tr(
                    "{hidden} more classes not shown (the true class and the largest logit are)"
                ).format(hidden=hidden)
            )
        table.fit_cells()
        table.verdict.setText(self._verdict(report))

    def _verdict(self, report: StabilityReport) -> str:
        total = format_entry(report.naive_sum)
        alarm = f"color:{self._alarm_text}; font-weight:600"
        if np.any(report.overflowed) or np.any(np.isnan(report.naive_softmax)):
            return self.tr(
                "<span style='{alarm}'>Naive: Σ exp = {total}, so p = inf / inf = NaN.</span> "
                "Stable: every exp(z − max) ≤ 1."
            ).format(alarm=alarm, total=total)
        if not math.isfinite(report.naive_sum):
            return self.tr(
                "<span style='{alarm}'>Naive: the sum Σ exp overflowed to {total}, so every "
                "p = exp / inf = 0.</span> Stable: every exp(z − max) ≤ 1."
            ).format(alarm=alarm, total=total)
        if np.any(report.underflowed):
            return self.tr(
                "Naive and stable agree (Σ exp = {total}); "
                "<span style='{alarm}'>log(p) is −inf where p underflowed to 0</span>, "
                "log_softmax is not."
            ).format(alarm=alarm, total=total)
        return self.tr("Naive and stable agree here (Σ exp = {total}).").format(total=total)

    def _fill_clipping(self, state: ExplorerState, numbers: StabilityNumbers) -> None:
        clipped, exact = numbers.clipped, numbers.exact
        values = {
            "label": self.class_name(state, state.label),
            "clipped": format_entry(clipped),
            "exact": format_entry(exact),
        }
        if math.isclose(clipped, exact, rel_tol=1e-6, abs_tol=0.0):
            text = self.tr(
                "<b>Clipping</b> p to [1e-10, 1 − 1e-10] before the log changes nothing here: "
                "the loss of the true class ({label}) is {exact} either way. It matters only "
                "once p<sub>y</sub> &lt; 1e-10 (the loss is then capped at 23.03) or "
                "p<sub>y</sub> &gt; 1 − 1e-10."
            )
        else:
            text = self.tr(
                "<b>Clipping</b> p to [1e-10, 1 − 1e-10] before the log: the loss of the true "
                "class ({label}) reads <b>{clipped}</b> instead of the exact <b>{exact}</b> "
                "(log_softmax)."
            )
        self.clipping.setText(text.format(**values))

    def _arrange(self, shown: tuple[str, ...]) -> None:
        """Tables side by side when the panel is wide enough, else one under the other.

        Asking the tables for their size lays them out (a millisecond): done when the
        room, the types shown or the number of classes change, not on every drag event.
        """
        available = self.scroll.viewport().width()
        needed = sum(self.tables[dtype].sizeHint().width() for dtype in shown)
        needed += self.tables_layout.horizontalSpacing() * (len(shown) - 1)
        side_by_side = len(shown) > 1 and needed <= available
        arrangement = (shown, side_by_side)
        if arrangement == self._arrangement:
            return
        self._arrangement = arrangement
        for table in self.tables.values():
            self.tables_layout.removeWidget(table)
            table.setVisible(table.dtype in shown)
        for position, dtype in enumerate(shown):
            row, column = (0, position) if side_by_side else (position, 0)
            self.tables_layout.addWidget(self.tables[dtype], row, column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: D102, N802
        # The scroll area's viewport, resized: the room for the tables changed.
        if event.type() == QEvent.Type.Resize and self._arrangement:
            self._arrange(self._arrangement[0])
        return super().eventFilter(watched, event)

    # Caption ------------------------------------------------------------------------------
    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at: which types overflow at today's largest logit, and the clip."""
        numbers: StabilityNumbers = self.session.numbers(stability_numbers)
        shown = self.shown_dtypes(state)
        reports = [numbers.reports[dtype] for dtype in shown]
        largest = format_number(float(numbers.reports["float64"].scaled[numbers.largest]), 4)
        failing = [report.dtype for report in reports if report.naive_fails]
        if failing:
            first = self.tr(
                "z/T reaches {largest}, past the overflow limit of {failing}: exp gives inf "
                "and the naive softmax inf / inf = NaN, while subtracting the max first keeps "
                "every exponent at most 0."
            ).format(largest=largest, failing=", ".join(failing))
        else:
            first = self.tr(
                "z/T reaches {largest}, below every overflow limit shown (11.09 in float16, "
                "88.72 in float32, 709.78 in float64): naive and stable softmax agree. Drag a "
                "logit past a limit to see NaN."
            ).format(largest=largest)
        underflowing = [report.dtype for report in reports if np.any(report.underflowed)]
        if underflowing:
            second = self.tr(
                "Where p underflows to 0 ({dtypes}), log(softmax) is −inf but log_softmax = "
                "z − logsumexp(z) stays finite."
            ).format(dtypes=", ".join(underflowing))
        else:
            second = self.tr(
                "log_softmax = z − logsumexp(z) never takes the log of a rounded p, so it "
                "stays finite where log(softmax) gives −inf."
            )
        return self.tr("{first} {second}").format(first=first, second=second)

    # Handlers -----------------------------------------------------------------------------
    def _on_dtype_combo_index_changed(self, index: int) -> None:
        dtype = self.dtype_combo.itemData(index)
        if dtype is not None:
            self.submit(lambda: replace(self.session.state, stability_dtype=dtype))


__all__ = ["StabilityPanel", "format_entry", "shown_classes", "stability_numbers"]
