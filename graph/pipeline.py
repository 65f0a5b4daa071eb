"""The pipeline: files in, an :class:`Extraction` out, through stages read top to bottom.

Per-document stages (``segment``, ``recognize``) map over documents; the corpus-level
``resolve`` stage runs once; ``relate`` maps over documents again with the resolved ids.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from time import perf_counter
from typing import TYPE_CHECKING, TypeVar

from graph.forkpool import can_fork, fork_map, shared
from graph.gcpause import paused_gc
from graph.lexicon import Lexicon, load_lexicon
from graph.model import Document, Dropped, Entity, Evidence, Extraction, Mention, Relation, Sentence
from graph.recognize import recognize
from graph.relate import SUBJECT_FOLLOWER, Resolved, project_attributes, relate
from graph.resolve import DocContext, DocKeys, context_used, doc_context, document_keys, merge, name_key
from graph.segment import sentences as split_sentences
from graph.segment import warm_up

if TYPE_CHECKING:  # pragma: no cover
    from graph.cache import ResultCache

Progress = Callable[[str, int], None]
_Owner = TypeVar("_Owner", Entity, Relation)
_Part = TypeVar("_Part", Mention, Evidence)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the per-document stages found in one document."""

    doc: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dropped: tuple[Dropped, ...]
    keys: DocKeys
    """The article's context and its mentions' resolution keys (the per-document part of resolve)."""


def analyse(doc: Document, lexicon: Lexicon, timings: dict[str, float] | None = None) -> DocumentResult:
    """Run the per-document stages on ``doc``: segment, recognize, then the keys of
    :func:`graph.resolve.document_keys` (seconds added to ``timings``)."""
    t0 = perf_counter()
    sentences = split_sentences(doc)
    t1 = perf_counter()
    mentions, dropped = recognize(doc, sentences, lexicon)
    t2 = perf_counter()
    keys = document_keys(doc, mentions, lexicon)
    if timings is not None:
        for stage, seconds in (("segment", t1 - t0), ("recognize", t2 - t1), ("keys", perf_counter() - t2)):
            timings[stage] = timings.get(stage, 0.0) + seconds
    return DocumentResult(doc, sentences, mentions, dropped, keys)


#: The stages in order, for a newcomer: (name, what it does).
STAGES: tuple[tuple[str, str], ...] = (
    ("load", "graph.corpus.load: files → Documents (UTF-8, BOM, GB18030)"),
    ("segment", "graph.segment.sentences: Document → Sentences with offsets"),
    ("recognize", "graph.recognize.recognize: Sentences → Mentions (suffixes, gazetteer, patterns)"),
    ("keys", "graph.resolve.document_keys: a Document's Mentions → resolution keys (exact, fold, abbreviation, context)"),
    ("resolve", "graph.resolve.merge: all Mentions → Entities by their keys"),
    ("relate", "graph.relate.relate: Entities in Sentences → Relations with evidence, attributes"),
    ("build", "graph.kg.KnowledgeGraph.build: Extraction → networkx MultiDiGraph"),
)


