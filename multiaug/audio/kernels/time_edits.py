"""Time-axis edits: shift, time mask, repeat a part, pad, adjust the duration, trim silence, reverse and a
resampling round trip. Sample positions are given by the caller (drawn outside); every function returns a new
array and, where the time axis moves, says where the input samples went so segments can follow.
"""

from __future__ import annotations

import functools
from typing import Literal

import numpy as np

from .channels import as_2d
from .length import fix_length
from .resample import resample

PadMode = Literal["silence", "wrap", "reflect"]


@functools.lru_cache(maxsize=64)
def _fade(length: int, dtype: np.dtype) -> np.ndarray:
    """Raised-cosine ramp 0 → 1 over ``length`` samples (excluding both ends); read-only (cached: a call with
    the same fade length, the usual case, costs no cosine)."""
    if length <= 0:
        ramp = np.ones(0, dtype=dtype)
    else:
        ramp = (0.5 - 0.5 * np.cos(np.pi * np.arange(1, length + 1) / (length + 1))).astype(dtype)
    ramp.flags.writeable = False
    return ramp


@functools.lru_cache(maxsize=64)
def _linear_ramp(length: int, dtype: np.dtype) -> np.ndarray:
    """Linear ramp 0 → 1 over ``length`` samples (excluding both ends); read-only, cached like :func:`_fade`."""
    ramp = np.linspace(0.0, 1.0, length + 2, dtype=np.float64)[1:-1].astype(dtype)
    ramp.flags.writeable = False
    return ramp


