"""graph.query on the small hand-made graph, extended with places, sub-places and projects."""

from __future__ import annotations

from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyoxigraph")

from graph.kg import KnowledgeGraph
from graph.query import GraphQuery, load, place_level
from graph.rdf import to_rdf

BASE = "https://example.org/kg/"


def _evidence(doc: str, start: int, end: int, text: str, cue: str) -> list[dict]:
    return [{"doc": doc, "start": start, "end": end, "text": text, "cue": cue}]


@pytest.fixture
def places_kg(small_kg: KnowledgeGraph) -> KnowledgeGraph:
    """``small_kg`` plus 文昌街道 ⊂ 示范区 ⊂ 焦作市, two more projects and a county.

    创基智谷项目 (30亿) lies in 文昌街道; 人才公寓 (1.5亿) in 焦作市; 沿黄高速 (no amount)
    passes through 武陟县 and 示范区.
    """
    G = small_kg.G.copy()
    G.graph["documents"]["more.txt"] = {"title": "更多", "date": ""}
    for name, aliases in (("示范区", ["城乡一体化示范区"]), ("焦作市", []), ("武陟县", [])):
        G.add_node(f"Place/{name}", type="Place", label=name, aliases=aliases, mentions=1, documents=["more.txt"])
    G.add_node("Project/人才公寓", type="Project", label="人才公寓", aliases=[], mentions=1,
               documents=["more.txt"], investment_yuan="150000000", year=2023)
    G.add_node("Project/沿黄高速", type="Project", label="沿黄高速", aliases=[], mentions=1, documents=["more.txt"])
    edges = [
        ("Project/创基智谷项目", "Place/文昌街道", "locatedIn", 0, 10, "创基智谷项目位于文昌街道。"),
        ("Place/文昌街道", "Place/示范区", "locatedIn", 10, 20, "文昌街道属示范区。"),
        ("Place/示范区", "Place/焦作市", "locatedIn", 20, 30, "示范区属焦作市。"),
        ("Project/人才公寓", "Place/焦作市", "locatedIn", 30, 40, "人才公寓位于焦作市。"),
        ("Project/沿黄高速", "Place/武陟县", "passesThrough", 40, 50, "沿黄高速途经武陟县、示范区。"),
        ("Project/沿黄高速", "Place/示范区", "passesThrough", 40, 50, "沿黄高速途经武陟县、示范区。"),
    ]
    for head, tail, key, start, end, text in edges:
        G.add_edge(head, tail, key=key, type=key, evidence=_evidence("more.txt", start, end, text, key[:2]))
    return KnowledgeGraph(G)


@pytest.fixture
def q(places_kg: KnowledgeGraph) -> GraphQuery:
    return GraphQuery.from_kg(places_kg)


def test_load_turtle_and_json_give_the_same_graph(places_kg, tmp_path):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(to_rdf(places_kg, base_iri=BASE).serialize(format="turtle"), encoding="utf-8")
    json_path = places_kg.save(tmp_path / "graph.json")
    from_ttl, from_json = load(ttl), load(json_path, base_iri=BASE)
    assert from_ttl.base_iri == BASE
    links_json = from_json.kg.to_dict()["links"]
    assert any(link["evidence"] for link in links_json if link["type"] == "coOccurs")
    for link in links_json:  # the RDF keeps the sentences of stated relations only
        if link["type"] == "coOccurs":
            link["evidence"] = []
    assert from_ttl.kg.to_dict()["links"] == links_json
    nodes_ttl = {n["id"]: n for n in from_ttl.kg.to_dict()["nodes"]}
    nodes_json = {n["id"]: n for n in from_json.kg.to_dict()["nodes"]}
    assert nodes_ttl.keys() == nodes_json.keys()
    for node, data in nodes_json.items():
        if "investment_yuan" in data:  # Turtle holds the canonical decimal
            assert Decimal(nodes_ttl[node].pop("investment_yuan")) == Decimal(data.pop("investment_yuan"))
        assert nodes_ttl[node] == data
    assert from_ttl.kg.G.graph["documents"] == from_json.kg.G.graph["documents"]
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    assert from_ttl.sparql(query).equals(from_json.sparql(query))
    assert repr(from_ttl) == f"GraphQuery(9 entities, 10 edges, 2 documents, {len(from_ttl.store)} triples)"


def test_load_rejects_other_files(tmp_path):
    with pytest.raises(ValueError, match="graph.ttl or graph.json"):
        load(tmp_path / "graph.graphml")


