"""Character insertions: exact counts, positions at grapheme boundaries, protected tokens left alone."""

from __future__ import annotations

import pytest

import multiaug.text as T
from multiaug.text.augmentations.insertion import PUNCTUATION_CHARS, WHITESPACE_CHARS, ZERO_WIDTH_CHARS
from tests.contract import contract_tests

test_contract = contract_tests("text", "insertion")


def _count(s, chars):
    return sum(s.count(c) for c in chars)


def test_zero_width_counts():
    out = T.insert_zero_width_chars("abcdef", seed=1)
    assert _count(out, ZERO_WIDTH_CHARS) == 5 and "".join(c for c in out if c not in ZERO_WIDTH_CHARS) == "abcdef"
    assert _count(T.insert_zero_width_chars("abcdef", cadence=2, seed=1), ZERO_WIDTH_CHARS) == 2
    assert _count(T.insert_zero_width_chars("abcdef", cadence=2.5, seed=1), ZERO_WIDTH_CHARS) == 2
    # word granularity: inside words only ("ab cd" → 1 + 1)
    out = T.insert_zero_width_chars("ab cd", granularity="word", seed=1)
    assert _count(out, ZERO_WIDTH_CHARS) == 2 and " " in out
    assert "\u200d" not in ZERO_WIDTH_CHARS  # a ZWJ would fuse neighbouring emoji


def test_vary_chars():
    fixed = T.insert_punctuation_chars("abcdefghijklmnop", seed=3)
    assert len({c for c in fixed if c in PUNCTUATION_CHARS}) == 1
    varied = T.insert_punctuation_chars("abcdefghijklmnop", vary_chars=True, seed=3)
    assert len({c for c in varied if c in PUNCTUATION_CHARS}) > 1


def test_clusters_and_protected_tokens_are_not_split():
    text = "e\u0301👨\u200d👩\u200d👧 see https://ex.com/x and @bob"
    out = T.insert_whitespace_chars(text, seed=2, vary_chars=True)
    for keep in ("e\u0301", "👨\u200d👩\u200d👧", "https://ex.com/x", "@bob"):
        assert keep in out


@pytest.mark.parametrize("fn", [T.insert_punctuation_chars, T.insert_whitespace_chars, T.insert_zero_width_chars])
def test_intensity(fn):
    meta: list = []
    fn("abc", granularity="word", cadence=4.0, metadata=meta)
    fn("abc", metadata=meta)
    assert [m["intensity"] for m in meta] == [25.0, 100.0]


def test_whitespace_set():
    out = T.insert_whitespace_chars("abcdefghij", vary_chars=True, seed=0)
    assert _count(out, WHITESPACE_CHARS) == 9


def _rebuild(text, edits):
    """Apply recorded edits to the source and check their new offsets against the output."""
    parts, last = [], 0
    for ed in edits:
        assert text[ed["start"]:ed["end"]] == ed["old"]
        parts += [text[last:ed["start"]], ed["new"]]
        last = ed["end"]
    return "".join(parts + [text[last:]])


@pytest.mark.parametrize("fn", [T.insert_punctuation_chars, T.insert_whitespace_chars, T.insert_zero_width_chars])
def test_default_call_records_whole_stretches_and_spans_get_word_edits(fn):
    from multiaug.core import Tracker

    docs = ["The cat sat.", "see https://ex.com/x and @bob now", "two\nlines", "e\u0301 cafe\u0301 ok", "x", ""]
    tracker = Tracker()
    outs = fn(docs, seed=4, metadata=tracker)
    edits = tracker[0]["info"]["edits"]
    # a plain one-line document is one whole-line edit; protected tokens split it into stretches around them
    assert len(edits[0]) == 1 and edits[0][0]["start"] == 0 and edits[0][0]["end"] == len(docs[0])
    assert [ed["old"] for ed in edits[1]] == ["see ", " and ", " now"]
    assert len(edits[2]) == 1 and edits[4] == [] and edits[5] == []
    for doc, out, eds in zip(docs, outs, edits):
        assert _rebuild(doc, eds) == out
        for ed in eds:
            assert out[ed["new_start"]:ed["new_end"]] == ed["new"]
    # the same call with spans records word-level edits (same output), so a span keeps covering its word
    spans = [[(4, 7, "ANIMAL")], [(25, 29, "USER")], [], [], [], []]
    outs2, moved = fn(docs, seed=4, spans=spans, return_spans=True)
    assert outs2 == outs
    piece = outs[0][1:outs[0].index("h")]  # "T" + piece + "h" ...
    assert outs[0] == piece.join(docs[0])
    assert outs[0][moved[0][0][0]:moved[0][0][1]] == piece.join("cat")
    assert outs[1][moved[1][0][0]:moved[1][0][1]] == "@bob"


@pytest.mark.parametrize("cadence", [1.0, 1.5, 2.5, 3, 7.0])
@pytest.mark.parametrize("vary", [False, True])
@pytest.mark.parametrize("granularity", ["all", "word"])
def test_coarse_records_give_the_same_text_as_word_edits(cadence, vary, granularity):
    """Without spans= documents take the coarse paths; with spans= the word/gap path: same draws, same text,
    and the coarse records rebuild the output."""
    from multiaug.core import Tracker

    docs = ["The quick brown fox, again and again.", "hi @bob #tag https://x.co/a ok", "e\u0301 cafe\u0301 👍🏽 x",
            "two\nlines here", "ab", "a", ""] * 3
    tracker = Tracker()
    kw = {"cadence": cadence, "vary_chars": vary, "granularity": granularity, "seed": 11}
    coarse = T.insert_punctuation_chars(docs, metadata=tracker, **kw)
    fine = T.insert_punctuation_chars(docs, spans=[[] for _ in docs], **kw)
    assert coarse == fine
    for doc, out, eds in zip(docs, coarse, tracker[0]["info"]["edits"]):
        assert _rebuild(doc, eds) == out


def test_insert_chars_puts_the_given_strings_between_letters():
    import multiaug.text as txtaugs

    out = txtaugs.insert_chars("idiot loser", chars=["🔥", "💀"], granularity="word", cadence=2.0, vary_chars=False,
                               seed=3)
    assert out.replace("🔥", "").replace("💀", "") == "idiot loser" and out != "idiot loser"
    assert out.split(" ")[0] in ("id🔥io🔥t", "id💀io💀t")
