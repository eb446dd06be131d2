"""Exact replay in a fresh process: records saved as JSON reproduce bit-identical outputs elsewhere."""

from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
import sys

import numpy as np
from PIL import Image

from multiaug.core import Tracker
from multiaug.core.registry import entries

from .helpers import call_kwargs, run_entry, sample_media


def digest(media) -> str:
    h = hashlib.sha256()
    if isinstance(media, tuple):
        arr, sr = media
        h.update(str(sr).encode())
        h.update(np.ascontiguousarray(arr).tobytes())
        h.update(str(arr.dtype).encode())
    elif isinstance(media, Image.Image):
        h.update(media.mode.encode())
        h.update(str(media.size).encode())
        h.update(media.tobytes())
    elif isinstance(media, np.ndarray):
        h.update(media.tobytes())
    elif type(media).__name__ == "DataFrame":
        h.update(repr(list(media.dtypes.astype(str))).encode())
        h.update(media.to_csv().encode())
    else:
        h.update(json.dumps(media, ensure_ascii=False).encode())
    return h.hexdigest()


CHILD = r"""
import json, pickle, sys
sys.path.insert(0, {root!r})
from tests.test_replay_fresh_process import digest
import multiaug
jobs = pickle.load(open(sys.argv[1], "rb"))
out = {{}}
for key, (records_json, media, call) in jobs.items():
    records = json.loads(records_json)
    out[key] = digest(multiaug.replay(records, media, **call))
print(json.dumps(out))
"""


def test_records_replay_bit_identical_in_fresh_process(tmp_path):
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    jobs, expected = {}, {}
    for entry in entries():
        media = sample_media(entry.modality.name)
        tracker = Tracker()
        out = run_entry(entry, media, seed=2024, metadata=tracker)
        if not all(r["replayable"] for r in tracker):
            continue
        key = f"{entry.modality.name}.{entry.name}"
        jobs[key] = (tracker.to_json(), media, call_kwargs(entry.modality.name))
        expected[key] = digest(out)
    path = tmp_path / "jobs.pkl"
    path.write_bytes(pickle.dumps(jobs))
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=root))
    res = subprocess.run([sys.executable, str(script), str(path)], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    got = json.loads(res.stdout.strip().splitlines()[-1])
    mismatched = sorted(k for k in expected if got.get(k) != expected[k])
    assert not mismatched, f"replay differs in a fresh process for: {mismatched}"
    assert len(expected) >= 4
