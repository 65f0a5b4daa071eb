"""Resolve mentions into entities by a fixed ladder, recording the rule of every merge.

The ladder, tried in order for each name:

1. ``exact``: the same name and type;
2. ``fold``: the same after the length-preserving fold (full/half width, quotes, brackets);
3. ``abbreviation``: the same after general abbreviation rules: 发展和改革委员会 → 发改委,
   a company's brand from its full name (焦作卓立膜材料股份有限公司 → 卓立), on a project a
   trailing 项目, a leading place name or a leading company's full name for its brand
   (甲乙科技有限公司丙项目 → 甲乙丙), a division's short name (武陟 → 武陟县), a county's
   district name the gazetteer does not know yet (孟津区 → 孟津县, renamed);
4. ``context``: a department named by a bare level (区发改委, 市委) takes the article's own
   area (示范区发改委, 焦作市委); an apposition in brackets (示范区(高新区)) joins two names;
   a mountain's area is the mountain (甲山区 → 甲山, unless a district of that name);
   a project whose key is another project's key of the same article and 公路 or 工程, or a
   section when the article names one section only (甲高速 and 甲高速乙至丙段), is that
   project written in full, and a company's brand and an unknown word after it (瑞丰 and
   瑞丰恒达) that company;
5. ``new``: a new entity.

Keys are computed per document (the context rule needs the article), and entities are merged
across the corpus by key, so the same entity gets one id everywhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.fold import key as fold_key
from graph.lexicon import HERE, Lexicon
from graph.model import Document, Entity, Mention
from graph.recognize import MAX_ZONE_MIDDLE, UNKNOWN_AREA_RULES
from graph.segment import word_tag

_LEVEL_PREFIX = re.compile(r"^(省|市|区|县|镇|乡)(?!$)")
#: The governing bodies of a zone, named bare in its own news: they are the article's zone's.
ZONE_BODIES = ("管委会", "党工委")


@dataclass(frozen=True, slots=True)
class DocContext:
    """What an article is about: its province, city and own district or zone, where found."""

    province: str = ""
    city: str = ""
    district: str = ""


@lru_cache(maxsize=1)
def _company_words() -> tuple[str, ...]:
    """Return the industry and legal-form words of ``company_words.txt``, longest first."""
    words: set[str] = set()
    for line in (HERE / "company_words.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _company_word_pattern() -> re.Pattern[str]:
    """Return a pattern of the words of :func:`_company_words`, to find the first of them in one search."""
    return re.compile("|".join(re.escape(word) for word in _company_words()))


#: Last characters of the names of mountains, rivers and lakes.
NATURAL = ("山", "河", "湖", "江", "渠", "水库", "岭", "峰", "海", "湾", "溪", "泉")


def doc_context(doc: Document, mentions: Sequence[Mention], lexicon: Lexicon) -> DocContext:
    """Return the article's province, city and district: the most named of each level.

    Zone words (示范区 …) and districts the gazetteer lacks (甲乙区发改委) count as districts, a
    zone named with its city (宜宾经开区) for both. Ties go to the earliest named. A division's
    name heading the name of a mountain, river or lake (万安山) or of an institution (郑州大学)
    does not count.
    """
    counts: dict[str, Counter[str]] = {"province": Counter(), "prefecture": Counter(), "county": Counter()}
    first: dict[str, int] = {}
    named_after = [(m.start, m.end) for m in mentions
                   if m.type == "Place" and m.key.endswith(NATURAL) or m.type == "Organization" and not m.nested]
    for m in mentions:
        if m.type != "Place" or any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in named_after):
            continue  # 万安 in 万安山 names a mountain, 郑州 in 郑州大学 a university: not the article's area
        name = m.key
        first.setdefault(name, m.start)
        if name in lexicon.zones or m.rule in UNKNOWN_AREA_RULES and name[-1] in "区县旗":
            counts["county"][name] += 1
        zone = next((z for z in _zones_longest_first(lexicon) if name.endswith(z) and name != z), "")
        if zone and _is_zone_of_division(name, zone, lexicon):  # 宜宾经开区: 宜宾市's zone
            first.setdefault(zone, m.start)
            counts["county"][zone] += 1
            name = _leading_division(name, lexicon)
        for div in lexicon.divisions.get(name, ()):
            counts[div.level][div.name] += 1
            break
    def best(level: str) -> str:
        """Return the most named division of ``level``, ties to the earliest named."""
        ranked = sorted(counts[level].items(), key=lambda kv: (-kv[1], first.get(kv[0], 1 << 30), kv[0]))
        return ranked[0][0] if ranked else ""
    district = best("county")
    city = best("prefecture") or _city_of(district, lexicon)  # a county's news names its city rarely
    province = best("province")
    if city and not province:
        for div in lexicon.divisions.get(city, ()):
            parent = lexicon.divisions_by_code.get(div.parent)
            if parent:
                province = parent.name
                break
    return DocContext(province=province, city=city, district=district)


def company_brand(name: str, lexicon: Lexicon) -> str:
    """Return a company's brand: its name without place prefix, brackets, industry and legal form.

    >>> from graph.lexicon import load_lexicon
    >>> company_brand("焦作卓立膜材料股份有限公司", load_lexicon())
    '卓立'
    >>> company_brand("蒙牛乳业(焦作)有限公司", load_lexicon())
    '蒙牛'
    """
    stem = re.sub(r"[(（][^)）]*[)）]", "", fold_key(name))
    stem = _strip_place(stem, lexicon)
    first_word = _company_word_pattern().search(stem, 2)  # the brand ends where the first word starts
    brand = stem[: first_word.start()] if first_word else stem
    return brand if len(brand) >= 2 else stem


def _strip_place(name: str, lexicon: Lexicon) -> str:
    """Remove leading division names (焦作市, 河南, 马村区 …) while at least two characters remain."""
    changed = True
    while changed:
        changed = False
        for size in range(min(len(name) - 2, 8), 1, -1):
            head = name[:size]
            if head in lexicon.divisions or head in lexicon.zones:
                name = name[size:]
                changed = True
                break
    return name


def _abbreviate(name: str, lexicon: Lexicon) -> str:
    """Replace full forms of bodies by their short forms: 发展和改革委员会 → 发改委."""
    for full, short in lexicon.abbreviations:
        if full in name:
            name = name.replace(full, short)
    return name


def name_key(name: str, type_: str, ctx: DocContext, lexicon: Lexicon) -> tuple[str, str]:
    """Return ``(key, rule)``: the resolution key of a name of ``type_`` in a document with ``ctx``.

    Names with equal keys are one entity; ``rule`` is the highest ladder step that changed it.
    """
    key = fold_key(name)
    rule = "exact" if key == name else "fold"
    if type_ == "Department":
        short = _abbreviate(re.sub(r"[(][^)]*[)]", "", key), lexicon)
        if short != key:
            key, rule = short, "abbreviation"
        level = _LEVEL_PREFIX.match(key)
        zone = _leading_zone(key, lexicon)
        if level and not key[1:] in lexicon.zones:
            area = {"省": ctx.province, "市": ctx.city, "区": ctx.district, "县": ctx.district}.get(level.group(1), "")
            if area:
                key, rule = _own_area(area, ctx, lexicon) + key[1:], "context"
        elif key in ZONE_BODIES and ctx.district:
            key, rule = _own_area(ctx.district, ctx, lexicon) + key, "context"
        elif zone and ctx.city:  # 示范区发改委 in a city's news: that city's zone's
            key, rule = _own_area(zone, ctx, lexicon) + key[len(zone) :], "context"
        else:
            division, size = _leading_division_span(key, lexicon)
            if division and division != key[:size]:  # 孟津区农业农村局 → 孟津县农业农村局
                key, rule = division + key[size:], "abbreviation"
    elif type_ == "Company":
        brand = company_brand(key, lexicon)
        if brand != key:
            key, rule = brand, "abbreviation"
    elif type_ == "Project":
        firm = _FIRM_AT_HEAD.match(key)
        stripped = company_brand(firm.group(), lexicon) + key[firm.end() :] if firm else key
        city = _city_of(_leading_division(stripped, lexicon), lexicon) or ctx.city
        stripped = _strip_place(stripped, lexicon)
        stripped = re.sub(r"(建设)?项目$", "", stripped) or stripped
        stripped = stripped.replace("高速公路", "高速")
        if stripped != key:
            key, rule = stripped, "abbreviation"
        key = f"{city}|{key}" if city else key  # one city's 人才公寓 is not another's
    elif type_ == "Place":
        division = _division_name(key, lexicon)
        if division and division != key:
            key, rule = division, "abbreviation"
        elif not division and key.endswith("山区") and len(key) > 3:
            key, rule = key[:-1], "abbreviation"  # 伏牛山区: the mountains' area is the mountains
        elif key in lexicon.zones:
            if ctx.city or _abbreviate(key, lexicon) != key:
                key, rule = _own_area(key, ctx, lexicon), "context" if ctx.city else "abbreviation"
        elif not division:
            for zone in _zones_longest_first(lexicon):
                if key.endswith(zone) and _is_zone_of_division(key, zone, lexicon):
                    city = _city_of(_leading_division(key, lexicon), lexicon)
                    key, rule = city + _abbreviate(zone, lexicon), "abbreviation"
                    break
    return f"{type_}:{key}", rule


def _own_area(area: str, ctx: DocContext, lexicon: Lexicon) -> str:
    """Return the key of the article's own ``area``: a zone word (示范区, 经济技术开发区) is the
    zone of the article's city (焦作市示范区, 绵阳市经开区), so that one city's zone is not
    another's; a division stays itself."""
    if area in lexicon.zones:
        return ctx.city + _abbreviate(area, lexicon)
    return area


