"""Losses compared: cross-entropy, squared error, focal and label-smoothed cross-entropy.

At today's logits the panel lists each loss's value and gradient length side by side (the
length also as a bar), and draws each loss as the true class's logit sweeps, with today's
point on every curve. Confidently wrong, squared error on the probabilities has almost no
gradient (its curve is flat where the point sits) while cross-entropy's is close to its
largest: the classic argument for cross-entropy, in numbers. A click on a loss (its row's
button, or its curve) puts it on the surface.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ...core.lessons import LESSON_LOSS_KEYS, LossRow, loss_curves, losses_compared
from ...core.nice import nice_range
from ...session import Change, Derived, ExplorerSession
from ...state import FOCAL_GAMMA_RANGE, ExplorerState
from ..lesson_view import FittedLabel, LessonView
from ..theme import OKABE_ITO, Theme, set_axis_label, style_plot
from ..view import axis_items
from ..widgets import NumberEdit, format_number
from .layout import scrolled_body

#: The label-smoothed row's ``eps`` while the state has no label smoothing of its own.
SMOOTHED_EPSILON = 0.1
#: Logit units (times ``T``) the sweep reaches either side of the strongest other logit.
SWEEP_HALF_WIDTH = 12.0
#: Logit units (times ``T``) the sweep keeps either side of today's true logit.
SWEEP_MARGIN = 3.0
#: Points of each curve: a sweep of 24 T is one point per 0.2 T, four pixels apart in a
#: 500-pixel plot, where these smooth curves show no corners. Each point is a join Qt
#: strokes for the wide antialiased pens on every redraw (241 points cost twice as much).
SWEEP_POINTS = 121
#: Decimals of the table's numbers (format_number): narrow enough for a side dock.
TABLE_DIGITS = 3
#: Squared error's gradient this many times shorter than cross-entropy's "vanishes" (when
#: the prediction is confidently wrong) and is written as a fraction of it beside its bar.
VANISHING_RATIO = 10.0
#: The probability of a wrong predicted class from which a prediction is "confident".
CONFIDENT = 0.5


def confidently_wrong(numbers: LossesNumbers, derived: Derived) -> bool:
    """Whether another class than the true one has at least :data:`CONFIDENT` of ``p``."""
    analysis = derived.analysis
    predicted = analysis.predicted
    return bool(predicted != numbers.class_index and analysis.probabilities[predicted] >= CONFIDENT)


def squared_error_vanishes(numbers: LossesNumbers, derived: Derived) -> bool:
    """Confidently wrong, with squared error's gradient :data:`VANISHING_RATIO` times shorter."""
    return numbers.gradient_ratio >= VANISHING_RATIO and confidently_wrong(numbers, derived)


#: The state's ``loss`` a click on each row sets (the label-smoothed row also sets eps).
SURFACE_LOSS = {
    "cross_entropy": "cross_entropy",
    "squared_error": "squared_error",
    "focal": "focal",
    "label_smoothed_cross_entropy": "cross_entropy",
}


@dataclass(frozen=True, eq=False)
class LossesNumbers:
    """What the panel shows for one state.

    Attributes
    ----------
    rows : tuple of LossRow
        :func:`~explorer.core.lessons.losses_compared` at today's logits.
    class_index : int
        The logit the curves sweep: the true class (the largest soft-target entry).
    current : float
        That logit today.
    sweep : numpy.ndarray
        The values it takes along the curves.
    curves : dict of str to numpy.ndarray
        :func:`~explorer.core.lessons.loss_curves` over ``sweep``.
    """

    rows: tuple[LossRow, ...]
    class_index: int
    current: float
    sweep: np.ndarray
    curves: dict[str, np.ndarray]

    def row(self, key: str) -> LossRow:
        """The row of loss ``key`` (one of :data:`LESSON_LOSS_KEYS`)."""
        return self.rows[LESSON_LOSS_KEYS.index(key)]

    @property
    def gradient_ratio(self) -> float:
        """``||grad CE|| / ||grad squared error||`` (inf when squared error's is 0)."""
        squared = self.row("squared_error").gradient_norm
        cross = self.row("cross_entropy").gradient_norm
        return math.inf if squared == 0 else cross / squared


