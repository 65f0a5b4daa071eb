"""SPARQL over the exports: ``graph/sparql.py``, ``kg query``, SHACL and round trips of ``exports/``.

The four questions of issue 5 (projects located in a district with its sub-places, the
companies investing in them, total investment per district, the evidence of one edge) are
answered exactly on a small hand-built graph, and on the committed seed exports checked
against the same answers computed in Python from ``exports/graph.json``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from graph import corpus, sparql
from graph.export import FILE_NAMES, turtle
from graph.kg import KnowledgeGraph
from graph.model import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.rdf import validate
from graph.vocab import DEFAULT_BASE_IRI, entity_iri, ontology

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "exports"
SEEDS = ROOT / "seeds"
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# ---------------------------------------------------------------- the four questions

#: (a) Projects located in a place or in any place inside it.
PROJECTS_IN = """
SELECT DISTINCT ?project WHERE {
  ?district rdfs:label «PLACE» .
  ?p a zhkg:Project ; zhkg:locatedIn+ ?district ; rdfs:label ?project .
}
ORDER BY ?project
"""
#: (b) Companies investing in those projects.
INVESTORS_IN = """
SELECT DISTINCT ?company ?project WHERE {
  ?district rdfs:label «PLACE» .
  ?p a zhkg:Project ; zhkg:locatedIn+ ?district ; rdfs:label ?project .
  ?c zhkg:invests ?p ; rdfs:label ?company .
}
ORDER BY ?company ?project
"""
#: (c) Total investment per place, its sub-places' projects included. A ``+`` path yields each
#: (project, place) pair once however many routes join them (SPARQL 1.1, 18.5), so no project
#: is counted twice.
TOTALS = """
SELECT ?place (COUNT(?p) AS ?projects) (SUM(?yuan) AS ?total_yuan) WHERE {
  ?p a zhkg:Project ; zhkg:locatedIn+ ?d ; zhkg:investmentYuan ?yuan .
  ?d rdfs:label ?place .
}
GROUP BY ?place
ORDER BY DESC(?total_yuan) ?place
"""
#: (d) Why is this edge here: the reified statements of one edge.
WHY = """
SELECT ?sentence ?file ?start ?end ?cue WHERE {
  ?head rdfs:label «HEAD» . ?tail rdfs:label «TAIL» .
  ?head zhkg:invests ?tail .
  ?stmt a rdf:Statement ; rdf:subject ?head ; rdf:predicate zhkg:invests ; rdf:object ?tail ;
        prov:wasDerivedFrom ?doc ; zhkg:sentence ?sentence ;
        zhkg:startOffset ?start ; zhkg:endOffset ?end .
  OPTIONAL { ?stmt zhkg:cue ?cue }
  ?doc zhkg:fileName ?file .
}
ORDER BY ?file ?start
"""


def q(template: str, lang: str = "zh", **names: str) -> str:
    """Return ``template`` with each ``«KEY»`` replaced by the SPARQL literal ``"value"@lang``."""
    for key, value in names.items():
        template = template.replace(f"«{key}»", json.dumps(value, ensure_ascii=False) + f"@{lang}")
    return template


# ---------------------------------------------------------------- the hand-built graph

DOC_TEXT = (
    "马村区、解放区都是焦作市的辖区。"
    "待王镇隶属马村区。"
    "恒森包装有限公司投资5亿元建设高端包装材料项目，项目位于马村区。"
    "天宝微粉有限公司投资3亿元建设金刚石微粉项目，项目落户待王镇。"
    "金刚石微粉项目是马村区重点项目。"
    "卓立膜材料有限公司与恒森包装有限公司投资2亿元建设电磁屏蔽膜项目，项目位于解放区。"
    "滨河公园项目位于解放区。"
)
SECOND_TEXT = "天宝微粉有限公司追加投资金刚石微粉项目。"


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``[start, end)`` of each sentence of ``text`` (ending in 。)."""
    spans, start = [], 0
    for i, char in enumerate(text):
        if char == "。":
            spans.append((start, i + 1))
            start = i + 1
    return spans


