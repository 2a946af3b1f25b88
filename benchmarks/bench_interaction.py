"""Interaction latency of the real window, offscreen, next to matplotlib in the same run.

Usage: python benchmarks/bench_interaction.py [--quick] [--no-matplotlib]

Each event goes through the code path of the user's action and ends when every view has
processed it and Qt has painted what changed (events processed until idle, which is when
the offscreen backing store has been painted):

- drag-axis:   a mouse move on the logit editor dragging a surface-axis logit (real
               QMouseEvents through pyqtgraph's scene: the path a mouse drag takes);
- drag-other:  the same for a logit that is not on a surface axis (surface recomputed);
- label:       choosing another true class in the target chooser's combo box;
- descent:     one tick of the Play timer (an animated gradient-descent step).

The surface is 256 x 256 with a 20 x 20 arrow field. matplotlib's numbers come from
benchmarks/mpl_reference.py (the same four panels, set_data + full redraw, and blitting).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from explorer.app import create_main_window, ensure_application  # noqa: E402
from explorer.state import ExplorerState, default_logits  # noqa: E402

SCENARIOS = ("drag-axis", "drag-other", "label", "descent")


def _send(widget, kind, position: QPoint, button, buttons) -> None:
    event = QMouseEvent(
        kind,
        QPointF(position),
        QPointF(widget.mapToGlobal(position)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _pixel(window, index: int) -> QPoint:
    editor = window.logit_editor
    scene_point = editor.view_box.mapViewToScene(QPointF(index, window.state.logits[index]))
    return editor.plot_widget.mapFromScene(scene_point)


def _settle(app, window) -> None:
    """Process events until idle: every view handles the change and paints its dirty area."""
    app.processEvents()
    app.processEvents()  # paints posted while handling the first batch


def measure_window(num_classes: int, scenario: str, events: int) -> list[float]:
    """Seconds per event for one scenario on a fresh window with K classes."""
    app = ensure_application()
    QSettings().clear()
    state = ExplorerState(logits=default_logits(num_classes), label=0, surface_axes=(0, 1))
    window = create_main_window(state)
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        _settle(app, window)
    times: list[float] = []
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    viewport = window.logit_editor.plot_widget.viewport()
    if scenario.startswith("drag"):
        index = 0 if scenario == "drag-axis" else 2
        start = _pixel(window, index)
        _send(viewport, QEvent.Type.MouseButtonPress, start, left, left)
        # Get past pyqtgraph's drag threshold before timing.
        _send(viewport, QEvent.Type.MouseMove, start + QPoint(0, -8), none, left)
        _settle(app, window)
        for step in range(events):
            offset = 8 + (step % 40) * 2 if (step // 40) % 2 == 0 else 88 - (step % 40) * 2
            t0 = time.perf_counter()
            _send(viewport, QEvent.Type.MouseMove, start + QPoint(0, -offset), none, left)
            _settle(app, window)
            times.append(time.perf_counter() - t0)
        _send(viewport, QEvent.Type.MouseButtonRelease, start, left, none)
    elif scenario == "label":
        combo = window.target_chooser.label_combo
        for step in range(events):
            t0 = time.perf_counter()
            combo.setCurrentIndex(1 + step % 2)
            _settle(app, window)
            times.append(time.perf_counter() - t0)
    elif scenario == "descent":
        window.set_state(window.state.with_logit(0, -2.0).with_logit(2, 3.0))
        window.set_state(replace(window.state, learning_rate=0.05))
        for _ in range(events):
            t0 = time.perf_counter()
            window.surface_view._on_play_timer_timeout()
            _settle(app, window)
            times.append(time.perf_counter() - t0)
    else:
        raise ValueError(scenario)
    window.close()
    window.deleteLater()
    app.processEvents()
    return times


def summary(times: list[float]) -> tuple[float, float, float]:
    """Median, 90th percentile and maximum in milliseconds."""
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1e3, p90 * 1e3, ordered[-1] * 1e3


def main() -> None:
    """Print the latency table and the ratios to matplotlib."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer events")
    parser.add_argument("--no-matplotlib", action="store_true", help="skip the comparison")
    parser.add_argument("--classes", type=int, nargs="*", default=[3, 10, 50])
    arguments = parser.parse_args()
    events = 40 if arguments.quick else 150
    mpl_events = 15 if arguments.quick else 40
    measure_mpl = None
    if not arguments.no_matplotlib:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        try:
            from mpl_reference import measure as measure_mpl
        except ImportError as error:
            print(f"(matplotlib comparison skipped: {error})")
    ensure_application()
    print(f"events per scenario: {events} (matplotlib: {mpl_events}); times in ms")
    header = f"{'K':>3} {'scenario':<11} {'median':>7} {'p90':>7} {'max':>7} {'p90/med':>7}"
    if measure_mpl:
        header += f" | {'mpl redraw':>10} {'ratio':>6} | {'mpl blit':>9} {'ratio':>6}"
    print(header)
    for num_classes in arguments.classes:
        for scenario in SCENARIOS:
            median, p90, largest = summary(measure_window(num_classes, scenario, events))
            line = (
                f"{num_classes:>3} {scenario:<11} {median:7.2f} {p90:7.2f} {largest:7.2f}"
                f" {p90 / median:7.2f}"
            )
            if measure_mpl:
                redraw = summary(measure_mpl(num_classes, scenario, "redraw", mpl_events))[0]
                blit = summary(measure_mpl(num_classes, scenario, "blit", mpl_events))[0]
                line += (
                    f" | {redraw:10.2f} {redraw / median:5.1f}x | {blit:9.2f} {blit / median:5.1f}x"
                )
            print(line, flush=True)
    print("targets at K = 10: drag-axis median <= 8 ms, drag-other <= 16 ms, p90 <= 2x median;")
    print("                   >= 20x faster than matplotlib redraw, >= 3x faster than blitting")


if __name__ == "__main__":
    main()
