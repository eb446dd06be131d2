"""The diversity measure of report.json, on hand-made records (numbers worked out by hand)."""

from __future__ import annotations

from math import comb

import pytest

from multiaug.data.diversity import diversity, expected_distinct


def _emoji(ch):
    return {"name": "overlay_emoji", "params": {"emoji_path": ch}, "info": {}}


def _meme(text):
    return {"name": "meme_format", "params": {"text": text}, "info": {}}


def _shot(layout, theme):
    return {"name": "overlay_onto_screenshot", "params": {},
            "info": {"source": "procedural", "layout": layout, "theme": theme}}


def test_expected_distinct_matches_the_hypergeometric_formula():
    # 10 outputs, a value used by 3 of them, sample of 4: P(seen) = 1 - C(7,4)/C(10,4)
    assert expected_distinct([3], 10, 4) == pytest.approx(1 - comb(7, 4) / comb(10, 4))
    assert expected_distinct([1, 1, 1], 3, 3) == 3.0            # the whole set: every value seen
    assert expected_distinct([1] * 200, 200, 100) == pytest.approx(100.0)   # 100 outputs, one new value each
    assert expected_distinct([200], 200, 100) == 1.0


def test_counts_shares_and_fields_on_a_hand_made_record_set():
    outputs = [
        ("image", [_emoji("🔥"), _emoji("😂"), _meme("hi")]),
        ("image", [_emoji("🔥\ufe0f"), _shot("chat", "dark")]),          # VS16 variant = the same emoji
        ("image", [_shot("chat", "dark"), _shot("story", "light"), {"name": "encoding_quality", "params": {}}]),
        ("image", [{"name": "overlay_random_text_with_background", "params": {},
                    "info": {"overlays": [{"phrase": "wow"}, {"phrase": "hi"}]}}]),
        ("text", [{"name": "insert_emoji", "params": {},
                   "info": {"edits": [[{"new": "🌷 ", "op": "insert_emoji"}, {"new": " 💪", "op": "insert_emoji"}]]}}]),
    ]
    d = diversity(outputs)
    img = d["by_modality"]["image"]
    assert img["outputs"] == img["sample"] == 4                      # fewer than 100: counts over all outputs
    assert img["emoji"] == 2.0 and img["emoji_total"] == 2
    assert img["frame_layouts"] == 2.0                              # chat/dark twice, story/light
    assert img["captions"] == 2.0                                   # "hi" (meme and panel), "wow"
    assert img["augmentations"] == 5.0
    assert img["families"] == 4.0                   # overlay, social, encoding, text_overlay (declaration modules)
    assert img["shares"] == {"memes": 0.25, "screenshots": 0.5, "text_overlays": 0.25, "emoji": 0.5,
                             "collages": 0.0, "jpeg": 0.25}
    assert img["by_augmentation"]["overlay_emoji"] == 0.5
    txt = d["by_modality"]["text"]
    assert txt["emoji"] == 2.0 and txt["shares"] == {"emoji": 1.0}


def test_per_100_uses_the_sample_not_the_total():
    outputs = [("image", [_emoji(str(i % 300))]) for i in range(600)]   # 300 values, each in 2 of 600 outputs
    img = diversity(outputs)["by_modality"]["image"]
    expected = 300 * (1 - comb(598, 100) / comb(600, 100))
    assert img["sample"] == 100 and img["emoji"] == pytest.approx(expected, abs=0.01)
    assert img["emoji_total"] == 300
