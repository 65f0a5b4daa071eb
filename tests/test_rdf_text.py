"""The RDF text made without pyoxigraph objects is what pyoxigraph itself writes."""

from __future__ import annotations

import pyoxigraph as ox

from graph import rdf
from graph.kg import KnowledgeGraph
from tests.conftest import small_extraction

_XSD = "http://www.w3.org/2001/XMLSchema#"


def test_literal_text_is_pyoxigraphs_for_every_character() -> None:
    for code in range(0x110000):
        char = chr(code)
        value = f"a{char}b"
        term = ("L", value, "", _XSD + "string")
        if 0xD800 <= code <= 0xDFFF:
            assert rdf._ESCAPED_IN_LITERAL.search(value)  # left to pyoxigraph, which rejects it
            continue
        assert rdf.literal_text(term) == str(ox.Literal(value)), hex(code)


def test_literal_text_of_tagged_and_typed_literals() -> None:
    for value in ("甲乙", 'say "hi"\n', "back\\slash\t", "\x00\x7f"):
        assert rdf.literal_text(("L", value, "zh", "")) == str(ox.Literal(value, language="zh"))
        typed = ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
        assert rdf.literal_text(("L", value, "", _XSD + "integer")) == str(typed)


def test_ntriples_text_is_pyoxigraphs_serialisation_of_the_triples() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    text = rdf.rdf_text(kg)
    triples = rdf.triples(kg)
    assert ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) == text.ntriples
    assert [str(t) for t in triples] == sorted({str(t) for t in triples})
    assert len(text.rows) == len(triples)


def test_turtle_blocks_are_spaced_as_line_by_line() -> None:
    import random

    from graph.export.turtle import _space_blocks, _space_lines

    rng = random.Random(1)
    pieces = [b"@prefix a: <x> .", b"<s> <p> <o> .", b"<s> <p> <o> ;", b'  <p> "x ." ,', b"  <q> <r> .",
              b"", b"x", b" .", b"@prefix", b"@prefix b: <y> ."]
    for _ in range(5000):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 8))]
        data = b"\n".join(lines) + rng.choice([b"", b"\n", b"\n\n"])
        assert _space_blocks(data) == _space_lines(data.rstrip(b"\n").split(b"\n")), data
