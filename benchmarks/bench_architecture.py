"""Would direct-painted panels meet issue 5's 3x over matplotlib's blit? Measured, K = 3.

Usage: python benchmarks/bench_architecture.py [--scenario drag-axis|drag-other]
       [--blocks N] [--events N] [--check]

A K = 3 drag of a surface-axis logit misses issue 5's "3x faster than matplotlib's
blitting" in the real window (bench_interaction.py, row "3/4p"), and events that
recompute the surface come close to its "20x faster than the full redraw". This times,
in one process and in alternating blocks of events (so that the shared machine's drift
reaches all alike), these doing the same drag (``drag-axis``: logit 0, a surface axis;
``drag-other``: logit 2, the surface recomputed on every event):

- ``window``: the real main window, four panels (bench_interaction's WindowDriver);
- ``prototype``: ``prototype_direct_paint.py``, the same window's content with every plot
  a plain QWidget painting itself with QPainter, static parts cached in a pixmap, only
  the changed items' rectangles repainted (no QGraphicsScene; of pyqtgraph, only its
  colour map and its array of lines for ``drawLines``);
- ``prototype-whole``: the prototype repainting its plots whole on every change;
- ``mpl-blit``: matplotlib's blitting recipe (mpl_reference.py), the figure of the target;
- ``mpl-redraw``: matplotlib's set_data and full redraw.

It prints each block's median, the overall median and p90, and the ratio of
matplotlib's medians over each one's (blit and redraw). ``--check`` first paints the
prototype through many events of the scenario and compares its backing store with a full
repaint of the same state: no pixel may differ (the incremental painting is what makes it
fast, so it must be right).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/softmax-explorer-bench-config")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_interaction  # noqa: E402
import prototype_direct_paint  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, Qt, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from explorer.app import ensure_application  # noqa: E402

WARMUP = 20


class PrototypeDriver(bench_interaction.WindowDriver):
    """The prototype window in a drag scenario, driven as WindowDriver drives the app.

    Only the window differs: the mouse events, their offsets, the timing and the release
    are WindowDriver's own. ``scenario`` is ``"drag-axis"`` (logit 0, a surface axis) or
    ``"drag-other"`` (logit 2: the surface recomputed on every event).
    """

    def __init__(self, scenario: str = "drag-axis"):  # (WindowDriver's is not called)
        if scenario not in ("drag-axis", "drag-other"):
            raise ValueError(scenario)
        self.app = QApplication.instance()
        self.window = window = prototype_direct_paint.PrototypeWindow(3, label=0, axes=(0, 1))
        window.resize(1280, 800)
        window.show()
        window.size_docks()
        for _ in range(5):
            bench_interaction._settle(self.app, window)
        self.scenario = scenario
        self.step = 0
        canvas = self.viewport = window.logit_canvas
        logit = 0 if scenario == "drag-axis" else 2
        self.start = QPoint(round(canvas.px(logit)), round(canvas.py(window.logits[logit])))
        left = Qt.MouseButton.LeftButton
        bench_interaction._send(canvas, QEvent.Type.MouseButtonPress, self.start, left, left)
        self._move(8)
        bench_interaction._settle(self.app, window)


class WholeRepaints:
    """The same prototype window, its plots repainted whole on every change."""

    def __init__(self, driver: PrototypeDriver):
        self.driver = driver

    def run(self, events: int) -> list[float]:
        prototype_direct_paint.DIRTY_RECTS = False
        try:
            return self.driver.run(events)
        finally:
            prototype_direct_paint.DIRTY_RECTS = True

    def close(self) -> None:
        """Nothing of its own to close."""


def check_incremental_painting(scenario: str = "drag-axis", events: int = 137) -> int:
    """Pixels that differ between the prototype's incremental painting and a full repaint."""
    import numpy as np

    driver = PrototypeDriver(scenario)
    try:
        driver.run(events)
        window = driver.window
        incremental = window.backingStore().paintDevice().copy()
        for canvas in (
            window.logit_canvas,
            window.prob_canvas,
            window.grad_canvas,
            window.surface_canvas,
        ):
            canvas.invalidate_static()
        full = window.grab().toImage()
    finally:
        driver.close()

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine()
        )
        return rows[:, : 4 * image.width()].astype(int)

    return int(np.count_nonzero(pixels(incremental) != pixels(full)))


def main() -> None:
    """Run the comparison and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("drag-axis", "drag-other"), default="drag-axis")
    parser.add_argument("--blocks", type=int, default=6, help="blocks per contestant")
    parser.add_argument("--events", type=int, default=60, help="events per block")
    parser.add_argument("--check", action="store_true", help="check the prototype's pixels")
    options = parser.parse_args()
    qInstallMessageHandler(bench_interaction._quiet_offscreen_plugin)
    ensure_application()
    if options.check:
        differing = check_incremental_painting(options.scenario)
        print(f"prototype: {differing} pixel values differ from a full repaint after 137 events")
        if differing:
            sys.exit(1)
    from mpl_reference import Driver as MatplotlibDriver

    scenario = options.scenario
    prototype = PrototypeDriver(scenario)
    drivers = {
        "window": bench_interaction.WindowDriver(3, scenario, simplex=False),
        "prototype": prototype,
        "prototype-whole": WholeRepaints(prototype),
        "mpl-blit": MatplotlibDriver(3, scenario, "blit"),
        "mpl-redraw": MatplotlibDriver(3, scenario, "redraw"),
    }
    try:
        for driver in drivers.values():
            driver.run(WARMUP)
        gc.collect()
        times: dict[str, list[float]] = {name: [] for name in drivers}
        blocks: dict[str, list[float]] = {name: [] for name in drivers}
        for _ in range(options.blocks):
            for name, driver in drivers.items():
                block = driver.run(options.events)
                times[name] += block
                blocks[name].append(bench_interaction.summary(block)[0])
    finally:
        for driver in drivers.values():
            driver.close()
    print(
        f"K = 3, {scenario}: {options.blocks} blocks of {options.events} events each, in"
        f" turns; load average {os.getloadavg()[0]:.2f}"
    )
    print("block medians (ms):")
    for name, medians in blocks.items():
        print(f"  {name:16s}" + " ".join(f"{median:7.2f}" for median in medians))
    print("overall median / p90 (ms); matplotlib's medians over this one's (block range):")
    for name in drivers:
        median, p90, _ = bench_interaction.summary(times[name])
        ratios = []
        for reference in ("mpl-blit", "mpl-redraw"):
            per_block = [b / a for a, b in zip(blocks[name], blocks[reference], strict=True)]
            ratios.append(
                f"{reference[4:]} {bench_interaction.summary(times[reference])[0] / median:5.2f}x"
                f" ({min(per_block):.2f}-{max(per_block):.2f}x)"
            )
        print(f"  {name:16s}{median:7.2f} / {p90:7.2f}   " + "   ".join(ratios))


if __name__ == "__main__":
    main()
