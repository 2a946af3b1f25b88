"""Soak: the main window through 30,000 mixed events in one process, offscreen.

Usage: python benchmarks/bench_soak.py [--events N] [--classes K] [--seed S] [--reports R]

A seeded mix of what a lecture does to the window for an hour: logit drags through the
session (a gesture of 10 to 60 moves, each a new state; one undo step), label changes
through the target chooser's combo box, descent steps, Undo and Redo from the Edit menu,
theme switches and, now and then, another number of classes. Every event is processed
and painted before the next (events processed until idle).

Prints, ``--reports`` times along the run: resident memory (RSS), Python objects tracked
by the garbage collector, graphics items in every view's pyqtgraph scenes, undo steps
kept; then the growth from the first report (taken after a warm-up that fills the caches
filled once) to the last. Measured, not asserted: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyqtgraph as pg  # noqa: E402
from common import load_average, open_window, settle, start_application  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402

from explorer.preferences import THEME_NAMES  # noqa: E402
from explorer.session import UNDO_LIMIT  # noqa: E402
from explorer.state import LOGIT_LIMIT, ExplorerState, default_logits  # noqa: E402

#: The share of the events each kind takes, in per cent (a drag's every move is an event).
EVENT_SHARES = {
    "drag": 60,
    "label": 10,
    "step": 15,
    "undo": 6,
    "redo": 6,
    "theme": 0.6,
    "classes": 0.4,
}
#: A drag gesture has 10 to 60 moves.
DRAG_MOVES = (10, 60)
WARM_UP_EVENTS = 600


def resident_megabytes() -> float:
    """Current resident set size in MB (Linux /proc)."""
    with open("/proc/self/statm") as stream:
        pages = int(stream.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_megabytes() -> float | None:
    """The process's peak resident set size in MB (VmHWM), if /proc tells it."""
    try:
        with open("/proc/self/status") as stream:
            for line in stream:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return None


def graphics_items(window) -> dict[str, int]:
    """Live graphics items in each built view's pyqtgraph scenes, by panel key."""
    return {
        key: sum(len(canvas.scene().items()) for canvas in view.findChildren(pg.GraphicsView))
        for key, view in window.panels.items()
    }


def process(app) -> None:
    """Process events until idle, as the application's event loop would between events.

    Widgets handed to ``deleteLater`` (the logit editor's rows when K changes) go when
    control returns to an event loop; ``processEvents`` outside one never deletes them,
    so the deletions are sent here as ``exec()`` would send them.
    """
    settle(app)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Soak:
    """The window and a seeded stream of events."""

    def __init__(self, app, window, seed: int, classes: int):
        self.app = app
        self.window = window
        self.random = random.Random(seed)
        self.classes = classes
        self.counts: Counter[str] = Counter()
        self.drag_left = 0  # moves left in the open drag gesture
        self.drag_index = 0
        self.theme = 0
        # A drag starts once for its mean number of moves.
        mean_moves = sum(DRAG_MOVES) / 2
        self._kinds = list(EVENT_SHARES)
        self._weights = [
            share / mean_moves if kind == "drag" else share for kind, share in EVENT_SHARES.items()
        ]

    def event(self) -> None:
        """One event, processed and painted."""
        if self.drag_left:
            self._drag_move()
        else:
            kind = self.random.choices(self._kinds, self._weights)[0]
            getattr(self, f"_{kind}")()
        process(self.app)

    def run(self, events: int) -> None:
        for _ in range(events):
            self.event()

    def finish(self) -> None:
        """Close an open drag gesture."""
        if self.drag_left:
            self.drag_left = 0
            self.window.session.end_gesture()
            process(self.app)

    # Event kinds ---------------------------------------------------------------------
    def _drag(self) -> None:
        session = self.window.session
        session.begin_gesture()
        self.drag_left = self.random.randint(*DRAG_MOVES)
        self.drag_index = self.random.randrange(session.state.num_classes)
        self._drag_move()

    def _drag_move(self) -> None:
        session = self.window.session
        state = session.state
        value = state.logits[self.drag_index] + self.random.uniform(-0.4, 0.4)
        value = min(max(value, -LOGIT_LIMIT), LOGIT_LIMIT)
        session.set_state(state.with_logit(self.drag_index, value))
        self.counts["drag move"] += 1
        self.drag_left -= 1
        if not self.drag_left:
            session.end_gesture()

    def _label(self) -> None:
        combo = self.window.target_chooser.label_combo
        combo.setCurrentIndex(self.random.randrange(combo.count()))
        self.counts["label"] += 1

    def _step(self) -> None:
        self.window.session.step()
        self.counts["step"] += 1

    def _undo(self) -> None:
        self.window.undo_action.trigger()
        self.counts["undo"] += 1

    def _redo(self) -> None:
        self.window.redo_action.trigger()
        self.counts["redo"] += 1

    def _theme(self) -> None:
        self.theme = (self.theme + 1) % len(THEME_NAMES)
        self.window.set_theme(THEME_NAMES[self.theme])
        self.counts["theme"] += 1

    def _classes(self) -> None:
        # Another K and back later: every view rebuilds its per-class items.
        state = self.window.session.state
        count = self.classes + 3 if state.num_classes == self.classes else self.classes
        self.window.set_state(state.with_num_classes(count))
        self.counts["classes"] += 1


