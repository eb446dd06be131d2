"""multiaug/image dropout family: the generic contract (tests/contract.py) plus where the holes are and what fills
them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "dropout")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_dropout_entries(photo):
    tr = multiaug.Tracker()
    out = imaugs.coarse_dropout(photo, num_holes_range=(3, 3), fill=(255, 0, 0), metadata=tr, seed=2)
    holes = tr[0]["info"]["holes"]
    assert len(holes) == 3 and tr[0]["drawn"]["holes"] == holes
    for x1, y1, x2, y2 in holes:
        assert (out[y1:y2, x1:x2] == [255, 0, 0]).all()
    tr = multiaug.Tracker()
    out = imaugs.random_erasing(photo, scale=(0.1, 0.1), value="random", metadata=tr, seed=2)
    (x1, y1, x2, y2), = tr[0]["info"]["holes"]
    assert (x2 - x1) * (y2 - y1) == pytest.approx(0.1 * 120 * 90, rel=0.15)
    assert np.array_equal(out[:y1], photo[:y1])
    assert np.array_equal(multiaug.replay(tr, photo), out)  # the noise replays from the drawn noise seed


def test_colour_fill_on_grey_and_rgba_images():
    grey = Image.new("L", (50, 40), 0)
    out = imaugs.coarse_dropout(grey, num_holes_range=(1, 1), fill=(255, 0, 0), seed=1)
    assert set(np.unique(np.asarray(out)).tolist()) == {0, 76}  # BT.601 luma of pure red
    rgba = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    out = np.asarray(imaugs.coarse_dropout(rgba, num_holes_range=(1, 1), fill=(0, 0, 255), seed=1))
    assert {tuple(v) for v in out.reshape(-1, 4)} == {(0, 0, 0, 0), (0, 0, 255, 255)}


def test_zero_holes_leave_the_image_unchanged(photo):
    tr = multiaug.Tracker()
    out = imaugs.coarse_dropout(photo, num_holes_range=(0, 0), metadata=tr, seed=5)
    assert np.array_equal(out, photo) and tr[0]["intensity"] == 0.0
