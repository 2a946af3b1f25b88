"""The linear softmax classifier: scores ``S = X W`` trained with cross-entropy."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import as_float_array

#: The two ways of writing the L2 penalty: ``"half"`` is ``0.5 * reg * ||W||^2`` (the
#: course's, gradient ``reg * W``), ``"full"`` is ``reg * ||W||^2`` (gradient ``2 reg W``).
REG_CONVENTIONS = ("half", "full")

_QUIET = {"over": "ignore", "under": "ignore", "invalid": "ignore", "divide": "ignore"}


def reg_scale(reg_convention: str) -> float:
    """The factor ``c`` of the penalty ``c * reg * ||W||^2``: 0.5 for ``"half"``, 1 for ``"full"``.

    Examples
    --------
    >>> reg_scale("half"), reg_scale("full")
    (0.5, 1.0)
    """
    if reg_convention == "half":
        return 0.5
    if reg_convention == "full":
        return 1.0
    raise ValueError(
        f"reg_convention must be one of {', '.join(map(repr, REG_CONVENTIONS))}; "
        f"got {reg_convention!r}"
    )


def check_linear_arguments(
    W: ArrayLike, X: ArrayLike, y: ArrayLike, reg: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate the arguments of a linear classifier's loss; return ``(W, X, y)`` as arrays.

    ``W`` is ``(D, C)``, ``X`` is ``(N, D)``, ``y`` holds ``N`` integer labels in
    ``0..C-1`` and ``reg`` is a finite number ``>= 0``; anything else is a ``ValueError``
    that says what is wrong.
    """
    weights = as_float_array(W, "W")
    samples = as_float_array(X, "X")
    if weights.ndim != 2 or samples.ndim != 2 or samples.shape[1] != weights.shape[0]:
        raise ValueError(
            f"need W (D, C) and X (N, D) with matching D; got W {weights.shape}, X {samples.shape}"
        )
    if weights.shape[1] == 0:
        raise ValueError(f"W needs at least one class (column); got shape {weights.shape}")
    if isinstance(reg, bool) or not np.isfinite(reg) or reg < 0:
        raise ValueError(f"reg must be a finite number >= 0, got {reg!r}")
    labels = np.asarray(y)
    if labels.dtype.kind not in "iu":
        raise ValueError(f"y must be integer class labels; got dtype {labels.dtype}")
    count, classes = samples.shape[0], weights.shape[1]
    if labels.shape != (count,):
        raise ValueError(
            f"y with class indices must have shape ({count},) for scores of shape "
            f"({count}, {classes}); got {labels.shape}"
        )
    if count:
        low, high = labels.min(), labels.max()
        if low < 0 or high >= classes:
            first = int(labels[(labels < 0) | (labels >= classes)][0])
            raise ValueError(f"y class index {first} is out of range: classes are 0..{classes - 1}")
    return weights, samples, labels


#: OpenBLAS runs a matrix product of ``M N K`` multiply-adds on one thread below
#: ``2 * 65536 * 4``; above, it wakes its worker threads. On a busy two-core machine a worker
#: waits for a time slice: the course-size product then took 8-16 ms instead of 1-2 ms, and
#: the workers spin after the product, against everything else. Products here are split into
#: blocks below this many multiply-adds, each run on the calling thread.
ONE_THREAD_WORK = 400_000


