"""AugLy parity: names, parameter names, defaults and positional order of the 20 text functions."""

from __future__ import annotations

import inspect

import pytest

import multiaug.text as T

_R = inspect.Parameter.empty
# (name, [(param, default)]) in AugLy's positional order, after `texts` and up to `metadata` (AUGLY_REFERENCE §3)
AUGLY = {
    "apply_lambda": [("aug_function", None), ("metadata", None)],
    "change_case": [("granularity", "word"), ("cadence", 1.0), ("case", "random"), ("seed", 10), ("metadata", None)],
    "contractions": [("aug_p", 0.3), ("mapping", None), ("max_contraction_length", 2), ("seed", 10),
                     ("metadata", None)],
    "encode_text": [("aug_min", _R), ("aug_max", _R), ("aug_p", _R), ("granularity", _R), ("encoder", _R), ("n", 1),
                    ("p", 1.0), ("metadata", None)],
    "get_baseline": [("metadata", None)],
    "insert_punctuation_chars": [("granularity", "all"), ("cadence", 1.0), ("vary_chars", False), ("metadata", None)],
    "insert_text": [("insert_text", _R), ("num_insertions", 1), ("insertion_location", "random"), ("seed", 10),
                    ("metadata", None)],
    "insert_whitespace_chars": [("granularity", "all"), ("cadence", 1.0), ("vary_chars", False), ("metadata", None)],
    "insert_zero_width_chars": [("granularity", "all"), ("cadence", 1.0), ("vary_chars", False), ("metadata", None)],
    "merge_words": [("aug_word_p", 0.3), ("min_char", 2), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1),
                    ("priority_words", None), ("metadata", None)],
    "replace_bidirectional": [("granularity", "all"), ("split_word", False), ("metadata", None)],
    "replace_fun_fonts": [("aug_p", 0.3), ("aug_min", 1), ("aug_max", 10000), ("granularity", "all"),
                          ("vary_fonts", False), ("fonts_path", None), ("n", 1), ("priority_words", None),
                          ("metadata", None)],
    "replace_similar_chars": [("aug_char_p", 0.3), ("aug_word_p", 0.3), ("min_char", 2), ("aug_char_min", 1),
                              ("aug_char_max", 1000), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1),
                              ("mapping_path", None), ("priority_words", None), ("metadata", None)],
    "replace_similar_unicode_chars": [("aug_char_p", 0.3), ("aug_word_p", 0.3), ("min_char", 2),
                                      ("aug_char_min", 1), ("aug_char_max", 1000), ("aug_word_min", 1),
                                      ("aug_word_max", 1000), ("n", 1), ("mapping_path", None),
                                      ("priority_words", None), ("metadata", None)],
    "replace_text": [("replace_text", _R), ("metadata", None)],
    "replace_upside_down": [("aug_p", 0.3), ("aug_min", 1), ("aug_max", 1000), ("granularity", "all"), ("n", 1),
                            ("metadata", None)],
    "replace_words": [("aug_word_p", 0.3), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1), ("mapping", None),
                      ("priority_words", None), ("ignore_words", None), ("metadata", None)],
    "simulate_typos": [("aug_char_p", 0.3), ("aug_word_p", 0.3), ("min_char", 2), ("aug_char_min", 1),
                       ("aug_char_max", 1), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1),
                       ("typo_type", "all"), ("misspelling_dict_path", None), ("max_typo_length", 1),
                       ("priority_words", None), ("metadata", None)],
    "split_words": [("aug_word_p", 0.3), ("min_char", 4), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1),
                    ("priority_words", None), ("metadata", None)],
    "swap_gendered_words": [("aug_word_p", 0.3), ("aug_word_min", 1), ("aug_word_max", 1000), ("n", 1),
                            ("mapping", None), ("priority_words", None), ("ignore_words", None), ("metadata", None)],
}
# parameters whose AugLy default is a path to AugLy's own asset: multiaug's None means "the shipped table"
PATH_DEFAULTS = {("contractions", "mapping"), ("swap_gendered_words", "mapping"), ("replace_fun_fonts", "fonts_path"),
                 ("replace_similar_unicode_chars", "mapping_path"), ("simulate_typos", "misspelling_dict_path")}


@pytest.mark.parametrize("name", sorted(AUGLY))
def test_positional_order_and_defaults(name):
    params = list(inspect.signature(getattr(T, name)).parameters.values())
    assert params[0].name == "texts"
    expected = AUGLY[name]
    got = params[1:1 + len(expected)]
    assert [p.name for p in got] == [n for n, _ in expected]
    for p, (pname, default) in zip(got, expected):
        if pname == "aug_function":
            assert p.default.__name__ == "identity_function"
        elif (name, pname) not in PATH_DEFAULTS:
            assert p.default == default or (p.default is _R and default is _R), (name, pname, p.default)
    # anything multiaug adds comes after metadata: seed (where AugLy had none), then keyword-only extensions
    extra = [p.name for p in params[1 + len(expected):] if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert set(extra) <= {"seed"}
    # protect and the modality's options (spans, return_spans) are keyword-only: no positional call can reach them
    assert {p.name for p in params if p.kind is p.KEYWORD_ONLY} - {"protect"} == {"spans", "return_spans"}


def test_classes_exist_with_augly_names():
    for name in AUGLY:
        cls = "EncodeTextTransform" if name == "encode_text" else "".join(w.title() for w in name.split("_"))
        assert hasattr(T, cls), cls
