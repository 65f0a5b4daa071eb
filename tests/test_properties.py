"""Properties that hold for any input, tested with hypothesis over random and mutated Chinese text.

- every mention's offsets slice to its surface text;
- every relation's ends are entities, and its evidence lies inside its document;
- every export parses (Turtle in rdflib and pyoxigraph, N-Triples, JSON-LD, JSON, GraphML);
- the HTML page holds none of the input's ``<``-containing text unescaped.

The strategies and checks here are shared with ``fuzz/fuzz_pipeline.py``, which runs them at
scale for a bounded time, outside the normal test run.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import export
from graph.kg import KnowledgeGraph
from graph.model import Document, Extraction
from graph.pipeline import extract

#: rdflib's JSON-LD parser warns about its own use of ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent

#: Pieces of local-government news: places, departments, companies, projects, cues, amounts.
FRAGMENTS: tuple[str, ...] = (
    "河南省", "洛阳市", "郑州市", "新乡市", "偃师区", "牧野区", "示范区", "文昌街道", "高新区", "县",
    "发改委", "工信局", "住建局", "管委会", "人民政府", "市发改委", "区工信局", "示范区管委会",
    "宏远新材料有限公司", "卓立膜材料股份有限公司", "科技有限公司", "建设集团", "中原银行", "公司",
    "碳纤维项目", "产业园项目", "创基智谷项目", "高速公路", "一期工程", "年产5万吨", "项目",
    "牵头推进", "投资建设", "位于", "支持", "合作", "途经", "签约", "开工", "竣工投产", "指导帮助",
    "总投资", "12.5亿元", "3000万元", "2023年", "2022年9月19日", "记者", "编辑：张三",
    "与", "和", "、", "的", "在", "是", "将", "由", "对",
)
#: Noise a scraper leaves: punctuation, line ends, full-width forms, emoji, HTML, odd characters.
NOISE: tuple[str, ...] = (
    "。", "，", "；", "！", "？", "：", "“", "”", "《", "》", "（", "）", "、", "…", "——",
    "\n", "\r\n", "\r", "\n\n", "\t", " ", "\u3000", "\f", "\v",
    "１２．５", "０", "ＡＢＣ", "％", "＃",
    "😀", "🏭", "👍🏽", "\u200b", "\ufeff", "\u2028", "\u2029", "\ufffd", "\ufffe", "\uffff",
    "<script>alert(1)</script>", "</script>", "<!--", "-->", "<img src=x onerror=alert(1)>", "<b>", "</b>",
    "<p>", "<br/>", "&nbsp;", "&amp;", "&lt;", "&#x6D1B;", "\"", "'", "\\", ">", "<", "&", "]]>", "{{DATA}}",
    "@prefix", "<http://x/>", "_:b0", "^^", "\"\"\"", "#", "%", "$",
)
#: Control characters the corpus accepts in a text file (others make it a binary file).
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def corpus_text(text: str) -> str:
    """Return ``text`` as :func:`graph.corpus.decode` would accept it: no other control
    characters, not blank (``示范区`` is added to a blank text)."""
    text = "".join(c for c in text if c in _ALLOWED_CONTROLS or unicodedata.category(c) != "Cc")
    return text if text.strip() else text + "示范区"


_cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4)
fragments = st.one_of(
    st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.sampled_from(NOISE), _cjk,
    st.text(min_size=1, max_size=3),
)
#: A random text built from news fragments, noise and random characters.
random_texts = st.lists(fragments, min_size=1, max_size=40).map("".join).map(corpus_text)


@lru_cache(maxsize=1)
def seed_lines() -> tuple[str, ...]:
    """Return the non-trivial lines of the seed articles, to mutate."""
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if len(line) >= 20)
    return tuple(lines)


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    """A few seed lines, with fragments inserted, spans deleted and spans duplicated."""
    lines = seed_lines()
    picks = draw(st.lists(st.integers(0, len(lines) - 1), min_size=1, max_size=3))
    text = "\n".join(lines[i][:300] for i in picks)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("insert", "delete", "duplicate")))
        if op == "insert":
            text = text[:at] + draw(fragments) + text[at:]
        else:
            span = draw(st.integers(1, 12))
            text = text[:at] + (text[at : at + span] if op == "duplicate" else "") + text[at + span :]
    return corpus_text(text)


texts = st.one_of(random_texts, mutated_texts())
#: One to three documents, each a random or mutated text.
corpora = st.lists(texts, min_size=1, max_size=3).map(
    lambda ts: [Document(id=f"d{i}.txt", text=t, title="", path="") for i, t in enumerate(ts)]
)


#: Characters that trigger a known, reported bug, left out of the export checks until it is
#: fixed: the graphml exporter writes U+FFFE and U+FFFF (not allowed in XML) as they are, so
#: ``networkx.read_graphml`` cannot read the file (see ``test_graphml_survives_noncharacters``).
KNOWN_BAD_FOR_EXPORT = "\ufffe\uffff"


def without_known_bugs(docs: list[Document]) -> list[Document]:
    """Return ``docs`` with the characters of :data:`KNOWN_BAD_FOR_EXPORT` removed from their text."""
    table = {ord(c): None for c in KNOWN_BAD_FOR_EXPORT}
    return [Document(id=d.id, text=corpus_text(d.text.translate(table)), title=d.title, date=d.date) for d in docs]


# ---------------------------------------------------------------- the checks


def check_extraction(docs: list[Document], extraction: Extraction) -> None:
    """Assert the offset and reference invariants of ``extraction`` over ``docs``."""
    text = {d.id: d.text for d in docs}
    assert [d.id for d in extraction.documents] == sorted(text)
    ids = {e.id for e in extraction.entities}
    assert len(ids) == len(extraction.entities), "entity ids are unique"
    for ent in extraction.entities:
        assert ent.mentions, f"{ent.id} has no mention"
        for m in ent.mentions:
            assert m.doc_id in text
            assert 0 <= m.start < m.end <= len(text[m.doc_id]), m
            assert text[m.doc_id][m.start : m.end] == m.surface, m
            assert m.type == ent.type, m
    for rel in extraction.relations:
        assert rel.head in ids and rel.tail in ids, rel
        assert rel.evidence, rel
        for ev in rel.evidence:
            assert ev.doc_id in text, ev
            assert 0 <= ev.start < ev.end <= len(text[ev.doc_id]), ev


def _input_tags(texts: list[str]) -> set[str]:
    """Return the ``<``-containing pieces of ``texts``: ``<`` with what follows up to ``>``, a line end or 40 characters."""
    found: set[str] = set()
    for text in texts:
        found.update(m.group(0) for m in re.finditer(r"<[^<>\r\n]{0,40}>?", text))
    return {t for t in found if len(t) > 1}


@lru_cache(maxsize=1)
def _base_page() -> str:
    """Return the page of an empty graph: what the template and inlined assets hold by themselves."""
    with tempfile.TemporaryDirectory() as tmp:
        kg = KnowledgeGraph.build(Extraction((), (), ()))
        return export.get("html")(kg, Path(tmp) / "graph.html").read_text(encoding="utf-8")


def check_exports(docs: list[Document], extraction: Extraction, folder: Path) -> None:
    """Write every export of ``extraction`` into ``folder`` and assert each parses and is safe."""
    import networkx as nx
    import pyoxigraph
    import rdflib

    kg = KnowledgeGraph.build(extraction)
    paths = {name: export.get(name)(kg, folder / f"out.{name}") for name in sorted(export.EXPORTERS)}
    triples = len(rdflib.Graph().parse(paths["turtle"], format="turtle"))
    store = pyoxigraph.Store()
    store.load(path=str(paths["turtle"]), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == triples, "rdflib and pyoxigraph read the same Turtle"
    if "ntriples" in paths:
        assert len(rdflib.Graph().parse(paths["ntriples"], format="nt")) == triples
    if "jsonld" in paths:
        assert len(rdflib.Graph().parse(paths["jsonld"], format="json-ld")) == triples
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert len(data["nodes"]) == kg.G.number_of_nodes()
    g = nx.read_graphml(paths["graphml"])
    assert g.number_of_nodes() == kg.G.number_of_nodes()
    assert {d.get("label") for _, d in g.nodes(data=True)} == {d["label"] for _, d in kg.G.nodes(data=True)}
    check_page(paths["html"].read_text(encoding="utf-8"), [d.text for d in docs])


def check_page(page: str, texts: list[str]) -> None:
    """Assert ``page`` holds no ``<``-containing text of ``texts`` beyond what the bare page holds."""
    base = _base_page()
    match = re.search(r'<script type="application/json" id="zhkg-data">(.*?)</script>', page, re.DOTALL)
    assert match, "the data element is intact"
    assert not set("<>&\u2028\u2029") & set(match.group(1)), "the embedded data is escaped"
    json.loads(match.group(1))
    for tag in _input_tags(texts):
        assert page.count(tag) == base.count(tag), f"{tag!r} from the input is in the page unescaped"
    for needle in ("<script", "</script", "<!--", "<img"):
        assert page.lower().count(needle) == base.lower().count(needle), needle


# ---------------------------------------------------------------- the tests

_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(_SETTINGS, max_examples=80)
@given(corpora)
def test_offsets_slice_and_relations_point_at_entities(docs: list[Document]) -> None:
    check_extraction(docs, extract(docs))


@settings(_SETTINGS, max_examples=40)
@given(corpora)
def test_every_export_parses_and_the_page_is_safe(docs: list[Document]) -> None:
    docs = without_known_bugs(docs)
    extraction = extract(docs)
    with tempfile.TemporaryDirectory() as tmp:
        check_exports(docs, extraction, Path(tmp))


@settings(_SETTINGS, max_examples=30)
@given(st.permutations(range(3)), st.lists(texts, min_size=3, max_size=3))
def test_document_order_does_not_change_the_exports(order: list[int], bodies: list[str]) -> None:
    docs = without_known_bugs([Document(id=f"d{i}.txt", text=t) for i, t in enumerate(bodies)])
    kg_a = KnowledgeGraph.build(extract(docs))
    kg_b = KnowledgeGraph.build(extract([docs[i] for i in order]))
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("turtle", "json", "graphml"):
            a = export.get(name)(kg_a, Path(tmp) / f"a.{name}").read_bytes()
            b = export.get(name)(kg_b, Path(tmp) / f"b.{name}").read_bytes()
            assert a == b, name


@pytest.mark.parametrize("char", ["\uffff", "\ufffe"])
def test_graphml_survives_noncharacters(char: str, tmp_path: Path) -> None:
    import networkx as nx

    docs = [Document(id="d0.txt", text=f"市发改委支持卓立膜材料股份有限公司发展{char}。")]
    kg = KnowledgeGraph.build(extract(docs))
    nx.read_graphml(export.get("graphml")(kg, tmp_path / "graph.graphml"))
