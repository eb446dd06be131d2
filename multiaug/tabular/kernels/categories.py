"""Category and boolean reconciliation between two columns (pure functions on lists of distinct values).

``"Fiber optic"`` / ``"fiber_optic"`` / ``"FIBER OPTIC"`` are one category spelled three ways; ``"Yes"``/``"No"``
and ``1``/``0`` are one boolean spelled two ways. These functions say which supplementary value becomes which
primary spelling; the caller applies the mapping and lists every entry in the report (nothing is coerced silently).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .._deps import rapidfuzz
from .evidence import bool_word, is_missing


def category_form(value: object) -> str:
    """Spelling-insensitive form of a category: accents, case, punctuation and blanks dropped
    (``"Fiber-Optic "`` → ``"fiberoptic"``)."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)


@dataclass(frozen=True)
class ValueChange:
    """Supplementary value ``source`` is written as ``target`` (a primary spelling); ``how`` is ``normalised``,
    ``fuzzy`` (similarity ``score`` 0–100) or ``boolean``."""

    source: object
    target: object
    how: str
    score: float = 100.0

    def to_json(self) -> dict[str, object]:
        return {"from": _plain(self.source), "to": _plain(self.target), "how": self.how, "score": self.score}


def _plain(v: object) -> object:
    if hasattr(v, "item") and callable(v.item):  # numpy scalar
        return v.item()
    return v


def category_changes(primary: Sequence[object], supplementary: Sequence[object], *,
                     threshold: float = 90.0) -> list[ValueChange]:
    """Map supplementary categories onto primary spellings.

    A supplementary value already present in ``primary`` is kept. Otherwise it maps to the primary value with the
    same :func:`category_form`; failing that, to the single primary value whose form is at least ``threshold``
    similar (rapidfuzz ratio, 0–100) — a tie between two primary values maps nothing. Unmapped values stay as they
    are (new categories).

    Args:
        primary: distinct primary values.
        supplementary: distinct supplementary values.
        threshold: minimum similarity in [0, 100] for a fuzzy spelling match.
    """

    fuzz = rapidfuzz().fuzz
    present = {v for v in primary if not is_missing(v)}
    forms: dict[str, list[object]] = {}
    for v in sorted(present, key=str):
        forms.setdefault(category_form(v), []).append(v)
    out: list[ValueChange] = []
    for v in sorted({v for v in supplementary if not is_missing(v)}, key=str):
        if v in present:
            continue
        form = category_form(v)
        same = forms.get(form)
        if same and len(same) == 1:
            out.append(ValueChange(v, same[0], "normalised"))
            continue
        if same or not form:
            continue
        scored = sorted(((fuzz.ratio(form, f), f) for f in forms), reverse=True)
        if scored and scored[0][0] >= threshold and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            target = forms[scored[0][1]]
            if len(target) == 1:
                out.append(ValueChange(v, target[0], "fuzzy", round(float(scored[0][0]), 2)))
    return out


def boolean_changes(primary: Sequence[object], supplementary: Sequence[object]) -> list[ValueChange] | None:
    """Map boolean-like supplementary values onto the primary's spelling of True / False.

    Returns None when either side is not boolean-like or the primary lacks one unambiguous spelling per truth
    value (e.g. both ``"Yes"`` and ``"Y"``: the caller then compares the columns as text)."""
    spell: dict[bool, object] = {}
    for v in primary:
        if is_missing(v):
            continue
        b = bool_word(v)
        if b is None or (b in spell and spell[b] != v):
            return None
        spell[b] = v
    out: list[ValueChange] = []
    for v in sorted({v for v in supplementary if not is_missing(v)}, key=str):
        b = bool_word(v)
        if b is None:
            return None
        if b not in spell:
            # the primary never shows this truth value: spell it like the primary's other value's type
            other = next(iter(spell.values()), None)
            spell[b] = _spell_like(other, b)
        if spell[b] != v or type(spell[b]) is not type(v):
            out.append(ValueChange(v, spell[b], "boolean"))
    return out


def _spell_like(example: object, value: bool) -> object:
    if isinstance(example, bool) or example is None:
        return value
    if isinstance(example, (int, float)):
        return type(example)(int(value))
    text = str(example)
    words = {("yes", True): "yes", ("yes", False): "no", ("no", True): "yes", ("no", False): "no",
             ("true", True): "true", ("true", False): "false", ("false", True): "true", ("false", False): "false",
             ("y", True): "y", ("y", False): "n", ("n", True): "y", ("n", False): "n"}
    word = words.get((text.casefold(), value), "true" if value else "false")
    if text.isupper():
        return word.upper()
    if text[:1].isupper():
        return word.capitalize()
    return word


__all__ = ["ValueChange", "boolean_changes", "category_changes", "category_form"]
