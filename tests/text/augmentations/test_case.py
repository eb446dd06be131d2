"""change_case: granularities, cadence, protected tokens, AugLy record keys."""

from __future__ import annotations

import multiaug.text as T
from tests.contract import contract_tests

test_contract = contract_tests("text", "case")


def test_word_and_char_cadence():
    assert T.change_case("one two three four", case="upper", cadence=2) == "ONE two THREE four"
    assert T.change_case("abcdef gh", granularity="char", cadence=3, case="upper") == "AbcDef Gh"
    assert T.change_case("hello  world\tagain", granularity="all", case="title") == "Hello  World\tAgain"


def test_random_case_is_seeded_and_per_word():
    a = T.change_case("alpha beta gamma delta epsilon zeta eta theta", seed=1)
    assert a == T.change_case("alpha beta gamma delta epsilon zeta eta theta", seed=1)
    words = a.split()
    assert all(w.isupper() or w.islower() for w in words) and {w.isupper() for w in words} == {True, False}


def test_title_leaves_apostrophes_and_protected_tokens():
    out = T.change_case("don't visit https://Example.com/Path or @UserName", granularity="all", case="upper")
    assert out == "DON'T VISIT https://Example.com/Path OR @UserName"
    assert T.change_case("don't", case="title") == "Don't"


def test_augly_metadata_keys():
    meta: list = []
    T.change_case(["Some text"], granularity="char", cadence=5.0, metadata=meta)
    m = meta[0]
    assert m["name"] == "change_case" and m["intensity"] == 20.0 and m["input_type"] == "list"
    assert m["src_length"] == m["dst_length"] == 1 and m["seed"] == 10 and m["cadence"] == 5.0


def test_case_all_records_one_edit_per_ascii_document_and_word_edits_with_spans():
    from multiaug.core import Tracker

    docs = ["Hello there, World 42!", "hi @Bob see https://Ex.com", "Ünïcode Wörds", ""]
    tracker = Tracker()
    out = T.change_case(docs, granularity="all", case="upper", metadata=tracker)
    assert out == ["HELLO THERE, WORLD 42!", "HI @Bob SEE https://Ex.com", "ÜNÏCODE WÖRDS", ""]
    edits = tracker[0]["info"]["edits"]
    assert [len(e) for e in edits] == [1, 2, 2, 0]
    assert edits[0][0] == {"start": 0, "end": 22, "new_start": 0, "new_end": 22, "old": docs[0], "new": out[0],
                           "op": "case:upper"}
    out2, moved = T.change_case(docs, granularity="all", case="upper", spans=[[(6, 11, "W")], [], [], []],
                                return_spans=True)
    assert out2 == out and moved[0] == [(6, 11, "W")]
    # random case: one draw per document, whichever path the document takes
    a = T.change_case(docs * 20, granularity="all", seed=5)
    b = T.change_case(docs * 20, granularity="all", seed=5, spans=[[] for _ in docs * 20])
    assert a == b and {d[:2] for d in a[::4]} == {"HE", "he"}
