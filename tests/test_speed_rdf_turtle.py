"""The Turtle exporter's fast block spacing is the line-by-line spacing, and pyoxigraph's
lenient N-Triples parse gives the same Turtle as the strict one on the graph's text."""

from __future__ import annotations

import random

import pyoxigraph as ox

from graph import rdf
from graph.export.turtle import _space_blocks, _space_lines
from graph.kg import KnowledgeGraph
from tests.conftest import small_extraction


def _slow(data: bytes) -> bytes:
    return _space_lines(data.rstrip(b"\n").split(b"\n"))


def test_space_blocks_edge_cases() -> None:
    cases = [b"", b"\n", b"\n\n", b"@prefix a: <x> .", b"@prefix a: <x> .\n", b"@prefix a: <x> .\n\n",
             b"@prefix a: <x> .\n@prefix b: <y> .\n", b"@prefix a: <x> .\n\n<s> <p> <o> .\n",
             b"<s> <p> <o> .\n@prefix a: <x> .\n", b"@prefixx\n<s> <p> \"a .\" .\n", b"x\n@prefix",
             b"@prefix a: <x> .\n<s> <p> <o> ;\n  <q> <r> .\n<t> <p> <o> .\n\n\n"]
    for data in cases:
        assert _space_blocks(data) == _slow(data), data


def test_space_blocks_random_documents() -> None:
    rng = random.Random(7)
    pieces = [b"@prefix a: <x> .", b"@prefix", b"@prefix b: <y> .", b"<s> <p> <o> .", b"<s> <p> <o> ;",
              b'  <p> "x ." ,', b"  <q> <r> .", b"", b" .", b".", b"\t .", b"@pre", b"x @prefix"]
    for _ in range(20000):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 10))]
        data = b"\n".join(lines) + rng.choice([b"", b"\n", b"\n\n", b" ."])
        assert _space_blocks(data) == _slow(data), data


def test_lenient_parse_writes_the_same_turtle() -> None:
    text = rdf.rdf_text(KnowledgeGraph.build(small_extraction())).ntriples
    strict = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                          prefixes=rdf.PREFIXES)
    lenient = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True),
                           format=ox.RdfFormat.TURTLE, prefixes=rdf.PREFIXES)
    assert lenient == strict and strict.count(b" .\n") > 10
