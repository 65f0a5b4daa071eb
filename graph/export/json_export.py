"""The ``json`` exporter: networkx node-link JSON, sorted and byte-stable."""

from __future__ import annotations

from pathlib import Path

from graph.kg import KnowledgeGraph


def export(kg: KnowledgeGraph, path: Path) -> Path:
    """Write ``kg`` as node-link JSON to ``path`` atomically; return ``path``."""
    return kg.save(path)
