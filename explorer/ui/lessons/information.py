"""Information: self-information, entropies, cross-entropy and KL, with the identity in numbers.

A bar per class shows its self-information ``-log p_i`` (the surprise if it happens); the
filled part of each, ``t_i * (-log p_i)``, adds up to the cross-entropy ``H(t, p)``. Below,
the entropy of the prediction and of the target, the cross-entropy and the KL divergence,
and ``H(t, p) = H(t) + KL(t || p)`` written out with today's numbers: the part of the loss
no prediction can remove (the target's own entropy) and the part a better ``p`` removes.
Nats by default, bits on request. Every number comes from ``information_from_logits``,
which takes ``log p`` from ``log_softmax`` (finite where ``p`` underflows to 0).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from ...core.lessons import InformationReport, information_from_logits
from ...session import Change, Derived, ExplorerSession
from ...state import ExplorerState
from ..bar_plots import LABELLED_LIMIT
from ..chart_item import BarLayer, ChartItem, LabelLayer
from ..lesson_view import FittedLabel, LessonView
from ..theme import style_plot
from ..view import BAR_WIDTH, axis_items, classes_changed
from ..widgets import format_number
from .layout import scrolled_body

#: Decimals of the identity line: the fewest from here at which the rounded numbers add up.
IDENTITY_DIGITS = (3, 8)
#: The measures listed under the bars, in order (``InformationReport`` attributes).
MEASURES = ("entropy_p", "entropy_target", "cross_entropy", "kl")


def information_numbers(state: ExplorerState) -> InformationReport:
    """The panel's numbers (``session.numbers`` computes them once per state)."""
    return information_from_logits(
        np.asarray(state.logits, dtype=float),
        state.target,
        temperature=state.temperature,
        label_smoothing=state.label_smoothing,
        bits=state.information_bits,
    )


def identity_terms(cross_entropy: float, entropy_target: float, kl: float) -> tuple[str, str, str]:
    """``H(t, p)``, ``H(t)`` and ``KL`` rounded alike so that the first is the sum shown.

    Each is correctly rounded to the same number of decimals: the fewest (from 3 up to 8)
    at which the rounded numbers add up exactly, so the written identity holds as read.

    Parameters
    ----------
    cross_entropy, entropy_target, kl : float
        ``H(t, p)``, ``H(t)`` and ``KL(t || p)``.

    Returns
    -------
    tuple of str
        The three numbers as text.

    Examples
    --------
    >>> identity_terms(0.80703, 0.80182, 0.00521)
    ('0.807', '0.802', '0.005')
    >>> identity_terms(0.8066, 0.8024, 0.0042)
    ('0.8066', '0.8024', '0.0042')
    """
    low, high = IDENTITY_DIGITS
    for digits in range(low, high + 1):
        texts = tuple(f"{value:.{digits}f}" for value in (cross_entropy, entropy_target, kl))
        if Decimal(texts[0]) == Decimal(texts[1]) + Decimal(texts[2]):
            break
    return texts


def measure_text(value: float) -> str:
    """A measure to four decimals (aligned in the list), or scientific when tiny or huge.

    A small nonzero KL never reads 0: below 0.001 it is written as ``5.2e-06``.
    """
    if value == 0 or not 1e-3 <= abs(value) < 1e5:
        return format_number(value, 4)
    return f"{value:.4f}"


def identity_table(symbols: tuple[str, str, str], numbers: tuple[str, str, str], unit: str) -> str:
    """``H(t, p) = H(t) + KL`` as rich text: the symbols, and under each its number.

    Parameters
    ----------
    symbols : tuple of str
        The three symbols (translated).
    numbers : tuple of str
        Their numbers (:func:`identity_terms`).
    unit : str
        The unit written after the numbers.

    Returns
    -------
    str
        A two-row HTML table.
    """

    def row(cells: tuple[str, str, str], tail: str, bold: bool) -> str:
        first, second, third = (f"<b>{cell}</b>" if bold else cell for cell in cells)
        return (
            f"<tr><td align='center'>{first}</td><td>&nbsp;=&nbsp;</td>"
            f"<td align='center'>{second}</td><td>&nbsp;+&nbsp;</td>"
            f"<td align='center'>{third}</td><td>&nbsp;{tail}</td></tr>"
        )

    return (
        "<table cellspacing='0' cellpadding='1'>"
        f"{row(symbols, '', False)}{row(numbers, unit, True)}</table>"
    )


