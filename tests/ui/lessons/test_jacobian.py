"""The Jacobian lesson: the matrix, its spectrum and the moved class's row, live."""

import numpy as np
import pytest
from PySide6.QtGui import QImage

from explorer.cli import render_command
from explorer.core.lessons import jacobian_report
from explorer.scenes import preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.lessons.jacobian import JacobianPanel, significant


@pytest.fixture
def panel(qtbot):
    session = ExplorerSession(ExplorerState(logits=(2.0, 1.0, 0.1, -0.5)))
    view = JacobianPanel(session)
    qtbot.addWidget(view)
    view.resize(600, 600)
    view.show()
    return view


def _shown_matrix(panel):
    count = panel.session.state.num_classes
    return np.array([float(text.toPlainText()) for text in panel.cell_texts]).reshape(count, -1)


def test_the_cells_show_the_cores_jacobian(panel):
    expected = jacobian_report(np.array(panel.session.state.logits)).jacobian
    np.testing.assert_allclose(_shown_matrix(panel), expected, rtol=0.05, atol=1e-12)
    np.testing.assert_allclose(panel.image.image, expected)


def test_a_moved_logit_highlights_its_row_and_everything_follows(panel):
    session = panel.session
    assert not panel.highlight.isVisible()
    session.set_state(session.state.with_logit(2, 3.0))
    assert panel.moved_class == 2 and panel.highlight.isVisible()
    assert panel.highlight.rect().center().y() == pytest.approx(2.0)
    report = jacobian_report(np.array(session.state.logits))
    np.testing.assert_allclose(_shown_matrix(panel), report.jacobian, rtol=0.05, atol=1e-12)
    assert significant(report.eigenvalues[-1], 3) in panel.summary.text()
    session.set_state(session.state.shifted(1.0))  # every logit moves: no single row
    assert panel.moved_class is None and not panel.highlight.isVisible()


def test_temperature_divides_the_matrix(panel):
    session = panel.session
    before = panel.image.image.copy()
    session.set_state(session.state.__class__(logits=session.state.logits, temperature=2.0))
    expected = jacobian_report(np.array(session.state.logits), temperature=2.0).jacobian
    np.testing.assert_allclose(panel.image.image, expected)
    assert not np.allclose(before, expected)


def test_the_caption_states_the_live_diagonal_and_can_be_hidden(panel):
    report = jacobian_report(np.array(panel.session.state.logits))
    text = panel.caption.text()
    assert "0.234" in text and "0.357" in text  # p0 (1 - p0) and the largest eigenvalue
    assert abs(report.jacobian[0, 0] - 0.234) < 5e-4
    panel.set_caption_visible(False)
    assert panel.caption.isHidden()


def test_small_entries_never_read_zero():
    assert significant(-0.0039) == "-0.0039"
    assert significant(3.2e-12) == "3.2e-12"
    assert significant(0.0) == "0"


def test_many_classes_drop_the_cell_numbers(qtbot):
    view = JacobianPanel(ExplorerSession(ExplorerState(logits=tuple(range(12)))))
    qtbot.addWidget(view)
    assert view.cell_texts == [] and view.image.image.shape == (12, 12)


def test_the_window_shows_it_from_view_lessons_and_its_preset_opens_it(window_factory):
    window = window_factory()
    assert "jacobian" not in window.panels  # not built until shown
    window.panel_actions["jacobian"].trigger()
    assert window.docks["jacobian"].isVisible()
    assert isinstance(window.panels["jacobian"], JacobianPanel)
    window.panel_actions["jacobian"].trigger()
    preset = next(path for path in preset_paths() if "jacobian" in path.name)
    assert scene_panels(preset) == ("jacobian",)
    assert window.open_scene(preset, remember=False)
    assert window.docks["jacobian"].isVisible()


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "jacobian.png"
    assert render_command(["--view", "jacobian", "--size", "640x480", "-o", str(out)]) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
