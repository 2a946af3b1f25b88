"""Property-based tests of the NumPy core: identities, bounds and gradients.

Tolerances are derived, not tuned; the recurring arguments are:

* ``eps`` is the machine epsilon of the dtype under test. A handful of roundings on a value
  of magnitude ``M`` costs about ``k * eps * M`` absolute error, with ``k`` the number of
  operations (we allow 4-64 depending on the length of the computation).
* Central differences ``(f(x + h) - f(x - h)) / 2h`` with ``h = 1e-6`` in float64: rounding
  contributes ``~ k * eps * |f| / h`` (k ~ 64 operations -> 1.4e-8 per unit of ``|f|``),
  truncation ``h**2 / 6 * |f'''|`` (< 1e-9 for the smooth, bounded-curvature losses here with
  temperatures >= 0.5). Hence ``rtol=1e-5`` plus that absolute term.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core import (
    analyze_example,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    descent_path,
    distillation_loss,
    distillation_loss_grad,
    entropy,
    focal_loss,
    focal_loss_grad,
    gradient_field,
    kl_divergence,
    log_sigmoid,
    log_softmax,
    logsumexp,
    loss_surface,
    nll_loss,
    sigmoid,
    softmax,
    softmax_complement,
    softmax_jacobian,
    softmax_loss_vectorized,
    squared_error_loss,
    squared_error_loss_grad,
    target_distribution,
)

FLOAT_DTYPES = [np.float32, np.float64]
EPS64 = float(np.finfo(np.float64).eps)
H = 1e-6  # finite-difference step, float64 only

# Cheap properties get more examples than the finite-difference ones (each FD example costs
# 2 * (number of inputs) loss evaluations). The whole module runs in a few seconds.
FAST = settings(max_examples=50, deadline=None)
MEDIUM = settings(max_examples=30, deadline=None)
SLOW = settings(max_examples=15, deadline=None)


def eps_of(dtype) -> float:
    return float(np.finfo(dtype).eps)


# --------------------------------------------------------------------------- strategies


def float_elements(dtype, low, high):
    width = 32 if np.dtype(dtype) == np.float32 else 64
    return st.floats(low, high, width=width, allow_nan=False, allow_infinity=False)


@st.composite
def logit_arrays(
    draw,
    dtype=np.float64,
    bound=1e4,
    min_classes=1,
    max_classes=8,
    batch=True,
    masked=True,
):
    """``(C,)`` or ``(N, C)`` logits in ``[-bound, bound]``, some masked to ``-inf``.

    Every row keeps at least one finite entry (an all-masked row has no distribution; that
    case has its own explicit tests).
    """
    num_classes = draw(st.integers(min_classes, max_classes))
    if batch and draw(st.booleans()):
        shape = (draw(st.integers(1, 4)), num_classes)
    else:
        shape = (num_classes,)
    values = draw(hnp.arrays(dtype, shape, elements=float_elements(dtype, -bound, bound)))
    if masked and num_classes > 1 and draw(st.booleans()):
        mask = draw(hnp.arrays(np.bool_, shape))
        keep = draw(hnp.arrays(np.intp, shape[:-1], elements=st.integers(0, num_classes - 1)))
        np.put_along_axis(mask, np.asarray(keep)[..., None], False, axis=-1)
        values = np.where(mask, -np.inf, values).astype(dtype)
    return values


def dyadic(bound=1e4):
    """Multiples of 1/64 in [-bound, bound]: sums of two stay exact even in float32.

    |z + c| <= 2e4 and a 1/64 grid need 2e4 * 64 = 1.28e6 < 2**24 steps, so z + c and
    (z + c) - max(z + c) are exactly representable in float32 and float64.
    """
    limit = int(bound * 64)
    return st.integers(-limit, limit).map(lambda n: n / 64)


@st.composite
def distributions(draw, num_classes, allow_zeros=True, normalise=True):
    low = 0.0 if allow_zeros else 1e-3
    raw = np.array(
        draw(st.lists(st.floats(low, 1.0), min_size=num_classes, max_size=num_classes)),
        dtype=np.float64,
    )
    if raw.sum() == 0:
        raw[draw(st.integers(0, num_classes - 1))] = 1.0
    return raw / raw.sum() if normalise else raw


temperatures = st.floats(0.5, 4.0)
# Positive smoothings below 1e-6 only probe whether eps / K underflows in float32 (a separate
# edge case, test_edges.py::test_tiny_label_smoothing_with_a_masked_class).
smoothings = st.one_of(st.just(0.0), st.just(1.0), st.floats(1e-6, 1.0))


# --------------------------------------------------------------------------- FD helpers


def central_difference(f, x, h=H):
    """Central-difference gradient of scalar ``f`` at float64 ``x``; also the max |f| seen.

    Masked (``-inf``) inputs stay ``-inf`` under any finite step, so their derivative is 0.
    The step actually taken, ``(x + h) - (x - h)``, is used as the divisor.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    scale = abs(float(f(x)))
    for index in np.ndindex(x.shape):
        if not np.isfinite(x[index]):
            continue
        up, down = x.copy(), x.copy()
        up[index] += h
        down[index] -= h
        f_up, f_down = float(f(up)), float(f(down))
        grad[index] = (f_up - f_down) / (up[index] - down[index])
        scale = max(scale, abs(f_up), abs(f_down))
    return grad, scale


