"""The per-call shortcuts of the call path give exactly what the long way gives: the remembered seeding of a
caller's int seed (the stream of ``numpy.random.default_rng``), the exact-type fast path of parameter validation,
the kept validated defaults, and ``to_jsonable``'s float fast path."""

from __future__ import annotations

import math
import pickle
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

import numpy as np
import pytest

import multiaug.audio as A
import multiaug.image  # noqa: F401  (registers the modality)
from multiaug import Tracker
from multiaug.core import seeds
from multiaug.core.errors import InvalidParameterError
from multiaug.core.jsonsafe import to_jsonable
from multiaug.core.registry import get_entry
from multiaug.core.spec import Check, ParamSpec, Range, parse_parameters

SEEDS = [0, 1, 7, 42, 12345, 2**32 - 1, 2**32, 2**62 + 11, 2**63 - 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_remembered_seed_gives_default_rngs_stream(seed):
    for _ in range(2):  # first call fills the cache, the second reads it
        ref, got = np.random.default_rng(seed), seeds.rng_from_seed(seed, remember=True)
        assert got.bit_generator.state == ref.bit_generator.state
        assert np.array_equal(got.random(7), ref.random(7))
        assert np.array_equal(got.integers(0, 1000, size=5), ref.integers(0, 1000, size=5))
        assert np.array_equal(got.normal(size=3), ref.normal(size=3))
        assert np.array_equal(got.permutation(9), ref.permutation(9))
        assert got.uniform(-2, 3) == ref.uniform(-2, 3)
        assert got.choice(5, size=4).tolist() == ref.choice(5, size=4).tolist()


def _children(rng, n):  # Generator.spawn (numpy >= 1.25) through the bit generator's SeedSequence (numpy 1.24 too)
    return [np.random.default_rng(s).random() for s in rng.bit_generator._seed_seq.spawn(n)]


def test_remembered_seed_behaves_as_seed_sequence_beyond_seeding():
    ref, got = np.random.default_rng(99), seeds.rng_from_seed(99, remember=True)
    assert _children(got, 3) == _children(ref, 3)
    assert _children(got, 2) == _children(ref, 2)  # spawn counters kept per generator
    assert got.bit_generator._seed_seq.entropy == 99
    assert got.bit_generator._seed_seq.n_children_spawned == ref.bit_generator._seed_seq.n_children_spawned == 5
    if hasattr(got, "spawn"):
        assert [g.random() for g in got.spawn(2)] == [g.random() for g in ref.spawn(2)]
    # another generator of the same seed starts from a fresh sequence: nothing depends on earlier calls
    assert _children(seeds.rng_from_seed(99, remember=True), 1) == _children(np.random.default_rng(99), 1)
    clone = pickle.loads(pickle.dumps(seeds.rng_from_seed(5, remember=True)))
    assert clone.random() == np.random.default_rng(5).random()


def test_cached_words_cannot_be_changed_through_a_generator():
    seeds.rng_from_seed(3, remember=True)
    words = seeds._pcg64_words(3)
    assert not words.flags.writeable
    assert np.array_equal(words, np.random.SeedSequence(3).generate_state(4, np.uint64))


def test_seeded_call_results_do_not_depend_on_call_history():
    sig = np.linspace(-0.5, 0.5, 4000, dtype=np.float32)
    first = A.time_mask(sig, seed=11)[0]
    for other in (12, 13, 11, 14):
        A.time_mask(sig, seed=other)
    assert np.array_equal(A.time_mask(sig, seed=11)[0], first)
    assert np.array_equal(A.time_mask(sig, seed=np.int64(11))[0], first)  # the un-remembered path agrees
    t1, t2 = Tracker(), Tracker()
    A.time_mask(sig, seed=11, metadata=t1)
    A.time_mask(sig, seed=np.int64(11), metadata=t2)
    assert t1[0] == t2[0]


def _spec(annotation, default):
    def f(media, x: annotation = default):  # type: ignore[valid-type]
        """Args:
            x: the value.
        """

    specs, _ = parse_parameters(f, {"media"}, {"x": annotation})
    return specs[0]


class _Real:  # a numbers.Real that is not an int/float: takes the long way
    def __init__(self, v):
        self.v = v

    def __float__(self):
        return float(self.v)


@pytest.mark.parametrize(
    ("annotation", "value", "expected"),
    [
        (Annotated[float, Range(-1, 1)], -0.0, 0.0),
        (Annotated[float, Range(-1, 1)], 1, 1),
        (Annotated[float, Range(-1, 1)], np.float32(0.5), 0.5),
        (Annotated[int, Range(0, 10)], 4.0, 4),
        (Annotated[int, Range(0, 10)], np.int16(3), 3),
        (Annotated[float, Range(0, None, inf_meaning="no limit")], math.inf, math.inf),
    ],
)
def test_exact_type_fast_path_returns_what_the_long_way_returns(annotation, value, expected):
    got = _spec(annotation, 0).validate(value, "f")
    assert got == expected and type(got) is type(expected)
    if isinstance(expected, float):
        assert math.copysign(1.0, got) == math.copysign(1.0, expected)


@pytest.mark.parametrize(
    ("annotation", "value", "message"),
    [
        (Annotated[float, Range(-1, 1)], 2.0, "must be in [-1, 1]"),
        (Annotated[float, Range(-1, 1)], math.nan, "must not be NaN"),
        (Annotated[float, Range(-1, 1)], math.inf, "must be finite"),
        (Annotated[float, Range(-1, 1)], True, "must be a number"),
        (Annotated[int, Range(0, 10)], 2.5, "must be an integer"),
        (Annotated[int, Range(0, 10)], 11, "must be in [0, 10]"),
        (Annotated[int, Range(0, None)], 2**1100, "must be finite (too large for a float)"),
        (Annotated[float, Range(-1, 1)], "0.5", "must be a number"),
    ],
)
def test_fast_path_refuses_as_before_naming_the_argument(annotation, value, message):
    with pytest.raises(InvalidParameterError, match=re.escape(f"f: argument 'x' {message}")):
        _spec(annotation, 0).validate(value, "f")


def test_kept_default_only_without_checks():
    plain = _spec(Annotated[float, Range(0, 1)], 0.25)
    assert plain.validate_default("f") == 0.25 and plain.validate_default("f") == 0.25
    calls = []
    checked = _spec(Annotated[float, Check(lambda v: calls.append(v) or True, "ok")], 0.5)
    checked.validate_default("f")
    checked.validate_default("f")
    assert calls == [0.5, 0.5]  # a Check may read files or registries: run on every call
    listed = ParamSpec("x", default=[1, 2], numeric_tuple=True)  # a mutable default: validated on every call
    assert listed.validate_default("f") == (1, 2)
    listed.default.append(3)
    assert listed.validate_default("f") == (1, 2, 3)


def test_entry_defaults_validate_the_same_on_every_call():
    entry = get_entry("crop", "image")
    first = entry.validate_params({})
    assert entry.validate_params({}) == first == {"x1": 0.25, "y1": 0.25, "x2": 0.75, "y2": 0.75}
    with pytest.raises(InvalidParameterError, match="crop: argument 'x1'"):
        entry.validate_params({"x1": 2.0})


@pytest.mark.parametrize("value", [1.5, -0.0, math.nan, math.inf, -math.inf, {"a": 1.0, "b": math.nan},
                                   [1.0, math.inf, "x", None], (2.5, np.float64(3.5)), np.float32(0.25),
                                   {1: 2.0, "b": "c"}, {"a": [1.0, -math.inf]}, {"s": {"start": 0.0, "end": 1.5}}])
def test_to_jsonable_floats(value):
    def reference(v):
        if isinstance(v, float) and math.isnan(v):
            return "nan"
        if isinstance(v, float) and math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if isinstance(v, dict):
            return {str(k): reference(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [reference(x) for x in v]
        return v.item() if isinstance(v, np.floating) and not isinstance(v, float) else v

    got = to_jsonable(value)
    assert got == reference(value)
    assert [type(x) for x in got] == [type(x) for x in reference(value)] if isinstance(got, list) else True


def test_remembered_seeds_from_several_threads_give_the_sequential_results():
    sig = np.linspace(-0.5, 0.5, 2000, dtype=np.float32)
    seeds_used = [s % 5 for s in range(40)]
    expected = [np.random.default_rng(s).random(3).tolist() for s in seeds_used]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda s: seeds.rng_from_seed(s, remember=True).random(3).tolist(), seeds_used))
        outs = list(pool.map(lambda s: A.time_mask(sig, seed=s)[0], seeds_used))
    assert got == expected
    for s, out in zip(seeds_used, outs):
        assert np.array_equal(out, A.time_mask(sig, seed=np.int64(s))[0])


def test_class_call_with_an_int_seed_matches_the_long_way():
    sig = np.linspace(-0.5, 0.5, 3000, dtype=np.float32)
    t = A.TimeMask(band_part=(0.05, 0.2), p=0.9)
    for s in (0, 5, 5, 123):
        r1, r2 = Tracker(), Tracker()
        a = t(sig, seed=s, metadata=r1)
        b = t(sig, seed=np.int64(s), metadata=r2)
        assert np.array_equal(a[0], b[0]) and r1[:] == r2[:]
