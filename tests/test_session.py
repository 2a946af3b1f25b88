from dataclasses import replace

import numpy as np
import pytest

from explorer import core
from explorer.session import ExplorerSession
from explorer.state import ExplorerState


@pytest.fixture
def session(qapp):
    return ExplorerSession(ExplorerState(logits=(2.0, 1.0, 0.1, -0.5), label=1))


def test_derived_numbers_come_from_the_core(session):
    analysis = session.derived.analysis
    logits = np.array(session.state.logits)
    np.testing.assert_array_equal(analysis.probabilities, core.softmax(logits))
    assert analysis.loss == pytest.approx(float(core.cross_entropy(logits, 1)), rel=1e-15)
    np.testing.assert_allclose(analysis.gradient, core.cross_entropy_grad(logits, 1), rtol=1e-15)
    surface = session.derived.surface
    # The plotted surface is the core's, computed in float32 (a picture; the readouts
    # come from the float64 analysis above) ...
    assert surface.loss.dtype == np.float32
    as_float32 = (logits.astype(np.float32), surface.a_values.astype(np.float32))
    expected = core.loss_surface(
        as_float32[0], 1, (0, 1), as_float32[1], surface.b_values.astype(np.float32)
    )
    np.testing.assert_array_equal(surface.loss, expected)
    # ... and within float32's precision of the float64 surface.
    exact = core.loss_surface(logits, 1, (0, 1), surface.a_values, surface.b_values)
    np.testing.assert_allclose(surface.loss, exact, rtol=2e-6, atol=2e-6)


def test_surface_is_reused_when_only_axis_logits_move(session):
    received = []
    session.changed.connect(received.append)
    surface = session.derived.surface
    session.set_state(session.state.with_logit(1, 4.0))
    assert received[-1].surface is False
    assert session.derived.surface is surface
    assert session.derived.point == (2.0, 4.0)
    session.set_state(session.state.with_logit(3, 1.0))
    assert received[-1].surface is True
    assert session.derived.surface is not surface


def test_a_recomputed_surface_keeps_its_axes_until_the_range_changes(session):
    """The grid's axes are spaced once per range and shared, so nobody may write to them."""
    surface = session.derived.surface
    session.set_state(session.state.with_logit(2, 1.5))
    again = session.derived.surface
    assert again is not surface and again.a_values is surface.a_values
    np.testing.assert_array_equal(surface.a_values, np.linspace(-6.0, 6.0, surface.loss.shape[1]))
    for axis in (again.a_values, again.b_values):
        assert not axis.flags.writeable
    session.set_state(replace(session.state, surface_range=(-3.0, 3.0, -2.0, 2.0)))
    zoomed = session.derived.surface
    np.testing.assert_array_equal(zoomed.a_values, np.linspace(-3.0, 3.0, zoomed.loss.shape[1]))
    np.testing.assert_array_equal(zoomed.b_values, np.linspace(-2.0, 2.0, zoomed.loss.shape[0]))


def test_equal_state_emits_nothing(session):
    received = []
    session.changed.connect(received.append)
    assert session.set_state(session.state) is None
    assert received == []


def test_steps_follow_descent_path(session):
    for _ in range(3):
        session.step()
    path, losses = core.descent_path(np.array([2.0, 1.0, 0.1, -0.5]), 1, 1.0, 3)
    np.testing.assert_allclose(session.derived.trail, path, rtol=1e-14)
    np.testing.assert_allclose(session.derived.trail_losses, losses, rtol=1e-12)
    np.testing.assert_allclose(session.derived.trail_probabilities, core.softmax(path), rtol=1e-14)
    session.reset_descent()
    assert session.state.logits == (2.0, 1.0, 0.1, -0.5)


def test_trail_probabilities_follow_temperature_and_restart_with_it(session):
    session.set_state(replace(session.state, temperature=2.5))
    for _ in range(4):
        session.step()
    derived = session.derived
    assert derived.trail_probabilities.shape == derived.trail.shape == (5, 4)
    np.testing.assert_allclose(
        derived.trail_probabilities, core.softmax(derived.trail, temperature=2.5), rtol=1e-14
    )
    session.set_state(replace(session.state, temperature=0.5))  # a new trail, at the new T
    np.testing.assert_allclose(
        session.derived.trail_probabilities,
        core.softmax(np.asarray([session.state.logits]), temperature=0.5),
        rtol=1e-14,
    )


def test_gesture_is_one_undo_step(session):
    start = session.state
    session.begin_gesture()
    for value in np.linspace(1.0, 3.0, 20):
        session.set_state(session.state.with_logit(0, float(value)))
    session.end_gesture()
    session.set_state(session.state.with_logit(2, 5.0))
    session.undo()
    assert session.state.logits[2] == 0.1 and session.state.logits[0] == 3.0
    session.undo()
    assert session.state == start
    assert not session.can_undo()
    session.redo()
    assert session.state.logits[0] == 3.0


