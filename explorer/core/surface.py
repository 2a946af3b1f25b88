"""The loss over a plane of logit space: surface, gradient field and descent path.

Two logits ``a = z[axes[0]]`` and ``b = z[axes[1]]`` vary, the others stay fixed. With the
effective target ``t`` (one-hot or probabilities, smoothed) and ``S = sum(t)``, the
cross-entropy of one example is

    L(a, b) = S * lse(z / T) - (t . z) / T

and ``lse`` over the plane only needs ``C = sum_{k not in axes} exp(z_k / T - m)``, computed
once: ``lse(a, b) = m + log(exp(a / T - m) + exp(b / T - m) + C)``. The exponentials depend
on one axis each, so they are taken on the two axis vectors and combined with an outer sum:
one ``log`` per grid point and a few adds, whatever the number of classes.
"""

from __future__ import annotations

import functools
import numbers
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import (
    as_float_array,
    as_logits,
    check_index_target,
    check_label_smoothing,
    check_probability_target,
    check_temperature,
    is_index_target,
)
from .losses import cross_entropy, cross_entropy_grad
from .softmax import _QUIET


def target_distribution(
    target: ArrayLike, num_classes: int, label_smoothing: float = 0.0, dtype=np.float64
) -> np.ndarray:
    r"""The effective target ``t = (1 - eps) y + eps / C`` of a label or a distribution.

    Examples
    --------
    >>> target_distribution(1, 3, label_smoothing=0.3).round(3).tolist()
    [0.1, 0.8, 0.1]
    """
    eps = check_label_smoothing(label_smoothing)
    template = np.zeros(num_classes, dtype=dtype)
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        if not 0 <= target < num_classes:  # the common case, without array checks
            raise ValueError(
                f"target class index {target} is out of range: classes are 0..{num_classes - 1}"
            )
        template[int(target)] = 1
        return template * (1 - eps) + eps / num_classes if eps > 0 else template
    target_array = np.asarray(target)
    if is_index_target(target_array):
        index, _ = check_index_target(target_array, template, ignore_index=-(10**18))
        distribution = template
        distribution[int(index)] = 1
    else:
        distribution = check_probability_target(target_array, template).copy()
    if eps > 0:
        distribution = distribution * (1 - eps) + eps / num_classes
    return distribution


@dataclass(frozen=True)
class _Plane:
    """Everything about one example that does not depend on the two varying logits."""

    scaled: np.ndarray  # z / T
    target: np.ndarray  # effective target t
    axes: tuple[int, int]
    temperature: float
    dtype: np.dtype

    @functools.cached_property
    def target_sum(self) -> float:
        return float(self.target.sum())

    @functools.cached_property
    def _off_axes(self) -> np.ndarray:
        keep = np.ones(self.scaled.size, dtype=bool)
        keep[list(self.axes)] = False
        return keep

    @functools.cached_property
    def fixed(self) -> np.ndarray:
        """Logits (scaled) of the classes that are not on an axis."""
        return self.scaled[self._off_axes]

    def linear(self) -> float:
        """Target-weighted sum ``t . z / T`` of the fixed classes (``0 * -inf = 0``)."""
        target = self.target[self._off_axes]
        with np.errstate(invalid="ignore"):
            products = target * self.fixed
        return float(np.where(target == 0, 0, products).sum())


def _plane(logits, target, axes, temperature, label_smoothing) -> _Plane:
    vector = as_logits(logits)
    if vector.ndim != 1:
        raise ValueError(f"the loss surface takes one example, logits (C,); got {vector.shape}")
    num_classes = vector.size
    if num_classes < 2:
        raise ValueError("the loss surface needs at least two classes")
    try:
        first, second = (int(axis) for axis in axes)
    except (TypeError, ValueError):
        raise ValueError(f"axes must be two class indices, got {axes!r}") from None
    for axis in (first, second):
        if not 0 <= axis < num_classes:
            raise ValueError(f"axis {axis} is out of range: classes are 0..{num_classes - 1}")
    if first == second:
        raise ValueError(f"the two axes must be different classes, got {first} twice")
    temperature = check_temperature(temperature)
    distribution = target_distribution(target, num_classes, label_smoothing, vector.dtype)
    return _Plane(vector / temperature, distribution, (first, second), temperature, vector.dtype)


