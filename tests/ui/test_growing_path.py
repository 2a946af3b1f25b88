"""Growing segments (the descent path): on screen only what was appended is drawn.

Every check compares against the same data drawn the ordinary way (``growing=False``),
which draws all primitives in one call: compositing a kept layer may differ from that by a
rounding step in a few antialiased pixels, never by more.
"""

import itertools
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPicture
from PySide6.QtWidgets import QApplication, QWidget

from explorer.core.simplex import simplex_to_xy
from explorer.state import ExplorerState
from explorer.ui.export import render_image
from explorer.ui.segments_item import SegmentsItem

#: Largest difference per channel that compositing a layer may make (8-bit rounding).
ROUNDING = 2


def _array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, : image.width()].astype(int)


def _pixels(widget) -> np.ndarray:
    """``widget`` rendered afresh (every item painted whole)."""
    return _array(widget.grab().toImage())


def _on_screen(widget) -> np.ndarray:
    """What the screen shows of ``widget`` now: its window's backing store, as painted.

    Unlike a fresh render, this keeps whatever earlier partial repaints left behind.
    """
    window = widget.window()
    store = QImage(window.backingStore().paintDevice())
    ratio = store.devicePixelRatio()
    corner = widget.mapTo(window, QPoint(0, 0))
    area = QRect(
        round(corner.x() * ratio),
        round(corner.y() * ratio),
        round(widget.width() * ratio),
        round(widget.height() * ratio),
    )
    return _array(store.copy(area))


def _settle() -> None:
    for _ in range(2):
        QApplication.processEvents()


class _Twins:
    """Two identical plots, one drawing growing items and one drawing them plainly."""

    def __init__(self, qtbot, dots: bool):
        self.widgets, self.items = [], []
        for growing in (True, False):
            widget = pg.PlotWidget(background="w")
            qtbot.addWidget(widget)
            widget.setXRange(-1, 11, padding=0)
            widget.setYRange(-2, 2, padding=0)
            widget.resize(320, 220)
            widget.show()
            item = SegmentsItem(pg.mkPen("#c04000", width=6 if dots else 2.5), dots=dots)
            item.growing = growing
            widget.addItem(item)
            self.widgets.append(widget)
            self.items.append(item)
        for widget in self.widgets:  # the layout settles: the views' transforms are final
            qtbot.waitExposed(widget)
        _settle()

    def show(self, points: np.ndarray) -> None:
        for item in self.items:
            if item.dots:
                item.set_data(points)
            else:
                item.set_polyline(points)
        _settle()

    def difference(self) -> int:
        """How far the grown plot differs from the plain one: on screen, and rendered."""
        grown, plain = (_on_screen(widget) for widget in self.widgets)
        rendered, plain_rendered = (_pixels(widget) for widget in self.widgets)
        return max(int(np.abs(grown - plain).max()), int(np.abs(rendered - plain_rendered).max()))


def _record_draws(item: SegmentsItem) -> list[tuple[int, int]]:
    """Record each draw of ``item``: (first primitive drawn, primitives held then)."""
    draws = []
    draw = item._draw
    item._draw = lambda painter, option=None, first=0: (
        draws.append((first, item._count)),
        draw(painter, option, first),
    )[1]
    return draws


