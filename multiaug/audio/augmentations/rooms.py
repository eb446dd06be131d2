"""Space (audiomentations' names where they exist): ``room_simulator``, ``air_absorption``,
``apply_impulse_response`` and ``rerecord`` (loudspeaker → room → phone microphone, the moderation case).
Maths in :mod:`multiaug.audio.kernels.room_ism` (own shoebox image-source model in numpy + diffuse tail; no
pyroomacoustics)."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import room_ism
from ..modality import AUDIO, external_audio
from ..resources.shipped import shipped, shipped_audio

MAX_RIR_SECONDS = 3.0  # simulated responses are cut here (an RT60 longer than this is still reported)
WALL_MARGIN = 0.25  # m: sources and microphones are drawn at least this far from every wall

_METRES = Annotated[float, Range(0.5, 100.0), Unit("m")]


def _room_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """sabine_rt60 / 2 s * 100 (clamped)."""
    return facts["info"]["sabine_rt60"] / 2.0 * 100.0


def _draw_positions(size: tuple[float, float, float], distance: float, rng: np.random.Generator
                    ) -> tuple[list[float], list[float]]:
    """A source anywhere at least WALL_MARGIN from the walls, and a microphone ``distance`` away from it in a
    random direction that stays inside the same margin (the distance shrinks if no direction fits)."""
    lo = np.full(3, WALL_MARGIN)
    hi = np.asarray(size) - WALL_MARGIN
    src = rng.uniform(lo, hi)
    dirs = rng.standard_normal((64, 3))
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    for d in (distance, distance / 2, distance / 4, 0.1):
        cand = src + d * dirs
        ok = np.all((cand >= lo) & (cand <= hi), axis=1)
        if ok.any():
            return src.tolist(), cand[int(np.argmax(ok))].tolist()
    return src.tolist(), src.tolist()


@augmentation(AUDIO, intensity=_room_intensity)
def room_simulator(
    audio: Any,
    sample_rate: int = 44100,
    size_x: _METRES = 5.0,
    size_y: _METRES = 4.0,
    size_z: _METRES = 3.0,
    absorption: Annotated[float, Range(0.01, 1.0), Unit("fraction of energy")] = 0.25,
    mic_distance: Annotated[float, Range(0.1, 100.0), Unit("m")] = 1.0,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Shoebox room (audiomentations' RoomSimulator; own image-source model): the source and a microphone
    ``mic_distance`` away are placed at random; the response has exact image sources for 80 ms, then a diffuse
    tail decaying at Sabine's rate, cut at min(RT60, 3 s). The direct sound is aligned with the input (its
    travel delay removed) at its free-field level (1 / 4πr scaled to 1), so the dry part keeps its level and
    time; same length and channels. ``info`` reports the positions and the Sabine, Eyring and measured (T30)
    RT60s.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        size_x: room length in metres, in [0.5, 100].
        size_y: room width in metres, in [0.5, 100].
        size_z: room height in metres, in [0.5, 100].
        absorption: energy absorption coefficient of the walls, in [0.01, 1] (0.05 tiled bathroom, 0.3 office).
        mic_distance: source–microphone distance in metres (shortened if the room is too small).
        seed: int, numpy Generator or None; draws the positions and the diffuse tail.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    size = (size_x, size_y, size_z)
    src, mic = _draw_positions(size, mic_distance, seed)
    tail_seed = int(seed.integers(2**63))
    sabine = room_ism.sabine_rt60(size, absorption)
    max_time = min(sabine, MAX_RIR_SECONDS)
    h = room_ism.room_rir(size, tuple(src), tuple(mic), absorption, sample_rate, np.random.default_rng(tail_seed),
                          max_time)
    d = math.dist(src, mic)
    delay = room_ism.direct_path_delay(tuple(src), tuple(mic), sample_rate)
    out = room_ism.convolve_same(audio, h * (4.0 * math.pi * max(d, 1e-3)), delay)
    info = {"source": src, "mic": mic, "distance": d, "sabine_rt60": sabine,
            "eyring_rt60": room_ism.eyring_rt60(size, absorption),
            "measured_rt60": float(room_ism.measured_rt60(h, sample_rate)), "rir_seconds": max_time}
    return Out((out, sample_rate), info)


def _air_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """distance / 100 m * 100 (clamped)."""
    return params["distance"]


@augmentation(AUDIO, intensity=_air_intensity)
def air_absorption(
    audio: Any,
    sample_rate: int = 44100,
    distance: Annotated[float, Range(0.0, 10000.0), Unit("m")] = 50.0,
    temperature: Annotated[float, Range(-20.0, 50.0), Unit("°C")] = 20.0,
    humidity: Annotated[float, Range(10.0, 100.0), Unit("%")] = 50.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """High-frequency loss of sound travelling ``distance`` metres through air (audiomentations'
    AirAbsorption), with ISO 9613-1 absorption coefficients at every frequency; zero phase (aligned), same
    length. Spreading loss is not applied.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        distance: path length in metres, in [0, 10000].
        temperature: air temperature in °C, in [-20, 50].
        humidity: relative humidity in %, in [10, 100].
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    return room_ism.air_absorption(audio, sample_rate, distance, temperature, humidity), sample_rate


