"""``explorer.core`` against stored PyTorch and mpmath reference values: the cases, their
tolerances and the comparison, which the test file of each module runs on its functions.

The references live in ``tests/fixtures/reference.npz``, written by
``tests/fixtures/generate_reference.py`` (run it with the PyTorch environment; its docstring
says what each reference is). PyTorch fixes the semantics, mpmath (50 digits) the float64
truth: float64 results are compared with the mpmath value, float32 results with PyTorch's
float32 result. NaN and signed-infinity positions must match exactly, and float32 inputs must
give float32 outputs.

Tolerances, and why each is what it is
--------------------------------------
Every comparison is ``|core - ref| <= rtol * |ref| + atol`` on the finite entries, with
``ULPS = 4`` ("a few ulps"):

float64 base: ``rtol = 1e-12``
    A few thousand ulps of the value: a handful of roundings per operation, summed over at
    most a few dozen terms, stays far below that.
subnormals: ``atol = ULPS * smallest_subnormal``
    Below ~2.2e-308 floats have a fixed absolute spacing, so relative precision is gone
    (``softmax([0, -740])[1] = 4e-322`` carries two significant digits).
exp-sensitive outputs (probabilities, Jacobians, gradients, focal and squared-error losses):
``rtol += ULPS * spacing(max|z / T|)``
    The core computes ``exp(z_i - max(z))``; the subtraction (and ``z / T``) rounds to an
    absolute error of up to an ulp of the largest logit, which ``exp`` turns into that much
    *relative* error. So a tiny probability of a huge logit (``z ~ 1e4``: ``spacing ~ 2e-12``)
    is only right to ~1e-11 relative; for ``|z| <= 1`` this adds nothing. The logit scale of the
    linear classifier is ``max(|X| @ |W|)``, the size of the terms of its scores.
cancellation-prone outputs (gradients ``p - t``, Jacobians ``diag(p) - p p^T``,
``(1 - y) - sigma(-x)``): ``atol += ULPS * spacing(max|ref|)`` over the whole output array
    An entry that is a difference of terms no larger than the largest entry of the array
    (``p_j`` against ``t_j``) can lose everything below an ulp of that largest entry; the
    large entries themselves are still held to ``rtol``. The scale is the output's own largest
    entry, not 1: when every entry is tiny (a confident example) the core must keep them
    accurate, which it does by computing ``1 - p_y`` as the sum of the other probabilities.
logsumexp: ``atol += ULPS * spacing(max|z|)``
    ``lse = m + log1p(rest)`` cancels when ``m < 0`` and the result is near 0
    (``lse([-log 2, -log 2]) ~ 1e-17``); its absolute error is an ulp of the largest logit.
log-space losses and log-probabilities get only the base ``rtol``: they are sums of terms of
    one sign (``-log p >= 0``), so no cancellation happens.
float32: ``rtol = 1e-5`` (plus the exp-sensitive term) and ``atol = ULPS * spacing32(max(1,
max|ref|))``
    The reference is PyTorch's own float32 result, which rounds its terms (probabilities,
    one-hot targets, log-probabilities of size >= 1) to float32: ``p_y - 1`` for ``p_y ~ 1 -
    1e-13`` is 0 in PyTorch float32 while the core keeps ``-1e-13``. Both are within a few
    float32 ulps of the magnitude-1 terms.

Known discrepancies are listed in ``KNOWN_DISCREPANCIES`` and marked
``xfail(strict=True)``: the test stays, and starts failing (XPASS) once the core is fixed.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import explorer.core as core

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "reference.npz"
ULPS = 4
RTOL = {np.dtype(np.float64): 1e-12, np.dtype(np.float32): 1e-5}

# How each output is compared: see the module docstring.
#   "exp"    adds ULPS * spacing(max|z/T|) to rtol
#   "cancel" adds ULPS * spacing(max|ref|) to atol
#   "lse"    adds ULPS * spacing(max|z|) to atol
KINDS = {
    ("softmax", "value"): {"exp"},
    ("log_softmax", "value"): set(),
    ("logsumexp", "value"): {"lse"},
    ("softmax_jacobian", "value"): {"exp", "cancel"},
    ("cross_entropy", "value"): set(),
    ("cross_entropy", "grad"): {"exp", "cancel"},
    ("nll_loss", "value"): set(),
    ("binary_cross_entropy", "value"): set(),
    # A sum of non-negative terms (1 - y) softplus(x) + pw y softplus(-x): no cancellation.
    ("binary_cross_entropy_with_logits", "value"): set(),
    # (1 - y) sigmoid(x) - pw y sigmoid(-x): exp of the exact input, one subtraction.
    ("binary_cross_entropy_with_logits", "grad"): {"cancel"},
    ("distillation_loss", "value"): {"exp"},
    ("distillation_loss", "grad"): {"exp", "cancel"},
    ("entropy", "value"): set(),
    ("softmax_loss_vectorized", "value"): set(),
    ("softmax_loss_vectorized", "grad"): {"exp", "cancel"},
    ("squared_error_loss", "value"): {"exp"},
    ("squared_error_loss", "grad"): {"exp", "cancel"},
    ("focal_loss", "value"): {"exp"},
    ("focal_loss", "grad"): {"exp", "cancel"},
}

GRADIENTS = {
    "cross_entropy": core.cross_entropy_grad,
    "binary_cross_entropy_with_logits": core.binary_cross_entropy_with_logits_grad,
    "distillation_loss": core.distillation_loss_grad,
    "squared_error_loss": core.squared_error_loss_grad,
    "focal_loss": core.focal_loss_grad,
}

# "<case name>::<output>" patterns -> reason, for a disagreement under investigation; each
# is marked xfail(strict=True) so the test keeps running and flags the fix.
KNOWN_DISCREPANCIES: dict[str, str] = {}


@dataclass(frozen=True)
class Case:
    meta: dict
    inputs: dict
    torch: dict
    mpmath: dict

    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def func(self) -> str:
        return self.meta["func"]

    @property
    def dtype(self) -> np.dtype:
        return np.dtype(self.meta["dtype"])

    def reference(self, output: str) -> np.ndarray:
        """The float64 truth (mpmath) where stored, PyTorch's result otherwise."""
        return self.mpmath.get(output, self.torch[output])


