"""The recognizer's shortcuts (automata, prefilters) find what the plain rules they stand for find.

Each test compares a fast helper with a straightforward reference on invented sentences, or
asserts that a prefilter never skips a sentence on which its rule fires.
"""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from graph import recognize as R
from graph.lexicon import load_lexicon
from graph.segment import tokens

#: Fragments of invented news sentences, mixing the cue words of every rule family.
_FRAGMENTS = (
    "甲乙", "丙丁", "有限公司", "股份有限公司", "公司", "集团", "发改委", "局则", "委将", "局", "项目", "工程",
    "产业园", "示范区", "高新区", "开发区", "区", "县", "市", "街道", "镇", "村", "湖畔", "河边", "路段", "江岸",
    "记者", "通讯员", "编辑", "摄", "摄影", "领导", "责编", "“", "”", "「", "」", "『", "』", "\"", "（", "）",
    "、", "，", "。", "等", "家", "企业", "包括", "分别是", "3家", "两家", "个", "科技", "机械", "新材料",
    "商贸", "二期", "年产", "5万吨", "星澜", "沐禾", "禾丰", "推进", "签约", "落地", " ", "和", "及", "的",
)


def _sentences(count: int, seed: int) -> list[str]:
    """Return ``count`` invented sentences of random fragments (reproducibly, from ``seed``)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 14))) for _ in range(count)]


SENTENCES = _sentences(1500, 7) + [
    "甲乙丙有限公司与丁戊集团签约。", "记者 甲乙丙 摄", "区领导甲乙、丙丁出席。", "“星澜计划”工程启动。",
    "甲乙湖畔的公园", "市丙丁局则表示", "", "。", "甲",
]


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _suffixes_by_end_reference(text: str, lexicon) -> dict[int, tuple]:
    """The suffix rows ending at each offset, found the plain way: every row of every suffix
    ``text[:end]`` ends with, in the lexicon's order, where some non-empty suffix ends."""
    found = {}
    for end in range(1, len(text) + 1):
        rows = tuple(row for row in lexicon.suffixes if text[:end].endswith(row[0]))
        if any(row[0] for row in rows):
            found[end] = rows
    found[-1] = tuple(row for row in lexicon.suffixes if not row[0])
    return found


def test_suffixes_by_end_is_the_plain_scan(lexicon) -> None:
    for text in SENTENCES:
        assert R._suffixes_by_end(text, lexicon) == _suffixes_by_end_reference(text, lexicon), text


def test_suffixes_by_end_with_a_small_suffix_table(lexicon) -> None:
    from dataclasses import replace

    small = replace(lexicon, suffixes=(("有限公司", "Company", 2), ("公司", "Company", 2), ("司", "Company", 1),
                                        ("局", "Department", 1), ("", "Place", 3)))
    for text in SENTENCES:
        assert R._suffixes_by_end(text, small) == _suffixes_by_end_reference(text, small), text


def test_the_gazetteer_automaton_finds_a_name_where_the_plain_scan_does(lexicon) -> None:
    for text in SENTENCES + ["途经甲乙县、洛阳市和开发区", "郑州"]:
        plain = bool(R._gazetteer_hits(text, range(len(text)), lexicon))
        assert R._has_gazetteer_name(text, lexicon) == plain, text


def test_the_person_cues_never_skip_a_byline() -> None:
    for text in SENTENCES:
        fires = any(rx.search(text) for rx in (R._BYLINE, R._PHOTO, R._BYLINE_LIST))
        assert not fires or R._PERSON_CUES.search(text), text


def test_the_quote_opener_never_skips_a_quoted_name() -> None:
    for text in SENTENCES:
        assert not R._QUOTED.search(text) or R._QUOTE_OPENER.search(text), text


