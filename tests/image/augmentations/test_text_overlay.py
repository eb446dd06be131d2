"""multiaug/image text_overlay family: the generic contract (tests/contract.py) plus placement, wrapping, seeds, text validation."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "text_overlay")


def _changed_bbox(a: Image.Image, b: Image.Image) -> tuple[int, int, int, int] | None:
    diff = np.any(np.asarray(a.convert("RGB")).astype(int) != np.asarray(b.convert("RGB")).astype(int), axis=2)
    ys, xs = np.nonzero(diff)
    if ys.size == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


# --- overlay_text ---------------------------------------------------------------------------------
def test_overlay_text_position_and_colour():
    img = Image.new("RGB", (200, 200), (0, 0, 0))
    out = imaugs.overlay_text(img, text="Hi", x_pos=0.25, y_pos=0.5, font_size=0.2, color=(0, 255, 0))
    box = _changed_bbox(img, out)
    assert box is not None and box[0] >= 50 and box[1] >= 100 and box[0] < 80
    arr = np.asarray(out)
    assert arr[..., 1].max() == 255 and arr[..., 0].max() == 0


def test_overlay_text_is_a_str_and_not_empty():
    img = sample_image()
    for bad in ["", "   ", [1, 2, 3], [[1], [2]]]:
        with pytest.raises(InvalidParameterError, match="text"):
            imaugs.overlay_text(img, text=bad)
    two = imaugs.overlay_text(Image.new("RGB", (200, 200)), text="A\nB", font_size=0.1)
    one = imaugs.overlay_text(Image.new("RGB", (200, 200)), text="A", font_size=0.1)
    b2, b1 = _changed_bbox(Image.new("RGB", (200, 200)), two), _changed_bbox(Image.new("RGB", (200, 200)), one)
    assert b2[3] - b2[1] > 1.8 * (b1[3] - b1[1])  # a second line


def test_overlay_text_intensity_and_boxes_unchanged():
    meta = []
    _, boxes = imaugs.overlay_text(sample_image(), text="x", opacity=0.5, font_size=0.2, metadata=meta,
                                   bboxes=[(1, 2, 30, 40)], bbox_format="pascal_voc", return_bboxes=True)
    assert meta[0]["intensity"] == pytest.approx(0.5 * 0.04 * 100)
    assert boxes == [pytest.approx([1, 2, 30, 40])]


# --- random text overlays ---------------------------------------------------------------------------
def test_wrap_text_random_seed_alias_overrides_seed():
    img = sample_image(160, 120)
    a = imaugs.overlay_wrap_text(img, "wrap me around please", random_seed=5, seed=1)
    b = imaugs.overlay_wrap_text(img, "wrap me around please", random_seed=5, seed=2)
    assert a.tobytes() == b.tobytes()
    t = Tracker()
    imaugs.overlay_wrap_text(img, "wrap me around please", random_seed=5, metadata=t)
    assert t[0]["random_seed"] == 5 and isinstance(t[0]["seed"], int)


def test_wrap_text_wraps_and_stays_inside():
    img = Image.new("RGB", (120, 200))
    t = Tracker()
    out = imaugs.overlay_wrap_text(img, "a fairly long sentence that needs wrapping", font_size=0.15, color=(255, 255, 255),
                                   seed=3, metadata=t)
    assert t[0]["info"]["lines"] >= 3
    assert 0 < t[0]["intensity"] <= 100
    assert _changed_bbox(img, out) is not None
    with pytest.raises(InvalidParameterError, match="min_font_size_ratio"):
        imaugs.overlay_wrap_text(img, "x", min_font_size_ratio=0.5, max_font_size_ratio=0.1)
    # irrelevant when font_size is given
    assert imaugs.overlay_wrap_text(img, "x", min_font_size_ratio=0.5, max_font_size_ratio=0.1, font_size=0.1).size == img.size


def test_random_text_length_and_seed():
    img = Image.new("RGB", (400, 300))
    t = Tracker()
    imaugs.overlay_random_text(img, scale_factor=0.5, max_text_length=20, seed=4, metadata=t)
    text = t[0]["info"]["text"]
    assert len(text.replace("\n", "")) == 10 and text.replace("\n", "").isalnum()
    assert 1 <= text.count("\n") <= 3
    other = Tracker()
    imaugs.overlay_random_text(img, scale_factor=0.5, max_text_length=20, seed=5, metadata=other)
    assert other[0]["info"]["text"] != text


def test_random_text_with_background_options():
    img = sample_image(320, 240)
    t = Tracker()
    imaugs.overlay_random_text_with_background(img, num_overlays=3, phrases=["only this"], text_rotation=60.0,
                                               bold=True, box_bg_mode="gradient", seed=8, metadata=t)
    info = t[0]["info"]
    assert len(info["overlays"]) == 3 and {o["phrase"] for o in info["overlays"]} == {"only this"}
    assert info["rotation"] == 45.0
    expected = 0.9 * 0.25 * 100 + 20 * 3 / 5 + 10 + 1
    assert t[0]["intensity"] == pytest.approx(expected)
    for placement in ("top", "center", "random"):
        out = imaugs.overlay_random_text_with_background(img, placement=placement, seed=1)
        assert out.size == img.size
    with pytest.raises(InvalidParameterError, match="phrases"):
        imaugs.overlay_random_text_with_background(img, phrases=[])


def test_random_text_with_background_placement():
    img = Image.new("RGB", (300, 300), (0, 0, 0))
    kw = {"box_color": (255, 255, 255), "padding": 10, "scale_factor": 1.0, "font_size": 20}
    bottom = _changed_bbox(img, imaugs.overlay_random_text_with_background(img, placement="bottom", seed=2, **kw))
    top = _changed_bbox(img, imaugs.overlay_random_text_with_background(img, placement="top", seed=2, **kw))
    assert 285 <= bottom[3] <= 290 and bottom[1] > 150
    assert 10 <= top[1] <= 15 and top[3] < 150


# --- ranking_numbers ------------------------------------------------------------------------------
def test_ranking_numbers_layout_and_json_keys():
    img = Image.new("RGB", (300, 300), (0, 0, 0))
    a = imaugs.ranking_numbers(img, {2: "Two", 1: "One"}, left_dist=40)
    b = imaugs.ranking_numbers(img, {"1": "One", "2": "Two"}, left_dist=40)
    assert a.tobytes() == b.tobytes()
    box = _changed_bbox(img, a)
    assert 38 <= box[0] <= 48
    arr = np.asarray(a)
    assert (arr.reshape(-1, 3) == [255, 255, 0]).all(axis=1).any()  # yellow labels


def test_ranking_numbers_errors_and_positions():
    img = sample_image()
    with pytest.raises(InvalidParameterError, match="ranking_dict"):
        imaugs.ranking_numbers(img, {i: str(i) for i in range(1, 22)})
    with pytest.raises(InvalidParameterError, match="ranking_dict"):
        imaugs.ranking_numbers(img, {})
    with pytest.raises(InvalidParameterError, match="positions"):
        imaugs.ranking_numbers(img, {1: "a", 2: "b"}, positions=[(0.1, 0.1)])
    black = Image.new("RGB", (200, 200))
    out = imaugs.ranking_numbers(black, {1: "a"}, positions=[(0.5, 0.5)], stroke_width=0)
    box = _changed_bbox(black, out)
    assert box[0] >= 100 and box[1] >= 100


def test_text_overlay_classes_replay_from_json():
    img = sample_image(96, 64)
    t = Tracker()
    aug = imaugs.Compose([imaugs.OverlayWrapText(text="hello there"), imaugs.RankingNumbers(ranking_dict={1: "a"}),
                          imaugs.OverlayEmoji(emoji_path=":fire:")])
    out = aug(img, metadata=t, seed=12)
    again = Tracker.from_json(t.to_json()).replay(img)
    assert again.tobytes() == out.tobytes()
