"""A small pure scorer: compare an extraction with gold annotations, document by document.

Both sides are SCHEMA.md objects (the gold file format, which ``kg extract`` also writes),
given as ``{doc id: object}``. :func:`score` returns a :class:`Report` of frozen rows;
:func:`format_report` renders it as plain text and :func:`report_to_dict` as plain data.
Nothing here reads files except :func:`load_gold`.

Four kinds are scored:

- **entities**: a gold entity is found when a predicted entity of the same type shares a name
  with it (canonical name or alias on either side, compared by :func:`name_key`); the matching
  is one-to-one;
- **mentions**: ``(start, end, type)`` spans, exact match;
- **relations**: type plus both ends found (through the entity matching); ``cooperates`` is
  symmetric; predicted ``coOccurs`` edges are ignored;
- **attributes**: for gold ``Project`` entities with attributes, the share of
  ``(entity, key)`` pairs whose matched predicted entity carries the same value.

>>> gold = {"d": {"doc": "d", "entities": [
...     {"id": "e1", "type": "Company", "name": "蒙牛乳业（焦作）有限公司", "aliases": ["蒙牛"],
...      "mentions": [[0, 12]]}], "relations": []}}
>>> pred = {"d": {"doc": "d", "entities": [
...     {"id": "x", "type": "Company", "name": "蒙牛乳业(焦作)有限公司", "mentions": [[0, 12]]},
...     {"id": "y", "type": "Place", "name": "焦作", "mentions": [[5, 7]]}], "relations": []}}
>>> report = score(pred, gold)
>>> row = report.entities["all"]
>>> (row.gold, row.predicted, row.correct, row.precision, row.recall)
(1, 2, 1, 0.5, 1.0)
>>> report.mentions["Company"].f1
1.0
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from graph.fold import key as fold_key
from graph.model import CO_OCCURS, CORE_TYPES, ENTITY_TYPES, RELATION_TYPES

__all__ = [
    "AttributeScore",
    "Miss",
    "Report",
    "Score",
    "Table",
    "format_report",
    "load_gold",
    "name_key",
    "report_to_dict",
    "score",
]

#: The attribute keys of a ``Project``, in the order reports list them.
ATTRIBUTE_KEYS: tuple[str, ...] = ("investment_yuan", "status", "year")
#: Attribute keys compared as numbers (relative tolerance :data:`REL_TOL`).
NUMERIC_ATTRIBUTES: frozenset[str] = frozenset({"investment_yuan", "year"})
REL_TOL = 1e-6
#: Relation types whose direction does not matter.
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"cooperates"})
#: The order misses are listed in.
MISS_KINDS: tuple[str, ...] = ("entity", "mention", "relation", "attribute")

#: The matching key of a name: full-width folded to half-width char for char (no NFKC),
#: white space and quotation/book-title marks dropped; the resolver's own key.
name_key = fold_key


# ---------------------------------------------------------------------------------------------
# Report rows


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one row of a precision/recall table: one type, or a total."""

    label: str
    """The entity/relation type, or ``core`` (the four core types) / ``all`` for totals."""
    gold: int
    """How many items the gold holds."""
    predicted: int
    """How many items the prediction holds."""
    correct: int
    """How many predicted items match a gold item."""

    @property
    def precision(self) -> float:
        """Return ``correct / predicted``, 0.0 when nothing was predicted."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Return ``correct / gold``, 0.0 when the gold holds nothing."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall, 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one kind (entities, mentions or relations): one per type, then totals."""

    kind: str
    """``entities``, ``mentions`` or ``relations``."""
    rows: tuple[Score, ...]
    """One row per type present in gold or prediction, in schema order (entity types: core four,
    Person, Organization), then any other type alphabetically."""
    totals: tuple[Score, ...]
    """Micro-averaged totals: ``core`` and ``all`` (relations: ``all`` only)."""

    def __getitem__(self, label: str) -> Score:
        """Return the row or total named ``label``; raise ``KeyError`` naming it if absent."""
        for row in self.rows + self.totals:
            if row.label == label:
                return row
        raise KeyError(f"no {self.kind} row {label!r}; have {[r.label for r in self.rows + self.totals]}")

    def __iter__(self) -> Iterator[Score]:
        """Iterate over the rows, then the totals."""
        return iter(self.rows + self.totals)


