"""The loss is picked in the target chooser; everything the window shows follows it."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer import core
from explorer.core.simplex import simplex_loss_image
from explorer.state import ExplorerState
from explorer.ui.heatmap_item import colour_indices


def _choose_loss(window, qtbot, key):
    combo = window.target_chooser.loss_combo
    combo.setFocus()
    # Keyboard only: Home, then Down to the entry (the combo's items are in LOSS_KEYS order).
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(key)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert window.state.loss == key


def test_confidently_wrong_the_squared_error_gradient_vanishes_in_the_readouts(window, qtbot):
    """Logits (0, 0, 8), label 0: CE pushes hard, squared error hardly at all."""
    window.set_state(ExplorerState(logits=(0.0, 0.0, 8.0), label=0))
    readouts = window.readouts
    assert readouts.values["ce_gradient"].isHidden()  # nothing to compare under CE
    ce_shown = float(readouts.values["gradient"].text())
    _choose_loss(window, qtbot, "squared_error")
    assert not readouts.values["ce_gradient"].isHidden()
    squared_shown = float(readouts.values["gradient"].text())
    assert float(readouts.values["ce_gradient"].text()) == pytest.approx(ce_shown, rel=1e-3)
    assert squared_shown < 0.01 * ce_shown
    # The shown numbers are the core's.
    logits = np.array([0.0, 0.0, 8.0])
    expected = np.linalg.norm(core.SquaredErrorLoss().gradient(logits, 0))
    assert squared_shown == pytest.approx(expected, rel=1e-3)
    assert "(1/3)" in readouts.formula.plain_text()
    assert "squared" in readouts.values["loss"].toolTip().lower()


def test_the_loss_choice_drives_surface_descent_and_simplex(window, qtbot):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=1))
    surface_before = window.session.derived.surface.loss.copy()
    _choose_loss(window, qtbot, "focal")
    state = window.state
    focal = core.FocalLoss(gamma=state.focal_gamma)
    surface = window.session.derived.surface
    assert not np.allclose(surface.loss, surface_before)
    a_index, b_index = len(surface.a_values) // 3, len(surface.b_values) // 2
    logits = np.array(state.logits)
    logits[0], logits[1] = surface.a_values[a_index], surface.b_values[b_index]
    assert surface.loss[b_index, a_index] == pytest.approx(focal.value(logits, 1), rel=1e-5)
    # A descent step follows the focal gradient.
    before = np.array(window.state.logits)
    window.session.step()
    expected = before - state.learning_rate * focal.gradient(before, 1)
    np.testing.assert_allclose(window.state.logits, expected, rtol=1e-12)
    # The simplex is coloured by the focal loss of p.
    image, _segments, levels = simplex_loss_image(np.eye(3)[1], loss=focal)
    shown = window.simplex_view.image_item.indices()
    np.testing.assert_array_equal(shown, colour_indices(image, levels))
    assert "focal" in window.simplex_view.color_bar.label()


def test_gamma_is_typed_and_refused_out_of_range(window, qtbot):
    chooser = window.target_chooser
    assert not chooser.gamma_edit.isEnabled()  # only for the focal loss
    _choose_loss(window, qtbot, "focal")
    assert chooser.gamma_edit.isEnabled()
    chooser.gamma_edit.setFocus()
    chooser.gamma_edit.selectAll()
    qtbot.keyClicks(chooser.gamma_edit, "0.5")
    qtbot.keyClick(chooser.gamma_edit, Qt.Key.Key_Return)
    assert window.state.focal_gamma == 0.5
    assert "0.5" in window.readouts.formula.plain_text()
    chooser.gamma_edit.selectAll()
    qtbot.keyClicks(chooser.gamma_edit, "11")
    qtbot.keyClick(chooser.gamma_edit, Qt.Key.Key_Return)
    assert window.state.focal_gamma == 0.5  # refused, with a message
    assert window.message_bar.isVisible()


def test_undo_returns_to_the_previous_loss(window, qtbot):
    _choose_loss(window, qtbot, "squared_error")
    window.undo_action.trigger()
    assert window.state.loss == "cross_entropy"
    assert window.target_chooser.loss_combo.currentData() == "cross_entropy"


# The target: label, soft target and temperature ----------------------------------------


def test_choosing_label_changes_gradient_plot(window, qtbot):
    before = np.array(window.gradient_plot.bars.heights)
    window.target_chooser.label_combo.setCurrentIndex(2)
    assert window.state.label == 2
    after = np.array(window.gradient_plot.bars.heights)
    assert not np.allclose(before, after)
    expected = core.cross_entropy_grad(np.asarray(window.state.logits), 2)
    np.testing.assert_allclose(after, expected, rtol=1e-12)


def test_soft_fields_show_the_label_chosen_while_they_were_hidden(window):
    """The hidden soft-target fields are filled when they are shown, not on every change."""
    chooser = window.target_chooser
    chooser.label_combo.setCurrentIndex(2)
    chooser.soft_radio.setChecked(True)
    assert [edit.value() for edit in chooser.soft_edits] == [0.0, 0.0, 1.0]
    chooser.hard_radio.setChecked(True)
    chooser.label_combo.setCurrentIndex(1)
    window.session.undo()  # back to label 2, hard
    chooser.soft_radio.setChecked(True)
    assert [edit.value() for edit in chooser.soft_edits] == [0.0, 0.0, 1.0]
    window.session.undo()  # back to the hard label: the fields hide again
    window.session.redo()  # and the soft target returns with its values
    assert [edit.value() for edit in chooser.soft_edits] == [0.0, 0.0, 1.0]


def test_a_slider_drag_is_one_undo_step(window):
    before = window.state
    slider = window.target_chooser.temperature_slider
    slider.sliderPressed.emit()
    for position in range(200, 260, 5):
        slider.setValue(position)
    slider.sliderReleased.emit()
    assert window.state.temperature != before.temperature
    window.session.undo()
    assert window.state == before
