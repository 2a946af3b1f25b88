r"""Losses as objects: everything the explorer shows about a loss, behind one interface.

A loss of one example compares ``p = softmax(z / T)`` with the effective target
``t = target_distribution(target, C, label_smoothing)`` (one-hot or soft, smoothed):

- cross-entropy ``H(t, p) = -sum_i t_i log p_i``, gradient ``(p - t) / T``;
- squared error ``(1/C) sum_i (p_i - t_i)^2`` (``F.mse_loss(softmax(z / T), t)``), gradient
  ``J (p - t) 2 / C`` with ``J = (diag p - p p^T) / T``: it vanishes when the prediction is
  confidently wrong, which cross-entropy's never does;
- focal ``-sum_i t_i (1 - p_i)^gamma log p_i``, cross-entropy at ``gamma = 0``.

Each :class:`SoftmaxLoss` gives the value, the gradient with respect to the logits, the loss
as a function of the probabilities (to colour the simplex), the surface and gradient field
over two logits, and the numbers of its formula. A new loss is one more subclass here;
:func:`make_loss` and :data:`LOSS_KEYS` are what the rest of the explorer reads.

Over a grid of two logits ``a = z[axes[0]]`` (columns) and ``b = z[axes[1]]`` (rows) every
quantity is built from the shifted exponentials ``e_a``, ``e_b`` (one ``exp`` per axis value)
and sums over the fixed classes taken once, ``S = e_a + e_b + sum_k e_k``, so the cost does
not grow with the number of classes. Where the grid spans so widely that a single shift
would underflow, every point is shifted by its own maximum, as in :func:`loss_surface`.
"""

from __future__ import annotations

import functools
import math
import numbers
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array, as_logits, check_label_smoothing, check_temperature
from .losses import cross_entropy, cross_entropy_grad
from .softmax import _QUIET, softmax_and_log_softmax, softmax_complement
from .surface import (
    _axis_values,
    _Plane,
    _plane,
    _underflow_margin,
    loss_surface,
    target_distribution,
)
from .surface import gradient_field as cross_entropy_gradient_field

#: The keys of every loss :func:`make_loss` builds, in menu order.
LOSS_KEYS = ("cross_entropy", "squared_error", "focal")


@dataclass(frozen=True)
class FormulaTerm:
    """One class in a loss formula, with today's numbers.

    Attributes
    ----------
    index : int
        The class.
    target : float
        ``t_i``, its effective target.
    probability : float
        ``p_i``.
    log_probability : float
        ``log p_i`` from ``log_softmax`` (finite where ``p_i`` underflows to 0).

    Examples
    --------
    >>> FormulaTerm(index=0, target=1.0, probability=0.5, log_probability=-0.693).index
    0
    """

    index: int
    target: float
    probability: float
    log_probability: float


@dataclass(frozen=True)
class FormulaParts:
    """The numbers a view needs to write a loss's formula; the view writes the text.

    Attributes
    ----------
    key : str
        The loss, one of :data:`LOSS_KEYS`.
    loss : float
        Its value.
    hard_label : int or None
        The class of a one-hot effective target (a label without smoothing), else None.
    gamma : float or None
        The focal exponent, None for the other losses.
    num_classes : int
        ``C``.
    terms : tuple of FormulaTerm
        Cross-entropy and focal: the classes with ``t_i > 0``, largest ``t_i`` first (one
        term for a hard label). Squared error: every class, largest ``|p_i - t_i|`` first.

    Examples
    --------
    >>> parts = CrossEntropyLoss().formula([0.0, 0.0], 1)
    >>> parts.hard_label, [term.index for term in parts.terms], round(parts.loss, 4)
    (1, [1], 0.6931)
    """

    key: str
    loss: float
    hard_label: int | None
    gamma: float | None
    num_classes: int
    terms: tuple[FormulaTerm, ...]


# --------------------------------------------------------------------------- one example


@dataclass(frozen=True)
class _Example:
    """One validated example: ``z / T``, the effective target, ``p`` and ``log p``."""

    scaled: np.ndarray
    target: np.ndarray
    temperature: float
    probabilities: np.ndarray
    log_probabilities: np.ndarray
    index: int | None  # the class index when the target was given as one
    label_smoothing: float

    @functools.cached_property
    def complement(self) -> np.ndarray:
        """``1 - p``, exact where ``p`` rounds to 1."""
        return softmax_complement(self.scaled)

    @functools.cached_property
    def hard_label(self) -> int | None:
        if self.index is not None:
            return self.index if self.label_smoothing == 0 else None
        nonzero = np.flatnonzero(self.target)
        if nonzero.size == 1 and self.target[nonzero[0]] == 1:
            return int(nonzero[0])
        return None

    @functools.cached_property
    def residual(self) -> np.ndarray:
        """``p - t`` as ``p (1 - t) - t (1 - p)``: exact where ``p`` and ``t`` are near 1."""
        target = self.target
        return self.probabilities * (1 - target) - target * self.complement


