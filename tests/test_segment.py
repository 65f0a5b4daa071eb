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
    lines += [RANDOM_MARK + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(5000)]
    return lines


#: Opens each random string of :func:`_texts` (after the real lines).
RANDOM_MARK = "随机"


def _differences(ours: list[str], theirs: list[str]) -> list[tuple[list[str], list[str]]]:
    """Return the spans where two cuts of one text differ, as (our words, jieba's words)."""
    import difflib

    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return [(ours[i1:i2], theirs[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def test_the_cut_gives_jiebas_words() -> None:
    """jieba-rs cuts as jieba does: exactly on every line of the seeds and the test data; on
    random strings too, but for routes of equal score through the same words in another
    order (乡|乡乡 against 乡乡|乡), where jieba-rs keeps the other one."""
    from graph.segment import _cut

    lines = _texts()
    random_from = next(i for i, line in enumerate(lines) if line.startswith(RANDOM_MARK))
    ties = 0
    for i, text in enumerate(lines):
        for hmm in (True, False):
            ours, theirs = _cut(text, hmm), _jieba_words(text, hmm)
            if i < random_from:
                assert ours == theirs, text
            for mine, jiebas in _differences(ours, theirs):
                assert sorted(mine) == sorted(jiebas), (text, mine, jiebas)
                ties += 1
    assert ties < 5, "ties are rare"


def test_runs_of_latin_letters_and_digits_split_as_jieba_splits_them() -> None:
    from graph.segment import _cut

    for text in ("甲乙a9-6丙丁", "型号4.X9的", "增长3.5%以上", "S312省道", "2023-2025年"):
        assert _cut(text) == _jieba_words(text), text


def test_joined_words_are_split_as_the_plain_scan_of_every_word_splits_them() -> None:
    import random

    from graph.segment import _JOINED_BY_SYMBOL, _LATIN_RUNS, _segmenter, _split_joined, _tables

    def plain(words: list[str]) -> list[str]:
        freq = _tables().freq
        return [part for word in words
                for part in (_LATIN_RUNS.split(word) if len(word) > 1 and not freq.get(word)
                             and _JOINED_BY_SYMBOL.search(word) else (word,)) if part]

    rng = random.Random(23)
    alphabet = "示范区年产万吨项目的甲乙丙abcXYZ0123456789.%-+#&_ ，。、（）\n"
    texts = ["甲乙a9-6丙丁", "型号4.X9的", "增长3.5%以上", "S312省道", "2023-2025年", "C++与C#", "a.b.c-1_2&3"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(5000)]
    split = 0
    for text in texts:
        for hmm in (True, False):
            words = _segmenter().cut(text, hmm)
            expected = plain(words)
            assert _split_joined(list(words), text) == expected, text
            split += expected != words
    assert split > 100


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
