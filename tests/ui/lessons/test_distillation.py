"""The distillation lesson: teacher and student at T, the three losses, and why T^2."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from explorer.cli import render_command
from explorer.core.lessons import distillation_report, gradient_scaling
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState, default_teacher_logits
from explorer.ui.lessons.distillation import (
    COMPARED_TEMPERATURES,
    DistillationPanel,
    short_probability,
)
from explorer.ui.widgets import format_number

STUDENT = (1.0, 0.5, 0.2)
TEACHER = (5.0, 2.0, -1.0)


def _preset():
    return next(path for path in preset_paths() if "distillation" in path.name)


@pytest.fixture
def panel(qtbot):
    state = ExplorerState(logits=STUDENT, teacher_logits=TEACHER, temperature=4.0)
    view = DistillationPanel(ExplorerSession(state))
    qtbot.addWidget(view)
    view.resize(720, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _report(state):
    return distillation_report(
        np.array(state.logits),
        np.array(state.teacher),
        state.label,
        temperature=state.temperature,
        alpha=state.distillation_alpha,
    )


def _type_into(qtbot, edit, text):
    """Select the field's text with the keyboard, type ``text`` and press Enter."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _shown_numbers(panel):
    return {
        key: (float(panel.loss_values[key].text()), float(panel.gradient_values[key].text()))
        for key in ("soft", "hard", "total")
    }


def test_the_numbers_shown_are_the_cores(panel):
    state = panel.session.state
    report = _report(state)
    np.testing.assert_allclose(panel.teacher_bars.heights, report.soft_targets)
    np.testing.assert_allclose(panel.student_bars.heights, report.student_soft)
    assert np.all(panel.teacher_bars.x < panel.student_bars.x)  # teacher left of student
    shown = _shown_numbers(panel)
    expected = {
        "soft": (report.soft_loss, np.linalg.norm(report.soft_gradient)),
        "hard": (report.hard_loss, np.linalg.norm(report.hard_gradient)),
        "total": (report.total, np.linalg.norm(report.total_gradient)),
    }
    for key, (loss, gradient) in expected.items():
        assert shown[key][0] == pytest.approx(loss, abs=1e-4)
        assert shown[key][1] == pytest.approx(gradient, abs=1e-4)
    assert panel.loss_values["total"].text() == format_number(report.total, 4)
    # The soft loss is T^2 KL; the total mixes the two by alpha (0.5 by default).
    assert report.soft_loss == pytest.approx(16 * report.kl)
    assert shown["total"][0] == pytest.approx(0.5 * shown["soft"][0] + 0.5 * shown["hard"][0], 1e-3)
    assert [edit.text() for edit in panel.teacher_edits] == ["5", "2", "-1"]
    assert [label.text() for label in panel.student_labels] == ["1", "0.5", "0.2"]
    assert panel.value_labels.texts()[:3] == [
        format_number(value, 3) for value in report.soft_targets.tolist()
    ]


def test_the_t_squared_table_shows_the_scaling_in_numbers(panel):
    state = panel.session.state
    temperatures = [*COMPARED_TEMPERATURES, state.temperature]
    without, with_t2 = gradient_scaling(state.logits, state.teacher, temperatures)
    cells = panel.scaling_cells
    assert [cell.text() for cell in cells[0][:4]] == ["1", "2", "4", "8"]
    assert cells[0][4].text() == "4 (now)"
    shown_without = np.array([float(cell.text()) for cell in cells[1]])
    shown_with = np.array([float(cell.text()) for cell in cells[2]])
    np.testing.assert_allclose(shown_without, without, rtol=5e-3)
    np.testing.assert_allclose(shown_with, with_t2, rtol=5e-3)
    # Without T^2 the length falls by more than 25x from T = 1 to T = 8; with it, it stays
    # within a factor 3 (here it even grows a little, towards its limit).
    assert shown_without[0] / shown_without[3] > 25
    assert 1 / 3 < shown_with[3] / shown_with[0] < 3
    # And the "now" column is the soft gradient of the losses above.
    assert shown_with[4] == pytest.approx(float(panel.gradient_values["soft"].text()), rel=5e-3)


def test_a_teacher_logit_typed_changes_the_state_and_the_soft_targets(panel, qtbot):
    session = panel.session
    before = panel.teacher_bars.heights.copy()
    _type_into(qtbot, panel.teacher_edits[2], "4")
    assert session.state.teacher_logits == (5.0, 2.0, 4.0)
    report = _report(session.state)
    np.testing.assert_allclose(panel.teacher_bars.heights, report.soft_targets)
    assert not np.allclose(before, report.soft_targets)
    assert float(panel.loss_values["soft"].text()) == pytest.approx(report.soft_loss, abs=1e-4)
    # The reset button brings back the default teacher (None: twice the default logits).
    assert panel.reset_button.isEnabled()
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert session.state.teacher_logits is None
    assert not panel.reset_button.isEnabled()
    default = default_teacher_logits(3)
    assert [float(edit.text()) for edit in panel.teacher_edits] == list(default)
    np.testing.assert_allclose(panel.teacher_bars.heights, _report(session.state).soft_targets)


