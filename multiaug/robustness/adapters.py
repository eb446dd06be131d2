"""Reference systems under test (real and offline), ready for ``--system multiaug.robustness.adapters:NAME``.

Image matchers (input: a PIL image; an image with transparency is first composited onto a white background, what
a viewer sees — :mod:`multiaug.measures.viewing`; ``phash_matcher(background=...)`` and friends build the same
matchers for another background):
  * ``phash`` — 64-bit DCT perceptual hash (implemented here with numpy/scipy; bit-identical to
    ``imagehash.phash``), Hamming distance, match if ≤ 10 bits differ.
  * ``pdq`` — Meta's PDQ 256-bit hash via the optional ``pdqhash`` package (``pip install pdqhash``; it builds a
    C++ extension), match if ≤ 31 bits differ (PDQ's recommended threshold). :func:`pdq_available` tells.
  * ``histogram`` — 256-bin grayscale histogram, L1 distance ≤ 0.1: blind to any rearrangement of pixels
    (flips, shuffles), a baseline that is exactly invariant to ``hflip``.
Text classifier (input: a str):
  * ``keyword_filter`` — a case-insensitive word-boundary regex over a small word list (:data:`DEFAULT_WORDS`);
    returns ``"flagged"`` or ``"ok"``. :class:`KeywordFilter` builds one from your own words.
Audio matcher (input: ``(samples, sample_rate)``):
  * ``audio_fingerprint`` — Haitsma–Kalker-style binary fingerprint: mono, resampled to 8 kHz, 128 ms Hann
    frames every 16 ms, energies of 17 log-spaced bands between 300 Hz and 3 kHz, 16 bits per frame from the
    signs of the band-energy differences across frequency and time. Distance: the lowest bit error rate over
    every alignment of the shorter fingerprint inside the longer one; match if ≤ 0.35 (Haitsma & Kalker's
    threshold).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from PIL import Image

from ..core.errors import InvalidParameterError
from ..measures.phash import hamming
from ..measures.phash import phash as _phash
from ..measures.spectral import resample, stft_frames
from ..measures.viewing import WHITE, flatten, parse_background
from .systems import Classifier, Matcher

# ------------------------------------------------------------------------------------------------ images


def phash_fingerprint(image: Image.Image, background: Any = WHITE) -> np.ndarray:
    """64-bit DCT pHash of a PIL image (bool array), composited onto ``background`` if it has transparency."""
    return _phash(image, background=background)


def phash_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Hamming distance between two pHashes (0–64)."""
    return float(hamming(a, b))


def _on(fingerprint: Any, background: Any) -> Any:
    """``fingerprint`` with its ``background`` bound (checked now, so a bad colour fails before a run)."""
    bg = parse_background(background)
    return fingerprint if bg == WHITE else functools.partial(fingerprint, background=bg)


def _named(name: str, background: Any) -> str:
    bg = parse_background(background)
    return name if bg == WHITE else f"{name} on #{bg[0]:02x}{bg[1]:02x}{bg[2]:02x}"


def phash_matcher(threshold: float = 10, background: Any = WHITE) -> Matcher:
    """A pHash matcher (Hamming distance ≤ ``threshold`` of 64 bits) that composites transparent images onto
    ``background`` (a colour name, ``"#rrggbb"`` or ``(r, g, b)``) before hashing."""
    return Matcher(_on(phash_fingerprint, background), threshold=threshold, distance=phash_distance,
                   name=_named(f"pHash (64-bit DCT, ≤{threshold:g} bits)", background))


#: pHash matcher: Hamming distance ≤ 10 of 64 bits
phash = phash_matcher()


def pdq_available() -> bool:
    """True when the optional ``pdqhash`` package imports."""
    try:
        import pdqhash  # noqa: F401  # lazy: optional package (the [robustness] extra); probing whether it imports
    except ImportError:
        return False
    return True


def pdq_fingerprint(image: Image.Image, background: Any = WHITE) -> np.ndarray:
    """PDQ 256-bit hash of a PIL image (bool array), composited onto ``background`` if it has transparency; needs
    the optional ``pdqhash`` package."""
    try:
        import pdqhash  # lazy: optional package (the [robustness] extra); only this adapter needs it
    except ImportError:
        raise ImportError("the PDQ adapter needs the optional package 'pdqhash' (pip install pdqhash)") from None
    rgb = np.ascontiguousarray(np.asarray(flatten(image, background).convert("RGB"), dtype=np.uint8))
    bits, _quality = pdqhash.compute(rgb)
    return np.asarray(bits, dtype=bool)


def pdq_matcher(threshold: float = 31, background: Any = WHITE) -> Matcher:
    """A PDQ matcher (Hamming distance ≤ ``threshold`` of 256 bits) on ``background`` (see :func:`phash_matcher`)."""
    return Matcher(_on(pdq_fingerprint, background), threshold=threshold, distance=phash_distance,
                   name=_named(f"PDQ (256-bit, ≤{threshold:g} bits)", background))


#: PDQ matcher: Hamming distance ≤ 31 of 256 bits
pdq = pdq_matcher()