def _leading_zone(name: str, lexicon: Lexicon) -> str:
    """Return the zone word ``name`` starts with, before more characters (示范区 of 示范区发改委), or ``""``."""
    return next((zone for zone in _zones_longest_first(lexicon) if name.startswith(zone) and len(name) > len(zone)), "")


def starts_with_area(name: str, lexicon: Lexicon) -> bool:
    """Return True when a body's ``name`` starts with a division or zone name before more
    characters (武陟县教育局, 高新区财政局), not with a bare level (市发改委) or none (财政局)."""
    return bool(_leading_division(name, lexicon) or _leading_zone(name, lexicon))


def _leading_division(name: str, lexicon: Lexicon) -> str:
    """Return the full name of the division ``name`` starts with (焦作 → 焦作市), or ``""``."""
    return _leading_division_span(name, lexicon)[0]


def _leading_division_span(name: str, lexicon: Lexicon) -> tuple[str, int]:
    """Return the full name of the division ``name`` starts with, before at least one more
    character, and how many characters name it there (孟津区农业农村局 → 孟津县, 3), or ``("", 0)``."""
    for size in range(min(len(name) - 1, 8), 1, -1):
        division = _division_name(name[:size], lexicon)
        if division:
            return division, size
    return "", 0


def _city_of(division: str, lexicon: Lexicon) -> str:
    """Return the prefecture-level city ``division`` is or lies in (武陟县 → 焦作市), or ``""``."""
    for div in lexicon.divisions.get(division, ()):
        if div.level == "prefecture":
            return div.name
        parent = lexicon.divisions_by_code.get(div.parent)
        if div.level == "county" and parent is not None and parent.level == "prefecture":
            return parent.name
    return ""


