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


def test_band_fill_maps_a_colour_to_the_image_bands():
    rgb, rgba = np.zeros((2, 2, 3), np.uint8), np.zeros((2, 2, 4), np.uint8)
    grey, la = np.zeros((2, 2), np.uint8), np.zeros((2, 2, 2), np.uint8)
    assert dropout.band_fill(rgb, (10, 20, 30)) == [10, 20, 30]
    assert dropout.band_fill(rgba, (10, 20, 30)) == [10, 20, 30, 255]
    assert dropout.band_fill(grey, (255, 0, 0)) == 76  # BT.601: 0.299 · 255
    assert dropout.band_fill(la, (0, 0, 255)) == [29, 255]
    assert dropout.band_fill(rgb, 7) == 7 and dropout.band_fill(rgb, "random") == "random"


def test_rects_area_equals_a_full_size_mask():
    """The edge-grid count equals the union's pixel count of a full H×W mask (rects clipped, empty or reversed ones
    ignored)."""
    rng = np.random.default_rng(0)
    for _ in range(300):
        w, h = int(rng.integers(1, 50)), int(rng.integers(1, 50))
        rects = [tuple(int(v) for v in rng.integers(-15, 65, 4)) for _ in range(int(rng.integers(0, 10)))]
        mask = np.zeros((h, w), bool)
        for x1, y1, x2, y2 in rects:
            mask[max(y1, 0):max(min(y2, h), 0), max(x1, 0):max(min(x2, w), 0)] = True
        assert dropout.rects_area(rects, w, h) == mask.sum() / mask.size
    assert dropout.rects_area([(0, 0, 5, 5)], 0, 10) == 0.0
