"""The OpenCV / ndarray kernel paths: one kernel per operation, so PIL and ndarray inputs give the same
pixels; the OpenCV kernels stay close to Pillow's results; OpenCV is imported lazily with one thread."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageFilter

import multiaug.image as imaugs
from multiaug.core import Tracker
from multiaug.core.registry import entries
from multiaug.image.kernels import resample
from multiaug.image.kernels.modes import to_array
from multiaug.image.modality import ARRAY
from tests.helpers import sample_image

CALLS = {
    "blur": {"radius": 2.0}, "resize": {"width": 40, "height": 30}, "scale": {"factor": 0.5},
    "change_aspect_ratio": {"ratio": 2.0}, "clip_image_size": {"max_resolution": 1500},
    "pixelization": {"ratio": 0.3}, "rotate": {"degrees": 21.0}, "perspective_transform": {"sigma": 5.0},
    "skew": {"skew_factor": 0.3}, "hflip": {}, "vflip": {}, "crop": {"x1": 0.1, "y2": 0.6},
    "pad": {"w_factor": 0.2, "color": (10, 200, 30)}, "pad_square": {"color": (1, 2, 3)},
    "brightness": {"factor": 1.7}, "contrast": {"factor": 0.6}, "grayscale": {}, "opacity": {"level": 0.3}, "sharpen": {"factor": 2.5},
    "saturation": {"factor": 1.6}, "color_jitter": {"brightness_factor": 1.2, "contrast_factor": 0.7,
                                                    "saturation_factor": 1.5},
    "encoding_quality": {"quality": 30}, "convert_color": {"mode": "L"},
    "random_noise": {"var": 0.02, "seed": 3},
    # training-time augmentations (issue 15): ARRAY kernels in multiaug.image.kernels
    "posterize": {"bits": 3}, "solarize": {"threshold": 100.0}, "invert": {}, "equalize": {}, "autocontrast": {},
    "clahe": {"clip_limit": 2.0}, "shear": {"factor": 0.2}, "translate": {"dx": 5, "dy": -3},
    "rotate_keep_size": {"degrees": 20.0, "interpolation": "bilinear"},
    "random_affine": {"rotation_range": 20.0, "zoom_range": 0.2, "seed": 1},
    "random_resized_crop": {"size": 20, "seed": 1}, "random_color_jitter": {"brightness": 0.3, "hue": 0.1, "seed": 1},
    "rain": {"seed": 1}, "snow": {"seed": 1}, "fog": {"seed": 1}, "sun_flare": {"seed": 1}, "shadow": {"seed": 1},
    "night": {"seed": 1}, "coarse_dropout": {"seed": 1}, "random_erasing": {"seed": 1},
    "grid_distortion": {"seed": 1}, "elastic_transform": {"sigma": 10.0, "seed": 1},
    "augment_and_mix": {"chains": [[["Rotate", 10.0], ["Equalize", 0.0]]], "chain_weights": [0.5],
                        "original_weight": 0.5},
}


def test_every_array_or_native_kernel_is_covered_here():
    forms = {e.name for e in entries("image") if ARRAY in e.kernels}
    assert forms == set(CALLS)


@pytest.mark.parametrize("shape", [(48, 64, 3), (48, 64, 4), (48, 64), (48, 64, 1)], ids=["rgb", "rgba", "l", "l1"])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_pil_and_ndarray_inputs_give_the_same_pixels(name, shape):
    img = sample_image(64, 48, mode="RGBA" if len(shape) == 3 and shape[2] == 4 else "RGB")
    if len(shape) == 2 or shape[2] == 1:
        img = img.convert("L")
    arr = np.asarray(img).copy().reshape(shape)
    before = arr.copy()
    fn = getattr(imaugs, name)
    t_pil, t_np = Tracker(), Tracker()
    out_pil = fn(img, metadata=t_pil, **CALLS[name])
    out_np = fn(arr, metadata=t_np, **CALLS[name])
    assert isinstance(out_np, np.ndarray) and out_np.dtype == np.uint8 and out_np.ndim == arr.ndim
    assert out_np.shape[2:] == arr.shape[2:] and out_np.flags.writeable
    assert np.array_equal(out_np.reshape(out_np.shape[:2] + arr.shape[2:]),
                          np.asarray(out_pil).reshape(out_np.shape[:2] + arr.shape[2:]))
    assert np.array_equal(arr, before)  # the caller's array is not written into
    assert out_np is not arr and not np.shares_memory(out_np, arr)
    assert t_pil[0]["dst_width"] == t_np[0]["dst_width"] and t_pil[0]["dst_height"] == t_np[0]["dst_height"]
    assert t_pil[0]["intensity"] == t_np[0]["intensity"]


@pytest.mark.parametrize("degrees", [15.0, -33.3, 90.0, 180.0, 270.0, 47.5])
def test_rotate_kernel_reproduces_pillow_rotate(degrees):
    img = Image.open("assets/image/samples/photo_1024x768.jpg").convert("RGB").reduce(4)
    want = np.asarray(img.rotate(degrees, expand=True))
    got = resample.rotate_expand(np.asarray(img), degrees)
    assert got.shape == want.shape
    assert (got != want).any(axis=-1).mean() < 0.01  # nearest neighbour: the same source pixel almost everywhere


def test_skew_and_perspective_close_to_pillow_transform():
    img = sample_image(96, 64)
    w, h = img.size
    data = [1.0, 0.4, -0.4 * h / 2, 0.0, 1.0, 0.0]
    want = np.asarray(img.transform((w, h), Image.Transform.AFFINE, data, resample=Image.Resampling.BILINEAR))
    diff = np.abs(resample.warp(np.asarray(img), (w, h), data, resample.BILINEAR).astype(int) - want.astype(int))
    assert diff.mean() < 1.5 and np.median(diff) <= 1
    persp = [1.02, 0.05, -2.0, 0.01, 0.98, 1.5, 0.0002, 0.0001]
    want = np.asarray(img.transform((w, h), Image.Transform.PERSPECTIVE, persp, Image.Resampling.BICUBIC))
    diff = np.abs(resample.warp(np.asarray(img), (w, h), persp, resample.BICUBIC).astype(int) - want.astype(int))
    assert diff.mean() < 2.0 and np.median(diff) <= 1


def test_blur_close_to_pillow_on_a_photo():
    img = Image.open("assets/image/samples/photo_1024x768.jpg").convert("RGB").reduce(2)
    diff = np.abs(np.asarray(imaugs.blur(img, radius=2.0)).astype(int)
                  - np.asarray(img.filter(ImageFilter.GaussianBlur(2.0))).astype(int))
    assert diff.mean() < 0.5 and np.percentile(diff, 99.9) <= 3


def test_resize_with_alpha_is_premultiplied_like_pillow():
    # a transparent red half next to an opaque blue half: no red may bleed into the blue
    arr = np.zeros((8, 16, 4), np.uint8)
    arr[:, :8] = (255, 0, 0, 0)
    arr[:, 8:] = (0, 0, 255, 255)
    out = imaugs.resize(arr, width=5, height=3)
    opaque = out[..., 3] > 0
    assert (out[..., 0][opaque] <= 1).all()
    pil = np.asarray(Image.fromarray(arr).resize((5, 3), Image.Resampling.BILINEAR))
    assert np.abs(pil[..., 3].astype(int) - out[..., 3].astype(int)).max() <= 64  # same coverage, other filter


def test_to_array_matches_numpy_for_working_modes():
    for mode in ("L", "LA", "RGB", "RGBA", "P"):
        img = sample_image(33, 17, mode="RGBA").convert(mode)
        got = to_array(img)
        assert np.array_equal(got, np.asarray(img)) and got.shape == np.asarray(img).shape


def test_opencv_is_imported_lazily_with_one_thread():
    code = (
        "import sys, numpy as np; import multiaug.image as m; assert 'cv2' not in sys.modules;"
        "m.blur(np.zeros((8, 8, 3), np.uint8)); import cv2; print(cv2.getNumThreads())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


@pytest.mark.parametrize("degrees", [15.0, 90.0, 200.0, -61.0])
def test_rotate_box_equals_crop_of_full_canvas(degrees):
    arr = np.asarray(sample_image(64, 48)).copy()
    full = resample.rotate_expand(arr, degrees)
    box = (3, 5, full.shape[1] - 7, full.shape[0] - 2)
    assert np.array_equal(resample.rotate_expand(arr, degrees, None, box), full[box[1] : box[3], box[0] : box[2]])


def test_rotate_box_equals_crop_for_random_sizes_and_angles():
    """Also on OpenCV 4, whose fixed-point rounding made a shifted column origin pick other tie pixels."""
    rng = np.random.default_rng(3)
    for _ in range(40):
        w, h = int(rng.integers(5, 200)), int(rng.integers(5, 200))
        degrees = float(rng.uniform(-400, 400))
        arr = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
        full = resample.rotate_expand(arr, degrees)
        box = (int(rng.integers(0, full.shape[1] // 2)), int(rng.integers(0, full.shape[0] // 2)),
               full.shape[1] - int(rng.integers(0, full.shape[1] // 2)), full.shape[0] - int(rng.integers(0, full.shape[0] // 2)))
        assert np.array_equal(resample.rotate_expand(arr, degrees, None, box), full[box[1] : box[3], box[0] : box[2]])


@pytest.mark.parametrize("name", sorted(CALLS))
def test_non_contiguous_and_read_only_arrays(name):
    base = np.asarray(sample_image(40, 30)).copy()
    fn = getattr(imaugs, name)
    for view in (base[:, ::2], base[::-1], np.asfortranarray(base), base[..., ::-1],
                 np.frombuffer(base.tobytes(), np.uint8).reshape(base.shape)):
        assert np.array_equal(fn(view, **CALLS[name]), fn(np.ascontiguousarray(view), **CALLS[name]))
