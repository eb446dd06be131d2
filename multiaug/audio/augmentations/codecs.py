"""Codec round trips: ``mp3_compression`` (audiomentations' name), ``opus_compression`` and ``telephone``.
Maths in :mod:`multiaug.audio.kernels.codecs` (libsndfile's LAME/mpg123 and Opus through soundfile: no extra
dependency; length and alignment kept)."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import codecs
from ..modality import AUDIO, SCAN_BOTH_KEEP_INPUT, Audio


def _bitrate_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(320 - bitrate) / 312 * 100 (clamped)."""
    return (320.0 - params["bitrate"]) / 312.0 * 100.0


@augmentation(AUDIO, intensity=_bitrate_intensity, finite_scan=SCAN_BOTH_KEEP_INPUT)
def mp3_compression(
    audio: Audio,
    sample_rate: int = 44100,
    bitrate: Annotated[float, Range(8.0, 320.0), Unit("kbps")] = 32.0,
) -> Audio:
    """MP3 encode + decode at a constant ``bitrate`` (audiomentations' Mp3Compression; LAME inside libsndfile).

    The codec delay is removed: the output has the input's length and is aligned with it. MPEG-1 rates
    (32–48 kHz) allow 32–320 kbps, MPEG-2 (16–24 kHz) 8–160, MPEG-2.5 (8–12 kHz) 8–64 (clamped); other sample
    rates are resampled to the next MP3 rate and back. At most 2 channels; values beyond [-1, 1] are clipped by
    the encoder.

    Args:
        bitrate: constant bitrate in kbps, in [8, 320].
    """
    return codecs.mp3_round_trip(audio, sample_rate, bitrate)


def _opus_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(256 - bitrate) / 250 * 100 (clamped)."""
    return (256.0 - params["bitrate"]) / 250.0 * 100.0


@augmentation(AUDIO, intensity=_opus_intensity)
def opus_compression(
    audio: Audio,
    sample_rate: int = 44100,
    bitrate: Annotated[float, Range(6.0, 256.0), Unit("kbps")] = 16.0,
) -> Audio:
    """Ogg Opus encode + decode (the VoIP / WebRTC codec; libopus inside libsndfile) at about ``bitrate``.

    Opus runs at 8/12/16/24/48 kHz: other rates are resampled to the next of these and back. Same length,
    aligned with the input.

    Args:
        bitrate: target bitrate in kbps, in [6, 256].
    """
    return codecs.ogg_round_trip(audio, sample_rate, "opus", codecs.opus_compression_level(bitrate))


def _telephone_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """50 + packet_loss * 50."""
    return 50.0 + params["packet_loss"] * 50.0


def _draw_lost_frames(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Each ``frame_ms`` frame is lost with probability ``packet_loss`` (one uniform draw per frame)."""
    n_frames = int(np.ceil(audio.shape[-1] / params["sample_rate"] * 1000.0 / params["frame_ms"]))
    return {"lost_frames": np.flatnonzero(rng.random(n_frames) < params["packet_loss"]).tolist()}


@augmentation(AUDIO, intensity=_telephone_intensity, example={"packet_loss": 0.2}, draw=_draw_lost_frames)
def telephone(
    audio: Audio,
    sample_rate: int = 44100,
    packet_loss: Annotated[float, Range(0.0, 1.0), Unit("fraction of frames")] = 0.0,
    frame_ms: Annotated[float, Range(1.0, 1000.0), Unit("ms")] = 20.0,
    *,
    lost_frames: Drawn,
) -> Out:
    """A narrow-band phone line: 8 kHz, 300–3400 Hz (≤ -50 dB outside), 8-bit μ-law (G.711), and optionally
    lost frames concealed GSM-style (the previous frame repeated at half level). Back at the input's rate,
    same length, aligned. ``info["lost_frames"]`` lists the lost frame indices.

    Args:
        packet_loss: probability that a frame is lost, in [0, 1].
        frame_ms: frame (packet) length in ms.
        seed: int, numpy Generator or None; draws which frames are lost.
    """
    return Out(codecs.telephone(audio, sample_rate, lost_frames=lost_frames, frame_ms=frame_ms),
               {"lost_frames": lost_frames})
