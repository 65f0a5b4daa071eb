"""The ``kg`` command: ``build``, ``extract``, ``eval``, ``query``, ``show``.

Exit codes: 0 success; 1 an input file or lexicon cannot be read; 2 a usage error;
3 an output cannot be written. Every error is one line on stderr naming the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from graph import corpus
from graph.export.atomic import OutputError, check_writable
from graph.lexicon import LexiconError, load_lexicon
from graph.model import Extraction

EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 1, 2, 3


class _Progress:
    """A tqdm progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, desc="kg")

    def __call__(self, stage: str, n: int) -> None:
        if self.bar is not None:
            self.bar.set_description(stage)
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _extract(paths: Sequence[str], lexicon_file: str | None, progress: bool = False, jobs: int = 1) -> Extraction:
    """Load ``paths`` and run the pipeline with ``jobs`` processes; return the extraction."""
    from graph.pipeline import extract

    documents = corpus.load(paths)
    lexicon = load_lexicon(lexicon_file)
    bar = _Progress(2 * len(documents), progress)
    try:
        return extract(documents, lexicon, bar, jobs=jobs, lexicon_file=lexicon_file)
    finally:
        bar.close()


def cmd_build(args: argparse.Namespace) -> int:
    """``kg build PATH... --out DIR [--base-iri IRI]``: write every file of ``export.FILE_NAMES``."""
    from functools import partial

    from graph import export
    from graph.kg import KnowledgeGraph

    out = check_writable(Path(args.out))
    extraction = _extract(args.paths, args.lexicon, progress=True, jobs=args.jobs)
    kg = KnowledgeGraph.build(extraction, co_occurs=not args.no_co_occurs)
    for name in export.FILE_NAMES:
        exporter = export.get(name)
        if args.base_iri and name in export.RDF_FORMATS:
            exporter = partial(exporter, base_iri=args.base_iri)
        path = exporter(kg, out / export.FILE_NAMES[name])
        print(path, file=sys.stderr)
    counts = ", ".join(f"{t} {n}" for t, n in _type_counts(kg).items())
    print(f"kg: {len(extraction.documents)} documents, {kg.G.number_of_nodes()} entities ({counts}), "
          f"{kg.G.number_of_edges()} edges", file=sys.stderr)
    return 0


def _type_counts(kg: "object") -> dict[str, int]:
    """Return the number of nodes per entity type, sorted by type."""
    counts: dict[str, int] = {}
    for _, data in kg.entities():  # type: ignore[attr-defined]
        counts[data["type"]] = counts.get(data["type"], 0) + 1
    return dict(sorted(counts.items()))


def cmd_extract(args: argparse.Namespace) -> int:
    """``kg extract PATH... --format jsonl``: one SCHEMA object per document on stdout."""
    from graph.pipeline import to_schema

    extraction = _extract(args.paths, args.lexicon, jobs=args.jobs)
    objects = to_schema(extraction)
    if args.format == "json":
        print(json.dumps(objects, ensure_ascii=False, indent=1))
    else:
        for obj in objects:
            print(json.dumps(obj, ensure_ascii=False, sort_keys=False))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """``kg eval PATH... --gold DIR``: precision, recall and F1 per type, misses listed."""
    from graph.evaluate import format_report, load_gold, report_to_dict, score
    from graph.pipeline import to_schema

    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        raise corpus.CorpusError(f"{gold_dir}: no such gold folder")
    gold = load_gold(gold_dir)
    extraction = _extract(args.paths, args.lexicon)
    predicted = {obj["doc"]: obj for obj in to_schema(extraction)}
    texts = {doc.id: doc.text for doc in extraction.documents}
    report = score(predicted, gold, texts=texts)
    if args.json:
        print(json.dumps(report_to_dict(report), ensure_ascii=False, indent=1))
    else:
        print(format_report(report, misses=args.misses))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``kg show NAME --hops N --out FILE [--graph graph.json]``: one entity's neighbourhood as a page."""
    from graph import export
    from graph.export.atomic import check_writable
    from graph.kg import KnowledgeGraph

    source = Path(args.graph)
    if not source.is_file():
        raise corpus.CorpusError(f"{source}: no such graph file (build one with `kg build`)")
    try:
        kg = KnowledgeGraph.load(source)
    except (ValueError, KeyError) as err:
        raise corpus.CorpusError(f"{source}: not a graph.json written by kg build ({err})") from None
    try:
        sub = kg.subgraph(args.name, hops=args.hops)
    except KeyError:
        raise corpus.CorpusError(f"{source}: no entity named {args.name!r}") from None
    out = Path(args.out)
    check_writable(out.parent if str(out.parent) else Path("."))
    export.get("html")(sub, out)
    print(f"kg: {sub.G.number_of_nodes()} entities within {args.hops} hops of {args.name} → {out}", file=sys.stderr)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """``kg query FILE QUERY [--format table|csv|json]``: SPARQL over a graph file, results on stdout."""
    from graph.sparql import QueryError, query_file

    try:
        text = query_file(args.file, args.query, args.format)
    except QueryError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.write(text)
    return 0


def _base_iri(text: str) -> str:
    """Return ``text`` if it is a usable base IRI (absolute, ending in ``/`` or ``#``); else a usage error."""
    from graph.rdf import check_base_iri

    try:
        return check_base_iri(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kg`` command."""
    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph from Chinese news.")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders of them")
        p.add_argument("--lexicon", metavar="FILE", help="a user lexicon: TSV of name, type, aliases")
        p.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="processes for the per-document stages (default 1); the result is the same")

    p = sub.add_parser("build", help="write graph.ttl, .jsonld, .nt, ontology.ttl, graph.graphml, .json, .html")
    inputs(p)
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument("--no-co-occurs", action="store_true", help="leave the weak coOccurs edges out")
    p.add_argument("--base-iri", type=_base_iri, metavar="IRI",
                   help="base of entity and document IRIs in the RDF files (default: https://zhkg.dev/id/)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("extract", help="print entities and relations per document (SCHEMA format)")
    inputs(p)
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score the extraction against gold files")
    inputs(p)
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold *.jsonl files")
    p.add_argument("--misses", type=int, default=20, metavar="N", help="misses listed per kind (default 20)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("query", help="run a SPARQL query over graph.ttl, graph.nt or graph.jsonld")
    p.add_argument("file", metavar="FILE", help="an RDF file: .ttl, .nt or .jsonld")
    p.add_argument("query", metavar="QUERY", help="SPARQL text, or a .rq/.sparql file holding it; "
                   "the prefixes zhkg rdf rdfs skos prov org schema xsd id need no PREFIX line")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (default), csv, or SPARQL JSON results")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("show", help="write one entity's neighbourhood as its own HTML page")
    p.add_argument("name", metavar="NAME", help="a canonical name, an alias or an entity id")
    p.add_argument("--hops", type=int, default=1, metavar="N", help="how many edges away (default 1)")
    p.add_argument("--out", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument("--graph", default="exports/graph.json", metavar="FILE",
                   help="the graph.json of a build (default: exports/graph.json)")
    p.set_defaults(func=cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (corpus.CorpusError, LexiconError) as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_INPUT
    except OutputError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_OUTPUT
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
