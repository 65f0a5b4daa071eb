"""Run the ``kg query`` examples of README.md against exports/ and refresh their printed output.

    python docs/readme_queries.py           # rewrite the output block after each example
    python docs/readme_queries.py --check   # exit 1 (naming the query) if an output is stale

An example is a ```sh block holding ``kg query exports/graph.ttl '…'`` followed by a plain
``` block: the output that command prints.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"(```sh\nkg query (\S+) '(.*?)'\n```\n\n```\n)(.*?)(```\n)", re.S)


def run_query(graph_file: str, query: str) -> str:
    """Return what ``kg query GRAPH_FILE QUERY`` prints, run from the repository's root."""
    sys.path.insert(0, str(ROOT))
    from graph import cli

    out = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out):
        code = cli.main(["query", graph_file, query])
    if code != 0:
        raise RuntimeError(f"kg query failed ({code}): {query}")
    return out.getvalue()


def refreshed(text: str) -> tuple[str, list[str]]:
    """Return README ``text`` with every example's output replaced by a fresh run, and the
    queries whose output changed."""
    stale: list[str] = []

    def replace(match: re.Match[str]) -> str:
        output = run_query(match.group(2), match.group(3))
        if output != match.group(4):
            stale.append(match.group(3).strip().splitlines()[0])
        return match.group(1) + output + match.group(5)

    return EXAMPLE.sub(replace, text), stale


def main(argv: list[str] | None = None) -> int:
    """Refresh (or with ``--check`` only compare) the README's query outputs; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale outputs (exit 1)")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    new, stale = refreshed(text)
    for query in stale:
        print(f"stale output: {query}", file=sys.stderr)
    if args.check:
        return 1 if stale else 0
    if new != text:
        README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
