"""Query a built graph from a notebook: SPARQL and networkx answers as pandas DataFrames.

:func:`load` reads an export (``graph.ttl`` or ``graph.json``) and returns a :class:`GraphQuery`
holding both views of the same graph: the networkx :class:`~graph.kg.KnowledgeGraph` (``.kg``)
and a pyoxigraph ``Store`` of its RDF (``.store``)::

    >>> from graph.query import load                                  # doctest: +SKIP
    >>> q = load("exports/graph.ttl")                                 # doctest: +SKIP
    >>> q.sparql("SELECT ?name WHERE { ?p a zhkg:Project ; rdfs:label ?name } ORDER BY ?name")  # doctest: +SKIP

What was decided
----------------
* **Symmetric load.** Turtle is parsed into the store and the networkx graph is rebuilt from
  it (:func:`kg_from_store`); the JSON export is read as a ``KnowledgeGraph`` and its RDF made
  with :func:`graph.rdf.triples`. Either way both views hold the same entities and edges;
  from Turtle, ``investment_yuan`` is the canonical decimal (``"27356000000.0"``).
* **Prefixes bound once.** Every query gets ``PREFIX`` lines for :data:`PREFIXES` (``zhkg``,
  ``rdf``, ``rdfs``, ``skos``, ``prov``, ``org``, ``schema``, ``xsd``) and ``id:`` (the base IRI
  of instances); a query may declare its own, which win.
* **Python values.** Literals become ``int`` (xsd integer types), ``Decimal`` (xsd:decimal),
  ``float`` (xsd:double/float), ``bool`` (xsd:boolean) and ``str`` (everything else, language
  tags dropped); IRIs become their ``str``; unbound variables ``None``.
* **Names.** Every helper takes a canonical name, an alias or an entity id
  (:meth:`KnowledgeGraph.find`).
* **Stated relations only by default.** The weak ``coOccurs`` edge (two names in one sentence)
  outnumbers the stated relations; helpers leave it out unless ``co_occurs=True``.
* **Deterministic.** Helpers sort their rows; write ``ORDER BY`` over every column in SPARQL.
* **Place levels** (:func:`place_level`) come from the name's suffix, see :data:`LEVELS`:
  ``province`` (省, 自治区), ``city`` (市), ``county`` (县, 旗), ``district`` (区, which holds
  development zones such as 示范区, 高新区, 开发区), ``township`` (镇, 乡, 街道). A county-level
  city (孟州市) is therefore a ``city``, and a name like 太行山区 a ``district``: the graph
  holds names, not division codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import networkx as nx

from graph.kg import KnowledgeGraph
from graph.model import CO_OCCURS, ENTITY_TYPES, RELATION_TYPES
from graph.rdf import PREFIXES, triples
from graph.vocab import (
    DEFAULT_BASE_IRI,
    DOCUMENT_PATH,
    ZHKG_NAMESPACE,
    entity_iri,
    iri_segment,
)

try:
    import pandas as pd
    import pyoxigraph as ox
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError(
        "graph.query needs pandas and pyoxigraph: pip install 'zhkg[notebook]'"
    ) from err

__all__ = ["LEVELS", "PREFIXES", "GraphQuery", "kg_from_store", "load", "place_level"]

#: Place level -> name suffixes, tried in this order (自治区 before 区).
LEVELS: dict[str, tuple[str, ...]] = {
    "province": ("省", "自治区"),
    "city": ("市",),
    "county": ("县", "旗"),
    "district": ("区",),
    "township": ("镇", "乡", "街道"),
}

_XSD = PREFIXES["xsd"]
_INTEGER_TYPES = frozenset(
    _XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset({_XSD + "double", _XSD + "float"})

NEIGHBOUR_COLUMNS = ["distance", "type", "label", "id", "relations"]
PROJECT_COLUMNS = ["project", "id", "via", "investment_yuan", "status", "year"]
EVIDENCE_COLUMNS = ["head", "relation", "tail", "doc", "title", "date", "start", "end", "cue", "sentence"]
INVESTMENT_COLUMNS = ["place", "id", "projects", "with_investment", "investment_yuan"]


def place_level(name: str) -> str | None:
    """Return the level of the place called ``name`` by its suffix (:data:`LEVELS`), or ``None``.

    >>> place_level("焦作市"), place_level("马村区"), place_level("武陟县"), place_level("广西壮族自治区")
    ('city', 'district', 'county', 'province')
    >>> place_level("大沙河") is None
    True
    """
    for level, suffixes in LEVELS.items():
        if name.endswith(suffixes) and not (level == "district" and name.endswith("自治区")):
            return level
    return None


_level_of = place_level  # investment_by's parameter is called place_level


@dataclass
class GraphQuery:
    """One graph seen two ways: ``kg`` (networkx) and ``store`` (pyoxigraph, for SPARQL)."""

    kg: KnowledgeGraph
    """The graph as a :class:`KnowledgeGraph` (``kg.G`` is the ``networkx.MultiDiGraph``)."""
    store: Any
    """A ``pyoxigraph.Store`` holding the graph's RDF."""
    base_iri: str = DEFAULT_BASE_IRI
    """The base IRI of instances, bound as ``id:`` in queries."""

    @classmethod
    def from_kg(cls, kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> GraphQuery:
        """Return a :class:`GraphQuery` of ``kg``, its RDF made by :func:`graph.rdf.triples`."""
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples(kg, base_iri=base_iri))
        return cls(kg, store, base_iri)

    def __repr__(self) -> str:
        G = self.kg.G
        docs = len(G.graph.get("documents", {}))
        return (f"GraphQuery({G.number_of_nodes()} entities, {G.number_of_edges()} edges, "
                f"{docs} documents, {len(self.store)} triples)")

    # SPARQL ------------------------------------------------------------------------------

    def prefixes(self) -> dict[str, str]:
        """Return the prefixes every query may use: :data:`PREFIXES` and ``id:`` (the base IRI).

        ``id:`` names need ``/`` escaped (``id:Place\\/焦作市``); ``<…>`` from :meth:`iri` is easier.
        """
        return {**dict(sorted(PREFIXES.items())), "id": self.base_iri}

    def _query(self, query: str) -> Any:
        """Run ``query`` on the store with :meth:`prefixes` bound (as text on pyoxigraph < 0.5)."""
        try:
            return self.store.query(query, prefixes=self.prefixes())
        except TypeError:
            prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in self.prefixes().items())
            return self.store.query(prologue + query)

    def sparql(self, query: str) -> pd.DataFrame | bool:
        """Run a SPARQL query and return its answer as a ``pandas.DataFrame``.

        SELECT gives one column per variable, in the query's order; CONSTRUCT and DESCRIBE
        give ``subject``, ``predicate``, ``object`` (sorted); ASK gives a ``bool``. Values are
        converted as the module docstring says. Raises ``SyntaxError`` for a malformed query.
        """
        result = self._query(query)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            columns = [var.value for var in result.variables]
            rows = [[python_value(solution[var]) for var in result.variables] for solution in result]
            return _frame(rows, columns)
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        rows = [[python_value(t.subject), python_value(t.predicate), python_value(t.object)] for t in triples]
        return _frame(rows, ["subject", "predicate", "object"])

    def iri(self, name: str) -> str:
        """Return the IRI (as ``str``) of the entity named ``name`` (name, alias or id)."""
        return str(entity_iri(self.kg.find(name), self.base_iri))

    # networkx helpers --------------------------------------------------------------------

    def undirected(self, co_occurs: bool = False) -> nx.Graph:
        """Return a new simple undirected ``networkx.Graph`` for analysis, built in sorted order.

        Nodes keep ``type`` and ``label``; an edge's ``relations`` lists the relation types
        between its two ends. ``coOccurs`` edges are left out unless ``co_occurs`` is True.
        """
        H = nx.Graph()
        for node, data in self.kg.entities():
            H.add_node(node, type=data["type"], label=data["label"])
        for head, tail, key, _ in self.kg.edges(co_occurs=co_occurs):
            if head == tail:
                continue
            if H.has_edge(head, tail):
                H.edges[head, tail]["relations"] = sorted({*H.edges[head, tail]["relations"], key})
            else:
                H.add_edge(head, tail, relations=[key])
        return H

    def neighbours(self, name: str, hops: int = 1, co_occurs: bool = False) -> pd.DataFrame:
        """Return the entities up to ``hops`` edges from ``name`` (edge direction ignored).

        One row per entity (the centre left out): ``distance``, ``type``, ``label``, ``id`` and
        ``relations``, the edges linking it to entities one step closer, as
        ``"head relation tail"`` with labels, joined by ``"; "``. Sorted by distance, type, label.
        """
        center = self.kg.find(name)
        H = self.undirected(co_occurs=co_occurs)
        reach = nx.single_source_shortest_path_length(H, center, cutoff=hops)
        G = self.kg.G
        rows = []
        for node, distance in reach.items():
            if node == center:
                continue
            closer = {n for n in H.neighbors(node) if reach.get(n) == distance - 1}
            stated = sorted(
                f"{G.nodes[head]['label']} {key} {G.nodes[tail]['label']}"
                for head, tail, key, _ in self._edges_between(node, closer, co_occurs)
            )
            data = G.nodes[node]
            rows.append([distance, data["type"], data["label"], node, "; ".join(dict.fromkeys(stated))])
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
        return _frame(rows, NEIGHBOUR_COLUMNS)

    def neighbourhood(self, name: str, hops: int = 1, co_occurs: bool = False) -> KnowledgeGraph:
        """Return the :class:`KnowledgeGraph` of ``name`` and its :meth:`neighbours` (a new graph).

        Every edge between the nodes kept is kept (``coOccurs`` too, which the HTML page hides
        by default); ``documents`` keeps the articles those nodes appear in. For
        :func:`graph.export.html.render`.
        """
        center = self.kg.find(name)
        nodes = {center, *self.neighbours(center, hops=hops, co_occurs=co_occurs)["id"]}
        sub = self.kg.G.subgraph(nodes)
        docs = {d for _, data in sub.nodes(data=True) for d in data.get("documents", ())}
        out = _sorted_graph(sub)
        out.graph["documents"] = {k: v for k, v in sorted(self.kg.G.graph.get("documents", {}).items()) if k in docs}
        return KnowledgeGraph(out)

    def id_of(self, iri: str) -> str:
        """Return the entity id of an entity IRI (the inverse of :meth:`iri`); ``KeyError`` if none."""
        if iri.startswith(self.base_iri):
            node = unquote(iri[len(self.base_iri):], encoding="utf-8", errors="surrogatepass")
            if node in self.kg.G:
                return node
        raise KeyError(f"no entity has the IRI {iri!r}")

    def sub_places(self, place: str) -> list[str]:
        """Return the ids of ``place`` and of every place ``locatedIn`` it, transitively (sorted)."""
        root = self._place(place)
        G = self.kg.G
        seen, todo = {root}, [root]
        while todo:
            current = todo.pop()
            for head, _, key in G.in_edges(current, keys=True):
                if key == "locatedIn" and G.nodes[head]["type"] == "Place" and head not in seen:
                    seen.add(head)
                    todo.append(head)
        return sorted(seen)

    def projects_in(self, place: str) -> pd.DataFrame:
        """Return the projects ``locatedIn`` (or ``passesThrough``) ``place`` or any of its sub-places.

        One row per project: ``project`` (label), ``id``, ``via`` (the links that place it,
        ``"locatedIn 文昌街道"``, joined by ``"; "``), ``investment_yuan`` (``Decimal`` or None),
        ``status``, ``year``. Sorted by project label and id. Raises ``KeyError`` for an
        unknown name and ``ValueError`` when ``place`` is not a Place.
        """
        places = set(self.sub_places(place))
        G = self.kg.G
        via: dict[str, set[str]] = {}
        for head, tail, key, _ in self.kg.edges(co_occurs=False):
            if key in ("locatedIn", "passesThrough") and tail in places and G.nodes[head]["type"] == "Project":
                via.setdefault(head, set()).add(f"{key} {G.nodes[tail]['label']}")
        rows = []
        for project, links in via.items():
            data = G.nodes[project]
            rows.append([data["label"], project, "; ".join(sorted(links)), _decimal(data.get("investment_yuan")),
                         data.get("status"), data.get("year")])
        rows.sort(key=lambda r: (r[0], r[1]))
        return _frame(rows, PROJECT_COLUMNS)

    def evidence(self, head: str, tail: str, co_occurs: bool = False) -> pd.DataFrame:
        """Return the evidence of every edge between ``head`` and ``tail``, in either direction.

        One row per piece of evidence: ``head``, ``relation``, ``tail`` (labels), ``doc`` (the
        article's file name), ``title``, ``date``, ``start``, ``end`` (offsets of the sentence),
        ``cue`` and ``sentence``. Sorted by document, offsets, relation.
        """
        a, b = self.kg.find(head), self.kg.find(tail)
        G = self.kg.G
        documents = G.graph.get("documents", {})
        rows = []
        for h, t, key, data in self._edges_between(a, {b}, co_occurs):
            for ev in data.get("evidence", ()):
                meta = documents.get(ev["doc"], {})
                rows.append([G.nodes[h]["label"], key, G.nodes[t]["label"], ev["doc"], meta.get("title") or None,
                             meta.get("date") or None, int(ev["start"]), int(ev["end"]), ev.get("cue", ""),
                             ev.get("text", "")])
        rows.sort(key=lambda r: (r[3], r[6], r[7], r[1], r[0], r[2], r[8]))
        return _frame(rows, EVIDENCE_COLUMNS)

    def investment_by(self, place_level: str | Iterable[str]) -> pd.DataFrame:
        """Return the projects and total announced investment per place of a level.

        ``place_level`` is one of :data:`LEVELS` or several (``("district", "county")``). For
        each place of that level holding at least one project (:meth:`projects_in`, so
        sub-places count): ``place``, ``id``, ``projects``, ``with_investment`` (how many
        give an amount) and ``investment_yuan`` (their ``Decimal`` sum, ``0`` if none).
        Sorted by investment and project count (largest first), then place.
        """
        levels = (place_level,) if isinstance(place_level, str) else tuple(place_level)
        unknown = [level for level in levels if level not in LEVELS]
        if unknown:
            raise ValueError(f"unknown place level {unknown[0]!r}; levels are {', '.join(LEVELS)}")
        rows = []
        for node, data in self.kg.entities("Place"):
            if _level_of(data["label"]) not in levels:
                continue
            projects = self.projects_in(node)
            if projects.empty:
                continue
            amounts = [a for a in projects["investment_yuan"] if a is not None]
            rows.append([data["label"], node, len(projects), len(amounts), sum(amounts, Decimal(0))])
        rows.sort(key=lambda r: (-r[4], -r[2], r[0], r[1]))
        return _frame(rows, INVESTMENT_COLUMNS)

    # internals ---------------------------------------------------------------------------

    def _place(self, name: str) -> str:
        """Return the id of the Place ``name``; ``ValueError`` when it is another type."""
        node = self.kg.find(name)
        kind = self.kg.G.nodes[node]["type"]
        if kind != "Place":
            raise ValueError(f"{name!r} is a {kind}, not a Place")
        return node

    def _edges_between(self, node: str, others: set[str], co_occurs: bool):
        """Yield ``(head, tail, key, data)`` of the edges between ``node`` and any of ``others``."""
        G = self.kg.G
        for head, tail, key, data in G.out_edges(node, keys=True, data=True):
            if tail in others and (co_occurs or key != CO_OCCURS):
                yield head, tail, key, data
        for head, tail, key, data in G.in_edges(node, keys=True, data=True):
            if head in others and head != node and (co_occurs or key != CO_OCCURS):
                yield head, tail, key, data


