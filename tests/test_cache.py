"""The per-document cache: reuse, invalidation by content, lexicon and code, corrupt entries, identical output."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph import cli, corpus, pipeline
from graph.cache import DEFAULT_DIR_NAME, ResultCache, code_version
from graph.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the documents the per-document stages run on: the ids, in order."""
    calls: list[str] = []
    real = pipeline.analyse

    def counting(doc, lexicon, timings=None):  # type: ignore[no-untyped-def]
        calls.append(doc.id)
        return real(doc, lexicon, timings)

    monkeypatch.setattr(pipeline, "analyse", counting)
    return calls


def test_a_second_extraction_reuses_every_document(tmp_path: Path, analysed: list[str]) -> None:
    docs = corpus.load([SEEDS])
    cache = ResultCache(tmp_path / "cache")
    first = pipeline.extract(docs, cache=cache)
    assert len(analysed) == len(docs) and (cache.hits, cache.misses) == (0, len(docs))
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == len(docs)
    analysed.clear()
    again = ResultCache(tmp_path / "cache")
    second = pipeline.extract(docs, cache=again)
    assert analysed == [] and (again.hits, again.misses, again.errors) == (len(docs), 0, 0)
    assert second == first == pipeline.extract(docs)


def test_changing_one_document_re_extracts_only_that_one(seeds_copy: Path, tmp_path: Path,
                                                         analysed: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    pipeline.extract(corpus.load([seeds_copy]), cache=ResultCache(cache_dir))
    changed = sorted(seeds_copy.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n焦作卓立膜材料股份有限公司位于文昌街道。\n",
                       encoding="utf-8")
    (seeds_copy / "new.txt").write_text("示范区发改委牵头推进创基智谷项目，总投资30亿元。\n", encoding="utf-8")
    analysed.clear()
    docs = corpus.load([seeds_copy])
    cache = ResultCache(cache_dir)
    cached = pipeline.extract(docs, cache=cache)
    assert sorted(analysed) == sorted([changed.name, "new.txt"])
    assert (cache.hits, cache.misses) == (len(docs) - 2, 2)
    assert cached == pipeline.extract(docs)


def test_a_moved_file_is_reused_with_its_new_path(seeds_copy: Path, tmp_path: Path, analysed: list[str]) -> None:
    pipeline.extract(corpus.load([SEEDS]), cache=ResultCache(tmp_path / "cache"))
    analysed.clear()
    docs = corpus.load([seeds_copy])
    extraction = pipeline.extract(docs, cache=ResultCache(tmp_path / "cache"))
    assert analysed == []
    assert [d.path for d in extraction.documents] == [d.path for d in docs]


def test_the_key_follows_text_id_lexicon_and_code() -> None:
    lexicon = load_lexicon()
    doc = corpus.load([SEEDS])[0]
    cache = ResultCache("unused")
    key = cache.key(doc, lexicon)
    assert cache.key(doc, lexicon) == key
    assert cache.key(dataclasses.replace(doc, text=doc.text + "。"), lexicon) != key
    assert cache.key(dataclasses.replace(doc, id="other.txt"), lexicon) != key
    assert cache.key(doc, dataclasses.replace(lexicon, version="another")) != key
    code_version.cache_clear()
    try:
        assert len(code_version()) == 16 and key == cache.key(doc, lexicon)
    finally:
        code_version.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, analysed: list[str], damage: bytes) -> None:
    docs = corpus.load([SEEDS])
    cache_dir = tmp_path / "cache"
    expected = pipeline.extract(docs, cache=ResultCache(cache_dir))
    victim = ResultCache(cache_dir)._path(ResultCache(cache_dir).key(docs[1], load_lexicon()))
    victim.write_bytes(damage)
    analysed.clear()
    cache = ResultCache(cache_dir)
    assert pipeline.extract(docs, cache=cache) == expected
    assert analysed == [docs[1].id] and cache.errors == 1
    fresh = ResultCache(cache_dir)
    assert fresh.get(docs[1], load_lexicon()) is not None and fresh.errors == 0


