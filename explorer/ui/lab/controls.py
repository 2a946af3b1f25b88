"""The lab's settings: data, features, model and optimiser, in one scrollable column.

Widgets are synced from the model with their signals blocked (:meth:`LabControls.sync`);
only the ``_on_<widget>_<thing>`` handlers change the model.
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.lab import DATASET_KINDS, FOURIER_WIDTH_RANGE, LabDataError, TrainingError
from ...core.lab.scene import MAX_DATA_SEED, MAX_STEPS_PER_FRAME
from ...i18n import translate_error
from ..widgets import NumberEdit
from .adapter import FULL_BATCH, batch_size_of
from .colors import class_color
from .model import LabChange, LabModel

#: The learning-rate slider: log10 of the rate, in tenths, from 1e-4 to 10.
RATE_SLIDER_RANGE = (-40, 10)
#: Typed rates may go far beyond the slider: one that overflows is a lesson (and a message).
RATE_LIMITS = (1e-8, 1e300)
REG_LIMITS = (0.0, 1e3)
MAX_POINTS = 5000
#: The batch spin box holds at most this (a 32-bit integer); larger sizes show as it.
MAX_POINTS_SHOWN = 2**31 - 1
MAX_FOURIER = 512


def _rounded(value: float, digits: int = 3) -> float:
    """``value`` to ``digits`` significant digits (what a log slider lands on)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


class CompactNumberEdit(NumberEdit):
    """A number field that shows 0.0001 and 1e-05 (four significant digits), not 1.000e-04."""

    def set_value(self, value: float) -> None:  # noqa: D102
        super().set_value(value)
        if not self.hasFocus() or not self.isModified():
            text = f"{float(value):.4g}"
            if text != self.text():
                self.setText(text)


