"""The model layer (core, state, scenes) must import without Qt: check in a fresh interpreter."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
QT_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")


def loaded_modules(*statements: str) -> list[str]:
    """Run ``statements`` in a fresh interpreter and return its ``sorted(sys.modules)``."""
    code = "\n".join([*statements, "import sys", "print('\\n'.join(sorted(sys.modules)))"])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    # Nothing Qt-related may sneak in through the environment either.
    env.pop("PYTHONSTARTUP", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def qt_modules(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0].startswith(QT_PREFIXES)]


def test_importing_the_core_loads_no_qt():
    modules = loaded_modules("import explorer.core", "from explorer.core import *")
    # The child really imported the core from this repository (the list is not empty noise).
    assert "explorer.core" in modules and "explorer.core.surface" in modules
    assert "numpy" in modules
    assert qt_modules(modules) == []


def test_every_core_module_loads_no_qt():
    # Not only what explorer.core re-exports: every module in the package, found at run time.
    modules = loaded_modules(
        "import importlib, pkgutil, explorer.core",
        "names = [info.name for info in pkgutil.iter_modules(explorer.core.__path__)]",
        "assert len(names) >= 6, names",
        "[importlib.import_module('explorer.core.' + name) for name in names]",
    )
    assert "explorer.core.losses" in modules and "explorer.core.classifier" in modules
    assert qt_modules(modules) == []


def test_the_state_and_scenes_load_no_qt():
    # Used, not only imported: a refused state, a refused scene and a preset read through
    # importlib.resources must not pull Qt in lazily either.
    modules = loaded_modules(
        "import explorer.core, explorer.state, explorer.scenes",
        "from explorer.scenes import SceneError, load_scene, preset_paths, scene_from_text",
        "from explorer.state import ExplorerState, StateError",
        "assert load_scene(preset_paths()[0]).num_classes >= 2",
        "try:\n    ExplorerState(temperature=0)\nexcept StateError as error:\n    str(error)",
        "try:\n    scene_from_text('{\"version\": true}')\nexcept SceneError as error:\n"
        "    str(error)",
    )
    for name in ("explorer.core", "explorer.state", "explorer.scenes", "explorer.messages"):
        assert name in modules
    assert "explorer.i18n" not in modules
    assert qt_modules(modules) == []


@pytest.mark.skipif(importlib.util.find_spec("PySide6") is None, reason="PySide6 not installed")
def test_the_check_detects_qt():
    # Control: the same probe does see Qt when something imports it.
    modules = loaded_modules("import explorer.core", "import PySide6")
    assert "PySide6" in qt_modules(modules)
