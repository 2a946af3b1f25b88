"""What the benchmark scripts print about the conditions they timed under."""

from __future__ import annotations

import os


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
