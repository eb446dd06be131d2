"""The masks/keypoints API: formats, return order, records, JSON replay, compositions, refusals, datasets."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError, UnsupportedTargetError
from multiaug.data import AugmentedDataset, BoxTargets, KeypointTargets, MaskTargets

W, H = 80, 60


def _image() -> np.ndarray:
    img = np.zeros((H, W, 3), np.uint8)
    img[10:30, 20:50] = 200
    return img


def _mask(dtype=np.uint8) -> np.ndarray:
    m = np.zeros((H, W), dtype)
    m[10:30, 20:50] = 1
    return m


def test_return_order_and_formats():
    box = [20, 10, 50, 30, "car"]
    out, boxes, labels, masks, kps = imaugs.hflip(
        _image(), bboxes=[box], bbox_format="pascal_voc", return_bboxes=True, label_fields={"id": [7]},
        masks=[_mask()], return_masks=True, keypoints=[[20, 10, "nose", 2]], return_keypoints=True)
    assert boxes == [[30.0, 10.0, 60.0, 30.0, "car"]] and labels == {"id": [7]}
    assert np.array_equal(masks[0], _mask()[:, ::-1]) and kps == [[60.0, 10.0, "nose", 2]]
    assert np.array_equal(out[..., 0] > 0, masks[0] == 1)  # the mask covers exactly the moved pixels
    _, (yx,) = imaugs.hflip(_image(), keypoints=[[10, 20]], keypoint_format="yx", return_keypoints=True)
    _, (norm,) = imaugs.hflip(_image(), keypoints=[[0.25, 1 / 6]], keypoint_format="xy_norm", return_keypoints=True)
    assert yx == [10.0, 60.0] and norm == pytest.approx([0.75, 1 / 6])
    # only masks: (image, masks); only keypoints: (image, keypoints)
    assert len(imaugs.vflip(_image(), masks=[_mask()], return_masks=True)) == 2


def test_drop_empty_drops_or_keeps_keypoints_that_leave():
    kps = [[5, 5, "a"], [70, 50, "b"]]
    _, kept = imaugs.crop(_image(), x1=0.5, y1=0.5, x2=1.0, y2=1.0, keypoints=kps, return_keypoints=True,
                          drop_empty=False)
    _, dropped = imaugs.crop(_image(), x1=0.5, y1=0.5, x2=1.0, y2=1.0, keypoints=kps, return_keypoints=True)
    assert kept == [None, [30.0, 20.0, "b"]] and dropped == [[30.0, 20.0, "b"]]


def test_mask_dtypes_channels_fill_and_pil_masks():
    stack = np.stack([_mask(np.int32), 2 * _mask(np.int32)], axis=2)
    soft = _mask(np.float32) * 0.5
    pil = Image.fromarray(_mask() * 3, mode="L").convert("P")
    pil.putpalette([0, 0, 0, 255, 0, 0] * 128)
    _, (a, b, c, d) = imaugs.pad(_image(), w_factor=0.25, h_factor=0.0, masks=[_mask(bool), stack, soft, pil],
                                 mask_fill=0, return_masks=True)
    assert a.dtype == bool and a.shape == (H, W + 40) and a[10:30, 40:70].all()
    assert b.shape == (H, W + 40, 2) and b.dtype == np.int32 and (b[..., 1] == 2).sum() == 600
    assert c.dtype == np.float32 and c.max() == 0.5
    assert isinstance(d, Image.Image) and d.mode == "P" and d.size == (W + 40, H) and d.getpalette()[:6] == [0, 0, 0, 255, 0, 0]
    _, (ignore,) = imaugs.rotate_keep_size(_image(), degrees=30, masks=[_mask()], mask_fill=255, return_masks=True)
    assert ignore[0, 0] == 255 and set(np.unique(ignore)) == {0, 1, 255}


def test_keras_fill_modes_apply_to_masks():
    m = np.tile(np.arange(W, dtype=np.uint8), (H, 1))
    for mode in ("nearest", "reflect", "wrap"):
        out, (got,) = imaugs.random_affine(np.stack([m] * 3, axis=2), width_shift_range=[20], fill_mode=mode,
                                           interpolation_order=0, seed=1, masks=[m], return_masks=True)
        assert np.array_equal(out[..., 0], got), mode  # nearest image = the mask itself, borders included


def test_bad_targets_raise_clear_errors():
    with pytest.raises(InvalidParameterError, match="masks=\\[mask\\]"):
        imaugs.hflip(_image(), masks=_mask())
    with pytest.raises(InvalidParameterError, match="image's size"):
        imaugs.hflip(_image(), masks=[np.zeros((10, 10), np.uint8)])
    with pytest.raises(InvalidParameterError, match="mask_fill"):
        imaugs.hflip(_image(), masks=[_mask()], mask_fill=300)
    with pytest.raises(InvalidParameterError, match="keypoints\\[1\\]"):
        imaugs.hflip(_image(), keypoints=[[1, 2], [3]])
    with pytest.raises(InvalidParameterError, match="not on the 80x60"):
        imaugs.hflip(_image(), keypoints=[[81, 2]])
    with pytest.raises(InvalidParameterError, match="keypoint_format"):
        imaugs.hflip(_image(), keypoints=[[1, 2]], keypoint_format="ij")
    with pytest.raises(InvalidParameterError, match="return_masks=True needs masks="):
        imaugs.hflip(_image(), return_masks=True)


def test_inputs_are_not_modified_and_p0_returns_them():
    m, kp = _mask(), [[20.0, 10.0]]
    before = m.copy()
    out, (m2,), kps = imaugs.HFlip(p=0.0)(_image(), masks=[m], keypoints=kp, return_masks=True,
                                          return_keypoints=True)
    assert np.array_equal(m2, before) and kps == [[20.0, 10.0]]
    imaugs.rotate(_image(), degrees=20, masks=[m], keypoints=kp)
    assert np.array_equal(m, before) and kp == [[20.0, 10.0]]


def test_records_and_json_replay_reproduce_masks_and_keypoints():
    pipe = multiaug.Compose([imaugs.RandomResizedCrop(size=48, scale=(0.5, 1.0)), imaugs.HFlip(p=0.5),
                             imaugs.OneOf([imaugs.Rotate(degrees=15), imaugs.Skew(skew_factor=0.2)]),
                             imaugs.RandomColorJitter(brightness=0.3)])
    tracker = multiaug.Tracker()
    kw = dict(masks=[_mask()], keypoints=[[30, 20, "x"], [79, 59, "y"]], return_masks=True, return_keypoints=True,
              drop_empty=False)
    out, (mask,), kps = pipe(_image(), seed=5, metadata=tracker, **kw)
    assert all("dst_keypoints" in r and r["masks"][0]["dtype"] == "uint8" for r in tracker)
    assert tracker[-1]["dst_keypoints"] == [k if k is None else k[:2] for k in kps]
    again, (mask2,), kps2 = multiaug.replay(multiaug.Tracker.from_json(tracker.to_json()), _image(), **kw)
    assert np.array_equal(again, out) and np.array_equal(mask2, mask) and kps2 == kps


def test_refusal_happens_before_any_work_in_compositions():
    pipe = multiaug.OneOf([imaugs.HFlip(), imaugs.AugmentAndMix(chains=[[["ShearX", 0.2]]], chain_weights=[1.0])])
    with pytest.raises(UnsupportedTargetError, match="augment_and_mix cannot move masks"):
        pipe(_image(), masks=[_mask()], seed=0)  # whichever branch the seed picks
    with pytest.raises(UnsupportedTargetError, match="keypoints"):
        imaugs.AugMix()(_image(), keypoints=[[1, 1]])
    out = pipe(_image(), seed=0)  # without targets it runs
    assert out.shape == (H, W, 3)


def test_policies_move_masks_and_keypoints():
    out, (mask,), kps = imaugs.RandAugment(num_ops=3, magnitude=9)(_image(), seed=4, masks=[_mask()],
                                                                   keypoints=[[35, 20]], return_masks=True,
                                                                   return_keypoints=True, drop_empty=False)
    assert mask.shape == out.shape[:2] and len(kps) == 1


def test_augmented_dataset_moves_masks_and_keypoints():
    items = [(_image(), {"masks": [_mask()], "keypoints": [[5, 5, "a"], [70, 50, "b"]], "bboxes": [[0, 0, 10, 10]],
                         "bbox_format": "pascal_voc", "labels": ["x"], "other": 1})]
    crop = imaugs.Crop(x1=0.5, y1=0.5, x2=1.0, y2=1.0)
    img, target = AugmentedDataset(items, crop, seed=0)[0]
    assert target["keypoints"] == [[30.0, 20.0, "b"]] and target["bboxes"] == [] and target["labels"] == []
    assert target["masks"][0].shape == img.shape[:2] and target["other"] == 1
    adapters = [BoxTargets(drop_empty=False), MaskTargets(fill=255), KeypointTargets(drop_empty=False)]
    _, target = AugmentedDataset(items, imaugs.Pad(w_factor=0.1, h_factor=0.0), seed=0,
                                 target_adapters=adapters)[0]
    assert target["masks"][0][0, 0] == 255 and target["keypoints"][0] == [13.0, 5.0, "a"]
    _, target = AugmentedDataset(items, crop, seed=0, target_adapters=adapters)[0]
    assert target["keypoints"][0] is None and target["bboxes"] == [None]
