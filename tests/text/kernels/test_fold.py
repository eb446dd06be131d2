"""Homoglyph folding (the readability proxy): look-alikes, fancy fonts and invisible characters fold away."""

from __future__ import annotations

import multiaug.text as txtaugs
from multiaug.measures.edit_distance import levenshtein as edit_distance
from multiaug.text.kernels.fold import fold_text
from multiaug.text.resources.folding import fold_homoglyphs, homoglyph_fold_table


def test_fold_text_on_a_hand_made_table():
    assert fold_text("Ιd\u200bіot", {"Ι": "I", "і": "i"}) == "idiot"        # Greek Iota, ZWSP, Cyrillic i
    assert fold_text("𝐢𝐝𝐢𝐨𝐭", {}) == "idiot"                                 # NFKC folds mathematical bold
    assert fold_text("a\u202eb", {}) == "ab"                                   # bidi override is Cf


def test_shipped_table_undoes_the_homoglyph_augmentations():
    text = "you are an idiot and a loser"
    table = homoglyph_fold_table()
    assert table["а"] == "a" and "a" not in table                              # Cyrillic a → a; ASCII untouched
    for seed in range(10):
        edited = txtaugs.replace_homoglyphs(text, aug_p=1.0, seed=seed)
        assert edited != text
        hidden = txtaugs.insert_zero_width_chars(edited, seed=seed)
        # a few look-alikes imitate several letters (U+01C0 looks like l, I and 1): at most those stay wrong
        assert edit_distance(fold_homoglyphs(hidden), text) <= 2 < edit_distance(hidden, text) // 4
