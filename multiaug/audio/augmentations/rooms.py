"""Space (audiomentations' names where they exist): ``room_simulator``, ``air_absorption``,
``apply_impulse_response`` and ``rerecord`` (loudspeaker → room → phone microphone, the moderation case).
Maths in :mod:`multiaug.audio.kernels.room_ism` (own shoebox image-source model in numpy + diffuse tail; no
pyroomacoustics)."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import room_ism
from ..modality import AUDIO, Audio, external_audio
from ..resources.shipped import shipped, shipped_audio

MAX_RIR_SECONDS = 3.0  # simulated responses are cut here (an RT60 longer than this is still reported)
WALL_MARGIN = 0.25  # m: sources and microphones are drawn at least this far from every wall

_METRES = Annotated[float, Range(0.5, 100.0), Unit("m")]


def _room_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """sabine_rt60 / 2 s * 100 (clamped)."""
    return facts["info"]["sabine_rt60"] / 2.0 * 100.0


def _draw_room(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Source and microphone positions, then the seed of the diffuse tail."""
    size = (params["size_x"], params["size_y"], params["size_z"])
    src, mic = room_ism.draw_positions(size, params["mic_distance"], rng, WALL_MARGIN)
    return {"source": src, "mic": mic, "tail_seed": int(rng.integers(2**63))}


@augmentation(AUDIO, intensity=_room_intensity, draw=_draw_room)
def room_simulator(
    audio: Audio,
    sample_rate: int = 44100,
    size_x: _METRES = 5.0,
    size_y: _METRES = 4.0,
    size_z: _METRES = 3.0,
    absorption: Annotated[float, Range(0.01, 1.0), Unit("fraction of energy")] = 0.25,
    mic_distance: Annotated[float, Range(0.1, 100.0), Unit("m")] = 1.0,
    *,
    source: Drawn,
    mic: Drawn,
    tail_seed: Drawn,
) -> Out:
    """Shoebox room (audiomentations' RoomSimulator; own image-source model): the source and a microphone
    ``mic_distance`` away are placed at random; the response has exact image sources for 80 ms, then a diffuse
    tail decaying at Sabine's rate, cut at min(RT60, 3 s). The direct sound is aligned with the input (its
    travel delay removed) at its free-field level (1 / 4πr scaled to 1), so the dry part keeps its level and
    time; same length and channels. ``info`` reports the positions and the Sabine, Eyring and measured (T30)
    RT60s.

    Args:
        size_x: room length in metres, in [0.5, 100].
        size_y: room width in metres, in [0.5, 100].
        size_z: room height in metres, in [0.5, 100].
        absorption: energy absorption coefficient of the walls, in [0.01, 1] (0.05 tiled bathroom, 0.3 office).
        mic_distance: source–microphone distance in metres (shortened if the room is too small).
        seed: int, numpy Generator or None; draws the positions and the diffuse tail.
    """
    return Out(*room_ism.simulate_room(audio, sample_rate, (size_x, size_y, size_z), source, mic, absorption, tail_seed,
                                       MAX_RIR_SECONDS))


def _air_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """distance / 100 m * 100 (clamped)."""
    return params["distance"]


@augmentation(AUDIO, intensity=_air_intensity)
def air_absorption(
    audio: Audio,
    sample_rate: int = 44100,
    distance: Annotated[float, Range(0.0, 10000.0), Unit("m")] = 50.0,
    temperature: Annotated[float, Range(-20.0, 50.0), Unit("°C")] = 20.0,
    humidity: Annotated[float, Range(10.0, 100.0), Unit("%")] = 50.0,
) -> Audio:
    """High-frequency loss of sound travelling ``distance`` metres through air (audiomentations'
    AirAbsorption), with ISO 9613-1 absorption coefficients at every frequency; zero phase (aligned), same
    length. Spreading loss is not applied.

    Args:
        distance: path length in metres, in [0, 10000].
        temperature: air temperature in °C, in [-20, 50].
        humidity: relative humidity in %, in [10, 100].
    """
    return room_ism.air_absorption(audio, sample_rate, distance, temperature, humidity)


def _ir_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


