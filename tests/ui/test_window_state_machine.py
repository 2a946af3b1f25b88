"""The main window as a state machine (issue 27, "Keep the attacks").

Hypothesis drives the real window through random valid states (K from 2 to 8, logits in
[-50, 50], a label or a soft target, temperature, smoothing, loss and focal gamma), the
label and loss combo boxes, descent steps, and Undo and Redo from the Edit menu. After
every step each number the window shows must agree with :mod:`explorer.core` computed
here, independently of the session, and Undo and Redo must be enabled exactly when a model
of the history says there is something to undo or redo.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from explorer import core
from explorer.state import (
    FOCAL_GAMMA_RANGE,
    LOGIT_LIMIT,
    LOSS_KEYS,
    TEMPERATURE_RANGE,
    ExplorerState,
)

MACHINE_SETTINGS = settings(max_examples=25, stateful_step_count=15, deadline=None)
LOGIT_RANGE = 50.0
_FORMULA_RESULT = re.compile(r"= (\S+)$")


def analysis_of(state: ExplorerState) -> core.ExampleAnalysis:
    """What the core says about ``state``, computed here (not taken from the session)."""
    return core.analyze_example(
        np.asarray(state.logits, dtype=np.float64),
        state.target,
        temperature=state.temperature,
        label_smoothing=state.label_smoothing,
        loss=core.make_loss(state.loss, focal_gamma=state.focal_gamma),
    )


def shown_number(text: str) -> float:
    """A number as the window prints it (``format_number``: a minus sign may be U+2212)."""
    return float(text.replace("\N{MINUS SIGN}", "-"))


def agrees(text: str, value: float, digits: int = 4) -> bool:
    """Whether ``text`` is ``value`` printed with ``digits`` decimals (fixed or scientific).

    A probability beyond what can be printed reads as a bound (``< 1e-16``, ``> 0.9999``).
    """
    if text.startswith("< "):
        return 0 < value < shown_number(text[2:])
    if text.startswith("> "):
        return shown_number(text[2:]) < value < 1
    shown = shown_number(text)
    if value == 0:
        return shown == 0
    if 1e-3 <= abs(value) < 1e5:  # fixed: half a unit of the last decimal
        return abs(shown - value) <= 0.5 * 10.0**-digits * (1 + 1e-9)
    # scientific with digits - 1 decimals in the mantissa
    return abs(shown - value) <= 0.5 * 10.0 ** (1 - digits) * 10.0 ** math.floor(
        math.log10(abs(value))
    ) * (1 + 1e-9)


@st.composite
def states(draw) -> ExplorerState:
    """A random valid state with K from 2 to 8 and logits in [-50, 50]."""
    count = draw(st.integers(2, 8))
    logit = st.floats(-LOGIT_RANGE, LOGIT_RANGE, allow_nan=False, allow_infinity=False)
    logits = tuple(draw(st.lists(logit, min_size=count, max_size=count)))
    soft_target = None
    if draw(st.booleans()):
        weights = draw(
            st.lists(st.floats(0.0, 1.0), min_size=count, max_size=count).filter(
                lambda values: math.fsum(values) > 1e-3
            )
        )
        total = math.fsum(weights)
        soft_target = tuple(weight / total for weight in weights)
    return ExplorerState(
        logits=logits,
        label=draw(st.integers(0, count - 1)),
        soft_target=soft_target,
        temperature=draw(st.floats(*TEMPERATURE_RANGE)),
        label_smoothing=draw(st.floats(0.0, 1.0)),
        loss=draw(st.sampled_from(LOSS_KEYS)),
        focal_gamma=draw(st.floats(*FOCAL_GAMMA_RANGE)),
        learning_rate=draw(st.sampled_from((0.1, 1.0, 5.0))),
    )


class WindowMachine(RuleBasedStateMachine):
    """The shared main window against a model: the current state and the undo history."""

    def __init__(self, window):
        super().__init__()
        self.window = window
        session = window.session
        session.set_state(ExplorerState(), record=False)
        session.clear_history()
        self.state = session.state
        self.undo_stack: list[ExplorerState] = []
        self.redo_stack: list[ExplorerState] = []

    def _record(self, state: ExplorerState) -> None:
        """An edit to ``state``, recorded as the session records one (if anything changed)."""
        if state != self.state:
            self.undo_stack.append(self.state)
            self.redo_stack.clear()
            self.state = state

    # Rules -------------------------------------------------------------------------------
    @rule(state=states())
    def set_state(self, state):
        self.window.set_state(state)
        self._record(state)

    @precondition(lambda self: self.state.soft_target is None)
    @rule(index=st.integers(0, 7))
    def choose_label(self, index):
        index %= self.state.num_classes
        self.window.target_chooser.label_combo.setCurrentIndex(index)
        self._record(replace(self.state, label=index))

    @rule(loss=st.sampled_from(LOSS_KEYS))
    def choose_loss(self, loss):
        combo = self.window.target_chooser.loss_combo
        combo.setCurrentIndex(combo.findData(loss))
        self._record(replace(self.state, loss=loss))

    @rule()
    def step(self):
        state = self.state
        gradient = analysis_of(state).gradient
        logits = np.clip(
            np.asarray(state.logits) - state.learning_rate * gradient, -LOGIT_LIMIT, LOGIT_LIMIT
        )
        self.window.session.step()
        self._record(replace(state, logits=tuple(float(value) for value in logits)))

    @rule()
    def undo(self):
        self.window.undo_action.trigger()  # does nothing while disabled, as in the menu
        if self.undo_stack:
            self.redo_stack.append(self.state)
            self.state = self.undo_stack.pop()

    @rule()
    def redo(self):
        self.window.redo_action.trigger()
        if self.redo_stack:
            self.undo_stack.append(self.state)
            self.state = self.redo_stack.pop()

    # What the window shows ---------------------------------------------------------------
    @invariant()
    def state_and_history_agree(self):
        window = self.window
        assert window.state == self.state
        assert window.undo_action.isEnabled() == bool(self.undo_stack)
        assert window.redo_action.isEnabled() == bool(self.redo_stack)

    @invariant()
    def bars_agree(self):
        window, state = self.window, self.state
        analysis = analysis_of(state)
        np.testing.assert_array_equal(window.logit_editor.bars.heights, state.logits)
        np.testing.assert_array_equal(window.probability_plot.bars.heights, analysis.probabilities)
        np.testing.assert_array_equal(window.probability_plot.target_bars.heights, analysis.target)
        np.testing.assert_array_equal(window.gradient_plot.bars.heights, analysis.gradient)
        for edit, logit in zip(window.logit_editor.value_edits, state.logits, strict=True):
            assert edit.value() == logit
            assert agrees(edit.text(), logit)

    @invariant()
    def readouts_agree(self):
        window, state = self.window, self.state
        analysis = analysis_of(state)
        values = window.readouts.values
        expected = {
            "loss": analysis.loss,
            "entropy": analysis.entropy,
            "target_entropy": analysis.target_entropy,
            "kl": analysis.kl_to_target,
            "gradient": analysis.gradient_norm,
        }
        for key, value in expected.items():
            assert agrees(values[key].text(), value), (key, values[key].text(), value)
        target_p = analysis.target_probability
        if target_p is None:
            assert values["target_p"].text() == "—"
        else:
            assert agrees(values["target_p"].text(), target_p)
        other_loss = state.loss != "cross_entropy"
        assert values["ce_gradient"].isHidden() == (not other_loss)
        if other_loss:
            text = values["ce_gradient"].text()
            assert agrees(text, analysis.cross_entropy_gradient_norm), text
        assert values["predicted"].toolTip().startswith(f"{analysis.predicted}: ")
        formula = window.readouts.formula.plain_text()
        final = _FORMULA_RESULT.search(formula)
        assert final is not None, formula
        assert agrees(final.group(1), analysis.loss), formula

    @invariant()
    def target_controls_agree(self):
        chooser, state = self.window.target_chooser, self.state
        assert chooser.label_combo.currentIndex() == state.label
        assert chooser.label_combo.isEnabled() == (state.soft_target is None)
        assert chooser.loss_combo.itemData(chooser.loss_combo.currentIndex()) == state.loss
        assert chooser.temperature_edit.value() == state.temperature
        assert chooser.gamma_edit.value() == state.focal_gamma


def test_window_state_machine(window):
    run_state_machine_as_test(lambda: WindowMachine(window), settings=MACHINE_SETTINGS)
