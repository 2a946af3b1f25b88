"""Main windows for the UI tests.

``window`` is one main window per test module, put back to how a new window starts before
each test: the default state with no undo history, the default theme, text size and dock
layout, no presentation mode, Play stopped, typed fields as they were, no dialog, message
or preferences. Building a window takes a few tenths of a second; resetting one, a few
hundredths (the whole suite runs about a fifth faster).

Tests that need a window of their own (one built after they registered a panel or wrote
preferences, a second window, a window they close) use ``window_factory``.
"""

import pyqtgraph as pg
import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from explorer.app import create_main_window, ensure_application
from explorer.panels import PANELS
from explorer.preferences import DEFAULT_THEME
from explorer.state import ExplorerState, default_logits
from explorer.ui.theme import apply_application_palette, get_theme
from explorer.ui.widgets import NumberEdit


def _canvases(view):
    return view.findChildren(pg.GraphicsView)


def _settle(milliseconds: int = 50) -> None:
    """Let the deferred dock sizing run before tests map data to pixels."""
    QTest.qWait(milliseconds)


@pytest.fixture
def window_factory(qtbot):
    """Build, show and settle main windows (after the test has set up what it needs)."""

    def build(**options):
        ensure_application()
        QSettings().clear()  # every test starts from the default layout and preferences
        main_window = create_main_window(**options)
        qtbot.addWidget(main_window)
        main_window.show()
        qtbot.waitExposed(main_window)
        _settle()
        return main_window

    return build


class _SharedWindow:
    """One main window and what it looked like when new, to return to between tests."""

    def __init__(self):
        ensure_application()
        QSettings().clear()
        self.window = create_main_window()
        self.window.show()
        assert QTest.qWaitForWindowExposed(self.window)
        _settle()
        self.size = self.window.size()
        self.layout = self.window.saveState()
        #: Numbers typed into fields that are not part of the state (the shift amount).
        self.fields = {field: field.value() for field in self.window.findChildren(NumberEdit)}

    def reset(self):
        window = self.window
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and isinstance(widget, QDialog | QMenu):
                widget.close()
        view = window.surface_view
        if view.play_button.isChecked():
            view.play_button.setChecked(False)
        if window.logit_editor.view_box.dragging is not None:  # a drag whose release was lost
            window.logit_editor.view_box.finish_drag()
        if window.presentation_action.isChecked():
            window.presentation_action.trigger()
        window.hide_panels_action.setChecked(False)
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        # Another number of classes first: every view then rebuilds what it shows, fields
        # half typed into included, and the descent trail starts again.
        session = window.session
        session.set_state(ExplorerState(logits=default_logits(4)), record=False)
        session.set_state(ExplorerState(), record=False)
        session.clear_history()
        window.logit_editor.select(0)
        for field, value in self.fields.items():
            if shiboken6.isValid(field) and field.value() != value:
                field.set_value(value)
        QSettings().clear()
        window.scene_path = None
        window.recent_menu.clear()
        window.recent_menu.setEnabled(False)
        if window.theme_name != DEFAULT_THEME or any(
            view.theme.name != DEFAULT_THEME for view in window.views
        ):
            window.set_theme(DEFAULT_THEME)
        apply_application_palette(get_theme(DEFAULT_THEME))  # another window may have set it
        if window.font_scale != 1.0 or any(view.font_scale != 1.0 for view in window.views):
            window.set_font_scale(1.0)
        for view in window.views:  # a canvas given another background
            background = QColor(view.theme.background)
            if any(canvas.backgroundBrush().color() != background for canvas in _canvases(view)):
                view.restyle()
        if not window.isVisible() or window.isFullScreen():
            window.showNormal()
        moved = window.size() != self.size or window.saveState() != self.layout
        if moved:
            window.resize(self.size)
            window.restoreState(self.layout)
            # A dock that was floating is docked by the first pass but keeps its floating
            # size until the layout is restored once more, after its window has gone.
            _settle()
            window.restoreState(self.layout)
        for key, action in window.panel_actions.items():
            action.setChecked(PANELS[key].shown_by_default if key in PANELS else True)
        window.message_bar.hide()
        window.message_bar.clear()
        window.statusBar().clearMessage()
        QGuiApplication.clipboard().clear()
        if moved:
            _settle()  # docks moved back take their place once the layout has run
        else:
            QApplication.processEvents()

    def close(self):
        self.window.close()
        self.window.deleteLater()
        QApplication.processEvents()


@pytest.fixture(scope="module")
def _shared_window(qapp):
    shared = _SharedWindow()
    yield shared
    shared.close()


#: Modules whose tests change a window's insides (replace methods of its items, switch
#: their drawing modes) without putting them back: each of their tests gets a new window.
_FRESH_WINDOW_MODULES = {"test_growing_path"}


@pytest.fixture
def window(request, qtbot):
    """The module's main window, as a new window starts (see the module docstring)."""
    if request.module.__name__.rpartition(".")[2] in _FRESH_WINDOW_MODULES:
        return request.getfixturevalue("window_factory")()
    shared = request.getfixturevalue("_shared_window")
    shared.reset()
    return shared.window
