"""The main window: docks around the loss surface, menus, status bar and messages."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..i18n import translate_error
from ..panels import PANELS, TAB_GROUP_PLACES, PanelSpec
from ..preferences import (
    DEFAULT_THEME,
    decode_recent_path,
    display_name,
    encode_recent_path,
    valid_theme,
)
from ..scenes import SceneError, load_scene, preset_paths, preset_title, save_scene, scene_panels
from ..session import Change, ExplorerSession
from ..state import ExplorerState
from .frames import PaintBatcher
from .theme import apply_application_palette, get_theme
from .view import ExplorerView
from .widgets import MessageBar, elided

DEFAULT_SIZE = QSize(1280, 800)
FONT_SCALES = (1.0, 1.25, 1.5, 2.0)
PRESENTATION_FONT_SCALE = 1.5
MAX_RECENT = 8


_logged_settings: set[str] = set()


def _log_ignored_setting(key: str, value: object) -> None:
    """Say once per key and process that a stored preference was unusable."""
    if key not in _logged_settings:
        _logged_settings.add(key)
        logging.getLogger(__name__).warning(
            "ignoring the stored setting %r: %.80r is not usable", key, value
        )


def _setting_bool(value: object) -> bool:
    """A boolean read from QSettings (INI files give "true"/"false" strings); True if odd."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in ("false", "0", "no", "off")


_DOCK_AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}


