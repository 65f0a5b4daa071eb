"""The snapshot of jieba's tables: the same tables as made from jieba, remade when unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import wordtables

ADDED = ("甲乙发展改革委", "丙丁管理委员会")


@pytest.fixture(scope="module")
def made() -> wordtables.WordTables:
    """The tables made from jieba with :data:`ADDED` (once for the module: it takes a second)."""
    return wordtables.build(ADDED)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch, made: wordtables.WordTables) -> list[tuple[str, ...]]:
    """Record the words of each making of the tables from jieba (which returns :func:`made`)."""
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(wordtables, "build", lambda added: calls.append(tuple(added)) or made)
    return calls


def test_snapshot_holds_the_tables_jieba_makes(tmp_path: Path, made: wordtables.WordTables) -> None:
    first = wordtables.load(ADDED, tmp_path)  # made and written
    assert len(list(tmp_path.glob("zhkg-words-*.marshal"))) == 1
    second = wordtables.load(ADDED, tmp_path)  # read back
    assert first == made and second == made
    assert made.tags["甲乙发展改革委"] == "nt" and made.freq["甲乙发展改革委"] > 0
    assert "甲乙发展" not in made.freq, "prefixes are no words"


def test_other_words_make_another_snapshot(tmp_path: Path, builds: list[tuple[str, ...]]) -> None:
    wordtables.load(ADDED, tmp_path)
    wordtables.load(ADDED[:1], tmp_path)
    wordtables.load(ADDED, tmp_path)  # read from its snapshot
    assert builds == [ADDED, ADDED[:1]]
    assert len(list(tmp_path.glob("zhkg-words-*.marshal"))) == 2


def test_a_torn_snapshot_is_made_again(tmp_path: Path, builds: list[tuple[str, ...]],
                                       made: wordtables.WordTables) -> None:
    wordtables.load(ADDED, tmp_path)
    (snapshot,) = tmp_path.glob("zhkg-words-*.marshal")
    size = snapshot.stat().st_size
    snapshot.write_bytes(snapshot.read_bytes()[:1000])
    assert wordtables.load(ADDED, tmp_path) == made
    assert len(builds) == 2 and snapshot.stat().st_size == size


def test_an_unwritable_folder_still_gives_the_tables(tmp_path: Path, builds: list[tuple[str, ...]],
                                                     made: wordtables.WordTables) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    assert wordtables.load(ADDED, missing) == made
    assert not missing.exists() and builds == [ADDED]
