"""The base of the lab's plots: a widget bound to a :class:`LabModel` that redraws on change."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from ..theme import DEFAULT_THEME, Theme, get_theme
from ..view import tune_graphics_view
from .model import EVERYTHING, LabChange, LabModel


class LabPanel(QWidget):
    """A lab view: builds its items once, redraws what a :class:`LabChange` touches.

    Subclasses build their widgets, then call :meth:`attach`; they implement
    :meth:`refresh` and :meth:`apply_theme`.
    """

    def __init__(self, model: LabModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.theme: Theme = get_theme(DEFAULT_THEME)
        self.font_scale = 1.0
        self.figure_mode = False
        self.setAutoFillBackground(True)

    def attach(self) -> None:
        """Style the canvases, connect to the model and draw everything once."""
        self.apply_theme()
        for canvas in self.findChildren(pg.GraphicsView):
            tune_graphics_view(canvas)
        self.model.changed.connect(self._on_model_changed)
        self.refresh(EVERYTHING)

    def _on_model_changed(self, change: LabChange) -> None:
        self.refresh(change)

    def refresh(self, change: LabChange) -> None:
        """Redraw what ``change`` touched."""
        raise NotImplementedError

    def apply_theme(self) -> None:
        """Colours and fonts of the items (then :meth:`refresh` redraws everything)."""
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(self.theme.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(self.theme.foreground))
        self.setPalette(palette)
        for canvas in self.findChildren(pg.GraphicsView):
            canvas.setBackground(self.theme.background)

    def set_theme(self, theme: Theme | str, font_scale: float | None = None) -> None:
        """Draw in ``theme`` (and at ``font_scale``) from now on."""
        self.theme = get_theme(theme) if isinstance(theme, str) else theme
        if font_scale is not None:
            self.font_scale = font_scale
        self.apply_theme()
        for canvas in self.findChildren(pg.GraphicsView):
            tune_graphics_view(canvas)
        self.refresh(EVERYTHING)

    def set_figure_mode(self, enabled: bool) -> None:
        """Draw a clean figure: no selection marks or interaction hints."""
        self.figure_mode = enabled
        self.apply_theme()
        self.refresh(EVERYTHING)
