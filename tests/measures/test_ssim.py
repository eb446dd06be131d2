"""SSIM: identity, monotonic in blur, symmetric, the reference formula on constant images."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import ImageFilter

from multiaug.measures.ssim import SSIMReference, ssim

from ..robustness._fixtures import small_photos


def test_ssim_properties():
    img = small_photos()[3]
    assert ssim(img, img) == pytest.approx(1.0)
    mild = img.filter(ImageFilter.GaussianBlur(1))
    strong = img.filter(ImageFilter.GaussianBlur(4))
    s_mild, s_strong = ssim(img, mild), ssim(img, strong)
    assert 1.0 > s_mild > s_strong > 0.0
    assert ssim(mild, img) == pytest.approx(s_mild)
    assert SSIMReference(img).compare(strong) == s_strong
    # a different size is resized to the original's frame
    assert 0.0 < ssim(img, img.resize((img.width // 2, img.height // 2))) < 1.0


def test_ssim_matches_the_reference_formula_on_a_tiny_case():
    # constant images: SSIM = (2ab + C1) / (a² + b² + C1) everywhere
    a = np.full((20, 20), 100, np.uint8)
    b = np.full((20, 20), 120, np.uint8)
    c1 = (0.01 * 255) ** 2
    assert ssim(a, b) == pytest.approx((2 * 100 * 120 + c1) / (100**2 + 120**2 + c1))
