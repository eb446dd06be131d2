"""The generic contract every registered augmentation satisfies, as reusable checks (torchvision v2's
``check_transform`` idea).

An augmentation's test file runs the whole contract for its family with one line::

    from tests.contract import contract_tests
    test_contract = contract_tests("image", "filters")    # every entry of multiaug/image/augmentations/filters.py

or checks one entry with ``check_augmentation("blur", "image")``. ``tests/test_registry_contract.py`` makes sure
every registered entry is covered by a family test file (and runs the contract for entries whose family has none
yet).
"""

from __future__ import annotations

import inspect
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import multiaug
from multiaug.core import InvalidParameterError, Tracker
from multiaug.core.classes import class_for
from multiaug.core.registry import Entry, entries, get_entry
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

AUGLY_FIXED_KEYS = {
    "image": {"name", "src_width", "src_height", "dst_width", "dst_height", "intensity", "output_path", "bbox_format"},
    "text": {"name", "input_type", "src_length", "dst_length", "intensity"},
    "audio": {"name", "src_duration", "dst_duration", "src_num_channels", "dst_num_channels", "src_sample_rate",
              "dst_sample_rate", "src_segments", "dst_segments", "intensity", "output_path"},
    "tabular": {"name", "src_rows", "dst_rows", "src_columns", "dst_columns", "intensity", "output_path"},
}
TESTS = Path(__file__).resolve().parent


def check_entry_declares_rules(entry):
    assert callable(entry.intensity)
    for rule in entry.modality.required_rules:
        assert callable(entry.rules.get(rule)), f"{entry.name} lacks a {rule} rule"
    assert entry.summary, f"{entry.name} has no docstring summary"
    for p in entry.params:
        assert p.doc, f"{entry.name}: parameter '{p.name}' is not documented in the docstring Args"


def check_output_kind_and_record(entry):
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


def check_plain_list_metadata_gets_augly_keys_only(entry):
    media = sample_media(entry.modality.name)
    meta: list = []
    run_entry(entry, media, metadata=meta)
    assert len(meta) == 1
    assert not (set(meta[0]) & MULTIAUG_KEYS)
    assert AUGLY_FIXED_KEYS[entry.modality.name] <= set(meta[0])
    json.dumps(meta)


def check_same_seed_same_output(entry):
    media = sample_media(entry.modality.name)
    a = run_entry(entry, media, seed=7)
    b = run_entry(entry, media, seed=7)
    assert same(a, b)
    if entry.random:
        outs = [run_entry(entry, media, seed=s) for s in (1, 2, 3, 4)]
        assert any(not same(outs[0], o) for o in outs[1:]), f"{entry.name}: output ignores the seed"


def check_generator_seed_is_recorded_and_replays(entry):
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    out = run_entry(entry, media, seed=np.random.default_rng(5), metadata=tracker)
    assert same(tracker.replay(media, **call_kwargs(entry.modality.name)), out)


def check_replay_from_json_is_exact(entry):
    media = sample_media(entry.modality.name)
    tracker = Tracker()
    out = run_entry(entry, media, seed=99, metadata=tracker)
    if not tracker[0]["replayable"]:
        pytest.skip(f"{entry.name}: example uses non-serialisable arguments")
    loaded = Tracker.from_json(tracker.to_json())
    assert same(loaded.replay(media, **call_kwargs(entry.modality.name)), out)


def check_class_matches_function(entry):
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


def check_p_zero_is_identity(entry):
    media = sample_media(entry.modality.name)
    cls = class_for(entry)
    meta = Tracker()
    out = cls(**entry.example_params(), p=0.0)(media, **call_kwargs(entry.modality.name), metadata=meta)
    assert len(meta) == 0
    if entry.modality.name == "audio":
        assert same(out, (media, 16000))
    else:
        assert same(out, media)


def check_input_not_mutated(entry):
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


def check_no_global_rng_use(entry):
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


def check_bad_parameters_raise_typed_error(entry):
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


def check_unknown_argument_is_typed_error(entry):
    if entry.var_kwargs:
        pytest.skip("accepts **kwargs (apply_lambda)")
    with pytest.raises(InvalidParameterError):
        class_for(entry)(not_a_real_argument=1)



#: every property of the contract, in the order they run
CHECKS: tuple[Callable[[Entry], None], ...] = (
    check_entry_declares_rules,
    check_output_kind_and_record,
    check_plain_list_metadata_gets_augly_keys_only,
    check_same_seed_same_output,
    check_generator_seed_is_recorded_and_replays,
    check_replay_from_json_is_exact,
    check_class_matches_function,
    check_p_zero_is_identity,
    check_input_not_mutated,
    check_no_global_rng_use,
    check_bad_parameters_raise_typed_error,
    check_unknown_argument_is_typed_error,
)


def check_augmentation(name: str, modality: str | None = None) -> None:
    """Run the whole generic contract on one registered augmentation (raises on the first failure)."""
    entry = get_entry(name, modality)
    for check in CHECKS:
        try:
            check(entry)
        except pytest.skip.Exception:
            continue


def family_entries(modality: str, family: str) -> list[Entry]:
    """The entries declared in ``multiaug/<modality>/augmentations/<family>.py`` (or the old-layout module)."""
    return [e for e in entries(modality) if e.family == family]


def contract_tests(modality: str, family: str) -> Callable[..., None]:
    """A pytest test running every check on every entry of a family, one test item per (entry, check)."""
    found = family_entries(modality, family)
    if not found:
        raise LookupError(f"no registered {modality} augmentation in family '{family}'")
    cases = [(e, c) for e in found for c in CHECKS]

    @pytest.mark.parametrize(("entry", "check"), cases,
                             ids=[f"{e.name}-{c.__name__.removeprefix('check_')}" for e, c in cases])
    def test_contract(entry: Entry, check: Callable[[Entry], None]) -> None:
        check(entry)

    return test_contract


def family_test_file(entry: Entry) -> Path:
    """Where an entry's family test file lives: ``tests/<modality>/augmentations/test_<family>.py``."""
    return TESTS / entry.modality.name / "augmentations" / f"test_{entry.family}.py"


def covered_by_family_file(entry: Entry) -> bool:
    """True when the entry's family test file exists and runs the contract for the family."""
    path = family_test_file(entry)
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    return f'contract_tests("{entry.modality.name}", "{entry.family}")' in text
