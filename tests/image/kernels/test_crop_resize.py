from __future__ import annotations

import numpy as np

from multiaug.image.kernels import crop_resize as cr


def test_resized_crop_is_the_crop_resized():
    img = np.random.default_rng(0).integers(0, 256, (60, 80, 3), dtype=np.uint8)
    same = cr.resized_crop(img, (10, 5, 30, 25), (20, 20))
    assert np.array_equal(same, img[5:25, 10:30])
    up = cr.resized_crop(img, (10, 5, 30, 25), (40, 40), "nearest")
    assert np.array_equal(up[::2, ::2], img[5:25, 10:30])


def test_centre_fallback_clamps_the_ratio():
    assert cr.centre_fallback(400, 100, (3 / 4, 4 / 3)) == (133, 0, 266, 100)
    assert cr.centre_fallback(100, 100, (3 / 4, 4 / 3)) == (0, 0, 100, 100)
    assert cr.crop_size(10000.0, 0.0) == (100, 100)


def test_fast_shrink_matches_an_area_average():
    import cv2

    rng = np.random.default_rng(1)
    img = cv2.GaussianBlur(rng.integers(0, 256, (300, 410, 3), dtype=np.uint8), (0, 0), 3)
    assert 300 * 410 > cr.EXACT_AREA_PIXELS  # the two-pass path
    for size in ((41, 30), (97, 71), (30, 29)):
        ref = cv2.resize(img, size, interpolation=cv2.INTER_AREA).astype(int)
        out = cr.fast_shrink(img, size)
        assert out.shape == ref.shape and np.abs(out.astype(int) - ref).mean() < 2.0
    assert cr.fast_shrink(img[..., 0], (41, 30)).shape == (30, 41)


def test_antialias_off_is_plain_bilinear_and_on_averages_fine_detail():
    import cv2

    stripes = np.zeros((400, 400, 3), np.uint8)
    stripes[:, ::2] = 255  # 1-px stripes: aliased by plain bilinear, grey after an area average
    rect, size = (0, 0, 400, 400), (47, 47)
    plain = cr.resized_crop(stripes, rect, size, "bilinear", antialias=False)
    assert np.array_equal(plain, cv2.resize(stripes, size, interpolation=cv2.INTER_LINEAR))
    smooth = cr.resized_crop(stripes, rect, size, "bilinear")
    assert abs(float(smooth.mean()) - 127.5) < 2 and smooth.std() < 2  # antialiased: flat grey
    assert plain.std() > 50  # aliased: the stripes beat
    # reductions of at most 2× and the nearest/area filters do not depend on the switch
    for interp in ("nearest", "area"):
        assert np.array_equal(cr.resized_crop(stripes, rect, size, interp, antialias=False),
                              cr.resized_crop(stripes, rect, size, interp))
    assert np.array_equal(cr.resized_crop(stripes, rect, (300, 300), antialias=False),
                          cr.resized_crop(stripes, rect, (300, 300)))
