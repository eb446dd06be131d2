"""Word-level augmentations: contractions, merge/split, word replacement, gendered swaps, synonyms,
random word delete/swap/crop. Only the chosen words (and, for merges, the gap) change."""

from __future__ import annotations

import os
import re
from typing import Annotated, Any, Literal

from ...core.registry import augmentation
from ...core.spec import Check, Range
from ..engine.draws import Draws, aug_count, choose, select_words, word_set
from ..engine.graphemes import graphemes
from ..engine.plan import run_docs
from ..engine.splice import Edit
from ..engine.tokenize import Doc
from ..kernels.case import match_case
from ..modality import TEXT
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


@augmentation(TEXT, intensity=_contractions_intensity)
def contractions(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    mapping: MappingArg = None,
    max_contraction_length: Annotated[int, Range(2, None)] = 2,
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Contract multi-word phrases ("he is" → "he's") with probability ``aug_p`` each.

    Phrases are consecutive words separated only by spaces/tabs; the longest phrase found at a word
    wins. The contraction takes the casing of the phrase's first word ("He is" → "He's").

    Args:
        texts: a str or a list of str.
        aug_p: probability in [0, 1] that each phrase found is contracted.
        mapping: dict phrase → contraction, or a path to such a JSON file; None = the shipped table
            (assets/text/contractions.json, 131 phrases).
        max_contraction_length: longest phrase considered, in words (>= 2).
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = _lower_keys(resolve_mapping(mapping, "contractions.json", "mapping"))
    firsts = {k.split(" ", 1)[0] for k in table}
    draws = Draws(seed)

    def edits(doc: Doc) -> list[Edit]:
        text, words = doc.text, doc.words
        out: list[Edit] = []
        i = 0
        n = len(words)
        while i < n:
            hit = None
            s0, e0 = words[i]
            if text[s0:e0].lower() not in firsts:
                i += 1
                continue
            for length in range(min(max_contraction_length, n - i), 1, -1):
                ok = all(_GAP_RE.fullmatch(text, words[k][1], words[k + 1][0]) for k in range(i, i + length - 1))
                if not ok:
                    continue
                phrase = " ".join(text[s:e].lower() for s, e in words[i:i + length])
                if phrase in table:
                    hit = (length, table[phrase])
                    break
            if hit is None:
                i += 1
                continue
            length, repl = hit
            if draws.u() < aug_p:
                s, e = words[i][0], words[i + length - 1][1]
                out.append((s, e, match_case(text[s:words[i][1]], str(repl)), "contraction"))
                i += length
            else:
                i += 1
        return out

    return run_docs(texts, protect, edits)


# --- merge / split -------------------------------------------------------------------------------
@augmentation(TEXT, intensity=replace_word_intensity)
def merge_words(
    texts: str | list[str],
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 2,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Remove the space between chosen words and the word that follows them ("the cat" → "thecat").

    Only spaces/tabs between two words are removed (never a newline or punctuation).

    Args:
        texts: a str or a list of str.
        aug_word_p: share of eligible words merged with their right neighbour, in [0, 1].
        min_char: minimum length (characters) of a word to be merged.
        aug_word_min: minimum number of merges per document.
        aug_word_max: maximum number of merges per document.
        n: number of outputs per input; must be 1 (str in → str out).
        priority_words: words (case-insensitive) chosen before any others.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    draws = Draws(seed)
    prio = word_set(priority_words)

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
        chosen = choose(draws, cands, aug_count(len(cands), aug_word_p, aug_word_min, aug_word_max), pr)
        return [(words[i][1], words[i + 1][0], "", "merge") for i in chosen]

    return run_docs(texts, protect, edits)


@augmentation(TEXT, intensity=replace_word_intensity)
def split_words(
    texts: str | list[str],
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 4,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Insert a space at a random point inside chosen words ("house" → "ho use"); never inside a grapheme.

    Args:
        texts: a str or a list of str.
        aug_word_p: share of eligible words split, in [0, 1].
        min_char: minimum length (characters) of a word to be split.
        aug_word_min: minimum number of words split per document.
        aug_word_max: maximum number of words split per document.
        n: number of outputs per input; must be 1 (str in → str out).
        priority_words: words (case-insensitive) chosen before any others.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    draws = Draws(seed)
    prio = word_set(priority_words)

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, aug_word_p, aug_word_min, aug_word_max, min_char=max(min_char, 2),
                              priority=prio):
            s, e = doc.words[i]
            gs = graphemes(doc.text[s:e])
            if len(gs) < 2:
                continue
            cut = 1 + draws.below(len(gs) - 1)
            pos = s + sum(len(g) for g in gs[:cut])
            out.append((pos, pos, " ", "split"))
        return out

    return run_docs(texts, protect, edits)


# --- mapping-based replacement -----------------------------------------------------------------
def _replace_from(texts: list[str], table: dict[str, Any], draws: Draws, p: float, lo: int, hi: int,
                  prio: frozenset[str], ignore: frozenset[str], op: str, protect: str | None) -> Any:
    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, p, lo, hi, priority=prio, ignore=ignore, vocab=table):
            s, e = doc.words[i]
            w = doc.text[s:e]
            repl = table[w.lower()]
            if isinstance(repl, (list, tuple)):
                if not repl:
                    continue
                repl = draws.pick(repl)
            out.append((s, e, match_case(w, str(repl)), op))
        return out

    return run_docs(texts, protect, edits)


def _replace_words_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if mapping is None, else 0 if aug_word_max == 0 else aug_word_p * 100."""
    return 0.0 if params["mapping"] is None else replace_word_intensity(params, facts)


@augmentation(TEXT, intensity=_replace_words_intensity,
              example={"mapping": {"the": "a", "is": "was", "quick": "fast", "dog": "cat", "she": "they",
                                   "he": "they", "world": "planet", "day": "night"}})
def replace_words(
    texts: str | list[str],
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping: MappingArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Replace words found in ``mapping`` (case-insensitive keys; the casing of the word is kept).

    Args:
        texts: a str or a list of str.
        aug_word_p: share of the mapped words replaced, in [0, 1].
        aug_word_min: minimum number of replacements per document.
        aug_word_max: maximum number of replacements per document.
        n: number of outputs per input; must be 1 (str in → str out).
        mapping: dict word → replacement (str, or a list to draw from), or a path to such a JSON
            file; None = no replacement.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never replaced.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = _lower_keys(resolve_mapping(mapping, None, "mapping"))
    return _replace_from(texts, table, Draws(seed), aug_word_p, aug_word_min, aug_word_max,
                         word_set(priority_words), word_set(ignore_words), "replace_word", protect)


@augmentation(TEXT, intensity=replace_word_intensity)
def swap_gendered_words(
    texts: str | list[str],
    aug_word_p: Prob = 0.3,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping: MappingArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Swap gendered words for their counterparts ("he" ↔ "she", "actress" → "actor").

    Args:
        texts: a str or a list of str.
        aug_word_p: share of the gendered words swapped, in [0, 1].
        aug_word_min: minimum number of swaps per document.
        aug_word_max: maximum number of swaps per document.
        n: number of outputs per input; must be 1 (str in → str out).
        mapping: dict word → counterpart, or a path to such a JSON file; None = the shipped table
            (assets/text/gendered_words.json, 486 entries, both directions).
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never swapped.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = _lower_keys(resolve_mapping(mapping, "gendered_words.json", "mapping"))
    return _replace_from(texts, table, Draws(seed), aug_word_p, aug_word_min, aug_word_max,
                         word_set(priority_words), word_set(ignore_words), "gender_swap", protect)


@augmentation(TEXT, intensity=aug_p_intensity)
def synonym_replacement(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace words by a WordNet synonym (shipped table, no download; casing kept).

    Args:
        texts: a str or a list of str.
        aug_p: share of the words that have synonyms replaced, in [0, 1].
        aug_min: minimum number of replacements per document.
        aug_max: maximum number of replacements per document.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never replaced.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    return _replace_from(texts, synonyms(), Draws(seed), aug_p, aug_min, aug_max, word_set(priority_words),
                         word_set(ignore_words), "synonym", protect)


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


@augmentation(TEXT, intensity=aug_p_intensity)
def random_word_edit(
    texts: str | list[str],
    action: Literal["delete", "swap", "crop"] = "delete",
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Randomly delete words, swap words with their right neighbour, or crop a run of words (nlpaug's
    RandomWordAug actions, format-preserving).

    Args:
        texts: a str or a list of str.
        action: "delete" (each chosen word and its following space), "swap" (chosen word ↔ next word)
            or "crop" (one contiguous run of ``count`` words).
        aug_p: share of words affected, in [0, 1].
        aug_min: minimum number of words affected per document.
        aug_max: maximum number of words affected per document.
        ignore_words: words (case-insensitive) never deleted or moved.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    draws = Draws(seed)
    ignore = word_set(ignore_words)

    def edits(doc: Doc) -> list[Edit]:
        text, words = doc.text, doc.words
        if action == "crop":
            cnt = aug_count(len(words), aug_p, aug_min, aug_max)
            if cnt == 0:
                return []
            i = draws.below(len(words) - cnt + 1)
            s, e = _delete_range(text, words[i][0], words[i + cnt - 1][1])
            return [(s, e, "", "crop")]
        chosen = select_words(doc, draws, aug_p, aug_min, aug_max, ignore=ignore)
        out: list[Edit] = []
        if action == "delete":
            last = -1
            for i in chosen:
                s, e = _delete_range(text, *words[i])
                s = max(s, last)
                out.append((s, e, "", "delete"))
                last = e
            return out
        used: set[int] = set()
        for i in chosen:
            j = i + 1
            if j >= len(words) or i in used or j in used or text[words[j][0]:words[j][1]].lower() in ignore:
                continue
            used.update((i, j))
            (a, b), (c, d) = words[i], words[j]
            out.append((a, b, text[c:d], "swap"))
            out.append((c, d, text[a:b], "swap"))
        return out

    return run_docs(texts, protect, edits)
