"""The per-call fast paths of the core change nothing observable:

* the compiled validators (core/fastcheck.py) return what ``ParamSpec.validate`` returns and raise its errors, for
  every parameter of every registered entry, on valid, edge and invalid values;
* a step that builds no record skips the facts and target rules (``Modality.untracked_targets``) and gives the
  output and the targets a call with a record gives;
* a composition derives no seed for a step that never reads it, and its records are unchanged.
"""

from __future__ import annotations

import contextlib
import math
from typing import Annotated

import numpy as np
import pytest

import multiaug
import multiaug.audio as A
import multiaug.image as I
import multiaug.text as T
from multiaug.audio.modality import AUDIO
from multiaug.core import seeds
from multiaug.core.classes import class_for
from multiaug.core.fastcheck import compile_check
from multiaug.core.registry import _REGISTRY, augmentation, entries
from multiaug.core.spec import Check, Range
from multiaug.image.modality import IMAGE, ArrayImage
from multiaug.image.targets import box_rules as bb
from multiaug.text.modality import TEXT

ENTRIES = entries()

PROBES = [0, 1, -1, 2, 3, 7, 100, 255, 256, 10**6, 2**1023, 2**1024, -(2**1024), 0.0, -0.0, 0.5, 1.0, -1.0, 1.5, 2.0,
          99.9, 1e300, -1e300, math.nan, math.inf, -math.inf, True, False, None, "", "x", "inf", "nan", "-inf",
          np.float32(0.5), np.float64(2.0), np.int64(3), np.bool_(True), [1, 2], (1, 2), (0.1, 0.2, 0.3), object()]


def _outcome(fn, value, name):
    try:
        got = fn(value, name)
    except Exception as exc:  # the type and message must match
        return ("raised", type(exc), str(exc))
    return ("value", type(got), got if not (isinstance(got, float) and math.isnan(got)) else "nan", repr(got))


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.modality.name}.{e.name}" for e in ENTRIES])
def test_compiled_validators_agree_with_validate(entry):
    for spec in entry.params:
        check = compile_check(spec)
        probes = list(PROBES) + list(spec.choices or ()) + ([] if spec.required else [spec.default])
        for v in probes:
            assert _outcome(check, v, entry.name) == _outcome(spec.validate, v, entry.name), (spec.name, v)


def test_the_fast_path_is_taken_for_plain_values(monkeypatch):
    spec = next(p for p in multiaug.get_entry("change_volume", "audio").params if p.name == "volume_db")
    check = compile_check(spec)

    def long_way(value, function):
        raise AssertionError("validate called")

    monkeypatch.setattr(spec, "validate", long_way)
    assert check(-6.0, "f") == -6.0 and check(-6, "f") == -6 and type(check(-6, "f")) is int


def _forbid_facts(monkeypatch, mod):
    def facts(*args, **kwargs):
        raise AssertionError("facts computed for a call without a record")

    monkeypatch.setattr(mod, "facts", facts)


ARR = np.arange(8 * 8 * 3, dtype=np.uint8).reshape(8, 8, 3)
SIG = np.linspace(-0.5, 0.5, 64, dtype=np.float32)


