"""Incremental builds: the relate stage's cache, and cached builds after an article is added,
removed or changed, equal builds from scratch (extractions and export bytes)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph import cli, corpus, pipeline
from graph.cache import RELATED_DIR, ResultCache
from graph.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: An article that shares no name with the seeds.
UNRELATED = "甘肃省兰州市城关区召开会议。\n兰州宏远新材料有限公司投资建设兰州新材料产业园项目。\n"


@pytest.fixture
def related(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the documents the relate stage runs on, in this process."""
    calls: list[str] = []
    real = pipeline.relate_document

    def counting(result, *args):  # type: ignore[no-untyped-def]
        calls.append(result.doc.id)
        return real(result, *args)

    monkeypatch.setattr(pipeline, "relate_document", counting)
    return calls


def test_a_second_extraction_relates_nothing_again(tmp_path: Path, related: list[str]) -> None:
    docs = corpus.load([SEEDS])
    first = pipeline.extract(docs, cache=ResultCache(tmp_path))
    assert sorted(related) == sorted(d.id for d in docs)
    assert len(list((tmp_path / RELATED_DIR).glob("*.pkl"))) == len(docs)
    related.clear()
    cache = ResultCache(tmp_path)
    assert pipeline.extract(docs, cache=cache) == first == pipeline.extract(docs)
    assert (cache.related_hits, cache.related_misses) == (len(docs), 0)
    assert "relations: 5 reused, 0 found" in cache.stats()


def test_an_unrelated_article_relates_only_itself(seeds_copy: Path, tmp_path: Path, related: list[str]) -> None:
    pipeline.extract(corpus.load([seeds_copy]), cache=ResultCache(tmp_path))
    (seeds_copy / "zz_new.txt").write_text(UNRELATED, encoding="utf-8")
    docs = corpus.load([seeds_copy])
    related.clear()
    cached = pipeline.extract(docs, cache=ResultCache(tmp_path))
    assert related == ["zz_new.txt"]
    assert cached == pipeline.extract(docs)


@pytest.mark.parametrize("edit", ["add", "remove", "change", "rename-entity"])
def test_cached_extraction_after_an_edit_equals_a_fresh_one(seeds_copy: Path, tmp_path: Path, edit: str) -> None:
    pipeline.extract(corpus.load([seeds_copy]), cache=ResultCache(tmp_path))
    victim = sorted(seeds_copy.glob("*.txt"))[1]
    if edit == "add":
        (seeds_copy / "new.txt").write_text(victim.read_text(encoding="utf-8").replace("焦作", "洛阳"),
                                            encoding="utf-8")
    elif edit == "remove":
        victim.unlink()
    elif edit == "change":
        victim.write_text(victim.read_text(encoding="utf-8") + "\n示范区发改委牵头推进创基智谷项目。\n",
                          encoding="utf-8")
    else:  # a longer name of an entity elsewhere: other documents' mentions get a new entity id
        (seeds_copy / "new.txt").write_text("示范区发改委联合焦作中轴集团股份有限公司推进项目。\n", encoding="utf-8")
    docs = corpus.load([seeds_copy])
    cache = ResultCache(tmp_path)
    assert pipeline.extract(docs, cache=cache) == pipeline.extract(docs)
    assert cache.related_hits > 0


def test_the_relate_key_follows_the_ids_and_areas() -> None:
    lexicon = load_lexicon()
    doc = corpus.load([SEEDS])[0]
    cache = ResultCache("unused")
    key = cache.relate_key(doc, lexicon, ["Place/甲", "Company/乙"], {"市": "Place/甲"})
    assert key == cache.relate_key(doc, lexicon, ["Place/甲", "Company/乙"], {"市": "Place/甲"})
    assert key != cache.relate_key(doc, lexicon, ["Place/甲", "Company/乙'"], {"市": "Place/甲"})
    assert key != cache.relate_key(doc, lexicon, ["Place/甲", "Company/乙"], {"区": "Place/甲"})
    assert key != cache.relate_key(doc, lexicon, ["Place/甲", "Company/乙"], {})
    assert key != cache.relate_key(dataclasses.replace(doc, text=doc.text + "。"), lexicon,
                                   ["Place/甲", "Company/乙"], {"市": "Place/甲"})
    assert key != cache.relate_key(doc, dataclasses.replace(lexicon, version="another"),
                                   ["Place/甲", "Company/乙"], {"市": "Place/甲"})


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_corrupt_relate_entry_is_related_again(tmp_path: Path, damage: bytes, related: list[str]) -> None:
    docs = corpus.load([SEEDS])
    expected = pipeline.extract(docs, cache=ResultCache(tmp_path))
    victims = sorted((tmp_path / RELATED_DIR).glob("*.pkl"))
    victims[0].write_bytes(damage)
    related.clear()
    cache = ResultCache(tmp_path)
    assert pipeline.extract(docs, cache=cache) == expected
    assert len(related) == 1 and (cache.related_hits, cache.related_misses) == (len(docs) - 1, 1)


def _exports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cached_builds_after_add_and_remove_equal_builds_from_scratch(seeds_copy: Path, tmp_path: Path,
                                                                      jobs: str) -> None:
    out = tmp_path / "out"
    build = ["build", str(seeds_copy), "--out", str(out), "--jobs", jobs]
    assert cli.main(build) == 0
    new = seeds_copy / "new.txt"
    new.write_text(sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").replace("焦作", "洛阳"),
                   encoding="utf-8")
    for step in ("added", "removed"):
        assert cli.main(build) == 0
        fresh = tmp_path / f"fresh-{step}"
        assert cli.main(["build", str(seeds_copy), "--out", str(fresh), "--no-cache", "--jobs", jobs]) == 0
        assert _exports(out) == _exports(fresh), step
        new.unlink(missing_ok=True)


def test_exports_are_flushed_to_disk_and_cache_entries_are_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from graph.export import atomic

    flushed: list[int] = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (flushed.append(fd), real(fd)))
    atomic.write_bytes(tmp_path / "export.txt", b"x")
    assert len(flushed) == 1
    docs = corpus.load([SEEDS])[:1]
    pipeline.extract(docs, cache=ResultCache(tmp_path / "cache"))
    assert len(flushed) == 1 and len(list((tmp_path / "cache").rglob("*.pkl"))) == 2
