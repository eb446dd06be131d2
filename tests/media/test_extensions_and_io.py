"""multiaug.media: the one extension table (decisions on .au/.mp3 checked against what libsndfile really reads) and
the one reader/writer (deterministic bytes, the callers' error messages)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from multiaug.core.errors import MediaReadError, OutputPathError, UnsupportedInputError
from multiaug.core.io import parse_jsonl, parse_rows, read_jsonl
from multiaug.data.expand import expand
from multiaug.media.extensions import (
    AUDIO_EXTENSIONS,
    EXTENSIONS,
    detect_modality,
    extensions_of,
    modality_of_path,
    output_extension,
)
from multiaug.media.io import encode, read_media, write_media
from multiaug.robustness.runner import load_data


def _tone(sr: int = 8000, seconds: float = 0.3) -> np.ndarray:
    t = np.arange(int(sr * seconds)) / sr
    return (0.4 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_one_table_per_modality() -> None:
    assert detect_modality("a/b.JPEG") == "image" and detect_modality("x.Wav") == "audio"
    assert detect_modality("x.txt") == "text" and detect_modality("x.bin") is None
    assert extensions_of("audio") == AUDIO_EXTENSIONS
    assert set(EXTENSIONS.values()) == {"image", "audio", "text"}
    with pytest.raises(UnsupportedInputError, match="from its extension '.docx'"):
        modality_of_path("notes.docx")


@pytest.mark.parametrize("ext, fmt", [(".au", "AU"), (".mp3", "MP3")])
def test_au_and_mp3_are_audio_because_libsndfile_reads_them(tmp_path: Path, ext: str, fmt: str) -> None:
    """The decision on the two formats the old tables disagreed on: both are audio inputs; outputs become FLAC."""
    path = tmp_path / f"clip{ext}"
    sf.write(path, _tone(), 8000, format=fmt)
    modality, audio, call = read_media(path)
    assert modality == "audio" and call == {"sample_rate": 8000}
    assert audio.dtype == np.float32 and audio.ndim == 1 and abs(audio.size - 2400) < 2400 * 0.7
    assert output_extension("audio", ext) == ".flac" and output_extension("audio", ".WAV") == ".WAV"
    assert output_extension("image", ".webp") == ".webp"


def test_expand_and_robustness_take_mp3_and_au_files(tmp_path: Path) -> None:
    data = tmp_path / "in"
    (data / "beep").mkdir(parents=True)
    sf.write(data / "beep" / "a.mp3", _tone(), 8000, format="MP3")
    sf.write(data / "beep" / "b.au", _tone(), 8000, format="AU")
    gain = {"multiaug_pipeline": True, "version": 1, "modality": "audio",
            "pipeline": {"type": "augmentation", "modality": "audio", "name": "change_volume",
                         "params": {"volume_db": -6.0}}}
    pipe = tmp_path / "gain.json"
    pipe.write_text(json.dumps(gain), encoding="utf-8")
    report = expand(data, tmp_path / "out", copies=1, pipeline=[str(pipe)], seed=0, quiet=True,
                    dedup={"enabled": False})
    outputs = sorted(p.name for p in (tmp_path / "out" / "beep").iterdir())
    assert report["totals"]["outputs"] == 2
    assert sum(name.endswith("__aug000.flac") for name in outputs) == 2, outputs
    items = load_data(data, "audio")
    assert [it.key for it in items] == ["beep/a.mp3", "beep/b.au"]
    assert all(it.load("audio")[1] == 8000 for it in items)


def test_encode_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    img = Image.fromarray(np.arange(48 * 32 * 3, dtype=np.uint8).reshape(32, 48, 3))
    assert encode("image", img, ".png") == encode("image", np.asarray(img), ".png")
    assert Image.open(io.BytesIO(encode("image", img.convert("RGBA"), ".jpg"))).mode == "RGB"
    write_media(tmp_path / "x.png", "image", img)
    assert np.array_equal(np.asarray(Image.open(tmp_path / "x.png")), np.asarray(img))
    stereo = np.stack([_tone(), -_tone()])
    write_media(tmp_path / "x.wav", "audio", (stereo, 8000))
    back, sr = sf.read(tmp_path / "x.wav", always_2d=True)
    assert sr == 8000 and back.shape == (stereo.shape[1], 2) and np.allclose(back.T, stereo, atol=1e-4)
    write_media(tmp_path / "x.txt", "text", "héllo")
    assert read_media(tmp_path / "x.txt") == ("text", "héllo", {})
    with pytest.raises(UnsupportedInputError):
        encode("video", None, ".mp4")


def test_readers_name_the_caller(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(MediaReadError, match="^read_media: cannot read text file"):
        read_media(tmp_path / "bad.txt")
    with pytest.raises(MediaReadError, match="^read_media: argument 'path': file not found"):
        read_media(tmp_path / "missing.png")


def test_the_jsonl_reader(tmp_path: Path) -> None:
    text = '{"a": 1}\n\n[2]\n{"cut'
    assert parse_jsonl(text, "x", skip_invalid=True) == [{"a": 1}, [2]]
    with pytest.raises(MediaReadError, match=r"^manifest line 4 is not JSON"):
        parse_jsonl(text, "manifest")
    with pytest.raises(KeyError):
        parse_jsonl("nope", "w", error=KeyError)
    assert read_jsonl(tmp_path / "absent.jsonl", missing_ok=True) == []
    assert parse_rows("path,label\na.png,cat\n", ".CSV", "m") == [{"path": "a.png", "label": "cat"}]
    assert parse_rows("{}", ".parquet", "m") is None


def test_apply_names_outputs_of_lossy_audio_sources_flac(tmp_path):
    from multiaug.cli.apply import output_plan

    # a source written in another format keeps its own extension in the name (song.mp3 -> song.mp3.flac), so
    # song.mp3 and song.ogg from one folder do not collide
    plan = output_plan([tmp_path / "a.mp3", tmp_path / "b.WAV", tmp_path / "c.png"], tmp_path / "out", copies=2)
    assert sorted(dest.name for *_, dest in plan) == ["a.mp3_0.flac", "a.mp3_1.flac", "b_0.WAV", "b_1.WAV",
                                                      "c_0.png", "c_1.png"]
    plan = output_plan([tmp_path / "a.mp3", tmp_path / "a.ogg", tmp_path / "a.flac"], tmp_path / "out")
    assert sorted(dest.name for *_, dest in plan) == ["a.flac", "a.mp3.flac", "a.ogg.flac"]
    with pytest.raises(OutputPathError, match="would both write"):
        output_plan([tmp_path / "a.mp3", tmp_path / "a.mp3.flac"], tmp_path / "out")
