"""``multiaug.utils``: what AugLy code imports from ``augly.utils``, working on multiaug's shipped assets.

Swap ``from augly.utils import X`` for ``from multiaug.utils import X`` (also ``augly.utils.base_paths``,
``.constants``, ``.io``, ``.classes``, ``.functions``, ``.asserts`` → the same submodules here):

* asset folders and files: ``ASSETS_BASE_DIR``, ``EMOJI_DIR``, ``SMILEY_EMOJI_DIR``, ``EMOJI_PATH``, ``FONTS_DIR``,
  ``FONT_PATH``, ``MEME_DEFAULT_FONT``, ``SCREENSHOT_TEMPLATES_DIR``, ``TEMPLATE_PATH``, ``BBOXES_PATH``,
  ``TEXT_DIR``, ``CONTRACTIONS_MAPPING``, ... (:mod:`multiaug.utils.base_paths`, :mod:`multiaug.utils.constants`);
* ``pathmgr`` — iopath's ``PathManager`` methods for local files (:mod:`multiaug.utils.io`);
* ``Segment`` and ``compute_time_crop_segments`` for audio segment metadata;
* ``is_image_file`` / ``validate_image_path`` & co., raising typed errors instead of ``assert``.

Names load on first use, so ``import multiaug.utils`` stays cheap. See docs/MIGRATING_FROM_AUGLY.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time the names load on first use (__getattr__)
    from .asserts import (
        is_audio_file,
        is_image_file,
        is_video_file,
        validate_audio_path,
        validate_image_path,
        validate_output_path,
        validate_path,
        validate_rgb_color,
        validate_video_path,
    )
    from .base_paths import (
        ASSETS_BASE_DIR,
        AUDIO_ASSETS_DIR,
        EMOJI_DIR,
        FONTS_DIR,
        IMAGE_ASSETS_DIR,
        IMG_MASK_DIR,
        MODULE_BASE_DIR,
        SCREENSHOT_TEMPLATES_DIR,
        TEMPLATE_PATH,
        TEXT_DIR,
    )
    from .classes import Segment
    from .constants import (
        BBOXES_PATH,
        BOLD_FONT,
        CONTRACTIONS_MAPPING,
        DEFAULT_COLOR,
        DEFAULT_FONT,
        DEFAULT_FRAME_RATE,
        DEFAULT_SAMPLE_RATE,
        DEFAULT_TEXT_OVERLAY_FONT_PATH,
        EMOJI_PATH,
        FONT_PATH,
        FUN_FONTS_GREEK_PATH,
        FUN_FONTS_PATH,
        GENDERED_WORDS_MAPPING,
        IMG_MASK_PATH,
        MEME_DEFAULT_FONT,
        MISSPELLING_DICTIONARY_PATH,
        MONTSERRAT_FONT,
        RED_RGB_COLOR,
        SMILEY_EMOJI_DIR,
        SUPPORTED_LINE_TYPES,
        UNICODE_MAPPING_PATH,
        WHITE_RGB_COLOR,
    )
    from .functions import compute_time_crop_segments
    from .io import PathManager, pathmgr

_MODULES = ("base_paths", "constants", "classes", "functions", "io", "asserts")
#: name → submodule (tests/test_utils.py checks it against each submodule's __all__)
_NAMES: dict[str, str] = {
    **dict.fromkeys(["ASSETS_BASE_DIR", "AUDIO_ASSETS_DIR", "EMOJI_DIR", "FONTS_DIR", "IMAGE_ASSETS_DIR",
                     "IMG_MASK_DIR", "MODULE_BASE_DIR", "SCREENSHOT_TEMPLATES_DIR", "TEMPLATE_PATH", "TEXT_DIR"],
                    "base_paths"),
    **dict.fromkeys(["BBOXES_PATH", "BOLD_FONT", "CONTRACTIONS_MAPPING", "DEFAULT_COLOR", "DEFAULT_FONT",
                     "DEFAULT_FRAME_RATE",
                     "DEFAULT_SAMPLE_RATE", "DEFAULT_TEXT_OVERLAY_FONT_PATH", "EMOJI_PATH", "FONT_PATH",
                     "FUN_FONTS_GREEK_PATH", "FUN_FONTS_PATH", "GENDERED_WORDS_MAPPING", "IMG_MASK_PATH",
                     "MEME_DEFAULT_FONT", "MISSPELLING_DICTIONARY_PATH", "MONTSERRAT_FONT", "RED_RGB_COLOR",
                     "SMILEY_EMOJI_DIR", "SUPPORTED_LINE_TYPES", "UNICODE_MAPPING_PATH", "WHITE_RGB_COLOR"],
                    "constants"),
    "Segment": "classes",
    "compute_time_crop_segments": "functions",
    "PathManager": "io", "pathmgr": "io",
    **dict.fromkeys(["is_audio_file", "is_image_file", "is_video_file", "validate_audio_path",
                     "validate_image_path", "validate_output_path", "validate_path", "validate_rgb_color",
                     "validate_video_path"], "asserts"),
}


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return importlib.import_module(f"multiaug.utils.{name}")
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'multiaug.utils' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"multiaug.utils.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*_NAMES, *_MODULES])


__all__ = sorted(_NAMES)
