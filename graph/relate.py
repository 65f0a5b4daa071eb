"""Relations the text states, with evidence; project attributes; co-occurrence kept apart.

Three ways of stating count (SCHEMA.md):

- a name: a company or place inside a longer name (``马村区焦作健康元生物科技有限公司`` is
  locatedIn 马村区; a company at the head of a project's name invests in it), a department
  named with its area (``市交通运输局`` partOf the article's city);
- a cue word in a sentence (``位于``, ``投资…建设``, ``牵头``, ``途经``, ``指导帮助`` …, from
  ``lexicon/cues.tsv``): the head is the nearest fitting name before the cue, the tails every
  fitting name after it up to the end of the clause, so one cue governs a whole enumeration;
- a left-out subject: a cue with no head in its sentence takes, for ``manages``, ``supports`` and
  ``cooperates``, the place or department an earlier sentence of its paragraph opens with, else
  the reporting body of a work report (its headline is a department);
- statements across sentences: a list under a framing sentence (在“P”中，乙区承担的项目…其中…分别是),
  a sentence framed by a quoted programme (在“P”建设中…, 列入“P”项目…(甲、乙)), a body building
  a group of projects it names in the following sentences (乙区着手建设…项目群).

Every pair of entities in one sentence with no stated relation gets the weak ``coOccurs``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from graph.fold import fold
from graph.lexicon import Lexicon, short_name
from graph.model import CO_OCCURS, RELATION_SIGNATURES, STATUSES, Document, Evidence, Relation, Sentence
from graph.resolve import ZONE_BODIES, DocContext, starts_with_area

#: Relations a work report's department heads when its sentence names no head.
REPORT_RELATIONS = frozenset({"manages", "supports", "cooperates"})
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")
_MONEY = re.compile(
    r"(总投资|计划投资|投资|投资额|总额)?[约超近达逾为了共计]{0,3}"
    r"(\d+(?:\.\d+)?)\s*(亿|万)?元"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
#: A year that opens a sentence: 2024年，… / 2024年以来，…
_OPENING_YEAR = re.compile(r"\W{0,2}((?:19|20)\d\d)年(?:以来|来|[，,]|[上下]半年|底|初)")
_GROUP = re.compile(r"等|共|个项目|\d+个|批|家|总计|合计|累计")
_NOT_TOTAL = re.compile(r"(完成|年度|当年|年内|已|累计)$")
_ENUMERATION_MARK = re.compile(r"[、和及与]")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention of a document with the id and type of the entity it resolved to."""

    start: int
    end: int
    entity: str
    type: str
    nested: bool
    name: str


def parse_amount(number: str, unit: str | None) -> Decimal:
    """Return an amount in yuan from its number and unit (``亿``, ``万`` or none).

    >>> parse_amount("7.27", "亿")
    Decimal('727000000.00')
    >>> parse_amount("3000", "万")
    Decimal('30000000')
    """
    scale = {"亿": Decimal(100_000_000), "万": Decimal(10_000)}.get(unit or "", Decimal(1))
    return Decimal(number) * scale


def _sentence_of(sentences: Sequence[Sentence], start: int) -> Sentence:
    """Return the sentence holding offset ``start``: the last of the sorted ``sentences`` that
    starts at or before it (the first, for an offset before them all)."""
    return sentences[max(bisect_right(sentences, start, key=_SENTENCE_START) - 1, 0)]


#: The start of a sentence, the key :func:`_sentence_of` searches by.
_SENTENCE_START = attrgetter("start")


def _fits(rel: str, head: Resolved, tail: Resolved) -> bool:
    """Return True when ``head`` and ``tail`` have types the relation allows, and differ."""
    heads, tails = RELATION_SIGNATURES[rel]
    return head.type in heads and tail.type in tails and head.entity != tail.entity


class _Collector:
    """Relations found in one document, with their evidence merged per (type, head, tail)."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)

    def add(self, rel: str, head: str, tail: str, sentence: Sentence, cue: str) -> None:
        """Record that ``sentence`` states ``rel(head, tail)`` with ``cue``; cooperation is symmetric."""
        if head == tail:
            return
        if rel == "cooperates" and (rel, tail, head) in self.found:
            head, tail = tail, head
        self.found[(rel, head, tail)].add(Evidence(sentence.doc_id, sentence.start, sentence.end, cue))

    def relations(self) -> list[Relation]:
        """Return the relations found, sorted, each with its sorted evidence."""
        return [
            Relation(rel, head, tail, tuple(sorted(ev, key=lambda e: (e.doc_id, e.start, e.cue))))
            for (rel, head, tail), ev in sorted(self.found.items())
        ]


def _name_relations(text: str, sentences: Sequence[Sentence], resolved: Sequence[Resolved],
                    ctx_places: dict[str, str], lexicon: Lexicon, out: _Collector) -> None:
    """Relations stated by names in the article ``text``: nested companies and places, departments
    with their area (also those listed after one: 市发改委、工信局), bare zone bodies (管委会) with
    the article's zone, and a project named after a company the article names (华瑞四期工厂 after
    华瑞乳业(洛阳)有限公司)."""
    spans = _Spans(resolved)

    def smallest_holder(inner: Resolved, types: tuple[str, ...], at_head: bool) -> Resolved | None:
        """Return the shortest name of ``types`` holding ``inner`` (starting with it, or with the
        places just before it, if ``at_head``: 洛阳高新区智慧谷项目 is headed by 洛阳 and 高新区)."""
        head = spans.place_chain_start(inner) if at_head else inner.start
        holders = [r for r in spans.holding(inner.start, inner.end) if r.type in types
                   and (r.start, r.end) != (inner.start, inner.end) and (not at_head or r.start == head)]
        return min(holders, key=lambda r: r.end - r.start, default=None)

    invested: set[str] = set()
    city_code = _city_code(resolved, ctx_places, lexicon)
    for inner in (r for r in resolved if r.nested):
        if inner.type == "Company":
            holder = smallest_holder(inner, ("Project",), False)
            if holder and _fits("invests", inner, holder):
                out.add("invests", inner.entity, holder.entity, _sentence_of(sentences, holder.start), "name")
                invested.add(holder.entity)
        elif inner.type == "Place":
            holder = smallest_holder(inner, ("Department", "Company", "Project", "Organization"), True)
            if holder is None or not _place_states_location(inner, holder, lexicon, city_code):
                continue
            sentence = _sentence_of(sentences, holder.start)
            if spans.more_specific_place_follows(inner):
                continue  # 甲市乙区财政局 is part of 乙区, 甲市乙区丙项目 lies in 乙区
            if holder.type == "Department" and _fits("partOf", holder, inner):
                out.add("partOf", holder.entity, inner.entity, sentence, "name")
                continue
            if _fits("locatedIn", holder, inner):
                out.add("locatedIn", holder.entity, inner.entity, sentence, "name")
    _projects_named_after_companies(sentences, resolved, lexicon, invested, out)
    _road_sections(sentences, resolved, lexicon, out)
    _company_seats(sentences, resolved, lexicon, out)
    _bodies_named_after_projects(sentences, resolved, out)
    listed_area = ""  # the area of the department a list of them opens: 市发改委、工信局
    previous_end = -1
    for dept in sorted((r for r in resolved if r.type == "Department" and not r.nested), key=lambda r: r.start):
        level = dept.name[:1]
        area = ctx_places.get(level, "") if level in "省市区县" and len(dept.name) > 1 else ""
        if not area and dept.name in ZONE_BODIES:
            area = ctx_places.get("区", "")
        if not area and listed_area and text[previous_end : dept.start] in ("、", "和", "及") \
                and not starts_with_area(dept.name, lexicon):
            area = listed_area
        if area:
            out.add("partOf", dept.entity, area, _sentence_of(sentences, dept.start), "name")
        listed_area, previous_end = area, dept.end


class _Spans:
    """The resolved mentions of one document, indexed for the questions :func:`_name_relations`
    asks of every nested name, so that none of them is a pass over all the mentions."""

    def __init__(self, resolved: Sequence[Resolved]) -> None:
        self.resolved = resolved
        self.order = sorted(range(len(resolved)), key=lambda i: resolved[i].start)
        self.starts = [resolved[i].start for i in self.order]
        self.longest = max((r.end - r.start for r in resolved), default=0)
        self.place_start_by_end: dict[int, int] = {}  # of nested places: the first one's, in order
        self.place_starts: set[int] = set()
        for r in resolved:
            if r.type == "Place" and r.nested:
                self.place_start_by_end.setdefault(r.end, r.start)
                self.place_starts.add(r.start)

    def holding(self, start: int, end: int) -> list[Resolved]:
        """Return the mentions whose span holds ``start``..``end`` (itself too), in the document's order."""
        lo = bisect_left(self.starts, end - self.longest)
        hi = bisect_right(self.starts, start)
        return [self.resolved[i] for i in sorted(self.order[lo:hi]) if self.resolved[i].end >= end]

    def place_chain_start(self, place: Resolved) -> int:
        """Return where the run of nested places ending with ``place`` starts (焦作 + 高新区)."""
        start = place.start
        while (before := self.place_start_by_end.get(start)) is not None:
            start = before
        return start

    def more_specific_place_follows(self, place: Resolved) -> bool:
        """Return True when another place follows ``place`` inside a name: 洛阳高新区智慧谷项目
        is in 高新区, not said to be in 洛阳."""
        return place.end in self.place_starts


