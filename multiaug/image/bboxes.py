"""Bounding boxes: formats, conversion and the generic rules shared by image augmentations.

Formats (AugLy's): ``pascal_voc`` (l, u, r, d px), ``pascal_voc_norm`` (l, u, r, d fractions),
``coco`` (l, u, w, h px), ``yolo`` (xc, yc, w, h fractions). Rules work on ``pascal_voc_norm``
boxes as tuples of floats, and return a box or ``None`` for a box that left the image.

Labels: a box may carry fields after its 4 coordinates (``[x1, y1, x2, y2, "cat", 7]``), carried through
untouched; per-box label lists may be passed albumentations-style (``label_fields``). Inside a call every list
keeps its length (a box that left the image is ``None``); :func:`deliver` drops such boxes with their labels
(``drop_empty=True``, the default) or keeps the ``None`` when the caller returns boxes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..core.errors import InvalidParameterError, UnknownArgumentError

BBOX_FORMATS = ("pascal_voc", "pascal_voc_norm", "coco", "yolo")
Box = tuple[float, float, float, float]
BoxRule = Callable[[list[Box | None], dict[str, Any], dict[str, Any]], list[Box | None]]


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
                                  "force", "p", "return_bboxes", "label_fields", "drop_empty"})


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


def unchanged(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Boxes are unchanged (in normalised coordinates)."""
    return list(boxes)


def hflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror left-right: (1-r, u, 1-l, d)."""
    return [None if b is None else (1 - b[2], b[1], 1 - b[0], b[3]) for b in boxes]


def vflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror top-bottom: (l, 1-d, r, 1-u)."""
    return [None if b is None else (b[0], 1 - b[3], b[2], 1 - b[1]) for b in boxes]


# ------------------------------------------------------------------------------------------------
# Geometry helpers shared by every image family (also used by overlay/social modules).
#
# Conventions: a *rect* is (left, upper, right, lower); "px" rects are in pixels of a named image,
# "norm" rects are fractions of it. A 3×3 *matrix* maps source pixels (x, y, 1) to destination
# pixels (projective; affine matrices have last row (0, 0, 1)). Pixel coordinates are continuous:
# pixel (i, j) covers [i, i+1) × [j, j+1), so a W×H image spans [0, W] × [0, H].
# ------------------------------------------------------------------------------------------------

Rect = tuple[float, float, float, float]


def enclose(xs: Sequence[float], ys: Sequence[float]) -> Rect:
    """Smallest axis-aligned rect containing the points ``(xs[i], ys[i])``."""
    return (min(xs), min(ys), max(xs), max(ys))


def warp_points(matrix: Sequence[float], xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], list[float]]:
    """Map points through a 3×3 (row-major, 9 numbers) projective matrix."""
    m = [float(v) for v in matrix]
    if len(m) != 9:
        raise ValueError("matrix must have 9 numbers (3×3, row-major)")
    ox, oy = [], []
    for x, y in zip(xs, ys):
        w = m[6] * x + m[7] * y + m[8]
        if abs(w) < 1e-12:
            w = 1e-12 if w >= 0 else -1e-12
        ox.append((m[0] * x + m[1] * y + m[2]) / w)
        oy.append((m[3] * x + m[4] * y + m[5]) / w)
    return ox, oy


def warp_box(box: Box, matrix: Sequence[float], src_size: tuple[int, int], dst_rect: Rect) -> Box | None:
    """Move a normalised box of a ``src_size`` image through ``matrix`` (source px → canvas px) and
    express its enclosing box in normalised coordinates of ``dst_rect`` (a px rect of the canvas,
    e.g. the crop that became the output). Exact for affine and perspective maps (straight edges
    stay straight, so the enclosing box of the 4 warped corners is the enclosing box of the region)."""
    sw, sh = src_size
    l, u, r, d = box
    xs = [l * sw, r * sw, r * sw, l * sw]
    ys = [u * sh, u * sh, d * sh, d * sh]
    wx, wy = warp_points(matrix, xs, ys)
    x0, y0, x1, y1 = enclose(wx, wy)
    cl, cu, cr, cd = (float(v) for v in dst_rect)
    cw, ch = cr - cl, cd - cu
    if cw <= 0 or ch <= 0:
        return None
    return clamp_or_none(((x0 - cl) / cw, (y0 - cu) / ch, (x1 - cl) / cw, (y1 - cu) / ch))


