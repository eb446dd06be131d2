"""Report and gallery pages in a real headless browser (Debian's Chromium) at a fixed width.

For each page: nothing overflows horizontally (the page is no wider than the window and no element scrolls
sideways), every image loads; for report.html every chart panel draws all its points inside the panel, its title and
tick labels fit, and every series' colour is visible in the screenshot. The test runs wherever Chromium is installed;
CI (.ci/run) installs it and sets MULTIAUG_REQUIRE_BROWSER=1, so there a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from multiaug.robustness import adapters, run_robustness
from multiaug.robustness.charts import PALETTE

from . import browser
from .robustness._fixtures import SAMPLES, flagged_texts, small_photos

ROOT = Path(__file__).resolve().parents[1]

if browser.chromium() is None:
    if os.environ.get("MULTIAUG_REQUIRE_BROWSER") == "1":
        pytest.fail("MULTIAUG_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install -y chromium)",
                    pytrace=False)
    pytest.skip("chromium is not installed (CI installs it and sets MULTIAUG_REQUIRE_BROWSER=1)",
                allow_module_level=True)

# series that end at recall 0 and at 1 on the same levels: in one shared chart they would hide each other
IMAGE_SUITE = {"name": "browser-check", "modality": "image", "transforms": [
    {"name": "hflip", "levels": [{}]},
    {"name": "vflip", "levels": [{}]},
    {"name": "encoding_quality", "levels": [{"quality": 90}, {"quality": 50}, {"quality": 10}]},
    {"name": "blur", "levels": [{"radius": 1.0}, {"radius": 2.0}, {"radius": 4.0}]},
    {"name": "pixelization", "levels": [{"ratio": 0.5}, {"ratio": 0.25}, {"ratio": 0.125}]},
    {"name": "rotate", "levels": [{"degrees": 10.0}, {"degrees": 30.0}, {"degrees": 60.0}]},
    {"name": "crop", "levels": [{"x1": 0.1, "y1": 0.1, "x2": 0.9, "y2": 0.9}, {"x1": 0.3, "y1": 0.3, "x2": 0.7,
                                                                                 "y2": 0.7}]},
]}
TEXT_SUITE = {"name": "browser-check-text", "modality": "text", "transforms": [
    {"name": "replace_similar_unicode_chars", "levels": [{"aug_word_p": 0.3, "aug_char_p": 0.3},
                                                         {"aug_word_p": 1.0, "aug_char_p": 1.0}]},
    {"name": "insert_zero_width_chars", "levels": [{"cadence": 8.0}, {"cadence": 1.0}]},
    {"name": "insert_emoji", "levels": [{"num_insertions": 1}, {"num_insertions": 6}]},
]}


def _check_layout(m: dict, where: str) -> None:
    assert m["page_width"] <= m["viewport"], f"{where}: page is {m['page_width']} px wide in {m['viewport']} px"
    assert not m["overflowing"], f"{where}: elements overflow horizontally: {m['overflowing'][:10]}"
    broken = [i["src"] for i in m["images"] if not i["loaded"]]
    assert not broken, f"{where}: images that do not load: {broken[:10]}"


def _check_panels(m: dict, series: list[str], where: str) -> None:
    assert m["panels"], f"{where}: no chart panels"
    names = [p["series"] for p in m["panels"]]
    assert names == series + series, f"{where}: panels {names}, expected each series once per chart"
    for p in m["panels"]:
        assert p["visible"] and p["drawn"] == p["expected"] > 0, f"{where}: {p}"
        assert p["inside"] == p["drawn"], f"{where}: points outside their panel: {p}"
        assert p["title_fits"], f"{where}: the title of panel {p['series']} is cut"
    assert not m["texts_cut"], f"{where}: chart labels cut at the panel edge: {m['texts_cut'][:10]}"


def _colours_visible(png: Path, n: int) -> list[str]:
    """Palette colours of the first ``n`` series that are absent from the screenshot."""
    px = np.asarray(Image.open(png).convert("RGB"), dtype=np.int16).reshape(-1, 3)
    missing = []
    for colour in PALETTE[:n]:
        rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        if np.count_nonzero(np.abs(px - rgb).max(axis=1) <= 12) < 30:
            missing.append(colour)
    return missing


@pytest.mark.parametrize("kind", ["image", "text"])
def test_report_page_in_a_browser(kind, tmp_path):
    if kind == "image":
        rgba = Image.open(SAMPLES / "chelsea_rgba.png")
        rgba.thumbnail((160, 160))
        report = run_robustness([*small_photos(), rgba], adapters.phash, IMAGE_SUITE, seed=0, out=tmp_path)
    else:
        report = run_robustness(flagged_texts(8), adapters.keyword_filter, TEXT_SUITE, seed=0, out=tmp_path)
    page = tmp_path / "report.html"
    series = [t["transform"] for t in report.data["summary"]]
    m = browser.measure(page)
    _check_layout(m, f"{kind} report.html")
    _check_panels(m, series, f"{kind} report.html")
    if kind == "image":
        assert len(m["images"]) == 2 * len(report.examples) > 0
    png = browser.screenshot(page, tmp_path / "report.png", height=1400)
    assert Image.open(png).size[0] == browser.WIDTH
    missing = _colours_visible(png, len(series))
    assert not missing, f"{kind} report: series colours not visible in the screenshot: {missing}"


@pytest.mark.parametrize("modality", ["image", "text", "audio", "tabular"])
def test_gallery_page_in_a_browser(modality, tmp_path):
    pytest.importorskip("markdown_it")
    md = ROOT / "docs" / "gallery" / f"{modality}.md"
    page = browser.markdown_page(md, tmp_path / f"{modality}.html")
    m = browser.measure(page)
    _check_layout(m, f"gallery/{modality}.md")
    expected_images = {"image": 2, "text": 0, "audio": 2, "tabular": 0}[modality]
    import multiaug

    assert len(m["images"]) >= expected_images * len(multiaug.entries(modality))
    png = browser.screenshot(page, tmp_path / f"{modality}.png", height=1200)
    grey = np.asarray(Image.open(png).convert("L"))
    assert grey.std() > 10, "the screenshot is blank"


def test_the_measurement_catches_overflow_and_hidden_points(tmp_path):
    """The harness itself: a page that is too wide and a panel whose point lies outside it are reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><body><div style='width:2000px'>wide</div>"
        "<svg class='ma-panel' data-series='s' data-points='2' width='100' height='80'><text x='4' y='14'>s</text>"
        "<circle class='ma-point' cx='50' cy='40' r='3'/><circle class='ma-point' cx='150' cy='40' r='3'/></svg>"
        "</body></html>", encoding="utf-8")
    m = browser.measure(bad)
    assert m["page_width"] > m["viewport"] and m["overflowing"]
    (panel,) = m["panels"]
    assert panel["drawn"] == 2 and panel["inside"] == 1
    with pytest.raises(AssertionError, match="points outside"):
        _check_panels({**m, "panels": [panel, panel]}, ["s"], "bad")   # (one panel per chart, two charts)
    with pytest.raises(AssertionError, match="overflow|wide"):
        _check_layout(m, "bad")
