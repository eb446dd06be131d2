"""integer_area gives OpenCV's INTER_AREA bytes for integer factors (fast path and delegated cases)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from multiaug.image.kernels.area import MAX_K, integer_area

RNG = np.random.default_rng(15)


def _opencv(image: np.ndarray, k: int) -> np.ndarray:
    return cv2.resize(np.ascontiguousarray(image), None, fx=1.0 / k, fy=1.0 / k, interpolation=cv2.INTER_AREA)


@pytest.mark.parametrize("k", [2, 3, 4, 5, 7, 8, 16, 17])
@pytest.mark.parametrize("shape", [(768, 1024, 3), (301, 457, 3), (90, 120, 4), (100, 77), (64, 48, 2), (33, 35, 1)])
def test_equals_opencv_inter_area(k, shape):
    image = RNG.integers(0, 256, shape, dtype=np.uint8)
    before = image.copy()
    got, want = integer_area(image, k), _opencv(image, k)
    assert got.shape[:2] == want.shape[:2] and got.size == want.size  # OpenCV drops a single channel axis
    assert np.array_equal(got.reshape(want.shape), want)
    assert np.array_equal(image, before)


@pytest.mark.parametrize("value", [0, 1, 127, 128, 254, 255])
def test_flat_and_extreme_blocks(value):
    image = np.full((48, 60, 3), value, np.uint8)
    for k in (3, 5, 6):
        assert np.array_equal(integer_area(image, k), _opencv(image, k))
    # checkerboards: block sums exactly between two levels (the float32 rounding of sum / k² decides)
    board = (np.indices((48, 60)).sum(axis=0) % 2 * 255).astype(np.uint8)
    for k in (3, 4, 5, 7):
        assert np.array_equal(integer_area(board, k), _opencv(board, k))


def test_strided_input_and_other_dtypes_are_opencvs():
    image = RNG.integers(0, 256, (200, 300, 3), dtype=np.uint8)
    for view in (image[::2, 3:291], image[:, ::2], image[:, :, ::-1]):
        assert np.array_equal(integer_area(view, 3), _opencv(view, 3))
    deep = RNG.random((60, 90), dtype=np.float32)
    assert np.array_equal(integer_area(deep, 3), _opencv(deep, 3))
    assert MAX_K ** 2 * 255 <= 65535 < (MAX_K + 1) ** 2 * 255
