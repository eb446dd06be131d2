"""The homoglyph folding table: every shipped look-alike (``assets/text/homoglyphs.json``, from Unicode's
``confusables.txt``) mapped back to the ASCII character it imitates."""

from __future__ import annotations

import functools

from ..kernels.fold import fold_text
from .tables import asset_json


@functools.lru_cache(maxsize=1)
def homoglyph_fold_table() -> dict[str, str]:
    """Look-alike character → the ASCII character it imitates (single characters only). A few look-alikes imitate
    several characters (U+01C0 looks like l, I and 1): lower-case letters win, then upper-case, then the rest."""
    table: dict[str, str] = {}
    rank = lambda kv: (not kv[0].islower(), not kv[0].isupper(), kv[0])  # noqa: E731
    for original, lookalikes in sorted(asset_json("homoglyphs.json").items(), key=rank):
        for ch in lookalikes:
            if len(ch) == 1 and ch != original:
                table.setdefault(ch, original)
    return table


def fold_homoglyphs(text: str) -> str:
    """:func:`multiaug.text.kernels.fold.fold_text` with the shipped table: what a reader sees of ``text``."""
    return fold_text(text, homoglyph_fold_table())
