"""multiaug/image tiles family: the generic contract (tests/contract.py) plus physical truth."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "tiles")


def _pixels(im: Image.Image) -> np.ndarray:
    a = np.asarray(im)
    return np.sort(a.reshape(a.shape[0] * a.shape[1], -1).view(np.dtype((np.void, a.shape[-1] if a.ndim == 3 else 1))).ravel())


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA"])
def test_shuffle_pixels_keeps_the_multiset(mode):
    img = sample_image(50, 30, mode=mode) if mode != "LA" else sample_image(50, 30).convert("LA")
    out = imaugs.shuffle_pixels(img, factor=1.0)
    assert out.mode == img.mode and np.array_equal(_pixels(out), _pixels(img))
    assert out.tobytes() != img.tobytes()


def test_shuffle_pixels_factor_zero_is_identity_and_partial_moves_a_share():
    img = sample_image(80, 60)
    assert imaugs.shuffle_pixels(img, factor=0.0).tobytes() == img.tobytes()
    out = imaugs.shuffle_pixels(img, factor=0.3, seed=1)
    moved = (np.asarray(out) != np.asarray(img)).any(axis=2).mean()
    assert 0.25 < moved <= 0.3
    assert np.array_equal(_pixels(out), _pixels(img))


def test_shuffle_pixels_default_seed_and_intensity():
    img = sample_image()
    meta: list = []
    a = imaugs.shuffle_pixels(img, metadata=meta)
    assert a.tobytes() == imaugs.shuffle_pixels(img, seed=10).tobytes()
    assert meta[0]["seed"] == 10 and meta[0]["intensity"] == 100.0


def test_split_and_shuffle_permutes_tiles_exactly():
    img = sample_image(91, 62)  # remainders: 1 px column, 2 px rows
    tracker = Tracker()
    out = np.asarray(imaugs.split_and_shuffle(img, n_columns=3, n_rows=2, seed=4, metadata=tracker))
    src = np.asarray(img)
    perm = tracker[0]["info"]["permutation"]
    assert sorted(perm) == list(range(6))
    tw, th = 30, 31
    for slot, tile in enumerate(perm):
        (dr, dc), (sr, sc) = divmod(slot, 3), divmod(tile, 3)
        assert np.array_equal(out[dr * th:(dr + 1) * th, dc * tw:(dc + 1) * tw], src[sr * th:(sr + 1) * th, sc * tw:(sc + 1) * tw])
    assert np.array_equal(out[:, 90:], src[:, 90:]) and np.array_equal(out[62:], src[62:])
    assert tracker[0]["intensity"] == pytest.approx(100 * 5 / 6)


def test_split_and_shuffle_two_tiles_always_swap():
    img = sample_image(40, 20)
    for seed in range(5):
        out = np.asarray(imaugs.split_and_shuffle(img, n_columns=2, n_rows=1, seed=seed))
        assert np.array_equal(out[:, :20], np.asarray(img)[:, 20:])


def test_split_and_shuffle_too_many_tiles_is_typed():
    with pytest.raises(InvalidParameterError, match="n_columns"):
        imaugs.split_and_shuffle(sample_image(10, 10), n_columns=11)


def test_collage_layout():
    a = Image.new("RGB", (40, 30), (255, 0, 0))
    b = Image.new("RGB", (20, 50), (0, 0, 255))
    c = Image.new("L", (10, 10), 0)
    out = imaugs.collage([a, b, c], n_columns=2, color=(0, 255, 0))
    assert out.size == (80, 100)
    assert out.getpixel((20, 25)) == (255, 0, 0) and out.getpixel((60, 25)) == (0, 0, 255)
    assert out.getpixel((0, 0)) == (0, 255, 0)  # margin above the shorter first image
    assert out.getpixel((20, 75)) == (0, 0, 0) and out.getpixel((60, 75)) == (0, 255, 0)  # empty cell
    single = imaugs.collage(a)
    assert single.tobytes() == a.tobytes()


def test_hstack_and_vstack_sizes():
    a = sample_image(40, 30)
    b = sample_image(20, 60)
    assert imaugs.hstack([a, b]).size == (80 + 20, 60)
    assert imaugs.vstack([a, b]).size == (40, 30 + 120)
    same = imaugs.hstack(a)
    assert same.size == (80, 30) and np.array_equal(np.asarray(same)[:, 40:], np.asarray(a))
    with pytest.raises(InvalidParameterError, match="images"):
        imaugs.hstack([a])


def test_stacks_keep_first_mode_and_accept_arrays():
    a = np.asarray(sample_image(30, 20))
    out = imaugs.vstack([a, sample_image(30, 20, mode="L")])
    assert isinstance(out, np.ndarray) and out.shape == (40, 30, 3)


@pytest.mark.parametrize("direction,position", [("horizontal", "first"), ("horizontal", "second"),
                                                ("vertical", "first"), ("vertical", "second")])
def test_stack_with_places_the_image_and_its_boxes(direction, position):
    red = Image.new("RGB", (40, 20), (255, 0, 0))
    blue = Image.new("L", (30, 30), 0)                 # another mode: converted to the image's
    out, boxes = imaugs.stack_with(red, other=blue, direction=direction, position=position,
                                   bboxes=[[0, 0, 40, 20]], bbox_format="pascal_voc", return_bboxes=True)
    assert out.mode == "RGB"
    a = np.asarray(out)
    l, u, r, d = (round(v) for v in boxes[0])
    assert (a[u:d, l:r] == [255, 0, 0]).all()          # the box covers exactly the red image
    assert (a == [255, 0, 0]).all(axis=2).sum() == (r - l) * (d - u)
    if direction == "horizontal":
        assert out.height == 30 and out.width == 60 + 30
    else:
        assert out.width == 40 and out.height == 20 + 40
