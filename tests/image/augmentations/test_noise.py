"""multiaug/image noise family: the generic contract (tests/contract.py) plus physical checks."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "noise")


def test_random_noise_has_the_requested_spread():
    flat = np.full((200, 200, 3), 128, np.uint8)
    out = imaugs.random_noise(flat, mean=0.0, var=0.01, seed=1).astype(np.float64)
    # var 0.01 on the 0-1 scale = std 0.1 = 25.5 levels (no clipping this far from 0 and 255)
    assert abs(out.mean() - 128) < 1.0
    assert abs(out.std() - 25.5) < 1.0


def test_random_noise_statistics():
    flat = Image.new("RGB", (200, 200), (128, 128, 128))
    out = np.asarray(imaugs.random_noise(flat, mean=0.0, var=0.01)).astype(float) - 128
    assert abs(out.mean()) < 0.5 and out.std() == pytest.approx(25.5, rel=0.03)
    out = np.asarray(imaugs.random_noise(flat, mean=0.1, var=0.0004)).astype(float) - 128
    assert out.mean() == pytest.approx(25.5, abs=0.3) and out.std() == pytest.approx(5.1, rel=0.05)
    assert imaugs.random_noise(flat, var=0.0).tobytes() == flat.tobytes()


def test_random_noise_seed_and_alpha():
    rgba = sample_image(mode="RGBA")
    a = imaugs.random_noise(rgba)
    assert a.tobytes() == imaugs.random_noise(rgba, seed=42).tobytes()
    assert a.tobytes() != imaugs.random_noise(rgba, seed=43).tobytes()
    assert np.array_equal(np.asarray(a)[..., 3], np.asarray(rgba)[..., 3])
    meta: list = []
    imaugs.random_noise(rgba, metadata=meta)
    assert meta[0]["intensity"] == pytest.approx(0.01) and meta[0]["seed"] == 42
