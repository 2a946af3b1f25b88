import pytest
from PySide6.QtCore import QSettings

from explorer.app import create_main_window, ensure_application


@pytest.fixture
def window(qtbot):
    ensure_application()
    QSettings().clear()  # every test starts from the default layout and preferences
    main_window = create_main_window()
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    qtbot.wait(50)  # let the deferred dock sizing run before tests map data to pixels
    return main_window
