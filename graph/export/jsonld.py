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
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # what json.dumps(..., ensure_ascii=False) writes a str with
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.export.atomic import write_text
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, RdfText, Term, shared_rdf, split_tail
from graph.vocab import DEFAULT_BASE_IRI

_NT_RDF_TYPE = ("<" + PREFIXES["rdf"] + "type>").encode("utf-8")
_XSD_STRING = PREFIXES["xsd"] + "string"
#: A value of a node's property: its sort key (:func:`_value_order`) and its JSON text.
Entry = tuple[tuple[Any, ...], str]
_BY_ORDER = itemgetter(0)


def serialize(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, co_occurs: bool = True) -> str:
    """Return ``kg`` as JSON-LD text with instance IRIs under ``base_iri``.

    ``co_occurs=False`` leaves the ``coOccurs`` edges out.
    """
    return jsonld_text(shared_rdf(kg, base_iri, co_occurs=co_occurs), base_iri)


def jsonld_text(rdf: RdfText, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Return the triples of ``rdf`` (:func:`graph.rdf.rdf_text`) as JSON-LD text whose context
    is :data:`graph.rdf.PREFIXES` and ``id:`` (``base_iri``), ending in a newline.

    The text is what ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` writes for the
    context and for each node object, one node per line (the layout of
    :func:`graph.jsontext.dumps_by_line`), but each distinct key and value is written once
    and a node's line is joined from those pieces.
    """
    context = dict(sorted({**PREFIXES, "id": base_iri}.items()))
    writer = _NodeWriter(_compactor(context), rdf.term)
    nodes = [writer.node(subject, pairs) for subject, pairs in rdf.subjects]
    nodes.sort(key=_BY_ORDER)
    head = '{"@context": ' + json.dumps(context, ensure_ascii=False, sort_keys=True) + ",\n"
    if not nodes:
        return head + '"@graph": []}\n'
    return head + '"@graph": [\n' + ",\n".join([text for _, text in nodes]) + "\n]}\n"


class _NodeWriter:
    """Writes node objects as JSON text, remembering the text of every key and value it wrote."""

    def __init__(self, compact: Callable[[str], str], term: Callable[[bytes], Term]) -> None:
        """Take the IRI compactor of the document's context (:func:`_compactor`) and the
        function giving the :data:`graph.rdf.Term` of an object's N-Triples text."""
        self.compact = compact
        self.term = term
        self.keys: dict[bytes, str] = {}  # <predicate> -> its key in a node (a compact IRI)
        self.values: dict[bytes, Entry] = {}  # object text -> its entry under a property
        self.tails: dict[bytes, tuple[str, Entry]] = {}  # b"<predicate> object" -> key and entry
        self.heads: dict[str, str] = {}  # key -> the text opening its array

    def node(self, subject: bytes, tails: Iterable[bytes]) -> tuple[str, str]:
        """Return the IRI and the node object of ``subject`` (``<iri>``) made from its triples
        (the ``<predicate> object`` text after the subject, in UTF-8, as
        :class:`graph.rdf.RdfText` holds them), the node as one line of JSON: ``@id``, then
        each property (``@type`` first) with its values in :func:`_value_order`."""
        known = self.tails
        properties: dict[str, list[Entry]] = {}
        for tail in tails:
            key, entry = known.get(tail) or self._tail(tail)
            entries = properties.get(key)
            if entries is None:
                properties[key] = [entry]
            else:
                entries.append(entry)
        iri = subject[1:-1].decode("utf-8")
        # "@id" sorts first: "@type" follows it, and every other key is a compact or absolute
        # IRI, which starts with a letter
        parts = ['{"@id": ' + encode_basestring(self.compact(iri))]
        heads = self.heads
        for key in sorted(properties):
            entries = properties[key]
            head = heads.get(key) or self._head(key)
            if len(entries) == 1:
                parts.append(head + entries[0][1] + "]")
            else:
                entries.sort(key=_BY_ORDER)
                parts.append(head + ", ".join([text for _, text in entries]) + "]")
        return iri, ", ".join(parts) + "}"

    def _tail(self, tail: bytes) -> tuple[str, Entry]:
        """Return (and remember) the key and the entry of one triple's ``<predicate> object``
        text: ``@type`` and the compact class for an ``rdf:type`` IRI, else the predicate's
        key and the object's entry."""
        predicate, obj = split_tail(tail)
        if predicate == _NT_RDF_TYPE and obj.startswith(b"<"):
            name = self.compact(obj[1:-1].decode("utf-8"))
            found = self.tails[tail] = ("@type", ((0, name), encode_basestring(name)))
        else:
            key = self.keys.get(predicate) or self._key(predicate)
            found = self.tails[tail] = (key, self.values.get(obj) or self._value_entry(obj))
        return found

    def _head(self, key: str) -> str:
        """Return (and remember) the JSON text that opens the array of property ``key``: ``"key": [``."""
        head = self.heads[key] = encode_basestring(key) + ": ["
        return head

    def _key(self, predicate: bytes) -> str:
        """Return (and remember) the key of ``predicate`` (``<iri>``) in a node: its compact IRI."""
        key = self.keys[predicate] = self.compact(predicate[1:-1].decode("utf-8"))
        return key

    def _value_entry(self, obj: bytes) -> Entry:
        """Return (and remember) the entry of the RDF object ``obj`` (N-Triples text): ``(``
        :func:`_value_order` ``, JSON text)`` of its JSON-LD value (``{"@id"}``, a string, or
        ``{"@value", …}``)."""
        value = _value(self.term(obj), self.compact)
        entry = self.values[obj] = (_value_order(value), _value_json(value))
        return entry


def _value_json(value: dict[str, str] | str) -> str:
    """Return the JSON text of a JSON-LD value (a string or a dict of strings), keys sorted,
    as ``json.dumps(value, ensure_ascii=False, sort_keys=True)`` writes it."""
    if isinstance(value, str):
        return encode_basestring(value)
    items = [encode_basestring(key) + ": " + encode_basestring(value[key]) for key in sorted(value)]
    return "{" + ", ".join(items) + "}"


def _compactor(context: dict[str, str]) -> Callable[[str], str]:
    """Return a function writing an IRI as ``prefix:rest`` under the longest matching namespace
    of ``context``, else in full. A rest that starts with ``//`` would read as an absolute IRI,
    so it stays in full. It remembers every IRI it has written.
    """
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))
    done: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = done.get(iri)
        if found is None:
            found = done[iri] = iri
            for prefix, namespace in by_length:
                if iri.startswith(namespace):
                    rest = iri[len(namespace):]
                    found = done[iri] = iri if rest.startswith("//") else f"{prefix}:{rest}"
                    break
        return found

    return compact


def _value(obj: Term, compact: Callable[[str], str]) -> dict[str, str] | str:
    """Return an RDF object as a JSON-LD value: ``{"@id"}``, a string, or ``{"@value", …}``."""
    kind, value, language, datatype = obj
    if kind == "I":
        return {"@id": compact(value)}
    if language:
        return {"@value": value, "@language": language}
    if datatype == _XSD_STRING:
        return value
    return {"@value": value, "@type": compact(datatype)}


def _value_order(value: dict[str, str] | str) -> tuple[Any, ...]:
    """Return a sort key for a JSON-LD value: a string, an ``{"@id"}`` or a ``{"@value", …}``."""
    if isinstance(value, str):
        return (0, value)
    return (1, *sorted(value.items()))


def export(kg: KnowledgeGraph, path: Path, *, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``kg`` as JSON-LD to ``path`` atomically, instance IRIs under ``base_iri``; return ``path``."""
    return write_text(Path(path), serialize(kg, base_iri))
