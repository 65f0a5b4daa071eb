"""Load and query time of a synthetic zhkg graph in three SPARQL engines (a script, not a test).

    python benchmarks/bench_sparql.py                      # 10^5 and 10^6 triples
    python benchmarks/bench_sparql.py --sizes 100000       # one size
    python benchmarks/bench_sparql.py --skip-rdflib-above 200000

The graph has the shape of ``kg build``'s output: places in three levels (city, district,
town), projects located in towns with an ``xsd:decimal`` investment, companies investing in
them, and one reified ``rdf:Statement`` with its evidence per ``invests`` edge. It is written
as N-Triples text directly, so building it takes a second.

Engines: rdflib's in-memory store, pyoxigraph's in-memory ``Store`` (as ``graph.sparql.load``
uses it), and oxrdflib (``rdflib.Graph(store="Oxigraph")``: the rdflib API on Oxigraph).
Timed: loading the file, then two aggregates: total investment per district by direct
location (``GROUP BY``/``SUM``), and the same over sub-places (``zhkg:locatedIn+``, the
query of the README).

Written with a sub-select (``{ SELECT DISTINCT ?d ?p … } ?p zhkg:investmentYuan ?yuan``) the
second query took rdflib 27 s on 2,000 triples (its join re-runs the sub-select), so the
README's form relies on a ``+`` path giving each pair once instead.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ZHKG = "https://zhkg.dev/ontology#"
ID = "https://zhkg.dev/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = f"""PREFIX zhkg: <{ZHKG}>
PREFIX rdfs: <{RDFS}>
"""
#: Total investment per place by the projects located directly in it.
DIRECT = PREFIXES + """
SELECT ?place (SUM(?yuan) AS ?total) WHERE {
  ?p zhkg:locatedIn ?d ; zhkg:investmentYuan ?yuan .
  ?d rdfs:label ?place .
} GROUP BY ?place ORDER BY DESC(?total) LIMIT 10
"""
#: Total investment per place, sub-places included (the README's query).
NESTED = PREFIXES + """
SELECT ?place (SUM(?yuan) AS ?total) WHERE {
  ?p a zhkg:Project ; zhkg:locatedIn+ ?d ; zhkg:investmentYuan ?yuan .
  ?d rdfs:label ?place .
} GROUP BY ?place ORDER BY DESC(?total) LIMIT 10
"""
QUERIES = {"direct": DIRECT, "nested": NESTED}


def synthetic_ntriples(target: int) -> tuple[str, int]:
    """Return N-Triples text of about ``target`` triples shaped like a zhkg export, and its exact count."""
    lines: list[str] = []
    add = lines.append

    def lit(text: str) -> str:
        return f'"{text}"@zh'

    districts = max(4, int(target ** 0.5) // 20)
    towns_per = 8
    add(f"<{ID}Place/市> <{RDF}type> <{ZHKG}Place> .")
    add(f"<{ID}Place/市> <{RDFS}label> {lit('市')} .")
    for d in range(districts):
        add(f"<{ID}Place/区{d}> <{RDF}type> <{ZHKG}Place> .")
        add(f"<{ID}Place/区{d}> <{RDFS}label> {lit(f'区{d}')} .")
        add(f"<{ID}Place/区{d}> <{ZHKG}locatedIn> <{ID}Place/市> .")
        for t in range(towns_per):
            town = f"{ID}Place/镇{d}_{t}"
            add(f"<{town}> <{RDF}type> <{ZHKG}Place> .")
            add(f"<{town}> <{RDFS}label> {lit(f'镇{d}_{t}')} .")
            add(f"<{town}> <{ZHKG}locatedIn> <{ID}Place/区{d}> .")
    towns = districts * towns_per
    i = 0
    while len(lines) < target:
        project, company = f"{ID}Project/项目{i}", f"{ID}Company/公司{i // 3}"
        stmt, doc = f"{ID}stmt/{i:032x}", f"{ID}doc/{i // 50:06d}.txt"
        add(f"<{project}> <{RDF}type> <{ZHKG}Project> .")
        add(f"<{project}> <{RDFS}label> {lit(f'项目{i}')} .")
        add(f"<{project}> <{ZHKG}locatedIn> <{ID}Place/镇{(i % towns) // towns_per}_{i % towns_per}> .")
        add(f'<{project}> <{ZHKG}investmentYuan> "{(i % 97 + 1) * 10_000_000}.0"^^<{XSD}decimal> .')
        add(f'<{project}> <{ZHKG}mentionCount> "{i % 5 + 1}"^^<{XSD}integer> .')
        add(f"<{project}> <{ZHKG}mentionedIn> <{doc}> .")
        if i % 3 == 0:
            add(f"<{company}> <{RDF}type> <{ZHKG}Company> .")
            add(f"<{company}> <{RDFS}label> {lit(f'公司{i // 3}')} .")
        add(f"<{company}> <{ZHKG}invests> <{project}> .")
        add(f"<{stmt}> <{RDF}type> <{RDF}Statement> .")
        add(f"<{stmt}> <{RDF}subject> <{company}> .")
        add(f"<{stmt}> <{RDF}predicate> <{ZHKG}invests> .")
        add(f"<{stmt}> <{RDF}object> <{project}> .")
        add(f"<{stmt}> <{PROV}wasDerivedFrom> <{doc}> .")
        add(f"<{stmt}> <{ZHKG}sentence> {lit(f'公司{i // 3}投资建设项目{i}。')} .")
        add(f'<{stmt}> <{ZHKG}startOffset> "{i % 1000}"^^<{XSD}integer> .')
        i += 1
    return "\n".join(lines) + "\n", len(lines)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Return ``(seconds, result)`` of calling ``function``."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def bench_rdflib(path: Path) -> dict[str, Any]:
    """Load ``path`` into rdflib's in-memory store and run the queries."""
    from rdflib import Graph

    load, graph = timed(lambda: Graph().parse(path, format="nt"))
    times = {name: timed(lambda q=q: list(graph.query(q)))[0] for name, q in QUERIES.items()}
    return {"load": load, **times, "triples": len(graph)}


