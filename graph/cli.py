"""The ``kg`` command: ``build``, ``extract``, ``eval``, ``show``.

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


def _extract(paths: Sequence[str], lexicon_file: str | None, progress: bool = False) -> Extraction:
    """Load ``paths`` and run the pipeline; return the extraction."""
    from graph.pipeline import extract

    documents = corpus.load(paths)
    lexicon = load_lexicon(lexicon_file)
    bar = _Progress(2 * len(documents), progress)
    try:
        return extract(documents, lexicon, bar)
    finally:
        bar.close()


def cmd_build(args: argparse.Namespace) -> int:
    """``kg build PATH... --out DIR``: write graph.ttl, graph.graphml, graph.json, graph.html."""
    from graph import export
    from graph.kg import KnowledgeGraph

    out = check_writable(Path(args.out))
    extraction = _extract(args.paths, args.lexicon, progress=True)
    kg = KnowledgeGraph.build(extraction, co_occurs=not args.no_co_occurs)
    for name in export.FILE_NAMES:
        path = export.get(name)(kg, out / export.FILE_NAMES[name])
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

    extraction = _extract(args.paths, args.lexicon)
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


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kg`` command."""
    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph from Chinese news.")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders of them")
        p.add_argument("--lexicon", metavar="FILE", help="a user lexicon: TSV of name, type, aliases")

    p = sub.add_parser("build", help="write graph.ttl, graph.graphml, graph.json and graph.html")
    inputs(p)
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument("--no-co-occurs", action="store_true", help="leave the weak coOccurs edges out")
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
