"""scripts/moderation_robustness.py: the two ways presets are compared at the same measured change."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("moderation_robustness", ROOT / "scripts" / "moderation_robustness.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_isotonic_fit_is_non_increasing_and_pools_violators(script):
    x = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    y = np.array([1.0, 0.0, 1.0, 0.0, 0.0])    # 0.2 and 0.3 violate: pooled into one block of mean 0.5
    bx, by = script.isotonic_decreasing(x, y)
    assert np.allclose(bx, [0.1, 0.25, 0.4, 0.5]) and np.allclose(by, [1.0, 0.5, 0.0, 0.0])
    assert np.all(np.diff(by) <= 0)
    bx, by = script.isotonic_decreasing(np.array([0.3, 0.1, 0.2]), np.array([0.0, 0.0, 1.0]))   # unsorted input
    assert np.allclose(bx, [0.15, 0.3]) and np.allclose(by, [0.5, 0.0])


def test_binned_reweights_the_reference_to_the_rows_distribution(script):
    row = lambda loss, m: {"ssim_loss": loss, "phash_matched": m}  # noqa: E731
    ref = [row(0.05, True), row(0.05, True), row(0.55, True), row(0.55, False), row(0.55, False), row(0.55, False)]
    rows = [row(0.02, True), row(0.51, False), row(0.52, False), row(0.58, True), row(0.95, False)]  # 0.9 bin: no ref
    own, theirs, n = script._binned(rows, ref, "phash", "ssim_loss", 0.1)
    assert n == 4                                   # the 0.95 output has no reference output in its bin
    assert own == pytest.approx(2 / 4) and theirs == pytest.approx((1 * 1.0 + 3 * 0.25) / 4)
    assert script._interpolated([row(0.05, True)], ref, "phash", "ssim_loss") == pytest.approx(1.0)
