"""Recognise mentions of entities: suffix grammars over jieba tokens, a gazetteer of
administrative divisions, development-zone words, quoted names and enumerations.

A candidate name grows leftwards from a suffix (有限公司, 发改委, 项目, 街道 …) over the
tokens before it until a breaker (punctuation, a function word, a cue verb) or the type's
length limit. Overlapping candidates are settled longest first; a company or place inside a
longer name is kept as a ``nested`` mention, from which the name's own relations follow.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from graph.fold import fold
from graph.lexicon import Lexicon
from graph.model import Document, Dropped, Mention, Sentence
from graph.segment import Token, dictionary_split, tokens, word_frequency, word_tag

#: Longest name per type, in characters.
MAX_LENGTH = {"Company": 28, "Department": 20, "Project": 42, "Place": 12, "Organization": 16, "Person": 4}
#: Why a candidate without a proper element is dropped (a list's sibling may take it back).
NO_PROPER_ELEMENT = "no proper name element"
#: Longest core (name minus suffix) of a place found by its suffix alone.
MAX_PLACE_CORE = 4
#: Tags of tokens that make a name proper: unknown words, place, person and organisation names.
PROPER_TAGS = frozenset({"x", "ns", "nz", "nr", "nrt", "nrfg", "nt", "j", "eng", "m"})
#: The proper tags of named words: the proper tags but unknown words and numbers.
_NAMED_TAGS = PROPER_TAGS - {"x", "m"}
OPEN_BRACKETS = "(（[【"
CLOSE_BRACKETS = ")）]】"
QUOTES_OPEN = "“‘「『《\"'"
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
#: A numbered institution or ordinal: 十一中, 第二人民医院.
_NUMBERED = re.compile(r"[一二三四五六七八九十]+[中小]|第[一二三四五六七八九十]+")
#: Institutions whose name makes a project's name proper: 人民医院医学研究中心.
_INSTITUTIONS = ("医院", "大学", "学院", "中学", "小学", "博物馆", "研究院")


def _starts_with_division(text: str, lexicon: Lexicon, full_only: bool = False) -> bool:
    """Return True when ``text`` starts with a division's name (焦作市…), or with its short
    name too (焦作…) unless ``full_only``."""
    for size in range(min(len(text), 8), 1, -1):
        divisions = lexicon.divisions.get(text[:size], ())
        if divisions and (not full_only or any(d.name == text[:size] for d in divisions)):
            return True
    return False


def _starts_with_city_short_name(text: str, lexicon: Lexicon) -> bool:
    """Return True when ``text`` starts with the short name of a province or a prefecture-level
    city (洛阳物流园, 湖北…), which are distinctive; counties' short names are often plain words."""
    for size in range(min(len(text) - 1, 4), 1, -1):
        head = text[:size]
        if head not in lexicon.generic and any(d.level in ("province", "prefecture") and d.name != head
                                               for d in lexicon.divisions.get(head, ())):
            return True
    return False


#: A phase names one project: 一期, 二期工程.
_PHASE_WORD = r"[一二三四五六七八九十]期"
_PHASE = re.compile(_PHASE_WORD)
#: A phase that ends a name's head.
_PHASE_END = re.compile(_PHASE_WORD + "$")
_CAPACITY = re.compile(r"年产|\d")
#: Grades of a product that follow a maker's brand in a project's name: 瑞丰高性能纤维项目.
_GRADE = re.compile(r"高性能|高端|高纯度?|高精度")
#: Most uses a dictionary word may have in jieba's counts and still be read as a brand (雄鹰 yes, 智能 no).
MAX_BRAND_FREQUENCY = 300
#: Tags a name never starts with: verbs, adverbs, prepositions, conjunctions, particles,
#: pronouns, directions, times, numbers and measure words.
_NO_START_TAGS = frozenset({"v", "vd", "vi", "vg", "d", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv",
                            "r", "f", "t", "m", "q", "y", "e", "o", "ad", "z", "zg", "dg"})
#: Tags of a word that may end in a suffix and still be a name (商务局 nt, 管委会 j …).
_NAME_TAGS = frozenset({"nt", "nz", "ns", "j", "x", "nr", "nrt"})
_NAME_TAGS_BUT_PLACE = _NAME_TAGS - {"ns"}
#: Body words that jieba's dictionary holds as plain nouns: 市委, 省政府, 区人大 …
_BODY_WORD = re.compile(r"[省市区县镇乡]?(?:委|政府|人大|政协|党委|纪委)|党中央|国务院")
#: Suffixes of natural features and streets, whose names may be a single word of jieba's (黄河, 李河).
_NATURAL_SUFFIXES = frozenset({"河", "湖", "山", "江", "庙", "路", "街", "大道"})
#: First characters that make a two-character word a common noun, not a name (大山, 沿河, 新河, 青山).
_COMMON_MODIFIERS = frozenset("大小新老青沿滨临上下东西南北中高低长远近深")
#: Suffixes of places: a place word of jieba's (黄河, ns) ending in one is a name.
_PLACE_SUFFIX_CHARS = frozenset({"河", "湖", "山", "江", "路", "街", "镇", "乡", "村", "县", "市", "区", "省", "庙", "寺"})
_COMMON_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "d", "i", "l"})
_LEVEL_CHARS = frozenset("省市区县镇乡村")
#: Central construction enterprises named by bureau number (中建七局, 中铁十局): companies.
_BUREAU_COMPANY = re.compile(r"^中[建铁交冶水电核化煤][一二三四五六七八九十]+局$")
WEAK_HEAD = "gazetteer-weak"
_TYPE_PRIORITY = {"Project": 0, "Company": 1, "Department": 2, "Organization": 3, "Place": 4, "Person": 5}


class Candidate(NamedTuple):
    """A possible mention before overlaps are settled.

    A named tuple rather than a frozen dataclass: a sentence makes dozens of them, and a
    tuple is several times cheaper to create (same fields, equality and hash).
    """

    start: int
    end: int
    type: str
    rule: str
    name: str = ""


_TOKEN_START = itemgetter(2)
_TOKEN_END = itemgetter(3)


def _overlapping(toks: tuple[Token, ...], start: int, end: int) -> list[Token]:
    """Return the tokens of a sentence's ``toks`` (in order, each starting where the one
    before ends) that overlap ``[start, end)``: ``[t for t in toks if t.end > start and
    t.start < end]``, found by bisection."""
    return list(toks[bisect_right(toks, start, key=_TOKEN_END) : bisect_left(toks, end, key=_TOKEN_START)])


def _within(toks: tuple[Token, ...], start: int, end: int) -> list[Token]:
    """Return the tokens of a sentence's ``toks`` (in order, each starting where the one
    before ends) that lie within ``[start, end)``: ``[t for t in toks if start <= t.start and
    t.end <= end]``, found by bisection."""
    return list(toks[bisect_left(toks, start, key=_TOKEN_START) : bisect_right(toks, end, key=_TOKEN_END)])


@lru_cache(maxsize=1 << 12)
def _is_symbol(char: str) -> bool:
    """Return True for punctuation, symbols and white space (arrows, bullets, dashes …); a pure
    function of the character, cached."""
    return char.isspace() or unicodedata.category(char)[0] in "PSZC"


def _is_break(token: Token, lexicon: Lexicon, inside: frozenset[int] = frozenset()) -> bool:
    """Return True when ``token`` cannot stand inside a name (``inside``: offsets within known full forms)."""
    if token.start in inside:
        return False
    return token.word in lexicon.breakers or _is_symbol(token.word[-1]) or _is_symbol(token.word[0])


def _proper(text: str, toks: Iterable[Token], quoted: bool, lexicon: Lexicon | None = None,
            common: Container[str] = ()) -> bool:
    """Return True when a name's core has a proper element: a named or truly unknown token, Latin
    or digits, a phase or a numbered institution (十一中, 第二), and with ``lexicon`` a division
    name (焦作市人才公寓) or an institution (人民医院医学研究中心).

    An unknown token that splits wholly into dictionary words is no proper element, nor a
    common word (``common``, or the lexicon's) that jieba tags as a name or does not know (老旧, 科普).
    """
    toks = list(toks)
    common = lexicon.common if lexicon is not None else common
    if quoted and not (toks and all(t.word in common for t in toks)):
        return True  # “甲乙工程”, but not “口袋公园”: common words, quoted or not
    if _LATIN_OR_DIGIT.search(text) or _PHASE.search(text) or _NUMBERED.search(text):
        return True
    if lexicon is not None and (
            _starts_with_division(text, lexicon, full_only=True) or _starts_with_city_short_name(text, lexicon)
            or any(sf in text for sf in _INSTITUTIONS)):
        return True
    for tok in toks:
        if tok.word in common or tok.word[:1] in _LEVEL_CHARS and tok.word[1:] in common:
            continue  # 老旧, and 市老旧 (an unknown word of jieba's: a level and a common word)
        if tok.flag == "x" and not _compound_of_words(tok.word):
            return True
        if tok.flag in _NAMED_TAGS:
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _compound_of_words(word: str) -> bool:
    """Return True when ``word`` splits into dictionary words of two or more characters (a pure
    function of the word, cached: the same unknown words recur)."""
    parts = dictionary_split(word)
    return len(parts) > 1 and all(len(p) >= 2 for p in parts)


def _left_edge(toks: tuple[Token, ...], index: int, limit: int, text: str, base: int, lexicon: Lexicon,
               inside: frozenset[int] = frozenset()) -> int:
    """Return the start offset reached extending left from token ``index`` (exclusive) within ``limit``.

    Balanced brackets with short content are crossed (``华瑞乳业(洛阳)有限公司``).
    """
    start = toks[index].start if index < len(toks) else base + len(text)
    i = index - 1
    while i >= 0:
        tok = toks[i]
        if tok.word in CLOSE_BRACKETS:
            j = i - 1
            while j >= 0 and toks[j].word not in OPEN_BRACKETS and toks[j].word not in "，。；、":
                j -= 1
            if j < 0 or toks[j].word not in OPEN_BRACKETS or toks[i].end - toks[j].start > 14 or j == 0:
                break
            if _is_break(toks[j - 1], lexicon):
                break
            i = j - 1
            start = toks[j].start
            continue
        if _is_break(tok, lexicon, inside) or start - tok.start + (toks[index - 1].end - start if index else 0) > limit:
            break
        start = tok.start
        i -= 1
    return start


def _suffix_candidates(toks: tuple[Token, ...], text: str, base: int, lexicon: Lexicon,
                       dropped: list[tuple[int, int, str]]) -> list[Candidate]:
    """Return the candidates ending in a suffix of the lexicon, grown leftwards over tokens."""
    ending_at = _suffixes_by_end(text, lexicon)
    anywhere = ending_at[-1]
    hits = list(enumerate(toks)) if anywhere else _tokens_ending_at(toks, [base + end for end in ending_at if end >= 0])
    if not hits:
        return []
    found: list[Candidate] = []
    inside = _full_form_offsets(text, base, lexicon)
    for index, tok in hits:
        for suffix, type_, min_core in ending_at.get(tok.end - base, anywhere):
            suffix_start = tok.end - len(suffix)
            # the suffix must start at a token boundary or inside this very token
            first = index
            while first > 0 and toks[first].start > suffix_start:
                first -= 1
            if toks[first].start > suffix_start:
                continue
            if any(_is_break(t, lexicon) for t in toks[first + 1 : index + 1]):
                continue
            if toks[first].start < suffix_start and _ends_common_word(
                    text[toks[first].start - base : tok.end - base], suffix, toks[first].flag):
                dropped.append((toks[first].start, tok.end, f"suffix {suffix} ends the common word {toks[first].word}"))
                break
            limit = MAX_LENGTH[type_]
            within = inside | _business_words_before(toks, first) if type_ == "Company" else inside
            start = _left_edge(toks, first, limit - (tok.end - toks[first].start), text, base, lexicon, within)
            start = min(start, toks[first].start)
            if type_ in ("Project", "Department"):
                start = _after_body_names(toks, start, first, lexicon, verb_between=type_ == "Department")
            start = _trim_start(toks, start, suffix_start)
            if type_ == "Place":
                start = min(start, _street_word_start(toks, first, suffix, suffix_start))
            start = _strip_breaker_prefix(text, base, start, suffix_start, lexicon, toks)
            if type_ == "Company":
                start = _brand_after_division(toks, start, lexicon)
            cand = _make(start, tok.end, suffix, type_, min_core, toks, text, base, lexicon, dropped)
            if cand:
                found.append(cand)
            break
    return found


def _tokens_ending_at(toks: tuple[Token, ...], ends: Iterable[int]) -> list[tuple[int, Token]]:
    """Return ``(index, token)`` of the tokens of a sentence's ``toks`` (in order, each starting
    where the one before ends) that end at one of the offsets ``ends``, in order."""
    found = []
    for end in sorted(ends):
        index = bisect_left(toks, end, key=_TOKEN_END)
        if index < len(toks) and toks[index].end == end:
            found.append((index, toks[index]))
    return found


