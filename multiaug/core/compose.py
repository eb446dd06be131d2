"""Compositions: Compose, OneOf, SomeOf, RandomApply — nestable in any combination, any modality.

Each composition derives its children's seeds from its own call seed and the child's index
(:func:`multiaug.core.seeds.derive_seed`), so results never depend on what ran before in other
samples. Every leaf record carries a ``provenance.via`` list saying which composition branch ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import InvalidParameterError
from .registry import Entry, Modality
from .seeds import derive_seed, rng_from_seed
from .transform import BaseTransform


class BaseComposition(BaseTransform):
    """Shared parts: holds children, checks they share one modality, honours ``p``."""

    kind = "Composition"

    def __init__(self, transforms: Sequence[BaseTransform], p: float = 1.0, seed: int | None = None):
        super().__init__(p=p, seed=seed)
        if isinstance(transforms, BaseTransform):
            transforms = [transforms]
        transforms = list(transforms)
        if not transforms:
            raise InvalidParameterError(f"{type(self).__name__}: argument 'transforms' must not be empty",
                                        argument="transforms")
        for i, t in enumerate(transforms):
            if not isinstance(t, BaseTransform):
                raise InvalidParameterError(
                    f"{type(self).__name__}: transforms[{i}] is a {type(t).__name__}, not a multiaug transform "
                    "(wrap plain functions in ApplyLambda)",
                    argument="transforms",
                )
        mods = {t._modality().name for t in transforms}
        if len(mods) > 1:
            raise InvalidParameterError(
                f"{type(self).__name__}: all transforms must share one modality, got {sorted(mods)}",
                argument="transforms",
            )
        self.transforms = transforms
        self.modality = transforms[0]._modality()

    #: whether :meth:`_choose` draws from the generator (Compose does not: it runs every child)
    choice_draws = True

    def _choose(self, rng: np.random.Generator) -> list[tuple[int, bool]]:
        """Which children run, in order, and whether each is forced (its own ``p`` not rolled)."""
        raise NotImplementedError

    def _run(self, media: Any, *, seed: int, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = ()) -> tuple[Any, dict[str, Any]]:
        draws = self.choice_draws or (not force and 0.0 < self.p < 1.0)
        rng: Any = rng_from_seed(seed) if draws else None  # not built when nothing is drawn from it
        if not self._decide(rng, force):
            return media, targets
        tracked = records is not None
        for i, forced in self._choose(rng):
            child = self.transforms[i]
            child_seed = derive_seed(seed, i) if child._uses_seed(tracked, forced) else None  # None: never read
            step = (*via, {"op": type(self).__name__, "index": i}) if tracked else via  # only records show it
            media, targets = child._run(media, seed=child_seed, targets=targets, records=records, call=call,
                                        force=forced, via=step)
        return media, targets

    def _params_dict(self) -> dict[str, Any]:
        return {}

    def leaf_entries(self) -> tuple[Entry, ...]:
        return tuple({id(e): e for t in self.transforms for e in t.leaf_entries()}.values())

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": type(self).__name__, "p": self.p}
        d.update(self._params_dict())
        if self.seed is not None:
            d["seed"] = int(self.seed)
        d["transforms"] = [t.to_dict() for t in self.transforms]
        return d

    def __repr__(self) -> str:
        inner = ", ".join(repr(t) for t in self.transforms)
        extra = "".join(f", {k}={v!r}" for k, v in self._params_dict().items())
        return f"{type(self).__name__}([{inner}]{extra}, p={self.p})"

    def __len__(self) -> int:
        return len(self.transforms)


class Compose(BaseComposition):
    """Apply every child in order (each child still rolls its own ``p``), with probability ``p``."""

    choice_draws = False

    def _choose(self, rng: np.random.Generator) -> list[tuple[int, bool]]:
        return [(i, False) for i in range(len(self.transforms))]


class RandomApply(Compose):
    """Apply the whole list (each child still rolling its own ``p``) with probability ``p`` (default 0.5)."""

    def __init__(self, transforms: Sequence[BaseTransform], p: float = 0.5, seed: int | None = None):
        super().__init__(transforms, p=p, seed=seed)


class OneOf(BaseComposition):
    """With probability ``p``, apply exactly one child, chosen with ``weights``.

    Default weights are the children's ``p`` values normalised to sum 1 (AugLy). The chosen child
    is forced (its own ``p`` is not rolled again).
    """

    def __init__(self, transforms: Sequence[BaseTransform], p: float = 1.0, weights: Sequence[float] | None = None,
                 seed: int | None = None):
        super().__init__(transforms, p=p, seed=seed)
        if weights is None:
            w = np.array([t.p for t in self.transforms], dtype=float)
            self._explicit = None
        else:
            w = np.asarray(weights, dtype=float)
            if w.shape != (len(self.transforms),) or (w < 0).any() or not np.isfinite(w).all():
                raise InvalidParameterError(
                    f"OneOf: argument 'weights' must be {len(self.transforms)} non-negative numbers", argument="weights"
                )
            self._explicit = [float(x) for x in w]
        if w.sum() <= 0:
            raise InvalidParameterError("OneOf: the weights (children's p by default) must not all be 0",
                                        argument="weights")
        self.weights = w / w.sum()

    def _params_dict(self) -> dict[str, Any]:
        return {"weights": self._explicit} if self._explicit is not None else {}

    def _choose(self, rng: np.random.Generator) -> list[tuple[int, bool]]:
        return [(int(rng.choice(len(self.transforms), p=self.weights)), True)]


class SomeOf(BaseComposition):
    """With probability ``p``, apply ``n`` distinct children chosen uniformly, in their listed order.

    ``n`` may be an int or an ``(low, high)`` tuple (inclusive) drawn per call. Chosen children are
    forced, like :class:`OneOf`.
    """

    def __init__(self, transforms: Sequence[BaseTransform], n: int | tuple[int, int] = 1, p: float = 1.0,
                 seed: int | None = None):
        super().__init__(transforms, p=p, seed=seed)
        count = len(self.transforms)
        lo, hi = (n, n) if isinstance(n, (int, np.integer)) and not isinstance(n, bool) else (None, None)
        if lo is None:
            if (isinstance(n, (tuple, list)) and len(n) == 2
                    and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in n)):
                lo, hi = int(n[0]), int(n[1])
            else:
                raise InvalidParameterError(f"SomeOf: argument 'n' must be an int or (low, high), got {n!r}",
                                            argument="n")
        if not 0 <= lo <= hi <= count:
            raise InvalidParameterError(f"SomeOf: argument 'n' must be within [0, {count}], got {n!r}", argument="n")
        self.n = (int(lo), int(hi))

    def _params_dict(self) -> dict[str, Any]:
        return {"n": self.n[0] if self.n[0] == self.n[1] else list(self.n)}

    def _choose(self, rng: np.random.Generator) -> list[tuple[int, bool]]:
        k = int(rng.integers(self.n[0], self.n[1] + 1))
        return [(int(i), True) for i in sorted(rng.choice(len(self.transforms), size=k, replace=False))]


COMPOSITIONS: dict[str, type[BaseComposition]] = {
    "Compose": Compose,
    "OneOf": OneOf,
    "SomeOf": SomeOf,
    "RandomApply": RandomApply,
}


def modality_of(transform: BaseTransform) -> Modality:
    return transform._modality()
