"""multiaug/image augmix family: the generic contract (tests/contract.py) plus the mixture's weights and refusals."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError, UnsupportedTargetError
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "augmix")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_full_original_weight_is_the_identity(photo):
    out = imaugs.augment_and_mix(photo, chains=[[["Rotate", 30.0]]], chain_weights=[0.0], original_weight=1.0)
    assert np.array_equal(out, photo)


def test_one_chain_at_full_weight_is_that_chain(photo):
    out = imaugs.augment_and_mix(photo, chains=[[["Invert", 0.0]]], chain_weights=[1.0], original_weight=0.0)
    assert np.abs(out.astype(int) - imaugs.invert(photo).astype(int)).max() <= 1
    inverted = imaugs.augment_and_mix(photo, chains=[[["Invert", 0.0]]], chain_weights=[0.5], original_weight=0.5)
    assert np.abs(inverted.astype(int) - 127).max() <= 1  # (v + 255 − v) / 2, truncated


def test_weights_must_match_chains_and_targets_that_cannot_follow_are_refused(photo):
    with pytest.raises(InvalidParameterError, match="chain_weights"):
        imaugs.augment_and_mix(photo, chains=[[["Rotate", 10.0]]], chain_weights=[0.2, 0.3])
    with pytest.raises(UnsupportedTargetError):
        imaugs.augment_and_mix(photo, chains=[[["Rotate", 10.0]]], chain_weights=[0.5], keypoints=[[10, 10]])