def test_bad_teacher_text_is_refused_and_the_state_kept(panel, qtbot):
    session = panel.session
    messages = []
    panel.invalidInput.connect(messages.append)
    state = session.state
    _type_into(qtbot, panel.teacher_edits[0], "lots")
    assert session.state is state
    assert messages and "lots" in messages[0]
    assert panel.teacher_edits[0].text() == "5"


def test_alpha_from_the_keyboard_changes_the_total(panel, qtbot):
    session = panel.session
    panel.alpha_slider.setFocus()
    qtbot.keyClick(panel.alpha_slider, Qt.Key.Key_End)
    assert session.state.distillation_alpha == 1.0
    report = _report(session.state)
    assert panel.loss_values["total"].text() == panel.loss_values["soft"].text()
    assert float(panel.loss_values["total"].text()) == pytest.approx(report.soft_loss, abs=1e-4)
    qtbot.keyClick(panel.alpha_slider, Qt.Key.Key_Home)
    assert session.state.distillation_alpha == 0.0
    assert panel.loss_values["total"].text() == panel.loss_values["hard"].text()
    qtbot.keyClick(panel.alpha_slider, Qt.Key.Key_Right)
    assert session.state.distillation_alpha == pytest.approx(0.01)
    report = _report(session.state)
    assert panel.loss_values["total"].text() == format_number(report.total, 4)
    assert panel.alpha_value.text() == "0.01"
    assert "α = 0.01" in panel.settings_label.text()


def test_temperature_through_the_state_moves_everything(panel):
    session = panel.session
    session.set_state(replace(session.state, temperature=1.0))
    report = _report(session.state)
    np.testing.assert_allclose(panel.teacher_bars.heights, report.soft_targets)
    np.testing.assert_allclose(panel.student_bars.heights, report.student_soft)
    assert panel.loss_values["soft"].text() == format_number(report.soft_loss, 4)
    assert panel.scaling_cells[0][4].text() == "1 (now)"
    # At T = 1 the factor T^2 is 1: both rows of the table agree in its column.
    assert panel.scaling_cells[1][4].text() == panel.scaling_cells[2][4].text()
    assert panel.temperature_edit.text() == "1"
    assert "T = 1," in panel.settings_label.text()


def test_temperature_typed_in_the_panel_is_the_states(panel, qtbot):
    _type_into(qtbot, panel.temperature_edit, "2")
    assert panel.session.state.temperature == 2.0
    assert panel.scaling_cells[0][4].text() == "2 (now)"


def test_a_moved_student_logit_follows_live(panel):
    session = panel.session
    session.set_state(session.state.with_logit(1, 3.0))
    report = _report(session.state)
    assert panel.student_labels[1].text() == "3"
    np.testing.assert_allclose(panel.student_bars.heights, report.student_soft)
    np.testing.assert_allclose(panel.teacher_bars.heights, report.soft_targets)  # unchanged
    assert panel.loss_values["hard"].text() == format_number(report.hard_loss, 4)


def test_another_number_of_classes_rebuilds_the_rows(panel):
    session = panel.session
    session.set_state(session.state.with_num_classes(5))
    QApplication.processEvents()
    assert len(panel.teacher_edits) == len(panel.student_labels) == 5
    assert session.state.teacher == (5.0, 2.0, -1.0, *default_teacher_logits(5)[3:])
    np.testing.assert_allclose(panel.teacher_bars.heights, _report(session.state).soft_targets)
    assert panel.teacher_bars.x.size == panel.student_bars.x.size == 5


def test_the_caption_carries_the_live_numbers(panel):
    report = _report(panel.session.state)
    text = panel.caption.text()
    for value in (report.soft_loss, report.hard_loss, report.total):
        assert format_number(value, 3) in text
    assert "T = 4" in text
    panel.set_caption_visible(False)
    assert panel.caption.isHidden()


def test_a_figure_drops_the_controls_and_keeps_the_numbers(panel):
    panel.set_figure_mode(True)
    assert panel.controls.isHidden() and not panel.reset_button.isVisible()
    assert not panel.loss_values["total"].isHidden()
    assert "α = 0.5" in panel.settings_label.text()


def test_small_probabilities_never_read_zero():
    assert short_probability(0.004) == "4e-3"
    assert short_probability(0.43) == ".43"
    assert short_probability(0.0) == "0"


def test_the_preset_opens_the_panel_in_the_window(window_factory, qtbot):
    window = window_factory()
    assert "distillation" not in window.panels  # not built until shown
    assert scene_panels(_preset()) == ("distillation",)
    assert window.open_scene(_preset(), remember=False)
    assert window.docks["distillation"].isVisible()
    panel = window.panels["distillation"]
    assert isinstance(panel, DistillationPanel)
    assert window.session.state.teacher_logits == TEACHER
    # T from the target chooser reaches the panel.
    _type_into(qtbot, window.target_chooser.temperature_edit, "8")
    assert window.session.state.temperature == 8.0
    assert panel.scaling_cells[0][4].text() == "8 (now)"
    np.testing.assert_allclose(
        panel.teacher_bars.heights, _report(window.session.state).soft_targets
    )


def test_the_preset_state_is_the_lessons_example():
    state = load_scene(_preset())
    assert state.logits == STUDENT and state.teacher == TEACHER and state.temperature == 4.0


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "distillation.png"
    arguments = [str(_preset()), "--view", "distillation", "--size", "640x480", "-o", str(out)]
    assert render_command(arguments) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
