"""The RDF side: vocabulary, IRIs, ``to_rdf``, the Turtle/N-Triples/JSON-LD exporters, SHACL."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.export import jsonld, ntriples, turtle
from graph.kg import KnowledgeGraph
from graph.model import RELATION_TYPES, Document, Entity, Evidence, Extraction, Mention, Relation
from graph.rdf import check_base_iri, decimal_literal, to_rdf, validate
from graph.vocab import (
    DEFAULT_BASE_IRI,
    ZHKG,
    document_iri,
    entity_iri,
    iri_segment,
    ontology,
    statement_iri,
    terms,
)

SDO = "https://schema.org/"
FORMATS = {  # name -> (module, rdflib format, pyoxigraph format)
    "turtle": (turtle, "turtle", pyoxigraph.RdfFormat.TURTLE),
    "ntriples": (ntriples, "nt", pyoxigraph.RdfFormat.N_TRIPLES),
    "jsonld": (jsonld, "json-ld", pyoxigraph.RdfFormat.JSON_LD),
}
#: Names an IRI must survive: every character that needs escaping, and many that must not be.
HOSTILE_NAMES = (
    'A B"C<D>{E}|F\\G^H`I',
    "井#号?问%25百分",
    "牧野路(影视路—丰收路)建设项目",
    "蒙牛乳业（焦作）有限公司",
    "“三十工程”[一期]",
    "..",
    ".",
    "a/../b/./c",
    "tab\tnew\nline\r\x00nul\x7fdel\x85nel",
    "私\ue000用\ufdd0非字符\U000e0001",
    "🚀 emoji",
    "\u3000全角空格\u2028行分隔",
    "http://evil.example/x?y=1#z",
    "A%20B",
    "'单引号' & *+,;=:@!$",
)
HOSTILE_TEXT = (
    '第一句"""三引号\\反斜杠\r\n换行\x00控制。'
    "第二句 <尖括号> {花括号} 与'单引号'。"
)


def _hostile_extraction() -> Extraction:
    """Return an extraction whose entity names, document id and texts are all hostile."""
    doc = Document(id="doc #1 ?%.txt", text=HOSTILE_TEXT, title='标题 "引号"\n', date="2023-02-28")
    split = HOSTILE_TEXT.index("。") + 1
    types = ("Company", "Project", "Place", "Department", "Person", "Organization")
    entities = []
    for i, name in enumerate(HOSTILE_NAMES):
        type_ = types[i % len(types)]
        attrs: tuple[tuple[str, object], ...] = ()
        if type_ == "Project":
            attrs = (("investment_yuan", Decimal("1.05E+9")), ("status", "投产"), ("year", 2023))
        entities.append(Entity(
            id=f"{type_}/{name}", type=type_, name=name, aliases=(name + " 别名", "别\\名\""),
            mentions=(Mention(doc.id, 0, 3, HOSTILE_TEXT[:3], type_, "fixture"),), attributes=attrs,
        ))
    by_type: dict[str, list[str]] = {}
    for ent in entities:
        by_type.setdefault(ent.type, []).append(ent.id)
    second = Evidence(doc.id, split, len(HOSTILE_TEXT))
    relations = (
        Relation("cooperates", entities[0].id, entities[1].id, (Evidence(doc.id, 0, split, 'cue "q"'),)),
        Relation("locatedIn", by_type["Company"][0], by_type["Place"][0],
                 (Evidence(doc.id, 0, split, "位于"), second)),
        Relation("passesThrough", by_type["Project"][1], by_type["Place"][1], (second,)),
        Relation("coOccurs", entities[2].id, entities[3].id, (second,)),
    )
    return Extraction(documents=(doc,), entities=tuple(sorted(entities, key=lambda e: e.id)), relations=relations)


@pytest.fixture
def hostile_kg() -> KnowledgeGraph:
    """A KnowledgeGraph of :func:`_hostile_extraction`."""
    return KnowledgeGraph.build(_hostile_extraction())


