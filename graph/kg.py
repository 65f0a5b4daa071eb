"""The knowledge graph: a ``networkx.MultiDiGraph`` built from an :class:`Extraction`.

Nodes are entity ids with plain-dict attributes; edges are keyed by relation type.

Node attributes: ``type``, ``label`` (canonical name), ``aliases`` (list), ``mentions``
(count), ``documents`` (sorted ids), and where known ``investment_yuan`` (str, a decimal in
yuan, so it survives JSON and GraphML exactly), ``status``, ``year`` (int).

Edge attributes: ``type`` (the relation type, also the edge key) and ``evidence``: a list of
``{"doc", "start", "end", "text", "cue"}`` dicts sorted by document and offset.

Graph attributes: ``documents``: ``{doc id: {"title", "date"}}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from graph.gcpause import paused_gc
from graph.model import CO_OCCURS, Extraction

T = TypeVar("T")


@dataclass
class KnowledgeGraph:
    """A corpus's entities and relations as a ``networkx.MultiDiGraph`` named ``G``."""

    G: nx.MultiDiGraph

    @classmethod
    def build(cls, extraction: Extraction, *, co_occurs: bool = True) -> "KnowledgeGraph":
        """Build the graph from ``extraction``; drop ``coOccurs`` edges when ``co_occurs`` is False.

        Returns a new :class:`KnowledgeGraph`; the extraction is not changed.
        """
        with paused_gc():
            return cls(_graph(extraction, co_occurs))

    def entities(self, type: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield ``(id, attributes)`` of every node, sorted by id, optionally of one ``type``."""
        frozen = self.__dict__.get("_frozen_rows")
        for node, data in frozen[0] if frozen else self._node_rows():
            if type is None or data["type"] == type:
                yield node, data

    def edges(self, co_occurs: bool = True) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Yield ``(head, tail, type, attributes)`` of every edge in a stable sorted order."""
        frozen = self.__dict__.get("_frozen_rows")
        for head, tail, key, data in frozen[1] if frozen else self._edge_rows():
            if co_occurs or key != CO_OCCURS:
                yield head, tail, key, data

    def edge_count(self) -> int:
        """Return the number of edges: ``G.number_of_edges()``, counted without a walk over
        every node's degree in a :meth:`frozen` block."""
        frozen = self.__dict__.get("_frozen_rows")
        return len(frozen[1]) if frozen else self.G.number_of_edges()

    def _node_rows(self) -> list[tuple[str, dict[str, Any]]]:
        """Return ``(id, attributes)`` of every node, sorted by id."""
        nodes = self.G.nodes
        return [(node, nodes[node]) for node in sorted(nodes)]

    def _edge_rows(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Return ``(head, tail, type, attributes)`` of every edge, sorted by type, head and tail.

        The rows are read straight from the graph's adjacency dicts (``G.edges`` wraps every
        row in view objects); no two edges share type, head and tail, so the order in which
        they are read does not matter.
        """
        rows = [(head, tail, key, data) for head, tails in self.G._adj.items()
                for tail, keyed in tails.items() for key, data in keyed.items()]
        rows.sort(key=itemgetter(2, 0, 1))
        return rows

    @contextmanager
    def frozen(self) -> Iterator["KnowledgeGraph"]:
        """Sort the nodes and edges once for the ``with`` block, in which :meth:`entities` and
        :meth:`edges` reuse that order (the exporters each walk the whole graph) and
        :meth:`frozen_memo` keeps what it makes; the graph must not change meanwhile (gain or
        lose nodes or edges, or change their attributes). Yields the graph itself."""
        if "_frozen_rows" in self.__dict__:  # already frozen by an enclosing block
            yield self
            return
        self.__dict__["_frozen_rows"] = (self._node_rows(), self._edge_rows())
        self.__dict__["_frozen_memo"] = {}
        try:
            yield self
        finally:
            del self.__dict__["_frozen_rows"]
            del self.__dict__["_frozen_memo"]

    def frozen_memo(self, name: str, make: Callable[["KnowledgeGraph"], T]) -> T:
        """Return ``make(self)``, made once per :meth:`frozen` block and kept under ``name``
        until it ends (for what several exporters derive from the same rows); outside such a
        block, made anew on every call. Callers must not modify the result."""
        memo = self.__dict__.get("_frozen_memo")
        if memo is None:
            return make(self)
        if name not in memo:
            memo[name] = make(self)
        return memo[name]

    def find(self, name: str) -> str:
        """Return the id of the node whose label or alias is ``name`` (or its id).

        Raises ``KeyError`` naming ``name`` when nothing matches.
        """
        if name in self.G:
            return name
        for node, data in self.entities():
            if data["label"] == name:
                return node
        for node, data in self.entities():
            if name in data["aliases"]:
                return node
        raise KeyError(f"no entity named {name!r}")

    def subgraph(self, entity: str, hops: int = 1) -> "KnowledgeGraph":
        """Return the neighbourhood of ``entity`` (a name, alias or id) up to ``hops`` edges away.

        Edge direction is ignored for the distance; the result is a new graph.
        """
        center = self.find(entity)
        reach = nx.single_source_shortest_path_length(self.G.to_undirected(as_view=True), center, cutoff=hops)
        sub = self.G.subgraph(reach).copy()
        docs = {d for _, data in sub.nodes(data=True) for d in data["documents"]}
        sub.graph["documents"] = {k: v for k, v in self.G.graph["documents"].items() if k in docs}
        return KnowledgeGraph(sub)

    def to_dict(self, links: bool = True) -> dict[str, Any]:
        """Return the graph as a node-link dict with sorted nodes and edges (JSON-ready).

        The dict ``networkx.node_link_data(G, edges="links")`` gives, with nodes sorted by id
        and links by key, source and target, made from :meth:`entities` and :meth:`edges`
        (sorted once in a :meth:`frozen` block); ``links=False`` gives an empty list of links.
        """
        return {
            "directed": self.G.is_directed(),
            "multigraph": True,
            "graph": self.G.graph,
            "nodes": [{**data, "id": node} for node, data in self.entities()],
            "links": [{**data, "source": head, "target": tail, "key": key}
                      for head, tail, key, data in self.edges()] if links else [],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "KnowledgeGraph":
        """Rebuild a graph from :meth:`to_dict`'s output."""
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
        return cls(nx.MultiDiGraph(G))

    def save(self, path: str | Path) -> Path:
        """Write the graph as node-link JSON to ``path`` atomically, one node or link per line
        (:func:`graph.export.json_export.serialize`); return the path."""
        from graph.export.atomic import write_text
        from graph.export.json_export import serialize

        return write_text(Path(path), serialize(self))

    @classmethod
    def load(cls, path: str | Path) -> "KnowledgeGraph":
        """Read a graph written by :meth:`save` (the ``json`` export)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _graph(extraction: Extraction, co_occurs: bool) -> nx.MultiDiGraph:
    """Return the ``MultiDiGraph`` of ``extraction`` as :meth:`KnowledgeGraph.build` describes it."""
    texts = {doc.id: doc.text for doc in extraction.documents}
    G = nx.MultiDiGraph()
    G.graph["documents"] = {
        doc.id: {"title": doc.title, "date": doc.date} for doc in extraction.documents
    }
    for ent in extraction.entities:
        attrs: dict[str, Any] = {
            "type": ent.type,
            "label": ent.name,
            "aliases": list(ent.aliases),
            "mentions": sum(1 for m in ent.mentions if not m.nested),
            "documents": list(ent.doc_ids),
        }
        for key, value in ent.attributes:
            attrs[key] = str(value) if isinstance(value, Decimal) else value
        G.add_node(ent.id, **attrs)
    for rel in extraction.relations:
        if rel.type == CO_OCCURS and not co_occurs:
            continue
        evidence = [
            {
                "doc": ev.doc_id,
                "start": ev.start,
                "end": ev.end,
                "text": texts[ev.doc_id][ev.start : ev.end],
                "cue": ev.cue,
            }
            for ev in rel.evidence
        ]
        G.add_edge(rel.head, rel.tail, key=rel.type, type=rel.type, evidence=evidence)
    return G

