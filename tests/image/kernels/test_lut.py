"""Look-up table kernels give cv2.LUT's / numpy indexing's values and never modify their input."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from multiaug.image.kernels import lut

RNG = np.random.default_rng(0)
TABLES = [RNG.permutation(256).astype(np.uint8) for _ in range(4)]


def _reference(arr: np.ndarray, tables: list[np.ndarray]) -> np.ndarray:
    out = arr.copy()
    if arr.ndim == 2:
        return tables[0][arr]
    for i, t in enumerate(tables[: arr.shape[2]]):
        out[..., i] = t[arr[..., i]]
    return out


@pytest.mark.parametrize("shape", [(37, 53), (37, 53, 1), (37, 53, 2), (37, 53, 3), (37, 53, 4), (3, 5, 6), (0, 4, 3)])
@pytest.mark.parametrize("ntables", [1, 2, 3, 4])
def test_band_luts_maps_each_band_through_its_table(shape, ntables):
    arr = RNG.integers(0, 256, shape, dtype=np.uint8)
    before = arr.copy()
    out = lut.band_luts(arr, TABLES[:ntables])
    assert out.shape == arr.shape and out.dtype == np.uint8
    assert np.array_equal(out, _reference(arr, TABLES[:ntables]))
    assert np.array_equal(arr, before)


def test_band_luts_equals_cv2_lut_on_a_strided_view():
    arr = RNG.integers(0, 256, (64, 90, 3), dtype=np.uint8)[::2, 5:71]
    stacked = np.stack(TABLES[:3], axis=-1).reshape(1, 256, 3)
    assert np.array_equal(lut.band_luts(arr, TABLES[:3]), cv2.LUT(np.ascontiguousarray(arr), stacked))
    same = [TABLES[0]] * 3  # one table for every band: one byte translation
    assert np.array_equal(lut.band_luts(arr, same), cv2.LUT(np.ascontiguousarray(arr), TABLES[0]))


def test_byte_lut_and_translate_inplace():
    arr = RNG.integers(0, 256, (31, 17, 3), dtype=np.uint8)
    before = arr.copy()
    out = lut.byte_lut(arr, TABLES[1])
    assert np.array_equal(out, TABLES[1][arr]) and np.array_equal(arr, before)
    own = arr.copy()
    assert lut.translate_inplace(own, TABLES[2]) is own and np.array_equal(own, TABLES[2][arr])


def test_byte_lut_is_a_fresh_array_for_contiguous_and_strided_inputs():
    rng = np.random.default_rng(9)
    table = rng.integers(0, 256, 256, dtype=np.uint8)
    arr = rng.integers(0, 256, (23, 31, 3), dtype=np.uint8)
    before = arr.copy()
    for src in (arr, arr[:, ::-1], arr[::2, :, 1]):
        out = lut.byte_lut(src, table)
        assert np.array_equal(out, table[src]) and out.flags.c_contiguous and not np.shares_memory(out, arr)
    assert np.array_equal(arr, before)
