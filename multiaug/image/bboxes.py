"""Bounding boxes: formats, conversion and the generic rules shared by image augmentations.

Formats (AugLy's): ``pascal_voc`` (l, u, r, d px), ``pascal_voc_norm`` (l, u, r, d fractions),
``coco`` (l, u, w, h px), ``yolo`` (xc, yc, w, h fractions). Rules work on ``pascal_voc_norm``
boxes as tuples of floats, and return a box or ``None`` for a box that left the image.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ..core.errors import InvalidParameterError

BBOX_FORMATS = ("pascal_voc", "pascal_voc_norm", "coco", "yolo")
Box = tuple[float, float, float, float]
BoxRule = Callable[[list[Box | None], dict[str, Any], dict[str, Any]], list[Box | None]]


def validate_bboxes(bboxes: Any, bbox_format: Any, where: str) -> list[tuple[float, ...]]:
    if bbox_format not in BBOX_FORMATS:
        raise InvalidParameterError(
            f"{where}: argument 'bbox_format' must be one of {', '.join(BBOX_FORMATS)} when bboxes are given, "
            f"got {bbox_format!r}",
            argument="bbox_format",
        )
    if not isinstance(bboxes, (list, tuple)):
        raise InvalidParameterError(f"{where}: argument 'bboxes' must be a list of 4-number boxes", argument="bboxes")
    out = []
    for i, b in enumerate(bboxes):
        if not isinstance(b, (list, tuple)) or len(b) != 4:
            raise InvalidParameterError(f"{where}: bboxes[{i}] must have 4 numbers, got {b!r}", argument="bboxes")
        try:
            vals = tuple(float(v) for v in b)
        except (TypeError, ValueError):
            raise InvalidParameterError(f"{where}: bboxes[{i}] must have 4 numbers, got {b!r}", argument="bboxes") from None
        out.append(vals)
    return out


def to_norm(box: Sequence[float], fmt: str, width: int, height: int, where: str = "bboxes", index: int = 0) -> Box:
    """Convert one box of ``fmt`` to pascal_voc_norm using the image size; validate it."""
    a, b, c, d = (float(v) for v in box)
    if fmt == "pascal_voc":
        l, u, r, lo = a / width, b / height, c / width, d / height
    elif fmt == "pascal_voc_norm":
        l, u, r, lo = a, b, c, d
    elif fmt == "coco":
        l, u, r, lo = a / width, b / height, (a + c) / width, (b + d) / height
    else:  # yolo
        l, u, r, lo = a - c / 2, b - d / 2, a + c / 2, b + d / 2
    eps = 1e-6
    if not (-eps <= l <= r + eps and r <= 1 + eps and -eps <= u <= lo + eps and lo <= 1 + eps):
        raise InvalidParameterError(
            f"{where}: bboxes[{index}] = {list(box)} ({fmt}) is not inside the {width}x{height} image "
            "(need 0 <= left <= right <= 1 and 0 <= upper <= lower <= 1 in normalised units)",
            argument="bboxes",
        )
    return (min(max(l, 0.0), 1.0), min(max(u, 0.0), 1.0), min(max(r, 0.0), 1.0), min(max(lo, 0.0), 1.0))


def from_norm(box: Box, fmt: str, width: int, height: int) -> list[float]:
    l, u, r, d = box
    if fmt == "pascal_voc":
        return [l * width, u * height, r * width, d * height]
    if fmt == "pascal_voc_norm":
        return [l, u, r, d]
    if fmt == "coco":
        return [l * width, u * height, (r - l) * width, (d - u) * height]
    return [(l + r) / 2, (u + d) / 2, r - l, d - u]


def clamp_or_none(box: Sequence[float] | None, min_size: float = 1e-9) -> Box | None:
    """Clamp to [0, 1]; a box with no area left becomes ``None``."""
    if box is None:
        return None
    l, u, r, d = (min(max(float(v), 0.0), 1.0) for v in box)
    if r - l <= min_size or d - u <= min_size:
        return None
    return (l, u, r, d)


def unchanged(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Boxes are unchanged (in normalised coordinates)."""
    return list(boxes)


def hflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror left-right: (1-r, u, 1-l, d)."""
    return [None if b is None else (1 - b[2], b[1], 1 - b[0], b[3]) for b in boxes]


def vflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror top-bottom: (l, 1-d, r, 1-u)."""
    return [None if b is None else (b[0], 1 - b[3], b[2], 1 - b[1]) for b in boxes]
