"""Layout helpers the lesson panels share: themed style sheets, scrolling bodies, strips.

A figure's style sheet stops a panel's palette at its labels, so lessons colour their
widgets with a style sheet made from the theme (:func:`themed_style_sheet`); long content
scrolls inside a short dock (:func:`scrolled_body`), rows of fields scroll sideways
(:class:`RowStrip`) and blocks stand side by side when they fit (:class:`SideBySide`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..lesson_view import LessonView
from ..theme import Theme

_FIELD_COLOURS = {
    "light": ("#ffffff", "#eeeeee", "#b4b4b4"),
    "dark": ("#2b2d31", "#35383e", "#5a5d63"),
    "contrast": ("#ffffff", "#e4e4e4", "#000000"),
}


def themed_style_sheet(theme: Theme, points: int, panel: str) -> str:
    """A style sheet giving a lesson's widgets ``theme``'s colours and ``points``-point text.

    A style sheet rather than a palette and fonts: figures draw the panel inside a widget
    that has a style sheet of its own, and under one Qt paints with the application's
    palette and default font, whatever a child's palette and font say (dark text on a dark
    figure). ``panel`` is the panel's object name (its background); labels with the
    property ``heading`` set are bold.
    """
    field, header, border = _FIELD_COLOURS.get(theme.name, _FIELD_COLOURS["light"])
    text = theme.foreground
    faded = QColor(text)
    faded.setAlpha(120)
    faded_text = f"rgba({faded.red()}, {faded.green()}, {faded.blue()}, 120)"
    selection = QColor(theme.bar)
    selection_text = f"rgba({selection.red()}, {selection.green()}, {selection.blue()}, 90)"
    return f"""
        #{panel} {{ background: {theme.background}; }}
        QWidget {{ font-size: {points}pt; }}
        QLabel {{ color: {text}; background: transparent; }}
        QLabel[heading="true"] {{ font-weight: bold; }}
        QLabel:disabled {{ color: {faded_text}; }}
        QLineEdit {{
            color: {text}; background: {field}; border: 1px solid {border};
            border-radius: 3px; padding: 1px 4px;
            selection-background-color: {selection_text}; selection-color: {text};
        }}
        QLineEdit:disabled {{ color: {faded_text}; }}
        QComboBox {{
            color: {text}; background: {field}; border: 1px solid {border};
            border-radius: 3px; padding: 1px 6px;
        }}
        QComboBox QAbstractItemView {{
            color: {text}; background: {field};
            selection-background-color: {selection_text}; selection-color: {text};
        }}
        QPushButton {{
            color: {text}; background: {header}; border: 1px solid {border};
            border-radius: 3px; padding: 3px 10px;
        }}
        QPushButton:disabled {{ color: {faded_text}; }}
        QTableWidget {{
            color: {text}; background: {field}; gridline-color: {border};
            selection-background-color: {selection_text}; selection-color: {text};
        }}
        QHeaderView::section {{
            color: {text}; background: {header}; border: none;
            border-right: 1px solid {border}; border-bottom: 1px solid {border};
            padding: 1px 5px;
        }}
        QTableCornerButton::section {{ background: {header}; border: none; }}
        QSlider::groove:horizontal {{ height: 4px; background: {border}; border-radius: 2px; }}
        QSlider::handle:horizontal {{
            width: 14px; margin: -6px 0; border-radius: 7px;
            background: {theme.bar}; border: 1px solid {border};
        }}
        QScrollArea {{ background: transparent; border: none; }}
        #qt_scrollarea_viewport, #{panel}Body {{ background: transparent; }}
    """


def field_width(font: QFont) -> int:
    """Width of a number field in ``font``: room for ``-000.00`` and the frame."""
    return QFontMetrics(font).horizontalAdvance("−000.00") + 14


class BodyScroll(QScrollArea):
    """The scroll area of :func:`scrolled_body`: it stops the body's layout requests.

    A label whose text changes asks its layout to recompute, and each layout passes that
    on to its parent's, up to the main window, which then lays out every dock again (a
    few ms, and a second paint pass, on every drag). A scroll area takes its child's
    requests itself. With ``keep_minimum`` it still asks for the body's minimum size, read
    whenever its own layout is recomputed (a resize, a new font): the dock gives the
    panel as much room as before and the body never scrolls, it only stops the requests.
    """

    def __init__(self, keep_minimum: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.keep_minimum = keep_minimum
        self._reported = QSize()

    def setWidget(self, body: QWidget) -> None:  # noqa: D102, N802 (Qt override)
        super().setWidget(body)
        body.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: D102, N802 (Qt override)
        own = super().minimumSizeHint()
        body = self.widget()
        if not self.keep_minimum or body is None:
            return own
        self._reported = own.expandedTo(body.minimumSizeHint())
        return self._reported

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: D102, N802
        # The body laid out anew: if it needs more room than was asked for, ask again (a
        # wider number); the usual change of digits asks nothing of the window.
        if (
            self.keep_minimum
            and event.type() == QEvent.Type.LayoutRequest
            and watched is self.widget()
        ):
            needed = self._reported.expandedTo(watched.minimumSizeHint())
            if needed != self._reported:
                self.updateGeometry()
        return super().eventFilter(watched, event)


def scrolled_body(panel: LessonView, keep_minimum: bool = False) -> QVBoxLayout:
    """A scrolling area filling ``panel``'s content; returns the layout to build into.

    A lesson in a dock shares its height with the other docks of its side: its content
    then scrolls rather than squeezing them (or being cut off). With ``keep_minimum`` the
    area asks for the body's minimum size instead, so that it does not scroll: it only
    keeps the body's changing numbers from laying out the main window (:class:`BodyScroll`).
    """
    body = QWidget()
    body.setObjectName(f"{panel.objectName()}Body")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    scroll = BodyScroll(keep_minimum)
    scroll.setObjectName(f"{panel.key}Scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    scroll.viewport().setAutoFillBackground(False)
    body.setAutoFillBackground(False)
    panel.content_layout.addWidget(scroll)
    return layout


class RowStrip(QScrollArea):
    """A row of per-class fields, scrolling sideways when K needs it, as tall as its rows.

    Its height follows the rows (a larger font, a theme's padding) and makes room for the
    scroll bar when one shows.
    """

    def __init__(self, rows: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(rows)  # the scroll area filters the rows' events (eventFilter)
        # The panel's background shows through (a scroll area fills its own otherwise).
        self.viewport().setAutoFillBackground(False)
        rows.setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: D102, N802 (Qt override)
        rows = self.widget().sizeHint()
        wide = rows.width() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if wide else 0
        return QSize(rows.width(), rows.height() + bar)

    def minimumSizeHint(self) -> QSize:  # noqa: D102, N802 (Qt override)
        return QSize(60, self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: D102, N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the rows' size changed: so does the strip's height
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: D102, N802 (Qt override)
        super().resizeEvent(event)
        self.updateGeometry()  # narrower or wider: the scroll bar may come or go


class SideBySide(QWidget):
    """Parts in a row when the row fits the width, else one above the other.

    A lesson shares a narrow dock with others and fills a wide figure: two small tables
    that sit side by side in a figure are stacked in the dock. The widget asks for the
    width of its widest part only (not of the row), so it never widens the dock.
    """

    def __init__(self, spacing: int = 18, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.box.addStretch(1)
        self.parts: list[QWidget] = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)

    def add(self, part: QWidget) -> None:
        """Append ``part`` (top-left aligned in its place)."""
        self.box.insertWidget(
            len(self.parts), part, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        self.parts.append(part)
        self.arrange()

    def row_width(self) -> int:
        """The width the parts need in a row."""
        shown = [part for part in self.parts if not part.isHidden()]
        widths = sum(part.sizeHint().width() for part in shown)
        return widths + self.box.spacing() * max(0, len(shown) - 1)

    def arrange(self) -> None:
        """Row or column for the current width (call after the parts' contents change)."""
        shown = [part for part in self.parts if not part.isHidden()]
        self.setMinimumWidth(max((part.minimumSizeHint().width() for part in shown), default=0))
        direction = (
            QBoxLayout.Direction.LeftToRight
            if self.width() >= self.row_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: D102, N802 (Qt override)
        super().resizeEvent(event)
        self.arrange()
