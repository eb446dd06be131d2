"""Weather and light kernels: rain, snow, fog (Koschmieder), sun flare, shadows, night.

Inputs are uint8 H×W×3 (RGB) or H×W×4 (alpha passed through) arrays; outputs are new arrays of the same
shape. Scalar parameters arrive already drawn; bulk random fields (drop and flake positions, sensor
noise) come from the explicit ``rng``. :func:`rms_contrast` / :func:`contrast_loss` measure what an
effect took away (the declarations record it).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np

from .backends import cv2_module
from .lut import band_luts, translate_inplace

#: Koschmieder's constant: meteorological visibility = ln(1/0.02) / β ≈ 3.912 / β (2 % contrast threshold)
KOSCHMIEDER = 3.912


_BAND_ROWS = 256  # rows per band in the banded kernels (memory: a band's float32 temporaries, not the image's)


def _split_alpha(image: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    if image.ndim == 3 and image.shape[2] == 4:
        return np.ascontiguousarray(image[..., :3]), image[..., 3:]
    if image.ndim == 3 and image.shape[2] == 2:  # LA: grey as RGB, alpha passed through
        return np.ascontiguousarray(np.repeat(image[..., :1], 3, axis=2)), image[..., 1:]
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[..., None], 3, axis=2)), None
    return np.ascontiguousarray(image), None


def _join_alpha(rgb: np.ndarray, alpha: np.ndarray | None, like: np.ndarray) -> np.ndarray:
    if like.ndim == 2:
        return cv2_module().cvtColor(rgb, cv2_module().COLOR_RGB2GRAY)
    if like.ndim == 3 and like.shape[2] == 2:
        return np.dstack([cv2_module().cvtColor(rgb, cv2_module().COLOR_RGB2GRAY), alpha])
    if alpha is not None:
        return np.concatenate([rgb, alpha], axis=-1)
    return rgb


#: Rec. 601 luma weights as the 1×3 matrix of ``cv2.transform``
_LUMA601 = np.array([[0.299, 0.587, 0.114]], dtype=np.float32)


def luma(image: np.ndarray) -> np.ndarray:
    """Rec. 601 luma (0–255, float32) of an RGB(A) or grey image."""
    if image.ndim == 2:
        return image.astype(np.float32)
    rgb = np.ascontiguousarray(image[..., :3]).astype(np.float32)
    return cv2_module().transform(rgb, _LUMA601)


def rms_contrast(image: np.ndarray, sigma: float = 3.0) -> float:
    """Detail (local RMS) contrast on the 0–1 scale: the standard deviation of the luma minus its Gaussian
    blur of ``sigma`` px. Haze multiplies it by the transmission t, a uniform brightness shift leaves it."""
    if image.size == 0:
        return 0.0
    y = luma(image)
    detail = y - cv2_module().GaussianBlur(y, (0, 0), float(sigma), borderType=cv2_module().BORDER_REFLECT)
    return float(detail.std() / 255.0)


def contrast_loss(before: np.ndarray, after: np.ndarray) -> float:
    """Fraction of detail contrast removed: ``1 − c(after)/c(before)`` clipped to [0, 1] (0 for a flat input),
    with c = :func:`rms_contrast`."""
    c0 = rms_contrast(before)
    if c0 <= 0:
        return 0.0
    return float(min(max(1.0 - rms_contrast(after) / c0, 0.0), 1.0))


def vertical_depth(height: int, near: float = 0.1, far: float = 1.0) -> np.ndarray:
    """Default depth map column (H×1 float32): ``far`` at the top row to ``near`` at the bottom row."""
    if height <= 1:
        return np.full((max(height, 1), 1), far, dtype=np.float32)
    return np.linspace(far, near, height, dtype=np.float32)[:, None]


def fog(image: np.ndarray, beta: float, airlight: Sequence[float] = (255.0, 255.0, 255.0),
        depth: np.ndarray | None = None) -> np.ndarray:
    """Atmospheric scattering (Koschmieder): ``I·t + A·(1 − t)``, ``t = exp(−β·depth)``.

    Args:
        image: uint8 RGB(A) or grey.
        beta: extinction coefficient (≥ 0) per depth unit; visibility ≈ 3.912 / β depth units; 0 = identity.
        airlight: colour A of the scattered light (0–255 per band).
        depth: H×W depth map in the same units (≥ 0); default :func:`vertical_depth` (1 at the top, 0.1 at
            the bottom row).
    """
    if beta == 0:
        return image.copy()
    rgb, alpha = _split_alpha(image)
    h = rgb.shape[0]
    d = vertical_depth(h) if depth is None else np.asarray(depth, dtype=np.float32).reshape(h, -1)
    t = np.exp(-np.float32(beta) * d)[..., None]  # H×1×1 or H×W×1
    a = np.asarray(airlight, dtype=np.float32).reshape(1, 1, 3)
    out = rgb.astype(np.float32) * t + a * (np.float32(1.0) - t)
    np.clip(out, 0, 255, out=out)
    return _join_alpha(np.rint(out).astype(np.uint8), alpha, image)


def rain(image: np.ndarray, rng: np.random.Generator, num_drops: int, slant: float = -10.0,
         drop_length: int = 20, drop_width: int = 1, drop_color: Sequence[int] = (200, 200, 200),
         blur: int = 7, brightness: float = 0.7) -> np.ndarray:
    """Rain streaks: ``num_drops`` straight segments of ``drop_length`` px slanted by ``slant`` px along the
    segment, drawn at uniformly random positions (from ``rng``), then a ``blur``×``blur`` box blur (lens and
    motion) and wet-scene darkening by ``brightness`` (multiplier ≤ 1), as albumentations' RandomRain."""
    cv2 = cv2_module()
    rgb, alpha = _split_alpha(image)
    h, w = rgb.shape[:2]
    out = rgb.copy()
    if num_drops > 0 and drop_length > 0:
        xs = rng.integers(0, w, size=num_drops)
        ys = rng.integers(-drop_length, h, size=num_drops)
        dx = int(round(slant))
        pts = np.stack([np.stack([xs, ys], 1), np.stack([xs + dx, ys + drop_length], 1)], axis=1).astype(np.int32)
        cv2.polylines(out, list(pts), False, tuple(int(c) for c in drop_color), int(max(drop_width, 1)))
    if blur > 1:
        out = cv2.blur(out, (int(blur), int(blur)))
    if brightness != 1.0:
        table = np.clip(np.arange(256, dtype=np.float32) * np.float32(brightness), 0, 255).astype(np.uint8)
        out = translate_inplace(out, table)  # out is this kernel's own copy
    return _join_alpha(out, alpha, image)


