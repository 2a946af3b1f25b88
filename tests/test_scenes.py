import json
import math
import zipfile
from pathlib import Path

import pytest

import explorer
from explorer.scenes import (
    MAX_SCENE_BYTES,
    PRESET_FOLDER,
    SceneError,
    load_scene,
    preset_paths,
    preset_title,
    save_scene,
    scene_from_text,
    scene_to_text,
)
from explorer.state import SCENE_VERSION, ExplorerState, StateError


def test_round_trip(tmp_path):
    state = ExplorerState(
        logits=(3.0, -1.0, 0.25, 2.0),
        label=2,
        soft_target=(0.1, 0.2, 0.3, 0.4),
        temperature=0.5,
        label_smoothing=0.1,
        class_names=("a", "b", "", "d"),
        surface_axes=(3, 1),
        surface_range=(-2.0, 4.0, -3.0, 5.0),
        learning_rate=0.25,
        show_field=False,
        loss="focal",
        focal_gamma=3.5,
    )
    path = save_scene(state, tmp_path / "scene.json")
    assert load_scene(path) == state
    data = json.loads(path.read_text())
    assert data["version"] == SCENE_VERSION == 2
    assert (data["loss"], data["focal_gamma"]) == ("focal", 3.5)
    assert "theme" not in data  # a preference of the person, not part of the scene
    for key in (
        "version",
        "logits",
        "label",
        "soft_target",
        "temperature",
        "label_smoothing",
        "class_names",
        "surface_axes",
        "surface_range",
        "learning_rate",
        "show_field",
        "loss",
        "focal_gamma",
    ):
        assert key in data


# A scene as version 1 wrote it, literally: no loss, no gamma, and a theme.
VERSION_1_SCENE = """{
  "version": 1,
  "logits": [-2.0, 1.0, 6.0, 0.5],
  "label": 0,
  "soft_target": null,
  "temperature": 1.0,
  "label_smoothing": 0.0,
  "class_names": ["cat", "dog", "car", "ship"],
  "surface_axes": [0, 2],
  "surface_range": [-4.0, 10.0, -4.0, 10.0],
  "learning_rate": 2.0,
  "show_field": true,
  "theme": "dark"
}
"""


def test_a_version_1_file_loads_with_cross_entropy(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(VERSION_1_SCENE)
    state = load_scene(path)
    assert state.loss == "cross_entropy" and state.focal_gamma == 2.0
    assert state.logits == (-2.0, 1.0, 6.0, 0.5)
    assert state.class_names == ("cat", "dog", "car", "ship")
    assert state.surface_axes == (0, 2) and state.learning_rate == 2.0
    # Saved again, it is a version 2 scene without the theme.
    data = json.loads(save_scene(state, tmp_path / "new.json").read_text())
    assert data["version"] == 2 and data["loss"] == "cross_entropy"
    assert "theme" not in data


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "scene.json"
    save_scene(ExplorerState(), path)
    save_scene(ExplorerState(label=2), path)
    assert [p.name for p in tmp_path.iterdir()] == ["scene.json"]
    assert load_scene(path).label == 2


def test_failed_save_keeps_the_old_file(tmp_path):
    path = tmp_path / "scene.json"
    save_scene(ExplorerState(label=1), path)
    with pytest.raises(SceneError, match="cannot"):
        save_scene(ExplorerState(), tmp_path / "missing-folder" / "scene.json")
    assert load_scene(path).label == 1


BAD_SCENES = {
    "truncated": '{"version": 1, "logits": [1, 2',
    "not json": "hello",
    "empty": "",
    "wrong version": '{"version": 7, "logits": [1, 2]}',
    "wrong types": '{"version": 1, "logits": "1,2"}',
    "nan": '{"version": 1, "logits": [1, NaN]}',
    "infinity": '{"version": 1, "logits": [1, Infinity]}',
    "huge array": json.dumps({"version": 1, "logits": [0.0] * 5000}),
    "out of range label": '{"version": 1, "logits": [1, 2], "label": 9}',
    "unknown key": '{"version": 1, "logits": [1, 2], "__class__": "os.system"}',
    "list at top": "[1, 2, 3]",
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "bool as number": '{"version": 1, "logits": [true, false]}',
    "bool as version": '{"version": true, "logits": [1, 2]}',
    "string as version": '{"version": "2", "logits": [1, 2]}',
    "fraction as version": '{"version": 1.5, "logits": [1, 2]}',
    "future version": '{"version": 3, "logits": [1, 2]}',
    "loss in version 1": '{"version": 1, "logits": [1, 2], "loss": "focal"}',
    "unknown loss": '{"version": 2, "logits": [1, 2], "loss": "hinge"}',
    "loss not a string": '{"version": 2, "logits": [1, 2], "loss": 1}',
    "negative gamma": '{"version": 2, "logits": [1, 2], "focal_gamma": -1}',
    "huge gamma": '{"version": 2, "logits": [1, 2], "focal_gamma": 1e9}',
    "bool gamma": '{"version": 2, "logits": [1, 2], "focal_gamma": true}',
}


@pytest.mark.parametrize("name", list(BAD_SCENES))
def test_bad_scene_files_are_refused_with_a_message(tmp_path, name):
    path = tmp_path / "bad.json"
    path.write_text(BAD_SCENES[name])
    with pytest.raises(SceneError) as error:
        load_scene(path)
    assert "bad.json" in str(error.value)


def test_binary_and_oversized_files(tmp_path):
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SceneError, match="UTF-8"):
        load_scene(binary)
    big = tmp_path / "big.json"
    big.write_text(" " * (MAX_SCENE_BYTES + 1))
    with pytest.raises(SceneError, match="too large"):
        load_scene(big)
    with pytest.raises(SceneError, match="cannot open"):
        load_scene(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version": true}', "the scene version must be a whole number, got True"),
        ('{"version": 3}', "unsupported scene version 3; this build reads versions 1 to 2"),
        ('{"version": 2, "loss": "hinge"}', "loss must be one of"),
        ('{"version": 2, "focal_gamma": 10.01}', "focal gamma must be between 0 and 10"),
    ],
)
def test_refused_versions_and_losses_say_why(text, message):
    with pytest.raises(SceneError, match=f"^lecture.json is not a valid scene: {message}"):
        scene_from_text(text, "lecture.json")


