"""Transform mapping table: each multiaug transform and the peer calls with equivalent parameters.

A :class:`Case` names a multiaug function (``name``) and the keyword arguments used for both multiaug and AugLy
(AugLy-compatible names and defaults). ``peers`` maps a library to a factory ``factory(params) -> call`` where
``call(native_input)`` performs the transform on that library's native input type (see :data:`NATIVE`).
AugLy's entry is :data:`SAME`: ``augly.<modality>.<name>(input, **params)``.

This module is imported by every interpreter (the project's and the peer venvs), so it imports nothing at
module level beyond the standard library; each factory imports its library when called.

Equivalences are the closest documented operation, with randomness pinned (``p=1``, ranges collapsed to one
value). Where a peer's operation differs in detail, ``note`` says how.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SAME = "same"
SR = 44100

#: input type each library receives, per modality ("multiaug-np": multiaug given an RGB uint8 ndarray, which it
#: also accepts, to compare with albumentations/OpenCV on the same input type)
NATIVE: dict[str, dict[str, str]] = {
    "image": {"multiaug": "pil", "multiaug-np": "ndarray", "augly": "pil", "pillow": "pil",
              "albumentations": "ndarray", "opencv": "ndarray", "torchvision": "tensor", "keras": "ndarray"},
    "text": {"multiaug": "list", "augly": "list", "nlpaug": "list"},
    "audio": {"multiaug": "ndarray", "augly": "ndarray", "audiomentations": "ndarray", "librosa": "ndarray",
              "scipy": "ndarray", "numpy": "ndarray", "numpy-finite": "ndarray"},
}
#: interpreter (venv name) that runs each library; "main" is the interpreter that runs run.py
VENV: dict[str, str] = {"multiaug": "main", "multiaug-np": "main", "augly": "augly", "albumentations": "peers",
                        "pillow": "peers",
                        "opencv": "peers", "nlpaug": "peers", "audiomentations": "peers", "librosa": "peers",
                        "scipy": "peers", "numpy": "peers", "numpy-finite": "peers", "torchvision": "torch",
                        "keras": "torch"}
#: distribution name for the version column
DIST: dict[str, str] = {"multiaug": "multiaug", "multiaug-np": "multiaug", "augly": "augly",
                        "albumentations": "albumentations",
                        "pillow": "pillow", "opencv": "opencv-python-headless", "nlpaug": "nlpaug",
                        "audiomentations": "audiomentations", "librosa": "librosa", "scipy": "scipy", "numpy": "numpy",
                        "numpy-finite": "numpy", "torchvision": "torchvision", "keras": "keras"}


@dataclass
class Case:
    """One row group of the results table.

    Args:
        modality: "image", "text" or "audio".
        name: multiaug (and AugLy) function name.
        params: keyword arguments for multiaug and AugLy.
        peers: library → factory(params) returning a callable on the native input, or :data:`SAME` (AugLy).
        label: variant label when one function appears with several parameter sets.
        note: how the peers' operations differ, if they do.
        augly_equivalent: False when AugLy's function does not do the same work (excluded from the
            geometric-mean speed-up over AugLy).
        ndarray_only: measure multiaug on the ndarray only (``multiaug-np``), not on a PIL image.
    """

    modality: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)
    peers: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    note: str = ""
    augly_equivalent: bool = True
    #: True for the training-time cases (issue 15): measured on the ndarray path only (no PIL ``multiaug`` row)
    ndarray_only: bool = False

    @property
    def key(self) -> str:
        return f"{self.name}[{self.label}]" if self.label else self.name


# --- factories ---------------------------------------------------------------------------------------------------

def _alb(cls: str, **kw: Any) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import albumentations as A

        t = getattr(A, cls)(p=1.0, **kw)
        return lambda a: t(image=a)["image"]
    return factory


def _pil(fn: Callable[..., Any]) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    """``fn(PIL module namespace, image)``."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import PIL.Image
        import PIL.ImageEnhance
        import PIL.ImageFilter
        import PIL.ImageOps

        return lambda im: fn(PIL, im)
    return factory


