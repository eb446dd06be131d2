from __future__ import annotations

import pickle

import numpy as np
import pytest

import multiaug
from multiaug.core.errors import InvalidParameterError, UnsupportedInputError
from multiaug.core.pipeline import load_pipeline
from multiaug.data.loader import AugmentedDataset

from .conftest import AUDIO_GAIN, TEXT_CASE, tone

TEXTS = [("the quick brown fox jumps", 0), ("over the lazy dog today", 1), ("hello wonderful world", 0)]


def _ds(seed: int = 5, **kw) -> AugmentedDataset:
    return AugmentedDataset(TEXTS, load_pipeline(TEXT_CASE), seed=seed, **kw)


def test_len_getitem_labels_and_determinism() -> None:
    ds = _ds()
    assert len(ds) == 3
    text, label = ds[1]
    assert label == 1 and text.lower() == TEXTS[1][0] and text != TEXTS[1][0]
    assert _ds()[1] == ds[1] and ds[-1] == ds[2]
    assert _ds(seed=6)[1] != ds[1]
    with pytest.raises(IndexError):
        ds[3]


def test_epochs_and_indices_get_independent_seeds() -> None:
    ds = _ds()
    e0 = [ds[i][0] for i in range(3)]
    ds.set_epoch(1)
    e1 = [ds[i][0] for i in range(3)]
    assert e0 != e1
    assert ds.get(0, epoch=0) == (e0[0], 0)
    assert len({ds.seed_for(i, e) for i in range(50) for e in range(20)}) == 1000


def test_worker_copies_do_not_repeat_each_other() -> None:
    # a DataLoader hands each worker a pickled copy of the dataset; every worker must give index i the same
    # result as the parent (no inherited RNG state), and different indices differ
    ds = _ds()
    ds.set_epoch(3)
    workers = [pickle.loads(pickle.dumps(ds)) for _ in range(2)]
    split = [workers[i % 2][i][0] for i in range(3)]
    assert split == [ds[i][0] for i in range(3)]
    state = np.random.get_state()[1].copy()
    _ = ds[0]
    assert np.array_equal(state, np.random.get_state()[1])  # global numpy state untouched


def test_records_replay_and_audio_call_kwargs() -> None:
    ds = AugmentedDataset([tone(1), tone(2)], load_pipeline(AUDIO_GAIN), seed=1, call_kwargs={"sample_rate": 8000},
                          return_records=True)
    (audio, sr), records = ds[0]
    assert sr == 8000 and records[0]["name"] == "change_volume"
    replayed, _ = multiaug.replay(records, tone(1), sample_rate=8000)
    assert np.array_equal(replayed, audio)


def test_loader_function_and_errors() -> None:
    ds = AugmentedDataset(["a.txt"], TEXT_CASE, seed=0, loader=lambda p: "text read from " + p)  # a document
    assert ds[0].lower() == "text read from a.txt"
    with pytest.raises(UnsupportedInputError):
        AugmentedDataset(TEXTS, 42, seed=0)
    with pytest.raises(InvalidParameterError):
        AugmentedDataset(TEXTS, load_pipeline(TEXT_CASE), seed=-1)
    with pytest.raises(InvalidParameterError):
        _ds().set_epoch(-2)
    with pytest.raises(UnsupportedInputError):
        AugmentedDataset(iter(TEXTS), load_pipeline(TEXT_CASE), seed=0)
    with pytest.raises(UnsupportedInputError):
        _ds()["0"]
