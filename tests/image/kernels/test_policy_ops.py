"""Policy op tables equal torchvision v2's (names, magnitudes at bins 0, mid, max) and ops do what they say.

Expected values are torchvision's formulas evaluated by hand (``_auto_augment.py``: RandAugment 31 bins,
TrivialAugmentWide 31 bins, AutoAugment and AugMix 10 bins) on a 331×221 image.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageEnhance, ImageOps

from multiaug.image.kernels import policy_ops as po

W, H = 331, 221

TV_RANDAUGMENT = ["Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color",
                  "Contrast", "Sharpness", "Posterize", "Solarize", "AutoContrast", "Equalize"]
TV_AUGMIX = ["ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Posterize", "Solarize", "AutoContrast",
             "Equalize", "Brightness", "Color", "Contrast", "Sharpness"]
SIGNED = {"ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast", "Sharpness"}

# op -> (bin 0, mid bin, last bin) for (space, bins, mid index)
EXPECTED = {
    ("rand", 31, 15): {
        "ShearX": (0.0, 0.15, 0.3), "ShearY": (0.0, 0.15, 0.3), "TranslateX": (0.0, 75.0, 150.0),
        "TranslateY": (0.0, 150 / 331 * 221 / 2, 150 / 331 * 221), "Rotate": (0.0, 15.0, 30.0),
        "Brightness": (0.0, 0.45, 0.9), "Color": (0.0, 0.45, 0.9), "Contrast": (0.0, 0.45, 0.9),
        "Sharpness": (0.0, 0.45, 0.9), "Posterize": (8, 6, 4), "Solarize": (1.0, 0.5, 0.0),
    },
    ("wide", 31, 15): {
        "ShearX": (0.0, 0.495, 0.99), "TranslateX": (0.0, 16.0, 32.0), "TranslateY": (0.0, 16.0, 32.0),
        "Rotate": (0.0, 67.5, 135.0), "Brightness": (0.0, 0.495, 0.99), "Posterize": (8, 5, 2),
        "Solarize": (1.0, 0.5, 0.0),
    },
    ("auto", 10, 4): {
        "ShearX": (0.0, 0.3 * 4 / 9, 0.3), "TranslateX": (0.0, 150 / 9 * 4, 150.0), "Rotate": (0.0, 40 / 3, 30.0),
        "Color": (0.0, 0.4, 0.9), "Posterize": (8, 6, 4), "Solarize": (1.0, 5 / 9, 0.0),
    },
    ("augmix", 10, 4): {
        "TranslateX": (0.0, 331 / 3 * 4 / 9, 331 / 3), "TranslateY": (0.0, 221 / 3 * 4 / 9, 221 / 3),
        "Rotate": (0.0, 40 / 3, 30.0), "Posterize": (4, 2, 0), "Brightness": (0.0, 0.4, 0.9),
    },
}
SPACES = {"rand": po.RANDAUGMENT_SPACE, "wide": po.TRIVIAL_AUGMENT_WIDE_SPACE, "auto": po.AUTOAUGMENT_SPACE,
          "augmix": po.AUGMIX_SPACE}


def test_op_names_and_signs_match_torchvision():
    assert list(po.RANDAUGMENT_SPACE) == TV_RANDAUGMENT
    assert list(po.TRIVIAL_AUGMENT_WIDE_SPACE) == TV_RANDAUGMENT
    assert list(po.AUTOAUGMENT_SPACE) == TV_RANDAUGMENT[1:] + ["Invert"]
    assert list(po.AUGMIX_SPACE) == TV_AUGMIX
    for space in SPACES.values():
        for name, (_, signed) in space.items():
            assert signed == (name in SIGNED), name


@pytest.mark.parametrize("key", list(EXPECTED))
def test_magnitudes_at_first_mid_last_bin(key):
    space_name, bins, mid = key
    for op, (b0, bm, bl) in EXPECTED[key].items():
        vals = po.magnitude_bins(SPACES[space_name][op][0], bins, W, H)
        assert len(vals) == bins
        assert (vals[0], vals[mid], vals[-1]) == pytest.approx((b0, bm, bl), rel=1e-6, abs=1e-9), op
    for op in ("AutoContrast", "Equalize"):
        assert po.magnitude_bins(SPACES[space_name][op][0], bins, W, H) is None


def test_autoaugment_policies_have_25_subpolicies_of_known_ops():
    for name, subs in po.AUTOAUGMENT_POLICIES.items():
        assert len(subs) == 25, name
        for sub in subs:
            assert len(sub) == 2
            for op, prob, mag in sub:
                assert op in po.AUTOAUGMENT_SPACE and 0.0 <= prob <= 1.0
                assert (mag is None) == (po.AUTOAUGMENT_SPACE[op][0] is None)
    assert po.AUTOAUGMENT_POLICIES["imagenet"][0] == (("Posterize", 0.4, 8), ("Rotate", 0.6, 9))
    assert po.AUTOAUGMENT_POLICIES["cifar10"][-1] == (("TranslateY", 0.7, 9), ("AutoContrast", 0.9, None))
    assert po.AUTOAUGMENT_POLICIES["svhn"][12] == (("Equalize", 0.9, None), ("TranslateY", 0.6, 6))


@pytest.fixture(scope="module")
def photo():
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:60, 0:80]
    base = np.stack([xx * 3, yy * 4, (xx + yy) * 2], -1) + rng.integers(-15, 16, (60, 80, 3))
    return np.clip(base, 0, 255).astype(np.uint8)


def test_shear_is_pil_affine_about_top_left(photo):
    """AutoAugment's original shear: PIL transform with (1, m, 0, 0, 1, 0), nearest."""
    for m in (0.27, -0.3):
        ref = np.asarray(Image.fromarray(photo).transform((80, 60), Image.Transform.AFFINE, (1, m, 0, 0, 1, 0),
                                                          Image.Resampling.NEAREST))
        out = po.apply_op(photo, "ShearX", m)
        assert np.mean(out != ref) < 0.01


