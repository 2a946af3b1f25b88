"""The lab's one live object: the data, the features, the trainer and what is selected.

Data flows one way, as in the explorer: a control's handler calls a method here, the method
changes the trainer (``explorer.core.lab``) and emits ``changed`` with a :class:`LabChange`
saying what changed, and the views redraw only that. Views never train or compute scores
themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from ...core.lab import (
    Dataset,
    FeatureConfig,
    LabScene,
    TrainConfig,
    Trainer,
    dataset_bounds,
    make_dataset,
)

#: The points a selection may hold (the table shows this many rows at most).
SELECTION_LIMIT = 50


@dataclass(frozen=True)
class LabChange:
    """What one update of :class:`LabModel` changed.

    ``data``: the points or labels; ``bounds``: the plotted region; ``model``: the weights;
    ``history``: the training history (``history_appended`` snapshots were added at its end,
    or 0 when it was rewritten); ``features`` and ``config``: the settings; ``selection``.
    """

    data: bool = False
    bounds: bool = False
    model: bool = False
    history: bool = False
    history_appended: int = 0
    features: bool = False
    config: bool = False
    selection: bool = False


EVERYTHING = LabChange(True, True, True, True, 0, True, True, True)


def default_scene() -> LabScene:
    """Three Gaussian blobs, raw features, softmax with the course's regularisation."""
    return LabScene(
        dataset=make_dataset("blobs", classes=3, points=300, noise=0.1, seed=0),
        features=FeatureConfig(),
        config=TrainConfig(),
    )


