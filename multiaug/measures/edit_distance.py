"""Character edit distance: Levenshtein (bit-parallel) and its normalised form."""

from __future__ import annotations


def levenshtein(a: str, b: str, max_distance: int | None = None) -> int:
    """Character edit distance (insertions, deletions, substitutions cost 1).

    Common prefix and suffix are stripped, then Myers' bit-vector algorithm (Hyyrö's formulation) runs with
    Python integers as bit vectors: O(len(a) · len(b) / word size) without a Python-level inner loop.

    Args:
        a: first string.
        b: second string.
        max_distance: if given, return ``max_distance + 1`` as soon as the distance is known to exceed it
            (early exit on the length difference).

    Returns:
        the edit distance (an int >= 0).
    """
    if a == b:
        return 0
    # strip the common prefix and suffix: most perturbations touch few characters
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    j = 0
    n = min(len(a), len(b))
    while j < n and a[-1 - j] == b[-1 - j]:
        j += 1
    if j:
        a, b = a[:-j], b[:-j]
    if len(a) < len(b):
        a, b = b, a
    if max_distance is not None and len(a) - len(b) > max_distance:
        return max_distance + 1
    if not b:
        return len(a)
    # pattern = b (shorter), text = a
    m = len(b)
    peq: dict[str, int] = {}
    for k, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << k)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def normalized_edit_distance(a: str, b: str) -> float:
    """Levenshtein distance divided by the longer length, in [0, 1] (0 for two empty strings)."""
    n = max(len(a), len(b))
    return 0.0 if n == 0 else levenshtein(a, b) / n


__all__ = ["levenshtein", "normalized_edit_distance"]
