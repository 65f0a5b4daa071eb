"""Corpus loading: encodings, offsets, titles and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import corpus
from graph.corpus import CorpusError

TEXT = "示范区发改委\r\n\r\n新乡市宏达机械有限公司位于牧野区。"


@pytest.mark.parametrize(
    "encoded",
    [TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("gb18030"), TEXT.encode("gbk")],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk"],
)
def test_every_encoding_decodes_to_the_same_text(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    doc = corpus.read_document(path)
    assert doc.text == TEXT
    assert doc.id == "a.txt"


def test_crlf_stays_two_characters_so_offsets_hold(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    doc = corpus.read_document(path)
    start = doc.text.index("新乡市")
    assert start == len("示范区发改委\r\n\r\n")
    assert doc.text[start : start + 3] == "新乡市"


def test_title_and_date_come_from_the_head() -> None:
    text = "\n编辑:张三 | 校对:李四\n\n2021年3月5日 星期五\n\n洛阳市工信局\n\n正文第一句。"
    assert corpus.find_title(text) == "洛阳市工信局"
    assert corpus.find_date(text) == "2021-03-05"
    assert corpus.find_date("没有日期。") == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x81\x30\x81", "cannot decode"),
        (b"abc\x07def", "binary"),
    ],
    ids=["empty", "blank", "png", "undecodable", "control-char"],
)
def test_bad_files_raise_one_line_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        corpus.read_document(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        corpus.load([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "image.png").write_bytes(b"x")
    with pytest.raises(CorpusError, match="no text files"):
        corpus.load([tmp_path / "empty"])


def test_folder_is_read_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("乙。", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("甲。", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("丙。", encoding="utf-8")
    docs = corpus.load([tmp_path])
    assert [d.id for d in docs] == ["a.txt", "b.txt"]


def test_two_files_with_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("甲。", encoding="utf-8")
    with pytest.raises(CorpusError, match="same name"):
        corpus.load([tmp_path / "x", tmp_path / "y"])
