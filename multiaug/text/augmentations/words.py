"""Word-level augmentations: contractions, merge/split, word replacement, gendered swaps, synonyms,
random word delete/swap/crop. Only the chosen words (and, for merges, the gap) change."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Check, Range
from ..engine.draws import Draws, aug_count, choose, select_words, word_set
from ..engine.graphemes import graphemes
from ..engine.plan import drawn_plan, plan_docs
from ..engine.splice import Edit, apply_plan
from ..engine.tokenize import Doc
from ..kernels.case import match_case
from ..modality import TEXT, Metadata, PlanArg, Texts
from ..resources.tables import resolve_mapping, synonyms
from .parameters import (
    Count,
    MinChar,
    OneOutput,
    Prob,
    Protect,
    WordList,
    aug_p_intensity,
    replace_word_intensity,
    shared_docs,
)

_GAP_RE = re.compile(r"[ \t\u00a0]+")
_SPACE_RE = re.compile(r"\s*")


def _mapping_arg(v: Any) -> bool:
    return v is None or isinstance(v, (dict, str, os.PathLike))


MappingArg = Annotated[Any, Check(_mapping_arg, "must be None, a dict or a path to a JSON file")]


def _lower_keys(mapping: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in mapping.items()}


# --- contractions --------------------------------------------------------------------------------
def _contractions_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """aug_p * 100."""
    return params["aug_p"] * 100.0


def _draw_contractions(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: one draw per phrase found (in text order), contracted when it is below ``aug_p``."""
    table = _lower_keys(resolve_mapping(params["mapping"], "contractions.json", "mapping"))
    firsts = {k.split(" ", 1)[0] for k in table}
    draws = Draws(rng)
    aug_p, longest = params["aug_p"], params["max_contraction_length"]

    def edits(doc: Doc) -> list[Edit]:
        text, words = doc.text, doc.words
        out: list[Edit] = []
        i, n = 0, len(words)
        while i < n:
            hit = None
            if text[words[i][0]:words[i][1]].lower() in firsts:
                for length in range(min(longest, n - i), 1, -1):
                    if not all(_GAP_RE.fullmatch(text, words[k][1], words[k + 1][0]) for k in range(i, i + length - 1)):
                        continue
                    phrase = " ".join(text[s:e].lower() for s, e in words[i:i + length])
                    if phrase in table:
                        hit = (length, table[phrase])
                        break
            if hit is not None and draws.u() < aug_p:
                length, repl = hit
                s, e = words[i][0], words[i + length - 1][1]
                out.append((s, e, match_case(text[s:words[i][1]], str(repl)), "contraction"))
                i += length
            else:
                i += 1
        return out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=_contractions_intensity, draw=_draw_contractions, seed_default=10)
@shared_docs
def contractions(
    texts: Texts,
    aug_p: Prob = 0.3,
    mapping: MappingArg = None,
    max_contraction_length: Annotated[int, Range(2, None)] = 2,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Contract multi-word phrases ("he is" → "he's") with probability ``aug_p`` each.

    Phrases are consecutive words separated only by spaces/tabs; the longest phrase found at a word
    wins. The contraction takes the casing of the phrase's first word ("He is" → "He's").

    Args:
        aug_p: probability in [0, 1] that each phrase found is contracted.
        mapping: dict phrase → contraction, or a path to such a JSON file; None = the shipped table
            (assets/text/contractions.json, 131 phrases).
        max_contraction_length: longest phrase considered, in words (>= 2).
    """
    return apply_plan(texts, plan)


# --- merge / split -------------------------------------------------------------------------------
def _draw_merges(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the words merged with their right neighbour (priority words first)."""
    draws = Draws(rng)
    prio = word_set(params["priority_words"])
    min_char, p, lo, hi = params["min_char"], params["aug_word_p"], params["aug_word_min"], params["aug_word_max"]

    def edits(doc: Doc) -> list[Edit]:
        text, words = doc.text, doc.words
        cands, pr = [], []
        for i in range(len(words) - 1):
            s, e = words[i]
            if e - s < min_char:
                continue
            gap = text[e:words[i + 1][0]]
            if gap != " " and not _GAP_RE.fullmatch(gap):
                continue
            cands.append(i)
            if prio and text[s:e].lower() in prio:
                pr.append(i)
        chosen = choose(draws, cands, aug_count(len(cands), p, lo, hi), pr)
        return [(words[i][1], words[i + 1][0], "", "merge") for i in chosen]

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=replace_word_intensity, draw=_draw_merges)
@shared_docs
def merge_words(
    texts: Texts,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 2,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Remove the space between chosen words and the word that follows them ("the cat" → "thecat").

    Only spaces/tabs between two words are removed (never a newline or punctuation).

    Args:
        aug_word_p: share of eligible words merged with their right neighbour, in [0, 1].
        min_char: minimum length (characters) of a word to be merged.
        aug_word_min: minimum number of merges per document.
        aug_word_max: maximum number of merges per document.
    """
    return apply_plan(texts, plan)


def _draw_splits(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the words split (priority words first), then a cut point inside each."""
    draws = Draws(rng)
    prio = word_set(params["priority_words"])
    min_char, p, lo, hi = params["min_char"], params["aug_word_p"], params["aug_word_min"], params["aug_word_max"]

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, p, lo, hi, min_char=max(min_char, 2), priority=prio):
            s, e = doc.words[i]
            gs = graphemes(doc.text[s:e])
            if len(gs) < 2:
                continue
            cut = 1 + draws.below(len(gs) - 1)
            pos = s + sum(len(g) for g in gs[:cut])
            out.append((pos, pos, " ", "split"))
        return out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=replace_word_intensity, draw=_draw_splits)
