"""Finite means finite (issue 12): every float argument refuses NaN and ±inf naming the argument, unless its
Range documents what an infinite value means (``inf_meaning``); ints beyond the float range are refused too."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.audio as audaugs
import multiaug.image as imaugs
import multiaug.text as txtaugs
from multiaug.core.errors import InvalidParameterError
from multiaug.core.registry import entries

INF_CASES = [
    (imaugs.brightness, "factor"), (imaugs.contrast, "factor"), (imaugs.sharpen, "factor"),
    (imaugs.color_jitter, "brightness_factor"), (imaugs.skew, "skew_factor"), (imaugs.rotate, "degrees"),
    (imaugs.change_aspect_ratio, "ratio"), (imaugs.pad, "w_factor"), (imaugs.pixelization, "ratio"),
    (imaugs.scale, "factor"), (imaugs.blur, "radius"), (txtaugs.change_case, "cadence"),
]


@pytest.mark.parametrize("fn,arg", INF_CASES, ids=[f"{f.__name__}-{a}" for f, a in INF_CASES])
@pytest.mark.parametrize("value", [math.inf, -math.inf])
@pytest.mark.parametrize("form", ["array", "pil"])
def test_the_issues_infinities_are_refused_naming_the_argument(fn, arg, value, form):
    image = np.zeros((12, 16, 3), np.uint8)
    media = "some text" if fn is txtaugs.change_case else image if form == "array" else Image.fromarray(image)
    with pytest.raises(InvalidParameterError, match=f"'{arg}' must be finite") as info:
        fn(media, **{arg: value})
    assert info.value.argument == arg


def test_every_float_parameter_refuses_inf_and_nan_unless_it_documents_a_meaning():
    checked = 0
    for e in entries():
        for p in e.params:
            if p.kind != "float":
                continue
            documented = p.range is not None and p.range.inf_meaning is not None
            for value in (math.inf, -math.inf, math.nan):
                try:
                    p.validate(value, e.name)
                    accepted = True
                except InvalidParameterError as exc:
                    accepted = False
                    assert exc.argument == p.name
                if accepted:
                    assert documented and value == value, f"{e.name}.{p.name} accepts {value}"
                checked += 1
    assert checked > 300


def test_huge_ints_and_negative_zero():
    e = multiaug.get_entry("pad", "image")
    spec = next(p for p in e.params if p.name == "w_factor")
    assert math.copysign(1.0, spec.validate(-0.0, "pad")) == 1.0
    loop = next(p for p in multiaug.get_entry("loop", "audio").params if p.name == "n")
    with pytest.raises(InvalidParameterError, match="too large for a float"):
        loop.validate(10**400, "loop")


def test_uniform_refuses_infinite_bounds():
    with pytest.raises(InvalidParameterError, match="finite"):
        multiaug.Uniform(0.0, math.inf)
    with pytest.raises(InvalidParameterError, match="finite"):
        multiaug.Uniform(math.nan, 1.0)


def test_documented_infinities_keep_working_and_are_shown():
    x = (0.3 * np.sin(np.arange(4000) / 5.0)).astype(np.float32)
    y, _ = audaugs.normalize(x, sample_rate=16000, norm=math.inf)
    assert np.isclose(np.abs(y).max(), 1.0)
    y, _ = audaugs.harmonic(x, sample_rate=16000, power=math.inf)
    assert np.isfinite(y).all()
    spec = next(p for p in multiaug.get_entry("harmonic", "audio").params if p.name == "power")
    assert spec.range.describe() == "(0, inf] (inf = a binary mask)"
