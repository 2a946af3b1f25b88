"""The target: a hard label or a soft distribution, label smoothing and temperature."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ..session import Change, Derived, ExplorerSession
from ..state import FOCAL_GAMMA_RANGE, TEMPERATURE_RANGE, ExplorerState
from .view import ExplorerView, classes_changed
from .widgets import NumberEdit, format_number

SMOOTHING_STEPS = 100
TEMPERATURE_SLIDER_STEPS = 400
TEMPERATURE_SLIDER_RANGE = (0.05, 20.0)


def renormalised(target: tuple[float, ...], index: int, value: float) -> tuple[float, ...]:
    """Set entry ``index`` to ``value`` and rescale the others so the vector sums to 1.

    When the others are all zero, the remaining mass is shared equally among them.
    """
    value = min(max(value, 0.0), 1.0)
    others = [v for i, v in enumerate(target) if i != index]
    rest = math.fsum(others)
    remaining = 1.0 - value
    if rest > 0:
        scaled = [v * remaining / rest for v in others]
    else:
        scaled = [remaining / len(others)] * len(others)
    result = scaled[:index] + [value] + scaled[index:]
    return tuple(result)


def _soft_or_one_hot(state: ExplorerState) -> tuple[float, ...]:
    """The soft target, or the hard label as a one-hot vector."""
    if state.soft_target is not None:
        return state.soft_target
    return tuple(float(i == state.label) for i in range(state.num_classes))


def temperature_to_slider(temperature: float) -> int:
    """Position of ``temperature`` on the log-scale slider."""
    low, high = (math.log(v) for v in TEMPERATURE_SLIDER_RANGE)
    t = min(max(math.log(temperature), low), high)
    return round((t - low) / (high - low) * TEMPERATURE_SLIDER_STEPS)


def slider_to_temperature(position: int) -> float:
    """Temperature at a slider position (log scale, 3 significant digits)."""
    low, high = (math.log(v) for v in TEMPERATURE_SLIDER_RANGE)
    value = math.exp(low + (high - low) * position / TEMPERATURE_SLIDER_STEPS)
    return float(f"{value:.3g}")


class TargetChooser(ExplorerView):
    """Pick the true class or a soft target; set label smoothing and temperature."""

    watched_fields = frozenset(
        {
            "label",
            "soft_target",
            "label_smoothing",
            "temperature",
            "class_names",
            "loss",
            "focal_gamma",
        }
    )

    def __init__(self, session: ExplorerSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("targetChooser")
        self.setAccessibleName(self.tr("Target chooser"))
        self.setAccessibleDescription(
            self.tr("Choose the true class or a soft target distribution")
        )
        self.hard_radio = QRadioButton(self.tr("Hard label"))
        self.hard_radio.setObjectName("hardTargetRadio")
        self.hard_radio.setToolTip(self.tr("The target is one class (a one-hot vector)"))
        self.soft_radio = QRadioButton(self.tr("Soft target"))
        self.soft_radio.setObjectName("softTargetRadio")
        self.soft_radio.setToolTip(self.tr("The target is any probability vector"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.hard_radio, 0)
        self.mode_group.addButton(self.soft_radio, 1)
        self.mode_group.idToggled.connect(self._on_mode_group_toggled)
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("labelCombo")
        self.label_combo.setAccessibleName(self.tr("True class"))
        self.label_combo.setToolTip(self.tr("The true class c of the hard label"))
        self.label_combo.currentIndexChanged.connect(self._on_label_combo_index_changed)

        self.soft_widget = QWidget()
        self.soft_layout = QGridLayout(self.soft_widget)
        self.soft_layout.setContentsMargins(2, 2, 2, 2)
        self.soft_layout.setVerticalSpacing(2)
        self.soft_edits: list[NumberEdit] = []
        self.soft_scroll = QScrollArea()
        self.soft_scroll.setWidgetResizable(True)
        self.soft_scroll.setWidget(self.soft_widget)
        self.soft_scroll.setMinimumHeight(60)

        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal)
        self.smoothing_slider.setObjectName("labelSmoothingSlider")
        self.smoothing_slider.setRange(0, SMOOTHING_STEPS)
        self.smoothing_slider.setAccessibleName(self.tr("Label smoothing"))
        self.smoothing_slider.setToolTip(
            self.tr("Label smoothing ε: the target becomes (1 − ε)·y + ε/K")
        )
        self.smoothing_slider.valueChanged.connect(self._on_smoothing_slider_value_changed)
        # A slider drag is one undo step, like a bar drag.
        self.smoothing_slider.sliderPressed.connect(self.session.begin_gesture)
        self.smoothing_slider.sliderReleased.connect(self.session.end_gesture)
        self.smoothing_value = QLabel()
        self.smoothing_value.setMinimumWidth(40)

        self.temperature_slider = QSlider(Qt.Orientation.Horizontal)
        self.temperature_slider.setObjectName("temperatureSlider")
        self.temperature_slider.setRange(0, TEMPERATURE_SLIDER_STEPS)
        self.temperature_slider.setAccessibleName(self.tr("Temperature"))
        self.temperature_slider.setToolTip(
            self.tr(
                "Temperature T (log scale): small T sharpens p towards the argmax, "
                "large T flattens it"
            )
        )
        self.temperature_slider.valueChanged.connect(self._on_temperature_slider_value_changed)
        self.temperature_slider.sliderPressed.connect(self.session.begin_gesture)
        self.temperature_slider.sliderReleased.connect(self.session.end_gesture)
        self.temperature_edit = NumberEdit(*TEMPERATURE_RANGE, digits=3)
        self.temperature_edit.setObjectName("temperatureEdit")
        self.temperature_edit.setMaximumWidth(64)
        self.temperature_edit.setAccessibleName(self.tr("Temperature value"))
        self.temperature_edit.setToolTip(self.tr("Type an exact temperature (0.01 to 100)"))
        self.temperature_edit.valueSubmitted.connect(self._on_temperature_edit_submitted)
        self.temperature_edit.invalidInput.connect(self.invalidInput)

        self.loss_combo = QComboBox()
        self.loss_combo.setObjectName("lossCombo")
        self.loss_combo.setAccessibleName(self.tr("Loss"))
        self.loss_combo.setToolTip(
            self.tr("The loss minimised: the surface, its arrows, descent and readouts follow it")
        )
        for key, text in (
            ("cross_entropy", self.tr("Cross-entropy  −Σ t log p")),
            ("squared_error", self.tr("Squared error  mean (p − t)²")),
            ("focal", self.tr("Focal  −Σ t (1 − p)^γ log p")),
        ):
            self.loss_combo.addItem(text, key)
        self.loss_combo.currentIndexChanged.connect(self._on_loss_combo_index_changed)
        self.gamma_edit = NumberEdit(*FOCAL_GAMMA_RANGE, digits=3)
        self.gamma_edit.setObjectName("focalGammaEdit")
        self.gamma_edit.setMaximumWidth(64)
        self.gamma_edit.setAccessibleName(self.tr("Focal gamma"))
        self.gamma_edit.setToolTip(
            self.tr("γ of the focal loss (0 to 10): larger γ down-weights well-classified examples")
        )
        self.gamma_edit.valueSubmitted.connect(self._on_gamma_edit_submitted)
        self.gamma_edit.invalidInput.connect(self.invalidInput)

        mode_row = QHBoxLayout()
        mode_row.addWidget(self.hard_radio)
        mode_row.addWidget(self.soft_radio)
        mode_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("True class"), self.label_combo)
        smoothing_row = QHBoxLayout()
        smoothing_row.addWidget(self.smoothing_slider, 1)
        smoothing_row.addWidget(self.smoothing_value)
        form.addRow(self.tr("Smoothing ε"), smoothing_row)
        temperature_row = QHBoxLayout()
        temperature_row.addWidget(self.temperature_slider, 1)
        temperature_row.addWidget(self.temperature_edit)
        form.addRow(self.tr("Temperature T"), temperature_row)
        loss_row = QHBoxLayout()
        loss_row.addWidget(self.loss_combo, 1)
        self.gamma_label = QLabel(self.tr("γ"))
        loss_row.addWidget(self.gamma_label)
        loss_row.addWidget(self.gamma_edit)
        form.addRow(self.tr("Loss"), loss_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(mode_row)
        layout.addLayout(form)
        layout.addWidget(self.soft_scroll, 1)
        self.attach()

    # Rendering ---------------------------------------------------------------------------
    def _rebuild(self, state: ExplorerState) -> None:
        with QSignalBlocker(self.label_combo):
            self.label_combo.clear()
            self.label_combo.addItems(
                [f"{i}: {self.class_name(state, i)}" for i in range(state.num_classes)]
            )
        while self.soft_layout.count():
            item = self.soft_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.soft_edits = []
        for index in range(state.num_classes):
            edit = NumberEdit(0.0, 1.0, digits=4)
            edit.setObjectName(f"softTarget{index}")
            edit.setAccessibleName(
                self.tr("Target probability of class {index}").format(index=index)
            )
            edit.setToolTip(
                self.tr(
                    "Target probability of class {index}; the others rescale to keep the sum 1"
                ).format(index=index)
            )
            edit.valueSubmitted.connect(lambda v, i=index: self._on_soft_edit_submitted(i, v))
            edit.invalidInput.connect(self.invalidInput)
            self.soft_layout.addWidget(
                QLabel(self.class_name(state, index)), index // 2, 2 * (index % 2)
            )
            self.soft_layout.addWidget(edit, index // 2, 2 * (index % 2) + 1)
            self.soft_edits.append(edit)

    def refresh(self, state: ExplorerState, derived: Derived, change: Change | None) -> None:
        """Sync every control from ``state`` (signals blocked: no write-back)."""
        if classes_changed(change):
            self._rebuild(state)
        soft = state.soft_target is not None
        with QSignalBlocker(self.mode_group):
            (self.soft_radio if soft else self.hard_radio).setChecked(True)
        with QSignalBlocker(self.label_combo):
            self.label_combo.setCurrentIndex(state.label)
        self.label_combo.setEnabled(not soft)
        self.soft_scroll.setVisible(soft)
        if soft:  # hidden otherwise; switching to a soft target renders them
            values = _soft_or_one_hot(state)
            for edit, value in zip(self.soft_edits, values, strict=True):
                edit.set_value(value)
        with QSignalBlocker(self.smoothing_slider):
            self.smoothing_slider.setValue(round(state.label_smoothing * SMOOTHING_STEPS))
        self.smoothing_value.setText(format_number(state.label_smoothing, 2))
        with QSignalBlocker(self.temperature_slider):
            self.temperature_slider.setValue(temperature_to_slider(state.temperature))
        self.temperature_edit.set_value(state.temperature)
        with QSignalBlocker(self.loss_combo):
            self.loss_combo.setCurrentIndex(self.loss_combo.findData(state.loss))
        focal = state.loss == "focal"
        self.gamma_edit.set_value(state.focal_gamma)
        self.gamma_edit.setEnabled(focal)
        self.gamma_label.setEnabled(focal)

    # Handlers ----------------------------------------------------------------------------
    def _on_mode_group_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        state = self.session.state
        if button_id == 1:
            one_hot = _soft_or_one_hot(replace(state, soft_target=None))
            self.submit(lambda: replace(state, soft_target=one_hot))
        else:
            self.submit(lambda: replace(state, soft_target=None))

    def _on_label_combo_index_changed(self, index: int) -> None:
        if index >= 0:
            self.submit(lambda: replace(self.session.state, label=index))

    def _on_soft_edit_submitted(self, index: int, value: float) -> None:
        state = self.session.state
        target = renormalised(_soft_or_one_hot(state), index, value)
        self.submit(lambda: replace(state, soft_target=target))

    def _on_smoothing_slider_value_changed(self, position: int) -> None:
        self.submit(lambda: replace(self.session.state, label_smoothing=position / SMOOTHING_STEPS))

    def _on_temperature_slider_value_changed(self, position: int) -> None:
        self.submit(
            lambda: replace(self.session.state, temperature=slider_to_temperature(position))
        )

    def _on_temperature_edit_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, temperature=value))

    def _on_loss_combo_index_changed(self, index: int) -> None:
        if index >= 0:
            key = self.loss_combo.itemData(index)
            self.submit(lambda: replace(self.session.state, loss=key))

    def _on_gamma_edit_submitted(self, value: float) -> None:
        self.submit(lambda: replace(self.session.state, focal_gamma=value))


__all__ = ["TargetChooser", "renormalised"]
