"""Weather and light: rain, snow, fog (Koschmieder), sun flare, shadows, night (kernels in
:mod:`multiaug.image.kernels.weather`). Each is seeded, records what it drew plus the measured detail-
contrast loss (``info['contrast_loss']``), and leaves bboxes where they are."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.seeds import MAX_SEED
from ...core.spec import Check, Range, Unit
from ..kernels import weather as kw
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules as bb
from .parameters import COLOR_CHECK, Seed

_RAIN_TYPES = {None: (1 / 600, 20), "drizzle": (1 / 770, 10), "heavy": (1 / 600, 30), "torrential": (1 / 500, 60)}


def _loss_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """The measured detail-contrast loss · 100 (info['contrast_loss'])."""
    return facts["info"]["contrast_loss"] * 100.0


def _pair(lo: float, hi: float | None = None) -> Check:
    def ok(v: Any) -> bool:
        return (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
                and v[0] <= v[1] and v[0] >= lo and (hi is None or v[1] <= hi))
    return Check(ok, f"must be (low, high) with {lo} ≤ low ≤ high" + (f" ≤ {hi}" if hi is not None else ""))


def _field_seed(rng: np.random.Generator) -> int:
    """The seed of the Generator a kernel draws its bulk random field (drops, flakes, noise) from."""
    return int(rng.integers(MAX_SEED))


def _finish(image: np.ndarray, out: np.ndarray, info: dict[str, Any]) -> Out:
    # the measured loss (two Gaussian blurs of the luma) is taken only when a record is built
    return Out(out, info=info, lazy={"contrast_loss": lambda: round(kw.contrast_loss(image, out), 6)})


def _draw_rain(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The slant, then the seed of the drop field."""
    return {"slant": float(rng.uniform(*params["slant_range"])), "field_seed": _field_seed(rng)}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_rain)
def rain(
    image: ArrayImage,
    slant_range: Annotated[tuple[float, float], _pair(-100, 100), Unit("px")] = (-10.0, 10.0),
    drop_length: Annotated[int | None, Range(1, 1000), Unit("px")] = None,
    drop_width: Annotated[int, Range(1, 20), Unit("px")] = 1,
    drop_color: Annotated[tuple[int, int, int], COLOR_CHECK] = (200, 200, 200),
    blur_value: Annotated[int, Range(1, 99), Unit("px")] = 7,
    brightness_coefficient: Annotated[float, Range(0, 1)] = 0.7,
    rain_type: Literal["drizzle", "heavy", "torrential"] | None = None,
    seed: Seed = None,
    *,
    slant: Drawn,
    field_seed: Drawn,
) -> Out:
    """Rain streaks, lens blur and wet darkening (albumentations' RandomRain parameters).

    Args:
        slant_range: horizontal drift of a streak over its length, drawn uniformly (px).
        drop_length: streak length in px; None: 20, or 10/30/60 for drizzle/heavy/torrential.
        drop_width: streak width in px.
        drop_color: (r, g, b) of the streaks.
        blur_value: box-blur size in px (1 = none).
        brightness_coefficient: wet-scene brightness multiplier (1 = unchanged).
        rain_type: None (area/600 drops), "drizzle" (area/770), "heavy" (area/600, long), "torrential" (area/500).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    per_px, length = _RAIN_TYPES[rain_type]
    length = int(drop_length) if drop_length is not None else length
    drops = int(image.shape[0] * image.shape[1] * per_px)
    out = kw.rain(image, np.random.default_rng(field_seed), drops, slant, length, drop_width, drop_color, blur_value,
                  brightness_coefficient)
    return _finish(image, out, {"slant": slant, "num_drops": drops, "drop_length": length})


def _draw_snow(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The amount of snow, then the seed of the flake field."""
    return {"amount": float(rng.uniform(*params["snow_point_range"])), "field_seed": _field_seed(rng)}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_snow)
