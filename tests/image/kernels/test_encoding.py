"""Encoding kernel: a JPEG round trip loses detail, keeps size, mode and alpha."""

from __future__ import annotations

import numpy as np
from PIL import Image

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