def warp_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Warp the 4 corners (info['matrix'], source px → canvas px), enclose, then crop to info['crop'] (canvas px) if any."""
    info = facts["info"]
    matrix = info["matrix"]
    canvas = info.get("canvas") or (facts["dst_width"], facts["dst_height"])
    rect = info.get("crop") or (0.0, 0.0, float(canvas[0]), float(canvas[1]))
    size = (facts["src_width"], facts["src_height"])
    return [None if b is None else warp_box(b, matrix, size, rect) for b in boxes]


def translate_matrix(dx: float, dy: float, sx: float = 1.0, sy: float = 1.0) -> list[float]:
    """Matrix of ``x' = sx·x + dx, y' = sy·y + dy`` (row-major, 9 numbers)."""
    return [float(sx), 0.0, float(dx), 0.0, float(sy), float(dy), 0.0, 0.0, 1.0]


def place_box(box: Box, slot: Rect, canvas_size: tuple[float, float]) -> Box | None:
    """Where a normalised box of an image lands when that whole image is drawn into the px rect
    ``slot`` of a canvas of ``canvas_size`` (width, height): e.g. the content box of a screenshot
    template, a collage cell, or a background placement. Clamped to the canvas; ``None`` if gone."""
    l, u, r, d = box
    sl, su, sr, sd = (float(v) for v in slot)
    cw, ch = (float(v) for v in canvas_size)
    sw, sh = sr - sl, sd - su
    return clamp_or_none(((sl + l * sw) / cw, (su + u * sh) / ch, (sl + r * sw) / cw, (su + d * sh) / ch))


def place_rule(key: str = "slot") -> BoxRule:
    """A rule placing every box into ``info[key]`` (px rect of the output where the source image went)."""

    def rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
        slot = facts["info"][key]
        canvas = (facts["dst_width"], facts["dst_height"])
        return [None if b is None else place_box(b, slot, canvas) for b in boxes]

    rule.__doc__ = f"Place the box into info['{key}'] (the output px rect that received the source image)."
    rule.__name__ = f"place_rule_{key}"
    return rule


def crop_box(box: Box, rect: Rect) -> Box | None:
    """Express a normalised box relative to a normalised crop ``rect`` of the same image; clamped."""
    l, u, r, d = box
    cl, cu, cr, cd = rect
    cw, ch = cr - cl, cd - cu
    if cw <= 0 or ch <= 0:
        return None
    return clamp_or_none(((l - cl) / cw, (u - cu) / ch, (r - cl) / cw, (d - cu) / ch))


def occlude_box(box: Box, cover: Rect) -> Box | None:
    """What stays visible of ``box`` under an opaque normalised rect ``cover`` (same coordinates).

    A fully covered box is gone (``None``); a cover spanning a whole side of the box trims that
    side; a cover that only punches a hole (or a corner) leaves the box unchanged, because the
    visible region's enclosing box does not change."""
    l, u, r, d = box
    cl, cu, cr, cd = cover
    if cr <= l or cl >= r or cd <= u or cu >= d:
        return box
    spans_h = cl <= l and cr >= r
    spans_v = cu <= u and cd >= d
    if spans_h and spans_v:
        return None
    if spans_v:
        if cl <= l:
            l = cr
        elif cr >= r:
            r = cl
    if spans_h:
        if cu <= u:
            u = cd
        elif cd >= d:
            d = cu
    return clamp_or_none((l, u, r, d))


def pieces_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Cut the box along info['pieces'] (source px rects with their px offsets), move the pieces, enclose them."""
    pieces = facts["info"]["pieces"]
    sw, sh = facts["src_width"], facts["src_height"]
    dw, dh = facts["dst_width"], facts["dst_height"]
    out: list[Box | None] = []
    for b in boxes:
        if b is None:
            out.append(None)
            continue
        l, u, r, d = b[0] * sw, b[1] * sh, b[2] * sw, b[3] * sh
        xs: list[float] = []
        ys: list[float] = []
        for pl, pu, pr, pd, ox, oy in pieces:
            il, iu, ir, idn = max(l, pl), max(u, pu), min(r, pr), min(d, pd)
            if ir > il and idn > iu:
                xs += [il + ox, ir + ox]
                ys += [iu + oy, idn + oy]
        if not xs:
            out.append(None)
            continue
        x0, y0, x1, y1 = enclose(xs, ys)
        out.append(clamp_or_none((x0 / dw, y0 / dh, x1 / dw, y1 / dh)))
    return out


def occlude_rule(key: str = "cover") -> BoxRule:
    """A rule for same-size overlays: boxes keep their place, then what ``info[key]`` hides is removed.

    ``info[key]`` is the px rect of the output painted opaquely (e.g. a pasted overlay whose
    opacity reached ``max_visible_opacity``), or ``None`` when nothing occludes. See :func:`occlude_box`."""

    def rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
        cover = facts["info"].get(key)
        if cover is None:
            return list(boxes)
        dw, dh = facts["dst_width"], facts["dst_height"]
        norm = (cover[0] / dw, cover[1] / dh, cover[2] / dw, cover[3] / dh)
        return [None if b is None else occlude_box(b, norm) for b in boxes]

    rule.__doc__ = f"Boxes unchanged, then trimmed or removed where info['{key}'] (output px rect) hides them."
    rule.__name__ = f"occlude_rule_{key}"
    return rule
