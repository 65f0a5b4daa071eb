"""The JSON text of every edge's evidence, made once for the exporters that write it.

Most of the ``json``, ``graphml`` and ``html`` files is evidence: a list of ``{"doc",
"start", "end", "text", "cue"}`` dicts per edge, a sentence each, and the same item often
stands under several edges (every pair of names in one sentence has it). :func:`evidence_json`
writes each distinct item once, in the two layouts those files use, and joins each edge's
list from the items; in a :meth:`graph.kg.KnowledgeGraph.frozen` block the result is kept
for all the exporters (:meth:`graph.kg.KnowledgeGraph.frozen_memo`).
"""

from __future__ import annotations

from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, NamedTuple

from graph.kg import KnowledgeGraph

#: The values of an evidence item, by its keys in sorted order: cue, doc, end, start, text.
_VALUES = itemgetter("cue", "doc", "end", "start", "text")


class EvidenceJson(NamedTuple):
    """The JSON text of one edge's evidence list, as ``json.dumps(evidence, ensure_ascii=False,
    sort_keys=True)`` writes it: ``compact`` with ``separators=(",", ":")``, ``spaced`` with
    the default separators."""

    compact: str
    spaced: str


def evidence_json(kg: KnowledgeGraph) -> list[EvidenceJson | None]:
    """Return, per edge of ``kg.edges()`` in that order, the :class:`EvidenceJson` of its
    ``evidence`` attribute, or None where it has none or it is not :func:`plain` (a writer
    then encodes it itself). Kept for a :meth:`~graph.kg.KnowledgeGraph.frozen` block."""
    return kg.frozen_memo("evidence_json", _evidence_json)


def _evidence_json(kg: KnowledgeGraph) -> list[EvidenceJson | None]:
    """Return :func:`evidence_json` of ``kg``, made now: each distinct list and item written once."""
    lists: dict[tuple[tuple[Any, ...], ...], EvidenceJson] = {}  # a list's items' values -> its text
    items: dict[tuple[Any, ...], tuple[str, str]] = {}  # an item's values -> its two texts
    texts: list[EvidenceJson | None] = []
    for _head, _tail, _key, data in kg.edges():
        values = plain(data.get("evidence"))
        if values is None:
            texts.append(None)
            continue
        text = lists.get(values)
        if text is None:
            text = lists[values] = _list_json(values, items)
        texts.append(text)
    return texts


def _list_json(values: tuple[tuple[Any, ...], ...], items: dict[tuple[Any, ...], tuple[str, str]]) -> EvidenceJson:
    """Return the :class:`EvidenceJson` of a list of items given by their values (as
    :func:`plain` gives them), taking each item's texts from ``items`` or adding them there."""
    pairs = []
    for value in values:
        pair = items.get(value)
        if pair is None:
            pair = items[value] = item_texts(*value)
        pairs.append(pair)
    return EvidenceJson("[" + ",".join([pair[0] for pair in pairs]) + "]",
                        "[" + ", ".join([pair[1] for pair in pairs]) + "]")


def plain(evidence: Any) -> tuple[tuple[Any, ...], ...] | None:
    """Return the values of each item of ``evidence`` (cue, doc, end, start, text), or None
    unless it is a list of dicts holding exactly those five keys, with values of exactly the
    types ``str``, ``str``, ``int``, ``int``, ``str`` (so equal values give equal text)."""
    if type(evidence) is not list:
        return None
    values = []
    for item in evidence:
        if type(item) is not dict or len(item) != 5:
            return None
        try:
            value = _VALUES(item)
        except KeyError:
            return None
        cue, doc, end, start, text = value
        if not (type(cue) is str and type(doc) is str and type(end) is int and type(start) is int
                and type(text) is str):
            return None
        values.append(value)
    return tuple(values)


def item_texts(cue: str, doc: str, end: int, start: int, text: str) -> tuple[str, str]:
    """Return the compact and the spaced JSON text of one evidence item, keys sorted (the
    arguments of exactly the types named)."""
    cue, doc, text = encode_basestring(cue), encode_basestring(doc), encode_basestring(text)
    return (f'{{"cue":{cue},"doc":{doc},"end":{end},"start":{start},"text":{text}}}',
            f'{{"cue": {cue}, "doc": {doc}, "end": {end}, "start": {start}, "text": {text}}}')
