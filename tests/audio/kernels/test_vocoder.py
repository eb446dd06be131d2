"""multiaug/audio/kernels/vocoder.py: phase vocoder and time stretch (length, pitch, level, chunking)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import vocoder as V

from .._signals import peak_hz

SR = 22050


def _tone(hz: float, seconds: float, amp: float = 0.5) -> np.ndarray:
    return (amp * np.sin(2 * np.pi * hz * np.arange(round(seconds * SR)) / SR)).astype(np.float32)


@pytest.mark.parametrize("rate", [0.5, 0.8, 1.25, 2.0])
def test_stretch_length_pitch_and_level(rate):
    x = _tone(440.0, 1.0)
    y = V.stretch(x, rate)
    assert y.shape == (round(x.size / rate),) and y.dtype == np.float32
    mid = y[2048:-2048]
    assert abs(peak_hz(mid, SR) - 440.0) < 2.0  # pitch kept
    rms = float(np.sqrt(np.mean(mid.astype(np.float64) ** 2)))
    assert abs(20 * np.log10(rms / (0.5 / np.sqrt(2)))) < 0.5  # identity phase locking keeps the level


def test_rate_one_is_nearly_the_input_and_channels_are_independent():
    x = np.stack([_tone(440.0, 0.5), _tone(660.0, 0.5, amp=0.2)])
    y = V.stretch(x, 1.0)
    assert y.shape == x.shape
    assert np.abs(y - x).max() < 1e-3
    assert np.array_equal(V.stretch(x[1], 0.7), V.stretch(x, 0.7)[1])


def test_phase_vocoder_frame_count_and_chunking(monkeypatch):
    from multiaug.audio.kernels.stft import stft

    spec = stft(np.stack([_tone(300.0, 1.0), _tone(500.0, 1.0)]), 2048, 512)
    out = V.phase_vocoder(spec, 0.5, 512)
    assert out.shape[:-2] == spec.shape[:-2] and out.shape[-1] == spec.shape[-1]
    assert out.shape[-2] == int(np.ceil(spec.shape[-2] / 0.5))
    monkeypatch.setattr(V, "PV_CHUNK_FRAMES", 7)
    assert np.allclose(V.phase_vocoder(spec, 0.5, 512), out, atol=1e-6)


def test_nearest_peak_owner_of_every_bin():
    mask = np.zeros((2, 10), bool)
    mask[0, [1, 6]] = True
    mask[1, [9]] = True
    owners = V._nearest_peak(mask.ravel(), 10).reshape(2, 10)
    assert owners[0].tolist() == [1, 1, 1, 1, 6, 6, 6, 6, 6, 6]  # midpoint 3.5: bins 0-3 -> 1, ties go low
    assert (owners[1] == 9).all()
