"""The ``kg`` command end to end: build, extract, eval, and every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph import cli
from graph.export import FILE_NAMES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOOD = "洛阳市工信局\n\n市工信局牵头推进洛阳宏远新材料有限公司年产5万吨碳纤维项目，总投资12.5亿元。\n"


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m graph`` as a user would; return the finished process."""
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=ROOT)


def test_build_writes_the_four_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == sorted(FILE_NAMES.values())
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert "洛阳宏远新材料有限公司" in labels


def test_build_summary_counts_the_entities_of_each_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    nodes = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))["nodes"]
    types = sorted({n["type"] for n in nodes})
    expected = ", ".join(f"{t} {sum(n['type'] == t for n in nodes)}" for t in types)
    assert f"{len(nodes)} entities ({expected})" in summary


def test_extract_prints_one_schema_object_per_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    assert cli.main(["extract", str(tmp_path), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    objects = [json.loads(line) for line in lines]
    assert [o["doc"] for o in objects] == ["a.txt", "b.txt"]
    ids_a = {e["id"] for e in objects[0]["entities"]}
    assert ids_a == {e["id"] for e in objects[1]["entities"]}, "the same entity gets one id across documents"
    for obj in objects:
        for ent in obj["entities"]:
            assert {"id", "type", "name", "aliases", "mentions"} <= set(ent)
            for start, end in ent["mentions"]:
                assert GOOD[start:end] in {ent["name"], *ent["aliases"]}
        for rel in obj["relations"]:
            assert rel["evidence"] and {"type", "head", "tail"} <= set(rel)


def test_eval_prints_tables_and_misses() -> None:
    done = run_kg("eval", "seeds/", "--gold", "tests/gold/", "--misses", "3")
    assert done.returncode == 0, done.stderr
    for heading in ("entities", "mentions", "relations", "attributes", "Department", "passesThrough"):
        assert heading in done.stdout
    assert "misses" in done.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary"), (b"\x81\x30\x81", "cannot decode")],
    ids=["empty", "binary", "undecodable"],
)
def test_bad_file_gives_one_line_naming_it_and_exit_1(tmp_path: Path, content: bytes, words: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    done = run_kg("build", str(bad), "--out", str(tmp_path / "out"))
    assert done.returncode == cli.EXIT_INPUT
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr and words in done.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_missing_path_and_folder_without_text(tmp_path: Path) -> None:
    done = run_kg("extract", str(tmp_path / "missing"))
    assert done.returncode == cli.EXIT_INPUT and "no such file" in done.stderr
    done = run_kg("extract", str(tmp_path))
    assert done.returncode == cli.EXIT_INPUT and "no text files" in done.stderr


def test_unwritable_output_fails_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = run_kg("build", "seeds/", "--out", str(blocker / "out"))
    assert done.returncode == cli.EXIT_OUTPUT
    assert str(blocker / "out") in done.stderr and done.stderr.count("\n") == 1


def test_a_failing_exporter_leaves_earlier_exports_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", str(tmp_path / "a.txt"), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    import graph.export.atomic as atomic

    real_replace = atomic.os.replace

    def crash_on_html(src: str, dst: str) -> None:
        if str(dst).endswith("graph.html"):
            raise KeyboardInterrupt("killed while writing")
        real_replace(src, dst)

    (tmp_path / "a.txt").write_text(GOOD + "\n郑州市发改委支持中原科技城项目。\n", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", crash_on_html)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["build", str(tmp_path / "a.txt"), "--out", str(out)])
    assert (out / "graph.html").read_bytes() == before["graph.html"]
    assert not [p for p in out.iterdir() if p.is_file() and p.name.startswith(".")], "no temporary file is left behind"


def test_python_dash_m_graph_and_kg_are_one_command() -> None:
    done = run_kg("--help")
    assert done.returncode == 0 and "build" in done.stdout and "extract" in done.stdout
    done = run_kg("frobnicate")
    assert done.returncode == cli.EXIT_USAGE


def test_jobs_2_gives_byte_identical_exports(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli.main(["build", str(SEEDS), "--out", str(one)]) == 0
    assert cli.main(["build", str(SEEDS), "--out", str(two), "--jobs", "2"]) == 0
    for name in FILE_NAMES.values():
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_show_writes_one_entitys_neighbourhood(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert cli.main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]) == 0
    page = tmp_path / "sub.html"
    done = run_kg("show", "市工信局", "--hops", "1", "--out", str(page), "--graph", str(tmp_path / "out" / "graph.json"))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert "洛阳宏远新材料有限公司年产5万吨碳纤维项目" in html
    done = run_kg("show", "没有这个", "--out", str(page), "--graph", str(tmp_path / "out" / "graph.json"))
    assert done.returncode == cli.EXIT_INPUT and "没有这个" in done.stderr
