"""The ``html`` exporter: one self-contained, offline, interactive page of the graph.

What was chosen, and why
------------------------
* **vis-network, inlined from the installed pyvis wheel.** pyvis is the project's chosen
  visualisation package and its wheel carries vis-network (``pyvis/lib/vis-*/``). At export
  time we read ``vis-network.min.js`` and ``vis-network.css`` from that folder (found through
  ``importlib.util.find_spec``, without importing pyvis) and inline them, so the page makes no
  network request at all.
* **Our own template, not pyvis's ``Network``.** pyvis's template loads from a CDN (and
  ``cdn_resources="in_line"`` still pulls Bootstrap), writes heading text, ``select_menu`` ids
  and HTML ``title`` strings through ``innerHTML`` (XSS), and its ``add_edge`` is quadratic.
  ``graph/export/assets/explorer.html`` is a small template; ``explorer.js`` and
  ``explorer.css`` beside it are the page's own code.
* **Data as escaped JSON.** Nodes and edges are one JSON document inside
  ``<script type="application/json">``, with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
  ``\\uXXXX`` escapes, so no label or evidence text can close the script or open a comment.
  The page builds every piece of text with ``textContent``/``createElement``; vis-network
  tooltips are DOM elements, never HTML strings.
* **A Content-Security-Policy** (``default-src 'none'``, scripts allowed only by their SHA-256
  hashes) as a second wall: even an injected tag could neither run nor load anything.
* **Positions precomputed in Python, deterministically.** ``networkx.spring_layout(seed=7)``
  up to :data:`SPRING_MAX_NODES` nodes (it is quadratic); above that :func:`mesh_layout`, a
  seeded numpy Fruchterman–Reingold whose far repulsion is computed on a grid by FFT, about
  1 s for 20,000 nodes. Physics runs in the
  browser only up to :data:`PHYSICS_MAX_NODES` nodes, so large graphs are drawn at once.
  Everything is sorted and coordinates are rounded: the same graph gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import networkx as nx

from graph.export.atomic import write_text
from graph.export.evidence import EvidenceJson, evidence_json, item_texts
from graph.jsontext import interleave, sorted_encoder
from graph.kg import KnowledgeGraph
from graph.model import CO_OCCURS, ENTITY_TYPES, RELATION_TYPES

#: Above this many nodes the browser runs no physics: precomputed positions are final.
PHYSICS_MAX_NODES = 300
#: Up to this many nodes positions come from ``networkx.spring_layout``; above, :func:`mesh_layout`.
SPRING_MAX_NODES = 300
#: The layout seed, the same everywhere (networkx's ``seed``).
SEED = 7
#: :func:`mesh_layout` repels nodes closer than this many ideal edge lengths pair by pair, the
#: rest on its grid. One length: on a graph of 18,000 nodes, two lengths took half the layout's
#: time again for the same spacing (nearest neighbours, edge lengths, nodes on one pixel).
NEAR_RADIUS = 1.0
#: Above this many names the search box offers no drop-down list (typing still searches).
DATALIST_MAX_NAMES = 5000
#: Relation types drawn without an arrow.
UNDIRECTED = frozenset({CO_OCCURS, "cooperates"})

#: Entity type -> (fill colour, border colour, vis-network shape, legend glyph).
TYPE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "Department": ("#4e79a7", "#2f4b6a", "square", "■"),
    "Company": ("#f28e2b", "#a65c14", "dot", "●"),
    "Project": ("#e15759", "#8f2f31", "diamond", "◆"),
    "Place": ("#59a14f", "#356230", "triangle", "▲"),
    "Person": ("#b07aa1", "#6e4a65", "star", "★"),
    "Organization": ("#76b7b2", "#44706d", "hexagon", "⬢"),
}
#: The style of a node whose type is none of :data:`TYPE_STYLES`.
OTHER_STYLE: tuple[str, str, str, str] = ("#9d9d9d", "#5e5e5e", "dot", "●")
#: Relation type -> edge colour.
RELATION_COLOURS: dict[str, str] = {
    "partOf": "#4e79a7",
    "locatedIn": "#59a14f",
    "invests": "#e15759",
    "manages": "#f28e2b",
    "supports": "#b07aa1",
    "includes": "#9c755f",
    "cooperates": "#76b7b2",
    "passesThrough": "#c9a227",
    CO_OCCURS: "#b5aca8",
}
#: The colour of an edge whose type is none of :data:`RELATION_COLOURS`.
OTHER_COLOUR = "#7f7f7f"

_ASSETS = Path(__file__).parent / "assets"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_YI = Decimal(100_000_000)


class HtmlExportError(Exception):
    """The page cannot be assembled (pyvis missing, an asset unsafe to inline)."""


def export(kg: KnowledgeGraph, path: Path) -> Path:
    """Write ``kg`` as a self-contained interactive HTML page to ``path`` atomically.

    Takes the graph and the target file; returns ``path``. Raises
    :class:`HtmlExportError` when vis-network cannot be found in the installed pyvis.
    """
    return write_text(Path(path), render(kg))


def render(kg: KnowledgeGraph) -> str:
    """Return the complete HTML page for ``kg`` as text (deterministic, no timestamps)."""
    vis_js, vis_css = vis_assets()
    app_js = _inlinable(_asset("explorer.js"), "explorer.js")
    app_css = _inlinable(_asset("explorer.css"), "explorer.css")
    values = {
        "TITLE": _escape_text(page_title(kg)),
        "CSP": content_security_policy([vis_js, app_js]),
        "VIS_CSS": vis_css,
        "APP_CSS": app_css,
        "DATA": page_json(kg),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("explorer.html"))


def page_title(kg: KnowledgeGraph) -> str:
    """Return the page title: ``zhkg — knowledge graph`` and the node and edge counts."""
    nodes, edges = kg.G.number_of_nodes(), kg.edge_count()
    return f"zhkg — knowledge graph ({nodes} entities, {edges} edges)"


def page_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """Return everything the page shows (:func:`page_json`, read back) as one dict.

    Keys: ``meta`` (counts, physics flag), ``types`` and ``relations`` (legend rows),
    ``documents`` ({id: {title, date}}), ``nodes`` and ``edges`` (records, sorted; an edge's
    ``from``, ``to``, ``type``, ``evidence`` as ``{doc, start, end, text, cue}`` and, for the
    second and later edges between one pair of nodes, its ``curve``).
    """
    return json.loads(page_json(kg))


def page_json(kg: KnowledgeGraph) -> str:
    """Return the page's data as compact, sorted JSON that is safe inside a ``<script>``
    element (what :func:`embed_json` writes), the edges written one by one
    (:class:`_EdgeWriter`) rather than built as dicts first: most of the page is evidence."""
    nodes = node_records(kg)
    rows = list(kg.edges())
    writer = _EdgeWriter()
    curves = _parallel_curves((head, tail) for head, tail, _key, _attrs in rows)
    edges = [writer.edge(head, tail, key, attrs, curve, evidence)
             for (head, tail, key, attrs), curve, evidence in zip(rows, curves, evidence_json(kg))]
    rest = _page_rest(kg, nodes, len(edges), Counter(key for _head, _tail, key, _attrs in rows))
    encode = writer.encode
    text = "".join((  # one join of all the pieces: the page is tens of megabytes, each copy counts
        '{"documents":', encode(rest["documents"]),
        ',"edges":[', *interleave(edges, ","),
        '],"meta":', encode(rest["meta"]),
        ',"nodes":', encode(nodes),
        ',"relations":', encode(rest["relations"]),
        ',"types":', encode(rest["types"]), "}",
    ))
    return _escape_markup(text)


def node_records(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """Return the page's records of all nodes (:func:`node_record`), sorted by id."""
    positions = layout(kg)
    degrees = stated_degrees(kg)
    return [node_record(node, attrs, positions[node], degrees[node]) for node, attrs in kg.entities()]


