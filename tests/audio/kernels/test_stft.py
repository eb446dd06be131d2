"""multiaug/audio/kernels/stft.py: the Hann window, the STFT and its overlap-add inverse."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import stft as S


def test_hann_is_periodic_and_read_only():
    w = S.hann(8)
    assert w.dtype == np.float32 and not w.flags.writeable
    assert np.allclose(w, 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(8) / 8))
    assert w[0] == 0.0 and w[4] == 1.0  # periodic: the peak is at n/2, the window does not end on 0


def test_frames_are_centred_and_a_sinusoid_lands_in_its_bin():
    sr, n_fft, hop = 8000, 256, 64
    k = 20  # bin 20 = 625 Hz
    t = np.arange(4000)
    x = np.sin(2 * np.pi * k * sr / n_fft * t / sr).astype(np.float32)
    spec = S.stft(x, n_fft, hop)
    assert spec.dtype == np.complex64 and spec.shape == (1 + x.size // hop, n_fft // 2 + 1)
    assert (np.argmax(np.abs(spec[5:-5]), axis=-1) == k).all()
    # an impulse at sample t*hop is at the centre of frame t: its spectrum is flat (|X| = w[n_fft/2] = 1)
    imp = np.zeros(1024, np.float32)
    imp[10 * hop] = 1.0
    assert np.allclose(np.abs(S.stft(imp, n_fft, hop)[10]), 1.0, atol=1e-6)


@pytest.mark.parametrize("n", [1, 100, 257, 4000])
@pytest.mark.parametrize("shape", [(), (2,)])
def test_istft_inverts_stft(n, shape):
    x = np.random.default_rng(n).standard_normal((*shape, n)).astype(np.float32)
    y = S.istft(S.stft(x, 512, 128), 128, n)
    assert y.shape == x.shape and y.dtype == np.float32
    assert np.abs(y - x).max() < 1e-5


def test_chunk_size_does_not_change_results(monkeypatch):
    x = np.random.default_rng(0).standard_normal((2, 20000)).astype(np.float32)
    spec = S.stft(x, 512, 128)
    y = S.istft(spec, 128, x.shape[-1])
    monkeypatch.setattr(S, "STFT_CHUNK_FRAMES", 7)
    monkeypatch.setattr(S, "ISTFT_CHUNK_FRAMES", 5)
    assert np.array_equal(S.stft(x, 512, 128), spec)
    # overlap-add sums a row's frames in another order: equal up to float32 rounding
    assert np.allclose(S.istft(spec, 128, x.shape[-1]), y, rtol=0, atol=1e-6)


def test_istft_rejects_a_hop_that_does_not_divide_the_frame():
    with pytest.raises(ValueError, match="multiple of hop"):
        S.istft(np.zeros((3, 129), np.complex64), hop=100)
