"""The logit editor: one bar per class, dragged with the mouse, nudged with the keyboard."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFontMetrics, QMouseEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.nice import STEPS_125, nice_step, round_outward
from ..session import Change, Derived, ExplorerSession
from ..state import (
    LOGIT_LIMIT,
    MAX_CLASSES,
    MAX_NAME_LENGTH,
    MIN_CLASSES,
    ExplorerState,
    default_logits,
)
from .chart_item import BarLayer, ChartItem, LabelLayer, MarkerLayer, NumberTexts
from .theme import style_plot
from .view import BAR_WIDTH, ExplorerView, axis_items, classes_changed
from .widgets import InvalidNumber, NumberEdit, elided, format_fixed, format_number

#: A logit's label and shorter ones (for when labels would touch): with three decimals
#: for up to 8 classes, two for more.
_LABEL_FORMATS = {
    many: (
        functools.partial(format_number, digits=2 if many else 3),
        functools.partial(format_number, digits=1),
        functools.partial(format_fixed, digits=1),
    )
    for many in (False, True)
}
SMALL_STEP = 0.1
LARGE_STEP = 1.0


def value_span(
    logits: np.ndarray, current: tuple[float, float] | None = None
) -> tuple[float, float]:
    """The logit plot's y range: every bar, 0, and room for the values printed at the bars.

    The range moves in steps, not with every change of a logit (a new range redraws the
    axis and relays out the plot): ``current`` is kept while it holds the bars with their
    room and is not more than twice as tall as needed; otherwise the new range has a
    margin of an eighth of the needed height on each side, rounded outwards to a 1-2-5
    step, so that gradient descent moves it only now and then.
    """
    low = min(0.0, float(logits.min()))
    high = max(0.0, float(logits.max()))
    pad = max(1.2, 0.3 * (high - low))  # room for the value printed above each bar
    needed_low, needed_high = low - pad, high + pad
    needed = needed_high - needed_low
    if current is not None:
        current_low, current_high = current
        if (
            current_low <= needed_low
            and current_high >= needed_high
            and current_high - current_low <= 2 * needed
        ):
            return current
    margin = needed / 8
    step = nice_step(needed / 10, STEPS_125)
    return round_outward(needed_low - margin, needed_high + margin, step)


#: A count as typed: ASCII digits only (``int`` would take "1_0" and other scripts' digits).
_WHOLE_NUMBER = re.compile(r"\+?[0-9]+")


class ClassCountBox(QSpinBox):
    """The number of classes K: applies the whole number typed, on Enter or focus-out.

    A plain QSpinBox drops every keystroke that makes its text invalid: typing ``51``
    (above the maximum) leaves ``5``, ``3.5`` leaves ``35``, ``1e1`` leaves ``11``, and
    that number is applied. Here any text may be typed; on Enter or focus-out, text that
    is not a whole number (ASCII digits, an optional ``+``) within the range is refused
    with ``invalidInput`` and the current K is shown again. The arrows and the keyboard's
    Up/Down step as usual; nothing is applied while typing (no keyboard tracking).

    Signals
    -------
    invalidInput(str)
        Typed text was refused; the argument is the message to show.
    """

    invalidInput = Signal(str)

    def __init__(self, low: int, high: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(low, high)
        # Typing "30" must not apply K = 3 on the way (and drop classes 3..9).
        self.setKeyboardTracking(False)

    def parse(self, text: str) -> int:
        """The count ``text`` gives; raises :class:`InvalidNumber` with the message."""
        cleaned = text.strip()
        low, high = self.minimum(), self.maximum()
        if not cleaned:
            raise InvalidNumber(
                self.tr("Please type the number of classes, {low} to {high}.").format(
                    low=low, high=high
                )
            )
        if not _WHOLE_NUMBER.fullmatch(cleaned):
            raise InvalidNumber(
                self.tr(
                    "“{text}” is not a whole number: type the number of classes, {low} to {high}."
                ).format(text=elided(cleaned), low=low, high=high)
            )
        count = int(cleaned)
        if not low <= count <= high:
            raise InvalidNumber(
                self.tr("{count} classes is out of range: K is {low} to {high}.").format(
                    count=count, low=low, high=high
                )
            )
        return count

    def validate(self, text: str, position: int):  # noqa: D102 (Qt override)
        # Never Invalid: a keystroke is never dropped, the whole text is judged at the end.
        try:
            self.parse(text)
        except InvalidNumber:
            return QValidator.State.Intermediate
        return QValidator.State.Acceptable

    def valueFromText(self, text: str) -> int:  # noqa: D102 (Qt override)
        try:
            return self.parse(text)
        except InvalidNumber:  # (Qt asks only for text that validate accepted)
            return self.value()

    def fixup(self, text: str) -> str:  # noqa: D102 (Qt override): text is never changed
        return text

    def _check_typed_text(self) -> None:
        """Refuse typed text that is not a count: report it and show the current K."""
        text = self.lineEdit().text()
        if text == self.textFromValue(self.value()):
            return
        try:
            self.parse(text)
        except InvalidNumber as error:
            self.lineEdit().setText(self.textFromValue(self.value()))
            self.invalidInput.emit(str(error))

    def keyPressEvent(self, event):  # noqa: D102 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_typed_text()
        super().keyPressEvent(event)

    def focusOutEvent(self, event):  # noqa: D102 (Qt override)
        self._check_typed_text()
        super().focusOutEvent(event)


class NameValidator(QValidator):
    """At most ``MAX_NAME_LENGTH`` characters, counted as the state counts them.

    ``QLineEdit.setMaxLength`` counts UTF-16 units: 40 emoji (40 characters, a valid
    name) would be cut to 20. A keystroke or paste that would make the name longer is
    refused, as a maximum length refuses it.
    """

    def validate(self, text: str, position: int):  # noqa: D102 (Qt override)
        if len(text) <= MAX_NAME_LENGTH:  # (a Python str: code points)
            return QValidator.State.Acceptable
        return QValidator.State.Invalid


class LogitViewBox(pg.ViewBox):
    """A view box whose left-button drags move one bar instead of panning the view."""

    dragStarted = Signal(int)
    dragMoved = Signal(int, float)  # class, vertical distance dragged (data units)
    dragFinished = Signal(int)
    barClicked = Signal(int)
    barDoubleClicked = Signal(int)

    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self.num_classes = 0
        self._dragging: int | None = None
        self._drag_origin = 0.0  # view y of the button-down point of the current drag

    def class_at(self, view_x: float) -> int | None:
        """The class whose bar column contains ``view_x``, if any."""
        index = int(round(view_x))
        if 0 <= index < self.num_classes and abs(view_x - index) <= 0.5:
            return index
        return None

    def mouseDragEvent(self, event, axis=None):  # noqa: D102 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        if event.isStart():
            # The value under the press, kept: every move of the drag (here or through
            # drag_to) measures from it, so the grabbed point stays under the pointer even
            # if the plot is resized or moved mid-drag.
            start = self.mapToView(event.buttonDownPos())
            self._dragging = self.class_at(start.x())
            self._drag_origin = start.y()
            if self._dragging is not None:
                self.dragStarted.emit(self._dragging)
        self.drag_to(event.scenePos())
        if event.isFinish():
            self.finish_drag()

    @property
    def dragging(self) -> int | None:
        """The class whose bar is being dragged, if any."""
        return self._dragging

    def drag_to(self, scene_position: QPointF) -> None:
        """Continue the current drag, if any, to ``scene_position``.

        pyqtgraph's drag events come here, and so do the mouse moves of a drag under way,
        straight from the view (see :class:`LogitEditor`): the press, the drag's start and
        its release go through pyqtgraph's scene.
        """
        if self._dragging is not None:
            current = self.mapSceneToView(scene_position)
            self.dragMoved.emit(self._dragging, current.y() - self._drag_origin)

    def finish_drag(self) -> None:
        """End the current drag where it is, if there is one (its release, or a lost one)."""
        if self._dragging is not None:
            index, self._dragging = self._dragging, None
            self.dragFinished.emit(index)

    def mouseClickEvent(self, event):  # noqa: D102 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        index = self.class_at(self.mapToView(event.pos()).x())
        if index is None:
            return
        event.accept()
        if event.double():
            self.barDoubleClicked.emit(index)
        else:
            self.barClicked.emit(index)


class LogitEditor(ExplorerView):
    """Bars of the logits ``z_i`` with drag handles, plus exact entry and class names.

    Mouse: drag a bar up or down. Double-click a bar to type its value. Keyboard (with the
    plot focused): Left/Right select a class, Up/Down nudge it by 0.1 (Shift: by 1).
    """

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("logitEditor")
        self.setAccessibleName(self.tr("Logit editor"))
        self.setAccessibleDescription(
            self.tr("Bars of the logits; drag a bar or use the arrow keys to change it")
        )
        self.selected = 0
        self._drag_start_value = 0.0

        self.view_box = LogitViewBox()
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box, axisItems=axis_items())
        self.plot_widget.setObjectName("logitPlot")
        self.plot_widget.setAccessibleName(self.tr("Logit bars"))
        self.plot_widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot_widget.setToolTip(
            self.tr(
                "Drag a bar to change its logit. Double-click to type a value.\n"
                "Left/Right: select a class. Up/Down: nudge by 0.1 (Shift: by 1)."
            )
        )
        self.plot_widget.installEventFilter(self)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setTitle(self.tr("Logits z"))
        self.plot.setLabel("left", self.tr("logit"))
        self.plot.setMinimumHeight(220)
        self._brushes_key: tuple | None = None
        self._label_point_size: int | None = None  # the value labels' font, made once a size
        # Bars, handles and value labels: layers of one item (see chart_item.py).
        self.chart = ChartItem()
        self.plot.addItem(self.chart)
        self.bars = self.chart.add(BarLayer(BAR_WIDTH))
        self.handles = self.chart.add(MarkerLayer("s", 16))
        self.selected_handle = self.chart.add(MarkerLayer("s", 16))
        self.value_labels = self.chart.add(LabelLayer())
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.zero_line.setZValue(-1)  # under the bars, handles and labels
        self.plot.addItem(self.zero_line)
        self._span: tuple[float, float] | None = None
        self._shown_logits: tuple[float, ...] = ()
        self._ticks_key: tuple | None = None

        # During a drag the mouse moves skip pyqtgraph's scene (see _on_viewport_mouse_event).
        self._viewport = self.plot_widget.viewport()
        self.view_box.dragStarted.connect(self._on_plot_drag_started)
        self.view_box.dragMoved.connect(self._on_plot_drag_moved)
        self.view_box.dragFinished.connect(self._on_plot_drag_finished)
        self.view_box.barClicked.connect(self._on_plot_bar_clicked)
        self.view_box.barDoubleClicked.connect(self._on_plot_bar_double_clicked)

        # Controls: number of classes, shift, reset.
        self.class_count = ClassCountBox(MIN_CLASSES, MAX_CLASSES)
        self.class_count.setObjectName("classCount")
        self.class_count.setAccessibleName(self.tr("Number of classes"))
        self.class_count.setToolTip(self.tr("Number of classes K (2 to {n})").format(n=MAX_CLASSES))
        self.class_count.valueChanged.connect(self._on_class_count_value_changed)
        self.class_count.invalidInput.connect(self.invalidInput)
        self.shift_amount = NumberEdit(-1e4, 1e4, digits=3)
        self.shift_amount.setObjectName("shiftAmount")
        self.shift_amount.set_value(1.0)
        self._fit_shift_field()
        self.shift_amount.setAccessibleName(self.tr("Shift amount"))
        self.shift_amount.setToolTip(self.tr("The constant added to every logit by Shift all"))
        self.shift_amount.invalidInput.connect(self.invalidInput)
        self.shift_button = QPushButton(self.tr("Shift all"))
        self.shift_button.setObjectName("shiftButton")
        self.shift_button.setToolTip(
            self.tr("Add the same constant to every logit: the probabilities do not change")
        )
        self.shift_button.clicked.connect(self._on_shift_button_clicked)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("resetLogitsButton")
        self.reset_button.setToolTip(self.tr("Back to the default logits for this K"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)

        controls = QHBoxLayout()
        label = QLabel(self.tr("Classes K"))
        label.setBuddy(self.class_count)
        controls.addWidget(label)
        controls.addWidget(self.class_count)
        controls.addStretch(1)
        shift_label = QLabel(self.tr("by"))
        shift_label.setBuddy(self.shift_amount)
        controls.addWidget(self.shift_button)
        controls.addWidget(shift_label)
        controls.addWidget(self.shift_amount)
        controls.addWidget(self.reset_button)

        # One row per class: name and exact value.
        self.rows_widget = QWidget()
        self.rows_layout = QGridLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(2, 2, 2, 2)
        self.rows_layout.setVerticalSpacing(2)
        self.name_edits: list[QLineEdit] = []
        self._name_validator = NameValidator(self)
        self.value_edits: list[NumberEdit] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_widget)
        scroll.setMinimumHeight(110)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.rows_scroll = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot_widget, 3)
        self.controls_widget = QWidget()
        self.controls_widget.setLayout(controls)
        controls.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls_widget)
        layout.addWidget(scroll, 2)
        self.chrome = [self.controls_widget, scroll]
        self.apply_theme()
        self.attach()

    # Rendering ---------------------------------------------------------------------------
    def _fit_shift_field(self) -> None:
        """The Shift-all field as wide as its widest amount in its font ("1000" read "l000")."""
        field = self.shift_amount
        width = QFontMetrics(field.font()).horizontalAdvance("−10000.00") + 18
        field.setMinimumWidth(width)
        field.setMaximumWidth(width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: D102, N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "shift_amount"):
            self._fit_shift_field()  # presentation mode, a larger text size

    def apply_theme(self) -> None:
        """Restyle the plot."""
        self._fit_shift_field()
        theme = self.theme
        self.plot_widget.setBackground(theme.background)
        style_plot(self.plot, theme, self.font_scale)
        self.zero_line.setPen(theme.pen(theme.foreground, 1))
        self.handles.set_style(theme.brush(theme.background), theme.pen(theme.foreground, 1.5))
        self.selected_handle.set_style(
            theme.brush(theme.predicted), theme.pen(theme.foreground, 1.5)
        )

    def _rebuild_rows(self, state: ExplorerState) -> None:
        """Create the per-class widgets (only when K changes)."""
        while self.rows_layout.count():
            widget = self.rows_layout.takeAt(0).widget()
            if widget is not None:
                # Gone at the next event loop; nameless meanwhile, so that nothing finds
                # the old row by its object name.
                widget.setObjectName("")
                widget.deleteLater()
        self.name_edits, self.value_edits = [], []
        for index in range(state.num_classes):
            name = QLineEdit()
            name.setObjectName(f"className{index}")
            name.setValidator(self._name_validator)
            name.setPlaceholderText(self.tr("class {index}").format(index=index))
            name.setAccessibleName(self.tr("Name of class {index}").format(index=index))
            name.setToolTip(self.tr("Name of class {index}").format(index=index))
            name.editingFinished.connect(functools.partial(self._on_name_edit_changed, index, name))
            value = NumberEdit(-LOGIT_LIMIT, LOGIT_LIMIT, digits=4)
            value.setObjectName(f"logitValue{index}")
            value.setAccessibleName(self.tr("Logit of class {index}").format(index=index))
            value.setToolTip(
                self.tr("Exact value of logit z{index} (finite, |z| ≤ 1e6)").format(index=index)
            )
            value.setMaximumWidth(110)
            value.valueSubmitted.connect(lambda v, i=index: self._on_value_edit_submitted(i, v))
            value.invalidInput.connect(self.invalidInput)
            tag = QLabel(f"z{index}")
            self.rows_layout.addWidget(tag, index, 0)
            self.rows_layout.addWidget(name, index, 1)
            self.rows_layout.addWidget(value, index, 2)
            self.name_edits.append(name)
            self.value_edits.append(value)
        self._ticks_key = None

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Redraw bars, handles, labels and entry fields from ``state``."""
        count = state.num_classes
        if len(self.value_edits) != count:  # rows are rebuilt only when K changes
            self._rebuild_rows(state)
            self._span = None
            self.selected = min(self.selected, count - 1)
            self.view_box.num_classes = count
        logits = np.asarray(state.logits)
        positions = np.arange(count)
        theme = self.theme
        selected = None if self.figure_mode else self.selected  # figures show no selection
        brushes_key = (count, selected, theme.name)
        if brushes_key != self._brushes_key:
            self._brushes_key = brushes_key
            self._brushes = [
                theme.brush(theme.bar_selected if i == selected else theme.bar)
                for i in range(count)
            ]
        self.bars.set_bars(positions, logits, brushes=self._brushes)
        handles_shown = not self.figure_mode
        self.handles.set_points(positions, logits)
        self.handles.setVisible(handles_shown)
        self.selected_handle.set_points([self.selected], [logits[self.selected]])
        self.selected_handle.setVisible(handles_shown)
        point_size = round(theme.font_size * self.font_scale * (0.9 if count > 8 else 1.0))
        if point_size != self._label_point_size:
            self._label_point_size = point_size
            font = pg.QtGui.QFont()
            font.setPointSize(point_size)
            self.value_labels.set_font(font)
        self.value_labels.set_labels(
            (
                index,
                value,
                NumberTexts(value, _LABEL_FORMATS[count > 8]) if count <= 20 else "",
                (0.5, 1.0) if value >= 0 else (0.5, 0.0),  # clear of the 16 px handle
                -11 if value >= 0 else 11,
                theme.foreground,
            )
            for index, value in enumerate(logits)
        )
        # Ranges and ticks only when they change (each change redraws an axis); during a
        # drag the range stays put so the bar keeps following the pointer.
        if self.view_box.dragging is None:
            span = value_span(logits, self._span)
            if span != self._span:
                self._span = span
                self.plot.setXRange(-0.6, count - 0.4, padding=0)
                self.plot.setYRange(*span, padding=0)
        if self._ticks_key is None or classes_changed(change):
            ticks = self.class_ticks(state)
            if ticks != self._ticks_key:
                self._ticks_key = ticks
                self.plot.getAxis("bottom").setTicks([ticks])
        if self.class_count.value() != count:
            with QSignalBlocker(self.class_count):
                self.class_count.setValue(count)
        # Entry fields: all of them on a full redraw (a refused entry is restored), else
        # only those whose logit changed (a drag moves one of K).
        full = change is None or change.num_classes
        shown = self._shown_logits if not full else ()
        for index, value in enumerate(state.logits):
            edit = self.value_edits[index]
            # A field still flagged by a refused entry is cleared by the next change.
            if index >= len(shown) or shown[index] != value or edit.invalid:
                with QSignalBlocker(edit):
                    edit.set_value(value)
        self._shown_logits = state.logits
        if full or "class_names" in change.fields:
            for edit, name in zip(self.name_edits, state.class_names, strict=True):
                self._show_name(edit, name)

    @staticmethod
    def _show_name(edit: QLineEdit, name: str) -> None:
        """Show ``name`` in ``edit``, focused or not, unless typed into since (modified).

        A focused field left as it was would show a name the state no longer has (after
        Undo, after a scene was opened), and Enter would write it back.
        """
        if not edit.isModified() and edit.text() != name:
            with QSignalBlocker(edit):
                edit.setText(name)  # (and not modified: this is the state's text)

    # Selection and keyboard --------------------------------------------------------------
    def select(self, index: int) -> None:
        """Select class ``index`` (highlighted; the keyboard acts on it)."""
        index = max(0, min(index, self.session.state.num_classes - 1))
        if index != self.selected:
            self.selected = index
            self.refresh(self.session.state, self.session.derived, None)

    def eventFilter(self, watched, event):  # noqa: D102 (Qt override)
        if watched is self._viewport:
            return self._on_viewport_mouse_event(event)
        if watched is self.plot_widget and event.type() == event.Type.KeyPress:
            return self._handle_key(event)
        return super().eventFilter(watched, event)

    def _on_viewport_mouse_event(self, event) -> bool:
        """Move the dragged bar to a mouse move of the drag under way; True if handled.

        Watching the plot's viewport only while a bar is dragged: a move with the left
        button alone held goes straight to the view box, where pyqtgraph would take it
        through its Python scene (hover search, a drag event object, two passes of the
        scene's own handler), 3 % of a drag event's work; with no moves passing through
        the scene mid-drag, it sends no hover events either. Anything else, the release
        included, takes the usual way. A left press means the drag's release never came
        (the window lost the mouse): the drag ends there, and the press starts afresh.
        """
        kind = event.type()
        if (
            kind == QEvent.Type.MouseButtonPress
            and event.button() == Qt.MouseButton.LeftButton
            and self.view_box.dragging is not None
        ):
            self.view_box.finish_drag()  # (where it was: the release below moves nothing)
            # pyqtgraph's scene still holds the lost drag too, and would take the new
            # press's drag for its continuation: it gets the release it missed first.
            release = QMouseEvent(
                QEvent.Type.MouseButtonRelease,
                event.position(),
                event.globalPosition(),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.NoButton,
                event.modifiers(),
            )
            QApplication.sendEvent(self._viewport, release)
            return False
        if (
            kind != QEvent.Type.MouseMove
            or event.buttons() != Qt.MouseButton.LeftButton
            or self.view_box.dragging is None
        ):
            return False
        # As QGraphicsView places a mouse event in its scene: from the event's pixel.
        self.view_box.drag_to(self.plot_widget.mapToScene(event.position().toPoint()))
        return True

    def _handle_key(self, event) -> bool:
        key = event.key()
        big = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Left:
            self.select(self.selected - 1)
        elif key == Qt.Key.Key_Right:
            self.select(self.selected + 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = LARGE_STEP if big else SMALL_STEP
            sign = 1 if key == Qt.Key.Key_Up else -1
            value = self.session.state.logits[self.selected] + sign * step
            self.submit(lambda: self.session.state.with_logit(self.selected, round(value, 10)))
        else:
            return False
        return True

    # Handlers: the only places that create new states ------------------------------------
    def resync(self) -> None:
        """Nothing to restore: the number fields put their previous value back themselves."""

    def _on_plot_drag_started(self, index: int) -> None:
        self._viewport.installEventFilter(self)
        self.select(index)
        self.plot_widget.setFocus()  # the keyboard (nudges, Ctrl+Z) follows the drag
        self._drag_start_value = self.session.state.logits[index]
        self.session.begin_gesture()

    def _on_plot_drag_moved(self, index: int, distance: float) -> None:
        value = float(np.clip(self._drag_start_value + distance, -LOGIT_LIMIT, LOGIT_LIMIT))
        self.submit(lambda: self.session.state.with_logit(index, value))

    def _on_plot_drag_finished(self, index: int) -> None:
        self._viewport.removeEventFilter(self)
        self.session.end_gesture()
        self.refresh(self.session.state, self.session.derived, None)

    def _on_plot_bar_clicked(self, index: int) -> None:
        self.select(index)
        self.plot_widget.setFocus()

    def _on_plot_bar_double_clicked(self, index: int) -> None:
        self.select(index)
        editor = self.value_edits[index]
        self.rows_scroll.ensureWidgetVisible(editor)
        editor.setFocus()
        editor.selectAll()

    def _on_value_edit_submitted(self, index: int, value: float) -> None:
        self.submit(lambda: self.session.state.with_logit(index, value))

    def _on_name_edit_changed(self, index: int, edit: QLineEdit) -> None:
        if not edit.isModified():  # Enter on the state's own text: nothing to apply
            return
        if index >= len(self.name_edits) or self.name_edits[index] is not edit:
            return  # a row that a change of K replaced, losing its focus on the way out
        edit.setModified(False)
        names = list(self.session.state.class_names)
        names[index] = edit.text()
        self.submit(lambda: replace(self.session.state, class_names=tuple(names)))
        # As the state has it (stripped), also when that changed nothing.
        self._show_name(edit, self.session.state.class_names[index])

    def _on_class_count_value_changed(self, count: int) -> None:
        self.submit(lambda: self.session.state.with_num_classes(count))

    def _on_shift_button_clicked(self) -> None:
        amount = self.shift_amount.value()
        self.submit(lambda: self.session.state.shifted(amount))

    def _on_reset_button_clicked(self) -> None:
        count = self.session.state.num_classes
        self.submit(lambda: replace(self.session.state, logits=default_logits(count)))
