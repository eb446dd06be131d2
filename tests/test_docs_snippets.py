"""Every fenced ```python block in README.md and docs/**/*.md runs, so the documentation cannot rot.

Each file's blocks run in order in one namespace (a later block may use an earlier block's names), in a fresh
temporary working directory laid out like a checkout (``assets/`` is linked in), with a fixed ``MPLBACKEND``.
Shell commands, output and other non-Python text use other fences (```bash, ```text, ```json ...).

A block may opt out with a line ``# doc-test: skip (<reason>)`` — the reason is required; use it sparingly (for
example for code that needs a GPU framework the test environment lacks). The test of the opt-outs themselves
keeps the count visible.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
SKIP = re.compile(r"^\s*#\s*doc-test:\s*skip\b(?P<rest>.*)$", re.M)


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """``(line number, code)`` of every fenced block whose info string is ``python``, in file order."""
    text = path.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        if m.group("info").strip().split(" ")[0].lower() not in ("python", "py"):
            continue
        line = text.count("\n", 0, m.start()) + 2
        out.append((line, textwrap.dedent(m.group("body"))))
    return out


def skip_reason(code: str) -> str | None:
    """The opt-out reason of a block, ``""`` for a marker without a reason, ``None`` when it runs."""
    m = SKIP.search(code)
    if m is None:
        return None
    return m.group("rest").strip().strip("()—-: ").strip()


FILES = [p for p in doc_files() if python_blocks(p)]


def test_the_extractor_finds_blocks():
    assert FILES, "no python blocks found at all: the extractor is broken"
    sample = "x\n```python\na = 1\n```\n```bash\nls\n```\n  ```python\n  b = 2\n  ```\n"
    tmp = ROOT / "tests" / "_snippet_probe.md"
    try:
        tmp.write_text(sample, encoding="utf-8")
        assert python_blocks(tmp) == [(3, "a = 1\n"), (9, "b = 2\n")]
    finally:
        tmp.unlink()
    assert skip_reason("# doc-test: skip (needs torch)\nimport torch") == "needs torch"
    assert skip_reason("# doc-test: skip\nx") == ""
    assert skip_reason("x = 1") is None


def test_opt_outs_are_rare_and_explained():
    marked = [(p.relative_to(ROOT).as_posix(), line, skip_reason(code)) for p in doc_files()
              for line, code in python_blocks(p) if skip_reason(code) is not None]
    assert all(reason for *_, reason in marked), f"a '# doc-test: skip' marker needs a reason: {marked}"
    assert len(marked) <= 3, f"too many skipped doc blocks (fix them instead): {marked}"


# Runs in a fresh interpreter (what a reader does; the blocks may register augmentations, start worker pools or
# change the working directory without touching the test process). Prints one JSON line per block.
RUNNER = r"""
import json, sys, traceback
blocks = json.load(open(sys.argv[1], encoding="utf-8"))
ns = {"__name__": "__main__"}
for line, code, skip in blocks:
    if skip:
        print(json.dumps({"line": line, "status": "skipped"}), flush=True)
        continue
    try:
        exec(compile(code, f"{sys.argv[2]}:{line}", "exec"), ns)
    except BaseException:
        print(json.dumps({"line": line, "status": "failed", "error": traceback.format_exc(limit=-4)}), flush=True)
        if sys.argv[3] == "stop":
            break
        continue
    print(json.dumps({"line": line, "status": "ok"}), flush=True)
"""


def run_file(path: Path, workdir: Path, stop_at_failure: bool = True) -> tuple[list[dict], str]:
    """Run the python blocks of ``path`` in order, in one namespace, in a fresh interpreter in ``workdir``
    (where ``assets/`` is linked to the checkout's). Returns one ``{"line", "status", "error"?}`` per block and
    what the blocks printed."""
    rel = path.relative_to(ROOT).as_posix()
    blocks = [(line, code, skip_reason(code) is not None) for line, code in python_blocks(path)]
    if not (workdir / "assets").exists():
        (workdir / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
    (workdir / ".blocks.json").write_text(json.dumps(blocks), encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(workdir / ".blocks.json"), rel,
                           "stop" if stop_at_failure else "go on"], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=600)
    results = [json.loads(ln) for ln in proc.stdout.splitlines() if ln.startswith('{"line"')]
    if proc.returncode != 0 and not results:
        results = [{"line": 0, "status": "failed", "error": proc.stderr[-3000:]}]
    printed = "\n".join(ln for ln in proc.stdout.splitlines() if not ln.startswith('{"line"'))
    return results, printed


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_blocks_run(path, tmp_path):
    results, _ = run_file(path, tmp_path)
    rel = path.relative_to(ROOT).as_posix()
    failed = [r for r in results if r["status"] == "failed"]
    assert not failed, f"{rel}: the python block at line {failed[0]['line']} failed:\n{failed[0]['error']}"
    assert len(results) == len(python_blocks(path)), f"{rel}: the runner stopped early: {results}"


def main(verbose: bool = False) -> None:
    """Before/after counts by hand: every block of every file is tried, even after an earlier one failed."""
    import tempfile

    total = failed_total = 0
    for path in doc_files():
        if not python_blocks(path):
            continue
        with tempfile.TemporaryDirectory() as d:
            results, printed = run_file(path, Path(d), stop_at_failure=False)
        failed = [r for r in results if r["status"] == "failed"]
        total += len(results)
        failed_total += len(failed)
        print(f"{path.relative_to(ROOT).as_posix()}: {len(results)} blocks, {len(failed)} failed")
        for r in failed:
            print(f"    line {r['line']}: {r['error'].strip().splitlines()[-1][:200]}")
        if verbose:
            print("    printed:\n" + "\n".join("      " + ln for ln in printed.splitlines()))
    print(f"total: {total} blocks, {failed_total} failed")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
