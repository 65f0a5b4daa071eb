"""Evidence written once for all exporters gives what each exporter's plain encoding gives."""

from __future__ import annotations

import io
import json
from contextlib import nullcontext
from typing import Any

import networkx as nx
import pytest

from graph.export import evidence, graphml, html, json_export
from graph.jsontext import dumps_by_line
from graph.kg import KnowledgeGraph

#: Strings that need escaping in JSON, XML or a <script>, or lie outside the BMP.
HOSTILE = ['say "hi" \\ back', "line\nbreak\ttab\rret\x1f", "<b>&amp;</b>", "\u2028\u2029", "</script><!--",
           "😀 e\u0301", "", "甲乙"]
#: :data:`HOSTILE` without what XML cannot hold, so GraphML takes its fast path.
XML_HOSTILE = [graphml.xml_safe(text) for text in HOSTILE]


class Shout(str):
    """A string whose ``str()`` is not its text (the page coerces with ``str``, JSON does not)."""

    def __str__(self) -> str:
        return self.upper()


def _item(i: int, texts: list[str] = HOSTILE, **changes: Any) -> dict[str, Any]:
    """Return an invented evidence item made of ``texts``, with ``changes`` applied."""
    item = {"doc": f"d{i % 3}.txt", "start": i, "end": i + 2, "text": texts[i % len(texts)],
            "cue": texts[(i + 3) % len(texts)]}
    item.update(changes)
    return item


#: Evidence lists that are not plain: each must be left to the writers' own encoding.
ODD = [
    [_item(1, start=True)], [_item(2, end=2.0)], [_item(3, text=Shout("abc"))], [_item(4, extra=1)],
    [{k: v for k, v in _item(5).items() if k != "cue"}], [("doc", "a")], (_item(6),), "text", None,
    [_item(7), _item(8, doc=None)], [type("D", (dict,), {})(_item(9))],
]


def _graph(odd: bool, texts: list[str] = HOSTILE) -> KnowledgeGraph:
    """Return an invented graph whose edges share, repeat and vary evidence made of ``texts``,
    with the :data:`ODD` lists on some edges when ``odd``."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {f"d{i}.txt": {"title": texts[i], "date": ""} for i in range(3)}
    ids = [f"T/{text}{i}" for i, text in enumerate(texts)]
    for i, node in enumerate(ids):
        G.add_node(node, type="Thing", label=texts[i], aliases=[texts[i - 1]], mentions=i, documents=["d0.txt"])
    lists = [[], [_item(0, texts)], [_item(0, texts)], [_item(1, texts), _item(0, texts), _item(1, texts)],
             [_item(i, texts) for i in range(9)]]
    if odd:
        lists += ODD
    for i, evidence_list in enumerate(lists):
        head, tail = ids[i % len(ids)], ids[(i * 5 + 1) % len(ids)]
        for key in ("coOccurs", "partOf"):
            G.add_edge(head, tail, key=f"{key}{i}", type=key, evidence=evidence_list)
    G.add_edge(ids[0], ids[1], key="noEvidence", type="noEvidence")
    G.add_edge(ids[1], ids[2], key="more", type="more", evidence=[_item(2)], weight=2)
    G.add_edge(ids[2], ids[3], key="typeless", evidence=[_item(3)])
    return KnowledgeGraph(G)


@pytest.mark.parametrize("odd", [False, True])
def test_evidence_json_is_json_dumps_or_none(odd: bool) -> None:
    kg = _graph(odd)
    texts = evidence.evidence_json(kg)
    rows = list(kg.edges())
    assert len(texts) == len(rows)
    for (_head, _tail, _key, data), text in zip(rows, texts):
        value = data.get("evidence")
        if text is None:
            assert value is None or value in ODD
            continue
        assert text.compact == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert text.spaced == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert sum(text is None for text in texts) == 1 + (len(ODD) * 2 if odd else 0)


def test_plain_wants_exact_types_and_keys() -> None:
    assert evidence.plain([]) == ()
    assert evidence.plain([_item(1)]) == ((HOSTILE[4], "d1.txt", 3, 1, HOSTILE[1]),)
    assert all(evidence.plain(value) is None for value in ODD)


def test_evidence_json_is_kept_in_a_frozen_block_only() -> None:
    kg = _graph(True)
    assert evidence.evidence_json(kg) is not evidence.evidence_json(kg)
    with kg.frozen():
        kept = evidence.evidence_json(kg)
        assert evidence.evidence_json(kg) is kept
    assert "_frozen_memo" not in kg.__dict__


def _graphml_by_networkx(kg: KnowledgeGraph) -> bytes:
    """Return what networkx itself writes for the flattened graph."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml.flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