@pytest.fixture(params=["small_kg", "hostile_kg"])
def any_kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    """Each of the two graphs in turn."""
    return request.getfixturevalue(request.param)


def _oxigraph_to_rdflib(data: bytes, fmt: pyoxigraph.RdfFormat) -> Graph:
    """Parse ``data`` with pyoxigraph and return the triples re-read by rdflib via N-Triples."""
    triples = pyoxigraph.parse(data, format=fmt)
    nt = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=nt, format="nt")


# ---------------------------------------------------------------- vocabulary and ontology


def test_vocabulary_is_closed() -> None:
    assert ZHKG.manages == URIRef("https://zhkg.dev/ontology#manages")
    with pytest.raises(AttributeError):
        ZHKG.manage  # noqa: B018  (a typo must fail)


def test_vocabulary_has_every_relation_type() -> None:
    for rel_type in RELATION_TYPES + ("coOccurs",):
        assert ZHKG[rel_type] in terms()


def test_ontology_defines_every_term_with_labels_and_comment() -> None:
    onto = ontology()
    defined = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(ZHKG._NS))}
    assert defined == set(terms())
    for term in terms():
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert (term, RDFS.comment, None) in onto, term


def test_ontology_links_standard_vocabularies() -> None:
    onto = ontology()
    assert (ZHKG.Department, RDFS.subClassOf, ORG.Organization) in onto
    assert (ZHKG.Company, RDFS.subClassOf, ORG.Organization) in onto
    assert (ZHKG.Company, RDFS.subClassOf, URIRef(SDO + "Organization")) in onto
    assert (ZHKG.Place, RDFS.subClassOf, URIRef(SDO + "Place")) in onto
    assert (ZHKG.Document, RDFS.subClassOf, PROV.Entity) in onto
    assert (ZHKG.Document, RDFS.subClassOf, URIRef(SDO + "NewsArticle")) in onto
    assert (ZHKG.partOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in onto
    assert (ZHKG.locatedIn, RDFS.subPropertyOf, URIRef(SDO + "containedInPlace")) in onto


def test_ontology_parses_in_oxigraph() -> None:
    data = Path(__file__).resolve().parent.parent.joinpath("graph", "ontology.ttl").read_bytes()
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))) == len(ontology())


# ---------------------------------------------------------------- IRIs


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [
        ("Company/焦作卓立膜材料股份有限公司", "Company/焦作卓立膜材料股份有限公司"),
        ("Project/牧野路(影视路—丰收路)建设项目", "Project/牧野路(影视路—丰收路)建设项目"),
        ("Company/蒙牛乳业（焦作）有限公司", "Company/蒙牛乳业（焦作）有限公司"),
        ("Project/“三十工程”", "Project/“三十工程”"),
        ("Company/A B", "Company/A%20B"),
        ('Company/"<>{}|\\^`', "Company/%22%3C%3E%7B%7D%7C%5C%5E%60"),
        ("Company/a#b?c%d", "Company/a%23b%3Fc%25d"),
        ("Company/[x]", "Company/%5Bx%5D"),
        ("Company/\t\x00\x7f", "Company/%09%00%7F"),
        ("Company/..", "Company/%2E%2E"),
        ("Project/\u3000三重一高\u00a0", "Project/%E3%80%80三重一高%C2%A0"),
        ("Company/a..b", "Company/a..b"),
    ],
)
def test_entity_iri_encodes_exactly_what_it_must(entity_id: str, expected: str) -> None:
    assert entity_iri(entity_id) == URIRef(DEFAULT_BASE_IRI + expected)


def test_iris_are_distinct_for_distinct_ids() -> None:
    ids = [f"Company/{name}" for name in HOSTILE_NAMES] + ["Company/A B", "Company/A%2520B"]
    assert len({entity_iri(i) for i in ids}) == len(set(ids))


