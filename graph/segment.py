"""Sentences with offsets, and tokens with offsets and part-of-speech tags.

Tokens are the words of ``jieba.Tokenizer.tokenize(text, HMM=True)`` over jieba's dictionary
with the bodies' names added. jieba-rs (the ``rjieba`` binding, jieba's algorithm, dictionary
and HMM in Rust) finds them, several times faster than jieba; the tests check it word for word
against jieba itself. Tags and counts come from jieba's dictionary (:mod:`graph.wordtables`).
Both are loaded on first use and never at import, so importing :mod:`graph` stays fast and
side-effect free; jieba's global tokenizer is never touched.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from graph import wordtables
from graph.model import Document, Sentence
from graph.wordtables import WordTables

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import rjieba

#: A sentence ends after one of these (with any closing quotes or brackets that follow),
#: or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』)）\"']*|\r\n|\r|\n")


class Token(NamedTuple):
    """A word of a sentence with its part-of-speech tag and offsets into the document.

    A named tuple rather than a dataclass: a sentence makes dozens of them, and a tuple is
    several times cheaper to create.
    """

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
#: The characters a number (``_NUMBER``) may start with.
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．%％")


@lru_cache(maxsize=1)
def _tables() -> WordTables:
    """Return this process's tables of jieba's dictionary with the bodies' names added
    (:func:`_body_names`), loaded on first call (:func:`graph.wordtables.load`)."""
    return wordtables.load(_body_names())


@lru_cache(maxsize=1)
def _segmenter() -> rjieba.Jieba:
    """Return this process's jieba-rs segmenter, built on first call: jieba's dictionary and
    HMM (which jieba-rs carries) with the bodies' names jieba lacks added at the counts jieba
    gives them (those of :func:`_tables`), so that it cuts as :func:`reference_tokenizer` does."""
    import rjieba

    segmenter = rjieba.Jieba()
    tables = _tables()
    for word in _body_names():
        if not segmenter.has_word(word):  # a word jieba lacks: the tables hold the count it was given
            segmenter.add_word(word, tables.freq[word], "nt")
    return segmenter


def reference_tokenizer() -> jieba.Tokenizer:
    """Return a new ``jieba.Tokenizer`` of jieba's dictionary with the same words added as
    :func:`_tables` (tagged ``nt``): what :func:`tokens` reproduces, for tests and benchmarks."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    for word in _body_names():
        if not base.FREQ.get(word):
            base.add_word(word)
    return base


def warm_up() -> None:
    """Load this process's word tables and segmenter now (takes and returns nothing): done
    before forking workers, they inherit them instead of each loading them."""
    _segmenter()


def _body_names() -> list[str]:
    """Return the full and short names of bodies of the built-in ``abbreviations.tsv`` (three
    characters or more; not its zone kinds), which the tokenizer learns as words of their own."""
    from graph.lexicon import HERE

    names: set[str] = set()
    for line in (HERE / "abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        forms = line.split("\t")
        if line and not line.startswith("#") and not forms[-1].endswith("区"):  # zones are no bodies
            names.update(name for name in forms if len(name) >= 3)
    return sorted(names)


def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokenize ``text`` as ``jieba.Tokenizer.tokenize(text, HMM=True)`` does; return tokens shifted by ``offset``.

    Tags come from jieba's dictionary (``x`` for a word it does not know, ``m`` for digits).
    The tokens' words concatenate to ``text`` exactly.

    >>> [(t.word, t.start) for t in tokens("示范区发改委", 10)]
    [('示范区', 10), ('发改委', 13)]
    """
    tags = _tables().tags
    result: list[Token] = []
    start = offset
    for word in _cut(text):
        end = start + len(word)
        flag = "m" if word[0] in _NUMBER_CHARS and _NUMBER.fullmatch(word) else tags.get(word, "x")
        if flag == "x" and len(word) > 2 and _GLUE.search(word):
            result.extend(_split_glued(word, start))
        else:
            result.append(_new_tuple(Token, (word, flag, start, end)))  # Token(word, flag, start, end)
        start = end
    return tuple(result)


#: Makes a :class:`Token` from a tuple of its fields without the Python-level ``__new__`` of a
#: named tuple (one call per word): ``_new_tuple(Token, (word, flag, start, end))``.
_new_tuple = tuple.__new__


def _cut(text: str, hmm: bool = True) -> list[str]:
    """Return the words of ``jieba.Tokenizer.cut(text, HMM=hmm)``, as jieba-rs finds them.

    jieba-rs keeps a run of Latin letters and digits joined by a symbol as one word where
    jieba's HMM splits it (``a9-6`` → ``a9``, ``-``, ``6``; ``3.5%`` stays one): such unknown
    words are split here as jieba splits them (``jieba.finalseg.re_skip``).
    """
    words = _segmenter().cut(text, hmm)
    if _JOINED_BY_SYMBOL.search(text) is None:  # nearly every sentence: nothing to split
        return words
    return _split_joined(words, text)


def _split_joined(words: list[str], text: str) -> list[str]:
    """Return ``words`` (jieba-rs's cut of ``text``, changed in place) with each unknown word of
    two or more characters that holds a Latin letter or digit next to a symbol split into its
    Latin runs and the rest, as jieba's HMM splits it.

    Only the words that hold a symbol can hold one next to a letter or digit: those are found
    from the symbols' offsets in ``text``, and no other word is looked at.
    """
    freq = _tables().freq
    ends = list(accumulate(map(len, words)))
    holding_symbol = {bisect_right(ends, match.start()) for match in _SYMBOL.finditer(text)}
    for index in sorted(holding_symbol, reverse=True):  # from the last: splitting shifts the later words
        word = words[index]
        if len(word) > 1 and not freq.get(word) and _JOINED_BY_SYMBOL.search(word):
            words[index : index + 1] = [part for part in _LATIN_RUNS.split(word) if part]
    return words


#: A Latin letter or digit next to a symbol jieba's blocks hold (``a9-6``, ``4.X``).
_JOINED_BY_SYMBOL = re.compile(r"[a-zA-Z0-9][+#&._%\-]|[+#&._%\-][a-zA-Z0-9]")
#: A symbol of ``_JOINED_BY_SYMBOL``.
_SYMBOL = re.compile(r"[+#&._%\-]")
#: jieba's ``finalseg.re_skip``: the Latin and digit runs its HMM keeps whole (``3.5%``).
_LATIN_RUNS = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


#: Function characters that jieba's guesser glues into unknown words (局与区, 项目的).
_GLUE = re.compile(r"[与和及的了在对等由将从]")


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
    return _tables().tags.get(word, "")


def word_frequency(word: str) -> int:
    """Return the count jieba's dictionary gives ``word``, or 0 when the dictionary lacks it."""
    return _tables().freq.get(word, 0)


def dictionary_split(word: str) -> list[str]:
    """Return ``word`` cut by jieba's dictionary alone (no guessing of unknown words), as
    ``jieba.Tokenizer.lcut(word, HMM=False)`` does."""
    return _cut(word, hmm=False)
