"""Sentences and tokens keep offsets into the untouched document."""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.model import Document
from graph.segment import sentences, tokens

if TYPE_CHECKING:  # pragma: no cover
    import jieba


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
    code = "import graph.segment as s, graph.pipeline, sys; print(s._tables.cache_info().currsize, 'jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0 False"


def _jieba_words(text: str, hmm: bool = True) -> list[str]:
    """The words of jieba's own ``tokenize`` on a fresh tokenizer over the same dictionary."""
    return [word for word, _, _ in _reference().tokenize(text, HMM=hmm)]


@lru_cache(maxsize=1)
def _reference() -> "jieba.Tokenizer":
    """jieba's tokenizer with the words the tables add (built once for the module)."""
    from graph.segment import reference_tokenizer

    return reference_tokenizer()


def _texts() -> list[str]:
    """Every line of the seeds and the test data, and random strings of Chinese, Latin and punctuation."""
    import random
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    lines = [line for path in sorted((root / "seeds").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    alphabet = "示范区发改委推进年产万吨新材料项目的了和与在焦作市温县城乡一体化abcXYZ0123456789.%-+#&_ ，。、“”（）\n\t"
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    return lines


def test_the_fast_cut_gives_exactly_jiebas_words() -> None:
    from graph.segment import _cut

    for text in _texts():
        assert _cut(text) == _jieba_words(text), text
        assert _cut(text, hmm=False) == _jieba_words(text, hmm=False), text


def test_the_tag_table_is_jieba_s_own_plus_the_body_names() -> None:
    import jieba
    import jieba.posseg

    from graph.segment import _body_names, _tables

    fresh = jieba.Tokenizer()
    fresh.initialize()
    reference = jieba.posseg.POSTokenizer(fresh).word_tag_tab
    tags = _tables().tags
    assert {w: t for w, t in tags.items() if w in reference} == reference
    assert {w: t for w, t in tags.items() if w not in reference} == {
        w: "nt" for w in _body_names() if w not in reference}
