"""Colour themes: light (print and slides, the default), dark, and high contrast.

Every palette uses the Okabe-Ito colours, which stay distinguishable with the common
forms of colour blindness; no meaning rests on red versus green alone (gradient signs are
also told apart by arrow direction).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

from ..preferences import DEFAULT_THEME, THEME_NAMES

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Theme:
    """Colours and sizes shared by every view."""

    name: str
    background: str
    foreground: str
    grid_alpha: float
    bar: str  # logits and probabilities
    bar_selected: str
    target: str  # target distribution outline, target marker
    predicted: str  # argmax marker
    increase: str  # a descent step raises this logit (negative gradient)
    decrease: str  # a descent step lowers this logit (positive gradient)
    point: str  # current point on the surface
    path: str  # descent path
    contour: str
    field: str
    colormap: str
    font_size: int = 11  # points, before the user's font scale

    def halo(self, color: str) -> str:
        """The outline drawn under a mark of ``color`` on the colour map: black or white.

        Whichever stands out more from the mark: with it, a mark keeps a contrast of at
        least 3:1 on every colour of the map (tests/ui/test_theme.py), where one colour
        alone vanishes at one end of it (black arrows on the navy of cividis).
        """
        return (
            "#000000"
            if contrast_ratio(color, "#000000") >= contrast_ratio(color, "#ffffff")
            else "#ffffff"
        )

    def pen(self, color: str, width: float = 1.0, **options) -> pg.QtGui.QPen:
        """A cosmetic pen (width in pixels whatever the zoom)."""
        return pg.mkPen(color, width=width, **options)

    def brush(self, color: str, alpha: int = 255) -> pg.QtGui.QBrush:
        """A solid brush with optional transparency (0..255).

        One brush per colour and alpha, shared by every caller (do not modify it): views
        ask for their brushes on every render, and a bar layer recognises an unchanged
        brush by identity.
        """
        key = (color, alpha)
        brush = _BRUSHES.get(key)
        if brush is None:
            qcolor = QColor(color)
            qcolor.setAlpha(alpha)
            brush = _BRUSHES[key] = pg.mkBrush(qcolor)
        return brush


#: The brushes handed out by Theme.brush, by colour and alpha.
_BRUSHES: dict[tuple[str, int], pg.QtGui.QBrush] = {}


THEMES = {
    "light": Theme(
        name="light",
        background="#ffffff",
        foreground="#1a1a1a",
        grid_alpha=0.25,
        bar=OKABE_ITO["blue"],
        bar_selected=OKABE_ITO["sky"],
        target=OKABE_ITO["vermillion"],
        predicted=OKABE_ITO["orange"],
        increase=OKABE_ITO["blue"],
        decrease=OKABE_ITO["orange"],
        point="#ffffff",
        # Sky, not vermillion: a mid-dark colour no outline keeps readable on viridis.
        path=OKABE_ITO["sky"],
        contour="#ffffff",
        field="#ffffff",
        colormap="viridis",
    ),
    "dark": Theme(
        name="dark",
        background="#1e1f22",
        foreground="#e8e8e8",
        grid_alpha=0.2,
        bar=OKABE_ITO["sky"],
        bar_selected=OKABE_ITO["yellow"],
        target=OKABE_ITO["vermillion"],
        predicted=OKABE_ITO["orange"],
        increase=OKABE_ITO["sky"],
        decrease=OKABE_ITO["orange"],
        point="#ffffff",
        path=OKABE_ITO["yellow"],
        contour="#ffffff",
        field="#ffffff",
        colormap="inferno",
    ),
    "contrast": Theme(
        name="contrast",
        background="#ffffff",
        foreground="#000000",
        grid_alpha=0.4,
        bar="#000000",
        bar_selected=OKABE_ITO["blue"],
        target=OKABE_ITO["vermillion"],
        # Orange, not blue: the descent arrow drawn in it vanished on cividis' navy.
        predicted=OKABE_ITO["orange"],
        increase=OKABE_ITO["blue"],
        decrease=OKABE_ITO["vermillion"],
        point="#ffffff",
        path=OKABE_ITO["yellow"],
        contour="#000000",
        field="#000000",
        colormap="cividis",
    ),
}


assert tuple(THEMES) == THEME_NAMES, "explorer.preferences lists the themes defined here"


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour ``"#rrggbb"``, from 0 (black) to 1."""
    channels = []
    for index in (1, 3, 5):
        value = int(color[index : index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def get_theme(name: str) -> Theme:
    """The theme called ``name`` (the default when unknown)."""
    return THEMES.get(name, THEMES[DEFAULT_THEME])


def style_plot(plot: pg.PlotItem, theme: Theme, font_scale: float = 1.0) -> None:
    """Apply ``theme`` to a plot's axes, title and grid; axis values never get SI prefixes."""
    size = round(theme.font_size * font_scale)
    font = QFont()
    font.setPointSize(size)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(theme.pen(theme.foreground))
        axis.setTextPen(theme.pen(theme.foreground))
        axis.setStyle(tickFont=font)
        if axis.labelText:
            set_axis_label(plot, name, axis.labelText, theme, font_scale)
        disable_si_prefix(axis)
    bottom = plot.getAxis("bottom")
    # pyqtgraph sizes an axis from the tick labels it measured at its last paint, so a
    # larger font (figures, presentation mode) clipped their descenders ("dog"). A
    # labelled axis is left to pyqtgraph, which adds the label's height.
    bottom.setHeight(None if bottom.labelText else math.ceil(QFontMetricsF(font).height()) + 6)
    # No axis grid: pyqtgraph draws it inside the axis items, which then cover the whole
    # plot and repaint (about 1 ms each) whenever any item in the plot changes.
    plot.showGrid(x=False, y=False)
    title = plot.titleLabel
    if title.text:
        title.setText(title.text, color=theme.foreground, size=f"{size + 1}pt", bold=True)


def set_axis_label(
    plot: pg.PlotItem, side: str, text: str, theme: Theme, font_scale: float = 1.0
) -> None:
    """Name one axis of ``plot`` in ``theme``'s style, leaving the other axes as they are.

    A view that renames an axis on a change (the losses panel's "logit of <the true
    class>") calls this rather than :func:`style_plot`: restyling every axis makes each
    lay out its tick labels again on the next paint, about 1 ms an axis.
    """
    size = round(theme.font_size * font_scale)
    axis = plot.getAxis(side)
    # AxisItem.setLabel takes CSS properties ("font-size"), unlike titles ("size"), and
    # resets the SI-prefix ranges, so the prefix is disabled after it.
    axis.setLabel(
        text,
        units=axis.labelUnits,
        siPrefixEnableRanges=(),
        **{"color": theme.foreground, "font-size": f"{size}pt"},
    )
    disable_si_prefix(axis)


def disable_si_prefix(axis: pg.AxisItem) -> None:
    """Never scale axis values by an SI prefix ("x0.001").

    pyqtgraph 0.14's ``enableAutoSIPrefix(False)`` still computes a scale once (for ranges
    inside (0, 1) when the axis has no units) and then freezes it; with no eligible range
    the scale stays 1.
    """
    axis.setSIPrefixEnableRanges(())
    axis.enableAutoSIPrefix(False)


def apply_application_palette(theme: Theme) -> None:
    """Match Qt's widget palette to ``theme`` (dark theme darkens the controls too)."""
    app = QApplication.instance()
    if app is None:
        return
    if theme.name == "dark":
        palette = QPalette()
        base = QColor("#2b2d31")
        text = QColor(theme.foreground)
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.background))
        palette.setColor(QPalette.ColorRole.WindowText, text)
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#33363b"))
        palette.setColor(QPalette.ColorRole.Text, text)
        palette.setColor(QPalette.ColorRole.Button, base)
        palette.setColor(QPalette.ColorRole.ButtonText, text)
        palette.setColor(QPalette.ColorRole.ToolTipBase, base)
        palette.setColor(QPalette.ColorRole.ToolTipText, text)
        palette.setColor(QPalette.ColorRole.Highlight, QColor(OKABE_ITO["blue"]))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        app.setPalette(palette)
    else:
        app.setPalette(app.style().standardPalette())