def swept_class(state: ExplorerState) -> int:
    """The class whose logit the curves sweep: the label, or the soft target's largest."""
    if state.soft_target is None:
        return state.label
    return int(np.argmax(state.soft_target))


def sweep_values(state: ExplorerState, class_index: int) -> np.ndarray:
    """Values of logit ``class_index`` along the curves.

    Centred on the strongest other logit (where the true class starts to win), so dragging
    the true logit moves the point along curves that stay put; widened to keep today's
    value :data:`SWEEP_MARGIN` inside.

    Parameters
    ----------
    state : ExplorerState
        Today's state.
    class_index : int
        The swept class.

    Returns
    -------
    numpy.ndarray
        :data:`SWEEP_POINTS` increasing values.
    """
    logits = np.asarray(state.logits, dtype=float)
    others = np.delete(logits, class_index)
    centre = float(others.max())
    scale = state.temperature
    current = float(logits[class_index])
    low = min(centre - SWEEP_HALF_WIDTH * scale, current - SWEEP_MARGIN * scale)
    high = max(centre + SWEEP_HALF_WIDTH * scale, current + SWEEP_MARGIN * scale)
    return np.linspace(low, high, SWEEP_POINTS)


def losses_numbers(state: ExplorerState) -> LossesNumbers:
    """The panel's numbers (``session.numbers`` computes them once per state)."""
    logits = np.asarray(state.logits, dtype=float)
    options = {
        "temperature": state.temperature,
        "label_smoothing": state.label_smoothing,
        "focal_gamma": state.focal_gamma,
        "smoothed_epsilon": SMOOTHED_EPSILON,
    }
    class_index = swept_class(state)
    sweep = sweep_values(state, class_index)
    # The curves do not depend on the swept logit's own value: a drag of the true class's
    # logit (within the sweep) reuses them, and only the table's numbers are computed.
    others = list(state.logits)
    others[class_index] = 0.0
    curves = _curves(
        tuple(others),
        state.label if state.soft_target is None else state.soft_target,
        class_index,
        (float(sweep[0]), float(sweep[-1])),
        (state.temperature, state.label_smoothing, state.focal_gamma),
    )
    return LossesNumbers(
        rows=losses_compared(logits, state.target, **options),
        class_index=class_index,
        current=float(logits[class_index]),
        sweep=sweep,
        curves=curves,
    )


@functools.lru_cache(maxsize=4)
def _curves(
    logits: tuple[float, ...],
    target: int | tuple[float, ...],
    class_index: int,
    bounds: tuple[float, float],
    parameters: tuple[float, float, float],
) -> dict[str, np.ndarray]:
    """:func:`~explorer.core.lessons.loss_curves`, kept for the last few inputs (read-only)."""
    temperature, label_smoothing, focal_gamma = parameters
    curves = loss_curves(
        np.asarray(logits, dtype=float),
        target if isinstance(target, int) else np.asarray(target, dtype=float),
        class_index,
        np.linspace(*bounds, SWEEP_POINTS),
        temperature=temperature,
        label_smoothing=label_smoothing,
        focal_gamma=focal_gamma,
        smoothed_epsilon=SMOOTHED_EPSILON,
    )
    for values in curves.values():
        values.setflags(write=False)
    return curves


def ratio_text(ratio: float) -> str:
    """A ratio to three significant digits, in plain digits up to a million: ``1690``."""
    if not math.isfinite(ratio):
        return "∞"
    if ratio < 10:
        return f"{ratio:.2f}"
    if ratio >= 1e6:
        return f"{ratio:.2e}"
    digits = 3 - int(math.floor(math.log10(ratio))) - 1
    return f"{round(ratio, digits):.0f}"


def loss_colours(theme: Theme) -> dict[str, str]:
    """One colour per loss (Okabe-Ito), readable on the theme's background."""
    if theme.name == "dark":
        cross = OKABE_ITO["sky"]
        squared = OKABE_ITO["orange"]
    elif theme.name == "contrast":
        cross = "#000000"
        squared = OKABE_ITO["vermillion"]
    else:
        cross = OKABE_ITO["blue"]
        squared = OKABE_ITO["vermillion"]
    return {
        "cross_entropy": cross,
        "squared_error": squared,
        "focal": OKABE_ITO["green"],
        "label_smoothed_cross_entropy": OKABE_ITO["purple"],
    }