_NATURAL_OR_ROAD = ("河", "湖", "山", "江", "渠", "水库", "路", "街", "大道", "桥")


def _city_code(resolved: Sequence[Resolved], ctx_places: dict[str, str], lexicon: Lexicon) -> str:
    """Return the first four digits of the article's city's division code, or ``""``."""
    city = ctx_places.get("市", "")
    for r in resolved:
        if r.entity == city:
            for div in lexicon.divisions.get(r.name, ()):
                return div.code[:4]
    return ""


def _place_states_location(place: Resolved, holder: Resolved, lexicon: Lexicon, city_code: str) -> bool:
    """Return True when a place at the head of a name says where the named thing is.

    Not for rivers, lakes and roads (大沙河湿地公园 is named after the river), nor when the
    place is most of the name (金沙路), nor for a project headed by another city's name
    (深圳德微电…项目 is the Shenzhen company's project here).
    """
    if place.name.endswith(_NATURAL_OR_ROAD) or len(holder.name) - len(place.name) < 2:
        return False
    if holder.type == "Project" and city_code:
        divisions = lexicon.divisions.get(place.name, ())
        if divisions and divisions[0].level != "province" and not any(d.code.startswith(city_code) for d in divisions):
            return False
    return True


def _place_names(resolved: Sequence[Resolved], lexicon: Lexicon) -> dict[str, str]:
    """Return ``{name: entity id}`` of the article's places, under their names and full division names."""
    places: dict[str, str] = {}
    for r in resolved:
        if r.type == "Place":
            places.setdefault(r.name, r.entity)
            for div in lexicon.divisions.get(r.name, ()):
                places.setdefault(div.name, r.entity)
    return places


def _bodies_named_after_projects(sentences: Sequence[Sentence], resolved: Sequence[Resolved], out: _Collector) -> None:
    """A body named after a project of the article (“十大工程”指挥部, 新区建设办公室) manages it."""
    projects = {r.name: r.entity for r in resolved if r.type == "Project"}
    for body in (r for r in resolved if r.type == "Department"):
        named = [name for name in projects if body.name.startswith(name) and len(name) < len(body.name)]
        if named:
            out.add("manages", body.entity, projects[max(named, key=len)], _sentence_of(sentences, body.start), "name")


_BRACKETED = re.compile(r"[(（]([^()（）]{2,8})[)）]")


def _company_seats(sentences: Sequence[Sentence], resolved: Sequence[Resolved], lexicon: Lexicon,
                   out: _Collector) -> None:
    """A company whose name gives a place of the article in brackets or before 公司
    (``华瑞乳业(洛阳)有限公司``, ``国药控股洛阳公司``) is locatedIn it."""
    places = _place_names(resolved, lexicon)
    for company in (r for r in resolved if r.type == "Company" and not r.nested):
        candidates = _BRACKETED.findall(company.name)
        suffix = next((s for s in ("分公司", "公司") if company.name.endswith(s)), "")
        if suffix:
            stem = company.name[: -len(suffix)]
            candidates += [stem[-n:] for n in (2, 3, 4) if len(stem) - n >= 2]
        for name in candidates:
            full = next((d.name for d in lexicon.divisions.get(name, ())), name)
            place = places.get(name) or places.get(full)
            if place:
                out.add("locatedIn", company.entity, place, _sentence_of(sentences, company.start), "name")
                break


_SECTION = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:至|到|—|－|-|~)([\u4e00-\u9fff]{2,4}?)(?:段|\)|）)")


def _road_sections(sentences: Sequence[Sentence], resolved: Sequence[Resolved], lexicon: Lexicon,
                   out: _Collector) -> None:
    """A road or line named by its section (沿太行高速焦作至济源段, 牧野路(影视路—丰收路)) passes
    through both ends, when the article names them as places."""
    places = _place_names(resolved, lexicon)
    for project in (r for r in resolved if r.type == "Project" and not r.nested):
        for match in _SECTION.finditer(project.name):
            for end in match.groups():
                full = next((d.name for d in lexicon.divisions.get(end, ())), end)
                place = places.get(end) or places.get(full)
                if place:
                    out.add("passesThrough", project.entity, place, _sentence_of(sentences, project.start), "name")