def histogram_fingerprint(image: Image.Image, background: Any = WHITE) -> np.ndarray:
    """Normalised 256-bin histogram of the grayscale image (float64, sums to 1), composited onto ``background``
    if it has transparency."""
    g = np.asarray(flatten(image, background).convert("L"), dtype=np.uint8)
    h = np.bincount(g.reshape(-1), minlength=256).astype(np.float64)
    return h / max(1.0, h.sum())


def l1_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Sum of absolute differences (0–2 for two normalised histograms)."""
    return float(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)).sum())


def histogram_matcher(threshold: float = 0.1, background: Any = WHITE) -> Matcher:
    """A grayscale-histogram matcher (L1 distance ≤ ``threshold``) on ``background`` (see :func:`phash_matcher`)."""
    return Matcher(_on(histogram_fingerprint, background), threshold=threshold, distance=l1_distance,
                   name=_named(f"grayscale histogram (L1 ≤ {threshold:g})", background))


#: histogram matcher: L1 distance ≤ 0.1
histogram = histogram_matcher()

# ------------------------------------------------------------------------------------------------ text

#: a small list of insults for the reference keyword filter (plus the test token "badword")
DEFAULT_WORDS: tuple[str, ...] = ("badword", "idiot", "idiots", "stupid", "moron", "morons", "loser", "losers",
                                  "jerk", "scum", "dumb", "creep", "trash", "worthless", "pathetic")


class KeywordFilter:
    """Flags a text when one of ``words`` occurs as a whole word (regex ``\\b...\\b``).

    Args:
        words: the words to flag.
        case_sensitive: match case exactly (default: case-insensitive).
    """

    def __init__(self, words: Iterable[str] = DEFAULT_WORDS, case_sensitive: bool = False):
        self.words = tuple(words)
        if not self.words:
            raise InvalidParameterError("KeywordFilter: argument 'words' must not be empty", argument="words")
        self.case_sensitive = case_sensitive
        alternation = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternation})\b", 0 if case_sensitive else re.IGNORECASE)

    def __call__(self, text: str) -> str:
        """``"flagged"`` or ``"ok"``."""
        return "flagged" if self.pattern.search(text) else "ok"

    def __repr__(self) -> str:
        return f"KeywordFilter({len(self.words)} words, case_sensitive={self.case_sensitive})"


keyword_filter = Classifier(KeywordFilter(), name="keyword filter (regex, case-insensitive)")

# ------------------------------------------------------------------------------------------------ audio
_FP_RATE = 8000
_FP_FRAME = 1024
_FP_HOP = 128
_FP_BANDS = np.geomspace(300.0, 3000.0, 18)


def audio_fingerprint(item: tuple[np.ndarray, int]) -> np.ndarray:
    """Binary spectral fingerprint of ``(samples, sample_rate)``: bool array (frames, 16)."""
    samples, sr = item
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 2:
        x = x.mean(axis=0)
    x = resample(x, int(sr), _FP_RATE)
    if x.size < _FP_FRAME + _FP_HOP:
        x = np.pad(x, (0, _FP_FRAME + _FP_HOP - x.size))
    spec = np.abs(stft_frames(x, _FP_FRAME, _FP_HOP)) ** 2
    freqs = np.fft.rfftfreq(_FP_FRAME, 1.0 / _FP_RATE)
    idx = np.searchsorted(freqs, _FP_BANDS)
    energy = np.add.reduceat(spec, idx, axis=1)[:, : len(_FP_BANDS) - 1]
    energy = np.log(energy + 1e-12)
    d = energy[:, :-1] - energy[:, 1:]
    return (d[1:] - d[:-1]) > 0


def audio_fingerprint_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Lowest bit error rate (0–1) over every alignment of the shorter fingerprint inside the longer one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    if n == 0:
        return 0.0 if len(long_) == 0 else 1.0
    windows = np.lib.stride_tricks.sliding_window_view(long_, (n, short.shape[1]))[:, 0]
    errors = np.count_nonzero(windows != short[None], axis=(1, 2))
    return float(errors.min() / short.size)


#: audio matcher: bit error rate ≤ 0.35
audio_fingerprint_matcher = Matcher(audio_fingerprint, threshold=0.35, distance=audio_fingerprint_distance,
                                    name="spectral fingerprint (BER ≤ 0.35)")

#: the reference systems by name
REFERENCE_SYSTEMS = {"phash": phash, "pdq": pdq, "histogram": histogram, "keyword_filter": keyword_filter,
                     "audio_fingerprint": audio_fingerprint_matcher}

__all__ = [
    "DEFAULT_WORDS",
    "REFERENCE_SYSTEMS",
    "KeywordFilter",
    "audio_fingerprint",
    "audio_fingerprint_distance",
    "audio_fingerprint_matcher",
    "histogram",
    "histogram_fingerprint",
    "histogram_matcher",
    "keyword_filter",
    "l1_distance",
    "pdq",
    "pdq_available",
    "pdq_fingerprint",
    "pdq_matcher",
    "phash",
    "phash_distance",
    "phash_fingerprint",
    "phash_matcher",
]