def load(path: str | Path, base_iri: str | None = None) -> GraphQuery:
    """Read an export and return a :class:`GraphQuery` of it.

    ``path`` is the Turtle export (``.ttl``; also ``.nt``) or the JSON export (``.json``).
    ``base_iri`` is the instances' base IRI; for Turtle it is found from the document IRIs
    when not given. Raises ``ValueError`` for any other kind of file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return GraphQuery.from_kg(KnowledgeGraph.load(path), base_iri or DEFAULT_BASE_IRI)
    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
    if suffix not in formats:
        raise ValueError(f"{path}: cannot load a {suffix or 'suffix-less'} file; give graph.ttl or graph.json")
    store = ox.Store()
    store.load(path=str(path), format=formats[suffix])
    base = base_iri or _base_iri(store)
    return GraphQuery(kg_from_store(store, base), store, base)


def python_value(term: Any) -> Any:
    """Return a pyoxigraph term as a Python value (see the module docstring); ``None`` stays."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        text = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(text)
            if datatype == _XSD + "decimal":
                return Decimal(text)
            if datatype in _FLOAT_TYPES:
                return float(text)
            if datatype == _XSD + "boolean":
                return text in ("true", "1")
        except (ValueError, InvalidOperation):
            return text
        return text
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def kg_from_store(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> KnowledgeGraph:
    """Rebuild the :class:`KnowledgeGraph` that :func:`graph.rdf.triples` wrote into ``store``.

    Entity ids come from the IRIs (``base_iri`` stripped, percent-escapes decoded); node
    attributes, relations with their evidence, and document titles and dates from the triples.
    """
    prefix = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(PREFIXES.items()))

    def rows(query: str) -> list[list[Any]]:
        """Return the solutions of ``query`` as lists of terms, in the variables' order."""
        result = store.query(prefix + query)
        return [[solution[var] for var in result.variables] for solution in result]

    G = nx.MultiDiGraph()
    files: dict[str, str] = {}
    documents: dict[str, dict[str, str]] = {}
    for doc, name, title, day in rows(
        "SELECT ?d ?f ?t ?date WHERE { ?d a zhkg:Document ; zhkg:fileName ?f ."
        " OPTIONAL { ?d zhkg:title ?t } OPTIONAL { ?d zhkg:date ?date } }"
    ):
        files[doc.value] = name.value
        documents[name.value] = {"title": title.value if title else "", "date": day.value if day else ""}
    G.graph["documents"] = dict(sorted(documents.items()))

    classes = " ".join(f"zhkg:{name}" for name in ENTITY_TYPES)
    ids: dict[str, str] = {}
    for subject, cls, label, count in rows(
        f"SELECT ?s ?c ?l ?n WHERE {{ VALUES ?c {{ {classes} }} ?s a ?c ; rdfs:label ?l ."
        " OPTIONAL { ?s zhkg:mentionCount ?n } }"
    ):
        kind = cls.value[len(ZHKG_NAMESPACE):]
        node = _entity_id(subject.value, kind, base_iri)
        ids[subject.value] = node
        G.add_node(node, type=kind, label=label.value, aliases=[], mentions=int(count.value) if count else 0,
                   documents=[])
    for subject, alias in rows("SELECT ?s ?a WHERE { ?s skos:altLabel ?a }"):
        if subject.value in ids:
            G.nodes[ids[subject.value]]["aliases"].append(alias.value)
    for subject, doc in rows("SELECT ?s ?d WHERE { ?s zhkg:mentionedIn ?d }"):
        if subject.value in ids:
            G.nodes[ids[subject.value]]["documents"].append(files.get(doc.value, doc.value))
    for subject, key, value in rows(
        "SELECT ?s ?k ?v WHERE { VALUES ?k { zhkg:investmentYuan zhkg:status zhkg:year } ?s ?k ?v }"
    ):
        if subject.value in ids:
            name = {"investmentYuan": "investment_yuan", "status": "status", "year": "year"}[
                key.value[len(ZHKG_NAMESPACE):]]
            G.nodes[ids[subject.value]][name] = int(value.value) if name == "year" else value.value
    for node in G.nodes:
        G.nodes[node]["aliases"].sort()
        G.nodes[node]["documents"].sort()

    relations = " ".join(f"zhkg:{name}" for name in (*RELATION_TYPES, CO_OCCURS))
    for subject, predicate, obj in rows(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {relations} }} ?s ?p ?o }}"):
        if subject.value in ids and obj.value in ids:
            key = predicate.value[len(ZHKG_NAMESPACE):]
            G.add_edge(ids[subject.value], ids[obj.value], key=key, type=key, evidence=[])
    for subject, predicate, obj, doc, text, start, end, cue in rows(
        "SELECT ?s ?p ?o ?d ?t ?a ?b ?c WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ;"
        " rdf:object ?o ; prov:wasDerivedFrom ?d ; zhkg:startOffset ?a ; zhkg:endOffset ?b ."
        " OPTIONAL { ?st zhkg:sentence ?t } OPTIONAL { ?st zhkg:cue ?c } }"
    ):
        head, tail = ids.get(subject.value), ids.get(obj.value)
        key = predicate.value[len(ZHKG_NAMESPACE):]
        if head is None or tail is None or not G.has_edge(head, tail, key):
            continue
        G.edges[head, tail, key]["evidence"].append({
            "doc": files.get(doc.value, doc.value), "start": int(start.value), "end": int(end.value),
            "text": text.value if text else "", "cue": cue.value if cue else "",
        })
    for _, _, data in G.edges(data=True):
        data["evidence"].sort(key=lambda ev: (ev["doc"], ev["start"], ev["end"], ev["cue"]))
    return KnowledgeGraph(_sorted_graph(G))


