"""Contours: the all-levels-at-once marching squares against a plain per-level reference."""

import numpy as np
import pytest

from explorer.core.contours import contour_segments, nice_levels


def reference_segments(grid, levels, xs, ys):
    """Marching squares one level at a time (the first implementation, kept as reference)."""
    pieces = [_level_segments(grid, float(level), xs, ys) for level in np.atleast_1d(levels)]
    pieces = [piece for piece in pieces if piece.size]
    return np.concatenate(pieces) if pieces else np.empty((0, 2, 2))


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


def canonical(segments):
    ordered = np.sort(np.round(segments, 9).reshape(-1, 2, 2), axis=1)
    return sorted(map(tuple, ordered.reshape(-1, 4)))


@pytest.mark.parametrize("seed", range(30))
def test_matches_the_per_level_reference(seed):
    rng = np.random.default_rng(seed)
    grid = rng.normal(size=(rng.integers(2, 30), rng.integers(2, 30))).cumsum(0).cumsum(1)
    if seed % 3 == 0:  # values exactly on a level and saddle cells
        grid[rng.integers(0, grid.shape[0]), rng.integers(0, grid.shape[1])] = grid.mean()
        grid[: grid.shape[0] // 2] = np.round(grid[: grid.shape[0] // 2])
    levels = np.quantile(grid, rng.uniform(size=rng.integers(1, 8)))
    xs = np.sort(rng.uniform(-5, 5, grid.shape[1]))
    ys = np.sort(rng.uniform(-5, 5, grid.shape[0]))
    expected = reference_segments(grid, levels, xs, ys)
    assert canonical(contour_segments(grid, levels, xs, ys)) == canonical(expected)


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


@pytest.mark.parametrize("seed", range(6))
def test_many_levels_strided_grids_and_non_finite_values_match_the_reference(seed):
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
    with np.errstate(invalid="ignore"):
        expected = reference_segments(grid, levels, xs, ys)
    segments = contour_segments(grid, levels, xs, ys)
    assert canonical(segments) == canonical(expected)
    # float32 in, float32 out (the surface's precision), the same segments to its precision.
    single = contour_segments(grid.astype(np.float32), levels.astype(np.float32), xs, ys)
    assert single.dtype == np.float32 and single.shape == segments.shape
    assert np.allclose(np.sort(single.reshape(-1)), np.sort(segments.reshape(-1)), atol=1e-3)
