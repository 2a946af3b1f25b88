"""Softmax, log-softmax, logsumexp and the softmax Jacobian, computed stably.

Edge cases, the same for every function here (and the same as PyTorch):

- ``-inf`` entries are masked classes: probability 0, log-probability ``-inf``.
- A row whose entries are all ``-inf`` has no distribution: softmax and log-softmax are NaN,
  logsumexp is ``-inf``.
- A ``+inf`` entry: logsumexp is ``+inf``; softmax and log-softmax of that row are NaN
  (``inf - inf`` is undefined), as in PyTorch.
- A NaN anywhere in a row makes that whole row NaN, logsumexp included.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._arrays import as_float_array, as_logits, check_temperature

_QUIET = {"over": "ignore", "under": "ignore", "invalid": "ignore", "divide": "ignore"}


def _scaled(z: ArrayLike, temperature: float, name: str = "z") -> np.ndarray:
    array = as_float_array(z, name)
    temperature = check_temperature(temperature)
    if temperature != 1.0:
        array = array / array.dtype.type(temperature)
    return array


def _shifted_and_rest(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``z - max(z)`` and ``sum_{k != argmax} exp(z_k - max(z))`` along ``axis``.

    Leaving the largest term (exactly 1) out of the sum lets callers use ``log1p``: the
    log-probability of a dominant class, ``-log1p(rest)``, keeps full relative precision
    even when it is 1e-300, where ``log(1 + rest)`` would round to 0.
    """
    with np.errstate(**_QUIET):
        if z.ndim == 1 and axis in (0, -1):  # one example: the same steps, fewer calls
            peak = np.max(z)
            shifted = z - peak
            exps = np.exp(shifted)
            exps[np.argmax(z)] = 0.0
            rest = np.sum(exps, keepdims=True)
            if np.isnan(peak) or peak == np.inf:
                rest[...] = np.nan
            return shifted, rest
        peak = np.max(z, axis=axis, keepdims=True)
        shifted = z - peak
        exps = np.exp(shifted)
        top = np.expand_dims(np.argmax(z, axis=axis), axis)
        np.put_along_axis(exps, top, 0.0, axis=axis)
        rest = np.sum(exps, axis=axis, keepdims=True)
        # A NaN or +inf peak leaves no distribution: poison the row (the argmax that was
        # left out of `rest` may be the only NaN).
        rest = np.where(np.isnan(peak) | (peak == np.inf), np.nan, rest)
    return shifted, rest


