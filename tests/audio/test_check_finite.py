"""The keyword-only ``check_finite`` option of every audio function (scipy.linalg's name and meaning): True (the
default) refuses NaN/inf samples; False skips the scan and lets them through; records and replay stay exact."""

from __future__ import annotations

import inspect
import json

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from multiaug.core.errors import InvalidParameterError, UnsupportedInputError
from multiaug.core.registry import entries, get_entry


def _with_bad_samples(shape=(2, 3000)) -> np.ndarray:
    x = np.linspace(-0.5, 0.5, int(np.prod(shape)), dtype=np.float32).reshape(shape)
    x[..., 100] = np.nan
    x[..., 200] = np.inf
    x[..., 300] = -np.inf
    return x


def test_every_audio_function_shows_the_option_once_keyword_only():
    for entry in entries("audio"):
        p = inspect.signature(entry.public).parameters["check_finite"]
        assert p.kind is p.KEYWORD_ONLY and p.default is True and p.annotation is bool, entry.name
        assert entry.public.__doc__.count("check_finite:") == 1, entry.name
    assert "check_finite" not in {p.name for e in entries("audio") for p in e.params}  # not a parameter


@pytest.mark.parametrize("name, params", [("change_volume", {"volume_db": 6.0}),
                                          ("clip", {"offset_factor": 0.0, "duration_factor": 0.5})])
