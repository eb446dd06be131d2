"""Rewrite the shipped JSON pipeline documents (assets/presets, assets/suites) in one readable layout.

Containers whose one-line form fits in ``WIDTH`` characters (at their indentation) stay on one line; larger ones
are broken one member per line. Values are not changed (the script checks that the parsed JSON is identical).

    python scripts/format_json_assets.py            # rewrite in place
    python scripts/format_json_assets.py --check    # exit 1 if a file is not in this layout
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("assets/presets", "assets/suites")
WIDTH = 118


def layout(value: Any, indent: int = 0) -> str:
    """``value`` as JSON text, small containers inline, large ones one member per line."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or len(flat) + indent <= WIDTH or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        body = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {layout(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(body) + "\n" + " " * indent + "}"
    body = [pad + layout(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(body) + "\n" + " " * indent + "]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    bad = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.json")):
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
            new = layout(data) + "\n"
            if json.loads(new) != data:  # pragma: no cover - the layout never changes values
                raise SystemExit(f"{path}: layout changed the document")
            if new != text:
                bad.append(path)
                if not args.check:
                    path.write_text(new, encoding="utf-8")
    for path in bad:
        print(("not formatted: " if args.check else "formatted: ") + str(path.relative_to(ROOT)))
    return 1 if bad and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