def snow(
    image: ArrayImage,
    snow_point_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.3),
    flake_size_range: Annotated[tuple[float, float], _pair(0.5, 50), Unit("px")] = (1.0, 3.0),
    brightness_coeff: Annotated[float, Range(0, 1)] = 0.5,
    seed: Seed = None,
    *,
    amount: Drawn,
    field_seed: Drawn,
) -> Out:
    """Falling flakes and snow-covered ground.

    Args:
        snow_point_range: amount of snow drawn uniformly: flakes per 100 px² of image (0–1 → 0–1 flake)
            and the ground whitening strength.
        flake_size_range: flake radius range in px.
        brightness_coeff: how white the ground turns at full amount (0–1).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    flakes = int(amount * image.shape[1] * image.shape[0] / 100.0)
    whiten = amount * brightness_coeff / max(snow_point_range[1], 1e-9)
    out = kw.snow(image, np.random.default_rng(field_seed), flakes, tuple(flake_size_range), min(whiten, 1.0))
    return _finish(image, out, {"amount": amount, "num_flakes": flakes, "whiten": min(whiten, 1.0)})


def _is_depth(v: Any) -> bool:
    return v is None or (isinstance(v, np.ndarray) and v.ndim == 2 and bool(np.isfinite(v).all()) and bool((v >= 0).all()))


def _draw_beta(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The extinction coefficient β (then ``depth`` is checked against the image's shape)."""
    beta = float(rng.uniform(*params["beta_range"]))
    depth = params["depth"]
    if depth is not None and depth.shape != image.shape[:2]:
        raise InvalidParameterError(f"fog: argument 'depth' must have the image's shape {image.shape[:2]}, got {depth.shape}",
                                    function="fog", argument="depth")
    return {"beta": beta}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_beta)
def fog(
    image: ArrayImage,
    beta_range: Annotated[tuple[float, float], _pair(0), Unit("1/depth unit")] = (0.5, 2.0),
    airlight: Annotated[tuple[int, int, int], COLOR_CHECK] = (230, 230, 230),
    depth: Annotated[Any, Check(_is_depth, "must be None or an H×W array of depths ≥ 0")] = None,
    seed: Seed = None,
    *,
    beta: Drawn,
) -> Out:
    """Fog by atmospheric scattering: ``I·t + A·(1 − t)`` with ``t = exp(−β·depth)`` (Koschmieder).

    Args:
        beta_range: extinction coefficient β drawn uniformly; visibility ≈ 3.912/β depth units; β = 0 is the identity.
        airlight: (r, g, b) of the scattered light A.
        depth: H×W depth map (same units as 1/β) of the image; None: a vertical ramp from 1 (top) to 0.1 (bottom).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kw.fog(image, beta, airlight, depth)
    vis = kw.visibility(beta)
    return _finish(image, out, {"beta": beta, "visibility": None if math.isinf(vis) else vis})


def _draw_flare(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The source (x, then y, px) in ``flare_roi``, the number of ghost circles, then their positions along the line
    (sorted), radii (fractions of max(W, H) turned into px) and opacities."""
    h, w = image.shape[:2]
    roi, (lo, hi) = params["flare_roi"], params["num_flare_circles_range"]
    source = (float(rng.uniform(roi[0], roi[2])) * w, float(rng.uniform(roi[1], roi[3])) * h)
    n = int(rng.integers(lo, hi + 1))
    positions = sorted(float(v) for v in rng.uniform(0.1, 1.0, n))
    radii = [float(v) for v in rng.uniform(0.02, 0.08, n) * max(w, h)]
    return {"source": source, "positions": positions, "radii": radii,
            "opacities": [float(v) for v in rng.uniform(0.05, 0.3, n)]}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_flare)
