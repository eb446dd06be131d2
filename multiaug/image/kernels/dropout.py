"""Dropout kernels: rectangles filled with a constant or with noise (CoarseDropout, random erasing)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def fill_rects(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]], fill: float | Sequence[float] | str = 0,
               rng: np.random.Generator | None = None) -> np.ndarray:
    """A copy of ``image`` with each rect (x1, y1, x2, y2 px, right/bottom exclusive) filled.

    Args:
        image: uint8 H×W or H×W×C.
        rects: rectangles in px; parts outside the image are ignored.
        fill: a value for every band, one value per band, or ``"random"`` (uniform noise from ``rng``).
        rng: required when ``fill == "random"``.
    """
    out = image.copy()
    h, w = image.shape[:2]
    value = None  # the constant fill as an array of out's dtype, converted once (not per rect)
    if not isinstance(fill, str):
        value = np.asarray(fill, dtype=out.dtype)
        if value.ndim:
            value = value[: out.shape[-1] if out.ndim == 3 else 1]
    for x1, y1, x2, y2 in rects:
        x1, y1, x2, y2 = max(int(x1), 0), max(int(y1), 0), min(int(x2), w), min(int(y2), h)
        if x2 <= x1 or y2 <= y1:
            continue
        region = out[y1:y2, x1:x2]
        if value is None:
            if fill != "random" or rng is None:
                raise ValueError("fill must be a number, a per-band sequence, or 'random' with an rng")
            region[...] = rng.integers(0, 256, size=region.shape, dtype=np.uint8)
        else:
            region[...] = value
    return out


def band_fill(image: np.ndarray, fill: float | Sequence[float] | str) -> float | list[int] | str:
    """``fill`` for the bands of ``image``: a level or "random" as is; an (r, g, b) colour as its luma (BT.601,
    rounded) for grey images, plus an opaque alpha for LA / RGBA."""
    if isinstance(fill, str) or np.ndim(fill) == 0:
        return fill  # type: ignore[return-value]
    bands = 1 if image.ndim == 2 else image.shape[2]
    vals = list(fill)[:3]
    if bands in (1, 2):
        grey = int(round(0.299 * vals[0] + 0.587 * vals[1] + 0.114 * vals[2]))
        return grey if bands == 1 else [grey, 255]
    return [int(v) for v in vals] + ([255] if bands == 4 else [])


def rects_area(rects: Sequence[tuple[int, int, int, int]], width: int, height: int) -> float:
    """Fraction of the image covered by the union of the rects (px, right/bottom exclusive, clipped to the image).

    Counted exactly on the grid of the rects' own edges (at most (2n − 1)² cells for n rects) instead of a
    full-size mask: the same covered pixel count, so the same fraction, without an H×W pass per call."""
    if width <= 0 or height <= 0:
        return 0.0
    boxes = []
    for x1, y1, x2, y2 in rects:
        cx1, cy1 = max(int(x1), 0), max(int(y1), 0)
        cx2, cy2 = max(min(int(x2), width), 0), max(min(int(y2), height), 0)
        if cx2 > cx1 and cy2 > cy1:
            boxes.append((cx1, cy1, cx2, cy2))
    if not boxes:
        return 0.0
    xs = sorted({v for b in boxes for v in (b[0], b[2])})
    ys = sorted({v for b in boxes for v in (b[1], b[3])})
    xi, yi = {v: i for i, v in enumerate(xs)}, {v: i for i, v in enumerate(ys)}
    cells = np.zeros((len(ys) - 1, len(xs) - 1), dtype=bool)
    for x1, y1, x2, y2 in boxes:
        cells[yi[y1]:yi[y2], xi[x1]:xi[x2]] = True
    sizes = np.outer(np.diff(ys), np.diff(xs))
    covered = int(sizes[cells].sum())
    return covered / (width * height)
