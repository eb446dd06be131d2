"""multiaug/audio/augmentations/dynamics.py: change_volume and normalize."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core.errors import InvalidParameterError
from tests.contract import contract_tests

test_contract = contract_tests("audio", "dynamics")


def sig(n=1000, seed=0, dtype=np.float32):
    return (0.3 * np.random.default_rng(seed).standard_normal(n)).astype(dtype)


def test_change_volume_keeps_dtype_and_does_not_clip():
    x = sig(dtype=np.float64)
    y, sr = A.change_volume(x, 8000, volume_db=20.0)
    assert y.dtype == np.float64 and sr == 8000
    assert np.allclose(y, x * 10.0)
    assert np.abs(y).max() > 1.0


@pytest.mark.parametrize("norm,check", [
    (np.inf, lambda y: np.abs(y).max()),
    (2.0, lambda y: np.sqrt(np.sum(y.astype(np.float64) ** 2))),
    (1.0, lambda y: np.sum(np.abs(y.astype(np.float64)))),
    (-np.inf, lambda y: np.abs(y).min()),
])
def test_normalize_norms(norm, check):
    y, _ = A.normalize(sig(), 8000, norm=norm)
    assert check(y) == pytest.approx(1.0, rel=1e-5)


def test_normalize_norm_none_is_identity_and_records_zero_intensity():
    x = sig()
    meta = []
    y, _ = A.normalize(x, 8000, norm=None, metadata=meta)
    assert np.array_equal(y, x) and y is not x
    assert meta[0]["intensity"] == 0.0


def test_normalize_silence_fill_rules():
    z = np.zeros(100, np.float32)
    assert np.array_equal(A.normalize(z, 8000)[0], z)
    assert np.array_equal(A.normalize(z, 8000, fill=False)[0], z)
    filled, _ = A.normalize(z, 8000, norm=2.0, fill=True)
    assert np.sqrt(np.sum(filled.astype(np.float64) ** 2)) == pytest.approx(1.0, rel=1e-5)
    with pytest.raises(InvalidParameterError, match="fill"):
        A.normalize(z, 8000, norm=0.0, fill=True)


def test_normalize_threshold_and_per_channel_silence():
    x = np.stack([sig(), np.zeros(1000, np.float32)])
    y, _ = A.normalize(x, 8000, axis=-1)
    assert np.abs(y[0]).max() == pytest.approx(1.0) and not y[1].any()
    quiet = sig() * 1e-3
    y2, _ = A.normalize(quiet, 8000, threshold=0.01, fill=False)
    assert not y2.any()


def test_normalize_rejects_bad_norm_and_axis():
    with pytest.raises(InvalidParameterError, match="norm"):
        A.normalize(sig(), 8000, norm=-2.0)
    with pytest.raises(InvalidParameterError, match="axis"):
        A.normalize(sig(), 8000, axis=2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_peak_normalize_uses_the_largest_magnitude_of_either_sign(dtype):
    x = np.stack([sig(seed=1, dtype=dtype), 0.5 * sig(seed=2, dtype=dtype)])
    x[1, 7] = -2.0  # the peak is negative and in the second channel
    y, _ = A.normalize(x, 8000)
    assert y.dtype == dtype and y[1, 7] == -1.0
    assert np.allclose(y, x / 2.0, rtol=1e-6, atol=0)
    per, _ = A.normalize(x, 8000, axis=1)
    assert per.dtype == dtype and per[1, 7] == -1.0
    assert np.allclose(per[0], x[0] / np.abs(x[0]).max(), rtol=1e-6, atol=0)
    assert x[1, 7] == -2.0  # input untouched
