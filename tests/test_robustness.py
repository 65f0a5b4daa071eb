"""Bad input, hostile text, determinism and interrupted builds (issue 9).

``tests/data/bad/`` holds small files of every kind a scraper produces (regenerate them with
``python tests/data/make_bad.py``); each gives either a correct graph or one error line naming
the file. The 5 MB single line and the large corpus of the kill tests are made at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import cli, corpus
from graph.export import FILE_NAMES

#: rdflib's JSON-LD parser warns about its own use of ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BAD = ROOT / "tests" / "data" / "bad"
HOSTILE_LEXICON = ROOT / "tests" / "data" / "hostile_lexicon.tsv"

#: Files that decode to the article of ``good_utf8.txt`` and must give its entities exactly.
SAME_AS_GOOD = ("good_utf8.txt", "gbk.txt", "gb18030.txt", "utf8_bom.txt", "crlf.txt", "cr.txt")
#: Other files that must give a graph: name -> (type, name) pairs it must contain.
GOOD_OTHERS: dict[str, set[tuple[str, str]]] = {
    "html.txt": {("Company", "洛阳宏远新材料有限公司"), ("Department", "洛阳市工信局")},
    "fullwidth.txt": {("Company", "洛阳宏远新材料有限公司"), ("Department", "洛阳市工信局")},
    "hostile.txt": {("Department", "市工信局"), ("Place", "郑州市")},
    "no_entity.md": set(),
}
#: Files that cannot be read: name -> words of the error.
BAD_FILES: dict[str, str] = {
    "binary.txt": "binary file",
    "blank.txt": "empty file",
    "control.txt": "binary file",
    "empty.txt": "empty file",
    "undecodable.txt": "cannot decode",
}


def test_the_committed_files_are_what_the_generator_writes() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    try:
        import make_bad
    finally:
        sys.path.pop(0)
    assert {p.name for p in BAD.iterdir()} == set(make_bad.FILES)
    for name, data in make_bad.FILES.items():
        assert (BAD / name).read_bytes() == data, f"{name} is stale: run python tests/data/make_bad.py"
    assert HOSTILE_LEXICON.read_bytes() == make_bad.HOSTILE_LEXICON.encode("utf-8")
    assert set(SAME_AS_GOOD) | set(GOOD_OTHERS) | set(BAD_FILES) == set(make_bad.FILES)
    assert sum(p.stat().st_size for p in BAD.iterdir()) < 50_000


def _extract_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    """Run ``kg extract ARGS`` in this process; return the exit code, the objects and stderr."""
    code = cli.main(["extract", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def _entities(obj: dict) -> set[tuple[str, str]]:
    return {(e["type"], e["name"]) for e in obj["entities"]}


def _check_offsets(obj: dict, text: str) -> None:
    """Every mention slices to a name of its entity; every evidence span lies in the text."""
    for ent in obj["entities"]:
        names = {ent["name"], *ent["aliases"]}
        for start, end in ent["mentions"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end] in names or text[start:end].replace("\r", "").replace("\n", "") in names
    for rel in obj["relations"]:
        for start, end in rel["evidence"]:
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("name", SAME_AS_GOOD)
def test_every_encoding_and_line_end_gives_the_same_graph(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, objects, err = _extract_json(capsys, str(BAD / name))
    assert code == 0 and err == ""
    _, reference, _ = _extract_json(capsys, str(BAD / "good_utf8.txt"))
    assert _entities(objects[0]) == _entities(reference[0])
    assert {(r["type"], r["head"], r["tail"]) for r in objects[0]["relations"]} == {
        (r["type"], r["head"], r["tail"]) for r in reference[0]["relations"]
    }
    assert objects[0]["title"] == "洛阳市工信局" and objects[0]["date"] == "2022-09-19"
    _check_offsets(objects[0], corpus.read_document(BAD / name).text)


@pytest.mark.parametrize("name", sorted(GOOD_OTHERS))
def test_html_full_width_hostile_and_empty_texts_give_a_graph(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, objects, err = _extract_json(capsys, str(BAD / name))
    assert code == 0 and err == ""
    assert GOOD_OTHERS[name] <= _entities(objects[0])
    if name == "no_entity.md":
        assert objects[0]["entities"] == [] and objects[0]["relations"] == []
    _check_offsets(objects[0], corpus.read_document(BAD / name).text)


def test_full_width_amounts_are_read() -> None:
    from graph.pipeline import extract

    extraction = extract(corpus.load([BAD / "fullwidth.txt"]))
    projects = [e for e in extraction.entities if e.type == "Project"]
    assert projects and projects[0].attrs.get("investment_yuan") == 1_250_000_000


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_alone_gives_one_error_line_and_exit_1(
    name: str, strict: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("extract", "build"):
        args = [command, str(BAD / name)] + (["--strict"] if strict else [])
        if command == "build":
            args += ["--out", str(tmp_path / "out")]
        assert cli.main(args) == cli.EXIT_INPUT
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("kg: error: ")
        assert str(BAD / name) in err and BAD_FILES[name] in err
    assert not list((tmp_path / "out").glob("graph.*"))


def test_a_5_mb_single_line_is_refused_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "市工信局牵头推进洛阳宏远新材料有限公司年产5万吨碳纤维项目，总投资12.5亿元。"
    big = tmp_path / "big.txt"
    big.write_bytes((sentence * (5_000_000 // len(sentence.encode("utf-8")) + 1)).encode("utf-8"))
    assert big.stat().st_size > 5_000_000
    shutil.copy(BAD / "good_utf8.txt", tmp_path / "good.txt")
    started = time.monotonic()
    code, objects, err = _extract_json(capsys, str(tmp_path))
    assert time.monotonic() - started < 30
    assert code == cli.EXIT_SKIPPED
    assert [o["doc"] for o in objects] == ["good.txt"]
    assert err.count("\n") == 1 and err.startswith("kg: warning: ") and str(big) in err
    assert f"at most {corpus.MAX_LINE_CHARS}" in err
    code, objects, err = _extract_json(capsys, str(tmp_path), "--strict")
    assert code == cli.EXIT_INPUT and objects == [] and err.count("\n") == 1 and str(big) in err


def test_a_mixed_folder_builds_the_good_files_and_reports_the_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert cli.main(["build", str(BAD), "--out", str(out)]) == cli.EXIT_SKIPPED
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("kg: warning: ")]
    assert len(warnings) == len(BAD_FILES)
    for name, words in BAD_FILES.items():
        assert any(str(BAD / name) in line and words in line for line in warnings), name
    assert "kg: error" not in err
    assert f"{len(BAD_FILES)} files skipped" in err.splitlines()[-1]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(FILE_NAMES.values())
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sorted(data["graph"]["documents"] if "graph" in data else data["documents"]) == sorted(
        set(SAME_AS_GOOD) | set(GOOD_OTHERS)
    )


def test_strict_stops_at_the_first_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first_bad = min(BAD_FILES)
    assert cli.main(["build", str(BAD), "--out", str(out), "--strict"]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(BAD / first_bad) in err and err.startswith("kg: error: ")
    assert not list(out.glob("graph.*"))
    code, objects, err = _extract_json(capsys, str(BAD), "--strict")
    assert code == cli.EXIT_INPUT and objects == [] and str(BAD / first_bad) in err and err.count("\n") == 1


def test_a_folder_of_bad_files_only_gives_exit_1_and_a_line_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in BAD_FILES:
        shutil.copy(BAD / name, tmp_path / name)
    code, objects, err = _extract_json(capsys, str(tmp_path))
    assert code == cli.EXIT_INPUT and objects == []
    lines = err.splitlines()
    assert len(lines) == len(BAD_FILES) and all(line.startswith("kg: error: ") for line in lines)
    assert sorted(Path(line.split(": ")[2]).name for line in lines) == sorted(BAD_FILES)


def test_a_missing_path_is_an_error_even_when_tolerant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _extract_json(capsys, str(BAD / "good_utf8.txt"), str(tmp_path / "missing.txt"))
    assert code == cli.EXIT_INPUT and "no such file" in err and err.count("\n") == 1


def test_load_tolerant_returns_documents_and_errors() -> None:
    documents, errors = corpus.load_tolerant([BAD])
    assert [d.id for d in documents] == sorted(set(SAME_AS_GOOD) | set(GOOD_OTHERS))
    assert [Path(str(e).split(": ")[0]).name for e in errors] == sorted(BAD_FILES)
    with pytest.raises(corpus.CorpusError):
        corpus.load([BAD])


# ---------------------------------------------------------------- hostile text in the page


def _input_tags(*texts: str) -> set[str]:
    """Return every ``<…>``-like substring of ``texts`` (``<`` up to the next ``>`` or a space)."""
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"<[^<>\n]{0,60}>?", text))
        found.update(re.findall(r"<[^<>\s]{1,20}", text))
    return {t for t in found if len(t) > 1}


def test_the_page_holds_no_unescaped_text_from_the_input(tmp_path: Path) -> None:
    clean, hostile = tmp_path / "clean", tmp_path / "hostile"
    assert cli.main(["build", str(BAD / "good_utf8.txt"), "--out", str(clean)]) == 0
    assert cli.main(["build", str(BAD / "hostile.txt"), str(BAD / "html.txt"), "--out", str(hostile),
                     "--lexicon", str(HOSTILE_LEXICON)]) == 0
    page = (hostile / "graph.html").read_text(encoding="utf-8")
    clean_page = (clean / "graph.html").read_text(encoding="utf-8")
    texts = [(BAD / n).read_text(encoding="utf-8") for n in ("hostile.txt", "html.txt")]
    texts.append(HOSTILE_LEXICON.read_text(encoding="utf-8"))
    tags = _input_tags(*texts)
    assert "<script>" in tags and "<img" in tags and "</script>" in tags
    for tag in tags:
        assert page.count(tag) == clean_page.count(tag), f"{tag!r} from the input is in the page unescaped"
    for marker in ("onerror=alert(1)>", "<!--注释-->", "<b>新城</b>", "&nbsp;", "&lt;b&gt;"):
        assert marker not in page
    # The data is there, escaped, and reads back exactly.
    match = re.search(r'<script type="application/json" id="zhkg-data">(.*?)</script>', page, re.DOTALL)
    assert match and "<" not in match.group(1) and ">" not in match.group(1) and "&" not in match.group(1)
    data = json.loads(match.group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert {"<script>alert('x')</script>科技有限公司", "<img src=x onerror=alert(1)>产业园项目",
            '河南"引号"建设集团有限公司', "A>B新材料有限公司", "C\\D实业有限公司", "空 格 投资有限公司",
            "😀表情科技园项目", "<b>新城</b>"} <= labels
    assert data["documents"]["hostile.txt"]["title"] == '<script>alert("标题")</script>'
    _check_exports_parse(hostile, labels)


def _check_exports_parse(out: Path, labels: set[str]) -> None:
    """Every export of ``out`` parses, and the labels survive in JSON and GraphML."""
    import networkx as nx
    import pyoxigraph
    import rdflib

    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 0
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)
    assert len(rdflib.Graph().parse(out / "graph.nt", format="nt")) == len(graph)
    assert len(rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")) > 0
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    assert labels <= literals
    g = nx.read_graphml(out / "graph.graphml")
    assert labels <= {d.get("label") for _, d in g.nodes(data=True)}
    assert labels <= {n["label"] for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]}


# ---------------------------------------------------------------- determinism


def _exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILE_NAMES.values()}


def test_the_same_files_in_another_order_or_with_two_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    names = sorted(p.name for p in SEEDS.iterdir()) + ["good_utf8.txt", "gbk.txt", "hostile.txt", "cr.txt"]
    sources = {n: (SEEDS / n if (SEEDS / n).exists() else BAD / n) for n in names}
    a, b = tmp_path / "a_first", tmp_path / "z_second"
    a.mkdir(), b.mkdir()
    for name in names:  # written in opposite orders, into folders with other names
        shutil.copy(sources[name], a / name)
    for name in reversed(names):
        shutil.copy(sources[name], b / f"{name}")
    assert cli.main(["build", str(a), "--out", str(tmp_path / "o1")]) == 0
    reversed_paths = [str(b / n) for n in reversed(names)]
    assert cli.main(["build", *reversed_paths, "--out", str(tmp_path / "o2")]) == 0
    assert cli.main(["build", str(b), "--out", str(tmp_path / "o3"), "--jobs", "2"]) == 0
    first = _exports(tmp_path / "o1")
    assert _exports(tmp_path / "o2") == first
    assert _exports(tmp_path / "o3") == first


def test_processes_with_other_hash_seeds_give_the_same_bytes(tmp_path: Path) -> None:
    """No output depends on the order Python's randomised string hashes give sets and dicts."""
    for seed in ("0", "4242"):
        done = subprocess.run([sys.executable, "-m", "graph", "build", str(SEEDS), "--out", str(tmp_path / seed),
                               "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
    assert _exports(tmp_path / "0") == _exports(tmp_path / "4242")


# ---------------------------------------------------------------- interrupted builds, unwritable output


def _big_corpus(folder: Path, copies: int) -> Path:
    """Write ``copies`` renamed copies of every seed into ``folder``; return it."""
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(SEEDS.iterdir()):
            text = seed.read_text(encoding="utf-8")
            (folder / f"{i:03d}_{seed.name}").write_text(f"第{i}期\n{text}", encoding="utf-8")
    return folder


def _previous_build(out: Path) -> dict[str, bytes]:
    assert cli.main(["build", str(BAD / "good_utf8.txt"), "--out", str(out)]) == 0
    return _exports(out)


def _start_build(corpus_dir: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus_dir), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _temp_files(out: Path) -> list[str]:
    """Return the hidden files of ``out`` but the per-document cache folder."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".zhkg-cache")


def test_a_build_killed_while_extracting_leaves_the_previous_exports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _previous_build(out)
    big = _big_corpus(tmp_path / "big", copies=40)
    proc = _start_build(big, out)
    time.sleep(2.5)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert _exports(out) == before
    assert _temp_files(out) == []


def test_a_build_killed_while_writing_leaves_whole_files_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _previous_build(out)
    big = _big_corpus(tmp_path / "big", copies=2)
    proc = _start_build(big, out)
    written = []
    for line in proc.stderr:  # the build names each export once it is in place
        written.append(line.strip())
        if line.strip().endswith(FILE_NAMES["turtle"]):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, written
    after = _exports(out)
    assert after["graph.ttl"] != before["graph.ttl"], "the first export is the new one"
    assert after["graph.html"] == before["graph.html"], "the last export is still the old one"
    for name, data in after.items():
        assert data == before[name] or name in ("graph.ttl", "graph.jsonld", "graph.nt", "ontology.ttl",
                                                "graph.graphml")
    import rdflib

    assert len(rdflib.Graph().parse(data=after["graph.ttl"].decode("utf-8"), format="turtle")) > 0
    # A stray temporary file (the write that was killed) is removed by the next build.
    (out / ".graph.json.abc123.tmp").write_bytes(b"half a fi")
    (out / ".probe.xyz").write_bytes(b"")
    (out / ".keep").write_bytes(b"not ours")
    assert cli.main(["build", str(BAD / "good_utf8.txt"), "--out", str(out)]) == 0
    assert _temp_files(out) == [".keep"]
    assert _exports(out) == before


@pytest.mark.parametrize("where", ["under-a-file", "proc"])
def test_an_unwritable_out_fails_before_reading_any_input(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if where == "proc":
        out = Path("/proc/zhkg-no-such-folder/out")
        if not Path("/proc").is_dir():
            pytest.skip("no /proc")
    else:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder", encoding="utf-8")
        out = blocker / "out"
    started = time.monotonic()
    assert cli.main(["build", str(BAD), "--out", str(out)]) == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and err.startswith("kg: error: ")
    assert "warning" not in err, "no input was read"
    assert time.monotonic() - started < 5
