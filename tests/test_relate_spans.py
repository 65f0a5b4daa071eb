"""The span index of :mod:`graph.relate` answers as a pass over all the mentions would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.relate import Resolved, _Spans

TYPES = ("Place", "Project", "Company", "Department")


@st.composite
def mentions(draw: st.DrawFn) -> list[Resolved]:
    """Random mentions over a short text: spans, types and nesting."""
    result = []
    for i in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, 40))
        end = start + draw(st.integers(1, 12))
        result.append(Resolved(start, end, f"e{i}", draw(st.sampled_from(TYPES)), draw(st.booleans()), "甲"))
    return result


@given(mentions(), st.integers(0, 50), st.integers(1, 10))
def test_holding_is_every_span_around(resolved: list[Resolved], start: int, length: int) -> None:
    end = start + length
    expected = [r for r in resolved if r.start <= start and end <= r.end]
    assert _Spans(resolved).holding(start, end) == expected


@given(mentions())
def test_place_chains_as_a_scan_finds_them(resolved: list[Resolved]) -> None:
    spans = _Spans(resolved)
    for place in resolved:
        start = place.start
        while (before := next((r.start for r in resolved if r.type == "Place" and r.nested and r.end == start),
                              None)) is not None:
            start = before
        assert spans.place_chain_start(place) == start
        follows = any(r.type == "Place" and r.nested and r.start == place.end for r in resolved)
        assert spans.more_specific_place_follows(place) == follows
