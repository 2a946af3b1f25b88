"""Nice numbers: steps, ranges rounded outwards, contour levels and labelled ticks."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.nice import (
    STEPS_125,
    nice_levels,
    nice_range,
    nice_step,
    nice_ticks,
    round_outward,
)

positive = st.floats(min_value=1e-300, max_value=1e300, allow_nan=False, allow_infinity=False)


@given(positive)
def test_a_step_is_the_smallest_series_value_at_least_the_request(raw):
    step = nice_step(raw)
    assert step >= raw
    mantissa = step / 10.0 ** math.floor(math.log10(step) + 1e-9)
    assert round(mantissa, 9) in (1, 2, 2.5, 5, 10)
    assert step <= 2.5 * raw * (1 + 1e-12)  # the next value down would be too small


def test_steps_follow_the_chosen_series():
    assert [nice_step(r) for r in (0.3, 1.0, 1.1, 2.4, 3.0, 7.0)] == [
        0.5,
        1.0,
        2.0,
        2.5,
        5.0,
        10.0,
    ]
    assert nice_step(2.4, STEPS_125) == 5.0
    assert nice_step(1.45e-3, STEPS_125) == pytest.approx(2e-3)


def test_ranges_rounded_outwards_cover_the_ends_and_stay_still_under_small_moves():
    assert round_outward(-1.3, 2.0, 0.5) == (-1.5, 2.0)
    assert nice_range(0.02, 13.7) == (0.0, 14.0)
    low, high = nice_range(0.0213, 2.08)
    assert low <= 0.0213 and high >= 2.08
    assert high - low <= (2.08 - 0.0213) * 1.1
    assert nice_range(0.03, 13.5) == nice_range(0.02, 13.7)
    assert nice_range(1.0, 1.0) == (1.0, 1.0)
    assert nice_range(2.0, 1.0) == (2.0, 2.0)  # not a range: flat, at its start


@given(
    st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False),
    st.floats(1e-6, 1e6, allow_nan=False),
)
def test_a_nice_range_covers_within_two_steps(low, span):
    high = low + span
    if not high > low:
        return
    rounded_low, rounded_high = nice_range(low, high)
    step = nice_step((high - low) / 20)
    rounding = 4 * np.finfo(float).eps * max(abs(low), abs(high), step)  # k * step's error
    assert rounded_low <= low + rounding and rounded_high >= high - rounding
    assert (low - rounded_low) + (rounded_high - high) <= 2 * step + rounding


def test_levels_are_round_and_strictly_inside():
    assert nice_levels(0.0, 10.0, 5).tolist() == [2.0, 4.0, 6.0, 8.0]
    levels = nice_levels(0.13, 11.7, 10)  # a step of at least 1.157: 2
    assert levels.tolist() == [2.0, 4.0, 6.0, 8.0, 10.0]
    for bad in ((1.0, 1.0), (2.0, 1.0), (0.0, np.inf), (np.nan, 1.0)):
        assert nice_levels(*bad).size == 0
    assert nice_levels(0.0, 1.0, 0).size == 0


def _labels(low, high):
    return [text for _, text in nice_ticks(low, high)]


def test_tick_labels_carry_the_digits_that_tell_neighbours_apart():
    assert _labels(0.0, 14.0) == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert _labels(0.0, 15.0) == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0"]
    assert _labels(0.1, 0.35) == ["0.10", "0.15", "0.20", "0.25", "0.30", "0.35"]
    assert _labels(-0.5, 0.5) == ["-0.4", "-0.2", "0.0", "0.2", "0.4"]
    assert _labels(0.6931, 0.6931 + 1e-14) == ["0.6931"]
    assert _labels(5.0, 5.0) == ["5"]
    assert nice_ticks(0.0, np.inf) == [] and nice_ticks(np.nan, 1.0) == []
    for low, high in ((0.0, 3e-13), (1e-14, 2e-14), (1e7, 1e7 + 50), (-0.002, 0.001)):
        texts = _labels(low, high)
        assert len(texts) >= 3 and len(set(texts)) == len(texts), texts


@given(st.floats(-1e9, 1e9, allow_nan=False), st.floats(1e-9, 1e9, allow_nan=False))
def test_ticks_lie_within_the_range_in_even_steps(low, span):
    high = low + span
    ticks = nice_ticks(low, high)
    values = [value for value, _ in ticks]
    assert ticks
    tolerance = 1e-9 * max(abs(low), abs(high), span)
    assert values[0] >= low - tolerance and values[-1] <= high + tolerance
    if len(values) > 2:
        step = values[1] - values[0]
        np.testing.assert_allclose(np.diff(values), step, rtol=1e-6, atol=4 * tolerance)
