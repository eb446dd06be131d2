"""multiaug/image composite family: the generic contract (tests/contract.py) plus apply_lambda/masked_composite truth."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageOps

import multiaug
import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "composite")


@pytest.fixture
def img():
    return sample_image(40, 30)


def test_apply_lambda_identity_default(img):
    tracker = Tracker()
    out = imaugs.apply_lambda(img, metadata=tracker)
    assert out is not img and out.tobytes() == img.tobytes()
    assert tracker[0]["params"]["aug_function"] == {"$function": "identity"} and tracker[0]["replayable"]
    assert tracker[0]["intensity"] == 100.0


def test_apply_lambda_kwargs_and_registered_replay(img):
    def posterize(im, bits=2):
        return ImageOps.posterize(im, bits)

    multiaug.register_function("test_posterize", posterize)
    tracker = Tracker()
    out = imaugs.apply_lambda(img, aug_function=posterize, bits=3, metadata=tracker)
    assert out.tobytes() == ImageOps.posterize(img, 3).tobytes()
    assert tracker[0]["params"]["kwargs"] == {"bits": 3}
    assert Tracker.from_json(tracker.to_json()).replay(img).tobytes() == out.tobytes()


def test_apply_lambda_unregistered_is_not_replayable_and_array_results_work(img):
    tracker = Tracker()
    out = imaugs.apply_lambda(img, aug_function=lambda im: np.asarray(im)[:, ::-1].copy(), metadata=tracker)
    assert out.tobytes() == img.transpose(Image.Transpose.FLIP_LEFT_RIGHT).tobytes()
    assert not tracker[0]["replayable"]
    with pytest.raises(InvalidParameterError, match="aug_function"):
        imaugs.apply_lambda(img, aug_function=42)


def test_apply_lambda_uses_multiaug_intensity(img):
    meta: list = []
    imaugs.apply_lambda(img, aug_function=imaugs.Blur(radius=4.0), metadata=meta)
    assert meta[0]["intensity"] == 4.0


def test_masked_composite_half_mask(img):
    mask = Image.new("L", img.size, 0)
    mask.paste(255, (0, 0, 20, 30))
    meta: list = []
    out = np.asarray(imaugs.masked_composite(img, mask=mask, transform_function=imaugs.Brightness(factor=0.0),
                                             metadata=meta))
    assert (out[:, :20] == 0).all() and np.array_equal(out[:, 20:], np.asarray(img)[:, 20:])
    # half the mask × brightness(0) intensity 100 / 100
    assert meta[0]["intensity"] == pytest.approx(50.0)


def test_masked_composite_without_transform_or_mask(img):
    meta: list = []
    assert imaugs.masked_composite(img, metadata=meta).tobytes() == img.tobytes()
    assert meta[0]["intensity"] == 0.0
    out = imaugs.masked_composite(img, transform_function=lambda im: ImageOps.invert(im), metadata=meta)
    assert out.tobytes() == ImageOps.invert(img).tobytes() and meta[1]["intensity"] == 100.0


def test_masked_composite_mask_from_path_replays(img, tmp_path):
    path = tmp_path / "mask.png"
    Image.new("1", img.size, 1).save(path)
    multiaug.register_function("test_invert", ImageOps.invert)
    tracker = Tracker()
    out = imaugs.masked_composite(img, mask=str(path), transform_function=ImageOps.invert, metadata=tracker)
    assert out.tobytes() == ImageOps.invert(img).tobytes() and tracker[0]["replayable"]
    assert Tracker.from_json(tracker.to_json()).replay(img).tobytes() == out.tobytes()


def test_masked_composite_size_mismatch_is_typed(img):
    with pytest.raises(InvalidParameterError, match="mask"):
        imaugs.masked_composite(img, mask=Image.new("L", (5, 5)), transform_function=ImageOps.invert)
