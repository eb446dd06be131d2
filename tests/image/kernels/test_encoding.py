"""Encoding kernel: a JPEG round trip loses detail, keeps size, mode and alpha."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.image.kernels import encoding
from multiaug.image.kernels.encoding import jpeg_roundtrip
from tests.helpers import sample_image


def test_jpeg_roundtrip_is_lossy_and_keeps_alpha():
    rgba = sample_image(64, 48, mode="RGBA", seed=2)
    out = jpeg_roundtrip(rgba, 10)
    assert isinstance(out, Image.Image) and out.mode == "RGBA" and out.size == rgba.size
    assert np.array_equal(np.asarray(out)[..., 3], np.asarray(rgba)[..., 3])
    err = lambda q: np.abs(np.asarray(jpeg_roundtrip(rgba.convert("RGB"), q)).astype(int)  # noqa: E731
                           - np.asarray(rgba.convert("RGB")).astype(int)).mean()
    assert err(5) > err(95) > 0


def _pil_roundtrip(arr: np.ndarray, quality: int) -> np.ndarray:
    return np.asarray(jpeg_roundtrip(Image.fromarray(arr), quality))


@pytest.mark.parametrize("opencv", [True, False])
@pytest.mark.parametrize("shape", [(48, 64, 3), (37, 53, 3), (1, 1, 3), (29, 41), (300, 17, 3)])
def test_array_roundtrip_equals_the_pil_roundtrip(monkeypatch, opencv, shape):
    # force each decoder path (OpenCV's is otherwise taken only after its probe check)
    monkeypatch.setattr(encoding, "opencv_decodes_like_pillow", lambda: opencv)
    rng = np.random.default_rng(shape[0])
    smooth = np.cumsum(rng.integers(0, 9, shape), axis=1) % 256
    for arr in (rng.integers(0, 256, shape, dtype=np.uint8), smooth.astype(np.uint8), np.zeros(shape, np.uint8),
                np.full(shape, 255, np.uint8)):
        before = arr.copy()
        for quality in (0, 1, 30, 75, 95, 100):
            got = encoding.jpeg_roundtrip_array(arr, quality)
            assert got.shape == arr.shape and got.dtype == np.uint8 and got.flags.writeable
            assert np.array_equal(got, _pil_roundtrip(arr, quality))
        assert np.array_equal(arr, before)


def test_array_encoder_writes_pillows_bytes():
    arr = np.random.default_rng(3).integers(0, 256, (31, 45, 3), dtype=np.uint8)
    encoded: list[bytes] = []
    real = encoding._encode
    encoding.opencv_decodes_like_pillow()  # its probes (cached once per process) are not the call under test
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(encoding, "_encode", lambda img, q: encoded.append(real(img, q)) or encoded[-1])
        encoding.jpeg_roundtrip_array(arr, 40)
    assert encoded == [real(Image.fromarray(arr), 40)]  # the RGBX view encodes like the RGB image


def test_opencv_decodes_like_pillow_with_the_declared_wheels():
    # true for opencv-python-headless and Pillow wheels from the floors (4.10 / 10.0) to today's: both bundle
    # libjpeg-turbo with the same decoder defaults; a build where it is false still gives Pillow's pixels (Pillow
    # decodes), only slower, and this test says so
    assert encoding.opencv_decodes_like_pillow()
    probe = encoding._probe(7, 9, 3)
    assert probe.shape == (7, 9, 3) and len(np.unique(probe)) > 20
