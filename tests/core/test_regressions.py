"""Regressions found by review: each test names the behaviour it pins."""

import numpy as np
import pytest

from explorer.core import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    gradient_field,
    loss_surface,
)


@pytest.mark.parametrize(
    "function", [binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad]
)
def test_bce_weight_may_not_enlarge_the_input(function):
    with pytest.raises(ValueError, match="does not broadcast to"):
        function(np.zeros(3), np.ones(3), weight=np.ones((2, 3)))


@pytest.mark.parametrize("bad", [np.inf, np.nan])
@pytest.mark.parametrize("function", [gradient_field, loss_surface])
def test_plane_functions_refuse_bad_fixed_logits(function, bad):
    with pytest.raises(ValueError, match="fixed logits"):
        function([0.0, 0.0, bad], 0, (0, 1), [0.0], [0.0])
