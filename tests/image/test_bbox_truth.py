"""Physical truth of every image bbox rule: the returned box must match where the box's pixels went.

A filled red box is drawn on a grey image; the augmentation runs on it and on the same image
without the box (same parameters and seed). Pixels that differ strongly between the two outputs
are where the box went; their extent must match the returned box (IoU ≥ 0.95). Every registered
image augmentation is covered (the registry is iterated, so new families are picked up).

Rules that leave boxes unchanged by construction are also checked for exact equality of the
normalised box; when the operation destroys the colour difference (e.g. brightness 0) or moves
pixels individually (shuffle_pixels, unchanged by convention), only that equality is checked.
For unchanged rules outside the photometric families (overlays, whose convention is that they
never occlude a box), part of the box may be painted over, so the visible pixels must lie inside
the box instead of matching it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from multiaug.core.registry import entries
from multiaug.image.targets import box_rules as bb

W, H = 240, 180
BOX = (60.0, 30.0, 180.0, 120.0)  # pascal_voc px: crosses the 3×3 tile borders of split_and_shuffle
BOX_IN_TILE = (86.0, 66.0, 150.0, 114.0)  # inside the centre tile of a 3×3 grid
GREY = (128, 128, 128)

# Extra parameter sets for functions whose defaults do nothing geometric (or nothing at all).
VARIANTS: dict[str, list[dict]] = {
    "crop": [{"x1": 0.2, "y1": 0.1, "x2": 0.9, "y2": 0.8}, {"x1": 0.4, "y1": 0.3, "x2": 0.6, "y2": 0.9}],
    "pad": [{"w_factor": 0.2, "h_factor": 0.1}],
    "pad_square": [{}],
    "rotate": [{"degrees": 30.0}, {"degrees": -70.0, "expand": True}, {"degrees": 90.0, "expand": True},
               {"degrees": 200.0}],
    "perspective_transform": [{"sigma": 15.0}, {"sigma": 10.0, "dx": 5.0, "dy": -4.0, "crop_out_black_border": True}],
    "skew": [{"skew_factor": 0.3, "axis": 0}, {"skew_factor": -0.4, "axis": 1}],
    "split_and_shuffle": [{}, {"n_columns": 2, "n_rows": 1}, {"n_columns": 4, "n_rows": 5}],
    "scale": [{"factor": 0.5}, {"factor": 1.7}],
    "resize": [{"width": 100, "height": 300}],
    "change_aspect_ratio": [{"ratio": 2.0}],
    "clip_image_size": [{"max_resolution": 20000}],
    "pixelization": [{"ratio": 0.5}],
    "blur": [{"radius": 3.0}],
    "brightness": [{"factor": 0.0}, {"factor": 1.5}],
    "contrast": [{"factor": 1.5}],
    "saturation": [{"factor": 0.3}],
    "opacity": [{"level": 0.5}],
    "encoding_quality": [{"quality": 20}],
    "random_noise": [{"var": 0.002}],
    "shuffle_pixels": [{"factor": 0.5}],
    "collage": [{"n_columns": 2}],
    # training-time augmentations (issue 15)
    "shear": [{"factor": 0.3}, {"factor": -0.25, "axis": "y", "interpolation": "bilinear"}],
    "translate": [{"dx": 25, "dy": -12}],
    "rotate_keep_size": [{"degrees": 30.0}, {"degrees": -120.0, "interpolation": "bilinear"}],
    "random_affine": [{"rotation_range": 30.0, "width_shift_range": 0.1, "height_shift_range": [5, 9],
                       "shear_range": 15.0, "zoom_range": (0.7, 1.2), "horizontal_flip": True,
                       "vertical_flip": True, "fill_mode": "constant"}],
    "random_resized_crop": [{"size": 120, "scale": (0.5, 0.9)}, {"size": (90, 200), "scale": (0.9, 1.0)}],
    "grid_distortion": [{"num_steps": 4, "distort_limit": 0.4, "border_mode": "constant"}],
    "elastic_transform": [{"alpha": 12.0, "sigma": 40.0, "border_mode": "constant"}],
    # one visible layer: the whole image sheared (fainter layers are in the union rule, see tests/image)
    "augment_and_mix": [{"chains": [[["Equalize", 0.0]], [["Solarize", 0.5]]], "chain_weights": [0.3, 0.3],
                         "original_weight": 0.4},
                        {"chains": [[["ShearX", 0.3], ["Rotate", 10.0]]], "chain_weights": [1.0],
                         "original_weight": 0.0}],
}
# Rules that are unchanged by convention although pixels move individually.
NO_DETECTION = {"shuffle_pixels"}
# Global histogram operations remap every pixel through a table built from the whole image, box included, so
# the box changes the background too: no local difference to detect (their boxes are checked for equality above).
NO_DETECTION |= {"equalize", "autocontrast"}
# Families whose unchanged boxes must match the visible pixels exactly (IoU), not just contain them.
PHOTOMETRIC = {"color", "filters", "noise", "encoding", "composite", "geometry", "tiles"}


def _images(with_box: bool, box=BOX) -> Image.Image:
    img = Image.new("RGB", (W, H), GREY)
    if with_box:
        ImageDraw.Draw(img).rectangle([box[0], box[1], box[2] - 1, box[3] - 1], fill=(255, 0, 0))
    return img


def _cases():
    out = []
    for e in entries("image"):
        for i, params in enumerate(VARIANTS.get(e.name, [e.example_params()])):
            out.append(pytest.param(e, {**e.example_params(), **params}, id=f"{e.name}-{i}"))
    return out


def _iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _run(entry, params, box=BOX):
    multi = next(iter(entry.signature.parameters)) == "images"
    other = Image.new("RGB", (160, 200), (90, 140, 200))
    boxed = [_images(True, box), other] if multi else _images(True, box)
    plain = [_images(False), other] if multi else _images(False)
    kw = dict(params)
    if entry.random:
        kw["seed"] = 3
    out_box, boxes = entry.public(boxed, bboxes=[box], bbox_format="pascal_voc", return_bboxes=True, **kw)
    out_plain = entry.public(plain, **kw)
    return out_box, out_plain, boxes[0]


def _extent(out_box: Image.Image, out_plain: Image.Image):
    a = np.asarray(out_box.convert("RGB"), dtype=np.int32)
    b = np.asarray(out_plain.convert("RGB"), dtype=np.int32)
    if a.shape != b.shape:
        return None
    diff = np.abs(a - b).sum(axis=2)
    peak = diff.max()
    if peak < 40:
        return None
    ys, xs = np.nonzero(diff > peak / 2)
    return (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))


@pytest.mark.parametrize("entry,params", _cases())
def test_box_follows_pixels(entry, params):
    if "bboxes" not in (entry.call_signature or entry.signature).parameters:
        pytest.skip("takes no boxes")
    out_box, out_plain, got = _run(entry, params)
    dw, dh = out_box.size
    unchanged = entry.rules["bbox"] is bb.unchanged
    if unchanged:
        want = [BOX[0] / W * dw, BOX[1] / H * dh, BOX[2] / W * dw, BOX[3] / H * dh]
        assert got is not None and np.allclose(got, want, atol=1e-6), (got, want)
    extent = _extent(out_box, out_plain)
    if entry.name in NO_DETECTION or (unchanged and extent is None):
        return
    assert extent is not None, f"{entry.name}: the box's pixels are not visible in the output"
    assert got is not None, f"{entry.name}: box reported gone but its pixels are visible at {extent}"
    if unchanged and entry.family not in PHOTOMETRIC:
        tol = 2.0
        inside = (extent[0] >= got[0] - tol and extent[1] >= got[1] - tol and extent[2] <= got[2] + tol
                  and extent[3] <= got[3] + tol)
        assert inside, f"{entry.name} {params}: visible pixels {extent} leave the unchanged box {got}"
        return
    iou = _iou(extent, got)
    assert iou >= 0.95, f"{entry.name} {params}: returned {got}, pixels at {extent}, IoU {iou:.3f}"


def test_box_inside_one_tile_moves_with_it():
    from multiaug.image import split_and_shuffle

    img = _images(True, BOX_IN_TILE)
    meta: list = []
    out, boxes = split_and_shuffle(img, bboxes=[BOX_IN_TILE], bbox_format="pascal_voc", return_bboxes=True,
                                   metadata=meta, seed=5)
    got = boxes[0]
    assert got[2] - got[0] == pytest.approx(BOX_IN_TILE[2] - BOX_IN_TILE[0])
    assert got[3] - got[1] == pytest.approx(BOX_IN_TILE[3] - BOX_IN_TILE[1])
    extent = _extent(out, split_and_shuffle(_images(False), seed=5))
    assert extent == pytest.approx(tuple(got))


def test_box_formats_agree():
    from multiaug.image import rotate

    img = _images(True)
    _, (voc,) = rotate(img, degrees=25.0, bboxes=[BOX], bbox_format="pascal_voc", return_bboxes=True)
    w, h = rotate(img, degrees=25.0).size
    coco_in = [BOX[0], BOX[1], BOX[2] - BOX[0], BOX[3] - BOX[1]]
    _, (coco,) = rotate(img, degrees=25.0, bboxes=[coco_in], bbox_format="coco", return_bboxes=True)
    yolo_in = [(BOX[0] + BOX[2]) / 2 / W, (BOX[1] + BOX[3]) / 2 / H, (BOX[2] - BOX[0]) / W, (BOX[3] - BOX[1]) / H]
    _, (yolo,) = rotate(img, degrees=25.0, bboxes=[yolo_in], bbox_format="yolo", return_bboxes=True)
    assert coco == pytest.approx([voc[0], voc[1], voc[2] - voc[0], voc[3] - voc[1]])
    assert yolo == pytest.approx([(voc[0] + voc[2]) / 2 / w, (voc[1] + voc[3]) / 2 / h,
                                  (voc[2] - voc[0]) / w, (voc[3] - voc[1]) / h])


def test_box_cropped_away_becomes_none():
    from multiaug.image import crop

    _, boxes = crop(_images(True), x1=0.8, y1=0.0, x2=1.0, y2=1.0, bboxes=[BOX, [200, 10, 230, 40]],
                    bbox_format="pascal_voc", return_bboxes=True, drop_empty=False)
    assert boxes[0] is None and boxes[1] is not None
