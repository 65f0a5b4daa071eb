"""SPARQL over an exported graph file, on pyoxigraph's in-memory store: the engine of ``kg query``.

:func:`load` reads a Turtle (``.ttl``), N-Triples (``.nt``) or JSON-LD (``.jsonld``) file into a
``pyoxigraph.Store``; :func:`run` answers a ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``
query as a :class:`Result`; :func:`format_result` prints it as an aligned ``table`` (CJK
characters count two columns), ``csv`` or ``json``.

pyoxigraph rather than rdflib's own store: on a synthetic graph of 10^6 triples it loads in
seconds instead of tens of seconds and answers an aggregate in tens of milliseconds instead of
seconds (``benchmarks/bench_sparql.py``).

A query may leave out its ``PREFIX`` lines: every prefix of :data:`PREFIXES` (``zhkg``, ``rdf``,
``rdfs``, ``skos``, ``prov``, ``org``, ``schema``, ``xsd``, ``id``) that it does not declare
itself is supplied, and the prefixes the file declares win over these defaults (so ``id:`` is
the file's own base IRI when the file names it). Every failure is a :class:`QueryError` whose
message is one line naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.vocab import DEFAULT_BASE_IRI, SCHEMA_NAMESPACE, ZHKG_NAMESPACE

#: Prefixes a query may use without declaring them.
PREFIXES: dict[str, str] = {
    "zhkg": ZHKG_NAMESPACE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": SCHEMA_NAMESPACE,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": DEFAULT_BASE_IRI,
}
#: File suffix -> (pyoxigraph format, name for messages).
RDF_SUFFIXES: dict[str, tuple[ox.RdfFormat, str]] = {
    ".ttl": (ox.RdfFormat.TURTLE, "Turtle"),
    ".turtle": (ox.RdfFormat.TURTLE, "Turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "N-Triples"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "JSON-LD"),
}
#: Suffixes of a file holding a query.
QUERY_SUFFIXES: tuple[str, ...] = (".rq", ".sparql")
#: The output formats of :func:`format_result`.
OUTPUT_FORMATS: tuple[str, ...] = ("table", "csv", "json")
#: Variables of the rows a ``CONSTRUCT`` or ``DESCRIBE`` answer is shown as.
TRIPLE_VARIABLES: tuple[str, ...] = ("subject", "predicate", "object")

_XSD = PREFIXES["xsd"]
_INTEGER_TYPES = frozenset(
    _XSD + name for name in (
        "integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
)
_NUMERIC_TYPES = _INTEGER_TYPES | {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_PREFIX_DECL = re.compile(r"(?i)(?<![\w:?$])PREFIX\s+([^\s:]*)\s*:")
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)")
_EXPECTED_ITEM = re.compile(r'"(?:\\.|[^"\\])*"|\[(?:\'(?:\\.|[^\'\\])*\'|[^\]\'])*\]|[^,\s][^,]*')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QueryError(Exception):
    """A graph file cannot be read or a query cannot be answered; the message is one line naming the file."""


@dataclass(frozen=True)
class LoadedGraph:
    """A graph file loaded into an in-memory pyoxigraph store."""

    path: Path
    """The file it was read from."""
    store: ox.Store
    """The store holding its triples (in the default graph)."""
    prefixes: dict[str, str] = field(default_factory=dict)
    """:data:`PREFIXES`, overridden by the prefixes the file declares."""

    def __len__(self) -> int:
        """Return the number of triples."""
        return len(self.store)


@dataclass(frozen=True)
class Result:
    """The answer to a query: rows of RDF terms, or a boolean for ``ASK``.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (``CONSTRUCT``/``DESCRIBE``, whose
    triples become rows of :data:`TRIPLE_VARIABLES`, sorted).
    """

    kind: str
    """``select``, ``ask`` or ``graph``."""
    variables: tuple[str, ...] = ()
    """The column names, in the query's order."""
    rows: tuple[tuple[Term | None, ...], ...] = ()
    """One tuple per solution, a term or ``None`` (unbound) per variable."""
    boolean: bool | None = None
    """The answer of an ``ASK`` query, else ``None``."""

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts of variable -> Python value (see :func:`to_python`), unbound left out."""
        return [
            {var: to_python(term) for var, term in zip(self.variables, row) if term is not None}
            for row in self.rows
        ]

    def column(self, variable: str) -> list[Any]:
        """Return the Python values (see :func:`to_python`) of one variable, row by row."""
        index = self.variables.index(variable)
        return [None if row[index] is None else to_python(row[index]) for row in self.rows]


def _one_line(text: object) -> str:
    """Return ``text`` as a single line with runs of whitespace collapsed."""
    return " ".join(str(text).split())


def load(path: str | Path) -> LoadedGraph:
    """Load the RDF file ``path`` (``.ttl``, ``.nt`` or ``.jsonld``, by suffix) into a new store.

    Returns a :class:`LoadedGraph` with the file's prefixes merged over :data:`PREFIXES`.
    Raises :class:`QueryError` naming the file when it is missing, not a file, of an unknown
    suffix, or does not parse.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in RDF_SUFFIXES:
        known = ", ".join(RDF_SUFFIXES)
        raise QueryError(f"{path}: cannot tell the RDF format from the suffix {suffix!r} (use one of {known})")
    if not path.exists():
        raise QueryError(f"{path}: no such file")
    if not path.is_file():
        raise QueryError(f"{path}: not a file")
    rdf_format, name = RDF_SUFFIXES[suffix]
    store = ox.Store()
    try:
        parser = ox.parse(path=str(path), format=rdf_format)
        store.bulk_extend(parser)
    except SyntaxError as err:
        raise QueryError(f"{path}: not valid {name}: {_one_line(err)}") from None
    except (OSError, ValueError, UnicodeError) as err:
        raise QueryError(f"{path}: cannot read as {name}: {_one_line(err)}") from None
    prefixes = {**PREFIXES, **{p: ns for p, ns in parser.prefixes.items() if p}}
    if "id" not in parser.prefixes:
        prefixes["id"] = _base_iri(store) or PREFIXES["id"]
    return LoadedGraph(path, store, prefixes)