def _page_rest(kg: KnowledgeGraph, nodes: list[dict[str, Any]], edge_count: int,
               relation_counts: Counter[str]) -> dict[str, Any]:
    """Return the parts of :func:`page_data` other than the nodes and edges: ``meta``,
    ``types``, ``relations`` and ``documents``, given the node records, the number of edges and
    the count of edges per relation type."""
    documents = kg.G.graph.get("documents", {})
    return {
        "meta": {
            "title": page_title(kg),
            "nodes": len(nodes),
            "edges": edge_count,
            "physics": len(nodes) <= PHYSICS_MAX_NODES,
            "datalist": sum(1 + len(n["aliases"]) for n in nodes) <= DATALIST_MAX_NAMES,
        },
        "types": type_legend(Counter(n["type"] for n in nodes)),
        "relations": relation_legend(relation_counts),
        "documents": {doc: {"title": documents[doc].get("title", ""), "date": documents[doc].get("date", "")}
                      for doc in sorted(documents)},
    }


def node_record(node: str, attrs: dict[str, Any], position: tuple[int, int], degree: int) -> dict[str, Any]:
    """Return the page's record of one node.

    Takes the node id, its graph attributes, its ``(x, y)`` position and its degree in
    stated relations; returns a dict with ``id``, ``label``, ``type``, ``aliases``,
    ``documents``, ``mentions``, ``attrs`` (``[name, shown value]`` pairs), ``x``, ``y``, ``degree``.
    """
    return {
        "id": node,
        "label": str(attrs.get("label", node)),
        "type": str(attrs.get("type", "")),
        "aliases": [str(a) for a in attrs.get("aliases", [])],
        "documents": sorted(str(d) for d in attrs.get("documents", [])),
        "mentions": int(attrs.get("mentions", 0)),
        "attrs": shown_attributes(attrs),
        "x": position[0],
        "y": position[1],
        "degree": degree,
    }


