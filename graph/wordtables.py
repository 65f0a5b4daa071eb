"""jieba's dictionary as the tables recognition reads (each word's count and tag), loaded
from one snapshot file.

Making them from jieba costs about a second per process: jieba loads its word counts (from
its own cache) and ``jieba.posseg`` reads the tags from ``dict.txt``. A :mod:`marshal`
snapshot of the finished tables, kept in the temporary folder next to jieba's own cache,
loads in a fraction of that.

The snapshot's file name carries a digest of all it is made from: jieba's version and
dictionary file, the words added to it, and :data:`FORMAT`. A snapshot that is missing or
unreadable is made again from jieba; one that cannot be written is skipped. Either way the
tables are the same.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import marshal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Bump when the tables' layout changes.
FORMAT = "2"


@dataclass(frozen=True, slots=True)
class WordTables:
    """jieba's dictionary with the added words: ``freq`` maps each word to its count
    (``jieba.Tokenizer.FREQ`` without the prefixes it holds with count 0), ``tags`` each
    word to its part-of-speech tag."""

    freq: dict[str, int]
    tags: dict[str, str]


def load(added: Sequence[str], folder: Path | None = None) -> WordTables:
    """Return the tables of jieba's dictionary with the words ``added`` (tagged ``nt``, with
    the count jieba suggests), from the snapshot in ``folder`` (default: the temporary folder)
    when there is a readable one, else made from jieba and snapshot there."""
    path = (folder or Path(tempfile.gettempdir())) / f"zhkg-words-{_digest(added)}.marshal"
    try:
        freq, tags = marshal.loads(path.read_bytes())
        return WordTables(freq, tags)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing, torn or of another layout: made again below
    tables = build(added)
    _write_snapshot(path, tables)
    return tables


def build(added: Sequence[str]) -> WordTables:
    """Return the tables made from jieba itself: its dictionary, then each of ``added`` that
    it lacks added as a word tagged ``nt``."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    # the tags of jieba's own dictionary, which importing jieba.posseg has just read for its
    # default tokenizer (over the same dictionary as ``base``): copied, not read a second time
    tags = dict(jieba.posseg.dt.word_tag_tab)
    for word in added:
        if word not in base.FREQ or not base.FREQ[word]:
            base.add_word(word)
            tags[word] = "nt"
    freq = {word: count for word, count in base.FREQ.items() if count}
    # the tags keyed by the counts' own string objects and the few tags interned: marshal
    # writes each shared object once, so the snapshot is smaller and loads faster
    same = {word: word for word in freq}
    tags = {same.get(word, word): sys.intern(tag) for word, tag in tags.items()}
    return WordTables(freq, tags)


def _digest(added: Sequence[str]) -> str:
    """Return a digest of what the tables are made from: jieba's version and dictionary file,
    the words ``added`` and :data:`FORMAT`."""
    jieba = importlib.util.find_spec("jieba")  # found, not imported: importing it takes time
    version = importlib.metadata.version("jieba")
    digest = hashlib.sha256(f"{FORMAT}\0{version}\0".encode())
    if jieba is not None and jieba.origin:
        digest.update(Path(jieba.origin).with_name("dict.txt").read_bytes())  # its default dictionary
    for word in added:
        digest.update(word.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def _write_snapshot(path: Path, tables: WordTables) -> None:
    """Write ``tables`` to ``path`` atomically (:func:`graph.export.atomic.write_bytes`, not
    flushed to the disk: a torn snapshot is made again); skip it when it cannot be written."""
    from graph.export.atomic import OutputError, write_bytes

    try:
        write_bytes(path, marshal.dumps((tables.freq, tables.tags)), durable=False)
    except (OSError, OutputError):
        pass
