"""The ``jsonld`` exporter: the graph as JSON-LD 1.1 (see :mod:`graph.rdf`), byte-stable.

The document is ``{"@context": {prefix: namespace}, "@graph": [node, …]}``: one node object
per subject, sorted by IRI, with compact IRIs (``zhkg:manages``, ``id:Company/…``) for keys,
types and references, every value in an array sorted by its JSON text, and typed literals as
``{"@value": lexical form, "@type": datatype}`` so numbers keep their exact lexical form.
It is written here rather than by a JSON-LD serialiser (rdflib's, pyoxigraph's) so the output
is compact, sorted and stable, and the same triples parse back in any JSON-LD processor.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.export.atomic import write_text
from graph.jsontext import dumps_by_line
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, shared_triples
from graph.vocab import DEFAULT_BASE_IRI

JsonObject = dict[str, Any]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_XSD_STRING = PREFIXES["xsd"] + "string"


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> str:
    """Return ``kg`` as JSON-LD text with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    return dumps_by_line(to_jsonld(shared_triples(kg, base_iri, co_occurs=co_occurs), base_iri))


def to_jsonld(triples: list[ox.Triple], base_iri: str = DEFAULT_BASE_IRI) -> JsonObject:
    """Return ``triples`` (pyoxigraph triples without blank nodes, a subject's triples adjacent,
    as :func:`graph.rdf.triples` gives them) as a JSON-LD document whose context is
    :data:`graph.rdf.PREFIXES` and ``id:`` (``base_iri``).

    Raises ``ValueError`` when a triple holds a blank node, which has no stable name.
    """
    context = dict(sorted({**PREFIXES, "id": base_iri}.items()))
    compact = _compactor(context)
    nodes: list[tuple[str, JsonObject]] = []
    for subject, group in groupby(triples, key=lambda triple: triple.subject):
        if not isinstance(subject, ox.NamedNode):
            raise ValueError("JSON-LD export needs a graph without blank nodes")
        properties: dict[str, list[Any]] = defaultdict(list)
        for triple in group:
            if triple.predicate.value == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                properties["@type"].append(compact(triple.object.value))
            else:
                properties[compact(triple.predicate.value)].append(_value(triple.object, compact))
        nodes.append((subject.value, _node(compact(subject.value), properties)))
    nodes.sort(key=lambda pair: pair[0])
    return {"@context": context, "@graph": [node for _, node in nodes]}


def _compactor(context: dict[str, str]) -> Any:
    """Return a function writing an IRI as ``prefix:rest`` under the longest matching namespace
    of ``context``, else in full. A rest that starts with ``//`` would read as an absolute IRI,
    so it stays in full.
    """
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))

    @lru_cache(maxsize=4096)
    def compact(iri: str) -> str:
        for prefix, namespace in by_length:
            if iri.startswith(namespace):
                rest = iri[len(namespace):]
                return iri if rest.startswith("//") else f"{prefix}:{rest}"
        return iri

    return compact


def _value(obj: Any, compact: Any) -> JsonObject | str:
    """Return an RDF object as a JSON-LD value: ``{"@id"}``, a string, or ``{"@value", …}``."""
    if isinstance(obj, ox.NamedNode):
        return {"@id": compact(obj.value)}
    if not isinstance(obj, ox.Literal):
        raise ValueError(f"cannot write {obj!r} as JSON-LD")
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    if obj.datatype.value == _XSD_STRING:
        return obj.value
    return {"@value": obj.value, "@type": compact(obj.datatype.value)}


def _node(subject: str, properties: dict[str, list[Any]]) -> JsonObject:
    """Return one node object: ``@id``, then each property's values in a fixed order (strings,
    then objects by their sorted items)."""
    node: JsonObject = {"@id": subject}
    for key, values in properties.items():
        node[key] = sorted(values, key=_value_order)
    return node


def _value_order(value: JsonObject | str) -> tuple[Any, ...]:
    """Return a sort key for a JSON-LD value: a string, an ``{"@id"}`` or a ``{"@value", …}``."""
    if isinstance(value, str):
        return (0, value)
    return (1, *sorted(value.items()))


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as JSON-LD to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_text(Path(path), serialize(kg, base_iri))
