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
from graph.gcpause import paused_gc
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, shared_rdf
from graph.vocab import DEFAULT_BASE_IRI


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> bytes:
    """Return ``kg`` as UTF-8 Turtle with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    with paused_gc():  # as graph.export.write_all does, for callers that do not
        ntriples = shared_rdf(kg, base_iri, co_occurs=co_occurs).ntriples
        # lenient: no second check of IRIs graph.rdf has already had pyoxigraph check (a quarter faster)
        quads = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        data = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return _space_blocks(data)


def _space_blocks(data: bytes) -> bytes:
    """Return Turtle ``data`` with a blank line after the prefixes and after each subject's block.

    A statement ends with a line ending in `` .``; literals are written with escaped line
    breaks, so no line inside a literal can end that way. Only the leading ``@prefix`` lines
    are looked at one by one; the body is spaced by one ``bytes.replace``, and the tens of
    megabytes are copied as few times as can be (splitting them into lines, or each slice and
    concatenation, cost more than the rest).
    """
    stop = len(data)  # the end of the text without its trailing line breaks
    while stop and data[stop - 1] == 0x0A:
        stop -= 1
    end, head = 0, 0  # where the line after the leading prefix lines starts, and their number
    while data.startswith(b"@prefix", end, stop):
        head += 1
        newline = data.find(b"\n", end, stop)
        end = stop + 1 if newline < 0 else newline + 1
    more = end <= stop  # is there a line after the prefix lines?
    # no later line may start with @prefix (the first line after the prefixes does not)
    if more and data.find(b"\n@prefix", end, stop) >= 0:
        return _space_lines(data[:stop].split(b"\n"))
    prefixes = data[:end - 1] if head else b""
    gap = b"\n\n" if head and more else b""
    body = data[end:stop].replace(b" .\n", b" .\n\n") if more else b""
    return b"".join((prefixes, gap, body, b"\n"))


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
