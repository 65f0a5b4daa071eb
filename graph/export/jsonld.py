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
from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.export.atomic import write_text
from graph.jsontext import dumps_by_line
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, Row, Term, shared_rdf
from graph.vocab import DEFAULT_BASE_IRI

JsonObject = dict[str, Any]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_XSD_STRING = PREFIXES["xsd"] + "string"


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> str:
    """Return ``kg`` as JSON-LD text with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    return dumps_by_line(to_jsonld(shared_rdf(kg, base_iri, co_occurs=co_occurs).rows, base_iri))


def to_jsonld(rows: Sequence[Row], base_iri: str = DEFAULT_BASE_IRI) -> JsonObject:
    """Return ``rows`` (triples as :data:`graph.rdf.Row` text, a subject's triples adjacent, as
    :func:`graph.rdf.rdf_text` gives them) as a JSON-LD document whose context is
    :data:`graph.rdf.PREFIXES` and ``id:`` (``base_iri``).
    """
    context = dict(sorted({**PREFIXES, "id": base_iri}.items()))
    compact = _compactor(context)
    nodes: list[tuple[str, JsonObject]] = []
    ordered: dict[Term, tuple[tuple[Any, ...], JsonObject | str]] = {}  # object -> (sort key, value), made once
    for subject, group in groupby(rows, key=itemgetter(0)):
        properties: dict[str, list[tuple[tuple[Any, ...], JsonObject | str]]] = defaultdict(list)
        for _, predicate, obj in group:
            if predicate == _RDF_TYPE and obj[0] == "I":
                name = compact(obj[1])
                properties["@type"].append(((0, name), name))
            else:
                pair = ordered.get(obj)
                if pair is None:
                    value = _value(obj, compact)
                    pair = ordered[obj] = (_value_order(value), value)
                properties[compact(predicate)].append(pair)
        nodes.append((subject, _node(compact(subject), properties)))
    nodes.sort(key=itemgetter(0))
    return {"@context": context, "@graph": [node for _, node in nodes]}


def _compactor(context: dict[str, str]) -> Callable[[str], str]:
    """Return a function writing an IRI as ``prefix:rest`` under the longest matching namespace
    of ``context``, else in full. A rest that starts with ``//`` would read as an absolute IRI,
    so it stays in full. It remembers every IRI it has written.
    """
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))
    done: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = done.get(iri)
        if found is None:
            found = done[iri] = iri
            for prefix, namespace in by_length:
                if iri.startswith(namespace):
                    rest = iri[len(namespace):]
                    found = done[iri] = iri if rest.startswith("//") else f"{prefix}:{rest}"
                    break
        return found

    return compact


def _value(obj: Term, compact: Callable[[str], str]) -> JsonObject | str:
    """Return an RDF object as a JSON-LD value: ``{"@id"}``, a string, or ``{"@value", …}``."""
    kind, value, language, datatype = obj
    if kind == "I":
        return {"@id": compact(value)}
    if language:
        return {"@value": value, "@language": language}
    if datatype == _XSD_STRING:
        return value
    return {"@value": value, "@type": compact(datatype)}


def _node(subject: str, properties: dict[str, list[tuple[tuple[Any, ...], JsonObject | str]]]) -> JsonObject:
    """Return one node object: ``@id``, then each property's values in a fixed order (strings,
    then objects by their sorted items), given as ``(``:func:`_value_order` ``key, value)`` pairs."""
    node: JsonObject = {"@id": subject}
    for key, pairs in properties.items():
        pairs.sort(key=itemgetter(0))
        node[key] = [value for _, value in pairs]
    return node


def _value_order(value: JsonObject | str) -> tuple[Any, ...]:
    """Return a sort key for a JSON-LD value: a string, an ``{"@id"}`` or a ``{"@value", …}``."""
    if isinstance(value, str):
        return (0, value)
    return (1, *sorted(value.items()))


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as JSON-LD to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_text(Path(path), serialize(kg, base_iri))
