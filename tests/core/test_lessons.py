"""The lesson numbers against PyTorch and mpmath, and the invariants each lesson states.

References live in ``tests/fixtures/lessons.npz``, written by
``tests/fixtures/generate_lessons.py`` (its docstring says what each array is). Tolerances
come from what the computation can lose, never tuned to a case: a few ulps of the dtype
for one-step results, an absolute ``ULPS * eps * scale`` where a sum of terms of size
``scale`` cancels, and for ``BCELoss`` on a rounded sigmoid the amplification
``eps / (1 - p)`` of rounding ``p`` near 1 (PyTorch and NumPy may round ``p`` differently).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer.core.lessons import (
    BCE_LOG_CLAMP,
    LESSON_LOSS_KEYS,
    STABILITY_DTYPES,
    BatchReport,
    BinaryReport,
    DistillationReport,
    InformationReport,
    JacobianReport,
    LossRow,
    StabilityReport,
    batch_report,
    bce_curves,
    binary_report,
    clipped_vs_exact,
    distillation_report,
    gradient_scaling,
    information_from_logits,
    information_report,
    jacobian_report,
    loss_curves,
    losses_compared,
    overflow_limits,
    sigmoid_curve,
    stability_report,
)
from explorer.core.losses import cross_entropy_grad
from explorer.core.softmax import softmax

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lessons.npz"
EPS64 = float(np.finfo(np.float64).eps)
ULPS = 8
FAST = settings(max_examples=60, deadline=None)
LOGITS = hnp.arrays(
    np.float64,
    st.integers(2, 6),
    elements=st.floats(-60.0, 60.0, allow_nan=False, allow_infinity=False),
)
TEMPERATURES = st.floats(0.2, 10.0)


@pytest.fixture(scope="module")
def ref():
    with np.load(FIXTURE) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["meta"] = json.loads(str(arrays["meta"]))
    return arrays


def _cases(ref, lesson):
    return list(enumerate(ref["meta"][lesson]))


def _close(actual, expected, rtol=ULPS * EPS64, atol=0.0):
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), rtol=rtol, atol=atol)


def test_fixture_records_its_versions(ref):
    meta = ref["meta"]
    assert meta["torch"].startswith("2.")
    assert {"mpmath", "numpy"} <= set(meta)


# --------------------------------------------------------------------------- 1. stability


def test_limits_match_mpmath_and_the_curriculum(ref):
    limits = overflow_limits()
    assert list(limits) == list(STABILITY_DTYPES)
    for name, expected in zip(STABILITY_DTYPES, ("11.09", "88.72", "709.78"), strict=True):
        _close(limits[name], ref[f"limits/{name}"], rtol=4 * EPS64)
        assert f"{limits[name][0]:.2f}" == expected
        overflow, underflow, subnormal = limits[name]
        assert subnormal < underflow < 0 < overflow
        report = stability_report([0.0], dtype=name)
        assert (report.overflow_limit, report.underflow_limit, report.subnormal_limit) == (
            overflow,
            underflow,
            subnormal,
        )


@pytest.mark.parametrize("dtype", STABILITY_DTYPES)
def test_stability_matches_torch(ref, dtype):
    eps = float(np.finfo(dtype).eps)
    tiny_sub = float(np.finfo(dtype).smallest_subnormal)
    for number, case in _cases(ref, "stability"):
        key = f"stability/{dtype}/s{number:02d}"
        report = stability_report(case["logits"], case["temperature"], dtype=dtype)
        where = f"{dtype} {case}"
        assert isinstance(report, StabilityReport)
        assert report.dtype == dtype
        for name in ("scaled", "naive_exp", "naive_softmax", "stable_softmax", "log_softmax"):
            assert getattr(report, name).dtype == np.dtype(dtype), name
        np.testing.assert_array_equal(report.scaled, ref[f"{key}/scaled"], err_msg=where)
        # exp and the naive quotient: same inf / NaN pattern, finite entries to a few ulps.
        for mine, theirs in (
            (report.naive_exp, ref[f"{key}/naive_exp"]),
            (report.naive_softmax, ref[f"{key}/naive_softmax"]),
        ):
            np.testing.assert_array_equal(np.isnan(mine), np.isnan(theirs), err_msg=where)
            np.testing.assert_array_equal(np.isinf(mine), np.isinf(theirs), err_msg=where)
            finite = np.isfinite(theirs)
            _close(mine[finite], theirs[finite], rtol=4 * eps, atol=4 * tiny_sub)
        theirs = ref[f"{key}/softmax"]
        # float16: torch rounds once from float32, NumPy at every float16 step.
        _close(report.stable_softmax, theirs, rtol=ULPS * eps, atol=4 * tiny_sub)
        scale = max(1.0, float(np.max(np.abs(report.scaled[np.isfinite(report.scaled)]))))
        _close(report.log_softmax, ref[f"{key}/log_softmax"], rtol=ULPS * eps, atol=eps * scale)
        naive_log = ref[f"{key}/log_of_softmax"]
        np.testing.assert_array_equal(
            np.isneginf(report.naive_log_softmax), np.isneginf(naive_log), err_msg=where
        )
        finite = np.isfinite(naive_log)
        _close(report.naive_log_softmax[finite], naive_log[finite], rtol=ULPS * eps, atol=eps)
        # torch's naive softmax failed: a NaN / inf, or all zeros after its sum overflowed.
        torch_naive = ref[f"{key}/naive_softmax"].astype(np.float64)
        torch_fails = not np.all(np.isfinite(torch_naive)) or abs(np.sum(torch_naive) - 1) > 0.5
        assert report.naive_fails == torch_fails, where
        np.testing.assert_array_equal(report.overflowed, np.isinf(ref[f"{key}/naive_exp"]))
        np.testing.assert_array_equal(report.underflowed, theirs == 0)


def test_curriculum_example_log_softmax_against_log_of_softmax():
    for dtype in ("float32", "float64"):
        report = stability_report([1000.0, 1.0], dtype=dtype)
        assert report.log_softmax.tolist() == [0.0, -999.0]
        assert report.naive_log_softmax.tolist() == [0.0, -math.inf]
        assert report.underflowed.tolist() == [False, True]
        assert np.isnan(report.naive_softmax[0]) and report.naive_fails
        assert report.stable_softmax.tolist() == [1.0, 0.0]


@pytest.mark.parametrize("dtype", STABILITY_DTYPES)
@pytest.mark.parametrize("rest", [[0.0], [0.0, -3.0], [-1.0, 2.0, 0.5]])
def test_naive_softmax_fails_exactly_when_a_logit_crosses_the_limit(ref, dtype, rest):
    limit = overflow_limits()[dtype][0]
    below, above = ref[f"stability/{dtype}/boundary"]
    assert float(below) <= limit < float(above)
    # torch agrees: exp of the last value below is finite, of the first above inf.
    assert np.isfinite(ref[f"stability/{dtype}/boundary_exp"]).tolist() == [True, False]
    values = [below]
    for _ in range(40):  # 40 consecutive values of the dtype on each side of the limit
        values.insert(0, np.nextafter(values[0], np.asarray(-np.inf, dtype=dtype)))
    values.append(above)
    for _ in range(40):
        values.append(np.nextafter(values[-1], np.asarray(np.inf, dtype=dtype)))
    outcomes = []
    for value in values:
        report = stability_report([float(value), *rest], dtype=dtype)
        crossed = float(value) > limit
        outcomes.append(report.naive_fails)
        assert report.overflowed[0] == crossed
        assert not np.any(report.overflowed[1:])
        assert np.all(np.isfinite(report.stable_softmax))
    assert outcomes == [False] * 41 + [True] * 41


def test_the_sum_can_overflow_when_no_term_does():
    report = stability_report([88.5, 88.5], dtype="float32")
    assert not np.any(report.overflowed) and np.all(np.isfinite(report.naive_exp))
    assert report.naive_sum == math.inf
    assert report.naive_softmax.tolist() == [0.0, 0.0]  # silently wrong, no NaN
    assert report.naive_fails
    assert report.stable_softmax.tolist() == [0.5, 0.5]


def test_temperature_divides_before_the_cast():
    report = stability_report([24.0, 0.0, -4.0], temperature=2.0, dtype="float16")
    assert report.scaled.tolist() == [12.0, 0.0, -2.0]
    assert report.naive_fails and report.overflowed.tolist() == [True, False, False]
    assert not stability_report([24.0, 0.0], temperature=3.0, dtype="float16").naive_fails


def test_clipped_vs_exact_matches_torch(ref):
    for number, case in _cases(ref, "clipped"):
        result = clipped_vs_exact(
            case["logits"], case["label"], temperature=case["temperature"], clip=case["clip"]
        )
        # atol: torch's log-sum-exp rounds log(1 + 4e-44) to 0, the core keeps it (log1p).
        _close(result, ref[f"clipped/c{number:02d}"], rtol=4 * EPS64, atol=4 * EPS64)
    clipped, exact = clipped_vs_exact([0.0, 100.0], 0)
    assert round(clipped, 2) == 23.03 and exact == 100.0
    clipped, exact = clipped_vs_exact([100.0, 0.0], 0)
    assert clipped == pytest.approx(1e-10, rel=1e-6) and exact < 1e-40


# --------------------------------------------------------------------------- 2. losses


def _loss_options(case):
    return {
        "temperature": case["temperature"],
        "label_smoothing": case["label_smoothing"],
        "focal_gamma": case["gamma"],
        "smoothed_epsilon": case["smoothed_epsilon"],
    }


def test_losses_compared_match_torch(ref):
    for number, case in _cases(ref, "losses"):
        key = f"losses/c{number:02d}"
        rows = losses_compared(case["logits"], case["target"], **_loss_options(case))
        assert [row.key for row in rows] == list(LESSON_LOSS_KEYS)
        for row in rows:
            assert isinstance(row, LossRow)
            expected = ref[f"{key}/{row.key}/gradient"]
            _close(row.value, ref[f"{key}/{row.key}/value"], rtol=1e-12)
            _close(row.gradient, expected, rtol=1e-10, atol=ULPS * EPS64)
            assert row.gradient_norm == pytest.approx(float(np.linalg.norm(expected)), rel=1e-10)
            assert abs(np.sum(row.gradient)) <= ULPS * EPS64 * max(1.0, row.gradient_norm)


def test_the_smoothed_row_uses_the_states_smoothing_when_there_is_one():
    rows = losses_compared([2.0, 1.0, 0.1], 1, smoothed_epsilon=0.2)
    by_key = {row.key: row for row in rows}
    assert by_key["cross_entropy"].label_smoothing == 0.0
    assert by_key["label_smoothed_cross_entropy"].label_smoothing == 0.2
    assert by_key["label_smoothed_cross_entropy"].value != by_key["cross_entropy"].value
    rows = losses_compared([2.0, 1.0, 0.1], 1, label_smoothing=0.3, smoothed_epsilon=0.2)
    by_key = {row.key: row for row in rows}
    assert {row.label_smoothing for row in rows} == {0.3}
    assert by_key["label_smoothed_cross_entropy"].value == by_key["cross_entropy"].value


def test_squared_error_gradient_vanishes_when_confidently_wrong_and_cross_entropys_does_not():
    rows = {row.key: row for row in losses_compared([0.0, 0.0, 12.0], 0)}
    assert rows["squared_error"].gradient_norm < 1e-4
    assert rows["cross_entropy"].gradient_norm > 1.4


def test_loss_curves_match_torch(ref):
    for number, case in _cases(ref, "losses"):
        key = f"losses/c{number:02d}"
        values = ref[f"{key}/curve_values"]
        curves = loss_curves(
            case["logits"], case["target"], case["class_index"], values, **_loss_options(case)
        )
        assert list(curves) == list(LESSON_LOSS_KEYS)
        for loss_key, curve in curves.items():
            assert curve.shape == values.shape
            _close(curve, ref[f"{key}/curve/{loss_key}"], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(
    ("logits", "target", "class_index"),
    [([2.0, 1.0, 0.1], 0, 1), ([0.5, -np.inf, 1.0], 2, 0), ([0.0, -np.inf], 0, 0)],
)
def test_loss_curves_are_losses_compared_along_the_sweep(logits, target, class_index):
    values = np.linspace(-5.0, 5.0, 11)
    options = {"temperature": 1.5, "focal_gamma": 0.5}
    curves = loss_curves(logits, target, class_index, values, **options)
    for i, value in enumerate(values):
        moved = np.array(logits, dtype=float)
        moved[class_index] = value
        for row in losses_compared(moved, target, **options):
            assert curves[row.key][i] == pytest.approx(row.value, rel=1e-12, abs=1e-15)


# --------------------------------------------------------------------------- 3. distillation


def test_distillation_matches_torch(ref):
    for number, case in _cases(ref, "distillation"):
        key = f"distillation/c{number:02d}"
        report = distillation_report(
            case["student"],
            case["teacher"],
            case["label"],
            temperature=case["temperature"],
            alpha=case["alpha"],
        )
        assert isinstance(report, DistillationReport)
        for name in ("soft_loss", "kl", "hard_loss", "total"):
            _close(getattr(report, name), ref[f"{key}/{name}"], rtol=1e-12, atol=1e-15)
        scale = max(1.0, case["temperature"])
        for name in (
            "soft_gradient",
            "soft_gradient_without_t2",
            "hard_gradient",
            "total_gradient",
        ):
            _close(getattr(report, name), ref[f"{key}/{name}"], rtol=1e-10, atol=4 * EPS64 * scale)
            assert abs(np.sum(getattr(report, name))) <= ULPS * EPS64 * scale
        _close(report.soft_targets, ref[f"{key}/soft_targets"], rtol=4 * EPS64)
        _close(report.student_soft, ref[f"{key}/student_soft"], rtol=4 * EPS64)
        alpha = case["alpha"]
        assert report.total == pytest.approx(
            alpha * report.soft_loss + (1 - alpha) * report.hard_loss, rel=1e-15
        )


def test_gradient_scaling_matches_torch_and_shows_the_t_squared(ref):
    temperatures = ref["distillation/scaling/temperatures"]
    scaling = ref["meta"]["distillation_scaling"]
    without, with_t2 = gradient_scaling(scaling["student"], scaling["teacher"], temperatures)
    _close(without, ref["distillation/scaling/without_t2"], rtol=1e-9)
    _close(with_t2, ref["distillation/scaling/with_t2"], rtol=1e-9)
    ratio = dict(zip(temperatures.tolist(), zip(without, with_t2, strict=True), strict=True))

    def ratios(t):
        return ratio[t][0] / ratio[2 * t][0], ratio[t][1] / ratio[2 * t][1]

    # The ratios approach 4 (without T^2) and 1 (with it), the gap shrinking like 1 / T.
    gaps = [(abs(a - 4.0), abs(b - 1.0)) for a, b in map(ratios, (0.5, 8.0, 100.0, 1000.0))]
    assert gaps[0][0] > 0.5 and gaps[0][1] > 0.5  # not there at small T
    for (far_without, far_with), (near_without, near_with) in zip(gaps, gaps[1:], strict=False):
        assert near_without < far_without and near_with < far_with
    assert gaps[-1][0] < 4e-3 and gaps[-1][1] < 1e-3
    assert 5 < gaps[-2][0] / gaps[-1][0] < 20  # 1 / T: ten times closer at ten times T


# --------------------------------------------------------------------------- 4. binary


def test_binary_matches_torch(ref):
    margins, pos_weights = ref["binary/margins"], ref["binary/pos_weights"]
    for i, margin in enumerate(margins):
        for label in (0, 1):
            for k, pos_weight in enumerate(pos_weights):
                report = binary_report([margin, 0.0], label, pos_weight=float(pos_weight))
                where = f"margin {margin} label {label} pos_weight {pos_weight}"
                assert isinstance(report, BinaryReport)
                assert report.margin == margin and report.target == (1.0 - label)
                p = ref["binary/sigmoid"][i, label, k]
                assert report.sigmoid == pytest.approx(p, rel=4 * EPS64, abs=0), where
                bce = ref["binary/bce"][i, label, k]
                if bce == -BCE_LOG_CLAMP:
                    assert report.bce_on_sigmoid == bce, where
                else:
                    rounding = 4 * EPS64 * (1 + p / (1 - p) if label == 1 else 1)
                    assert report.bce_on_sigmoid == pytest.approx(bce, rel=4 * EPS64, abs=rounding)
                # PyTorch's (1 - y) x + softplus(-x) cancels for x << 0 with y = 0.
                cancel = 4 * EPS64 * (1 + abs(margin)) * (1 + pos_weight)
                expected = ref["binary/bce_with_logits"][i, label, k]
                assert report.bce_with_logits == pytest.approx(expected, rel=1e-13, abs=cancel)
                expected = ref["binary/gradient"][i, label, k]
                assert report.gradient == pytest.approx(expected, rel=1e-13, abs=cancel), where
                expected = ref["binary/cross_entropy"][i, label, k]
                assert report.cross_entropy == pytest.approx(expected, rel=1e-13, abs=cancel)
                assert report.clamped == (bce == -BCE_LOG_CLAMP), where


def test_bce_on_the_sigmoid_is_clamped_at_100_while_with_logits_is_not():
    report = binary_report([-200.0, 0.0], 0)
    assert report.bce_on_sigmoid == 100.0
    assert report.bce_with_logits == 200.0
    assert report.clamped and report.sigmoid_log_term == pytest.approx(-200.0)
    unclamped = binary_report([-99.0, 0.0], 0)
    assert not unclamped.clamped
    assert unclamped.bce_on_sigmoid == pytest.approx(99.0, rel=1e-14)
    # class 1 the true one: the sigmoid rounds to 1 and log(1 - p) = -inf is clamped too
    report = binary_report([40.0, 0.0], 1)
    assert report.sigmoid == 1.0 and report.sigmoid_log_term == -math.inf
    assert report.clamped and report.bce_on_sigmoid == 100.0 and report.bce_with_logits == 40.0


@pytest.mark.parametrize("logits", [[0.3, -1.2], [5.0, 5.0], [-3.0, 20.0], [7.5, -60.0]])
@pytest.mark.parametrize("label", [0, 1])
def test_the_sigmoid_is_the_two_class_softmax(logits, label):
    report = binary_report(logits, label)
    assert report.sigmoid == pytest.approx(report.softmax[0], rel=4 * EPS64, abs=1e-300)
    assert report.margin == logits[0] - logits[1]
    assert report.cross_entropy == pytest.approx(report.bce_with_logits, rel=1e-14, abs=1e-300)
    expected = cross_entropy_grad(logits, np.asarray(label))
    _close(report.logit_gradient, expected, rtol=1e-14, atol=1e-300)
    assert abs(np.sum(report.logit_gradient)) == 0.0
    weighted = binary_report(logits, label, pos_weight=3.0)
    if label == 0:  # the positive term is weighted
        assert weighted.bce_with_logits == pytest.approx(3 * report.bce_with_logits, rel=1e-14)
    else:
        assert weighted.bce_with_logits == report.bce_with_logits


def test_curves_are_the_report_at_each_margin():
    margins = np.array([-250.0, -101.0, -3.0, 0.0, 2.5, 38.0, 120.0])
    for label in (0, 1):
        curves = bce_curves(margins, label, pos_weight=2.0)
        for i, margin in enumerate(margins):
            report = binary_report([margin, 0.0], label, pos_weight=2.0)
            assert curves["bce_on_sigmoid"][i] == report.bce_on_sigmoid
            assert curves["bce_with_logits"][i] == report.bce_with_logits
    curve = sigmoid_curve(margins)
    _close(curve, [softmax([m, 0.0])[0] for m in margins], rtol=4 * EPS64, atol=1e-300)
    assert np.all(np.diff(curve) >= 0)


# --------------------------------------------------------------------------- 5. information


def _information(case, bits=False):
    if case["kind"] == "logits":
        return information_from_logits(
            case["values"],
            case["target"],
            temperature=case["temperature"],
            label_smoothing=case["eps"],
            bits=bits,
        )
    return information_report(case["values"], case["target"], bits=bits)


def test_information_matches_torch_and_mpmath(ref):
    for number, case in _cases(ref, "information"):
        key = f"information/i{number:02d}"
        report = _information(case)
        assert isinstance(report, InformationReport) and report.units == "nats"
        sources = ["", "mp_"] if case["kind"] == "logits" else [""]
        for source in sources:
            # torch's entr and kl_div take log of p and t directly: a few ulps per term.
            rtol = 1e-13 if source else 1e-12
            expected = ref[f"{key}/{source}self_information"]
            _close(report.self_information, expected, rtol=rtol, atol=ULPS * EPS64)
            for name in ("entropy_p", "cross_entropy", "kl"):
                _close(getattr(report, name), ref[f"{key}/{source}{name}"], rtol=rtol, atol=1e-15)
        _close(report.entropy_target, ref[f"{key}/entropy_target"], rtol=1e-13, atol=1e-15)


def test_cross_entropy_is_entropy_plus_kl(ref):
    for _, case in _cases(ref, "information"):
        for bits in (False, True):
            report = _information(case, bits=bits)
            assert report.kl >= 0 and report.entropy_target >= 0
            scale = max(1.0, report.cross_entropy)
            assert abs(report.cross_entropy - (report.entropy_target + report.kl)) <= (
                ULPS * EPS64 * scale
            )


def test_bits_are_nats_over_ln_2():
    nats = information_from_logits([0.5, -1.0, 2.0], 1, label_smoothing=0.1)
    bits = information_from_logits([0.5, -1.0, 2.0], 1, label_smoothing=0.1, bits=True)
    assert bits.units == "bits"
    for name in ("entropy_p", "entropy_target", "cross_entropy", "kl"):
        assert getattr(bits, name) * math.log(2) == pytest.approx(getattr(nats, name), rel=1e-15)
    _close(bits.self_information * math.log(2), nats.self_information, rtol=4 * EPS64)
    uniform = information_report([0.25] * 4, 0, bits=True)
    assert uniform.entropy_p == 2.0 and uniform.cross_entropy == 2.0


def test_self_information_from_logits_stays_finite_where_p_underflows():
    from_logits = information_from_logits([1000.0, 1.0], 1)
    assert from_logits.self_information.tolist() == [0.0, 999.0]
    assert from_logits.cross_entropy == 999.0 and from_logits.kl == 999.0
    from_probabilities = information_report(softmax([1000.0, 1.0]), 1)
    assert from_probabilities.self_information.tolist() == [0.0, math.inf]
    assert from_probabilities.cross_entropy == math.inf


# --------------------------------------------------------------------------- 6. Jacobian


def test_jacobian_matches_torch_and_mpmath(ref):
    for number, case in _cases(ref, "jacobian"):
        key = f"jacobian/j{number:02d}"
        report = jacobian_report(case["logits"], case["temperature"])
        assert isinstance(report, JacobianReport)
        scale = 1 / case["temperature"]
        _close(report.jacobian, ref[f"{key}/jacobian"], rtol=1e-12, atol=ULPS * EPS64 * scale)
        _close(report.eigenvalues, ref[f"{key}/mp_eigenvalues"], rtol=1e-12, atol=8 * EPS64)
        _close(report.eigenvalues, ref[f"{key}/eigenvalues"], rtol=1e-12, atol=8 * EPS64)


@pytest.mark.parametrize(
    ("logits", "temperature"),
    [
        ([2.0, 1.0, 0.1], 1.0),
        ([0.0, 0.0, 0.0, 0.0], 0.3),
        ([3.0, -2.0, 0.0, 1.0, 5.0, -7.0], 4.0),
        ([40.0, 0.0, 0.0], 1.0),  # p_0 rounds to 1, the rank is still K - 1
        ([-30.0, 10.0, 9.0, 0.0], 0.5),  # p_0 = 1.6e-35: numerically rank 2
    ],
)
def test_jacobian_invariants(logits, temperature):
    report = jacobian_report(logits, temperature)
    size = len(logits)
    jacobian = report.jacobian
    assert report.symmetric and np.array_equal(jacobian, jacobian.T)
    assert report.positive_semidefinite
    assert np.all(np.diff(report.eigenvalues) >= 0)
    scale = float(np.max(np.abs(report.eigenvalues)))
    assert report.eigenvalues[0] >= -size * EPS64 * scale
    assert abs(report.eigenvalues[0]) <= size * EPS64 * scale
    assert report.rank == size - 1
    assert report.numerical_rank == np.linalg.matrix_rank(jacobian, hermitian=True)
    assert report.null_residual <= ULPS * EPS64 / temperature
    _close(report.null_vector, np.full(size, 1 / math.sqrt(size)), rtol=EPS64)
    assert float(np.linalg.norm(report.null_vector)) == pytest.approx(1.0, rel=4 * EPS64)
    _close(report.probabilities, softmax(logits, temperature=temperature), rtol=0)
    probs = report.probabilities
    expected = (np.diag(probs) - np.outer(probs, probs)) / temperature
    _close(jacobian, expected, rtol=1e-12, atol=ULPS * EPS64 / temperature)


def test_jacobian_rank_counts_the_classes_that_keep_probability():
    assert jacobian_report([1000.0, 0.0]).rank == 0  # one-hot to rounding: J = 0
    assert jacobian_report([0.0, 0.0, -np.inf]).rank == 1  # a masked class drops out
    assert jacobian_report([0.0, 0.0, -800.0, 1.0]).rank == 2  # exp(-800) underflows
    tiny = jacobian_report([-30.0, 10.0, 9.0, 0.0], 0.5)
    assert (tiny.rank, tiny.numerical_rank) == (3, 2)
    assert jacobian_report([2.0, 1.0, 0.1]).numerical_rank == 2


# --------------------------------------------------------------------------- 7. batch


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_batch_matches_torch(ref, reduction):
    for number, case in _cases(ref, "batch"):
        key = f"batch/b{number:02d}"
        report = batch_report(
            case["logits"],
            case["labels"],
            axis=case["axis"],
            weight=case["weight"],
            ignore_index=case["ignore_index"],
            reduction=reduction,
        )
        assert isinstance(report, BatchReport)
        assert report.reduction == reduction and report.axis == case["axis"]
        for name in ("softmax_rows", "softmax_columns", "softmax_whole"):
            _close(getattr(report, name), ref[f"{key}/{name}"], rtol=4 * EPS64, atol=1e-300)
        expected = ref[f"{key}/loss_{reduction}"]
        if reduction == "none":
            assert isinstance(report.loss, np.ndarray)
        else:
            assert isinstance(report.loss, float)
        np.testing.assert_allclose(report.loss, expected, rtol=1e-13, atol=1e-15, equal_nan=True)
        _close(report.per_row_loss, ref[f"{key}/loss_none"], rtol=1e-13, atol=1e-15)
        _close(report.gradient, ref[f"{key}/gradient_{reduction}"], rtol=1e-12, atol=1e-16)
        np.testing.assert_allclose(
            report.axis_loss, ref[f"{key}/axis_loss_{reduction}"], rtol=1e-13, equal_nan=True
        )
        labels = np.asarray(case["labels"])
        ignored = labels == case["ignore_index"]
        np.testing.assert_array_equal(report.ignored, ignored)
        assert np.all(report.per_row_loss[ignored] == 0)
        weight = np.ones(len(case["logits"][0])) if case["weight"] is None else case["weight"]
        assert report.denominator == sum(weight[y] for y in labels[~ignored])


def test_every_row_ignored_gives_nan_mean_and_zero_sum():
    logits, labels = [[0.0, 4.0], [3.0, -1.0]], [-100, -100]
    mean = batch_report(logits, labels, weight=[2.0, 0.5])
    assert math.isnan(mean.loss) and mean.denominator == 0.0
    assert np.all(mean.gradient == 0)
    assert batch_report(logits, labels, reduction="sum").loss == 0.0


def test_only_the_class_axis_gives_rows_that_sum_to_one():
    logits = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [-1.0, 0.0, 3.0]]
    labels = [0, 1, 2]
    rows = batch_report(logits, labels, axis=-1)
    _close(rows.class_sums, np.ones(3), rtol=4 * EPS64)
    assert batch_report(logits, labels, axis=1).axis == -1
    _close(rows.axis_per_row_loss, rows.per_row_loss, rtol=4 * EPS64)
    assert rows.axis_loss == pytest.approx(rows.loss, rel=4 * EPS64)
    for axis in (0, None):
        wrong = batch_report(logits, labels, axis=axis)
        assert np.max(np.abs(wrong.class_sums - 1)) > 0.01
        assert wrong.axis_loss != pytest.approx(wrong.loss, rel=1e-3)
        np.testing.assert_array_equal(wrong.loss, rows.loss)  # the loss is always over classes
    columns = batch_report(logits, labels, axis=0)
    _close(np.sum(columns.probabilities, axis=0), np.ones(3), rtol=4 * EPS64)
    whole = batch_report(logits, labels, axis=None)
    assert float(np.sum(whole.probabilities)) == pytest.approx(1.0, rel=4 * EPS64)


# --------------------------------------------------------------------------- properties


@FAST
@given(logits=LOGITS, temperature=TEMPERATURES, eps=st.floats(0.0, 1.0), data=st.data())
def test_property_information_identity_and_signs(logits, temperature, eps, data):
    label = data.draw(st.integers(0, logits.size - 1))
    report = information_from_logits(logits, label, temperature=temperature, label_smoothing=eps)
    assert np.all(np.isfinite(report.self_information)) and np.all(report.self_information >= 0)
    assert report.kl >= -ULPS * EPS64 * max(1.0, report.cross_entropy)
    assert 0 <= report.entropy_p <= math.log(logits.size) * (1 + ULPS * EPS64)
    identity = report.entropy_target + report.kl
    assert abs(report.cross_entropy - identity) <= 4 * ULPS * EPS64 * max(1.0, report.cross_entropy)


@FAST
@given(logits=LOGITS, temperature=TEMPERATURES, data=st.data())
def test_property_loss_gradients_sum_to_zero(logits, temperature, data):
    label = data.draw(st.integers(0, logits.size - 1))
    rows = {row.key: row for row in losses_compared(logits, label, temperature=temperature)}
    for row in rows.values():
        assert np.all(np.isfinite(row.gradient))
        assert abs(np.sum(row.gradient)) <= ULPS * EPS64 * max(1.0 / temperature, row.gradient_norm)
    assert rows["cross_entropy"].gradient_norm <= math.sqrt(2) / temperature * (1 + ULPS * EPS64)


@FAST
@given(logits=LOGITS, temperature=TEMPERATURES)
def test_property_jacobian_is_symmetric_psd_with_ones_in_its_null_space(logits, temperature):
    report = jacobian_report(logits, temperature)
    scale = max(float(np.max(np.abs(report.eigenvalues))), EPS64)
    assert report.symmetric and report.positive_semidefinite
    assert abs(report.eigenvalues[0]) <= logits.size * EPS64 * scale
    assert report.null_residual <= ULPS * EPS64 / temperature
    assert report.rank == int(np.count_nonzero(report.probabilities > 0)) - 1
    assert report.numerical_rank <= report.rank


@FAST
@given(logits=LOGITS, temperature=st.floats(0.5, 50.0), alpha=st.floats(0.0, 1.0))
def test_property_distillation_gradients_sum_to_zero(logits, temperature, alpha):
    teacher = logits[::-1] * 0.5
    report = distillation_report(logits, teacher, 0, temperature=temperature, alpha=alpha)
    # KL sums p_t (log p_t - log p_s): terms of size |log p| cancel to a few eps.
    assert report.kl >= -ULPS * EPS64
    assert report.soft_loss == pytest.approx(temperature**2 * report.kl, rel=4 * EPS64)
    for gradient in (report.soft_gradient, report.hard_gradient, report.total_gradient):
        assert abs(np.sum(gradient)) <= ULPS * EPS64 * max(1.0, temperature)
    _close(report.soft_gradient, temperature**2 * report.soft_gradient_without_t2, rtol=1e-14)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stability_report([1.0, 2.0], dtype="int32"), "dtype must be one of"),
        (lambda: stability_report([1.0, 2.0], dtype="float128"), "dtype must be one of"),
        (lambda: stability_report([[1.0, 2.0]]), "one example"),
        (lambda: stability_report([np.nan, 2.0]), "not NaN or \\+inf"),
        (lambda: stability_report([1.0], temperature=0.0), "temperature"),
        (lambda: clipped_vs_exact([1.0, 2.0], 0, clip=0.7), "clip must be"),
        (lambda: clipped_vs_exact([1.0, 2.0], 2), "out of range"),
        (lambda: clipped_vs_exact([1.0, 2.0], 1.0), "class index"),
        (lambda: losses_compared([1.0, 2.0], 0, smoothed_epsilon=1.5), "smoothed_epsilon"),
        (lambda: losses_compared([1.0, 2.0], 0, label_smoothing=-0.1), "label_smoothing"),
        (lambda: losses_compared([1.0, 2.0], 0, focal_gamma=-1.0), "gamma"),
        (lambda: loss_curves([1.0], 0, 0, [0.0]), "at least two classes"),
        (lambda: loss_curves([1.0, 2.0], 0, 2, [0.0]), "class_index 2 is out of range"),
        (lambda: loss_curves([1.0, 2.0], 0, 0, [np.inf]), "values must be finite"),
        (lambda: loss_curves([1.0, 2.0], 0, 0, []), "non-empty"),
        (
            lambda: distillation_report([1.0, 2.0], [1.0], 0, temperature=1.0, alpha=0.5),
            "teacher_logits must have the shape",
        ),
        (
            lambda: distillation_report([1.0, 2.0], [1.0, 0.0], 0, temperature=1.0, alpha=2.0),
            "alpha must be in",
        ),
        (
            lambda: distillation_report([1.0, 2.0], [1.0, 0.0], 0, temperature=-1.0, alpha=0.5),
            "temperature",
        ),
        (lambda: gradient_scaling([1.0, 2.0], [1.0, 0.0], [1.0, 0.0]), "temperatures"),
        (lambda: binary_report([1.0, 2.0, 3.0], 0), "two logits"),
        (lambda: binary_report([1.0, np.inf], 0), "finite"),
        (lambda: binary_report([1.0, 2.0], 2), "out of range"),
        (lambda: binary_report([1.0, 2.0], 0, pos_weight=-1.0), "pos_weight"),
        (lambda: bce_curves([[0.0]], 0), "1-D"),
        (lambda: sigmoid_curve([np.nan]), "finite"),
        (lambda: information_report([0.5, 0.6], 0), "sum to 1"),
        (lambda: information_report([1.5, -0.5], 0), "in \\[0, 1\\]"),
        (lambda: information_report([0.5, 0.5], [0.5, 0.25, 0.25]), "shape \\(2,\\)"),
        (lambda: information_report([0.5, 0.5], [0.7, 0.7]), "target must sum to 1"),
        (lambda: information_report([0.5, 0.5], 3), "out of range"),
        (lambda: information_report([0.5, 0.5], 1.0), "class index \\(an int\\)"),
        (lambda: information_from_logits([1.0, 2.0], 0, label_smoothing=2.0), "label_smoothing"),
        (lambda: jacobian_report([-np.inf, -np.inf]), "not -inf"),
        (lambda: jacobian_report([1.0, np.inf]), "not NaN or \\+inf"),
        (lambda: batch_report([1.0, 2.0], [0]), "batch \\(N, K\\)"),
        (lambda: batch_report([[1.0, 2.0]], [0.0]), "integer class indices"),
        (lambda: batch_report([[1.0, 2.0]], [0], axis=2), "axis must be"),
        (lambda: batch_report([[1.0, 2.0]], [5]), "out of range"),
        (lambda: batch_report([[1.0, 2.0]], [0], reduction="avg"), "reduction"),
        (lambda: batch_report([[1.0, 2.0]], [0], weight=[1.0]), "weight"),
    ],
)
def test_bad_input_is_refused_with_an_actionable_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_lessons_import_no_qt():
    code = (
        "import sys, explorer.core.lessons; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
