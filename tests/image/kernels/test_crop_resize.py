from __future__ import annotations

import cv2
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


def _smooth(shape, seed=4):
    import cv2

    rng = np.random.default_rng(seed)
    return cv2.GaussianBlur(rng.integers(0, 256, shape, dtype=np.uint8), (0, 0), 2)


def test_halving_shrink_equals_one_area_pass_up_to_2x_and_stays_an_area_average_beyond():
    """k = ⌊min(w/width, h/height)⌋ ≤ 2 or a small image: fast_shrink's values; k ≥ 3: 2×2 halvings then bilinear,
    within 2.5 levels (mean) of the exact area average on blurred noise, and at k = 3 (RandomResizedCrop's common
    large crop) closer to it than one 3×3 pass then bilinear."""
    import cv2

    img = _smooth((700, 930, 3))
    for rect_size in ((700, 600), (500, 460)):  # k = 2 and k = 2 (one halving either way)
        crop = img[: rect_size[1], : rect_size[0]]
        assert np.array_equal(cr.halving_shrink(crop, (224, 224)), cr.fast_shrink(crop, (224, 224)))
    assert np.array_equal(cr.halving_shrink(img[:200, :300], (60, 50)), cr.fast_shrink(img[:200, :300], (60, 50)))
    for size in ((224, 224), (100, 75), (31, 23)):  # k = 3, 7, 22
        ref = cv2.resize(img, size, interpolation=cv2.INTER_AREA).astype(int)
        out = cr.halving_shrink(img, size)
        assert out.shape == ref.shape
        err = np.abs(out.astype(int) - ref).mean()
        assert err < 2.5
        if size == (224, 224):
            assert err < np.abs(cr.fast_shrink(img, size).astype(int) - ref).mean()
    assert cr.halving_shrink(img[..., 0], (224, 224)).shape == (224, 224)


def test_halving_shrink_keeps_positions_and_averages_fine_detail():
    """A bright block lands where the scale puts it (centroid within 0.3 px); 1-px stripes become flat grey."""
    img = np.zeros((768, 1024, 3), np.uint8)
    img[300:420, 500:660] = 255
    out = cr.halving_shrink(img, (224, 168)).astype(float)[..., 0]
    ys, xs = np.mgrid[0:168, 0:224]
    cx, cy = (out * xs).sum() / out.sum(), (out * ys).sum() / out.sum()
    assert abs(cx - (580 * 224 / 1024 - 0.5)) < 0.3 and abs(cy - (360 * 168 / 768 - 0.5)) < 0.3
    stripes = np.zeros((768, 1024, 3), np.uint8)
    stripes[:, ::2] = 255
    grey = cr.halving_shrink(stripes, (224, 224))
    assert abs(float(grey.mean()) - 127.5) < 2 and grey.std() < 2


def test_a_crop_shrunk_less_than_2x_on_one_axis_is_plain_bilinear_of_the_crop():
    """k < 2 (one axis shrinks by more than 2×, the other by less): the crop view is resampled where it lies, the same
    pixels as a plain bilinear resize of a contiguous copy of the crop; other band layouts too."""
    rng = np.random.default_rng(4)
    for shape in [(300, 500, 3), (300, 500), (300, 500, 4)]:
        img = rng.integers(0, 256, shape, dtype=np.uint8)
        rect = (7, 11, 7 + 470, 11 + 150)  # 470 → 200 (> 2×), 150 → 100
        crop = np.ascontiguousarray(img[11:161, 7:477])
        expect = cv2.resize(crop, (200, 100), interpolation=cv2.INTER_LINEAR).reshape((100, 200) + shape[2:])
        got = cr.resized_crop(img, rect, (200, 100), "bilinear", antialias=True)
        assert got.shape == expect.shape and np.array_equal(got, expect)


def test_a_crop_shrunk_by_2_to_3x_is_one_2x2_area_pass_of_the_crop_then_the_mapped_bilinear_step():
    """k = 2: the crop view's 2×2 area average (OpenCV's INTER_AREA at 1/2, what integer_area(., 2) gives on a copy),
    then the bilinear resample mapped back onto the crop's pixel grid."""
    rng = np.random.default_rng(5)
    for shape in [(400, 700, 3), (400, 700)]:
        img = rng.integers(0, 256, shape, dtype=np.uint8)
        rect = (13, 9, 13 + 551, 9 + 377)  # 551 → 200 and 377 → 150: k = min(2, 2) = 2
        crop = np.ascontiguousarray(img[9:386, 13:564])
        small = cv2.resize(crop, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        sx, sy = 551 / 400, 377 / 300
        m = np.array([[sx, 0.0, 0.5 * sx - 0.5], [0.0, sy, 0.5 * sy - 0.5]])
        expect = cv2.warpAffine(small, m, (200, 150), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                borderMode=cv2.BORDER_REPLICATE).reshape((150, 200) + shape[2:])
        got = cr.resized_crop(img, rect, (200, 150), "bilinear", antialias=True)
        assert np.array_equal(got, expect)