def test_translate_and_rotate_geometry(photo):
    out = po.apply_op(photo, "TranslateX", 7.9)  # int(7.9) = 7 px to the right
    assert np.array_equal(out[:, 7:], photo[:, :-7]) and not out[:, :7].any()
    out = po.apply_op(photo, "TranslateY", -4.2)
    assert np.array_equal(out[:-4], photo[4:])
    ref = np.asarray(Image.fromarray(photo).rotate(30, Image.Resampling.NEAREST))
    assert np.mean(po.apply_op(photo, "Rotate", 30.0) != ref) < 0.02


def test_photometric_ops(photo):
    ref = np.asarray(ImageEnhance.Brightness(Image.fromarray(photo)).enhance(1.4))
    assert np.abs(po.apply_op(photo, "Brightness", 0.4).astype(int) - ref).max() <= 1
    assert np.array_equal(po.apply_op(photo, "Posterize", 3), photo & 0xE0)
    sol = po.apply_op(photo, "Solarize", 0.5)
    assert np.array_equal(sol, np.where(photo >= 127.5, 255 - photo, photo))
    assert np.array_equal(po.apply_op(photo, "Invert", 0.0), 255 - photo)
    assert np.array_equal(po.apply_op(photo, "Equalize", 0.0), np.asarray(ImageOps.equalize(Image.fromarray(photo))))
    ac = po.apply_op(photo, "AutoContrast", 0.0)
    assert ac.min() == 0 and ac.max() == 255
    assert np.abs(ac.astype(int) - np.asarray(ImageOps.autocontrast(Image.fromarray(photo)))).max() <= 1
    grey = po.apply_op(photo, "Color", -1.0)  # factor 0: grey
    assert np.abs(grey[..., 0].astype(int) - grey[..., 2]).max() == 0
    flat = po.apply_op(photo, "Contrast", -1.0)  # factor 0: the mean grey everywhere
    assert flat.min() == flat.max()
    assert np.array_equal(po.apply_op(photo, "Identity", 0.0), photo)


