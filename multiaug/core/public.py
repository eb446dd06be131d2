"""What users see of a registered augmentation: its public signature and docstring.

The declaration's own signature stays the source of truth (binding, validation, AugLy's positional order); this
module derives what ``help()``, ``inspect.signature``, IDEs and the type stubs (``scripts/gen_stubs.py``) show.
"""

from __future__ import annotations

import inspect
import textwrap
from typing import TYPE_CHECKING, Any

from .spec import public_type

if TYPE_CHECKING:  # registry imports this module
    from .registry import Entry


def public_signature(entry: Entry, hints: dict[str, Any]) -> inspect.Signature:
    """The signature users see: the declaration's parameters with their public types (``Annotated`` metadata and
    private aliases such as ``_FRAC`` resolved away), the media parameter's accepted types, the modality's plumbing
    types and keyword-only options (e.g. image ``return_bboxes``), and what the function really returns."""
    mod = entry.modality
    params: list[inspect.Parameter] = []
    var_kw: list[inspect.Parameter] = []
    sig = entry.call_signature or entry.signature
    for i, (name, p) in enumerate(sig.parameters.items()):
        if i == 0:
            ann = mod.media_annotation(name)
        elif name in mod.public_annotations:
            ann = mod.public_annotations[name]
        else:
            ann = public_type(hints.get(name, p.annotation))
        (var_kw if p.kind == p.VAR_KEYWORD else params).append(p.replace(annotation=ann))
    for q in mod.option_parameters():
        if q.name in sig.parameters:
            continue
        if q.kind == q.VAR_KEYWORD:
            var_kw = var_kw or [q]
        else:
            params.append(q)
    return inspect.Signature([*params, *var_kw[:1]], return_annotation=mod.return_annotation)


def append_doc(doc: str, extra: str) -> str:
    """``doc`` followed by the dedented ``extra`` paragraph(s), indented like ``doc``'s body (so ``help()`` and
    ``inspect.getdoc`` show one consistent docstring)."""
    body = [line for line in doc.splitlines()[1:] if line.strip()]
    indent = min((len(line) - len(line.lstrip()) for line in body), default=0)
    pad = " " * indent
    text = textwrap.dedent(extra).strip("\n")
    return doc.rstrip() + "\n\n" + "\n".join(pad + line if line.strip() else "" for line in text.splitlines()) + "\n"


__all__ = ["append_doc", "public_signature"]
