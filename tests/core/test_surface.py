"""``explorer.core.surface``: the loss over a plane of two logits, its gradient field, the
descent path and the effective target.

The surface, field and path agree with ``cross_entropy`` evaluated point by point, on
narrow grids and on grids so wide that exponentials shifted by one peak would underflow.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core import (
    cross_entropy,
    cross_entropy_grad,
    descent_path,
    gradient_field,
    loss_surface,
    softmax,
    target_distribution,
)

from .cases import (
    BAD_TEMPERATURES,
    DTYPE_PAIRS,
    F32,
    INF,
    TEMPERATURE_USERS,
    assert_dtype_is_preserved,
    dtype_case_names,
    same,
    temperature_user_names,
    value_error_params,
)
from .strategies import (
    EPS64,
    FLOAT_DTYPES,
    MEDIUM,
    distributions,
    eps_of,
    float_elements,
    logit_arrays,
    single_examples,
    smoothings,
    temperatures,
)


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
        # test, test_losses.py::test_full_label_smoothing_with_a_masked_target).
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


def test_descent_path_with_zero_steps():
    path, losses = descent_path([0.0, 1.0], 0, learning_rate=1.0, steps=0)
    same(path, [[0.0, 1.0]])
    assert losses.shape == (1,)
    assert float(losses[0]) == pytest.approx(float(cross_entropy([0.0, 1.0], 0)))


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


WIDE = np.linspace(-2000.0, 2000.0, 9)
NARROW = np.linspace(-6.0, 6.0, 7)
#: An axis value this far up makes any grid wide: the exponentials of the other points,
#: shifted by the one peak of the grid (e^(z/T - peak)), underflow to 0 in float32 and float64.
FAR = 3000.0


def _underflows_with_one_shift(logits, a_values, b_values, temperature=1.0) -> bool:
    """Whether exp(point peak - grid peak) is 0 at some point: one shift would lose it."""
    dtype = np.result_type(logits, a_values, b_values)
    fixed = np.delete(logits, [0, 1])
    lowest = max(a_values.min(), b_values.min(), fixed.max(initial=-np.inf)) / temperature
    peak = max(a_values.max(), b_values.max(), fixed.max(initial=-np.inf)) / temperature
    with np.errstate(under="ignore"):
        return bool(np.exp(np.asarray(lowest - peak, dtype=dtype)) == 0)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_a_wide_surface_matches_cross_entropy_where_one_shift_would_underflow(dtype):
    logits = np.array([0.0, 0.0, 0.5], dtype=dtype)
    a_values = b_values = WIDE.astype(dtype)
    # Shifted by the grid's one peak, exp(-2000 - 2000) is 0 near the bottom-left corner:
    # a surface computed that way would show -inf or NaN there.
    assert _underflows_with_one_shift(logits, a_values, b_values)
    surface = loss_surface(logits, 2, (0, 1), a_values, b_values)
    expected = _pointwise_cross_entropy(logits, 2, (0, 1), a_values, b_values)
    assert surface.dtype == dtype
    assert np.all(np.isfinite(surface))
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(surface, expected, rtol=8 * eps, atol=16 * eps * 2000)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_a_narrow_surface_matches_the_same_points_of_a_wide_one(dtype):
    logits = np.array([0.3, -1.0, 0.5, -INF], dtype=dtype)
    a_values, b_values = NARROW.astype(dtype), (NARROW[:5] + 0.25).astype(dtype)
    narrow = loss_surface(
        logits, 0, (0, 1), a_values, b_values, temperature=1.5, label_smoothing=0.0
    )
    # One more column far out: the same points, now on a grid too wide for one shift.
    wider_a = np.append(a_values, dtype(FAR))
    assert not _underflows_with_one_shift(logits, a_values, b_values, 1.5)
    assert _underflows_with_one_shift(logits, wider_a, b_values, 1.5)
    wide = loss_surface(logits, 0, (0, 1), wider_a, b_values, temperature=1.5)
    # Both agree with each other and with cross-entropy.
    expected = _pointwise_cross_entropy(
        logits.astype(np.float64),
        0,
        (0, 1),
        a_values.astype(np.float64),
        b_values.astype(np.float64),
        temperature=1.5,
    )
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(wide[:, :-1], narrow, rtol=16 * eps, atol=64 * eps)
    np.testing.assert_allclose(narrow, expected, rtol=16 * eps, atol=64 * eps)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("grid", ["narrow", "wide"])
@pytest.mark.parametrize(
    "target, label_smoothing",
    [
        (1, 0.0),
        (0, 0.2),
        (np.array([0.2, 0.5, 0.3, 0.0]), 0.0),
        (np.array([0.2, 0.5, 0.0, 0.3]), 0.1),
    ],
)
def test_narrow_and_wide_surfaces_match_cross_entropy(dtype, grid, target, label_smoothing):
    # Logit 3 is masked: finite losses unless smoothing (or the target) puts mass on it.
    logits = np.array([0.0, 0.0, 1.5, -INF], dtype=dtype)
    a_values = np.array([-40.0, -3.0, 0.0, 2.0, 35.0], dtype=dtype)
    if grid == "wide":
        a_values = np.append(a_values, dtype(FAR))
    b_values = np.array([-30.0, 0.5, 4.0], dtype=dtype)
    assert _underflows_with_one_shift(logits, a_values, b_values, 2.0) == (grid == "wide")
    target = target.astype(dtype) if isinstance(target, np.ndarray) else target
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
    # Absolute error: ~16 roundings of the largest |z / T| = 20 on the plane (1500 in the
    # far column).
    np.testing.assert_allclose(got[:, :5], expected[:, :5], rtol=0, atol=16 * 4 * eps * 21)
    np.testing.assert_allclose(got[:, 5:], expected[:, 5:], rtol=0, atol=16 * 4 * eps * 1501)
    if label_smoothing > 0 or (np.ndim(target) and target[3] > 0):
        assert np.all(got == INF)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_a_wide_grid_keeps_tiny_losses_relatively_precise(dtype):
    # Where one logit dominates by 40 the loss is ~e^-40; on a grid too wide for one shift
    # each point is shifted by its own peak, which keeps that (relative precision), where
    # one shift only gives absolute precision ~eps * 40.
    logits = np.array([0.0, 0.0], dtype=dtype)
    a_values = np.array([0.0, 40.0], dtype=dtype)
    b_values = np.array([-40.0, 40.0, FAR], dtype=dtype)
    assert _underflows_with_one_shift(logits, a_values, b_values)
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


@pytest.mark.parametrize("name", dtype_case_names("surface"))
@pytest.mark.parametrize("input_dtype, expected", DTYPE_PAIRS)
def test_dtype_is_preserved(name, input_dtype, expected):
    assert_dtype_is_preserved(name, input_dtype, expected)


@pytest.mark.parametrize("build, match", value_error_params("surface"))
def test_value_errors_name_the_problem(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize("name", temperature_user_names("surface"))
@pytest.mark.parametrize("temperature, match", BAD_TEMPERATURES)
def test_bad_temperature(name, temperature, match):
    with pytest.raises(ValueError, match=match):
        TEMPERATURE_USERS[name](temperature)


@pytest.mark.parametrize("name", temperature_user_names("surface"))
def test_good_temperature_is_accepted(name):
    # The same calls succeed with valid temperatures (the error cases are not vacuous).
    for temperature in (1e-3, 1, 2.5, np.float32(0.5)):
        TEMPERATURE_USERS[name](temperature)
