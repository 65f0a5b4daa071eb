"""Sentences with offsets, and tokens with offsets and part-of-speech tags.

Tokens are the words of ``jieba.Tokenizer.tokenize(text, HMM=True)`` over jieba's dictionary
with the bodies' names added, found by a re-implementation of its cut over the same tables
(:mod:`graph.wordtables`) and jieba's own HMM: the same sums in the same order and the same
choice among equal scores, so the same words, in a fraction of jieba's time. The tables are
loaded on first use and never at import, so importing :mod:`graph` stays fast and
side-effect free; jieba's global tokenizer is never touched.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from graph import wordtables
from graph.model import Document, Sentence
from graph.wordtables import PREFIX_ONLY, WordTables

if TYPE_CHECKING:  # pragma: no cover
    import jieba

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


def reference_tokenizer() -> "jieba.Tokenizer":
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
    """Load this process's word tables and jieba's HMM now (takes and returns nothing): done
    before forking workers, they inherit them instead of each loading them."""
    _tables()
    from jieba import finalseg  # noqa: F401 - imported for its side effect: its tables loaded


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


#: jieba's blocks (``jieba.re_han_default``, ``re_skip_default``): a run of characters its
#: dictionary cuts, else a line break, else any one character, which is a word of its own.
_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)|\r\n|[\s\S]")


def _cut(text: str, hmm: bool = True) -> list[str]:
    """Return the words of ``jieba.Tokenizer.cut(text, HMM=hmm)``: the same words, found faster."""
    tables = _tables()
    freq, scores, log_total = tables.freq, tables.scores, tables.log_total
    words: list[str] = []
    for match in _BLOCK.finditer(text):
        block = match.group(1)
        if block is None:
            words.append(match.group())
        elif hmm:
            _cut_block(block, _route(block, scores, log_total), freq, words)
        else:
            _cut_block_without_hmm(block, _route(block, scores, log_total), words)
    return words


def _cut_block(block: str, ends: list[int], freq: dict[str, int], words: list[str]) -> None:
    """Append to ``words`` those of one block along its route ``ends`` (see :func:`_route`);
    a run of single characters that the dictionary lacks as a whole goes to jieba's HMM."""
    singles = at = 0  # singles: where the current run of one-character words starts
    while at < len(block):
        end = ends[at]
        if end - at > 1:
            if singles < at:
                words.extend(_cut_singles(block[singles:at], freq))
            words.append(block[at:end])
            singles = end
        at = end
    if singles < len(block):
        words.extend(_cut_singles(block[singles:], freq))


def _cut_block_without_hmm(block: str, ends: list[int], words: list[str]) -> None:
    """Append to ``words`` those of one block along its route ``ends`` (see :func:`_route`),
    runs of single Latin letters and digits joined, as jieba does without its HMM."""
    latin = at = 0  # latin: where the current run of single Latin letters and digits starts
    while at < len(block):
        end = ends[at]
        if end - at > 1 or block[at] not in _LATIN_OR_DIGIT:
            if latin < at:
                words.append(block[latin:at])
            words.append(block[at:end])
            latin = end
        at = end
    if latin < len(block):
        words.append(block[latin:])


#: jieba's ``re_eng``: the characters it joins into one word when it cuts without its HMM.
_LATIN_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _route(block: str, scores: dict[str, float], log_total: float) -> list[int]:
    """Return ``ends``: on jieba's most probable route through ``block``, the word starting at
    ``i`` ends at ``ends[i]``; ``scores`` and ``log_total`` are those of :func:`_tables`.

    This is ``jieba.Tokenizer.get_DAG`` and ``calc`` in one backward pass, with the same
    floating-point sums and the same choice among equal scores (the longer word).
    """
    get = scores.get  # a local name: this loop runs once per character
    prefix_only = PREFIX_ONLY
    size = len(block)
    score = [0.0] * (size + 1)
    ends = list(range(1, size + 2))
    for i in range(size - 1, -1, -1):
        best: float | None = None
        end = i + 1
        word_score = get(block[i])
        while word_score is not None:  # the dictionary holds every prefix of its words
            if word_score != prefix_only:
                value = word_score + score[end]
                if best is None or value >= best:
                    best, ends[i] = value, end
            if end == size:
                break
            end += 1
            word_score = get(block[i:end])
        score[i] = -log_total + score[i + 1] if best is None else best
    return ends


def _cut_singles(run: str, freq: dict[str, int]) -> tuple[str, ...]:
    """Return the words of a run of one-character words: the characters of a dictionary word
    or of a single one, else the words jieba's HMM finds in it."""
    if len(run) == 1 or freq.get(run):
        return tuple(run)
    return _hmm_cut(run)


@lru_cache(maxsize=1 << 14)
def _hmm_cut(run: str) -> tuple[str, ...]:
    """Return the words jieba's HMM (``jieba.finalseg.cut``) finds in ``run``; a pure function
    of it, so cached: the same unknown runs recur across a corpus."""
    from jieba import finalseg

    return tuple(finalseg.cut(run))


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