_NO_CONTEXT = DocContext()


def context_used(name: str, type_: str, ctx: DocContext, lexicon: Lexicon) -> DocContext:
    """Return the part of ``ctx`` that :func:`name_key` reads for ``name`` as a ``type_``: all of
    it for a department, the city for a project or a bare zone word, none for a company or
    another place. ``name_key`` gives the same with it as with ``ctx``; memos keyed by it
    compute each key once for all the articles of a city."""
    if type_ == "Department":
        return ctx
    if type_ == "Project" or type_ == "Place" and fold_key(name) in lexicon.zones:
        return DocContext(city=ctx.city) if ctx.city else _NO_CONTEXT
    return _NO_CONTEXT


#: A company's full name at the head of a project's name (甲乙科技有限公司年产…项目).
_FIRM_AT_HEAD = re.compile(r"^.{2,30}?(?:有限责任公司|有限公司)(?=.{2})")


def _division_name(name: str, lexicon: Lexicon) -> str:
    """Return the full name of the division ``name`` names, or ``""``: itself, its full name for
    a short one (武陟 → 武陟县), or for a county's name with 区 the gazetteer does not know
    yet, the county (孟津区 → 孟津县: a county made a district after the gazetteer's data)."""
    divisions = lexicon.divisions.get(name, ())
    if divisions:
        return divisions[0].name
    if name.endswith("区") and len(name) >= 3:
        renamed = [d for d in lexicon.divisions.get(name[:-1], ()) if d.level == "county" and d.name != name[:-1]]
        if len(renamed) == 1:
            return renamed[0].name
    return ""


