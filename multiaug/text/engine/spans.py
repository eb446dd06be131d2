"""Moving user spans through the edit records of an augmentation (the text counterpart of bbox rules)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def map_start(pos: int, edits: Sequence[dict[str, Any]]) -> int:
    """New offset of a span start: an edit covering it pulls it to the edit's new start."""
    delta = 0
    for ed in edits:
        s, e = ed["start"], ed["end"]
        if e <= pos:
            delta = ed["new_end"] - e
            continue
        if s < pos < e:
            return ed["new_start"]
        break
    return pos + delta


def map_end(pos: int, edits: Sequence[dict[str, Any]]) -> int:
    """New offset of a span end: insertions exactly at the end stay outside the span."""
    delta = 0
    for ed in edits:
        s, e = ed["start"], ed["end"]
        if s < pos and e <= pos:
            delta = ed["new_end"] - e
            continue
        if s < pos < e:
            return ed["new_end"]
        break
    return pos + delta


def realign_spans(spans: Sequence[tuple[int, int, Any]], edits: Sequence[dict[str, Any]]) -> list[tuple[int, int, Any]]:
    """Move user spans ``(start, end, label)`` through ``edits`` (records from :func:`apply_edits`).

    A span keeps covering the same units: edits inside it grow/shrink it, an edit straddling one
    of its ends pulls that end out to the edit's edge, and insertions exactly at its edges stay
    outside it.
    """
    out = []
    for s, e, label in spans:
        ns = map_start(s, edits)
        ne = map_end(e, edits) if e > s else ns
        out.append((ns, max(ns, ne), label))
    return out
