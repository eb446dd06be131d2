"""Box rules: how an augmentation moves boxes, one function per kind of motion, shared by every image family.

A rule is ``rule(boxes, params, facts) -> boxes``: ``boxes`` are ``pascal_voc_norm`` tuples (or ``None`` for a
box already gone), ``params`` the call's validated parameters, ``facts`` the ``src_*``/``dst_*`` sizes plus the
kernel's ``info``. It returns one box (or ``None``) per input box; the modality clamps them and converts them
back to the caller's format (:mod:`multiaug.image.targets.boxes`).

Conventions: a *rect* is (left, upper, right, lower); "px" rects are in pixels of a named image, "norm" rects
are fractions of it. A 3×3 *matrix* maps source pixels (x, y, 1) to destination pixels (projective; affine
matrices have last row (0, 0, 1)). Pixel coordinates are continuous: pixel (i, j) covers [i, i+1) × [j, j+1), so
a W×H image spans [0, W] × [0, H].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .boxes import Box, clamp_or_none

BoxRule = Callable[[list[Box | None], dict[str, Any], dict[str, Any]], list[Box | None]]
Rect = tuple[float, float, float, float]


def unchanged(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Boxes are unchanged (in normalised coordinates)."""
    return list(boxes)


def hflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror left-right: (1-r, u, 1-l, d)."""
    return [None if b is None else (1 - b[2], b[1], 1 - b[0], b[3]) for b in boxes]


def vflip_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Mirror top-bottom: (l, 1-d, r, 1-u)."""
    return [None if b is None else (b[0], 1 - b[3], b[2], 1 - b[1]) for b in boxes]


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