def test_calls_without_a_record_skip_facts_and_give_the_tracked_output(monkeypatch):
    tracked = {
        "hflip": I.hflip(ARR, metadata=[]),
        "crop": I.crop(ARR, x1=0.25, metadata=[]),
        "class": I.RandomResizedCrop(size=4)(ARR, seed=3, metadata=[]),
        "compose": multiaug.Compose([I.HFlip(p=0.5), I.Crop(x1=(0.0, 0.3))])(ARR, seed=11, metadata=[]),
        "volume": A.change_volume(SIG, 16000, volume_db=-6, metadata=[]),
        "mask": A.time_mask(SIG, 16000, seed=4, metadata=[], check_finite=False),
        "audio compose": multiaug.Compose([A.Gain(gain_db=(-6.0, 0.0)), A.Reverse()])(SIG, 16000, seed=2,
                                                                                        metadata=[]),
        "text": T.change_case(["Hello world", "abc"], seed=3, metadata=[]),
        "text class": T.ChangeCase()("Hello world", seed=3, metadata=[]),
    }
    _forbid_facts(monkeypatch, IMAGE)
    _forbid_facts(monkeypatch, AUDIO)
    _forbid_facts(monkeypatch, TEXT)
    untracked = {
        "hflip": I.hflip(ARR),
        "crop": I.crop(ARR, x1=0.25),
        "class": I.RandomResizedCrop(size=4)(ARR, seed=3),
        "compose": multiaug.Compose([I.HFlip(p=0.5), I.Crop(x1=(0.0, 0.3))])(ARR, seed=11),
        "volume": A.change_volume(SIG, 16000, volume_db=-6),
        "mask": A.time_mask(SIG, 16000, seed=4, check_finite=False),
        "audio compose": multiaug.Compose([A.Gain(gain_db=(-6.0, 0.0)), A.Reverse()])(SIG, 16000, seed=2),
        "text": T.change_case(["Hello world", "abc"], seed=3),
        "text class": T.ChangeCase()("Hello world", seed=3),
    }
    for key, want in tracked.items():
        mod = AUDIO if isinstance(want, tuple) else TEXT if key.startswith("text") else IMAGE
        assert mod.equal(untracked[key], want), key
    with pytest.raises(AssertionError, match="facts computed"):
        I.hflip(ARR, metadata=[])  # with a record the facts are computed
    with pytest.raises(AssertionError, match="facts computed"):
        I.hflip(ARR, bboxes=[[1, 1, 4, 4]], bbox_format="pascal_voc")  # and when boxes travel
    with pytest.raises(AssertionError, match="facts computed"):
        T.change_case("Hello world", seed=3, spans=[(0, 5)])  # or spans


def test_an_unchecked_audio_composition_stays_unchecked_without_records():
    bad = SIG.copy()
    bad[3] = np.nan
    pipe = multiaug.Compose([A.Gain(gain_db=-3.0), A.Reverse()])
    out, sr = pipe(bad, 16000, check_finite=False)
    assert sr == 16000 and np.isnan(out[-4])
    with pytest.raises(multiaug.core.errors.UnsupportedInputError):
        pipe(bad, 16000)


def test_composition_skips_seeds_of_steps_that_never_read_them(monkeypatch):
    derived = []
    real = seeds.derive_seed

    def spy(base, *keys):
        derived.append(keys)
        return real(base, *keys)

    monkeypatch.setattr(multiaug.core.compose, "derive_seed", spy)
    pipe = multiaug.Compose([I.HFlip(), I.Crop(x1=(0.0, 0.3)), I.VFlip(p=0.5)])
    pipe(ARR, seed=5)
    assert derived == [(1,), (2,)]  # HFlip at p = 1 draws nothing
    derived.clear()
    tracker = multiaug.Tracker()
    pipe(ARR, seed=5, metadata=tracker)
    assert derived == [(0,), (1,), (2,)]  # records show every step's call seed
    for record in tracker:
        step = record["provenance"]["via"][-1]["index"]
        assert record["provenance"]["call_seed"] == real(5, step)


_SEEN: list = []


def _counted(v):
    _SEEN.append(v)
    return True


@contextlib.contextmanager
def registered(*keys):
    try:
        yield
    finally:
        for k in keys:
            _REGISTRY.pop(k, None)


