"""Time-axis edits (audiomentations' names): ``shift``, ``time_mask``, ``repeat_part``, ``adjust_duration``,
``padding``, ``trim``, ``reverse``, ``resample``. Maths in :mod:`multiaug.audio.kernels.time_edits`.

Segments follow every edit exactly: each edit is described as the output pieces it copies from the input
(``(output start, input start, length)`` in samples, reversed for ``reverse``) and the segment rule maps
every span through them (a span split by the edit becomes several spans; spans in removed parts vanish).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.limits import output_samples
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import time_edits as te
from ..modality import AUDIO, FINITE, SCAN_CUT, SCAN_INPUT, Audio
from ..segments import Pair, map_pieces


def _pieces_rule(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans mapped through info["pieces"] (output start, input start, length in samples)."""
    return map_pieces(pairs, [tuple(p) for p in facts["info"]["pieces"]], facts["src_sample_rate"])


def _fraction_intensity(key: str):
    def rule(params: dict[str, Any], facts: dict[str, Any]) -> float:
        return abs(params[key]) * 100.0
    rule.__doc__ = f"|{key}| * 100 (clamped)."
    return rule


def _changed_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """|dst_duration - src_duration| / src_duration * 100 (clamped)."""
    src = facts["src_duration"]
    return 0.0 if src <= 0 else abs(facts["dst_duration"] - src) / src * 100.0


def _samples(value: float, unit: str, n: int, sample_rate: int) -> int:
    if unit == "fraction":
        return round(value * n)
    if unit == "seconds":
        return round(value * sample_rate)
    return round(value)


@augmentation(AUDIO, intensity=_fraction_intensity("shift"), segments=_pieces_rule, finite_scan=SCAN_INPUT)
def shift(
    audio: Audio,
    sample_rate: int = 44100,
    shift: Annotated[float, FINITE, Unit("shift_unit")] = 0.25,
    shift_unit: Literal["fraction", "seconds", "samples"] = "fraction",
    rollover: bool = True,
    fade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
) -> Out:
    """Move the audio later by ``shift`` (earlier if negative) (audiomentations' Shift). ``rollover``: what
    leaves one end re-enters at the other; otherwise the gap is silence. Cuts get a raised-cosine fade of
    ``fade_duration``. Same length.

    Args:
        shift: amount, in shift_unit (negative = earlier).
        shift_unit: "fraction" (of the length), "seconds" or "samples".
        rollover: wrap around (True) or fill with silence (False).
        fade_duration: fade at the cuts in seconds (0 = none).
    """
    k = _samples(shift, shift_unit, audio.shape[-1], sample_rate)
    out = te.shift(audio, k, rollover, round(fade_duration * sample_rate))
    return Out(out, {"shift_samples": k, "pieces": te.shift_pieces(audio.shape[-1], k, rollover)})


