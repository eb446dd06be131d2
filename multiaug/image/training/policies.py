"""Automatic augmentation policies: AutoAugment, RandAugment, TrivialAugmentWide, AugMix (torchvision v2's
op tables and magnitude rules, :mod:`multiaug.image.kernels.policy_ops`).

Each policy is a composition: it draws its ops, magnitude bins and signs from the call seed, then runs the
registered augmentations (``shear``, ``translate``, ``rotate_keep_size``, ``brightness``, ``saturation``,
``contrast``, ``sharpen``, ``posterize``, ``solarize``, ``autocontrast``, ``equalize``, ``invert``; AugMix:
``augment_and_mix``) with concrete parameters. Every op leaves a record whose ``provenance.via`` names the
policy, the op and its magnitude, so ``multiaug.replay(records, image)`` reproduces the output exactly.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError, SerializationError
from ...core.registry import Entry, get_entry
from ...core.transform import BaseTransform
from ..augmentations.parameters import is_color
from ..kernels import policy_ops as po
from ..modality import IMAGE


def image_size(media: Any) -> tuple[int, int]:
    """(width, height) of a PIL image, an H×W(×C) array or an image file (header only)."""
    if isinstance(media, Image.Image):
        return media.size
    if isinstance(media, np.ndarray) and media.ndim >= 2:
        return int(media.shape[1]), int(media.shape[0])
    if isinstance(media, (str, os.PathLike)):
        with Image.open(media) as im:
            return im.size
    raise InvalidParameterError(f"policies take one image (path, PIL image or ndarray), got {type(media).__name__}")


def op_call(name: str, magnitude: float, interpolation: str, fill: Any) -> tuple[str, dict[str, Any]] | None:
    """The registered augmentation and parameters that perform policy op ``name`` (None for Identity)."""
    m = float(magnitude)
    if name == "Identity":
        return None
    if name in ("ShearX", "ShearY"):
        return "shear", {"factor": m, "axis": name[-1].lower(), "fill_color": fill, "interpolation": interpolation}
    if name == "TranslateX":
        return "translate", {"dx": int(m), "dy": 0, "fill_color": fill}
    if name == "TranslateY":
        return "translate", {"dx": 0, "dy": int(m), "fill_color": fill}
    if name == "Rotate":
        return "rotate_keep_size", {"degrees": m, "fill_color": fill, "interpolation": interpolation}
    enhance = {"Brightness": "brightness", "Color": "saturation", "Contrast": "contrast", "Sharpness": "sharpen"}
    if name in enhance:
        return enhance[name], {"factor": 1.0 + m}
    if name == "Posterize":
        return "posterize", {"bits": int(m)}
    if name == "Solarize":
        return "solarize", {"threshold": 255.0 * m}
    if name in ("AutoContrast", "Equalize", "Invert"):
        return name.lower(), {}
    raise InvalidParameterError(f"unknown policy op {name!r}")


def signed_magnitude(rng: np.random.Generator, space: dict[str, Any], name: str, bin_index: int, num_bins: int,
                     width: int, height: int) -> float:
    """The op's magnitude at ``bin_index`` of ``num_bins``, negated with probability ½ for signed ops (0 when
    the op takes none), as torchvision draws it."""
    rule, signed = space[name]
    mags = po.magnitude_bins(rule, num_bins, width, height)
    if mags is None:
        return 0.0
    m = float(mags[bin_index])
    if signed and rng.random() <= 0.5:
        m = -m
    return m


class _Policy(BaseTransform):
    modality = IMAGE

    def __init__(self, interpolation: str = "nearest", fill: Any = None, p: float = 1.0, seed: int | None = None):
        super().__init__(p=p, seed=seed)
        if interpolation not in ("nearest", "bilinear"):
            raise InvalidParameterError(f"{type(self).__name__}: argument 'interpolation' must be 'nearest' or "
                                        f"'bilinear', got {interpolation!r}", argument="interpolation")
        if fill is not None and not is_color(fill):
            raise InvalidParameterError(f"{type(self).__name__}: argument 'fill' must be None or an (r, g, b) tuple "
                                        f"of ints in [0, 255], got {fill!r}", argument="fill")
        self.interpolation = interpolation
        self.fill = None if fill is None else tuple(int(v) for v in fill)

    def draw(self, rng: np.random.Generator, width: int, height: int) -> list[tuple[str, float, dict[str, Any]]]:
        """The ops of one call: (op name, signed magnitude, extra provenance)."""
        raise NotImplementedError

    def _run(self, media: Any, *, seed: int, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = ()) -> tuple[Any, dict[str, Any]]:
        rng = np.random.default_rng(seed)
        if not self._decide(rng, force):
            return media, targets
        width, height = image_size(media)
        for k, (name, mag, extra) in enumerate(self.draw(rng, width, height)):
            spec = op_call(name, mag, self.interpolation, self.fill)
            if spec is None:
                continue
            entry = get_entry(spec[0], "image")
            step = {"op": type(self).__name__, "index": k, "policy_op": name, "magnitude": mag, **extra}
            provenance = {"class": type(self).__name__, "call_seed": seed, "drawn": ["ops"], "via": [*via, step]}
            media, targets = entry.run(media, entry.validate_params(spec[1]), targets=targets, records=records,
                                       call=call, provenance=provenance)
        return media, targets

    def __repr__(self) -> str:
        skip = {"p", "seed", "interpolation", "fill"}
        args = [f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_") and k not in skip]
        return f"{type(self).__name__}({', '.join(args)})"

    def to_dict(self) -> dict[str, Any]:
        raise SerializationError(f"{type(self).__name__} cannot be saved as a JSON pipeline yet; its records replay "
                                 "exactly (multiaug.replay)")


class RandAugment(_Policy):
    """RandAugment: ``num_ops`` ops drawn uniformly with replacement from torchvision's 14, each at bin
    ``magnitude`` of ``num_magnitude_bins`` (signed ops negated with probability ½)."""

    def __init__(self, num_ops: int = 2, magnitude: int = 9, num_magnitude_bins: int = 31,
                 interpolation: str = "nearest", fill: Any = None, p: float = 1.0, seed: int | None = None):
        super().__init__(interpolation, fill, p, seed)
        if isinstance(num_ops, bool) or not isinstance(num_ops, int) or num_ops < 0:
            raise InvalidParameterError(f"RandAugment: argument 'num_ops' must be an int ≥ 0, got {num_ops!r}",
                                        argument="num_ops")
        if isinstance(num_magnitude_bins, bool) or not isinstance(num_magnitude_bins, int) or num_magnitude_bins < 1:
            raise InvalidParameterError("RandAugment: argument 'num_magnitude_bins' must be an int ≥ 1",
                                        argument="num_magnitude_bins")
        if isinstance(magnitude, bool) or not isinstance(magnitude, int) or not 0 <= magnitude < num_magnitude_bins:
            raise InvalidParameterError(f"RandAugment: argument 'magnitude' must be an int in [0, {num_magnitude_bins - 1}], "
                                        f"got {magnitude!r}", argument="magnitude")
        self.num_ops, self.magnitude, self.num_magnitude_bins = num_ops, magnitude, num_magnitude_bins

    def draw(self, rng: np.random.Generator, width: int, height: int) -> list[tuple[str, float, dict[str, Any]]]:
        names = list(po.RANDAUGMENT_SPACE)
        out = []
        for _ in range(self.num_ops):
            name = names[int(rng.integers(len(names)))]
            mag = signed_magnitude(rng, po.RANDAUGMENT_SPACE, name, self.magnitude, self.num_magnitude_bins,
                                   width, height)
            out.append((name, mag, {"bin": self.magnitude}))
        return out


class TrivialAugmentWide(_Policy):
    """TrivialAugmentWide: one op and one magnitude bin, both uniform, over torchvision's wide ranges."""

    def __init__(self, num_magnitude_bins: int = 31, interpolation: str = "nearest", fill: Any = None,
                 p: float = 1.0, seed: int | None = None):
        super().__init__(interpolation, fill, p, seed)
        if isinstance(num_magnitude_bins, bool) or not isinstance(num_magnitude_bins, int) or num_magnitude_bins < 1:
            raise InvalidParameterError("TrivialAugmentWide: argument 'num_magnitude_bins' must be an int ≥ 1",
                                        argument="num_magnitude_bins")
        self.num_magnitude_bins = num_magnitude_bins

    def draw(self, rng: np.random.Generator, width: int, height: int) -> list[tuple[str, float, dict[str, Any]]]:
        names = list(po.TRIVIAL_AUGMENT_WIDE_SPACE)
        name = names[int(rng.integers(len(names)))]
        b = int(rng.integers(self.num_magnitude_bins))
        mag = signed_magnitude(rng, po.TRIVIAL_AUGMENT_WIDE_SPACE, name, b, self.num_magnitude_bins, width, height)
        return [(name, mag, {"bin": b})]


