"""Contour lines of a gridded function by vectorised marching squares (no Python loop per cell).

pyqtgraph's ``isocurve`` walks the grid in Python; here every cell of a level is handled by
a handful of array operations, and the result is a flat list of line segments that one
``connect="pairs"`` plot item draws.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array


def nice_step(raw: float, mantissas: tuple[float, ...] = (1, 2, 2.5, 5, 10)) -> float:
    """The smallest ``m * 10**k`` (``m`` from ``mantissas``) that is at least ``raw > 0``.

    The round step of axes, colour scales and contour levels.

    Examples
    --------
    >>> nice_step(0.3), nice_step(2.4), nice_step(2.4, (1, 2, 5, 10))
    (0.5, 2.5, 5.0)
    """
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return float(magnitude * min(m for m in mantissas if m * magnitude >= raw))


def nice_levels(low: float, high: float, count: int = 10) -> np.ndarray:
    """About ``count`` round contour levels strictly inside ``(low, high)``.

    Examples
    --------
    >>> nice_levels(0.0, 10.0, 5).tolist()
    [2.0, 4.0, 6.0, 8.0]
    """
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low or count < 1:
        return np.empty(0)
    step = nice_step((high - low) / count)
    first = np.floor(low / step) * step + step
    levels = np.arange(first, high, step)
    return levels[(levels > low) & (levels < high)]


def contour_segments(
    values: ArrayLike, levels: ArrayLike, x: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """Line segments of the contours of ``values`` at ``levels``.

    Every level is handled at once: each vertex gets the number of levels below it
    (``searchsorted``), a cell crosses exactly the levels between its corners' smallest and
    largest count, and only those (cell, level) pairs are interpolated. The cost is one
    pass over the grid plus the crossings, whatever the number of levels.

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
    empty = np.empty((0, 2, 2), dtype=grid.dtype)
    level_values = np.sort(np.asarray(levels, dtype=grid.dtype).ravel())
    if level_values.size == 0 or grid.shape[0] < 2 or grid.shape[1] < 2:
        return empty
    # Levels strictly below each vertex: vertex above level j  <=>  j < below[vertex].
    # NaN vertices count as below every level (searchsorted puts NaN last: fix that).
    below = np.searchsorted(level_values, grid, side="left")
    below[np.isnan(grid)] = 0
    if level_values.size < np.iinfo(np.int16).max:
        below = below.astype(np.int16)  # narrower: the corner min/max below go faster
    corners = (below[:-1, :-1], below[:-1, 1:], below[1:, :-1], below[1:, 1:])
    low = np.minimum(np.minimum(corners[0], corners[1]), np.minimum(corners[2], corners[3]))
    high = np.maximum(np.maximum(corners[0], corners[1]), np.maximum(corners[2], corners[3]))
    rows, cols = np.nonzero(high > low)
    if rows.size == 0:
        return empty
    cells = rows * low.shape[1] + cols  # flat indices: take() is far cheaper than [r, c]
    counts = (high - low).ravel().take(cells)
    first_level = low.ravel().take(cells)
    # One entry per (cell, crossed level): level indices first_level .. first_level+count-1.
    rows = np.repeat(rows, counts)
    cols = np.repeat(cols, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    level_index = np.repeat(first_level, counts) + offsets
    level = level_values.take(level_index)

    width = grid.shape[1]
    bottom_left = rows * width + cols  # the cell's corners in the flat grid
    top_left = bottom_left + width
    flat_grid, flat_below = grid.ravel(), below.ravel()
    v_bl, v_br = flat_grid.take(bottom_left), flat_grid.take(bottom_left + 1)
    v_tl, v_tr = flat_grid.take(top_left), flat_grid.take(top_left + 1)
    above_bl = level_index < flat_below.take(bottom_left)
    above_br = level_index < flat_below.take(bottom_left + 1)
    above_tl = level_index < flat_below.take(top_left)
    above_tr = level_index < flat_below.take(top_left + 1)
    x0, x1, y0, y1 = xs.take(cols), xs.take(cols + 1), ys.take(rows), ys.take(rows + 1)
    points = {
        "bottom": np.stack([_crossing(v_bl, v_br, x0, x1, level), y0], axis=-1),
        "top": np.stack([_crossing(v_tl, v_tr, x0, x1, level), y1], axis=-1),
        "left": np.stack([x0, _crossing(v_bl, v_tl, y0, y1, level)], axis=-1),
        "right": np.stack([x1, _crossing(v_br, v_tr, y0, y1, level)], axis=-1),
    }
    flags = {
        "bottom": above_bl != above_br,
        "top": above_tl != above_tr,
        "left": above_bl != above_tl,
        "right": above_br != above_tr,
    }
    count = sum(flag.astype(np.int8) for flag in flags.values())
    two = count == 2
    segments = []
    edges = ("bottom", "top", "left", "right")
    for i, first in enumerate(edges):
        for second in edges[i + 1 :]:
            mask = two & flags[first] & flags[second]
            if mask.any():
                segments.append(np.stack([points[first][mask], points[second][mask]], axis=1))
    saddle = count == 4
    if saddle.any():
        centre_above = (v_bl + v_br + v_tl + v_tr)[saddle] / 4 > level[saddle]
        # If the centre sides with the bottom-left corner, cut off the other two corners.
        joined = centre_above == above_bl[saddle]
        pairs = [(("bottom", "right"), ("top", "left")), (("bottom", "left"), ("top", "right"))]
        for choice, mask in ((pairs[0], joined), (pairs[1], ~joined)):
            for first, second in choice:
                chosen = np.stack(
                    [points[first][saddle][mask], points[second][saddle][mask]], axis=1
                )
                if chosen.size:
                    segments.append(chosen)
    if not segments:
        return empty
    return np.concatenate(segments)


def _crossing(v0, v1, p0, p1, level):
    with np.errstate(invalid="ignore", divide="ignore"):
        t = (level - v0) / (v1 - v0)
    t[np.isnan(t)] = 0.0  # 0 / 0: an edge lying on the level
    np.clip(t, 0, 1, out=t)
    return p0 + t * (p1 - p0)
