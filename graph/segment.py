"""Sentences with offsets, and tokens with offsets and part-of-speech tags.

Tokens come from a private ``jieba`` tokenizer (never jieba's global one), built on first
use and never at import, so importing :mod:`graph` stays fast and side-effect free.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.model import Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import jieba.posseg

#: A sentence ends after one of these (with any closing quotes or brackets that follow),
#: or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』)）\"']*|\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence with its part-of-speech tag and offsets into the document."""

    word: str
    """The word's text."""
    flag: str
    """jieba's part-of-speech tag (``n``, ``ns``, ``v``, ``m``, ``x`` …)."""
    start: int
    """Offset of the first character in the document."""
    end: int
    """Offset one past the last character in the document."""


def sentences(doc: Document) -> tuple[Sentence, ...]:
    """Split ``doc`` into sentences: views with offsets, outer white space trimmed.

    >>> doc = Document("d", "示范区召开会议。\\n项目开工！")
    >>> [s.text(doc) for s in sentences(doc)]
    ['示范区召开会议。', '项目开工！']
    """
    result: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(doc.text):
        _append_trimmed(result, doc, start, match.end())
        start = match.end()
    _append_trimmed(result, doc, start, len(doc.text))
    return tuple(result)


def _append_trimmed(result: list[Sentence], doc: Document, start: int, end: int) -> None:
    """Append the sentence ``[start, end)`` to ``result`` without outer white space, if any is left."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        result.append(Sentence(doc.id, start, end))


_NUMBER = re.compile(r"[0-9０-９.．%％]+")


@lru_cache(maxsize=1)
def _tokenizer() -> tuple["jieba.Tokenizer", dict[str, str]]:
    """Return this process's private jieba tokenizer and its word -> tag table, built on first call."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    tags = jieba.posseg.POSTokenizer(base).word_tag_tab
    return base, tags


def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokenize ``text`` with ``jieba.Tokenizer.tokenize``; return tokens shifted by ``offset``.

    Tags come from jieba's dictionary (``x`` for a word it does not know, ``m`` for digits).
    The tokens' words concatenate to ``text`` exactly.

    >>> [(t.word, t.start) for t in tokens("示范区发改委", 10)]
    [('示范区', 10), ('发改委', 13)]
    """
    base, tags = _tokenizer()
    result: list[Token] = []
    for word, start, end in base.tokenize(text, HMM=True):
        flag = "m" if _NUMBER.fullmatch(word) else tags.get(word, "x")
        if flag == "x" and len(word) > 2 and _GLUE.search(word):
            result.extend(_split_glued(word, start + offset))
        else:
            result.append(Token(word, flag, offset + start, offset + end))
    return tuple(result)


#: Function characters that jieba's guesser glues into unknown words (局与区, 项目的).
_GLUE = re.compile(r"[与和及的了在对等]")


def _split_glued(word: str, start: int) -> list[Token]:
    """Split an unknown word around the function characters glued into it."""
    parts: list[Token] = []
    last = 0
    for match in _GLUE.finditer(word):
        if match.start() > last:
            parts.append(Token(word[last : match.start()], "x", start + last, start + match.start()))
        parts.append(Token(match.group(), "c", start + match.start(), start + match.end()))
        last = match.end()
    if last < len(word):
        parts.append(Token(word[last:], "x", start + last, start + len(word)))
    return parts


def word_tag(word: str) -> str:
    """Return jieba's dictionary tag of ``word``, or ``""`` when the dictionary lacks it."""
    return _tokenizer()[1].get(word, "")


def dictionary_split(word: str) -> list[str]:
    """Return ``word`` cut by jieba's dictionary alone (no guessing of unknown words)."""
    return _tokenizer()[0].lcut(word, HMM=False)
