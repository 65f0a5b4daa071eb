"""Find and decode the corpus: files and folders in, :class:`Document` values out.

Files are read as bytes and decoded as UTF-8 (a BOM is dropped), else GB18030, so
``\\r\\n`` stays two characters and offsets are offsets into the decoded text. Anything
that is not text raises :class:`CorpusError` with one line naming the file.

:func:`load` is strict: it stops at the first file that cannot be read. :func:`load_tolerant`
reads every file and returns the documents with one :class:`CorpusError` per file skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.model import Document

#: File endings read from a folder; a file named directly is read whatever its ending.
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md"})
#: The longest line (in characters) a file may hold: a whole work report fits on one line,
#: a scraper's dump of a site (megabytes with no line break) does not, and is refused.
MAX_LINE_CHARS = 100_000
_UTF8_BOM = b"\xef\xbb\xbf"
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NOT_TITLE = re.compile(r"编辑|校对|组版|记者|通讯员|本报讯|摄\s*$|^[\s\d:：/.\-年月日星期一二三四五六天]+$")


class CorpusError(Exception):
    """A path that cannot be read as a document; the message names it."""


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` (the bytes of file ``name``) as UTF-8, UTF-8 with BOM or GB18030.

    Returns the text exactly as decoded (a leading BOM is removed, nothing else changes).
    Raises :class:`CorpusError` for empty, binary or undecodable bytes, and for a line
    longer than :data:`MAX_LINE_CHARS`.

    >>> decode("示范区".encode("gb18030"), "a.txt")
    '示范区'
    """
    if not data.strip():
        raise CorpusError(f"{name}: empty file")
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file (contains NUL bytes), not text")
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as err:
            raise CorpusError(
                f"{name}: cannot decode byte {data[err.start]:#04x} at offset {err.start} "
                "as UTF-8 or GB18030"
            ) from None
    _reject_control_characters(text, name)
    if not text.strip():
        raise CorpusError(f"{name}: empty file")
    _reject_long_lines(text, name)
    return text


def _reject_long_lines(text: str, name: str) -> None:
    """Raise :class:`CorpusError` when a line of ``text`` is longer than :data:`MAX_LINE_CHARS`."""
    if len(text) <= MAX_LINE_CHARS:
        return
    longest = max(len(part) for line in text.split("\n") for part in line.split("\r"))
    if longest > MAX_LINE_CHARS:
        raise CorpusError(
            f"{name}: a line of {longest} characters (at most {MAX_LINE_CHARS}), not an article"
        )


#: The control characters (Unicode category Cc) that no text file holds: all but \t \n \v \f \r.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _reject_control_characters(text: str, name: str) -> None:
    """Raise :class:`CorpusError` when ``text`` holds control characters that no text file has."""
    match = _CONTROL.search(text)
    if match:
        raise CorpusError(f"{name}: binary file (control character {ord(match.group()):#04x} at {match.start()})")


def find_title(text: str) -> str:
    """Return the headline of an article: its first line that is not a byline or a date.

    >>> find_title("\\n编辑:张三\\n\\n2022年9月19日 星期一\\n\\n示范区发改委\\n\\n正文。")
    '示范区发改委'
    """
    for line in text.splitlines():
        line = line.strip()
        if line and not _NOT_TITLE.search(line) and len(line) <= 60:
            return line
    return ""


def find_date(text: str) -> str:
    """Return the first full date (``2022年9月19日`` → ``2022-09-19``) in the article's head, else ``""``."""
    match = _DATE.search(text[:400])
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_document(path: Path) -> Document:
    """Read one file into a :class:`Document` whose id is the file's own name.

    Raises :class:`CorpusError` naming the file when it is missing, unreadable or not text.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not a file") from None
    except OSError as err:
        raise CorpusError(f"{path}: cannot read ({err.strerror or err})") from None
    text = decode(data, str(path))
    return Document(id=path.name, text=text, title=find_title(text), date=find_date(text), path=str(path))


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand ``paths`` (files and folders) into the sorted list of files to read.

    A folder contributes its text files (``.txt``, ``.text``, ``.md``) at any depth, hidden
    ones excepted. Raises :class:`CorpusError` for a missing path or a folder with no text
    file, and for two files with the same name (document ids must be unique).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise CorpusError(f"{path}: folder has no text files ({', '.join(sorted(TEXT_SUFFIXES))})")
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            raise CorpusError(f"{path}: no such file or folder")
    seen: dict[str, Path] = {}
    for path in found:
        if path.name in seen and seen[path.name].resolve() != path.resolve():
            raise CorpusError(f"{path}: another file has the same name ({seen[path.name]})")
        seen[path.name] = path
    return sorted(seen.values(), key=lambda p: p.name)


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Yield a :class:`Document` for every file under ``paths``, sorted by id.

    Raises :class:`CorpusError` at the first path that cannot be read.
    """
    for path in find_files(paths):
        yield read_document(path)


def load(paths: Iterable[str | Path]) -> tuple[Document, ...]:
    """Read every file under ``paths`` and return the documents sorted by id.

    Strict: raises :class:`CorpusError` at the first file that cannot be read.
    """
    return tuple(iter_documents(paths))


def load_tolerant(paths: Iterable[str | Path]) -> tuple[tuple[Document, ...], tuple[CorpusError, ...]]:
    """Read every file under ``paths``; return ``(documents, errors)``, both sorted by file name.

    A file that cannot be read (empty, binary, undecodable, unreadable) is skipped and gives
    one :class:`CorpusError` naming it. What is wrong with ``paths`` as a whole still raises:
    a missing path, a folder with no text file, two files with one name.
    """
    documents: list[Document] = []
    errors: list[CorpusError] = []
    for path in find_files(paths):
        try:
            documents.append(read_document(path))
        except CorpusError as err:
            errors.append(err)
    return tuple(documents), tuple(errors)
