"""multiaug/audio/augmentations/time_pitch.py: pitch_shift, time_stretch, tempo, speed: channels, lengths, segments, records."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

from .._signals import peak_hz

SR = 22050

test_contract = contract_tests("audio", "time_pitch")


def tone(freq, seconds=1.0, sr=SR, amp=0.5):
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_stereo_pitch_shift_processes_each_channel():
    st = np.stack([tone(300.0), tone(500.0)])
    y, _ = A.pitch_shift(st, SR, n_steps=12)
    assert y.shape == st.shape
    assert peak_hz(y[0, 3000:-3000], SR) == pytest.approx(600.0, rel=0.005)
    assert peak_hz(y[1, 3000:-3000], SR) == pytest.approx(1000.0, rel=0.005)


@pytest.mark.parametrize("fn,kw,ratio", [(A.time_stretch, {"rate": 2.0}, 0.5), (A.tempo, {"factor": 2.0}, 0.5),
                                         (A.speed, {"factor": 0.5}, 2.0)])
def test_segments_scale_with_duration(fn, kw, ratio):
    meta = Tracker()
    y, _sr = fn(tone(440.0), SR, metadata=meta, **kw)
    rec = meta[0]
    assert y.shape[-1] == round(SR * ratio)
    assert rec["dst_duration"] == pytest.approx(ratio)
    assert rec["dst_segments"][0]["end"] == pytest.approx(ratio)
    assert rec["src_segments"][0] == {"start": 0.0, "end": 1.0, "src_id": None}


def test_chain_clip_then_stretch_segments_refer_to_source():
    pipe = A.Compose([A.Clip(offset_factor=0.5, duration_factor=0.5), A.TimeStretch(rate=0.5)])
    meta = Tracker()
    pipe(tone(440.0), sample_rate=SR, metadata=meta)
    assert meta[-1]["src_segments"] == [{"start": 0.5, "end": 1.0, "src_id": None}]
    assert meta[-1]["dst_segments"][0]["end"] == pytest.approx(1.0)


def test_identity_settings_and_short_inputs():
    x = tone(440.0, 0.01)
    for fn, kw in [(A.pitch_shift, {"n_steps": 0.0}), (A.time_stretch, {"rate": 1.0}), (A.tempo, {"factor": 1.0}),
                   (A.speed, {"factor": 1.0})]:
        y, _ = fn(x, SR, **kw)
        assert np.array_equal(y, x)
    for fn, kw, n in [(A.pitch_shift, {"n_steps": 5.0}, x.size), (A.time_stretch, {"rate": 1.7}, round(x.size / 1.7)),
                      (A.tempo, {"factor": 0.6}, round(x.size / 0.6)), (A.speed, {"factor": 3.0}, round(x.size / 3))]:
        y, _ = fn(x, SR, **kw)
        assert y.shape == (n,) and np.isfinite(y).all()


def test_float64_and_intensity():
    meta = []
    y, _ = A.pitch_shift(tone(440.0).astype(np.float64), SR, n_steps=4, metadata=meta)
    assert y.dtype == np.float64
    assert meta[0]["intensity"] == pytest.approx(4.761904761904762)
    for fn, key in [(A.speed, "factor"), (A.tempo, "factor"), (A.time_stretch, "rate")]:
        m = []
        fn(tone(440.0, 0.1), SR, metadata=m, **{key: 0.25})
        assert m[0]["intensity"] == pytest.approx(40.0)


def test_tempo_keeps_stereo_image():
    x = tone(440.0)
    st = np.stack([x, 0.5 * x])
    y, _ = A.tempo(st, SR, factor=1.3)
    assert np.allclose(y[1], 0.5 * y[0], atol=1e-6)


def test_no_numba_and_fast_first_call():
    """The STFT/vocoder path is plain numpy + soxr: no numba JIT is loaded (librosa.effects would)."""
    code = ("import sys, numpy as np, multiaug.audio as a; "
            "a.pitch_shift(np.zeros(22050, np.float32), 22050, n_steps=2); "
            "a.harmonic(np.zeros(22050, np.float32), 22050); "
            "print('numba' in sys.modules, 'librosa' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["False", "False"]


def test_chunked_processing_is_exact(monkeypatch):
    """Long signals are processed in frame chunks (bounded memory); the result does not depend on it."""
    from multiaug.audio.kernels import stft, vocoder

    x = np.stack([tone(440.0, 1.0), tone(660.0, 1.0, amp=0.3)])
    whole = A.time_stretch(x, SR, rate=0.7)[0], A.pitch_shift(x, SR, n_steps=3)[0], A.harmonic(x, SR)[0]
    for module, name in ((stft, "STFT_CHUNK_FRAMES"), (stft, "ISTFT_CHUNK_FRAMES"), (vocoder, "PV_CHUNK_FRAMES")):
        monkeypatch.setattr(module, name, 7)
    parts = A.time_stretch(x, SR, rate=0.7)[0], A.pitch_shift(x, SR, n_steps=3)[0], A.harmonic(x, SR)[0]
    for a, b in zip(whole, parts):
        assert np.allclose(a, b, atol=1e-6)


@pytest.mark.parametrize("factor", [2.0, 0.75])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_tempo_splices_a_tone_without_audible_seams(factor, dtype):
    """WSOLA's coarse-to-fine search still finds well-aligned splice points: a 440 Hz tone stays a clean
    sinusoid (residual after a local sinusoid fit < 1 % of the RMS, about -40 dB)."""
    sr = 44100
    t = np.arange(2 * sr) / sr
    x = (0.5 * np.sin(2 * np.pi * 440.0 * t)).astype(dtype)
    y, _ = A.tempo(x, sr, factor=factor)
    assert y.dtype == dtype and y.size == round(x.size / factor)
    y = y[4096:-4096].astype(np.float64)
    tt = np.arange(y.size) / sr
    basis = np.stack([np.sin(2 * np.pi * 440.0 * tt), np.cos(2 * np.pi * 440.0 * tt)], axis=1)
    res = []
    for s0 in range(0, y.size - 2048, 2048):
        seg, m = y[s0: s0 + 2048], basis[s0: s0 + 2048]
        coef, *_ = np.linalg.lstsq(m, seg, rcond=None)
        res.append(np.mean((seg - m @ coef) ** 2))
    assert np.sqrt(np.mean(res)) < 0.01 * np.sqrt(np.mean(y ** 2))


def test_tempo_of_silence_is_silence_and_fast():
    import time

    x = np.zeros(5 * 44100, np.float32)
    t0 = time.perf_counter()
    y, _ = A.tempo(x, 44100, factor=0.8)
    assert time.perf_counter() - t0 < 2.0
    assert y.size == round(x.size / 0.8) and not y.any()
