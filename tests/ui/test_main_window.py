"""The main window: its panels and docks together, menus (scenes, presets, theme, text
size, presentation), undo and redo, and what every view shows of one state."""

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from explorer import core
from explorer.app import create_main_window
from explorer.scenes import load_scene, preset_paths
from explorer.state import ExplorerState
from explorer.ui.widgets import NumberEdit

from .mouse import drag, type_into, view_to_viewport


def test_object_names_and_accessible_names(window):
    for name in (
        "logitEditor",
        "probabilityPlot",
        "gradientPlot",
        "lossSurfacePlot",
        "targetChooser",
    ):
        widget = window.findChild(type(window.logit_editor).__mro__[-3], name)
        assert widget is not None, name
        assert widget.accessibleName()


def test_changing_k_rebuilds_every_plot(window, qtbot):
    window.logit_editor.class_count.setValue(7)
    assert window.state.num_classes == 7
    assert len(window.logit_editor.bars.heights) == 7
    assert len(window.probability_plot.bars.heights) == 7
    assert len(window.gradient_plot.bars.heights) == 7
    assert len(window.logit_editor.value_edits) == 7
    assert window.target_chooser.label_combo.count() == 7
    assert window.surface_view.axis_a.count() == 7
    assert not window.docks["simplex"].isVisible()
    window.logit_editor.class_count.setValue(3)
    assert window.docks["simplex"].isVisible()


def test_set_state_updates_every_widget(window):
    state = ExplorerState(
        logits=(0.5, -1.0, 3.0, 2.0),
        label=3,
        temperature=2.0,
        label_smoothing=0.2,
        class_names=("cat", "dog", "", "fox"),
        surface_axes=(2, 3),
        learning_rate=0.5,
    )
    window.set_state(state)
    assert window.state == state
    assert [edit.value() for edit in window.logit_editor.value_edits] == list(state.logits)
    assert window.logit_editor.name_edits[0].text() == "cat"
    assert window.target_chooser.label_combo.currentIndex() == 3
    assert window.target_chooser.temperature_edit.value() == 2.0
    assert window.target_chooser.smoothing_slider.value() == 20
    assert window.surface_view.axis_a.currentIndex() == 2
    assert window.surface_view.axis_b.currentIndex() == 3
    assert window.surface_view.learning_rate.value() == 0.5
    probabilities = core.softmax(np.asarray(state.logits), temperature=2.0)
    np.testing.assert_array_equal(window.probability_plot.bars.heights, probabilities)
    assert window.readouts.values["predicted"].text() == "2: class 2"


def test_widget_edits_produce_new_states(window, qtbot):
    editor = window.logit_editor.value_edits[2]
    type_into(qtbot, editor, "-1.25")
    assert window.state.logits[2] == -1.25

    window.target_chooser.temperature_edit.setText("0.5")
    window.target_chooser.temperature_edit.setModified(True)
    window.target_chooser.temperature_edit.editingFinished.emit()
    assert window.state.temperature == 0.5

    window.target_chooser.smoothing_slider.setValue(10)
    assert window.state.label_smoothing == pytest.approx(0.1)

    window.target_chooser.soft_radio.setChecked(True)
    assert window.state.soft_target == (1.0, 0.0, 0.0)
    soft = window.target_chooser.soft_edits[1]
    soft.setText("0.4")
    soft.setModified(True)
    soft.editingFinished.emit()
    assert window.state.soft_target == pytest.approx((0.6, 0.4, 0.0))

    window.surface_view.axis_b.setCurrentIndex(2)
    assert window.state.surface_axes == (0, 2)
    window.surface_view.field_check.setChecked(False)
    assert window.state.show_field is False
    assert len(window.surface_view.field_arrows.data()) == 0


def test_huge_logits_show_correct_probabilities(window):
    window.set_state(replace(window.state, logits=(1e4, 9999.0, -1e4)))
    expected = core.softmax(np.array([1e4, 9999.0, -1e4]))
    np.testing.assert_array_equal(window.probability_plot.bars.heights, expected)
    assert np.all(np.isfinite(window.session.derived.surface.loss))
    assert window.readouts.values["loss"].text() == "0.3133"


def test_a_very_long_typed_entry_does_not_widen_the_window(window, qtbot):
    width = window.width()
    edit = window.logit_editor.findChild(NumberEdit, "logitValue0")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "x" * 3000)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert window.message_bar.isVisible()
    assert len(window.message_bar.text()) < 500 and "…" in window.message_bar.text()
    assert window.width() == width
    assert window.minimumSizeHint().width() < 1400


def test_class_names_are_not_markup(window):
    window.set_state(replace(window.state, class_names=("x<y", "<b>dog</b>", "")))
    label = window.surface_view.plot.getAxis("bottom").labelString()
    assert "x&lt;y" in label
    assert window.readouts.values["predicted"].textFormat() == Qt.TextFormat.PlainText


