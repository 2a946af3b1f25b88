import pytest
from PySide6.QtCore import QSettings

from explorer.app import create_main_window, ensure_application


@pytest.fixture
def window_factory(qtbot):
    """Build, show and settle main windows (after the test has set up what it needs)."""

    def build(**options):
        ensure_application()
        QSettings().clear()  # every test starts from the default layout and preferences
        main_window = create_main_window(**options)
        qtbot.addWidget(main_window)
        main_window.show()
        qtbot.waitExposed(main_window)
        qtbot.wait(50)  # let the deferred dock sizing run before tests map data to pixels
        return main_window

    return build


@pytest.fixture
def window(window_factory):
    return window_factory()