def assert_gradient(f, x, analytic, h=H, rtol=1e-5):
    numeric, scale = central_difference(f, x, h)
    # Rounding: ~64 roundings of relative size eps on values up to `scale`, divided by 2h.
    # Truncation: h**2 * |f'''| / 6 < 1e-9 for these losses (see module docstring).
    atol = 64 * EPS64 * (1.0 + scale) / h + 1e-9
    assert np.asarray(analytic).shape == np.shape(x)
    np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=atol)


def test_gradient_checker_detects_a_wrong_gradient():
    # Guard against a vacuous checker: a gradient off by 1e-4 must be rejected.
    z = np.array([0.3, -1.2, 2.0])
    good = cross_entropy_grad(z, 2)
    assert_gradient(lambda v: cross_entropy(v, 2), z, good)
    with pytest.raises(AssertionError):
        assert_gradient(lambda v: cross_entropy(v, 2), z, good + np.array([1e-4, 0, 0]))


# --------------------------------------------------------------------------- softmax


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


# --------------------------------------------------------------------------- temperature


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


# --------------------------------------------------------------------------- sigmoid


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


# --------------------------------------------------------------------------- CE gradient


@st.composite
def index_targets(draw, logits, ignore_index=-100, allow_ignored=True):
    """One unmasked class index per row; some rows set to ``ignore_index``.

    A row is only ignored when its class-0 logit is finite: an ignored row whose class 0 is
    masked makes the core emit a RuntimeWarning (a core bug with its own strict-xfail test,
    test_edges.py::test_ignored_row_with_masked_class_zero_emits_no_warning).
    """
    rows = logits.shape[:-1]
    finite = np.isfinite(logits)
    values = np.empty(rows, dtype=np.int64)
    for index in np.ndindex(rows):
        allowed = np.flatnonzero(finite[index])
        values[index] = draw(st.sampled_from(allowed.tolist()))
        if allow_ignored and finite[index][0] and draw(st.integers(0, 4)) == 0:
            values[index] = ignore_index
    return values


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data(), label_smoothing=smoothings)
def test_cross_entropy_grad_sums_to_zero_and_is_at_most_sqrt2(dtype, data, label_smoothing):
    z = data.draw(logit_arrays(dtype))
    num_classes = z.shape[-1]
    eps = eps_of(dtype)
    if data.draw(st.booleans()):
        target = data.draw(index_targets(z, allow_ignored=False))
    else:
        rows = [data.draw(distributions(num_classes)) for _ in range(int(np.prod(z.shape[:-1])))]
        target = np.array(rows, dtype=dtype).reshape(z.shape)
    grad = cross_entropy_grad(z, target, reduction="sum", label_smoothing=label_smoothing)
    assert grad.dtype == dtype and grad.shape == z.shape
    assert np.all(np.isfinite(grad))
    # Each row is p - t with sum(p) = sum(t) = 1 up to ~K roundings each.
    row_sums = np.sum(grad.astype(np.float64), axis=-1)
    np.testing.assert_allclose(row_sums, 0, atol=4 * num_classes * eps)
    # ||p - t||^2 <= ||p||^2 + ||t||^2 <= 2 for two distributions.
    norms = np.linalg.norm(grad.astype(np.float64), axis=-1)
    assert np.all(norms <= math.sqrt(2) * (1 + 4 * num_classes * eps))
    # 'mean' over unweighted rows is the sum divided by the number of rows.
    if z.ndim == 2:
        mean = cross_entropy_grad(z, target, reduction="mean", label_smoothing=label_smoothing)
        np.testing.assert_allclose(mean, grad / z.shape[0], rtol=4 * eps, atol=0)


