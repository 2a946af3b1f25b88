"""Guard against Qt bindings that release references they do not own.

PySide6 6.12.0 drops a reference to None on every call into Qt; on Python < 3.12 the
explorer then aborts with "none_dealloc" after some thousands of updates. The project pins
a working version; this test fails if the installed bindings have such a bug.
"""

import gc
import sys

import pytest
from PySide6.QtWidgets import QLineEdit


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_do_not_release_none(qapp):
    edit = QLineEdit()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("x")
    gc.collect()
    assert sys.getrefcount(None) - before >= 0


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_window_updates_do_not_release_none(window):
    session = window.session
    gc.collect()
    before = sys.getrefcount(None)
    for step in range(200):
        session.set_state(session.state.with_logit(2, step * 0.01))
    gc.collect()
    assert sys.getrefcount(None) - before >= 0
