"""Emoji: insert random emoji, or replace words by their emoji ("fire" → 🔥)."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..engine.draws import Draws, select_words, word_set
from ..engine.insertions import plan_piece_insertions
from ..engine.plan import run_docs
from ..engine.splice import Edit, apply_plan
from ..engine.tokenize import Doc
from ..modality import TEXT
from ..resources.tables import asset_json
from .parameters import Count, Prob, Protect, WordList, insertion_cost, insertion_count_intensity, replace_word_intensity


@functools.lru_cache(maxsize=1)
def emoji_pool() -> tuple[str, ...]:
    """Fully-qualified emoji from the ``emoji`` package (sorted, so draws are stable across runs)."""
    import emoji as _emoji  # lazy: the emoji package costs ~40 ms to import and only insert_emoji needs it

    fq = _emoji.STATUS["fully_qualified"]
    return tuple(sorted(e for e, d in _emoji.EMOJI_DATA.items() if d.get("status") == fq))


@augmentation(TEXT, intensity=insertion_count_intensity, cost=insertion_cost("emojis"))
def insert_emoji(
    texts: str | list[str],
    num_insertions: Annotated[int, Range(1, None), Unit("insertions")] = 1,
    emojis: WordList = None,
    insertion_location: Literal["prepend", "append", "random"] = "random",
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Any:
    """Insert random emoji at the start, the end, or before random words (separated by a space).

    Args:
        texts: a str or a list of str.
        num_insertions: how many emoji to insert per document (>= 1).
        emojis: the emoji to draw from; None = every fully-qualified emoji of the ``emoji`` package.
        insertion_location: "prepend", "append" or "random".
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
    """
    pool = tuple(emojis) if emojis else emoji_pool()
    plan = plan_piece_insertions(texts, pool, num_insertions, insertion_location, Draws(seed), "insert_emoji")
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=replace_word_intensity)
def replace_words_with_emoji(
    texts: str | list[str],
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    mode: Literal["replace", "append"] = "replace",
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace words that name an emoji by that emoji ("fire" → 🔥), or append it ("fire 🔥").

    Uses the shipped word → emoji table (assets/text/emoji_words.json, 890 words from the ``emoji``
    package's names and aliases).

    Args:
        texts: a str or a list of str.
        aug_word_p: share of the emoji-named words changed, in [0, 1].
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        mode: "replace" (the word becomes the emoji) or "append" (the emoji follows the word).
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never changed.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = asset_json("emoji_words.json")
    draws = Draws(seed)
    prio, ignore = word_set(priority_words), word_set(ignore_words)

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, aug_word_p, aug_word_min, aug_word_max, priority=prio, ignore=ignore,
                              vocab=table):
            s, e = doc.words[i]
            em = table[doc.text[s:e].lower()]
            if mode == "replace":
                out.append((s, e, em, "emoji"))
            else:
                out.append((e, e, " " + em, "emoji"))
        return out

    return run_docs(texts, protect, edits)
