"""Random draws of the text planners: one numpy Generator read as a stream of uniform floats, and the choices
made from it (how many units, which ones). Deterministic per seed; never the global RNG."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .tokenize import Doc


class Draws:
    """Fast scalar draws from a numpy Generator (floats drawn in blocks of 512; deterministic per seed).

    ``u()`` is the ``__next__`` of a C-level chain over the blocks (no Python frame per draw)."""

    __slots__ = ("_it", "rng", "u")

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self._it = itertools.chain.from_iterable(map(_block, itertools.repeat(rng)))
        #: ``u()``: a uniform float in [0, 1)
        self.u: Callable[[], float] = self._it.__next__

    def take(self, k: int) -> list[float]:
        """The next ``k`` floats of the stream (the same as ``k`` calls of ``u()``)."""
        return list(itertools.islice(self._it, k))

    def below(self, n: int) -> int:
        """A uniform int in [0, n)."""
        return int(self.u() * n)

    def pick(self, seq: Sequence[Any]) -> Any:
        """A uniformly chosen item of ``seq``."""
        return seq[int(self.u() * len(seq))]

    def sample(self, items: Sequence[Any], k: int) -> list[Any]:
        """``k`` distinct items in random order (partial Fisher-Yates)."""
        n = len(items)
        k = min(k, n)
        u = self.u
        if 4 * k <= n:  # few picks: rejection sampling, no copy
            seen: dict[int, None] = {}
            while len(seen) < k:
                seen.setdefault(int(u() * n))
            return [items[j] for j in seen]
        pool = list(items)
        for i in range(k):
            j = i + int(u() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def _block(rng: np.random.Generator) -> list[float]:
    return rng.random(512).tolist()


def aug_count(size: int, p: float, lo: int | None, hi: int | None) -> int:
    """How many of ``size`` units to augment: ceil(p·size) clamped to [lo, hi] and to size; 0 if p == 0."""
    if size <= 0 or p <= 0:
        return 0
    cnt = math.ceil(p * size)
    if lo is not None and cnt < lo:
        cnt = lo
    if hi is not None and cnt > hi:
        cnt = hi
    return max(0, min(cnt, size))


def choose(draws: Draws, candidates: Sequence[int], count: int, priority: Sequence[int] = ()) -> list[int]:
    """Pick ``count`` candidates: ``priority`` ones first (shuffled), then random others; sorted."""
    if count <= 0 or not candidates:
        return []
    if priority:
        pset = set(priority)
        first = draws.sample([c for c in candidates if c in pset], count)
        rest = draws.sample([c for c in candidates if c not in pset], count - len(first))
        return sorted(first + rest)
    return sorted(draws.sample(candidates, count))


def word_set(words: Sequence[str] | None) -> frozenset[str]:
    """Lower-cased set of ``priority_words`` / ``ignore_words``."""
    return frozenset(w.lower() for w in words) if words else frozenset()


def select_words(doc: Doc, draws: Draws, p: float, lo: int | None, hi: int | None, *, min_char: int = 0,
                 priority: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset(),
                 keep: Callable[[str], bool] | None = None, vocab: Any = None) -> list[int]:
    """Indices of the words to augment (nlpaug-style count; priority words first; ignore/min_char/keep filter;
    ``vocab``: only words whose lower-case form is in it)."""
    text = doc.text
    if vocab is not None:
        if not (ignore or priority or keep) and min_char <= 1:
            cands = [i for i, (s, e) in enumerate(doc.words) if text[s:e].lower() in vocab]
            return choose(draws, cands, aug_count(len(cands), p, lo, hi))
        inner = keep
        keep = (lambda w: w.lower() in vocab) if inner is None else (lambda w: w.lower() in vocab and inner(w))
    if not (ignore or priority or keep):
        cands = [i for i, (s, e) in enumerate(doc.words) if e - s >= min_char] if min_char > 1 else \
            list(range(len(doc.words)))
        return choose(draws, cands, aug_count(len(cands), p, lo, hi))
    cands = []
    prio = []
    for i, (s, e) in enumerate(doc.words):
        if e - s < min_char:
            continue
        w = text[s:e]
        if ignore or priority:
            lw = w.lower()
            if lw in ignore:
                continue
            if lw in priority:
                prio.append(i)
        if keep is not None and not keep(w):
            continue
        cands.append(i)
    return choose(draws, cands, aug_count(len(cands), p, lo, hi), prio)
