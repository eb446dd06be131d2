"""Screenshot kernels: frame content is drawn from the Generator alone and is JSON-safe; frames keep the slot where
they say; fitting and placing put the image exactly in the slot (fit or cover) and report what is shown."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from multiaug.image.kernels import screenshot as ss


def test_draw_content_depends_on_the_generator_only_and_is_json_safe():
    a = ss.draw_content(np.random.default_rng(4))
    b = ss.draw_content(np.random.default_rng(4))
    assert a == b and json.loads(json.dumps(a)) == a
    assert a != ss.draw_content(np.random.default_rng(5))
    assert 1 <= len(a["chat"]) <= 3 and 10 <= a["likes"] <= 10 ** 6.3 and a["comments"] <= 0.2 * a["likes"]
    info = ss.content_info(a)
    assert info["user"] == a["handle"] and info["messages"] == a["chat"]


@pytest.mark.parametrize("layout", ss.LAYOUTS)
def test_procedural_frame_slot_follows_the_image_aspect_and_scale(layout):
    content = ss.draw_content(np.random.default_rng(1))
    frame, slot, pad = ss.procedural_frame(layout, "light", content, (400, 300), False, True, None)
    lo, hi = ss.ASPECT[layout]
    aspect = (slot[2] - slot[0]) / (slot[3] - slot[1])
    assert abs(aspect - min(max(400 / 300, lo), hi)) < 0.02
    assert slot[2] <= frame.width and slot[3] <= frame.height
    capped, cslot, _ = ss.procedural_frame(layout, "dark", content, (4000, 3000), False, False, 200_000)
    assert capped.width * capped.height <= 200_000 * 1.02
    assert pad == ((0, 0, 0) if layout == "story" else ss.THEMES["light"]["pad"])


def test_fit_into_fits_or_covers_the_slot():
    img = Image.new("RGB", (200, 100), (255, 0, 0))
    fitted, (ox, oy), shown = ss.fit_into(img, 100, 100, crop=False)
    assert fitted.size == (100, 50) and (ox, oy) == (0, 25) and shown == [0.0, 0.0, 1.0, 1.0]
    covered, (ox, oy), shown = ss.fit_into(img, 100, 100, crop=True)
    assert covered.size == (100, 100) and (ox, oy) == (0, 0)
    assert shown == pytest.approx([0.25, 0.0, 0.75, 1.0])


def test_place_in_slot_pads_and_reports_the_pasted_rectangle():
    frame = Image.new("RGB", (300, 200), (0, 0, 0))
    img = Image.new("RGB", (200, 100), (255, 0, 0))
    out, facts = ss.place_in_slot(frame, [50, 50, 150, 150], (9, 9, 9), img, crop=False)
    assert facts["placed"] == [50, 75, 150, 125] and facts["slot_norm"] == [50 / 300, 0.25, 0.5, 0.75]
    arr = np.asarray(out)
    assert arr[100, 100].tolist() == [255, 0, 0] and arr[60, 100].tolist() == [9, 9, 9] and arr[10, 10].tolist() == [0, 0, 0]


def test_fit_template_scales_frame_and_box_together():
    template = Image.new("RGB", (400, 300))
    same, box = ss.fit_template(template, [100, 100, 200, 150], (50, 25), False, True, None)
    assert same is template and box == [100, 100, 200, 150]
    big, box = ss.fit_template(template, [100, 100, 200, 150], (200, 100), False, False, None)
    assert big.size == (800, 600) and box == [200, 200, 400, 300]
