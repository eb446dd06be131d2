"""Whole-text operations: ``apply_lambda``, ``get_baseline``, ``replace_text``, ``insert_text``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError, UnsupportedInputError
from ...core.functions import identity_function
from ...core.registry import Out, augmentation, get_entry
from ...core.spec import Check, Range, Unit
from ..engine.draws import Draws
from ..engine.insertions import plan_piece_insertions
from ..engine.plan import drawn_plan, run_docs
from ..engine.splice import Edit, apply_edits, apply_plan, diff_edits
from ..engine.tokenize import Doc
from ..modality import TEXT, PlanArg, Texts
from .parameters import WordList, insertion_cost, insertion_count_intensity


# --- apply_lambda --------------------------------------------------------------------------------
def _lambda_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """The intensity of the registered text augmentation named like aug_function (with its kwargs), else 100."""
    fn = params.get("aug_function")
    try:
        entry = get_entry(getattr(fn, "__name__", ""), "text")
    except InvalidParameterError:
        return 100.0
    if entry.name == "apply_lambda":
        return 100.0
    try:
        return float(entry.intensity(entry.validate_params(dict(params.get("kwargs") or {})), facts))
    except (InvalidParameterError, KeyError, TypeError, ValueError):  # kwargs that do not fit that rule
        return 100.0


@augmentation(TEXT, intensity=_lambda_intensity)
def apply_lambda(
    texts: Texts,
    aug_function: Annotated[Callable[..., Any], Check(callable, "must be callable")] = identity_function,
    **kwargs: Any,
) -> Out:
    """Apply a user function ``aug_function(text, **kwargs) -> str`` to each document.

    The function gets one ``str`` at a time (a one-element list result is accepted, AugLy-style);
    the edits are recovered with a character diff so that spans follow the change. Register the
    function (``multiaug.register_function``) to make the record replayable.

    Args:
        aug_function: callable taking a str (plus the call's other keyword arguments, ``**kwargs``, passed
            through) and returning a str; default: identity.
    """
    outs: list[Any] = [aug_function(t, **kwargs) for t in texts] if kwargs else list(map(aug_function, texts))
    if set(map(type, outs)) - {str}:  # one-element lists (AugLy style) or a wrong type somewhere
        for i, res in enumerate(outs):
            if isinstance(res, list) and len(res) == 1:
                res = outs[i] = res[0]
            if not isinstance(res, str):
                raise UnsupportedInputError(
                    f"apply_lambda: aug_function must return a str for document {i}, got {type(res).__name__}")
    all_edits = [[] if res == text else apply_edits(text, diff_edits(text, res, "lambda"))[1]
                 for text, res in zip(texts, outs)]
    return Out(outs, {"edits": all_edits})


# --- get_baseline ---------------------------------------------------------------------------------
def _zero(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0."""
    return 0.0


@augmentation(TEXT, intensity=_zero)
def get_baseline(texts: Texts) -> Out:
    """The unchanged text: the no-op reference (AugLy round-tripped it through a tokenizer, which lost
    whitespace; multiaug returns it byte-identical)."""
    return Out(list(texts), {"edits": [[] for _ in texts]})


# --- replace_text ---------------------------------------------------------------------------------
def _changed_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if any text changed, else 0."""
    return 100.0 if any(facts.get("info", {}).get("edits") or []) else 0.0


def _replace_arg(v: Any) -> bool:
    return isinstance(v, str) or (isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str)
                                                             for k, x in v.items()))


@augmentation(TEXT, intensity=_changed_intensity, example={"replace_text": "replaced"})
def replace_text(
    texts: Texts,
    replace_text: Annotated[Any, Check(_replace_arg, "must be a str or a dict str -> str")],
) -> Out:
    """Replace each whole document by a fixed string, or by ``replace_text[document]`` when a dict is given
    (documents not in the dict are kept). Empty documents stay empty.

    Args:
        replace_text: the new text (str), or a dict mapping whole documents to their replacement.
    """

    def edits(doc: Doc) -> list[Edit]:
        new = replace_text if isinstance(replace_text, str) else replace_text.get(doc.text, doc.text)
        return [(0, len(doc.text), new, "replace_text")]

    return run_docs(texts, None, edits)


# --- insert_text ----------------------------------------------------------------------------------
def _draw_insert_text(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: ``num_insertions`` strings (with replacement), then each one's place ("random")."""
    return drawn_plan(plan_piece_insertions(texts, params["insert_text"], params["num_insertions"],
                                            params["insertion_location"], Draws(rng), "insert_text"))


@augmentation(TEXT, intensity=insertion_count_intensity, example={"insert_text": ["hello", "world"]},
              cost=insertion_cost("insert_text"), draw=_draw_insert_text, seed_default=10)
def insert_text(
    texts: Texts,
    insert_text: Annotated[WordList, Check(lambda v: bool(v), "must be a non-empty list of str")],
    num_insertions: Annotated[int, Range(1, None), Unit("insertions")] = 1,
    insertion_location: Literal["prepend", "append", "random"] = "random",
    *,
    plan: PlanArg,
) -> Out:
    """Insert strings drawn from ``insert_text`` at the start, the end, or before random words
    (separated by one space; existing whitespace is untouched).

    Args:
        insert_text: the strings to draw from (with replacement).
        num_insertions: how many strings to insert per document (>= 1).
        insertion_location: "prepend", "append" or "random" (before a random word, or after the last).
    """
    return apply_plan(texts, plan)
