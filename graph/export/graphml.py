"""The ``graphml`` exporter: scalar attributes only, so lists are flattened here."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx

from graph.export.atomic import write_bytes
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
    buffer = io.BytesIO()
    nx.write_graphml(flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return write_bytes(path, buffer.getvalue())
