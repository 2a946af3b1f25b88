import pytest

from explorer.app import create_main_window


@pytest.fixture
def window(qtbot):
    main_window = create_main_window()
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window
