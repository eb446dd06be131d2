"""Keras ImageDataGenerator geometry: the arguments mean the geometry they imply."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from multiaug.image.kernels import affine


def _dot(w=41, h=31, x=25, y=10):
    img = np.zeros((h, w), dtype=np.uint8)
    img[y, x] = 255
    return img


def _where(img):
    ys, xs = np.nonzero(img == img.max())
    return float(xs.mean()), float(ys.mean())


def test_shift_in_pixels_moves_content_by_minus_t():
    img = _dot()
    out = affine.warp_affine(img, affine.keras_inverse_matrix(41, 31, tx=5, ty=-3), "constant", 0, order=0)
    assert _where(out) == (20.0, 13.0)


@pytest.mark.parametrize("zx,zy", [(2.0, 1.0), (1.0, 0.5), (0.5, 2.0)])
def test_zoom_pair_scales_distance_to_centre_by_inverse(zx, zy):
    w, h = 41, 31  # centre (20, 15)
    img = _dot(w, h, 28, 19)  # offset (8, 4) from the centre
    out = affine.warp_affine(img, affine.keras_inverse_matrix(w, h, zx=zx, zy=zy), "constant", 0, order=0)
    x, y = _where(out)
    assert x == pytest.approx(20 + 8 / zx, abs=0.51) and y == pytest.approx(15 + 4 / zy, abs=0.51)


def test_positive_rotation_turns_content_counter_clockwise():
    img = _dot(41, 41, 30, 20)  # right of the centre (20, 20)
    out = affine.warp_affine(img, affine.keras_inverse_matrix(41, 41, theta=90), "constant", 0, order=0)
    assert _where(out) == (20.0, 10.0)  # now above the centre


@pytest.mark.parametrize("mode,np_mode", [("nearest", "edge"), ("reflect", "symmetric"), ("wrap", "wrap"),
                                          ("constant", "constant")])
def test_fill_modes_match_their_pattern(mode, np_mode):
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(12, 16, 3), dtype=np.uint8)
    shift = 5
    out = affine.warp_affine(img, affine.keras_inverse_matrix(16, 12, tx=-shift), mode, cval=7, order=0)
    kw = {"constant_values": 7} if np_mode == "constant" else {}
    padded = np.pad(img, ((0, 0), (shift, 0), (0, 0)), mode=np_mode, **kw)
    assert np.array_equal(out, padded[:, :16])


@pytest.mark.parametrize("mode,scipy_mode", [("nearest", "nearest"), ("reflect", "reflect"), ("constant", "grid-constant"),
                                             ("wrap", "grid-wrap")])
def test_full_transform_matches_scipy_reference(mode, scipy_mode):
    """The documented Keras transform, computed by scipy.ndimage in (row, col) coordinates (interior pixels)."""
    rng = np.random.default_rng(1)
    img = ndimage.gaussian_filter(rng.random((40, 56)) * 255, 2).astype(np.uint8)
    m = affine.keras_inverse_matrix(56, 40, theta=17, tx=4.5, ty=-2, shear=12, zx=0.9, zy=1.15)
    ours = affine.warp_affine(img, m, mode, cval=30, order=1).astype(int)
    perm = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 1]], dtype=float)
    rc = perm @ m @ perm
    ref = ndimage.affine_transform(img.astype(float), rc[:2, :2], rc[:2, 2], order=1, mode=scipy_mode, cval=30)
    diff = np.abs(ours - np.rint(ref))
    assert np.median(diff) <= 1 and np.mean(diff <= 2) > 0.97


def test_forward_matrix_moves_points_where_pixels_go():
    w, h = 60, 40
    img = _dot(w, h, 40, 12)
    kw = dict(theta=25, tx=3, ty=-4, shear=10, zx=0.8, zy=1.2)
    out = affine.warp_affine(img, affine.keras_inverse_matrix(w, h, **kw), "constant", 0, order=1)
    fwd = np.asarray(affine.keras_forward_matrix(w, h, **kw)).reshape(3, 3)
    px, py, _ = fwd @ np.array([40.5, 12.5, 1.0])
    wy, wx = ndimage.center_of_mass(out.astype(float))
    assert (wx + 0.5, wy + 0.5) == pytest.approx((px, py), abs=0.6)


def test_keras_transform_flip_is_applied_after_warp_and_matrix_agrees():
    w, h = 30, 20
    img = _dot(w, h, 5, 3)
    out = affine.apply_keras_transform(img[..., None].repeat(3, 2), flip_horizontal=True, flip_vertical=True)
    assert _where(out[..., 0]) == (24.0, 16.0)
    fwd = np.asarray(affine.keras_forward_matrix(w, h, flip_horizontal=True, flip_vertical=True)).reshape(3, 3)
    assert tuple(fwd @ np.array([5.5, 3.5, 1.0]))[:2] == pytest.approx((24.5, 16.5))


def test_channel_shift_clips_to_image_range():
    img = np.array([[[10, 50, 200]]], dtype=np.uint8).repeat(2, 0)
    out = affine.channel_shift(img, 30.0)
    assert out[0, 0].tolist() == [40, 80, 200]
    assert affine.channel_shift(img, -100.0)[0, 0].tolist() == [10, 10, 100]


def test_brightness_scale_is_image_enhance():
    from PIL import Image, ImageEnhance

    img = np.random.default_rng(2).integers(0, 256, (9, 11, 3), dtype=np.uint8)
    ref = np.asarray(ImageEnhance.Brightness(Image.fromarray(img)).enhance(1.37))
    assert np.abs(affine.brightness_scale(img, 1.37).astype(int) - ref).max() <= 1


def test_range_rules():
    assert affine.shift_is_fraction(0.2) and affine.shift_is_fraction([0.1, 0.5])
    assert not affine.shift_is_fraction(3) and not affine.shift_is_fraction([-5, 10])
    assert affine.shift_is_fraction((0.1, 0.9)) and affine.shift_is_fraction(np.array([0.3]))
    assert not affine.shift_is_fraction([]) and not affine.shift_is_fraction([0.5, 1]) and not affine.shift_is_fraction(1.0)
    assert affine.zoom_bounds(0.2) == (0.8, 1.2) and affine.zoom_bounds([0.5, 1.5]) == (0.5, 1.5)


def test_input_not_modified():
    img = np.random.default_rng(3).integers(0, 256, (10, 12, 3), dtype=np.uint8)
    before = img.copy()
    affine.apply_keras_transform(img, theta=10, channel_shift_intensity=20, brightness=1.2)
    assert np.array_equal(img, before)


def test_crop_matrix_maps_the_crop_onto_the_output():
    m = np.asarray(affine.crop_matrix((10, 20, 50, 40), 80, 10)).reshape(3, 3)
    corners = np.array([[10, 20, 1], [50, 40, 1]], float).T
    assert np.allclose((m @ corners)[:2].T, [[0, 0], [80, 10]])
