"""The audio modality: path or ndarray in (mono ``(n,)`` or channels-first ``(channels, n)``),
``(audio, sample_rate)`` out, dtype preserved; sample rate and segments travel as targets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import atomic_write
from ..core.registry import Entry, Modality, Out, ReservedParam
from ..utils.constants import DEFAULT_SAMPLE_RATE


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
    if audio.shape[-1] == 0:
        raise UnsupportedInputError(f"{where}: argument '{argument}' has no samples (shape {audio.shape})")
    if audio.ndim == 2 and audio.shape[0] > audio.shape[1]:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' has shape {audio.shape}: more channels than samples. multiaug expects "
            "channels-first (channels, n); transpose channels-last audio with audio.T"
        )
    if audio.size and not all_finite(audio):
        raise UnsupportedInputError(f"{where}: argument '{argument}' contains NaN or infinite samples")
    return audio


def all_finite(audio: np.ndarray) -> bool:
    """True when every sample is finite.

    Fast path: one BLAS dot product of the samples with themselves (a NaN or an infinity makes it
    non-finite; a sum of squares cannot cancel); only when it is not finite (NaN/inf, or an overflow of
    very large but finite samples) are the samples checked one by one.
    """
    flat = audio.reshape(-1)  # a view for contiguous input
    with np.errstate(over="ignore", invalid="ignore"):
        energy = np.dot(flat, flat)
    if np.isfinite(energy):
        return True
    return bool(np.isfinite(audio).all())


def load_audio(audio: Any, sample_rate: Any, where: str, argument: str = "audio") -> tuple[np.ndarray, int]:
    """Read a path with soundfile (file's own rate) or validate an array; returns (audio, sr)."""
    if isinstance(audio, (str, os.PathLike)):
        path = Path(audio)
        if not path.is_file():
            raise MediaReadError(f"{where}: argument '{argument}': file not found: '{path}'")
        import soundfile as sf

        try:
            data, sr = sf.read(str(path), dtype="float32", always_2d=True)
        except (RuntimeError, OSError, ValueError, TypeError) as exc:  # LibsndfileError is a RuntimeError
            raise MediaReadError(f"{where}: cannot read audio file '{path}': {exc}") from None
        data = data.T
        if data.shape[-1] == 0:
            raise MediaReadError(f"{where}: argument '{argument}': audio file '{path}' has no samples")
        if data.shape[0] == 1:
            data = data[0]
        return np.ascontiguousarray(data), int(sr)
    arr = validate_audio_array(audio, where, argument)
    return arr, validate_sample_rate(sample_rate, where)


def _format_of(path: Any) -> str | None:
    ext = Path(os.fspath(path)).suffix.lower().lstrip(".")
    return {"wav": "WAV", "flac": "FLAC", "ogg": "OGG", "aiff": "AIFF", "aif": "AIFF", "w64": "W64",
            "caf": "CAF", "mp3": "MP3"}.get(ext)


def write_subtype(path: Any) -> str | None:
    """Subtype used for ``output_path``: 32-bit float for WAV/AIFF/W64/CAF (lossless for float32 audio,
    no clipping), 24-bit PCM for FLAC (clipped to [-1, 1]), soundfile's default otherwise."""
    fmt = _format_of(path)
    if fmt in ("WAV", "AIFF", "W64", "CAF"):
        return "FLOAT"
    if fmt == "FLAC":
        return "PCM_24"
    return None


def num_channels(audio: np.ndarray) -> int:
    return 1 if audio.ndim == 1 else int(audio.shape[0])


class AudioModality(Modality):
    name = "audio"
    media_arg = "audio"
    reserved = frozenset({"output_path", "metadata", "sample_rate"})
    class_call_args = ("sample_rate", "metadata", "force")
    target_args = ("sample_rate",)
    reserved_params = (
        ReservedParam("sample_rate", DEFAULT_SAMPLE_RATE, "sample rate of an array input in Hz (a file's own rate "
                      "is used for paths).", place="second"),
        ReservedParam("output_path", None, "if given, the result is also written there (atomically; WAV/AIFF as "
                      "32-bit float, FLAC as 24-bit PCM)."),
        ReservedParam("metadata", None, "a list (AugLy's flat dicts) or a multiaug.Tracker (full, replayable "
                      "records) that receives the record of this call."),
    )
    public_annotations = {"output_path": str | os.PathLike[str] | None,
                          "sample_rate": int, "metadata": list[dict[str, Any]] | None}
    return_annotation = tuple[np.ndarray, int]

    def media_annotation(self, name: str) -> Any:
        return str | os.PathLike[str] | np.ndarray

    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        sr = call.get("sample_rate", DEFAULT_SAMPLE_RATE)
        return {"sample_rate": validate_sample_rate(DEFAULT_SAMPLE_RATE if sr is None else sr, entry_name)}

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        sr_in = targets.get("sample_rate", DEFAULT_SAMPLE_RATE)
        audio, sr = load_audio(media, sr_in, entry.name)
        targets["sample_rate"] = sr
        return audio, {"dtype": audio.dtype, "sample_rate": sr, "segments": targets.get("segments")}

    def call_kernel(self, entry: Entry, data: Any, kwargs: dict[str, Any], ctx: dict[str, Any]) -> Any:
        if "sample_rate" in entry.signature.parameters:  # the body uses the rate (most DSP does)
            kwargs = {**kwargs, "sample_rate": ctx["sample_rate"]}
        out = ctx.get("kernel", entry.func)(data, **kwargs)
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
        subtype = write_subtype(path)
        if subtype is not None and not subtype.startswith(("FLOAT", "DOUBLE")):
            data = np.clip(data, -1.0, 1.0)  # integer formats: clip instead of wrapping around
        try:
            atomic_write(path, lambda tmp: sf.write(tmp, data, sr, subtype=subtype, format=_format_of(path)))
        except (RuntimeError, OSError, ValueError, TypeError) as exc:  # LibsndfileError is a RuntimeError
            raise MediaReadError(f"cannot write audio to '{path}': {exc}") from None

    def apply_targets(self, entry: Entry, targets: dict[str, Any], params: dict[str, Any], info: dict[str, Any],
                      src: dict[str, Any], dst: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        pairs = current_pairs(targets, src["src_duration"])
        rule = entry.rules.get("segments")
        facts = {**src, **dst, "info": info}
        if rule is None:
            new_pairs = scale_pairs(pairs, src["src_duration"], dst["dst_duration"])
        else:
            new_pairs = rule(pairs, params, facts)
        src_segments = [dict(s) for s, _ in new_pairs]
        dst_segments = [dict(d) for _, d in new_pairs]
        new = dict(targets)
        new["sample_rate"] = dst["dst_sample_rate"]
        new["segments"] = dst_segments
        new["segment_sources"] = src_segments
        keys: dict[str, Any] = {}
        extra = entry.rules.get("augly_keys")
        if extra is not None:  # AugLy's extra flat metadata keys (e.g. clip's start_sample)
            keys.update(extra(info))
        keys.update(src_segments=src_segments, dst_segments=dst_segments)
        return new, keys

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        return media, targets["sample_rate"]

    def equal(self, a: Any, b: Any) -> bool:
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a[1] == b[1] and self.equal(a[0], b[0])
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)


# ------------------------------------------------------------------------------------------------
# Segments (AugLy's compute_changed_segments semantics)
#
# A chain carries two paired lists: ``segment_sources[i]`` is a span of the ORIGINAL source (seconds)
# and ``segments[i]`` is where that span now lies in the current output (seconds). Each record stores
# both, as AugLy does: ``src_segments`` (source spans) and ``dst_segments`` (output spans), index-paired.
# A ``segments=`` rule of an audio augmentation receives the list of ``(src_segment, dst_segment)``
# pairs, the parameters and the facts (src_/dst_ durations, ``info``) and returns the new pairs.
# ------------------------------------------------------------------------------------------------
Segment = dict[str, Any]
Pair = tuple[Segment, Segment]


def _seg(start: float, end: float, src_id: Any = None) -> Segment:
    return {"start": float(start), "end": float(end), "src_id": src_id}


def current_pairs(targets: dict[str, Any], src_duration: float) -> list[Pair]:
    """The (source span, current span) pairs carried by a chain; the whole input when none."""
    dst = targets.get("segments")
    srcs = targets.get("segment_sources")
    if not dst:
        whole = _seg(0.0, src_duration)
        return [(whole, dict(whole))]
    if not srcs or len(srcs) != len(dst):
        srcs = dst
    return [(dict(s), dict(d)) for s, d in zip(srcs, dst)]


def scale_pairs(pairs: list[Pair], src_dur: float, dst_dur: float) -> list[Pair]:
    """Output spans scaled by ``dst_dur / src_dur`` (time-scaling effects); unchanged when equal."""
    if src_dur <= 0 or abs(src_dur - dst_dur) < 1e-12:
        return [(dict(s), dict(d)) for s, d in pairs]
    k = dst_dur / src_dur
    return [(dict(s), {**d, "start": d["start"] * k, "end": d["end"] * k}) for s, d in pairs]


def shift_pairs(pairs: list[Pair], offset: float) -> list[Pair]:
    """Output spans moved later by ``offset`` seconds."""
    return [(dict(s), {**d, "start": d["start"] + offset, "end": d["end"] + offset}) for s, d in pairs]


def crop_pairs(pairs: list[Pair], t0: float, t1: float) -> list[Pair]:
    """Keep the parts of the output spans inside ``[t0, t1)``, re-timed to start at 0.

    The matching source span is trimmed proportionally (spans map linearly); spans entirely outside
    the window disappear from both lists."""
    out: list[Pair] = []
    for s, d in pairs:
        lo, hi = max(d["start"], t0), min(d["end"], t1)
        if hi <= lo:
            continue
        length = d["end"] - d["start"]
        k = (s["end"] - s["start"]) / length if length > 0 else 0.0
        ns = {**s, "start": s["start"] + (lo - d["start"]) * k, "end": s["start"] + (hi - d["start"]) * k}
        nd = {**d, "start": lo - t0, "end": hi - t0}
        out.append((ns, nd))
    return out


def repeat_pairs(pairs: list[Pair], copies: int, period: float) -> list[Pair]:
    """``copies`` back-to-back repetitions of the output, each ``period`` seconds long."""
    out: list[Pair] = []
    for i in range(copies):
        out.extend(shift_pairs(pairs, i * period))
    return out


AUDIO = AudioModality()
