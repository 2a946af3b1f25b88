"""The hand-drawn plot items: chart layers and the indexed heatmap."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPicture

from explorer.ui.chart_item import BarLayer, ChartItem, LabelLayer, MarkerLayer
from explorer.ui.heatmap_item import HeatmapItem, colour_indices


def _render(plot_widget, size=(300, 200)) -> QImage:
    plot_widget.resize(*size)
    plot_widget.show()
    pg.QtWidgets.QApplication.processEvents()
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    plot_widget.render(painter)
    painter.end()
    return image


def _pixel(image: QImage, plot_widget, x: float, y: float) -> QColor:
    view_box = plot_widget.getPlotItem().vb
    point = plot_widget.mapFromScene(view_box.mapViewToScene(pg.Point(x, y)))
    return image.pixelColor(point.x(), point.y())


@pytest.fixture
def plot_widget(qtbot):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    widget.setXRange(-0.5, 2.5, padding=0)
    widget.setYRange(-1, 1, padding=0)
    return widget


def test_bars_fill_up_and_down_from_zero_and_markers_sit_on_points(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    bars = chart.add(BarLayer(0.5))
    bars.set_bars(np.arange(3), [0.8, -0.6, 0.0], brushes=[pg.mkBrush("#0000ff")] * 3)
    markers = chart.add(MarkerLayer("s", 10))
    markers.set_points([2.0], [0.5])
    markers.set_style(pg.mkBrush("#ff0000"), pg.mkPen("#ff0000"))
    np.testing.assert_array_equal(bars.heights, [0.8, -0.6, 0.0])
    image = _render(plot_widget)
    assert _pixel(image, plot_widget, 0, 0.4).name() == "#0000ff"  # inside the up bar
    assert _pixel(image, plot_widget, 1, -0.3).name() == "#0000ff"  # inside the down bar
    assert _pixel(image, plot_widget, 0, -0.3).name() == "#ffffff"  # below the up bar
    assert _pixel(image, plot_widget, 2, 0.5).name() == "#ff0000"  # the marker
    assert _pixel(image, plot_widget, 2, -0.5).name() == "#ffffff"
    markers.setVisible(False)
    assert _pixel(_render(plot_widget), plot_widget, 2, 0.5).name() == "#ffffff"


def test_layers_repaint_only_on_change(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    bars = chart.add(BarLayer(0.5))
    labels = chart.add(LabelLayer())
    calls = []
    chart.update = lambda *args: calls.append(args)
    bars.set_bars([0, 1], [0.5, 0.2], brush=pg.mkBrush("k"))
    bars.set_bars([0, 1], [0.5, 0.2], brush=pg.mkBrush("k"))
    labels.set_labels([(0, 0.5, "0.5", (0.5, 1.0), -3, "#000000")])
    labels.set_labels([(0, 0.5, "0.5", (0.5, 1.0), -3, "#000000")])
    labels.set_font(QFont())
    assert len(calls) == 2
    assert labels.texts() == ["0.5"]


def test_labels_are_drawn(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    labels = chart.add(LabelLayer())
    blank = _render(plot_widget)
    labels.set_labels([(1, 0, "0.123", (0.5, 0.5), 0, "#000000")])
    drawn = _render(plot_widget)
    assert drawn != blank


def _ink(image: QImage) -> np.ndarray:
    """Darkness (0 white .. 255 black) of an image, as an array."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(-1, image.bytesPerLine())
    return 255 - rows[:, : image.width()].astype(float)


