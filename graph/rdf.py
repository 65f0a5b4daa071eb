"""The knowledge graph as RDF: :func:`triples` lists it, :func:`to_rdf` makes it an ``rdflib.Graph``.

What an export holds (terms in ``graph/ontology.ttl``, IRIs from :mod:`graph.vocab`):

* each entity: its class (``zhkg:Company`` …), ``rdfs:label "…"@zh``, ``skos:altLabel "…"@zh``
  per alias, ``zhkg:mentionCount``, ``zhkg:mentionedIn`` each document, and for projects
  ``zhkg:investmentYuan`` (``xsd:decimal``), ``zhkg:status`` (``@zh``), ``zhkg:year`` (``xsd:gYear``);
* each document: ``zhkg:Document`` with ``zhkg:fileName``, ``zhkg:title`` (``@zh``), ``zhkg:date``
  (``xsd:date``) where known;
* each relation: the direct triple (``head zhkg:manages tail``) and, per piece of evidence,
  an RDF reification: an ``rdf:Statement`` naming the triple with ``rdf:subject``/
  ``rdf:predicate``/``rdf:object``, ``prov:wasDerivedFrom`` the document, ``zhkg:sentence``
  (``@zh``), ``zhkg:startOffset``/``zhkg:endOffset`` (``xsd:integer``) and ``zhkg:cue``.
  Its IRI is a hash of head, type, tail, document and offsets, so it is stable.
  The weak ``coOccurs`` edge (two names in one sentence, not a stated relation) is the direct
  triple only: reifying each of its sentences would make three quarters of a corpus's triples
  and say nothing a query needs; ``graph.json`` keeps those sentences.

The triples are made as pyoxigraph terms and sorted by their N-Triples text: the exporters
hand them to pyoxigraph's (Rust) serialisers, which write a 10 MB corpus's graph some forty
times faster than rdflib's, and the order makes every file byte-stable. No blank nodes are
made. :func:`to_rdf` converts the same triples to rdflib for SHACL and for callers who want
rdflib's API.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.kg import KnowledgeGraph
from graph.model import CO_OCCURS
from graph.vocab import (
    DEFAULT_BASE_IRI,
    ENTITY_CLASSES,
    SCHEMA_NAMESPACE,
    ZHKG,
    ZHKG_NAMESPACE,
    document_iri,
    entity_iri,
    statement_iri,
)

#: Prefixes bound on every graph :func:`to_rdf` makes, besides ``id:`` for the base IRI.
PREFIXES: dict[str, str] = {
    "org": str(ORG),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": SCHEMA_NAMESPACE,
    "skos": str(SKOS),
    "xsd": str(XSD),
    "zhkg": ZHKG_NAMESPACE,
}
#: The language tag of names, statuses, titles and sentences.
LANG = "zh"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@lru_cache(maxsize=None)
def _iri(term: str) -> ox.NamedNode:
    """Return the pyoxigraph IRI of a vocabulary ``term`` (class, property, datatype), made once."""
    return ox.NamedNode(str(term))


# The vocabulary terms the triples use, looked up once (rdflib's namespace lookups are slow).
_ALT_LABEL = _iri(SKOS.altLabel)
_CUE = _iri(ZHKG.cue)
_DECIMAL = _iri(XSD.decimal)
_DOCUMENT = _iri(ZHKG.Document)
_END_OFFSET = _iri(ZHKG.endOffset)
_FILE_NAME = _iri(ZHKG.fileName)
_G_YEAR = _iri(XSD.gYear)
_INTEGER = _iri(XSD.integer)
_INVESTMENT_YUAN = _iri(ZHKG.investmentYuan)
_LABEL = _iri(RDFS.label)
_MENTIONED_IN = _iri(ZHKG.mentionedIn)
_MENTION_COUNT = _iri(ZHKG.mentionCount)
_OBJECT = _iri(RDF.object)
_PREDICATE = _iri(RDF.predicate)
_SENTENCE = _iri(ZHKG.sentence)
_START_OFFSET = _iri(ZHKG.startOffset)
_STATEMENT = _iri(RDF.Statement)
_STATUS = _iri(ZHKG.status)
_SUBJECT = _iri(RDF.subject)
_TITLE = _iri(ZHKG.title)
_TYPE = _iri(RDF.type)
_WAS_DERIVED_FROM = _iri(PROV.wasDerivedFrom)
_XSD_DATE = _iri(XSD.date)
_YEAR = _iri(ZHKG.year)
_ZHKG_DATE = _iri(ZHKG.date)


def shared_triples(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> list[ox.Triple]:
    """Return :func:`triples` of ``kg``, made once per graph and arguments and shared by the
    Turtle, JSON-LD and N-Triples exporters of one build. Callers must not modify the result.

    The memo lives on ``kg`` and is keyed by the arguments and the graph's node and edge counts.
    """
    memo: dict[tuple[str, bool, int, int], list[ox.Triple]] = kg.__dict__.setdefault("_rdf_memo", {})
    key = (base_iri, co_occurs, kg.G.number_of_nodes(), kg.G.number_of_edges())
    if key not in memo:
        memo.clear()
        memo[key] = triples(kg, base_iri, co_occurs=co_occurs)
    return memo[key]


def triples(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> list[ox.Triple]:
    """Return the RDF of ``kg`` as ``pyoxigraph.Triple`` objects, instance IRIs under ``base_iri``.

    The list has no duplicates and is sorted by each triple's N-Triples text, so a subject's
    triples are adjacent and the same graph always gives the same list. ``co_occurs=False``
    leaves the weak ``coOccurs`` edges (and their evidence) out. Raises ``ValueError`` for a
    base IRI that is not absolute or does not end in ``/`` or ``#``, and for an entity whose
    type has no class.
    """
    check_base_iri(base_iri)
    made: dict[str, ox.Triple] = {}
    for triple in _all_triples(kg, base_iri, co_occurs):
        made.setdefault(str(triple), triple)
    return [made[key] for key in sorted(made)]


def to_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> Graph:
    """Return ``kg`` as a new ``rdflib.Graph`` holding exactly :func:`triples`, with
    :data:`PREFIXES` and ``id:`` bound. Raises ``ValueError`` as :func:`triples` does.
    """
    graph = new_graph(base_iri)
    for triple in triples(kg, base_iri, co_occurs=co_occurs):
        graph.add((URIRef(triple.subject.value), URIRef(triple.predicate.value), _to_rdflib(triple.object)))
    return graph


def _to_rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """Return the rdflib term equal to the pyoxigraph ``term`` (an IRI or a literal)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _all_triples(kg: KnowledgeGraph, base_iri: str, co_occurs: bool) -> Iterator[ox.Triple]:
    """Yield every triple of ``kg``: documents, entities, relations with their evidence."""
    documents = _documents(kg)
    doc_iris = {doc_id: ox.NamedNode(str(document_iri(doc_id, base_iri))) for doc_id in documents}
    for doc_id, meta in documents.items():
        yield from _document_triples(doc_iris[doc_id], doc_id, meta)
    entity_iris: dict[str, ox.NamedNode] = {}
    for node, data in kg.entities():
        entity_iris[node] = ox.NamedNode(str(entity_iri(node, base_iri)))
        yield from _entity_triples(entity_iris[node], node, data, doc_iris)
    for head, tail, rel_type, data in kg.edges(co_occurs=co_occurs):
        triple = ox.Triple(entity_iris[head], _iri(ZHKG[rel_type]), entity_iris[tail])
        yield triple
        if rel_type == CO_OCCURS:
            continue  # not a stated relation: its evidence stays in graph.json, not in the RDF
        for ev in data.get("evidence", ()):
            stmt = statement_iri(head, rel_type, tail, ev["doc"], ev["start"], ev["end"], ev.get("cue", ""), base_iri)
            yield from _statement_triples(ox.NamedNode(str(stmt)), triple, ev, doc_iris[ev["doc"]])