def _is_zone_of_division(name: str, zone: str, lexicon: Lexicon) -> bool:
    """Return True when ``name`` is a division's name, a short description and ``zone``:
    洛阳高新区, 洛阳市城乡一体化示范区 (the recognizer's ``division+zone`` names)."""
    stripped = _strip_place(name, lexicon)
    return stripped == zone or stripped != name and len(stripped) - len(zone) <= MAX_ZONE_MIDDLE


@lru_cache(maxsize=2)
def _zones_longest_first(lexicon: Lexicon) -> tuple[str, ...]:
    """Return the lexicon's zone words, longest first."""
    return tuple(sorted(lexicon.zones, key=len, reverse=True))


def _canonical(names: Counter[str]) -> str:
    """Return the fullest name: longest, then most frequent, then first in code-point order."""
    return sorted(names.items(), key=lambda kv: (-len(fold_key(kv[0])), -kv[1], kv[0]))[0][0]


@dataclass(frozen=True, slots=True)
class DocKeys:
    """What :func:`merge` needs of one document, computed by :func:`document_keys` with the
    document alone (so in the per-document stage: in parallel, and cached with its result)."""

    context: DocContext
    """The article's :func:`doc_context`."""
    keys: tuple[tuple[str, str], ...]
    """``(key, rule)`` of each mention, in the order of the mentions."""
    joins: tuple[tuple[str, str], ...]
    """``(key, key it joins)`` pairs the article states (an apposition, a project written in
    full and short, a brand and a longer form of it), in the order :func:`merge` applies them."""


def document_keys(doc: Document, mentions: Sequence[Mention], lexicon: Lexicon,
                  ctx: DocContext | None = None) -> DocKeys:
    """Return the :class:`DocKeys` of ``doc`` with its ``mentions`` (``ctx``: its
    :func:`doc_context`, computed here if not given)."""
    ctx = doc_context(doc, mentions, lexicon) if ctx is None else ctx
    found: dict[tuple[str, str], tuple[str, str]] = {}  # name_key is pure: each name once

    def key_of(name: str, type_: str) -> tuple[str, str]:
        """Return :func:`name_key` of ``name`` as a ``type_`` in this document."""
        key = found.get((name, type_))
        if key is None:
            key = found[(name, type_)] = name_key(name, type_, context_used(name, type_, ctx, lexicon), lexicon)
        return key

    joins = [(key_of(b, "Place")[0], key_of(a, "Place")[0]) for a, b in _appositions(doc, mentions)]
    for type_, shortest, same in (("Project", MIN_PROJECT_VARIANT, _same_project_rest),
                                  ("Company", MIN_BRAND_VARIANT, _same_brand_rest)):
        type_keys = {key_of(m.key, type_)[0] for m in mentions if m.type == type_}
        joins.extend(_variants(type_keys, len(type_) + 1 + shortest, same).items())
    return DocKeys(ctx, tuple(key_of(m.key, m.type) for m in mentions), tuple(joins))


def resolve(
    documents: Sequence[Document],
    mentions_by_doc: dict[str, Sequence[Mention]],
    lexicon: Lexicon,
    contexts: Mapping[str, DocContext] | None = None,
) -> tuple[tuple[Entity, ...], dict[tuple[str, int, int, str], str]]:
    """Merge the mentions of every document into entities (``contexts``: each document's
    :func:`doc_context` by id, computed here if not given): :func:`document_keys` of each
    document, then :func:`merge`.

    Returns the entities sorted by id, and a map from ``(doc_id, start, end, type)`` of each
    mention to its entity's id.
    """
    keys = {doc.id: document_keys(doc, mentions_by_doc.get(doc.id, ()), lexicon,
                                  contexts[doc.id] if contexts is not None else None) for doc in documents}
    return merge(documents, mentions_by_doc, keys)


