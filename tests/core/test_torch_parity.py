"""Live parity with PyTorch on a handful of random cases; skipped where torch is missing.

The stored references (``reference.py``, compared by ``test_matches_reference`` in the test
file of each module) cover the adversarial cases; this checks the same semantics against
whatever PyTorch is installed, on well-conditioned inputs (logits of size ~3) where float64
PyTorch is itself accurate to ~1e-15.
"""

from __future__ import annotations

import numpy as np
import pytest

import explorer.core as core

torch = pytest.importorskip("torch")
F = torch.nn.functional

SEEDS = range(5)
TOLERANCE = {
    np.float64: {"rtol": 1e-10, "atol": 1e-12},
    np.float32: {"rtol": 1e-5, "atol": 1e-6},
}
DTYPES = [pytest.param(np.float64, id="f64"), pytest.param(np.float32, id="f32")]


def _tensor(array, grad=False):
    return torch.from_numpy(np.array(array)).requires_grad_(grad)


def _close(actual, expected, dtype):
    actual = np.asarray(actual)
    if isinstance(expected, torch.Tensor):
        expected = expected.detach().numpy()
    assert actual.dtype == dtype
    np.testing.assert_allclose(actual, expected, **TOLERANCE[dtype])


def _random_case(seed, dtype, n=5, c=4):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 3.0, size=(n, c)).astype(dtype)
    labels = rng.integers(0, c, size=n)
    labels[seed % n] = -100
    probs = rng.dirichlet(np.ones(c), size=n).astype(dtype)
    weight = rng.uniform(0.2, 3.0, size=c).astype(dtype)
    return rng, logits, labels, probs, weight


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_family(seed, dtype):
    _, logits, *_ = _random_case(seed, dtype)
    z = _tensor(logits)
    _close(core.softmax(logits), F.softmax(z, dim=-1), dtype)
    _close(core.log_softmax(logits), F.log_softmax(z, dim=-1), dtype)
    _close(core.logsumexp(logits), torch.logsumexp(z, dim=-1), dtype)
    _close(core.softmax(logits, temperature=2.5), F.softmax(z / 2.5, dim=-1), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("seed", SEEDS)
def test_cross_entropy_and_grad(seed, reduction, dtype):
    _, logits, labels, probs, weight = _random_case(seed, dtype)
    for target, kwargs in (
        (labels, {}),
        (labels, {"weight": weight, "label_smoothing": 0.1}),
        (probs, {"weight": weight}),
        (probs, {"label_smoothing": 0.2}),
    ):
        z = _tensor(logits, grad=True)
        torch_kwargs = dict(kwargs)
        if "weight" in kwargs:
            torch_kwargs["weight"] = _tensor(kwargs["weight"])
        loss = F.cross_entropy(z, _tensor(target), reduction=reduction, **torch_kwargs)
        loss.sum().backward()
        _close(core.cross_entropy(logits, target, reduction=reduction, **kwargs), loss, dtype)
        _close(
            core.cross_entropy_grad(logits, target, reduction=reduction, **kwargs), z.grad, dtype
        )
        if target is labels:
            log_probs = core.log_softmax(logits)
            expected = F.nll_loss(
                _tensor(log_probs),
                _tensor(target),
                weight=torch_kwargs.get("weight"),
                reduction=reduction,
            )
            actual = core.nll_loss(
                log_probs, target, weight=kwargs.get("weight"), reduction=reduction
            )
            _close(actual, expected, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_binary_cross_entropy_with_logits_and_grad(seed, dtype):
    rng, logits, *_ = _random_case(seed, dtype)
    target = rng.uniform(size=logits.shape).astype(dtype)
    weight = rng.uniform(0.5, 2.0, size=logits.shape[-1]).astype(dtype)
    pos_weight = rng.uniform(0.5, 3.0, size=logits.shape[-1]).astype(dtype)
    x = _tensor(logits, grad=True)
    loss = F.binary_cross_entropy_with_logits(
        x, _tensor(target), weight=_tensor(weight), pos_weight=_tensor(pos_weight)
    )
    loss.backward()
    kwargs = {"weight": weight, "pos_weight": pos_weight}
    _close(core.binary_cross_entropy_with_logits(logits, target, **kwargs), loss, dtype)
    _close(core.binary_cross_entropy_with_logits_grad(logits, target, **kwargs), x.grad, dtype)
    probs = core.sigmoid(logits)
    _close(
        core.binary_cross_entropy(probs, target),
        F.binary_cross_entropy(_tensor(probs), _tensor(target)),
        dtype,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_distillation_loss_and_grad(seed, dtype):
    rng, student, *_ = _random_case(seed, dtype)
    teacher = rng.normal(0.0, 3.0, size=student.shape).astype(dtype)
    temperature = 2.0
    s = _tensor(student, grad=True)
    loss = temperature**2 * F.kl_div(
        F.log_softmax(s / temperature, dim=-1),
        F.softmax(_tensor(teacher) / temperature, dim=-1),
        reduction="batchmean",
    )
    loss.backward()
    _close(core.distillation_loss(student, teacher, temperature), loss, dtype)
    _close(core.distillation_loss_grad(student, teacher, temperature), s.grad, dtype)


@pytest.mark.parametrize("seed", SEEDS)
def test_linear_classifier(seed):
    rng = np.random.default_rng(seed)
    weights = rng.normal(scale=0.5, size=(3, 4))
    samples = rng.normal(size=(8, 3))
    labels = rng.integers(0, 4, size=8)
    reg = 0.1
    w = _tensor(weights, grad=True)
    loss = F.cross_entropy(_tensor(samples) @ w, _tensor(labels)) + 0.5 * reg * (w**2).sum()
    loss.backward()
    value, grad = core.softmax_loss_vectorized(weights, samples, labels, reg)
    np.testing.assert_allclose(value, loss.item(), **TOLERANCE[np.float64])
    _close(grad, w.grad, np.float64)