def test_document_and_statement_iris() -> None:
    assert document_iri("small.txt") == URIRef("https://zhkg.dev/id/doc/small.txt")
    assert document_iri("a b#.txt", "http://x.org/kg/") == URIRef("http://x.org/kg/doc/a%20b%23.txt")
    one = statement_iri("Department/甲", "manages", "Project/乙", "d.txt", 0, 10)
    assert one == statement_iri("Department/甲", "manages", "Project/乙", "d.txt", 0, 10)
    assert one != statement_iri("Department/甲", "manages", "Project/乙", "d.txt", 1, 10)
    assert str(one).startswith(DEFAULT_BASE_IRI + "stmt/")


def test_hostile_iris_are_valid_in_both_parsers(hostile_kg: KnowledgeGraph) -> None:
    graph = to_rdf(hostile_kg)
    iris = {term for triple in graph for term in triple if isinstance(term, URIRef)}
    for iri in iris:
        pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
        rest = str(iri).removeprefix(DEFAULT_BASE_IRI)
        if rest != str(iri):
            assert not set(' "<>{}|\\^`[]#?') & set(rest), iri
            assert all(ord(ch) > 0x20 and not 0x7F <= ord(ch) <= 0x9F for ch in rest), iri
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert set(HOSTILE_NAMES) <= labels
    reparsed = _oxigraph_to_rdflib(turtle.serialize(hostile_kg), pyoxigraph.RdfFormat.TURTLE)
    assert iris == {t for triple in reparsed for t in triple if isinstance(t, URIRef)}


def test_base_iri_is_configurable_and_checked(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg, base_iri="http://example.org/kg/")
    assert (URIRef("http://example.org/kg/Place/文昌街道"), RDF.type, ZHKG.Place) in graph
    assert ("id", URIRef("http://example.org/kg/")) in set(graph.namespaces())
    for bad in ("zhkg/", "http://example.org/kg", "http://exa mple.org/"):
        with pytest.raises(ValueError):
            check_base_iri(bad)


# ---------------------------------------------------------------- content of the graph


