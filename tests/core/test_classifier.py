"""``explorer.core.classifier``: the vectorised softmax loss of a linear classifier."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core import (
    cross_entropy,
    softmax_loss_vectorized,
)

from .cases import (
    DTYPE_PAIRS,
    F32,
    assert_dtype_is_preserved,
    dtype_case_names,
    value_error_params,
)
from .reference import (
    assert_keeps_dtype_and_shape,
    assert_matches_reference,
    reference_cases,
    reference_comparisons,
)
from .strategies import (
    SLOW,
    assert_gradient,
)


@SLOW
@given(data=st.data(), reg=st.one_of(st.just(0.0), st.floats(0.0, 1.0)))
def test_softmax_loss_vectorized_dw_matches_finite_differences(data, reg):
    dims = data.draw(st.integers(1, 4))
    classes = data.draw(st.integers(1, 4))
    count = data.draw(st.integers(1, 6))
    W = data.draw(hnp.arrays(np.float64, (dims, classes), elements=st.floats(-2, 2)))
    X = data.draw(hnp.arrays(np.float64, (count, dims), elements=st.floats(-2, 2)))
    y = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=count, max_size=count)))
    loss, dW = softmax_loss_vectorized(W, X, y, reg)
    expected_loss = float(cross_entropy(X @ W, y)) + 0.5 * reg * float(np.sum(W * W))
    assert loss == pytest.approx(expected_loss, rel=1e-12, abs=1e-14)
    assert_gradient(lambda w: softmax_loss_vectorized(w, X, y, reg)[0], W, dW)


def test_the_loss_is_a_python_float_and_the_gradient_keeps_the_dtype():
    loss, grad = softmax_loss_vectorized(
        np.ones((2, 3), F32), np.ones((4, 2), F32), [0, 1, 2, 0], 0.0
    )
    assert isinstance(loss, float) and grad.dtype == F32


@pytest.mark.parametrize("name", dtype_case_names("classifier"))
@pytest.mark.parametrize("input_dtype, expected", DTYPE_PAIRS)
def test_dtype_is_preserved(name, input_dtype, expected):
    assert_dtype_is_preserved(name, input_dtype, expected)


@pytest.mark.parametrize("build, match", value_error_params("classifier"))
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize(("case", "output"), reference_comparisons("classifier"))
def test_matches_reference(case, output):
    assert_matches_reference(case, output)


@pytest.mark.parametrize("case", reference_cases("classifier"), ids=lambda case: case.name)
def test_keeps_dtype_and_shape(case):
    assert_keeps_dtype_and_shape(case)


def test_reg_convention_full_doubles_the_penalty_and_half_is_the_default():
    rng = np.random.default_rng(3)
    W, X, y = rng.normal(size=(3, 4)), rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    default = softmax_loss_vectorized(W, X, y, 0.2)
    half = softmax_loss_vectorized(W, X, y, 0.2, reg_convention="half")
    full = softmax_loss_vectorized(W, X, y, 0.2, reg_convention="full")
    assert default[0] == half[0] and np.array_equal(default[1], half[1])
    assert full[0] - half[0] == pytest.approx(0.1 * float(np.sum(W * W)), rel=1e-12)
    np.testing.assert_allclose(full[1] - half[1], 0.2 * W, rtol=1e-12, atol=1e-15)
    assert_gradient(
        lambda w: softmax_loss_vectorized(w, X, y, 0.2, reg_convention="full")[0], W, full[1]
    )
    with pytest.raises(ValueError, match="reg_convention must be one of 'half', 'full'"):
        softmax_loss_vectorized(W, X, y, 0.2, reg_convention="quarter")
    with pytest.raises(TypeError):
        softmax_loss_vectorized(W, X, y, 0.2, "full")  # keyword-only
