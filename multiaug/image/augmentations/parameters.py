"""Parameter types shared by image declarations: ``Annotated`` aliases and ``Check`` constraints.

A declaration annotates a parameter with one of these (``color: RGBColor = (0, 0, 0)``); the registry reads the
constraint (range, unit, check) from it, validates calls and shows the public type (``tuple[int, int, int]``)
in signatures and docs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...core.spec import Check


def is_color(value: Any) -> bool:
    """True for an (r, g, b) or (r, g, b, a) sequence of ints in [0, 255]."""
    return (
        isinstance(value, (tuple, list))
        and len(value) in (3, 4)
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 0 <= int(v) <= 255 for v in value)
    )


COLOR_CHECK = Check(is_color, "must be an (r, g, b) tuple of ints in [0, 255]")
