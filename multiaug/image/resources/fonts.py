"""Font lookup, glyph coverage and per-character fallback for text drawn on images.

* :func:`resolve_font_file` accepts a font path, or the file name of a shipped font
  (``"NotoSans-Bold.ttf"``), and raises :class:`InvalidParameterError` naming the argument otherwise.
* :func:`get_font` returns a cached ``ImageFont.FreeTypeFont``. It uses Pillow's RAQM layout
  (bidi, shaping: Arabic, Devanagari, Thai ...) when ``PIL.features.check("raqm")`` is true, else
  the basic layout, with a one-time ``RuntimeWarning``.
* :func:`coverage` is the set of code points a font maps (its ``cmap`` table read with fontTools,
  a declared dependency), cached per file.
* :func:`split_runs` cuts a line into runs drawn with one face each: the requested font first,
  then Noto Sans, then the script fallbacks listed in ``assets/image/fonts/fonts.json``
  (Arabic, Devanagari, Hebrew, Thai, CJK, symbols, DejaVu). Emoji become ``"emoji"`` runs drawn
  from the shipped emoji PNGs (see :mod:`multiaug.image.kernels.text_render`), so mixed-script and emoji
  text renders without tofu boxes.
"""

from __future__ import annotations

import functools
import json
import os
import unicodedata
import warnings
from pathlib import Path
from typing import Any, NamedTuple

from PIL import ImageFont, features

from ...core.errors import InvalidParameterError, MediaReadError
from . import constants as C
from .emoji import emoji_file_for_char

_FONT_EXTS = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
_FALLBACK_ROLES = ("default", "script-fallback", "cjk-fallback", "symbol-fallback", "wide-fallback")


class Run(NamedTuple):
    """A piece of one line drawn with one face: ``kind`` is ``"text"`` or ``"emoji"``."""

    kind: str
    text: str
    face: str  # font path for text runs, emoji PNG path for emoji runs


@functools.lru_cache(maxsize=1)
def has_raqm() -> bool:
    """True when Pillow was built with libraqm (complex-script shaping and bidi)."""
    try:
        return bool(features.check("raqm"))
    except ValueError:  # pragma: no cover - very old Pillow
        return False


_warned_basic = False


def layout_engine() -> Any:
    """RAQM when available, else BASIC with a one-time warning."""
    global _warned_basic
    if has_raqm():
        return ImageFont.Layout.RAQM
    if not _warned_basic:
        _warned_basic = True
        warnings.warn(
            "multiaug: Pillow has no libraqm; text uses the basic layout (no Arabic/Indic shaping or bidi). "
            "Install a Pillow wheel with raqm for correct complex-script rendering.",
            RuntimeWarning,
            stacklevel=3,
        )
    return ImageFont.Layout.BASIC


def resolve_font_file(value: Any, function: str = "image", argument: str = "font_file") -> str:
    """Return the path of a font given as a path or as a shipped font's file name."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise InvalidParameterError(
            f"{function}: argument '{argument}' must be a font file path (.ttf/.otf) or a shipped font name, got {value!r}",
            function=function,
            argument=argument,
        )
    return _resolve_cached(value, function, argument)


@functools.lru_cache(maxsize=256)
def _resolve_cached(value: str, function: str, argument: str) -> str:
    if os.path.isfile(value):
        return value
    shipped = os.path.join(C.FONTS_DIR, os.path.basename(value))
    if os.path.isfile(shipped):
        return shipped
    raise InvalidParameterError(
        f"{function}: argument '{argument}': font file not found: {value!r} (shipped fonts: "
        f"{', '.join(shipped_fonts()) or 'none'})",
        function=function,
        argument=argument,
    )


def is_font_file(value: Any) -> bool:
    """For ``Check``: a path to an existing font file or the name of a shipped font."""
    try:
        resolve_font_file(value)
        return True
    except InvalidParameterError:
        return False


def shipped_fonts() -> list[str]:
    """File names of the fonts in ``assets/image/fonts``."""
    d = Path(C.FONTS_DIR)
    return sorted(p.name for p in d.iterdir() if p.suffix.lower() in _FONT_EXTS) if d.is_dir() else []


@functools.lru_cache(maxsize=1)
def font_index() -> tuple[dict[str, Any], ...]:
    """Entries of ``fonts.json`` (file, family, scripts, roles ...); empty when it is missing."""
    p = Path(C.FONTS_DIR) / "fonts.json"
    if not p.is_file():
        return ()
    try:
        return tuple(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise MediaReadError(f"cannot read font index '{p}': {exc}") from None


def font_for_role(role: str, default: str = C.DEFAULT_FONT) -> str:
    """Path of the first shipped font with ``role`` in fonts.json (e.g. "meme", "bold"), else ``default``."""
    for f in font_index():
        if role in f.get("roles", ()):
            p = os.path.join(C.FONTS_DIR, f["file"])
            if os.path.isfile(p):
                return p
    return default


def _truetype(path: str, size: int, engine: Any) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, max(1, int(size)), layout_engine=engine)
    except OSError as exc:
        raise MediaReadError(f"cannot load font '{path}': {exc}") from None


@functools.lru_cache(maxsize=128)
def get_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A cached FreeType font of ``size`` px (>= 1) with the best available layout engine."""
    return _truetype(path, size, layout_engine())


