"""Write every export of a build, in one process or several.

The exporters are independent, so with ``jobs`` > 1 they run in forked worker processes that
share the built graph copy-on-write (nothing is pickled but the file names). The RDF formats
stay in one task because they share one text of the triples (:func:`graph.rdf.shared_rdf`);
tasks go to the workers longest first. Whatever ``jobs`` is, the files are the same bytes.
The cyclic garbage collector is paused meanwhile (:func:`graph.gcpause.paused_gc`), and the
graph's nodes and edges are sorted once for all the exporters (:meth:`KnowledgeGraph.frozen`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from graph import export
from graph.forkpool import can_fork, fork_map, shared
from graph.gcpause import paused_gc

if TYPE_CHECKING:  # pragma: no cover
    from graph.kg import KnowledgeGraph

#: Tasks of a parallel export, roughly longest first: each a tuple of format names.
TASKS: tuple[tuple[str, ...], ...] = (
    tuple(name for name in export.FILE_NAMES if name in export.RDF_FORMATS),
    ("html",),
    ("graphml",),
    ("json",),
    ("ontology",),
)

def write_all(kg: KnowledgeGraph, out: Path, base_iri: str | None = None, jobs: int = 1,
              on_written: Callable[[Path], None] | None = None) -> list[Path]:
    """Write every format of :data:`graph.export.FILE_NAMES` into the folder ``out``.

    Takes the graph, the output folder, the base IRI of the RDF formats (None: the default)
    and the number of processes (more than one only where processes can fork); calls
    ``on_written(path)`` per file (in one process as soon as it is in place; with several, in
    the order of ``FILE_NAMES`` once all are) and returns the paths in that order. Raises what
    an exporter raises (:class:`graph.export.atomic.OutputError` for a file that cannot be written).
    """
    with paused_gc(), kg.frozen():
        if not can_fork(jobs):
            written = dict(_write(kg, out, base_iri, tuple(export.FILE_NAMES), on_written))
            return [written[name] for name in export.FILE_NAMES]
        tasks = fork_map(_write_in_worker, TASKS, (kg, out, base_iri), jobs)
    written = dict(pair for task in tasks for pair in task)
    paths = [written[name] for name in export.FILE_NAMES]
    for path in paths:
        if on_written:
            on_written(path)
    return paths


def _write(kg: KnowledgeGraph, out: Path, base_iri: str | None, names: tuple[str, ...],
           on_written: Callable[[Path], None] | None = None) -> list[tuple[str, Path]]:
    """Write the formats ``names`` of ``kg`` into ``out``, calling ``on_written(path)`` after
    each; return ``(format, path)`` pairs."""
    written = []
    for name in names:
        exporter = export.get(name)
        if base_iri and name in export.RDF_FORMATS:
            exporter = partial(exporter, base_iri=base_iri)
        written.append((name, exporter(kg, out / export.FILE_NAMES[name])))
        if on_written:
            on_written(written[-1][1])
    return written


def _write_in_worker(names: tuple[str, ...]) -> list[tuple[str, Path]]:
    """Write the formats ``names`` of the graph, into the folder, with the base IRI the parent shared."""
    kg, out, base_iri = shared()
    return _write(kg, out, base_iri, names)
