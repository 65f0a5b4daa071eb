"""The knowledge graph as RDF: :func:`triples` lists it, :func:`to_rdf` makes it an ``rdflib.Graph``.

What an export holds (terms in ``graph/ontology.ttl``, IRIs from :mod:`graph.vocab`):

* each entity: its class (``zhkg:Company`` …), ``rdfs:label "…"@zh``, ``skos:altLabel "…"@zh``
  per alias, ``zhkg:mentionCount``, ``zhkg:mentionedIn`` each document, and for projects
  ``zhkg:investmentYuan`` (``xsd:decimal``), ``zhkg:status`` (``@zh``), ``zhkg:year`` (``xsd:gYear``);
* each document: ``zhkg:Document`` with ``zhkg:fileName``, ``zhkg:title`` (``@zh``), ``zhkg:date``
  (``xsd:date``) where known;
* each relation: the direct triple (``head zhkg:manages tail``) and, per piece of evidence,
  an RDF reification: an ``rdf:Statement`` naming the triple with ``rdf:subject``/
  ``rdf:predicate``/``rdf:object``, ``prov:wasDerivedFrom`` the document, ``zhkg:sentence``
  (``@zh``), ``zhkg:startOffset``/``zhkg:endOffset`` (``xsd:integer``) and ``zhkg:cue``.
  Its IRI is a hash of head, type, tail, document and offsets, so it is stable.
  The weak ``coOccurs`` edge (two names in one sentence, not a stated relation) is the direct
  triple only: reifying each of its sentences would make three quarters of a corpus's triples
  and say nothing a query needs; ``graph.json`` keeps those sentences.

The triples are made as N-Triples text, collected by subject (each IRI's and literal's text
made once), and sorted as N-Triples lines (:func:`rdf_text`); that order makes every file
byte-stable. The N-Triples text is the ``ntriples`` export itself; the Turtle exporter has
pyoxigraph's (Rust) parser and writer turn it into Turtle, and the JSON-LD exporter writes a
node per subject. Making a
pyoxigraph object per triple first cost more than all the writing. No blank nodes are made.
:func:`triples` gives the same triples as pyoxigraph terms and :func:`to_rdf` as rdflib's, for
SHACL, SPARQL and callers who want those APIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from hashlib import sha256
from importlib import resources
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.gcpause import paused_gc
from graph.kg import KnowledgeGraph
from graph.model import CO_OCCURS
from graph.vocab import (
    DEFAULT_BASE_IRI,
    ENTITY_CLASSES,
    SCHEMA_NAMESPACE,
    STATEMENT_PATH,
    ZHKG,
    ZHKG_NAMESPACE,
    document_iri,
    iri_segment,
)

#: Prefixes bound on every graph :func:`to_rdf` makes, besides ``id:`` for the base IRI.
PREFIXES: dict[str, str] = {
    "org": str(ORG),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": SCHEMA_NAMESPACE,
    "skos": str(SKOS),
    "xsd": str(XSD),
    "zhkg": ZHKG_NAMESPACE,
}
#: The language tag of names, statuses, titles and sentences.
LANG = "zh"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@lru_cache(maxsize=None)
def _iri(term: str) -> ox.NamedNode:
    """Return the pyoxigraph IRI of a vocabulary ``term`` (class, property, datatype), made once."""
    return ox.NamedNode(str(term))


# The datatypes the literals use, as text, looked up once (rdflib's namespace lookups are slow).
_DECIMAL = str(XSD.decimal)
_G_YEAR = str(XSD.gYear)
_INTEGER = str(XSD.integer)
_XSD_DATE = str(XSD.date)


def _nt(iri: str) -> bytes:
    """Return the N-Triples text of ``iri``: ``<iri>`` in UTF-8."""
    return f"<{iri}>".encode("utf-8")


# The vocabulary terms the triples use as N-Triples text (``<iri>`` in UTF-8), made once; a
# predicate with the space that follows it in a line.
_NT_ALT_LABEL = _nt(SKOS.altLabel) + b" "
_NT_CUE = _nt(ZHKG.cue) + b" "
_NT_DOCUMENT = _nt(ZHKG.Document)
_NT_END_OFFSET = _nt(ZHKG.endOffset) + b" "
_NT_FILE_NAME = _nt(ZHKG.fileName) + b" "
_NT_INVESTMENT_YUAN = _nt(ZHKG.investmentYuan) + b" "
_NT_LABEL = _nt(RDFS.label) + b" "
_NT_MENTIONED_IN = _nt(ZHKG.mentionedIn) + b" "
_NT_MENTION_COUNT = _nt(ZHKG.mentionCount) + b" "
_NT_OBJECT = _nt(RDF.object) + b" "
_NT_PREDICATE = _nt(RDF.predicate) + b" "
_NT_SENTENCE = _nt(ZHKG.sentence) + b" "
_NT_START_OFFSET = _nt(ZHKG.startOffset) + b" "
_NT_STATEMENT = _nt(RDF.Statement)
_NT_STATUS = _nt(ZHKG.status) + b" "
_NT_SUBJECT = _nt(RDF.subject) + b" "
_NT_TITLE = _nt(ZHKG.title) + b" "
_NT_TYPE = _nt(RDF.type) + b" "
_NT_WAS_DERIVED_FROM = _nt(PROV.wasDerivedFrom) + b" "
_NT_YEAR = _nt(ZHKG.year) + b" "
_NT_ZHKG_DATE = _nt(ZHKG.date) + b" "
_NT_CLASSES = {name: _nt(str(iri)) for name, iri in ENTITY_CLASSES.items()}


#: An RDF term as plain text: ``("I", iri, "", "")`` or ``("L", lexical form, language, datatype IRI)``.
Term = tuple[str, str, str, str]
#: A triple as plain text: subject IRI, predicate IRI, object.
Row = tuple[str, str, Term]

_XSD_STRING = str(XSD.string)
#: Characters after which a literal's N-Triples text is not simply the string in quotes:
#: those pyoxigraph escapes (controls, quote, backslash, U+FFFE, U+FFFF) and surrogates, which
#: it rejects (``tests/test_rdf_text.py`` checks every code point).
_ESCAPED_IN_LITERAL = re.compile(r'[\x00-\x1f"\\\x7f\ud800-\udfff\ufffe\uffff]')


@dataclass(frozen=True)
class RdfText:
    """The RDF of a graph, made once for all the RDF exporters, as UTF-8 N-Triples text.

    ``subjects`` holds each subject's triples without duplicates, sorted as the N-Triples
    lines are: ``(<subject>, [<predicate> object, …])``, each term in its N-Triples text in
    UTF-8 (an IRI in ``<>``, a literal as :func:`literal_text` writes it), a predicate and
    its object as the rest of the line after the subject and a space (:func:`split_tail`);
    ``literals`` gives the :data:`Term` of each literal's text; ``ntriples`` is the N-Triples,
    one line per triple, in the same order.
    """

    subjects: list[tuple[bytes, list[bytes]]]
    literals: Mapping[bytes, Term]
    ntriples: bytes

    def term(self, text: bytes) -> Term:
        """Return the :data:`Term` whose N-Triples text is ``text`` (an object of :attr:`subjects`)."""
        return ("I", text[1:-1].decode("utf-8"), "", "") if text.startswith(b"<") else self.literals[text]

    @property
    def rows(self) -> list[Row]:
        """Return the triples as :data:`Row` tuples, in the order of the N-Triples lines."""
        rows: list[Row] = []
        for subject, tails in self.subjects:
            iri = subject[1:-1].decode("utf-8")
            for tail in tails:
                predicate, obj = split_tail(tail)
                rows.append((iri, predicate[1:-1].decode("utf-8"), self.term(obj)))
        return rows


def split_tail(tail: bytes) -> tuple[bytes, bytes]:
    """Return the ``<predicate>`` and the object text of ``tail``, the rest of an N-Triples
    line after its subject (as :attr:`RdfText.subjects` holds it). No IRI holds a space."""
    predicate, _, obj = tail.partition(b" ")
    return predicate, obj


def shared_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> RdfText:
    """Return :func:`rdf_text` of ``kg``, made once per graph and arguments and shared by the
    Turtle, JSON-LD and N-Triples exporters of one build. Callers must not modify the result.

    The memo lives on ``kg`` and is keyed by the arguments and the graph's node and edge counts.
    """
    memo: dict[tuple[str, bool, int, int], RdfText] = kg.__dict__.setdefault("_rdf_memo", {})
    key = (base_iri, co_occurs, kg.G.number_of_nodes(), kg.edge_count())
    if key not in memo:
        memo.clear()
        memo[key] = rdf_text(kg, base_iri, co_occurs=co_occurs)
    return memo[key]


def rdf_text(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> RdfText:
    """Return the RDF of ``kg`` (instance IRIs under ``base_iri``) as :class:`RdfText`: the
    triples without duplicates, sorted by each triple's N-Triples text.

    The N-Triples text is what pyoxigraph writes for the same triples: a literal that needs
    no escape is written here in quotes, any other by ``pyoxigraph.Literal`` itself.
    ``co_occurs=False`` leaves the weak ``coOccurs`` edges (and their evidence) out. Raises
    ``ValueError`` for a base IRI that is not absolute or does not end in ``/`` or ``#``, and
    for an entity whose type has no class.
    """
    check_base_iri(base_iri)
    with paused_gc():  # hundreds of thousands of small objects, few cycles (see graph.gcpause)
        triples = _Triples()
        _add_graph(triples, kg, base_iri, co_occurs)
        return triples.text()


def rdf_text_of_rows(rows: Iterable[Row]) -> RdfText:
    """Return the :class:`RdfText` of any triples given as :data:`Row` tuples (duplicates and
    order do not matter). The IRIs are taken as they are, not checked."""
    triples = _Triples()
    for subject, predicate, obj in rows:
        text = _nt(obj[1]) if obj[0] == "I" else triples.literal(obj)
        triples.subject(_nt(subject)).append(_nt(predicate) + b" " + text)
    return triples.text()


class _Triples:
    """Triples being collected as UTF-8 N-Triples text, by subject; each literal's text made once.

    Bytes rather than str: UTF-8 sorts as the code points do, so the order is the same, and
    the text is joined without widening to the str kind of its widest character and encoding
    tens of megabytes at the end.
    """

    def __init__(self) -> None:
        """Start with no triples."""
        self.by_subject: dict[bytes, list[bytes]] = {}  # <subject> -> [b"<predicate> object", …]
        self.literals: dict[bytes, Term] = {}  # literal text -> literal
        self._texts: dict[Term, bytes] = {}  # literal -> literal text
        self._tagged: dict[str, bytes] = {}  # value -> its text tagged LANG
        self._integers: dict[int, bytes] = {}  # number -> its text as xsd:integer

    def subject(self, subject: bytes) -> list[bytes]:
        """Return the list of ``subject``'s (``<iri>``) triples as ``<predicate> object`` text
        (the rest of each line), to append to."""
        tails = self.by_subject.get(subject)
        if tails is None:
            tails = self.by_subject[subject] = []
        return tails

    def literal(self, term: Term) -> bytes:
        """Return the N-Triples text of the literal ``term`` (:func:`literal_text`), made once per literal."""
        text = self._texts.get(term)
        if text is None:
            text = self._texts[term] = literal_text(term).encode("utf-8")
            self.literals[text] = term
        return text

    def tagged(self, value: str) -> bytes:
        """Return the N-Triples text of ``value`` as a literal tagged :data:`LANG`, made once per value."""
        text = self._tagged.get(value)
        if text is None:
            text = self._tagged[value] = self.literal(("L", value, LANG, ""))
        return text

    def integer(self, value: Any) -> bytes:
        """Return the N-Triples text of ``int(value)`` as an ``xsd:integer`` literal, made once per number."""
        number = int(value)
        text = self._integers.get(number)
        if text is None:
            text = self._integers[number] = self.literal(("L", str(number), "", _INTEGER))
        return text

    def text(self) -> RdfText:
        """Return the triples as :class:`RdfText`: subjects sorted by their ``<iri>`` text and each
        subject's triples sorted and without duplicates. As no IRI holds ``>`` or a space, that
        is the order of the whole N-Triples lines. A subject's lines are joined as one block."""
        subjects: list[tuple[bytes, list[bytes]]] = []
        blocks: list[bytes] = []
        for subject in sorted(self.by_subject):
            tails = sorted(set(self.by_subject[subject]))
            if tails:
                subjects.append((subject, tails))
                start = subject + b" "
                blocks += (start, (b" .\n" + start).join(tails), b" .\n")
        return RdfText(subjects, self.literals, b"".join(blocks))


