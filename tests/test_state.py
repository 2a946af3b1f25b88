import json
from dataclasses import replace

import pytest

from explorer.state import MAX_CLASSES, ExplorerState, StateError


def test_defaults_are_the_classic_example():
    state = ExplorerState()
    assert state.logits == (2.0, 1.0, 0.1)
    assert state.num_classes == 3
    assert state.class_names == ("", "", "")
    assert state.target == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"logits": (1.0,)}, "between 2 and"),
        ({"logits": tuple(range(MAX_CLASSES + 1))}, "between 2 and"),
        ({"logits": (1.0, float("nan"))}, "finite"),
        ({"logits": (1.0, float("inf"))}, "finite"),
        ({"logits": (1.0, 2e6)}, "between"),
        ({"logits": (1.0, "a")}, "must be a number"),
        ({"label": 3}, "between 0 and 2"),
        ({"label": 1.5}, "whole number"),
        ({"temperature": 0.0}, "temperature"),
        ({"label_smoothing": 1.5}, "label smoothing"),
        ({"soft_target": (0.5, 0.2, 0.2)}, "sum to 1"),
        ({"soft_target": (1.2, -0.2, 0.0)}, ">= 0"),
        ({"soft_target": (0.5, 0.5)}, "one probability per class"),
        ({"surface_axes": (1, 1)}, "different"),
        ({"surface_axes": (0, 5)}, "between 0 and 2"),
        ({"surface_range": (1.0, -1.0, 0.0, 1.0)}, "minimum below"),
        ({"surface_range": (0.0, 1e-306, -1.0, 1.0)}, "at least 1e-06 wide"),
        ({"surface_range": (-1.0, 1.0, 5.0, 5.0 + 1e-7)}, "at least 1e-06 wide"),
        ({"learning_rate": 0.0}, "learning rate"),
        ({"theme": "neon"}, "theme"),
        ({"class_names": ("a", "b")}, "3 strings"),
    ],
)
def test_invalid_states_explain_themselves(changes, message):
    with pytest.raises(StateError, match=message):
        replace(ExplorerState(), **changes)


def test_with_num_classes_keeps_what_it_can():
    state = ExplorerState(
        logits=(3.0, 1.0, 0.0), label=2, class_names=("a", "b", "c"), surface_axes=(1, 2)
    )
    grown = state.with_num_classes(5)
    assert grown.logits[:3] == state.logits and grown.num_classes == 5
    assert grown.class_names == ("a", "b", "c", "", "")
    shrunk = state.with_num_classes(2)
    assert shrunk.logits == (3.0, 1.0)
    assert shrunk.label == 1
    assert shrunk.surface_axes == (0, 1)
    soft = replace(state, soft_target=(0.2, 0.3, 0.5)).with_num_classes(2)
    assert soft.soft_target == pytest.approx((0.4, 0.6))


def test_shift_moves_only_logits():
    state = ExplorerState()
    shifted = state.shifted(2.5)
    assert shifted.logits == (4.5, 3.5, 2.6)
    assert replace(shifted, logits=state.logits) == state


def test_json_round_trip():
    state = ExplorerState(
        logits=(0.5, -1.0, 3.0, 2.0),
        label=1,
        soft_target=(0.1, 0.2, 0.3, 0.4),
        class_names=("cat", "", "dog", ""),
        theme="dark",
    )
    text = json.dumps(state.to_dict())
    assert ExplorerState.from_dict(json.loads(text)) == state


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"version": 99}, "unsupported scene version"),
        ({"logits": [1, 2], "colour": "red"}, "unknown scene keys"),
        ({"logits": "12"}, "must be a list"),
        ({"logits": list(range(10_000))}, "too long"),
    ],
)
def test_bad_scene_dicts(data, message):
    with pytest.raises(StateError, match=message):
        ExplorerState.from_dict(data)
