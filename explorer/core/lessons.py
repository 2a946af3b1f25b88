r"""The numbers behind the explorer's seven lesson panels, computed here so views only draw.

Each lesson is one function returning a frozen dataclass (or a small tuple / dict):

1. :func:`stability_report` - naive ``exp(z) / sum(exp(z))`` against the max-shifted
   softmax in float16 / float32 / float64, ``log(softmax)`` against ``log_softmax``;
   :func:`overflow_limits`, :func:`clipped_vs_exact`.
2. :func:`losses_compared` / :func:`loss_curves` - cross-entropy, squared error, focal and
   label-smoothed cross-entropy side by side, from the loss objects of
   :mod:`explorer.core.loss_objects`.
3. :func:`distillation_report` / :func:`gradient_scaling` - knowledge distillation and why
   its soft loss carries ``T^2``.
4. :func:`binary_report` / :func:`sigmoid_curve` / :func:`bce_curves` - the sigmoid as the
   two-class softmax, ``BCELoss`` (clamped logs) against ``BCEWithLogitsLoss``.
5. :func:`information_report` / :func:`information_from_logits` - self-information,
   entropy, cross-entropy and KL, with ``H(t, p) = H(t) + KL(t || p)``.
6. :func:`jacobian_report` - the softmax Jacobian ``(diag p - p p^T) / T``: symmetric,
   positive semi-definite, rank ``K - 1``, the all-ones vector in its null space.
7. :func:`batch_report` - softmax over the right axis of an ``(N, K)`` batch, and
   PyTorch's reductions with class weights and ``ignore_index``.

Nothing here writes its own softmax, logsumexp or cross-entropy: every one is a call into
:mod:`explorer.core.softmax`, :mod:`explorer.core.losses` or the loss objects. Results
hold NumPy arrays, so two reports compare by identity (``eq=False``), never elementwise.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._arrays import as_float_array, as_logits, check_label_smoothing, check_temperature
from .analysis import _kl_from_log_probs
from .loss_objects import CrossEntropyLoss, make_loss
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    clipped_cross_entropy,
    cross_entropy,
    cross_entropy_grad,
    distillation_loss,
    distillation_loss_grad,
    entropy,
    kl_divergence,
    nll_loss,
)
from .softmax import (
    _QUIET,
    log_softmax,
    naive_softmax,
    overflow_threshold,
    sigmoid,
    softmax,
    softmax_and_log_softmax,
    softmax_jacobian,
)
from .surface import target_distribution

#: The floating-point types of the stability lesson, narrowest first.
STABILITY_DTYPES = ("float16", "float32", "float64")

#: Row keys of :func:`losses_compared` and :func:`loss_curves`, in display order.
LESSON_LOSS_KEYS = ("cross_entropy", "squared_error", "focal", "label_smoothed_cross_entropy")

#: ``log`` terms of ``torch.nn.BCELoss`` are clamped at this value.
BCE_LOG_CLAMP = -100.0

_CROSS_ENTROPY = CrossEntropyLoss()


# --------------------------------------------------------------------------- checks


def _vector(values: ArrayLike, name: str = "logits") -> np.ndarray:
    """One example's ``(C,)`` floats (float32/float64 kept, anything else float64)."""
    array = as_logits(values, name)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one example, a vector of shape (C,); got {array.shape}")
    return array


