"""The ids of an article's areas do not depend on which articles a run related before it."""

from __future__ import annotations

import itertools

from graph.lexicon import load_lexicon
from graph.model import Entity
from graph.pipeline import PlaceKeys, _area_ids
from graph.resolve import DocContext

PLACES = [Entity(f"Place/{name}", "Place", name) for name in ("河南省", "洛阳市", "许昌市", "高新区", "许昌高新区", "建安区")]
CONTEXTS = [
    DocContext(),
    DocContext(province="河南省", district="高新区"),
    DocContext(province="河南省", city="洛阳市", district="高新区"),
    DocContext(province="河南省", city="许昌市", district="高新区"),
    DocContext(city="许昌市", district="建安区"),
]


def test_area_ids_are_the_same_in_any_order() -> None:
    lexicon = load_lexicon()
    alone = {ctx: _area_ids(ctx, PLACES, lexicon, PlaceKeys()) for ctx in CONTEXTS}
    assert alone[CONTEXTS[2]]["区"] == "Place/高新区", "the bare zone word is the zone of the article's city"
    assert alone[CONTEXTS[3]]["区"] == "Place/许昌高新区"
    assert alone[CONTEXTS[1]]["区"] == "Place/高新区", "with no city, a zone word is itself"
    for order in itertools.permutations(CONTEXTS):
        memo = PlaceKeys()
        assert {ctx: _area_ids(ctx, PLACES, lexicon, memo) for ctx in order} == alone
