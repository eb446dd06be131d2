"""The text modality: ``str`` in → ``str`` out, ``list[str]`` in → ``list[str]`` out, plus span targets.

Span targets are the text counterpart of image bboxes. Pass ``spans=[(start, end, label), ...]``
(character offsets, end exclusive; ``label`` optional) for a ``str`` input, or one such list per
document for a ``list`` input, to any text function or class call. The spans are re-aligned through
the edits the augmentation made (``info["edits"]`` of the record) and travel through compositions;
``return_spans=True`` makes the call return ``(texts, spans)``. Records get ``src_spans`` /
``dst_spans`` when spans are given.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.registry import Drawn, Entry, Modality, Out, ReservedParam
from .engine.plan import Plan
from .engine.spans import realign_spans
from .engine.splice import apply_edits, diff_edits


class Texts(list[str]):
    """The working form of a text augmentation: the documents (a ``list[str]``), plus ``fine``: whether the call
    carries ``spans=``. Whole-line rewrites then plan one edit per word / gap (spans stay tight); without spans
    they may plan one edit per line (same text, far fewer records). The flag travels with the documents into the
    ``draw`` step and the body (see :func:`fine_edits`); nothing is ambient."""

    __slots__ = ("fine",)

    def __init__(self, docs: Iterable[str] = (), fine: bool = False):
        super().__init__(docs)
        self.fine = fine


def fine_edits(texts: Sequence[str]) -> bool:
    """Whether the documents' edits must be word-level (the call carries ``spans=``); False for a plain list."""
    return isinstance(texts, Texts) and texts.fine


#: the body parameter that receives a text augmentation's plan (one list of edits per document) from its ``draw``
PlanArg = Annotated[Plan, Drawn]
#: the annotation of ``metadata`` in a declaration that lists it to keep AugLy's place for it (before ``seed``);
#: otherwise the modality inserts it after the last positional parameter
Metadata = list[dict[str, Any]] | None


def load_texts(texts: Any, where: str) -> tuple[list[str], bool]:
    """Return (documents, was_str). Non-str items raise a typed error naming the index."""
    if isinstance(texts, str):
        return [texts], True
    if texts is None:
        raise UnsupportedInputError(f"{where}: argument 'texts' must be a str or a list of str, got None")
    if isinstance(texts, (list, tuple)):
        for i, t in enumerate(texts) if set(map(type, texts)) - {str} else ():  # C-level check first
            if not isinstance(t, str):
                raise UnsupportedInputError(
                    f"{where}: argument 'texts' item {i} must be a str, got {type(t).__name__}"
                )
        return list(texts), False
    raise UnsupportedInputError(f"{where}: argument 'texts' must be a str or a list of str, got {type(texts).__name__}")


def _one_span(span: Any, where: str, doc: int | None) -> tuple[int, int, Any]:
    at = f"spans[{doc}]" if doc is not None else "spans"
    if not isinstance(span, (list, tuple)) or len(span) not in (2, 3):
        raise InvalidParameterError(f"{where}: argument '{at}' items must be (start, end[, label]), got {span!r}",
                                    argument="spans")
    s, e = span[0], span[1]
    if isinstance(s, bool) or isinstance(e, bool) or not isinstance(s, int) or not isinstance(e, int):
        raise InvalidParameterError(f"{where}: argument '{at}' offsets must be ints, got {span!r}", argument="spans")
    return (int(s), int(e), span[2] if len(span) == 3 else None)


def _check_span_range(spans: list[tuple[int, int, Any]], n: int, where: str, doc: int | None) -> None:
    for s, e, _ in spans:
        if not 0 <= s <= e <= n:
            at = f"spans[{doc}]" if doc is not None else "spans"
            raise InvalidParameterError(
                f"{where}: argument '{at}' span ({s}, {e}) must satisfy 0 <= start <= end <= {n} (text length)",
                argument="spans")


