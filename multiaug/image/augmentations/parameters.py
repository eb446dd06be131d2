"""Parameter types shared by image declarations: ``Annotated`` aliases and ``Check`` constraints.

A declaration annotates a parameter with one of these (``color: RGBColor = (0, 0, 0)``); the registry reads the
constraint (range, unit, check) from it, validates calls and shows the public type (``tuple[int, int, int]``)
in signatures and docs.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.spec import Check, Range, Unit
from ..kernels.text_render import to_rgba
from ..resources.fonts import is_font_file


def is_color(value: Any) -> bool:
    """True for an (r, g, b) or (r, g, b, a) sequence of ints in [0, 255]."""
    return (
        isinstance(value, (tuple, list))
        and len(value) in (3, 4)
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 0 <= int(v) <= 255 for v in value)
    )


def uniform(rng: np.random.Generator, low: float, high: float) -> float:
    """``float(rng.uniform(low, high))``: the same value from the same single draw (numpy's uniform is
    ``low + (high − low)·next_double``, in doubles), without the ~1 µs of argument handling numpy spends per scalar
    call; ``low > high`` is left to numpy (which refuses it)."""
    lo, hi = float(low), float(high)
    span = hi - lo
    if not 0.0 <= span < math.inf:  # reversed, infinite or NaN bounds: numpy's own error
        return float(rng.uniform(lo, hi))
    return lo + span * rng.random()


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


# --- text overlays ------------------------------------------------------------------------------------
def is_color_or_name(value: Any) -> bool:
    """For ``Check``: an RGB(A) tuple of 0-255 ints or a Pillow colour name."""
    try:
        to_rgba(value)
        return True
    except InvalidParameterError:
        return False


def is_rgb(value: Any) -> bool:
    """For ``Check``: an (r, g, b) tuple/list of 0-255 ints."""
    return isinstance(value, (tuple, list)) and len(value) == 3 and is_color_or_name(tuple(value))


# --- parameter checks shared by the text overlays (used in ``Annotated[..., Check]``) -----------------
def font_list_ok(v: Any) -> bool:
    """For ``Check``: None, a font path/name, or a non-empty list of them."""
    if v is None or isinstance(v, str):
        return v is None or is_font_file(v)
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(f, str) and is_font_file(f) for f in v)


def phrases_ok(v: Any) -> bool:
    """For ``Check``: None or a non-empty list of non-empty strings."""
    return v is None or (isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(s, str) and s.strip() for s in v))


def ranking_ok(v: Any) -> bool:
    """For ``Check``: A non-empty dict {rank (int or digit str): label (str)}."""
    return isinstance(v, dict) and 0 < len(v) and all(
        str(k).strip().lstrip("-").isdigit() and isinstance(lbl, str) for k, lbl in v.items())


def positions_ok(v: Any) -> bool:
    """For ``Check``: None or a list of (x, y) pairs of fractions in [0, 1]."""
    return v is None or (isinstance(v, (list, tuple)) and all(
        isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(c, (int, float)) and not isinstance(c, bool)
                                                             and 0 <= c <= 1 for c in p) for p in v))


RGB_CHECK = Check(is_rgb, "must be an (r, g, b) tuple of ints in [0, 255]")
OPT_RGB_CHECK = Check(lambda v: v is None or is_rgb(v), "must be None or an (r, g, b) tuple of ints in [0, 255]")
COLOR_OR_NAME_CHECK = Check(is_color_or_name, "must be an (r, g, b) tuple of ints in [0, 255] or a colour name")
FONT_CHECK = Check(is_font_file, "must be a font file path or the name of a shipped font")
TEXT_CHECK = Check(lambda v: isinstance(v, str) and v.strip() != "", "must be a non-empty str ('\\n' starts a new line)")

#: a text colour: an (r, g, b) tuple of ints in [0, 255] (exactly three)
RGB = Annotated[tuple[int, int, int], RGB_CHECK]
#: an :data:`RGB` or None
OptionalRGB = Annotated[tuple[int, int, int] | None, OPT_RGB_CHECK]
#: a colour as an (r, g, b) tuple or a Pillow colour name ("yellow")
ColorOrName = Annotated[Any, COLOR_OR_NAME_CHECK]
#: a font file path or the file name of a shipped font
FontFile = Annotated[str, FONT_CHECK]
#: non-empty text (``\n`` starts a new line)
Text = Annotated[str, TEXT_CHECK]
