"""``explorer.core.losses``: cross-entropy and its gradient, NLL, binary cross-entropy,
distillation, KL divergence, entropy, squared-error, focal and clipped losses.

Properties (hypothesis, finite differences), explicit edge cases (masked classes,
``ignore_index``, label smoothing, clamps), dtypes, errors and the stored references.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import explorer.core as core
from explorer.core import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    clipped_cross_entropy,
    cross_entropy,
    cross_entropy_grad,
    distillation_loss,
    distillation_loss_grad,
    entropy,
    focal_loss,
    focal_loss_grad,
    kl_divergence,
    log_softmax,
    loss_surface,
    nll_loss,
    sigmoid,
    softmax,
    squared_error_loss,
    squared_error_loss_grad,
)

from .cases import (
    BAD_TEMPERATURES,
    DTYPE_PAIRS,
    INF,
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
    MEDIUM,
    SLOW,
    assert_gradient,
    distributions,
    eps_of,
    logit_arrays,
    single_examples,
    smoothings,
    temperatures,
)


def test_gradient_checker_detects_a_wrong_gradient():
    # Guard against a vacuous checker: a gradient off by 1e-4 must be rejected.
    z = np.array([0.3, -1.2, 2.0])
    good = cross_entropy_grad(z, 2)
    assert_gradient(lambda v: cross_entropy(v, 2), z, good)
    with pytest.raises(AssertionError):
        assert_gradient(lambda v: cross_entropy(v, 2), z, good + np.array([1e-4, 0, 0]))


@st.composite
def index_targets(draw, logits, ignore_index=-100, allow_ignored=True):
    """One unmasked class index per row; some rows set to ``ignore_index``.

    A row is only ignored when its class-0 logit is finite: an ignored row whose class 0 is
    masked makes the core emit a RuntimeWarning (a core bug with its own strict-xfail test,
    test_losses.py::test_ignored_row_with_masked_class_zero).
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


def test_ignore_index_is_not_out_of_range():
    # An index equal to ignore_index is fine even when it is not a class.
    assert cross_entropy([[0.0, 1.0]], [-7], ignore_index=-7, reduction="sum") == 0
    with pytest.raises(ValueError, match=r"class index -7 is out of range.*ignore_index=-100"):
        cross_entropy([[0.0, 1.0]], [-7])


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


@pytest.mark.parametrize(
    "function", [binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad]
)
def test_bce_weight_may_not_enlarge_the_input(function):
    with pytest.raises(ValueError, match="does not broadcast to"):
        function(np.zeros(3), np.ones(3), weight=np.ones((2, 3)))


@pytest.mark.parametrize("name", dtype_case_names("losses"))
@pytest.mark.parametrize("input_dtype, expected", DTYPE_PAIRS)
def test_dtype_is_preserved(name, input_dtype, expected):
    assert_dtype_is_preserved(name, input_dtype, expected)


@pytest.mark.parametrize("build, match", value_error_params("losses"))
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize("name", temperature_user_names("losses"))
@pytest.mark.parametrize("temperature, match", BAD_TEMPERATURES)
def test_bad_temperature(name, temperature, match):
    with pytest.raises(ValueError, match=match):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize("name", temperature_user_names("losses"))
def test_good_temperature_is_accepted(name):
    # The same calls succeed with valid temperatures (the error cases are not vacuous).
    for temperature in (1e-3, 1, 2.5, np.float32(0.5)):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize(("case", "output"), reference_comparisons("losses"))
def test_matches_reference(case, output):
    assert_matches_reference(case, output)


@pytest.mark.parametrize("case", reference_cases("losses"), ids=lambda case: case.name)
def test_keeps_dtype_and_shape(case):
    assert_keeps_dtype_and_shape(case)
