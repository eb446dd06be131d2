"""Fun fonts: letters and digits written in stylised Unicode alphabets — the built-in fonts (Unicode's
mathematical alphanumerics, enclosed and fullwidth forms, combining overlays; computed from Unicode facts) and
writing a string in a font."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from ..engine.graphemes import graphemes, simple_text


def alnum_keys(font: dict[str, Any]) -> bool:
    """True when the font only maps letters/digits (every such character of a text is inside a word)."""
    ok = font.get("_alnum")
    if ok is None:
        ok = font["_alnum"] = all(isinstance(k, str) and len(k) == 1 and k.isalnum() for k in font["map"])
    return bool(ok)


_MATH_STYLES = (  # (name, capital A, small a, digit zero or None)
    ("bold", 0x1D400, 0x1D41A, 0x1D7CE), ("italic", 0x1D434, 0x1D44E, None),
    ("bold_italic", 0x1D468, 0x1D482, None), ("script", 0x1D49C, 0x1D4B6, None),
    ("bold_script", 0x1D4D0, 0x1D4EA, None), ("fraktur", 0x1D504, 0x1D51E, None),
    ("double_struck", 0x1D538, 0x1D552, 0x1D7D8), ("bold_fraktur", 0x1D56C, 0x1D586, None),
    ("sans", 0x1D5A0, 0x1D5BA, 0x1D7E2), ("sans_bold", 0x1D5D4, 0x1D5EE, 0x1D7EC),
    ("sans_italic", 0x1D608, 0x1D622, None), ("sans_bold_italic", 0x1D63C, 0x1D656, None),
    ("monospace", 0x1D670, 0x1D68A, 0x1D7F6), ("circled", 0x24B6, 0x24D0, None),
    ("fullwidth", 0xFF21, 0xFF41, 0xFF10), ("squared", 0x1F130, None, None),
    ("negative_circled", 0x1F150, None, None), ("negative_squared", 0x1F170, None, None),
)
_COMBINING_STYLES = (("strikethrough", "\u0336"), ("underline", "\u0332"), ("slashed", "\u0338"))
FUN_FONT_NAMES = tuple(n for n, *_ in _MATH_STYLES) + tuple(n for n, _ in _COMBINING_STYLES)


def _glyph(cp: int, fallback_name: str) -> str | None:
    """The character at ``cp`` when Unicode assigns it, else its older name's character (holes of the math
    alphabets, e.g. ℎ PLANCK CONSTANT for italic h), else None."""
    ch = chr(cp)
    if unicodedata.name(ch, None):
        return ch
    for candidate in (fallback_name.replace("MATHEMATICAL ", ""),
                      fallback_name.replace("MATHEMATICAL FRAKTUR", "BLACK-LETTER"),
                      "PLANCK CONSTANT" if fallback_name == "MATHEMATICAL ITALIC SMALL H" else ""):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


@functools.lru_cache(maxsize=1)
def builtin_fun_fonts() -> list[dict[str, Any]]:
    """The built-in fun fonts: ``[{"name", "map": {char: styled}}]`` (Unicode facts, computed)."""
    fonts: list[dict[str, Any]] = []
    for name, cap, small, zero in _MATH_STYLES:
        m: dict[str, str] = {}
        style = name.upper().replace("_", "-" if name == "double_struck" else " ")
        for i in range(26):
            for base, letter, case in ((cap, chr(65 + i), "CAPITAL"), (small, chr(97 + i), "SMALL")):
                if base is None:
                    continue
                g = _glyph(base + i, f"MATHEMATICAL {style} {case} {chr(65 + i)}")
                if g:
                    m[letter] = g
        if zero is not None:
            for i in range(10):
                m[str(i)] = chr(zero + i)
        fonts.append({"name": name, "map": m})
    for name, mark in _COMBINING_STYLES:
        fonts.append({"name": name, "map": {c: c + mark for c in
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}})
    return fonts


def translation(font: dict[str, Any]) -> dict[int, str]:
    """``str.translate`` table of a font (cached on the font record)."""
    tt = font.get("_tt")
    if tt is None:
        tt = font["_tt"] = {ord(k): v for k, v in font["map"].items() if isinstance(k, str) and len(k) == 1}
    return tt


def styled(s: str, font: dict[str, Any]) -> str:
    """``s`` written in ``font`` (characters without a glyph kept; combining marks stay on their base)."""
    if simple_text(s):
        return s.translate(translation(font))
    m = font["map"]
    return "".join(m.get(c, c) if len(c) == 1 else m.get(c[0], c[0]) + c[1:] for c in graphemes(s))
