"""The shipped text tables (``assets/text``: contractions, gendered words, synonyms, look-alikes, leetspeak,
upside-down glyphs, emoji words; the character tables built from them) and users' JSON mapping files, each loaded
once."""

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


# --- character tables of the unicode family ------------------------------------------------------
def upside_down_table() -> dict[str, str]:
    """Shipped upside-down glyphs (character → flipped character)."""
    return asset_json("upside_down.json")


@functools.lru_cache(maxsize=1)
def upside_down_translation() -> dict[int, str]:
    """``str.translate`` table of the single-character upside-down glyphs."""
    return {ord(k): v for k, v in upside_down_table().items() if len(k) == 1}


def char_table(raw: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """A character mapping as char → tuple of replacements (a single replacement becomes a 1-tuple)."""
    return {str(k): tuple(v) if isinstance(v, (list, tuple)) else (str(v),) for k, v in raw.items() if v}


@functools.lru_cache(maxsize=1)
def ascii_lookalikes() -> dict[str, tuple[str, ...]]:
    """Shipped ASCII look-alike sequences (a → @, h → |-|)."""
    return char_table(asset_json("ascii_lookalikes.json"))


@functools.lru_cache(maxsize=1)
def unicode_lookalikes() -> dict[str, tuple[str, ...]]:
    """AugLy-like narrow table: the 26 letters (both cases), BMP homoglyphs only, at most 4 each."""
    full = asset_json("homoglyphs.json")
    out = {}
    for k, v in full.items():
        if k.isalpha():
            bmp = [c for c in v if ord(c) <= 0xFFFF][:4]
            if bmp:
                out[k] = tuple(bmp)
    return out


@functools.lru_cache(maxsize=1)
def homoglyphs() -> dict[str, tuple[str, ...]]:
    """Unicode confusables of letters and digits (all candidates, including non-BMP ones)."""
    return char_table(asset_json("homoglyphs.json"))
