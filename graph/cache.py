"""A per-document cache of extraction results on disk, for incremental builds.

The per-document stages (segment, recognize) depend only on the document, the lexicon and
the code that runs them, so their result (a :class:`graph.pipeline.DocumentResult`) is
stored under a key made of all of these:

- the document's id and text,
- :attr:`graph.lexicon.Lexicon.version` (the digest of the lexicon data and any user lexicon),
- :data:`CODE_VERSION`: a digest of the source of the modules that produce the result
  (``segment``, ``wordtables``, ``recognize``, ``fold``, ``model``, ``pipeline``, the ``lexicon`` folder)
  and of jieba's version, so that editing the extractor invalidates the cache by itself.

One file per document, ``<key>.pkl``, written atomically (but not flushed to the disk one
by one: an entry a crash leaves empty or torn is unreadable, so ignored). An entry that cannot be read
(truncated, corrupt, another format) is ignored, counted in :attr:`ResultCache.errors`, and
rewritten. Stale entries are never read again; delete the folder to reclaim the space.

The ``relate`` stage of a document is cached too, in ``related/<key>.pkl``: its relations
and project attributes depend on the document's result, on the entity id each of its
mentions resolved to and on the ids of the article's province, city and district (see
:meth:`ResultCache.relate_key`), so a document whose ids a new article leaves alone is not
related again. The code digest covers ``relate.py`` and ``resolve.py`` as well.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.export.atomic import OutputError, write_bytes

if TYPE_CHECKING:  # pragma: no cover
    from graph.lexicon import Lexicon
    from graph.model import Document
    from graph.pipeline import DocumentResult

#: The cache folder's name inside a build's output folder.
DEFAULT_DIR_NAME = ".zhkg-cache"
#: Bump to invalidate every cache entry by hand (e.g. a change the source digest cannot see).
FORMAT = "1"
_PACKAGE = Path(__file__).parent
_SOURCES = ("segment.py", "wordtables.py", "recognize.py", "fold.py", "model.py", "pipeline.py", "cache.py", "relate.py", "resolve.py")
#: The subfolder of the relate stage's entries.
RELATED_DIR = "related"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a digest of the code behind the per-document stages, computed once per process."""
    import importlib.metadata

    digest = hashlib.sha256(FORMAT.encode())
    for name in _SOURCES:
        digest.update(name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
    lexicon_dir = _PACKAGE / "lexicon"
    for path in sorted(p for p in lexicon_dir.iterdir() if p.is_file() and p.suffix in (".py", ".tsv", ".txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(importlib.metadata.version("jieba").encode())
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        pass
    return digest.hexdigest()[:16]


def _by_fields(cls: type) -> object:
    """Return a pickle reducer that stores a dataclass as its class and field values, in order.

    Loading calls the class itself (fast), not the generic dataclass ``__setstate__``, which
    looks up the fields again for every object and made loading a 10 MB corpus's cache slow.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))
    return lambda obj: (cls, tuple(getattr(obj, name) for name in names))


@lru_cache(maxsize=1)
def _dispatch_table() -> dict[type, object]:
    """Return the reducers of the model classes: those a :class:`DocumentResult` holds (its
    mentions, sentences, keys …), and relations with their evidence."""
    from graph import model
    from graph.pipeline import DocumentResult
    from graph.resolve import DocContext, DocKeys

    table = dict(copyreg.dispatch_table)
    for cls in (DocumentResult, DocKeys, DocContext, model.Document, model.Sentence, model.Mention, model.Dropped,
                model.Relation, model.Evidence):
        if all(f.init for f in dataclasses.fields(cls)):
            table[cls] = _by_fields(cls)
    return table


def dumps(value: object) -> bytes:
    """Return ``value`` (a :class:`DocumentResult`, or anything holding model objects) pickled
    compactly, model objects as their field values; ``pickle.loads`` reads it several times
    faster than a default pickle. Used for the cache and for results sent back by workers."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(value)
    return buffer.getvalue()


class ResultCache:
    """Per-document results on disk under ``folder``, keyed by content, lexicon and code.

    ``hits``, ``misses`` and ``errors`` (unreadable entries) count the lookups of this object.
    """

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.errors = 0
        self.related_hits = 0
        self.related_misses = 0
        self._ready = False
        self._related_ready = False

    def key(self, doc: Document, lexicon: Lexicon) -> str:
        """Return the key of ``doc``'s result under ``lexicon`` and this code."""
        digest = hashlib.sha256()
        for part in (code_version(), lexicon.version, doc.id):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(doc.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pkl"

    def get(self, doc: Document, lexicon: Lexicon) -> DocumentResult | None:
        """Return the cached result of ``doc``, or ``None`` when there is none or it cannot be read."""
        from graph.pipeline import DocumentResult

        path = self._path(self.key(doc, lexicon))
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            result = pickle.loads(data)
            ok = isinstance(result, DocumentResult) and result.doc.id == doc.id and result.doc.text == doc.text
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss
            ok = False
        if not ok:
            self.errors += 1
            self.misses += 1
            return None
        self.hits += 1
        # the same text may have been read from another path: keep this run's Document
        return result if result.doc == doc else replace(result, doc=doc)

    def put(self, doc: Document, lexicon: Lexicon, result: DocumentResult | bytes) -> None:
        """Store ``result`` for ``doc`` (a result, or its :func:`dumps` bytes as a worker sent
        them); a cache that cannot be written is skipped silently."""
        try:
            if not self._ready:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._ready = True
            data = result if isinstance(result, bytes) else dumps(result)
            write_bytes(self._path(self.key(doc, lexicon)), data, durable=False)
        except (OSError, OutputError):
            pass

    def relate_key(self, doc: Document, lexicon: Lexicon, ids: Sequence[str], area_ids: Mapping[str, str]) -> str:
        """Return the key of the ``relate`` stage of ``doc`` under ``lexicon`` and this code,
        given the entity id of each of its mentions (in the result's order) and the ids of its
        areas (:func:`graph.pipeline.relate_document`'s ``省``, ``市`` …)."""
        digest = hashlib.sha256(self.key(doc, lexicon).encode() + b"\0")
        for eid in ids:
            digest.update(eid.encode("utf-8", "surrogatepass") + b"\0")
        for level, eid in sorted(area_ids.items()):
            digest.update(b"\1" + level.encode("utf-8") + b"\0" + eid.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def get_related(self, key: str) -> object | None:
        """Return what the ``relate`` stage stored under ``key``, or ``None`` when there is
        nothing or it cannot be read (counted in ``related_hits``/``related_misses``)."""
        try:
            value = pickle.loads((self.folder / RELATED_DIR / f"{key}.pkl").read_bytes())
            ok = isinstance(value, tuple) and len(value) == 2
        except Exception:  # noqa: BLE001 - any missing or unreadable entry is a miss
            ok = False
        if not ok:
            self.related_misses += 1
            return None
        self.related_hits += 1
        return value

    def put_related(self, key: str, value: object) -> None:
        """Store the ``relate`` stage's ``value`` (relations and attributes of a document, or
        their :func:`dumps` bytes) under ``key``; a cache that cannot be written is skipped."""
        try:
            if not self._related_ready:
                (self.folder / RELATED_DIR).mkdir(parents=True, exist_ok=True)
                self._related_ready = True
            data = value if isinstance(value, bytes) else dumps(value)
            write_bytes(self.folder / RELATED_DIR / f"{key}.pkl", data, durable=False)
        except (OSError, OutputError):
            pass

    def stats(self) -> str:
        """Return ``"N reused, M extracted"`` (and unreadable entries, if any), and the same of
        the relate stage, for messages."""
        text = f"{self.hits} reused, {self.misses} extracted"
        text += f" ({self.errors} unreadable entries replaced)" if self.errors else ""
        if self.related_hits or self.related_misses:
            text += f"; relations: {self.related_hits} reused, {self.related_misses} found"
        return text