def _after_body_names(toks: tuple[Token, ...], start: int, first: int, lexicon: Lexicon,
                      verb_between: bool = False) -> int:
    """Return ``start`` moved past the last body's name (a word of the tokenizer's body names
    that ends in a department suffix) before token ``first``: a project's name holds no
    department (县自然资源局组成项目服务专班 is no project of that name). With ``verb_between``
    (for a department's name), only past a body a verb follows: 区农业农村局联合区文旅局 names
    two bodies, 市发改委办公室 one."""
    verb_seen = False
    departments = _suffixes_of(lexicon, ("Department",), empty=True)
    for tok in reversed(toks[:first]):
        if tok.start < start:
            break
        if tok.flag == "nt" and len(tok.word) >= 3 and tok.word.endswith(departments) \
                and (verb_seen or not verb_between):
            return tok.end
        verb_seen = verb_seen or tok.flag.startswith("v")
    return start


#: Most single characters an unknown brand may be cut into between a division's name and the rest.
MAX_BRAND_SINGLES = 3


def _brand_after_division(toks: tuple[Token, ...], start: int, lexicon: Lexicon) -> int:
    """Return an earlier start for a company whose brand jieba cut into single characters it reads
    as verbs (洛阳+可+吃+…有限公司): when one to three such characters lie between ``start`` and
    a division's name that opens the sentence or an item of a list, the name starts at the division."""
    i = bisect_left(toks, start, key=_TOKEN_START)
    if i == len(toks) or toks[i].start != start:
        return start
    j = i - 1
    while j >= 0 and i - j <= MAX_BRAND_SINGLES and len(toks[j].word) == 1 \
            and "\u4e00" <= toks[j].word <= "\u9fff" and toks[j].word not in _GLUE_CHARS:
        j -= 1
    if j == i - 1 or j < 0 or toks[j].word not in lexicon.divisions:
        return start
    if j > 0 and toks[j - 1].word not in "、，,(（：:":
        return start
    return toks[j].start


#: Words of a company's line of business that are breakers elsewhere: 瑞昶科技服务有限公司, 宏远建设投资有限公司.
_BUSINESS_WORDS = frozenset({"服务", "建设", "投资"})


def _business_words_before(toks: tuple[Token, ...], index: int) -> frozenset[int]:
    """Return the starts of the business words right before token ``index`` (a company's suffix)."""
    starts = set()
    i = index - 1
    while i > 0 and toks[i].word in _BUSINESS_WORDS:
        starts.add(toks[i].start)
        i -= 1
    return frozenset(starts)


@lru_cache(maxsize=2)
def _suffix_automaton(lexicon: Lexicon) -> tuple["object | None", tuple[tuple[int, tuple[str, str, int]], ...]]:
    """Return an Aho-Corasick automaton of the lexicon's suffixes and the rows of an empty
    suffix, which ends everywhere (as ``((position, row), …)``).

    A suffix's value is ``(length, rows)``: ``rows`` are those of every suffix of the lexicon
    it ends with (有限公司: 有限公司 and 公司) and of the empty suffix, in the lexicon's order,
    so the longest suffix ending at a place gives all the rows that end there.
    """
    import ahocorasick

    rows: dict[str, list[tuple[int, tuple[str, str, int]]]] = {}
    for position, row in enumerate(lexicon.suffixes):
        rows.setdefault(row[0], []).append((position, row))
    empty = tuple(rows.pop("", ()))
    if not rows:
        return None, empty
    automaton = ahocorasick.Automaton()
    for suffix in rows:
        ending = [found for other, found in rows.items() if suffix.endswith(other)]
        merged = sorted([pair for found in ending for pair in found] + list(empty))
        automaton.add_word(suffix, (len(suffix), tuple(row for _, row in merged)))
    automaton.make_automaton()
    return automaton, empty


def _suffixes_by_end(text: str, lexicon: Lexicon) -> dict[int, tuple[tuple[str, str, int], ...]]:
    """Return ``{end: rows}``: the suffix rows ``text[:end]`` ends with, in the lexicon's order
    (longest first), found in one pass; key ``-1`` holds the rows for any other end."""
    automaton, empty = _suffix_automaton(lexicon)
    ending_at: dict[int, tuple[tuple[str, str, int], ...]] = {}
    if automaton is not None:
        longest: dict[int, int] = {}
        for last, (size, rows) in automaton.iter(text):  # type: ignore[attr-defined]
            if size > longest.get(last, 0):  # the longest suffix ending there holds all the rows
                longest[last] = size
                ending_at[last + 1] = rows
    ending_at[-1] = tuple(row for _, row in empty)
    return ending_at


@lru_cache(maxsize=2)
def _full_forms(lexicon: Lexicon) -> re.Pattern[str]:
    """Return a regex of the full forms of the abbreviation table (发展和改革委员会 …)."""
    return re.compile("|".join(re.escape(full) for full, _ in lexicon.abbreviations))


def _full_form_offsets(text: str, base: int, lexicon: Lexicon) -> frozenset[int]:
    """Return the document offsets of characters inside a known full form, where 和 is part of a name."""
    return frozenset(
        base + i for m in _full_forms(lexicon).finditer(text) for i in range(m.start(), m.end())
    )


#: Suffixes of temples and shrines, whose names are often dictionary words (城隍庙, 关帝庙).
_SHRINE_SUFFIXES = frozenset({"庙", "寺", "祠"})
#: Idioms where 局 is the state of play, not a bureau: 开好局, 开新局, 谋新局, 顾全大局.
_SITUATION = re.compile(r"[开破谋布稳顾全控][新好大]?局$")


@lru_cache(maxsize=1 << 14)
def _ends_common_word(word: str, suffix: str, flag: str) -> bool:
    """Return True when ``suffix`` closes a common word rather than a name: 布局, 干部, 部署,
    and the idioms of the state of play (开新局, 开好局).

    ``word`` is the token text up to the suffix's end. A name splits into a dictionary word
    (or a level character and one) and the suffix: 财政+局, 县+公安+局; 格局 and 广大+干部 don't.
    A pure function of its arguments, cached.
    """
    prefix = word[: -len(suffix)]
    if suffix == "局" and _SITUATION.search(word):
        return True
    if suffix in _SHRINE_SUFFIXES and len(word) >= 3:
        return False  # 城隍庙, 关帝庙: a temple named by its deity is a name, however common
    if flag in _NAME_TAGS_BUT_PLACE or _BODY_WORD.fullmatch(word) or flag == "ns" and suffix in _PLACE_SUFFIX_CHARS:
        return False
    if len(suffix) == 1 and word_tag(word) in _COMMON_TAGS and word_tag(prefix[-1] + suffix) in _COMMON_TAGS:
        return True
    if len(prefix) >= 2 and (word_tag(prefix) or prefix[:1] in _LEVEL_CHARS and word_tag(prefix[1:])):
        return False
    if len(prefix) == 1:
        return prefix not in "一二三四五六七八九十"  # 中建七局: a numbered bureau

    return word_tag(prefix[-1] + suffix) in _COMMON_TAGS


#: Function characters that may be glued to a name's head inside an unknown token.
_GLUE_CHARS = frozenset("的和与及在到从向对把被由将为以")
#: Shapes no name has: counts, batches, ordinal lists, rank lists (十大工业项目, 宛城区三大产业园区).
_NOT_A_NAME = re.compile(r"^个|重点项目$|型(?:项目|工程)$|(?:[两几]|\d+|[一二三四五六七八九十]+)家(?:公司|企业)$|\d+个|第[一二三四五六七八九十\d]+批|(?:^|[省市区县])[一二三四五六七八九十两几多]+[大项个类]|[一二三四]是|重点项目.|^各|^全[区市县省]")
_MOTION_BEFORE_LEVEL = re.compile(r"^.*?[到至从向对经由](?=[省市区县镇乡])")


def _strip_breaker_prefix(text: str, base: int, start: int, limit: int, lexicon: Lexicon,
                          toks: tuple[Token, ...]) -> int:
    """Move ``start`` past breaker words glued to a name's head: 至省发改委, 积极争取市政府, 统一到区党工委.

    Only where the breaker sits inside an unknown token, ends at a token boundary (地方政府
    stays), or begins a word made of breakers alone (积极争取). ``toks``: the sentence's tokens
    (in order, each starting where the one before ends).
    """
    changed = True
    while changed and start < limit:
        changed = False
        head = text[start - base : limit - base]
        motion = _MOTION_BEFORE_LEVEL.match(head)
        if motion and motion.end() <= 6 and (_at_boundary(toks, start + motion.end())
                                             or _in_unknown(toks, start + motion.end() - 1, start + motion.end())):
            start += motion.end()
            changed = True
            continue
        for size in range(min(4, len(head) - 1), 0, -1):
            if head[:size] not in lexicon.breakers:
                continue
            cut = start + size
            glued = (size > 1 or head[0] in _GLUE_CHARS) and _in_unknown(toks, start, cut)
            if _at_boundary(toks, cut) or glued or size > 1 and _breaker_word(text, base, start, toks, lexicon):
                start += size
                changed = True
                break
    return start


def _at_boundary(toks: tuple[Token, ...], offset: int) -> bool:
    """Return True when a token of a sentence's ``toks`` (in order, each starting where the one
    before ends) starts or ends at ``offset``, found by bisection."""
    if toks and toks[0].start == offset:
        return True
    index = bisect_left(toks, offset, key=_TOKEN_END)
    return index < len(toks) and toks[index].end == offset


def _in_unknown(toks: tuple[Token, ...], first: int, last: int) -> bool:
    """Return True when an unknown token (tag ``x``) of a sentence's ``toks`` (in order, each
    starting where the one before ends) starts at or before ``first`` and ends after ``last``
    (``first <= last``): the one token that holds ``first``, found by bisection."""
    index = bisect_right(toks, first, key=_TOKEN_START) - 1
    return index >= 0 and toks[index].flag == "x" and last < toks[index].end


def _breaker_word(text: str, base: int, start: int, toks: tuple[Token, ...], lexicon: Lexicon) -> bool:
    """Return True when the word at ``start`` (up to the next token boundary of the sentence's
    ``toks``) is made of breakers alone."""
    return _made_of_breakers(text[start - base : _next_boundary(toks, start) - base], lexicon)


def _next_boundary(toks: tuple[Token, ...], offset: int) -> int:
    """Return the first offset after ``offset`` where a token of a sentence's ``toks`` (in order,
    each starting where the one before ends) starts or ends, or ``offset`` when there is none."""
    if toks and toks[0].start > offset:
        return toks[0].start
    index = bisect_right(toks, offset, key=_TOKEN_END)
    return toks[index].end if index < len(toks) else offset


def _made_of_breakers(word: str, lexicon: Lexicon) -> bool:
    """Return True when ``word`` splits wholly into breaker words of two or more characters: 积极+争取."""
    if not word:
        return True
    return any(word[:size] in lexicon.breakers and _made_of_breakers(word[size:], lexicon)
               for size in range(min(4, len(word)), 1, -1))


def _trim_start(toks: tuple[Token, ...], start: int, limit: int) -> int:
    """Move ``start`` past leading tokens a name never starts with (verbs, numbers, pronouns …).

    A direction word stays that heads a name: a region (东部物流园项目) or one before a proper
    word (沿淮高速, 中德产业园).
    """
    for i in range(bisect_left(toks, start, key=_TOKEN_START), len(toks)):  # the tokens from ``start`` on
        tok = toks[i]
        if tok.start >= limit or tok.flag not in _NO_START_TAGS or tok.word in _LEVEL_CHARS:
            break
        if tok.flag == "f" and _heads_name(tok, toks[i + 1] if i + 1 < len(toks) else None, limit):
            break
        start = tok.end
    return start


#: Direction words that name a region: 东部, 豫西.
_REGION = re.compile(r"[东西南北中]部|[东西南北]区")
#: One-character direction words that may head a name (not 内, 上, 后: 园区内, 会上).
_HEAD_DIRECTIONS = frozenset("沿中东西南北")
#: Tags of the proper word a direction word may head: 沿+太行 (j), 中+德 (ns).
_HEADED_TAGS = frozenset({"ns", "j", "nz", "nr", "nrt", "x"})


def _heads_name(tok: Token, following: Token | None, limit: int) -> bool:
    """Return True when direction word ``tok`` is the head of a name: a region, or 沿 or a
    compass point before a proper word that is not yet the suffix (at ``limit``)."""
    if _REGION.fullmatch(tok.word):
        return True
    return tok.word in _HEAD_DIRECTIONS and following is not None and following.end <= limit \
        and following.flag in _HEADED_TAGS


