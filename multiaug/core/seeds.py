"""Seed handling: one recorded integer seed per random call, derived deterministically.

Rules
-----
* A caller may pass ``seed`` as an ``int``, a ``numpy.random.Generator`` or ``None``.
* :func:`resolve_seed` turns that into one non-negative integer (< 2**63) that is recorded:
  an ``int`` is used as given; a ``Generator`` gives one draw; ``None`` takes fresh OS entropy.
* Every draw inside an augmentation comes from ``numpy.random.default_rng(that_int)``.
* Pipelines derive child seeds with :func:`derive_seed` (``numpy.random.SeedSequence``), so the
  seed of sample *k* / transform *i* depends only on ``(base seed, k, i)`` and never on worker
  count or processing order.

The global ``random`` and ``numpy.random`` states are never read or changed.
"""

from __future__ import annotations

import functools
import secrets
from typing import Any

import numpy as np
from numpy.random.bit_generator import ISpawnableSeedSequence

from .errors import InvalidParameterError
from .seedhash import child_words

SeedLike = "int | numpy.random.Generator | None"
MAX_SEED = 2**63


def fresh_seed() -> int:
    """A fresh 63-bit seed from OS entropy (not from any global RNG)."""
    return secrets.randbits(63)


def resolve_seed(seed: Any, *, argument: str = "seed", function: str | None = None) -> int:
    """Return the integer seed to record for ``seed`` (int, Generator or None)."""
    if type(seed) is int and seed >= 0:  # the common case, without the isinstance chain below
        return seed
    if seed is None:
        return fresh_seed()
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(MAX_SEED))
    if isinstance(seed, (bool, np.bool_)):
        raise InvalidParameterError(
            f"{function or 'augmentation'}: argument '{argument}' must be an int >= 0, a "
            f"numpy.random.Generator or None, got {seed!r}",
            function=function,
            argument=argument,
        )
    if isinstance(seed, (int, np.integer)):
        value = int(seed)
        if value < 0:
            raise InvalidParameterError(
                f"{function or 'augmentation'}: argument '{argument}' must be an int >= 0, got {value}",
                function=function,
                argument=argument,
            )
        return value
    raise InvalidParameterError(
        f"{function or 'augmentation'}: argument '{argument}' must be an int >= 0, a "
        f"numpy.random.Generator or None, got {type(seed).__name__}",
        function=function,
        argument=argument,
    )


def derive_seed(base: int, *keys: int | str) -> int:
    """Derive a child seed from ``base`` and a path of keys (ints or strings).

    Strings are hashed stably (UTF-8 bytes folded into 32-bit words), so ``derive_seed(s, "cat/001.jpg", 3)``
    is the same on every machine and in every process.
    """
    words: list[int] = []
    for key in keys:
        if isinstance(key, str):
            data = key.encode("utf-8")
            words.append(len(data))
            for i in range(0, len(data), 4):
                words.append(int.from_bytes(data[i : i + 4].ljust(4, b"\0"), "little"))
        else:
            k = int(key)
            if k < 0:
                raise InvalidParameterError(f"derive_seed: keys must be >= 0, got {k}")
            words.extend([k & 0xFFFFFFFF, k >> 32])
    if len(words) <= _PYTHON_HASH_WORDS:  # SeedSequence(entropy=base, spawn_key=words).generate_state(2), faster
        low, high = child_words(int(base), words)
    else:  # each word costs ~2 µs in Python: numpy's ~12 µs is cheaper for long keys (strings)
        low, high = (int(w) for w in np.random.SeedSequence(entropy=int(base), spawn_key=tuple(words))
                     .generate_state(2, dtype=np.uint32))
    return (low | (high << 32)) & (MAX_SEED - 1)


#: spawn-key words up to which :func:`derive_seed` hashes in Python (int keys: 2 words each)
_PYTHON_HASH_WORDS = 4


def draw_seed(rng: np.random.Generator) -> int:
    """``int(rng.integers(MAX_SEED))``: the next seed drawn from one of multiaug's generators, with the same value
    and the same generator state afterwards, in a fraction of the time.

    For a range of exactly 2**63 values numpy's bounded draw (Lemire's method on the next 64-bit output) is that
    output shifted right by one and never rejects, so it is read directly (PCG64 outputs 64 bits per raw draw;
    other bit generators take numpy's own path). ``tests/core/test_seed_hash.py`` checks values and states."""
    if type(rng.bit_generator) is np.random.PCG64:
        return int(rng.bit_generator.random_raw()) >> 1
    return int(rng.integers(MAX_SEED))


def rng_from_seed(seed: int, *, remember: bool = False) -> np.random.Generator:
    """The generator every augmentation draws from, built from its recorded seed: the stream of
    ``numpy.random.default_rng(seed)``.

    ``numpy.random.default_rng(seed)`` for an int seed is ``Generator(PCG64(seed))``; building it directly
    skips default_rng's argument checks (a few µs on every call; the same stream). ``remember=True`` (a seed the
    caller gave and may give again: a fixed seed in a loop, a test, a benchmark) also skips the seed hashing
    (``SeedSequence``, ~6–12 µs) when this process has seen the seed recently: the four words PCG64 is seeded
    with are kept in a bounded LRU cache (:func:`_pcg64_words`, a pure function of ``seed``), so the generator's
    state and stream are exactly those of ``default_rng(seed)``. Fresh seeds (``seed=None``, derived child seeds)
    cannot benefit and do not use it."""
    if remember:
        return np.random.Generator(np.random.PCG64(_KnownSeed(seed, _pcg64_words(seed))))
    return np.random.Generator(np.random.PCG64(seed))


@functools.lru_cache(maxsize=1024)  # thread-safe; ~200 bytes per seed
def _pcg64_words(seed: int) -> np.ndarray:
    """The words ``PCG64(seed)`` seeds itself with: ``SeedSequence(seed).generate_state(4, uint64)``."""
    words = np.random.SeedSequence(seed).generate_state(4, np.uint64)
    words.flags.writeable = False
    return words


class _KnownSeed(ISpawnableSeedSequence):
    """``SeedSequence(seed)`` as a PCG64 sees it, with its seeding words already known: ``generate_state(4,
    uint64)`` returns them; everything else (spawn, entropy, other states, pickling) goes to the real
    ``SeedSequence(seed)``, built on first use for this generator only (so ``rng.spawn`` gives the same children
    as ``default_rng(seed).spawn`` and never depends on other calls). The one visible difference:
    ``rng.bit_generator.seed_seq`` is this stand-in (an ``ISpawnableSeedSequence`` with SeedSequence's attributes),
    not a ``SeedSequence`` instance; a pickled copy holds a real one."""

    __slots__ = ("_seed", "_words", "_real")

    def __init__(self, seed: int, words: np.ndarray):
        self._seed = seed
        self._words = words
        self._real: np.random.SeedSequence | None = None

    def _sequence(self) -> np.random.SeedSequence:
        if self._real is None:
            self._real = np.random.SeedSequence(self._seed)
        return self._real

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> np.ndarray:
        if n_words == 4 and (dtype is np.uint64 or np.dtype(dtype) == _UINT64):
            return self._words.copy()
        return self._sequence().generate_state(n_words, dtype)

    def spawn(self, n_children: int) -> list[Any]:  # SeedSequences (numpy types it as list[Self])
        return self._sequence().spawn(n_children)

    def __getattr__(self, name: str) -> Any:  # entropy, spawn_key, pool, n_children_spawned, ...
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._sequence(), name)

    def __reduce__(self) -> Any:
        return (np.random.SeedSequence, (self._seed,))


_UINT64 = np.dtype(np.uint64)