def district_extraction() -> Extraction:
    """Return a city, two districts, a town in one of them, four projects and three companies.

    高端包装材料项目 (5亿) lies in 马村区; 金刚石微粉项目 (3亿) in 待王镇 and, stated again, in
    马村区 itself; 电磁屏蔽膜项目 (2亿) and 滨河公园项目 (no amount) in 解放区. 恒森 invests in
    包装 and 屏蔽膜, 天宝 in 微粉 (stated in two documents), 卓立 in 屏蔽膜.
    """
    doc = Document(id="jiaozuo.txt", text=DOC_TEXT, title="焦作项目", date="2023-05-06")
    second = Document(id="second.txt", text=SECOND_TEXT, title="追加投资")
    s = _sentences(DOC_TEXT)
    s2 = _sentences(SECOND_TEXT)

    def entity(type_: str, name: str, **attrs: object) -> Entity:
        mentions = []
        for d in (doc, second):
            at = d.text.find(name)
            if at >= 0:
                mentions.append(Mention(d.id, at, at + len(name), name, type_, "fixture"))
        return Entity(id=f"{type_}/{name}", type=type_, name=name, mentions=tuple(mentions),
                      attributes=tuple(sorted(attrs.items())))

    city, mc, jf, town = (entity("Place", n) for n in ("焦作市", "马村区", "解放区", "待王镇"))
    bz = entity("Project", "高端包装材料项目", investment_yuan=Decimal(500000000))
    wf = entity("Project", "金刚石微粉项目", investment_yuan=Decimal(300000000), status="在建")
    pb = entity("Project", "电磁屏蔽膜项目", investment_yuan=Decimal(200000000))
    park = entity("Project", "滨河公园项目")
    hs, tb, zl = (entity("Company", n) for n in ("恒森包装有限公司", "天宝微粉有限公司", "卓立膜材料有限公司"))

    def rel(type_: str, head: Entity, tail: Entity, *evidence: Evidence) -> Relation:
        return Relation(type_, head.id, tail.id, tuple(evidence))

    relations = (
        rel("locatedIn", mc, city, Evidence(doc.id, *s[0], "name")),
        rel("locatedIn", jf, city, Evidence(doc.id, *s[0], "name")),
        rel("locatedIn", town, mc, Evidence(doc.id, *s[1], "隶属")),
        rel("invests", hs, bz, Evidence(doc.id, *s[2], "投资")),
        rel("locatedIn", bz, mc, Evidence(doc.id, *s[2], "位于")),
        rel("invests", tb, wf, Evidence(doc.id, *s[3], "投资"), Evidence(second.id, *s2[0], "追加投资")),
        rel("locatedIn", wf, town, Evidence(doc.id, *s[3], "落户")),
        rel("locatedIn", wf, mc, Evidence(doc.id, *s[4], "")),
        rel("invests", zl, pb, Evidence(doc.id, *s[5], "投资")),
        rel("invests", hs, pb, Evidence(doc.id, *s[5], "投资")),
        rel("locatedIn", pb, jf, Evidence(doc.id, *s[5], "位于")),
        rel("locatedIn", park, jf, Evidence(doc.id, *s[6], "位于")),
    )
    entities = (city, mc, jf, town, bz, wf, pb, park, hs, tb, zl)
    return Extraction(documents=(doc, second), entities=tuple(sorted(entities, key=lambda e: e.id)),
                      relations=relations)


