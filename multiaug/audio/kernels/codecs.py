"""Codec round trips: MP3 (LAME via libsndfile, or via the optional fast-mp3-augment), Ogg Vorbis and Ogg Opus
(libsndfile), μ-law, and a telephone channel (8 kHz, 300–3400 Hz, μ-law, optional packet loss).

The encoders are the ones inside the libsndfile that the ``soundfile`` wheel bundles (libsndfile ≥ 1.1 has
MP3 through LAME + mpg123, and Vorbis/Opus): no extra dependency. Every round trip returns exactly the
input's length, aligned with it: libsndfile strips the MP3 encoder/decoder delay through the LAME info tag;
when a stream comes back without it (some low bitrates) the fixed delay of LAME + mpg123
(:data:`MP3_DELAY` = 576 + 529 samples) is removed here.

MP3 has a second, opt-in engine: ``fast-mp3-augment`` (audiomentations' own: LAME + minimp3 in Rust, encoder and
decoder on two threads, LAME's algorithm quality selectable; the ``multiaug[mp3]`` extra, LGPL-2.1). It encodes at
the same constant bitrate as libsndfile would (:func:`mp3_bitrate`) and returns aligned output of the same length,
but not the same bits.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Literal

import numpy as np

from ...core.errors import InvalidParameterError, UnsupportedInputError
from .channels import as_2d, like_input
from .length import fix_length
from .resample import resample

MP3_DELAY = 576 + 529  # LAME encoder delay + mpg123 decoder delay, in samples at the stream's rate
#: MPEG-1 / MPEG-2 / MPEG-2.5 layer III: (lowest rate of the family, min kbps, max kbps)
MP3_FAMILIES = ((32000, 32.0, 320.0), (16000, 8.0, 160.0), (0, 8.0, 64.0))
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
#: LAME's layer III bitrates (kbps): MPEG-1 (32–48 kHz) and MPEG-2 / MPEG-2.5 (8–24 kHz)
MP3_BITRATES_MPEG1 = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
MP3_BITRATES_MPEG2 = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
MP3_BACKENDS = ("libsndfile", "fast-mp3-augment")
#: LAME's algorithm quality (0 best/slowest … 9 fastest) fast-mp3-augment runs when none is given (audiomentations')
FAST_MP3_QUALITY = 7
FAST_MP3_MIN_SECONDS = 0.1  # fast-mp3-augment refuses shorter input: shorter input is zero-padded, then cut back
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
OPUS_KBPS = (6.0, 256.0)  # libsndfile's Opus bitrate at compression level 1 / 0 (per stream)
TELEPHONE_RATE = 8000
TELEPHONE_BAND = (300.0, 3400.0)


def _soundfile():
    import soundfile as sf  # lazy: only the codec kernels need it (and it loads libsndfile)

    return sf


def _check_format(fmt: str, subtype: str) -> None:
    sf = _soundfile()
    if subtype not in sf.available_subtypes(fmt):
        raise UnsupportedInputError(
            f"the libsndfile used by soundfile ({sf.__libsndfile_version__}) cannot encode {fmt}/{subtype}; "
            "install a soundfile wheel that bundles libsndfile >= 1.1 (pip install -U soundfile)")


def _round_trip(x2: np.ndarray, sample_rate: int, fmt: str, subtype: str, compression_level: float,
                bitrate_mode: str | None) -> np.ndarray:
    """Encode ``(channels, n)`` float to ``fmt``/``subtype`` in memory and decode it back (float32, channels-first)."""
    sf = _soundfile()
    _check_format(fmt, subtype)
    buf = io.BytesIO()
    kw = {"compression_level": compression_level}
    if bitrate_mode is not None:
        kw["bitrate_mode"] = bitrate_mode
    # the encoders take [-1, 1]; louder input is clipped there, as by any real codec
    data = np.clip(x2.T, -1.0, 1.0).astype(np.float32)
    sf.write(buf, data, sample_rate, format=fmt, subtype=subtype, **kw)
    buf.seek(0)
    y, _ = sf.read(buf, dtype="float32", always_2d=True)
    return np.ascontiguousarray(y.T)


def mp3_compression_level(bitrate_kbps: float, sample_rate: int) -> float:
    """libsndfile's compression level (0–1) for a constant ``bitrate_kbps`` at ``sample_rate`` (inverse of its
    linear map from level to bitrate within the MPEG family's range; LAME then uses the nearest legal rate)."""
    for lowest, lo, hi in MP3_FAMILIES:
        if sample_rate >= lowest:
            br = min(max(bitrate_kbps, lo), hi)
            return min((hi - br) / (hi - lo), 0.999)  # level 1.0 is rejected by libsndfile 1.2
    raise AssertionError("unreachable")  # pragma: no cover


