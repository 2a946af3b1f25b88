"""What explorer/ui/pyqtgraph_shim.py assumes of pyqtgraph's internals, checked against the
installed pyqtgraph. A failure names the version and what to change."""

import inspect
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pyqtgraph
import pyqtgraph.Qt

from explorer.ui import pyqtgraph_shim as shim

VERSION = pyqtgraph.__version__
SHIM = Path(shim.__file__)
FIX = (
    "explorer/ui/pyqtgraph_shim.py relies on it: make import_pyqtgraph do without it, or "
    f"take {VERSION!r} out of its TESTED_VERSIONS (pyqtgraph is then imported as usual)."
)


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_installed_pyqtgraph_is_a_version_the_shim_was_checked_against():
    assert VERSION in shim.TESTED_VERSIONS, (
        f"pyqtgraph {VERSION} is not in TESTED_VERSIONS of explorer/ui/pyqtgraph_shim.py, so "
        "the explorer imports it the slow way. If the other tests here pass, add it there."
    )


def test_the_version_is_read_from_pyqtgraphs_init_without_importing_it():
    assert shim.pyqtgraph_version_on_disk() == VERSION, (
        f"pyqtgraph {VERSION}'s __init__.py no longer assigns __version__ as a literal "
        f"(read: {shim.pyqtgraph_version_on_disk()!r}): pyqtgraph_version_on_disk in {FIX}"
    )


def test_pyqtgraph_fills_its_qt_mirrors_with_the_names_dir_lists():
    copy = getattr(pyqtgraph.Qt, "_copy_attrs", None)
    assert callable(copy), (
        f"pyqtgraph {VERSION} has no pyqtgraph.Qt._copy_attrs: it fills its Qt mirrors some "
        f"other way. {FIX}"
    )
    assert list(inspect.signature(copy).parameters) == ["src", "dst"], (
        f"pyqtgraph {VERSION}'s pyqtgraph.Qt._copy_attrs takes "
        f"{inspect.signature(copy)}, not (src, dst). {FIX}"
    )
    source = types.ModuleType("source")
    source.listed, source.unlisted, source.both = 1, 2, 3
    source.__dir__ = lambda: ["listed", "both"]
    mirror = types.ModuleType("mirror")
    mirror.both = "the mirror's own"
    copy(source, mirror)
    assert vars(mirror).get("listed") == 1 and "unlisted" not in vars(mirror), (
        f"pyqtgraph {VERSION}'s _copy_attrs no longer copies exactly what dir(source) lists. {FIX}"
    )
    assert mirror.both == "the mirror's own", (
        f"pyqtgraph {VERSION}'s _copy_attrs overwrites names the mirror has. {FIX}"
    )
    source.__dir__ = list  # what the shim does while pyqtgraph loads
    emptied = types.ModuleType("emptied")
    copy(source, emptied)
    assert not {name for name in vars(emptied) if not name.startswith("__")}


def test_pyqtgraph_uses_the_mirror_modules_it_finds_in_sys_modules():
    output = _run(
        """
        import sys
        import explorer.ui
        import pyqtgraph, pyqtgraph.Qt
        from explorer.ui.pyqtgraph_shim import MIRRORED, LazyMirror

        for name in MIRRORED:
            mirror = getattr(pyqtgraph.Qt, name)
            print(
                name,
                type(mirror).__name__,
                isinstance(mirror, LazyMirror)
                and mirror is sys.modules[f"pyqtgraph.Qt.{name}"]
                and getattr(pyqtgraph, name) is mirror,
            )
        """
    )
    for line in output.splitlines():
        name, kind, taken = line.split()
        assert taken == "True", (
            f"pyqtgraph {VERSION} did not take the shim's pyqtgraph.Qt.{name} from "
            f"sys.modules (its mirror is a {kind}): it no longer imports its Qt mirrors as "
            f"submodules. {FIX}"
        )


def test_a_version_not_checked_is_imported_as_usual():
    _run(
        f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("shim", {str(SHIM)!r})
        shim = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(shim)
        shim.TESTED_VERSIONS = frozenset()
        shim.import_pyqtgraph()
        import PySide6.QtWidgets
        import pyqtgraph as pg
        from pyqtgraph.Qt import QtWidgets

        assert not isinstance(QtWidgets, shim.LazyMirror)
        assert QtWidgets.QDialog is PySide6.QtWidgets.QDialog
        assert len(vars(PySide6.QtWidgets)) >= len(dir(PySide6.QtWidgets)) / 2
        pg.mkQApp()
        plot = pg.PlotWidget()
        plot.plot([1, 2, 3])
        """
    )
