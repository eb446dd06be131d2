"""nlpaug's data files: keyboard neighbours (11 layouts), OCR confusions and English misspellings, read from the
installed nlpaug package's ``res`` folder. ``nlpaug.augmenter`` is never imported (it costs ~0.85 s and uses global
random state); only its data is used."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from ...core.errors import InvalidParameterError, MediaReadError
from ...utils.base_paths import nlpaug_resources
from ...utils.constants import MISSPELLING_DICTIONARY_PATH
from .tables import read_json

KEYBOARD_LANGUAGES = ("de", "en", "es", "fr", "he", "it", "nl", "pl", "th", "tr", "uk")


@functools.lru_cache(maxsize=1)
def nlpaug_res() -> Path:
    """The ``res`` folder of the installed nlpaug package (located without importing nlpaug)."""
    return Path(nlpaug_resources())


@functools.cache
def keyboard(language: str) -> dict[str, tuple[str, ...]]:
    """Keyboard neighbours char → tuple of chars (nlpaug's map for ``language``), upper-case keys added."""
    if language not in KEYBOARD_LANGUAGES:
        raise InvalidParameterError(f"argument 'language' must be one of {', '.join(KEYBOARD_LANGUAGES)}, "
                                    f"got {language!r}", argument="language")
    raw = read_json(nlpaug_res() / "char" / "keyboard" / f"{language}.json", "keyboard map")
    # nlpaug's data has slips (en.json lists " t" for "u"): strip whitespace, keep non-empty, dedupe
    out: dict[str, tuple[str, ...]] = {}
    for k, v in raw.items():
        vals = tuple(dict.fromkeys(x.strip() for x in v if x.strip() and x.strip() != k))
        if vals:
            out[k] = vals
    for k, v in list(out.items()):
        up = k.upper()
        if up != k and len(up) == 1 and up not in out:
            out[up] = tuple(c.upper() if len(c.upper()) == 1 else c for c in v)
    return out


@functools.lru_cache(maxsize=1)
def ocr() -> dict[str, tuple[str, ...]]:
    """OCR confusions char → tuple of strings (nlpaug's English OCR map)."""
    raw = read_json(nlpaug_res() / "char" / "ocr" / "en.json", "OCR map")
    return {k: tuple(dict.fromkeys(x.strip() for x in v if x.strip())) for k, v in raw.items() if k.strip()
            and any(x.strip() for x in v)}


def _read_misspellings(path: Any) -> dict[str, tuple[str, ...]]:
    p = Path(os.fspath(path))
    if p.suffix == ".json":
        raw = read_json(p, "misspelling_dict_path")
        if not isinstance(raw, dict):
            raise MediaReadError(f"misspelling_dict_path: '{p}' must hold a JSON object word -> list of misspellings")
        return {str(k).lower(): tuple(v if isinstance(v, list) else [v]) for k, v in raw.items() if v}
    out: dict[str, list[str]] = {}
    try:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2:
                    out.setdefault(parts[0].lower(), []).extend(parts[1:])
    except OSError as exc:
        raise MediaReadError(f"misspelling_dict_path: cannot read '{p}': {exc}") from None
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=8)
def misspellings(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Word → misspellings. ``None``: nlpaug's ``spelling_en.txt``; else a .json dict or a text file
    with ``word miss1 miss2 ...`` lines."""
    return _read_misspellings(path if path is not None else MISSPELLING_DICTIONARY_PATH)