def _projects_named_after_companies(sentences: Sequence[Sentence], resolved: Sequence[Resolved], lexicon: Lexicon,
                                    invested: set[str], out: _Collector) -> None:
    """A project whose name starts with a company's name or brand, both in the article: invests."""
    from graph.resolve import company_brand

    prefixes: dict[str, str] = {}
    for r in resolved:
        if r.type == "Company":
            for form in (r.name, company_brand(r.name, lexicon)):
                if len(form) >= 2:
                    prefixes.setdefault(form, r.entity)
    for project in (r for r in resolved if r.type == "Project" and not r.nested and r.entity not in invested):
        matches = [form for form in prefixes if project.name.startswith(form) and len(form) < len(project.name)]
        if matches:
            company = prefixes[max(matches, key=len)]
            out.add("invests", company, project.entity, _sentence_of(sentences, project.start), "name")
            invested.add(project.entity)


_OUR_CITY = re.compile(r"(我市|本市|全市)$")


def _division_relations(doc: Document, sentences: Sequence[Sentence], resolved: Sequence[Resolved],
                        lexicon: Lexicon, ctx: DocContext, place_ids: dict[str, str], out: _Collector) -> None:
    """A county of the article's city named right after the city (焦作市武陟县, 我市武陟县、温县、孟州市)
    is locatedIn it: the gazetteer knows the hierarchy, the text states it by the apposition. So is
    a development zone no gazetteer knows named right after the city (我市高新区) or with it (洛阳高新区)."""
    city_id = place_ids.get("市")
    if not city_id:
        return
    places = sorted((r for r in resolved if r.type == "Place" and not r.nested), key=lambda r: r.start)
    previous_end = -10
    chained = previous_is_city = False
    city_forms = tuple(form for form in (ctx.city, short_name(ctx.city, "prefecture")) if form)
    zones = tuple(lexicon.zones)
    for r in resolved:
        if r.nested and r.type == "Place" and r.entity != city_id and r.name.startswith(city_forms) \
                and r.name.endswith(zones):  # 洛阳高新区 heading 洛阳高新区财政局
            out.add("locatedIn", r.entity, city_id, _sentence_of(sentences, r.start), "gazetteer")
    for r in places:
        if r.entity != city_id and r.name.startswith(city_forms) and r.name.endswith(zones):
            # the city's zone named with the city: 洛阳市高新区, 洛阳高新区
            out.add("locatedIn", r.entity, city_id, _sentence_of(sentences, r.start), "gazetteer")
            previous_is_city, chained, previous_end = False, True, r.end
            continue
        gap = doc.text[previous_end : r.start] if previous_end >= 0 else ""
        before = doc.text[max(0, r.start - 2) : r.start]
        parents = {lexicon.divisions_by_code[d.parent].name for d in lexicon.divisions.get(r.name, ())
                   if d.parent in lexicon.divisions_by_code}
        follows_city = _OUR_CITY.search(before) or (gap == "" and previous_is_city) or (chained and gap in ("、", "和", "及"))
        in_city = ctx.city in parents or (r.name.endswith(tuple(lexicon.zones)) and not parents)
        if r.entity != city_id and in_city and follows_city:
            out.add("locatedIn", r.entity, city_id, _sentence_of(sentences, r.start), "gazetteer")
            chained = True
        else:
            chained = False
        previous_is_city = r.entity == city_id
        previous_end = r.end


def _cue_positions(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, str, str]]:
    """Return ``(start, end, relation, cue, direction)`` of every cue in ``text``, longest first at a place."""
    rows = _cue_patterns(lexicon)
    automaton, always = _cue_automaton(lexicon)
    present = set(always)
    if automaton is not None:
        present.update(i for _end, indices in automaton.iter(text) for i in indices)  # type: ignore[attr-defined]
    found = []
    for i in sorted(present):  # the rows in the lexicon's order, as the sort below keeps it for ties
        rel, cue, direction, pattern = rows[i]
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), rel, cue, direction))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    return found


@lru_cache(maxsize=2)
def _cue_patterns(lexicon: Lexicon) -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """Return the lexicon's cue rows, each with its literal pattern compiled once."""
    return tuple((rel, cue, direction, re.compile(re.escape(cue))) for rel, cue, direction in lexicon.cues)


@lru_cache(maxsize=2)
def _cue_automaton(lexicon: Lexicon) -> tuple["object | None", tuple[int, ...]]:
    """Return an Aho-Corasick automaton of the lexicon's cue words, whose value for a word is
    the positions of its rows in :func:`_cue_patterns` (one pass over a sentence finds every
    cue it holds, where testing each cue took 71 passes), and the positions of rows with an
    empty cue, which every text holds; the automaton is None when there is no other cue."""
    import ahocorasick

    rows: dict[str, list[int]] = {}
    for i, (_rel, cue, _direction, _pattern) in enumerate(_cue_patterns(lexicon)):
        rows.setdefault(cue, []).append(i)
    always = tuple(rows.pop("", ()))
    if not rows:
        return None, always
    automaton = ahocorasick.Automaton()
    for cue, positions in rows.items():
        automaton.add_word(cue, tuple(positions))
    automaton.make_automaton()
    return automaton, always


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    """Return the offsets (relative to ``text``) of the clause around ``at``.

    Punctuation inside brackets does not end a clause: ``项目(甲，乙)均在加紧施工`` is one.
    """
    ends = _clause_ends(text)
    i = bisect_left(ends, at)
    return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(text))


_CLAUSE_SCAN = re.compile(r"[(（)）]|" + _CLAUSE_END.pattern)


@lru_cache(maxsize=1024)
def _clause_ends(text: str) -> tuple[int, ...]:
    """Return the offsets of the clause ends of ``text`` outside brackets, ascending (once per sentence)."""
    depth = 0
    ends = []
    for match in _CLAUSE_SCAN.finditer(text):  # brackets and clause ends only: the other characters change nothing
        i, char = match.start(), match.group()
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0 and _CLAUSE_END.match(char):
            ends.append(i)
    return tuple(ends)


def _attributive_location(text: str, base: int, after: Sequence[Resolved], outer: Sequence[Resolved],
                          sentence: Sentence, cue: str, out: _Collector) -> bool:
    """``位于高新区的丰源种植专业合作社``: the name after 的 (and the names enumerated with it)
    is the one located, not a name before.

    Returns True when the shape was found.
    """
    places = [r for r in after if r.type == "Place"]
    if not places or text[places[0].end - base : places[0].end - base + 1] != "的":
        return False
    following = sorted((r for r in outer if r.start > places[0].end), key=lambda r: r.start)
    for located in _enumeration_after(text, base, places[0].end + 1 - base, following):
        if _fits("locatedIn", located, places[0]):
            out.add("locatedIn", located.entity, places[0].entity, sentence, cue)
    return True


