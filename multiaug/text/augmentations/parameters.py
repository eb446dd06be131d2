"""Parameter types shared by the text declarations (``Prob``, ``Count``, ``Protect`` …), the docs of the parameters
they share (:data:`SHARED_DOCS`, written once), and their shared intensity and cost rules."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import Annotated, Any

from ...core.limits import output_chars
from ...core.spec import Check, Range, Unit
from ..engine.tokenize import valid_regex


def _str_list(v: Any) -> bool:
    return v is None or (isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v))


Prob = Annotated[float, Range(0.0, 1.0), Unit("probability")]
Count = Annotated[int, Range(0, None), Unit("units")]
MinChar = Annotated[int, Range(0, None), Unit("chars")]
OneOutput = Annotated[int, Range(1, 1)]
Cadence = Annotated[float, Range(1.0, None), Unit("units")]
WordList = Annotated[list | None, Check(_str_list, "must be None or a list of str")]
Protect = Annotated[str | None, Check(valid_regex, "must be None or a valid regular expression (str)")]

#: the docs of the parameters many text augmentations share, written once: :func:`shared_docs` puts them into a
#: declaration's ``Args:`` (a declaration that documents one itself keeps its own words)
SHARED_DOCS = {
    "aug_char_p": "share of the eligible characters of a chosen word changed, in [0, 1].",
    "aug_word_p": "share of the eligible words changed, in [0, 1].",
    "min_char": "minimum word length (characters) to be eligible.",
    "aug_char_min": "minimum number of characters changed per chosen word.",
    "aug_char_max": "maximum number of characters changed per chosen word.",
    "aug_word_min": "minimum number of words changed per document.",
    "aug_word_max": "maximum number of words changed per document.",
    "aug_min": "minimum number of units changed per document.",
    "aug_max": "maximum number of units changed per document.",
    "n": "number of outputs per input; must be 1 (str in → str out).",
    "priority_words": "words (case-insensitive) chosen before any others.",
    "ignore_words": "words (case-insensitive) never changed.",
    "protect": "regular expression whose matches are never edited (URLs, e-mails, @mentions and #hashtags are "
               "always protected); None = only those.",
}


def shared_docs(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give ``func``'s docstring an ``Args:`` entry, in signature order, for each of its parameters in
    :data:`SHARED_DOCS` that it does not document itself (apply below ``@augmentation``, which reads the docs)."""
    lines = (func.__doc__ or "").rstrip().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "Args:"), None)
    if start is None:
        lines += ["", "    Args:"]
        start = len(lines) - 1
    pad = lines[start][: len(lines[start]) - len(lines[start].lstrip())] + "    "
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(pad)), len(lines))
    own: dict[str, list[str]] = {}
    for line in lines[start + 1 : end]:
        if not line.startswith(pad + " "):  # an entry's first line; deeper lines continue it
            own[line.strip().split(":", 1)[0]] = []
        own[list(own)[-1]].append(line)
    entries = []
    for name in inspect.signature(func).parameters:
        if name in own:
            entries += own.pop(name)
        elif name in SHARED_DOCS:
            entries += textwrap.wrap(f"{name}: {SHARED_DOCS[name]}", 110, initial_indent=pad,
                                     subsequent_indent=pad + "    ", break_on_hyphens=False)
    entries += [line for rest in own.values() for line in rest]  # documented, not in the signature (**kwargs)
    func.__doc__ = "\n".join([*lines[: start + 1], *entries, *lines[end:]]) + "\n    "
    return func


# --- intensity rules (AugLy §7) ------------------------------------------------------------------
def char_insertion_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if granularity == "all", else 100 / cadence."""
    return 100.0 if params["granularity"] == "all" else 100.0 / params["cadence"]


def replace_word_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_word_max == 0, else aug_word_p * 100."""
    return 0.0 if params["aug_word_max"] == 0 else params["aug_word_p"] * 100.0


def replace_granularity_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if granularity == "all", else (0 if aug_max == 0 else aug_p * 100)."""
    if params["granularity"] == "all":
        return 100.0
    return 0.0 if params["aug_max"] == 0 else params["aug_p"] * 100.0


def char_word_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_word_max * aug_char_max == 0, else aug_word_p * aug_char_p * 100."""
    if params["aug_word_max"] * params["aug_char_max"] == 0:
        return 0.0
    return params["aug_word_p"] * params["aug_char_p"] * 100.0


def aug_p_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_max == 0, else aug_p * 100."""
    return 0.0 if params.get("aug_max", 1) == 0 else params["aug_p"] * 100.0


def insertion_count_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(num_insertions / 10 * 100, 100)."""
    return min(params["num_insertions"] / 10.0 * 100.0, 100.0)


# --- cost rules (multiaug.core.limits; checked before any edit is planned) --------------------------------------
def insertion_cost(pieces: str | None) -> Any:
    """A cost rule for ``num_insertions`` insertions of strings from the parameter ``pieces`` (None: one-character
    pieces): the output has at least the longest document + num_insertions · (shortest piece + 1 separator)."""

    def rule(params: dict[str, Any], size: dict[str, Any]) -> Any:
        choices = params.get(pieces) if pieces else None
        shortest = min((len(p) for p in choices if isinstance(p, str)), default=1) if choices else 1
        return output_chars(size["chars"] + params["num_insertions"] * (shortest + 1), "num_insertions")

    rule.__doc__ = "output_chars ≥ chars + num_insertions · (shortest inserted string + 1)"
    rule.__name__ = f"insertion_cost_{pieces or 'chars'}"
    return rule


def typo_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_chars ≤ chars + min(aug_word_max, chars) · min(aug_char_max, chars) · max_typo_length."""
    n = size["chars"]
    grow = min(params["aug_word_max"], n) * min(params["aug_char_max"], n) * params["max_typo_length"]
    return output_chars(n + grow, "max_typo_length")
