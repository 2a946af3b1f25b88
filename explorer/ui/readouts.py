"""Readouts: loss, p of the target, entropy, KL, prediction, and the formula with numbers."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from ..core import FormulaParts, FormulaTerm
from ..core.formatting import format_probability
from ..i18n import translate
from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState
from .view import ExplorerView
from .widgets import format_number

FORMULA_TERMS = 4


class _LabelBox(QWidget):
    """One label outside any layout, sized to this box.

    The label's text changes on every mouse move; without a parent layout its setText
    invalidates nothing (a label in a layout would relayout the docks each time). The box
    has a fixed height and no minimum width.
    """

    def __init__(self):
        super().__init__()
        self.setMinimumWidth(0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event):  # noqa: D102 (Qt override)
        super().resizeEvent(event)
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            child.setGeometry(self.rect())


class FormulaLabel(QWidget):
    """A formula with bold and subscript runs, laid out by one QTextLayout, wrapped to width.

    The markup is ``<b>...</b>``, ``<sub>...</sub>`` and ``<sup>...</sup>`` (none nested in
    itself); any other text, ``<`` and ``&`` included, is shown as it is. A QTextDocument
    would parse the text as HTML and build blocks and frames on every change (the formula changes on
    every mouse move), about twice the cost of a layout of the same runs; a rich-text
    QLabel would also repaint twice per change. The plain text is the accessible
    description.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._markup = ""
        self._plain = ""
        self._layout = QTextLayout("", self.font())
        self._laid_out = False
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        subscript = QTextCharFormat()
        subscript.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
        superscript = QTextCharFormat()
        superscript.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        self._formats = {"b": bold, "sub": subscript, "sup": superscript}

    def text(self) -> str:
        """The current text, with its markup."""
        return self._markup

    def plain_text(self) -> str:
        """The formula without markup (subscripts flattened)."""
        return self._plain

    def setText(self, markup: str) -> None:  # noqa: N802 (QLabel's name, for drop-in use)
        """Show ``markup`` (see the class description)."""
        if markup == self._markup:
            return
        self._markup = markup
        self._plain, ranges = formula_runs(markup, self._formats)
        self._layout.setText(self._plain)
        self._layout.setFormats(ranges)
        self._laid_out = False
        self.setAccessibleDescription(self._plain)
        self.update()

    def changeEvent(self, event):  # noqa: D102 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._layout.setFont(self.font())
            self._laid_out = False
            self.update()

    def resizeEvent(self, event):  # noqa: D102 (Qt override)
        super().resizeEvent(event)
        self._laid_out = False

    def _lay_out(self) -> None:
        """Break the text into lines of the widget's width (once per text, font or width)."""
        layout = self._layout
        layout.beginLayout()
        top = 0.0
        width = float(self.width())
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, top))
            top += line.height()
        layout.endLayout()
        self._laid_out = True

    def paintEvent(self, event):  # noqa: D102 (Qt override)
        if not self._laid_out:
            self._lay_out()
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        self._layout.draw(painter, QPointF(0.0, 0.0), [], QRectF(event.rect()))
        painter.end()


_MARKUP_TAG = re.compile(r"<(/?)(b|sub|sup)>")


def formula_runs(markup: str, formats: dict[str, QTextCharFormat]) -> tuple[str, list]:
    """The plain text of ``markup`` and a ``QTextLayout.FormatRange`` per tagged run.

    ``formats`` maps a tag name (``"b"``, ``"sub"``, ``"sup"``) to its character format. A tag that
    is not closed runs to the end; a closing tag that was not opened is dropped.
    """
    pieces: list[str] = []
    ranges = []
    opened: dict[str, int] = {}
    position = 0
    start = 0

    def add_range(name: str, begin: int, end: int) -> None:
        if end > begin:
            run = QTextLayout.FormatRange()
            run.start, run.length, run.format = begin, end - begin, formats[name]
            ranges.append(run)

    for match in _MARKUP_TAG.finditer(markup):
        piece = markup[start : match.start()]
        pieces.append(piece)
        position += len(piece)
        start = match.end()
        closing, name = match.group(1), match.group(2)
        if not closing:
            opened.setdefault(name, position)
        elif name in opened:
            add_range(name, opened.pop(name), position)
    tail = markup[start:]
    pieces.append(tail)
    position += len(tail)
    for name, begin in opened.items():
        add_range(name, begin, position)
    return "".join(pieces), ranges


