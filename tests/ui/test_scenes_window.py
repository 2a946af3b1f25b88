from dataclasses import replace

from PySide6.QtCore import Qt

from explorer.app import create_main_window
from explorer.scenes import load_scene, preset_paths

from .mouse import drag, view_to_viewport


def test_save_then_open_gives_an_equal_state(window, tmp_path):
    state = replace(window.state, logits=(0.5, 1.5, -2.0), label=2, temperature=3.0)
    window.set_state(state)
    assert window.save_scene_to(tmp_path / "s.json")
    window.set_state(replace(state, label=0))
    assert window.open_scene(tmp_path / "s.json")
    assert window.state == state
    assert window.scene_path == tmp_path / "s.json"
    assert window.recent_menu.actions()[0].text() == "s.json"


def test_corrupt_scene_changes_nothing(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    before = window.state
    (tmp_path / "bad.json").write_text('{"version": 1, "logits": [1, 2')
    assert not window.open_scene(tmp_path / "bad.json")
    assert window.state == before
    assert shown and "bad.json" in shown[0]
    assert window.message_bar.isVisible()


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
