"""multiaug/image color family: the generic contract (tests/contract.py) plus physical truth."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import ImageEnhance

import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "color")


@pytest.fixture
def img():
    return sample_image(64, 48)


@pytest.mark.parametrize("factor", [0.0, 0.37, 1.0, 1.8])
def test_brightness_and_contrast_equal_imageenhance(img, factor):
    assert imaugs.brightness(img, factor=factor).tobytes() == ImageEnhance.Brightness(img).enhance(factor).tobytes()
    assert imaugs.contrast(img, factor=factor).tobytes() == ImageEnhance.Contrast(img).enhance(factor).tobytes()


def test_brightness_factor_one_is_identity_in_every_mode(img):
    for mode in ("L", "RGB", "RGBA", "LA", "CMYK"):
        src = img.convert(mode)
        assert imaugs.brightness(src, factor=1.0).tobytes() == src.tobytes()


def test_brightness_keeps_alpha():
    rgba = sample_image(mode="RGBA")
    out = imaugs.brightness(rgba, factor=0.5)
    assert np.array_equal(np.asarray(out)[..., 3], np.asarray(rgba)[..., 3])
    assert np.asarray(out)[..., :3].mean() < np.asarray(rgba)[..., :3].mean() * 0.55


def test_saturation_zero_is_grey(img):
    a = np.asarray(imaugs.saturation(img, factor=0.0)).astype(int)
    assert np.abs(a[..., 0] - a[..., 1]).max() <= 1 and np.abs(a[..., 1] - a[..., 2]).max() <= 1


def test_color_jitter_is_the_sequence(img):
    want = ImageEnhance.Color(ImageEnhance.Contrast(ImageEnhance.Brightness(img).enhance(1.3)).enhance(0.7)).enhance(1.6)
    got = imaugs.color_jitter(img, brightness_factor=1.3, contrast_factor=0.7, saturation_factor=1.6)
    assert got.tobytes() == want.tobytes()


def test_mult_intensities(img):
    meta: list = []
    imaugs.brightness(img, factor=1.0, metadata=meta)
    imaugs.brightness(img, factor=0.5, metadata=meta)
    imaugs.contrast(img, factor=4.0, metadata=meta)
    imaugs.saturation(img, factor=0.0, metadata=meta)
    imaugs.color_jitter(img, brightness_factor=2.0, contrast_factor=0.5, saturation_factor=1.0, metadata=meta)
    assert [m["intensity"] for m in meta] == pytest.approx([0.0, 20.0, 40.0, 100.0, 400 / 30])


def test_grayscale_luminosity_equals_pil_l(img):
    out = np.asarray(imaugs.grayscale(img))
    want = np.asarray(img.convert("L"))
    assert out.shape == (48, 64, 3)
    for c in range(3):
        assert np.array_equal(out[..., c], want)


def test_grayscale_average(img):
    out = np.asarray(imaugs.grayscale(img, mode="average"))[..., 0].astype(int)
    mean = np.asarray(img).astype(int).sum(axis=2) / 3
    assert np.abs(out - mean).max() <= 1


def test_grayscale_keeps_alpha_and_l_input():
    rgba = sample_image(mode="RGBA")
    out = imaugs.grayscale(rgba)
    assert out.mode == "RGBA" and np.array_equal(np.asarray(out)[..., 3], np.asarray(rgba)[..., 3])
    grey = sample_image(mode="L")
    assert imaugs.grayscale(grey).tobytes() == grey.tobytes()


def test_convert_color_keeps_the_visible_effect(img):
    out = imaugs.convert_color(img, mode="L")
    assert out.mode == "RGB" and np.array_equal(np.asarray(out)[..., 0], np.asarray(img.convert("L")))
    poster = imaugs.convert_color(img, mode="P", palette=1, colors=4)
    assert len(np.unique(np.asarray(poster).reshape(-1, 3), axis=0)) <= 4
    bw = imaugs.convert_color(img, mode="1")
    assert set(np.unique(np.asarray(bw))) <= {0, 255}
    m = imaugs.convert_color(img, mode="L", matrix=(0.0, 1.0, 0.0, 0.0))
    assert np.array_equal(np.asarray(m)[..., 0], np.asarray(img)[..., 1])


def test_convert_color_bad_matrix_is_typed(img):
    from multiaug.core import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="matrix"):
        imaugs.convert_color(img, mode="L", matrix=(1.0, 2.0))


def test_opacity(img):
    assert imaugs.opacity(img, level=1.0).tobytes() == img.tobytes()
    half = np.asarray(imaugs.opacity(img, level=0.5)).astype(float)
    assert np.abs(half - (np.asarray(img) * 0.5 + 127.5)).max() <= 0.51
    rgba = sample_image(mode="RGBA")
    out = np.asarray(imaugs.opacity(rgba, level=0.25))
    assert np.array_equal(out[..., :3], np.asarray(rgba)[..., :3])
    assert np.all(out[..., 3] == 50)  # 200 · 0.25
    meta: list = []
    imaugs.opacity(img, level=0.3, metadata=meta)
    assert meta[0]["intensity"] == pytest.approx(70.0)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "CMYK"])
@pytest.mark.parametrize("factor", [0.0, 0.6, 1.3, 2.5])
def test_saturation_equals_image_enhance_color_in_every_mode_and_on_arrays(mode, factor):
    src = sample_image(61, 47, mode="RGBA").convert(mode)
    got = imaugs.saturation(src, factor=factor)
    assert got.mode == src.mode
    base = src if mode in ("RGB", "RGBA", "L", "LA") else src.convert("RGB")
    want = ImageEnhance.Color(base).enhance(factor) if mode not in ("L", "LA") else base
    assert got.tobytes() == want.convert(src.mode).tobytes()
    if mode in ("RGB", "RGBA", "L"):
        arr = np.asarray(src).copy()
        out = imaugs.saturation(arr, factor=factor)
        assert np.array_equal(out, np.asarray(want)) and not np.shares_memory(out, arr)


def test_color_jitter_on_arrays_equals_the_pil_sequence():
    rgba = sample_image(70, 33, mode="RGBA")
    for src in (rgba, rgba.convert("RGB")):
        want = ImageEnhance.Color(ImageEnhance.Contrast(ImageEnhance.Brightness(src).enhance(0.8)).enhance(1.4)).enhance(0.6)
        got = imaugs.color_jitter(np.asarray(src).copy(), brightness_factor=0.8, contrast_factor=1.4, saturation_factor=0.6)
        assert np.array_equal(got, np.asarray(want))


@pytest.mark.parametrize("kwargs", [{"mode": "L"}, {"mode": "L", "dither": 0}, {"mode": "P", "palette": 1, "colors": 8},
                                    {"mode": "1"}, {"mode": "L", "matrix": (0.5, 0.3, 0.2, 0.0)}, {"mode": "HSV"}])
def test_convert_color_arrays_equal_the_pil_route(kwargs):
    src = sample_image(57, 43)
    for img in (src, src.convert("RGBA"), src.convert("L")):
        arr = np.asarray(img).copy()
        got = imaugs.convert_color(arr, **kwargs)
        assert isinstance(got, np.ndarray) and got.shape == arr.shape
        assert np.array_equal(got, np.asarray(imaugs.convert_color(img, **kwargs)))
