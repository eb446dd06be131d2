from __future__ import annotations

import numpy as np
import pytest

from multiaug.image.kernels import dropout


def test_fill_rects_constant_per_band_and_random():
    img = np.full((10, 12, 3), 100, np.uint8)
    out = dropout.fill_rects(img, [(2, 3, 5, 6), (10, 8, 20, 20)], fill=(1, 2, 3))
    assert out[3:6, 2:5].reshape(-1, 3).tolist() == [[1, 2, 3]] * 9
    assert (out[8:, 10:] == [1, 2, 3]).all() and (img == 100).all()
    assert out[0, 0].tolist() == [100, 100, 100]
    a = dropout.fill_rects(img, [(0, 0, 6, 6)], "random", np.random.default_rng(1))
    b = dropout.fill_rects(img, [(0, 0, 6, 6)], "random", np.random.default_rng(1))
    assert np.array_equal(a, b) and a[:6, :6].std() > 30
    with pytest.raises(ValueError):
        dropout.fill_rects(img, [(0, 0, 2, 2)], "random")


def test_rects_area_counts_the_union():
    assert dropout.rects_area([(0, 0, 5, 10), (3, 0, 8, 10)], 10, 10) == pytest.approx(0.8)
