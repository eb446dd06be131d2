"""AutoAugment / RandAugment / TrivialAugmentWide / AugMix: recorded ops replay exactly, magnitudes follow the tables."""

from __future__ import annotations

import json

import numpy as np
import pytest

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import InvalidParameterError, SerializationError
from multiaug.image.kernels import policy_ops as po
from tests.helpers import sample_image


@pytest.fixture(scope="module")
def photo():
    return np.asarray(sample_image(96, 72, seed=4)).copy()


POLICIES = [imaugs.RandAugment(2, 9), imaugs.RandAugment(4, 20, interpolation="bilinear", fill=(10, 20, 30)),
            imaugs.TrivialAugmentWide(), imaugs.AutoAugment("imagenet"), imaugs.AutoAugment("cifar10"),
            imaugs.AutoAugment("svhn"), imaugs.AugMix(), imaugs.AugMix(severity=10, mixture_width=2, chain_depth=3)]


@pytest.mark.parametrize("policy", POLICIES, ids=repr)
@pytest.mark.parametrize("as_pil", [False, True])
def test_records_replay_exactly_through_json(policy, photo, as_pil):
    media = sample_image(96, 72, seed=4) if as_pil else photo
    for seed in range(6):
        tr = multiaug.Tracker()
        out = policy(media, metadata=tr, seed=seed)
        again = policy(media, seed=seed)
        replayed = multiaug.replay(multiaug.Tracker.from_json(tr.to_json()), media)
        assert multiaug.get_entry("hflip", "image").modality.equal(out, again)
        assert multiaug.get_entry("hflip", "image").modality.equal(out, replayed)
        for rec in tr:
            step = rec["provenance"]["via"][-1]
            assert step["op"] == type(policy).__name__


def test_randaugment_magnitudes_come_from_the_table(photo):
    seen = set()
    for seed in range(40):
        tr = multiaug.Tracker()
        imaugs.RandAugment(2, 9)(photo, metadata=tr, seed=seed)
        for rec in tr:
            step = rec["provenance"]["via"][-1]
            rule, signed = po.RANDAUGMENT_SPACE[step["policy_op"]]
            mags = po.magnitude_bins(rule, 31, 96, 72)
            if mags is not None:
                assert abs(step["magnitude"]) == pytest.approx(mags[9])
                if not signed:
                    assert step["magnitude"] == pytest.approx(mags[9])
            seen.add(step["policy_op"])
    assert len(seen) >= 8
    tr = multiaug.Tracker()
    out = imaugs.RandAugment(num_ops=0)(photo, metadata=tr, seed=1)
    assert np.array_equal(out, photo) and len(tr) == 0


def test_autoaugment_runs_ops_of_one_subpolicy(photo):
    for seed in range(20):
        tr = multiaug.Tracker()
        imaugs.AutoAugment("svhn")(photo, metadata=tr, seed=seed)
        subs = {r["provenance"]["via"][-1]["sub_policy"] for r in tr}
        assert len(subs) <= 1
        for rec in tr:
            step = rec["provenance"]["via"][-1]
            ops = [op for op, _, _ in po.AUTOAUGMENT_POLICIES["svhn"][step["sub_policy"]]]
            assert step["policy_op"] in ops


def test_augmix_weights_sum_to_one_and_chains_are_recorded(photo):
    tr = multiaug.Tracker()
    imaugs.AugMix(mixture_width=4)(photo, metadata=tr, seed=2)
    (rec,) = tr
    params = rec["params"]
    assert rec["name"] == "augment_and_mix" and len(params["chains"]) == 4
    assert params["original_weight"] + sum(params["chain_weights"]) == pytest.approx(1.0)
    for chain in params["chains"]:
        assert 1 <= len(chain) <= 3
        for name, _ in chain:
            assert name in po.AUGMIX_SPACE
    json.dumps(rec)


def test_policies_move_boxes_with_geometric_ops():
    img = np.full((80, 100, 3), 128, np.uint8)
    box = [30.0, 20.0, 60.0, 50.0]
    for seed in range(15):
        tr = multiaug.Tracker()
        _, boxes = imaugs.RandAugment(3, 15)(img, bboxes=[box], bbox_format="pascal_voc", return_bboxes=True,
                                              metadata=tr, seed=seed)
        want = [box]
        for rec in tr:
            want = rec["dst_bboxes"]
        assert boxes == want


def test_augmix_box_is_the_union_of_the_layers():
    from multiaug.image import augment_and_mix

    img = np.zeros((100, 100, 3), np.uint8)
    _, (got,) = augment_and_mix(img, chains=[[["TranslateX", 20.0]], [["Equalize", 0.0]]], chain_weights=[0.3, 0.3],
                                original_weight=0.4, bboxes=[[10, 10, 30, 30]], bbox_format="pascal_voc",
                                return_bboxes=True)
    assert got == pytest.approx([10, 10, 50, 30])
    _, (got,) = augment_and_mix(img, chains=[[["TranslateX", 20.0]]], chain_weights=[1.0], original_weight=0.0,
                                bboxes=[[10, 10, 30, 30]], bbox_format="pascal_voc", return_bboxes=True)
    assert got == pytest.approx([30, 10, 50, 30])


def test_bad_arguments_are_typed():
    with pytest.raises(InvalidParameterError):
        imaugs.RandAugment(magnitude=31)
    with pytest.raises(InvalidParameterError):
        imaugs.AutoAugment("mnist")
    with pytest.raises(InvalidParameterError):
        imaugs.AugMix(severity=11)
    with pytest.raises(InvalidParameterError):
        imaugs.TrivialAugmentWide(fill="red")
    with pytest.raises(SerializationError):
        multiaug.pipeline_to_dict(imaugs.RandAugment())


def test_p_zero_and_no_global_rng(photo):
    import random

    state = (random.getstate(), np.random.get_state()[1].copy())
    out = imaugs.RandAugment(p=0.0)(photo, seed=1)
    assert np.array_equal(out, photo)
    imaugs.AugMix()(photo, seed=1)
    assert random.getstate() == state[0] and np.array_equal(np.random.get_state()[1], state[1])
