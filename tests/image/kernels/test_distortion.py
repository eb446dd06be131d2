"""Grid distortion and the elastic field: identity at rest, and points move where the pixels move."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.image.kernels import distortion as ds


@pytest.fixture(scope="module")
def img():
    return np.random.default_rng(0).integers(0, 256, (40, 60, 3), dtype=np.uint8)


def test_identity_at_rest(img):
    assert np.array_equal(ds.grid_distortion(img, [1.0] * 5, [1.0] * 4), img)
    assert np.array_equal(ds.elastic_transform(img, np.zeros((3, 4)), np.zeros((3, 4))), img)


def test_grid_nodes_keep_the_ends():
    out_nodes, in_nodes = ds.grid_nodes(60, [1.5, 0.5, 1.0])
    assert out_nodes.tolist() == [0, 20, 40, 60]
    assert in_nodes[0] == 0 and in_nodes[-1] == pytest.approx(60)
    assert in_nodes[1] - in_nodes[0] > in_nodes[2] - in_nodes[1]


def _marker(h=40, w=60, x=20, y=25):
    m = np.zeros((h, w), np.uint8)
    m[y - 1:y + 2, x - 1:x + 2] = 255
    return m


def _centre(m):
    ys, xs = np.nonzero(m > 100)
    return xs.mean() + 0.5, ys.mean() + 0.5


def test_grid_points_follow_the_marker():
    xs, ys = [1.4, 0.7, 0.9, 1.2], [0.6, 1.5, 1.0]
    out = ds.grid_distortion(_marker(), xs, ys)
    px, py = ds.grid_forward_points([20.5], [25.5], 60, 40, xs, ys)
    assert _centre(out) == pytest.approx((px[0], py[0]), abs=0.8)


def test_elastic_points_follow_the_marker():
    rng = np.random.default_rng(3)
    cdx, cdy = rng.uniform(-4, 4, (4, 5)), rng.uniform(-4, 4, (4, 5))
    out = ds.elastic_transform(_marker(), cdx, cdy)
    px, py = ds.elastic_forward_points([20.5], [25.5], 60, 40, cdx, cdy)
    assert _centre(out) == pytest.approx((px[0], py[0]), abs=0.8)


def test_constant_shift_field_translates(img):
    out = ds.elastic_transform(img, np.full((3, 3), 2.0), np.zeros((3, 3)), border="constant")
    assert np.array_equal(out[:, :-2], img[:, 2:])  # output x samples input x + 2