class LabModel(QObject):
    """The lab's state and trainer; ``changed(LabChange)`` after every update.

    Parameters
    ----------
    scene : LabScene, optional
        Where to start (:func:`default_scene` when None).
    """

    changed = Signal(object)

    def __init__(self, scene: LabScene | None = None, parent: QObject | None = None):
        super().__init__(parent)
        scene = default_scene() if scene is None else scene
        self.trainer = Trainer(scene.dataset, scene.features, scene.config)
        self.steps_per_frame = scene.steps_per_frame
        self.dataset_kind = scene.dataset_kind
        self.noise = scene.noise
        self.point_count = scene.point_count
        self.data_seed = scene.data_seed
        self.selection: tuple[int, ...] = ()
        self.bounds = dataset_bounds(scene.dataset)
        if scene.W is not None:
            self.trainer.set_weights(np.asarray(scene.W, dtype=float))

    # What the views read ------------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        """The points and their labels."""
        return self.trainer.dataset

    @property
    def features(self) -> FeatureConfig:
        """The feature maps switched on."""
        return self.trainer.features

    @property
    def config(self) -> TrainConfig:
        """Loss, regularisation and optimiser settings."""
        return self.trainer.config

    @property
    def classes(self) -> int:
        """K, the number of classes."""
        return self.dataset.classes

    def scene(self) -> LabScene:
        """Everything needed to come back here: data, settings and the current weights."""
        return LabScene(
            dataset=self.dataset,
            features=self.features,
            config=self.config,
            steps_per_frame=self.steps_per_frame,
            W=np.array(self.trainer.W),
            dataset_kind=self.dataset_kind,
            noise=self.noise,
            point_count=self.point_count,
            data_seed=self.data_seed,
        )

    # Updates ------------------------------------------------------------------------------
    def load_scene(self, scene: LabScene) -> None:
        """Replace everything with ``scene`` (a new trainer, from its weights if any)."""
        self.trainer = Trainer(scene.dataset, scene.features, scene.config)
        if scene.W is not None:
            self.trainer.set_weights(np.asarray(scene.W, dtype=float))
        self.steps_per_frame = scene.steps_per_frame
        self.dataset_kind = scene.dataset_kind
        self.noise = scene.noise
        self.point_count = scene.point_count
        self.data_seed = scene.data_seed
        self.selection = ()
        self.bounds = dataset_bounds(scene.dataset)
        self.changed.emit(EVERYTHING)

    def generate(self, kind: str, classes: int, points: int, noise: float, seed: int) -> None:
        """New data from the seeded generator ``kind`` (the weights start again)."""
        dataset = make_dataset(kind, classes=classes, points=points, noise=noise, seed=seed)
        self.dataset_kind, self.point_count, self.noise, self.data_seed = kind, points, noise, seed
        self.replace_dataset(dataset, rebound=True)

    def replace_dataset(self, dataset: Dataset, *, rebound: bool = True) -> None:
        """Train on ``dataset`` from now on (an import, a generator); the selection is cleared."""
        self.trainer.set_dataset(dataset)
        self.selection = ()
        if rebound:
            self.bounds = dataset_bounds(dataset)
        self.changed.emit(
            LabChange(data=True, bounds=rebound, model=True, history=True, selection=True)
        )

    def _edit_dataset(self, dataset: Dataset, selection: tuple[int, ...]) -> None:
        self.trainer.set_dataset(dataset)
        self.selection = selection
        self.changed.emit(LabChange(data=True, model=True, history=True, selection=True))

    def add_point(self, xy: tuple[float, float], label: int) -> int:
        """Add a point of class ``label`` at ``xy``; it becomes the selection. Returns its index."""
        dataset = self.dataset.with_point(xy, label)
        index = len(dataset.labels) - 1
        self._edit_dataset(dataset, (index,))
        return index

    def move_point(self, index: int, xy: tuple[float, float]) -> None:
        """Move point ``index`` to ``xy`` (its class stays)."""
        self._edit_dataset(self.dataset.moved(index, xy), self.selection)

    def remove_points(self, indices: Iterable[int]) -> None:
        """Remove the points ``indices``; the selection keeps the others (renumbered)."""
        doomed = sorted(set(indices), reverse=True)
        if not doomed:
            return
        dataset = self.dataset
        for index in doomed:
            dataset = dataset.without(index)
        kept = []
        for index in self.selection:
            if index not in doomed:
                kept.append(index - sum(1 for gone in doomed if gone < index))
        self._edit_dataset(dataset, tuple(kept))

    def select(self, indices: Iterable[int]) -> None:
        """Show the points ``indices`` in the table (at most :data:`SELECTION_LIMIT`)."""
        count = len(self.dataset.labels)
        selection = tuple(dict.fromkeys(i for i in indices if 0 <= i < count))
        selection = selection[-SELECTION_LIMIT:]
        if selection != self.selection:
            self.selection = selection
            self.changed.emit(LabChange(selection=True))

    def set_features(self, features: FeatureConfig) -> None:
        """Switch feature maps (new weights: their shape depends on the features)."""
        if features == self.features:
            return
        self.trainer.set_features(features)
        self.changed.emit(LabChange(model=True, history=True, features=True))

    def set_config(self, **changes) -> None:
        """Change training settings (``TrainConfig`` fields); the weights stay."""
        config = replace(self.config, **changes)
        if config == self.config:
            return
        self.trainer.set_config(config)
        self.changed.emit(LabChange(model=True, history=True, config=True))

    def set_steps_per_frame(self, steps: int) -> None:
        """Minibatch steps per timer tick."""
        self.steps_per_frame = int(steps)

    def step(self, count: int = 1):
        """Train ``count`` minibatch steps; raises ``TrainingError`` (last good W kept)."""
        before = len(self.trainer.history)
        try:
            return self.trainer.step(count)
        finally:
            after = len(self.trainer.history)
            appended = after - before if after >= before else 0
            self.changed.emit(LabChange(model=True, history=True, history_appended=appended))

    def reset(self) -> None:
        """Back to the initial weights of the same seed, with an empty history."""
        self.trainer.reset()
        self.changed.emit(LabChange(model=True, history=True))

    def randomise(self) -> int:
        """New initial weights from a new seed; returns the seed."""
        seed = self.trainer.randomise()
        self.changed.emit(LabChange(model=True, history=True, config=True))
        return seed

    def restore(self, index: int) -> None:
        """Go back to the weights of history snapshot ``index``."""
        self.trainer.restore(index)
        self.changed.emit(LabChange(model=True, history=True))

    def set_weights(self, weights: np.ndarray) -> None:
        """Set W (a weight arrow dragged on the plot)."""
        self.trainer.set_weights(weights)
        self.changed.emit(LabChange(model=True, history=True))
