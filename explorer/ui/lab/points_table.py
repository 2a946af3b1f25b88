"""The selected points' numbers: scores (the logits), probabilities and loss."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..widgets import format_fixed, format_number
from .model import LabChange, LabModel

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class PointsTable(QTableWidget):
    """One row per selected point: index, class, prediction, loss, ``s_k`` and ``p_k``."""

    def __init__(self, model: LabModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("labPointsTable")
        self.setAccessibleName(self.tr("Selected points"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        # Sized once per refresh, not per cell: ResizeToContents measured the whole column
        # again for every number set (a quarter of a millisecond each).
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setToolTip(
            self.tr(
                "Scores s (the point's logits), probabilities p = softmax(s) and the loss of "
                "each selected point. Click a point on the plot to select it (Ctrl adds)."
            )
        )
        self._classes = -1
        #: While training changes the weights every frame the numbers follow at 10 Hz:
        #: readable, and a table relayout per frame costs more than the frame.
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(100)
        self._throttle.timeout.connect(self.refresh)
        model.changed.connect(self._on_model_changed)
        self.refresh()

    def _on_model_changed(self, change: LabChange) -> None:
        if change.selection or change.data or change.config or change.features:
            self.refresh()
        elif change.model and self.model.selection and not self._throttle.isActive():
            self._throttle.start()

    def _set_headers(self, classes: int) -> None:
        self._classes = classes
        headers = [self.tr("point"), self.tr("class"), self.tr("pred."), self.tr("loss")]
        headers += [f"s{str(k).translate(SUBSCRIPTS)}" for k in range(classes)]
        headers += [f"p{str(k).translate(SUBSCRIPTS)}" for k in range(classes)]
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)

    def refresh(self) -> None:
        """Show the numbers of the model's selection."""
        classes = self.model.classes
        if classes != self._classes:
            self._set_headers(classes)
        selection = [i for i in self.model.selection if i < len(self.model.dataset.labels)]
        details = self.model.trainer.point_details(selection) if selection else []
        self._throttle.stop()
        self.setUpdatesEnabled(False)
        self.setRowCount(len(details))
        for row, (index, detail) in enumerate(zip(selection, details, strict=True)):
            cells = [
                str(index),
                str(int(detail["label"])),
                str(int(detail["predicted"])),
                format_number(float(detail["loss"]), 4),
            ]
            cells += [format_fixed(float(s), 3) for s in detail["scores"]]
            cells += [format_fixed(float(p), 3) for p in detail["probabilities"]]
            for column, text in enumerate(cells):
                item = self.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    self.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
        self.resizeColumnsToContents()
        self.setUpdatesEnabled(True)