def _passive_investment(text: str, base: int, at: int, before: Sequence[Resolved], antecedent: Resolved | None,
                        sentence: Sentence, cue: str, out: _Collector) -> bool:
    """``(该)项目由甲公司投资建设``: the company after 由 invests in the project the clause is about.

    Returns True when the passive shape was found (whether or not a project was known).
    """
    companies = [r for r in before if r.type == "Company" and text[r.start - base - 1 : r.start - base] == "由"
                 and at - (r.end - base) <= 4]
    if not companies:
        return False
    company = companies[-1]
    projects = [r for r in before if r.type == "Project" and r.end <= company.start]
    project = projects[-1] if projects else (antecedent if _ANAPHOR.search(text[: company.start - base]) else None)
    if project is not None:
        out.add("invests", company.entity, project.entity, sentence, f"由…{cue}")
    return True


_NOMINAL_HEAD = re.compile(r"库|型|中心|平台|体系|机制|专班|站|热线|专员")
_ANAPHOR = re.compile(r"(该|此|这一?|上述)(项目|工程)")
#: The anaphor as the subject of a clause: 该项目总投资…, …，这个项目已开工.
_ANAPHOR_AT_CLAUSE_START = re.compile(r"(?:^|[，,；;：:“])\s*((?:该|此|这一?|这个|上述)(?:项目|工程))")


def _implied_subject(rel: str, topic: Resolved | None, reporter: Resolved | None) -> Resolved | None:
    """Return the head of a ``rel`` cue whose sentence leaves out its subject: the place or
    department an earlier sentence of the paragraph opens with (``topic``), else the reporting
    body; an area whose article it is manages nothing so (it does not manage every project the
    article mentions)."""
    if rel not in REPORT_RELATIONS:
        return None
    if topic is not None and topic.type in RELATION_SIGNATURES[rel][0]:
        return topic
    if reporter is not None and (rel != "manages" or reporter.type == "Department"):
        return reporter
    return None


#: What follows a name that is not the subject of its sentence though it opens it: another
#: item (甲区、乙区), a possessive (甲区的), a person's title (甲局局长, 市委书记).
SUBJECT_FOLLOWER = re.compile(
    r"[、和及与的,，]|书记|主任|局长|厅长|处长|科长|县长|区长|市长|副|党组|负责人|领导|干部|工作人员")


def _opener(doc: Document, sentence: Sentence, here: Sequence[Resolved]) -> Resolved | None:
    """Return the place or department ``sentence`` opens with as its subject (not 甲区、乙区…, 甲区的…, 甲局局长…)."""
    for r in here:
        if r.start == sentence.start and not r.nested and r.type in ("Place", "Department") \
                and not SUBJECT_FOLLOWER.match(doc.text, r.end):
            return r
    return None


def _cue_relations(doc: Document, sentence: Sentence, here: Sequence[Resolved], lexicon: Lexicon,
                   reporter: Resolved | None, out: _Collector, antecedent: Resolved | None = None,
                   topic: Resolved | None = None, named_places: dict[str, Resolved] | None = None) -> None:
    """Relations stated by cue words in one sentence.

    ``antecedent`` is the last project named before the sentence: ``该项目位于孟津区`` speaks of it;
    ``named_places`` the last place named of each level: ``该镇与甲大学合作`` speaks of the town.
    """
    named_places = named_places or {}
    text = sentence.text(doc)
    base = sentence.start
    outer = [r for r in here if not r.nested]
    for start, end, rel, cue, direction in _cue_positions(text, lexicon):
        if any(r.start - base <= start < r.end - base for r in outer) or _NOMINAL_HEAD.match(text, end):
            continue  # the cue is inside a name (建设 in 建设项目) or a noun (培育库, 服务型, 服务中心)
        c_left, c_right = _clause_bounds(text, start)
        before = [r for r in outer if r.end - base <= start]
        after = [r for r in outer if start + (end - start) <= r.start - base < _tail_limit(text, end)]
        if direction == "tail-first":  # X作为Y之一: Y includes X
            holders = [r for r in before if r.end - base > c_left]
            tails = holders[:-1] if len(holders) >= 2 else [r for r in before[:1] if r.end - base <= c_left]
            for tail in tails:
                if holders and _fits(rel, holders[-1], tail):
                    out.add(rel, holders[-1].entity, tail.entity, sentence, cue)
            continue
        if rel == "cooperates":
            partners = _enumeration_after(text, base, end, after) if direction == "partner-after" else []
            _cooperation(text, base, start, before, partners, reporter, sentence, cue, out,
                         _place_anaphor(text[c_left:start], named_places))
            continue
        if rel == "locatedIn" and _attributive_location(text, base, after, outer, sentence, cue, out):
            continue
        if rel == "invests" and _passive_investment(text, base, start, before, antecedent, sentence, cue, out):
            continue
        heads = [r for r in before if any(_fits(rel, r, t) for t in after) and _may_head(text, base, r)]
        head = heads[-1] if heads else None
        if head is None and antecedent is not None and _ANAPHOR.search(text[c_left:start]) \
                and any(_fits(rel, antecedent, t) for t in after):
            head = antecedent
        if head is None:
            place = _place_anaphor(text[c_left:start], named_places)
            head = place if place is not None and any(_fits(rel, place, t) for t in after) else None
        implied = _implied_subject(rel, topic, reporter) if head is None else None
        if implied is not None:
            head, cue_name = implied, f"report:{cue}"
        else:
            cue_name = cue
        if head is None:
            continue
        for tail in after:
            if _fits(rel, head, tail) and not _PROGRAMME_AFTER_DENG.search(text[max(0, tail.start - base - 6) : tail.start - base]):
                out.add(rel, head.entity, tail.entity, sentence, cue_name)  # not the 十大工程 of 甲、乙等“十大工程”项目


#: An anaphor for a place of a level: 该镇, 该区, 该县, 该市, 该乡, 该村, 该街道.
_PLACE_ANAPHOR = re.compile(r"该(街道|镇|乡|村|区|县|市)")


def _place_level(name: str) -> str:
    """Return the level word a place's name ends in (街道, 镇, 区 …), or ``""``."""
    return "街道" if name.endswith("街道") else name[-1] if name[-1:] in "镇乡村区县市" else ""


def _place_anaphor(before_cue: str, named_places: dict[str, Resolved]) -> Resolved | None:
    """Return the place a ``该镇``-style anaphor in ``before_cue`` speaks of: the last place of
    that level named before, or None."""
    match = _PLACE_ANAPHOR.search(before_cue)
    return named_places.get(match.group(1)) if match else None


_PREPOSITION = re.compile(r"(围绕|在|对|为|向|按照|根据|依托|随着|结合|作为|通过|把|将|从|于|给|替)$")


def _may_head(text: str, base: int, name: Resolved) -> bool:
    """Return True when ``name`` can be the subject of a cue: not when a preposition governs it
    (``围绕甲市加快…，推动…``, ``在甲区，…``), nor when it is a partner after 与 in its clause
    (``与甲、乙等企业加强合作，…实施丙项目``)."""
    start = name.start - base
    clause_start, _ = _clause_bounds(text, start)
    return _PREPOSITION.search(text[max(0, start - 2) : start]) is None \
        and _WITH.search(text, clause_start, start) is None


_WITH = re.compile(r"[与同跟]")