@shared_docs
def split_words(
    texts: Texts,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 4,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Insert a space at a random point inside chosen words ("house" → "ho use"); never inside a grapheme.

    Args:
        aug_word_p: share of eligible words split, in [0, 1].
        min_char: minimum length (characters) of a word to be split.
    """
    return apply_plan(texts, plan)


# --- mapping-based replacement -----------------------------------------------------------------
def _replacing(table_of: Callable[[dict[str, Any]], dict[str, Any]], op: str, p: str = "aug_word_p",
               lo: str = "aug_word_min", hi: str = "aug_word_max") -> Callable[..., dict[str, Any]]:
    """The draw of a table replacement: per document the words in the table replaced (priority words first),
    then a replacement for each word whose entry is a list."""

    def draw(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
        table = table_of(params)
        draws = Draws(rng)
        prio, ignore = word_set(params["priority_words"]), word_set(params["ignore_words"])

        def edits(doc: Doc) -> list[Edit]:
            out: list[Edit] = []
            for i in select_words(doc, draws, params[p], params[lo], params[hi], priority=prio, ignore=ignore,
                                  vocab=table):
                s, e = doc.words[i]
                w = doc.text[s:e]
                repl = table[w.lower()]
                if isinstance(repl, (list, tuple)):
                    if not repl:
                        continue
                    repl = draws.pick(repl)
                out.append((s, e, match_case(w, str(repl)), op))
            return out

        return drawn_plan(plan_docs(texts, params["protect"], edits))

    return draw


def _replace_words_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if mapping is None, else 0 if aug_word_max == 0 else aug_word_p * 100."""
    return 0.0 if params["mapping"] is None else replace_word_intensity(params, facts)


@augmentation(TEXT, intensity=_replace_words_intensity,
              draw=_replacing(lambda params: _lower_keys(resolve_mapping(params["mapping"], None, "mapping")),
                              "replace_word"),
              example={"mapping": {"the": "a", "is": "was", "quick": "fast", "dog": "cat", "she": "they",
                                   "he": "they", "world": "planet", "day": "night"}})
@shared_docs
def replace_words(
    texts: Texts,
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping: MappingArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace words found in ``mapping`` (case-insensitive keys; the casing of the word is kept).

    Args:
        aug_word_p: share of the mapped words replaced, in [0, 1].
        mapping: dict word → replacement (str, or a list to draw from), or a path to such a JSON
            file; None = no replacement.
    """
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=replace_word_intensity,
              draw=_replacing(lambda params: _lower_keys(resolve_mapping(params["mapping"], "gendered_words.json",
                                                                         "mapping")), "gender_swap"))
@shared_docs
def swap_gendered_words(
    texts: Texts,
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping: MappingArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Swap gendered words for their counterparts ("he" ↔ "she", "actress" → "actor").

    Args:
        aug_word_p: share of the gendered words swapped, in [0, 1].
        mapping: dict word → counterpart, or a path to such a JSON file; None = the shipped table
            (assets/text/gendered_words.json, 486 entries, both directions).
    """
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=aug_p_intensity,
              draw=_replacing(lambda params: synonyms(), "synonym", "aug_p", "aug_min", "aug_max"))
@shared_docs
def synonym_replacement(
    texts: Texts,
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace words by a WordNet synonym (shipped table, no download; casing kept).

    Args:
        aug_p: share of the words that have synonyms replaced, in [0, 1].
    """
    return apply_plan(texts, plan)


# --- random word delete / swap / crop -----------------------------------------------------------
def _delete_range(text: str, s: int, e: int) -> tuple[int, int]:
    """Extend [s, e) over the following whitespace, or the preceding one at the end of a line."""
    m = _SPACE_RE.match(text, e)
    end = m.end() if m else e
    if end > e and "\n" not in text[e:end]:
        return s, end
    k = s
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k, e


def _draw_word_edits(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the words deleted or swapped, or the start of the cropped run ("crop")."""
    draws = Draws(rng)
    ignore = word_set(params["ignore_words"])
    action, p, lo, hi = params["action"], params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        text, words = doc.text, doc.words
        if action == "crop":
            cnt = aug_count(len(words), p, lo, hi)
            if cnt == 0:
                return []
            i = draws.below(len(words) - cnt + 1)
            return [(*_delete_range(text, words[i][0], words[i + cnt - 1][1]), "", "crop")]
        chosen = select_words(doc, draws, p, lo, hi, ignore=ignore)
        out: list[Edit] = []
        if action == "delete":
            last = -1
            for i in chosen:
                s, e = _delete_range(text, *words[i])
                out.append((max(s, last), e, "", "delete"))
                last = e
            return out
        used: set[int] = set()
        for i in chosen:
            j = i + 1
            if j >= len(words) or i in used or j in used or text[words[j][0]:words[j][1]].lower() in ignore:
                continue
            used.update((i, j))
            (a, b), (c, d) = words[i], words[j]
            out += [(a, b, text[c:d], "swap"), (c, d, text[a:b], "swap")]
        return out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=aug_p_intensity, draw=_draw_word_edits)
@shared_docs
def random_word_edit(
    texts: Texts,
    action: Literal["delete", "swap", "crop"] = "delete",
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    ignore_words: WordList = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Randomly delete words, swap words with their right neighbour, or crop a run of words (nlpaug's
    RandomWordAug actions, format-preserving).

    Args:
        action: "delete" (each chosen word and its following space), "swap" (chosen word ↔ next word)
            or "crop" (one contiguous run of ``count`` words).
        aug_p: share of words affected, in [0, 1].
        ignore_words: words (case-insensitive) never deleted or moved.
    """
    return apply_plan(texts, plan)
