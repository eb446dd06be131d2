"""``pathmgr``: the parts of iopath's ``PathManager`` that AugLy code calls (``augly.utils.pathmgr``), for local
paths only.

multiaug never touches the network, so a URL (``http://``, ``s3://``, ``manifold://`` ...) raises
:class:`~multiaug.core.errors.MediaReadError` instead of being downloaded. AugLy's emoji category folders are
virtual in multiaug (one flat folder of emoji, see :mod:`multiaug.utils.constants`): ``pathmgr.ls(SMILEY_EMOJI_DIR)``
lists the category's files and ``<emoji folder>/smileys/<file>`` opens, exists and resolves to the real file.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import IO, Any

from ..core.errors import MediaReadError, UnsupportedInputError
from .base_paths import EMOJI_DIR

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _emoji_category_files(category_dir: str) -> list[str] | None:
    """Files of a virtual emoji category folder ``<EMOJI_DIR>/<category>``, or None if ``category_dir`` is not one."""
    parent, name = os.path.split(os.path.normpath(category_dir))
    if os.path.normpath(parent) != os.path.normpath(EMOJI_DIR) or os.path.isdir(category_dir):
        return None
    # lazy: the emoji index lives in the image modality, which loads on first use
    from ..image.resources.emoji import emoji_categories, emoji_files  # lazy: importing a modality registers its whole catalogue (about a second)

    if name not in emoji_categories():
        return None
    return [os.path.basename(f) for f in emoji_files(category_dir)]


class PathManager:
    """Local-file operations with iopath's ``PathManager`` method names and arguments."""

    def _local(self, path: str | os.PathLike[str]) -> str:
        p = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
        if not isinstance(p, str):
            raise UnsupportedInputError(f"pathmgr: expected a str or os.PathLike path, got {type(path).__name__}")
        if _URL.match(p) and not p.startswith("file://"):
            raise MediaReadError(f"pathmgr: '{p}' is a URL; multiaug reads local files only (no network access)")
        if p.startswith("file://"):
            p = p[len("file://"):]
        if not os.path.exists(p):
            folder, name = os.path.split(p)
            files = _emoji_category_files(folder)
            if files is not None and name in files:
                return os.path.join(EMOJI_DIR, name)
        return p

    def get_local_path(self, path: str | os.PathLike[str], force: bool = False, **kwargs: Any) -> str:
        """The local path of ``path`` (itself, or the real file behind a virtual emoji path)."""
        return self._local(path)

    def open(self, path: str | os.PathLike[str], mode: str = "r", buffering: int = -1,
             encoding: str | None = None, errors: str | None = None, newline: str | None = None,
             **kwargs: Any) -> IO[Any]:
        """``open()`` of the local path."""
        return open(self._local(path), mode, buffering=buffering, encoding=encoding, errors=errors,  # noqa: SIM115
                    newline=newline)

    def exists(self, path: str | os.PathLike[str], **kwargs: Any) -> bool:
        p = self._local(path)
        return os.path.exists(p) or _emoji_category_files(p) is not None

    def isfile(self, path: str | os.PathLike[str], **kwargs: Any) -> bool:
        return os.path.isfile(self._local(path))

    def isdir(self, path: str | os.PathLike[str], **kwargs: Any) -> bool:
        p = self._local(path)
        return os.path.isdir(p) or _emoji_category_files(p) is not None

    def ls(self, path: str | os.PathLike[str], **kwargs: Any) -> list[str]:
        """Names of the entries of a folder (sorted), like iopath's ``ls``; a virtual emoji category lists its
        emoji files."""
        p = self._local(path)
        files = _emoji_category_files(p)
        if files is not None:
            return sorted(files)
        try:
            return sorted(os.listdir(p))
        except OSError as exc:
            raise MediaReadError(f"pathmgr.ls: cannot list '{p}': {exc}") from None

    def mkdirs(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        os.makedirs(self._local(path), exist_ok=True)

    def rm(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        os.remove(self._local(path))

    def copy(self, src_path: str | os.PathLike[str], dst_path: str | os.PathLike[str], overwrite: bool = False,
             **kwargs: Any) -> bool:
        """Copy a file; refuses to replace an existing ``dst_path`` unless ``overwrite``. Returns True."""
        src, dst = self._local(src_path), self._local(dst_path)
        if os.path.exists(dst) and not overwrite:
            raise MediaReadError(f"pathmgr.copy: '{dst}' exists; pass overwrite=True to replace it")
        shutil.copyfile(src, dst)
        return True

    def copy_from_local(self, local_path: str | os.PathLike[str], dst_path: str | os.PathLike[str],
                        overwrite: bool = False, **kwargs: Any) -> None:
        self.copy(local_path, dst_path, overwrite=overwrite)

    def mv(self, src_path: str | os.PathLike[str], dst_path: str | os.PathLike[str], **kwargs: Any) -> bool:
        shutil.move(self._local(src_path), self._local(dst_path))
        return True

    def symlink(self, src_path: str | os.PathLike[str], dst_path: str | os.PathLike[str], **kwargs: Any) -> bool:
        os.symlink(self._local(src_path), self._local(dst_path))
        return True

    def set_strict_kwargs_checking(self, enable: bool) -> None:
        """Accepted for compatibility; extra keyword arguments are always ignored here."""

    def register_handler(self, handler: Any, allow_override: bool = False) -> None:
        """Refused: handlers add remote back-ends (HTTP, S3, ...) and multiaug reads local files only."""
        raise UnsupportedInputError("pathmgr.register_handler: multiaug's pathmgr reads local files only "
                                    "(no network back-ends)")


#: the shared instance (``from augly.utils import pathmgr`` → ``from multiaug.utils import pathmgr``)
pathmgr = PathManager()

__all__ = ["PathManager", "pathmgr"]
