"""multiaug/image weather family: the generic contract (tests/contract.py) plus Koschmieder's law, monotone
darkening and the drawn records."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError
from multiaug.image.kernels import weather as kw
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "weather")


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


@pytest.mark.parametrize(("fn", "key"), [(imaugs.rain, "slant"), (imaugs.snow, "amount"), (imaugs.sun_flare, "source"),
                                         (imaugs.shadow, "polygons"), (imaugs.night, "gamma")])
def test_weather_entries_record_what_they_drew(photo, fn, key):
    tr = multiaug.Tracker()
    out = fn(photo, metadata=tr, seed=3)
    assert out.shape == photo.shape and key in tr[0]["info"]
    assert key in tr[0]["drawn"]
    assert np.array_equal(multiaug.replay(tr, photo), out)


def test_darkening_weather_darkens(photo):
    assert imaugs.night(photo, seed=1).mean() < photo.mean()
    assert imaugs.rain(photo, rain_type="torrential", seed=1).mean() < photo.mean()
    dark = imaugs.shadow(photo, shadow_roi=(0.0, 0.0, 1.0, 1.0), shadow_intensity_range=(1.0, 1.0), seed=2)
    assert dark.mean() < photo.mean() and (dark <= photo).all()


def test_sun_flare_source_lies_in_its_region(photo):
    for seed in range(5):
        tr = multiaug.Tracker()
        imaugs.sun_flare(photo, flare_roi=(0.5, 0.0, 1.0, 0.25), metadata=tr, seed=seed)
        x, y = tr[0]["info"]["source"]
        assert 60 <= x <= 120 and 0 <= y <= 22.5
