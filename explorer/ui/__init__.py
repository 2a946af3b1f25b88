"""The Qt side of the explorer: views, the main window, figures and their export.

Importing this package imports pyqtgraph, the way that keeps start-up short (see
:func:`_import_pyqtgraph`); every module here then imports it as usual.
"""

from __future__ import annotations

import sys
import types


def _forwarding_module(name: str, source: types.ModuleType) -> types.ModuleType:
    """A module that takes each missing attribute from ``source`` on first use."""
    module = types.ModuleType(name)

    def __getattr__(attribute: str):  # noqa: N807 (PEP 562 module hook)
        if attribute == "__all__":  # ``import *`` takes everything the source has
            return [item for item in dir(source) if not item.startswith("_")]
        value = getattr(source, attribute)
        setattr(module, attribute, value)  # later lookups are plain dictionary hits
        return value

    def __dir__() -> list[str]:  # noqa: N807 (PEP 562 module hook)
        return sorted(set(dir(source)) | set(vars(module)))

    module.__getattr__ = __getattr__
    module.__dir__ = __dir__
    return module


def _import_pyqtgraph() -> None:
    """Import pyqtgraph without having PySide6 build every Qt class at once.

    pyqtgraph mirrors PySide6's QtCore, QtGui and QtWidgets in empty modules of its own
    (``pyqtgraph.Qt.QtCore``, ...) and fills them by copying every name ``dir()`` lists.
    PySide6 creates its classes and enums lazily, on first access, so that copy creates all
    of them (some 700): a quarter of a second of start-up, measured with
    ``python -X importtime``, for the few dozen the explorer uses. Here the mirrors are
    modules that take a name from PySide6 when it is first asked for, and while pyqtgraph
    loads, PySide6's modules list no names to copy. Everything resolves to the same
    PySide6 objects as before; only when they are created changes.

    If pyqtgraph is already imported (a script imported it first), nothing is done.
    """
    if "pyqtgraph" in sys.modules:
        return
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets

    sources = {
        "QtCore": PySide6.QtCore,
        "QtGui": PySide6.QtGui,
        "QtWidgets": PySide6.QtWidgets,
    }
    missing = object()
    saved_dir = {name: vars(module).get("__dir__", missing) for name, module in sources.items()}
    for name, module in sources.items():
        sys.modules[f"pyqtgraph.Qt.{name}"] = _forwarding_module(f"pyqtgraph.Qt.{name}", module)
        module.__dir__ = list  # nothing to copy while pyqtgraph loads
    try:
        import pyqtgraph  # noqa: F401
    except BaseException:
        for name in sources:
            sys.modules.pop(f"pyqtgraph.Qt.{name}", None)
        raise
    finally:
        for name, module in sources.items():
            if saved_dir[name] is missing:
                del module.__dir__
            else:
                module.__dir__ = saved_dir[name]


_import_pyqtgraph()


def configure_pyqtgraph() -> None:
    """Set the global pyqtgraph options every view expects."""
    import pyqtgraph as pg

    # pyqtgraph drops mouse moves closer than 10 ms apart (mouseRateLimit=100), so a bar
    # could stop short of the pointer; Qt already merges moves when the loop is busy.
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", mouseRateLimit=0)
