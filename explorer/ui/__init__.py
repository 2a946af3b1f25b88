"""The Qt side of the explorer: views, the main window, figures and their export.

Importing this package imports pyqtgraph, the way that keeps start-up short (see
:mod:`explorer.ui.pyqtgraph_shim`); every module here then imports it as usual.
"""

from __future__ import annotations

from .pyqtgraph_shim import import_pyqtgraph

import_pyqtgraph()


def configure_pyqtgraph() -> None:
    """Set the global pyqtgraph options every view expects."""
    import pyqtgraph as pg

    # pyqtgraph drops mouse moves closer than 10 ms apart (mouseRateLimit=100), so a bar
    # could stop short of the pointer; Qt already merges moves when the loop is busy.
    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major", mouseRateLimit=0)