class LabControls(QWidget):
    """Data, features and model settings of a :class:`LabModel`.

    Signals
    -------
    message(str)
        A refused setting or failed generation, for the status bar.
    addClassChanged(int)
        The class new points get.
    """

    message = Signal(str)
    addClassChanged = Signal(int)

    def __init__(self, model: LabModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("labControls")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._build_data_group())
        layout.addWidget(self._build_features_group())
        layout.addWidget(self._build_model_group())
        layout.addStretch(1)
        model.changed.connect(self._on_model_changed)
        self.sync()

    # Construction -------------------------------------------------------------------------
    def _named(self, widget: QWidget, name: str, accessible: str, tip: str = "") -> QWidget:
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        if tip:
            widget.setToolTip(tip)
        return widget

    def _build_data_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Data"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = self._named(QComboBox(), "labDatasetKind", self.tr("Dataset"))
        names = {
            "blobs": self.tr("Gaussian blobs"),
            "rings": self.tr("Concentric rings"),
            "spirals": self.tr("Spirals"),
            "xor": self.tr("XOR"),
            "empty": self.tr("Empty canvas"),
        }
        for kind in DATASET_KINDS:
            self.kind.addItem(names.get(kind, kind), kind)
        self.classes = self._named(QSpinBox(), "labClasses", self.tr("Classes"))
        self.classes.setRange(2, 8)
        self.point_count = self._named(QSpinBox(), "labPointCount", self.tr("Points"))
        self.point_count.setRange(0, MAX_POINTS)
        self.point_count.setSingleStep(50)
        self.noise = self._named(QDoubleSpinBox(), "labNoise", self.tr("Noise"))
        self.noise.setRange(0.0, 1.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        self.data_seed = self._named(QSpinBox(), "labDataSeed", self.tr("Data seed"))
        self.data_seed.setRange(0, MAX_DATA_SEED)
        self.generate_button = self._named(
            QPushButton(self.tr("Generate")),
            "labGenerateButton",
            self.tr("Generate data"),
            self.tr("Make new data with these settings (the same seed gives the same points)"),
        )
        self.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.add_class = self._named(
            QComboBox(),
            "labAddClass",
            self.tr("Class of new points"),
            self.tr("Clicking on the plot adds a point of this class"),
        )
        self.add_class.currentIndexChanged.connect(self._on_add_class_index_changed)
        form.addRow(self.tr("Dataset"), self.kind)
        form.addRow(self.tr("Classes"), self.classes)
        form.addRow(self.tr("Points"), self.point_count)
        form.addRow(self.tr("Noise"), self.noise)
        form.addRow(self.tr("Seed"), self.data_seed)
        form.addRow(self.generate_button)
        form.addRow(self.tr("Click adds"), self.add_class)
        return group

    def _build_features_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Features"))
        layout = QVBoxLayout(group)
        self.raw = self._named(
            QCheckBox(self.tr("x₁, x₂ (raw)")), "labFeatureRaw", self.tr("Raw features")
        )
        self.squares = self._named(
            QCheckBox(self.tr("x₁², x₂², x₁x₂")),
            "labFeatureSquares",
            self.tr("Squares and product"),
            self.tr("Quadratic features: circles and ellipses become linear boundaries"),
        )
        self.sines = self._named(
            QCheckBox(self.tr("sin x₁, sin x₂")), "labFeatureSines", self.tr("Sines")
        )
        self.fourier = self._named(
            QCheckBox(self.tr("Random Fourier")),
            "labFeatureFourier",
            self.tr("Random Fourier features"),
            self.tr("cos(ω·x + b) with random ω of the given width: any smooth boundary"),
        )
        self.fourier_count = self._named(QSpinBox(), "labFourierCount", self.tr("Fourier count"))
        self.fourier_count.setRange(1, MAX_FOURIER)
        self.fourier_count.setValue(64)
        self.fourier_width = self._named(
            QDoubleSpinBox(),
            "labFourierWidth",
            self.tr("Fourier width"),
            self.tr("Scale of the random frequencies: wider follows finer detail"),
        )
        # The model's whole range, so a scene's width shows as it is (not clamped).
        self.fourier_width.setDecimals(3)
        self.fourier_width.setRange(*FOURIER_WIDTH_RANGE)
        self.fourier_width.setSingleStep(0.25)
        fourier_row = QHBoxLayout()
        fourier_row.addWidget(self.fourier)
        fourier_row.addWidget(self.fourier_count)
        fourier_row.addWidget(QLabel(self.tr("width")))
        fourier_row.addWidget(self.fourier_width)
        self.features_note = QLabel(
            self.tr(
                "With x₁, x₂ alone a class's score is a plane over the data, so the regions "
                "are half-planes cut by straight lines: rings and spirals cannot be "
                "separated. The bias is one more constant feature (1), the last row of W, "
                "regularised with W as in the course."
            )
        )
        self.features_note.setObjectName("labFeaturesNote")
        self.features_note.setWordWrap(True)
        self.feature_count = QLabel()
        self.feature_count.setObjectName("labFeatureCount")
        for box in (self.raw, self.squares, self.sines, self.fourier):
            box.toggled.connect(self._on_features_changed)
            layout.addWidget(box) if box is not self.fourier else layout.addLayout(fourier_row)
        self.fourier_count.valueChanged.connect(self._on_features_changed)
        self.fourier_width.valueChanged.connect(self._on_features_changed)
        layout.addWidget(self.feature_count)
        layout.addWidget(self.features_note)
        return group

    def _build_model_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Model and training"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.loss = self._named(QComboBox(), "labLoss", self.tr("Loss"))
        self.loss.addItem(self.tr("Softmax (cross-entropy)"), "softmax")
        self.loss.addItem(self.tr("Multiclass SVM (hinge)"), "svm")
        self.loss.currentIndexChanged.connect(self._on_loss_index_changed)
        self.reg = self._named(
            CompactNumberEdit(*REG_LIMITS),
            "labReg",
            self.tr("Regularisation strength"),
            self.tr("reg, the strength of the L2 penalty on W"),
        )
        self.reg.valueSubmitted.connect(self._on_reg_value_submitted)
        self.reg.invalidInput.connect(self.message)
        self.reg_convention = self._named(
            QComboBox(), "labRegConvention", self.tr("Regularisation convention")
        )
        self.reg_convention.addItem("0.5·reg·‖W‖² " + self.tr("(course)"), "half")
        self.reg_convention.addItem("reg·‖W‖²", "full")
        self.reg_convention.setToolTip(
            self.tr("The course's 0.5·reg·‖W‖² has gradient reg·W; reg·‖W‖² has 2·reg·W")
        )
        self.reg_convention.currentIndexChanged.connect(self._on_reg_convention_index_changed)
        self.rate_slider = self._named(
            QSlider(Qt.Orientation.Horizontal),
            "labLearningRateSlider",
            self.tr("Learning rate (log scale)"),
        )
        self.rate_slider.setRange(*RATE_SLIDER_RANGE)
        self.rate_slider.setPageStep(10)
        self.rate_slider.valueChanged.connect(self._on_rate_slider_value_changed)
        self.rate = self._named(
            CompactNumberEdit(*RATE_LIMITS), "labLearningRate", self.tr("Learning rate")
        )
        self.rate.setMaximumWidth(90)
        self.rate.valueSubmitted.connect(self._on_rate_value_submitted)
        self.rate.invalidInput.connect(self.message)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate_slider, 1)
        rate_row.addWidget(self.rate)
        self.batch_size = self._named(
            QSpinBox(),
            "labBatchSize",
            self.tr("Batch size"),
            self.tr("Points per minibatch step; 'all' is full-batch gradient descent"),
        )
        self.batch_size.setRange(0, MAX_POINTS)
        self.batch_size.setSpecialValueText(self.tr("all"))
        self.batch_size.valueChanged.connect(self._on_batch_size_value_changed)
        self.momentum = self._named(QDoubleSpinBox(), "labMomentum", self.tr("Momentum"))
        self.momentum.setDecimals(3)
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.momentum.valueChanged.connect(self._on_momentum_value_changed)
        self.steps_per_frame = self._named(
            QSpinBox(),
            "labStepsPerFrame",
            self.tr("Steps per frame"),
            self.tr(
                "Minibatch steps between two redraws while training (fewer when they would "
                "take longer than a twentieth of a second)"
            ),
        )
        self.steps_per_frame.setRange(1, MAX_STEPS_PER_FRAME)
        self.steps_per_frame.valueChanged.connect(self._on_steps_per_frame_value_changed)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self.tr("Regularisation"), self.reg)
        form.addRow(self.tr("Penalty"), self.reg_convention)
        form.addRow(self.tr("Learning rate"), rate_row)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Momentum"), self.momentum)
        form.addRow(self.tr("Steps per frame"), self.steps_per_frame)
        return group

    # Model -> widgets ---------------------------------------------------------------------
    def _on_model_changed(self, change: LabChange) -> None:
        if change.data or change.features or change.config:
            self.sync()

    def sync(self) -> None:
        """Show the model's settings (signals blocked: nothing is written back)."""
        model = self.model
        features, config = model.features, model.config
        widgets = (
            self.kind, self.classes, self.point_count, self.noise, self.data_seed,
            self.raw, self.squares, self.sines, self.fourier, self.fourier_count,
            self.fourier_width, self.loss, self.reg_convention, self.rate_slider,
            self.batch_size, self.momentum, self.steps_per_frame, self.add_class,
        )  # fmt: skip
        blockers = [QSignalBlocker(widget) for widget in widgets]
        index = self.kind.findData(model.dataset_kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        self.classes.setValue(model.classes)
        self.point_count.setValue(model.point_count)
        self.noise.setValue(model.noise)
        self.data_seed.setValue(model.data_seed)
        self.raw.setChecked(features.raw)
        self.squares.setChecked(features.squares)
        self.sines.setChecked(features.sines)
        self.fourier.setChecked(features.fourier > 0)
        if features.fourier > 0:
            self.fourier_count.setValue(features.fourier)
        self.fourier_width.setValue(features.fourier_width)
        self.loss.setCurrentIndex(max(0, self.loss.findData(config.loss)))
        self.reg.set_value(config.reg)
        self.reg_convention.setCurrentIndex(
            max(0, self.reg_convention.findData(config.reg_convention))
        )
        self.rate.set_value(config.learning_rate)
        self.rate_slider.setValue(self._slider_position(config.learning_rate))
        self.batch_size.setMaximum(max(MAX_POINTS, len(model.dataset.labels)))
        # Any size from FULL_BATCH up is every point (a dataset holds no more); a scene's
        # size may pass what the (32-bit) spin box holds.
        batch = config.batch_size
        self.batch_size.setValue(0 if batch >= FULL_BATCH else min(batch, MAX_POINTS_SHOWN))
        self.momentum.setValue(config.momentum)
        self.steps_per_frame.setValue(model.steps_per_frame)
        classes = model.classes
        if self.add_class.count() != classes:
            chosen = min(self.add_class.currentIndex(), classes - 1)
            self.add_class.clear()
            for k in range(classes):
                self.add_class.addItem(self.tr("class {k}").format(k=k), k)
                self.add_class.setItemData(
                    k, _swatch(class_color(k)), Qt.ItemDataRole.DecorationRole
                )
            self.add_class.setCurrentIndex(max(0, chosen))
            self.addClassChanged.emit(self.add_class.currentIndex())
        del blockers
        names = self.model.trainer.W.shape[0] - 1
        self.feature_count.setText(
            self.tr("{count} features + bias: W is {rows} × {classes}").format(
                count=names, rows=names + 1, classes=classes
            )
        )

    @staticmethod
    def _slider_position(rate: float) -> int:
        if rate <= 0:
            return RATE_SLIDER_RANGE[0]
        position = round(10 * math.log10(rate))
        return min(max(position, RATE_SLIDER_RANGE[0]), RATE_SLIDER_RANGE[1])

    # Handlers -----------------------------------------------------------------------------
    def _apply_config(self, **changes) -> None:
        try:
            self.model.set_config(**changes)
        except (LabDataError, TrainingError, ValueError) as error:
            self.message.emit(translate_error(error))
            self.sync()

    def _on_generate_button_clicked(self) -> None:
        try:
            self.model.generate(
                self.kind.currentData(),
                self.classes.value(),
                self.point_count.value(),
                self.noise.value(),
                self.data_seed.value(),
            )
        except (LabDataError, ValueError) as error:
            self.message.emit(translate_error(error))
            self.sync()

    def _on_add_class_index_changed(self, index: int) -> None:
        self.addClassChanged.emit(max(0, index))

    def _on_features_changed(self, *_args) -> None:
        fourier = self.fourier_count.value() if self.fourier.isChecked() else 0
        width = self.model.features.fourier_width
        if self.fourier_width.value() != round(width, self.fourier_width.decimals()):
            width = self.fourier_width.value()  # (else a scene's 1.2345 stays, not 1.235)
        features = replace(
            self.model.features,
            raw=self.raw.isChecked(),
            squares=self.squares.isChecked(),
            sines=self.sines.isChecked(),
            fourier=fourier,
            fourier_width=width,
        )
        try:
            self.model.set_features(features)
        except (LabDataError, TrainingError, ValueError) as error:
            self.message.emit(translate_error(error))
            self.sync()

    def _on_loss_index_changed(self, _index: int) -> None:
        self._apply_config(loss=self.loss.currentData())

    def _on_reg_value_submitted(self, value: float) -> None:
        self._apply_config(reg=value)

    def _on_reg_convention_index_changed(self, _index: int) -> None:
        self._apply_config(reg_convention=self.reg_convention.currentData())

    def _on_rate_slider_value_changed(self, position: int) -> None:
        self._apply_config(learning_rate=_rounded(10 ** (position / 10)))

    def _on_rate_value_submitted(self, value: float) -> None:
        self._apply_config(learning_rate=value)

    def _on_batch_size_value_changed(self, value: int) -> None:
        self._apply_config(batch_size=batch_size_of(value))

    def _on_momentum_value_changed(self, value: float) -> None:
        self._apply_config(momentum=round(value, 4))

    def _on_steps_per_frame_value_changed(self, value: int) -> None:
        self.model.set_steps_per_frame(value)


def _swatch(color: str):
    """A small square of ``color`` for a combo box entry."""
    from PySide6.QtGui import QColor, QIcon, QPixmap

    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
