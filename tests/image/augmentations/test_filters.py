"""multiaug/image filters family: the generic contract plus physical truth of blur, sharpen, apply_pil_filter and
pixelization."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "filters")


@pytest.fixture
def img():
    return sample_image(96, 64)


def _diff(a, b) -> np.ndarray:
    return np.abs(np.asarray(a).astype(int) - np.asarray(b).astype(int))


def test_blur_matches_pillow_and_smooths(img):
    out = imaugs.blur(img, radius=3)
    # OpenCV's exact Gaussian vs Pillow's box approximation: within a grey level or two
    diff = _diff(out, img.filter(ImageFilter.GaussianBlur(3)))
    assert out.size == img.size and diff.mean() < 0.5 and diff.max() <= 4
    assert np.asarray(out).astype(float).std() < np.asarray(img).astype(float).std()
    assert imaugs.blur(img, radius=0).tobytes() == img.tobytes()
    meta: list = []
    imaugs.blur(img, radius=3, metadata=meta)
    imaugs.blur(img, radius=250, metadata=meta)
    assert [m["intensity"] for m in meta] == [3.0, 100.0]


def test_sharpen_increases_high_frequencies(img):
    smooth = img.filter(ImageFilter.GaussianBlur(1))
    lap = lambda im: np.abs(np.diff(np.asarray(im.convert("L")).astype(int), axis=1)).mean()
    assert lap(imaugs.sharpen(smooth, factor=3.0)) > lap(smooth) * 1.2
    assert imaugs.sharpen(img, factor=1.0).tobytes() == img.tobytes()


def test_apply_pil_filter_names_classes_and_instances(img):
    default = imaugs.apply_pil_filter(img)
    assert default.tobytes() == img.filter(ImageFilter.EDGE_ENHANCE_MORE).tobytes()
    assert imaugs.apply_pil_filter(img, filter_type=ImageFilter.BLUR).tobytes() == img.filter(ImageFilter.BLUR).tobytes()
    inst = ImageFilter.GaussianBlur(1.5)
    assert imaugs.apply_pil_filter(img, filter_type=inst).tobytes() == img.filter(inst).tobytes()
    with pytest.raises(InvalidParameterError, match="filter_type"):
        imaugs.apply_pil_filter(img, filter_type="NOT_A_FILTER")


def test_apply_pil_filter_name_replays_and_class_is_marked(img):
    tracker = Tracker()
    out = imaugs.apply_pil_filter(img, filter_type="SHARPEN", metadata=tracker)
    assert tracker[0]["replayable"] and tracker[0]["info"]["filter_name"] == "Sharpen"
    assert Tracker.from_json(tracker.to_json()).replay(img).tobytes() == out.tobytes()
    t2 = Tracker()
    imaugs.apply_pil_filter(img, filter_type=ImageFilter.SHARPEN, metadata=t2)
    assert not t2[0]["replayable"] and t2[0]["info"]["filter_name"] == "Sharpen"


def test_pixelization(img):
    assert imaugs.pixelization(img, ratio=1.0).tobytes() == img.tobytes()
    out = imaugs.pixelization(img, ratio=0.1)
    assert out.size == img.size
    want = img.resize((9, 6), Image.Resampling.BICUBIC).resize((96, 64), Image.Resampling.BICUBIC)
    diff = _diff(out, want)  # area-averaged downscale + OpenCV bicubic vs Pillow's bicubic pair
    assert diff.mean() < 2.0 and np.percentile(diff, 99) <= 8
    assert _diff(out, img).mean() > 5 * diff.mean()  # far from the input: it is pixelised
    assert imaugs.pixelization(img, ratio=0.0001).size == img.size
    meta: list = []
    imaugs.pixelization(img, ratio=0.3, metadata=meta)
    assert meta[0]["intensity"] == pytest.approx(70.0)
