"""Packaging: cheap import, assets inside wheel and sdist and found from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_multiaug_is_lazy():
    code = (
        "import sys, multiaug\n"
        "heavy = [m for m in ('numpy', 'PIL', 'librosa', 'nlpaug', 'soundfile', 'scipy', 'multiaug.image', "
        "'multiaug.text', 'multiaug.audio') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import multiaug loaded: {out.stdout.strip()}"


def test_subpackages_do_not_import_heavy_optional_modules():
    code = (
        "import sys, multiaug.image, multiaug.text, multiaug.audio\n"
        "print(','.join(m for m in ('librosa', 'nlpaug.augmenter', 'torch', 'pandas', 'requests') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_assets_found_in_source_tree():
    from multiaug.assets import asset_path, assets_dir

    assert (assets_dir() / "MANIFEST.json").is_file()
    assert asset_path("MANIFEST.json").stat().st_size > 0


@pytest.mark.slow
def test_wheel_and_sdist_contain_assets_and_installed_wheel_finds_them(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation", "--outdir", str(dist),
                    str(ROOT)], check=True, capture_output=True, text=True)
    wheel = next(dist.glob("*.whl"))
    sdist = next(dist.glob("*.tar.gz"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "multiaug/assets/MANIFEST.json" in names
    assert any(n.startswith("multiaug/assets/image/") for n in names)
    # typed: the PEP 561 marker and the stubs of the generated modality namespaces ship in the wheel
    assert {"multiaug/py.typed", "multiaug/image/__init__.pyi", "multiaug/text/__init__.pyi",
            "multiaug/audio/__init__.pyi"} <= set(names)
    with tarfile.open(sdist) as tf:
        snames = tf.getnames()
    assert any(n.endswith("/assets/MANIFEST.json") for n in snames)
    # a throwaway venv that sees the already-installed dependencies but gets multiaug only from the wheel
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import multiaug, pathlib\n"
        "from multiaug.assets import assets_dir, asset_path\n"
        "p = asset_path('MANIFEST.json')\n"
        "assert 'site-packages' in str(p), p\n"
        "assert str(pathlib.Path(multiaug.__file__)).startswith(%r), multiaug.__file__\n"
        "print(p.read_text()[:20])\n"
    ) % str(venv)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MULTIAUG_ASSETS")}
    out = subprocess.run([str(py), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr


def _floors() -> dict[str, str]:
    import re
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    out = {}
    for dep in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", dep.strip())
        assert m, f"runtime dependency {dep!r} must be 'name>=floor' (a floor that CI's oldest-versions run proves)"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_oldest_constraints_pin_every_declared_floor():
    """ci/constraints-oldest.txt (used by .ci/run's oldest-versions run) pins each runtime dependency at exactly
    its declared floor, so a floor in pyproject.toml is never an unproved claim."""
    pins = {}
    for line in (ROOT / "ci" / "constraints-oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    floors = _floors()
    assert set(floors) <= set(pins), f"floors not pinned in ci/constraints-oldest.txt: {sorted(set(floors) - set(pins))}"
    for name, floor in floors.items():
        assert pins[name] == floor, f"{name}: pyproject floor {floor}, ci/constraints-oldest.txt pins {pins[name]}"
