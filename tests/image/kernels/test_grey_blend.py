"""grey_blend reproduces Pillow's blend of an image with its grey plane (ImageEnhance.Color) byte for byte: on every
(L, c) pair, for every class of factor, on the fast split form and on the float fallback, on odd shapes and flat
images."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from multiaug.image.kernels import grey_blend as gb
from multiaug.image.kernels.luma import luma_plane

RNG = np.random.default_rng(2026)
# 0, tiny, < 1 (binary and decimal fractions), 1, > 1, large; plus seeded random ones
FACTORS = [0.0, 1e-6, 0.1, 1 / 3, 0.5, 0.7, 0.9999999, 1.0, 1.0000001, 1.2, 1.3, 1.5, 2.0, 3.14159, 10.0, 1e6]
FACTORS += RNG.uniform(0.0, 1.0, 12).tolist() + RNG.uniform(1.0, 3.0, 12).tolist()

_L, _C = np.meshgrid(np.arange(256, dtype=np.uint8), np.arange(256, dtype=np.uint8), indexing="ij")
PAIRS_GREY = np.ascontiguousarray(_L)  # every (L, c) pair: row = grey level, column = colour value
PAIRS_RGB = np.ascontiguousarray(np.stack([_C, 255 - _C, _C], axis=-1))


def _pillow_pairs(factor: float) -> np.ndarray:
    """Pillow's own blend of the two L images (degenerate first, as ImageEnhance does)."""
    return np.asarray(Image.blend(Image.fromarray(PAIRS_GREY), Image.fromarray(_C), factor))


@pytest.mark.parametrize("factor", FACTORS)
def test_every_pair_equals_pillows_blend(factor):
    want = _pillow_pairs(factor)
    assert np.array_equal(gb.blend_table(factor), want)
    got = gb.grey_blend(PAIRS_RGB, PAIRS_GREY, factor)
    assert np.array_equal(got[..., 0], want) and np.array_equal(got[..., 2], want)
    assert np.array_equal(got[..., 1], _pillow_pairs_of(255 - _C, factor))
    fallback = gb.float_blend(PAIRS_RGB.reshape(256, -1), np.repeat(PAIRS_GREY, 3, axis=1), factor)
    assert np.array_equal(fallback.reshape(256, 256, 3), got)


def _pillow_pairs_of(colour: np.ndarray, factor: float) -> np.ndarray:
    return np.asarray(Image.blend(Image.fromarray(PAIRS_GREY), Image.fromarray(np.ascontiguousarray(colour)), factor))


def test_split_form_is_used_for_most_factors_and_refused_where_it_does_not_hold():
    # the fast form is the common case; a factor whose rounding pattern it cannot express gets None (float path)
    assert gb.split_tables(1.5) is not None and gb.split_tables(0.6) is not None
    refused = [f for f in FACTORS if gb.split_tables(f) is None]
    assert len(refused) < len(FACTORS) // 4
    for f in refused:  # the float path still gives Pillow's bytes
        assert np.array_equal(gb.grey_blend(PAIRS_RGB, PAIRS_GREY, f)[..., 0], _pillow_pairs(f))
    up, up_from, down, down_from = gb.split_tables(0.6)
    assert not up.flags.writeable and up.dtype == np.uint8 and up.shape == (256,)
    # 0.6 is not a binary fraction: some float32 sums L + 0.6·(c − L) round up to the next integer (c < L side)
    assert down_from.min() < 255 and up_from.min() == 255
    assert gb.split_tables(0.9999999)[1].min() < 255  # and on the c ≥ L side


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (129, 7), (300, 41), (257, 256)])
@pytest.mark.parametrize("factor", [0.0, 0.45, 1.3, 1.7, 25.0])
def test_images_equal_image_enhance_color(shape, factor):
    rgb = RNG.integers(0, 256, shape + (3,), dtype=np.uint8)
    before = rgb.copy()
    got = gb.grey_blend(rgb, luma_plane(rgb), factor)
    assert np.array_equal(got, np.asarray(ImageEnhance.Color(Image.fromarray(rgb)).enhance(factor)))
    assert np.array_equal(rgb, before)


@pytest.mark.parametrize("value", [(0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 255, 255), (17, 200, 90)])
@pytest.mark.parametrize("factor", [0.0, 0.3, 2.0, 1e3])
def test_flat_images_equal_image_enhance_color(value, factor):
    rgb = np.empty((9, 13, 3), np.uint8)
    rgb[...] = value
    want = np.asarray(ImageEnhance.Color(Image.fromarray(rgb)).enhance(factor))
    assert np.array_equal(gb.grey_blend(rgb, luma_plane(rgb), factor), want)


def test_empty_image():
    assert gb.grey_blend(np.zeros((0, 4, 3), np.uint8), np.zeros((0, 4), np.uint8), 1.5).shape == (0, 4, 3)
