"""The exporter registry: format name → the module and function that writes it.

Like rdflib's plugin registry, every exporter is registered here, explicitly, by the name of
its module, and imported only when asked for, so ``kg extract`` never loads rdflib or pyvis.
Every exporter has the signature ``(kg, path) -> path`` and writes one file atomically.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from graph.kg import KnowledgeGraph

Exporter = Callable[["KnowledgeGraph", Path], Path]

#: Format name -> (module, function).
EXPORTERS: dict[str, tuple[str, str]] = {
    "turtle": ("graph.export.turtle", "export"),
    "jsonld": ("graph.export.jsonld", "export"),
    "ntriples": ("graph.export.ntriples", "export"),
    "graphml": ("graph.export.graphml", "export"),
    "json": ("graph.export.json_export", "export"),
    "html": ("graph.export.html", "export"),
}

#: Format name -> file name written by ``kg build``, in the order written.
FILE_NAMES: dict[str, str] = {
    "turtle": "graph.ttl",
    "graphml": "graph.graphml",
    "json": "graph.json",
    "html": "graph.html",
}


def get(name: str) -> Exporter:
    """Return the exporter registered as ``name``; raise ``KeyError`` listing the known ones."""
    try:
        module, function = EXPORTERS[name]
    except KeyError:
        raise KeyError(f"no exporter {name!r}; known: {', '.join(sorted(EXPORTERS))}") from None
    return getattr(importlib.import_module(module), function)
