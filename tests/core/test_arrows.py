"""Arrow geometry: what the surface view draws for its field of descent arrows."""

import numpy as np
import pytest

from explorer.core.arrows import arrow_points, arrow_segments, scaled_to_longest
from explorer.session import compute_surface
from explorer.state import ExplorerState


def test_the_longest_arrow_gets_the_length_and_the_others_keep_their_ratio():
    scaled = scaled_to_longest([[3.0, 4.0], [0.0, -1.0], [0.3, 0.4]], 2.0)
    lengths = np.hypot(scaled[:, 0], scaled[:, 1])
    np.testing.assert_allclose(lengths, [2.0, 0.4, 0.2])
    np.testing.assert_allclose(scaled[0] / lengths[0], [0.6, 0.8])


@pytest.mark.parametrize("size", [1e-311, 1e-300, 1.0, 1e300, 1e308])
def test_scaling_neither_overflows_nor_loses_subnormal_fields(size):
    with np.errstate(all="raise"):
        scaled = scaled_to_longest(np.array([[size, size], [size, 0.0]]), 1.0)
    np.testing.assert_allclose(np.hypot(scaled[:, 0], scaled[:, 1]), [1.0, np.sqrt(0.5)])


def test_non_finite_and_zero_fields_give_zero_arrows():
    assert not scaled_to_longest(np.zeros((4, 2)), 1.0).any()
    scaled = scaled_to_longest([[np.nan, 1.0], [np.inf, 0.0], [0.0, 2.0]], 1.0)
    np.testing.assert_array_equal(scaled, [[0.0, 0.0], [0.0, 0.0], [0.0, 1.0]])


def test_a_huge_true_logit_still_draws_its_field():
    """Logits (0, 0, 720), label 2: the field is subnormal, yet every arrow keeps a shape."""
    surface = compute_surface(ExplorerState(logits=(0.0, 0.0, 720.0), label=2))
    with np.errstate(all="raise"):
        arrows = scaled_to_longest(surface.field_vectors, 0.5)
    lengths = np.hypot(arrows[:, 0], arrows[:, 1])
    assert np.isfinite(arrows).all() and lengths.max() == pytest.approx(0.5)
    assert np.count_nonzero(lengths > 1e-3) > len(lengths) // 4


def test_one_arrow_in_plain_python_is_the_vectorised_arrow():
    for tail, vector in (((0.0, 0.0), (1.0, 0.0)), ((2.0, -1.0), (-0.3, 0.7))):
        expected = np.concatenate(arrow_segments(tail, vector, 0.3))
        np.testing.assert_allclose(arrow_points(tail, vector, 0.3), expected, atol=1e-15)


@pytest.mark.parametrize("dragged", [12.9, 12.95, 13.0, 13.05, 13.1])
def test_a_cold_temperature_drag_keeps_the_field(dragged):
    """Dragging z2 through 12.9-13.1 at T = 0.01 made the field vanish (an overflow)."""
    state = ExplorerState(logits=(2.0, 1.0, dragged), label=2, temperature=0.01)
    surface = compute_surface(state)
    with np.errstate(all="raise"):
        arrows = scaled_to_longest(surface.field_vectors, 0.5)
    lengths = np.hypot(arrows[:, 0], arrows[:, 1])
    assert np.isfinite(arrows).all() and lengths.max() == pytest.approx(0.5)
