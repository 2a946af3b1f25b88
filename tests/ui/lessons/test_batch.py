"""The batch lesson: the softmax axis, per-row losses, weights, ignore_index, reductions."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from explorer.cli import render_command
from explorer.core.lessons import batch_report
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import MAX_BATCH_ROWS, ExplorerState, default_batch_logits
from explorer.ui.lessons.batch import AXIS_ARGUMENTS, BatchPanel, new_batch_row
from explorer.ui.widgets import format_number


def _preset():
    return next(path for path in preset_paths() if "batches" in path.name)


@pytest.fixture
def panel(qtbot):
    view = BatchPanel(ExplorerSession(load_scene(_preset())))
    qtbot.addWidget(view)
    view.resize(900, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _report(state, **overrides):
    options = {
        "axis": AXIS_ARGUMENTS[state.softmax_axis],
        "weight": state.class_weights,
        "ignore_index": state.ignore_index,
        "reduction": state.batch_reduction,
    }
    options.update(overrides)
    return batch_report(np.array(state.batch), np.array(state.labels), **options)


def _column(table, column, rows=None):
    rows = table.rowCount() if rows is None else rows
    return [table.item(row, column).text() for row in range(rows)]


def _probabilities(panel):
    table = panel.probability_table
    rows, columns = table.rowCount() - 1, table.columnCount() - 1
    return np.array([[float(table.item(r, c).text()) for c in range(columns)] for r in range(rows)])


def _type_into(qtbot, edit, text):
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _edit_cell(qtbot, table, row, column, text):
    """Type ``text`` into a cell as a person would: select it, F2, type, Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table and editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on Enter through a queued call


def test_the_preset_is_a_four_by_three_batch_with_an_ignored_row_and_weights():
    state = load_scene(_preset())
    assert len(state.batch) == 4 and state.num_classes == 3
    assert state.labels.count(state.ignore_index) == 1
    assert state.class_weights is not None
    assert scene_panels(_preset()) == ("batch",)


def test_the_numbers_shown_are_batch_reports(panel):
    state = panel.session.state
    report = _report(state)
    count = state.num_classes
    table = panel.logits_table
    assert table.rowCount() == 4 and table.columnCount() == count + 2
    shown_logits = [[float(table.item(r, c).text()) for c in range(count)] for r in range(4)]
    assert shown_logits == [list(row) for row in state.batch]
    assert _column(table, count) == [str(label) for label in state.labels]
    losses = _column(table, count + 1)
    for row, text in enumerate(losses):
        if report.ignored[row]:
            assert text == "ignored"
        else:
            assert float(text) == pytest.approx(report.per_row_loss[row], abs=1e-4)
    np.testing.assert_allclose(_probabilities(panel), report.softmax_rows, atol=5e-4)
    sums = [float(text) for text in _column(panel.probability_table, count, rows=4)]
    assert sums == [1.0] * 4
    assert format_number(float(report.loss), 4) in panel.summary.text()
    assert format_number(report.denominator, 4) in panel.summary.text()
    # The weighted mean: per-row losses over the weights of the rows kept, not over N.
    kept = ~report.ignored
    weights = np.array(state.class_weights)[np.array(state.labels)[kept]]
    assert report.loss == pytest.approx(report.per_row_loss.sum() / weights.sum())