def test_the_word_regexes_find_every_word(lexicon) -> None:
    industries = R._industry_words(lexicon)
    either = R._enumeration_or_industry_words(lexicon)
    needed = [word for _, _, words in R._ENUMERATIONS for word in words]
    for text in SENTENCES:
        assert bool(industries.search(text)) == any(word in text for word in lexicon.industries), text
        assert bool(either.search(text)) == any(word in text for word in [*needed, *lexicon.industries]), text


def test_unglue_with_prefilters_is_the_plain_unglue(lexicon) -> None:
    def plain(toks):
        if any(t.word in R._SHORE_WORDS for t in toks):
            toks = R._unglue_shores(toks)
        ends = R._suffix_ends(lexicon)
        result = []
        for tok in toks:
            if tok.flag == "x" and len(tok.word) == 2 and tok.word[1] in R._GLUED_AFTER and tok.word[0] in ends:
                result.append(R.Token(tok.word[0], R.word_tag(tok.word[0]) or "n", tok.start, tok.start + 1))
                result.append(R.Token(tok.word[1], R.word_tag(tok.word[1]) or "p", tok.start + 1, tok.end))
            else:
                result.append(tok)
        return tuple(result)

    for text in SENTENCES:
        toks = tokens(text, 5)
        assert R._unglue(toks, text, lexicon) == plain(toks), text


def test_brand_industry_prefilter_skips_only_sentences_without_candidates(lexicon) -> None:
    def plain(toks):
        return [(i, t) for i, t in enumerate(toks[1:], 1) if t.word in lexicon.industries]

    for text in SENTENCES:
        toks = tokens(text)
        if plain(toks):
            assert R._industry_words(lexicon).search(text), text
        if not R._industry_words(lexicon).search(text):
            assert R._brand_industry_candidates(toks, text, lexicon) == []


def test_token_ranges_by_bisection_are_the_plain_scans() -> None:
    rng = random.Random(11)
    for text in SENTENCES[:400]:
        toks = R._unglue(tokens(text, 3), text, load_lexicon())
        for _ in range(5):
            a, b = sorted(rng.randint(0, len(text) + 6) for _ in range(2))
            assert R._overlapping(toks, a, b) == [t for t in toks if t.end > a and t.start < b]
            assert R._within(toks, a, b) == [t for t in toks if a <= t.start and t.end <= b]
            ends = {rng.randint(0, len(text) + 6) for _ in range(4)}
            assert R._tokens_ending_at(toks, ends) == [(i, t) for i, t in enumerate(toks) if t.end in ends]


ENUMERATION_SENTENCES = SENTENCES + [
    "签约企业3家（甲乙科技、丙丁机械、戊己商贸）。", "重点项目包括：甲乙产业园、丙丁物流港。",
    "引进甲乙、丙丁两家企业。", "实施甲乙、丙丁2个示范项目。", "省级创新中心2家(甲乙、丙丁)。",
    "甲乙科技、丙丁机械等企业落地。", "项目分别是甲乙园区和丙丁港", "公司：甲乙丙",
]


def test_restricted_enumeration_finders_find_what_the_regexes_find() -> None:
    raw = [R._ENUM_AFTER.finditer, R._ENUM_NAMED.finditer, None, R._ENUM_COUNTED.finditer,
           R._ENUM_COUNT_BEFORE.finditer, R._ENUM_COUNT_BEFORE_PROJECTS.finditer]
    assert len(raw) == len(R._ENUMERATIONS)
    for (find, _, _), plain in zip(R._ENUMERATIONS, raw):
        if plain is None:
            continue
        for text in ENUMERATION_SENTENCES:
            assert [m.span() for m in find(text)] == [m.span() for m in plain(text)], text
    assert any(next(R._ENUM_COUNT_BEFORE.finditer(t), None) for t in ENUMERATION_SENTENCES)