def literal_text(term: Term) -> str:
    """Return the N-Triples text of the literal ``term`` (``("L", value, language, datatype)``),
    the same as ``str(pyoxigraph.Literal(...))``."""
    _, value, language, datatype = term
    if _ESCAPED_IN_LITERAL.search(value):
        return str(_to_ox(term))
    if language:
        return f'"{value}"@{language}'
    if datatype == _XSD_STRING:
        return f'"{value}"'
    return f'"{value}"^^<{datatype}>'


def _to_ox(term: Term) -> ox.NamedNode | ox.Literal:
    """Return ``term`` as a pyoxigraph term."""
    kind, value, language, datatype = term
    if kind == "I":
        return ox.NamedNode(value)
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=_iri(datatype))


def triples(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> list[ox.Triple]:
    """Return the RDF of ``kg`` as ``pyoxigraph.Triple`` objects, instance IRIs under ``base_iri``.

    The list has no duplicates and is sorted by each triple's N-Triples text, so a subject's
    triples are adjacent and the same graph always gives the same list. ``co_occurs=False``
    leaves the weak ``coOccurs`` edges (and their evidence) out. Raises ``ValueError`` as
    :func:`rdf_text` does.
    """
    text = rdf_text(kg, base_iri, co_occurs=co_occurs)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.ntriples, format=ox.RdfFormat.N_TRIPLES)]


