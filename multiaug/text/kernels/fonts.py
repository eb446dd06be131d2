"""Fun fonts: letters and digits written in stylised Unicode alphabets."""

from __future__ import annotations

from typing import Any


def alnum_keys(font: dict[str, Any]) -> bool:
    """True when the font only maps letters/digits (every such character of a text is inside a word)."""
    ok = font.get("_alnum")
    if ok is None:
        ok = font["_alnum"] = all(isinstance(k, str) and len(k) == 1 and k.isalnum() for k in font["map"])
    return bool(ok)
