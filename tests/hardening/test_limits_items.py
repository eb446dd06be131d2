"""Issue 12, resource limits and finiteness as users meet them: huge finite values are refused before any
allocation with a ResourceLimitError naming the argument, cost and limit; limits raised per block or
process-wide. (±inf naming the argument, on arrays and PIL images: tests/core/test_finiteness.py; limit blocks per
thread: tests/core/test_limits.py.)"""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
import multiaug.tabular as tabaugs
import multiaug.text as txtaugs
from multiaug.core.errors import InvalidParameterError, ResourceLimitError

from . import inputs as odd

BLOW_UPS = [
    (imaugs.blur, {"radius": 1e9}, "kernel_size"), (imaugs.pad, {"w_factor": 1e9}, "output_pixels"),
    (imaugs.scale, {"factor": 1e9}, "output_pixels"), (imaugs.pixelization, {"ratio": 1e9}, "output_pixels"),
    (imaugs.resize, {"width": 10**9}, "output_pixels"), (imaugs.change_aspect_ratio, {"ratio": 1e18}, "output_pixels"),
    (imaugs.clip_image_size, {"min_resolution": 10**9}, "output_pixels"),
    (imaugs.rotate, {"degrees": 45.0, "expand": True}, None),
]


@pytest.mark.parametrize("fn,args,limit", BLOW_UPS, ids=[f.__name__ for f, _, _ in BLOW_UPS])
def test_huge_image_arguments_are_refused_before_allocation(fn, args, limit):
    img = odd.rgb(64, 48)
    if limit is None:  # an ordinary call under a tiny limit
        with multiaug.limits(output_pixels=64 * 48), pytest.raises(ResourceLimitError):
            fn(img, **args)
        return
    with pytest.raises(ResourceLimitError) as info:
        fn(img, **args)
    err = info.value
    assert err.limit_name == limit and err.cost > err.limit and err.argument in args


@pytest.mark.parametrize("fn,args", [
    (txtaugs.insert_text, {"insert_text": ["x"], "num_insertions": 10**9}),
    (txtaugs.insert_emoji, {"num_insertions": 10**9}),
    (txtaugs.simulate_typos, {"max_typo_length": 10**9}),
])
def test_text_growth_is_refused_before_planning(fn, args):
    with pytest.raises(ResourceLimitError, match="output_chars"):
        fn("The quick brown fox", **args)


def test_tabular_balance_is_checked_against_the_cell_limit():
    table = odd.TABULAR_INPUTS["table"]()
    with pytest.raises(ResourceLimitError, match="output_cells"):
        tabaugs.jitter(table, label="label", balance_to=10**9)


@pytest.mark.parametrize("name", ["only_label", "inf_numeric"])
def test_smote_refuses_tables_it_cannot_interpolate(name):
    with pytest.raises(InvalidParameterError, match="feature column"):
        tabaugs.smote(odd.TABULAR_INPUTS[name](), label="label", seed=0)


def test_limits_can_be_raised_per_block_and_process_wide():
    img = odd.rgb(100, 100)
    with pytest.raises(ResourceLimitError):
        imaugs.scale(img, factor=150)  # 15000² = 225 MP
    with multiaug.limits(output_pixels=None):
        with multiaug.limits(kernel_size=9):  # nested blocks start from the outer one
            assert multiaug.get_limits().output_pixels is None
            with pytest.raises(ResourceLimitError, match="kernel_size=9"):
                imaugs.blur(img, radius=2.0)
    with pytest.raises(ResourceLimitError):
        imaugs.scale(img, factor=150)
    previous = multiaug.set_limits(output_chars=50)
    try:
        with pytest.raises(ResourceLimitError):
            txtaugs.insert_text("a b c", insert_text=["x"], num_insertions=100)
    finally:
        multiaug.set_limits(**previous.__dict__)
    assert imaugs.scale(img, factor=2).size == (200, 200)


def test_cost_rules_are_in_the_catalogue():
    rows = {(r["modality"], r["name"]): r for r in multiaug.catalogue()}
    assert rows[("image", "pad")]["cost_rule"].startswith("output_pixels")
    assert rows[("image", "brightness")]["cost_rule"] == "none"
    assert np.isfinite(multiaug.Limits().output_pixels)
