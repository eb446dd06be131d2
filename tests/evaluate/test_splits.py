"""Repeated stratified group k-fold and the leakage check of every fold."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from multiaug.core.errors import InvalidParameterError
from multiaug.evaluate.splits import LeakageError, Split, check_fold, max_folds, stratified_group_folds


def _data():
    labels = ["a"] * 7 + ["b"] * 5 + ["c"] * 9
    keys = [f"k{i:02d}" for i in range(len(labels))]
    return labels, keys


def test_every_item_is_tested_once_per_repeat_and_classes_are_stratified():
    labels, keys = _data()
    splits = stratified_group_folds(labels, keys, 5, 3, seed=4)
    assert len(splits) == 15
    for r in range(3):
        tested = np.concatenate([s.test for s in splits if s.repeat == r])
        assert sorted(tested.tolist()) == list(range(len(labels)))
        for s in (s for s in splits if s.repeat == r):
            assert not set(s.train.tolist()) & set(s.test.tolist())
            assert len(s.train) + len(s.test) == len(labels)
        per_fold = [Counter(labels[i] for i in s.test) for s in splits if s.repeat == r]
        for c in "abc":
            counts = [pf[c] for pf in per_fold]
            assert max(counts) - min(counts) <= 1, (c, counts)
    # repeats reshuffle, the same seed gives the same folds
    first = [s.test.tolist() for s in splits if s.repeat == 0]
    second = [s.test.tolist() for s in splits if s.repeat == 1]
    assert first != second
    again = stratified_group_folds(labels, keys, 5, 3, seed=4)
    assert [s.test.tolist() for s in again] == [s.test.tolist() for s in splits]


def test_groups_never_straddle_folds():
    labels, keys = _data()
    groups = [k if i % 3 else "dup" + labels[i] for i, k in enumerate(keys)]  # every third item shares a group
    for s in stratified_group_folds(labels, groups, 3, 2, seed=0):
        assert not {groups[i] for i in s.train} & {groups[i] for i in s.test}
    assert max_folds(labels, groups) == min(Counter(lab for lab, _ in set(zip(labels, groups))).values())


def test_bad_fold_arguments_are_refused():
    labels, keys = _data()
    with pytest.raises(InvalidParameterError, match="folds"):
        stratified_group_folds(labels, keys, 1, 1, seed=0)
    with pytest.raises(InvalidParameterError, match="repeats"):
        stratified_group_folds(labels, keys, 2, 0, seed=0)


def test_a_leaking_fold_is_detected():
    labels, keys = _data()
    split = stratified_group_folds(labels, keys, 3, 1, seed=0)[0]
    key_group = {k: k for k in keys}
    train_src = [keys[i] for i in split.train[:3]]
    check_fold(split, keys, keys, train_src, key_group)  # copies of training originals: fine
    test_src = keys[split.test[0]]
    with pytest.raises(LeakageError, match="original is in the test fold"):
        check_fold(split, keys, keys, [*train_src, test_src], key_group)
    with pytest.raises(LeakageError, match="unknown sources"):
        check_fold(split, keys, keys, ["not-a-key"], key_group)
    # an exact duplicate of a test item among the training originals
    groups = list(keys)
    groups[split.train[0]] = groups[split.test[0]]
    with pytest.raises(LeakageError, match="duplicate items of the test fold"):
        check_fold(split, groups, keys, [], {k: g for k, g in zip(keys, groups)})
    overlapping = Split(0, 0, np.array([0, 1, 2]), np.array([2, 3]))
    with pytest.raises(LeakageError, match="both the training and the test fold"):
        check_fold(overlapping, keys, keys, [], key_group)
