"""KnowledgeGraph.frozen: the same rows in the same order, sorted once, and nothing left behind."""

from __future__ import annotations

import pytest

from graph.kg import KnowledgeGraph
from tests.conftest import small_extraction


def test_frozen_rows_are_the_unfrozen_rows() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    entities, edges = list(kg.entities()), list(kg.edges())
    stated, places = list(kg.edges(co_occurs=False)), list(kg.entities("Place"))
    with kg.frozen() as same:
        assert same is kg
        assert list(kg.entities()) == entities and list(kg.edges()) == edges
        assert list(kg.edges(co_occurs=False)) == stated and list(kg.entities("Place")) == places
        with kg.frozen():
            assert list(kg.edges()) == edges
        assert "_frozen_rows" in kg.__dict__, "an inner block leaves the outer one's rows"
    assert "_frozen_rows" not in kg.__dict__


def test_the_rows_are_forgotten_after_an_error_and_changes_show_again() -> None:
    kg = KnowledgeGraph.build(small_extraction())
    with pytest.raises(RuntimeError), kg.frozen():
        raise RuntimeError
    kg.G.add_node("Place/新地方", type="Place", label="新地方", aliases=[], mentions=1, documents=[])
    assert "Place/新地方" in dict(kg.entities())