def bench_pyoxigraph(path: Path) -> dict[str, Any]:
    """Load ``path`` with :func:`graph.sparql.load` (pyoxigraph in memory) and run the queries."""
    from graph import sparql

    load, loaded = timed(lambda: sparql.load(path))
    times = {name: timed(lambda q=q: sparql.run(loaded, q))[0] for name, q in QUERIES.items()}
    return {"load": load, **times, "triples": len(loaded)}


def bench_oxrdflib(path: Path) -> dict[str, Any]:
    """Load ``path`` into ``rdflib.Graph(store="Oxigraph")`` (oxrdflib) and run the queries."""
    from rdflib import Graph

    def load() -> Graph:
        graph = Graph(store="Oxigraph")
        graph.parse(path, format="ox-ntriples")
        return graph

    seconds, graph = timed(load)
    times = {name: timed(lambda q=q: list(graph.query(q)))[0] for name, q in QUERIES.items()}
    return {"load": seconds, **times, "triples": len(graph)}


ENGINES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "rdflib (memory)": bench_rdflib,
    "pyoxigraph": bench_pyoxigraph,
    "oxrdflib": bench_oxrdflib,
}


def main(argv: list[str] | None = None) -> int:
    """Build the synthetic graphs, time every engine, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="triples per graph")
    parser.add_argument("--skip-rdflib-above", type=int, default=None, metavar="N",
                        help="leave rdflib out for graphs larger than N triples")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            text, count = synthetic_ntriples(size)
            path = Path(tmp) / f"synthetic-{size}.nt"
            path.write_text(text, encoding="utf-8")
            del text
            print(f"{count:,} triples, {path.stat().st_size / 1e6:.0f} MB", file=sys.stderr)
            for engine, bench in ENGINES.items():
                if engine.startswith("rdflib") and args.skip_rdflib_above and count > args.skip_rdflib_above:
                    rows.append((count, engine, "skipped", "", "", ""))
                    continue
                try:
                    result = bench(path)
                except ImportError as err:
                    rows.append((count, engine, f"not installed ({err.name})", "", "", ""))
                    continue
                assert result["triples"] == count, (engine, result["triples"], count)
                rows.append((count, engine, f"{result['load']:.2f}", f"{result['direct']:.3f}",
                             f"{result['nested']:.3f}", ""))
                print(f"  {engine}: {rows[-1][2:5]}", file=sys.stderr)
    header = ("triples", "engine", "load s", "direct SUM s", "locatedIn+ SUM s")
    table = [header] + [(f"{r[0]:,}", *r[1:5]) for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(str(c).rjust(w) if i != 1 else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