def _example(logits, target, temperature, label_smoothing) -> _Example:
    vector = as_logits(logits)
    if vector.ndim != 1:
        raise ValueError(f"a loss takes one example, logits of shape (C,); got {vector.shape}")
    temperature = check_temperature(temperature)
    label_smoothing = check_label_smoothing(label_smoothing)
    target_array = np.asarray(target)
    is_index = target_array.dtype.kind in "iu" and target_array.ndim == 0
    index = int(target_array) if is_index else None
    effective = target_distribution(
        target_array if index is None else index, vector.size, label_smoothing, vector.dtype
    )
    scaled = vector / temperature
    probabilities, log_probabilities = softmax_and_log_softmax(scaled)
    return _Example(
        scaled, effective, temperature, probabilities, log_probabilities, index, label_smoothing
    )


def _cross_entropy_parts(example: _Example) -> tuple[float, np.ndarray]:
    """``H(t, p)`` and its gradient with respect to ``z / T``, ``p - t``."""
    index, eps = example.index, example.label_smoothing
    if index is not None and eps == 0:
        # A hard label, the common case, from p and log p (what cross_entropy and its
        # gradient compute for it, value for value, without their validation and second
        # softmax): L = -log p_y, dL/dz = p - onehot with the target entry -(sum of the
        # other p), exact even when p_y rounds to 1.
        loss = -example.log_probabilities[index]
        grad = example.probabilities.copy()
        grad[index] = 0.0
        grad[index] = -np.sum(grad)
    elif index is not None:
        # The index form is exact for the target entry when p_y rounds to 1.
        label = np.asarray(index)
        loss = cross_entropy(example.scaled, label, label_smoothing=eps)
        grad = cross_entropy_grad(example.scaled, label, label_smoothing=eps)
    else:
        loss = cross_entropy(example.scaled, example.target)
        grad = cross_entropy_grad(example.scaled, example.target)
    return float(loss), grad


def _sum_of_others(values: np.ndarray) -> np.ndarray:
    """``sum_{j != i} v_j`` for every ``i``, for values of one sign or one dominant entry.

    ``sum(v) - v_i`` is exact to an ulp of the sum except for the entry that dominates the
    sum, whose others are added up directly.
    """
    others = np.sum(values) - values
    if values.size:
        dominant = int(np.argmax(np.abs(values)))
        others[dominant] = np.sum(np.delete(values, dominant))
    return others


# --------------------------------------------------------------------------- the grid


@dataclass(frozen=True)
class _FixedClasses:
    """Sums over the classes off the two axes, taken once per surface (float64)."""

    scaled: np.ndarray  # s_k = z_k / T
    target: np.ndarray  # t_k
    peak: float  # max s_k; -inf when there is none or all are masked
    exps: np.ndarray  # e_k = exp(s_k - peak)
    others: np.ndarray  # sum_{j != k} e_j
    total: float  # E = sum e_k

    @functools.cached_property
    def centred(self) -> np.ndarray:
        """``u_k = e_k - t_k E = e_k (1 - t_k) - t_k sum_{j != k} e_j``."""
        return self.exps * (1 - self.target) - self.target * self.others


def _grid_inputs(logits, target, axes, a_values, b_values, temperature, label_smoothing):
    """The plane, both axes divided by ``T`` in one dtype, and the fixed classes."""
    plane = _plane(logits, target, axes, temperature, label_smoothing)
    a = _axis_values(a_values, "a_values", plane.dtype) / plane.temperature
    b = _axis_values(b_values, "b_values", plane.dtype) / plane.temperature
    dtype = np.result_type(a.dtype, b.dtype)
    return plane, a.astype(dtype, copy=False), b.astype(dtype, copy=False), dtype


def _fixed_classes(plane: _Plane) -> _FixedClasses:
    off_axes = np.ones(plane.scaled.size, dtype=bool)
    off_axes[list(plane.axes)] = False
    scaled = plane.scaled[off_axes].astype(np.float64)
    target = plane.target[off_axes].astype(np.float64)
    with np.errstate(**_QUIET):
        peak = float(scaled.max()) if scaled.size else -math.inf
        if math.isnan(peak) or peak == math.inf:
            raise ValueError("the fixed logits must be finite or -inf (masked), not +inf or NaN")
        exps = np.exp(scaled - peak) if math.isfinite(peak) else np.zeros_like(scaled)
    return _FixedClasses(scaled, target, peak, exps, _sum_of_others(exps), float(exps.sum()))


