"""Stored preferences of every type and shape: a bad one is ignored, never fatal."""

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings

from explorer.app import create_main_window, ensure_application
from explorer.scenes import save_scene


@pytest.fixture
def settings(qapp):
    ensure_application()
    stored = QSettings()
    stored.clear()
    yield stored
    stored.clear()


def _window(qtbot):
    window = create_main_window()
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("geometry", 42),
        ("geometry", "not a geometry"),
        ("geometry", QByteArray(b"\x00garbage")),
        ("windowState", QRect(1, 2, 3, 4)),
        ("windowState", QByteArray(b"\xff" * 40)),
        ("fontScale", "huge"),
        ("fontScale", [1.5]),
        ("fontScale", 7.0),
        ("theme", QByteArray(b"dark")),
        ("theme", 3),
        ("recentFiles", 42),
        ("recentFiles", [1, None, "", b"x"]),
        ("lessonCaptions", QRect()),
    ],
)
def test_a_bad_setting_is_ignored_and_the_app_starts(settings, qtbot, caplog, key, value):
    settings.setValue(key, value)
    settings.sync()
    with caplog.at_level(logging.WARNING):
        window = _window(qtbot)
    window.show()
    assert window.theme_name in ("light", "dark", "contrast")
    assert window.font_scale in (1.0, 1.25, 1.5, 2.0)
    assert all(action.text() for action in window.recent_menu.actions())


def test_a_byte_array_theme_does_not_break_saving(settings, qtbot, tmp_path):
    settings.setValue("theme", QByteArray(b"dark"))
    window = _window(qtbot)
    assert window.theme_name == "light"
    window.close()
    assert QSettings().value("theme") == "light"  # written back as the name it used
    assert window.save_scene_to(tmp_path / "scene.json")


def test_good_settings_are_kept(settings, qtbot, tmp_path):
    scene = tmp_path / "lecture.json"
    save_scene(create_main_window().state, scene)
    settings.setValue("theme", "contrast")
    settings.setValue("fontScale", "1.25")
    settings.setValue("recentFiles", [str(scene)])
    window = _window(qtbot)
    assert window.theme_name == "contrast" and window.font_scale == 1.25
    assert [action.text() for action in window.recent_menu.actions()] == ["lecture.json"]


def test_a_scene_with_a_non_utf8_name_reopens_from_open_recent(settings, qtbot, tmp_path):
    folder = os.fsencode(tmp_path)
    odd = os.fsdecode(folder + b"/lecture-\xff\xfe.json")  # not UTF-8: lone surrogates
    first = _window(qtbot)
    first.set_state(first.state.with_logit(0, 4.0))
    assert first.save_scene_to(odd)
    first.close()
    second = _window(qtbot)  # the recent files as the first window left them
    action = second.recent_menu.actions()[0]
    assert action.text() == "lecture-\ufffd\ufffd.json"  # shown, with replacement marks
    action.trigger()
    assert second.state.logits[0] == 4.0
    assert second.scene_path == Path(odd)
