"""``explorer.core.analysis``: every number the readouts show for one example."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core import (
    analyze_example,
    cross_entropy,
    cross_entropy_grad,
    entropy,
    softmax,
    target_distribution,
)

from .cases import (
    BAD_TEMPERATURES,
    DTYPE_PAIRS,
    F32,
    TEMPERATURE_USERS,
    assert_dtype_is_preserved,
    dtype_case_names,
    temperature_user_names,
    value_error_params,
)
from .strategies import (
    EPS64,
    MEDIUM,
    logit_arrays,
    smoothings,
    temperatures,
)


@MEDIUM
@given(
    z=logit_arrays(np.float64, bound=30.0, batch=False, min_classes=2),
    data=st.data(),
    temperature=temperatures,
    label_smoothing=smoothings,
)
def test_analyze_example_is_consistent(z, data, temperature, label_smoothing):
    finite = np.flatnonzero(np.isfinite(z))
    if label_smoothing > 0:
        z = np.where(np.isfinite(z), z, 0.0)
        finite = np.arange(z.size)
    label = data.draw(st.sampled_from(finite.tolist()))
    result = analyze_example(z, label, temperature=temperature, label_smoothing=label_smoothing)
    t = target_distribution(label, z.size, label_smoothing)
    assert result.label == label
    assert result.predicted == int(np.argmax(softmax(z, temperature=temperature)))
    np.testing.assert_array_equal(result.target, t)
    assert result.loss == pytest.approx(
        float(cross_entropy(z / temperature, label, label_smoothing=label_smoothing)),
        rel=1e-13,
        abs=1e-15,
    )
    # KL(t || p) = H(t, p) - H(t): a difference of two numbers <= |log p| ~ 60 / T.
    assert result.kl_to_target == pytest.approx(result.loss - float(entropy(t)), abs=1e-12)
    assert result.gradient_norm <= math.sqrt(2) / temperature * (1 + 8 * z.size * EPS64)
    assert abs(float(np.sum(result.gradient))) <= 8 * z.size * EPS64 / temperature
    assert result.target_probability == float(result.probabilities[label])


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
    from explorer.core import analyze_example, cross_entropy

    result = analyze_example(logits, label, temperature=temperature)
    scaled = np.asarray(logits) / temperature
    expected_loss = cross_entropy(scaled, np.asarray(label))
    expected_grad = cross_entropy_grad(scaled, np.asarray(label)) / temperature
    np.testing.assert_array_equal(result.loss, expected_loss)
    np.testing.assert_array_equal(result.gradient, expected_grad)
    assert result.kl_to_target == result.loss


def test_the_scalars_are_python_floats():
    result = analyze_example(np.array([1, 2], dtype=F32), 0)
    assert isinstance(result.loss, float) and isinstance(result.entropy, float)


@pytest.mark.parametrize("name", dtype_case_names("analysis"))
@pytest.mark.parametrize("input_dtype, expected", DTYPE_PAIRS)
def test_dtype_is_preserved(name, input_dtype, expected):
    assert_dtype_is_preserved(name, input_dtype, expected)


@pytest.mark.parametrize("build, match", value_error_params("analysis"))
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize("name", temperature_user_names("analysis"))
@pytest.mark.parametrize("temperature, match", BAD_TEMPERATURES)
def test_bad_temperature(name, temperature, match):
    with pytest.raises(ValueError, match=match):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize("name", temperature_user_names("analysis"))
def test_good_temperature_is_accepted(name):
    # The same calls succeed with valid temperatures (the error cases are not vacuous).
    for temperature in (1e-3, 1, 2.5, np.float32(0.5)):
        TEMPERATURE_USERS[name](temperature)
