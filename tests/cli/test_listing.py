"""``multiaug list``: the catalogue as a table and as JSON."""

from __future__ import annotations

import json

from multiaug.cli import main


def test_list_table_and_json(capsys):
    assert main(["list", "--modality", "text"]) == 0
    out = capsys.readouterr().out
    assert "change_case" in out and "augmentations" in out
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"image", "text", "audio"} <= {r["modality"] for r in rows}
