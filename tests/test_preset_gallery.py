"""docs/gallery/presets.md lists every shipped preset with its description and a sample, and is up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image

from multiaug.data.presets import describe_presets

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("build_preset_gallery", ROOT / "scripts" / "build_preset_gallery.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_preset_page_is_fresh_and_lists_every_preset():
    page = (ROOT / "docs" / "gallery" / "presets.md").read_text(encoding="utf-8")
    assert page == _script().render_markdown(), "stale: run python scripts/build_preset_gallery.py"
    for r in describe_presets():
        assert f"### `{r['preset']}`" in page and r["description"] in page
        if r["modality"] == "image":
            assert (ROOT / "docs" / "gallery" / "media" / "presets" / f"image_{r['preset']}.jpg").is_file()


def test_contact_sheet_is_small_and_shows_a_grid():
    sheet = ROOT / "docs" / "gallery" / "media" / "presets" / "moderation_contact_sheet.jpg"
    assert sheet.stat().st_size < 300_000
    with Image.open(sheet) as im:
        assert im.format == "JPEG" and im.width >= 6 * 170 and im.height >= 4 * 170
