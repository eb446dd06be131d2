"""Cuts and repeats on the time axis (``clip``, ``loop``), with exact segment bookkeeping."""

from __future__ import annotations

from typing import Annotated, Any

from ...core.errors import InvalidParameterError
from ...core.limits import output_samples
from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import length
from ..modality import AUDIO, SCAN_CUT, SCAN_INPUT, Audio
from ..segments import Pair, crop_pairs, repeat_pairs


def _clip_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 - duration_factor) * 100."""
    return (1.0 - params["duration_factor"]) * 100.0


def _clip_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans cropped to [start_sample, end_sample) / sample_rate and re-timed to start at 0."""
    sr = facts["src_sample_rate"]
    info = facts["info"]
    return crop_pairs(pairs, info["start_sample"] / sr, info["end_sample"] / sr)


def _clip_keys(info: dict[str, Any]) -> dict[str, Any]:
    """start_sample, end_sample (AugLy's extra metadata keys)."""
    return {"start_sample": info["start_sample"], "end_sample": info["end_sample"]}


@augmentation(AUDIO, intensity=_clip_intensity, segments=_clip_segments, augly_keys=_clip_keys,
              finite_scan=SCAN_CUT)
def clip(
    audio: Audio,
    offset_factor: Annotated[float, Range(0.0, 1.0), Unit("frac of duration")] = 0.0,
    duration_factor: Annotated[float, Range(0.0, 1.0, low_open=True), Unit("frac of duration")] = 1.0,
) -> Out:
    """Keep the samples ``[int(offset_factor * n), int((offset_factor + duration_factor) * n))``.

    ``offset_factor + duration_factor`` must be <= 1. At least one sample is kept. The record's
    ``info`` holds ``start_sample`` and ``end_sample``.

    Args:
        offset_factor: start of the kept part as a fraction of the duration, in [0, 1].
        duration_factor: length of the kept part as a fraction of the duration, in (0, 1].
    """
    if offset_factor + duration_factor > 1.0 + 1e-9:
        raise InvalidParameterError(
            f"clip: offset_factor + duration_factor must be <= 1, got {offset_factor} + {duration_factor}",
            function="clip", argument="duration_factor")
    out, start, end = length.clip(audio, offset_factor, duration_factor)
    return Out(out, {"start_sample": start, "end_sample": end})


def _loop_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(n, 100)."""
    return min(params["n"], 100)


def _loop_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """n + 1 copies of every span, one input duration apart."""
    return repeat_pairs(pairs, params["n"] + 1, facts["src_duration"])


def _loop_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_samples = (n + 1) · input samples · channels."""
    return output_samples((params["n"] + 1) * size["samples"], size["channels"], "n")


@augmentation(AUDIO, intensity=_loop_intensity, segments=_loop_segments, cost=_loop_cost, finite_scan=SCAN_INPUT)
def loop(
    audio: Audio,
    n: Annotated[int, Range(0, None), Unit("extra copies")] = 1,
) -> Audio:
    """Append ``n`` extra copies of the audio: the output is ``n + 1`` times as long.

    Args:
        n: number of extra copies appended (int >= 0; 0 returns a copy).
    """
    return length.repeat(audio, n + 1)