def _random_texts(fragments: tuple[str, ...], count: int, seed: int) -> list[str]:
    """Return ``count`` random texts of ``fragments`` and single characters: Chinese, digits,
    Latin letters, punctuation and white space (reproducibly, from ``seed``)."""
    rng = random.Random(seed)
    singles = "甲乙丙丁区县市局委等家企业公司项目个和及的与了在对0123456789.%-+abcXYZ（）()：:、，。；“”《》 \n"
    return ["".join(rng.choice(fragments) if rng.random() < 0.5 else rng.choice(singles)
                    for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_enumeration_matches_are_those_of_every_pattern_whose_words_occur() -> None:
    def plain(text):
        return [(match.span(), group) for find, group, needed in R._ENUMERATIONS
                if any(word in text for word in needed) for match in find(text)]

    texts = ENUMERATION_SENTENCES + _random_texts(_FRAGMENTS, 3000, 17)
    for text in texts:
        assert [(m.span(), group) for m, group in R._enumeration_matches(text)] == plain(text), text
    assert sum(bool(plain(text)) for text in texts) > 100


def _strip_breaker_prefix_plain(text, base, start, limit, lexicon, toks):
    """The plain _strip_breaker_prefix: the token boundaries and unknown tokens' spans collected
    first, then scanned."""
    bounds = {t.start for t in toks} | {t.end for t in toks}
    unknown = [(t.start, t.end) for t in toks if t.flag == "x"]
    changed = True
    while changed and start < limit:
        changed = False
        head = text[start - base : limit - base]
        motion = R._MOTION_BEFORE_LEVEL.match(head)
        if motion and motion.end() <= 6 and (start + motion.end() in bounds or
                                             any(a < start + motion.end() < b for a, b in unknown)):
            start += motion.end()
            changed = True
            continue
        for size in range(min(4, len(head) - 1), 0, -1):
            if head[:size] not in lexicon.breakers:
                continue
            cut = start + size
            glued = (size > 1 or head[0] in R._GLUE_CHARS) and any(a <= start and cut < b for a, b in unknown)
            end = min((b for b in bounds if b > start), default=start)
            if cut in bounds or glued or size > 1 and R._made_of_breakers(text[start - base : end - base], lexicon):
                start += size
                changed = True
                break
    return start


def test_strip_breaker_prefix_by_bisection_is_the_plain_scan(lexicon) -> None:
    rng = random.Random(29)
    breakers = sorted(lexicon.breakers)
    fragments = _FRAGMENTS + tuple(rng.choice(breakers) for _ in range(60)) + ("到", "至", "从", "向", "积极争取", "统一到")
    stripped = 0
    for text in SENTENCES + _random_texts(fragments, 3000, 31):
        base = rng.randint(0, 9)
        toks = R._unglue(tokens(text, base), text, lexicon)
        for _ in range(4):
            start, limit = sorted(rng.randint(base, base + len(text)) for _ in range(2))
            plain = _strip_breaker_prefix_plain(text, base, start, limit, lexicon, toks)
            assert R._strip_breaker_prefix(text, base, start, limit, lexicon, toks) == plain, (text, start, limit)
            stripped += plain != start
    assert stripped > 500


def test_token_boundaries_by_bisection_are_the_plain_scans(lexicon) -> None:
    rng = random.Random(37)
    for text in SENTENCES[:600] + _random_texts(_FRAGMENTS, 600, 41):
        base = rng.randint(0, 9)
        toks = R._unglue(tokens(text, base), text, lexicon)
        bounds = {t.start for t in toks} | {t.end for t in toks}
        unknown = [(t.start, t.end) for t in toks if t.flag == "x"]
        for offset in range(base - 2, base + len(text) + 3):
            assert R._at_boundary(toks, offset) == (offset in bounds), (text, offset)
            assert R._next_boundary(toks, offset) == min((b for b in bounds if b > offset), default=offset)
            for last in range(offset, offset + 4):
                assert R._in_unknown(toks, offset, last) == any(a <= offset and last < b for a, b in unknown)


def _suffix_words(lexicon, count: int, seed: int) -> list[str]:
    """Return ``count`` random words: suffixes of the lexicon alone, after other characters, cut
    short, or no suffix at all."""
    rng = random.Random(seed)
    suffixes = [sf for sf, _, _ in lexicon.suffixes if sf] or ["局"]
    heads = ["", "甲", "乙丙", "区", "县第一", "a", "3", "、"]
    words = []
    for _ in range(count):
        sf = rng.choice(suffixes)
        words.append(rng.choice(heads) + rng.choice([sf, sf[1:], sf[:-1], rng.choice(heads)]))
    return words


def _suffix_checks_plain(word: str, lexicon) -> tuple:
    """The suffix tests of the enumeration rules, each a plain scan of the lexicon's suffix rows."""
    rows = lexicon.suffixes
    types = sorted({t for _, t, _ in rows} | {"Project", "Company", "Place"})
    return (
        any(word.endswith(sf) and len(word) > len(sf) for sf, t, _ in rows if sf and t == "Project"),
        any(word.endswith(sf) and len(word) > len(sf) for sf, t, _ in rows if sf and t in ("Company", "Department")),
        [any(word.endswith(sf) and len(word) > len(sf) for sf, t, _ in rows if sf and t != type_) for type_ in types],
        any(word.endswith(sf) and len(word) > len(sf) for sf, t, _ in rows if t == "Project"),
        any(word.endswith(sf) for sf, t, _ in rows if t == "Organization"),
    )


def _suffix_checks(word: str, lexicon) -> tuple:
    """The same tests as the recognizer makes them."""
    types = sorted({t for _, t, _ in lexicon.suffixes} | {"Project", "Company", "Place"})
    return (
        R._ends_in_project_suffix(word, lexicon),
        R._bodys_or_firms_suffix(word, lexicon),
        [R._other_type_suffix(word, type_, lexicon) for type_ in types],
        R._ends_in(word, R._suffixes_of(lexicon, ("Project",), empty=True)),
        word.endswith(R._suffixes_of(lexicon, ("Organization",), empty=True)),
    )


def test_suffix_tests_in_one_call_are_the_plain_scans(lexicon) -> None:
    from dataclasses import replace

    with_empty = replace(lexicon, suffixes=(("有限公司", "Company", 2), ("局", "Department", 1), ("", "Project", 2),
                                             ("项目", "Project", 2), ("", "Organization", 2), ("中学", "Organization", 2)))
    for lex in (lexicon, with_empty):
        words = ["", "局", "项目"] + _suffix_words(lex, 3000, 43)
        found = 0
        for word in words:
            plain = _suffix_checks_plain(word, lex)
            assert _suffix_checks(word, lex) == plain, word
            found += plain[0]
        assert found > 100


def test_the_phase_mark_never_skips_a_phase_or_section(lexicon) -> None:
    fragments = _FRAGMENTS + ("一期", "(二期)", "（三期", "期", "段", "至", "甲乙至丙丁段", "郑洛段", "高铁", "大道", "3期")
    found = 0
    for text in SENTENCES + _random_texts(fragments, 3000, 47):
        for pos in range(len(text) + 1):
            if R._section_after(text, pos, lexicon):
                found += 1
                assert R._PHASE_OR_SECTION_MARK.search(text), text
    assert found > 100


def test_with_phase_without_a_mark_keeps_the_candidates(lexicon) -> None:
    chosen = [R.Candidate(3, 7, "Project", "suffix:项目"), R.Candidate(0, 2, "Place", "gazetteer")]
    nested = [R.Candidate(5, 7, "Place", "gazetteer"), R.Candidate(3, 5, "Company", "brand-head")]
    result = R._with_phase(chosen, nested, "甲乙丙丁戊项目落地", 0, lexicon)
    assert result == (chosen, sorted(nested, key=lambda c: c.start))
    assert result[0] is not chosen


def test_province_zones_prefilter_skips_only_names_without_a_zone_word(lexicon) -> None:
    zones = sorted(lexicon.zones)
    rng = random.Random(53)
    for name in _suffix_words(lexicon, 2000, 59) + [rng.choice(["", "湖北", "甲乙", "省"]) + z for z in zones * 5]:
        plain = max((z for z in lexicon.zones if name.endswith(z) and len(name) > len(z)), key=len, default="")
        assert bool(plain) == R._ends_in(name, R._zone_words(lexicon)), name


def test_sentence_tokens_are_contiguous(lexicon) -> None:
    """The offsets sets of recognize_sentence and _suffix_candidates rely on it."""
    for text in SENTENCES:
        toks = R._unglue(tokens(text, 9), text, lexicon)
        assert all(a.end == b.start for a, b in pairwise(toks)), text
        assert not toks or (toks[0].start, toks[-1].end) == (9, 9 + len(text))


def _trim_start_plain(toks, start, limit):
    """The plain scan of _trim_start: every token from the first on."""
    for i, tok in enumerate(toks):
        if tok.start < start:
            continue
        if tok.start >= limit or tok.flag not in R._NO_START_TAGS or tok.word in R._LEVEL_CHARS:
            break
        if tok.flag == "f" and R._heads_name(tok, toks[i + 1] if i + 1 < len(toks) else None, limit):
            break
        start = tok.end
    return start


def _place_start_plain(toks, start, core_end, lexicon):
    """The plain scan of _place_start: every token from the last on."""
    begin = core_end
    for tok in reversed(toks):
        if tok.end > core_end:
            if tok.start < core_end:
                begin = min(begin, max(tok.start, start))
                if tok.flag == "ns" and tok.start >= start:
                    return tok.start
            continue
        if tok.start < start or core_end - tok.start > R.MAX_PLACE_CORE or tok.flag not in R._PLACE_CORE_TAGS \
                or R._is_break(tok, lexicon):
            break
        begin = tok.start
    return begin


def _after_locative_plain(word, s, toks, base):
    end = s + len(word)
    for tok in toks:
        t_start, t_end = tok.start - base, tok.end - base
        if s < t_start and t_end <= end - 2 and tok.flag == "f" and len(tok.word) >= 2:
            return word[t_end - s :], t_end
    return word, s


def _after_cue_verb_plain(word, s, toks, base, lexicon):
    end = s + len(word)
    for tok in reversed(toks):
        t_start, t_end = tok.start - base, tok.end - base
        if t_start < s or t_end > end:
            continue
        if tok.flag.startswith("v") and len(tok.word) >= 2 and tok.word in lexicon.breakers \
                and end - t_end >= R.MIN_ITEM_AFTER_VERB:
            return word[t_end - s :], t_end
    return word, s


def _brand_after_division_start_index_plain(toks, start):
    return next((k for k, t in enumerate(toks) if t.start == start), None)


LEFT_SENTENCES = SENTENCES + [
    "推进甲乙市丙丁镇东部物流园项目建设", "沿河以北甲乙苑和丙丁周边戊己小区改造", "实施甲乙丙丁新材料产业园",
    "甲市乙丙丁有限公司在戊己区落地", "该县教育局组织乙丙村民", "我们在湖边的丙丁村和甲乙山",
]


def test_scans_that_start_by_bisection_are_the_plain_scans(lexicon) -> None:
    rng = random.Random(5)
    base = 20
    for text in LEFT_SENTENCES:
        toks = R._unglue(tokens(text, base), text, lexicon)
        for _ in range(6):
            a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
            assert R._trim_start(toks, base + a, base + b) == _trim_start_plain(toks, base + a, base + b), text
            assert R._place_start(toks, base + a, base + b, lexicon) == \
                _place_start_plain(toks, base + a, base + b, lexicon), text
            word = text[a:b]
            assert R._after_locative(word, a, toks, base) == _after_locative_plain(word, a, toks, base), text
            assert R._after_cue_verb(word, a, toks, base, lexicon) == \
                _after_cue_verb_plain(word, a, toks, base, lexicon), text
            if _brand_after_division_start_index_plain(toks, base + a) is None:
                assert R._brand_after_division(toks, base + a, lexicon) == base + a
