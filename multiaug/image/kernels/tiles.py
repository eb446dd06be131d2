"""Tile kernels: pixel shuffles, grid shuffles, collages and stacks (PIL images in working modes).

Random permutations are drawn by the caller and passed in; these functions only move pixels.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image

from .modes import fill_for, to_array, working


def shuffle_pixels(img: Image.Image, permutation: np.ndarray | None, positions: np.ndarray | None = None) -> Image.Image:
    """Move pixels: ``out[i] = img[permutation[i]]`` over the row-major pixel positions, or, with ``positions``,
    ``out[positions[i]] = img[positions[permutation[i]]]`` (the other pixels stay). ``permutation`` None copies.

    Each pixel is packed into one machine word so a gather moves whole pixels in one pass: RGB is widened to RGBA
    (a C conversion) and viewed as uint32, LA as uint16, L as uint8.
    """
    if permutation is None:
        return img.copy()
    packed = img.convert("RGBA") if img.mode == "RGB" else img
    arr = to_array(packed)
    word = {1: np.uint8, 2: np.uint16, 4: np.uint32}[1 if arr.ndim == 2 else arr.shape[2]]
    items = np.ascontiguousarray(arr).view(word).reshape(-1)
    if positions is None:
        out_items = items[permutation]
    else:
        out_items = items.copy()
        out_items[positions] = items[positions][permutation]
    out = Image.fromarray(out_items.view(np.uint8).reshape(arr.shape))
    return out.convert("RGB") if img.mode == "RGB" else out


def split_and_shuffle(img: Image.Image, n_columns: int, n_rows: int, permutation: list[int]) -> tuple[Image.Image, list[list[float]]]:
    """Cut ``img`` into an n_columns × n_rows grid of ``W // n_columns`` × ``H // n_rows`` tiles; output slot i
    (row-major) receives source tile ``permutation[i]``; the remainder strips on the right and at the bottom stay.

    Returns:
        (image, pieces): each piece is a source px rect with its px offset ``[l, u, r, d, dx, dy]`` (the box
        rule moves boxes piece by piece).
    """
    w, h = img.size
    n = n_columns * n_rows
    tw, th = w // n_columns, h // n_rows
    arr = to_array(img)
    out = arr.copy()
    gw, gh = tw * n_columns, th * n_rows
    rest = arr.shape[2:]
    grid = arr[:gh, :gw].reshape(n_rows, th, n_columns, tw, *rest).swapaxes(1, 2).reshape(n, th, tw, *rest)
    moved = grid[permutation].reshape(n_rows, n_columns, th, tw, *rest).swapaxes(1, 2).reshape(gh, gw, *rest)
    out[:gh, :gw] = moved
    pieces: list[list[float]] = []
    for slot, src in enumerate(permutation):
        sr, sc = divmod(src, n_columns)
        dr, dc = divmod(slot, n_columns)
        pieces.append([sc * tw, sr * th, (sc + 1) * tw, (sr + 1) * th, (dc - sc) * tw, (dr - sr) * th])
    if gw < w:
        pieces.append([gw, 0, w, h, 0, 0])
    if gh < h:
        pieces.append([0, gh, gw, h, 0, 0])
    return Image.fromarray(out), pieces


def common_mode(imgs: list[Image.Image]) -> list[Image.Image]:
    """The images in the working mode of the first one."""
    imgs = [working(im) for im in imgs]
    mode = imgs[0].mode
    return [im if im.mode == mode else im.convert(mode) for im in imgs]


def collage(imgs: list[Image.Image], n_columns: int, color: Any) -> tuple[Image.Image, list[list[int]]]:
    """A grid of equal cells sized by the largest image (``min(n_columns, len(imgs))`` columns), each image centred
    in its cell row by row on the RGB ``color``, in the first image's mode. Returns (canvas, top-left offsets)."""
    imgs = common_mode(imgs)
    cw = max(im.width for im in imgs)
    ch = max(im.height for im in imgs)
    cols = min(n_columns, len(imgs))
    rows = math.ceil(len(imgs) / cols)
    mode = imgs[0].mode
    canvas = Image.new(mode, (cols * cw, rows * ch), fill_for(mode, color))
    offsets = []
    for i, im in enumerate(imgs):
        r, c = divmod(i, cols)
        x, y = c * cw + (cw - im.width) // 2, r * ch + (ch - im.height) // 2
        canvas.paste(im, (x, y))
        offsets.append([x, y])
    return canvas, offsets


def stack(imgs: list[Image.Image], horizontal: bool) -> tuple[Image.Image, tuple[float, float]]:
    """Resize every image (bicubic, aspect kept) to the tallest height (``horizontal``) or widest width and place
    them side by side. Returns (canvas, (sx, sy) scale of the first image)."""
    imgs = common_mode(imgs)
    if horizontal:
        side = max(im.height for im in imgs)
        sizes = [(max(1, round(im.width * side / im.height)), side) for im in imgs]
    else:
        side = max(im.width for im in imgs)
        sizes = [(side, max(1, round(im.height * side / im.width))) for im in imgs]
    resized = [im if im.size == s else im.resize(s, Image.Resampling.BICUBIC) for im, s in zip(imgs, sizes)]
    total = sum(s[0] for s in sizes) if horizontal else sum(s[1] for s in sizes)
    mode = imgs[0].mode
    canvas = Image.new(mode, (total, side) if horizontal else (side, total))
    pos = 0
    for im in resized:
        canvas.paste(im, (pos, 0) if horizontal else (0, pos))
        pos += im.width if horizontal else im.height
    first, fs = imgs[0], sizes[0]
    return canvas, (fs[0] / first.width, fs[1] / first.height)
