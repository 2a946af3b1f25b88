"""The stability lesson: naive against stable softmax per float type, live."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from explorer.cli import render_command
from explorer.core.lessons import (
    STABILITY_DTYPES,
    clipped_vs_exact,
    overflow_limits,
    stability_report,
)
from explorer.scenes import load_scene, preset_paths, scene_panels
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.lessons.stability import (
    COLUMNS,
    ROW_LIMIT,
    StabilityPanel,
    format_entry,
    shown_classes,
)
from explorer.ui.theme import get_theme

PRESET = next(path for path in preset_paths() if path.name == "10-numerical-stability.json")


@pytest.fixture
def panel(qtbot):
    view = StabilityPanel(ExplorerSession(load_scene(PRESET)))
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _parse(text: str) -> float:
    return float(text.replace("−", "-").replace("NaN", "nan"))


def _shown(panel, dtype: str) -> np.ndarray:
    """The table of ``dtype`` as numbers: (rows, columns) without the class column."""
    table = panel.tables[dtype]
    return np.array([[_parse(cell.text()) for cell in row[1:]] for row in table.cells])


def _expected(panel, dtype: str) -> np.ndarray:
    state = panel.session.state
    report = stability_report(np.array(state.logits), state.temperature, dtype)
    rows = panel.row_classes
    return np.array([[float(getattr(report, name)[index]) for name in COLUMNS] for index in rows])


def test_every_cell_shows_the_cores_report(panel):
    for dtype in STABILITY_DTYPES:
        np.testing.assert_allclose(_shown(panel, dtype), _expected(panel, dtype), rtol=1e-3)
        # And exactly as the panel promises to write them.
        state = panel.session.state
        report = stability_report(np.array(state.logits), state.temperature, dtype)
        for row, index in enumerate(panel.row_classes):
            texts = [cell.text() for cell in panel.tables[dtype].cells[row][1:]]
            assert texts == [format_entry(float(getattr(report, n)[index])) for n in COLUMNS]


def test_the_preset_overflows_float16_and_float32_but_not_float64(panel):
    naive = COLUMNS.index("naive_softmax") + 1
    exp = COLUMNS.index("naive_exp") + 1
    log_p = COLUMNS.index("naive_log_softmax") + 1
    log_softmax = COLUMNS.index("log_softmax") + 1
    cat, fox = panel.row_classes.index(0), panel.row_classes.index(2)
    for dtype, fails in (("float16", True), ("float32", True), ("float64", False)):
        cells = panel.tables[dtype].cells
        assert (cells[cat][naive].text() == "NaN") is fails
        assert (cells[cat][exp].text() == "inf") is fails
    # exp(-110) underflows in float32 (below -103.28), not in float64 (-744.44).
    assert panel.tables["float32"].cells[fox][log_p].text() == "−inf"
    assert panel.tables["float32"].cells[fox][log_softmax].text() == "−110"
    assert panel.tables["float64"].cells[fox][log_p].text() == "−110"


def test_the_titles_give_each_types_limits(panel):
    for dtype, (overflow, underflow, subnormal) in overflow_limits().items():
        title = panel.tables[dtype].title.text()
        assert dtype in title
        for limit in (overflow, underflow, subnormal):
            assert f"{abs(limit):.2f}".rstrip("0").rstrip(".") in title
    assert "11.09" in panel.tables["float16"].title.text()
    assert "88.72" in panel.tables["float32"].title.text()
    assert "709.78" in panel.tables["float64"].title.text()


@pytest.mark.parametrize("dtype", STABILITY_DTYPES)
def test_nan_appears_exactly_when_a_logit_crosses_the_limit(panel, dtype):
    session = panel.session
    session.set_state(replace(session.state, stability_dtype=dtype))
    limit = overflow_limits()[dtype][0]
    naive = COLUMNS.index("naive_softmax") + 1
    exp = COLUMNS.index("naive_exp") + 1
    table = panel.tables[dtype]
    for logit, crossed in ((limit - 0.02, False), (limit + 0.02, True)):
        session.set_state(session.state.with_logit(0, round(logit, 2)))
        row = panel.row_classes.index(0)
        assert (table.cells[row][naive].text() == "NaN") is crossed, (dtype, logit)
        assert (table.cells[row][exp].text() == "inf") is crossed
        assert table._alarms[table.cells[row][naive]] is crossed
        expected = stability_report(np.array(session.state.logits), dtype=dtype)
        assert bool(np.isnan(expected.naive_softmax[0])) is crossed
        assert ("NaN" in table.verdict.text()) is crossed
    # The temperature divides first: 2 x the logit at T = 2 is the same z/T, the same NaN.
    session.set_state(replace(session.state, logits=(2 * (limit - 0.02), 0.0, -1.0)))
    session.set_state(replace(session.state, temperature=2.0))
    assert table.cells[panel.row_classes.index(0)][naive].text() != "NaN"
    assert table.headers[1].text() == "z/T"


def test_the_dtype_combo_follows_the_keyboard_and_the_state(panel, qtbot):
    combo = panel.dtype_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.session.state.stability_dtype == "float16"
    assert panel.tables["float16"].isVisible()
    assert not panel.tables["float32"].isVisible() and not panel.tables["float64"].isVisible()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.session.state.stability_dtype == "float64"
    assert panel.tables["float64"].isVisible() and not panel.tables["float16"].isVisible()
    np.testing.assert_allclose(_shown(panel, "float64"), _expected(panel, "float64"), rtol=1e-3)
    panel.session.set_state(replace(panel.session.state, stability_dtype="all"))
    assert combo.currentData() == "all"
    assert all(table.isVisible() for table in panel.tables.values())


def test_the_tables_sit_side_by_side_when_there_is_room(panel, qtbot):
    def lefts():
        return [panel.tables[dtype].geometry().x() for dtype in STABILITY_DTYPES]

    def tops():
        return [panel.tables[dtype].geometry().y() for dtype in STABILITY_DTYPES]

    panel.resize(2600, 900)
    qtbot.waitUntil(lambda: len(set(lefts())) == 3)
    assert lefts() == sorted(lefts()) and len(set(tops())) == 1
    panel.resize(700, 900)
    qtbot.waitUntil(lambda: len(set(tops())) == 3)
    assert tops() == sorted(tops()) and len(set(lefts())) == 1


def test_clipping_changes_the_loss_of_a_confident_mistake(panel):
    session = panel.session
    session.set_state(ExplorerState(logits=(0.0, 30.0), label=0))
    clipped, exact = clipped_vs_exact([0.0, 30.0], 0)
    assert round(clipped, 2) == 23.03 and round(exact, 2) == 30.0
    text = panel.clipping.text()
    assert "<b>23.03</b>" in text and "<b>30</b>" in text
    session.set_state(ExplorerState(logits=(1.0, 0.0), label=0))
    clipped, exact = clipped_vs_exact([1.0, 0.0], 0)
    assert "changes nothing" in panel.clipping.text()
    assert format_entry(exact) in panel.clipping.text()


def test_many_classes_show_the_first_rows_the_true_class_and_the_largest(panel):
    logits = tuple(float(-index) for index in range(12))
    logits = logits[:9] + (95.0,) + logits[10:]
    panel.session.set_state(ExplorerState(logits=logits, label=11))
    assert panel.row_classes == [0, 1, 2, 3, 4, 5, 9, 11]
    assert len(panel.tables["float32"].cells) == ROW_LIMIT
    assert panel.tables["float32"].cells[-1][0].text() == "class 11 (true)"
    assert "4 more classes" in panel.tables["float32"].elided.text()
    assert not panel.tables["float32"].elided.isHidden()
    np.testing.assert_allclose(_shown(panel, "float32"), _expected(panel, "float32"), rtol=1e-3)
    assert shown_classes(3, 0, 2) == [0, 1, 2]


def test_the_caption_names_the_failing_types_and_can_be_hidden(panel):
    text = panel.caption.text()
    assert "90" in text and "float16, float32" in text and "float64" not in text
    panel.session.set_state(ExplorerState())
    assert "agree" in panel.caption.text()
    panel.set_caption_visible(False)
    assert panel.caption.isHidden()


def test_alarm_cells_and_labels_follow_the_theme(panel):
    panel.set_theme("dark")
    foreground = QColor(get_theme("dark").foreground)
    table = panel.tables["float16"]
    assert table.title.palette().color(QPalette.ColorRole.WindowText) == foreground
    assert panel.caption.palette().color(QPalette.ColorRole.WindowText) == foreground
    cat = panel.row_classes.index(0)
    nan_cell = table.cells[cat][COLUMNS.index("naive_softmax") + 1]
    plain_cell = table.cells[cat][COLUMNS.index("stable_softmax") + 1]
    assert nan_cell.font().bold() and not plain_cell.font().bold()
    alarm = nan_cell.palette().color(QPalette.ColorRole.WindowText)
    assert alarm != plain_cell.palette().color(QPalette.ColorRole.WindowText)


def test_the_window_shows_it_from_view_lessons_and_its_preset_opens_it(window_factory):
    window = window_factory()
    assert "stability" not in window.panels  # not built until shown
    window.panel_actions["stability"].trigger()
    assert window.docks["stability"].isVisible()
    assert isinstance(window.panels["stability"], StabilityPanel)
    window.panel_actions["stability"].trigger()
    assert scene_panels(PRESET) == ("stability",)
    assert window.open_scene(PRESET, remember=False)
    assert window.docks["stability"].isVisible()
    QApplication.processEvents()
    panel = window.panels["stability"]
    assert panel.tables["float16"].cells[0][3].text() == "NaN"


def test_it_renders_from_the_command_line(qapp, tmp_path):
    out = tmp_path / "stability.png"
    argv = [str(PRESET), "--view", "stability", "--size", "640x480", "-o", str(out)]
    assert render_command(argv) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (640, 480)
