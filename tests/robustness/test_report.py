"""report.json / results.csv / report.html (self-contained), notebook display, and the CLI."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import numpy as np
import pytest

from multiaug.cli import main
from multiaug.robustness import Classifier, adapters, run_robustness
from multiaug.robustness.charts import nice_ticks, svg_panels, tick_label
from multiaug.robustness.report import text_diff_html

from ._fixtures import flagged_texts, small_photos

SUITE = {"name": "mini", "modality": "image", "transforms": [
    {"name": "hflip", "levels": [{}]}, {"name": "encoding_quality", "levels": [{"quality": 80}, {"quality": 10}]}]}


def _assert_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page), "no external resources"
    assert "@import" not in page


def test_files_and_html(tmp_path):
    report = run_robustness(small_photos(), adapters.phash, SUITE, seed=0, out=tmp_path)
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["metric"] == "recall" and data["n_tasks"] == 15 and data["n_variants"] == 3
    rows = list(csv.DictReader(io.StringIO((tmp_path / "results.csv").read_text())))
    assert len(rows) == 15 and {"ssim", "phash_distance", "distance", "matched", "seed"} <= set(rows[0])
    page = (tmp_path / "report.html").read_text()
    _assert_self_contained(page)
    # small multiples: one panel per transform in each of the two charts
    assert page.count("<svg class='ma-panel'") == 2 * 2 and "data:image/png;base64," in page
    assert "<figcaption>before</figcaption>" in page and "<figcaption>after</figcaption>" in page
    assert "encoding_quality" in page and "replay verified: True" in page
    assert report._repr_html_() in page
    md = report.to_markdown()
    assert md.splitlines()[0].startswith("| transform | level 1") and "| hflip |" in md
    assert "hflip" in str(report)


def test_text_report_shows_diffs_with_visible_invisible_characters():
    suite = {"modality": "text", "transforms": [{"name": "insert_zero_width_chars", "levels": [{"cadence": 4.0}]}]}
    report = run_robustness(flagged_texts(4), adapters.keyword_filter, suite, seed=0)
    page = report.to_html()
    _assert_self_contained(page)
    assert "<ins>" in page and "⟨U+" in page
    assert text_diff_html("abc", "a\u200bbc") == "a<ins>⟨U+200B⟩</ins>bc"


def test_audio_report_embeds_players():
    sr = 8000
    t = np.arange(sr) / sr
    clips = [(0.3 * np.sin(2 * np.pi * f * t)).astype(np.float32) for f in (300, 500)]
    suite = {"modality": "audio", "transforms": [{"name": "change_volume", "levels": [{"volume_db": -6.0}]}]}
    data = [{"media": c, "sample_rate": sr, "key": f"tone{i}"} for i, c in enumerate(clips)]
    report = run_robustness(data, adapters.audio_fingerprint_matcher, suite, seed=0)
    assert report.data["summary"][0]["levels"][0]["recall"] == 1.0
    row = report.rows[0]
    assert row["measured"]["snr_db"] == pytest.approx(-20 * np.log10(1 - 10 ** (-6 / 20)), abs=0.01)
    page = report.to_html()
    _assert_self_contained(page)
    assert page.count("data:audio/wav;base64,") == 2 * len(report.examples) > 0


def test_svg_panels_handle_missing_points_and_give_each_series_its_panel():
    chart = svg_panels([("a", [(1, 0.5), (2, None)]), ("b", []), ("c", [(1, 1.0), (2, 1.0)])], "x", "y",
                       integer_x=True)
    assert chart.count("<svg class='ma-panel'") == 3
    assert "data-series='a' data-points='1'" in chart and "data-series='b' data-points='0'" in chart
    assert chart.count("<polyline") == 1  # only 'c' has two points to join
    assert chart.count("class='ma-point'") == 3


def test_ticks_use_the_decimals_their_step_needs():
    ticks, step = nice_ticks(0.0, 104.0)
    assert [tick_label(t, step) for t in ticks] == ["0", "50", "100"]
    ticks, step = nice_ticks(0.02, 0.9)
    assert [tick_label(t, step) for t in ticks] == ["0.2", "0.4", "0.6", "0.8"]
    assert tick_label(-0.0, 0.5) == "0.0" and tick_label(0.25, 0.05) == "0.25" and tick_label(-0.001, 1) == "0"
    text = svg_panels([("edit", [(3.0, 0.1), (52.0, 0.4)])], "edit distance", "flip rate")
    labels = re.findall(r"text-anchor='middle'>([^<]*)<", text)
    assert labels and all(not re.fullmatch(r"\d+\.000", t) for t in labels), labels


def test_cli_runs_and_writes_the_report(tmp_path, capsys):
    data = tmp_path / "imgs"
    (data / "cats").mkdir(parents=True)
    for i, img in enumerate(small_photos(64)[:3]):
        img.save(data / "cats" / f"{i}.png")
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps(SUITE))
    out = tmp_path / "out"
    rc = main(["robustness", str(data), "--system", "multiaug.robustness.adapters:phash", "--suite", str(suite),
               "--out", str(out), "--seed", "3", "--workers", "2"])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "encoding_quality" in printed and "report.html" in printed
    # levels count from 1 in the CLI table, as in the HTML, report.json and results.csv
    levels = [line.split()[1] for line in printed.splitlines() if line.startswith("encoding_quality")]
    assert levels == ["1", "2"], printed
    rep = json.loads((out / "report.json").read_text())
    assert rep["seed"] == 3 and rep["n_items"] == 3
    assert [lv["level"] for lv in rep["summary"][1]["levels"]] == [1, 2]
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text())))
    assert sorted({r["level"] for r in rows if r["transform"] == "encoding_quality"}) == ["1", "2"]
    html_page = (out / "report.html").read_text()
    assert "<td>encoding_quality</td><td>2: " in html_page and "<td>encoding_quality</td><td>0: " not in html_page
    assert {r["key"] for r in rep["examples"]} <= {"cats/0.png", "cats/1.png", "cats/2.png"}


def test_cli_text_file_input_and_errors(tmp_path, capsys):
    txt = tmp_path / "t.txt"
    txt.write_text("you badword\n\nall fine\n")
    out = tmp_path / "o"
    rc = main(["robustness", str(txt), "--system", "multiaug.robustness.adapters:keyword_filter", "--suite",
               "moderation-text", "--out", str(out), "--skip-missing", "--quiet"])
    assert rc == 0 and json.loads((out / "report.json").read_text())["n_items"] == 2
    assert main(["robustness", str(txt), "--system", "nomod_xyz:f", "--kind", "classifier", "--suite",
                 "moderation-text", "--out", str(out)]) == 2
    assert "cannot import" in capsys.readouterr().err
    assert main(["robustness", "--suite", "moderation-text"]) == 2
    assert main(["robustness", "--list-suites"]) == 0
    assert "moderation-audio" in capsys.readouterr().out


def test_worst_cases_are_the_smallest_edits_that_flipped():
    report = run_robustness(flagged_texts(12), adapters.keyword_filter,
                            {"modality": "text", "transforms": [{"name": "replace_similar_unicode_chars", "levels": [
                                {"aug_word_p": 0.3, "aug_char_p": 0.3}, {"aug_word_p": 1.0, "aug_char_p": 1.0}]}]},
                            seed=3, examples_per_transform=3)
    flips = sorted(r["measured"]["edit_distance"] for r in report.rows if r["changed"])
    got = [ex["measured"]["edit_distance"] for ex in report.examples]
    assert got == flips[: len(got)] and len(got) == min(3, len(flips)) > 0
    assert all(ex["changed"] for ex in report.examples)


def test_report_says_when_the_baseline_caps_the_flip_rate():
    # half the sentences are flagged; an edit can hide an insult but not create one, so only flagged items flip
    suite = {"modality": "text", "transforms": [{"name": "insert_zero_width_chars", "levels": [{"cadence": 1.0}]}]}
    report = run_robustness(flagged_texts(8), adapters.keyword_filter, suite, seed=0)
    lv = report.data["summary"][0]["levels"][0]
    assert lv["flip_rate"] == 0.5 and lv["flip_rate_by_original"] == {"flagged": 1.0, "ok": 0.0}
    (note,) = report.data["notes"]
    assert "caps the flip rate" in note and "0.50" in note and "'flagged'" in note
    assert note in str(report) and note in report.to_markdown()
    assert html.escape(note) in report.to_html() and "flip rate of items first flagged" in report.to_html()


def test_no_cap_note_when_every_decision_can_flip():
    suite = {"modality": "text", "transforms": [{"name": "change_case", "levels": [{"case": "upper"}]}]}
    texts = [{"text": "ok text", "key": "a"}, {"text": "flag me", "key": "b"}]
    # a classifier that upper case flips both ways: no decision is immune, so nothing caps the flip rate
    clf = Classifier(lambda t: "flagged" if ("flag" in t.lower()) != t.isupper() else "ok")
    report = run_robustness(texts, clf, suite, seed=0)
    assert report.data["summary"][0]["levels"][0]["flip_rate"] == 1.0 and report.data["notes"] == []
