"""The linear softmax classifier: scores ``S = X W`` trained with cross-entropy."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array, check_index_target
from .losses import cross_entropy_grad
from .softmax import log_softmax


def softmax_loss_vectorized(
    W: ArrayLike, X: ArrayLike, y: ArrayLike, reg: float
) -> tuple[float, np.ndarray]:
    r"""Mean cross-entropy of a linear softmax classifier plus L2 regularisation.

    .. math:: L = \frac{1}{N}\sum_n -\log \operatorname{softmax}(X_n W)_{y_n}
              + \tfrac12\,\mathrm{reg}\,\lVert W \rVert^2,\qquad
              \nabla_W L = \frac{X^\top (P - Y)}{N} + \mathrm{reg}\,W

    Vectorised: no Python loop over samples.

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

    Returns
    -------
    tuple
        ``(loss, dW)`` with ``dW`` shaped like ``W``.

    Examples
    --------
    >>> loss, dW = softmax_loss_vectorized(np.zeros((2, 3)), np.ones((4, 2)), [0, 1, 2, 0], 0.0)
    >>> round(loss, 6), dW.shape
    (1.098612, (2, 3))
    """
    weights = as_float_array(W, "W")
    samples = as_float_array(X, "X")
    if weights.ndim != 2 or samples.ndim != 2 or samples.shape[1] != weights.shape[0]:
        raise ValueError(
            f"need W (D, C) and X (N, D) with matching D; got W {weights.shape}, X {samples.shape}"
        )
    if not np.isfinite(reg) or reg < 0:
        raise ValueError(f"reg must be a finite number >= 0, got {reg!r}")
    labels = np.asarray(y)
    if labels.dtype.kind not in "iu":
        raise ValueError(f"y must be integer class labels; got dtype {labels.dtype}")
    scores = samples @ weights
    indices, _ = check_index_target(labels, scores, ignore_index=-(10**18), name="y")
    count = samples.shape[0]
    log_probs = log_softmax(scores)
    rows = np.arange(count)
    data_loss = -np.mean(log_probs[rows, indices]) if count else 0.0
    loss = float(data_loss + 0.5 * reg * np.sum(weights * weights))
    # P - Y per sample, with the label entry exact when its probability rounds to 1.
    residual = cross_entropy_grad(scores, indices, reduction="sum")
    grad = samples.T @ residual / max(count, 1) + reg * weights
    return loss, grad
