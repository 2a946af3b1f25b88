"""Contours: ``contour_segments`` against contourpy, an independent marching squares.

contourpy's ``serial`` algorithm with ``quad_as_tri=False`` interpolates linearly along the
edges of each grid cell and splits a saddle cell by the mean of its corners, as
``contour_segments`` documents; every pair of consecutive points of one of its lines is
one cell's piece. So the two must give the same segments: each of ours close to one of
contourpy's (ends in either order) and the other way round, as many, and as long in total.
Where the level passes exactly through a grid vertex, ours may add zero-length segments
(which draw nothing); contourpy leaves them out, so the comparison does too.
"""

import contourpy
import numpy as np
import pytest

from explorer.core import loss_surface
from explorer.core.contours import contour_segments, nice_levels


def oracle_segments(grid, levels, xs, ys):
    """contourpy's lines at ``levels`` (one pass per level), cut into their segments.

    Non-finite values are masked: contourpy then leaves out every cell that touches one.
    """
    generator = contourpy.contour_generator(
        xs,
        ys,
        np.ma.masked_invalid(grid),
        name="serial",
        line_type=contourpy.LineType.Separate,
        corner_mask=False,
        quad_as_tri=False,
    )
    pieces = [
        np.stack([line[:-1], line[1:]], axis=1)
        for level in np.atleast_1d(levels)
        for line in generator.lines(float(level))
    ]
    return np.concatenate(pieces) if pieces else np.empty((0, 2, 2))


def _drawn(segments, tolerance):
    """The segments longer than ``tolerance`` (the others draw nothing)."""
    lengths = np.abs(segments[:, 1] - segments[:, 0]).max(axis=1)
    return segments[lengths > tolerance]


def _far_from(segments, others, tolerance):
    """Indices of ``segments`` with no segment of ``others`` within ``tolerance``.

    Two segments are close when both ends are, in the same or in the swapped order; then
    their midpoints are too, so only ``others`` whose midpoint x is that close are tried.
    """
    if len(others) == 0:
        return np.arange(len(segments))
    keys = others.mean(axis=1)[:, 0]
    order = np.argsort(keys)
    others, keys = others[order], keys[order]
    middles = segments.mean(axis=1)[:, 0]
    first = np.searchsorted(keys, middles - tolerance, side="left")
    stop = np.searchsorted(keys, middles + tolerance, side="right")
    nearest = np.full(len(segments), np.inf)
    for offset in range(int((stop - first).max(initial=0))):
        candidate = others[np.minimum(first + offset, len(others) - 1)]
        same = np.abs(segments - candidate).max(axis=(1, 2))
        swapped = np.abs(segments - candidate[:, ::-1]).max(axis=(1, 2))
        distance = np.where(first + offset < stop, np.minimum(same, swapped), np.inf)
        np.minimum(nearest, distance, out=nearest)
    return np.flatnonzero(nearest > tolerance)


def _total_length(segments):
    return float(np.hypot(*(segments[:, 1] - segments[:, 0]).T).sum())


def assert_same_segments(segments, expected, xs, ys):
    """``segments`` and ``expected`` are the same drawn segments, within rounding."""
    extent = max(np.ptp(xs), np.ptp(ys), 1.0)
    tolerance = 1e-9 * extent
    ours, theirs = _drawn(segments, tolerance), _drawn(expected, tolerance)
    assert len(_far_from(ours, theirs, tolerance)) == 0, "segments contourpy does not draw"
    assert len(_far_from(theirs, ours, tolerance)) == 0, "segments contourpy draws, ours not"
    assert len(ours) == len(theirs)
    assert _total_length(ours) == pytest.approx(_total_length(theirs), rel=1e-9, abs=tolerance)


def _random_grid(rng, rows, cols):
    grid = rng.normal(size=(rows, cols)).cumsum(0).cumsum(1)
    xs = np.sort(rng.uniform(-5, 5, cols))
    ys = np.sort(rng.uniform(-5, 5, rows))
    return grid, xs, ys


