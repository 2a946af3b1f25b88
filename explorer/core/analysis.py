"""Everything the explorer shows about one example, computed once per change."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_logits, check_temperature
from .loss_objects import (
    CrossEntropyLoss,
    FormulaParts,
    SoftmaxLoss,
    _cross_entropy_parts,
    _Example,
)
from .losses import entropy
from .softmax import softmax_and_log_softmax
from .surface import target_distribution

_CROSS_ENTROPY = CrossEntropyLoss()


@dataclass(frozen=True)
class ExampleAnalysis:
    """Derived numbers of one example: ``p = softmax(z / T)`` against the effective target.

    Attributes
    ----------
    probabilities, log_probabilities : numpy.ndarray
        ``p`` and ``log p``, shape ``(C,)``.
    target : numpy.ndarray
        The effective target ``t`` (one-hot or soft, after label smoothing).
    loss : float
        The chosen loss (``H(t, p) = -sum t log p`` for cross-entropy).
    gradient : numpy.ndarray
        Its gradient ``dL/dz`` (``(p - t) / T`` for cross-entropy): entries sum to 0.
    entropy : float
        ``H(p)``.
    kl_to_target : float
        ``KL(t || p) = H(t, p) - H(t)``.
    predicted : int
        ``argmax p``.
    label : int or None
        The hard label, if the target is one.
    loss_key : str
        The chosen loss, one of :data:`~explorer.core.LOSS_KEYS`.
    cross_entropy : float
        ``H(t, p)`` whatever the chosen loss, to compare with it.
    cross_entropy_gradient : numpy.ndarray
        ``(p - t) / T`` whatever the chosen loss.
    formula : FormulaParts
        The numbers of the chosen loss's formula.
    """

    probabilities: np.ndarray
    log_probabilities: np.ndarray
    target: np.ndarray
    loss: float
    gradient: np.ndarray
    entropy: float
    kl_to_target: float
    predicted: int
    label: int | None
    loss_key: str
    cross_entropy: float
    cross_entropy_gradient: np.ndarray
    formula: FormulaParts

    @property
    def gradient_norm(self) -> float:
        """Euclidean length of the chosen loss's gradient (CE: at most ``sqrt(2) / T``)."""
        return float(np.linalg.norm(self.gradient))

    @property
    def target_entropy(self) -> float:
        """``H(t) = -sum t log t`` of the effective target (0 for a hard label).

        ``H(t, p) = H(t) + KL(t || p)``: the part of the cross-entropy no prediction removes.
        """
        return float(entropy(self.target))

    @property
    def cross_entropy_gradient_norm(self) -> float:
        """Euclidean length of ``(p - t) / T`` (at most ``sqrt(2) / T``)."""
        return float(np.linalg.norm(self.cross_entropy_gradient))

    @property
    def target_probability(self) -> float | None:
        """``p`` of the hard label, or None for a soft target."""
        return None if self.label is None else float(self.probabilities[self.label])


def _kl_from_log_probs(target: np.ndarray, log_probs: np.ndarray) -> float:
    """``KL(t || p) = sum t (log t - log p)`` from log p, finite where p underflows to 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = target * (np.log(target) - log_probs)
    return float(np.sum(np.where(target > 0, terms, 0)))


def analyze_example(
    logits: ArrayLike,
    target: int | ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
    loss: SoftmaxLoss | None = None,
) -> ExampleAnalysis:
    r"""Probabilities, loss, gradient and information measures of one example.

    .. math:: p = \operatorname{softmax}(z / T),\quad L = -\sum_i t_i \log p_i,\quad
              \nabla_z L = \frac{p - t}{T}

    for cross-entropy (``loss=None``, the default); another :class:`SoftmaxLoss` sets
    ``loss``, ``gradient`` and ``formula``, and cross-entropy stays in ``cross_entropy``
    and ``cross_entropy_gradient``.

    Examples
    --------
    >>> result = analyze_example([2.0, 1.0, 0.1], 0)
    >>> round(result.loss, 3), result.predicted
    (0.417, 0)
    >>> from explorer.core import SquaredErrorLoss
    >>> result = analyze_example([2.0, 1.0, 0.1], 0, loss=SquaredErrorLoss())
    >>> result.loss_key, round(result.loss, 3), round(result.cross_entropy, 3)
    ('squared_error', 0.062, 0.417)
    """
    vector = as_logits(logits)
    if vector.ndim != 1:
        raise ValueError(f"analyze_example takes one example, logits (C,); got {vector.shape}")
    temperature = check_temperature(temperature)
    target_array = np.asarray(target)
    label = int(target_array) if target_array.dtype.kind in "iu" else None
    # A hard label as a Python int: target_distribution's fast path, without array checks.
    effective = target_distribution(
        target_array if label is None else label, vector.size, label_smoothing, vector.dtype
    )
    scaled = vector / temperature
    probs, log_probs = softmax_and_log_softmax(scaled)
    example = _Example(
        scaled, effective, temperature, probs, log_probs, label, float(label_smoothing)
    )
    ce_loss, ce_grad = _cross_entropy_parts(example)
    if label is not None and label_smoothing == 0:
        kl = ce_loss  # KL(onehot || p) = -log p_y
    else:
        kl = _kl_from_log_probs(effective, log_probs)
    ce_gradient = ce_grad / temperature
    chosen = _CROSS_ENTROPY if loss is None else loss
    if not isinstance(chosen, SoftmaxLoss):
        raise ValueError(f"loss must be a SoftmaxLoss (see make_loss) or None, got {loss!r}")
    if isinstance(chosen, CrossEntropyLoss):
        value, gradient = ce_loss, ce_gradient
    else:
        value, gradient = chosen._value(example), chosen._gradient(example)
    return ExampleAnalysis(
        probabilities=probs,
        log_probabilities=log_probs,
        target=effective,
        loss=value,
        gradient=gradient,
        entropy=float(entropy(probs)),
        kl_to_target=kl,
        predicted=int(np.argmax(probs)),
        label=label,
        loss_key=chosen.key,
        cross_entropy=ce_loss,
        cross_entropy_gradient=ce_gradient,
        formula=chosen._formula(example, value),
    )
