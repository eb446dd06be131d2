"""Keypoints: formats, validation, conversion to and from normalised coordinates, what a caller gets back.

A keypoint is ``(x, y, extra fields…)``: two coordinates, then any fields (a label, a visibility flag, an id…)
carried through untouched. Formats: ``xy`` (px, the default), ``yx`` (px, row first) and ``xy_norm`` (fractions of
the width and height). Pixel coordinates are continuous, as boxes': pixel (i, j) covers [i, i+1) × [j, j+1), so its
centre is (i + 0.5, j + 0.5) and a flip maps x to W − x (torchvision's and COCO's convention; albumentations
treats integer coordinates as pixel centres — add 0.5 to its keypoints for the same points).

Rules (:mod:`multiaug.image.targets.point_rules`) work on an N×2 array of normalised (x, y), NaN for a keypoint
that already left the image. A keypoint is inside while 0 ≤ x ≤ W and 0 ≤ y ≤ H (edges included, so a flip
keeps every keypoint); one that leaves is ``None`` inside a call and is dropped with ``drop_empty=True``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...core.errors import InvalidParameterError

KEYPOINT_FORMATS = ("xy", "yx", "xy_norm")
#: tolerance (normalised units) of the inside test, so a point moved onto an edge by rounding stays
_EDGE = 1e-9


def validate_keypoints(keypoints: Any, keypoint_format: Any, where: str
                       ) -> tuple[list[list[float]], list[tuple[Any, ...]] | None]:
    """The coordinates of every keypoint (2 floats, in ``keypoint_format`` order) and their extra fields (``None``
    when no keypoint has any)."""
    if keypoint_format not in KEYPOINT_FORMATS:
        raise InvalidParameterError(f"{where}: argument 'keypoint_format' must be one of {', '.join(KEYPOINT_FORMATS)}"
                                    f", got {keypoint_format!r}", argument="keypoint_format")
    if isinstance(keypoints, np.ndarray) and keypoints.ndim == 2:
        keypoints = keypoints.tolist()
    if not isinstance(keypoints, (list, tuple)):
        raise InvalidParameterError(f"{where}: argument 'keypoints' must be a list of keypoints [x, y, extra...], "
                                    f"got {type(keypoints).__name__}", argument="keypoints")
    coords: list[list[float]] = []
    extras: list[tuple[Any, ...]] = []
    for i, k in enumerate(keypoints):
        if isinstance(k, np.ndarray):
            k = k.tolist()
        a = b = math.nan
        if isinstance(k, (list, tuple)) and len(k) >= 2:
            try:
                a, b = float(k[0]), float(k[1])
            except (TypeError, ValueError):
                pass
        if not (math.isfinite(a) and math.isfinite(b)):
            raise InvalidParameterError(f"{where}: keypoints[{i}] must start with 2 finite numbers (x, y, then optional "
                                        f"fields), got {k!r}", argument="keypoints")
        coords.append([a, b])
        extras.append(tuple(k[2:]))
    return coords, (extras if any(extras) else None)


def check_on_image(norm: np.ndarray, points: Sequence[Sequence[float] | None], fmt: str, width: int, height: int,
                   where: str) -> None:
    """Raise when a given (not gone) keypoint is off the ``width`` × ``height`` image."""
    off = np.isfinite(norm).all(axis=1) & ~inside(norm)
    if off.any():
        i = int(np.argmax(off))
        raise InvalidParameterError(
            f"{where}: keypoints[{i}] = {list(points[i] or ())} ({fmt}) is not on the {width}x{height} image "
            "(need 0 <= x <= width and 0 <= y <= height)", argument="keypoints")


def inside(norm: np.ndarray) -> np.ndarray:
    """Which normalised points lie on the image (edges included; NaN rows are outside)."""
    with np.errstate(invalid="ignore"):
        return ((norm >= -_EDGE) & (norm <= 1 + _EDGE)).all(axis=1)


def from_norm(norm: np.ndarray, fmt: str, width: int, height: int) -> list[list[float] | None]:
    """Normalised points back to ``fmt`` (a point outside the image becomes ``None``)."""
    keep = inside(norm)
    pts = np.clip(norm, 0.0, 1.0)
    if fmt != "xy_norm":
        pts = pts * np.array([width, height], dtype=np.float64)
    if fmt == "yx":
        pts = pts[:, ::-1]
    return [[float(p[0]), float(p[1])] if k else None for p, k in zip(pts, keep)]


def as_norm(points: Sequence[Sequence[float] | None], fmt: str, width: int, height: int) -> np.ndarray:
    """Points of ``fmt`` (``None`` for gone ones) as an N×2 normalised array with NaN rows for the gone ones."""
    out = np.full((len(points), 2), np.nan)
    for i, p in enumerate(points):
        if p is not None:
            out[i] = p
    if fmt == "yx":
        out = out[:, ::-1]
    if fmt != "xy_norm":
        out = out / np.array([width, height], dtype=np.float64)
    return out


def deliver(points: list[list[float] | None], extras: list[tuple[Any, ...]] | None, drop_empty: bool
            ) -> list[list[Any] | None]:
    """The keypoints a caller gets back: coordinates plus their extra fields; one that left the image is dropped
    (``drop_empty``) or kept as ``None`` so indices still match the input."""
    out = [None if p is None else [*p, *(extras[i] if extras else ())] for i, p in enumerate(points)]
    return [p for p in out if p is not None] if drop_empty else out
