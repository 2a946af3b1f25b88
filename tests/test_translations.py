"""The zh_CN catalogue: in step with the source, compiled, well-formed, and loaded."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from explorer.i18n import (
    HAN_FAMILIES,
    LANGUAGE_VARIABLE,
    LANGUAGES,
    TRANSLATIONS_FOLDER,
    install_language,
    installed_language,
    with_han_families,
)

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = TRANSLATIONS_FOLDER / "explorer_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
BIN = Path(sys.executable).parent


def _tool(name):
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return str(path)


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file):
    """{(context, source): (translation, type)} of the entries lupdate still finds."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type")
            if kind in ("obsolete", "vanished"):
                continue
            found[(name, message.findtext("source"))] = (translation.text or "", kind)
    return found


def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    _tool("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)
    _script().lupdate(fresh, "-silent")
    assert set(messages(fresh)) == set(messages(TS_FILE)), (
        "run scripts/update_translations.py and translate what it adds"
    )


def test_the_committed_qm_is_the_compiled_ts(tmp_path):
    compiled = tmp_path / "explorer_zh_CN.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(compiled)], check=True
    )
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run scripts/update_translations.py"


def test_every_entry_is_translated(tmp_path):
    result = subprocess.run(
        [_tool("pyside6-lrelease"), "-fail-on-unfinished", str(TS_FILE), "-qm",
         str(tmp_path / "strict.qm")],
        capture_output=True, text=True,
    )  # fmt: skip
    unfinished = [key for key, (_, kind) in messages(TS_FILE).items() if kind == "unfinished"]
    assert result.returncode == 0, f"translate {unfinished[:10]} (GLOSSARY.md has the terms)"


PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
ACCELERATOR = re.compile(r"&(?!&|[a-z]+;|#)")


@pytest.mark.parametrize(("what", "pattern"), [("placeholders", PLACEHOLDER), ("HTML tags", TAG)])
def test_translations_keep_the_placeholders_and_tags(what, pattern):
    broken = [
        (context, source, translation)
        for (context, source), (translation, kind) in messages(TS_FILE).items()
        if kind != "unfinished"
        and sorted(pattern.findall(source)) != sorted(pattern.findall(translation))
    ]
    assert not broken, f"{what} changed: {broken[:5]}"


def test_translations_keep_the_keyboard_accelerators():
    broken = [
        (context, source, translation)
        for (context, source), (translation, kind) in messages(TS_FILE).items()
        if kind != "unfinished"
        and len(ACCELERATOR.findall(source)) != len(ACCELERATOR.findall(translation))
    ]
    assert not broken, broken[:5]


@pytest.fixture
def chinese(qapp):
    assert install_language("zh_CN")
    yield
    install_language("en")


def test_languages():
    from explorer.cli import LANGUAGES as CLI_LANGUAGES

    assert CLI_LANGUAGES == LANGUAGES
    with pytest.raises(ValueError, match="unknown language"):
        install_language("fr")


def test_a_window_built_in_chinese_speaks_chinese(chinese, qtbot):
    from explorer.app import create_main_window

    assert installed_language() == "zh_CN"
    window = create_main_window()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "文件(&F)" in titles
    # Qt's own catalogue is loaded too: standard buttons speak Chinese.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_back_to_english(chinese):
    install_language("en")
    assert installed_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_render_in_chinese_writes_a_figure(tmp_path):
    from explorer.cli import render_command

    before = installed_language()
    chinese, english = tmp_path / "zh.svg", tmp_path / "en.svg"
    assert render_command(["--lang", "zh_CN", "--size", "800x500", "-o", str(chinese)]) == 0
    assert installed_language() == before
    assert render_command(["--lang", "en", "--size", "800x500", "-o", str(english)]) == 0
    han = re.compile("[\u4e00-\u9fff]+")
    assert {"概率", "损失曲面", "梯度"} <= set(han.findall(chinese.read_text(encoding="utf-8")))
    assert not han.findall(english.read_text(encoding="utf-8"))


def test_render_refuses_an_unknown_language_in_one_line(tmp_path, capsys):
    from explorer.cli import render_command

    assert render_command(["--lang", "fr", "-o", str(tmp_path / "f.png")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--lang" in error


def test_every_preset_title_is_marked_for_translation():
    from explorer.scenes import PRESET_TITLES, preset_paths, preset_title

    assert {preset_title(path) for path in preset_paths()} == set(PRESET_TITLES)


def test_the_presets_menu_speaks_chinese(chinese, qtbot):
    from explorer.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.presets_menu.actions()]
    assert "高置信度的错误预测" in titles


def test_the_application_font_lists_simplified_chinese_faces():
    script = (
        "from explorer.app import ensure_application\n"
        "from PySide6.QtGui import QFont\n"
        "app = ensure_application()\n"
        "from PySide6.QtGui import QFontInfo\n"
        "print('|'.join(QFont().families()))\n"
        "print(QFontInfo(QFont()).family())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    listed, drawn = result.stdout.strip().splitlines()
    families = listed.split("|")
    latin = families[: len(families) - len(HAN_FAMILIES)]
    assert families[len(latin) :] == list(HAN_FAMILIES), result.stderr
    assert latin and not set(latin) & set(HAN_FAMILIES)  # the Latin faces first
    # Latin text is drawn in the Latin face, even where a Han face is installed (a
    # generic first family such as "Sans Serif" let Qt pick WenQuanYi for every letter).
    assert drawn == latin[0] and drawn not in HAN_FAMILIES


def test_han_text_is_drawn_with_a_simplified_chinese_face(qapp):
    from PySide6.QtGui import QFontDatabase, QTextLayout

    installed = [family for family in HAN_FAMILIES if family in QFontDatabase.families()]
    if not installed:
        pytest.skip("no Simplified Chinese font (Debian: fonts-noto-cjk or fonts-wqy-microhei)")
    layout = QTextLayout("直门骨 概率", with_han_families(qapp.font()))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    faces = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert faces & set(HAN_FAMILIES), faces
    assert not any("JP" in face for face in faces), faces


@pytest.mark.parametrize(
    ("locale", "override", "expected"),
    [
        ("zh_CN.UTF-8", None, "zh_CN"),
        ("zh_SG.UTF-8", None, "zh_CN"),
        ("zh_TW.UTF-8", None, "en"),
        ("zh_HK.UTF-8", None, "en"),
        ("de_DE.UTF-8", None, "en"),
        ("zh_CN.UTF-8", "en", "en"),
        ("C.UTF-8", "zh_CN", "zh_CN"),
        ("C.UTF-8", "fr", "en"),
    ],
)
def test_the_language_follows_the_locale_unless_overridden(locale, override, expected):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LC_") and name not in ("LANG", "LANGUAGE", LANGUAGE_VARIABLE)
    }
    environment["LANG"] = locale
    if override is not None:
        environment[LANGUAGE_VARIABLE] = override
    result = subprocess.run(
        [sys.executable, "-c", "from explorer.i18n import preferred_language as p; print(p())"],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert result.stdout.strip() == expected, result.stderr