def _codec_rate(sample_rate: int, rates: tuple[int, ...]) -> int:
    if sample_rate in rates:
        return sample_rate
    higher = [r for r in rates if r > sample_rate]
    return higher[0] if higher else rates[-1]


def _at_rate(x2: np.ndarray, sample_rate: int, codec_rate: int, fn) -> np.ndarray:
    """Run ``fn`` on ``x2`` resampled to ``codec_rate`` and resample the result back (same length)."""
    n = x2.shape[-1]
    if codec_rate == sample_rate:
        return fix_length(fn(x2), n)
    y = fn(resample(x2, sample_rate, codec_rate))
    return fix_length(resample(y, codec_rate, sample_rate), n)


def mp3_bitrate(bitrate_kbps: float, sample_rate: int) -> int:
    """The constant bitrate (kbps) LAME encodes at when libsndfile is asked for ``bitrate_kbps`` at the MP3 rate
    ``sample_rate``: libsndfile truncates its level's bitrate (:func:`mp3_compression_level`) to whole kbps, LAME
    takes the nearest legal layer III bitrate of the MPEG family (the lower one on a tie). The fast backend
    encodes at this rate too, so both backends give the same nominal bitrate."""
    level = mp3_compression_level(bitrate_kbps, sample_rate)
    for lowest, lo, hi in MP3_FAMILIES:
        if sample_rate >= lowest:
            asked = int(hi - level * (hi - lo))  # libsndfile's (int) conversion
            legal = MP3_BITRATES_MPEG1 if lowest == MP3_FAMILIES[0][0] else MP3_BITRATES_MPEG2
            return min(legal, key=lambda b: (abs(b - asked), b))
    raise AssertionError("unreachable")  # pragma: no cover


def fast_mp3_module():
    """The optional ``fast_mp3_augment`` module, or a clear error naming the ``backend`` argument and the extra."""
    try:
        import fast_mp3_augment  # lazy: optional extra multiaug[mp3], only for backend="fast-mp3-augment"
    except ImportError as exc:
        raise InvalidParameterError(
            f"mp3_compression: argument 'backend' is 'fast-mp3-augment', which needs the optional package "
            f'fast-mp3-augment ({exc}): pip install "multiaug[mp3]", or use backend="libsndfile" (the default, no '
            "extra package)", function="mp3_compression", argument="backend") from None
    return fast_mp3_augment


def _fast_round_trip(x2: np.ndarray, rate: int, kbps: int, quality: int) -> np.ndarray:
    """fast-mp3-augment's encode + decode of ``(channels, n)`` at the MP3 rate ``rate`` (float32, same length;
    input shorter than :data:`FAST_MP3_MIN_SECONDS` is zero-padded for the codec and cut back)."""
    fm = fast_mp3_module()
    n = x2.shape[-1]
    # the encoder takes [-1, 1] (as libsndfile's path: louder input is clipped, not rescaled); float32, C order.
    # Input that is all of these already is passed as it is (the codec only reads it): no copy of a big array
    if x2.dtype == np.float32 and x2.flags.c_contiguous and x2.size and x2.min() >= -1.0 and x2.max() <= 1.0:
        data = x2
    else:
        data = np.clip(x2, -1.0, 1.0, dtype=np.float32)
    need = math.ceil(FAST_MP3_MIN_SECONDS * rate)
    if n < need:
        data = fix_length(data, need)
    y = fm.compress_roundtrip(np.ascontiguousarray(data), sample_rate=rate, bitrate_kbps=kbps, preserve_delay=False,
                              quality=quality)
    return fix_length(y.reshape(x2.shape[0], -1), n)


