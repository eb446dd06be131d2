"""Tile and stacking augmentations: shuffle_pixels, split_and_shuffle, collage, hstack, vstack.

Box rules (AugLy has none for these, so its boxes come back silently wrong):

* ``shuffle_pixels``: boxes are **unchanged by convention**. The pixels of an object are
  scattered, so no box describes them; the box keeps marking the region the object occupied.
* ``split_and_shuffle``: a box inside one tile moves with that tile. A box split across tiles
  becomes the **enclosing box of its moved pieces** (it may then cover much more than the
  object; test ``box area`` against the input if that matters). Pixels of the right / bottom
  remainder strips (when W or H is not a multiple of the grid) never move.
* ``collage``, ``hstack``, ``vstack``: boxes refer to the **first** image and are placed into
  its cell (scaled with it for the stacks).

A single image (not a list) given to ``hstack`` / ``vstack`` is stacked with itself, and
``collage`` wraps it in a one-element list, as AugLy's classes do.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.registry import Out, augmentation
from ...core.spec import Range
from ..kernels.modes import fill_for, to_array, working
from ..modality import IMAGE
from ..targets import box_rules as bb
from .intensity import always_100
from .parameters import COLOR_CHECK


def _shuffle_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """factor · 100."""
    return params["factor"] * 100.0


@augmentation(IMAGE, intensity=_shuffle_intensity, bbox=bb.unchanged)
def shuffle_pixels(
    image: Any,
    output_path: str | None = None,
    factor: Annotated[float, Range(0, 1)] = 1.0,
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Randomly permute ``int(factor·W·H)`` pixel positions (chosen at random) among themselves.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: share of the pixels that take part in the shuffle, in [0, 1]; 0 leaves the
            image unchanged, 1 shuffles every pixel.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged by convention, see module doc).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    img = working(image)
    w, h = img.size
    n = h * w
    k = int(factor * n)
    if k < 2:
        return img.copy()
    # Pack each pixel into one machine word so a gather moves whole pixels in one pass:
    # RGB is widened to RGBA (a C conversion) and viewed as uint32, LA as uint16, L as uint8.
    packed = img.convert("RGBA") if img.mode == "RGB" else img
    arr = to_array(packed)
    word = {1: np.uint8, 2: np.uint16, 4: np.uint32}[1 if arr.ndim == 2 else arr.shape[2]]
    items = np.ascontiguousarray(arr).view(word).reshape(n)
    out_items = items.copy()
    if k == n:
        # Fisher-Yates directly on the packed pixels: no index array, no gather
        rng.shuffle(out_items)
    else:
        # the positions of the k smallest of n iid uniform keys are a uniform random k-subset
        # (found in O(n) with a partition, in ascending order: cache-friendly gather/scatter);
        # their pixels are shuffled uniformly among themselves and put back
        keys = rng.random(n)
        threshold = np.partition(keys, k - 1)[k - 1]
        chosen = np.flatnonzero(keys <= threshold)[:k]
        moved = items[chosen]
        rng.shuffle(moved)
        out_items[chosen] = moved
    out = Image.fromarray(out_items.view(np.uint8).reshape(arr.shape))
    return out.convert("RGB") if img.mode == "RGB" else out


def _split_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − 1/(n_columns·n_rows)) · 100."""
    return (1.0 - 1.0 / (params["n_columns"] * params["n_rows"])) * 100.0


