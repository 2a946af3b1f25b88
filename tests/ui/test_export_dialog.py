"""The export dialog remembers its scale between uses, and refuses a stored nonsense."""

import pytest
from PySide6.QtCore import QSettings

from explorer.state import ExplorerState
from explorer.ui.export_dialog import SCALE_KEY, ExportDialog, stored_scale


@pytest.fixture
def settings(qapp):
    settings = QSettings()
    settings.remove(SCALE_KEY)
    yield settings
    settings.remove(SCALE_KEY)


def test_the_scale_chosen_is_offered_next_time(settings, qtbot):
    dialog = ExportDialog(ExplorerState())
    qtbot.addWidget(dialog)
    assert dialog.scale.value() == 1.0
    dialog.scale.setValue(2.5)
    dialog.accept()
    again = ExportDialog(ExplorerState())
    qtbot.addWidget(again)
    assert again.scale.value() == 2.5
    assert again.options()["scale"] == 2.5


def test_a_cancelled_dialog_keeps_the_stored_scale(settings, qtbot):
    settings.setValue(SCALE_KEY, 2.0)
    dialog = ExportDialog(ExplorerState())
    qtbot.addWidget(dialog)
    dialog.scale.setValue(3.0)
    dialog.reject()
    assert ExportDialog(ExplorerState()).scale.value() == 2.0


@pytest.mark.parametrize("value", [None, "", "big", "nan", "inf", 0, -2, 99, [2], True])
def test_a_stored_value_that_is_no_scale_gives_1(value):
    assert stored_scale(value) == 1.0


@pytest.mark.parametrize(("value", "scale"), [("2", 2.0), (1.5, 1.5), ("4.0", 4.0)])
def test_a_stored_scale_is_read_back(value, scale):
    assert stored_scale(value) == scale
