"""The probability simplex of three classes drawn as a triangle."""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import ArrayLike

from .contours import contour_segments
from .loss_objects import CrossEntropyLoss, SoftmaxLoss
from .nice import nice_levels

#: Triangle corners in the plane: class 0 bottom-left, class 1 bottom-right, class 2 on top.
SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def simplex_to_xy(probabilities: ArrayLike) -> np.ndarray:
    """Map distributions over 3 classes ``(..., 3)`` to points of the triangle ``(..., 2)``.

    Examples
    --------
    >>> simplex_to_xy([1.0, 0.0, 0.0]).tolist()
    [0.0, 0.0]
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    if probs.shape[-1] != 3:
        raise ValueError(f"the simplex view needs 3 classes; got {probs.shape[-1]}")
    return probs @ SIMPLEX_CORNERS


def xy_to_simplex(points: ArrayLike) -> np.ndarray:
    """Barycentric coordinates ``(..., 3)`` of plane points ``(..., 2)`` (negative outside).

    Examples
    --------
    >>> np.round(xy_to_simplex([0.5, np.sqrt(3) / 6]), 12).tolist()
    [0.333333333333, 0.333333333333, 0.333333333333]
    """
    xy = np.asarray(points, dtype=np.float64)
    height = SIMPLEX_CORNERS[2, 1]
    p2 = xy[..., 1] / height
    p1 = xy[..., 0] - 0.5 * p2
    p0 = 1.0 - p1 - p2
    return np.stack([p0, p1, p2], axis=-1)


def simplex_grid(resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel centres covering the triangle's bounding box.

    Returns
    -------
    tuple
        ``(x, y, probabilities)``: ``x`` of length ``resolution``, ``y`` of length
        ``round(resolution * sqrt(3) / 2)``, and ``(len(y), len(x), 3)`` barycentric
        coordinates (NaN outside the triangle).
    """
    width = int(resolution)
    rows = max(2, round(width * SIMPLEX_CORNERS[2, 1]))
    x = (np.arange(width) + 0.5) / width
    y = (np.arange(rows) + 0.5) / rows * SIMPLEX_CORNERS[2, 1]
    probs = xy_to_simplex(np.stack(np.meshgrid(x, y), axis=-1))
    outside = np.any(probs < 0, axis=-1)
    probs[outside] = np.nan
    return x, y, probs


#: Width of the loss image in pixels (its height follows the triangle's).
IMAGE_RESOLUTION = 180
#: About this many contour lines between the lowest loss and the top of the colour scale.
CONTOUR_COUNT = 8
#: Pixels of the image per contour-grid cell (the contours' resolution is half the image's).
CONTOUR_STRIDE = 2
#: The colour scale of a log loss spans at least this much above its minimum ``H(t)``.
MIN_LOSS_SPAN = 2.5
#: ... or up to this quantile of the loss over the triangle, whichever is higher.
LOSS_QUANTILE = 0.95
#: Probabilities are floored here when the loss field is extended past the triangle's edges.
PROBABILITY_FLOOR = 1e-9


@functools.cache
def _simplex_pixels(resolution: int):
    """Everything about the image's pixels that does not depend on the target (cached)."""
    x, y, probs = simplex_grid(resolution)
    # The view clips the image to the exact triangle, so pixels cut by an edge need values
    # too: extend the field a little past the edges (floored, renormalised p). That also
    # lets contour lines run right up to the outline. Only pixels wholly outside are NaN.
    barycentric = xy_to_simplex(np.stack(np.meshgrid(x, y), axis=-1))
    outside = np.any(barycentric < -1.5 / resolution, axis=-1)
    extended = np.maximum(barycentric, PROBABILITY_FLOOR)
    extended /= extended.sum(axis=-1, keepdims=True)
    extended = extended.reshape(-1, 3)
    for array in (x, y, probs, outside, extended):
        array.flags.writeable = False  # shared by every call
    return x, y, probs, outside, extended