def mp3_round_trip(audio: np.ndarray, sample_rate: int, bitrate_kbps: float, backend: str = "libsndfile",
                   quality: int | None = None) -> np.ndarray:
    """MP3 encode (LAME, constant bitrate) + decode; same shape, dtype and alignment as the input.

    Rates MP3 cannot carry are resampled to the next legal rate (8 k–48 kHz) and back.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float; 1 or 2 channels (MP3 has no more).
        sample_rate: in Hz.
        bitrate_kbps: nominal constant bitrate (8–320; MPEG-1 rates clip to 32–320, MPEG-2 to 8–160,
            MPEG-2.5 to 8–64; LAME then uses :func:`mp3_bitrate`).
        backend: ``"libsndfile"`` (soundfile's LAME + mpg123, LAME's default algorithm quality) or
            ``"fast-mp3-augment"`` (the optional package: LAME + minimp3, two threads).
        quality: LAME's algorithm quality, 0 (best, slowest) … 9 (fastest), for ``"fast-mp3-augment"`` only
            (None: :data:`FAST_MP3_QUALITY`); libsndfile offers no such setting.
    """
    if backend not in MP3_BACKENDS:
        raise InvalidParameterError(f"mp3_compression: argument 'backend' must be one of {MP3_BACKENDS}, got "
                                    f"{backend!r}", function="mp3_compression", argument="backend")
    if quality is not None and (backend != "fast-mp3-augment" or not 0 <= quality <= 9):
        raise InvalidParameterError(
            f"mp3_compression: argument 'quality' ({quality!r}) needs backend='fast-mp3-augment' and a value in 0..9 "
            "(libsndfile runs LAME at its default quality and offers no setting: leave quality=None there)",
            function="mp3_compression", argument="quality")
    x2 = as_2d(audio)
    if x2.shape[0] > 2:
        raise UnsupportedInputError(f"mp3: at most 2 channels, got {x2.shape[0]}")
    rate = _codec_rate(sample_rate, MP3_RATES)
    if backend == "fast-mp3-augment":
        fast_mp3_module()  # a missing package is refused before any resampling work
        kbps = mp3_bitrate(bitrate_kbps, rate)
        q = FAST_MP3_QUALITY if quality is None else quality

        def codec(x: np.ndarray) -> np.ndarray:
            return _fast_round_trip(x, rate, kbps, q)
    else:
        level = mp3_compression_level(bitrate_kbps, rate)

        def codec(x: np.ndarray) -> np.ndarray:
            n = x.shape[-1]
            y = _round_trip(x, rate, "MP3", "MPEG_LAYER_III", level, "CONSTANT")
            if y.shape[-1] != n:  # stream without the LAME gapless info: remove the fixed codec delay
                y = y[:, MP3_DELAY:]
            return fix_length(y, n)

    return like_input(_at_rate(x2, sample_rate, rate, codec), audio).astype(audio.dtype, copy=False)


def opus_compression_level(bitrate_kbps: float) -> float:
    """libsndfile's compression level for an Opus bitrate (linear from 256 kbps at 0 to 6 kbps at 1)."""
    lo, hi = OPUS_KBPS
    return (hi - min(max(bitrate_kbps, lo), hi)) / (hi - lo)


def ogg_round_trip(audio: np.ndarray, sample_rate: int, codec: Literal["opus", "vorbis"], quality: float
                   ) -> np.ndarray:
    """Ogg Opus or Ogg Vorbis encode + decode; same shape, dtype and alignment as the input.

    Args:
        codec: "opus" (rates 8/12/16/24/48 kHz; others are resampled to the next one and back) or "vorbis".
        quality: libsndfile compression level in [0, 1] (0 = best quality, 1 = smallest).
    """
    x2 = as_2d(audio)
    if codec == "opus":
        rate = _codec_rate(sample_rate, OPUS_RATES)
        subtype = "OPUS"
    else:
        rate = sample_rate
        subtype = "VORBIS"

    def run(x: np.ndarray) -> np.ndarray:
        return fix_length(_round_trip(x, rate, "OGG", subtype, quality, None), x.shape[-1])

    return like_input(_at_rate(x2, sample_rate, rate, run), audio).astype(audio.dtype, copy=False)