def test_sparql_binds_prefixes_and_converts_values(q):
    df = q.sparql("""
        SELECT ?name ?yuan ?year (COUNT(?d) AS ?docs) WHERE {
          ?p a zhkg:Project ; rdfs:label ?name ; zhkg:mentionedIn ?d .
          OPTIONAL { ?p zhkg:investmentYuan ?yuan }
          OPTIONAL { ?p zhkg:year ?year }
        } GROUP BY ?name ?yuan ?year ORDER BY ?name""")
    assert list(df.columns) == ["name", "yuan", "year", "docs"]
    assert df.to_dict("records") == [
        {"name": "人才公寓", "yuan": Decimal(150000000), "year": "2023", "docs": 1},
        {"name": "创基智谷项目", "yuan": Decimal(3000000000), "year": None, "docs": 1},
        {"name": "沿黄高速", "yuan": None, "year": None, "docs": 1},
    ]
    assert df["docs"].dtype.kind == "i" and isinstance(df["name"][0], str)
    assert df["year"].dtype == object  # a column with a None keeps Python values
    assert q.sparql("ASK { id:Place\\/示范区 skos:altLabel '城乡一体化示范区'@zh }") is True
    assert q.sparql(f"ASK {{ <{q.iri('示范区')}> rdfs:label '焦作市'@zh }}") is False
    # a query's own prefix declaration wins
    own = q.sparql("PREFIX z: <https://zhkg.dev/ontology#> SELECT ?s WHERE { ?s a z:Place } ORDER BY ?s")
    assert own["s"].tolist() == [q.iri(n) for n in ("Place/文昌街道", "Place/武陟县", "Place/焦作市", "Place/示范区")]


def test_sparql_reaches_the_evidence(q):
    df = q.sparql("""
        SELECT ?file ?cue ?start WHERE {
          ?st rdf:subject ?d ; rdf:predicate zhkg:manages ; rdf:object ?p ;
              prov:wasDerivedFrom ?doc ; zhkg:cue ?cue ; zhkg:startOffset ?start .
          ?doc zhkg:fileName ?file .
          ?d rdfs:label "示范区发改委"@zh .
        } ORDER BY ?file ?start ?cue""")
    assert df.to_dict("records") == [{"file": "small.txt", "cue": "牵头推进", "start": 0}]


def test_construct_gives_sorted_triples(q):
    df = q.sparql("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a zhkg:Place ; rdfs:label ?l }")
    assert list(df.columns) == ["subject", "predicate", "object"]
    assert df["object"].tolist() == ["文昌街道", "武陟县", "焦作市", "示范区"]


def test_iri_of_a_name_or_alias(q):
    assert q.iri("区发改委") == "https://zhkg.dev/id/Department/示范区发改委"
    assert q.id_of(q.iri("区发改委")) == "Department/示范区发改委"
    with pytest.raises(KeyError, match="no entity has the IRI"):
        q.id_of("https://zhkg.dev/id/doc/small.txt")
    with pytest.raises(KeyError, match="nowhere"):
        q.iri("nowhere")


def test_projects_in_follows_sub_places(q):
    df = q.projects_in("焦作市")
    assert list(df.columns) == ["project", "id", "via", "investment_yuan", "status", "year"]
    assert df.to_dict("records") == [
        {"project": "人才公寓", "id": "Project/人才公寓", "via": "locatedIn 焦作市",
         "investment_yuan": Decimal(150000000), "status": None, "year": 2023},
        {"project": "创基智谷项目", "id": "Project/创基智谷项目", "via": "locatedIn 文昌街道",
         "investment_yuan": Decimal(3000000000), "status": "在建", "year": None},
        {"project": "沿黄高速", "id": "Project/沿黄高速", "via": "passesThrough 示范区",
         "investment_yuan": None, "status": None, "year": None},
    ]
    assert q.projects_in("城乡一体化示范区")["project"].tolist() == ["创基智谷项目", "沿黄高速"]
    assert q.projects_in("武陟县")["project"].tolist() == ["沿黄高速"]
    assert q.sub_places("焦作市") == ["Place/文昌街道", "Place/焦作市", "Place/示范区"]


def test_projects_in_rejects_what_is_not_a_place(q):
    with pytest.raises(ValueError, match="is a Department, not a Place"):
        q.projects_in("区发改委")
    with pytest.raises(KeyError):
        q.projects_in("上海市")