def _cv(fn: Callable[..., Any]) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    """``fn(cv2, ndarray)``."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import cv2

        cv2.setNumThreads(1)
        return lambda a: fn(cv2, a)
    return factory


def _nlp(module: str, cls: str, **kw: Any) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import importlib

        aug = getattr(importlib.import_module(module), cls)(**kw)
        return lambda texts: aug.augment(texts)
    return factory


def _nlp_spelling(params: dict[str, Any]) -> Callable[[Any], Any]:
    import os

    import nlpaug
    import nlpaug.augmenter.word as naw

    path = os.path.join(os.path.dirname(nlpaug.__file__), "res", "word", "spelling", "spelling_en.txt")
    aug = naw.SpellingAug(dict_path=path)
    return lambda texts: aug.augment(texts)


def _aum(cls: str, **kw: Any) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import audiomentations

        t = getattr(audiomentations, cls)(p=1.0, **kw)
        return lambda y: t(samples=y, sample_rate=SR)
    return factory


def _fn(fn: Callable[..., Any]) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    """A plain function of the input (librosa / scipy / numpy primitives import inside ``fn``)."""
    return lambda params: fn


def _jpeg_pil(PIL: Any, im: Any) -> Any:
    import io

    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=50)
    buf.seek(0)
    out = PIL.Image.open(buf)
    out.load()
    return out


def _jpeg_cv(cv2: Any, a: Any) -> Any:
    _ok, enc = cv2.imencode(".jpg", a, [cv2.IMWRITE_JPEG_QUALITY, 50])
    return cv2.imdecode(enc, cv2.IMREAD_UNCHANGED)


def _pad_pil(PIL: Any, im: Any) -> Any:
    w, h = im.size
    dw, dh = int(0.25 * w), int(0.25 * h)
    out = PIL.Image.new(im.mode, (w + 2 * dw, h + 2 * dh), (0, 0, 0))
    out.paste(im, (dw, dh))
    return out


def _librosa_pitch(y: Any) -> Any:
    import librosa

    return librosa.effects.pitch_shift(y, sr=SR, n_steps=1.0)


def _librosa_stretch(y: Any) -> Any:
    import librosa

    return librosa.effects.time_stretch(y, rate=1.5)


def _scipy_filter(kind: str, cutoff: float) -> Callable[[Any], Any]:
    def run(y: Any) -> Any:
        from scipy import signal

        sos = signal.butter(2, cutoff, btype=kind, fs=SR, output="sos")
        return signal.sosfiltfilt(sos, y).astype(y.dtype, copy=False)
    return run


def _librosa_normalize(y: Any) -> Any:
    import librosa

    return librosa.util.normalize(y)


def _librosa_hpss(which: str) -> Callable[[Any], Any]:
    def run(y: Any) -> Any:
        import librosa

        return getattr(librosa.effects, which)(y)
    return run


def _gain(y: Any) -> Any:
    return y * (10.0 ** (6.0 / 20.0))


def _refusing(op: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    """``numpy-finite``: what a careful numpy user writes, the input refused when it holds NaN/inf, then ``op`` (the
    like-for-like reference of multiaug's default, checked call)."""
    def run(y: Any) -> Any:
        import numpy as np

        if not np.isfinite(y).all():
            raise ValueError("audio contains NaN or infinite samples")
        return op(y)
    return _fn(run)


def _negate(y: Any) -> Any:
    return -y


def _reversed_copy(y: Any) -> Any:
    return y[..., ::-1].copy()


def _first_8s(y: Any) -> Any:
    return y[..., : 8 * SR].copy()


def _slice_copy(y: Any) -> Any:
    n = y.shape[-1]
    return y[..., int(0.25 * n): int(0.75 * n)].copy()


def _concat_twice(y: Any) -> Any:
    return __import__("numpy").concatenate([y, y], axis=-1)


def _asset_dir(*parts: str) -> str:
    """A folder of the project's shipped assets (for peers that take a path)."""
    import os

    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets", *parts)


def _aum_path(cls: str, arg: str, folder: tuple[str, ...], **kw: Any) -> Callable[[dict[str, Any]], Callable[[Any], Any]]:
    """audiomentations transform that takes a folder of sounds (``arg``): the shipped assets."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import audiomentations

        t = getattr(audiomentations, cls)(p=1.0, **{arg: _asset_dir(*folder)}, **kw)
        return lambda y: t(samples=y, sample_rate=SR)
    return factory


# --- the table ---------------------------------------------------------------------------------------------------

IMAGE_CASES = [
    Case("image", "hflip", {}, {"augly": SAME, "albumentations": _alb("HorizontalFlip"),
                                "pillow": _pil(lambda P, im: im.transpose(P.Image.Transpose.FLIP_LEFT_RIGHT)),
                                "opencv": _cv(lambda cv2, a: cv2.flip(a, 1))}),
    Case("image", "vflip", {}, {"augly": SAME, "albumentations": _alb("VerticalFlip"),
                                "pillow": _pil(lambda P, im: im.transpose(P.Image.Transpose.FLIP_TOP_BOTTOM)),
                                "opencv": _cv(lambda cv2, a: cv2.flip(a, 0))}),
    Case("image", "blur", {"radius": 2.0},
         {"augly": SAME, "albumentations": _alb("GaussianBlur", blur_limit=0, sigma_limit=(2.0, 2.0)),
          "pillow": _pil(lambda P, im: im.filter(P.ImageFilter.GaussianBlur(2.0))),
          "opencv": _cv(lambda cv2, a: cv2.GaussianBlur(a, (0, 0), 2.0))},
         note="albumentations/OpenCV: Gaussian σ=2 px with the kernel size derived from σ"),
    Case("image", "brightness", {"factor": 1.5},
         {"augly": SAME,
          "albumentations": _alb("RandomBrightnessContrast", brightness_limit=(0.5, 0.5), contrast_limit=(0.0, 0.0)),
          "pillow": _pil(lambda P, im: P.ImageEnhance.Brightness(im).enhance(1.5))},
         note="albumentations adds 0.5·max (additive) where PIL multiplies by 1.5; same cost class (one LUT)"),
    Case("image", "contrast", {"factor": 1.5},
         {"augly": SAME,
          "albumentations": _alb("RandomBrightnessContrast", brightness_limit=(0.0, 0.0), contrast_limit=(0.5, 0.5)),
          "pillow": _pil(lambda P, im: P.ImageEnhance.Contrast(im).enhance(1.5))},
         note="not the same work: albumentations 2.0.8 RandomBrightnessContrast scales around 0 (multiply_add(img, "
              "1.5, 0), no mean); PIL blends with a flat image of the mean of its exact L conversion (a full "
              "per-pixel pass first)"),
    Case("image", "saturation", {"factor": 1.5},
         {"augly": SAME,
          "albumentations": _alb("ColorJitter", brightness=(1.0, 1.0), contrast=(1.0, 1.0), saturation=(1.5, 1.5),
                                 hue=(0.0, 0.0)),
          "pillow": _pil(lambda P, im: P.ImageEnhance.Color(im).enhance(1.5))},
         note="albumentations ColorJitter runs its 4 steps in random order; only saturation changes pixels"),
    Case("image", "sharpen", {"factor": 2.0},
         {"augly": SAME, "pillow": _pil(lambda P, im: P.ImageEnhance.Sharpness(im).enhance(2.0))}),
    Case("image", "color_jitter", {"brightness_factor": 1.2, "contrast_factor": 1.2, "saturation_factor": 1.2},
         {"augly": SAME,
          "albumentations": _alb("ColorJitter", brightness=(1.2, 1.2), contrast=(1.2, 1.2), saturation=(1.2, 1.2),
                                 hue=(0.0, 0.0))}),
    Case("image", "grayscale", {},
         {"augly": SAME, "albumentations": _alb("ToGray"),
          "pillow": _pil(lambda P, im: im.convert("L").convert("RGB")),
          "opencv": _cv(lambda cv2, a: cv2.cvtColor(cv2.cvtColor(a, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB))},
         note="output keeps 3 channels in every library"),
    Case("image", "resize", {"width": 512, "height": 384}, label="half",
         peers={"augly": SAME, "albumentations": _alb("Resize", height=384, width=512),
                "pillow": _pil(lambda P, im: im.resize((512, 384), P.Image.Resampling.BILINEAR)),
                "opencv": _cv(lambda cv2, a: cv2.resize(a, (512, 384), interpolation=cv2.INTER_LINEAR))},
         note="bilinear; PIL's bilinear is antialiased (support grows with the scale), OpenCV's is not"),
    Case("image", "scale", {"factor": 0.5},
         {"augly": SAME, "pillow": _pil(lambda P, im: im.resize((512, 384), P.Image.Resampling.LANCZOS)),
          "opencv": _cv(lambda cv2, a: cv2.resize(a, (512, 384), interpolation=cv2.INTER_AREA))},
         note="AugLy scale < 1 uses LANCZOS; OpenCV row uses INTER_AREA (its antialiased downscale)"),
    Case("image", "rotate", {"degrees": 15.0},
         {"augly": SAME, "albumentations": _alb("Rotate", limit=(15, 15), crop_border=True),
          "pillow": _pil(lambda P, im: im.rotate(15.0, resample=P.Image.Resampling.BILINEAR))},
         note="AugLy/multiaug crop to the largest inner rectangle; albumentations crop_border=True does too; "
              "the Pillow row is a plain bilinear rotation"),
    Case("image", "encoding_quality", {"quality": 50},
         {"augly": SAME, "albumentations": _alb("ImageCompression", quality_range=(50, 50)),
          "pillow": _pil(_jpeg_pil), "opencv": _cv(_jpeg_cv)},
         note="JPEG encode + decode in memory, quality 50"),
    Case("image", "crop", {"x1": 0.25, "y1": 0.25, "x2": 0.75, "y2": 0.75},
         {"augly": SAME, "albumentations": _alb("Crop", x_min=256, y_min=192, x_max=768, y_max=576),
          "pillow": _pil(lambda P, im: im.crop((256, 192, 768, 576)))},
         note="albumentations returns a view-backed copy; PIL crop"),
    Case("image", "pad", {"w_factor": 0.25, "h_factor": 0.25},
         {"augly": SAME,
          "albumentations": _alb("PadIfNeeded", min_height=768 + 2 * 192, min_width=1024 + 2 * 256,
                                 border_mode=0, fill=0),
          "pillow": _pil(_pad_pil),
          "opencv": _cv(lambda cv2, a: cv2.copyMakeBorder(a, 192, 192, 256, 256, cv2.BORDER_CONSTANT, value=0))}),
    Case("image", "pad_square", {},
         {"augly": SAME, "albumentations": _alb("PadIfNeeded", min_height=1024, min_width=1024, border_mode=0, fill=0),
          "opencv": _cv(lambda cv2, a: cv2.copyMakeBorder(a, 128, 128, 0, 0, cv2.BORDER_CONSTANT, value=0))}),
    Case("image", "pixelization", {"ratio": 0.3},
         {"augly": SAME, "albumentations": _alb("Downscale", scale_range=(0.3, 0.3))},
         note="down- then up-scale; albumentations Downscale uses nearest/linear by default"),
    Case("image", "random_noise", {"mean": 0.0, "var": 0.01},
         {"augly": SAME, "albumentations": _alb("GaussNoise", std_range=(0.1, 0.1), mean_range=(0.0, 0.0))},
         note="Gaussian noise σ=0.1 of full scale (var 0.01); albumentations draws per-pixel noise too"),
    Case("image", "change_aspect_ratio", {"ratio": 1.5},
         {"augly": SAME, "pillow": _pil(lambda P, im: im.resize((1086, 724), P.Image.Resampling.BILINEAR))}),
    Case("image", "perspective_transform", {"sigma": 50.0}, {"augly": SAME},
         note="AugLy 1.0.0 needs numpy < 1.24 here"),
    Case("image", "skew", {"skew_factor": 0.5}, {"augly": SAME}),
    Case("image", "opacity", {"level": 0.5}, {"augly": SAME}),
    Case("image", "shuffle_pixels", {"factor": 0.1}, {"augly": SAME}),
    Case("image", "overlay_stripes", {}, {"augly": SAME}),
    Case("image", "overlay_emoji", {}, {"augly": SAME}),
    Case("image", "meme_format", {}, {"augly": SAME}),
    Case("image", "apply_pil_filter", {},
         {"augly": SAME, "pillow": _pil(lambda P, im: im.filter(P.ImageFilter.EDGE_ENHANCE_MORE))}),
    Case("image", "convert_color", {"mode": "L"}, {"augly": SAME, "pillow": _pil(lambda P, im: im.convert("L"))}),
    Case("image", "clip_image_size", {"max_resolution": 400_000},
         {"augly": SAME, "pillow": _pil(lambda P, im: im.resize((730, 547), P.Image.Resampling.LANCZOS))}),
]

TEXT_CASES = [
    Case("text", "simulate_typos", {"typo_type": "keyboard"}, label="keyboard",
         peers={"augly": SAME,
                "nlpaug": _nlp("nlpaug.augmenter.char", "KeyboardAug", aug_char_p=0.3, aug_word_p=0.3, min_char=2,
                               aug_char_min=1, aug_char_max=1, aug_word_min=1, aug_word_max=1000,
                               include_special_char=False, include_numeric=False, include_upper_case=False)},
         note="QWERTY-neighbour substitutions, 30 % of words, 1 char per word"),
    Case("text", "simulate_typos", {}, label="all", peers={"augly": SAME},
         note="typo_type='all' (misspellings + keyboard + char mix)"),
    Case("text", "simulate_typos", {"typo_type": "charmix"}, label="charmix",
         peers={"augly": SAME,
                "nlpaug": _nlp("nlpaug.augmenter.char", "RandomCharAug", action="substitute", aug_char_p=0.3,
                               aug_word_p=0.3, min_char=2, aug_char_min=1, aug_char_max=1, aug_word_min=1,
                               aug_word_max=1000)},
         note="nlpaug row: RandomCharAug(substitute) only; AugLy/multiaug mix delete/insert/substitute/swap"),
    Case("text", "simulate_typos", {"typo_type": "misspelling"}, label="misspelling", peers={"augly": SAME},
         note="listed misspellings only (AugLy: its misspelling.json; multiaug: nlpaug's spelling_en.txt)"),
    Case("text", "keyboard_typos", {"seed": 0}, {"nlpaug": _nlp("nlpaug.augmenter.char", "KeyboardAug")},
         note="nlpaug-parity function: nlpaug KeyboardAug defaults on both sides"),
    Case("text", "ocr_errors", {"seed": 0}, {"nlpaug": _nlp("nlpaug.augmenter.char", "OcrAug")},
         note="nlpaug-parity function: nlpaug OcrAug defaults on both sides"),
    Case("text", "random_char_edit", {"action": "substitute", "seed": 0}, label="substitute",
         peers={"nlpaug": _nlp("nlpaug.augmenter.char", "RandomCharAug", action="substitute")}),
    Case("text", "random_char_edit", {"action": "swap", "seed": 0}, label="swap",
         peers={"nlpaug": _nlp("nlpaug.augmenter.char", "RandomCharAug", action="swap")}),
    Case("text", "random_word_edit", {"action": "delete", "seed": 0}, label="delete",
         peers={"nlpaug": _nlp("nlpaug.augmenter.word", "RandomWordAug", action="delete")}),
    Case("text", "random_word_edit", {"action": "swap", "seed": 0}, label="swap",
         peers={"nlpaug": _nlp("nlpaug.augmenter.word", "RandomWordAug", action="swap")}),
    Case("text", "spelling_mistakes", {"seed": 0}, {"nlpaug": _nlp_spelling},
         note="nlpaug SpellingAug with its own spelling_en.txt, the list multiaug reads by default"),
    Case("text", "synonym_replacement", {"seed": 0}, {},
         note="nlpaug SynonymAug needs NLTK's WordNet download (no network here): multiaug alone"),
    Case("text", "replace_homoglyphs", {"seed": 0}, {}),
    Case("text", "insert_emoji", {"seed": 0}, {}),
    Case("text", "get_baseline", {}, {"augly": SAME}),
    Case("text", "replace_similar_chars", {},
         {"augly": SAME,
          "nlpaug": _nlp("nlpaug.augmenter.char", "OcrAug", aug_char_p=0.3, aug_word_p=0.3, min_char=2,
                         aug_char_min=1, aug_char_max=1000, aug_word_min=1, aug_word_max=1000)},
         note="nlpaug OcrAug uses its OCR-error table (same mechanism, different table)"),
    Case("text", "split_words", {},
         {"augly": SAME, "nlpaug": _nlp("nlpaug.augmenter.word", "SplitAug", aug_p=0.3, min_char=4, aug_min=1,
                                        aug_max=1000)}),
    Case("text", "replace_similar_unicode_chars", {}, {"augly": SAME}),
    Case("text", "merge_words", {}, {"augly": SAME}),
    Case("text", "change_case", {}, {"augly": SAME}),
    Case("text", "contractions", {}, {"augly": SAME}),
    Case("text", "insert_punctuation_chars", {}, {"augly": SAME}),
    Case("text", "insert_whitespace_chars", {}, {"augly": SAME}),
    Case("text", "insert_zero_width_chars", {}, {"augly": SAME}),
    Case("text", "replace_bidirectional", {}, {"augly": SAME}),
    Case("text", "replace_fun_fonts", {}, {"augly": SAME}),
    Case("text", "replace_upside_down", {}, {"augly": SAME}),
    Case("text", "swap_gendered_words", {}, {"augly": SAME}),
    Case("text", "replace_words", {"mapping": {"the": "a", "and": "or", "was": "is"}}, {"augly": SAME}),
]

AUDIO_CASES = [
    Case("audio", "pitch_shift", {"n_steps": 1.0},
         {"augly": SAME, "audiomentations": _aum("PitchShift", min_semitones=1.0, max_semitones=1.0),
          "librosa": _fn(_librosa_pitch)},
         note="AugLy calls librosa's phase vocoder + resampling; audiomentations 0.43 uses signalsmith-stretch "
              "(python-stretch, C++) when installed (setup_peers.sh installs it since the issue-17 run), else librosa"),
    Case("audio", "time_stretch", {"rate": 1.5},
         {"augly": SAME,
          "audiomentations": _aum("TimeStretch", min_rate=1.5, max_rate=1.5, leave_length_unchanged=False),
          "librosa": _fn(_librosa_stretch)}),
    Case("audio", "change_volume", {"volume_db": 6.0},
         {"augly": SAME, "audiomentations": _aum("Gain", min_gain_db=6.0, max_gain_db=6.0),
          "numpy": _fn(_gain), "numpy-finite": _refusing(_gain)}),
    Case("audio", "low_pass_filter", {"cutoff_hz": 500.0},
         {"augly": SAME,
          "audiomentations": _aum("LowPassFilter", min_cutoff_freq=500.0, max_cutoff_freq=500.0, min_rolloff=12,
                                  max_rolloff=12, zero_phase=True),
          "scipy": _fn(_scipy_filter("lowpass", 500.0))},
         note="2nd-order (12 dB/oct); AugLy: sox biquad (C, causal) through torchaudio; scipy row: Butterworth "
              "sosfiltfilt (zero phase)"),
    Case("audio", "high_pass_filter", {"cutoff_hz": 3000.0},
         {"augly": SAME,
          "audiomentations": _aum("HighPassFilter", min_cutoff_freq=3000.0, max_cutoff_freq=3000.0, min_rolloff=12,
                                  max_rolloff=12, zero_phase=True),
          "scipy": _fn(_scipy_filter("highpass", 3000.0))},
         note="2nd-order (12 dB/oct); AugLy: sox biquad (C, causal) through torchaudio; scipy row: Butterworth "
              "sosfiltfilt (zero phase)"),
    Case("audio", "peaking_equalizer", {"center_hz": 500.0, "q": 1.0, "gain_db": -3.0},
         {"augly": SAME,
          "audiomentations": _aum("PeakingFilter", min_center_freq=500.0, max_center_freq=500.0, min_gain_db=-3.0,
                                  max_gain_db=-3.0, min_q=1.0, max_q=1.0)}),
    Case("audio", "add_background_noise", {"snr_level_db": 10.0, "seed": 0},
         {"augly": SAME, "audiomentations": _aum("AddGaussianSNR", min_snr_db=10.0, max_snr_db=10.0)},
         note="white noise at 10 dB SNR (AugLy returns float64)"),
    Case("audio", "normalize", {},
         {"augly": SAME, "audiomentations": _aum("Normalize"), "librosa": _fn(_librosa_normalize)}),
    Case("audio", "harmonic", {}, {"augly": SAME, "librosa": _fn(_librosa_hpss("harmonic"))}),
    Case("audio", "percussive", {}, {"augly": SAME, "librosa": _fn(_librosa_hpss("percussive"))}),
    Case("audio", "speed", {"factor": 2.0}, {"augly": SAME}, augly_equivalent=False,
         note="AugLy 1.0.0 does not resample: it returns the same samples with the sample rate doubled"),
    Case("audio", "tempo", {"factor": 2.0}, {"augly": SAME}, note="AugLy: sox tempo (C, WSOLA) through torchaudio"),
    Case("audio", "reverb", {}, {"augly": SAME},
         note="AugLy: sox reverb (C) through torchaudio, returns 2 channels for a mono input"),
    Case("audio", "clicks", {}, {"augly": SAME}),
    Case("audio", "clip", {"offset_factor": 0.25, "duration_factor": 0.5}, {"augly": SAME, "numpy": _fn(_slice_copy),
                                                                               "numpy-finite": _refusing(_slice_copy)},
         augly_equivalent=False,
         note="AugLy returns a view of the input; multiaug returns a copy (inputs are never shared)"),
    Case("audio", "loop", {"n": 1}, {"augly": SAME, "numpy": _fn(_concat_twice), "numpy-finite": _refusing(_concat_twice)}),
    Case("audio", "insert_in_background", {"offset_factor": 0.5, "seed": 0}, {"augly": SAME}),
] + [
    # issue 17: audiomentations' common set (AugLy has none of these); ranges collapsed to the same values
    Case("audio", "gain", {"gain_db": 6.0},
         {"audiomentations": _aum("Gain", min_gain_db=6.0, max_gain_db=6.0), "numpy": _fn(_gain),
          "numpy-finite": _refusing(_gain)}),
    Case("audio", "gain_transition", {"start_gain_db": -24.0, "end_gain_db": 0.0, "duration": 1.0, "seed": 0},
         {"audiomentations": _aum("GainTransition", min_gain_db=-24.0, max_gain_db=0.0, min_duration=1.0,
                                  max_duration=1.0)}),
    Case("audio", "loudness_normalization", {"target_lufs": -23.0},
         {"audiomentations": _aum("LoudnessNormalization", min_lufs=-23.0, max_lufs=-23.0)},
         note="BS.1770-4 gated loudness; audiomentations uses the `loudness` package (C++), multiaug its own numpy"),
    Case("audio", "limiter", {"threshold_db": -6.0, "attack": 0.005, "release": 0.1},
         {"audiomentations": _aum("Limiter", min_threshold_db=-6.0, max_threshold_db=-6.0, min_attack=0.005,
                                  max_attack=0.005, min_release=0.1, max_release=0.1)},
         note="threshold 6 dB below the input's peak; audiomentations uses numpy-audio-limiter (C); multiaug's "
              "look-ahead limiter guarantees the ceiling"),
    Case("audio", "polarity_inversion", {}, {"audiomentations": _aum("PolarityInversion"), "numpy": _fn(_negate),
                                              "numpy-finite": _refusing(_negate)}),
    Case("audio", "add_color_noise", {"snr_db": 20.0, "color": "pink", "seed": 0},
         {"audiomentations": _aum("AddColorNoise", min_snr_db=20.0, max_snr_db=20.0, min_f_decay=-3.01,
                                  max_f_decay=-3.01)}),
    Case("audio", "add_gaussian_snr", {"snr_db": 20.0, "seed": 0},
         {"audiomentations": _aum("AddGaussianSNR", min_snr_db=20.0, max_snr_db=20.0)}),
    Case("audio", "add_short_noises", {"min_snr_db": 0.0, "max_snr_db": 12.0, "min_time_between_sounds": 1.0,
                                       "max_time_between_sounds": 2.0, "seed": 0},
         {"audiomentations": _aum_path("AddShortNoises", "sounds_path", ("audio", "noise"), min_snr_db=0.0,
                                       max_snr_db=12.0, min_time_between_sounds=1.0, max_time_between_sounds=2.0)},
         note="events cut from the shipped noise recordings (assets/audio/noise) for both"),
    Case("audio", "band_pass_filter", {"center_freq": 1000.0, "bandwidth_fraction": 1.0, "rolloff": 12},
         {"audiomentations": _aum("BandPassFilter", min_center_freq=1000.0, max_center_freq=1000.0,
                                  min_bandwidth_fraction=1.0, max_bandwidth_fraction=1.0, min_rolloff=12,
                                  max_rolloff=12)}),
    Case("audio", "band_stop_filter", {"center_freq": 1000.0, "bandwidth_fraction": 0.5, "rolloff": 12},
         {"audiomentations": _aum("BandStopFilter", min_center_freq=1000.0, max_center_freq=1000.0,
                                  min_bandwidth_fraction=0.5, max_bandwidth_fraction=0.5, min_rolloff=12,
                                  max_rolloff=12)}),
    Case("audio", "peaking_filter", {"center_freq": 1000.0, "gain_db": -6.0, "q": 1.0},
         {"audiomentations": _aum("PeakingFilter", min_center_freq=1000.0, max_center_freq=1000.0, min_gain_db=-6.0,
                                  max_gain_db=-6.0, min_q=1.0, max_q=1.0)}),
    Case("audio", "low_shelf_filter", {"center_freq": 200.0, "gain_db": -6.0, "q": 0.707},
         {"audiomentations": _aum("LowShelfFilter", min_center_freq=200.0, max_center_freq=200.0, min_gain_db=-6.0,
                                  max_gain_db=-6.0, min_q=0.707, max_q=0.707)}),
    Case("audio", "high_shelf_filter", {"center_freq": 4000.0, "gain_db": -6.0, "q": 0.707},
         {"audiomentations": _aum("HighShelfFilter", min_center_freq=4000.0, max_center_freq=4000.0,
                                  min_gain_db=-6.0, max_gain_db=-6.0, min_q=0.707, max_q=0.707)}),
    Case("audio", "seven_band_parametric_eq", {"seed": 0}, {"audiomentations": _aum("SevenBandParametricEQ")}),
    Case("audio", "clipping_distortion", {"percentile_threshold": 20.0},
         {"audiomentations": _aum("ClippingDistortion", min_percentile_threshold=20, max_percentile_threshold=20)}),
    Case("audio", "tanh_distortion", {"distortion_amount": 0.5},
         {"audiomentations": _aum("TanhDistortion", min_distortion=0.5, max_distortion=0.5)}),
    Case("audio", "bit_crush", {"bit_depth": 8}, {"audiomentations": _aum("BitCrush", min_bit_depth=8, max_bit_depth=8)}),
    Case("audio", "aliasing", {"target_sample_rate": 8000.0},
         {"audiomentations": _aum("Aliasing", min_sample_rate=8000, max_sample_rate=8000)}),
    Case("audio", "mp3_compression", {"bitrate": 32.0},
         {"audiomentations": _aum("Mp3Compression", min_bitrate=32, max_bitrate=32)},
         note="multiaug: LAME + mpg123 inside libsndfile (soundfile, no extra dependency; LAME's default quality, "
              "one thread); audiomentations: fast-mp3-augment (LAME quality 7, encoder and decoder on two threads)"),
    Case("audio", "mp3_compression", {"bitrate": 32.0, "backend": "fast-mp3-augment"},
         {"audiomentations": _aum("Mp3Compression", min_bitrate=32, max_bitrate=32)}, label="fast",
         note="both: fast-mp3-augment (multiaug's opt-in backend, the [mp3] extra; LAME quality 7, encoder and decoder "
              "on two threads); multiaug also clips to [-1, 1] first (audiomentations rescales louder input)"),
    Case("audio", "shift", {"shift": 0.25}, {"audiomentations": _aum("Shift", min_shift=0.25, max_shift=0.25)}),
    Case("audio", "time_mask", {"band_part": 0.1, "seed": 0},
         {"audiomentations": _aum("TimeMask", min_band_part=0.1, max_band_part=0.1)}),
    Case("audio", "repeat_part", {"repeats": 2, "part_duration": 0.25, "seed": 0},
         {"audiomentations": _aum("RepeatPart", min_repeats=2, max_repeats=2, min_part_duration=0.25,
                                  max_part_duration=0.25)}),
    Case("audio", "adjust_duration", {"duration_seconds": 8.0},
         {"audiomentations": _aum("AdjustDuration", duration_seconds=8.0), "numpy": _fn(_first_8s),
          "numpy-finite": _refusing(_first_8s)},
         note="audiomentations returns a view of the input when cutting; multiaug and numpy a copy"),
    Case("audio", "padding", {"fraction": 0.2},
         {"audiomentations": _aum("Padding", min_fraction=0.2, max_fraction=0.2)}),
    Case("audio", "trim", {"top_db": 30.0}, {"audiomentations": _aum("Trim", top_db=30.0)}),
    Case("audio", "reverse", {}, {"audiomentations": _aum("Reverse"), "numpy": _fn(_reversed_copy),
                                   "numpy-finite": _refusing(_reversed_copy)},
         note="audiomentations returns a reversed view of the input; multiaug and numpy a contiguous copy"),
    Case("audio", "resample", {"target_sample_rate": 8000, "round_trip": False},
         {"audiomentations": _aum("Resample", min_sample_rate=8000, max_sample_rate=8000)},
         note="soxr (multiaug) vs librosa.resample (audiomentations)"),
    Case("audio", "room_simulator", {"seed": 0},
         {"audiomentations": _aum("RoomSimulator", leave_length_unchanged=True)},
         note="multiaug: own image-source model (80 ms) + diffuse tail, 5x4x3 m, absorption 0.25; audiomentations: "
              "pyroomacoustics, random 3.6-5.6 x 3.6-3.9 x 2.4-3 m room, order 1 + ray tracing"),
    Case("audio", "air_absorption", {"distance": 50.0},
         {"audiomentations": _aum("AirAbsorption", min_distance=50.0, max_distance=50.0, min_temperature=20.0,
                                  max_temperature=20.0, min_humidity=50.0, max_humidity=50.0)}),
    Case("audio", "apply_impulse_response", {"seed": 0},
         {"audiomentations": _aum_path("ApplyImpulseResponse", "ir_path", ("audio", "rir"))},
         note="the shipped room impulse responses (assets/audio/rir) for both"),
    Case("audio", "telephone", {"packet_loss": 0.05, "seed": 0}, {}),
    Case("audio", "opus_compression", {"bitrate": 16.0}, {}),
    Case("audio", "rerecord", {"seed": 0}, {}),
]

#: transforms measured a second time with ``check_finite=False`` (issue 17, lead decision: the default refuses NaN/inf
#: samples with one pass over them; ``check_finite=False`` skips it, the same work as the numpy / audiomentations row;
#: the default rows also have the like-for-like ``numpy-finite`` reference, the unchecked rows bare numpy)
UNCHECKED = ("change_volume", "clip", "loop", "gain", "polarity_inversion", "shift", "time_mask", "repeat_part",
             "padding", "adjust_duration", "reverse")
AUDIO_CASES += [
    Case("audio", c.name, {**c.params, "check_finite": False},
         {k: v for k, v in c.peers.items() if v is not SAME and k != "numpy-finite"},
         label="unchecked", augly_equivalent=False,
         note="multiaug with check_finite=False: no NaN/inf scan, the same work as the peers")
    for name in UNCHECKED for c in AUDIO_CASES if c.key == name
]

from training_cases import TRAINING_CASES  # noqa: E402 (training_cases imports Case from here)

CASES: list[Case] = IMAGE_CASES + TRAINING_CASES + TEXT_CASES + AUDIO_CASES

#: first-call latency in a fresh process (import + first call), per modality
FIRST_CALL = {"image": "blur", "text": "simulate_typos", "audio": "pitch_shift"}

#: speed goals from the image / text / audio issues: (case key, library, target ms or None, peer reference)
GOALS = [
    ("brightness", "albumentations", None, "albumentations 0.38 ms"),
    ("resize[half]", "albumentations", None, "albumentations 0.33 ms"),
    ("blur", "albumentations", None, "albumentations 5.7 ms"),
    ("simulate_typos[keyboard]", "nlpaug", 25.0, "nlpaug KeyboardAug 123 ms, AugLy ~9 s; ≥ 5× nlpaug, ≥ 100× AugLy"),
    ("keyboard_typos", "nlpaug", 25.0, "nlpaug KeyboardAug 123 ms"),
    ("pitch_shift", "librosa", 65.0, "librosa 131 ms"),
    ("pitch_shift", "librosa", "x0.5", "issue 17: ≤ 0.5× librosa in one run"),
    ("change_volume", "numpy", None, "issue 17: not slower than plain numpy"),
    ("clip", "numpy", None, "issue 17: not slower than plain numpy"),
    ("loop", "numpy", None, "issue 17: not slower than plain numpy"),
    ("change_volume[unchecked]", "numpy", None, "issue 17: not slower than plain numpy; check_finite=False"),
    ("clip[unchecked]", "numpy", None, "issue 17: not slower than plain numpy; check_finite=False"),
    ("loop[unchecked]", "numpy", None, "issue 17: not slower than plain numpy; check_finite=False"),
    ("change_volume", "numpy-finite", None, "issue 17, the default call: not slower than numpy refusing non-finite input"),
    ("clip", "numpy-finite", None, "issue 17, the default call: not slower than numpy refusing non-finite input"),
    ("loop", "numpy-finite", None, "issue 17, the default call: not slower than numpy refusing non-finite input"),
    ("time_stretch", "librosa", 50.0, "librosa 101 ms"),
    ("contrast", "albumentations", None, "albumentations 0.11 ms"),
    ("pixelization", "albumentations", None, "albumentations 0.77 ms"),
    ("random_noise", "albumentations", None, "albumentations 14 ms"),
    ("train_pipeline[rrc224+hflip+jitter+normalize]", "albumentations", None, "issue 15: ≥ 1.0× albumentations"),
    ("train_pipeline[rrc224+hflip+jitter+normalize]", "torchvision", None, "issue 15: ≥ 1.0× torchvision v2"),
    ("train_pipeline[plain-rrc224+hflip+jitter+normalize]", "albumentations", None,
     "issue 15: ≥ 1.0× albumentations, the same work (no antialiasing)"),
    ("rand_augment[n2m9]", "torchvision", None, "issue 15: ≥ 1.0× torchvision v2"),
]
#: goals judged on the ndarray path (multiaug-np row): the training loop's input (issue 15)
NDARRAY_GOALS = {"brightness", "contrast", "pixelization", "random_noise", "train_pipeline[rrc224+hflip+jitter+normalize]",
                 "train_pipeline[plain-rrc224+hflip+jitter+normalize]",
                 "rand_augment[n2m9]"}


def find(key: str) -> Case:
    """The case whose :attr:`Case.key` is ``key``.

    Args:
        key: ``name`` or ``name[label]``.
    """
    for c in CASES:
        if c.key == key:
            return c
    raise KeyError(key)
