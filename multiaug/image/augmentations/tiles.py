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
* ``stack_with``: boxes follow the image into its place beside the other one (scaled, shifted when it comes second).

A single image (not a list) given to ``hstack`` / ``vstack`` is stacked with itself, and
``collage`` wraps it in a one-element list, as AugLy's classes do.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range
from ..kernels import tiles
from ..kernels.modes import working
from ..modality import IMAGE, PILImage, PILImages, load_image_cached
from ..targets import box_rules
from .intensity import always_100
from .parameters import RGBColor


def _shuffle_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """factor · 100."""
    return params["factor"] * 100.0


def _draw_shuffle(rng: np.random.Generator, params: dict[str, Any], image: Image.Image) -> dict[str, Any]:
    """``k = int(factor·W·H)`` positions (the k smallest of W·H iid uniform keys: a uniform k-subset, in
    ascending order) and a uniform permutation of their pixels; every position when k = W·H, nothing when k < 2."""
    n = image.size[0] * image.size[1]
    k = int(params["factor"] * n)
    if k < 2:
        return {"positions": None, "permutation": None}
    if k == n:
        return {"positions": None, "permutation": rng.permutation(n)}
    keys = rng.random(n)
    threshold = np.partition(keys, k - 1)[k - 1]
    return {"positions": np.flatnonzero(keys <= threshold)[:k], "permutation": rng.permutation(k)}


@augmentation(IMAGE, intensity=_shuffle_intensity, bbox=box_rules.unchanged, draw=_draw_shuffle, seed_default=10)
def shuffle_pixels(
    image: PILImage, factor: Annotated[float, Range(0, 1)] = 1.0, *, positions: Drawn = None, permutation: Drawn = None
) -> PILImage:
    """Randomly permute ``int(factor·W·H)`` pixel positions (chosen at random) among themselves.

    Args:
        factor: share of the pixels that take part in the shuffle, in [0, 1]; 0 leaves the
            image unchanged, 1 shuffles every pixel.
    """
    return tiles.shuffle_pixels(working(image), permutation, positions)


