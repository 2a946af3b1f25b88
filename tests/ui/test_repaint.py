"""Partial repaints: what the window shows after a change equals a full repaint of it.

The views repaint only what changed (dirty rectangles without antialiasing margins, cached
axes and legends, one paint pass for all plots). An item drawing outside its bounding
rectangle, or a cache not refreshed, would leave trails or stale pixels on screen; these
tests read the offscreen backing store, which holds exactly what the user sees.
"""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem, QWidget

from explorer.state import ExplorerState, default_logits
from explorer.ui.theme import get_theme

from .mouse import drag, view_to_viewport

#: Largest channel difference allowed between a partial and a full repaint: clipped
#: gradients and image blits may round a level or two differently; a trail differs by far
#: more (a stale marker, arrow or label is tens to hundreds of levels off).
TOLERANCE = 6


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _on_screen(window) -> np.ndarray:
    """The window's backing store: what the screen shows, not a fresh render."""
    image = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    return pixels.reshape(image.height(), image.bytesPerLine())[:, : 4 * image.width()].copy()


def _assert_matches_full_repaint(window, what: str) -> None:
    _settle()
    partial = _on_screen(window)
    for widget in window.findChildren(QWidget):
        widget.update()
    window.repaint()
    _settle()
    full = _on_screen(window)
    difference = np.abs(partial.astype(int) - full.astype(int))
    rows, columns = np.nonzero(difference > TOLERANCE)
    assert rows.size == 0, (
        f"after {what}: {rows.size} stale pixels, rows {rows.min()}-{rows.max()}, "
        f"columns {columns.min() // 4}-{columns.max() // 4}"
    )


def _drag_logit(window, index: int, pixels: int) -> None:
    editor = window.logit_editor
    start = view_to_viewport(editor.plot_widget, editor.view_box, index, window.state.logits[index])
    drag(editor.plot_widget, start, start + QPoint(0, -pixels), steps=12)


@pytest.mark.parametrize("num_classes", [3, 10])
def test_partial_repaints_leave_no_trails(window, num_classes):
    window.set_state(
        ExplorerState(logits=default_logits(num_classes), label=0, surface_axes=(0, 1))
    )
    window.resize(1280, 800)
    _settle()
    _assert_matches_full_repaint(window, "a new K")
    _drag_logit(window, 0, 90)  # a surface-axis logit: point and arrow move
    _assert_matches_full_repaint(window, "dragging a surface-axis logit up")
    _drag_logit(window, 0, -140)
    _assert_matches_full_repaint(window, "dragging it back down")
    _drag_logit(window, 2, 70)  # another logit: the surface is recomputed
    _assert_matches_full_repaint(window, "dragging another logit")
    window.target_chooser.label_combo.setCurrentIndex(1)
    _assert_matches_full_repaint(window, "choosing another label")
    for _ in range(12):
        window.surface_view._on_play_timer_timeout()
        _settle()
    _assert_matches_full_repaint(window, "descent steps")
    # A new scale: items that pad their bounds by pixels must follow it.
    window.set_state(replace(window.state, surface_range=(-3.0, 3.0, -3.0, 3.0)))
    _assert_matches_full_repaint(window, "zooming the surface in")
    _drag_logit(window, 1, 40)
    _assert_matches_full_repaint(window, "dragging after the zoom")


@pytest.mark.parametrize(
    "change",
    [
        {"logits": (15.0, -12.0, 0.1)},  # wider tick labels: the logit axis resizes
        {"temperature": 0.05},  # a gradient twenty times larger
        {"surface_range": (-40.0, 40.0, -40.0, 40.0)},
    ],
)
def test_changes_that_resize_an_axis_leave_no_torn_frame(window, change):
    """The plots are drawn at their new layout by the time the events settle."""
    _settle()
    window.set_state(replace(window.state, **change))
    _assert_matches_full_repaint(window, f"setting {change}")


def test_a_font_scale_change_leaves_no_stale_labels(window):
    """The colour bar's wider labels are drawn before its layout widens it: kept inside."""
    window.resize(1280, 800)
    _settle()
    for scale in (1.25, 1.0, 1.25, 1.0):
        window.set_font_scale(scale)
        _assert_matches_full_repaint(window, f"font scale {scale}")


def test_legends_and_titles_stay_cached_after_a_restyle(window):
    plot = window.probability_plot
    window.set_theme("dark")  # recreates legend rows
    legend_rows = plot.legend.childItems()
    assert legend_rows
    for item in [plot.legend, *legend_rows, plot.plot.titleLabel]:
        assert item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    _assert_matches_full_repaint(window, "a theme change")
    # What the screen shows of the cached legend and title is in the new theme's colours.
    shown = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    canvas = plot.plot_widget
    for item in (plot.legend, plot.plot.titleLabel):
        rect = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
        corner = canvas.mapTo(window, rect.topLeft())
        colours = {
            shown.pixelColor(corner.x() + dx, corner.y() + dy).name()
            for dx in range(0, rect.width(), 3)
            for dy in range(0, rect.height(), 3)
        }
        dark = get_theme("dark")
        assert dark.foreground.lower() in colours or dark.background.lower() in colours
        assert "#ffffff" not in colours  # nothing left of the light theme's background