class AutoAugment(_Policy):
    """AutoAugment with the published ImageNet, CIFAR10 or SVHN policy: one of its 25 sub-policies drawn
    uniformly; each of its two ops applied with its probability at its magnitude bin (of 10)."""

    def __init__(self, policy: str = "imagenet", interpolation: str = "nearest", fill: Any = None,
                 p: float = 1.0, seed: int | None = None):
        super().__init__(interpolation, fill, p, seed)
        key = str(getattr(policy, "value", policy)).lower()
        if key not in po.AUTOAUGMENT_POLICIES:
            raise InvalidParameterError(f"AutoAugment: argument 'policy' must be one of imagenet, cifar10, svhn, got "
                                        f"{policy!r}", argument="policy")
        self.policy = key

    def draw(self, rng: np.random.Generator, width: int, height: int) -> list[tuple[str, float, dict[str, Any]]]:
        subs = po.AUTOAUGMENT_POLICIES[self.policy]
        idx = int(rng.integers(len(subs)))
        out = []
        for name, prob, b in subs[idx]:
            if not rng.random() <= prob:
                continue
            mag = 0.0 if b is None else signed_magnitude(rng, po.AUTOAUGMENT_SPACE, name, b, po.AUTOAUGMENT_BINS,
                                                         width, height)
            out.append((name, mag, {"sub_policy": idx, "bin": b}))
        return out


