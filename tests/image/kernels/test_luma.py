"""luma: Pillow's L conversion of RGB(A) arrays, exactly, block by block."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.image.kernels import luma


def test_luma_plane_is_pillows_l_conversion_over_the_rgb_cube():
    # every (R, G, B) with R, G on a stride-3 grid and every B: 1.9 M triples, including the ±1 cases where
    # OpenCV's 14-bit RGB2GRAY weights differ from Pillow's
    r, g, b = np.meshgrid(np.arange(0, 256, 3), np.arange(0, 256, 3), np.arange(256), indexing="ij")
    cube = np.stack([r, g, b], axis=-1).astype(np.uint8).reshape(-1, 256, 3)
    want = np.asarray(Image.fromarray(cube).convert("L"))
    assert np.array_equal(luma.luma_plane(cube), want)
    formula = (r.astype(np.int64) * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16
    assert np.array_equal(want.reshape(formula.shape), formula)
    rgba = np.concatenate([cube, np.full(cube.shape[:2] + (1,), 7, np.uint8)], axis=-1)
    assert np.array_equal(luma.luma_plane(rgba), want)
    assert np.array_equal(luma.luma_plane(cube[:, ::-1]), want[:, ::-1])  # a strided view


@pytest.mark.parametrize("shape", [(1, 1, 3), (5, 7, 4), (70, 9, 3), (64, 2, 3)])
def test_blocks_cover_every_row_and_the_sum_is_the_sum_of_l(shape, monkeypatch):
    monkeypatch.setattr(luma, "BLOCK_BYTES", 32 * 4 * shape[1])  # 32 rows per block
    assert luma.block_rows(shape[1]) == 32
    rgb = np.random.default_rng(shape[0]).integers(0, 256, shape, dtype=np.uint8)
    want = np.asarray(Image.fromarray(np.ascontiguousarray(rgb[..., :3])).convert("L"))
    assert np.array_equal(luma.luma_plane(rgb), want)
    starts = [y for y, _ in luma.luma_blocks(rgb)]
    assert starts == list(range(0, shape[0], 32))
    assert luma.luma_sum(rgb) == int(want.astype(np.int64).sum())
    assert luma.luma_sum(np.zeros((0, 3, 3), np.uint8)) == 0


def test_edge_values():
    for value in (0, 255):
        flat = np.full((4, 6, 3), value, np.uint8)
        assert (luma.luma_plane(flat) == value).all()
    corners = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], np.uint8)
    assert luma.luma_plane(corners).tolist() == [[76, 150, 29, 255]]  # (w·255 + 2¹⁵) >> 16 per weight
