"""The audio modality: path or ndarray in (mono ``(n,)`` or channels-first ``(channels, n)``),
``(audio, sample_rate)`` out, dtype preserved; sample rate and segments (:mod:`.segments`) travel as targets.

What an audio declaration sees (``multiaug/audio/augmentations/``):

* its media parameter, annotated :data:`Audio`: a validated float32/float64 ndarray, mono ``(n,)`` or
  channels-first ``(channels, n)``, finite, never to be written into;
* ``sample_rate`` (Hz) when it lists ``sample_rate`` as its second parameter (AugLy's position);
* its own parameters, validated, and the values its ``draw`` function drew (``draw`` sees ``sample_rate`` in
  its ``params`` too).

The body returns the output array (at the input's sample rate), ``(array, new_rate)``, or :class:`Out` around
either. The modality inserts and documents the reserved arguments (``sample_rate``, ``output_path``,
``metadata``) and the keyword-only ``check_finite`` option, restores the input's dtype, writes ``output_path``
and moves the segments.

Also here: the readers of user-given audio (:func:`load_audio`, :func:`external_audio`) and the parameter
checks shared by declarations (:data:`FINITE`, :func:`nyquist_check`).
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import atomic_write, check_output_path
from ..core.registry import Entry, Modality, Out, ReservedParam
from ..core.spec import Check
from ..utils.constants import DEFAULT_SAMPLE_RATE
from .kernels.resample import resample_keep_one
from .segments import current_pairs, scale_pairs

#: Media annotation of an audio declaration: the body receives a float32/float64 ndarray, mono ``(n,)`` or
#: channels-first ``(channels, n)`` (validated, finite; the caller's array: never write into it).
Audio = Annotated[np.ndarray, "float32/float64 samples, mono (n,) or channels-first (channels, n)"]

#: a parameter check: the value must be finite
FINITE = Check(lambda v: math.isfinite(v), "must be finite")


def nyquist_check(value: float, sample_rate: int, where: str, argument: str) -> None:
    """Raise a typed error when a frequency is not below the Nyquist frequency."""
    if not value < sample_rate / 2.0:
        raise InvalidParameterError(
            f"{where}: argument '{argument}' must be below the Nyquist frequency sample_rate / 2 = "
            f"{sample_rate / 2.0:g} Hz, got {value:g} Hz",
            function=where,
            argument=argument,
        )


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


@dataclass(frozen=True)
class FiniteScan:
    """Which arrays of a call are scanned for NaN/inf: a declaration's ``finite_scan=`` rule (default
    :data:`SCAN_BOTH`).

    Each scan is one pass over the samples (~30 µs per 10 s of 44.1 kHz float32), as much as the whole work of a
    gain or a cut: a declaration whose body cannot hide a bad input or cannot create a bad output says so and
    the other scan is skipped. The guarantee stays the same: non-finite input is refused with the same
    error, and a non-finite output (an overflow of the arguments) is refused.
    """

    #: scan the input before the body (off: the output scan finds a bad input, then the input is scanned)
    input: bool
    #: scan the output after the body (off: a finite input cannot give a non-finite output)
    output: bool
    #: the rule's one-line description (catalogue)
    doc: str
    #: the input is scanned even with ``check_finite=False``: the body hands the samples to a native library that
    #: aborts the whole process on NaN/inf (LAME's encoder asserts), which no Python exception can report
    keep_input: bool = False
    #: the output is made of input samples, unchanged, and silence (a cut, a pad): after the body the smaller of
    #: output and input is scanned, and a non-finite sample is reported as the input's. A cut scans only the
    #: samples it keeps: non-finite samples it drops never reach the output and are not refused
    cut: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "__doc__", self.doc)


#: default: the input before the body, the output after it
SCAN_BOTH = FiniteScan(True, True, "input and output scanned for NaN/inf")
#: bodies that only move, copy, negate or scale samples by weights in [0, 1] (fades, a limiter's gain): a finite
#: input gives a finite output
SCAN_INPUT = FiniteScan(True, False, "input scanned for NaN/inf (the body only moves, copies, negates or scales "
                        "samples by weights in [0, 1]: a finite input gives a finite output)")
#: bodies that map every input sample into the output through a NaN/inf-keeping map (x · g, g > 0 finite): a
#: finite output implies a finite input
SCAN_OUTPUT = FiniteScan(False, True, "output scanned for NaN/inf (every input sample reaches it through x · g, "
                         "g > 0: a finite output means a finite input)")


#: cuts and pads that copy input samples unchanged (clip, adjust_duration): the kept samples (or the input when the
#: output is longer) scanned after the body, see :attr:`FiniteScan.cut`
SCAN_CUT = FiniteScan(False, True, "the samples the output keeps scanned for NaN/inf (the body copies input samples "
                       "unchanged and adds silence: samples it cuts away never reach the output and are not "
                       "scanned; the input is scanned instead when the output is longer)", cut=True)


#: the default scans, and the input's even with ``check_finite=False`` (see :attr:`FiniteScan.keep_input`)
SCAN_BOTH_KEEP_INPUT = FiniteScan(True, True, "input and output scanned for NaN/inf; the input also with "
                                  "check_finite=False (a native encoder would abort the process on NaN)",
                                  keep_input=True)
#: ``check_finite=False`` (the caller's choice, whatever the declaration's rule): neither array is scanned
SCAN_NONE = FiniteScan(False, False, "nothing scanned (check_finite=False)")
#: ``check_finite=False`` for a :attr:`FiniteScan.keep_input` rule
SCAN_KEPT_INPUT = FiniteScan(True, False, "input scanned for NaN/inf (check_finite=False, kept for this body)")


def validate_audio_array(audio: Any, where: str, argument: str = "audio", check_finite: bool = True) -> np.ndarray:
    if not isinstance(audio, np.ndarray):
        raise UnsupportedInputError(f"{where}: argument '{argument}' must be a file path or a numpy array, "
                                    f"got {type(audio).__name__}")
    if audio.dtype not in _FLOAT_DTYPES:
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
    if check_finite and not all_finite(audio):
        raise non_finite_input(where, argument)
    return audio


def non_finite_input(where: str, argument: str = "audio") -> UnsupportedInputError:
    return UnsupportedInputError(f"{where}: argument '{argument}' contains NaN or infinite samples")


#: the accepted sample types (native byte order; comparing dtype objects is 7x faster than comparing with types)
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


@np.errstate(over="ignore", invalid="ignore")  # decorator form: ~2.5 us less per call than the with-statement
def _cross(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def all_finite(audio: np.ndarray) -> bool:
    """True when every sample is finite.

    Fast path: one BLAS dot product of the first half of the samples with the second half (plus the middle sample
    of an odd count). A NaN or an infinity on either side makes its product non-finite (inf · 0 is NaN) and a sum
    holding a non-finite term is non-finite (inf - inf is NaN), whatever the order of the terms; each sample is read
    once (~30 % faster than the dot product of the samples with themselves). Only when the result is not finite
    (NaN/inf, or an overflow of very large but finite samples) are the samples checked one by one. Exact, not a
    heuristic.
    """
    flat = audio.reshape(-1)  # a view for contiguous input
    h = flat.shape[0] // 2
    if math.isfinite(_cross(flat[:h], flat[h: 2 * h])) and math.isfinite(flat[-1]):
        return True
    return bool(np.isfinite(audio).all())


def load_audio(audio: Any, sample_rate: Any, where: str, argument: str = "audio", check_finite: bool = True
               ) -> tuple[np.ndarray, int]:
    """Read a path with soundfile (file's own rate) or validate an array; returns (audio, sr).

    ``check_finite=False`` skips the NaN/inf scan of an array (the caller scans later, see :class:`FiniteScan`)."""
    # arrays first: isinstance with os.PathLike is an ABC check, slow next to the work of a 0.1 ms edit
    if not isinstance(audio, np.ndarray) and isinstance(audio, (str, os.PathLike)):
        path = Path(audio)
        if path.is_dir():
            raise MediaReadError(f"{where}: argument '{argument}': '{path}' is a directory, not an audio file")
        if not path.is_file():
            raise MediaReadError(f"{where}: argument '{argument}': file not found: '{path}'")
        import soundfile as sf  # lazy: loads libsndfile through cffi, needed only for paths

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
    return validate_audio_array(audio, where, argument, check_finite), validate_sample_rate(sample_rate, where)


def external_audio(value: Any, value_rate: int | None, sample_rate: int, where: str, argument: str) -> np.ndarray:
    """A user-given background / impulse (path or array) resampled to ``sample_rate``.

    Paths use the file's own rate; arrays use ``value_rate`` (the ``*_sample_rate`` argument), or the
    input's rate when it is None (AugLy's assumption)."""
    if isinstance(value, (str, os.PathLike)):
        data, sr = load_audio(value, None, where, argument)
    elif isinstance(value, np.ndarray):
        data, _ = load_audio(value, sample_rate, where, argument)
        sr = sample_rate if value_rate is None else validate_sample_rate(value_rate, where)
    else:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' must be a file path, a numpy array or None, got {type(value).__name__}"
        )
    if data.shape[-1] == 0:
        raise InvalidParameterError(f"{where}: argument '{argument}' is empty", function=where, argument=argument)
    if sr != sample_rate:
        data = resample_keep_one(data, sr, sample_rate)
    return np.asarray(data)


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


#: the keys of :meth:`AudioModality.facts` per prefix (built once, not per call)
_FACT_KEYS = {p: (f"{p}_duration", f"{p}_num_channels", f"{p}_sample_rate") for p in ("src", "dst")}

#: targets flag of a public function call made without ``metadata`` (its ``call`` holds ``metadata=None``; classes,
#: compositions and replay never pass that key): no record is built and the public function returns only
#: ``(audio, sample_rate)``, so the segments an audio call moves (never given by the caller: ``sample_rate`` is
#: the only audio call target) would be computed for nobody; :meth:`AudioModality.apply_targets` skips them
_UNTRACKED = "untracked"


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
    option_args = ("check_finite",)
    public_annotations = {"output_path": str | os.PathLike[str] | None,
                          "sample_rate": int, "metadata": list[dict[str, Any]] | None}
    return_annotation = tuple[np.ndarray, int]
    options_doc = """
    Keyword-only option (every audio function):
        check_finite: True (default): samples that are NaN or infinite are refused (``UnsupportedInputError``;
            clip and adjust_duration look only at the samples they keep), and so is an output that the arguments overflowed to inf/NaN (``InvalidParameterError``); one pass
            over the samples. False: that pass is skipped (scipy.linalg's ``check_finite``): non-finite samples
            are not refused and flow through the maths (they pass unchanged through gains and edits, spread
            through filters, may make a DSP step raise), and an overflow gives inf samples; mp3_compression still
            scans its input (LAME aborts the process on NaN). Records of a False call hold
            ``"check_finite": false``; replaying them skips the scan too. Travels through compositions."""

    def media_annotation(self, name: str) -> Any:
        return str | os.PathLike[str] | np.ndarray

    def option_parameters(self) -> list[inspect.Parameter]:
        return [inspect.Parameter("check_finite", inspect.Parameter.KEYWORD_ONLY, default=True, annotation=bool)]

    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        sr = call.get("sample_rate", DEFAULT_SAMPLE_RATE)
        if not (type(sr) is int and sr > 0):  # the usual int rate needs no conversion
            sr = validate_sample_rate(DEFAULT_SAMPLE_RATE if sr is None else sr, entry_name)
        targets = {"sample_rate": sr}
        check = call.get("check_finite", True)
        if check is not True:
            if check is not False and not isinstance(check, np.bool_):
                raise InvalidParameterError(f"{entry_name}: argument 'check_finite' must be True or False, got "
                                            f"{check!r}", function=entry_name, argument="check_finite")
            if not check:  # only the unchecked call travels (absent = checked, the default)
                targets["check_finite"] = False
        return targets

    def replay_targets(self, targets: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
        """A record of a ``check_finite=False`` call replays unchecked (the same output, NaNs included)."""
        if record.get("check_finite") is False and targets.get("check_finite") is not False:
            return {**targets, "check_finite": False}
        return targets

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        scan = entry.rules.get("finite_scan", SCAN_BOTH)
        if targets.get("check_finite") is False:
            scan = SCAN_KEPT_INPUT if scan.keep_input else SCAN_NONE
        sr = targets.get("sample_rate")
        if type(sr) is int and sr > 0 and type(media) is np.ndarray:  # an array at a validated rate (every call)
            if media.ndim == 1 and media.dtype in _FLOAT_DTYPES and media.shape[0]:  # mono: valid as it is
                audio = media
                if scan.input and not all_finite(audio):
                    raise non_finite_input(entry.name)
            else:
                audio = validate_audio_array(media, entry.name, "audio", scan.input)
        else:
            audio, sr = load_audio(media, DEFAULT_SAMPLE_RATE if sr is None else sr, entry.name,
                                   check_finite=scan.input)
            if scan.input and not isinstance(media, np.ndarray) and not all_finite(audio):
                # load_audio does not scan a file's samples; the input scan is due before the body (mp3's LAME aborts
                # the process on NaN, and the output scan would report a NaN file as an overflow)
                raise non_finite_input(entry.name)
            targets["sample_rate"] = sr
        if call.get("metadata", True) is None:  # a public call that asked for no record: segments unobservable
            targets[_UNTRACKED] = True
        return audio, {"sample_rate": sr, "input": audio, "name": entry.name, "finite_scan": scan}

    def draw_params(self, params: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
        """Audio draws see the input's ``sample_rate`` (a shipped background's length depends on it)."""
        return {**params, "sample_rate": ctx["sample_rate"]}

    def call_kernel(self, entry: Entry, data: Any, kwargs: dict[str, Any], ctx: dict[str, Any]) -> Any:
        if "sample_rate" in entry.signature.parameters:  # the body uses the rate (most DSP does)
            kwargs["sample_rate"] = ctx["sample_rate"]  # the caller's fresh dict
        out = ctx.get("kernel", entry.func)(data, **kwargs)
        media = out.media if isinstance(out, Out) else out
        if isinstance(media, np.ndarray):  # the output is at the input's rate
            ctx["dst_sample_rate"] = ctx["sample_rate"]
            return out  # bare or Out: the core reads both
        if isinstance(media, tuple) and len(media) == 2:
            audio, sr = media
            ctx["dst_sample_rate"] = int(sr)
            return dataclasses.replace(out, media=audio) if isinstance(out, Out) else Out(audio)
        raise UnsupportedInputError(f"{entry.name}: an audio body returns an ndarray or (ndarray, sample_rate)")

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        sr = ctx["sample_rate"] if prefix == "src" else ctx.get("dst_sample_rate", ctx["sample_rate"])
        shape = data.shape
        duration, channels, rate = _FACT_KEYS[prefix]
        return {duration: int(shape[-1]) / sr, channels: 1 if len(shape) == 1 else int(shape[0]), rate: sr}

    def size(self, data: Any, ctx: dict[str, Any]) -> dict[str, Any]:
        """For cost rules (:mod:`multiaug.core.limits`): samples per channel, channels, sample rate."""
        return {"samples": int(data.shape[-1]), "channels": num_channels(data), "sample_rate": ctx["sample_rate"]}

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        """The output in the input's dtype, never sharing memory with the input, never empty and never non-finite
        (for a finite input, a non-finite output means the arguments overflowed the float range). One copy at
        most: a fresh output of the input's dtype is returned as it is."""
        arr = data if type(data) is np.ndarray else np.asarray(data)
        source = ctx["input"]
        if arr.dtype != source.dtype:
            arr = arr.astype(source.dtype)
        elif np.may_share_memory(arr, source):
            arr = arr.copy()
        scan = ctx["finite_scan"]
        if scan.cut:  # see FiniteScan.cut: the smaller of the two, any non-finite sample is the input's
            if arr.size and not all_finite(arr if arr.size < source.size else source):
                raise non_finite_input(ctx["name"])
        elif scan.output and arr.size and not all_finite(arr):
            if not scan.input and not all_finite(source):
                raise non_finite_input(ctx["name"])
            raise InvalidParameterError(
                f"{ctx['name']}: these arguments overflow the {arr.dtype} range on this input (the result would "
                "hold inf/NaN samples); use milder gains or a float64 input", function=ctx["name"])
        if arr.shape[-1] == 0:
            raise InvalidParameterError(f"{ctx['name']}: these arguments produce an empty output; multiaug never "
                                        "returns empty media", function=ctx["name"])
        return arr

    def check_output_path(self, path: Any, function: str) -> None:
        """Refuse, before any work, an ``output_path`` soundfile cannot write (no or an unknown extension, a
        directory, a read-only file, an unwritable folder)."""
        check_output_path(path, function, known=lambda ext: _format_of("x" + ext) is not None,
                          examples=".wav, .flac, .ogg, .aiff, .w64, .caf, .mp3")

    def save(self, media: Any, path: Any, ctx: dict[str, Any]) -> None:
        import soundfile as sf  # lazy: loads libsndfile through cffi, needed only for output_path

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
        if targets.get(_UNTRACKED):  # see _UNTRACKED: nothing would read the moved segments or the keys
            return {"sample_rate": dst["dst_sample_rate"]}, {}
        rule = entry.rules.get("segments")
        pairs = current_pairs(targets, src["src_duration"])
        if rule is None:
            new_pairs = scale_pairs(pairs, src["src_duration"], dst["dst_duration"])
        else:
            new_pairs = rule(pairs, params, {**src, **dst, "info": info})
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
        if targets.get("check_finite") is False:  # recorded only when off: records of checked calls are unchanged
            keys["check_finite"] = False
        return new, keys

    def untracked_targets(self, entry: Entry, targets: dict[str, Any], out: Any, ctx: dict[str, Any]
                          ) -> dict[str, Any] | None:
        """Without a record nothing reads the segments (the only audio targets a caller sees are the rate and the
        ``check_finite`` choice): the output's rate, and an unchecked call's flag, travel on."""
        new = {"sample_rate": ctx.get("dst_sample_rate", ctx["sample_rate"])}
        if targets.get("check_finite") is False:
            new["check_finite"] = False
        return new

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        return media, targets["sample_rate"]

    def equal(self, a: Any, b: Any) -> bool:
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a[1] == b[1] and self.equal(a[0], b[0])
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)


#: the audio modality (the first argument of every audio ``@augmentation``)
AUDIO = AudioModality()
