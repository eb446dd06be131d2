"""engine/splice.py: byte-identical splicing, edit records, coalescing, diffs, applying a plan."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multiaug.text.engine.graphemes import grapheme_bounds
from multiaug.text.engine.spans import realign_spans
from multiaug.text.engine.splice import apply_edits, apply_plan, coalesce_insertions, diff_edits
from multiaug.text.engine.tokenize import tokenize

from .edit_cases import doc_with_edits


def test_apply_edits_records_and_identity():
    text = "ab  cd\tef\n"
    new, recs = apply_edits(text, [(0, 2, "XY", "r"), (4, 4, "+", "i"), (7, 9, "", "d")])
    assert new == "XY  +cd\t\n"
    assert recs[0] == {"start": 0, "end": 2, "new_start": 0, "new_end": 2, "old": "ab", "new": "XY", "op": "r"}
    assert recs[1]["new_start"] == 4 and recs[1]["new_end"] == 5
    assert recs[2] == {"start": 7, "end": 9, "new_start": 8, "new_end": 8, "old": "ef", "new": "", "op": "d"}
    assert apply_edits(text, [(0, 2, "ab", "noop")]) == (text, [])
    with pytest.raises(RuntimeError):
        apply_edits(text, [(0, 3, "x", "a"), (2, 4, "y", "b")])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_with_edits())
def test_untouched_text_is_byte_identical(case):
    text, _, edits, _ = case
    new, recs = apply_edits(text, edits)
    # rebuilding from the records gives the output; every gap between edits is copied verbatim
    last_old = last_new = 0
    for r in recs:
        assert text[last_old:r["start"]] == new[last_new:r["new_start"]]
        assert new[r["new_start"]:r["new_end"]] == r["new"] and text[r["start"]:r["end"]] == r["old"]
        last_old, last_new = r["end"], r["new_end"]
    assert text[last_old:] == new[last_new:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_with_edits(), st.data())
def test_coalesced_insertions_equal_single_insertions(case, data):
    text, _words, _, (_i, _j) = case
    doc = tokenize(text)
    bounds = grapheme_bounds(text)[1:-1]
    points = sorted(set(data.draw(st.lists(st.sampled_from(bounds), max_size=12)))) if bounds else []
    inserts = [(p, data.draw(st.sampled_from([".", "\u200b", " ", "..."]))) for p in points]
    single, recs1 = apply_edits(text, [(p, p, piece, "ins") for p, piece in inserts])
    merged, recs2 = apply_edits(text, coalesce_insertions(doc, inserts, "ins"))
    assert merged == single
    assert len(recs2) <= len(recs1)
    span = [(doc.words[0][0], doc.words[-1][1], "x")] if doc.words else []
    assert realign_spans(span, recs1) == realign_spans(span, recs2)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab c\u0301", max_size=20), st.text(alphabet="ab c\u0301", max_size=20))
def test_diff_edits_rebuild_the_new_text(old, new):
    assert apply_edits(old, diff_edits(old, new, "d"))[0] == new


def test_diff_edits_huge_inputs_stay_fast():
    old = "word " * 20000
    edits = diff_edits(old, old.upper(), "d")
    assert len(edits) == 1 and apply_edits(old, edits)[0] == old.upper()


def test_apply_plan_splices_each_document_and_records_its_edits():
    out = apply_plan(["ab cd", "", "xy"], [[(0, 2, "AB", "up")], [], [(2, 2, "!", "ins")]], {"extra": 1})
    assert out.media == ["AB cd", "", "xy!"]
    assert out.info["extra"] == 1
    assert [len(e) for e in out.info["edits"]] == [1, 0, 1]
    assert out.info["edits"][2][0] == {"start": 2, "end": 2, "new_start": 2, "new_end": 3, "old": "", "new": "!",
                                       "op": "ins"}
    # a planned edit that changes nothing leaves no record
    assert apply_plan(["ab"], [[(0, 2, "ab", "noop")]]).info["edits"] == [[]]
