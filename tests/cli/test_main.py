"""The ``multiaug`` entry point (multiaug/cli/__init__.py): every sub-command registered, ``python -m multiaug`` and the
console script, errors as exit codes."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import multiaug.cli
from multiaug.cli import build_parser, main
from multiaug.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "multiaug", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "multiaug" in out.stdout


def test_console_script_is_cli_main():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, name = scripts["multiaug"].partition(":")
    assert getattr(importlib.import_module(module), name) is main


def test_one_module_per_sub_command():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert list(sub.choices) == ["list", "demo", "apply", "expand", "robustness", "merge", "evaluate"]
    for command in COMMANDS:
        assert command.__name__.startswith("multiaug.cli.") and callable(command.add_parser)
        assert callable(command.run)
    # every module of the package is a sub-command or the entry point
    modules = {p.stem for p in Path(multiaug.cli.__file__).parent.glob("*.py")} - {"__init__"}
    assert modules == {c.__name__.rsplit(".", 1)[1] for c in COMMANDS}


def test_importing_the_cli_does_not_load_a_modality_catalogue():
    code = ("import sys, multiaug.cli; bad = [m for m in ('multiaug.image', 'multiaug.audio', 'multiaug.text', "
            "'pandas', 'duckdb', 'sklearn') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("argv", [[], ["nope"], ["apply", "--pipeline"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and "usage: multiaug" in capsys.readouterr().err
