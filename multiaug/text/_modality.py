"""The text modality: ``str`` in → ``str`` out, ``list[str]`` in → ``list[str]`` out."""

from __future__ import annotations

from typing import Any

from ..core.errors import UnsupportedInputError
from ..core.registry import Entry, Modality


def load_texts(texts: Any, where: str) -> tuple[list[str], bool]:
    """Return (documents, was_str). Non-str items raise a typed error naming the index."""
    if isinstance(texts, str):
        return [texts], True
    if texts is None:
        raise UnsupportedInputError(f"{where}: argument 'texts' must be a str or a list of str, got None")
    if isinstance(texts, (list, tuple)):
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise UnsupportedInputError(
                    f"{where}: argument 'texts' item {i} must be a str, got {type(t).__name__}"
                )
        return list(texts), False
    raise UnsupportedInputError(f"{where}: argument 'texts' must be a str or a list of str, got {type(texts).__name__}")


class TextModality(Modality):
    name = "text"
    media_arg = "texts"
    reserved = frozenset({"metadata"})
    class_call_args = ("force", "metadata")

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        docs, was_str = load_texts(media, entry.name)
        return docs, {"was_str": was_str}

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        if not isinstance(data, list):
            raise UnsupportedInputError(f"text kernel returned {type(data).__name__}, expected a list of str")
        out = {f"{prefix}_length": len(data)}
        if prefix == "src":
            out["input_type"] = "string" if ctx["was_str"] else "list"
        return out

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        return data[0] if ctx["was_str"] else list(data)


TEXT = TextModality()
