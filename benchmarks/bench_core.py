"""Benchmark of ``explorer.core.loss_surface`` against the straightforward evaluation.

Measured, not asserted: the script prints a table and a verdict against the performance
targets, and exits 0 whatever the timings are. It exits 1 only if ``loss_surface`` and the
straightforward evaluation disagree (then nothing is timed); a mismatch that is only the
rounding of a tiny loss against logits of size ~10 (float32) is reported as a warning.

For each K (number of classes), grid size n (n x n points) and dtype it times

* ``surface``:  ``loss_surface(logits, 1, (0, 2), v, v)`` with ``v = linspace(-10, 10, n)``
* ``straight``: build the full ``(n*n, K)`` grid of logits and call
  ``cross_entropy(grid, targets, reduction='none').reshape(n, n)`` (grid build included)
* ``floor``:    one ``np.log`` over an ``(n, n)`` array of that dtype (values in [1, 2]),
  the least any surface evaluation must cost (one ``log`` per point and a new array)

and prints ``speed-up = straight / surface`` and ``x floor = surface / floor``. Each entry
is the median of repeated single calls timed with ``time.perf_counter`` after a warm-up,
with the garbage collector off.

Usage::

    python benchmarks/bench_core.py           # full run (about 3 minutes, peak ~6.2 GB RAM)
    python benchmarks/bench_core.py --quick   # fewer repeats
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py beside this

from common import load_average, report_timing  # noqa: E402

from explorer.core import cross_entropy, loss_surface  # noqa: E402

CLASS_COUNTS = (3, 10, 100, 1000)
GRID_SIZES = (128, 256, 512)
DTYPES = (np.float64, np.float32)
AXES = (0, 2)
TARGET = 1
SPAN = 10.0
WIDE_SPAN = 2000.0
RTOL = {np.dtype(np.float64): 1e-9, np.dtype(np.float32): 1e-4}
CANCELLATION_ULPS = 4

# Targets (the verdict); the first is for the 256 x 256 float64 surface.
TARGET_MS_256_F64 = 1.5
TARGET_SPEEDUP_K10 = 20.0
TARGET_X_FLOOR = 3.0


@dataclass(frozen=True)
class Settings:
    warmup: int
    repeats: int  # surface and floor
    straight_max: int  # straightforward evaluation: at most this many repeats...
    straight_min: int  # ...at least this many...
    straight_budget: float  # ...and about this many seconds per row


FULL = Settings(warmup=5, repeats=30, straight_max=30, straight_min=3, straight_budget=4.0)
QUICK = Settings(warmup=2, repeats=7, straight_max=7, straight_min=1, straight_budget=1.0)


@dataclass
class Row:
    classes: int
    n: int
    dtype: np.dtype
    surface: float
    floor: float
    straight: float
    straight_repeats: int

    @property
    def speedup(self) -> float:
        return self.straight / self.surface

    @property
    def x_floor(self) -> float:
        return self.surface / self.floor


def median_times(funcs: list[Callable[[], object]], repeats: int, warmup: int = 0) -> list[float]:
    """Median wall time in seconds of single calls of each function, after ``warmup`` rounds.

    The functions are called in turn (interleaved), so slow drifts of the machine (other
    load, cache and allocator state) affect them alike and their ratio stays meaningful.
    """
    for _ in range(warmup):
        for func in funcs:
            func()
    times: list[list[float]] = [[] for _ in funcs]
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for func, samples in zip(funcs, times, strict=True):
                start = time.perf_counter()
                func()
                samples.append(time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()
    return [statistics.median(samples) for samples in times]


def median_time(func: Callable[[], object], repeats: int, warmup: int = 0) -> float:
    return median_times([func], repeats, warmup)[0]


def axis_values(n: int, dtype, span: float = SPAN) -> np.ndarray:
    return np.linspace(-span, span, n, dtype=dtype)


def surface_call(logits: np.ndarray, values: np.ndarray) -> np.ndarray:
    return loss_surface(logits, TARGET, AXES, values, values)


def straightforward(logits: np.ndarray, a_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """Cross-entropy at every grid point from the full ``(rows * cols, K)`` logit grid."""
    rows, cols = b_values.size, a_values.size
    grid = np.empty((rows * cols, logits.size), dtype=logits.dtype)
    grid[:] = logits
    grid[:, AXES[0]] = np.tile(a_values, rows)  # columns follow a
    grid[:, AXES[1]] = np.repeat(b_values, cols)  # rows follow b
    targets = np.full(rows * cols, TARGET, dtype=np.intp)
    return cross_entropy(grid, targets, reduction="none").reshape(rows, cols)


def random_logits(classes: int, dtype, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, 3.0, classes).astype(dtype)


def compare(fast: np.ndarray, reference: np.ndarray, rtol: float, scale: float) -> tuple[str, str]:
    """Compare ``fast`` with ``reference``: status ``'ok'``, ``'cancellation'`` or ``'fail'``.

    ``'ok'``: ``np.allclose(fast, reference, rtol)`` (default atol 1e-8). ``'cancellation'``:
    not that, but within ``CANCELLATION_ULPS`` units in the last place of ``scale`` (the
    largest logit magnitude) everywhere, the rounding error of forming the loss as
    ``S * lse - t . z`` when it is much smaller than the logits (float32 near the minimum).
    """
    if fast.shape != reference.shape or fast.dtype != reference.dtype:
        got, want = (fast.shape, fast.dtype), (reference.shape, reference.dtype)
        return "fail", f"shape, dtype {got} vs {want}"
    wide_fast, wide_reference = fast.astype(np.float64), reference.astype(np.float64)
    abs_err = np.abs(wide_fast - wide_reference)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_err = abs_err / np.abs(wide_reference)
    worst = np.unravel_index(np.nanargmax(rel_err), rel_err.shape)
    ulp = float(np.finfo(fast.dtype).eps) * scale
    detail = (
        f"max abs err {np.nanmax(abs_err):.3g} ({np.nanmax(abs_err) / ulp:.1f} ulp of the logit "
        f"scale {scale:.3g}), max rel err {np.nanmax(rel_err):.3g} where the loss is "
        f"{wide_reference[worst]:.3g} (loss range [{reference.min():.3g}, {reference.max():.3g}])"
    )
    if np.allclose(fast, reference, rtol=rtol):
        return "ok", detail
    if np.allclose(fast, reference, rtol=rtol, atol=CANCELLATION_ULPS * ulp):
        return "cancellation", detail
    return "fail", detail


def straight_repeats(first_call: float, settings: Settings) -> int:
    wanted = int(settings.straight_budget / max(first_call, 1e-9))
    return max(settings.straight_min, min(settings.straight_max, wanted))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> list[str]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    lines = [
        f"python {platform.python_version()}, numpy {np.__version__}, {platform.platform()}",
        f"CPU: {cpu_model()}; os.cpu_count() = {os.cpu_count()}, usable by this process = "
        f"{usable} (NumPy ufuncs run on one core); 1-minute load average {load_average()}",
    ]
    try:
        from numpy._core._multiarray_umath import __cpu_features__

        simd = [name for name in ("AVX2", "FMA3", "AVX512F") if __cpu_features__.get(name)]
        lines.append(f"SIMD available to NumPy: {', '.join(simd) or 'none of AVX2/FMA3/AVX512F'}")
    except ImportError:
        pass
    return lines


def check_agreement() -> None:
    """Abort (exit 1) unless loss_surface matches the straightforward evaluation everywhere."""
    print("Checking loss_surface against the straightforward evaluation ...", flush=True)
    cases = []
    for index, classes in enumerate(CLASS_COUNTS):
        for dtype in map(np.dtype, DTYPES):
            for n in GRID_SIZES:
                logits = random_logits(classes, dtype, seed=index)
                cases.append((f"K={classes} n={n} {dtype.name}", logits, axis_values(n, dtype)))
    # The exact (slow) path, on a grid too wide for the fast one.
    cases.append(
        (
            f"exact path: K=10 n=256 float64, values +-{WIDE_SPAN:g}",
            random_logits(10, np.float64, seed=1),
            axis_values(256, np.float64, WIDE_SPAN),
        )
    )
    failures, cancellations = [], []
    for name, logits, values in cases:
        scale = max(float(np.max(np.abs(logits))), float(np.max(np.abs(values))))
        status, detail = compare(
            surface_call(logits, values),
            straightforward(logits, values, values),
            RTOL[values.dtype],
            scale,
        )
        if status == "fail":
            failures.append(f"  {name}: {detail}")
        elif status == "cancellation":
            cancellations.append(f"  {name}: {detail}")
        gc.collect()
    tolerance = "np.allclose, rtol 1e-9 float64 / 1e-4 float32, default atol 1e-8"
    if failures:
        print(
            f"ABORT: loss_surface disagrees with cross_entropy on the full logit grid "
            f"({tolerance}; also beyond {CANCELLATION_ULPS} ulp of the logit scale):",
            *failures,
            sep="\n",
        )
        sys.exit(1)
    if cancellations:
        print(
            f"WARNING: not within {tolerance} in these cases, only within "
            f"{CANCELLATION_ULPS} ulp of the logit scale (absolute): loss_surface forms the "
            "loss as S * lse - t . z, which loses relative precision where the loss is much "
            "smaller than the logits (cross_entropy keeps it with log1p). Timing anyway.",
            *cancellations,
            sep="\n",
        )
    print(f"  {len(cases) - len(cancellations)} of {len(cases)} cases agree ({tolerance}).\n")


def measure_row(classes: int, n: int, dtype: np.dtype, seed: int, settings: Settings) -> Row:
    logits = random_logits(classes, dtype, seed)
    values = axis_values(n, dtype)
    floor_input = np.random.default_rng(0).uniform(1.0, 2.0, (n, n)).astype(dtype)

    surface, floor = median_times(
        [lambda: surface_call(logits, values), lambda: np.log(floor_input)],
        settings.repeats,
        settings.warmup,
    )
    gc.collect()
    first = median_time(lambda: straightforward(logits, values, values), 1)  # warm-up
    repeats = straight_repeats(first, settings)
    straight = median_time(lambda: straightforward(logits, values, values), repeats)
    gc.collect()
    return Row(classes, n, dtype, surface, floor, straight, repeats)


def measure(settings: Settings) -> list[Row]:
    rows = []
    for index, classes in enumerate(CLASS_COUNTS):
        for n in GRID_SIZES:
            for dtype in map(np.dtype, DTYPES):
                rows.append(measure_row(classes, n, dtype, index, settings))
                print(format_row(rows[-1]), flush=True)
    return rows


def format_row(row: Row) -> str:
    return (
        f"{row.classes:>5} {row.n:>4} {row.dtype.name:>8} {row.surface * 1e3:>11.3f} "
        f"{row.floor * 1e3:>9.3f} {row.straight * 1e3:>12.2f} {row.straight_repeats:>5} "
        f"{row.speedup:>9.0f}x {row.x_floor:>8.2f}"
    )


def header(settings: Settings) -> str:
    return "\n".join(
        [
            f"surface, floor: median of {settings.repeats} calls each (interleaved, after "
            f"{settings.warmup} warm-up calls). straight (builds the (n*n, K) logit grid, then "
            "cross_entropy): first call is the warm-up,",
            '  then the median of "reps" calls (as many as fit in '
            f"~{settings.straight_budget:g} s, between {settings.straight_min} and "
            f"{settings.straight_max}). Times in ms; speed-up = straight / surface, "
            "x floor = surface / floor.",
            f"{'K':>5} {'n':>4} {'dtype':>8} {'surface ms':>11} {'floor ms':>9} "
            f"{'straight ms':>12} {'reps':>5} {'speed-up':>10} {'x floor':>8}",
        ]
    )


def time_exact_path(settings: Settings) -> None:
    logits = random_logits(10, np.float64, seed=1)
    wide = axis_values(256, np.float64, WIDE_SPAN)
    narrow = axis_values(256, np.float64)
    # loss_surface takes the fast path only when (peak - lowest per-point peak) is below
    # -log(tiny) - 10 (about 698 nats in float64); here that spread is WIDE_SPAN minus the
    # largest fixed logit, since the lowest per-point peak is that fixed logit.
    margin = -np.log(np.finfo(np.float64).tiny) - 10
    spread = WIDE_SPAN - max(-WIDE_SPAN, float(np.max(np.delete(logits, AXES))))
    exact, fast = median_times(
        [lambda: surface_call(logits, wide), lambda: surface_call(logits, narrow)],
        settings.repeats,
        settings.warmup,
    )
    print(
        f"\nExact (slow) path, K=10, 256 x 256 float64, axis values linspace(-{WIDE_SPAN:g}, "
        f"{WIDE_SPAN:g}, 256) (spread {spread:.0f} nats > fast-path limit {margin:.0f}): "
        f"{exact * 1e3:.3f} ms (median of {settings.repeats}); fast path on the same K and "
        f"grid: {fast * 1e3:.3f} ms, ratio {exact / fast:.1f}x"
    )


def verdict(rows: list[Row]) -> None:
    print("\nVerdict against the targets:")

    at_256 = [r for r in rows if r.n == 256 and r.dtype == np.float64]
    slow = [r for r in at_256 if r.surface * 1e3 >= TARGET_MS_256_F64]
    times = ", ".join(f"K={r.classes}: {r.surface * 1e3:.3f}" for r in at_256)
    status = "PASS" if not slow else "FAIL"
    print(
        f"  [{status}] 256 x 256 float64 surface under {TARGET_MS_256_F64} ms at every K "
        f"({times} ms)"
    )

    # The issue states the targets for the 256 x 256 float64 surface; smaller and float32
    # grids are reported too (their ~0.1 ms fixed cost per call weighs more there).
    k10 = next(r for r in at_256 if r.classes == 10)
    status = "PASS" if k10.speedup >= TARGET_SPEEDUP_K10 else "FAIL"
    others = ", ".join(
        f"n={r.n} {r.dtype.name}: {r.speedup:.0f}x"
        for r in rows
        if r.classes == 10 and r is not k10
    )
    print(
        f"  [{status}] at least {TARGET_SPEEDUP_K10:g}x faster than straightforward at K=10 "
        f"(256 x 256 float64): {k10.speedup:.0f}x   (other grids: {others})"
    )
    series = [r.speedup for r in at_256]
    growing = all(later > earlier for earlier, later in zip(series, series[1:], strict=False))
    steps = " -> ".join(f"{s:.0f}x" for s in series)
    print(
        f"  [{'PASS' if growing else 'FAIL'}] speed-up grows with K "
        f"({', '.join(map(str, CLASS_COUNTS))}, 256 x 256 float64): {steps}"
    )
    worst = max(at_256, key=lambda r: r.x_floor)
    status = "PASS" if worst.x_floor <= TARGET_X_FLOOR else "FAIL"
    over = [r for r in rows if r.x_floor > TARGET_X_FLOOR]
    print(
        f"  [{status}] within {TARGET_X_FLOOR:g}x of the floor (256 x 256 float64): worst "
        f"{worst.x_floor:.2f}x at K={worst.classes}   (all grids: {len(over)} of {len(rows)} "
        "rows over"
        + (
            ", ".join([":"] + [f" n={r.n} {r.dtype.name} K={r.classes}" for r in over])
            if over
            else ""
        )
        + ")"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Time explorer.core.loss_surface against the straightforward cross-entropy over "
            "the full logit grid and against a single np.log (the floor). Prints a table "
            "and a verdict; measured, not asserted."
        )
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer repeats: a rough run of about a minute instead of several",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL

    print("Softmax Explorer core benchmark" + (" (--quick)" if args.quick else ""))
    print(*machine_info(), sep="\n")
    print(
        f"loss_surface(logits ~ N(0, 3^2) of K classes, target {TARGET}, axes {AXES}, "
        f"a = b = linspace(-{SPAN:g}, {SPAN:g}, n)) on an n x n grid\n"
    )
    check_agreement()
    print(header(settings))
    load_before = load_average()
    start, cpu_start = time.perf_counter(), time.process_time()
    rows = measure(settings)
    time_exact_path(settings)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    verdict(rows)
    print()
    report_timing(wall, cpu, load_before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
