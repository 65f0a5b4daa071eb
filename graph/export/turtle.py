"""The ``turtle`` exporter: the graph as RDF Turtle (see :mod:`graph.rdf`), byte-stable.

rdflib's Turtle writer sorts subjects, predicates and objects and writes only the prefixes it
uses; :func:`graph.rdf.to_rdf` makes no blank nodes, so the same graph always gives the same
bytes.
"""

from __future__ import annotations

from pathlib import Path

from graph.export.atomic import write_bytes
from graph.kg import KnowledgeGraph
from graph.rdf import shared_rdf
from graph.vocab import DEFAULT_BASE_IRI


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> bytes:
    """Return ``kg`` as UTF-8 Turtle with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    data = shared_rdf(kg, base_iri, co_occurs=co_occurs).serialize(format="turtle", encoding="utf-8")
    return data.rstrip(b"\n") + b"\n"


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as Turtle to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_bytes(Path(path), serialize(kg, base_iri))
