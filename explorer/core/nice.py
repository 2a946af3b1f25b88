"""Round ("nice") numbers for axes, colour scales and contour levels.

Every view that picks a step, rounds a range outwards or labels ticks takes it from here:
steps are ``m * 10**k`` with the mantissa ``m`` from a short list (1, 2, 2.5, 5 by default),
so neighbouring values differ in one digit and read at a glance.
"""

from __future__ import annotations

import math

import numpy as np

#: Mantissas of a step: 1, 2, 2.5 and 5 times a power of ten (10 closes the decade).
STEPS = (1, 2, 2.5, 5, 10)
#: Mantissas of a coarser series without 2.5: 1, 2 and 5 times a power of ten.
STEPS_125 = (1, 2, 5, 10)


def nice_step(raw: float, mantissas: tuple[float, ...] = STEPS) -> float:
    r"""The smallest ``m * 10**k`` (``m`` from ``mantissas``) that is at least ``raw > 0``.

    .. math:: \mathrm{step} = \min\{m\,10^k : m \in \mathrm{mantissas},\ m\,10^k \ge r\},
              \qquad k = \lfloor \log_{10} r \rfloor

    ``mantissas`` must hold 10 (or a larger value), so that a step exists in the decade.

    Examples
    --------
    >>> nice_step(0.3), nice_step(2.4), nice_step(2.4, STEPS_125), nice_step(7.0)
    (0.5, 2.5, 5.0, 10.0)
    """
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return float(magnitude * min(m for m in mantissas if m * magnitude >= raw))


def round_outward(low: float, high: float, step: float) -> tuple[float, float]:
    r"""``low`` and ``high`` rounded outwards to whole multiples of ``step > 0``.

    .. math:: (\lfloor lo / s \rfloor s,\ \lceil hi / s \rceil s)

    Examples
    --------
    >>> round_outward(0.02, 13.7, 1.0)
    (0.0, 14.0)
    >>> round_outward(-1.3, 2.0, 0.5)
    (-1.5, 2.0)
    """
    return math.floor(low / step) * step, math.ceil(high / step) * step


def nice_range(
    low: float, high: float, steps: int = 20, mantissas: tuple[float, ...] = STEPS
) -> tuple[float, float]:
    """The ends of a scale covering ``low..high``, rounded outwards to a nice step.

    The step is :func:`nice_step` of ``(high - low) / steps``; rounding costs at most two
    steps of the scale. A range that is not positive (flat, or NaN) is ``(low, low)``.

    Examples
    --------
    >>> nice_range(0.02, 13.7)
    (0.0, 14.0)
    >>> nice_range(1.0, 1.0)
    (1.0, 1.0)
    """
    span = high - low
    if not span > 0:
        return low, low
    return round_outward(low, high, nice_step(span / steps, mantissas))


def nice_levels(low: float, high: float, count: int = 10) -> np.ndarray:
    """About ``count`` round levels strictly inside ``(low, high)`` (contour lines).

    Examples
    --------
    >>> nice_levels(0.0, 10.0, 5).tolist()
    [2.0, 4.0, 6.0, 8.0]
    >>> nice_levels(1.0, 1.0).size
    0
    """
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low or count < 1:
        return np.empty(0)
    step = nice_step((high - low) / count)
    first = np.floor(low / step) * step + step
    levels = np.arange(first, high, step)
    return levels[(levels > low) & (levels < high)]


def nice_ticks(low: float, high: float, count: int = 6) -> list[tuple[float, str]]:
    """Round values from ``low`` to ``high`` (inclusive), about ``count``, with labels.

    The step is 1, 2, 2.5 or 5 times a power of ten; labels carry the digits that tell
    neighbours apart (fixed decimals, or significant digits for very small or large
    values). A flat range (``high - low`` at most 1e-12 of the values) gets one tick, a
    range that is not finite none.

    Examples
    --------
    >>> [text for _, text in nice_ticks(0.0, 14.0)]
    ['0.0', '2.5', '5.0', '7.5', '10.0', '12.5']
    >>> nice_ticks(0.0, 0.55)[-1]
    (0.5, '0.5')
    >>> nice_ticks(3.0, 3.0)
    [(3.0, '3')]
    """
    span = high - low
    if not math.isfinite(span):
        return []
    if span <= 1e-12 * max(abs(low), abs(high)):
        return [(low, f"{low:.6g}")]
    step = nice_step(span / count)
    exponent = math.floor(math.log10(step) + 1e-9)
    two_and_a_half = round(step / 10.0**exponent, 9) == 2.5  # needs one more decimal
    decimals = max(0, -exponent + (1 if two_and_a_half else 0))
    largest = max(abs(low), abs(high))
    if decimals <= 6 and largest < 1e6:
        label = f"{{:.{decimals}f}}"
    else:
        significant = max(1, math.floor(math.log10(largest)) - exponent + 2)
        label = f"{{:.{significant}g}}"
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    ticks = []
    for k in range(first, last + 1):
        value = k * step
        text = label.format(value)
        # "-0" and "-0.0" read as negative zero on a scale starting at 0.
        ticks.append((value, text[1:] if text.lstrip("-0.") == "" and text[0] == "-" else text))
    return ticks


__all__ = [
    "STEPS",
    "STEPS_125",
    "nice_levels",
    "nice_range",
    "nice_step",
    "nice_ticks",
    "round_outward",
]
