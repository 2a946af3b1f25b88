"""explorer.panels: the registry is declared without Qt, and refuses what it cannot place."""

import subprocess
import sys

import pytest

from explorer.panels import PANELS, WINDOW_FIGURE, PanelSpec, figure_views, register_panel


def test_the_registry_and_preferences_load_without_qt():
    code = (
        "import sys, explorer.panels, explorer.preferences\n"
        "explorer.panels.figure_views()\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', "
        "'pyqtgraph')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_figure_views_are_the_window_and_every_figure_panel_in_order():
    views = figure_views()
    assert views[0] == WINDOW_FIGURE
    assert views[1:] == tuple(key for key, spec in PANELS.items() if spec.figure)
    assert "target" not in views and "readouts" not in views  # controls and numbers


def test_the_simplex_applies_to_three_classes_only():
    class State:
        num_classes = 3

    assert PANELS["simplex"].is_available(State())
    State.num_classes = 4
    assert not PANELS["simplex"].is_available(State())
    assert "3 classes" in PANELS["simplex"].requirement


def test_the_registry_refuses_what_it_cannot_place():
    view = "explorer.ui.readouts:ReadoutPanel"
    with pytest.raises(ValueError, match="registered already"):
        register_panel(PanelSpec(key="logits", title="Again", view=view))
    with pytest.raises(ValueError, match="only one panel"):
        register_panel(PanelSpec(key="second", title="Centre", view=view, area="center"))
    with pytest.raises(ValueError, match="area"):
        PanelSpec(key="nowhere", title="Nowhere", view=view, area="top")
    with pytest.raises(ValueError, match="identifier"):
        PanelSpec(key="window", title="The figure", view=view)
    with pytest.raises(ValueError, match="module:Class"):
        PanelSpec(key="loose", title="Loose", view="ReadoutPanel")
    assert not {"second", "nowhere", "loose"} & set(PANELS)