#: First characters of words that are counts or function words, never a place's start.
_NOT_PLACE_START = frozenset("个名两各到至从这为获以每全本该我其此那")


#: Suffixes of administrative places, whose core must be a proper name (not 城市, 全县).
_ADMIN_SUFFIXES = frozenset({"省", "市", "区", "县", "自治区"})
#: Tags of the words a place's core is made of.
_PLACE_CORE_TAGS = frozenset({"ns", "n", "nz", "x", "j", "nr", "nrt", "ng", "a", "s"})


def _place_start(toks: tuple[Token, ...], start: int, core_end: int, lexicon: Lexicon) -> int:
    """Return where a place's core starts: at most ``MAX_PLACE_CORE`` characters of nouns before the suffix.

    A place word of jieba's (大沙河, ns) that holds the suffix is a whole name and grows no further.
    """
    begin = core_end
    for tok in reversed(toks[: bisect_left(toks, core_end, key=_TOKEN_START)]):  # those starting before core_end
        if tok.end > core_end:
            if tok.start < core_end:
                begin = min(begin, max(tok.start, start))
                if tok.flag == "ns" and tok.start >= start:
                    return tok.start
            continue
        if tok.start < start or core_end - tok.start > MAX_PLACE_CORE or tok.flag not in _PLACE_CORE_TAGS \
                or _is_break(tok, lexicon):
            break
        begin = tok.start
    return begin


#: A pronoun and a level right before a body's name: 该区, 我市, 本县.
_PRONOUN_LEVEL = re.compile(r"[该我本此][省市区县镇乡]$")
#: A phase: 二期, (三期.
_PHASE_MARK = r"[(（]?" + _PHASE_WORD
#: A phase written right after a name: 科技园二期 is one undertaking, however plain its words
#: (not when a count follows: 物流园二期3栋仓库 speaks of the phase's buildings).
_PHASE_NEXT = re.compile(_PHASE_MARK + r"(?![\d.])")
#: Words that confer a title right before it: 获批2021年洛阳市研学实践基地 names an honour, not a project.
_TITLE_BEFORE = re.compile(r"(?:获批|评为|认定为|命名为|授予|荣获)(?:\d{4}年度?)?$")


#: Words that give a nickname in quotation marks: 被称为“金腰带”, 誉为“城市客厅”.
_NICKNAME_BEFORE = re.compile(r"(?:称为|誉为|称作|称之为|号称|喻为)$")


#: Works done to a kind of place: 棚户区改造, 背街小巷提升.
_WORKS_ON = re.compile(r"(?:改造|改扩建|扩建|新建|建设|提升|整治|更新|重建)+$")
#: A rank of a demonstration: 省级PPP示范工程, 国家级示范基地 name a list, not an undertaking.
_DEMONSTRATION = re.compile(r"^(?:国家|国家级|省级|市级|县级|省|市)[A-Za-z]*示范$")


#: Tags of a one-character word that modifies a generic phrase after it: 做强+平台公司, 新+重点项目.
_MODIFIER_TAGS = frozenset({"a", "ad", "v", "d"})


def _generic_after_modifier(name: str, toks: list[Token], lexicon: Lexicon) -> bool:
    """Return True when ``name`` is a one-character modifier (an adjective, verb or adverb)
    before a generic phrase: 强+平台公司 (of 做强平台公司)."""
    first = toks[0] if toks else None
    return first is not None and len(first.word) == 1 and first.flag in _MODIFIER_TAGS \
        and name.startswith(first.word) and name[1:] in lexicon.generic


def _generic_undertaking(core: str, lexicon: Lexicon) -> bool:
    """Return True when a project's core (its name minus suffix) names a kind of undertaking:
    works on a generic kind of place (棚户区改造) or a rank of demonstration (省级PPP示范)."""
    if _DEMONSTRATION.match(core):
        return True
    works = _WORKS_ON.search(core)
    return bool(works) and works.start() > 0 and core[: works.start()] in lexicon.generic


#: Suffixes of streets, often named by one word of any kind, a verb too: 建设路, 解放大道, 胜利街.
_STREET_SUFFIXES = frozenset({"路", "街", "大道"})


def _street_word_start(toks: tuple[Token, ...], first: int, suffix: str, suffix_start: int) -> int:
    """Return the start of the one word of two characters that names a street before its suffix
    (token ``first``) after a symbol other than a quotation mark or at the sentence's start
    (—富强路), or ``suffix_start``."""
    if suffix not in _STREET_SUFFIXES or first < 1 or toks[first].start != suffix_start:
        return suffix_start
    word = toks[first - 1]
    if len(word.word) == 2 and (first == 1 or _is_symbol(toks[first - 2].word[-1])
                                and toks[first - 2].word[-1] not in QUOTES_OPEN):
        return word.start
    return suffix_start


def _street_of_a_word(core: str, suffix: str, text: str, offset: int) -> bool:
    """Return True when a street's core is one word of two characters standing after a symbol
    other than a quotation mark, or at the sentence's start (—富强路, 、建设路): a name, though
    the word is a verb (修路 is none, nor the quoted common word “断头路”)."""
    return suffix in _STREET_SUFFIXES and len(core) == 2 and (
        offset == 0 or _is_symbol(text[offset - 1]) and text[offset - 1] not in QUOTES_OPEN)


#: Tags of a word of two or more characters that may open a place's core even when its first
#: character is a count or a pronoun (两程/n of 两程故里, 全椒/ns).
_NOUN_TAGS = frozenset({"n", "ns", "nr", "nrt", "nz", "j"})


def _opens_noun(core_toks: list[Token], start: int, lexicon: Lexicon) -> bool:
    """Return True when the core starts with a noun of two or more characters that names no
    area by pronoun or count (两程 yes; 两个, 该区, 全村 no)."""
    first = core_toks[0] if core_toks else None
    return first is not None and first.start == start and len(first.word) >= 2 and first.flag in _NOUN_TAGS \
        and first.word[-1] not in _LEVEL_CHARS and first.word not in lexicon.generic


def _make(start: int, end: int, suffix: str, type_: str, min_core: int, toks: tuple[Token, ...],
          text: str, base: int, lexicon: Lexicon, dropped: list[tuple[int, int, str]]) -> Candidate | None:
    """Check a suffix candidate ``[start, end)`` and return it, or record why it is dropped."""
    name = text[start - base : end - base]
    core_end = end - len(suffix)
    quoted = start - base > 0 and text[start - base - 1] in QUOTES_OPEN
    street_word = type_ == "Place" and _street_of_a_word(text[start - base : core_end - base], suffix, text, start - base)
    if type_ == "Place" and suffix not in lexicon.zones and not street_word:
        start = _place_start(toks, start, core_end, lexicon)
        name = text[start - base : end - base]
    core = text[start - base : core_end - base]
    core_toks = _overlapping(toks, start, core_end)
    whole_place = type_ == "Place" and suffix in _NATURAL_SUFFIXES and (len(name) > 2 or name[:1] not in _COMMON_MODIFIERS) \
        and any(t.start == start and t.end == end and t.flag in ("ns", "x") for t in toks)
    if type_ == "Place" and (core[:1] in _NOT_PLACE_START and not _opens_noun(core_toks, start, lexicon)
                             or any(t.flag.startswith("v") for t in core_toks) and not street_word):
        dropped.append((start, end, "Place: core starts with a function word or holds a verb"))
        return None
    if type_ == "Place" and len(name) < 2:
        dropped.append((start, end, "Place: a lone suffix character is no name"))
        return None
    if type_ == "Place" and suffix == "庄" and core_toks and core_toks[-1].flag in ("n", "vn") \
            and len(core_toks[-1].word) >= 2:
        dropped.append((start, end, "Place: a common noun and 庄 is an estate, no village (葡萄酒庄)"))
        return None
    if type_ == "Place" and len(core) == 1 and core in _COMMON_MODIFIERS:
        dropped.append((start, end, "Place: a common word of a modifier and the suffix (沿河, 滨湖)"))
        return None
    if len(core) < min_core and not whole_place:
        dropped.append((start, end, f"{type_}: name too short before suffix {suffix}"))
        return None
    if type_ in ("Project", "Company") and _NOT_A_NAME.search(name):
        dropped.append((start, end, f"{type_}: a count, batch or list, not a name"))
        return None
    if name in lexicon.generic or fold(name) in lexicon.generic:
        dropped.append((start, end, f"{type_}: generic phrase"))
        return None
    if type_ == "Project" and _generic_undertaking(core, lexicon):
        dropped.append((start, end, "Project: a kind of undertaking, not a name"))
        return None
    if type_ == "Project" and _FUNDING.search(core):
        dropped.append((start, end, "Project: a kind of funding, not an undertaking"))
        return None
    if type_ in ("Project", "Company") and _generic_after_modifier(name, core_toks, lexicon):
        dropped.append((start, end, f"{type_}: a modifier and a generic phrase"))
        return None
    if type_ in ("Place", "Project") and quoted and _NICKNAME_BEFORE.search(text, 0, start - base - 1):
        dropped.append((start, end, f"{type_}: a nickname in quotation marks (被称为“…”)"))
        return None
    if type_ == "Project" and _TITLE_BEFORE.search(text, 0, start - base):
        dropped.append((start, end, "Project: a title conferred on a unit, not an undertaking"))
        return None
    phased = type_ == "Project" and bool(_PHASE_NEXT.match(text, end - base))
    if type_ == "Project" and not phased and not _proper(core, core_toks, quoted, lexicon) \
            and not _graded_brand(core, lexicon) \
            or type_ == "Company" and len(core_toks) < 2 and not _proper(core, core_toks, quoted, common=lexicon.common):
        dropped.append((start, end, f"{type_}: {NO_PROPER_ELEMENT}"))
        return None
    if type_ == "Place" and suffix in _ADMIN_SUFFIXES and name not in lexicon.divisions \
            and not any(t.flag == "ns" for t in core_toks):
        dropped.append((start, end, "Place: an administrative name neither in the gazetteer nor a place word"))
        return None
    if type_ == "Place" and suffix in lexicon.zones and core and not (
            any(t.flag in ("ns", "x", "nz") for t in core_toks) or _starts_with_division(core, lexicon)):
        dropped.append((start, end, "Place: a zone whose name has no place in it"))
        return None
    if type_ == "Department" and name[:1] not in _LEVEL_CHARS and _PRONOUN_LEVEL.search(text, 0, start - base):
        start -= 1  # 该县教育局: the body is the county's, 县教育局
    if type_ == "Department" and _BUREAU_COMPANY.search(name):
        return Candidate(start, end, "Company", "suffix:局(enterprise)")
    return Candidate(start, end, type_, f"suffix:{suffix}")


#: A name in quotation marks and the project word after it, if any.
_QUOTED = re.compile(r"[“『「\"]([^”』」\"，。、]{2,12})[”』」\"](工程|项目)?")
#: The quotation marks that open a ``_QUOTED`` match.
_QUOTE_OPENER = re.compile(r"[“『「\"]")


def _quoted_candidates(text: str, base: int, lexicon: Lexicon) -> list[Candidate]:
    """Return names in quotation marks followed by a project word: “三十工程”, “三个一批”项目."""
    found: list[Candidate] = []
    if not _QUOTE_OPENER.search(text):
        return found
    for match in _QUOTED.finditer(text):
        inner, after = match.group(1), match.group(2)
        if _slogan(inner):
            continue
        s = base + match.start(1)
        rest = text[match.end(1) + 1 : match.end(1) + 7]
        departments = _suffixes_of(lexicon, ("Department",), empty=True)
        suffix = next((sf for sf in departments if rest.startswith(sf)), None) if rest.startswith(departments) else None
        if suffix and not after:
            found.append(Candidate(s, base + match.end(1) + 1 + len(suffix), "Department", "quoted+suffix",
                                   inner + suffix))
        elif after == "工程":
            found.append(Candidate(s, base + match.end(2), "Project", "quoted+suffix", inner + after))
        elif after == "项目" or inner.endswith(("工程", "项目")):
            found.append(Candidate(s, base + match.end(1), "Project", "quoted"))
    return found


#: A rank list of a programme: 八大提升工程, 十大工程.
_RANK_LIST = re.compile(r"^[一二三四五六七八九十两几]+[大类]")


#: A slogan abbreviated by a count: 三旧改造, 五水共治, 两学一做, 双招双引 (not a count of
#: projects, 二十工程, 两个一批, nor a numbered one, 一号工程, nor a count of buildings, 三馆一中心).
_NUMBERED_SLOGAN = re.compile(r"^[一二三四五六七八九十两双]+(?![个项大类批家座条期号十百千万亿工馆院场校园桥路])[\u4e00-\u9fff]")
#: Ends of the names of funds and loans, which finance undertakings and are none themselves:
#: 中央预算内投资资金, 政策性开发性金融工具(基金), 专项债券.
_FUNDING = re.compile(r"(?:基金|资金|债券?|贷款|金融工具)[)）]?$")


