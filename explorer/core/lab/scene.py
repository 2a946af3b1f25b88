"""The classifier lab's scene file: the data, the features, the settings and the model.

A JSON document (``LAB_SCENE_VERSION`` 1)::

    {"format": "softmax-explorer-lab", "version": 1,
     "dataset": {"classes": 3, "points": [[x, y], ...], "labels": [0, ...]},
     "dataset_kind": "blobs", "noise": 0.1, "point_count": 300, "data_seed": 0,
     "features": {"raw": true, "squares": false, "sines": false, "fourier": 0,
                  "fourier_width": 1.0, "seed": 0},
     "training": {"loss": "softmax", "reg": 0.001, "reg_convention": "half",
                  "learning_rate": 0.5, "batch_size": 64, "momentum": 0.9,
                  "validation_fraction": 0.2, "seed": 0},
     "steps_per_frame": 1,
     "weights": null}

``weights`` is ``null`` (the seed's initial weights) or ``D + 1`` rows of ``K`` numbers,
the last row the bias. Reading refuses anything else with a :class:`LabDataError`:
invalid JSON, NaN or infinity, a missing, unknown or wrongly typed key, a label out of
range, weights of the wrong shape.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from ...files import write_atomically
from ...messages import QT_TRANSLATE_NOOP
from .data import (
    DATASET_KINDS,
    MAX_POINTS,
    Dataset,
    LabDataError,
    _is_int,
    _is_real,
    read_bounded,
)
from .features import FeatureConfig
from .training import WEIGHT_LIMIT, TrainConfig

LAB_SCENE_VERSION = 1
LAB_SCENE_FORMAT = "softmax-explorer-lab"
LAB_SCENE_SUFFIX = ".json"
#: 100,000 points as JSON are about 5 MB; a larger file is refused before it is read.
MAX_LAB_SCENE_BYTES = 20_000_000
#: Steps per frame a scene may ask for: the lab's control goes this far. 10,000 steps of a
#: large model are seconds of training per frame, a window that no longer answers.
MAX_STEPS_PER_FRAME = 1000
#: The data seed the lab's seed field can show (a 32-bit spin box).
MAX_DATA_SEED = 2**31 - 1


def _error(template: str, **values: Any) -> LabDataError:
    return LabDataError("LabData", template, **values)


@dataclass(frozen=True, eq=False)
class LabScene:
    """Everything the lab saves: data, features, settings and (optionally) the weights.

    ``W`` is ``None`` (start from the seed's initial weights) or ``(D + 1, K)``, the last
    row the bias. ``dataset_kind``, ``noise``, ``point_count`` and ``data_seed`` are the
    generator's settings the lab shows (the points themselves are in ``dataset``).
    """

    dataset: Dataset
    features: FeatureConfig
    config: TrainConfig
    steps_per_frame: int = 1
    W: np.ndarray | None = None
    dataset_kind: str = "blobs"
    noise: float = 0.1
    point_count: int = 300
    data_seed: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.dataset, Dataset):
            raise TypeError("dataset must be a Dataset")
        if not isinstance(self.features, FeatureConfig):
            raise TypeError("features must be a FeatureConfig")
        if not isinstance(self.config, TrainConfig):
            raise TypeError("config must be a TrainConfig")
        if (
            not _is_int(self.steps_per_frame)
            or not 1 <= self.steps_per_frame <= MAX_STEPS_PER_FRAME
        ):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData", "steps per frame must be a whole number from 1 to {limit}"
                ),
                limit=MAX_STEPS_PER_FRAME,
            )
        if self.dataset_kind not in DATASET_KINDS:
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "unknown dataset {kind}; choose one of {kinds}"),
                kind=repr(self.dataset_kind),
                kinds=", ".join(DATASET_KINDS),
            )
        if not _is_real(self.noise) or not 0.0 <= float(self.noise) <= 1.0:
            raise _error(QT_TRANSLATE_NOOP("LabData", "noise must be a number from 0 to 1"))
        if not _is_int(self.point_count) or not 0 <= self.point_count <= MAX_POINTS:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData", "the number of points must be a whole number from 0 to {limit}"
                ),
                limit=MAX_POINTS,
            )
        if not _is_int(self.data_seed) or not 0 <= self.data_seed <= MAX_DATA_SEED:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData", "the data seed must be a whole number from 0 to {limit}"
                ),
                limit=MAX_DATA_SEED,
            )
        if self.W is not None:
            weights = np.array(self.W, dtype=np.float64, copy=True)
            expected = (self.features.dimension + 1, self.dataset.classes)
            if weights.shape != expected:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "LabData",
                        "the weights must have shape {expected} (features + bias, classes); "
                        "got {shape}",
                    ),
                    expected=str(expected),
                    shape=str(weights.shape),
                )
            if not np.all(np.isfinite(weights)):
                raise _error(QT_TRANSLATE_NOOP("LabData", "the weights must be finite numbers"))
            if weights.size and np.max(np.abs(weights)) > WEIGHT_LIMIT:
                # Training stops there too: beyond it the penalty and the regions overflow.
                raise _error(
                    QT_TRANSLATE_NOOP("LabData", "the weights must be within ±{limit:g}"),
                    limit=WEIGHT_LIMIT,
                )
            weights.flags.writeable = False
            object.__setattr__(self, "W", weights)
        object.__setattr__(self, "noise", float(self.noise))
        for name in ("steps_per_frame", "point_count", "data_seed"):
            object.__setattr__(self, name, int(getattr(self, name)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LabScene):
            return NotImplemented
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, np.ndarray) or isinstance(theirs, np.ndarray):
                if mine is None or theirs is None or not np.array_equal(mine, theirs):
                    return False
            elif mine != theirs:
                return False
        return True

    __hash__ = None  # type: ignore[assignment]


def lab_scene_to_dict(scene: LabScene) -> dict[str, Any]:
    """The JSON-able document of ``scene`` (see the module docstring)."""
    return {
        "format": LAB_SCENE_FORMAT,
        "version": LAB_SCENE_VERSION,
        "dataset": {
            "classes": scene.dataset.classes,
            "points": scene.dataset.points.tolist(),
            "labels": scene.dataset.labels.tolist(),
        },
        "dataset_kind": scene.dataset_kind,
        "noise": scene.noise,
        "point_count": scene.point_count,
        "data_seed": scene.data_seed,
        "features": {
            item.name: getattr(scene.features, item.name) for item in fields(FeatureConfig)
        },
        "training": {item.name: getattr(scene.config, item.name) for item in fields(TrainConfig)},
        "steps_per_frame": scene.steps_per_frame,
        "weights": None if scene.W is None else scene.W.tolist(),
    }


def lab_scene_to_json(scene: LabScene) -> str:
    """The scene as pretty-printed JSON text (floats round-trip exactly).

    Examples
    --------
    >>> from explorer.core.lab import empty_dataset
    >>> scene = LabScene(empty_dataset(2), FeatureConfig(), TrainConfig(), dataset_kind="empty")
    >>> lab_scene_from_json(lab_scene_to_json(scene)) == scene
    True
    """
    return json.dumps(lab_scene_to_dict(scene), indent=1, allow_nan=False) + "\n"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a lab scene")


_TOP_KEYS = {
    "format": str,
    "version": int,
    "dataset": dict,
    "dataset_kind": str,
    "noise": float,
    "point_count": int,
    "data_seed": int,
    "features": dict,
    "training": dict,
    "steps_per_frame": int,
    "weights": (list, type(None)),
}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "an object",
    list: "a list",
}


def _check_keys(data: dict, expected: dict[str, Any], where: str) -> None:
    missing = [key for key in expected if key not in data]
    if missing:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{where} lacks {keys}"),
            where=where,
            keys=", ".join(missing),
        )
    unknown = sorted(str(key) for key in data if key not in expected)
    if unknown:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{where} has unknown keys: {keys}"),
            where=where,
            keys=", ".join(unknown),
        )
    for key, kind in expected.items():
        value = data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = any(_has_type(value, item) for item in kinds)
        if not ok:
            names = " or ".join(_TYPE_NAMES.get(item, "null") for item in kinds)
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "{where}: {key} must be {kind}, got {value}"),
                where=where,
                key=key,
                kind=names,
                value=json.dumps(value)[:40],
            )


def _has_type(value: Any, kind: type) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, kind)


def _numbers(values: Any, shape_name: str) -> np.ndarray:
    """A nested list of numbers as float64; refuses text, booleans, nulls, ragged rows."""

    def check(item: Any) -> None:
        if isinstance(item, list):
            for element in item:
                check(element)
        elif isinstance(item, bool) or not isinstance(item, int | float):
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "{name} must hold numbers only, found {value}"),
                name=shape_name,
                value=json.dumps(item)[:40],
            )

    check(values)
    try:
        array = np.array(values, dtype=np.float64)
    except OverflowError:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{name} hold a number too large for a float"),
            name=shape_name,
        ) from None
    except ValueError:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{name} must be rows of equal length"), name=shape_name
        ) from None
    return array


def lab_scene_from_dict(data: Any, source: str = "lab scene") -> LabScene:
    """Validate a scene document (as parsed from JSON) and build the :class:`LabScene`."""
    where = source
    if not isinstance(data, dict):
        raise _error(QT_TRANSLATE_NOOP("LabData", "{where} must be a JSON object"), where=where)
    if data.get("format") != LAB_SCENE_FORMAT:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{where} is not a classifier lab scene (format {value})"),
            where=where,
            value=json.dumps(data.get("format"))[:40],
        )
    version = data.get("version")
    if not _has_type(version, int) or version != LAB_SCENE_VERSION:
        raise _error(
            QT_TRANSLATE_NOOP(
                "LabData",
                "{where}: unsupported lab scene version {value}; this build reads {newest}",
            ),
            where=where,
            value=json.dumps(version)[:40],
            newest=LAB_SCENE_VERSION,
        )
    _check_keys(data, _TOP_KEYS, where)
    dataset_data = data["dataset"]
    _check_keys(dataset_data, {"classes": int, "points": list, "labels": list}, "dataset")
    points = _numbers(dataset_data["points"], "dataset points")
    if points.size == 0:
        points = points.reshape(0, 2)
    labels = _numbers(dataset_data["labels"], "dataset labels")
    feature_types = {
        "raw": bool,
        "squares": bool,
        "sines": bool,
        "fourier": int,
        "fourier_width": float,
        "seed": int,
    }
    _check_keys(data["features"], feature_types, "features")
    training_types = {
        "loss": str,
        "reg": float,
        "reg_convention": str,
        "learning_rate": float,
        "batch_size": int,
        "momentum": float,
        "validation_fraction": float,
        "seed": int,
    }
    _check_keys(data["training"], training_types, "training")
    try:
        dataset = Dataset(points, labels, dataset_data["classes"])
        features = FeatureConfig(**data["features"])
        config = TrainConfig(**data["training"])
        weights = data["weights"]
        if weights is not None:
            weights = _numbers(weights, "weights")
        return LabScene(
            dataset=dataset,
            features=features,
            config=config,
            steps_per_frame=data["steps_per_frame"],
            W=weights,
            dataset_kind=data["dataset_kind"],
            noise=data["noise"],
            point_count=data["point_count"],
            data_seed=data["data_seed"],
        )
    except LabDataError as error:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{where} is not a valid lab scene: {reason}"),
            where=where,
            reason=error,
        ) from None


def lab_scene_from_json(text: str, source: str = "lab scene") -> LabScene:
    """Parse and validate a lab scene document; :class:`LabDataError` for anything invalid."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{where} is not a valid lab scene file: {reason}"),
            where=source,
            reason=error,
        ) from None
    return lab_scene_from_dict(data, source)


def load_lab_scene(path: str | os.PathLike) -> LabScene:
    """Read a lab scene file (UTF-8 JSON, at most 20 MB); :class:`LabDataError` otherwise."""
    raw, name = read_bounded(
        path,
        MAX_LAB_SCENE_BYTES,
        QT_TRANSLATE_NOOP(
            "LabData", "{name} is too large for a lab scene (more than {limit} bytes)"
        ),
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{name} is not a text (UTF-8) lab scene file"), name=name
        ) from None
    return lab_scene_from_json(text, name)


def save_lab_scene(path: str | os.PathLike, scene: LabScene) -> None:
    """Write ``scene`` to ``path`` atomically (the old file stays whole if anything fails).

    Raises
    ------
    OSError
        When the file cannot be written (see :func:`explorer.files.write_atomically`).
    """
    write_atomically(path, lab_scene_to_json(scene).encode("utf-8"))


__all__ = [
    "LAB_SCENE_FORMAT",
    "LAB_SCENE_SUFFIX",
    "LAB_SCENE_VERSION",
    "LabScene",
    "lab_scene_from_dict",
    "lab_scene_from_json",
    "lab_scene_to_dict",
    "lab_scene_to_json",
    "load_lab_scene",
    "save_lab_scene",
]
