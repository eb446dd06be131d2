"""Homoglyph folding: map a text back to what a reader sees (the readability proxy of the moderation presets).

Pure function on strings; the table comes from :func:`multiaug.text.resources.folding.homoglyph_fold_table`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping


def fold_text(text: str, table: Mapping[str, str]) -> str:
    """What a reader sees: NFKC-normalised (fancy-font letters → plain ones), format characters (zero-width
    spaces and joiners, bidi marks; Unicode category Cf) removed, every look-alike character replaced by the
    character it imitates (``table``: look-alike → original), then case-folded.

    Args:
        text: any text.
        table: one-character look-alikes → the character they imitate (e.g. Cyrillic "а" → "a").

    Returns:
        The folded text (never longer than the NFKC form of ``text``).
    """
    norm = unicodedata.normalize("NFKC", text)
    return "".join(table.get(ch, ch) for ch in norm if unicodedata.category(ch) != "Cf").casefold()


__all__ = ["fold_text"]
