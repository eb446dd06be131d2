"""Nearest-neighbour label-map resampling against Pillow and OpenCV on the cases they define the same way."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from multiaug.image.kernels import nearest


def _labels(h: int = 37, w: int = 53, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 250, (h, w)).astype(np.uint8)


@pytest.mark.parametrize("size", [(20, 11), (106, 74), (53, 37), (7, 90)])
def test_stretch_is_pillows_nearest(size):
    m = _labels()
    want = np.asarray(Image.fromarray(m).resize(size, Image.Resampling.NEAREST))
    assert np.array_equal(nearest.stretch(m, *size), want)


def test_stretch_same_size_is_the_input_and_keeps_dtype_and_channels():
    m = np.zeros((5, 6, 3), np.int32)
    assert nearest.stretch(m, 6, 5) is m
    out = nearest.stretch(np.ones((5, 6, 2), bool), 12, 10)
    assert out.shape == (10, 12, 2) and out.dtype == bool and out.all()


@pytest.mark.parametrize("border,cv_border", [("constant", cv2.BORDER_CONSTANT), ("replicate", cv2.BORDER_REPLICATE),
                                              ("reflect", cv2.BORDER_REFLECT), ("reflect_101", cv2.BORDER_REFLECT_101),
                                              ("wrap", cv2.BORDER_WRAP)])
def test_integer_shift_matches_opencv_borders(border, cv_border):
    m = _labels(9, 11)
    dx, dy = 14, -5  # further than the width: reflect/wrap repeat
    want = cv2.warpAffine(m, np.float64([[1, 0, dx], [0, 1, dy]]), (11, 9), flags=cv2.INTER_NEAREST,
                          borderMode=cv_border, borderValue=7)
    got = nearest.warp(m, [1, 0, dx, 0, 1, dy, 0, 0, 1], (11, 9), border, fill=7)
    assert np.array_equal(got, want)


def test_flip_crop_and_pad_are_exact():
    m = _labels()
    h, w = m.shape
    assert np.array_equal(nearest.warp(m, [-1, 0, w, 0, 1, 0, 0, 0, 1], (w, h)), m[:, ::-1])
    assert np.array_equal(nearest.warp(m, [1, 0, -5, 0, 1, -3, 0, 0, 1], (20, 10)), m[3:13, 5:25])
    padded = nearest.warp(m, [1, 0, 4, 0, 1, 2, 0, 0, 1], (w + 8, h + 4), fill=255)
    assert np.array_equal(padded[2:-2, 4:-4], m) and (padded[:2] == 255).all() and (padded[:, :4] == 255).all()


def test_rotation_agrees_with_opencv_nearest_except_ties():
    m = _labels(64, 80)
    angle = 23.0
    centre = cv2.getRotationMatrix2D((39.5, 31.5), angle, 1.0)  # pixel-centre coordinates
    want = cv2.warpAffine(m, centre, (80, 64), flags=cv2.INTER_NEAREST, borderValue=0)
    # the same map in continuous (pixel-edge) coordinates: shift by ½ px on both sides
    to_c = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1.0]])
    to_e = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1.0]])
    fwd = to_e @ np.vstack([centre, [0, 0, 1]]) @ to_c
    got = nearest.warp(m, fwd.ravel(), (80, 64))
    assert (got == want).mean() > 0.995


def test_projective_warp_keeps_labels_and_fills_outside():
    m = np.zeros((40, 40), np.int32)
    m[10:30, 10:30] = 3
    persp = [1.0, 0.1, 2.0, 0.05, 1.0, 1.0, 0.002, 0.001, 1.0]
    out = nearest.warp(m, persp, (50, 50), fill=-1)
    assert set(np.unique(out)) <= {-1, 0, 3} and (out == 3).sum() > 300 and (out == -1).any()


def test_remap_is_opencvs_nearest_remap():
    m = _labels(30, 40)
    rng = np.random.default_rng(1)
    mx = (np.arange(40, dtype=np.float32)[None, :] + rng.uniform(-3, 3, (30, 40))).astype(np.float32)
    my = (np.arange(30, dtype=np.float32)[:, None] + rng.uniform(-3, 3, (30, 40))).astype(np.float32)
    want = cv2.remap(m, mx, my, cv2.INTER_NEAREST, borderMode=cv2.BORDER_REFLECT_101)
    got = nearest.remap(m, mx, my, "reflect_101")
    assert (got == want).mean() > 0.995


def test_move_pieces():
    m = _labels(4, 6)
    out = nearest.move_pieces(m, [[0, 0, 3, 4, 3, 0], [3, 0, 6, 4, -3, 0]], (6, 4))
    assert np.array_equal(out, np.concatenate([m[:, 3:], m[:, :3]], axis=1))


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="border"):
        nearest.warp(_labels(), [1, 0, 0, 0, 1, 0, 0, 0, 1], (5, 5), border="mirror")
    with pytest.raises(ValueError, match="H×W"):
        nearest.warp(np.zeros(5), [1, 0, 0, 0, 1, 0, 0, 0, 1], (5, 5))
