"""Explicit edge cases of the NumPy core: special values, dtypes, errors, the two surface paths."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import explorer.core as core
import explorer.core.surface as surface_module
from explorer.core import (
    analyze_example,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    clipped_cross_entropy,
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
    naive_softmax,
    nll_loss,
    overflow_threshold,
    sigmoid,
    softmax,
    softmax_and_log_softmax,
    softmax_complement,
    softmax_jacobian,
    softmax_loss_vectorized,
    squared_error_loss,
    squared_error_loss_grad,
    target_distribution,
)

INF = np.inf
NAN = np.nan
FLOAT_DTYPES = [np.float32, np.float64]


def same(actual, expected):
    """Equal values, NaN where expected is NaN, infinities with their sign."""
    np.testing.assert_array_equal(np.asarray(actual), np.asarray(expected))


# --------------------------------------------------------------------------- special values
# softmax.py: -inf = masked (p 0, log p -inf); all -inf row: softmax/log_softmax NaN, lse -inf;
# a +inf entry: lse +inf, softmax/log_softmax of that row NaN (inf - inf), as in PyTorch;
# a NaN anywhere makes the whole row NaN, logsumexp included. Other rows are unaffected.


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


# --------------------------------------------------------------------------- masked CE


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_masked_target_class_has_infinite_loss(dtype):
    z = np.array([-INF, 0.0, 1.0], dtype=dtype)
    assert cross_entropy(z, 0) == INF
    assert nll_loss(log_softmax(z), 0) == INF
    grad = cross_entropy_grad(z, 0)
    assert np.all(np.isfinite(grad))
    # p - onehot with p_0 = 0.
    np.testing.assert_allclose(grad, softmax(z) - np.array([1, 0, 0]), atol=2e-7)
    assert cross_entropy(z, np.array([1.0, 0.0, 0.0], dtype=dtype)) == INF


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_masked_other_class_is_finite_with_zero_gradient(dtype):
    z = np.array([-INF, 0.0, 1.0], dtype=dtype)
    loss = cross_entropy(z, 2)
    assert np.isfinite(loss)
    assert float(loss) == pytest.approx(float(cross_entropy(z[1:], 1)), rel=1e-6)
    grad = cross_entropy_grad(z, 2)
    assert grad[0] == 0
    np.testing.assert_allclose(grad[1:], cross_entropy_grad(z[1:], 1), rtol=1e-6)
    # Probability target with no mass on the masked class: 0 * log 0 = 0, not NaN (the
    # documented difference from PyTorch).
    soft = np.array([0.0, 0.25, 0.75], dtype=dtype)
    assert np.isfinite(cross_entropy(z, soft))
    assert cross_entropy_grad(z, soft)[0] == 0
    # Label smoothing puts mass on the masked class: infinite loss, finite gradient.
    assert cross_entropy(z, 2, label_smoothing=0.1) == INF
    assert np.all(np.isfinite(cross_entropy_grad(z, 2, label_smoothing=0.1)))


@pytest.mark.parametrize("function", ["cross_entropy", "nll_loss"])
def test_ignored_row_with_masked_class_zero(function):
    # Ignored rows gather class 0 as a placeholder; a masked class 0 there is -inf and must
    # not turn into 0 * -inf = NaN or a RuntimeWarning (once a bug).
    logits = np.array([[-INF, 0.0], [0.0, 0.0]])
    inputs = logits if function == "cross_entropy" else log_softmax(logits)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per_row = getattr(core, function)(inputs, [-100, 1], reduction="none")
        total = getattr(core, function)(inputs, [-100, 1], reduction="sum")
        mean = getattr(core, function)(inputs, [-100, 1])
    same(per_row, [0.0, math.log(2)])
    assert float(total) == float(mean) == pytest.approx(math.log(2))


@pytest.mark.parametrize(
    "dtype, label_smoothing", [(np.float32, 1e-50), (np.float64, 5e-324)], ids=["f32", "f64"]
)
def test_tiny_label_smoothing_with_a_masked_class(dtype, label_smoothing):
    # eps / C underflows to 0 in the logits' dtype: the smoothing mass is 0 in that dtype, as
    # for probability targets, so the masked class carries no mass. No 0 * inf = NaN, no
    # warning.
    z = np.array([0.0, 0.0, -INF], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy(z, 0, label_smoothing=label_smoothing)
        grad = cross_entropy_grad(z, 0, label_smoothing=label_smoothing)
    assert loss == pytest.approx(math.log(2), rel=1e-6)
    assert np.all(np.isfinite(grad))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_full_label_smoothing_with_a_masked_target(dtype):
    z = np.array([0.0, -INF], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy(z, 1, label_smoothing=1.0)
    assert loss == INF
    # As for the equivalent probability target and the loss surface (the masked class
    # stays off the surface's axes, which would replace its logit by grid values).
    assert cross_entropy(z, np.array([0.0, 1.0], dtype=dtype), label_smoothing=1.0) == INF
    grid = np.zeros(1, dtype=dtype)
    z3 = np.array([0.0, -INF, 0.0], dtype=dtype)
    assert loss_surface(z3, 1, (0, 2), grid, grid, label_smoothing=1.0)[0, 0] == INF


def test_full_label_smoothing_gradient_with_a_masked_target():
    # The gradient is fine: p - uniform.
    same(cross_entropy_grad([0.0, -INF], 1, label_smoothing=1.0), [0.5, -0.5])


@pytest.mark.parametrize(
    "dtype, label_smoothing", [(np.float32, 1e-50), (np.float64, 5e-324)], ids=["f32", "f64"]
)
def test_tiny_label_smoothing_is_consistent_across_functions(dtype, label_smoothing):
    # Every function rounds the smoothing mass eps / C in the logits' dtype: all agree.
    z = np.array([0.0, 0.0, -INF], dtype=dtype)
    grid = np.zeros(1, dtype=dtype)
    values = [
        cross_entropy(z, 0, label_smoothing=label_smoothing),
        cross_entropy(z, np.array([1.0, 0.0, 0.0], dtype=dtype), label_smoothing=label_smoothing),
        loss_surface(z, 0, (0, 1), grid, grid, label_smoothing=label_smoothing)[0, 0],
        descent_path(z, 0, 1.0, 0, label_smoothing=label_smoothing)[1][0],
    ]
    assert values == pytest.approx([math.log(2)] * 4, rel=1e-6)


# --------------------------------------------------------------------------- ignore_index


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_ignore_index_on_every_row(dtype):
    z = np.array([[0.0, 1.0], [2.0, -1.0]], dtype=dtype)
    target = [-100, -100]
    mean = cross_entropy(z, target)
    assert np.isnan(mean) and mean.dtype == dtype
    assert cross_entropy(z, target, reduction="sum") == 0
    same(cross_entropy(z, target, reduction="none"), [0.0, 0.0])
    same(cross_entropy_grad(z, target, reduction="sum"), np.zeros((2, 2)))
    assert np.isnan(nll_loss(log_softmax(z), target))
    assert nll_loss(log_softmax(z), target, reduction="sum") == 0
    # A custom ignore_index that is also a valid class.
    assert np.isnan(cross_entropy(z, [1, 1], ignore_index=1))
    assert cross_entropy(z, [1, 1], ignore_index=1, label_smoothing=0.3, reduction="sum") == 0


def test_ignore_index_excludes_rows_from_the_weighted_mean():
    z = np.array([[0.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
    weight = np.array([2.0, 5.0])
    per_row = cross_entropy(z, [0, -100, 1], weight=weight, reduction="none")
    assert per_row[1] == 0
    expected = (per_row[0] + per_row[2]) / (2.0 + 5.0)
    assert float(cross_entropy(z, [0, -100, 1], weight=weight)) == pytest.approx(expected)
    grad = cross_entropy_grad(z, [0, -100, 1], weight=weight)
    assert np.all(grad[1] == 0)


# --------------------------------------------------------------------------- clipping


def test_clipped_cross_entropy_caps_and_floors():
    cap = -math.log(1e-10)
    assert cap == pytest.approx(23.0259, abs=1e-4)
    assert float(clipped_cross_entropy([0.0, 100.0], 0)) == pytest.approx(cap, rel=1e-12)
    assert float(clipped_cross_entropy([0.0, 1e4], 0)) == pytest.approx(cap, rel=1e-12)
    # The real loss keeps growing where the clipped one is stuck.
    assert float(cross_entropy([0.0, 1e4], 0)) == pytest.approx(1e4)
    # Confident and right: floored near the clip value instead of ~e^-100.
    assert float(clipped_cross_entropy([100.0, 0.0], 0)) == pytest.approx(1e-10, rel=1e-5)
    # In between it is the plain cross-entropy.
    assert float(clipped_cross_entropy([2.0, 1.0, 0.1], 0)) == pytest.approx(
        float(cross_entropy([2.0, 1.0, 0.1], 0)), rel=1e-12
    )
    assert float(clipped_cross_entropy([0.0, 50.0], 0, clip=1e-3)) == pytest.approx(
        -math.log(1e-3), rel=1e-12
    )
    assert float(clipped_cross_entropy([0.0, 100.0], 0, temperature=1000.0)) == pytest.approx(
        float(cross_entropy([0.0, 0.1], 0)), rel=1e-12
    )


# --------------------------------------------------------------------------- other edges


def test_focal_loss_when_the_target_probability_rounds_to_one():
    # 1 - p_y underflows to 0: loss 0, gradient 0, no 0/0.
    assert float(focal_loss([1000.0, 0.0], 0)) == 0.0
    same(focal_loss_grad([1000.0, 0.0], 0), [0.0, 0.0])
    # Confidently wrong: the focal factor is ~1, so focal ~ cross-entropy.
    assert float(focal_loss([0.0, 30.0], 0)) == pytest.approx(float(cross_entropy([0.0, 30.0], 0)))


def test_squared_error_gradient_vanishes_when_confidently_wrong_but_cross_entropy_does_not():
    assert np.max(np.abs(squared_error_loss_grad([30.0, 0.0], 1))) < 1e-12
    np.testing.assert_allclose(cross_entropy_grad([30.0, 0.0], 1), [1.0, -1.0], atol=1e-12)
    assert float(squared_error_loss([30.0, 0.0], 1)) == pytest.approx(1.0)


def test_binary_cross_entropy_clamps_log_at_minus_100():
    same(binary_cross_entropy([0.0, 1.0], [1.0, 0.0], reduction="none"), [100.0, 100.0])
    assert float(binary_cross_entropy_with_logits([-200.0], [1.0])) == 200.0
    assert float(binary_cross_entropy_with_logits([1e4], [0.0])) == 1e4
    same(
        binary_cross_entropy_with_logits_grad([1e4, -1e4], [0.0, 1.0], reduction="sum"), [1.0, -1.0]
    )


def test_distillation_with_masked_classes():
    teacher = [0.0, -INF, 1.0]
    # Masked in both: 0 * (-inf - -inf) is taken as 0.
    assert np.isfinite(distillation_loss([0.5, -INF, 0.2], teacher, 2.0))
    # Masked in the student only, where the teacher has mass: infinite divergence.
    assert distillation_loss([0.5, 0.1, -INF], teacher, 2.0) == INF


def test_kl_divergence_and_entropy_special_cases():
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == INF
    assert float(kl_divergence([1.0, 0.0], [0.5, 0.5])) == pytest.approx(math.log(2))
    assert float(entropy([1.0, 0.0, 0.0])) == 0.0
    assert float(entropy([0.25] * 4)) == pytest.approx(math.log(4))


def test_descent_path_with_zero_steps():
    path, losses = descent_path([0.0, 1.0], 0, learning_rate=1.0, steps=0)
    same(path, [[0.0, 1.0]])
    assert losses.shape == (1,)
    assert float(losses[0]) == pytest.approx(float(cross_entropy([0.0, 1.0], 0)))


# --------------------------------------------------------------------------- dtypes

F32 = np.float32


def _dtype_cases():
    """name -> function(dtype) returning the arrays whose dtype must follow the input's.

    Called with float32 or float64 inputs (kept) and int64 inputs (which become float64).
    """

    def vec(dtype, values=(1, 2, 0)):
        return np.array(values, dtype=dtype)

    def probs(dtype):
        # Probability targets must be floats; integer inputs pair with float64 targets.
        return np.array([1, 0, 0], dtype=np.result_type(dtype, 0.0))

    def zeros_ones(dtype):
        # For entropy, KL and binary targets an integer array is just numbers.
        return np.array([1, 0, 0], dtype=dtype)

    return {
        "softmax": lambda d: [softmax(vec(d)), softmax(vec(d), temperature=2.0)],
        "log_softmax": lambda d: [log_softmax(vec(d)), log_softmax(vec(d), temperature=3.0)],
        "softmax_and_log_softmax": lambda d: [*softmax_and_log_softmax(vec(d), temperature=2.0)],
        "logsumexp": lambda d: [logsumexp(vec(d)), logsumexp(vec(d)[None], keepdims=True)],
        "softmax_jacobian": lambda d: [softmax_jacobian(vec(d), temperature=2.0)],
        "softmax_complement": lambda d: [softmax_complement(vec(d), temperature=2.0)],
        "sigmoid": lambda d: [sigmoid(vec(d))],
        "log_sigmoid": lambda d: [log_sigmoid(vec(d))],
        "cross_entropy": lambda d: (
            [
                cross_entropy(
                    vec(d)[None], [0], reduction=r, weight=vec(d) + 1, label_smoothing=0.1
                )
                for r in ("none", "mean", "sum")
            ]
            + [cross_entropy(vec(d), probs(d))]
        ),
        "cross_entropy_grad": lambda d: [
            cross_entropy_grad(vec(d)[None], [0], weight=vec(d) + 1, label_smoothing=0.1),
            cross_entropy_grad(vec(d), probs(d), reduction="sum"),
        ],
        "nll_loss": lambda d: [
            nll_loss(-vec(d), 1),
            nll_loss(-vec(d)[None], [1], reduction="none"),
        ],
        "binary_cross_entropy": lambda d: [
            binary_cross_entropy(zeros_ones(d), zeros_ones(d), weight=vec(d), reduction=r)
            for r in ("none", "mean", "sum")
        ],
        "binary_cross_entropy_with_logits": lambda d: [
            binary_cross_entropy_with_logits(vec(d), zeros_ones(d), pos_weight=vec(d), reduction=r)
            for r in ("none", "mean", "sum")
        ],
        "binary_cross_entropy_with_logits_grad": lambda d: [
            binary_cross_entropy_with_logits_grad(
                vec(d), zeros_ones(d), weight=vec(d), pos_weight=2
            )
        ],
        "entropy": lambda d: [entropy(zeros_ones(d))],
        "kl_divergence": lambda d: [kl_divergence(zeros_ones(d), zeros_ones(d))],
        "distillation_loss": lambda d: [distillation_loss(vec(d), vec(d)[::-1], 2.0)],
        "distillation_loss_grad": lambda d: [distillation_loss_grad(vec(d), vec(d)[::-1], 2.0)],
        "squared_error_loss": lambda d: [squared_error_loss(vec(d), 0, temperature=2.0)],
        "squared_error_loss_grad": lambda d: [
            squared_error_loss_grad(vec(d), 0, temperature=2.0),
            squared_error_loss_grad(vec(d), probs(d)),
        ],
        "focal_loss": lambda d: [focal_loss(vec(d), 1, temperature=2.0)],
        "focal_loss_grad": lambda d: [focal_loss_grad(vec(d), 1, gamma=1.5, temperature=2.0)],
        "clipped_cross_entropy": lambda d: [clipped_cross_entropy(vec(d), 1, temperature=2.0)],
        "naive_softmax": lambda d: [naive_softmax(vec(d), dtype=np.result_type(d, 0.0))],
        "target_distribution": lambda d: [
            target_distribution(1, 3, 0.1, dtype=np.result_type(d, 0.0)),
            target_distribution(probs(np.float64), 3, 0.1, dtype=np.result_type(d, 0.0)),
        ],
        "loss_surface": lambda d: [
            loss_surface(
                vec(d), 0, (0, 1), vec(d), vec(d)[:2], temperature=2.0, label_smoothing=0.1
            ),
            # A grid wide enough for the exact per-point path.
            loss_surface(vec(d), 0, (0, 1), vec(d, (-1000, 1000)), vec(d, (-1000, 0, 1000))),
        ],
        "gradient_field": lambda d: list(
            gradient_field(
                vec(d), probs(d), (2, 0), vec(d), vec(d), temperature=2.0, label_smoothing=0.1
            )
        ),
        "descent_path": lambda d: list(descent_path(vec(d), 0, 0.5, 3, temperature=2.0)),
        "analyze_example": lambda d: [
            getattr(analyze_example(vec(d), 0, temperature=2.0), field)
            for field in ("probabilities", "log_probabilities", "target", "gradient")
        ],
        "softmax_loss_vectorized": lambda d: [
            softmax_loss_vectorized(
                np.ones((2, 3), dtype=d), np.ones((4, 2), dtype=d), [0, 1, 2, 0], 0.1
            )[1]
        ],
    }


DTYPE_CASES = _dtype_cases()


def test_dtype_cases_cover_every_public_function():
    # Not dtype-valued: the result dataclass and a threshold returned as a Python float.
    # Not dtype-valued functions: the analysis record, a limit, and the loss objects (their
    # dtypes are tested in tests/core/test_loss_objects.py).
    exempt = {
        "ExampleAnalysis",
        "overflow_threshold",
        "LOSS_KEYS",
        "SoftmaxLoss",
        "CrossEntropyLoss",
        "SquaredErrorLoss",
        "FocalLoss",
        "FormulaTerm",
        "FormulaParts",
        "make_loss",
    }
    assert set(core.__all__) - exempt == set(DTYPE_CASES)


@pytest.mark.parametrize("name", sorted(DTYPE_CASES))
@pytest.mark.parametrize(
    "input_dtype, expected",
    [(np.float32, np.float32), (np.float64, np.float64), (np.int64, np.float64)],
)
def test_dtype_is_preserved(name, input_dtype, expected):
    for result in DTYPE_CASES[name](input_dtype):
        assert isinstance(result, np.ndarray | np.floating), type(result)
        assert result.dtype == expected, (name, result.dtype)
        assert np.all(~np.isnan(result)), name


def test_dtype_of_scalars_and_python_floats():
    assert isinstance(overflow_threshold(np.float32), float)
    loss, grad = softmax_loss_vectorized(
        np.ones((2, 3), F32), np.ones((4, 2), F32), [0, 1, 2, 0], 0.0
    )
    assert isinstance(loss, float) and grad.dtype == F32
    result = analyze_example(np.array([1, 2], dtype=F32), 0)
    assert isinstance(result.loss, float) and isinstance(result.entropy, float)
    # Float16 is a float too: kept (naive_softmax converts to the dtype it is given).
    assert softmax(np.array([1, 2], dtype=np.float16)).dtype == np.float16
    assert naive_softmax(np.array([1, 2], dtype=F32)).dtype == np.float64


# --------------------------------------------------------------------------- ValueErrors


def _value_error_cases():
    z = [0.0, 1.0, 2.0]
    batch = [[0.0, 1.0, 2.0], [1.0, 0.0, -1.0]]
    return [
        # Shapes of logits.
        ("scalar logits", lambda: cross_entropy(1.0, 0), r"vector \(C,\) or a batch \(N, C\)"),
        (
            "3-D logits",
            lambda: cross_entropy(np.zeros((2, 2, 2)), [0, 1]),
            r"got shape \(2, 2, 2\)",
        ),
        ("no classes", lambda: cross_entropy(np.zeros((2, 0)), [0, 0]), "at least one class"),
        ("jacobian 3-D", lambda: softmax_jacobian(np.zeros((1, 1, 2))), "vector"),
        ("softmax 0-d", lambda: softmax(1.0), "at least one dimension"),
        ("log_softmax 0-d", lambda: log_softmax(1.0), "at least one dimension"),
        ("logsumexp 0-d", lambda: logsumexp(1.0), "at least one dimension"),
        ("complement 0-d", lambda: softmax_complement(1.0), "at least one dimension"),
        ("not numbers", lambda: softmax(["a", "b"]), "z must be numbers"),
        ("logits not numbers", lambda: cross_entropy(["a", "b"], 0), "logits must be numbers"),
        # Targets.
        ("index target shape", lambda: cross_entropy(batch, [0, 1, 2]), r"must have shape \(2,\)"),
        ("scalar index on batch", lambda: cross_entropy(batch, 0), r"must have shape \(2,\)"),
        ("index too large", lambda: cross_entropy(z, 3), r"class index 3 is out of range"),
        (
            "negative index",
            lambda: cross_entropy(batch, [0, -1]),
            r"class index -1 is out of range: classes are 0\.\.2 \(ignore_index=-100\)",
        ),
        ("grad index too large", lambda: cross_entropy_grad(batch, [0, 7]), "index 7"),
        (
            "float index target",
            lambda: cross_entropy(batch, [0.0, 1.0]),
            "class indices must be integers, not floats",
        ),
        (
            "prob target shape",
            lambda: cross_entropy(batch, np.ones((2, 4)) / 4),
            r"same shape as logits \(2, 3\)",
        ),
        ("bool target", lambda: cross_entropy(z, np.array([True, False, False])), "got dtype bool"),
        (
            "nll float target",
            lambda: nll_loss(batch, [0.0, 1.0]),
            "nll_loss target must be integer class indices",
        ),
        ("nll out of range", lambda: nll_loss(batch, [0, 3]), "index 3 is out of range"),
        # Label smoothing.
        (
            "smoothing < 0",
            lambda: cross_entropy(z, 0, label_smoothing=-0.1),
            r"label_smoothing must be in \[0, 1\]",
        ),
        (
            "smoothing > 1",
            lambda: cross_entropy_grad(z, 0, label_smoothing=1.5),
            r"label_smoothing must be in \[0, 1\]",
        ),
        ("smoothing nan", lambda: cross_entropy(z, 0, label_smoothing=NAN), "label_smoothing"),
        (
            "smoothing bool",
            lambda: cross_entropy(z, 0, label_smoothing=True),
            "label_smoothing must be a number",
        ),
        (
            "smoothing surface",
            lambda: loss_surface(z, 0, (0, 1), z, z, label_smoothing=2.0),
            "label_smoothing",
        ),
        (
            "smoothing descent",
            lambda: descent_path(z, 0, 1.0, 1, label_smoothing=-1.0),
            "label_smoothing",
        ),
        (
            "smoothing target",
            lambda: target_distribution(0, 3, label_smoothing=1.01),
            "label_smoothing",
        ),
        # Reductions.
        (
            "reduction ce",
            lambda: cross_entropy(z, 0, reduction="avg"),
            r"reduction must be one of 'none', 'mean', 'sum'; got 'avg'",
        ),
        (
            "reduction ce grad",
            lambda: cross_entropy_grad(z, 0, reduction="batchmean"),
            "reduction must be one of",
        ),
        ("reduction nll", lambda: nll_loss(z, 0, reduction="Mean"), "reduction must be one of"),
        (
            "reduction bce",
            lambda: binary_cross_entropy([0.5], [1.0], reduction=None),
            "reduction must be one of",
        ),
        (
            "reduction bce logits",
            lambda: binary_cross_entropy_with_logits([0.5], [1.0], reduction="max"),
            "reduction must be one of",
        ),
        (
            "reduction bce grad",
            lambda: binary_cross_entropy_with_logits_grad([0.5], [1.0], reduction=""),
            "reduction must be one of",
        ),
        # Weights.
        (
            "weight length",
            lambda: cross_entropy(z, 0, weight=[1.0, 2.0]),
            r"weight must have one entry per class, shape \(3,\); got \(2,\)",
        ),
        (
            "weight 2-D",
            lambda: cross_entropy_grad(batch, [0, 1], weight=np.ones((2, 3))),
            "one entry per class",
        ),
        ("nll weight", lambda: nll_loss(z, 0, weight=[1.0]), "one entry per class"),
        (
            "bce weight",
            lambda: binary_cross_entropy([0.5, 0.5], [1.0, 0.0], weight=[1.0] * 3),
            r"weight of shape \(3,\) does not broadcast to \(2,\)",
        ),
        (
            "bce pos_weight",
            lambda: binary_cross_entropy_with_logits([0.5, 0.5], [1.0, 0.0], pos_weight=[1.0] * 3),
            "pos_weight of shape",
        ),
        (
            "bce grad weight",
            lambda: binary_cross_entropy_with_logits_grad(
                [0.5, 0.5], [1.0, 0.0], weight=[[1.0] * 3]
            ),
            "does not broadcast",
        ),
        # Binary targets and probabilities.
        (
            "bce target shape",
            lambda: binary_cross_entropy([0.5, 0.5], [1.0]),
            r"target must have the same shape as probs \(2,\)",
        ),
        (
            "bce logits target shape",
            lambda: binary_cross_entropy_with_logits([0.5], [1.0, 0.0]),
            "same shape as logits",
        ),
        ("bce p > 1", lambda: binary_cross_entropy([1.5], [1.0]), r"probabilities in \[0, 1\]"),
        ("bce p nan", lambda: binary_cross_entropy([NAN], [1.0]), r"probabilities in \[0, 1\]"),
        ("kl shapes", lambda: kl_divergence([0.5, 0.5], [1.0]), "p and q must have the same"),
        ("distill shapes", lambda: distillation_loss(z, z[:2], 2.0), "teacher_logits must have"),
        ("distill grad shapes", lambda: distillation_loss_grad([z], z, 2.0), "teacher_logits"),
        # Single-example losses.
        ("focal batch", lambda: focal_loss(batch, 0), "one example"),
        ("squared batch", lambda: squared_error_loss(batch, 0), "one example"),
        ("clipped range", lambda: clipped_cross_entropy(z, 5), "index 5 is out of range"),
        ("focal soft", lambda: focal_loss(z, [0.5, 0.5, 0.0]), "takes a class index"),
        ("focal gamma < 0", lambda: focal_loss(z, 0, gamma=-1.0), "gamma must be a finite"),
        ("focal gamma nan", lambda: focal_loss_grad(z, 0, gamma=NAN), "gamma must be a finite"),
        ("focal gamma inf", lambda: focal_loss(z, 0, gamma=INF), "gamma must be a finite"),
        ("analyze batch", lambda: analyze_example(batch, 0), "one example"),
        ("analyze range", lambda: analyze_example(z, 3), "out of range"),
        # Descent.
        ("descent batch", lambda: descent_path(batch, 0, 1.0, 1), "one example"),
        ("descent lr 0", lambda: descent_path(z, 0, 0.0, 1), "learning_rate must be a finite"),
        ("descent lr nan", lambda: descent_path(z, 0, NAN, 1), "learning_rate"),
        ("descent lr inf", lambda: descent_path(z, 0, INF, 1), "learning_rate"),
        ("descent steps < 0", lambda: descent_path(z, 0, 1.0, -1), "steps must be a whole"),
        ("descent steps frac", lambda: descent_path(z, 0, 1.0, 2.5), "steps must be a whole"),
        # Classifier.
        (
            "classifier shapes",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 3)), [0] * 4, 0.0),
            "matching D",
        ),
        (
            "classifier W 1-D",
            lambda: softmax_loss_vectorized(np.ones(3), np.ones((4, 3)), [0] * 4, 0.0),
            r"W \(D, C\)",
        ),
        (
            "classifier reg",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0] * 4, -1.0),
            "reg must be",
        ),
        (
            "classifier reg nan",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0] * 4, NAN),
            "reg must be",
        ),
        (
            "classifier float y",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0.0] * 4, 0.0),
            "y must be integer class labels",
        ),
        (
            "classifier y range",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0, 1, 2, 3], 0.0),
            "y class index 3 is out of range",
        ),
        (
            "classifier y shape",
            lambda: softmax_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0, 1], 0.0),
            "y with class",
        ),
        # Loss surface and gradient field.
        (
            "surface axes equal",
            lambda: loss_surface(z, 0, (1, 1), z, z),
            "the two axes must be different classes, got 1 twice",
        ),
        (
            "surface axis high",
            lambda: loss_surface(z, 0, (0, 3), z, z),
            r"axis 3 is out of range: classes are 0\.\.2",
        ),
        (
            "surface axis negative",
            lambda: loss_surface(z, 0, (-1, 0), z, z),
            "axis -1 is out of range",
        ),
        ("surface one axis", lambda: loss_surface(z, 0, (0,), z, z), "axes must be two class"),
        ("surface three axes", lambda: loss_surface(z, 0, (0, 1, 2), z, z), "axes must be two"),
        ("surface axes none", lambda: loss_surface(z, 0, None, z, z), "axes must be two"),
        ("field axes equal", lambda: gradient_field(z, 0, (2, 2), z, z), "different classes"),
        ("field axis high", lambda: gradient_field(z, 0, (5, 0), z, z), "axis 5 is out of"),
        ("surface batch", lambda: loss_surface(batch, 0, (0, 1), z, z), "one example"),
        ("surface one class", lambda: loss_surface([0.0], 0, (0, 1), z, z), "two classes"),
        (
            "surface a 2-D",
            lambda: loss_surface(z, 0, (0, 1), [z], z),
            r"a_values must be a non-empty 1-D array; got shape \(1, 3\)",
        ),
        ("surface b empty", lambda: loss_surface(z, 0, (0, 1), z, []), "b_values must be a"),
        (
            "surface a nan",
            lambda: loss_surface(z, 0, (0, 1), [0.0, NAN], z),
            "a_values must be finite",
        ),
        ("field b inf", lambda: gradient_field(z, 0, (0, 1), z, [INF]), "b_values must be"),
        (
            "surface fixed +inf",
            lambda: loss_surface([0.0, 0.0, INF], 0, (0, 1), z, z),
            r"fixed logits must be finite or -inf",
        ),
        (
            "surface fixed nan",
            lambda: loss_surface([0.0, 0.0, NAN], 0, (0, 1), z, z),
            r"fixed logits must be finite or -inf",
        ),
        ("surface target", lambda: loss_surface(z, 3, (0, 1), z, z), "out of range"),
        (
            "surface soft target shape",
            lambda: loss_surface(z, [0.5, 0.5], (0, 1), z, z),
            "same shape as logits",
        ),
    ]


VALUE_ERROR_CASES = _value_error_cases()


@pytest.mark.parametrize(
    "build, match", [case[1:] for case in VALUE_ERROR_CASES], ids=[c[0] for c in VALUE_ERROR_CASES]
)
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


TEMPERATURE_USERS = {
    "softmax": lambda t: softmax([0.0, 1.0], temperature=t),
    "log_softmax": lambda t: log_softmax([0.0, 1.0], temperature=t),
    "softmax_and_log_softmax": lambda t: softmax_and_log_softmax([0.0, 1.0], temperature=t),
    "softmax_jacobian": lambda t: softmax_jacobian([0.0, 1.0], temperature=t),
    "softmax_complement": lambda t: softmax_complement([0.0, 1.0], temperature=t),
    "distillation_loss": lambda t: distillation_loss([0.0, 1.0], [1.0, 0.0], t),
    "distillation_loss_grad": lambda t: distillation_loss_grad([0.0, 1.0], [1.0, 0.0], t),
    "squared_error_loss": lambda t: squared_error_loss([0.0, 1.0], 0, temperature=t),
    "squared_error_loss_grad": lambda t: squared_error_loss_grad([0.0, 1.0], 0, temperature=t),
    "focal_loss": lambda t: focal_loss([0.0, 1.0], 0, temperature=t),
    "focal_loss_grad": lambda t: focal_loss_grad([0.0, 1.0], 0, temperature=t),
    "clipped_cross_entropy": lambda t: clipped_cross_entropy([0.0, 1.0], 0, temperature=t),
    "loss_surface": lambda t: loss_surface([0.0, 1.0], 0, (0, 1), [0.0], [0.0], temperature=t),
    "gradient_field": lambda t: gradient_field([0.0, 1.0], 0, (0, 1), [0.0], [0.0], temperature=t),
    "descent_path": lambda t: descent_path([0.0, 1.0], 0, 0.1, 2, temperature=t),
    "analyze_example": lambda t: analyze_example([0.0, 1.0], 0, temperature=t),
}


@pytest.mark.parametrize("name", sorted(TEMPERATURE_USERS))
@pytest.mark.parametrize(
    "temperature, match",
    [
        (0.0, r"temperature must be a finite number > 0, got 0\.0"),
        (-1.0, r"temperature must be a finite number > 0, got -1\.0"),
        (NAN, "temperature must be a finite number > 0, got nan"),
        (INF, "temperature must be a finite number > 0, got inf"),
        (-INF, "temperature must be a finite number > 0"),
        (True, r"temperature must be a number > 0, got True"),
        ("2", r"temperature must be a number > 0, got '2'"),
        (None, r"temperature must be a number > 0, got None"),
    ],
)
def test_bad_temperature(name, temperature, match):
    with pytest.raises(ValueError, match=match):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize("name", sorted(TEMPERATURE_USERS))
def test_good_temperature_is_accepted(name):
    # The same calls succeed with valid temperatures (the error cases are not vacuous).
    for temperature in (1e-3, 1, 2.5, np.float32(0.5)):
        TEMPERATURE_USERS[name](temperature)


def test_ignore_index_is_not_out_of_range():
    # An index equal to ignore_index is fine even when it is not a class.
    assert cross_entropy([[0.0, 1.0]], [-7], ignore_index=-7, reduction="sum") == 0
    with pytest.raises(ValueError, match=r"class index -7 is out of range.*ignore_index=-100"):
        cross_entropy([[0.0, 1.0]], [-7])


# --------------------------------------------------------------------------- surface paths


def _pointwise_cross_entropy(
    logits, target, axes, a_values, b_values, temperature=1.0, label_smoothing=0.0
):
    logits = np.asarray(logits, dtype=np.float64)
    out = np.empty((len(b_values), len(a_values)))
    for r, b in enumerate(b_values):
        for c, a in enumerate(a_values):
            z = logits.copy()
            z[axes[0]], z[axes[1]] = a, b
            out[r, c] = cross_entropy(z / temperature, target, label_smoothing=label_smoothing)
    return out


def _force_path(monkeypatch, path):
    # loss_surface takes the fast path iff (max - min of the point peaks) < _underflow_margin.
    margin = {"fast": lambda dtype: INF, "exact": lambda dtype: -1.0}[path]
    monkeypatch.setattr(surface_module, "_underflow_margin", margin)


WIDE = np.linspace(-2000.0, 2000.0, 9)
NARROW = np.linspace(-6.0, 6.0, 7)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_wide_surface_takes_the_exact_path_and_matches_cross_entropy(dtype, monkeypatch):
    logits = np.array([0.0, 0.0, 0.5], dtype=dtype)
    a_values = b_values = WIDE.astype(dtype)
    default = loss_surface(logits, 2, (0, 1), a_values, b_values)
    expected = _pointwise_cross_entropy(logits, 2, (0, 1), a_values, b_values)
    assert default.dtype == dtype
    assert np.all(np.isfinite(default))
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(default, expected, rtol=8 * eps, atol=16 * eps * 2000)
    # The fast path on this grid underflows (exp(-2000 - 2000) = 0 everywhere near the
    # bottom-left corner) and would give -inf/NaN or wrong values: the default is not it.
    _force_path(monkeypatch, "fast")
    fast = loss_surface(logits, 2, (0, 1), a_values, b_values)
    wrong = ~np.isfinite(fast) | ~np.isclose(fast, expected, rtol=1e-3, atol=1e-3)
    assert np.any(wrong)
    _force_path(monkeypatch, "exact")
    np.testing.assert_array_equal(loss_surface(logits, 2, (0, 1), a_values, b_values), default)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_narrow_surface_takes_the_fast_path(dtype, monkeypatch):
    logits = np.array([0.3, -1.0, 0.5, -INF], dtype=dtype)
    a_values, b_values = NARROW.astype(dtype), (NARROW[:5] + 0.25).astype(dtype)
    default = loss_surface(
        logits, 0, (0, 1), a_values, b_values, temperature=1.5, label_smoothing=0.0
    )
    _force_path(monkeypatch, "fast")
    fast = loss_surface(logits, 0, (0, 1), a_values, b_values, temperature=1.5)
    _force_path(monkeypatch, "exact")
    exact = loss_surface(logits, 0, (0, 1), a_values, b_values, temperature=1.5)
    np.testing.assert_array_equal(default, fast)
    # Both paths agree with each other and with cross-entropy.
    expected = _pointwise_cross_entropy(
        logits.astype(np.float64),
        0,
        (0, 1),
        a_values.astype(np.float64),
        b_values.astype(np.float64),
        temperature=1.5,
    )
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(exact, fast, rtol=16 * eps, atol=64 * eps)
    np.testing.assert_allclose(default, expected, rtol=16 * eps, atol=64 * eps)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("path", ["fast", "exact"])
@pytest.mark.parametrize(
    "target, label_smoothing",
    [
        (1, 0.0),
        (0, 0.2),
        (np.array([0.2, 0.5, 0.3, 0.0]), 0.0),
        (np.array([0.2, 0.5, 0.0, 0.3]), 0.1),
    ],
)
def test_both_surface_paths_match_cross_entropy(dtype, path, target, label_smoothing, monkeypatch):
    # Logit 3 is masked: finite losses unless smoothing (or the target) puts mass on it.
    logits = np.array([0.0, 0.0, 1.5, -INF], dtype=dtype)
    a_values = np.array([-40.0, -3.0, 0.0, 2.0, 35.0], dtype=dtype)
    b_values = np.array([-30.0, 0.5, 4.0], dtype=dtype)
    target = target.astype(dtype) if isinstance(target, np.ndarray) else target
    _force_path(monkeypatch, path)
    got = loss_surface(
        logits, target, (1, 0), a_values, b_values, temperature=2.0, label_smoothing=label_smoothing
    )
    expected = _pointwise_cross_entropy(
        logits.astype(np.float64),
        np.asarray(target).astype(np.float64) if np.ndim(target) else target,
        (1, 0),
        a_values.astype(np.float64),
        b_values.astype(np.float64),
        temperature=2.0,
        label_smoothing=label_smoothing,
    )
    assert got.dtype == dtype
    eps = float(np.finfo(dtype).eps)
    # Absolute error: ~16 roundings of the largest |z / T| = 20 on the plane.
    np.testing.assert_allclose(got, expected, rtol=0, atol=16 * 4 * eps * 21)
    if label_smoothing > 0 or (np.ndim(target) and target[3] > 0):
        assert np.all(got == INF)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_exact_path_gets_tiny_losses_right(dtype, monkeypatch):
    # Where one logit dominates by 40 the loss is ~e^-40; the per-point shift keeps it
    # (relative precision), where the fast path only has absolute precision ~eps * 40.
    logits = np.array([0.0, 0.0], dtype=dtype)
    a_values = np.array([0.0, 40.0], dtype=dtype)
    b_values = np.array([-40.0, 40.0], dtype=dtype)
    _force_path(monkeypatch, "exact")
    got = loss_surface(logits, 0, (0, 1), a_values, b_values)
    assert float(got[0, 0]) == pytest.approx(math.log1p(math.exp(-40)), rel=1e-5)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_gradient_field_on_a_wide_grid(dtype):
    logits = np.array([0.0, 0.0, 0.5], dtype=dtype)
    grid = WIDE.astype(dtype)
    grad_a, grad_b = gradient_field(logits, 2, (0, 1), grid, grid)
    assert grad_a.dtype == grad_b.dtype == dtype
    assert np.all(np.isfinite(grad_a)) and np.all(np.isfinite(grad_b))
    for r, b in enumerate(grid):
        for c, a in enumerate(grid):
            z = np.array([a, b, 0.5])
            expected = cross_entropy_grad(z, 2)
            np.testing.assert_allclose(
                [grad_a[r, c], grad_b[r, c]],
                expected[:2],
                rtol=0,
                atol=8 * float(np.finfo(dtype).eps),
            )


def test_float32_surface_with_float32_grid_stays_float32():
    logits = np.array([1.0, -1.0, 0.0], dtype=F32)
    grid = np.linspace(-100, 100, 5, dtype=F32)  # exceeds the float32 margin (~77): exact path
    got = loss_surface(logits, 1, (0, 2), grid, grid)
    assert got.dtype == F32
    assert np.all(np.isfinite(got))
    expected = _pointwise_cross_entropy(
        logits, 1, (0, 2), grid.astype(np.float64), grid.astype(np.float64)
    )
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=16 * 1.2e-7 * 100)


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