def test_class_fixed_parameters_are_validated_once_unless_a_check_could_change(monkeypatch):
    with registered(("image", "t_plain"), ("image", "t_checked"), ("image", "t_numbers")):
        @augmentation(IMAGE, intensity=lambda p, f: 0.0, bbox=bb.unchanged)
        def t_plain(image: ArrayImage, level: Annotated[float, Range(0, 10)] = 1.0) -> ArrayImage:
            """Copy."""
            return image.copy()

        @augmentation(IMAGE, intensity=lambda p, f: 0.0, bbox=bb.unchanged)
        def t_checked(image: ArrayImage, level: Annotated[float, Check(_counted, "counted")] = 1.0,
                      name: Annotated[str, Check(_counted, "counted")] = "a") -> ArrayImage:
            """Copy."""
            return image.copy()

        @augmentation(IMAGE, intensity=lambda p, f: 0.0, bbox=bb.unchanged)
        def t_numbers(image: ArrayImage, pair: Annotated[tuple[float, float], Check(_counted, "counted")] = (1, 2)
                      ) -> ArrayImage:
            """Copy."""
            return image.copy()

        plain = class_for(t_plain.__multiaug_entry__)(level=2.5)
        calls = []
        real = plain.entry.validate_params
        monkeypatch.setattr(plain.entry, "validate_params", lambda values: calls.append(values) or real(values))
        for _ in range(3):
            assert np.array_equal(plain(ARR), ARR)
        assert len(calls) == 1  # kept after the first call
        tracker = multiaug.Tracker()
        plain(ARR, metadata=tracker)
        assert tracker[0]["params"] == {"level": 2.5}
        checked = class_for(t_checked.__multiaug_entry__)(level=3.0, name="b")
        _SEEN.clear()
        for _ in range(3):
            checked(ARR)
        assert _SEEN == [3.0, "b"] * 3  # a Check of a name may look it up: the parameters are validated every call
        numbers = class_for(t_numbers.__multiaug_entry__)(pair=(0.5, 4.0))
        _SEEN.clear()
        for _ in range(3):
            numbers(ARR)
        assert _SEEN == [(0.5, 4.0)]  # a Check of numbers gives the same answer every time: validated once


def _binder_outcome(fn, args, kwargs):
    try:
        return ("ok", fn(args, dict(kwargs)))
    except Exception as exc:
        return ("raised", type(exc), str(exc))


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.modality.name}.{e.name}" for e in ENTRIES])
def test_split_binder_agrees_with_fast_binder(entry):
    from multiaug.core.calling import NO_SEED, fast_binder, split_binder

    sig = entry.call_signature
    reserved = [k for k in entry.modality.reserved if k in sig.parameters]
    split, full = split_binder(sig, entry.name, reserved), fast_binder(sig, entry.name)
    if split is None:
        pytest.skip("**kwargs: the full binder binds it")
    names = list(sig.parameters)
    media = object()
    calls = [((), {}), ((media,), {}), ((), {names[0]: media}), ((media,) * (len(names) + 1), {}),
             ((media,), {"not_an_argument": 1}), ((media,), {names[0]: media})]
    for i in range(1, len(names)):
        calls += [((media,) + (f"v{i}",) * i, {}), ((media,), {names[i]: f"k{i}"}),
                  ((media,) + (None,) * i, {names[i]: 1})]
    for args, kwargs in calls:
        want, got = _binder_outcome(full, args, kwargs), _binder_outcome(split, args, kwargs)
        if want[0] == "raised" or got[0] == "raised":
            assert got == want, (args, kwargs)
            continue
        arguments, (m, call, given, seed) = want[1], got[1]
        assert m is arguments[names[0]]
        assert call == {k: arguments[k] for k in reserved}
        assert all(arguments[k] is v for k, v in given.items())
        assert all(arguments[p.name] is p.default for p in entry.params if p.name not in given)
        if "seed" in names:
            assert arguments["seed"] is (sig.parameters["seed"].default if seed is NO_SEED else seed)


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.modality.name}.{e.name}" for e in ENTRIES])
def test_validate_params_equals_the_long_way(entry):
    """Kept defaults (Entry.constant_defaults) and compiled validators give what validating each value gives, in
    declaration order."""
    def long_way(params):
        out = {p.name: p.validate(params.get(p.name, p.default), entry.name) for p in entry.params}
        if entry.var_kwargs:
            out["kwargs"] = dict(params.get("kwargs") or {})
        return out

    example = entry.example_params()
    for given in ({**example}, {**example, **{p.name: p.default for p in entry.params if not p.required}}):
        got, want = entry.validate_params(given), long_way(given)
        assert list(got) == list(want)
        assert all(_outcome(lambda v, n: v, got[k], "") == _outcome(lambda v, n: v, want[k], "") for k in want), given
