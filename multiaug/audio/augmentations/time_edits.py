"""Time-axis edits (audiomentations' names): ``shift``, ``time_mask``, ``repeat_part``, ``adjust_duration``,
``padding``, ``trim``, ``reverse``, ``resample``. Maths in :mod:`multiaug.audio.kernels.time_edits`.

Segments follow every edit exactly: each edit is described as the output pieces it copies from the input
(``(output start, input start, length)`` in samples, reversed for ``reverse``) and the segment rule maps
every span through them (a span split by the edit becomes several spans; spans in removed parts vanish).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import time_edits as te
from ..kernels.length import fix_length
from ..kernels.resample import resample as resample_audio
from ..modality import AUDIO, FINITE
from ..segments import Pair

Piece = tuple[int, int, int]  # (output start, input start, length) in samples


def map_pieces(pairs: list[Pair], pieces: list[Piece], sample_rate: int, reversed_: bool = False,
               total: int = 0) -> list[Pair]:
    """Map (source span, current span) pairs through output pieces copied from the input.

    A current span's part inside a piece's input range lands at the same offset inside the piece's output
    range (mirrored within ``total`` samples when ``reversed_``); the matching part of the source span is cut
    proportionally. Parts in no piece are dropped."""
    out: list[Pair] = []
    for s, d in pairs:
        span = d["end"] - d["start"]
        k = (s["end"] - s["start"]) / span if span > 0 else 0.0
        for out0, in0, length in pieces:
            a, b = in0 / sample_rate, (in0 + length) / sample_rate
            lo, hi = max(d["start"], a), min(d["end"], b)
            if hi <= lo:
                continue
            ns = {**s, "start": s["start"] + (lo - d["start"]) * k, "end": s["start"] + (hi - d["start"]) * k}
            o0, o1 = out0 / sample_rate + lo - a, out0 / sample_rate + hi - a
            if reversed_:
                o0, o1 = total / sample_rate - o1, total / sample_rate - o0
            out.append((ns, {**d, "start": o0, "end": o1}))
    return out


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


@augmentation(AUDIO, intensity=_fraction_intensity("shift"), segments=_pieces_rule)
def shift(
    audio: Any,
    sample_rate: int = 44100,
    shift: Annotated[float, FINITE, Unit("shift_unit")] = 0.25,
    shift_unit: Literal["fraction", "seconds", "samples"] = "fraction",
    rollover: bool = True,
    fade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Move the audio later by ``shift`` (earlier if negative) (audiomentations' Shift). ``rollover``: what
    leaves one end re-enters at the other; otherwise the gap is silence. Cuts get a raised-cosine fade of
    ``fade_duration``. Same length.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        shift: amount, in shift_unit (negative = earlier).
        shift_unit: "fraction" (of the length), "seconds" or "samples".
        rollover: wrap around (True) or fill with silence (False).
        fade_duration: fade at the cuts in seconds (0 = none).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    k = _samples(shift, shift_unit, n, sample_rate)
    out = te.shift(audio, k, rollover, round(fade_duration * sample_rate))
    if rollover:
        s = k % n
        pieces = [(s, 0, n - s), (0, n - s, s)]
    elif k >= 0:
        pieces = [(k, 0, max(n - k, 0))]
    else:
        pieces = [(0, -k, max(n + k, 0))]
    return Out((out, sample_rate), {"shift_samples": k, "pieces": [list(p) for p in pieces if p[2] > 0]})


@augmentation(AUDIO, intensity=_fraction_intensity("band_part"))
def time_mask(
    audio: Any,
    sample_rate: int = 44100,
    band_part: Annotated[float, Range(0.0, 1.0), Unit("frac of duration")] = 0.1,
    fade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    mask_location: Literal["start", "end", "random"] = "random",
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Silence a span of ``band_part`` of the duration (audiomentations' TimeMask) at the start, the end or a
    random place, with raised-cosine fades of ``fade_duration`` inside it. Same length (segments unchanged).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        band_part: masked length as a fraction of the duration, in [0, 1].
        fade_duration: fade length in seconds.
        mask_location: "start", "end" or "random".
        seed: int, numpy Generator or None; draws the start of a random mask.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    length = round(band_part * n)
    start = int(seed.integers(0, n - length + 1))
    if mask_location == "start":
        start = 0
    elif mask_location == "end":
        start = n - length
    out = te.time_mask(audio, start, length, round(fade_duration * sample_rate))
    return Out((out, sample_rate), {"start_sample": start, "length_samples": length})


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule)
def repeat_part(
    audio: Any,
    sample_rate: int = 44100,
    repeats: Annotated[int, Range(1, 100), Unit("copies")] = 2,
    part_duration: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.25,
    mode: Literal["insert", "replace"] = "insert",
    crossfade_duration: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Repeat a part of ``part_duration`` seconds ``repeats`` more times right after itself (audiomentations'
    RepeatPart: a stutter). ``insert`` makes the audio longer; ``replace`` writes over what follows (same
    length). Joints get a crossfade. The part's start is drawn.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        repeats: extra copies, in [1, 100].
        part_duration: length of the repeated part in seconds (cut to the input's length).
        mode: "insert" or "replace".
        crossfade_duration: crossfade at each joint in seconds.
        seed: int, numpy Generator or None; draws where the part starts.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    length = min(n, max(1, round(part_duration * sample_rate)))
    start = int(seed.integers(0, n - length + 1))
    out = te.repeat_part(audio, start, length, repeats, mode, round(crossfade_duration * sample_rate))
    end = start + length
    pieces = [(0, 0, end)] + [(end + k * length, start, length) for k in range(repeats)]
    if mode == "insert":
        pieces.append((end + repeats * length, end, n - end))
    else:
        pieces = [(o, i, max(0, min(length_, n - o))) for o, i, length_ in pieces]
        pieces.append((end + repeats * length, end + repeats * length, max(0, n - end - repeats * length)))
    return Out((out, sample_rate), {"start_sample": start, "part_samples": length,
                                    "pieces": [list(p) for p in pieces if p[2] > 0]})


PadMode = Literal["silence", "wrap", "reflect"]


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule)
def adjust_duration(
    audio: Any,
    sample_rate: int = 44100,
    duration_seconds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 1.0,
    padding_mode: PadMode = "silence",
    padding_position: Literal["start", "end"] = "end",
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Make the audio exactly ``duration_seconds`` long (audiomentations' AdjustDuration): pad with silence /
    a wrap-around / a mirror image, or cut, at the ``padding_position`` end.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        duration_seconds: target duration in seconds (> 0; at least one sample).
        padding_mode: "silence", "wrap" or "reflect".
        padding_position: "start" or "end": where samples are added or removed.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    target = max(1, round(duration_seconds * sample_rate))
    out = te.adjust_duration(audio, target, padding_mode, padding_position)
    if target <= n:
        piece = (0, n - target, target) if padding_position == "start" else (0, 0, target)
    else:
        piece = (target - n, 0, n) if padding_position == "start" else (0, 0, n)
    return Out((out, sample_rate), {"pieces": [list(piece)]})


@augmentation(AUDIO, intensity=_fraction_intensity("fraction"), segments=_pieces_rule)
def padding(
    audio: Any,
    sample_rate: int = 44100,
    fraction: Annotated[float, Range(0.0, 1.0, high_open=True), Unit("frac of duration")] = 0.2,
    mode: PadMode = "silence",
    pad_section: Literal["start", "end"] = "end",
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Replace ``fraction`` of the audio at the ``pad_section`` end by padding (audiomentations' Padding):
    silence, a wrap-around copy or a mirror image of the rest; the rest stays in place, length unchanged.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        fraction: share of the duration replaced, in [0, 1).
        mode: "silence", "wrap" or "reflect".
        pad_section: "start" or "end".
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    count = min(max(0, round(fraction * n)), n - 1)
    out = te.padding(audio, count, mode, pad_section)
    piece = (count, count, n - count) if pad_section == "start" else (0, 0, n - count)
    return Out((out, sample_rate), {"padded_samples": count, "pieces": [list(piece)]})


@augmentation(AUDIO, intensity=_changed_intensity, segments=_pieces_rule)
def trim(
    audio: Any,
    sample_rate: int = 44100,
    top_db: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("dB")] = 30.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Cut leading and trailing silence: parts more than ``top_db`` below the loudest 2048-sample frame
    (audiomentations' Trim, librosa's rule). At least one sample is kept.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        top_db: threshold below the peak frame level in dB (> 0).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    out, a, b = te.trim(audio, top_db)
    return Out((out, sample_rate), {"start_sample": a, "end_sample": b, "pieces": [[0, a, b - a]]})


def _reverse_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans mirrored: [start, end] -> [duration - end, duration - start]."""
    n = round(facts["src_duration"] * facts["src_sample_rate"])
    return map_pieces(pairs, [(0, 0, n)], facts["src_sample_rate"], reversed_=True, total=n)


