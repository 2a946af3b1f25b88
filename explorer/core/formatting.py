"""Numbers as text that never lie: a probability of 0.004 never reads 0, nor 0.9999 read 1.

One function for every place a probability is printed (bar labels, readouts, figures), so
the window and an exported figure say the same.
"""

from __future__ import annotations

import math

#: Below this a probability is shown as "< 1e-16": float64 resolves nothing finer next to
#: the other classes' probabilities, which sum to about 1.
TINY = 1e-16


def _compact_exponent(text: str) -> str:
    """``4.0e-03`` -> ``4e-3``: scientific notation as short as it can be."""
    mantissa, _, exponent = text.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    sign = "-" if exponent.startswith("-") else ""
    return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"


def format_significant(value: float, digits: int = 2, *, leading_zero: bool = True) -> str:
    """``value`` with ``digits`` decimals, or more: a nonzero number never reads 0.

    Ordinary numbers get ``digits`` decimals; a number that would round to 0 keeps one or
    two significant digits (fixed down to 0.001), or ``max(digits, 2)`` in compact
    scientific notation below 0.001.

    Examples
    --------
    >>> format_significant(0.91234)
    '0.91'
    >>> format_significant(0.004)
    '0.004'
    >>> format_significant(0.0284)
    '0.028'
    >>> format_significant(-0.0001234)
    '-1.2e-4'
    >>> format_significant(0.000335351, 4)
    '3.354e-4'
    >>> format_significant(0.5, 3)
    '0.5'
    >>> format_significant(0.18, leading_zero=False)
    '.18'
    >>> format_significant(0.0)
    '0'
    """
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e5:
        return _compact_exponent(f"{value:.{max(digits - 1, 1)}e}")
    if magnitude < 1e-3:  # as many significant digits as ``digits`` asks, at least two
        return _compact_exponent(f"{value:.{max(digits - 1, 1)}e}")
    # Enough decimals that the first significant digit shows, and one after it for
    # numbers below 0.1 (0.028, not 0.03).
    first = -math.floor(math.log10(magnitude))  # 0.028 -> 2
    decimals = max(digits, first + 1 if magnitude < 0.1 else first)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not leading_zero and text.lstrip("-").startswith("0."):
        text = text.replace("0.", ".", 1)
    return text


def format_probability(p: float, digits: int = 2, *, leading_zero: bool = True) -> str:
    """A probability in (0, 1) as text that is never 0 and never 1.

    A softmax output is strictly between 0 and 1; printed with too few digits it reads
    0 or 1, which a student takes literally. Exact 0 and 1 (a one-hot target) stay.

    Examples
    --------
    >>> format_probability(0.004)
    '0.004'
    >>> format_probability(0.000123)
    '1.2e-4'
    >>> format_probability(1e-20)
    '< 1e-16'
    >>> format_probability(0.91234)
    '0.91'
    >>> format_probability(0.999)
    '> 0.99'
    >>> format_probability(0.99999, 4)
    '> 0.9999'
    >>> format_probability(1.0), format_probability(0.0)
    ('1', '0')
    >>> format_probability(0.995, 3)
    '0.995'
    """
    if not math.isfinite(p):
        return str(p)
    if p == 0 or p == 1:
        return str(int(p))
    if p < TINY:
        return "< 1e-16"
    if round(p, digits) >= 1:
        nines = "0." + "9" * digits
        return f"> {nines if leading_zero else nines[1:]}"
    return format_significant(p, digits, leading_zero=leading_zero)


__all__ = ["TINY", "format_probability", "format_significant"]
