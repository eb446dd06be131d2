"""multiaug/image noise family: the generic contract (tests/contract.py) plus physical checks."""

from __future__ import annotations

import numpy as np

import multiaug.image as imaugs
from tests.contract import contract_tests

test_contract = contract_tests("image", "noise")


def test_random_noise_has_the_requested_spread():
    flat = np.full((200, 200, 3), 128, np.uint8)
    out = imaugs.random_noise(flat, mean=0.0, var=0.01, seed=1).astype(np.float64)
    # var 0.01 on the 0-1 scale = std 0.1 = 25.5 levels (no clipping this far from 0 and 255)
    assert abs(out.mean() - 128) < 1.0
    assert abs(out.std() - 25.5) < 1.0
