"""The panel registry: a panel declared there alone reaches every place that lists panels."""

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QVBoxLayout

from explorer import panels
from explorer.cli import render_command
from explorer.panels import PANELS, PanelSpec, figure_views, register_panel
from explorer.ui.export_dialog import ExportDialog
from explorer.ui.view import ExplorerView


class ThrowawayPanel(ExplorerView):
    """A panel that shows the loss as text: nothing but the view contract."""

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.setObjectName("throwawayPanel")
        self.label = QLabel()
        self.label.setObjectName("throwawayLabel")
        QVBoxLayout(self).addWidget(self.label)
        self.attach()

    def refresh(self, state, derived, change):
        self.label.setText(f"loss {derived.analysis.loss:.4f}")


@pytest.fixture
def throwaway():
    spec = register_panel(
        PanelSpec(
            key="throwaway",
            title="Throwaway",
            view=ThrowawayPanel,
            area="bottom",
            window_figure_column=None,
        )
    )
    yield spec
    panels.unregister_panel("throwaway")


def test_a_registered_panel_is_a_dock_a_menu_entry_and_follows_the_state(throwaway, window_factory):
    window = window_factory()
    assert "throwaway" in window.docks
    assert window.docks["throwaway"].objectName() == "throwawayDock"
    texts = [action.text() for action in window.menuBar().actions()]
    view_menu = window.menuBar().actions()[texts.index("&View")].menu()
    assert "Throwaway" in [action.text() for action in view_menu.actions()]
    panel = window.panel("throwaway")
    before = panel.label.text()
    window.logit_editor  # noqa: B018 (the logits' view exists before any change)
    window.set_state(window.state.with_logit(0, -3.0))
    assert panel.label.text() != before
    assert panel.label.text() == f"loss {window.session.derived.analysis.loss:.4f}"


def test_a_registered_panel_is_offered_by_the_export_dialog(throwaway, window_factory):
    window = window_factory()
    dialog = ExportDialog(window.state, window)
    keys = [dialog.view.itemData(index) for index in range(dialog.view.count())]
    assert "throwaway" in keys
    assert keys[0] == "window"


def test_a_registered_panel_renders_from_the_command_line(throwaway, qapp, tmp_path):
    assert "throwaway" in figure_views()
    out = tmp_path / "throwaway.png"
    assert render_command(["--view", "throwaway", "--size", "400x300", "-o", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (400, 300)


def test_an_unregistered_view_is_refused_in_one_line(capsys, qapp, tmp_path):
    assert render_command(["--view", "throwaway", "-o", str(tmp_path / "x.png")]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "invalid choice: 'throwaway'" in error


def test_a_panel_hidden_by_default_is_built_when_first_shown(window_factory):
    spec = register_panel(
        PanelSpec(key="lazy", title="Lazy", view=ThrowawayPanel, shown_by_default=False)
    )
    try:
        window = window_factory()
        assert "lazy" not in window.panels and window.docks["lazy"].isHidden()
        window.panel_actions["lazy"].trigger()
        assert "lazy" in window.panels
        assert window.docks["lazy"].widget() is window.panels["lazy"]
        assert window.docks["lazy"].isVisible()
    finally:
        panels.unregister_panel(spec.key)


def test_every_registered_view_builds_and_declares_its_title():
    for spec in PANELS.values():
        assert issubclass(spec.view_class(), ExplorerView)
        assert spec.title
