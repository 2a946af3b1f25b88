"""The classifier lab's two-dimensional data: an immutable labelled point set.

Generators are seeded and reproducible (the same arguments give the same points); CSV
files of ``x, y, label`` rows load with a message naming the row of any bad value.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ...messages import QT_TRANSLATE_NOOP, MessageError

#: The generators of :func:`make_dataset`.
DATASET_KINDS = ("blobs", "rings", "spirals", "xor", "empty")
MIN_CLASSES = 2
MAX_CLASSES = 8
#: At most this many points in a dataset (generated, loaded or clicked).
MAX_POINTS = 100_000
#: Coordinates are limited to ``|v| <= COORDINATE_LIMIT``: squares and products of them
#: stay far from overflow, and a point is somewhere a plot can show.
COORDINATE_LIMIT = 1e6
#: A CSV file larger than this is refused before it is read.
MAX_CSV_BYTES = 20_000_000
_CONTEXT = "LabData"


class LabDataError(MessageError):
    """A value of the lab a user can get wrong: a CSV row, a dataset parameter, a setting.

    ``LabDataError(context, template, **values)`` like :class:`~explorer.scenes.SceneError`:
    the templates are written as ``QT_TRANSLATE_NOOP("LabData", "...")`` where they are
    raised, the UI translates them in context ``"LabData"`` and fills in the values;
    ``str(error)`` is the English message.
    """


def _error(template: str, **values: Any) -> LabDataError:
    return LabDataError(_CONTEXT, template, **values)


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    """A real number that converts to a float (JSON's 10**400 is an int that does not)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        return False
    try:
        float(value)
    except OverflowError:
        return False
    return True


def check_classes(classes: object) -> int:
    """Return ``classes`` if it is a whole number from 2 to 8, else :class:`LabDataError`."""
    if not _is_int(classes) or not MIN_CLASSES <= int(classes) <= MAX_CLASSES:
        raise _error(
            QT_TRANSLATE_NOOP(
                "LabData", "the number of classes must be a whole number from {low} to {high}"
            ),
            low=MIN_CLASSES,
            high=MAX_CLASSES,
        )
    return int(classes)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Dataset:
    """Labelled points in the plane, immutable: every edit returns a new dataset.

    Attributes
    ----------
    points : numpy.ndarray
        ``(N, 2)`` float64 coordinates ``(x1, x2)``, finite, ``|v| <= 1e6``; read-only.
    labels : numpy.ndarray
        ``(N,)`` int64 classes in ``0..classes-1``; read-only.
    classes : int
        The number of classes ``K``, 2 to 8 (a class may have no points).

    Examples
    --------
    >>> data = Dataset(np.zeros((0, 2)), np.zeros(0, np.int64), 3).with_point((0.5, -0.5), 2)
    >>> len(data), data.labels.tolist(), data.moved(0, (0.0, 0.0)).points.tolist()
    (1, [2], [[0.0, 0.0]])
    """

    points: np.ndarray
    labels: np.ndarray
    classes: int

    def __post_init__(self) -> None:
        classes = check_classes(self.classes)
        points = np.array(self.points, dtype=np.float64, copy=True)
        if points.size == 0:
            points = points.reshape(0, 2)
        if points.ndim != 2 or points.shape[1] != 2:
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "points must be (x, y) pairs; got shape {shape}"),
                shape=str(points.shape),
            )
        labels = np.asarray(self.labels)
        if labels.size == 0:
            labels = labels.reshape(0).astype(np.int64)
        if labels.dtype.kind not in "iu":
            if labels.dtype.kind != "f" or not np.all(np.isfinite(labels)):
                raise _error(QT_TRANSLATE_NOOP("LabData", "labels must be whole numbers"))
            if np.any(labels != np.round(labels)):
                raise _error(QT_TRANSLATE_NOOP("LabData", "labels must be whole numbers"))
        # Checked before the cast: a float label beyond int64 would wrap (and warn).
        if labels.size and (labels.min() < 0 or labels.max() >= classes):
            bad = labels[(labels < 0) | (labels >= classes)][0]
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData",
                    "label {label} is out of range: with {classes} classes labels are 0 to {last}",
                ),
                label=f"{bad:g}" if labels.dtype.kind == "f" else int(bad),
                classes=classes,
                last=classes - 1,
            )
        labels = np.array(labels, dtype=np.int64, copy=True)
        if labels.shape != (points.shape[0],):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData", "there must be one label per point: {points} points, {labels} labels"
                ),
                points=points.shape[0],
                labels=labels.size,
            )
        if points.shape[0] > MAX_POINTS:
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "a dataset holds at most {limit} points"),
                limit=MAX_POINTS,
            )
        if not np.all(np.isfinite(points)):
            raise _error(QT_TRANSLATE_NOOP("LabData", "coordinates must be finite numbers"))
        if points.size and np.max(np.abs(points)) > COORDINATE_LIMIT:
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "coordinates must be within ±{limit:g}"),
                limit=COORDINATE_LIMIT,
            )
        object.__setattr__(self, "points", _frozen(points))
        object.__setattr__(self, "labels", _frozen(labels))
        object.__setattr__(self, "classes", classes)

    def __len__(self) -> int:
        return int(self.points.shape[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            self.classes == other.classes
            and np.array_equal(self.points, other.points)
            and np.array_equal(self.labels, other.labels)
        )

    __hash__ = None  # type: ignore[assignment]

    def _index(self, index: int) -> int:
        if not _is_int(index) or not -len(self) <= int(index) < len(self):
            raise IndexError(f"point index {index!r} is out of range for {len(self)} points")
        return int(index) % len(self)

    def with_point(self, xy: ArrayLike, label: int) -> Dataset:
        """A new dataset with the point ``xy`` of class ``label`` appended (last)."""
        point = np.asarray(xy, dtype=np.float64).reshape(1, 2)
        return Dataset(
            np.concatenate([self.points, point]),
            np.concatenate([self.labels, np.array([label], dtype=np.int64)]),
            self.classes,
        )

    def moved(self, index: int, xy: ArrayLike) -> Dataset:
        """A new dataset with point ``index`` moved to ``xy`` (same label, same index)."""
        points = self.points.copy()
        points[self._index(index)] = np.asarray(xy, dtype=np.float64).reshape(2)
        return Dataset(points, self.labels, self.classes)

    def relabelled(self, index: int, label: int) -> Dataset:
        """A new dataset with point ``index`` given class ``label``."""
        labels = self.labels.copy()
        labels[self._index(index)] = label
        return Dataset(self.points, labels, self.classes)

    def without(self, index: int | Sequence[int]) -> Dataset:
        """A new dataset without point ``index`` (or the points of a sequence of indices).

        The points after it move down by one index each.
        """
        indices = [index] if _is_int(index) else list(index)  # type: ignore[arg-type]
        keep = np.ones(len(self), dtype=bool)
        keep[[self._index(item) for item in indices]] = False
        return Dataset(self.points[keep], self.labels[keep], self.classes)

    def with_classes(self, classes: int) -> Dataset:
        """A new dataset with ``classes`` classes; points of classes that no longer exist go."""
        classes = check_classes(classes)
        keep = self.labels < classes
        return Dataset(self.points[keep], self.labels[keep], classes)

    def class_counts(self) -> np.ndarray:
        """``(K,)`` number of points of each class."""
        return np.bincount(self.labels, minlength=self.classes)


def empty_dataset(classes: int = 3) -> Dataset:
    """A dataset with no points and ``classes`` classes."""
    return Dataset(np.zeros((0, 2)), np.zeros(0, dtype=np.int64), classes)


def _per_class(points: int, classes: int) -> np.ndarray:
    counts = np.full(classes, points // classes)
    counts[: points % classes] += 1
    return counts


def _blobs(rng: np.random.Generator, counts: np.ndarray, noise: float) -> np.ndarray:
    classes = len(counts)
    turn = rng.uniform(0, 2 * np.pi)
    angles = turn + 2 * np.pi * np.arange(classes) / classes
    radii = 0.6 + rng.uniform(-0.05, 0.05, classes)
    centres = np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])
    spread = 0.05 + noise
    return np.concatenate(
        [
            centre + spread * rng.standard_normal((count, 2))
            for centre, count in zip(centres, counts, strict=True)
        ]
    )


