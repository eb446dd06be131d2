"""Training-loop helpers: to_chw, a numpy collate for DataLoader, per-item box targets in AugmentedDataset and a
datasets.Dataset.map-ready function — all tested without torch or datasets (torch only when installed)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError, UnsupportedInputError
from multiaug.data import AugmentedDataset, BoxTargets, collate, hf_map_fn, to_chw

from .conftest import TEXT_CASE, textured, tone


def test_to_chw_layout_scale_and_modes() -> None:
    arr = np.arange(4 * 3 * 3, dtype=np.uint8).reshape(4, 3, 3) * 7
    out = to_chw(Image.fromarray(arr))
    assert out.shape == (3, 4, 3) and out.dtype == np.float32 and out.flags["C_CONTIGUOUS"]
    assert np.allclose(out, arr.transpose(2, 0, 1).astype(np.float32) / 255, rtol=0, atol=1e-7)
    assert np.array_equal(to_chw(arr, scale=False), arr.transpose(2, 0, 1).astype(np.float32))
    assert to_chw(Image.fromarray(arr[:, :, 0])).shape == (1, 4, 3)
    pal = Image.fromarray(arr).convert("P")
    pal.info["transparency"] = 0
    assert to_chw(pal).shape == (4, 4, 3)  # palette with transparency → RGBA
    floats = np.full((2, 2, 3), 0.5, np.float32)
    assert np.all(to_chw(floats) == 0.5)  # float images are never rescaled
    with pytest.raises(UnsupportedInputError):
        to_chw("img.png")
    with pytest.raises(UnsupportedInputError):
        to_chw(np.zeros((1, 2, 3, 4), np.uint8))


def test_collate_stacks_images_and_numbers_and_keeps_ragged_targets() -> None:
    imgs = [textured(i, (6, 5)) for i in range(3)]
    batch = [(img, {"bboxes": [[0, 0, 2, 2]] * (i + 1), "labels": [1] * (i + 1), "name": f"x{i}"}, i)
             for i, img in enumerate(imgs)]
    images, targets, idx = collate(batch)
    assert images.shape == (3, 3, 5, 6) and images.dtype == np.float32 and images.max() <= 1.0
    assert np.array_equal(images[1], to_chw(imgs[1]))
    assert idx.tolist() == [0, 1, 2] and idx.dtype.kind == "i"
    assert [b.shape for b in targets["bboxes"]] == [(1, 4), (2, 4), (3, 4)]
    assert targets["bboxes"][0].dtype.kind == "i" and targets["labels"][2].tolist() == [1, 1, 1]
    assert targets["name"] == ["x0", "x1", "x2"]
    mixed = collate([textured(0, (6, 5)), textured(1, (7, 5))])  # different sizes: a list, not a stack
    assert isinstance(mixed, list) and [m.shape for m in mixed] == [(3, 5, 6), (3, 5, 7)]
    hwc = collate([np.zeros((5, 6, 3), np.uint8)] * 2, chw=False)
    assert hwc.shape == (2, 5, 6, 3) and hwc.dtype == np.uint8
    audio = collate([tone(1)[:100], tone(2)[:100]])
    assert audio.shape == (2, 100) and audio.dtype == np.float32  # float arrays are data, stacked as they are
    floats = collate([[0.5, 1.5], [2.5]])
    assert floats[0].dtype == np.float32 and floats[1].tolist() == [2.5]
    assert collate([[[1, 2, 3, 4, "cat"]], []]) == [[[1, 2, 3, 4, "cat"]], []]  # boxes with labels stay lists
    wrapped = collate([(np.ones(2), 1.0)] * 2, convert=lambda a: ("T", a.shape))
    assert wrapped == (("T", (2, 2)), ("T", (2,)))
    with pytest.raises(InvalidParameterError):
        collate([{"a": 1}, {"b": 1}])
    with pytest.raises(UnsupportedInputError):
        collate([])


BOXES = [[60.0, 10.0, 90.0, 40.0], [5.0, 10.0, 30.0, 70.0]]  # the second leaves a crop keeping x >= 40


def _det_items() -> list:
    img = textured(3, (100, 80))
    return [(img, {"bboxes": BOXES, "labels": [7, 8], "id": "a"}), (img, {"bboxes": BOXES[:1], "labels": [9], "id": "b"})]


def test_augmented_dataset_moves_box_targets_and_keeps_labels_aligned() -> None:
    items = _det_items()
    before = json.dumps(items[0][1])
    pipe = imaugs.Crop(x1=0.4, y1=0.0, x2=1.0, y2=1.0)
    ds = AugmentedDataset(items, pipe, seed=0, target_adapters=[BoxTargets(bbox_format="pascal_voc")])
    img, target = ds[0]
    assert img.size == (60, 80)
    assert target == {"bboxes": [[20.0, 10.0, 50.0, 40.0]], "labels": [7], "id": "a"}
    assert json.dumps(items[0][1]) == before  # the item's dict is not modified
    _, kept = AugmentedDataset(items, pipe, seed=0,
                               target_adapters=[BoxTargets(bbox_format="pascal_voc", drop_empty=False)])[0]
    assert kept["bboxes"][1] is None and kept["labels"] == [7, 8]
    # a target dict without bbox_format and no default: the image call says what is missing
    with pytest.raises(InvalidParameterError, match="bbox_format"):
        AugmentedDataset(items, pipe, seed=0)[0]
    plain = AugmentedDataset([(items[0][0], {"id": 1})], pipe, seed=0)[0]  # no boxes: passed through
    assert plain[1] == {"id": 1}
    images, targets = collate([ds[0], ds[1]])
    assert images.shape == (2, 3, 80, 60) and [b.shape for b in targets["bboxes"]] == [(1, 4), (1, 4)]


def test_target_adapters_are_the_extension_point() -> None:
    class Corners(BoxTargets):
        """A custom adapter: boxes stored under "corners", labels under "kinds"."""

    pipe = multiaug.Compose([imaugs.HFlip(), imaugs.RandomBrightness(p=0.5)])
    item = (textured(1, (100, 80)), {"corners": [[10.0, 10.0, 20.0, 20.0]], "kinds": ["x"], "bbox_format": "coco"})
    ds = AugmentedDataset([item], pipe, seed=4,
                          target_adapters=[Corners(key="corners", label_fields=("kinds",))])
    img, target = ds[0]
    assert target["corners"][0] == pytest.approx([70.0, 10.0, 20.0, 20.0]) and target["kinds"] == ["x"]  # coco, flipped
    again = AugmentedDataset([item], pipe, seed=4, target_adapters=[Corners(key="corners", label_fields=("kinds",))])
    assert imaugs.modality.IMAGE.equal(again[0][0], img)  # seeded by (seed, epoch, index)


def _hf_batch() -> dict:
    img = textured(5, (100, 80))
    return {"image": [img, img.copy()],
            "objects": [{"bbox": [[60, 10, 30, 30], [5, 10, 25, 60]], "category": [1, 2]},
                        {"bbox": [[0, 0, 10, 10]], "category": [3]}],
            "caption": ["a", "b"]}


def test_hf_map_fn_batched_equals_per_example_and_moves_nested_boxes() -> None:
    pipe = multiaug.OneOf([imaugs.Crop(x1=0.4, y1=0.0, x2=1.0, y2=1.0), imaugs.HFlip()])
    fn = hf_map_fn(pipe, "image", seed=3, bboxes="objects.bbox", bbox_format="coco", labels=["objects.category"],
                   records_column="records")
    batch = _hf_batch()
    out = fn(batch, [10, 11])
    assert set(out) == {"image", "objects", "records"} and len(out["image"]) == 2
    assert batch["objects"][0]["bbox"] == [[60, 10, 30, 30], [5, 10, 25, 60]]  # input rows not modified
    for j in range(2):
        row = {k: v[j] for k, v in batch.items()}
        one = fn(row, 10 + j)  # batched=False, with_indices=True: same row index, same result
        assert imaugs.modality.IMAGE.equal(one["image"], out["image"][j])
        assert one["objects"] == out["objects"][j]
        assert len(out["objects"][j]["bbox"]) == len(out["objects"][j]["category"])
        recs = multiaug.Tracker.from_json(out["records"][j])
        replayed = recs.replay(batch["image"][j])
        assert imaugs.modality.IMAGE.equal(replayed, out["image"][j])
    shifted = fn(batch, [11, 10])  # a row's result depends on its index, not its position in the batch
    assert imaugs.modality.IMAGE.equal(shifted["image"][1], out["image"][0])
    with pytest.raises(InvalidParameterError, match="with_indices=True"):
        fn(batch)


def test_hf_map_fn_text_and_audio_columns() -> None:
    fn = hf_map_fn(TEXT_CASE, "text", seed=1, output_column="aug")
    out = fn({"text": ["hello there world", "second row"]}, [0, 1])
    assert list(out) == ["aug"] and out["aug"][0].lower() == "hello there world"
    wave = tone(2)
    audio_fn = hf_map_fn(multiaug.audio.ChangeVolume(volume_db=-6.0), "audio", seed=0)
    res = audio_fn({"audio": [{"array": wave, "sampling_rate": 8000, "path": "a.wav"}]}, [0])["audio"][0]
    assert res["sampling_rate"] == 8000 and res["path"] == "a.wav"
    assert np.allclose(res["array"], wave * 10 ** (-6 / 20), atol=1e-6)
    with pytest.raises(InvalidParameterError, match="needs 'bboxes'"):
        hf_map_fn(TEXT_CASE, "text", seed=1, labels=["x"])
    with pytest.raises(InvalidParameterError, match="seed"):
        hf_map_fn(TEXT_CASE, "text", seed=-1)
    with pytest.raises(InvalidParameterError, match="not in the batch"):
        fn({"other": ["x"]}, [0])


def test_with_torch_dataloader_when_installed() -> None:
    torch = pytest.importorskip("torch")
    from functools import partial

    items = [(textured(i, (32, 24)), i % 2) for i in range(4)]
    ds = AugmentedDataset(items, imaugs.HFlip(p=0.5), seed=0)
    loader = torch.utils.data.DataLoader(ds, batch_size=2, collate_fn=partial(collate, convert=torch.as_tensor))
    images, labels = next(iter(loader))
    assert tuple(images.shape) == (2, 3, 24, 32) and images.dtype == torch.float32 and labels.tolist() == [0, 1]
