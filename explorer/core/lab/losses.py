r"""The lab's two losses of a linear classifier, their parts, and the gradient check.

Both are means over the ``N`` samples plus an L2 penalty on every weight (the bias row
included, as in the course's "bias trick"), in one of two conventions
(:data:`REG_CONVENTIONS`): ``"half"``, :math:`\tfrac12\,\mathrm{reg}\,\lVert W\rVert^2`
(the course's), or ``"full"``, :math:`\mathrm{reg}\,\lVert W\rVert^2`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..classifier import (
    REG_CONVENTIONS,
    check_linear_arguments,
    matmul_one_thread,
    reg_scale,
    softmax_loss_vectorized,
    softmax_scores_loss,
    transposed_product,
)

#: The losses the lab trains with: softmax cross-entropy and the multiclass SVM (hinge).
LOSSES = ("softmax", "svm")
#: The SVM's margin.
SVM_DELTA = 1.0

_QUIET = {"over": "ignore", "under": "ignore", "invalid": "ignore", "divide": "ignore"}


def check_loss(loss: str) -> str:
    """Return ``loss`` if it is one of :data:`LOSSES`, else ``ValueError``."""
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(map(repr, LOSSES))}; got {loss!r}")
    return loss


def svm_scores_loss(
    scores: np.ndarray, labels: np.ndarray, delta: float = SVM_DELTA
) -> tuple[np.ndarray, np.ndarray]:
    r"""Per-sample multiclass hinge loss of ``scores`` and its (sub)gradient, unchecked.

    .. math:: l_n = \sum_{j \ne y_n} \max(0,\ s_{nj} - s_{n y_n} + \Delta),\qquad
              \frac{\partial l_n}{\partial s_{nj}} = [m_{nj} > 0]\ (j \ne y_n),\quad
              \frac{\partial l_n}{\partial s_{n y_n}} = -\sum_{j \ne y_n} [m_{nj} > 0]

    At a kink (a margin exactly 0) the subgradient 0 is taken, as in the course.

    Returns
    -------
    tuple
        ``(losses, dscores)``: ``(N,)`` and ``(N, C)``.

    Examples
    --------
    >>> losses, dscores = svm_scores_loss(np.array([[3.0, 2.5, -1.0]]), np.array([0]))
    >>> losses.tolist(), dscores.tolist()
    ([0.5], [[-1.0, 1.0, 0.0]])
    """
    rows = np.arange(scores.shape[0])
    with np.errstate(**_QUIET):
        margins = scores - scores[rows, labels][:, None]
        margins += delta
        np.maximum(margins, 0.0, out=margins)
        margins[rows, labels] = 0.0
        losses = np.sum(margins, axis=1)
        active = (margins > 0).astype(scores.dtype)
        active[rows, labels] = -np.sum(active, axis=1)
    return losses, active


def svm_loss_vectorized(
    W: ArrayLike,
    X: ArrayLike,
    y: ArrayLike,
    reg: float,
    *,
    delta: float = SVM_DELTA,
    reg_convention: str = "half",
) -> tuple[float, np.ndarray]:
    r"""The CS231n multiclass SVM loss of a linear classifier, and its gradient.

    .. math:: L = \frac1N \sum_n \sum_{j \ne y_n} \max(0,\ s_{nj} - s_{n y_n} + \Delta)
              + c\,\mathrm{reg}\,\lVert W\rVert^2,\qquad s = X W

    with ``c = 1/2`` (``"half"``) or ``1`` (``"full"``), and

    .. math:: \nabla_W L = \frac{X^\top M}{N} + 2c\,\mathrm{reg}\,W,\qquad
              M_{nj} = [m_{nj} > 0] - [j = y_n] \sum_{k \ne y_n} [m_{nk} > 0]

    where :math:`m_{nj} = s_{nj} - s_{n y_n} + \Delta`. Vectorised: no Python loop.

    Parameters
    ----------
    W : array_like
        ``(D, C)`` weights.
    X : array_like
        ``(N, D)`` samples.
    y : array_like
        ``(N,)`` integer labels in ``0..C-1``.
    reg : float
        Regularisation strength ``>= 0``.
    delta : float
        The margin :math:`\Delta` (1 in the course).
    reg_convention : {"half", "full"}
        See :data:`REG_CONVENTIONS`.

    Returns
    -------
    tuple
        ``(loss, dW)`` with ``dW`` shaped like ``W``.

    Examples
    --------
    >>> loss, dW = svm_loss_vectorized(np.zeros((2, 3)), np.ones((4, 2)), [0, 1, 2, 0], 0.0)
    >>> loss, dW.tolist()
    (2.0, [[-0.5, 0.25, 0.25], [-0.5, 0.25, 0.25]])
    """
    scale = reg_scale(reg_convention)
    weights, samples, labels = check_linear_arguments(W, X, y, reg)
    if not np.isfinite(delta):
        raise ValueError(f"delta must be a finite number, got {delta!r}")
    count = samples.shape[0]
    losses, dscores = svm_scores_loss(matmul_one_thread(samples, weights), labels, delta)
    data_loss = float(np.mean(losses)) if count else 0.0
    flat = weights.ravel()
    loss = data_loss + scale * reg * float(np.dot(flat, flat))
    grad = transposed_product(samples, dscores)
    if count:
        grad /= count
    if reg:
        grad += (2.0 * scale * reg) * weights
    return loss, grad


def loss_function(loss: str) -> Callable[..., tuple[float, np.ndarray]]:
    """The vectorised ``(W, X, y, reg, *, reg_convention) -> (loss, dW)`` of ``loss``."""
    return softmax_loss_vectorized if check_loss(loss) == "softmax" else svm_loss_vectorized


def data_and_reg_loss(
    loss: str, W: ArrayLike, X: ArrayLike, y: ArrayLike, reg: float, reg_convention: str = "half"
) -> tuple[float, float]:
    r"""The two parts of a loss: the data loss (mean over samples) and the penalty.

    ``(data, c * reg * ||W||^2)`` with ``c`` from ``reg_convention``; their sum is what
    :func:`svm_loss_vectorized` or :func:`~explorer.core.softmax_loss_vectorized` returns.
    With no samples the data loss is 0.

    Examples
    --------
    >>> data_and_reg_loss("svm", np.ones((2, 3)), np.ones((4, 2)), [0, 1, 2, 0], 0.1, "full")
    (2.0, 0.6000000000000001)
    """
    check_loss(loss)
    scale = reg_scale(reg_convention)
    weights, samples, labels = check_linear_arguments(W, X, y, reg)
    scores = matmul_one_thread(samples, weights)
    kernel = softmax_scores_loss if loss == "softmax" else svm_scores_loss
    losses, _ = kernel(scores, labels)
    data = float(np.mean(losses)) if samples.shape[0] else 0.0
    flat = weights.ravel()
    return data, scale * reg * float(np.dot(flat, flat))


def per_sample_losses(loss: str, scores: ArrayLike, labels: ArrayLike) -> np.ndarray:
    """``(N,)`` data loss of each sample: ``-log p_y`` (softmax) or the hinge sum (svm)."""
    check_loss(loss)
    kernel = softmax_scores_loss if loss == "softmax" else svm_scores_loss
    return kernel(np.asarray(scores, dtype=np.float64), np.asarray(labels, dtype=np.intp))[0]


# ------------------------------------------------------------------------ gradient check

#: The floor of the relative error's denominator: below it two gradients count as zero.
RELATIVE_ERROR_FLOOR = 1e-10
#: The rounding of a loss, in its own eps, that :attr:`GradientCheck.rounding` allows for
#: (measured: under 1 for the lab's losses, from 0.5 to 1e6).
ROUNDING_FACTOR = 4.0


@dataclass(frozen=True, eq=False)
class GradientCheck:
    r"""The analytic gradient against central finite differences, entry by entry.

    .. math:: e_{ij} = \frac{|a_{ij} - n_{ij}|}{\max(|a_{ij}| + |n_{ij}|,\ 10^{-10})},
              \qquad n_{ij} = \frac{L(W + h E_{ij}) - L(W - h E_{ij})}{2h}

    Attributes
    ----------
    relative_error : numpy.ndarray
        ``e``, shaped like ``W``.
    analytic : numpy.ndarray
        ``a``, the gradient the loss function returned.
    numeric : numpy.ndarray
        ``n``, the central differences.
    max_error : float
        The largest entry of ``relative_error``.
    kinks : int
        For the SVM: the margins within ``h * max|x|`` of 0, where a difference of step
        ``h`` may straddle the hinge's kink and disagree with the subgradient (0 for
        softmax, which is smooth). A check with ``kinks > 0`` may fail honestly.
    rounding : numpy.ndarray or None
        Shaped like ``W``: how far rounding alone can move ``n``,
        :math:`4\,\epsilon \max(|L(W \pm h E_{ij})|) / h`. A large loss (large weights
        after a learning rate too high) makes it large: the two losses then agree in
        nearly every digit, and their difference is noise. ``None``: not estimated.
    """

    relative_error: np.ndarray
    analytic: np.ndarray
    numeric: np.ndarray
    max_error: float
    kinks: int = 0
    rounding: np.ndarray | None = None

    def verdict(self, tolerance: float = 1e-6) -> str:
        """``"correct"``, ``"wrong"``, or ``"unresolved"``: what ``max_error`` says.

        ``"wrong"`` needs an entry whose relative error reaches ``tolerance`` and whose
        difference ``|a - n|`` is more than rounding explains; when every such entry is
        within :attr:`rounding`, finite differences of step ``h`` cannot tell at these
        weights (``"unresolved"``), whatever the gradient.

        Examples
        --------
        >>> W, X, y = np.full((2, 3), 1e9), np.ones((4, 2)), np.array([0, 1, 2, 0])
        >>> check = gradient_check("softmax", W, X, y, 0.1)
        >>> check.max_error > 1e-6, check.verdict()
        (True, 'unresolved')
        """
        if self.max_error < tolerance:
            return "correct"
        suspect = self.relative_error >= tolerance
        if self.rounding is not None:
            suspect &= np.abs(self.analytic - self.numeric) > self.rounding
        return "wrong" if np.any(suspect) else "unresolved"


def gradient_check(
    loss: str,
    W: ArrayLike,
    X: ArrayLike,
    y: ArrayLike,
    reg: float,
    *,
    reg_convention: str = "half",
    h: float = 1e-5,
    analytic: Callable[..., tuple[float, np.ndarray]] | None = None,
) -> GradientCheck:
    """Compare a loss's analytic ``dW`` with central finite differences for every entry.

    Parameters
    ----------
    loss : {"softmax", "svm"}
        Which loss; its value (for the differences) always comes from the lab's own
        function of that loss.
    W, X, y, reg
        As for :func:`svm_loss_vectorized`; computed in float64.
    reg_convention : {"half", "full"}
        The penalty's convention.
    h : float
        The step of the differences.
    analytic : callable, optional
        ``(W, X, y, reg) -> (loss, dW)`` whose ``dW`` is checked instead of the lab's
        (a test injects a wrong one here); by default the lab's own function.

    Returns
    -------
    GradientCheck

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> W, X, y = rng.normal(size=(3, 4)), rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    >>> gradient_check("softmax", W, X, y, 0.1).max_error < 1e-7
    True
    """
    function = loss_function(loss)
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"h must be a finite number > 0, got {h!r}")
    weights, samples, labels = check_linear_arguments(
        np.asarray(W, dtype=np.float64), np.asarray(X, dtype=np.float64), y, reg
    )
    weights = weights.copy()

    def value(current: np.ndarray) -> float:
        return function(current, samples, labels, reg, reg_convention=reg_convention)[0]

    if analytic is None:
        _, gradient = function(weights, samples, labels, reg, reg_convention=reg_convention)
    else:
        _, gradient = analytic(weights.copy(), samples, labels, reg)
    gradient = np.asarray(gradient, dtype=np.float64)
    if gradient.shape != weights.shape:
        raise ValueError(f"the analytic gradient has shape {gradient.shape}, W {weights.shape}")
    numeric = np.empty_like(weights)
    largest = np.empty_like(weights)
    for index in np.ndindex(weights.shape):
        original = weights[index]
        weights[index] = original + h
        plus = value(weights)
        weights[index] = original - h
        minus = value(weights)
        weights[index] = original
        numeric[index] = (plus - minus) / (2.0 * h)
        largest[index] = max(abs(plus), abs(minus))
    # Each loss is right to a few eps of itself; the difference quotient divides that by h.
    rounding = ROUNDING_FACTOR * np.finfo(np.float64).eps * largest / h
    with np.errstate(invalid="ignore"):
        error = np.abs(gradient - numeric) / np.maximum(
            np.abs(gradient) + np.abs(numeric), RELATIVE_ERROR_FLOOR
        )
    kinks = 0
    if loss == "svm" and samples.shape[0]:
        scores = samples @ weights
        rows = np.arange(samples.shape[0])
        margins = scores - scores[rows, labels][:, None] + SVM_DELTA
        margins[rows, labels] = np.inf
        reach = h * np.max(np.abs(samples), axis=1, initial=0.0)[:, None]
        kinks = int(np.count_nonzero(np.abs(margins) <= reach))
    return GradientCheck(
        relative_error=error,
        analytic=gradient,
        numeric=numeric,
        max_error=float(np.max(error, initial=0.0)),
        kinks=kinks,
        rounding=rounding,
    )


__all__ = [
    "LOSSES",
    "RELATIVE_ERROR_FLOOR",
    "REG_CONVENTIONS",
    "SVM_DELTA",
    "GradientCheck",
    "check_loss",
    "data_and_reg_loss",
    "gradient_check",
    "loss_function",
    "per_sample_losses",
    "svm_loss_vectorized",
    "svm_scores_loss",
]
