"""Regressions found by review: each test names the behaviour it pins."""

import numpy as np
import pytest

from explorer.core import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    gradient_field,
    loss_surface,
)


@pytest.mark.parametrize(
    "function", [binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad]
)
def test_bce_weight_may_not_enlarge_the_input(function):
    with pytest.raises(ValueError, match="does not broadcast to"):
        function(np.zeros(3), np.ones(3), weight=np.ones((2, 3)))


@pytest.mark.parametrize("bad", [np.inf, np.nan])
@pytest.mark.parametrize("function", [gradient_field, loss_surface])
def test_plane_functions_refuse_bad_fixed_logits(function, bad):
    with pytest.raises(ValueError, match="fixed logits"):
        function([0.0, 0.0, bad], 0, (0, 1), [0.0], [0.0])


def test_float32_logits_on_float64_axes_do_not_underflow():
    # The fixed logits were exponentiated in float32 while the grid was float64: the rest
    # underflowed to 0 and the loss came out as -199.8 instead of about 0.
    surface = loss_surface(np.float32([0, 0, 0.5]), 2, (0, 1), [-200.0, 200.0], [-200.0])
    assert surface.dtype == np.float64
    assert np.all(surface >= 0)
    assert surface[0, 0] == pytest.approx(0.0, abs=1e-12)
    assert surface[0, 1] == pytest.approx(199.5, rel=1e-12)


def test_kl_readout_stays_finite_when_p_underflows():
    from explorer.core import analyze_example

    result = analyze_example([1000.0, 0.0], 1)
    assert result.loss == 1000.0 and result.kl_to_target == 1000.0
    soft = analyze_example([1000.0, 0.0], np.array([0.5, 0.5]))
    assert soft.kl_to_target == pytest.approx(soft.loss - np.log(2), rel=1e-12)


@pytest.mark.parametrize(
    "logits",
    [
        [2.0, 1.0, 0.1, -0.5],
        [40.0, 0.0, -3.0],  # p_y rounds to 1
        [-30.0, 5.0, 1.0],  # p_y tiny
        [1e4, -1e4, 0.0],
        [0.0, -np.inf, 1.0],  # a masked class
    ],
)
@pytest.mark.parametrize("label", [0, 2])
@pytest.mark.parametrize("temperature", [1.0, 0.3])
def test_hard_label_analysis_matches_cross_entropy_exactly(logits, label, temperature):
    from explorer.core import analyze_example, cross_entropy, cross_entropy_grad

    result = analyze_example(logits, label, temperature=temperature)
    scaled = np.asarray(logits) / temperature
    expected_loss = cross_entropy(scaled, np.asarray(label))
    expected_grad = cross_entropy_grad(scaled, np.asarray(label)) / temperature
    np.testing.assert_array_equal(result.loss, expected_loss)
    np.testing.assert_array_equal(result.gradient, expected_grad)
    assert result.kl_to_target == result.loss
