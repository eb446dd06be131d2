"""AugLy's ``augly.utils.constants`` names, pointing at multiaug's own shipped assets.

The image defaults here are the ones the image functions use (``multiaug.image`` re-exports them). Differences
from AugLy: emoji are Twemoji art at 512 px in one flat folder, and AugLy's per-category folders are *virtual*
(``SMILEY_EMOJI_DIR`` is ``<emoji folder>/smileys``; :data:`multiaug.utils.pathmgr` lists and opens it, and
``overlay_emoji`` accepts ``<emoji folder>/smileys/<file>``); fonts are OFL Noto / DejaVu / Dancing Script;
fun fonts are built in (``FUN_FONTS_PATH`` is ``None``, which ``replace_fun_fonts(fonts_path=...)`` reads as the
built-in set). Not provided: ``FONT_LIST_PATH`` (AugLy's pickled glyph lists: ``overlay_text`` takes a ``str``),
``DEFAULT_TEXT_INDICES`` (random glyph indices drawn at import) and ``SILENT_AUDIO_PATH``.
"""

from __future__ import annotations

import os

from .base_paths import EMOJI_DIR, FONTS_DIR, IMG_MASK_DIR, SCREENSHOT_TEMPLATES_DIR, TEXT_DIR, nlpaug_resources

DEFAULT_COLOR: tuple[int, int, int] = (0, 0, 0)
WHITE_RGB_COLOR: tuple[int, int, int] = (255, 255, 255)
RED_RGB_COLOR: tuple[int, int, int] = (255, 0, 0)

#: audio functions' default ``sample_rate`` (Hz) for array inputs
DEFAULT_SAMPLE_RATE: int = 44100
#: AugLy's video frame rate default (multiaug has no video functions; kept for code that imports it)
DEFAULT_FRAME_RATE: int = 10

#: ``overlay_stripes(line_type=...)`` choices
SUPPORTED_LINE_TYPES: list[str] = ["dotted", "dashed", "solid"]

#: AugLy: twemojis/smileys/smiling_face_with_heart_eyes.png (U+1F60D)
EMOJI_PATH: str = os.path.join(EMOJI_DIR, "1f60d.png")
#: virtual category folder (see the module docstring)
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

#: content box of ``TEMPLATE_PATH``, for ``overlay_onto_screenshot(template_bboxes_filepath=...)``
BBOXES_PATH: str = os.path.join(SCREENSHOT_TEMPLATES_DIR, "bboxes.json")
#: a binary mask (white blob on black), e.g. for ``masked_composite(mask=...)`` (AugLy: dfdc_mask.png)
IMG_MASK_PATH: str = os.path.join(IMG_MASK_DIR, "mask_blob.png")

#: ``contractions(mapping=...)`` default table
CONTRACTIONS_MAPPING: str = os.path.join(TEXT_DIR, "contractions.json")
#: ``swap_gendered_words(mapping=...)`` default table (word → counterpart, both directions)
GENDERED_WORDS_MAPPING: str = os.path.join(TEXT_DIR, "gendered_words.json")
#: char → look-alikes, for ``replace_similar_unicode_chars(mapping_path=...)`` (the full homoglyph table)
UNICODE_MAPPING_PATH: str = os.path.join(TEXT_DIR, "homoglyphs.json")
#: ``simulate_typos`` / ``spelling_mistakes`` default misspelling list (nlpaug's, ``word miss1 miss2 ...`` lines)
MISSPELLING_DICTIONARY_PATH: str = os.path.join(nlpaug_resources(), "word", "spelling", "spelling_en.txt")
#: fun fonts are built in: ``replace_fun_fonts(fonts_path=None)`` uses them (AugLy: fun_fonts.json)
FUN_FONTS_PATH: str | None = None
FUN_FONTS_GREEK_PATH: str | None = None

__all__ = [
    "BBOXES_PATH",
    "BOLD_FONT",
    "CONTRACTIONS_MAPPING",
    "DEFAULT_COLOR",
    "DEFAULT_FONT",
    "DEFAULT_FRAME_RATE",
    "DEFAULT_SAMPLE_RATE",
    "DEFAULT_TEXT_OVERLAY_FONT_PATH",
    "EMOJI_PATH",
    "FONT_PATH",
    "FUN_FONTS_GREEK_PATH",
    "FUN_FONTS_PATH",
    "GENDERED_WORDS_MAPPING",
    "IMG_MASK_PATH",
    "MEME_DEFAULT_FONT",
    "MISSPELLING_DICTIONARY_PATH",
    "MONTSERRAT_FONT",
    "RED_RGB_COLOR",
    "SMILEY_EMOJI_DIR",
    "SUPPORTED_LINE_TYPES",
    "UNICODE_MAPPING_PATH",
    "WHITE_RGB_COLOR",
]
