"""The ``turtle`` exporter: the graph as RDF Turtle (see :mod:`graph.rdf`), byte-stable.

pyoxigraph's Turtle writer is given the triples of :func:`graph.rdf.rdf_text` (parsed by
pyoxigraph from its N-Triples text), sorted and without blank nodes, and the prefixes of :data:`graph.rdf.PREFIXES`; it writes a subject's triples as one
block (``;`` and ``,``), and a blank line is put between blocks. Instance IRIs are written in
full (``<https://zhkg.dev/id/Place/焦作市>``): as prefixed names most would need ``\\/`` escapes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.export.atomic import write_bytes
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, shared_rdf
from graph.vocab import DEFAULT_BASE_IRI


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> bytes:
    """Return ``kg`` as UTF-8 Turtle with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    ntriples = shared_rdf(kg, base_iri, co_occurs=co_occurs).ntriples
    # lenient: no second check of IRIs graph.rdf has already had pyoxigraph check (a quarter faster)
    quads = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    data = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return _space_blocks(data)


def _space_blocks(data: bytes) -> bytes:
    """Return Turtle ``data`` with a blank line after the prefixes and after each subject's block.

    A statement ends with a line ending in `` .``; literals are written with escaped line
    breaks, so no line inside a literal can end that way. Only the leading ``@prefix`` lines
    are looked at one by one; the body is spaced by one ``bytes.replace`` (splitting tens of
    megabytes into lines and joining them again cost more than the rest).
    """
    text = data.rstrip(b"\n")
    end, head = 0, 0  # where the line after the leading prefix lines starts, and their number
    while text.startswith(b"@prefix", end):
        head += 1
        newline = text.find(b"\n", end)
        end = len(text) + 1 if newline < 0 else newline + 1
    more = end <= len(text)  # is there a line after the prefix lines?
    body = (text[end:] if more else b"") + b"\n"
    if body.startswith(b"@prefix") or b"\n@prefix" in body:  # a prefix line after the first statement
        return _space_lines(text.split(b"\n"))
    spaced = (text[:end - 1] if head else b"") + (b"\n\n" if head and more else b"")
    return (spaced + body.replace(b" .\n", b" .\n\n")).rstrip(b"\n") + b"\n"


def _space_lines(lines: list[bytes]) -> bytes:
    """Return ``lines`` spaced as :func:`_space_blocks` says, one line at a time."""
    out: list[bytes] = []
    for line in lines:
        if out and out[-1].startswith(b"@prefix") and not line.startswith(b"@prefix"):
            out.append(b"")
        out.append(line)
        if line.endswith(b" .") and not line.startswith(b"@prefix"):
            out.append(b"")
    return b"\n".join(out).rstrip(b"\n") + b"\n"


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as Turtle to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_bytes(Path(path), serialize(kg, base_iri))
