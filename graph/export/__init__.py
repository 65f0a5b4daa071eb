"""The exporter registry: format name → the module and function that writes it.

Like rdflib's plugin registry, every exporter is registered here, explicitly, by the name of
its module, and imported only when asked for, so ``kg extract`` never loads rdflib or pyvis.
Every exporter has the signature ``(kg, path) -> path`` and writes one file atomically; those of
:data:`RDF_FORMATS` also take ``base_iri=``. ``ontology`` writes the packaged
``graph/ontology.ttl`` unchanged beside the data, whatever the graph.
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
    "ontology": ("graph.export", "write_ontology"),
}

#: Formats whose exporter also takes ``base_iri=`` (the base of instance IRIs, ``kg build --base-iri``).
RDF_FORMATS: frozenset[str] = frozenset({"turtle", "jsonld", "ntriples"})

#: Format name -> file name written by ``kg build``, in the order written.
FILE_NAMES: dict[str, str] = {
    "turtle": "graph.ttl",
    "jsonld": "graph.jsonld",
    "ntriples": "graph.nt",
    "ontology": "ontology.ttl",
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


def write_ontology(kg: KnowledgeGraph | None, path: Path) -> Path:
    """Write a copy of the packaged ``graph/ontology.ttl`` to ``path`` atomically; return ``path``.

    ``kg`` is not used: the vocabulary is the same for every graph.
    """
    from importlib import resources

    from graph.export.atomic import write_bytes

    return write_bytes(Path(path), resources.files("graph").joinpath("ontology.ttl").read_bytes())
