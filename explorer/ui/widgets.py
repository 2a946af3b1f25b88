"""Small widgets shared by the views: validated number entry, a transient message bar."""

from __future__ import annotations

import decimal
import math
import re

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEngine, QPainter, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QProxyStyle,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QWidget,
)

from ..state import shortest

#: Characters of typed text quoted back in a message; longer text is cut with "…".
QUOTED_LIMIT = 40


def elided(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with a final "…" when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InvalidNumber(ValueError):
    """Typed text that is not an acceptable number; the message is shown to the user."""


#: "1,000" may be a thousand or one: a comma before exactly three digits, after 1-3 digits
#: that do not start with 0.
_AMBIGUOUS_COMMA = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")


def parse_number(text: str, low: float = -math.inf, high: float = math.inf) -> float:
    """Parse typed text as a finite number in ``[low, high]``.

    Accepts a decimal comma (``2,5``) and the Unicode minus sign. Raises
    :class:`InvalidNumber` with a translated message for text that is not a number, NaN,
    infinities (including overflow such as ``1e999``), values out of range, and what would
    silently become another number: ``1,000`` (a thousand, or one?), ``1 000`` and
    ``1_000`` (digit groups), ``1e-400`` (underflows to 0).
    """
    cleaned = text.strip().replace("\u2212", "-")
    typed = elided(text.strip())  # as shown in messages
    if not cleaned:
        raise InvalidNumber(QCoreApplication.translate("NumberEdit", "Please type a number."))
    if any(character.isspace() or character == "_" for character in cleaned):
        raise InvalidNumber(
            QCoreApplication.translate(
                "NumberEdit", "“{text}” has spaces or _ inside: type the number without them."
            ).format(text=typed)
        )
    if "," in cleaned and "." not in cleaned:
        if _AMBIGUOUS_COMMA.fullmatch(cleaned):
            raise InvalidNumber(
                QCoreApplication.translate(
                    "NumberEdit", "“{text}” is ambiguous: type {thousands} or {decimal}."
                ).format(
                    text=typed,
                    thousands=cleaned.replace(",", ""),
                    decimal=repr(float(cleaned.replace(",", "."))),
                )
            )
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
        exact = decimal.Decimal(cleaned)
    except (ValueError, decimal.InvalidOperation):
        raise InvalidNumber(
            QCoreApplication.translate("NumberEdit", "“{text}” is not a number.").format(text=typed)
        ) from None
    if math.isnan(value):
        raise InvalidNumber(
            QCoreApplication.translate("NumberEdit", "NaN is not a number you can use here.")
        )
    if math.isinf(value):
        raise InvalidNumber(
            QCoreApplication.translate(
                "NumberEdit", "“{text}” is too large: values must be finite."
            ).format(text=typed)
        )
    if value == 0 and exact != 0:
        raise InvalidNumber(
            QCoreApplication.translate(
                "NumberEdit", "“{text}” is too small: it would be stored as 0."
            ).format(text=typed)
        )
    if not low <= value <= high:
        raise InvalidNumber(
            QCoreApplication.translate(
                "NumberEdit", "{value} is out of range: use a value between {low} and {high}."
            ).format(value=shortest(value), low=shortest(low), high=shortest(high))
        )
    return value


def format_number(value: float, digits: int = 4) -> str:
    """Compact display of a number: fixed for ordinary magnitudes, scientific otherwise."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e5:
        return format_fixed(value, digits)
    return f"{value:.{max(digits - 1, 1)}e}"


def format_fixed(value: float, digits: int, *, leading_zero: bool = True) -> str:
    """``value`` rounded to ``digits`` decimals, never in scientific notation (short labels).

    Without ``leading_zero``, numbers below 1 in size drop it, as in tables of
    probabilities: ``.18``, ``-.52``.
    """
    if not math.isfinite(value):
        return format_number(value, digits)
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    if not leading_zero and text.lstrip("-").startswith("0."):
        text = text.replace("0.", ".", 1)
    return text


class _PanelCacheStyle(QProxyStyle):
    """The application's style, with a line edit's panel drawn once per look and blitted.

    An animated descent changes every logit's field on every step, and Fusion strokes each
    field's rounded, antialiased frame again (most of a field's repaint). The panel depends
    only on the field's size, state and palette: drawn once into a pixmap for each, on
    screen it is then copied. Vector devices (SVG, PDF) still get the style's drawing.
    """

    #: Panels kept (sizes x states x palettes); beyond it the cache starts again.
    LIMIT = 64

    def __init__(self):
        super().__init__()
        self._panels: dict[tuple, QPixmap] = {}

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Blit a cached line-edit panel; draw everything else as the base style does."""
        engine = painter.paintEngine()
        if (
            element != QStyle.PrimitiveElement.PE_PanelLineEdit
            or engine is None
            or engine.type() != QPaintEngine.Type.Raster
        ):
            super().drawPrimitive(element, option, painter, widget)
            return
        rect = option.rect
        ratio = painter.device().devicePixelRatioF()
        key = (
            rect.width(),
            rect.height(),
            option.state.value,
            option.palette.cacheKey(),
            option.direction,
            ratio,
            widget is not None and widget.hasFrame(),
        )
        panel = self._panels.get(key)
        if panel is None:
            if len(self._panels) >= self.LIMIT:
                self._panels.clear()
            panel = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            panel.setDevicePixelRatio(ratio)
            panel.fill(Qt.GlobalColor.transparent)
            cache_painter = QPainter(panel)
            cache_painter.translate(-rect.x(), -rect.y())
            super().drawPrimitive(element, option, cache_painter, widget)
            cache_painter.end()
            self._panels[key] = panel
        painter.drawPixmap(QPoint(rect.x(), rect.y()), panel)