def _slogan(inner: str) -> bool:
    """Return True when a quoted phrase is a slogan, not a project's name: a batch of a
    programme named by its verb (竣工一批, 储备一批), a rank list (八大提升工程), a slogan
    abbreviated by a count (三旧改造) or a kind of funding (中央预算内专项资金)."""
    if _RANK_LIST.match(inner) or _NUMBERED_SLOGAN.match(inner) or _FUNDING.search(inner):
        return True
    return inner.endswith("一批") and len(inner) > 2 and word_tag(inner[:-2]).startswith("v")


@lru_cache(maxsize=2)
def _gazetteer(lexicon: Lexicon) -> tuple[dict[str, tuple[bool, bool]], dict[str, tuple[int, ...]], bool]:
    """Return the gazetteer: every division name and short name and every zone word, save
    generic words, as ``{name: (full, zone)}`` (whether it is some division's full name, whether
    it is a zone word); the lengths of its longer names by their first two characters, shortest
    first; and whether any name has a single character."""
    names = {name for name in lexicon.divisions if len(name) >= 2} | set(lexicon.zones)
    flags = {name: (any(div.name == name for div in lexicon.divisions.get(name, ())), name in lexicon.zones)
             for name in names - lexicon.generic}
    lengths: dict[str, set[int]] = {}
    for name in flags:
        if len(name) >= 2:
            lengths.setdefault(name[:2], set()).add(len(name))
    return flags, {head: tuple(sorted(sizes)) for head, sizes in lengths.items()}, any(len(n) == 1 for n in flags)


def _gazetteer_hits(text: str, starts: Iterable[int], lexicon: Lexicon) -> list[tuple[int, int, bool, bool]]:
    """Return ``(end, -length, full, zone)`` of the gazetteer's names in ``text`` that begin at
    one of ``starts``, sorted: by end, then longest first."""
    names, lengths, singles = _gazetteer(lexicon)
    hits = []
    for s in starts:
        if singles and text[s] in names:
            hits.append((s + 1, -1, *names[text[s]]))
        for size in lengths.get(text[s : s + 2], ()):
            flags = names.get(text[s : s + size]) if s + size <= len(text) else None
            if flags:
                hits.append((s + size, -size, *flags))
    return sorted(hits)


@lru_cache(maxsize=2)
def _gazetteer_automaton(lexicon: Lexicon) -> object | None:
    """Return an Aho-Corasick automaton of the gazetteer's names (see :func:`_gazetteer`),
    or None when the gazetteer is empty."""
    import ahocorasick

    names = _gazetteer(lexicon)[0]
    if not names:
        return None
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


def _has_gazetteer_name(text: str, lexicon: Lexicon) -> bool:
    """Return True when some name of the gazetteer occurs in ``text``."""
    automaton = _gazetteer_automaton(lexicon)
    return automaton is not None and next(automaton.iter(text), None) is not None  # type: ignore[attr-defined]


def _gazetteer_candidates(text: str, base: int, lexicon: Lexicon, by_start: dict[int, Token],
                          ends: set[int]) -> list[Candidate]:
    """Return division names and zone words standing at token boundaries (``by_start`` and
    ``ends``: the tokens by start and their ends, as offsets into ``text``)."""
    found = []
    for e, minus_size, full, zone in _gazetteer_hits(text, by_start, lexicon):
        s = e + minus_size
        if not full and not zone and by_start[s].flag not in ("ns", "x", "nz", "j"):
            # 焦作 (a plain noun to jieba) counts only at the head of a longer name
            found.append(Candidate(base + s, base + e, "Place", WEAK_HEAD))
        elif e in ends or full:
            found.append(Candidate(base + s, base + e, "Place", "zone" if zone else "gazetteer"))
    return found


#: The rules that find county-level areas the gazetteer lacks: at the head of a department's
#: name (甲乙区发改委), and listed with known divisions (丙丁区、甲乙区).
UNKNOWN_AREA_RULES = ("department-area", "gazetteer:list")
#: The level words of county-level divisions: a list of them names divisions of one kind.
_COUNTY_LEVEL = ("区", "县", "市", "旗")
#: What joins the items of a list of divisions.
_DIVISION_JOINERS = "、和及"


def _listed_division_candidates(cands: list[Candidate], text: str, base: int, by_start: dict[int, Token],
                                ends: set[int], lexicon: Lexicon) -> list[Candidate]:
    """Return the names listed next to a county-level division the gazetteer knows that end in
    a county level word too (途经甲乙区、丙丁区、戊己县 with 甲乙区 unknown, renamed or new since
    the gazetteer's data): two or three characters and the level word, at token boundaries."""
    known = sorted({(c.start - base, c.end - base) for c in cands if c.rule == "gazetteer"
                    and text[c.end - base - 1] in _COUNTY_LEVEL and c.end - c.start >= 3})
    if not known:
        return []
    taken = set(known)
    found: list[Candidate] = []
    todo = list(known)
    while todo:
        s, e = todo.pop()
        for item in (_division_item_after(text, e, by_start, ends), _division_item_before(text, s, by_start, ends)):
            if item and item not in taken and text[item[0] : item[1]] not in lexicon.generic:
                taken.add(item)
                todo.append(item)
                found.append(Candidate(base + item[0], base + item[1], "Place", UNKNOWN_AREA_RULES[1]))
    return found


def _division_item_after(text: str, end: int, by_start: dict[int, Token], ends: set[int]) -> tuple[int, int] | None:
    """Return the span of a county-level name listed right after offset ``end`` (、乙县), or None."""
    if end >= len(text) or text[end] not in _DIVISION_JOINERS or end + 1 not in by_start:
        return None
    for size in (3, 4):
        s, e = end + 1, end + 1 + size
        if e in ends and text[e - 1] in _COUNTY_LEVEL and _division_stem(text[s : e - 1], by_start[s]) \
                and (e == len(text) or not "\u4e00" <= text[e] <= "\u9fff" or text[e] in _DIVISION_JOINERS):
            return s, e
    return None


def _division_item_before(text: str, start: int, by_start: dict[int, Token], ends: set[int]) -> tuple[int, int] | None:
    """Return the span of a county-level name listed right before offset ``start`` (甲县、), or None."""
    end = start - 1
    if end < 3 or text[end] not in _DIVISION_JOINERS or end not in ends or text[end - 1] not in _COUNTY_LEVEL:
        return None
    for size in (4, 3):
        s = end - size
        if s >= 0 and s in by_start and _division_stem(text[s : end - 1], by_start[s]):
            return s, end
    return None