#: pixels per block of :func:`snow`'s float pass: a multiple of 64 (OpenCV's SIMD sees the same vector/tail split
#: as on the whole image, so every pixel gets the same float32 value), small enough to stay in cache
_SNOW_BLOCK = 1 << 15
#: flakes up to this radius are stamped from a cached disc (larger ones are drawn one ``cv2.circle`` at a time)
_STAMP_RADIUS = 16


@functools.lru_cache(maxsize=_STAMP_RADIUS)
def _disc(radius: int) -> tuple[np.ndarray, np.ndarray]:
    """(dy, dx) offsets of the pixels of ``cv2.circle``'s filled disc of ``radius`` px around an integer centre."""
    canvas = np.zeros((2 * radius + 1, 2 * radius + 1), np.uint8)
    cv2_module().circle(canvas, (radius, radius), radius, 255, -1)
    dy, dx = np.nonzero(canvas)
    return dy - radius, dx - radius


def flake_mask(height: int, width: int, xs: np.ndarray, ys: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """The uint8 mask (255 inside) of filled discs of integer ``radii`` px at integer centres (``xs``, ``ys``)
    inside a ``height``×``width`` image: the same pixels as one ``cv2.circle(mask, (x, y), r, 255, -1)`` per disc
    (a union: the drawing order cannot matter), with each radius up to :data:`_STAMP_RADIUS` stamped for all its
    discs at once from the disc's pixel offsets on a canvas padded by the largest such radius."""
    stamped = radii <= _STAMP_RADIUS
    pad = int(radii[stamped].max()) if stamped.any() else 0
    wide = width + 2 * pad
    canvas = np.zeros((height + 2 * pad, wide), np.uint8)
    flat = canvas.reshape(-1)
    for r in np.unique(radii[stamped]).tolist():
        sel = radii == r
        dy, dx = _disc(r)
        centres = (ys[sel] + pad) * wide + (xs[sel] + pad)
        flat[(centres[:, None] + (dy * wide + dx)[None, :]).reshape(-1)] = 255
    mask = np.ascontiguousarray(canvas[pad : pad + height, pad : pad + width])
    cv2 = cv2_module()
    for x, y, r in zip(xs[~stamped].tolist(), ys[~stamped].tolist(), radii[~stamped].tolist()):
        cv2.circle(mask, (x, y), r, 255, -1)
    return mask


def _flakes_into(img: np.ndarray, flakes: np.ndarray) -> None:
    """``img += (255 − img)·(flakes / 255)`` in float32 on the (n, 3) ``img`` with the (n,) uint8 ``flakes``; a block
    without flakes is left as it is (the blend adds 0 there)."""
    if not flakes.any():
        return
    f = flakes.astype(np.float32)
    f /= np.float32(255.0)
    blend = np.float32(255.0) - img
    blend *= cv2_module().merge([f, f, f]).reshape(img.shape)
    img += blend


def snow(image: np.ndarray, rng: np.random.Generator, num_flakes: int, flake_radius: tuple[float, float] = (1.0, 3.0),
         whiten: float = 0.3, blur: float = 0.8) -> np.ndarray:
    """Snow: ground whitening (a blend towards white rising from 0 at 40 % of the height to ``whiten`` at the
    bottom row, stronger on bright surfaces) plus ``num_flakes`` white discs of radius in ``flake_radius``
    px at random positions (from ``rng``), softened by a Gaussian of ``blur`` px.

    Per pixel, in float32: ``v += (255 − v)·wgt`` with ``wgt = ramp(row)·(0.5 + 0.5·luma/255)``, then
    ``v += (255 − v)·flake/255``, clipped and rounded, over blocks of :data:`_SNOW_BLOCK` pixels: the whitening
    only in blocks the ramp reaches (above its first row the weight is 0 and the blend would add 0), the flake blend
    only in blocks with flakes; the same operations in the same order per pixel as one whole-image pass. The flakes
    are stamped (:func:`flake_mask`), not drawn one ``cv2.circle`` call at a time."""
    cv2 = cv2_module()
    rgb, alpha = _split_alpha(image)
    h, w = rgb.shape[:2]
    n = h * w
    if num_flakes > 0:
        xs = rng.integers(0, w, size=num_flakes)
        ys = rng.integers(0, h, size=num_flakes)
        rs = rng.uniform(flake_radius[0], flake_radius[1], size=num_flakes)
        mask = flake_mask(h, w, xs, ys, np.maximum(np.rint(rs), 1).astype(np.int64))  # = max(int(round(r)), 1)
        if blur > 0:
            mask = cv2.GaussianBlur(mask, (0, 0), float(blur))
        flakes = mask.reshape(n)
    else:
        flakes = np.zeros(n, np.uint8)
    # whiten·ramp per row (the same float32 product as on the H×1×1 ramp)
    row_wgt = np.float32(whiten) * np.clip((np.arange(h, dtype=np.float32) / max(h - 1, 1) - 0.4) / 0.6, 0.0, 1.0)
    ramp_rows = np.flatnonzero(row_wgt > 0) if whiten > 0 else np.zeros(0, np.int64)
    first = int(ramp_rows[0]) * w if ramp_rows.size else n
    pixels = rgb.reshape(n, 3)
    out = np.empty((n, 3), np.uint8)
    for s in range(0, n, _SNOW_BLOCK):
        e = min(s + _SNOW_BLOCK, n)
        img = pixels[s:e].astype(np.float32)
        if e > first:  # the ramp reaches this block (above it the weight is 0: the blend would add 0)
            surface = cv2.transform(img.reshape(e - s, 1, 3), _LUMA601).reshape(e - s) / np.float32(255.0)
            r0 = s // w
            rows = np.repeat(row_wgt[r0 : (e - 1) // w + 1], w)[s - r0 * w : e - r0 * w]
            wgt = rows * (np.float32(0.5) + np.float32(0.5) * surface)
            blend = np.float32(255.0) - img
            blend *= cv2.merge([wgt, wgt, wgt]).reshape(e - s, 3)
            img += blend
        _flakes_into(img, flakes[s:e])
        np.clip(img, 0, 255, out=img)
        out[s:e] = np.rint(img, out=img)
    return _join_alpha(out.reshape(h, w, 3), alpha, image)


def sun_flare(image: np.ndarray, source: tuple[float, float], radius: float,
              circles: Sequence[tuple[float, float, float, float]], color: Sequence[int] = (255, 255, 255)) -> np.ndarray:
    """Sun flare: a glow ``exp(−d²/(2·radius²))`` around ``source`` (x, y px) plus ghost ``circles``
    (x, y, radius px, opacity 0–1), screen-blended in ``color`` (``1 − (1 − I)(1 − L)``).

    Computed in bands of rows (every value is elementwise, so the bands give the same bits as one pass): the
    float32 temporaries stay a few MB instead of ~10 copies of the image (24 MP: 1.66 GB → ~0.2 GB)."""
    cv2 = cv2_module()
    rgb, alpha = _split_alpha(image)
    h, w = rgb.shape[:2]
    layer = np.zeros((h, w), dtype=np.float32)
    for cx, cy, r, op in circles:
        disc = np.zeros((h, w), dtype=np.uint8)
        cv2.circle(disc, (int(round(cx)), int(round(cy))), max(int(round(r)), 1), 255, -1)
        for y0 in range(0, h, _BAND_ROWS):
            band = slice(y0, y0 + _BAND_ROWS)
            np.maximum(layer[band], disc[band].astype(np.float32) * np.float32(op / 255.0), out=layer[band])
        del disc
    xx = (np.arange(w, dtype=np.float32) - np.float32(source[0]))[None, :]
    two_r2 = np.float32(2.0 * radius * radius)
    col = np.asarray(color, dtype=np.float32).reshape(1, 1, 3) / np.float32(255.0)
    out = np.empty((h, w, 3), dtype=np.uint8)
    for y0 in range(0, h, _BAND_ROWS):
        band = slice(y0, y0 + _BAND_ROWS)
        lay = layer[band]
        if radius > 0:
            yy = (np.arange(y0, min(y0 + _BAND_ROWS, h), dtype=np.float32) - np.float32(source[1]))[:, None]
            lay = np.maximum(lay, np.exp(-(xx * xx + yy * yy) / two_r2))
        light = lay[..., None] * col
        base = rgb[band].astype(np.float32) / np.float32(255.0)
        blended = np.float32(1.0) - (np.float32(1.0) - base) * (np.float32(1.0) - light)
        out[band] = np.rint(np.clip(blended, 0, 1) * 255.0).astype(np.uint8)
    return _join_alpha(out, alpha, image)


def shadow(image: np.ndarray, polygons: Sequence[Sequence[tuple[float, float]]], intensity: float = 0.5,
           softness: float = 0.0) -> np.ndarray:
    """Darken the inside of each polygon (x, y px vertices) by ``intensity`` (0 none – 1 black), edges
    softened by a Gaussian of ``softness`` px."""
    cv2 = cv2_module()
    rgb, alpha = _split_alpha(image)
    h, w = rgb.shape[:2]
    mask = np.zeros((h, w), dtype=np.uint8)
    for poly in polygons:
        pts = np.round(np.asarray(poly, dtype=np.float64)).astype(np.int32).reshape(-1, 1, 2)
        cv2.fillPoly(mask, [pts], 255)
    if softness > 0:
        mask = cv2.GaussianBlur(mask, (0, 0), float(softness))
    # outside the mask's bounding box the factor is exactly 1 (the pixels stay): the float maths runs inside it only
    out = rgb.copy()
    x, y, bw, bh = cv2.boundingRect(mask)
    if bw and bh:
        sub = mask[y:y + bh, x:x + bw]
        factor = np.float32(1.0) - np.float32(intensity) * (sub.astype(np.float32) / np.float32(255.0))
        out[y:y + bh, x:x + bw] = np.rint(rgb[y:y + bh, x:x + bw].astype(np.float32) * factor[..., None])
    return _join_alpha(out, alpha, image)


def shadows(image: np.ndarray, polygons: Sequence[Sequence[Sequence[float]]], intensities: Sequence[float],
            softness: float = 1.0) -> np.ndarray:
    """:func:`shadow` once per polygon, each with its own darkening (a new array even with no polygon)."""
    out = image
    for poly, strength in zip(polygons, intensities):
        out = shadow(out, [poly], strength, softness=softness)
    return image.copy() if out is image else out


def night(image: np.ndarray, rng: np.random.Generator, gamma: float = 2.0, brightness: float = 0.5,
          blue_shift: float = 0.15, noise_sigma: float = 6.0) -> np.ndarray:
    """Low light: ``255·brightness·(I/255)^gamma``, a cooler white balance (red × (1 − blue_shift), blue ×
    (1 + blue_shift)) and Gaussian sensor noise of ``noise_sigma`` levels (from ``rng``)."""
    cv2 = cv2_module()
    rgb, alpha = _split_alpha(image)
    v = np.arange(256, dtype=np.float64) / 255.0
    base = 255.0 * brightness * np.power(v, gamma)
    tables = [np.clip(np.rint(base * k), 0, 255).astype(np.uint8)
              for k in (1.0 - blue_shift, 1.0, 1.0 + blue_shift)]
    out = band_luts(rgb, tables)
    if noise_sigma > 0:
        noise = rng.standard_normal(out.shape, dtype=np.float32)
        noise *= np.float32(noise_sigma)
        noise += out
        np.clip(noise, 0, 255, out=noise)
        out = np.rint(noise).astype(np.uint8)
    return _join_alpha(out, alpha, image)


def flare_circles(source: tuple[float, float], width: int, height: int, positions: Sequence[float],
                  radii: Sequence[float], opacities: Sequence[float]) -> list[tuple[float, float, float, float]]:
    """Ghost circles on the line from ``source`` through the image centre: circle k sits at
    ``source + positions[k]·(centre − source)·2`` (position 0 = the source, 1 = its mirror image)."""
    sx, sy = source
    cx, cy = width / 2.0, height / 2.0
    out = []
    for t, r, op in zip(positions, radii, opacities):
        out.append((sx + 2.0 * t * (cx - sx), sy + 2.0 * t * (cy - sy), float(r), float(op)))
    return out


def visibility(beta: float) -> float:
    """Meteorological visibility (depth units) for extinction ``beta``: 3.912/β (∞ for β = 0)."""
    return math.inf if beta <= 0 else KOSCHMIEDER / beta