def to_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> Graph:
    """Return ``kg`` as a new ``rdflib.Graph`` holding exactly :func:`triples`, with
    :data:`PREFIXES` and ``id:`` bound. Raises ``ValueError`` as :func:`triples` does.
    """
    graph = new_graph(base_iri)
    for triple in triples(kg, base_iri, co_occurs=co_occurs):
        graph.add((URIRef(triple.subject.value), URIRef(triple.predicate.value), _to_rdflib(triple.object)))
    return graph


def _to_rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """Return the rdflib term equal to the pyoxigraph ``term`` (an IRI or a literal)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _checked_iri(iri: str) -> str:
    """Return ``iri`` if pyoxigraph takes it for an IRI; else raise ``ValueError``."""
    return ox.NamedNode(iri).value


def _add_graph(triples: _Triples, kg: KnowledgeGraph, base_iri: str, co_occurs: bool) -> None:
    """Add every triple of ``kg`` to ``triples``: documents, entities, relations with their evidence.

    A document is described if the graph lists it or anything names it: an entity, or
    evidence of any relation (``coOccurs`` edges' evidence too, whether or not ``co_occurs``).
    """
    documents: Mapping[str, Mapping[str, Any]] = kg.G.graph.get("documents", {})
    doc_iris = _DocumentIris(base_iri)  # doc id -> <iri>, for every document named so far
    for doc_id in documents:
        doc_iris[doc_id]  # made and checked now
    entity_iris: dict[str, bytes] = {}
    for node, data in kg.entities():
        entity_iris[node] = _nt(_checked_iri(base_iri + _iri_segment(node)))  # vocab.entity_iri
        _add_entity(triples, entity_iris[node], node, data, doc_iris)
    predicates: dict[str, bytes] = {}
    statement_base = base_iri + STATEMENT_PATH
    co_occurring: set[str] = set()  # documents of coOccurs evidence
    for head, tail, rel_type, data in kg.edges():
        if rel_type == CO_OCCURS:  # not a stated relation: its evidence stays in graph.json, not in the RDF
            co_occurring.update([ev["doc"] for ev in data.get("evidence", ())])
            if not co_occurs:
                continue
        predicate = predicates.get(rel_type)
        if predicate is None:
            predicate = predicates[rel_type] = _nt(_checked_iri(str(ZHKG[rel_type])))
        subject, obj = entity_iris[head], entity_iris[tail]
        triples.subject(subject).append(predicate + b" " + obj)
        if rel_type == CO_OCCURS:
            continue
        for ev in data.get("evidence", ()):
            stmt = _statement_iri(head, rel_type, tail, ev["doc"], ev["start"], ev["end"], ev.get("cue", ""))
            _add_statement(triples, _nt(statement_base + stmt), subject, predicate, obj, ev, doc_iris[ev["doc"]])
    for doc_id in sorted(co_occurring.difference(doc_iris)):
        doc_iris[doc_id]  # made and checked now
    for doc_id, doc in doc_iris.items():
        _add_document(triples, doc, doc_id, documents.get(doc_id, {}))


class _DocumentIris(dict):  # type: ignore[type-arg]
    """Document id -> the ``<iri>`` text of the document, made (and checked) when first asked for."""

    def __init__(self, base_iri: str) -> None:
        """Take the base IRI of instances."""
        super().__init__()
        self.base_iri = base_iri

    def __missing__(self, doc_id: str) -> bytes:
        iri = self[doc_id] = _nt(_checked_iri(str(document_iri(doc_id, self.base_iri))))
        return iri


class _IriChars(dict):  # type: ignore[type-arg]
    """A ``str.translate`` table: code point -> how it stands in an IRI path segment, as
    :func:`graph.vocab.iri_segment` writes it (``/`` and ``.`` raw), worked out when first met."""

    def __missing__(self, code: int) -> str:
        text = self[code] = "." if code == 0x2E else iri_segment(chr(code))
        return text


_IRI_CHARS = _IriChars()


def _iri_segment(text: str) -> str:
    """Return :func:`graph.vocab.iri_segment` of ``text`` (an id, ``/`` between segments):
    one ``str.translate`` with each character's text worked out once per build."""
    if "." in text and any(part in (".", "..") for part in text.split("/")):
        return iri_segment(text)  # a dot segment is encoded whole
    return text.translate(_IRI_CHARS)


def _statement_iri(head: str, relation: str, tail: str, doc_id: str, start: int, end: int, cue: str) -> str:
    """Return the end of :func:`graph.vocab.statement_iri` after ``stmt/``: the same 32 hex
    digits of a SHA-256, without making an rdflib term."""
    key = "\x1f".join((head, relation, tail, doc_id, str(start), str(end), cue))
    return sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def check_base_iri(base_iri: str) -> str:
    """Return ``base_iri`` unchanged if it is absolute and ends in ``/`` or ``#``; else raise ``ValueError``."""
    if not _SCHEME.match(base_iri) or not base_iri.endswith(("/", "#")):
        raise ValueError(f"base IRI {base_iri!r} must be absolute and end with '/' or '#'")
    if any(ch in base_iri for ch in ' "<>{}|\\^`') or any(ord(ch) < 0x21 for ch in base_iri):
        raise ValueError(f"base IRI {base_iri!r} holds characters an IRI may not hold")
    return base_iri


def new_graph(base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Return an empty graph with exactly :data:`PREFIXES` and ``id:`` (``base_iri``) bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace))
    graph.bind("id", Namespace(base_iri))
    return graph


