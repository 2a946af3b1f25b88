"""Class colours of the lab and the decision-region picture (argmax colour, confidence shade)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from ..theme import OKABE_ITO, Theme

#: One colour per class (K <= 8), Okabe-Ito: distinguishable with common colour blindness.
CLASS_COLORS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["purple"],
    OKABE_ITO["sky"],
    OKABE_ITO["yellow"],
    "#555555",
)
#: Confidence levels of the shading table: more than the eye tells apart.
SHADES = 48
#: How much of a class's colour a region shows at the least and at full confidence.
MIN_MIX, MAX_MIX = 0.10, 0.62


def class_color(index: int, theme: Theme | None = None) -> str:
    """The colour of class ``index`` (its 8th class is light grey in the dark theme)."""
    color = CLASS_COLORS[index % len(CLASS_COLORS)]
    if theme is not None and theme.name == "dark" and color == "#555555":
        return "#bbbbbb"
    return color


def shade_table(classes: int, theme: Theme) -> np.ndarray:
    """``(classes * SHADES, 3)`` uint8 colours: class ``k`` at shade ``s`` is row ``k*SHADES+s``.

    Shade 0 is the least confident prediction (1/K), shade ``SHADES - 1`` full confidence:
    the class colour mixed into the background from ``MIN_MIX`` to ``MAX_MIX``.
    """
    background = np.array(QColor(theme.background).getRgb()[:3], dtype=float)
    mix = np.linspace(MIN_MIX, MAX_MIX, SHADES)[:, None]
    rows = []
    for k in range(classes):
        color = np.array(QColor(class_color(k, theme)).getRgb()[:3], dtype=float)
        rows.append(background + (color - background) * mix)
    return np.round(np.concatenate(rows)).astype(np.uint8)


def region_image(
    predicted: np.ndarray, confidence: np.ndarray, classes: int, table: np.ndarray
) -> np.ndarray:
    """RGB picture ``(rows, columns, 3)`` of the argmax ``predicted`` shaded by ``confidence``.

    ``confidence`` is the winning probability, from ``1/K`` (a tie of all classes) to 1.
    """
    floor = 1.0 / classes
    level = (confidence - floor) * ((SHADES - 1) / max(1.0 - floor, 1e-12))
    shade = np.clip(level, 0, SHADES - 1).astype(np.intp)
    return table[predicted.astype(np.intp) * SHADES + shade]
