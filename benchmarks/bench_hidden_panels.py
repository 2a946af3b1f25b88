"""What hidden panels cost: the default window's events with the lessons registered or not.

Usage: python benchmarks/bench_hidden_panels.py [--classes K] [--events N] [--callgrind]

Issue 28: panels that are hidden cost nothing measurable, at most 0.2 ms per event. The
lessons are registered panels that start hidden (and are not built until shown). Two
windows are built side by side at the default size: one as the application builds it,
one from a registry without the lessons (``explorer.panels.unregister_panel``). Each
event kind (``common.SCENARIOS``) runs on both in alternating blocks, so that a drift in
the machine's speed reaches both alike; printed per kind: the median ms per event of each
and their difference.

Wall-clock medians on a shared machine move by tenths of a millisecond from block to
block. ``--callgrind`` (needs valgrind) counts the instructions each window executes per
event instead: an exact measure of the work hidden panels add, with the milliseconds it
would take at the rate the first window's events run at meanwhile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from common import SCENARIOS, WindowDriver, start_application, summary

ROUNDS = 5


def lesson_keys() -> list[str]:
    """The registered panels that start hidden in a tab group (the lessons)."""
    from explorer.panels import PANELS

    return [key for key, spec in PANELS.items() if spec.tab_group is not None]


def build(num_classes: int, scenario: str, lessons: bool) -> WindowDriver:
    """A driven window whose registry has the lessons, or lacks them while it is built."""
    from explorer.panels import PANELS, register_panel, unregister_panel

    if lessons:
        return WindowDriver(num_classes, scenario)
    removed = [PANELS[key] for key in lesson_keys()]
    for spec in removed:
        unregister_panel(spec.key)
    try:
        return WindowDriver(num_classes, scenario)
    finally:
        for spec in removed:
            register_panel(spec)


def wall_clock(num_classes: int, events: int) -> None:
    """Print per event kind the median ms with and without the lessons, interleaved."""
    print(f"lessons: {', '.join(lesson_keys())}")
    print(f"{'event':<11} {'with':>7} {'without':>8} {'difference':>11}")
    for scenario in SCENARIOS:
        drivers = {
            True: build(num_classes, scenario, True),
            False: build(num_classes, scenario, False),
        }
        times: dict[bool, list[float]] = {True: [], False: []}
        try:
            for driver in drivers.values():
                driver.run(5)
            for _ in range(ROUNDS):
                for lessons, driver in drivers.items():
                    times[lessons] += driver.run(events // ROUNDS)
        finally:
            for driver in drivers.values():
                driver.close()
        with_, without = summary(times[True])[0], summary(times[False])[0]
        print(f"{scenario:<11} {with_:7.2f} {without:8.2f} {with_ - without:+11.2f}", flush=True)
    print("(ms per event, medians; the target is a difference of at most 0.2 ms)")


def child(num_classes: int, scenario: str, lessons: bool, events: int) -> None:
    """Run ``events`` events with callgrind's instrumentation on (under valgrind)."""
    driver = build(num_classes, scenario, lessons)
    driver.run(6)
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=False)
    driver.run(events)
    subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=False)
    sys.stdout.flush()
    os._exit(0)  # no teardown: its instructions are not the events'


def instructions(num_classes: int, scenario: str, lessons: bool, events: int) -> float:
    """Instructions per event of one window (counted by callgrind in a child process)."""
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "callgrind.out")
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={output}",
            sys.executable,
            __file__,
            "--child",
            scenario,
            "with" if lessons else "without",
            "--classes",
            str(num_classes),
            "--events",
            str(events),
        ]
        subprocess.run(command, capture_output=True, check=True)
        with open(output, encoding="utf-8") as counts:
            totals = [line for line in counts if line.startswith("totals:")]
    return int(totals[0].split()[1]) / events


def callgrind(num_classes: int, events: int) -> None:
    """Print per event kind the instructions per event with and without the lessons."""
    start_application()
    print(f"{'event':<11} {'with':>12} {'without':>12} {'difference':>12} {'= ms':>8}")
    for scenario in SCENARIOS:
        with_ = instructions(num_classes, scenario, True, events)
        without = instructions(num_classes, scenario, False, events)
        driver = WindowDriver(num_classes, scenario)
        try:
            driver.run(5)
            milliseconds = statistics.median(driver.run(events)) * 1e3
        finally:
            driver.close()
        rate = with_ / milliseconds  # instructions per ms at this moment's speed
        difference = with_ - without
        print(
            f"{scenario:<11} {with_ / 1e6:10.2f} M {without / 1e6:10.2f} M "
            f"{difference / 1e6:+10.3f} M {difference / rate:+8.3f}",
            flush=True,
        )
    print("(instructions per event; '= ms': the difference at the rate events run at now)")


def main() -> None:
    """Parse the arguments and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--events", type=int, default=150)
    parser.add_argument("--callgrind", action="store_true", help="count instructions instead")
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "WITH"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        scenario, lessons = arguments.child
        child(arguments.classes, scenario, lessons == "with", arguments.events)
    if arguments.callgrind:
        if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
            parser.error("--callgrind needs valgrind (Debian: valgrind)")
        callgrind(arguments.classes, min(arguments.events, 30))
    else:
        start_application()
        wall_clock(arguments.classes, arguments.events)


if __name__ == "__main__":
    main()