def quantile(values: np.ndarray, q: float) -> float:
    r"""The ``q`` quantile of a non-empty 1-D array, as ``np.quantile`` computes it (linear).

    .. math:: h = q\,(n - 1),\quad Q = v_{(\lfloor h \rfloor)}
              + (h - \lfloor h \rfloor)\,(v_{(\lceil h \rceil)} - v_{(\lfloor h \rfloor)})

    with :math:`v_{(i)}` the sorted values (found by partitioning, not sorting). The same
    numbers as ``np.quantile`` without its first call's import of ``numpy.ma`` (8-18 ms of
    the explorer's start-up, for the simplex's colour range).

    Examples
    --------
    >>> values = np.array([4.0, 1.0, 3.0, 2.0])
    >>> quantile(values, 0.5) == float(np.quantile(values, 0.5))
    True
    """
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"a quantile is between 0 and 1, not {q!r}")
    if values.size == 0:
        raise ValueError("the quantile of no values")
    if np.isnan(values).any():
        return float("nan")
    count = values.size
    position = q * (count - 1)
    below = int(np.floor(position))
    above = min(below + 1, count - 1)
    low, high = np.partition(values, (below, above))[[below, above]]
    fraction = position - below
    # As NumPy's _lerp: from the nearer end, so that q = 1 gives the largest value exactly.
    if fraction >= 0.5:
        return float(high - (high - low) * (1 - fraction))
    return float(low + (high - low) * fraction)


def simplex_loss_image(
    target: np.ndarray, resolution: int = IMAGE_RESOLUTION, loss: SoftmaxLoss | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """A loss over the triangle of three-class distributions ``p`` (cross-entropy default).

    Parameters
    ----------
    target : numpy.ndarray
        The effective target distribution ``t``, shape ``(3,)``.
    resolution : int
        Pixels across the triangle's bounding box (see :func:`simplex_grid`).
    loss : SoftmaxLoss, optional
        The loss as a function of ``p`` (:meth:`SoftmaxLoss.of_probabilities`); the
        cross-entropy ``H(t, p) = -sum t log p`` when None.

    Returns
    -------
    tuple
        ``(image, segments, levels)``: the loss at the pixel centres, ``(rows, resolution)``
        (read-only) with row 0 at the bottom, NaN for pixels wholly outside the triangle
        (pixels cut by an edge hold the loss just inside it); contour segments
        ``(M, 2, 2)`` in the plane of :data:`SIMPLEX_CORNERS`; and a readable colour range
        ``(low, high)`` (a log loss is infinite on the edges where ``t > 0``).

    Examples
    --------
    >>> image, segments, (low, high) = simplex_loss_image(np.array([1.0, 0.0, 0.0]), 40)
    >>> image.shape, low, high >= 2.5
    ((35, 40), 0.0, True)
    """
    loss = loss or CrossEntropyLoss()
    x, y, probs, outside, extended = _simplex_pixels(resolution)
    target = np.asarray(target, dtype=np.float64)
    values = np.asarray(loss.of_probabilities(extended, target), dtype=np.float64)
    values = values.reshape(outside.shape)
    inside_values = values[~np.isnan(probs[..., 0])]
    finite = inside_values[np.isfinite(inside_values)]
    # The lowest loss: at p = t for these losses (H(t) for cross-entropy), or lower on
    # the grid (focal with a soft target).
    at_target = float(loss.of_probabilities(target[None, :], target)[0])
    low = min(at_target, float(finite.min())) if finite.size else at_target
    log_loss = loss.key != "squared_error"
    span = MIN_LOSS_SPAN if log_loss else 0.0
    high = max(low + span, quantile(finite, LOSS_QUANTILE) if finite.size else low)
    # A round top for the colour bar: halves for log losses, finer for squared error.
    rounding = 2 if log_loss else 20
    high = float(np.ceil(high * rounding) / rounding)
    if high <= low:
        high = low + 1.0 / rounding
    levels = nice_levels(low, high, CONTOUR_COUNT)
    # Contours from every other pixel, as the surface's (CONTOUR_STRIDE): at 180 pixels
    # a segment spanned 1-2 screen pixels, and drawing each one's setup cost more than its
    # ink (1,348 segments for a hard label; 2.5-pixel chords look the same).
    step = CONTOUR_STRIDE
    segments = contour_segments(values[::step, ::step], levels, x[::step], y[::step])
    if segments.size:
        middles = xy_to_simplex(segments.mean(axis=1))
        segments = segments[np.all(middles >= 0, axis=-1)]
    image = np.where(outside, np.nan, values)
    image.flags.writeable = False  # shown from caches: never changed in place
    return image, segments, (low, high)
