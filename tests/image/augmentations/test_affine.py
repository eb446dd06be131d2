"""multiaug/image affine family: the generic contract (tests/contract.py) plus exact pixel moves, the recorded
matrices and torchvision's / Keras' draws."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "affine")


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_translate_moves_every_pixel_by_dx_dy_and_fills_the_rest(photo):
    tr = multiaug.Tracker()
    out = imaugs.translate(photo, dx=5, dy=-3, metadata=tr)
    assert np.array_equal(out[0:87, 5:], photo[3:90, :115])
    assert (out[87:] == 0).all() and (out[:, :5] == 0).all()
    assert tr[0]["info"]["matrix"] == [1.0, 0.0, 5.0, 0.0, 1.0, -3.0, 0.0, 0.0, 1.0]


def test_zero_shear_and_rotation_are_identities(photo):
    assert np.array_equal(imaugs.shear(photo, factor=0.0), photo)
    assert np.array_equal(imaugs.rotate_keep_size(photo, degrees=0.0), photo)


def test_random_resized_crop_area_and_ratio(photo):
    for seed in range(20):
        tr = multiaug.Tracker()
        out = imaugs.random_resized_crop(photo, size=(30, 40), scale=(0.2, 0.5), metadata=tr, seed=seed)
        assert out.shape == (30, 40, 3)
        x1, y1, x2, y2 = tr[0]["info"]["crop_rect"]
        assert tr[0]["drawn"]["rect"] == [x1, y1, x2, y2]
        frac = (x2 - x1) * (y2 - y1) / (120 * 90)
        assert 0.17 <= frac <= 0.55 and 3 / 4 - 0.05 <= (x2 - x1) / (y2 - y1) <= 4 / 3 + 0.05
        sx, _, tx, _, sy, ty, *_ = tr[0]["info"]["matrix"]
        assert (x1 * sx + tx, y1 * sy + ty, x2 * sx + tx, y2 * sy + ty) == pytest.approx((0, 0, 40, 30))


def test_random_affine_records_keras_draws_and_replays(photo):
    tr = multiaug.Tracker()
    out = imaugs.random_affine(photo, rotation_range=20.0, zoom_range=0.2, horizontal_flip=True, metadata=tr, seed=2)
    info, drawn = tr[0]["info"], tr[0]["drawn"]["transform"]
    assert {k: info[k] for k in drawn} == drawn and abs(drawn["theta"]) <= 20.0
    assert 0.8 <= drawn["zx"] <= 1.2 and 0.8 <= drawn["zy"] <= 1.2
    assert np.array_equal(multiaug.replay(tr, photo), out)
    assert np.array_equal(imaugs.random_affine(photo, seed=5), photo)  # nothing enabled: identity