def test_entities_carry_names_counts_and_attributes(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    dept = entity_iri("Department/示范区发改委")
    proj = entity_iri("Project/创基智谷项目")
    doc = document_iri("small.txt")
    assert (dept, RDF.type, ZHKG.Department) in graph
    assert (dept, RDFS.label, Literal("示范区发改委", lang="zh")) in graph
    assert (dept, SKOS.altLabel, Literal("区发改委", lang="zh")) in graph
    assert (dept, ZHKG.mentionCount, Literal(2)) in graph
    assert (dept, ZHKG.mentionedIn, doc) in graph
    assert (proj, ZHKG.investmentYuan, Literal("3000000000.0", datatype=XSD.decimal)) in graph
    assert graph.value(proj, ZHKG.investmentYuan).toPython() == Decimal("3000000000")
    assert (proj, ZHKG.status, Literal("在建", lang="zh")) in graph
    assert (doc, RDF.type, ZHKG.Document) in graph
    assert (doc, ZHKG.fileName, Literal("small.txt")) in graph
    assert (doc, ZHKG.date, Literal("2022-09-19", datatype=XSD.date)) in graph
    assert (dept, ZHKG.manages, proj) in graph


def test_year_is_a_gyear(hostile_kg: KnowledgeGraph) -> None:
    years = set(to_rdf(hostile_kg).objects(None, ZHKG.year))
    assert years == {Literal("2023", datatype=XSD.gYear)}


def test_decimal_literal_is_canonical() -> None:
    assert str(decimal_literal("3E+9")) == "3000000000.0"
    assert str(decimal_literal(Decimal("1.50"))) == "1.5"
    with pytest.raises(ValueError):
        decimal_literal("三十亿")


def test_every_evidence_of_a_stated_relation_is_a_reified_statement(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    evidence = sum(len(data["evidence"]) for *_, data in small_kg.edges(co_occurs=False))
    assert len(statements) == evidence == 3
    for stmt in statements:
        triple = (graph.value(stmt, RDF.subject), graph.value(stmt, RDF.predicate), graph.value(stmt, RDF.object))
        assert triple in graph
        assert graph.value(stmt, PROV.wasDerivedFrom) == document_iri("small.txt")


def test_co_occurs_is_a_direct_triple_without_statements(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    assert any(data["evidence"] for *_, data in small_kg.edges() if _[2] == "coOccurs")
    assert list(graph.triples((None, ZHKG.coOccurs, None)))
    assert not list(graph.triples((None, RDF.predicate, ZHKG.coOccurs)))
    assert validate(graph)[0]


def test_co_occurs_false_leaves_co_occurrence_out(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg, co_occurs=False)
    assert not list(graph.triples((None, ZHKG.coOccurs, None)))
    assert not list(graph.triples((None, RDF.predicate, ZHKG.coOccurs)))
    assert list(graph.triples((None, ZHKG.manages, None)))
    assert list(to_rdf(small_kg).triples((None, ZHKG.coOccurs, None)))


# ---------------------------------------------------------------- exporters


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_round_trips_in_rdflib(any_kg: KnowledgeGraph, fmt: str, tmp_path: Path) -> None:
    module, rdflib_format, _ = FORMATS[fmt]
    path = module.export(any_kg, tmp_path / f"graph.{fmt}")
    assert path == tmp_path / f"graph.{fmt}"
    parsed = Graph().parse(data=path.read_bytes(), format=rdflib_format)
    assert isomorphic(parsed, to_rdf(any_kg))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_round_trips_in_oxigraph(any_kg: KnowledgeGraph, fmt: str, tmp_path: Path) -> None:
    module, _, ox_format = FORMATS[fmt]
    path = module.export(any_kg, tmp_path / f"graph.{fmt}")
    assert isomorphic(_oxigraph_to_rdflib(path.read_bytes(), ox_format), to_rdf(any_kg))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_byte_stable(any_kg: KnowledgeGraph, fmt: str, tmp_path: Path) -> None:
    module = FORMATS[fmt][0]
    first = module.export(any_kg, tmp_path / "a").read_bytes()
    second = module.export(any_kg, tmp_path / "b").read_bytes()
    assert first == second and first.endswith(b"\n")


def test_no_blank_nodes(any_kg: KnowledgeGraph) -> None:
    assert not [t for triple in to_rdf(any_kg) for t in triple if isinstance(t, BNode)]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_ignores_build_order(fmt: str, tmp_path: Path) -> None:
    extraction = _hostile_extraction()
    shuffled = Extraction(
        documents=extraction.documents,
        entities=tuple(reversed(extraction.entities)),
        relations=tuple(reversed(extraction.relations)),
    )
    module = FORMATS[fmt][0]
    first = module.export(KnowledgeGraph.build(extraction), tmp_path / "a").read_bytes()
    second = module.export(KnowledgeGraph.build(shuffled), tmp_path / "b").read_bytes()
    assert first == second


def test_ntriples_lines_are_sorted(small_kg: KnowledgeGraph) -> None:
    lines = ntriples.serialize(small_kg).decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(to_rdf(small_kg))


def test_jsonld_has_a_context(small_kg: KnowledgeGraph) -> None:
    document = json.loads(jsonld.serialize(small_kg))
    assert document["@context"]["zhkg"] == "https://zhkg.dev/ontology#"
    assert document["@context"]["id"] == DEFAULT_BASE_IRI
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids, key=lambda i: i.replace("id:", DEFAULT_BASE_IRI))
    assert "id:Place/文昌街道" in ids


# ---------------------------------------------------------------- querying provenance

WHY = """
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX zhkg: <https://zhkg.dev/ontology#>
SELECT ?sentence ?file ?start ?end ?cue WHERE {
    ?head rdfs:label "示范区发改委"@zh .
    ?tail rdfs:label "创基智谷项目"@zh .
    ?head zhkg:manages ?tail .
    ?stmt a rdf:Statement ;
          rdf:subject ?head ; rdf:predicate zhkg:manages ; rdf:object ?tail ;
          prov:wasDerivedFrom ?doc ;
          zhkg:sentence ?sentence ; zhkg:startOffset ?start ; zhkg:endOffset ?end ; zhkg:cue ?cue .
    ?doc zhkg:fileName ?file .
}
"""
WHY_ANSWER = ("示范区发改委牵头推进创基智谷项目，总投资30亿元。", "small.txt", 0, 25, "牵头推进")


def test_sparql_says_why_an_edge_is_there(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = turtle.export(small_kg, tmp_path / "graph.ttl")
    graph = Graph().parse(path, format="turtle")
    rows = [tuple(term.toPython() for term in row) for row in graph.query(WHY, initNs={"rdfs": RDFS})]
    assert rows == [WHY_ANSWER]


def test_sparql_why_in_oxigraph(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = turtle.export(small_kg, tmp_path / "graph.ttl")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + WHY
    rows = [tuple(sol[v].value for v in ("sentence", "file", "start", "end", "cue")) for sol in store.query(query)]
    assert rows == [tuple(str(v) for v in WHY_ANSWER)]


# ---------------------------------------------------------------- SHACL


def test_shacl_passes_on_good_graphs(any_kg: KnowledgeGraph) -> None:
    conforms, report = validate(to_rdf(any_kg))
    assert conforms, report


def test_shacl_fails_without_a_label(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    graph.remove((entity_iri("Place/文昌街道"), RDFS.label, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "rdfs:label" in report and "文昌街道" in report


def test_shacl_fails_without_a_class_or_with_two(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    place = entity_iri("Place/文昌街道")
    graph.remove((place, RDF.type, ZHKG.Place))
    assert not validate(graph)[0]
    graph.add((place, RDF.type, ZHKG.Place))
    graph.add((place, RDF.type, ZHKG.Company))
    assert not validate(graph)[0]


def test_shacl_fails_on_incomplete_evidence(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    stmt = next(graph.subjects(RDF.predicate, ZHKG.manages))
    graph.remove((stmt, ZHKG.sentence, None))
    graph.remove((stmt, ZHKG.startOffset, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "zhkg:sentence" in report and "zhkg:startOffset" in report


def test_shacl_fails_on_a_relation_without_evidence(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    graph.add((entity_iri("Department/示范区发改委"), ZHKG.manages, entity_iri("Project/无证据项目")))
    graph.add((entity_iri("Project/无证据项目"), RDF.type, ZHKG.Project))
    graph.add((entity_iri("Project/无证据项目"), RDFS.label, Literal("无证据项目", lang="zh")))
    graph.add((entity_iri("Project/无证据项目"), ZHKG.mentionCount, Literal(0)))
    conforms, report = validate(graph)
    assert not conforms
    assert "no rdf:Statement" in report and "示范区发改委" in report


def test_shacl_fails_on_a_statement_of_no_asserted_triple(small_kg: KnowledgeGraph) -> None:
    graph = to_rdf(small_kg)
    stmt = next(graph.subjects(RDF.predicate, ZHKG.supports))
    graph.remove((graph.value(stmt, RDF.subject), ZHKG.supports, graph.value(stmt, RDF.object)))
    conforms, report = validate(graph)
    assert not conforms
    assert "is not asserted" in report and str(stmt) in report


def test_one_statement_per_evidence_record_even_in_one_sentence(small_kg: KnowledgeGraph) -> None:
    evidence = small_kg.G.edges["Department/示范区发改委", "Project/创基智谷项目", "manages"]["evidence"]
    evidence.append({**evidence[0], "cue": "推进"})  # one sentence, two cues: two records
    graph = to_rdf(small_kg)
    cues = {str(graph.value(s, ZHKG.cue)) for s in graph.subjects(RDF.predicate, ZHKG.manages)}
    assert cues == {"牵头推进", "推进"}
    assert validate(graph)[0]


def test_iri_segment_doctest_examples() -> None:
    assert iri_segment("Company/A#1 ?50%") == "Company/A%231%20%3F50%25"