class TextModality(Modality):
    name = "text"
    media_arg = "texts"
    #: ``p`` is reserved so that ``encode_text(p=...)`` (an unused AugLy argument) does not clash
    #: with the class probability ``p``.
    reserved = frozenset({"metadata", "p"})
    class_call_args = ("force", "metadata")
    target_args = ("spans",)
    option_args = ("spans", "return_spans")
    reserved_params = (
        ReservedParam("metadata", None, "a list (AugLy's flat dicts) or a multiaug.Tracker (full, replayable "
                      "records) that receives the record of this call."),
    )
    public_annotations = {"metadata": list[dict[str, Any]] | None}
    return_annotation = str | list[str] | tuple[Any, ...]
    options_doc = """
    Keyword-only options (every text function):
        spans: character spans ``(start, end[, label])`` to move through the edits (one list per document for a
            list input); they travel through compositions and appear in records as ``src_spans``/``dst_spans``.
        return_spans: also return the moved spans, ``(texts, spans)`` (needs ``spans``).

    The texts (first argument) are a ``str`` or a ``list[str]``; the output has the input's type. Random text
    functions draw from their ``seed`` only (AugLy's used Python's global RNG)."""

    def media_annotation(self, name: str) -> Any:
        return str | list[str]

    def option_parameters(self) -> list[inspect.Parameter]:
        kw = inspect.Parameter.KEYWORD_ONLY
        return [inspect.Parameter("spans", kw, default=None, annotation=Sequence[Any] | None),
                inspect.Parameter("return_spans", kw, default=False, annotation=bool)]

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        docs, was_str = load_texts(media, entry.name)
        spans = targets.get("spans")
        if spans is not None:
            if was_str:
                per_doc = [[_one_span(sp, entry.name, None) for sp in spans]]
            else:
                if not isinstance(spans, (list, tuple)) or len(spans) != len(docs):
                    raise InvalidParameterError(
                        f"{entry.name}: argument 'spans' must hold one list of spans per document "
                        f"({len(docs)}) for a list input", argument="spans")
                per_doc = []
                for i, doc_spans in enumerate(spans):
                    if not isinstance(doc_spans, (list, tuple)):
                        raise InvalidParameterError(f"{entry.name}: argument 'spans[{i}]' must be a list",
                                                    argument="spans")
                    per_doc.append([_one_span(sp, entry.name, i) for sp in doc_spans])
            for i, (d, sp) in enumerate(zip(docs, per_doc)):
                _check_span_range(sp, len(d), entry.name, None if was_str else i)
            targets["_per_doc"] = per_doc
        return Texts(docs, fine=spans is not None), {"was_str": was_str}

    def call_kernel(self, entry: Entry, data: Any, kwargs: dict[str, Any], ctx: dict[str, Any]) -> Any:
        out = entry.func(data, **kwargs)
        info: dict[str, Any] = {}
        if isinstance(out, Out):
            info = dict(out.info)
            out = out.media
        if not isinstance(out, list) or len(out) != len(data) or not all(isinstance(t, str) for t in out):
            raise UnsupportedInputError(
                f"{entry.name}: the augmentation must give one str per document, got {type(out).__name__}")
        if "edits" not in info:
            info["edits"] = [apply_edits(a, diff_edits(a, b, entry.name))[1] for a, b in zip(data, out)]
        # edit records are built by engine.splice.apply_edits from str/int fields only: no JSON conversion needed
        return Out(out, info, json_safe_keys=frozenset({"edits"}))

    def size(self, data: Any, ctx: dict[str, Any]) -> dict[str, Any]:
        """For cost rules (:mod:`multiaug.core.limits`): the longest document's length and the document count."""
        return {"chars": max(map(len, data), default=0), "docs": len(data)}

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        if not isinstance(data, list):
            raise UnsupportedInputError(f"text kernel returned {type(data).__name__}, expected a list of str")
        out = {f"{prefix}_length": len(data)}
        if prefix == "src":
            out["input_type"] = "string" if ctx["was_str"] else "list"
        return out

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        return data[0] if ctx["was_str"] else list(data)

    # --- spans ---------------------------------------------------------------------------------
    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        spans = call.get("spans")
        if spans is None:
            if call.get("return_spans"):
                raise InvalidParameterError(f"{entry_name}: return_spans=True needs spans=", argument="return_spans")
            return {}
        if not isinstance(spans, (list, tuple)):
            raise InvalidParameterError(
                f"{entry_name}: argument 'spans' must be a list of (start, end[, label]) (one list per document "
                f"for a list input), got {type(spans).__name__}", argument="spans")
        return {"spans": spans}

    def apply_targets(self, entry: Entry, targets: dict[str, Any], params: dict[str, Any], info: dict[str, Any],
                      src: dict[str, Any], dst: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        per_doc = targets.get("_per_doc")
        if per_doc is None:
            return {k: v for k, v in targets.items() if k != "_per_doc"}, {}
        edits = info.get("edits") or [[] for _ in per_doc]
        moved = [realign_spans(sp, ed) for sp, ed in zip(per_doc, edits)]
        was_str = src.get("input_type") == "string"

        def shape(docs: list[list[tuple[int, int, Any]]]) -> Any:
            lists = [[(s, e, lab) for s, e, lab in d] for d in docs]
            return lists[0] if was_str else lists

        keys = {"src_spans": [[list(x) for x in d] for d in per_doc],
                "dst_spans": [[list(x) for x in d] for d in moved]}
        return {"spans": shape(moved)}, keys

    def untracked_targets(self, entry: Entry, targets: dict[str, Any], out: Any, ctx: dict[str, Any]
                          ) -> dict[str, Any] | None:
        """No spans travel (the common call): nothing to realign, and no facts are needed (:meth:`call_kernel`
        already checked that the body gave one str per document)."""
        return None if "_per_doc" in targets else targets

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        if options.get("return_spans"):
            return media, targets.get("spans")
        return media


TEXT = TextModality()