def _sorted_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``G`` with nodes and edges inserted in sorted order."""
    out = nx.MultiDiGraph()
    out.graph.update(dict(G.graph))
    out.add_nodes_from(sorted(G.nodes(data=True)))
    out.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])))
    return out


def _base_iri(store: Any) -> str:
    """Return the base IRI of instances in ``store``, found from a document's IRI and file name."""
    query = (f"SELECT ?d ?f WHERE {{ ?d a <{ZHKG_NAMESPACE}Document> ; <{ZHKG_NAMESPACE}fileName> ?f }}"
             " ORDER BY ?f LIMIT 1")
    for solution in store.query(query):
        iri, name = solution["d"].value, solution["f"].value
        tail = DOCUMENT_PATH + iri_segment(name)
        if iri.endswith(tail):
            return iri[: -len(tail)]
    return DEFAULT_BASE_IRI


def _entity_id(iri: str, kind: str, base_iri: str) -> str:
    """Return the entity id (``Type/name``) of the IRI of an entity of class ``kind``."""
    if iri.startswith(base_iri):
        segment = iri[len(base_iri):]
    else:
        at = iri.find(f"/{kind}/")
        segment = iri[at + 1:] if at >= 0 else f"{kind}/{iri}"
    return unquote(segment, encoding="utf-8", errors="surrogatepass")


def _frame(rows: list[list[Any]], columns: list[str]) -> pd.DataFrame:
    """Return ``rows`` as a DataFrame keeping Python values: a column with a ``None`` stays ``object``.

    Columns without ``None`` get pandas' own dtype (``int64``, ``float64``, strings); ``Decimal``
    values stay ``Decimal``.
    """
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for column in columns:
        if not any(value is None for value in df[column]):
            df[column] = df[column].infer_objects()
    return df


def _decimal(value: Any) -> Decimal | None:
    """Return ``value`` (a decimal string) as a ``Decimal``, or ``None`` when absent or not a number."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
