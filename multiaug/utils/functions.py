"""AugLy's ``augly.utils.functions``: how matching (source, output) segment pairs change under a time crop."""

from __future__ import annotations

from .classes import Segment


def compute_time_crop_segments(
    src_segment: Segment,
    dst_segment: Segment,
    speed_factor: float,
    crop_start: float,
    crop_end: float,
    new_src_segments: list[Segment],
    new_dst_segments: list[Segment],
) -> None:
    """Append what remains of the pair ``src_segment`` ↔ ``dst_segment`` after the output is cut to
    ``[crop_start, crop_end)`` (seconds of the output) to ``new_src_segments`` / ``new_dst_segments``.

    The kept part of ``dst_segment`` is re-expressed in the cropped output's time (``- crop_start``); the source
    span shrinks by the same amounts times ``speed_factor`` (source seconds per output second, e.g. 2.0 when the
    output was played twice as fast). A pair entirely outside the crop appends nothing.
    """
    if crop_start >= dst_segment.end or crop_end <= dst_segment.start:
        return
    cut_front = max(0.0, crop_start - dst_segment.start)  # output seconds removed at the start of the pair
    cut_back = max(0.0, dst_segment.end - crop_end)  # ... and at its end
    new_src_segments.append(Segment(src_segment.start + cut_front * speed_factor,
                                    src_segment.end - cut_back * speed_factor))
    new_dst_segments.append(Segment(max(dst_segment.start, crop_start) - crop_start,
                                    min(dst_segment.end, crop_end) - crop_start))


__all__ = ["compute_time_crop_segments"]
