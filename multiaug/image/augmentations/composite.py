"""User-function augmentations: ``apply_lambda`` and ``masked_composite`` (boxes unchanged).

Both take callables (non-JSON parameters). A callable registered with
:func:`multiaug.register_function` is recorded as ``{"$function": name}`` and replays exactly; the
default ``aug_function`` is the registered ``"identity"`` function. Any other callable is recorded
by its name and the record is marked not replayable.

When the callable is a multiaug image function or transform (e.g. ``imaugs.Brightness(2.0)``),
its own intensity is read from its record (AugLy looks it up by class name and never finds it).
Boxes are unchanged by both functions: the user function is treated as photometric.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError, UnsupportedInputError
from ...core.functions import identity_function
from ...core.registry import Out, augmentation
from ...core.spec import Check
from ...core.tracker import Tracker
from ...core.transform import BaseTransform
from ..kernels import composite
from ..modality import IMAGE, PILImage, load_image, load_image_cached
from ..targets import box_rules


def _run_user_function(fn: Any, image: Image.Image, where: str, argument: str, **kwargs: Any) -> tuple[Image.Image, float | None]:
    """Call ``fn(image, **kwargs)``; return (PIL image, its multiaug intensity or None)."""
    intensity: float | None = None
    if isinstance(fn, BaseTransform) or hasattr(fn, "__multiaug_entry__"):
        tracker = Tracker()
        out = fn(image, metadata=tracker, **kwargs)
        intensity = max((float(r["intensity"]) for r in tracker), default=0.0)
    else:
        out = fn(image, **kwargs)
    if isinstance(out, np.ndarray):
        out = load_image(out, argument, where)
    if not isinstance(out, Image.Image):
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' must return a PIL image or a uint8 ndarray, got {type(out).__name__}"
        )
    return (image.copy() if out is image else out), intensity


def _lambda_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """The intensity recorded by aug_function when it is a multiaug function or transform, else 100."""
    inner = facts["info"].get("inner_intensity")
    return 100.0 if inner is None else inner


_CALLABLE = Check(callable, "must be callable (image, **kwargs) -> image")


@augmentation(IMAGE, intensity=_lambda_intensity, bbox=box_rules.unchanged)
def apply_lambda(image: PILImage, aug_function: Annotated[Any, _CALLABLE] = identity_function, **kwargs: Any) -> Out:
    """Call a user function ``aug_function(image, **kwargs)`` on the image.

    Extra keyword arguments are passed on to ``aug_function``.

    Args:
        aug_function: callable taking a PIL image (in the caller's mode) and returning a PIL image
            or uint8 array; register it with ``multiaug.register_function`` to make records replayable.
    """
    out, inner = _run_user_function(aug_function, image, "apply_lambda", "aug_function", **kwargs)
    return Out(out, info={"inner_intensity": inner})


def _composite_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """mask_fraction · t · 100: share of mask pixels > 0 (1 without mask) times the transform's intensity / 100
    (1 for a plain callable, 0 without transform)."""
    info = facts["info"]
    return info["mask_fraction"] * info["transform_strength"] * 100.0


def _is_mask(value: Any) -> bool:
    return value is None or isinstance(value, (str, Image.Image, np.ndarray)) or hasattr(value, "__fspath__")


def _load_mask(mask: Any, size: tuple[int, int]) -> Image.Image:
    """The mask as grey levels; a mask file is decoded once (cached, never modified)."""
    m, _ = load_image_cached(mask, "mask", "masked_composite")
    if m.size != size:
        raise InvalidParameterError(f"masked_composite: argument 'mask' must have the image size {size}, got {m.size}",
                                    function="masked_composite", argument="mask")
    return composite.as_mask(m)


@augmentation(IMAGE, intensity=_composite_intensity, bbox=box_rules.unchanged)
def masked_composite(
    image: PILImage,
    mask: Annotated[Any, Check(_is_mask, "must be None, a file path, a PIL image or a uint8 array")] = None,
    transform_function: Annotated[Any, Check(lambda v: v is None or callable(v), "must be None or callable")] = None,
) -> Out:
    """Apply ``transform_function`` only where ``mask`` is set: ``Image.composite(transformed, image, mask)``.

    Without a transform the image is returned unchanged; without a mask the whole transformed
    image is returned. The mask is read as grey levels (mode "1" and "L" as is, an image with
    alpha by its alpha channel, other modes converted to L): 255 takes the transformed pixel,
    0 keeps the original, values between blend.

    Args:
        mask: file path, PIL image or uint8 array of the same size as the image, or None
            (the whole image). A path keeps records replayable.
        transform_function: callable image → image (e.g. a multiaug class such as
            ``imaugs.Brightness(factor=2.0)``), or None for no change. It must keep the size.
    """
    m = None if mask is None else _load_mask(mask, image.size)
    fraction = 1.0 if m is None else composite.mask_fraction(m)
    if transform_function is None:
        return Out(image.copy(), info={"mask_fraction": fraction, "transform_strength": 0.0})
    aug, inner = _run_user_function(transform_function, image, "masked_composite", "transform_function")
    out = aug if m is None else composite.blend_with_mask(aug, image, m)
    return Out(out, info={"mask_fraction": fraction, "transform_strength": 1.0 if inner is None else inner / 100.0})
