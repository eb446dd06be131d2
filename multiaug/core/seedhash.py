"""``numpy.random.SeedSequence`` hashing, continued in Python from a cached pool: the child seeds of
:func:`~multiaug.core.seeds.derive_seed` at a fraction of the cost of building a ``SeedSequence`` per child.

``SeedSequence(entropy=base, spawn_key=words).generate_state(2, uint32)`` (the hash ``derive_seed`` is defined by)
mixes the base's 32-bit words into a pool of four words, then each spawn-key word into every pool word, then
hashes two pool words out. The first part depends on ``base`` only and is exactly ``SeedSequence(base).pool``
(without a spawn key the missing words of a short base are hashed as zeros, which is the padding a spawn key adds).
A composition derives one child seed per step from one base, a loader one per sample from a fixed base: the
base's pool is computed once by numpy (:func:`base_pool`, cached) and the few remaining mixing steps run here.

The constants and steps are those of SeedSequence (M. E. O'Neill's ``seed_seq_fe`` design), reimplemented from
their description; ``tests/core/test_seed_hash.py`` compares :func:`child_words` with numpy on random bases and
keys (short, long, huge bases; int and string keys).
"""

from __future__ import annotations

import functools

import numpy as np

_MASK = 0xFFFFFFFF
#: pool mixing: ``hashmix`` constants (the running constant starts at INIT_A and is multiplied by MULT_A per use)
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
#: output: the running constant starts at INIT_B and is multiplied by MULT_B per output word
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
#: ``mix(x, y) = L·x − R·y`` (mod 2³²), then an xorshift
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715
_POOL_SIZE = 4


def _hash_constant_after(uses: int) -> int:
    """The running ``hashmix`` constant after ``uses`` uses (INIT_A · MULT_A^uses mod 2³²)."""
    return _INIT_A * pow(_MULT_A, uses, 1 << 32) & _MASK


#: hashmix uses of the pool mixing of a base of up to four words: one per pool word, then each word into the others
_POOL_USES = _POOL_SIZE + _POOL_SIZE * (_POOL_SIZE - 1)
_CONSTANT_AFTER_POOL = _hash_constant_after(_POOL_USES)


@functools.lru_cache(maxsize=256)  # thread-safe; a composition or loader reuses one base for many children
def base_pool(base: int) -> tuple[tuple[int, int, int, int], int]:
    """``SeedSequence(base).pool`` as ints, and the running hash constant its mixing ended with."""
    p0, p1, p2, p3 = np.random.SeedSequence(base).pool.tolist()  # numpy's own error for a negative base
    extra_words = -(-base.bit_length() // 32) - _POOL_SIZE  # words of a base above 2**128 mixed in after the pool
    if extra_words <= 0:
        return (p0, p1, p2, p3), _CONSTANT_AFTER_POOL
    return (p0, p1, p2, p3), _hash_constant_after(_POOL_USES + _POOL_SIZE * extra_words)


def child_words(base: int, key: list[int]) -> tuple[int, int]:
    """``SeedSequence(entropy=base, spawn_key=key).generate_state(2, numpy.uint32)`` as two ints, for non-negative
    ints ``key`` (each is split into its 32-bit words, as SeedSequence does)."""
    pool, const = base_pool(base)
    mixed = list(pool)
    for word in _split_words(key):  # each spawn-key word is hashed into every pool word, in order
        for i in range(_POOL_SIZE):
            # hashmix(word): xor with the running constant, advance it, multiply by it, xorshift
            nxt = const * _MULT_A & _MASK
            h = (word ^ const) * nxt & _MASK
            const = nxt
            # mix(pool word, hash): L·x − R·y, xorshift
            m = (_MIX_L * mixed[i] - _MIX_R * (h ^ (h >> 16))) & _MASK
            mixed[i] = m ^ (m >> 16)
    return _output_word(mixed[0], _INIT_B), _output_word(mixed[1], _INIT_B * _MULT_B & _MASK)


def _split_words(key: list[int]) -> list[int]:
    """``key`` as SeedSequence reads it: each int as its 32-bit words, least significant first (0 is one word)."""
    if not key or max(key) <= _MASK:
        return key
    out: list[int] = []
    for k in key:
        while True:
            out.append(k & _MASK)
            k >>= 32
            if not k:
                break
    return out


def _output_word(value: int, const: int) -> int:
    """One word of ``generate_state``: the pool word hashed with the running output constant ``const``."""
    v = (value ^ const) * (const * _MULT_B & _MASK) & _MASK
    return v ^ (v >> 16)


__all__ = ["base_pool", "child_words"]
