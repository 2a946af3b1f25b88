"""File > Export figure: choose the view, size, scale, theme and file."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..panels import PANELS, WINDOW_FIGURE, figure_views
from ..state import ExplorerState
from .export import MIN_SIZE

SIZE_PRESETS = ((1920, 1080), (1280, 720), (1600, 1200), (1024, 768), (3840, 2160))
#: Where the dialog keeps the last scale chosen (a person's preference, not the scene's).
SCALE_KEY = "export/scale"
SCALE_RANGE = (0.5, 4.0)


def stored_scale(value: object) -> float:
    """The scale kept in the settings, if it is a number in :data:`SCALE_RANGE`, else 1.

    A settings file can hold anything (text, a list, NaN); only a valid number is taken.
    """
    if isinstance(value, bool):
        return 1.0
    try:
        scale = float(value)  # (INI files give back text)
    except (TypeError, ValueError):
        return 1.0
    low, high = SCALE_RANGE
    return scale if math.isfinite(scale) and low <= scale <= high else 1.0


class ExportDialog(QDialog):
    """Options of a figure export; the file name (and so the format) is asked for next."""

    def __init__(self, state: ExplorerState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export figure"))
        self.view = QComboBox()
        self.view.setObjectName("exportView")
        self.view.setAccessibleName(self.tr("View to export"))
        self.view.addItem(self.tr("All plots"), WINDOW_FIGURE)
        for key in figure_views():
            spec = PANELS.get(key)
            if spec is not None and spec.is_available(state):
                self.view.addItem(QCoreApplication.translate("Panels", spec.title), key)
        self.view.setToolTip(self.tr("Export every plot together, or a single one"))
        self.size_preset = QComboBox()
        self.size_preset.setObjectName("exportSizePreset")
        self.size_preset.setAccessibleName(self.tr("Size preset"))
        for width, height in SIZE_PRESETS:
            self.size_preset.addItem(f"{width} × {height}", (width, height))
        self.size_preset.currentIndexChanged.connect(self._on_size_preset_index_changed)
        self.width = QSpinBox()
        self.width.setObjectName("exportWidth")
        self.height = QSpinBox()
        self.height.setObjectName("exportHeight")
        for box, name in ((self.width, self.tr("Width")), (self.height, self.tr("Height"))):
            box.setRange(MIN_SIZE, 8192)
            box.setSuffix(" px")
            box.setAccessibleName(name)
            box.setToolTip(
                self.tr("Figure size in logical pixels (the layout is made at this size)")
            )
        self.scale = QDoubleSpinBox()
        self.scale.setObjectName("exportScale")
        self.scale.setRange(*SCALE_RANGE)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(stored_scale(QSettings().value(SCALE_KEY)))
        self.scale.setSuffix("×")
        self.scale.setAccessibleName(self.tr("Pixel scale"))
        self.scale.setToolTip(self.tr("PNG pixels per logical pixel: 2× for retina projectors"))
        self.theme = QComboBox()
        self.theme.setObjectName("exportTheme")
        self.theme.setAccessibleName(self.tr("Export theme"))
        for key, text in (
            ("light", self.tr("Light (print and slides)")),
            ("dark", self.tr("Dark")),
            ("contrast", self.tr("High contrast")),
        ):
            self.theme.addItem(text, key)
        self.theme.setToolTip(self.tr("Colours of the exported figure (your window is unchanged)"))

        size_row = QHBoxLayout()
        size_row.addWidget(self.width)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height)
        form = QFormLayout()
        form.addRow(self.tr("View"), self.view)
        form.addRow(self.tr("Size preset"), self.size_preset)
        form.addRow(self.tr("Size"), size_row)
        form.addRow(self.tr("Scale (PNG)"), self.scale)
        form.addRow(self.tr("Theme"), self.theme)
        note = QLabel(self.tr("The format follows the file name: .png, .svg or .pdf."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._on_size_preset_index_changed(0)

    def accept(self) -> None:  # noqa: D102 (Qt override): the scale is remembered
        QSettings().setValue(SCALE_KEY, self.scale.value())
        super().accept()

    def _on_size_preset_index_changed(self, index: int) -> None:
        width, height = self.size_preset.itemData(index)
        self.width.setValue(width)
        self.height.setValue(height)

    def options(self) -> dict:
        """The chosen view, size, scale and theme."""
        return {
            "view": self.view.currentData(),
            "size": (self.width.value(), self.height.value()),
            "scale": self.scale.value(),
            "theme": self.theme.currentData(),
        }
