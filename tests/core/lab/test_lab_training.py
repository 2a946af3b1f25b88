"""The lab's trainer: it learns what a linear model can, fails where it cannot, and every
state it reports is reproducible; the decision regions on a grid."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from explorer.core import softmax_loss_vectorized
from explorer.core.lab import (
    HISTORY_LIMIT,
    Dataset,
    FeatureConfig,
    LabDataError,
    TrainConfig,
    Trainer,
    TrainingError,
    class_lines,
    data_and_reg_loss,
    empty_dataset,
    grid_axes,
    make_dataset,
    region_grid,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "lab.npz"
RAW = FeatureConfig()
SQUARES = FeatureConfig(squares=True)


def trained(kind, features=RAW, config=None, steps=2000, **data):
    trainer = Trainer(make_dataset(kind, **data), features, config or TrainConfig())
    trainer.step(steps)
    return trainer


# ----------------------------------------------------------------- what it can learn


@pytest.mark.parametrize("classes", [3, 5])
def test_blobs_reach_95_percent_with_a_falling_loss(classes):
    trainer = Trainer(make_dataset("blobs", classes=classes, points=300), RAW, TrainConfig())
    start = trainer.snapshot()
    trainer.step(1000)
    history = trainer.history
    losses = np.array([snapshot.train_loss for snapshot in history])
    assert history[-1].train_accuracy >= 0.95
    assert history[-1].val_accuracy >= 0.95
    assert losses[-1] < 0.3 * start.train_loss
    # Falling fast, then settled: SGD's noise moves it by a fraction of a percent.
    assert np.all(np.diff(losses[[0, 5, 10, 20, 50, 100]]) < 0)
    assert losses[-1] < 1.02 * losses[500:].min()


@pytest.mark.parametrize("classes", [2, 3])
def test_rings_need_squares(classes):
    raw = trained("rings", RAW, classes=classes)
    squares = trained("rings", SQUARES, classes=classes)
    assert raw.snapshot().train_accuracy < 0.70
    assert squares.snapshot().train_accuracy > 0.95
    assert squares.snapshot().val_accuracy > 0.95


def test_spirals_need_random_fourier_features():
    fourier = FeatureConfig(fourier=256, fourier_width=2.0)
    assert trained("spirals", fourier, classes=3).snapshot().train_accuracy > 0.90
    assert (
        trained("spirals", FeatureConfig(fourier=128, fourier_width=2.0)).snapshot().train_accuracy
        > 0.90
    )
    assert trained("spirals", RAW).snapshot().train_accuracy < 0.6
    both = FeatureConfig(squares=True, sines=True)
    assert trained("spirals", both).snapshot().train_accuracy < 0.85


def test_xor_needs_the_product_feature():
    assert trained("xor", RAW, steps=1000).snapshot().train_accuracy < 0.70
    assert trained("xor", SQUARES, steps=1000).snapshot().train_accuracy > 0.95


def test_the_svm_loss_trains_too():
    trainer = trained("blobs", RAW, TrainConfig(loss="svm", learning_rate=0.1), steps=500)
    assert trainer.snapshot().train_accuracy >= 0.95


# ------------------------------------------------------ against PyTorch and the losses


def test_full_batch_training_matches_torch_sgd_with_momentum():
    with np.load(FIXTURE) as fixture:
        meta = json.loads(str(fixture["meta"]))["training"]
        points, labels = fixture["train/points"], fixture["train/labels"]
        W0, weights, losses = fixture["train/W0"], fixture["train/W"], fixture["train/loss"]
    config = TrainConfig(
        learning_rate=meta["learning_rate"],
        momentum=meta["momentum"],
        reg=meta["reg"],
        batch_size=len(points),
        validation_fraction=0.0,
    )
    trainer = Trainer(Dataset(points, labels, 3), RAW, config)
    trainer.set_weights(W0)
    trainer.step(meta["steps"])
    history = trainer.history[-(meta["steps"] + 1) :]
    assert [snapshot.step for snapshot in history] == list(range(meta["steps"] + 1))
    np.testing.assert_allclose([s.W for s in history], weights, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose([s.train_loss for s in history], losses, rtol=1e-11)
    assert all(math.isnan(s.val_loss) and math.isnan(s.val_accuracy) for s in history)


@pytest.mark.parametrize("loss", ["softmax", "svm"])
@pytest.mark.parametrize("convention", ["half", "full"])
def test_snapshot_metrics_are_the_losses_of_the_training_points(loss, convention):
    config = TrainConfig(loss=loss, reg=0.05, reg_convention=convention)
    trainer = trained("blobs", SQUARES, config, steps=50, points=100)
    X, y = trainer.training_arrays()
    assert X.shape == (80, 6) and np.all(X[:, -1] == 1.0)
    data, penalty = data_and_reg_loss(loss, trainer.W, X, y, 0.05, convention)
    snapshot = trainer.snapshot()
    assert snapshot.train_data_loss == pytest.approx(data, rel=1e-12)
    assert snapshot.train_reg_loss == pytest.approx(penalty, rel=1e-12)
    assert snapshot.train_loss == pytest.approx(data + penalty, rel=1e-12)
    predicted = np.argmax(X @ trainer.W, axis=1)
    assert snapshot.train_accuracy == np.mean(predicted == y)
    if loss == "softmax" and convention == "half":
        assert snapshot.train_loss == pytest.approx(
            softmax_loss_vectorized(trainer.W, X, y, 0.05)[0]
        )


def test_the_trainers_gradient_checks_out():
    trainer = trained("spirals", FeatureConfig(squares=True, sines=True, fourier=16), steps=100)
    check = trainer.check_gradient()
    assert check.max_error < 1e-6 and check.relative_error.shape == trainer.W.shape


# ------------------------------------------------------------- overflow and recovery


def test_an_overflowing_learning_rate_raises_and_keeps_the_last_good_weights():
    trainer = trained("blobs", RAW, steps=20)
    good = trainer.W.copy()
    trainer.set_config(replace(trainer.config, learning_rate=1e300))
    with pytest.raises(TrainingError) as caught:
        trainer.step(10)
    message = str(caught.value)
    assert "training stopped at step 21" in message and "learning rate 1e+300" in message
    assert "weights of step 20 are kept" in message and caught.value.context == "LabTraining"
    np.testing.assert_array_equal(trainer.W, good)
    assert trainer.step_count == 20 and trainer.history[-1].step == 20
    assert all(math.isfinite(s.train_loss) for s in trainer.history)
    # Lower the rate and training goes on from there.
    trainer.set_config(replace(trainer.config, learning_rate=0.5))
    assert math.isfinite(trainer.step(10).train_loss) and trainer.step_count == 30


def test_overflow_without_regularisation_is_caught_too():
    trainer = trained("blobs", RAW, TrainConfig(reg=0.0, learning_rate=1e300), steps=0)
    with pytest.raises(TrainingError, match="at step 1: the weights grew beyond ±1e\\+100"):
        trainer.step(200)
    assert trainer.step_count == 0
    assert np.all(np.isfinite(trainer.W))
    assert math.isfinite(trainer.snapshot().train_loss)
    assert trainer.history[-1].step == trainer.step_count


# ----------------------------------------------------------------- reproducibility


def run(trainer, calls=(7, 93, 100)):
    for count in calls:
        trainer.step(count)
    return trainer.history


def test_reset_replays_the_same_run_exactly():
    dataset = make_dataset("blobs", classes=4, points=200, seed=2)
    config = TrainConfig(batch_size=16, seed=11)
    trainer = Trainer(dataset, FeatureConfig(sines=True, fourier=8), config)
    first = run(trainer)
    trainer.reset()
    assert trainer.step_count == 0 and len(trainer.history) == 1
    second = run(trainer, calls=(200,))
    assert first == second
    assert first[-1].step == 200
    assert run(Trainer(dataset, FeatureConfig(sines=True, fourier=8), config)) == first


def test_randomise_draws_a_new_seed_and_is_itself_reproducible():
    dataset = make_dataset("blobs", points=100)
    trainer = Trainer(dataset, RAW, TrainConfig())
    initial = trainer.W.copy()
    seed = trainer.randomise()
    assert seed != 0 and trainer.config.seed == seed
    assert not np.array_equal(trainer.W, initial)
    assert trainer.randomise(5) == 5
    np.testing.assert_array_equal(trainer.W, Trainer(dataset, RAW, TrainConfig(seed=5)).W)
    assert trainer.W[-1].tolist() == [0.0, 0.0, 0.0]  # the bias starts at zero


def test_restore_goes_back_and_training_on_retraces_the_run_without_momentum():
    config = TrainConfig(momentum=0.0, batch_size=8)
    trainer = Trainer(make_dataset("rings", points=100), SQUARES, config)
    original = run(trainer)
    trainer.restore(50)
    assert trainer.step_count == 50 and len(trainer.history) == 51
    np.testing.assert_array_equal(trainer.W, original[50].W)
    trainer.step(150)
    assert trainer.history == original
    with pytest.raises(IndexError):
        trainer.restore(10_000)


def test_the_weights_are_read_only_and_never_change_under_a_reference():
    trainer = Trainer(make_dataset("blobs", points=50), RAW, TrainConfig())
    weights = trainer.W
    before = weights.copy()
    with pytest.raises(ValueError, match="read-only"):
        weights[0, 0] = 1.0
    trainer.step(5)
    np.testing.assert_array_equal(weights, before)
    assert trainer.W.shape == (3, 3)


# -------------------------------------------------------------------- the edits


def test_set_weights_validates_and_a_drag_is_one_history_entry():
    trainer = trained("blobs", RAW, steps=10, points=60)
    length = len(trainer.history)
    for shift in np.linspace(0, 1, 20):  # a drag: many edits at one step
        W = np.array(trainer.W)
        W[0, 0] = shift
        trainer.set_weights(W)
    assert len(trainer.history) == length + 1
    assert trainer.history[-1].W[0, 0] == 1.0 and trainer.history[-1].step == 10
    assert trainer.snapshot() == trainer.history[-1]
    with pytest.raises(LabDataError, match=r"shape \(3, 3\)"):
        trainer.set_weights(np.zeros((2, 3)))
    with pytest.raises(LabDataError, match="finite"):
        trainer.set_weights(np.full((3, 3), np.nan))


def test_set_dataset_keeps_the_weights_unless_the_classes_change():
    trainer = trained("blobs", RAW, steps=30, points=100)
    weights = trainer.W.copy()
    trainer.set_dataset(trainer.dataset.with_point((0.1, 0.1), 2))
    np.testing.assert_array_equal(trainer.W, weights)
    assert trainer.step_count == 30 and len(trainer.is_validation) == 101
    assert np.count_nonzero(trainer.is_validation) == 20
    trainer.set_dataset(make_dataset("blobs", classes=4, points=100))
    assert trainer.W.shape == (3, 4) and trainer.step_count == 0


def test_few_points_have_no_validation_split_and_no_points_train_the_penalty_only():
    trainer = Trainer(empty_dataset(3), RAW, TrainConfig(reg=0.1))
    snapshot = trainer.step(5)
    assert math.isnan(snapshot.train_loss) and math.isnan(snapshot.val_accuracy)
    assert math.isfinite(snapshot.train_reg_loss)
    data = empty_dataset(3)
    for index, point in enumerate([(0.5, 0.0), (-0.5, 0.3), (0.0, -0.6), (0.4, 0.4)]):
        data = data.with_point(point, index % 3)
    trainer.set_dataset(data)
    snapshot = trainer.step(50)
    assert not trainer.is_validation.any() and math.isnan(snapshot.val_loss)
    assert snapshot.train_accuracy == 1.0


def test_set_features_resets_and_set_config_keeps_the_weights():
    trainer = trained("blobs", RAW, steps=10, points=60)
    weights = trainer.W.copy()
    trainer.set_config(replace(trainer.config, learning_rate=0.1, momentum=0.5, batch_size=4))
    np.testing.assert_array_equal(trainer.W, weights)
    trainer.set_config(replace(trainer.config, loss="svm", reg=0.5, reg_convention="full"))
    np.testing.assert_array_equal(trainer.W, weights)
    assert trainer.snapshot().train_reg_loss == pytest.approx(0.5 * np.sum(weights**2))
    trainer.set_config(replace(trainer.config, seed=3))
    assert trainer.step_count == 0
    trainer.set_features(FeatureConfig(squares=True, fourier=4))
    assert trainer.W.shape == (10, 3) and trainer.step_count == 0


def test_the_history_thins_but_keeps_the_first_and_the_newest():
    trainer = Trainer(make_dataset("blobs", points=20), RAW, TrainConfig(batch_size=64))
    trainer.step(HISTORY_LIMIT - 1)
    assert len(trainer.history) == HISTORY_LIMIT  # every step so far
    trainer.step(3001)
    history = trainer.history
    steps = [snapshot.step for snapshot in history]
    assert len(history) <= HISTORY_LIMIT and steps[0] == 0 and steps[-1] == 8000
    assert steps == sorted(steps) and len(set(steps)) == len(steps)
    assert all(step % 2 == 0 for step in steps)  # thinned to every second step
    trainer.step(1)  # an odd newest step is kept, and replaced by the next one
    assert trainer.history[-1].step == 8001
    trainer.step(2)
    assert [s.step for s in trainer.history[-2:]] == [8002, 8003]


# -------------------------------------------------------------------- the views


@pytest.mark.parametrize(
    "features",
    [RAW, FeatureConfig(squares=True, sines=True, fourier=64), FeatureConfig(raw=False, fourier=5)],
)
def test_region_grid_is_the_argmax_and_top_probability_at_every_pixel(features):
    trainer = trained("blobs", features, steps=300, classes=5, points=200)
    bounds = (-1.5, 1.3, -0.9, 1.9)
    classes, confidence = region_grid(trainer, bounds, resolution=64)
    xs, ys = grid_axes(bounds, 64)
    X, Y = np.meshgrid(xs, ys)  # row = y, column = x
    probabilities = trainer.probabilities(np.column_stack([X.ravel(), Y.ravel()]))
    np.testing.assert_array_equal(classes, probabilities.argmax(axis=1).reshape(64, 64))
    np.testing.assert_allclose(confidence, probabilities.max(axis=1).reshape(64, 64), rtol=1e-12)
    assert classes.dtype == np.int64 and confidence.shape == (64, 64)
    assert len(set(classes.ravel().tolist())) >= 4


def test_region_grid_rows_go_up_in_y():
    trainer = Trainer(make_dataset("blobs", classes=2, points=10), RAW, TrainConfig())
    trainer.set_weights([[0.0, 0.0], [-1.0, 1.0], [0.0, 0.0]])  # class 1 where y > 0
    classes, confidence = region_grid(trainer, (-1.0, 1.0, -1.0, 1.0), resolution=8)
    assert np.all(classes[:4] == 0) and np.all(classes[4:] == 1)
    assert confidence[0, 0] == pytest.approx(1 / (1 + math.exp(-2 * 0.875)))


def test_class_lines_are_the_raw_weights_and_bias():
    trainer = trained("blobs", SQUARES, steps=20)
    lines = class_lines(trainer)
    for k, (w, b) in enumerate(lines):
        np.testing.assert_array_equal(w, trainer.W[0:2, k])
        assert b == trainer.W[-1, k]
    no_raw = Trainer(trainer.dataset, FeatureConfig(raw=False, squares=True), TrainConfig())
    assert class_lines(no_raw) == [None, None, None]


@pytest.mark.parametrize("loss", ["softmax", "svm"])
def test_point_details_give_scores_probabilities_and_the_loss(loss):
    trainer = trained("blobs", RAW, TrainConfig(loss=loss), steps=30, points=60)
    details = trainer.point_details([0, 59])
    assert [d["index"] for d in details] == [0, 59]
    for row in details:
        index = row["index"]
        assert row["label"] == trainer.dataset.labels[index]
        assert row["point"] == tuple(trainer.dataset.points[index])
        scores = trainer.scores(trainer.dataset.points[index][None])[0]
        np.testing.assert_allclose(row["scores"], scores)
        p = np.exp(scores - scores.max())
        p /= p.sum()
        np.testing.assert_allclose(row["probabilities"], p, rtol=1e-12)
        assert row["predicted"] == int(np.argmax(scores))
        assert row["correct"] == (row["predicted"] == row["label"])
        y = row["label"]
        if loss == "softmax":
            assert row["loss"] == pytest.approx(-math.log(p[y]), rel=1e-10)
        else:
            margins = np.maximum(0.0, scores - scores[y] + 1.0)
            assert row["loss"] == pytest.approx(float(np.sum(margins) - 1.0), abs=1e-12)
    with pytest.raises(IndexError):
        trainer.point_details([60])


def test_settings_are_validated_with_messages():
    for arguments, match in [
        ({"loss": "hinge"}, "unknown loss 'hinge'"),
        ({"reg_convention": "double"}, "unknown regularisation convention"),
        ({"reg": -1.0}, "regularisation"),
        ({"learning_rate": 0.0}, "learning rate"),
        ({"learning_rate": math.inf}, "learning rate"),
        ({"batch_size": 0}, "batch size"),
        ({"momentum": 1.0}, "momentum"),
        ({"validation_fraction": 0.95}, "validation fraction"),
    ]:
        with pytest.raises(LabDataError, match=match):
            TrainConfig(**arguments)


# ------------------------------------------------------------------ large datasets


def count_snapshots(trainer, monkeypatch):
    calls = []
    original = Trainer._metrics

    def counting(self):
        calls.append(self.step_count)
        return original(self)

    monkeypatch.setattr(Trainer, "_metrics", counting)
    return calls


def test_many_points_do_not_score_every_point_at_every_step(monkeypatch):
    # A snapshot scores every point: with 100,000 points and a batch of 64, taking one at
    # every step made each step ~20 times dearer (1,000 steps a frame: a frozen window).
    trainer = Trainer(
        make_dataset("blobs", classes=5, points=100_000, seed=3), RAW, TrainConfig(batch_size=64)
    )
    calls = count_snapshots(trainer, monkeypatch)
    trainer.step(256)
    assert len(calls) <= 256 // 16 + 1
    history = trainer.history
    assert history[-1].step == 256 and history[-1] == trainer.snapshot()
    assert all(s.step % 16 == 0 for s in history)
    # The usual sizes keep a snapshot of every step.
    small = Trainer(make_dataset("blobs", classes=5, points=1000), RAW, TrainConfig())
    small.step(50)
    assert [s.step for s in small.history] == list(range(51))


def test_importing_many_points_widens_the_stride_and_a_reset_narrows_it(monkeypatch):
    trainer = trained("blobs", RAW, steps=10, points=100, classes=5)
    trainer.set_dataset(make_dataset("blobs", classes=5, points=100_000, seed=3))
    calls = count_snapshots(trainer, monkeypatch)
    trainer.step(64)
    assert len(calls) <= 64 // 16 + 1
    trainer.set_dataset(make_dataset("blobs", classes=5, points=100, seed=3))
    trainer.reset()
    trainer.step(5)
    assert [s.step for s in trainer.history] == list(range(6))


def test_weights_past_the_limit_between_snapshots_stop_training():
    trainer = Trainer(
        make_dataset("blobs", classes=3, points=100_000, seed=3),
        RAW,
        TrainConfig(batch_size=8, reg=0.0, learning_rate=1e300),
    )
    assert trainer._stride > 1
    with pytest.raises(TrainingError, match=r"the weights grew beyond ±1e\+100"):
        trainer.step(100)
    assert trainer.step_count == 0 and np.max(np.abs(trainer.W)) < 1
    assert trainer.history[-1].step == 0


def test_set_weights_refuses_weights_beyond_the_training_limit():
    trainer = trained("blobs", RAW, steps=1, points=30)
    with pytest.raises(LabDataError, match=r"within ±1e\+100"):
        trainer.set_weights(np.full((3, 3), 1e101))
    trainer.set_weights(np.full((3, 3), 1e100))
    assert math.isfinite(trainer.snapshot().train_loss)