def test_the_axis_combo_shows_the_mistake(panel, qtbot):
    session = panel.session
    count = session.state.num_classes
    panel.axis_combo.setFocus()
    qtbot.keyClick(panel.axis_combo, Qt.Key.Key_Down)
    assert session.state.softmax_axis == "samples"
    report = _report(session.state)
    np.testing.assert_allclose(_probabilities(panel), report.softmax_columns, atol=5e-4)
    table = panel.probability_table
    column_sums = [float(table.item(4, c).text()) for c in range(count)]
    assert column_sums == [1.0] * count
    row_sums = [float(text) for text in _column(table, count, rows=4)]
    np.testing.assert_allclose(row_sums, report.class_sums, atol=5e-4)
    assert all(abs(value - 1) > 0.01 for value in row_sums)
    alarm = QColor(panel.theme.target)
    assert table.item(0, count).foreground().color() == alarm
    assert "dim=0" in panel.probability_title.text()
    # The loss is still PyTorch's (rows); the summary shows what the wrong table would give.
    assert format_number(float(report.loss), 4) in panel.summary.text()
    assert format_number(float(report.axis_loss), 4) in panel.summary.text()
    qtbot.keyClick(panel.axis_combo, Qt.Key.Key_Down)
    assert session.state.softmax_axis == "whole"
    report = _report(session.state)
    np.testing.assert_allclose(_probabilities(panel), report.softmax_whole, atol=5e-4)
    assert float(table.item(4, count).text()) == pytest.approx(1.0)  # the whole array
    assert "scipy.special.softmax" in panel.probability_title.text()
    session.set_state(replace(session.state, softmax_axis="classes"))
    assert panel.axis_combo.currentData() == "classes"
    assert table.item(0, count).foreground().color() != alarm


def test_a_cell_typed_through_the_keyboard_changes_the_batch(panel, qtbot):
    session = panel.session
    _edit_cell(qtbot, panel.logits_table, 0, 1, "4.5")
    assert session.state.batch[0] == (2.0, 4.5, 0.1)
    assert isinstance(session.state.batch_logits, tuple)
    report = _report(session.state)
    assert panel.logits_table.item(0, 1).text() == "4.5"
    assert float(panel.logits_table.item(0, 4).text()) == pytest.approx(
        report.per_row_loss[0], abs=1e-4
    )
    assert float(panel.probability_table.item(0, 1).text()) == pytest.approx(
        report.softmax_rows[0, 1], abs=5e-4
    )


def test_bad_cell_text_is_refused(panel, qtbot):
    session = panel.session
    messages = []
    panel.invalidInput.connect(messages.append)
    state = session.state
    _edit_cell(qtbot, panel.logits_table, 1, 0, "abc")
    assert session.state is state and messages
    assert panel.logits_table.item(1, 0).text() == "0.5"
    _edit_cell(qtbot, panel.logits_table, 1, 3, "7")  # no class 7 among 3
    assert session.state is state and len(messages) == 2
    assert panel.logits_table.item(1, 3).text() == "1"


def test_a_label_set_to_ignore_index_leaves_its_row_out(panel, qtbot):
    session = panel.session
    before = _report(session.state)
    _edit_cell(qtbot, panel.logits_table, 0, 3, "-100")
    assert session.state.labels[0] == -100
    report = _report(session.state)
    assert report.ignored[:2].tolist() == [True, False]
    assert panel.logits_table.item(0, 4).text() == "ignored"
    assert report.denominator == pytest.approx(before.denominator - 1.0)  # w[cat] = 1 gone
    assert format_number(float(report.loss), 4) in panel.summary.text()
    assert "2 of 4 rows are ignored" in panel.caption.text()


def test_ignore_index_typed_keeps_the_ignored_rows_ignored(panel, qtbot):
    session = panel.session
    _type_into(qtbot, panel.ignore_edit, "-1")
    assert session.state.ignore_index == -1
    assert session.state.labels == (0, 1, 1, -1)
    assert panel.logits_table.item(3, 4).text() == "ignored"
    messages = []
    panel.invalidInput.connect(messages.append)
    _type_into(qtbot, panel.ignore_edit, "2.5")
    assert session.state.ignore_index == -1 and messages
    _edit_cell(qtbot, panel.logits_table, 1, 3, "-100")  # PyTorch's -100: ignored too
    assert session.state.labels == (0, -1, 1, -1)
    assert panel.logits_table.item(1, 4).text() == "ignored"


