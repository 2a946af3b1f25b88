"""The lab's losses against PyTorch references and finite differences; the gradient check."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from explorer.core import softmax_loss_vectorized
from explorer.core.lab import (
    GradientCheck,
    data_and_reg_loss,
    gradient_check,
    per_sample_losses,
    svm_loss_vectorized,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "lab.npz"


def load_fixture():
    with np.load(FIXTURE) as data:
        arrays = {key: data[key] for key in data.files}
    return json.loads(str(arrays.pop("meta"))), arrays


META, ARRAYS = load_fixture()
CASES = META["cases"]


def function_of(loss):
    return softmax_loss_vectorized if loss == "softmax" else svm_loss_vectorized


def case_id(case):
    return f"{case['key']}-{case['name']}-{case['loss']}-reg{case['reg']}-{case['reg_convention']}"


def test_the_fixture_covers_both_losses_both_conventions_and_regularisation():
    combos = {(case["loss"], case["reg_convention"], case["reg"] > 0) for case in CASES}
    assert combos == {
        (loss, convention, regularised)
        for loss in ("softmax", "svm")
        for convention in ("half", "full")
        for regularised in (False, True)
    }


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loss_and_gradient_match_pytorch(case):
    key = case["key"]
    W, X, y = ARRAYS[f"{key}/W"], ARRAYS[f"{key}/X"], ARRAYS[f"{key}/y"]
    loss, grad = function_of(case["loss"])(
        W, X, y, case["reg"], reg_convention=case["reg_convention"]
    )
    assert loss == pytest.approx(float(ARRAYS[f"{key}/loss"]), rel=1e-12, abs=1e-15)
    scale = max(1.0, float(np.max(np.abs(ARRAYS[f"{key}/grad"]))))
    np.testing.assert_allclose(grad, ARRAYS[f"{key}/grad"], rtol=1e-11, atol=1e-14 * scale)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_parts_and_per_sample_losses_match_pytorch(case):
    key = case["key"]
    W, X, y = ARRAYS[f"{key}/W"], ARRAYS[f"{key}/X"], ARRAYS[f"{key}/y"]
    data, penalty = data_and_reg_loss(case["loss"], W, X, y, case["reg"], case["reg_convention"])
    assert data + penalty == pytest.approx(float(ARRAYS[f"{key}/loss"]), rel=1e-12, abs=1e-15)
    scale = 0.5 if case["reg_convention"] == "half" else 1.0
    assert penalty == pytest.approx(scale * case["reg"] * float(np.sum(W * W)), rel=1e-13)
    np.testing.assert_allclose(
        per_sample_losses(case["loss"], X @ W, y), ARRAYS[f"{key}/losses"], rtol=1e-11, atol=1e-15
    )


def test_the_default_convention_is_the_course_half():
    key = next(c["key"] for c in CASES if c["loss"] == "softmax" and c["reg"] > 0)
    W, X, y = ARRAYS[f"{key}/W"], ARRAYS[f"{key}/X"], ARRAYS[f"{key}/y"]
    half = softmax_loss_vectorized(W, X, y, 0.1)
    assert half[0] == softmax_loss_vectorized(W, X, y, 0.1, reg_convention="half")[0]
    full = softmax_loss_vectorized(W, X, y, 0.1, reg_convention="full")
    assert full[0] - half[0] == pytest.approx(0.05 * float(np.sum(W * W)), rel=1e-12)
    np.testing.assert_allclose(full[1] - half[1], 0.1 * W, rtol=1e-12, atol=1e-15)


def central_differences(function, W, h=1e-5):
    numeric = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        plus, minus = W.copy(), W.copy()
        plus[index] += h
        minus[index] -= h
        numeric[index] = (function(plus) - function(minus)) / (2 * h)
    return numeric


@pytest.mark.parametrize("loss", ["softmax", "svm"])
@pytest.mark.parametrize("convention", ["half", "full"])
@pytest.mark.parametrize("seed", range(4))
def test_gradients_match_finite_differences(loss, convention, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(4, 3))
    X = rng.normal(size=(7, 4))
    y = rng.integers(0, 3, 7)
    reg = 0.3
    function = function_of(loss)
    _, grad = function(W, X, y, reg, reg_convention=convention)
    numeric = central_differences(lambda w: function(w, X, y, reg, reg_convention=convention)[0], W)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


def test_svm_counts_every_violated_margin_as_the_course_does():
    # Scores (2, 1.5, 0) for label 0: margins 0.5 and -1 -> loss 0.5, one active class.
    loss, grad = svm_loss_vectorized(np.eye(3), np.array([[2.0, 1.5, 0.0]]), [0], 0.0)
    assert loss == 0.5
    np.testing.assert_array_equal(grad, [[-2.0, 2.0, 0.0], [-1.5, 1.5, 0.0], [0.0, 0.0, 0.0]])
    # The margin delta is an argument: with delta 3 both other classes violate it.
    assert svm_loss_vectorized(np.eye(3), [[2.0, 1.5, 0.0]], [0], 0.0, delta=3.0)[0] == 3.5


# ----------------------------------------------------------------------- gradient check


def check_inputs(seed=0, count=30, dim=5, classes=4):
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=(count, dim - 1)), np.ones(count)])
    return rng.normal(scale=0.5, size=(dim, classes)), X, rng.integers(0, classes, count)


@pytest.mark.parametrize("loss", ["softmax", "svm"])
@pytest.mark.parametrize("convention", ["half", "full"])
def test_gradient_check_passes_below_1e_6_in_float64(loss, convention):
    W, X, y = check_inputs()
    check = gradient_check(loss, W, X, y, 0.05, reg_convention=convention)
    assert isinstance(check, GradientCheck)
    assert check.relative_error.shape == W.shape == check.numeric.shape == check.analytic.shape
    assert check.kinks == 0
    assert check.max_error < 1e-6
    assert check.max_error == float(np.max(check.relative_error))
    # It really compared something: the gradient is not zero.
    assert np.min(np.abs(check.analytic)) > 1e-4


def test_gradient_check_flags_the_web_demos_regularisation_gradient_off_by_four():
    W, X, y = check_inputs(seed=1)
    reg = 0.05

    def wrong(W, X, y, reg):
        loss, grad = softmax_loss_vectorized(W, X, y, reg)
        return loss, grad - reg * W + 4 * reg * W  # the CS231n web demo's factor of four

    check = gradient_check("softmax", W, X, y, reg, analytic=wrong)
    assert check.max_error > 1e-2
    # Only the regularisation is wrong: with reg = 0 the same function passes.
    assert gradient_check("softmax", W, X, y, 0.0, analytic=wrong).max_error < 1e-6


def test_gradient_check_flags_a_wrong_svm_gradient_and_a_dropped_bias_gradient():
    W, X, y = check_inputs(seed=2)

    def no_bias(W, X, y, reg):
        loss, grad = svm_loss_vectorized(W, X, y, reg)
        grad = grad.copy()
        grad[-1] = 0.0
        return loss, grad

    check = gradient_check("svm", W, X, y, 0.1, analytic=no_bias)
    assert check.max_error > 0.5
    assert np.all(check.relative_error[:-1] < 1e-6)  # the other rows are right


def test_gradient_check_reports_svm_kinks():
    # W = 0 and delta 1: every margin is 1; a score gap of exactly -1 puts one at 0.
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    W = np.array([[1.0, 0.0], [0.0, 0.0]])  # sample 0 scores (1, 0): margin 0 for class 1
    check = gradient_check("svm", W, X, np.array([0, 1]), 0.0)
    assert check.kinks == 1
    assert gradient_check("softmax", W, X, np.array([0, 1]), 0.0).kinks == 0


def test_gradient_check_refuses_a_wrong_shape():
    W, X, y = check_inputs()
    with pytest.raises(ValueError, match="shape"):
        gradient_check("softmax", W, X, y, 0.1, analytic=lambda W, X, y, r: (0.0, W[:-1]))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: svm_loss_vectorized(np.ones((2, 3)), np.ones((4, 3)), [0] * 4, 0.0), "matching D"),
        (lambda: svm_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0] * 4, -1.0), "reg must"),
        (
            lambda: svm_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0, 1, 2, 3], 0.0),
            "index 3",
        ),
        (lambda: svm_loss_vectorized(np.ones((2, 3)), np.ones((4, 2)), [0.0] * 4, 0.0), "integer"),
        (
            lambda: softmax_loss_vectorized(
                np.ones((2, 3)), np.ones((4, 2)), [0] * 4, 0.0, reg_convention="quarter"
            ),
            "reg_convention must be one of 'half', 'full'",
        ),
        (
            lambda: data_and_reg_loss("hinge", np.ones((2, 3)), np.ones((4, 2)), [0] * 4, 0.0),
            "loss",
        ),
        (lambda: gradient_check("softmax", *check_inputs(), 0.0, h=0.0), "h must"),
    ],
)
def test_bad_arguments_name_the_problem(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_empty_batch_is_the_penalty_alone():
    W = np.ones((2, 3))
    for function in (softmax_loss_vectorized, svm_loss_vectorized):
        loss, grad = function(W, np.zeros((0, 2)), np.zeros(0, np.int64), 0.2)
        assert loss == pytest.approx(0.1 * 6)
        np.testing.assert_allclose(grad, 0.2 * W)


@pytest.mark.parametrize("loss", ["softmax", "svm"])
def test_a_right_gradient_at_huge_weights_is_unresolved_not_wrong(loss):
    # After a learning rate too high the loss is ~1e4-1e119: L(W + h) and L(W - h) agree
    # in almost every digit and the check's error reached 1e-5 to 1; it said "wrong".
    W, X, y = check_inputs(seed=3)
    for scale in (1e5, 1e60):
        check = gradient_check(loss, W * scale, X, y, 0.05)
        assert check.max_error > 1e-6
        assert check.verdict() == "unresolved"
    # At ordinary weights the verdicts stand: right is correct, wrong is wrong.
    assert gradient_check(loss, W, X, y, 0.05).verdict() == "correct"

    def wrong(W, X, y, reg):
        value, grad = (softmax_loss_vectorized if loss == "softmax" else svm_loss_vectorized)(
            W, X, y, reg
        )
        return value, grad + 3 * reg * W

    assert gradient_check(loss, W, X, y, 0.05, analytic=wrong).verdict() == "wrong"
    # A wrong gradient at large weights is still caught when it is wrong beyond rounding.
    assert gradient_check(loss, W * 1e5, X, y, 0.05, analytic=wrong).verdict() == "wrong"
