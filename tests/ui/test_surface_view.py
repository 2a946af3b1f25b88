"""The loss surface view's arrows: the one at the current point and the field's."""

import math

import numpy as np
import pytest

from explorer.state import ExplorerState
from explorer.ui.surface_view import arrow_points, arrow_segments


@pytest.mark.parametrize("head_fraction", [0.3, 0.35, 1.0])
def test_one_arrow_in_python_equals_the_vectorised_arrows(head_fraction):
    rng = np.random.default_rng(7)
    cases = [((0.0, 0.0), (1.0, 0.0)), ((2.5, -1.0), (0.0, 0.0)), ((-3.0, 4.0), (-1e-9, 2e6))]
    cases += [(tuple(rng.normal(size=2) * 5), tuple(rng.normal(size=2) * 3)) for _ in range(50)]
    for tail, vector in cases:
        expected = np.concatenate(arrow_segments(tail, vector, head_fraction))
        got = np.array(arrow_points(tail, vector, head_fraction))
        assert got.shape == (6, 2)
        assert np.array_equal(got, expected), (tail, vector)


def test_the_arrow_at_the_point_shows_the_descent_direction(window):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=1, surface_axes=(0, 1)))
    view = window.surface_view
    gradient = window.session.derived.analysis.gradient
    a_min, a_max, b_min, b_max = window.state.surface_range
    reach = 0.35 * min(a_max - a_min, b_max - b_min) / math.sqrt(2)
    descent = (-gradient[0] * reach, -gradient[1] * reach)
    segments = view.gradient_arrow.data()
    assert segments.shape == (3, 2, 2)
    np.testing.assert_array_equal(segments[0, 0], (2.0, 1.0))  # from the current point
    np.testing.assert_allclose(segments[0, 1], (2.0 + descent[0], 1.0 + descent[1]))
    expected = np.concatenate(arrow_segments((2.0, 1.0), descent, 0.3)).reshape(3, 2, 2)
    np.testing.assert_allclose(segments, expected, rtol=0, atol=1e-12)