def merge(documents: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]],
          keys_by_doc: Mapping[str, DocKeys]) -> tuple[tuple[Entity, ...], dict[tuple[str, int, int, str], str]]:
    """Merge the mentions of every document into entities by their keys (``keys_by_doc``: the
    :func:`document_keys` of each document by id): equal keys are one entity, and a key an
    article joins to another (first article first) is that other key everywhere.

    Returns the entities sorted by id, and a map from ``(doc_id, start, end, type)`` of each
    mention to its entity's id.
    """
    joins: dict[str, str] = {}  # an apposition anywhere in the corpus joins the two names everywhere
    for doc in documents:
        for full, short in keys_by_doc[doc.id].joins:
            joins.setdefault(full, short)
    groups: dict[str, list[Mention]] = defaultdict(list)
    rules: dict[str, dict[str, str]] = defaultdict(dict)
    for doc in documents:
        for m, (k, rule) in zip(mentions_by_doc.get(doc.id, ()), keys_by_doc[doc.id].keys):
            if k in joins:
                k, rule = joins[k], "context"
            groups[k].append(m)
            rules[k].setdefault(m.key, rule)
    entities: list[Entity] = []
    index: dict[tuple[str, int, int, str], str] = {}
    taken: set[str] = set()
    for k in sorted(groups):
        ms = sorted(groups[k], key=lambda m: (m.doc_id, m.start, m.end, m.nested))
        names = Counter(m.key for m in ms)
        canonical = _canonical(names)
        type_ = ms[0].type
        eid = f"{type_}/{canonical}"
        while eid in taken:
            eid += "'"
        taken.add(eid)
        aliases = tuple(sorted(set(names) - {canonical}))
        merges = tuple(sorted((n, rules[k][n]) for n in names))
        entities.append(Entity(eid, type_, canonical, aliases, tuple(ms), (), merges))
        for m in ms:
            index[(m.doc_id, m.start, m.end, m.type)] = eid
    entities.sort(key=lambda e: e.id)
    return tuple(entities), index


#: Fewest characters of a project's key that other keys of the article may extend (甲乙高速).
MIN_PROJECT_VARIANT = 4
#: Fewest characters of a company's brand that other brands of the article may extend (瑞丰 of 瑞丰恒达).
MIN_BRAND_VARIANT = 2
#: What never extends a key into the same name: a phase (二期), a number (3号楼, 十局).
_OTHER_UNDERTAKING = re.compile(r"[一二三四五六七八九十]|\d")


def _same_project_rest(rest: str) -> bool:
    """Return True when ``rest``, written after a project's key, leaves the project the same: a
    section (乙至丙段, 城区段), 公路 after a line, or 工程 (not 配套道路工程, another undertaking)."""
    return bool(_SAME_PROJECT_REST.fullmatch(rest))


def _same_brand_rest(rest: str) -> bool:
    """Return True when ``rest``, written after a company's brand, continues the brand: no
    dictionary word (恒达 of 瑞丰恒达; not 火炬 of 国泰火炬, another firm's brand)."""
    return not word_tag(rest)


#: What may follow a project's key in a longer key of the same project (see ``_same_project_rest``).
_SAME_PROJECT_REST = re.compile(r"(?:[\u4e00-\u9fff]{2,4}至[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,4})段|公路|工程")


def _variants(keys: Iterable[str], shortest: int, same: Callable[[str], bool]) -> dict[str, str]:
    """Return ``{key: shorter key}`` for the keys of one article (of one type, the type's prefix
    included) that begin with another of its keys of at least ``shortest`` characters, the
    shortest such, when what follows holds no numeral nor number and ``same`` accepts it:
    甲高速乙至丙段 → 甲高速, 瑞丰恒达 → 瑞丰; not 甲科技园二期, 中铁十局, nor a section of a
    road the article names two sections of (甲高速乙至丙段 and 甲高速丙至丁段 stay two)."""
    ordered = sorted(keys, key=len)
    variants: dict[str, str] = {}
    for i, short in enumerate(ordered):
        if len(short) < shortest or short in variants:
            continue
        for full in ordered[i + 1 :]:
            rest = full[len(short) :]
            if full not in variants and rest and full.startswith(short) and not _OTHER_UNDERTAKING.search(rest) \
                    and same(rest):
                variants[full] = short
    sections = Counter(short for full, short in variants.items() if full.endswith("段"))
    return {full: short for full, short in variants.items() if not full.endswith("段") or sections[short] == 1}


def _appositions(doc: Document, mentions: Iterable[Mention]) -> list[tuple[str, str]]:
    """Return ``(X, Y)`` name pairs of places written ``X(Y)``: 示范区(高新区) names one area twice."""
    places = sorted((m for m in mentions if m.type == "Place" and not m.nested), key=lambda m: m.start)
    joins: list[tuple[str, str]] = []
    for a, b in zip(places, places[1:]):
        between = doc.text[a.end : b.start]
        after = doc.text[b.end : b.end + 1]
        if between in ("(", "（") and after in (")", "）") and a.key != b.key:
            joins.append((a.key, b.key))
    return joins
