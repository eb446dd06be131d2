"""The edit engine: graphemes, tokenisation, byte-identical splicing, span re-alignment (property tests)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multiaug.text._edits import (
    Draws,
    apply_edits,
    aug_count,
    choose,
    grapheme_bounds,
    graphemes,
    realign_spans,
    tokenize,
)


@pytest.mark.parametrize("text, clusters", [
    ("cafe\u0301", ["c", "a", "f", "e\u0301"]),
    ("👨\u200d👩\u200d👧!", ["👨\u200d👩\u200d👧", "!"]),
    ("🇫🇷🇩🇪🇮", ["🇫🇷", "🇩🇪", "🇮"]),
    ("👍🏽a", ["👍🏽", "a"]),
    ("1\ufe0f\u20e3x", ["1\ufe0f\u20e3", "x"]),
    ("a\r\nb", ["a", "\r\n", "b"]),
    ("\u1100\u1161\u11a8", ["\u1100\u1161\u11a8"]),
    ("a\u200db", ["a\u200d", "b"]),  # ZWJ joins only pictographs
    ("❤️🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", ["❤️", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"]),
])
def test_graphemes(text, clusters):
    assert graphemes(text) == clusters
    assert "".join(graphemes(text)) == text


def test_tokenize_words_and_protected():
    text = "Hi @bob, see https://ex.com/a?b=1. #tag don't e-mail me@x.org café\u0301!"
    doc = tokenize(text)
    words = [text[s:e] for s, e in doc.words]
    assert words == ["Hi", "see", "don't", "e", "mail", "café\u0301"]
    prot = [text[s:e] for s, e in doc.protected]
    assert prot == ["@bob", "https://ex.com/a?b=1", "#tag", "me@x.org"]
    doc2 = tokenize(text, protect=r"don't|mail")
    assert [text[s:e] for s, e in doc2.words] == ["Hi", "see", "e", "café\u0301"]


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


def test_span_edges():
    text = "one two three"
    new, recs = apply_edits(text, [(3, 3, "++", "ins"), (4, 7, "TWO!", "rep"), (7, 7, "--", "ins")])
    assert new == "one++ TWO!-- three"
    # span over "two" keeps covering the edited word, not the insertions at its edges
    assert realign_spans([(4, 7, "w")], recs) == [(6, 10, "w")]
    # a span whose end falls inside an edit is pulled out to the edit's end
    new2, recs2 = apply_edits(text, [(2, 6, "E-T", "x")])
    (s, e, _), = realign_spans([(0, 3, "a")], recs2)
    assert new2[s:e] == "onE-T"


def test_draws_and_counts():
    d1, d2 = Draws(np.random.default_rng(3)), Draws(np.random.default_rng(3))
    assert [d1.u() for _ in range(700)] == [d2.u() for _ in range(700)]
    picked = d1.sample(list(range(100)), 10)
    assert len(set(picked)) == 10
    assert aug_count(10, 0.3, 1, 1000) == 3 and aug_count(10, 0.3, 5, 1000) == 5 and aug_count(10, 0.3, 1, 2) == 2
    assert aug_count(10, 0.0, 1, 10) == 0 and aug_count(0, 1.0, 1, 10) == 0 and aug_count(3, 1.0, 5, 10) == 3
    assert choose(d1, [1, 2, 3, 4], 2, priority=[4]) [-1] == 4


# --- properties -------------------------------------------------------------------------------
_WORDS = st.sampled_from(["cat", "Dog", "naïve", "e\u0301t\u00e9", "Привет", "مرحبا", "漢字", "don't", "x1"])
_SEPS = st.sampled_from([" ", "  ", "\t", "\n", ", ", " 👍🏽 ", " — ", "\r\n"])


@st.composite
def doc_with_edits(draw):
    n = draw(st.integers(1, 8))
    words = [draw(_WORDS) for _ in range(n)]
    seps = [draw(_SEPS) for _ in range(n + 1)]
    text, spans = seps[0], []
    for w, s in zip(words, seps[1:]):
        spans.append((len(text), len(text) + len(w)))
        text += w + s
    edits = []
    for a, b in spans:
        kind = draw(st.sampled_from(["keep", "keep", "replace", "delete", "insert_before", "insert_after"]))
        if kind == "replace":
            edits.append((a, b, draw(st.text(min_size=1, max_size=5)), "rep"))
        elif kind == "delete":
            edits.append((a, b, "", "del"))
        elif kind == "insert_before":
            edits.append((a, a, draw(st.text(min_size=1, max_size=3)), "ins"))
        elif kind == "insert_after":
            edits.append((b, b, draw(st.text(min_size=1, max_size=3)), "ins"))
    i = draw(st.integers(0, n - 1))
    j = draw(st.integers(i, n - 1))
    return text, spans, edits, (i, j)


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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_with_edits())
def test_spans_cover_the_same_words(case):
    text, words, edits, (i, j) = case
    new, recs = apply_edits(text, edits)
    s, e = words[i][0], words[j][1]
    (ns, ne, label), = realign_spans([(s, e, "ENT")], recs)
    assert label == "ENT"
    # expected: the region's own text with the edits that fall inside it (insertions at the edges stay out)
    inner = [ed for ed in edits if s <= ed[0] and ed[1] <= e and not (ed[0] == ed[1] and ed[0] in (s, e))]
    expected, _ = apply_edits(text, inner)
    expected = expected[s:len(expected) - (len(text) - e)]
    assert new[ns:ne] == expected


def test_grapheme_bounds_ascii_fast_path_matches():
    for text in ["abc", "a\r\nb", "", "x y\tz"]:
        slow = [0]
        pos = 0
        for g in graphemes(text):
            pos += len(g)
            slow.append(pos)
        assert grapheme_bounds(text) == (slow if text else [0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_with_edits(), st.data())
def test_coalesced_insertions_equal_single_insertions(case, data):
    from multiaug.text._edits import coalesce_insertions, grapheme_bounds

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


def test_protected_tokens_never_cut_a_cluster():
    # "@e" + combining acute: the mention regex stops before the mark; the token is widened over it
    assert tokenize("@e\u0301 x").protected == [(0, 3)]
    assert tokenize("see #tag\u0301s now", protect=r"now").protected == [(4, 10), (11, 14)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab c\u0301", max_size=20), st.text(alphabet="ab c\u0301", max_size=20))
def test_diff_edits_rebuild_the_new_text(old, new):
    from multiaug.text._edits import diff_edits

    assert apply_edits(old, diff_edits(old, new, "d"))[0] == new


def test_diff_edits_huge_inputs_stay_fast():
    from multiaug.text._edits import diff_edits

    old = "word " * 20000
    edits = diff_edits(old, old.upper(), "d")
    assert len(edits) == 1 and apply_edits(old, edits)[0] == old.upper()


def test_draws_stream_is_the_generator_blocks_and_take_matches_u():
    import numpy as np

    from multiaug.text._edits import Draws

    d = Draws(np.random.default_rng(3))
    seq = [d.u() for _ in range(700)]  # crosses a 512-float block boundary
    ref = np.random.default_rng(3).random(1024).tolist()
    assert seq == ref[:700]
    a, b = Draws(np.random.default_rng(9)), Draws(np.random.default_rng(9))
    assert a.take(600) + [a.u()] == [b.u() for _ in range(601)]
    assert a.pick("xyz") in "xyz" and 0 <= a.below(5) < 5 and sorted(a.sample(range(10), 10)) == list(range(10))