def matmul_one_thread(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` in blocks of rows of ``a``, each small enough for one BLAS thread.

    Examples
    --------
    >>> a, b = np.arange(12.0).reshape(4, 3), np.ones((3, 2))
    >>> np.array_equal(matmul_one_thread(a, b), a @ b)
    True
    """
    rows = a.shape[0]
    block = max(1, ONE_THREAD_WORK // max(1, b.shape[0] * b.shape[1]))
    if rows <= block:
        return np.matmul(a, b, out=out)
    if out is None:
        out = np.empty((rows, b.shape[1]), dtype=np.result_type(a, b))
    for start in range(0, rows, block):
        np.matmul(a[start : start + block], b, out=out[start : start + block])
    return out


def transposed_product(samples: np.ndarray, residual: np.ndarray) -> np.ndarray:
    r"""``X^T R`` formed as :math:`(\sum_b R_b^\top X_b)^\top` over blocks ``b`` of samples.

    Each block's product is small enough for one BLAS thread (see :data:`ONE_THREAD_WORK`),
    and BLAS forms the wide ``(C, D)`` products :math:`R_b^\top X_b` faster than the tall
    ``(D, C)`` ones when ``D`` is large (the course's ``D = 3073``). The result is the
    transpose of a C-ordered array: the same numbers as ``X.T @ R``, in Fortran order.

    Examples
    --------
    >>> X, R = np.arange(6.0).reshape(3, 2), np.ones((3, 4))
    >>> np.array_equal(transposed_product(X, R), X.T @ R)
    True
    """
    count = samples.shape[0]
    block = max(1, ONE_THREAD_WORK // max(1, samples.shape[1] * residual.shape[1]))
    if count <= block:
        return (residual.T @ samples).T
    total = residual[:block].T @ samples[:block]
    part = np.empty_like(total)
    for start in range(block, count, block):
        np.matmul(residual[start : start + block].T, samples[start : start + block], out=part)
        total += part
    return total.T


def softmax_scores_loss(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Per-sample cross-entropy of ``scores`` and its gradient ``P - Y``, unchecked.

    .. math:: l_n = \log\!\Big(1 + \sum_{j \ne m_n} e^{s_{nj} - s_{n m_n}}\Big)
              - (s_{n y_n} - s_{n m_n}),\qquad m_n = \arg\max_j s_{nj}

    ``log1p`` of the sum without its largest term keeps a confident sample's loss exact
    (``1e-13`` stays ``1e-13``), and the label's entry of ``P - Y`` is computed as minus the
    sum of the other probabilities, exact when ``p_y`` rounds to 1. No validation: the
    callers (:func:`softmax_loss_vectorized`, the lab's trainer) have done it.

    Returns
    -------
    tuple
        ``(losses, residual)``: ``(N,)`` losses and the ``(N, C)`` array ``P - Y``.

    Examples
    --------
    >>> losses, residual = softmax_scores_loss(np.zeros((1, 2)), np.array([1]))
    >>> round(float(losses[0]), 6), residual.tolist()
    (0.693147, [[0.5, -0.5]])
    """
    rows = np.arange(scores.shape[0])
    with np.errstate(**_QUIET):
        top = np.argmax(scores, axis=1)
        shifted = scores - scores[rows, top][:, None]
        exps = np.exp(shifted)
        exps[rows, top] = 0.0
        rest = np.sum(exps, axis=1)
        losses = np.log1p(rest) - shifted[rows, labels]
        exps[rows, top] = 1.0
        exps /= (1.0 + rest)[:, None]
        exps[rows, labels] = 0.0
        exps[rows, labels] = -np.sum(exps, axis=1)
    return losses, exps


def softmax_loss_vectorized(
    W: ArrayLike, X: ArrayLike, y: ArrayLike, reg: float, *, reg_convention: str = "half"
) -> tuple[float, np.ndarray]:
    r"""Mean cross-entropy of a linear softmax classifier plus L2 regularisation.

    .. math:: L = \frac{1}{N}\sum_n -\log \operatorname{softmax}(X_n W)_{y_n}
              + \tfrac12\,\mathrm{reg}\,\lVert W \rVert^2,\qquad
              \nabla_W L = \frac{X^\top (P - Y)}{N} + \mathrm{reg}\,W

    With ``reg_convention="full"`` the penalty is :math:`\mathrm{reg}\,\lVert W\rVert^2`
    and its gradient :math:`2\,\mathrm{reg}\,W`. Vectorised: no Python loop over samples.

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
    reg_convention : {"half", "full"}
        ``"half"`` (the course's, default): ``0.5 * reg * ||W||^2``; ``"full"``:
        ``reg * ||W||^2``.

    Returns
    -------
    tuple
        ``(loss, dW)`` with ``dW`` shaped like ``W`` (in Fortran order: see
        :func:`transposed_product`).

    Examples
    --------
    >>> loss, dW = softmax_loss_vectorized(np.zeros((2, 3)), np.ones((4, 2)), [0, 1, 2, 0], 0.0)
    >>> round(loss, 6), dW.shape
    (1.098612, (2, 3))
    >>> W = np.ones((2, 3))
    >>> softmax_loss_vectorized(W, np.ones((4, 2)), [0, 1, 2, 0], 0.5, reg_convention="full")[0]
    4.09861228866811
    """
    scale = reg_scale(reg_convention)
    weights, samples, labels = check_linear_arguments(W, X, y, reg)
    count = samples.shape[0]
    scores = matmul_one_thread(samples, weights)
    losses, residual = softmax_scores_loss(scores, labels)
    data_loss = float(np.mean(losses)) if count else 0.0
    flat = weights.ravel()
    loss = data_loss + scale * reg * float(np.dot(flat, flat))
    grad = transposed_product(samples, residual)
    if count:
        grad /= count
    if reg:
        grad += (2.0 * scale * reg) * weights
    return loss, grad


__all__ = [
    "REG_CONVENTIONS",
    "ONE_THREAD_WORK",
    "check_linear_arguments",
    "matmul_one_thread",
    "reg_scale",
    "softmax_loss_vectorized",
    "softmax_scores_loss",
    "transposed_product",
]
