"""Mask rules: how an augmentation moves segmentation masks — the image's geometry, resampled nearest.

A rule is ``rule(mask, params, facts, fill) -> mask`` for one H×W or H×W×K array of any dtype: ``params`` the
call's validated parameters, ``facts`` the ``src_*``/``dst_*`` sizes plus the kernel's ``info`` (as box rules get
them), ``fill`` the value of output pixels no source pixel reaches (the caller's ``mask_fill``). It returns a
``dst_height`` × ``dst_width`` mask (the input itself when nothing moves). The kernels are in
:mod:`multiaug.image.kernels.nearest`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..kernels import nearest
from . import geometry

MaskRule = Callable[[np.ndarray, dict[str, Any], dict[str, Any], float], np.ndarray]
BorderOf = Callable[[dict[str, Any], dict[str, Any]], str]


def unchanged(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """Masks keep their normalised geometry: unchanged for pixel-only operations, stretched (nearest) by resizes."""
    return nearest.stretch(mask, facts["dst_width"], facts["dst_height"])


def by_matrix(matrix_of: geometry.MatrixOf, border_of: BorderOf | None = None) -> MaskRule:
    """A rule resampling through ``matrix_of(params, facts)`` (source px → output px) onto the output size.

    Args:
        border_of: ``(params, facts) -> border`` (one of :data:`multiaug.image.kernels.nearest.BORDERS`) when the
            image's own border mode is a parameter (e.g. Keras' ``fill_mode``); default ``constant`` (``fill``).
    """

    def rule(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
        border = "constant" if border_of is None else border_of(params, facts)
        return nearest.warp(mask, matrix_of(params, facts), (facts["dst_width"], facts["dst_height"]), border, fill)

    doc = (matrix_of.__doc__ or "").strip().splitlines()
    rule.__doc__ = f"Masks resampled nearest by the matrix: {doc[0] if doc else matrix_of.__name__}"
    rule.__name__ = f"mask_by_{getattr(matrix_of, '__name__', 'matrix')}"
    return rule


def hflip(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """Mirror left-right."""
    return mask[:, ::-1].copy()


def vflip(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """Mirror top-bottom."""
    return mask[::-1].copy()


warp = by_matrix(geometry.warp_matrix)


def warp_bordered(border_of: BorderOf) -> MaskRule:
    """:data:`warp` with the image's own border mode (``border_of(params, facts)``) instead of ``fill``."""
    return by_matrix(geometry.warp_matrix, border_of)


def place(key: str) -> MaskRule:
    """Masks of a source drawn into the output px rect ``info[key]`` (``box_rules.place_rule(key)``)."""
    return by_matrix(geometry.place_matrix(key))


def pieces(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """The rectangles of ``info['pieces']`` (source px rect + px offset) moved like the image's tiles."""
    return nearest.move_pieces(mask, facts["info"]["pieces"], (facts["dst_width"], facts["dst_height"]), fill)