def shown_attributes(attrs: dict[str, Any]) -> list[list[str]]:
    """Return the project attributes of a node as ``[name, text]`` pairs, in a fixed order.

    ``investment_yuan`` (a decimal string in yuan) is shown in 亿元; ``status`` and
    ``year`` as they are. Absent attributes are left out.
    """
    shown: list[list[str]] = []
    if attrs.get("investment_yuan") not in (None, ""):
        shown.append(["investment", format_yi_yuan(str(attrs["investment_yuan"]))])
    for key in ("status", "year"):
        if attrs.get(key) not in (None, ""):
            shown.append([key, str(attrs[key])])
    return shown


def format_yi_yuan(yuan: str) -> str:
    """Return an amount given in yuan (a decimal string) as text in 亿元, exactly.

    ``"3000000000"`` gives ``"30 亿元"``; text that is not a number is returned with ``元``.
    """
    try:
        amount = Decimal(yuan) / _YI
    except (InvalidOperation, ValueError):
        return f"{yuan} 元"
    text = format(amount.normalize(), "f")
    return f"{text} 亿元"


class _EdgeWriter:
    """Writes edge records (``from``, ``to``, ``type``, ``evidence`` as ``{doc, start, end,
    text, cue}``, with ``curve`` when given) as the compact, sorted JSON text :func:`embed_json`
    gives them before its markup escapes."""

    def __init__(self) -> None:
        #: ``json.dumps`` as :func:`embed_json` calls it, one C encoder kept for all calls.
        self.encode = sorted_encoder((",", ":"), allow_nan=False)
        self._ids: dict[Any, str] = {}

    def edge(self, head: Any, tail: Any, key: Any, attrs: dict[str, Any], curve: float | None,
             known: EvidenceJson | None = None) -> str:
        """Return the JSON text of the record of one edge, with its ``curve`` if not None;
        ``known``, if given, is the text of its evidence list (:func:`graph.export.evidence.evidence_json`)."""
        if known is not None:
            evidence = known.compact
        else:  # evidence of other shapes or types, coerced to the record's
            evidence = "[" + ",".join([item_texts(str(ev.get("cue", "")), str(ev.get("doc", "")), int(ev.get("end", 0)),
                                                  int(ev.get("start", 0)), str(ev.get("text", "")))[0]
                                       for ev in attrs.get("evidence", [])]) + "]"
        bend = "" if curve is None else f'"curve":{self.encode(curve)},'
        return (f'{{{bend}"evidence":{evidence},"from":{self._id(head)},'
                f'"to":{self._id(tail)},"type":{self._id(key)}}}')

    def _id(self, value: Any) -> str:
        """Return the JSON text of a node id or relation type, kept per distinct value
        (and per type, so that ``1`` and ``True`` stay apart)."""
        key = (value, type(value))
        text = self._ids.get(key)
        if text is None:
            text = self._ids[key] = self.encode(value)
        return text


def _parallel_curves(pairs: Iterable[tuple[Any, Any]]) -> list[float | None]:
    """Return per edge, given as ``(from, to)`` pairs in page order, its ``curve``: None for
    the first edge between its two nodes, 0.2, 0.4, … for the second, third, …"""
    seen: dict[tuple[Any, Any], int] = {}
    curves: list[float | None] = []
    for head, tail in pairs:
        if type(head) is str and type(tail) is str:  # ordered totally: what min and max give
            pair = (tail, head) if tail < head else (head, tail)
        else:
            pair = (min(head, tail), max(head, tail))
        count = seen.get(pair, 0)
        curves.append(round(0.2 * count, 2) if count else None)
        seen[pair] = count + 1
    return curves


