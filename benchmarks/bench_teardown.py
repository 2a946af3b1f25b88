"""Exits without a crash: consecutive runs of ``render`` and of a window script, counted.

Usage: python benchmarks/bench_teardown.py [--runs N] [--cases NAME ...]

Issue 27: scripts that created the main window, showed it and processed events died at
interpreter exit in 15-20 % of runs, with a segfault in shiboken while a QGraphicsScene
was torn down (PySide deletes what Python owns in no particular order). Each case runs
``--runs`` times (50 by default), one process after the other, offscreen:

- ``render``: ``softmax-explorer render --size 400x300 -o FILE.png``;
- ``interface``: the same with ``--interface`` (the whole window);
- ``script``: the README's scripting path as a script takes it: its own QApplication in
  a global, ``create_main_window()``, ``show()``, ``processEvents()``, then exit.

Printed per case: runs that exited 0, the other exit statuses (-11 is a segfault) and the
median seconds a run took. Measured, not asserted: it exits 0 whatever the counts.
About 2 s a run on the 2-core development machine: 5 minutes for the default.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = """
from PySide6.QtWidgets import QApplication

app = QApplication([])

from explorer.app import create_main_window

window = create_main_window()
window.show()
app.processEvents()
"""


def commands(folder: Path) -> dict[str, list[str]]:
    """The command of each case."""
    render = [sys.executable, "-m", "explorer", "render", "--size", "400x300"]
    return {
        "render": [*render, "-o", str(folder / "figure.png")],
        "interface": [*render, "--interface", "-o", str(folder / "window.png")],
        "script": [sys.executable, "-c", SCRIPT],
    }


def main() -> None:
    """Run every case and print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="runs per case (default 50)")
    parser.add_argument(
        "--cases", nargs="+", default=["render", "interface", "script"], help="cases to run"
    )
    arguments = parser.parse_args()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    print(f"{'case':<10} {'exit 0':>9}  {'median s':>8}  other exit statuses")
    with tempfile.TemporaryDirectory(prefix="bench-teardown-") as folder:
        available = commands(Path(folder))
        for case in arguments.cases:
            statuses: collections.Counter[int] = collections.Counter()
            seconds = []
            for _ in range(arguments.runs):
                start = time.perf_counter()
                result = subprocess.run(
                    available[case], capture_output=True, env=environment, timeout=300
                )
                seconds.append(time.perf_counter() - start)
                statuses[result.returncode] += 1
            clean = statuses.pop(0, 0)
            others = ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
            print(
                f"{case:<10} {clean:>4} / {arguments.runs:<3} "
                f"{statistics.median(seconds):>8.2f}  {others or 'none'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
