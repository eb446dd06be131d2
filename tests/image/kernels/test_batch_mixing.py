"""MixUp / CutMix kernels: labels stay distributions, λ is the kept fraction, pixels come from the neighbour."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.image.kernels import batch_mixing as bm


def _batch(n=4, h=20, w=30):
    return np.stack([np.full((h, w, 3), 40 * (i + 1), np.uint8) for i in range(n)])


def test_mix_labels_rows_sum_to_one():
    y = bm.one_hot(np.array([0, 2, 1, 2]), 3)
    mixed = bm.mix_labels(y, 0.3)
    assert mixed.sum(1) == pytest.approx(np.ones(4))
    assert mixed[1].tolist() == pytest.approx([0.7, 0.0, 0.3])  # 0.3·class 2 + 0.7·class 0 (its neighbour)


def test_mixup_values():
    x = _batch()
    out = bm.mixup(x, 0.25)
    assert out.dtype == np.uint8
    assert out[0, 0, 0, 0] == round(0.25 * 40 + 0.75 * 160)
    assert np.array_equal(bm.mixup(x, 1.0), x)
    f = bm.mixup(x.astype(np.float32) / 255, 0.5)
    assert f.dtype == np.float32 and f[1, 0, 0, 0] == pytest.approx((80 + 40) / 2 / 255)


def test_cutmix_box_area_is_one_minus_lambda():
    box, lam = bm.cutmix_box(100, 80, 0.64, 50, 40)  # r = 0.3: half sides 30 and 24
    assert box == (20, 16, 80, 64)
    assert lam == pytest.approx(1 - 60 * 48 / 8000)
    box, lam = bm.cutmix_box(100, 80, 0.64, 2, 79)  # clipped at the corner
    assert box == (0, 55, 32, 80) and lam == pytest.approx(1 - 32 * 25 / 8000)


def test_cutmix_pastes_the_neighbour():
    x = _batch()
    out = bm.cutmix(x, (5, 4, 15, 10))
    assert (out[0, 4:10, 5:15] == 160).all() and (out[2, 4:10, 5:15] == 80).all()
    assert (out[0, :4] == 40).all() and np.array_equal(x, _batch())


def test_one_hot_rejects_bad_labels():
    with pytest.raises(ValueError):
        bm.one_hot(np.array([0, 3]), 3)


@pytest.mark.parametrize("dtype", [np.uint8, np.float32, np.float64])
def test_mixup_and_cutmix_equal_the_rolled_batch_formulas(dtype):
    x = (np.random.default_rng(2).random((5, 9, 11, 3)) * 250).astype(dtype)
    rolled = np.roll(x, 1, axis=0).astype(np.float32)
    want = np.float32(0.3) * x.astype(np.float32) + np.float32(0.7) * rolled
    if dtype == np.uint8:
        want = np.clip(np.rint(want), 0, 255).astype(np.uint8)
    got = bm.mixup(x, 0.3)
    assert got.dtype == want.dtype and np.array_equal(got, want)  # bit for bit, not approximately
    cut = x.copy()
    cut[:, 2:7, 1:8] = np.roll(x, 1, axis=0)[:, 2:7, 1:8]
    assert np.array_equal(bm.cutmix(x, (1, 2, 8, 7)), cut)
