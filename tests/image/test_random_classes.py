"""AugLy's Random* range classes."""

from __future__ import annotations

import inspect

import pytest

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from tests.helpers import sample_image

CASES = [
    ("RandomAspectRatio", "change_aspect_ratio", "ratio", 0.5, 2.0),
    ("RandomBlur", "blur", "radius", 0.0, 10.0),
    ("RandomBrightness", "brightness", "factor", 0.0, 2.0),
    ("RandomPixelization", "pixelization", "ratio", 0.1, 1.0),
    ("RandomRotation", "rotate", "degrees", 0.0, 180.0),
]


@pytest.mark.parametrize("cls_name,func,param,lo,hi", CASES)
def test_range_class_draws_in_range_records_and_replays(cls_name, func, param, lo, hi):
    cls = getattr(imaugs, cls_name)
    sig = list(inspect.signature(cls).parameters)
    assert sig[:2] == [f"min_{param}", f"max_{param}"]
    assert (cls().params[param].low, cls().params[param].high) == (lo, hi)
    img = sample_image()
    tracker = Tracker()
    t = cls(seed=5)
    outs = [t(img, metadata=tracker) for _ in range(4)]
    values = [r[param] for r in tracker]
    assert all(r["name"] == func for r in tracker)
    assert all(lo <= v <= hi for v in values) and len(set(values)) == 4
    for rec, out in zip(tracker, outs):
        assert Tracker([rec]).replay(img).tobytes() == out.tobytes()


def test_range_class_defaults_and_errors():
    assert inspect.signature(imaugs.RandomRotation).parameters["expand"].default is False
    with pytest.raises(InvalidParameterError):
        imaugs.RandomBlur(min_radius=5.0, max_radius=1.0)
    with pytest.raises(InvalidParameterError):
        imaugs.RandomBrightness(min_factor=-1.0)
