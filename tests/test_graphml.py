"""The GraphML exporter writes exactly the bytes networkx's own writer would, for any graph."""

from __future__ import annotations

import io

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.export import graphml
from graph.kg import KnowledgeGraph
from tests.conftest import small_extraction

#: Characters that XML escapes or cannot hold, and ordinary ones.
_TEXT = st.text(alphabet=st.sampled_from(list('甲乙丙ab &<>"\'\n\r\t\ufffe\x01/')), max_size=6)
_VALUE = st.one_of(_TEXT, st.integers(-5, 5), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
                   st.lists(_TEXT, max_size=2), st.dictionaries(_TEXT, st.integers(0, 3), max_size=2))
_KEYS = st.sampled_from(["type", "label", "aliases", "year", "evidence", "a&b"])


def _networkx_bytes(kg: KnowledgeGraph) -> bytes:
    """Return what ``networkx.write_graphml`` writes for the flattened graph."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml.flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def test_small_graph_as_networkx_writes_it() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    assert graphml.serialize(kg) == _networkx_bytes(kg)


def test_empty_graph_as_networkx_writes_it() -> None:
    kg = KnowledgeGraph(nx.MultiDiGraph())
    assert graphml.serialize(kg) == _networkx_bytes(kg)


@settings(max_examples=150, deadline=None)
@given(nodes=st.dictionaries(_TEXT, st.dictionaries(_KEYS, _VALUE, max_size=3), max_size=6),
       edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["invests", "coOccurs", "a\"b"]),
                                st.dictionaries(_KEYS, _VALUE, max_size=2)), max_size=10))
def test_any_graph_as_networkx_writes_it(nodes: dict, edges: list) -> None:
    G = nx.MultiDiGraph()
    names = list(nodes)
    for name, data in nodes.items():
        G.add_node(name, **data)
    for head, tail, key, data in edges:
        if names:
            G.add_edge(names[head % len(names)], names[tail % len(names)], key=key, **data)
    kg = KnowledgeGraph(G)
    assert graphml.serialize(kg) == _networkx_bytes(kg)
