"""Where multiaug's shipped assets are (AugLy's ``augly.utils.base_paths`` names).

Every path is a ``str`` (as in AugLy), computed from :func:`multiaug.assets.assets_dir` without checking that the
file exists (a missing file is reported when it is used). ``MODULE_BASE_DIR`` is the folder that holds
``assets/``, so AugLy-style ``os.path.join(MODULE_BASE_DIR, "assets", ...)`` resolves in a wheel (the package
folder) and in a checkout alike.
"""

from __future__ import annotations

import importlib.util
import os

from ..assets import assets_dir
from ..core.errors import MediaReadError

ASSETS_BASE_DIR: str = os.fspath(assets_dir())
MODULE_BASE_DIR: str = os.path.dirname(ASSETS_BASE_DIR)

AUDIO_ASSETS_DIR: str = os.path.join(ASSETS_BASE_DIR, "audio")
TEXT_DIR: str = os.path.join(ASSETS_BASE_DIR, "text")
IMAGE_ASSETS_DIR: str = os.path.join(ASSETS_BASE_DIR, "image")
EMOJI_DIR: str = os.path.join(IMAGE_ASSETS_DIR, "emoji")
FONTS_DIR: str = os.path.join(IMAGE_ASSETS_DIR, "fonts")
SCREENSHOT_TEMPLATES_DIR: str = os.path.join(IMAGE_ASSETS_DIR, "screenshot_templates")
#: sample photos and the two binary masks (``mask_blob.png``, ``mask_half.png``); AugLy: a folder of masks
IMG_MASK_DIR: str = os.path.join(IMAGE_ASSETS_DIR, "samples")
#: a multiaug-drawn web screenshot template (1200x736); its content box is in ``BBOXES_PATH``
TEMPLATE_PATH: str = os.path.join(SCREENSHOT_TEMPLATES_DIR, "web.png")


def nlpaug_resources() -> str:
    """The ``res`` folder of the installed nlpaug package (keyboard, OCR and misspelling tables), found without
    importing nlpaug."""
    spec = importlib.util.find_spec("nlpaug")
    if spec is None or not spec.submodule_search_locations:
        raise MediaReadError("the nlpaug package (a multiaug dependency) is not installed; its resource files "
                             "provide the keyboard, OCR and misspelling tables")
    return os.path.join(next(iter(spec.submodule_search_locations)), "res")


__all__ = [
    "ASSETS_BASE_DIR",
    "AUDIO_ASSETS_DIR",
    "EMOJI_DIR",
    "FONTS_DIR",
    "IMAGE_ASSETS_DIR",
    "IMG_MASK_DIR",
    "MODULE_BASE_DIR",
    "SCREENSHOT_TEMPLATES_DIR",
    "TEMPLATE_PATH",
    "TEXT_DIR",
    "nlpaug_resources",
]