def reference_cross_entropy(logits, target, weight, ignore_index, reduction, label_smoothing):
    """PyTorch's cross-entropy written out row by row with np.logaddexp (float64)."""
    logits = np.asarray(logits, dtype=np.float64)
    single = logits.ndim == 1
    z = np.atleast_2d(logits)
    target = np.asarray(target)
    index = target.dtype.kind in "iu"
    t_rows = np.atleast_1d(target) if index else np.atleast_2d(target)
    num_classes = z.shape[-1]
    w = np.ones(num_classes) if weight is None else np.asarray(weight, dtype=np.float64)
    losses, denominators = [], []
    for row, t in zip(z, t_rows, strict=True):
        log_p = row - np.logaddexp.reduce(row)
        if index and int(t) == ignore_index:
            losses.append(0.0)
            denominators.append(0.0)
            continue
        if index:
            distribution = np.zeros(num_classes)
            distribution[int(t)] = 1.0
            denominators.append(w[int(t)])
        else:
            distribution = np.asarray(t, dtype=np.float64)
            denominators.append(1.0)
        distribution = (1 - label_smoothing) * distribution + label_smoothing / num_classes
        mass = w * distribution
        with np.errstate(invalid="ignore"):
            terms = np.where(mass == 0, 0.0, -mass * log_p)
        losses.append(float(np.sum(terms)))
    losses = np.array(losses)
    if reduction == "none":
        return losses[0] if single else losses
    if reduction == "sum":
        return np.sum(losses)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sum(losses) / np.sum(denominators)


@st.composite
def cross_entropy_cases(
    draw, bound=8.0, kind=None, smoothing=True, normalise=True, reduction=None, weighted=None
):
    """Logits, target and options of cross_entropy (float64).

    ``kind`` (``'index'`` / ``'prob'``), ``reduction`` and ``weighted`` are drawn when None.
    Probability targets put no mass on masked classes, and label smoothing (which puts mass
    on every class) unmasks them, so the loss stays finite.
    """
    logits = draw(logit_arrays(np.float64, bound=bound))
    num_classes = logits.shape[-1]
    label_smoothing = draw(smoothings) if smoothing else 0.0
    if label_smoothing > 0:
        logits = np.where(np.isfinite(logits), logits, 0.0)
    weight = None
    if weighted is None:
        weighted = draw(st.booleans())
    if weighted:
        weight = np.array(
            draw(st.lists(st.floats(0.1, 3.0), min_size=num_classes, max_size=num_classes))
        )
    ignore_index = draw(st.sampled_from([-100, -1, 0]))
    if kind is None:
        kind = draw(st.sampled_from(["index", "prob"]))
    if kind == "index":
        target = draw(index_targets(logits, ignore_index=ignore_index))
    else:
        rows = []
        for row in np.atleast_2d(logits):
            distribution = draw(distributions(num_classes, normalise=normalise))
            rows.append(np.where(np.isfinite(row), distribution, 0.0))
        target = np.array(rows).reshape(logits.shape)
    if reduction is None:
        reduction = draw(st.sampled_from(["none", "mean", "sum"]))
    options = {
        "weight": weight,
        "ignore_index": ignore_index,
        "reduction": reduction,
        "label_smoothing": label_smoothing,
    }
    return logits, target, options


