"""The audio modality: path or ndarray in (mono ``(n,)`` or channels-first ``(channels, n)``),
``(audio, sample_rate)`` out, dtype preserved; sample rate and segments travel as targets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import atomic_write
from ..core.registry import Entry, Modality, Out

DEFAULT_SAMPLE_RATE = 44100


def validate_sample_rate(sample_rate: Any, where: str) -> int:
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)):
        if isinstance(sample_rate, float) and sample_rate.is_integer():
            sample_rate = int(sample_rate)
        else:
            raise InvalidParameterError(f"{where}: argument 'sample_rate' must be a positive int (Hz), got {sample_rate!r}",
                                        argument="sample_rate")
    if sample_rate <= 0:
        raise InvalidParameterError(f"{where}: argument 'sample_rate' must be > 0 Hz, got {sample_rate}",
                                    argument="sample_rate")
    return int(sample_rate)


def validate_audio_array(audio: Any, where: str, argument: str = "audio") -> np.ndarray:
    if not isinstance(audio, np.ndarray):
        raise UnsupportedInputError(f"{where}: argument '{argument}' must be a file path or a numpy array, "
                                    f"got {type(audio).__name__}")
    if audio.dtype not in (np.float32, np.float64):
        raise UnsupportedInputError(f"{where}: argument '{argument}' must be float32 or float64, got {audio.dtype}")
    if audio.ndim not in (1, 2):
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' must be mono (n,) or channels-first (channels, n), got shape {audio.shape}"
        )
    if audio.ndim == 2 and audio.shape[0] > audio.shape[1]:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' has shape {audio.shape}: more channels than samples. multiaug expects "
            "channels-first (channels, n); transpose channels-last audio with audio.T"
        )
    if audio.size and not np.isfinite(audio).all():
        raise UnsupportedInputError(f"{where}: argument '{argument}' contains NaN or infinite samples")
    return audio


def load_audio(audio: Any, sample_rate: Any, where: str, argument: str = "audio") -> tuple[np.ndarray, int]:
    """Read a path with soundfile (file's own rate) or validate an array; returns (audio, sr)."""
    if isinstance(audio, (str, os.PathLike)):
        path = Path(audio)
        if not path.is_file():
            raise MediaReadError(f"{where}: argument '{argument}': file not found: '{path}'")
        import soundfile as sf

        try:
            data, sr = sf.read(str(path), dtype="float32", always_2d=True)
        except Exception as exc:
            raise MediaReadError(f"{where}: cannot read audio file '{path}': {exc}") from None
        data = data.T
        if data.shape[0] == 1:
            data = data[0]
        return np.ascontiguousarray(data), int(sr)
    arr = validate_audio_array(audio, where, argument)
    return arr, validate_sample_rate(sample_rate, where)


def num_channels(audio: np.ndarray) -> int:
    return 1 if audio.ndim == 1 else int(audio.shape[0])


class AudioModality(Modality):
    name = "audio"
    media_arg = "audio"
    reserved = frozenset({"output_path", "metadata", "sample_rate"})
    class_call_args = ("sample_rate", "metadata", "force")
    target_args = ("sample_rate",)

    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        sr = call.get("sample_rate", DEFAULT_SAMPLE_RATE)
        return {"sample_rate": validate_sample_rate(DEFAULT_SAMPLE_RATE if sr is None else sr, entry_name)}

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        sr_in = targets.get("sample_rate", DEFAULT_SAMPLE_RATE)
        audio, sr = load_audio(media, sr_in, entry.name)
        targets["sample_rate"] = sr
        return audio, {"dtype": audio.dtype, "sample_rate": sr, "segments": targets.get("segments")}

    def call_kernel(self, entry: Entry, data: Any, kwargs: dict[str, Any], ctx: dict[str, Any]) -> Any:
        out = entry.func(data, sample_rate=ctx["sample_rate"], **kwargs)
        info: dict[str, Any] = {}
        if isinstance(out, Out):
            info, out = out.info, out.media
        if not (isinstance(out, tuple) and len(out) == 2):
            raise UnsupportedInputError(f"{entry.name}: audio kernel must return (audio, sample_rate)")
        audio, sr = out
        ctx["dst_sample_rate"] = int(sr)
        return Out(audio, info)

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        sr = ctx["sample_rate"] if prefix == "src" else ctx.get("dst_sample_rate", ctx["sample_rate"])
        n = int(data.shape[-1])
        return {
            f"{prefix}_duration": n / sr,
            f"{prefix}_num_channels": num_channels(data),
            f"{prefix}_sample_rate": sr,
        }

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        arr = np.asarray(data)
        if arr.dtype != ctx["dtype"]:
            arr = arr.astype(ctx["dtype"])
        return arr

    def save(self, media: Any, path: Any, ctx: dict[str, Any]) -> None:
        import soundfile as sf

        sr = ctx.get("dst_sample_rate", ctx["sample_rate"])
        data = media.T if media.ndim == 2 else media
        try:
            atomic_write(path, lambda tmp: sf.write(tmp, data, sr))
        except Exception as exc:
            raise MediaReadError(f"cannot write audio to '{path}': {exc}") from None

    def apply_targets(self, entry: Entry, targets: dict[str, Any], params: dict[str, Any], info: dict[str, Any],
                      src: dict[str, Any], dst: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        src_segments = targets.get("segments") or [
            {"start": 0.0, "end": src["src_duration"], "src_id": None}
        ]
        rule = entry.rules.get("segments")
        if rule is None:
            dst_segments = _scale_segments(src_segments, src["src_duration"], dst["dst_duration"])
        else:
            dst_segments = rule(src_segments, params, {**src, **dst, "info": info})
        new = dict(targets)
        new["sample_rate"] = dst["dst_sample_rate"]
        new["segments"] = dst_segments
        return new, {"src_segments": src_segments, "dst_segments": dst_segments}

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        return media, targets["sample_rate"]

    def equal(self, a: Any, b: Any) -> bool:
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a[1] == b[1] and self.equal(a[0], b[0])
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)


def _scale_segments(segments: list[dict[str, Any]], src_dur: float, dst_dur: float) -> list[dict[str, Any]]:
    """Default: same duration → same segments; otherwise scaled linearly to the new duration."""
    if src_dur <= 0 or abs(src_dur - dst_dur) < 1e-12:
        return [dict(s) for s in segments]
    k = dst_dur / src_dur
    return [{**s, "start": s["start"] * k, "end": s["end"] * k} for s in segments]


AUDIO = AudioModality()
