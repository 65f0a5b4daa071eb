"""Benchmark the ``html`` exporter: export time and time until the page is drawn.

Builds synthetic graphs (random Chinese-ish names, about 1.5 edges per node, a fixed seed),
exports each with :func:`graph.export.html.export`, opens it in headless Chromium and prints
the seconds spent exporting and until ``window.zhkgReady`` is true.

Run from the repository root::

    python benchmarks/bench_html.py            # 500, 5,000 and 20,000 nodes
    python benchmarks/bench_html.py 1000 3000  # other sizes
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import browser  # noqa: E402  (tests/browser.py: the headless Chromium helper)

from graph.export import html  # noqa: E402
from graph.kg import KnowledgeGraph  # noqa: E402
from graph.model import ENTITY_TYPES, RELATION_TYPES  # noqa: E402

SIZES = (500, 5_000, 20_000)
SEED = 7
EDGES_PER_NODE = 1.5
SYLLABLES = "华东南北中新金信安泰宏达兴盛通鑫源丰瑞德恒远创智科技城港湾山河湖海云龙凤祥和顺"
SUFFIXES = {
    "Department": ("发改委", "工信局", "商务局", "管委会"),
    "Company": ("有限公司", "股份有限公司", "集团"),
    "Project": ("项目", "产业园", "工程"),
    "Place": ("街道", "镇", "区", "县"),
    "Person": ("",),
    "Organization": ("协会", "研究院", "商会"),
}


def synthetic_graph(n: int, seed: int = SEED) -> KnowledgeGraph:
    """Return a random graph of ``n`` entities and about ``1.5 n`` edges with evidence.

    Names, types, attributes and edges all come from ``random.Random(seed)``.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    docs = [f"doc{i:04d}.txt" for i in range(max(1, n // 20))]
    G.graph["documents"] = {d: {"title": f"新闻{d[3:7]}", "date": "2023-01-01"} for d in docs}
    ids = [_add_node(G, rng, i, docs) for i in range(n)]
    relations = RELATION_TYPES + ("coOccurs",)
    for _ in range(int(EDGES_PER_NODE * n)):
        head, tail = rng.sample(ids, 2)
        kind = rng.choice(relations)
        text = f"{G.nodes[head]['label']}与{G.nodes[tail]['label']}签署合作协议。"
        evidence = [{"doc": rng.choice(docs), "start": 0, "end": len(text), "text": text, "cue": "签署"}]
        G.add_edge(head, tail, key=kind, type=kind, evidence=evidence)
    return KnowledgeGraph(G)


def _add_node(G: nx.MultiDiGraph, rng: random.Random, i: int, docs: list[str]) -> str:
    """Add one random entity to ``G``; return its id."""
    kind = rng.choice(ENTITY_TYPES)
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(SUFFIXES[kind])
    node = f"{kind}/{name}{i}"
    documents = sorted(rng.sample(docs, min(len(docs), rng.randint(1, 3))))
    attrs = {"type": kind, "label": f"{name}{i}", "aliases": [name[:2] + str(i)],
             "mentions": rng.randint(1, 9), "documents": documents}
    if kind == "Project":
        attrs.update(investment_yuan=str(rng.randint(1, 500) * 10_000_000), status="在建", year=2023)
    G.add_node(node, **attrs)
    return node


def bench(sizes: tuple[int, ...]) -> None:
    """Export and open one graph per size; print a table of seconds and file sizes."""
    print(f"{'nodes':>7} {'edges':>7} {'MB':>6} {'export s':>9} {'layout s':>9} {'ready s':>8} {'wall s':>7}")
    html.mesh_layout(3, [(0, 1)])  # import numpy and scipy before timing anything
    with tempfile.TemporaryDirectory() as folder, browser.chromium() as driver:
        for n in sizes:
            kg = synthetic_graph(n)
            started = time.perf_counter()
            html.layout(kg)
            layout_s = time.perf_counter() - started
            started = time.perf_counter()
            path = html.export(kg, Path(folder) / f"bench{n}.html")
            export_s = time.perf_counter() - started
            started = time.perf_counter()
            ready_s = browser.open_page(driver, path, timeout=600)
            wall_s = time.perf_counter() - started
            drawn = driver.execute_script("return network.body.data.nodes.length")
            assert drawn == n, f"{drawn} of {n} nodes drawn"
            size_mb = path.stat().st_size / 1e6
            print(f"{n:>7} {kg.G.number_of_edges():>7} {size_mb:>6.1f} {export_s:>9.2f} {layout_s:>9.2f}"
                  f" {ready_s:>8.2f} {wall_s:>7.2f}")


def main(argv: list[str]) -> int:
    """Run the benchmark for the sizes in ``argv`` (default :data:`SIZES`); return the exit code."""
    reason = browser.missing()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 1
    bench(tuple(int(a) for a in argv) or SIZES)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
