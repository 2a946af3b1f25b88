"""The contract every view follows, so new panels (lessons, docks) plug in the same way.

A view is created once with the session, builds its Qt and pyqtgraph items once, and
redraws in :meth:`ExplorerView.refresh` from the session's state and derived numbers. User
edits go through ``_on_<widget>_<thing>_changed`` handlers that create a new state and hand
it to ``session.set_state``; :meth:`refresh` never writes to the state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from ..i18n import translate_error
from ..session import Change, Derived, ExplorerSession
from ..state import ExplorerState, StateError
from .segments_item import SegmentsItem
from .theme import DEFAULT_THEME, Theme, get_theme


class AxisItem(pg.AxisItem):
    """pyqtgraph's axis, answering Qt's bounding-rectangle queries from a kept rectangle.

    Qt asks every axis for its bounds on every repaint of its plot (a few dozen times per
    drag event over the four plots); pyqtgraph works each answer out in Python. The
    rectangle depends only on the axis's geometry and style (and, with a grid, on the
    linked view, which is then asked every time as before).
    """

    def __init__(self, *args, **kwargs):
        self._bounds: QRectF | None = None
        super().__init__(*args, **kwargs)

    def boundingRect(self) -> QRectF:  # noqa: D102, N802 (Qt override)
        if self.grid is not False:
            return super().boundingRect()
        if self._bounds is None:
            self._bounds = super().boundingRect()
        return QRectF(self._bounds)

    def _forget_bounds(self) -> None:
        if self._bounds is not None:
            self.prepareGeometryChange()
            self._bounds = None

    def setStyle(self, **kwargs) -> None:  # noqa: D102, N802 (pyqtgraph override)
        self._forget_bounds()
        super().setStyle(**kwargs)

    def setGrid(self, grid) -> None:  # noqa: D102, N802 (pyqtgraph override)
        self._forget_bounds()
        super().setGrid(grid)

    def resizeEvent(self, event=None) -> None:  # noqa: D102, N802 (Qt override)
        self._bounds = None
        super().resizeEvent(event)

    def moveEvent(self, event) -> None:  # noqa: D102, N802 (Qt override)
        self._bounds = None
        super().moveEvent(event)


def axis_items() -> dict[str, AxisItem]:
    """The shown axes of a new plot, :class:`AxisItem` (``PlotItem(axisItems=...)``).

    Only the left and bottom ones: pyqtgraph shows every axis it is given, and makes the
    hidden top and right ones itself.
    """
    return {name: AxisItem(name) for name in ("left", "bottom")}


def tune_graphics_view(view: pg.GraphicsView) -> None:
    """Settings measured to lower the cost of a repaint (benchmarks/bench_interaction.py).

    Items move on every mouse move, so keeping a BSP index up to date costs more than
    scanning the few dozen items; plain backgrounds need no cached background pixmap (its
    blit goes through Qt's image thread pool). (DontSavePainterState would be faster still,
    but pyqtgraph's colour bar relies on the saved state and disappears.)
    """
    view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    # Every item's bounding rectangle includes what its pen draws (the hand-drawn items pad
    # for it, pyqtgraph's do), so a dirty rectangle needs no extra 2-pixel margin. With it,
    # a bar plot's repaint also touched (and redrew) the axes, title and legend around it.
    view.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
    # Repaint one rectangle around everything that changed, not the exact region: under a
    # clip of several rectangles Qt's raster engine leaves its fast paths (a scaled image
    # is resampled span by span, fills and blits are split over its image thread pool), so
    # the heatmap and colour bar repainted together after a new label took 0.6 ms more.
    view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
    cache_static_items(view)
    skip_empty_paints(view)
    fill_once(view)


def fill_once(view: QGraphicsView) -> None:
    """Let an opaque background brush be the only fill of the view's repainted area.

    A scroll area's viewport fills what it repaints with the palette's Base colour, and
    the view then fills the same rectangle with its background brush: two passes over
    every repainted pixel (2-4 % of a drag, bench_interaction.py). With an opaque brush
    the first is skipped; a translucent one (or none) keeps it. Call again after the
    background changes.
    """
    opaque = view.backgroundBrush().isOpaque()
    viewport = view.viewport()
    viewport.setAutoFillBackground(not opaque)
    viewport.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)


#: pyqtgraph's layout items, which draw nothing themselves (their children draw).
_CONTENTLESS_TYPES = (pg.PlotItem, pg.LabelItem)


def skip_empty_paints(view: QGraphicsView) -> None:
    """Flag the items that draw nothing (layouts, borderless view boxes) as such.

    Qt asks every item it may paint for its bounding rectangle, twice per repaint, and
    pyqtgraph answers in Python; an item flagged ``ItemHasNoContents`` is neither asked
    nor painted (its children still are). Call again after a restyle.
    """
    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    for item in view.scene().items():
        if isinstance(item, _CONTENTLESS_TYPES):
            item.setFlag(no_contents)
        elif isinstance(item, pg.ViewBox):  # it draws its border, if it has one
            item.setFlag(no_contents, item.border.style() == Qt.PenStyle.NoPen)


#: Items that change only with the theme, the names or the ranges (not on a drag) and
#: whose text layout would otherwise be redone on every repaint that touches them.
_STATIC_ITEM_TYPES = (pg.AxisItem, pg.LegendItem, pg.LabelItem)


def cache_static_items(view: QGraphicsView, also: Iterable[QGraphicsItem] = ()) -> None:
    """Draw axes, titles and legends (and everything inside them) from pixmap caches.

    Axes lie under every repaint of the plot (their tick marks reach into it) and the
    legend floats over the bars: drawn from a pixmap, they cost no Python paint or text
    layout per frame. ``also`` are more items of ``view`` to cache (a view's marks that
    change less often than what moves over them). Call again after a restyle creates new
    legend entries.
    """

    def cache(item: QGraphicsItem) -> None:
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for child in item.childItems():
            cache(child)

    for item in view.scene().items():
        if isinstance(item, _STATIC_ITEM_TYPES):
            cache(item)
    scene = view.scene()
    for item in also:
        if item.scene() is scene:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


@contextmanager
def items_uncached(widget: QWidget) -> Iterator[None]:
    """Paint every graphics item of ``widget`` directly while the block runs.

    Cached items (the axes, see :func:`tune_graphics_view`) are otherwise drawn as pixmaps,
    which a vector export (SVG, PDF) would embed as images instead of text and lines; and
    growing items (the descent path) would draw from a layer of the export's size, at its
    scale, for one render.
    """
    restore = []
    growing = []
    for view in widget.findChildren(QGraphicsView):
        for item in view.scene().items():
            if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
                restore.append((item, item.cacheMode()))
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            if isinstance(item, SegmentsItem) and item.growing:
                growing.append(item)
                item.growing = False
    try:
        yield
    finally:
        for item, mode in restore:
            item.setCacheMode(mode)
        for item in growing:
            item.growing = True


def appended_trail_points(change: Change | None, shown: int, total: int) -> int:
    """How many points a view may append to the trail it shows: 0 to draw it anew.

    ``shown`` points of the trail were drawn by the last render, ``total`` it has now.
    Only a descent step's change adds to an unchanged trail (``Change.trail_appended``),
    and only onto the same points, projected the same way, and at least a segment of them.
    """
    if change is None or "surface_axes" in change.fields:
        return 0
    appended = change.trail_appended
    return appended if appended and shown >= 2 and shown + appended == total else 0


def classes_changed(change: Change | None) -> bool:
    """Whether ``change`` may have changed the classes' number or names (None: redraw all).

    What decides the class ticks, the class choosers and the per-class rows.
    """
    return change is None or change.num_classes or "class_names" in change.fields


#: Width of a class's bar in the per-class bar plots (classes are 1 apart).
BAR_WIDTH = 0.62


class ExplorerView(QWidget):
    """Base class of the explorer's views: a widget bound to one session.

    Signals
    -------
    invalidInput(str)
        An edit was refused; the message says why (the state is unchanged).
    """

    invalidInput = Signal(str)

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        #: The colours: a preference of the window (or a figure's choice), not of the
        #: state; :meth:`set_theme` changes it.
        self.theme: Theme = get_theme(DEFAULT_THEME)
        self.font_scale = 1.0
        self.figure_mode = False
        #: Widgets that are interface, not figure: hidden in exported figures.
        self.chrome: list[QWidget] = []
        # An opaque panel paints its own background: a changed number or bar inside it
        # then repaints only the panel, not the dock and window behind it as well.
        self.setAutoFillBackground(True)
        #: The view's pyqtgraph canvases (found and tuned by :meth:`attach`).
        self._graphics_views: list[pg.GraphicsView] = []

    def attach(self) -> None:
        """Connect to the session and draw the current state (call at the end of __init__)."""
        self._graphics_views = self.findChildren(pg.GraphicsView)
        self._tune_graphics_views()
        self.session.changed.connect(self._on_session_changed)
        self.refresh(self.session.state, self.session.derived, None)

    def restyle(self) -> None:
        """Apply the theme and font scale again (:meth:`apply_theme`) and re-cache labels."""
        self.apply_theme()
        self._tune_graphics_views()

    def _tune_graphics_views(self) -> None:
        """Tune every canvas (:func:`tune_graphics_view`), with this view's static items.

        Again after a restyle: it creates legend entries, borders and backgrounds anew.
        """
        for view in self._graphics_views:
            tune_graphics_view(view)
            cache_static_items(view, self.static_items())

    def static_items(self) -> tuple[QGraphicsItem, ...]:
        """Items drawn from a pixmap cache (besides axes, titles and legends).

        For marks that change far less often than the marks moving over them: a repaint
        around a moving point then blits them instead of drawing them again.
        """
        return ()

    #: State fields this view draws; None means all. A change touching none of them (and
    #: not K) skips :meth:`refresh`: a logit drag leaves the target panel alone.
    watched_fields: frozenset[str] | None = None

    def _on_session_changed(self, change: Change) -> None:
        if (
            self.watched_fields is not None
            and not change.num_classes
            and not change.fields & self.watched_fields
        ):
            return
        if not self.isVisible():  # a closed dock or hidden panel catches up when shown
            self._stale = True
            return
        self.refresh(self.session.state, self.session.derived, change)
        self.apply_ranges()

    def apply_ranges(self) -> None:
        """Move the plots' contents to their new ranges now, before Qt paints them.

        pyqtgraph applies a range change only when the view is about to paint, which makes
        the plot dirty again in the middle of the paint and costs the window a second
        paint pass; done here, right after a render, it is part of the first.
        """
        for view in self._graphics_views:
            view.scene().prepareForPaint()

    def showEvent(self, event):  # noqa: D102 (Qt override)
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh(self.session.state, self.session.derived, None)

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw from ``state`` and ``derived``; ``change`` is None for a full redraw."""
        raise NotImplementedError

    def apply_theme(self) -> None:
        """Restyle items after a theme or font-scale change (the next render follows)."""

    def set_theme(self, theme: Theme | str) -> None:
        """Draw in ``theme`` (a :class:`Theme` or its name) from now on."""
        theme = get_theme(theme) if isinstance(theme, str) else theme
        if theme == self.theme:
            return
        self.theme = theme
        self.restyle()
        self.refresh(self.session.state, self.session.derived, None)

    def set_font_scale(self, scale: float) -> None:
        """Scale every text of the view (presentation mode, projector use)."""
        self.font_scale = scale
        self.restyle()
        self.refresh(self.session.state, self.session.derived, None)

    def submit(self, make_state) -> None:
        """Hand the state built by ``make_state()`` to the session, or report why not.

        Only handlers call this. A refused edit (``StateError``) is reported through
        ``invalidInput`` and the widgets are re-synced from the unchanged state.
        """
        try:
            state = make_state()
        except StateError as error:
            self.invalidInput.emit(translate_error(error))
            self.resync()
            return
        self.session.set_state(state)

    def resync(self) -> None:
        """Show the current state again after a refused edit."""
        self.refresh(self.session.state, self.session.derived, None)

    def set_figure_mode(self, enabled: bool) -> None:
        """Hide the controls (and any other interface chrome) to draw a clean figure."""
        self.figure_mode = enabled
        for widget in self.chrome:
            widget.setVisible(not enabled)
        self.refresh(self.session.state, self.session.derived, None)

    def class_ticks(self, state: ExplorerState) -> list[tuple[int, str]]:
        """Bottom-axis ticks of a per-class bar plot: names for few classes, else indices."""
        count = state.num_classes
        step = 1 if count <= 12 else max(1, count // 10)
        return [
            (i, self.class_name(state, i) if count <= 8 else str(i)) for i in range(0, count, step)
        ]

    def class_name(self, state: ExplorerState, index: int) -> str:
        """The display name of class ``index``: the user's name or a translated default."""
        name = state.class_names[index]
        return name or self.tr("class {index}").format(index=index)
