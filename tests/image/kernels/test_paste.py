"""Paste kernels: sizes and rectangles are where the docstrings say, colours land only under the mask, the base
image is never modified, and an impossible background size is refused before any work."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.core.errors import InvalidParameterError
from multiaug.image.kernels import paste


def test_scaled_size_keeps_the_aspect_and_is_at_least_one_pixel():
    img = Image.new("RGB", (200, 100))
    assert paste.scaled_size(img, 50) == (100, 50)
    assert paste.scaled_size(img, 0) == (2, 1)
    assert paste.scaled_size(Image.new("RGB", (1, 400)), 10) == (1, 10)


def test_resize_for_paste_returns_the_same_image_at_its_own_size_and_resizes_otherwise():
    img = Image.new("RGB", (64, 32), (10, 20, 30))
    assert paste.resize_for_paste(img, 64, 32) is img
    small = paste.resize_for_paste(img, 16, 8)  # strong downscale (LANCZOS)
    big = paste.resize_for_paste(img, 128, 64)  # upscale (BICUBIC)
    assert small.size == (16, 8) and big.size == (128, 64)
    assert np.asarray(small).reshape(-1, 3).tolist()[0] == [10, 20, 30]  # a flat colour stays flat


def test_paste_image_puts_the_overlay_at_its_corner_on_a_copy():
    base = Image.new("RGB", (100, 80), (0, 0, 0))
    over = Image.new("RGB", (20, 10), (255, 0, 0))
    out, rect = paste.paste_image(base, over, 0.5, 0.25, 1.0)
    assert rect == (50, 20, 70, 30)
    arr = np.asarray(out)
    ys, xs = np.nonzero(arr[..., 0])
    assert (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1) == rect
    assert np.asarray(base).max() == 0  # input untouched


def test_paste_image_half_opacity_blends_and_off_canvas_gives_none():
    base = Image.new("RGB", (10, 10), (0, 0, 0))
    out, _ = paste.paste_image(base, Image.new("RGB", (10, 10), (200, 200, 200)), 0.0, 0.0, 0.5)
    assert abs(int(np.asarray(out)[5, 5, 0]) - 100) <= 1
    _, rect = paste.paste_image(base, Image.new("RGB", (4, 4)), 1.0, 1.0, 1.0)  # corner at (W, H): nothing visible
    assert rect is None


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L"])
def test_paint_stripes_colours_exactly_the_mask(mode):
    base = Image.new(mode, (16, 12), 0)
    mask = np.zeros((12, 16), bool)
    mask[3:5] = True
    out = paste.paint_stripes(base, mask, (255, 255, 255), 1.0)
    arr = np.asarray(out.convert("L"))
    assert (arr[mask] == 255).all() and (arr[~mask] == 0).all()
    assert np.asarray(base).max() == 0


def test_paint_stripes_alpha_is_truncated_like_augly():
    base = Image.new("RGB", (4, 4), (0, 0, 0))
    out = paste.paint_stripes(base, np.ones((4, 4), bool), (255, 255, 255), 0.5)
    assert int(np.asarray(out)[0, 0, 0]) == 127  # int(255 · 0.5) = 127 as the alpha of white on black


def test_onto_background_places_the_scaled_foreground():
    fg = Image.new("RGB", (40, 20), (255, 255, 255))
    bg = Image.new("RGB", (200, 100), (0, 0, 0))
    out, rect = paste.onto_background(fg, bg, 1.0, 0.5, 0.25, 0.1, False)
    assert out.size == (200, 100) and rect == [50, 10, 150, 60]
    arr = np.asarray(out)[..., 0]
    ys, xs = np.nonzero(arr)
    assert [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1] == rect
    assert np.asarray(bg).max() == 0


def test_onto_background_scale_bg_resizes_the_background_first():
    fg = Image.new("RGB", (40, 20), (255, 255, 255))
    out, rect = paste.onto_background(fg, Image.new("RGB", (7, 7)), 1.0, 0.5, 0.0, 0.0, True)
    assert out.size == (80, 40) and rect == [0, 0, 40, 20]


def test_onto_background_refuses_a_background_over_the_pixel_limit():
    fg = Image.new("RGB", (4000, 4000))
    with pytest.raises(InvalidParameterError, match="overlay_size"):
        paste.onto_background(fg, Image.new("RGB", (8, 8)), 1.0, 0.01, 0.0, 0.0, True)


def test_onto_background_becomes_rgba_for_a_transparent_foreground():
    fg = Image.new("RGBA", (10, 10), (255, 0, 0, 128))
    out, _ = paste.onto_background(fg, Image.new("RGB", (20, 20), (0, 0, 255)), 1.0, 0.5, 0.0, 0.0, False)
    assert out.mode == "RGBA"


@pytest.mark.parametrize("height,xy", [(300, (-20, -10)), (10, (100, 95)), (50, (40, 30)), (400, (-900, 0))])
@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_paste_scaled_resamples_only_the_visible_part_with_the_same_pixels(monkeypatch, height, xy, mode):
    """Forced onto the partial path (threshold lowered), pasting gives the pixels of scaling everything (±1 level)."""
    from multiaug.image.kernels import paste

    rng = np.random.default_rng(0)
    fg = Image.fromarray(rng.integers(0, 255, (30, 200, 4 if mode == "RGBA" else 3), dtype=np.uint8))
    a, b = Image.new("RGB", (120, 100), (10, 20, 30)), Image.new("RGB", (120, 100), (10, 20, 30))
    full = paste.paste_scaled(b, fg, height, xy, 0.7)
    monkeypatch.setattr(paste, "PARTIAL_RESAMPLE_PIXELS", 0)
    part = paste.paste_scaled(a, fg, height, xy, 0.7)
    assert part == full
    assert np.abs(np.asarray(a, int) - np.asarray(b, int)).max() <= 1
