"""AugLy's image random classes: range classes (a parameter drawn uniformly in [min, max] on every call) and
``RandomEmojiOverlay``.

``RandomBlur(min_radius=0.0, max_radius=10.0, p=1.0)`` is the ``Blur`` class with
``radius=Uniform(min_radius, max_radius)``; the record carries the function's name (``"blur"``)
and the drawn value, so it replays exactly. Draws come from the instance's seeded generator
(``seed=``) or the call's ``seed``, never from the global ``random``.

``RandomEmojiOverlay``: AugLy's random-emoji class, without AugLy's global-seed bug.

AugLy re-seeds the global ``random`` with ``seed`` on every call, so it always picks the same emoji.
Here ``seed`` seeds the *instance's* generator: each call draws its own call seed from it, and the
emoji (and any ``(low, high)`` ranges) are drawn from that call's generator. Calls differ, a run is
reproducible, the drawn ``emoji_path`` is recorded and a record replays exactly. The global
``random``/``numpy.random`` states are never touched.
"""

from __future__ import annotations

import inspect
from typing import Any

from ...core.classes import class_for
from ...core.transform import Choice, make_range_class
from ..resources import constants as C
from ..resources.emoji import emoji_files
from .color import brightness
from .filters import blur, pixelization
from .geometry import change_aspect_ratio, rotate
from .overlay import overlay_emoji

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

_OverlayEmoji = class_for(overlay_emoji.__multiaug_entry__)  # type: ignore[attr-defined]


class RandomEmojiOverlay(_OverlayEmoji):  # type: ignore[misc, valid-type]
    """Overlay an emoji picked at random (per call) from a directory or emoji category.

    Args:
        emoji_directory: a folder of emoji images, a shipped category name ("smileys", "people",
            "animals_and_nature", "food_and_drink", "travel_and_places", "objects", "symbols",
            "activity") or the virtual folder ``<emoji folder>/<category>`` (default ``SMILEY_EMOJI_DIR``).
        opacity: emoji opacity in [0, 1], or a (low, high) range drawn per call.
        emoji_size: emoji height as a fraction of the image height, or a (low, high) range.
        x_pos: left edge as a fraction of the width, or a (low, high) range.
        y_pos: top edge as a fraction of the height, or a (low, high) range.
        seed: seed of the instance's generator (AugLy default 42); None uses fresh entropy.
        p: probability of applying, in [0, 1].
    """

    def __init__(
        self,
        emoji_directory: str = C.SMILEY_EMOJI_DIR,
        opacity: Any = 1.0,
        emoji_size: Any = 0.15,
        x_pos: Any = 0.4,
        y_pos: Any = 0.8,
        seed: int | None = 42,
        p: float = 1.0,
    ):
        files = emoji_files(str(emoji_directory))
        super().__init__(emoji_path=Choice(list(files)), opacity=opacity, emoji_size=emoji_size, x_pos=x_pos,
                         y_pos=y_pos, p=p, seed=seed)
        self.emoji_directory = str(emoji_directory)

    def __repr__(self) -> str:
        return f"RandomEmojiOverlay(emoji_directory={self.emoji_directory!r}, p={self.p})"


_sig = inspect.signature(RandomEmojiOverlay.__init__)
RandomEmojiOverlay.__signature__ = _sig.replace(parameters=list(_sig.parameters.values())[1:])  # type: ignore[attr-defined]
RandomEmojiOverlay.__module__ = "multiaug.image"

EXPORTS = ("RandomAspectRatio", "RandomBlur", "RandomBrightness", "RandomEmojiOverlay", "RandomPixelization",
           "RandomRotation")