def _base_iri(store: ox.Store) -> str | None:
    """Return the base IRI of the instances in ``store``, read off a document's IRI, or ``None``.

    A document's IRI is the base, ``doc/`` and its file name (:func:`graph.vocab.document_iri`),
    so a graph built with ``--base-iri`` gets the right ``id:`` even from N-Triples.
    """
    from graph.vocab import DOCUMENT_PATH, iri_segment

    query = f"SELECT ?doc ?name WHERE {{ ?doc a <{ZHKG_NAMESPACE}Document> ; <{ZHKG_NAMESPACE}fileName> ?name }} LIMIT 1"
    for solution in store.query(query):
        doc, name = solution["doc"], solution["name"]
        tail = DOCUMENT_PATH + iri_segment(name.value)
        if isinstance(doc, ox.NamedNode) and doc.value.endswith(tail) and len(doc.value) > len(tail):
            return doc.value[: -len(tail)]
    return None


def read_query(text_or_path: str) -> tuple[str, str]:
    """Return ``(query text, source)`` for ``text_or_path``: SPARQL text, or a ``.rq``/``.sparql`` file.

    ``source`` names where the query came from (the file, or ``query``) for messages.
    Raises :class:`QueryError` naming the file when a query file is missing or unreadable.
    """
    candidate = text_or_path.strip()
    if candidate.lower().endswith(QUERY_SUFFIXES) and "\n" not in candidate and "{" not in candidate:
        path = Path(candidate)
        try:
            return path.read_text(encoding="utf-8-sig"), str(path)
        except FileNotFoundError:
            raise QueryError(f"{path}: no such query file") from None
        except (OSError, UnicodeError) as err:
            raise QueryError(f"{path}: cannot read the query: {_one_line(err)}") from None
    return text_or_path, "query"


def declared_prefixes(query: str) -> set[str]:
    """Return the prefix names ``query`` declares with ``PREFIX name: <…>``.

    >>> sorted(declared_prefixes("PREFIX zhkg: <x#> prefix : <y#> SELECT * {}"))
    ['', 'zhkg']
    """
    return {match.group(1) for match in _PREFIX_DECL.finditer(query)}


