"""Everything the explorer shows about one example, computed once per change."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_logits, check_temperature
from .losses import cross_entropy, cross_entropy_grad, entropy
from .softmax import softmax_and_log_softmax
from .surface import target_distribution


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
        ``H(t, p) = -sum t log p``.
    gradient : numpy.ndarray
        ``dL/dz = (p - t) / T``: entries sum to 0.
    entropy : float
        ``H(p)``.
    kl_to_target : float
        ``KL(t || p) = H(t, p) - H(t)``.
    predicted : int
        ``argmax p``.
    label : int or None
        The hard label, if the target is one.
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

    @property
    def gradient_norm(self) -> float:
        """Euclidean length of the gradient (at most ``sqrt(2) / T``)."""
        return float(np.linalg.norm(self.gradient))

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
) -> ExampleAnalysis:
    r"""Probabilities, loss, gradient and information measures of one example.

    .. math:: p = \operatorname{softmax}(z / T),\quad L = -\sum_i t_i \log p_i,\quad
              \nabla_z L = \frac{p - t}{T}

    Examples
    --------
    >>> result = analyze_example([2.0, 1.0, 0.1], 0)
    >>> round(result.loss, 3), result.predicted
    (0.417, 0)
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
    if label is not None and label_smoothing == 0:
        # A hard label, the common case, redone here from p and log p (what cross_entropy
        # and its gradient compute for it, value for value, without their validation and
        # second softmax): L = -log p_y, dL/dz = p - onehot with the target entry
        # -(sum of the other p), exact even when p_y rounds to 1.
        loss = -log_probs[label]
        grad = probs.copy()
        grad[label] = 0.0
        grad[label] = -np.sum(grad)
        kl = float(loss)  # KL(onehot || p) = -log p_y
    else:
        if label is not None:
            # The index form is exact for the target entry when p_y rounds to 1.
            loss = cross_entropy(scaled, target_array, label_smoothing=label_smoothing)
            grad = cross_entropy_grad(scaled, target_array, label_smoothing=label_smoothing)
        else:
            loss = cross_entropy(scaled, effective)
            grad = cross_entropy_grad(scaled, effective)
        kl = _kl_from_log_probs(effective, log_probs)
    return ExampleAnalysis(
        probabilities=probs,
        log_probabilities=log_probs,
        target=effective,
        loss=float(loss),
        gradient=grad / temperature,
        entropy=float(entropy(probs)),
        kl_to_target=kl,
        predicted=int(np.argmax(probs)),
        label=label,
    )
