from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from explorer import core
from explorer.core.simplex import SIMPLEX_CORNERS, simplex_loss_image, simplex_to_xy
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.chart_item import MarkerLayer
from explorer.ui.simplex_view import RenderCachedImageItem, SimplexView
from explorer.ui.theme import get_theme

LOGITS = (2.0, 1.0, 0.1)


@pytest.fixture
def session():
    return ExplorerSession(ExplorerState(logits=LOGITS, label=0))


@pytest.fixture
def view(qtbot, session):
    widget = SimplexView(session)
    qtbot.addWidget(widget)
    widget.resize(420, 380)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def marker_xy(item):
    """The one point a marker item (dots) or layer (a star) shows."""
    if isinstance(item, MarkerLayer):
        points = np.column_stack([item.x, item.y])
    else:
        points = item.data()
    assert len(points) == 1
    return points[0]


def test_names_for_accessibility(view):
    assert view.objectName() == "simplexPlot"
    assert view.accessibleName()
    assert view.accessibleDescription()


def test_current_point_marker_is_softmax_of_logits(view):
    expected = simplex_to_xy(core.softmax(np.asarray(LOGITS)))
    np.testing.assert_allclose(marker_xy(view.point_item), expected, rtol=1e-12)


def test_marker_follows_new_logits(view, session):
    logits = (-1.0, 0.5, 2.5)
    session.set_state(replace(session.state, logits=logits))
    expected = simplex_to_xy(core.softmax(np.asarray(logits)))
    np.testing.assert_allclose(marker_xy(view.point_item), expected, rtol=1e-12)


def test_marker_uses_temperature(view, session):
    session.set_state(replace(session.state, temperature=4.0))
    expected = simplex_to_xy(core.softmax(np.asarray(LOGITS) / 4.0))
    np.testing.assert_allclose(marker_xy(view.point_item), expected, rtol=1e-12)


def test_target_marker_at_one_hot_corner(view, session):
    np.testing.assert_allclose(marker_xy(view.target_item), SIMPLEX_CORNERS[0], atol=1e-12)
    session.set_state(replace(session.state, label=2))
    np.testing.assert_allclose(marker_xy(view.target_item), SIMPLEX_CORNERS[2], atol=1e-12)


def test_descent_path_grows_with_steps(view, session):
    session.step()
    session.step()
    dots = view.path_dots.data()
    assert len(dots) == 3
    expected = simplex_to_xy(core.softmax(session.derived.trail))
    np.testing.assert_allclose(dots, expected, rtol=1e-12)
    np.testing.assert_allclose(view.path_item.data(), np.stack([expected[:-1], expected[1:]], 1))
    # The path ends where the current-p marker is.
    np.testing.assert_allclose(expected[-1], marker_xy(view.point_item), rtol=1e-12)


def test_image_recomputed_for_new_target_only(view, session):
    assert view.image_computations == 1
    image = view.image_item.image
    session.set_state(replace(session.state, logits=(0.0, 3.0, -1.0)))
    session.step()
    assert view.image_computations == 1
    assert view.image_item.image is image

    session.set_state(replace(session.state, label=1))
    assert view.image_computations == 2
    new_image = view.image_item.image
    assert new_image.shape == image.shape
    inside = ~np.isnan(image)
    assert not np.allclose(new_image[inside], image[inside])


def test_image_is_the_loss_inside_and_transparent_outside():
    target = np.array([0.2, 0.5, 0.3])
    image, segments, (low, high) = simplex_loss_image(target, resolution=60)
    rows = image.shape[0]
    assert image.shape == (rows, 60)
    assert np.isnan(image[-1, 0]) and np.isnan(image[-1, -1])  # top corners of the box
    # A pixel near the centre: its loss is H(t, p) at its barycentric coordinates.
    row, col = rows // 3, 30
    x = (col + 0.5) / 60
    y = (row + 0.5) / rows * SIMPLEX_CORNERS[2, 1]
    p = np.array([1 - x - y / np.sqrt(3), x - y / np.sqrt(3), 2 * y / np.sqrt(3)])
    expected = core.cross_entropy(np.log(p), target)
    assert image[row, col] == pytest.approx(float(expected), rel=1e-9)
    assert low == pytest.approx(float(core.entropy(target)))
    assert high >= low + 2
    assert segments.ndim == 3 and segments.shape[1:] == (2, 2) and len(segments) > 0


def test_contours_drawn_as_segments(view, session):
    expected = simplex_loss_image(session.derived.analysis.target)[1]
    np.testing.assert_array_equal(view.contour_item.data(), expected)
    assert len(expected) > 0


