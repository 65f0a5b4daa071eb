"""The ``json`` exporter: networkx node-link JSON, sorted and byte-stable.

The text is :func:`graph.jsontext.dumps_by_line` of :meth:`KnowledgeGraph.to_dict`, one node
or link per line; a link whose attributes are its ``type`` and a plain evidence list is
written from the evidence text made once for all exporters (:func:`graph.export.evidence.evidence_json`)
rather than encoded again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.export.evidence import evidence_json
from graph.jsontext import dumps_by_line, sorted_encoder
from graph.kg import KnowledgeGraph


def export(kg: KnowledgeGraph, path: Path) -> Path:
    """Write ``kg`` as node-link JSON to ``path`` atomically; return ``path``."""
    return kg.save(path)


def serialize(kg: KnowledgeGraph) -> str:
    """Return ``kg`` as node-link JSON text: ``dumps_by_line(kg.to_dict())``."""
    return dumps_by_line(kg.to_dict(links=False), encoded={"links": link_lines(kg)})


def link_lines(kg: KnowledgeGraph) -> list[str]:
    """Return the JSON text of each link of :meth:`KnowledgeGraph.to_dict`, in its order: what
    ``json.dumps(link, ensure_ascii=False, sort_keys=True)`` writes."""
    encode = sorted_encoder()
    strings: dict[str, str] = {}  # a string (node id, relation type) -> its JSON text

    def text(value: Any) -> str:
        if type(value) is not str:
            return encode(value)
        found = strings.get(value)
        if found is None:
            found = strings[value] = encode(value)
        return found

    lines = []
    for (head, tail, key, data), evidence in zip(kg.edges(), evidence_json(kg)):
        if evidence is not None and len(data) == 2 and "type" in data:  # "evidence" and "type", sorted
            lines.append(f'{{"evidence": {evidence.spaced}, "key": {text(key)}, "source": {text(head)}, '
                         f'"target": {text(tail)}, "type": {text(data["type"])}}}')
        else:
            lines.append(encode({**data, "source": head, "target": tail, "key": key}))
    return lines
