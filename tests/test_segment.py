"""Sentences and tokens keep offsets into the untouched document."""

from __future__ import annotations

import subprocess
import sys

from graph.model import Document
from graph.segment import sentences, tokens


def test_sentences_are_views_that_slice_back_to_the_text() -> None:
    doc = Document("d", "  标题一行\r\n第一句话。第二句“引语。”第三句！\n\n最后")
    found = [s.text(doc) for s in sentences(doc)]
    assert found == ["标题一行", "第一句话。", "第二句“引语。”", "第三句！", "最后"]
    for s in sentences(doc):
        assert doc.text[s.start : s.end] == s.text(doc)


def test_tokens_cover_the_text_with_offsets() -> None:
    text = "洛阳市发改委推进年产5万吨新材料项目。"
    toks = tokens(text, offset=100)
    assert "".join(t.word for t in toks) == text
    for tok in toks:
        assert text[tok.start - 100 : tok.end - 100] == tok.word
    assert any(t.flag == "m" for t in toks)


def test_the_tokenizer_is_not_built_at_import() -> None:
    code = "import graph.segment as s, graph.pipeline; print(s._tokenizer.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
