"""The seed corpus end to end: counts, quality floors, determinism, committed exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import cli, corpus
from graph.evaluate import load_gold, score
from graph.export import FILE_NAMES
from graph.kg import KnowledgeGraph
from graph.model import CORE_TYPES, Extraction
from graph.pipeline import extract, to_schema

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPORTS = ROOT / "exports"

#: Floors measured on the seeds; they only ever rise.
ENTITY_F1_FLOORS = {"Department": 0.965, "Company": 0.90, "Project": 0.90, "Place": 0.905}
MENTION_F1_FLOOR = 0.92
RELATION_F1_FLOOR = 0.87
#: Every relation type the gold holds (issue 4 asks 0.5 of each).
RELATION_TYPE_F1_FLOOR = 0.80
INVESTMENT_ACCURACY_FLOOR = 0.99
YEAR_ACCURACY_FLOOR = 0.99
STATUS_ACCURACY_FLOOR = 0.885
#: All project attributes together (issue 4 asks 0.9).
ATTRIBUTE_ACCURACY_FLOOR = 0.91


@pytest.fixture(scope="module")
def seeds() -> Extraction:
    return extract(corpus.load([SEEDS]))


def test_at_least_ten_entities_of_each_core_type(seeds: Extraction) -> None:
    kg = KnowledgeGraph.build(seeds)
    for type_ in CORE_TYPES:
        assert len(list(kg.entities(type_))) >= 10, type_


def test_every_mention_slices_to_its_surface(seeds: Extraction) -> None:
    texts = {d.id: d.text for d in seeds.documents}
    for ent in seeds.entities:
        for m in ent.mentions:
            assert texts[m.doc_id][m.start : m.end] == m.surface


def test_scores_against_gold_stay_above_the_floors(seeds: Extraction) -> None:
    gold = load_gold(ROOT / "tests" / "gold")
    report = score({o["doc"]: o for o in to_schema(seeds)}, gold)
    for type_, floor in ENTITY_F1_FLOORS.items():
        assert report.entities[type_].f1 >= floor, type_
    assert report.mentions["core"].f1 >= MENTION_F1_FLOOR
    assert report.relations["all"].f1 >= RELATION_F1_FLOOR
    for row in report.relations.rows:
        if row.gold:
            assert row.f1 >= RELATION_TYPE_F1_FLOOR, row.label
    assert report.attribute("investment_yuan").accuracy >= INVESTMENT_ACCURACY_FLOOR
    assert report.attribute("year").accuracy >= YEAR_ACCURACY_FLOOR
    assert report.attribute("status").accuracy >= STATUS_ACCURACY_FLOOR
    assert report.attribute("all").accuracy >= ATTRIBUTE_ACCURACY_FLOOR


def test_build_is_byte_identical_and_the_committed_exports_are_current(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert cli.main(["build", str(SEEDS), "--out", str(first)]) == 0
    assert cli.main(["build", str(SEEDS), "--out", str(second)]) == 0
    for name in FILE_NAMES.values():
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        committed = EXPORTS / name
        assert committed.exists(), f"exports/{name} is missing: run `kg build seeds/ --out exports/`"
        assert committed.read_bytes() == (first / name).read_bytes(), (
            f"exports/{name} is stale: run `kg build seeds/ --out exports/` and commit"
        )
