"""Every part-A image function keeps the caller's mode and size rules across Pillow modes, and its
intensity follows AugLy's formula (§7 of the parity reference) on known values."""

from __future__ import annotations

import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.core.registry import entries
from tests.helpers import sample_image

FAMILIES = {"geometry", "color", "filters", "noise", "encoding", "tiles", "composite"}
NON_DEFAULT = {
    "brightness": {"factor": 1.4}, "contrast": {"factor": 0.6}, "saturation": {"factor": 1.5}, "sharpen": {"factor": 2.0},
    "color_jitter": {"brightness_factor": 1.2, "contrast_factor": 0.8, "saturation_factor": 1.3},
    "opacity": {"level": 0.4}, "pixelization": {"ratio": 0.3}, "convert_color": {"mode": "P", "palette": 1, "colors": 8},
    "rotate": {"degrees": 33.0, "expand": True, "fill_color": (255, 0, 0)}, "resize": {"width": 31, "resample": 3},
    "clip_image_size": {"max_resolution": 1500}, "masked_composite": {"transform_function": imaugs.Blur(radius=2.0)},
    "grayscale": {"mode": "average"}, "perspective_transform": {"sigma": 4.0, "crop_out_black_border": True},
}
MODES = ["L", "RGB", "RGBA", "P", "LA", "CMYK", "1", "I"]
ENTRIES = [e for e in entries("image") if e.family in FAMILIES]


def _image(mode: str) -> Image.Image:
    base = sample_image(64, 48)
    if mode == "RGBA":
        return sample_image(64, 48, mode="RGBA")
    if mode == "P":
        return base.convert("P", palette=Image.Palette.ADAPTIVE, colors=32)
    return base.convert(mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_mode_is_preserved(entry, mode):
    img = _image(mode)
    out = entry.public(img, **{**entry.example_params(), **NON_DEFAULT.get(entry.name, {})})
    assert isinstance(out, Image.Image) and out.mode == mode


INTENSITIES = [
    ("blur", {"radius": 3.0}, 3.0),
    ("brightness", {"factor": 0.25}, 40.0),
    ("contrast", {"factor": 20.0}, 100.0),
    ("change_aspect_ratio", {"ratio": 2.0}, 20.0),
    ("color_jitter", {"brightness_factor": 1.5, "contrast_factor": 1.0, "saturation_factor": 0.5}, 3.5 / 30 * 100),
    ("crop", {}, 75.0),
    ("pad", {"w_factor": 0.5, "h_factor": 0.0}, 50.0),
    ("resize", {"width": 32, "height": 48}, 50.0),
    ("scale", {"factor": 0.25}, 40.0),
    ("rotate", {"degrees": 45.0}, 25.0),
    ("encoding_quality", {"quality": 80}, 20.0),
    ("opacity", {"level": 0.75}, 25.0),
    ("pixelization", {"ratio": 0.4}, 60.0),
    ("pixelization", {"ratio": 1.5}, 0.0),
    ("random_noise", {"mean": 5.0, "var": 2.0}, 0.05 * 0.2 * 100),
    ("perspective_transform", {"sigma": 30.0}, 30.0),
    ("skew", {"skew_factor": 0.5}, 25.0),
    ("shuffle_pixels", {"factor": 0.3}, 30.0),
    ("split_and_shuffle", {"n_columns": 2, "n_rows": 2}, 75.0),
    ("grayscale", {}, 100.0),
    ("convert_color", {}, 100.0),
    ("apply_pil_filter", {}, 100.0),
    ("collage", {}, 100.0),
    ("hstack", {}, 100.0),
]


@pytest.mark.parametrize("name,params,want", INTENSITIES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(INTENSITIES)])
def test_intensity_values(name, params, want):
    meta: list = []
    getattr(imaugs, name)(sample_image(64, 48), metadata=meta, **params)
    assert meta[0]["intensity"] == pytest.approx(want)
