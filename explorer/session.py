"""The one live object: holds the state, derives numbers once per change, tells the views.

Data flows one way: user input -> a new :class:`~explorer.state.ExplorerState` ->
:meth:`ExplorerSession.set_state` -> derived numbers (computed here, by ``explorer.core``)
-> ``changed`` signal -> views redraw. Views never compute softmax themselves.

Only what a change touches is recomputed: the loss surface depends on every logit *but* the
two on its axes, so dragging one of those moves the marker and reuses the surface image.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QObject, Signal

from . import core
from .core.contours import contour_segments
from .core.nice import nice_levels
from .state import LOGIT_LIMIT, ExplorerState

T = TypeVar("T")

SURFACE_RESOLUTION = 256
SURFACE_DTYPE = np.float32
FIELD_RESOLUTION = 20
CONTOUR_STRIDE = 2
CONTOUR_LEVELS = 12
UNDO_LIMIT = 500
#: Longest descent trail kept (its first point, where Reset returns, is always kept): a
#: Play run left on for minutes must not slow down or grow memory.
TRAIL_LIMIT = 1000
#: Points dropped at once when the trail outgrows its limit (the oldest after the first).
#: In between, the trail only grows, which views draw by adding the new step alone; a
#: point dropped on every step would make them redraw the whole path every step.
TRAIL_TRIM = TRAIL_LIMIT // 10


@dataclass(frozen=True)
class SurfaceData:
    """The loss over the plane of ``state.surface_axes`` (:func:`explorer.core.loss_surface`)."""

    a_values: np.ndarray
    b_values: np.ndarray
    loss: np.ndarray  # (len(b), len(a))
    loss_range: tuple[float, float] | None  # finite min and max; None if none is finite
    contours: np.ndarray  # (M, 2, 2) segments
    levels: np.ndarray
    field_points: np.ndarray  # (F, 2) arrow tails, empty when the field is off
    field_vectors: np.ndarray  # (F, 2) descent directions -grad, same length


@dataclass(frozen=True)
class Derived:
    """Every number the views show, computed from one state."""

    analysis: core.ExampleAnalysis
    surface: SurfaceData
    point: tuple[float, float]  # current (z_a, z_b)
    trail: np.ndarray  # (S, K) logits visited by gradient descent, S >= 1
    trail_losses: np.ndarray  # (S,) the loss at each point of the trail
    #: (S, K) ``softmax(trail / T)`` row by row: each point's probabilities, kept as the
    #: trail grows (its points share T and the target: changing either starts a new one).
    trail_probabilities: np.ndarray


@dataclass(frozen=True)
class Change:
    """What one :meth:`ExplorerSession.set_state` changed, for views to redraw only that."""

    fields: frozenset[str]
    surface: bool
    num_classes: bool
    trail: bool
    #: Points added at the end of the trail, every earlier point unchanged (a descent
    #: step: 1); 0 when the trail started again, lost its oldest points or stayed as it was.
    #: A view may then draw just the new points onto what it shows of the trail.
    trail_appended: int = 0


#: What a descent trail depends on: changing any of these starts a new one. (The surface's
#: axes and range are not among them: the trail lives in logit space; plots project it.)
_TRAIL_FIELDS = frozenset(
    {"logits", "label", "soft_target", "temperature", "label_smoothing", "loss", "focal_gamma"}
)


def _surface_key(state: ExplorerState) -> tuple:
    fixed = tuple(
        value for index, value in enumerate(state.logits) if index not in state.surface_axes
    )
    return (
        fixed,
        state.label,
        state.soft_target,
        state.temperature,
        state.label_smoothing,
        state.surface_axes,
        state.surface_range,
        state.show_field,
        state.loss,
        state.focal_gamma,
    )


def state_loss(state: ExplorerState) -> core.SoftmaxLoss:
    """The loss object ``state`` minimises (:func:`explorer.core.make_loss`)."""
    return core.make_loss(state.loss, focal_gamma=state.focal_gamma)


def compute_surface(state: ExplorerState, resolution: int = SURFACE_RESOLUTION) -> SurfaceData:
    """Loss surface, contours and gradient field of ``state``'s plane, for its loss.

    The surface is a picture: it is computed in ``SURFACE_DTYPE`` (float32, seven
    significant digits, where NumPy's vectorised ``exp`` and ``log`` are three times
    faster than in float64). Every number the readouts show comes from the float64
    analysis of the current point.
    """
    a_min, a_max, b_min, b_max = state.surface_range
    a_values, b_values, a_grid, b_grid = _surface_grid(a_min, a_max, b_min, b_max, resolution)
    options = {"temperature": state.temperature, "label_smoothing": state.label_smoothing}
    logits = np.asarray(state.logits)
    objective = state_loss(state)
    loss = objective.surface(
        logits.astype(SURFACE_DTYPE),
        state.target,
        state.surface_axes,
        a_grid,
        b_grid,
        **options,
    )
    loss_range = _finite_range(loss)
    levels = nice_levels(*loss_range, CONTOUR_LEVELS) if loss_range else np.empty(0)
    step = CONTOUR_STRIDE
    contours = contour_segments(loss[::step, ::step], levels, a_values[::step], b_values[::step])
    if state.show_field:
        a_field, b_field, field_points = _field_grid(a_min, a_max, b_min, b_max)
        grad_a, grad_b = objective.gradient_field(
            logits, state.target, state.surface_axes, a_field, b_field, **options
        )
        field_vectors = np.empty_like(field_points)
        np.negative(grad_a.ravel(), out=field_vectors[:, 0])
        np.negative(grad_b.ravel(), out=field_vectors[:, 1])
    else:
        field_points = field_vectors = np.empty((0, 2))
    return SurfaceData(
        a_values, b_values, loss, loss_range, contours, levels, field_points, field_vectors
    )


@functools.lru_cache(maxsize=8)
def _surface_grid(
    a_min: float, a_max: float, b_min: float, b_max: float, resolution: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The surface's two axes (read-only), in float64 and in ``SURFACE_DTYPE``.

    They change only with the range, so a drag reuses them instead of spacing and casting
    them anew for every surface.
    """
    a_values = np.linspace(a_min, a_max, resolution)
    b_values = np.linspace(b_min, b_max, resolution)
    axes = (a_values, b_values, a_values.astype(SURFACE_DTYPE), b_values.astype(SURFACE_DTYPE))
    for array in axes:
        array.flags.writeable = False
    return axes


