"""Measured perturbation sizes: Levenshtein, SSIM, pHash, SNR, log-spectral distance."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageFilter

import multiaug
from multiaug.robustness import measure
from multiaug.robustness import metrics as M

from ._fixtures import SAMPLES, small_photos


def _dp(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_levenshtein_matches_dynamic_programming():
    r = random.Random(1)
    for _ in range(800):
        a = "".join(r.choice("abcé\u200b") for _ in range(r.randint(0, 70)))
        b = "".join(r.choice("abcé\u200b") for _ in range(r.randint(0, 70)))
        assert M.levenshtein(a, b) == _dp(a, b), (a, b)


def test_levenshtein_known_values_and_early_exit():
    assert M.levenshtein("kitten", "sitting") == 3
    assert M.levenshtein("", "abc") == 3 and M.levenshtein("abc", "") == 3 and M.levenshtein("same", "same") == 0
    long_a = "x" * 3000
    assert M.levenshtein(long_a, "y" + long_a[1:]) == 1
    assert M.levenshtein("a" * 50, "a" * 10, max_distance=5) == 6


def test_ssim_properties():
    img = small_photos()[3]
    assert M.ssim(img, img) == pytest.approx(1.0)
    mild = img.filter(ImageFilter.GaussianBlur(1))
    strong = img.filter(ImageFilter.GaussianBlur(4))
    s_mild, s_strong = M.ssim(img, mild), M.ssim(img, strong)
    assert 1.0 > s_mild > s_strong > 0.0
    assert M.ssim(mild, img) == pytest.approx(s_mild)
    # a different size is resized to the original's frame
    assert 0.0 < M.ssim(img, img.resize((img.width // 2, img.height // 2))) < 1.0


def test_ssim_matches_the_reference_formula_on_a_tiny_case():
    # constant images: SSIM = (2ab + C1) / (a² + b² + C1) everywhere
    a = np.full((20, 20), 100, np.uint8)
    b = np.full((20, 20), 120, np.uint8)
    c1 = (0.01 * 255) ** 2
    assert M.ssim(a, b) == pytest.approx((2 * 100 * 120 + c1) / (100**2 + 120**2 + c1))


def test_phash_is_64_bits_and_matches_imagehash_when_installed():
    img = small_photos()[0]
    h = M.phash(img)
    assert h.shape == (64,) and h.dtype == bool
    assert M.hamming(h, M.phash(img)) == 0
    assert M.hamming(h, M.phash(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) > 10
    imagehash = pytest.importorskip("imagehash")
    for photo in small_photos():
        assert M.hamming(M.phash(photo), imagehash.phash(photo).hash.reshape(-1)) == 0


def test_snr_and_lsd():
    rng = np.random.default_rng(0)
    sr = 16000
    t = np.arange(sr) / sr
    x = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    noise = rng.normal(0, 1, x.shape)
    noise *= np.sqrt(np.mean(x.astype(np.float64) ** 2) / np.mean(noise**2)) / 10.0  # 20 dB
    y = (x + noise).astype(np.float32)
    assert M.snr_db(x, y, sr) == pytest.approx(20.0, abs=0.05)
    assert M.snr_db(x, x, sr) == 100.0
    assert M.log_spectral_distance(x, x, sr) == 0.0
    assert M.log_spectral_distance(x, y, sr) > 1.0
    # different rate and stereo: mixed, resampled and cut to the shorter length without error
    y2 = np.stack([y[::2], y[::2]])
    assert M.snr_db(x, y2, sr, sr // 2) > 5.0
    out = M.measure("audio", (x, sr), (y, sr))
    assert set(out) == {"snr_db", "lsd_db"}


# ------------------------------------------------------------------------------------------ transparency
def _transparent_pair():
    """An RGBA photo whose hidden colours (under alpha 0) differ between the two images, visible ones do not."""
    rng = np.random.default_rng(5)
    rgb = rng.integers(0, 256, (96, 128, 3), dtype=np.uint8)
    alpha = np.full((96, 128), 255, np.uint8)
    alpha[:, :64] = 0                                        # the left half is invisible
    hidden = rgb.copy()
    hidden[:, :64] = rng.integers(0, 256, (96, 64, 3), dtype=np.uint8)   # ...and holds other colours
    a = Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
    b = Image.fromarray(np.dstack([hidden, alpha]), "RGBA")
    return a, b


def test_hidden_colours_under_alpha_zero_are_not_a_change():
    from multiaug.robustness import adapters
    from multiaug.robustness.metrics import phash as metric_phash

    a, b = _transparent_pair()
    # the raw colour bands differ a lot: a hash of them would call this a different image
    assert metric_phash(a.convert("RGB")).tolist() != metric_phash(b.convert("RGB")).tolist()
    for m in (adapters.phash, adapters.histogram):
        assert m.compare(m(a), m(b)) == 0.0, m.name
    got = measure("image", a, b)
    assert got["ssim"] == pytest.approx(1.0) and got["phash_distance"] == 0.0
    if adapters.pdq_available():
        assert adapters.pdq.compare(adapters.pdq(a), adapters.pdq(b)) == 0.0


def test_visible_changes_of_transparent_images_still_count():
    from multiaug.robustness import adapters

    a, _ = _transparent_pair()
    arr = np.asarray(a).copy()
    arr[:, 64:, :3] = 255 - arr[:, 64:, :3]                   # invert the visible half
    b = Image.fromarray(arr, "RGBA")
    assert adapters.phash.compare(adapters.phash(a), adapters.phash(b)) > adapters.phash.threshold
    assert measure("image", a, b)["ssim"] < 0.5


def test_the_background_is_configurable():
    from multiaug.robustness import adapters
    from multiaug.measures.viewing import flatten, parse_background

    half = Image.new("LA", (64, 64), (0, 0))
    half.paste((0, 255), (0, 0, 32, 64))                     # left half opaque black, right half transparent
    assert np.asarray(flatten(half))[:, 40].tolist()[0] == [255, 255, 255]
    assert np.asarray(flatten(half, "black"))[:, 40].max() == 0
    assert parse_background("#ff8000") == (255, 128, 0) == parse_background([255, 128, 0])
    with pytest.raises(multiaug.InvalidParameterError, match="background"):
        parse_background("not-a-colour")
    on_black = adapters.phash_matcher(background="black")
    # on black the transparent half looks like the opaque black half: a uniform image; on white it does not
    assert on_black(half).tolist() != adapters.phash(half).tolist()
    assert on_black.name.endswith("on #000000")


def test_a_transparent_image_with_hidden_changes_is_not_a_miss_in_a_run():
    from multiaug.robustness import adapters, run_robustness

    photo = Image.open(SAMPLES / "chelsea_rgba.png")
    assert (np.asarray(photo)[..., 3] == 0).any()
    suite = {"modality": "image", "transforms": [{"name": "pixelization", "levels": [{"ratio": 0.5}]}]}
    report = run_robustness([photo], adapters.phash, suite, seed=0)
    row = report.rows[0]
    assert row["matched"] and row["distance"] <= 2 and row["measured"]["phash_distance"] <= 2
    assert report.data["background"] == [255, 255, 255]
