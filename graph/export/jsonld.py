"""The ``jsonld`` exporter: the graph as JSON-LD 1.1 (see :mod:`graph.rdf`), byte-stable.

The document is ``{"@context": {prefix: namespace}, "@graph": [node, …]}``: one node object
per subject, sorted by IRI, with compact IRIs (``zhkg:manages``, ``id:Company/…``) for keys,
types and references, every value in an array sorted by its JSON text, and typed literals as
``{"@value": lexical form, "@type": datatype}`` so numbers keep their exact lexical form.
It is written here rather than by a JSON-LD serialiser (rdflib's, pyoxigraph's) so the output
is compact, sorted and stable, and the same triples parse back in any JSON-LD processor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from itertools import groupby
from json.encoder import encode_basestring
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.export.atomic import write_text
from graph.gcpause import paused_gc
from graph.jsontext import interleave
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, RdfText, Term, shared_rdf, split_tail
from graph.vocab import DEFAULT_BASE_IRI

_NT_RDF_TYPE = ("<" + PREFIXES["rdf"] + "type>").encode("utf-8")
_XSD_STRING = PREFIXES["xsd"] + "string"
#: A value of a node's property: its sort key and its JSON text (:func:`_entry`).
Entry = tuple[tuple[Any, ...], str]
#: One triple of a node: its key, its value's sort key and JSON text, and ``"key": [value]``.
Item = tuple[str, tuple[Any, ...], str, str]
_BY_ORDER = _KEY = itemgetter(0)
_ORDER = itemgetter(1)
_PIECE = itemgetter(3)


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> str:
    """Return ``kg`` as JSON-LD text with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    with paused_gc():  # as graph.export.write_all does, for callers that do not
        return jsonld_text(shared_rdf(kg, base_iri, co_occurs=co_occurs), base_iri)


