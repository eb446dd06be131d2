"""Regenerate the registry-derived tables of docs/LIMITS.md (cost rules, native image modes).

    python scripts/limits_doc.py          # rewrite the generated sections in place
    python scripts/limits_doc.py --check  # exit 1 when docs/LIMITS.md is not current (tests/hardening runs this)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "LIMITS.md"
sys.path.insert(0, str(ROOT))


def _first_line(rule: object) -> str:
    doc = (getattr(rule, "__doc__", None) or "").strip()
    return doc.splitlines()[0] if doc else ""


def sections() -> dict[str, str]:
    """{section name: markdown} for every generated section."""
    from multiaug.core.limits import Limits
    from multiaug.core.registry import entries
    from multiaug.image.loading import DEEP

    costs = ["| function | cost rule: limit = what is computed before the kernel runs |", "|---|---|"]
    for e in entries():
        if e.cost is not None:
            costs.append(f"| `{e.modality.name}.{e.name}` | {_first_line(e.cost)} |")
    native = ["| function | processed at their depth |", "|---|---|"]
    for e in entries("image"):
        deep = e.rules.get("deep")
        if deep:
            native.append(f"| `{e.name}` | {', '.join(deep)} |")
    others = [e.name for e in entries("image") if not e.rules.get("deep")]
    native.append("")
    native.append(f"Every other image function ({len(others)}: {', '.join(f'`{n}`' for n in others)}) accepts "
                  f"{', '.join(DEEP)} images only when their values fit 8 bits exactly (integers 0–255) and refuses "
                  "the rest with `UnsupportedInputError` naming the mode.")
    defaults = ["| limit | default | counts |", "|---|---|---|"]
    from multiaug.core.limits import LIMIT_UNITS

    for name, value in Limits().__dict__.items():
        defaults.append(f"| `{name}` | {value:,} | {LIMIT_UNITS[name]} |")
    return {"defaults": "\n".join(defaults), "costs": "\n".join(costs), "native": "\n".join(native)}


def render(text: str) -> str:
    for name, body in sections().items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n)(?:.*?\n)?(<!-- end:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"docs/LIMITS.md has no <!-- generated:{name} --> section")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    new = render(current)
    if args.check:
        if new != current:
            print("docs/LIMITS.md is not current: run python scripts/limits_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