_panel_cache_style: _PanelCacheStyle | None = None


def _shared_panel_style() -> _PanelCacheStyle:
    global _panel_cache_style  # noqa: PLW0603 (one style for every field, kept alive here)
    if _panel_cache_style is None:
        _panel_cache_style = _PanelCacheStyle()
    return _panel_cache_style


class NumberEdit(QLineEdit):
    """A line edit for one number: submits on Enter or focus-out, rejects bad text visibly.

    Signals
    -------
    valueSubmitted(float)
        A valid number was entered.
    invalidInput(str)
        The text was rejected; the argument is the message to show. The previous value is
        restored, so the user's state is unchanged.
    """

    valueSubmitted = Signal(float)
    invalidInput = Signal(str)

    def __init__(self, low: float, high: float, digits: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.low, self.high, self.digits = low, high, digits
        self._value = 0.0
        self._invalid = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setStyle(_shared_panel_style())
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> float:
        """The last accepted value."""
        return self._value

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting anything (state -> widget)."""
        self._value = float(value)
        if not self.hasFocus() or not self.isModified():
            text = format_number(self._value, self.digits)
            if text != self.text():
                self.setText(text)
        if self.invalid:
            self._set_error(None)

    @property
    def invalid(self) -> bool:
        """Whether the field shows a refused entry (also the Qt property ``invalid``)."""
        return self._invalid

    def _set_error(self, message: str | None) -> None:
        self._invalid = message is not None
        self.setProperty("invalid", self._invalid)
        self.setStyleSheet("QLineEdit { border: 2px solid #D55E00; }" if message else "")
        if message:
            self.setToolTip(message)

    def _on_editing_finished(self) -> None:
        if not self.isModified():
            return
        self.setModified(False)
        try:
            value = parse_number(self.text(), self.low, self.high)
        except InvalidNumber as error:
            self.setText(format_number(self._value, self.digits))
            self._set_error(str(error))
            self.invalidInput.emit(str(error))
            return
        self._set_error(None)
        self._value = value  # value() must return what the user typed and we accepted
        self.valueSubmitted.emit(value)


class MessageBar(QLabel):
    """A visible, self-hiding banner for errors and notices."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Messages"))
        self.setWordWrap(True)
        # Never wider than the window gives it: a long unbroken word (typed text) would
        # otherwise widen the whole window, for good.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        self.setVisible(False)
        self.setStyleSheet(
            "QLabel { background: #FBE3D6; color: #5a1e00; border: 1px solid #D55E00;"
            " border-radius: 4px; padding: 6px 10px; font-weight: 600; }"
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_error(self, message: str, milliseconds: int = 8000) -> None:
        """Show ``message`` for a while (very long messages are cut; the tooltip has all)."""
        self.setToolTip(message)
        self.setText(elided(message, 400))
        self.setVisible(True)
        self._timer.start(milliseconds)