def _full_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


@augmentation(AUDIO, intensity=_full_intensity, segments=_reverse_segments)
def reverse(
    audio: Any,
    sample_rate: int = 44100,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Play the audio backwards (audiomentations' Reverse); segments are mirrored.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    return te.reverse(audio), sample_rate


def _resample_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 - min(target_sample_rate / src_sample_rate, 1)) * 100."""
    return (1.0 - min(params["target_sample_rate"] / facts["src_sample_rate"], 1.0)) * 100.0


@augmentation(AUDIO, intensity=_resample_intensity)
def resample(
    audio: Any,
    sample_rate: int = 44100,
    target_sample_rate: Annotated[int, Range(1, 768000), Unit("Hz")] = 8000,
    round_trip: bool = True,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Resample with soxr to ``target_sample_rate`` (audiomentations' Resample). ``round_trip`` (default) goes
    back to the input's rate (the bandwidth above target/2 is lost, the length and rate stay); otherwise the
    result is returned at the new rate (the returned sample rate says so; durations and segments in seconds
    are kept).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        target_sample_rate: rate in Hz, in [1, 768000].
        round_trip: come back to the input's rate (True) or keep the new rate (False).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    if round_trip:
        return te.resample_round_trip(audio, sample_rate, target_sample_rate), sample_rate
    y = resample_audio(audio, sample_rate, target_sample_rate)
    m = max(1, round(audio.shape[-1] * target_sample_rate / sample_rate))
    return fix_length(y, m).astype(audio.dtype, copy=False), int(target_sample_rate)
