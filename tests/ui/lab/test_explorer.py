"""From the lab to one example: "Open in explorer" sends a point's logits and class."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from explorer.ui.lab import LabWindow
from explorer.ui.widgets import format_fixed

from ..mouse import send_mouse, view_to_viewport
from .conftest import small_scene


def click_point(lab, index):
    view = lab.regions_view
    position = view_to_viewport(view.canvas, view.view_box, *lab.model.dataset.points[index])
    left = Qt.MouseButton.LeftButton
    send_mouse(view.canvas.viewport(), QEvent.Type.MouseButtonPress, position, left, left)
    send_mouse(
        view.canvas.viewport(),
        QEvent.Type.MouseButtonRelease,
        position,
        left,
        Qt.MouseButton.NoButton,
    )


@pytest.fixture
def lab_of(window, qtbot):
    """The main window's lab (Tools > Classifier lab), on the small scene; closed after."""
    window.lab_action.trigger()
    lab = window.lab_window
    assert lab.isVisible() and lab.session is window.session
    lab.model.load_scene(small_scene())
    lab.resize(1100, 700)
    qtbot.waitExposed(lab)
    qtbot.wait(50)  # the new layout settles before pixels are mapped
    yield lab
    lab.close()


def test_open_in_explorer_sends_the_points_scores_and_class(window, lab_of):
    lab = lab_of
    lab.step(25)
    before = window.state
    points = lab.model.dataset.points
    distances = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distances, np.inf)
    index = int(np.argmax(distances.min(axis=1)))  # the most isolated point
    click_point(lab, index)
    assert lab.model.selection == (index,)
    detail = lab.model.trainer.point_details([index])[0]
    assert lab.points_table.item(0, 4).text() == format_fixed(detail["scores"][0], 3)
    lab.open_button.click()
    state = window.state
    assert np.allclose(state.logits, detail["scores"], rtol=1e-12, atol=1e-12)
    assert state.label == detail["label"] == lab.model.dataset.labels[index]
    assert state.num_classes == 3 and state.soft_target is None
    # The main window's readouts show the point's probabilities.
    assert np.allclose(window.session.derived.analysis.probabilities, detail["probabilities"])
    # It went through the shared session: undo in the main window goes back.
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.state == before


def test_open_in_explorer_needs_a_selection(lab_of):
    lab_of.model.select(())
    assert not lab_of.open_button.isEnabled()
    assert not lab_of.open_in_explorer()
    assert lab_of.message_bar.isVisible()


def test_a_lab_opened_alone_opens_a_main_window(qtbot):
    lab = LabWindow(scene=small_scene())
    qtbot.addWidget(lab)
    lab.show()
    lab.model.select([4])
    try:
        assert lab.open_in_explorer()
        explorer = lab.explorer_window
        assert explorer is not None and explorer.isVisible()
        detail = lab.model.trainer.point_details([4])[0]
        assert np.allclose(explorer.state.logits, detail["scores"])
        assert explorer.state.label == detail["label"]
    finally:
        lab.close()
        if lab.explorer_window is not None:
            lab.explorer_window.close()
            lab.explorer_window.deleteLater()
        QApplication.processEvents()


def _weights_with_bias(lab, bias):
    weights = np.zeros(lab.model.trainer.W.shape)
    weights[-1] = bias
    return weights


def test_scores_near_the_logit_limit_still_open_in_the_explorer(window, lab_of):
    # 9e5 is within the explorer's logit limit (1e6); the loss surface's range around it
    # must be clipped to the state's surface limit, not refused with a message about it.
    lab = lab_of
    lab.model.set_weights(_weights_with_bias(lab, [9e5, -9e5, 0.0]))
    lab.model.select([0])
    assert lab.open_in_explorer()
    assert window.state.logits == (9e5, -9e5, 0.0)
    assert max(abs(value) for value in window.state.surface_range) <= 1e6


def test_scores_beyond_the_logit_limit_give_a_message_and_change_nothing(window, lab_of):
    lab = lab_of
    before = window.state
    lab.model.set_weights(_weights_with_bias(lab, [2e6, 0.0, 0.0]))
    lab.model.select([0])
    assert not lab.open_in_explorer()
    assert lab.message_bar.isVisible() and "too large" in lab.message_bar.text()
    assert window.state == before


def test_eight_classes_open_in_the_explorer(window, lab_of):
    from explorer.core.lab import FeatureConfig, LabScene, TrainConfig, make_dataset

    lab = lab_of
    lab.model.load_scene(
        LabScene(
            make_dataset("blobs", classes=8, points=40, seed=2), FeatureConfig(), TrainConfig()
        )
    )
    lab.model.select([37])
    assert lab.open_in_explorer()
    detail = lab.model.trainer.point_details([37])[0]
    assert window.state.num_classes == 8 and window.state.label == detail["label"] == 7
    assert np.allclose(window.state.logits, detail["scores"])
