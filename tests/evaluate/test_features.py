"""Proxy features: physical truth of the HOG kernel, gain invariance of the audio features."""

from __future__ import annotations

import numpy as np
from PIL import Image

from multiaug.evaluate.features import audio_features, hog, image_features


def _stripes(vertical: bool) -> np.ndarray:
    g = np.zeros((32, 32), dtype=np.float32)
    if vertical:
        g[:, ::4] = 255  # vertical lines: the gradient is horizontal (0°)
    else:
        g[::4, :] = 255  # horizontal lines: the gradient is vertical (90°)
    return g


def test_hog_puts_the_energy_in_the_gradient_orientation_bin():
    for vertical, expected_bin in ((True, 0), (False, 4)):  # 9 bins of 20°: 0° → bin 0 (and 8), 90° → bin 4
        h = hog(_stripes(vertical)).reshape(-1, 9)
        assert h.shape == (9 * 4, 9)
        energy = h.sum(axis=0)
        assert int(np.argmax(energy)) == expected_bin, energy
    assert np.allclose(hog(np.zeros((32, 32))), 0.0)


def test_image_features_shape_and_histogram():
    rng = np.random.default_rng(0)
    img = Image.fromarray(rng.integers(0, 256, (40, 56, 3), dtype=np.uint8))
    f = image_features(img)
    assert f.shape == (452,) and f.dtype == np.float32
    assert np.isclose(f[324:388].sum(), 1.0)
    red = image_features(Image.new("RGB", (20, 20), (255, 0, 0)))
    assert red[324 + 3 * 16] == 1.0  # all pixels in the (r=3, g=0, b=0) colour bin
    assert np.array_equal(image_features(img.convert("L")), image_features(img.convert("L").convert("RGB")))


def test_audio_features_ignore_gain_and_see_pitch():
    sr = 22050
    t = np.arange(sr // 2) / sr
    low = (0.5 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    high = (0.5 * np.sin(2 * np.pi * 2000 * t)).astype(np.float32)
    a, b, c = audio_features(low, sr), audio_features(low * 0.1, sr), audio_features(high, sr)
    assert a.shape == (120,)
    assert np.allclose(a, b, atol=1e-3)
    assert np.abs(a - c).max() > 10
    stereo = np.stack([low, low])
    assert np.allclose(audio_features(stereo, sr), a, atol=1e-4)


def test_mel_filterbank_bands_sit_at_their_centres():
    from multiaug.evaluate.features import mel_filterbank

    w = mel_filterbank(16000, 512, 40)
    assert w.shape == (40, 257) and (w >= 0).all()
    peaks = np.argmax(w, axis=1) * 16000 / 512
    assert np.all(np.diff(peaks) >= 0) and peaks[0] < 100 and peaks[-1] > 6000
    # unit area per band (Hz-weighted sum of the triangle ≈ 1 when the band spans several bins)
    assert np.allclose((w * (16000 / 512)).sum(axis=1)[10:], 1.0, atol=0.1)