def _reporters(result: DocumentResult, index: dict[tuple[str, int, int, str], str]) -> list[tuple[int, str]]:
    """Return ``(offset, entity id)`` of the bodies whose work report the article is, in order
    (an empty id: from there on no body reports).

    The headline block (the lines before the first full sentence) names the first: its first
    department, else its first place. From a section heading on (a line that is a department's
    name, alone or before a colon), or from a paragraph that opens with a department as its one
    subject (``市工信局每月跟踪…``), that department reports; in an article that is no work
    report (no body in its headline), only to the end of that paragraph.
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
    is_report = bool(found)
    for m in outer:
        if m.type == "Department" and m.end > head_end and _opens_section(text, m):
            found.append((m.start, index[(m.doc_id, m.start, m.end, m.type)]))
            if not is_report:
                paragraph_end = text.find("\n", m.end)
                found.append((len(text) if paragraph_end < 0 else paragraph_end, ""))
    return sorted(found)


def _opens_section(text: str, m: Mention) -> bool:
    """Return True when department mention ``m`` heads what follows: it is a line of its own,
    a heading before a colon (``市发改委：…``), or the sole subject opening a paragraph (not a
    person's title: ``市委书记…``)."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip():
        return False
    line_end = text.find("\n", m.end)
    rest = text[m.end : len(text) if line_end < 0 else line_end].strip()
    return not rest or rest[0] in ":：" or not SUBJECT_FOLLOWER.match(rest)


@dataclass
class PlaceKeys:
    """The resolution keys of a corpus's Place entities, computed once per run: ``plain`` maps
    the id of each place whose key reads no context to its key; ``by_city`` maps a city's
    context (``DocContext(city=…)``) to ``{key: id}`` of every place in that city's articles."""

    plain: dict[str, str] = field(default_factory=dict)
    by_city: dict[DocContext, dict[str, str]] = field(default_factory=dict)


def _area_ids(ctx: DocContext, places: Sequence[Entity], lexicon: Lexicon, memo: PlaceKeys) -> dict[str, str]:
    """Return the ids of the article's province, city and district keyed ``省``, ``市``, ``区``, ``县``.

    ``memo`` keeps the Place keys, so each is computed once per corpus (and city, for the
    few a city changes: zone words).
    """
    city = DocContext(city=ctx.city)  # the only part of ctx a Place's key reads (context_used)
    if city not in memo.by_city:
        by_key = memo.by_city[city] = {}
        for e in places:
            key = memo.plain.get(e.id)
            if key is None:
                used = context_used(e.name, e.type, city, lexicon)
                key = name_key(e.name, e.type, used, lexicon)[0]
                if used == DocContext() and ctx.city:  # it read nothing, though a city was given
                    memo.plain[e.id] = key
            by_key[key] = e.id
    by_key = memo.by_city[city]
    ids: dict[str, str] = {}
    for level, name in (("省", ctx.province), ("市", ctx.city), ("区", ctx.district), ("县", ctx.district)):
        if name:
            eid = by_key.get(name_key(name, "Place", ctx, lexicon)[0])
            if eid:
                ids[level] = eid
    return ids


def relate_document(result: DocumentResult, places: Sequence[Entity],
                    index: dict[tuple[str, int, int, str], str], lexicon: Lexicon, memo: PlaceKeys,
                    ctx: DocContext | None = None) -> tuple[tuple[Relation, ...], dict[str, dict[str, object]]]:
    """Run the ``relate`` stage on one document; return its relations and project attributes.

    ``places`` are the corpus's Place entities; ``memo`` is shared by the documents of one run;
    ``ctx`` is the document's :func:`graph.resolve.doc_context`, computed here if not given.
    """
    resolved = [
        Resolved(m.start, m.end, index[(m.doc_id, m.start, m.end, m.type)], m.type, m.nested, m.key)
        for m in result.mentions
    ]
    ctx = doc_context(result.doc, result.mentions, lexicon) if ctx is None else ctx
    relations = relate(result.doc, result.sentences, resolved, lexicon, ctx,
                       _area_ids(ctx, places, lexicon, memo), _reporters(result, index))
    return relations, project_attributes(result.doc, result.sentences, resolved, lexicon)


def _analyse_in_worker(doc: Document, lexicon_file: str | None) -> bytes:
    """Run :func:`analyse` in a worker process, loading the (cached) lexicon there; return the
    result as :func:`graph.cache.dumps` bytes, which the parent reads much faster than a default pickle."""
    from graph.cache import dumps

    return dumps(analyse(doc, load_lexicon(lexicon_file)))


def extract(documents: Iterable[Document], lexicon: Lexicon | None = None,
            progress: Progress | None = None, jobs: int = 1, lexicon_file: str | None = None,
            cache: ResultCache | None = None, timings: dict[str, float] | None = None) -> Extraction:
    """Run every stage on ``documents`` and return the :class:`Extraction`.

    ``progress(stage, n)`` is called after each document of each per-document stage. With
    ``jobs`` > 1 the per-document stages run in a process pool (each worker loads the lexicon
    of ``lexicon_file``), and so does ``relate`` (forked after ``resolve``); the result is the
    same as with one process. With a ``cache`` (:class:`graph.cache.ResultCache`), only the
    documents it lacks are segmented and recognized.
    ``timings``, if given, receives the seconds spent per stage (``analyse`` is the wall time
    of the per-document stages, ``segment`` and ``recognize`` their share in this process).
    """
    with paused_gc():
        return _extract(documents, lexicon, progress, jobs, lexicon_file, cache, timings)


def _extract(documents: Iterable[Document], lexicon: Lexicon | None, progress: Progress | None, jobs: int,
             lexicon_file: str | None, cache: ResultCache | None, timings: dict[str, float] | None) -> Extraction:
    """Do the work of :func:`extract` (same arguments, same result)."""
    lexicon = lexicon or load_lexicon(lexicon_file)
    docs = sorted(documents, key=lambda d: d.id)
    clock = perf_counter()
    results: list[DocumentResult | None] = [cache.get(doc, lexicon) if cache else None for doc in docs]
    todo = [i for i, r in enumerate(results) if r is None]
    if progress and len(todo) < len(docs):
        progress("recognize", len(docs) - len(todo))
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        if can_fork(jobs):
            warm_up()  # forked workers inherit the word tables and the segmenter

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            work = partial(_analyse_in_worker, lexicon_file=lexicon_file)
            chunks = max(1, len(todo) // (16 * jobs))  # small: the workers finish together
            for i, data in zip(todo, pool.map(work, [docs[i] for i in todo], chunksize=chunks)):
                results[i] = pickle.loads(data)
                if cache:
                    cache.put(docs[i], lexicon, data)
                if progress:
                    progress("recognize", 1)
    else:
        for i in todo:
            results[i] = analyse(docs[i], lexicon, timings)
            if cache:
                cache.put(docs[i], lexicon, results[i])
            if progress:
                progress("recognize", 1)
    clock = _lap(timings, "analyse", clock)
    contexts = {r.doc.id: r.keys.context for r in results}
    entities, index = merge(docs, {r.doc.id: r.mentions for r in results}, {r.doc.id: r.keys for r in results})
    places = [e for e in entities if e.type == "Place"]
    clock = _lap(timings, "resolve", clock)
    relations: dict[tuple[str, str, str], set] = {}
    attributes: dict[str, dict[str, object]] = {}
    for rels, attrs in _relate_cached(results, places, index, lexicon, jobs, cache, contexts):
        for rel in rels:
            relations.setdefault((rel.type, rel.head, rel.tail), set()).update(rel.evidence)
        for eid, values in attrs.items():
            for key, value in values.items():
                attributes.setdefault(eid, {}).setdefault(key, value)
        if progress:
            progress("relate", 1)
    _lap(timings, "relate", clock)
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


Related = tuple[tuple[Relation, ...], dict[str, dict[str, object]]]


def _relate_cached(results: Sequence[DocumentResult], places: Sequence[Entity],
                   index: dict[tuple[str, int, int, str], str], lexicon: Lexicon, jobs: int,
                   cache: ResultCache | None, contexts: Mapping[str, DocContext]) -> list[Related]:
    """Return :func:`relate_document` of each of ``results`` (``contexts``: their contexts by
    document id), in order: from the ``cache`` where it holds them
    (:meth:`graph.cache.ResultCache.relate_key`), else by :func:`_relate_all`, storing what it finds."""
    if cache is None:
        return list(_relate_all(results, places, index, lexicon, jobs, contexts))
    memo = PlaceKeys()
    keys = []
    for result in results:
        ids = [index[(m.doc_id, m.start, m.end, m.type)] for m in result.mentions]
        areas = _area_ids(contexts[result.doc.id], places, lexicon, memo)
        keys.append(cache.relate_key(result.doc, lexicon, ids, areas))
    related: list[Related | None] = [cache.get_related(key) for key in keys]  # type: ignore[misc]
    todo = [i for i, found in enumerate(related) if found is None]
    for i, found in zip(todo, _relate_all([results[i] for i in todo], places, index, lexicon, jobs, contexts)):
        related[i] = found
        cache.put_related(keys[i], found)
    return related  # type: ignore[return-value]


def _relate_all(results: Sequence[DocumentResult], places: Sequence[Entity],
                index: dict[tuple[str, int, int, str], str], lexicon: Lexicon, jobs: int,
                contexts: Mapping[str, DocContext]) -> Iterable[Related]:
    """Yield :func:`relate_document` of each of ``results``, in order.

    With ``jobs`` > 1 (where processes can fork) the documents are split among forked workers
    that share the inputs copy-on-write (:func:`graph.forkpool.fork_map`); only the relations
    and attributes come back, pickled.
    """
    if not can_fork(jobs) or len(results) < 2:
        memo = PlaceKeys()
        return (relate_document(result, places, index, lexicon, memo, contexts[result.doc.id]) for result in results)
    size = max(1, len(results) // (4 * jobs))
    spans = [(start, min(start + size, len(results))) for start in range(0, len(results), size)]
    chunks = fork_map(_relate_span, spans, (results, places, index, lexicon, contexts), jobs)
    return [related for data in chunks for related in pickle.loads(data)]


def _relate_span(span: tuple[int, int]) -> bytes:
    """Run :func:`relate_document` on the results ``span`` (start, end) of the inputs the parent
    shared; return the list of what it returns as :func:`graph.cache.dumps` bytes."""
    from graph.cache import dumps

    results, places, index, lexicon, contexts = shared()
    memo = PlaceKeys()
    return dumps([relate_document(results[i], places, index, lexicon, memo, contexts[results[i].doc.id])
                  for i in range(*span)])


def _lap(timings: dict[str, float] | None, stage: str, since: float) -> float:
    """Add the seconds since ``since`` to ``timings[stage]`` (if given); return the time now."""
    now = perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + now - since
    return now


def to_schema(extraction: Extraction, explain: bool = False) -> list[dict[str, object]]:
    """Return one SCHEMA-format object per document (the ``kg extract`` output), sorted by doc.

    Entity ids are corpus-wide; a mention carries its ``rule``; evidence its ``cue``. With
    ``explain``, each entity also lists how its names were merged (``merges``: name and
    resolution rule) and each document the candidates dropped, with the reason.
    """
    entities = _by_doc(extraction.entities, lambda ent: ent.mentions)
    relations = _by_doc(extraction.relations, lambda rel: rel.evidence)
    dropped: dict[str, list[Dropped]] = {}
    for d in extraction.dropped:
        dropped.setdefault(d.doc_id, []).append(d)
    out = []
    for doc in extraction.documents:
        obj: dict[str, object] = {
            "doc": doc.id, "title": doc.title, "date": doc.date,
            "entities": [_entity_item(ent, here, explain) for ent, here in entities.get(doc.id, ())],
            "relations": [
                {"type": rel.type, "head": rel.head, "tail": rel.tail,
                 "evidence": [[e.start, e.end] for e in evidence], "cues": [e.cue for e in evidence]}
                for rel, evidence in relations.get(doc.id, ())
            ],
        }
        if explain:
            obj["dropped"] = [
                {"span": [d.start, d.end], "text": d.surface, "reason": d.reason}
                for d in dropped.get(doc.id, ())
            ]
        out.append(obj)
    return out


def _by_doc(owners: Iterable[_Owner], parts: Callable[[_Owner], Iterable[_Part]]
            ) -> dict[str, list[tuple[_Owner, list[_Part]]]]:
    """Return ``{doc id: [(owner, its parts in that document), …]}`` for entities and their
    mentions or relations and their evidence, owners and parts in the order given."""
    grouped: dict[str, list[tuple[_Owner, list[_Part]]]] = {}
    for owner in owners:
        mine: dict[str, list[_Part]] = {}
        for part in parts(owner):
            mine.setdefault(part.doc_id, []).append(part)
        for doc_id, found in mine.items():
            grouped.setdefault(doc_id, []).append((owner, found))
    return grouped


def _entity_item(ent: Entity, here: Sequence[Mention], explain: bool) -> dict[str, object]:
    """Return the SCHEMA-format object of ``ent`` in a document where it has the mentions ``here``."""
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
    if explain:
        item["merges"] = [list(pair) for pair in ent.merges]
    return item


def _json_value(value: object) -> object:
    """Return ``value`` as JSON can hold it: a Decimal becomes an int or a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
