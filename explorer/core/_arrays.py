"""Argument checking shared by every core function: one place, messages a user can act on."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike

REDUCTIONS = ("none", "mean", "sum")


def as_float_array(values: ArrayLike, name: str) -> np.ndarray:
    """Return ``values`` as a floating array: float32/float64 kept, anything else float64."""
    array = np.asarray(values)
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "iub":
        return array.astype(np.float64)
    try:
        return array.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be numbers, got an array of {array.dtype} ({array!r:.60})"
        ) from None


def as_logits(values: ArrayLike, name: str = "logits") -> np.ndarray:
    """Return logits as a floating array of shape ``(C,)`` or ``(N, C)`` with C >= 1."""
    logits = as_float_array(values, name)
    if logits.ndim not in (1, 2):
        raise ValueError(
            f"{name} must be a vector (C,) or a batch (N, C) with classes last; "
            f"got shape {logits.shape}"
        )
    if logits.shape[-1] == 0:
        raise ValueError(f"{name} needs at least one class; got shape {logits.shape}")
    return logits


def check_temperature(temperature: float) -> float:
    """Return a validated temperature: a finite number > 0."""
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        raise ValueError(f"temperature must be a number > 0, got {temperature!r}")
    value = float(temperature)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    return value


def check_reduction(reduction: str) -> str:
    """Return ``reduction`` if it is one of ``'none'``, ``'mean'``, ``'sum'``."""
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"reduction must be one of {', '.join(map(repr, REDUCTIONS))}; got {reduction!r}"
        )
    return reduction


def check_label_smoothing(label_smoothing: float) -> float:
    """Return a validated label smoothing: a number in [0, 1]."""
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, numbers.Real):
        raise ValueError(f"label_smoothing must be a number in [0, 1], got {label_smoothing!r}")
    value = float(label_smoothing)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing!r}")
    return value


def check_weight(weight: ArrayLike | None, num_classes: int, dtype: np.dtype) -> np.ndarray | None:
    """Return per-class weights as a ``(C,)`` array of ``dtype``, or None."""
    if weight is None:
        return None
    weights = as_float_array(weight, "weight").astype(dtype, copy=False)
    if weights.shape != (num_classes,):
        raise ValueError(
            f"weight must have one entry per class, shape ({num_classes},); got {weights.shape}"
        )
    return weights


def is_index_target(target: np.ndarray) -> bool:
    """Whether ``target`` holds class indices (integers) rather than class probabilities."""
    return target.dtype.kind in "iu"


def check_index_target(
    target: np.ndarray, logits: np.ndarray, ignore_index: int, name: str = "target"
) -> tuple[np.ndarray, np.ndarray]:
    """Validate class indices against ``logits``; return (indices safe to gather, ignored mask).

    Ignored entries are replaced by class 0 in the returned indices so they can be gathered.
    """
    expected_shape = logits.shape[:-1]
    if target.shape != expected_shape:
        raise ValueError(
            f"{name} with class indices must have shape {expected_shape} for logits of shape "
            f"{logits.shape}; got {target.shape}"
        )
    num_classes = logits.shape[-1]
    ignored = target == ignore_index
    valid = (target >= 0) & (target < num_classes)
    bad = ~(valid | ignored)
    if np.any(bad):
        first = int(np.asarray(target)[bad].flat[0])
        raise ValueError(
            f"{name} class index {first} is out of range: classes are 0..{num_classes - 1} "
            f"(ignore_index={ignore_index})"
        )
    safe = np.where(ignored, 0, target).astype(np.intp)
    return safe, ignored


def check_probability_target(target: np.ndarray, logits: np.ndarray, name: str = "target"):
    """Validate a class-probability target: a float array of the same shape as ``logits``."""
    if target.dtype.kind != "f":
        raise ValueError(
            f"{name} must be class indices (integers) or class probabilities (floats); "
            f"got dtype {target.dtype}"
        )
    if target.shape != logits.shape:
        hint = ""
        if target.shape == logits.shape[:-1]:
            hint = " (class indices must be integers, not floats)"
        raise ValueError(
            f"{name} with class probabilities must have the same shape as logits "
            f"{logits.shape}; got {target.shape}{hint}"
        )
    return target.astype(logits.dtype, copy=False)
