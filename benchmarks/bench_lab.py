"""Benchmark of the classifier lab's model (``explorer.core.lab``), issue 26's speed targets.

Measured, not asserted: it prints figures and ratios and exits 0 whatever they are (1 only
if a reference computation disagrees with ours, and then times nothing). Four parts:

1. **Training**: 1,000 blobs points, K = 5, every feature map on (raw, squares, sines, 64
   random Fourier features: D = 71, W is 72 x 5), batch 64, momentum, validation 20 %.
   ``Trainer.step`` in calls of 34 steps (what 2,000 steps/s needs per 60 Hz frame), with
   its per-step bookkeeping (the metrics of every training and validation point, for the
   history). Beside it, in alternating blocks of the same run, the same loop written with
   PyTorch on the CPU (float64, ``torch.optim.SGD`` with momentum and
   ``weight_decay = reg``, ``F.cross_entropy``, autograd, the same epoch-permutation
   batches): once with the same per-step metrics, once SGD alone. Target: 2,000 steps/s.
   The ratio is our time per step over PyTorch's (below 1: ours is faster).
2. **Regions**: ``region_grid`` at 256 x 256 (the argmax and top probability of every
   pixel) against evaluating the features at every pixel; and one frame's work,
   ``step(34)`` plus the grid. Target: the grid under 5 ms, the frame within 16 ms.
3. **The course's size**: ``softmax_loss_vectorized`` at N = 500, D = 3073, C = 10 against
   the course's vectorised reference (CS231n ``softmax.py``, written out below), checked
   to agree, timed one call each in turn over 200 rounds (medians). Target: ratio <= 1.0.

BLAS threads: every product in ``explorer.core.classifier`` and ``explorer.core.lab`` is
split into blocks small enough for OpenBLAS to run on the calling thread
(``matmul_one_thread``, ``transposed_product``): on the shared 2-core machine a product
that wakes a second BLAS thread waits for that thread's time slice whenever the other core
is busy (the course-size products then take 8-16 ms instead of 1-2 ms), and the course's
reference, written with plain ``X.dot(W)``, does wake it. Run part 3 both with the default
threads and with ``OPENBLAS_NUM_THREADS=1``.

PyTorch is optional: run with an environment that has it, e.g.
``/tmp/torchenv/bin/python benchmarks/bench_lab.py`` (this file puts the repository on
``sys.path``); without it the PyTorch lines say "torch not installed". PyTorch runs with
one thread (``torch.set_num_threads(1)``), as the lab's NumPy code does: on the shared
2-core machine extra threads only spin against other work.

Usage::

    python benchmarks/bench_lab.py [--quick] [--blocks N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py beside this

from common import load_average, report_timing  # noqa: E402

from explorer.core import softmax_loss_vectorized  # noqa: E402
from explorer.core.lab import (  # noqa: E402
    FeatureConfig,
    TrainConfig,
    Trainer,
    dataset_bounds,
    feature_matrix,
    grid_axes,
    make_dataset,
    region_grid,
)

POINTS, CLASSES, BATCH = 1000, 5, 64
FEATURES = FeatureConfig(raw=True, squares=True, sines=True, fourier=64, fourier_width=1.0)
CONFIG = TrainConfig(batch_size=BATCH)
STEPS_PER_FRAME = 34
TARGET_STEPS_PER_SECOND = 2000
TARGET_GRID_MS = 5.0
FRAME_MS = 1000 / 60


def per_call(function: Callable[[], object], calls: int) -> float:
    """Seconds per call of ``function`` over ``calls`` calls (garbage collector off)."""
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(calls):
            function()
        return (time.perf_counter() - start) / calls
    finally:
        gc.enable()


def alternate(functions: dict[str, tuple[Callable[[], object], int]], blocks: int) -> dict:
    """Median seconds per call of each function, timed in alternating blocks."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for function, calls in functions.values():
        per_call(function, max(1, calls // 4))  # warm-up
    for _ in range(blocks):
        for name, (function, calls) in functions.items():
            times[name].append(per_call(function, calls))
    return {name: statistics.median(values) for name, values in times.items()}


# ------------------------------------------------------------------------------ PyTorch


def torch_loop(trainer: Trainer, with_metrics: bool):
    """The trainer's loop in PyTorch, on the trainer's own feature matrices; or None."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    torch.set_num_threads(1)
    features, labels = trainer.training_arrays()
    everything = np.concatenate([trainer.dataset.points])
    all_features = np.column_stack([feature_matrix(FEATURES, everything), np.ones(len(everything))])
    X = torch.from_numpy(features)
    y = torch.from_numpy(labels)
    X_all = torch.from_numpy(all_features)
    y_all = torch.from_numpy(trainer.dataset.labels.astype(np.int64))
    train_mask = torch.from_numpy(~trainer.is_validation)
    W = torch.tensor(np.array(trainer.W), requires_grad=True)
    optimiser = torch.optim.SGD(
        [W], lr=CONFIG.learning_rate, momentum=CONFIG.momentum, weight_decay=CONFIG.reg
    )
    count = X.shape[0]
    per_epoch = count // BATCH
    generator = torch.Generator().manual_seed(0)
    state = {"step": 0, "X": X, "y": y}

    def step() -> None:
        position = state["step"] % per_epoch
        if position == 0:
            order = torch.randperm(count, generator=generator)
            state["X"], state["y"] = X[order], y[order]
        start = position * BATCH
        Xb, yb = state["X"][start : start + BATCH], state["y"][start : start + BATCH]
        optimiser.zero_grad(set_to_none=True)
        loss = F.cross_entropy(Xb @ W, yb)
        loss.backward()
        optimiser.step()
        state["step"] += 1
        if with_metrics:
            with torch.no_grad():
                scores = X_all @ W
                losses = F.cross_entropy(scores, y_all, reduction="none")
                hits = (scores.argmax(dim=1) == y_all).double()
                penalty = 0.5 * CONFIG.reg * float((W * W).sum())
                _ = (
                    float(losses[train_mask].mean()) + penalty,
                    float(hits[train_mask].mean()),
                    float(losses[~train_mask].mean()) + penalty,
                    float(hits[~train_mask].mean()),
                )

    def steps() -> None:
        for _ in range(STEPS_PER_FRAME):
            step()

    return steps, torch.__version__


# ---------------------------------------------------------------- the course's reference


def reference_softmax_loss_vectorized(W, X, y, reg):
    """CS231n's vectorised softmax loss (assignment 1, ``softmax.py``), the course's form."""
    num_train = X.shape[0]
    scores = X.dot(W)
    scores -= np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train
    loss += 0.5 * reg * np.sum(W * W)
    dscores = probs
    dscores[np.arange(num_train), y] -= 1
    dW = X.T.dot(dscores) / num_train
    dW += reg * W
    return loss, dW


def naive_grid(trainer: Trainer, bounds, resolution: int):
    """The regions by evaluating the features at every pixel (what region_grid avoids)."""
    xs, ys = grid_axes(bounds, resolution)
    X, Y = np.meshgrid(xs, ys)
    probabilities = trainer.probabilities(np.column_stack([X.ravel(), Y.ravel()]))
    shape = (resolution, resolution)
    return probabilities.argmax(axis=1).reshape(shape), probabilities.max(axis=1).reshape(shape)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer blocks")
    parser.add_argument("--blocks", type=int, default=7, help="alternating blocks per part")
    parser.add_argument(
        "--parts", type=int, nargs="+", default=[1, 2, 3], choices=[1, 2, 3], help="parts to run"
    )
    arguments = parser.parse_args()
    blocks = 3 if arguments.quick else arguments.blocks
    load_before = load_average()
    wall, cpu = time.perf_counter(), time.process_time()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(
        f"bench_lab: numpy {np.__version__}, OPENBLAS_NUM_THREADS={threads}; "
        f"1-minute load average {load_before}"
    )

    dataset = make_dataset("blobs", classes=CLASSES, points=POINTS, seed=0)
    trainer = Trainer(dataset, FEATURES, CONFIG)
    if 1 in arguments.parts:
        train_part(trainer, blocks)
    else:
        trainer.step(2000)
    if 2 in arguments.parts and regions_part(trainer, blocks):
        return 1
    if 3 in arguments.parts and course_part(60 if arguments.quick else 200):
        return 1
    print()
    report_timing(time.perf_counter() - wall, time.process_time() - cpu, load_before)
    return 0


def train_part(trainer: Trainer, blocks: int) -> None:
    """Part 1: the trainer's steps/s, and PyTorch's in the same run."""
    print(
        f"\n1. Training: N = {POINTS}, K = {CLASSES}, D = {FEATURES.dimension} features + bias, "
        f"batch {BATCH}, {STEPS_PER_FRAME} steps a call"
    )
    functions = {"ours": (lambda: trainer.step(STEPS_PER_FRAME), 30)}
    torch_metrics = torch_loop(trainer, with_metrics=True)
    torch_plain = torch_loop(trainer, with_metrics=False)
    if torch_metrics is not None and torch_plain is not None:
        functions["torch + metrics"] = (torch_metrics[0], 30)
        functions["torch SGD only"] = (torch_plain[0], 30)
    medians = alternate(functions, blocks)
    ours = medians["ours"] / STEPS_PER_FRAME
    verdict = "met" if 1 / ours >= TARGET_STEPS_PER_SECOND else "MISSED"
    print(
        f"   Trainer.step: {ours * 1e6:7.1f} us/step = {1 / ours:7.0f} steps/s "
        f"(target {TARGET_STEPS_PER_SECOND}: {verdict}); trained to step {trainer.step_count}, "
        f"accuracy {trainer.snapshot().train_accuracy:.3f}"
    )
    if torch_metrics is None:
        print("   PyTorch: torch not installed")
    else:
        print(f"   PyTorch {torch_metrics[1]} (1 thread), the same loop:")
        for name in ("torch + metrics", "torch SGD only"):
            theirs = medians[name] / STEPS_PER_FRAME
            print(
                f"   {name:16s} {theirs * 1e6:7.1f} us/step = {1 / theirs:7.0f} steps/s; "
                f"ours / theirs = {ours / theirs:.2f}x per step"
            )


def regions_part(trainer: Trainer, blocks: int) -> bool:
    """Part 2: region_grid, the per-pixel evaluation and a frame; True if they disagree."""
    bounds = dataset_bounds(trainer.dataset)
    fast = region_grid(trainer, bounds, 256)
    slow = naive_grid(trainer, bounds, 256)
    if not np.array_equal(fast[0], slow[0]) or not np.allclose(fast[1], slow[1], rtol=1e-10):
        print("region_grid DISAGREES with the per-pixel evaluation")
        return True
    medians = alternate(
        {
            "grid": (lambda: region_grid(trainer, bounds, 256), 20),
            "naive": (lambda: naive_grid(trainer, bounds, 256), 3),
            "frame": (
                lambda: (trainer.step(STEPS_PER_FRAME), region_grid(trainer, bounds, 256)),
                10,
            ),
        },
        blocks,
    )
    grid_ms, frame_ms = medians["grid"] * 1e3, medians["frame"] * 1e3
    print("\n2. Regions at 256 x 256 (argmax and top probability of every pixel):")
    print(
        f"   region_grid {grid_ms:.2f} ms (target {TARGET_GRID_MS:.0f} ms: "
        f"{'met' if grid_ms <= TARGET_GRID_MS else 'MISSED'}); features at every pixel "
        f"{medians['naive'] * 1e3:.1f} ms ({medians['naive'] / medians['grid']:.0f}x slower)"
    )
    print(
        f"   one frame, step({STEPS_PER_FRAME}) + region_grid: {frame_ms:.2f} ms of "
        f"{FRAME_MS:.1f} ms ({'met' if frame_ms <= FRAME_MS else 'MISSED'})"
    )

    return False


def course_part(rounds: int) -> bool:
    """Part 3: softmax_loss_vectorized against the course's; True if they disagree."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 3073))
    W = 0.0001 * rng.normal(size=(3073, 10))
    y = rng.integers(0, 10, 500)
    reg = 5e-6
    mine, theirs = (
        softmax_loss_vectorized(W, X, y, reg),
        reference_softmax_loss_vectorized(W, X, y, reg),
    )
    if not np.isclose(mine[0], theirs[0], rtol=1e-12) or not np.allclose(
        mine[1], theirs[1], rtol=1e-9, atol=1e-15
    ):
        print("softmax_loss_vectorized DISAGREES with the course's reference")
        return True
    # One call each in turn, many rounds: a drift in the machine's speed (and BLAS threads
    # spinning against other work) reaches both alike.
    medians = alternate(
        {
            "ours": (lambda: softmax_loss_vectorized(W, X, y, reg), 1),
            "reference": (lambda: reference_softmax_loss_vectorized(W, X, y, reg), 1),
        },
        rounds,
    )
    ratio = medians["ours"] / medians["reference"]
    print("\n3. softmax_loss_vectorized at the course's size (N = 500, D = 3073, C = 10):")
    print(
        f"   ours {medians['ours'] * 1e3:.2f} ms, the course's reference "
        f"{medians['reference'] * 1e3:.2f} ms: ratio {ratio:.2f}x "
        f"(target <= 1.0: {'met' if ratio <= 1.0 else 'MISSED'})"
    )
    return False


if __name__ == "__main__":
    sys.exit(main())
