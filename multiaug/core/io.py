"""Files: atomic writing (write to a temporary file in the target folder, then rename), THE JSON Lines reader and
writer of every multiaug ``*.jsonl`` file, and the row reader of CSV/JSONL manifests."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import MediaReadError, OutputPathError, UnsupportedInputError


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
    try:  # a file that is replaced keeps its permission bits
        mode = os.stat(target).st_mode & 0o7777 if target.is_file() else _file_mode()
    except OSError:
        mode = _file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{suffix}", dir=target.parent)
    os.close(fd)
    try:
        writer(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, Exception) and tmp in str(exc):  # name the caller's path, not the temporary one
            raise OutputPathError(f"cannot write '{target}': {str(exc).replace(tmp, str(target))}") from None
        raise


def check_output_path(path: str | os.PathLike[str], function: str, *, known: Callable[[str], bool],
                      examples: str) -> None:
    """Refuse an output path before any work is done: a directory, no or an unknown extension (``known(ext)``
    decides, ``examples`` lists some), an existing read-only file (multiaug never replaces one), or a folder
    that cannot be created or written. Raises :class:`OutputPathError` naming ``path``, or
    :class:`UnsupportedInputError` when ``path`` is not a path at all (a size passed positionally, say)."""
    if not isinstance(path, (str, os.PathLike)):
        raise UnsupportedInputError(
            f"{function}: output_path must be a file path (str or os.PathLike) or None, got {type(path).__name__} "
            f"{path!r}; the second positional argument is output_path, as in AugLy: pass other parameters by keyword")
    target = Path(path)
    if target.is_dir():
        raise OutputPathError(f"{function}: output_path '{path}' is a directory; give a file name ({examples})")
    ext = target.suffix.lower()
    if not known(ext):
        what = "has no extension" if not ext else f"has an unknown extension '{ext}'"
        raise OutputPathError(f"{function}: output_path '{path}' {what}; the extension chooses the format "
                              f"({examples})")
    if target.exists() and (not os.stat(target).st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise OutputPathError(f"{function}: output_path '{path}' exists and is read-only; multiaug does not "
                              "replace read-only files")
    check_writable_dir(target.parent, f"{function}: output_path '{path}'")


def check_writable_dir(folder: str | os.PathLike[str], what: str) -> None:
    """Raise :class:`OutputPathError` unless ``folder`` exists as a writable folder or can be created
    (its nearest existing ancestor is a writable folder)."""
    probe = Path(folder).absolute()
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise OutputPathError(f"{what}: '{probe}' is a file, not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputPathError(f"{what}: the folder '{probe}' is not writable")


def check_output_dir(folder: str | os.PathLike[str], what: str) -> Path:
    """Check a command-line ``--out`` folder before any work: it must be a folder (or creatable: its nearest
    existing ancestor is a writable folder), and an existing one must accept a file (a probe file is written
    and removed, which also catches read-only file systems and root-squashed mounts). Nothing is created.
    Raises :class:`OutputPathError` with a one-line reason."""
    target = Path(folder)
    check_writable_dir(target, what)
    if target.is_dir():
        try:
            fd, probe = tempfile.mkstemp(prefix=".multiaug-probe-", dir=target)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise OutputPathError(f"{what}: cannot write into '{target}': {exc.strerror or exc}") from None
    return target


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


def parse_jsonl(text: str, where: str, *, skip_invalid: bool = False,
                error: type[Exception] = MediaReadError) -> list[Any]:
    """The values of JSON Lines text, one per non-blank line.

    Args:
        text: the text.
        where: start of the error message (``"<where> line N is not JSON (...)"``).
        skip_invalid: skip lines that are not JSON instead of raising (a journal whose last line an interruption
            cut).
        error: the exception raised for a line that is not JSON.
    """
    rows = []
    for n, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            if skip_invalid:
                continue
            raise error(f"{where} line {n + 1} is not JSON ({exc})") from None
    return rows


def read_jsonl(path: str | os.PathLike[str], where: str | None = None, *, skip_invalid: bool = False,
               missing_ok: bool = False, error: type[Exception] = MediaReadError) -> list[Any]:
    """:func:`parse_jsonl` of a UTF-8 file (``missing_ok``: ``[]`` for a file that does not exist)."""
    p = Path(path)
    if missing_ok and not p.is_file():
        return []
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MediaReadError(f"{where or 'read_jsonl'}: cannot read '{p}': {exc}") from None
    return parse_jsonl(text, where or f"'{p}'", skip_invalid=skip_invalid, error=error)


def parse_rows(raw: str, suffix: str, where: str) -> list[dict[str, Any]] | None:
    """Rows of a manifest's text: ``.csv`` (header row) or ``.jsonl``/``.ndjson``; ``None`` for another suffix.

    Args:
        raw: the file's text.
        suffix: the file's extension (any case).
        where: start of the error message for a line that is not JSON (``"<where> line N is not JSON (...)"``).
    """
    suffix = suffix.lower()
    if suffix == ".csv":
        return list(csv.DictReader(io.StringIO(raw)))
    if suffix not in (".jsonl", ".ndjson"):
        return None
    return parse_jsonl(raw, where)
