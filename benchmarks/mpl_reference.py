"""The matplotlib version a lecturer would write today, timed event by event for comparison.

Softmax Explorer redraws four linked plots whenever the user drags a logit, changes the
label or takes a gradient-descent step. The usual alternative is a notebook with matplotlib:
this module is that alternative, written well, so that the app's latency can be put next to
it in the same run on the same machine (``from mpl_reference import Driver, measure`` with
``benchmarks/`` on ``sys.path``).

Requires matplotlib, which is not a dependency of the app: ``pip install matplotlib``.

The figure (Agg backend, no display; 12.8 x 8 inches at 100 dpi = 1280 x 800 px, the app's
default window size, unless ``size`` and ``scale`` say otherwise: 1920 x 1080 at scale 2 is
19.2 x 10.8 inches at 200 dpi) has the app's four panels, built once:

1. logit bars (``ax.bar``, K bars);
2. probability bars ``p = softmax(z)`` on a fixed 0..1.16 axis, each with its value printed
   (``ax.text``) when K <= 16, the app's rule;
3. gradient bars ``dL/dz = p - onehot(label)``, coloured by sign;
4. the cross-entropy over two logits ``(z_a, z_b)`` in -6..6: a 256 x 256 ``imshow``, 12
   ``nice_levels`` contour lines (``ax.contour`` on the app's stride-2 grid), a 20 x 20
   ``quiver`` field of the descent direction ``-grad`` and a marker at the current point.

Every number comes from ``explorer.core`` (``softmax``, ``cross_entropy_grad``,
``loss_surface``, ``gradient_field``, ``nice_levels``), exactly as in the app, and the surface
is cached like the app caches it: it is recomputed only when a logit *off* the two axes or
the label changed. Dragging an axis logit only moves the marker (and the bars).

What one event costs (timed with ``time.perf_counter`` around ``set_*`` + ``draw()``):

* the numbers (probabilities, gradient and, when needed, surface and arrow field), then the
  artists updated in place: ``set_height`` on bars, ``set_text``/``set_y`` on labels,
  ``set_data`` on the image and marker, ``set_UVC`` on the quiver; a matplotlib
  ``ContourSet`` cannot be updated, so the old one is removed and ``ax.contour`` called again;
* ``draw()`` in one of two modes:

  - ``"redraw"``: ``fig.canvas.draw()``, a full render of the figure. Axis limits follow the
    data as in the app (logit span, gradient bound, colour limits of the image).
  - ``"blit"``: the standard matplotlib blitting recipe. Axis and colour limits are frozen at
    construction (autoscale off, ``set_clim`` once) since a blit cannot redraw ticks. The
    changing artists are ``set_animated(True)``; after one full draw the background of each
    axes is cached with ``canvas.copy_from_bbox``. Per event: ``restore_region``, then
    ``ax.draw_artist`` for the changing artists only, then ``canvas.blit(ax.bbox)`` (the
    bbox padded by 3 px, which the frame's antialiased edge needs). The surface panel keeps a
    second cached layer (background + image + contours + quiver + frame), so when the
    surface did not change only the marker is drawn over it; when it did, that layer is
    drawn again from the plain background and cached anew. ``check_blit`` (run by ``main``)
    compares the blitted buffer with a full render of the same state: no pixel differs by
    more than a few levels except a one-pixel row where probability bars meet the frame.

Why the comparison is fair, and where it leans towards matplotlib:

* same data and sizes as the app (K, 256 x 256 surface, 20 x 20 field, 12 contour levels on
  the same 128 x 128 subsampled grid, 1280 x 800 px), the same core functions, the same
  surface cache, and artists created once and updated in place (no ``plt.clf()`` or
  re-plotting, the slow notebook habit); the layout is computed once (constrained layout,
  then frozen), not on every draw;
* blitting is the fastest thing matplotlib offers short of writing one's own renderer;
* the figure is a subset of what the app draws (no colour bar, target outlines, predicted
  star, gradient labels and arrows, descent path or logit labels): matplotlib has less work;
* the time ends when the pixels are in Agg's buffer. Nothing is shown: on screen a notebook
  would add PNG encoding and transfer (``%matplotlib widget``) or a Qt backend its paint,
  whereas the app's numbers (``bench_interaction.py``) end when Qt has painted. These
  times are a lower bound for matplotlib;
* the garbage collector stays on (its pauses are part of real latency, and matplotlib
  allocates many objects); each figure starts with ``gc.collect()`` and a few untimed
  warm-up events after the first full draw.

Scenarios (``SCENARIOS``), each a fresh figure with the app's default logits
(``[2, 1, 0.1, -0.5, -1, ...]``), label 0 and surface axes (0, 1):

* ``drag-axis``:  logit ``axes[0]`` moves by steps of 0.05 back and forth (surface cached);
* ``drag-other``: logit 2 (not on the axes) moves the same way (surface recomputed);
* ``label``:      the label alternates between 0 and 1 (surface recomputed);
* ``descent``:    one gradient-descent step ``z -= lr * (p - onehot(label))`` with the app's
  default ``lr = 1`` (every logit moves, so the surface is recomputed).

(``axis_drag`` and ``other_drag`` are accepted for the first two.)

Usage::

    python benchmarks/mpl_reference.py           # 60 events per row, about four minutes
    python benchmarks/mpl_reference.py --quick   # 15 events per row
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py beside this

from common import load_average, report_timing, summary, time_events  # noqa: E402

from explorer.core import (  # noqa: E402
    cross_entropy_grad,
    gradient_field,
    loss_surface,
    softmax,
)
from explorer.core.contours import nice_levels  # noqa: E402

# The app's constants (explorer.session, explorer.ui.*), repeated here because importing
# those modules imports Qt.
CONTOUR_LEVELS = 12
CONTOUR_STRIDE = 2
LABELLED_LIMIT = 16
BAR_WIDTH = 0.62
LEARNING_RATE = 1.0
SPAN = (-6.0, 6.0)
FIGSIZE = (12.8, 8.0)
DPI = 100
BLIT_PAD = 3  # pixels at DPI

MODES = ("redraw", "blit")
SCENARIOS = ("drag-axis", "drag-other", "label", "descent")  # bench_interaction.py's names
SCENARIO_ALIASES = {"axis_drag": "drag-axis", "other_drag": "drag-other"}
CLASS_COUNTS = (3, 10, 50)
EVENTS = 60
QUICK_EVENTS = 15
WARMUP = 3
DRAG_STEP = 0.05
DRAG_STEPS = 20  # steps of a drag in one direction before it turns back

BAR_COLOR = "#4c72b0"
INCREASE_COLOR = "#55a868"
DECREASE_COLOR = "#c44e52"


def default_logits(num_classes: int) -> np.ndarray:
    """The app's starting logits (``explorer.state.default_logits``)."""
    classic = (2.0, 1.0, 0.1)
    extra = tuple(round(-0.5 * step, 2) for step in range(1, num_classes - 2))
    return np.array((classic + extra)[:num_classes], dtype=np.float64)