class InformationPanel(LessonView):
    """Self-information bars, entropies, cross-entropy and KL of today's prediction."""

    key = "information"
    watched_fields = frozenset(
        {
            "logits",
            "label",
            "soft_target",
            "temperature",
            "label_smoothing",
            "information_bits",
            "class_names",
        }
    )

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Information"))
        self.bits_check = QCheckBox(self.tr("Bits (log base 2)"))
        self.bits_check.setObjectName("informationBitsCheck")
        self.bits_check.setAccessibleName(self.tr("Information in bits"))
        self.bits_check.setToolTip(
            self.tr("Measure information in bits (log base 2) instead of nats (natural log)")
        )
        self.bits_check.toggled.connect(self._on_bits_check_toggled)
        controls = QWidget()
        controls_row = QHBoxLayout(controls)
        controls_row.setContentsMargins(0, 0, 0, 0)
        controls_row.addWidget(self.bits_check)
        controls_row.addStretch(1)
        self.chrome = [controls]

        self.plot_widget = pg.PlotWidget(axisItems=axis_items())
        self.plot_widget.setObjectName("informationPlot")
        self.plot_widget.setAccessibleName(self.tr("Self-information of each class"))
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(120)
        self.chart = ChartItem()
        self.plot.addItem(self.chart)
        self.surprise_bars = self.chart.add(BarLayer(BAR_WIDTH))
        self.weighted_bars = self.chart.add(BarLayer(BAR_WIDTH))
        self.value_labels = self.chart.add(LabelLayer())
        self.legend = self.plot.addLegend(offset=(-4, 2), colCount=2)
        self._legend_samples = {
            "surprise": pg.BarGraphItem(x=[], height=[], width=1),
            "weighted": pg.BarGraphItem(x=[], height=[], width=1),
        }

        # The four measures, two a row; what each is follows it when the panel is wide.
        self.measures = QWidget()
        self.measures.setObjectName("informationMeasures")
        grid = QGridLayout(self.measures)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        descriptions = self.measure_descriptions()
        self.symbols: dict[str, QLabel] = {}
        self.descriptions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for index, key in enumerate(MEASURES):
            symbol, description = descriptions[key]
            symbol_label = QLabel(symbol)
            symbol_label.setToolTip(description)
            description_label = QLabel(description)
            description_label.setIndent(6)
            value = FittedLabel()  # changes with every drag: measured, not laid out
            value.setObjectName(f"informationValue_{key}")
            value.setAccessibleName(description)
            value.setToolTip(description)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextFormat(Qt.TextFormat.PlainText)
            row, column = divmod(index, 2)
            grid.addWidget(symbol_label, row, 3 * column)
            grid.addWidget(
                value,
                row,
                3 * column + 1,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
            grid.addWidget(description_label, row, 3 * column + 2)
            self.symbols[key] = symbol_label
            self.descriptions[key] = description_label
            self.values[key] = value
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        grid.setColumnMinimumWidth(2, 12)
        self.identity = FittedLabel()
        self.identity.setObjectName("informationIdentity")
        self.identity.setAccessibleName(self.tr("The identity H(t, p) = H(t) + KL(t ‖ p)"))
        self.identity.setTextFormat(Qt.TextFormat.RichText)
        # Its changing numbers lay out the body alone, not the main window (BodyScroll).
        body = scrolled_body(self, keep_minimum=True)
        body.addWidget(controls)
        body.addWidget(self.plot_widget, 1)
        body.addWidget(self.measures)
        body.addWidget(self.identity)
        self._shown: dict[str, str] = {}
        self._unit: str | None = None
        self._top: float | None = None
        self._maximum = 1.0
        self.plot.getViewBox().sigResized.connect(self._fit_headroom)
        self.apply_theme()
        self.attach()

    # Names --------------------------------------------------------------------------------
    def measure_descriptions(self) -> dict[str, tuple[str, str]]:
        """Each measure's symbol and what it is (translated)."""
        return {
            "entropy_p": (self.tr("H(p)"), self.tr("entropy of the prediction")),
            "entropy_target": (self.tr("H(t)"), self.tr("entropy of the target")),
            "cross_entropy": (self.tr("H(t, p)"), self.tr("cross-entropy, the loss")),
            "kl": (self.tr("KL(t ‖ p)"), self.tr("Kullback–Leibler divergence")),
        }

    def unit_name(self, report: InformationReport) -> str:
        """The report's unit, translated."""
        return self.tr("bits") if report.units == "bits" else self.tr("nats")

    # Drawing -----------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        theme = self.theme
        # Under a figure's style sheet the panel's palette stops at its labels: theirs too.
        palette = self.caption.palette()
        for widget in (*self.findChildren(QLabel), self.bits_check):
            widget.setPalette(palette)
        font = QFont(self.caption.font())
        for widget in (
            *self.symbols.values(),
            *self.descriptions.values(),
            *self.values.values(),
            self.bits_check,
        ):
            widget.setFont(font)
        big = QFont(font)
        big.setPointSize(round(font.pointSize() * 1.2))
        self.identity.setFont(big)
        self.plot_widget.setBackground(theme.background)
        style_plot(self.plot, theme, self.font_scale)
        self._surprise_brush = theme.brush(theme.bar, 70)
        self._surprise_pen = theme.pen(theme.bar, 1.5)
        self._weighted_brush = theme.brush(theme.target)
        self._label_font = QFont()
        self._label_font.setPointSize(max(7, round(theme.font_size * self.font_scale * 0.85)))
        self.value_labels.set_font(self._label_font)
        samples = self._legend_samples
        samples["surprise"].setOpts(brush=self._surprise_brush, pen=self._surprise_pen)
        samples["weighted"].setOpts(brush=self._weighted_brush, pen=None)
        self.legend.clear()
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{round(theme.font_size * self.font_scale * 0.85)}pt")
        self.legend.setBrush(theme.brush(theme.background, 210))
        self.legend.addItem(samples["surprise"], self.tr("−log p<sub>i</sub>"))
        self.legend.addItem(
            samples["weighted"], self.tr("t<sub>i</sub> · (−log p<sub>i</sub>), adds up to H(t, p)")
        )
        self._shown = {}
        self._unit = None

    def _set_text(self, key: str, label: QLabel, text: str) -> None:
        """Set ``label``'s text if it changed (a drag changes some numbers, not all)."""
        if self._shown.get(key) != text:
            self._shown[key] = text
            label.setText(text)

    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Show the bars, the measures and the identity of today's prediction."""
        report: InformationReport = self.session.numbers(information_numbers)
        with QSignalBlocker(self.bits_check):
            self.bits_check.setChecked(state.information_bits)
        surprise = report.self_information
        count = surprise.size
        positions = np.arange(count)
        theme = self.theme
        self.surprise_bars.set_bars(
            positions, surprise, brush=self._surprise_brush, pen=self._surprise_pen
        )
        self.weighted_bars.set_bars(positions, report.target * surprise, brush=self._weighted_brush)
        labelled = count <= LABELLED_LIMIT
        self.value_labels.set_labels(
            (
                index,
                value,
                (format_number(value, 3), format_number(value, 2)) if labelled else "",
                (0.5, 1.0),
                -3,
                theme.foreground,
            )
            for index, value in enumerate(surprise.tolist())
        )
        if classes_changed(change):
            self.plot.getAxis("bottom").setTicks([self.class_ticks(state)])
            self.plot.setXRange(-0.6, count - 0.4, padding=0)
        finite = surprise[np.isfinite(surprise)]
        self._maximum = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
        self._fit_headroom()
        unit = self.unit_name(report)
        if unit != self._unit:
            self._unit = unit
            self.plot.setLabel("left", self.tr("−log p<sub>i</sub> ({unit})").format(unit=unit))
            style_plot(self.plot, theme, self.font_scale)
            unit_changed = True
        else:
            unit_changed = False
        for key in MEASURES:
            value = getattr(report, key)
            self._set_text(
                key,
                self.values[key],
                self.tr("{value} {unit}").format(value=measure_text(value), unit=unit),
            )
        if unit_changed:
            self._show_descriptions()
        cross, entropy, kl = identity_terms(report.cross_entropy, report.entropy_target, report.kl)
        self._set_text(
            "identity",
            self.identity,
            identity_table(
                (self.tr("H(t, p)"), self.tr("H(t)"), self.tr("KL(t ‖ p)")),
                (cross, entropy, kl),
                unit,
            ),
        )

    def _fit_headroom(self) -> None:
        """Top of the y range: the tallest bar's label and the legend both fit above it.

        With ``h`` pixels of plot and ``f`` pixels wanted free above the tallest bar ``m``,
        the top ``y`` solves ``(y - m) / y = f / h``.
        """
        height = self.plot.getViewBox().height()
        free = self.legend.boundingRect().height() + QFontMetrics(self._label_font).height() + 8
        share = min(free / height, 0.6) if height > 0 else 0.3
        top = self._maximum / (1 - share)
        if top != self._top:
            self._top = top
            self.plot.setYRange(0, top, padding=0)

    def resizeEvent(self, event) -> None:  # noqa: D102, N802 (Qt override)
        super().resizeEvent(event)
        self._show_descriptions()

    def _show_descriptions(self) -> None:
        """What each measure is, written after it when two rows of them fit the width."""
        metrics = QFontMetrics(self.values["entropy_p"].font())
        wanted = 0.0
        for column in (MEASURES[0::2], MEASURES[1::2]):
            wanted = max(
                wanted,
                sum(
                    max(metrics.horizontalAdvance(label.text()) for label in labels)
                    for labels in (
                        [self.symbols[key] for key in column],
                        [self.values[key] for key in column],
                        [self.descriptions[key] for key in column],
                    )
                ),
            )
        fits = self.content.width() >= 2 * wanted + 5 * 8 + 24
        for label in self.descriptions.values():
            if label.isVisibleTo(self) != fits:
                label.setVisible(fits)

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at: the split of today's cross-entropy into H(t) and KL."""
        report: InformationReport = self.session.numbers(information_numbers)
        unit = self.unit_name(report)
        first = self.tr(
            "Each bar is the surprise −log p<sub>i</sub> of class i; the filled parts, "
            "t<sub>i</sub>·(−log p<sub>i</sub>), add up to the cross-entropy "
            "H(t, p) = {cross} {unit}."
        )
        if report.entropy_target == 0:
            second = self.tr(
                "The target is a hard label, so its entropy H(t) is 0 and the whole loss is "
                "KL(t ‖ p) = {kl} {unit}: a perfect prediction would bring it to 0."
            )
        else:
            second = self.tr(
                "It splits into the target's own entropy H(t) = {entropy} {unit}, which no "
                "prediction can remove, and KL(t ‖ p) = {kl} {unit}, the part a better p "
                "removes."
            )
        values = {
            "cross": format_number(report.cross_entropy, 4),
            "entropy": format_number(report.entropy_target, 4),
            "kl": format_number(report.kl, 4),
            "unit": unit,
        }
        return " ".join((first.format(**values), second.format(**values)))

    # Handlers ------------------------------------------------------------------------------
    def _on_bits_check_toggled(self, checked: bool) -> None:
        self.submit(lambda: replace(self.session.state, information_bits=checked))


__all__ = [
    "InformationPanel",
    "identity_table",
    "identity_terms",
    "information_numbers",
    "measure_text",
]
