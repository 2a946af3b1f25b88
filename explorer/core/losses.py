"""Losses with PyTorch's functional API as the reference semantics, and their gradients.

Every ``*_grad`` function returns the gradient of the *reduced* loss with respect to its
first argument, with that argument's shape. With ``reduction="none"`` that is the gradient
of the sum of the per-example losses (what ``loss.backward(torch.ones_like(loss))`` gives).

One deliberate difference from PyTorch: with class-probability targets, PyTorch multiplies
a zero target by a ``-inf`` log-probability and returns NaN; here ``0 * log 0 = 0`` (the
limit, as in ``scipy.special.xlogy``), so a masked class with zero target mass is harmless.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import (
    as_float_array,
    as_logits,
    check_index_target,
    check_label_smoothing,
    check_probability_target,
    check_reduction,
    check_temperature,
    check_weight,
    is_index_target,
)
from .softmax import (
    log_sigmoid,
    log_softmax,
    sigmoid,
    softmax,
    softmax_complement,
    softmax_jacobian,
)


def _reduce(per_example: np.ndarray, reduction: str, denominator) -> np.ndarray:
    if reduction == "none":
        return per_example
    total = np.sum(per_example)
    if reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(total / denominator, dtype=per_example.dtype)[()]


def _xlogy_neg(weighted_target: np.ndarray, log_probs: np.ndarray) -> np.ndarray:
    """``-t * log p`` with ``0 * -inf = 0``."""
    with np.errstate(invalid="ignore"):
        product = -weighted_target * log_probs
    return np.where(weighted_target == 0, 0, product).astype(log_probs.dtype, copy=False)


class _Prepared:
    """Validated arguments of cross-entropy, shared by the loss and its gradient."""

    def __init__(self, logits, target, weight, ignore_index, reduction, label_smoothing):
        self.logits = as_logits(logits)
        self.reduction = check_reduction(reduction)
        self.label_smoothing = check_label_smoothing(label_smoothing)
        self.num_classes = self.logits.shape[-1]
        dtype = self.logits.dtype
        self.weight = check_weight(weight, self.num_classes, dtype)
        target = np.asarray(target)
        self.index_target = is_index_target(target)
        if self.index_target:
            self.indices, self.ignored = check_index_target(target, self.logits, ignore_index)
        else:
            self.probabilities = check_probability_target(target, self.logits)


def _index_parts(prep: _Prepared, log_probs: np.ndarray):
    """Per-example NLL, smoothing term, and the weighted-mean denominator (index targets)."""
    indices = prep.indices
    keep = ~prep.ignored
    picked = np.take_along_axis(log_probs, indices[..., None], axis=-1)[..., 0]
    target_weight = np.ones_like(picked) if prep.weight is None else prep.weight[indices]
    target_weight = np.where(keep, target_weight, 0).astype(log_probs.dtype)
    with np.errstate(invalid="ignore"):  # ignored rows may pick a masked -inf: 0 * -inf
        nll = np.where(keep, -target_weight * picked, 0).astype(log_probs.dtype)
    smooth = None
    if prep.label_smoothing > 0:
        class_weight = 1 if prep.weight is None else prep.weight
        with np.errstate(invalid="ignore"):
            smooth = -np.sum(log_probs * class_weight, axis=-1)
        smooth = np.where(keep, smooth, 0).astype(log_probs.dtype)
    return nll, smooth, np.sum(target_weight)


def _smoothed_probabilities(prep: _Prepared) -> np.ndarray:
    eps = prep.label_smoothing
    target = prep.probabilities
    if eps > 0:
        target = target * target.dtype.type(1 - eps) + target.dtype.type(eps / prep.num_classes)
    return target


def cross_entropy(
    logits: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.ndarray:
    r"""Cross-entropy of logits against class indices or class probabilities.

    Same semantics as ``torch.nn.functional.cross_entropy`` (classes on the last axis).
    With class indices ``y`` and ``eps = label_smoothing``:

    .. math:: l_n = (1-\varepsilon)\,(-w_{y_n} \log p_{n,y_n})
              + \frac{\varepsilon}{C} \sum_c -w_c \log p_{n,c}

    zero where ``y_n == ignore_index``; ``'mean'`` divides by ``sum_n w_{y_n}`` over the
    rows not ignored (NaN when every row is ignored). With class probabilities ``y``:
    ``l_n = -sum_c w_c t_{n,c} log p_{n,c}`` with ``t = (1-eps) y + eps/C`` and ``'mean'``
    divides by N.

    Parameters
    ----------
    logits : array_like
        ``(C,)`` or ``(N, C)``.
    target : array_like
        Integer class indices of shape ``()`` / ``(N,)``, or float probabilities with the
        shape of ``logits``.
    weight : array_like, optional
        ``(C,)`` per-class weights.
    ignore_index : int
        Class-index value whose rows contribute nothing.
    reduction : {'mean', 'sum', 'none'}
    label_smoothing : float
        In [0, 1].

    Returns
    -------
    numpy.ndarray
        A scalar, or ``(N,)`` / ``()`` with ``reduction='none'``.

    Examples
    --------
    >>> round(float(cross_entropy([2.0, 1.0, 0.1], 0)), 6)
    0.417030
    >>> float(cross_entropy([[0.0, 0.0]], [-100]))
    nan
    """
    prep = _Prepared(logits, target, weight, ignore_index, reduction, label_smoothing)
    log_probs = log_softmax(prep.logits)
    eps = prep.label_smoothing
    if prep.index_target:
        nll, smooth, denominator = _index_parts(prep, log_probs)
        if smooth is None:
            per_example = nll
        else:
            # The smoothing mass eps / C rounded in the logits' dtype, as probability targets
            # and loss_surface use it; 0 * inf is avoided on both terms (a masked class with
            # no mass contributes nothing, eps = 1 drops the hard term entirely).
            coefficient = log_probs.dtype.type(eps / prep.num_classes)
            hard_weight = log_probs.dtype.type(1 - eps)
            with np.errstate(invalid="ignore"):
                smoothing = np.where(coefficient == 0, 0, coefficient * smooth)
                hard = np.where(hard_weight == 0, 0, hard_weight * nll)
            per_example = hard + smoothing
        per_example = per_example.astype(log_probs.dtype, copy=False)
        return _reduce(per_example, prep.reduction, denominator)
    weighted = _smoothed_probabilities(prep)
    if prep.weight is not None:
        weighted = weighted * prep.weight
    per_example = np.sum(_xlogy_neg(weighted, log_probs), axis=-1)
    count = per_example.size if prep.logits.ndim == 2 else 1
    return _reduce(per_example, prep.reduction, count)


def cross_entropy_grad(
    logits: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.ndarray:
    r"""Gradient of :func:`cross_entropy` (same arguments) with respect to ``logits``.

    For one example with effective target ``t`` (one-hot or probabilities, smoothed) and
    no weights this is ``p - t``: entries sum to 0 and its length is at most ``sqrt(2)``.
    In general

    .. math:: \frac{\partial l_n}{\partial z_{n,j}} = p_{n,j} \sum_c w_c t_{n,c}
              - w_j t_{n,j}

    scaled by ``1 / denominator`` under ``'mean'``; ignored rows get 0. The target entry
    of ``p - onehot`` is computed as ``-(sum of the other p)``, exact even when ``p_y``
    rounds to 1.

    Examples
    --------
    >>> cross_entropy_grad([0.0, 0.0], 1).tolist()
    [0.5, -0.5]
    """
    prep = _Prepared(logits, target, weight, ignore_index, reduction, label_smoothing)
    probs = softmax(prep.logits)
    dtype = probs.dtype
    eps = prep.label_smoothing
    num_classes = prep.num_classes
    if prep.index_target:
        keep = ~prep.ignored
        idx = prep.indices[..., None]
        weights = np.ones(num_classes, dtype) if prep.weight is None else prep.weight
        target_weight = np.where(keep, weights[prep.indices], 0).astype(dtype)
        # (1 - eps) * w_y * (p - onehot_y), with the target entry as -(1 - p_y) exactly.
        others = probs.copy()
        np.put_along_axis(others, idx, 0.0, axis=-1)
        one_minus_target_p = np.sum(others, axis=-1, keepdims=True)
        hard = others
        np.put_along_axis(hard, idx, -one_minus_target_p, axis=-1)
        grad = hard * ((1 - eps) * target_weight)[..., None]
        if eps > 0:
            # (eps / C) * sum_c w_c (p - onehot_c) = (eps / C) * (p * sum(w) - w)
            smooth = probs * np.sum(weights) - weights
            grad = grad + (eps / num_classes) * smooth * keep[..., None]
        denominator = np.sum(target_weight)
    else:
        weighted = _smoothed_probabilities(prep)
        if prep.weight is not None:
            weighted = weighted * prep.weight
        total = np.sum(weighted, axis=-1, keepdims=True)
        grad = probs * total - weighted
        # At the most probable class, p_j S - w_j t_j = (S - w_j t_j) - S (1 - p_j): both terms
        # small when p_j and t_j are near 1, where the direct form cancels.
        top = np.expand_dims(np.argmax(prep.logits, axis=-1), -1)
        top_weighted = np.take_along_axis(weighted, top, axis=-1)
        top_complement = np.take_along_axis(softmax_complement(prep.logits), top, axis=-1)
        with np.errstate(invalid="ignore"):
            exact = (total - top_weighted) - total * top_complement
        np.put_along_axis(grad, top, exact, axis=-1)
        denominator = probs.shape[0] if probs.ndim == 2 else 1
    grad = grad.astype(dtype, copy=False)
    if prep.reduction == "mean" and denominator != 0:
        # With every row ignored the mean is NaN but, as in PyTorch, nothing flows back.
        grad = (grad / dtype.type(denominator)).astype(dtype, copy=False)
    return grad


def nll_loss(
    log_probs: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Negative log-likelihood of class indices, as ``torch.nn.functional.nll_loss``.

    .. math:: l_n = -w_{y_n}\, \text{log\_probs}_{n, y_n}

    zero where ``y_n == ignore_index``; ``'mean'`` divides by ``sum_n w_{y_n}`` over the rows
    not ignored. ``cross_entropy(z, y) == nll_loss(log_softmax(z), y)``.

    Examples
    --------
    >>> float(nll_loss([[-0.5, -1.0], [-2.0, -0.1]], [0, 1], weight=[1.0, 3.0]))
    0.2
    """
    log_probs_array = as_logits(log_probs, "log_probs")
    reduction = check_reduction(reduction)
    dtype = log_probs_array.dtype
    weights = check_weight(weight, log_probs_array.shape[-1], dtype)
    target_array = np.asarray(target)
    if not is_index_target(target_array):
        raise ValueError(f"nll_loss target must be integer class indices; got {target_array.dtype}")
    indices, ignored = check_index_target(target_array, log_probs_array, ignore_index)
    picked = np.take_along_axis(log_probs_array, indices[..., None], axis=-1)[..., 0]
    target_weight = np.ones_like(picked) if weights is None else weights[indices]
    target_weight = np.where(ignored, 0, target_weight).astype(dtype)
    with np.errstate(invalid="ignore"):  # ignored rows may pick a masked -inf: 0 * -inf
        per_example = np.where(ignored, 0, -target_weight * picked).astype(dtype)
    return _reduce(per_example, reduction, np.sum(target_weight))


