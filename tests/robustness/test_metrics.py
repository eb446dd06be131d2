"""Measured perturbation sizes: Levenshtein, SSIM, pHash, SNR, log-spectral distance."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

import multiaug
from multiaug.measures import edit_distance, phash, spectral
from multiaug.robustness import measure
from multiaug.robustness import metrics as M

from ._fixtures import SAMPLES, small_photos


def test_the_metrics_are_the_shared_measures():
    """robustness.metrics serves multiaug.measures' functions (tested in tests/measures), not copies of them."""
    assert M.levenshtein is edit_distance.levenshtein
    assert M.phash is phash.phash and M.hamming is phash.hamming
    assert M.snr_db is spectral.snr_db and M.log_spectral_distance is spectral.log_spectral_distance


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


def test_audio_measure_reports_snr_and_lsd():
    sr = 16000
    x = (0.5 * np.sin(2 * np.pi * 440 * np.arange(sr) / sr)).astype(np.float32)
    y = (x + np.random.default_rng(0).normal(0, 0.05, x.shape)).astype(np.float32)
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
