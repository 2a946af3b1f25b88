"""What the lab's window needs of ``explorer.core.lab`` beyond its public calls, in one place.

- the batch size "all" (the trainer takes any size at least the number of training points);
- the gradient check on a sample of the training points (quick for 512 features too);
- the regions of a history snapshot's weights without restoring it (the
  history slider's preview): ``region_grid`` reads ``trainer.W``, so a stand-in trainer
  with other weights is passed, delegating everything else (its cached grid factors
  included) to the real one.
"""

from __future__ import annotations

import numpy as np

from ...core.lab import (
    GradientCheck,
    Trainer,
    feature_names,
    gradient_check,
    region_grid,
)
from ...core.lab.data import MAX_POINTS

#: The batch size that stands for "all the training points" (full-batch descent).
FULL_BATCH = MAX_POINTS


def batch_size_of(spin_value: int) -> int:
    """The trainer's batch size for the spin box's value (0 shows "all")."""
    return FULL_BATCH if spin_value <= 0 else int(spin_value)


def check_gradient(trainer: Trainer, max_points: int) -> tuple[GradientCheck, list[str]]:
    """The gradient check of the current W on the first ``max_points`` training points.

    Returns the check and the names of W's rows (the features, then "bias").
    """
    features, labels = trainer.training_arrays()
    config = trainer.config
    result = gradient_check(
        config.loss,
        np.asarray(trainer.W, dtype=np.float64),
        features[:max_points],
        labels[:max_points],
        config.reg,
        reg_convention=config.reg_convention,
    )
    return result, [*feature_names(trainer.features), "bias"]


class _WithWeights:
    """``trainer`` seen with other weights (read-only use by ``region_grid``)."""

    def __init__(self, trainer: Trainer, weights: np.ndarray):
        self._trainer = trainer
        self.W = weights

    def __getattr__(self, name):
        return getattr(self._trainer, name)


def regions_with(trainer: Trainer, weights: np.ndarray | None, bounds, resolution: int):
    """``region_grid`` of ``trainer`` with ``weights`` instead of its own (None: its own)."""
    if weights is None:
        return region_grid(trainer, bounds, resolution)
    return region_grid(_WithWeights(trainer, weights), bounds, resolution)  # type: ignore[arg-type]


def raw_weights(trainer: Trainer, weights: np.ndarray | None = None) -> np.ndarray | None:
    """``(2, K)``: the rows of W on x1 and x2 (the first two features), None without them."""
    if not trainer.features.raw:
        return None
    matrix = trainer.W if weights is None else weights
    return np.array(matrix[0:2], dtype=float)