def test_neighbours(q):
    one = q.neighbours("卓立")
    assert list(one.columns) == ["distance", "type", "label", "id", "relations"]
    assert one.values.tolist() == [
        [1, "Department", "示范区发改委", "Department/示范区发改委", "示范区发改委 supports 焦作卓立膜材料股份有限公司"],
        [1, "Place", "文昌街道", "Place/文昌街道", "焦作卓立膜材料股份有限公司 locatedIn 文昌街道"],
    ]
    two = q.neighbours("焦作卓立膜材料股份有限公司", hops=2)
    assert two[two["distance"] == 2].values.tolist() == [
        [2, "Place", "示范区", "Place/示范区", "文昌街道 locatedIn 示范区"],
        [2, "Project", "创基智谷项目", "Project/创基智谷项目",
         "创基智谷项目 locatedIn 文昌街道; 示范区发改委 manages 创基智谷项目"],
    ]
    assert q.neighbours("人才公寓", hops=0).empty


def test_neighbourhood_is_a_knowledge_graph(q):
    sub = q.neighbourhood("文昌街道")
    assert sorted(sub.G.nodes) == ["Company/焦作卓立膜材料股份有限公司", "Place/文昌街道", "Place/示范区",
                                   "Project/创基智谷项目"]
    assert [key for _, _, key, _ in sub.edges()] == ["locatedIn", "locatedIn", "locatedIn"]
    assert sub.G.graph["documents"] == {"more.txt": {"title": "更多", "date": ""},
                                        "small.txt": {"title": "示范区发改委", "date": "2022-09-19"}}
    assert "more.txt" in q.kg.G.graph["documents"]  # the original is untouched


def test_neighbours_with_co_occurs(small_kg):
    q = GraphQuery.from_kg(small_kg)
    assert q.neighbours("创基智谷项目")["relations"].tolist() == ["示范区发改委 manages 创基智谷项目"]
    assert q.neighbours("创基智谷项目", co_occurs=True)["relations"].tolist() == [
        "示范区发改委 coOccurs 创基智谷项目; 示范区发改委 manages 创基智谷项目"]


def test_evidence_in_either_direction(q):
    df = q.evidence("创基智谷项目", "区发改委")
    assert list(df.columns) == ["head", "relation", "tail", "doc", "title", "date", "start", "end", "cue", "sentence"]
    assert df.to_dict("records") == [{
        "head": "示范区发改委", "relation": "manages", "tail": "创基智谷项目", "doc": "small.txt",
        "title": "示范区发改委", "date": "2022-09-19", "start": 0, "end": 25, "cue": "牵头推进",
        "sentence": "示范区发改委牵头推进创基智谷项目，总投资30亿元。",
    }]
    both = q.evidence("示范区发改委", "创基智谷项目", co_occurs=True)
    assert both[["relation", "cue"]].values.tolist() == [["coOccurs", ""], ["manages", "牵头推进"]]
    assert q.evidence("人才公寓", "武陟县").empty


def test_investment_by_level(q):
    district = q.investment_by("district")
    assert list(district.columns) == ["place", "id", "projects", "with_investment", "investment_yuan"]
    assert district.values.tolist() == [["示范区", "Place/示范区", 2, 1, Decimal(3000000000)]]
    assert q.investment_by(("district", "county"))["place"].tolist() == ["示范区", "武陟县"]
    city = q.investment_by("city")
    assert city.values.tolist() == [["焦作市", "Place/焦作市", 3, 2, Decimal(3150000000)]]
    assert q.investment_by("province").empty
    with pytest.raises(ValueError, match="unknown place level 'prefecture'"):
        q.investment_by("prefecture")


@pytest.mark.parametrize("name, level", [
    ("河南省", "province"), ("广西壮族自治区", "province"), ("焦作市", "city"), ("孟州市", "city"),
    ("武陟县", "county"), ("马村区", "district"), ("示范区", "district"), ("宁郭镇", "township"),
    ("文昌街道", "township"), ("大沙河", None),
])
def test_place_level(name, level):
    assert place_level(name) == level


def test_undirected_leaves_co_occurs_out(q):
    H = q.undirected()
    assert H.number_of_nodes() == 9
    assert H.edges["Department/示范区发改委", "Project/创基智谷项目"]["relations"] == ["manages"]
    assert q.undirected(co_occurs=True).edges["Department/示范区发改委", "Project/创基智谷项目"]["relations"] == [
        "coOccurs", "manages"]