def _draw_mask_start(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The first masked sample, uniform over the places the mask fits (drawn for every location; used for
    "random")."""
    n = audio.shape[-1]
    return {"start": int(rng.integers(0, n - round(params["band_part"] * n) + 1))}


@augmentation(AUDIO, intensity=_fraction_intensity("band_part"), draw=_draw_mask_start, finite_scan=SCAN_INPUT)
def time_mask(
    audio: Audio,
    sample_rate: int = 44100,
    band_part: Annotated[float, Range(0.0, 1.0), Unit("frac of duration")] = 0.1,
    fade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    mask_location: Literal["start", "end", "random"] = "random",
    *,
    start: Drawn,
) -> Out:
    """Silence a span of ``band_part`` of the duration (audiomentations' TimeMask) at the start, the end or a
    random place, with raised-cosine fades of ``fade_duration`` inside it. Same length (segments unchanged).

    Args:
        band_part: masked length as a fraction of the duration, in [0, 1].
        fade_duration: fade length in seconds.
        mask_location: "start", "end" or "random".
        seed: int, numpy Generator or None; draws the start of a random mask.
    """
    n = audio.shape[-1]
    length = round(band_part * n)
    start = {"start": 0, "end": n - length}.get(mask_location, start)
    out = te.time_mask(audio, start, length, round(fade_duration * sample_rate))
    return Out(out, {"start_sample": start, "length_samples": length})


def _part_samples(params: dict[str, Any], n: int) -> int:
    return min(n, max(1, round(params["part_duration"] * params["sample_rate"])))


def _draw_part_start(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The first sample of the repeated part, uniform over the places it fits."""
    n = audio.shape[-1]
    return {"start": int(rng.integers(0, n - _part_samples(params, n) + 1))}


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule, draw=_draw_part_start,
              finite_scan=SCAN_INPUT)
def repeat_part(
    audio: Audio,
    sample_rate: int = 44100,
    repeats: Annotated[int, Range(1, 100), Unit("copies")] = 2,
    part_duration: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.25,
    mode: Literal["insert", "replace"] = "insert",
    crossfade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    *,
    start: Drawn,
) -> Out:
    """Repeat a part of ``part_duration`` seconds ``repeats`` more times right after itself (audiomentations'
    RepeatPart: a stutter). ``insert`` makes the audio longer; ``replace`` writes over what follows (same
    length). Joints get a crossfade. The part's start is drawn.

    Args:
        repeats: extra copies, in [1, 100].
        part_duration: length of the repeated part in seconds (cut to the input's length).
        mode: "insert" or "replace".
        crossfade_duration: crossfade at each joint in seconds.
        seed: int, numpy Generator or None; draws where the part starts.
    """
    n = audio.shape[-1]
    length = min(n, max(1, round(part_duration * sample_rate)))
    out = te.repeat_part(audio, start, length, repeats, mode, round(crossfade_duration * sample_rate))
    return Out(out, {"start_sample": start, "part_samples": length,
                     "pieces": te.repeat_part_pieces(n, start, length, repeats, mode)})


PadMode = Literal["silence", "wrap", "reflect"]


def _duration_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_samples = max(1, round(duration_seconds · sample_rate)) · channels."""
    return output_samples(max(1.0, params["duration_seconds"] * size["sample_rate"]), size["channels"],
                          "duration_seconds")


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule, cost=_duration_cost,
              finite_scan=SCAN_CUT)
def adjust_duration(
    audio: Audio,
    sample_rate: int = 44100,
    duration_seconds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 1.0,
    padding_mode: PadMode = "silence",
    padding_position: Literal["start", "end"] = "end",
) -> Out:
    """Make the audio exactly ``duration_seconds`` long (audiomentations' AdjustDuration): pad with silence /
    a wrap-around / a mirror image, or cut, at the ``padding_position`` end.

    Args:
        duration_seconds: target duration in seconds (> 0; at least one sample).
        padding_mode: "silence", "wrap" or "reflect".
        padding_position: "start" or "end": where samples are added or removed.
    """
    n = audio.shape[-1]
    target = max(1, round(duration_seconds * sample_rate))
    out = te.adjust_duration(audio, target, padding_mode, padding_position)
    return Out(out, {"pieces": te.adjust_duration_pieces(n, target, padding_position)})


@augmentation(AUDIO, intensity=_fraction_intensity("fraction"), segments=_pieces_rule, finite_scan=SCAN_INPUT)
def padding(
    audio: Audio,
    fraction: Annotated[float, Range(0.0, 1.0, high_open=True), Unit("frac of duration")] = 0.2,
    mode: PadMode = "silence",
    pad_section: Literal["start", "end"] = "end",
) -> Out:
    """Replace ``fraction`` of the audio at the ``pad_section`` end by padding (audiomentations' Padding):
    silence, a wrap-around copy or a mirror image of the rest; the rest stays in place, length unchanged.

    Args:
        fraction: share of the duration replaced, in [0, 1).
        mode: "silence", "wrap" or "reflect".
        pad_section: "start" or "end".
    """
    n = audio.shape[-1]
    count = min(max(0, round(fraction * n)), n - 1)
    out = te.padding(audio, count, mode, pad_section)
    piece = (count, count, n - count) if pad_section == "start" else (0, 0, n - count)
    return Out(out, {"padded_samples": count, "pieces": [list(piece)]})


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule, finite_scan=SCAN_INPUT)
def trim(
    audio: Audio,
    top_db: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("dB")] = 30.0,
) -> Out:
    """Cut leading and trailing silence: parts more than ``top_db`` below the loudest 2048-sample frame
    (audiomentations' Trim, librosa's rule). At least one sample is kept.

    Args:
        top_db: threshold below the peak frame level in dB (> 0).
    """
    out, a, b = te.trim(audio, top_db)
    return Out(out, {"start_sample": a, "end_sample": b, "pieces": [[0, a, b - a]]})


def _reverse_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans mirrored: [start, end] -> [duration - end, duration - start]."""
    n = round(facts["src_duration"] * facts["src_sample_rate"])
    return map_pieces(pairs, [(0, 0, n)], facts["src_sample_rate"], reversed_=True, total=n)


def _full_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


@augmentation(AUDIO, intensity=_full_intensity, segments=_reverse_segments, finite_scan=SCAN_INPUT)
def reverse(
    audio: Audio,
) -> Audio:
    """Play the audio backwards (audiomentations' Reverse); segments are mirrored.

    Args:
    """
    return te.reverse(audio)


def _resample_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 - min(target_sample_rate / src_sample_rate, 1)) * 100."""
    return (1.0 - min(params["target_sample_rate"] / facts["src_sample_rate"], 1.0)) * 100.0


def _resample_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_samples = max(1, n · target_sample_rate / sample_rate) · channels (also a round trip's middle)."""
    return output_samples(max(1.0, size["samples"] * params["target_sample_rate"] / size["sample_rate"]),
                          size["channels"], "target_sample_rate")


@augmentation(AUDIO, intensity=_resample_intensity, cost=_resample_cost)
def resample(
    audio: Audio,
    sample_rate: int = 44100,
    target_sample_rate: Annotated[int, Range(1, 768000), Unit("Hz")] = 8000,
    round_trip: bool = True,
) -> Audio | tuple[np.ndarray, int]:
    """Resample with soxr to ``target_sample_rate`` (audiomentations' Resample). ``round_trip`` (default) goes
    back to the input's rate (the bandwidth above target/2 is lost, the length and rate stay); otherwise the
    result is returned at the new rate (the returned sample rate says so; durations and segments in seconds
    are kept).

    Args:
        target_sample_rate: rate in Hz, in [1, 768000].
        round_trip: come back to the input's rate (True) or keep the new rate (False).
    """
    if round_trip:
        return te.resample_round_trip(audio, sample_rate, target_sample_rate)
    return te.resample_to(audio, sample_rate, target_sample_rate), int(target_sample_rate)
