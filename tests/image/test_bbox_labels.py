"""Boxes with labels: extra fields carried through ``[x1, y1, x2, y2, label...]``, albumentations-style
``label_fields``, and ``drop_empty`` (a box that leaves the image is dropped, or kept as ``None``), kept aligned
through functions, classes, compositions, records, pipeline JSON and replay."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError

W, H = 100, 80
# box 0 stays in the right half after the crop below, box 1 lies in the left 40 % and is cut away
BOXES = [[60.0, 10.0, 90.0, 40.0], [5.0, 10.0, 30.0, 70.0], [45.0, 20.0, 80.0, 60.0]]
CROP = {"x1": 0.4, "y1": 0.0, "x2": 1.0, "y2": 1.0}


@pytest.fixture()
def img() -> Image.Image:
    rng = np.random.default_rng(0)
    return Image.fromarray(rng.integers(0, 255, size=(H, W, 3), dtype=np.uint8))


def _crop_expected() -> list[list[float] | None]:
    """The crop keeps x in [40, 100) → 60 px wide output; box 1 (x ≤ 30) is gone, box 2 is clipped at x = 40."""
    return [[20.0, 10.0, 50.0, 40.0], None, [5.0, 20.0, 40.0, 60.0]]


def _close(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 1e-6 for x, y in zip(a, b))


def test_extra_fields_ride_along_and_empty_boxes_are_dropped_by_default(img: Image.Image) -> None:
    labelled = [[*b, name, i] for i, (b, name) in enumerate(zip(BOXES, ["cat", "dog", "cat"]))]
    before = json.dumps(labelled)
    out, boxes = imaugs.crop(img, **CROP, bboxes=labelled, bbox_format="pascal_voc", return_bboxes=True)
    exp = _crop_expected()
    assert [b[4:] for b in boxes] == [["cat", 0], ["cat", 2]]  # the dog box left the frame: dropped with its label
    assert _close(boxes[0][:4], exp[0]) and _close(boxes[1][:4], exp[2])
    assert json.dumps(labelled) == before  # input not modified
    _, kept = imaugs.crop(img, **CROP, bboxes=labelled, bbox_format="pascal_voc", return_bboxes=True,
                          drop_empty=False)
    assert kept[1] is None and kept[0][4:] == ["cat", 0] and kept[2][4:] == ["cat", 2]


def test_label_fields_by_name_and_as_a_mapping_stay_aligned(img: Image.Image) -> None:
    cls, ids = ["cat", "dog", "cat"], [7, 8, 9]
    out, boxes, labels = imaugs.crop(img, **CROP, bboxes=BOXES, bbox_format="pascal_voc", return_bboxes=True,
                                     label_fields=["class_labels", "ids"], class_labels=cls, ids=ids)
    assert labels == {"class_labels": ["cat", "cat"], "ids": [7, 9]} and len(boxes) == 2
    assert all(len(b) == 4 for b in boxes)
    _, boxes2, labels2 = imaugs.crop(img, **CROP, bboxes=BOXES, bbox_format="pascal_voc", return_bboxes=True,
                                     label_fields={"class_labels": cls, "ids": ids})
    assert boxes2 == boxes and labels2 == labels
    _, kept, lab3 = imaugs.crop(img, **CROP, bboxes=BOXES, bbox_format="pascal_voc", return_bboxes=True,
                                label_fields={"ids": ids}, drop_empty=False)
    assert kept[1] is None and lab3 == {"ids": [7, 8, 9]}
    assert cls == ["cat", "dog", "cat"] and ids == [7, 8, 9]  # caller's lists untouched


def test_formats_keep_extras(img: Image.Image) -> None:
    for fmt, box in (("coco", [10.0, 10.0, 20.0, 30.0, "a"]), ("yolo", [0.5, 0.5, 0.2, 0.2, "b", {"k": 1}]),
                     ("pascal_voc_norm", [0.1, 0.1, 0.3, 0.4, None])):
        _, (moved,) = imaugs.hflip(img, bboxes=[box], bbox_format=fmt, return_bboxes=True)
        assert moved[4:] == box[4:] and len(moved) == len(box)


def test_classes_compositions_records_and_replay_keep_labels_aligned(img: Image.Image) -> None:
    pipe = multiaug.Compose([imaugs.HFlip(), imaugs.Crop(**{k: v for k, v in CROP.items()})])
    call = {"bboxes": [[*b, n] for b, n in zip(BOXES, "abc")], "bbox_format": "pascal_voc", "return_bboxes": True,
            "label_fields": ["ids"], "ids": [1, 2, 3]}
    tracker = multiaug.Tracker()
    out, boxes, labels = pipe(img, metadata=tracker, seed=3, **dict(call))
    # hflip sends box 0 (x 60..90) to 10..40, box 1 (5..30) to 70..95, box 2 (45..80) to 20..55; the crop keeps
    # x >= 40, so box 0 is gone, box 1 becomes 30..55 and box 2 is clipped to 0..15 of the 60 px output
    assert labels == {"ids": [2, 3]} and [b[4:] for b in boxes] == [["b"], ["c"]]
    assert _close(boxes[0][:4], [30.0, 10.0, 55.0, 70.0]) and _close(boxes[1][:4], [0.0, 20.0, 15.0, 60.0])
    # records keep AugLy's dst_bboxes: coordinates only, None where a box left the image (indices line up)
    assert tracker[-1]["dst_bboxes"][0] is None and tracker[-1]["dst_bboxes"][1] is not None
    assert all(b is None or len(b) == 4 for b in tracker[-1]["dst_bboxes"])
    again = multiaug.replay(json.loads(tracker.to_json()), img, **dict(call))
    assert imaugs.modality.IMAGE.equal(again[0], out) and again[1:] == (boxes, labels)
    doc = multiaug.pipeline_to_dict(pipe)
    loaded = multiaug.pipeline_from_dict(json.loads(json.dumps(doc)))
    assert loaded(img, seed=3, **dict(call))[1:] == (boxes, labels)
    one = imaugs.Crop(**CROP)(img, bboxes=BOXES, bbox_format="pascal_voc", return_bboxes=True,
                              label_fields={"k": ["x", "y", "z"]}, drop_empty=False)
    assert one[1][1] is None and one[2] == {"k": ["x", "y", "z"]}


def test_p_zero_still_returns_labels(img: Image.Image) -> None:
    out, boxes, labels = imaugs.HFlip(p=0.0)(img, bboxes=BOXES[:1], bbox_format="pascal_voc", return_bboxes=True,
                                             label_fields={"c": ["cat"]})
    assert boxes == [BOXES[0]] and labels == {"c": ["cat"]}


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"label_fields": ["c"], "c": ["a", "b"]}, "one entry per box"),
    ({"label_fields": ["c"]}, "no 'c' argument"),
    ({"label_fields": "c", "c": ["a", "b", "c"]}, "label_fields"),
    ({"label_fields": ["radius"], "radius": [1, 2, 3]}, "clashes"),
    ({"label_fields": {"c": 5}}, "one entry per box"),
    ({"drop_empty": "yes"}, "drop_empty"),
    ({"bboxes": [[1, 2, 3]]}, "at least 4"),
])
def test_bad_label_arguments_raise_typed_errors(img: Image.Image, kwargs: dict, match: str) -> None:
    call = {"bboxes": BOXES, "bbox_format": "pascal_voc", "return_bboxes": True, **kwargs}
    with pytest.raises(InvalidParameterError, match=match):
        imaugs.blur(img, **call)


def test_label_fields_need_boxes(img: Image.Image) -> None:
    with pytest.raises(InvalidParameterError, match="needs bboxes"):
        imaugs.hflip(img, label_fields={"c": []})
