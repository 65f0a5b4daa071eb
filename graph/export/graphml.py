"""The ``graphml`` exporter: scalar attributes only, so lists are flattened here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from graph.export.atomic import write_bytes
from graph.kg import KnowledgeGraph


def flatten(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Return a copy of ``kg.G`` whose list and dict attributes are JSON strings.

    Nodes and edges are inserted in sorted order so the GraphML text is stable.
    """
    flat = nx.MultiDiGraph()
    for node, data in kg.entities():
        flat.add_node(node, **{k: _scalar(v) for k, v in sorted(data.items())})
    for head, tail, key, data in kg.edges():
        flat.add_edge(head, tail, key=key, **{k: _scalar(v) for k, v in sorted(data.items())})
    return flat


def _scalar(value: object) -> object:
    """Return ``value`` unchanged when GraphML can hold it, else as compact JSON text."""
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export(kg: KnowledgeGraph, path: Path) -> Path:
    """Write ``kg`` as GraphML to ``path`` atomically; return ``path``."""
    buffer = io.BytesIO()
    nx.write_graphml(flatten(kg), buffer, encoding="utf-8", prettyprint=True)
    return write_bytes(path, buffer.getvalue())
