"""Bounding boxes: formats, validation, conversion to and from normalised coordinates, labels.

Formats (AugLy's): ``pascal_voc`` (l, u, r, d px), ``pascal_voc_norm`` (l, u, r, d fractions),
``coco`` (l, u, w, h px), ``yolo`` (xc, yc, w, h fractions). Rules (:mod:`multiaug.image.targets.box_rules`)
work on ``pascal_voc_norm`` boxes as tuples of floats, and return a box or ``None`` for a box that left the image.

Labels: a box may carry fields after its 4 coordinates (``[x1, y1, x2, y2, "cat", 7]``), carried through
untouched; per-box label lists may be passed albumentations-style (``label_fields``). Inside a call every list
keeps its length (a box that left the image is ``None``); :func:`deliver` drops such boxes with their labels
(``drop_empty=True``, the default) or keeps the ``None`` when the caller returns boxes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ...core.errors import InvalidParameterError, UnknownArgumentError

BBOX_FORMATS = ("pascal_voc", "pascal_voc_norm", "coco", "yolo")
Box = tuple[float, float, float, float]


def validate_bboxes(bboxes: Any, bbox_format: Any, where: str) -> list[tuple[float, ...]]:
    """The coordinates (first 4 numbers) of every box, as float tuples; fields after the 4th (labels, ids, ...) are
    allowed and left out here (see :func:`box_extras`)."""
    if bbox_format not in BBOX_FORMATS:
        raise InvalidParameterError(
            f"{where}: argument 'bbox_format' must be one of {', '.join(BBOX_FORMATS)} when bboxes are given, "
            f"got {bbox_format!r}",
            argument="bbox_format",
        )
    if not isinstance(bboxes, (list, tuple)):
        raise InvalidParameterError(f"{where}: argument 'bboxes' must be a list of boxes [x1, y1, x2, y2, label...]",
                                    argument="bboxes")
    out = []
    for i, b in enumerate(bboxes):
        if not isinstance(b, (list, tuple)) or len(b) < 4:
            raise InvalidParameterError(f"{where}: bboxes[{i}] must start with 4 numbers (at least 4 fields: x1, y1, "
                                        f"x2, y2, then optional labels), got {b!r}", argument="bboxes")
        try:
            vals = tuple(float(v) for v in b[:4])
        except (TypeError, ValueError):
            raise InvalidParameterError(f"{where}: bboxes[{i}] must start with 4 numbers (at least 4 fields), got {b!r}",
                                        argument="bboxes") from None
        out.append(vals)
    return out


def box_extras(bboxes: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]] | None:
    """The fields after the 4 coordinates of every box (labels, ids, ...), or ``None`` when no box has any."""
    extras = [tuple(b[4:]) for b in bboxes]
    return extras if any(extras) else None


#: arguments a label list may not be named after (they mean something else in a call)
RESERVED_LABEL_NAMES = frozenset({"image", "images", "output_path", "metadata", "bboxes", "bbox_format", "seed",
                                  "force", "p", "return_bboxes", "label_fields", "drop_empty", "masks", "mask_fill",
                                  "keypoints", "keypoint_format", "return_masks", "return_keypoints"})


def collect_label_fields(fields: Any, kwargs: dict[str, Any], where: str, taken: Collection[str]) -> dict[str, Any]:
    """albumentations-style ``label_fields=["class_labels", ...]``: pop the named per-box lists from ``kwargs``."""
    if isinstance(fields, str) or not isinstance(fields, (list, tuple)) or \
            not all(isinstance(n, str) and n for n in fields):
        raise InvalidParameterError(
            f"{where}: argument 'label_fields' must be a list of argument names (each naming a per-box list passed "
            f"in the same call) or a dict {{name: list}}, got {fields!r}", argument="label_fields")
    lists: dict[str, Any] = {}
    for name in fields:
        if name in taken or name in RESERVED_LABEL_NAMES:
            raise InvalidParameterError(f"{where}: label field '{name}' clashes with an argument of the call; "
                                        "choose another name", argument="label_fields")
        if name in lists:
            raise InvalidParameterError(f"{where}: label field '{name}' is listed twice", argument="label_fields")
        if name not in kwargs:
            raise UnknownArgumentError(f"{where}: label_fields names '{name}' but no '{name}' argument was passed "
                                       f"(pass {name}=[one entry per box])", argument="label_fields")
        lists[name] = kwargs.pop(name)
    return lists


def validate_labels(labels: Any, n_boxes: int, where: str) -> dict[str, list[Any]]:
    """Copies of the per-box label lists of ``label_fields`` (a dict ``{name: list}``), each one entry per box."""
    if not isinstance(labels, Mapping):
        raise InvalidParameterError(f"{where}: argument 'label_fields' must be a list of names or a dict "
                                    f"{{name: list}}, got {type(labels).__name__}", argument="label_fields")
    out: dict[str, list[Any]] = {}
    for name, values in labels.items():
        if not isinstance(name, str) or not name:
            raise InvalidParameterError(f"{where}: label field names must be non-empty str, got {name!r}",
                                        argument="label_fields")
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or not hasattr(values, "__iter__") \
                or len(values) != n_boxes:
            got = len(values) if hasattr(values, "__len__") and not isinstance(values, (str, bytes)) else repr(values)
            raise InvalidParameterError(f"{where}: label field '{name}' must hold one entry per box ({n_boxes}), "
                                        f"got {got}", argument="label_fields")
        out[name] = list(values)
    return out


def deliver(boxes: list[Any], extras: list[tuple[Any, ...]] | None, labels: dict[str, list[Any]] | None,
            drop_empty: bool) -> tuple[list[Any], dict[str, list[Any]]]:
    """The boxes a caller gets back: coordinates plus their extra fields; a box that left the image is dropped
    with its labels (``drop_empty``) or kept as ``None`` so indices still match the input."""
    out = [None if b is None else [*b, *(extras[i] if extras else ())] for i, b in enumerate(boxes)]
    lists = {k: list(v) for k, v in (labels or {}).items()}
    if drop_empty:
        keep = [i for i, b in enumerate(out) if b is not None]
        out = [out[i] for i in keep]
        lists = {k: [v[i] for i in keep] for k, v in lists.items()}
    return out, lists


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