def _all_ignored(target, options):
    target = np.asarray(target)
    return target.dtype.kind in "iu" and np.all(target == options["ignore_index"])


@MEDIUM
@given(case=cross_entropy_cases(bound=1e4))
def test_cross_entropy_matches_the_written_out_formula(case):
    logits, target, options = case
    assume(not (_all_ignored(target, options) and options["reduction"] == "mean"))
    loss = cross_entropy(logits, target, **options)
    expected = reference_cross_entropy(logits, target, **options)
    # Both compute lse to a few eps of |z| <= 1e4 per term, then sum <= 4 rows of <= 8 terms
    # weighted by <= 3: a relative 1e-12 plus an absolute 64 eps * (1 + 3 * 8 * 1e4).
    np.testing.assert_allclose(loss, expected, rtol=1e-12, atol=64 * EPS64 * (1 + 24 * 1e4))


@pytest.mark.parametrize("kind", ["index", "prob"])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_cross_entropy_grad_matches_finite_differences(kind, reduction, weighted, data):
    # Every (target kind, reduction, weighting) combination runs each time; probability
    # targets are not normalised (sum(t) != 1 exercises the general formula).
    case = cross_entropy_cases(kind=kind, reduction=reduction, weighted=weighted, normalise=False)
    logits, target, options = data.draw(case)
    assume(not (_all_ignored(target, options) and options["reduction"] == "mean"))

    def loss(z):
        return np.sum(cross_entropy(z, target, **options))

    analytic = cross_entropy_grad(logits, target, **options)
    assert_gradient(loss, logits, analytic)
    # Ignored rows do not move at all.
    if np.asarray(target).dtype.kind in "iu" and logits.ndim == 2:
        ignored = np.asarray(target) == options["ignore_index"]
        assert np.all(analytic[ignored] == 0)


@MEDIUM
@given(case=cross_entropy_cases(bound=50.0, kind="index"))
def test_index_target_equals_its_one_hot_probability_target(case):
    logits, target, options = case
    options["ignore_index"] = -100
    target = np.where(target < 0, 0, target)
    one_hot = np.eye(logits.shape[-1])[target]
    if options["reduction"] == "mean" and (options["weight"] is not None):
        # Documented difference: index targets divide by sum(w_y), probabilities by N.
        options["reduction"] = "sum"
    # The two paths sum the same terms in a different order: a few eps of the total.
    np.testing.assert_allclose(
        cross_entropy(logits, one_hot, **options),
        cross_entropy(logits, target, **options),
        rtol=1e-12,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        cross_entropy_grad(logits, one_hot, **options),
        cross_entropy_grad(logits, target, **options),
        rtol=1e-12,
        atol=1e-14,
    )


@MEDIUM
@given(case=cross_entropy_cases(bound=1e4, kind="index", smoothing=False))
def test_cross_entropy_is_nll_of_log_softmax(case):
    logits, target, options = case
    assume(not (_all_ignored(target, options) and options["reduction"] == "mean"))
    options.pop("label_smoothing")
    # Same log-probabilities, same gather, same reduction: equal to the last bit or two.
    np.testing.assert_allclose(
        cross_entropy(logits, target, **options),
        nll_loss(log_softmax(logits), target, **options),
        rtol=4 * EPS64,
        atol=0,
    )