def _rings(rng: np.random.Generator, counts: np.ndarray, noise: float) -> np.ndarray:
    classes = len(counts)
    parts = []
    for ring, count in enumerate(counts):
        radius = 0.9 * (ring + 1) / classes
        angle = rng.uniform(0, 2 * np.pi, count)
        r = radius + 0.5 * noise / classes * rng.standard_normal(count)
        parts.append(np.column_stack([r * np.cos(angle), r * np.sin(angle)]))
    return np.concatenate(parts)


def _spirals(rng: np.random.Generator, counts: np.ndarray, noise: float) -> np.ndarray:
    classes = len(counts)
    parts = []
    for arm, count in enumerate(counts):
        r = np.linspace(0.05, 1.0, count) * 0.95
        angle = 2 * np.pi * arm / classes + SPIRAL_TURN * r + 2 * noise * rng.standard_normal(count)
        parts.append(np.column_stack([r * np.cos(angle), r * np.sin(angle)]))
    return np.concatenate(parts)


#: How far each spiral arm turns from the centre to the rim: one full turn.
SPIRAL_TURN = 2 * np.pi


def _xor(rng: np.random.Generator, points: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # Uniform in the square, kept 0.05 off the axes (as TensorFlow Playground pads), the
    # label the sign of x1 * x2; then Gaussian noise on the positions.
    magnitude = rng.uniform(0.05, 1.0, (points, 2))
    sign = rng.choice([-1.0, 1.0], (points, 2))
    clean = magnitude * sign
    labels = (clean[:, 0] * clean[:, 1] < 0).astype(np.int64)
    return clean + noise * 0.5 * rng.standard_normal((points, 2)), labels


def make_dataset(
    kind: str, *, classes: int = 3, points: int = 300, noise: float = 0.1, seed: int = 0
) -> Dataset:
    r"""A seeded, reproducible dataset of ``points`` points within roughly ``[-1, 1]^2``.

    Points are shared between the classes as evenly as possible (class 0 first).

    - ``"blobs"``: one Gaussian blob per class, centres on a circle of radius ~0.6 (turned
      at random), standard deviation ``0.05 + noise``: linearly separable for small noise.
    - ``"rings"``: concentric rings, class ``k`` at radius ``0.9 (k + 1) / K`` with radial
      noise of standard deviation ``0.5 noise / K``. Separable by :math:`x_1^2 + x_2^2`.
    - ``"spirals"``: ``K`` arms, :math:`r \in [0.05, 1] \cdot 0.95`, angle
      :math:`2\pi k / K + 2\pi r` (one full turn) plus angular noise of standard deviation
      ``2 noise`` radians (the CS231n spiral, turned further).
    - ``"xor"``: always 2 classes (``classes`` is ignored): uniform in the square, off the
      axes by 0.05, class 1 where :math:`x_1 x_2 < 0`, positions jittered by ``noise / 2``.
    - ``"empty"``: no points, ``classes`` classes.

    Parameters
    ----------
    kind : str
        One of :data:`DATASET_KINDS`.
    classes : int
        ``K``, 2 to 8.
    points : int
        Total number of points, 0 to 100,000 (ignored for ``"empty"``).
    noise : float
        Noise scale, 0 to 1.
    seed : int
        Seed of the generator, ``>= 0``.

    Raises
    ------
    LabDataError
        For an unknown kind or a parameter out of range.

    Examples
    --------
    >>> data = make_dataset("blobs", classes=4, points=10, seed=1)
    >>> data.points.shape, data.labels.tolist()
    ((10, 2), [0, 0, 0, 1, 1, 1, 2, 2, 3, 3])
    >>> np.array_equal(data.points, make_dataset("blobs", classes=4, points=10, seed=1).points)
    True
    """
    if kind not in DATASET_KINDS:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "unknown dataset {kind}; choose one of {kinds}"),
            kind=repr(kind),
            kinds=", ".join(DATASET_KINDS),
        )
    classes = 2 if kind == "xor" else check_classes(classes)
    if not _is_int(points) or not 0 <= int(points) <= MAX_POINTS:
        raise _error(
            QT_TRANSLATE_NOOP(
                "LabData", "the number of points must be a whole number from 0 to {limit}"
            ),
            limit=MAX_POINTS,
        )
    if not _is_real(noise) or not 0.0 <= float(noise) <= 1.0:
        raise _error(QT_TRANSLATE_NOOP("LabData", "noise must be a number from 0 to 1"))
    if not _is_int(seed) or not 0 <= int(seed) < 2**63:
        raise _error(QT_TRANSLATE_NOOP("LabData", "the seed must be a whole number >= 0"))
    points, noise = int(points), float(noise)
    if kind == "empty":
        return empty_dataset(classes)
    rng = np.random.default_rng(int(seed))
    if kind == "xor":
        xy, labels = _xor(rng, points, noise)
        return Dataset(xy, labels, 2)
    counts = _per_class(points, classes)
    generate = {"blobs": _blobs, "rings": _rings, "spirals": _spirals}[kind]
    xy = generate(rng, counts, noise)
    labels = np.repeat(np.arange(classes, dtype=np.int64), counts)
    return Dataset(xy, labels, classes)


