"""The per-document planning driver: the edits an augmentation makes to each document of a batch.

A text augmentation's ``draw`` step plans (tokenise each document, choose units, draw replacements, all from one
:class:`~.draws.Draws` stream in document order); its body applies the plan (:func:`.splice.apply_plan`). So the
output only depends on the plan, and a fast path only has to plan the same edits as the engine, not to replay its
draw order while building text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ...core.registry import Out
from .splice import Edit, apply_plan
from .tokenize import Doc, tokenize

#: one list of edits per document
Plan = list[list[Edit]]


class EditPlan(list[list[Edit]]):
    """A plan as a text ``draw`` step hands it to the body. The record lists it in ``drawn`` by its size only: the
    edits themselves are already in the record's ``info["edits"]`` (a digest of the plan would cost as much as
    serialising it: about a third of a large batch's call with records)."""

    __slots__ = ()

    def drawn_summary(self) -> dict[str, Any]:
        """``{"planned_edits": [number of planned edits per document]}``."""
        return {"planned_edits": [len(d) for d in self]}


def drawn_plan(plan: Plan) -> dict[str, Any]:
    """What a text augmentation's ``draw`` returns: its plan, for the body's ``plan`` parameter."""
    return {"plan": EditPlan(plan)}


def plan_docs(texts: Sequence[str], protect: str | None, make_edits: Callable[[Doc], list[Edit]],
              fast: Callable[[str], list[Edit] | None] | None = None) -> Plan:
    """Tokenise each document and ask ``make_edits`` for its edits; empty documents get none.
    ``fast``: a per-document shortcut giving the edits directly, or None to hand the document to the tokeniser
    and ``make_edits``; it must draw nothing before it decides."""
    plan: Plan = []
    for text in texts:
        if not text:
            plan.append([])
            continue
        if fast is not None:
            done = fast(text)
            if done is not None:
                plan.append(done)
                continue
        plan.append(make_edits(tokenize(text, protect)))
    return plan


def run_docs(texts: Sequence[str], protect: str | None, make_edits: Callable[[Doc], list[Edit]],
             info: dict[str, Any] | None = None, fast: Callable[[str], list[Edit] | None] | None = None) -> Out:
    """Plan and apply at once (deterministic augmentations, which have no draw step)."""
    return apply_plan(texts, plan_docs(texts, protect, make_edits, fast), info)
