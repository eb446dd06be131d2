"""Keras ImageDataGenerator semantics: arguments imply the geometry Keras documents; flows are seeded numpy batches."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError
from multiaug.image import ImageDataGenerator, random_affine
from multiaug.image.augmentations.affine import draw_keras_params

PETS = "assets/datasets/pets"


def _dot(w=64, h=48, x=32, y=24):
    img = np.zeros((h, w, 3), np.uint8)
    img[y, x] = 255
    return img


def _where(img):
    ys, xs = np.nonzero(img[..., 0] == img[..., 0].max())
    return float(xs.mean()), float(ys.mean())


def test_width_shift_list_is_px_with_random_sign():
    moves = set()
    for seed in range(12):
        tr = multiaug.Tracker()
        out = random_affine(_dot(), width_shift_range=[10], fill_mode="constant", interpolation_order=0,
                            metadata=tr, seed=seed)
        x, y = _where(out)
        assert y == 24 and abs(x - 32) == 10
        assert tr[0]["info"]["tx"] == pytest.approx(32 - x)  # output x samples input x + tx
        moves.add(x - 32)
    assert moves == {-10.0, 10.0}


def test_fraction_vs_pixels_vs_int_ranges():
    rng = np.random.default_rng(0)
    for _ in range(50):
        p = draw_keras_params(rng, 200, 100, width_shift_range=0.25, height_shift_range=7)
        assert abs(p["tx"]) <= 50 and abs(p["ty"]) < 7 and float(p["ty"]).is_integer()
        q = draw_keras_params(rng, 200, 100, width_shift_range=3.5)
        assert abs(q["tx"]) <= 3.5
    big = [draw_keras_params(rng, 200, 100, width_shift_range=0.25)["tx"] for _ in range(200)]
    assert max(np.abs(big)) > 30  # a fraction of the width, not px


def test_zoom_pair_and_float():
    rng = np.random.default_rng(1)
    for _ in range(20):
        p = draw_keras_params(rng, 50, 50, zoom_range=0.2)
        assert 0.8 <= p["zx"] <= 1.2 and 0.8 <= p["zy"] <= 1.2
    out = random_affine(_dot(41, 41, 28, 20), zoom_range=(0.5, 0.5), fill_mode="constant", interpolation_order=0,
                        seed=0)
    assert _where(out) == pytest.approx((36.0, 20.0), abs=0.51)  # 8 px right of the centre → 16 px (zoom in)


@pytest.mark.parametrize("mode", ["constant", "nearest", "reflect", "wrap"])
def test_fill_modes(mode):
    img = np.tile(np.arange(16, dtype=np.uint8)[None, :, None] * 10, (8, 1, 3))
    out = random_affine(img, width_shift_range=[4], fill_mode=mode, cval=99, interpolation_order=0, seed=1)
    tx = draw_keras_params(np.random.default_rng(1), 16, 8, width_shift_range=[4])["tx"]
    row = out[0, :, 0].tolist()
    if tx < 0:  # content moved right by 4: the left 4 columns are filled
        expect = {"constant": [99] * 4, "nearest": [0] * 4, "reflect": [30, 20, 10, 0], "wrap": [120, 130, 140, 150]}
        assert row[:4] == expect[mode] and row[4:] == img[0, :12, 0].tolist()
    else:
        expect = {"constant": [99] * 4, "nearest": [150] * 4, "reflect": [150, 140, 130, 120], "wrap": [0, 10, 20, 30]}
        assert row[-4:] == expect[mode] and row[:12] == img[0, 4:, 0].tolist()


def test_flow_is_seeded_and_batches_are_numpy():
    x = np.stack([_dot() for _ in range(10)]).astype(np.float32)
    y = np.arange(10)
    gen = ImageDataGenerator(rotation_range=30, horizontal_flip=True, rescale=1 / 255)
    a = gen.flow(x, y, batch_size=4, seed=3)
    b = gen.flow(x, y, batch_size=4, seed=3)
    xa, ya = next(a)
    xb, yb = next(b)
    assert xa.dtype == np.float32 and xa.shape == (4, 48, 64, 3) and xa.max() <= 1.0
    assert np.array_equal(xa, xb) and np.array_equal(ya, yb)
    assert len(a) == 3
    batches = [next(a) for _ in range(2)]
    assert batches[-1][0].shape[0] == 2  # last, short batch
    assert a.epoch == 1
    p = a.transform_params(0, int(ya[0]), (48, 64, 3))
    manual = gen.standardize(gen.apply_transform(x[int(ya[0])], p))
    assert np.allclose(manual, xa[0])


def test_flow_from_directory_on_pets():
    gen = ImageDataGenerator(width_shift_range=0.1, validation_split=0.3)
    tr = gen.flow_from_directory(PETS, target_size=(32, 40), classes=["cat", "not_pet"], batch_size=3, seed=0,
                                 subset="training")
    va = gen.flow_from_directory(PETS, target_size=(32, 40), classes=["cat", "not_pet"], batch_size=3, seed=0,
                                 subset="validation")
    assert tr.class_indices == {"cat": 0, "not_pet": 1}
    assert not set(tr.filenames) & set(va.filenames) and len(tr.filenames) + len(va.filenames) == 10
    assert va.filenames == ["not_pet/astronaut_5.jpg", "not_pet/astronaut_6.jpg"]  # first 30 % of each class
    bx, by = next(tr)
    assert bx.shape == (3, 32, 40, 3) and by.shape == (3, 2) and (by.sum(1) == 1).all()
    sparse = gen.flow_from_directory(PETS, target_size=(8, 8), classes=["cat", "not_pet"], class_mode="sparse",
                                     shuffle=False)
    assert next(sparse)[1].tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]
    grey = ImageDataGenerator(data_format="channels_first").flow_from_directory(
        PETS, target_size=(8, 10), color_mode="grayscale", class_mode=None, classes=["cat"])
    assert next(grey).shape == (3, 1, 8, 10)
    auto = gen.flow_from_directory(PETS, target_size=(8, 8))
    assert list(auto.class_indices) == ["bark", "cat", "not_pet", "pet_review"]  # every sub-folder, sorted


def test_standardize_and_fit():
    rng = np.random.default_rng(0)
    x = rng.normal(100, 20, (20, 6, 5, 3)).astype(np.float32) + np.array([0, 50, 100], np.float32)
    gen = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True)
    gen.fit(x)
    z = np.stack([gen.standardize(v) for v in x])
    assert np.abs(z.mean(axis=(0, 1, 2))).max() < 1e-3 and np.allclose(z.std(axis=(0, 1, 2)), 1, atol=1e-3)
    s = ImageDataGenerator(samplewise_center=True, samplewise_std_normalization=True, rescale=0.5).standardize(x[0])
    assert abs(s.mean()) < 1e-4 and s.std() == pytest.approx(1, abs=1e-3)
    zca = ImageDataGenerator(zca_whitening=True)
    zca.fit(x[:, :2, :2])
    assert zca.zca_whitening_matrix.shape == (12, 12)


def test_bad_arguments():
    with pytest.raises(InvalidParameterError):
        ImageDataGenerator(fill_mode="mirror")
    with pytest.raises(InvalidParameterError):
        ImageDataGenerator().flow(np.zeros((2, 3, 3)))
    with pytest.raises(InvalidParameterError):
        ImageDataGenerator().flow_from_directory(PETS, subset="test", classes=["cat"])
    with pytest.raises(InvalidParameterError):
        imaugs.random_affine(_dot(), zoom_range=1.5)


def test_random_affine_moves_boxes_like_keras_matrix():
    img = np.full((60, 80, 3), 90, np.uint8)
    out, boxes = random_affine(img, rotation_range=40, zoom_range=0.3, horizontal_flip=True, seed=4,
                               bboxes=[[10, 10, 30, 40]], bbox_format="pascal_voc", return_bboxes=True)
    assert out.shape == img.shape and boxes[0] is not None
