"""The classifier lab: train a linear softmax (or SVM) classifier live on 2-D points.

Training is time-sliced in the Qt event loop: a ~60 Hz timer takes ``steps_per_frame``
minibatch steps per tick (fewer when they would take longer than :data:`TICK_BUDGET`),
then the views redraw; nothing blocks, and closing the window stops the timer.
"Open in explorer" sends a point's scores (its logits) and class to the explorer's
session as a new state, so undo there goes back.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.lab import (
    LabDataError,
    LabScene,
    TrainingError,
    dataset_to_csv,
    load_csv,
    load_lab_scene,
    save_lab_scene,
)
from ...i18n import translate_error
from ...messages import MessageError
from ...preferences import DEFAULT_THEME
from ...state import LOGIT_LIMIT, SURFACE_LIMIT, StateError
from ..export import EXPORT_FORMATS, ExportError, export_widget
from ..theme import apply_application_palette, get_theme
from ..widgets import MessageBar, elided
from .controls import LabControls
from .curves_view import CurvesView
from .figure import LabFigure
from .gradient_view import GradientView
from .model import LabChange, LabModel
from .points_table import PointsTable
from .regions_view import RegionsView

#: Milliseconds between training ticks (about 60 per second).
FRAME_INTERVAL = 16
#: Seconds a training tick (steps and redraw) may take: "steps per frame" is cut to what
#: fits, so 1,000 steps a frame of a large model keep the window answering.
TICK_BUDGET = 0.05
DEFAULT_SIZE = (1360, 860)
FIGURE_SIZE = (1600, 900)
#: Width of the settings column at first (the plots take the rest).
CONTROLS_WIDTH = 300


class LabWindow(QMainWindow):
    """The classifier lab.

    Parameters
    ----------
    session : ExplorerSession, optional
        The explorer's session ("Open in explorer" sets its state, so its undo works); when
        None, the first "Open in explorer" opens a main window with a session of its own.
    scene : LabScene, optional
        Where to start (three blobs when None).
    """

    def __init__(self, session=None, scene: LabScene | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labWindow")
        self.setWindowTitle(self.tr("Classifier lab — Softmax Explorer"))
        self.session = session
        #: The main window opened for "Open in explorer" when the lab started alone.
        self.explorer_window = None
        self.scene_path: Path | None = None
        self.model = LabModel(scene, parent=self)
        self.timer = QTimer(self)
        self.timer.setObjectName("labTrainingTimer")
        self.timer.setInterval(FRAME_INTERVAL)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_timer_timeout)
        self._dragging = False
        self._closed = False
        #: Seconds per step of the last tick, redraw included (None: not measured yet).
        self._seconds_per_step: float | None = None
        #: A keyboard or page step of the history slider restores once its value is set.
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(0)
        self._restore_timer.timeout.connect(lambda: self._restore(self.history_slider.value()))

        self.message_bar = MessageBar()
        self.controls = LabControls(self.model)
        self.regions_view = RegionsView(self.model)
        self.curves_view = CurvesView(self.model)
        self.points_table = PointsTable(self.model)
        self.gradient_view = GradientView(self.model)
        self._build_layout()
        self._build_menus()

        self.controls.message.connect(self.show_error)
        self.controls.addClassChanged.connect(self._on_add_class_changed)
        self.regions_view.message.connect(self.show_error)
        self.regions_view.dragActive.connect(self._on_drag_active)
        self.model.changed.connect(self._on_model_changed)
        self.regions_view.add_class = max(0, self.controls.add_class.currentIndex())
        self._sync_history()
        self._sync_selection()
        self.set_theme(self._initial_theme())
        self.statusBar().showMessage(
            self.tr("Press Train, click to add points, drag an arrow head to set weights.")
        )
        self.resize(*DEFAULT_SIZE)

    # Construction -------------------------------------------------------------------------
    def _button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setObjectName("labControlsScroll")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.controls.minimumSizeHint().width() + 20)
        scroll.setMaximumWidth(CONTROLS_WIDTH + 120)

        self.train_button = self._button(
            self.tr("Train"),
            "labTrainButton",
            self.tr("Train continuously (steps per frame at every redraw); press again to pause"),
            self._on_train_button_clicked,
        )
        self.train_button.setCheckable(True)
        self.step_button = self._button(
            self.tr("Step"),
            "labStepButton",
            self.tr("One minibatch step"),
            self._on_step_button_clicked,
        )
        self.reset_button = self._button(
            self.tr("Reset"),
            "labResetButton",
            self.tr("Back to the initial weights of the same seed (runs can be compared)"),
            self._on_reset_button_clicked,
        )
        self.randomise_button = self._button(
            self.tr("Randomise"),
            "labRandomiseButton",
            self.tr("New initial weights from a new seed"),
            self._on_randomise_button_clicked,
        )
        self.history_slider = QSlider(Qt.Orientation.Horizontal)
        self.history_slider.setObjectName("labHistorySlider")
        self.history_slider.setAccessibleName(self.tr("Training history"))
        self.history_slider.setToolTip(
            self.tr("Scrub back through earlier training states; release to go back there")
        )
        self.history_slider.sliderMoved.connect(self._on_history_slider_moved)
        self.history_slider.sliderReleased.connect(self._on_history_slider_released)
        self.history_slider.actionTriggered.connect(self._on_history_slider_action)
        self.history_label = QLabel()
        self.history_label.setObjectName("labHistoryLabel")
        self.history_label.setFixedWidth(
            self.history_label.fontMetrics().horizontalAdvance("step 1000000 of 1000000") + 8
        )
        training = QHBoxLayout()
        for button in (
            self.train_button,
            self.step_button,
            self.reset_button,
            self.randomise_button,
        ):
            training.addWidget(button)
        history = QHBoxLayout()
        history_title = QLabel(self.tr("History"))
        history_title.setBuddy(self.history_slider)
        history.addWidget(history_title)
        history.addWidget(self.history_slider, 1)
        history.addWidget(self.history_label)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.regions_view, 1)
        centre_layout.addLayout(training)
        centre_layout.addLayout(history)

        self.open_button = self._button(
            self.tr("Open in explorer"),
            "labOpenInExplorerButton",
            self.tr(
                "Send the selected point's scores (its logits) and its class to the "
                "explorer's main window"
            ),
            self._on_open_button_clicked,
        )
        self.selection_label = QLabel()
        self.selection_label.setObjectName("labSelectionLabel")
        # Its text changes with the selection: it must never widen its column (the plots
        # beside it would shrink under the user's pointer).
        self.selection_label.setWordWrap(True)
        self.selection_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(4, 4, 4, 4)
        table_layout.addWidget(self.points_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.selection_label, 1)
        row.addWidget(self.open_button)
        table_layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("labTabs")
        self.tabs.addTab(table_page, self.tr("Selected points"))
        self.tabs.addTab(self.gradient_view, self.tr("Gradient check"))

        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("labRightSplitter")
        right.addWidget(self.curves_view)
        right.addWidget(self.tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("labSplitter")
        splitter.addWidget(scroll)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([CONTROLS_WIDTH, 560, 420])
        self.splitter = splitter

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, tip: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open lab scene…"),
            self.tr("Open a saved lab scene (.json)"),
            self._on_open_action_triggered,
            QKeySequence.StandardKey.Open,
        )
        self.save_action = self._action(
            self.tr("&Save lab scene…"),
            self.tr("Save the data, settings and weights as a lab scene (.json)"),
            self._on_save_action_triggered,
            QKeySequence.StandardKey.Save,
        )
        self.import_action = self._action(
            self.tr("&Import points (CSV)…"),
            self.tr("Load points from a CSV file of x, y, label rows"),
            self._on_import_action_triggered,
        )
        self.export_csv_action = self._action(
            self.tr("Export points (C&SV)…"),
            self.tr("Write the points as x, y, label rows"),
            self._on_export_csv_action_triggered,
        )
        for action in (self.open_action, self.save_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_csv_action)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("&Export figure"))
        titles = {
            "regions": self.tr("Decision regions…"),
            "curves": self.tr("Training curves…"),
            "lab": self.tr("Regions and curves…"),
        }
        for key, title in titles.items():
            export_menu.addAction(
                self._action(
                    title,
                    self.tr("Export a clean figure to PNG, SVG or PDF"),
                    lambda _checked=False, view=key: self._on_export_action_triggered(view),
                )
            )
        file_menu.addSeparator()
        close_action = self._action(
            self.tr("&Close lab"),
            self.tr("Stop training and close the lab"),
            self.close,
            QKeySequence.StandardKey.Close,
        )
        file_menu.addAction(close_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.delete_action = self._action(
            self.tr("&Delete selected points"),
            self.tr("Remove the selected points"),
            self._on_delete_action_triggered,
        )
        edit_menu.addAction(self.delete_action)
        self.clear_selection_action = self._action(
            self.tr("Clear selection"),
            self.tr("Select no point"),
            lambda: self.model.select(()),
            "Esc",
        )
        edit_menu.addAction(self.clear_selection_action)

        train_menu = self.menuBar().addMenu(self.tr("&Training"))
        self.train_action = self._action(
            self.tr("&Train / pause"),
            self.tr("Start or pause training"),
            self.train_button.click,
            "Space",
        )
        self.gradient_action = self._action(
            self.tr("&Check gradient"),
            self.tr("Compare dW with finite differences"),
            self._on_gradient_action_triggered,
            "Ctrl+G",
        )
        for action in (self.train_action, self.gradient_action):
            train_menu.addAction(action)

    def _initial_theme(self) -> str:
        window = self._main_window()
        if window is not None:
            return getattr(window, "theme_name", DEFAULT_THEME)
        theme = QSettings().value("theme", DEFAULT_THEME)
        return theme if isinstance(theme, str) else DEFAULT_THEME

    def set_theme(self, name: str) -> None:
        """Draw the lab in theme ``name`` (the main window's, by default)."""
        self.theme_name = get_theme(name).name
        for view in (self.regions_view, self.curves_view, self.gradient_view):
            view.set_theme(self.theme_name)
        if self._main_window() is None:
            apply_application_palette(get_theme(self.theme_name))

    # Public API ---------------------------------------------------------------------------
    @property
    def training(self) -> bool:
        """Whether the training timer runs."""
        return self.timer.isActive()

    def start_training(self) -> None:
        """Train continuously (``steps_per_frame`` steps per tick) until paused."""
        if self._closed:
            return
        self.timer.start()
        self._sync_training_widgets()

    def pause_training(self) -> None:
        """Stop the training timer."""
        self.timer.stop()
        self._sync_training_widgets()

    def step(self, count: int | None = None) -> bool:
        """Train ``count`` steps (one tick's by default) now; False after a training error."""
        count = self.model.steps_per_frame if count is None else count
        started = time.perf_counter()
        try:
            self.model.step(count)
            if count:
                self._seconds_per_step = (time.perf_counter() - started) / count
        except TrainingError as error:
            self.pause_training()
            # The message says it all ("training stopped at step 12: ...; the weights of
            # step 11 are kept. Try a smaller learning rate."): no second wrapper.
            message = translate_error(error)
            self.show_error(message[:1].upper() + message[1:])
            return False
        return True

    def show_error(self, message: str) -> None:
        """Tell the user what went wrong (the banner and the status bar)."""
        self.message_bar.show_error(message)
        self.statusBar().showMessage(elided(message, 200), 8000)

    def load_scene_file(self, path: str | Path) -> bool:
        """Open lab scene ``path``; False (with a message) when it cannot be read."""
        try:
            scene = load_lab_scene(path)
        except (LabDataError, OSError) as error:
            self.show_error(
                self.tr("Could not open {name}: {reason}").format(
                    name=Path(path).name, reason=translate_error(error)
                )
            )
            return False
        self.pause_training()
        self.model.load_scene(scene)
        self.scene_path = Path(path)
        return True

    def save_scene_file(self, path: str | Path) -> bool:
        """Save the lab scene to ``path``; False (with a message) when it cannot be written."""
        try:
            save_lab_scene(path, self.model.scene())
        except (LabDataError, OSError) as error:
            self.show_error(
                self.tr("Could not save {name}: {reason}").format(
                    name=Path(path).name, reason=translate_error(error)
                )
            )
            return False
        self.scene_path = Path(path)
        self.statusBar().showMessage(self.tr("Saved {name}").format(name=Path(path).name), 4000)
        return True

    def import_csv(self, path: str | Path) -> bool:
        """Replace the points with those of CSV ``path``; on a bad file the data stays."""
        try:
            dataset = load_csv(path)
        except (LabDataError, OSError, UnicodeDecodeError) as error:
            reason = translate_error(error) if isinstance(error, MessageError) else str(error)
            message = self.tr("Could not import {name}: {reason} The points are unchanged.").format(
                name=Path(path).name, reason=reason
            )
            self.show_error(message)
            self._dialog(QMessageBox.Icon.Warning, self.tr("Import points"), message)
            return False
        self.pause_training()
        self.model.dataset_kind = "empty"
        self.model.replace_dataset(dataset)
        self.statusBar().showMessage(
            self.tr("Imported {count} points in {classes} classes").format(
                count=len(dataset.labels), classes=dataset.classes
            ),
            5000,
        )
        return True

    def export_figure(
        self, path: str | Path, view: str = "lab", size=FIGURE_SIZE, scale: float = 1.0
    ) -> Path:
        """Write a clean figure of ``view`` ("regions", "curves", "lab") to ``path``."""
        figure = LabFigure(self.model, view, theme=self.theme_name)
        try:
            return export_widget(figure, path, size, scale)
        finally:
            figure.close()
            figure.deleteLater()

    def open_in_explorer(self) -> bool:
        """Send the selected point's scores and class to the explorer; False if none is."""
        if not self.model.selection:
            self.show_error(self.tr("Select a point first: click it on the plot."))
            return False
        index = self.model.selection[-1]
        detail = self.model.trainer.point_details([index])[0]
        scores = [float(s) for s in detail["scores"]]
        label = int(detail["label"])
        if not all(math.isfinite(s) and abs(s) <= LOGIT_LIMIT for s in scores):
            self.show_error(self.tr("This point's scores are too large for the explorer."))
            return False
        session = self._explorer_session()
        rival = max((k for k in range(len(scores)) if k != label), key=lambda k: scores[k])
        reach = max(6.0, math.ceil(1.25 * max(abs(scores[label]), abs(scores[rival]))))
        reach = min(reach, SURFACE_LIMIT)  # (logits up to LOGIT_LIMIT must still fit)
        try:
            state = session.state.with_num_classes(len(scores))
            state = replace(
                state,
                logits=tuple(scores),
                label=label,
                soft_target=None,
                surface_axes=(label, rival),
                surface_range=(-reach, reach, -reach, reach),
            )
        except StateError as error:
            self.show_error(translate_error(error))
            return False
        session.set_state(state)
        window = self._main_window()
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
        self.statusBar().showMessage(
            self.tr("Point {index} sent to the explorer (class {label}).").format(
                index=index, label=label
            ),
            5000,
        )
        return True

    # Helpers ------------------------------------------------------------------------------
    def _main_window(self):
        """The explorer window showing this lab's session, if one is open."""
        if self.explorer_window is not None:
            return self.explorer_window
        if self.session is None:
            return None
        for widget in QApplication.topLevelWidgets():
            if (
                widget.objectName() == "mainWindow"
                and getattr(widget, "session", None) is self.session
            ):
                return widget
        return None

    def _explorer_session(self):
        if self.session is None:
            from ...app import create_main_window

            self.explorer_window = create_main_window()
            self.explorer_window.show()
            self.session = self.explorer_window.session
        return self.session

    def _dialog(self, icon, title: str, text: str) -> None:
        if QApplication.platformName() == "offscreen":
            return  # (tests and headless rendering: the banner says it)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("labMessageBox")
        box.open()

    def _sync_training_widgets(self) -> None:
        training = self.timer.isActive()
        with QSignalBlocker(self.train_button):
            self.train_button.setChecked(training)
        self.train_button.setText(self.tr("Pause") if training else self.tr("Train"))
        self.step_button.setEnabled(not training)

    def _sync_history(self) -> None:
        history = self.model.trainer.history
        count = len(history)
        if self.history_slider.isSliderDown():
            return
        with QSignalBlocker(self.history_slider):
            self.history_slider.setRange(0, max(0, count - 1))
            self.history_slider.setValue(max(0, count - 1))
        self.history_slider.setEnabled(count > 1)
        self._show_history_label(count - 1)

    def _show_history_label(self, index: int) -> None:
        history = self.model.trainer.history
        if not history:
            self.history_label.setText(self.tr("step 0"))
            return
        index = min(max(index, 0), len(history) - 1)
        self.history_label.setText(
            self.tr("step {step} of {last}").format(step=history[index].step, last=history[-1].step)
        )

    def _sync_selection(self) -> None:
        selection = self.model.selection
        self.open_button.setEnabled(bool(selection))
        self.delete_action.setEnabled(bool(selection))
        if selection:
            self.selection_label.setText(
                self.tr("{count} selected; “Open in explorer” sends point {index}.").format(
                    count=len(selection), index=selection[-1]
                )
            )
        else:
            self.selection_label.setText(self.tr("Click a point to see its numbers."))

    # Handlers -----------------------------------------------------------------------------
    def _on_model_changed(self, change: LabChange) -> None:
        if change.data or change.features or change.config:
            self._seconds_per_step = None  # another cost per step: measure again
        if change.history:
            self._sync_history()
        if change.selection or change.data:
            self._sync_selection()

    def _on_timer_timeout(self) -> None:
        if self._closed:
            self.timer.stop()
            return
        if self._dragging:
            return
        self.step(self._steps_this_tick())

    def _steps_this_tick(self) -> int:
        """``steps_per_frame``, or fewer that fit :data:`TICK_BUDGET` by the last tick."""
        wanted = self.model.steps_per_frame
        if self._seconds_per_step is None:
            count = 1  # the first tick measures
        else:
            count = min(wanted, max(1, int(TICK_BUDGET / self._seconds_per_step)))
        return count

    def _on_train_button_clicked(self, checked: bool = False) -> None:
        if self.timer.isActive():
            self.pause_training()
        else:
            self.start_training()

    def _on_step_button_clicked(self) -> None:
        self.step(1)

    def _on_reset_button_clicked(self) -> None:
        self.model.reset()

    def _on_randomise_button_clicked(self) -> None:
        seed = self.model.randomise()
        self.statusBar().showMessage(
            self.tr("New initial weights (seed {seed})").format(seed=seed), 4000
        )

    def _on_history_slider_moved(self, position: int) -> None:
        self.pause_training()
        self._show_history_label(position)
        history = self.model.trainer.history
        if 0 <= position < len(history):
            # A preview: the regions of that snapshot; releasing the slider goes back there.
            self.regions_view.show_weights(history[position].W)

    def _on_history_slider_released(self) -> None:
        self._restore(self.history_slider.value())

    def _on_history_slider_action(self, action: int) -> None:
        # Keyboard and page clicks land without a release: restore once the value is set.
        if not self.history_slider.isSliderDown() and action != QSlider.SliderAction.SliderMove:
            self._restore_timer.start()

    def _restore(self, index: int) -> None:
        history = self.model.trainer.history
        if not history or not 0 <= index < len(history) or index == len(history) - 1:
            self.regions_view.show_weights(None)
            self._sync_history()
            return
        self.pause_training()
        self.model.restore(index)

    def _on_drag_active(self, active: bool) -> None:
        self._dragging = active

    def _on_add_class_changed(self, index: int) -> None:
        self.regions_view.add_class = index

    def _on_open_button_clicked(self) -> None:
        self.open_in_explorer()

    def _on_delete_action_triggered(self) -> None:
        if self.model.selection:
            self.model.remove_points(self.model.selection)

    def _on_gradient_action_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.gradient_view)
        self.gradient_view.run_check()

    def _folder(self) -> str:
        return str(self.scene_path.parent) if self.scene_path else str(Path.home())

    def _on_open_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open lab scene"), self._folder(), self.tr("Lab scenes (*.json)")
        )
        if path:
            self.load_scene_file(path)

    def _on_save_action_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save lab scene"),
            str(self.scene_path or Path(self._folder()) / "lab.json"),
            self.tr("Lab scenes (*.json)"),
        )
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_scene_file(path)

    def _on_import_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import points"),
            self._folder(),
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.import_csv(path)

    def _on_export_csv_action_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export points"),
            str(Path(self._folder()) / "points.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return
        try:
            Path(path).write_text(dataset_to_csv(self.model.dataset), encoding="utf-8")
        except OSError as error:
            self.show_error(str(error))

    def _on_export_action_triggered(self, view: str) -> None:
        filters = ";;".join(
            [self.tr("PNG image (*.png)"), self.tr("SVG vector (*.svg)"), self.tr("PDF (*.pdf)")]
        )
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export figure"), str(Path(self._folder()) / f"lab-{view}.png"), filters
        )
        if not path:
            return
        if Path(path).suffix.lower() not in EXPORT_FORMATS:
            path += ".svg" if "svg" in chosen else ".pdf" if "pdf" in chosen else ".png"
        try:
            written = self.export_figure(path, view)
        except ExportError as error:
            self.show_error(str(error))
            return
        self.statusBar().showMessage(self.tr("Exported {name}").format(name=written.name), 5000)

    def closeEvent(self, event):  # noqa: D102 (Qt override)
        # Nothing of the lab runs once it is closed: no timer, no pending tick.
        self.timer.stop()
        self._closed = True
        self._sync_training_widgets()
        super().closeEvent(event)

    def showEvent(self, event):  # noqa: D102 (Qt override)
        self._closed = False
        super().showEvent(event)
