"""A long Play run: does a descent step cost more as the path grows, and past its limit?

Usage: python benchmarks/bench_play.py [--classes K] [--steps N] [--learning-rate LR]
       [--size WxH] [--scale S]

A lecturer may leave Play on for minutes. bench_interaction.py's descent scenario
(``common.WindowDriver``: the real window, offscreen) runs Play as the button does (its
gesture open, so the whole run is one undo step), the timer's handler called directly
instead of waiting 80 ms for each tick; each step is timed until every view has painted
it. The run goes past the descent
trail's limit (``explorer.session.TRAIL_LIMIT``), where old points start being dropped.
Printed: the median and p90 step time over the first 100 steps, the 50 before the limit,
and every step past it, with the trail's length at the end.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    WindowDriver,
    add_window_arguments,
    apply_window_arguments,
    figures,
)

from explorer.session import TRAIL_LIMIT  # noqa: E402


def main() -> None:
    """Print step times early, near the trail's limit and past it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=3, help="K (3 shows the simplex too)")
    parser.add_argument("--steps", type=int, default=TRAIL_LIMIT + 400)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    add_window_arguments(parser)
    arguments = parser.parse_args()
    if arguments.classes < 3:
        parser.error("--classes must be at least 3 (the descent scenario starts from z2)")
    if arguments.steps <= TRAIL_LIMIT:
        parser.error(f"--steps must pass the trail's limit ({TRAIL_LIMIT})")
    apply_window_arguments(parser, arguments)
    # bench_interaction's descent scenario: the target badly predicted at the start.
    driver = WindowDriver(arguments.classes, "descent", size=arguments.size)
    try:
        window = driver.window
        window.set_state(replace(window.state, learning_rate=arguments.learning_rate))
        view = window.surface_view
        view.play_button.setChecked(True)  # as a click does: the run becomes one undo step
        view.play_timer.stop()  # the ticks come from the driver
        times = driver.run(arguments.steps)
        converged = not view.play_button.isChecked()  # the handler stops Play when it is
        trail = len(window.session.derived.trail)
        view.play_button.setChecked(False)
    finally:
        driver.close()
    if converged:
        sys.exit("descent converged before the last step; use a smaller --learning-rate")
    width, height = arguments.size
    print(
        f"K = {arguments.classes}, learning rate {arguments.learning_rate:g}, window"
        f" {width} x {height} at device pixel ratio {arguments.scale:g}, one Play run:"
    )
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
