"""What the benchmark scripts share: the window driver, the timing loop and the summaries.

Every benchmark imports its helpers from here, never from another benchmark. Qt is
imported inside the functions that drive the window, so ``bench_core.py`` and
``mpl_reference.py``, which time NumPy and matplotlib alone, do not load it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace

import explorer._blas  # noqa: E402, F401 (one BLAS thread before NumPy loads, as the app)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")

#: The user's actions a benchmark times, in bench_interaction.py's order.
SCENARIOS = ("drag-axis", "drag-other", "label", "descent")
#: The app's default window size, in logical pixels.
DEFAULT_SIZE = (1280, 800)


# Conditions --------------------------------------------------------------------------------
def load_average() -> str:
    """The 1-minute load average, or ``n/a`` where the platform has none."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def report_timing(wall: float, cpu: float, load_before: str) -> None:
    """Print wall and CPU time of the timing, and warn when other work competed with it."""
    print(
        f"Timing took {wall:.0f} s wall, {cpu:.0f} s CPU of this process ({cpu / wall:.0%}); "
        f"1-minute load average {load_before} before, {load_average()} after."
    )
    if cpu / wall < 0.9:
        print(
            "NOTE: this process got less than 90% of a core while timing: other work on the "
            "machine competed with it, so the times above are inflated and noisy."
        )


