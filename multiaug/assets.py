"""Locate the shipped assets folder in every install layout.

``assets/`` lives at the repository's top level. In a wheel / ``pip install .`` it is installed
as ``multiaug/assets``; in an editable install it is found beside the package folder.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .core.errors import MediaReadError


@functools.lru_cache(maxsize=1)
def assets_dir() -> Path:
    """The assets folder (``MULTIAUG_ASSETS`` overrides)."""
    env = os.environ.get("MULTIAUG_ASSETS")
    here = Path(__file__).resolve().parent
    candidates = ([Path(env)] if env else []) + [here / "assets", here.parent / "assets"]
    for c in candidates:
        if c.is_dir() and (c / "MANIFEST.json").is_file():
            return c
    for c in candidates:
        if c.is_dir():
            return c
    raise MediaReadError(f"multiaug assets folder not found (looked in: {', '.join(map(str, candidates))})")


def asset_path(*parts: str) -> Path:
    """Path of a shipped asset, e.g. ``asset_path("image", "fonts", "NotoSans-Regular.ttf")``; must exist."""
    p = assets_dir().joinpath(*parts)
    if not p.exists():
        raise MediaReadError(f"shipped asset not found: {p}")
    return p