@pytest.mark.parametrize("texts", [HOSTILE, XML_HOSTILE])
@pytest.mark.parametrize("odd", [False, True])
@pytest.mark.parametrize("frozen", [False, True])
def test_exports_write_what_their_plain_encodings_write(texts: list[str], odd: bool, frozen: bool) -> None:
    kg = _graph(odd, texts)
    assert (graphml._plain_text(kg) is None) == (texts is HOSTILE), "XML-safe text takes the fast path"
    plain_json = dumps_by_line(kg.to_dict())
    plain_graphml = _graphml_by_networkx(kg)
    with kg.frozen() if frozen else nullcontext(kg):
        assert json_export.serialize(kg) == plain_json
        assert graphml.serialize(kg) == plain_graphml
        if not odd:  # the page's plain records need evidence items it can read
            assert html.page_json(kg) == html.embed_json(_plain_page_data(kg))


def test_page_json_coerces_odd_evidence_as_before() -> None:
    kg = _graph(False)
    for i, (head, tail, key) in enumerate(kg.G.edges(keys=True)):
        kg.G.edges[head, tail, key]["evidence"] = [[_item(1, start=True)], [_item(3, text=Shout("abc"))],
                                                  [_item(2, end=2.0)], (_item(6),)][i % 4]
    with kg.frozen():
        assert html.page_json(kg) == html.embed_json(_plain_page_data(kg))


def _plain_page_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The page's data as plain records (see ``tests/test_speed_html_pages.py``)."""
    from tests.test_speed_html_pages import _plain_page_data as plain

    return plain(kg)


def test_dumps_by_line_takes_encoded_members() -> None:
    items = [{"b": HOSTILE[0], "a": [1, None]}, {}]
    texts = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    document = {"z": 1, "b": HOSTILE[1]}
    assert dumps_by_line(document, {"m": texts}) == dumps_by_line({**document, "m": items})
    assert dumps_by_line({**document, "m": ["ignored"]}, {"m": []}) == dumps_by_line({**document, "m": []})


@pytest.mark.parametrize("where", ["node id", "edge key", "edge type", "attribute name", "evidence", "shared evidence"])
@pytest.mark.parametrize("bad", ["\x01", "\ud800", "\ufffe", "\uffff"])
def test_graphml_finds_text_xml_cannot_hold_wherever_it_is(where: str, bad: str) -> None:
    kg = _graph(False, XML_HOSTILE)
    assert graphml._plain_text(kg) is not None
    G = kg.G
    head, tail = list(G.nodes)[:2]
    if where == "node id":
        G.add_edge(head, f"T/new{bad}", key="partOf", type="partOf", evidence=[_item(1)])
    elif where == "edge key":
        G.add_edge(head, tail, key=f"k{bad}", type="partOf", evidence=[_item(1)])
    elif where == "edge type":
        G.add_edge(head, tail, key="k", type=f"partOf{bad}", evidence=[_item(0)])
    elif where == "attribute name":
        G.nodes[head][f"a{bad}"] = 1
    else:  # the same evidence on an edge written before, only its text is new
        G.add_edge(head, tail, key="k", type="partOf", evidence=[_item(0, text=f"x{bad}")])
        if where == "shared evidence":
            G.add_edge(tail, head, key="k", type="partOf", evidence=[_item(0, text=f"x{bad}")])
    escaped = where.endswith("evidence") and bad == "\x01"  # JSON writes it as \u0001
    assert (graphml._plain_text(kg) is None) != escaped
    with kg.frozen():
        assert (graphml._plain_text(kg) is None) != escaped
        assert graphml.serialize(kg) == _graphml_by_networkx(kg)
