"""Smoke test of the install users get: run in a venv that has ONLY the wheel (no extras), from a folder outside
the checkout (so the source tree cannot be imported by accident).

Registry-driven: every registered augmentation runs with its declared ``example`` / defaults on every input kind
of its modality (image: path, PIL, ndarray; text: str, list; audio: mono, stereo, path; tabular: DataFrame), plus the command line:
``multiaug list``, ``multiaug demo`` and a tiny ``multiaug expand``. New augmentations are covered automatically.

Usage (what .ci/run does):  cd "$(mktemp -d)" && /path/to/plain-venv/bin/python /repo/ci/smoke_plain_install.py
Prints "smoke: N entries × K input kinds: M calls passed" and exits non-zero with every failure listed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import soundfile as sf
from PIL import Image

import multiaug
from multiaug.assets import asset_path

SR = 16000


def _check_install_is_plain() -> None:
    """The smoke proves nothing if the source tree or a test-only package is importable."""
    here = Path(multiaug.__file__).resolve()
    if "site-packages" not in here.parts:
        sys.exit(f"smoke: multiaug imported from {here}, not from an installed wheel; run from outside the checkout")
    import importlib.util

    extras = [m for m in ("pytest", "matplotlib", "librosa", "pdqhash", "distributed") if importlib.util.find_spec(m)]
    if extras:
        sys.exit(f"smoke: the venv has packages the plain install does not bring: {extras}")


def _inputs(work: Path) -> dict[str, dict[str, Callable[[], tuple[Any, dict[str, Any]]]]]:
    """Input kind -> factory of (media, extra call kwargs); a fresh object per call (no shared state)."""
    photo = Image.open(asset_path("image", "samples", "chelsea.png")).convert("RGB").resize((120, 90))
    photo_path = work / "photo.png"
    photo.save(photo_path)
    t = np.arange(SR // 2) / SR
    mono = (0.3 * np.sin(2 * np.pi * 440 * t) + 0.05 * np.sin(2 * np.pi * 97 * t)).astype(np.float32)
    stereo = np.stack([mono, 0.7 * mono])
    wav_path = work / "tone.wav"
    sf.write(wav_path, mono, SR)
    text = "The quick brown fox jumps over the lazy dog. Hello world, this is a smoke test! 🙂"
    churn = pd.read_csv(asset_path("datasets", "churn", "apac.csv")).head(120).rename(columns={"Churn": "label"})
    return {
        "tabular": {
            "DataFrame": lambda: (churn.copy(), {}),
        },
        "image": {
            "path": lambda: (str(photo_path), {}),
            "PIL": lambda: (photo.copy(), {}),
            "ndarray": lambda: (np.asarray(photo).copy(), {}),
        },
        "text": {
            "str": lambda: (text, {}),
            "list": lambda: ([text, "Second line of text, shorter."], {}),
        },
        "audio": {
            "mono": lambda: (mono.copy(), {"sample_rate": SR}),
            "stereo": lambda: (stereo.copy(), {"sample_rate": SR}),
            "path": lambda: (str(wav_path), {}),
        },
    }


def _check_output(modality: str, kind: str, out: Any) -> None:
    if modality == "image":
        want = np.ndarray if kind == "ndarray" else Image.Image
        if not isinstance(out, want):
            raise AssertionError(f"returned {type(out).__name__}, expected {want.__name__}")
        size = out.shape[:2] if isinstance(out, np.ndarray) else out.size
        if min(size) < 1:
            raise AssertionError(f"empty image {size}")
    elif modality == "tabular":
        if not isinstance(out, pd.DataFrame) or len(out) < 1:
            raise AssertionError(f"returned {type(out).__name__}, expected a non-empty DataFrame")
    elif modality == "text":
        want = str if kind == "str" else list
        if not isinstance(out, want):
            raise AssertionError(f"returned {type(out).__name__}, expected {want.__name__}")
    else:
        audio, sr = out
        if not isinstance(audio, np.ndarray) or not isinstance(sr, int) or sr <= 0:
            raise AssertionError(f"returned ({type(audio).__name__}, {sr!r}), expected (ndarray, int > 0)")
        if not np.isfinite(audio).all():
            raise AssertionError("non-finite samples")
        if audio.ndim not in (1, 2) or audio.shape[-1] == 0:
            raise AssertionError(f"audio of shape {audio.shape}")


def run_registry(work: Path) -> tuple[int, int, int, list[str]]:
    inputs = _inputs(work)
    entries = multiaug.entries()
    calls, failures = 0, []
    kinds = {k for mod in inputs.values() for k in mod}
    for entry in entries:
        mod = entry.modality.name
        module = getattr(multiaug, mod)
        fn = getattr(module, entry.name)
        for kind, make in inputs[mod].items():
            media, extra = make()
            kwargs = {**entry.example_params(), **extra}
            if entry.random:
                kwargs["seed"] = 0
            calls += 1
            try:
                out = fn(media, **kwargs)
                _check_output(mod, kind, out)
            except Exception as exc:  # noqa: BLE001 - every failure is collected and reported
                tb = traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:]
                failures.append(f"{mod}.{entry.name} on {kind}: {type(exc).__name__}: {exc}\n    " + "    ".join(tb))
    return len(entries), len(kinds), calls, failures


def run_optional_extras() -> list[str]:
    """Options that need an extra fail clearly without it: mp3_compression(backend="fast-mp3-augment") (the [mp3]
    extra) raises InvalidParameterError naming `backend` and the pip command (the default backend ran above)."""
    import importlib.util

    if importlib.util.find_spec("fast_mp3_augment") is not None:
        return ["the plain venv has fast-mp3-augment (the [mp3] extra)"]
    try:
        multiaug.audio.mp3_compression(np.zeros(SR, np.float32), SR, backend="fast-mp3-augment")
    except multiaug.InvalidParameterError as exc:
        if "backend" in str(exc) and 'pip install "multiaug[mp3]"' in str(exc):
            return []
        return [f"mp3_compression(backend='fast-mp3-augment') without the [mp3] extra: unclear error: {exc}"]
    except Exception as exc:  # noqa: BLE001 - reported as a failure
        return [f"mp3_compression(backend='fast-mp3-augment') without the [mp3] extra: {type(exc).__name__}: {exc}"]
    return ["mp3_compression(backend='fast-mp3-augment') ran without the [mp3] extra"]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("multiaug")
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def run_cli(work: Path) -> list[str]:
    failures = []
    res = _cli("list", cwd=work)
    if res.returncode != 0 or len(res.stdout.splitlines()) < len(multiaug.entries()):
        failures.append(f"multiaug list: rc={res.returncode}, {len(res.stdout.splitlines())} lines\n{res.stderr[-2000:]}")
    demo = work / "demo_out"
    res = _cli("demo", "--out", str(demo), "--seed", "1", cwd=work)
    made = [p for p in demo.rglob("*") if p.is_file()] if demo.is_dir() else []
    if res.returncode != 0 or not made:
        failures.append(f"multiaug demo: rc={res.returncode}, {len(made)} files\n{res.stderr[-2000:]}")
    # a tiny dataset of every modality, from the shipped pets sample
    data = work / "tiny"
    pets = asset_path("datasets", "pets")
    for cls, n in (("cat", 2), ("bark", 1), ("pet_review", 2)):
        (data / cls).mkdir(parents=True)
        for f in sorted((pets / cls).iterdir())[:n]:
            shutil.copy(f, data / cls / f.name)
    out = work / "tiny_x1"
    res = _cli("expand", str(data), "--out", str(out), "--copies", "1", "--preset", "light", "--seed", "0",
               "--workers", "1", cwd=work)  # not --quiet: the progress bar (tqdm) runs too
    manifest = out / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    kinds = [json.loads(x).get("kind") for x in lines]
    # one augmented copy per item, and the originals placed beside them (expand's default)
    ok = kinds.count("augmented") == 5 and kinds.count("original") == 5
    if res.returncode != 0 or not ok or not all((out / json.loads(x)["output"]).is_file() for x in lines):
        failures.append(f"multiaug expand: rc={res.returncode}, kinds {kinds} (expected 5 augmented + 5 original)\n"
                        f"{res.stderr[-2000:]}")
    return failures


def main() -> int:
    _check_install_is_plain()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="multiaug-smoke-") as tmp:
        work = Path(tmp)
        n_entries, n_kinds, calls, failures = run_registry(work)
        cli_failures = run_cli(work)
    extra_failures = run_optional_extras()
    for f in failures + cli_failures + extra_failures:
        print("FAIL", f, file=sys.stderr)
    took = time.perf_counter() - t0
    print(f"smoke (plain wheel, no extras, multiaug {multiaug.__version__} from {Path(multiaug.__file__).parent}, "
          f"cwd {os.getcwd()}):")
    print(f"smoke: {n_entries} entries × input kinds (image: path/PIL/ndarray, text: str/list, audio: "
          f"mono/stereo/path, tabular: DataFrame; {n_kinds} kinds) = {calls} calls: {calls - len(failures)} passed, {len(failures)} failed")
    print(f"smoke: CLI list/demo/expand: {3 - len(cli_failures)} of 3 passed ({took:.0f} s in all)")
    print(f"smoke: an extra's option without the extra (mp3 backend): {'clear error' if not extra_failures else 'FAILED'}")
    return 1 if failures or cli_failures or extra_failures else 0


if __name__ == "__main__":
    sys.exit(main())
