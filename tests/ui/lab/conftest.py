"""One classifier lab per test module, put back to a small known scene before each test."""

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from explorer.app import ensure_application
from explorer.core.lab import FeatureConfig, LabScene, TrainConfig, make_dataset
from explorer.ui.lab import LabWindow


def small_scene(**config) -> LabScene:
    """60 points in three blobs, raw features, softmax: quick to train and to draw."""
    return LabScene(
        dataset=make_dataset("blobs", classes=3, points=60, noise=0.05, seed=1),
        features=FeatureConfig(),
        config=TrainConfig(batch_size=32, **config),
        point_count=60,
        noise=0.05,
        data_seed=1,
    )


@pytest.fixture(scope="module")
def _shared_lab(qapp):
    ensure_application()
    window = LabWindow(scene=small_scene())
    window.resize(1280, 800)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    QTest.qWait(30)
    yield window
    window.close()
    window.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def lab(_shared_lab):
    """The module's lab window, paused, showing :func:`small_scene`."""
    window = _shared_lab
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and isinstance(widget, QDialog | QMessageBox):
            widget.close()
    if not window.isVisible():
        window.show()
        QTest.qWaitForWindowExposed(window)
    window.pause_training()
    window.model.load_scene(small_scene())
    window.controls.add_class.setCurrentIndex(0)
    window.message_bar.hide()
    window.message_bar.clear()
    window.statusBar().clearMessage()
    QApplication.processEvents()
    return window
