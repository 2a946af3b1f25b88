"""Where an interaction event's time goes, view by view, in the real window (offscreen).

Usage: python benchmarks/bench_views.py [--classes K ...] [--scenarios NAME ...]
       [--no-simplex] [--events N] [--size WxH] [--scale S] [--hide DOCK ...] [--floor]

Runs bench_interaction.py's scenarios (``common.WindowDriver``, at ``--size`` logical
pixels and device pixel ratio ``--scale``, 1280x800 and 1 by default) and times, per
event, each view's handling of the change (its refresh, through the session's
``changed`` signal), each graphics view's
paint, and the session's two computations (the example's analysis, the loss surface), by
wrapping those methods; "rest" is the event's time outside them (the mouse event, the
session's bookkeeping, the widgets that are not graphics views, Qt's event loop and
backing store). The wrappers cost a little time of
their own, so the total is somewhat above bench_interaction's median; use this to see
which view to look at, and bench_interaction.py or bench_instructions.py for the figures
a change is judged by. ``--floor`` also times the least a repaint of four panels can
cost here: four bare pyqtgraph plots in one window, each repainting one trivial item; and
the same for four plain QWidget panels painting themselves with QPainter (one bar, then a
K = 3 bar panel's marks), what panels drawn without a QGraphicsView each would cost.
``--hide DOCK`` times each event with that dock shown and hidden, in alternating blocks:
what the dock's view costs in all (its refresh, its paints and Qt's work for them).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from common import (
    DEFAULT_SIZE,
    SCENARIOS,
    WindowDriver,
    add_window_arguments,
    apply_window_arguments,
    settle,
    start_application,
    summary,
    time_events,
)


def measure(
    num_classes: int,
    scenario: str,
    events: int,
    simplex: bool,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> dict[str, float]:
    """Milliseconds per event: ``total``, ``rest``, and one entry per part timed."""
    import pyqtgraph as pg

    from explorer import core, session
    from explorer.ui.view import ExplorerView

    spent: dict[str, float] = defaultdict(float)

    def timed(function, name):
        """``function`` adding its time to ``spent[name]`` (``name(view)`` if callable)."""

        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                key = name(args[0]) if callable(name) else name
                spent[key] += time.perf_counter() - start

        return call

    patches = [
        (
            pg.GraphicsView,
            "paintEvent",
            lambda view: f"paint  {view.objectName() or type(view).__name__}",
        ),
        (ExplorerView, "_on_session_changed", lambda view: f"refresh {type(view).__name__}"),
        (core, "analyze_example", "session: analysis"),
        (session, "compute_surface", "session: loss surface"),
    ]
    originals = [getattr(owner, attribute) for owner, attribute, _ in patches]
    # Patched before the window exists: the session connects the bound methods it finds.
    for (owner, attribute, name), original in zip(patches, originals, strict=True):
        setattr(owner, attribute, timed(original, name))
    try:
        driver = WindowDriver(num_classes, scenario, simplex, size)
        try:
            driver.run(20)  # warm-up
            spent.clear()
            total = sum(driver.run(events))
        finally:
            driver.close()
    finally:
        for (owner, attribute, _), original in zip(patches, originals, strict=True):
            setattr(owner, attribute, original)
    result = {name: seconds * 1e3 / events for name, seconds in spent.items()}
    result["rest"] = total * 1e3 / events - sum(result.values())
    result["total"] = total * 1e3 / events
    return result


DOCKS = ("logits", "target", "probabilities", "gradient", "simplex", "readouts")


def dock_cost(
    num_classes: int,
    scenario: str,
    dock: str,
    events: int,
    simplex: bool,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> tuple[float, float]:
    """Median ms per event with the window's ``dock`` shown, and with it hidden.

    One window, the dock shown and hidden in alternating blocks of events (so that a drift
    in the machine's speed reaches both alike); a hidden view neither renders nor paints,
    so the difference is everything the dock costs an event.
    """
    driver = WindowDriver(num_classes, scenario, simplex, size)
    panel = driver.window.docks[dock]
    shown, hidden = [], []
    try:
        driver.run(20)  # warm-up
        for _ in range(4):
            shown += driver.run(events // 4)
            panel.setVisible(False)
            driver.run(5)  # the layout settles
            hidden += driver.run(events // 4)
            panel.setVisible(True)
            driver.run(5)
    finally:
        driver.close()
    return summary(shown)[0], summary(hidden)[0]


def _time_repaints(widgets: list, change, events: int) -> float:
    """Median ms per event: ``change(event)`` marks the ``widgets`` dirty, Qt repaints them.

    The widgets fill a 1280 x 800 window, two to a row.
    """
    from PySide6.QtWidgets import QGridLayout, QWidget

    app = start_application()
    window = QWidget()
    grid = QGridLayout(window)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // 2, index % 2)
    window.resize(*DEFAULT_SIZE)
    window.show()
    for _ in range(5):
        settle(app)
    counter = iter(range(events))

    def step() -> None:
        change(next(counter))
        settle(app)

    times = time_events(step, events)
    window.close()
    window.deleteLater()
    app.processEvents()
    return summary(times)[0]


def floor(events: int, plots: int = 4) -> float:
    """Median ms to repaint ``plots`` bare pyqtgraph plots, one small item changed in each."""
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF

    class Bar(pg.GraphicsObject):
        def __init__(self):
            super().__init__()
            self.height = 1.0
            self.brush = pg.mkBrush("b")

        def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
            return QRectF(0, 0, 10, 10)

        def paint(self, painter, *args) -> None:
            painter.fillRect(QRectF(1, 0, 2, self.height), self.brush)

    canvases, bars = [], []
    for _ in range(plots):
        plot = pg.PlotWidget()
        bar = Bar()
        plot.addItem(bar)
        plot.setXRange(0, 10)
        plot.setYRange(0, 10)
        plot.getViewBox().setMouseEnabled(False, False)
        plot.getViewBox().disableAutoRange()
        canvases.append(plot)
        bars.append(bar)

    def change(event: int) -> None:
        for bar in bars:
            bar.height = 1 + event % 8
            bar.update()

    return _time_repaints(canvases, change, events)


def plain_floor(events: int, plots: int = 4, marks: bool = False) -> float:
    """Median ms to repaint ``plots`` plain QWidget panels drawn with QPainter, no QGraphicsView.

    Each panel keeps its frame (background, axes, ticks, title) in a pixmap, as a panel
    drawn without pyqtgraph would, and on each event draws one bar over it, or with
    ``marks`` what a K = 3 bar panel changes on a drag: three bars and three value labels.
    This is what the four panels would cost if each were one widget painting itself.
    """
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
    from PySide6.QtWidgets import QWidget

    class Panel(QWidget):
        def __init__(self):
            super().__init__()
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
            self.heights = [0.5, 0.3, 0.2]
            self.frame: QPixmap | None = None
            self.bar = QColor("#4c72b0")
            self.font = QFont()

        def _frame(self) -> QPixmap:
            if self.frame is None or self.frame.size() != self.size():
                self.frame = QPixmap(self.size())
                self.frame.fill(QColor("white"))
                painter = QPainter(self.frame)
                painter.drawText(QPointF(self.width() / 2 - 40, 16), "Probabilities")
                painter.drawLine(40, 24, 40, self.height() - 30)
                painter.drawLine(40, self.height() - 30, self.width() - 10, self.height() - 30)
                for tick in range(5):
                    y = self.height() - 30 - tick * (self.height() - 60) / 4
                    painter.drawLine(QPointF(36, y), QPointF(40, y))
                    painter.drawText(QPointF(10, y + 4), f"{tick / 4:g}")
                painter.end()
            return self.frame

        def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
            painter = QPainter(self)
            painter.drawPixmap(0, 0, self._frame())
            bottom, span = self.height() - 30, self.height() - 60
            shown = self.heights if marks else self.heights[:1]
            painter.setFont(self.font)
            for index, height in enumerate(shown):
                left = 60 + index * 120
                top = bottom - height * span
                painter.fillRect(QRectF(left, top, 70, height * span), self.bar)
                if marks:
                    painter.drawText(QPointF(left + 20, top - 4), f"{height:.3f}")
            painter.end()

    panels = [Panel() for _ in range(plots)]

    def change(event: int) -> None:
        shift = (event % 8) / 40
        for panel in panels:
            panel.heights = [0.5 + shift, 0.3 - shift / 2, 0.2 - shift / 2]
            panel.update()

    return _time_repaints(panels, change, events)


def main() -> None:
    """Print the time of each view's refresh and paint per event, largest first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, nargs="*", default=[3, 10])
    parser.add_argument("--scenarios", nargs="*", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument(
        "--no-simplex", action="store_true", help="switch the K = 3 simplex panel off"
    )
    parser.add_argument("--events", type=int, default=150, help="events per scenario")
    add_window_arguments(parser)
    parser.add_argument(
        "--hide",
        nargs="*",
        choices=DOCKS,
        default=[],
        help="also time each event with this dock shown and hidden (what the dock costs)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time four bare plots, and four plain QWidget panels, repainting",
    )
    arguments = parser.parse_args()
    if arguments.events < 1:
        parser.error("--events must be at least 1")
    apply_window_arguments(parser, arguments)
    size = arguments.size
    for num_classes in arguments.classes:
        for scenario in arguments.scenarios:
            result = measure(
                num_classes, scenario, arguments.events, not arguments.no_simplex, size
            )
            print(f"K = {num_classes} {scenario}: {result.pop('total'):.2f} ms per event")
            rest = result.pop("rest")
            for name, value in sorted(result.items(), key=lambda item: -item[1]):
                if value >= 0.005:
                    print(f"  {name:<32} {value:6.2f} ms")
            print(f"  {'rest':<32} {rest:6.2f} ms", flush=True)
    for num_classes in arguments.classes:
        for scenario in arguments.scenarios:
            for dock in arguments.hide:
                shown, hidden = dock_cost(
                    num_classes, scenario, dock, arguments.events, not arguments.no_simplex, size
                )
                print(
                    f"K = {num_classes} {scenario}: {shown:.2f} ms with the {dock} dock,"
                    f" {hidden:.2f} ms without it: it costs {shown - hidden:.2f} ms",
                    flush=True,
                )
    if arguments.floor:
        print(f"floor: four bare pyqtgraph plots, one item each: {floor(400):.2f} ms (median)")
        print(
            f"floor: four plain QWidget panels, one bar each: {plain_floor(400):.2f} ms;"
            f" three bars and three labels each: {plain_floor(400, marks=True):.2f} ms"
        )


if __name__ == "__main__":
    main()
