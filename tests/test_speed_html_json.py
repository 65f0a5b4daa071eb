"""The JSON export's fast paths give what the plain ``json``/``networkx`` calls give."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.jsontext import dumps_by_line, interleave, sorted_encoder
from graph.kg import KnowledgeGraph

#: Strings JSON must escape, or that look like markup, or lie outside the BMP.
TRICKY = ['say "hi"\\', "line\nbreak\ttab\x00\x1f", "\u2028\u2029", "</script><!--", "😀 e\u0301", ""]


def _tricky_graph() -> KnowledgeGraph:
    """Return an invented graph whose ids, labels and evidence hold :data:`TRICKY` strings."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {"b.txt": {"title": TRICKY[0], "date": ""}, "a.txt": {"title": "甲", "date": "2020"}}
    for i, text in enumerate(TRICKY):
        G.add_node(f"Thing/{text}{i}", type="Thing", label=text, aliases=[text, "x"], mentions=i,
                   documents=["a.txt"], year=2000 + i, ratio=i / 7, flag=bool(i % 2), none=None)
    nodes = list(G.nodes)
    for i, head in enumerate(nodes):
        for key in ("coOccurs", "partOf"):
            tail = nodes[(i * 3 + 1) % len(nodes)]
            G.add_edge(head, tail, key=key, type=key,
                       evidence=[{"doc": "a.txt", "start": i, "end": i + 2, "text": TRICKY[i], "cue": key}] * (i % 3))
    return KnowledgeGraph(G)


@pytest.mark.parametrize("value", [*TRICKY, 0, -1, 10**40, 1.5, -0.0, float("inf"), float("nan"), True, None,
                                   [], {}, {"b": [1, {"z": TRICKY[1], "a": None}], "a": {"2": 3, "10": 4}}])
def test_sorted_encoder_is_json_dumps(value: object) -> None:
    assert sorted_encoder()(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)


def test_sorted_encoder_raises_as_json_dumps_and_recovers() -> None:
    encode = sorted_encoder()
    bad = {"a": [object()]}
    with pytest.raises(TypeError):
        encode(bad)
    del bad["a"]
    assert encode(bad) == "{}", "the failed value is not mistaken for a circular one"
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        encode(loop)


def test_dumps_by_line_is_one_json_dumps_per_item() -> None:
    document = {"z": [TRICKY, {"b": 1, "a": TRICKY[2]}, 3], "a": {"y": 1, "x": [2]}, "m": [], "n": TRICKY[0]}
    text = dumps_by_line(document)
    items = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in document["z"])
    assert text == ('{"a": {"x": [2], "y": 1},\n"m": [],\n"n": ' + json.dumps(TRICKY[0], ensure_ascii=False)
                    + ',\n"z": [\n' + items + "\n]}\n")
    assert json.loads(text) == document


def test_to_dict_is_sorted_node_link_data() -> None:
    kg = _tricky_graph()
    data = nx.node_link_data(kg.G, edges="links")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["links"] = sorted(data["links"], key=lambda e: (e["key"], e["source"], e["target"]))
    assert kg.to_dict() == data and list(kg.to_dict()) == list(data)
    with kg.frozen():
        assert kg.to_dict() == data


def test_saved_json_reads_back(tmp_path) -> None:
    kg = _tricky_graph()
    path = kg.save(tmp_path / "graph.json")
    assert KnowledgeGraph.load(path).to_dict() == kg.to_dict()


def test_edge_count_is_number_of_edges() -> None:
    kg = _tricky_graph()
    assert kg.edge_count() == kg.G.number_of_edges() == len(list(kg.edges()))
    with kg.frozen():
        assert kg.edge_count() == kg.G.number_of_edges()
    kg.G.add_edge(*list(kg.G.nodes)[:2], key="extra")
    assert kg.edge_count() == kg.G.number_of_edges()


def test_edge_rows_are_the_sorted_networkx_edges() -> None:
    kg = _tricky_graph()
    kg.G.add_edge("Thing/0", "Thing/0", key="loop", type="loop", evidence=[])  # a loop and a new node
    plain = sorted(kg.G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
    rows = kg._edge_rows()
    assert rows == plain
    assert all(row[3] is edge[3] for row, edge in zip(rows, plain)), "the attribute dicts themselves"


@pytest.mark.parametrize("value", [{"b": [1, 2.5], "a": TRICKY}, [None, True], "x"])
def test_sorted_encoder_takes_the_separators_and_nan_rule_of_json_dumps(value: object) -> None:
    compact = sorted_encoder((",", ":"), allow_nan=False)
    assert compact(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with pytest.raises(ValueError):
        compact([value, float("nan")])


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_interleave_joins_as_the_separator_joins(count: int) -> None:
    items = [TRICKY[i % len(TRICKY)] + str(i) for i in range(count)]
    for separator in (",\n", "", "\u2028"):
        pieces = interleave(items, separator)
        assert "".join(["<", *pieces, ">"]) == "<" + separator.join(items) + ">"
        assert pieces[::2] == items and set(pieces[1::2]) <= {separator}


@pytest.mark.parametrize("document", [{}, {"a": []}, {"a": [TRICKY]}, {"z": [1], "a": {"b": [2]}, "m": TRICKY},
                                      {"x": [[], {}, TRICKY[3]], "y": [None]}])
def test_dumps_by_line_is_the_plain_layout(document: dict) -> None:
    members = []
    for key in sorted(document):
        value, name = document[key], json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            lines = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in value)
            members.append(f"{name}: [\n{lines}\n]")
        else:
            members.append(f"{name}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    assert dumps_by_line(document) == "{" + ",\n".join(members) + "}\n"
