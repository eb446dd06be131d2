"""THE character diff of two texts as HTML: deletions in ``<del>``, insertions in ``<ins>``, and characters a reader
cannot see (format and control characters, line/paragraph separators, spaces other than U+0020) written as
``⟨U+XXXX⟩`` so a zero-width insertion is visible. Used by the robustness report, the gallery and the notebook
helpers (which add inline styles, as a notebook has no page style sheet).
"""

from __future__ import annotations

import difflib
import html
import unicodedata
from collections.abc import Sequence

from .html import HTML

_DEL_STYLE = "background:#fdd;color:#a00"
_INS_STYLE = "background:#dfd;color:#070;text-decoration:none"


def visible(s: str) -> str:
    """``s`` HTML-escaped, with invisible characters (categories Cf, Cc, Zl, Zp and Zs other than U+0020) written
    as ``⟨U+XXXX⟩``."""
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Zl", "Zp") or (cat == "Zs" and ch != " "):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return html.escape("".join(out))


def text_diff_html(before: str, after: str, *, inline_style: bool = False) -> str:
    """Character diff of ``before`` → ``after`` (``difflib.SequenceMatcher`` opcodes, no autojunk).

    Args:
        before: the original text.
        after: the changed text.
        inline_style: colour ``<del>``/``<ins>`` with inline styles and wrap the diff in a monospace span (for
            places without the report's style sheet, such as notebooks).
    """
    sm = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    d_open = f"<del style='{_DEL_STYLE}'>" if inline_style else "<del>"
    i_open = f"<ins style='{_INS_STYLE}'>" if inline_style else "<ins>"
    parts = []
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            parts.append(visible(before[a0:a1]))
        if op in ("delete", "replace"):
            parts.append(f"{d_open}{visible(before[a0:a1])}</del>")
        if op in ("insert", "replace"):
            parts.append(f"{i_open}{visible(after[b0:b1])}</ins>")
    body = "".join(parts)
    if inline_style:
        return f"<span style='font-family:monospace;white-space:pre-wrap'>{body}</span>"
    return body


def text_diff(before: str | Sequence[str], after: str | Sequence[str]) -> HTML:
    """HTML diff (inline styles) of one text or of matching lists of texts, one row per pair."""
    pairs = [(before, after)] if isinstance(before, str) else list(zip(before, after))
    rows = "".join(f"<div style='margin:2px 0'>{text_diff_html(str(b), str(a), inline_style=True)}</div>"
                   for b, a in pairs)
    return HTML(rows)


__all__ = ["text_diff", "text_diff_html", "visible"]