def test_window_state_is_replaced_not_mutated(window):
    state = ExplorerState(logits=(0.0, 1.0))
    window.set_state(state)
    assert window.state is state and np.isfinite(window.session.derived.analysis.kl_to_target)


# Scenes ---------------------------------------------------------------------------------


@contextmanager
def _answering_the_next_dialog(answer):
    """While inside, the first modal dialog that opens is handed to ``answer`` (which
    closes it); none is looked for afterwards."""
    timer = QTimer()
    timer.setInterval(10)

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            answer(dialog)

    timer.timeout.connect(look)
    timer.start()
    try:
        yield
    finally:
        timer.stop()


def test_save_then_open_gives_an_equal_state(window, tmp_path):
    state = replace(window.state, logits=(0.5, 1.5, -2.0), label=2, temperature=3.0)
    window.set_state(state)
    assert window.save_scene_to(tmp_path / "s.json")
    window.set_state(replace(state, label=0))
    assert window.open_scene(tmp_path / "s.json")
    assert window.state == state
    assert window.scene_path == tmp_path / "s.json"
    assert window.recent_menu.actions()[0].text() == "s.json"


def test_corrupt_scene_changes_nothing(window, tmp_path):
    shown = []

    def read_and_close(dialog):
        shown.append(dialog.text() if isinstance(dialog, QMessageBox) else None)
        dialog.close()

    before = window.state
    (tmp_path / "bad.json").write_text('{"version": 1, "logits": [1, 2')
    with _answering_the_next_dialog(read_and_close):
        assert not window.open_scene(tmp_path / "bad.json")
    assert window.state == before
    assert shown and "bad.json" in shown[0]
    assert window.message_bar.isVisible()


def test_a_scene_given_on_the_command_line_can_be_saved_again(window, qtbot, tmp_path):
    window.remember_scene(tmp_path / "start.json")
    assert isinstance(window.scene_path, Path)
    window.set_state(window.state.with_logit(0, -1.5))
    window.save_action.trigger()  # Save writes there, asking nothing
    assert load_scene(tmp_path / "start.json") == window.state
    # Save as... opens in the scene's folder.
    folders = []

    def read_and_cancel(dialog):
        folders.append(
            Path(dialog.directory().absolutePath()) if isinstance(dialog, QFileDialog) else None
        )
        dialog.reject()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with _answering_the_next_dialog(read_and_cancel):
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_S, modifiers)
    assert folders == [tmp_path]


def test_presets_open_from_the_menu(window):
    actions = window.presets_menu.actions()
    assert len(actions) == len(preset_paths())
    actions[1].trigger()
    assert window.state == load_scene(preset_paths()[1])


def test_undo_redo_of_a_drag(window, qtbot):
    editor = window.logit_editor
    before = window.state
    start = view_to_viewport(editor.plot_widget, editor.view_box, 0, before.logits[0])
    drag(editor.plot_widget, start, start + type(start)(0, 50), steps=10)
    dragged = window.state
    assert dragged.logits[0] < before.logits[0]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.state == before
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.state == dragged


def test_theme_and_font_scale(window):
    window.theme_actions.actions()[1].trigger()
    assert window.theme_name == "dark"
    assert not window.session.can_undo()  # a preference, not an edit of the scene
    assert window.settings.value("theme") == "dark"
    assert window.probability_plot.theme.name == "dark"
    window.set_font_scale(1.5)
    assert all(view.font_scale == 1.5 for view in window.views)


def test_presentation_mode_round_trip(window):
    window.hide_panels_action.setChecked(True)
    window.presentation_action.trigger()
    assert window.font_scale == 1.5
    assert not window.docks["logits"].isVisible()
    window.presentation_action.trigger()
    assert window.font_scale == 1.0
    assert window.docks["logits"].isVisible()


def test_opening_a_preset_or_an_old_scene_keeps_the_chosen_theme(window, tmp_path):
    window.set_theme("dark")
    assert window.open_scene(preset_paths()[0], remember=False)
    old = tmp_path / "old.json"
    old.write_text('{"version": 1, "logits": [1, 2, 3], "label": 2, "theme": "light"}')
    assert window.open_scene(old)
    assert window.state.logits == (1.0, 2.0, 3.0) and window.state.loss == "cross_entropy"
    assert window.theme_name == "dark"
    assert {view.theme.name for view in window.views} == {"dark"}
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.theme_name == "dark"  # undo walks scenes, never the theme


def test_the_theme_is_remembered_for_the_next_window(window_factory, qtbot):
    first = window_factory()
    first.set_theme("contrast")
    first.close()
    second = create_main_window()  # the settings as the first left them
    qtbot.addWidget(second)
    assert second.theme_name == "contrast"
    assert second.probability_plot.theme.name == "contrast"