def jsonld_text(rdf: RdfText, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Return the triples of ``rdf`` (:func:`graph.rdf.rdf_text`) as JSON-LD text whose context
    is :data:`graph.rdf.PREFIXES` and ``id:`` (``base_iri``), ending in a newline.

    The text is what ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` writes for the
    context and for each node object, one node per line (the layout of
    :func:`graph.jsontext.dumps_by_line`), but each distinct key and value is written once
    (strings by ``json.encoder.encode_basestring``, the function ``json.dumps`` itself uses
    without ``ensure_ascii``) and a node's line is joined from those pieces.
    """
    context = dict(sorted({**PREFIXES, "id": base_iri}.items()))
    writer = _NodeWriter(_compactor(context), rdf.term)
    nodes = [writer.node(subject, pairs) for subject, pairs in rdf.subjects]
    nodes.sort(key=_BY_ORDER)
    head = '{"@context": ' + json.dumps(context, ensure_ascii=False, sort_keys=True) + ",\n"
    if not nodes:
        return head + '"@graph": []}\n'
    # one join of all the pieces: the text is tens of megabytes, and each copy of it counts
    return "".join([head, '"@graph": [\n', *interleave([text for _, text in nodes], ",\n"), "\n]}\n"])


class _Memo(dict):  # type: ignore[type-arg]
    """A dict that makes the value of a missing key by calling ``make(key)``, and keeps it."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        """Take the function that makes a value from its key."""
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


class _NodeWriter:
    """Writes node objects as JSON text, remembering the text of every key and value it wrote."""

    def __init__(self, compact: Callable[[str], str], term: Callable[[bytes], Term]) -> None:
        """Take the IRI compactor of the document's context (:func:`_compactor`) and the
        function giving the :data:`graph.rdf.Term` of an object's N-Triples text."""
        self.compact = compact
        self.term = term
        self.keys: dict[bytes, str] = {}  # <predicate> -> its key in a node (a compact IRI)
        self.values: dict[bytes, Entry] = {}  # object text -> its entry under a property
        self.items: dict[bytes, Item] = _Memo(self._item)  # b"<predicate> object" -> its Item
        self.heads: dict[str, str] = {}  # key -> the text opening its array

    def node(self, subject: bytes, tails: Iterable[bytes]) -> tuple[str, str]:
        """Return the IRI and the node object of ``subject`` (``<iri>``) made from its triples
        (the ``<predicate> object`` text after the subject, in UTF-8, as
        :class:`graph.rdf.RdfText` holds them), the node as one line of JSON: ``@id``, then
        each property (``@type`` first) with its values in the order of :func:`_entry`."""
        items = sorted(map(self.items.__getitem__, tails), key=_KEY)
        iri = subject[1:-1].decode("utf-8")
        # "@id" sorts first: "@type" follows it, and every other key is a compact or absolute
        # IRI, which starts with a letter
        start = '{"@id": ' + encode_basestring(self.compact(iri))
        if items and len(set(map(_KEY, items))) == len(items):  # one value per key, the usual case
            return iri, start + ", " + ", ".join(map(_PIECE, items)) + "}"
        parts = [start]
        for key, group in groupby(items, key=_KEY):
            values = list(group)
            if len(values) == 1:
                parts.append(values[0][3])
            else:
                values.sort(key=_ORDER)
                parts.append(self.heads[key] + ", ".join([value[2] for value in values]) + "]")
        return iri, ", ".join(parts) + "}"

    def _item(self, tail: bytes) -> Item:
        """Return the :data:`Item` of one triple's ``<predicate> object`` text: under ``@type``
        the compact class for an ``rdf:type`` IRI, else under the predicate's key the object's
        :func:`_entry`."""
        predicate, obj = split_tail(tail)
        if predicate == _NT_RDF_TYPE and obj.startswith(b"<"):
            name = self.compact(obj[1:-1].decode("utf-8"))
            key, (order, text) = "@type", ((0, name), encode_basestring(name))
        else:
            key = self.keys.get(predicate) or self._key(predicate)
            order, text = self.values.get(obj) or self._value_entry(obj)
        head = self.heads.get(key) or self._head(key)
        return key, order, text, head + text + "]"

    def _head(self, key: str) -> str:
        """Return (and remember) the JSON text that opens the array of property ``key``: ``"key": [``."""
        head = self.heads[key] = encode_basestring(key) + ": ["
        return head

    def _key(self, predicate: bytes) -> str:
        """Return (and remember) the key of ``predicate`` (``<iri>``) in a node: its compact IRI."""
        key = self.keys[predicate] = self.compact(predicate[1:-1].decode("utf-8"))
        return key

    def _value_entry(self, obj: bytes) -> Entry:
        """Return (and remember) the :data:`Entry` of the RDF object ``obj`` (N-Triples text)."""
        entry = self.values[obj] = _entry(self.term(obj), self.compact)
        return entry


def _entry(obj: Term, compact: Callable[[str], str]) -> Entry:
    """Return the JSON-LD value of the RDF object ``obj`` as an :data:`Entry`: its sort key and
    its JSON text, IRIs written by ``compact``.

    The value is ``{"@id": IRI}``, a plain string (``xsd:string``), ``{"@language", "@value"}``
    or ``{"@type": datatype, "@value"}``. The sort key is ``(0, string)`` for a string and
    ``(1, *sorted(items))`` for an object, so strings come first and objects follow by their
    items. The text is what ``json.dumps(value, ensure_ascii=False, sort_keys=True)`` writes.
    """
    kind, value, language, datatype = obj
    if kind == "I":
        name = compact(value)
        return (1, ("@id", name)), '{"@id": ' + encode_basestring(name) + "}"
    if language:
        return ((1, ("@language", language), ("@value", value)),
                '{"@language": ' + encode_basestring(language) + ', "@value": ' + encode_basestring(value) + "}")
    if datatype == _XSD_STRING:
        return (0, value), encode_basestring(value)
    name = compact(datatype)
    return ((1, ("@type", name), ("@value", value)),
            '{"@type": ' + encode_basestring(name) + ', "@value": ' + encode_basestring(value) + "}")


def _compactor(context: dict[str, str]) -> Callable[[str], str]:
    """Return a function writing an IRI as ``prefix:rest`` under the longest matching namespace
    of ``context``, else in full. A rest that starts with ``//`` would read as an absolute IRI,
    so it stays in full. It remembers every IRI it has written.
    """
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))
    prefixes = {namespace: prefix for prefix, namespace in reversed(by_length)}  # the first of equal ones
    # the alternatives are tried in order, so the longest namespace that starts the IRI matches
    namespace_at_start = re.compile("|".join(re.escape(namespace) for _, namespace in by_length)).match
    done: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = done.get(iri)
        if found is None:
            found = done[iri] = iri
            match = namespace_at_start(iri) if by_length else None
            if match:
                rest = iri[match.end():]
                found = done[iri] = iri if rest.startswith("//") else f"{prefixes[match.group()]}:{rest}"
        return found

    return compact


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as JSON-LD to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_text(Path(path), serialize(kg, base_iri))
