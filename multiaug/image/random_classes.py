"""AugLy's image range classes: a parameter drawn uniformly in [min, max] on every call.

``RandomBlur(min_radius=0.0, max_radius=10.0, p=1.0)`` is the ``Blur`` class with
``radius=Uniform(min_radius, max_radius)``; the record carries the function's name (``"blur"``)
and the drawn value, so it replays exactly. Draws come from the instance's seeded generator
(``seed=``) or the call's ``seed``, never from the global ``random``.
"""

from __future__ import annotations

from ..core.transform import make_range_class
from .color import brightness
from .filters import blur, pixelization
from .geometry import change_aspect_ratio, rotate

_MODULE = "multiaug.image"

RandomAspectRatio = make_range_class(
    "RandomAspectRatio", change_aspect_ratio.__multiaug_entry__, "ratio", ("min_ratio", 0.5), ("max_ratio", 2.0), _MODULE
)
RandomBlur = make_range_class(
    "RandomBlur", blur.__multiaug_entry__, "radius", ("min_radius", 0.0), ("max_radius", 10.0), _MODULE
)
RandomBrightness = make_range_class(
    "RandomBrightness", brightness.__multiaug_entry__, "factor", ("min_factor", 0.0), ("max_factor", 2.0), _MODULE
)
RandomPixelization = make_range_class(
    "RandomPixelization", pixelization.__multiaug_entry__, "ratio", ("min_ratio", 0.1), ("max_ratio", 1.0), _MODULE
)
RandomRotation = make_range_class(
    "RandomRotation",
    rotate.__multiaug_entry__,
    "degrees",
    ("min_degrees", 0.0),
    ("max_degrees", 180.0),
    _MODULE,
    fixed={"expand": False, "fill_color": None},
)

EXPORTS = ("RandomAspectRatio", "RandomBlur", "RandomBrightness", "RandomPixelization", "RandomRotation")
