"""The hand-drawn plot items: chart layers and the indexed heatmap."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from explorer.ui.chart_item import BarLayer, ChartItem, LabelLayer, MarkerLayer
from explorer.ui.heatmap_item import HeatmapItem, colour_indices, colour_levels


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


def test_colour_levels_are_nice_and_cover_the_range():
    assert colour_levels(0.02, 13.7) == (0.0, 14.0)
    low, high = colour_levels(0.0213, 2.08)
    assert low <= 0.0213 and high >= 2.08
    assert high - low <= (2.08 - 0.0213) * 1.1
    # Small moves of the ends leave the scale where it was.
    assert colour_levels(0.03, 13.5) == colour_levels(0.02, 13.7)
    assert colour_levels(1.0, 1.0) == (1.0, 1.0)


def test_colour_indices_match_a_256_entry_lookup():
    values = np.array([[0.0, 0.5, 0.999, 1.0, -3.0, 7.0, np.inf, -np.inf, np.nan]])
    indices = colour_indices(values, (0.0, 1.0))
    assert indices.dtype == np.uint8
    assert indices.tolist() == [[0, 128, 255, 255, 0, 255, 255, 0, 0]]


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
    from explorer.ui.color_bar import ColorBar, bar_ticks

    def labels(low, high):
        return [text for _, text in bar_ticks(low, high)]

    assert labels(0.0, 14.0) == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert labels(0.0, 15.0) == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0"]
    assert labels(0.1, 0.35) == ["0.10", "0.15", "0.20", "0.25", "0.30", "0.35"]
    assert labels(0.6931, 0.6931 + 1e-14) == ["0.6931"]
    assert labels(5.0, 5.0) == ["5"]
    # Tiny and huge ranges keep neighbouring labels apart.
    for low, high in ((0.0, 3e-13), (1e-14, 2e-14), (1e7, 1e7 + 50), (-0.002, 0.001)):
        texts = labels(low, high)
        assert len(texts) >= 3 and len(set(texts)) == len(texts), texts
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
