import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.formatting import format_probability, format_significant


@pytest.mark.parametrize(
    ("p", "digits", "text"),
    [
        (0.004, 2, "0.004"),
        (0.0284, 2, "0.028"),
        (0.91234, 2, "0.91"),
        (0.000123, 2, "1.2e-4"),
        (1e-20, 2, "< 1e-16"),
        (0.999, 2, "> 0.99"),
        (0.99999, 4, "> 0.9999"),
        (1 - 1e-17, 4, "1"),  # (float64's 1.0: exactly a one-hot target)
        (0.0, 2, "0"),
        (1.0, 2, "1"),
        (0.5, 2, "0.5"),
        (0.18, 2, "0.18"),
    ],
)
def test_probabilities_read_as_they_are(p, digits, text):
    assert format_probability(p, digits) == text


@given(st.floats(min_value=1e-300, max_value=1 - 1e-15), st.sampled_from([2, 3, 4]))
def test_a_probability_strictly_inside_never_reads_0_or_1(p, digits):
    for leading_zero in (True, False):
        text = format_probability(p, digits, leading_zero=leading_zero)
        if text.startswith(("<", ">")):
            continue
        shown = float(text)
        assert 0 < shown < 1
        assert math.isclose(shown, p, rel_tol=0.1)  # one significant digit at least


@given(st.floats(min_value=-1, max_value=1).filter(lambda value: value != 0))
def test_a_nonzero_value_never_reads_0(value):
    assert float(format_significant(value, 2)) != 0


def test_without_leading_zero_the_number_is_the_same():
    assert format_probability(0.028, leading_zero=False) == ".028"
    assert format_significant(-0.52, leading_zero=False) == "-.52"