@augmentation(IMAGE, intensity=_split_intensity, bbox=bb.pieces_rule)
def split_and_shuffle(
    image: Any,
    output_path: str | None = None,
    n_columns: Annotated[int, Range(1, None)] = 3,
    n_rows: Annotated[int, Range(1, None)] = 3,
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Cut the image into an n_columns × n_rows grid of equal tiles and put them back in random order.

    Tiles are ``W // n_columns`` × ``H // n_rows`` px; the remainder strips on the right and at
    the bottom stay in place. With exactly 2 tiles they are always swapped. The permutation is
    recorded in ``info["permutation"]`` (output slot i, row-major, holds source tile perm[i]).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        n_columns: number of tile columns (≥ 1, ≤ W).
        n_rows: number of tile rows (≥ 1, ≤ H).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the tiles, in ``bbox_format`` (see the module doc for split boxes).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    img = working(image)
    w, h = img.size
    for name, count, size in (("n_columns", n_columns, w), ("n_rows", n_rows, h)):
        if count > size:
            raise InvalidParameterError(
                f"split_and_shuffle: argument '{name}' must be <= the image {'width' if name == 'n_columns' else 'height'} "
                f"({size} px), got {count}",
                function="split_and_shuffle",
                argument=name,
            )
    n = n_columns * n_rows
    tw, th = w // n_columns, h // n_rows
    perm = [1, 0] if n == 2 else [int(v) for v in rng.permutation(n)]
    arr = to_array(img)
    out = arr.copy()
    gw, gh = tw * n_columns, th * n_rows
    rest = arr.shape[2:]
    grid = arr[:gh, :gw].reshape(n_rows, th, n_columns, tw, *rest).swapaxes(1, 2).reshape(n, th, tw, *rest)
    moved = grid[perm].reshape(n_rows, n_columns, th, tw, *rest).swapaxes(1, 2).reshape(gh, gw, *rest)
    out[:gh, :gw] = moved
    pieces: list[list[float]] = []
    for slot, src in enumerate(perm):
        sr, sc = divmod(src, n_columns)
        dr, dc = divmod(slot, n_columns)
        pieces.append([sc * tw, sr * th, (sc + 1) * tw, (sr + 1) * th, (dc - sc) * tw, (dr - sr) * th])
    if gw < w:
        pieces.append([gw, 0, w, h, 0, 0])
    if gh < h:
        pieces.append([0, gh, gw, h, 0, 0])
    return Out(Image.fromarray(out), info={"permutation": perm, "pieces": pieces})


def _as_list(images: Any, duplicate: bool) -> list[Image.Image]:
    if isinstance(images, list):
        return images
    return [images, images] if duplicate else [images]


def _common_mode(imgs: list[Image.Image]) -> list[Image.Image]:
    imgs = [working(im) for im in imgs]
    mode = imgs[0].mode
    return [im if im.mode == mode else im.convert(mode) for im in imgs]


@augmentation(IMAGE, intensity=always_100, bbox=bb.warp_rule)
def collage(
    images: Any,
    output_path: str | None = None,
    n_columns: Annotated[int, Range(1, None)] = 2,
    color: Annotated[tuple[int, int, int], COLOR_CHECK] = (255, 255, 255),
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Grid of equal cells sized by the largest image; each image centred in its cell, row by row.

    The grid has ``min(n_columns, len(images))`` columns and as many rows as needed; empty
    cells and margins are filled with ``color``. The result has the mode of the first image.

    Args:
        images: list of images (paths, PIL images or uint8 arrays), ≥ 1; a single image is
            treated as a one-element list.
        output_path: if given, the result is also written there.
        n_columns: number of columns of the grid (≥ 1).
        color: background colour (r, g, b), ints in [0, 255].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes of the FIRST image, in ``bbox_format``; they are placed into its cell.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    imgs = _common_mode(_as_list(images, duplicate=False))
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
    x0, y0 = offsets[0]
    return Out(canvas, info={"matrix": bb.translate_matrix(x0, y0), "canvas": list(canvas.size), "offsets": offsets})


def _stack(images: Any, horizontal: bool, name: str) -> Out:
    imgs = _common_mode(_as_list(images, duplicate=True))
    if len(imgs) < 2:
        raise InvalidParameterError(
            f"{name}: argument 'images' must hold at least 2 images, got {len(imgs)}", function=name, argument="images"
        )
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
    matrix = bb.translate_matrix(0, 0, fs[0] / first.width, fs[1] / first.height)
    return Out(canvas, info={"matrix": matrix, "canvas": list(canvas.size)})


@augmentation(IMAGE, intensity=always_100, bbox=bb.warp_rule)
def hstack(
    images: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Resize every image to the tallest height (aspect kept, bicubic) and place them left to right.

    Args:
        images: list of ≥ 2 images (paths, PIL images or uint8 arrays); a single image is
            stacked with itself.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes of the FIRST image, in ``bbox_format``; they follow it (scaled, leftmost).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return _stack(images, True, "hstack")


@augmentation(IMAGE, intensity=always_100, bbox=bb.warp_rule)
def vstack(
    images: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Resize every image to the widest width (aspect kept, bicubic) and stack them top to bottom.

    Args:
        images: list of ≥ 2 images (paths, PIL images or uint8 arrays); a single image is
            stacked with itself.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes of the FIRST image, in ``bbox_format``; they follow it (scaled, on top).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return _stack(images, False, "vstack")
