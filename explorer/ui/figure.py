"""Figures for slides: the plots alone (no controls, handles or focus frames) at any size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ..session import ExplorerSession
from .bar_plots import GradientPlot, ProbabilityPlot
from .logit_editor import LogitEditor
from .readouts import formula_text
from .simplex_view import SimplexView
from .surface_view import LossSurfaceView
from .theme import get_theme
from .view import ExplorerView

FIGURE_VIEWS = ("window", "logits", "probabilities", "gradient", "surface", "simplex")
_SINGLE = {
    "logits": LogitEditor,
    "probabilities": ProbabilityPlot,
    "gradient": GradientPlot,
    "surface": LossSurfaceView,
    "simplex": SimplexView,
}
REFERENCE_HEIGHT = 720  # text sized for this height is readable from the back of a hall


def figure_font_scale(width: int, height: int, view: str) -> float:
    """Text scale of a figure of ``width`` x ``height`` pixels (logical).

    Slides are viewed whole, so text grows with the figure: a single plot at 1280 x 720
    gets 1.6x the interface's text size, the whole-window figure a little less.
    """
    base = 1.6 if view != "window" else 1.35
    return max(1.0, base * min(width / 1280, height / REFERENCE_HEIGHT) ** 0.8)


class FigureWidget(QWidget):
    """A clean figure of one view (or of all the plots) of ``session``.

    The views are new instances bound to the same session, in figure mode, so the live
    window is untouched and nothing interactive is drawn.
    """

    def __init__(
        self,
        session: ExplorerSession,
        view: str = "window",
        font_scale: float = 1.5,
        theme: str | None = None,
    ):
        super().__init__()
        if view not in FIGURE_VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of {', '.join(FIGURE_VIEWS)}")
        self.setObjectName("figure")
        self.session = session
        self.view_name = view
        self.views: list[ExplorerView] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        if view == "window":
            self._build_window_figure(layout)
        else:
            layout.addWidget(self._add(_SINGLE[view]), 0, 0)
        self.theme_override = theme
        for item in self.views:
            item.font_scale = font_scale
            if theme is not None:
                item.theme_override = get_theme(theme)
                item.theme = item.theme_override
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
        layout.addWidget(self._add(LogitEditor), 0, 0)
        layout.addWidget(self._add(ProbabilityPlot), 1, 0)
        layout.addWidget(self._add(GradientPlot), 2, 0)
        layout.addWidget(self._add(LossSurfaceView), 0, 1, 3, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        if self.session.state.num_classes == 3:
            layout.addWidget(self._add(SimplexView), 0, 2, 3, 1)
            layout.setColumnStretch(2, 2)
        self.caption = QLabel()
        self.caption.setObjectName("figureCaption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption, 3, 0, 1, layout.columnCount())

    def _update_caption(self) -> None:
        if self.view_name != "window":
            return
        theme = self.views[0].theme
        font = self.views[0].font_scale
        self.caption.setText(
            f"<span style='color:{theme.foreground}; font-size:{round(15 * font)}pt'>"
            f"{formula_text(self.session.state, self.session.derived)}</span>"
        )

    def apply_background(self) -> None:
        """Fill the figure with the theme's background colour."""
        theme = self.views[0].theme
        self.setStyleSheet(f"QWidget#figure {{ background: {theme.background}; }}")
        self.setAutoFillBackground(True)

    def _on_session_changed(self, change) -> None:
        if "theme" in change.fields:
            self.apply_background()
        self._update_caption()
