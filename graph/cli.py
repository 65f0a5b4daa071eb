"""The ``kg`` command: ``build``, ``extract``, ``eval``, ``query``, ``show``.

Exit codes: 0 success; 1 an input file or lexicon cannot be read; 2 a usage error;
3 an output cannot be written; 4 done, but some input files were skipped. Every error is
one line on stderr naming the file.

``build`` and ``extract`` skip a file that cannot be read (empty, binary, undecodable, a line
over ``corpus.MAX_LINE_CHARS``) with ``kg: warning: FILE: reason`` on stderr, work on the
rest and exit 4; when no file is left, every skipped file is reported as ``kg: error: …`` and
the exit code is 1. With ``--strict`` they stop at the first bad file (one error line, exit 1).
A missing path or a folder with no text file is always an error (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph import corpus
from graph.export.atomic import OutputError, check_writable
from graph.lexicon import Lexicon, LexiconError, load_lexicon
from graph.model import Document, Extraction

if TYPE_CHECKING:  # pragma: no cover
    from graph.cache import ResultCache
    from graph.kg import KnowledgeGraph

EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 1, 2, 3
#: ``build``/``extract`` finished, but skipped input files that could not be read.
EXIT_SKIPPED = 4


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
        """Close the bar if one is shown."""
        if self.bar is not None:
            self.bar.close()


def _extract(paths: Sequence[str], lexicon_file: str | None, progress: bool = False, jobs: int = 1,
             skipped: list[corpus.CorpusError] | None = None, cache: "object | None" = None) -> Extraction:
    """Load ``paths`` and run the pipeline with ``jobs`` processes; return the extraction.

    Strict when ``skipped`` is None (the first bad file raises); otherwise bad files are
    reported as warnings, appended to ``skipped`` and left out (see :func:`_load_tolerant`).
    """
    return _run(_load(paths, skipped), load_lexicon(lexicon_file), lexicon_file, progress, jobs, cache)


def _load(paths: Sequence[str], skipped: list[corpus.CorpusError] | None) -> tuple[Document, ...]:
    """Load ``paths``: strictly when ``skipped`` is None, else as :func:`_load_tolerant` does."""
    return corpus.load(paths) if skipped is None else _load_tolerant(paths, skipped)


def _run(documents: Sequence[Document], lexicon: Lexicon, lexicon_file: str | None, progress: bool = False,
         jobs: int = 1, cache: "object | None" = None) -> Extraction:
    """Run the pipeline on ``documents`` with ``lexicon`` and ``jobs`` processes; return the extraction."""
    from graph.pipeline import extract

    bar = _Progress(2 * len(documents), progress)
    try:
        return extract(documents, lexicon, bar, jobs=jobs, lexicon_file=lexicon_file, cache=cache)  # type: ignore[arg-type]
    finally:
        bar.close()


def _load_tolerant(paths: Sequence[str], skipped: list[corpus.CorpusError]) -> tuple[Document, ...]:
    """Load the readable files of ``paths``, print ``kg: warning: …`` per bad one; return the documents.

    When no file is readable, prints every bad file but the last as ``kg: error: …`` and
    raises the last one's :class:`corpus.CorpusError` (exit 1, one line per file).
    """
    documents, errors = corpus.load_tolerant(paths)
    skipped.extend(errors)
    if not documents:
        for err in errors[:-1]:
            print(f"kg: error: {err}", file=sys.stderr)
        raise errors[-1]
    for err in errors:
        print(f"kg: warning: {err} (skipped)", file=sys.stderr)
    return documents


def _remove_stray_temp_files(out: Path) -> None:
    """Delete the temporary files a killed build left in ``out`` (``.graph.ttl.*.tmp``, ``.probe.*``)."""
    from graph import export

    patterns = [f".{name}.*.tmp" for name in export.FILE_NAMES.values()] + [".probe.*"]
    for pattern in patterns:
        for stray in out.glob(pattern):
            stray.unlink(missing_ok=True)


def cmd_build(args: argparse.Namespace) -> int:
    """``kg build PATH... --out DIR [--base-iri IRI]``: write every file of ``export.FILE_NAMES``."""
    from graph import stamp
    from graph.cache import DEFAULT_DIR_NAME, ResultCache

    out = check_writable(Path(args.out))
    _remove_stray_temp_files(out)
    skipped: list[corpus.CorpusError] | None = None if args.strict else []
    cache = None if args.no_cache else ResultCache(Path(args.cache_dir) if args.cache_dir else out / DEFAULT_DIR_NAME)
    documents = _load(args.paths, skipped)
    lexicon = load_lexicon(args.lexicon)
    settings = {"base_iri": args.base_iri, "co_occurs": not args.no_co_occurs}
    build_stamp = stamp.build_stamp(documents, lexicon.version, settings)
    summary = None if cache is None else stamp.current_summary(cache.folder, out, build_stamp)
    if summary is not None:
        print(f"kg: {out}: the exports are current (no input, setting or code changed)", file=sys.stderr)
    else:
        if cache is not None:
            stamp.forget(cache.folder)
        paths, summary = _build(args, documents, lexicon, out, cache)
        if cache is not None:
            stamp.record(cache.folder, out, build_stamp, paths, summary)
    print(summary + (f", {len(skipped)} files skipped" if skipped else ""), file=sys.stderr)
    return EXIT_SKIPPED if skipped else 0


def _build(args: argparse.Namespace, documents: Sequence[Document], lexicon: Lexicon, out: Path,
           cache: "ResultCache | None") -> tuple[list[Path], str]:
    """Extract ``documents``, build the graph and write every export into ``out`` as ``args``
    say; return the paths written and the summary line (documents, entities per type, edges)."""
    from graph.export.write_all import write_all
    from graph.kg import KnowledgeGraph

    extraction = _run(documents, lexicon, args.lexicon, progress=True, jobs=args.jobs, cache=cache)
    if cache is not None:
        print(f"kg: cache {cache.folder}: {cache.stats()}", file=sys.stderr)
    kg = KnowledgeGraph.build(extraction, co_occurs=not args.no_co_occurs)
    paths = write_all(kg, out, base_iri=args.base_iri, jobs=args.jobs,
                      on_written=lambda path: print(path, file=sys.stderr))
    counts = ", ".join(f"{t} {n}" for t, n in _type_counts(kg).items())
    return paths, (f"kg: {len(extraction.documents)} documents, {kg.G.number_of_nodes()} entities ({counts}), "
                   f"{kg.G.number_of_edges()} edges")


def _type_counts(kg: "KnowledgeGraph") -> dict[str, int]:
    """Return the number of nodes per entity type, sorted by type."""
    counts = Counter(data["type"] for data in kg.G.nodes.values())  # no need to sort the nodes
    return dict(sorted(counts.items()))


def cmd_extract(args: argparse.Namespace) -> int:
    """``kg extract PATH... --format jsonl``: one SCHEMA object per document on stdout."""
    from graph.pipeline import to_schema

    skipped: list[corpus.CorpusError] | None = None if args.strict else []
    extraction = _extract(args.paths, args.lexicon, jobs=args.jobs, skipped=skipped)
    objects = to_schema(extraction, explain=args.explain)
    if args.format == "json":
        print(json.dumps(objects, ensure_ascii=False, indent=1))
    else:
        for obj in objects:
            print(json.dumps(obj, ensure_ascii=False, sort_keys=False))
    return EXIT_SKIPPED if skipped else 0


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


_STRICT_HELP = ("stop at the first file that cannot be read (exit 1); by default such files are "
                "skipped with a warning and the exit code is 4")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kg`` command."""
    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph from Chinese news.")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        """Add the input arguments shared by build, extract and eval to ``p``."""
        p.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders of them")
        p.add_argument("--lexicon", metavar="FILE", help="a user lexicon: TSV of name, type, aliases")
        p.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="processes for the per-document stages and, in build, the exports (default 1); "
                            "the result is the same")

    p = sub.add_parser("build", help="write graph.ttl, .jsonld, .nt, ontology.ttl, graph.graphml, .json, .html")
    inputs(p)
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument("--no-co-occurs", action="store_true", help="leave the weak coOccurs edges out")
    p.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    p.add_argument("--base-iri", type=_base_iri, metavar="IRI",
                   help="base of entity and document IRIs in the RDF files (default: https://zhkg.dev/id/)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again, ignoring (and not writing) the per-document cache")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="where per-document results are cached (default: OUT/.zhkg-cache)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("extract", help="print entities and relations per document (SCHEMA format)")
    inputs(p)
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    p.add_argument("--explain", action="store_true",
                   help="also list each entity's merges (name, rule) and the candidates dropped, with reasons")
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
