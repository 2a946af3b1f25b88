"""Contour lines of a gridded function by vectorised marching squares (no Python loop per cell).

pyqtgraph's ``isocurve`` walks the grid in Python; here every cell of a level is handled by
a handful of array operations, and the result is a flat list of line segments that a view
draws in one call.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array
from .nice import nice_levels, nice_step  # re-exported: their home is explorer.core.nice


def contour_segments(
    values: ArrayLike, levels: ArrayLike, x: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """Line segments of the contours of ``values`` at ``levels``.

    Every level is handled at once: each vertex gets the number of levels below it (one
    vectorised comparison per level, a binary search beyond 32 levels), a cell crosses
    exactly the levels between its corners' smallest and largest count, and only those
    (cell, level) pairs are interpolated, the four edges of all of them together. The cost
    is a few passes over the grid plus the crossings.

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
    # Contiguous: a strided view (a subsampled grid) would be copied by every pass below.
    grid = np.ascontiguousarray(as_float_array(values, "values"))
    xs = np.asarray(x, dtype=grid.dtype)
    ys = np.asarray(y, dtype=grid.dtype)
    if grid.ndim != 2 or grid.shape != (ys.size, xs.size):
        raise ValueError(f"values must have shape (len(y), len(x)); got {grid.shape}")
    empty = np.empty((0, 2, 2), dtype=grid.dtype)
    level_values = np.sort(np.asarray(levels, dtype=grid.dtype).ravel())
    if level_values.size == 0 or grid.shape[0] < 2 or grid.shape[1] < 2:
        return empty
    below = _levels_below(grid, level_values)
    corners = (below[:-1, :-1], below[:-1, 1:], below[1:, :-1], below[1:, 1:])
    low = np.minimum(np.minimum(corners[0], corners[1]), np.minimum(corners[2], corners[3]))
    high = np.maximum(np.maximum(corners[0], corners[1]), np.maximum(corners[2], corners[3]))
    # Flat indices: 1-D nonzero has a fast path (2-D steps an iterator per cell), and
    # take() is far cheaper than [r, c].
    cells = np.flatnonzero(high > low)
    if cells.size == 0:
        return empty
    rows, cols = np.divmod(cells, low.shape[1])
    counts = (high - low).ravel().take(cells)
    level_index = low.ravel().take(cells)  # the first level each cell crosses
    if counts.max() > 1:
        # One entry per (cell, crossed level): level indices first .. first + count - 1.
        # (A dozen levels over a surface's grid never need this; many levels or a steep
        # patch do.)
        counts = counts.astype(np.intp)
        rows = np.repeat(rows, counts)
        cols = np.repeat(cols, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        level_index = np.repeat(level_index, counts) + offsets
    level = level_values.take(level_index)

    # The four corners of every cell at once, rows bottom left, bottom right, top right,
    # top left; then the four edges, rows bottom, right, top, left (each from its _START
    # corner to its _END corner).
    width = grid.shape[1]
    corner = (rows * width + cols) + np.array([0, 1, width + 1, width])[:, None]
    value = grid.ravel().take(corner)
    above = level_index < below.ravel().take(corner)
    crossed = above[_START] != above[_END]
    start = value[_START]
    with np.errstate(invalid="ignore", divide="ignore"):
        t = (level - start) / (value[_END] - start)
    t[np.isnan(t)] = 0.0  # 0 / 0: an edge lying on the level
    np.clip(t, 0, 1, out=t)
    x_start = xs.take(cols + _DX_START)
    y_start = ys.take(rows + _DY_START)
    points = np.empty((4, level.size, 2), dtype=grid.dtype)
    points[..., 0] = x_start + t * (xs.take(cols + _DX_END) - x_start)
    points[..., 1] = y_start + t * (ys.take(rows + _DY_END) - y_start)
    points = points.reshape(-1, 2)

    # A crossed cell crosses two edges, or all four (a saddle). Two: join the first and
    # the last crossed edge. Four: the value at the centre (mean of the corners) decides
    # which corners it joins; if it sides with the bottom-left corner the bottom edge joins
    # the right one (and the top the left), else the bottom joins the left.
    pair = np.arange(level.size)
    # Which edges each cell crosses as 4 bits (edge e: bit e), then its first and last
    # crossed edge from a table: cheaper than two reductions across the edge axis.
    crossings = np.packbits(crossed, axis=0, bitorder="little")[0]
    first_edge = _FIRST_EDGE.take(crossings)
    last_edge = _LAST_EDGE.take(crossings)
    saddle = crossings == 0b1111
    extra = empty
    if saddle.any():
        with np.errstate(invalid="ignore"):  # inf + -inf corners: NaN, not above
            centre_above = value[:, saddle].sum(axis=0) / 4 > level[saddle]
        joined = centre_above == above[0, saddle]
        last_edge[saddle] = np.where(joined, 1, 3)
        which = pair[saddle]
        other = np.where(joined, 3, 1)
        extra = np.stack(
            [
                points.take(2 * level.size + which, axis=0),
                points.take(other * level.size + which, axis=0),
            ],
            axis=1,
        )
    segments = np.stack(
        [
            points.take(first_edge * level.size + pair, axis=0),
            points.take(last_edge * level.size + pair, axis=0),
        ],
        axis=1,
    )
    return np.concatenate([segments, extra]) if extra.size else segments


# Edges (rows: bottom, right, top, left) by their corners (0 bottom left, 1 bottom right,
# 2 top right, 3 top left) and those corners' column and row offsets in the cell.
_START = np.array([0, 1, 3, 0])
_END = np.array([1, 2, 2, 3])
_DX_START = np.array([0, 1, 0, 0])[:, None]
_DX_END = np.array([1, 1, 1, 0])[:, None]
_DY_START = np.array([0, 0, 1, 0])[:, None]
_DY_END = np.array([0, 1, 1, 1])[:, None]
#: The lowest and the highest edge set in each 4-bit code of crossed edges.
_FIRST_EDGE = np.array([(code & -code).bit_length() - 1 if code else 0 for code in range(16)])
_LAST_EDGE = np.array([code.bit_length() - 1 if code else 3 for code in range(16)])


def _levels_below(grid: np.ndarray, level_values: np.ndarray) -> np.ndarray:
    """How many of the sorted ``level_values`` lie strictly below each vertex (NaN: none).

    With a few dozen levels, one comparison per level (vectorised, and NaN compares false)
    beats a binary search per vertex several times over.
    """
    if level_values.size <= _COMPARED_LEVELS:
        below = np.zeros(grid.shape, dtype=np.int8)
        above = np.empty(grid.shape, dtype=bool)
        for level in level_values:
            np.greater(grid, level, out=above)
            below += above.view(np.int8)
        return below
    below = np.searchsorted(level_values, grid, side="left")
    below[np.isnan(grid)] = 0  # searchsorted puts NaN after every level
    return below.astype(np.int16) if level_values.size < np.iinfo(np.int16).max else below


_COMPARED_LEVELS = 32


__all__ = ["contour_segments", "nice_levels", "nice_step"]