def shift(audio: np.ndarray, offset: int, rollover: bool = True, fade: int = 0) -> np.ndarray:
    """Move the samples ``offset`` later (earlier if negative). ``rollover``: what leaves one end comes in at the
    other; otherwise the gap is silence. ``fade`` samples of raised-cosine fade smooth the cut(s) (at the wrap
    point when rolling over, at the sound's edge at the gap otherwise)."""
    n = audio.shape[-1]
    offset = int(offset)
    if rollover:  # np.roll's values, written straight into one new array (np.roll's own overhead is ~10 us)
        s = offset % n
        out = np.empty_like(audio)
        out[..., s:] = audio[..., : n - s]
        out[..., :s] = audio[..., n - s:]
    else:  # the moved part copied, only the gap zeroed (np.zeros_like's fresh zero pages cost more than a copy)
        out = np.empty_like(audio)
        k = min(max(offset, -n), n)
        if k >= 0:
            out[..., k:] = audio[..., : n - k]
            out[..., :k] = 0.0
        else:
            out[..., : n + k] = audio[..., -k:]
            out[..., n + k:] = 0.0
    f = min(fade, n // 4)
    if f > 0 and offset % n and abs(offset) < n:
        ramp = _fade(f, audio.dtype)
        if rollover or offset > 0:  # fade in where the moved sound (re)starts
            s = offset % n
            out[..., s: s + f] *= ramp[: min(f, n - s)]
        if rollover or offset < 0:  # fade out where it stops (before the wrap point / the gap)
            e = offset % n if rollover else n + offset
            out[..., max(e - f, 0): e] *= ramp[::-1][f - min(f, e):]
    return out


def time_mask(audio: np.ndarray, start: int, length: int, fade: int = 0) -> np.ndarray:
    """Silence ``length`` samples from ``start`` (cut at the end), with ``fade``-sample raised-cosine edges
    inside the masked span."""
    n = audio.shape[-1]
    a, b = max(0, start), min(n, start + length)
    if b <= a:
        return np.array(audio, copy=True)
    out = np.empty_like(audio)  # every sample written once: the kept parts copied, the fades, the rest zeroed
    out[..., :a] = audio[..., :a]
    out[..., b:] = audio[..., b:]
    f = min(fade, (b - a) // 2)
    if f > 0:  # products written straight into the output (no temporaries)
        np.multiply(audio[..., a: a + f], _fade_out(f, out.dtype), out=out[..., a: a + f])
        np.multiply(audio[..., b - f: b], _fade(f, out.dtype), out=out[..., b - f: b])
    out[..., a + f: b - f] = 0.0
    return out


@functools.lru_cache(maxsize=64)
def _fade_out(length: int, dtype: np.dtype) -> np.ndarray:
    """:func:`_fade` reversed (1 → 0), contiguous and read-only: the same values as ``_fade(length, dtype)[::-1]``."""
    ramp = np.ascontiguousarray(_fade(length, dtype)[::-1])
    ramp.flags.writeable = False
    return ramp


def repeat_part(audio: np.ndarray, start: int, length: int, repeats: int,
                mode: Literal["insert", "replace"] = "insert", crossfade: int = 0) -> np.ndarray:
    """Repeat ``audio[start : start + length]`` ``repeats`` more times right after itself.

    ``insert``: the copies are inserted (output ``n + repeats·length`` samples, the rest follows later);
    ``replace``: the copies overwrite what follows (same length ``n``; the tail past the end is cut).
    ``crossfade`` samples smooth each joint (equal-gain linear crossfade between the end of one copy and the
    material that follows it in the original)."""
    n = audio.shape[-1]
    part = audio[..., start: start + length]
    length = part.shape[-1]
    pieces = [audio[..., : start + length]] + [part] * repeats
    if mode == "insert":
        pieces.append(audio[..., start + length:])
        out = np.concatenate(pieces, axis=-1)
    else:
        pieces.append(audio[..., start + length + repeats * length:])
        out = np.concatenate(pieces, axis=-1)[..., :n]
    f = min(crossfade, length // 2)
    if f > 0:
        ramp = _linear_ramp(f, audio.dtype)
        top = np.finfo(audio.dtype).max
        for k in range(1, repeats + 1):  # joint before copy k: fade from the original continuation
            j = start + k * length
            if j + f > out.shape[-1] or start + length + f > n:
                break
            cont = audio[..., start + length: start + length + f]
            joint = cont * (1 - ramp) + out[..., j: j + f] * ramp
            # the weights sum to 1 up to rounding: at the float range's edge the sum may round past the largest
            # float; keep it there (a finite input gives a finite output, so the output needs no NaN/inf scan)
            np.minimum(joint, top, out=joint)
            np.maximum(joint, -top, out=joint)
            out[..., j: j + f] = joint
    return out


def pad(audio: np.ndarray, before: int, after: int, mode: PadMode = "silence") -> np.ndarray:
    """Add ``before`` / ``after`` samples with silence, a wrap-around copy or a mirror image (numpy's
    ``constant`` / ``wrap`` / ``reflect``; reflect falls back to wrap when longer than the input)."""
    if mode == "silence":  # np.pad's zeros, without its generic machinery (~15 us per call)
        n = audio.shape[-1]
        out = np.empty(audio.shape[:-1] + (before + n + after,), dtype=audio.dtype)
        out[..., :before] = 0
        out[..., before: before + n] = audio
        out[..., before + n:] = 0
        return out
    widths = [(0, 0)] * (audio.ndim - 1) + [(before, after)]
    n = audio.shape[-1]
    np_mode = "reflect" if mode == "reflect" and max(before, after) < n else "wrap"
    return np.pad(audio, widths, mode=np_mode)


def padding(audio: np.ndarray, count: int, mode: PadMode = "silence", section: Literal["start", "end"] = "end"
            ) -> np.ndarray:
    """Replace ``count`` samples at the ``section`` end by padding generated from the rest (audiomentations'
    Padding): the kept part is ``audio[count:]`` (start) or ``audio[:n - count]`` (end); length stays n."""
    n = audio.shape[-1]
    count = min(max(count, 0), n - 1)
    if section == "start":
        return pad(audio[..., count:], count, 0, mode)
    return pad(audio[..., : n - count], 0, count, mode)


def adjust_duration(audio: np.ndarray, target: int, mode: PadMode = "silence",
                    position: Literal["start", "end"] = "end") -> np.ndarray:
    """Make the length exactly ``target`` samples: pad (``mode``) or cut at the ``position`` end."""
    n = audio.shape[-1]
    if target == n:
        return np.array(audio, copy=True)
    if target < n:
        return np.array(audio[..., n - target:] if position == "start" else audio[..., :target], copy=True)
    extra = target - n
    return pad(audio, extra, 0, mode) if position == "start" else pad(audio, 0, extra, mode)


def non_silent_bounds(audio: np.ndarray, top_db: float, frame_length: int = 2048, hop: int = 512
                      ) -> tuple[int, int]:
    """(start, end) samples of the part louder than ``peak RMS - top_db`` (frame RMS over the channel mix, like
    ``librosa.effects.trim``: centred ``frame_length`` frames every ``hop`` samples); (0, 0) when everything is
    below. Frame energies are sums of ``hop``-sample block energies (one pass over the signal)."""
    x2 = as_2d(audio)
    mono = x2.mean(axis=0, dtype=np.float64) if x2.shape[0] > 1 else x2[0]
    n = mono.size
    per = frame_length // hop if frame_length % hop == 0 else 0
    half = frame_length // 2
    if per == 0 or half % hop:  # general frames: cumulative sum of squares
        padded = np.pad(np.asarray(mono, dtype=np.float64), half)
        m = 1 + (padded.size - frame_length) // hop if padded.size >= frame_length else 1
        c = np.concatenate([[0.0], np.cumsum(padded * padded)])
        starts = np.arange(m) * hop
        power = c[np.minimum(starts + frame_length, padded.size)] - c[starts]
    else:
        lead = half // hop  # blocks of silence before the signal (centred frames)
        k = -(-n // hop)
        blocks = np.zeros(k + 2 * lead + per)
        body = np.zeros(k * hop, dtype=mono.dtype)
        body[:n] = mono
        b2 = body.reshape(k, hop)
        blocks[lead: lead + k] = np.einsum("ij,ij->i", b2, b2)
        c = np.concatenate([[0.0], np.cumsum(blocks)])
        m = 1 + (n + 2 * half - frame_length) // hop if n + 2 * half >= frame_length else 1
        power = c[np.arange(m) + per] - c[np.arange(m)]
    peak = power.max()
    if peak <= 0:
        return 0, 0
    with np.errstate(divide="ignore"):
        db = 10.0 * np.log10(power / peak)
    loud = np.flatnonzero(db > -top_db)
    if loud.size == 0:
        return 0, 0
    return int(min(n, loud[0] * hop)), int(min(n, (loud[-1] + 1) * hop))


def trim(audio: np.ndarray, top_db: float) -> tuple[np.ndarray, int, int]:
    """Cut leading and trailing parts quieter than ``peak - top_db``; returns (audio, start, end) (at least one
    sample is kept)."""
    a, b = non_silent_bounds(audio, top_db)
    if b <= a:
        a, b = 0, min(1, audio.shape[-1])
    return np.array(audio[..., a:b], copy=True), a, b


#: OpenCV's Mat holds at most INT_MAX columns (samples per channel)
_CV_MAX_COLS = 2**31 - 1


def reverse(audio: np.ndarray) -> np.ndarray:
    """Time reversal: a new C-contiguous array, ``audio[..., ::-1]`` sample for sample (bytes, NaN payloads and
    signed zeros included).

    Contiguous float input goes through OpenCV's ``flip`` (a vectorised byte copy, about as fast as a plain copy);
    numpy's negative-stride copy is an element-by-element loop, ~3× a plain copy. Other input: numpy."""
    if (audio.ndim in (1, 2) and audio.flags.c_contiguous and audio.dtype in _FLIP_DTYPES and audio.size > 0
            and audio.shape[-1] <= _CV_MAX_COLS):
        import cv2  # lazy: OpenCV costs ~0.1 s to import; audio needs it only here

        return cv2.flip(audio.reshape(-1, audio.shape[-1]), 1).reshape(audio.shape)  # 1: around the vertical axis
    return np.ascontiguousarray(audio[..., ::-1])


#: the dtypes :func:`reverse` hands to OpenCV (CV_32F, CV_64F)
_FLIP_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def resample_round_trip(audio: np.ndarray, sample_rate: int, via_rate: float) -> np.ndarray:
    """Resample to ``via_rate`` and back with soxr (band-limited: content above ``via_rate / 2`` is removed);
    same length and alignment."""
    n = audio.shape[-1]
    if via_rate == sample_rate:
        return np.array(audio, copy=True)
    y = resample(resample(audio, sample_rate, via_rate), via_rate, sample_rate)
    return fix_length(y, n).astype(audio.dtype, copy=False)


def resample_to(audio: np.ndarray, sample_rate: int, target_rate: int) -> np.ndarray:
    """soxr resampling to ``target_rate``, exactly ``round(n · target / rate)`` samples (at least 1), in the input's
    precision."""
    m = max(1, round(audio.shape[-1] * target_rate / sample_rate))
    return fix_length(resample(audio, sample_rate, target_rate), m).astype(audio.dtype, copy=False)


# --------------------------------------------------------------------------------------------------
# pieces: the output parts each edit copies from the input, as [output start, input start, length] (samples);
# the segment rules map spans through them
# --------------------------------------------------------------------------------------------------
def shift_pieces(n: int, k: int, rollover: bool) -> list[list[int]]:
    """Pieces of :func:`shift` by ``k`` samples (non-empty ones only)."""
    if rollover:
        s = k % n
        pieces = [(s, 0, n - s), (0, n - s, s)]
    elif k >= 0:
        pieces = [(k, 0, max(n - k, 0))]
    else:
        pieces = [(0, -k, max(n + k, 0))]
    return [list(p) for p in pieces if p[2] > 0]


def repeat_part_pieces(n: int, start: int, length: int, repeats: int,
                       mode: Literal["insert", "replace"]) -> list[list[int]]:
    """Pieces of :func:`repeat_part`: the head, each copy of the part, then the rest (``replace``: cut at n)."""
    end = start + length
    pieces = [(0, 0, end)] + [(end + k * length, start, length) for k in range(repeats)]
    if mode == "insert":
        pieces.append((end + repeats * length, end, n - end))
    else:
        pieces = [(o, i, max(0, min(length_, n - o))) for o, i, length_ in pieces]
        pieces.append((end + repeats * length, end + repeats * length, max(0, n - end - repeats * length)))
    return [list(p) for p in pieces if p[2] > 0]


def adjust_duration_pieces(n: int, target: int, position: Literal["start", "end"]) -> list[list[int]]:
    """The one piece of :func:`adjust_duration` from n to ``target`` samples, padded or cut at ``position``."""
    if target <= n:
        piece = (0, n - target, target) if position == "start" else (0, 0, target)
    else:
        piece = (target - n, 0, n) if position == "start" else (0, 0, n)
    return [list(piece)]
