"""Text-overlay kernels: sizes computed from layouts equal the sizes of what is then rendered (samplers draw
positions from them before anything is drawn), and the drawing functions put text where they say."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.image.kernels import text_overlay as to
from multiaug.image.kernels import text_render as tr
from multiaug.image.resources import constants as C

PHRASES = ["You won't believe what happened next", "emoji 🔥 and العربية mixed, long enough to wrap", "x" * 60]


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("rotation", [0.0, 7.5, -30.0, 45.0])
def test_caption_plan_and_rotated_size_equal_the_rendered_card(phrase, rotation):
    for width, height, n, stroke in ((320, 240, 1, 0), (97, 300, 3, 3), (640, 80, 2, 1)):
        plan = to.caption_layout(phrase, C.DEFAULT_FONT, width, height, 40, 0.5, 15, n, stroke)
        card = to.caption_card(plan, C.DEFAULT_FONT, (255, 255, 255), stroke, (0, 0, 0), (10, 20, 30), None, "solid",
                               "horizontal", 0.9)
        assert card.size == (plan.width, plan.height)
        rotated = card.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=True) if rotation else card
        assert to.rotated_size(plan.width, plan.height, rotation) == rotated.size


@pytest.mark.parametrize("text", ["AbC\nxyz", "one", "long " * 30])
@pytest.mark.parametrize(("size", "box"), [(50, (96, 64)), (300, (400, 300)), (10, (30, 20)), (200, (50, 400))])
def test_fitting_size_is_the_size_render_fitting_ends_at(text, size, box):
    px, w, h = to.fitting_size(text, C.DEFAULT_FONT, size, *box)
    layer, used = to.render_fitting(text, C.DEFAULT_FONT, size, *box, fill=(255, 255, 255), stroke_fill=(0, 0, 0))
    assert used == px and layer.size == (w, h)
    assert (w <= box[0] and h <= box[1]) or px <= 6


def test_wrap_to_fit_stays_inside_the_width_and_height():
    px, wrapped, lay = to.wrap_to_fit("word " * 80, C.DEFAULT_FONT, 200, 120, 0.3)
    assert lay.height <= 120 or px <= 4
    assert all(tr.layout_text(line, C.DEFAULT_FONT, px).width <= 200 * 0.95 for line in wrapped.split("\n") if line)


def test_draw_layer_text_paints_inside_the_returned_rect_only():
    base = Image.new("RGB", (120, 80), (0, 0, 0))
    out, rect = to.draw_layer_text(base, "Hi", C.DEFAULT_FONT, 30, (10, 20), fill=(255, 0, 0))
    arr = np.asarray(out)
    ys, xs = np.nonzero(arr[..., 0])
    assert rect is not None and xs.min() >= rect[0] and xs.max() < rect[2] and ys.min() >= rect[1] and ys.max() < rect[3]
    assert np.asarray(base).max() == 0  # the input is not modified
