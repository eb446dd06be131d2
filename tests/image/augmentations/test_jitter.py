"""multiaug/image jitter family: the generic contract (tests/contract.py) plus torchvision's ranges and the drawn
record."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "jitter")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_jitter_entry_draws_torchvision_ranges(photo):
    for seed in range(10):
        tr = multiaug.Tracker()
        imaugs.random_color_jitter(photo, brightness=0.4, contrast=(0.9, 1.1), hue=0.1, metadata=tr, seed=seed)
        d = tr[0]["info"]
        assert 0.6 <= d["brightness"] <= 1.4 and 0.9 <= d["contrast"] <= 1.1 and abs(d["hue"]) <= 0.1
        assert d["saturation"] == 1.0 and sorted(d["order"]) == ["brightness", "contrast", "hue", "saturation"]
        assert tr[0]["drawn"] == {"factors": {k: d[k] for k in ("brightness", "contrast", "saturation", "hue")},
                                  "order": d["order"]}


def test_jitter_with_nothing_enabled_is_the_identity(photo):
    assert np.array_equal(imaugs.random_color_jitter(photo, seed=3), photo)


def test_scalar_uniform_draw_equals_numpys():
    """parameters.uniform is numpy's uniform (the same single draw, the same double arithmetic): records replay and
    outputs stay what rng.uniform gave."""
    from multiaug.image.augmentations.parameters import uniform

    for seed in range(20):
        a, b = np.random.default_rng(seed), np.random.default_rng(seed)
        for lo, hi in [(0.6, 1.4), (-0.1, 0.1), (2.0, 2.0), (-5, -2), (0.08, 1.0), (np.float32(0.3), 0.7)] * 50:
            assert uniform(a, lo, hi) == float(b.uniform(lo, hi))
            assert a.integers(0, 700) == b.integers(0, 700)  # the generators stay in step
    with pytest.raises(ValueError):
        uniform(np.random.default_rng(0), 1.0, 0.0)