# --------------------------------------------------------------------------- other gradients


@SLOW
@given(data=st.data())
def test_binary_cross_entropy_with_logits_grad_matches_finite_differences(data):
    shape = data.draw(st.sampled_from([(3,), (2, 3), (1, 1), (4, 2)]))
    x = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-15, 15)))
    y = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1)))
    weight = data.draw(
        st.one_of(st.none(), hnp.arrays(np.float64, shape[-1:], elements=st.floats(0.1, 3)))
    )
    pos_weight = data.draw(
        st.one_of(
            st.none(), st.floats(0.1, 5), hnp.arrays(np.float64, shape, elements=st.floats(0.1, 5))
        )
    )
    reduction = data.draw(st.sampled_from(["none", "mean", "sum"]))
    options = {"weight": weight, "pos_weight": pos_weight, "reduction": reduction}
    analytic = binary_cross_entropy_with_logits_grad(x, y, **options)
    assert_gradient(
        lambda v: np.sum(binary_cross_entropy_with_logits(v, y, **options)), x, analytic
    )


@MEDIUM
@given(data=st.data())
def test_binary_cross_entropy_with_logits_equals_bce_of_sigmoid(data):
    shape = data.draw(st.sampled_from([(3,), (2, 3)]))
    # |x| <= 10: 1 - sigmoid(x) >= 4.5e-5 keeps its relative precision (error eps / 4.5e-5
    # ~ 5e-12), and log(p) stays far from the -100 clamp of binary_cross_entropy.
    x = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10)))
    y = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1)))
    weight = data.draw(
        st.one_of(st.none(), hnp.arrays(np.float64, shape[-1:], elements=st.floats(0.1, 3)))
    )
    reduction = data.draw(st.sampled_from(["none", "mean", "sum"]))
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(x, y, weight=weight, reduction=reduction),
        binary_cross_entropy(sigmoid(x), y, weight=weight, reduction=reduction),
        rtol=1e-9,
        atol=1e-10,
    )


@SLOW
@given(
    student=logit_arrays(np.float64, bound=8.0, min_classes=2, masked=False),
    data=st.data(),
    temperature=temperatures,
)
def test_distillation_loss_grad_matches_finite_differences(student, data, temperature):
    teacher = data.draw(hnp.arrays(np.float64, student.shape, elements=st.floats(-8, 8)))
    loss = distillation_loss(student, teacher, temperature)
    assert loss >= -1e-12 * temperature**2  # T^2 KL >= 0 up to rounding
    analytic = distillation_loss_grad(student, teacher, temperature)
    assert_gradient(lambda s: distillation_loss(s, teacher, temperature), student, analytic)
    # Identical student and teacher: zero loss, zero gradient.
    assert float(distillation_loss(teacher, teacher, temperature)) == 0.0
    assert np.all(distillation_loss_grad(teacher, teacher, temperature) == 0)


@st.composite
def single_examples(draw, bound=8.0, soft=True):
    z = draw(logit_arrays(np.float64, bound=bound, min_classes=2, batch=False, masked=False))
    if soft and draw(st.booleans()):
        target = draw(distributions(z.size))
    else:
        target = draw(st.integers(0, z.size - 1))
    return z, target


@SLOW
@given(case=single_examples(), temperature=temperatures)
def test_squared_error_loss_grad_matches_finite_differences(case, temperature):
    z, target = case
    analytic = squared_error_loss_grad(z, target, temperature=temperature)
    assert_gradient(lambda v: squared_error_loss(v, target, temperature=temperature), z, analytic)
    # The gradient of a function of softmax(z) is orthogonal to the ones vector.
    assert abs(float(np.sum(analytic))) <= 16 * EPS64 * z.size


