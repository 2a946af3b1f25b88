"""Adding, selecting, moving and deleting points through the real regions plot."""

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest

from ..mouse import drag, send_mouse, view_to_viewport


def pixel(lab, x, y):
    view = lab.regions_view
    return view_to_viewport(view.canvas, view.view_box, x, y)


def click(lab, x, y, button=Qt.MouseButton.LeftButton):
    canvas = lab.regions_view.canvas
    position = pixel(lab, x, y)
    send_mouse(canvas.viewport(), QEvent.Type.MouseButtonPress, position, button, button)
    send_mouse(
        canvas.viewport(), QEvent.Type.MouseButtonRelease, position, button, Qt.MouseButton.NoButton
    )


def empty_spot(lab):
    """A data position well inside the view and far (in pixels) from every point."""
    (xmin, xmax), (ymin, ymax) = lab.regions_view.view_box.viewRange()
    points = lab.model.dataset.points
    for fx in np.linspace(0.1, 0.9, 9):
        for fy in np.linspace(0.1, 0.9, 9):
            x, y = xmin + fx * (xmax - xmin), ymin + fy * (ymax - ymin)
            if np.min(np.hypot(points[:, 0] - x, points[:, 1] - y)) > 0.25:
                return x, y
    raise AssertionError("no empty spot")


def test_click_on_empty_ground_adds_a_point_of_the_chosen_class(lab):
    lab.controls.add_class.setCurrentIndex(2)
    before = len(lab.model.dataset)
    x, y = empty_spot(lab)
    click(lab, x, y)
    dataset = lab.model.dataset
    assert len(dataset) == before + 1
    assert dataset.labels[-1] == 2
    width, height = lab.regions_view.view_box.viewPixelSize()
    assert abs(dataset.points[-1, 0] - x) <= 2 * width
    assert abs(dataset.points[-1, 1] - y) <= 2 * height
    assert lab.model.selection == (before,)  # the new point is selected, the table shows it
    assert lab.points_table.rowCount() == 1
    assert lab.points_table.item(0, 1).text() == "2"


def test_click_on_a_point_selects_it_and_ctrl_click_adds(lab):
    points = lab.model.dataset.points
    click(lab, *points[5])
    assert lab.model.selection == (5,)
    canvas = lab.regions_view.canvas
    position = pixel(lab, *points[40])
    QTest.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, position
    )
    assert lab.model.selection == (5, 40)
    assert lab.points_table.rowCount() == 2
    assert [lab.points_table.item(row, 0).text() for row in range(2)] == ["5", "40"]
    assert len(lab.model.dataset) == 60  # selecting added nothing


def test_dragging_a_point_moves_it(lab):
    start = lab.model.dataset.points[7].copy()
    x, y = empty_spot(lab)
    drag(lab.regions_view.canvas, pixel(lab, *start), pixel(lab, x, y))
    moved = lab.model.dataset.points[7]
    width, height = lab.regions_view.view_box.viewPixelSize()
    assert abs(moved[0] - x) <= 2 * width and abs(moved[1] - y) <= 2 * height
    assert len(lab.model.dataset) == 60
    assert lab.model.dataset.labels[7] == 0
    assert not lab.regions_view._drag  # the drag ended


def test_right_click_removes_a_point(lab):
    target = lab.model.dataset.points[12].copy()
    click(lab, *target, button=Qt.MouseButton.RightButton)
    dataset = lab.model.dataset
    assert len(dataset) == 59
    assert not np.any(np.all(dataset.points == target, axis=1))


def test_delete_key_removes_the_selected_point(lab):
    target = lab.model.dataset.points[30].copy()
    click(lab, *target)
    assert lab.model.selection == (30,)
    QTest.keyClick(lab.regions_view.canvas, Qt.Key.Key_Delete)
    dataset = lab.model.dataset
    assert len(dataset) == 59
    assert not np.any(np.all(dataset.points == target, axis=1))
    assert lab.model.selection == ()
    assert not lab.open_button.isEnabled()


def test_generate_makes_the_chosen_data(lab):
    controls = lab.controls
    controls.kind.setCurrentIndex(controls.kind.findData("rings"))
    controls.classes.setValue(4)
    controls.point_count.setValue(120)
    controls.generate_button.click()
    dataset = lab.model.dataset
    assert len(dataset) == 120 and dataset.classes == 4
    assert lab.model.trainer.W.shape == (3, 4)
    assert controls.add_class.count() == 4
    assert lab.points_table.columnCount() == 4 + 2 * 4
