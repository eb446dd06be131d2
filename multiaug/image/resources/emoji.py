"""Emoji lookup and cached, crisp emoji images.

An emoji may be named three ways (:func:`resolve_emoji`):

* a PNG/image file path (AugLy style, e.g. ``EMOJI_PATH``),
* the emoji itself: ``"🔥"``, ``"❤️"``, ``"👍"``,
* a ``:shortcode:`` understood by the ``emoji`` package (``":fire:"``, ``":heart_eyes:"``).

Shipped emoji are Twemoji art at 512 px (``assets/image/emoji`` with ``index.json``); they are only
ever scaled *down* (LANCZOS) for the usual sizes, so large overlays stay sharp. Loaded and scaled
images are cached (``functools.lru_cache``): callers must copy before modifying them.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from PIL import Image

from ...core.errors import InvalidParameterError, MediaReadError
from . import constants as C

_VS16 = "\ufe0f"
_ZWJ = "\u200d"


@functools.lru_cache(maxsize=1)
def emoji_index() -> tuple[dict[str, Any], ...]:
    """Entries of ``assets/image/emoji/index.json`` (empty when the file is missing)."""
    p = Path(C.EMOJI_DIR) / "index.json"
    if not p.is_file():
        return ()
    try:
        return tuple(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise MediaReadError(f"cannot read emoji index '{p}': {exc}") from None


@functools.lru_cache(maxsize=1)
def _by_char() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in emoji_index():
        path = os.path.join(C.EMOJI_DIR, e["file"])
        out[e["char"]] = path
        out[e["char"].replace(_VS16, "")] = path
    return out


@functools.lru_cache(maxsize=1)
def _by_shortcode() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in emoji_index():
        for name in [e.get("short_name")] + list(e.get("aliases") or []):
            if name:
                out[name.lower()] = e["char"]
    return out


def twemoji_file_name(chars: str) -> str:
    """Twemoji's file name for an emoji: hex code points joined by ``-``; U+FE0F dropped unless ZWJ."""
    cps = [c for c in chars if _ZWJ in chars or c != _VS16]
    return "-".join(f"{ord(c):x}" for c in cps) + ".png"


@functools.lru_cache(maxsize=4096)
def emoji_file_for_char(chars: str) -> str | None:
    """PNG path of the shipped emoji ``chars`` (e.g. "🔥"), or None when it is not shipped."""
    hit = _by_char().get(chars) or _by_char().get(chars.replace(_VS16, ""))
    if hit is not None:
        return hit
    p = os.path.join(C.EMOJI_DIR, twemoji_file_name(chars))
    return p if os.path.isfile(p) else None


def _char_for_shortcode(code: str) -> str | None:
    hit = _by_shortcode().get(code.lower())
    if hit is not None:
        return hit
    import emoji as emoji_pkg  # lazy: importing emoji builds its tables; only shortcode look-ups need it
    for lang in ("alias", "en"):
        ch = emoji_pkg.emojize(code, language=lang)
        if ch != code:
            return ch
    return None


