"""The ``ntriples`` exporter: the graph as N-Triples (see :mod:`graph.rdf`), one sorted line per triple.

The triples of :func:`graph.rdf.rdf_text` come sorted by their N-Triples text, so the
lines are sorted too: that makes the file byte-stable and line-diffable; with no blank nodes in the graph
this is a canonical form.
"""

from __future__ import annotations

from pathlib import Path

from graph.export.atomic import write_bytes
from graph.kg import KnowledgeGraph
from graph.rdf import shared_rdf
from graph.vocab import DEFAULT_BASE_IRI


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> bytes:
    """Return ``kg`` as UTF-8 N-Triples, lines sorted, instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    return shared_rdf(kg, base_iri, co_occurs=co_occurs).ntriples


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as sorted N-Triples to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_bytes(Path(path), serialize(kg, base_iri))
