"""AugLy's ``augly.utils.classes``: the :class:`Segment` named tuple."""

from __future__ import annotations

from typing import NamedTuple


class Segment(NamedTuple):
    """A time span in seconds (``start`` < ``end``), as in AugLy's audio/video segment metadata."""

    start: float
    end: float


__all__ = ["Segment"]