def test_an_entry_of_another_document_is_not_trusted(tmp_path: Path) -> None:
    docs = corpus.load([SEEDS])
    lexicon = load_lexicon()
    cache = ResultCache(tmp_path)
    pipeline.extract(docs[:1], cache=cache)
    wrong = cache._path(cache.key(docs[0], lexicon)).read_bytes()
    cache._path(cache.key(docs[1], lexicon)).write_bytes(wrong)
    assert cache.get(docs[1], lexicon) is None and cache.errors == 1


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    docs = corpus.load([SEEDS])[:1]
    assert pipeline.extract(docs, cache=ResultCache(blocker / "cache")) == pipeline.extract(docs)


def test_a_pool_fills_the_cache_like_one_process(tmp_path: Path) -> None:
    docs = corpus.load([SEEDS])
    pooled = pipeline.extract(docs, jobs=2, cache=ResultCache(tmp_path))
    cache = ResultCache(tmp_path)
    assert pipeline.extract(docs, cache=cache) == pooled
    assert cache.hits == len(docs)


def test_timings_name_every_stage() -> None:
    timings: dict[str, float] = {}
    pipeline.extract(corpus.load([SEEDS])[:2], timings=timings)
    assert set(timings) == {"segment", "recognize", "keys", "analyse", "resolve", "relate"}
    assert all(t >= 0 for t in timings.values())


def _exports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_caches_by_default_and_cached_exports_are_byte_identical(
        tmp_path: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["build", str(SEEDS), "--out", str(out)]) == 0
    assert len(analysed) == 5 and len(list((out / DEFAULT_DIR_NAME).glob("*.pkl"))) == 5
    cold = _exports(out)
    analysed.clear()
    capsys.readouterr()
    (out / "graph.html").unlink()  # the exports are no longer current: build again, from the cache
    assert cli.main(["build", str(SEEDS), "--out", str(out)]) == 0
    assert analysed == [] and "5 reused, 0 extracted" in capsys.readouterr().err
    assert _exports(out) == cold
    uncached = tmp_path / "uncached"
    assert cli.main(["build", str(SEEDS), "--out", str(uncached), "--no-cache"]) == 0
    assert len(analysed) == 5, "--no-cache extracts every document again"
    assert not (uncached / DEFAULT_DIR_NAME).exists()
    assert _exports(uncached) == cold


def test_cache_dir_option(tmp_path: Path, analysed: list[str]) -> None:
    cache_dir = tmp_path / "elsewhere"
    args = ["extract"]  # extract never caches
    assert cli.main([*args, str(SEEDS / "000_a895f81722c06108.txt")]) == 0
    assert cli.main(["build", str(SEEDS / "000_a895f81722c06108.txt"), "--out", str(tmp_path / "o"),
                     "--cache-dir", str(cache_dir)]) == 0
    assert len(list(cache_dir.glob("*.pkl"))) == 1 and not (tmp_path / "o" / DEFAULT_DIR_NAME).exists()
    assert cli.main(["build", str(SEEDS / "000_a895f81722c06108.txt"), "--out", str(tmp_path / "o"),
                     "--cache-dir", str(cache_dir), "--no-cache"]) == 0
    assert len(analysed) == 3


def test_an_unchanged_build_is_skipped_and_any_change_rebuilds(
        tmp_path: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (corpus / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"

    def build(*extra: str) -> tuple[bool, str]:
        """Build; return whether anything was built and the summary line."""
        analysed.clear()
        capsys.readouterr()
        assert cli.main(["build", str(corpus), "--out", str(out), *extra]) == 0
        err = capsys.readouterr().err
        return "the exports are current" not in err, err.strip().splitlines()[-1]

    built, summary = build()
    exports = _exports(out)
    assert built and summary.startswith("kg: 2 documents")
    assert build() == (False, summary) and analysed == [] and _exports(out) == exports
    (out / "graph.ttl").write_bytes(b"edited by hand")
    assert build() == (True, summary) and _exports(out) == exports, "a changed export is written again"
    assert build("--base-iri", "http://example.org/kg/")[0], "another setting"
    assert build()[0] and _exports(out) == exports
    (corpus / "new.txt").write_text("焦作市发改委推进新材料产业园项目建设。", encoding="utf-8")
    built, summary = build()
    assert built and analysed == ["new.txt"] and summary.startswith("kg: 3 documents"), "only the new article"
    assert build() == (False, summary)
    assert build("--no-cache")[0], "--no-cache always builds"
