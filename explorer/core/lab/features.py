r"""Feature maps of the classifier lab: what the linear model sees of a point ``(x1, x2)``.

In order, each group switched on by :class:`FeatureConfig`:

- raw: :math:`x_1, x_2`
- squares: :math:`x_1^2, x_2^2, x_1 x_2`
- sines: :math:`\sin(\pi x_1), \sin(\pi x_2)`
- random Fourier features (Rahimi and Recht 2007), ``D = fourier`` of them:
  :math:`\sqrt{2/D}\,\cos(\omega_j \cdot x + b_j)` with
  :math:`\omega_j \sim \mathcal N(0, (\pi s)^2 I_2)`, :math:`b_j \sim U[0, 2\pi)`,
  ``s = fourier_width``; their inner products approximate the Gaussian kernel
  :math:`\exp(-\pi^2 s^2 \lVert x - x' \rVert^2 / 2)`.

The model's bias is not a feature here: the trainer appends the constant 1 itself.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ...messages import QT_TRANSLATE_NOOP
from ..classifier import matmul_one_thread
from .data import LabDataError, _is_int, _is_real

MAX_FOURIER = 512
FOURIER_WIDTH_RANGE = (1e-3, 100.0)


@dataclass(frozen=True)
class FeatureConfig:
    r"""Which feature maps are on (see the module docstring for each formula).

    Attributes
    ----------
    raw : bool
        :math:`x_1, x_2`.
    squares : bool
        :math:`x_1^2, x_2^2, x_1 x_2`.
    sines : bool
        :math:`\sin(\pi x_1), \sin(\pi x_2)`.
    fourier : int
        Number of random Fourier features, 0 to 512.
    fourier_width : float
        Their frequency scale ``s`` (0.001 to 100): frequencies are drawn with standard
        deviation :math:`\pi s` per axis; larger ``s``, finer detail.
    seed : int
        Seed of the random frequencies and phases.
    """

    raw: bool = True
    squares: bool = False
    sines: bool = False
    fourier: int = 0
    fourier_width: float = 1.0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("raw", "squares", "sines"):
            if not isinstance(getattr(self, name), bool):
                raise LabDataError(
                    "LabData",
                    QT_TRANSLATE_NOOP("LabData", "the feature switch {name} must be true or false"),
                    name=name,
                )
        if not _is_int(self.fourier) or not 0 <= int(self.fourier) <= MAX_FOURIER:
            raise LabDataError(
                "LabData",
                QT_TRANSLATE_NOOP(
                    "LabData",
                    "the number of Fourier features must be a whole number from 0 to {limit}",
                ),
                limit=MAX_FOURIER,
            )
        low, high = FOURIER_WIDTH_RANGE
        if not _is_real(self.fourier_width) or not low <= float(self.fourier_width) <= high:
            raise LabDataError(
                "LabData",
                QT_TRANSLATE_NOOP(
                    "LabData", "the Fourier width must be a number from {low} to {high}"
                ),
                low=low,
                high=high,
            )
        if not _is_int(self.seed) or not 0 <= int(self.seed) < 2**63:
            raise LabDataError(
                "LabData", QT_TRANSLATE_NOOP("LabData", "the seed must be a whole number >= 0")
            )
        object.__setattr__(self, "fourier", int(self.fourier))
        object.__setattr__(self, "fourier_width", float(self.fourier_width))
        object.__setattr__(self, "seed", int(self.seed))

    @property
    def dimension(self) -> int:
        """``D``, the number of features (without the bias)."""
        return 2 * self.raw + 3 * self.squares + 2 * self.sines + self.fourier


def feature_names(config: FeatureConfig) -> list[str]:
    """Names of the ``D`` features, in the columns' order (ASCII).

    Examples
    --------
    >>> feature_names(FeatureConfig(squares=True, sines=True, fourier=2))
    ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(pi*x1)', 'sin(pi*x2)', 'rff1', 'rff2']
    """
    names: list[str] = []
    if config.raw:
        names += ["x1", "x2"]
    if config.squares:
        names += ["x1^2", "x2^2", "x1*x2"]
    if config.sines:
        names += ["sin(pi*x1)", "sin(pi*x2)"]
    names += [f"rff{index + 1}" for index in range(config.fourier)]
    return names


@functools.lru_cache(maxsize=16)
def _fourier_parameters(count: int, width: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng([seed, 0x5EED])
    frequencies = rng.standard_normal((2, count)) * (math.pi * width)
    phases = rng.uniform(0.0, 2.0 * math.pi, count)
    frequencies.flags.writeable = False
    phases.flags.writeable = False
    return frequencies, phases


def fourier_parameters(config: FeatureConfig) -> tuple[np.ndarray, np.ndarray]:
    """``(omega, b)`` of the random Fourier features: ``(2, D)`` frequencies, ``(D,)`` phases.

    Drawn from ``config.seed`` (deterministic) and cached; read-only arrays.
    """
    return _fourier_parameters(config.fourier, config.fourier_width, config.seed)


def feature_matrix(config: FeatureConfig, points: ArrayLike) -> np.ndarray:
    """The ``(N, D)`` float64 features of ``(N, 2)`` points, without the bias column.

    Examples
    --------
    >>> feature_matrix(FeatureConfig(squares=True), [[2.0, 3.0]]).tolist()
    [[2.0, 3.0, 4.0, 9.0, 6.0]]
    >>> features = feature_matrix(FeatureConfig(raw=False, fourier=100), np.zeros((1, 2)))
    >>> features.shape, bool(np.allclose(features, feature_matrix(
    ...     FeatureConfig(raw=False, fourier=100), np.zeros((1, 2)))))
    ((1, 100), True)
    """
    xy = np.asarray(points, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"points must be an (N, 2) array; got shape {xy.shape}")
    count = xy.shape[0]
    out = np.empty((count, config.dimension))
    x1, x2 = xy[:, 0], xy[:, 1]
    column = 0
    if config.raw:
        out[:, 0:2] = xy
        column = 2
    if config.squares:
        np.multiply(x1, x1, out=out[:, column])
        np.multiply(x2, x2, out=out[:, column + 1])
        np.multiply(x1, x2, out=out[:, column + 2])
        column += 3
    if config.sines:
        np.sin(math.pi * xy, out=out[:, column : column + 2])
        column += 2
    if config.fourier:
        frequencies, phases = fourier_parameters(config)
        block = out[:, column:]
        matmul_one_thread(xy, frequencies, out=block)
        block += phases
        np.cos(block, out=block)
        block *= math.sqrt(2.0 / config.fourier)
    return out


__all__ = [
    "FOURIER_WIDTH_RANGE",
    "MAX_FOURIER",
    "FeatureConfig",
    "feature_matrix",
    "feature_names",
    "fourier_parameters",
]