class ReadoutPanel(ExplorerView):
    """Large, projector-readable numbers and the current formula with values substituted."""

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("readouts")
        self.setAccessibleName(self.tr("Readouts"))
        self.values: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        captions = {
            "loss": (self.tr("Loss L"), self.tr("Cross-entropy H(t, p) = −Σ t_i log p_i")),
            "target_p": (self.tr("p(target)"), self.tr("Probability given to the true class")),
            "entropy": (self.tr("Entropy H(p)"), self.tr("−Σ p_i log p_i, from 0 to log K")),
            "target_entropy": (
                self.tr("Entropy H(t)"),
                self.tr("−Σ t_i log t_i of the target: 0 for a hard label; H(t, p) = H(t) + KL"),
            ),
            "kl": (
                self.tr("KL(t ‖ p)"),
                self.tr("H(t, p) − H(t): equals the loss for a hard label"),
            ),
            "predicted": (self.tr("Predicted"), self.tr("argmax p: the predicted class")),
            "gradient": (self.tr("‖∇L‖"), self.tr("Length of dL/dz, at most √2 / T")),
            "ce_gradient": (
                self.tr("‖∇ cross-entropy‖"),
                self.tr("Length of the cross-entropy's gradient (p − t) / T at the same point"),
            ),
        }
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(10)
        columns = 2  # three rows of two: narrow enough to leave the side panels their room
        for index, (key, (caption, tip)) in enumerate(captions.items()):
            row, column = index // columns, 2 * (index % columns)
            title = QLabel(caption)
            title.setToolTip(tip)
            value = QLabel()
            value.setObjectName(f"readout_{key}")
            value.setAccessibleName(caption)
            value.setToolTip(tip)
            value.setTextFormat(Qt.TextFormat.PlainText)  # class names are never markup
            # Opaque: a changed number repaints the label alone, not the panel behind it.
            value.setAutoFillBackground(True)
            title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(title, row, column)
            layout.addWidget(value, row, column + 1)
            self.values[key] = value
            self.titles[key] = title
        self.formula_box = _LabelBox()
        # A long soft-target formula wraps instead of widening the dock.
        self.formula = FormulaLabel(self.formula_box)
        self.formula.setObjectName("formula")
        self.formula.setAutoFillBackground(True)  # (opaque, as the numbers)
        self.formula.setAccessibleName(self.tr("Formula"))
        self.formula.setToolTip(self.tr("The loss written out with the current numbers"))
        self.captions = {key: caption for key, (caption, _) in captions.items()}
        # The numbers are drawn as plain labels (selectable ones repaint twice per change);
        # Ctrl+C or the context menu copies them all, with the formula, as text.
        copy_action = QAction(self.tr("Copy readouts"), self)
        copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_action.setStatusTip(self.tr("Copy the numbers and the formula as text"))
        copy_action.triggered.connect(self._on_copy_action_triggered)
        self.addAction(copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        value_rows = -(-len(captions) // columns)
        layout.addWidget(self.formula_box, value_rows, 0, 1, 2 * columns)
        self._ce_gradient_shown: bool | None = None
        self.apply_theme()
        self.attach()

    def _show_loss_tips(self, loss: str) -> None:
        """Say in the loss readout's tool tip which loss it is."""
        tips = {
            "cross_entropy": self.tr("Cross-entropy H(t, p) = −Σ t_i log p_i"),
            "squared_error": self.tr("Squared error on the probabilities, mean_i (p_i − t_i)²"),
            "focal": self.tr("Focal loss −Σ t_i (1 − p_i)^γ log p_i"),
        }
        for widget in (self.values["loss"], self.titles["loss"]):
            widget.setToolTip(tips[loss])
            widget.setStatusTip(tips[loss])

    def readout_text(self) -> str:
        """Every readout as ``caption: value`` lines, then the formula in plain text."""
        lines = []
        for key, label in self.values.items():
            if label.isHidden():
                continue
            # The predicted class's label may be elided; its tool tip has the whole name.
            value = label.toolTip() if key == "predicted" else label.text()
            lines.append(f"{self.captions[key]}: {value}")
        return "\n".join([*lines, self.formula.plain_text()])

    def _on_copy_action_triggered(self) -> None:
        QGuiApplication.clipboard().setText(self.readout_text())

    def apply_theme(self) -> None:
        """Scale the fonts."""
        big = QFont()
        big.setPointSize(round(15 * self.font_scale))
        big.setBold(True)
        # Fixed sizes: QLabel.setText invalidates the layouts up to the main window unless
        # the label's minimum and maximum sizes are equal, and that relayout (and repaint of
        # every dock) would cost more than the rest of a mouse move.
        metrics = QFontMetrics(big)
        self._value_width = metrics.horizontalAdvance("-9.999e-99")  # format_number's widest
        for label in self.values.values():
            label.setFont(big)
            label.setFixedSize(QSize(self._value_width, metrics.height()))
        formula_font = QFont()
        formula_font.setPointSize(round(13 * self.font_scale))
        self.formula.setFont(formula_font)
        self.formula_box.setFixedHeight(2 * QFontMetrics(formula_font).lineSpacing() + 4)
        self._shown: dict[str, str] = {}  # texts set, by readout (new fonts: set again)
        self._predicted: str | None = None  # the predicted class, before eliding

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Update every number."""
        analysis = derived.analysis
        target_p = analysis.target_probability
        self._show("loss", format_number(analysis.loss, 4))
        self._show("target_p", "—" if target_p is None else format_probability(target_p, 4))
        self._show("entropy", format_number(analysis.entropy, 4))
        self._show("target_entropy", format_number(analysis.target_entropy, 4))
        self._show("kl", format_number(analysis.kl_to_target, 4))
        self._show("gradient", format_number(analysis.gradient_norm, 4))
        other_loss = state.loss != "cross_entropy"
        if other_loss:
            self._show("ce_gradient", format_number(analysis.cross_entropy_gradient_norm, 4))
        if other_loss != self._ce_gradient_shown:
            self._ce_gradient_shown = other_loss
            for widget in (self.values["ce_gradient"], self.titles["ce_gradient"]):
                widget.setVisible(other_loss)
            self._show_loss_tips(state.loss)
        predicted = f"{analysis.predicted}: {self.class_name(state, analysis.predicted)}"
        if predicted != self._predicted:
            self._predicted = predicted
            label = self.values["predicted"]
            label.setToolTip(predicted)  # the whole name; the label may elide it
            self._show(
                "predicted",
                label.fontMetrics().elidedText(
                    predicted, Qt.TextElideMode.ElideRight, self._value_width
                ),
            )
        self.formula.setText(formula_text(state, derived))

    def _show(self, key: str, text: str) -> None:
        """Set a readout's text if it changed (a drag changes some numbers, not all)."""
        if self._shown.get(key) != text:
            self._shown[key] = text
            self.values[key].setText(text)


def _log_term(term: FormulaTerm) -> str:
    """``log p_i`` with p printed, or the exact log p where p would print as 0 or 1."""
    if 1e-4 < term.probability < 0.9999:
        return f"log {format_number(term.probability, 3)}"
    return f"({format_number(term.log_probability, 4)})"


def _miss_term(term: FormulaTerm) -> str:
    """``(1 − p_i)`` with p printed."""
    return f"(1 − {format_number(term.probability, 3)})"


def _more(parts: FormulaParts, shown: int) -> str:
    return " − …" if len(parts.terms) > shown else ""


def formula_text(state: ExplorerState, derived: Derived) -> str:
    """The loss as a formula with the current numbers, e.g. ``L = −log p_1 = … = 0.417``.

    Written from :class:`explorer.core.FormulaParts` (numbers only), for the state's loss.
    """
    parts = derived.analysis.formula
    loss = format_number(parts.loss, 4)
    p = "p" if state.temperature == 1 else translate("ReadoutPanel", "softmax(z/T)")
    terms = parts.terms[:FORMULA_TERMS]
    gamma = format_number(parts.gamma, 3) if parts.gamma is not None else ""
    if parts.key == "squared_error":
        squares = " + ".join(
            f"({format_number(term.probability, 3)} − {format_number(term.target, 3)})²"
            for term in terms
        )
        if len(parts.terms) > len(terms):
            squares += " + …"
        return (
            f"<b>L</b> = (1/{parts.num_classes}) Σ ({p}<sub>i</sub> − t<sub>i</sub>)² "
            f"= (1/{parts.num_classes})·[{squares}] = <b>{loss}</b>"
        )
    if parts.hard_label is not None:
        term, label = parts.terms[0], parts.hard_label
        if 1e-4 < term.probability < 0.9999:
            log_p = f"log {format_number(term.probability, 4)}"
        else:  # p would print as 0 or 1: show log p, computed without underflow
            log_p = f"({format_number(term.log_probability, 4)})"
        if parts.key == "focal":
            return (
                f"<b>L</b> = −(1 − {p}<sub>{label}</sub>)<sup>γ</sup> log {p}<sub>{label}</sub>"
                f" = −{_miss_term(term)}<sup>{gamma}</sup>·{log_p} = <b>{loss}</b>"
            )
        return f"<b>L</b> = −log {p}<sub>{label}</sub> = −{log_p} = <b>{loss}</b>"
    if parts.key == "focal":
        written = " ".join(
            f"− {format_number(term.target, 3)}·{_miss_term(term)}<sup>{gamma}</sup>"
            f"·{_log_term(term)}"
            for term in terms
        )
        return (
            f"<b>L</b> = −Σ t<sub>i</sub> (1 − {p}<sub>i</sub>)<sup>γ</sup> log {p}<sub>i</sub>"
            f" = {written}{_more(parts, len(terms))} = <b>{loss}</b>"
        )
    written = " ".join(f"− {format_number(term.target, 3)}·{_log_term(term)}" for term in terms)
    return (
        f"<b>L</b> = −Σ t<sub>i</sub> log {p}<sub>i</sub> = {written}"
        f"{_more(parts, len(terms))} = <b>{loss}</b>"
    )
