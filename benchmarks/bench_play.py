"""A long Play run: does a descent step cost more as the path grows, and past its limit?

Usage: python benchmarks/bench_play.py [--classes K] [--steps N] [--learning-rate LR]

A lecturer may leave Play on for minutes. The real window (offscreen) runs Play as the
button does (its gesture open, so the whole run is one undo step), with the timer's
handler called directly instead of waiting 80 ms for each tick; each step is timed until
every view has painted it. The run goes past the descent trail's limit
(``explorer.session.TRAIL_LIMIT``), where old points start being dropped. Printed: the
median and p90 step time over the first 100 steps, the 50 before the limit, and every
step past it, with the trail's length at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_interaction import _settle, ensure_application  # noqa: E402

from explorer.app import create_main_window  # noqa: E402
from explorer.session import TRAIL_LIMIT  # noqa: E402
from explorer.state import ExplorerState, default_logits  # noqa: E402


def figures(times: list[float]) -> str:
    """Median and p90 of ``times`` (seconds) in ms."""
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1e3:.2f} ms, p90 {p90 * 1e3:.2f} ms"


def main() -> None:
    """Print step times early, near the trail's limit and past it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=3, help="K (3 shows the simplex too)")
    parser.add_argument("--steps", type=int, default=TRAIL_LIMIT + 400)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    arguments = parser.parse_args()
    if arguments.classes < 2:
        parser.error("--classes must be at least 2")
    if arguments.steps <= TRAIL_LIMIT:
        parser.error(f"--steps must pass the trail's limit ({TRAIL_LIMIT})")
    app = ensure_application()
    logits = default_logits(arguments.classes)
    logits = (-2.0, *logits[1:2], 3.0, *logits[3:])  # the target starts out badly predicted
    state = ExplorerState(
        logits=logits, label=0, surface_axes=(0, 1), learning_rate=arguments.learning_rate
    )
    window = create_main_window(state)
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        _settle(app, window)
    view = window.surface_view
    view.play_button.setChecked(True)  # as a click does: the run becomes one undo step
    view.play_timer.stop()  # the ticks come from here
    times = []
    for _ in range(arguments.steps):
        start = time.perf_counter()
        view._on_play_timer_timeout()
        _settle(app, window)
        times.append(time.perf_counter() - start)
        if not view.play_button.isChecked():
            sys.exit(f"descent converged after {len(times)} steps; use a smaller --learning-rate")
    trail = len(window.session.derived.trail)
    view.play_button.setChecked(False)
    window.close()
    print(f"K = {arguments.classes}, learning rate {arguments.learning_rate:g}, one Play run:")
    windows = {
        "steps 1-100": times[:100],
        f"steps {TRAIL_LIMIT - 49}-{TRAIL_LIMIT}": times[TRAIL_LIMIT - 50 : TRAIL_LIMIT],
        f"steps {TRAIL_LIMIT + 1}-{arguments.steps} (past the limit)": times[TRAIL_LIMIT:],
    }
    for name, part in windows.items():
        print(f"  {name + ':':<34} {figures(part)}")
    print(f"  trail at the end: {trail} points (limit {TRAIL_LIMIT})")


if __name__ == "__main__":
    main()