def check_base_iri(base_iri: str) -> str:
    """Return ``base_iri`` unchanged if it is absolute and ends in ``/`` or ``#``; else raise ``ValueError``."""
    if not _SCHEME.match(base_iri) or not base_iri.endswith(("/", "#")):
        raise ValueError(f"base IRI {base_iri!r} must be absolute and end with '/' or '#'")
    if any(ch in base_iri for ch in ' "<>{}|\\^`') or any(ord(ch) < 0x21 for ch in base_iri):
        raise ValueError(f"base IRI {base_iri!r} holds characters an IRI may not hold")
    return base_iri


def new_graph(base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Return an empty graph with exactly :data:`PREFIXES` and ``id:`` (``base_iri``) bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace))
    graph.bind("id", Namespace(base_iri))
    return graph


def decimal_lexical(value: Any) -> str:
    """Return ``value`` (a decimal string, ``Decimal`` or int) in the canonical lexical form of
    ``xsd:decimal``: no exponent and always a point (``3000000000.0``, ``1.5``), the form Turtle
    writes bare, so every serialisation keeps the same literal. Raises ``ValueError`` for
    anything that is not a finite number.

    >>> decimal_lexical("3E+9")
    '3000000000.0'
    """
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"investment {value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError(f"investment {value!r} is not a finite number")
    if number.is_zero():
        return "0.0"
    text = format(number, "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text


def decimal_literal(value: Any) -> Literal:
    """Return ``value`` as an rdflib ``xsd:decimal`` literal in :func:`decimal_lexical` form.

    >>> str(decimal_literal("3E+9"))
    '3000000000.0'
    """
    return Literal(decimal_lexical(value), datatype=XSD.decimal)


def _documents(kg: KnowledgeGraph) -> dict[str, Mapping[str, Any]]:
    """Return ``{doc id: {"title", "date"}}`` for every document the graph names anywhere."""
    docs: dict[str, Mapping[str, Any]] = dict(kg.G.graph.get("documents", {}))
    for _, data in kg.entities():
        for doc_id in data.get("documents", ()):
            docs.setdefault(doc_id, {})
    for _, _, _, data in kg.edges():
        for ev in data.get("evidence", ()):
            docs.setdefault(ev["doc"], {})
    return docs


def _document_triples(doc: ox.NamedNode, doc_id: str, meta: Mapping[str, Any]) -> Iterator[ox.Triple]:
    """Yield the ``zhkg:Document`` triples of ``doc_id``: file name, and title and date where known."""
    yield ox.Triple(doc, _TYPE, _DOCUMENT)
    yield ox.Triple(doc, _FILE_NAME, ox.Literal(doc_id))
    if meta.get("title"):
        yield ox.Triple(doc, _TITLE, ox.Literal(meta["title"], language=LANG))
    day = meta.get("date") or ""
    if _ISO_DATE.fullmatch(day) and _is_date(day):
        yield ox.Triple(doc, _ZHKG_DATE, ox.Literal(day, datatype=_XSD_DATE))


def _is_date(text: str) -> bool:
    """Return whether ``text`` (``YYYY-MM-DD``) is a real calendar date."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _entity_triples(subject: ox.NamedNode, node: str, data: Mapping[str, Any],
                    doc_iris: Mapping[str, ox.NamedNode]) -> Iterator[ox.Triple]:
    """Yield entity ``node``'s class, names, mention count, documents and attributes."""
    type_ = data.get("type")
    if type_ not in ENTITY_CLASSES:
        raise ValueError(f"entity {node!r} has type {type_!r}, not one of {', '.join(ENTITY_CLASSES)}")
    yield ox.Triple(subject, _TYPE, _iri(ENTITY_CLASSES[type_]))
    label = data.get("label") or node.partition("/")[2]
    yield ox.Triple(subject, _LABEL, ox.Literal(label, language=LANG))
    for alias in data.get("aliases", ()):
        yield ox.Triple(subject, _ALT_LABEL, ox.Literal(alias, language=LANG))
    yield ox.Triple(subject, _MENTION_COUNT, _integer(data.get("mentions", 0)))
    for doc_id in data.get("documents", ()):
        yield ox.Triple(subject, _MENTIONED_IN, doc_iris[doc_id])
    if data.get("investment_yuan") not in (None, ""):
        amount = ox.Literal(decimal_lexical(data["investment_yuan"]), datatype=_DECIMAL)
        yield ox.Triple(subject, _INVESTMENT_YUAN, amount)
    if data.get("status"):
        yield ox.Triple(subject, _STATUS, ox.Literal(data["status"], language=LANG))
    if data.get("year") not in (None, ""):
        year = ox.Literal(f"{int(data['year']):04d}", datatype=_G_YEAR)
        yield ox.Triple(subject, _YEAR, year)


def _integer(value: Any) -> ox.Literal:
    """Return ``value`` as an ``xsd:integer`` literal."""
    return ox.Literal(str(int(value)), datatype=_INTEGER)


def _statement_triples(stmt: ox.NamedNode, triple: ox.Triple, ev: Mapping[str, Any],
                       doc: ox.NamedNode) -> Iterator[ox.Triple]:
    """Yield ``stmt`` as the ``rdf:Statement`` of ``triple`` stated by the evidence ``ev`` in ``doc``."""
    yield ox.Triple(stmt, _TYPE, _STATEMENT)
    yield ox.Triple(stmt, _SUBJECT, triple.subject)
    yield ox.Triple(stmt, _PREDICATE, triple.predicate)
    yield ox.Triple(stmt, _OBJECT, triple.object)
    yield ox.Triple(stmt, _WAS_DERIVED_FROM, doc)
    yield ox.Triple(stmt, _SENTENCE, ox.Literal(ev.get("text", ""), language=LANG))
    yield ox.Triple(stmt, _START_OFFSET, _integer(ev["start"]))
    yield ox.Triple(stmt, _END_OFFSET, _integer(ev["end"]))
    if ev.get("cue"):
        yield ox.Triple(stmt, _CUE, ox.Literal(ev["cue"]))


def shapes() -> Graph:
    """Return the SHACL shapes of ``graph/shapes.ttl`` parsed into a new graph."""
    data = resources.files("graph").joinpath("shapes.ttl").read_bytes()
    return Graph().parse(data=data, format="turtle")


def validate(rdf_graph: Graph) -> tuple[bool, str]:
    """Check ``rdf_graph`` against ``graph/shapes.ttl`` with pyshacl (no inference).

    Returns ``(conforms, report_text)``: whether every shape holds, and pyshacl's readable
    report naming each violation. Raises ``ImportError`` with a hint when pyshacl is missing.
    """
    try:
        import pyshacl
    except ImportError as err:
        raise ImportError("validate() needs pyshacl: pip install pyshacl") from err
    conforms, _, report = pyshacl.validate(
        rdf_graph, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=False
    )
    return bool(conforms), str(report)
