"""The main window: docks around the loss surface, menus, status bar and messages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..session import Change, ExplorerSession
from ..state import ExplorerState
from .bar_plots import GradientPlot, ProbabilityPlot
from .logit_editor import LogitEditor
from .readouts import ReadoutPanel
from .simplex_view import SimplexView
from .surface_view import LossSurfaceView
from .target_chooser import TargetChooser
from .theme import apply_application_palette, get_theme
from .view import ExplorerView
from .widgets import MessageBar

DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(QMainWindow):
    """Softmax Explorer's window. ``window.state`` is the current immutable state."""

    def __init__(self, state: ExplorerState | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Softmax Explorer"))
        self.session = ExplorerSession(state, parent=self)
        self.session.changed.connect(self._on_session_changed)

        self.logit_editor = LogitEditor(self.session)
        self.target_chooser = TargetChooser(self.session)
        self.probability_plot = ProbabilityPlot(self.session)
        self.gradient_plot = GradientPlot(self.session)
        self.surface_view = LossSurfaceView(self.session)
        self.simplex_view = SimplexView(self.session)
        self.readouts = ReadoutPanel(self.session)
        self.views: list[ExplorerView] = [
            self.logit_editor,
            self.target_chooser,
            self.probability_plot,
            self.gradient_plot,
            self.surface_view,
            self.simplex_view,
            self.readouts,
        ]

        self.message_bar = MessageBar()
        for view in self.views:
            if hasattr(view, "invalidInput"):
                view.invalidInput.connect(self.show_error)
        self.surface_view.statusMessage.connect(self._on_surface_status_message)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.surface_view, 1)
        self.setCentralWidget(central)

        self.docks: dict[str, QDockWidget] = {}
        self._add_dock(
            "logits", self.tr("Logits"), self.logit_editor, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._add_dock(
            "target", self.tr("Target"), self.target_chooser, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._add_dock(
            "probabilities",
            self.tr("Probabilities"),
            self.probability_plot,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self._add_dock(
            "gradient",
            self.tr("Gradient"),
            self.gradient_plot,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self._add_dock(
            "simplex", self.tr("Simplex"), self.simplex_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._add_dock(
            "readouts", self.tr("Readouts"), self.readouts, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._docks_sized = False

        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Drag a logit bar, pick the true class, or press Step to descend the loss.")
        )
        self.resize(DEFAULT_SIZE)
        self._sync_simplex_visibility()
        apply_application_palette(get_theme(self.session.state.theme))

    # Public API ---------------------------------------------------------------------------
    @property
    def state(self) -> ExplorerState:
        """The current immutable state."""
        return self.session.state

    def set_state(self, state: ExplorerState) -> None:
        """Replace the whole state; every view updates."""
        self.session.set_state(state)

    def show_error(self, message: str) -> None:
        """Show a rejected input or failed action where the user will see it."""
        self.message_bar.show_error(message)
        self.statusBar().showMessage(message, 8000)

    # Construction -------------------------------------------------------------------------
    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{key}Dock")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
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
        for key, dock in self.docks.items():
            if key == "simplex":
                continue  # shown for K = 3 only, through the action below
            action = dock.toggleViewAction()
            action.setStatusTip(
                self.tr("Show or hide the {panel} panel").format(panel=dock.windowTitle())
            )
            view_menu.addAction(action)
        self.simplex_action = QAction(self.tr("Probability &simplex (K = 3)"), self)
        self.simplex_action.setCheckable(True)
        self.simplex_action.setChecked(True)
        self.simplex_action.setStatusTip(
            self.tr("Show the probability triangle when there are 3 classes")
        )
        self.simplex_action.toggled.connect(self._sync_simplex_visibility)
        view_menu.addAction(self.simplex_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Softmax Explorer"), self)
        about_action.setStatusTip(self.tr("Version and credits"))
        about_action.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about_action)

    def showEvent(self, event):  # noqa: D102 (Qt override)
        super().showEvent(event)
        if not self._docks_sized:  # dock sizes only take once the window has its geometry
            self._docks_sized = True
            self.size_docks()

    def size_docks(self) -> None:
        """Give the side columns room for their plots and the centre the rest."""
        side = max(300, round(self.width() * 0.27))
        self.resizeDocks(
            [self.docks["logits"], self.docks["probabilities"]],
            [side, side],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [self.docks["logits"], self.docks["target"]], [430, 300], Qt.Orientation.Vertical
        )
        right = [self.docks[key] for key in ("probabilities", "gradient", "simplex")]
        self.resizeDocks(right, [1, 1, 1], Qt.Orientation.Vertical)

    # Handlers -----------------------------------------------------------------------------
    def _on_session_changed(self, change: Change) -> None:
        self._sync_undo_actions()
        if change.num_classes:
            self._sync_simplex_visibility()
        if "theme" in change.fields:
            apply_application_palette(get_theme(self.session.state.theme))

    def _sync_undo_actions(self) -> None:
        self.undo_action.setEnabled(self.session.can_undo())
        self.redo_action.setEnabled(self.session.can_redo())

    def _sync_simplex_visibility(self) -> None:
        visible = self.session.state.num_classes == 3 and self.simplex_action.isChecked()
        self.docks["simplex"].setVisible(visible)

    def _on_surface_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 4000)

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