def _walk(count: int, seed: int = 0) -> np.ndarray:
    """A path like a descent's: small steps with some wiggle, from x = 0 towards x = 10."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 10, count)
    return np.column_stack([x, np.cumsum(rng.normal(0, 0.15, count))])


@pytest.mark.parametrize("dots", [False, True])
def test_appending_draws_only_the_new_primitives_and_matches_a_full_draw(qtbot, dots):
    twins = _Twins(qtbot, dots)
    grown = twins.items[0]
    draws = _record_draws(grown)  # each draw into the layer
    path = _walk(40)
    for count in range(2, 41):
        twins.show(path[:count])  # painted now, a step at a time
    # The first draw was of everything; each later one began where the last one ended
    # (one new segment or dot a step, or more if the platform merged paints).
    assert len(draws) > 10 and draws[0][0] == 0
    for (_, held), (first, _) in itertools.pairwise(draws):
        assert first == held
    assert draws[-1][1] == (40 if dots else 39)
    assert twins.difference() <= ROUNDING


@pytest.mark.parametrize("dots", [False, True])
def test_extending_holds_and_bounds_what_setting_the_whole_would(qtbot, dots):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    extended, whole = SegmentsItem(dots=dots), SegmentsItem(dots=dots)
    for item in (extended, whole):
        widget.addItem(item)
    path = _walk(300, seed=3)
    rows = path if dots else np.concatenate([path[:-1], path[1:]], axis=1)
    rows = rows.copy()
    rows[57] = np.nan  # dropped, as by set_data
    extended.set_data(rows[:2])
    # One row at a time (the buffer grows under it several times), then several at once.
    for index in range(2, 250):
        extended.extend(rows[index : index + 1])
    extended.extend(rows[250:])
    extended.extend(rows[:0])  # nothing
    whole.set_data(rows)
    np.testing.assert_array_equal(extended.data(), whole.data())
    assert len(extended.data()) == len(rows) - 1
    assert extended.boundingRect() == whole.boundingRect()
    # Extending an empty item is setting its data.
    fresh = SegmentsItem(dots=dots)
    widget.addItem(fresh)
    fresh.extend(rows[:5])
    np.testing.assert_array_equal(fresh.data(), whole.data()[:5])


def test_descent_steps_extend_the_paths_by_their_new_point(window, monkeypatch):
    from explorer import session as session_module

    # A short trail limit: the run below also loses the trail's oldest points twice.
    monkeypatch.setattr(session_module, "TRAIL_LIMIT", 12)
    monkeypatch.setattr(session_module, "TRAIL_TRIM", 3)
    state = ExplorerState(logits=(-2.0, 1.0, 3.0), label=0, surface_axes=(0, 1))
    window.set_state(replace(state, learning_rate=0.3))
    step = [0]
    whole = set()  # the steps at which a path item was given its whole data
    for item in _path_items(window):
        for name in ("set_data", "set_polyline"):
            method = getattr(item, name)
            setattr(
                item,
                name,
                lambda *args, _method=method, **kwargs: (
                    whole.add(step[0]),
                    _method(*args, **kwargs),
                )[1],
            )
    appended = []
    for step[0] in range(1, 19):
        appended.append(window.session.step().trail_appended)
        _settle()
    # Trail lengths 2, 3, ..., 12, then 9 (the oldest trimmed), ..., 12, 9, 10, 11.
    assert [i + 1 for i, count in enumerate(appended) if count == 0] == [12, 16]
    # Whole at the path's first segment and after each trim; otherwise a step's segment
    # and dot were added to those shown.
    assert whole == {1, 12, 16}
    surface, simplex = window.surface_view, window.simplex_view
    points = window.session.derived.trail[:, [0, 1]]
    assert len(points) == 11
    np.testing.assert_array_equal(surface.path_dots.data(), points)
    np.testing.assert_array_equal(surface.path.data(), np.stack([points[:-1], points[1:]], 1))
    corners = simplex_to_xy(window.session.derived.trail_probabilities)
    for item in (simplex.path_dots, simplex.path_dot_outlines):
        np.testing.assert_allclose(item.data(), corners, rtol=0, atol=1e-15)
    np.testing.assert_allclose(
        simplex.path_item.data(), np.stack([corners[:-1], corners[1:]], 1), rtol=0, atol=1e-15
    )


@pytest.mark.parametrize("dots", [False, True])
def test_any_other_change_draws_the_layer_again(qtbot, dots):
    twins = _Twins(qtbot, dots)
    path = _walk(30)
    for count in (10, 20, 30):
        twins.show(path[:count])
    # A different path (a new trail): nothing of the old one may stay on screen.
    other = _walk(12, seed=1) * [1, -1] + [0, 0.5]
    twins.show(other)
    assert twins.difference() <= ROUNDING
    # Shorter, then the same points again: neither is an extension of what was drawn.
    twins.show(other[:5])
    assert twins.difference() <= ROUNDING
    twins.show(other)
    assert twins.difference() <= ROUNDING
    # A new pen (a theme), a new size (another transform), a new view range.
    for item in twins.items:
        item.setPen(pg.mkPen("#2040ff", width=4))
    _settle()
    assert twins.difference() <= ROUNDING
    for widget in twins.widgets:
        widget.resize(400, 260)
    _settle()
    assert twins.difference() <= ROUNDING
    for widget in twins.widgets:
        widget.setXRange(-3, 8, padding=0)
    _settle()
    assert twins.difference() <= ROUNDING
    grown, plain = (_pixels(widget) for widget in twins.widgets)
    assert (np.abs(grown - 255).max(axis=2) > 100).sum() > 50  # and something is drawn


def test_a_layer_is_clipped_like_the_items_it_stands_for(qtbot):
    twins = _Twins(qtbot, dots=False)
    path = _walk(30) * [2, 8]  # far outside the view box in x and y
    for count in range(2, 31, 4):
        twins.show(path[:count])
    assert twins.difference() <= ROUNDING


def test_off_screen_and_translucent_painting_draw_every_primitive(qtbot):
    twins = _Twins(qtbot, dots=False)
    grown = twins.items[0]
    twins.show(_walk(20))
    draws = _record_draws(grown)
    picture = QPicture()  # a vector device, as SVG and PDF exports are
    painter = QPainter(picture)
    grown.paint(painter, None)
    painter.end()
    assert draws == [(0, 19)]
    assert grown._layer.drawn == 19  # the screen's layer is left as it was
    images = []
    for widget in twins.widgets:  # the scene rendered into an image
        image = QImage(QSize(320, 220), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        widget.render(painter)
        painter.end()
        images.append(np.frombuffer(image.constBits(), np.uint8).astype(int))
    assert np.abs(images[0] - images[1]).max() <= ROUNDING
    grown.setOpacity(0.5)  # a layer composited at 0.5 would differ where strokes overlap
    for item in twins.items[1:]:
        item.setOpacity(0.5)
    draws.clear()
    _settle()
    assert draws and {first for first, _ in draws} == {0}
    assert twins.difference() == 0


def _path_items(window):
    surface, simplex = window.surface_view, window.simplex_view
    return [
        surface.path,
        surface.path_dots,
        simplex.path_item,
        simplex.path_dot_outlines,
        simplex.path_dots,
    ]


def _canvases(window):
    canvas_type = type(window.surface_view.graphics)
    return [window.surface_view.graphics, window.findChild(canvas_type, "simplexCanvas")]


@pytest.mark.parametrize("theme_midway", [False, True])
def test_a_descent_in_the_window_looks_as_if_drawn_whole(window, theme_midway):
    state = ExplorerState(logits=(-2.0, 1.0, 3.0), label=0, surface_axes=(0, 1))
    window.set_state(replace(state, learning_rate=0.4))
    assert all(item.growing for item in _path_items(window))
    for step in range(30):
        window.surface_view._on_play_timer_timeout()
        _settle()  # painted step by step, as on screen
        if theme_midway and step == 14:
            window.set_theme("dark")
            _settle()
    assert len(window.session.derived.trail) == 31
    # What the step-by-step repaints left on screen, against the canvases repainted whole
    # with every path item drawing everything.
    grown = [_on_screen(canvas) for canvas in _canvases(window)]
    for item in _path_items(window):
        item.growing = False
    for canvas in _canvases(window):
        canvas.viewport().update()
    _settle()
    for before, canvas in zip(grown, _canvases(window), strict=True):
        assert np.abs(before - _on_screen(canvas)).max() <= ROUNDING


def test_the_layer_has_the_screen_s_size_and_pixel_ratio(qtbot):
    twins = _Twins(qtbot, dots=True)
    twins.show(_walk(10))
    layer = twins.items[0]._layer
    viewport = twins.widgets[0].viewport()
    ratio = viewport.devicePixelRatioF()
    assert layer.image.size() == QSize(
        round(viewport.width() * ratio), round(viewport.height() * ratio)
    )
    assert layer.image.devicePixelRatio() == ratio


@pytest.mark.parametrize("scale", [0.5, 1.0, 1.5, 2.0])
def test_widget_renders_and_exports_at_any_scale_match_a_full_draw(qtbot, scale):
    twins = _Twins(qtbot, dots=False)
    hosts = []
    for widget in twins.widgets:  # in a plain widget, as the figures' views are
        host = QWidget()
        qtbot.addWidget(host)
        widget.setParent(host)
        widget.move(7, 5)  # off the host's corner: at 1.5, on half device pixels
        host.resize(340, 240)
        host.show()
        hosts.append(host)
    _settle()
    path = _walk(30)
    for count in range(2, 31, 3):
        twins.show(path[:count])  # the screen's layer is in use
    grown = twins.items[0]
    screen_layer = grown._layer
    # The PNG export and Copy figure: QWidget.render through the viewport, which draws the
    # path directly (no layer at the export's size and scale for one render).
    exported = [_array(render_image(host, (340, 240), scale)) for host in hosts]
    assert np.abs(exported[0] - exported[1]).max() <= ROUNDING
    assert grown.growing and grown._layer is screen_layer and screen_layer.drawn
    # As it is, a fraction of a pixel off the grid, and scaled by the painter.
    for shift, zoom in ((0.0, 1.0), (0.5, 1.0), (0.0, 0.75)):
        rendered = []
        for host in hosts:  # other renders: through the layer where it lands on whole pixels
            image = QImage(round(340 * scale), round(240 * scale), QImage.Format.Format_ARGB32)
            image.setDevicePixelRatio(scale)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.translate(shift, shift / 2)
            painter.scale(zoom, zoom)
            host.render(painter, QPoint(0, 0))
            painter.end()
            rendered.append(_array(image))
        assert np.abs(rendered[0] - rendered[1]).max() <= ROUNDING


def test_an_emptied_path_gives_its_layer_up(qtbot):
    twins = _Twins(qtbot, dots=True)
    twins.show(_walk(10))
    assert twins.items[0]._layer is not None
    twins.show(np.zeros((0, 2)))
    assert twins.items[0]._layer is None
    twins.show(_walk(5))
    assert twins.difference() <= ROUNDING


#: Run in a process of its own: Qt's scale factor is read when the application starts.
_SCALED_SCREEN = """
import numpy as np, pyqtgraph as pg
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from explorer.ui.segments_item import SegmentsItem
hosts, paths, movers = [], [], []
for growing in (True, False):
    host = QWidget()
    plot = pg.PlotWidget(host, background="w")
    plot.move({x}, {y})  # (7, 5) at 1.5: on half device pixels; (8, 6): on whole ones
    plot.resize(320, 220)
    plot.setXRange(-1, 11, padding=0)
    plot.setYRange(-2, 2, padding=0)
    host.resize(340, 240)
    host.show()
    path = SegmentsItem(pg.mkPen("#c04000", width=2.5), dots={dots})
    path.growing = growing
    mover = SegmentsItem(pg.mkPen("#0000ff", width=8), dots=True)
    plot.addItem(path)
    plot.addItem(mover)
    hosts.append(host)
    paths.append(path)
    movers.append(mover)
