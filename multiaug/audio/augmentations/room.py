"""Rooms (``reverb``, ``fft_convolve``).

* ``reverb``: an algorithmic Freeverb network (8 damped feedback combs in parallel, 4 all-passes in
  series) with sox ``reverb``'s parameter mapping (see :func:`multiaug.audio.kernels.reverb.freeverb`), applied as
  an FFT convolution with the network's impulse response (computed by the recursion, cached). Output
  length = input length; the output has the input's channel count (mono stays mono; for 2+ channels,
  odd channels use delay lines offset by ``stereo_depth`` for a decorrelated, wide tail).
* ``fft_convolve``: FFT convolution with an impulse response, by default one of the shipped simulated
  room impulse responses (``assets/audio/rir``), chosen from ``seed``. The output keeps the input's
  length n (the reverberant tail past the end is cut), so segments and labels stay aligned.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import reverb as reverb_kernel
from ..modality import AUDIO, Audio, external_audio
from ..resources.shipped import shipped, shipped_audio
from ..segments import Pair, crop_pairs


def _reverb_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if wet_only, else reverberance/100 * room_scale/100 * 100."""
    if params["wet_only"]:
        return 100.0
    return params["reverberance"] / 100.0 * params["room_scale"] / 100.0 * 100.0


_PCT = Annotated[float, Range(0.0, 100.0), Unit("%")]


@augmentation(AUDIO, intensity=_reverb_intensity)
def reverb(
    audio: Audio,
    sample_rate: int = 44100,
    reverberance: _PCT = 50.0,
    hf_damping: _PCT = 50.0,
    room_scale: _PCT = 100.0,
    stereo_depth: _PCT = 100.0,
    pre_delay: Annotated[float, Range(0.0, 500.0), Unit("ms")] = 0.0,
    wet_gain: Annotated[float, Range(-10.0, 10.0), Unit("dB")] = 0.0,
    wet_only: bool = False,
) -> Audio:
    """Algorithmic room reverberation (Freeverb with sox ``reverb``'s parameters): dry + wet, same length.

    Mapping: ``room_scale`` scales the comb delay lines by 0.1 + 0.9·room_scale/100; ``reverberance``
    sets the comb feedback from 0.3 (0 %) to 0.98 (100 %) on sox's logarithmic curve (longer decay);
    ``hf_damping`` sets the in-loop low-pass coefficient 0.2 + 0.3·hf_damping/100 (darker tail);
    ``stereo_depth`` offsets the delay lines of odd channels (multi-channel input only; mono stays
    mono); ``pre_delay`` delays the wet signal; ``wet_gain`` scales it; ``wet_only`` drops the dry signal.

    Args:
        reverberance: decay length, in % (0–100).
        hf_damping: high-frequency damping of the tail, in % (0–100).
        room_scale: room size, in % (0–100).
        stereo_depth: left/right decorrelation of the tail for multi-channel input, in % (0–100).
        pre_delay: delay before the reverberation starts, in ms (0–500).
        wet_gain: gain of the reverberated signal, in dB (-10–10).
        wet_only: output only the reverberated signal (no dry signal).
    """
    return reverb_kernel.reverberate(audio, sample_rate, reverberance, hf_damping, room_scale, stereo_depth, pre_delay,
                                     wet_gain, wet_only)


def _convolve_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


def _convolve_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Unchanged (the output keeps the input's length; spans are kept within the output)."""
    return crop_pairs(pairs, 0.0, facts["dst_duration"])


def _draw_impulse(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Which shipped room impulse response (one draw), when no ``impulse_audio`` is given."""
    if params["impulse_audio"] is not None:
        return {"impulse": None}
    names = shipped("rir")
    return {"impulse": names[int(rng.integers(len(names)))]}


@augmentation(AUDIO, intensity=_convolve_intensity, segments=_convolve_segments, draw=_draw_impulse)
def fft_convolve(
    audio: Audio,
    sample_rate: int = 44100,
    normalize: bool = True,
    impulse_audio: str | np.ndarray | None = None,
    *,
    impulse_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
    impulse: Drawn,
) -> Out:
    """Convolve with an impulse response (FFT); the output keeps the input's length n (tail cut).

    A mono impulse is applied to every channel; an impulse with the input's channel count is applied
    channel by channel; other layouts are mixed down to mono first.

    Args:
        normalize: divide the result by its peak (peak 1.0), as AugLy does; silence stays silent.
        impulse_audio: path or float array of the impulse response; None = a shipped simulated room
            impulse response (small_room, medium_room, hall, bathroom, corridor) chosen from ``seed``.
        seed: int, numpy Generator or None; used only for the default impulse response.
        impulse_sample_rate: rate of an array ``impulse_audio`` in Hz (None = the input's rate).
    """
    if impulse is not None:
        h, info = shipped_audio(impulse, sample_rate), {"impulse": impulse}
    else:
        h, info = external_audio(impulse_audio, impulse_sample_rate, sample_rate, "fft_convolve", "impulse_audio"), {}
    info["impulse_duration"] = h.shape[-1] / sample_rate
    return Out(reverb_kernel.convolve_impulse(audio, h, normalize), info)
