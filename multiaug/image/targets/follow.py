"""Which rule moves an augmentation's keypoints and masks.

A declaration may name them (``@augmentation(IMAGE, ..., bbox=rule, keypoints=point_rule, masks=mask_rule)``);
otherwise they are derived from its box rule: every shared box rule of :mod:`.box_rules` has an exact point form
and mask form (``unchanged`` → unchanged / stretched by resizes, flips, ``warp_rule`` → the same matrix, canvas and
crop, ``pieces_rule`` → the same tile moves). A declaration whose motion cannot be expressed exactly for a target
kind says so with :class:`Refuse`; a custom box rule without declared point and mask forms refuses too, so a
target is never moved silently wrong.
"""

from __future__ import annotations

from typing import Any

from . import box_rules, mask_rules, point_rules


class Refuse:
    """A keypoint or mask rule that refuses the target: ``why`` says why it cannot be moved exactly."""

    def __init__(self, why: str) -> None:
        self.why = why
        self.__doc__ = f"refused: {why}"
        self.__name__ = "refuse"

    def __repr__(self) -> str:
        return f"Refuse({self.why!r})"


DERIVED: dict[Any, tuple[point_rules.PointRule, mask_rules.MaskRule]] = {
    box_rules.unchanged: (point_rules.unchanged, mask_rules.unchanged),
    box_rules.hflip_rule: (point_rules.hflip, mask_rules.hflip),
    box_rules.vflip_rule: (point_rules.vflip, mask_rules.vflip),
    box_rules.warp_rule: (point_rules.warp, mask_rules.warp),
    box_rules.pieces_rule: (point_rules.pieces, mask_rules.pieces),
}


def _rule(rules: dict[str, Any], key: str, index: int) -> Any:
    declared = rules.get(key)
    if declared is not None:
        return declared
    derived = DERIVED.get(rules.get("bbox"))
    if derived is not None:
        return derived[index]
    name = getattr(rules.get("bbox"), "__name__", "custom")
    return Refuse(f"its box rule ({name}) has no exact {'point' if index == 0 else 'mask'} form declared")


def keypoint_rule(rules: dict[str, Any]) -> point_rules.PointRule | Refuse:
    """The rule moving keypoints for an entry's ``rules`` (declared ``keypoints=`` or derived from ``bbox=``)."""
    return _rule(rules, "keypoints", 0)


def mask_rule(rules: dict[str, Any]) -> mask_rules.MaskRule | Refuse:
    """The rule moving masks for an entry's ``rules`` (declared ``masks=`` or derived from ``bbox=``)."""
    return _rule(rules, "masks", 1)
