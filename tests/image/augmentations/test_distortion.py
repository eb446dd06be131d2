"""multiaug/image distortion family: the generic contract (tests/contract.py) plus identities, replay and boxes."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "distortion")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_distortions_replay_and_move_boxes(photo):
    for fn in (imaugs.grid_distortion, imaugs.elastic_transform):
        tr = multiaug.Tracker()
        out, boxes = fn(photo, bboxes=[[20, 20, 60, 50]], bbox_format="pascal_voc", return_bboxes=True,
                        metadata=tr, seed=4)
        assert np.array_equal(multiaug.replay(tr, photo), out) and boxes[0] is not None


def test_no_distortion_is_the_identity(photo):
    assert np.array_equal(imaugs.grid_distortion(photo, distort_limit=0.0, seed=1), photo)
    assert np.array_equal(imaugs.elastic_transform(photo, alpha=0.0, seed=1), photo)


def test_drawn_values_are_the_recorded_steps_and_controls(photo):
    tr = multiaug.Tracker()
    imaugs.grid_distortion(photo, num_steps=4, distort_limit=0.2, metadata=tr, seed=9)
    info, drawn = tr[0]["info"], tr[0]["drawn"]
    assert drawn["x_steps"] == info["x_steps"] and len(info["y_steps"]) == 4
    assert all(0.8 <= s <= 1.2 for s in info["x_steps"] + info["y_steps"])
    tr = multiaug.Tracker()
    imaugs.elastic_transform(photo, alpha=5.0, sigma=40.0, metadata=tr, seed=9)
    dx = np.asarray(tr[0]["info"]["control_dx"])
    assert dx.shape == (3, 4) and np.abs(dx).max() <= 5.0  # control points every 40 px on 120×90
