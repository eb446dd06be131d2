"""Codec round trips: ``mp3_compression`` (audiomentations' name), ``opus_compression`` and ``telephone``.
Maths in :mod:`multiaug.audio.kernels.codecs` (libsndfile's LAME/mpg123 and Opus through soundfile: no extra
dependency; MP3 optionally through fast-mp3-augment; length and alignment kept)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

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
    *,
    backend: Literal["libsndfile", "fast-mp3-augment"] = "libsndfile",
    quality: Annotated[int | None, Range(0, 9)] = None,
) -> Audio:
    """MP3 encode + decode at a constant ``bitrate`` (audiomentations' Mp3Compression; LAME).

    The codec delay is removed: the output has the input's length and is aligned with it. MPEG-1 rates
    (32–48 kHz) allow 32–320 kbps, MPEG-2 (16–24 kHz) 8–160, MPEG-2.5 (8–12 kHz) 8–64 (clamped; LAME then
    takes the nearest legal bitrate, the lower on a tie); other sample rates are resampled to the next MP3 rate
    and back. At most 2 channels; values beyond [-1, 1] are clipped before encoding.

    Two engines, the same bitrate, length and alignment, different bits (``backend`` is recorded, so replay
    uses the same one): ``"libsndfile"`` (default) is LAME + mpg123 inside the libsndfile that soundfile
    bundles: no extra package, identical outputs on every platform, LAME at its default algorithm quality (3),
    which libsndfile offers no setting for. ``"fast-mp3-augment"`` is audiomentations' engine (LAME + minimp3 in
    Rust, encoder and decoder on two threads, LAME quality 7 unless ``quality`` says otherwise): about 4–5×
    faster at quality 7 (benchmarks/MP3_BACKENDS.md); an optional package (``pip install "multiaug[mp3]"``,
    LGPL-2.1) with wheels for Linux x86-64/arm64, macOS arm64 and Windows x86-64 only.

    Args:
        bitrate: constant bitrate in kbps, in [8, 320].
        backend: MP3 engine: ``"libsndfile"`` (default; no extra package) or ``"fast-mp3-augment"`` (faster;
            needs ``pip install "multiaug[mp3]"``).
        quality: LAME's algorithm quality, 0 (best, slowest) to 9 (fastest), with ``backend="fast-mp3-augment"``
            only; None: 7 there (audiomentations' choice). With ``"libsndfile"`` it must stay None.
    """
    return codecs.mp3_round_trip(audio, sample_rate, bitrate, backend=backend, quality=quality)


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