def load_cases() -> list[Case]:
    with np.load(FIXTURE, allow_pickle=False) as data:
        index = json.loads(str(data["index"][()]))
        cases = []
        for meta in index["cases"]:
            key = meta["key"]
            cases.append(
                Case(
                    meta=meta,
                    inputs={name: data[ref] for name, ref in meta["inputs"].items()},
                    torch={out: data[f"{key}/torch/{out}"] for out in meta["outputs"]},
                    mpmath={out: data[f"{key}/mpmath/{out}"] for out in meta["mpmath"]},
                )
            )
    return cases


CASES = load_cases()


def run_core(case: Case) -> dict:
    """Call the ``explorer.core`` function of ``case``: ``{'value': ..., 'grad': ...}``."""
    args = [case.inputs[name] for name in case.meta["args"]]
    kwargs = dict(case.meta["kwargs"])
    kwargs.update({name: case.inputs[name] for name in case.meta["array_kwargs"]})
    if case.func == "softmax_loss_vectorized":
        loss, grad = core.softmax_loss_vectorized(*args, **kwargs)
        return {"value": loss, "grad": grad}
    results = {"value": getattr(core, case.func)(*args, **kwargs)}
    if "grad" in case.meta["outputs"]:
        results["grad"] = GRADIENTS[case.func](*args, **kwargs)
    return results


def _max_abs_finite(*arrays) -> float:
    largest = 0.0
    for array in arrays:
        values = np.abs(np.asarray(array, dtype=np.float64))
        values = values[np.isfinite(values)]
        if values.size:
            largest = max(largest, float(values.max()))
    return largest


