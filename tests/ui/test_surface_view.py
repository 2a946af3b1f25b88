"""The loss surface view's arrows: the one at the current point and the field's."""

import math

import numpy as np
import pytest

from explorer.core.arrows import arrow_points, arrow_segments
from explorer.state import ExplorerState


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