def _ir_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


@augmentation(AUDIO, intensity=_ir_intensity)
def apply_impulse_response(
    audio: Any,
    sample_rate: int = 44100,
    ir_path: str | np.ndarray | None = None,
    align: bool = True,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    ir_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
) -> Out:
    """Convolve with a room impulse response (audiomentations' ApplyImpulseResponse): a file or array, or one
    of the shipped responses (``assets/audio/rir``) drawn from ``seed``. The output keeps the input's length
    (the tail past the end is cut); ``align`` removes the response's lead-in up to its strongest peak (the
    direct sound) so the output stays aligned with the input. A mono response is used on every channel.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        ir_path: path or float array of the response (mixed to mono); None = a shipped response.
        align: drop the response's samples before its strongest peak.
        seed: int, numpy Generator or None; draws the shipped response.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
        ir_sample_rate: rate of an array ``ir_path`` in Hz (None = the input's rate).
    """
    names = shipped("rir")
    pick = names[int(seed.integers(len(names)))]
    info: dict[str, Any] = {}
    if ir_path is None:
        h = shipped_audio(pick, sample_rate)
        info["impulse"] = pick
    else:
        h = external_audio(ir_path, ir_sample_rate, sample_rate, "apply_impulse_response", "ir_path")
    h = np.asarray(h, dtype=np.float64)
    h = h.mean(axis=0) if h.ndim == 2 else h
    delay = int(np.argmax(np.abs(h))) if align else 0
    info.update(ir_seconds=h.size / sample_rate, delay_samples=delay)
    return Out((room_ism.convolve_same(audio, h, delay), sample_rate), info)


def _rerecord_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """60 + distance / 5 m * 40 (clamped)."""
    return 60.0 + params["distance"] / 5.0 * 40.0


@augmentation(AUDIO, intensity=_rerecord_intensity)
def rerecord(
    audio: Any,
    sample_rate: int = 44100,
    distance: Annotated[float, Range(0.1, 20.0), Unit("m")] = 1.0,
    absorption: Annotated[float, Range(0.01, 1.0), Unit("fraction of energy")] = 0.3,
    drive_db: Annotated[float, Range(-20.0, 30.0), Unit("dB")] = 6.0,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Re-recording, the moderation case (a phone filming a laptop or a small speaker): the audio is played
    through a small loudspeaker (no bass below 200–500 Hz, a 1–4 kHz resonance of +2–8 dB, top end rolling off
    at 6–12 kHz, saturation driven by ``drive_db``), through a room (3–8 m × 3–6 m × 2.4–3.5 m, walls absorbing
    ``absorption``, microphone ``distance`` away) and picked up by a phone microphone (band 80–200 Hz to
    6–10 kHz). Everything but the three arguments is drawn from ``seed`` and listed in ``info``. Same length,
    RMS and channels; the direct sound stays aligned.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        distance: loudspeaker–microphone distance in metres, in [0.1, 20].
        absorption: energy absorption of the room's walls, in [0.01, 1].
        drive_db: loudspeaker overdrive in dB (tanh saturation; <= 0 is nearly clean).
        seed: int, numpy Generator or None; draws the speaker, room and microphone.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    if sample_rate < 8000:
        raise InvalidParameterError(f"rerecord: sample_rate must be >= 8000 Hz, got {sample_rate}",
                                    function="rerecord", argument="sample_rate")
    size = (float(seed.uniform(3.0, 8.0)), float(seed.uniform(3.0, 6.0)), float(seed.uniform(2.4, 3.5)))
    src, mic = _draw_positions(size, distance, seed)
    p = {"speaker_low_hz": float(seed.uniform(200.0, 500.0)), "speaker_high_hz": float(seed.uniform(6000.0, 12000.0)),
         "resonance_hz": float(seed.uniform(1000.0, 4000.0)), "resonance_db": float(seed.uniform(2.0, 8.0)),
         "mic_low_hz": float(seed.uniform(80.0, 200.0)), "mic_high_hz": float(seed.uniform(6000.0, 10000.0))}
    tail_seed = int(seed.integers(2**63))
    max_time = min(room_ism.sabine_rt60(size, absorption), MAX_RIR_SECONDS)
    h = room_ism.room_rir(size, tuple(src), tuple(mic), absorption, sample_rate, np.random.default_rng(tail_seed),
                          max_time)
    delay = room_ism.direct_path_delay(tuple(src), tuple(mic), sample_rate)
    out = room_ism.rerecord(audio, sample_rate, h, delay, p["speaker_low_hz"], p["speaker_high_hz"],
                            p["resonance_hz"], p["resonance_db"], drive_db, p["mic_low_hz"], p["mic_high_hz"])
    return Out((out, sample_rate), {"room_size": list(size), "source": src, "mic": mic, **p})