@pytest.mark.parametrize("seed", range(30))
def test_random_grids_match_contourpy(seed):
    rng = np.random.default_rng(seed)
    grid, xs, ys = _random_grid(rng, rng.integers(2, 30), rng.integers(2, 30))
    levels = np.quantile(grid, rng.uniform(size=rng.integers(1, 8)))
    if seed % 3 == 0:  # values exactly on a level, and repeated levels
        grid[rng.integers(0, grid.shape[0]), rng.integers(0, grid.shape[1])] = grid.mean()
        grid[: grid.shape[0] // 2] = np.round(grid[: grid.shape[0] // 2])
        levels = np.append(np.quantile(grid, rng.uniform(size=4)), [grid.mean(), grid[0, 0]])
    segments = contour_segments(grid, levels, xs, ys)
    assert segments.shape[1:] == (2, 2)
    assert_same_segments(segments, oracle_segments(grid, levels, xs, ys), xs, ys)


def _saddles(a, b):
    return np.sin(3 * a) * np.cos(2 * b) + 0.05 * a


def _peaks(a, b):
    return np.exp(-((a - 1) ** 2) - b**2) - 0.7 * np.exp(-((a + 1.5) ** 2) - (b - 1) ** 2)


@pytest.mark.parametrize("function", [_saddles, _peaks], ids=["saddles", "peaks"])
@pytest.mark.parametrize("shape", [(7, 9), (40, 33)])
def test_smooth_functions_with_saddles_match_contourpy(function, shape):
    xs = np.linspace(-3, 3, shape[1])
    ys = np.linspace(-2.5, 2.5, shape[0])
    grid = function(*np.meshgrid(xs, ys))
    levels = np.linspace(grid.min(), grid.max(), 15)[1:-1]
    segments = contour_segments(grid, levels, xs, ys)
    assert len(segments) > 10
    assert_same_segments(segments, oracle_segments(grid, levels, xs, ys), xs, ys)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_loss_surface_with_its_nice_levels_matches_contourpy(dtype):
    """What the session draws: a float32 loss surface, subsampled, at round levels."""
    axis = np.linspace(-6, 6, 256).astype(dtype)
    surface = loss_surface(np.array([2.0, 1.0, 0.1], dtype=dtype), 1, (0, 1), axis, axis)
    grid, xs = surface[::2, ::2], axis[::2]
    levels = nice_levels(float(grid.min()), float(grid.max()), 12)
    segments = contour_segments(grid, levels, xs, xs)
    assert segments.dtype == dtype and len(segments) > 100
    expected = oracle_segments(grid.astype(np.float64), levels, xs.astype(np.float64), xs)
    if dtype == np.float32:  # the same segments to float32's precision
        tolerance = 1e-5 * 12  # float32's precision over the plot's 12 units
        ours, theirs = _drawn(segments.astype(np.float64), 1e-9), _drawn(expected, 1e-9)
        assert len(_far_from(ours, theirs, tolerance)) == 0
        assert len(_far_from(theirs, ours, tolerance)) == 0
        assert _total_length(ours) == pytest.approx(_total_length(theirs), rel=1e-5)
    else:
        assert_same_segments(segments, expected, xs, xs)


def test_circles_have_the_right_radius():
    axis = np.linspace(-2, 2, 201)
    grid = np.hypot(*np.meshgrid(axis, axis))
    segments = contour_segments(grid, [0.5, 1.0, 1.5], axis, axis)
    radii = np.hypot(segments[..., 0], segments[..., 1]).ravel()
    assert len(segments) > 300
    # Linear interpolation on a 0.02 grid: within 1e-3 of the true radius.
    nearest = np.array([0.5, 1.0, 1.5])[np.abs(radii[:, None] - [0.5, 1.0, 1.5]).argmin(axis=1)]
    assert np.max(np.abs(radii - nearest)) < 1e-3


def test_nan_cells_and_no_crossings():
    grid = np.array([[0.0, 1.0], [np.nan, 1.0]])
    assert np.isfinite(contour_segments(grid, [0.5], [0, 1], [0, 1])).all()
    assert contour_segments(np.ones((3, 3)), [0.5], range(3), range(3)).shape == (0, 2, 2)
    assert contour_segments(np.ones((3, 3)), [], range(3), range(3)).shape == (0, 2, 2)


def test_nice_levels_are_round_and_inside():
    levels = nice_levels(0.13, 11.7, 10)
    assert np.all((levels > 0.13) & (levels < 11.7))
    assert np.allclose(levels, np.round(levels, 6))
    assert len(nice_levels(1.0, 1.0)) == 0


def _cells_of(segments, xs, ys):
    """For each segment, the (row, column) cells whose closed box holds both its ends.

    A segment along the edge between two cells belongs to both; boolean ``(M, rows - 1,
    columns - 1)``.
    """
    low, high = segments.min(axis=1), segments.max(axis=1)
    inside_x = (low[:, None, 0] >= xs[None, :-1]) & (high[:, None, 0] <= xs[None, 1:])
    inside_y = (low[:, None, 1] >= ys[None, :-1]) & (high[:, None, 1] <= ys[None, 1:])
    return inside_y[:, :, None] & inside_x[:, None, :]


@pytest.mark.parametrize("seed", range(6))
def test_many_levels_strided_grids_and_non_finite_values(seed):
    """Cells with four finite corners match contourpy; the others keep their segments
    finite and inside themselves."""
    rng = np.random.default_rng(100 + seed)
    full = rng.normal(size=(41, 37)).cumsum(0).cumsum(1)
    full[rng.random(full.shape) < 0.05] = np.nan
    full[rng.random(full.shape) < 0.03] = np.inf
    full[rng.random(full.shape) < 0.03] = -np.inf
    grid = full[::2, ::3]  # a strided view, as the session passes a subsampled surface
    finite = grid[np.isfinite(grid)]
    # Over 32 levels (the binary search) or a few (one comparison per level).
    levels = np.quantile(finite, rng.uniform(size=40 if seed < 3 else 5))
    xs = np.sort(rng.uniform(-5, 5, grid.shape[1]))
    ys = np.sort(rng.uniform(-5, 5, grid.shape[0]))
    segments = contour_segments(grid, levels, xs, ys)
    assert np.isfinite(segments).all()
    cells = _cells_of(segments, xs, ys)
    assert cells.any(axis=(1, 2)).all(), "a segment outside its cell"
    corners = np.isfinite(grid)
    finite_cell = corners[:-1, :-1] & corners[:-1, 1:] & corners[1:, :-1] & corners[1:, 1:]
    tolerance = 1e-8
    drawn = np.abs(segments[:, 1] - segments[:, 0]).max(axis=1) > tolerance
    in_other_cell = (cells & ~finite_cell).any(axis=(1, 2))[drawn]
    ours, theirs = segments[drawn], _drawn(oracle_segments(grid, levels, xs, ys), tolerance)
    # Every segment contourpy draws is ours; ours that it does not draw touch a cell it
    # leaves out (one with a non-finite corner).
    assert len(_far_from(theirs, ours, tolerance)) == 0
    extra = _far_from(ours, theirs, tolerance)
    assert in_other_cell[extra].all()
    assert len(ours) - len(extra) == len(theirs)
    # float32 in, float32 out (the surface's precision), the same segments to its precision.
    single = contour_segments(grid.astype(np.float32), levels.astype(np.float32), xs, ys)
    assert single.dtype == np.float32 and single.shape == segments.shape
    assert np.allclose(np.sort(single.reshape(-1)), np.sort(segments.reshape(-1)), atol=1e-3)
