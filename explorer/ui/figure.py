"""Figures for slides: the plots alone (no controls, handles or focus frames) at any size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ..panels import PANELS, WINDOW_FIGURE, figure_views
from ..preferences import DEFAULT_THEME
from ..session import ExplorerSession
from .readouts import formula_text
from .theme import get_theme
from .view import ExplorerView

REFERENCE_HEIGHT = 720  # text sized for this height is readable from the back of a hall


def figure_font_scale(width: int, height: int, view: str) -> float:
    """Text scale of a figure of ``width`` x ``height`` pixels (logical).

    Slides are viewed whole, so text grows with the figure: a single plot at 1280 x 720
    gets 1.6x the interface's text size, the whole-window figure a little less.
    """
    base = 1.6 if view != WINDOW_FIGURE else 1.35
    return max(1.0, base * min(width / 1280, height / REFERENCE_HEIGHT) ** 0.8)


class FigureWidget(QWidget):
    """A clean figure of one panel (or of all the plots) of ``session``, in ``theme``.

    The views are new instances bound to the same session, in figure mode, so the live
    window is untouched and nothing interactive is drawn. Which panels exist, and where
    they sit in the figure of every plot, comes from the panel registry.
    """

    def __init__(
        self,
        session: ExplorerSession,
        view: str = WINDOW_FIGURE,
        font_scale: float = 1.5,
        theme: str = DEFAULT_THEME,
    ):
        super().__init__()
        choices = figure_views()
        if view not in choices:
            raise ValueError(f"unknown view {view!r}; choose one of {', '.join(choices)}")
        if view != WINDOW_FIGURE and not PANELS[view].is_available(session.state):
            raise ValueError(PANELS[view].requirement or f"{view} does not apply to this scene")
        self.setObjectName("figure")
        self.session = session
        self.view_name = view
        self.theme_name = theme
        self.views: list[ExplorerView] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        if view == WINDOW_FIGURE:
            self._build_window_figure(layout)
        else:
            layout.addWidget(self._add(PANELS[view].view_class()), 0, 0)
        for item in self.views:
            item.font_scale = font_scale
            item.theme = get_theme(theme)
            item.restyle()
            item.set_figure_mode(True)
        self.apply_background()
        self._update_caption()
        session.changed.connect(self._on_session_changed)

    def _add(self, view_class) -> ExplorerView:
        view = view_class(self.session)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.views.append(view)
        return view

    def _build_window_figure(self, layout: QGridLayout) -> None:
        """Column 0 stacks the small plots, column 1 is the main one, column 2 beside it."""
        state = self.session.state
        columns: dict[int, list] = {0: [], 1: [], 2: []}
        for spec in PANELS.values():
            if spec.window_figure_column is not None and spec.is_available(state):
                columns[spec.window_figure_column].append(spec)
        rows = max(1, len(columns[0]))
        for row, spec in enumerate(columns[0]):
            layout.addWidget(self._add(spec.view_class()), row, 0)
        for column, stretch in ((1, 3), (2, 2)):
            for spec in columns[column]:
                layout.addWidget(self._add(spec.view_class()), 0, layout.columnCount(), rows, 1)
                layout.setColumnStretch(layout.columnCount() - 1, stretch)
        if columns[0]:
            layout.setColumnStretch(0, 2)
        self.caption = QLabel()
        self.caption.setObjectName("figureCaption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption, rows, 0, 1, layout.columnCount())

    def _update_caption(self) -> None:
        if self.view_name != WINDOW_FIGURE:
            return
        theme = self.views[0].theme
        font = self.views[0].font_scale
        self.caption.setText(
            f"<span style='color:{theme.foreground}; font-size:{round(15 * font)}pt'>"
            f"{formula_text(self.session.state, self.session.derived)}</span>"
        )

    def apply_background(self) -> None:
        """Fill the figure with the theme's background colour."""
        theme = get_theme(self.theme_name)
        self.setStyleSheet(f"QWidget#figure {{ background: {theme.background}; }}")
        self.setAutoFillBackground(True)

    def _on_session_changed(self, change) -> None:
        self._update_caption()