#: Line styles, so the curves differ without colour too.
LOSS_DASHES = {
    "cross_entropy": Qt.PenStyle.SolidLine,
    "squared_error": Qt.PenStyle.SolidLine,
    "focal": Qt.PenStyle.DashLine,
    "label_smoothed_cross_entropy": Qt.PenStyle.DashDotLine,
}
#: Line widths in pixels (squared error, the loss the lesson is about, drawn heavier).
LOSS_WIDTHS = {
    "cross_entropy": 2.5,
    "squared_error": 3.5,
    "focal": 2.5,
    "label_smoothed_cross_entropy": 2.5,
}


#: Today's point on each curve: cross-entropy's drawn first and largest, so a loss whose
#: point coincides with it (focal, at a confidently wrong prediction) still shows both.
MARKER_SYMBOLS = ["o", "o", "s", "t"]
MARKER_SIZES = [15, 11, 9, 10]


class LengthBar(QWidget):
    """A horizontal bar for one gradient length (a fraction of the longest), and a note."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fraction = 0.0
        self._notes = ("", "")
        self._text_colour = QColor("#000000")
        self._colour = QColor("#000000")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(24)

    def sizeHint(self) -> QSize:  # noqa: D102, N802 (Qt override)
        metrics = QFontMetrics(self.font())
        return QSize(140, metrics.height())

    def set_text_colour(self, colour: str) -> None:
        """Colour of the note (the theme's foreground)."""
        if QColor(colour) != self._text_colour:
            self._text_colour = QColor(colour)
            self.update()

    def set_bar(self, fraction: float, colour: str, note: str = "", short_note: str = "") -> None:
        """Show ``fraction`` (0 to 1) of the width in ``colour``, then ``note`` after it.

        ``short_note`` replaces ``note`` where that does not fit.
        """
        fraction = min(max(fraction, 0.0), 1.0) if math.isfinite(fraction) else 0.0
        notes = (note, short_note or note)
        if (fraction, colour, notes) != (self.fraction, self._colour.name(), self._notes):
            self.fraction, self._notes = fraction, notes
            self._colour = QColor(colour)
            self.setToolTip(note)
            self.update()

    @property
    def note(self) -> str:
        """The note drawn after the bar: the long one if it fits, else the short one."""
        long_note, short_note = self._notes
        if not long_note:
            return ""
        metrics = QFontMetrics(self.font())
        room = self.width() - self.fraction * self.width() - 6
        for note in (long_note, short_note):
            if metrics.horizontalAdvance(note) <= room:
                return note
        return ""  # (the caption gives the ratio too)

    def paintEvent(self, event) -> None:  # noqa: D102, N802 (Qt override)
        painter = QPainter(self)
        height = self.height()
        note = self.note
        length = self.fraction * self.width()
        if self.fraction > 0:
            length = max(length, 1.0)  # a vanishing length still shows where it starts
        bar = QRectF(0, height * 0.2, length, height * 0.6)
        painter.fillRect(bar, self._colour)
        if note:
            painter.setPen(self._text_colour)
            text_rect = QRectF(length + 6, 0, self.width() - length - 6, height)
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                note,
            )
        painter.end()