def dataset_bounds(dataset: Dataset, margin: float = 0.15) -> tuple[float, float, float, float]:
    """A square view ``(xmin, xmax, ymin, ymax)`` around every point.

    The box of the points grows by ``margin`` times its largest side (at least ``margin``)
    on every side and is made square about its centre. When it comes near the default
    view ``[-1.2, 1.2]^2`` (it meets ``[-3.6, 3.6]^2``; the generators' data always does)
    the view contains all of that too, so regenerating data does not move the view; an
    empty dataset gets the default view alone.

    Examples
    --------
    >>> dataset_bounds(empty_dataset())
    (-1.2, 1.2, -1.2, 1.2)
    >>> dataset_bounds(empty_dataset().with_point((2.0, 0.0), 0))
    (-1.2, 2.15, -1.675, 1.675)
    >>> dataset_bounds(empty_dataset().with_point((10.0, 10.0), 0).with_point((12, 11), 1))
    (9.7, 12.3, 9.2, 11.8)
    """
    default = np.array([-1.2, -1.2]), np.array([1.2, 1.2])
    if not len(dataset):
        lows, highs = default
    else:
        side = float(np.max(np.ptp(dataset.points, axis=0)))
        pad = margin * max(side, 1.0)
        lows = dataset.points.min(axis=0) - pad
        highs = dataset.points.max(axis=0) + pad
        if np.all(lows <= 3 * default[1]) and np.all(highs >= 3 * default[0]):
            lows, highs = np.minimum(lows, default[0]), np.maximum(highs, default[1])
    centre = (lows + highs) / 2
    half = float(np.max(highs - lows)) / 2
    xmin, ymin = (centre - half).tolist()
    xmax, ymax = (centre + half).tolist()
    return (round(xmin, 12), round(xmax, 12), round(ymin, 12), round(ymax, 12))


