"""``explorer.core.softmax``: softmax, log-softmax, logsumexp, their temperature, the
Jacobian, sigmoid, and the naive softmax kept for comparison.

Properties (hypothesis), explicit special values (masked ``-inf``, ``+inf``, NaN rows),
dtypes, errors, and the stored PyTorch and mpmath references. Tolerances: see
``strategies.py`` and ``reference.py``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core import (
    log_sigmoid,
    log_softmax,
    logsumexp,
    naive_softmax,
    overflow_threshold,
    sigmoid,
    softmax,
    softmax_and_log_softmax,
    softmax_complement,
    softmax_jacobian,
)

from .cases import (
    BAD_TEMPERATURES,
    DTYPE_PAIRS,
    F32,
    INF,
    NAN,
    TEMPERATURE_USERS,
    assert_dtype_is_preserved,
    dtype_case_names,
    same,
    temperature_user_names,
    value_error_params,
)
from .reference import (
    assert_keeps_dtype_and_shape,
    assert_matches_reference,
    reference_cases,
    reference_comparisons,
)
from .strategies import (
    EPS64,
    FAST,
    FLOAT_DTYPES,
    SLOW,
    assert_gradient,
    dyadic,
    eps_of,
    float_elements,
    logit_arrays,
    temperatures,
)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_softmax_is_a_distribution(dtype, data):
    z = data.draw(logit_arrays(dtype))
    p = softmax(z)
    log_p = log_softmax(z)
    assert p.dtype == dtype and p.shape == z.shape
    assert log_p.dtype == dtype and log_p.shape == z.shape
    assert not np.any(np.isnan(p)) and not np.any(np.isnan(log_p))
    assert np.all((p >= 0) & (p <= 1))
    # Each p_i carries ~2 roundings; summing K of them adds K more: 4K eps is generous.
    num_classes = z.shape[-1]
    row_sums = np.sum(p.astype(np.float64), axis=-1)
    np.testing.assert_allclose(row_sums, 1.0, rtol=0, atol=4 * num_classes * eps_of(dtype))
    # Masked classes: probability exactly 0, log-probability exactly -inf; others finite.
    masked = np.isneginf(z)
    assert np.all(p[masked] == 0)
    assert np.all(np.isneginf(log_p[masked]))
    assert np.all(np.isfinite(log_p[~masked]))
    assert np.all(log_p <= 0)
    # The largest logit of each row has the largest probability.
    top = np.argmax(z, axis=-1)[..., None]
    assert np.all(np.take_along_axis(p, top, axis=-1) == np.max(p, axis=-1, keepdims=True))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_log_softmax_is_log_of_softmax_and_z_minus_logsumexp(dtype, data):
    z = data.draw(logit_arrays(dtype))
    eps = eps_of(dtype)
    p = softmax(z)
    log_p = log_softmax(z)
    lse = logsumexp(z, keepdims=True)
    finite = np.isfinite(z)
    # log p = z - lse: both sides are a couple of roundings on numbers of size |z| + |lse|.
    scale = np.abs(np.where(finite, z, 0)) + np.abs(lse)
    expected = np.where(finite, z - lse, -np.inf)
    assert np.all(np.isneginf(log_p[~finite]))
    assert np.all(np.abs(log_p[finite] - expected[finite]) <= 8 * eps * (1 + scale[finite]))
    # exp(log p) = p: log p is exact to ~4 eps * |log p|, which exp turns into a relative
    # error of that size. Below the smallest normal number p loses relative precision, so
    # an absolute floor of `tiny` applies there.
    exp_log_p = np.exp(log_p.astype(np.float64))
    tolerance = 8 * eps * (1 + np.abs(np.where(finite, log_p, 0))) * p + np.finfo(dtype).tiny
    assert np.all(np.abs(exp_log_p - p) <= tolerance)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_softmax_preserves_order(dtype, data):
    z = np.atleast_2d(data.draw(logit_arrays(dtype)))
    p = softmax(z)
    log_p = log_softmax(z)
    for row, probs, logs in zip(z, p, log_p, strict=True):
        smaller = row[:, None] < row[None, :]
        equal = row[:, None] == row[None, :]
        # Rounding can merge neighbours (so only <=), never swap them.
        assert np.all((probs[:, None] <= probs[None, :])[smaller])
        assert np.all((logs[:, None] <= logs[None, :])[smaller])
        # Equal logits go through identical operations: identical results, bit for bit.
        assert np.all((probs[:, None] == probs[None, :])[equal])
        assert np.all((logs[:, None] == logs[None, :])[equal])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_shift_invariance_is_exact_when_the_shift_is_exact(dtype, data):
    num_classes = data.draw(st.integers(1, 8))
    z = np.array(
        data.draw(st.lists(dyadic(), min_size=num_classes, max_size=num_classes)), dtype=dtype
    )
    if num_classes > 1 and data.draw(st.booleans()):
        z[data.draw(st.integers(1, num_classes - 1))] = -np.inf
    c = dtype(data.draw(dyadic()))
    shifted = z + c  # exact: see dyadic()
    # softmax only ever sees z - max(z), which is identical bit for bit.
    np.testing.assert_array_equal(softmax(shifted), softmax(z))
    np.testing.assert_array_equal(log_softmax(shifted), log_softmax(z))
    # lse(z + c) = (max + c) + log1p(rest) vs (max + log1p(rest)) + c: the same real number
    # through four roundings, each within half an ulp of the largest intermediate.
    lse, lse_shifted = float(logsumexp(z)), float(logsumexp(shifted))
    magnitude = max(1.0, abs(lse), abs(lse_shifted), abs(float(c)))
    assert abs(lse_shifted - (lse + float(c))) <= 2 * eps_of(dtype) * magnitude


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_shift_invariance_with_rounding(dtype, data):
    z = data.draw(logit_arrays(dtype, batch=False))
    c = dtype(data.draw(float_elements(dtype, -1e4, 1e4)))
    eps = eps_of(dtype)
    shifted = z + c
    finite = np.isfinite(z)
    # Rounding z + c perturbs each logit by delta <= eps/2 * |z + c|; log-softmax moves by at
    # most 2 max|delta| (it is 2-Lipschitz in the max norm), plus its own few roundings.
    delta = eps * (np.max(np.abs(z[finite])) + abs(float(c)) + 1)
    log_p, log_p_shifted = log_softmax(z), log_softmax(shifted)
    assert np.all(np.isneginf(log_p_shifted[~finite]))
    log_scale = 1 + np.abs(log_p[finite])
    change = np.abs(log_p_shifted[finite] - log_p[finite])
    assert np.all(change <= 4 * delta + 8 * eps * log_scale)
    # Probabilities: relative change <= exp(2 delta) - 1 ~ 2 delta.
    p, p_shifted = softmax(z), softmax(shifted)
    tolerance = (4 * delta + 8 * eps) * p + np.finfo(dtype).tiny
    assert np.all(np.abs(p_shifted - p) <= tolerance)
    # logsumexp shifts by c.
    lse = float(logsumexp(z))
    assert abs(float(logsumexp(shifted)) - (lse + float(c))) <= 4 * delta + 8 * eps * (
        1 + abs(lse) + abs(float(c))
    )


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_logsumexp_is_a_smooth_maximum(dtype, data):
    z = data.draw(logit_arrays(dtype))
    eps = eps_of(dtype)
    lse = logsumexp(z)
    assert lse.dtype == dtype and lse.shape == z.shape[:-1]
    peak = np.max(z, axis=-1)
    log_k = math.log(z.shape[-1])
    # lse = max + log1p(rest) with log1p(rest) >= 0: the lower bound holds exactly.
    assert np.all(lse >= peak)
    # Upper bound up to the rounding of one addition and of log1p.
    assert np.all(lse <= peak + log_k + 4 * eps * (1 + np.abs(peak) + log_k))
    np.testing.assert_array_equal(logsumexp(z, keepdims=True)[..., 0], lse)


@FAST
@given(z=logit_arrays(np.float64, bound=100.0, masked=False))
def test_logsumexp_matches_the_direct_formula_where_it_cannot_overflow(z):
    # |z| <= 100: exp cannot overflow or underflow to 0, so log(sum(exp(z))) is accurate to
    # a few eps relative to |lse| <= 100 + log 8.
    direct = np.log(np.sum(np.exp(z), axis=-1))
    np.testing.assert_allclose(logsumexp(z), direct, rtol=1e-13, atol=1e-13)
    # log_softmax and softmax agree with the same direct formulas.
    np.testing.assert_allclose(
        softmax(z),
        np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True),
        rtol=1e-12,
        atol=1e-300,
    )


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data(), temperature=st.floats(0.1, 10.0))
def test_softmax_complement_is_the_mass_of_the_other_classes(dtype, data, temperature):
    z = data.draw(logit_arrays(dtype))
    eps = eps_of(dtype)
    complement = softmax_complement(z, temperature=temperature)
    p = softmax(z, temperature=temperature)
    assert complement.dtype == dtype and complement.shape == z.shape
    assert np.all((complement >= 0) & (complement <= 1))
    # p + (1 - p) = 1 to the absolute precision of numbers near 1.
    np.testing.assert_allclose(complement + p, 1, rtol=0, atol=4 * eps)
    # Relative precision, also where p rounds to 1: 1 - p_i equals sum_{j != i} p_j, a sum of
    # accurately computed numbers with no cancellation (each p_j within a few eps, then K
    # roundings). Below the smallest normal number only absolute precision is left.
    num_classes = z.shape[-1]
    others = p.astype(np.float64) @ (1 - np.eye(num_classes))
    tolerance = 8 * num_classes * eps * others + np.finfo(dtype).tiny
    assert np.all(np.abs(complement - others) <= tolerance)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data(), temperature=st.floats(1e-3, 1e3))
def test_temperature_divides_the_logits(dtype, data, temperature):
    z = data.draw(logit_arrays(dtype))
    scaled = z / dtype(temperature)
    np.testing.assert_array_equal(softmax(z, temperature=temperature), softmax(scaled))
    np.testing.assert_array_equal(log_softmax(z, temperature=temperature), log_softmax(scaled))


@FAST
@given(z=logit_arrays(np.float64, bound=100.0, min_classes=2, batch=False))
def test_small_temperature_approaches_the_one_hot_argmax(z):
    finite = np.sort(z[np.isfinite(z)])
    assume(finite.size >= 2)
    gap = finite[-1] - finite[-2]
    assume(gap > 1e-6)
    # With T = gap / 60 every other class has probability <= exp(-60) ~ 8.8e-27.
    p = softmax(z, temperature=gap / 60)
    one_hot = np.zeros_like(z)
    one_hot[np.argmax(z)] = 1
    np.testing.assert_allclose(p, one_hot, rtol=0, atol=z.size * 1e-26)
    # And softmax(z / T) is far from one-hot at T = 1 for a small gap (control).
    if gap < 0.1:
        assert softmax(z)[np.argmax(z)] < 1 - 1e-3


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data(), temperature=st.floats(1e-2, 1e12))
def test_temperature_bounds_the_probability_ratio(dtype, data, temperature):
    z = data.draw(logit_arrays(dtype, bound=100.0, batch=False, masked=False))
    num_classes = z.size
    # p_i / p_j = exp((z_i - z_j) / T), so with r = (max - min) / T every p_i lies in
    # [1 / (1 + (K-1) e^r), 1 / (1 + (K-1) e^-r)]; as T -> inf both ends tend to 1/K.
    spread = (float(np.max(z)) - float(np.min(z))) / temperature
    p = softmax(z, temperature=temperature).astype(np.float64)
    low = 1 / (1 + (num_classes - 1) * math.exp(spread)) if spread < 700 else 0.0
    high = 1 / (1 + (num_classes - 1) * math.exp(-spread))
    # z / T and the exponentials carry relative error ~ a few eps (times |z/T|).
    slack = 8 * eps_of(dtype) * (1 + np.max(np.abs(z)) / temperature)
    assert np.all(p >= low * (1 - slack) - np.finfo(dtype).tiny)
    assert np.all(p <= high * (1 + slack))
    if temperature >= 1e6:
        # Large T: uniform to within r / K (r <= 2e-4 here).
        np.testing.assert_allclose(p, 1 / num_classes, rtol=2 * spread + slack, atol=0)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_sigmoid_is_the_two_class_softmax(dtype, data):
    x = data.draw(hnp.arrays(dtype, st.integers(1, 6), elements=float_elements(dtype, -1e4, 1e4)))
    pairs = np.stack([x, np.zeros_like(x)], axis=-1)
    s = sigmoid(x)
    assert s.dtype == dtype
    # Same formula (1 / (1 + e^-x) or e^x / (1 + e^x)) on both sides: a few ulps at most.
    np.testing.assert_allclose(s, softmax(pairs)[:, 0], rtol=4 * eps_of(dtype), atol=0)
    np.testing.assert_allclose(
        log_sigmoid(x), log_softmax(pairs)[:, 0], rtol=4 * eps_of(dtype), atol=0
    )
    # Symmetry: sigmoid(-x) = 1 - sigmoid(x), to the absolute precision of numbers near 1.
    np.testing.assert_allclose(sigmoid(-x), 1 - s, rtol=0, atol=2 * eps_of(dtype))


@SLOW
@given(z=logit_arrays(np.float64, bound=8.0, batch=False), temperature=temperatures)
def test_softmax_jacobian_matches_finite_differences(z, temperature):
    jacobian = softmax_jacobian(z, temperature=temperature)
    assert jacobian.shape == (z.size, z.size)
    for i in range(z.size):
        # Row i is the gradient of p_i; probabilities are <= 1 so scale is 1.
        assert_gradient(lambda v, i=i: softmax(v, temperature=temperature)[i], z, jacobian[i])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data(), temperature=st.floats(0.1, 10.0))
def test_softmax_jacobian_is_symmetric_psd_with_ones_in_its_null_space(dtype, data, temperature):
    z = data.draw(logit_arrays(dtype))
    eps = eps_of(dtype)
    jacobian = softmax_jacobian(z, temperature=temperature)
    num_classes = z.shape[-1]
    assert jacobian.dtype == dtype
    assert jacobian.shape == z.shape + (num_classes,)
    # p_i p_j and p_j p_i are the same product: symmetric bit for bit.
    np.testing.assert_array_equal(jacobian, np.swapaxes(jacobian, -1, -2))
    # J 1 = (p - p sum(p)) / T: K roundings of numbers <= 1.
    ones = np.ones(num_classes, dtype=dtype)
    assert np.all(np.abs(jacobian @ ones) <= 4 * num_classes * eps / temperature)
    # Eigenvalues of a symmetric matrix with entries <= 1/T are found to ~K eps / T.
    eigenvalues = np.linalg.eigvalsh(jacobian.astype(np.float64))
    assert np.all(eigenvalues >= -4 * num_classes * eps / temperature)
    # Masked classes have zero rows and columns.
    masked = np.isneginf(z)
    assert np.all(np.moveaxis(jacobian, -1, -2)[masked] == 0)
    assert np.all(jacobian[masked] == 0)


@FAST
@given(
    z=logit_arrays(np.float64, bound=10.0, batch=False, masked=False),
    temperature=st.floats(1.0, 10.0),
)
def test_softmax_jacobian_spectrum_and_rank(z, temperature):
    # J T = diag(p) - p p^T is a rank-one downdate of diag(p): by interlacing its sorted
    # eigenvalues satisfy mu_1 = 0 (ones vector) and p_(i-1) <= mu_i <= p_(i) for i >= 2.
    # With |z / T| <= 10 every p >= e^-20 / 8 ~ 2.6e-10, far above the eigensolver error of
    # ~K eps ~ 1e-14, so the rank is exactly K - 1.
    p = np.sort(softmax(z, temperature=temperature))
    mu = np.linalg.eigvalsh(softmax_jacobian(z, temperature=temperature) * temperature)
    tol = 64 * EPS64
    assert abs(mu[0]) <= tol
    assert np.all(mu[1:] >= p[:-1] - tol)
    assert np.all(mu[1:] <= p[1:] + tol)
    assert np.linalg.matrix_rank(softmax_jacobian(z, temperature=temperature), tol=1e-13) == (
        z.size - 1
    )


# Special values: -inf = masked (p 0, log p -inf); all -inf row: softmax/log_softmax NaN, lse
# -inf; a +inf entry: lse +inf, softmax/log_softmax of that row NaN (inf - inf), as in
# PyTorch; a NaN anywhere makes the whole row NaN, logsumexp included. Other rows are
# unaffected.


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_masked_entries_get_zero_probability(dtype):
    z = np.array([0.0, -INF, 0.0], dtype=dtype)
    same(softmax(z), np.array([0.5, 0.0, 0.5], dtype=dtype))
    same(log_softmax(z), np.array([-math.log(2), -INF, -math.log(2)], dtype=dtype))
    assert logsumexp(z) == dtype(math.log(2))
    same(softmax(np.array([-INF, 3.0], dtype=dtype)), [0.0, 1.0])
    same(log_softmax(np.array([-INF, 3.0], dtype=dtype)), [-INF, 0.0])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize(
    "row",
    [[INF, 0.0, -INF, 5.0], [0.0, INF], [INF, 0.0, INF, -INF], [INF, INF], [INF], [-INF, INF]],
)
def test_positive_infinity_poisons_the_row(dtype, row):
    z = np.array([row, np.arange(len(row))], dtype=dtype)
    p, log_p, lse = softmax(z), log_softmax(z), logsumexp(z)
    assert p.dtype == log_p.dtype == lse.dtype == dtype
    assert np.all(np.isnan(p[0])) and np.all(np.isnan(log_p[0]))
    assert lse[0] == INF
    same(p[1], softmax(z[1]))
    same(lse[1], logsumexp(z[1]))
    assert np.all(np.isfinite(p[1]))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_all_masked_row_has_no_distribution(dtype):
    z = np.array([[-INF, -INF, -INF], [0.0, 1.0, 2.0]], dtype=dtype)
    p = softmax(z)
    log_p = log_softmax(z)
    lse = logsumexp(z)
    assert np.all(np.isnan(p[0])) and np.all(np.isnan(log_p[0]))
    assert lse[0] == -INF
    # The other row is untouched.
    np.testing.assert_allclose(p[1], softmax(z[1]), rtol=0, atol=0)
    np.testing.assert_allclose(lse[1], logsumexp(z[1]), rtol=0, atol=0)
    assert logsumexp(np.array([-INF], dtype=dtype)) == -INF


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize(
    "row",
    [
        [NAN, 0.0, 1.0],
        [0.0, NAN],
        [NAN, INF],
        [INF, NAN],
        [-INF, NAN],
        [NAN, NAN],
        [NAN, -INF],
        # One class: the NaN is the argmax that `rest` leaves out (once a bug: lse was 0).
        [NAN],
    ],
)
def test_nan_makes_the_whole_row_nan(dtype, row):
    z = np.array([row, np.arange(len(row))], dtype=dtype)
    assert np.all(np.isnan(softmax(z)[0]))
    assert np.all(np.isnan(log_softmax(z)[0]))
    assert np.isnan(logsumexp(z)[0])
    assert np.all(np.isfinite(softmax(z)[1]))
    assert np.isfinite(logsumexp(z)[1])
    assert np.isnan(logsumexp(np.array(row, dtype=dtype)))


def test_special_values_raise_no_warnings():
    z = np.array([[INF, 0.0, INF], [-INF, -INF, -INF], [NAN, 0.0, 1.0], [1e308, -1e308, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        softmax(z), log_softmax(z), logsumexp(z), softmax_jacobian(z), softmax_complement(z)
        sigmoid(z), log_sigmoid(z), naive_softmax(z)


def test_sigmoid_special_values():
    same(sigmoid([-INF, INF, 0.0, -800.0, 800.0]), [0.0, 1.0, 0.5, 0.0, 1.0])
    assert np.isnan(sigmoid(NAN))
    same(log_sigmoid([-1000.0, 1000.0, -INF]), [-1000.0, 0.0, -INF])
    # Stable far in the tails: log_sigmoid(-x) = -x - log1p(e^-x) ~ -x, sigmoid(-40) ~ e^-40.
    assert float(sigmoid(-40.0)) == pytest.approx(math.exp(-40), rel=1e-15)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_softmax_complement_keeps_what_one_minus_softmax_loses(dtype):
    z = np.array([40.0, 0.0, -INF], dtype=dtype)
    complement = softmax_complement(z)
    assert complement.dtype == dtype
    # 1 - p_top where p_top rounds to 1: e^-40 / (1 + e^-40), not 0.
    assert 1 - softmax(z)[0] == 0
    assert float(complement[0]) == pytest.approx(math.exp(-40), rel=4 * float(np.finfo(dtype).eps))
    same(complement[1:], np.array([1.0, 1.0], dtype=dtype))
    # Ties at the top: each gets 1 - 1/2.
    same(softmax_complement(np.array([3.0, 3.0], dtype=dtype)), [0.5, 0.5])
    # No distribution, no complement.
    assert np.all(np.isnan(softmax_complement(np.array([-INF, -INF], dtype=dtype))))
    assert np.all(np.isnan(softmax_complement(np.array([NAN, 0.0], dtype=dtype))))
    # The Jacobian diagonal p (1 - p) uses it: p_top (1 - p_top) ~ e^-40 instead of 0.
    jacobian = softmax_jacobian(np.array([40.0, 0.0], dtype=dtype))
    assert float(jacobian[0, 0]) == pytest.approx(math.exp(-40), rel=8 * float(np.finfo(dtype).eps))


def test_log_softmax_keeps_what_log_of_softmax_loses():
    np.testing.assert_array_equal(log_softmax([1000.0, 1.0]), [0.0, -999.0])
    with np.errstate(divide="ignore", invalid="ignore"):
        # Stable softmax: e^-999 underflows to 0, so its log is -inf.
        assert np.log(softmax([1000.0, 1.0]))[1] == -INF
        # Naive softmax: exp(1000) overflows, inf / inf = NaN, and 0 / inf = 0 -> -inf.
        naive_log = np.log(naive_softmax([1000.0, 1.0]))
    assert np.isnan(naive_log[0]) and naive_log[1] == -INF
    # Dominant class: log p keeps full relative precision via log1p.
    assert float(log_softmax([0.0, -50.0])[0]) == pytest.approx(-math.exp(-50), rel=1e-14)


@pytest.mark.parametrize(
    "dtype, threshold, step",
    [
        (np.float64, 709.78, 0.01),
        (np.float32, 88.72, 0.01),
        # float16 spacing near 11 is 2**-7 ~ 0.008: step far enough to round away from 11.09.
        (np.float16, 11.09, 0.02),
    ],
)
def test_naive_softmax_overflows_exactly_above_log_max(dtype, threshold, step):
    assert overflow_threshold(dtype) == pytest.approx(threshold, abs=0.005)
    assert overflow_threshold(dtype) == float(np.log(np.finfo(dtype).max.astype(np.float64)))
    above = naive_softmax([threshold + step, 0.0], dtype=dtype)
    below = naive_softmax([threshold - step, 0.0], dtype=dtype)
    assert above.dtype == below.dtype == dtype
    assert np.isnan(above[0]) and above[1] == 0
    assert np.all(np.isfinite(below))
    # Same as the stable softmax of the same (dtype-rounded) logits, to a few ulps; e^-88.7 is
    # subnormal in float32, hence the absolute floor of the smallest normal number.
    rounded = np.array([threshold - step, 0.0], dtype=dtype).astype(np.float64)
    np.testing.assert_allclose(
        below.astype(np.float64),
        softmax(rounded),
        rtol=4 * float(np.finfo(dtype).eps),
        atol=float(np.finfo(dtype).tiny),
    )
    # The stable softmax has no threshold.
    big = np.array([threshold + step, 0.0], dtype=dtype)
    stable = softmax(big)
    assert stable.dtype == dtype and stable[0] == 1
    assert float(stable[1]) == pytest.approx(
        math.exp(-float(big[0])), rel=1e-3, abs=float(np.finfo(dtype).smallest_subnormal)
    )


EDGE_ROWS = [
    [2.0, 1.0, 0.1],
    [1000.0, 0.0, -1000.0],
    [-np.inf, 0.0, 1.0],
    [-np.inf, -np.inf, -np.inf],
    [np.inf, 0.0, 1.0],
    [np.nan, 0.0, 1.0],
    [0.0, -0.0, 0.0],
    [5.0],
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("row", EDGE_ROWS)
def test_softmax_and_log_softmax_together_equal_them_apart(row, dtype):
    """One pass for both gives the bits the two functions give, one example or a batch
    (the single-example path takes fewer steps and must not change a bit)."""
    z = np.array(row, dtype=dtype)
    for temperature in (1.0, 0.5):
        p, log_p = softmax_and_log_softmax(z, temperature=temperature)
        batch_p, batch_log_p = softmax_and_log_softmax(z[None], temperature=temperature)
        expected_p = softmax(z, temperature=temperature)
        expected_log_p = log_softmax(z, temperature=temperature)
        for got in (p, batch_p[0]):
            np.testing.assert_array_equal(got, expected_p, strict=True)
            assert np.array_equal(np.signbit(got), np.signbit(expected_p))
        for got in (log_p, batch_log_p[0]):
            np.testing.assert_array_equal(got, expected_log_p, strict=True)
            assert np.array_equal(np.signbit(got), np.signbit(expected_log_p))
        # The batched path (put_along_axis) is the reference for the single-example one.
        for batched, single in (
            (softmax(z[None], temperature=temperature)[0], expected_p),
            (log_softmax(z[None], temperature=temperature)[0], expected_log_p),
        ):
            np.testing.assert_array_equal(batched, single, strict=True)
            assert np.array_equal(np.signbit(batched), np.signbit(single))


def test_dtype_of_float16_and_of_the_overflow_threshold():
    assert isinstance(overflow_threshold(np.float32), float)
    # Float16 is a float too: kept (naive_softmax converts to the dtype it is given).
    assert softmax(np.array([1, 2], dtype=np.float16)).dtype == np.float16
    assert naive_softmax(np.array([1, 2], dtype=F32)).dtype == np.float64


@pytest.mark.parametrize("name", dtype_case_names("softmax"))
@pytest.mark.parametrize("input_dtype, expected", DTYPE_PAIRS)
def test_dtype_is_preserved(name, input_dtype, expected):
    assert_dtype_is_preserved(name, input_dtype, expected)


@pytest.mark.parametrize("build, match", value_error_params("softmax"))
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize("name", temperature_user_names("softmax"))
@pytest.mark.parametrize("temperature, match", BAD_TEMPERATURES)
def test_bad_temperature(name, temperature, match):
    with pytest.raises(ValueError, match=match):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize("name", temperature_user_names("softmax"))
def test_good_temperature_is_accepted(name):
    # The same calls succeed with valid temperatures (the error cases are not vacuous).
    for temperature in (1e-3, 1, 2.5, np.float32(0.5)):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize(("case", "output"), reference_comparisons("softmax"))
def test_matches_reference(case, output):
    assert_matches_reference(case, output)


@pytest.mark.parametrize("case", reference_cases("softmax"), ids=lambda case: case.name)
def test_keeps_dtype_and_shape(case):
    assert_keeps_dtype_and_shape(case)