@dataclass(frozen=True)
class _GridSoftmax:
    """Shifted exponentials over the grid: ``S = e_a + e_b + G E`` at every point.

    ``shift`` is one number (every exponential taken on the axis vectors) or, when the grid
    spans too widely for that, the per-point maximum. ``G = exp(peak_fixed - shift)``
    rescales the fixed classes' ``e_k``. Rows follow ``b``, columns ``a``.
    """

    shift: float | np.ndarray
    exp_a: np.ndarray  # (1, A) or (B, A)
    exp_b: np.ndarray  # (B, 1) or (B, A)
    fixed_scale: float | np.ndarray
    total: np.ndarray  # (B, A)

    @functools.cached_property
    def inverse_total(self) -> np.ndarray:
        with np.errstate(**_QUIET):
            return 1 / self.total

    @functools.cached_property
    def log_total(self) -> np.ndarray:
        return np.log(self.total)


def _grid_softmax(
    a: np.ndarray, b: np.ndarray, fixed: _FixedClasses, dtype, per_point: bool
) -> _GridSoftmax:
    """The grid's exponentials, shifted once if that loses nothing, else point by point.

    One shift keeps ``S`` a normal number at every point while the span of the point maxima
    stays below the underflow margin (as in :func:`loss_surface`); a probability then
    carries an absolute error of at most a subnormal over ``S`` (~1e-21 in float64), which
    the loss values do not see. Gradients are proportional to ``p_j`` and keep relative
    precision only with the per-point shift (``per_point=True``), as ``gradient_field``.
    """
    # Every candidate shift is a value of dtype (the axes are in dtype, the fixed logits in
    # the logits' dtype, which dtype contains), so all the parts share one exact shift.
    with np.errstate(**_QUIET):
        peak = max(float(a.max()), float(b.max()), fixed.peak)
        lowest_point_peak = max(float(a.min()), float(b.min()), fixed.peak)
        if not per_point and peak - lowest_point_peak < _underflow_margin(dtype):
            shift = peak
            exp_a = np.exp(a - dtype.type(shift))[None, :]
            exp_b = np.exp(b - dtype.type(shift))[:, None]
            fixed_scale = math.exp(fixed.peak - shift)  # 0 without fixed classes
            total = (exp_b + fixed_scale * fixed.total) + exp_a
        else:
            shift = np.maximum(np.maximum(a[None, :], b[:, None]), dtype.type(fixed.peak))
            exp_a = np.exp(a[None, :] - shift)
            exp_b = np.exp(b[:, None] - shift)
            if math.isfinite(fixed.peak):
                fixed_scale = np.exp(dtype.type(fixed.peak) - shift)
                total = exp_a + exp_b + fixed_scale * fixed.total
            else:
                fixed_scale = 0.0
                total = exp_a + exp_b
    return _GridSoftmax(shift, exp_a, exp_b, fixed_scale, total.astype(dtype, copy=False))


def _full(grid: np.ndarray, shape: tuple[int, int], dtype) -> np.ndarray:
    """``grid`` as a writable ``shape`` array of ``dtype`` (a copy only if it is not one)."""
    if grid.shape == shape and grid.dtype == dtype:
        return grid
    result = np.empty(shape, dtype=dtype)
    result[...] = grid
    return result


# --------------------------------------------------------------------------- the interface


def _probabilities_and_target(probabilities, target) -> tuple[np.ndarray, np.ndarray]:
    probs = as_float_array(probabilities, "probabilities")
    if probs.ndim == 0:
        raise ValueError("probabilities must have a class axis, shape (..., C)")
    distribution = as_float_array(target, "target_distribution")
    if distribution.shape != probs.shape[-1:]:
        raise ValueError(
            f"target_distribution must have shape ({probs.shape[-1]},) for probabilities of "
            f"shape {probs.shape}; got {distribution.shape}"
        )
    return probs, distribution.astype(probs.dtype, copy=False)


