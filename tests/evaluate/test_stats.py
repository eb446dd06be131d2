"""Fold metrics and intervals, checked against hand-computed values."""

from __future__ import annotations

import math

import pytest

from multiaug.evaluate import stats


def test_fold_metrics_by_hand():
    m = stats.fold_metrics(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "a"], ["a", "b", "c"])
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["recall"] == {"a": 0.5, "b": 1.0, "c": 0.0}
    # F1: a = 2·1/(2+2) = 0.5, b = 2·2/(2+3) = 0.8, c = 0
    assert m["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert stats.fold_metrics(["a"], ["a"], ["a", "b"])["recall"]["b"] is None


def test_corrected_resampled_t_interval():
    values = [0.8, 0.7, 0.9, 0.75, 0.85]
    r = stats.interval(values, test_train_ratio=0.25)
    sd = math.sqrt(sum((v - 0.8) ** 2 for v in values) / 4)
    half = 2.7764451051977987 * math.sqrt((1 / 5 + 0.25) * sd * sd)  # t(0.975, 4)
    assert r["mean"] == pytest.approx(0.8)
    assert r["low"] == pytest.approx(0.8 - half, abs=1e-6) and r["high"] == pytest.approx(0.8 + half, abs=1e-6)
    # the correction widens the naive interval: (1/J + ratio) > 1/J
    assert r["high"] - r["low"] > 2 * 2.7764 * sd / math.sqrt(5)
    wide = stats.interval([0.0, 1.0], 0.5)  # J = 2: t(0.975, 1) = 12.7, clipped to the range of a score
    assert (wide["low"], wide["high"]) == (0.0, 1.0)
    assert stats.interval([0.5], 0.25)["low"] is None and stats.interval([None], 0.25)["n"] == 0


def test_paired_difference_and_verdict():
    a = [0.5, 0.6, 0.55, 0.5]
    assert stats.verdict(stats.paired(a, [x + 0.1 for x in a], 0.25)) == "helps"
    assert stats.verdict(stats.paired(a, [x - 0.1 for x in a], 0.25)) == "hurts"
    d = stats.paired(a, [0.6, 0.5, 0.55, 0.5], 0.25)
    assert d["low"] < 0 < d["high"] and stats.verdict(d) == "no measurable effect"