def _draw_rir(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Which shipped room impulse response (one draw; made whether or not ``ir_path`` is given)."""
    names = shipped("rir")
    return {"shipped_rir": names[int(rng.integers(len(names)))]}


@augmentation(AUDIO, intensity=_ir_intensity, draw=_draw_rir)
def apply_impulse_response(
    audio: Audio,
    sample_rate: int = 44100,
    ir_path: str | np.ndarray | None = None,
    align: bool = True,
    *,
    ir_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
    shipped_rir: Drawn,
) -> Out:
    """Convolve with a room impulse response (audiomentations' ApplyImpulseResponse): a file or array, or one
    of the shipped responses (``assets/audio/rir``) drawn from ``seed``. The output keeps the input's length
    (the tail past the end is cut); ``align`` removes the response's lead-in up to its strongest peak (the
    direct sound) so the output stays aligned with the input. A mono response is used on every channel.

    Args:
        ir_path: path or float array of the response (mixed to mono); None = a shipped response.
        align: drop the response's samples before its strongest peak.
        seed: int, numpy Generator or None; draws the shipped response.
        ir_sample_rate: rate of an array ``ir_path`` in Hz (None = the input's rate).
    """
    if ir_path is None:
        h, info = shipped_audio(shipped_rir, sample_rate), {"impulse": shipped_rir}
    else:
        h, info = external_audio(ir_path, ir_sample_rate, sample_rate, "apply_impulse_response", "ir_path"), {}
    out, seconds, delay = room_ism.apply_rir(audio, sample_rate, h, align)
    return Out(out, {**info, "ir_seconds": seconds, "delay_samples": delay})


def _rerecord_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """60 + distance / 5 m * 40 (clamped)."""
    return 60.0 + params["distance"] / 5.0 * 40.0


def _draw_rerecord(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The room size, positions, loudspeaker and microphone bands, then the seed of the diffuse tail (the rate
    is checked first)."""
    if params["sample_rate"] < 8000:
        raise InvalidParameterError(f"rerecord: sample_rate must be >= 8000 Hz, got {params['sample_rate']}",
                                    function="rerecord", argument="sample_rate")
    size = [float(rng.uniform(3.0, 8.0)), float(rng.uniform(3.0, 6.0)), float(rng.uniform(2.4, 3.5))]
    src, mic = room_ism.draw_positions(tuple(size), params["distance"], rng, WALL_MARGIN)
    chain = {"speaker_low_hz": float(rng.uniform(200.0, 500.0)), "speaker_high_hz": float(rng.uniform(6000.0, 12000.0)),
             "resonance_hz": float(rng.uniform(1000.0, 4000.0)), "resonance_db": float(rng.uniform(2.0, 8.0)),
             "mic_low_hz": float(rng.uniform(80.0, 200.0)), "mic_high_hz": float(rng.uniform(6000.0, 10000.0))}
    return {"room_size": size, "source": src, "mic": mic, "chain": chain, "tail_seed": int(rng.integers(2**63))}


@augmentation(AUDIO, intensity=_rerecord_intensity, draw=_draw_rerecord)
def rerecord(
    audio: Audio,
    sample_rate: int = 44100,
    distance: Annotated[float, Range(0.1, 20.0), Unit("m")] = 1.0,
    absorption: Annotated[float, Range(0.01, 1.0), Unit("fraction of energy")] = 0.3,
    drive_db: Annotated[float, Range(-20.0, 30.0), Unit("dB")] = 6.0,
    *,
    room_size: Drawn,
    source: Drawn,
    mic: Drawn,
    chain: Drawn,
    tail_seed: Drawn,
) -> Out:
    """Re-recording, the moderation case (a phone filming a laptop or a small speaker): the audio is played
    through a small loudspeaker (no bass below 200–500 Hz, a 1–4 kHz resonance of +2–8 dB, top end rolling off
    at 6–12 kHz, saturation driven by ``drive_db``), through a room (3–8 m × 3–6 m × 2.4–3.5 m, walls absorbing
    ``absorption``, microphone ``distance`` away) and picked up by a phone microphone (band 80–200 Hz to
    6–10 kHz). Everything but the three arguments is drawn from ``seed`` and listed in ``info``. Same length,
    RMS and channels; the direct sound stays aligned.

    Args:
        distance: loudspeaker–microphone distance in metres, in [0.1, 20].
        absorption: energy absorption of the room's walls, in [0.01, 1].
        drive_db: loudspeaker overdrive in dB (tanh saturation; <= 0 is nearly clean).
        seed: int, numpy Generator or None; draws the speaker, room and microphone.
    """
    out = room_ism.rerecord_in_room(audio, sample_rate, tuple(room_size), source, mic, absorption, drive_db, chain,
                                    tail_seed, MAX_RIR_SECONDS)
    return Out(out, {"room_size": room_size, "source": source, "mic": mic, **chain})
