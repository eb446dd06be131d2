from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageOps

from multiaug.image.kernels import histogram


def _img():
    rng = np.random.default_rng(0)
    return np.clip(rng.normal(100, 20, (50, 70, 3)), 0, 255).astype(np.uint8)


def test_equalize_is_pil_equalize():
    img = _img()
    assert np.array_equal(histogram.equalize(img), np.asarray(ImageOps.equalize(Image.fromarray(img))))
    grey = img[..., 0]
    assert np.array_equal(histogram.equalize(grey), np.asarray(ImageOps.equalize(Image.fromarray(grey))))


def test_equalize_flat_image_is_identity():
    flat = np.full((5, 5, 3), 9, np.uint8)
    assert np.array_equal(histogram.equalize(flat), flat)


def test_autocontrast_stretches_each_band():
    img = _img()
    out = histogram.autocontrast(img)
    for c in range(3):
        assert out[..., c].min() == 0 and out[..., c].max() == 255
    assert np.abs(out.astype(int) - np.asarray(ImageOps.autocontrast(Image.fromarray(img)))).max() <= 1


def test_alpha_is_kept():
    img = np.concatenate([_img(), np.full((50, 70, 1), 5, np.uint8)], -1)
    assert (histogram.equalize(img)[..., 3] == 5).all() and (histogram.clahe(img)[..., 3] == 5).all()


def test_clahe_raises_local_contrast_and_keeps_hue_roughly():
    img = _img()
    low = (img // 4 + 90).astype(np.uint8)
    out = histogram.clahe(low, clip_limit=4.0, tile_grid_size=(4, 4))
    assert out.std() > 1.5 * low.std()
    assert histogram.clahe(low[..., 0]).shape == (50, 70)


@pytest.mark.parametrize("shape", [(50, 70), (50, 70, 1), (50, 70, 2), (50, 70, 3), (50, 70, 4), (0, 3, 3)])
def test_band_histograms_count_every_colour_band(shape):
    img = np.random.default_rng(1).integers(0, 256, shape, dtype=np.uint8)
    bands = 1 if len(shape) == 2 else (shape[2] - 1 if shape[2] in (2, 4) else shape[2])
    hists = histogram.band_histograms(img[:, ::-1] if img.size else img)  # a strided view too
    assert len(hists) == bands
    for i, h in enumerate(hists):
        band = img if img.ndim == 2 else img[..., i]
        assert h.dtype == np.int64 and np.array_equal(h, np.bincount(band.ravel(), minlength=256))


def test_autocontrast_stretches_each_band_from_its_own_min_and_max():
    img = _img()
    img[..., 1] = np.clip(img[..., 1], 60, 140)
    out = histogram.autocontrast(img)
    for c in range(3):
        lo, hi = int(img[..., c].min()), int(img[..., c].max())
        assert np.array_equal(out[..., c], histogram.autocontrast_lut(lo, hi)[img[..., c]])
