"""AugMix's mixture as one deterministic augmentation: the :class:`multiaug.image.training.AugMix` policy draws
the chains and weights, this entry applies them (kernel :func:`multiaug.image.kernels.policy_ops.augment_and_mix`),
so a record holds every chosen op, magnitude and weight and replays exactly."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import augmentation
from ...core.spec import Check, Range
from ..kernels import policy_ops as po
from ..kernels.modes import array_fill
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules as bb
from ..targets.follow import Refuse
from .parameters import COLOR_CHECK


def _is_chains(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and all(
        isinstance(c, (list, tuple)) and all(
            isinstance(op, (list, tuple)) and len(op) == 2 and op[0] in po.OP_NAMES
            and isinstance(op[1], (int, float)) and not isinstance(op[1], bool) for op in c) for c in v)


def _is_weights(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and all(isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0 for x in v)


def _chain_matrix(chain: Any, w: int, h: int) -> np.ndarray:
    m = np.eye(3)
    for name, mag in chain:
        fwd = po.op_forward_matrix(name, float(mag), w, h)
        if fwd is not None:
            m = np.asarray(fwd, dtype=np.float64).reshape(3, 3) @ m
    return m


def _mix_rule(boxes: list[bb.Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[bb.Box | None]:
    """The union of the box where each visible layer (the original, every weighted chain) shows it."""
    w, h = facts["src_width"], facts["src_height"]
    layers = [np.eye(3)] if params["original_weight"] > 0 else []
    layers += [_chain_matrix(c, w, h) for c, wt in zip(params["chains"], params["chain_weights"]) if wt > 0]
    out: list[bb.Box | None] = []
    for b in boxes:
        if b is None:
            out.append(None)
            continue
        moved = [bb.warp_box(b, m.ravel().tolist(), (w, h), (0.0, 0.0, float(w), float(h))) for m in layers]
        moved = [m for m in moved if m is not None]
        out.append(None if not moved else (min(m[0] for m in moved), min(m[1] for m in moved),
                                            max(m[2] for m in moved), max(m[3] for m in moved)))
    return out


def _mix_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − original_weight) · 100."""
    return (1.0 - min(params["original_weight"], 1.0)) * 100.0


_LAYERS = Refuse("it averages layers warped by different geometric ops, so one pixel has no single place")


@augmentation(IMAGE, intensity=_mix_intensity, bbox=_mix_rule, keypoints=_LAYERS, masks=_LAYERS,
              example={"chains": [[["Equalize", 0.0]], [["ShearX", 0.2], ["Solarize", 0.5]]],
                       "chain_weights": [0.3, 0.3], "original_weight": 0.4})
def augment_and_mix(
    image: ArrayImage,
    chains: Annotated[list, Check(_is_chains, "must be a list of chains, each a list of [op name, magnitude]")] = None,  # type: ignore[assignment]
    chain_weights: Annotated[list, Check(_is_weights, "must be a list of weights ≥ 0")] = None,  # type: ignore[assignment]
    original_weight: Annotated[float, Range(0, 1)] = 0.5,
    interpolation: Literal["bilinear", "nearest"] = "bilinear",
    fill_color: Annotated[tuple[int, int, int] | None, COLOR_CHECK] = None,
) -> ArrayImage:
    """AugMix's mixture ``original_weight·image + Σ chain_weights[i]·chain_i(image)`` (truncated to uint8).

    Boxes: the union of where each weighted layer shows the box. Keypoints and masks are refused (the layers are
    warped differently).

    Args:
        chains: each chain a list of [op name, signed magnitude] (names of the policy ops: ShearX, Rotate,
            Posterize, Equalize, …) applied in order.
        chain_weights: one weight ≥ 0 per chain (AugMix: Dirichlet(α) · (1 − original_weight)).
        original_weight: weight of the unaugmented image (AugMix: drawn from Beta(α, α)).
        interpolation: resampling of the geometric ops (torchvision's AugMix: bilinear).
        fill_color: (r, g, b) of areas uncovered by geometric ops; None is black.
    """
    chains, weights = chains or [], list(chain_weights or [])
    if len(weights) != len(chains):
        raise InvalidParameterError(f"augment_and_mix: 'chain_weights' needs one weight per chain ({len(chains)}), "
                                    f"got {len(weights)}", argument="chain_weights")
    pairs = [[(str(n), float(m)) for n, m in c] for c in chains]
    return po.augment_and_mix(image, pairs, weights, original_weight, array_fill(image, fill_color),
                              interpolation == "bilinear")
