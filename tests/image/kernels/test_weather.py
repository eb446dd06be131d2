"""Weather kernels: physical checks (Koschmieder fog, darkening, whitening, occlusion only where drawn)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.image.kernels import weather


@pytest.fixture(scope="module")
def scene():
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:64, 0:96]
    base = np.stack([xx * 2, yy * 3, 255 - xx * 2], -1) + rng.integers(-30, 31, (64, 96, 3))
    return np.clip(base, 0, 255).astype(np.uint8)


def test_fog_beta_zero_is_identity(scene):
    out = weather.fog(scene, 0.0)
    assert np.array_equal(out, scene) and out is not scene


def test_fog_visibility_falls_monotonically_with_beta(scene):
    contrasts = [weather.rms_contrast(weather.fog(scene, b)) for b in (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)]
    assert all(a > b for a, b in zip(contrasts, contrasts[1:]))
    vis = [weather.visibility(b) for b in (0.25, 0.5, 1.0, 2.0)]
    assert all(a > b for a, b in zip(vis, vis[1:])) and weather.visibility(1.0) == pytest.approx(3.912)
    assert weather.visibility(0.0) == float("inf")


def test_fog_is_koschmieder_with_a_depth_map(scene):
    depth = np.full(scene.shape[:2], 2.0, dtype=np.float32)
    depth[:, 48:] = 0.5
    out = weather.fog(scene, 0.7, airlight=(200, 210, 220), depth=depth).astype(float)
    for (y, x), d in (((10, 5), 2.0), ((40, 70), 0.5)):
        t = np.exp(-0.7 * d)
        expect = scene[y, x] * t + np.array([200, 210, 220]) * (1 - t)
        assert out[y, x] == pytest.approx(expect, abs=0.6)


def test_default_depth_is_far_at_the_top(scene):
    out = weather.fog(scene, 1.5)
    top = weather.contrast_loss(scene[:8], out[:8])
    bottom = weather.contrast_loss(scene[-8:], out[-8:])
    assert top > bottom > 0


def test_rain_is_seeded_darkens_and_streaks(scene):
    a = weather.rain(scene, np.random.default_rng(5), 200, brightness=0.7, blur=1)
    b = weather.rain(scene, np.random.default_rng(5), 200, brightness=0.7, blur=1)
    c = weather.rain(scene, np.random.default_rng(6), 200, brightness=0.7, blur=1)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    dry = weather.rain(scene, np.random.default_rng(5), 0, brightness=0.7, blur=1)
    assert dry.mean() < scene.mean() * 0.72
    streak = (np.abs(a.astype(int) - dry).sum(-1) > 0)
    assert 0.01 < streak.mean() < 0.9


def test_snow_whitens_the_ground_and_adds_flakes(scene):
    ground = weather.snow(scene, np.random.default_rng(1), 0, whiten=0.5)
    assert np.array_equal(ground[:20], scene[:20])  # nothing above 40 % of the height
    assert ground[-5:].mean() > scene[-5:].mean() + 30
    flakes = weather.snow(scene, np.random.default_rng(1), 100, whiten=0.0)
    assert flakes.mean() > scene.mean() and (flakes >= scene).all()


def test_flake_mask_is_the_union_of_cv2_circles():
    cv2 = pytest.importorskip("cv2")
    rng = np.random.default_rng(3)
    for h, w in ((1, 1), (7, 5), (40, 64)):
        n = 60
        xs, ys = rng.integers(0, w, n), rng.integers(0, h, n)
        radii = rng.integers(1, 22, n)  # stamped (≤ 16) and drawn (> 16) radii, many discs cut by the border
        expect = np.zeros((h, w), np.uint8)
        for x, y, r in zip(xs.tolist(), ys.tolist(), radii.tolist()):
            cv2.circle(expect, (x, y), r, 255, -1)
        got = weather.flake_mask(h, w, xs, ys, radii)
        assert got.flags.c_contiguous and np.array_equal(got, expect)


def _snow_whole_image(image, rng, num_flakes, flake_radius, whiten, blur):
    """The snow maths in one float32 pass over the whole image, flakes drawn one circle at a time."""
    cv2 = pytest.importorskip("cv2")
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    xs, ys = rng.integers(0, w, size=num_flakes), rng.integers(0, h, size=num_flakes)
    rs = rng.uniform(flake_radius[0], flake_radius[1], size=num_flakes)
    for x, y, r in zip(xs.tolist(), ys.tolist(), rs.tolist()):
        cv2.circle(mask, (x, y), max(int(round(r)), 1), 255, -1)
    if blur > 0:
        mask = cv2.GaussianBlur(mask, (0, 0), float(blur))
    ramp = np.float32(whiten) * np.clip((np.arange(h, dtype=np.float32) / max(h - 1, 1) - 0.4) / 0.6, 0.0, 1.0)
    img = image.reshape(h * w, 3).astype(np.float32)
    surface = weather.luma(image).reshape(h * w, 1) / np.float32(255.0)
    img += (np.float32(255.0) - img) * (np.repeat(ramp, w)[:, None] * (np.float32(0.5) + np.float32(0.5) * surface))
    img += (np.float32(255.0) - img) * (mask.reshape(h * w, 1).astype(np.float32) / np.float32(255.0))
    return np.rint(np.clip(img, 0, 255)).astype(np.uint8).reshape(h, w, 3)


@pytest.mark.parametrize("shape", [(64, 96), (300, 250), (5, 3)])
def test_snow_blocks_equal_one_whole_image_pass(shape):
    """Block boundaries (the blocks above the ramp skip the whitening, blocks without flakes the flake blend) and
    stamped flakes change no value: the kernel equals the whole-image formula, flakes drawn one by one."""
    rng = np.random.default_rng(sum(shape))
    image = rng.integers(0, 256, shape + (3,), dtype=np.uint8)
    for num_flakes, radius, whiten, blur in ((0, (1.0, 3.0), 0.5, 0.8), (300, (1.0, 3.0), 0.3, 0.8),
                                             (40, (0.5, 20.0), 1.0, 0.0), (25, (1.0, 3.0), 0.0, 2.0)):
        got = weather.snow(image, np.random.default_rng(9), num_flakes, radius, whiten, blur)
        expect = _snow_whole_image(image, np.random.default_rng(9), num_flakes, radius, whiten, blur)
        assert np.array_equal(got, expect)


def test_shadow_darkens_only_inside_the_polygon(scene):
    out = weather.shadow(scene, [[(10, 10), (50, 10), (50, 40), (10, 40)]], intensity=0.6)
    assert np.array_equal(out[45:], scene[45:]) and np.array_equal(out[:, 55:], scene[:, 55:])
    inside = out[15:35, 15:45].astype(float)
    assert inside == pytest.approx(scene[15:35, 15:45] * 0.4, abs=0.6)


def test_sun_flare_brightens_near_the_source(scene):
    circles = weather.flare_circles((80, 10), 96, 64, [0.3, 0.7], [4, 7], [0.3, 0.2])
    out = weather.sun_flare(scene, (80, 10), 12.0, circles).astype(int)
    gain = out - scene
    assert (gain >= 0).all()
    assert gain[5:15, 75:85].mean() > 3 * gain[50:60, 0:10].mean()
    # the ghosts lie on the line from the source through the centre
    (x1, y1, _, _), (x2, y2, _, _) = circles
    assert (x1 - 80) * (32 - 10) - (y1 - 10) * (48 - 80) == pytest.approx(0, abs=1e-9)


def test_night_is_darker_bluer_and_noisy(scene):
    out = weather.night(scene, np.random.default_rng(0), gamma=2.0, brightness=0.5, blue_shift=0.2, noise_sigma=0)
    assert out.mean() < 0.5 * scene.mean()
    assert out[..., 2].astype(float).mean() / max(out[..., 0].mean(), 1) > scene[..., 2].mean() / scene[..., 0].mean()
    noisy = weather.night(scene, np.random.default_rng(0), noise_sigma=8.0)
    clean = weather.night(scene, np.random.default_rng(0), noise_sigma=0.0)
    assert 4 < np.std(noisy.astype(float) - clean) < 10


def test_alpha_and_grey_pass_through(scene):
    rgba = np.concatenate([scene, np.full(scene.shape[:2] + (1,), 77, np.uint8)], -1)
    out = weather.fog(rgba, 1.0)
    assert out.shape == rgba.shape and (out[..., 3] == 77).all()
    grey = scene[..., 0]
    assert weather.shadow(grey, [[(0, 0), (10, 0), (10, 10)]], 0.5).shape == grey.shape


def test_shadows_darken_each_polygon_by_its_own_strength_and_copy_when_empty():
    img = np.full((40, 40, 3), 200, np.uint8)
    left = [[0, 0], [19, 0], [19, 39], [0, 39]]
    right = [[21, 0], [39, 0], [39, 39], [21, 39]]
    out = weather.shadows(img, [left, right], [0.5, 1.0], softness=0.0)
    assert out[20, 5].tolist() == [100, 100, 100] and out[20, 35].tolist() == [0, 0, 0]
    assert (img == 200).all()
    same = weather.shadows(img, [], [])
    assert np.array_equal(same, img) and same is not img