def _cooperation(text: str, base: int, at: int, before: Sequence[Resolved], partners_after: Sequence[Resolved],
                 reporter: Resolved | None, sentence: Sentence, cue: str, out: _Collector,
                 anaphor: Resolved | None = None) -> None:
    """``X与Y、Z等…合作``: X cooperates with Y and Z; with no X, the reporting body does.

    The partners are the names between the last 与/同/跟 before the cue and the cue, in the
    same clause; the head is the name just before 与, else the report's subject. With no
    与 in the clause, ``partners_after`` (``配合甲局、乙局…``) are the partners of the name
    before the cue in its clause, else of the report's subject. ``anaphor`` is the place a
    ``该镇`` before the cue speaks of, the head when no name stands before 与.
    """
    left, _ = _clause_bounds(text, at)
    withs = [m.start() for m in _WITH.finditer(text, left, at)]
    if withs:
        w = withs[-1]
        partners = [r for r in before if w < r.start - base and r.end - base <= at]
    elif partners_after:
        w, partners = at, list(partners_after)
    else:
        return
    heads = [r for r in before if r.end - base <= w and w - (r.end - base) <= 6 and r.end - base > left]
    if not heads and anaphor is not None:
        heads = [anaphor]  # 该镇与甲大学合作
    head = heads[-1] if heads else reporter
    if head is None:
        return
    cue_name = cue if heads else f"report:{cue}"
    for partner in partners:
        if partner.entity != head.entity and not (partner.type == "Place" and _AT.search(text, 0, partner.start - base)):
            out.add("cooperates", head.entity, partner.entity, sentence, cue_name)  # 在北京签署: where, no partner


#: A preposition of place right before a name: 在北京签署, 于郑州举行.
_AT = re.compile(r"[在于]$")


_ENUMERATION_GAP = re.compile(r"[、和及与]?|(?:、[^，,；;。！？、]{1,20})*[、和及]")


def _enumeration_after(text: str, base: int, cue_end: int, after: Sequence[Resolved]) -> list[Resolved]:
    """Return the enumeration of names right after a cue (``配合区应急局、生态环境局开展…``),
    passing over items that are no recognized name (``甲、某某、乙``)."""
    partners: list[Resolved] = []
    position = cue_end
    for r in after:
        if not _ENUMERATION_GAP.fullmatch(text[position : r.start - base]):
            break
        partners.append(r)
        position = r.end - base
    return partners


_TAIL_END = re.compile(r"[，,；;。！？!?]")


_THEREOF = re.compile(r"[，,]其中[，,]?")


def _tail_limit(text: str, end: int) -> int:
    """Return where a cue's tails end: the clause end, crossing only enumeration marks; when the
    clause ends with a group of projects and the next one names members of it
    (``服务新落地项目，其中，甲项目已…``), the end of that next clause."""
    match = _TAIL_END.search(text, end)
    if match is None:
        return len(text)
    members = _THEREOF.match(text, match.start())
    if members is None or not text[: match.start()].endswith("项目"):
        return match.start()
    after = _TAIL_END.search(text, members.end())
    return after.start() if after else len(text)


_LIST_CUE = re.compile(r"分别是|分别为|包括|主要有|主要是")
_MANAGE_FRAME = re.compile(r"承担|负责|牵头|推进|实施|服务")


_PART_END = re.compile(r"[;；]\s*$")


def _frames_before(doc: Document, ordered: Sequence[Sentence], i: int) -> list[Sentence]:
    """Return the sentences that frame the list in ``ordered[i]``: the sentence before it in
    its paragraph, and, when that one only ends a part of a sentence (…分别是甲、乙；), those
    before it back to the full sentence that opens the statement."""
    frames: list[Sentence] = []
    j = i - 1
    while j >= 0 and "\n" not in doc.text[ordered[j].end : ordered[j + 1].start]:
        frames.append(ordered[j])
        if not _PART_END.search(ordered[j].text(doc)):
            break
        j -= 1
    return frames


def _list_relations(doc: Document, ordered: Sequence[Sentence], by_sentence: dict[Sentence, list[Resolved]],
                    out: _Collector) -> None:
    """A list of projects (``其中…分别是甲、乙、丙``) under a framing sentence: the programme the
    frame names (a quoted project, 在“三十工程”中) includes each item, and the place or department
    that the frame says carries them out (承担, 负责 …) manages each. Evidence spans from the frame
    to the list; a list in the second part of a sentence cut at ``；`` has the same frames."""
    for i, sentence in enumerate(ordered):
        text = sentence.text(doc)
        cue = _LIST_CUE.search(text)
        if not cue:
            continue
        items = [r for r in by_sentence.get(sentence, []) if not r.nested and r.type == "Project"
                 and r.start - sentence.start >= cue.end()]
        if len(items) < 2 and not (items and "、" in text[cue.end() :]):
            continue
        for frame in [sentence, *_frames_before(doc, ordered, i)]:
            frame_text = frame.text(doc)
            limit = cue.start() if frame is sentence else len(frame_text)
            named = [r for r in by_sentence.get(frame, []) if not r.nested and r.start - frame.start < limit]
            span = Sentence(doc.id, frame.start, sentence.end)
            programmes = [r for r in named if r.type == "Project" and doc.text[r.start - 1 : r.start] in "“『「\"'"]
            managers = [r for r in named if r.type in ("Place", "Department")
                        and _MANAGE_FRAME.search(frame_text[r.end - frame.start : limit])]
            for item in items:
                for programme in programmes[:1]:
                    if programme.entity != item.entity:
                        out.add("includes", programme.entity, item.entity, span, cue.group())
                for manager in managers[-1:]:
                    out.add("manages", manager.entity, item.entity, span, cue.group())


_QUOTES = "“『「\"'"
_GROUP_OBJECT = re.compile(r"(建设|实施|推进|打造|承担)了?[^，,；;。！？!?]{0,16}?(?:项目群|项目)$")


def _announced_projects(doc: Document, ordered: Sequence[Sentence], by_sentence: dict[Sentence, list[Resolved]],
                        out: _Collector) -> None:
    """``乙区着手建设…项目群。`` / ``乙区…实施了一批项目。``: a place or department that builds a group of
    projects it does not name manages the (unquoted) projects the following sentences name, to the end of
    the paragraph (or of the next one, when its own names none) or a sentence opening with
    another place or department. Evidence spans from the announcing sentence to the project's."""
    for i, sentence in enumerate(ordered):
        text = sentence.text(doc)
        for match in (_GROUP_OBJECT.search(text, 0, end) for end in _clause_ends(text) + (len(text),)):
            if match is None or any(r.start < sentence.start + match.end() <= r.end for r in by_sentence[sentence]):
                continue  # the object is a named project (将投资5亿元建设甲公司项目), not a group
            heads = [r for r in by_sentence[sentence] if not r.nested and r.type in ("Place", "Department")
                     and r.end - sentence.start <= match.start() and _may_head(text, sentence.start, r)]
            if heads:
                for later in _announced_span(doc, ordered, i, by_sentence):
                    for project in (r for r in by_sentence[later] if r.type == "Project" and not r.nested
                                    and doc.text[r.start - 1 : r.start] not in _QUOTES):
                        out.add("manages", heads[-1].entity, project.entity,
                                Sentence(doc.id, sentence.start, later.end), match.group(1))


