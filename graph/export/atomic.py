"""Atomic file writing: a temporary file in the target folder, then a rename.

A reader never sees half a file, and a failed or killed write leaves the old file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output path cannot be written; the message names it."""


def write_bytes(path: Path, data: bytes, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary sibling file and a rename; return ``path``.

    With ``durable`` (the default) the data is flushed to the disk (``fsync``) before the
    rename, so not even a crash of the machine leaves a torn file; without, a crash may leave
    an empty or partial file (caches, which detect and recompute such entries, skip the
    flush: one per entry cost seconds on a cold build). Raises :class:`OutputError` naming
    the path when the folder is missing or unwritable.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path.parent}: cannot write here ({err.strerror or err})") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"{path}: cannot write ({err.strerror or err})") from err
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends to ``path`` atomically; return ``path``."""
    return write_bytes(path, text.encode("utf-8"))


def check_writable(folder: Path) -> Path:
    """Create ``folder`` if needed and prove a file can be written there; return it.

    Raises :class:`OutputError` naming the folder otherwise, before any work is done.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".probe.", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as err:
        raise OutputError(f"{folder}: output folder is not writable ({err.strerror or err})") from err
    return folder