def _safe_log(probs: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(probs)


class SoftmaxLoss(ABC):
    r"""A loss of one example's logits against a target, with everything the explorer shows.

    Every method takes ``logits`` ``(C,)``, ``target`` (a class index or a ``(C,)``
    probability vector) and keyword-only ``temperature`` and ``label_smoothing``; the loss
    compares ``p = softmax(z / T)`` with ``t = (1 - eps) y + eps / C``.

    Subclasses set :attr:`key` and provide ``_value``, ``_gradient`` (on a validated
    example), :meth:`of_probabilities`, :meth:`surface` and :meth:`gradient_field`.

    Examples
    --------
    >>> loss = make_loss("squared_error")
    >>> loss.key, round(loss.value([0.0, 0.0], 0), 4)
    ('squared_error', 0.25)
    >>> bool(abs(np.sum(loss.gradient([1.0, 2.0, 3.0], 0))) < 1e-15)  # shift invariance
    True
    """

    key: ClassVar[str]

    def value(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> float:
        """The loss of one example."""
        return self._value(_example(logits, target, temperature, label_smoothing))

    def gradient(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> np.ndarray:
        """``dL/dz`` ``(C,)``, with the ``1 / T`` of the temperature; entries sum to 0."""
        return self._gradient(_example(logits, target, temperature, label_smoothing))

    def formula(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> FormulaParts:
        """The numbers of the loss's formula for this example (see :class:`FormulaParts`)."""
        example = _example(logits, target, temperature, label_smoothing)
        return self._formula(example, self._value(example))

    @abstractmethod
    def of_probabilities(
        self, probabilities: ArrayLike, target_distribution: ArrayLike
    ) -> np.ndarray:
        """The loss as a function of ``p`` ``(..., C)`` for a target ``t`` ``(C,)``."""

    @abstractmethod
    def surface(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> np.ndarray:
        """The loss over a grid of logits ``axes[0]`` (columns) and ``axes[1]`` (rows).

        Arguments, checks and dtype as :func:`loss_surface`; shape
        ``(len(b_values), len(a_values))``.
        """

    @abstractmethod
    def gradient_field(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(dL/da, dL/db)`` over the grid of :meth:`surface`, each ``(len(b), len(a))``."""

    @abstractmethod
    def _value(self, example: _Example) -> float: ...

    @abstractmethod
    def _gradient(self, example: _Example) -> np.ndarray: ...

    def _formula(self, example: _Example, loss: float) -> FormulaParts:
        """Parts with the classes of positive target mass, largest ``t_i`` first."""
        target = example.target
        label = example.hard_label
        if label is not None:
            order = [label]
        else:
            classes = np.flatnonzero(target > 0)
            order = classes[np.argsort(-target[classes], kind="stable")].tolist()
        return self._parts(example, loss, order)

    def _parts(self, example: _Example, loss: float, order) -> FormulaParts:
        target, probs, log_probs = example.target, example.probabilities, example.log_probabilities
        terms = tuple(
            FormulaTerm(int(i), float(target[i]), float(probs[i]), float(log_probs[i]))
            for i in order
        )
        return FormulaParts(
            self.key, float(loss), example.hard_label, self._formula_gamma, int(target.size), terms
        )

    @property
    def _formula_gamma(self) -> float | None:
        return None


@dataclass(frozen=True)
class CrossEntropyLoss(SoftmaxLoss):
    r"""Cross-entropy ``H(t, p) = -sum_i t_i log p_i``, as ``F.cross_entropy(z / T, y)``.

    .. math:: L = -\sum_i t_i \log p_i,\qquad \nabla_z L = \frac{p - t}{T}

    The surface and gradient field are :func:`loss_surface` and
    :func:`~explorer.core.surface.gradient_field`.

    Examples
    --------
    >>> loss = CrossEntropyLoss()
    >>> round(loss.value([2.0, 1.0, 0.1], 0), 6)
    0.41703
    >>> loss.gradient([0.0, 0.0], 1, temperature=2.0).tolist()
    [0.25, -0.25]
    """

    key: ClassVar[str] = "cross_entropy"

    def _value(self, example: _Example) -> float:
        return _cross_entropy_parts(example)[0]

    def _gradient(self, example: _Example) -> np.ndarray:
        return _cross_entropy_parts(example)[1] / example.temperature

    def of_probabilities(
        self, probabilities: ArrayLike, target_distribution: ArrayLike
    ) -> np.ndarray:
        r"""``-sum_i t_i log p_i`` over the last axis (``+inf`` where ``p_i = 0 < t_i``).

        Examples
        --------
        >>> CrossEntropyLoss().of_probabilities([[0.5, 0.5], [0.0, 1.0]], [1.0, 0.0]).tolist()
        [0.6931471805599453, inf]
        """
        probs, target = _probabilities_and_target(probabilities, target_distribution)
        with np.errstate(invalid="ignore"):
            terms = np.where(target > 0, -target * _safe_log(probs), 0)
        return np.sum(terms, axis=-1).astype(probs.dtype, copy=False)

    def surface(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> np.ndarray:
        """:func:`loss_surface`, with its separable fast path.

        Examples
        --------
        >>> CrossEntropyLoss().surface([0.0, 0.0], 0, (0, 1), [0.0, 1.0], [0.0]).round(4)
        array([[0.6931, 0.3133]])
        """
        return loss_surface(
            logits,
            target,
            axes,
            a_values,
            b_values,
            temperature=temperature,
            label_smoothing=label_smoothing,
        )

    def gradient_field(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        """:func:`~explorer.core.surface.gradient_field`: ``((S p_a - t_a)/T, (S p_b - t_b)/T)``."""
        return cross_entropy_gradient_field(
            logits,
            target,
            axes,
            a_values,
            b_values,
            temperature=temperature,
            label_smoothing=label_smoothing,
        )


@dataclass(frozen=True)
class SquaredErrorLoss(SoftmaxLoss):
    r"""Mean squared error of the probabilities, ``F.mse_loss(softmax(z / T), t)``.

    .. math:: L = \frac{1}{C} \sum_i (p_i - t_i)^2,\qquad
              \nabla_z L = \frac{2}{C T}\, p \odot \big(r - (p \cdot r)\big),\quad r = p - t

    which is ``J (p - t) 2 / C`` with ``J = (diag p - p p^T) / T``. Unlike cross-entropy it
    depends on how the wrong mass is spread, and its gradient vanishes when the prediction
    is confidently wrong (``J -> 0``).

    Examples
    --------
    >>> loss = SquaredErrorLoss()
    >>> round(loss.value([0.0, 0.0, 8.0], 0), 4)
    0.666
    >>> bool(np.linalg.norm(loss.gradient([0.0, 0.0, 8.0], 0)) < 2e-3)
    True
    """

    key: ClassVar[str] = "squared_error"

    def _value(self, example: _Example) -> float:
        residual = example.residual
        return float(np.mean(residual * residual))

    def _gradient(self, example: _Example) -> np.ndarray:
        probs, residual = example.probabilities, example.residual
        # (J r)_j = p_j ((1 - p_j) r_j - sum_{i != j} p_i r_i): the exact 1 - p_j and the sum
        # of the others keep the most probable entry from cancelling (r_j - p.r would).
        weighted = probs * residual
        inner = example.complement * residual - _sum_of_others(weighted)
        scale = 2 / (probs.size * example.temperature)
        return (probs * inner * scale).astype(probs.dtype, copy=False)

    def _formula(self, example: _Example, loss: float) -> FormulaParts:
        """Every class, the largest ``|p_i - t_i|`` first."""
        order = np.argsort(-np.abs(example.residual), kind="stable").tolist()
        return self._parts(example, loss, order)

    def of_probabilities(
        self, probabilities: ArrayLike, target_distribution: ArrayLike
    ) -> np.ndarray:
        r"""``(1/C) sum_i (p_i - t_i)^2`` over the last axis.

        Examples
        --------
        >>> SquaredErrorLoss().of_probabilities([[0.5, 0.5], [0.0, 1.0]], [1.0, 0.0]).tolist()
        [0.25, 1.0]
        """
        probs, target = _probabilities_and_target(probabilities, target_distribution)
        return np.mean((probs - target) ** 2, axis=-1)

    def _grid_parts(
        self, logits, target, axes, a_values, b_values, temperature, smoothing, per_point
    ):
        plane, a, b, dtype = _grid_inputs(
            logits, target, axes, a_values, b_values, temperature, smoothing
        )
        fixed = _fixed_classes(plane)
        grid = _grid_softmax(a, b, fixed, dtype, per_point)
        first, second = plane.axes
        target_a, target_b = float(plane.target[first]), float(plane.target[second])
        with np.errstate(**_QUIET):
            inverse = grid.inverse_total
            prob_a = grid.exp_a * inverse
            prob_b = grid.exp_b * inverse
            fixed_scale = grid.fixed_scale * inverse  # p_k = fixed_scale * e_k
            prob_fixed = fixed_scale * fixed.total
            # r_a = p_a - t_a = p_a (1 - t_a) - t_a (1 - p_a), with 1 - p_a = p_b + p_fixed.
            residual_a = (
                prob_a
                if target_a == 0
                else ((1 - target_a) * prob_a - target_a * (prob_b + prob_fixed))
            )
            residual_b = (
                prob_b
                if target_b == 0
                else ((1 - target_b) * prob_b - target_b * (prob_a + prob_fixed))
            )
        shape = (b.size, a.size)
        return (
            plane,
            fixed,
            dtype,
            shape,
            (prob_a, prob_b, fixed_scale, prob_fixed, residual_a, residual_b),
        )

    def surface(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> np.ndarray:
        r"""Squared error over a grid of two logits, the others held fixed.

        With ``u_k = e_k - t_k E`` for the fixed classes (``E = sum_k e_k``), ``q = G / S``
        and ``d = p_a + p_b``, the fixed classes contribute
        ``sum_k (p_k - t_k)^2 = q^2 sum u_k^2 - 2 q d sum t_k u_k + d^2 sum t_k^2``: three
        sums taken once, so each grid point costs the same whatever C is.

        Examples
        --------
        >>> loss = SquaredErrorLoss()
        >>> grid = loss.surface([0.0, 1.0, 2.0], 2, (0, 1), [0.0, 5.0], [1.0, -3.0])
        >>> bool(np.isclose(grid[1, 1], loss.value([5.0, -3.0, 2.0], 2)))
        True
        """
        plane, fixed, dtype, shape, parts = self._grid_parts(
            logits, target, axes, a_values, b_values, temperature, label_smoothing, False
        )
        prob_a, prob_b, fixed_scale, _, residual_a, residual_b = parts
        target_fixed = fixed.target
        with np.errstate(**_QUIET):
            total = residual_a * residual_a + residual_b * residual_b
            centred = fixed.centred
            squares = float(np.sum(centred * centred))
            if squares:
                total += fixed_scale * fixed_scale * squares
            if np.any(target_fixed):
                in_plane = prob_a + prob_b
                total -= (2 * float(np.sum(target_fixed * centred))) * fixed_scale * in_plane
                total += float(np.sum(target_fixed * target_fixed)) * in_plane * in_plane
            total *= 1 / plane.target.size
        return _full(total, shape, dtype)

    def gradient_field(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        r"""``(dL/da, dL/db)`` of the squared error over the grid.

        .. math:: \frac{\partial L}{\partial z_j} = \frac{2}{C T}\, p_j
                  \Big((1 - p_j) r_j - \sum_{i \ne j} p_i r_i\Big)

        with the fixed classes' ``sum_k p_k r_k = q^2 sum e_k u_k - q d sum t_k e_k``.

        Examples
        --------
        >>> da, db = SquaredErrorLoss().gradient_field([0.0, 0.0], 0, (0, 1), [0.0], [0.0])
        >>> float(da[0, 0]), float(db[0, 0])
        (-0.25, 0.25)
        """
        plane, fixed, dtype, shape, parts = self._grid_parts(
            logits, target, axes, a_values, b_values, temperature, label_smoothing, True
        )
        prob_a, prob_b, fixed_scale, prob_fixed, residual_a, residual_b = parts
        with np.errstate(**_QUIET):
            fixed_dot = float(np.sum(fixed.exps * fixed.centred)) * fixed_scale * fixed_scale
            target_exps = float(np.sum(fixed.target * fixed.exps))
            if target_exps:
                fixed_dot = fixed_dot - target_exps * fixed_scale * (prob_a + prob_b)
            weighted_a = prob_a * residual_a
            weighted_b = prob_b * residual_b
            inner_a = (prob_b + prob_fixed) * residual_a - weighted_b - fixed_dot
            inner_b = (prob_a + prob_fixed) * residual_b - weighted_a - fixed_dot
            scale = 2 / (plane.target.size * plane.temperature)
            grad_a = (scale * prob_a) * inner_a
            grad_b = (scale * prob_b) * inner_b
        return _full(grad_a, shape, dtype), _full(grad_b, shape, dtype)


def _focal_weights(probs, complement, log_probs, target, gamma):
    """``(-t (1-p)^gamma log p, w)`` with ``w = t (1-p)^gamma (gamma p log p / (1-p) - 1)``.

    ``w_i`` is ``dL/dp_i`` times ``p_i``, so ``dL/ds_j = w_j - p_j sum_i w_i``. The limits:
    ``p log p -> 0`` as ``p -> 0`` (a masked class), ``p log p / (1 - p) -> -1`` as
    ``p -> 1``; classes with ``t = 0`` contribute 0 even where ``log p = -inf``.
    """
    with np.errstate(**_QUIET):
        power = complement**gamma  # 0 ** 0 = 1: gamma = 0 is cross-entropy
        active = target > 0
        loss_terms = np.where(active, -target * power * log_probs, 0)
        p_log_p = np.where(probs > 0, probs * log_probs, 0)
        ratio = np.where(complement > 0, p_log_p / complement, -1)
        weights = np.where(active, target * power * (gamma * ratio - 1), 0)
    return loss_terms, weights


@dataclass(frozen=True)
class FocalLoss(SoftmaxLoss):
    r"""Focal loss ``-sum_i t_i (1 - p_i)^gamma log p_i``: cross-entropy at ``gamma = 0``.

    Down-weights classes that are already predicted well; for a hard label
    ``-(1 - p_y)^gamma log p_y`` (:func:`~explorer.core.focal_loss`). With
    ``w_i = t_i (1 - p_i)^gamma (gamma p_i log p_i / (1 - p_i) - 1)``:

    .. math:: \frac{\partial L}{\partial z_j} = \frac{1}{T}\Big(w_j - p_j \sum_i w_i\Big)

    ``1 - p_i`` is computed without cancelling where ``p_i`` rounds to 1.

    Parameters
    ----------
    gamma : float
        The focusing exponent, finite and ``>= 0``.

    Examples
    --------
    >>> loss = FocalLoss(gamma=2.0)
    >>> round(loss.value([2.0, 0.0], 0), 6)
    0.001804
    >>> FocalLoss(gamma=0.0).value([0.0, 0.0], 0) == CrossEntropyLoss().value([0.0, 0.0], 0)
    True
    """

    key: ClassVar[str] = "focal"
    gamma: float = 2.0

    def __post_init__(self) -> None:
        gamma = self.gamma
        if isinstance(gamma, bool) or not isinstance(gamma, numbers.Real):
            raise ValueError(f"gamma must be a finite number >= 0, got {gamma!r}")
        if not math.isfinite(gamma) or gamma < 0:
            raise ValueError(f"gamma must be a finite number >= 0, got {gamma!r}")
        object.__setattr__(self, "gamma", float(gamma))

    @property
    def _formula_gamma(self) -> float | None:
        return self.gamma

    def _parts_of(self, example: _Example):
        return _focal_weights(
            example.probabilities,
            example.complement,
            example.log_probabilities,
            example.target,
            self.gamma,
        )

    def _value(self, example: _Example) -> float:
        loss_terms, _ = self._parts_of(example)
        return float(np.sum(loss_terms))

    def _gradient(self, example: _Example) -> np.ndarray:
        _, weights = self._parts_of(example)
        probs = example.probabilities
        # w_j - p_j W = w_j (1 - p_j) - p_j sum_{i != j} w_i: exact where p_j rounds to 1.
        grad = weights * example.complement - probs * _sum_of_others(weights)
        return (grad / example.temperature).astype(probs.dtype, copy=False)

    def of_probabilities(
        self, probabilities: ArrayLike, target_distribution: ArrayLike
    ) -> np.ndarray:
        r"""``-sum_i t_i (1 - p_i)^gamma log p_i`` over the last axis.

        Examples
        --------
        >>> FocalLoss(2.0).of_probabilities([[0.5, 0.5], [0.0, 1.0]], [1.0, 0.0]).tolist()
        [0.17328679513998632, inf]
        """
        probs, target = _probabilities_and_target(probabilities, target_distribution)
        with np.errstate(**_QUIET):
            terms = -target * (1 - probs) ** self.gamma * _safe_log(probs)
            terms = np.where(target > 0, terms, 0)
        return np.sum(terms, axis=-1).astype(probs.dtype, copy=False)

    def _grid_classes(
        self, logits, target, axes, a_values, b_values, temperature, smoothing, per_point
    ):
        """Per class with ``t > 0`` (and both axes): ``(t, p, 1 - p, log p)`` on the grid."""
        plane, a, b, dtype = _grid_inputs(
            logits, target, axes, a_values, b_values, temperature, smoothing
        )
        fixed = _fixed_classes(plane)
        grid = _grid_softmax(a, b, fixed, dtype, per_point)
        first, second = plane.axes
        with np.errstate(**_QUIET):
            inverse = grid.inverse_total
            fixed_rest = grid.fixed_scale * fixed.total
            # (target, own exponential, the sum of the others, the shifted logit)
            candidates = [
                (plane.target[first], grid.exp_a, grid.exp_b + fixed_rest, a[None, :]),
                (plane.target[second], grid.exp_b, grid.exp_a + fixed_rest, b[:, None]),
            ]
            in_plane = grid.exp_a + grid.exp_b
            for k in np.flatnonzero(fixed.target > 0):
                own = grid.fixed_scale * float(fixed.exps[k])
                others = in_plane + grid.fixed_scale * float(fixed.others[k])
                candidates.append((fixed.target[k], own, others, float(fixed.scaled[k])))
            classes = []
            for position, (weight, own, others, logit) in enumerate(candidates):
                if weight == 0 and position >= 2:
                    continue
                probs = own * inverse
                complement = others * inverse
                if weight == 0:  # an axis without target mass: only p is needed
                    classes.append((0.0, probs, complement, None))
                    continue
                # log p = -log1p(others / own) where p > 1/2 (exact near 1), else
                # (s - shift) - log S (finite even where p underflows to 0).
                direct = (logit - grid.shift) - grid.log_total
                near_one = -np.log1p(others / own)
                log_probs = np.where(own > others, near_one, direct)
                classes.append((float(weight), probs, complement, log_probs))
        return plane, dtype, (b.size, a.size), classes

    def surface(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> np.ndarray:
        r"""Focal loss over a grid of two logits, the others held fixed.

        ``-sum_i t_i (1 - p_i)^gamma log p_i`` summed over the classes with ``t_i > 0``
        (one for a hard label), each vectorised over the grid.

        Examples
        --------
        >>> loss = FocalLoss(0.5)
        >>> grid = loss.surface([0.0, 1.0, 2.0], 2, (0, 1), [0.0, 5.0], [1.0, -3.0])
        >>> bool(np.isclose(grid[1, 1], loss.value([5.0, -3.0, 2.0], 2)))
        True
        """
        _, dtype, shape, classes = self._grid_classes(
            logits, target, axes, a_values, b_values, temperature, label_smoothing, False
        )
        total = np.zeros(shape, dtype=dtype)
        with np.errstate(**_QUIET):
            for weight, probs, complement, log_probs in classes:
                if weight:
                    total += _focal_weights(probs, complement, log_probs, weight, self.gamma)[0]
        return total

    def gradient_field(
        self,
        logits: ArrayLike,
        target: int | ArrayLike,
        axes: tuple[int, int],
        a_values: ArrayLike,
        b_values: ArrayLike,
        *,
        temperature: float = 1.0,
        label_smoothing: float = 0.0,
    ) -> tuple[np.ndarray, np.ndarray]:
        r"""``(dL/da, dL/db)`` of the focal loss over the grid.

        .. math:: \frac{\partial L}{\partial a} = \frac{1}{T}\Big(w_a (1 - p_a)
                  - p_a \sum_{i \ne a} w_i\Big)

        Examples
        --------
        >>> da, db = FocalLoss(0.0).gradient_field([0.0, 0.0], 0, (0, 1), [0.0], [0.0])
        >>> float(da[0, 0]), float(db[0, 0])
        (-0.5, 0.5)
        """
        plane, dtype, shape, classes = self._grid_classes(
            logits, target, axes, a_values, b_values, temperature, label_smoothing, True
        )
        weights = []
        with np.errstate(**_QUIET):
            for weight, probs, complement, log_probs in classes:
                if weight:
                    weights.append(
                        _focal_weights(probs, complement, log_probs, weight, self.gamma)[1]
                    )
                else:
                    weights.append(0.0)
            fixed_weights = sum(weights[2:], start=np.zeros(shape, dtype=dtype))
            (_, prob_a, complement_a, _), (_, prob_b, complement_b, _) = classes[:2]
            weight_a, weight_b = weights[0], weights[1]
            grad_a = weight_a * complement_a - prob_a * (weight_b + fixed_weights)
            grad_b = weight_b * complement_b - prob_b * (weight_a + fixed_weights)
            inverse_temperature = 1 / plane.temperature
            grad_a = grad_a * inverse_temperature
            grad_b = grad_b * inverse_temperature
        return _full(grad_a, shape, dtype), _full(grad_b, shape, dtype)


def make_loss(key: str, focal_gamma: float = 2.0) -> SoftmaxLoss:
    """The loss called ``key``, one of :data:`LOSS_KEYS`.

    Parameters
    ----------
    key : str
        ``'cross_entropy'``, ``'squared_error'`` or ``'focal'``.
    focal_gamma : float
        The exponent of the focal loss (ignored by the others).

    Examples
    --------
    >>> make_loss("focal", focal_gamma=0.5)
    FocalLoss(gamma=0.5)
    >>> [make_loss(key).key for key in LOSS_KEYS]
    ['cross_entropy', 'squared_error', 'focal']
    """
    if key == "cross_entropy":
        return CrossEntropyLoss()
    if key == "squared_error":
        return SquaredErrorLoss()
    if key == "focal":
        return FocalLoss(focal_gamma)
    raise ValueError(f"unknown loss {key!r}: choose one of {', '.join(map(repr, LOSS_KEYS))}")


__all__ = [
    "LOSS_KEYS",
    "CrossEntropyLoss",
    "FocalLoss",
    "FormulaParts",
    "FormulaTerm",
    "SoftmaxLoss",
    "SquaredErrorLoss",
    "make_loss",
]