def _split_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − 1/(n_columns·n_rows)) · 100."""
    return (1.0 - 1.0 / (params["n_columns"] * params["n_rows"])) * 100.0


def _draw_tile_order(rng: np.random.Generator, params: dict[str, Any], image: Image.Image) -> dict[str, Any]:
    """A uniform permutation of the tiles (with exactly 2 tiles they are always swapped); the grid must fit."""
    w, h = image.size
    n_columns, n_rows = params["n_columns"], params["n_rows"]
    for name, count, size in (("n_columns", n_columns, w), ("n_rows", n_rows, h)):
        if count > size:
            raise InvalidParameterError(
                f"split_and_shuffle: argument '{name}' must be <= the image {'width' if name == 'n_columns' else 'height'} "
                f"({size} px), got {count}", function="split_and_shuffle", argument=name)
    n = n_columns * n_rows
    return {"permutation": [1, 0] if n == 2 else [int(v) for v in rng.permutation(n)]}


@augmentation(IMAGE, intensity=_split_intensity, bbox=box_rules.pieces_rule, draw=_draw_tile_order, seed_default=10)
def split_and_shuffle(
    image: PILImage,
    n_columns: Annotated[int, Range(1, None)] = 3,
    n_rows: Annotated[int, Range(1, None)] = 3,
    *,
    permutation: Drawn,
) -> Out:
    """Cut the image into an n_columns × n_rows grid of equal tiles and put them back in random order.

    Tiles are ``W // n_columns`` × ``H // n_rows`` px; the remainder strips on the right and at
    the bottom stay in place. With exactly 2 tiles they are always swapped. The permutation is
    recorded in ``info["permutation"]`` (output slot i, row-major, holds source tile perm[i]); boxes move with
    their tiles (see the module doc for split boxes).

    Args:
        n_columns: number of tile columns (≥ 1, ≤ W).
        n_rows: number of tile rows (≥ 1, ≤ H).
    """
    out, pieces = tiles.split_and_shuffle(working(image), n_columns, n_rows, permutation)
    return Out(out, info={"permutation": permutation, "pieces": pieces})


def _as_list(images: Any, duplicate: bool) -> list[Image.Image]:
    if isinstance(images, list):
        return images
    return [images, images] if duplicate else [images]


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.warp_rule)
def collage(images: PILImages, n_columns: Annotated[int, Range(1, None)] = 2, color: RGBColor = (255, 255, 255)) -> Out:
    """Grid of equal cells sized by the largest image; each image centred in its cell, row by row.

    The grid has ``min(n_columns, len(images))`` columns and as many rows as needed; empty
    cells and margins are filled with ``color``. The result has the mode of the first image. ``images`` is a
    list of images (≥ 1; one image is a one-element list); boxes are those of the FIRST image, placed into its cell.

    Args:
        n_columns: number of columns of the grid (≥ 1).
        color: background colour (r, g, b), ints in [0, 255].
    """
    canvas, offsets = tiles.collage(_as_list(images, duplicate=False), n_columns, color)
    matrix = box_rules.translate_matrix(*offsets[0])
    return Out(canvas, info={"matrix": matrix, "canvas": list(canvas.size), "offsets": offsets})


def _stack(images: Any, horizontal: bool, name: str) -> Out:
    imgs = _as_list(images, duplicate=True)
    if len(imgs) < 2:
        raise InvalidParameterError(
            f"{name}: argument 'images' must hold at least 2 images, got {len(imgs)}", function=name, argument="images"
        )
    canvas, (sx, sy) = tiles.stack(imgs, horizontal)
    return Out(canvas, info={"matrix": box_rules.translate_matrix(0, 0, sx, sy), "canvas": list(canvas.size)})


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.warp_rule)
def hstack(images: PILImages) -> Out:
    """Resize every image to the tallest height (aspect kept, bicubic) and place them left to right.

    ``images`` is a list of ≥ 2 images (one image is stacked with itself); boxes are those of the FIRST image and
    follow it (scaled, leftmost).
    """
    return _stack(images, True, "hstack")


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.warp_rule)
def vstack(images: PILImages) -> Out:
    """Resize every image to the widest width (aspect kept, bicubic) and stack them top to bottom.

    ``images`` is a list of ≥ 2 images (one image is stacked with itself); boxes are those of the FIRST image and
    follow it (scaled, on top).
    """
    return _stack(images, False, "vstack")


def _example_other() -> dict[str, Any]:
    from ...assets import asset_path  # lazy: the example is built only for tests and docs

    return {"other": str(asset_path("image", "samples", "coffee.jpg"))}


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.warp_rule, example=_example_other)
def stack_with(
    image: PILImage,
    other: Any,
    direction: Literal["horizontal", "vertical"] = "horizontal",
    position: Literal["first", "second"] = "first",
) -> Out:
    """Stack the image with another one (a side-by-side or top-bottom collage), as ``hstack`` / ``vstack`` do.

    Both are resized (bicubic, aspect kept) to the taller height (``horizontal``) or the wider width
    (``vertical``); the image comes ``first`` (left / top) or ``second``. With ``{"$pool": "dataset_images"}``
    as ``other`` a pipeline pairs each item with another image of its dataset. Boxes follow the image.

    Args:
        other: the other image (path, PIL image or uint8 ndarray).
        direction: "horizontal" (side by side) or "vertical" (one above the other).
        position: "first" (left / top) or "second" (right / bottom).
    """
    oth, _ = load_image_cached(other, "other", "stack_with")
    if oth.mode != image.mode:  # the result keeps the image's mode (a grey other image does not make it grey)
        oth = oth.convert(image.mode)
    pair = [image, oth] if position == "first" else [oth, image]
    canvas, _ = tiles.stack(pair, direction == "horizontal")
    if direction == "horizontal":
        k = canvas.height / image.height
        dx, dy = (0.0 if position == "first" else float(canvas.width - max(1, round(image.width * k)))), 0.0
    else:
        k = canvas.width / image.width
        dx, dy = 0.0, (0.0 if position == "first" else float(canvas.height - max(1, round(image.height * k))))
    if direction == "horizontal":
        kx = max(1, round(image.width * k)) / image.width
        ky = k
    else:
        kx = k
        ky = max(1, round(image.height * k)) / image.height
    return Out(canvas, info={"matrix": box_rules.translate_matrix(dx, dy, kx, ky), "canvas": list(canvas.size),
                             "placed": [dx, dy, dx + image.width * kx, dy + image.height * ky]})