def _division_stem(stem: str, first: Token) -> bool:
    """Return True when ``stem`` can be a division's name before its level word: Chinese
    characters only, starting a token that is no function or verb word."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in stem) and first.flag not in _NO_START_TAGS


#: Longest description between a division's name and a zone word: 洛阳市城乡一体化示范区.
MAX_ZONE_MIDDLE = 6
#: Tags of a word that makes a zone word after it the head of a generic phrase (国家高新区, 三个示范区).
_GENERIC_ZONE_TAGS = frozenset({"n", "vn", "a", "an", "m", "q"})


def _zone_names(cands: list[Candidate], toks: tuple[Token, ...], text: str, base: int, lexicon: Lexicon,
                dropped: list[tuple[int, int, str]]) -> list[Candidate]:
    """Join a city's or county's name and the zone word after it into one place (洛阳市示范区,
    洛阳城乡一体化示范区), and drop a zone word that heads a generic phrase (国家高新区, 三个示范区)
    or follows a province (湖北开发区, 本省开发区: all the province's zones).

    The words between the two names hold no breaker and no symbol; a province's name is not
    joined (湖北开发区论坛 speaks of the province's zones).
    """
    cands = [c for c in cands if not _province_zones(c, text, base, lexicon, dropped)]
    if not any(c.rule == "zone" for c in cands):
        return cands
    heads = {c.end: c for c in cands if c.type == "Place" and c.rule in ("gazetteer", WEAK_HEAD)
             and any(d.level != "province" for d in lexicon.divisions.get(text[c.start - base : c.end - base], ()))}
    ending_at = {t.end: i for i, t in enumerate(toks)}
    result = []
    for cand in cands:
        if cand.rule != "zone" or cand.start not in ending_at:
            result.append(cand)
            continue
        index = ending_at[cand.start]
        head = _zone_head(toks, index, heads, lexicon)
        if _is_province(toks[index].word, lexicon):
            dropped.append((toks[index].start, cand.end, "Place: a province's zones in general"))
        elif head is not None:
            result.append(Candidate(head.start, cand.end, "Place", "division+zone"))
            result.append(cand)
        elif toks[index].flag in _GENERIC_ZONE_TAGS and toks[index].word not in lexicon.divisions \
                and not _is_break(toks[index], lexicon):
            dropped.append((toks[index].start, cand.end, "Place: a zone word heading a generic phrase"))
        else:
            result.append(cand)
    return result


def _without_foreign_counties(cands: list[Candidate], text: str, base: int, lexicon: Lexicon,
                              dropped: list[tuple[int, int, str]]) -> list[Candidate]:
    """Drop a county's name written right after a city that is not its own: 甲市老城区 speaks of
    the old town of 甲市, not of the county named 老城区 elsewhere."""
    cities = {c.end: c for c in cands if c.type == "Place" and c.rule in ("gazetteer", WEAK_HEAD)}
    kept = []
    for cand in cands:
        city = cities.get(cand.start)
        if city is not None and cand.type == "Place" and (cand.rule == "gazetteer" or cand.rule.startswith("suffix:")):
            city_codes = {d.code for d in lexicon.divisions.get(text[city.start - base : city.end - base], ())
                          if d.level == "prefecture"}
            counties = [d for d in lexicon.divisions.get(text[cand.start - base : cand.end - base], ())
                        if d.level == "county"]
            if city_codes and counties and not any(d.parent in city_codes for d in counties):
                dropped.append((cand.start, cand.end, "Place: a county's name after a city that is not its own"))
                continue
        kept.append(cand)
    return kept


def _is_province(word: str, lexicon: Lexicon) -> bool:
    """Return True for a province's name or short name, or a province named by pronoun (我省, 全省)."""
    divisions = lexicon.divisions.get(word, ())
    return bool(divisions) and all(d.level == "province" for d in divisions) or word in ("我省", "全省", "本省")


def _province_zones(cand: Candidate, text: str, base: int, lexicon: Lexicon,
                    dropped: list[tuple[int, int, str]]) -> bool:
    """Return True (and record why) when ``cand`` is a province's name and a zone word: 湖北开发区
    speaks of all the province's zones, no one place."""
    if cand.type != "Place":
        return False
    name = text[cand.start - base : cand.end - base]
    if not _ends_in(name, _zone_words(lexicon)):
        return False  # nearly every place: no zone word ends it
    # the longest zone word it ends with (经济技术开发区, not 开发区): one answer whatever the set's order
    zone = max((z for z in lexicon.zones if name.endswith(z) and len(name) > len(z)), key=len, default="")
    if zone and _is_province(name[: len(name) - len(zone)], lexicon):
        dropped.append((cand.start, cand.end, "Place: a province's zones in general"))
        return True
    return False


@lru_cache(maxsize=2)
def _zone_words(lexicon: Lexicon) -> tuple[str, ...]:
    """Return the lexicon's zone words (开发区, 示范区 …), sorted."""
    return tuple(sorted(lexicon.zones))


def _zone_head(toks: tuple[Token, ...], index: int, heads: dict[int, Candidate], lexicon: Lexicon) -> Candidate | None:
    """Return the division name that ends at most ``MAX_ZONE_MIDDLE`` characters of plain words
    before the zone word after token ``index``, or None."""
    end = toks[index].end
    for i in range(index, -1, -1):
        if toks[i].end in heads:
            return heads[toks[i].end]
        if end - toks[i].start > MAX_ZONE_MIDDLE or _is_break(toks[i], lexicon):
            return None
    return None


_ENUM_AFTER = re.compile(r"(企业|公司|项目)(?:\s*\d+\s*[家个项])?\s*[(（:：]([^()（）:：。；]{2,200}?)(?:等)?[)）。；]")
_ENUM_NAMED = re.compile(r"(项目|企业|公司)\s*\d*\s*[个家项]?\s*[,，]?\s*(?:分别是|分别为|包括|主要有|主要是)[:：]?([^，。；;]{2,200})")
#: A count of 家 (the measure word of firms) after any designation, with the firms in brackets:
#: 省级技术创新中心2家(甲、乙). Counts after 企业/公司/项目 are ``_ENUM_AFTER``'s.
_ENUM_COUNTED = re.compile(r"(?<!企业)(?<!公司)(?<!项目)(\d+\s*家)\s*[(（]([^()（）:：。；]{2,200}?)[)）]")
#: Firms listed before their count: 甲、乙两家公司.
_ENUM_COUNT_BEFORE = re.compile(r"([^，,。；;：:(（)）]{1,60}?、[^，,。；;：:(（)）、等]{1,30}?)(?:[两三四五六七八九十]|\d+)\s*家(企业|公司)")
#: Projects listed before their count: 甲、乙2个国家示范项目.
_ENUM_COUNT_BEFORE_PROJECTS = re.compile(
    r"([^，,。；;：:(（)）]{1,60}?、[^，,。；;：:(（)）、等]{1,30}?)(?:[两三四五六七八九十]|\d+)\s*个[^，。；、\d]{0,8}?(项目)")
#: A count of firms or projects, in digits or numerals, exact or rough: 12家, 十余家, 20多个, 一批.
_COUNT = r"(?:\s*(?:\d+|[一二三四五六七八九十两几百]+)\s*[余多]?\s*[家个项批])"
#: What follows the 等 of a list: a count and up to eight characters of description (等9个重点服务业
#: 项目, 等一批具有示范性的重大项目), or up to four without a count (等特色产业园区), then the kind.
_ENUM_TAIL = (r"(?:" + _COUNT + r"(?:具有[^，。；]{1,20}?的)?[^，。；、\d]{0,8}?|[^，。；、\d]{0,4}?)"
              r"(企业|公司|集团|央企|国企|银行|项目|园区)")
_ENUM_BEFORE = re.compile(r"([^，,。；;：:(（)）]{2,160}?)等" + _ENUM_TAIL)
#: What follows the 等 of an ``_ENUM_BEFORE`` match.
_ENUM_BEFORE_TAIL = re.compile(_ENUM_TAIL)
#: The characters the items of an ``_ENUM_BEFORE`` match never hold.
_ENUM_BEFORE_BREAKS = "，,。；;：:(（)）"


def _enumerations_before(text: str) -> Iterator[re.Match[str]]:
    """Yield the matches of ``_ENUM_BEFORE`` in ``text`` as its ``finditer`` does, without trying
    every position in turn (which takes time quadratic in a long sentence's length).

    A match's items (2 to 160 characters, no break) end right before the first 等 after them
    that the tail follows (…等企业), so the leftmost match starts where the run of non-break
    characters before the first such 等 does.
    """
    pos = 0
    mark = text.find("等", 2)
    while mark >= 0:
        if _ENUM_BEFORE_TAIL.match(text, mark + 1):
            start = max(pos, mark - 160, *(text.rfind(ch, 0, mark) + 1 for ch in _ENUM_BEFORE_BREAKS))
            if start <= mark - 2:
                match = _ENUM_BEFORE.search(text, start)
                if match is None:
                    return
                yield match
                pos = match.end()
                mark = text.find("等", pos + 2)
                continue
        mark = text.find("等", mark + 1)


def _holding(marks: str, find: Callable[[str], Iterator[re.Match[str]]]) -> Callable[[str], Iterator[re.Match[str]]]:
    """Return ``find`` restricted to texts that hold every character of ``marks``, which each of
    its matches holds: elsewhere it finds nothing, and tries no position."""
    def restricted(text: str) -> Iterator[re.Match[str]]:
        return find(text) if all(mark in text for mark in marks) else iter(())
    return restricted


def _holding_any(marks: tuple[str, ...], find: Callable[[str], Iterator[re.Match[str]]]
                 ) -> Callable[[str], Iterator[re.Match[str]]]:
    """Return ``find`` restricted to texts that hold one of ``marks`` at least, as each of its
    matches does: elsewhere it finds nothing, and tries no position."""
    def restricted(text: str) -> Iterator[re.Match[str]]:
        return find(text) if any(mark in text for mark in marks) else iter(())
    return restricted


#: The enumeration patterns: (find the matches, group of the items, words one of which every match holds).
_ENUMERATIONS: tuple[tuple[Callable[[str], Iterator[re.Match[str]]], int, tuple[str, ...]], ...] = (
    (_holding_any(("(", "（", ":", "："), _ENUM_AFTER.finditer), 2, ("企业", "公司", "项目")),
    (_holding_any(("分别", "包括", "主要"), _ENUM_NAMED.finditer), 2, ("企业", "公司", "项目")),
    (_enumerations_before, 1, ("等",)), (_holding_any(("(", "（"), _ENUM_COUNTED.finditer), 2, ("家",)),
    (_holding("、", _ENUM_COUNT_BEFORE.finditer), 1, ("家企业", "家公司")),
    (_holding("、个", _ENUM_COUNT_BEFORE_PROJECTS.finditer), 1, ("项目",)))
#: Every word one of which an enumeration pattern needs (the third element of ``_ENUMERATIONS``).
_ENUMERATION_WORDS = tuple(sorted({word for _, _, needed in _ENUMERATIONS for word in needed}))


def _enumeration_matches(text: str) -> list[tuple[re.Match[str], int]]:
    """Return ``(match, group of the items)`` of the enumeration patterns in ``text``, pattern by
    pattern: those of every pattern one of whose needed words ``text`` holds.

    Each needed word is looked for once, not once per pattern that needs it.
    """
    present = {word for word in _ENUMERATION_WORDS if word in text}
    if not present:
        return []
    return [(match, group) for find, group, needed in _ENUMERATIONS
            if not present.isdisjoint(needed) for match in find(text)]


#: An item of an enumeration, up to a separator or a 和/及 before two more characters.
_ENUM_ITEM = re.compile(r"[^、，,；;]+?(?=[、，,；;]|$|(?<=..)[和及](?=[^、，,；;]{2}))")


#: A capacity: a number and a unit of output (1.5万吨, 30亿套, 720万平方米).
_CAPACITY_UNIT = re.compile(
    r"\d+(?:\.\d+)?\s*[万亿千百]?(?:吨|套|台|辆|件|片|支|只|块|颗|头|羽|箱|盒|瓶|克拉|平方米|立方米|米|千瓦时?|兆瓦|吉瓦|瓦时?|千伏安)")

#: A decimal point, no symbol in a name: 1.5万吨.
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")

#: Longest item of an enumeration but a project's joined at 和/及 (see ``_enumeration_items``).
MAX_ENUM_ITEM = 12


def _enumeration_items(items: str, type_: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """Return ``(offset, item)`` of the items of an enumeration's text. In a list of projects an
    item split at 和/及 is joined again when only its second part ends in a project suffix:
    甲汽车零部件及智能制造产业园项目 is one name with two modifiers; or when its first part
    holds a capacity, whose products 和/及 lists: 甲一期1万吨钛及钛合金. A road's name is whole
    (省道231旅游公路和甲产业园项目: two items)."""
    found = [(m.start(), m.group()) for m in _ENUM_ITEM.finditer(items)]
    if type_ != "Project":
        return found
    joined: list[tuple[int, str]] = []
    for start, item in found:
        if joined and item[:1] in "和及" and (_ends_in_project_suffix(item, lexicon)
                                              or _CAPACITY_UNIT.search(joined[-1][1])) \
                and not _ends_in_project_suffix(joined[-1][1], lexicon) and not joined[-1][1].endswith(_LINE_SUFFIXES) \
                and joined[-1][0] + len(joined[-1][1]) == start:
            joined[-1] = (joined[-1][0], joined[-1][1] + item)
        else:
            joined.append((start, item))
    return joined


def _ends_in_project_suffix(word: str, lexicon: Lexicon) -> bool:
    """Return True when ``word`` ends in a project suffix and holds more than it."""
    return _ends_in(word, _suffixes_of(lexicon, ("Project",)))


def _ends_in(word: str, suffixes: tuple[str, ...]) -> bool:
    """Return True when ``word`` ends in one of ``suffixes`` and holds more than it:
    ``any(word.endswith(sf) and len(word) > len(sf) for sf in suffixes)``, in one call (a
    suffix shorter than the word ends the word exactly when it ends all but its first character)."""
    return bool(word) and word[1:].endswith(suffixes)


@lru_cache(maxsize=16)
def _suffixes_of(lexicon: Lexicon, types: tuple[str, ...], empty: bool = False) -> tuple[str, ...]:
    """Return the lexicon's suffixes of one of ``types``, in its order; the empty suffix too
    (when the lexicon has one) only with ``empty``."""
    return tuple(sf for sf, type_, _ in lexicon.suffixes if type_ in types and (sf or empty))


@lru_cache(maxsize=16)
def _suffixes_but(lexicon: Lexicon, type_: str) -> tuple[str, ...]:
    """Return the lexicon's suffixes of every type but ``type_``, in its order, without the empty suffix."""
    return tuple(sf for sf, other, _ in lexicon.suffixes if sf and other != type_)


def _project_item(word: str, toks: list[Token], lexicon: Lexicon) -> bool:
    """Return True when an enumeration item is a project's name: it ends in a project suffix, or
    is an institution of an area (区第三医院, 县第一中学: building it; not 甲理工大学, an existing
    university), or works on an area's institution (县妇幼保健院迁建), or a numbered road (省道
    231旅游公路), or it holds a truly unknown or named word and no verb (甲乙新能源动力电池, not
    生态环保)."""
    if _INSTITUTION_WORKS.match(word) or _ROAD_NUMBER.search(word):
        return True
    if _ends_in(word, _suffixes_of(lexicon, ("Project",), empty=True)) \
            or word[:1] in _LEVEL_CHARS and _other_type_suffix(word, "Project", lexicon) \
            and word.endswith(_suffixes_of(lexicon, ("Organization",), empty=True)):
        return _proper(word, toks, False, lexicon)
    named = any((t.flag in ("nz", "nr", "nrt") or t.flag == "x" and len(t.word) >= 2 and not _compound_of_words(t.word))
                and t.word not in lexicon.common for t in toks) or _place_and_trade(toks, lexicon)
    return named and not any(t.flag.startswith("v") for t in toks)


#: Works on an institution of an area: 区急救中心改扩建, 县第二中学迁建, 市妇幼保健院新建.
_INSTITUTION_WORKS = re.compile(r"^[省市区县镇乡][\u4e00-\u9fff]{1,8}(?:中心|医院|保健院|学校|中学|小学|幼儿园|"
                                r"体育馆|图书馆|博物馆|文化馆|养老院|敬老院)(?:改扩建|扩建|迁建|新建|改造|提升)$")
#: A numbered road: 省道231, 国道207, G310, S88.
_ROAD_NUMBER = re.compile(r"(?:省道|国道|县道|乡道|\b[GSX])\d{1,4}")


def _place_and_trade(toks: list[Token], lexicon: Lexicon) -> bool:
    """Return True when an item is a place word and a firm's trade after it, as firms and their
    works are named (伊河+生物科技, 嵩山+新材料): the trade ends in an industry word of the
    lexicon's; not a place and a sector (郑州+物流, 南阳+农业) nor a place's suffix (伊河+流域)."""
    if len(toks) < 2 or toks[0].flag != "ns" or len(toks[0].word) < 2:
        return False
    rest = "".join(t.word for t in toks[1:])
    return all(t.flag == "n" or t.word in lexicon.common for t in toks[1:]) and rest not in lexicon.generic \
        and any(rest.endswith(word) for word in lexicon.industries)


def _bodys_or_firms_suffix(word: str, lexicon: Lexicon) -> bool:
    """Return True when ``word`` ends in a suffix of a company or a body (甲农民专业合作社 in a
    list of parks is a firm, not a project)."""
    return _ends_in(word, _suffixes_of(lexicon, ("Company", "Department")))


def _other_type_suffix(word: str, type_: str, lexicon: Lexicon) -> bool:
    """Return True when ``word`` ends in a suffix of a type other than ``type_`` (机电设计城, 第一中学)."""
    return _ends_in(word, _suffixes_but(lexicon, type_))


#: Words that show an enumeration item is prose, not a name.
_ENUM_NOT_ITEM = re.compile(r"[两几多][家个]|目前|其中|截至|以来|同时|今年|去年")


def _enumeration_item(item: str, s: int, toks: tuple[Token, ...], base: int, lexicon: Lexicon,
                      type_: str, token_starts: Container[int]) -> tuple[str, int]:
    """Return an enumeration item of ``type_`` found at sentence offset ``s`` and its offset, without
    leading 和/及, breaker words and name-less tokens (save a company's numeral brand), nor trailing
    status cues.

    A breaker is cut off only where a token starts after it: 天 stays in 天华恒泰 (天华 is one word).
    An item loses the words up to a cue verb inside it (重点实施+甲综合体, 先后引进+甲乙锂电) when
    four or more characters remain. ``token_starts``: the sentence offsets where tokens start.
    """
    word = item.lstrip("和及").strip()
    s += len(item) - len(item.lstrip("和及 "))
    word, s = _after_cue_verb(word, s, toks, base, lexicon)  # 先后引进+甲乙锂电、…等企业
    if type_ == "Project":
        word, s = _after_locative(word, s, toks, base)
    cut = True
    while cut:  # 今年+谋划+了+…: every breaker word at the head
        cut = False
        for size in range(min(4, len(word) - 2), 0, -1):
            if word[:size] in lexicon.breakers and s + size in token_starts and word[size:] not in lexicon.generic:
                word, s, cut = word[size:], s + size, True  # not 投资+集团: a generic word is left
                break
    stripped = True
    while stripped:  # 华瑞四期工厂建成投产 → 华瑞四期工厂
        stripped = False
        for cue, _ in lexicon.status_cues:
            if word.endswith(cue) and len(word) > len(cue) + 1:
                word, stripped = word[: -len(cue)], True
                break
    trimmed = _trim_start(toks, base + s, base + s + len(word)) - base
    if type_ == "Company" and (_numeral_brand(word[: trimmed - s]) or word in _short_forms(lexicon)):
        return word, s  # 三元纸业; 交行 (a verb to jieba)
    return word[trimmed - s :], trimmed


@lru_cache(maxsize=2)
def _short_forms(lexicon: Lexicon) -> frozenset[str]:
    """Return the short forms of the abbreviation table (发改委, 交行 …)."""
    return frozenset(short for _, short in lexicon.abbreviations)


def _after_locative(word: str, s: int, toks: tuple[Token, ...], base: int) -> tuple[str, int]:
    """Return ``word`` (at sentence offset ``s``) without the place and the locative of two or
    more characters before its name (甲河以北+乙苑, 甲路周边+乙小区), where two or more
    characters remain, and its new offset; a locative that opens the item stays (东部物流港)."""
    end = s + len(word)
    for tok in _within(toks, base + s + 1, base + end - 2):
        if tok.flag == "f" and len(tok.word) >= 2:
            t_end = tok.end - base
            return word[t_end - s :], t_end
    return word, s


#: Fewest characters a project's item keeps after a cue verb is cut off its head.
MIN_ITEM_AFTER_VERB = 4


def _after_cue_verb(word: str, s: int, toks: tuple[Token, ...], base: int, lexicon: Lexicon) -> tuple[str, int]:
    """Return ``word`` (at sentence offset ``s``) without the words up to the last verb of two or
    more characters that is a breaker (实施, 推进), where at least ``MIN_ITEM_AFTER_VERB``
    characters remain, and its new offset."""
    end = s + len(word)
    for tok in reversed(_within(toks, base + s, base + end)):
        t_end = tok.end - base
        if tok.flag.startswith("v") and len(tok.word) >= 2 and tok.word in lexicon.breakers \
                and end - t_end >= MIN_ITEM_AFTER_VERB:
            return word[t_end - s :], t_end
    return word, s


#: A numeral word that is a company's brand (三元, 九星), not a count: no measure word after the numeral.
_NUMERAL_BRAND = re.compile(r"^[一二三四五六七八九十百千万][^一二三四五六七八九十百千万个家批项座条台套种类大余多]$")


def _numeral_brand(prefix: str) -> bool:
    """Return True when ``prefix`` is one numeral word of two characters that names a brand
    (三元 in 三元纸业), not a count (三家, 五大)."""
    toks = tokens(prefix)
    return len(toks) == 1 and toks[0].flag == "m" and bool(_NUMERAL_BRAND.match(prefix))


def _enumeration_candidates(toks: tuple[Token, ...], text: str, base: int, lexicon: Lexicon,
                            starts: Container[int], ends: Container[int]) -> list[Candidate]:
    """Return the items of enumerations after or before 企业/项目: ``企业3家(甲、乙、丙)``.

    An item must start and end at token boundaries (``starts``, ``ends``: offsets into
    ``text``), lose its leading function words, and a project item needs a proper name element
    like any project name.
    """
    matches = _enumeration_matches(text)
    if not matches:
        return []
    found: list[Candidate] = []
    for match, group in matches:
        kind = match.group(1 if group == 2 else 2)
        type_ = "Project" if kind in ("项目", "园区") else "Company"
        kind = "项目" if type_ == "Project" else "家" if kind.endswith("家") else "企业"
        offset = match.start(group)
        items = match.group(group).replace("以及", "、、")
        for start, item in _enumeration_items(items, type_, lexicon):
            word, s = _enumeration_item(item, offset + start, toks, base, lexicon, type_, starts)
            item_toks = _within(toks, base + s, base + s + len(word))
            if s not in starts or s + len(word) not in ends:
                continue
            if type_ == "Project" and not _project_item(word, item_toks, lexicon):
                continue
            if type_ == "Project" and _bodys_or_firms_suffix(word, lexicon):
                continue
            if kind.endswith("家") and _other_type_suffix(word, "Company", lexicon):
                continue
            joined = type_ == "Project" and any(c in word for c in "和及")
            longest = MAX_LENGTH[type_] if joined else MAX_ENUM_ITEM
            if 2 <= len(word) <= longest and word not in lexicon.generic and word not in lexicon.breakers \
                    and not any(_is_symbol(c) for c in _DECIMAL_POINT.sub("", word)) and not _ENUM_NOT_ITEM.search(word) and not _NOT_A_NAME.search(word) \
                    and not any(b in word for b in ("企业", "公司")) \
                    and (not re.search(r"\d", word)
                         or type_ == "Project" and (_CAPACITY_UNIT.search(word) or _ROAD_NUMBER.search(word))):
                found.append(Candidate(base + s, base + s + len(word), type_, f"enumeration:{kind}"))
    return found


#: Bylines and name lists of news: 记者郭树勋, 编辑:郭 剑, 张双杰 摄, 区领导甲、乙出席.
_BYLINE = re.compile(r"(?:记者|通讯员|编辑|校对|组版|摄影|责编)\s*[:：]?\s*((?:[\u4e00-\u9fff]\s?(?!摄)){1,2}[\u4e00-\u9fff])(?![\u4e00-\u9fff])")
#: A list of names after a title; 摄 after a space is a photo credit ending it, no name.
#: The titles of a byline, which are no names.
_BYLINE_TITLES = frozenset({"记者", "通讯员", "编辑", "校对", "组版", "摄影", "责编", "实习生", "见习记者", "特约记者"})
_BYLINE_LIST = re.compile(r"(?:记者|通讯员|校对|领导)\s*[:：]?((?:[\u4e00-\u9fff]{2,3}[、 ](?!摄))+[\u4e00-\u9fff]{2,3})")
_PHOTO = re.compile(r"(?:^|[\s。])([\u4e00-\u9fff]{2,3})\s摄")


#: Tags of a brand: an unknown word, a proper noun, a person's name.
_BRAND_TAGS = frozenset({"x", "nz", "nr", "nrt"})
#: Tags of a word that may stand right before a company's short name (not part of a longer name).
_BEFORE_NAME_TAGS = frozenset({"c", "p", "u", "uj", "v", "vn", "d", "r", "f", "q"})


#: First characters of a word after ``brand + industry`` that make the whole a park or town's name.
_PARK_HEADS = frozenset("城园谷港镇")


def _brand_industry_candidates(toks: tuple[Token, ...], text: str, lexicon: Lexicon) -> list[Candidate]:
    """Return companies named by a brand and an industry word: 宏远机械, 华为科技, 九星液压. The
    brand is a proper or unknown word of two or three characters or a numeral brand (九星), no
    place and no dictionary compound, and the word before it is no part of a longer name.
    ``text`` is the sentence's: without an industry word in it, nothing is looked at."""
    found: list[Candidate] = []
    if not toks or not _industry_words(lexicon).search(text):
        return found
    for i in range(len(toks) - 1):
        brand, industry = toks[i], toks[i + 1]
        if industry.word not in lexicon.industries \
                or brand.flag not in _BRAND_TAGS and not (brand.flag == "m" and _numeral_brand(brand.word)) \
                or not 2 <= len(brand.word) <= 3 or brand.word in lexicon.divisions or brand.word in lexicon.zones:
            continue
        if brand.flag == "x" and _compound_of_words(brand.word) or _is_break(brand, lexicon):
            continue
        if i + 2 < len(toks) and (toks[i + 2].word[0] in _PARK_HEADS or _ends_in_project_suffix(
                "甲" + toks[i + 2].word, lexicon) and len(toks[i + 2].word) >= 2):
            continue  # 甲乙科技城, 甲乙科技产业园: a place or project named so, not a firm
        if i == 0 or _is_break(toks[i - 1], lexicon) or toks[i - 1].flag in _BEFORE_NAME_TAGS:
            found.append(Candidate(brand.start, industry.end, "Company", "brand+industry"))
    return found


#: Words one of which every byline, photo credit and list of officials holds (摄 of 摄影 too).
_PERSON_CUES = re.compile(r"记者|通讯员|编辑|校对|组版|摄|责编|领导")


def _person_candidates(text: str, base: int) -> list[Candidate]:
    """Return people named in bylines and lists of officials (记者…, …摄, 区领导甲、乙)."""
    found: list[Candidate] = []
    if not _PERSON_CUES.search(text):
        return found
    for regex in (_BYLINE, _PHOTO):
        for match in regex.finditer(text):
            found.append(Candidate(base + match.start(1), base + match.end(1), "Person", "byline",
                                   re.sub(r"\s", "", match.group(1))))
    for match in _BYLINE_LIST.finditer(text):
        for item in re.finditer(r"[\u4e00-\u9fff]{2,3}", match.group(1)):
            if item.group() in _BYLINE_TITLES:
                continue  # 记者 甲乙 通讯员 丙丁: a title between two names
            found.append(Candidate(base + match.start(1) + item.start(), base + match.start(1) + item.end(),
                                   "Person", "byline-list"))
    return found


def _graded_brand(name: str, lexicon: Lexicon) -> str:
    """Return the word that heads ``name`` right before a product grade (雄鹰 in 雄鹰高性能轮胎项目),
    or ``""`` when it is no brand: a place, or a common word (智能, 新型). A brand is an unknown word
    of two or three characters, or a rare dictionary word of two."""
    match = _GRADE.search(name)
    if not match or not 2 <= match.start() <= 3:
        return ""
    head = name[: match.start()]
    toks = tokens(head)
    if len(toks) != 1 or head in lexicon.divisions or head in lexicon.zones or head in lexicon.generic:
        return ""
    if toks[0].flag == "x":
        return "" if _compound_of_words(head) else head
    return head if len(head) == 2 and word_frequency(head) < MAX_BRAND_FREQUENCY else ""


def _brand_candidates(chosen: list[Candidate], text: str, base: int, lexicon: Lexicon) -> list[Candidate]:
    """Return the brand at the head of a project name before a capacity phrase or a product grade:
    ``瑞丰年产30亿套…项目``, ``风华高性能轮胎项目``."""
    found = []
    for cand in chosen:
        if cand.type != "Project":
            continue
        name = text[cand.start - base : cand.end - base]
        match = _CAPACITY.search(name)
        head = _graded_brand(name, lexicon)
        if not head and match and 2 <= match.start() <= 6 and not re.search(r"[市区县省]$", name[: match.start()]) \
                and not _ROAD_NUMBER.match(name):
            head = _PHASE_END.sub("", name[: match.start()])  # 甲钛业一期1万吨… → 甲钛业
            if re.search(r"[\d年第]", head) or len(head) < 2:
                head = ""
        if head:
            found.append(Candidate(cand.start, cand.start + len(head), "Company", "brand-head"))
    return found


#: Suffixes of roads and bridges: a Place used as a landmark, a Project when being built.
_WORKS_SUFFIXES = ("路", "大道", "街", "桥", "大桥")
#: Words that say a road or bridge is being built (so it is a project, SCHEMA.md).
_BUILDING = re.compile(r"建设|新建|改建|扩建|改造|提升|竣工|完工|通车|开工|建成|施工|打通|贯通")


def _as_works(cand: Candidate, text: str, base: int) -> Candidate:
    """Return a road or bridge named in a clause about its construction as a Project."""
    if cand.type != "Place" or not cand.rule.startswith("suffix:") or not cand.rule[7:] in _WORKS_SUFFIXES:
        return cand
    left = max((m.end() for m in re.finditer(r"[，,；;。：:]", text[: cand.start - base])), default=0)
    right = re.search(r"[，,；;。]", text[cand.end - base :])
    clause = text[left : cand.end - base + (right.start() if right else len(text))]
    if _BUILDING.search(clause):
        return Candidate(cand.start, cand.end, "Project", cand.rule + "(works)", cand.name)
    return cand


#: A phase or a section (甲至乙段) after a name, part of it.
_PHASE_AFTER = re.compile(_PHASE_MARK + r"[)）]?(?![\d.])|[\u4e00-\u9fff]{2,4}至[\u4e00-\u9fff]{2,4}段(?:项目|工程)?")
#: Suffixes of lines (roads, railways) that a section may follow: 郑西高铁洛阳至三门峡段.
_LINE_SUFFIXES = ("高铁", "高速", "铁路", "公路", "高速公路", "城际", "快速路", "大道", "路")


#: A section named by the first characters of the cities it links: 郑渝段, 京港段.
_INITIALS_SECTION = re.compile(r"([\u4e00-\u9fff]{2,3})段")


@lru_cache(maxsize=2)
def _city_initials(lexicon: Lexicon) -> frozenset[str]:
    """Return the first characters of the names of the prefecture-level cities."""
    return frozenset(name[0] for name, divisions in lexicon.divisions.items()
                     if any(d.level == "prefecture" for d in divisions))


#: The characters one of which every match of :func:`_section_after` holds: 期 of a phase, 段 of a section.
_PHASE_OR_SECTION_MARK = re.compile("[期段]")


def _section_after(text: str, pos: int, lexicon: Lexicon) -> re.Match[str] | None:
    """Return the phase or section written at ``pos``: 二期, 洛阳至三门峡段, or 郑渝段 (city initials)."""
    match = _PHASE_AFTER.match(text, pos)
    if match:
        return match
    match = _INITIALS_SECTION.match(text, pos)
    initials = _city_initials(lexicon)
    if match and all(c in initials and c not in lexicon.breakers for c in match.group(1)):
        return match
    return None


def _with_phase(chosen: list[Candidate], nested: list[Candidate], text: str,
                base: int, lexicon: Lexicon) -> tuple[list[Candidate], list[Candidate]]:
    """Extend a project's name by the phase or section written right after it: 科技园二期,
    大学(二期), 郑西高铁洛阳至三门峡段, 郑西高铁郑洛段. An organisation with a phase is a
    construction project; the places a section names become nested mentions of the longer name.

    Returns the chosen and the nested candidates.
    """
    if not _PHASE_OR_SECTION_MARK.search(text):  # nearly every sentence: no phase, no section
        return list(chosen), sorted(nested, key=lambda c: c.start)
    result: list[Candidate] = []
    swallowed: set[Candidate] = set()
    for cand in chosen:
        if cand in swallowed:
            continue
        match = _section_after(text, cand.end - base, lexicon)
        section = bool(match) and "段" in match.group()
        name = text[cand.start - base : cand.end - base]
        if section and not name.endswith(_LINE_SUFFIXES) or not section and name.endswith(("项目", "工程")):
            match = None
        end = base + match.end() if match else cand.end
        inside = [c for c in chosen if cand.end <= c.start < end]
        if match and cand.type in ("Project", "Organization") and all(
                c.end <= end and (section and c.type == "Place") for c in inside):
            swallowed.update(inside)
            nested = nested + inside
            cand = Candidate(cand.start, end, "Project", cand.rule + ("+section" if section else "+phase"), "")
        result.append(cand)
    return [c for c in result if c not in swallowed], sorted(nested, key=lambda c: c.start)


#: An item of a list of 、 with a separator on either side.
_LIST_ITEM = re.compile(r"(?<=、)[^、，,。；;：:（）()“”\s]{2,8}(?=、)")


def _between_projects(chosen: list[Candidate], toks: tuple[Token, ...], text: str, base: int,
                      lexicon: Lexicon) -> list[Candidate]:
    """Return the items of a list that stand between two projects and read as a name without a
    suffix (甲产业园、红石美居、乙广场): a proper word, no verb, at token boundaries."""
    if "、" not in text:
        return []
    starts = {c.start for c in chosen if c.type == "Project"}
    if not starts:
        return []
    ends = {c.end for c in chosen if c.type == "Project"}
    bounds = {t.start for t in toks} | {t.end for t in toks}
    found = []
    for match in _LIST_ITEM.finditer(text):
        s, e = base + match.start(), base + match.end()
        if s - 1 not in ends or e + 1 not in starts or s not in bounds or e not in bounds \
                or any(c.start < e and s < c.end for c in chosen):
            continue
        item_toks = _within(toks, s, e)
        if _project_item(match.group(), item_toks, lexicon) and match.group() not in lexicon.generic:
            found.append(Candidate(s, e, "Project", "list-between-projects"))
    return found


#: Length of the four-character phrases (成语) that lists of misdeeds and virtues are made of.
IDIOM_LENGTH = 4
#: jieba's tags of idioms and set phrases.
_IDIOM_TAGS = frozenset({"i", "l"})


def _without_idiom_list_items(chosen: list[Candidate], text: str, base: int,
                              dropped: list[tuple[int, int, str]]) -> list[Candidate]:
    """Drop a four-character project or place that stands in a list of 、 beside an idiom
    (阻挠施工、封门堵路、强买强卖: misdeeds, no road): its suffix ends a phrase, not a name."""
    kept = []
    for cand in chosen:
        s, e = cand.start - base, cand.end - base
        if cand.type in ("Project", "Place") and cand.rule.startswith("suffix:") and e - s == IDIOM_LENGTH:
            before = text[s - IDIOM_LENGTH - 1 : s - 1] if s > IDIOM_LENGTH and text[s - 1] == "、" else ""
            after = text[e + 1 : e + 1 + IDIOM_LENGTH] if text[e : e + 1] == "、" else ""
            if any(len(w) == IDIOM_LENGTH and word_tag(w) in _IDIOM_TAGS for w in (before, after)):
                dropped.append((cand.start, cand.end, f"{cand.type}: a phrase in a list of idioms"))
                continue
        kept.append(cand)
    return kept


#: Fewest characters of a plainly named park a list may take back: 智能装备产业园, not 产业园区.
MIN_PLAIN_SIBLING = 6
#: What joins the items of a list: 甲、乙, 甲和乙, 甲及乙.
_LIST_JOINS = frozenset("、和及")


def _list_siblings(chosen: list[Candidate], dropped: list[tuple[int, int, str]], text: str,
                   base: int) -> list[Candidate]:
    """Return ``chosen`` with the places built as projects (parks, towns, squares) dropped for want
    of a proper element taken back where they stand in a list next to a chosen project
    (视察了甲科技园、智能装备产业园和乙广场: a park the visitors saw, named plainly), one
    neighbour after another. An item named 项目 or 工程 stays dropped: 特色商业街区项目 names a kind;
    so does a short one: 产业园区, 物流园区."""
    plain = [(s, e) for s, e, why in dropped if why == f"Project: {NO_PROPER_ELEMENT}"
             and not text[s - base : e - base].endswith(("项目", "工程")) and e - s >= MIN_PLAIN_SIBLING]
    if not plain:
        return chosen
    result = list(chosen)
    grown = True
    while grown:
        grown = False
        starts = {c.start for c in result if c.type == "Project"}
        ends = {c.end for c in result if c.type == "Project"}
        for s, e in plain:
            if any(c.start < e and s < c.end for c in result):
                continue
            before = text[s - base - 1] if s - base > 0 else ""
            after = text[e - base] if e - base < len(text) else ""
            if before in _LIST_JOINS and s - 1 in ends or after in _LIST_JOINS and e + 1 in starts:
                result.append(Candidate(s, e, "Project", "list-sibling"))
                grown = True
    return sorted(result, key=lambda c: c.start)


def _settle(cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Return (chosen non-overlapping candidates, candidates nested inside a chosen one).

    A weak candidate (a division's short name that jieba reads as a common word) is kept
    only nested at the head of a chosen name. A candidate with the very span of a chosen one
    of another type (a road read as a Place and, in a list of projects, as a Project) is the
    same name typed otherwise, not a name nested in it.
    """
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _TYPE_PRIORITY[c.type], c.rule == WEAK_HEAD, c.start, c.rule))
    chosen: list[Candidate] = []
    nested: list[Candidate] = []
    for cand in order:
        clash = [c for c in chosen if c.start < cand.end and cand.start < c.end]
        if cand.rule == WEAK_HEAD:
            if any(c.start == cand.start and cand.end < c.end for c in clash) and len(clash) == 1 \
                    and not any(n.start == cand.start and n.end == cand.end for n in nested):
                nested.append(Candidate(cand.start, cand.end, cand.type, "gazetteer-head"))
            continue
        if not clash:
            chosen.append(cand)
        elif all(c.start <= cand.start and cand.end <= c.end for c in clash) and cand.type in ("Company", "Place") \
                and not (cand.type == "Place" and all(c.type == "Place" for c in clash)) \
                and not any(c.start == cand.start and c.end == cand.end for c in clash):
            if not any(n.start == cand.start and n.end == cand.end for n in nested):
                nested.append(cand)
    return sorted(chosen, key=lambda c: c.start), sorted(nested, key=lambda c: c.start)


#: Function characters that jieba's HMM glues to a suffix before them: 局则, 局对, 委将.
_GLUED_AFTER = frozenset("则对将在和与的等也还是为把被从向")


@lru_cache(maxsize=2)
def _glued_suffix_end(lexicon: Lexicon) -> re.Pattern[str]:
    """Return a regex that finds a suffix's last character and a function character glued
    after it (局则, 委将): where it finds none, no token needs ungluing."""
    ends = _suffix_ends(lexicon)
    if not ends:
        return re.compile(r"(?!)")  # finds nothing
    return re.compile("[" + re.escape("".join(sorted(ends))) + "]["
                      + re.escape("".join(sorted(_GLUED_AFTER))) + "]")


@lru_cache(maxsize=2)
def _suffix_ends(lexicon: Lexicon) -> frozenset[str]:
    """Return the last characters of the lexicon's suffixes (局 of 局, 委 of 发改委 …)."""
    return frozenset(sf[-1] for sf, _, _ in lexicon.suffixes if sf)


#: A natural feature's or a road's suffix and a position word that jieba reads as one word:
#: 湖畔, 河边, 江岸, 河段, 路段.
_SHORE_WORDS = frozenset(suffix + position for suffix in "河湖江山路" for position in "畔边岸滨麓脚段")
#: A regex that finds the shore words.
_SHORE_WORD = re.compile("|".join(sorted(_SHORE_WORDS)))
#: Tags of the word a shore word (湖畔) may follow as the rest of a name: 翠屏+湖畔, 伊+河畔.
_SHORE_NAME_TAGS = frozenset({"x", "ns", "nz", "nr", "nrt", "j"})


def _unglue_shores(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """Split a shore word after an unknown or proper word (翠屏+湖畔 → 翠屏 湖 畔), so that the
    natural feature's suffix ends at a token end and 翠屏湖 is found."""
    result: list[Token] = []
    for i, tok in enumerate(toks):
        if i and tok.word in _SHORE_WORDS and toks[i - 1].flag in _SHORE_NAME_TAGS \
                and toks[i - 1].end == tok.start and not _is_symbol(toks[i - 1].word[-1]):
            result.append(Token(tok.word[0], "n", tok.start, tok.start + 1))
            result.append(Token(tok.word[1], "f", tok.start + 1, tok.end))
        else:
            result.append(tok)
    return tuple(result)


def _unglue(toks: tuple[Token, ...], text: str, lexicon: Lexicon) -> tuple[Token, ...]:
    """Split an unknown two-character token made of a suffix's last character and a function
    character glued to it (市农业农村局则… → 局 + 则), so that the suffix ends at a token end;
    and a shore word after a name (翠屏湖畔, see ``_unglue_shores``). ``text`` is the
    tokens' sentence: where it holds neither, the tokens are returned as they are."""
    if _SHORE_WORD.search(text) and any(t.word in _SHORE_WORDS for t in toks):
        toks = _unglue_shores(toks)
    if not _glued_suffix_end(lexicon).search(text) or not any(t.flag == "x" and len(t.word) == 2 and t.word[1] in _GLUED_AFTER for t in toks):
        return toks
    ends = _suffix_ends(lexicon)
    result: list[Token] = []
    for tok in toks:
        if tok.flag == "x" and len(tok.word) == 2 and tok.word[1] in _GLUED_AFTER and tok.word[0] in ends:
            result.append(Token(tok.word[0], word_tag(tok.word[0]) or "n", tok.start, tok.start + 1))
            result.append(Token(tok.word[1], word_tag(tok.word[1]) or "p", tok.start + 1, tok.end))
        else:
            result.append(tok)
    return tuple(result)


def _reads_tokens(text: str, lexicon: Lexicon) -> bool:
    """Return False when ``text`` holds no suffix, no enumeration word, no industry word and no
    gazetteer name: the rules that read tokens find nothing there, so the sentence need not be
    tokenized."""
    automaton, empty = _suffix_automaton(lexicon)
    if empty or automaton is not None and next(automaton.iter(text), None) is not None:  # type: ignore[attr-defined]
        return True
    if _enumeration_or_industry_words(lexicon).search(text):
        return True
    return _has_gazetteer_name(text, lexicon)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """Return a regex that finds any of ``words`` (longest first, so a match is a whole word)."""
    return re.compile("|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w))))


@lru_cache(maxsize=2)
def _enumeration_or_industry_words(lexicon: Lexicon) -> re.Pattern[str]:
    """Return a regex that finds a word an enumeration needs or an industry word of the lexicon's."""
    return _alternation([*_ENUMERATION_WORDS, *lexicon.industries])


@lru_cache(maxsize=2)
def _industry_words(lexicon: Lexicon) -> re.Pattern[str]:
    """Return a regex that finds an industry word of the lexicon's."""
    return _alternation(lexicon.industries)


def recognize_sentence(doc: Document, sentence: Sentence, lexicon: Lexicon) -> tuple[list[Mention], list[Dropped]]:
    """Return the mentions in one sentence of ``doc`` and the candidates dropped there, with reasons."""
    text = sentence.text(doc)
    base = sentence.start
    toks = _unglue(tokens(text, base), text, lexicon) if _reads_tokens(text, lexicon) else ()
    dropped_spans: list[tuple[int, int, str]] = []
    cands = _suffix_candidates(toks, text, base, lexicon, dropped_spans)
    cands += _quoted_candidates(text, base, lexicon)
    by_start = {t.start - base: t for t in toks}
    ends = set(by_start)  # each token starts where the one before ends
    if toks:
        ends.discard(toks[0].start - base)
        ends.add(toks[-1].end - base)
    cands += _gazetteer_candidates(text, base, lexicon, by_start, ends)
    cands += _listed_division_candidates(cands, text, base, by_start, ends, lexicon)
    cands += _enumeration_candidates(toks, text, base, lexicon, by_start, ends)
    cands += _user_candidates(text, base, lexicon)
    cands += _person_candidates(text, base)
    cands += _brand_industry_candidates(toks, text, lexicon)
    cands = _zone_names(cands, toks, text, base, lexicon, dropped_spans)
    cands = _without_foreign_counties(cands, text, base, lexicon, dropped_spans)
    chosen, nested = _settle(cands)
    chosen = _without_idiom_list_items(chosen, text, base, dropped_spans)
    chosen, nested = _with_phase([_as_works(c, text, base) for c in chosen], nested, text, base, lexicon)
    chosen = sorted(chosen + _between_projects(chosen, toks, text, base, lexicon), key=lambda c: c.start)
    chosen = _list_siblings(chosen, dropped_spans, text, base)
    nested += _department_areas(chosen, nested, toks)
    for brand in _brand_candidates(chosen, text, base, lexicon):
        if not any(n.start == brand.start and n.end == brand.end for n in nested):
            nested.append(brand)
    mentions = [
        Mention(doc.id, c.start, c.end, doc.text[c.start : c.end], c.type, c.rule, c.name)
        for c in chosen
    ] + [
        Mention(doc.id, c.start, c.end, doc.text[c.start : c.end], c.type, c.rule, c.name, nested=True)
        for c in nested
    ]
    dropped = [Dropped(doc.id, s, e, doc.text[s:e], why) for s, e, why in dropped_spans]
    return mentions, dropped


#: Tags of a word that may be an area's name the gazetteer lacks (伊滨区 is one unknown word).
_AREA_TAGS = frozenset({"x", "ns", "nz"})


def _department_areas(chosen: list[Candidate], nested: list[Candidate], toks: tuple[Token, ...]) -> list[Candidate]:
    """Return the area heading a department's name when the gazetteer does not know it: a word
    of three or four characters ending in a level word (区, 县, 市, 旗) that jieba reads as one
    unknown or place word, or a noun of two or three characters and the level word after it,
    before at least two more characters (甲乙区发改委 → 甲乙区)."""
    if not any(c.type == "Department" for c in chosen):
        return []
    by_start = {t.start: t for t in toks}
    has_place = {c.start for c in nested if c.type == "Place"}
    found = []
    for cand in chosen:
        first = by_start.get(cand.start)
        if cand.type != "Department" or cand.start in has_place or first is None:
            continue
        end = first.end
        level = by_start.get(end)
        if first.flag in _AREA_TAGS and 3 <= len(first.word) <= 4 and first.word[-1] in _COUNTY_LEVEL:
            pass  # 伊滨区 read as one word
        elif first.flag in _AREA_TAGS | {"n"} and 2 <= len(first.word) <= 3 and level is not None \
                and level.word in _COUNTY_LEVEL:
            end = level.end  # 甲乙 + 区
        else:
            continue
        if cand.end - end >= 2:
            found.append(Candidate(first.start, end, "Place", UNKNOWN_AREA_RULES[0]))
    return found


def _user_candidates(text: str, base: int, lexicon: Lexicon) -> list[Candidate]:
    """Return occurrences of the user lexicon's names and aliases."""
    found = []
    for name, type_, aliases in lexicon.user_terms:
        for form in (name, *aliases):
            for match in re.finditer(re.escape(form), text):
                found.append(Candidate(base + match.start(), base + match.end(), type_, "user-lexicon",
                                       name if form != name else ""))
    return found


def recognize(doc: Document, sentences: Iterable[Sentence], lexicon: Lexicon) -> tuple[tuple[Mention, ...], tuple[Dropped, ...]]:
    """Return every mention in ``doc`` (sorted by offset) and the dropped candidates.

    >>> from graph.lexicon import load_lexicon
    >>> from graph.segment import sentences as split
    >>> doc = Document("d", "示范区发改委指导焦作卓立膜材料股份有限公司。")
    >>> [(m.surface, m.type) for m in recognize(doc, split(doc), load_lexicon())[0] if not m.nested]
    [('示范区发改委', 'Department'), ('焦作卓立膜材料股份有限公司', 'Company')]
    """
    mentions: list[Mention] = []
    dropped: list[Dropped] = []
    for sentence in sentences:
        found, lost = recognize_sentence(doc, sentence, lexicon)
        mentions.extend(found)
        dropped.extend(lost)
    mentions = _drop_distant_short_names(mentions, lexicon)
    mentions.extend(_standalone_short_names(doc, mentions, lexicon))
    mentions.extend(_recurring_brands(doc, mentions, lexicon))
    mentions.extend(_recurring_areas(doc, mentions))
    mentions.sort(key=lambda m: (m.start, m.end, m.nested, m.type))
    return tuple(mentions), tuple(dropped)


def _drop_distant_short_names(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Drop the short name of a county in another province than the article's (兴城, 沙河 in a
    焦作 article): the province is the one most of the article's full division names lie in.
    Prefecture-level cities (深圳, 郑州) stay: articles name them from afar."""
    provinces: dict[str, int] = {}
    for m in mentions:
        for div in lexicon.divisions.get(m.key, ()):
            if m.type == "Place" and div.name == m.key:
                provinces[div.code[:2]] = provinces.get(div.code[:2], 0) + 1
                break
    if not provinces:
        return mentions
    home = max(sorted(provinces), key=lambda code: provinces[code])
    kept = []
    for m in mentions:
        divisions = lexicon.divisions.get(m.key, ()) if m.type == "Place" and m.rule.startswith("gazetteer") else ()
        if divisions and all(d.name != m.key for d in divisions) \
                and not any(d.code.startswith(home) or d.level != "county" for d in divisions):
            continue
        kept.append(m)
    return kept


def _short_names_of_named_divisions(mentions: list[Mention], lexicon: Lexicon) -> list[str]:
    """Return the short names (洛阳) of the divisions the article names in full (洛阳市),
    longest first; generic words are left out."""
    full = {m.surface for m in mentions if m.type == "Place"}
    by_full = _short_names_by_full_name(lexicon)
    shorts = {name for surface in full for name in by_full.get(surface, ())}
    return sorted(shorts, key=lambda name: (-len(name), name))


@lru_cache(maxsize=2)
def _short_names_by_full_name(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Return ``{division's full name: its short names}``, of the short names (two characters
    or more, no generic word, no division's full name) that :func:`_short_names_of_named_divisions` offers."""
    found: dict[str, set[str]] = {}
    for name, divs in lexicon.divisions.items():
        if len(name) >= 2 and name not in lexicon.generic and all(d.name != name for d in divs):
            for d in divs:
                found.setdefault(d.name, set()).add(name)
    return {full: tuple(sorted(names)) for full, names in found.items()}


def _standalone_short_names(doc: Document, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Return a division's short name standing alone as a word outside every other name, once
    the article has named that division in full (洛阳市 …, later 为洛阳发展 …)."""
    taken = [(m.start, m.end) for m in mentions if not m.nested]
    found: list[Mention] = []
    for short in _short_names_of_named_divisions(mentions, lexicon):
        for match in re.finditer(re.escape(short), doc.text):
            s, e = match.start(), match.end()
            if any(a < e and s < b for a, b in taken) or not _stands_as_word(doc.text, s, e):
                continue
            found.append(Mention(doc.id, s, e, short, "Place", "gazetteer-short"))
            taken.append((s, e))
    return found


def _stands_as_word(text: str, start: int, end: int) -> bool:
    """Return True when jieba reads ``text[start:end]`` as a word of its own, on both sides."""
    after = tokens(text[start : end + 6])
    before = tokens(text[max(0, start - 6) : end])
    return bool(after) and after[0].word == text[start:end] and bool(before) and before[-1].word == text[start:end]


@lru_cache(maxsize=1 << 12)
def _brand_head(name: str, lexicon: Lexicon) -> str:
    """Return the unknown or named word a project or company name starts with (天宝 in 天宝年产…项目),
    or ``""``: two to four characters, no place, no dictionary compound. A pure function of
    its arguments, cached: an article names the same project again and again."""
    toks = tokens(name)
    if len(toks) < 2 or not 2 <= len(toks[0].word) <= 4:
        return ""
    head = toks[0]
    if head.flag not in ("x", "nz", "nr", "nrt") or head.word in lexicon.divisions or head.word in lexicon.zones:
        return ""
    if head.flag == "x" and _compound_of_words(head.word):
        return ""
    return head.word


#: Ends of names that places and themes give, never a company's brand: lines and parks (沿江高速, 农科园区).
_NAMED_BY_PLACE = _LINE_SUFFIXES + ("园区", "基地")


def _recurring_brands(doc: Document, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Return a brand that heads two or more different names of the article as a company:
    nested at the head of each such name, and wherever it stands alone in the text
    (华瑞 in 华瑞四期工厂 and 华瑞5G智慧工厂, then 华瑞 alone)."""
    head_of = {m.surface: _brand_head(m.surface, lexicon) for m in mentions
               if m.type in ("Project", "Company") and not m.nested and not m.surface.endswith(_NAMED_BY_PLACE)}
    heads: dict[str, set[str]] = {}
    for surface, head in head_of.items():
        if head:
            heads.setdefault(head, set()).add(surface)
    brands = {head for head, names in heads.items() if len(names) >= 2}
    if not brands:
        return []
    taken = [(m.start, m.end) for m in mentions if not m.nested]
    nested_at = {(m.start, m.end) for m in mentions if m.nested}
    found: list[Mention] = []
    for m in mentions:
        if m.type in ("Project", "Company") and not m.nested and head_of.get(m.surface) in brands:
            brand = head_of[m.surface]
            if (m.start, m.start + len(brand)) not in nested_at and m.surface != brand:
                found.append(Mention(doc.id, m.start, m.start + len(brand), brand, "Company", "brand-recurring",
                                     nested=True))
    for brand in sorted(brands):
        for match in re.finditer(re.escape(brand), doc.text):
            s, e = match.start(), match.end()
            if any(a < e and s < b for a, b in taken):
                continue
            window = tokens(doc.text[s : e + 6])
            if not window or window[0].word != brand:
                continue  # the brand's characters inside a longer word
            found.append(Mention(doc.id, s, e, brand, "Company", "brand-recurring"))
    return found


def _recurring_areas(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Return the other occurrences of an area the gazetteer lacks that the article has shown to
    be one (甲乙区 heading 甲乙区发改委): where they stand outside every name, as places, and at
    the head of a name, nested in it."""
    areas = sorted({m.surface for m in mentions if m.type == "Place" and m.rule in UNKNOWN_AREA_RULES})
    if not areas:
        return []
    outer = [(m.start, m.end) for m in mentions if not m.nested]
    known = {(m.start, m.end) for m in mentions if m.type == "Place"}
    found: list[Mention] = []
    for area in areas:
        for match in re.finditer(re.escape(area), doc.text):
            s, e = match.span()
            if (s, e) in known:
                continue
            holders = [(a, b) for a, b in outer if a < e and s < b]
            if not holders:
                found.append(Mention(doc.id, s, e, area, "Place", "area-recurring"))
            elif all(a == s and b > e for a, b in holders):
                found.append(Mention(doc.id, s, e, area, "Place", "area-recurring", nested=True))
    return found
