"""Repeated stratified *group* k-fold over the originals, and the leakage checks of every fold.

Augmented copies never take part in the split: a copy is attached to the training side of the fold that holds
its original (its *source key*, which the expand manifest records), so a copy of a test item can never be
trained on. Originals that are exact duplicates of each other share a *group* and always land in the same fold.

:func:`check_fold` is run on every fold before anything is fitted and raises :class:`LeakageError` if a test
item's group appears on the training side (as an original or as the source of an augmented copy).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.errors import InvalidParameterError, MultiaugError
from ..core.seeds import derive_seed


class LeakageError(MultiaugError, ValueError):
    """Evaluation would train on an item whose original (or an exact duplicate of it) is in the test fold."""


@dataclass(frozen=True)
class Split:
    """One (repeat, fold): indices into the originals of a task."""

    repeat: int
    fold: int
    train: np.ndarray
    test: np.ndarray


def group_labels(labels: Sequence[str], groups: Sequence[str]) -> dict[str, str]:
    """The label of each group (its most frequent label; ties broken by label name)."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for lab, g in zip(labels, groups):
        per[g][lab] += 1
    return {g: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for g, c in per.items()}


def max_folds(labels: Sequence[str], groups: Sequence[str]) -> int:
    """The largest k for which every class has a group in every test fold: the smallest class's group count."""
    by_class = Counter(group_labels(labels, groups).values())
    return min(by_class.values()) if by_class else 0


def stratified_group_folds(labels: Sequence[str], groups: Sequence[str], folds: int, repeats: int,
                           seed: int) -> list[Split]:
    """Repeated stratified group k-fold: ``repeats`` × ``folds`` splits of the items.

    Each repeat shuffles the groups of every class with ``derive_seed(seed, "evaluate-folds", repeat)`` and deals
    them, largest first, to the fold that holds the fewest items of that class (ties: fewest items overall, then
    the lowest fold index). With one item per group this is exact stratification (class counts per fold differ by
    at most one).

    Args:
        labels: class of every item.
        groups: group id of every item (items of one group always share a fold).
        folds: k (>= 2).
        repeats: number of reshuffled k-fold rounds (>= 1).
        seed: base seed (int >= 0).
    """
    if len(labels) != len(groups):
        raise InvalidParameterError(f"evaluate: {len(labels)} labels for {len(groups)} groups", argument="groups")
    if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
        raise InvalidParameterError(f"evaluate: argument 'folds' must be an int >= 2, got {folds!r}", argument="folds")
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise InvalidParameterError(f"evaluate: argument 'repeats' must be an int >= 1, got {repeats!r}",
                                    argument="repeats")
    glabel = group_labels(labels, groups)
    members: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    by_class: dict[str, list[str]] = defaultdict(list)
    for g in sorted(members):
        by_class[glabel[g]].append(g)
    out: list[Split] = []
    for r in range(repeats):
        rng = np.random.default_rng(derive_seed(seed, "evaluate-folds", r))
        fold_of: dict[str, int] = {}
        total = [0] * folds
        for cls in sorted(by_class):
            gs = list(by_class[cls])
            order = rng.permutation(len(gs))
            gs = [gs[j] for j in order]
            gs.sort(key=lambda g: -len(members[g]))  # stable: the shuffle decides among equal sizes
            in_class = [0] * folds
            for g in gs:
                f = min(range(folds), key=lambda k: (in_class[k], total[k], k))
                fold_of[g] = f
                in_class[f] += len(members[g])
                total[f] += len(members[g])
        assign = np.array([fold_of[g] for g in groups])
        for f in range(folds):
            out.append(Split(r, f, np.flatnonzero(assign != f), np.flatnonzero(assign == f)))
    return out


def check_fold(split: Split, groups: Sequence[str], keys: Sequence[str], aug_sources: Sequence[str],
               key_group: dict[str, str]) -> None:
    """Fail loudly if the training side of ``split`` touches its test side.

    Args:
        split: the fold.
        groups: group id of every original (indexed like ``keys``).
        keys: key of every original.
        aug_sources: source keys of the augmented copies that will be trained on in this fold.
        key_group: group id of every original key.

    Raises:
        LeakageError: an original is on both sides, a training original shares a group (exact duplicate) with a
            test item, or an augmented copy to be trained on comes from a test item (or from an unknown source).
    """
    where = f"repeat {split.repeat}, fold {split.fold}"
    both = set(split.train.tolist()) & set(split.test.tolist())
    if both:
        raise LeakageError(f"evaluate: {where}: {len(both)} originals are in both the training and the test fold "
                           f"(e.g. '{keys[min(both)]}')")
    test_groups = {groups[i] for i in split.test}
    bad = sorted(keys[i] for i in split.train if groups[i] in test_groups)
    if bad:
        raise LeakageError(f"evaluate: {where}: training originals {bad[:5]} duplicate items of the test fold")
    unknown = sorted({s for s in aug_sources if s not in key_group})
    if unknown:
        raise LeakageError(f"evaluate: {where}: augmented copies of unknown sources {unknown[:5]}; their fold "
                           "cannot be known, so they could be copies of test items")
    leaking = sorted({s for s in aug_sources if key_group[s] in test_groups})
    if leaking:
        raise LeakageError(f"evaluate: {where}: {len(leaking)} augmented copies would be trained on while their "
                           f"original is in the test fold (sources {leaking[:5]})")


__all__ = ["LeakageError", "Split", "check_fold", "group_labels", "max_folds", "stratified_group_folds"]
