"""MixUp / CutMix on batches, and a standard training pipeline ending in Normalize / ToCHW."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError


def _batch(n=5, h=24, w=32):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (n, h, w, 3), dtype=np.uint8), np.array([0, 1, 2, 1, 0])


def test_mixup_records_lambda_and_labels_sum_to_one():
    x, y = _batch()
    mix = imaugs.MixUp(alpha=0.4, num_classes=3)
    out, soft = mix(x, y, seed=11)
    lam = mix.last_record["lambda"]
    assert 0 < lam < 1 and mix.last_record["seed"] == 11
    assert soft.sum(1) == pytest.approx(np.ones(5))
    assert soft[1, 1] == pytest.approx(lam) and soft[1, 0] == pytest.approx(1 - lam)
    expect = np.rint(lam * x[2].astype(np.float32) + (1 - lam) * x[1].astype(np.float32))
    assert np.abs(out[2].astype(int) - expect).max() <= 1
    again, soft2 = mix.replay(mix.last_record, x, y)
    assert np.array_equal(again, out) and np.array_equal(soft2, soft)


def test_cutmix_lambda_is_the_kept_area():
    x, y = _batch()
    cut = imaugs.CutMix(num_classes=3)
    for seed in range(10):
        out, soft = cut(x, y, seed=seed)
        rec = cut.last_record
        x1, y1, x2, y2 = rec["box"]
        pasted = (out[0] != x[0]).any(-1)
        assert pasted[y1:y2, x1:x2].mean() > 0.9 and not pasted[:y1].any() and not pasted[y2:].any()
        assert rec["lambda"] == pytest.approx(1 - (x2 - x1) * (y2 - y1) / (24 * 32))
        assert soft.sum(1) == pytest.approx(np.ones(5))
        assert soft[1, 1] == pytest.approx(rec["lambda"]) and soft[1, 0] == pytest.approx(1 - rec["lambda"])


def test_soft_labels_and_errors():
    x, _ = _batch()
    soft = np.eye(4, dtype=np.float32)[[0, 1, 2, 3, 0]]
    _, out = imaugs.MixUp()(x, soft, seed=1)
    assert out.shape == (5, 4) and out.sum(1) == pytest.approx(np.ones(5))
    with pytest.raises(InvalidParameterError):
        imaugs.MixUp()(x, np.array([0, 1, 2, 1, 0]))
    with pytest.raises(InvalidParameterError):
        imaugs.CutMix(alpha=0)
    with pytest.raises(InvalidParameterError):
        imaugs.MixUp(num_classes=3)(x[0], np.array([0]))


def test_standard_pipeline_records_replay_and_ends_in_float():
    from PIL import Image

    img = np.asarray(Image.open("assets/image/samples/photo_1024x768.jpg").convert("RGB"))
    pipe = multiaug.Compose([imaugs.RandomResizedCrop(size=224), imaugs.HFlip(p=0.5),
                             imaugs.RandomColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1),
                             imaugs.Normalize(), imaugs.ToCHW()])
    tr = multiaug.Tracker()
    out = pipe(img, metadata=tr, seed=5)
    assert out.shape == (3, 224, 224) and out.dtype == np.float32
    uint8 = multiaug.replay(tr, img)
    ref = imaugs.ToCHW()(imaugs.Normalize()(uint8))
    assert np.array_equal(ref, out)
