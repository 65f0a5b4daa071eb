"""Shared fixtures: a small hand-made extraction, independent of the extractor; a copy of the seeds."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from graph.kg import KnowledgeGraph
from graph.model import Document, Entity, Evidence, Extraction, Mention, Relation

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SMALL_TEXT = (
    "示范区发改委牵头推进创基智谷项目，总投资30亿元。"
    "焦作卓立膜材料股份有限公司位于文昌街道。"
    "区发改委指导帮助卓立申报项目。"
)


def _mention(doc: Document, surface: str, type_: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(surface, start + 1)
    return Mention(doc.id, start, start + len(surface), surface, type_, "fixture")


def small_extraction() -> Extraction:
    """Return a three-sentence extraction with one entity of each core type and three relations."""
    doc = Document(id="small.txt", text=SMALL_TEXT, title="示范区发改委", date="2022-09-19")
    s1 = (0, SMALL_TEXT.index("。") + 1)
    s2 = (s1[1], SMALL_TEXT.index("。", s1[1]) + 1)
    s3 = (s2[1], len(SMALL_TEXT))
    dept = Entity(
        id="Department/示范区发改委", type="Department", name="示范区发改委", aliases=("区发改委",),
        mentions=(_mention(doc, "示范区发改委", "Department"), _mention(doc, "区发改委", "Department", 1)),
    )
    proj = Entity(
        id="Project/创基智谷项目", type="Project", name="创基智谷项目",
        mentions=(_mention(doc, "创基智谷项目", "Project"),),
        attributes=(("investment_yuan", Decimal("3000000000")), ("status", "在建")),
    )
    comp = Entity(
        id="Company/焦作卓立膜材料股份有限公司", type="Company", name="焦作卓立膜材料股份有限公司",
        aliases=("卓立",),
        mentions=(_mention(doc, "焦作卓立膜材料股份有限公司", "Company"), _mention(doc, "卓立", "Company", 1)),
    )
    place = Entity(
        id="Place/文昌街道", type="Place", name="文昌街道",
        mentions=(_mention(doc, "文昌街道", "Place"),),
    )
    relations = (
        Relation("coOccurs", dept.id, proj.id, (Evidence(doc.id, *s1, ""),)),
        Relation("locatedIn", comp.id, place.id, (Evidence(doc.id, *s2, "位于"),)),
        Relation("manages", dept.id, proj.id, (Evidence(doc.id, *s1, "牵头推进"),)),
        Relation("supports", dept.id, comp.id, (Evidence(doc.id, *s3, "指导帮助"),)),
    )
    return Extraction(
        documents=(doc,),
        entities=tuple(sorted((dept, proj, comp, place), key=lambda e: e.id)),
        relations=relations,
    )


@pytest.fixture
def small_kg() -> KnowledgeGraph:
    """A KnowledgeGraph of :func:`small_extraction`."""
    return KnowledgeGraph.build(small_extraction())


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed articles, free to edit."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder
