"""The base of the lesson panels: a view with a caption that says what to look at.

A lesson panel draws its content in :meth:`LessonView.draw` and writes two to four
sentences with today's numbers in :meth:`LessonView.caption_text`. Its numbers come from
``explorer.core`` through ``session.numbers(compute)``: a pure function of the state,
computed once per change and only while a panel that shows it asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState
from .view import ExplorerView

_DIGITS = str.maketrans("123456789", "000000000")
_TABULAR: dict[str, bool] = {}


def _digits_as_zero(text: str) -> str:
    """``text`` with every decimal digit written as 0 (the same width, in most fonts)."""
    return text.translate(_DIGITS)


def _tabular_digits(font: QFont) -> bool:
    """Whether the digits 0-9 of ``font``, and of its bold, all have one width."""
    key = font.key()
    if key not in _TABULAR:
        bold = QFont(font)
        bold.setBold(True)
        _TABULAR[key] = all(
            len({QFontMetricsF(face).horizontalAdvance(digit) for digit in "0123456789"}) == 1
            for face in (font, bold)
        )
    return _TABULAR[key]


_RULER: list[QLabel] = []


def _ruler(label: QLabel) -> QLabel:
    """A hidden label set up as ``label`` (font, format, wrapping, text), to measure with.

    QLabel's size hints never go below the label's minimum size, so a label kept at a
    fixed size could only ever grow (a caption one line shorter kept its old height,
    blank below); lifting the minimum to measure would lay its parent out again. The
    ruler, in no layout and never shown, measures the same text with no such floor.
    """
    if not _RULER:
        _RULER.append(QLabel())
    ruler = _RULER[0]
    ruler.setFont(label.font())
    ruler.setTextFormat(label.textFormat())
    ruler.setWordWrap(label.wordWrap())
    ruler.setIndent(label.indent())
    ruler.setMargin(label.margin())
    ruler.setContentsMargins(label.contentsMargins())
    ruler.setText(label.text())
    return ruler


def _measure(label: QLabel, width: int) -> int:
    """The height ``label``'s text needs at ``width``, whatever size the label has now."""
    return _ruler(label).heightForWidth(width)


def _measure_size(label: QLabel) -> QSize:
    """The size ``label``'s text needs, whatever size the label has now."""
    return _ruler(label).sizeHint()


class _FixedLabel(QLabel):
    """A label kept at a fixed size, fitted again (:meth:`fit`) whenever its text or font change.

    Subclasses measure only when :meth:`needs_measuring` says more than digits changed.
    """

    _fitted: tuple | None = None  # (text with digits as 0, font, extra) last measured

    def setText(self, text: str) -> None:  # noqa: D102, N802 (Qt override)
        super().setText(text)
        self.fit()

    def fit(self) -> None:
        """Take the size the text needs."""
        raise NotImplementedError

    def needs_measuring(self, *extra: object) -> bool:
        """Whether the text must be measured again (and remember it was, if so).

        A drag changes a panel's digits and nothing else. Where every digit is as wide as
        every other (the usual figures of a UI font, checked), lines break where they did
        and the size is known without laying the text out again (a rich text's size
        costs a layout of its own, two for a height at a width). ``extra``: what else the
        size depends on (a wrapped label's width).
        """
        font = self.font()
        key = (_digits_as_zero(self.text()), font.key(), extra)
        if key == self._fitted and _tabular_digits(font):
            return False
        self._fitted = key
        return True

    def changeEvent(self, event: QEvent) -> None:  # noqa: D102, N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted = None
            self.fit()


class WrappedLabel(_FixedLabel):
    """A word-wrapped label that relays out its window only when its height must change.

    A caption's numbers change on every drag. A plain QLabel asks its layout to recompute
    on every new text, and a lesson's new size hint then climbs through its dock to the
    main window, which lays out every dock again: three paint passes and about 10 ms an
    event (``bench_interaction.py --all-panels``, losses panel in front, 31 -> 18 ms with
    captions hidden); every layout pass also lays out each rich text anew. Qt skips that
    for a widget of fixed size, so this label keeps a fixed size: the width its
    :class:`WrappedBox` gives it and the height its text needs there. Only when that
    height changes (a line more or less) is the layout asked again. Build one with
    :func:`wrapped_label` and put its box in the layout.
    """

    def fit(self) -> None:
        """Take the box's width and the height the text needs at that width."""
        box = self.parentWidget()
        if box is None:
            return
        # Not laid out yet (no width): the width QLabel would choose for itself, not a
        # column one character wide that would ask the window for a tall dock meanwhile.
        laid_out = box.testAttribute(Qt.WidgetAttribute.WA_Resized) or box.isVisible()
        width = box.width() if laid_out else max(1, _measure_size(self).width())
        height = max(0, _measure(self, width)) if self.needs_measuring(width) else self.height()
        if (self.width(), self.height()) != (width, height) or self.minimumWidth() != width:
            self.setFixedSize(width, height)
        if box.minimumHeight() != height or box.maximumHeight() != height:
            box.setFixedHeight(height)  # the one relayout: the caption grew or shrank


