"""The JSON-LD exporter's text, joined from pieces, is what the old way wrote: a dict per node
dumped by ``json.dumps`` (one node per line); checked on invented triples with tricky strings."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any

from graph.export import jsonld
from graph.kg import KnowledgeGraph
from graph.rdf import PREFIXES, rdf_text, rdf_text_of_rows
from tests.conftest import small_extraction

_XSD = PREFIXES["xsd"]
_BASE = "https://example.org/id/"
_TRICKY = ["", "plain", 'say "hi"', "back\\slash", "line\nbreak\r\n", "tab\there", "\x00\x01\x1f\x7f",
           "\u2028\u2029", "\U0001f600", "中文“引号”", "\ufeffbom", "</script>",
           "a" * 300, "\\u0041", "\b\f"]


def _old_compactor(context: dict) -> Callable[[str], str]:
    """The previous IRI compactor: the longest namespace of ``context`` by a loop."""
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in by_length:
            if iri.startswith(namespace):
                rest = iri[len(namespace):]
                return iri if rest.startswith("//") else f"{prefix}:{rest}"
        return iri

    return compact


def _old_value(obj: tuple, compact: Callable[[str], str]) -> Any:
    kind, value, language, datatype = obj
    if kind == "I":
        return {"@id": compact(value)}
    if language:
        return {"@value": value, "@language": language}
    if datatype == _XSD + "string":
        return value
    return {"@value": value, "@type": compact(datatype)}


def _old_value_order(value: Any) -> tuple:
    if isinstance(value, str):
        return (0, value)
    return (1, *sorted(value.items()))


def _old_jsonld(rows: list, base_iri: str) -> str:
    """The previous implementation: node dicts sorted, then dumped a line each."""
    context = dict(sorted({**PREFIXES, "id": base_iri}.items()))
    compact = _old_compactor(context)
    nodes = []
    for subject, group in groupby(rows, key=itemgetter(0)):
        properties = defaultdict(list)
        for _, predicate, obj in group:
            if predicate == PREFIXES["rdf"] + "type" and obj[0] == "I":
                name = compact(obj[1])
                properties["@type"].append(((0, name), name))
            else:
                value = _old_value(obj, compact)
                properties[compact(predicate)].append((_old_value_order(value), value))
        node = {"@id": compact(subject)}
        for key, pairs in properties.items():
            pairs.sort(key=itemgetter(0))
            node[key] = [value for _, value in pairs]
        nodes.append((subject, node))
    nodes.sort(key=itemgetter(0))
    members = ['"@context": ' + json.dumps(context, ensure_ascii=False, sort_keys=True)]
    if nodes:
        items = ",\n".join(json.dumps(node, ensure_ascii=False, sort_keys=True) for _, node in nodes)
        members.append(f'"@graph": [\n{items}\n]')
    else:
        members.append('"@graph": []')
    return "{" + ",\n".join(members) + "}\n"


def _random_rows(rng: random.Random) -> list:
    """Invented triples, a subject's rows adjacent, with tricky literals and IRIs."""
    subjects = [_BASE + name for name in ("Company/甲", "Company/甲乙", "Place/a-b", "stmt/0f", "x")] + [
        "http://other.example/s", PREFIXES["zhkg"] + "Thing", _BASE + "//odd"]
    predicates = [PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "label", PREFIXES["zhkg"] + "cue",
                  PREFIXES["skos"] + "altLabel", "http://other.example/p", PREFIXES["zhkg"] + "sentence"]
    rows = []
    for subject in rng.sample(subjects, rng.randint(0, len(subjects))):
        for _ in range(rng.randint(1, 8)):
            value = rng.choice(_TRICKY)
            obj = rng.choice([
                ("I", rng.choice(subjects + [PREFIXES["zhkg"] + "Company"]), "", ""),
                ("L", value, "zh", ""), ("L", value, "en", ""), ("L", value, "", _XSD + "string"),
                ("L", value, "", _XSD + "integer"), ("L", value, "", "http://other.example/dt"),
            ])
            rows.append((subject, rng.choice(predicates), obj))
    return rows


def test_jsonld_text_is_the_old_text_on_random_triples() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        rdf = rdf_text_of_rows(_random_rows(rng))
        assert jsonld.jsonld_text(rdf, _BASE) == _old_jsonld(rdf.rows, _BASE), rdf.rows


def test_jsonld_text_of_no_triples() -> None:
    empty = rdf_text_of_rows([])
    assert jsonld.jsonld_text(empty, _BASE) == _old_jsonld([], _BASE)
    assert json.loads(jsonld.jsonld_text(empty, _BASE))["@graph"] == []


def test_jsonld_text_of_a_graph() -> None:
    rdf = rdf_text(KnowledgeGraph.build(small_extraction()))
    text = jsonld.jsonld_text(rdf)
    assert text == _old_jsonld(rdf.rows, "https://zhkg.dev/id/")
    assert len(json.loads(text)["@graph"]) > 5


def test_compactor_takes_the_longest_namespace() -> None:
    context = {"a": "http://e.org/", "b": "http://e.org/x/", "c": "http://e.org/x/", "d": "urn:", "e": "http://e.org/x"}
    new, old = jsonld._compactor(context), _old_compactor(context)
    for iri in ["http://e.org/x/y", "http://e.org/xy", "http://e.org//z", "http://e.org/x//", "urn:a",
                "http://f.org/", "http://e.org/", "http://e.org/x", "", "http://e.org/x/"]:
        assert new(iri) == old(iri), iri
    assert new("http://e.org/x/y") == "b:y"