class LossesPanel(LessonView):
    """Four losses at today's logits: values, gradient lengths, and curves along z_y."""

    key = "losses"
    watched_fields = frozenset(
        {
            "logits",
            "label",
            "soft_target",
            "temperature",
            "label_smoothing",
            "focal_gamma",
            "loss",
            "class_names",
        }
    )

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Losses compared"))
        names = self.loss_names()
        # The table: one row per loss, a button to put it on the surface.
        self.table = QWidget()
        self.table.setObjectName("lossesTable")
        grid = QGridLayout(self.table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.headers = [
            QLabel(self.tr("Loss")),
            QLabel(self.tr("Value L")),
            QLabel(self.tr("Gradient ‖∇L‖")),
        ]
        for column, header in enumerate(self.headers):
            # The gradient's header spans its number and its bar.
            grid.addWidget(header, 0, column, 1, 2 if column == 2 else 1)
        self.headers[2].setIndent(8)  # clear of the value's header, which ends right above
        self.headers[1].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.buttons: dict[str, QPushButton] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.gradient_labels: dict[str, QLabel] = {}
        self.bars: dict[str, LengthBar] = {}
        for row, key in enumerate(LESSON_LOSS_KEYS, start=1):
            button = QPushButton(names[key])
            button.setObjectName(f"lossButton_{key}")
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Put {loss} on the surface").format(loss=names[key]))
            button.clicked.connect(
                lambda _checked=False, key=key: self._on_loss_button_clicked(key)
            )
            # Numbers that change on every drag: fixed-size labels that lay nothing out.
            value = FittedLabel()
            value.setObjectName(f"lossValue_{key}")
            value.setAccessibleName(self.tr("{loss}: value").format(loss=names[key]))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            gradient = FittedLabel()
            gradient.setObjectName(f"lossGradient_{key}")
            gradient.setAccessibleName(self.tr("{loss}: gradient length").format(loss=names[key]))
            gradient.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            bar = LengthBar()
            bar.setObjectName(f"lossBar_{key}")
            bar.setAccessibleName(
                self.tr("{loss}: gradient length as a bar").format(loss=names[key])
            )
            grid.addWidget(button, row, 0)
            grid.addWidget(
                value, row, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            grid.addWidget(
                gradient, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            grid.addWidget(bar, row, 3)
            self.buttons[key] = button
            self.value_labels[key] = value
            self.gradient_labels[key] = gradient
            self.bars[key] = bar
        grid.setColumnStretch(3, 1)
        # Under the table: the focal loss's gamma (typed), the smoothed row's epsilon.
        self.gamma_edit = NumberEdit(*FOCAL_GAMMA_RANGE, digits=3)
        self.gamma_edit.setObjectName("lossesFocalGammaEdit")
        self.gamma_edit.setAccessibleName(self.tr("Focal gamma"))
        self.gamma_edit.setToolTip(
            self.tr("γ of the focal loss (0 to 10): larger γ down-weights well-classified examples")
        )
        self.gamma_edit.valueSubmitted.connect(self._on_gamma_edit_submitted)
        self.gamma_edit.invalidInput.connect(self.invalidInput)
        self.gamma_label = QLabel(self.tr("Focal: γ ="))
        self.gamma_value = QLabel()  # the figure's gamma, where the field would be
        self.gamma_value.setObjectName("lossesFocalGammaValue")
        self.gamma_value.setVisible(False)
        self.epsilon_label = QLabel()
        self.epsilon_label.setObjectName("lossesSmoothedEpsilon")
        parameters = QWidget()
        parameters_row = QHBoxLayout(parameters)
        parameters_row.setContentsMargins(0, 0, 0, 0)
        parameters_row.setSpacing(4)
        parameters_row.addWidget(self.gamma_label)
        parameters_row.addWidget(self.gamma_edit)
        parameters_row.addWidget(self.gamma_value)
        parameters_row.addSpacing(16)
        parameters_row.addWidget(self.epsilon_label)
        parameters_row.addStretch(1)
        self.chrome = [self.gamma_edit]

        # The curves along the true class's logit.
        self.plot_widget = pg.PlotWidget(axisItems=axis_items())
        self.plot_widget.setObjectName("lossesPlot")
        self.plot_widget.setAccessibleName(self.tr("Loss curves along the true class's logit"))
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(90)
        self.plot.setLabel("left", self.tr("loss"))
        self.current_line = pg.InfiniteLine(angle=90, movable=False)
        self.current_line.setZValue(-1)
        self.plot.addItem(self.current_line)
        self.legend = self.plot.addLegend(offset=(-6, 4), colCount=2)
        self.curves: dict[str, pg.PlotDataItem] = {}
        for key in LESSON_LOSS_KEYS:
            curve = pg.PlotDataItem(name=names[key])
            curve.setObjectName(f"lossCurve_{key}")
            curve.setCurveClickable(True, width=8)
            curve.sigClicked.connect(
                lambda _item, _event=None, key=key: self._on_loss_curve_clicked(key)
            )
            self.plot.addItem(curve)
            self.curves[key] = curve
        # A squeezed plot keeps its curves and drops the legend (the table names them).
        self.plot.getViewBox().sigResized.connect(self._fit_legend)
        self.markers = pg.ScatterPlotItem(size=11, pxMode=True)
        self.markers.setZValue(5)
        self.plot.addItem(self.markers)
        # Its changing numbers lay out the body alone, not the main window (BodyScroll).
        body = scrolled_body(self, keep_minimum=True)
        body.addWidget(self.table)
        body.addWidget(parameters)
        body.addWidget(self.plot_widget, 1)
        self._shown: dict[str, str] = {}
        self._axis_label: str | None = None
        self._ranges: tuple[float, float, float] | None = None
        self.apply_theme()
        self.attach()

    # Names --------------------------------------------------------------------------------
    def loss_names(self) -> dict[str, str]:
        """The translated name of each loss (row buttons and the legend)."""
        return {
            "cross_entropy": self.tr("Cross-entropy"),
            "squared_error": self.tr("Squared error"),
            "focal": self.tr("Focal"),
            "label_smoothed_cross_entropy": self.tr("Smoothed CE"),
        }

    # Drawing -----------------------------------------------------------------------------
    def apply_theme(self) -> None:  # noqa: D102 (LessonView)
        super().apply_theme()
        theme = self.theme
        # Under a figure's style sheet the panel's palette stops at its labels: theirs too.
        palette = self.caption.palette()
        for label in self.findChildren(QLabel):
            label.setPalette(palette)
        self._colours = loss_colours(theme)
        self._vanishing_shown: bool | None = None
        font = QFont(self.caption.font())
        bold = QFont(font)
        bold.setBold(True)
        for header in self.headers:
            header.setFont(bold)
        for widget in (
            *self.value_labels.values(),
            *self.gradient_labels.values(),
            *self.bars.values(),
            self.gamma_label,
            self.gamma_value,
            self.epsilon_label,
            self.gamma_edit,
        ):
            widget.setFont(font)
        for bar in self.bars.values():
            bar.set_text_colour(theme.foreground)
        metrics = QFontMetrics(font)
        self.gamma_edit.setFixedWidth(metrics.horizontalAdvance("10.00") + 12)
        number_width = metrics.horizontalAdvance("0.000")
        for label in (*self.value_labels.values(), *self.gradient_labels.values()):
            label.setMinimumWidth(number_width)
        icon_size = QSize(metrics.height(), metrics.height())
        for key, button in self.buttons.items():
            button.setFont(font)
            button.setIcon(self._swatch(key, icon_size))
            button.setIconSize(icon_size)
        self._style_buttons()
        self.plot_widget.setBackground(theme.background)
        style_plot(self.plot, theme, self.font_scale)
        self.current_line.setPen(theme.pen(theme.foreground, 1, style=Qt.PenStyle.DotLine))
        for key, curve in self.curves.items():
            curve.setPen(self._pen(key))
        self._marker_brushes = [theme.brush(self._colours[key]) for key in LESSON_LOSS_KEYS]
        self.markers.setPen(theme.pen(theme.foreground, 1.2))
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setLabelTextSize(f"{round(theme.font_size * self.font_scale * 0.85)}pt")
        self.legend.setBrush(theme.brush(theme.background, 210))
        self.legend.clear()
        names = self.loss_names()
        for key, curve in self.curves.items():
            self.legend.addItem(curve, names[key])
        self._shown = {}
        self._axis_label = None
        self._drawn_curves = None

    def static_items(self) -> tuple:
        """The curves: drawn from a pixmap while only today's dots and line move over them.

        They stay put while the true class's logit is dragged; stroking four dashed,
        antialiased paths anew on every move would cost more than the rest of the panel.
        """
        return tuple(curve.curve for curve in self.curves.values())

    def _fit_legend(self) -> None:
        """Show the legend only where it leaves most of the plot to the curves."""
        height = self.plot.getViewBox().height()
        shown = height <= 0 or self.legend.boundingRect().height() <= 0.4 * height
        if self.legend.isVisible() != shown:
            self.legend.setVisible(shown)

    def _pen(self, key: str) -> QPen:
        return self.theme.pen(self._colours[key], LOSS_WIDTHS[key], style=LOSS_DASHES[key])

    def _swatch(self, key: str, size: QSize) -> QIcon:
        """The loss's line style as a small picture, tying a row to its curve."""
        ratio = max(self.devicePixelRatioF(), 1.0)
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._pen(key))
        pen.setCosmetic(False)
        painter.setPen(pen)
        middle = size.height() / 2
        painter.drawLine(2, round(middle), size.width() - 2, round(middle))
        painter.end()
        return QIcon(pixmap)

    def set_figure_mode(self, enabled: bool) -> None:
        """Figures show gamma as text and the loss names without button faces."""
        self.figure_mode = enabled
        self._style_buttons()
        self.gamma_value.setVisible(enabled)
        super().set_figure_mode(enabled)

    def _style_buttons(self) -> None:
        """Left-aligned names; in a figure, a frame around the loss on the surface only."""
        theme = self.theme
        style = "QPushButton { text-align: left; padding: 2px 5px; }"
        if self.figure_mode:
            style = (
                f"QPushButton {{ text-align: left; padding: 2px 5px; color: {theme.foreground};"
                " background: transparent; border: 1px solid transparent; }"
                f"QPushButton:checked {{ border: 1px solid {theme.foreground}; }}"
            )
        for button in self.buttons.values():
            button.setStyleSheet(style)
            button.setFocusPolicy(
                Qt.FocusPolicy.NoFocus if self.figure_mode else Qt.FocusPolicy.StrongFocus
            )

    def _set_text(self, label: QLabel, text: str) -> None:
        """Set ``label``'s text if it changed (a drag changes some numbers, not all)."""
        if self._shown.get(label.objectName()) != text:
            self._shown[label.objectName()] = text
            label.setText(text)

    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Show the table and the curves of today's logits."""
        numbers: LossesNumbers = self.session.numbers(losses_numbers)
        longest = max((row.gradient_norm for row in numbers.rows), default=0.0) or 1.0
        vanishing = squared_error_vanishes(numbers, derived)
        noted = numbers.gradient_ratio >= VANISHING_RATIO
        for row in numbers.rows:
            key = row.key
            self._set_text(self.value_labels[key], format_number(row.value, TABLE_DIGITS))
            self._set_text(
                self.gradient_labels[key], format_number(row.gradient_norm, TABLE_DIGITS)
            )
            note = short_note = ""
            if key == "squared_error" and noted:
                ratio = ratio_text(numbers.gradient_ratio)
                note = self.tr("1/{ratio} of cross-entropy's").format(ratio=ratio)
                short_note = self.tr("1/{ratio}").format(ratio=ratio)
            self.bars[key].set_bar(
                row.gradient_norm / longest, self._colours[key], note, short_note
            )
        self._show_vanishing(vanishing)
        self._sync_buttons(state)
        smoothed = numbers.row("label_smoothed_cross_entropy").label_smoothing
        self._set_text(
            self.epsilon_label,
            self.tr("Smoothed CE: ε = {eps}").format(eps=format_number(smoothed, 3)),
        )
        self._set_text(self.gamma_value, format_number(state.focal_gamma, 3))
        self.gamma_edit.set_value(state.focal_gamma)
        self.buttons["label_smoothed_cross_entropy"].setToolTip(
            self.tr(
                "Cross-entropy against the smoothed target (1 − ε)·y + ε/K, ε = {eps}. "
                "A click puts cross-entropy on the surface and sets label smoothing to {eps}."
            ).format(eps=format_number(smoothed, 3))
        )
        self._draw_curves(state, numbers)

    def _show_vanishing(self, vanishing: bool) -> None:
        """Squared error's gradient length in bold and its colour while it vanishes."""
        if vanishing == self._vanishing_shown:
            return
        self._vanishing_shown = vanishing
        label = self.gradient_labels["squared_error"]
        palette = self.caption.palette()
        if vanishing:
            palette.setColor(palette.ColorRole.WindowText, QColor(self._colours["squared_error"]))
        label.setPalette(palette)
        font = label.font()
        font.setBold(vanishing)
        label.setFont(font)

    def _sync_buttons(self, state: ExplorerState) -> None:
        """Check the row(s) of the loss on the surface (no signal goes back to the state)."""
        names = self.loss_names()
        smoothed = state.loss == "cross_entropy" and state.label_smoothing > 0
        for key, button in self.buttons.items():
            if key == "label_smoothed_cross_entropy":
                checked = smoothed
            else:
                checked = state.loss == key
            with QSignalBlocker(button):
                button.setChecked(checked)
            if key != "label_smoothed_cross_entropy":
                tip = (
                    self.tr("{loss} is on the surface").format(loss=names[key])
                    if checked
                    else self.tr("Click to put {loss} on the surface").format(loss=names[key])
                )
                if button.toolTip() != tip:
                    button.setToolTip(tip)

    def _draw_curves(self, state: ExplorerState, numbers: LossesNumbers) -> None:
        sweep = numbers.sweep
        if numbers.curves is not self._drawn_curves:  # (the same while the true logit moves)
            self._drawn_curves = numbers.curves
            top = 0.0
            for key, curve in self.curves.items():
                values = numbers.curves[key]
                curve.setData(sweep, values)
                finite = values[np.isfinite(values)]
                if finite.size:
                    top = max(top, float(finite.max()))
            self._top = top
        top = self._top
        values = [row.value for row in numbers.rows]
        self.markers.setData(
            x=[numbers.current] * len(values),
            y=values,
            brush=self._marker_brushes,
            symbol=MARKER_SYMBOLS,
            size=[size * self.font_scale**0.5 for size in MARKER_SIZES],
        )
        self.current_line.setPos(numbers.current)
        # The top a little above a round number, a fifth of the scale at a time: a drag
        # that moves the curves a little keeps the y axis (and its tick labels) as they
        # are, and the top tick's label is not cut in half by the plot's edge.
        rounded = nice_range(0.0, top * 1.08, 5)[1] or 1.0
        ranges = (float(sweep[0]), float(sweep[-1]), rounded * 1.06)
        if ranges != self._ranges:
            self._ranges = ranges
            self.plot.setXRange(ranges[0], ranges[1], padding=0)
            self.plot.setYRange(0, ranges[2], padding=0)
        label = self.tr("logit of {name}, the true class").format(
            name=self.class_name(state, numbers.class_index)
        )
        if label != self._axis_label:
            self._axis_label = label
            set_axis_label(self.plot, "bottom", label, self.theme, self.font_scale)

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """What to look at: the two gradient lengths and their ratio, today."""
        numbers: LossesNumbers = self.session.numbers(losses_numbers)
        cross = numbers.row("cross_entropy").gradient_norm
        squared = numbers.row("squared_error").gradient_norm
        ratio = numbers.gradient_ratio
        first = self.tr(
            "Each curve is a loss along the true class's logit; the dots are today's logits."
        )
        if squared_error_vanishes(numbers, derived):
            second = self.tr(
                "Confidently wrong, squared error's gradient has all but vanished: "
                "{squared} against cross-entropy's {cross}, {ratio} times shorter; its curve "
                "is flat at the dot."
            )
        else:
            second = self.tr(
                "Squared error's gradient is {squared} against cross-entropy's {cross}, "
                "{ratio} times shorter; make the prediction confidently wrong to see it vanish."
            )
        third = self.tr("Click a loss to put it on the surface.")
        return " ".join(
            (
                first,
                second.format(
                    squared=format_number(squared, 3),
                    cross=format_number(cross, 3),
                    ratio=ratio_text(ratio),
                ),
                third,
            )
        )

    # Handlers ------------------------------------------------------------------------------
    def _on_loss_button_clicked(self, key: str) -> None:
        self._put_on_surface(key)
        self._sync_buttons(self.session.state)  # a click on the checked row unchecked it

    def _on_loss_curve_clicked(self, key: str) -> None:
        self._put_on_surface(key)

    def _put_on_surface(self, key: str) -> None:
        """Make loss ``key`` the state's loss (the smoothed row sets its eps too)."""
        loss = SURFACE_LOSS[key]
        if key == "label_smoothed_cross_entropy":
            numbers: LossesNumbers = self.session.numbers(losses_numbers)
            eps = numbers.row(key).label_smoothing
            self.submit(lambda: replace(self.session.state, loss=loss, label_smoothing=eps))
        else:
            self.submit(lambda: replace(self.session.state, loss=loss))

    def _on_gamma_edit_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, focal_gamma=value))


__all__ = ["LengthBar", "LossesNumbers", "LossesPanel", "losses_numbers", "ratio_text"]