class FittedLabel(_FixedLabel):
    """A one-block label of fixed size, the size its text needs, measured only when needed.

    For numbers that change on every drag (a panel's table, an identity written out):
    fixed, a new text lays nothing out, and its size is measured again only when more
    than its digits changed (see :class:`WrappedLabel`), as a rich text's size costs a
    layout of its own.
    """

    def fit(self) -> None:
        """Take the size the text needs (measured again only if more than digits changed)."""
        if not self.needs_measuring():
            return
        size = _measure_size(self)
        if self.minimumSize() != size or self.maximumSize() != size:
            self.setFixedSize(size)


class WrappedBox(QWidget):
    """Holds a :class:`WrappedLabel` across its whole width; as tall as the label needs.

    Its width comes from the layout (any: it asks for none), its height from the label.
    """

    def __init__(self, label: WrappedLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: D102, N802 (Qt override)
        super().resizeEvent(event)
        self.label.fit()


def wrapped_label(object_name: str, rich: bool = True) -> tuple[WrappedLabel, WrappedBox]:
    """A word-wrapped :class:`WrappedLabel` named ``object_name`` and the box to lay out."""
    label = WrappedLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label, WrappedBox(label)


class LessonView(ExplorerView):
    """A lesson panel: :attr:`content` (filled by subclasses) above a caption.

    Subclasses set :attr:`key` (their registry key), build their widgets into
    :attr:`content_layout`, call :meth:`attach` at the end of ``__init__``, and implement
    :meth:`draw` and :meth:`caption_text`.
    """

    #: The panel's registry key: object names derive from it.
    key = "lesson"

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName(f"{self.key}Panel")
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.caption, self.caption_box = wrapped_label(f"{self.key}Caption")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setAccessibleName(self.tr("What to look at"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.caption_box)
        self._caption_wanted = True

    # The contract -------------------------------------------------------------------------
    def draw(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the content from ``state`` (numbers through ``session.numbers``)."""
        raise NotImplementedError

    def caption_text(self, state: ExplorerState, derived: Derived) -> str:
        """Two to four sentences saying what to look at, with the live numbers (rich text)."""
        raise NotImplementedError

    # ExplorerView -------------------------------------------------------------------------
    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw the content, then the caption (if it is shown)."""
        self.draw(state, derived, change)
        if self._caption_wanted:
            text = self.caption_text(state, derived)
            if text != self.caption.text():
                self.caption.setText(text)

    def apply_theme(self) -> None:
        """Caption font and colours follow the theme and the font scale."""
        font = QFont()
        font.setPointSize(max(7, round(self.theme.font_size * self.font_scale)))
        self.caption.setFont(font)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(self.theme.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(self.theme.foreground))
        palette.setColor(QPalette.ColorRole.Text, QColor(self.theme.foreground))
        self.setPalette(palette)
        # Under a figure's style sheet a palette no longer reaches child labels: set it on
        # the caption itself too (subclasses do the same for their own labels).
        self.caption.setPalette(palette)

    def set_caption_visible(self, visible: bool) -> None:
        """Show or hide the caption (View > Lesson captions)."""
        self._caption_wanted = visible
        self.caption_box.setVisible(visible)
        self.caption.setVisible(visible)
        if visible:
            self.caption.setText(self.caption_text(self.session.state, self.session.derived))

    @property
    def caption_visible(self) -> bool:
        """Whether the caption is shown."""
        return self._caption_wanted


__all__ = ["FittedLabel", "LessonView", "WrappedBox", "WrappedLabel", "wrapped_label"]
