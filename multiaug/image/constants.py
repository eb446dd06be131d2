"""AugLy-compatible image constants, pointing at multiaug's own shipped assets.

AugLy-style code does ``from augly.image import utils; utils.EMOJI_PATH``; here the same names are
exported from :mod:`multiaug.image`. Paths are strings (like AugLy's). They are computed from the
assets folder (``multiaug.assets.assets_dir``) without checking that each file exists, so importing
never fails; a missing file is reported (``MediaReadError``) when it is used.

Differences from AugLy (see docs/MIGRATING_FROM_AUGLY.md, "Image functions — overlays"):

* Emoji are Twemoji art at 512 px in one flat folder (``assets/image/emoji``) with an ``index.json``.
  AugLy's per-category folders are kept as *virtual* directories: ``SMILEY_EMOJI_DIR`` is
  ``<emoji folder>/smileys``, which :func:`multiaug.image.emoji.emoji_files` resolves to every emoji of
  the ``smileys`` category (a real folder of PNG files works too).
* Fonts are OFL Noto / DejaVu / Dancing Script (no Raleway, Allura or Impact): ``MEME_DEFAULT_FONT``
  is Noto Sans Black, ``DEFAULT_TEXT_OVERLAY_FONT_PATH`` is Dancing Script (a script face like Allura).
"""

from __future__ import annotations

import os

from ..assets import assets_dir

_IMAGE = os.fspath(assets_dir() / "image")

DEFAULT_COLOR: tuple[int, int, int] = (0, 0, 0)
WHITE_RGB_COLOR: tuple[int, int, int] = (255, 255, 255)
RED_RGB_COLOR: tuple[int, int, int] = (255, 0, 0)

FONTS_DIR: str = os.path.join(_IMAGE, "fonts")
EMOJI_DIR: str = os.path.join(_IMAGE, "emoji")
SCREENSHOT_TEMPLATES_DIR: str = os.path.join(_IMAGE, "screenshot_templates")

#: AugLy: twemojis/smileys/smiling_face_with_heart_eyes.png (U+1F60D)
EMOJI_PATH: str = os.path.join(EMOJI_DIR, "1f60d.png")
#: virtual category folder (see module docstring)
SMILEY_EMOJI_DIR: str = os.path.join(EMOJI_DIR, "smileys")

#: overlay_text default (AugLy: NotoNaskhArabic-Regular.ttf)
FONT_PATH: str = os.path.join(FONTS_DIR, "NotoNaskhArabic-Regular.ttf")
#: meme_format / ranking_numbers default (AugLy: Raleway-ExtraBold.ttf)
MEME_DEFAULT_FONT: str = os.path.join(FONTS_DIR, "NotoSans-Black.ttf")
#: overlay_wrap_text default (AugLy: Allura-Regular.ttf, a script face)
DEFAULT_TEXT_OVERLAY_FONT_PATH: str = os.path.join(FONTS_DIR, "DancingScript-Regular.otf")
#: overlay_random_text default (AugLy HEAD: MONTSERRAT_FONT, never defined there)
MONTSERRAT_FONT: str = os.path.join(FONTS_DIR, "NotoSans-Bold.ttf")
#: default body font of procedural screenshot frames and the last-resort Latin face
DEFAULT_FONT: str = os.path.join(FONTS_DIR, "NotoSans-Regular.ttf")
BOLD_FONT: str = os.path.join(FONTS_DIR, "NotoSans-Bold.ttf")

#: a multiaug-drawn web screenshot template (1200x736) and its content box, for AugLy-style
#: ``overlay_onto_screenshot(template_filepath=TEMPLATE_PATH, template_bboxes_filepath=BBOXES_PATH)``
TEMPLATE_PATH: str = os.path.join(SCREENSHOT_TEMPLATES_DIR, "web.png")
BBOXES_PATH: str = os.path.join(SCREENSHOT_TEMPLATES_DIR, "bboxes.json")

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
