"""explorer.core.simplex: the quantile of the simplex's colour range agrees with NumPy."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.core.simplex import LOSS_QUANTILE, quantile


@pytest.mark.parametrize("count", [1, 2, 3, 10, 1001, 45_000])
@pytest.mark.parametrize("q", [0.0, 0.1, 0.5, 0.85, LOSS_QUANTILE, 0.99, 1.0])
def test_quantile_is_numpys_linear_quantile_exactly(count, q):
    values = np.random.default_rng(count).normal(size=count) * 10.0 ** (count % 5)
    assert quantile(values, q) == float(np.quantile(values, q))


def test_quantile_leaves_its_input_alone():
    values = np.array([5.0, 1.0, 4.0, 2.0, 3.0])
    quantile(values, 0.5)
    assert values.tolist() == [5.0, 1.0, 4.0, 2.0, 3.0]


def test_start_up_does_not_import_numpy_ma():
    """The simplex image needs no numpy.ma (np.quantile's first call imports it)."""
    import subprocess
    import sys

    script = (
        "import sys, numpy as np\n"
        "from explorer.core.simplex import simplex_loss_image\n"
        "simplex_loss_image(np.array([1.0, 0.0, 0.0]))\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("q", [-0.1, 1.5, float("nan")])
def test_quantile_refuses_a_fraction_outside_0_to_1(q):
    with pytest.raises(ValueError):
        quantile(np.arange(10.0), q)


def test_quantile_of_values_with_a_nan_is_nan_and_of_none_an_error():
    assert np.isnan(quantile(np.array([1.0, np.nan, 3.0]), 0.3))
    with pytest.raises(ValueError):
        quantile(np.array([]), 0.5)