def _finite_vector(values: ArrayLike, name: str = "logits") -> np.ndarray:
    array = _vector(values, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers; got {array.tolist()}")
    return array


def _no_nan_or_plus_inf(array: np.ndarray, name: str) -> np.ndarray:
    if np.any(np.isnan(array)) or np.any(array == np.inf):
        raise ValueError(
            f"{name} must be finite or -inf (a masked class), not NaN or +inf; got {array.tolist()}"
        )
    return array


def _class_index(label: object, num_classes: int, name: str = "label") -> int:
    if isinstance(label, bool) or not isinstance(label, numbers.Integral):
        raise ValueError(f"{name} must be a class index (an int), got {label!r}")
    if not 0 <= int(label) < num_classes:
        raise ValueError(f"{name} {int(label)} is out of range: classes are 0..{num_classes - 1}")
    return int(label)


def _unit_interval(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number in [0, 1], got {value!r}")
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    return number


def _axis_values(values: ArrayLike, name: str) -> np.ndarray:
    array = as_float_array(values, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array; got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers")
    return array


def _dtype_name(dtype: DTypeLike) -> str:
    try:
        name = np.dtype(dtype).name
    except TypeError:
        name = None
    if name not in STABILITY_DTYPES:
        raise ValueError(
            f"dtype must be one of {', '.join(map(repr, STABILITY_DTYPES))}; got {dtype!r}"
        )
    return name


def _distribution(values: ArrayLike, name: str, num_classes: int | None = None) -> np.ndarray:
    """A probability vector: entries in [0, 1] summing to 1 (to a few ulps per class)."""
    array = as_float_array(values, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty vector of shape (C,); got {array.shape}")
    if num_classes is not None and array.size != num_classes:
        raise ValueError(f"{name} must have shape ({num_classes},); got {array.shape}")
    if not np.all((array >= 0) & (array <= 1)):  # NaN fails too
        raise ValueError(f"{name} must be probabilities in [0, 1]; got {array.tolist()}")
    total = float(np.sum(array, dtype=np.float64))
    tolerance = max(1e-6, 4 * array.size * float(np.finfo(array.dtype).eps))
    if abs(total - 1) > tolerance:
        raise ValueError(
            f"{name} must sum to 1, got {total!r}; normalise it (or give logits to "
            "information_from_logits)"
        )
    return array


# --------------------------------------------------------------------------- 1. stability


@dataclass(frozen=True, eq=False)
class StabilityReport:
    """Naive and stable softmax of ``z / T`` in one floating-point type.

    Every array has shape ``(C,)`` and the lesson's dtype unless said otherwise.

    Attributes
    ----------
    dtype : str
        ``'float16'``, ``'float32'`` or ``'float64'``.
    temperature : float
        ``T``.
    scaled : numpy.ndarray
        ``z / T`` cast to ``dtype`` (``inf`` beyond ``finfo(dtype).max``: 65504 in float16).
    naive_exp : numpy.ndarray
        ``exp(z / T)`` in ``dtype``: ``inf`` where it overflows.
    naive_sum : float
        ``sum(naive_exp)`` in ``dtype`` (may overflow even when no term does).
    naive_softmax : numpy.ndarray
        ``naive_exp / naive_sum``: NaN where ``inf / inf``.
    shifted_exp : numpy.ndarray
        ``exp(z / T - max(z / T))``, every entry in ``[0, 1]``.
    stable_softmax : numpy.ndarray
        ``shifted_exp / sum(shifted_exp)`` (:func:`~explorer.core.softmax`).
    naive_log_softmax : numpy.ndarray
        ``log(stable_softmax)``, the tutorial's ``log(softmax(z))``: ``-inf`` wherever
        ``p`` underflows to 0.
    log_softmax : numpy.ndarray
        ``z / T - logsumexp(z / T)`` (:func:`~explorer.core.log_softmax`), finite there.
    overflow_limit : float
        ``log(finfo.max)``: 11.09 (float16), 88.72 (float32), 709.78 (float64).
    underflow_limit : float
        ``log(finfo.tiny)``, below which ``exp`` leaves the normal numbers (loses digits).
    subnormal_limit : float
        ``log(smallest subnormal)``, below which ``exp`` is 0.
    overflowed : numpy.ndarray
        bool ``(C,)``: ``scaled > overflow_limit`` (exactly where ``naive_exp`` is inf).
    underflowed : numpy.ndarray
        bool ``(C,)``: ``stable_softmax == 0``, where ``naive_log_softmax`` is ``-inf``.
    naive_fails : bool
        The naive softmax has a NaN or inf, or its sum overflowed (then it is all zeros).
    """

    dtype: str
    temperature: float
    scaled: np.ndarray
    naive_exp: np.ndarray
    naive_sum: float
    naive_softmax: np.ndarray
    shifted_exp: np.ndarray
    stable_softmax: np.ndarray
    naive_log_softmax: np.ndarray
    log_softmax: np.ndarray
    overflow_limit: float
    underflow_limit: float
    subnormal_limit: float
    overflowed: np.ndarray
    underflowed: np.ndarray
    naive_fails: bool


def _limits(dtype: str) -> tuple[float, float, float]:
    info = np.finfo(dtype)
    return (
        overflow_threshold(dtype),
        float(np.log(float(info.tiny))),
        float(np.log(float(info.smallest_subnormal))),
    )


def overflow_limits() -> dict[str, tuple[float, float, float]]:
    r"""``dtype name -> (overflow, underflow, subnormal underflow)`` limits of ``exp``.

    .. math:: \log(\mathrm{finfo.max}),\quad \log(\mathrm{finfo.tiny}),\quad
              \log(\text{smallest subnormal})

    ``exp(x)`` is ``inf`` above the first, subnormal (fewer digits) below the second and 0
    below the third.

    Examples
    --------
    >>> {name: round(limits[0], 2) for name, limits in overflow_limits().items()}
    {'float16': 11.09, 'float32': 88.72, 'float64': 709.78}
    >>> [round(value, 2) for value in overflow_limits()["float32"]]
    [88.72, -87.34, -103.28]
    """
    return {name: _limits(name) for name in STABILITY_DTYPES}


def stability_report(
    logits: ArrayLike, temperature: float = 1.0, dtype: DTypeLike = "float32"
) -> StabilityReport:
    r"""The naive softmax failing and the max-shifted one not, in ``dtype``.

    .. math:: \text{naive: } \frac{e^{s_i}}{\sum_j e^{s_j}},\qquad
              \text{stable: } \frac{e^{s_i - m}}{\sum_j e^{s_j - m}},\qquad
              \log p_i = s_i - \operatorname{lse}(s),\quad s = z / T,\ m = \max_j s_j

    The naive form overflows to ``inf / inf = NaN`` once some ``s_i`` exceeds
    ``log(finfo(dtype).max)``; ``log(softmax(s))`` is ``-inf`` where ``p_i`` underflows.

    Parameters
    ----------
    logits : array_like
        ``(C,)`` logits, finite or ``-inf`` (masked).
    temperature : float
        ``T > 0``; ``z / T`` is taken in float64, then cast to ``dtype``.
    dtype : {'float16', 'float32', 'float64'}
        The type every step is computed in.

    Returns
    -------
    StabilityReport

    Examples
    --------
    >>> report = stability_report([1000.0, 1.0], dtype="float64")
    >>> report.naive_softmax.tolist(), report.naive_fails
    ([nan, 0.0], True)
    >>> report.log_softmax.tolist(), report.naive_log_softmax.tolist()
    ([0.0, -999.0], [0.0, -inf])
    >>> stability_report([11.0, 0.0], dtype="float16").naive_fails
    False
    >>> stability_report([11.1, 0.0], dtype="float16").overflowed.tolist()
    [True, False]
    """
    name = _dtype_name(dtype)
    vector = _no_nan_or_plus_inf(_vector(logits), "logits")
    temperature = check_temperature(temperature)
    overflow, underflow, subnormal = _limits(name)
    with np.errstate(**_QUIET):
        scaled = (vector.astype(np.float64) / temperature).astype(name)
        naive_exp = np.exp(scaled)
        naive_sum = np.sum(naive_exp)
        naive = naive_softmax(scaled, dtype=name)
        shifted_exp = np.exp(scaled - np.max(scaled))
        stable = softmax(scaled)
        naive_log = np.log(stable)
        log_probs = log_softmax(scaled)
        naive_fails = bool(np.any(~np.isfinite(naive)) or not np.isfinite(naive_sum))
    return StabilityReport(
        dtype=name,
        temperature=temperature,
        scaled=scaled,
        naive_exp=naive_exp,
        naive_sum=float(naive_sum),
        naive_softmax=naive,
        shifted_exp=shifted_exp,
        stable_softmax=stable,
        naive_log_softmax=naive_log,
        log_softmax=log_probs,
        overflow_limit=overflow,
        underflow_limit=underflow,
        subnormal_limit=subnormal,
        # In float64: NumPy would round a Python float limit to the dtype (11.09375 in
        # float16, above the limit) before comparing.
        overflowed=scaled.astype(np.float64) > overflow,
        underflowed=stable == 0,
        naive_fails=naive_fails,
    )


def clipped_vs_exact(
    logits: ArrayLike, label: int, temperature: float = 1.0, clip: float = 1e-10
) -> tuple[float, float]:
    r"""``(clipped, exact)`` cross-entropy: the tutorial's clip against ``log_softmax``.

    .. math:: L_\text{clip} = -\log \operatorname{clip}(p_y, c, 1 - c),\qquad
              L = \operatorname{lse}(z / T) - z_y / T

    The clip caps a confidently wrong loss at ``-log(c)`` (23.03 for ``c = 1e-10``) and
    floors a confidently right one at about ``c``.

    Parameters
    ----------
    logits : array_like
        ``(C,)`` logits.
    label : int
        The true class.
    temperature : float
        ``T > 0``.
    clip : float
        ``c`` in ``(0, 0.5)``.

    Examples
    --------
    >>> clipped, exact = clipped_vs_exact([0.0, 100.0], 0)
    >>> round(clipped, 2), round(exact, 2)
    (23.03, 100.0)
    """
    vector = _vector(logits)
    label = _class_index(label, vector.size)
    temperature = check_temperature(temperature)
    if isinstance(clip, bool) or not isinstance(clip, numbers.Real) or not 0 < clip < 0.5:
        raise ValueError(f"clip must be a number in (0, 0.5), e.g. 1e-10; got {clip!r}")
    clipped = clipped_cross_entropy(vector, label, clip=float(clip), temperature=temperature)
    exact = cross_entropy(vector / vector.dtype.type(temperature), np.asarray(label))
    return float(clipped), float(exact)


# --------------------------------------------------------------------------- 2. losses


@dataclass(frozen=True, eq=False)
class LossRow:
    """One loss of one example, for the comparison table.

    Attributes
    ----------
    key : str
        One of :data:`LESSON_LOSS_KEYS`.
    value : float
        The loss.
    gradient : numpy.ndarray
        ``dL/dz``, shape ``(C,)``; its entries sum to 0.
    gradient_norm : float
        ``||dL/dz||``.
    label_smoothing : float
        The ``eps`` of the effective target ``(1 - eps) y + eps / C`` this row used.
    """

    key: str
    value: float
    gradient: np.ndarray
    gradient_norm: float
    label_smoothing: float


def _lesson_losses(label_smoothing, focal_gamma, smoothed_epsilon):
    """``(key, loss object, eps)`` per row of :data:`LESSON_LOSS_KEYS`."""
    eps = check_label_smoothing(label_smoothing)
    smoothed = _unit_interval(smoothed_epsilon, "smoothed_epsilon")
    return (
        ("cross_entropy", _CROSS_ENTROPY, eps),
        ("squared_error", make_loss("squared_error"), eps),
        ("focal", make_loss("focal", focal_gamma=focal_gamma), eps),
        ("label_smoothed_cross_entropy", _CROSS_ENTROPY, eps if eps > 0 else smoothed),
    )


def losses_compared(
    logits: ArrayLike,
    target: int | ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
    focal_gamma: float = 2.0,
    smoothed_epsilon: float = 0.1,
) -> tuple[LossRow, ...]:
    r"""Cross-entropy, squared error, focal and label-smoothed cross-entropy side by side.

    With ``p = softmax(z / T)`` and ``t = (1 - eps) y + eps / C``:

    .. math:: H(t, p) = -\sum_i t_i \log p_i,\quad \frac{1}{C}\sum_i (p_i - t_i)^2,\quad
              -\sum_i t_i (1 - p_i)^\gamma \log p_i

    The first three rows use the state's ``label_smoothing``; the last is cross-entropy
    with ``eps = label_smoothing`` if that is > 0 (then it equals the first row), else
    ``smoothed_epsilon``. Values and gradients come from
    :func:`~explorer.core.loss_objects.make_loss`'s objects.

    Parameters
    ----------
    logits : array_like
        ``(C,)`` logits.
    target : int or array_like
        A class index or a ``(C,)`` probability vector.
    temperature, label_smoothing : float
        ``T > 0`` and ``eps`` in [0, 1], as everywhere in the explorer.
    focal_gamma : float
        ``gamma >= 0`` of the focal loss.
    smoothed_epsilon : float
        In [0, 1]: the last row's ``eps`` when ``label_smoothing`` is 0.

    Returns
    -------
    tuple of LossRow
        In the order of :data:`LESSON_LOSS_KEYS`.

    Examples
    --------
    >>> rows = losses_compared([2.0, 1.0, 0.1], 0)
    >>> [(row.key, round(row.value, 4)) for row in rows]
    [('cross_entropy', 0.417), ('squared_error', 0.0616), ('focal', 0.0485),
     ('label_smoothed_cross_entropy', 0.5137)]
    """
    vector = _vector(logits)
    rows = []
    for key, loss, eps in _lesson_losses(label_smoothing, focal_gamma, smoothed_epsilon):
        options = {"temperature": temperature, "label_smoothing": eps}
        gradient = loss.gradient(vector, target, **options)
        rows.append(
            LossRow(
                key=key,
                value=float(loss.value(vector, target, **options)),
                gradient=gradient,
                gradient_norm=float(np.linalg.norm(gradient)),
                label_smoothing=eps,
            )
        )
    return tuple(rows)


def loss_curves(
    logits: ArrayLike,
    target: int | ArrayLike,
    class_index: int,
    values: ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
    focal_gamma: float = 2.0,
    smoothed_epsilon: float = 0.1,
) -> dict[str, np.ndarray]:
    r"""Each loss of :func:`losses_compared` as logit ``class_index`` sweeps over ``values``.

    .. math:: L_k(v) = L_k(z_1, \dots, z_{c-1}, v, z_{c+1}, \dots, z_C),\quad c =
              \text{class\_index}

    Vectorised: a one-row slice of each loss object's ``surface`` (the second axis held
    at its own logit).

    Parameters
    ----------
    logits, target
        As :func:`losses_compared`; at least two classes.
    class_index : int
        The logit that varies.
    values : array_like
        Finite 1-D values it takes.
    temperature, label_smoothing, focal_gamma, smoothed_epsilon
        As :func:`losses_compared`.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`LESSON_LOSS_KEYS` to arrays of shape ``(len(values),)``.

    Examples
    --------
    >>> curves = loss_curves([0.0, 0.0], 0, 0, [-10.0, 0.0, 10.0])
    >>> curves["cross_entropy"].round(4).tolist()
    [10.0, 0.6931, 0.0]
    >>> curves["squared_error"].round(4).tolist()
    [1.0, 0.25, 0.0]
    """
    vector = _vector(logits)
    if vector.size < 2:
        raise ValueError("loss_curves needs at least two classes")
    index = _class_index(class_index, vector.size, "class_index")
    sweep = _axis_values(values, "values")
    losses = _lesson_losses(label_smoothing, focal_gamma, smoothed_epsilon)
    # The surface's second axis stays at its own logit, which must be finite.
    others = [k for k in range(vector.size) if k != index and np.isfinite(vector[k])]
    curves: dict[str, np.ndarray] = {}
    for key, loss, eps in losses:
        options = {"temperature": temperature, "label_smoothing": eps}
        if others:
            other = others[0]
            row = loss.surface(vector, target, (index, other), sweep, [vector[other]], **options)
            curves[key] = row[0]
        else:  # every other class masked: a loop over the values
            moved = np.array(vector, dtype=np.result_type(vector, sweep))
            column = []
            for value in sweep:
                moved[index] = value
                column.append(loss.value(moved, target, **options))
            curves[key] = np.asarray(column, dtype=moved.dtype)
    return curves


# --------------------------------------------------------------------------- 3. distillation


@dataclass(frozen=True, eq=False)
class DistillationReport:
    """Knowledge distillation of one example; every array has shape ``(C,)``.

    Attributes
    ----------
    temperature, alpha : float
        ``T`` and the weight of the soft loss.
    soft_targets : numpy.ndarray
        The teacher's ``softmax(t / T)``.
    student_soft : numpy.ndarray
        The student's ``softmax(s / T)``.
    kl : float
        ``KL(softmax(t / T) || softmax(s / T))``.
    soft_loss : float
        ``T^2 * kl``.
    soft_gradient : numpy.ndarray
        ``d soft_loss / ds = T (softmax(s/T) - softmax(t/T))``.
    soft_gradient_without_t2 : numpy.ndarray
        ``d kl / ds = (softmax(s/T) - softmax(t/T)) / T``: shrinks as ``1 / T^2``.
    hard_loss : float
        ``CE(s, label)`` at ``T = 1``.
    hard_gradient : numpy.ndarray
        ``softmax(s) - onehot(label)``.
    total : float
        ``alpha * soft_loss + (1 - alpha) * hard_loss``.
    total_gradient : numpy.ndarray
        ``alpha * soft_gradient + (1 - alpha) * hard_gradient``.
    """

    temperature: float
    alpha: float
    soft_targets: np.ndarray
    student_soft: np.ndarray
    kl: float
    soft_loss: float
    soft_gradient: np.ndarray
    soft_gradient_without_t2: np.ndarray
    hard_loss: float
    hard_gradient: np.ndarray
    total: float
    total_gradient: np.ndarray


def _student_and_teacher(student_logits, teacher_logits):
    student = _vector(student_logits, "student_logits")
    teacher = _vector(teacher_logits, "teacher_logits")
    if teacher.shape != student.shape:
        raise ValueError(
            f"teacher_logits must have the shape of student_logits {student.shape}; "
            f"got {teacher.shape}"
        )
    return student, teacher


def distillation_report(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    label: int,
    *,
    temperature: float,
    alpha: float,
) -> DistillationReport:
    r"""Soft (teacher) and hard (label) losses of a student, and their mix.

    .. math:: L = \alpha\, T^2\, \mathrm{KL}\big(\operatorname{softmax}(t/T) \,\|\,
              \operatorname{softmax}(s/T)\big) + (1 - \alpha)\, \mathrm{CE}(s, y)

    the soft part being ``T**2 * F.kl_div(F.log_softmax(s/T), F.softmax(t/T),
    reduction='batchmean')`` for one example (:func:`~explorer.core.distillation_loss`).
    Its gradient ``T (p^s - p^t)`` keeps the size of the hard gradient as ``T`` grows;
    without ``T^2`` it would shrink as ``1 / T^2``.

    Parameters
    ----------
    student_logits, teacher_logits : array_like
        ``(C,)`` each.
    label : int
        The true class of the hard loss.
    temperature : float
        ``T > 0``.
    alpha : float
        In [0, 1].

    Examples
    --------
    >>> report = distillation_report([1.0, 0.0], [0.0, 1.0], 0, temperature=2.0, alpha=0.5)
    >>> round(report.soft_loss, 4), round(report.hard_loss, 4), round(report.total, 4)
    (0.4898, 0.3133, 0.4015)
    >>> bool(np.allclose(report.soft_gradient, 4 * report.soft_gradient_without_t2))
    True
    """
    student, teacher = _student_and_teacher(student_logits, teacher_logits)
    label = _class_index(label, student.size)
    temperature = check_temperature(temperature)
    alpha = _unit_interval(alpha, "alpha")
    soft_loss = float(distillation_loss(student, teacher, temperature))
    soft_gradient = distillation_loss_grad(student, teacher, temperature)
    hard_loss = float(cross_entropy(student, np.asarray(label)))
    hard_gradient = cross_entropy_grad(student, np.asarray(label))
    return DistillationReport(
        temperature=temperature,
        alpha=alpha,
        soft_targets=softmax(teacher, temperature=temperature),
        student_soft=softmax(student, temperature=temperature),
        kl=soft_loss / temperature**2,
        soft_loss=soft_loss,
        soft_gradient=soft_gradient,
        soft_gradient_without_t2=soft_gradient / soft_gradient.dtype.type(temperature**2),
        hard_loss=hard_loss,
        hard_gradient=hard_gradient,
        total=alpha * soft_loss + (1 - alpha) * hard_loss,
        total_gradient=alpha * soft_gradient + (1 - alpha) * hard_gradient,
    )


def gradient_scaling(
    student_logits: ArrayLike, teacher_logits: ArrayLike, temperatures: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r"""``(norm without T^2, norm with T^2)`` of the soft gradient at each temperature.

    .. math:: \Big\|\frac{p^s - p^t}{T}\Big\|,\qquad \big\|T\,(p^s - p^t)\big\|,\qquad
              p = \operatorname{softmax}(\cdot / T)

    For large ``T``, ``p^s - p^t ~ (s - t - mean(s - t)) / (C T)``: the first shrinks as
    ``1 / T^2``, the second tends to a constant; hence the ``T^2`` in the loss.

    Examples
    --------
    >>> without, with_t2 = gradient_scaling([1.0, 0.0], [0.0, 1.0], [100.0, 200.0])
    >>> round(float(without[0] / without[1]), 2), round(float(with_t2[0] / with_t2[1]), 2)
    (4.0, 1.0)
    """
    student, teacher = _student_and_teacher(student_logits, teacher_logits)
    values = _axis_values(temperatures, "temperatures")
    if np.any(values <= 0):
        raise ValueError("temperatures must all be > 0")
    with_t2 = np.array(
        [np.linalg.norm(distillation_loss_grad(student, teacher, float(t))) for t in values]
    )
    return with_t2 / values**2, with_t2


# --------------------------------------------------------------------------- 4. binary


@dataclass(frozen=True, eq=False)
class BinaryReport:
    """Two classes as a sigmoid of the margin; class 0 is the "positive" class.

    Attributes
    ----------
    margin : float
        ``x = z_0 - z_1``.
    target : float
        The binary target ``y = 1`` if ``label == 0`` else ``0``.
    sigmoid : float
        ``sigmoid(x) = softmax([z_0, z_1])_0``.
    softmax : numpy.ndarray
        ``softmax([z_0, z_1])``, shape ``(2,)``.
    pos_weight : float
        ``pw``, of ``bce_with_logits`` only.
    bce_on_sigmoid : float
        ``BCELoss(sigmoid(x), y)``, each log clamped at ``>= -100``.
    bce_with_logits : float
        ``BCEWithLogitsLoss(pos_weight=pw)(x, y)``, computed stably, no clamp.
    gradient : float
        ``d bce_with_logits / dx`` (``sigmoid(x) - y`` when ``pw = 1``).
    logit_gradient : numpy.ndarray
        ``(dL/dz_0, dL/dz_1) = (g, -g)``: cross-entropy's ``p - onehot`` when ``pw = 1``.
    cross_entropy : float
        ``CE([z_0, z_1], label)``, equal to ``bce_with_logits`` when ``pw = 1``.
    sigmoid_log_term : float
        The log ``BCELoss`` clamps: ``log sigmoid(x)`` if ``y = 1``, else
        ``log(1 - sigmoid(x))``, from the rounded probability (``-inf`` if it is 0).
    clamped : bool
        ``sigmoid_log_term < -100``: the clamp changed ``bce_on_sigmoid``.
    """

    margin: float
    target: float
    sigmoid: float
    softmax: np.ndarray
    pos_weight: float
    bce_on_sigmoid: float
    bce_with_logits: float
    gradient: float
    logit_gradient: np.ndarray
    cross_entropy: float
    sigmoid_log_term: float
    clamped: bool


def _pos_weight(pos_weight: object) -> float:
    if isinstance(pos_weight, bool) or not isinstance(pos_weight, numbers.Real):
        raise ValueError(f"pos_weight must be a finite number >= 0, got {pos_weight!r}")
    value = float(pos_weight)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"pos_weight must be a finite number >= 0, got {pos_weight!r}")
    return value


def _binary_target(label: object) -> float:
    return 1.0 if _class_index(label, 2) == 0 else 0.0


def binary_report(logits2: ArrayLike, label: int, *, pos_weight: float = 1.0) -> BinaryReport:
    r"""The two-class softmax as a sigmoid, and binary cross-entropy two ways.

    With ``x = z_0 - z_1`` and ``y = 1`` if ``label == 0`` (class 0 is the positive):

    .. math:: \sigma(x) = \operatorname{softmax}([z_0, z_1])_0,\qquad
              \mathrm{BCE} = -[\,y \max(\log\sigma(x), -100)
              + (1 - y) \max(\log(1 - \sigma(x)), -100)\,]

    against ``BCEWithLogits = -[pw\, y \log\sigma(x) + (1 - y) \log(1 - \sigma(x))]``
    computed from ``x`` (no clamp, no rounding of ``sigma`` to 0 or 1).

    Parameters
    ----------
    logits2 : array_like
        ``(z_0, z_1)``, finite.
    label : int
        0 or 1.
    pos_weight : float
        ``pw >= 0``, the weight of the positive term of ``bce_with_logits``.

    Examples
    --------
    >>> report = binary_report([-200.0, 0.0], 0)
    >>> report.bce_on_sigmoid, report.bce_with_logits, report.clamped
    (100.0, 200.0, True)
    >>> round(binary_report([1.0, 0.0], 0).sigmoid, 4)
    0.7311
    """
    vector = _finite_vector(logits2, "logits2")
    if vector.shape != (2,):
        raise ValueError(f"logits2 must be the two logits (z0, z1); got shape {vector.shape}")
    y = _binary_target(label)
    pw = _pos_weight(pos_weight)
    margin = vector[:1] - vector[1:]
    targets = np.array([y], dtype=vector.dtype)
    weights = np.array([pw], dtype=vector.dtype)
    probability = sigmoid(margin)
    bce = binary_cross_entropy(probability, targets)
    with_logits = binary_cross_entropy_with_logits(margin, targets, pos_weight=weights)
    gradient = float(binary_cross_entropy_with_logits_grad(margin, targets, pos_weight=weights)[0])
    with np.errstate(divide="ignore"):
        log_term = np.log(probability[0]) if y == 1 else np.log1p(-probability[0])
    return BinaryReport(
        margin=float(margin[0]),
        target=y,
        sigmoid=float(probability[0]),
        softmax=softmax(vector),
        pos_weight=pw,
        bce_on_sigmoid=float(bce),
        bce_with_logits=float(with_logits),
        gradient=gradient,
        logit_gradient=np.array([gradient, -gradient], dtype=vector.dtype),
        cross_entropy=float(cross_entropy(vector, np.asarray(int(label)))),
        sigmoid_log_term=float(log_term),
        clamped=bool(log_term < BCE_LOG_CLAMP),
    )


def sigmoid_curve(x_values: ArrayLike) -> np.ndarray:
    r"""``sigmoid(x)`` at each margin, the curve of the binary panel.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    Examples
    --------
    >>> sigmoid_curve([-800.0, 0.0, 800.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    return sigmoid(_axis_values(x_values, "x_values"))


def bce_curves(margins: ArrayLike, label: int, *, pos_weight: float = 1.0) -> dict[str, np.ndarray]:
    r"""``BCELoss(sigmoid(x), y)`` and ``BCEWithLogitsLoss(x, y)`` over the margins ``x``.

    Keys ``'bce_on_sigmoid'`` (flat at 100 where the clamp bites) and ``'bce_with_logits'``
    (linear in ``|x|`` there), arrays of ``len(margins)``; ``y`` as :func:`binary_report`.

    Examples
    --------
    >>> curves = bce_curves([-200.0, 0.0], 0)
    >>> curves["bce_on_sigmoid"].round(4).tolist(), curves["bce_with_logits"].round(4).tolist()
    ([100.0, 0.6931], [200.0, 0.6931])
    """
    x = _axis_values(margins, "margins")
    y = np.full_like(x, _binary_target(label))
    weights = np.full_like(x, _pos_weight(pos_weight))
    return {
        "bce_on_sigmoid": binary_cross_entropy(sigmoid(x), y, reduction="none"),
        "bce_with_logits": binary_cross_entropy_with_logits(
            x, y, pos_weight=weights, reduction="none"
        ),
    }


# --------------------------------------------------------------------------- 5. information


@dataclass(frozen=True, eq=False)
class InformationReport:
    """Information measures of a prediction ``p`` against a target ``t``, in nats or bits.

    Attributes
    ----------
    units : str
        ``'nats'`` or ``'bits'`` (every measure below is divided by ``ln 2`` for bits).
    probabilities : numpy.ndarray
        ``p``, shape ``(C,)``.
    target : numpy.ndarray
        ``t``, shape ``(C,)`` (one-hot for a class index, smoothed if asked).
    self_information : numpy.ndarray
        ``-log p_i`` per class, shape ``(C,)``: ``inf`` only where ``p_i`` is exactly 0
        (finite from logits, where it comes from ``log_softmax``).
    entropy_p : float
        ``H(p) = -sum p log p``.
    entropy_target : float
        ``H(t)``; 0 for a one-hot target.
    cross_entropy : float
        ``H(t, p) = -sum t log p``.
    kl : float
        ``KL(t || p) = sum t (log t - log p)``; ``cross_entropy == entropy_target + kl``.
    """

    units: str
    probabilities: np.ndarray
    target: np.ndarray
    self_information: np.ndarray
    entropy_p: float
    entropy_target: float
    cross_entropy: float
    kl: float


def _unit(bits: bool) -> tuple[str, float]:
    return ("bits", 1 / math.log(2)) if bits else ("nats", 1.0)


def _target_vector(target, num_classes, label_smoothing, dtype) -> np.ndarray:
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        return target_distribution(int(target), num_classes, label_smoothing, dtype)
    array = np.asarray(target)
    if array.dtype.kind in "iu" and array.ndim == 0:
        return target_distribution(int(array), num_classes, label_smoothing, dtype)
    if array.ndim == 0:
        raise ValueError(
            f"target must be a class index (an int) or a probability vector of shape "
            f"({num_classes},); got {target!r}"
        )
    distribution = _distribution(array, "target", num_classes)
    return target_distribution(distribution.astype(dtype), num_classes, label_smoothing, dtype)


def information_report(
    probabilities: ArrayLike, target: int | ArrayLike, *, bits: bool = False
) -> InformationReport:
    r"""Self-information, entropies, cross-entropy and KL of given probabilities.

    .. math:: I(p_i) = -\log p_i,\quad H(p) = -\sum_i p_i \log p_i,\quad
              H(t, p) = -\sum_i t_i \log p_i = H(t) + \mathrm{KL}(t \,\|\, p)

    divided by ``ln 2`` when ``bits``. ``log p`` is taken of the given ``p``, so a ``p_i``
    that underflowed to 0 has infinite self-information; from logits use
    :func:`information_from_logits`.

    Parameters
    ----------
    probabilities : array_like
        ``(C,)`` in [0, 1], summing to 1.
    target : int or array_like
        A class index or a ``(C,)`` probability vector.
    bits : bool
        Base-2 units instead of nats.

    Examples
    --------
    >>> report = information_report([0.5, 0.25, 0.25], 1, bits=True)
    >>> report.self_information.tolist(), report.entropy_p, report.cross_entropy
    ([1.0, 2.0, 2.0], 1.5, 2.0)
    """
    probs = _distribution(probabilities, "probabilities")
    distribution = _target_vector(target, probs.size, 0.0, probs.dtype)
    units, factor = _unit(bits)
    with np.errstate(divide="ignore"):
        self_information = -np.log(probs)
    return InformationReport(
        units=units,
        probabilities=probs,
        target=distribution,
        self_information=self_information * factor,
        entropy_p=float(entropy(probs)) * factor,
        entropy_target=float(entropy(distribution)) * factor,
        cross_entropy=float(_CROSS_ENTROPY.of_probabilities(probs, distribution)) * factor,
        kl=float(kl_divergence(distribution, probs)) * factor,
    )


def information_from_logits(
    logits: ArrayLike,
    target: int | ArrayLike,
    *,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
    bits: bool = False,
) -> InformationReport:
    r""":func:`information_report` of ``p = softmax(z / T)``, with ``log p`` from logits.

    .. math:: -\log p_i = \operatorname{lse}(z / T) - z_i / T

    finite even where ``p_i`` underflows to 0 (never ``log(softmax(z))``). The target is
    ``t = (1 - eps) y + eps / C``.

    Examples
    --------
    >>> report = information_from_logits([1000.0, 1.0], 0)
    >>> report.self_information.tolist(), report.cross_entropy
    ([0.0, 999.0], 0.0)
    """
    vector = _no_nan_or_plus_inf(_vector(logits), "logits")
    temperature = check_temperature(temperature)
    eps = check_label_smoothing(label_smoothing)
    distribution = _target_vector(target, vector.size, eps, vector.dtype)
    scaled = vector / vector.dtype.type(temperature)
    probs, log_probs = softmax_and_log_softmax(scaled)
    units, factor = _unit(bits)
    return InformationReport(
        units=units,
        probabilities=probs,
        target=distribution,
        self_information=-log_probs * factor,
        entropy_p=float(entropy(probs)) * factor,
        entropy_target=float(entropy(distribution)) * factor,
        cross_entropy=float(cross_entropy(scaled, distribution)) * factor,
        kl=_kl_from_log_probs(distribution, log_probs) * factor,
    )


# --------------------------------------------------------------------------- 6. Jacobian


@dataclass(frozen=True, eq=False)
class JacobianReport:
    """The softmax Jacobian of one example and the properties the lesson states.

    Attributes
    ----------
    temperature : float
        ``T``.
    probabilities : numpy.ndarray
        ``p = softmax(z / T)``, shape ``(C,)``.
    jacobian : numpy.ndarray
        ``J = (diag p - p p^T) / T``, shape ``(C, C)``; ``J_ij = dp_i / dz_j``.
    eigenvalues : numpy.ndarray
        Of ``J``, ascending, shape ``(C,)``: the smallest is 0 (to rounding).
    null_vector : numpy.ndarray
        ``1 / sqrt(C)``, shape ``(C,)``: shift invariance, ``J 1 = 0``.
    null_residual : float
        ``||J 1||`` (0 to rounding).
    rank : int
        The rank of ``diag p - p p^T`` for the computed ``p``: ``K - 1`` where ``K`` counts
        the classes with ``p_i > 0``. That is ``C - 1`` unless a class is masked or its
        probability underflows to 0; 0 for a one-hot ``p``.
    numerical_rank : int
        The eigenvalues above ``C eps max|lambda|`` (``np.linalg.matrix_rank``'s rule): lower
        than ``rank`` when some ``p_i`` is below about ``eps`` times the largest eigenvalue,
        which floating point cannot tell from 0.
    symmetric : bool
        ``J == J^T``.
    positive_semidefinite : bool
        No eigenvalue below ``-C eps max|lambda|``.
    """

    temperature: float
    probabilities: np.ndarray
    jacobian: np.ndarray
    eigenvalues: np.ndarray
    null_vector: np.ndarray
    null_residual: float
    rank: int
    numerical_rank: int
    symmetric: bool
    positive_semidefinite: bool


def jacobian_report(logits: ArrayLike, temperature: float = 1.0) -> JacobianReport:
    r"""The softmax Jacobian, its spectrum, rank and null space.

    .. math:: J = \frac{\operatorname{diag}(p) - p p^\top}{T},\qquad J \mathbf{1} = 0,
              \qquad \lambda_1 = 0 \le \lambda_2 \le \dots \le \lambda_C

    Parameters
    ----------
    logits : array_like
        ``(C,)`` logits, finite or ``-inf`` (masked).
    temperature : float
        ``T > 0``.

    Examples
    --------
    >>> report = jacobian_report([0.0, 0.0])
    >>> report.jacobian.tolist(), report.eigenvalues.round(12).tolist(), report.rank
    ([[0.25, -0.25], [-0.25, 0.25]], [0.0, 0.5], 1)
    >>> jacobian_report([1000.0, 0.0]).rank  # one-hot to rounding
    0
    """
    vector = _no_nan_or_plus_inf(_vector(logits), "logits")
    if np.all(np.isneginf(vector)):
        raise ValueError("logits must have at least one class that is not -inf")
    temperature = check_temperature(temperature)
    jacobian = softmax_jacobian(vector, temperature=temperature)
    probabilities = softmax(vector, temperature=temperature)
    eigenvalues = np.linalg.eigvalsh(jacobian)
    size = vector.size
    scale = float(np.max(np.abs(eigenvalues)))
    tolerance = scale * size * float(np.finfo(jacobian.dtype).eps)
    return JacobianReport(
        temperature=temperature,
        probabilities=probabilities,
        jacobian=jacobian,
        eigenvalues=eigenvalues,
        null_vector=np.full(size, 1 / math.sqrt(size), dtype=jacobian.dtype),
        null_residual=float(np.linalg.norm(jacobian @ np.ones(size, dtype=jacobian.dtype))),
        rank=max(int(np.count_nonzero(probabilities > 0)) - 1, 0),
        numerical_rank=int(np.count_nonzero(eigenvalues > tolerance)),
        symmetric=bool(np.array_equal(jacobian, jacobian.T)),
        positive_semidefinite=bool(eigenvalues[0] >= -tolerance),
    )


# --------------------------------------------------------------------------- 7. batch


@dataclass(frozen=True, eq=False)
class BatchReport:
    """Softmax over each axis of an ``(N, K)`` batch, and PyTorch's cross-entropy of it.

    Attributes
    ----------
    axis : int or None
        The normalisation shown in ``probabilities``: ``-1`` (classes, correct), ``0``
        (samples, the common mistake) or ``None`` (the whole array, SciPy's default).
    reduction : str
        ``'mean'``, ``'sum'`` or ``'none'``.
    softmax_rows : numpy.ndarray
        ``(N, K)``, softmax over the classes: each row sums to 1.
    softmax_columns : numpy.ndarray
        ``(N, K)``, softmax over the samples (``axis=0``): each column sums to 1.
    softmax_whole : numpy.ndarray
        ``(N, K)``, softmax of all ``N K`` entries (``scipy.special.softmax`` default).
    probabilities : numpy.ndarray
        ``(N, K)``, the one of the three chosen by ``axis``.
    class_sums : numpy.ndarray
        ``(N,)``, ``probabilities`` summed over the classes: all 1 only for ``axis=-1``.
    ignored : numpy.ndarray
        bool ``(N,)``, ``labels == ignore_index``.
    per_row_loss : numpy.ndarray
        ``(N,)``, ``F.cross_entropy(..., reduction='none')``: ``-w[y_n] log p_n[y_n]``,
        0 where ignored.
    denominator : float
        ``sum_n w[y_n]`` over the rows not ignored, what ``'mean'`` divides by.
    loss : float or numpy.ndarray
        ``F.cross_entropy(logits, labels, weight, ignore_index, reduction)``: a float for
        ``'mean'`` (NaN when every row is ignored) and ``'sum'`` (0 then), ``per_row_loss``
        for ``'none'``.
    gradient : numpy.ndarray
        ``(N, K)``, ``d loss / d logits`` (of the sum for ``'none'``).
    axis_per_row_loss : numpy.ndarray
        ``(N,)``, ``-w[y_n] log probabilities[n, y_n]`` with the chosen normalisation
        (``nll_loss`` of its log-softmax): equal to ``per_row_loss`` for ``axis=-1``.
    axis_loss : float or numpy.ndarray
        Its reduction, as ``loss``.
    """

    axis: int | None
    reduction: str
    softmax_rows: np.ndarray
    softmax_columns: np.ndarray
    softmax_whole: np.ndarray
    probabilities: np.ndarray
    class_sums: np.ndarray
    ignored: np.ndarray
    per_row_loss: np.ndarray
    denominator: float
    loss: float | np.ndarray
    gradient: np.ndarray
    axis_per_row_loss: np.ndarray
    axis_loss: float | np.ndarray


def _reduced(value: np.ndarray) -> float | np.ndarray:
    return float(value) if np.ndim(value) == 0 else value


def batch_report(
    logits_matrix: ArrayLike,
    labels: ArrayLike,
    *,
    axis: int | None = -1,
    weight: ArrayLike | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> BatchReport:
    r"""Softmax of a batch over the right and the wrong axes, and its cross-entropy.

    .. math:: l_n = -w_{y_n} \log \operatorname{softmax}(x_n)_{y_n},\qquad
              \text{mean} = \frac{\sum_n l_n}{\sum_{n: y_n \ne \text{ignore}} w_{y_n}}

    with ``l_n = 0`` where ``y_n == ignore_index``, exactly
    ``torch.nn.functional.cross_entropy`` (:func:`~explorer.core.cross_entropy`).

    Parameters
    ----------
    logits_matrix : array_like
        ``(N, K)``: samples in rows, classes in columns.
    labels : array_like
        ``(N,)`` integer class indices (or ``ignore_index``).
    axis : {-1, 1, 0, None}
        The normalisation ``probabilities`` and ``axis_loss`` use (``1`` means ``-1``).
    weight : array_like, optional
        ``(K,)`` class weights.
    ignore_index : int
        Label value whose rows contribute nothing.
    reduction : {'mean', 'sum', 'none'}

    Examples
    --------
    >>> report = batch_report([[2.0, 0.0], [0.0, 2.0]], [0, 1], weight=[1.0, 3.0])
    >>> round(report.loss, 4), report.denominator, report.per_row_loss.round(4).tolist()
    (0.1269, 4.0, [0.1269, 0.3808])
    >>> report.softmax_columns.sum(axis=0).tolist()
    [1.0, 1.0]
    """
    logits = as_logits(logits_matrix, "logits_matrix")
    if logits.ndim != 2:
        raise ValueError(
            f"logits_matrix must be a batch (N, K) with classes last; got shape {logits.shape}"
        )
    if axis not in (-1, 0, 1, None) or isinstance(axis, bool):
        raise ValueError(
            f"axis must be -1 (classes), 0 (samples) or None (the whole array); got {axis!r}"
        )
    axis = -1 if axis == 1 else axis
    label_array = np.asarray(labels)
    if label_array.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be integer class indices of shape ({logits.shape[0]},); "
            f"got dtype {label_array.dtype}"
        )
    options = {"weight": weight, "ignore_index": ignore_index}
    per_row = cross_entropy(logits, label_array, reduction="none", **options)
    loss = cross_entropy(logits, label_array, reduction=reduction, **options)
    gradient = cross_entropy_grad(logits, label_array, reduction=reduction, **options)
    ignored = label_array == ignore_index
    kept = label_array[~ignored]
    weights = np.ones(logits.shape[1]) if weight is None else as_float_array(weight, "weight")
    rows = softmax(logits, axis=-1)
    columns = softmax(logits, axis=0)
    whole = softmax(logits.reshape(-1)).reshape(logits.shape)
    if axis is None:
        chosen, log_chosen = whole, log_softmax(logits.reshape(-1)).reshape(logits.shape)
    else:
        chosen = rows if axis == -1 else columns
        log_chosen = log_softmax(logits, axis=axis)
    axis_per_row = nll_loss(log_chosen, label_array, reduction="none", **options)
    axis_loss = nll_loss(log_chosen, label_array, reduction=reduction, **options)
    return BatchReport(
        axis=axis,
        reduction=reduction,
        softmax_rows=rows,
        softmax_columns=columns,
        softmax_whole=whole,
        probabilities=chosen,
        class_sums=np.sum(chosen, axis=-1),
        ignored=ignored,
        per_row_loss=per_row,
        denominator=float(np.sum(weights[kept])),
        loss=_reduced(loss),
        gradient=gradient,
        axis_per_row_loss=axis_per_row,
        axis_loss=_reduced(axis_loss),
    )


__all__ = [
    "BCE_LOG_CLAMP",
    "LESSON_LOSS_KEYS",
    "STABILITY_DTYPES",
    "BatchReport",
    "BinaryReport",
    "DistillationReport",
    "InformationReport",
    "JacobianReport",
    "LossRow",
    "StabilityReport",
    "batch_report",
    "bce_curves",
    "binary_report",
    "clipped_vs_exact",
    "distillation_report",
    "gradient_scaling",
    "information_from_logits",
    "information_report",
    "jacobian_report",
    "loss_curves",
    "losses_compared",
    "overflow_limits",
    "sigmoid_curve",
    "stability_report",
]