def test_a_scene_error_keeps_the_state_error_it_wraps():
    with pytest.raises(SceneError) as caught:
        scene_from_text('{"version": 2, "temperature": 0}', "lecture.json")
    error = caught.value
    assert error.context == "Scenes"
    assert error.template == "{source} is not a valid scene: {reason}"
    assert error.values["source"] == "lecture.json"
    reason = error.values["reason"]
    assert isinstance(reason, StateError) and reason.context == "ExplorerState"
    assert reason.values["name"] == "temperature"
    assert str(error) == f"lecture.json is not a valid scene: {reason}"
    assert str(reason) == "temperature must be between 0.01 and 100, got 0"


def test_presets_ship_inside_the_package():
    package = Path(explorer.__file__).resolve().parent
    assert Path(str(PRESET_FOLDER)).resolve() == package / "presets"
    paths = preset_paths()
    assert [path.name for path in paths] == sorted(path.name for path in paths)
    assert len(paths) == len(list((package / "presets").glob("*.json"))) >= 9
    assert preset_title(paths[1]) == "Confidently wrong"
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == SCENE_VERSION
        assert "theme" not in data
        load_scene(path)  # every preset is a valid scene


def test_a_package_without_presets_has_none(tmp_path, monkeypatch):
    monkeypatch.setattr("explorer.scenes.PRESET_FOLDER", tmp_path / "absent")
    assert preset_paths() == []
    monkeypatch.setattr("explorer.scenes.PRESET_FOLDER", tmp_path)
    (tmp_path / "notes.txt").write_text("not a scene")
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "10-extra.json").write_text("{}")
    assert [path.name for path in preset_paths()] == ["10-extra.json"]


def test_a_scene_inside_a_zip_is_read_as_a_resource(tmp_path):
    # What importlib.resources hands out for a zipped package: not a path, but readable.
    archive = tmp_path / "scenes.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("presets/01-a-zipped-scene.json", VERSION_1_SCENE)
        bundle.writestr("presets/02-broken.json", '{"version": 2, "label": 7}')
    resource = zipfile.Path(archive) / "presets" / "01-a-zipped-scene.json"
    assert load_scene(resource).logits == (-2.0, 1.0, 6.0, 0.5)
    assert preset_title(resource) == "A zipped scene"
    with pytest.raises(SceneError, match="^02-broken.json is not a valid scene: label"):
        load_scene(zipfile.Path(archive) / "presets" / "02-broken.json")


def test_every_preset_is_a_valid_scene():
    paths = preset_paths()
    assert len(paths) >= 8
    states = [load_scene(path) for path in paths]
    counts = {state.num_classes for state in states}
    assert 2 in counts and 3 in counts
    assert any(max(abs(v) for v in state.logits) > 709.78 for state in states)
    assert any(state.label_smoothing > 0 for state in states)
    assert any(state.temperature < 1 for state in states) and any(
        state.temperature > 1 for state in states
    )


def test_scene_text_keeps_full_precision():
    state = ExplorerState(logits=(math.pi, -math.e, 1e-300))
    assert scene_from_text(json.dumps(state.to_dict())) == state


def test_huge_json_integers_are_refused(tmp_path):
    path = tmp_path / "huge.json"
    path.write_text('{"version": 1, "logits": [1, 2], "temperature": 1' + "0" * 400 + "}")
    with pytest.raises(SceneError, match="finite"):
        load_scene(path)


def test_null_lists_are_refused_with_a_message(tmp_path):
    path = tmp_path / "null.json"
    path.write_text('{"version": 1, "logits": [1, 2], "surface_axes": null}')
    with pytest.raises(SceneError, match="surface_axes must be a list"):
        load_scene(path)


def test_special_files_are_refused_without_reading_them_whole():
    with pytest.raises(SceneError, match="regular file"):
        load_scene("/dev/zero")


def test_saved_scenes_get_a_normal_file_mode(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        path = save_scene(ExplorerState(), tmp_path / "scene.json")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_byte_order_mark_is_accepted(tmp_path):
    scene = tmp_path / "notepad.json"
    scene.write_bytes(b"\xef\xbb\xbf" + scene_to_text(ExplorerState(label=2)).encode())
    assert load_scene(scene).label == 2


def test_a_nul_in_a_path_is_a_scene_error_not_a_crash(tmp_path):
    with pytest.raises(SceneError, match="NUL"):
        load_scene(str(tmp_path / "a\0b.json"))
    with pytest.raises(SceneError, match="NUL"):
        save_scene(ExplorerState(), str(tmp_path / "a\0b.json"))


def test_saving_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real" / "lecture.json"
    target.parent.mkdir()
    save_scene(ExplorerState(label=0), target)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    save_scene(ExplorerState(label=1), link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert load_scene(target).label == 1
    assert sorted(path.name for path in target.parent.iterdir()) == ["lecture.json"]


def test_a_file_name_of_255_bytes_can_be_saved(tmp_path):
    name = "s" * 250 + ".json"  # legal; a temporary name built from it would not be
    written = save_scene(ExplorerState(label=2), tmp_path / name)
    assert load_scene(written).label == 2
    assert [path.name for path in tmp_path.iterdir()] == [name]
