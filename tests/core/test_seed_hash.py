"""``derive_seed`` (SeedSequence hashing continued in Python from a cached pool, core/seedhash.py) and ``draw_seed``
(a raw 64-bit draw for ``integers(2**63)``) give exactly what numpy gives: the values of the long way, written here
the way ``derive_seed`` was defined, on random and edge bases and keys, and the same generator state afterwards."""

from __future__ import annotations

import random

import numpy as np
import pytest

from multiaug.core.seedhash import base_pool, child_words
from multiaug.core.seeds import MAX_SEED, derive_seed, draw_seed


def _numpy_derive(base, *keys):
    """derive_seed's definition: SeedSequence(entropy=base, spawn_key=words).generate_state(2, uint32)."""
    words = []
    for key in keys:
        if isinstance(key, str):
            data = key.encode("utf-8")
            words.append(len(data))
            words += [int.from_bytes(data[i: i + 4].ljust(4, b"\0"), "little") for i in range(0, len(data), 4)]
        else:
            words += [int(key) & 0xFFFFFFFF, int(key) >> 32]
    state = np.random.SeedSequence(entropy=int(base), spawn_key=tuple(words)).generate_state(2, dtype=np.uint32)
    return (int(state[0]) | (int(state[1]) << 32)) & (MAX_SEED - 1)


EDGE_BASES = [0, 1, 2**32 - 1, 2**32, 2**63 - 1, 2**64, 2**127, 2**128 + 5, 2**200 + 3]
EDGE_KEYS = [(), (0,), (1,), (2**32 - 1,), (2**32,), (2**64,), (2**100 + 7,), (3, 4), (0, 0, 0), ("",), ("a",),
             ("cat/001.jpg", 3), ("é∂漢", 2**40)]


@pytest.mark.parametrize("base", EDGE_BASES)
@pytest.mark.parametrize("keys", EDGE_KEYS, ids=repr)
def test_derive_seed_edges_equal_numpy(base, keys):
    assert derive_seed(base, *keys) == _numpy_derive(base, *keys)


def test_derive_seed_random_inputs_equal_numpy():
    r = random.Random(20261203)
    for _ in range(3000):
        base = r.getrandbits(r.choice([1, 31, 32, 33, 63, 64, 129]))
        keys = [r.getrandbits(r.choice([1, 16, 32, 33, 64, 65])) if r.random() < 0.8 else
                "".join(chr(r.randint(32, 0x2FF)) for _ in range(r.randint(0, 9))) for _ in range(r.randint(0, 3))]
        assert derive_seed(base, *keys) == _numpy_derive(base, *keys), (base, keys)


def test_child_words_is_seed_sequence_generate_state():
    for base, key in [(5, [1, 0]), (2**70 + 1, [7, 8, 9]), (0, []), (123, [2**33])]:
        want = np.random.SeedSequence(entropy=base, spawn_key=tuple(key)).generate_state(2, dtype=np.uint32)
        assert child_words(base, key) == (int(want[0]), int(want[1]))


def test_base_pool_is_the_seed_sequence_pool_and_refuses_negative_bases_as_numpy_does():
    pool, _ = base_pool(987654321)
    assert list(pool) == [int(w) for w in np.random.SeedSequence(987654321).pool]
    with pytest.raises(ValueError):
        derive_seed(-1, 0)
    with pytest.raises(ValueError):
        np.random.SeedSequence(entropy=-1, spawn_key=(0, 0))


@pytest.mark.parametrize("seed", [0, 1, 7, 2**32, 2**63 - 1, 987654321])
def test_draw_seed_is_integers_max_seed_and_leaves_the_same_state(seed):
    a, b = np.random.default_rng(seed), np.random.default_rng(seed)
    for _ in range(20):
        assert draw_seed(a) == int(b.integers(MAX_SEED))
        assert a.bit_generator.state == b.bit_generator.state
        assert a.integers(0, 10) == b.integers(0, 10)  # 32-bit draws (buffered half words) interleaved
        assert a.random() == b.random()


def test_draw_seed_of_another_bit_generator_takes_numpys_path():
    a, b = np.random.Generator(np.random.MT19937(3)), np.random.Generator(np.random.MT19937(3))
    assert [draw_seed(a) for _ in range(5)] == [int(b.integers(MAX_SEED)) for _ in range(5)]
