"""User functions (``apply_lambda``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import numpy as np

from ...core.errors import UnsupportedInputError
from ...core.functions import identity_function
from ...core.registry import augmentation
from ...core.spec import Check
from ..modality import AUDIO, Audio, validate_audio_array, validate_sample_rate


def _lambda_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """Intensity of aug_function when it is a multiaug audio augmentation (with its kwargs), else 100."""
    fn = params.get("aug_function")
    entry = getattr(fn, "__multiaug_entry__", None)
    if entry is not None and entry.modality.name == "audio":
        try:
            return float(entry.intensity(entry.validate_params(dict(params.get("kwargs") or {})), facts))
        except (ValueError, TypeError, KeyError, ArithmeticError):  # not evaluable: AugLy default
            return 100.0
    return 100.0


@augmentation(AUDIO, intensity=_lambda_intensity)
def apply_lambda(
    audio: Audio,
    sample_rate: int = 44100,
    aug_function: Annotated[Callable[..., Any], Check(callable, "must be callable")] = identity_function,
    **kwargs: Any,
) -> tuple[np.ndarray, int]:
    """Apply ``aug_function(audio, sample_rate, **kwargs)``, which returns ``(audio, sample_rate)``.

    The function receives a copy of the audio (channels-first float array), so it may work in place.
    It may also return a bare array, taken to be at the input's sample rate. Register it with
    ``multiaug.register_function`` to make records and pipelines replayable.

    Args:
        aug_function: callable ``(audio, sample_rate, **kwargs) -> (audio, sample_rate)``; the default
            returns its input.
        kwargs: extra keyword arguments passed to ``aug_function``.
    """
    result = aug_function(audio.copy(), sample_rate, **kwargs)
    if isinstance(result, tuple) and len(result) == 2:
        out, sr = result
        sr = validate_sample_rate(sr, "apply_lambda (aug_function result)")
    else:
        out, sr = result, sample_rate
    if not isinstance(out, np.ndarray):
        raise UnsupportedInputError(
            f"apply_lambda: argument 'aug_function' must return (ndarray, sample_rate), got {type(out).__name__}"
        )
    if out.dtype not in (np.float32, np.float64):
        out = out.astype(np.float64) if out.dtype.kind in "iuf" else out
    out = validate_audio_array(out, "apply_lambda (aug_function result)")
    return out, sr
