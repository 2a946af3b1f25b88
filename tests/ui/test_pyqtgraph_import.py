"""explorer.ui imports pyqtgraph without building every Qt class (start-up time)."""

import subprocess
import sys
import textwrap


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


def test_pyqtgraph_mirrors_resolve_to_pyside_and_stay_lazy():
    output = _run(
        """
        import explorer.ui
        import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
        import pyqtgraph as pg
        from pyqtgraph.Qt import QtCore, QtGui, QtWidgets

        assert QtCore.QPointF is PySide6.QtCore.QPointF
        assert QtGui.QPainter is PySide6.QtGui.QPainter
        assert QtWidgets.QGraphicsView is PySide6.QtWidgets.QGraphicsView
        assert QtCore.Signal is PySide6.QtCore.Signal
        # PySide6's own listing of its names is back in place.
        assert len(dir(PySide6.QtWidgets)) > 150
        # Only the classes used so far exist: pyqtgraph did not touch every name.
        print(len(vars(PySide6.QtWidgets)), len(dir(PySide6.QtWidgets)), flush=True)
        pg.mkQApp()
        plot = pg.PlotWidget()
        plot.plot([1, 2, 3])
        # The mirrors still list, and star-import, every name.
        assert set(dir(PySide6.QtWidgets)) <= set(dir(QtWidgets))
        namespace = {}
        exec("from pyqtgraph.Qt.QtWidgets import *", namespace)
        assert namespace["QDialog"] is PySide6.QtWidgets.QDialog
        """
    )
    created, listed = (int(value) for value in output.split())
    assert created < listed / 2


def test_a_script_that_imported_pyqtgraph_first_still_works():
    _run(
        """
        import pyqtgraph
        from pyqtgraph.Qt import QtWidgets
        import explorer.ui
        from explorer.app import create_main_window

        window = create_main_window()
        assert window.probability_plot is not None
        assert QtWidgets.QWidget.__module__ == "PySide6.QtWidgets"
        """
    )