def test_corner_labels_use_class_names(view, session):
    assert [label.toPlainText() for label in view.corner_labels] == [
        "class 0",
        "class 1",
        "class 2",
    ]
    session.set_state(replace(session.state, class_names=("cat", "dog", "")))
    assert [label.toPlainText() for label in view.corner_labels] == ["cat", "dog", "class 2"]


def test_labels_stay_inside_the_view(view, session, qtbot):
    session.set_state(replace(session.state, class_names=("cat", "dog", "bird")))
    for size in ((420, 380), (300, 240), (800, 700)):
        view.resize(*size)
        qtbot.wait(20)  # let the layouts follow the new size
        view.grab()  # painting brings the view box's transform up to date
        visible = view.viewbox.sceneBoundingRect().adjusted(-1, -1, 1, 1)  # rounding slack
        for label in view.corner_labels:
            box = label.sceneBoundingRect()
            assert visible.contains(box), (size, label.toPlainText(), box, visible)


def test_four_classes_show_message(view, session):
    session.set_state(session.state.with_num_classes(4))
    assert view.message_item.isVisible()
    assert "K = 4" in view.message_item.toPlainText()
    assert not view.point_item.isVisible()
    assert not view.image_clip.isVisible()
    # Back to three classes: everything returns.
    session.set_state(session.state.with_num_classes(3))
    assert not view.message_item.isVisible()
    assert view.point_item.isVisible()


def test_two_classes_do_not_crash(qtbot):
    session = ExplorerSession(ExplorerState(logits=(1.0, -1.0), label=1))
    widget = SimplexView(session)
    qtbot.addWidget(widget)
    assert "K = 2" in widget.message_item.toPlainText()
    session.step()


def test_theme_change_restyles(view, session):
    image = view.image_item.image
    view.set_theme("dark")
    dark = get_theme("dark")
    assert view.theme.name == "dark"
    assert view.canvas.backgroundBrush().color().name() == dark.background
    assert view.color_bar.colorMap().name == dark.colormap
    assert view.corner_labels[0].color.name() == dark.foreground
    assert view.path_item.pen().color().name() == dark.path.lower()
    # A theme change alone does not recompute the loss image.
    assert view.image_item.image is image


def test_font_scale_grows_labels(view):
    before = view.corner_labels[0].textItem.font().pointSizeF()
    view.set_font_scale(1.5)
    assert view.corner_labels[0].textItem.font().pointSizeF() > before


def test_mouse_interaction_disabled(view):
    assert view.viewbox.state["mouseEnabled"] == [False, False]
    assert not view.viewbox.menuEnabled()
    assert view.viewbox.state["aspectLocked"]


def test_a_label_chosen_again_reuses_its_image(view, session):
    session.set_state(replace(session.state, label=1))
    first_label_1 = view.image_item.image
    session.set_state(replace(session.state, label=0))
    computed = view.image_computations
    session.set_state(replace(session.state, label=1))
    assert view.image_computations == computed
    np.testing.assert_array_equal(view.image_item.image, first_label_1)


def test_colour_levels_follow_the_target_and_skip_unchanged_updates(view, session):
    calls = []
    original = view.color_bar.setLevels
    view.color_bar.setLevels = lambda levels: (calls.append(levels), original(levels))
    session.set_state(replace(session.state, label=1))
    session.set_state(replace(session.state, label=2))
    assert calls == []  # every hard label has the same colour range: the axis is kept
    assert tuple(view.image_item.levels) == pytest.approx(view.color_bar.levels())
    session.set_state(replace(session.state, label_smoothing=0.3))
    smoothed = simplex_loss_image(core.analyze_example(LOGITS, 2, label_smoothing=0.3).target)
    assert calls == [smoothed[2]]
    assert tuple(view.image_item.levels) == pytest.approx(smoothed[2])
    assert tuple(view.color_bar.levels()) == pytest.approx(smoothed[2])


def _fresh_rendering(item) -> np.ndarray:
    """What a plain ImageItem renders for ``item``'s image, levels and colours."""
    plain = pg.ImageItem(axisOrder="row-major")
    plain.setImage(item.image, autoLevels=False, levels=item.levels, lut=item.lut)
    plain.render()
    return _pixels(plain.qimage)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def _renders(monkeypatch, item) -> list[int]:
    """The renderings ImageItem itself makes for ``item`` (its cache misses)."""
    calls = []
    original = pg.ImageItem.render

    def counting(self):
        if self is item:
            calls.append(id(self))
        return original(self)

    monkeypatch.setattr(pg.ImageItem, "render", counting)
    return calls