def _announced_span(doc: Document, ordered: Sequence[Sentence], i: int,
                    by_sentence: dict[Sentence, list[Resolved]]) -> list[Sentence]:
    """Return the sentences after ``ordered[i]`` that speak of the projects it announces."""
    span: list[Sentence] = []
    paragraphs = 0
    for j in range(i + 1, len(ordered)):
        if "\n" in doc.text[ordered[j - 1].end : ordered[j].start]:
            paragraphs += 1
            named = any(r.type == "Project" for s in span for r in by_sentence[s])
            if named or paragraphs > 1:
                break
        if _opener(doc, ordered[j], by_sentence[ordered[j]]) is not None:
            break  # a new subject
        span.append(ordered[j])
    return span


_QUOTED = r"[“「『\"]([^”」』\"“]{2,12})[”」』\"]"
_IN_PROGRAMME = re.compile(r"在" + _QUOTED + r"(工程)?(?:建设|推进|实施)?(?:工作)?中")
_LISTED_IN_PROGRAMME = re.compile(r"(?:列入|纳入)[^，,。；;]{0,12}?" + _QUOTED + r"(工程)?[^，,。；;]{0,4}项目")


def _bracketed(text: str, at: int) -> bool:
    """Return True when offset ``at`` of ``text`` stands inside brackets."""
    before = text[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _programme_frames(doc: Document, ordered: Sequence[Sentence], by_sentence: dict[Sentence, list[Resolved]],
                      resolved: Sequence[Resolved], out: _Collector) -> None:
    """A sentence framed by a quoted programme of the article includes the projects it names:
    ``在“百项工程”建设中，…甲项目…；乙项目…。`` (every project to the end of the sentence, across
    ``；``), ``列入“三个一批”项目共6个，…2个“签约一批”项目(甲、乙)…。3个…(丙、丁)…。``
    (the projects listed in brackets, in this sentence and the next ones that list some)."""
    programmes = {r.name: r.entity for r in resolved if r.type == "Project"}
    programmes.update({doc.text[r.start : r.end]: r.entity for r in resolved if r.type == "Project"})
    for i, sentence in enumerate(ordered):
        text = sentence.text(doc)
        for pattern, in_brackets in ((_IN_PROGRAMME, False), (_LISTED_IN_PROGRAMME, True)):
            match = pattern.search(text)
            programme = (programmes.get(match.group(1) + (match.group(2) or "")) or programmes.get(match.group(1))
                         if match else None)  # “百城提质”工程 may be named 百城提质工程
            if programme is None:
                continue
            for later in _framed_span(doc, ordered, i, by_sentence, in_brackets):
                later_text = later.text(doc)
                for r in by_sentence[later]:
                    at = r.start - later.start
                    if r.type != "Project" or r.nested or r.entity == programme \
                            or doc.text[r.start - 1 : r.start] in _QUOTES \
                            or (later is sentence and at < match.end()) \
                            or (in_brackets and not _bracketed(later_text, at)):
                        continue
                    out.add("includes", programme, r.entity, Sentence(doc.id, sentence.start, later.end), match.group())


def _framed_span(doc: Document, ordered: Sequence[Sentence], i: int, by_sentence: dict[Sentence, list[Resolved]],
                 in_brackets: bool) -> list[Sentence]:
    """Return ``ordered[i]`` and the sentences of its paragraph its frame governs: the parts after
    ``；``, or (``in_brackets``) the following sentences that list projects in brackets."""
    span = [ordered[i]]
    for j in range(i + 1, len(ordered)):
        if "\n" in doc.text[ordered[j - 1].end : ordered[j].start]:
            break
        if in_brackets:
            text = ordered[j].text(doc)
            if not any(r.type == "Project" and _bracketed(text, r.start - ordered[j].start) for r in by_sentence[ordered[j]]):
                break
        elif not _PART_END.search(ordered[j - 1].text(doc)):
            break
        span.append(ordered[j])
    return span


_PROGRAMME_AFTER_DENG = re.compile(r"等[“\"「『]?(?:全省|全市|省|市|区|县)?[“\"「『]?$")


def _programme_members(doc: Document, sentence: Sentence, here: Sequence[Resolved], out: _Collector) -> None:
    """``甲、乙等“十大工程”项目``: the programme named after 等 includes each project enumerated before it."""
    projects = sorted((r for r in here if r.type == "Project" and not r.nested), key=lambda r: r.start)
    for i, programme in enumerate(projects):
        if not i or not _PROGRAMME_AFTER_DENG.search(doc.text[projects[i - 1].end : programme.start]):
            continue
        if not doc.text[programme.end : programme.end + 3].lstrip("”\"」』").startswith(("项目", "工程")):
            continue
        j = i - 1
        while True:
            out.add("includes", programme.entity, projects[j].entity, sentence, "等")
            if j == 0 or not _ENUMERATION_MARK.fullmatch(doc.text[projects[j - 1].end : projects[j].start]):
                break
            j -= 1


_PHASE = re.compile(r"(.{2,}?)[(（]?(?:[一二三四五六七八九十]|\d{1,2})期")


def _phases(sentences: Sequence[Sentence], resolved: Sequence[Resolved], out: _Collector) -> None:
    """A project named as a phase of another project of the article (科技园二期 of 科技园): included in it."""
    projects = {r.name: r.entity for r in resolved if r.type == "Project" and not r.nested}
    for r in resolved:
        if r.type != "Project" or r.nested:
            continue
        match = _PHASE.match(r.name)
        whole = projects.get(match.group(1)) if match else None
        if whole and whole != r.entity:
            out.add("includes", whole, r.entity, _sentence_of(sentences, r.start), "name")


def _co_occurrences(sentence: Sentence, here: Sequence[Resolved], out: _Collector,
                    stated: set[frozenset[str]]) -> None:
    """Add ``coOccurs`` for every pair of distinct entities in ``sentence`` not otherwise related."""
    ids = sorted({r.entity for r in here if not r.nested})
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if frozenset((a, b)) not in stated:
                out.add(CO_OCCURS, a, b, sentence, "")


def relate(doc: Document, sentences: Sequence[Sentence], resolved: Sequence[Resolved], lexicon: Lexicon,
           ctx: DocContext, place_ids: dict[str, str],
           reporters: Sequence[tuple[int, str]] = ()) -> tuple[Relation, ...]:
    """Return the relations stated in ``doc`` and its ``coOccurs`` edges, sorted.

    ``resolved`` holds the document's mentions with entity ids; ``place_ids`` maps the levels
    ``省``, ``市``, ``区`` to the entity ids of the article's province, city and district;
    ``reporters`` holds ``(offset, entity id)`` pairs: from each offset on, the article is the
    work report of that department (its headline, then section headings), sorted by offset.
    """
    out = _Collector()
    by_sentence: dict[Sentence, list[Resolved]] = defaultdict(list)
    for r in resolved:
        by_sentence[_sentence_of(sentences, r.start)].append(r)
    _name_relations(doc.text, sentences, resolved, place_ids, lexicon, out)
    _division_relations(doc, sentences, resolved, lexicon, ctx, place_ids, out)
    by_id = {r.entity: r for r in resolved}
    ordered = sorted(by_sentence, key=lambda s: s.start)
    antecedent: Resolved | None = None
    topic: Resolved | None = None
    named_places: dict[str, Resolved] = {}  # the last place named of each level: 该镇 speaks of it
    previous_end = 0
    for sentence in ordered:
        current = [eid for offset, eid in reporters if offset <= sentence.start]
        reporting = by_id.get(current[-1]) if current else None
        if "\n" in doc.text[previous_end : sentence.start]:
            topic = None  # a paragraph's left-out subjects are its own
        _cue_relations(doc, sentence, by_sentence[sentence], lexicon, reporting, out, antecedent, topic, named_places)
        for r in sorted(by_sentence[sentence], key=lambda r: r.start):
            if r.type == "Place" and not r.nested:
                named_places[_place_level(r.name)] = r
        topic = _opener(doc, sentence, by_sentence[sentence]) or topic
        previous_end = sentence.end
        projects = [r for r in by_sentence[sentence] if r.type == "Project" and not r.nested]
        antecedent = projects[-1] if projects else antecedent
    for sentence in ordered:
        _project_sites(doc.text, sentence, by_sentence[sentence], out)
    _list_relations(doc, ordered, by_sentence, out)
    _announced_projects(doc, ordered, by_sentence, out)
    _programme_frames(doc, ordered, by_sentence, resolved, out)
    _phases(sentences, resolved, out)
    for sentence, here in by_sentence.items():
        _programme_members(doc, sentence, here, out)
    stated = {frozenset((h, t)) for (_, h, t) in out.found}
    for sentence in ordered:
        _co_occurrences(sentence, by_sentence[sentence], out, stated)
    return tuple(out.relations())


#: What a project does at its site: 甲项目在乙区开工.
_SITE_EVENT = re.compile(r"(?:正式|顺利|集中|隆重|全面)?(?:开工|动工|开建|奠基|落地|落户|投产|建成|开业|签约)")
#: Between a project's name and 在 before its site: an adverb or a date (甲项目今天上午在…).
_BEFORE_SITE = re.compile(r"[^，。；,;、]{0,8}?在")


#: Building a project at a site: 在甲区(投资)建设乙项目.
_BUILD_AT_SITE = re.compile(r"(?:计划|将|拟)?(?:总)?(?:投资)?(建设|新建|兴建|打造|布局|实施|投建)")


def _project_sites(text: str, sentence: Sentence, here: Sequence[Resolved], out: _Collector) -> None:
    """In ``sentence`` of the document ``text``: a project that starts, is built or opens 在 a
    place (甲项目在乙市丙区开工), or that is built there (在乙市丙区投资建设甲项目), lies in it:
    the last place of the run of places after 在."""
    places = sorted((r for r in here if r.type == "Place" and not r.nested), key=lambda r: r.start)
    for project in (r for r in here if r.type == "Project" and not r.nested):
        before = _BEFORE_SITE.match(text, project.end, sentence.end)
        if not before:
            continue
        at = before.end()
        site = None
        for place in places:
            if place.start == at:
                site, at = place, place.end
        event = _SITE_EVENT.match(text, at, sentence.end) if site is not None else None
        if site is not None and event:
            out.add("locatedIn", project.entity, site.entity, sentence, "在…" + event.group())
    projects = {r.start: r for r in here if r.type == "Project" and not r.nested}
    run_start = {p.end: p.start for p in places}  # a place right before another starts its run
    for i, place in enumerate(places):
        if i + 1 < len(places) and places[i + 1].start == place.end:
            continue  # 在甲市乙区建设…: the last place of the run
        start = place.start
        while start in run_start:
            start = run_start[start]
        build = _BUILD_AT_SITE.match(text, place.end, sentence.end)
        if build and text[start - 1 : start] == "在" and build.end() in projects:
            out.add("locatedIn", projects[build.end()].entity, place.entity, sentence, "在…" + build.group(1))


_FUTURE_BEFORE = re.compile(r"(将|计划|预计|力争|争取|确保|拟|待|准备)[^，。；]{0,8}$")


def _states(scope: str, cue: str) -> bool:
    """Return True when ``scope`` says ``cue`` happened, not that it will (建成后, 将开工, 力争竣工)."""
    if cue not in scope:  # most cues are absent: skip the search
        return False
    for match in re.finditer(re.escape(cue), scope):
        after = scope[match.end() : match.end() + 1]
        if after in ("后", "时") or _FUTURE_BEFORE.search(scope[: match.start()]):
            continue
        return True
    return False


_ATTRIBUTIVE = re.compile(r"(?:、[^，,；;。、]{1,16})?的?")


def _attributive(between: str) -> bool:
    """Return True when an amount and a project after it are joined as an attribute:
    ``总投资30亿元的鑫达智谷项目``, ``总投资7亿元、全长6公里的滨河路项目``."""
    return bool(_ATTRIBUTIVE.fullmatch(between)) and (not between or between.endswith("的"))


_COUNTED_PROJECTS = re.compile(r"\d+个[\u4e00-\u9fff]{0,4}项目")


def _listed(text: str, at: int) -> bool:
    """Return True when offset ``at`` of a sentence stands in a list after a list cue (主要有, 分别是 …)."""
    cue = _LIST_CUE.search(text)
    return cue is not None and cue.end() <= at


#: The number of an item of a numbered list at a line's head: 1. 2、 (3) 四、
_LIST_NUMBER = re.compile(r"\s*(?:[(（]?\d{1,2}[.、．)）]|[一二三四五六七八九十]{1,2}、)")
#: The end of a line that introduces a list: 主要有：
_INTRO_END = re.compile(rf"(?:{_LIST_CUE.pattern}|如下)[：:]\s*$")


def _numbered_list_intro(doc: Document, sentence: Sentence) -> str | None:
    """Return the text of the line that introduces the numbered list ``sentence`` is an item of
    (``…工业项目28个，主要有：`` above ``1.甲项目…`` ``2.乙项目…``), or None."""
    line_start = doc.text.rfind("\n", 0, sentence.start) + 1
    number = _LIST_NUMBER.match(doc.text, line_start)
    if number is None or doc.text[number.end() : sentence.start].strip():
        return None  # no numbered line, or not its first sentence
    while line_start > 0:
        previous = doc.text.rfind("\n", 0, line_start - 1) + 1
        line = doc.text[previous : line_start - 1]
        if _INTRO_END.search(line):
            return line
        if line.strip() and not _LIST_NUMBER.match(line):
            return None
        line_start = previous
    return None


def _intro_status(intro: str, lexicon: Lexicon) -> str | None:
    """Return the latest status the intro of a numbered list of projects states for them
    (``此次开工的项目中，…主要有：`` → 开工), or None."""
    stated = [st for cue, st in lexicon.status_cues if _states(fold(intro), cue)]
    return _latest(stated) if stated else None


def _group_status(doc: Document, sentence: Sentence, lexicon: Lexicon) -> str | None:
    """Return the status that an earlier clause of the paragraph of ``sentence`` states for a
    counted group of projects (``当日，集中开工11个项目。…主要有甲、乙``), the nearest first."""
    paragraph_start = doc.text.rfind("\n", 0, sentence.start) + 1
    clauses = _CLAUSE_END.split(fold(doc.text[paragraph_start : sentence.start]))
    for clause in reversed(clauses):
        if _COUNTED_PROJECTS.search(clause):
            status = next((st for cue, st in lexicon.status_cues if _states(clause, cue)), None)
            if status:
                return status
    return None


_GROUP_YEAR_REACH = 1200


def _group_year(doc: Document, sentence: Sentence, status: str, lexicon: Lexicon) -> int | None:
    """Return the year an earlier clause gives to the event of a listed group's ``status``
    (``全市2023年第二批重点项目集中开工活动举行。…当日集中开工6个项目…主要有甲、乙``), the
    nearest first, within ``_GROUP_YEAR_REACH`` characters before ``sentence``."""
    before = fold(doc.text[max(0, sentence.start - _GROUP_YEAR_REACH) : sentence.start])
    for clause in reversed(_CLAUSE_END.split(before)):
        year = _YEAR.search(clause)
        if year and any(st == status and _states(clause, cue) for cue, st in lexicon.status_cues):
            return int(year.group(1))
    return None


def _enumerated(text: str, base: int, owners: Sequence[Resolved]) -> bool:
    """Return True when the last of ``owners`` ends an enumeration (甲、乙项目，总投资…): the amount is the group's."""
    if len(owners) < 2:
        return False
    between = text[owners[-2].end - base : owners[-1].start - base]
    return bool(between) and len(between) <= 2 and bool(_ENUMERATION_MARK.fullmatch(between.strip()))


def _latest(statuses: Iterable[str]) -> str:
    """Return the latest stage of ``statuses``: a project 签约的… that 已开工 is under way."""
    return max(statuses, key=STATUSES.index)


#: Most sentences between a project's name and 该项目 that speaks of it.
MAX_ANAPHOR_DISTANCE = 2


def _with_anaphors(doc: Document, sentences: Sequence[Sentence], by_sentence: dict[Sentence, list[Resolved]]
                   ) -> list[tuple[Sentence, list[Resolved]]]:
    """Return ``(sentence, projects)`` in order for the sentences naming projects, and for those
    naming none that speak of the last one named (``该项目总投资20亿元``, at most
    :data:`MAX_ANAPHOR_DISTANCE` sentences later): there the anaphor stands for that project."""
    result: list[tuple[Sentence, list[Resolved]]] = []
    antecedent: Resolved | None = None
    distance = 0
    for sentence in sorted(sentences, key=lambda s: s.start):
        projects = by_sentence.get(sentence)
        if projects:
            result.append((sentence, projects))
            antecedent, distance = max(projects, key=lambda r: r.start), 0
            continue
        distance += 1
        anaphor = _ANAPHOR_AT_CLAUSE_START.search(sentence.text(doc)) if antecedent else None
        if antecedent and anaphor and distance <= MAX_ANAPHOR_DISTANCE:
            start = sentence.start + anaphor.start(1)
            result.append((sentence, [Resolved(start, start + len(anaphor.group(1)), antecedent.entity,
                                               "Project", False, antecedent.name)]))
    return result


def project_attributes(doc: Document, sentences: Sequence[Sentence], resolved: Sequence[Resolved],
                       lexicon: Lexicon) -> dict[str, dict[str, object]]:
    """Return ``{project id: {"investment_yuan", "status", "year"}}`` stated in ``doc``.

    An amount belongs to the nearest project named before it in its sentence, unless it is
    given for a group (``等``, ``共``, ``N个项目``) or another project stands between.
    """
    found: dict[str, dict[str, object]] = defaultdict(dict)
    by_sentence: dict[Sentence, list[Resolved]] = defaultdict(list)
    for r in resolved:
        if r.type == "Project" and not r.nested:
            by_sentence[_sentence_of(sentences, r.start)].append(r)
    for sentence, projects in _with_anaphors(doc, sentences, by_sentence):
        text = fold(sentence.text(doc))  # length-preserving: 总投资１２．５亿元 reads as 12.5
        base = sentence.start
        projects.sort(key=lambda r: r.start)
        for match in _MONEY.finditer(text):
            if not match.group(1) or _NOT_TOTAL.search(text[max(0, match.start() - 4) : match.start()]):
                continue  # 完成年度投资31亿元 is a year's spending, not the total
            following = [p for p in projects if p.start - base >= match.end()
                         and _attributive(text[match.end() : p.start - base])]
            owners = [p for p in projects if p.end - base <= match.start()]
            if following:  # 总投资30亿元的鑫达智谷项目
                owner = following[0]
            elif owners:
                owner = owners[-1]
                gap = text[owner.end - base : match.start()]
                if _GROUP.search(gap) or len(gap) > 24 or _enumerated(text, base, owners):
                    continue
            else:
                continue
            found[owner.entity].setdefault("investment_yuan", parse_amount(match.group(2), match.group(3)))
        for project in projects:
            left, right = _clause_bounds(text, project.start - base)
            scopes = [text[left:right]] + ([text] if len({p.entity for p in projects}) == 1 else [])
            stated = [st for scope in scopes for cue, st in lexicon.status_cues if cue in scope and _states(scope, cue)]
            status = _latest(stated) if stated else None
            intro = _numbered_list_intro(doc, sentence) if status is None else None
            if intro is not None:  # 主要有：\n1.甲项目…\n2.乙项目…: the intro's status
                status = _intro_status(intro, lexicon)
            elif status is None and _listed(text, project.start - base):
                status = _group_status(doc, sentence, lexicon)
                year = _group_year(doc, sentence, status, lexicon) if status else None
                if year:
                    found[project.entity].setdefault("year", year)
            if status:
                found[project.entity].setdefault("status", status)
            year_found = next((y for scope in scopes for y in _YEAR.finditer(scope)
                               if not _FUTURE_BEFORE.search(scope[: y.start()])), None) \
                or _OPENING_YEAR.match(text)  # 2024年以来，…: the year frames the whole sentence
            if year_found and found.get(project.entity):
                found[project.entity].setdefault("year", int(year_found.group(1)))
    return {k: v for k, v in found.items() if v}
