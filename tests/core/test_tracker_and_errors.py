"""Tracker views, AugLy-compatible plain lists, typed errors (also under python -O), seeds."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import multiaug
import multiaug.image as imaugs
import multiaug.text as txtaugs
from multiaug.core import (
    InvalidParameterError,
    MultiaugError,
    ReplayError,
    Tracker,
    UnsupportedInputError,
    derive_seed,
    resolve_seed,
)
from multiaug.core.spec import Range

from ..helpers import sample_image


def test_tracker_views_and_html():
    t = Tracker()
    txtaugs.change_case(["a b", "c d"], case="upper", metadata=t)
    imaugs.hflip(sample_image(), metadata=t)
    rows = t.summary()
    assert [r["name"] for r in rows] == ["change_case", "hflip"]
    html = t._repr_html_()
    assert "<table" in html and "change_case" in html
    assert "change_case" in str(t)
    aug = t.augly()
    assert aug[0]["input_type"] == "list" and aug[0]["src_length"] == 2 and "params" not in aug[0]


def test_tracker_json_files(tmp_path):
    t = Tracker()
    txtaugs.change_case("Hello there", metadata=t, seed=4)
    t.to_json(tmp_path / "r.json")
    t.to_jsonl(tmp_path / "r.jsonl")
    assert Tracker.from_json(tmp_path / "r.json") == t
    assert Tracker.from_jsonl(tmp_path / "r.jsonl") == t
    assert multiaug.replay(tmp_path / "r.json", "Hello there") == txtaugs.change_case("Hello there", seed=4)


def test_augly_plain_list_record_not_replayable():
    meta: list = []
    txtaugs.change_case("abc", metadata=meta)
    with pytest.raises(ReplayError, match="Tracker"):
        multiaug.replay(meta, "abc")


def test_metadata_must_be_list():
    with pytest.raises(UnsupportedInputError, match="metadata"):
        txtaugs.change_case("abc", metadata={})


def test_error_hierarchy():
    assert issubclass(InvalidParameterError, ValueError) and issubclass(InvalidParameterError, MultiaugError)
    assert issubclass(UnsupportedInputError, TypeError)
    with pytest.raises(InvalidParameterError, match=r"cadence.*\[1, inf\)"):
        txtaugs.change_case("abc", cadence=0.5)
    with pytest.raises(InvalidParameterError, match="granularity.*'all', 'word', 'char'"):
        txtaugs.change_case("abc", granularity="sentence")


def test_validation_survives_python_O():
    code = (
        "import multiaug.text as t\n"
        "try:\n    t.change_case('abc', cadence=0)\nexcept ValueError as e:\n    print('OK', e)\n"
    )
    out = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("OK") and "cadence" in out.stdout


def test_seed_kinds():
    assert resolve_seed(5) == 5
    g1, g2 = np.random.default_rng(1), np.random.default_rng(1)
    assert resolve_seed(g1) == resolve_seed(g2)
    with pytest.raises(InvalidParameterError):
        resolve_seed(-1)
    with pytest.raises(InvalidParameterError):
        resolve_seed("7")
    with pytest.raises(InvalidParameterError):
        txtaugs.change_case("abc", seed=True)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**63 - 1), st.lists(st.one_of(st.integers(0, 2**40), st.text(max_size=20)), max_size=4))
def test_derive_seed_is_stable_and_in_range(base, keys):
    a = derive_seed(base, *keys)
    assert a == derive_seed(base, *keys)
    assert 0 <= a < 2**63


def test_derive_seed_separates_keys():
    seeds = {derive_seed(1, k) for k in range(1000)} | {derive_seed(1, "item", k) for k in range(1000)}
    assert len(seeds) == 2000


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, width=32), st.floats(-10, 10), st.floats(-10, 10),
       st.booleans(), st.booleans())
def test_range_contains_matches_definition(x, a, b, lo_open, hi_open):
    lo, hi = min(a, b), max(a, b)
    r = Range(lo, hi, low_open=lo_open, high_open=hi_open)
    expected = (lo < x if lo_open else lo <= x) and (x < hi if hi_open else x <= hi)
    assert r.contains(x) == expected


def test_text_str_in_str_out_list_in_list_out():
    assert isinstance(txtaugs.change_case("abc"), str)
    assert txtaugs.change_case(["abc"], case="upper") == ["ABC"]
    with pytest.raises(UnsupportedInputError, match="item 1"):
        txtaugs.change_case(["ok", 3])
    with pytest.raises(UnsupportedInputError):
        txtaugs.change_case(None)
    assert txtaugs.change_case("") == ""


def test_records_json_serialisable_with_numpy_values():
    t = Tracker()
    imaugs.hflip(np.asarray(sample_image()), metadata=t, bboxes=[[np.int64(1), np.int64(2), np.float32(10), 20]], bbox_format="pascal_voc")
    json.dumps(list(t))
    assert t[0]["dst_bboxes"][0] == [54.0, 2.0, 63.0, 20.0]


def test_atomic_write_gives_normal_permissions_and_no_partial_file(tmp_path):
    import os
    import stat

    from multiaug.core.io import atomic_write, atomic_write_bytes

    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"abc")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask

    def broken(tmp):
        with open(tmp, "wb") as fh:
            fh.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "never.bin", broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
