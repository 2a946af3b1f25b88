r"""Training the lab's linear classifier: minibatch SGD with momentum, step by step.

The model is :math:`s = [\phi(x), 1]\,W` with ``W`` of shape ``(D + 1, K)``: the bias is
the **last row** of ``W``, the weight of a constant feature 1 appended to the features
(the course's "bias trick"), and it is regularised together with the other weights. One
step on a minibatch ``B``:

.. math:: g = \nabla_W L_B(W),\qquad v \leftarrow \mu v - \eta g,\qquad W \leftarrow W + v

(the course's momentum update). Batches are slices of a permutation of the training
points drawn afresh each epoch from the seed and the epoch's number, so a run is a pure
function of the seed: :meth:`Trainer.reset` replays it exactly.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ...messages import QT_TRANSLATE_NOOP, MessageError
from ..classifier import (
    ONE_THREAD_WORK,
    matmul_one_thread,
    reg_scale,
    softmax_scores_loss,
    transposed_product,
)
from .data import Dataset, LabDataError, _is_int, _is_real
from .features import FeatureConfig, feature_matrix, fourier_parameters
from .losses import LOSSES, REG_CONVENTIONS, SVM_DELTA, svm_scores_loss

#: The history keeps every step until it holds this many snapshots (or HISTORY_BYTES of
#: weights), then halves itself to every 2nd step, later every 4th, and so on.
HISTORY_LIMIT = 5000
HISTORY_BYTES = 64 * 2**20
#: Below this many points there is no validation split.
MIN_POINTS_FOR_VALIDATION = 5
#: Standard deviation of the initial weights (the bias row starts at 0).
INITIAL_SCALE = 0.01
LEARNING_RATE_LIMIT = 1e300
#: Weights beyond this size stop training like an overflow: every probability has long
#: been 0 or 1, and their squares (the penalty) would overflow.
WEIGHT_LIMIT = 1e100
REG_LIMIT = 1e6
#: Evaluating every point (the snapshot of a step) may cost about this many multiply-adds,
#: or a step's own work if that is more; beyond it the history records every 2nd, 4th, ...
#: step from the start, so 100,000 points do not make each minibatch step 100 times dearer.
SNAPSHOT_WORK = 2**20
#: Elementwise passes of the loss and accuracy over each score (exp, log, max, ...), in
#: multiply-adds: the snapshot's cost per point and class besides the product.
_PASSES_PER_SCORE = 32
MAX_STEPS_PER_CALL = 1_000_000
_QUIET = {"over": "ignore", "under": "ignore", "invalid": "ignore", "divide": "ignore"}


class TrainingError(MessageError):
    """Training stopped: the loss stopped being a finite number, or the weights passed 1e100.

    ``TrainingError(context, template, **values)``, context ``"LabTraining"``; the trainer
    has gone back to the last weights whose loss was finite.
    """


def _config_error(template: str, **values: Any) -> LabDataError:
    return LabDataError("LabData", template, **values)


@dataclass(frozen=True)
class TrainConfig:
    """How the lab trains; every field is validated at construction.

    Attributes
    ----------
    loss : {"softmax", "svm"}
        Cross-entropy of the softmax, or the multiclass SVM (hinge, margin 1).
    reg : float
        L2 strength, 0 to 1e6.
    reg_convention : {"half", "full"}
        ``0.5 * reg * ||W||^2`` (the course's) or ``reg * ||W||^2``.
    learning_rate : float
        ``eta``, any finite number > 0 (up to 1e300: a rate that overflows is reported by
        :class:`TrainingError`, not refused here).
    batch_size : int
        Points per step, ``>= 1``; at least the number of training points means full batch.
    momentum : float
        ``mu``, 0 (plain SGD) to below 1.
    validation_fraction : float
        Share of the points held out for validation, 0 to 0.9 (none below 5 points).
    seed : int
        Seed of the initial weights, the batches and the validation split.
    """

    loss: str = "softmax"
    reg: float = 1e-3
    reg_convention: str = "half"
    learning_rate: float = 0.5
    batch_size: int = 64
    momentum: float = 0.9
    validation_fraction: float = 0.2
    seed: int = 0

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "unknown loss {value}; choose one of {choices}"),
                value=repr(self.loss),
                choices=", ".join(LOSSES),
            )
        if self.reg_convention not in REG_CONVENTIONS:
            raise _config_error(
                QT_TRANSLATE_NOOP(
                    "LabData", "unknown regularisation convention {value}; choose one of {choices}"
                ),
                value=repr(self.reg_convention),
                choices=", ".join(REG_CONVENTIONS),
            )
        if not _is_real(self.reg) or not 0.0 <= float(self.reg) <= REG_LIMIT:
            raise _config_error(
                QT_TRANSLATE_NOOP(
                    "LabData", "the regularisation must be a number from 0 to {limit:g}"
                ),
                limit=REG_LIMIT,
            )
        rate = self.learning_rate
        if not _is_real(rate) or not 0.0 < float(rate) <= LEARNING_RATE_LIMIT:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the learning rate must be a finite number > 0")
            )
        if not _is_int(self.batch_size) or int(self.batch_size) < 1:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the batch size must be a whole number >= 1")
            )
        if not _is_real(self.momentum) or not 0.0 <= float(self.momentum) < 1.0:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the momentum must be a number from 0 to below 1")
            )
        fraction = self.validation_fraction
        if not _is_real(fraction) or not 0.0 <= float(fraction) <= 0.9:
            raise _config_error(
                QT_TRANSLATE_NOOP(
                    "LabData", "the validation fraction must be a number from 0 to 0.9"
                )
            )
        if not _is_int(self.seed) or not 0 <= int(self.seed) < 2**63:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the seed must be a whole number >= 0")
            )
        for name in ("reg", "learning_rate", "momentum", "validation_fraction"):
            object.__setattr__(self, name, float(getattr(self, name)))
        object.__setattr__(self, "batch_size", int(self.batch_size))
        object.__setattr__(self, "seed", int(self.seed))


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The model after ``step`` steps and its metrics (float64 Python floats).

    ``W`` is ``(D + 1, K)`` and read-only; its **last row is the bias** ``b`` (the weight
    of a constant feature 1, regularised like the rest: the course's bias trick).
    ``train_loss = train_data_loss + train_reg_loss`` over the training points;
    ``val_loss = val_data_loss + train_reg_loss`` over the validation points, NaN (as are
    ``val_accuracy`` and ``val_data_loss``) when there is no validation split. With no
    training points the train metrics are NaN (the penalty is still reported).
    Accuracies are fractions in [0, 1].
    """

    step: int
    W: np.ndarray
    train_loss: float
    train_data_loss: float
    train_reg_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    val_data_loss: float = math.nan

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        same_numbers = all(
            _same_float(getattr(self, name), getattr(other, name))
            for name in (
                "train_loss",
                "train_data_loss",
                "train_reg_loss",
                "train_accuracy",
                "val_loss",
                "val_accuracy",
                "val_data_loss",
            )
        )
        return self.step == other.step and same_numbers and np.array_equal(self.W, other.W)

    __hash__ = None  # type: ignore[assignment]


def _same_float(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@dataclass
class _Split:
    """The features (bias included) and labels of one dataset: training rows, then validation."""

    features: np.ndarray
    labels: np.ndarray
    train_count: int
    is_validation: np.ndarray = field(repr=False)

    @property
    def train_features(self) -> np.ndarray:
        return self.features[: self.train_count]

    @property
    def train_labels(self) -> np.ndarray:
        return self.labels[: self.train_count]

    @property
    def val_labels(self) -> np.ndarray:
        return self.labels[self.train_count :]

    @functools.cached_property
    def rows(self) -> np.ndarray:
        return np.arange(self.labels.shape[0])


def _class_major_product(weights: np.ndarray, features: np.ndarray) -> np.ndarray:
    """``(features @ weights).T`` as a C-ordered ``(K, N)`` array, one BLAS thread per block."""
    count = features.shape[0]
    block = max(1, ONE_THREAD_WORK // max(1, weights.size))
    if count <= block:
        return weights.T @ features.T
    out = np.empty((weights.shape[1], count), dtype=np.result_type(weights, features))
    for start in range(0, count, block):
        out[:, start : start + block] = weights.T @ features[start : start + block].T
    return out


def _rng(seed: int, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, *stream])


class Trainer:
    """A linear classifier on a lab dataset, trained step by step; Qt-free.

    Parameters
    ----------
    dataset : Dataset
        The points (``K = dataset.classes``).
    features : FeatureConfig
        The feature maps (``D`` features).
    config : TrainConfig
        Loss, regularisation, optimiser and seed.

    Notes
    -----
    ``W`` is ``(D + 1, K)``, the last row the bias (see the module docstring). The
    features of the dataset are computed once per change of data or features; a step
    costs two small matrix products. :attr:`history` keeps a snapshot of every step until
    it holds 5,000 (fewer when ``W`` is so large that they would pass 64 MB), then keeps
    every 2nd step, later every 4th, and so on, always with the first and the newest
    state. A snapshot scores every point, so with many more points than a batch (say
    100,000 and a batch of 64) the history starts at every 2nd, 4th, ... step instead
    (:data:`SNAPSHOT_WORK`); the newest state is always recorded. Edits
    (:meth:`set_weights`, :meth:`set_dataset`, a new loss or regularisation) add a
    snapshot at the current step; successive edits at one step replace each other.
    """

    def __init__(self, dataset: Dataset, features: FeatureConfig, config: TrainConfig) -> None:
        self._check_types(dataset, features, config)
        self._dataset = dataset
        self._features = features
        self._config = config
        self._grid_cache: dict[tuple, Any] = {}
        self._build_split()
        self.reset()

    # ------------------------------------------------------------------ properties

    @staticmethod
    def _check_types(dataset: object, features: object, config: object) -> None:
        if not isinstance(dataset, Dataset):
            raise TypeError(f"dataset must be a Dataset, got {type(dataset).__name__}")
        if not isinstance(features, FeatureConfig):
            raise TypeError(f"features must be a FeatureConfig, got {type(features).__name__}")
        if not isinstance(config, TrainConfig):
            raise TypeError(f"config must be a TrainConfig, got {type(config).__name__}")

    @property
    def dataset(self) -> Dataset:
        """The points trained on."""
        return self._dataset

    @property
    def features(self) -> FeatureConfig:
        """The feature maps."""
        return self._features

    @property
    def config(self) -> TrainConfig:
        """The training settings."""
        return self._config

    @property
    def W(self) -> np.ndarray:
        """The current ``(D + 1, K)`` weights, read-only (the last row is the bias).

        The trainer never changes this array in place: a step makes a new one, so a
        reference taken now keeps these values. Change it with :meth:`set_weights`.
        """
        view = self._W.view()
        view.flags.writeable = False
        return view

    @property
    def step_count(self) -> int:
        """Steps taken since the last reset (a restore goes back to its snapshot's step)."""
        return self._step

    @property
    def history(self) -> list[Snapshot]:
        """Snapshots by increasing step, the last one the current state (a new list)."""
        return list(self._history)

    @property
    def classes(self) -> int:
        """``K``."""
        return self._dataset.classes

    @property
    def dimension(self) -> int:
        """``D + 1``, the rows of ``W`` (features and the bias)."""
        return self._features.dimension + 1

    @property
    def is_validation(self) -> np.ndarray:
        """``(N,)`` bool: which points of the dataset are held out for validation."""
        view = self._split.is_validation.view()
        view.flags.writeable = False
        return view

    # --------------------------------------------------------------------- set-up

    def _with_bias(self, points: np.ndarray) -> np.ndarray:
        features = feature_matrix(self._features, points)
        return np.concatenate([features, np.ones((features.shape[0], 1))], axis=1)

    def _build_split(self) -> None:
        dataset, config = self._dataset, self._config
        count = len(dataset)
        held_out = int(round(config.validation_fraction * count))
        held_out = min(held_out, count - 1)
        is_validation = np.zeros(count, dtype=bool)
        if count >= MIN_POINTS_FOR_VALIDATION and held_out > 0:
            # A key per point, drawn in order: adding a point adds a key and leaves the
            # others', so the split changes little as points are added.
            keys = _rng(config.seed, 1).random(count)
            is_validation[np.argsort(keys, kind="stable")[:held_out]] = True
        features = self._with_bias(dataset.points)
        labels = dataset.labels.astype(np.intp)
        order = np.concatenate([np.flatnonzero(~is_validation), np.flatnonzero(is_validation)])
        self._split = _Split(
            features=np.ascontiguousarray(features[order]),
            labels=np.ascontiguousarray(labels[order]),
            train_count=int(count - np.count_nonzero(is_validation)),
            is_validation=is_validation,
        )
        self._epoch = -1  # the shuffled copy of the training set is made on demand
        self._reg_factors()

    def _reg_factors(self) -> None:
        config = self._config
        self._reg_loss_scale = reg_scale(config.reg_convention) * config.reg
        self._reg_grad_scale = 2.0 * self._reg_loss_scale
        self._kernel = softmax_scores_loss if config.loss == "softmax" else svm_scores_loss

    def _initial_weights(self) -> np.ndarray:
        weights = INITIAL_SCALE * _rng(self._config.seed, 0).standard_normal(
            (self.dimension, self.classes)
        )
        weights[-1] = 0.0
        return weights

    def _history_limit(self) -> int:
        per_snapshot = max(self._W.nbytes, 1) + 200
        return max(64, min(HISTORY_LIMIT, HISTORY_BYTES // per_snapshot))

    def _snapshot_stride(self) -> int:
        """Steps between snapshots (a power of 2) that keep evaluating every point cheap.

        1 for the lab's usual sizes (1,000 points, 71 features, K = 5); more when the
        points outnumber a batch so far that scoring them all each step would dominate.
        """
        per_point = self.classes * (self.dimension + _PASSES_PER_SCORE)
        points = self._split.labels.shape[0]
        batch = min(self._config.batch_size, self._split.train_count)
        ratio = points * per_point / max(batch * per_point, SNAPSHOT_WORK)
        stride = 1
        while stride < ratio:
            stride *= 2
        return stride

    def _widen_stride(self) -> None:
        """More points or a smaller batch: a wider stride (it narrows only at a reset)."""
        self._stride = max(self._stride, self._snapshot_stride())

    def _start_history(self) -> None:
        self._history: list[Snapshot] = []
        self._stride = self._snapshot_stride()
        self._last_is_edit = False
        self._tail_off_stride = False
        self._record(self.snapshot())

    # ------------------------------------------------------------------ actions

    def reset(self) -> None:
        """Back to step 0 with the initial weights of the seed; the same seed, the same run."""
        self._W = self._initial_weights()
        self._velocity = np.zeros_like(self._W)
        self._step = 0
        self._epoch = -1
        self._start_history()

    def randomise(self, seed: int | None = None) -> int:
        """Start again with a new seed (drawn at random when ``None``); returns the seed."""
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (2**31))
            if seed == self._config.seed:
                seed = (seed + 1) % (2**31)
        self._config = replace(self._config, seed=seed)
        self._build_split()
        self.reset()
        return self._config.seed

    def restore(self, index: int) -> None:
        """Go back to ``history[index]``: its weights and step; later snapshots are dropped.

        The momentum starts from zero again. Training on from there takes the same
        batches as the first time (they depend only on the seed and the step).
        """
        if not _is_int(index) or not -len(self._history) <= int(index) < len(self._history):
            raise IndexError(f"history index {index!r} is out of range ({len(self._history)})")
        position = int(index) % len(self._history)
        snapshot = self._history[position]
        del self._history[position + 1 :]
        self._W = snapshot.W
        self._velocity = np.zeros_like(self._W)
        self._step = snapshot.step
        self._last_is_edit = False
        self._tail_off_stride = False

    def set_weights(self, W: ArrayLike) -> None:
        """Replace the weights (e.g. the user dragged a class's weight arrow).

        The step count stays; the momentum restarts from zero. Successive edits at the
        same step replace each other in the history (a drag is one entry, not hundreds).

        Raises
        ------
        LabDataError
            For a shape other than ``(D + 1, K)``, a value that is not finite or one beyond
            :data:`WEIGHT_LIMIT` (where training stops too).
        """
        weights = np.array(W, dtype=np.float64, copy=True)
        if weights.shape != self._W.shape:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the weights must have shape {expected}; got {shape}"),
                expected=str(self._W.shape),
                shape=str(weights.shape),
            )
        if not np.all(np.isfinite(weights)):
            raise _config_error(QT_TRANSLATE_NOOP("LabData", "the weights must be finite numbers"))
        if weights.size and np.max(np.abs(weights)) > WEIGHT_LIMIT:
            raise _config_error(
                QT_TRANSLATE_NOOP("LabData", "the weights must be within ±{limit:g}"),
                limit=WEIGHT_LIMIT,
            )
        weights.flags.writeable = False
        self._W = weights
        self._velocity = np.zeros_like(weights)
        self._record_edit()

    def set_dataset(self, dataset: Dataset) -> None:
        """Train on other points (added, moved, deleted); re-splits validation.

        With the same number of classes the weights, the step and the history stay (the
        new state is recorded as an edit); with another ``K`` the trainer resets.
        """
        self._check_types(dataset, self._features, self._config)
        if dataset is self._dataset:
            return
        same_classes = dataset.classes == self._dataset.classes
        self._dataset = dataset
        self._build_split()
        if same_classes:
            self._velocity = np.zeros_like(self._W)
            self._widen_stride()
            self._record_edit()
        else:
            self.reset()

    def set_features(self, features: FeatureConfig) -> None:
        """Use other feature maps: ``W`` changes meaning, so the trainer resets."""
        self._check_types(self._dataset, features, self._config)
        if features == self._features:
            return
        self._features = features
        self._grid_cache.clear()
        self._build_split()
        self.reset()

    def set_config(self, config: TrainConfig) -> None:
        """Change the loss, regularisation, learning rate, batch size or momentum; W stays.

        A new seed resets the trainer (see :meth:`randomise`); a new validation fraction
        re-splits the points and keeps the weights.
        """
        self._check_types(self._dataset, self._features, config)
        if config == self._config:
            return
        old = self._config
        self._config = config
        if config.seed != old.seed:
            self._build_split()
            self.reset()
            return
        if config.validation_fraction != old.validation_fraction:
            self._build_split()
        else:
            self._reg_factors()
        if config.batch_size != old.batch_size:
            self._epoch = -1
        self._widen_stride()
        if (
            config.loss != old.loss
            or config.reg != old.reg
            or (config.reg_convention != old.reg_convention)
            or config.validation_fraction != old.validation_fraction
        ):
            self._record_edit()

    # ------------------------------------------------------------------- training

    def _batch(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """The minibatch of step ``step`` (0-based): a function of the seed and the step."""
        split = self._split
        count = split.train_labels.shape[0]
        size = self._config.batch_size
        if size >= count:
            return split.train_features, split.train_labels
        per_epoch = count // size
        epoch, position = divmod(step, per_epoch)
        if epoch != self._epoch:
            order = _rng(self._config.seed, 2, epoch).permutation(count)
            self._shuffled_features = split.train_features[order]
            self._shuffled_labels = split.train_labels[order]
            self._epoch = epoch
        start = position * size
        return (
            self._shuffled_features[start : start + size],
            self._shuffled_labels[start : start + size],
        )

    def step(self, count: int = 1) -> Snapshot:
        """Take ``count`` minibatch steps of SGD with momentum; returns the new snapshot.

        Raises
        ------
        TrainingError
            When a loss stops being finite or a weight passes :data:`WEIGHT_LIMIT` (a
            learning rate too large makes them overflow). The trainer is then back at the
            last weights whose loss was finite, with the momentum at zero; the history
            ends there.
        """
        if not _is_int(count) or not 0 <= int(count) <= MAX_STEPS_PER_CALL:
            raise ValueError(f"count must be a whole number from 0 to {MAX_STEPS_PER_CALL}")
        weights = self._W
        velocity = self._velocity
        rate = self._config.learning_rate
        momentum = self._config.momentum
        reg_grad = self._reg_grad_scale
        kernel = self._kernel
        has_data = self._split.train_labels.shape[0] > 0
        good = weights  # the last weights whose loss was seen finite
        good_step = self._step
        with np.errstate(**_QUIET):
            for _ in range(int(count)):
                if has_data:
                    features, labels = self._batch(self._step)
                    losses, dscores = kernel(matmul_one_thread(features, weights), labels)
                    loss = float(np.sum(losses))
                    gradient = transposed_product(features, dscores)
                    gradient *= 1.0 / labels.shape[0]
                else:
                    loss = 0.0
                    gradient = np.zeros_like(weights)
                if not math.isfinite(loss):
                    self._fail(good, good_step, loss)
                good, good_step = weights, self._step
                if reg_grad:
                    gradient += reg_grad * weights
                velocity = momentum * velocity
                velocity -= rate * gradient
                weights = weights + velocity
                self._step += 1
                self._W, self._velocity = weights, velocity
                if self._step % self._stride == 0:
                    snapshot = self.snapshot()
                    if problem := self._problem(snapshot):
                        self._fail(good, good_step, problem)
                    self._record(snapshot)
                else:
                    # Between snapshots: weights past the limit stop training here, not
                    # later at weights that overflowed meanwhile.
                    largest = float(np.max(np.abs(weights), initial=0.0))
                    if not largest <= WEIGHT_LIMIT:
                        self._fail(good, good_step, math.nan if math.isnan(largest) else -math.inf)
            last = self._history[-1]
            if last.step == self._step and last.W is self._W:
                return last
            snapshot = self.snapshot()
            if problem := self._problem(snapshot):
                self._fail(good, good_step, problem)
            self._record(snapshot)
            return snapshot

    def _problem(self, snapshot: Snapshot) -> float | None:
        """``None`` for a sound snapshot; else its offending loss, or ``inf`` for huge weights."""
        split = self._split
        for loss, present in (
            (snapshot.train_reg_loss, True),
            (snapshot.train_loss, split.train_count > 0),
            (snapshot.val_loss, split.labels.shape[0] > split.train_count),
        ):
            if present and not math.isfinite(loss):
                return loss
        with np.errstate(**_QUIET):
            largest = float(np.max(np.abs(snapshot.W), initial=0.0))
        if not largest <= WEIGHT_LIMIT:
            return math.nan if math.isnan(largest) else -math.inf
        return None

    def _fail(self, good: np.ndarray, good_step: int, loss: float) -> None:
        """Go back to ``good`` (the weights of ``good_step``) and raise :class:`TrainingError`.

        ``loss`` is the offending loss (NaN or infinite), or ``-inf`` for weights beyond
        :data:`WEIGHT_LIMIT`.
        """
        failed_step = good_step + 1
        self._W = good
        self._velocity = np.zeros_like(good)
        self._step = good_step
        while self._history and self._history[-1].step > good_step:
            self._history.pop()
        if not self._history or self._history[-1].W is not good:
            self._tail_off_stride = False
            with np.errstate(**_QUIET):
                self._record(self.snapshot())
        values = {"step": failed_step, "rate": self._config.learning_rate, "good": good_step}
        if loss == -math.inf:
            raise TrainingError(
                "LabTraining",
                QT_TRANSLATE_NOOP(
                    "LabTraining",
                    "training stopped at step {step}: the weights grew beyond ±{limit:g} with "
                    "learning rate {rate:g}; the weights of step {good} are kept. "
                    "Try a smaller learning rate.",
                ),
                limit=WEIGHT_LIMIT,
                **values,
            )
        raise TrainingError(
            "LabTraining",
            QT_TRANSLATE_NOOP(
                "LabTraining",
                "training stopped at step {step}: the loss became {value} with learning rate "
                "{rate:g}; the weights of step {good} are kept. Try a smaller learning rate.",
            ),
            value="inf" if math.isinf(loss) else "nan",
            **values,
        )

    # ------------------------------------------------------------------- history

    def _record(self, snapshot: Snapshot) -> None:
        """Append ``snapshot``; one off the stride stays only while it is the newest."""
        history = self._history
        if history and self._tail_off_stride:
            history.pop()
        history.append(snapshot)
        self._tail_off_stride = snapshot.step % self._stride != 0
        self._last_is_edit = False
        if len(history) > self._history_limit():
            self._thin()

    def _record_edit(self) -> None:
        with np.errstate(**_QUIET):
            snapshot = self.snapshot()
        history = self._history
        if self._last_is_edit and history and history[-1].step == snapshot.step:
            history[-1] = snapshot
        else:
            history.append(snapshot)
            if len(history) > self._history_limit():
                self._thin()
        self._last_is_edit = True
        self._tail_off_stride = False

    def _thin(self) -> None:
        """Halve the history: keep the first snapshot, every other one, and the newest."""
        history = self._history
        self._stride *= 2
        kept = [history[0]]
        kept += [s for s in history[1:-1] if s.step % self._stride == 0]
        kept.append(history[-1])
        if len(kept) > self._history_limit():  # edits and uneven steps: drop every other
            kept = kept[:-1:2] + [kept[-1]]
        self._history[:] = kept

    # ---------------------------------------------------------------- evaluation

    def _metrics(self) -> tuple[float, float, float, float]:
        """Mean data loss and accuracy of the training and the validation points."""
        split = self._split
        labels = split.labels
        count, train = labels.shape[0], split.train_count
        if count == 0:
            return math.nan, math.nan, math.nan, math.nan
        # Class-major (K, N) scores: reductions over the K classes are then elementwise
        # operations on rows of N, about ten times faster than along a short last axis.
        scores = _class_major_product(self._W, split.features)
        true = scores[labels, split.rows]
        if self._config.loss == "softmax":
            top = np.maximum.reduce(scores)
            shifted = scores - top
            np.exp(shifted, out=shifted)
            losses = np.log(np.add.reduce(shifted))
            losses += top
            losses -= true
        else:
            margins = scores - true
            margins += SVM_DELTA
            np.maximum(margins, 0.0, out=margins)
            losses = np.add.reduce(margins) - SVM_DELTA  # the label's own margin is delta
        hits = np.argmax(scores, axis=0) == labels
        results = []
        for part in (slice(0, train), slice(train, count)):
            size = part.stop - part.start
            if size == 0:
                results += [math.nan, math.nan]
            else:
                results += [
                    float(np.sum(losses[part])) / size,
                    float(np.count_nonzero(hits[part])) / size,
                ]
        return results[0], results[1], results[2], results[3]

    def snapshot(self) -> Snapshot:
        """The metrics of the current weights (computed now, not taken from the history)."""
        flat = self._W.ravel()
        with np.errstate(**_QUIET):
            reg_loss = (
                self._reg_loss_scale * float(np.dot(flat, flat)) if self._reg_loss_scale else 0.0
            )
            train_data, train_accuracy, val_data, val_accuracy = self._metrics()
        weights = self._W
        weights.flags.writeable = False  # never changed in place: a step makes a new array
        return Snapshot(
            step=self._step,
            W=weights,
            train_loss=train_data + reg_loss,
            train_data_loss=train_data,
            train_reg_loss=reg_loss,
            train_accuracy=train_accuracy,
            val_loss=val_data + reg_loss,
            val_accuracy=val_accuracy,
            val_data_loss=val_data,
        )

    def _points(self, points: ArrayLike) -> np.ndarray:
        xy = np.asarray(points, dtype=np.float64)
        if xy.ndim == 1 and xy.shape == (2,):
            xy = xy[None]
        if xy.ndim != 2 or xy.shape[1] != 2:
            raise ValueError(f"points must be (M, 2); got shape {xy.shape}")
        return xy

    def scores(self, points: ArrayLike) -> np.ndarray:
        r"""``(M, K)`` scores :math:`[\phi(x), 1] W` of raw 2-D points ``(M, 2)``."""
        with np.errstate(**_QUIET):
            return matmul_one_thread(self._with_bias(self._points(points)), self._W)

    def probabilities(self, points: ArrayLike) -> np.ndarray:
        """``(M, K)`` softmax of :meth:`scores` (whatever the training loss)."""
        scores = self.scores(points)
        with np.errstate(**_QUIET):
            shifted = scores - np.max(scores, axis=1, keepdims=True)
            exps = np.exp(shifted)
            return exps / np.sum(exps, axis=1, keepdims=True)

    def point_details(self, indices: ArrayLike) -> list[dict[str, Any]]:
        r"""What the table shows of the dataset's points ``indices``, one dict per point.

        Keys: ``index``, ``point`` (x1, x2), ``label``, ``predicted`` (argmax of the
        scores), ``correct``, ``validation`` (held out or not), ``scores`` and
        ``probabilities`` (``(K,)`` arrays; probabilities are the softmax of the scores
        whatever the loss) and ``loss``: this point's data loss under the configured loss,
        ``-log p_y`` (softmax) or :math:`\sum_{j \ne y} \max(0, s_j - s_y + 1)` (svm).
        """
        chosen = np.asarray(indices, dtype=np.int64).reshape(-1)
        count = len(self._dataset)
        if chosen.size and (chosen.min() < -count or chosen.max() >= count):
            raise IndexError(f"point indices out of range for {count} points")
        chosen = chosen % max(count, 1)
        points = self._dataset.points[chosen]
        labels = self._dataset.labels[chosen].astype(np.intp)
        scores = self.scores(points)
        probabilities = self.probabilities(points)
        with np.errstate(**_QUIET):
            losses, _ = self._kernel(scores, labels)
        details = []
        for row, index in enumerate(chosen.tolist()):
            predicted = int(np.argmax(scores[row]))
            details.append(
                {
                    "index": index,
                    "point": (float(points[row, 0]), float(points[row, 1])),
                    "label": int(labels[row]),
                    "predicted": predicted,
                    "correct": predicted == int(labels[row]),
                    "validation": bool(self._split.is_validation[index]),
                    "scores": scores[row].copy(),
                    "probabilities": probabilities[row].copy(),
                    "loss": float(losses[row]),
                }
            )
        return details

    def training_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, y)`` of the training points as the model sees them (copies).

        ``X`` is ``(N, D + 1)`` with the constant 1 last, ``y`` the ``(N,)`` labels.
        """
        return self._split.train_features.copy(), self._split.train_labels.astype(np.int64)

    def check_gradient(self, h: float = 1e-5):
        """:func:`~explorer.core.lab.gradient_check` of the current W on the training points."""
        from .losses import gradient_check

        features, labels = self.training_arrays()
        return gradient_check(
            self._config.loss,
            self._W,
            features,
            labels,
            self._config.reg,
            reg_convention=self._config.reg_convention,
            h=h,
        )


# ------------------------------------------------------------------------- the regions


def grid_axes(
    bounds: tuple[float, float, float, float], resolution: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pixel centres of :func:`region_grid`: ``(xs, ys)``, each ``(resolution,)``.

    Column ``c`` is at ``x = xmin + (c + 1/2) (xmax - xmin) / resolution``; row ``r`` at
    ``y = ymin + (r + 1/2) (ymax - ymin) / resolution`` (row 0 at the bottom, ``ymin``).

    Examples
    --------
    >>> [axis.tolist() for axis in grid_axes((0.0, 1.0, -1.0, 1.0), 2)]
    [[0.25, 0.75], [-0.5, 0.5]]
    """
    xmin, xmax, ymin, ymax = (float(value) for value in bounds)
    if not all(map(math.isfinite, (xmin, xmax, ymin, ymax))) or xmax <= xmin or ymax <= ymin:
        raise ValueError(
            f"bounds must be finite (xmin, xmax, ymin, ymax) with min < max; got {bounds}"
        )
    if not _is_int(resolution) or not 1 <= int(resolution) <= 4096:
        raise ValueError(f"resolution must be a whole number from 1 to 4096, got {resolution!r}")
    steps = (np.arange(int(resolution)) + 0.5) / int(resolution)
    return xmin + steps * (xmax - xmin), ymin + steps * (ymax - ymin)


def _separable_terms(features: FeatureConfig, xs: np.ndarray, ys: np.ndarray):
    r"""Split every feature into products ``u(y) v(x)`` so a grid of scores is one product.

    Returns ``rows`` (``(R, m)``, functions of y) and a function building the ``(K, m, R)``
    column factors from W: :math:`S_k = U V_k`, with the Fourier features through
    :math:`\cos(a + b) = \cos a \cos b - \sin a \sin b`.
    """
    ones_y = np.ones_like(ys)
    row_blocks = [ones_y[:, None]]
    names: list[tuple[str, Any]] = []
    column = 0
    index: dict[str, int] = {}
    if features.raw:
        index["x1"], index["x2"] = column, column + 1
        column += 2
    if features.squares:
        index["x1^2"], index["x2^2"], index["x1*x2"] = column, column + 1, column + 2
        column += 3
    if features.sines:
        index["sin1"], index["sin2"] = column, column + 1
        column += 2
    fourier_start = column
    bias = features.dimension
    # Rows: 1, y, y^2, sin(pi y), then cos(w2 y), sin(w2 y) per Fourier feature.
    y_terms = []
    if "x2" in index or "x1*x2" in index:
        y_terms.append(("y", ys))
    if "x2^2" in index:
        y_terms.append(("y2", ys * ys))
    if "sin2" in index:
        y_terms.append(("siny", np.sin(math.pi * ys)))
    row_blocks += [values[:, None] for _, values in y_terms]
    names = [name for name, _ in y_terms]
    x_sin = np.sin(math.pi * xs)
    if features.fourier:
        frequencies, phases = fourier_parameters(features)
        angle_y = np.outer(ys, frequencies[1])
        row_blocks += [np.cos(angle_y), np.sin(angle_y)]
        angle_x = np.outer(frequencies[0], xs) + phases[:, None]  # (F, R)
        scale = math.sqrt(2.0 / features.fourier)
        cos_x, sin_x = scale * np.cos(angle_x), -scale * np.sin(angle_x)
    rows = np.ascontiguousarray(np.concatenate(row_blocks, axis=1))

    buffers: dict[int, np.ndarray] = {}

    def columns(weights: np.ndarray) -> np.ndarray:
        classes = weights.shape[1]
        resolution = xs.shape[0]
        # Reused from call to call: a new 1-3 MB array each frame costs page faults.
        blocks = buffers.get(classes)
        if blocks is None:
            blocks = buffers[classes] = np.empty((classes, rows.shape[1], resolution))
        # u = 1: the bias and every function of x alone.
        first = np.repeat(weights[bias][:, None], resolution, axis=1)
        if "x1" in index:
            first += np.outer(weights[index["x1"]], xs)
        if "x1^2" in index:
            first += np.outer(weights[index["x1^2"]], xs * xs)
        if "sin1" in index:
            first += np.outer(weights[index["sin1"]], x_sin)
        blocks[:, 0] = first
        row = 1
        for name in names:
            if name == "y":
                values = np.zeros((classes, resolution))
                if "x2" in index:
                    values += weights[index["x2"]][:, None]
                if "x1*x2" in index:
                    values += np.outer(weights[index["x1*x2"]], xs)
                blocks[:, row] = values
            elif name == "y2":
                blocks[:, row] = weights[index["x2^2"]][:, None]
            else:
                blocks[:, row] = weights[index["sin2"]][:, None]
            row += 1
        if features.fourier:
            count = features.fourier
            fourier = weights[fourier_start:bias].T[:, :, None]  # (K, F, 1)
            blocks[:, row : row + count] = fourier * cos_x
            blocks[:, row + count : row + 2 * count] = fourier * sin_x
        return blocks

    return rows, columns


def _grid_plan(trainer: Trainer, bounds: tuple, resolution: int):
    key = (tuple(float(value) for value in bounds), int(resolution))
    plan = trainer._grid_cache.get(key)
    if plan is None:
        xs, ys = grid_axes(bounds, resolution)
        plan = _separable_terms(trainer.features, xs, ys)
        if len(trainer._grid_cache) >= 6:
            trainer._grid_cache.clear()
        trainer._grid_cache[key] = plan
    return plan


def _buffers(trainer: Trainer, classes: int, resolution: int) -> tuple[np.ndarray, ...]:
    """Work arrays of :func:`region_grid`, kept between calls (no page faults each frame)."""
    key = ("buffers", classes, resolution)
    buffers = trainer._grid_cache.get(key)
    if buffers is None:
        shape = (resolution, resolution)
        buffers = trainer._grid_cache[key] = (
            np.empty((classes, *shape)),
            np.empty(shape),
            np.empty(shape),
            np.empty(shape, dtype=bool),
            np.empty(shape, dtype=np.uint8),
        )
    return buffers


def region_grid(
    trainer: Trainer, bounds: tuple[float, float, float, float], resolution: int = 256
) -> tuple[np.ndarray, np.ndarray]:
    r"""The decision regions on a ``resolution x resolution`` grid of pixel centres.

    .. math:: c(x) = \arg\max_k s_k(x),\qquad
              \mathrm{conf}(x) = \max_k p_k(x) = 1 \Big/ \sum_j e^{s_j(x) - \max_k s_k(x)}

    Row ``r`` is ``y`` (from ``ymin`` at row 0 upward), column ``c`` is ``x``; the pixel
    centres are :func:`grid_axes`. Computed without evaluating the features at every
    pixel: each feature is a sum of products of a function of ``x`` and one of ``y``, so
    the scores of class ``k`` are one matrix product :math:`U V_k` (the factors are cached
    per trainer, features, bounds and resolution).

    Returns
    -------
    tuple
        ``(classes, confidence)``: ``(R, R)`` int64 argmax (ties to the lower class) and
        ``(R, R)`` float64 largest probability, in ``[1/K, 1]``.
    """
    rows, columns = _grid_plan(trainer, bounds, resolution)
    resolution = rows.shape[0]
    with np.errstate(**_QUIET):
        factors = columns(np.asarray(trainer.W))  # (K, m, R)
        classes = factors.shape[0]
        scores, best, term, better, winner = _buffers(trainer, classes, resolution)
        for k in range(classes):
            matmul_one_thread(rows, factors[k], out=scores[k])
        # The argmax and the running maximum, class by class (np.argmax over the class
        # axis of this layout is several times slower); ties go to the lower class.
        np.copyto(best, scores[0])
        winner.fill(0)
        for k in range(1, classes):
            np.greater(scores[k], best, out=better)
            np.copyto(winner, k, where=better)
            np.maximum(best, scores[k], out=best)
        total = np.zeros((resolution, resolution))
        for k in range(classes):
            np.subtract(scores[k], best, out=term)
            np.exp(term, out=term)
            total += term
        np.divide(1.0, total, out=total)
    return winner.astype(np.int64), total


def class_lines(trainer: Trainer) -> list[tuple[np.ndarray, float] | None]:
    r"""Per class, ``(w, b)``: the weights on ``x1, x2`` and the bias of the line ``w.x + b = 0``.

    The zero-score line of class ``k`` when the model is linear in the raw coordinates
    (with other features on, it is the raw part of the score only). ``None`` for every
    class when the raw features are off.
    """
    if not trainer.features.raw:
        return [None] * trainer.classes
    weights = trainer.W
    return [(np.array(weights[0:2, k]), float(weights[-1, k])) for k in range(trainer.classes)]


__all__ = [
    "HISTORY_LIMIT",
    "INITIAL_SCALE",
    "WEIGHT_LIMIT",
    "Snapshot",
    "TrainConfig",
    "Trainer",
    "TrainingError",
    "class_lines",
    "grid_axes",
    "region_grid",
]