def _elementwise_reduce(losses: np.ndarray, reduction: str) -> np.ndarray:
    return _reduce(losses, reduction, losses.size)


def _broadcast_weight(weight, shape, dtype, name="weight"):
    if weight is None:
        return None
    weights = as_float_array(weight, name).astype(dtype, copy=False)
    try:
        np.broadcast_to(weights, shape)  # onto the input's shape, never enlarging it
    except ValueError:
        raise ValueError(f"{name} of shape {weights.shape} does not broadcast to {shape}") from None
    return weights


def _binary_pair(inputs, target, input_name):
    values = as_float_array(inputs, input_name)
    targets = as_float_array(target, "target").astype(values.dtype, copy=False)
    if targets.shape != values.shape:
        raise ValueError(
            f"target must have the same shape as {input_name} {values.shape}; got {targets.shape}"
        )
    return values, targets


def binary_cross_entropy(
    probs: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Binary cross-entropy on probabilities, as ``torch.nn.functional.binary_cross_entropy``.

    .. math:: l = -w\,[\,y \max(\log p, -100) + (1 - y) \max(\log(1 - p), -100)\,]

    The clamp at -100 is PyTorch's: it keeps ``p = 0`` or ``1`` finite (at most 100).

    Examples
    --------
    >>> float(binary_cross_entropy([0.0], [1.0]))
    100.0
    """
    p, y = _binary_pair(probs, target, "probs")
    reduction = check_reduction(reduction)
    if np.any((p < 0) | (p > 1)) or np.any(np.isnan(p)):
        raise ValueError("binary_cross_entropy needs probabilities in [0, 1]; got values outside")
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100)
        log_not_p = np.maximum(np.log1p(-p), -100)
    losses = -(y * log_p + (1 - y) * log_not_p)
    weights = _broadcast_weight(weight, p.shape, p.dtype)
    if weights is not None:
        losses = losses * weights
    return _elementwise_reduce(losses.astype(p.dtype, copy=False), reduction)


def _bce_logits_parts(logits, target, weight, pos_weight):
    x, y = _binary_pair(logits, target, "logits")
    weights = _broadcast_weight(weight, x.shape, x.dtype)
    pos_weights = _broadcast_weight(pos_weight, x.shape, x.dtype, "pos_weight")
    return x, y, weights, 1 if pos_weights is None else pos_weights


def binary_cross_entropy_with_logits(
    logits: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    pos_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Binary cross-entropy on logits, computed stably (no clamp), as PyTorch.

    .. math:: l = -w\,[\,\mathrm{pw}\; y \log\sigma(x) + (1 - y)\log(1 - \sigma(x))\,]
              = w\,[\,(1-y)\,x + (1 + (\mathrm{pw} - 1) y)\,\operatorname{softplus}(-x)\,]

    Examples
    --------
    >>> float(binary_cross_entropy_with_logits([-200.0], [1.0]))
    200.0
    """
    x, y, weights, pos_weights = _bce_logits_parts(logits, target, weight, pos_weight)
    reduction = check_reduction(reduction)
    # pw y softplus(-x) + (1 - y) softplus(x): a sum of non-negative terms, so no
    # cancellation (PyTorch's (1 - y) x + (...) softplus(-x) loses x << 0 with y = 0).
    losses = -pos_weights * y * log_sigmoid(x) - (1 - y) * log_sigmoid(-x)
    if weights is not None:
        losses = losses * weights
    return _elementwise_reduce(np.asarray(losses, dtype=x.dtype), reduction)


def binary_cross_entropy_with_logits_grad(
    logits: ArrayLike,
    target: ArrayLike,
    weight: ArrayLike | None = None,
    pos_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``logits``.

    .. math:: \frac{\partial l}{\partial x} = w\,[\,(1 - y)\,\sigma(x)
              - \mathrm{pw}\; y\, \sigma(-x)\,]

    which is ``w (sigmoid(x) - y)`` without ``pos_weight``.

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([0.0, 0.0], [1.0, 0.0]).tolist()
    [-0.25, 0.25]
    """
    x, y, weights, pos_weights = _bce_logits_parts(logits, target, weight, pos_weight)
    reduction = check_reduction(reduction)
    grad = (1 - y) * sigmoid(x) - pos_weights * y * sigmoid(-x)
    if weights is not None:
        grad = grad * weights
    grad = np.asarray(np.broadcast_to(grad, x.shape), dtype=x.dtype)
    if reduction == "mean":
        grad = grad / x.dtype.type(x.size)
    return grad


def entropy(p: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Shannon entropy in nats, ``H(p) = -sum_i p_i log p_i`` with ``0 log 0 = 0``.

    Between 0 (one-hot) and ``log C`` (uniform).

    Examples
    --------
    >>> round(float(entropy([0.5, 0.5])), 12)
    0.693147180560
    """
    probs = as_float_array(p, "p")
    with np.errstate(divide="ignore"):
        return np.sum(_xlogy_neg(probs, np.log(probs)), axis=axis)


def kl_divergence(p: ArrayLike, q: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Kullback-Leibler divergence ``KL(p || q) = sum_i p_i (log p_i - log q_i)`` in nats.

    ``>= 0``, zero only when ``p == q``; ``+inf`` where ``q_i = 0 < p_i``. With a one-hot
    ``p`` it equals the cross-entropy ``H(p, q)``.

    Examples
    --------
    >>> float(kl_divergence([1.0, 0.0], [0.5, 0.5])) == float(np.log(2))
    True
    """
    probs = as_float_array(p, "p")
    other = as_float_array(q, "q").astype(probs.dtype, copy=False)
    if probs.shape != other.shape:
        raise ValueError(f"p and q must have the same shape; got {probs.shape} and {other.shape}")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = probs * (np.log(probs) - np.log(other))
    return np.sum(np.where(probs == 0, 0, terms), axis=axis)


def _distillation_parts(student_logits, teacher_logits, temperature):
    student = as_logits(student_logits, "student_logits")
    teacher = as_logits(teacher_logits, "teacher_logits").astype(student.dtype, copy=False)
    if teacher.shape != student.shape:
        raise ValueError(
            f"teacher_logits must have the shape of student_logits {student.shape}; "
            f"got {teacher.shape}"
        )
    temperature = check_temperature(temperature)
    batch = student.shape[0] if student.ndim == 2 else 1
    return student, teacher, temperature, batch


def distillation_loss(
    student_logits: ArrayLike, teacher_logits: ArrayLike, temperature: float
) -> np.ndarray:
    r"""Knowledge-distillation loss, the batch mean of ``T^2 KL(p_t || p_s)``.

    .. math:: L = \frac{T^2}{N} \sum_n \sum_c p^t_{n,c}
              (\log p^t_{n,c} - \log p^s_{n,c}),\quad
              p^t = \operatorname{softmax}(t/T),\ p^s = \operatorname{softmax}(s/T)

    Equal to ``T**2 * F.kl_div(F.log_softmax(s/T, -1), F.softmax(t/T, -1),
    reduction='batchmean')`` for a batch. A single vector counts as one example (PyTorch's
    ``batchmean`` would divide a 1-D input by C).

    Examples
    --------
    >>> float(distillation_loss([1.0, 2.0], [1.0, 2.0], temperature=4.0))
    0.0
    """
    student, teacher, temperature, batch = _distillation_parts(
        student_logits, teacher_logits, temperature
    )
    teacher_log_probs = log_softmax(teacher, temperature=temperature)
    student_log_probs = log_softmax(student, temperature=temperature)
    with np.errstate(invalid="ignore"):
        terms = np.exp(teacher_log_probs) * (teacher_log_probs - student_log_probs)
    terms = np.where(np.isneginf(teacher_log_probs), 0, terms)
    total = np.sum(terms) * temperature**2 / batch
    return np.asarray(total, dtype=student.dtype)[()]


def distillation_loss_grad(
    student_logits: ArrayLike, teacher_logits: ArrayLike, temperature: float
) -> np.ndarray:
    r"""Gradient of :func:`distillation_loss` with respect to the student logits.

    .. math:: \frac{\partial L}{\partial s_{n}} = \frac{T}{N}\,(p^s_n - p^t_n)

    Examples
    --------
    >>> distillation_loss_grad([0.0, 0.0], [0.0, 0.0], 2.0).tolist()
    [0.0, 0.0]
    """
    student, teacher, temperature, batch = _distillation_parts(
        student_logits, teacher_logits, temperature
    )
    student_probs = softmax(student, temperature=temperature)
    teacher_probs = softmax(teacher, temperature=temperature)
    difference = student_probs - teacher_probs
    # Where both probabilities exceed 1/2 (the same top class), p_s - p_t is the
    # difference of the complements, exact when both round to 1.
    both_high = (student_probs > 0.5) & (teacher_probs > 0.5)
    if np.any(both_high):
        complements = softmax_complement(teacher, temperature=temperature) - softmax_complement(
            student, temperature=temperature
        )
        difference = np.where(both_high, complements, difference)
    return (difference * (temperature / batch)).astype(student.dtype, copy=False)


def _single_example(logits, target, temperature):
    """Logits ``(C,)``, a target distribution ``(C,)`` from an index or probabilities."""
    vector = as_logits(logits)
    if vector.ndim != 1:
        raise ValueError(f"this loss takes one example, logits of shape (C,); got {vector.shape}")
    temperature = check_temperature(temperature)
    target_array = np.asarray(target)
    if is_index_target(target_array):
        indices, _ = check_index_target(target_array, vector, ignore_index=-(10**18))
        distribution = np.zeros_like(vector)
        distribution[int(indices)] = 1
    else:
        distribution = check_probability_target(target_array, vector)
    return vector, distribution, temperature


def squared_error_loss(logits: ArrayLike, target: ArrayLike, temperature: float = 1.0):
    r"""Mean squared error between ``p = softmax(z / T)`` and the target distribution.

    .. math:: L = \frac{1}{C} \sum_i (p_i - y_i)^2

    Depends on how the wrong mass is spread, unlike cross-entropy.

    Examples
    --------
    >>> float(squared_error_loss([0.0, 0.0], 0))
    0.25
    """
    vector, distribution, temperature = _single_example(logits, target, temperature)
    residual = _residual(vector, distribution, temperature)
    return np.asarray(np.mean(residual**2), dtype=vector.dtype)[()]


def squared_error_loss_grad(logits: ArrayLike, target: ArrayLike, temperature: float = 1.0):
    r"""Gradient of :func:`squared_error_loss` with respect to the logits.

    .. math:: \nabla_z L = J\,\frac{2}{C}(p - y),\qquad J = \frac{\operatorname{diag}(p)
              - p p^\top}{T}

    It vanishes when the model is confidently wrong (``J -> 0``), which cross-entropy's
    ``p - y`` never does.

    Examples
    --------
    >>> bool(np.abs(squared_error_loss_grad([30.0, 0.0], 1)).max() < 1e-12)
    True
    """
    vector, distribution, temperature = _single_example(logits, target, temperature)
    residual = _residual(vector, distribution, temperature) * (2 / vector.size)
    # The Jacobian with its exact diagonal p (1 - p); J r in the form p * (r - p.r) cancels.
    grad = softmax_jacobian(vector, temperature=temperature) @ residual
    return grad.astype(vector.dtype, copy=False)


def _residual(vector, distribution, temperature):
    """``p - y``, with the most probable entry as ``(1 - y) - (1 - p)`` (exact near 1)."""
    residual = softmax(vector, temperature=temperature) - distribution
    top = int(np.argmax(vector))
    complement = softmax_complement(vector, temperature=temperature)[top]
    residual[top] = (1 - distribution[top]) - complement
    return residual


def _focal_parts(logits, label, gamma, temperature):
    vector, distribution, temperature = _single_example(logits, label, temperature)
    if distribution.sum() != 1 or np.count_nonzero(distribution) != 1:
        raise ValueError("focal loss takes a class index as target")
    if not np.isfinite(gamma) or gamma < 0:
        raise ValueError(f"gamma must be a finite number >= 0, got {gamma!r}")
    label_index = int(np.argmax(distribution))
    log_probs = log_softmax(vector, temperature=temperature)
    probs = softmax(vector, temperature=temperature)
    target_log_p = log_probs[label_index]
    # 1 - p_y as the sum of the other probabilities: exact when p_y rounds to 1.
    miss = np.sum(np.delete(probs, label_index))
    return vector, probs, label_index, target_log_p, miss, float(gamma), temperature


def focal_loss(logits: ArrayLike, label: int, gamma: float = 2.0, temperature: float = 1.0):
    r"""Focal loss of one example, ``-(1 - p_y)^gamma log p_y`` (cross-entropy at gamma 0).

    Down-weights examples that are already well classified.

    Examples
    --------
    >>> float(focal_loss([0.0, 0.0], 0, gamma=0.0)) == float(np.log(2))
    True
    """
    vector, _, _, target_log_p, miss, gamma, _ = _focal_parts(logits, label, gamma, temperature)
    return np.asarray(-(miss**gamma) * target_log_p, dtype=vector.dtype)[()]


def focal_loss_grad(
    logits: ArrayLike, label: int, gamma: float = 2.0, temperature: float = 1.0
) -> np.ndarray:
    r"""Gradient of :func:`focal_loss` with respect to the logits.

    With ``q = 1 - p_y``:

    .. math:: \nabla_z L = \frac{(e_y - p)}{T}\, q^{\gamma}
              \left(\gamma\,\frac{p_y \log p_y}{q} - 1\right)

    where ``p_y log p_y / q -> -1`` as ``q -> 0``.

    Examples
    --------
    >>> focal_loss_grad([0.0, 0.0], 0, gamma=0.0).tolist()
    [-0.5, 0.5]
    """
    vector, probs, label_index, target_log_p, miss, gamma, temperature = _focal_parts(
        logits, label, gamma, temperature
    )
    target_p = probs[label_index]
    ratio = target_p * target_log_p / miss if miss > 0 else -1.0
    scale = (miss**gamma) * (gamma * ratio - 1) if gamma > 0 else -1.0
    direction = -probs
    direction[label_index] = miss  # e_y - p, with the target entry exact
    return (direction * scale / temperature).astype(vector.dtype, copy=False)


def clipped_cross_entropy(
    logits: ArrayLike, label: int, clip: float = 1e-10, temperature: float = 1.0
) -> np.ndarray:
    r"""The tutorial cross-entropy ``-log(clip(p_y, clip, 1 - clip))``, kept to show its flaw.

    Clipping caps the loss of a confidently wrong prediction at ``-log(clip)`` (about 23.03
    for 1e-10) and floors a confident correct one at about ``clip``.

    Examples
    --------
    >>> round(float(clipped_cross_entropy([0.0, 100.0], 0)), 2)
    23.03
    """
    vector, distribution, temperature = _single_example(logits, label, temperature)
    probs = softmax(vector, temperature=temperature)
    picked = probs[int(np.argmax(distribution))]
    with np.errstate(divide="ignore"):
        return np.asarray(-np.log(np.clip(picked, clip, 1 - clip)), dtype=vector.dtype)[()]


__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "clipped_cross_entropy",
    "cross_entropy",
    "cross_entropy_grad",
    "distillation_loss",
    "distillation_loss_grad",
    "entropy",
    "focal_loss",
    "focal_loss_grad",
    "kl_divergence",
    "nll_loss",
    "squared_error_loss",
    "squared_error_loss_grad",
]