def test_geometric_forward_matrix_moves_a_marker():
    img = np.zeros((50, 70, 3), dtype=np.uint8)
    img[20:23, 40:43] = 255
    for name, mag in (("ShearX", 0.3), ("ShearY", -0.25), ("Rotate", 40.0), ("TranslateX", -9.0)):
        out = po.apply_op(img, name, mag, bilinear=True)
        ys, xs = np.nonzero(out[..., 0] > 60)
        fwd = np.asarray(po.op_forward_matrix(name, mag, 70, 50)).reshape(3, 3)
        px, py, _ = fwd @ np.array([41.5, 21.5, 1.0])
        assert (xs.mean() + 0.5, ys.mean() + 0.5) == pytest.approx((px, py), abs=0.7), name


def test_augment_and_mix_weights(photo):
    assert np.array_equal(po.augment_and_mix(photo, [[("Invert", 0.0)]], [0.0], 1.0), photo)
    inv = po.augment_and_mix(photo, [[("Invert", 0.0)]], [1.0], 0.0)
    assert np.array_equal(inv, 255 - photo)
    half = po.augment_and_mix(photo, [[("Invert", 0.0)], [("Identity", 0.0)]], [0.25, 0.25], 0.5)
    expect = (0.75 * photo.astype(np.float32) + 0.25 * (255 - photo.astype(np.float32))).astype(np.uint8)
    assert np.abs(half.astype(int) - expect).max() <= 1


def test_unknown_op_raises():
    with pytest.raises(ValueError, match="unknown policy op"):
        po.apply_op(np.zeros((4, 4, 3), np.uint8), "Blur", 1.0)


def _whole_image_color(image: np.ndarray, factor: float) -> np.ndarray:
    """The saturation formula in one pass over the whole image (the reference for the blocked kernel)."""
    rgb = np.ascontiguousarray(image[..., :3]).astype(np.float32)
    g = np.floor(cv2.transform(rgb, np.array([[0.2989, 0.587, 0.114]], dtype=np.float32)))
    out = cv2.addWeighted(rgb, factor, cv2.merge([g, g, g]), 1.0 - factor, 0.0)
    return np.clip(out, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("shape", [(300, 517, 3), (257, 259, 4), (1, 1, 3), (65, 1009, 3)])
def test_blocked_grey_and_color_equal_one_whole_image_pass(shape):
    """grey/color run over blocks of pixels; the values (and the grey mean) are those of one pass."""
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, shape, dtype=np.uint8)
    rgb = np.ascontiguousarray(img[..., :3]).astype(np.float32)
    whole = cv2.transform(rgb, np.array([[0.2989, 0.587, 0.114]], dtype=np.float32)).reshape(shape[:2])
    g = po.grey(img)
    assert np.array_equal(g, whole) and g.mean() == whole.mean()
    for factor in (0.0, 0.37, 1.3, float(rng.uniform(0, 3))):
        out = po.color(img, factor)
        assert np.array_equal(out[..., :3], _whole_image_color(img, factor))
        if shape[2] == 4:
            assert np.array_equal(out[..., 3], img[..., 3])


def test_enhance_tables_are_the_float32_blend_clipped_and_truncated():
    rng = np.random.default_rng(11)
    v = np.arange(256, dtype=np.float32)
    for _ in range(300):
        factor, base = float(rng.uniform(0.0, 3.0)), float(rng.uniform(0.0, 255.0))
        expect = np.clip(np.float32(base) + np.float32(factor) * (v - np.float32(base)), 0, 255).astype(np.uint8)
        assert np.array_equal(po._enhance_lut(factor, base), expect)
    assert np.array_equal(po.brightness_table(2.0), np.clip(v * 2, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("shape", [(5, 7), (5, 7, 1), (5, 7, 2), (5, 7, 3), (5, 7, 4)])
def test_invert_is_255_minus_the_colour_bands_alpha_kept(shape):
    img = np.random.default_rng(3).integers(0, 256, shape, dtype=np.uint8)
    img.flat[:2] = (0, 255)
    out = po.invert(img)
    colour = img if img.ndim == 2 or shape[2] in (1, 3) else img[..., :-1]
    got = out if img.ndim == 2 or shape[2] in (1, 3) else out[..., :-1]
    assert out.shape == img.shape and out.dtype == np.uint8 and not np.shares_memory(out, img)
    assert np.array_equal(got, 255 - colour.astype(int))
    if img.ndim == 3 and shape[2] in (2, 4):
        assert np.array_equal(out[..., -1], img[..., -1])
