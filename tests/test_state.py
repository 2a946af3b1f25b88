import json
import pickle
from dataclasses import replace

import pytest

from explorer.state import LOSS_KEYS, MAX_CLASSES, SCENE_VERSION, ExplorerState, StateError


def test_defaults_are_the_classic_example():
    state = ExplorerState()
    assert state.logits == (2.0, 1.0, 0.1)
    assert state.num_classes == 3
    assert state.class_names == ("", "", "")
    assert state.target == 0
    assert state.loss == "cross_entropy" and state.focal_gamma == 2.0


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
        ({"loss": "hinge"}, "loss must be one of cross_entropy, squared_error, focal"),
        ({"loss": None}, "loss must be one of"),
        ({"loss": ["focal"]}, "loss must be one of"),
        ({"focal_gamma": -0.5}, "focal gamma must be between 0 and 10, got -0.5"),
        ({"focal_gamma": 10.5}, "focal gamma must be between 0 and 10"),
        ({"focal_gamma": float("nan")}, "focal gamma must be a finite number"),
        ({"focal_gamma": True}, "focal gamma must be a number"),
        ({"focal_gamma": "2"}, "focal gamma must be a number"),
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
        loss="focal",
        focal_gamma=0.5,
    )
    data = state.to_dict()
    assert data["version"] == SCENE_VERSION == 2
    assert data["loss"] == "focal" and data["focal_gamma"] == 0.5
    assert "theme" not in data
    assert ExplorerState.from_dict(json.loads(json.dumps(data))) == state


@pytest.mark.parametrize("loss", LOSS_KEYS)
@pytest.mark.parametrize("gamma", [0, 0.0, 2.5, 10])
def test_every_loss_and_gamma_round_trip(loss, gamma):
    state = ExplorerState(loss=loss, focal_gamma=gamma)
    assert isinstance(state.focal_gamma, float)
    assert ExplorerState.from_dict(state.to_dict()) == state


def test_a_version_1_dict_gets_cross_entropy_and_loses_its_theme():
    data = {
        "version": 1,
        "logits": [1.0, 0.5, -2.0],
        "label": 2,
        "temperature": 0.5,
        "show_field": False,
        "theme": "dark",
    }
    state = ExplorerState.from_dict(data)
    assert state == ExplorerState(
        logits=(1.0, 0.5, -2.0), label=2, temperature=0.5, show_field=False
    )
    assert state.loss == "cross_entropy" and state.focal_gamma == 2.0
    assert data["theme"] == "dark"  # the caller's dict is left alone


@pytest.mark.parametrize("version", [1, 2])
def test_a_theme_key_is_read_and_dropped_in_both_versions(version):
    state = ExplorerState.from_dict({"version": version, "logits": [1, 2], "theme": "neon"})
    assert state == ExplorerState(logits=(1.0, 2.0))
    assert "theme" not in state.to_dict()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"version": 99}, "unsupported scene version 99; this build reads versions 1 to 2"),
        ({"version": 0}, "unsupported scene version 0"),
        ({"version": -1}, "unsupported scene version -1"),
        ({"version": True}, "the scene version must be a whole number, got True"),
        ({"version": False}, "the scene version must be a whole number, got False"),
        ({"version": 2.0}, "the scene version must be a whole number, got 2.0"),
        ({"version": "2"}, "the scene version must be a whole number, got '2'"),
        ({"version": None}, "the scene version must be a whole number, got None"),
        ({"version": [2]}, "the scene version must be a whole number"),
        ({"version": 1, "logits": [1, 2], "loss": "focal"}, "a version 1 scene cannot set loss"),
        ({"version": 1, "focal_gamma": 1, "loss": "focal"}, "cannot set loss, focal_gamma"),
        ({"version": 2, "logits": [1, 2], "loss": "hinge"}, "loss must be one of"),
        ({"version": 2, "logits": [1, 2], "focal_gamma": 11}, "focal gamma must be between"),
        ({"version": 2, "logits": [1, 2], "focal_gamma": None}, "focal gamma must be a number"),
        ({"logits": [1, 2], "colour": "red"}, "unknown scene keys"),
        ({"logits": "12"}, "must be a list"),
        ({"logits": list(range(10_000))}, "too long"),
    ],
)
def test_bad_scene_dicts(data, message):
    with pytest.raises(StateError, match=message):
        ExplorerState.from_dict(data)


def test_errors_carry_a_template_a_context_and_values():
    with pytest.raises(StateError) as caught:
        ExplorerState(temperature=500)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.context == "ExplorerState"
    assert error.template == "{name} must be between {low} and {high}, got {value}"
    assert error.values == {"name": "temperature", "low": "0.01", "high": "100", "value": "500"}
    assert str(error) == "temperature must be between 0.01 and 100, got 500"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.context, copy.template, copy.values) == (
        error.context,
        error.template,
        error.values,
    )
    assert str(copy) == str(error)


