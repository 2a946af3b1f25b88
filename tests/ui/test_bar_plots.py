from dataclasses import replace

import pytest

from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.bar_plots import GradientPlot, ProbabilityPlot
from explorer.ui.export import make_figure


@pytest.fixture
def session(qapp):
    state = ExplorerState().with_num_classes(10)
    logits = [3.0, 0, 0, 0, 0, 0, 0, 0, 0, -2.6]
    return ExplorerSession(replace(state, logits=tuple(logits)))


def test_no_probability_bar_reads_0(session, qtbot):
    view = ProbabilityPlot(session)
    qtbot.addWidget(view)
    probabilities = session.derived.analysis.probabilities
    assert probabilities.min() < 0.005
    # Every alternative a crowded plot may fall back to (the labels' texts, longest first).
    for label in view.value_labels._labels:
        for text in label[2]:
            assert _number(text) != 0, label[2]


def _number(text: str) -> float:
    return float(text.replace(".", "0.", 1) if text.lstrip("-").startswith(".") else text)


def test_window_and_figure_print_the_same_numbers(session, qtbot):
    """The window's label (in a narrow dock) and a figure's say the same value."""
    window = ProbabilityPlot(session)
    qtbot.addWidget(window)
    window.resize(300, 250)
    figure = make_figure(session, "probabilities", (1280, 720))
    try:
        figure_view = figure.views[0]
        for ours, theirs in zip(
            window.value_labels._labels, figure_view.value_labels._labels, strict=True
        ):
            values = {
                float(text.replace(".", "0.", 1) if text.startswith(".") else text)
                for text in ours[2]
                if text
            }
            values |= {
                float(text.replace(".", "0.", 1) if text.startswith(".") else text)
                for text in theirs[2]
                if text
            }
            assert len(values) == 1, (ours[2], theirs[2])
    finally:
        figure.close()
        figure.deleteLater()


def test_a_small_gradient_does_not_read_0(session, qtbot):
    view = GradientPlot(session)
    qtbot.addWidget(view)
    for label in view.value_labels._labels:
        for text in label[2]:
            assert _number(text) != 0, label[2]