def sun_flare(
    image: ArrayImage,
    flare_roi: Annotated[tuple[float, float, float, float], Check(lambda v: isinstance(v, (list, tuple)) and len(v) == 4 and 0 <= v[0] <= v[2] <= 1 and 0 <= v[1] <= v[3] <= 1, "must be (x1, y1, x2, y2) fractions, x1 ≤ x2, y1 ≤ y2")] = (0.0, 0.0, 1.0, 0.5),
    src_radius: Annotated[int, Range(1, 2000), Unit("px")] = 100,
    src_color: Annotated[tuple[int, int, int], COLOR_CHECK] = (255, 255, 255),
    num_flare_circles_range: Annotated[tuple[int, int], _pair(0, 50)] = (6, 10),
    seed: Seed = None,
    *,
    source: Drawn,
    positions: Drawn,
    radii: Drawn,
    opacities: Drawn,
) -> Out:
    """Sun flare: a glow at a random source in ``flare_roi`` and ghost circles on the line through the centre.

    Args:
        flare_roi: region (x1, y1, x2, y2, fractions of the size) where the source is drawn uniformly.
        src_radius: glow radius (Gaussian σ) in px.
        src_color: (r, g, b) of the light.
        num_flare_circles_range: number of ghost circles, drawn uniformly (inclusive).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    h, w = image.shape[:2]
    circles = kw.flare_circles(source, w, h, positions, radii, opacities)
    out = kw.sun_flare(image, source, float(src_radius) * min(1.0, max(w, h) / 1000.0 * 2), circles, src_color)
    return _finish(image, out, {"source": list(source), "circles": [list(c) for c in circles]})


def _draw_shadows(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The number of shadows, then per shadow its vertices' x, their y (sorted by angle around their mean: a
    star-shaped polygon) and its darkening."""
    h, w = image.shape[:2]
    roi, dim, (lo, hi), (s_lo, s_hi) = (params[k] for k in ("shadow_roi", "shadow_dimension", "num_shadows_limit",
                                                            "shadow_intensity_range"))
    polys, strengths = [], []
    for _ in range(int(rng.integers(lo, hi + 1))):
        xs, ys = rng.uniform(roi[0], roi[2], dim) * w, rng.uniform(roi[1], roi[3], dim) * h
        order = np.argsort(np.arctan2(ys - ys.mean(), xs - xs.mean()))
        polys.append([[float(xs[i]), float(ys[i])] for i in order])
        strengths.append(float(rng.uniform(s_lo, s_hi)))
    return {"polygons": polys, "strengths": strengths}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_shadows)
def shadow(
    image: ArrayImage,
    shadow_roi: Annotated[tuple[float, float, float, float], Check(lambda v: isinstance(v, (list, tuple)) and len(v) == 4 and 0 <= v[0] <= v[2] <= 1 and 0 <= v[1] <= v[3] <= 1, "must be (x1, y1, x2, y2) fractions")] = (0.0, 0.5, 1.0, 1.0),
    num_shadows_limit: Annotated[tuple[int, int], _pair(1, 20)] = (1, 2),
    shadow_dimension: Annotated[int, Range(3, 20)] = 5,
    shadow_intensity_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.5, 0.5),
    seed: Seed = None,
    *,
    polygons: Drawn,
    strengths: Drawn,
) -> Out:
    """Shadows: random polygons inside ``shadow_roi`` darkened (albumentations' RandomShadow parameters).

    Args:
        shadow_roi: region (x1, y1, x2, y2, fractions) holding the polygons' vertices.
        num_shadows_limit: number of shadows, drawn uniformly (inclusive).
        shadow_dimension: vertices per polygon.
        shadow_intensity_range: darkening drawn per shadow (0 none – 1 black).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kw.shadows(image, polygons, strengths, softness=1.0)
    return _finish(image, out, {"polygons": polygons, "intensities": strengths})


def _draw_night(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """Gamma, exposure and noise level, then the seed of the noise field."""
    gamma = float(rng.uniform(*params["gamma_range"]))
    bright = float(rng.uniform(*params["brightness_range"]))
    return {"gamma": gamma, "brightness": bright, "noise_sigma": float(rng.uniform(*params["noise_sigma_range"])),
            "field_seed": _field_seed(rng)}


@augmentation(IMAGE, intensity=_loss_intensity, bbox=bb.unchanged, draw=_draw_night)
def night(
    image: ArrayImage,
    gamma_range: Annotated[tuple[float, float], _pair(0.1, 10)] = (1.5, 2.5),
    brightness_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.3, 0.6),
    blue_shift: Annotated[float, Range(0, 1)] = 0.15,
    noise_sigma_range: Annotated[tuple[float, float], _pair(0, 100), Unit("levels")] = (3.0, 8.0),
    seed: Seed = None,
    *,
    gamma: Drawn,
    brightness: Drawn,
    noise_sigma: Drawn,
    field_seed: Drawn,
) -> Out:
    """Night / low light: gamma darkening, a cooler white balance and Gaussian sensor noise.

    Args:
        gamma_range: gamma drawn uniformly (> 1 darkens shadows most).
        brightness_range: overall exposure multiplier drawn uniformly.
        blue_shift: red × (1 − s), blue × (1 + s) (colour temperature of night scenes).
        noise_sigma_range: sensor noise standard deviation in levels, drawn uniformly.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kw.night(image, np.random.default_rng(field_seed), gamma, brightness, blue_shift, noise_sigma)
    return _finish(image, out, {"gamma": gamma, "brightness": brightness, "noise_sigma": noise_sigma})
