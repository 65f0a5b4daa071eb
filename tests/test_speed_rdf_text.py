"""The fast parts of :func:`graph.rdf.rdf_text` agree with what they replace: IRIs as
:mod:`graph.vocab` makes them, and the text sorted and deduplicated line by line."""

from __future__ import annotations

import random

import pyoxigraph as ox

from graph import rdf
from graph.kg import KnowledgeGraph
from graph.vocab import DEFAULT_BASE_IRI, entity_iri, iri_segment, statement_iri
from tests.conftest import small_extraction

_XSD = "http://www.w3.org/2001/XMLSchema#"
_IDS = ["Company/甲乙公司", "Place/a b", "Project/x#1 ?50%", "Place/.", "Place/..", "Place/a.b", "./..",
        "a/./b", "Person/\u3000全角空格", "Org/\ue000私用", "Org/\ufdd0\uffff", "Org/\U000e0041tag",
        "Org/\U0001f600", "Org/\x00\x1f\x7f", "Org/[]{}|\\^`\"<>", "Org/（括号）“引号”", "", "/", "//", "...",
        "Org/\ud800lone", "Org/%2E"]


def test_iri_segment_is_vocabs_for_every_code_point() -> None:
    for code in range(0x110000):
        text = f"Org/a{chr(code)}b"
        assert rdf._iri_segment(text) == iri_segment(text), hex(code)
        assert rdf._iri_segment(chr(code)) == iri_segment(chr(code)), hex(code)


def test_iri_segment_is_vocabs_on_tricky_ids() -> None:
    rng = random.Random(5)
    for text in _IDS:
        assert rdf._iri_segment(text) == iri_segment(text), text
        assert DEFAULT_BASE_IRI + rdf._iri_segment(text) == str(entity_iri(text)), text
    for _ in range(3000):
        text = "/".join(rng.choice(_IDS + ["", ".", ".."]) for _ in range(rng.randint(1, 4)))
        assert rdf._iri_segment(text) == iri_segment(text), text


def test_statement_iri_is_vocabs() -> None:
    for head, tail, cue, start in [("Company/甲", "Place/乙", "", 0), ("a\x1fb", "c", "投资", 12),
                                   ("\ud83d", "t", "\U0001f600", 10**12)]:
        expected = str(statement_iri(head, "invests", tail, "doc.txt", start, start + 5, cue))
        assert DEFAULT_BASE_IRI + "stmt/" + rdf._statement_iri(head, "invests", tail, "doc.txt", start,
                                                               start + 5, cue) == expected


def _line(row: rdf.Row) -> str:
    subject, predicate, obj = row
    text = f"<{obj[1]}>" if obj[0] == "I" else rdf.literal_text(obj)
    return f"<{subject}> <{predicate}> {text}"


def test_text_of_rows_is_sorted_and_deduplicated_by_line() -> None:
    rng = random.Random(9)
    iris = ["http://e.org/a", "http://e.org/a-b", "http://e.org/a/b", "http://e.org/ab", "http://e.org/a#",
            "http://e.org/a.", "http://e.org/甲", "http://e.org/a!", "http://e.org/"]
    values = ["", "x", 'q"uote', "back\\", "nl\n", "甲", "\U0001f600", "a b .", "1"]
    for _ in range(500):
        rows = []
        for _ in range(rng.randint(0, 30)):
            obj = rng.choice([("I", rng.choice(iris), "", ""), ("L", rng.choice(values), "zh", ""),
                              ("L", rng.choice(values), "", _XSD + "string"),
                              ("L", rng.choice(values), "", _XSD + "integer")])
            rows.append((rng.choice(iris), rng.choice(iris), obj))
        text = rdf.rdf_text_of_rows(rows)
        lines = sorted({_line(row) for row in rows})
        assert text.ntriples == "".join(line + " .\n" for line in lines).encode("utf-8")
        assert [_line(row) for row in text.rows] == lines
        assert sorted(set(text.rows)) == sorted(set(rows))


def test_graph_text_is_pyoxigraphs_and_rows_match() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    text = rdf.rdf_text(kg)
    parsed = list(ox.parse(text.ntriples, format=ox.RdfFormat.N_TRIPLES))
    assert ox.serialize(parsed, format=ox.RdfFormat.N_TRIPLES) == text.ntriples
    assert [_line(row) for row in text.rows] == [line[:-2] for line in text.ntriples.decode().splitlines()]
    assert rdf.rdf_text_of_rows(text.rows) == text


def test_split_tail_gives_predicate_and_object() -> None:
    assert rdf.split_tail(b'<http://e.org/p> "a b c"@zh') == (b"<http://e.org/p>", b'"a b c"@zh')
    assert rdf.split_tail("<http://e.org/p> <http://e.org/甲>".encode()) == (
        b"<http://e.org/p>", "<http://e.org/甲>".encode())


def test_edge_count_is_networkx_count_frozen_or_not() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    assert kg.edge_count() == kg.G.number_of_edges() > 0
    with kg.frozen():
        assert kg.edge_count() == kg.G.number_of_edges()
        first = rdf.shared_rdf(kg)
        assert rdf.shared_rdf(kg) is first
    assert rdf.shared_rdf(kg) is first  # the same counts: still the same text


def test_documents_named_only_by_co_occurrence_evidence_are_described() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    head, tail = sorted(kg.G.nodes)[:2]
    kg.G.add_edge(head, tail, key="coOccurs", type="coOccurs",
                  evidence=[{"doc": "only-here.txt", "start": 0, "end": 3, "text": "甲乙丙"}])
    kg.G.graph.setdefault("documents", {})["listed-only.txt"] = {"title": "标题", "date": "2020-02-30"}
    for co_occurs in (True, False):
        text = rdf.rdf_text(kg, co_occurs=co_occurs).ntriples.decode()
        assert f"<{DEFAULT_BASE_IRI}doc/only-here.txt> <https://zhkg.dev/ontology#fileName>" in text
        assert f'<{DEFAULT_BASE_IRI}doc/listed-only.txt> <https://zhkg.dev/ontology#title> "标题"@zh' in text
        assert "2020-02-30" not in text  # not a calendar date
        assert ("coOccurs" in text) == co_occurs


def test_rdf_exporters_pause_the_collector_and_restore_it() -> None:
    import gc

    from graph.export import jsonld, ntriples, turtle

    kg = KnowledgeGraph.build(small_extraction())
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            for module in (turtle, jsonld, ntriples):
                kg.__dict__.pop("_rdf_memo", None)
                assert module.serialize(kg)
                assert gc.isenabled() == enabled, module
    finally:
        (gc.enable if was else gc.disable)()