def value_span(logits: np.ndarray) -> tuple[float, float]:
    """The logit panel's y range in the app (``LogitEditor._value_span``)."""
    low = min(0.0, float(logits.min()))
    high = max(0.0, float(logits.max()))
    pad = max(1.2, 0.3 * (high - low))
    return low - pad, high + pad


def format_number(value: float, digits: int = 3) -> str:
    """The app's compact number format (``explorer.ui.widgets.format_number``)."""
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e5:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    return f"{value:.{max(digits - 1, 1)}e}"


class MatplotlibExplorer:
    """The app's four panels in one matplotlib figure, updated in place.

    Parameters
    ----------
    num_classes : int
        K >= 3.
    label : int
        The target class.
    axes : tuple of int
        The two logits spanning the loss surface.
    grid : int
        Surface resolution (grid x grid).
    field : int
        Arrow field resolution (field x field).
    mode : {"redraw", "blit"}
        How :meth:`draw` renders (see the module docstring).
    logits : array_like, optional
        Starting logits; the app's defaults when omitted.
    size : tuple of int, optional
        The figure's size in logical pixels (inches at ``DPI``); ``FIGSIZE`` when omitted.
    scale : float
        Device pixels per logical pixel: the figure is rendered at ``DPI * scale`` dpi, so
        its text and lines keep their size as the app's do at that device pixel ratio.
    """

    def __init__(
        self,
        num_classes: int,
        label: int,
        axes: tuple[int, int] = (0, 1),
        grid: int = 256,
        field: int = 20,
        mode: str = "redraw",
        logits=None,
        size: tuple[int, int] | None = None,
        scale: float = 1.0,
    ):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if num_classes < 3:
            raise ValueError("num_classes must be at least 3")
        self.num_classes = int(num_classes)
        self.label = int(label)
        self.axes = (int(axes[0]), int(axes[1]))
        self.mode = mode
        self.figsize = FIGSIZE if size is None else (size[0] / DPI, size[1] / DPI)
        self.dpi = DPI * scale
        self.logits = (
            default_logits(num_classes) if logits is None else np.array(logits, dtype=np.float64)
        )
        low, high = SPAN
        self.a_values = np.linspace(low, high, grid)
        self.b_values = np.linspace(low, high, grid)
        centres = low + (np.arange(field) + 0.5) * (high - low) / field
        self.field_a, self.field_b = np.meshgrid(centres, centres)
        self.field_cell = (high - low) / field
        self.surface_computations = 0
        self._surface_key: tuple | None = None
        self._compute_numbers()
        self._build_figure()
        self._backgrounds: dict = {}
        self._regions: dict = {}
        self._surface_layer = None
        if mode == "blit":
            self._cache_backgrounds()
        else:
            self.fig.canvas.draw()

    # Numbers (explorer.core, as in the app) -----------------------------------------------
    def _key(self) -> tuple:
        fixed = tuple(
            float(value) for index, value in enumerate(self.logits) if index not in self.axes
        )
        return fixed, self.label

    def _compute_numbers(self) -> bool:
        """Probabilities and gradient; the surface only if its key changed. True if it did."""
        self.probs = softmax(self.logits)
        self.gradient = cross_entropy_grad(self.logits, self.label)
        key = self._key()
        if key == self._surface_key:
            return False
        self._surface_key = key
        self.loss = loss_surface(self.logits, self.label, self.axes, self.a_values, self.b_values)
        finite = self.loss[np.isfinite(self.loss)]
        self.loss_range = (float(finite.min()), float(finite.max()))
        self.levels = nice_levels(*self.loss_range, CONTOUR_LEVELS)
        grad_a, grad_b = gradient_field(
            self.logits, self.label, self.axes, self.field_a[0], self.field_b[:, 0]
        )
        # Descent direction, the longest arrow 0.85 of a cell long (the app's scaling).
        longest = float(np.max(np.hypot(grad_a, grad_b))) or 1.0
        scale = 0.85 * self.field_cell / longest
        self.field_u, self.field_v = -grad_a * scale, -grad_b * scale
        self.surface_computations += 1
        return True

    # Figure -------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        count = self.num_classes
        positions = np.arange(count)
        fig, ((ax_logits, ax_probs), (ax_grad, ax_surface)) = plt.subplots(
            2, 2, figsize=self.figsize, dpi=self.dpi, layout="constrained"
        )
        self.fig = fig
        self.ax_logits, self.ax_probs, self.ax_grad, self.ax_surface = (
            ax_logits,
            ax_probs,
            ax_grad,
            ax_surface,
        )
        step = 1 if count <= 12 else max(1, count // 10)
        ticks = list(range(0, count, step))
        for ax in (ax_logits, ax_probs, ax_grad):
            ax.set_xlim(-0.6, count - 0.4)
            ax.set_xticks(ticks, [f"class {i}" if count <= 8 else str(i) for i in ticks])
            ax.set_autoscale_on(False)

        ax_logits.set_title("Logits z")
        ax_logits.set_ylabel("logit")
        ax_logits.axhline(0, color="black", linewidth=0.8, zorder=0.5)  # under the bars
        self.logit_bars = ax_logits.bar(positions, self.logits, BAR_WIDTH, color=BAR_COLOR)
        ax_logits.set_ylim(*self._logit_limits())

        ax_probs.set_title("Probabilities")
        ax_probs.set_ylabel("probability")
        ax_probs.set_ylim(0, 1.16)
        ax_probs.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        self.prob_bars = ax_probs.bar(positions, self.probs, BAR_WIDTH, color=BAR_COLOR)
        size = 9 if count <= 6 else 8
        self.prob_labels = [
            ax_probs.text(i, 0.0, "", ha="center", fontsize=size, clip_on=True)
            for i in range(count)
        ]

        ax_grad.set_title("Gradient dL/dz")
        ax_grad.set_ylabel("dL/dz")
        ax_grad.axhline(0, color="black", linewidth=0.8, zorder=0.5)
        self.grad_bars = ax_grad.bar(positions, self.gradient, BAR_WIDTH)
        ax_grad.set_ylim(*self._gradient_limits())

        first, second = self.axes
        a, b = self.a_values, self.b_values
        half_a = (a[-1] - a[0]) / (a.size - 1) / 2
        half_b = (b[-1] - b[0]) / (b.size - 1) / 2
        ax_surface.set_title("Loss surface")
        ax_surface.set_xlabel(f"z{first}")
        ax_surface.set_ylabel(f"z{second}")
        self.image = ax_surface.imshow(
            self.loss,
            origin="lower",
            extent=(a[0] - half_a, a[-1] + half_a, b[0] - half_b, b[-1] + half_b),
            cmap="viridis",
            interpolation="nearest",  # pyqtgraph scales the app's image without smoothing
            aspect="auto",
            zorder=0,
        )
        self.image.set_clim(*self.loss_range)
        self.contours = None
        self._draw_contours()
        self.quiver = ax_surface.quiver(
            self.field_a,
            self.field_b,
            self.field_u,
            self.field_v,
            angles="xy",
            scale_units="xy",
            scale=1,
            color="white",
            alpha=0.45,
            width=0.0025,
            zorder=1.5,
        )
        (self.point,) = ax_surface.plot(
            [self.logits[first]],
            [self.logits[second]],
            "o",
            markersize=11,
            markerfacecolor="white",
            markeredgecolor="black",
            markeredgewidth=2,
            zorder=3,
        )
        ax_surface.set_xlim(a[0], a[-1])
        ax_surface.set_ylim(b[0], b[-1])
        ax_surface.set_autoscale_on(False)
        self._update_bars()
        # Lay the figure out once, then freeze it: no layout pass on every draw.
        fig.canvas.draw()
        fig.set_layout_engine("none")

    def _logit_limits(self) -> tuple[float, float]:
        if self.mode == "blit":  # frozen: leave room for logits moving by a few units
            return value_span(np.concatenate([self.logits - 3, self.logits + 3]))
        return value_span(self.logits)

    def _gradient_limits(self) -> tuple[float, float]:
        if self.mode == "blit":  # frozen: every entry of p - onehot is in [-1, 1]
            return -1.1, 1.1
        bound = max(0.05, float(np.abs(self.gradient).max()) * 1.45)
        return -bound, bound

    def _draw_contours(self) -> None:
        if self.contours is not None:
            self.contours.remove()
            self.contours = None
        if self.levels.size == 0:
            return
        step = CONTOUR_STRIDE
        self.contours = self.ax_surface.contour(
            self.a_values[::step],
            self.b_values[::step],
            self.loss[::step, ::step],
            levels=self.levels,
            colors="white",
            linewidths=1,
            alpha=0.6,
            zorder=1,
        )
        if self.mode == "blit":
            self.contours.set_animated(True)

    def _update_bars(self) -> None:
        for rect, value in zip(self.logit_bars.patches, self.logits, strict=True):
            rect.set_height(value)
        labelled = self.num_classes <= LABELLED_LIMIT
        for rect, label, value in zip(
            self.prob_bars.patches, self.prob_labels, self.probs, strict=True
        ):
            rect.set_height(value)
            label.set_text(format_number(float(value), 3) if labelled else "")
            inside = value > 0.16  # the app prints large values inside the bar, in white
            label.set_y(value - 0.01 if inside else value + 0.01)
            label.set_verticalalignment("top" if inside else "bottom")
            label.set_color("white" if inside else "black")
        for rect, value in zip(self.grad_bars.patches, self.gradient, strict=True):
            rect.set_height(value)
            rect.set_facecolor(INCREASE_COLOR if value < 0 else DECREASE_COLOR)

    # Updates ------------------------------------------------------------------------------
    def set_logits(self, logits) -> None:
        """New logits: recompute what they touch and update the artists (no drawing)."""
        self.logits = np.array(logits, dtype=np.float64)
        self._update()

    def set_label(self, label: int) -> None:
        """New target class (recomputes the surface)."""
        self.label = int(label)
        self._update()

    def _update(self) -> None:
        if self._compute_numbers():
            self.image.set_data(self.loss)
            if self.mode == "redraw":
                self.image.set_clim(*self.loss_range)  # colour limits follow, as in the app
            self._draw_contours()
            self.quiver.set_UVC(self.field_u, self.field_v)
            self._surface_layer = None  # blit: the cached surface layer is stale
        self._update_bars()
        first, second = self.axes
        self.point.set_data([self.logits[first]], [self.logits[second]])
        if self.mode == "redraw":
            self.ax_logits.set_ylim(*self._logit_limits())
            self.ax_grad.set_ylim(*self._gradient_limits())

    def draw(self) -> None:
        """Render the figure into Agg's buffer: full redraw or blit, per ``mode``."""
        if self.mode == "redraw":
            self.fig.canvas.draw()
        else:
            self._blit()

    # Blitting -----------------------------------------------------------------------------
    def _bar_artists(self) -> dict:
        return {
            self.ax_logits: list(self.logit_bars.patches),
            self.ax_probs: [*self.prob_bars.patches, *self.prob_labels],
            self.ax_grad: list(self.grad_bars.patches),
        }

    def _surface_artists(self) -> list:
        artists = [self.image]
        if self.contours is not None:
            artists.append(self.contours)
        artists.append(self.quiver)
        # The frame goes on top of the image, so it is drawn with it (the cached background
        # has no frame: painting it twice would darken its antialiased edge).
        artists.extend(self.ax_surface.spines.values())
        return artists  # in z-order, as a full draw paints them

    def _animated_artists(self) -> list:
        bars = [artist for artists in self._bar_artists().values() for artist in artists]
        return [*bars, *self._surface_artists(), self.point]

    def _cache_backgrounds(self) -> None:
        """Full draw without the changing artists; cache each axes' pixels."""
        for artist in self._animated_artists():
            artist.set_animated(True)
        canvas = self.fig.canvas
        canvas.draw()
        # A few pixels beyond each axes: the antialiased edge of the frame lies just outside
        # ax.bbox, and a region that missed it would darken it at every redraw.
        self._regions = {
            ax: ax.bbox.padded(BLIT_PAD * self.dpi / DPI)
            for ax in (self.ax_logits, self.ax_probs, self.ax_grad, self.ax_surface)
        }
        self._backgrounds = {ax: canvas.copy_from_bbox(box) for ax, box in self._regions.items()}
        self._surface_layer = None
        self._blit()

    def _blit(self) -> None:
        canvas = self.fig.canvas
        for ax, artists in self._bar_artists().items():
            canvas.restore_region(self._backgrounds[ax])
            for artist in artists:
                ax.draw_artist(artist)
            canvas.blit(self._regions[ax])
        ax = self.ax_surface
        if self._surface_layer is None:  # surface recomputed: image, contours, quiver
            canvas.restore_region(self._backgrounds[ax])
            for artist in self._surface_artists():
                ax.draw_artist(artist)
            self._surface_layer = canvas.copy_from_bbox(self._regions[ax])
        else:
            canvas.restore_region(self._surface_layer)
        ax.draw_artist(self.point)
        canvas.blit(self._regions[ax])

    def buffer(self) -> np.ndarray:
        """A copy of the rendered RGBA pixels."""
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()

    def close(self) -> None:
        """Release the figure."""
        plt.close(self.fig)


# Scenarios --------------------------------------------------------------------------------
def drag_offset(event: int) -> float:
    """A drag back and forth: 0, 0.05, ..., 1.0, 0.95, ..., -1.0, ..."""
    phase = event % (4 * DRAG_STEPS)
    if phase <= DRAG_STEPS:
        steps = phase
    elif phase <= 3 * DRAG_STEPS:
        steps = 2 * DRAG_STEPS - phase
    else:
        steps = phase - 4 * DRAG_STEPS
    return DRAG_STEP * steps


def scenario_action(explorer: MatplotlibExplorer, scenario: str) -> Callable[[int], None]:
    """What event ``i`` (1, 2, ...) of ``scenario`` does to ``explorer`` (``set_*`` only)."""
    scenario = SCENARIO_ALIASES.get(scenario, scenario)
    start = explorer.logits.copy()
    if scenario in ("drag-axis", "drag-other"):
        index = explorer.axes[0] if scenario == "drag-axis" else _other_logit(explorer)

        def drag(event: int) -> None:
            logits = explorer.logits.copy()
            logits[index] = start[index] + drag_offset(event)
            explorer.set_logits(logits)

        return drag
    if scenario == "label":
        labels = (explorer.label, (explorer.label + 1) % explorer.num_classes)
        return lambda event: explorer.set_label(labels[event % 2])
    if scenario == "descent":
        return lambda event: explorer.set_logits(
            explorer.logits - LEARNING_RATE * explorer.gradient
        )
    raise ValueError(f"scenario must be one of {SCENARIOS}, got {scenario!r}")


def _other_logit(explorer: MatplotlibExplorer) -> int:
    return next(i for i in range(explorer.num_classes) if i not in explorer.axes)


class Driver:
    """One figure in ``mode`` running ``scenario``, timed a block of events at a time.

    The figure (app defaults: label 0, axes (0, 1)) is built and drawn once and ``warmup``
    events are run untimed; :meth:`run` then times the next events one by one, so blocks
    of events can be interleaved with another program's (the same machine state for both).
    """

    def __init__(
        self,
        num_classes: int,
        scenario: str,
        mode: str,
        warmup: int = WARMUP,
        size: tuple[int, int] | None = None,
        scale: float = 1.0,
    ):
        scenario = SCENARIO_ALIASES.get(scenario, scenario)
        if scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {SCENARIOS}, got {scenario!r}")
        self.explorer = MatplotlibExplorer(num_classes, label=0, mode=mode, size=size, scale=scale)
        try:
            self.action = scenario_action(self.explorer, scenario)
            self.event = 0
            for _ in range(warmup):
                self._step()
        except BaseException:
            self.explorer.close()
            raise
        gc.collect()

    def _step(self) -> None:
        self.event += 1
        self.action(self.event)
        self.explorer.draw()

    def run(self, events: int) -> list[float]:
        """Seconds per event (``set_*`` + ``draw()``) of the next ``events`` events."""
        return time_events(self._step, events)

    def close(self) -> None:
        """Release the figure."""
        self.explorer.close()


def measure(
    num_classes: int, scenario: str, mode: str, events: int = EVENTS, warmup: int = WARMUP
) -> list[float]:
    """Seconds per event (``set_*`` + ``draw()``) of ``scenario`` in ``mode`` on a fresh figure."""
    driver = Driver(num_classes, scenario, mode, warmup)
    try:
        return driver.run(events)
    finally:
        driver.close()


def check_blit(num_classes: int, tolerance: float = 0.001) -> tuple[float, float]:
    """Compare blitted pixels with a full render of the same state; raise if they differ.

    Runs a few events of every scenario in blit mode, then renders the same figure fully
    (nothing animated) and counts pixels whose channels differ by more than 32 of 255
    (faint differences are expected where a probability bar meets the frame: the blit
    paints the bar after the frame, a full render before). Also checks that the events
    changed the picture by far more than that, so an idle blit cannot pass.

    Returns
    -------
    tuple of float
        ``(fraction differing from the full render, fraction changed by the events)``.
    """
    explorer = MatplotlibExplorer(num_classes, label=0, mode="blit")
    try:
        before = explorer.buffer()
        for scenario in SCENARIOS:
            action = scenario_action(explorer, scenario)
            for event in range(1, 6):
                action(event)
                explorer.draw()
        explorer.set_label(0)
        explorer.draw()
        action = scenario_action(explorer, "drag-axis")  # end on a cached-surface update
        for event in range(1, 4):
            action(event)
            explorer.draw()
        blitted = explorer.buffer()
        for artist in explorer._animated_artists():
            artist.set_animated(False)
        explorer.fig.canvas.draw()
        full = explorer.buffer()
    finally:
        explorer.close()

    def differing(x: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(np.abs(x.astype(int) - y.astype(int)).max(axis=-1) > 32))

    mismatch, changed = differing(blitted, full), differing(before, full)
    if mismatch > tolerance or changed < max(10 * mismatch, tolerance):
        raise AssertionError(
            f"blitting is wrong for K={num_classes}: {mismatch:.2%} of the pixels differ from "
            f"a full render (changed by the events: {changed:.2%})"
        )
    return mismatch, changed


# Report -----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Latency per event of the matplotlib version of Softmax Explorer's four panels "
            "(Agg, 1280 x 800 px), full redraw and blitting."
        )
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_EVENTS} events per row instead of {EVENTS}"
    )
    args = parser.parse_args(argv)
    events = QUICK_EVENTS if args.quick else EVENTS

    print("matplotlib reference for Softmax Explorer" + (" (--quick)" if args.quick else ""))
    print(
        f"python {platform.python_version()}, matplotlib {matplotlib.__version__} "
        f"(backend {matplotlib.get_backend()}), numpy {np.__version__}, {platform.platform()}"
    )
    print(
        f"figure {FIGSIZE[0]:g} x {FIGSIZE[1]:g} in at {DPI} dpi; surface 256 x 256 over "
        f"{SPAN[0]:g}..{SPAN[1]:g}, {CONTOUR_LEVELS} contour levels, 20 x 20 quiver; "
        f"{events} timed events per row after {WARMUP} untimed"
    )
    for count in CLASS_COUNTS:
        mismatch, changed = check_blit(count)
        print(
            f"blit check K={count}: {mismatch:.3%} of pixels differ from a full render "
            f"(the events changed {changed:.1%})"
        )
    print()
    header = (
        f"{'K':>3}  {'scenario':<10}  {'mode':<6}  {'median ms':>9}  {'p90 ms':>8}  "
        f"{'max ms':>8}  {'redraw/blit':>11}"
    )
    print(header)
    print("-" * len(header))
    load_before = load_average()
    start, cpu_start = time.perf_counter(), time.process_time()
    for count in CLASS_COUNTS:
        for scenario in SCENARIOS:
            medians = {}
            for mode in MODES:
                median, p90, worst = summary(measure(count, scenario, mode, events))
                medians[mode] = median
                ratio = f"{medians['redraw'] / median:>10.1f}x" if mode == "blit" else ""
                print(
                    f"{count:>3}  {scenario:<10}  {mode:<6}  {median:>9.1f}  {p90:>8.1f}  "
                    f"{worst:>8.1f}  {ratio:>11}"
                )
        print()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    report_timing(wall, cpu, load_before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
