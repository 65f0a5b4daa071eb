"""The exporter registry: a plain dict from format name to ``(kg, path) -> path``.

Every exporter writes one file atomically and returns its path. Filled here, explicitly,
never by import side effects elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.export import graphml, html, json_export, turtle
from graph.kg import KnowledgeGraph

Exporter = Callable[[KnowledgeGraph, Path], Path]

#: Format name -> exporter.
EXPORTERS: dict[str, Exporter] = {
    "turtle": turtle.export,
    "graphml": graphml.export,
    "json": json_export.export,
    "html": html.export,
}

#: Format name -> file name written by ``kg build``.
FILE_NAMES: dict[str, str] = {
    "turtle": "graph.ttl",
    "graphml": "graph.graphml",
    "json": "graph.json",
    "html": "graph.html",
}


def get(name: str) -> Exporter:
    """Return the exporter registered as ``name``; raise ``KeyError`` listing the known ones."""
    try:
        return EXPORTERS[name]
    except KeyError:
        raise KeyError(f"no exporter {name!r}; known: {', '.join(sorted(EXPORTERS))}") from None