class MainWindow(QMainWindow):
    """Softmax Explorer's window. ``window.state`` is the current immutable state.

    Its panels are the registry's (:data:`explorer.panels.PANELS`): the one for the centre
    fills the window, the others are docks; panels hidden by default are built when first
    shown. ``session`` may be shared with other windows (the classifier lab).
    """

    def __init__(self, state: ExplorerState | None = None, session: ExplorerSession | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = QSettings()
        self.scene_path: Path | None = None
        self.font_scale = 1.0
        self.theme_name = valid_theme(self.settings.value("theme", DEFAULT_THEME))
        self.setWindowTitle(self.tr("Softmax Explorer"))
        if session is None:
            session = ExplorerSession(state, parent=self)
        elif state is not None:
            session.set_state(state)
        self.session = session
        # First, before any view redraws: the views' repaints of a change make one pass.
        self.paint_batcher = PaintBatcher(self)
        self.paint_batcher.watch(self)
        self.session.changed.connect(self.paint_batcher.hold)
        self.session.changed.connect(self._on_session_changed)
        self.session.historyChanged.connect(self._sync_undo_actions)

        self.message_bar = MessageBar()
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(2, 2, 2, 2)
        self._central_layout.addWidget(self.message_bar)
        self.setCentralWidget(central)

        #: The built panels' views, by registry key.
        self.panels: dict[str, ExplorerView] = {}
        self.docks: dict[str, QDockWidget] = {}
        #: View menu actions: whether the person wants each dock panel shown (it shows
        #: when it is also available for the state, e.g. the simplex for K = 3).
        self.panel_actions: dict[str, QAction] = {}
        self._tab_groups: dict[str, QDockWidget] = {}
        #: Whether lesson panels show their captions (a preference, View > Lessons).
        self.captions_visible = _setting_bool(self.settings.value("lessonCaptions", True))
        self._panel_specs = dict(PANELS)
        for spec in self._panel_specs.values():
            if spec.area == "center":
                self._central_layout.addWidget(self._build_panel(spec), 1)
            else:
                self._add_dock(spec)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._docks_sized = False

        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Drag a logit bar, pick the true class, or press Step to descend the loss.")
        )
        self.resize(DEFAULT_SIZE)
        self._add_status_tips()
        self._restore_settings()
        self._sync_panel_visibility()
        apply_application_palette(get_theme(self.theme_name))

    # Public API ---------------------------------------------------------------------------
    @property
    def state(self) -> ExplorerState:
        """The current immutable state."""
        return self.session.state

    @property
    def views(self) -> list[ExplorerView]:
        """The views built so far, in registry order."""
        return list(self.panels.values())

    def panel(self, key: str) -> ExplorerView:
        """The view of panel ``key``, built now if it was not yet."""
        if key not in self.panels:
            self._build_panel(self._panel_specs[key])
        return self.panels[key]

    # The views the window always has, by the names scripts and tests use.
    logit_editor = property(lambda self: self.panel("logits"))
    target_chooser = property(lambda self: self.panel("target"))
    probability_plot = property(lambda self: self.panel("probabilities"))
    gradient_plot = property(lambda self: self.panel("gradient"))
    surface_view = property(lambda self: self.panel("surface"))
    simplex_view = property(lambda self: self.panel("simplex"))
    readouts = property(lambda self: self.panel("readouts"))

    def set_state(self, state: ExplorerState) -> None:
        """Replace the whole state; every view updates."""
        self.session.set_state(state)

    def show_error(self, message: str) -> None:
        """Show a rejected input or failed action where the user will see it."""
        self.message_bar.show_error(message)
        self.statusBar().showMessage(elided(message, 200), 8000)

    # Construction -------------------------------------------------------------------------
    def _build_panel(self, spec: PanelSpec) -> ExplorerView:
        view = spec.view_class()(self.session)
        self.panels[spec.key] = view
        view.invalidInput.connect(self.show_error)
        if hasattr(view, "statusMessage"):
            view.statusMessage.connect(self._on_view_status_message)
        if self.theme_name != view.theme.name:
            view.set_theme(self.theme_name)
        if self.font_scale != 1.0:
            view.set_font_scale(self.font_scale)
        if hasattr(view, "set_caption_visible"):
            view.set_caption_visible(self.captions_visible)
        dock = self.docks.get(spec.key)
        if dock is not None:
            dock.setWidget(view)
            self._add_status_tips()
        return view

    def _add_dock(self, spec: PanelSpec) -> None:
        dock = QDockWidget(QCoreApplication.translate("Panels", spec.title), self)
        dock.setObjectName(f"{spec.key}Dock")
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.docks[spec.key] = dock
        if spec.shown_by_default:
            self._build_panel(spec)
        # A panel not built yet is built the moment its dock shows (View menu, restored
        # layout): start-up pays only for what is on screen.
        dock.visibilityChanged.connect(lambda visible, key=spec.key: visible and self.panel(key))
        self.addDockWidget(_DOCK_AREAS[spec.area], dock)
        if spec.tab_group is not None:
            place = self.docks.get(TAB_GROUP_PLACES.get(spec.tab_group, ""))
            first = self._tab_groups.setdefault(spec.tab_group, place or dock)
            if first is not dock:
                self.tabifyDockWidget(first, dock)
        if not spec.shown_by_default:
            dock.hide()
        self.paint_batcher.watch(dock)  # a floating dock is a window of its own

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = self._action(
            self.tr("&Open scene…"),
            self.tr("Open a saved scene (.json)"),
            self._on_open_action_triggered,
        )
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        file_menu.addAction(open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.presets_menu = file_menu.addMenu(self.tr("&Presets"))
        self.presets_menu.setObjectName("presetsMenu")
        for path in preset_paths():
            title = QCoreApplication.translate("Presets", preset_title(path))
            action = self._action(
                title,
                self.tr("Open the preset scene “{name}”").format(name=title),
                lambda _checked=False, p=path: self.open_scene(p, remember=False),
            )
            self.presets_menu.addAction(action)
        self.save_action = self._action(
            self.tr("&Save scene"),
            self.tr("Save the scene to its file"),
            self._on_save_action_triggered,
        )
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_as_action = self._action(
            self.tr("Save scene &as…"),
            self.tr("Save the scene to a new file"),
            self._on_save_as_action_triggered,
        )
        save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        file_menu.addAction(self.save_action)
        file_menu.addAction(save_as_action)
        file_menu.addSeparator()
        export_action = self._action(
            self.tr("&Export figure…"),
            self.tr("Write the plots to PNG, SVG or PDF for slides"),
            self._on_export_action_triggered,
        )
        export_action.setShortcut(QKeySequence("Ctrl+E"))
        copy_action = self._action(
            self.tr("&Copy figure"),
            self.tr("Copy all plots as an image to the clipboard"),
            self._on_copy_action_triggered,
        )
        copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        file_menu.addAction(export_action)
        file_menu.addAction(copy_action)
        file_menu.addSeparator()
        self._rebuild_recent_menu()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setStatusTip(self.tr("Close Softmax Explorer"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setStatusTip(self.tr("Undo the last edit (a whole drag is one step)"))
        self.undo_action.triggered.connect(self.session.undo)
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.redo_action.setStatusTip(self.tr("Redo the last undone edit"))
        self.redo_action.triggered.connect(self.session.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self._sync_undo_actions()

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        group_menus: dict[str, QMenu] = {}
        for key, dock in self.docks.items():
            spec = self._panel_specs[key]
            if spec.available is None:
                action = dock.toggleViewAction()
            else:  # shown when wanted *and* available: the menu keeps the wish
                action = QAction(dock.windowTitle(), self)
                action.setCheckable(True)
                action.setChecked(spec.shown_by_default)
                action.toggled.connect(self._sync_panel_visibility)
            action.setObjectName(f"{key}PanelAction")
            action.setStatusTip(
                self.tr("Show or hide the {panel} panel").format(panel=dock.windowTitle())
            )
            self.panel_actions[key] = action
            group = self._panel_specs[key].tab_group
            if group is None:
                view_menu.addAction(action)
                continue
            if group not in group_menus:
                titles = {"lessons": self.tr("&Lessons")}
                group_menus[group] = view_menu.addMenu(titles.get(group, group))
                group_menus[group].setObjectName(f"{group}Menu")
            group_menus[group].addAction(action)
            # Shown from the menu, a tabbed panel comes to the front of its tabs.
            action.triggered.connect(lambda checked, d=dock: checked and d.raise_())
        if "lessons" in group_menus:
            lessons = group_menus["lessons"]
            lessons.addSeparator()
            self.captions_action = self._action(
                self.tr("Lesson &captions"),
                self.tr("Show what to look at, with the live numbers, under each lesson"),
                self._on_captions_action_toggled,
            )
            self.captions_action.setCheckable(True)
            self.captions_action.setChecked(self.captions_visible)
            self.captions_action.setObjectName("captionsAction")
            lessons.addAction(self.captions_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        self.theme_actions = QActionGroup(self)
        for key, text in (
            ("light", self.tr("&Light (print and slides)")),
            ("dark", self.tr("&Dark")),
            ("contrast", self.tr("&High contrast (colour-blind safe)")),
        ):
            action = self._action(
                text,
                self.tr("Switch the colours of every plot"),
                lambda _checked=False, k=key: self._on_theme_action_triggered(k),
            )
            action.setCheckable(True)
            action.setData(key)
            action.setObjectName(f"theme_{key}")
            self.theme_actions.addAction(action)
            theme_menu.addAction(action)
        text_menu = view_menu.addMenu(self.tr("Text &size"))
        self.font_actions = QActionGroup(self)
        for scale in FONT_SCALES:
            action = self._action(
                f"{round(scale * 100)} %",
                self.tr("Scale every text of the plots"),
                lambda _checked=False, v=scale: self.set_font_scale(v),
            )
            action.setCheckable(True)
            action.setData(scale)
            self.font_actions.addAction(action)
            text_menu.addAction(action)
        view_menu.addSeparator()
        self.presentation_action = self._action(
            self.tr("&Presentation mode"),
            self.tr("Full screen with larger text, for the lecture hall"),
            self._on_presentation_action_toggled,
        )
        self.presentation_action.setCheckable(True)
        self.presentation_action.setShortcut(QKeySequence("F11"))
        self.hide_panels_action = self._action(
            self.tr("Hide side panels when presenting"),
            self.tr("Presentation mode shows only the loss surface and the readouts"),
            None,
        )
        self.hide_panels_action.setCheckable(True)
        view_menu.addAction(self.presentation_action)
        view_menu.addAction(self.hide_panels_action)
        self._sync_view_actions()

        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        self.lab_action = self._action(
            self.tr("Classifier &lab…"),
            self.tr("Train a linear classifier on 2-D points and send a point's logits here"),
            lambda _checked=False: self.open_lab(),
        )
        self.lab_action.setShortcut(QKeySequence("Ctrl+L"))
        tools_menu.addAction(self.lab_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Softmax Explorer"), self)
        about_action.setStatusTip(self.tr("Version and credits"))
        about_action.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about_action)

    def showEvent(self, event):  # noqa: D102 (Qt override)
        super().showEvent(event)
        if not self._docks_sized:  # dock sizes only take once the layout has settled
            self._docks_sized = True
            QTimer.singleShot(0, self.size_docks)

    def size_docks(self) -> None:
        """Give the side columns room for their plots and the centre the rest."""
        side = max(300, round(self.width() * 0.27))
        for key in ("logits", "probabilities"):  # one at a time: together, one may not take
            self.resizeDocks([self.docks[key]], [side], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.docks["logits"], self.docks["target"]], [520, 220], Qt.Orientation.Vertical
        )
        right = [
            dock
            for key, dock in self.docks.items()
            if self._panel_specs[key].area == "right" and not dock.isHidden()
        ]
        self.resizeDocks(right, [1] * len(right), Qt.Orientation.Vertical)

    def _add_status_tips(self) -> None:
        """Let the status bar explain what is under the pointer: every widget's tooltip."""
        for widget in self.findChildren(QWidget):
            tip = widget.toolTip()
            if tip and not widget.statusTip():
                widget.setStatusTip(tip.replace("\n", " "))

    def _action(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    # Scenes -------------------------------------------------------------------------------
    def open_scene(self, path: str | Path, remember: bool = True) -> bool:
        """Load a scene file; on any error show it and keep the current state."""
        try:
            state = load_scene(path)
        except SceneError as error:
            self.show_error(translate_error(error))
            QMessageBox.warning(self, self.tr("Cannot open scene"), translate_error(error))
            return False
        self.set_state(state)
        self.show_panels(scene_panels(path))
        if remember:
            self.remember_scene(Path(path))
        else:
            self.scene_path = None
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=Path(path).name), 5000)
        return True

    def show_panels(self, keys) -> None:
        """Show the panels ``keys`` (as a scene or preset asks), each brought to the front."""
        for key in keys:
            dock = self.docks.get(key)
            action = self.panel_actions.get(key)
            if dock is None or action is None:
                continue  # a panel this build does not have
            if not action.isChecked():
                action.trigger()
            dock.raise_()

    def remember_scene(self, path: Path) -> None:
        """Make ``path`` the scene's file (Save writes there) and a recent file."""
        self.scene_path = Path(path)
        self._remember_recent(self.scene_path)

    def save_scene_to(self, path: str | Path) -> bool:
        """Write the scene atomically; errors are shown and nothing else changes."""
        try:
            written = save_scene(self.state, path)
        except SceneError as error:
            self.show_error(translate_error(error))
            return False
        self.remember_scene(written)
        self.statusBar().showMessage(self.tr("Saved {name}").format(name=written.name), 5000)
        return True

    def _on_open_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open scene"), str(self._folder()), self.tr("Scenes (*.json)")
        )
        if path:
            self.open_scene(path)

    def _on_save_action_triggered(self) -> None:
        if self.scene_path is None:
            self._on_save_as_action_triggered()
        else:
            self.save_scene_to(self.scene_path)

    def _on_save_as_action_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save scene"),
            str(self._folder() / "scene.json"),
            self.tr("Scenes (*.json)"),
        )
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_scene_to(path)

    def _folder(self) -> Path:
        return self.scene_path.parent if self.scene_path else Path.home()

    def _recent_files(self) -> list[str]:
        value = self._setting("recentFiles", (str, list))
        if isinstance(value, str):
            value = [value]
        paths = (decode_recent_path(item) for item in (value or []))
        return [path for path in paths if path][:MAX_RECENT]

    def _remember_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        recent = [entry] + [item for item in self._recent_files() if item != entry]
        self.settings.setValue(
            "recentFiles", [encode_recent_path(item) for item in recent[:MAX_RECENT]]
        )
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._recent_files()
        for entry in recent:
            action = self._action(
                display_name(entry),
                display_name(os.path.dirname(entry)) + "/" + display_name(entry),
                lambda _checked=False, e=entry: self.open_scene(e),
            )
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(recent))

    # Figures ------------------------------------------------------------------------------
    def _on_export_action_triggered(self) -> None:
        from .export_dialog import ExportDialog  # export code is loaded on first use

        dialog = ExportDialog(self.state, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export figure"),
            str(self._folder() / f"softmax-{options['view']}.png"),
            self.tr("PNG image (*.png);;SVG vector (*.svg);;PDF vector (*.pdf)"),
        )
        if path:
            self.export_to(path, **options)

    def export_to(self, path, view="window", size=(1920, 1080), scale=1.0, theme="light") -> bool:
        """Export a figure; errors are shown, nothing else changes."""
        from .export import ExportError, export_figure  # not needed for the first frame

        try:
            written = export_figure(self.session, path, view, size, scale, theme)
        except (ExportError, OSError) as error:
            self.show_error(str(error))
            return False
        self.statusBar().showMessage(self.tr("Exported {name}").format(name=written.name), 5000)
        return True

    def _on_copy_action_triggered(self) -> None:
        from .export import copy_figure

        copy_figure(self.session, "window", theme="light")
        self.statusBar().showMessage(self.tr("Figure copied to the clipboard"), 5000)

    # Presentation -------------------------------------------------------------------------
    def set_font_scale(self, scale: float) -> None:
        """Scale the text of every view (1 = normal)."""
        self.font_scale = scale
        for view in self.views:
            view.set_font_scale(scale)
        self.settings.setValue("fontScale", scale)
        self._sync_view_actions()

    def set_theme(self, name: str) -> None:
        """Draw the window and every panel in theme ``name`` (a preference, not an edit)."""
        name = valid_theme(name)
        self.theme_name = name
        self.settings.setValue("theme", name)
        apply_application_palette(get_theme(name))
        for view in self.views:
            view.set_theme(name)
        self._sync_view_actions()

    def _on_captions_action_toggled(self, visible: bool) -> None:
        self.captions_visible = bool(visible)
        self.settings.setValue("lessonCaptions", self.captions_visible)
        for view in self.views:
            if hasattr(view, "set_caption_visible"):
                view.set_caption_visible(self.captions_visible)

    def _on_theme_action_triggered(self, key: str) -> None:
        self.set_theme(key)

    def _on_presentation_action_toggled(self, enabled: bool) -> None:
        if enabled:
            self._before_presentation = (self.font_scale, self.saveState())
            self.set_font_scale(max(self.font_scale, PRESENTATION_FONT_SCALE))
            if self.hide_panels_action.isChecked():
                for key, dock in self.docks.items():
                    if self._panel_specs[key].area in ("left", "right"):
                        dock.hide()
            self.showFullScreen()
        else:
            scale, layout = getattr(self, "_before_presentation", (1.0, None))
            self.showNormal()
            self.set_font_scale(scale)
            if layout is not None:
                self.restoreState(layout)
            self._sync_panel_visibility()

    def _sync_view_actions(self) -> None:
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == self.theme_name)
        for action in self.font_actions.actions():
            action.setChecked(abs(action.data() - self.font_scale) < 1e-9)

    # Settings -----------------------------------------------------------------------------
    def _setting(self, key: str, kind: type | tuple[type, ...]):
        """The value of ``key`` in the settings if it is a ``kind``, else None.

        A settings file can hold anything (edited by hand, written by another version): a
        value of the wrong type is ignored, and said once in the log, never fatal.
        """
        value = self.settings.value(key)
        if value is None or isinstance(value, kind):
            return value
        _log_ignored_setting(key, value)
        return None

    def _restore_settings(self) -> None:
        geometry = self._setting("geometry", QByteArray)
        if geometry is not None and not self.restoreGeometry(geometry):
            _log_ignored_setting("geometry", geometry)
        layout = self._setting("windowState", QByteArray)
        if layout is not None:
            if self.restoreState(layout):
                self._docks_sized = True
            else:
                _log_ignored_setting("windowState", layout)
        scale = self._setting("fontScale", (str, int, float))
        try:
            scale = float(scale) if scale is not None else 1.0
        except (TypeError, ValueError):
            _log_ignored_setting("fontScale", scale)
            scale = 1.0
        if scale in FONT_SCALES and scale != 1.0:
            self.set_font_scale(scale)
        self._sync_view_actions()

    def closeEvent(self, event):  # noqa: D102 (Qt override)
        if self.presentation_action.isChecked():
            self.presentation_action.setChecked(False)
            self._on_presentation_action_toggled(False)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("theme", self.theme_name)
        super().closeEvent(event)

    # Handlers -----------------------------------------------------------------------------
    def _on_session_changed(self, change: Change) -> None:
        if change.num_classes:
            self._sync_panel_visibility()
            self._add_status_tips()  # the per-class rows were rebuilt

    def _sync_undo_actions(self) -> None:
        self.undo_action.setEnabled(self.session.can_undo())
        self.redo_action.setEnabled(self.session.can_redo())

    @property
    def simplex_action(self) -> QAction:
        """View > Probability simplex (K = 3)."""
        return self.panel_actions["simplex"]

    def _sync_panel_visibility(self) -> None:
        """Show each conditional panel when it is wanted and applies to the state."""
        state = self.session.state
        for key, dock in self.docks.items():
            spec = self._panel_specs[key]
            if spec.available is not None and key in self.panel_actions:
                wanted = self.panel_actions[key].isChecked()
                dock.setVisible(wanted and spec.is_available(state))

    def _on_view_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 4000)

    def open_lab(self):
        """Show the classifier lab (one per window), sharing this window's session."""
        from .lab import LabWindow

        if getattr(self, "lab_window", None) is None:
            self.lab_window = LabWindow(session=self.session)
        self.lab_window.show()
        self.lab_window.raise_()
        self.lab_window.activateWindow()
        return self.lab_window

    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Softmax Explorer"),
            self.tr(
                "<h3>Softmax Explorer {version}</h3>"
                "<p>Drag the logits of a classifier and watch the softmax probabilities, "
                "the cross-entropy loss, its surface and its gradient change live.</p>"
                "<p>Loss semantics follow PyTorch's <code>torch.nn.functional</code>.</p>"
            ).format(version=__version__),
        )