def snapshot(window) -> dict:
    """Memory, objects and items now (after a full collection).

    ``objects`` counts what the collector tracks beyond the objects frozen at start-up
    (``create_main_window`` calls ``gc.freeze``): everything created since.
    """
    gc.collect()
    objects = gc.get_objects()
    return {
        "rss": resident_megabytes(),
        "objects": len(objects),
        "types": Counter(type(item).__name__ for item in objects),
        "items": graphics_items(window),
        "undo": len(window.session._undo),
        "trail": len(window.session.derived.trail),
    }


def report(done: int, elapsed: float, figures: dict) -> None:
    items = figures["items"]
    per_view = " ".join(f"{key}={count}" for key, count in items.items())
    print(
        f"{done:>7} events {elapsed:7.1f} s  RSS {figures['rss']:7.1f} MB  "
        f"objects {figures['objects']:>8}  items {sum(items.values()):>5} ({per_view})  "
        f"undo {figures['undo']}  trail {figures['trail']}",
        flush=True,
    )


def main() -> None:
    """Run the soak and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=30_000, help="events after the warm-up")
    parser.add_argument("--classes", type=int, default=5, help="K (2 or more)")
    parser.add_argument("--seed", type=int, default=27)
    parser.add_argument("--reports", type=int, default=10, help="figures printed along the run")
    arguments = parser.parse_args()
    if arguments.classes < 2 or arguments.events < 1 or arguments.reports < 1:
        parser.error("--classes must be at least 2, --events and --reports at least 1")
    print(f"load average before: {load_average()}")
    app = start_application()
    state = ExplorerState(logits=default_logits(arguments.classes), learning_rate=0.3)
    window = open_window(replace(state, label=arguments.classes - 1))
    soak = Soak(app, window, arguments.seed, arguments.classes)
    soak.run(WARM_UP_EVENTS)  # fill the caches that are filled once
    soak.finish()
    soak.counts.clear()
    first = snapshot(window)
    started = time.perf_counter()
    cpu_started = time.process_time()
    report(0, 0.0, first)
    reports = arguments.reports
    done = 0
    for index in range(1, reports + 1):
        target = arguments.events * index // reports
        soak.run(target - done)
        done = target
        if index == reports:
            soak.finish()
        report(done, time.perf_counter() - started, snapshot(window))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    last = snapshot(window)
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(soak.counts.items()))
    print(f"events: {done} ({kinds})")
    print(f"time: {elapsed:.1f} s wall, {cpu:.1f} s CPU, {1000 * elapsed / done:.2f} ms an event")
    print(
        f"resident memory: {first['rss']:.1f} MB -> {last['rss']:.1f} MB "
        f"(growth {last['rss'] - first['rss']:+.1f} MB); peak {peak_megabytes() or 0:.1f} MB"
    )
    print(
        f"Python objects tracked (besides {gc.get_freeze_count()} frozen at start-up): "
        f"{first['objects']} -> {last['objects']} (growth {last['objects'] - first['objects']:+d})"
    )
    grown = (last["types"] - first["types"]).most_common(6)
    print("most grown types: " + (", ".join(f"{name} +{count}" for name, count in grown) or "none"))
    for key in last["items"]:
        before, after = first["items"].get(key, 0), last["items"][key]
        print(f"graphics items, {key}: {before} -> {after} ({after - before:+d})")
    before, after = sum(first["items"].values()), sum(last["items"].values())
    print(f"graphics items, all views: {before} -> {after} ({after - before:+d})")
    print(
        f"undo steps kept: {first['undo']} -> {last['undo']} (at most {UNDO_LIMIT}, one state "
        f"each: part of the objects' growth); descent trail: {last['trail']} points"
    )
    print(f"load average after: {load_average()}")
    window.close()
    window.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
