"""Atomic file writing: write to a temporary file in the target folder, then rename."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


@functools.lru_cache(maxsize=1)
def _file_mode() -> int:
    """The mode a normally created file gets (0o666 minus the process umask); mkstemp would give 0o600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | os.PathLike[str], writer: Callable[[str], None], *, suffix: str | None = None) -> None:
    """Call ``writer(tmp_path)`` and atomically move the result to ``path``.

    On any error the temporary file is removed and ``path`` is left untouched, so no half-written
    file ever appears. ``suffix`` keeps the extension on the temporary name for writers that
    choose the format from it (Pillow, soundfile).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix if suffix is None else suffix
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{suffix}", dir=target.parent)
    os.close(fd)
    try:
        writer(tmp)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)

    atomic_write(path, write)


def jsonl_text(rows: Iterable[Any]) -> str:
    """One JSON object per line (UTF-8, sorted keys): the format of every multiaug ``*.jsonl`` file."""
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)


def write_jsonl(path: str | os.PathLike[str], rows: Iterable[Any]) -> str:
    """Atomically write ``rows`` as JSON Lines; returns the text written."""
    text = jsonl_text(rows)
    atomic_write_bytes(path, text.encode("utf-8"))
    return text
