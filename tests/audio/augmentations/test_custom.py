"""multiaug/audio/augmentations/custom.py: apply_lambda."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core.errors import InvalidParameterError, UnsupportedInputError
from tests.contract import contract_tests

test_contract = contract_tests("audio", "custom")


def test_default_is_identity_and_returns_a_copy():
    x = np.linspace(-1, 1, 100).astype(np.float32)
    y, sr = A.apply_lambda(x, 8000)
    assert np.array_equal(y, x) and y is not x and sr == 8000


def test_function_gets_a_copy_and_kwargs():
    x = np.ones(50, np.float32)

    def halve_in_place(a, sr, factor):
        a *= factor
        return a, sr

    y, _ = A.apply_lambda(x, 8000, aug_function=halve_in_place, factor=0.5)
    assert np.allclose(y, 0.5) and np.all(x == 1.0)


def test_bare_array_result_and_rate_change():
    x = np.ones(50, np.float32)
    y, sr = A.apply_lambda(x, 8000, aug_function=lambda a, sr: a[:10])
    assert y.shape == (10,) and sr == 8000
    _y2, sr2 = A.apply_lambda(x, 8000, aug_function=lambda a, sr: (a, 16000))
    assert sr2 == 16000


def test_bad_results_and_arguments_are_typed_errors():
    x = np.ones(50, np.float32)
    with pytest.raises(UnsupportedInputError):
        A.apply_lambda(x, 8000, aug_function=lambda a, sr: "nope")
    with pytest.raises(UnsupportedInputError, match="NaN"):
        A.apply_lambda(x, 8000, aug_function=lambda a, sr: (a * np.nan, sr))
    with pytest.raises(InvalidParameterError):
        A.apply_lambda(x, 8000, aug_function=lambda a, sr: (a, 0))
    with pytest.raises(InvalidParameterError, match="aug_function"):
        A.apply_lambda(x, 8000, aug_function=3)


def test_intensity_of_a_multiaug_function():
    meta = []
    A.apply_lambda(np.ones(50, np.float32), 8000, aug_function=A.change_volume, volume_db=55.0, metadata=meta)
    assert meta[0]["intensity"] == pytest.approx(50.0)
    meta2 = []
    A.apply_lambda(np.ones(50, np.float32), 8000, aug_function=lambda a, sr: (a, sr), metadata=meta2)
    assert meta2[0]["intensity"] == 100.0
