"""Stamina: 10,000 drag events and 500 descent steps in one process, offscreen.

Usage: python benchmarks/bench_stamina.py [--drags N] [--steps N] [--classes K]

Reports resident memory (RSS) and the number of live graphics items (summed over every
pyqtgraph scene of the window) before and after, after a warm-up so that caches that are
filled once are not counted as growth. K is 10 unless ``--classes`` says otherwise (at
K = 3 the simplex panel takes part too).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyqtgraph as pg  # noqa: E402
from common import logit_pixel, open_window, send_mouse, settle, start_application  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402

from explorer.state import ExplorerState, default_logits  # noqa: E402


def resident_megabytes() -> float:
    """Current resident set size in MB (Linux /proc)."""
    with open("/proc/self/statm") as stream:
        pages = int(stream.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def graphics_items(window) -> int:
    """Live graphics items in every pyqtgraph scene of the window."""
    return sum(len(view.scene().items()) for view in window.findChildren(pg.GraphicsView))


def drag(app, window, events: int) -> None:
    """Drag logit 2 (not a surface axis: the surface is recomputed) up and down."""
    viewport = window.logit_editor.plot_widget.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for block in range(0, events, 200):
        start = logit_pixel(window, 2)
        send_mouse(viewport, QEvent.Type.MouseButtonPress, start, left, left)
        for step in range(min(200, events - block)):
            offset = step % 50 if (step // 50) % 2 == 0 else 50 - step % 50
            send_mouse(viewport, QEvent.Type.MouseMove, start + QPoint(0, -offset), none, left)
            settle(app)
        send_mouse(viewport, QEvent.Type.MouseButtonRelease, start, left, none)
        settle(app)


def descend(app, window, steps: int) -> None:
    """Animated descent: the Play timer's handler, then Reset, in rounds of 100 steps."""
    for round_start in range(0, steps, 100):
        for _ in range(min(100, steps - round_start)):
            window.surface_view._on_play_timer_timeout()
            settle(app)
        window.surface_view._on_reset_button_clicked()
        settle(app)


def main() -> None:
    """Run the stamina test and print memory and item counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drags", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--classes", type=int, default=10, help="K (3 or more)")
    arguments = parser.parse_args()
    if arguments.classes < 3:
        parser.error("--classes must be at least 3 (the drags move logit 2)")
    app = start_application()
    window = open_window(ExplorerState(logits=default_logits(arguments.classes), learning_rate=0.5))
    drag(app, window, 400)  # warm-up: fill the caches that are filled once
    descend(app, window, 100)
    gc.collect()
    memory_before, items_before = resident_megabytes(), graphics_items(window)
    started = time.perf_counter()
    drag(app, window, arguments.drags)
    descend(app, window, arguments.steps)
    gc.collect()
    elapsed = time.perf_counter() - started
    memory_after, items_after = resident_megabytes(), graphics_items(window)
    print(f"{arguments.drags} drag events + {arguments.steps} descent steps in {elapsed:.1f} s")
    print(
        f"resident memory: {memory_before:.1f} MB -> {memory_after:.1f} MB "
        f"(growth {memory_after - memory_before:+.1f} MB; target < 10 MB)"
    )
    print(f"graphics items: {items_before} -> {items_after} (target: constant)")
    print(f"undo steps kept: {len(window.session._undo)} (bounded)")


if __name__ == "__main__":
    main()
