"""Composition semantics in every modality: nesting, p honoured, branch records, derived seeds."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.audio as audaugs
import multiaug.image as imaugs
import multiaug.text as txtaugs
from multiaug.core import Compose, InvalidParameterError, OneOf, RandomApply, SomeOf, Tracker
from multiaug.core import compose as compose_mod
from multiaug.core import seeds
from multiaug.core import transform as transform_mod

from ..helpers import same, sample_audio, sample_image


def test_compose_inside_oneof_inside_compose_image():
    img = sample_image()
    pipe = Compose([OneOf([Compose([imaugs.HFlip(), imaugs.VFlip()]), imaugs.HFlip()]), imaugs.VFlip(p=0.5)])
    for seed in range(10):
        t = Tracker()
        out = pipe(img, metadata=t, seed=seed)
        assert same(t.replay(img), out)
        for rec in t:
            assert rec["provenance"]["via"][0]["op"] == "Compose"


@pytest.mark.parametrize("modality", ["text", "audio"])
def test_compose_honours_p_in_text_and_audio(modality):
    if modality == "text":
        media, call, leaf = "hello world", {}, txtaugs.ChangeCase(case="upper")
    else:
        media, call, leaf = sample_audio(), {"sample_rate": 16000}, audaugs.ChangeVolume(volume_db=6.0)
    never = Compose([leaf], p=0.0)
    t = Tracker()
    out = never(media, **call, metadata=t)
    assert len(t) == 0
    if modality == "audio":
        assert same(out, (media, 16000))
    else:
        assert out == media
    applied = sum(len(_run(Compose([leaf], p=0.5), media, call, s)) for s in range(200))
    assert 70 < applied < 130


def _run(pipe, media, call, seed):
    t = Tracker()
    pipe(media, **call, metadata=t, seed=seed)
    return t


def test_oneof_weights_follow_children_p():
    img = sample_image()
    pipe = OneOf([imaugs.HFlip(p=0.9), imaugs.VFlip(p=0.1)])
    names = [_run(pipe, img, {}, s)[0]["name"] for s in range(300)]
    share = names.count("hflip") / len(names)
    assert 0.83 < share < 0.96


def test_oneof_explicit_weights_and_branch_record():
    pipe = OneOf([txtaugs.ChangeCase(case="upper"), txtaugs.ChangeCase(case="lower")], weights=[0, 1])
    t = _run(pipe, "Hello World", {}, 3)
    assert t[0]["params"]["case"] == "lower"
    assert t[0]["provenance"]["via"] == [{"op": "OneOf", "index": 1}]


def test_someof_applies_n_distinct_in_order():
    pipe = SomeOf([imaugs.HFlip(), imaugs.VFlip(), imaugs.HFlip(p=0.0)], n=2)
    for s in range(20):
        t = _run(pipe, sample_image(), {}, s)
        idx = [r["provenance"]["via"][0]["index"] for r in t]
        assert len(idx) == 2 and idx == sorted(idx) and len(set(idx)) == 2


def test_someof_range_n():
    pipe = SomeOf([imaugs.HFlip(), imaugs.VFlip()], n=(0, 2))
    counts = {len(_run(pipe, sample_image(), {}, s)) for s in range(40)}
    assert counts == {0, 1, 2}


def test_random_apply_default_half():
    pipe = RandomApply([imaugs.HFlip()])
    applied = sum(len(_run(pipe, sample_image(), {}, s)) for s in range(200))
    assert 70 < applied < 130


def test_mixed_modalities_refused():
    with pytest.raises(InvalidParameterError, match="one modality"):
        Compose([imaugs.HFlip(), txtaugs.ChangeCase()])


def test_empty_and_non_transform_refused():
    with pytest.raises(InvalidParameterError):
        Compose([])
    with pytest.raises(InvalidParameterError, match="ApplyLambda"):
        Compose([lambda x: x])


def test_bad_p_refused():
    with pytest.raises(InvalidParameterError, match="'p'"):
        imaugs.HFlip(p=1.5)
    with pytest.raises(InvalidParameterError):
        Compose([imaugs.HFlip()], p=-0.1)


def test_seed_of_sample_does_not_depend_on_order():
    """The output for (seed, k) is the same whether samples are processed in order or reversed."""
    pipe = Compose([txtaugs.ChangeCase(granularity="char", case="random"), txtaugs.ChangeCase(p=0.5)])
    texts = [f"sample number {k} with some words" for k in range(8)]
    forward = {k: pipe(texts[k], seed=multiaug.derive_seed(42, k)) for k in range(8)}
    backward = {k: pipe(texts[k], seed=multiaug.derive_seed(42, k)) for k in reversed(range(8))}
    assert forward == backward
    assert len(set(forward.values())) == 8


def test_instance_seed_gives_reproducible_sequence():
    a = Compose([txtaugs.ChangeCase(granularity="char")], seed=5)
    b = Compose([txtaugs.ChangeCase(granularity="char")], seed=5)
    text = "reproducible sequences of calls"
    seq_a = [a(text) for _ in range(4)]
    seq_b = [b(text) for _ in range(4)]
    assert seq_a == seq_b and len(set(seq_a)) > 1


def test_class_ranges_and_choices_are_recorded_as_drawn_values():
    t = Tracker()
    aug = audaugs.ChangeVolume(volume_db=(-6.0, 6.0))
    aug(sample_audio(), sample_rate=16000, metadata=t, seed=1)
    v = t[0]["params"]["volume_db"]
    assert -6.0 <= v <= 6.0 and t[0]["provenance"]["drawn"] == ["volume_db"]
    t2 = Tracker()
    txtaugs.ChangeCase(case=["upper", "lower"])("abc", metadata=t2, seed=2)
    assert t2[0]["params"]["case"] in ("upper", "lower")


def test_class_range_outside_allowed_is_typed_error():
    with pytest.raises(InvalidParameterError, match="volume_db"):
        audaugs.ChangeVolume(volume_db=(-200.0, 0.0))
    with pytest.raises(InvalidParameterError, match="case"):
        txtaugs.ChangeCase(case=["upper", "shouty"])


def test_text_class_call_overrides_and_force():
    aug = txtaugs.ChangeCase(case="upper", p=0.0)
    assert aug("abc") == "abc"
    assert aug("abc", force=True) == "ABC"
    assert aug("abc", force=True, case="lower") == "abc"


def test_audio_class_positional_sample_rate():
    a = sample_audio()
    out, sr = audaugs.ChangeVolume(volume_db=0.0)(a, 8000)
    assert sr == 8000 and np.array_equal(out, a)


def test_generators_are_built_only_for_calls_that_draw(monkeypatch):
    """A call's generator draws the p roll, ranged parameters and the augmentation's seed: a Compose, a p = 1
    deterministic child with fixed parameters draw nothing and build none; the draws themselves are unchanged."""
    built: list[int] = []

    def counting(seed: int, **kw: bool) -> np.random.Generator:
        built.append(seed)
        return seeds.rng_from_seed(seed, **kw)

    monkeypatch.setattr(compose_mod, "rng_from_seed", counting)
    monkeypatch.setattr(transform_mod, "rng_from_seed", counting)
    img = np.asarray(sample_image()).copy()
    Compose([imaugs.HFlip(), imaugs.Brightness(factor=1.2)])(img, seed=3)
    assert built == []
    t = Tracker()
    Compose([imaugs.HFlip(p=0.5), imaugs.Brightness(factor=(0.5, 1.5)), imaugs.RandomResizedCrop(size=8)])(
        img, seed=3, metadata=t)
    assert len(built) == 3
    rrc = next(r for r in t if r["name"] == "random_resized_crop")
    call_seed = rrc["provenance"]["call_seed"]
    assert rrc["seed"] == int(np.random.default_rng(call_seed).integers(2**63))  # the function seed: first draw
