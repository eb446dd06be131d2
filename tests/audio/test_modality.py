"""Audio adapter: paths, output files, segment helpers and chains."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import soundfile as sf

import multiaug.audio as A
from multiaug.audio.modality import AUDIO, Audio
from multiaug.audio.segments import crop_pairs, repeat_pairs, scale_pairs, shift_pairs
from multiaug.core import Tracker
from multiaug.core.errors import UnsupportedInputError
from multiaug.core.registry import _REGISTRY, Drawn, augmentation


def seg(a, b):
    return {"start": a, "end": b, "src_id": None}


def test_crop_pairs_trims_source_proportionally():
    pairs = [(seg(0.0, 2.0), seg(0.0, 1.0))]  # source played twice as fast
    out = crop_pairs(pairs, 0.25, 0.5)
    assert out == [(seg(0.5, 1.0), seg(0.0, 0.25))]
    assert crop_pairs(pairs, 1.5, 2.0) == []


def test_shift_scale_repeat_pairs():
    p = [(seg(0.0, 1.0), seg(0.0, 1.0))]
    assert shift_pairs(p, 0.5) == [(seg(0.0, 1.0), seg(0.5, 1.5))]
    assert scale_pairs(p, 1.0, 2.0) == [(seg(0.0, 1.0), seg(0.0, 2.0))]
    assert [d["start"] for _, d in repeat_pairs(p, 3, 1.0)] == [0.0, 1.0, 2.0]


def test_path_input_uses_file_rate_and_output_path(tmp_path):
    src = tmp_path / "in.wav"
    data = (0.1 * np.random.default_rng(0).standard_normal((2, 800))).astype(np.float32)
    sf.write(src, data.T, 8000, subtype="FLOAT")
    dst = tmp_path / "out.wav"
    y, sr = A.change_volume(str(src), 44100, volume_db=6.0, output_path=str(dst))
    assert sr == 8000 and y.shape == (2, 800)
    back, sr2 = sf.read(dst, dtype="float32", always_2d=True)
    assert sr2 == 8000 and np.allclose(back.T, y, atol=1e-4)
    y2, sr3 = A.speed(str(src), factor=2.0)
    assert sr3 == 8000 and y2.shape == (2, 400)


def test_chain_segments_and_json_replay():
    x = (0.2 * np.sin(np.arange(16000) / 7)).astype(np.float32)
    pipe = A.Compose([A.Speed(factor=2.0), A.Loop(n=1), A.InsertInBackground(offset_factor=0.5),
                      A.PitchShift(n_steps=(-2.0, 2.0)), A.AddBackgroundNoise(snr_level_db=(5.0, 20.0))])
    meta = Tracker()
    y, sr = pipe(x, sample_rate=16000, metadata=meta, seed=7)
    assert sr == 16000
    assert [r["name"] for r in meta] == ["speed", "loop", "insert_in_background", "pitch_shift",
                                         "add_background_noise"]
    ins = meta[2]
    off = ins["info"]["offset"] / 16000
    assert [(s["start"], s["end"]) for s in ins["src_segments"]] == [(0.0, 1.0), (0.0, 1.0)]
    assert [(round(d["start"] - off, 9), round(d["end"] - off, 9)) for d in ins["dst_segments"]] == [
        (0.0, 0.5), (0.5, 1.0)]
    assert meta[-1]["dst_segments"] == ins["dst_segments"]
    again = Tracker.from_json(meta.to_json()).replay(x, sample_rate=16000)
    assert again[1] == sr and np.array_equal(again[0], y)


def test_class_call_applies_and_p_zero_skips():
    x = np.ones(100, np.float32) * 0.5
    out, sr = A.ChangeVolume(volume_db=6.0)(x, 8000)
    assert sr == 8000 and np.allclose(out, 0.5 * 10 ** (6 / 20))
    same, _ = A.Clicks(snr_level_db=3.0, p=0.0)(x, 8000)
    assert np.array_equal(same, x)


def test_output_subtypes(tmp_path):
    x = np.array([0.0, 0.5, 1.5, -2.0] * 100, np.float32)
    A.change_volume(x, 8000, output_path=str(tmp_path / "o.wav"))
    assert sf.info(str(tmp_path / "o.wav")).subtype == "FLOAT"
    back, _ = sf.read(tmp_path / "o.wav", dtype="float32")
    assert np.array_equal(back, x)  # lossless, not clipped
    A.change_volume(x, 8000, output_path=str(tmp_path / "o.flac"))
    assert sf.info(str(tmp_path / "o.flac")).subtype == "PCM_24"
    back2, _ = sf.read(tmp_path / "o.flac", dtype="float32")
    assert back2.max() <= 1.0 and back2.min() >= -1.0 and back2[2] == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("layout", ["mono", "stereo", "strided"])
def test_non_finite_samples_are_rejected_by_the_fast_check(bad, layout):
    from multiaug.audio.modality import all_finite

    x = np.full((2, 4000), 0.25, np.float32)
    if layout == "mono":
        x = x[0].copy()
    elif layout == "strided":
        x = x[:, ::2]  # not contiguous
    assert all_finite(x)
    y = x.copy()
    y[(..., 777)] = bad
    assert not all_finite(y)
    with pytest.raises(UnsupportedInputError, match="NaN"):
        A.change_volume(y, 8000)


def test_huge_finite_samples_pass_the_finite_check():
    """A sum of squares that overflows float32 does not make finite audio invalid."""
    from multiaug.audio.modality import all_finite

    x = np.full(1000, 3e38, np.float32)
    assert all_finite(x)
    y, _ = A.change_volume(x, 8000)
    assert np.array_equal(y, x)


def _entries_scanning(scan):
    from multiaug.core.registry import entries

    return [e for e in entries("audio") if e.rules.get("finite_scan") is scan]


def test_output_scanned_entries_still_refuse_non_finite_input_and_name_overflows():
    """SCAN_OUTPUT skips the input scan: a NaN/inf input must still raise the input error (not the overflow one),
    and a finite input that overflows must raise the overflow error."""
    from multiaug.audio.modality import SCAN_OUTPUT
    from multiaug.core.errors import InvalidParameterError

    scanned = _entries_scanning(SCAN_OUTPUT)
    assert {"change_volume", "gain", "gain_transition"} <= {e.name for e in scanned}
    for entry in scanned:
        fn = getattr(A, entry.name)
        for bad in (np.nan, np.inf, -np.inf):
            x = np.full((2, 3000), 0.1, np.float32)
            x[1, 1234] = bad
            with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
                fn(x, 8000, **entry.example_params())
    with pytest.raises(InvalidParameterError, match="overflow"):
        A.gain(np.full(100, 3e38, np.float32), 8000, gain_db=6.0)


def test_input_scanned_entries_keep_huge_finite_input_finite():
    """SCAN_INPUT skips the output scan: those bodies must not be able to create inf/NaN, even at the float32 edge."""
    from multiaug.audio.modality import SCAN_INPUT

    from multiaug.audio.modality import SCAN_CUT

    scanned = _entries_scanning(SCAN_INPUT) + _entries_scanning(SCAN_CUT)
    assert {"clip", "loop", "reverse", "shift", "time_mask", "padding", "adjust_duration", "limiter", "repeat_part"} <= {e.name for e in scanned}
    top = np.finfo(np.float32).max
    x = np.random.default_rng(0).choice(np.array([top, -top, 1e-45, 0.0], np.float32), (2, 4000))
    for entry in scanned:
        for params in (entry.example_params(), {**entry.example_params(), "seed": 3}):
            if "seed" in params and not entry.random:
                continue
            y, _ = getattr(A, entry.name)(x, 8000, **params)
            assert np.isfinite(y).all(), entry.name


def test_new_style_declaration_draws_with_the_sample_rate_and_returns_a_bare_array():
    """A draw sees ``sample_rate`` in its params; a body returning an ndarray keeps the input's rate; a listed but
    undocumented ``sample_rate`` gets the modality's one documentation."""
    seen = []

    def draw(rng, params, audio):
        seen.append(params["sample_rate"])
        return {"start": int(rng.integers(params["sample_rate"]))}

    try:
        @augmentation(AUDIO, intensity=lambda p, f: 0.0, draw=draw)
        def t_mark(audio: Audio, sample_rate: int = 44100, level: float = 1.0, *, start: Drawn) -> Audio:
            """Mark one drawn sample.

            Args:
                level: value written.
            """
            out = audio.copy()
            out[..., start % audio.shape[-1]] = level
            return out

        assert list(inspect.signature(t_mark).parameters)[:6] == ["audio", "sample_rate", "level", "seed",
                                                                   "output_path", "metadata"]
        assert "sample_rate: sample rate" in t_mark.__doc__
        tr = Tracker()
        y, sr = t_mark(np.zeros(10, np.float32), 8000, seed=1, metadata=tr)
        assert sr == 8000 and seen == [8000] and y.dtype == np.float32
        assert 0 <= tr[0]["drawn"]["start"] < 8000 and y[tr[0]["drawn"]["start"] % 10] == 1.0
        assert np.array_equal(tr.replay(np.zeros(10, np.float32), sample_rate=8000)[0], y)
    finally:
        _REGISTRY.pop(("audio", "t_mark"), None)


