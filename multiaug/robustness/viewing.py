"""Kept import path: the viewing rules (transparency composited onto a background before hashing or comparing) live
in :mod:`multiaug.measures.viewing`, shared by the robustness measures, the adapters and expand's near-duplicate
hashes."""

from __future__ import annotations

from ..measures.viewing import WHITE, flatten, has_transparency, parse_background

__all__ = ["WHITE", "flatten", "has_transparency", "parse_background"]