def resolve_emoji(value: Any, function: str = "image", argument: str = "emoji_path") -> str:
    """Path of the emoji image named by ``value`` (path, emoji character or ``:shortcode:``)."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise InvalidParameterError(
            f"{function}: argument '{argument}' must be an image path, an emoji such as '🔥' or a shortcode such as "
            f"':fire:', got {value!r}",
            function=function,
            argument=argument,
        )
    return _resolve_cached(value, function, argument)


@functools.lru_cache(maxsize=1024)
def _resolve_cached(value: str, function: str, argument: str) -> str:
    if os.path.isfile(value):
        return value
    virtual = _virtual_category_file(value)
    if virtual is not None:
        return virtual
    chars = value
    if len(value) > 2 and value.startswith(":") and value.endswith(":"):
        found = _char_for_shortcode(value)
        if found is None:
            raise InvalidParameterError(
                f"{function}: argument '{argument}': unknown emoji shortcode {value!r}",
                function=function,
                argument=argument,
            )
        chars = found
    hit = emoji_file_for_char(chars) if len(chars) <= 16 else None
    if hit is not None:
        return hit
    if os.sep in value or value.lower().endswith((".png", ".jpg", ".jpeg", ".webp", ".gif")):
        raise InvalidParameterError(
            f"{function}: argument '{argument}': emoji image file not found: {value!r}",
            function=function,
            argument=argument,
        )
    raise InvalidParameterError(
        f"{function}: argument '{argument}': {value!r} is not one of the {len(emoji_index())} shipped emoji "
        "(pass an emoji such as '🔥', a shortcode such as ':fire:', or an image file path)",
        function=function,
        argument=argument,
    )


def _virtual_category_file(path: str) -> str | None:
    """The shipped file behind ``<emoji folder>/<category>/<file>`` (AugLy's per-category layout, e.g.
    ``os.path.join(SMILEY_EMOJI_DIR, name)`` with a name listed by ``pathmgr.ls(SMILEY_EMOJI_DIR)``), or None."""
    folder, name = os.path.split(os.path.normpath(path))
    parent, category = os.path.split(folder)
    if os.path.normpath(parent) != os.path.normpath(C.EMOJI_DIR) or category not in emoji_categories():
        return None
    real = os.path.join(C.EMOJI_DIR, name)
    return real if real in emoji_files(folder) else None


def is_emoji(value: Any) -> bool:
    """For ``Check``: True when :func:`resolve_emoji` accepts ``value``."""
    try:
        resolve_emoji(value)
        return True
    except InvalidParameterError:
        return False


def emoji_categories() -> list[str]:
    """Category names of the shipped emoji (AugLy folder names: smileys, people, ...)."""
    return sorted({e["category"] for e in emoji_index()})


@functools.lru_cache(maxsize=64)
def emoji_files(directory: str) -> tuple[str, ...]:
    """Image files of an emoji 'directory': a real folder of images, a category name ("smileys") or
    the virtual category folder ``<emoji folder>/<category>`` (e.g. ``SMILEY_EMOJI_DIR``). Sorted."""
    if os.path.isdir(directory):
        files = sorted(
            os.path.join(directory, f)
            for f in os.listdir(directory)
            if f.lower().endswith((".png", ".jpg", ".jpeg", ".webp"))
        )
        if files:
            return tuple(files)
        raise InvalidParameterError(f"emoji directory {directory!r} contains no image files", argument="emoji_directory")
    category = os.path.basename(os.path.normpath(directory))
    parent = os.path.dirname(os.path.normpath(directory))
    if parent in ("", os.path.normpath(C.EMOJI_DIR)):
        files = sorted(os.path.join(C.EMOJI_DIR, e["file"]) for e in emoji_index() if e["category"] == category)
        if files:
            return tuple(files)
    raise InvalidParameterError(
        f"emoji directory {directory!r} is neither a folder of images nor a shipped emoji category "
        f"({', '.join(emoji_categories())})",
        argument="emoji_directory",
    )


@functools.lru_cache(maxsize=64)
def load_rgba(path: str) -> Image.Image:
    """The image at ``path`` as RGBA (cached; do not modify the returned image)."""
    try:
        with Image.open(path) as im:
            im.load()
            return im.convert("RGBA") if im.mode != "RGBA" else im.copy()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for corrupt files
        raise MediaReadError(f"cannot read emoji image '{path}': {exc}") from None


@functools.lru_cache(maxsize=512)
def scaled_emoji(path: str, height: int) -> Image.Image:
    """The emoji at ``height`` px (aspect kept), LANCZOS-resampled and cached (do not modify)."""
    im = load_rgba(path)
    height = max(1, int(height))
    width = max(1, round(im.width * height / im.height))
    if (width, height) == im.size:
        return im
    return im.resize((width, height), Image.Resampling.LANCZOS)