def test_an_error_without_values_is_its_template():
    error = StateError("ExplorerState", "the two surface axes must be different classes")
    assert error.values == {}
    assert str(error) == "the two surface axes must be different classes"


# The lesson panels' fields --------------------------------------------------------------


def test_lesson_fields_default_to_friendly_values():
    state = ExplorerState()
    assert state.teacher == (4.0, 2.0, 0.2)
    assert len(state.batch) == 4 and all(len(row) == 3 for row in state.batch)
    assert state.labels == (0, 1, 2, 0)


def test_lesson_fields_round_trip_through_a_scene_dict():
    state = ExplorerState(
        teacher_logits=(1.0, 0.0, -1.0),
        distillation_alpha=0.3,
        batch_logits=((1.0, 2.0, 3.0), (0.0, 0.0, 0.0)),
        batch_labels=(2, -100),
        class_weights=(1.0, 2.0, 0.5),
        batch_reduction="sum",
        softmax_axis="whole",
        pos_weight=3.0,
        information_bits=True,
        stability_dtype="float16",
    )
    assert ExplorerState.from_dict(json.loads(json.dumps(state.to_dict()))) == state


def test_changing_k_resizes_the_teacher_batch_and_weights():
    state = ExplorerState(
        teacher_logits=(1.0, 2.0, 3.0),
        batch_logits=((1.0, 2.0, 3.0),),
        batch_labels=(2,),
        class_weights=(2.0, 2.0, 2.0),
    )
    fewer = state.with_num_classes(2)
    assert fewer.teacher_logits == (1.0, 2.0) and fewer.batch_logits == ((1.0, 2.0),)
    assert fewer.batch_labels == (1,) and fewer.class_weights == (2.0, 2.0)
    more = state.with_num_classes(4)
    assert more.batch_logits == ((1.0, 2.0, 3.0, 0.0),) and more.class_weights[-1] == 1.0
    assert len(more.teacher_logits) == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"teacher_logits": (1.0, 2.0)}, "teacher needs one logit per class"),
        ({"teacher_logits": (1.0, 2.0, float("nan"))}, "finite"),
        ({"distillation_alpha": 1.5}, "distillation alpha must be between"),
        ({"batch_logits": ()}, "1 to 8 rows"),
        ({"batch_logits": ((1.0, 2.0),)}, "batch row 0 needs one logit per class"),
        ({"batch_labels": (0, 1)}, "one label per row"),
        ({"batch_labels": (0, 1, 3, 0)}, "batch label 2"),
        ({"class_weights": (1.0, -1.0, 1.0)}, "class weight 1"),
        ({"ignore_index": True}, "whole number"),
        ({"ignore_index": 5000}, "ignore_index must be between"),
        ({"batch_reduction": "none"}, "batch_reduction must be one of"),
        ({"softmax_axis": "rows"}, "softmax_axis must be one of"),
        ({"stability_dtype": "bfloat16"}, "stability_dtype must be one of"),
        ({"pos_weight": 0.0}, "pos_weight must be between"),
        ({"information_bits": "yes"}, "information_bits must be true or false"),
    ],
)
def test_bad_lesson_fields_are_refused_with_a_message(changes, message):
    with pytest.raises(StateError, match=message):
        ExplorerState(**changes)


def test_an_ignored_batch_label_is_any_value_equal_to_ignore_index():
    state = ExplorerState(ignore_index=7, batch_labels=(7, 0, 1, 2))
    assert state.labels == (7, 0, 1, 2)
    with pytest.raises(StateError):
        ExplorerState(batch_labels=(-100, 0, 1, 2), ignore_index=7)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # {:g} rounded the refused value to the limit it broke ("got 1e+06").
        ({"logits": (1000000.5, 0.0)}, "between -1e+06 and 1e+06, got 1000000.5"),
        ({"temperature": 0.0099999}, "between 0.01 and 100, got 0.0099999"),
        ({"learning_rate": 100.00001}, "got 100.00001"),
    ],
)
def test_range_messages_never_round_the_refused_value_onto_the_limit(changes, message):
    with pytest.raises(StateError, match=message.replace("+", r"\+")):
        ExplorerState(**changes)


def test_a_huge_soft_target_is_refused_not_overflowed():
    # math.fsum([1e308, 1e308, 0]) raises OverflowError: the entries are checked first.
    with pytest.raises(StateError, match="<= 1"):
        ExplorerState(soft_target=(1e308, 1e308, 0.0))
    with pytest.raises(StateError, match="<= 1"):
        ExplorerState.from_dict({"logits": [1, 2, 3], "soft_target": [1e308, 1e308, 0]})


def test_a_version_1_scene_cannot_set_the_lessons_fields_either():
    with pytest.raises(StateError, match="version 1 scene cannot set teacher_logits"):
        ExplorerState.from_dict({"version": 1, "logits": [1, 2, 3], "teacher_logits": [1, 2, 3]})
