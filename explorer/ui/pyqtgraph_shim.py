"""The one place the explorer relies on pyqtgraph's private behaviour: how it imports Qt.

:func:`import_pyqtgraph` imports pyqtgraph without having PySide6 build every Qt class at
once. pyqtgraph mirrors PySide6's QtCore, QtGui and QtWidgets in modules of its own
(``pyqtgraph.Qt.QtCore``, ...) and fills them by copying every name ``dir()`` lists;
PySide6 creates its classes and enums lazily, on first access, so that copy creates all of
them (some 700, about 370 of which the explorer never uses). Here the mirrors are modules
that take a name from PySide6 when it is first asked for, and while pyqtgraph loads,
PySide6's modules list no names to copy. Everything resolves to the same PySide6 objects
as before; only when they are created changes. It saves 6-9 % of the instructions from
process start to the first painted window (``benchmarks/bench_startup.py``'s child under
callgrind: 2.90 G against 3.09 G with pyqtgraph imported as usual).

What this assumes of pyqtgraph's internals, checked against the installed version by
``tests/ui/test_pyqtgraph_shim.py``:

1. ``pyqtgraph.Qt`` imports its mirrors as the submodules ``pyqtgraph.Qt.QtCore``,
   ``pyqtgraph.Qt.QtGui`` and ``pyqtgraph.Qt.QtWidgets``, so modules already in
   ``sys.modules`` under those names are the ones it uses.
2. It fills them with ``pyqtgraph.Qt._copy_attrs(source, mirror)``, which copies the names
   ``dir(source)`` lists that the mirror does not have.
3. ``pyqtgraph/__init__.py`` assigns ``__version__`` as a string literal (read before the
   import to tell whether 1 and 2 were checked for this version).

With a version not in :data:`TESTED_VERSIONS`, pyqtgraph is imported as usual: start-up
takes longer, nothing else changes.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from contextlib import contextmanager

#: pyqtgraph versions for which the test of the assumptions above has passed.
TESTED_VERSIONS = frozenset({"0.13.7", "0.14.0"})
#: The Qt modules pyqtgraph mirrors.
MIRRORED = ("QtCore", "QtGui", "QtWidgets")

_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


def pyqtgraph_version_on_disk() -> str | None:
    """The ``__version__`` pyqtgraph's ``__init__.py`` assigns, read without importing it."""
    spec = importlib.util.find_spec("pyqtgraph")
    if spec is None or spec.origin is None:
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            match = _VERSION.search(source.read(4096))
    except OSError:
        return None
    return match.group(1) if match else None


class LazyMirror(types.ModuleType):
    """A module that takes each missing attribute from ``source`` on first use."""

    def __init__(self, name: str, source: types.ModuleType):
        super().__init__(name)
        self.__source = source

    def __getattr__(self, attribute: str):
        source = self.__source
        if attribute == "__all__":  # ``import *`` takes everything the source has
            return [item for item in dir(source) if not item.startswith("_")]
        value = getattr(source, attribute)
        setattr(self, attribute, value)  # later lookups are plain dictionary hits
        return value

    def __dir__(self) -> list[str]:
        return sorted(set(dir(self.__source)) | set(vars(self)))


@contextmanager
def _listing_nothing(modules):
    """``dir()`` of each of ``modules`` is empty within the block (PEP 562 ``__dir__``)."""
    missing = object()
    saved = [(module, vars(module).get("__dir__", missing)) for module in modules]
    for module, _ in saved:
        module.__dir__ = list
    try:
        yield
    finally:
        for module, previous in saved:
            if previous is missing:
                del module.__dir__
            else:
                module.__dir__ = previous


def import_pyqtgraph() -> None:
    """Import pyqtgraph with lazy Qt mirrors (see the module's docstring).

    Nothing is done if pyqtgraph is already imported (a script imported it first), and the
    usual import is made if the installed version is not in :data:`TESTED_VERSIONS`.
    """
    if "pyqtgraph" in sys.modules:
        return
    if pyqtgraph_version_on_disk() not in TESTED_VERSIONS:
        import pyqtgraph  # noqa: F401

        return
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets

    sources = [getattr(PySide6, name) for name in MIRRORED]
    names = [f"pyqtgraph.Qt.{name}" for name in MIRRORED]
    for name, source in zip(names, sources, strict=True):
        sys.modules[name] = LazyMirror(name, source)
    try:
        with _listing_nothing(sources):
            import pyqtgraph  # noqa: F401
    except BaseException:
        for name in names:
            sys.modules.pop(name, None)
        raise


__all__ = ["MIRRORED", "TESTED_VERSIONS", "LazyMirror", "import_pyqtgraph"]
