"""The pipeline: files in, an :class:`Extraction` out, through stages read top to bottom.

Per-document stages (``segment``, ``recognize``) map over documents; the corpus-level
``resolve`` stage runs once; ``relate`` maps over documents again with the resolved ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from graph.lexicon import Lexicon, load_lexicon
from graph.model import Document, Dropped, Entity, Extraction, Mention, Relation, Sentence
from graph.recognize import recognize
from graph.relate import Resolved, project_attributes, relate
from graph.resolve import doc_context, name_key, resolve
from graph.segment import sentences as split_sentences

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the per-document stages found in one document."""

    doc: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dropped: tuple[Dropped, ...]


def analyse(doc: Document, lexicon: Lexicon) -> DocumentResult:
    """Run the per-document stages on ``doc``: segment, then recognize."""
    sentences = split_sentences(doc)
    mentions, dropped = recognize(doc, sentences, lexicon)
    return DocumentResult(doc, sentences, mentions, dropped)


#: The stages in order, for a newcomer: (name, what it does).
STAGES: tuple[tuple[str, str], ...] = (
    ("load", "graph.corpus.load: files → Documents (UTF-8, BOM, GB18030)"),
    ("segment", "graph.segment.sentences: Document → Sentences with offsets"),
    ("recognize", "graph.recognize.recognize: Sentences → Mentions (suffixes, gazetteer, patterns)"),
    ("resolve", "graph.resolve.resolve: all Mentions → Entities (exact, fold, abbreviation, context)"),
    ("relate", "graph.relate.relate: Entities in Sentences → Relations with evidence, attributes"),
    ("build", "graph.kg.KnowledgeGraph.build: Extraction → networkx MultiDiGraph"),
)


def _reporters(result: DocumentResult, index: dict[tuple[str, int, int, str], str]) -> list[tuple[int, str]]:
    """Return ``(offset, entity id)`` of the bodies whose work report the article is, in order.

    The headline block (the lines before the first full sentence) names the first: its first
    department, else its first place. A line that is nothing but a department's name is a
    section heading: from there on that department reports.
    """
    text = result.doc.text
    first_stop = text.find("。")
    head_end = len(text) if first_stop < 0 else max(text.rfind("\n", 0, first_stop), 0)
    outer = [m for m in result.mentions if not m.nested]
    found: list[tuple[int, str]] = []
    in_head = [m for m in outer if m.end <= head_end]
    for wanted in ("Department", "Place"):
        match = next((m for m in in_head if m.type == wanted), None)
        if match:
            found.append((0, index[(match.doc_id, match.start, match.end, match.type)]))
            break
    for m in outer:
        if m.type != "Department" or m.end <= head_end:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if line.strip() == m.surface:
            found.append((m.start, index[(m.doc_id, m.start, m.end, m.type)]))
    return found


def _area_ids(result: DocumentResult, entities: Sequence[Entity], lexicon: Lexicon) -> dict[str, str]:
    """Return the ids of the article's province, city and district keyed ``省``, ``市``, ``区``, ``县``."""
    ctx = doc_context(result.doc, result.mentions, lexicon)
    by_key = {name_key(e.name, e.type, ctx, lexicon)[0]: e.id for e in entities if e.type == "Place"}
    ids: dict[str, str] = {}
    for level, name in (("省", ctx.province), ("市", ctx.city), ("区", ctx.district), ("县", ctx.district)):
        if name:
            eid = by_key.get(name_key(name, "Place", ctx, lexicon)[0])
            if eid:
                ids[level] = eid
    return ids


def relate_document(result: DocumentResult, entities: Sequence[Entity],
                    index: dict[tuple[str, int, int, str], str], lexicon: Lexicon
                    ) -> tuple[tuple[Relation, ...], dict[str, dict[str, object]]]:
    """Run the ``relate`` stage on one document; return its relations and project attributes."""
    resolved = [
        Resolved(m.start, m.end, index[(m.doc_id, m.start, m.end, m.type)], m.type, m.nested, m.key)
        for m in result.mentions
    ]
    ctx = doc_context(result.doc, result.mentions, lexicon)
    relations = relate(result.doc, result.sentences, resolved, lexicon, ctx,
                       _area_ids(result, entities, lexicon), _reporters(result, index))
    return relations, project_attributes(result.doc, result.sentences, resolved, lexicon)


