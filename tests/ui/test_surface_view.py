"""The loss surface view: its arrows (the one at the current point and the field's), the
descent controls (Step, Play, Reset) and its typed fields."""

import math
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core.arrows import arrow_points, arrow_segments
from explorer.state import ExplorerState

from .mouse import type_into


@pytest.mark.parametrize("head_fraction", [0.3, 0.35, 1.0])
def test_one_arrow_in_python_equals_the_vectorised_arrows(head_fraction):
    rng = np.random.default_rng(7)
    cases = [((0.0, 0.0), (1.0, 0.0)), ((2.5, -1.0), (0.0, 0.0)), ((-3.0, 4.0), (-1e-9, 2e6))]
    cases += [(tuple(rng.normal(size=2) * 5), tuple(rng.normal(size=2) * 3)) for _ in range(50)]
    for tail, vector in cases:
        expected = np.concatenate(arrow_segments(tail, vector, head_fraction))
        got = np.array(arrow_points(tail, vector, head_fraction))
        assert got.shape == (6, 2)
        assert np.array_equal(got, expected), (tail, vector)


def test_the_arrow_at_the_point_shows_the_descent_direction(window):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), label=1, surface_axes=(0, 1)))
    view = window.surface_view
    gradient = window.session.derived.analysis.gradient
    a_min, a_max, b_min, b_max = window.state.surface_range
    reach = 0.35 * min(a_max - a_min, b_max - b_min) / math.sqrt(2)
    descent = (-gradient[0] * reach, -gradient[1] * reach)
    segments = view.gradient_arrow.data()
    assert segments.shape == (3, 2, 2)
    np.testing.assert_array_equal(segments[0, 0], (2.0, 1.0))  # from the current point
    np.testing.assert_allclose(segments[0, 1], (2.0 + descent[0], 1.0 + descent[1]))
    expected = np.concatenate(arrow_segments((2.0, 1.0), descent, 0.3)).reshape(3, 2, 2)
    np.testing.assert_allclose(segments, expected, rtol=0, atol=1e-12)


def test_a_tiny_surface_range_far_from_the_point_paints_without_error(tmp_path):
    """The narrowest range (1e-6 wide) with the point a thousand units off puts the point
    and the descent path about 1e11 pixels away. Painting them once raised OverflowError
    inside a paint override, which crashed the process in PySide's error handling; they
    are now left out. Run in a child process so that a crash fails this test rather than
    the whole run."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        """
        from dataclasses import replace
        from PySide6.QtWidgets import QApplication
        from explorer.app import create_main_window, ensure_application

        app = ensure_application()
        window = create_main_window()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.set_state(
            replace(window.state, logits=(1000.0, -1000.0, 0.1), surface_range=(0, 1e-6, 0, 1e-6))
        )
        for _ in range(3):
            window.surface_view._on_play_timer_timeout()
            app.processEvents()
        image = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
        print("painted", image.width(), image.height(), flush=True)
        """
    )
    environment = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "PATH": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=environment
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "painted 1280 800" in result.stdout
    # Nor any exception or warning on the way (an overflowing colour scale, a pixel
    # position beyond Qt's integers).
    for sign in ("Traceback", "Error", "Warning", "Overflow"):
        assert sign not in result.stderr, result.stderr[-2000:]


# Descent controls and typed fields -----------------------------------------------------


def test_step_lowers_the_loss(window, qtbot):
    loss_before = window.session.derived.analysis.loss
    qtbot.mouseClick(window.surface_view.step_button, Qt.MouseButton.LeftButton)
    loss_after = window.session.derived.analysis.loss
    assert loss_after < loss_before
    assert len(window.session.derived.trail) == 2
    trail = window.session.derived.trail
    np.testing.assert_array_equal(window.surface_view.path.data(), [trail[:, [0, 1]]])
    np.testing.assert_array_equal(window.surface_view.path_dots.data(), trail[:, [0, 1]])
    qtbot.mouseClick(window.surface_view.reset_button, Qt.MouseButton.LeftButton)
    assert window.session.derived.analysis.loss == pytest.approx(loss_before)


def test_play_runs_descent_until_paused(window, qtbot):
    loss_before = window.session.derived.analysis.loss
    window.surface_view.play_button.click()
    qtbot.waitUntil(lambda: len(window.session.derived.trail) >= 4, timeout=5000)
    window.surface_view.play_button.click()
    assert not window.surface_view.play_timer.isActive()
    assert window.session.derived.analysis.loss < loss_before


def test_play_stops_by_itself_once_the_descent_has_converged(window, qtbot):
    """Issue 24: Play ran on after the loss had reached its minimum."""
    from explorer.ui.surface_view import CONVERGED_GRADIENT

    # Label smoothing has a finite optimum, which descent reaches in some 15 steps.
    start = replace(window.state, logits=(4.0, 0.0, 0.0), label_smoothing=0.3, learning_rate=2.0)
    window.set_state(start)
    messages = []
    window.surface_view.statusMessage.connect(messages.append)
    window.surface_view.play_button.click()
    qtbot.waitUntil(lambda: not window.surface_view.play_timer.isActive(), timeout=10_000)
    assert not window.surface_view.play_button.isChecked()
    assert window.session.derived.analysis.gradient_norm < CONVERGED_GRADIENT
    assert messages and "Converged" in messages[-1]


def test_a_play_run_is_one_undo_step(window, qtbot):
    before = window.state
    window.surface_view.play_button.click()
    qtbot.waitUntil(lambda: len(window.session.derived.trail) >= 4, timeout=5000)
    window.surface_view.play_button.click()
    assert window.state != before
    window.session.undo()
    assert window.state == before


def test_typed_surface_range_is_applied(window, qtbot):
    type_into(qtbot, window.surface_view.range_max, "10")
    assert window.state.surface_range == (-6.0, 10.0, -6.0, 10.0)


def test_a_surface_range_too_narrow_to_draw_is_refused_with_a_message(window, qtbot):
    """A range a few hundred orders of magnitude narrow made the plot's scale infinite
    and the window crashed on the next paint (found by fuzzing extreme states)."""
    type_into(qtbot, window.surface_view.range_min, "0")
    assert window.state.surface_range == (0.0, 6.0, 0.0, 6.0)
    type_into(qtbot, window.surface_view.range_max, "1e-310")
    assert window.state.surface_range == (0.0, 6.0, 0.0, 6.0)
    assert window.message_bar.isVisible()
    assert "at least 1e-06 wide" in window.message_bar.text()
    assert window.surface_view.range_max.text() == "6"
    window.surface_view.step_button.click()  # the window still draws
    qtbot.wait(10)
    type_into(qtbot, window.surface_view.range_max, "1e-6")  # the narrowest allowed
    assert window.state.surface_range == (0.0, 1e-6, 0.0, 1e-6)
    window.grab()


def test_learning_rate_field_follows_undo(window, qtbot):
    type_into(qtbot, window.surface_view.learning_rate, "0.5")
    assert window.state.learning_rate == 0.5
    window.session.undo()
    assert window.surface_view.learning_rate.text() == "1"
