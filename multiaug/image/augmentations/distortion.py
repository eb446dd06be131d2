"""Non-rigid distortions: GridDistortion and ElasticTransform (kernels in
:mod:`multiaug.image.kernels.distortion`). Boxes follow: points along each box's edges are moved forward
through the distortion and enclosed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import distortion as kd
from ..kernels import nearest
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules as bb
from ..targets import point_rules
from .parameters import Seed

_EDGE_POINTS = 24


def _perimeter(box: bb.Box, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    l, u, r, d = box[0] * w, box[1] * h, box[2] * w, box[3] * h
    t = np.linspace(0.0, 1.0, _EDGE_POINTS)
    xs = np.concatenate([l + (r - l) * t, np.full_like(t, r), r - (r - l) * t, np.full_like(t, l)])
    ys = np.concatenate([np.full_like(t, u), u + (d - u) * t, np.full_like(t, d), d - (d - u) * t])
    return xs, ys


def _points_rule(move: Any) -> bb.BoxRule:
    def rule(boxes: list[bb.Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[bb.Box | None]:
        w, h = facts["src_width"], facts["src_height"]
        out: list[bb.Box | None] = []
        for b in boxes:
            if b is None:
                out.append(None)
                continue
            xs, ys = _perimeter(b, w, h)
            mx, my = move(xs, ys, w, h, facts["info"])
            out.append(bb.clamp_or_none((mx.min() / w, my.min() / h, mx.max() / w, my.max() / h)))
        return out
    return rule


def _grid_move(xs: np.ndarray, ys: np.ndarray, w: int, h: int, info: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Points moved through the exact inverse of the piecewise-linear grid maps."""
    return kd.grid_forward_points(xs, ys, w, h, info["x_steps"], info["y_steps"])


def _elastic_move(xs: np.ndarray, ys: np.ndarray, w: int, h: int, info: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Points moved forward through the elastic field (fixed-point inversion)."""
    return kd.elastic_forward_points(xs, ys, w, h, np.asarray(info["control_dx"]), np.asarray(info["control_dy"]))


#: the image's border_mode as a nearest-resampling border (OpenCV: reflect is REFLECT_101)
_BORDERS = {"reflect": "reflect_101", "nearest": "replicate", "constant": "constant"}


def _grid_mask(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """Masks remapped (nearest) through the same grid maps and border mode."""
    maps = kd.grid_maps(facts["src_width"], facts["src_height"], facts["info"]["x_steps"], facts["info"]["y_steps"])
    return nearest.remap(mask, *maps, _BORDERS[params["border_mode"]], fill)


def _elastic_mask(mask: np.ndarray, params: dict[str, Any], facts: dict[str, Any], fill: float) -> np.ndarray:
    """Masks remapped (nearest) through the same elastic maps and border mode."""
    info = facts["info"]
    maps = kd.elastic_maps(facts["src_width"], facts["src_height"], np.asarray(info["control_dx"]),
                           np.asarray(info["control_dy"]))
    return nearest.remap(mask, *maps, _BORDERS[params["border_mode"]], fill)


_grid_rule = _points_rule(_grid_move)
_grid_rule.__doc__ = "Edge points of the box moved through the inverse of the piecewise-linear grid maps, enclosed."
_elastic_rule = _points_rule(_elastic_move)
_elastic_rule.__doc__ = "Edge points of the box moved forward through the elastic field (fixed-point inversion), enclosed."


def _grid_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max |step − 1| · 100 over the drawn steps."""
    steps = facts["info"]["x_steps"] + facts["info"]["y_steps"]
    return min(max(abs(s - 1.0) for s in steps) * 100.0, 100.0)


def _draw_steps(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """``num_steps`` column factors, then ``num_steps`` row factors, uniform in [1 − limit, 1 + limit]."""
    n, lim = params["num_steps"], params["distort_limit"]
    return {"x_steps": [float(v) for v in 1.0 + rng.uniform(-lim, lim, n)],
            "y_steps": [float(v) for v in 1.0 + rng.uniform(-lim, lim, n)]}


@augmentation(IMAGE, intensity=_grid_intensity, bbox=_grid_rule, draw=_draw_steps,
              keypoints=point_rules.by_forward(_grid_move), masks=_grid_mask)
def grid_distortion(
    image: ArrayImage,
    num_steps: Annotated[int, Range(1, 100)] = 5,
    distort_limit: Annotated[float, Range(0, 1, high_open=True)] = 0.3,
    interpolation: Literal["nearest", "linear", "cubic"] = "linear",
    border_mode: Literal["reflect", "nearest", "constant"] = "reflect",
    seed: Seed = None,
    *,
    x_steps: Drawn,
    y_steps: Drawn,
) -> Out:
    """Grid distortion (albumentations' GridDistortion): each of ``num_steps`` columns and rows of cells is
    stretched by a factor drawn from [1 − limit, 1 + limit].

    Args:
        num_steps: cells per axis.
        distort_limit: largest relative change of a cell's size (0 ≤ limit < 1).
        interpolation: resampling filter.
        border_mode: what is sampled outside the image.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kd.grid_distortion(image, x_steps, y_steps, interpolation, border_mode)
    return Out(out, info={"x_steps": x_steps, "y_steps": y_steps})


def _elastic_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(alpha / min(width, height) · 1000, 100)."""
    return min(params["alpha"] / min(facts["src_width"], facts["src_height"]) * 1000.0, 100.0)


def _draw_controls(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """Horizontal, then vertical displacements uniform in [−alpha, alpha] px (rounded to 1e-4) on a control grid
    every ``sigma`` px (at least 2×2 points)."""
    h, w = image.shape[:2]
    alpha, sigma = params["alpha"], params["sigma"]
    gx, gy = max(2, int(round(w / sigma)) + 1), max(2, int(round(h / sigma)) + 1)
    return {"control_dx": np.round(rng.uniform(-alpha, alpha, (gy, gx)), 4),
            "control_dy": np.round(rng.uniform(-alpha, alpha, (gy, gx)), 4)}


@augmentation(IMAGE, intensity=_elastic_intensity, bbox=_elastic_rule, draw=_draw_controls,
              keypoints=point_rules.by_forward(_elastic_move), masks=_elastic_mask)
def elastic_transform(
    image: ArrayImage,
    alpha: Annotated[float, Range(0, None), Unit("px")] = 10.0,
    sigma: Annotated[float, Range(2, None), Unit("px")] = 50.0,
    interpolation: Literal["nearest", "linear", "cubic"] = "linear",
    border_mode: Literal["reflect", "nearest", "constant"] = "reflect",
    seed: Seed = None,
    *,
    control_dx: Drawn,
    control_dy: Drawn,
) -> Out:
    """Smooth random elastic deformation: displacements up to ``alpha`` px drawn on a control grid every
    ``sigma`` px and interpolated bicubically (the control values are recorded, so it replays and boxes follow).

    Args:
        alpha: largest displacement at a control point, in px.
        sigma: spacing of the control points in px (larger: smoother).
        interpolation: resampling filter.
        border_mode: what is sampled outside the image.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kd.elastic_transform(image, control_dx, control_dy, interpolation, border_mode)
    return Out(out, info={"control_dx": control_dx.tolist(), "control_dy": control_dy.tolist()})
