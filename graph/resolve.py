"""Resolve mentions into entities by a fixed ladder, recording the rule of every merge.

The ladder, tried in order for each name:

1. ``exact``: the same name and type;
2. ``fold``: the same after the length-preserving fold (full/half width, quotes, brackets);
3. ``abbreviation``: the same after general abbreviation rules: 发展和改革委员会 → 发改委,
   a company's brand from its full name (焦作卓立膜材料股份有限公司 → 卓立), a trailing
   项目 or a leading place name on a project, a division's short name (武陟 → 武陟县);
4. ``context``: a department named by a bare level (区发改委, 市委) takes the article's own
   area (示范区发改委, 焦作市委); an apposition in brackets (示范区(高新区)) joins two names;
5. ``new``: a new entity.

Keys are computed per document (the context rule needs the article), and entities are merged
across the corpus by key, so the same entity gets one id everywhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.fold import key as fold_key
from graph.lexicon import HERE, Lexicon
from graph.model import Document, Entity, Mention
from graph.recognize import MAX_ZONE_MIDDLE

_LEVEL_PREFIX = re.compile(r"^(省|市|区|县|镇|乡)(?!$)")


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


def doc_context(doc: Document, mentions: Sequence[Mention], lexicon: Lexicon) -> DocContext:
    """Return the article's province, city and district: the most named of each level.

    Zone words (示范区 …) count as districts. Ties go to the earliest named.
    """
    counts: dict[str, Counter[str]] = {"province": Counter(), "prefecture": Counter(), "county": Counter()}
    first: dict[str, int] = {}
    for m in mentions:
        if m.type != "Place":
            continue
        name = m.key
        first.setdefault(name, m.start)
        if name in lexicon.zones:
            counts["county"][name] += 1
        for div in lexicon.divisions.get(name, ()):
            counts[div.level][div.name] += 1
            break
    def best(level: str) -> str:
        """Return the most named division of ``level``, ties to the earliest named."""
        ranked = sorted(counts[level].items(), key=lambda kv: (-kv[1], first.get(kv[0], 1 << 30), kv[0]))
        return ranked[0][0] if ranked else ""
    city = best("prefecture")
    province = best("province")
    if city and not province:
        for div in lexicon.divisions.get(city, ()):
            parent = lexicon.divisions_by_code.get(div.parent)
            if parent:
                province = parent.name
                break
    return DocContext(province=province, city=city, district=best("county"))


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
        if level and not key[1:] in lexicon.zones:
            area = {"省": ctx.province, "市": ctx.city, "区": ctx.district, "县": ctx.district}.get(level.group(1), "")
            if area:
                key, rule = area + key[1:], "context"
        elif key in ("管委会", "党工委") and ctx.district:
            key, rule = ctx.district + key, "context"
    elif type_ == "Company":
        brand = company_brand(key, lexicon)
        if brand != key:
            key, rule = brand, "abbreviation"
    elif type_ == "Project":
        stripped = _strip_place(key, lexicon)
        stripped = re.sub(r"(建设)?项目$", "", stripped) or stripped
        if stripped != key:
            key, rule = stripped, "abbreviation"
    elif type_ == "Place":
        divs = lexicon.divisions.get(key, ())
        if divs and divs[0].name != key:
            key, rule = divs[0].name, "abbreviation"
        elif key not in lexicon.zones:
            for zone in _zones_longest_first(lexicon):
                if key.endswith(zone) and _is_zone_of_division(key, zone, lexicon):
                    key, rule = zone, "abbreviation"
                    break
    return f"{type_}:{key}", rule


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


def resolve(
    documents: Sequence[Document],
    mentions_by_doc: dict[str, Sequence[Mention]],
    lexicon: Lexicon,
) -> tuple[tuple[Entity, ...], dict[tuple[str, int, int, str], str]]:
    """Merge the mentions of every document into entities.

    Returns the entities sorted by id, and a map from ``(doc_id, start, end, type)`` of each
    mention to its entity's id.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    rules: dict[str, dict[str, str]] = defaultdict(dict)
    contexts = {doc.id: doc_context(doc, mentions_by_doc.get(doc.id, ()), lexicon) for doc in documents}
    joins: dict[str, str] = {}  # an apposition anywhere in the corpus joins the two names everywhere
    keys: dict[tuple[str, str, DocContext], tuple[str, str]] = {}  # name_key is pure: each once

    def key_of(name: str, type_: str, ctx: DocContext) -> tuple[str, str]:
        """Return :func:`name_key` of ``name`` as a ``type_`` in a document with ``ctx``."""
        found = keys.get((name, type_, ctx))
        if found is None:
            found = keys[(name, type_, ctx)] = name_key(name, type_, ctx, lexicon)
        return found

    for doc in documents:
        ctx = contexts[doc.id]
        for a, b in _appositions(doc, mentions_by_doc.get(doc.id, ())):
            joins.setdefault(key_of(b, "Place", ctx)[0], key_of(a, "Place", ctx)[0])
    for doc in documents:
        mentions = mentions_by_doc.get(doc.id, ())
        ctx = contexts[doc.id]
        for m in mentions:
            k, rule = key_of(m.key, m.type, ctx)
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