def test_a_long_descent_keeps_a_bounded_trail(qapp):
    from explorer.session import TRAIL_LIMIT, TRAIL_TRIM

    session = ExplorerSession(ExplorerState(logits=(0.0, 0.0, 0.0), learning_rate=0.01))
    start = session.state.logits
    lengths, appended = [], []
    for _ in range(TRAIL_LIMIT + TRAIL_TRIM + 50):
        appended.append(session.step().trail_appended)
        lengths.append(len(session.derived.trail))
    # It grows to the limit, then loses its oldest tenth at once, twice in this run: between
    # trims it only grows (views add the new step alone).
    assert max(lengths) == TRAIL_LIMIT
    drops = [i for i in range(1, len(lengths)) if lengths[i] < lengths[i - 1]]
    # From the limit less a tenth, back over the limit takes a tenth and one more step.
    assert len(drops) == 2 and drops[1] - drops[0] == TRAIL_TRIM + 1
    assert all(lengths[i] == TRAIL_LIMIT - TRAIL_TRIM for i in drops)
    # Each step appends its point to the trail as it was, except where the trail was trimmed
    # (views then draw it anew); a change of state starts a trail, appending nothing.
    assert [i for i, count in enumerate(appended) if count != 1] == drops
    assert all(appended[i] == 0 for i in drops)
    trail = session.derived.trail
    grown = len(lengths) - 1 - drops[1]
    assert len(trail) == len(session.derived.trail_losses) == TRAIL_LIMIT - TRAIL_TRIM + grown
    assert tuple(trail[0]) == start  # the start is kept for Reset
    assert tuple(trail[-1]) == session.state.logits
    # The kept points are the start and the latest ones, in order: one step apart each.
    steps = np.diff(trail[1:], axis=0)
    np.testing.assert_allclose(
        steps, -0.01 * (session.derived.trail_probabilities[1:-1] - [1.0, 0, 0]), rtol=1e-9
    )
    expected = core.cross_entropy(
        trail, np.broadcast_to([1.0, 0, 0], trail.shape).copy(), reduction="none"
    )
    np.testing.assert_allclose(session.derived.trail_losses, expected, rtol=1e-12)
    np.testing.assert_allclose(session.derived.trail_probabilities, core.softmax(trail), rtol=1e-14)
    session.reset_descent()
    assert session.state.logits == start
    # Any other change starts a new trail: nothing appended to the old one.
    assert session.set_state(session.state.with_logit(0, 1.0)).trail_appended == 0


def test_clear_history_forgets_undo_redo_and_open_gestures(session):
    histories = []
    session.historyChanged.connect(lambda: histories.append(1))
    start = session.state
    session.set_state(session.state.with_logit(0, 3.0))
    session.set_state(session.state.with_logit(0, 4.0))
    session.undo()
    session.begin_gesture()  # a drag whose end never came
    session.set_state(session.state.with_logit(1, -2.0))
    assert session.can_undo() and session.can_redo()
    edited = session.state
    histories.clear()
    session.clear_history()
    assert histories == [1]  # undo and redo actions follow
    assert session.state == edited  # the state stays
    assert not session.can_undo() and not session.can_redo()
    assert session.undo() is None and session.state == edited
    # The open gesture went with it: the next edit is one undo step of its own.
    session.set_state(session.state.with_logit(2, 0.5))
    session.undo()
    assert session.state == edited != start
    assert not session.can_undo()


def test_numbers_are_computed_once_per_state_and_only_when_asked(qapp):
    calls = []

    def margin(state):
        calls.append(state)
        return state.logits[0] - state.logits[1]

    session = ExplorerSession()
    assert calls == []
    assert session.numbers(margin) == pytest.approx(1.0)
    assert session.numbers(margin) == pytest.approx(1.0)
    assert len(calls) == 1
    session.set_state(session.state.with_logit(0, 5.0))
    assert len(calls) == 1  # nothing asked: nothing computed
    assert session.numbers(margin) == pytest.approx(4.0) and len(calls) == 2


def test_lesson_fields_leave_the_descent_trail_alone(qapp):
    session = ExplorerSession()
    session.step()
    session.step()
    trail = len(session.derived.trail)
    session.set_state(replace(session.state, teacher_logits=(1.0, 1.0, 1.0), pos_weight=2.0))
    assert len(session.derived.trail) == trail
    session.set_state(replace(session.state, loss="focal"))
    assert len(session.derived.trail) == 1


def test_nested_gestures_make_one_undo_step(session):
    before = session.state
    session.begin_gesture()  # Play
    session.step()
    session.begin_gesture()  # a bar dragged meanwhile
    session.set_state(session.state.with_logit(2, 1.5))
    session.end_gesture()
    session.step()
    session.step()
    session.end_gesture()
    session.undo()
    assert session.state == before
    assert not session.can_undo()


def test_the_trail_survives_a_change_of_surface_axes(session):
    for _ in range(3):
        session.step()
    session.set_state(replace(session.state, surface_axes=(0, 2)))
    assert len(session.derived.trail) == 4


def test_dragging_a_surface_axis_keeps_the_surface(qapp):
    session = ExplorerSession()
    surface = session.derived.surface
    change = session.set_state(session.state.with_logit(0, 2.5))
    assert not change.surface and session.derived.surface is surface
    change = session.set_state(session.state.with_logit(2, 0.7))
    assert change.surface and session.derived.surface is not surface