def missing_prefixes(query: str, prefixes: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the entries of ``prefixes`` (default :data:`PREFIXES`) that ``query`` does not declare."""
    declared = declared_prefixes(query)
    return {p: ns for p, ns in (PREFIXES if prefixes is None else prefixes).items() if p not in declared}


def with_prefixes(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Return ``query`` with a ``PREFIX`` line prepended for each prefix it uses without declaring.

    Only prefixes of ``prefixes`` (default :data:`PREFIXES`) that the query does not declare are
    added, so the text runs in any SPARQL engine (rdflib included).

    >>> with_prefixes("PREFIX zhkg: <x#> ASK {}", {"zhkg": "z#", "rdfs": "r#"})
    'PREFIX rdfs: <r#>\\nPREFIX zhkg: <x#> ASK {}'
    """
    lines = [f"PREFIX {p}: <{ns}>\n" for p, ns in missing_prefixes(query, prefixes).items()]
    return "".join(lines) + query


def run(graph: LoadedGraph, query: str, source: str = "query") -> Result:
    """Answer the SPARQL ``query`` over ``graph`` and return the :class:`Result`.

    Prefixes of ``graph.prefixes`` the query does not declare are supplied (pyoxigraph's
    ``prefixes=``, so error positions stay those of the text as written).
    Raises :class:`QueryError` (one line, naming ``source``) for a query that does not parse
    or fails while running.
    """
    try:
        answer = graph.store.query(query, prefixes=missing_prefixes(query, graph.prefixes))
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples = sorted(answer, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
            return Result("graph", TRIPLE_VARIABLES, tuple((t.subject, t.predicate, t.object) for t in triples))
        variables = tuple(var.value for var in answer.variables)
        rows = tuple(tuple(solution[var] for var in variables) for solution in answer)
        return Result("select", variables, rows)
    except SyntaxError as err:
        raise QueryError(f"{source}: not a valid SPARQL query: {_syntax_message(err, query)}") from None
    except (OSError, ValueError, RuntimeError, TypeError) as err:
        raise QueryError(f"{source}: the query failed on {graph.path}: {_one_line(err)}") from None


def _syntax_message(err: SyntaxError, query: str) -> str:
    """Return pyoxigraph's syntax error as a short line: position, the text there, what was expected.

    Character-class alternatives (``['A' ..= 'Z' | …]``) are left out; an undeclared prefix is
    named as such.
    """
    text = _one_line(err)
    match = _POSITION.match(text)
    if not match:
        return text
    line_no, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = query.split("\n")
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    where = f"line {line_no}, column {column}"
    if "Prefix not found" in rest:
        name = re.search(r"([^\s{}()<>;,.]*):[^\s:]*$", line[: max(column - 1, 0)])
        prefix = name.group(1) if name else ""
        return f"{where}: unknown prefix '{prefix}:' (declare it with PREFIX {prefix}: <…>)"
    near = line[max(column - 1, 0):].strip()[:30]
    if rest.startswith("expected one of "):
        items = [item for item in _EXPECTED_ITEM.findall(rest[len("expected one of "):]) if not item.startswith("[")]
        shown = ", ".join(items[:12]) + (", …" if len(items) > 12 else "")
        rest = f"expected one of {shown}" if items else "unexpected text"
    return f"{where}{f' near {near!r}' if near else ' (at the end)'}: {rest}"


def query_file(path: str | Path, query: str, output: str = "table") -> str:
    """Load the graph file ``path``, answer ``query`` (SPARQL text or a query file) and return it formatted.

    ``output`` is one of :data:`OUTPUT_FORMATS`. Raises :class:`QueryError` for a missing or
    unparsable file or a bad query.
    """
    text, source = read_query(query)
    graph = load(path)
    return format_result(run(graph, text, source), output, graph.prefixes)


# ---------------------------------------------------------------- terms


def to_python(term: Term) -> Any:
    """Return a term as a Python value: an IRI as ``str``; a number as ``int``/``Decimal``/``float``;
    ``xsd:boolean`` as ``bool``; any other literal as its lexical form; a blank node as ``_:id``.
    """
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == _XSD + "decimal":
                return Decimal(term.value)
            if datatype in (_XSD + "double", _XSD + "float"):
                return float(term.value)
        except (ValueError, InvalidOperation):
            return term.value
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def compact(iri: str, prefixes: Mapping[str, str]) -> str:
    """Return ``iri`` as ``prefix:rest`` under the longest matching namespace of ``prefixes``, else whole.

    For display only: the rest is not checked to be a valid local name.

    >>> compact("https://zhkg.dev/ontology#manages", PREFIXES)
    'zhkg:manages'
    """
    best: str | None = None
    for prefix, namespace in prefixes.items():
        longer = best is None or len(namespace) > len(prefixes[best])
        if namespace and iri.startswith(namespace) and len(iri) > len(namespace) and longer:
            best = prefix
    if best is None:
        return iri
    return f"{best}:{iri[len(prefixes[best]):]}"


def _cell(term: Term | None, prefixes: Mapping[str, str]) -> str:
    """Return a term as a table cell: compact IRI, literal's text, control characters made visible."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = compact(term.value, prefixes)
    elif isinstance(term, ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = str(term)
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    """Return a control character as a visible escape (``\\n``, ``\\t``, ``\\x00`` …)."""
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")


def _is_numeric(term: Term | None) -> bool:
    """Return whether ``term`` is a literal of a numeric XSD datatype."""
    return isinstance(term, ox.Literal) and term.datatype is not None and term.datatype.value in _NUMERIC_TYPES


def display_width(text: str) -> int:
    """Return the number of terminal columns ``text`` takes: wide and full-width characters count two,
    combining marks and format characters none.

    >>> display_width("焦作市 ab")
    9
    """
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    """Return ``text`` padded with spaces to ``width`` display columns, on the left when ``right``."""
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


# ---------------------------------------------------------------- output


def format_result(result: Result, output: str = "table", prefixes: Mapping[str, str] | None = None) -> str:
    """Return ``result`` as text ending in a newline, in the ``output`` format.

    * ``table``: aligned columns (a CJK character counts two), IRIs compacted with ``prefixes``
      (default :data:`PREFIXES`), literals as their text, numbers right-aligned, then ``(N rows)``;
    * ``csv``: a header of variable names, then one line per row: IRIs in full, literals as
      their lexical form, unbound as empty (SPARQL 1.1 CSV results, ``\\n`` line ends);
    * ``json``: SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``, each value
      with ``type``, ``value`` and ``xml:lang`` or ``datatype``; ``boolean`` for ``ASK``).

    ``ASK`` prints ``true``/``false`` in table and csv. Raises ``ValueError`` for an unknown format.
    """
    if output not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    prefixes = PREFIXES if prefixes is None else prefixes
    if output == "json":
        return _json(result)
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if output == "csv":
        return _csv(result)
    return _table(result, prefixes)


def _table(result: Result, prefixes: Mapping[str, str]) -> str:
    """Return ``result`` as an aligned plain-text table followed by ``(N rows)``."""
    cells = [[_cell(term, prefixes) for term in row] for row in result.rows]
    header = list(result.variables)
    widths = [max([display_width(h)] + [display_width(row[i]) for row in cells]) for i, h in enumerate(header)]
    right = [
        bool(result.rows) and all(row[i] is None or _is_numeric(row[i]) for row in result.rows)
        for i in range(len(header))
    ]
    lines = ["  ".join(_pad(h, widths[i], right[i]) for i, h in enumerate(header)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(_pad(c, widths[i], right[i]) for i, c in enumerate(row)).rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _csv_value(term: Term | None) -> str:
    """Return a term as a CSV field: IRI in full, literal's lexical form, ``_:id``, or empty."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _csv(result: Result) -> str:
    """Return ``result`` as CSV text with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(term) for term in row])
    return buffer.getvalue()


def _json_value(term: Term) -> dict[str, str]:
    """Return a term as a SPARQL 1.1 JSON results binding value."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != _XSD + "string":
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": str(term)}


def _json(result: Result) -> str:
    """Return ``result`` as SPARQL 1.1 Query Results JSON text (UTF-8, not ASCII-escaped)."""
    if result.kind == "ask":
        document: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {var: _json_value(term) for var, term in zip(result.variables, row) if term is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


__all__ = [
    "OUTPUT_FORMATS", "PREFIXES", "LoadedGraph", "QueryError", "Result", "compact", "declared_prefixes",
    "display_width", "format_result", "load", "missing_prefixes", "query_file", "read_query", "run",
    "to_python", "with_prefixes",
]