@pytest.mark.parametrize("symbol", ["s", "star", "t", "t1"])
def test_on_screen_stamps_sit_where_figures_draw_the_marker(plot_widget, symbol):
    """Markers are stamped from a pixmap in raster images and drawn as paths on vector
    devices (SVG, PDF): both put the same ink in the same place."""
    chart = ChartItem()
    plot_widget.addItem(chart)
    markers = chart.add(MarkerLayer(symbol, 16))
    markers.set_points([0.3, 1.7], [0.25, -0.4])
    markers.set_style(pg.mkBrush("#000000"), pg.mkPen("#000000", width=1.5))
    _render(plot_widget)  # lays the plot out
    picture = QPicture()  # a vector device: the marker's path is recorded
    painter = QPainter(picture)
    plot_widget.render(painter)
    painter.end()
    image = QImage(plot_widget.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPicture(0, 0, picture)
    painter.end()
    figure = _ink(image)
    plot_widget.repaint()
    screen = pg.QtWidgets.QApplication.primaryScreen().grabWindow(plot_widget.winId())
    on_screen = _ink(screen.toImage())
    for x, y in ((0.3, 0.25), (1.7, -0.4)):
        view_box = plot_widget.getPlotItem().vb
        centre = plot_widget.mapFromScene(view_box.mapViewToScene(pg.Point(x, y)))
        window = (slice(centre.y() - 14, centre.y() + 15), slice(centre.x() - 14, centre.x() + 15))
        a, b = figure[window], on_screen[window]
        assert a.sum() > 0 and b.sum() == pytest.approx(a.sum(), rel=0.1)
        rows, columns = np.indices(a.shape)
        for weights in (rows, columns):  # ink centroids within a pixel
            assert (weights * b).sum() / b.sum() == pytest.approx(
                (weights * a).sum() / a.sum(), abs=1.0
            )


def test_label_widths_from_character_advances_match_the_laid_out_text():
    labels = LabelLayer()
    for size in (8, 11, 16, 28):
        font = QFont()
        font.setPointSize(size)
        labels.set_font(font)
        metrics = QFontMetricsF(font)
        for text in ["0.282", "-0.718", "1e-05", "-1.23e+04", "12.5", "Σ dL/dz = 0.000"]:
            assert labels.text_width(text) == pytest.approx(
                metrics.horizontalAdvance(text), abs=0.5
            )


def _ink_rows(image: QImage, plot_widget, x: float) -> np.ndarray:
    """Rows (pixels) with dark ink in the column band of class ``x``."""
    view_box = plot_widget.getPlotItem().vb
    left = plot_widget.mapFromScene(view_box.mapViewToScene(pg.Point(x - 0.3, 0))).x()
    right = plot_widget.mapFromScene(view_box.mapViewToScene(pg.Point(x + 0.3, 0))).x()
    ink = _ink(image)[:, left:right]
    return np.flatnonzero((ink > 128).any(axis=1))


def test_labels_shorten_then_disappear_rather_than_overlap(plot_widget):
    """Neighbouring value labels never overlap: a shorter text, or none at all."""
    chart = ChartItem()
    plot_widget.addItem(chart)
    labels = chart.add(LabelLayer())
    font = QFont()
    font.setPointSize(10)
    labels.set_font(font)
    _render(plot_widget)  # lays the plot out
    pixels_per_class = plot_widget.getPlotItem().vb.width() / 3  # the x range is 3 wide
    long_text, short_text = "-0.1234567890123", "-0.1"
    assert labels.text_width(long_text) > pixels_per_class > 2 * labels.text_width(short_text)
    rows = [(i, 0.0, (long_text, short_text), (0.5, 0.5), 0, "#000000") for i in range(3)]
    labels.set_labels(rows)
    _render(plot_widget)
    assert labels.drawn_alternative == 1  # the long texts would touch: the short ones
    labels.set_labels([(*row[:2], long_text, *row[3:]) for row in rows])
    image = _render(plot_widget)
    assert labels.drawn_alternative is None
    assert image == _render_blank(plot_widget)
    # Labels above and below the zero line do not meet, however wide.
    labels.set_labels(
        [(i, 0.0, long_text, (0.5, 1.0 if i % 2 else 0.0), 0, "#000000") for i in range(3)]
    )
    _render(plot_widget)
    assert labels.drawn_alternative == 0


def _render_blank(plot_widget) -> QImage:
    items = [item for item in plot_widget.getPlotItem().items if isinstance(item, ChartItem)]
    for item in items:
        item.setVisible(False)
    try:
        return _render(plot_widget)
    finally:
        for item in items:
            item.setVisible(True)


#: A bar's value label above it, and inside it (then with the bar's width and ``_ABOVE``).
_ABOVE = ((0.5, 1.0), -3, "#000000", None)
_INSIDE = ((0.5, 0.0), 4, "#000000")


def _bar_labels(plot_widget, room_for: str) -> tuple[LabelLayer, float]:
    """A label layer in a laid-out plot, and a bar width (data units) just ``room_for``."""
    chart = ChartItem()
    plot_widget.addItem(chart)
    labels = chart.add(LabelLayer())
    _render(plot_widget)  # lays the plot out
    pixels_per_class = plot_widget.getPlotItem().vb.width() / 3
    return labels, labels.text_width(room_for) / pixels_per_class


def _row(plot_widget, x: float, y: float) -> int:
    """The pixel row of data point ``(x, y)``."""
    point = plot_widget.getPlotItem().vb.mapViewToScene(pg.Point(x, y))
    return plot_widget.mapFromScene(point).y()


def test_a_label_too_wide_or_tall_for_its_bar_moves_above_it(plot_widget):
    labels, bar = _bar_labels(plot_widget, "0.50")  # room for "0.5", not for more

    def rows_drawn(y, text):
        labels.set_labels([(1, y, text, *_INSIDE, bar, _ABOVE)])
        return _ink_rows(_render(plot_widget), plot_widget, 1), _row(plot_widget, 1, y)

    rows, top = rows_drawn(0.8, "0.5")
    assert rows.min() > top  # below the bar's top: inside the bar
    rows, top = rows_drawn(0.8, "0.5000")  # too wide for the bar
    assert rows.max() < top
    rows, top = rows_drawn(0.05, "0.5")  # a bar too short to hold a line of text
    assert rows.max() < top
    assert labels.drawn_alternative == 0
    # A shorter text inside the bar wins over the full one moved above it.
    rows, top = rows_drawn(0.8, ("0.5000", "0.5"))
    assert rows.min() > top
    assert labels.drawn_alternative == 1


def test_a_label_without_text_takes_no_place(plot_widget):
    labels, bar = _bar_labels(plot_widget, "0.5000")
    # A tall bar with room for its label inside, and an empty label in a bar too short to
    # hold a line of text: the text stays inside its bar.
    labels.set_labels(
        [(1, 0.8, "0.5000", *_INSIDE, bar, _ABOVE), (2, 0.02, "", *_INSIDE, bar, _ABOVE)]
    )
    rows = _ink_rows(_render(plot_widget), plot_widget, 1)
    assert rows.min() > _row(plot_widget, 1, 0.8)
    assert labels.texts() == ["0.5000", ""]
    # Only empty labels: nothing is measured or drawn.
    measured = []
    width = labels.text_width
    labels.text_width = lambda text: measured.append(text) or width(text)
    labels.set_labels([(i, 0.5, "", *_INSIDE) for i in range(3)])
    image = _render(plot_widget)
    assert measured == [] and labels.drawn_alternative == 0
    assert _ink_rows(image, plot_widget, 1).size == 0


def test_colour_indices_match_a_256_entry_lookup():
    values = np.array([[0.0, 0.5, 0.999, 1.0, -3.0, 7.0, np.inf, -np.inf, np.nan]])
    indices = colour_indices(values, (0.0, 1.0))
    assert indices.dtype == np.uint8
    assert indices.tolist() == [[0, 128, 255, 255, 0, 255, 255, 0, 0]]


def test_a_view_with_an_infinite_scale_draws_no_heatmap_and_aligns_no_stamp(qtbot):
    """What an (now refused) range narrower than the floats can scale gave the painters:
    an infinite transform. The heatmap skips its blit (Qt's drawImage crashed on the NaN
    rectangle) and stamps are not taken as on device pixels (round(NaN) raised)."""
    import math

    from PySide6.QtGui import QTransform

    from explorer.ui.stamps import on_device_pixels

    item = HeatmapItem()
    item.set_data(np.arange(12.0).reshape(3, 4), (0.0, 11.0), QRectF(0, 0, 1e-306, 1e-306))
    image = QImage(20, 20, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setTransform(QTransform(math.inf, 0, 0, math.inf, -math.inf, 0))
    assert not on_device_pixels(painter, 1.0)
    item.paint(painter)
    painter.end()
    assert _ink(image).sum() == 0


def test_a_flat_colour_scale_maps_quietly_to_the_bottom_colour():
    """A flat surface (a range too small for float32 to tell its losses apart) has
    levels (v, v): every value at v takes the bottom colour, and nothing overflows."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        indices = colour_indices(np.full((2, 3), 1.25, dtype=np.float32), (1.25, 1.25))
    assert indices.tolist() == [[0, 0, 0], [0, 0, 0]]


def test_heatmap_draws_rows_bottom_to_top_with_the_colour_map(plot_widget):
    item = HeatmapItem()
    plot_widget.addItem(item)
    colormap = pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
    item.set_colormap(colormap)
    values = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])  # row 0 dark, row 1 light
    item.set_data(values, (0.0, 1.0), QRectF(-0.5, -1, 3, 2))
    image = _render(plot_widget)
    assert _pixel(image, plot_widget, 1, -0.5).name() == "#000000"  # lower half: row 0
    assert _pixel(image, plot_widget, 1, 0.5).name() == "#ffffff"
    assert item.indices().tolist() == [[0, 0, 0], [255, 255, 255]]


def test_logit_span_holds_the_bars_and_moves_in_steps():
    from explorer.ui.logit_editor import value_span

    logits = np.array([2.0, 1.0, 0.1, -1.0])
    span = value_span(logits)
    assert span[0] <= -1.0 - 1.2 and span[1] >= 2.0 + 1.2
    # A small move keeps the range; a large one grows it at once.
    assert value_span(logits + 0.05, span) == span
    grown = value_span(logits * 4, span)
    assert grown[1] >= 8.0 + 0.3 * 12
    # A range far taller than needed shrinks again.
    assert value_span(logits, (-100.0, 100.0)) == span


def test_colour_bar_ticks_span_the_levels_and_width_only_grows(qtbot):
    from explorer.ui.color_bar import ColorBar

    bar = ColorBar()
    bar.set_levels((0.0, 1000.0))
    wide = bar.preferredWidth()
    bar.set_levels((0.0, 1.0))
    assert bar.preferredWidth() == wide
    assert bar.tick_labels()[0] == "0.0" and bar.tick_labels()[-1] == "1.0"


def test_segments_drop_non_finite_rows_and_draw_lines_and_dots(plot_widget):
    from explorer.ui.segments_item import SegmentsItem

    lines = SegmentsItem(pg.mkPen("#ff0000", width=3))
    dots = SegmentsItem(pg.mkPen("#0000ff", width=9), dots=True)
    plot_widget.addItem(lines)
    plot_widget.addItem(dots)
    lines.set_data(np.array([[[0.0, -0.5], [2.0, -0.5]], [[np.nan, 0.0], [1.0, 1.0]]]))
    dots.set_data(np.array([[1.0, 0.5]]))
    assert lines.data().shape == (1, 2, 2)
    image = _render(plot_widget)
    assert _pixel(image, plot_widget, 1.0, -0.5).name() == "#ff0000"
    assert _pixel(image, plot_widget, 1.0, 0.5).name() == "#0000ff"
    assert _pixel(image, plot_widget, 1.0, 0.0).name() == "#ffffff"
    lines.set_polyline(np.array([[0.0, 0.8], [1.0, 0.8], [2.0, 0.8]]))
    np.testing.assert_array_equal(lines.data()[:, :, 1], 0.8)
    assert len(lines.data()) == 2


@pytest.mark.parametrize("height", [220, 320, 600])
@pytest.mark.parametrize("logits", [(0.0, 0.0, 12.0), (12.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)])
def test_the_predicted_star_stays_clear_of_the_legend(qtbot, height, logits):
    """Above a bar at p = 1 the star must not hide under the legend, at any plot height."""
    from explorer.session import ExplorerSession
    from explorer.state import ExplorerState
    from explorer.ui.bar_plots import STAR_LIFT, STAR_SIZE, ProbabilityPlot

    session = ExplorerSession(ExplorerState(logits=logits, label=0))
    view = ProbabilityPlot(session)
    qtbot.addWidget(view)
    view.resize(340, height)
    view.show()
    qtbot.waitExposed(view)
    pg.QtWidgets.QApplication.processEvents()
    predicted = session.derived.analysis.predicted
    view_box = view.plot.getViewBox()
    top = view_box.mapViewToScene(pg.Point(predicted, 1.0)).y()
    star_top = top - STAR_LIFT - STAR_SIZE / 2
    legend = view.legend.sceneBoundingRect()
    assert star_top >= view_box.sceneBoundingRect().top()  # inside the plot
    assert star_top >= legend.bottom()  # below the legend's row


@pytest.mark.parametrize("units", [1.0, 12.0])
def test_dots_stay_round_at_any_scale(plot_widget, units):
    """Qt draws a wide point as a tiny line in data units: at hundreds of pixels per unit
    that stretched the simplex's markers sideways."""
    from explorer.ui.segments_item import SegmentsItem

    plot_widget.setAspectLocked(True)
    plot_widget.setXRange(0, units, padding=0)
    plot_widget.setYRange(0, units, padding=0)
    dot = SegmentsItem(pg.mkPen("#000000", width=14), dots=True)
    plot_widget.addItem(dot)
    dot.set_data(np.array([[units / 2, units / 2]]))
    ink = _ink(_render(plot_widget))
    rows, columns = np.nonzero(ink > 128)
    assert abs(np.ptp(columns) - np.ptp(rows)) <= 1
    assert 11 <= np.ptp(rows) <= 15


def _paint_bars(bars, transform, ratio: float, antialias: bool, reference: bool) -> np.ndarray:
    """Bars painted by the layer, or (``reference``) by a QRectF fill through ``transform``."""
    image = QImage(int(240 * ratio), int(160 * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)  # figures antialias
    if reference:
        half = bars.width / 2
        for x, height, brush in zip(bars.x, bars.heights, bars._brushes, strict=True):
            rect = QRectF(x - half, min(0.0, height), bars.width, abs(height))
            painter.fillRect(transform.mapRect(rect), brush)
    else:
        bars.paint(painter, transform, ratio)
    painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint8).copy()


@pytest.mark.parametrize("antialias", [False, True])
@pytest.mark.parametrize("ratio", [1.0, 2.0])
@pytest.mark.parametrize("seed", range(5))
def test_bars_fill_the_pixels_a_transformed_rectangle_fills(antialias, ratio, seed):
    """Bars are filled in device pixels (whole ones at ratio 1): the same pixels as the
    plot's transform applied to each bar, the way Qt would fill it."""
    from PySide6.QtGui import QTransform

    rng = np.random.default_rng(seed)
    bars = BarLayer(0.62)
    count = int(rng.integers(1, 12))
    brushes = [pg.mkBrush(QColor.fromHsv(int(h), 200, 200)) for h in rng.integers(0, 359, count)]
    bars.set_bars(np.arange(count), rng.normal(size=count), brushes=brushes)
    # A plot's transform: x and y scaled (y flipped), offset by fractions of a pixel.
    transform = QTransform(
        rng.uniform(15, 21), 0, 0, -rng.uniform(30, 60), rng.uniform(5, 9), rng.uniform(70, 90)
    )
    painted = _paint_bars(bars, transform, ratio, antialias, reference=False)
    expected = _paint_bars(bars, transform, ratio, antialias, reference=True)
    np.testing.assert_array_equal(painted, expected)


def test_bar_and_marker_updates_ignore_repeats_and_reject_mismatched_lengths(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    bars = chart.add(BarLayer(0.5))
    markers = chart.add(MarkerLayer("o", 8))
    calls = []
    chart.update = lambda *args: calls.append(args)
    brush = pg.mkBrush("#112233")
    bars.set_bars([0, 1], [0.5, 0.2], brush=brush)
    bars.set_bars(np.array([0, 1]), (0.5, 0.2), brush=brush)  # the same bars
    bars.set_bars([0, 1], [0.5, 0.2], brush=pg.mkBrush("#112233"))  # an equal brush
    markers.set_points([0.0, 1.0], [0.5, 0.2])
    markers.set_points(np.array([0.0, 1.0]), [0.5, 0.2])
    assert len(calls) == 2
    bars.set_bars([0, 1], [0.5, 0.2], brush=pg.mkBrush("#445566"))  # a new colour
    markers.set_points([0.0, 1.0], [0.5, 0.3])
    assert len(calls) == 4
    with pytest.raises(ValueError):
        bars.set_bars([0, 1, 2], [0.5, 0.2])
    with pytest.raises(ValueError):
        markers.set_points([0.0, 1.0], [0.5])


def test_theme_brushes_are_shared_per_colour_and_alpha():
    from explorer.ui.theme import get_theme

    theme = get_theme("light")
    assert theme.brush(theme.bar) is theme.brush(theme.bar)
    assert theme.brush(theme.bar, 100) is not theme.brush(theme.bar)
    assert theme.brush(theme.bar, 100).color().alpha() == 100
    assert theme.brush(theme.bar).color() == QColor(theme.bar)


def test_a_partial_repaint_draws_the_segments_near_it_and_no_fewer(plot_widget):
    """Past a few hundred segments, a small exposed area draws only the segments whose
    boxes (widened by the pen) meet it; a long one crossing it counts."""
    from explorer.ui.segments_item import SegmentsItem

    rng = np.random.default_rng(3)
    starts = rng.uniform(-0.5, 2.5, (600, 2)) * [1, 0.66]
    segments = np.stack([starts, starts + rng.normal(scale=0.05, size=(600, 2))], axis=1)
    crossing = np.array([[[-0.4, 0.1], [2.4, 0.1]]])  # spans the plot through the area
    item = SegmentsItem(pg.mkPen("#000000", width=3))
    plot_widget.addItem(item)
    item.set_data(np.concatenate([segments, crossing]))
    _render(plot_widget)  # laid out: the pen's reach in data units is known
    area = QRectF(0.9, 0.0, 0.2, 0.2)
    count = item._lines_within(area)[-1]
    drawn = item._visible_array.ndarray()[:count]
    lines = item.data().reshape(-1, 4)
    reach_x, reach_y = item._reach
    near = (
        (np.maximum(lines[:, 0], lines[:, 2]) >= area.left() - reach_x)
        & (np.minimum(lines[:, 0], lines[:, 2]) <= area.right() + reach_x)
        & (np.maximum(lines[:, 1], lines[:, 3]) >= area.top() - reach_y)
        & (np.minimum(lines[:, 1], lines[:, 3]) <= area.bottom() + reach_y)
    )
    assert reach_x > 0 and reach_y > 0
    assert 0 < near.sum() < len(lines) / 10
    assert near[-1]  # the long crossing segment
    np.testing.assert_array_equal(drawn, lines[near])
    # Most of the item exposed: everything is drawn, without sorting out.
    assert item._lines_within(item.boundingRect())[1] == len(lines)


def test_a_bar_without_a_finite_height_is_left_out(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    bars = chart.add(BarLayer(0.5))
    bars.set_bars(np.arange(3), [0.8, np.nan, 0.6], brush=pg.mkBrush("#0000ff"))
    outlines = chart.add(BarLayer(0.5))
    outlines.set_bars([2, np.inf], [0.6, 0.5], pen=pg.mkPen("#ff0000", width=3))
    image = _render(plot_widget)
    assert _pixel(image, plot_widget, 2.25, 0.3).name() == "#ff0000"  # the finite outline
    for x in (-0.2, 0.0, 0.2):  # none for the infinite bar (at 0, where it is filled in)
        assert _pixel(image, plot_widget, x, 0.0).name() != "#ff0000"
    assert _pixel(image, plot_widget, 0, 0.4).name() == "#0000ff"
    assert _pixel(image, plot_widget, 2, 0.3).name() == "#0000ff"
    assert _pixel(image, plot_widget, 1, 0.3).name() == "#ffffff"
    assert _pixel(image, plot_widget, 1, -0.3).name() == "#ffffff"


def test_a_marker_without_a_finite_place_is_left_out(plot_widget):
    chart = ChartItem()
    plot_widget.addItem(chart)
    markers = chart.add(MarkerLayer("s", 10))
    markers.set_style(pg.mkBrush("#ff0000"), pg.mkPen("#ff0000"))
    markers.set_points([0.0, 1.0, np.inf], [np.nan, 0.5, 0.5])
    labels = chart.add(LabelLayer())  # painted after the markers: still drawn
    labels.set_labels([(2.0, -0.5, "8", (0.5, 0.5), 0, "#0000ff")])
    image = _render(plot_widget)
    assert _pixel(image, plot_widget, 1.0, 0.5).name() == "#ff0000"
    text = [
        _pixel(image, plot_widget, 2.0 + dx, -0.5 + dy)
        for dx in np.linspace(-0.05, 0.05, 5)
        for dy in np.linspace(-0.05, 0.05, 5)
    ]
    assert any(c.blue() > 200 and c.red() < 100 for c in text)  # the label's ink


def test_wide_lines_and_an_empty_exposed_area_are_not_culled(plot_widget):
    """Only thin lines are culled (overlapping wide antialiased strokes depend on the
    others in the same call), and a default style option (no exposed area) draws all."""
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from explorer.ui.segments_item import SegmentsItem

    rng = np.random.default_rng(5)
    starts = rng.uniform(0, 2, (400, 2))
    segments = np.stack([starts, starts + 0.05], axis=1)
    thin, wide = (
        SegmentsItem(pg.mkPen("#000000", width=1)),
        SegmentsItem(pg.mkPen("#000000", width=2.5)),
    )
    drawn = []
    for item in (thin, wide):
        plot_widget.addItem(item)
        item.set_data(segments)
        item._lines_within = lambda rect, item=item, inner=item._lines_within: (
            drawn.append(item) or inner(rect)
        )
    _render(plot_widget)
    assert thin in drawn and wide not in drawn
    option = QStyleOptionGraphicsItem()  # exposedRect empty
    assert thin._lines_within(option.exposedRect)[-1] == len(segments)


@pytest.mark.parametrize("shape", [(3, 5), (1, 1), (7, 3), (256, 256), (0, 0)])
def test_heatmap_pixels_are_the_colour_table_at_each_index(qtbot, shape):
    from explorer.ui.heatmap_item import rgb32_table

    rng = np.random.default_rng(sum(shape))
    item = HeatmapItem()
    colormap = pg.colormap.get("viridis")
    item.set_colormap(colormap)
    values = rng.uniform(-0.2, 1.2, size=shape).astype(np.float32)
    if values.size:
        values.flat[0] = np.nan
    item.set_data(values, (0.0, 1.0), QRectF(0, 0, 1, 1))
    table = rgb32_table(colormap)
    expected = table[colour_indices(values, (0.0, 1.0))][::-1]  # image rows run top down
    image = item._image
    pixels = np.array(
        [[image.pixel(c, r) for c in range(shape[1])] for r in range(shape[0])], dtype=np.uint32
    ).reshape(shape)
    assert np.array_equal(pixels, expected)
    assert np.array_equal(item.indices(), colour_indices(values, (0.0, 1.0)))
    # A new colour map recolours the data held; new data of another shape replaces it.
    item.set_colormap(pg.colormap.get("magma"))
    if values.size:
        assert image.pixel(0, 0) != item._image.pixel(0, 0) or shape == (1, 1)
    item.set_data(values[:, :1], (0.0, 1.0), QRectF(0, 0, 1, 1))
    assert item.indices().shape == (shape[0], min(shape[1], 1))


def test_cached_axis_bounds_follow_geometry_style_and_grid(qtbot):
    from explorer.ui.view import AxisItem, axis_items

    widget = pg.PlotWidget(axisItems=axis_items())
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
    assert isinstance(left, AxisItem) and isinstance(bottom, AxisItem)
    assert not plot.getAxis("top").isVisible() and not plot.getAxis("right").isVisible()

    def agrees() -> bool:
        return all(axis.boundingRect() == pg.AxisItem.boundingRect(axis) for axis in (left, bottom))

    for size in ((300, 200), (520, 410), (180, 650)):
        widget.resize(*size)
        widget.show()
        pg.QtWidgets.QApplication.processEvents()
        assert agrees()
    left.setStyle(tickLength=12, hideOverlappingLabels=7)
    bottom.setStyle(tickLength=-9)
    assert agrees()
    left.setWidth(90)  # the layout moves the plot beside it
    pg.QtWidgets.QApplication.processEvents()
    assert agrees()
    left.setGrid(128)  # with a grid the bounds reach over the view: asked every time
    widget.resize(400, 300)
    pg.QtWidgets.QApplication.processEvents()
    assert agrees()


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0])
@pytest.mark.parametrize("width", [5.0, 7.6, 16.0])
def test_stamping_many_dots_at_once_puts_them_where_one_by_one_does(qtbot, ratio, width):
    """A descent path's dots go out in one drawPixmapFragments call: the same device pixels
    as stamping each (whole pixels, halves rounded to even, a painter transform ignored)."""
    from PySide6.QtCore import Qt

    from explorer.ui.stamps import fragment_array, make_stamp, stamp_at, stamp_many

    pen = pg.mkPen(QColor(200, 30, 40, 180), width=width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)

    def draw(painter):
        painter.setPen(pen)
        painter.drawPoint(0, 0)

    stamp = make_stamp(width / 2 + 1, ratio, draw)
    rng = np.random.default_rng(7)
    points = rng.uniform(-5.0, 85.0, (200, 2))
    points[:60] = np.round(points[:60] * 2 * ratio) / (2 * ratio)  # halves of a device pixel
    fragments = fragment_array()
    images = []
    for many in (False, True):
        image = QImage(int(80 * ratio), int(80 * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(3.5, 4.0)  # reset by both
        if many:
            stamp_many(painter, stamp, ratio, points, fragments)
        else:
            stamp_at(painter, stamp, ratio, points.tolist())
        painter.end()
        images.append(_ink(image))
    assert images[0].sum() > 0
    np.testing.assert_array_equal(images[1], images[0])


@pytest.mark.parametrize("many", [False, True])
def test_stamps_far_off_the_device_or_not_finite_are_left_out(qtbot, many):
    """A point far outside a tiny surface range lies billions of pixels away, beyond
    Qt's integer coordinates: it is skipped (it is off the device), the rest are drawn."""
    from explorer.ui.stamps import FAR, fragment_array, make_stamp, stamp_at, stamp_many

    stamp = make_stamp(3.0, 1.0, lambda painter: painter.fillRect(QRectF(-2, -2, 4, 4), "black"))
    near = [(10.0, 10.0), (30.0, 20.0)]
    far = [(8e11, 10.0), (10.0, -4e11), (np.nan, 5.0), (np.inf, 5.0), (FAR, 10.0)]
    images = []
    for points in (near, near[:1] + far + near[1:]):
        image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        if many:
            stamp_many(painter, stamp, 1.0, np.array(points), fragment_array())
        else:
            stamp_at(painter, stamp, 1.0, points)
        painter.end()
        images.append(_ink(image))
    assert images[0].sum() > 0
    np.testing.assert_array_equal(images[1], images[0])


def test_a_long_dotted_path_looks_as_a_short_one_dot_for_dot(plot_widget):
    """Up to seven dots are stamped one by one, more in one call: the same pixels."""
    from explorer.ui.segments_item import SegmentsItem

    dots = SegmentsItem(pg.mkPen("#0000ff", width=6), dots=True)
    plot_widget.addItem(dots)
    points = np.column_stack([np.linspace(-0.3, 2.3, 12), np.sin(np.linspace(0, 6, 12))])
    dots.set_data(points)
    together = _ink(_render(plot_widget))
    apart = np.zeros_like(together)
    for start in range(0, 12, 6):  # six at a time: below the one-call threshold
        dots.set_data(points[start : start + 6])
        apart = np.maximum(apart, _ink(_render(plot_widget)))
    assert together.sum() > 0
    np.testing.assert_array_equal(together, apart)


@pytest.mark.parametrize("whole", [True, False])
def test_a_few_bars_are_measured_in_python_exactly_as_many_in_numpy(whole):
    """Up to 16 bars the rectangles are worked out in Python: the same numbers, bit for bit."""
    from PySide6.QtGui import QTransform

    rng = np.random.default_rng(3)
    bars = BarLayer(0.62)
    for count in (1, 3, 10, 16):
        for scale_y in (-37.3, 51.0):
            heights = rng.normal(0.0, 2.0, count)
            heights[0] = 0.0
            bars.set_bars(np.arange(count, dtype=float), heights, brush=pg.mkBrush("#336699"))
            transform = QTransform(rng.uniform(20, 90), 0, 0, scale_y, *rng.uniform(-50, 300, 2))
            in_python = bars._rects_in_python(transform, whole)
            in_numpy = bars._rects_in_numpy(transform, whole)
            assert in_python == in_numpy
            assert all(type(value) is (int if whole else float) for value in in_python[0])


def _outline_pixels(
    bars, transform, ratio: float, direct: bool, offset=(0, 0), paints: int = 2
) -> np.ndarray:
    """Outlines painted by the layer ``paints`` times (the last one returned), or stroked.

    A layer strokes outlines new at a transform, and keeps them from the second paint on.
    ``offset`` moves the painter by whole pixels first, as a plot in a window is moved.
    """
    from PySide6.QtGui import QTransform

    transform = transform * QTransform.fromTranslate(*offset)
    for _ in range(1 if direct else paints):
        image = QImage(
            int(320 * ratio), int(170 * ratio), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setTransform(transform)
        if direct:
            painter.setPen(bars._pen)
            painter.drawRects([rect for rect in bars._data_rects() if rect is not None])
        else:
            bars.paint(painter, transform, ratio)
        painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), -1).copy()


def _outlined(plot_widget) -> BarLayer:
    """A bar layer in a plot showing x from -1 to 12 and y from -0.3 to 1.3."""
    chart = ChartItem()
    plot_widget.addItem(chart)
    plot_widget.setXRange(-1, 12, padding=0)
    plot_widget.setYRange(-0.3, 1.3, padding=0)
    return chart.add(BarLayer(0.74))


@pytest.mark.parametrize("ratio", [1.0, 2.0])
@pytest.mark.parametrize("seed", range(4))
def test_kept_outlines_are_the_pixels_a_direct_stroke_sets(plot_widget, ratio, seed):
    """The target's dashed outlines are stroked when new, then blitted from a pixmap drawn
    once: the same pixels as stroking them, also after the plot moves or the bars change
    (the pixmap follows)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTransform

    rng = np.random.default_rng(seed)
    bars = _outlined(plot_widget)
    count = int(rng.integers(1, 12))
    target = np.zeros(count)
    target[rng.integers(count)] = 1.0  # a hard label: flat outlines at 0 beside one bar
    pen = pg.mkPen("#d62728", width=float(rng.choice([1.0, 2.5])), style=Qt.PenStyle.DashLine)
    bars.set_bars(np.arange(count), target, pen=pen)
    # A plot's transform (offset by fractions of a pixel), the bars inside the device as
    # in a window (a stroke clipped at the device's edge restarts its dashes there).
    transform = QTransform(
        rng.uniform(15, 21), 0, 0, -rng.uniform(60, 90), rng.uniform(25, 29), rng.uniform(120, 140)
    )
    first = _outline_pixels(bars, transform, ratio, direct=False, paints=1)
    assert bars._outline_stamp is None  # new outlines: stroked
    kept = _outline_pixels(bars, transform, ratio, direct=False, paints=1)
    assert bars._outline_stamp is not None  # (the kept pixmap was used)
    np.testing.assert_array_equal(first, kept)
    np.testing.assert_array_equal(kept, _outline_pixels(bars, transform, ratio, direct=True))
    moved = _outline_pixels(bars, transform, ratio, direct=False, offset=(3, -2))
    np.testing.assert_array_equal(
        moved, _outline_pixels(bars, transform, ratio, direct=True, offset=(3, -2))
    )
    assert not np.array_equal(moved, kept)
    soft = rng.dirichlet(np.ones(count))
    bars.set_bars(np.arange(count), soft, pen=pen)
    changed = _outline_pixels(bars, transform, ratio, direct=False)
    np.testing.assert_array_equal(changed, _outline_pixels(bars, transform, ratio, direct=True))
    if count > 1:
        assert not np.array_equal(changed, kept)


def test_outlines_are_stroked_directly_where_a_blit_would_not_match(plot_widget):
    """Antialiased (figures) and vector devices get the stroke itself, not the pixmap."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTransform

    bars = _outlined(plot_widget)
    bars.set_bars(
        [0, 1], [1.0, 0.0], pen=pg.mkPen("#d62728", width=2.5, style=Qt.PenStyle.DashLine)
    )
    transform = QTransform(40, 0, 0, -80, 30, 120)
    for _ in range(2):  # (a second paint would use a kept pixmap)
        image = QImage(200, 160, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(transform)
        bars.paint(painter, transform, 1.0)
        painter.end()
        assert bars._outline_stamp is None
    for _ in range(2):
        picture = QPicture()
        painter = QPainter(picture)
        painter.setTransform(transform)
        bars.paint(painter, transform, None)
        painter.end()
        assert bars._outline_stamp is None
        assert picture.size() > 0


def test_outlines_reaching_out_of_the_plot_are_stroked_not_kept(plot_widget):
    """A pixmap of outlines is kept only within the plot's visible area: a bar a million
    units tall is stroked directly, with the same pixels; so is a layer in no plot."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTransform

    bars = _outlined(plot_widget)
    pen = pg.mkPen("#d62728", width=2.5, style=Qt.PenStyle.DashLine)
    bars.set_bars([0, 1, 2], [1.0, 0.0, 1e6], pen=pen)
    transform = QTransform(40, 0, 0, -80, 40, 120)
    painted = _outline_pixels(bars, transform, 1.0, direct=False)
    assert bars._outline_stamp is None
    np.testing.assert_array_equal(painted, _outline_pixels(bars, transform, 1.0, direct=True))
    bars.set_bars([0, 1, 2], [1.0, 0.0, 0.5], pen=pen)  # back inside: kept again
    _outline_pixels(bars, transform, 1.0, direct=False)
    assert bars._outline_stamp is not None
    alone = BarLayer(0.74)
    alone.set_bars([0, 1, 2], [1.0, 0.0, 0.5], pen=pen)
    painted = _outline_pixels(alone, transform, 1.0, direct=False)
    assert alone._outline_stamp is None
    np.testing.assert_array_equal(painted, _outline_pixels(alone, transform, 1.0, direct=True))


def test_a_primitive_buffer_hands_its_rows_to_qpainter_as_lines_and_points(qtbot):
    from PySide6.QtCore import QLineF, QPointF

    from explorer.ui.stamps import PrimitiveBuffer

    def drawn(buffer, draw) -> np.ndarray:
        image = QImage(20, 20, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setPen(pg.mkPen("#000000", width=1))
        draw(painter, *buffer.drawargs())
        painter.end()
        return _ink(image) > 128

    lines = PrimitiveBuffer(QLineF, 4)
    assert len(lines) == 0 and not drawn(lines, QPainter.drawLines).any()
    lines.resize(2)
    lines.ndarray()[:] = [[2.5, 3.5, 15.5, 3.5], [2.5, 12.5, 15.5, 12.5]]
    ink = drawn(lines, QPainter.drawLines)
    assert ink[3, 2:16].all() and ink[12, 2:16].all() and ink.sum() == 28
    # Grown beyond its rows: new memory, every row drawn; shrunk: only those held.
    lines.resize(40)
    lines.ndarray()[:] = [[0.5 + row % 20, 0.5, 0.5 + row % 20, 19.5] for row in range(40)]
    assert drawn(lines, QPainter.drawLines).all()
    lines.resize(1)
    assert drawn(lines, QPainter.drawLines)[:, 0].all()
    assert drawn(lines, QPainter.drawLines).sum() == 20
    lines.resize(0)
    assert not drawn(lines, QPainter.drawLines).any()
    points = PrimitiveBuffer(QPointF, 2)
    points.resize(3)
    points.ndarray()[:] = [[1.5, 1.5], [5.5, 9.5], [18.5, 4.5]]
    ink = drawn(points, QPainter.drawPoints)
    assert ink.sum() == 3 and ink[1, 1] and ink[9, 5] and ink[4, 18]


def test_a_colour_bar_title_stands_left_of_the_bar_read_bottom_to_top(qtbot):
    from explorer.ui.color_bar import ColorBar

    scene = pg.GraphicsScene()
    bar = ColorBar()
    scene.addItem(bar)
    bar.set_colormap(pg.colormap.get("viridis"))
    bar.set_levels((0.0, 4.0))
    untitled = bar.preferredWidth()
    bar.set_label("loss H(t, p)")
    assert bar.label() == "loss H(t, p)" and bar.levels() == (0.0, 4.0)
    assert bar.preferredWidth() > untitled
    bar.resize(bar.preferredWidth(), 300)

    def drawn() -> np.ndarray:
        image = QImage(int(bar.preferredWidth()), 300, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(image.rect()), bar.sceneBoundingRect())
        painter.end()
        return _ink(image)

    titled = drawn()
    title_column = int(bar.preferredWidth() - untitled)
    title = titled[:, : title_column - 2]
    assert title.sum() > 0  # the title's ink, left of the bar
    rows = np.flatnonzero(title.sum(axis=1))
    columns = np.flatnonzero(title.sum(axis=0))
    assert np.ptp(rows) > 3 * np.ptp(columns)  # upright along the bar: taller than wide
    titled_width = bar.preferredWidth()
    bar.set_label("")  # no title: no column for it
    assert bar.preferredWidth() < titled_width