def test_default_refuses_and_false_passes_non_finite_samples_through(name, params):
    fn = getattr(A, name)
    x = _with_bad_samples()
    before = x.copy()
    with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
        fn(x, 8000, **params)
    with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
        fn(x, 8000, **params, check_finite=True)
    out, sr = fn(x, 8000, **params, check_finite=False)
    assert np.array_equal(x, before, equal_nan=True)  # not written in place
    assert not np.shares_memory(out, x) and sr == 8000 and out.dtype == np.float32
    if name == "change_volume":
        expected = x * np.float32(10.0 ** (6.0 / 20.0))
    else:
        expected = x[..., : x.shape[-1] // 2]
    assert np.array_equal(out, expected, equal_nan=True)  # numpy's result, the NaN and infinities unchanged
    assert np.isnan(out[..., 100]).all() and (out[..., 200] == np.inf).all() and (out[..., 300] == -np.inf).all()


def test_unchecked_output_overflow_gives_inf_instead_of_an_error():
    x = np.full(100, 3e38, np.float32)
    with pytest.raises(InvalidParameterError, match="overflow"):
        A.gain(x, 8000, gain_db=6.0)
    with np.errstate(over="ignore"):
        out, _ = A.gain(x, 8000, gain_db=6.0, check_finite=False)
        assert np.array_equal(out, x * np.float32(10 ** 0.3)) and np.isinf(out).all()


def test_finite_input_gives_the_same_bytes_checked_or_not():
    x = np.random.default_rng(1).normal(0, 0.1, (2, 4000)).astype(np.float32)
    for name, params in [("shift", {"shift": 0.3}), ("time_mask", {"seed": 4}), ("low_pass_filter", {}),
                         ("repeat_part", {"seed": 2}), ("padding", {}), ("limiter", {})]:
        a, _ = getattr(A, name)(x, 8000, **params)
        b, _ = getattr(A, name)(x, 8000, **params, check_finite=False)
        assert a.tobytes() == b.tobytes(), name


def test_records_say_false_only_and_replay_is_exact():
    x = _with_bad_samples()
    checked = Tracker()
    A.change_volume(x[:, :50], 8000, 3.0, metadata=checked)
    assert "check_finite" not in checked[0]  # the default is not recorded: records of checked calls unchanged
    t = Tracker()
    out, _ = A.shift(x, 8000, shift=0.1, check_finite=False, metadata=t)
    assert t[0]["check_finite"] is False
    json.loads(json.dumps(t[0], allow_nan=False))  # strict JSON
    flat: list[dict] = []
    A.shift(x, 8000, shift=0.1, check_finite=False, metadata=flat)
    assert flat[0]["check_finite"] is False
    # replay of the record needs no option: it skips the scan as the call did, NaNs included
    again, _ = Tracker.from_json(t.to_json()).replay(x, sample_rate=8000)
    assert np.array_equal(again, out, equal_nan=True)


def test_option_travels_through_classes_and_compositions():
    x = _with_bad_samples()
    pipeline = A.Compose([A.ChangeVolume(volume_db=-3.0), A.Reverse()]) if hasattr(A, "Compose") else None
    if pipeline is None:
        from multiaug import Compose

        pipeline = Compose([A.ChangeVolume(volume_db=-3.0), A.Reverse()])
    with pytest.raises(UnsupportedInputError):
        pipeline(x, sample_rate=8000)
    t = Tracker()
    out, _ = pipeline(x, sample_rate=8000, check_finite=False, metadata=t)
    expected = (x * np.float32(10 ** (-3 / 20)))[..., ::-1]
    assert np.array_equal(out, expected, equal_nan=True)
    assert [r["check_finite"] for r in t] == [False, False]
    assert np.array_equal(t.replay(x, sample_rate=8000)[0], out, equal_nan=True)
    out2, _ = A.ChangeVolume(volume_db=-3.0)(x, sample_rate=8000, check_finite=False)
    assert np.array_equal(out2, x * np.float32(10 ** (-3 / 20)), equal_nan=True)


@pytest.mark.parametrize("bad", ["no", 0, 1, None, 2.0])
def test_check_finite_must_be_a_bool(bad):
    with pytest.raises(InvalidParameterError, match="'check_finite' must be True or False"):
        A.change_volume(np.zeros(10, np.float32), 8000, check_finite=bad)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_half_by_half_scan_finds_every_non_finite_sample(dtype):
    """all_finite multiplies the first half by the second (plus the middle sample of an odd count): a NaN/inf at any
    position, against a zero or a non-zero partner, on mono and channels-first input, is found."""
    from multiaug.audio.modality import all_finite

    for n in (1, 2, 3, 4, 7, 8, 9):
        for fill in (0.0, 0.5, -1e30):
            for i in range(n):
                for bad in (np.nan, np.inf, -np.inf):
                    x = np.full(n, fill, dtype)
                    assert all_finite(x)
                    x[i] = bad
                    assert not all_finite(x), (n, fill, i, bad)
    y = np.full((2, 5), 0.25, dtype)
    y[1, 0] = np.inf
    assert not all_finite(y) and not all_finite(y[:, ::2]) and all_finite(y[:1])
    z = np.full(6, 0.0, dtype)
    z[0], z[3] = np.inf, -np.inf  # products inf · 0 and -inf · 0: NaN
    assert not all_finite(z)


def test_mp3_keeps_its_input_scan_unchecked_and_for_files(tmp_path):
    """LAME aborts the process on NaN (an assertion in its psychoacoustic model): mp3_compression scans its input even
    with check_finite=False, and a float file holding NaN is refused before any body runs (for every scan rule)."""
    import soundfile as sf

    from multiaug.audio.modality import SCAN_BOTH_KEEP_INPUT

    assert get_entry("mp3_compression", "audio").rules["finite_scan"] is SCAN_BOTH_KEEP_INPUT
    x = _with_bad_samples((1, 4000))[0]
    with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
        A.mp3_compression(x, 8000, check_finite=False)
    path = tmp_path / "nan.wav"
    sf.write(path, x, 8000, subtype="FLOAT")
    for name in ("mp3_compression", "low_pass_filter", "clip", "gain"):
        with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
            getattr(A, name)(str(path))


def test_a_call_without_metadata_gives_the_same_output_as_one_with_records():
    """Without ``metadata`` a public call skips the segment bookkeeping nobody can read; the output and the
    returned rate are the same as with a record, and compositions / classes still move segments."""
    x = np.random.default_rng(5).normal(0, 0.1, (2, 3000)).astype(np.float32)
    for name, params in [("clip", {"offset_factor": 0.2, "duration_factor": 0.5}), ("shift", {"shift": 0.3}),
                         ("resample", {"target_sample_rate": 4000, "round_trip": False}), ("loop", {"n": 2})]:
        fn = getattr(A, name)
        a, ra = fn(x, 8000, **params)
        t = Tracker()
        b, rb = fn(x, 8000, **params, metadata=t)
        assert a.tobytes() == b.tobytes() and ra == rb and t[0]["dst_segments"], name
    t = Tracker()
    A.Compose([A.Clip(offset_factor=0.5, duration_factor=0.5), A.Loop(n=1)])(x, sample_rate=8000, metadata=t)
    assert [s["start"] for s in t[1]["dst_segments"]] == [0.0, 3000 / 2 / 8000]
