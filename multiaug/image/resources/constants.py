"""AugLy-compatible image constants, pointing at multiaug's own shipped assets.

AugLy-style code does ``from augly.image import utils; utils.EMOJI_PATH``; here the same names are
exported from :mod:`multiaug.image`. Paths are strings (like AugLy's). They are computed from the
assets folder (``multiaug.assets.assets_dir``) without checking that each file exists, so importing
never fails; a missing file is reported (``MediaReadError``) when it is used.

Differences from AugLy (see docs/MIGRATING_FROM_AUGLY.md, "Image functions — overlays"):

* Emoji are Twemoji art at 512 px in one flat folder (``assets/image/emoji``) with an ``index.json``.
  AugLy's per-category folders are kept as *virtual* directories: ``SMILEY_EMOJI_DIR`` is
  ``<emoji folder>/smileys``, which :func:`multiaug.image.resources.emoji.emoji_files` resolves to every emoji of
  the ``smileys`` category (a real folder of PNG files works too).
* Fonts are OFL Noto / DejaVu / Dancing Script (no Raleway, Allura or Impact): ``MEME_DEFAULT_FONT``
  is Noto Sans Black, ``DEFAULT_TEXT_OVERLAY_FONT_PATH`` is Dancing Script (a script face like Allura).
"""

from __future__ import annotations

# one source for asset paths and defaults: multiaug.utils (AugLy's augly.utils names), light to import
from ...utils.base_paths import EMOJI_DIR, FONTS_DIR, SCREENSHOT_TEMPLATES_DIR, TEMPLATE_PATH
from ...utils.constants import (
    BBOXES_PATH,
    BOLD_FONT,
    DEFAULT_COLOR,
    DEFAULT_FONT,
    DEFAULT_TEXT_OVERLAY_FONT_PATH,
    EMOJI_PATH,
    FONT_PATH,
    MEME_DEFAULT_FONT,
    MONTSERRAT_FONT,
    RED_RGB_COLOR,
    SMILEY_EMOJI_DIR,
    WHITE_RGB_COLOR,
)

__all__ = ["BBOXES_PATH", "BOLD_FONT", "DEFAULT_COLOR", "DEFAULT_FONT", "DEFAULT_TEXT_OVERLAY_FONT_PATH", "EMOJI_DIR",
           "EMOJI_PATH", "FONTS_DIR", "FONT_PATH", "MEME_DEFAULT_FONT", "MONTSERRAT_FONT", "RED_RGB_COLOR",
           "SCREENSHOT_TEMPLATES_DIR", "SMILEY_EMOJI_DIR", "TEMPLATE_PATH", "WHITE_RGB_COLOR"]

EXPORTS = (
    "DEFAULT_COLOR",
    "WHITE_RGB_COLOR",
    "RED_RGB_COLOR",
    "EMOJI_PATH",
    "SMILEY_EMOJI_DIR",
    "FONT_PATH",
    "MEME_DEFAULT_FONT",
    "DEFAULT_TEXT_OVERLAY_FONT_PATH",
    "MONTSERRAT_FONT",
    "TEMPLATE_PATH",
    "BBOXES_PATH",
)
