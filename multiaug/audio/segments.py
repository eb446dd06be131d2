"""Audio segments: the time spans that travel with the audio through a chain (AugLy's
``compute_changed_segments`` semantics), and the rules that move them.

A chain carries two paired lists: ``segment_sources[i]`` is a span of the ORIGINAL source (seconds) and
``segments[i]`` is where that span now lies in the current output (seconds). Each record stores both, as AugLy
does: ``src_segments`` (source spans) and ``dst_segments`` (output spans), index-paired. A ``segments=`` rule of
an audio augmentation receives the list of ``(src_segment, dst_segment)`` pairs, the parameters and the facts
(``src_``/``dst_`` durations and sample rates, the kernel's ``info``) and returns the new pairs; the helpers below
build such rules. Without a rule, spans are scaled by ``dst_duration / src_duration`` (:func:`scale_pairs`).
"""

from __future__ import annotations

from typing import Any

Segment = dict[str, Any]
Pair = tuple[Segment, Segment]


def _seg(start: float, end: float, src_id: Any = None) -> Segment:
    return {"start": float(start), "end": float(end), "src_id": src_id}


def current_pairs(targets: dict[str, Any], src_duration: float) -> list[Pair]:
    """The (source span, current span) pairs carried by a chain; the whole input when none."""
    dst = targets.get("segments")
    srcs = targets.get("segment_sources")
    if not dst:
        whole = _seg(0.0, src_duration)
        return [(whole, dict(whole))]
    if not srcs or len(srcs) != len(dst):
        srcs = dst
    return [(dict(s), dict(d)) for s, d in zip(srcs, dst)]


def scale_pairs(pairs: list[Pair], src_dur: float, dst_dur: float) -> list[Pair]:
    """Output spans scaled by ``dst_dur / src_dur`` (time-scaling effects); unchanged when equal."""
    if src_dur <= 0 or abs(src_dur - dst_dur) < 1e-12:
        return [(dict(s), dict(d)) for s, d in pairs]
    k = dst_dur / src_dur
    return [(dict(s), {**d, "start": d["start"] * k, "end": d["end"] * k}) for s, d in pairs]


def shift_pairs(pairs: list[Pair], offset: float) -> list[Pair]:
    """Output spans moved later by ``offset`` seconds."""
    return [(dict(s), {**d, "start": d["start"] + offset, "end": d["end"] + offset}) for s, d in pairs]


def crop_pairs(pairs: list[Pair], t0: float, t1: float) -> list[Pair]:
    """Keep the parts of the output spans inside ``[t0, t1)``, re-timed to start at 0.

    The matching source span is trimmed proportionally (spans map linearly); spans entirely outside
    the window disappear from both lists."""
    out: list[Pair] = []
    for s, d in pairs:
        lo, hi = max(d["start"], t0), min(d["end"], t1)
        if hi <= lo:
            continue
        length = d["end"] - d["start"]
        k = (s["end"] - s["start"]) / length if length > 0 else 0.0
        ns = {**s, "start": s["start"] + (lo - d["start"]) * k, "end": s["start"] + (hi - d["start"]) * k}
        nd = {**d, "start": lo - t0, "end": hi - t0}
        out.append((ns, nd))
    return out


def repeat_pairs(pairs: list[Pair], copies: int, period: float) -> list[Pair]:
    """``copies`` back-to-back repetitions of the output, each ``period`` seconds long."""
    out: list[Pair] = []
    for i in range(copies):
        out.extend(shift_pairs(pairs, i * period))
    return out


#: a piece of output copied from the input: (output start, input start, length) in samples
Piece = tuple[int, int, int]


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
