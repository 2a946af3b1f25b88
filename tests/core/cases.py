"""Explicit cases shared by the module tests of ``tests/core``: tables of calls of every
public function of ``explorer.core`` (dtypes kept, arguments refused, temperatures checked),
each test file taking the rows of its own module.
"""

from __future__ import annotations

import numpy as np
import pytest

import explorer.core as core
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


F32 = np.float32


def same(actual, expected):
    """Equal values, NaN where expected is NaN, infinities with their sign."""
    np.testing.assert_array_equal(np.asarray(actual), np.asarray(expected))


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


DTYPE_PAIRS = [(np.float32, np.float32), (np.float64, np.float64), (np.int64, np.float64)]

BAD_TEMPERATURES = [
    (0.0, r"temperature must be a finite number > 0, got 0\.0"),
    (-1.0, r"temperature must be a finite number > 0, got -1\.0"),
    (NAN, "temperature must be a finite number > 0, got nan"),
    (INF, "temperature must be a finite number > 0, got inf"),
    (-INF, "temperature must be a finite number > 0"),
    (True, r"temperature must be a number > 0, got True"),
    ("2", r"temperature must be a number > 0, got '2'"),
    (None, r"temperature must be a number > 0, got None"),
]


def module_of(name: str) -> str:
    """The module of ``explorer.core`` that defines public function ``name``: 'softmax', ..."""
    return getattr(core, name).__module__.rpartition(".")[2]


def called_function(build) -> str:
    """The public function a case's call makes (the first one its code names)."""
    return next(name for name in build.__code__.co_names if name in core.__all__)


def dtype_case_names(module: str) -> list[str]:
    """The functions of ``module`` in :data:`DTYPE_CASES`."""
    return sorted(name for name in DTYPE_CASES if module_of(name) == module)


def value_error_params(module: str) -> list:
    """The rows of :data:`VALUE_ERROR_CASES` that call a function of ``module``."""
    return [
        pytest.param(build, match, id=label)
        for label, build, match in VALUE_ERROR_CASES
        if module_of(called_function(build)) == module
    ]


def temperature_user_names(module: str) -> list[str]:
    """The functions of ``module`` in :data:`TEMPERATURE_USERS`."""
    return sorted(name for name in TEMPERATURE_USERS if module_of(name) == module)


def assert_dtype_is_preserved(name: str, input_dtype, expected) -> None:
    """Every array of the :data:`DTYPE_CASES` calls of ``name`` has dtype ``expected``."""
    for result in DTYPE_CASES[name](input_dtype):
        assert isinstance(result, np.ndarray | np.floating), type(result)
        assert result.dtype == expected, (name, result.dtype)
        assert np.all(~np.isnan(result)), name
