"""The build stamp: skip a build whose inputs, settings and code have not changed.

``kg build`` writes ``build.json`` into its cache folder (``OUT/.zhkg-cache`` unless
``--cache-dir`` says otherwise): the output folder, a digest of everything the exports
depend on (each document's id and text, the lexicon's version, the build's settings, the
source of the whole ``graph`` package and the versions of the libraries that write files)
and the SHA-256 of every file it wrote. When the next build's digest is the same and every
file is still there, unchanged, the build has nothing to do. ``--no-cache`` always rebuilds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.export.atomic import write_text
from graph.model import Document

#: The stamp's file name inside the cache folder (so the output folder holds only exports).
FILE_NAME = "build.json"
_PACKAGE = Path(__file__).parent
#: Libraries whose version can change the bytes of an export.
_LIBRARIES = ("jieba", "networkx", "pyoxigraph", "pyvis", "rdflib", "numpy", "scipy")


@lru_cache(maxsize=1)
def package_version() -> str:
    """Return a digest of every source and data file of the ``graph`` package and of the
    versions of :data:`_LIBRARIES`, computed once per process."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def build_stamp(documents: Iterable[Document], lexicon_version: str, settings: Mapping[str, Any]) -> str:
    """Return the digest of a build of ``documents`` with the lexicon ``lexicon_version`` and
    ``settings`` (JSON-ready: jobs-independent options such as the base IRI) by this code."""
    digest = hashlib.sha256(package_version().encode() + b"\0" + lexicon_version.encode())
    digest.update(json.dumps(dict(settings), sort_keys=True, ensure_ascii=False).encode())
    for doc in sorted(documents, key=lambda d: d.id):
        for part in (doc.id, doc.text, doc.title, doc.date):
            digest.update(part.encode("utf-8", errors="surrogatepass") + b"\0")
    return digest.hexdigest()


def current_summary(folder: Path, out: Path, stamp: str) -> str | None:
    """Return the summary line of the last build recorded in the cache ``folder`` if it wrote
    into ``out`` with the stamp ``stamp`` and every file it wrote is still there with the same
    bytes; else None (a rebuild is needed)."""
    try:
        record = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        if record["stamp"] != stamp or record["out"] != str(out.resolve()):
            return None
        for name, sha in record["files"].items():
            if _sha256(out / name) != sha:
                return None
        return str(record["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(folder: Path, out: Path, stamp: str, paths: Iterable[Path], summary: str) -> Path:
    """Write the stamp of a finished build into the cache ``folder``: the output folder ``out``,
    ``stamp``, the SHA-256 of each of ``paths`` and the ``summary`` line; return its path."""
    files = {path.name: _sha256(path) for path in paths}
    data = {"out": str(out.resolve()), "stamp": stamp, "files": files, "summary": summary}
    folder.mkdir(parents=True, exist_ok=True)
    return write_text(folder / FILE_NAME, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def forget(folder: Path) -> None:
    """Remove the stamp from the cache ``folder`` (before exports are rewritten, so a killed
    build is never taken for current)."""
    (folder / FILE_NAME).unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    """Return the hex SHA-256 of the file ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