def _analyse_in_worker(doc: Document, lexicon_file: str | None) -> DocumentResult:
    """Run :func:`analyse` in a worker process, loading the (cached) lexicon there."""
    return analyse(doc, load_lexicon(lexicon_file))


def extract(documents: Iterable[Document], lexicon: Lexicon | None = None,
            progress: Progress | None = None, jobs: int = 1, lexicon_file: str | None = None) -> Extraction:
    """Run every stage on ``documents`` and return the :class:`Extraction`.

    ``progress(stage, n)`` is called after each document of each per-document stage. With
    ``jobs`` > 1 the per-document stages run in a process pool (each worker loads the lexicon
    of ``lexicon_file``); the result is the same as with one process.
    """
    lexicon = lexicon or load_lexicon(lexicon_file)
    docs = sorted(documents, key=lambda d: d.id)
    results = []
    if jobs > 1 and len(docs) > 1:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            work = partial(_analyse_in_worker, lexicon_file=lexicon_file)
            for result in pool.map(work, docs, chunksize=max(1, len(docs) // (4 * jobs))):
                results.append(result)
                if progress:
                    progress("recognize", 1)
    else:
        for doc in docs:
            results.append(analyse(doc, lexicon))
            if progress:
                progress("recognize", 1)
    entities, index = resolve(docs, {r.doc.id: r.mentions for r in results}, lexicon)
    relations: dict[tuple[str, str, str], set] = {}
    attributes: dict[str, dict[str, object]] = {}
    for result in results:
        rels, attrs = relate_document(result, entities, index, lexicon)
        for rel in rels:
            relations.setdefault((rel.type, rel.head, rel.tail), set()).update(rel.evidence)
        for eid, values in attrs.items():
            for key, value in values.items():
                attributes.setdefault(eid, {}).setdefault(key, value)
        if progress:
            progress("relate", 1)
    final_entities = tuple(
        replace(e, attributes=tuple(sorted(attributes[e.id].items()))) if e.id in attributes else e
        for e in entities
    )
    final_relations = tuple(
        Relation(t, h, tl, tuple(sorted(ev, key=lambda e: (e.doc_id, e.start, e.end, e.cue))))
        for (t, h, tl), ev in sorted(relations.items())
    )
    dropped = tuple(d for r in results for d in r.dropped)
    return Extraction(tuple(docs), final_entities, final_relations, dropped)


def to_schema(extraction: Extraction) -> list[dict[str, object]]:
    """Return one SCHEMA-format object per document (the ``kg extract`` output), sorted by doc.

    Entity ids are corpus-wide; a mention carries its ``rule``; evidence its ``cue``.
    """
    out = []
    for doc in extraction.documents:
        entities = []
        for ent in extraction.entities:
            here = [m for m in ent.mentions if m.doc_id == doc.id]
            if not here:
                continue
            item: dict[str, object] = {
                "id": ent.id,
                "type": ent.type,
                "name": ent.name,
                "aliases": list(ent.aliases),
                "mentions": [[m.start, m.end] for m in here if not m.nested],
                "rules": [m.rule for m in here if not m.nested],
            }
            if ent.attributes:
                item["attributes"] = {k: _json_value(v) for k, v in ent.attributes}
            entities.append(item)
        relations = []
        for rel in extraction.relations:
            evidence = [e for e in rel.evidence if e.doc_id == doc.id]
            if evidence:
                relations.append({
                    "type": rel.type, "head": rel.head, "tail": rel.tail,
                    "evidence": [[e.start, e.end] for e in evidence],
                    "cues": [e.cue for e in evidence],
                })
        out.append({"doc": doc.id, "title": doc.title, "date": doc.date,
                    "entities": entities, "relations": relations})
    return out


def _json_value(value: object) -> object:
    """Return ``value`` as JSON can hold it: a Decimal becomes an int or a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
