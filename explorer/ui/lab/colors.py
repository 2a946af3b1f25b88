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
#: Confidence levels of the shading: 8 classes x 32 shades fill a 256-colour lookup table,
#: so the regions are one 8-bit image that Qt colours by table (no RGB image per frame).
SHADES = 32
#: How much of a class's colour a region shows at the least and at full confidence.
MIN_MIX, MAX_MIX = 0.10, 0.62


def class_color(index: int, theme: Theme | None = None) -> str:
    """The colour of class ``index`` (its 8th class is light grey in the dark theme)."""
    color = CLASS_COLORS[index % len(CLASS_COLORS)]
    if theme is not None and theme.name == "dark" and color == "#555555":
        return "#bbbbbb"
    return color


def shade_table(classes: int, theme: Theme) -> np.ndarray:
    """``(256, 3)`` uint8 colours: class ``k`` at shade ``s`` is row ``k * SHADES + s``.

    Shade 0 is the least confident prediction (1/K), shade ``SHADES - 1`` full confidence:
    the class colour mixed into the background from ``MIN_MIX`` to ``MAX_MIX``. Rows past
    the classes' are the background.
    """
    background = np.array(QColor(theme.background).getRgb()[:3], dtype=float)
    mix = np.linspace(MIN_MIX, MAX_MIX, SHADES)[:, None]
    table = np.tile(background, (256, 1))
    for k in range(classes):
        color = np.array(QColor(class_color(k, theme)).getRgb()[:3], dtype=float)
        table[k * SHADES : (k + 1) * SHADES] = background + (color - background) * mix
    return np.round(table).astype(np.uint8)


def region_indices(
    predicted: np.ndarray, confidence: np.ndarray, classes: int, out: np.ndarray | None = None
) -> np.ndarray:
    """Rows of :func:`shade_table` for the argmax ``predicted`` shaded by ``confidence``.

    ``confidence`` is the winning probability, from ``1/K`` (a tie of all classes) to 1.
    Returns a uint8 array shaped like ``predicted`` (``out`` if given).

    >>> region_indices(np.array([0, 2]), np.array([1 / 3, 1.0]), 3).tolist()
    [0, 95]
    """
    floor = 1.0 / classes
    level = np.subtract(confidence, floor, dtype=np.float32)
    level *= np.float32((SHADES - 1) / max(1.0 - floor, 1e-12))
    np.clip(level, 0, SHADES - 1, out=level)
    level += np.multiply(predicted, SHADES, dtype=np.float32)
    if out is None:
        out = np.empty(predicted.shape, dtype=np.uint8)
    np.copyto(out, level, casting="unsafe")
    return out
