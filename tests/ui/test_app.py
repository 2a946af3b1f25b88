"""Entry points: ``create_main_window`` can share one live session between windows."""

from explorer.session import ExplorerSession
from explorer.state import ExplorerState


def test_two_windows_share_one_session(window_factory):
    first = window_factory()
    second = window_factory(session=first.session)
    assert second.session is first.session
    first.set_state(first.state.with_logit(2, 4.5))
    assert second.state.logits[2] == 4.5
    shown = second.readouts.values["loss"].text()
    assert shown == first.readouts.values["loss"].text()
    second.undo_action.trigger()  # one undo history, whichever window edits
    assert first.state.logits[2] == ExplorerState().logits[2]


def test_a_state_given_with_a_session_becomes_its_state(window_factory, qapp):
    session = ExplorerSession()
    window = window_factory(state=ExplorerState(logits=(1.0, 2.0)), session=session)
    assert session.state.logits == (1.0, 2.0) and window.state is session.state
    assert session.can_undo()  # the window's state replaced the session's as an edit
