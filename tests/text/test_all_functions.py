"""Properties every registered text augmentation must have: format preservation, grapheme safety on
mixed scripts, str/list symmetry, empty/None/bad inputs, span re-alignment through the public API."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import multiaug.text as T
from multiaug.assets import asset_path
from multiaug.core import InvalidParameterError, Tracker, UnsupportedInputError
from multiaug.core.registry import entries
from multiaug.text.engine.graphemes import graphemes

ENTRIES = entries("text")
IDS = [e.name for e in ENTRIES]
SAMPLE = asset_path("text", "sample.txt").read_text(encoding="utf-8") + (
    "He is the king and she is not; I am on fire.\n")

#: strong settings so that every function actually edits something
STRONG = {
    "aug_p": 0.9, "aug_word_p": 0.9, "aug_char_p": 0.9, "aug_word_max": 1000, "aug_max": 1000,
    "granularity": "word", "cadence": 2.0,
}
#: functions that rewrite the whole document by design (no format preservation claim)
WHOLE_DOC = {"replace_text", "apply_lambda"}
#: functions that may insert whitespace / line breaks or remove inter-word whitespace by design
WHITESPACE_CHANGERS = {"insert_whitespace_chars", "merge_words", "split_words", "random_word_edit", "insert_text",
                       "insert_emoji", "replace_words_with_emoji", "contractions", "replace_text", "apply_lambda"}
PROTECTED_TOKENS = ["@multiaug_bot", "#DataAugmentation", "https://example.com/docs?page=2#intro",
                    "👨\u200d👩\u200d👧", "👍🏽", "🎉", "❤️", "🙂"]


def kwargs_for(entry, **over):
    kw = dict(entry.example_params())
    for k, v in {**STRONG, **over}.items():
        try:
            spec = entry.param(k)
        except KeyError:
            continue
        if spec.choices is not None and v not in spec.choices:
            continue
        kw[k] = v
    if entry.random:
        kw.setdefault("seed", 5)
    return kw


@pytest.fixture(params=ENTRIES, ids=IDS)
def entry(request):
    return request.param


def test_all_augly_functions_and_extras_are_registered():
    augly = {"apply_lambda", "change_case", "contractions", "encode_text", "get_baseline", "insert_punctuation_chars",
             "insert_text", "insert_whitespace_chars", "insert_zero_width_chars", "merge_words",
             "replace_bidirectional", "replace_fun_fonts", "replace_similar_chars", "replace_similar_unicode_chars",
             "replace_text", "replace_upside_down", "replace_words", "simulate_typos", "split_words",
             "swap_gendered_words"}
    extras = {"keyboard_typos", "ocr_errors", "random_char_edit", "random_word_edit", "spelling_mistakes",
              "synonym_replacement", "insert_emoji", "replace_words_with_emoji", "replace_homoglyphs", "insert_chars"}
    assert {e.name for e in ENTRIES} == augly | extras
    assert T.EncodeTextTransform.__name__ == "EncodeTextTransform"


def test_format_preservation_on_sample(entry):
    tracker = Tracker()
    out = entry.public(SAMPLE, metadata=tracker, **kwargs_for(entry))
    assert isinstance(out, str)
    edits = tracker[0]["info"]["edits"][0]
    # the output is exactly the input with the recorded edits spliced in
    pos, rebuilt = 0, []
    for ed in edits:
        rebuilt.append(SAMPLE[pos:ed["start"]])
        rebuilt.append(ed["new"])
        pos = ed["end"]
    rebuilt.append(SAMPLE[pos:])
    assert "".join(rebuilt) == out
    if entry.name in WHOLE_DOC:
        return
    for tok in PROTECTED_TOKENS:
        assert out.count(tok) >= SAMPLE.count(tok), f"{entry.name} damaged {tok!r}"
    for ed in edits:
        for tok in ("https://example.com/docs?page=2#intro", "@multiaug_bot", "#DataAugmentation"):
            for m in re.finditer(re.escape(tok), SAMPLE):
                assert ed["end"] <= m.start() or ed["start"] >= m.end(), (entry.name, tok, ed)
        if entry.name not in WHITESPACE_CHANGERS:
            assert "\n" not in ed["old"] and "\t" not in ed["old"], (entry.name, ed)
    if entry.name not in WHITESPACE_CHANGERS:
        # same whitespace runs (tabs, double spaces, trailing spaces, blank lines), in any order within a line
        assert sorted(re.findall(r"\s+", out)) == sorted(re.findall(r"\s+", SAMPLE)), entry.name


def test_edits_happen(entry):
    if entry.name in ("get_baseline", "apply_lambda"):
        pytest.skip("identity by design")
    tracker = Tracker()
    entry.public(SAMPLE, metadata=tracker, **kwargs_for(entry))
    assert tracker[0]["info"]["edits"][0], f"{entry.name} changed nothing with strong settings"


def test_str_list_empty_and_bad_inputs(entry):
    kw = kwargs_for(entry)
    assert entry.public("", **kw) == ""
    assert entry.public(["", "  "], **kw)[0] == ""
    one = entry.public("Hello there, general Kenobi.", **kw)
    both = entry.public(["Hello there, general Kenobi."], **kw)
    assert isinstance(one, str) and isinstance(both, list) and len(both) == 1
    assert entry.public([], **kw) == []
    with pytest.raises(UnsupportedInputError):
        entry.public(None, **kw)
    with pytest.raises(UnsupportedInputError, match=r"item 1"):
        entry.public(["ok", 3], **kw)
    with pytest.raises(UnsupportedInputError):
        entry.public(42, **kw)


# --- mixed scripts ---------------------------------------------------------------------------------
ATOMS = ["a", "B", "z", "é", "e\u0301", "n\u0303", "Ж", "я", "ї", "ب", "س", "ة", "\u064e", "漢", "字", "か",
         "👨\u200d👩\u200d👧", "👍🏽", "🇫🇷", "❤️", "1\ufe0f\u20e3", "\u0915\u094d", "\u0937", "ก", "\u0e31",
         "'", "’", ".", ",", "!", "?", "-", "@", "#", "/", ":", "0", "7"]
SEPS = [" ", "  ", "\t", "\n", "\r\n"]


@st.composite
def mixed_text(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(ATOMS), st.sampled_from(SEPS)), min_size=0, max_size=30))
    # a combining mark / vowel sign must follow a base letter to be one cluster with it
    text, bounds = "", [0]
    for p in parts:
        if p in ("\u064e", "\u0e31") and (not text or not text[-1].isalpha()):
            p = "ب" + p if p == "\u064e" else "ก" + p
        if p == "\n" and text.endswith("\r"):
            p = " \n"
        text += p
        bounds.append(len(text))
    return text, set(bounds)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_mixed_scripts_never_crash_or_split_clusters(entry):
    kw = kwargs_for(entry)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])
    @given(mixed_text(), st.integers(0, 2**32 - 1))
    def check(case, seed):
        text, bounds = case
        if entry.random:
            kw["seed"] = seed
        defaults = dict(entry.example_params(), **({"seed": seed} if entry.random else {}))
        for args in (kw, defaults):
            tracker = Tracker()
            out = entry.public(text, metadata=tracker, **args)
            assert isinstance(out, str)
            if entry.name in WHOLE_DOC:
                continue
            for ed in tracker[0]["info"]["edits"][0]:
                assert ed["start"] in bounds and ed["end"] in bounds, (entry.name, text, ed)

    check()


# --- spans through the public API -------------------------------------------------------------------
def test_spans_follow_edits_through_functions_and_classes():
    text = "She said he is the best king in town."
    spans = [(0, 3, "PER"), (9, 11, "PER"), (24, 28, "ROLE")]
    out, moved = T.swap_gendered_words(text, aug_word_p=1.0, seed=1, spans=spans, return_spans=True)
    assert out == "He said she is the best queen in town."
    assert [out[s:e] for s, e, _ in moved] == ["He", "she", "queen"]
    assert [lab for *_, lab in moved] == ["PER", "PER", "ROLE"]
    # list input: one list of spans per document; classes and compositions carry them too
    pipe = T.Compose([T.SwapGenderedWords(aug_word_p=1.0), T.InsertText(["WOW"], insertion_location="prepend")])
    outs, moved2 = pipe([text, "no spans here"], spans=[spans, []], return_spans=True, seed=3)
    assert outs[0].startswith("WOW He said")
    assert [outs[0][s:e] for s, e, _ in moved2[0]] == ["He", "she", "queen"] and moved2[1] == []


def test_spans_recorded_and_replayed():
    text = "The quick brown fox jumps over the lazy dog"
    tracker = Tracker()
    out, moved = T.simulate_typos(text, aug_word_p=0.5, seed=4, metadata=tracker, spans=[(4, 19, "X")],
                                  return_spans=True)
    rec = tracker[0]
    assert rec["src_spans"] == [[[4, 19, "X"]]] and rec["dst_spans"] == [[list(moved[0])]]
    again, moved_again = tracker.replay(text, spans=[(4, 19, "X")], return_spans=True)
    assert again == out and moved_again == moved


def test_span_validation():
    with pytest.raises(InvalidParameterError, match="spans"):
        T.change_case("abc", spans=[(0, 9)])
    with pytest.raises(InvalidParameterError, match="spans"):
        T.change_case(["abc", "d"], spans=[(0, 1)])
    with pytest.raises(InvalidParameterError, match="return_spans"):
        T.change_case("abc", return_spans=True)
    # a span ending inside an edited word is pulled out to the end of that word
    out, sp = T.change_case("abc de", case="upper", spans=[(0, 2), (4, 6, "b")], return_spans=True)
    assert out == "ABC DE" and sp == [(0, 3, None), (4, 6, "b")]


def test_protect_regex():
    text = "Call ACME Corp now, ACME Corp is great"
    out = T.change_case(text, case="lower", granularity="all", protect=r"ACME Corp")
    assert out == "call ACME Corp now, ACME Corp is great"
    with pytest.raises(InvalidParameterError, match="protect"):
        T.change_case(text, protect="(unclosed")


def test_bad_choice_lists_allowed_values():
    with pytest.raises(InvalidParameterError, match=r"'typo_type'.*'all', 'charmix', 'keyboard', 'misspelling'"):
        T.simulate_typos("abc", typo_type="phonetic")
    with pytest.raises(InvalidParameterError, match=r"'language'.*'de'.*'uk'"):
        T.keyboard_typos("abc", language="xx")
    with pytest.raises(InvalidParameterError, match=r"'n'.*\[1, 1\]"):
        T.merge_words("abc", n=2)
    with pytest.raises(InvalidParameterError, match=r"aug_word_p.*\[0, 1\]"):
        T.merge_words("abc", aug_word_p=1.5)
    with pytest.raises(InvalidParameterError, match=r"aug_word_min"):
        T.merge_words("abc", aug_word_min=-1)


def test_import_does_not_pull_nlpaug_augmenters():
    code = ("import sys, multiaug.text as t; t.simulate_typos('hello world', typo_type='all', seed=1); "
            "t.keyboard_typos('hello there', seed=1); t.ocr_errors('hello there', seed=1); "
            "bad = [m for m in sys.modules if m.startswith('nlpaug') or m in ('pandas', 'requests')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_graphemes_of_sample_survive_every_function(entry):
    """Every emoji/combining cluster of the sample is either untouched or replaced as a whole."""
    tracker = Tracker()
    entry.public(SAMPLE, metadata=tracker, **kwargs_for(entry))
    if entry.name in WHOLE_DOC:
        return
    bounds = {0}
    pos = 0
    for g in graphemes(SAMPLE):
        pos += len(g)
        bounds.add(pos)
    for ed in tracker[0]["info"]["edits"][0]:
        assert ed["start"] in bounds and ed["end"] in bounds


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_word_spans_follow_every_function(entry):
    """Random word-aligned spans on the sample: each returned span is the original region with the edits
    inside it applied; an edit straddling a span edge is fully inside the returned span."""
    from multiaug.text.engine.splice import apply_edits
    from multiaug.text.engine.tokenize import tokenize

    words = tokenize(SAMPLE).words

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])
    @given(st.lists(st.tuples(st.integers(0, len(words) - 1), st.integers(0, 3)), min_size=1, max_size=5),
           st.integers(0, 2**32 - 1))
    def check(picks, seed):
        spans = [(words[i][0], words[min(i + k, len(words) - 1)][1], f"L{n}") for n, (i, k) in enumerate(picks)]
        kw = kwargs_for(entry)
        if entry.random:
            kw["seed"] = seed
        tracker = Tracker()
        out, moved = entry.public(SAMPLE, metadata=tracker, spans=spans, return_spans=True, **kw)
        edits = tracker[0]["info"]["edits"][0]
        assert [m[2] for m in moved] == [s[2] for s in spans]
        for (s, e, _), (ns, ne, _) in zip(spans, moved):
            assert 0 <= ns <= ne <= len(out)
            straddling = [ed for ed in edits if ed["start"] < s < ed["end"] or ed["start"] < e < ed["end"]]
            if straddling:
                for ed in straddling:
                    assert ns <= ed["new_start"] or ed["start"] >= s
                    assert ne >= ed["new_end"] or ed["end"] <= e
                continue
            inner = [(ed["start"], ed["end"], ed["new"], ed["op"]) for ed in edits
                     if s <= ed["start"] and ed["end"] <= e and not (ed["start"] == ed["end"] and ed["start"] in (s, e))]
            region, _ = apply_edits(SAMPLE[s:e], [(a - s, b - s, new, op) for a, b, new, op in inner])
            assert out[ns:ne] == region, (entry.name, SAMPLE[s:e], out[ns:ne])

    check()
