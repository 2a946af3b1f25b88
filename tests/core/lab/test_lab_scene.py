"""Lab scene files: a round trip keeps everything; a corrupt file is a LabDataError."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.core.lab import (
    FeatureConfig,
    LabDataError,
    LabScene,
    TrainConfig,
    Trainer,
    lab_scene_from_json,
    lab_scene_to_json,
    load_lab_scene,
    make_dataset,
    save_lab_scene,
)


def trained_scene():
    dataset = make_dataset("spirals", classes=4, points=120, noise=0.2, seed=9)
    features = FeatureConfig(squares=True, sines=True, fourier=6, fourier_width=1.7, seed=2)
    config = TrainConfig(
        loss="svm",
        reg=0.01,
        reg_convention="full",
        learning_rate=0.123,
        batch_size=17,
        momentum=0.8,
        validation_fraction=0.3,
        seed=44,
    )
    trainer = Trainer(dataset, features, config)
    trainer.step(25)
    return LabScene(
        dataset=dataset,
        features=features,
        config=config,
        steps_per_frame=7,
        W=trainer.W,
        dataset_kind="spirals",
        noise=0.2,
        point_count=120,
        data_seed=9,
    )


def test_a_scene_round_trips_through_text_and_file(tmp_path):
    scene = trained_scene()
    again = lab_scene_from_json(lab_scene_to_json(scene))
    assert again == scene
    assert np.array_equal(again.W, scene.W) and again.W.dtype == np.float64
    path = tmp_path / "lab.json"
    save_lab_scene(path, scene)
    assert load_lab_scene(path) == scene
    # The restored model gives the same numbers.
    trainer = Trainer(again.dataset, again.features, again.config)
    trainer.set_weights(again.W)
    np.testing.assert_array_equal(trainer.W, scene.W)


def test_a_scene_without_weights_and_with_no_points(tmp_path):
    scene = LabScene(
        make_dataset("empty", classes=5), FeatureConfig(), TrainConfig(), dataset_kind="empty"
    )
    assert lab_scene_from_json(lab_scene_to_json(scene)) == scene
    assert lab_scene_from_json(lab_scene_to_json(scene)).W is None


def test_saving_replaces_the_file_whole(tmp_path):
    path = tmp_path / "lab.json"
    path.write_text("old", encoding="utf-8")
    save_lab_scene(path, trained_scene())
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert [item.name for item in tmp_path.iterdir()] == ["lab.json"]


def document():
    return json.loads(lab_scene_to_json(trained_scene()))


def corrupt(change):
    data = document()
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", "not a valid lab scene file"),
        ("[]", "must be a JSON object"),
        (json.dumps({"version": 1}), "not a classifier lab scene"),
        (corrupt(lambda d: d.update(version=2)), "unsupported lab scene version 2"),
        (corrupt(lambda d: d.update(version=True)), "unsupported lab scene version true"),
        (corrupt(lambda d: d.pop("training")), "lacks training"),
        (corrupt(lambda d: d.update(extra=1)), "unknown keys: extra"),
        (corrupt(lambda d: d["features"].pop("fourier")), "features lacks fourier"),
        (corrupt(lambda d: d["features"].update(squares="yes")), "squares must be true or false"),
        (corrupt(lambda d: d["training"].update(batch_size=2.5)), "batch_size must be a whole"),
        (corrupt(lambda d: d["training"].update(loss="hinge")), "unknown loss 'hinge'"),
        (corrupt(lambda d: d["training"].update(reg=None)), "reg must be a number"),
        (corrupt(lambda d: d.update(noise="loud")), "noise must be a number"),
        (corrupt(lambda d: d["dataset"]["labels"].__setitem__(0, 4)), "label 4 is out of range"),
        (corrupt(lambda d: d["dataset"]["labels"].pop()), "one label per point"),
        (corrupt(lambda d: d["dataset"]["points"].__setitem__(0, [1.0])), "equal length"),
        (corrupt(lambda d: d["dataset"]["points"].__setitem__(0, [1.0, "a"])), "numbers only"),
        (corrupt(lambda d: d["dataset"].update(classes=9)), "from 2 to 8"),
        (
            corrupt(lambda d: d.update(weights=d["weights"][:-1])),
            r"shape \(14, 4\) \(features \+ bias, classes\); got \(13, 4\)",
        ),
        (corrupt(lambda d: d.update(weights=[[1.0]])), "weights must have shape"),
        (corrupt(lambda d: d.update(steps_per_frame=0)), "steps per frame"),
        (corrupt(lambda d: d.update(dataset_kind="moons")), "unknown dataset 'moons'"),
        (
            lab_scene_to_json(trained_scene()).replace('rate": 0.123', 'rate": NaN'),
            "NaN is not allowed",
        ),
        (
            lab_scene_to_json(trained_scene()).replace('rate": 0.123', 'rate": 1e999'),
            "learning rate",
        ),
    ],
)
def test_corrupt_scenes_are_lab_data_errors(text, match):
    with pytest.raises(LabDataError, match=match) as caught:
        lab_scene_from_json(text)
    assert caught.value.context == "LabData"


def test_weights_with_nan_are_refused():
    data = document()
    data["weights"][0][0] = 1e999  # json.dumps writes Infinity, which is refused too
    with pytest.raises(LabDataError):
        lab_scene_from_json(json.dumps(data))


def test_unreadable_files_are_lab_data_errors(tmp_path):
    with pytest.raises(LabDataError, match="cannot open nothing.json"):
        load_lab_scene(tmp_path / "nothing.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\x00\xfe")
    with pytest.raises(LabDataError, match="not a text"):
        load_lab_scene(binary)
    with pytest.raises(LabDataError, match="not a regular file"):
        load_lab_scene(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "softmax-explorer-lab", "version": 1}', encoding="utf-8")
    with pytest.raises(LabDataError, match="bad.json lacks dataset"):
        load_lab_scene(bad)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        # JSON integers beyond a float's range: OverflowError, not a message, before.
        (lambda d: d["training"].update(learning_rate=10**400), "learning rate"),
        (lambda d: d["training"].update(reg=10**400), "regularisation"),
        (lambda d: d["features"].update(fourier_width=10**400), "Fourier width"),
        (lambda d: d.update(noise=10**400), "noise"),
        (lambda d: d["dataset"]["points"].__setitem__(0, [10**400, 0]), "too large"),
        # Labels beyond int64 wrapped to -9223372036854775808 (with a RuntimeWarning).
        (lambda d: d["dataset"]["labels"].__setitem__(0, 10**30), r"label 1e\+30 is out of"),
        (lambda d: d["dataset"]["labels"].__setitem__(0, 2**63), r"label 9.22337e\+18 is out"),
        # Weights the trainer would stop at: the regions and the penalty overflow.
        (lambda d: d["weights"][0].__setitem__(0, 1e300), r"within ±1e\+100"),
        # More than the lab's controls show (and a frozen window: 10,000 steps a frame).
        (lambda d: d.update(steps_per_frame=10_000), "steps per frame"),
        (lambda d: d.update(data_seed=2**40), "data seed must be a whole number from 0"),
    ],
)
def test_out_of_range_numbers_are_lab_data_errors(change, match):
    with pytest.raises(LabDataError, match=match):
        lab_scene_from_json(corrupt(change))