@functools.lru_cache(maxsize=8)
def _field_grid(
    a_min: float, a_max: float, b_min: float, b_max: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrow tails of the gradient field (read-only): its two axes and the (a, b) points.

    The tails sit at cell centres, so no arrow sits on the frame of the plot. Points run
    along ``a`` first, row by row, as the field's arrays do. They change only with the
    range, so they are made once per range, not on every drag.
    """
    a_field = a_min + (np.arange(FIELD_RESOLUTION) + 0.5) * (a_max - a_min) / FIELD_RESOLUTION
    b_field = b_min + (np.arange(FIELD_RESOLUTION) + 0.5) * (b_max - b_min) / FIELD_RESOLUTION
    mesh_a, mesh_b = np.meshgrid(a_field, b_field)
    points = np.column_stack([mesh_a.ravel(), mesh_b.ravel()])
    for array in (a_field, b_field, points):
        array.flags.writeable = False
    return a_field, b_field, points


def _finite_range(values: np.ndarray) -> tuple[float, float] | None:
    """Smallest and largest finite value, None if there is none (one pass when all are)."""
    low, high = float(values.min()), float(values.max())
    if np.isfinite(low) and np.isfinite(high):
        return low, high
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if finite.size else None


class ExplorerSession(QObject):
    """Holds the current state, its derived numbers, the descent trail and undo history.

    Signals
    -------
    changed(Change)
        Emitted after every accepted state; ``derived`` is already up to date.
    historyChanged()
        The undo/redo stacks changed (also at the end of a gesture, which emits no state).
    """

    changed = Signal(object)
    historyChanged = Signal()

    def __init__(self, state: ExplorerState | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state or ExplorerState()
        self._surface_key = _surface_key(self._state)
        self._surface = compute_surface(self._state)
        analysis = self._analyze(self._state)
        self._start_trail(self._state, analysis)
        self._derived = self._derive(self._state, analysis)
        self._undo: list[ExplorerState] = []
        self._redo: list[ExplorerState] = []
        self._gesture_start: ExplorerState | None = None
        self._gesture_depth = 0
        self._computed: dict = {}  # numbers(): results for the current state

    # Read access -------------------------------------------------------------------------
    @property
    def state(self) -> ExplorerState:
        """The current immutable state."""
        return self._state

    @property
    def derived(self) -> Derived:
        """Numbers derived from :attr:`state`."""
        return self._derived

    def numbers(self, compute: Callable[[ExplorerState], T]) -> T:
        """``compute(state)`` for the current state, computed once per state.

        For numbers only some views show (the lesson panels): computed when a shown view
        first asks, shared by every view and figure that asks again, and never computed
        while no view asks. ``compute`` must be a pure, Qt-free function of the state.
        """
        state = self._state
        if self._computed.get("state") is not state:
            self._computed = {"state": state}
        if compute not in self._computed:
            self._computed[compute] = compute(state)
        return self._computed[compute]

    # Changes -----------------------------------------------------------------------------
    def set_state(self, state: ExplorerState, *, record: bool = True) -> Change | None:
        """Accept ``state``, recompute what it touches, emit ``changed``.

        Returns None (and emits nothing) when ``state`` equals the current one. Manual edits
        of the logits start a new descent trail.
        """
        return self._apply(state, record=record, keep_trail=False)

    def _apply(self, state: ExplorerState, *, record: bool, keep_trail: bool) -> Change | None:
        if not isinstance(state, ExplorerState):
            raise TypeError(f"expected an ExplorerState, got {type(state).__name__}")
        old = self._state
        if state == old:
            return None
        changed_fields = frozenset(
            item.name
            for item in fields(state)
            if getattr(state, item.name) != getattr(old, item.name)
        )
        if record and self._gesture_start is None:
            self._push_undo(old)
        self._state = state
        key = _surface_key(state)
        surface_changed = key != self._surface_key
        if surface_changed:
            self._surface = compute_surface(state)
            self._surface_key = key
        analysis = self._analyze(state)
        trail_changed = True
        trail_appended = 0
        if keep_trail:
            trail_appended = self._extend_trail(state, analysis)
        elif changed_fields & _TRAIL_FIELDS:
            self._start_trail(state, analysis)
        else:
            trail_changed = False
        self._derived = self._derive(state, analysis)
        change = Change(
            fields=changed_fields,
            surface=surface_changed,
            num_classes=old.num_classes != state.num_classes,
            trail=trail_changed,
            trail_appended=trail_appended,
        )
        self.changed.emit(change)
        return change

    @staticmethod
    def _analyze(state: ExplorerState) -> core.ExampleAnalysis:
        return core.analyze_example(
            np.asarray(state.logits),
            state.target,
            temperature=state.temperature,
            label_smoothing=state.label_smoothing,
            loss=state_loss(state),
        )

    def _start_trail(self, state: ExplorerState, analysis: core.ExampleAnalysis) -> None:
        self._trail = np.asarray([state.logits], dtype=np.float64)
        self._trail_losses = np.asarray([analysis.loss])
        self._trail_probabilities = analysis.probabilities[None, :].copy()

    def _extend_trail(self, state: ExplorerState, analysis: core.ExampleAnalysis) -> int:
        """Append the current point; the number of points appended to an unchanged trail."""
        # Every point of a trail shares the target, temperature and smoothing (changing
        # them starts a new trail), so the new point's loss and probabilities are the
        # current analysis: nothing is recomputed for the points already there.
        trail = np.vstack([self._trail, np.asarray(state.logits)[None, :]])
        losses = np.append(self._trail_losses, analysis.loss)
        probabilities = np.vstack([self._trail_probabilities, analysis.probabilities[None, :]])
        appended = 1
        if len(trail) > TRAIL_LIMIT:
            keep = np.r_[0, len(trail) - TRAIL_LIMIT + TRAIL_TRIM + 1 : len(trail)]
            trail, losses, probabilities = trail[keep], losses[keep], probabilities[keep]
            appended = 0  # the oldest points went: not the same trail plus one
        self._trail, self._trail_losses = trail, losses
        self._trail_probabilities = probabilities
        return appended

    def _derive(self, state: ExplorerState, analysis: core.ExampleAnalysis) -> Derived:
        first, second = state.surface_axes
        return Derived(
            analysis=analysis,
            surface=self._surface,
            point=(state.logits[first], state.logits[second]),
            trail=self._trail,
            trail_losses=self._trail_losses,
            trail_probabilities=self._trail_probabilities,
        )

    # Gradient descent --------------------------------------------------------------------
    def step(self) -> Change | None:
        """One gradient-descent step on the logits, ``z <- z - lr * dL/dz``.

        For cross-entropy ``dL/dz = (p - t) / T``; other losses use their own gradient.
        """
        state = self._state
        gradient = self._derived.analysis.gradient
        logits = np.asarray(state.logits) - state.learning_rate * gradient
        logits = np.clip(logits, -LOGIT_LIMIT, LOGIT_LIMIT)
        return self._apply(
            replace(state, logits=tuple(float(v) for v in logits)), record=True, keep_trail=True
        )

    def reset_descent(self) -> Change | None:
        """Return the logits to where the current descent trail began."""
        start = tuple(float(v) for v in self._trail[0])
        if start == self._state.logits:
            return None
        return self._apply(replace(self._state, logits=start), record=True, keep_trail=False)

    # Undo / redo -------------------------------------------------------------------------
    def _push_undo(self, state: ExplorerState) -> None:
        self._undo.append(state)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self.historyChanged.emit()

    def begin_gesture(self) -> None:
        """Start a gesture (a drag, a Play run): its many states become one undo step.

        Gestures nest (a bar dragged while Play runs): the step is recorded when the
        outermost one ends.
        """
        if self._gesture_depth == 0:
            self._gesture_start = self._state
        self._gesture_depth += 1

    def end_gesture(self) -> None:
        """Finish a gesture started with :meth:`begin_gesture`."""
        if self._gesture_depth == 0:
            return
        self._gesture_depth -= 1
        if self._gesture_depth == 0:
            start, self._gesture_start = self._gesture_start, None
            if start is not None and start != self._state:
                self._push_undo(start)

    def _close_gestures(self) -> None:
        # Undo and redo act on whole steps: a gesture still open is recorded first.
        if self._gesture_depth:
            self._gesture_depth = 1
            self.end_gesture()

    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo)

    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo)

    def clear_history(self) -> None:
        """Forget every edit to undo or redo, and any gesture still open.

        The state stays as it is; the next edit is the first one Undo returns from.
        """
        self._undo.clear()
        self._redo.clear()
        self._gesture_start = None
        self._gesture_depth = 0
        self.historyChanged.emit()

    def undo(self) -> Change | None:
        """Return to the state before the last edit."""
        self._close_gestures()
        if not self._undo:
            return None
        previous = self._undo.pop()
        self._redo.append(self._state)
        change = self._apply(previous, record=False, keep_trail=False)
        self.historyChanged.emit()
        return change

    def redo(self) -> Change | None:
        """Re-apply the last undone edit."""
        self._close_gestures()
        if not self._redo:
            return None
        following = self._redo.pop()
        self._undo.append(self._state)
        change = self._apply(following, record=False, keep_trail=False)
        self.historyChanged.emit()
        return change


__all__ = [
    "Change",
    "Derived",
    "ExplorerSession",
    "SurfaceData",
    "compute_surface",
    "state_loss",
]
