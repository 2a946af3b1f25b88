"""The classifier lab's frame rate while training: time per timer tick, repaint included.

The issue-26 case: 1,000 points, K = 5, every feature map on (64 random Fourier
features), regions on a 256 x 256 grid, batch 64, in a lab window of 1280 x 800. One tick
is what the training timer does: ``steps_per_frame`` minibatch steps, then every view
redraws (regions recomputed and re-coloured, misclassified rings, arrows, curves, table,
history slider), then Qt paints the window (the offscreen platform paints into its
backing store as a screen would). Measured, not asserted.

    .venv/bin/python benchmarks/bench_lab_ui.py --frames 300 [--steps-per-frame 1]
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import DEFAULT_SIZE, load_average, reference_work  # (sets the offscreen platform)


def build_window(points: int, classes: int, fourier: int, steps_per_frame: int):
    from explorer.app import ensure_application
    from explorer.core.lab import FeatureConfig, LabScene, TrainConfig, make_dataset
    from explorer.ui.lab import LabWindow

    ensure_application()
    scene = LabScene(
        dataset=make_dataset("blobs", classes=classes, points=points, noise=0.15, seed=0),
        features=FeatureConfig(raw=True, squares=True, sines=True, fourier=fourier),
        config=TrainConfig(batch_size=64, learning_rate=0.2),
        steps_per_frame=steps_per_frame,
        point_count=points,
    )
    window = LabWindow(scene=scene)
    window.resize(*DEFAULT_SIZE)
    window.show()
    return window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300, help="timer ticks to time")
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--classes", type=int, default=5)
    parser.add_argument("--fourier", type=int, default=64)
    parser.add_argument("--steps-per-frame", type=int, default=1)
    parser.add_argument("--select", type=int, default=3, help="points shown in the table")
    parser.add_argument(
        "--trained",
        type=int,
        default=0,
        help="steps trained before timing (long curves: the history keeps up to 5,000)",
    )
    arguments = parser.parse_args()

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = build_window(
        arguments.points, arguments.classes, arguments.fourier, arguments.steps_per_frame
    )
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(200)
    window.model.select(range(arguments.select))
    if arguments.trained:
        window.step(arguments.trained)

    def tick() -> None:
        window._on_timer_timeout()  # what the training timer calls
        QApplication.processEvents()  # the repaint of what changed

    window._closed = False
    for _ in range(20):  # warm-up: caches, first paints
        tick()
    print(
        f"Lab window {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}: {arguments.points} points, "
        f"K = {arguments.classes}, W {window.model.trainer.W.shape[0]} x "
        f"{arguments.classes}, {arguments.steps_per_frame} step(s) per frame, "
        f"load {load_average()}"
    )
    model_times, paint_times, total_times = [], [], []
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    for _ in range(arguments.frames):
        begin = time.perf_counter()
        window._on_timer_timeout()
        middle = time.perf_counter()
        QApplication.processEvents()
        end = time.perf_counter()
        model_times.append(middle - begin)
        paint_times.append(end - middle)
        total_times.append(end - begin)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu

    def row(name: str, values: list[float]) -> str:
        values = sorted(values)
        median = statistics.median(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        return f"  {name:<34} median {1e3 * median:6.2f} ms   p90 {1e3 * p90:6.2f} ms"

    print(row("steps + views redraw (model, items)", model_times))
    print(row("Qt paint of the window", paint_times))
    print(row("whole tick", total_times))
    median = statistics.median(total_times)
    print(
        f"  -> {1 / median:.0f} frames per second possible (median tick), "
        f"{len(total_times) / sum(total_times):.0f} fps sustained over {arguments.frames} ticks; "
        f"the timer asks for 62.5 (16 ms)"
    )
    references = []
    for _ in range(20):
        begin = time.perf_counter()
        reference_work()
        references.append(time.perf_counter() - begin)
    print(
        f"  CPU {cpu / wall:.0%} of a core over {wall:.1f} s; reference work "
        f"{1e3 * statistics.median(references):.2f} ms (about 0.5 ms on a quiet machine: "
        "larger means the machine was slow while timing)"
    )
    window.close()


if __name__ == "__main__":
    main()