def stated_degrees(kg: KnowledgeGraph) -> dict[str, int]:
    """Return each node's number of stated relations (``coOccurs`` edges not counted)."""
    degrees = {node: 0 for node in kg.G.nodes}
    for head, tail, _key, _data in kg.edges(co_occurs=False):
        degrees[head] += 1
        degrees[tail] += 1
    return degrees


def type_legend(counts: Counter[str]) -> list[dict[str, Any]]:
    """Return one legend row per entity type present or standard: name, colours, shape, glyph, count."""
    names = list(ENTITY_TYPES) + sorted(t for t in counts if t not in ENTITY_TYPES)
    rows = []
    for name in names:
        fill, border, shape, glyph = TYPE_STYLES.get(name, OTHER_STYLE)
        rows.append({"name": name, "color": fill, "border": border, "shape": shape,
                     "glyph": glyph, "count": counts.get(name, 0)})
    return rows


def relation_legend(counts: Counter[str]) -> list[dict[str, Any]]:
    """Return one legend row per relation type: name, colour, count, arrow, shown by default.

    ``coOccurs`` comes last and is hidden by default.
    """
    names = list(RELATION_TYPES) + sorted(t for t in counts if t not in RELATION_TYPES and t != CO_OCCURS)
    names.append(CO_OCCURS)
    return [
        {"name": name, "color": RELATION_COLOURS.get(name, OTHER_COLOUR), "count": counts.get(name, 0),
         "arrow": name not in UNDIRECTED, "shown": name != CO_OCCURS}
        for name in names
    ]


def layout(kg: KnowledgeGraph, seed: int = SEED) -> dict[str, tuple[int, int]]:
    """Return deterministic pixel positions ``{node id: (x, y)}`` for every node of ``kg``.

    Uses ``networkx.spring_layout`` with ``seed`` up to :data:`SPRING_MAX_NODES` nodes and
    :func:`mesh_layout` above; the graph is rebuilt in sorted order first, so insertion order
    does not matter. Coordinates are rounded to whole pixels.
    """
    nodes = [node for node, _attrs in kg.entities()]
    if not nodes:
        return {}
    pairs = _index_pairs(nodes, kg.edges())
    if len(nodes) <= SPRING_MAX_NODES:
        simple = nx.Graph()
        simple.add_nodes_from(range(len(nodes)))
        simple.add_edges_from(map(tuple, pairs.tolist()))
        raw = nx.spring_layout(simple, seed=seed)
        coords = [tuple(raw[i]) for i in range(len(nodes))]
    else:
        coords = mesh_layout(len(nodes), pairs, seed=seed)
    scale = 60.0 * math.sqrt(len(nodes)) + 120.0
    return {node: (_pixel(coords[i][0], scale), _pixel(coords[i][1], scale)) for i, node in enumerate(nodes)}


