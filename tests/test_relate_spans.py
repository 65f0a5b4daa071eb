"""The span index and the cue automaton of :mod:`graph.relate` answer as plain passes would."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from graph.lexicon import Lexicon, load_lexicon
from graph.model import Sentence
from graph.relate import Resolved, _cue_positions, _sentence_of, _Spans

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


def _cue_positions_plain(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, str, str]]:
    """Every cue row's matches, row by row in the lexicon's order, sorted as the relate stage reads them."""
    found = [(m.start(), m.end(), rel, cue, direction)
             for rel, cue, direction in lexicon.cues if cue in text
             for m in re.finditer(re.escape(cue), text)]
    return sorted(found, key=lambda c: (c[0], -(c[1] - c[0]), c[2]))


@st.composite
def cue_texts(draw: st.DrawFn) -> str:
    """Random text of the lexicon's cue words (overlapping, repeated, shared by two relations)
    and other characters."""
    cues = sorted({cue for _rel, cue, _direction in load_lexicon().cues})
    parts = st.one_of(st.sampled_from(cues), st.sampled_from(["甲乙", "项目", "，", "在", "总", "建"]),
                      st.text(alphabet="投资建设合作位于实施服务总额", max_size=4))
    return "".join(draw(st.lists(parts, max_size=15)))


@given(cue_texts())
def test_cue_positions_as_each_cue_searched_in_turn_finds_them(text: str) -> None:
    assert _cue_positions(text, load_lexicon()) == _cue_positions_plain(text, load_lexicon())


@given(st.lists(st.integers(0, 60), min_size=1, max_size=8, unique=True), st.integers(-5, 70))
def test_sentence_of_is_the_last_sentence_starting_at_or_before(starts: list[int], offset: int) -> None:
    sentences = [Sentence("d", start, start + 1) for start in sorted(starts)]
    holding = [s for s in sentences if s.start <= offset]
    assert _sentence_of(sentences, offset) == (holding[-1] if holding else sentences[0])
