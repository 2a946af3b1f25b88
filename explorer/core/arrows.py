"""Arrow geometry for fields of gradient arrows: segments a view draws as they are.

Qt-free, so the numbers a view draws are computed (and tested) without a window.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

ARROW_HEAD_ANGLE = np.deg2rad(28)
#: Cosine and sine of the two head strokes' turns, +ARROW_HEAD_ANGLE and -ARROW_HEAD_ANGLE.
_HEAD_COS = np.cos([ARROW_HEAD_ANGLE, -ARROW_HEAD_ANGLE])
_HEAD_SIN = np.sin([ARROW_HEAD_ANGLE, -ARROW_HEAD_ANGLE])
_HEAD_TURNS = tuple(zip(_HEAD_COS.tolist(), _HEAD_SIN.tolist(), strict=True))  # in Python


def arrow_segments(
    tails: ArrayLike, vectors: ArrayLike, head_fraction: float = 0.35
) -> tuple[np.ndarray, np.ndarray]:
    """Shafts and heads of arrows as ``connect="pairs"`` point lists.

    Each head is two strokes back from the tip: ``-head_fraction * v`` turned by
    ``+-ARROW_HEAD_ANGLE``.

    Parameters
    ----------
    tails, vectors : numpy.ndarray
        ``(N, 2)`` arrow starts and displacement vectors (data units).
    head_fraction : float
        Head length relative to the arrow.

    Returns
    -------
    tuple of numpy.ndarray
        ``(shafts, heads)``, each ``(2 * segments, 2)`` with consecutive points paired.
    """
    tails = np.asarray(tails, dtype=float).reshape(-1, 2)
    vectors = np.asarray(vectors, dtype=float).reshape(-1, 2)
    tips = tails + vectors
    shafts = np.stack([tails, tips], axis=1).reshape(-1, 2)
    back_x, back_y = (vectors * -head_fraction).T[:, :, None]  # (N, 1) each
    heads = np.empty((len(tails), 2, 2, 2))  # arrow, stroke, point, coordinate
    heads[:, :, 0] = tips[:, None]
    # Turned by each stroke's angle (elementwise: a matrix product would wake BLAS).
    heads[:, :, 1, 0] = tips[:, 0, None] + back_x * _HEAD_COS - back_y * _HEAD_SIN
    heads[:, :, 1, 1] = tips[:, 1, None] + back_x * _HEAD_SIN + back_y * _HEAD_COS
    return shafts, heads.reshape(-1, 2)


def arrow_points(
    tail: tuple[float, float], vector: tuple[float, float], head_fraction: float = 0.35
) -> list[tuple[float, float]]:
    """One arrow as :func:`arrow_segments` draws it, in plain Python (no NumPy calls).

    Returns the six points ``[tail, tip, tip, head_1, tip, head_2]`` (its shaft and two
    head strokes, paired), equal to ``np.concatenate(arrow_segments(tail, vector,
    head_fraction))``. The arrow at the current point moves on every drag event, where
    NumPy's overhead for a handful of numbers was most of its cost.
    """
    x, y = float(tail[0]), float(tail[1])
    tip_x, tip_y = x + float(vector[0]), y + float(vector[1])
    back_x, back_y = float(vector[0]) * -head_fraction, float(vector[1]) * -head_fraction
    points = [(x, y), (tip_x, tip_y)]
    for cos, sin in _HEAD_TURNS:
        points.append((tip_x, tip_y))
        points.append((tip_x + back_x * cos - back_y * sin, tip_y + back_x * sin + back_y * cos))
    return points


def scaled_to_longest(vectors: ArrayLike, length: float) -> np.ndarray:
    """Vectors ``(N, 2)`` scaled together so the longest is ``length`` long.

    The scaling is safe for any finite entries: vectors are first divided by their largest
    component, so their lengths never overflow (``hypot`` of two 1e308s is inf) and a
    field of tiny gradients keeps its shape. Non-finite vectors and an all-zero field
    become zero-length arrows.

    Examples
    --------
    >>> scaled_to_longest([[3.0, 4.0], [0.0, 1.0]], 10.0).tolist()
    [[6.0, 8.0], [0.0, 2.0]]
    >>> scaled_to_longest([[1e308, 1e308], [0.0, 0.0]], 1.0).round(6).tolist()
    [[0.707107, 0.707107], [0.0, 0.0]]
    """
    array = np.asarray(vectors, dtype=np.float64).reshape(-1, 2)
    result = np.where(np.isfinite(array).all(axis=1, keepdims=True), array, 0.0)
    peak = float(np.max(np.abs(result))) if result.size else 0.0
    if peak == 0.0:
        return np.zeros_like(result)
    result = result / peak
    longest = float(np.max(np.hypot(result[:, 0], result[:, 1])))
    return result * (length / longest)


__all__ = ["ARROW_HEAD_ANGLE", "arrow_points", "arrow_segments", "scaled_to_longest"]
