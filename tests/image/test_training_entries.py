"""The single-image training augmentations (weather, tone, dropout, distortion, jitter, crops) as entries."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError
from multiaug.image.kernels import weather as kw
from tests.helpers import sample_image


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(120, 90, seed=7)).copy()


def test_fog_entry_identity_and_monotone_visibility(photo):
    assert np.array_equal(imaugs.fog(photo, beta_range=(0.0, 0.0), seed=1), photo)
    losses = []
    for beta in (0.3, 1.0, 3.0):
        tr = multiaug.Tracker()
        imaugs.fog(photo, beta_range=(beta, beta), metadata=tr, seed=1)
        info = tr[0]["info"]
        assert info["visibility"] == pytest.approx(kw.KOSCHMIEDER / beta)
        losses.append(info["contrast_loss"])
        assert tr[0]["intensity"] == pytest.approx(info["contrast_loss"] * 100)
    assert losses[0] < losses[1] < losses[2]
    depth = np.ones(photo.shape[:2], np.float32)
    out = imaugs.fog(photo, beta_range=(1.0, 1.0), depth=depth, seed=0)
    t = np.exp(-1.0)
    assert out[5, 5].astype(float) == pytest.approx(photo[5, 5] * t + 230 * (1 - t), abs=0.6)
    with pytest.raises(InvalidParameterError, match="depth"):
        imaugs.fog(photo, depth=np.ones((3, 3), np.float32))


def test_weather_entries_record_what_they_drew(photo):
    for fn, key in ((imaugs.rain, "slant"), (imaugs.snow, "amount"), (imaugs.sun_flare, "source"),
                    (imaugs.shadow, "polygons"), (imaugs.night, "gamma")):
        tr = multiaug.Tracker()
        out = fn(photo, metadata=tr, seed=3)
        assert out.shape == photo.shape and key in tr[0]["info"]
        assert np.array_equal(multiaug.replay(tr, photo), out)
    assert imaugs.night(photo, seed=1).mean() < photo.mean()
    assert imaugs.rain(photo, rain_type="torrential", seed=1).mean() < photo.mean()


def test_tone_entries(photo):
    assert np.array_equal(imaugs.posterize(photo, bits=8), photo)
    assert np.array_equal(imaugs.solarize(photo, threshold=256), photo)
    assert np.array_equal(imaugs.invert(imaugs.invert(photo)), photo)
    assert imaugs.autocontrast(photo).max() == 255
    assert imaugs.clahe(photo).shape == photo.shape
    pil = sample_image(40, 30)
    assert imaugs.equalize(pil).mode == "RGB"


def test_dropout_entries(photo):
    tr = multiaug.Tracker()
    out = imaugs.coarse_dropout(photo, num_holes_range=(3, 3), fill=(255, 0, 0), metadata=tr, seed=2)
    holes = tr[0]["info"]["holes"]
    assert len(holes) == 3
    for x1, y1, x2, y2 in holes:
        assert (out[y1:y2, x1:x2] == [255, 0, 0]).all()
    tr = multiaug.Tracker()
    out = imaugs.random_erasing(photo, scale=(0.1, 0.1), value="random", metadata=tr, seed=2)
    (x1, y1, x2, y2), = tr[0]["info"]["holes"]
    assert (x2 - x1) * (y2 - y1) == pytest.approx(0.1 * 120 * 90, rel=0.15)
    assert np.array_equal(out[:y1], photo[:y1])


def test_jitter_entry_draws_torchvision_ranges(photo):
    for seed in range(10):
        tr = multiaug.Tracker()
        imaugs.random_color_jitter(photo, brightness=0.4, contrast=(0.9, 1.1), hue=0.1, metadata=tr, seed=seed)
        d = tr[0]["info"]
        assert 0.6 <= d["brightness"] <= 1.4 and 0.9 <= d["contrast"] <= 1.1 and abs(d["hue"]) <= 0.1
        assert d["saturation"] == 1.0 and sorted(d["order"]) == ["brightness", "contrast", "hue", "saturation"]


def test_random_resized_crop_area_and_ratio(photo):
    for seed in range(20):
        tr = multiaug.Tracker()
        out = imaugs.random_resized_crop(photo, size=(30, 40), scale=(0.2, 0.5), metadata=tr, seed=seed)
        assert out.shape == (30, 40, 3)
        x1, y1, x2, y2 = tr[0]["info"]["crop_rect"]
        frac = (x2 - x1) * (y2 - y1) / (120 * 90)
        assert 0.17 <= frac <= 0.55 and 3 / 4 - 0.05 <= (x2 - x1) / (y2 - y1) <= 4 / 3 + 0.05


def test_distortions_replay_and_move_boxes(photo):
    for fn in (imaugs.grid_distortion, imaugs.elastic_transform):
        tr = multiaug.Tracker()
        out, boxes = fn(photo, bboxes=[[20, 20, 60, 50]], bbox_format="pascal_voc", return_bboxes=True,
                        metadata=tr, seed=4)
        assert np.array_equal(multiaug.replay(tr, photo), out) and boxes[0] is not None