class AugMix(_Policy):
    """AugMix: ``mixture_width`` chains of ``chain_depth`` ops (1–3 when −1) at bins below ``severity`` (of 10),
    mixed as ``m·image + (1 − m)·Σ wᵢ·chainᵢ`` with m ~ Beta(α, α), w ~ Dirichlet(α); one ``augment_and_mix``
    record holds every chosen op, magnitude and weight."""

    def __init__(self, severity: int = 3, mixture_width: int = 3, chain_depth: int = -1, alpha: float = 1.0,
                 all_ops: bool = True, interpolation: str = "bilinear", fill: Any = None, p: float = 1.0,
                 seed: int | None = None):
        super().__init__(interpolation, fill, p, seed)
        if not isinstance(severity, int) or not 1 <= severity <= po.AUGMIX_BINS:
            raise InvalidParameterError(f"AugMix: argument 'severity' must be an int in [1, {po.AUGMIX_BINS}], got "
                                        f"{severity!r}", argument="severity")
        if not isinstance(mixture_width, int) or mixture_width < 1:
            raise InvalidParameterError("AugMix: argument 'mixture_width' must be an int ≥ 1", argument="mixture_width")
        if not isinstance(chain_depth, int) or chain_depth == 0 or chain_depth < -1:
            raise InvalidParameterError("AugMix: argument 'chain_depth' must be −1 (1–3 drawn) or an int ≥ 1",
                                        argument="chain_depth")
        if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or alpha <= 0:
            raise InvalidParameterError("AugMix: argument 'alpha' must be > 0", argument="alpha")
        self.severity, self.mixture_width, self.chain_depth = severity, mixture_width, chain_depth
        self.alpha, self.all_ops = float(alpha), bool(all_ops)

    def leaf_entries(self) -> tuple[Entry, ...]:
        return (get_entry("augment_and_mix", "image"),)

    def draw_mix(self, rng: np.random.Generator, width: int, height: int) -> dict[str, Any]:
        space = po.AUGMIX_SPACE if self.all_ops else po.AUGMIX_PARTIAL_SPACE
        names = list(space)
        m = rng.dirichlet([self.alpha, self.alpha])
        weights = rng.dirichlet([self.alpha] * self.mixture_width) * m[1]
        chains = []
        for _ in range(self.mixture_width):
            depth = self.chain_depth if self.chain_depth > 0 else int(rng.integers(1, 4))
            chain = []
            for _ in range(depth):
                name = names[int(rng.integers(len(names)))]
                b = int(rng.integers(self.severity))
                chain.append([name, signed_magnitude(rng, space, name, b, po.AUGMIX_BINS, width, height)])
            chains.append(chain)
        return {"chains": chains, "chain_weights": [float(w) for w in weights], "original_weight": float(m[0]),
                "interpolation": self.interpolation, "fill_color": self.fill}

    def _run(self, media: Any, *, seed: int, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = ()) -> tuple[Any, dict[str, Any]]:
        rng = np.random.default_rng(seed)
        if not self._decide(rng, force):
            return media, targets
        width, height = image_size(media)
        params = self.draw_mix(rng, width, height)
        entry = get_entry("augment_and_mix", "image")
        provenance = {"class": "AugMix", "call_seed": seed, "drawn": ["chains", "chain_weights", "original_weight"],
                      "via": [*via, {"op": "AugMix", "index": 0}]}
        return entry.run(media, entry.validate_params(params), targets=targets, records=records, call=call,
                         provenance=provenance)
