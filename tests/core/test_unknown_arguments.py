"""A call that does not fit the signature raises TypeError (as Python, AugLy and every peer do), typed as
``UnknownArgumentError``; values out of range keep raising the ValueError ``InvalidParameterError``.

Checked over every registry entry through the function API, the class API and pipeline loading."""

from __future__ import annotations

import inspect
import json

import pytest

import multiaug
from multiaug.core import InvalidParameterError, UnknownArgumentError, load_pipeline
from multiaug.core.classes import class_for
from multiaug.core.registry import entries

from ..helpers import call_kwargs, run_entry, sample_media

ENTRIES = entries()
IDS = [f"{e.modality.name}.{e.name}" for e in ENTRIES]
STRICT = [e for e in ENTRIES if not e.var_kwargs]  # apply_lambda forwards **kwargs to the user's function
STRICT_IDS = [f"{e.modality.name}.{e.name}" for e in STRICT]


def test_the_error_is_both_a_parameter_error_and_a_type_error():
    assert issubclass(UnknownArgumentError, InvalidParameterError)
    assert issubclass(UnknownArgumentError, TypeError)
    assert multiaug.UnknownArgumentError is UnknownArgumentError


@pytest.mark.parametrize("entry", STRICT, ids=STRICT_IDS)
def test_function_api_unknown_keyword(entry):
    media = sample_media(entry.modality.name)
    with pytest.raises(TypeError) as info:
        run_entry(entry, media, not_a_real_argument=1)
    assert isinstance(info.value, UnknownArgumentError)
    assert info.value.argument == "not_a_real_argument" and "not_a_real_argument" in str(info.value)
    if not entry.random:  # the case users probe with `try: f(x, seed=1) except TypeError:`
        with pytest.raises(TypeError, match="seed"):
            entry.public(media, **call_kwargs(entry.modality.name), **entry.example_params(), seed=1)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_function_api_signature_errors(entry):
    media = sample_media(entry.modality.name)
    n_positional = 1 + len(entry.params) + 20  # more than the signature has
    with pytest.raises(UnknownArgumentError):
        entry.public(*([media] * n_positional))
    first = next((p for p in entry.params), None)
    if first is not None:  # a value given positionally and by name
        value = entry.example_params().get(first.name, first.default)
        slots = [None] * _position_of(entry, first.name)  # positional slots before it (output_path, ...)
        with pytest.raises(UnknownArgumentError, match=first.name):
            entry.public(media, *slots, value, **{first.name: value})
    required = [p for p in entry.params if p.required]
    if required:
        with pytest.raises(UnknownArgumentError, match=required[0].name):
            entry.public(media, **call_kwargs(entry.modality.name))


def _position_of(entry, name):
    """How many positional slots come between the media and parameter ``name``."""
    names = [p for p in inspect.signature(entry.public).parameters][1:]
    return names.index(name)


@pytest.mark.parametrize("entry", STRICT, ids=STRICT_IDS)
def test_class_api_unknown_keyword(entry):
    cls = class_for(entry)
    with pytest.raises(TypeError) as info:
        cls(**entry.example_params(), not_a_real_argument=1)
    assert isinstance(info.value, UnknownArgumentError) and info.value.argument == "not_a_real_argument"
    aug = cls(**entry.example_params())
    media = sample_media(entry.modality.name)
    with pytest.raises(UnknownArgumentError, match="not_a_real_argument"):
        aug(media, **call_kwargs(entry.modality.name), not_a_real_argument=1)
    with pytest.raises(UnknownArgumentError):  # also when p=0 would skip the call
        cls(**entry.example_params(), p=0.0)(media, **call_kwargs(entry.modality.name), not_a_real_argument=1)


@pytest.mark.parametrize("entry", STRICT, ids=STRICT_IDS)
def test_pipeline_json_unknown_keys(entry):
    good = multiaug.pipeline_to_dict(class_for(entry)(**entry.example_params()))
    load_pipeline(json.dumps(good))  # the round trip itself is fine
    bad = json.loads(json.dumps(good))
    bad["pipeline"]["params"]["not_a_real_argument"] = 1
    with pytest.raises(TypeError) as info:
        load_pipeline(json.dumps(bad))
    assert isinstance(info.value, UnknownArgumentError) and "pipeline.params" in str(info.value)
    bad = json.loads(json.dumps(good))
    bad["pipeline"]["prob"] = 0.5  # a misspelt "p" must not be silently ignored
    with pytest.raises(UnknownArgumentError, match="prob"):
        load_pipeline(bad)


def test_pipeline_json_unknown_composition_keys():
    node = {"type": "OneOf", "p": 1.0, "transforms": [{"type": "augmentation", "modality": "image", "name": "hflip"}]}
    load_pipeline(dict(node))
    with pytest.raises(UnknownArgumentError, match="n"):
        load_pipeline({**node, "n": 2})  # "n" belongs to SomeOf
    with pytest.raises(UnknownArgumentError, match="transfroms"):
        load_pipeline({**node, "transfroms": []})


def _out_of_range(spec):
    r = spec.range
    if r is None or spec.kind not in ("int", "float"):
        return None
    if r.high is not None:
        return r.high + 1 if spec.kind == "int" else (r.high if r.high_open else r.high + 0.5)
    if r.low is not None:
        return r.low - 1 if spec.kind == "int" else (r.low if r.low_open else r.low - 0.5)
    return None


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_out_of_range_stays_a_value_error(entry):
    media = sample_media(entry.modality.name)
    checked = 0
    for spec in entry.params:
        value = _out_of_range(spec)
        if value is None:
            continue
        with pytest.raises(InvalidParameterError) as info:
            run_entry(entry, media, **{spec.name: value})
        assert isinstance(info.value, ValueError) and not isinstance(info.value, TypeError), spec.name
        checked += 1
    if not checked:
        pytest.skip("no ranged numeric parameter")
