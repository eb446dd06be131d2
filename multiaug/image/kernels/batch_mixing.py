"""Batch mixing kernels: MixUp and CutMix (torchvision v2 semantics).

A batch is an N×H×W×C (or N×H×W) array; labels are N×K one-hot (or soft) float arrays. Each sample is
mixed with its neighbour in the batch rolled by one (``batch[i − 1]``), as torchvision does.
"""

from __future__ import annotations

import numpy as np


def one_hot(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """N int class indices → N×num_classes float32 one-hot rows."""
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class indices, got shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes - 1}]")
    out = np.zeros((labels.size, num_classes), dtype=np.float32)
    out[np.arange(labels.size), labels.astype(np.int64)] = 1.0
    return out


def mix_labels(labels: np.ndarray, lam: float) -> np.ndarray:
    """``lam·y + (1 − lam)·roll(y, 1)`` for N×K label rows (each row still sums to what it summed to)."""
    y = np.asarray(labels, dtype=np.float32)
    return np.float32(lam) * y + np.float32(1.0 - lam) * np.roll(y, 1, axis=0)


def mixup(batch: np.ndarray, lam: float) -> np.ndarray:
    """``lam·x + (1 − lam)·roll(x, 1)``; float input stays float32, integer input is rounded back to its dtype.

    Computed as ``lam·x[i]`` plus ``(1 − lam)·x[i − 1]`` added in place (float32 products, one float32 sum per
    value: the same numbers as the formula) without materialising the rolled batch or converted copies."""
    x = np.asarray(batch)
    lam32, rest32 = np.float32(lam), np.float32(1.0 - lam)
    mixed = np.multiply(x, lam32, dtype=np.float32)
    if x.shape[0]:
        mixed[1:] += np.multiply(x[:-1], rest32, dtype=np.float32)
        mixed[0] += np.multiply(x[-1], rest32, dtype=np.float32)
    if np.issubdtype(x.dtype, np.integer):
        info = np.iinfo(x.dtype)
        return np.clip(np.rint(mixed, out=mixed), info.min, info.max, out=mixed).astype(x.dtype)
    return mixed


def cutmix_box(width: int, height: int, lam: float, cx: int, cy: int) -> tuple[tuple[int, int, int, int], float]:
    """torchvision's CutMix box for a drawn λ and centre (cx, cy) px: half-sides ``int(½·√(1 − λ)·W)`` and
    ``int(½·√(1 − λ)·H)``, clipped to the image; returns ((x1, y1, x2, y2), λ corrected to the exact kept area
    ``1 − box area / (W·H)``)."""
    r = 0.5 * float(np.sqrt(1.0 - lam))
    rw, rh = int(r * width), int(r * height)
    x1, y1 = max(cx - rw, 0), max(cy - rh, 0)
    x2, y2 = min(cx + rw, width), min(cy + rh, height)
    lam_adj = 1.0 - (x2 - x1) * (y2 - y1) / float(width * height)
    return (int(x1), int(y1), int(x2), int(y2)), float(lam_adj)


def cutmix(batch: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """Paste ``box`` (x1, y1, x2, y2 px) of each rolled neighbour ``batch[i − 1]`` into sample i (a new array)."""
    x = np.asarray(batch)
    out = x.copy()
    x1, y1, x2, y2 = box
    if x.shape[0]:  # the rolled neighbour's box only, not the whole rolled batch
        out[1:, y1:y2, x1:x2] = x[:-1, y1:y2, x1:x2]
        out[0, y1:y2, x1:x2] = x[-1, y1:y2, x1:x2]
    return out
