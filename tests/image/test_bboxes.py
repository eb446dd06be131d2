"""Box geometry helpers shared by the image families."""

from __future__ import annotations

import math

import pytest

from multiaug.image.targets import box_rules as bb


def test_warp_box_identity_translation_and_crop():
    box = (0.25, 0.5, 0.75, 1.0)
    assert bb.warp_box(box, bb.translate_matrix(0, 0), (100, 40), (0, 0, 100, 40)) == pytest.approx(box)
    # pad by 10 px left and 5 px top on a 120×50 canvas
    got = bb.warp_box(box, bb.translate_matrix(10, 5), (100, 40), (0, 0, 120, 50))
    assert got == pytest.approx((35 / 120, 25 / 50, 85 / 120, 45 / 50))
    # crop px rect (20, 10, 70, 40) of the source
    got = bb.warp_box(box, bb.translate_matrix(0, 0), (100, 40), (20, 10, 70, 40))
    assert got == pytest.approx((5 / 50, 10 / 30, 1.0, 1.0))
    assert bb.warp_box((0.0, 0.0, 0.1, 0.1), bb.translate_matrix(0, 0), (100, 40), (50, 0, 100, 40)) is None


def test_warp_box_rotation_encloses_rotated_corners():
    c, s = math.cos(math.pi / 2), math.sin(math.pi / 2)
    m = [c, s, 0.0, -s, c, 100.0, 0.0, 0.0, 1.0]  # 90° ccw of a 100×50 image onto a 50×100 canvas
    got = bb.warp_box((0.0, 0.0, 0.5, 1.0), m, (100, 50), (0, 0, 50, 100))
    assert got == pytest.approx((0.0, 0.5, 1.0, 1.0), abs=1e-9)


def test_place_box_and_rule():
    assert bb.place_box((0.0, 0.0, 1.0, 1.0), (10, 20, 60, 70), (100, 100)) == pytest.approx((0.1, 0.2, 0.6, 0.7))
    rule = bb.place_rule("slot")
    facts = {"info": {"slot": [0, 50, 100, 100]}, "dst_width": 100, "dst_height": 100}
    assert rule([(0.0, 0.0, 0.5, 0.5), None], {}, facts) == [pytest.approx((0.0, 0.5, 0.5, 0.75)), None]
    assert "slot" in rule.__doc__


def test_crop_box():
    assert bb.crop_box((0.3, 0.3, 0.6, 0.6), (0.25, 0.25, 0.75, 0.75)) == pytest.approx((0.1, 0.1, 0.7, 0.7))
    assert bb.crop_box((0.0, 0.0, 0.2, 0.2), (0.25, 0.25, 0.75, 0.75)) is None


@pytest.mark.parametrize(
    "cover,want",
    [
        ((0.0, 0.0, 1.0, 1.0), None),  # fully covered
        ((0.0, 0.0, 0.5, 1.0), (0.5, 0.2, 0.8, 0.8)),  # covers the whole left side → trimmed
        ((0.6, 0.0, 1.0, 1.0), (0.2, 0.2, 0.6, 0.8)),  # right side
        ((0.0, 0.0, 1.0, 0.3), (0.2, 0.3, 0.8, 0.8)),  # top
        ((0.0, 0.7, 1.0, 1.0), (0.2, 0.2, 0.8, 0.7)),  # bottom
        ((0.4, 0.4, 0.6, 0.6), (0.2, 0.2, 0.8, 0.8)),  # hole in the middle: unchanged
        ((0.0, 0.0, 0.3, 0.3), (0.2, 0.2, 0.8, 0.8)),  # a corner: unchanged
        ((0.9, 0.9, 1.0, 1.0), (0.2, 0.2, 0.8, 0.8)),  # no overlap
    ],
)
def test_occlude_box(cover, want):
    got = bb.occlude_box((0.2, 0.2, 0.8, 0.8), cover)
    assert got == (None if want is None else pytest.approx(want))


def test_pieces_rule_encloses_moved_pieces():
    # two 50×100 halves of a 100×100 image swapped
    facts = {"info": {"pieces": [[0, 0, 50, 100, 50, 0], [50, 0, 100, 100, -50, 0]]},
             "src_width": 100, "src_height": 100, "dst_width": 100, "dst_height": 100}
    inside, split = bb.pieces_rule([(0.1, 0.1, 0.3, 0.3), (0.4, 0.1, 0.6, 0.3)], {}, facts)
    assert inside == pytest.approx((0.6, 0.1, 0.8, 0.3))
    assert split == pytest.approx((0.0, 0.1, 1.0, 0.3))


def test_occlude_rule():
    rule = bb.occlude_rule("cover")
    facts = {"info": {"cover": [0, 0, 50, 100]}, "dst_width": 100, "dst_height": 100}
    assert rule([(0.2, 0.2, 0.8, 0.8), (0.1, 0.1, 0.4, 0.4), None], {}, facts) == [
        pytest.approx((0.5, 0.2, 0.8, 0.8)), None, None]
    assert rule([(0.1, 0.1, 0.4, 0.4)], {}, {"info": {"cover": None}, "dst_width": 1, "dst_height": 1}) == [
        (0.1, 0.1, 0.4, 0.4)]
