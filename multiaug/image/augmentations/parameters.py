"""Parameter types shared by image declarations: ``Annotated`` aliases and ``Check`` constraints.

A declaration annotates a parameter with one of these (``color: RGBColor = (0, 0, 0)``); the registry reads the
constraint (range, unit, check) from it, validates calls and shows the public type (``tuple[int, int, int]``)
in signatures and docs.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.spec import Check, Range, Unit


def is_color(value: Any) -> bool:
    """True for an (r, g, b) or (r, g, b, a) sequence of ints in [0, 255]."""
    return (
        isinstance(value, (tuple, list))
        and len(value) in (3, 4)
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 0 <= int(v) <= 255 for v in value)
    )


COLOR_CHECK = Check(is_color, "must be an (r, g, b) tuple of ints in [0, 255]")

#: a colour as an (r, g, b) tuple of ints in [0, 255] (an alpha value is tolerated)
RGBColor = Annotated[tuple[int, int, int], COLOR_CHECK]
#: an :data:`RGBColor` or None
OptionalRGBColor = Annotated[tuple[int, int, int] | None, COLOR_CHECK]
#: a multiplier ≥ 0 (1 leaves the image unchanged)
Factor = Annotated[float, Range(0, None)]
#: a fraction of the image width or height, in [0, 1]
Fraction = Annotated[float, Range(0, 1), Unit("frac")]
#: an opacity in [0, 1]
Opacity = Annotated[float, Range(0, 1)]
#: a Pillow resampling filter: 0 NEAREST, 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING
Resample = Annotated[int, Range(0, 5)]
#: the seed of a random augmentation: an int (recorded, replays exactly), a numpy Generator or None (fresh entropy)
Seed = int | np.random.Generator | None
