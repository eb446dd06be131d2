"""Generic properties checked over EVERY registered augmentation (new ones are covered automatically)."""

from __future__ import annotations

import inspect
import json
import math
import random

import numpy as np
import pytest

import multiaug
from multiaug.core import InvalidParameterError, Tracker
from multiaug.core.classes import class_for
from multiaug.core.registry import entries
from multiaug.core.tracker import MULTIAUG_KEYS

from .helpers import (
    call_kwargs,
    check_output_kind,
    global_rng_state,
    run_entry,
    same,
    sample_image,
    sample_media,
    snapshot,
)

ENTRIES = entries()
IDS = [f"{e.modality.name}.{e.name}" for e in ENTRIES]

AUGLY_FIXED_KEYS = {
    "image": {"name", "src_width", "src_height", "dst_width", "dst_height", "intensity", "output_path", "bbox_format"},
    "text": {"name", "input_type", "src_length", "dst_length", "intensity"},
    "audio": {"name", "src_duration", "dst_duration", "src_num_channels", "dst_num_channels", "src_sample_rate",
              "dst_sample_rate", "src_segments", "dst_segments", "intensity", "output_path"},
    "tabular": {"name", "src_rows", "dst_rows", "src_columns", "dst_columns", "intensity", "output_path"},
}


@pytest.fixture(params=ENTRIES, ids=IDS)
def entry(request):
    return request.param


def test_registry_is_populated():
    mods = {e.modality.name for e in ENTRIES}
    assert mods == {"image", "text", "audio", "tabular"}


def test_entry_declares_rules(entry):
    assert callable(entry.intensity)
    for rule in entry.modality.required_rules:
        assert callable(entry.rules.get(rule)), f"{entry.name} lacks a {rule} rule"
    assert entry.summary, f"{entry.name} has no docstring summary"
    for p in entry.params:
        assert p.doc, f"{entry.name}: parameter '{p.name}' is not documented in the docstring Args"


def test_output_kind_and_record(entry):
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    out = run_entry(entry, media, metadata=tracker)
    check_output_kind(media, out, entry.modality.name)
    assert len(tracker) == 1
    rec = tracker[0]
    assert rec["name"] == entry.name and rec["modality"] == entry.modality.name
    assert 0.0 <= rec["intensity"] <= 100.0 and not math.isnan(rec["intensity"])
    assert AUGLY_FIXED_KEYS[entry.modality.name] <= set(rec)
    # full record is JSON-serialisable and survives a round trip
    again = Tracker.from_jsonl(tracker.to_jsonl())
    assert json.loads(json.dumps(list(again))) == json.loads(json.dumps(list(tracker)))
    if entry.random:
        assert isinstance(rec["seed"], int)


def test_plain_list_metadata_gets_augly_keys_only(entry):
    media = sample_media(entry.modality.name)
    meta: list = []
    run_entry(entry, media, metadata=meta)
    assert len(meta) == 1
    assert not (set(meta[0]) & MULTIAUG_KEYS)
    assert AUGLY_FIXED_KEYS[entry.modality.name] <= set(meta[0])
    json.dumps(meta)


def test_same_seed_same_output(entry):
    media = sample_media(entry.modality.name)
    a = run_entry(entry, media, seed=7)
    b = run_entry(entry, media, seed=7)
    assert same(a, b)
    if entry.random:
        outs = [run_entry(entry, media, seed=s) for s in (1, 2, 3, 4)]
        assert any(not same(outs[0], o) for o in outs[1:]), f"{entry.name}: output ignores the seed"


def test_generator_seed_is_recorded_and_replays(entry):
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    out = run_entry(entry, media, seed=np.random.default_rng(5), metadata=tracker)
    assert same(tracker.replay(media, **call_kwargs(entry.modality.name)), out)


def test_replay_from_json_is_exact(entry):
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    out = run_entry(entry, media, seed=99, metadata=tracker)
    if not tracker[0]["replayable"]:
        pytest.skip(f"{entry.name}: example uses non-serialisable arguments")
    loaded = Tracker.from_json(tracker.to_json())
    assert same(loaded.replay(media, **call_kwargs(entry.modality.name)), out)


def test_class_matches_function(entry):
    cls = getattr(getattr(multiaug, entry.modality.name), entry.class_name)
    assert cls is class_for(entry)
    sig_names = [n for n in inspect.signature(cls).parameters if n not in ("p", "seed", "kwargs")]
    assert sig_names == [p.name for p in entry.params]
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    t = cls(**entry.example_params())
    out = t(media, **call_kwargs(entry.modality.name), metadata=tracker, seed=3)
    check_output_kind(media, out, entry.modality.name)
    assert tracker[0]["name"] == entry.name
    assert same(tracker.replay(media, **call_kwargs(entry.modality.name)), out)


def test_p_zero_is_identity(entry):
    media = sample_media(entry.modality.name)
    cls = class_for(entry)
    meta = Tracker()
    out = cls(**entry.example_params(), p=0.0)(media, **call_kwargs(entry.modality.name), metadata=meta)
    assert len(meta) == 0
    if entry.modality.name == "audio":
        assert same(out, (media, 16000))
    else:
        assert same(out, media)


def test_input_not_mutated(entry):
    media = sample_media(entry.modality.name)
    before = snapshot(media)
    run_entry(entry, media)
    assert same(snapshot(media), before) if not isinstance(before, tuple) else snapshot(media) == before
    if entry.modality.name == "image":
        arr = np.asarray(sample_image())
        arr_before = arr.copy()
        out = run_entry(entry, arr)
        assert np.array_equal(arr, arr_before)
        assert isinstance(out, np.ndarray)


def test_no_global_rng_use(entry):
    media = sample_media(entry.modality.name)
    outs = []
    for g in (1, 2):
        random.seed(g)
        np.random.seed(g)
        before = global_rng_state()
        outs.append(run_entry(entry, media, seed=11))
        assert global_rng_state() == before, f"{entry.name} changed the global RNG state"
    assert same(outs[0], outs[1]), f"{entry.name} output depends on the global RNG"


def _bad_values(spec):
    bad = []
    if spec.kind == "choice":
        bad.append("__not_a_choice__")
    if spec.kind in ("int", "float"):
        bad.append("not-a-number")
        r = spec.range
        if r is not None:
            if r.low is not None:
                bad.append(r.low - 1 if spec.kind == "int" else (r.low if r.low_open else r.low - 0.5))
            if r.high is not None:
                bad.append(r.high + 1 if spec.kind == "int" else (r.high if r.high_open else r.high + 0.5))
    if spec.kind == "bool":
        bad.append("yes")
    return bad


def test_bad_parameters_raise_typed_error(entry):
    media = sample_media(entry.modality.name)
    checked = 0
    for spec in entry.params:
        for value in _bad_values(spec):
            with pytest.raises(InvalidParameterError) as info:
                run_entry(entry, media, **{spec.name: value})
            assert spec.name in str(info.value)
            checked += 1
            with pytest.raises(InvalidParameterError):
                class_for(entry)(**{**entry.example_params(), spec.name: value})
    if not entry.params:
        pytest.skip("no parameters")


def test_unknown_argument_is_typed_error(entry):
    if entry.var_kwargs:
        pytest.skip("accepts **kwargs (apply_lambda)")
    with pytest.raises(InvalidParameterError):
        class_for(entry)(not_a_real_argument=1)


def test_catalogue_is_json():
    cat = multiaug.catalogue()
    text = json.dumps(cat)
    assert len(json.loads(text)) == len(ENTRIES)
    for row in cat:
        assert row["intensity_rule"] and row["modality"] in ("image", "text", "audio", "tabular")