def test_a_label_chosen_again_reuses_its_rendering(view, session, monkeypatch):
    item = view.image_item
    assert isinstance(item, RenderCachedImageItem)
    session.set_state(replace(session.state, label=1))
    view.grab()
    session.set_state(replace(session.state, label=0))
    view.grab()
    renders = _renders(monkeypatch, item)
    session.set_state(replace(session.state, label=1))
    view.grab()
    assert renders == []  # shown again without mapping the values
    np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))
    session.set_state(replace(session.state, label=2))  # never shown: rendered
    view.grab()
    assert len(renders) == 1
    np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))


def test_cached_rendering_follows_colours_and_levels(view, session, monkeypatch):
    item = view.image_item
    view.grab()
    light = _pixels(item.qimage)
    renders = _renders(monkeypatch, item)
    view.set_theme("dark")  # another colour map
    view.grab()
    assert len(renders) == 1
    dark = _pixels(item.qimage)
    assert not np.array_equal(dark, light)
    np.testing.assert_array_equal(dark, _fresh_rendering(item))
    item.setLevels((0.0, 1.0))  # other levels: rendered again, then kept
    view.grab()
    assert len(renders) == 2
    np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))
    view.set_theme("light")
    item.setLevels(view.color_bar.levels())
    view.grab()
    np.testing.assert_array_equal(_pixels(item.qimage), light)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def test_every_label_shown_again_shows_its_own_picture(view, session, monkeypatch):
    item = view.image_item
    for label in (1, 2, 0):
        session.set_state(replace(session.state, label=label))
        view.grab()
    renders = _renders(monkeypatch, item)
    for label in (2, 0, 1, 0, 2, 1):  # hits in an order unlike insertion or recency
        session.set_state(replace(session.state, label=label))
        view.grab()
        np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))
    assert renders == []


def test_render_cache_tells_views_of_the_same_memory_apart():
    lut = pg.colormap.get("viridis").getLookupTable(nPts=256)
    item = RenderCachedImageItem(axisOrder="row-major", lut=lut)
    base = _read_only(np.linspace(0.0, 1.0, 24).reshape(4, 6))
    for image in (base, base.reshape(6, 4), base[::2], base.view(np.int64), base.T):
        item.setImage(image, autoLevels=False, levels=(0.0, 1.0))
        item.render()
        np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))
    assert len(item._rendered) == 5


def test_render_cache_is_bounded_and_keeps_the_recently_shown():
    item = RenderCachedImageItem(axisOrder="row-major", cache_size=2)
    images = [_read_only(np.full((4, 5), float(value))) for value in range(3)]
    for index in (0, 1, 0, 2):  # 0 shown again: 1 is the oldest when 2 arrives
        item.setImage(images[index], autoLevels=False, levels=(0.0, 2.0))
        item.render()
    assert [entry[0].base for entry in item._rendered.values()] == [images[0], images[2]]


def test_writable_images_are_rendered_every_time(monkeypatch):
    item = RenderCachedImageItem(axisOrder="row-major")
    renders = _renders(monkeypatch, item)
    image = np.linspace(0.0, 1.0, 20).reshape(4, 5)
    for _ in range(2):
        item.setImage(image, autoLevels=False, levels=(0.0, 1.0))
        item.render()
        np.testing.assert_array_equal(_pixels(item.qimage), _fresh_rendering(item))
        image *= 0.5  # changed in place: a cached picture would now be stale
    assert len(renders) == 2 and item._rendered == {}


def test_cached_picture_survives_imageitem_reusing_its_buffer():
    # A float lookup table takes ImageItem's makeARGB path, which renders every image into
    # one reused buffer: the cache must keep copies.
    lut = pg.colormap.get("viridis").getLookupTable(nPts=256).astype(np.float64)
    item = RenderCachedImageItem(axisOrder="row-major", lut=lut)
    first = _read_only(np.linspace(0.0, 1.0, 20).reshape(4, 5))
    second = _read_only(1.0 - first)
    with pytest.warns(DeprecationWarning):
        for image in (first, second, first):
            item.setImage(image, autoLevels=False, levels=(0.0, 1.0))
            item.render()
        expected = pg.ImageItem(axisOrder="row-major")
        expected.setImage(first, autoLevels=False, levels=(0.0, 1.0), lut=lut)
        expected.render()
    np.testing.assert_array_equal(_pixels(item.qimage), _pixels(expected.qimage))


def test_loss_images_are_read_only():
    image = simplex_loss_image(np.array([1.0, 0.0, 0.0]), resolution=20)[0]
    assert not image.flags.writeable
