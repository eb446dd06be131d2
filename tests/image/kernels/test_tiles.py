"""Tile kernels: pixels move exactly as the given permutation says; grid pieces describe where each tile went."""

from __future__ import annotations

import numpy as np
from PIL import Image

from multiaug.image.kernels import tiles


def _img(mode: str) -> Image.Image:
    arr = np.arange(4 * 6 * 3, dtype=np.uint8).reshape(4, 6, 3)
    return Image.fromarray(arr).convert(mode)


def test_shuffle_pixels_follows_the_permutation_in_every_working_mode():
    for mode in ("L", "LA", "RGB", "RGBA"):
        img = _img(mode)
        perm = np.random.default_rng(0).permutation(24)
        src = np.asarray(img).reshape(24, -1)
        out = np.asarray(tiles.shuffle_pixels(img, perm)).reshape(24, -1)
        assert np.array_equal(out, src[perm]), mode
        positions = np.array([1, 5, 7, 20])
        part = np.asarray(tiles.shuffle_pixels(img, np.array([3, 2, 1, 0]), positions)).reshape(24, -1)
        assert np.array_equal(part[positions], src[positions[::-1]])
        others = np.setdiff1d(np.arange(24), positions)
        assert np.array_equal(part[others], src[others])
    assert tiles.shuffle_pixels(_img("RGB"), None).tobytes() == _img("RGB").tobytes()


def test_split_and_shuffle_moves_tiles_and_reports_pieces():
    img = Image.fromarray(np.arange(5 * 7, dtype=np.uint8).reshape(5, 7))  # 7×5: 3×2 tiles of 2×2, strips stay
    out, pieces = tiles.split_and_shuffle(img, 3, 2, [5, 4, 3, 2, 1, 0])
    a, b = np.asarray(img), np.asarray(out)
    assert np.array_equal(b[0:2, 0:2], a[2:4, 4:6])  # slot 0 holds source tile 5 (row 1, col 2)
    assert np.array_equal(b[:, 6], a[:, 6]) and np.array_equal(b[4], a[4])  # remainder strips
    assert pieces[0] == [4, 2, 6, 4, -4, -2] and pieces[-2:] == [[6, 0, 7, 5, 0, 0], [0, 4, 6, 5, 0, 0]]


def test_stack_and_collage_sizes():
    a, b = Image.new("RGB", (10, 20), (255, 0, 0)), Image.new("L", (5, 5), 9)
    canvas, scale = tiles.stack([a, b], horizontal=True)
    assert canvas.size == (30, 20) and canvas.mode == "RGB" and scale == (1.0, 1.0)
    grid, offsets = tiles.collage([a, b], 2, (0, 0, 255))
    assert grid.size == (20, 20) and offsets == [[0, 0], [12, 7]] and grid.getpixel((19, 0)) == (0, 0, 255)
