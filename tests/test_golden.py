"""Every registered augmentation still gives the outputs and records fingerprinted in tests/golden/.

See tests/golden/make_golden.py for what is fingerprinted and how to regenerate after an intended change.
"""

from __future__ import annotations

from tests.golden.make_golden import compare, compute, load


def test_outputs_and_records_match_golden():
    expected = load()
    problems = compare(expected, compute(expected))
    assert not problems, "golden differences:\n" + "\n".join(problems[:50])


def test_public_signatures_keep_augly_positional_order_and_defaults():
    """Every parameter up to the reserved tail (``metadata``/``bboxes``/``bbox_format``) stays positional in the
    same order (AugLy's contract); later parameters (multiaug extensions) may become keyword-only; every default
    stays the same. Annotations may change."""
    import json

    from tests.golden.make_golden import RESERVED_TAIL, SIGNATURES, parse_signature, signatures

    expected = json.loads(SIGNATURES.read_text())
    actual = signatures()
    problems = []
    for eid, exp in expected.items():
        got = actual.get(eid)
        if got is None:
            problems.append(f"{eid}: no longer registered")
            continue
        for kind in ("function", "class"):
            exp_pos, exp_def = parse_signature(exp[kind])
            got_pos, got_def = parse_signature(got[kind])
            last = max((i for i, n in enumerate(exp_pos) if n in RESERVED_TAIL), default=len(exp_pos) - 1)
            if got_pos[: last + 1] != exp_pos[: last + 1] or got_pos != exp_pos[: len(got_pos)]:
                problems.append(f"{eid} {kind}: positional parameters {got_pos}, expected {exp_pos}")
            for name, default in exp_def.items():
                if got_def.get(name) != default and not default.startswith("<"):
                    problems.append(f"{eid} {kind}: default of {name} is {got_def.get(name)}, expected {default}")
    assert not problems, "\n".join(problems[:50])


def test_record_fingerprints_do_not_depend_on_where_the_assets_are(tmp_path, monkeypatch):
    """A record naming a shipped asset (stack_with's `other`, fonts, emoji) hashes the same whether the assets folder
    is reached directly or through a symlink, and the path is written relative to it with '/'."""
    import multiaug.assets
    from multiaug.assets import assets_dir
    from tests.golden.make_golden import _portable_value, _record_hash

    real = assets_dir()
    rec = {"name": "stack_with", "params": {"other": str(real / "image" / "samples" / "coffee.jpg")},
           "info": {"paths": [str(real / "image" / "emoji" / "1f60d.png")]}}
    assert _portable_value(rec) == {"name": "stack_with", "params": {"other": "<assets>/image/samples/coffee.jpg"},
                                    "info": {"paths": ["<assets>/image/emoji/1f60d.png"]}}
    before = _record_hash(rec, ["name", "params", "info"])
    link = tmp_path / "checkout" / "assets"
    link.parent.mkdir()
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setattr(multiaug.assets, "assets_dir", lambda: link)
    via_link = {"name": "stack_with", "params": {"other": str(link / "image" / "samples" / "coffee.jpg")},
                "info": {"paths": [str(real / "image" / "emoji" / "1f60d.png")]}}   # one spelled resolved
    assert _record_hash(via_link, ["name", "params", "info"]) == before
    moved = {"name": "stack_with", "params": {"other": str(tmp_path / "elsewhere" / "coffee.jpg")}, "info": {"paths": []}}
    assert _record_hash(moved, ["name", "params", "info"]) != before