# --------------------------------------------------------------------------------------------------
# μ-law and the telephone channel
# --------------------------------------------------------------------------------------------------
def mu_law_round_trip(audio: np.ndarray, bits: int = 8, mu: float = 255.0) -> np.ndarray:
    """G.711-style μ-law companding to ``bits`` bits and back (values clipped to [-1, 1] first)."""
    x = np.clip(np.asarray(audio, dtype=np.float64), -1.0, 1.0)
    comp = np.sign(x) * np.log1p(mu * np.abs(x)) / math.log1p(mu)
    levels = 2 ** (bits - 1) - 1
    q = np.round(comp * levels) / levels
    out = np.sign(q) * np.expm1(np.abs(q) * math.log1p(mu)) / mu
    return out.astype(audio.dtype)


@functools.lru_cache(maxsize=8)
def telephone_fir(sample_rate: int = TELEPHONE_RATE, band: tuple[float, float] = TELEPHONE_BAND,
                  transition_hz: float = 100.0, stop_db: float = 50.0) -> np.ndarray:
    """Linear-phase FIR band-pass (Kaiser window) whose STOP bands start at the ``band`` edges: the response is
    ≤ -``stop_db`` dB (≥ 20 dB of margin by default) below ``band[0]`` and above ``band[1]``, and flat (±0.1 dB)
    from ``band[0] + transition_hz`` to ``band[1] - transition_hz``. Odd length (delay (len - 1) / 2)."""
    from scipy.signal import firwin, kaiserord  # lazy: scipy.signal costs ~0.3-1 s to import

    nyq = sample_rate / 2.0
    numtaps, beta = kaiserord(stop_db, transition_hz / nyq)
    numtaps |= 1
    lo, hi = band[0] + transition_hz / 2.0, band[1] - transition_hz / 2.0
    h = firwin(numtaps, [lo, hi], window=("kaiser", beta), pass_zero=False, fs=sample_rate)
    h.setflags(write=False)
    return h


def fir_zero_delay(x2: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Filter ``(channels, n)`` by the odd-length linear-phase FIR ``h`` and remove its (len - 1) / 2 delay
    (same length, aligned)."""
    from scipy.signal import oaconvolve  # lazy: scipy.signal costs ~0.3-1 s to import

    d = (h.size - 1) // 2
    y = oaconvolve(x2, h[None, :].astype(x2.dtype), mode="full", axes=-1)
    return y[:, d: d + x2.shape[-1]]


def conceal_lost_frames(x2: np.ndarray, lost: list[int], frame: int, fade: float = 0.5) -> np.ndarray:
    """GSM-style packet-loss concealment on ``(channels, n)``: each lost frame (index into ``frame``-sample
    frames) is replaced by the previous frame played again at ``fade`` × its level (consecutive losses fade
    further; a loss at the start is silence)."""
    out = np.array(x2, copy=True)
    n = out.shape[-1]
    lost_set = sorted(set(lost))
    level = 1.0
    prev_lost = -2
    for k in lost_set:
        a, b = k * frame, min((k + 1) * frame, n)
        if a >= n:
            break
        level = level * fade if k == prev_lost + 1 else fade
        src = out[:, a - frame: a] if a >= frame else np.zeros((out.shape[0], frame), out.dtype)
        out[:, a:b] = src[:, : b - a] * out.dtype.type(level if a >= frame else 0.0)
        prev_lost = k
    return out


def telephone(audio: np.ndarray, sample_rate: int, lost_frames: list[int] | None = None,
              frame_ms: float = 20.0) -> np.ndarray:
    """A narrow-band telephone channel: resample to 8 kHz, band-limit to 300–3400 Hz (:func:`telephone_fir`,
    zero delay), 8-bit μ-law round trip, optional lost 20 ms frames (:func:`conceal_lost_frames`), resample
    back. Same shape, dtype, rate and alignment as the input.

    Args:
        lost_frames: indices of lost ``frame_ms`` frames (drawn by the caller).
        frame_ms: frame length in ms.
    """
    x2 = as_2d(audio)
    n = x2.shape[-1]
    h = telephone_fir()

    def channel(x: np.ndarray) -> np.ndarray:
        y = fir_zero_delay(np.asarray(x, dtype=np.float64), h)
        y = mu_law_round_trip(y)
        if lost_frames:
            y = conceal_lost_frames(y, lost_frames, round(frame_ms * 1e-3 * TELEPHONE_RATE))
        return y

    y = _at_rate(x2.astype(np.float64), sample_rate, TELEPHONE_RATE, channel)
    return like_input(fix_length(y, n), audio).astype(audio.dtype, copy=False)
