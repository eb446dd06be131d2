"""Physical truth of every image keypoint and mask rule: they must land where the image's pixels went.

As in test_bbox_truth: a marker is drawn on a grey image, the augmentation runs on it and on the plain image
(same parameters and seed), and the pixels that differ strongly are where the marker went.

* Keypoints: a 6×6 px red square centred on each keypoint; the centroid of its pixels in the output must be within
  ``TOL`` px (scaled by the output/input size ratio) of the returned keypoint, and a keypoint reported gone must
  have no visible marker.
* Masks: the mask is the filled red box of test_bbox_truth; the output pixels that show the box must match the
  returned mask (IoU ≥ 0.95), exactly where the rule is an exact pixel move (flips, crops, pads, tiles, integer
  shifts). Pixel-only augmentations (the ``unchanged`` rule at the same size) return the mask unchanged.

Every registered image augmentation is covered (the registry is iterated); one that refuses a target must raise
UnsupportedTargetError and be listed in docs/TRAINING.md.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from multiaug.core.errors import UnsupportedTargetError
from multiaug.core.registry import entries
from multiaug.image.targets import follow
from multiaug.image.targets import point_rules as pr
from tests.image.test_bbox_truth import BOX, GREY, H, NO_DETECTION, VARIANTS, W

MARKERS = [(70.0, 40.0), (150.0, 100.0), (200.0, 150.0)]  # inside one tile of every split_and_shuffle grid tested
TOL = 1.5  # px at the input's scale
EXACT_MASKS = {"hflip", "vflip", "crop", "pad", "pad_square", "translate", "split_and_shuffle", "collage", "hstack",
               "vstack", "random_resized_crop"}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "TRAINING.md"


def _cases():
    out = []
    for e in entries("image"):
        for i, params in enumerate(VARIANTS.get(e.name, [e.example_params()])):
            out.append(pytest.param(e, {**e.example_params(), **params}, id=f"{e.name}-{i}"))
    return out


def _call(entry, image, **kw):
    multi = next(iter(entry.signature.parameters)) == "images"
    media = [image, Image.new("RGB", (160, 200), (90, 140, 200))] if multi else image
    if entry.random:
        kw["seed"] = 3
    return entry.public(media, **kw)


def _diff(a: Image.Image, b: Image.Image) -> np.ndarray | None:
    x = np.asarray(a.convert("RGB"), dtype=np.int32)
    y = np.asarray(b.convert("RGB"), dtype=np.int32)
    if x.shape != y.shape:
        return None
    d = np.abs(x - y).sum(axis=2)
    return d if d.max() >= 40 else None


def _refused(entry, target: str) -> bool:
    rule = (follow.keypoint_rule if target == "keypoints" else follow.mask_rule)(entry.rules)
    return isinstance(rule, follow.Refuse)


@pytest.mark.parametrize("entry,params", _cases())
def test_keypoints_follow_pixels(entry, params):
    plain = Image.new("RGB", (W, H), GREY)
    if _refused(entry, "keypoints"):
        with pytest.raises(UnsupportedTargetError, match="keypoints"):
            _call(entry, plain, **params, keypoints=[MARKERS[0]], return_keypoints=True)
        return
    out_plain = _call(entry, plain, **params)
    unchanged = follow.keypoint_rule(entry.rules) is pr.unchanged
    for x, y in MARKERS:
        img = plain.copy()
        ImageDraw.Draw(img).rectangle([x - 3, y - 3, x + 2, y + 2], fill=(255, 0, 0))
        out, (got,) = _call(entry, img, **params, keypoints=[[x, y, "label"]], return_keypoints=True,
                            drop_empty=False)
        dw, dh = out.size
        if unchanged:  # normalised position kept
            assert got == pytest.approx([x / W * dw, y / H * dh, "label"]), (entry.name, got)
        if entry.name in NO_DETECTION:
            continue
        d = _diff(out, out_plain)
        if d is None:
            assert unchanged or got is None, f"{entry.name} {params}: marker gone but keypoint at {got}"
            continue
        ys, xs = np.nonzero(d > d.max() / 2)
        if unchanged and entry.family not in ("color", "filters", "noise", "encoding", "geometry", "tone", "tiles"):
            continue  # overlays may paint over the marker; the position is checked above
        tol = TOL * max(1.0, dw / W, dh / H) + 0.5
        if got is None:  # gone: only a part of the marker (half-size 3 px) may still show, along an edge
            edge = 3 * max(1.0, dw / W, dh / H) + 1
            assert min(xs.min(), ys.min(), dw - 1 - xs.max(), dh - 1 - ys.max()) <= edge, (
                f"{entry.name} {params}: keypoint reported gone, marker visible near {xs.mean(), ys.mean()}")
            continue
        assert got[2] == "label"
        cx, cy = xs.mean() + 0.5, ys.mean() + 0.5
        assert abs(cx - got[0]) <= tol and abs(cy - got[1]) <= tol, (
            f"{entry.name} {params}: keypoint {got[:2]}, marker centroid {(cx, cy)}")


def _box_mask() -> np.ndarray:
    m = np.zeros((H, W), np.uint8)
    m[int(BOX[1]):int(BOX[3]), int(BOX[0]):int(BOX[2])] = 1
    return m


@pytest.mark.parametrize("entry,params", _cases())
def test_masks_follow_pixels(entry, params):
    plain = Image.new("RGB", (W, H), GREY)
    boxed = plain.copy()
    ImageDraw.Draw(boxed).rectangle([BOX[0], BOX[1], BOX[2] - 1, BOX[3] - 1], fill=(255, 0, 0))
    mask = _box_mask()
    if _refused(entry, "masks"):
        with pytest.raises(UnsupportedTargetError, match="masks"):
            _call(entry, boxed, **params, masks=[mask], return_masks=True)
        return
    out, (got,) = _call(entry, boxed, **params, masks=[mask], return_masks=True)
    dw, dh = out.size
    assert got.shape == (dh, dw) and got.dtype == np.uint8
    assert mask.sum() == (H * W - ((W - 120) * H + 120 * (H - 90)))  # the input was not modified
    if follow.mask_rule(entry.rules) is follow.DERIVED[follow.box_rules.unchanged][1] and (dw, dh) == (W, H):
        assert np.array_equal(got, mask), f"{entry.name}: a pixel-only augmentation changed the mask"
    if entry.name in NO_DETECTION:
        return
    d = _diff(out, _call(entry, plain, **params))
    if d is None:
        return
    shown = d > d.max() / 2
    if entry.name in EXACT_MASKS:
        assert np.array_equal(shown, got == 1), f"{entry.name} {params}: mask and pixels differ"
        return
    if follow.mask_rule(entry.rules) is follow.DERIVED[follow.box_rules.unchanged][1] and entry.family not in (
            "color", "filters", "noise", "encoding", "geometry", "tone", "tiles"):
        return  # overlays paint over the box; masks are unchanged by convention
    inter = np.logical_and(shown, got == 1).sum()
    union = np.logical_or(shown, got == 1).sum()
    assert inter / union >= 0.95, f"{entry.name} {params}: mask IoU {inter / union:.3f}"


def test_refusals_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    refusing = sorted({e.name for e in entries("image") if _refused(e, "masks") or _refused(e, "keypoints")})
    assert refusing, "expected at least augment_and_mix to refuse"
    for name in refusing:
        assert f"`{name}`" in text.split("## Masks and keypoints", 1)[1], f"{name} refuses targets: list it"
