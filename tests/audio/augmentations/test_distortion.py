"""multiaug/audio/augmentations/distortion.py: Distortion declarations: dtype/channels, parameter checks."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import InvalidParameterError
from tests.contract import contract_tests

test_contract = contract_tests("audio", "distortion")


@pytest.mark.parametrize("fn,kw", [(A.clipping_distortion, {}), (A.tanh_distortion, {}), (A.bit_crush, {"bit_depth": 4}),
                                   (A.aliasing, {"target_sample_rate": 4000.0})])
@pytest.mark.parametrize("ch,dtype", [(1, np.float32), (2, np.float64)])
def test_shape_dtype_kept_and_changed(fn, kw, ch, dtype):
    x = (0.3 * np.random.default_rng(0).standard_normal((ch, 8000) if ch > 1 else 8000)).astype(dtype)
    y, sr = fn(x, 16000, **kw)
    assert y.dtype == dtype and y.shape == x.shape and sr == 16000
    assert not np.array_equal(y, x)


def test_bad_arguments():
    x = np.zeros(10, np.float32)
    for fn, kw in [(A.bit_crush, {"bit_depth": 0}), (A.tanh_distortion, {"distortion_amount": 2.0}),
                   (A.clipping_distortion, {"percentile_threshold": -1.0})]:
        with pytest.raises(InvalidParameterError):
            fn(x, 16000, **kw)
