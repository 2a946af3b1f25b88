"""The one registry of panels: every view of the explorer is declared here, once.

The main window's docks and View menu, the figure widget, the export dialog and the
``render --view`` choices all read :data:`PANELS`. Adding a panel is one new module (a
subclass of :class:`explorer.ui.view.ExplorerView`) and one :func:`register_panel` call.

This module imports no Qt: the command line reads the registry before any Qt module is
loaded, and a view class is imported only when a panel is built (``"module:Class"``).
Titles are English source texts; the interface translates them in the ``"Panels"``
context (they are marked for ``lupdate`` with ``QT_TRANSLATE_NOOP``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .messages import QT_TRANSLATE_NOOP

#: Where a panel lives in the main window: a dock area, or the window's centre.
AREAS = ("left", "right", "bottom", "center")

#: The figure of every plot together; not a panel but a ``--view`` choice of its own.
WINDOW_FIGURE = "window"


@dataclass(frozen=True)
class PanelSpec:
    """The declaration of one panel.

    Attributes
    ----------
    key : str
        Its name everywhere: the ``--view`` choice, the dock's object name (``<key>Dock``).
    title : str
        English title (translated in the ``"Panels"`` context by the interface).
    view : str or type
        ``"package.module:ClassName"`` of its :class:`~explorer.ui.view.ExplorerView`
        subclass, imported when the panel is first built (or the class itself).
    area : str
        One of :data:`AREAS`. Exactly one registered panel may take the centre.
    shown_by_default : bool
        Whether a new user sees it (hidden panels are built when first shown).
    figure : bool
        Whether it can be exported alone (File > Export, ``render --view KEY``).
    window_figure_column : int or None
        Its column in the figure of every plot (``--view window``): 0 the left column,
        1 the main plot, 2 a column at the right; None keeps it out of that figure.
    available : callable or None
        ``available(state) -> bool``: whether the panel applies to a state (the simplex
        needs K = 3); None means always. An unavailable panel is hidden and cannot be
        exported, whatever the user chose.
    requirement : str
        English sentence saying what ``available`` needs, for messages.
    tab_group : str or None
        Docks of one group share their place as tabs (the lessons do), so showing many
        panels never squeezes each to nothing.
    """

    key: str
    title: str
    view: str | type
    area: str = "right"
    shown_by_default: bool = True
    figure: bool = True
    window_figure_column: int | None = None
    available: Callable[[Any], bool] | None = None
    requirement: str = ""
    tab_group: str | None = None

    def __post_init__(self) -> None:
        if not self.key.isidentifier() or self.key == WINDOW_FIGURE:
            raise ValueError(f"a panel key must be a Python identifier, not {self.key!r}")
        if self.area not in AREAS:
            raise ValueError(f"area must be one of {', '.join(AREAS)}, got {self.area!r}")
        if isinstance(self.view, str) and ":" not in self.view:
            raise ValueError(f"view must be 'module:Class', got {self.view!r}")
        if self.window_figure_column not in (None, 0, 1, 2):
            raise ValueError("window_figure_column must be 0, 1, 2 or None")

    def is_available(self, state: Any) -> bool:
        """Whether the panel applies to ``state``."""
        return self.available is None or bool(self.available(state))

    def view_class(self) -> type:
        """The panel's view class (imported on first use)."""
        if isinstance(self.view, type):
            return self.view
        module_name, _, class_name = self.view.partition(":")
        return getattr(importlib.import_module(module_name), class_name)


#: Where a tab group lives: its docks are tabs beside this panel's dock, so opening a
#: lesson never squeezes the plots above it (the simplex is a view of the same kind).
TAB_GROUP_PLACES = {"lessons": "simplex"}

#: Every panel, in the order of the View menu and of the docks within an area.
PANELS: dict[str, PanelSpec] = {}


def register_panel(spec: PanelSpec) -> PanelSpec:
    """Add ``spec`` to :data:`PANELS` (its key must be new); returns it."""
    if spec.key in PANELS:
        raise ValueError(f"a panel {spec.key!r} is registered already")
    if spec.area == "center" and any(item.area == "center" for item in PANELS.values()):
        raise ValueError("only one panel can take the centre of the window")
    PANELS[spec.key] = spec
    return spec