# --------------------------------------------------------------------------------- CSV


def _unquoted(field: str) -> str:
    field = field.strip()
    if len(field) >= 2 and field[0] == field[-1] and field[0] in "\"'":
        return field[1:-1].strip()  # a spreadsheet's "1.5"
    return field


def _decimal_point(field: str) -> str:
    """``1,5`` as ``1.5``: semicolon-separated files (European spreadsheets) use commas so."""
    if field.count(",") == 1:
        candidate = field.replace(",", ".")
        if _number(candidate) is not None:
            return candidate
    return field


def _csv_fields(line: str) -> list[str]:
    if ";" in line:
        return [_decimal_point(_unquoted(field)) for field in line.split(";")]
    if "," in line:
        return [_unquoted(field) for field in line.split(",")]
    return [_unquoted(field) for field in line.split()]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def dataset_from_csv_text(text: str, *, classes: int | None = None, source: str = "CSV") -> Dataset:
    r"""Parse ``x, y, label`` rows (see :func:`load_csv`) from a string.

    Examples
    --------
    >>> data = dataset_from_csv_text("x,y,label\n0.5,1,0\n-1,2.5,2\n")
    >>> data.points.tolist(), data.labels.tolist(), data.classes
    ([[0.5, 1.0], [-1.0, 2.5]], [0, 2], 3)
    """
    if classes is not None:
        classes = check_classes(classes)
    coordinates: list[tuple[float, float]] = []
    labels: list[int] = []
    seen_data = False
    for row, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        fields = _csv_fields(line)
        numbers_ = [_number(field) for field in fields]
        if (
            not seen_data
            and any(value is None for value in numbers_)
            and all(value is None for value in numbers_[:2])
        ):
            # A header line (names, not numbers) before the first data row.
            seen_data = True
            continue
        seen_data = True
        if len(fields) != 3:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData",
                    "{source}, row {row}: {count} columns; each row needs 3: x, y, label",
                ),
                source=source,
                row=row,
                count=len(fields),
            )
        for column, (name, field, value) in enumerate(
            zip(("x", "y", "label"), fields, numbers_, strict=True), start=1
        ):
            if value is None:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "LabData", "{source}, row {row}: {name} ({field}) is not a number"
                    ),
                    source=source,
                    row=row,
                    name=name,
                    field=repr(field),
                )
            if not math.isfinite(value):
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "LabData",
                        "{source}, row {row}: {name} is {field}; it must be a finite number",
                    ),
                    source=source,
                    row=row,
                    name=name,
                    field=field,
                )
            if column < 3 and abs(value) > COORDINATE_LIMIT:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "LabData", "{source}, row {row}: {name} = {field} is beyond ±{limit:g}"
                    ),
                    source=source,
                    row=row,
                    name=name,
                    field=field,
                    limit=COORDINATE_LIMIT,
                )
        x, y, label = numbers_
        assert x is not None and y is not None and label is not None
        if label != int(label):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData", "{source}, row {row}: the label {field} is not a whole number"
                ),
                source=source,
                row=row,
                field=fields[2],
            )
        if label < 0:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData",
                    "{source}, row {row}: the label {field} is negative; labels start at 0",
                ),
                source=source,
                row=row,
                field=fields[2],
            )
        limit = classes if classes is not None else MAX_CLASSES
        if label >= limit:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "LabData",
                    "{source}, row {row}: the label {field} is out of range; "
                    "with {classes} classes labels are 0 to {last}",
                ),
                source=source,
                row=row,
                field=fields[2],
                classes=limit,
                last=limit - 1,
            )
        if len(labels) >= MAX_POINTS:
            raise _error(
                QT_TRANSLATE_NOOP("LabData", "{source} has more than {limit} points"),
                source=source,
                limit=MAX_POINTS,
            )
        coordinates.append((x, y))
        labels.append(int(label))
    if not labels:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{source} has no data rows (x, y, label)"), source=source
        )
    if classes is None:
        classes = max(MIN_CLASSES, max(labels) + 1)
    return Dataset(np.array(coordinates), np.array(labels, dtype=np.int64), classes)


