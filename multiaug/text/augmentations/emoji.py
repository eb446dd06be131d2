"""Emoji: insert random emoji, or replace words by their emoji ("fire" → 🔥)."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..engine.draws import Draws, select_words, word_set
from ..engine.insertions import plan_piece_insertions
from ..engine.plan import drawn_plan, plan_docs
from ..engine.splice import Edit, apply_plan
from ..engine.tokenize import Doc
from ..modality import TEXT, PlanArg, Texts
from ..resources.tables import asset_json
from .parameters import (
    Count,
    Prob,
    Protect,
    WordList,
    insertion_cost,
    insertion_count_intensity,
    replace_word_intensity,
    shared_docs,
)


@functools.lru_cache(maxsize=1)
def emoji_pool() -> tuple[str, ...]:
    """Fully-qualified emoji from the ``emoji`` package (sorted, so draws are stable across runs)."""
    import emoji as _emoji  # lazy: the emoji package costs ~40 ms to import and only insert_emoji needs it

    fq = _emoji.STATUS["fully_qualified"]
    return tuple(sorted(e for e, d in _emoji.EMOJI_DATA.items() if d.get("status") == fq))


def _draw_insert_emoji(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: ``num_insertions`` emoji (with replacement), then each one's place ("random")."""
    pool = tuple(params["emojis"]) if params["emojis"] else emoji_pool()
    return drawn_plan(plan_piece_insertions(texts, pool, params["num_insertions"], params["insertion_location"],
                                            Draws(rng), "insert_emoji"))


@augmentation(TEXT, intensity=insertion_count_intensity, cost=insertion_cost("emojis"), draw=_draw_insert_emoji)
def insert_emoji(
    texts: Texts,
    num_insertions: Annotated[int, Range(1, None), Unit("insertions")] = 1,
    emojis: WordList = None,
    insertion_location: Literal["prepend", "append", "random"] = "random",
    *,
    plan: PlanArg,
) -> Out:
    """Insert random emoji at the start, the end, or before random words (separated by a space).

    Args:
        num_insertions: how many emoji to insert per document (>= 1).
        emojis: the emoji to draw from; None = every fully-qualified emoji of the ``emoji`` package.
        insertion_location: "prepend", "append" or "random".
    """
    return apply_plan(texts, plan)


def _draw_emoji_words(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the emoji-named words changed (priority words first)."""
    table = asset_json("emoji_words.json")
    draws = Draws(rng)
    prio, ignore = word_set(params["priority_words"]), word_set(params["ignore_words"])
    p, lo, hi, append = params["aug_word_p"], params["aug_word_min"], params["aug_word_max"], params["mode"] == "append"

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, p, lo, hi, priority=prio, ignore=ignore, vocab=table):
            s, e = doc.words[i]
            em = table[doc.text[s:e].lower()]
            out.append((e, e, " " + em, "emoji") if append else (s, e, em, "emoji"))
        return out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=replace_word_intensity, draw=_draw_emoji_words)
@shared_docs
def replace_words_with_emoji(
    texts: Texts,
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    mode: Literal["replace", "append"] = "replace",
    priority_words: WordList = None,
    ignore_words: WordList = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace words that name an emoji by that emoji ("fire" → 🔥), or append it ("fire 🔥").

    Uses the shipped word → emoji table (assets/text/emoji_words.json, 890 words from the ``emoji``
    package's names and aliases).

    Args:
        aug_word_p: share of the emoji-named words changed, in [0, 1].
        mode: "replace" (the word becomes the emoji) or "append" (the emoji follows the word).
    """
    return apply_plan(texts, plan)
