"""Runs AugLy 1.0.0's side of benchmarks/parity.py inside the AugLy venv (benchmarks/.venvs/augly).

Usage: <augly-python> parity_augly_worker.py CASES.json OUT_DIR
Each case: {"id", "modality", "fn", "kwargs", "input"}; "kwargs" values {"$file": name} are files in the cases'
folder. Writes OUT_DIR/<id>.png (image, RGB), .json (text) or .npy + .sr (audio); errors to OUT_DIR/<id>.err.
"""

from __future__ import annotations

import json
import sys
import traceback
import warnings
from pathlib import Path

import numpy as np
from PIL import Image

warnings.filterwarnings("ignore")


def _resolve(value, folder):
    if isinstance(value, dict) and set(value) == {"$file"}:
        return str(folder / value["$file"])
    return tuple(value) if isinstance(value, list) else value  # JSON lists back to AugLy's colour tuples


def main() -> int:
    cases_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    folder = cases_path.parent
    cases = json.loads(cases_path.read_text(encoding="utf-8"))
    import augly.audio as aa
    import augly.image as ai
    import augly.text as at

    mods = {"image": ai, "text": at, "audio": aa}
    for case in cases:
        fn = getattr(mods[case["modality"]], case["fn"], None)
        def out(ext: str, _id: str = case["id"]) -> Path:
            return out_dir / f"{_id}.{ext}"

        if fn is None:
            out("err").write_text(f"AugLy 1.0.0 has no {case['modality']}.{case['fn']}")
            continue
        kwargs = {k: _resolve(v, folder) for k, v in case["kwargs"].items()}
        try:
            if case["modality"] == "image":
                img = Image.open(folder / case["input"]).convert("RGB")
                res = fn(img, **kwargs)
                res.convert("RGB").save(out("png"))
            elif case["modality"] == "text":
                res = fn(json.loads((folder / case["input"]).read_text(encoding="utf-8")), **kwargs)
                out("json").write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
            else:
                audio = np.load(folder / case["input"])
                res, sr = fn(audio, **kwargs)
                np.save(out("npy"), np.asarray(res, dtype=np.float64))
                out("sr").write_text(str(int(sr)))
        except Exception:  # noqa: BLE001 - every failure is reported in the table
            out("err").write_text(traceback.format_exc(limit=3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
