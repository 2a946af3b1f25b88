"""The loss objects against PyTorch and mpmath, finite differences and their own invariants.

References live in ``tests/fixtures/loss_objects.npz``, written by
``tests/fixtures/generate_loss_objects.py`` (its docstring says what each one is): PyTorch
fixes the semantics, mpmath (50+ digits) the float64 truth.

Tolerances: ``|core - ref| <= rtol |ref| + atol`` with ``rtol = 1e-10`` and ``atol`` from
what the computation can lose, never tuned to a case:

- values and surfaces of squared error and focal loss: no ``atol`` (below the smallest
  normal number only): ``1 - p`` and ``p - t`` are formed without cancelling where ``p``
  or ``t`` is near 1, and ``log p`` near 1 as ``-log1p(rest)``;
- cross-entropy surfaces (``loss_surface`` forms ``S lse(s) - t.s``): ``ULPS * eps`` times
  the largest ``|z / T|``, the absolute error of a log-sum-exp;
- gradients: ``ULPS * eps`` times the gradient's largest entry (``J r`` sums terms of both
  signs, ``sum_{i != a} p_i r_i`` can cancel down to ``p_a``'s size); cross-entropy's
  ``gradient_field`` (``S p - t``, terms of size ``1 / T``) adds ``ULPS * eps / T``.

PyTorch is compared at the same tolerance where it agrees with mpmath to ``1e-10`` and
loosely (``rtol=1e-6``, ``atol=1e-9 * max(1, max|ref|)``) on the outputs the fixture lists
in ``torch_loose``: there float64 PyTorch cancels in ``1 - p`` or ``p - t``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core import (
    LOSS_KEYS,
    CrossEntropyLoss,
    FocalLoss,
    FormulaParts,
    SoftmaxLoss,
    SquaredErrorLoss,
    analyze_example,
    gradient_field,
    log_softmax,
    loss_surface,
    make_loss,
    softmax,
    target_distribution,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "loss_objects.npz"
EPS64 = float(np.finfo(np.float64).eps)
ULPS = 8
RTOL = 1e-10
LOOSE_RTOL = 1e-6
LOOSE_ATOL_SCALE = 1e-9
TINY = float(np.finfo(np.float64).tiny)
OUTPUTS = ("value", "gradient", "surface", "grad_a", "grad_b")

with np.load(FIXTURE) as _data:
    DATA = {name: _data[name] for name in _data.files}
META = json.loads(str(DATA["meta"]))
CASES = META["cases"]


def all_losses(gamma: float = 2.0) -> list[SoftmaxLoss]:
    return [make_loss(key, focal_gamma=gamma) for key in LOSS_KEYS]


def case_inputs(case: dict):
    key = case["key"]
    target = DATA[f"{key}/target"]
    target = int(target) if target.ndim == 0 else target
    kwargs = {"temperature": case["temperature"], "label_smoothing": case["label_smoothing"]}
    return DATA[f"{key}/logits"], target, DATA[f"{key}/a_values"], DATA[f"{key}/b_values"], kwargs


def core_outputs(loss: SoftmaxLoss, case: dict) -> dict[str, np.ndarray]:
    logits, target, a_values, b_values, kwargs = case_inputs(case)
    axes = tuple(case["axes"])
    outputs = {
        "value": np.float64(loss.value(logits, target, **kwargs)),
        "gradient": loss.gradient(logits, target, **kwargs),
        "surface": loss.surface(logits, target, axes, a_values, b_values, **kwargs),
    }
    outputs["grad_a"], outputs["grad_b"] = loss.gradient_field(
        logits, target, axes, a_values, b_values, **kwargs
    )
    return outputs


def absolute_tolerance(key: str, output: str, reference: np.ndarray, case: dict) -> np.ndarray:
    """The ``atol`` of the module docstring, for one output of one case."""
    temperature = case["temperature"]
    reference = np.abs(np.asarray(reference))
    if output == "value" or (output == "surface" and key != "cross_entropy"):
        return np.asarray(TINY)
    if output == "surface":
        logits, _, a_values, b_values, _ = case_inputs(case)
        largest = max(np.abs(logits).max(), np.abs(a_values).max(), np.abs(b_values).max())
        return np.asarray(ULPS * EPS64 * max(1.0, largest / temperature))
    if output == "gradient":
        return np.asarray(ULPS * EPS64 * reference.max() + TINY)
    # grad_a, grad_b: the scale of the gradient at each point (both in-plane entries).
    both = np.maximum(
        np.abs(DATA[f"{case['key']}/{key}/mpmath/grad_a"]),
        np.abs(DATA[f"{case['key']}/{key}/mpmath/grad_b"]),
    )
    atol = ULPS * EPS64 * both + TINY
    if key == "cross_entropy":
        atol = atol + ULPS * EPS64 / temperature
    return atol


def assert_close(actual, reference, rtol, atol, where):
    actual, reference = np.asarray(actual, dtype=np.float64), np.asarray(reference)
    assert actual.shape == reference.shape, where
    assert np.array_equal(np.isnan(actual), np.isnan(reference)), where
    finite = np.isfinite(reference)
    assert np.array_equal(actual[~finite], reference[~finite]), where
    error = np.abs(actual - reference)
    bound = rtol * np.abs(reference) + atol
    bad = finite & ~(error <= bound)
    bound = np.broadcast_to(bound, bad.shape)
    assert not np.any(bad), (
        f"{where}: {np.count_nonzero(bad)} entries off\n"
        f"core {actual[bad][:4]}\nref  {reference[bad][:4]}\nbound {bound[bad][:4]}"
    )


CASE_IDS = [f"{case['key']}-{case['name']}" for case in CASES]


# --------------------------------------------------------------------------- the fixture


def test_fixture_covers_the_brief():
    assert META["torch"].startswith("2.13.0")
    assert len(CASES) >= 12
    assert {case["num_classes"] for case in CASES} >= {2, 3, 4, 10}
    assert {case["temperature"] for case in CASES} == {0.5, 1.0, 3.0}
    assert {case["gamma"] for case in CASES} == {0.0, 0.5, 2.0}
    assert {case["target_kind"] for case in CASES} == {"index", "probabilities"}
    assert any(case["label_smoothing"] > 0 for case in CASES)
    assert any(np.abs(DATA[f"{case['key']}/logits"]).max() >= 1000 for case in CASES)
    # Every case where PyTorch is only loosely right says why.
    for case in CASES:
        assert bool(case["torch_loose"]) == bool(case["notes"]), case["name"]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_matches_mpmath(case, key):
    got = core_outputs(make_loss(key, focal_gamma=case["gamma"]), case)
    for output in OUTPUTS:
        reference = DATA[f"{case['key']}/{key}/mpmath/{output}"]
        atol = absolute_tolerance(key, output, reference, case)
        assert_close(got[output], reference, RTOL, atol, f"{case['name']} {key}/{output}")


@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_matches_torch(case, key):
    got = core_outputs(make_loss(key, focal_gamma=case["gamma"]), case)
    for output in OUTPUTS:
        reference = DATA[f"{case['key']}/{key}/torch/{output}"]
        where = f"{case['name']} {key}/{output} (torch)"
        if f"{key}/{output}" in case["torch_loose"]:
            finite = np.isfinite(reference)
            scale = max(1.0, float(np.max(np.abs(reference[finite]), initial=0.0)))
            assert_close(got[output], reference, LOOSE_RTOL, LOOSE_ATOL_SCALE * scale, where)
        else:
            atol = absolute_tolerance(key, output, reference, case)
            assert_close(got[output], reference, RTOL, atol, where)


@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_grids_match_the_pointwise_methods(case, key):
    loss = make_loss(key, focal_gamma=case["gamma"])
    logits, target, a_values, b_values, kwargs = case_inputs(case)
    first, second = axes = tuple(case["axes"])
    surface = loss.surface(logits, target, axes, a_values, b_values, **kwargs)
    grad_a, grad_b = loss.gradient_field(logits, target, axes, a_values, b_values, **kwargs)
    assert surface.shape == grad_a.shape == grad_b.shape == (b_values.size, a_values.size)
    largest = max(np.abs(logits).max(), np.abs(a_values).max(), np.abs(b_values).max())
    for row in range(0, b_values.size, 2):
        for column in range(0, a_values.size, 3):
            point = logits.copy()
            point[first], point[second] = a_values[column], b_values[row]
            value = loss.value(point, target, **kwargs)
            gradient = loss.gradient(point, target, **kwargs)
            where = f"{case['name']} {key} at ({row}, {column})"
            atol = ULPS * EPS64 * max(1.0, largest / kwargs["temperature"])
            assert_close(surface[row, column], value, RTOL, atol, where)
            atol = ULPS * EPS64 * (np.abs(gradient).max() + 1 / kwargs["temperature"])
            assert_close(grad_a[row, column], gradient[first], RTOL, atol, where)
            assert_close(grad_b[row, column], gradient[second], RTOL, atol, where)


# --------------------------------------------------------------------------- finite differences

FD_EXAMPLES = [
    ([1.5, -0.5], 0, 1.0, 0.0),
    ([2.0, 1.0, 0.1], 2, 0.5, 0.0),
    ([0.3, -1.2, 2.0, 0.7], np.array([0.1, 0.2, 0.3, 0.4]), 3.0, 0.0),
    ([0.5, -0.25, 1.75, 2.5, -1.0], 3, 1.0, 0.1),
    ([1.0, 0.5, -0.5, 2.0, 0.0, -2.0], np.array([0.0, 0.5, 0.0, 0.25, 0.25, 0.0]), 0.5, 0.2),
    ([4.0, -3.0, 0.0, 1.0, 2.5, -1.5, 0.25], 6, 2.0, 0.3),
]


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("logits, target, temperature, label_smoothing", FD_EXAMPLES)
def test_gradient_matches_central_differences(
    key, gamma, logits, target, temperature, label_smoothing
):
    # h = 1e-6: rounding ~ 64 eps |L| / h ~ 1.4e-8 |L|, truncation h^2 |L'''| / 6 < 1e-9.
    loss = make_loss(key, focal_gamma=gamma)
    kwargs = {"temperature": temperature, "label_smoothing": label_smoothing}
    logits = np.asarray(logits)
    step = 1e-6
    numeric = np.empty_like(logits)
    for j in range(logits.size):
        shift = np.zeros_like(logits)
        shift[j] = step
        numeric[j] = (
            loss.value(logits + shift, target, **kwargs)
            - loss.value(logits - shift, target, **kwargs)
        ) / (2 * step)
    scale = max(1.0, abs(loss.value(logits, target, **kwargs)))
    np.testing.assert_allclose(
        loss.gradient(logits, target, **kwargs), numeric, rtol=1e-5, atol=2e-8 * scale
    )


# --------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("logits, target, temperature, label_smoothing", FD_EXAMPLES)
def test_of_probabilities_is_the_value(key, gamma, logits, target, temperature, label_smoothing):
    loss = make_loss(key, focal_gamma=gamma)
    probs = softmax(np.asarray(logits), temperature=temperature)
    t = target_distribution(target, probs.size, label_smoothing)
    value = loss.value(logits, target, temperature=temperature, label_smoothing=label_smoothing)
    assert float(loss.of_probabilities(probs, t)) == pytest.approx(value, rel=1e-12, abs=1e-15)
    # Vectorised over leading axes: a batch of the same row gives the same number each time.
    batch = np.broadcast_to(probs, (2, 3, probs.size))
    np.testing.assert_allclose(loss.of_probabilities(batch, t), value, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("key", LOSS_KEYS)
def test_of_probabilities_edges(key):
    loss = make_loss(key)
    t = np.array([0.0, 1.0, 0.0])
    probs = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [np.nan, np.nan, np.nan]])
    values = loss.of_probabilities(probs, t)
    assert values[0] == 0.0  # t = 0 with p = 0: no 0 * log 0 = NaN
    if key == "squared_error":
        assert values[1] == pytest.approx(2 / 3)
    else:
        assert values[1] == np.inf  # p = 0 where t > 0
    assert np.isnan(values[2])  # outside the simplex, as simplex_grid marks it
    assert loss.of_probabilities(probs.astype(np.float32), t).dtype == np.float32
    with pytest.raises(ValueError, match=r"target_distribution must have shape \(3,\)"):
        loss.of_probabilities(probs, [0.5, 0.5])


def test_cross_entropy_delegates_to_the_surface_module():
    logits, target, axes = np.array([0.5, -1.0, 2.0, 0.0]), 2, (0, 3)
    a_values, b_values = np.linspace(-3, 3, 9), np.linspace(-2, 2, 4)
    kwargs = {"temperature": 0.7, "label_smoothing": 0.1}
    loss = CrossEntropyLoss()
    np.testing.assert_array_equal(
        loss.surface(logits, target, axes, a_values, b_values, **kwargs),
        loss_surface(logits, target, axes, a_values, b_values, **kwargs),
    )
    for ours, theirs in zip(
        loss.gradient_field(logits, target, axes, a_values, b_values, **kwargs),
        gradient_field(logits, target, axes, a_values, b_values, **kwargs),
        strict=True,
    ):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("logits, target, temperature, label_smoothing", FD_EXAMPLES)
def test_focal_at_gamma_zero_is_cross_entropy(logits, target, temperature, label_smoothing):
    focal, ce = FocalLoss(gamma=0.0), CrossEntropyLoss()
    kwargs = {"temperature": temperature, "label_smoothing": label_smoothing}
    assert focal.value(logits, target, **kwargs) == pytest.approx(
        ce.value(logits, target, **kwargs), rel=1e-13
    )
    np.testing.assert_allclose(
        focal.gradient(logits, target, **kwargs),
        ce.gradient(logits, target, **kwargs),
        rtol=1e-12,
        atol=1e-15 / temperature,
    )
    axes, a_values, b_values = (0, 1), np.linspace(-4, 4, 9), np.linspace(-3, 3, 5)
    np.testing.assert_allclose(
        focal.surface(logits, target, axes, a_values, b_values, **kwargs),
        ce.surface(logits, target, axes, a_values, b_values, **kwargs),
        rtol=1e-12,
        atol=1e-14,
    )
    for ours, theirs in zip(
        focal.gradient_field(logits, target, axes, a_values, b_values, **kwargs),
        ce.gradient_field(logits, target, axes, a_values, b_values, **kwargs),
        strict=True,
    ):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15 / temperature)


def test_squared_error_gradient_vanishes_when_confidently_wrong():
    # The classic argument for cross-entropy: J -> 0 when p is near a wrong corner.
    logits = [0.0, 0.0, 8.0]
    squared = np.linalg.norm(SquaredErrorLoss().gradient(logits, 0))
    cross = np.linalg.norm(CrossEntropyLoss().gradient(logits, 0))
    assert squared < 0.01 * cross
    assert cross > 1.0  # cross-entropy keeps pushing: |p - y| ~ sqrt(2)


@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize(
    "logits, target, label_smoothing",
    [
        ([2.0, 1.0, 0.1, -1.0], 1, 0.0),
        ([2.0, 1.0, 0.1, -1.0], 3, 0.2),
        ([0.0, 30.0, -5.0, 1.0], 1, 0.0),
        ([3.0, -1.0, 0.5, 2.0], np.array([0.1, 0.2, 0.3, 0.4]), 0.1),
    ],
)
def test_float32_surfaces_follow_float64(key, logits, target, label_smoothing):
    loss = make_loss(key, focal_gamma=0.5)
    axes = (0, 2)
    kwargs = {"temperature": 0.8, "label_smoothing": label_smoothing}
    a64, b64 = np.linspace(-6, 6, 25), np.linspace(-5, 5, 21)
    z64 = np.asarray(logits)
    z32, a32, b32 = (x.astype(np.float32) for x in (z64, a64, b64))
    surface32 = loss.surface(z32, target, axes, a32, b32, **kwargs)
    surface64 = loss.surface(z64, target, axes, a64, b64, **kwargs)
    assert surface32.dtype == np.float32 and surface64.dtype == np.float64
    # Float32 rounds z / T and the log-sum-exp to ~1e-7 of the logits' size.
    np.testing.assert_allclose(surface32, surface64, rtol=1e-5, atol=1e-5)
    fields32 = loss.gradient_field(z32, target, axes, a32, b32, **kwargs)
    fields64 = loss.gradient_field(z64, target, axes, a64, b64, **kwargs)
    for field32, field64 in zip(fields32, fields64, strict=True):
        assert field32.dtype == np.float32
        np.testing.assert_allclose(field32, field64, rtol=1e-5, atol=1e-6)
    assert loss.gradient(z32, target, **kwargs).dtype == np.float32
    assert isinstance(loss.value(z32, target, **kwargs), float)


EXTREMES = [
    (np.array([1e6, 0.0, -1e6]), 1, 0.01, (0, 1), np.linspace(-1e6, 1e6, 9)),
    (np.array([1e6, 0.0, -1e6, 5e5]), 0, 0.01, (1, 2), np.linspace(-1e6, 1e6, 9)),
    (
        np.array([-1e6, -1e6 + 1, 3.0, 1e6]),
        np.array([0.25, 0.25, 0.25, 0.25]),
        1.0,
        (0, 3),
        np.linspace(-1e6, 1e6, 7),
    ),
    (np.array([0.0, 0.0, 30.0]), 2, 0.01, (0, 1), np.linspace(-40, 40, 9)),
    (np.array([0.0, -np.inf, 2.0, 1.0]), 2, 1.0, (0, 3), np.linspace(-800, 800, 9)),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("key", LOSS_KEYS)
@pytest.mark.parametrize("logits, target, temperature, axes, values", EXTREMES)
def test_extreme_logits_stay_finite(key, dtype, logits, target, temperature, axes, values):
    # pytest turns any floating-point warning into an error, so this also checks quietness.
    loss = make_loss(key, focal_gamma=0.5)
    logits, values = logits.astype(dtype), values.astype(dtype)
    # Smoothing gives a masked class target mass, and then an infinite loss.
    for smoothing in (0.0, 0.1) if np.all(np.isfinite(logits)) else (0.0,):
        kwargs = {"temperature": temperature, "label_smoothing": smoothing}
        assert math.isfinite(loss.value(logits, target, **kwargs))
        assert np.all(np.isfinite(loss.gradient(logits, target, **kwargs)))
        surface = loss.surface(logits, target, axes, values, values[::-1], **kwargs)
        fields = loss.gradient_field(logits, target, axes, values, values[::-1], **kwargs)
        for grid in (surface, *fields):
            assert grid.dtype == dtype
            assert np.all(np.isfinite(grid)), (key, smoothing, grid)
        if dtype == np.float64:  # the grid agrees with the point-wise value
            first, second = axes
            scale = np.abs(np.where(np.isfinite(logits), logits, 0)).max()
            for row, column in [(0, 0), (2, 5), (4, 4), (8, 1), (6, 7)]:
                row = min(row, values.size - 1)
                column = min(column, values.size - 1)
                point = logits.copy()
                point[first], point[second] = values[column], values[::-1][row]
                atol = ULPS * EPS64 * max(scale, np.abs(values).max()) / temperature
                assert surface[row, column] == pytest.approx(
                    loss.value(point, target, **kwargs), rel=1e-10, abs=atol
                )


@pytest.mark.parametrize("key", LOSS_KEYS)
def test_masked_logits(key):
    loss = make_loss(key, focal_gamma=0.5)
    logits = np.array([0.0, -np.inf, 2.0, 1.0])
    assert math.isfinite(loss.value(logits, 2))
    gradient = loss.gradient(logits, 2)
    assert np.all(np.isfinite(gradient)) and gradient[1] == 0
    if key == "squared_error":
        assert math.isfinite(loss.value(logits, 1))
    else:
        assert loss.value(logits, 1) == math.inf  # the target class is masked
    surface = loss.surface(logits, 2, (0, 3), np.linspace(-3, 3, 5), np.linspace(-3, 3, 4))
    assert np.all(np.isfinite(surface))


# --------------------------------------------------------------------------- properties


@st.composite
def examples(draw):
    num_classes = draw(st.integers(2, 8))
    logits = draw(hnp.arrays(np.float64, num_classes, elements=st.floats(-40, 40, allow_nan=False)))
    if draw(st.booleans()):
        target = draw(st.integers(0, num_classes - 1))
    else:
        weights = draw(
            hnp.arrays(np.float64, num_classes, elements=st.floats(0, 1, allow_nan=False))
        )
        weights[draw(st.integers(0, num_classes - 1))] += 0.5
        target = weights / weights.sum()
    temperature = draw(st.sampled_from([0.25, 0.5, 1.0, 3.0]))
    label_smoothing = draw(st.sampled_from([0.0, 0.1, 1.0]))
    gamma = draw(st.sampled_from([0.0, 0.5, 2.0, 5.0]))
    return logits, target, temperature, label_smoothing, gamma


@settings(max_examples=60, deadline=None)
@given(example=examples(), shift=st.floats(-100, 100, allow_nan=False))
def test_gradient_sums_to_zero_and_shifts_change_nothing(example, shift):
    logits, target, temperature, label_smoothing, gamma = example
    kwargs = {"temperature": temperature, "label_smoothing": label_smoothing}
    for loss in all_losses(gamma):
        gradient = loss.gradient(logits, target, **kwargs)
        # Each entry is a sum of terms of size <= (1 + gamma) / T.
        bound = 16 * logits.size * EPS64 * (1 + gamma) / temperature
        assert abs(float(np.sum(gradient))) <= bound
        value = loss.value(logits, target, **kwargs)
        shifted = loss.value(logits + shift, target, **kwargs)
        # Shifting rounds z to ~eps * 140, which moves log p by that much over T.
        assert shifted == pytest.approx(value, rel=1e-9, abs=4 * 140 * EPS64 / temperature)


@settings(max_examples=40, deadline=None)
@given(example=examples(), data=st.data())
def test_surface_at_random_points_is_the_value(example, data):
    logits, target, temperature, label_smoothing, gamma = example
    kwargs = {"temperature": temperature, "label_smoothing": label_smoothing}
    num_classes = logits.size
    first = data.draw(st.integers(0, num_classes - 1))
    second = data.draw(st.integers(0, num_classes - 1).filter(lambda axis: axis != first))
    a_values = np.sort(data.draw(hnp.arrays(np.float64, 3, elements=st.floats(-60, 60))))
    b_values = np.sort(data.draw(hnp.arrays(np.float64, 2, elements=st.floats(-60, 60))))
    for loss in all_losses(gamma):
        surface = loss.surface(logits, target, (first, second), a_values, b_values, **kwargs)
        fields = loss.gradient_field(logits, target, (first, second), a_values, b_values, **kwargs)
        for row, column in [(0, 0), (1, 2), (1, 1)]:
            point = logits.copy()
            point[first], point[second] = a_values[column], b_values[row]
            value = loss.value(point, target, **kwargs)
            atol = ULPS * EPS64 * 60 / temperature
            assert surface[row, column] == pytest.approx(value, rel=1e-10, abs=atol)
            gradient = loss.gradient(point, target, **kwargs)
            atol = ULPS * EPS64 * (1 + gamma) / temperature
            assert fields[0][row, column] == pytest.approx(gradient[first], rel=1e-9, abs=atol)
            assert fields[1][row, column] == pytest.approx(gradient[second], rel=1e-9, abs=atol)


# --------------------------------------------------------------------------- formula


def test_formula_of_a_hard_label():
    logits = np.array([1000.0, 0.0, -1000.0])
    parts = CrossEntropyLoss().formula(logits, 1)
    assert isinstance(parts, FormulaParts)
    assert (parts.key, parts.hard_label, parts.gamma, parts.num_classes) == (
        "cross_entropy",
        1,
        None,
        3,
    )
    (term,) = parts.terms
    assert (term.index, term.target, term.probability) == (1, 1.0, 0.0)
    assert term.log_probability == -1000.0  # from log_softmax: finite where p underflows
    assert parts.loss == 1000.0
    focal = FocalLoss(0.5).formula(logits, 1)
    assert (focal.key, focal.gamma, focal.hard_label, len(focal.terms)) == ("focal", 0.5, 1, 1)
    # A one-hot probability vector is a hard label too.
    assert CrossEntropyLoss().formula(logits, np.array([0.0, 1.0, 0.0])).hard_label == 1


def test_formula_of_soft_targets():
    logits = np.array([0.5, 1.0, -1.0, 2.0])
    target = np.array([0.1, 0.0, 0.6, 0.3])
    parts = CrossEntropyLoss().formula(logits, target, temperature=2.0)
    assert parts.hard_label is None
    assert [term.index for term in parts.terms] == [2, 3, 0]  # t > 0, largest first
    np.testing.assert_allclose(
        [term.log_probability for term in parts.terms],
        log_softmax(logits / 2.0)[[2, 3, 0]],
        rtol=1e-15,
    )
    assert parts.loss == CrossEntropyLoss().value(logits, target, temperature=2.0)
    smoothed = FocalLoss(2.0).formula(logits, 3, label_smoothing=0.2)
    assert smoothed.hard_label is None
    assert [term.index for term in smoothed.terms] == [3, 0, 1, 2]  # ties by class
    assert smoothed.terms[0].target == pytest.approx(0.85)


def test_formula_of_squared_error_lists_every_class_by_residual():
    logits = np.array([0.0, 3.0, 1.0, -2.0])
    parts = SquaredErrorLoss().formula(logits, 0)
    probs = softmax(logits)
    residual = np.abs(probs - np.eye(4)[0])
    assert [term.index for term in parts.terms] == np.argsort(-residual).tolist()
    assert parts.hard_label == 0
    assert sorted(term.target for term in parts.terms) == [0.0, 0.0, 0.0, 1.0]
    assert parts.loss == pytest.approx(float(np.mean((probs - np.eye(4)[0]) ** 2)), rel=1e-14)


# --------------------------------------------------------------------------- construction


def test_make_loss_and_keys():
    assert LOSS_KEYS == ("cross_entropy", "squared_error", "focal")
    for key in LOSS_KEYS:
        loss = make_loss(key)
        assert isinstance(loss, SoftmaxLoss) and loss.key == key
    assert make_loss("focal", focal_gamma=0.5) == FocalLoss(0.5)
    assert FocalLoss(2) == FocalLoss(2.0) and hash(FocalLoss(2)) == hash(FocalLoss(2.0))
    assert FocalLoss().gamma == 2.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        FocalLoss().gamma = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        SoftmaxLoss()  # type: ignore[abstract]
    message = re.escape("choose one of 'cross_entropy', 'squared_error', 'focal'")
    for bad in ("hinge", "", "Cross_Entropy"):
        with pytest.raises(ValueError, match=message):
            make_loss(bad)


@pytest.mark.parametrize("gamma", [-0.5, math.nan, math.inf, -math.inf, True, "2", None])
def test_focal_gamma_is_checked(gamma):
    with pytest.raises(ValueError, match="gamma must be a finite number >= 0"):
        FocalLoss(gamma)
    with pytest.raises(ValueError, match="gamma must be a finite number >= 0"):
        make_loss("focal", focal_gamma=gamma)


BAD_SURFACE_CALLS = [
    ([[0.0, 1.0, 2.0]], 0, (0, 1), [0.0], [0.0], {}),
    ([0.0], 0, (0, 1), [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (0, 3), [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (1, 1), [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, "ab", [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (0, 1), [], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (0, 1), [0.0, np.nan], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (0, 1), [0.0], [[0.0]], {}),
    ([0.0, 1.0, np.inf], 0, (0, 1), [0.0], [0.0], {}),
    ([0.0, 1.0, np.nan], 0, (0, 1), [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 5, (0, 1), [0.0], [0.0], {}),
    ([0.0, 1.0, 2.0], 0, (0, 1), [0.0], [0.0], {"temperature": 0.0}),
    ([0.0, 1.0, 2.0], 0, (0, 1), [0.0], [0.0], {"label_smoothing": 1.5}),
]


@pytest.mark.parametrize("key", ["squared_error", "focal"])
@pytest.mark.parametrize("call", BAD_SURFACE_CALLS)
def test_surface_checks_are_those_of_loss_surface(key, call):
    loss = make_loss(key)
    logits, target, axes, a_values, b_values, kwargs = call
    with pytest.raises(ValueError) as expected:
        loss_surface(logits, target, axes, a_values, b_values, **kwargs)
    for method in (loss.surface, loss.gradient_field):
        with pytest.raises(ValueError, match=re.escape(str(expected.value))):
            method(logits, target, axes, a_values, b_values, **kwargs)


@pytest.mark.parametrize("key", LOSS_KEYS)
def test_bad_examples_are_refused(key):
    loss = make_loss(key)
    with pytest.raises(ValueError, match="one example"):
        loss.value([[0.0, 1.0]], 0)
    with pytest.raises(ValueError, match="out of range"):
        loss.gradient([0.0, 1.0], 2)
    with pytest.raises(ValueError, match="temperature"):
        loss.formula([0.0, 1.0], 0, temperature=-1.0)
    with pytest.raises(ValueError, match="label_smoothing"):
        loss.value([0.0, 1.0], 0, label_smoothing=2.0)
    with pytest.raises(ValueError, match="same shape"):
        loss.value([0.0, 1.0], np.array([0.2, 0.3, 0.5]))


# --------------------------------------------------------------------------- analyze_example


@pytest.mark.parametrize(
    "logits, target, temperature, label_smoothing",
    [*FD_EXAMPLES, ([1000.0, 0.0, -1000.0], 1, 1.0, 0.0), ([0.0, 0.0, 30.0], 2, 0.5, 0.0)],
)
def test_analyze_example_with_each_loss(logits, target, temperature, label_smoothing):
    kwargs = {"temperature": temperature, "label_smoothing": label_smoothing}
    default = analyze_example(logits, target, **kwargs)
    assert default.loss_key == "cross_entropy"
    assert default.cross_entropy == default.loss
    np.testing.assert_array_equal(default.cross_entropy_gradient, default.gradient)
    assert default.cross_entropy_gradient_norm == default.gradient_norm
    # The cross-entropy object is the default path, number for number.
    explicit = analyze_example(logits, target, loss=CrossEntropyLoss(), **kwargs)
    assert explicit.loss == default.loss and explicit.formula == default.formula
    np.testing.assert_array_equal(explicit.gradient, default.gradient)
    assert default.loss == CrossEntropyLoss().value(logits, target, **kwargs)
    np.testing.assert_array_equal(
        default.gradient, CrossEntropyLoss().gradient(logits, target, **kwargs)
    )
    assert default.formula == CrossEntropyLoss().formula(logits, target, **kwargs)
    for loss in (SquaredErrorLoss(), FocalLoss(0.5)):
        result = analyze_example(logits, target, loss=loss, **kwargs)
        assert result.loss_key == loss.key == result.formula.key
        assert result.loss == loss.value(logits, target, **kwargs)
        np.testing.assert_array_equal(result.gradient, loss.gradient(logits, target, **kwargs))
        assert result.formula == loss.formula(logits, target, **kwargs)
        assert result.gradient_norm == float(np.linalg.norm(result.gradient))
        # Cross-entropy and the information measures do not depend on the chosen loss.
        assert result.cross_entropy == default.loss
        np.testing.assert_array_equal(result.cross_entropy_gradient, default.gradient)
        assert result.cross_entropy_gradient_norm == default.gradient_norm
        assert (result.entropy, result.kl_to_target) == (default.entropy, default.kl_to_target)
        np.testing.assert_array_equal(result.probabilities, default.probabilities)


def test_analyze_example_refuses_a_loss_that_is_not_one():
    with pytest.raises(ValueError, match="loss must be a SoftmaxLoss"):
        analyze_example([0.0, 1.0], 0, loss="focal")  # type: ignore[arg-type]