@functools.lru_cache(maxsize=64)
def get_basic_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A cached font with the BASIC layout: faster, for plain ASCII UI text only (no shaping needed)."""
    return _truetype(path, size, ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=64)
def coverage(path: str) -> frozenset[int]:
    """Code points that ``path`` maps to a glyph: the font's best ``cmap`` subtable (cached).

    Raises:
        MediaReadError: the file is not a font fontTools can read.
    """
    from fontTools.ttLib import TTFont  # lazy: ~50 ms to import, only text rendering needs it

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            cmap = font.getBestCmap() or {}
        finally:
            font.close()
    except Exception as exc:  # noqa: BLE001 - fontTools raises many types for broken fonts
        raise MediaReadError(f"cannot read the character map of font '{path}': {exc}") from None
    return frozenset(cmap)


@functools.lru_cache(maxsize=64)
def fallback_chain(primary: str) -> tuple[str, ...]:
    """``primary`` then the shipped fallbacks (Noto Sans, script, CJK, symbol, wide), no duplicates."""
    chain = [primary]
    for role in _FALLBACK_ROLES:
        for f in font_index():
            if role in f.get("roles", ()):
                p = os.path.join(C.FONTS_DIR, f["file"])
                if os.path.isfile(p) and p not in chain:
                    chain.append(p)
    for p in (C.DEFAULT_FONT,):
        if os.path.isfile(p) and p not in chain:
            chain.append(p)
    return tuple(chain)


def _is_attaching(ch: str) -> bool:
    """Characters that belong with their neighbour: combining marks, joiners, variation selectors."""
    cp = ord(ch)
    if cp in (0x200C, 0x200D) or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def face_for_char(ch: str, chain: tuple[str, ...]) -> str | None:
    """First face in ``chain`` that has a glyph for ``ch`` (None when no shipped face has it)."""
    cp = ord(ch)
    for path in chain:
        if cp in coverage(path):
            return path
    return None


_warned_missing: set[str] = set()


def split_runs(line: str, primary: str, emoji_lookup: Any = None) -> list[Run]:
    """Cut one line into runs of one face each (emoji first, then per-character font coverage).

    Whitespace and attaching characters (combining marks, ZWJ, variation selectors) stay in the
    current run so shaping is not broken. A character no shipped face covers is drawn with the
    primary face (a one-time warning names it).

    Args:
        line: the text of one line (no ``\\n``).
        primary: path of the requested font.
        emoji_lookup: ``fn(emoji_str) -> png path | None``; defaults to the shipped emoji set.
    """
    if emoji_lookup is None:
        emoji_lookup = emoji_file_for_char
    chain = fallback_chain(primary)
    runs: list[Run] = []
    for kind, piece in _emoji_pieces(line):
        if kind == "emoji":
            png = emoji_lookup(piece)
            if png is not None:
                runs.append(Run("emoji", piece, png))
                continue
        for ch in piece:
            if runs and runs[-1].kind == "text" and (ch.isspace() or _is_attaching(ch)):
                runs[-1] = Run("text", runs[-1].text + ch, runs[-1].face)
                continue
            face = face_for_char(ch, chain)
            if face is None:
                if ch not in _warned_missing and not ch.isspace():
                    _warned_missing.add(ch)
                    warnings.warn(f"multiaug: no shipped font has a glyph for U+{ord(ch):04X}", RuntimeWarning, stacklevel=2)
                face = runs[-1].face if runs and runs[-1].kind == "text" else primary
            if runs and runs[-1].kind == "text" and runs[-1].face == face:
                runs[-1] = Run("text", runs[-1].text + ch, face)
            else:
                runs.append(Run("text", ch, face))
    return _detach_trailing_space(runs)


def _detach_trailing_space(runs: list[Run]) -> list[Run]:
    """Give trailing spaces of a run their own run, so a right-to-left run keeps them on its right."""
    out: list[Run] = []
    for i, r in enumerate(runs):
        core = r.text.rstrip()
        if r.kind == "text" and core and core != r.text and i + 1 < len(runs):
            out.append(Run("text", core, r.face))
            out.append(Run("text", r.text[len(core):], r.face))
        else:
            out.append(r)
    return out


def _emoji_pieces(line: str) -> list[tuple[str, str]]:
    """Split into ("emoji", e) and ("text", t) pieces using the ``emoji`` package."""
    import emoji as emoji_pkg  # lazy: importing emoji builds its tables (~50 ms); only text rendering needs it
    out: list[tuple[str, str]] = []
    pos = 0
    for m in emoji_pkg.emoji_list(line):
        s, e = m["match_start"], m["match_end"]
        if s > pos:
            out.append(("text", line[pos:s]))
        out.append(("emoji", line[s:e]))
        pos = e
    if pos < len(line):
        out.append(("text", line[pos:]))
    return out
