"""change_case: granularities, cadence, protected tokens, AugLy record keys."""

from __future__ import annotations

import multiaug.text as T


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