def load_csv(source: str | os.PathLike, *, classes: int | None = None) -> Dataset:
    """Load a dataset from a CSV file of ``x, y, label`` rows.

    One row per point: two coordinates and an integer class label from 0. Fields are
    separated by commas, or semicolons (then ``1,5`` is 1.5, as European spreadsheets
    write it), or blanks, and may be quoted; a first line of column names, blank lines and
    lines starting with ``#`` are skipped. With ``classes`` the labels must be
    below it; without, ``K`` is the largest label plus one (at least 2, at most 8).

    Raises
    ------
    LabDataError
        Naming the row (the line number in the file) and the problem: text where a number
        belongs, NaN or infinity, a label that is negative, not whole or out of range, a
        row without exactly three columns; an empty file, one that cannot be read or is not
        text.
    """
    raw, name = read_bounded(
        source,
        MAX_CSV_BYTES,
        QT_TRANSLATE_NOOP("LabData", "{name} is too large (more than {limit} bytes)"),
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "{name} is not a text (UTF-8) CSV file"), name=name
        ) from None
    return dataset_from_csv_text(text, classes=classes, source=name)


def read_bounded(source: str | os.PathLike, limit: int, too_large: str) -> tuple[bytes, str]:
    """The bytes of the regular file ``source`` and its name for messages.

    :class:`LabDataError` for a directory or other non-file, a file that cannot be read,
    or one larger than ``limit`` bytes (``too_large``: a template with ``{name}`` and
    ``{limit}``, marked for translation where it is written).
    """
    file = Path(source)
    name = file.name or str(file)
    if file.exists() and not file.is_file():
        raise _error(QT_TRANSLATE_NOOP("LabData", "{name} is not a regular file"), name=name)
    try:
        with file.open("rb") as stream:
            raw = stream.read(limit + 1)
    except (OSError, ValueError) as error:
        raise _error(
            QT_TRANSLATE_NOOP("LabData", "cannot open {name}: {reason}"),
            name=name,
            reason=getattr(error, "strerror", None) or error,
        ) from None
    if len(raw) > limit:
        raise _error(too_large, name=name, limit=limit)
    return raw, name


def dataset_to_csv(dataset: Dataset) -> str:
    """The dataset as CSV text: a header ``x,y,label`` and one row per point.

    Coordinates are written with Python's shortest round-tripping ``repr``, so
    :func:`dataset_from_csv_text` reads back exactly the same floats.

    Examples
    --------
    >>> print(dataset_to_csv(empty_dataset().with_point((0.1, -2.0), 1)), end="")
    x,y,label
    0.1,-2.0,1
    """
    lines = ["x,y,label"]
    lines.extend(
        f"{x!r},{y!r},{label}"
        for (x, y), label in zip(dataset.points.tolist(), dataset.labels.tolist(), strict=True)
    )
    return "\n".join(lines) + "\n"


__all__ = [
    "COORDINATE_LIMIT",
    "DATASET_KINDS",
    "MAX_CLASSES",
    "MAX_POINTS",
    "MIN_CLASSES",
    "Dataset",
    "LabDataError",
    "check_classes",
    "dataset_bounds",
    "dataset_from_csv_text",
    "dataset_to_csv",
    "empty_dataset",
    "load_csv",
    "make_dataset",
]
