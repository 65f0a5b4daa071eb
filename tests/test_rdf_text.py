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
