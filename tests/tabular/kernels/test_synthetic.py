"""Synthetic-row kernels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from multiaug.tabular.kernels.synthetic import class_deficits, jitter_rows, smote_rows, swap_rows


def test_class_deficits():
    assert class_deficits(["a"] * 5 + ["b"] * 2, None) == {"a": 0, "b": 3}
    assert class_deficits(["a"] * 5 + ["b"] * 2, 6) == {"a": 1, "b": 4}


def test_jitter_scale_and_rounding():
    numeric = np.array([[0.0, 10.0]] * 4)
    out = jitter_rows(numeric, np.zeros(20000, dtype=int), np.array([2.0, 0.0]), np.array([False, True]),
                      np.random.default_rng(0))
    assert abs(out[:, 0].std() - 2.0) < 0.05 and abs(out[:, 0].mean()) < 0.05
    assert (out[:, 1] == 10.0).all()


def test_swap_rows():
    cells = np.array([["a", "x"], ["b", "y"]], dtype=object)
    out = swap_rows(cells, np.array([0, 0]), np.array([[1], [1]]), np.array([[0], [1]]))
    assert out.tolist() == [["b", "x"], ["a", "y"]]
    assert cells.tolist() == [["a", "x"], ["b", "y"]]


def test_smote_interpolates_between_same_class_neighbours():
    rng = np.random.default_rng(0)
    x = pd.DataFrame({"u": np.r_[rng.normal(0, 1, 30), rng.normal(10, 0.1, 8)]})
    labels = ["a"] * 30 + ["b"] * 8
    new, new_labels = smote_rows(x, labels, {"a": 0, "b": 22}, [], 5, 7)
    assert len(new) == 22 and set(new_labels) == {"b"}
    lo, hi = x["u"][30:].min(), x["u"][30:].max()
    assert new["u"].between(lo, hi).all()  # convex combinations of minority rows only
