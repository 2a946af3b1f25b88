"""Feature maps: names, columns, the random Fourier features' formula and determinism."""

from __future__ import annotations

import math

import numpy as np
import pytest

from explorer.core.lab import (
    FeatureConfig,
    LabDataError,
    feature_matrix,
    feature_names,
    fourier_parameters,
)

POINTS = np.array([[0.5, -0.25], [-1.0, 0.75], [0.0, 0.0]])


def test_every_map_on_gives_the_formulas_in_order():
    config = FeatureConfig(raw=True, squares=True, sines=True, fourier=8, fourier_width=2.0)
    names = feature_names(config)
    features = feature_matrix(config, POINTS)
    assert features.shape == (3, 15) == (3, len(names)) == (3, config.dimension)
    x1, x2 = POINTS.T
    np.testing.assert_array_equal(features[:, 0:2], POINTS)
    np.testing.assert_allclose(features[:, 2:5], np.column_stack([x1**2, x2**2, x1 * x2]))
    np.testing.assert_allclose(
        features[:, 5:7], np.column_stack([np.sin(np.pi * x1), np.sin(np.pi * x2)])
    )
    omega, phase = fourier_parameters(config)
    expected = math.sqrt(2 / 8) * np.cos(POINTS @ omega + phase)
    np.testing.assert_allclose(features[:, 7:], expected, rtol=1e-13, atol=1e-15)
    assert names[:7] == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(pi*x1)", "sin(pi*x2)"]
    assert names[7:] == [f"rff{i}" for i in range(1, 9)]


def test_fourier_features_are_deterministic_per_seed_and_scale_with_width():
    config = FeatureConfig(raw=False, fourier=64, fourier_width=1.0, seed=3)
    first = feature_matrix(config, POINTS)
    assert np.array_equal(
        first, feature_matrix(FeatureConfig(raw=False, fourier=64, seed=3), POINTS)
    )
    assert not np.array_equal(
        first, feature_matrix(FeatureConfig(raw=False, fourier=64, seed=4), POINTS)
    )
    narrow, _ = fourier_parameters(FeatureConfig(fourier=512, fourier_width=1.0))
    wide, _ = fourier_parameters(FeatureConfig(fourier=512, fourier_width=4.0))
    np.testing.assert_allclose(wide, 4.0 * narrow)  # same draws, scaled: width is a scale
    assert np.std(narrow) == pytest.approx(math.pi, rel=0.1)
    with pytest.raises(ValueError, match="read-only"):
        narrow[0, 0] = 1.0


def test_fourier_features_approximate_the_gaussian_kernel():
    config = FeatureConfig(raw=False, fourier=512, fourier_width=0.5)
    a, b = np.array([[0.1, 0.2]]), np.array([[0.4, -0.1]])
    approx = float((feature_matrix(config, a) @ feature_matrix(config, b).T)[0, 0])
    exact = math.exp(-((math.pi * 0.5) ** 2) * float(np.sum((a - b) ** 2)) / 2)
    assert approx == pytest.approx(exact, abs=0.1)


def test_no_features_at_all_is_an_empty_matrix():
    config = FeatureConfig(raw=False)
    assert feature_names(config) == [] and feature_matrix(config, POINTS).shape == (3, 0)


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"fourier": 513}, "Fourier features must be a whole number from 0 to 512"),
        ({"fourier": -1}, "Fourier features"),
        ({"fourier": 2.0}, "Fourier features"),
        ({"fourier_width": 0.0}, "Fourier width"),
        ({"fourier_width": float("inf")}, "Fourier width"),
        ({"squares": 1}, "true or false"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_feature_settings_are_lab_data_errors(arguments, match):
    with pytest.raises(LabDataError, match=match):
        FeatureConfig(**arguments)


def test_points_must_be_pairs():
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        feature_matrix(FeatureConfig(), np.zeros((3, 3)))