@pytest.mark.parametrize("name", ["clip", "loop", "reverse", "change_volume", "gain"])
def test_non_finite_samples_in_a_float_file_are_refused_whatever_the_scan(tmp_path, name):
    """A float WAV holding NaN is refused with the input error by entries that scan only their input (files are not
    scanned on reading) and by those that scan only their output."""
    x = np.full(800, 0.1, np.float32)
    x[123] = np.nan
    path = tmp_path / "nan.wav"
    sf.write(path, x, 8000, subtype="FLOAT")
    with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
        getattr(A, name)(str(path))


def test_cuts_scan_the_samples_they_keep():
    """SCAN_CUT (clip, adjust_duration): a NaN/inf among the kept samples is refused with the input error, one in the
    part cut away cannot reach the output and is not refused (the output is then numpy's cut); when the output is
    longer than the input (adjust_duration padding) a bad sample anywhere is refused."""
    from multiaug.audio.modality import SCAN_CUT

    assert {e.name for e in _entries_scanning(SCAN_CUT)} == {"clip", "adjust_duration"}
    clean = np.linspace(-0.5, 0.5, 2 * 8000, dtype=np.float32).reshape(2, 8000)
    for bad in (np.nan, np.inf, -np.inf):
        for i, kept in ((0, True), (3999, True), (4000, False), (7999, False)):
            x = clean.copy()
            x[1, i] = bad
            for fn, kw, expected in ((A.clip, {"duration_factor": 0.5}, x[:, :4000]),
                                     (A.adjust_duration, {"duration_seconds": 0.5}, x[:, :4000])):
                if kept:
                    with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
                        fn(x, 8000, **kw)
                else:
                    y, _ = fn(x, 8000, **kw)
                    assert np.array_equal(y, expected) and not np.shares_memory(y, x)
            with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):  # padded: the whole input
                A.adjust_duration(x, 8000, duration_seconds=1.5)
            with pytest.raises(UnsupportedInputError, match="'audio' contains NaN"):
                A.adjust_duration(x, 8000, duration_seconds=0.5, padding_position="start") if not kept else \
                    A.clip(x, 8000, duration_factor=0.5)