def decimal_lexical(value: Any) -> str:
    """Return ``value`` (a decimal string, ``Decimal`` or int) in the canonical lexical form of
    ``xsd:decimal``: no exponent and always a point (``3000000000.0``, ``1.5``), the form Turtle
    writes bare, so every serialisation keeps the same literal. Raises ``ValueError`` for
    anything that is not a finite number.

    >>> decimal_lexical("3E+9")
    '3000000000.0'
    """
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"investment {value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError(f"investment {value!r} is not a finite number")
    if number.is_zero():
        return "0.0"
    text = format(number, "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text


def decimal_literal(value: Any) -> Literal:
    """Return ``value`` as an rdflib ``xsd:decimal`` literal in :func:`decimal_lexical` form.

    >>> str(decimal_literal("3E+9"))
    '3000000000.0'
    """
    return Literal(decimal_lexical(value), datatype=XSD.decimal)


def _add_document(triples: _Triples, doc: bytes, doc_id: str, meta: Mapping[str, Any]) -> None:
    """Add the ``zhkg:Document`` triples of ``doc_id`` (``<iri>`` ``doc``): file name, and title and date where known."""
    tails = triples.subject(doc)
    tails.append(_NT_TYPE + _NT_DOCUMENT)
    tails.append(_NT_FILE_NAME + triples.literal(("L", doc_id, "", _XSD_STRING)))
    if meta.get("title"):
        tails.append(_NT_TITLE + triples.tagged(meta["title"]))
    day = meta.get("date") or ""
    if _ISO_DATE.fullmatch(day) and _is_date(day):
        tails.append(_NT_ZHKG_DATE + triples.literal(("L", day, "", _XSD_DATE)))


def _is_date(text: str) -> bool:
    """Return whether ``text`` (``YYYY-MM-DD``) is a real calendar date."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _add_entity(triples: _Triples, subject: bytes, node: str, data: Mapping[str, Any],
                doc_iris: Mapping[str, bytes]) -> None:
    """Add entity ``node``'s (``<iri>`` ``subject``) class, names, mention count, documents and attributes."""
    type_ = data.get("type")
    if type_ not in ENTITY_CLASSES:
        raise ValueError(f"entity {node!r} has type {type_!r}, not one of {', '.join(ENTITY_CLASSES)}")
    literal = triples.literal
    tails = triples.subject(subject)
    tails.append(_NT_TYPE + _NT_CLASSES[type_])
    label = data.get("label") or node.partition("/")[2]
    tails.append(_NT_LABEL + triples.tagged(label))
    for alias in data.get("aliases", ()):
        tails.append(_NT_ALT_LABEL + triples.tagged(alias))
    tails.append(_NT_MENTION_COUNT + triples.integer(data.get("mentions", 0)))
    for doc_id in data.get("documents", ()):
        tails.append(_NT_MENTIONED_IN + doc_iris[doc_id])
    if data.get("investment_yuan") not in (None, ""):
        tails.append(_NT_INVESTMENT_YUAN + literal(("L", decimal_lexical(data["investment_yuan"]), "", _DECIMAL)))
    if data.get("status"):
        tails.append(_NT_STATUS + triples.tagged(data["status"]))
    if data.get("year") not in (None, ""):
        tails.append(_NT_YEAR + literal(("L", f"{int(data['year']):04d}", "", _G_YEAR)))


def _add_statement(triples: _Triples, stmt: bytes, subject: bytes, predicate: bytes, obj: bytes,
                   ev: Mapping[str, Any], doc: bytes) -> None:
    """Add ``stmt`` as the ``rdf:Statement`` of ``subject predicate obj`` stated by the evidence
    ``ev`` in ``doc`` (every term as ``<iri>``)."""
    literal = triples.literal
    tails = triples.subject(stmt)
    tails += (
        _NT_TYPE + _NT_STATEMENT,
        _NT_SUBJECT + subject,
        _NT_PREDICATE + predicate,
        _NT_OBJECT + obj,
        _NT_WAS_DERIVED_FROM + doc,
        _NT_SENTENCE + triples.tagged(ev.get("text", "")),
        _NT_START_OFFSET + triples.integer(ev["start"]),
        _NT_END_OFFSET + triples.integer(ev["end"]),
    )
    if ev.get("cue"):
        tails.append(_NT_CUE + literal(("L", ev["cue"], "", _XSD_STRING)))


def shapes() -> Graph:
    """Return the SHACL shapes of ``graph/shapes.ttl`` parsed into a new graph."""
    data = resources.files("graph").joinpath("shapes.ttl").read_bytes()
    return Graph().parse(data=data, format="turtle")


def validate(rdf_graph: Graph) -> tuple[bool, str]:
    """Check ``rdf_graph`` against ``graph/shapes.ttl`` with pyshacl (no inference).

    Returns ``(conforms, report_text)``: whether every shape holds, and pyshacl's readable
    report naming each violation. Raises ``ImportError`` with a hint when pyshacl is missing.
    """
    try:
        import pyshacl
    except ImportError as err:
        raise ImportError("validate() needs pyshacl: pip install pyshacl") from err
    conforms, _, report = pyshacl.validate(
        rdf_graph, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=False
    )
    return bool(conforms), str(report)
