"""The html and graphml exporters' fast paths write what their plain formulations write."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import networkx as nx
import pytest

from graph.export import graphml, html
from graph.kg import KnowledgeGraph

#: Strings that need escaping in JSON, XML text or attributes, or inside a <script>.
TRICKY = ['a "quoted" \\ back', "line\nbreak\ttab\rret", "<b>&amp;</b>", "\u2028\u2029", "</script><!--", "😀", ""]


def _graph(extra: str = "") -> KnowledgeGraph:
    """Return an invented graph of tricky strings with parallel edges, loops, repeated evidence
    and attributes of every GraphML type; ``extra`` is put into one label and one evidence text."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {"d<1>.txt": {"title": TRICKY[2], "date": "2021"}, "d0.txt": {"title": "", "date": ""}}
    ids = []
    for i, text in enumerate(TRICKY):
        node = f"T/{text}{i}"
        ids.append(node)
        G.add_node(node, type=("Company", "Thing")[i % 2], label=text + (extra if i == 3 else ""),
                   aliases=[text, "别名"][: i % 3], mentions=i, documents=["d0.txt", "d<1>.txt"][: i % 3],
                   year=2000 + i, ratio=i / 3, flag=i % 2 == 0, investment_yuan=str(10 ** i * 3), empty="",
                   **({"status": "在建"} if i % 2 else {}))
    shared = {"doc": "d0.txt", "start": 1, "end": 4, "text": TRICKY[0], "cue": "与"}
    for i, head in enumerate(ids):
        for step, key in ((1, "coOccurs"), (1, "partOf"), (2, "invests"), (0, "manages")):
            tail = ids[(i + step) % len(ids)]
            evidence = [dict(shared), {"doc": "d<1>.txt", "start": i, "end": i + 1,
                                       "text": TRICKY[i] + (extra if key == "invests" else ""), "cue": key}][: i % 3]
            G.add_edge(head, tail, key=key, type=key, evidence=evidence)
    G.add_node("T/lonely")  # no attributes at all
    return KnowledgeGraph(G)


def _networkx_graphml(kg: KnowledgeGraph) -> bytes:
    """Return what networkx itself writes for the flattened graph."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml.flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


@pytest.mark.parametrize("extra", ["", "\x01", "\ud800", "\ufffe"])
def test_graphml_is_what_networkx_writes(extra: str) -> None:
    kg = _graph(extra)
    assert graphml.serialize(kg) == _networkx_graphml(kg)
    with kg.frozen():
        assert graphml.serialize(kg) == _networkx_graphml(kg)
    assert (graphml._plain_text(kg) is None) == bool(extra), "only XML-unsafe text takes the slow path"


def test_graphml_plain_text_leaves_subclasses_and_merges_to_the_safe_path() -> None:
    kg = _graph()
    kg.G.nodes["T/lonely"]["n"] = type("Count", (int,), {})(3)
    assert graphml._plain_text(kg) is None
    del kg.G.nodes["T/lonely"]["n"]
    kg.G.add_node("T/x\x01")
    kg.G.add_node("T/x\x02")  # both made the same id by xml_safe
    assert graphml._plain_text(kg) is None
    assert graphml.serialize(kg) == graphml._safe_serialize(kg)


def _plain_page_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The page's data built as dicts first, one record per edge: what the page JSON encodes."""
    nodes = html.node_records(kg)
    edges = [_edge_record(head, tail, key, attrs) for head, tail, key, attrs in kg.edges()]
    for edge, curve in zip(edges, html._parallel_curves((edge["from"], edge["to"]) for edge in edges)):
        if curve is not None:
            edge["curve"] = curve
    data = html._page_rest(kg, nodes, len(edges), Counter(e["type"] for e in edges))
    data["nodes"], data["edges"] = nodes, edges
    return data


def _edge_record(head: str, tail: str, key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """One edge's record, its evidence items coerced to their types."""
    evidence = [{"doc": str(ev.get("doc", "")), "start": int(ev.get("start", 0)), "end": int(ev.get("end", 0)),
                 "text": str(ev.get("text", "")), "cue": str(ev.get("cue", ""))} for ev in attrs.get("evidence", [])]
    return {"from": head, "to": tail, "type": key, "evidence": evidence}


def test_page_json_is_the_plain_page_data_embedded() -> None:
    kg = _graph()
    assert html.page_json(kg) == html.embed_json(_plain_page_data(kg))
    with kg.frozen():
        assert html.page_json(kg) == html.embed_json(_plain_page_data(kg))


def test_page_json_coerces_evidence_as_the_plain_records_do() -> None:
    kg = _graph()
    head, tail, key = next(iter(kg.G.edges(keys=True)))
    kg.G.edges[head, tail, key]["evidence"] = [{"start": True, "end": 2, "text": 5}, {"doc": "d0.txt"},
                                              {"start": 1, "end": 2, "text": "5", "doc": "", "cue": ""}]
    assert html.page_json(kg) == html.embed_json(_plain_page_data(kg))


def test_parallel_curves_are_what_min_and_max_give() -> None:
    pairs = [("b", "a"), ("a", "b"), ("a", "a"), ("a", "b"), (1, 2), (2, 1), ("a", "a"), ("c", "a")]
    assert html._parallel_curves(pairs) == [None, 0.2, None, 0.4, None, 0.2, 0.2, None]


def test_index_pairs_are_the_sorted_distinct_pairs() -> None:
    nodes = ["a", "b", "c", "d"]
    edges = [("b", "a", "x", {}), ("a", "b", "y", {}), ("c", "c", "x", {}), ("d", "a", "x", {}), ("c", "b", "x", {})]
    index = {node: i for i, node in enumerate(nodes)}
    plain = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v, _, _ in edges if u != v})
    assert html._index_pairs(nodes, edges).tolist() == [list(pair) for pair in plain]
    assert html._index_pairs(nodes, []).shape == (0, 2)
