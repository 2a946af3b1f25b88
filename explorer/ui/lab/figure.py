"""Clean figures of the lab for slides: the regions, the curves, or both side by side.

New view instances bound to the same :class:`LabModel`, in figure mode (no selection
marks, no interaction), exported with :func:`explorer.ui.export.export_widget`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...preferences import DEFAULT_THEME
from ..theme import get_theme
from .curves_view import CurvesView
from .model import LabModel
from .panel import LabPanel
from .regions_view import RegionsView

#: The lab's figure views, as ``render --lab --view`` and the Export menu name them.
LAB_FIGURE_VIEWS = ("regions", "curves", "lab")


class LabFigure(QWidget):
    """A clean figure of ``view`` (one of :data:`LAB_FIGURE_VIEWS`) of ``model``."""

    def __init__(
        self,
        model: LabModel,
        view: str = "lab",
        font_scale: float = 1.4,
        theme: str = DEFAULT_THEME,
    ):
        super().__init__()
        if view not in LAB_FIGURE_VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of {', '.join(LAB_FIGURE_VIEWS)}")
        self.setObjectName("labFigure")
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.views: list[LabPanel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        if view in ("regions", "lab"):
            self.views.append(RegionsView(model))
            layout.addWidget(self.views[-1], 3)
        if view in ("curves", "lab"):
            self.views.append(CurvesView(model))
            layout.addWidget(self.views[-1], 2)
        for item in self.views:
            item.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            item.figure_mode = True  # (set_theme then draws the figure's way)
            item.set_theme(theme, font_scale)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(get_theme(theme).background))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
