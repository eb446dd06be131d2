"""multiaug/image tone family: the generic contract (tests/contract.py) plus the identities and extremes of each
tone operation."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "tone")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_tone_identities_and_extremes(photo):
    assert np.array_equal(imaugs.posterize(photo, bits=8), photo)
    assert not imaugs.posterize(photo, bits=0).any()
    assert np.array_equal(imaugs.posterize(photo, bits=2), photo & 0b11000000)
    assert np.array_equal(imaugs.solarize(photo, threshold=256), photo)
    assert np.array_equal(imaugs.solarize(photo, threshold=0), 255 - photo)
    assert np.array_equal(imaugs.invert(imaugs.invert(photo)), photo)
    assert imaugs.autocontrast(photo).max() == 255 and imaugs.autocontrast(photo).min() == 0
    assert imaugs.clahe(photo).shape == photo.shape
    pil = sample_image(40, 30)
    assert imaugs.equalize(pil).mode == "RGB"


def test_equalize_flattens_the_histogram_of_a_ramp():
    ramp = np.repeat(np.linspace(100, 140, 256).astype(np.uint8)[None, :], 16, axis=0)
    out = imaugs.equalize(ramp)
    assert out.min() < 20 and out.max() > 235  # 41 levels spread over the full range


def test_clahe_refuses_a_bad_grid(photo):
    with pytest.raises(InvalidParameterError, match="tile_grid_size"):
        imaugs.clahe(photo, tile_grid_size=(0, 8))