def test_items_that_draw_nothing_are_skipped_and_a_bordered_view_box_is_not(window):
    """Layout items and borderless view boxes are flagged ItemHasNoContents (Qt neither
    asks them for bounds nor paints them); a view box given a border is drawn again."""
    import pyqtgraph as pg

    from explorer.ui.view import skip_empty_paints

    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    canvas = window.probability_plot.plot_widget
    plot = window.probability_plot.plot
    for item in (plot, plot.titleLabel, plot.getViewBox()):
        assert item.flags() & no_contents, type(item).__name__
    # Whatever draws is still drawn: axes, legend, the bars.
    for item in (plot.getAxis("left"), plot.legend, window.probability_plot.chart):
        assert not item.flags() & no_contents, type(item).__name__
    view_box = plot.getViewBox()
    view_box.setBorder(pg.mkPen("#ff0000", width=3))
    skip_empty_paints(canvas)
    assert not view_box.flags() & no_contents
    _settle()
    image = canvas.grab().toImage()
    corner = canvas.mapFromScene(view_box.sceneBoundingRect().topLeft())
    assert image.pixelColor(corner.x() + 1, corner.y() + 20).name() == "#ff0000"


def test_the_simplex_image_contours_and_triangle_are_blitted_and_follow_the_target(window):
    """They change with the target only: a moving point repaints them from pixmap caches,
    which a new target, theme or size must refresh (compared with a render of them without
    caches, inside the triangle's box)."""
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=0))
    window.resize(1280, 800)
    _settle()
    simplex = window.simplex_view
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert all(item.cacheMode() == cached for item in simplex.static_items())

    def triangle_box() -> np.ndarray:
        image = simplex.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        box = simplex.canvas.mapFromScene(simplex.viewbox.sceneBoundingRect()).boundingRect()
        box = box.translated(simplex.canvas.mapTo(simplex, QPoint(0, 0)))
        pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
        pixels = pixels.reshape(image.height(), image.bytesPerLine())
        return pixels[box.top() : box.bottom(), 4 * box.left() : 4 * box.right()].astype(int)

    for what, change in (
        ("a new label", lambda: window.target_chooser.label_combo.setCurrentIndex(2)),
        ("a theme", lambda: window.set_theme("dark")),
        ("a size", lambda: window.resize(1100, 700)),
        ("a temperature", lambda: window.set_state(replace(window.state, temperature=3.0))),
    ):
        change()
        _assert_matches_full_repaint(window, what)
        shown = triangle_box()
        for item in simplex.static_items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        drawn = triangle_box()
        for item in simplex.static_items():
            item.setCacheMode(cached)
        assert shown.shape == drawn.shape
        assert np.abs(shown - drawn).max() <= TOLERANCE, what


def test_a_change_is_painted_in_one_pass_once_every_plot_has_processed_it(window):
    """Each graphics scene sends its window's update request as soon as it has processed
    its items; the window holds them, so the plots are painted together, once each."""
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QObject

    window.set_state(ExplorerState(logits=default_logits(3), label=0, surface_axes=(0, 1)))
    window.resize(1280, 800)
    _settle()
    views = window.findChildren(pg.GraphicsView)
    assert len(views) == 5
    canvases = {view.viewport(): view.objectName() for view in views}
    scenes = {view.scene() for view in views}
    log: list[str] = []

    class Recorder(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.MetaCall and watched in scenes:
                log.append("scene")
            elif event.type() == QEvent.Type.Paint and watched in canvases:
                log.append(canvases[watched])
            return False

    recorder = Recorder()
    QApplication.instance().installEventFilter(recorder)
    try:
        # Another logit: the surface is recomputed, every plot changes.
        window.set_state(window.state.with_logit(2, 1.5))
        _settle()
    finally:
        QApplication.instance().removeEventFilter(recorder)
    # Every scene processes its items, then the five plots are painted one after the other
    # (whatever a scene queues while being painted comes after).
    assert log[: len(views)] == ["scene"] * len(views), log
    painted = log[len(views) : 2 * len(views)]
    assert sorted(painted) == sorted(canvases.values()), log
    assert set(log[2 * len(views) :]) <= {"scene"}, log  # and none painted twice
    _assert_matches_full_repaint(window, "a change painted in one pass")


def test_a_floating_plot_shows_every_change(window):
    """A floating dock is a window of its own: its plot's requests are held and sent too."""
    window.set_state(ExplorerState(logits=default_logits(3), label=0, surface_axes=(0, 1)))
    dock = window.docks["probabilities"]
    dock.setFloating(True)
    dock.resize(420, 300)
    dock.show()
    _settle()
    before = _on_screen(dock)
    window.set_state(window.state.with_logit(0, -2.0))  # the first bar drops a lot
    _settle()
    shown = _on_screen(dock)
    assert np.abs(shown.astype(int) - before.astype(int)).max() > 100
    for widget in dock.findChildren(QWidget):
        widget.update()
    dock.repaint()
    _settle()
    full = _on_screen(dock)
    assert np.abs(full.astype(int) - shown.astype(int)).max() <= TOLERANCE


def test_the_plots_fill_their_background_once_and_only_with_an_opaque_brush(window):
    """An opaque background brush is the viewport's only fill (no Base-colour pass under
    it), in either theme; a translucent brush gets the viewport's own fill back."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    from explorer.ui.view import fill_once

    opaque = Qt.WidgetAttribute.WA_OpaquePaintEvent
    for theme in ("dark", "light"):
        window.set_theme(theme)
        canvases = window.findChildren(pg.GraphicsView)
        assert len(canvases) >= 4
        for canvas in canvases:
            viewport = canvas.viewport()
            assert viewport.testAttribute(opaque), canvas.objectName()
            assert not viewport.autoFillBackground(), canvas.objectName()
        _assert_matches_full_repaint(window, f"the {theme} theme")
    canvas = window.probability_plot.plot_widget
    canvas.setBackground((255, 255, 255, 100))
    fill_once(canvas)
    assert canvas.viewport().autoFillBackground()
    assert not canvas.viewport().testAttribute(opaque)