def exponent_scale(case: Case) -> float:
    """Largest finite |argument of exp| the core forms: the logits (over T)."""
    inputs = case.inputs
    temperature = case.meta["kwargs"].get("temperature", 1.0)
    if case.func in ("softmax", "log_softmax", "logsumexp", "softmax_jacobian"):
        return _max_abs_finite(inputs["z"]) / temperature
    if case.func in ("cross_entropy", "squared_error_loss", "focal_loss"):
        return _max_abs_finite(inputs["logits"]) / temperature
    if case.func == "distillation_loss":
        return _max_abs_finite(inputs["student_logits"], inputs["teacher_logits"]) / temperature
    if case.func == "softmax_loss_vectorized":
        x = inputs["X"].astype(np.float64)
        w = inputs["W"].astype(np.float64)
        return _max_abs_finite(np.abs(x) @ np.abs(w))
    return 0.0


def spacing(value: float, dtype: np.dtype) -> float:
    return float(np.spacing(dtype.type(value)))


def tolerance(case: Case, output: str, reference: np.ndarray) -> tuple[float, float]:
    dtype = case.dtype
    kinds = KINDS[(case.func, output)]
    rtol = RTOL[dtype]
    atol = ULPS * float(np.finfo(dtype).smallest_subnormal)
    if "exp" in kinds:
        rtol += ULPS * spacing(exponent_scale(case), dtype)
    if "cancel" in kinds:
        atol += ULPS * spacing(_max_abs_finite(reference), dtype)
    if "lse" in kinds:
        atol += ULPS * spacing(_max_abs_finite(case.inputs["z"]), dtype)
    if dtype == np.float32:
        atol = max(atol, ULPS * spacing(max(1.0, _max_abs_finite(reference)), dtype))
    return rtol, atol


def module_of(case: Case) -> str:
    """The module of ``explorer.core`` that defines the case's function: 'softmax', ..."""
    return getattr(core, case.func).__module__.rpartition(".")[2]


def reference_cases(module: str) -> list[Case]:
    """The stored cases of the functions of ``module``."""
    return [case for case in CASES if module_of(case) == module]


def reference_comparisons(module: str) -> list:
    """One parameter set per (case, output) of ``module``; a known discrepancy is a strict
    xfail."""
    params = []
    for case in reference_cases(module):
        for output in case.meta["outputs"]:
            test_id = f"{case.name}::{output}"
            marks = [
                pytest.mark.xfail(strict=True, reason=reason)
                for pattern, reason in KNOWN_DISCREPANCIES.items()
                if fnmatch.fnmatchcase(test_id, pattern)
            ][:1]
            params.append(pytest.param(case, output, id=test_id, marks=marks))
    return params


def assert_matches_reference(case: Case, output: str) -> None:
    """The core's ``output`` of ``case`` is the reference's, within :func:`tolerance`."""
    actual = np.asarray(run_core(case)[output])
    reference = case.reference(output)
    assert actual.shape == reference.shape
    got = actual.astype(np.float64)
    want = reference.astype(np.float64)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg="NaN positions")
    np.testing.assert_array_equal(np.isposinf(got), np.isposinf(want), err_msg="+inf positions")
    np.testing.assert_array_equal(np.isneginf(got), np.isneginf(want), err_msg="-inf positions")
    rtol, atol = tolerance(case, output, want)
    source = "mpmath" if output in case.mpmath else "torch"
    np.testing.assert_allclose(
        got,
        want,
        rtol=rtol,
        atol=atol,
        equal_nan=True,
        err_msg=f"against {source}: {case.meta['torch']}",
    )


def assert_keeps_dtype_and_shape(case: Case) -> None:
    """Every output of ``case`` has the inputs' dtype and the reference's shape."""
    results = run_core(case)
    for output, value in results.items():
        if case.func == "softmax_loss_vectorized" and output == "value":
            # Documented to return the loss as a Python float.
            assert isinstance(value, float)
            continue
        array = np.asarray(value)
        assert array.dtype == case.dtype, f"{output}: {array.dtype} for {case.dtype} inputs"
        assert array.shape == case.torch[output].shape, output
