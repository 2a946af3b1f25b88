"""Contour lines of a gridded function by vectorised marching squares (no Python loop per cell).

pyqtgraph's ``isocurve`` walks the grid in Python; here every cell of a level is handled by
a handful of array operations, and the result is a flat list of line segments that one
``connect="pairs"`` plot item draws.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array


def nice_levels(low: float, high: float, count: int = 10) -> np.ndarray:
    """About ``count`` round contour levels strictly inside ``(low, high)``.

    Examples
    --------
    >>> nice_levels(0.0, 10.0, 5).tolist()
    [2.0, 4.0, 6.0, 8.0]
    """
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low or count < 1:
        return np.empty(0)
    raw_step = (high - low) / count
    magnitude = 10 ** np.floor(np.log10(raw_step))
    step = magnitude * min(m for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first = np.floor(low / step) * step + step
    levels = np.arange(first, high, step)
    return levels[(levels > low) & (levels < high)]


def contour_segments(
    values: ArrayLike, levels: ArrayLike, x: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """Line segments of the contours of ``values`` at ``levels``.

    Parameters
    ----------
    values : array_like
        ``(len(y), len(x))`` samples, ``values[r, c]`` at ``(x[c], y[r])``.
    levels : array_like
        Contour levels.
    x, y : array_like
        Increasing grid coordinates.

    Returns
    -------
    numpy.ndarray
        ``(M, 2, 2)``: segment ``m`` runs from ``(x, y) = out[m, 0]`` to ``out[m, 1]``.
        Saddle cells are split by the value at the cell centre (mean of its corners).

    Examples
    --------
    >>> grid = np.add.outer(np.zeros(2), np.array([0.0, 1.0]))  # f(x, y) = x on [0, 1]^2
    >>> contour_segments(grid, [0.5], [0.0, 1.0], [0.0, 1.0]).tolist()
    [[[0.5, 0.0], [0.5, 1.0]]]
    """
    grid = as_float_array(values, "values")
    xs = np.asarray(x, dtype=grid.dtype)
    ys = np.asarray(y, dtype=grid.dtype)
    if grid.ndim != 2 or grid.shape != (ys.size, xs.size):
        raise ValueError(f"values must have shape (len(y), len(x)); got {grid.shape}")
    pieces = [_level_segments(grid, float(level), xs, ys) for level in np.atleast_1d(levels)]
    pieces = [piece for piece in pieces if piece.size]
    if not pieces:
        return np.empty((0, 2, 2), dtype=grid.dtype)
    return np.concatenate(pieces)


def _crossing(v0, v1, p0, p1, level):
    with np.errstate(invalid="ignore", divide="ignore"):
        t = (level - v0) / (v1 - v0)
    return p0 + np.clip(np.nan_to_num(t), 0, 1) * (p1 - p0)


def _level_segments(grid, level, xs, ys):
    above = grid > level
    bottom_left, bottom_right = above[:-1, :-1], above[:-1, 1:]
    top_left, top_right = above[1:, :-1], above[1:, 1:]
    crosses = {
        "bottom": bottom_left != bottom_right,
        "top": top_left != top_right,
        "left": bottom_left != top_left,
        "right": bottom_right != top_right,
    }
    count = sum(mask.astype(np.int8) for mask in crosses.values())
    if not count.any():
        return np.empty((0, 2, 2), dtype=grid.dtype)

    rows, cols = np.nonzero(count)
    v_bl, v_br = grid[rows, cols], grid[rows, cols + 1]
    v_tl, v_tr = grid[rows + 1, cols], grid[rows + 1, cols + 1]
    x0, x1, y0, y1 = xs[cols], xs[cols + 1], ys[rows], ys[rows + 1]
    points = {
        "bottom": np.stack([_crossing(v_bl, v_br, x0, x1, level), y0], axis=-1),
        "top": np.stack([_crossing(v_tl, v_tr, x0, x1, level), y1], axis=-1),
        "left": np.stack([x0, _crossing(v_bl, v_tl, y0, y1, level)], axis=-1),
        "right": np.stack([x1, _crossing(v_br, v_tr, y0, y1, level)], axis=-1),
    }
    flags = {edge: mask[rows, cols] for edge, mask in crosses.items()}
    two = count[rows, cols] == 2
    segments = []
    edges = ("bottom", "top", "left", "right")
    for i, first in enumerate(edges):
        for second in edges[i + 1 :]:
            mask = two & flags[first] & flags[second]
            if mask.any():
                segments.append(np.stack([points[first][mask], points[second][mask]], axis=1))
    saddle = count[rows, cols] == 4
    if saddle.any():
        centre_above = (v_bl + v_br + v_tl + v_tr)[saddle] / 4 > level
        corner_above = above[:-1, :-1][rows, cols][saddle]
        # If the centre sides with the bottom-left corner, cut off the other two corners.
        joined = centre_above == corner_above
        pairs = [(("bottom", "right"), ("top", "left")), (("bottom", "left"), ("top", "right"))]
        for choice, mask in ((pairs[0], joined), (pairs[1], ~joined)):
            for first, second in choice:
                chosen = np.stack(
                    [points[first][saddle][mask], points[second][saddle][mask]], axis=1
                )
                if chosen.size:
                    segments.append(chosen)
    if not segments:
        return np.empty((0, 2, 2), dtype=grid.dtype)
    return np.concatenate(segments)
