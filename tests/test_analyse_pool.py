"""``--jobs N``'s per-document stage: this process analyses documents too, beside a pool."""

from __future__ import annotations

import pickle

from graph import pipeline
from graph.lexicon import load_lexicon
from graph.model import Document

#: Invented sentences with names of every type, so every document has mentions to compare.
_SENTENCES = (
    "星澜科技有限公司在甲乙区投资建设禾丰新材料产业园项目。",
    "丙丁县发改委牵头推进沐禾大道改造工程，总投资3.5亿元。",
    "戊己市自然资源局与辰星集团签约，共建云栖数字小镇。",
)


def _documents(count: int) -> list[Document]:
    """Return ``count`` invented documents, each a different mix of the sentences."""
    return [Document(f"d{i:03d}.txt", "".join(_SENTENCES[(i + k) % 3] for k in range(1 + i % 3)) + f"第{i}号。")
            for i in range(count)]


def test_this_process_and_the_pool_each_analyse_some_and_all_once() -> None:
    docs = _documents(40)
    lexicon = load_lexicon()
    todo = list(range(40))
    seen = list(pipeline._analyse_pooled(docs, todo, lexicon, None, jobs=2))
    assert sorted(i for i, _ in seen) == todo, "a document analysed twice or not at all"
    here = [i for i, result in seen if not isinstance(result, bytes)]
    assert here and len(here) < len(todo), "this process or the pool took no document"
    for i, result in seen:
        found = pickle.loads(result) if isinstance(result, bytes) else result
        assert found == pipeline.analyse(docs[i], lexicon)


def test_progress_counts_every_document_with_a_pool() -> None:
    docs = _documents(12)
    counts: dict[str, int] = {}

    def progress(stage: str, n: int) -> None:
        counts[stage] = counts.get(stage, 0) + n

    assert pipeline.extract(docs, jobs=2, progress=progress) == pipeline.extract(docs)
    assert counts["recognize"] == len(docs)
