"""The explorer's state: a small immutable, validated, JSON-able value.

Replace it, never mutate it (``dataclasses.replace`` or the ``with_*`` helpers); equality
tells what changed. Validation lives here, at construction, with messages a user can act on.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from .messages import QT_TRANSLATE_NOOP, MessageError

MIN_CLASSES = 2
MAX_CLASSES = 50
LOGIT_LIMIT = 1e6
TEMPERATURE_RANGE = (0.01, 100.0)
LEARNING_RATE_RANGE = (1e-4, 100.0)
SURFACE_LIMIT = 1e6
#: The narrowest surface range: a picture in float32 is flat well before it, and much
#: narrower ranges put points beyond the floats' range in pixels (an infinite scale).
MIN_SURFACE_WIDTH = 1e-6
MAX_NAME_LENGTH = 40
#: The losses a state can choose (keys of the core's loss objects).
LOSS_KEYS = ("cross_entropy", "squared_error", "focal")
#: The focusing parameter gamma of the focal loss.
FOCAL_GAMMA_RANGE = (0.0, 10.0)
#: Rows of the lesson's batch of examples (the batch panel).
MAX_BATCH_ROWS = 8
#: What a class weight or a binary pos_weight may be.
WEIGHT_RANGE = (0.0, 1e6)
POS_WEIGHT_RANGE = (0.01, 100.0)
#: The class index a batch label takes to be ignored (PyTorch's ``ignore_index``) lies here.
IGNORE_INDEX_RANGE = (-1000, 1000)
BATCH_REDUCTIONS = ("mean", "sum")
#: Over what the batch panel normalises: each row's classes (right), each column's
#: samples (the common mistake), or the whole array (``scipy.special.softmax``'s default).
SOFTMAX_AXES = ("classes", "samples", "whole")
STABILITY_DTYPES = ("all", "float16", "float32", "float64")
#: The version :meth:`ExplorerState.to_dict` writes; version 1 had no loss (cross-entropy).
SCENE_VERSION = 2
#: The versions :meth:`ExplorerState.from_dict` reads.
SCENE_VERSIONS = (1, 2)
#: Keys a version 1 scene cannot have.
NEW_IN_VERSION_2 = (
    "loss",
    "focal_gamma",
    "teacher_logits",
    "distillation_alpha",
    "batch_logits",
    "batch_labels",
    "class_weights",
    "ignore_index",
    "batch_reduction",
    "softmax_axis",
    "pos_weight",
    "information_bits",
    "stability_dtype",
)
_CONTEXT = "ExplorerState"
#: List fields a scene may set to null.
_OPTIONAL_LISTS = ("soft_target", "teacher_logits", "batch_logits", "batch_labels", "class_weights")


class StateError(MessageError):
    """An invalid state: the message says what is wrong and what is allowed.

    ``StateError(context, template, **values)``: the UI translates ``template`` in
    ``context`` and fills in ``values`` (``explorer.i18n.translate_error``);
    ``str(error)`` is the English message.
    """


def _error(template: str, **values: object) -> StateError:
    return StateError(_CONTEXT, template, **values)


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _error(
            QT_TRANSLATE_NOOP("ExplorerState", "{name} must be a number, got {value}"),
            name=name,
            value=repr(value),
        )
    try:
        number = float(value)
    except OverflowError:  # a JSON integer with hundreds of digits
        number = math.inf
    if not math.isfinite(number):
        raise _error(
            QT_TRANSLATE_NOOP("ExplorerState", "{name} must be a finite number, got {value}"),
            name=name,
            value=repr(value),
        )
    return number


def shortest(number: float) -> str:
    """``number`` as short as it can be written and still be itself.

    ``{:g}`` rounds to six digits, so a refused 1000000.5 read "1e+06 is out of range:
    use a value between -1e+06 and 1e+06"; here it stays 1000000.5 while 1e6 stays 1e+06.
    """
    short = f"{number:g}"
    return short if float(short) == number else repr(float(number))


def _in_range(name: str, value: Any, low: float, high: float) -> float:
    number = _number(name, value)
    if not low <= number <= high:
        raise _error(
            QT_TRANSLATE_NOOP(
                "ExplorerState", "{name} must be between {low} and {high}, got {value}"
            ),
            name=name,
            low=shortest(low),
            high=shortest(high),
            value=shortest(number),
        )
    return number


def _index(name: str, value: Any, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(
            QT_TRANSLATE_NOOP("ExplorerState", "{name} must be a whole number, got {value}"),
            name=name,
            value=repr(value),
        )
    if not 0 <= value < count:
        raise _error(
            QT_TRANSLATE_NOOP(
                "ExplorerState", "{name} must be a class between 0 and {last}, got {value}"
            ),
            name=name,
            last=count - 1,
            value=value,
        )
    return int(value)


def _check_count(count: int) -> None:
    if not MIN_CLASSES <= count <= MAX_CLASSES:
        raise _error(
            QT_TRANSLATE_NOOP(
                "ExplorerState",
                "the number of classes must be between {low} and {high}, got {count}",
            ),
            low=MIN_CLASSES,
            high=MAX_CLASSES,
            count=count,
        )


def default_logits(num_classes: int) -> tuple[float, ...]:
    """Friendly starting logits: the classic ``[2, 1, 0.1]`` extended with descending values."""
    classic = (2.0, 1.0, 0.1)
    extra = tuple(round(-0.5 * step, 2) for step in range(1, num_classes - 2))
    return (classic + extra)[:num_classes]


def default_teacher_logits(num_classes: int) -> tuple[float, ...]:
    """A confident teacher: the default logits, twice as far apart."""
    return tuple(2.0 * value for value in default_logits(num_classes))


def default_batch_logits(num_classes: int) -> tuple[tuple[float, ...], ...]:
    """A batch of four examples: the default logits, rolled one class further each row."""
    base = default_logits(num_classes)
    return tuple(base[-row:] + base[:-row] if row else base for row in range(4))


def _vector(name: str, value: Any) -> tuple:
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__len__"):
        raise _error(
            QT_TRANSLATE_NOOP("ExplorerState", "{name} must be a list, got {value}"),
            name=name,
            value=repr(value),
        )
    if len(value) > MAX_CLASSES * 4:
        raise _error(
            QT_TRANSLATE_NOOP("ExplorerState", "{key} is too long ({given} entries)"),
            key=name,
            given=len(value),
        )
    return tuple(value)


@dataclass(frozen=True)
class ExplorerState:
    """Everything the user has chosen; every displayed number derives from it.

    Attributes
    ----------
    logits : tuple of float
        ``z``, K values with ``|z_i| <= 1e6``; K from 2 to 50.
    label : int
        The true class of a hard label (also remembered while a soft target is on).
    soft_target : tuple of float or None
        A probability vector (non-negative, sums to 1) replacing the hard label, or None.
    temperature : float
        ``T`` in [0.01, 100].
    label_smoothing : float
        ``eps`` in [0, 1].
    class_names : tuple of str
        One name per class; an empty string means the default ("class i").
    surface_axes : tuple of int
        The two logits spanning the loss surface.
    surface_range : tuple of float
        ``(a_min, a_max, b_min, b_max)`` of the surface plane, within
        ``[-SURFACE_LIMIT, SURFACE_LIMIT]``, each range at least ``MIN_SURFACE_WIDTH`` wide.
    learning_rate : float
        Step size of gradient descent on the logits.
    show_field : bool
        Whether the field of gradient arrows is drawn over the surface.
    loss : str
        The loss minimised, one of ``LOSS_KEYS``: "cross_entropy", "squared_error", "focal".
    focal_gamma : float
        ``gamma`` of the focal loss ``-(1 - p_y)^gamma log p_y``, in [0, 10].
    teacher_logits : tuple of float or None
        A teacher's K logits for distillation; None means :func:`default_teacher_logits`.
    distillation_alpha : float
        Weight of the soft (teacher) part of the distillation loss, in [0, 1].
    batch_logits : tuple of tuple of float or None
        A small N x K logits matrix (N from 1 to 8, rows are samples); None means
        :func:`default_batch_logits`.
    batch_labels : tuple of int or None
        One class (or ``ignore_index``) per batch row; None means row ``n`` has class
        ``n mod K``.
    class_weights : tuple of float or None
        PyTorch's ``weight``: K non-negative class weights, or None (all 1).
    ignore_index : int
        Labels equal to it are left out of the batch loss (PyTorch's default, -100).
    batch_reduction : str
        "mean" (PyTorch's weighted mean) or "sum".
    softmax_axis : str
        What the batch panel normalises over: "classes", "samples" or "whole".
    pos_weight : float
        Weight of the positive class in ``BCEWithLogitsLoss`` (the binary panel).
    information_bits : bool
        Information measures in bits instead of nats.
    stability_dtype : str
        The float type the stability panel shows: "all", "float16", "float32", "float64".
    """

    logits: tuple[float, ...] = field(default_factory=lambda: default_logits(3))
    label: int = 0
    soft_target: tuple[float, ...] | None = None
    temperature: float = 1.0
    label_smoothing: float = 0.0
    class_names: tuple[str, ...] = ()
    surface_axes: tuple[int, int] = (0, 1)
    surface_range: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0)
    learning_rate: float = 1.0
    show_field: bool = True
    loss: str = "cross_entropy"
    focal_gamma: float = 2.0
    teacher_logits: tuple[float, ...] | None = None
    distillation_alpha: float = 0.5
    batch_logits: tuple[tuple[float, ...], ...] | None = None
    batch_labels: tuple[int, ...] | None = None
    class_weights: tuple[float, ...] | None = None
    ignore_index: int = -100
    batch_reduction: str = "mean"
    softmax_axis: str = "classes"
    pos_weight: float = 1.0
    information_bits: bool = False
    stability_dtype: str = "all"

    def __post_init__(self) -> None:
        set_field = object.__setattr__
        if isinstance(self.logits, str | bytes) or not hasattr(self.logits, "__len__"):
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "logits must be a list of numbers, got {value}"),
                value=repr(self.logits),
            )
        count = len(self.logits)
        _check_count(count)
        logits = tuple(
            _in_range(f"logit {i}", value, -LOGIT_LIMIT, LOGIT_LIMIT)
            for i, value in enumerate(self.logits)
        )
        set_field(self, "logits", logits)
        set_field(self, "label", _index("label", self.label, count))
        if self.soft_target is not None:
            target = tuple(_number("soft target entry", value) for value in self.soft_target)
            if len(target) != count:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState",
                        "the soft target needs one probability per class ({count}), got {given}",
                    ),
                    count=count,
                    given=len(target),
                )
            if any(value < 0 for value in target):
                raise _error(
                    QT_TRANSLATE_NOOP("ExplorerState", "soft target probabilities must be >= 0")
                )
            if any(value > 1 for value in target):  # and their sum cannot overflow
                raise _error(
                    QT_TRANSLATE_NOOP("ExplorerState", "soft target probabilities must be <= 1")
                )
            if abs(math.fsum(target) - 1.0) > 1e-6:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState", "soft target probabilities must sum to 1, got {total:g}"
                    ),
                    total=math.fsum(target),
                )
            set_field(self, "soft_target", target)
        set_field(
            self, "temperature", _in_range("temperature", self.temperature, *TEMPERATURE_RANGE)
        )
        set_field(
            self, "label_smoothing", _in_range("label smoothing", self.label_smoothing, 0.0, 1.0)
        )
        names = tuple(self.class_names) if self.class_names else ("",) * count
        if len(names) != count or not all(isinstance(name, str) for name in names):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "class_names must be {count} strings, got {value}"
                ),
                count=count,
                value=repr(self.class_names),
            )
        if any(len(name) > MAX_NAME_LENGTH for name in names):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "class names must be at most {limit} characters"
                ),
                limit=MAX_NAME_LENGTH,
            )
        set_field(self, "class_names", tuple(name.strip() for name in names))
        axes = tuple(self.surface_axes)
        if len(axes) != 2:
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "surface_axes must be two classes, got {value}"),
                value=repr(self.surface_axes),
            )
        axes = (_index("surface axis", axes[0], count), _index("surface axis", axes[1], count))
        if axes[0] == axes[1]:
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "the two surface axes must be different classes")
            )
        set_field(self, "surface_axes", axes)
        bounds = tuple(self.surface_range)
        if len(bounds) != 4:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState",
                    "surface_range must be (a_min, a_max, b_min, b_max), got {value}",
                ),
                value=repr(bounds),
            )
        bounds = tuple(
            _in_range("surface range", value, -SURFACE_LIMIT, SURFACE_LIMIT) for value in bounds
        )
        if not (bounds[0] < bounds[1] and bounds[2] < bounds[3]):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "each surface range needs its minimum below its maximum"
                )
            )
        if bounds[1] - bounds[0] < MIN_SURFACE_WIDTH or bounds[3] - bounds[2] < MIN_SURFACE_WIDTH:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "each surface range must be at least {width:g} wide"
                ),
                width=MIN_SURFACE_WIDTH,
            )
        set_field(self, "surface_range", bounds)
        set_field(
            self,
            "learning_rate",
            _in_range("learning rate", self.learning_rate, *LEARNING_RATE_RANGE),
        )
        if not isinstance(self.show_field, bool):
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "show_field must be true or false, got {value}"),
                value=repr(self.show_field),
            )
        if not isinstance(self.loss, str) or self.loss not in LOSS_KEYS:
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "loss must be one of {losses}, got {value}"),
                losses=", ".join(LOSS_KEYS),
                value=repr(self.loss),
            )
        set_field(
            self, "focal_gamma", _in_range("focal gamma", self.focal_gamma, *FOCAL_GAMMA_RANGE)
        )
        self._check_lessons(count)

    def _check_lessons(self, count: int) -> None:
        """Validate the lesson panels' fields (distillation, batch, binary, information)."""
        set_field = object.__setattr__
        if self.teacher_logits is not None:
            teacher = _vector("teacher_logits", self.teacher_logits)
            if len(teacher) != count:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState",
                        "the teacher needs one logit per class ({count}), got {given}",
                    ),
                    count=count,
                    given=len(teacher),
                )
            set_field(
                self,
                "teacher_logits",
                tuple(
                    _in_range(f"teacher logit {i}", value, -LOGIT_LIMIT, LOGIT_LIMIT)
                    for i, value in enumerate(teacher)
                ),
            )
        set_field(
            self,
            "distillation_alpha",
            _in_range("distillation alpha", self.distillation_alpha, 0.0, 1.0),
        )
        ignore_index = self.ignore_index
        if isinstance(ignore_index, bool) or not isinstance(ignore_index, int):
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "{name} must be a whole number, got {value}"),
                name="ignore_index",
                value=repr(ignore_index),
            )
        if not IGNORE_INDEX_RANGE[0] <= ignore_index <= IGNORE_INDEX_RANGE[1]:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "ignore_index must be between {low} and {high}, got {value}"
                ),
                low=IGNORE_INDEX_RANGE[0],
                high=IGNORE_INDEX_RANGE[1],
                value=ignore_index,
            )
        rows = None
        if self.batch_logits is not None:
            matrix = _vector("batch_logits", self.batch_logits)
            if not 1 <= len(matrix) <= MAX_BATCH_ROWS:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState", "the batch must have 1 to {limit} rows, got {given}"
                    ),
                    limit=MAX_BATCH_ROWS,
                    given=len(matrix),
                )
            checked = []
            for row_index, row in enumerate(matrix):
                row = _vector(f"batch row {row_index}", row)
                if len(row) != count:
                    raise _error(
                        QT_TRANSLATE_NOOP(
                            "ExplorerState",
                            "batch row {row} needs one logit per class ({count}), got {given}",
                        ),
                        row=row_index,
                        count=count,
                        given=len(row),
                    )
                checked.append(
                    tuple(
                        _in_range(f"batch logit ({row_index}, {i})", v, -LOGIT_LIMIT, LOGIT_LIMIT)
                        for i, v in enumerate(row)
                    )
                )
            set_field(self, "batch_logits", tuple(checked))
            rows = len(checked)
        if self.batch_labels is not None:
            labels = _vector("batch_labels", self.batch_labels)
            expected = rows if rows is not None else len(default_batch_logits(count))
            if len(labels) != expected:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState",
                        "the batch needs one label per row ({count}), got {given}",
                    ),
                    count=expected,
                    given=len(labels),
                )
            checked_labels = []
            for row_index, label in enumerate(labels):
                if label == ignore_index and not isinstance(label, bool):
                    checked_labels.append(int(label))
                else:
                    checked_labels.append(_index(f"batch label {row_index}", label, count))
            set_field(self, "batch_labels", tuple(checked_labels))
        if self.class_weights is not None:
            weights = _vector("class_weights", self.class_weights)
            if len(weights) != count:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState",
                        "class_weights needs one weight per class ({count}), got {given}",
                    ),
                    count=count,
                    given=len(weights),
                )
            set_field(
                self,
                "class_weights",
                tuple(
                    _in_range(f"class weight {i}", w, *WEIGHT_RANGE) for i, w in enumerate(weights)
                ),
            )
        for name, allowed in (
            ("batch_reduction", BATCH_REDUCTIONS),
            ("softmax_axis", SOFTMAX_AXES),
            ("stability_dtype", STABILITY_DTYPES),
        ):
            value = getattr(self, name)
            if not isinstance(value, str) or value not in allowed:
                raise _error(
                    QT_TRANSLATE_NOOP(
                        "ExplorerState", "{name} must be one of {allowed}, got {value}"
                    ),
                    name=name,
                    allowed=", ".join(allowed),
                    value=repr(value),
                )
        set_field(self, "pos_weight", _in_range("pos_weight", self.pos_weight, *POS_WEIGHT_RANGE))
        if not isinstance(self.information_bits, bool):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "information_bits must be true or false, got {value}"
                ),
                value=repr(self.information_bits),
            )

    # Derived, read-only views -------------------------------------------------------------
    @property
    def teacher(self) -> tuple[float, ...]:
        """The teacher's logits: the chosen ones or :func:`default_teacher_logits`."""
        return self.teacher_logits or default_teacher_logits(self.num_classes)

    @property
    def batch(self) -> tuple[tuple[float, ...], ...]:
        """The batch's logits matrix: the chosen one or :func:`default_batch_logits`."""
        return self.batch_logits or default_batch_logits(self.num_classes)

    @property
    def labels(self) -> tuple[int, ...]:
        """One label per batch row: the chosen ones, or row ``n`` has class ``n mod K``."""
        if self.batch_labels is not None:
            return self.batch_labels
        return tuple(row % self.num_classes for row in range(len(self.batch)))

    @property
    def num_classes(self) -> int:
        """K, the number of classes."""
        return len(self.logits)

    @property
    def target(self):
        """What the core takes as target: the class index, or the soft probability vector."""
        if self.soft_target is None:
            return self.label
        return np.asarray(self.soft_target, dtype=np.float64)

    # New states ---------------------------------------------------------------------------
    def with_logit(self, index: int, value: float) -> ExplorerState:
        """A copy with logit ``index`` set to ``value``."""
        logits = list(self.logits)
        logits[_index("class", index, self.num_classes)] = value
        return replace(self, logits=tuple(logits))

    def shifted(self, constant: float) -> ExplorerState:
        """A copy with every logit moved by ``constant`` (nothing but the logits changes)."""
        return replace(self, logits=tuple(value + constant for value in self.logits))

    def with_num_classes(self, count: int) -> ExplorerState:
        """A copy with K classes: existing logits and names are kept, new ones get defaults."""
        _check_count(count)
        current = self.num_classes
        if count <= current:
            logits = self.logits[:count]
            names = self.class_names[:count]
        else:
            fill = default_logits(count)[current:]
            logits = self.logits + fill
            names = self.class_names + ("",) * (count - current)
        soft = None
        if self.soft_target is not None:
            kept = list(self.soft_target[:count]) + [0.0] * max(0, count - current)
            total = math.fsum(kept)
            soft = tuple(v / total for v in kept) if total > 0 else (1.0 / count,) * count
        axes = self.surface_axes
        if max(axes) >= count:
            axes = (0, 1)

        def resized(values: tuple | None, fill: tuple) -> tuple | None:
            if values is None:
                return None
            return tuple(values[:count]) + tuple(fill[len(values) : count])

        teacher = resized(self.teacher_logits, default_teacher_logits(count))
        batch = None
        if self.batch_logits is not None:
            batch = tuple(resized(row, (0.0,) * count) for row in self.batch_logits)
        labels = None
        if self.batch_labels is not None:
            labels = tuple(
                label if label == self.ignore_index else min(label, count - 1)
                for label in self.batch_labels
            )
        return replace(
            self,
            logits=logits,
            class_names=names,
            label=min(self.label, count - 1),
            soft_target=soft,
            surface_axes=axes,
            teacher_logits=teacher,
            batch_logits=batch,
            batch_labels=labels,
            class_weights=resized(self.class_weights, (1.0,) * count),
        )

    # JSON ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (tuples become lists) with the scene-file version."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return {"version": SCENE_VERSION, **data}

    @classmethod
    def from_dict(cls, data: Any) -> ExplorerState:
        """Build and validate a state from a scene dict, as written by :meth:`to_dict`.

        Reads versions 1 and 2 (a dict without ``"version"`` counts as the current one).
        Version 1 knew no loss: its scenes get cross-entropy and the default gamma.
        """
        if not isinstance(data, dict):
            raise _error(QT_TRANSLATE_NOOP("ExplorerState", "a scene must be a JSON object"))
        version = data.get("version", SCENE_VERSION)
        # JSON true is a Python bool, and bool is an int: refuse it before comparing.
        if isinstance(version, bool) or not isinstance(version, int):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "the scene version must be a whole number, got {value}"
                ),
                value=repr(version),
            )
        if version not in SCENE_VERSIONS:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState",
                    "unsupported scene version {value}; "
                    "this build reads versions {oldest} to {newest}",
                ),
                value=version,
                oldest=SCENE_VERSIONS[0],
                newest=SCENE_VERSIONS[-1],
            )
        if version == 1 and (newer := [key for key in NEW_IN_VERSION_2 if key in data]):
            raise _error(
                QT_TRANSLATE_NOOP(
                    "ExplorerState", "a version 1 scene cannot set {keys}; write version {newest}"
                ),
                keys=", ".join(newer),
                newest=SCENE_VERSION,
            )
        # The theme became a preference of the person (QSettings); a scene's is ignored.
        # "panels" names the panels a scene (a preset) opens: layout, not state.
        data = {key: value for key, value in data.items() if key not in ("theme", "panels")}
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(data) - known - {"version"})
        if unknown:
            raise _error(
                QT_TRANSLATE_NOOP("ExplorerState", "unknown scene keys: {keys}"),
                keys=", ".join(unknown),
            )
        values = {key: value for key, value in data.items() if key in known}
        for key in (
            "logits",
            "soft_target",
            "class_names",
            "surface_axes",
            "surface_range",
            "teacher_logits",
            "batch_logits",
            "batch_labels",
            "class_weights",
        ):
            if key not in values or (key in _OPTIONAL_LISTS and values[key] is None):
                continue
            value = values[key]
            if not isinstance(value, list | tuple):
                raise _error(QT_TRANSLATE_NOOP("ExplorerState", "{key} must be a list"), key=key)
            if len(value) > MAX_CLASSES * 4:
                raise _error(
                    QT_TRANSLATE_NOOP("ExplorerState", "{key} is too long ({given} entries)"),
                    key=key,
                    given=len(value),
                )
            values[key] = tuple(value)
        if values.get("batch_logits") is not None:
            values["batch_logits"] = tuple(
                tuple(row) if isinstance(row, list | tuple) else row
                for row in values["batch_logits"]
            )
        return cls(**values)
