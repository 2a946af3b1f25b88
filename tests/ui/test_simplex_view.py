from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF

from explorer import core
from explorer.core.simplex import SIMPLEX_CORNERS, simplex_loss_image, simplex_to_xy
from explorer.session import ExplorerSession
from explorer.session import state_loss as state_loss_of
from explorer.state import ExplorerState
from explorer.ui.chart_item import MarkerLayer
from explorer.ui.heatmap_item import colour_indices, rgb32_table
from explorer.ui.simplex_view import SimplexView
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


def shown_colours(view) -> np.ndarray:
    """The colour index of each pixel of the loss image, as the view draws it."""
    return view.image_item.indices().copy()


def expected_colours(target, loss=None) -> np.ndarray:
    """The colour indices of the loss image for ``target``, on its own colour range."""
    image, _segments, levels = simplex_loss_image(np.asarray(target, dtype=float), loss=loss)
    return colour_indices(image, levels)


def test_image_recomputed_for_new_target_only(view, session):
    assert view.image_computations == 1
    colours = shown_colours(view)
    np.testing.assert_array_equal(colours, expected_colours([1.0, 0.0, 0.0]))
    session.set_state(replace(session.state, logits=(0.0, 3.0, -1.0)))
    session.step()
    assert view.image_computations == 1
    np.testing.assert_array_equal(shown_colours(view), colours)

    session.set_state(replace(session.state, label=1))
    assert view.image_computations == 2
    np.testing.assert_array_equal(shown_colours(view), expected_colours([0.0, 1.0, 0.0]))


def _shown_and_nearby_colours(view, image) -> list[tuple[int, set[int]]]:
    """At pixels inside the triangle, the colour ``0xRRGGBB`` the canvas shows and the
    colours of the image cells around that pixel's centre (on the bar's levels, in the
    theme's colour map: the scaled blit may take a neighbouring cell at a cell's edge)."""
    grabbed = view.canvas.grab().toImage()
    table = rgb32_table(pg.colormap.get(view.theme.colormap)) & 0xFFFFFF
    rows, columns = image.shape
    height = SIMPLEX_CORNERS[2, 1]
    found = []
    # Near each corner and in the middle: the image upright (row 0 at the bottom).
    for x, y in ((0.12, 0.04), (0.88, 0.04), (0.5, 0.8), (0.5, 0.3)):
        pixel = view.canvas.mapFromScene(view.viewbox.mapViewToScene(QPointF(x, y)))
        centre = view.viewbox.mapSceneToView(view.canvas.mapToScene(pixel) + QPointF(0.5, 0.5))
        row, column = int(centre.y() / height * rows), int(centre.x() * columns)
        cells = image[row - 1 : row + 2, column - 1 : column + 2]
        nearby = colour_indices(cells, view.color_bar.levels()).ravel()
        found.append((grabbed.pixel(pixel) & 0xFFFFFF, {int(table[i]) for i in nearby}))
    return found


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_the_triangle_shows_the_loss_in_the_colour_maps_colours(view, session, loss):
    session.set_state(replace(session.state, loss=loss, label=1))
    image, _segments, levels = simplex_loss_image(np.eye(3)[1], loss=state_loss_of(session.state))
    assert view.color_bar.levels() == pytest.approx(levels)
    for item in (view.contour_item, view.point_item, view.point_outline, view.target_chart):
        item.setVisible(False)  # the image alone
    found = _shown_and_nearby_colours(view, image)
    for point, (shown, nearby) in enumerate(found):
        assert shown in nearby, (point, hex(shown), sorted(map(hex, nearby)))
    assert len({shown for shown, _ in found}) == 4


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
    computed = view.image_computations
    view.set_theme("dark")
    dark = get_theme("dark")
    assert view.theme.name == "dark"
    assert view.canvas.backgroundBrush().color().name() == dark.background
    assert view.color_bar.colormap().name == dark.colormap
    assert view.corner_labels[0].color.name() == dark.foreground
    assert view.path_item.pen().color().name() == dark.path.lower()
    # A theme change alone does not recompute the loss image.
    assert view.image_computations == computed


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
    first_label_1 = shown_colours(view)
    session.set_state(replace(session.state, label=0))
    computed = view.image_computations
    session.set_state(replace(session.state, label=1))
    assert view.image_computations == computed
    np.testing.assert_array_equal(shown_colours(view), first_label_1)


def test_colour_levels_follow_the_target(view, session):
    hard = simplex_loss_image(np.eye(3)[0])[2]
    assert view.color_bar.levels() == pytest.approx(hard)
    session.set_state(replace(session.state, label=2))
    assert view.color_bar.levels() == pytest.approx(hard)  # the same for every hard label
    session.set_state(replace(session.state, label_smoothing=0.3))
    target = core.analyze_example(LOGITS, 2, label_smoothing=0.3).target
    smoothed = simplex_loss_image(target)[2]
    assert smoothed != pytest.approx(hard)
    assert view.color_bar.levels() == pytest.approx(smoothed)
    np.testing.assert_array_equal(shown_colours(view), expected_colours(target))


def test_the_colour_bar_names_the_loss_and_its_image_follows_it(view, session):
    assert view.color_bar.label() == "loss H(t, p)"
    computed = view.image_computations
    session.set_state(replace(session.state, loss="squared_error"))
    assert view.color_bar.label() == "squared error"
    assert view.image_computations == computed + 1
    squared = state_loss_of(session.state)
    np.testing.assert_array_equal(shown_colours(view), expected_colours(np.eye(3)[0], squared))
    assert view.color_bar.levels() == pytest.approx(
        simplex_loss_image(np.eye(3)[0], loss=squared)[2]
    )
    session.set_state(replace(session.state, loss="cross_entropy"))  # cached: not recomputed
    assert view.color_bar.label() == "loss H(t, p)"
    assert view.image_computations == computed + 1
    np.testing.assert_array_equal(shown_colours(view), expected_colours(np.eye(3)[0]))


def test_loss_images_are_read_only():
    image = simplex_loss_image(np.array([1.0, 0.0, 0.0]), resolution=20)[0]
    assert not image.flags.writeable
