"""Write (or check) the golden fingerprint of every registered augmentation.

For every entry of the registry and a fixed set of inputs (image: PIL RGB / RGBA / L and an RGB ndarray;
text: a str and a list; audio: mono and stereo float32), seeds and the class form, this records a SHA-256 of
the output and of the full record (minus version fields). ``tests/test_golden.py`` recomputes them: a
refactor must leave every output and record unchanged. When a change of output is intended, regenerate with

    python -m tests.golden.make_golden --write

and say in the commit message which entries changed and why. Entries registered after the file was written are
not checked until they are added with ``--add-new`` (which keeps every existing fingerprint as it is). Keys added to records later are allowed (the
record hash covers the keys recorded here); keys removed are not.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path, PurePath
from typing import Any

import numpy as np
from PIL import Image

import multiaug
from tests.helpers import SAMPLE_TEXTS, sample_audio, sample_image

GOLDEN = Path(__file__).with_name("registry_golden.json.gz")
SIGNATURES = Path(__file__).with_name("signatures.json")
IGNORED_KEYS = {"multiaug_version"}


def _inputs(modality: str) -> dict[str, Any]:
    if modality == "image":
        return {
            "pil_rgb": sample_image(),
            "pil_rgba": sample_image(mode="RGBA", seed=1),
            "pil_l": sample_image(mode="L", seed=2),
            "np_rgb": np.asarray(sample_image(seed=3)).copy(),
        }
    if modality == "text":
        return {"str": SAMPLE_TEXTS[0], "list": list(SAMPLE_TEXTS)}
    if modality == "audio":
        return {"mono": sample_audio(), "stereo": sample_audio(channels=2, seed=1)}
    return {}


def _media_bytes(out: Any) -> bytes:
    if isinstance(out, tuple):
        return b"|".join(_media_bytes(o) for o in out)
    if isinstance(out, Image.Image):
        return f"{out.mode}{out.size}".encode() + out.tobytes()
    if isinstance(out, np.ndarray):
        return f"{out.dtype}{out.shape}".encode() + np.ascontiguousarray(out).tobytes()
    return json.dumps(out, sort_keys=True, ensure_ascii=False, default=repr).encode()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


def _record_keys(rec: dict[str, Any]) -> list[str]:
    return sorted(k for k in rec if k not in IGNORED_KEYS)


def _asset_roots() -> list[str]:
    """The assets folder as records may spell it: as found, and with symlinks resolved (longest first)."""
    from multiaug.assets import assets_dir

    root = assets_dir()
    return sorted({str(root), str(root.resolve())}, key=len, reverse=True)


def _portable(text: str) -> str:
    """``text`` with the checkout's assets folder written as ``<assets>`` (records and defaults hold font and
    emoji paths; the fingerprints must not depend on where the repository is cloned)."""
    for root in _asset_roots():
        text = text.replace(root, "<assets>")
    return text


def _portable_value(value: Any) -> Any:
    """``value`` (a record, walked through dicts and lists) with every path under the assets folder written as
    ``<assets>/<relative path with />`` — before JSON escaping, so a Windows path (``\\`` escaped in JSON) or a
    path reached through a symlink gives the same fingerprint as a POSIX checkout anywhere else. (Only the golden
    harness does this: records themselves keep the absolute paths that replay needs.)"""
    if isinstance(value, dict):
        return {k: _portable_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_portable_value(v) for v in value]
    if isinstance(value, str):
        for root in _asset_roots():
            if value == root:
                return "<assets>"
            for sep in {os.sep, "/"}:
                if value.startswith(root + sep):
                    return "<assets>/" + PurePath(value[len(root) + 1:]).as_posix()
        return _portable(value)
    return value


def _record_hash(rec: dict[str, Any], keys: list[str]) -> str:
    sub = _portable_value({k: rec.get(k, "<missing>") for k in keys})
    return _digest(_portable(json.dumps(sub, sort_keys=True, ensure_ascii=False, default=repr)).encode())


def cases() -> list[tuple[str, str, Any]]:
    """(entry id, case id, callable returning (output, records))."""
    out = []
    for row in multiaug.catalogue():
        mod_name, name = row["modality"], row["name"]
        if mod_name not in ("image", "text", "audio"):
            continue
        module = getattr(multiaug, mod_name)
        entry = multiaug.get_entry(name, mod_name)
        fn = getattr(module, name)
        cls = getattr(module, row["class_name"])
        extra = {"sample_rate": 16000} if mod_name == "audio" else {}
        seeds = (0, 1) if row["random"] else (None,)
        for kind, media in _inputs(mod_name).items():
            for seed in seeds:
                def call(media=media, seed=seed, fn=fn, entry=entry, extra=extra):
                    tr = multiaug.Tracker()
                    kw = {**entry.example_params(), **extra}
                    if seed is not None:
                        kw["seed"] = seed
                    return fn(media, metadata=tr, **kw), tr
                out.append((f"{mod_name}.{name}", f"fn/{kind}/s{seed}", call))
        first = next(iter(_inputs(mod_name).values()))

        def class_call(cls=cls, entry=entry, first=first, extra=extra):
            tr = multiaug.Tracker()
            return cls(**entry.example_params())(first, metadata=tr, seed=5, **extra), tr
        out.append((f"{mod_name}.{name}", "class/s5", class_call))
    return out


def compute(expected: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Fingerprints of every case; with ``expected``, record hashes use the golden key lists (so keys added
    since are ignored) and a removed key shows as ``<missing>``."""
    golden: dict[str, dict[str, Any]] = {}
    for eid, cid, call in cases():
        try:
            media, tracker = call()
        except Exception as exc:  # recorded so that a change of error behaviour is visible too
            golden.setdefault(eid, {})[cid] = {"error": type(exc).__name__}
            continue
        recs = [dict(r) for r in tracker]
        keys = [_record_keys(r) for r in recs]
        exp = (expected or {}).get(eid, {}).get(cid)
        if exp and "records" in exp and len(exp["records"]) == len(recs):
            keys = [e["keys"] for e in exp["records"]]
        golden.setdefault(eid, {})[cid] = {
            "out": _digest(_media_bytes(media)),
            "records": [{"keys": k, "hash": _record_hash(r, k)} for r, k in zip(recs, keys)],
        }
    return golden


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Human-readable differences (entries present in both only; new entries are not golden yet)."""
    problems = []
    for eid, exp_cases in expected.items():
        if eid not in actual:
            problems.append(f"{eid}: no longer registered")
            continue
        for cid, exp in exp_cases.items():
            got = actual[eid].get(cid)
            if got is None:
                problems.append(f"{eid} {cid}: case missing")
            elif "error" in exp or "error" in got:
                if exp != got:
                    problems.append(f"{eid} {cid}: expected {exp}, got {got}")
            elif exp["out"] != got["out"]:
                problems.append(f"{eid} {cid}: output changed")
            elif exp["records"] != got["records"]:
                problems.append(f"{eid} {cid}: record changed")
    return problems


def signatures() -> dict[str, dict[str, str]]:
    """Public function and class signatures of every entry (positional order and defaults are AugLy's contract)."""
    import inspect

    out: dict[str, dict[str, str]] = {}
    for row in multiaug.catalogue():
        if row["modality"] not in ("image", "text", "audio"):
            continue
        module = getattr(multiaug, row["modality"])
        out[f"{row['modality']}.{row['name']}"] = {
            "function": _portable(str(inspect.signature(getattr(module, row["name"])))),
            "class": _portable(str(inspect.signature(getattr(module, row["class_name"])))),
        }
    return out


def parse_signature(sig_text: str) -> tuple[list[str], dict[str, str]]:
    """(parameters a caller may pass by position, {name: default text}) of a signature's text."""
    inner = sig_text[sig_text.index("(") + 1 : sig_text.rindex(")")]
    positional: list[str] = []
    defaults: dict[str, str] = {}
    depth = 0
    token = ""
    quote = ""
    keyword_only = False
    for ch in inner + ",":
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0 and not quote:
            part = token.strip()
            token = ""
            name = part.split(":")[0].split("=")[0].strip()
            if name.startswith("*"):
                keyword_only = True
                continue
            if not keyword_only:
                positional.append(name)
            if "=" in part:
                defaults[name] = part.rsplit("=", 1)[1].strip()
        else:
            token += ch
    return positional, defaults


RESERVED_TAIL = {"metadata", "bboxes", "bbox_format"}


def load() -> dict[str, Any]:
    return json.loads(gzip.decompress(GOLDEN.read_bytes()))


def _write(golden: dict[str, Any], sigs: dict[str, dict[str, str]]) -> None:
    """Write the golden fingerprints and the signatures (the one place their file formats are decided)."""
    GOLDEN.write_bytes(gzip.compress(json.dumps(golden, sort_keys=True, indent=0).encode(), mtime=0))
    SIGNATURES.write_text(json.dumps(sigs, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the golden file instead of checking")
    ap.add_argument("--add-new", action="store_true",
                    help="add entries registered since the golden file was written, keeping every existing "
                         "fingerprint (and signature) as it is; refuses when an existing one changed")
    args = ap.parse_args(argv)
    if args.add_new:
        expected = load()
        actual = compute(expected)
        problems = compare(expected, actual)
        if problems:
            print("\n".join(problems) + "\nnot adding: existing fingerprints changed")
            return 1
        new = sorted(set(actual) - set(expected))
        current = signatures()
        sigs = json.loads(SIGNATURES.read_text(encoding="utf-8"))
        _write({**expected, **{eid: actual[eid] for eid in new}},
               {**sigs, **{eid: current[eid] for eid in new if eid in current}})
        print(f"added {len(new)} entries ({sum(len(actual[e]) for e in new)} cases): {', '.join(new)}")
        return 0
    if args.write:
        actual = compute()
        _write(actual, signatures())
        n = sum(len(c) for c in actual.values())
        print(f"wrote {GOLDEN} ({len(actual)} entries, {n} cases)")
        return 0
    expected = load()
    problems = compare(expected, compute(expected))
    print("\n".join(problems) or "golden: all outputs and records unchanged")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
