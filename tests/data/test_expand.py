"""multiaug expand: determinism, replay, resume, refusals, duplicate rejection and validation on crafted inputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from multiaug.core.errors import InvalidParameterError, MediaReadError
from multiaug.data.expand import expand, output_names, plan_copies
from multiaug.data.manifest import Item
from multiaug.data.presets import PresetUnavailableError
from multiaug.data.worker import replay_line

from .conftest import AUDIO_GAIN, IMAGE_FLIPS, PIPELINES, TEXT_CASE, _aug, doc, textured, tree_hashes


def _lines(out: Path, kind: str | None = "augmented") -> list[dict[str, Any]]:
    """Manifest lines of one kind (``augmented`` by default, ``original``), or all with ``kind=None``."""
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if kind is None or r["kind"] == kind]


@pytest.fixture(scope="module")
def serial_run(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("serial") / "out"
    report = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, workers=1)
    return out, report


def test_balance_report_counts_and_layout(serial_run: tuple[Path, dict[str, Any]]) -> None:
    out, report = serial_run
    c = report["classes"]
    assert (c["cat"]["before"], c["cat"]["generated"], c["cat"]["after"]) == (2, 2, 4)
    assert (c["dog"]["before"], c["dog"]["generated"]) == (4, 0)  # big enough: left alone
    assert (c["notes"]["before"], c["notes"]["after"]) == (2, 4)
    # the broken wav is reported and skipped, never aborts; the readable item of its class makes up for it
    assert report["unreadable"][0]["key"] == "barks/broken.wav"
    assert c["barks"]["before"] == 1 and c["barks"]["unreadable"] == 1
    assert c["barks"]["planned"] == 3 and c["barks"]["generated"] + c["barks"]["dropped"] == 3
    assert c["barks"]["short_by"] == c["barks"]["dropped"]
    assert report["run"]["items_per_s"] > 0 and report["run"]["interrupted"] is False
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "/" in
                   p.relative_to(out).as_posix())
    assert "cat/cat0__aug000.jpg" in names and "notes/n1__aug000.txt" in names and "barks/b0__aug000.flac" in names
    assert json.loads((out / "report.json").read_text())["totals"] == report["totals"]


def test_manifest_lines_replay_to_identical_bytes(serial_run: tuple[Path, dict[str, Any]], dataset: Path) -> None:
    out, _ = serial_run
    lines = _lines(out, kind=None)
    assert {line["modality"] for line in lines} == {"image", "text", "audio"}
    order = [(r["key"], -1 if r["copy"] is None else r["copy"]) for r in lines]
    assert order == sorted(order)  # by key, an item's original (copy None) before its copies
    assert {r["kind"] for r in lines} == {"original", "augmented"}
    for line in lines:
        data = (out / line["output"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == line["sha256"]
        assert replay_line(line, dataset) == data
        if line["kind"] == "original":
            assert data == (dataset / line["source"]).read_bytes() and line["copy"] is None
            continue
        assert line["records"], "every output carries its tracker records"
        assert line["seed_material"]["base_seed"] == 11


def test_workers_and_processing_order_do_not_change_bytes(serial_run: tuple[Path, dict[str, Any]], dataset: Path,
                                                         tmp_path: Path) -> None:
    out1, _ = serial_run
    out2 = tmp_path / "two"
    report = expand(dataset, out2, balance_to=4, pipeline=PIPELINES, seed=11, workers=2,
                    engine_options={"start_method": "spawn"})  # the strictest start method: nothing inherited
    assert report["workers"] == 2
    assert tree_hashes(out2) == tree_hashes(out1)

    class Reversed:
        def map_unordered(self, fn, jobs):
            for job in reversed(list(jobs)):
                yield fn(job)

    out3 = tmp_path / "rev"
    expand(dataset, out3, balance_to=4, pipeline=PIPELINES, seed=11, engine=Reversed())
    assert tree_hashes(out3) == tree_hashes(out1)
    out4 = tmp_path / "seed12"
    expand(dataset, out4, balance_to=4, pipeline=PIPELINES, seed=12)
    assert tree_hashes(out4) != tree_hashes(out1)


def test_resume_after_interruption_finishes_without_duplicates(serial_run, dataset: Path, tmp_path: Path) -> None:
    out1, _ = serial_run
    out = tmp_path / "resumed"
    first = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, stop_after=2)
    assert first["run"]["interrupted"] is True and first["run"]["items_processed"] == 2
    partial = len(_lines(out))
    assert 0 < partial < len(_lines(out1))
    # simulate a kill in the middle of the next item: a torn manifest line and an orphan temp file
    with open(out / "manifest.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"key": "notes/n1.txt", "copy": 0, "out')
    (out / "notes").mkdir(exist_ok=True)
    (out / "notes" / ".n1__aug000.txt.abc.tmp.txt").write_text("half")
    second = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, resume=True)
    assert second["run"]["resumed_items"] == 2 and second["run"]["interrupted"] is False
    assert second["run"]["items_processed"] + 2 == first["run"]["items_processed"] + second["run"]["items_processed"]
    assert tree_hashes(out) == tree_hashes(out1)
    keys = [(r["key"], r["copy"]) for r in _lines(out)]
    assert len(keys) == len(set(keys))
    assert second["totals"] == serial_run[1]["totals"]


def test_non_empty_out_is_refused_and_overwrite_is_guarded(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(InvalidParameterError, match="not empty") as info:
        expand(dataset, out, copies=1, pipeline=PIPELINES)
    assert info.value.argument == "out"
    with pytest.raises(InvalidParameterError, match="not an expansion output"):
        expand(dataset, out, copies=1, pipeline=PIPELINES, overwrite=True)
    assert (out / "precious.txt").read_text() == "keep me"
    out2 = tmp_path / "o2"
    expand(dataset, out2, copies=1, pipeline=PIPELINES, seed=1)
    with pytest.raises(InvalidParameterError, match="different configuration"):
        expand(dataset, out2, copies=1, pipeline=PIPELINES, seed=2, resume=True)
    report = expand(dataset, out2, copies=1, pipeline=PIPELINES, seed=2, overwrite=True)
    assert report["seed"] == 2
    assert all(r["seed_material"]["base_seed"] == 2 for r in _lines(out2))


@pytest.mark.parametrize("kwargs, argument", [
    ({}, "copies"), ({"copies": 1, "balance_to": 3}, "copies"), ({"copies": 0}, "copies"),
    ({"balance_to": -1}, "balance_to"), ({"copies": 1, "seed": -3}, "seed"), ({"copies": 1, "workers": 0}, "workers"),
    ({"copies": 1, "max_attempts": 0}, "max_attempts"), ({"copies": 1, "engine": "spark"}, "engine"),
    ({"copies": 1, "pipeline": IMAGE_FLIPS}, "pipeline"), ({"copies": 1, "preset": "extreme"}, "preset"),
    ({"copies": 1, "resume": True, "overwrite": True}, "overwrite"),
])
def test_bad_arguments_raise_typed_errors(dataset: Path, tmp_path: Path, kwargs: dict[str, Any], argument: str) -> None:
    kwargs.setdefault("pipeline", PIPELINES)
    with pytest.raises(InvalidParameterError) as info:
        expand(dataset, tmp_path / "x", **kwargs)
    assert info.value.argument == argument


def test_out_inside_input_and_empty_input_are_refused(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="inside the input"):
        expand(dataset, dataset / "cat" / "more", copies=1, pipeline=PIPELINES)
    (tmp_path / "empty" / "cls").mkdir(parents=True)
    with pytest.raises(MediaReadError):
        expand(tmp_path / "empty", tmp_path / "o", copies=1, pipeline=PIPELINES)


def test_near_duplicates_are_redrawn_then_dropped(tmp_path: Path) -> None:
    # a left-right symmetric picture: hflip gives the source again, vflip does not
    half = np.asarray(textured(5, (24, 40)))
    sym = np.concatenate([half, half[:, ::-1]], axis=1)
    (tmp_path / "in" / "sym").mkdir(parents=True)
    Image.fromarray(sym).save(tmp_path / "in" / "sym" / "s.png")
    report = expand(tmp_path / "in", tmp_path / "out", copies=2, pipeline=IMAGE_FLIPS, seed=4, max_attempts=6)
    lines = _lines(tmp_path / "out")
    assert len(lines) == 1 and lines[0]["records"][0]["name"] == "vflip"
    reasons = [r["reasons"][0] for r in report["rejected"]]
    assert any("of the source" in r for r in reasons) and any("of copy" in r for r in reasons)
    assert report["totals"]["near_duplicates"] == len(report["rejected"]) >= 2
    assert report["totals"]["dropped"] == 1 and report["dropped"][0]["copy"] == 1
    # with rejection off, every copy is kept
    off = expand(tmp_path / "in", tmp_path / "off", copies=2, pipeline=IMAGE_FLIPS, seed=4,
                 dedup={"enabled": False})
    assert off["totals"]["outputs"] == 2


def test_validation_rules_trigger_on_crafted_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for d in ("flat", "lower", "quiet"):
        (src / d).mkdir(parents=True)
    Image.new("RGB", (32, 24), (90, 90, 90)).save(src / "flat" / "grey.png")
    (src / "lower" / "t.txt").write_text("already lower case", encoding="utf-8")
    sf.write(src / "quiet" / "zero.wav", np.zeros(4000, np.float32), 8000)
    pipes = {"image": IMAGE_FLIPS, "text": doc("text", _aug("text", "change_case", case="lower")),
             "audio": AUDIO_GAIN}
    report = expand(src, tmp_path / "out", copies=1, pipeline=pipes, seed=0, max_attempts=3)
    assert report["totals"]["outputs"] == 0 and report["totals"]["dropped"] == 3
    first = {r["key"]: r["reasons"][0].split(":")[0] for r in report["rejected"]}
    assert first == {"flat/grey.png": "image_blank", "lower/t.txt": "text_unchanged", "quiet/zero.wav": "audio_silent"}
    assert report["totals"]["validation_failures"] == 9  # 3 attempts each
    loose = expand(src, tmp_path / "loose", copies=1, pipeline=pipes, seed=0, validation={"rules": ()},
                   dedup={"enabled": False})
    assert loose["totals"]["outputs"] == 3


def test_manifest_input_with_bboxes_and_inline_text(tmp_path: Path) -> None:
    textured(2, (50, 40)).save(tmp_path / "a.png")
    rows = [{"path": "a.png", "label": "obj", "bboxes": [[5, 5, 20, 30]]},
            {"text": "inline text row", "label": "txt", "id": "row-1"}]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pipes = {"image": doc("image", _aug("image", "hflip")), "text": TEXT_CASE}
    expand(tmp_path / "m.jsonl", tmp_path / "out", copies=1, pipeline=pipes, seed=3)
    lines = {r["key"]: r for r in _lines(tmp_path / "out")}
    img = lines["a.png"]
    assert img["output"] == "obj/a__aug000.png" and img["source"] == "a.png"
    assert img["src_bboxes"] == [[5.0, 5.0, 20.0, 30.0]] and img["bboxes"] == [[30.0, 5.0, 45.0, 30.0]]
    txt = lines["row-1"]
    assert txt["source"] == {"text": "inline text row"} and txt["output"] == "txt/row-1__aug000.txt"
    for line in lines.values():
        assert replay_line(line, tmp_path) == (tmp_path / "out" / line["output"]).read_bytes()


def test_plan_and_names() -> None:
    items = [Item(key=f"a/{i}.jpg", label="a", modality="image", path=f"/x/a/{i}.jpg") for i in range(3)]
    items.append(Item(key="b/0.jpg", label="b", modality="image", path="/x/b/0.jpg"))
    plan = plan_copies(items, None, 8)
    assert [len(plan[f"a/{i}.jpg"]) for i in range(3)] == [2, 2, 1] and len(plan["b/0.jpg"]) == 7
    assert plan_copies(items, 2, None)["b/0.jpg"] == [0, 1]
    clash = [Item(key="m/x.jpg", label="l", modality="image", path="/m/x.jpg"),
             Item(key="n/x.jpg", label="l", modality="image", path="/n/x.jpg")]
    names = output_names(clash, {"m/x.jpg": [0], "n/x.jpg": [0]}, folder_input=False)
    assert len(set(names.values())) == 2 and all(n.startswith("l/x-") for n in names.values())


def test_unavailable_preset_fails_clearly(dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multiaug.data import presets

    broken = tmp_path / "light.json"  # a shipped preset document naming an augmentation this install lacks
    broken.write_text(json.dumps(doc("text", _aug("text", "no_such_augmentation"))), encoding="utf-8")
    index = {**presets._index(), ("light", "text"): broken}
    monkeypatch.setattr(presets, "_index", lambda: index)
    with pytest.raises(PresetUnavailableError, match="text.no_such_augmentation"):
        expand(dataset, tmp_path / "o", copies=1, preset="light")
    assert not (tmp_path / "o").exists()


def test_resume_after_a_real_kill(tmp_path: Path) -> None:
    """SIGKILL the CLI mid-run, then resume: same files and manifest as an uninterrupted run, no duplicates."""
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in"
    for i in range(24):
        d = src / f"c{i % 3}"
        d.mkdir(parents=True, exist_ok=True)
        textured(100 + i, (200, 150)).save(d / f"i{i:02d}.png")
    pipe = tmp_path / "p.json"
    pipe.write_text(json.dumps(IMAGE_FLIPS))
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    args = [sys.executable, "-m", "multiaug", "expand", str(src), "--copies", "3", "--seed", "5", "--pipeline",
            str(pipe), "--quiet", "--max-attempts", "2"]
    out = tmp_path / "killed"
    proc = subprocess.Popen([*args, "--out", str(out)], env=env, cwd=root)
    journal = out / ".expand-journal.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.is_file() and len(journal.read_text().splitlines()) >= 3:
            break
        time.sleep(0.01)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before_resume = len(journal.read_text().splitlines())
    if killed:
        assert done_before_resume < 24
    opts = {"copies": 3, "seed": 5, "pipeline": str(pipe), "max_attempts": 2}
    resumed = expand(src, out, resume=True, **opts)
    assert resumed["run"]["resumed_items"] == done_before_resume
    full = tmp_path / "full"
    expand(src, full, **opts)
    assert tree_hashes(out) == tree_hashes(full)
    keys = [(r["key"], r["copy"]) for r in _lines(out)]
    assert len(keys) == len(set(keys)) == len(_lines(full))
    assert not list(out.rglob(".*.tmp*"))


def _explode(image: Any, **kwargs: Any) -> Any:
    raise RuntimeError("boom")


def test_augmentation_errors_are_reported_not_fatal(tmp_path: Path) -> None:
    import multiaug
    from multiaug.core.functions import function_name, register_function

    if function_name(_explode) is None:
        register_function("tests_data_explode", _explode)
    if "apply_lambda" not in {e["name"] for e in multiaug.catalogue("image")}:
        pytest.skip("image apply_lambda not registered")
    src = tmp_path / "in" / "a"
    src.mkdir(parents=True)
    textured(1).save(src / "x.png")
    pipe = doc("image", _aug("image", "apply_lambda", aug_function={"$function": "tests_data_explode"}))
    report = expand(tmp_path / "in", tmp_path / "out", copies=1, pipeline=pipe, seed=0, max_attempts=2)
    assert report["totals"]["augmentation_errors"] == 2 and report["totals"]["dropped"] == 1
    assert "RuntimeError: boom" in report["rejected"][0]["reasons"][0]


@pytest.mark.parametrize("method", ["fork", "forkserver", None])
def test_pool_start_methods_give_the_same_bytes(serial_run, dataset: Path, tmp_path: Path, method: str | None) -> None:
    import multiprocessing
    import threading

    if method is not None and method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"start method {method} unavailable")
    if method == "fork" and threading.active_count() > 1:
        pytest.skip("fork from a multi-threaded test process; covered by test_cli_workers_in_a_fresh_process")
    out = tmp_path / "o"
    expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, workers=2, engine_options={"start_method": method})
    assert tree_hashes(out) == tree_hashes(serial_run[0])


def test_cli_workers_in_a_fresh_process(serial_run, dataset: Path, tmp_path: Path) -> None:
    """The CLI with --workers 2 in a fresh (single-threaded) process: default start method (fork on Linux)."""
    import os
    import subprocess
    import sys

    pipes = tmp_path / "p.json"
    pipes.write_text(json.dumps(PIPELINES))
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = tmp_path / "cli2"
    cmd = [sys.executable, "-m", "multiaug", "expand", str(dataset), "--out", str(out), "--balance-to", "4",
           "--seed", "11", "--pipeline", str(pipes), "--workers", "2", "--quiet"]
    assert subprocess.run(cmd, env=env, cwd=root, check=False).returncode == 0
    assert tree_hashes(out) == tree_hashes(serial_run[0])
