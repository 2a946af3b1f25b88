"""Work per interaction event, in CPU instructions under callgrind (nearly deterministic).

Usage: python benchmarks/bench_instructions.py [--classes K] [--no-simplex] [--scenarios NAME ...]

Wall-clock latency on a shared machine swings by 2x within minutes, which hides changes of
10-20%. Instructions executed barely move (Qt's timers and thread wake-ups vary them by a
few percent between runs; compare runs made side by side): each scenario of
bench_interaction.py (``common.WindowDriver``) runs twice under ``valgrind
--tool=callgrind`` (with 10 and with 40 events on a fresh window, 1280 x 800), and the
difference divided by 30 is the work of one event, start-up cancelled out. Needs
valgrind (Debian: ``apt-get install valgrind``); takes about a minute per scenario.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FEW, MANY = 10, 40

CHILD = """
import sys
sys.path.insert(0, {benchmarks!r})
import common
common.start_application()
common.measure_window({classes}, {scenario!r}, {events}, {simplex!r})
"""


def instructions(scenario: str, classes: int, events: int, simplex: bool = True) -> int:
    """Instructions callgrind counts for a whole run with ``events`` events.

    ``simplex=False`` switches the K = 3 simplex panel off (View > Probability simplex).
    """
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        code = CHILD.format(
            benchmarks=str(HERE), classes=classes, scenario=scenario, events=events, simplex=simplex
        )
        # A fixed hash seed: dictionary layouts, and so the counts, repeat exactly.
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}
        environment.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--cache-sim=no",
                "--branch-sim=no",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                code,
            ],
            check=True,
            capture_output=True,
            env=environment,
        )
        match = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if match is None:
            raise RuntimeError("callgrind wrote no total")
        return int(match.group(1))


def main() -> None:
    """Print the instructions per event of each scenario."""
    sys.path.insert(0, str(HERE))
    from common import SCENARIOS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--no-simplex", action="store_true", help="K = 3 without the simplex panel")
    parser.add_argument("--scenarios", nargs="*", choices=SCENARIOS, default=list(SCENARIOS))
    arguments = parser.parse_args()
    if arguments.no_simplex and arguments.classes != 3:
        parser.error("--no-simplex needs --classes 3 (the simplex panel is shown at K = 3 only)")
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    simplex = not arguments.no_simplex
    shown = "" if simplex else ", simplex panel off"
    print(
        f"K = {arguments.classes}{shown}; instructions per event (callgrind, {MANY} - {FEW} events)"
    )
    for scenario in arguments.scenarios:
        few = instructions(scenario, arguments.classes, FEW, simplex)
        many = instructions(scenario, arguments.classes, MANY, simplex)
        print(f"  {scenario:<11} {(many - few) / (MANY - FEW) / 1e6:7.2f} M", flush=True)


if __name__ == "__main__":
    main()