@SLOW
@given(
    case=single_examples(bound=5.0, soft=False),
    gamma=st.one_of(st.sampled_from([0.0, 1.0, 2.0]), st.floats(0.0, 5.0)),
    temperature=temperatures,
)
def test_focal_loss_grad_matches_finite_differences(case, gamma, temperature):
    z, label = case
    analytic = focal_loss_grad(z, label, gamma=gamma, temperature=temperature)
    assert_gradient(
        lambda v: focal_loss(v, label, gamma=gamma, temperature=temperature), z, analytic
    )
    if gamma == 0:
        # gamma = 0 is cross-entropy: -log p_y, gradient (p - e_y) / T.
        ce = cross_entropy(z / temperature, label)
        np.testing.assert_allclose(
            focal_loss(z, label, gamma=0.0, temperature=temperature), ce, rtol=1e-13, atol=1e-15
        )
        np.testing.assert_allclose(
            analytic,
            cross_entropy_grad(z / temperature, label) / temperature,
            rtol=1e-12,
            atol=1e-15,
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


# --------------------------------------------------------------------------- Jacobian


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


# --------------------------------------------------------------------------- surface


@st.composite
def surface_cases(draw, dtype):
    """One example, two axes, a grid (narrow: fast path; wide: exact path) and options."""
    num_classes = draw(st.integers(2, 5))
    logits = draw(hnp.arrays(dtype, num_classes, elements=float_elements(dtype, -20, 20)))
    order = draw(st.permutations(range(num_classes)))
    axes = (order[0], order[1])
    for k in order[2:]:
        if draw(st.integers(0, 3)) == 0:
            logits[k] = -np.inf  # masked fixed class
    if draw(st.booleans()):
        target = draw(st.integers(0, num_classes - 1))
    else:
        distribution = draw(distributions(num_classes))
        if draw(st.booleans()):
            distribution = np.where(np.isfinite(logits), distribution, 0.0)
            if distribution.sum() == 0:
                distribution[list(axes)] = 0.5
            distribution /= distribution.sum()
        target = distribution.astype(dtype)
    bound = draw(st.sampled_from([30.0, 3000.0]))
    a_values = draw(
        hnp.arrays(dtype, st.integers(1, 5), elements=float_elements(dtype, -bound, bound))
    )
    b_values = draw(
        hnp.arrays(dtype, st.integers(1, 5), elements=float_elements(dtype, -bound, bound))
    )
    temperature = draw(st.floats(0.5, 4.0))
    label_smoothing = draw(smoothings)
    if label_smoothing == 1.0 and np.ndim(target) == 0 and logits[target] == -np.inf:
        # cross_entropy computes (1 - 1) * inf = NaN here (a core bug with its own strict-xfail
        # test, test_edges.py::test_full_label_smoothing_with_a_masked_target).
        label_smoothing = 0.5
    return logits, target, axes, a_values, b_values, temperature, label_smoothing


def grid_points(logits, axes, a_values, b_values):
    for r, b in enumerate(b_values):
        for c, a in enumerate(a_values):
            z = logits.copy()
            z[axes[0]], z[axes[1]] = a, b
            yield r, c, z


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@MEDIUM
@given(data=st.data())
def test_loss_surface_agrees_with_cross_entropy_pointwise(dtype, data):
    logits, target, axes, a_values, b_values, temperature, eps = data.draw(surface_cases(dtype))
    surface = loss_surface(
        logits, target, axes, a_values, b_values, temperature=temperature, label_smoothing=eps
    )
    assert surface.dtype == dtype
    assert surface.shape == (b_values.size, a_values.size)
    assert not np.any(np.isnan(surface))
    # The surface forms lse as (global peak) + log(sum) and subtracts t . z / T, so its
    # absolute error is ~16 roundings of the largest |z / T| anywhere on the plane; the target
    # entries and their sum add K roundings (relevant in float32, where t is rounded).
    coordinates = np.concatenate([logits[np.isfinite(logits)], a_values, b_values])
    magnitude = 1 + float(np.max(np.abs(coordinates))) / temperature
    tolerance = 16 * logits.size * eps_of(dtype) * magnitude
    reference_target = np.asarray(target).astype(np.float64) if np.ndim(target) else target
    for r, c, z in grid_points(logits, axes, a_values, b_values):
        # The reference sees the same z / T (same dtype, same division), in float64.
        scaled = (z / dtype(temperature)).astype(np.float64)
        expected = float(cross_entropy(scaled, reference_target, label_smoothing=eps))
        if np.isinf(expected):
            assert surface[r, c] == expected
        else:
            assert abs(float(surface[r, c]) - expected) <= tolerance


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@MEDIUM
@given(data=st.data())
def test_gradient_field_agrees_with_cross_entropy_grad(dtype, data):
    logits, target, axes, a_values, b_values, temperature, eps = data.draw(surface_cases(dtype))
    grad_a, grad_b = gradient_field(
        logits, target, axes, a_values, b_values, temperature=temperature, label_smoothing=eps
    )
    assert grad_a.shape == grad_b.shape == (b_values.size, a_values.size)
    assert grad_a.dtype == grad_b.dtype == dtype
    for r, c, z in grid_points(logits, axes, a_values, b_values):
        scaled = (z / dtype(temperature)).astype(np.float64)
        reference_target = np.asarray(target).astype(np.float64) if np.ndim(target) else target
        expected = cross_entropy_grad(scaled, reference_target, label_smoothing=eps) / temperature
        # Entries are p - t with p, t in [0, 1]: absolute error ~K roundings, divided by T.
        tolerance = 16 * z.size * eps_of(dtype) / temperature
        assert abs(float(grad_a[r, c]) - expected[axes[0]]) <= tolerance
        assert abs(float(grad_b[r, c]) - expected[axes[1]]) <= tolerance


# --------------------------------------------------------------------------- descent


@MEDIUM
@given(
    case=single_examples(bound=20.0),
    temperature=temperatures,
    fraction=st.floats(0.01, 1.0),
    label_smoothing=smoothings,
)
def test_descent_losses_do_not_increase_for_a_small_learning_rate(
    case, temperature, fraction, label_smoothing
):
    z, target = case
    # The Hessian of CE(z / T) is (diag(p) - p p^T) / T^2, whose eigenvalues are <= 1/(2T^2)
    # (Gershgorin: 2 p_i (1 - p_i) <= 1/2). Gradient descent with step <= 2T^2 = 1/L then
    # decreases the loss at every step (descent lemma).
    learning_rate = fraction * 2 * temperature**2
    path, losses = descent_path(
        z, target, learning_rate, 30, temperature=temperature, label_smoothing=label_smoothing
    )
    assert path.shape == (31, z.size) and losses.shape == (31,)
    np.testing.assert_array_equal(path[0], z)
    # Allow the rounding of two loss evaluations (~K eps of |loss|).
    slack = 16 * z.size * EPS64 * (1 + np.abs(losses[:-1]))
    assert np.all(np.diff(losses) <= slack)
    # The gradient sums to zero, so descent keeps the sum of the logits.
    np.testing.assert_allclose(path.sum(axis=1), z.sum(), rtol=0, atol=1e-9 * (1 + 20 * z.size))
    # Each step is z <- z - lr * (S p - t) / T, and each loss the cross-entropy there.
    target_t = target_distribution(target, z.size, label_smoothing)
    for k in (0, 1, 29):
        step = learning_rate * cross_entropy_grad(path[k] / temperature, target_t) / temperature
        np.testing.assert_allclose(path[k + 1], path[k] - step, rtol=1e-12, atol=1e-12)
    for point, loss in zip(path[::10], losses[::10], strict=True):
        assert loss == pytest.approx(
            float(cross_entropy(point / temperature, target_t)), rel=1e-12, abs=1e-14
        )


@settings(max_examples=6, deadline=None)
@given(
    z=logit_arrays(np.float64, bound=5.0, min_classes=2, max_classes=5, batch=False, masked=False),
    data=st.data(),
    label_smoothing=st.floats(0.1, 1.0),
)
def test_descent_with_label_smoothing_converges_to_the_finite_margin(z, data, label_smoothing):
    label = data.draw(st.integers(0, z.size - 1))
    num_classes = z.size
    # With lr = 2 <= 1/L and curvature >= min(t) >= eps/K >= 0.02 near the optimum, the
    # error contracts by <= 0.96 per step: 800 steps shrink a margin error of ~10 to ~1e-13.
    path, _ = descent_path(z, label, learning_rate=2.0, steps=800, label_smoothing=label_smoothing)
    final = path[-1]
    share = label_smoothing / num_classes
    margin = math.log((1 - label_smoothing + share) / share)
    others = np.delete(final, label)
    np.testing.assert_allclose(final[label] - others, margin, rtol=0, atol=1e-8)
    # And the final probabilities are the smoothed target.
    np.testing.assert_allclose(
        softmax(final), target_distribution(label, num_classes, label_smoothing), atol=1e-9
    )


# --------------------------------------------------------------------------- information


@MEDIUM
@given(data=st.data())
def test_kl_divergence_is_nonnegative_and_zero_on_the_diagonal(data):
    num_classes = data.draw(st.integers(1, 8))
    p = data.draw(distributions(num_classes))
    q = data.draw(distributions(num_classes, allow_zeros=False))
    kl = float(kl_divergence(p, q))
    # Gibbs: KL >= 0. p and q each sum to 1 within K eps, and each term carries a few
    # roundings of |p log(p/q)| <= |log 1e-3| ~ 7: 64 K eps covers both.
    assert kl >= -64 * num_classes * EPS64
    assert float(kl_divergence(p, p)) == 0.0
    assert float(kl_divergence(q, q)) == 0.0


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@MEDIUM
@given(data=st.data())
def test_cross_entropy_of_one_hot_equals_kl_divergence(dtype, data):
    # |z| <= 30 keeps every p >= e^-60 / 8 (no underflow to 0, where KL would be +inf).
    z = data.draw(logit_arrays(dtype, bound=30.0, batch=False, masked=False))
    label = data.draw(st.integers(0, z.size - 1))
    one_hot = np.eye(z.size, dtype=dtype)[label]
    ce = float(cross_entropy(z, label))
    kl = float(kl_divergence(one_hot, softmax(z)))
    # kl takes log(p_y) of a rounded p_y (absolute error ~2 eps in log); CE uses log1p.
    assert kl == pytest.approx(ce, rel=16 * eps_of(dtype), abs=16 * eps_of(dtype))
    # For a one-hot target H(t) = 0, so H(t, p) = KL(t || p); also for the probability form.
    assert float(cross_entropy(z, one_hot)) == pytest.approx(
        ce, rel=16 * eps_of(dtype), abs=16 * eps_of(dtype)
    )


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@FAST
@given(data=st.data())
def test_entropy_is_between_zero_and_log_k(dtype, data):
    z = data.draw(logit_arrays(dtype))
    p = softmax(z)
    h = entropy(p)
    num_classes = z.shape[-1]
    assert h.dtype == dtype and h.shape == z.shape[:-1]
    # Every term -p log p >= 0 when p <= 1, which softmax guarantees exactly.
    assert np.all(h >= 0)
    assert np.all(
        h <= math.log(num_classes) * (1 + 8 * num_classes * eps_of(dtype)) + 8 * eps_of(dtype)
    )
    uniform = np.full(num_classes, 1 / num_classes, dtype=dtype)
    assert float(entropy(uniform)) == pytest.approx(
        math.log(num_classes), rel=8 * num_classes * eps_of(dtype), abs=0
    )
    assert float(entropy(np.eye(num_classes, dtype=dtype)[0])) == 0.0


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
