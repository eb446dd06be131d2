"""Resource limits (multiaug.core.limits, issue 12): cost rules declared with ``@augmentation(cost=...)`` are
checked by the core before the body runs; ``ResourceLimitError`` names the argument, the cost and the limit;
limits are overridable per block (this thread / task only) or process-wide."""

from __future__ import annotations

import contextlib
import threading
from typing import Annotated

import numpy as np
import pytest

import multiaug
import multiaug.image  # noqa: F401  (registers the modality)
from multiaug.core.errors import InvalidParameterError, ResourceLimitError
from multiaug.core.limits import Limits, check_costs, kernel_size, output_pixels, output_samples
from multiaug.core.registry import _REGISTRY, augmentation
from multiaug.core.spec import Range
from multiaug.image.modality import IMAGE, ArrayImage
from multiaug.image.targets import box_rules as bb


@contextlib.contextmanager
def registered(*keys):
    try:
        yield
    finally:
        for k in keys:
            _REGISTRY.pop(k, None)


def _always(params, facts):
    """always 50."""
    return 50.0


def _tile_cost(params, size):
    """output_pixels = W·times × H."""
    return output_pixels(size["width"] * params["times"], size["height"], "times")


def test_a_declared_cost_is_checked_before_the_body_runs():
    calls = []
    with registered(("image", "t_tile")):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged, cost=_tile_cost)
        def t_tile(image: ArrayImage, times: Annotated[int, Range(1, None)] = 2) -> ArrayImage:
            """Repeat the image sideways.

            Args:
                times: copies side by side.
            """
            calls.append(times)
            return np.tile(image, (1, times, 1))

        img = np.zeros((10, 10, 3), np.uint8)
        assert t_tile(img, times=3).shape == (10, 30, 3)
        with pytest.raises(ResourceLimitError) as info:
            t_tile(img, times=10**9)
        err = info.value
        assert isinstance(err, InvalidParameterError) and isinstance(err, ValueError)
        assert err.argument == "times" and err.limit_name == "output_pixels" and err.cost == 10**11
        assert err.limit == Limits().output_pixels and "multiaug.limits(output_pixels=" in str(err)
        assert calls == [3]  # the refused call never reached the body
        with multiaug.limits(output_pixels=None):
            assert t_tile(img, times=500).shape == (10, 5000, 3)
        row = next(r for r in multiaug.catalogue("image") if r["name"] == "t_tile")
        assert row["cost_rule"].startswith("output_pixels")


def test_limits_blocks_nest_and_set_limits_is_process_wide():
    with multiaug.limits(output_pixels=None):
        with multiaug.limits(kernel_size=9):  # an inner block starts from the outer one
            assert multiaug.get_limits().output_pixels is None
            with pytest.raises(ResourceLimitError, match="kernel_size=9"):
                check_costs(kernel_size(13, "radius"), "blur")
        assert multiaug.get_limits().kernel_size == Limits().kernel_size
    previous = multiaug.set_limits(output_samples=50)
    try:
        assert multiaug.get_limits().output_samples == 50
        with pytest.raises(ResourceLimitError):
            check_costs(output_samples(51, 1, "n"), "loop")
    finally:
        multiaug.set_limits(**previous.__dict__)
    assert multiaug.get_limits() == Limits()
    with pytest.raises(InvalidParameterError, match="unknown limit"):
        multiaug.set_limits(pixels=1)
    for bad in (-5, 0, 1.5, True):
        with pytest.raises(InvalidParameterError):
            multiaug.set_limits(output_pixels=bad)


def test_limits_blocks_are_per_thread():
    seen: dict[str, object] = {}
    ready, done = threading.Event(), threading.Event()

    def other() -> None:
        ready.wait()
        seen["other"] = multiaug.get_limits().output_pixels
        done.set()

    t = threading.Thread(target=other)
    t.start()
    with multiaug.limits(output_pixels=7):
        ready.set()
        done.wait()
        seen["here"] = multiaug.get_limits().output_pixels
    t.join()
    assert seen == {"here": 7, "other": Limits().output_pixels}


def test_an_empty_output_is_refused_not_returned():
    with pytest.raises(InvalidParameterError, match="empty output") as info:
        check_costs(output_pixels(0.4, 10, "factor"), "scale")
    assert info.value.argument == "factor"
    with pytest.raises(InvalidParameterError, match="undefined output size"):
        check_costs(output_pixels(float("nan"), 10, "factor"), "scale")
    check_costs([output_pixels(1, 1, "factor"), output_samples(1, 6, "n")], "x")  # one pixel / sample is fine