for _ in range(5):
    app.processEvents()
rng = np.random.default_rng(0)
points = np.column_stack([np.linspace(0, 10, 40), np.cumsum(rng.normal(0, 0.15, 40))])
def store(host):
    image = QImage(host.backingStore().paintDevice()).convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, : image.width()].astype(int)
worst = 0
for count in range(2, 41):
    for path in paths:
        path.set_data(points[:count]) if path.dots else path.set_polyline(points[:count])
    for step in range(2):  # small repaints around a moving dot, over the path
        for mover in movers:
            mover.set_data(points[count - 1 - step][None, :] + 0.05)
        for _ in range(2):
            app.processEvents()
    worst = max(worst, int(np.abs(store(hosts[0]) - store(hosts[1])).max()))
print(hosts[0].devicePixelRatioF(), worst)
"""


@pytest.mark.parametrize("place", [(7, 5), (8, 6)])
@pytest.mark.parametrize("dots", [False, True])
@pytest.mark.parametrize("factor", ["1.25", "1.5", "2"])
def test_on_screen_at_fractional_and_double_pixel_ratios(factor, dots, place):
    environment = {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": factor}
    script = _SCALED_SCREEN.format(dots=dots, x=place[0], y=place[1])
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, **environment},
    )
    assert result.returncode == 0, result.stderr
    ratio, worst = result.stdout.split()
    assert float(ratio) == float(factor)
    assert int(worst) <= ROUNDING
