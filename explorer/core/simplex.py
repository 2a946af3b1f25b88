"""The probability simplex of three classes drawn as a triangle."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

#: Triangle corners in the plane: class 0 bottom-left, class 1 bottom-right, class 2 on top.
SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def simplex_to_xy(probabilities: ArrayLike) -> np.ndarray:
    """Map distributions over 3 classes ``(..., 3)`` to points of the triangle ``(..., 2)``.

    Examples
    --------
    >>> simplex_to_xy([1.0, 0.0, 0.0]).tolist()
    [0.0, 0.0]
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    if probs.shape[-1] != 3:
        raise ValueError(f"the simplex view needs 3 classes; got {probs.shape[-1]}")
    return probs @ SIMPLEX_CORNERS


def xy_to_simplex(points: ArrayLike) -> np.ndarray:
    """Barycentric coordinates ``(..., 3)`` of plane points ``(..., 2)`` (negative outside).

    Examples
    --------
    >>> np.round(xy_to_simplex([0.5, np.sqrt(3) / 6]), 12).tolist()
    [0.333333333333, 0.333333333333, 0.333333333333]
    """
    xy = np.asarray(points, dtype=np.float64)
    height = SIMPLEX_CORNERS[2, 1]
    p2 = xy[..., 1] / height
    p1 = xy[..., 0] - 0.5 * p2
    p0 = 1.0 - p1 - p2
    return np.stack([p0, p1, p2], axis=-1)


def simplex_grid(resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel centres covering the triangle's bounding box.

    Returns
    -------
    tuple
        ``(x, y, probabilities)``: ``x`` of length ``resolution``, ``y`` of length
        ``round(resolution * sqrt(3) / 2)``, and ``(len(y), len(x), 3)`` barycentric
        coordinates (NaN outside the triangle).
    """
    width = int(resolution)
    rows = max(2, round(width * SIMPLEX_CORNERS[2, 1]))
    x = (np.arange(width) + 0.5) / width
    y = (np.arange(rows) + 0.5) / rows * SIMPLEX_CORNERS[2, 1]
    probs = xy_to_simplex(np.stack(np.meshgrid(x, y), axis=-1))
    outside = np.any(probs < 0, axis=-1)
    probs[outside] = np.nan
    return x, y, probs
