"""Entry points: ``create_main_window`` shares one live session between windows, and a
script that shows a window exits without a crash."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from explorer.session import ExplorerSession
from explorer.state import ExplorerState


def test_two_windows_share_one_session(window_factory):
    first = window_factory()
    second = window_factory(session=first.session)
    assert second.session is first.session
    first.set_state(first.state.with_logit(2, 4.5))
    assert second.state.logits[2] == 4.5
    shown = second.readouts.values["loss"].text()
    assert shown == first.readouts.values["loss"].text()
    second.undo_action.trigger()  # one undo history, whichever window edits
    assert first.state.logits[2] == ExplorerState().logits[2]


def test_a_state_given_with_a_session_becomes_its_state(window_factory, qapp):
    session = ExplorerSession()
    window = window_factory(state=ExplorerState(logits=(1.0, 2.0)), session=session)
    assert session.state.logits == (1.0, 2.0) and window.state is session.state
    assert session.can_undo()  # the window's state replaced the session's as an edit


#: The scripting path of the README as a script takes it: its own QApplication in a global
#: (as pyqtgraph's examples do), the window shown, events processed, and the interpreter
#: left to exit.
SCRIPT = """
from PySide6.QtWidgets import QApplication

app = QApplication([])

from explorer.app import create_main_window

window = create_main_window()
window.show()
app.processEvents()
"""
RUNS = 12


def test_a_script_that_shows_the_window_exits_cleanly(tmp_path):
    """Issue 27: 15-20 % of such scripts died at exit with a segfault in shiboken, while
    Python's teardown deleted a graphics scene's items in no particular order."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def run(_):
        return subprocess.run(
            [sys.executable, "-c", SCRIPT],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            cwd=tmp_path,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, range(RUNS)))
    codes = [result.returncode for result in results]
    assert codes == [0] * RUNS  # -11: a segfault


def test_render_in_process_leaves_the_windows_it_did_not_make(window_factory, tmp_path):
    """render deletes its own figure before it returns, and nothing else."""
    import shiboken6

    from explorer.cli import render_command

    window = window_factory()
    assert render_command(["--size", "400x300", "-o", str(tmp_path / "figure.png")]) == 0
    assert shiboken6.isValid(window) and window.isVisible()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, "1"),
        ({"OPENBLAS_NUM_THREADS": "3"}, "3"),
        ({"OMP_NUM_THREADS": "4"}, "unset"),  # a user's OMP choice is not overridden
    ],
)
def test_the_application_asks_for_one_blas_thread_unless_told_otherwise(given, expected):
    """explorer.app sets OPENBLAS_NUM_THREADS before NumPy loads, keeping a user's choice."""
    from explorer._blas import USER_CHOICES

    environment = {k: v for k, v in os.environ.items() if k not in USER_CHOICES}
    environment.update(given)
    environment["QT_QPA_PLATFORM"] = "offscreen"
    script = (
        "import sys, os; import explorer.app; "
        "assert 'numpy' in sys.modules; print(os.environ.get('OPENBLAS_NUM_THREADS', 'unset'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.strip() == expected
