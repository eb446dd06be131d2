"""multiaug/audio/kernels/time_scale.py: pitch shift, time stretch, tempo and speed (lengths, pitch, identity)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import time_scale as T

from .._signals import peak_hz

SR = 16000
TONE = (0.5 * np.sin(2 * np.pi * 440.0 * np.arange(SR) / SR)).astype(np.float32)


@pytest.mark.parametrize("n_steps", [-5.0, 3.0])
def test_pitch_shift_moves_the_frequency_and_keeps_the_length(n_steps):
    y = T.pitch_shift(TONE, SR, n_steps)
    assert y.shape == TONE.shape
    assert abs(peak_hz(y[2000:-2000], SR) - 440.0 * 2 ** (n_steps / 12)) < 3.0


def test_speed_changes_length_and_pitch_together_stretch_and_tempo_only_length():
    fast = T.speed(TONE, SR, 2.0, SR // 2)
    assert fast.shape == (SR // 2,) and abs(peak_hz(fast[500:-500], SR) - 880.0) < 3.0
    for y in (T.time_stretch(TONE, 2.0, SR // 2), T.tempo(TONE, SR, 2.0, SR // 2)):
        assert y.shape == (SR // 2,) and abs(peak_hz(y[2000:-2000], SR) - 440.0) < 3.0


def test_identity_factors_and_empty_input_give_copies():
    for y in (T.pitch_shift(TONE, SR, 0.0), T.time_stretch(TONE, 1.0, SR), T.tempo(TONE, SR, 1.0, SR),
              T.speed(TONE, SR, 1.0, SR)):
        assert np.array_equal(y, TONE) and y is not TONE
    empty = np.zeros((2, 0), np.float32)
    assert T.speed(empty, SR, 2.0, 0).shape == (2, 0)
