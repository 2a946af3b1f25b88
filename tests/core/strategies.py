"""Hypothesis strategies, example budgets and the finite-difference gradient check shared by
the property tests of ``tests/core``.

Tolerances are derived, not tuned; the recurring arguments are:

* ``eps`` is the machine epsilon of the dtype under test. A handful of roundings on a value
  of magnitude ``M`` costs about ``k * eps * M`` absolute error, with ``k`` the number of
  operations (we allow 4-64 depending on the length of the computation).
* Central differences ``(f(x + h) - f(x - h)) / 2h`` with ``h = 1e-6`` in float64: rounding
  contributes ``~ k * eps * |f| / h`` (k ~ 64 operations -> 1.4e-8 per unit of ``|f|``),
  truncation ``h**2 / 6 * |f'''|`` (< 1e-9 for the smooth, bounded-curvature losses here with
  temperatures >= 0.5). Hence ``rtol=1e-5`` plus that absolute term.
"""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = [np.float32, np.float64]


EPS64 = float(np.finfo(np.float64).eps)


H = 1e-6  # finite-difference step, float64 only


# Cheap properties get more examples than the finite-difference ones (each FD example costs
# 2 * (number of inputs) loss evaluations). The whole module runs in a few seconds.
FAST = settings(max_examples=50, deadline=None)


MEDIUM = settings(max_examples=30, deadline=None)


SLOW = settings(max_examples=15, deadline=None)


def eps_of(dtype) -> float:
    return float(np.finfo(dtype).eps)


def float_elements(dtype, low, high):
    width = 32 if np.dtype(dtype) == np.float32 else 64
    return st.floats(low, high, width=width, allow_nan=False, allow_infinity=False)


@st.composite
def logit_arrays(
    draw,
    dtype=np.float64,
    bound=1e4,
    min_classes=1,
    max_classes=8,
    batch=True,
    masked=True,
):
    """``(C,)`` or ``(N, C)`` logits in ``[-bound, bound]``, some masked to ``-inf``.

    Every row keeps at least one finite entry (an all-masked row has no distribution; that
    case has its own explicit tests).
    """
    num_classes = draw(st.integers(min_classes, max_classes))
    if batch and draw(st.booleans()):
        shape = (draw(st.integers(1, 4)), num_classes)
    else:
        shape = (num_classes,)
    values = draw(hnp.arrays(dtype, shape, elements=float_elements(dtype, -bound, bound)))
    if masked and num_classes > 1 and draw(st.booleans()):
        mask = draw(hnp.arrays(np.bool_, shape))
        keep = draw(hnp.arrays(np.intp, shape[:-1], elements=st.integers(0, num_classes - 1)))
        np.put_along_axis(mask, np.asarray(keep)[..., None], False, axis=-1)
        values = np.where(mask, -np.inf, values).astype(dtype)
    return values


def dyadic(bound=1e4):
    """Multiples of 1/64 in [-bound, bound]: sums of two stay exact even in float32.

    |z + c| <= 2e4 and a 1/64 grid need 2e4 * 64 = 1.28e6 < 2**24 steps, so z + c and
    (z + c) - max(z + c) are exactly representable in float32 and float64.
    """
    limit = int(bound * 64)
    return st.integers(-limit, limit).map(lambda n: n / 64)


@st.composite
def distributions(draw, num_classes, allow_zeros=True, normalise=True):
    low = 0.0 if allow_zeros else 1e-3
    raw = np.array(
        draw(st.lists(st.floats(low, 1.0), min_size=num_classes, max_size=num_classes)),
        dtype=np.float64,
    )
    if raw.sum() == 0:
        raw[draw(st.integers(0, num_classes - 1))] = 1.0
    return raw / raw.sum() if normalise else raw


temperatures = st.floats(0.5, 4.0)


# Positive smoothings below 1e-6 only probe whether eps / K underflows in float32 (a separate
# edge case, test_losses.py::test_tiny_label_smoothing_with_a_masked_class).
smoothings = st.one_of(st.just(0.0), st.just(1.0), st.floats(1e-6, 1.0))


def central_difference(f, x, h=H):
    """Central-difference gradient of scalar ``f`` at float64 ``x``; also the max |f| seen.

    Masked (``-inf``) inputs stay ``-inf`` under any finite step, so their derivative is 0.
    The step actually taken, ``(x + h) - (x - h)``, is used as the divisor.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    scale = abs(float(f(x)))
    for index in np.ndindex(x.shape):
        if not np.isfinite(x[index]):
            continue
        up, down = x.copy(), x.copy()
        up[index] += h
        down[index] -= h
        f_up, f_down = float(f(up)), float(f(down))
        grad[index] = (f_up - f_down) / (up[index] - down[index])
        scale = max(scale, abs(f_up), abs(f_down))
    return grad, scale


def assert_gradient(f, x, analytic, h=H, rtol=1e-5):
    numeric, scale = central_difference(f, x, h)
    # Rounding: ~64 roundings of relative size eps on values up to `scale`, divided by 2h.
    # Truncation: h**2 * |f'''| / 6 < 1e-9 for these losses (see module docstring).
    atol = 64 * EPS64 * (1.0 + scale) / h + 1e-9
    assert np.asarray(analytic).shape == np.shape(x)
    np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=atol)


@st.composite
def single_examples(draw, bound=8.0, soft=True):
    z = draw(logit_arrays(np.float64, bound=bound, min_classes=2, batch=False, masked=False))
    if soft and draw(st.booleans()):
        target = draw(distributions(z.size))
    else:
        target = draw(st.integers(0, z.size - 1))
    return z, target