@pytest.fixture(scope="module")
def district_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built graph written as Turtle by the ``turtle`` exporter."""
    kg = KnowledgeGraph.build(district_extraction())
    return turtle.export(kg, tmp_path_factory.mktemp("district") / "graph.ttl")


@pytest.fixture(scope="module")
def district(district_ttl: Path) -> sparql.LoadedGraph:
    """The hand-built graph loaded into pyoxigraph."""
    return sparql.load(district_ttl)


def _rows(result: sparql.Result) -> list[tuple[object, ...]]:
    """Return the rows of ``result`` as tuples of Python values."""
    return [tuple(None if t is None else sparql.to_python(t) for t in row) for row in result.rows]


def test_a_projects_in_a_district_include_its_sub_places(district: sparql.LoadedGraph) -> None:
    assert _rows(sparql.run(district, q(PROJECTS_IN, PLACE="马村区"))) == [("金刚石微粉项目",), ("高端包装材料项目",)]
    assert _rows(sparql.run(district, q(PROJECTS_IN, PLACE="待王镇"))) == [("金刚石微粉项目",)]
    assert _rows(sparql.run(district, q(PROJECTS_IN, PLACE="解放区"))) == [("滨河公园项目",), ("电磁屏蔽膜项目",)]
    city = sparql.run(district, q(PROJECTS_IN, PLACE="焦作市")).column("project")
    assert city == ["滨河公园项目", "电磁屏蔽膜项目", "金刚石微粉项目", "高端包装材料项目"]


def test_b_companies_investing_in_a_districts_projects(district: sparql.LoadedGraph) -> None:
    assert _rows(sparql.run(district, q(INVESTORS_IN, PLACE="马村区"))) == [
        ("天宝微粉有限公司", "金刚石微粉项目"),
        ("恒森包装有限公司", "高端包装材料项目"),
    ]
    assert _rows(sparql.run(district, q(INVESTORS_IN, PLACE="解放区"))) == [
        ("卓立膜材料有限公司", "电磁屏蔽膜项目"),
        ("恒森包装有限公司", "电磁屏蔽膜项目"),
    ]


def test_c_total_investment_per_district_counts_each_project_once(district: sparql.LoadedGraph) -> None:
    # 金刚石微粉项目 lies in 待王镇 and in 马村区 too: two paths to 马村区 and 焦作市, counted once.
    assert _rows(sparql.run(district, TOTALS)) == [
        ("焦作市", 3, Decimal(1000000000)),
        ("马村区", 2, Decimal(800000000)),
        ("待王镇", 1, Decimal(300000000)),
        ("解放区", 1, Decimal(200000000)),
    ]


def test_d_evidence_sentences_of_one_edge(district: sparql.LoadedGraph) -> None:
    result = sparql.run(district, q(WHY, HEAD="天宝微粉有限公司", TAIL="金刚石微粉项目"))
    start = DOC_TEXT.index("天宝微粉")
    end = DOC_TEXT.index("。", start) + 1
    assert result.records() == [
        {"sentence": DOC_TEXT[start:end], "file": "jiaozuo.txt", "start": start, "end": end, "cue": "投资"},
        {"sentence": SECOND_TEXT, "file": "second.txt", "start": 0, "end": len(SECOND_TEXT), "cue": "追加投资"},
    ]


def test_an_edge_without_a_cue_still_has_its_sentence(district: sparql.LoadedGraph) -> None:
    query = WHY.replace("zhkg:invests", "zhkg:locatedIn")
    rows = sparql.run(district, q(query, HEAD="金刚石微粉项目", TAIL="马村区")).records()
    assert rows == [{"sentence": "金刚石微粉项目是马村区重点项目。", "file": "jiaozuo.txt",
                     "start": DOC_TEXT.index("金刚石微粉项目是"), "end": DOC_TEXT.index("卓立")}]


@pytest.mark.parametrize("template", [PROJECTS_IN, INVESTORS_IN, TOTALS])
def test_rdflib_gives_the_same_answers(district_ttl: Path, district: sparql.LoadedGraph, template: str) -> None:
    query = q(template, PLACE="马村区")
    ours = [tuple(_plain(v) for v in row) for row in _rows(sparql.run(district, query))]
    theirs = [tuple(_plain(term.toPython()) for term in row) for row in
              Graph().parse(district_ttl, format="turtle").query(sparql.with_prefixes(query))]
    assert theirs == ours and ours


def _plain(value: object) -> object:
    """Return a number as a ``Decimal`` and anything else (rdflib's language-tagged literals too) as ``str``."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    return str(value)


# ---------------------------------------------------------------- the library


def test_declared_prefixes_are_left_alone() -> None:
    query = "PREFIX zhkg: <http://other.example/#>\nSELECT * WHERE { ?s zhkg:x ?o }"
    assert sparql.declared_prefixes(query) == {"zhkg"}
    assert "zhkg" not in sparql.missing_prefixes(query)
    text = sparql.with_prefixes(query)
    assert text.endswith(query) and text.count("PREFIX zhkg:") == 1 and "PREFIX rdfs:" in text


def test_a_declared_prefix_wins(district: sparql.LoadedGraph) -> None:
    mine = "PREFIX zhkg: <http://other.example/#>\nASK { ?s zhkg:invests ?o }"
    assert sparql.run(district, mine).boolean is False
    assert sparql.run(district, "ASK { ?s zhkg:invests ?o }").boolean is True


def test_every_format_loads_the_same_graph(tmp_path: Path) -> None:
    from graph.export import jsonld, ntriples

    kg = KnowledgeGraph.build(district_extraction())
    sizes = set()
    for module, name in ((turtle, "g.ttl"), (ntriples, "g.nt"), (jsonld, "g.jsonld")):
        loaded = sparql.load(module.export(kg, tmp_path / name))
        sizes.add(len(loaded))
        assert sparql.run(loaded, TOTALS).column("place") == ["焦作市", "马村区", "待王镇", "解放区"]
    assert len(sizes) == 1


def test_id_prefix_follows_the_files_base_iri(tmp_path: Path) -> None:
    from graph.export import ntriples

    kg = KnowledgeGraph.build(district_extraction())
    loaded = sparql.load(ntriples.export(kg, tmp_path / "g.nt", base_iri="http://example.org/kg/"))
    assert loaded.prefixes["id"] == "http://example.org/kg/"
    assert sparql.run(loaded, r"ASK { id:Place\/马村区 zhkg:locatedIn id:Place\/焦作市 }").boolean is True


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.ttl", None, "missing.ttl: no such file"),
        ("broken.ttl", "<a> <b> \"unterminated .\n", "broken.ttl: not valid Turtle"),
        ("broken.nt", "not n-triples\n", "broken.nt: not valid N-Triples"),
        ("broken.jsonld", "{\"@graph\": [", "broken.jsonld: not valid JSON-LD"),
        ("graph.json", "{}", "cannot tell the RDF format"),
    ],
)
def test_load_errors_are_one_line_naming_the_file(tmp_path: Path, name: str, content: str | None,
                                                  message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(sparql.QueryError) as info:
        sparql.load(path)
    assert message in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?x WHERE { ?x", "line 1, column"),
        ("SELECT * WHERE { ?s nope:p ?o }", "unknown prefix 'nope:'"),
        ("SELEC * {}", "not a valid SPARQL query"),
    ],
)
def test_bad_queries_are_one_line(district: sparql.LoadedGraph, query: str, message: str) -> None:
    with pytest.raises(sparql.QueryError) as info:
        sparql.run(district, query)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert len(str(info.value)) < 300