def _index_pairs(nodes: list[str], edges: Iterable[tuple[str, str, str, Any]]) -> Any:
    """Return the distinct node pairs joined by ``edges`` (``(head, tail, key, attrs)`` rows),
    each as ``(lower, higher)`` positions in ``nodes``, loops left out, sorted: an ``(m, 2)``
    int64 array."""
    import numpy as np

    index = {node: i for i, node in enumerate(nodes)}
    ends = np.array([(index[head], index[tail]) for head, tail, _key, _attrs in edges], dtype=np.int64).reshape(-1, 2)
    low, high = ends.min(axis=1), ends.max(axis=1)
    codes = np.unique((low * len(nodes) + high)[low != high])
    return np.stack([codes // len(nodes), codes % len(nodes)], axis=1)


def _pixel(value: float, scale: float) -> int:
    """Return a layout coordinate in [-1, 1] as a whole pixel offset (``-0`` made ``0``)."""
    return int(round(float(value) * scale)) or 0


def mesh_layout(n: int, pairs: Any, seed: int = SEED,
                iterations: int = 50) -> list[tuple[float, float]]:
    """Return ``n`` positions in [-1, 1]² from a fast, seeded Fruchterman–Reingold layout.

    Takes the node count and the undirected edges as index pairs (tuples or an ``(m, 2)``
    array). Attraction follows the
    edges; repulsion is exact between close nodes (a k-d tree) and computed on a grid by FFT
    for the rest (:func:`_far_repulsion`), so one step costs about ``n log n`` instead of ``n²``.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2))
    heads, tails = _columns(np.asarray(pairs, dtype=np.int64).reshape(-1, 2))
    k = 2.0 / math.sqrt(n)
    temperature = 0.1
    for step in range(iterations):
        disp = _far_repulsion(pos, k) + _near_repulsion(pos, k) + _attraction(pos, heads, tails, k)
        disp -= pos * (0.05 * k)  # a weak pull to the centre keeps loose parts in view
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-12)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = 0.1 * (1.0 - (step + 1) / (iterations + 1)) + 0.002
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-12)
    return [(x, y) for x, y in pos.tolist()]


def _far_repulsion(pos: Any, k: float) -> Any:
    """Return each node's repulsion from all others, on a grid (particle–mesh).

    Node counts are binned on a square grid about ``2k`` wide; one FFT convolution with the
    repulsion kernel ``d / (|d|² + h²)`` gives the force at every cell, read at each node's cell.
    """
    import numpy as np

    cells = int(min(128, max(8, math.sqrt(len(pos)) / 2)))
    low, span = _extent(pos)
    width = span / cells
    ij = np.minimum(((pos - low) / width).astype(np.int64), cells - 1)
    mass = np.bincount(ij[:, 0] * cells + ij[:, 1], minlength=cells * cells).reshape(cells, cells)
    offsets = np.arange(-(cells - 1), cells) * width
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    inverse = 1.0 / (dx * dx + dy * dy + width * width)
    fx, fy = convolve_same(mass, (dx * inverse, dy * inverse))
    return np.stack([fx[ij[:, 0], ij[:, 1]], fy[ij[:, 0], ij[:, 1]]], axis=1) * (k * k)


def _extent(pos: Any) -> tuple[Any, float]:
    """Return the lowest x and y of the ``(n, 2)`` positions as an array, and the larger of
    the two coordinate ranges (at least 1e-9). The same numbers as ``pos.min(axis=0)`` and
    ``np.ptp(pos, axis=0).max()``, taken column by column, which is many times faster."""
    import numpy as np

    x, y = pos[:, 0], pos[:, 1]
    low_x, low_y = x.min(), y.min()
    spans = np.array([x.max() - low_x, y.max() - low_y])
    return np.array([low_x, low_y]), float(max(spans.max(), 1e-9))


def convolve_same(image: Any, kernels: tuple[Any, ...]) -> list[Any]:
    """Return the convolution of the 2-D array ``image`` with each of ``kernels`` (2-D arrays
    at least as large), each cut to the shape of ``image``.

    The same arrays, bit for bit, as ``scipy.signal.fftconvolve(image, kernel, mode="same")``:
    the same ``scipy.fft`` transforms on the same padded shapes, with ``image`` transformed
    once. Importing ``scipy.signal`` alone took over a second, more than the layout's FFTs.
    """
    import numpy as np
    from scipy import fft

    image = np.asarray(image, dtype=np.float64)
    results = []
    for kernel in kernels:
        shape = [image.shape[a] + kernel.shape[a] - 1 for a in (0, 1)]
        fshape = [fft.next_fast_len(size, True) for size in shape]
        if not results:
            image_spectrum = fft.rfftn(image, fshape, axes=[0, 1])
        kernel_spectrum = fft.rfftn(kernel, fshape, axes=[0, 1])
        # both factors named, as in scipy: numpy may multiply into a temporary operand by
        # another loop, which can round differently
        full = fft.irfftn(image_spectrum * kernel_spectrum, fshape, axes=[0, 1])
        full = full[: shape[0], : shape[1]]
        start = [(full.shape[a] - image.shape[a]) // 2 for a in (0, 1)]
        results.append(full[start[0] : start[0] + image.shape[0], start[1] : start[1] + image.shape[1]].copy())
    return results


def _near_repulsion(pos: Any, k: float) -> Any:
    """Return each node's exact repulsion from nodes closer than ``NEAR_RADIUS · k`` (k-d tree pairs).

    Takes the ``(n, 2)`` positions and the ideal edge length; returns an ``(n, 2)`` array.
    Each pair pushes both of its nodes by ``d · k² / max(|d|², 1e-12)``; a node's pushes are
    summed in the k-d tree's order of the pairs (which fixes the rounding).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    pairs = cKDTree(pos).query_pairs(NEAR_RADIUS * k, output_type="ndarray")
    if len(pairs) == 0:
        return np.zeros_like(pos)
    first, second = _columns(pairs)
    dx, dy = _pair_deltas(pos, first, second)
    scale = dx * dx
    scale += dy * dy
    np.maximum(scale, 1e-12, out=scale)
    np.divide(k * k, scale, out=scale)
    dx *= scale
    dy *= scale
    return _scatter(len(pos), first, second, dx, dy)


def _columns(pairs: Any) -> tuple[Any, Any]:
    """Return the two columns of an ``(m, 2)`` index array as contiguous arrays."""
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def _pair_deltas(pos: Any, first: Any, second: Any) -> tuple[Any, Any]:
    """Return ``pos[first] - pos[second]`` as its x and y columns (two new contiguous arrays)."""
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    dx = x.take(first)
    dx -= x.take(second)
    dy = y.take(first)
    dy -= y.take(second)
    return dx, dy


def _scatter(n: int, first: Any, second: Any, fx: Any, fy: Any) -> Any:
    """Return the ``(n, 2)`` sums of the pair forces ``(fx, fy)`` added to each pair's
    ``first`` node and taken from its ``second``: per node and axis, the pairs' forces summed
    in pair order (``numpy.bincount``), the second's sum subtracted from the first's."""
    import numpy as np

    out = np.empty((n, 2))
    out[:, 0] = np.bincount(first, weights=fx, minlength=n)
    out[:, 0] -= np.bincount(second, weights=fx, minlength=n)
    out[:, 1] = np.bincount(first, weights=fy, minlength=n)
    out[:, 1] -= np.bincount(second, weights=fy, minlength=n)
    return out


def _attraction(pos: Any, heads: Any, tails: Any, k: float) -> Any:
    """Return each node's pull along its edges (Fruchterman–Reingold: ``d² / k``).

    Takes the ``(n, 2)`` positions, the edges as two contiguous index arrays and the ideal
    edge length; returns an ``(n, 2)`` array.
    """
    import numpy as np

    if len(heads) == 0:
        return np.zeros_like(pos)
    dx, dy = _pair_deltas(pos, heads, tails)
    scale = np.hypot(dx, dy)
    scale /= k
    dx *= scale
    dy *= scale
    return _scatter(len(pos), tails, heads, dx, dy)


def embed_json(data: Any) -> str:
    """Return ``data`` as compact, sorted JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes (they can only
    occur inside JSON strings, so the meaning is unchanged); ``JSON.parse`` reads it back.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _escape_markup(text)


def _escape_markup(text: str) -> str:
    """Return JSON ``text`` with ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX`` escapes."""
    for char, escape in _JSON_ESCAPES.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def content_security_policy(scripts: list[str]) -> str:
    """Return a CSP that lets only the given inline scripts run and allows no network fetch."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def vis_assets() -> tuple[str, str]:
    """Return vis-network's JavaScript and CSS text, read from the installed pyvis package.

    Picks the newest ``lib/vis-*`` folder that has both files. Raises
    :class:`HtmlExportError` when pyvis or the files are missing, or unsafe to inline.
    """
    folder = _vis_folder()
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return _inlinable(js, "vis-network.min.js"), _inlinable(css, "vis-network.css")


def _vis_folder() -> Path:
    """Return the folder of the newest vis-network shipped in the installed pyvis wheel."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise HtmlExportError(
            "pyvis is not installed; the html export inlines its vis-network (pip install pyvis)"
        )
    candidates = []
    for root in spec.submodule_search_locations:
        for folder in Path(root).joinpath("lib").glob("vis-*"):
            if (folder / "vis-network.min.js").is_file() and (folder / "vis-network.css").is_file():
                candidates.append((_version_key(folder.name), folder))
    if not candidates:
        raise HtmlExportError("the installed pyvis has no lib/vis-*/vis-network.min.js to inline")
    return max(candidates)[1]


def _version_key(name: str) -> tuple[int, ...]:
    """Return ``vis-9.1.2`` as ``(9, 1, 2)`` for picking the newest folder."""
    return tuple(int(part) for part in re.findall(r"\d+", name))


def _inlinable(text: str, name: str) -> str:
    """Return ``text`` unchanged if it cannot end its ``<script>``/``<style>`` element early.

    Raises :class:`HtmlExportError` naming the asset when it holds ``</script``, ``</style``
    or ``<!--``, which would change how the page parses.
    """
    lowered = text.lower()
    for bad in ("</script", "</style", "<!--"):
        if bad in lowered:
            raise HtmlExportError(f"{name}: holds {bad!r} and cannot be inlined safely")
    return text


def _asset(name: str) -> str:
    """Return the text of one file of ``graph/export/assets``."""
    return (_ASSETS / name).read_text(encoding="utf-8")


def _escape_text(text: str) -> str:
    """Return ``text`` escaped for HTML element content (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
