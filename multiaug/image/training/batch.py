"""Batch transforms: MixUp and CutMix (torchvision v2 semantics) on numpy batches, seeded and recorded.

``MixUp(alpha)(images, labels, seed=...)`` returns ``(images, labels)``: images N×H×W(×C) (uint8 stays uint8,
float stays float32), labels N int class indices (with ``num_classes``) or N×K one-hot/soft rows, returned as
N×K float32 rows that still sum to 1. Each sample is mixed with its neighbour ``i − 1`` (the batch rolled by
one, as torchvision). ``last_record`` holds λ (and CutMix's box) of the last call; ``replay(record, images,
labels)`` reproduces it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.seeds import resolve_seed
from ..kernels import batch_mixing as km


def _labels(labels: Any, n: int, num_classes: int | None, owner: str) -> np.ndarray:
    y = np.asarray(labels)
    if y.ndim == 1:
        if num_classes is None:
            raise InvalidParameterError(f"{owner}: integer labels need num_classes=", argument="num_classes")
        if not np.issubdtype(y.dtype, np.integer):
            raise InvalidParameterError(f"{owner}: 1-D labels must be integer class indices", argument="labels")
        y = km.one_hot(y, num_classes)
    if y.ndim != 2 or y.shape[0] != n:
        raise InvalidParameterError(f"{owner}: labels must be N class indices or N×K rows for N = {n} images, got "
                                    f"shape {y.shape}", argument="labels")
    return y.astype(np.float32)


def _batch(images: Any, owner: str) -> np.ndarray:
    x = np.asarray(images)
    if x.ndim not in (3, 4) or x.shape[0] < 1:
        raise InvalidParameterError(f"{owner}: images must be an N×H×W or N×H×W×C batch, got shape {x.shape}",
                                    argument="images")
    return x


class _BatchMix:
    def __init__(self, alpha: float = 1.0, num_classes: int | None = None, p: float = 1.0):
        owner = type(self).__name__
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or alpha <= 0:
            raise InvalidParameterError(f"{owner}: argument 'alpha' must be > 0, got {alpha!r}", argument="alpha")
        if not 0.0 <= float(p) <= 1.0:
            raise InvalidParameterError(f"{owner}: argument 'p' must be in [0, 1], got {p!r}", argument="p")
        self.alpha, self.num_classes, self.p = float(alpha), num_classes, float(p)
        self.last_record: dict[str, Any] | None = None

    def __call__(self, images: Any, labels: Any, seed: Any = None) -> tuple[np.ndarray, np.ndarray]:
        owner = type(self).__name__
        x = _batch(images, owner)
        y = _labels(labels, x.shape[0], self.num_classes, owner)
        seed_int = resolve_seed(seed, function=owner)
        rng = np.random.default_rng(seed_int)
        applied = bool(rng.random() < self.p) if self.p < 1.0 else True
        lam = float(rng.beta(self.alpha, self.alpha))
        record = {"name": owner, "seed": seed_int, "alpha": self.alpha, "applied": applied, "lambda": lam}
        if not applied:
            record["lambda"] = 1.0
            self.last_record = record
            return x.copy(), y
        out, record = self._apply(x, rng, record)
        self.last_record = record
        return out, km.mix_labels(y, record["lambda"])

    def replay(self, record: dict[str, Any], images: Any, labels: Any) -> tuple[np.ndarray, np.ndarray]:
        """Re-run the call that produced ``record`` (its seed) on the same batch."""
        return self(images, labels, seed=int(record["seed"]))

    def _apply(self, x: np.ndarray, rng: np.random.Generator, record: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
        raise NotImplementedError


class MixUp(_BatchMix):
    """MixUp: ``λ·x + (1 − λ)·x[i − 1]`` and the same for labels, λ ~ Beta(α, α) (recorded)."""

    def _apply(self, x: np.ndarray, rng: np.random.Generator, record: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
        return km.mixup(x, record["lambda"]), record


class CutMix(_BatchMix):
    """CutMix: a box of area ≈ (1 − λ) of the image, centred uniformly, pasted from ``x[i − 1]``; λ is then
    corrected to the exact kept area and mixes the labels (λ and the box are recorded)."""

    def _apply(self, x: np.ndarray, rng: np.random.Generator, record: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
        h, w = x.shape[1], x.shape[2]
        cx, cy = int(rng.integers(w)), int(rng.integers(h))
        box, lam = km.cutmix_box(w, h, record["lambda"], cx, cy)
        record = {**record, "lambda_drawn": record["lambda"], "lambda": lam, "box": list(box)}
        return km.cutmix(x, box), record