def test_table_aligns_chinese_by_display_width() -> None:
    lit = pyoxigraph.Literal
    result = sparql.Result("select", ("name", "n"), (
        (lit("焦作市"), lit("12", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        (lit("ab"), lit("3", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        (lit("行1\n行2"), None),
    ))
    lines = sparql.format_result(result, "table").splitlines()
    assert lines[0] == "name       n"  # the widest cell, 行1\n行2, takes 8 columns
    assert lines[1] == "--------  --"
    assert lines[2] == "焦作市    12"
    assert lines[3] == "ab         3"
    assert lines[4] == "行1\\n行2"
    assert lines[5] == "(3 rows)"
    assert sparql.display_width("焦作（市）a") == 11


def test_ask_and_construct(district: sparql.LoadedGraph) -> None:
    assert sparql.format_result(sparql.run(district, "ASK { ?s zhkg:invests ?o }"), "table") == "true\n"
    ask_json = json.loads(sparql.format_result(sparql.run(district, "ASK { ?s zhkg:nope ?o }"), "json"))
    assert ask_json == {"head": {}, "boolean": False}
    graph = sparql.run(district, "CONSTRUCT { ?c zhkg:invests ?p } WHERE { ?c zhkg:invests ?p }")
    assert graph.variables == ("subject", "predicate", "object") and len(graph.rows) == 4
    table = sparql.format_result(graph, "table", district.prefixes)
    assert ["id:Company/天宝微粉有限公司", "zhkg:invests", "id:Project/金刚石微粉项目"] in [
        line.split() for line in table.splitlines()]


# ---------------------------------------------------------------- kg query


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m graph`` as a user would; return the finished process."""
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_kg_query_table(district_ttl: Path) -> None:
    done = run_kg("query", str(district_ttl), TOTALS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "place   projects  total_yuan",
        "------  --------  ----------",
        "焦作市         3  1000000000",
        "马村区         2   800000000",
        "待王镇         1   300000000",
        "解放区         1   200000000",
        "(4 rows)",
    ]
    assert done.stderr == ""


def test_kg_query_csv(district_ttl: Path) -> None:
    done = run_kg("query", str(district_ttl), q(INVESTORS_IN, PLACE="马村区"), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout))) == [
        ["company", "project"],
        ["天宝微粉有限公司", "金刚石微粉项目"],
        ["恒森包装有限公司", "高端包装材料项目"],
    ]


def test_kg_query_json(district_ttl: Path) -> None:
    done = run_kg("query", str(district_ttl), q(WHY, HEAD="天宝微粉有限公司", TAIL="金刚石微粉项目"), "--format", "json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["head"]["vars"] == ["sentence", "file", "start", "end", "cue"]
    first = answer["results"]["bindings"][0]
    assert first["sentence"]["xml:lang"] == "zh" and first["sentence"]["value"].startswith("天宝微粉有限公司投资3亿元")
    assert first["start"] == {"type": "literal", "value": str(DOC_TEXT.index("天宝微粉")),
                              "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert first["file"] == {"type": "literal", "value": "jiaozuo.txt"}
    assert len(answer["results"]["bindings"]) == 2


def test_kg_query_reads_a_query_file(district_ttl: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "projects.rq"
    query_file.write_text("# projects in 马村区 and its towns\n" + q(PROJECTS_IN, PLACE="马村区"), encoding="utf-8")
    done = run_kg("query", str(district_ttl), str(query_file), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["project", "金刚石微粉项目", "高端包装材料项目"]


@pytest.mark.parametrize("kind", ["missing file", "broken file", "bad query", "missing query file"])
def test_kg_query_errors_exit_1_with_one_line(district_ttl: Path, tmp_path: Path, kind: str) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <x> .\n:a :b", encoding="utf-8")
    args = {
        "missing file": (str(tmp_path / "nope.ttl"), "ASK {}"),
        "broken file": (str(broken), "ASK {}"),
        "bad query": (str(district_ttl), "SELECT ?x WHERE { ?x"),
        "missing query file": (str(district_ttl), str(tmp_path / "nope.rq")),
    }[kind]
    done = run_kg("query", *args)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), done.stderr
    named = {"missing file": "nope.ttl", "broken file": "broken.ttl", "bad query": "query:",
             "missing query file": "nope.rq"}[kind]
    assert named in lines[0]


def test_kg_query_bad_format_is_a_usage_error(district_ttl: Path) -> None:
    assert run_kg("query", str(district_ttl), "ASK {}", "--format", "xml").returncode == 2


def test_kg_build_base_iri(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DOC_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    done = run_kg("build", str(tmp_path / "in"), "--out", str(out), "--base-iri", "http://example.org/kg/")
    assert done.returncode == 0, done.stderr
    subjects = {line.split(" ", 1)[0] for line in (out / "graph.nt").read_text(encoding="utf-8").splitlines()}
    assert subjects and all(s.startswith("<http://example.org/kg/") for s in subjects)
    assert json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))["@context"]["id"] == "http://example.org/kg/"
    assert "<http://example.org/kg/doc/a.txt>" in (out / "graph.ttl").read_text(encoding="utf-8")
    done = run_kg("query", str(out / "graph.ttl"), "SELECT ?d WHERE { ?d a zhkg:Document }")
    assert done.stdout.splitlines()[2] == "id:doc/a.txt"
    bad = run_kg("build", str(tmp_path / "in"), "--out", str(out), "--base-iri", "example.org/kg")
    assert bad.returncode == 2 and "--base-iri" in bad.stderr


# ---------------------------------------------------------------- the committed exports

RDF_EXPORTS = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.jsonld": "json-ld"}


@pytest.fixture(scope="module")
def seeds_kg() -> KnowledgeGraph:
    """The seed graph as ``kg build`` saved it in ``exports/graph.json``."""
    return KnowledgeGraph.load(EXPORTS / "graph.json")


@pytest.fixture(scope="module")
def seeds_store() -> sparql.LoadedGraph:
    """``exports/graph.ttl`` loaded into pyoxigraph."""
    return sparql.load(EXPORTS / "graph.ttl")


@pytest.fixture(scope="module")
def parsed_exports() -> dict[str, Graph]:
    """Each RDF export parsed by rdflib."""
    return {name: Graph().parse(EXPORTS / name, format=fmt) for name, fmt in RDF_EXPORTS.items()}


def _located(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Return, per place id, the ids of the projects located in it or in any place inside it."""
    parents: dict[str, set[str]] = defaultdict(set)
    for head, tail, type_, _ in kg.edges(co_occurs=False):
        if type_ == "locatedIn":
            parents[head].add(tail)
    inside: dict[str, set[str]] = defaultdict(set)
    for node, data in kg.entities("Project"):
        seen, todo = set(), list(parents[node])
        while todo:
            place = todo.pop()
            if place not in seen:
                seen.add(place)
                todo.extend(parents[place])
        for place in seen:
            inside[place].add(node)
    return inside


def test_exports_hold_every_rdf_file_and_the_ontology() -> None:
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "ontology.ttl"):
        assert name in FILE_NAMES.values() and (EXPORTS / name).is_file(), name
    onto = Graph().parse(EXPORTS / "ontology.ttl", format="turtle")
    assert isomorphic(onto, ontology())
    assert (ROOT / "graph" / "ontology.ttl").read_bytes() == (EXPORTS / "ontology.ttl").read_bytes()


def test_exports_round_trip_between_formats(parsed_exports: dict[str, Graph]) -> None:
    ttl, nt, jsonld = (parsed_exports[n] for n in ("graph.ttl", "graph.nt", "graph.jsonld"))
    assert len(ttl) > 1000
    assert isomorphic(ttl, nt)
    assert isomorphic(ttl, jsonld)


@pytest.mark.parametrize("name", sorted(RDF_EXPORTS))
def test_exports_parse_in_oxigraph_to_the_same_graph(parsed_exports: dict[str, Graph], name: str) -> None:
    fmt = sparql.RDF_SUFFIXES[Path(name).suffix][0]
    triples = pyoxigraph.parse(path=str(EXPORTS / name), format=fmt)
    nt = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=nt, format="nt"), parsed_exports["graph.ttl"])
    assert len(sparql.load(EXPORTS / name)) == len(parsed_exports["graph.ttl"])


@pytest.mark.parametrize("name", sorted(RDF_EXPORTS))
def test_exports_pass_shacl(parsed_exports: dict[str, Graph], name: str) -> None:
    conforms, report = validate(parsed_exports[name])
    assert conforms, report


def test_a_broken_copy_of_the_exports_fails_shacl(tmp_path: Path) -> None:
    lines = (EXPORTS / "graph.nt").read_text(encoding="utf-8").splitlines()
    label = next(i for i, line in enumerate(lines) if str(RDFS.label) in line and "/Place/" in line.split(" ")[0])
    sentence = next(i for i, line in enumerate(lines) if "ontology#sentence>" in line)
    place = lines[label].split(" ")[0]
    broken = tmp_path / "broken.nt"
    broken.write_text("\n".join(l for i, l in enumerate(lines) if i not in (label, sentence)) + "\n", encoding="utf-8")
    conforms, report = validate(Graph().parse(broken, format="nt"))
    assert not conforms
    assert "rdfs:label" in report and place.strip("<>").rsplit("/", 1)[1] in report
    assert "zhkg:sentence" in report


def test_exports_projects_in_a_district_match_the_graph(seeds_kg: KnowledgeGraph,
                                                        seeds_store: sparql.LoadedGraph) -> None:
    inside = _located(seeds_kg)
    assert inside, "no project of the seeds is located anywhere"
    # The place with the most projects, and every place that has any: SPARQL agrees with Python.
    for place in sorted(inside, key=lambda p: (-len(inside[p]), p))[:5]:
        label = seeds_kg.G.nodes[place]["label"]
        answer = sparql.run(seeds_store, q(PROJECTS_IN, PLACE=label)).column("project")
        expected = {seeds_kg.G.nodes[p]["label"] for pl, ps in inside.items()
                    if seeds_kg.G.nodes[pl]["label"] == label for p in ps}
        assert answer and set(answer) == expected, label
        assert all(isinstance(name, str) and name for name in answer)


def test_exports_investors_match_the_graph(seeds_kg: KnowledgeGraph, seeds_store: sparql.LoadedGraph) -> None:
    inside = _located(seeds_kg)
    investors: dict[str, set[str]] = defaultdict(set)
    for head, tail, type_, _ in seeds_kg.edges(co_occurs=False):
        if type_ == "invests":
            investors[tail].add(head)
    labels = {seeds_kg.G.nodes[pl]["label"] for pl in inside}
    for label in sorted(labels):
        rows = set(_rows(sparql.run(seeds_store, q(INVESTORS_IN, PLACE=label))))
        expected = {(seeds_kg.G.nodes[c]["label"], seeds_kg.G.nodes[p]["label"])
                    for pl, ps in inside.items() if seeds_kg.G.nodes[pl]["label"] == label
                    for p in ps for c in investors[p]}
        assert rows == expected, label


def test_exports_totals_match_the_graph(seeds_kg: KnowledgeGraph, seeds_store: sparql.LoadedGraph) -> None:
    inside = _located(seeds_kg)
    expected: dict[str, tuple[int, Decimal]] = {}
    for place, projects in inside.items():
        amounts = [Decimal(seeds_kg.G.nodes[p]["investment_yuan"]) for p in projects
                   if seeds_kg.G.nodes[p].get("investment_yuan") not in (None, "")]
        if amounts:
            label = seeds_kg.G.nodes[place]["label"]
            count, total = expected.get(label, (0, Decimal(0)))
            expected[label] = (count + len(amounts), total + sum(amounts))
    rows = _rows(sparql.run(seeds_store, TOTALS))
    assert rows, "no located project of the seeds has an investment"
    assert {place: (n, total) for place, n, total in rows} == expected
    totals = [total for _, _, total in rows]
    assert totals == sorted(totals, reverse=True) and all(t > 0 for t in totals)


def test_exports_evidence_is_the_seed_text(seeds_kg: KnowledgeGraph, seeds_store: sparql.LoadedGraph) -> None:
    texts = {doc.id: doc.text for doc in corpus.load([SEEDS])}
    edges = [(h, t, data) for h, t, type_, data in seeds_kg.edges() if type_ == "invests"]
    assert edges, "the seeds state no invests edge"
    for head, tail, data in edges[:10]:
        query = q(WHY, HEAD=seeds_kg.G.nodes[head]["label"], TAIL=seeds_kg.G.nodes[tail]["label"])
        rows = sparql.run(seeds_store, query).records()
        assert rows, (head, tail)
        for row in rows:
            assert texts[row["file"]][row["start"]:row["end"]] == row["sentence"]
        assert {(r["file"], r["start"], r["end"]) for r in rows} >= {
            (ev["doc"], ev["start"], ev["end"]) for ev in data["evidence"]}


def test_kg_query_on_every_export_gives_the_same_answer() -> None:
    outputs = {name: run_kg("query", f"exports/{name}", TOTALS, "--format", "csv") for name in RDF_EXPORTS}
    for name, done in outputs.items():
        assert done.returncode == 0, (name, done.stderr)
    assert len({done.stdout for done in outputs.values()}) == 1
    header, *rows = list(csv.reader(io.StringIO(outputs["graph.ttl"].stdout)))
    assert header == ["place", "projects", "total_yuan"] and rows


def test_default_base_iri_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert DEFAULT_BASE_IRI in readme and "--base-iri" in readme
    assert str(entity_iri("Place/马村区")) == DEFAULT_BASE_IRI + "Place/马村区"
