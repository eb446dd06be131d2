"""Weather and light: rain, snow, fog (Koschmieder), sun flare, shadows, night (kernels in
:mod:`multiaug.image.kernels.weather`). Each is seeded, records what it drew plus the measured detail-
contrast loss (``info['contrast_loss']``), and leaves bboxes where they are."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.seeds import MAX_SEED
from ...core.spec import Check, Range, Unit
from ..kernels import weather as kw
from ..modality import ARRAY, IMAGE
from ..targets import box_rules as bb
from .parameters import COLOR_CHECK

_RAIN_TYPES = {None: (1 / 600, 20), "drizzle": (1 / 770, 10), "heavy": (1 / 600, 30), "torrential": (1 / 500, 60)}


def _loss_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """The measured detail-contrast loss · 100 (info['contrast_loss'])."""
    return facts["info"]["contrast_loss"] * 100.0


def _child_rng(rng: np.random.Generator) -> np.random.Generator:
    return np.random.default_rng(int(rng.integers(MAX_SEED)))


def _pair(lo: float, hi: float | None = None) -> Check:
    def ok(v: Any) -> bool:
        return (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
                and v[0] <= v[1] and v[0] >= lo and (hi is None or v[1] <= hi))
    return Check(ok, f"must be (low, high) with {lo} ≤ low ≤ high" + (f" ≤ {hi}" if hi is not None else ""))


def _finish(image: np.ndarray, out: np.ndarray, info: dict[str, Any]) -> Out:
    info["contrast_loss"] = round(kw.contrast_loss(image, out), 6)
    return Out(out, info=info)


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def rain(
    image: Any,
    output_path: str | None = None,
    slant_range: Annotated[tuple[float, float], _pair(-100, 100), Unit("px")] = (-10.0, 10.0),
    drop_length: Annotated[int | None, Range(1, 1000), Unit("px")] = None,
    drop_width: Annotated[int, Range(1, 20), Unit("px")] = 1,
    drop_color: Annotated[tuple[int, int, int], COLOR_CHECK] = (200, 200, 200),
    blur_value: Annotated[int, Range(1, 99), Unit("px")] = 7,
    brightness_coefficient: Annotated[float, Range(0, 1)] = 0.7,
    rain_type: Literal["drizzle", "heavy", "torrential"] | None = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Rain streaks, lens blur and wet darkening (albumentations' RandomRain parameters).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        slant_range: horizontal drift of a streak over its length, drawn uniformly (px).
        drop_length: streak length in px; None: 20, or 10/30/60 for drizzle/heavy/torrential.
        drop_width: streak width in px.
        drop_color: (r, g, b) of the streaks.
        blur_value: box-blur size in px (1 = none).
        brightness_coefficient: wet-scene brightness multiplier (1 = unchanged).
        rain_type: None (area/600 drops), "drizzle" (area/770), "heavy" (area/600, long), "torrential" (area/500).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    slant = float(rng.uniform(slant_range[0], slant_range[1]))
    field_rng = _child_rng(rng)
    h, w = image.shape[:2]
    per_px, length = _RAIN_TYPES[rain_type]
    length = int(drop_length) if drop_length is not None else length
    drops = int(w * h * per_px)
    out = kw.rain(image, field_rng, drops, slant, length, drop_width, drop_color, blur_value, brightness_coefficient)
    return _finish(image, out, {"slant": slant, "num_drops": drops, "drop_length": length})


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def snow(
    image: Any,
    output_path: str | None = None,
    snow_point_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.3),
    flake_size_range: Annotated[tuple[float, float], _pair(0.5, 50), Unit("px")] = (1.0, 3.0),
    brightness_coeff: Annotated[float, Range(0, 1)] = 0.5,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Falling flakes and snow-covered ground.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        snow_point_range: amount of snow drawn uniformly: flakes per 100 px² of image (0–1 → 0–1 flake)
            and the ground whitening strength.
        flake_size_range: flake radius range in px.
        brightness_coeff: how white the ground turns at full amount (0–1).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    amount = float(rng.uniform(snow_point_range[0], snow_point_range[1]))
    field_rng = _child_rng(rng)
    h, w = image.shape[:2]
    flakes = int(amount * w * h / 100.0)
    whiten = amount * brightness_coeff / max(snow_point_range[1], 1e-9)
    out = kw.snow(image, field_rng, flakes, tuple(flake_size_range), min(whiten, 1.0))
    return _finish(image, out, {"amount": amount, "num_flakes": flakes, "whiten": min(whiten, 1.0)})


def _is_depth(v: Any) -> bool:
    return v is None or (isinstance(v, np.ndarray) and v.ndim == 2 and bool(np.isfinite(v).all()) and bool((v >= 0).all()))


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def fog(
    image: Any,
    output_path: str | None = None,
    beta_range: Annotated[tuple[float, float], _pair(0), Unit("1/depth unit")] = (0.5, 2.0),
    airlight: Annotated[tuple[int, int, int], COLOR_CHECK] = (230, 230, 230),
    depth: Annotated[Any, Check(_is_depth, "must be None or an H×W array of depths ≥ 0")] = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Fog by atmospheric scattering: ``I·t + A·(1 − t)`` with ``t = exp(−β·depth)`` (Koschmieder).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        beta_range: extinction coefficient β drawn uniformly; visibility ≈ 3.912/β depth units; β = 0 is the identity.
        airlight: (r, g, b) of the scattered light A.
        depth: H×W depth map (same units as 1/β) of the image; None: a vertical ramp from 1 (top) to 0.1 (bottom).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    beta = float(rng.uniform(beta_range[0], beta_range[1]))
    if depth is not None and depth.shape != image.shape[:2]:
        from ...core.errors import InvalidParameterError

        raise InvalidParameterError(f"fog: argument 'depth' must have the image's shape {image.shape[:2]}, got {depth.shape}",
                                    argument="depth")
    out = kw.fog(image, beta, airlight, depth)
    vis = kw.visibility(beta)
    return _finish(image, out, {"beta": beta, "visibility": None if math.isinf(vis) else vis})


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def sun_flare(
    image: Any,
    output_path: str | None = None,
    flare_roi: Annotated[tuple[float, float, float, float], Check(lambda v: isinstance(v, (list, tuple)) and len(v) == 4 and 0 <= v[0] <= v[2] <= 1 and 0 <= v[1] <= v[3] <= 1, "must be (x1, y1, x2, y2) fractions, x1 ≤ x2, y1 ≤ y2")] = (0.0, 0.0, 1.0, 0.5),
    src_radius: Annotated[int, Range(1, 2000), Unit("px")] = 100,
    src_color: Annotated[tuple[int, int, int], COLOR_CHECK] = (255, 255, 255),
    num_flare_circles_range: Annotated[tuple[int, int], _pair(0, 50)] = (6, 10),
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Sun flare: a glow at a random source in ``flare_roi`` and ghost circles on the line through the centre.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        flare_roi: region (x1, y1, x2, y2, fractions of the size) where the source is drawn uniformly.
        src_radius: glow radius (Gaussian σ) in px.
        src_color: (r, g, b) of the light.
        num_flare_circles_range: number of ghost circles, drawn uniformly (inclusive).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    h, w = image.shape[:2]
    sx = float(rng.uniform(flare_roi[0], flare_roi[2])) * w
    sy = float(rng.uniform(flare_roi[1], flare_roi[3])) * h
    n = int(rng.integers(num_flare_circles_range[0], num_flare_circles_range[1] + 1))
    positions = sorted(float(v) for v in rng.uniform(0.1, 1.0, n))
    radii = [float(v) for v in rng.uniform(0.02, 0.08, n) * max(w, h)]
    opacities = [float(v) for v in rng.uniform(0.05, 0.3, n)]
    circles = kw.flare_circles((sx, sy), w, h, positions, radii, opacities)
    out = kw.sun_flare(image, (sx, sy), float(src_radius) * min(1.0, max(w, h) / 1000.0 * 2), circles, src_color)
    return _finish(image, out, {"source": [sx, sy], "circles": [list(c) for c in circles]})


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def shadow(
    image: Any,
    output_path: str | None = None,
    shadow_roi: Annotated[tuple[float, float, float, float], Check(lambda v: isinstance(v, (list, tuple)) and len(v) == 4 and 0 <= v[0] <= v[2] <= 1 and 0 <= v[1] <= v[3] <= 1, "must be (x1, y1, x2, y2) fractions")] = (0.0, 0.5, 1.0, 1.0),
    num_shadows_limit: Annotated[tuple[int, int], _pair(1, 20)] = (1, 2),
    shadow_dimension: Annotated[int, Range(3, 20)] = 5,
    shadow_intensity_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.5, 0.5),
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Shadows: random polygons inside ``shadow_roi`` darkened (albumentations' RandomShadow parameters).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        shadow_roi: region (x1, y1, x2, y2, fractions) holding the polygons' vertices.
        num_shadows_limit: number of shadows, drawn uniformly (inclusive).
        shadow_dimension: vertices per polygon.
        shadow_intensity_range: darkening drawn per shadow (0 none – 1 black).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    h, w = image.shape[:2]
    n = int(rng.integers(num_shadows_limit[0], num_shadows_limit[1] + 1))
    polys, strengths = [], []
    for _ in range(n):
        xs = rng.uniform(shadow_roi[0], shadow_roi[2], shadow_dimension) * w
        ys = rng.uniform(shadow_roi[1], shadow_roi[3], shadow_dimension) * h
        cx, cy = xs.mean(), ys.mean()
        order = np.argsort(np.arctan2(ys - cy, xs - cx))  # a simple (star-shaped) polygon
        polys.append([[float(xs[i]), float(ys[i])] for i in order])
        strengths.append(float(rng.uniform(shadow_intensity_range[0], shadow_intensity_range[1])))
    out = image
    for poly, s in zip(polys, strengths):
        out = kw.shadow(out, [poly], s, softness=1.0)
    if out is image:
        out = image.copy()
    return _finish(image, out, {"polygons": polys, "intensities": strengths})


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, kernel=ARRAY)
def night(
    image: Any,
    output_path: str | None = None,
    gamma_range: Annotated[tuple[float, float], _pair(0.1, 10)] = (1.5, 2.5),
    brightness_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.3, 0.6),
    blue_shift: Annotated[float, Range(0, 1)] = 0.15,
    noise_sigma_range: Annotated[tuple[float, float], _pair(0, 100), Unit("levels")] = (3.0, 8.0),
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Night / low light: gamma darkening, a cooler white balance and Gaussian sensor noise.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        gamma_range: gamma drawn uniformly (> 1 darkens shadows most).
        brightness_range: overall exposure multiplier drawn uniformly.
        blue_shift: red × (1 − s), blue × (1 + s) (colour temperature of night scenes).
        noise_sigma_range: sensor noise standard deviation in levels, drawn uniformly.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    gamma = float(rng.uniform(gamma_range[0], gamma_range[1]))
    bright = float(rng.uniform(brightness_range[0], brightness_range[1]))
    sigma = float(rng.uniform(noise_sigma_range[0], noise_sigma_range[1]))
    field_rng = _child_rng(rng)
    out = kw.night(image, field_rng, gamma, bright, blue_shift, sigma)
    return _finish(image, out, {"gamma": gamma, "brightness": bright, "noise_sigma": sigma})