def softmax_and_log_softmax(
    z: ArrayLike, axis: int = -1, temperature: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """``(softmax(z, axis, T), log_softmax(z, axis, T))`` from one pass over ``z``.

    The same numbers as the two functions give, for the price of one.

    Examples
    --------
    >>> p, log_p = softmax_and_log_softmax([2.0, 1.0, 0.1])
    >>> bool(np.allclose(np.log(p), log_p))
    True
    """
    array = _scaled(z, temperature)
    if array.ndim == 0:
        raise ValueError("softmax needs at least one dimension")
    shifted, rest = _shifted_and_rest(array, axis)
    with np.errstate(**_QUIET):
        return np.exp(shifted) / (1 + rest), shifted - np.log1p(rest)


def logsumexp(z: ArrayLike, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    r"""Log of the sum of exponentials, the smooth maximum.

    .. math:: \operatorname{lse}(z) = m + \log \sum_i e^{z_i - m},\quad m = \max_i z_i

    with ``max(z) <= lse(z) <= max(z) + log(C)``. Computed as ``m + log1p(rest)`` where
    ``rest`` sums every term but the largest, which is exact to a few ulps for any finite
    input.

    Parameters
    ----------
    z : array_like
        Logits; floats keep their dtype, integers become float64.
    axis : int
        Axis to reduce (the class axis).
    keepdims : bool
        Keep the reduced axis with length 1.

    Returns
    -------
    numpy.ndarray
        ``-inf`` for an all-``-inf`` row, ``+inf`` if a ``+inf`` is present.

    Examples
    --------
    >>> float(logsumexp([1000.0, 1000.0]))
    1000.6931471805599
    >>> float(logsumexp([-np.inf, -np.inf]))
    -inf
    """
    array = as_float_array(z, "z")
    if array.ndim == 0:
        raise ValueError("logsumexp needs at least one dimension")
    with np.errstate(**_QUIET):
        peak = np.max(array, axis=axis, keepdims=True)
        finite_peak = np.where(np.isfinite(peak), peak, 0).astype(array.dtype)
        _, rest = _shifted_and_rest(array, axis)
        result = finite_peak + np.log1p(rest)
        # An infinite peak is its own answer (a +inf entry, or a fully masked row).
        result = np.where(np.isinf(peak), peak, result)
    if not keepdims:
        result = np.squeeze(result, axis=axis)
    return result


def log_softmax(z: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Log-probabilities of the softmax, never through ``log(softmax(z))``.

    .. math:: \log p_i = \frac{z_i}{T} - \operatorname{lse}\!\left(\frac{z}{T}\right)

    Parameters
    ----------
    z : array_like
        Logits, classes along ``axis``.
    axis : int
        The class axis.
    temperature : float
        ``T > 0``; logits are divided by it first.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z``.

    Examples
    --------
    >>> log_softmax([1000.0, 1.0]).tolist()
    [0.0, -999.0]
    """
    array = _scaled(z, temperature)
    if array.ndim == 0:
        raise ValueError("log_softmax needs at least one dimension")
    shifted, rest = _shifted_and_rest(array, axis)
    with np.errstate(**_QUIET):
        return shifted - np.log1p(rest)


def softmax(z: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Probabilities ``p = softmax(z / T)``, computed after subtracting the maximum.

    .. math:: p_i = \frac{e^{(z_i - m)/T}}{\sum_j e^{(z_j - m)/T}}

    Every output is in [0, 1], each row sums to 1, order is preserved, and
    ``softmax(z + c) == softmax(z)``. ``-inf`` entries get probability 0.

    Parameters
    ----------
    z : array_like
        Logits, classes along ``axis``.
    axis : int
        The class axis.
    temperature : float
        ``T > 0``: small ``T`` approaches the one-hot argmax, large ``T`` the uniform.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z``.

    Examples
    --------
    >>> softmax([1.0, 1.0, 1.0]).tolist()
    [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
    >>> softmax([1000.0, 0.0]).tolist()
    [1.0, 0.0]
    """
    array = _scaled(z, temperature)
    if array.ndim == 0:
        raise ValueError("softmax needs at least one dimension")
    shifted, rest = _shifted_and_rest(array, axis)
    with np.errstate(**_QUIET):
        return np.exp(shifted) / (1 + rest)


def softmax_complement(z: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""``1 - softmax(z / T)``, exact also where a probability rounds to 1.

    At the largest logit ``1 - p = rest / (1 + rest)`` with ``rest`` the sum of the other
    shifted exponentials; elsewhere ``p <= 1/2`` and ``1 - p`` loses nothing.

    Examples
    --------
    >>> float(softmax_complement([40.0, 0.0])[0])
    4.248354255291589e-18
    """
    array = _scaled(z, temperature)
    if array.ndim == 0:
        raise ValueError("softmax_complement needs at least one dimension")
    shifted, rest = _shifted_and_rest(array, axis)
    with np.errstate(**_QUIET):
        complement = 1 - np.exp(shifted) / (1 + rest)
        top = np.expand_dims(np.argmax(array, axis=axis), axis)
        np.put_along_axis(complement, top, rest / (1 + rest), axis=axis)
    return complement


def naive_softmax(z: ArrayLike, dtype: DTypeLike = np.float64, axis: int = -1) -> np.ndarray:
    r"""The textbook ``exp(z) / sum(exp(z))`` with no max shift, kept to show it failing.

    In ``dtype`` it overflows to ``inf / inf = NaN`` once a logit exceeds
    ``log(finfo(dtype).max)``: about 709.78 (float64), 88.72 (float32), 11.09 (float16).
    Floating-point warnings are silenced: the NaN is the lesson.

    Examples
    --------
    >>> naive_softmax([1000.0, 0.0]).tolist()
    [nan, 0.0]
    >>> naive_softmax([12.0, 0.0], dtype=np.float16).tolist()
    [nan, 0.0]
    """
    array = np.asarray(as_float_array(z, "z"), dtype=dtype)
    with np.errstate(**_QUIET):
        exps = np.exp(array)
        return exps / np.sum(exps, axis=axis, keepdims=True)


def overflow_threshold(dtype: DTypeLike) -> float:
    """Largest ``x`` with finite ``exp(x)`` in ``dtype``: ``log(finfo(dtype).max)``.

    Examples
    --------
    >>> round(overflow_threshold(np.float32), 2)
    88.72
    """
    return float(np.log(np.finfo(dtype).max.astype(np.float64)))


def softmax_jacobian(z: ArrayLike, temperature: float = 1.0) -> np.ndarray:
    r"""Jacobian of ``softmax(z / T)`` with respect to ``z``.

    .. math:: \frac{\partial p_i}{\partial z_j} = \frac{p_i (\delta_{ij} - p_j)}{T},
              \qquad J = \frac{\operatorname{diag}(p) - p p^\top}{T}

    Symmetric, positive semi-definite, rank ``C - 1``; the all-ones vector is in its null
    space (shift invariance). It is also the Hessian of cross-entropy times ``T``.

    Parameters
    ----------
    z : array_like
        ``(C,)`` or ``(N, C)`` logits.
    temperature : float
        ``T > 0``.

    Returns
    -------
    numpy.ndarray
        ``(C, C)`` or ``(N, C, C)``.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0]).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    logits = as_logits(z, "z")
    temperature = check_temperature(temperature)
    probs = softmax(logits, temperature=temperature)
    jacobian = -(probs[..., :, None] * probs[..., None, :])
    diagonal = np.einsum("...ii->...i", jacobian)
    # p (1 - p) with an exact 1 - p: p - p**2 cancels where p rounds to 1.
    diagonal[...] = probs * softmax_complement(logits, temperature=temperature)
    if temperature != 1.0:
        jacobian /= jacobian.dtype.type(temperature)
    return jacobian


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, the two-class softmax: ``sigmoid(x) = softmax([x, 0])[0]``.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> float(sigmoid(-800.0))
    0.0
    """
    array = as_float_array(x, "x")
    with np.errstate(over="ignore"):
        positive = array >= 0
        exp_neg_abs = np.exp(-np.abs(array))
        return np.where(positive, 1 / (1 + exp_neg_abs), exp_neg_abs / (1 + exp_neg_abs))


def log_sigmoid(x: ArrayLike) -> np.ndarray:
    r"""``log(sigmoid(x)) = -softplus(-x) = min(x, 0) - log1p(exp(-|x|))``, stably.

    Examples
    --------
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    """
    array = as_float_array(x, "x")
    return np.minimum(array, 0) - np.log1p(np.exp(-np.abs(array)))
