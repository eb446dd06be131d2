"""The new-style declaration form: reserved parameters inserted at AugLy's positions, draw= before the body,
Drawn values recorded, working forms and per-form kernels. Each test registers throwaway entries and removes
them again so the catalogue is untouched."""

from __future__ import annotations

import contextlib
import inspect
from typing import Annotated

import numpy as np
import pytest
from PIL import Image

import multiaug.audio  # noqa: F401  (registers the modalities)
import multiaug.image  # noqa: F401
import multiaug.text  # noqa: F401
from multiaug import Tracker
from multiaug.audio.modality import AUDIO
from multiaug.core.errors import RegistrationError, UnknownArgumentError
from multiaug.core.registry import _REGISTRY, Drawn, augmentation
from multiaug.core.spec import Range
from multiaug.image.targets import box_rules as bb
from multiaug.image.modality import ARRAY, IMAGE, ArrayImage, PILImage
from multiaug.text.modality import TEXT


@contextlib.contextmanager
def registered(*keys):
    try:
        yield
    finally:
        for k in keys:
            _REGISTRY.pop(k, None)


def _always(params, facts):
    """always 50."""
    return 50.0


def _draw_offset(rng, params, image):
    return {"offset": int(rng.integers(0, params["high"] + 1))}


def test_image_reserved_parameters_are_inserted_at_augly_positions():
    with registered(("image", "t_shift")):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged, draw=_draw_offset, seed_default=42)
        def t_shift(image: ArrayImage, high: Annotated[int, Range(0, 255)] = 10, *, offset: Drawn) -> ArrayImage:
            """Add a random offset.

            Args:
                high: largest offset.
            """
            return np.clip(image.astype(np.int16) + offset, 0, 255).astype(np.uint8)

        names = list(inspect.signature(t_shift).parameters)
        assert names[:7] == ["image", "output_path", "high", "seed", "metadata", "bboxes", "bbox_format"]
        assert "offset" not in names
        assert inspect.signature(t_shift).parameters["seed"].default == 42
        assert "output_path:" in (t_shift.__doc__ or "") and "bbox_format:" in (t_shift.__doc__ or "")
        img = np.full((4, 5, 3), 100, np.uint8)
        tr = Tracker()
        out = t_shift(img, high=20, seed=3, metadata=tr)
        drawn = tr[0]["drawn"]["offset"]
        assert 0 <= drawn <= 20 and np.all(out == 100 + drawn)
        assert tr[0]["seed"] == 3
        again = tr.replay(img)
        assert np.array_equal(again, out)
        pil = t_shift(Image.fromarray(img), high=20, seed=3)
        assert isinstance(pil, Image.Image) and np.array_equal(np.asarray(pil), out)
        with pytest.raises(UnknownArgumentError):
            t_shift(img, offset=1)


def test_required_parameters_come_before_output_path():
    with registered(("image", "t_need")):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged, example={"other": 1})
        def t_need(image: PILImage, other: int, level: float = 0.5) -> PILImage:
            """Identity.

            Args:
                other: anything.
                level: anything.
            """
            return image.copy()

        assert list(inspect.signature(t_need).parameters)[:4] == ["image", "other", "output_path", "level"]


def test_kernel_for_registers_a_native_pil_path():
    calls = []
    with registered(("image", "t_flip")):
        @augmentation(IMAGE, intensity=_always, bbox=bb.hflip_rule)
        def t_flip(image: ArrayImage) -> ArrayImage:
            """Mirror."""
            calls.append("array")
            return image[:, ::-1].copy()

        @t_flip.kernel_for(PILImage)
        def _t_flip_pil(image: Image.Image) -> Image.Image:
            calls.append("pil")
            return image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)

        arr = np.arange(24, dtype=np.uint8).reshape(2, 4, 3)
        a = t_flip(arr)
        p = t_flip(Image.fromarray(arr))
        assert calls == ["array", "pil"]
        assert np.array_equal(a, np.asarray(p))
        with pytest.raises(RegistrationError):
            t_flip.kernel_for(int)


def test_drawn_without_draw_is_refused():
    with pytest.raises(RegistrationError):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged)
        def t_bad(image: ArrayImage, *, value: Drawn) -> ArrayImage:
            """Bad."""
            return image


def test_text_and_audio_insert_their_reserved_parameters():
    def draw_k(rng, params, texts):
        return {"k": int(rng.integers(1, 3))}

    with registered(("text", "t_repeat"), ("audio", "t_gain")):
        @augmentation(TEXT, intensity=_always, draw=draw_k)
        def t_repeat(texts: list[str], sep: str = " ", *, k: Drawn) -> list[str]:
            """Repeat each text.

            Args:
                sep: separator.
            """
            return [sep.join([t] * k) for t in texts]

        @augmentation(AUDIO, intensity=_always)
        def t_gain(audio: np.ndarray, sample_rate: int = 44100, factor: float = 2.0):
            """Scale.

            Args:
                factor: gain factor.
            """
            return audio * factor, sample_rate

        assert list(inspect.signature(t_repeat).parameters)[:4] == ["texts", "sep", "seed", "metadata"]
        out = t_repeat("ab", seed=1)
        assert out in ("ab", "ab ab")
        assert list(inspect.signature(t_gain).parameters)[:5] == ["audio", "sample_rate", "factor", "output_path",
                                                                   "metadata"]
        y, sr = t_gain(np.ones(4, np.float32), 8000)
        assert sr == 8000 and y.dtype == np.float32 and np.all(y == 2)


def test_image_kernel_rule_is_refused_one_way_to_declare_forms():
    """The legacy ``kernel=ARRAY`` flag is gone: the media annotation names the form, ``kernel_for`` adds others."""
    with registered(("image", "t_legacy")), pytest.raises(RegistrationError, match="kernel_for"):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged, kernel=ARRAY)
        def t_legacy(image: ArrayImage) -> ArrayImage:
            """Legacy."""
            return image.copy()
    assert ("image", "t_legacy") not in _REGISTRY


def test_an_array_body_without_a_pil_twin_serves_pil_inputs_through_one_conversion():
    seen = []
    with registered(("image", "t_inv")):
        @augmentation(IMAGE, intensity=_always, bbox=bb.unchanged)
        def t_inv(image: ArrayImage) -> ArrayImage:
            """Invert."""
            seen.append(type(image))
            return 255 - image

        img = Image.new("RGB", (4, 3), (10, 20, 30))
        out = t_inv(img)
        assert isinstance(out, Image.Image) and out.getpixel((0, 0)) == (245, 235, 225)
        assert seen == [np.ndarray]