def unregister_panel(key: str) -> None:
    """Remove a panel (windows built before keep theirs)."""
    PANELS.pop(key, None)


def get_panel(key: str) -> PanelSpec:
    """The panel ``key``; ``KeyError`` names the registered ones."""
    try:
        return PANELS[key]
    except KeyError:
        raise KeyError(f"no panel {key!r}; panels: {', '.join(PANELS)}") from None


def figure_views() -> tuple[str, ...]:
    """What ``render --view`` and File > Export can draw: ``window`` and every figure panel."""
    return (WINDOW_FIGURE, *(key for key, spec in PANELS.items() if spec.figure))


def _three_classes(state: Any) -> bool:
    return state.num_classes == 3


for _spec in (
    PanelSpec(
        key="logits",
        title=QT_TRANSLATE_NOOP("Panels", "Logits"),
        view="explorer.ui.logit_editor:LogitEditor",
        area="left",
        window_figure_column=0,
    ),
    PanelSpec(
        key="target",
        title=QT_TRANSLATE_NOOP("Panels", "Target"),
        view="explorer.ui.target_chooser:TargetChooser",
        area="left",
        figure=False,
    ),
    PanelSpec(
        key="probabilities",
        title=QT_TRANSLATE_NOOP("Panels", "Probabilities"),
        view="explorer.ui.bar_plots:ProbabilityPlot",
        area="right",
        window_figure_column=0,
    ),
    PanelSpec(
        key="gradient",
        title=QT_TRANSLATE_NOOP("Panels", "Gradient"),
        view="explorer.ui.bar_plots:GradientPlot",
        area="right",
        window_figure_column=0,
    ),
    PanelSpec(
        key="surface",
        title=QT_TRANSLATE_NOOP("Panels", "Loss surface"),
        view="explorer.ui.surface_view:LossSurfaceView",
        area="center",
        window_figure_column=1,
    ),
    PanelSpec(
        key="simplex",
        title=QT_TRANSLATE_NOOP("Panels", "Probability simplex (K = 3)"),
        view="explorer.ui.simplex_view:SimplexView",
        area="right",
        window_figure_column=2,
        available=_three_classes,
        requirement=QT_TRANSLATE_NOOP("Panels", "the simplex view needs 3 classes"),
    ),
    PanelSpec(
        key="readouts",
        title=QT_TRANSLATE_NOOP("Panels", "Readouts"),
        view="explorer.ui.readouts:ReadoutPanel",
        area="bottom",
        figure=False,
    ),
    # The lessons: hidden until shown from View > Lessons, tabbed together at the right.
    # In the order a lecture meets them (CURRICULUM.md).
    PanelSpec(
        key="stability",
        title=QT_TRANSLATE_NOOP("Panels", "Numerical stability"),
        view="explorer.ui.lessons.stability:StabilityPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="losses",
        title=QT_TRANSLATE_NOOP("Panels", "Losses compared"),
        view="explorer.ui.lessons.losses:LossesPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="distillation",
        title=QT_TRANSLATE_NOOP("Panels", "Temperature and distillation"),
        view="explorer.ui.lessons.distillation:DistillationPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="binary",
        title=QT_TRANSLATE_NOOP("Panels", "The binary case"),
        view="explorer.ui.lessons.binary:BinaryPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="information",
        title=QT_TRANSLATE_NOOP("Panels", "Information"),
        view="explorer.ui.lessons.information:InformationPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="jacobian",
        title=QT_TRANSLATE_NOOP("Panels", "The Jacobian"),
        view="explorer.ui.lessons.jacobian:JacobianPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
    PanelSpec(
        key="batch",
        title=QT_TRANSLATE_NOOP("Panels", "Batches and the class axis"),
        view="explorer.ui.lessons.batch:BatchPanel",
        area="right",
        shown_by_default=False,
        tab_group="lessons",
    ),
):
    register_panel(_spec)

__all__ = [
    "AREAS",
    "PANELS",
    "TAB_GROUP_PLACES",
    "WINDOW_FIGURE",
    "PanelSpec",
    "figure_views",
    "get_panel",
    "register_panel",
    "unregister_panel",
]