def test_class_weights_and_their_reset(panel, qtbot):
    session = panel.session
    _type_into(qtbot, panel.weight_edits[1], "4")
    assert session.state.class_weights == (1.0, 4.0, 0.5)
    report = _report(session.state)
    shown = [float(text) for text in _column(panel.logits_table, 4)[:3]]
    np.testing.assert_allclose(shown, report.per_row_loss[:3], atol=1e-4)
    assert report.denominator == pytest.approx(1.0 + 4.0 + 4.0)
    assert format_number(float(report.loss), 4) in panel.summary.text()
    qtbot.mouseClick(panel.reset_weights_button, Qt.MouseButton.LeftButton)
    assert session.state.class_weights is None
    assert [edit.text() for edit in panel.weight_edits] == ["1", "1", "1"]
    assert "weight=None" in panel.summary.text()
    report = _report(session.state)
    assert report.denominator == 3.0


def test_the_reduction_combo(panel, qtbot):
    session = panel.session
    panel.reduction_combo.setFocus()
    qtbot.keyClick(panel.reduction_combo, Qt.Key.Key_Down)
    assert session.state.batch_reduction == "sum"
    report = _report(session.state)
    assert report.loss == pytest.approx(report.per_row_loss.sum())
    assert f"= <b>{format_number(float(report.loss), 4)}</b>" in panel.summary.text()
    assert "reduction='sum'" in panel.summary.text()
    assert "'sum' adds" in panel.caption.text()


def test_every_row_ignored_gives_nan_for_mean(panel):
    session = panel.session
    session.set_state(replace(session.state, batch_labels=(-100,) * 4))
    assert "nan" in panel.summary.text().lower()
    assert "NaN" in panel.caption.text()
    assert _column(panel.logits_table, 4) == ["ignored"] * 4


def test_rows_are_added_and_removed_within_limits(panel, qtbot):
    session = panel.session
    for rows in range(5, MAX_BATCH_ROWS + 1):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        assert len(session.state.batch) == rows
    assert session.state.batch[4] == new_batch_row(3, 4)
    assert session.state.labels[4:] == (1, 2, 0, 1)
    assert panel.logits_table.rowCount() == MAX_BATCH_ROWS
    assert panel.probability_table.rowCount() == MAX_BATCH_ROWS + 1
    assert not panel.add_button.isEnabled()
    panel.logits_table.setCurrentCell(0, 0)  # the selected row goes
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert session.state.batch[0] == (0.5, 2.5, -1.0)
    panel.logits_table.clearSelection()
    while len(session.state.batch) > 1:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert not panel.remove_button.isEnabled()
    assert panel.logits_table.rowCount() == 1
    report = _report(session.state)
    assert float(panel.logits_table.item(0, 4).text()) == pytest.approx(
        report.per_row_loss[0], abs=1e-4
    )


def test_the_default_batch_and_another_number_of_classes(qtbot):
    view = BatchPanel(ExplorerSession(ExplorerState()))
    qtbot.addWidget(view)
    view.show()
    assert view.logits_table.rowCount() == 4
    assert _column(view.logits_table, 3) == ["0", "1", "2", "0"]
    session = view.session
    session.set_state(session.state.with_num_classes(5))
    assert view.logits_table.columnCount() == 7 and len(view.weight_edits) == 5
    assert session.state.batch == default_batch_logits(5)
    np.testing.assert_allclose(_probabilities(view), _report(session.state).softmax_rows, atol=5e-4)


def test_a_logit_drag_leaves_the_batch_panel_alone(panel, monkeypatch):
    calls = []
    monkeypatch.setattr(panel, "draw", lambda *args: calls.append(args))
    session = panel.session
    session.set_state(session.state.with_logit(0, 3.0))
    assert calls == []


def test_the_window_opens_its_preset(window_factory):
    window = window_factory()
    assert "batch" not in window.panels
    assert window.open_scene(_preset(), remember=False)
    assert window.docks["batch"].isVisible()
    assert isinstance(window.panels["batch"], BatchPanel)


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "batch.png"
    arguments = [str(_preset()), "--view", "batch", "--size", "640x480", "-o", str(out)]
    assert render_command(arguments) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
