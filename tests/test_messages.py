"""The model's messages stay translatable: every template is marked where it is raised,
in its module's context, and pyside6-lupdate extracts exactly those templates."""

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

import explorer.scenes
import explorer.state

MODULES = [explorer.state, explorer.scenes]


def marked_templates(module) -> set[tuple[str, str]]:
    """``(context, text)`` of every ``_error(QT_TRANSLATE_NOOP(context, text), ...)``.

    Fails on an ``_error`` call whose template is not such a marker in the module's context.
    """
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_error"):
            continue
        marker = node.args[0] if node.args else None
        line = f"{Path(module.__file__).name}:{node.lineno}"
        assert isinstance(marker, ast.Call), f"{line}: the template is not marked"
        assert getattr(marker.func, "id", None) == "QT_TRANSLATE_NOOP", line
        assert not marker.keywords, f"{line}: lupdate misses keyword arguments"
        context, text = (ast.literal_eval(argument) for argument in marker.args)
        assert context == module._CONTEXT, f"{line}: context {context!r}"
        found.add((context, text))
    return found


def test_every_template_is_marked_in_its_modules_context():
    assert len(marked_templates(explorer.state)) >= 25
    assert len(marked_templates(explorer.scenes)) >= 8


def test_the_markers_are_what_lupdate_extracts(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    lupdate = lupdate or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    output = tmp_path / "model.ts"
    sources = [module.__file__ for module in MODULES]
    subprocess.run(
        [lupdate, *sources, "-ts", str(output)], check=True, capture_output=True, timeout=120
    )
    extracted = {
        (context.findtext("name"), message.findtext("source"))
        for context in ElementTree.parse(output).getroot().iter("context")
        for message in context.iter("message")
    }
    expected = set().union(*(marked_templates(module) for module in MODULES))
    # Besides the errors, the presets' titles, a table marked at module level.
    expected |= {("Presets", title) for title in explorer.scenes.PRESET_TITLES}
    assert extracted == expected
