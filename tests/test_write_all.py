"""Writing every export in one process or several: the same bytes, errors reach the caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.export import FILE_NAMES
from graph.export.atomic import OutputError
from graph.export.write_all import TASKS, write_all
from graph.kg import KnowledgeGraph


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_every_format_is_in_exactly_one_task() -> None:
    names = [name for task in TASKS for name in task]
    assert sorted(names) == sorted(FILE_NAMES) and len(names) == len(set(names))


def test_two_processes_write_the_same_bytes_in_the_same_order(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    seen: list[str] = []
    one = write_all(small_kg, tmp_path / "one", jobs=1)
    two = write_all(small_kg, tmp_path / "two", base_iri=None, jobs=2, on_written=lambda p: seen.append(p.name))
    assert [p.name for p in one] == [p.name for p in two] == seen == list(FILE_NAMES.values())
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_base_iri_reaches_the_workers(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_all(small_kg, tmp_path, base_iri="http://example.org/kg/", jobs=2)
    assert b"<http://example.org/kg/Place/" in (tmp_path / FILE_NAMES["turtle"]).read_bytes()
    assert b"https://zhkg.dev/id/" not in (tmp_path / FILE_NAMES["ntriples"]).read_bytes()


def test_an_error_in_a_worker_reaches_the_caller(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    (tmp_path / FILE_NAMES["html"]).mkdir()  # a folder where the page should go
    with pytest.raises(OutputError, match=FILE_NAMES["html"]):
        write_all(small_kg, tmp_path, jobs=2)
