"""The ``graphml`` exporter: scalar attributes only, so lists are flattened here.

The file is what ``networkx.write_graphml(flatten(kg), prettyprint=True)`` writes, byte for
byte (key ids in the order attributes are first met, keys declared last first, two-space
indents, ElementTree's escapes), but written here as text in one pass: networkx builds an
ElementTree of the whole graph first, which took most of the export's time. A value of a
type other than text, whole number, float or truth value falls back to networkx itself.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.export.atomic import write_bytes
from graph.export.evidence import evidence_json
from graph.jsontext import sorted_encoder
from graph.kg import KnowledgeGraph


#: Characters XML 1.0 cannot hold, even escaped: C0 controls but tab and line ends,
#: surrogates, and the noncharacters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` with the characters XML cannot hold replaced by U+FFFD.

    >>> xml_safe("甲\ufffe乙")
    '甲\ufffd乙'
    """
    return _NOT_XML.sub("\ufffd", text)


def flatten(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Return a copy of ``kg.G`` whose list and dict attributes are JSON strings, XML-safe.

    Nodes and edges are inserted in sorted order so the GraphML text is stable.
    """
    flat = nx.MultiDiGraph()
    for node, data in kg.entities():
        flat.add_node(xml_safe(node), **{k: _scalar(v) for k, v in sorted(data.items())})
    for head, tail, key, data in kg.edges():
        flat.add_edge(xml_safe(head), xml_safe(tail), key=xml_safe(key),
                      **{k: _scalar(v) for k, v in sorted(data.items())})
    return flat


def _scalar(value: object) -> object:
    """Return ``value`` as GraphML can hold it: XML-safe text, a number, or compact JSON text."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (int, float, bool)):
        return value
    return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def export(kg: KnowledgeGraph, path: Path) -> Path:
    """Write ``kg`` as GraphML to ``path`` atomically; return ``path``."""
    return write_bytes(path, serialize(kg))


def serialize(kg: KnowledgeGraph) -> bytes:
    """Return ``kg`` as UTF-8 GraphML: the bytes ``networkx.write_graphml`` writes for
    :func:`flatten` of it with ``prettyprint=True``.

    Tries :func:`_plain_text` first, which holds for a graph with nothing to make XML-safe,
    and falls back to :func:`_safe_serialize`.
    """
    text = _plain_text(kg)
    if text is None:
        return _safe_serialize(kg)
    return text.encode("utf-8")


def _plain_text(kg: KnowledgeGraph) -> str | None:
    """Return the GraphML text of ``kg`` with no id or value made XML-safe, or None where that
    is not :func:`serialize`'s text: the text holds a character XML cannot hold (so some
    :func:`xml_safe` would have changed something), a value is of a subclass of a GraphML type,
    or networkx would merge or add nodes or edges (see :func:`_networkx_edge_order`).

    Each piece of text is looked at once for what XML cannot hold: node ids, edge keys,
    attribute names and each distinct element body (:class:`_Cells`), not the whole text."""
    cells = _Cells()
    nodes = [(node, data) for node, data in kg.entities()]
    edges = [(head, tail, key, data, evidence.compact if evidence else None)
             for (head, tail, key, data), evidence in zip(kg.edges(), evidence_json(kg))]
    ordered = _networkx_edge_order(nodes, edges)  # type: ignore[arg-type]
    if ordered is None:
        return None
    ids = {node: _attrib(node) for node, _ in nodes}
    body: list[str] = []
    for node, data in nodes:
        rest = cells.element_rest(data, "node")
        if rest is None or _NOT_XML.search(rest) or _NOT_XML.search(node):
            return None
        body.append(f'    <node id="{ids[node]}"' + rest)
    key_ids: dict[str, str] = {}
    for head, tail, key, data, evidence in ordered:
        rest = cells.edge_rest(data, evidence)  # type: ignore[arg-type]
        if rest is None:
            return None
        key_id = key_ids.get(key)
        if key_id is None:
            if _NOT_XML.search(key):
                return None
            key_id = key_ids[key] = _attrib(key)
        body.append(f'    <edge source="{ids[head]}" target="{ids[tail]}" id="{key_id}"' + rest)
    return _document(cells.keys, body)


class _Cells:
    """Writes the ``<data>`` children of node and edge elements as networkx does,
    numbering attribute keys in the order first met, with the ``<data key=..>`` opening of
    each attribute name, value type and scope made once."""

    def __init__(self) -> None:
        #: ``(name, GraphML type, scope)`` -> key id, numbered in the order first met.
        self.keys: dict[tuple[str, str, str], str] = {}
        self._openings: dict[tuple[object, type, str], str] = {}
        self._json = sorted_encoder((",", ":"))
        #: (evidence text, type) -> the rest of an edge whose attributes are just those two
        self._edge_rests: dict[tuple[str, str], str | None] = {}

    def edge_rest(self, data: dict[Any, Any], evidence: str | None) -> str | None:
        """Return :meth:`element_rest` of an edge with attributes ``data`` and the compact
        JSON text ``evidence`` of its evidence (or None), or None also where it holds a
        character XML cannot hold; made once per distinct evidence and ``type`` for the usual
        edge, whose attributes are just those two."""
        if evidence is None or len(data) != 2 or type(data.get("type")) is not str:
            return self._checked(self.element_rest(data, "edge", evidence))
        key = (evidence, data["type"])
        if key not in self._edge_rests:
            self._edge_rests[key] = self._checked(self.element_rest(data, "edge", evidence))
        return self._edge_rests[key]

    @staticmethod
    def _checked(rest: str | None) -> str | None:
        """Return ``rest``, or None if it is None or holds a character XML cannot hold."""
        return None if rest is None or _NOT_XML.search(rest) else rest

    def element_rest(self, data: dict[Any, Any], scope: str, evidence: str | None = None) -> str | None:
        """Return the rest of an element of ``scope`` (``node``/``edge``) with attributes
        ``data`` whose start tag is open: ``>``, its ``<data>`` lines and end tag, or `` />``;
        ``evidence``, if given, is the compact JSON text of ``data["evidence"]``
        (:func:`graph.export.evidence.evidence_json`). None for a value whose type is a
        subclass of a GraphML type (networkx writes those)."""
        if not data:
            return " />"
        parts = [">"]
        openings = self._openings
        for name, value in sorted(data.items()):
            kind = type(value)
            opening = openings.get((name, kind, scope))
            if opening is None:
                opening = self._opening(name, value, scope)
                if opening is None:
                    return None
            if kind is str:
                text = value
            elif kind in _XML_TYPES:
                text = str(value)
            elif name == "evidence" and evidence is not None:
                text = evidence
            else:
                text = self._json(value)
            if text:
                if "&" in text or "<" in text or ">" in text:
                    text = _cdata(text)
                parts.append(f"{opening}>{text}</data>")
            else:
                parts.append(f"{opening} />")
        parts.append(f"    </{scope}>")
        return "\n".join(parts)

    def _opening(self, name: object, value: object, scope: str) -> str | None:
        """Return ``      <data key="dN"`` for attribute ``name`` holding a value like
        ``value`` in ``scope``, numbering a new key; None for a subclass of a GraphML type."""
        kind = type(value)
        if kind in _XML_TYPES:
            xml_type = _XML_TYPES[kind]
        elif isinstance(value, (str, int, float, bool)):
            return None
        else:
            xml_type = "string"  # held as JSON text
        spec = (str(name), xml_type, scope)
        key_id = self.keys.get(spec)
        if key_id is None:
            key_id = self.keys[spec] = f"d{len(self.keys)}"
        opening = self._openings[(name, kind, scope)] = f'      <data key="{key_id}"'
        return opening


def _safe_serialize(kg: KnowledgeGraph) -> bytes:
    """Return what :func:`serialize` returns, written by networkx from :func:`flatten` (every id
    and value made XML-safe): the slow path, for the rare graph :func:`_plain_text` cannot write."""
    buffer = io.BytesIO()
    nx.write_graphml(flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _document(keys: dict[tuple[str, str, str], str], body: list[str]) -> str | None:
    """Return the GraphML text around ``body`` (the node and edge elements, one string each):
    the XML declaration, the ``<key>`` declarations of ``keys`` (last numbered first), the
    ``<graph>`` element holding ``body``; None if an attribute name holds a character XML cannot hold."""
    head_lines = ["<?xml version='1.0' encoding='utf-8'?>",
                  f'<graphml xmlns="{_NS_GRAPHML}" xmlns:xsi="{_NS_XSI}" xsi:schemaLocation="{_SCHEMA_LOCATION}">']
    for (name, xml_type, scope), key_id in reversed(keys.items()):
        if _NOT_XML.search(name):
            return None
        head_lines.append(f'  <key id="{key_id}" for="{scope}" attr.name="{_attrib(name)}" attr.type="{xml_type}" />')
    if body:
        text = "\n".join([*head_lines, '  <graph edgedefault="directed">', *body, "  </graph>", "</graphml>\n"])
    else:
        text = "\n".join(head_lines) + '\n  <graph edgedefault="directed" />\n</graphml>\n'
    return text


Row = list[tuple[str, object]]
#: An edge as :func:`_plain_text` writes it: head, tail, key, attributes and the compact JSON
#: text of its evidence where known.
Edge = tuple[str, str, str, Row, "str | None"]


def _networkx_edge_order(nodes: list[tuple[str, Row]], edges: list[Edge]) -> list[Edge] | None:
    """Return ``edges`` in the order a ``MultiDiGraph`` that got ``nodes`` and then ``edges``
    added yields them: by head in node order, then by tail in the order first added; or None
    when networkx would merge or add anything (a repeated node or edge, an edge to an unknown node)."""
    position = {node: i for i, (node, _) in enumerate(nodes)}
    if len(position) != len(nodes):
        return None
    by_head: list[dict[str, list[Edge]]] = [{} for _ in nodes]
    seen: set[tuple[str, str, str]] = set()
    for edge in edges:
        head, tail, key = edge[:3]
        if head not in position or tail not in position or (head, tail, key) in seen:
            return None
        seen.add((head, tail, key))
        by_head[position[head]].setdefault(tail, []).append(edge)
    return [edge for tails in by_head for group in tails.values() for edge in group]


_NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
#: Python type -> GraphML ``attr.type``, as networkx names them.
_XML_TYPES: dict[type, str] = {str: "string", int: "long", float: "double", bool: "boolean"}


def _cdata(text: str) -> str:
    """Return ``text`` escaped as ElementTree escapes element text (``&``, ``<``, ``>``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attrib(text: str) -> str:
    """Return ``text`` escaped as ElementTree escapes an attribute value."""
    text = _cdata(text)
    for char, escape in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if char in text:
            text = text.replace(char, escape)
    return text
