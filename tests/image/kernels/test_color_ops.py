from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from multiaug.image.kernels import color_ops, policy_ops


def _img():
    return np.random.default_rng(0).integers(0, 256, (20, 30, 3), dtype=np.uint8)


def test_normalize_is_the_formula():
    img = _img()
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    out = color_ops.normalize(img, mean, std)
    ref = (img / 255.0 - np.array(mean)) / np.array(std)
    assert out.dtype == np.float32 and np.allclose(out, ref, atol=1e-5)
    assert np.allclose(color_ops.normalize(img.astype(np.uint16) * 257, mean, std, 65535.0), ref, atol=1e-4)
    with pytest.raises(ValueError):
        color_ops.normalize(img, mean, (1, 0, 1))


def test_to_chw():
    img = _img()
    out = color_ops.to_chw(img, scale=True)
    assert out.shape == (3, 20, 30) and out.flags.c_contiguous and out.dtype == np.float32
    assert out[1, 3, 4] == pytest.approx(img[3, 4, 1] / 255)
    assert color_ops.to_chw(img[..., 0]).shape == (1, 20, 30)


def test_hue_rotation():
    red = np.zeros((4, 4, 3), np.uint8)
    red[...] = (255, 0, 0)
    green = color_ops.hue_shift(red, 1 / 3)
    assert green[0, 0, 1] > 240 and green[0, 0, 0] < 15
    img = _img()
    back = color_ops.hue_shift(color_ops.hue_shift(img, 0.25), -0.25)
    assert np.abs(back.astype(int) - img).mean() < 3


def test_jitter_identity_and_order_matters():
    img = _img()
    same = color_ops.color_jitter(img)
    assert np.array_equal(same, img) and same is not img
    a = color_ops.color_jitter(img, 1.5, 0.5, order=("brightness", "contrast", "saturation", "hue"))
    b = color_ops.color_jitter(img, 1.5, 0.5, order=("contrast", "brightness", "saturation", "hue"))
    assert not np.array_equal(a, b)


def test_hue_shift_rotates_the_8bit_hue_channel():
    img = np.random.default_rng(2).integers(0, 256, (40, 30, 3), dtype=np.uint8)
    before = img.copy()
    for shift in (0.1, -0.3, 0.5):
        hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV_FULL)
        hsv[..., 0] = ((hsv[..., 0].astype(int) + int(round(shift * 256))) % 256).astype(np.uint8)
        assert np.array_equal(color_ops.hue_shift(img, shift), cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB_FULL))
    assert np.array_equal(img, before)


@pytest.mark.parametrize("shape", [(29, 41, 3), (13, 17, 4), (9, 11)])
def test_normalize_uint8_is_the_float64_formula_rounded_once(shape):
    img = np.random.default_rng(3).integers(0, 256, shape, dtype=np.uint8)
    c = 1 if img.ndim == 2 else shape[2]
    mean, std = (0.485, 0.456, 0.406, 0.5)[:c], (0.229, 0.224, 0.225, 0.3)[:c]
    want = ((img.reshape(shape[:2] + (c,)) / 255.0 - np.array(mean)) / np.array(std)).astype(np.float32)
    assert np.array_equal(color_ops.normalize(img, mean, std).reshape(want.shape), want)


def _steps(image, factors, order):
    """color_jitter as one new array per step (the reference of the in-place chain)."""
    out = image
    for op in order:
        if op == "brightness" and factors[0] != 1.0:
            out = policy_ops.brightness(out, factors[0])
        elif op == "contrast" and factors[1] != 1.0:
            out = policy_ops.contrast(out, factors[1])
        elif op == "saturation" and factors[2] != 1.0:
            out = policy_ops.color(out, factors[2])
        elif op == "hue" and factors[3] != 0.0:
            out = color_ops.hue_shift(out, factors[3])
    return out


@pytest.mark.parametrize("shape", [(37, 53, 3), (16, 16, 3), (300, 259, 3), (21, 22, 4), (19, 23)])
def test_jitter_in_place_chain_equals_one_array_per_step(shape):
    """RGB jitter writes one array and changes it in place; every order gives the step-by-step values, and the input
    (also a non-contiguous view) is never written."""
    rng = np.random.default_rng(4)
    base = rng.integers(0, 256, (shape[0], shape[1] * 2) + shape[2:], dtype=np.uint8)
    for img in (np.ascontiguousarray(base[:, : shape[1]]), base[:, ::2]):
        before = img.copy()
        for order in itertools.permutations(color_ops.JITTER_OPS):
            factors = (float(rng.uniform(0.5, 1.5)), float(rng.uniform(0.5, 1.5)), float(rng.uniform(0, 2)),
                       float(rng.uniform(-0.5, 0.5)))
            out = color_ops.color_jitter(img, *factors, order=order)
            assert np.array_equal(out, _steps(img, factors, order)) and not np.shares_memory(out, img)
            partial = (1.0, factors[1], 1.0, factors[3])
            assert np.array_equal(color_ops.color_jitter(img, *partial, order=order), _steps(img, partial, order))
        assert np.array_equal(img, before)


@pytest.mark.parametrize("shape", [(1, 1, 3), (7, 37, 3), (256, 3, 3), (64, 64, 3)])
def test_color_and_hue_write_into_out_in_place(shape):
    """``out=`` (the image itself included) gives the values of a new array; the hue add covers the pixels that
    do not fill a whole pattern row."""
    img = np.random.default_rng(5).integers(0, 256, shape, dtype=np.uint8)
    for factor in (0.0, 0.6, 1.7):
        own = img.copy()
        assert policy_ops.color(own, factor, out=own) is not None
        assert np.array_equal(own, policy_ops.color(img, factor))
    for shift in (0.2, -0.45, 0.5):
        own = img.copy()
        res = color_ops.hue_shift(own, shift, out=own)
        assert np.shares_memory(res, own) and np.array_equal(own, color_ops.hue_shift(img, shift))
        hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV_FULL)
        hsv[..., 0] = ((hsv[..., 0].astype(int) + int(round(shift * 256))) % 256).astype(np.uint8)
        assert np.array_equal(own, cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB_FULL))


def test_normalize_table_is_cached_and_takes_numbers_sequences_and_arrays():
    img = np.random.default_rng(6).integers(0, 256, (7, 9, 3), dtype=np.uint8)
    ref = color_ops.normalize(img, (0.5, 0.5, 0.5), (0.25, 0.25, 0.25))
    for mean, std in ((0.5, 0.25), ([0.5] * 3, [0.25] * 3), (np.full(3, 0.5), np.full(3, 0.25))):
        assert np.array_equal(color_ops.normalize(img, mean, std), ref)
    t = color_ops.normalize_table((0.1, 0.2, 0.3), (0.4, 0.5, 0.6), 255.0, 3)
    assert t is color_ops.normalize_table([0.1, 0.2, 0.3], np.array([0.4, 0.5, 0.6]), 255, 3) and not t.flags.writeable
    with pytest.raises(ValueError):
        color_ops.normalize(img, (0.5, 0.5), (0.2, 0.2))
