"""The ``jsonld`` exporter: the graph as JSON-LD 1.1 (see :mod:`graph.rdf`), byte-stable.

The document is ``{"@context": {prefix: namespace}, "@graph": [node, …]}``: one node object
per subject, sorted by IRI, with compact IRIs (``zhkg:manages``, ``id:Company/…``) for keys,
types and references, every value in an array sorted by its JSON text, and typed literals as
``{"@value": lexical form, "@type": datatype}`` so numbers keep their exact lexical form.
It is written here rather than by rdflib's JSON-LD serialiser so the output is sorted and
stable, and the same triples parse back in any JSON-LD processor.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.export.atomic import write_text
from graph.kg import KnowledgeGraph
from graph.rdf import shared_rdf
from graph.vocab import DEFAULT_BASE_IRI

JsonObject = dict[str, Any]


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> str:
    """Return ``kg`` as JSON-LD text with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    return dumps(to_jsonld(shared_rdf(kg, base_iri, co_occurs=co_occurs)))


def dumps(document: JsonObject) -> str:
    """Return ``document`` as sorted, indented UTF-8-ready JSON text ending in a newline."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def to_jsonld(graph: Graph) -> JsonObject:
    """Return ``graph`` (without blank nodes) as a JSON-LD document using its bound prefixes.

    Raises ``ValueError`` when the graph holds a blank node, which has no stable name.
    """
    context = _context(graph)
    nodes: dict[URIRef, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in graph:
        if isinstance(subject, BNode) or isinstance(obj, BNode):
            raise ValueError("JSON-LD export needs a graph without blank nodes")
        if predicate == RDF.type and isinstance(obj, URIRef):
            nodes[subject]["@type"].append(_compact(obj, context))
        else:
            nodes[subject][_compact(predicate, context)].append(_value(obj, context))
    return {"@context": context, "@graph": [_node(s, nodes[s], context) for s in sorted(nodes)]}


def _context(graph: Graph) -> dict[str, str]:
    """Return ``{prefix: namespace}`` for every prefix bound on ``graph`` (the empty one left out)."""
    return {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix}


def _compact(iri: URIRef, context: dict[str, str]) -> str:
    """Return ``iri`` as ``prefix:rest`` under the longest matching namespace, else in full.

    A rest that starts with ``//`` would read as an absolute IRI, so it stays in full.
    """
    best = ""
    for prefix, namespace in context.items():
        if iri.startswith(namespace) and len(namespace) > len(context.get(best, "")):
            best = prefix
    rest = str(iri)[len(context[best]):] if best else ""
    if not best or rest.startswith("//"):
        return str(iri)
    return f"{best}:{rest}"


def _value(obj: Any, context: dict[str, str]) -> JsonObject | str:
    """Return an RDF object as a JSON-LD value: ``{"@id"}``, a string, or ``{"@value", …}``."""
    if isinstance(obj, URIRef):
        return {"@id": _compact(obj, context)}
    if not isinstance(obj, Literal):
        raise ValueError(f"cannot write {obj!r} as JSON-LD")
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if obj.datatype is None or obj.datatype == XSD.string:
        return str(obj)
    return {"@value": str(obj), "@type": _compact(obj.datatype, context)}


def _node(subject: URIRef, properties: dict[str, list[Any]], context: dict[str, str]) -> JsonObject:
    """Return one node object: ``@id``, then each property's values sorted by their JSON text."""
    node: JsonObject = {"@id": _compact(subject, context)}
    for key, values in properties.items():
        node[key] = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as JSON-LD to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_text(Path(path), serialize(kg, base_iri))
