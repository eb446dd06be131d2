"""The shipped text tables (``assets/text``: contractions, gendered words, synonyms, look-alikes, leetspeak,
upside-down glyphs, emoji words) and users' JSON mapping files, each loaded once."""

from __future__ import annotations

import functools
import gzip
import json
import os
from typing import Any

from ...assets import asset_path
from ...core.errors import MediaReadError


def read_json(path: Any, what: str) -> Any:
    """A JSON file's content; a missing or unreadable file is a :class:`MediaReadError` naming ``what``."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise MediaReadError(f"{what}: file not found: '{path}'") from None
    except (OSError, ValueError) as exc:
        raise MediaReadError(f"{what}: cannot read JSON file '{path}': {exc}") from None


@functools.cache
def asset_json(name: str) -> Any:
    """A shipped JSON table from ``assets/text``."""
    return read_json(asset_path("text", name), name)


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, list[str]]:
    """WordNet-derived synonyms (word → list), from ``assets/text/synonyms.json.gz``."""
    p = asset_path("text", "synonyms.json.gz")
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return json.load(fh)



@functools.lru_cache(maxsize=16)
def mapping_file(path: str, what: str) -> dict[str, Any]:
    """A user JSON mapping file (cached per path)."""
    raw = read_json(path, what)
    if not isinstance(raw, dict):
        raise MediaReadError(f"{what}: '{path}' must hold a JSON object")
    return raw


def resolve_mapping(mapping: Any, default: str | None, what: str) -> dict[str, Any]:
    """``mapping`` as a dict: a dict as is, a path loaded once, None → the shipped default (or {})."""
    if mapping is None:
        return asset_json(default) if default else {}
    if isinstance(mapping, dict):
        return mapping
    return mapping_file(os.fspath(mapping), what)