@dataclass(frozen=True, slots=True)
class AttributeScore:
    """Accuracy of one Project attribute key (or ``all``) over the gold entities that carry it."""

    key: str
    """``investment_yuan``, ``status``, ``year`` (or another key the gold uses), or ``all``."""
    gold: int
    """How many ``(entity, key)`` pairs the gold holds."""
    correct: int
    """How many of them the matched predicted entity gives the same value."""

    @property
    def accuracy(self) -> float:
        """Return ``correct / gold``, 0.0 when the gold holds none."""
        return self.correct / self.gold if self.gold else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One error: a false negative, a false positive, or a wrong attribute value."""

    kind: str
    """``entity``, ``mention``, ``relation`` or ``attribute``."""
    error: str
    """``fn`` (in gold, not found), ``fp`` (predicted, not in gold) or ``wrong`` (attributes)."""
    doc: str
    """The document id."""
    type: str
    """The entity or relation type; for attributes, the attribute key."""
    text: str
    """Entity: its name. Mention: its surface text (empty without texts). Relation:
    ``head → tail`` names. Attribute: ``name: gold … / predicted …``."""
    start: int = -1
    """A mention's start offset; -1 for other kinds."""
    end: int = -1
    """A mention's end offset; -1 for other kinds."""

    def sort_key(self) -> tuple[Any, ...]:
        """Return the key misses are sorted by: kind, error, document, type, offset, text."""
        return (MISS_KINDS.index(self.kind) if self.kind in MISS_KINDS else len(MISS_KINDS),
                self.kind, self.error, self.doc, self.type, self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything :func:`score` found: tables per kind, attribute accuracy, misses."""

    entities: Table
    """Entity precision/recall per type, with ``core`` and ``all`` totals."""
    mentions: Table
    """Mention-span precision/recall per type, with ``core`` and ``all`` totals."""
    relations: Table
    """Relation precision/recall per type, with an ``all`` total (``coOccurs`` ignored)."""
    attributes: tuple[AttributeScore, ...]
    """Project attribute accuracy per key, then ``all``."""
    misses: tuple[Miss, ...]
    """Every false negative, false positive and wrong attribute, sorted by :meth:`Miss.sort_key`."""
    documents: tuple[str, ...]
    """The scored document ids (those in gold), sorted."""
    unscored: tuple[str, ...]
    """Predicted document ids absent from gold, sorted; they count nowhere."""

    def attribute(self, key: str) -> AttributeScore:
        """Return the attribute row for ``key`` (or ``all``); raise ``KeyError`` naming it if absent."""
        for row in self.attributes:
            if row.key == key:
                return row
        raise KeyError(f"no attribute row {key!r}; have {[r.key for r in self.attributes]}")


# ---------------------------------------------------------------------------------------------
# Loading


def load_gold(folder: str | Path) -> dict[str, dict]:
    """Read gold (or ``kg extract``) objects, one JSON object per line.

    Takes a folder, every ``*.jsonl`` of which is read in name order (or a single ``.jsonl``
    file); returns ``{doc id: object}`` with document ids sorted. Raises ``ValueError`` naming
    the file and line of a line that is not JSON, lacks ``doc``, or repeats a document.
    """
    path = Path(folder)
    files = [path] if path.is_file() else sorted(path.glob("*.jsonl"))
    found: dict[str, tuple[dict, str]] = {}
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not JSON ({exc})") from exc
            doc = obj.get("doc") if isinstance(obj, dict) else None
            if not isinstance(doc, str) or not doc:
                raise ValueError(f"{where}: no 'doc' key")
            if doc in found:
                raise ValueError(f"{where}: {doc} already given at {found[doc][1]}")
            found[doc] = (obj, where)
    return {doc: found[doc][0] for doc in sorted(found)}


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True, slots=True)
class _Ent:
    """An entity of one side of one document, as the scorer sees it."""

    index: int
    id: str
    type: str
    name: str
    keys: frozenset[str]
    canonical: str
    attributes: Mapping[str, Any]


def _entities(obj: Mapping[str, Any] | None) -> list[_Ent]:
    out = []
    for i, ent in enumerate((obj or {}).get("entities") or ()):
        name = str(ent.get("name") or "")
        canonical = name_key(name)
        keys = {canonical, *(name_key(str(a)) for a in ent.get("aliases") or ())}
        keys.discard("")
        out.append(_Ent(i, str(ent.get("id", f"#{i}")), str(ent.get("type", "")), name,
                        frozenset(keys), canonical, ent.get("attributes") or {}))
    return out


def _name_score(g: _Ent, p: _Ent) -> tuple[int, int]:
    """Return how well two same-typed entities' names match; ``(0, 0)`` when they do not."""
    shared = len(g.keys & p.keys)
    if not shared:
        return (0, 0)
    if g.canonical and g.canonical == p.canonical:
        level = 3
    elif g.canonical in p.keys or p.canonical in g.keys:
        level = 2
    else:
        level = 1
    return (level, shared)


def _match(gold: list[_Ent], pred: list[_Ent]) -> dict[int, int]:
    """Match gold to predicted entities one to one, greedily by best name match.

    Returns ``{gold index: predicted index}``. Candidates are same-typed pairs sharing a name
    key, ranked by canonical=canonical, then canonical=alias, then alias=alias, then by how many
    keys they share; ties go to the earlier gold entity, then the earlier predicted entity.
    """
    by_type: dict[str, list[_Ent]] = defaultdict(list)
    for p in pred:
        by_type[p.type].append(p)
    candidates = []
    for g in gold:
        for p in by_type.get(g.type, ()):
            level, shared = _name_score(g, p)
            if level:
                candidates.append((-level, -shared, g.index, p.index))
    candidates.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in candidates:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _spans(obj: Mapping[str, Any] | None) -> set[tuple[int, int, str]]:
    """Return the ``(start, end, type)`` mention spans of every entity of ``obj``."""
    out = set()
    for ent in (obj or {}).get("entities") or ():
        for m in ent.get("mentions") or ():
            if isinstance(m, Mapping):
                start, end = m.get("start"), m.get("end")
            elif isinstance(m, (list, tuple)) and len(m) >= 2:
                start, end = m[0], m[1]
            else:
                continue
            if isinstance(start, int) and isinstance(end, int):
                out.add((start, end, str(ent.get("type", ""))))
    return out


def _relation_key(type_: str, head: str, tail: str) -> tuple[str, str, str]:
    if type_ in SYMMETRIC_RELATIONS and tail < head:
        head, tail = tail, head
    return (type_, head, tail)


def _relations(obj: Mapping[str, Any] | None) -> set[tuple[str, str, str]]:
    """Return the distinct stated relations of ``obj`` as ``(type, head id, tail id)``."""
    out = set()
    for rel in (obj or {}).get("relations") or ():
        type_ = str(rel.get("type", ""))
        if type_ == CO_OCCURS:
            continue
        out.add(_relation_key(type_, str(rel.get("head", "")), str(rel.get("tail", ""))))
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(Decimal(value.strip()))
        except (InvalidOperation, ValueError):
            return None
    return None


def _same_value(key: str, gold: Any, pred: Any) -> bool:
    """Return whether an attribute value matches: numbers within :data:`REL_TOL`, else equal."""
    if key in NUMERIC_ATTRIBUTES:
        g, p = _number(gold), _number(pred)
        if g is not None and p is not None:
            return math.isclose(g, p, rel_tol=REL_TOL)
    return pred is not None and str(gold) == str(pred)


def _type_order(types: Iterable[str], known_order: tuple[str, ...]) -> list[str]:
    present = set(types)
    known = [t for t in known_order if t in present]
    return known + sorted(present - set(known))


def _table(kind: str, counts: Mapping[str, list[int]], core: bool) -> Table:
    order = ENTITY_TYPES if core else RELATION_TYPES
    rows = tuple(Score(t, *counts[t]) for t in _type_order(counts, order))
    totals = []
    if core:
        core_rows = [r for r in rows if r.label in CORE_TYPES]
        totals.append(Score("core", *(sum(getattr(r, f) for r in core_rows)
                                      for f in ("gold", "predicted", "correct"))))
    totals.append(Score("all", *(sum(getattr(r, f) for r in rows)
                                 for f in ("gold", "predicted", "correct"))))
    return Table(kind, rows, tuple(totals))


def _surface(texts: Mapping[str, str] | None, doc: str, start: int, end: int) -> str:
    text = (texts or {}).get(doc)
    if text is None or not 0 <= start < end <= len(text):
        return ""
    return text[start:end]


def score(
    predicted: Mapping[str, Mapping[str, Any]],
    gold: Mapping[str, Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> Report:
    """Score predicted objects against gold objects, document by document.

    Takes ``predicted`` and ``gold`` as ``{doc id: SCHEMA.md object}`` (``load_gold`` reads
    either) and optionally ``texts`` as ``{doc id: document text}`` for the surface text of
    missed mentions. Only documents in ``gold`` are scored: a gold document without a
    prediction counts every gold item as missed; a predicted document absent from gold is
    listed in :attr:`Report.unscored`. Returns a :class:`Report`; the inputs are not changed.

    >>> gold = {"d": {"entities": [
    ...     {"id": "a", "type": "Company", "name": "卓立", "mentions": []},
    ...     {"id": "b", "type": "Company", "name": "中建七局", "mentions": []}],
    ...     "relations": [{"type": "cooperates", "head": "a", "tail": "b", "evidence": [[0, 5]]}]}}
    >>> pred = {"d": {"entities": [
    ...     {"id": "1", "type": "Company", "name": "中建七局"},
    ...     {"id": "2", "type": "Company", "name": "焦作卓立膜材料股份有限公司", "aliases": ["卓立"]}],
    ...     "relations": [{"type": "cooperates", "head": "1", "tail": "2"}]}}
    >>> report = score(pred, gold)
    >>> report.entities["all"].f1, report.relations["cooperates"].f1
    (1.0, 1.0)
    """
    ent_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    men_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rel_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    att_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[Miss] = []

    for doc in sorted(gold):
        g_obj, p_obj = gold[doc], predicted.get(doc)

        # Entities: one-to-one matching by type and shared name.
        g_ents, p_ents = _entities(g_obj), _entities(p_obj)
        matched = _match(g_ents, p_ents)
        used = set(matched.values())
        for g in g_ents:
            ent_counts[g.type][0] += 1
            if g.index in matched:
                ent_counts[g.type][2] += 1
            else:
                misses.append(Miss("entity", "fn", doc, g.type, g.name))
        for p in p_ents:
            ent_counts[p.type][1] += 1
            if p.index not in used:
                misses.append(Miss("entity", "fp", doc, p.type, p.name))

        # Mentions: exact spans with their type.
        g_spans, p_spans = _spans(g_obj), _spans(p_obj)
        for start, end, type_ in g_spans:
            men_counts[type_][0] += 1
            if (start, end, type_) in p_spans:
                men_counts[type_][2] += 1
            else:
                misses.append(Miss("mention", "fn", doc, type_, _surface(texts, doc, start, end), start, end))
        for start, end, type_ in p_spans:
            men_counts[type_][1] += 1
            if (start, end, type_) not in g_spans:
                misses.append(Miss("mention", "fp", doc, type_, _surface(texts, doc, start, end), start, end))

        # Relations: gold ends mapped to predicted ids through the entity matching.
        g_by_id = {g.id: g for g in g_ents}
        p_by_id = {p.id: p for p in p_ents}
        to_pred = {g_ents[gi].id: p_ents[pi].id for gi, pi in matched.items()}
        g_rels, p_rels = _relations(g_obj), _relations(p_obj)
        found: set[tuple[str, str, str]] = set()
        for type_, head, tail in sorted(g_rels):
            rel_counts[type_][0] += 1
            mapped = (_relation_key(type_, to_pred[head], to_pred[tail])
                      if head in to_pred and tail in to_pred else None)
            if mapped in p_rels:
                rel_counts[type_][2] += 1
                found.add(mapped)
            else:
                names = [g_by_id[i].name if i in g_by_id else i for i in (head, tail)]
                misses.append(Miss("relation", "fn", doc, type_, f"{names[0]} → {names[1]}"))
        for type_, head, tail in p_rels:
            rel_counts[type_][1] += 1
            if (type_, head, tail) not in found:
                names = [p_by_id[i].name if i in p_by_id else i for i in (head, tail)]
                misses.append(Miss("relation", "fp", doc, type_, f"{names[0]} → {names[1]}"))

        # Attributes of gold projects, read from the matched predicted entity.
        for g in g_ents:
            if g.type != "Project":
                continue
            p_attrs = p_ents[matched[g.index]].attributes if g.index in matched else {}
            for key, value in g.attributes.items():
                att_counts[key][0] += 1
                got = p_attrs.get(key)
                if _same_value(key, value, got):
                    att_counts[key][1] += 1
                else:
                    shown = "missing" if got is None else repr(got)
                    misses.append(Miss("attribute", "wrong", doc, key,
                                       f"{g.name}: gold {value!r} / predicted {shown}"))

    keys = [k for k in ATTRIBUTE_KEYS if k in att_counts] + sorted(set(att_counts) - set(ATTRIBUTE_KEYS))
    attributes = [AttributeScore(k, *att_counts[k]) for k in keys]
    attributes.append(AttributeScore("all", sum(a.gold for a in attributes), sum(a.correct for a in attributes)))
    return Report(
        entities=_table("entities", ent_counts, core=True),
        mentions=_table("mentions", men_counts, core=True),
        relations=_table("relations", rel_counts, core=False),
        attributes=tuple(attributes),
        misses=tuple(sorted(misses, key=Miss.sort_key)),
        documents=tuple(sorted(gold)),
        unscored=tuple(sorted(set(predicted) - set(gold))),
    )


# ---------------------------------------------------------------------------------------------
# Output

_HEADER = ("type", "gold", "predicted", "correct", "P", "R", "F1")


def _render_table(title: str, table: Table) -> list[str]:
    width = max([len(_HEADER[0])] + [len(r.label) for r in table])
    lines = [title, f"{_HEADER[0]:<{width}}  {'gold':>6}  {'predicted':>9}  {'correct':>7}"
                    f"  {'P':>5}  {'R':>5}  {'F1':>5}"]
    for row in table:
        lines.append(f"{row.label:<{width}}  {row.gold:>6}  {row.predicted:>9}  {row.correct:>7}"
                     f"  {row.precision:.3f}  {row.recall:.3f}  {row.f1:.3f}")
    return lines


def _render_miss(miss: Miss) -> str:
    if miss.kind == "mention":
        surface = f" {miss.text!r}" if miss.text else ""
        return f"  {miss.error}  {miss.doc}  {miss.type}  [{miss.start}, {miss.end}){surface}"
    return f"  {miss.error}  {miss.doc}  {miss.type}  {miss.text}"


def format_report(report: Report, misses: bool | int = True) -> str:
    """Render ``report`` as plain text.

    Takes a :class:`Report` and ``misses``: True to list every miss, False for none, or an
    int ``N`` for at most ``N`` per kind. Returns tables for entities, mentions and relations
    (type, gold, predicted, correct, P, R, F1 to 3 decimals), the attribute accuracy table,
    then the misses by kind, ending in a newline.
    """
    lines = [f"documents scored: {len(report.documents)}"]
    if report.unscored:
        lines.append(f"unscored (not in gold): {', '.join(report.unscored)}")
    for title, table in (("entities", report.entities), ("mentions", report.mentions),
                         ("relations", report.relations)):
        lines.append("")
        lines += _render_table(title, table)
    lines += ["", "attributes"]
    width = max([len("attribute")] + [len(a.key) for a in report.attributes])
    lines.append(f"{'attribute':<{width}}  {'gold':>6}  {'correct':>7}  {'accuracy':>8}")
    for row in report.attributes:
        lines.append(f"{row.key:<{width}}  {row.gold:>6}  {row.correct:>7}  {row.accuracy:>8.3f}")
    if misses is not False:
        limit = None if misses is True else max(int(misses), 0)
        by_kind: dict[str, list[Miss]] = defaultdict(list)
        for miss in report.misses:
            by_kind[miss.kind].append(miss)
        for kind in sorted(by_kind, key=lambda k: (MISS_KINDS.index(k) if k in MISS_KINDS else 99, k)):
            items = by_kind[kind]
            shown = items if limit is None else items[:limit]
            lines += ["", f"{kind} misses ({len(items)})"]
            lines += [_render_miss(m) for m in shown]
            if len(shown) < len(items):
                lines.append(f"  … {len(items) - len(shown)} more")
    return "\n".join(lines) + "\n"


def _score_dict(row: Score) -> dict[str, Any]:
    return {"gold": row.gold, "predicted": row.predicted, "correct": row.correct,
            "precision": row.precision, "recall": row.recall, "f1": row.f1}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return ``report`` as plain JSON-ready data.

    Takes a :class:`Report`; returns ``{"documents", "unscored", "entities", "mentions",
    "relations", "attributes", "misses"}``: each table as ``{label: {"gold", "predicted",
    "correct", "precision", "recall", "f1"}}`` (types, then ``core``/``all``), attributes as
    ``{key: {"gold", "correct", "accuracy"}}``, misses as a list of dicts in report order.
    """
    return {
        "documents": list(report.documents),
        "unscored": list(report.unscored),
        **{table.kind: {row.label: _score_dict(row) for row in table}
           for table in (report.entities, report.mentions, report.relations)},
        "attributes": {a.key: {"gold": a.gold, "correct": a.correct, "accuracy": a.accuracy}
                       for a in report.attributes},
        "misses": [
            {"kind": m.kind, "error": m.error, "doc": m.doc, "type": m.type, "text": m.text,
             **({"span": [m.start, m.end]} if m.kind == "mention" else {})}
            for m in report.misses
        ],
    }
