"""multiaug/image geometry family: the generic contract (tests/contract.py) plus physical truth."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from multiaug.image.kernels.geometry import max_inscribed as _max_inscribed
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "geometry")


@pytest.fixture
def img():
    return sample_image(120, 80)


def test_hflip_twice_is_identity(img):
    assert imaugs.hflip(imaugs.hflip(img)).tobytes() == img.tobytes()


def test_crop_keeps_the_right_pixels(img):
    out = imaugs.crop(img, x1=0.1, y1=0.25, x2=0.6, y2=1.0)
    assert out.size == (60, 60)
    assert np.array_equal(np.asarray(out), np.asarray(img)[20:80, 12:72])


def test_crop_defaults_intensity_and_record(img):
    meta: list = []
    imaugs.crop(img, metadata=meta)
    assert meta[0]["intensity"] == 75.0
    assert (meta[0]["dst_width"], meta[0]["dst_height"]) == (60, 40)


def test_crop_yolo_box_matches_augly_example():
    big = Image.new("RGB", (1920, 1080))
    meta: list = []
    _, boxes = imaugs.crop(big, bboxes=[[0.5, 0.5, 0.25, 0.75]], bbox_format="yolo", metadata=meta, return_bboxes=True)
    assert boxes[0] == pytest.approx([0.5, 0.5, 0.5, 1.0])
    assert meta[0]["dst_bboxes"][0] == pytest.approx([0.5, 0.5, 0.5, 1.0])


def test_crop_order_is_a_typed_error(img):
    with pytest.raises(InvalidParameterError, match="x2"):
        imaugs.crop(img, x1=0.6, x2=0.5)
    with pytest.raises(InvalidParameterError, match="y2"):
        imaugs.crop(img, y1=0.6, y2=0.6)


def test_pad_sizes_and_colour(img):
    out = imaugs.pad(img, w_factor=0.25, h_factor=0.1, color=(10, 20, 30))
    assert out.size == (120 + 2 * 30, 80 + 2 * 8)
    a = np.asarray(out)
    assert tuple(a[0, 0]) == (10, 20, 30) and tuple(a[-1, -1]) == (10, 20, 30)
    assert np.array_equal(a[8:88, 30:150], np.asarray(img))


def test_pad_grey_image_uses_luminance_of_colour():
    out = imaugs.pad(Image.new("L", (10, 10), 7), color=(255, 0, 0))
    assert out.mode == "L" and out.getpixel((0, 0)) == Image.new("RGB", (1, 1), (255, 0, 0)).convert("L").getpixel((0, 0))


@pytest.mark.parametrize("size", [(120, 80), (80, 121), (50, 50)])
def test_pad_square_is_square_and_centred(size):
    img = sample_image(*size)
    out = imaugs.pad_square(img, color=(255, 255, 255))
    side = max(size)
    assert out.size == (side, side)
    dx, dy = (side - size[0]) // 2, (side - size[1]) // 2
    assert np.array_equal(np.asarray(out)[dy:dy + size[1], dx:dx + size[0]], np.asarray(img))


def test_resize_and_scale_sizes(img):
    assert imaugs.resize(img, width=33).size == (33, 80)
    assert imaugs.resize(img, height=7).size == (120, 7)
    assert imaugs.scale(img, factor=0.5).size == (60, 40)
    assert imaugs.scale(img, factor=1.55).size == (int(120 * 1.55), int(80 * 1.55))
    assert imaugs.scale(img, factor=0.001).size == (1, 1)


def _diff(a, b) -> np.ndarray:
    return np.abs(np.asarray(a).astype(int) - np.asarray(b).astype(int))


def test_scale_default_filters_match_augly(img):
    # OpenCV kernels: area averaging for downscales, bilinear for upscales; Pillow within a few levels
    down = _diff(imaugs.scale(img, factor=0.5), img.resize((60, 40), Image.Resampling.LANCZOS))
    assert down.mean() < 3.0 and np.percentile(down, 99) <= 12
    up = _diff(imaugs.scale(img, factor=2), img.resize((240, 160), Image.Resampling.BILINEAR))
    assert up.mean() < 0.5 and up.max() <= 2


def test_change_aspect_ratio_formula(img):
    area = 120 * 80
    for ratio in (0.5, 1.0, 2.0, 3.3):
        w = int(math.sqrt(ratio * area))
        assert imaugs.change_aspect_ratio(img, ratio=ratio).size == (w, int(area / w))
    meta: list = []
    imaugs.change_aspect_ratio(img, ratio=1.5, metadata=meta)
    assert meta[0]["intensity"] == 0.0  # 120/80 == 1.5
    imaugs.change_aspect_ratio(img, ratio=0.25, metadata=meta)
    assert meta[1]["intensity"] == 40.0


def test_clip_image_size_bounds(img):
    out = imaugs.clip_image_size(img, max_resolution=2000)
    assert out.width * out.height <= 2000 and out.width / out.height == pytest.approx(1.5, rel=0.05)
    out = imaugs.clip_image_size(img, min_resolution=40000)
    assert out.width * out.height == pytest.approx(40000, rel=0.02)
    assert imaugs.clip_image_size(img, min_resolution=10, max_resolution=10**6).tobytes() == img.tobytes()
    with pytest.raises(InvalidParameterError, match="max_resolution"):
        imaugs.clip_image_size(img, min_resolution=10, max_resolution=5)


def test_rotate_90_expand_is_transpose(img):
    out = imaugs.rotate(img, degrees=90, expand=True)
    assert out.tobytes() == img.transpose(Image.Transpose.ROTATE_90).tobytes()


def test_rotate_crop_is_the_largest_inscribed_rectangle(img):
    out = imaugs.rotate(img, degrees=15)
    wr, hr = _max_inscribed(120, 80, math.radians(15))
    assert abs(out.width - wr) <= 2 and abs(out.height - hr) <= 2
    # no fill is visible: corners of the crop are image content, not black
    a = np.asarray(out).astype(int)
    assert a[[0, 0, -1, -1], [0, -1, 0, -1]].sum(axis=1).min() > 0


def test_rotate_expand_fill_colour(img):
    out = imaugs.rotate(img, degrees=45, expand=True, fill_color=(0, 255, 0))
    assert out.size[0] > 120 and out.getpixel((0, 0)) == (0, 255, 0)


def test_rotate_intensity(img):
    meta: list = []
    imaugs.rotate(img, degrees=-90, metadata=meta)
    imaugs.rotate(img, degrees=270, metadata=meta)
    assert [m["intensity"] for m in meta] == [50.0, 50.0]


def test_perspective_zero_sigma_is_near_identity(img):
    out = imaugs.perspective_transform(img, sigma=0.0)
    diff = np.abs(np.asarray(out).astype(int) - np.asarray(img).astype(int))
    assert diff[2:-2, 2:-2].max() <= 1


def test_perspective_moves_corners_to_the_drawn_points(img):
    tracker = Tracker()
    imaugs.perspective_transform(img, sigma=8.0, seed=3, metadata=tracker)
    info = tracker[0]["info"]
    m = info["matrix"]
    for (x, y), (u, v) in zip([(0, 0), (120, 0), (120, 80), (0, 80)], info["corners"]):
        wgt = m[6] * x + m[7] * y + m[8]
        assert ((m[0] * x + m[1] * y + m[2]) / wgt, (m[3] * x + m[4] * y + m[5]) / wgt) == pytest.approx((u, v))


def test_perspective_shift_translates_content():
    img = Image.new("L", (60, 60), 0)
    img.paste(255, (20, 20, 40, 40))
    out = np.asarray(imaugs.perspective_transform(img, sigma=0.0, dx=7.0, dy=-5.0))
    ys, xs = np.nonzero(out > 128)
    assert (xs.min(), ys.min(), xs.max(), ys.max()) == (27, 15, 46, 34)


def test_perspective_crop_border_and_error(img):
    out = imaugs.perspective_transform(img, sigma=5.0, crop_out_black_border=True, seed=1)
    assert out.width < 120 and out.height < 80
    with pytest.raises(InvalidParameterError, match="crop_out_black_border"):
        imaugs.perspective_transform(img, sigma=0.0, dx=500.0, crop_out_black_border=True)


def test_perspective_default_seed_is_deterministic(img):
    assert imaugs.perspective_transform(img).tobytes() == imaugs.perspective_transform(img).tobytes()


@pytest.mark.parametrize("axis", [0, 1])
def test_skew_shears_about_the_centre(axis):
    img = Image.new("L", (101, 101), 0)
    img.paste(255, (45, 45, 56, 56))  # a centred square barely moves
    out = np.asarray(imaugs.skew(img, skew_factor=0.5, axis=axis))
    ys, xs = np.nonzero(out > 128)
    assert abs(xs.mean() - 50) < 1.0 and abs(ys.mean() - 50) < 1.0
    meta: list = []
    imaugs.skew(img, skew_factor=-3.0, axis=axis, metadata=meta)
    assert meta[0]["intensity"] == 100.0