def _axis_values(values, name, dtype) -> np.ndarray:
    array = as_float_array(values, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array; got shape {array.shape}")
    if not (np.isfinite(array.min()) and np.isfinite(array.max())):  # NaN fails both
        raise ValueError(f"{name} must be finite")
    return array.astype(np.result_type(array.dtype, dtype), copy=False)


@functools.cache
def _underflow_margin(dtype) -> float:
    # exp(x) stays a normal number (full precision) for x above log(tiny); keep 10 nats spare.
    return float(-np.log(np.finfo(dtype).tiny)) - 10.0


@functools.cache
def _overflow_margin(dtype) -> float:
    # exp(x) stays finite for x below log(max); keep 10 nats spare for the sums.
    return float(np.log(np.finfo(dtype).max)) - 10.0


def _fixed_hard_label(plane: _Plane) -> int | None:
    """The class of a one-hot effective target that is not on an axis, else None."""
    target = plane.target
    nonzero = np.flatnonzero(target)
    if nonzero.size != 1 or target[nonzero[0]] != 1:
        return None
    label = int(nonzero[0])
    return None if label in plane.axes else label


def loss_surface(
    logits: ArrayLike,
    target: ArrayLike,
    axes: tuple[int, int],
    a_values: ArrayLike,
    b_values: ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
) -> np.ndarray:
    r"""Cross-entropy of one example over a grid of two logits, the others held fixed.

    .. math:: L[r, c] = \mathrm{CE}\big(z \text{ with } z_{a} = a_c,\ z_{b} = b_r\big)

    computed as ``S * lse(a, b) - t . z / T`` with
    ``lse(a, b) = m + log(e^{a/T - m} + e^{b/T - m} + C)``: the exponentials are taken on
    the axis vectors and joined by an outer sum, so the cost is one ``log`` per point and
    does not grow with the number of classes. When the grid spans so widely that these
    shifted exponentials would underflow somewhere, every point is shifted by its own
    maximum instead (three ``exp`` per point, still independent of K).

    Parameters
    ----------
    logits : array_like
        ``(C,)`` logits of one example; ``axes`` entries are ignored.
    target : int or array_like
        Class index, or a ``(C,)`` probability vector.
    axes : tuple of int
        The two classes ``(a, b)`` that vary.
    a_values, b_values : array_like
        1-D grid coordinates for logit ``axes[0]`` (columns) and ``axes[1]`` (rows).
    temperature : float
        ``T > 0``.
    label_smoothing : float
        In [0, 1].

    Returns
    -------
    numpy.ndarray
        ``(len(b_values), len(a_values))``.

    Examples
    --------
    >>> L = loss_surface([2.0, 1.0, 0.1], 0, (0, 1), [2.0, 3.0], [1.0])
    >>> bool(np.isclose(L[0, 0], cross_entropy([2.0, 1.0, 0.1], 0)))
    True
    """
    plane = _plane(logits, target, axes, temperature, label_smoothing)
    a = _axis_values(a_values, "a_values", plane.dtype) / plane.temperature
    b = _axis_values(b_values, "b_values", plane.dtype) / plane.temperature
    dtype = np.result_type(a.dtype, b.dtype)
    fixed = plane.fixed.astype(dtype, copy=False)  # float32 logits, float64 axes: no underflow
    first, second = plane.axes
    target_a, target_b = plane.target[first], plane.target[second]
    target_sum = plane.target_sum

    with np.errstate(**_QUIET):
        fixed_peak = float(fixed.max()) if fixed.size else -np.inf
        if np.isnan(fixed_peak) or fixed_peak == np.inf:
            raise ValueError("the fixed logits must be finite or -inf (masked), not +inf or NaN")
        has_rest = bool(np.isfinite(fixed_peak))
        peak = max(float(a.max()), float(b.max()), fixed_peak)
        label = _fixed_hard_label(plane)
        if label is not None:
            # A hard label t on a fixed class: shift by z_t instead of the peak, then
            # L = log(e^(a - z_t) + e^(b - z_t) + sum_fixed e^(z_k - z_t)) with nothing to add:
            # two passes over the grid. The sum is >= 1 (it holds e^0), so nothing underflows.
            label_logit = float(plane.scaled[label])
            if np.isfinite(label_logit) and peak - label_logit < _overflow_margin(dtype):
                rest = (np.exp(fixed - label_logit)).sum()
                exp_b_plus_rest = np.exp(b - label_logit) + rest
                grid = np.add.outer(exp_b_plus_rest, np.exp(a - label_logit))
                np.log(grid, out=grid)
                return grid
        lowest_point_peak = max(float(a.min()), float(b.min()), fixed_peak)
        fast = peak - lowest_point_peak < _underflow_margin(dtype)
        if fast:
            rest = np.sum(np.exp(fixed - peak)) if has_rest else 0.0
            exp_a = np.exp(a - peak)
            exp_b_plus_rest = np.exp(b - peak) + rest
            grid = np.add.outer(exp_b_plus_rest.astype(dtype), exp_a.astype(dtype))
            np.log(grid, out=grid)
            if target_sum != 1.0:
                grid *= dtype.type(target_sum)
            column_terms = (target_sum * peak - plane.linear()) - target_a * a
            grid += column_terms.astype(dtype)
            if target_b != 0:  # a hard label on the horizontal axis needs no row pass
                grid -= (target_b * b).astype(dtype)[:, None]
            return grid
        # Exact path: shift every point by its own maximum.
        point_peak = np.maximum(np.maximum(a[None, :], b[:, None]), fixed_peak)
        total = np.exp(a[None, :] - point_peak) + np.exp(b[:, None] - point_peak)
        if has_rest:
            rest_at_fixed_peak = np.sum(np.exp(fixed - fixed_peak))
            total += rest_at_fixed_peak * np.exp(fixed_peak - point_peak)
        lse = point_peak + np.log(total)
        grid = target_sum * lse - plane.linear() - target_a * a[None, :] - target_b * b[:, None]
        return grid.astype(dtype, copy=False)


def gradient_field(
    logits: ArrayLike,
    target: ArrayLike,
    axes: tuple[int, int],
    a_values: ArrayLike,
    b_values: ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""The two in-plane components of the cross-entropy gradient over a grid.

    .. math:: \frac{\partial L}{\partial a} = \frac{S\,p_a - t_a}{T},\qquad
              \frac{\partial L}{\partial b} = \frac{S\,p_b - t_b}{T}

    with ``p = softmax(z / T)`` at each grid point (``S = sum(t)``, 1 for a distribution).

    Returns
    -------
    tuple of numpy.ndarray
        ``(dL/da, dL/db)``, each ``(len(b_values), len(a_values))``, rows follow ``b``.

    Examples
    --------
    >>> da, db = gradient_field([0.0, 0.0], 0, (0, 1), [0.0], [0.0])
    >>> float(da[0, 0]), float(db[0, 0])
    (-0.5, 0.5)
    """
    plane = _plane(logits, target, axes, temperature, label_smoothing)
    a = _axis_values(a_values, "a_values", plane.dtype) / plane.temperature
    b = _axis_values(b_values, "b_values", plane.dtype) / plane.temperature
    fixed = plane.fixed
    first, second = plane.axes
    with np.errstate(**_QUIET):
        fixed_peak = float(np.max(fixed)) if fixed.size else -np.inf
        if np.isnan(fixed_peak) or fixed_peak == np.inf:
            raise ValueError("the fixed logits must be finite or -inf (masked), not +inf or NaN")
        point_peak = np.maximum(np.maximum(a[None, :], b[:, None]), fixed_peak)
        exp_a = np.exp(a[None, :] - point_peak)
        exp_b = np.exp(b[:, None] - point_peak)
        total = exp_a + exp_b
        if np.isfinite(fixed_peak):
            total = total + np.sum(np.exp(fixed - fixed_peak)) * np.exp(fixed_peak - point_peak)
        scale = plane.target_sum / plane.temperature
        grad_a = scale * exp_a / total - plane.target[first] / plane.temperature
        grad_b = scale * exp_b / total - plane.target[second] / plane.temperature
    return grad_a, grad_b


def descent_path(
    logits: ArrayLike,
    target: ArrayLike,
    learning_rate: float,
    steps: int,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Plain gradient descent on the logits of one example.

    .. math:: z \leftarrow z - \eta\,\frac{S\,p - t}{T}

    With a hard label the loss only tends to 0 as the margin grows without bound; with
    label smoothing ``eps`` the logits converge to a finite margin
    ``log((1 - eps + eps/K) / (eps/K))``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(path, losses)``: ``path[k]`` the logits after ``k`` steps (``path[0]`` is the
        start), shape ``(steps + 1, C)``, and the loss at each, shape ``(steps + 1,)``.

    Examples
    --------
    >>> path, losses = descent_path([0.0, 0.0], 0, learning_rate=1.0, steps=2)
    >>> path[1].tolist(), bool(losses[2] < losses[1] < losses[0])
    ([0.5, -0.5], True)
    """
    vector = as_logits(logits)
    if vector.ndim != 1:
        raise ValueError(f"descent takes one example, logits (C,); got {vector.shape}")
    temperature = check_temperature(temperature)
    label_smoothing = check_label_smoothing(label_smoothing)
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    distribution = target_distribution(target, vector.size, label_smoothing, vector.dtype)
    path = np.empty((int(steps) + 1, vector.size), dtype=vector.dtype)
    losses = np.empty(int(steps) + 1, dtype=vector.dtype)
    path[0] = vector
    for step in range(int(steps) + 1):
        scaled = path[step] / temperature
        losses[step] = cross_entropy(scaled, distribution)
        if step < steps:
            grad = cross_entropy_grad(scaled, distribution) / temperature
            path[step + 1] = path[step] - learning_rate * grad
    return path, losses