def busy_seconds() -> float | None:
    """CPU seconds every process on the machine has used since boot (Linux), else None.

    Together with this process's ``time.process_time()`` it tells how much of the
    machine other work took while something was timed.
    """
    try:
        with open("/proc/stat") as stream:
            fields = stream.readline().split()
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal ...: everything but idle and iowait.
    ticks = [int(value) for value in fields[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def reference_work() -> float:
    """A fixed piece of NumPy and Python work, about half a millisecond on the dev machine.

    Timed next to a benchmark, it shows the machine's speed at that moment: on the shared
    development machine everything can slow down by up to 2x for minutes while no other
    process of this machine is busy (the host's other guests), which ``busy_seconds``
    cannot see.
    """
    import numpy as np

    values = np.linspace(-6.0, 6.0, 256 * 256).reshape(256, 256)
    total = sum(float(np.logaddexp(values[row], 0.5).sum()) for row in range(0, 256, 16))
    names = {str(index): index for index in range(3000)}
    return total + sum(names[str(index)] for index in range(0, 3000, 3))


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> ``(1920, 1080)``; raises ValueError on anything else."""
    width, separator, height = text.lower().partition("x")
    if not separator or not width.isdigit() or not height.isdigit():
        raise ValueError(f"a size is WIDTHxHEIGHT in pixels, such as 1920x1080, not {text!r}")
    return int(width), int(height)


def set_device_pixel_ratio(scale: float) -> None:
    """Make Qt paint at ``scale`` device pixels per logical pixel (``QT_SCALE_FACTOR``).

    Qt reads the variable when the QApplication is created, so this must come first. The
    offscreen platform reports a device pixel ratio of 1 of its own; the factor multiplies
    it, and window sizes stay in logical pixels.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        raise RuntimeError("the device pixel ratio must be set before the QApplication exists")
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"


def add_window_arguments(parser: argparse.ArgumentParser) -> None:
    """``--size WxH`` (logical pixels) and ``--scale S`` (device pixel ratio) for the window."""
    parser.add_argument(
        "--size",
        type=parse_size,
        default=DEFAULT_SIZE,
        metavar="WxH",
        help="window size in logical pixels (default 1280x800)",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="device pixel ratio (QT_SCALE_FACTOR; default 1)"
    )


def apply_window_arguments(parser: argparse.ArgumentParser, arguments) -> None:
    """Check ``--scale`` and set the device pixel ratio; then start the application."""
    if not arguments.scale > 0:
        parser.error("--scale must be positive")
    set_device_pixel_ratio(arguments.scale)
    start_application()


# Summaries ---------------------------------------------------------------------------------
def summary(times: list[float]) -> tuple[float, float, float]:
    """Median, 90th percentile (nearest rank) and maximum of ``times`` (s), in milliseconds."""
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1e3, p90 * 1e3, ordered[-1] * 1e3


def figures(times: list[float]) -> str:
    """``"median 2.10 ms, p90 3.02 ms"`` for ``times`` in seconds."""
    median, p90, _ = summary(times)
    return f"median {median:.2f} ms, p90 {p90:.2f} ms"


def time_events(step: Callable[[], None], events: int) -> list[float]:
    """Seconds each of ``events`` calls of ``step`` took (the timing loop of every driver)."""
    times = []
    for _ in range(events):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


# The window --------------------------------------------------------------------------------
def quiet_offscreen_plugin(kind, context, message) -> None:
    """Qt message handler: drop the offscreen plugin's per-window propagateSizeHints notes."""
    from PySide6.QtCore import QtMsgType

    if "propagateSizeHints" in message:
        return
    if kind != QtMsgType.QtDebugMsg:
        print(message, file=sys.stderr)


def start_application():
    """The app's QApplication with the offscreen plugin's chatter silenced."""
    from PySide6.QtCore import qInstallMessageHandler

    from explorer.app import ensure_application

    qInstallMessageHandler(quiet_offscreen_plugin)
    return ensure_application()


def send_mouse(widget, kind, position, button, buttons) -> None:
    """Deliver a mouse event of ``kind`` at ``position`` (widget pixels) to ``widget``."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    event = QMouseEvent(
        kind,
        QPointF(position),
        QPointF(widget.mapToGlobal(position)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def logit_pixel(window, index: int):
    """Where logit ``index``'s bar top is, in the logit editor's viewport (a QPoint)."""
    from PySide6.QtCore import QPointF

    editor = window.logit_editor
    scene_point = editor.view_box.mapViewToScene(QPointF(index, window.state.logits[index]))
    return editor.plot_widget.mapFromScene(scene_point)


def settle(app) -> None:
    """Process events until idle: every view handles the change and paints its dirty area."""
    app.processEvents()
    app.processEvents()  # paints posted while handling the first batch


def open_window(
    state,
    size: tuple[int, int] = DEFAULT_SIZE,
    simplex: bool = True,
    all_panels: bool = False,
    front: str | None = None,
):
    """The main window on ``state``, shown at ``size`` (logical pixels), settled.

    ``simplex=False`` switches the K = 3 simplex panel off, as a user would in the View menu.
    ``all_panels=True`` ticks every registered panel (:func:`show_every_panel`); ``front``,
    a panel's key, is then brought in front of its tabs.
    """
    from PySide6.QtCore import QSettings

    from explorer.app import create_main_window

    app = start_application()
    QSettings().clear()
    window = create_main_window(state)
    window.simplex_action.setChecked(simplex)
    window.resize(*size)
    if all_panels:
        show_every_panel(window)
    window.show()
    for _ in range(5):
        settle(app)
    if front is not None:  # a tab comes to the front once its dock area is laid out
        window.show_panels([front])
        for _ in range(5):
            settle(app)
    return window


def show_every_panel(window) -> None:
    """Tick every panel in the View menu, as a user would.

    The lessons share one tabbed dock with the simplex, so of them only the tab in front is
    drawn (and refreshed: a panel behind a tab catches up when it comes to the front); the
    last ticked is in front. (A panel that does not apply to the state, such as the
    simplex at K != 3, stays hidden.)
    """
    from explorer.panels import PANELS

    window.show_panels([spec.key for spec in PANELS.values()])


def panels_on_screen(window) -> list[str]:
    """Keys of the panels built and visible now, in registry order."""
    return [key for key, view in window.panels.items() if view.isVisible()]


class WindowDriver:
    """The real main window with K classes, running one scenario a block of events at a time.

    Scenarios (``SCENARIOS``), each event timed until every view has processed it and Qt
    has painted what changed (events processed until idle, which is when the offscreen
    backing store has been painted):

    - ``drag-axis``: a mouse move on the logit editor dragging a surface-axis logit (real
      QMouseEvents through pyqtgraph's scene: the path a mouse drag takes);
    - ``drag-other``: the same for a logit that is not on a surface axis (surface
      recomputed);
    - ``label``: choosing another true class in the target chooser's combo box;
    - ``descent``: one tick of the Play timer (an animated gradient-descent step).

    Events continue where the last block stopped (a drag keeps its mouse button down), so
    blocks can be interleaved with another program's: both then meet the same machine
    state. ``size`` is the window's size in logical pixels; ``simplex=False`` switches the
    K = 3 simplex panel off (View > Probability simplex); ``all_panels=True`` ticks every
    panel, ``front`` in front of its tabs (:func:`show_every_panel`).
    """

    def __init__(
        self,
        num_classes: int,
        scenario: str,
        simplex: bool = True,
        size: tuple[int, int] = DEFAULT_SIZE,
        all_panels: bool = False,
        front: str | None = None,
    ):
        from PySide6.QtCore import QEvent, Qt

        from explorer.state import ExplorerState, default_logits

        if scenario not in SCENARIOS:
            raise ValueError(scenario)
        self.app = start_application()
        state = ExplorerState(logits=default_logits(num_classes), label=0, surface_axes=(0, 1))
        self.window = window = open_window(state, size, simplex, all_panels, front)
        self.scenario = scenario
        self.step = 0
        self.viewport = window.logit_editor.plot_widget.viewport()
        if scenario.startswith("drag"):
            self.start = logit_pixel(window, 0 if scenario == "drag-axis" else 2)
            left = Qt.MouseButton.LeftButton
            send_mouse(self.viewport, QEvent.Type.MouseButtonPress, self.start, left, left)
            # Get past pyqtgraph's drag threshold before timing.
            self._move(8)
            settle(self.app)
        elif scenario == "descent":
            window.set_state(window.state.with_logit(0, -2.0).with_logit(2, 3.0))
            window.set_state(replace(window.state, learning_rate=0.05))

    def _move(self, offset: int) -> None:
        from PySide6.QtCore import QEvent, QPoint, Qt

        send_mouse(
            self.viewport,
            QEvent.Type.MouseMove,
            self.start + QPoint(0, -offset),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
        )

    def _event(self) -> None:
        """One user action of the scenario, processed and painted."""
        step, self.step = self.step, self.step + 1
        if self.scenario.startswith("drag"):
            self._move(8 + (step % 40) * 2 if (step // 40) % 2 == 0 else 88 - (step % 40) * 2)
        elif self.scenario == "label":
            self.window.target_chooser.label_combo.setCurrentIndex(1 + step % 2)
        else:
            self.window.surface_view._on_play_timer_timeout()
        settle(self.app)

    def run(self, events: int) -> list[float]:
        """Seconds per event, each until every view has processed it and repainted."""
        return time_events(self._event, events)

    def close(self) -> None:
        """Release the mouse button and close the window."""
        from PySide6.QtCore import QEvent, Qt

        if self.scenario.startswith("drag"):
            left = Qt.MouseButton.LeftButton
            send_mouse(
                self.viewport,
                QEvent.Type.MouseButtonRelease,
                self.start,
                left,
                Qt.MouseButton.NoButton,
            )
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()


def measure_window(
    num_classes: int,
    scenario: str,
    events: int,
    simplex: bool = True,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> list[float]:
    """Seconds per event for one scenario on a fresh window with K classes."""
    driver = WindowDriver(num_classes, scenario, simplex, size)
    try:
        return driver.run(events)
    finally:
        driver.close()
