"""The knowledge graph as RDF: :func:`to_rdf` builds an ``rdflib.Graph``, :func:`validate` checks it.

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

No blank nodes are made, so every serialisation of the same graph is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.kg import KnowledgeGraph
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


def shared_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> Graph:
    """Return :func:`to_rdf` of ``kg``, built once per graph and arguments and shared by the
    Turtle, JSON-LD and N-Triples exporters of one build. Callers must not modify the result.

    The memo lives on ``kg`` and is keyed by the arguments and the graph's node and edge counts.
    """
    memo: dict[tuple[str, bool, int, int], Graph] = kg.__dict__.setdefault("_rdf_memo", {})
    key = (base_iri, co_occurs, kg.G.number_of_nodes(), kg.G.number_of_edges())
    if key not in memo:
        memo.clear()
        memo[key] = to_rdf(kg, base_iri, co_occurs=co_occurs)
    return memo[key]


def to_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> Graph:
    """Return ``kg`` as a new ``rdflib.Graph`` with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the weak ``coOccurs`` edges (and their evidence) out.
    Raises ``ValueError`` for a base IRI that is not absolute or does not end in ``/`` or ``#``,
    and for an entity whose type has no class.
    """
    check_base_iri(base_iri)
    graph = new_graph(base_iri)
    for doc_id, meta in sorted(_documents(kg).items()):
        _add_document(graph, doc_id, meta, base_iri)
    for node, data in kg.entities():
        _add_entity(graph, node, data, base_iri)
    for head, tail, rel_type, data in kg.edges(co_occurs=co_occurs):
        _add_relation(graph, head, tail, rel_type, data.get("evidence", ()), base_iri)
    return graph


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


def decimal_literal(value: Any) -> Literal:
    """Return ``value`` (a decimal string, ``Decimal`` or int) as a canonical ``xsd:decimal`` literal.

    The lexical form has no exponent and always a point (``3000000000.0``, ``1.5``), the form
    Turtle writes bare, so every serialisation keeps the same literal. Raises ``ValueError``
    for anything that is not a finite number.

    >>> str(decimal_literal("3E+9"))
    '3000000000.0'
    """
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"investment {value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError(f"investment {value!r} is not a finite number")
    text = format(number, "f")
    if "." not in text:
        text += ".0"
    elif text.endswith("0"):
        text = text.rstrip("0")
        text += "0" if text.endswith(".") else ""
    if number.is_zero():
        text = "0.0"
    return Literal(text, datatype=XSD.decimal)


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


def _add_document(graph: Graph, doc_id: str, meta: Mapping[str, Any], base_iri: str) -> None:
    """Add the ``zhkg:Document`` for ``doc_id``: file name, and title and date where known."""
    doc = document_iri(doc_id, base_iri)
    graph.add((doc, RDF.type, ZHKG.Document))
    graph.add((doc, ZHKG.fileName, Literal(doc_id)))
    if meta.get("title"):
        graph.add((doc, ZHKG.title, Literal(meta["title"], lang=LANG)))
    day = meta.get("date") or ""
    if _ISO_DATE.fullmatch(day) and _is_date(day):
        graph.add((doc, ZHKG.date, Literal(day, datatype=XSD.date)))


def _is_date(text: str) -> bool:
    """Return whether ``text`` (``YYYY-MM-DD``) is a real calendar date."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _add_entity(graph: Graph, node: str, data: Mapping[str, Any], base_iri: str) -> None:
    """Add entity ``node`` with its class, names, mention count, documents and attributes."""
    type_ = data.get("type")
    if type_ not in ENTITY_CLASSES:
        raise ValueError(f"entity {node!r} has type {type_!r}, not one of {', '.join(ENTITY_CLASSES)}")
    subject = entity_iri(node, base_iri)
    graph.add((subject, RDF.type, ENTITY_CLASSES[type_]))
    graph.add((subject, RDFS.label, Literal(data.get("label") or node.partition("/")[2], lang=LANG)))
    for alias in data.get("aliases", ()):
        graph.add((subject, SKOS.altLabel, Literal(alias, lang=LANG)))
    graph.add((subject, ZHKG.mentionCount, Literal(int(data.get("mentions", 0)))))
    for doc_id in data.get("documents", ()):
        graph.add((subject, ZHKG.mentionedIn, document_iri(doc_id, base_iri)))
    _add_attributes(graph, subject, data)


def _add_attributes(graph: Graph, subject: URIRef, data: Mapping[str, Any]) -> None:
    """Add ``investment_yuan``, ``status`` and ``year`` of ``data`` where present."""
    if data.get("investment_yuan") not in (None, ""):
        graph.add((subject, ZHKG.investmentYuan, decimal_literal(data["investment_yuan"])))
    if data.get("status"):
        graph.add((subject, ZHKG.status, Literal(data["status"], lang=LANG)))
    if data.get("year") not in (None, ""):
        graph.add((subject, ZHKG.year, Literal(f"{int(data['year']):04d}", datatype=XSD.gYear)))


def _add_relation(graph: Graph, head: str, tail: str, rel_type: str,
                  evidence: Iterable[Mapping[str, Any]], base_iri: str) -> None:
    """Add the direct triple ``head rel_type tail`` and one reified statement per evidence."""
    predicate = ZHKG[rel_type]
    triple = (entity_iri(head, base_iri), predicate, entity_iri(tail, base_iri))
    graph.add(triple)
    for ev in evidence:
        cue = ev.get("cue", "")
        stmt = statement_iri(head, rel_type, tail, ev["doc"], ev["start"], ev["end"], cue, base_iri)
        _add_statement(graph, stmt, triple, ev, base_iri)


def _add_statement(graph: Graph, stmt: URIRef, triple: tuple[URIRef, URIRef, URIRef],
                   ev: Mapping[str, Any], base_iri: str) -> None:
    """Add ``stmt`` as the ``rdf:Statement`` of ``triple`` stated by the evidence ``ev``."""
    subject, predicate, obj = triple
    graph.add((stmt, RDF.type, RDF.Statement))
    graph.add((stmt, RDF.subject, subject))
    graph.add((stmt, RDF.predicate, predicate))
    graph.add((stmt, RDF.object, obj))
    graph.add((stmt, PROV.wasDerivedFrom, document_iri(ev["doc"], base_iri)))
    graph.add((stmt, ZHKG.sentence, Literal(ev.get("text", ""), lang=LANG)))
    graph.add((stmt, ZHKG.startOffset, Literal(int(ev["start"]))))
    graph.add((stmt, ZHKG.endOffset, Literal(int(ev["end"]))))
    if ev.get("cue"):
        graph.add((stmt, ZHKG.cue, Literal(ev["cue"])))


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
