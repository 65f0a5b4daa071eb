"""Tests for graph.evaluate: the gold against itself, and small hand-built cases with known counts."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import graph.evaluate
from graph.evaluate import Miss, Report, format_report, load_gold, name_key, report_to_dict, score

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SEED_DIR = ROOT / "seeds"


def ent(id_, type_, name, aliases=(), mentions=(), attributes=None):
    obj = {"id": id_, "type": type_, "name": name, "aliases": list(aliases),
           "mentions": [list(m) for m in mentions]}
    if attributes is not None:
        obj["attributes"] = attributes
    return obj


def rel(type_, head, tail):
    return {"type": type_, "head": head, "tail": tail, "evidence": [[0, 1]]}


def doc(entities=(), relations=(), doc_id="d.txt"):
    return {"doc": doc_id, "entities": list(entities), "relations": list(relations)}


def one(gold_doc, pred_doc, **kw) -> Report:
    return score({"d.txt": pred_doc}, {"d.txt": gold_doc}, **kw)


def counts(row):
    return (row.gold, row.predicted, row.correct)


def misses(report, kind, error=None):
    return [(m.type, m.text) if kind != "mention" else (m.type, m.start, m.end)
            for m in report.misses if m.kind == kind and (error is None or m.error == error)]


# ---------------------------------------------------------------------------------------------
# The gold files


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD_DIR)


def test_load_gold_has_all_seed_docs(gold):
    seeds = sorted(p.name for p in SEED_DIR.glob("*.txt"))
    assert len(seeds) == 5
    assert list(gold) == seeds
    for doc_id, obj in gold.items():
        assert obj["doc"] == doc_id
        assert obj["entities"] and obj["relations"]


def test_load_gold_single_file_and_duplicates(tmp_path):
    line = json.dumps(doc(doc_id="x.txt"), ensure_ascii=False)
    (tmp_path / "a.jsonl").write_text(line + "\n\n", encoding="utf-8")
    assert list(load_gold(tmp_path / "a.jsonl")) == ["x.txt"]
    (tmp_path / "b.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.txt already given"):
        load_gold(tmp_path)


def test_gold_against_itself_is_perfect(gold):
    texts = {d: (SEED_DIR / d).read_bytes().decode("utf-8") for d in gold}
    report = score(gold, gold, texts=texts)
    for table in (report.entities, report.mentions, report.relations):
        assert table.rows, table.kind
        for row in table:
            assert row.gold == row.predicted == row.correct > 0, (table.kind, row)
            assert row.precision == row.recall == row.f1 == 1.0
    assert {r.label for r in report.entities.rows} == {
        "Department", "Company", "Project", "Place", "Person", "Organization"}
    assert [r.label for r in report.entities.totals] == ["core", "all"]
    assert [r.label for r in report.relations.totals] == ["all"]
    assert report.attribute("all").gold > 0
    for row in report.attributes:
        assert row.accuracy == 1.0
    assert report.misses == ()
    assert report.documents == tuple(gold)
    assert report.unscored == ()


# ---------------------------------------------------------------------------------------------
# Entities


def test_missing_and_extra_entity():
    gold_doc = doc([ent("g1", "Company", "中建七局"), ent("g2", "Company", "碧桂园")])
    pred_doc = doc([ent("p1", "Company", "中建七局"), ent("p2", "Place", "焦作市")])
    report = one(gold_doc, pred_doc)
    company = report.entities["Company"]
    assert counts(company) == (2, 1, 1)
    assert (company.precision, company.recall) == (1.0, 0.5)
    assert company.f1 == pytest.approx(2 / 3)
    assert counts(report.entities["Place"]) == (0, 1, 0)
    assert report.entities["Place"].precision == 0.0
    assert counts(report.entities["all"]) == (2, 2, 1)
    assert counts(report.entities["core"]) == (2, 2, 1)
    assert misses(report, "entity", "fn") == [("Company", "碧桂园")]
    assert misses(report, "entity", "fp") == [("Place", "焦作市")]
    with pytest.raises(KeyError, match="Project"):
        report.entities["Project"]


def test_alias_matches_either_side():
    gold_doc = doc([ent("g1", "Department", "示范区发改委", aliases=["区发改委"]),
                    ent("g2", "Company", "焦作卓立膜材料股份有限公司", aliases=["卓立"])])
    pred_doc = doc([ent("p1", "Department", "区发改委"),
                    ent("p2", "Company", "卓立", aliases=["河南卓立膜材料股份有限公司", "卓立"])])
    report = one(gold_doc, pred_doc)
    assert counts(report.entities["all"]) == (2, 2, 2)
    assert report.misses == ()


@pytest.mark.parametrize("gold_name, pred_name", [
    ("蒙牛乳业（焦作）有限公司", "蒙牛乳业(焦作)有限公司"),
    ("新\n\n思源", "新思源"),
    ("“三十工程”", "三十工程"),
    ("《焦作日报》", "焦作日报"),
    ("ＡＢＣ公司", "ABC公司"),
    ("天宝 Zhengxuan 项目", "天宝Zhengxuan项目"),
])
def test_width_space_and_quote_folding(gold_name, pred_name):
    report = one(doc([ent("g", "Company", gold_name)]), doc([ent("p", "Company", pred_name)]))
    assert counts(report.entities["Company"]) == (1, 1, 1)


def test_name_key_is_not_nfkc():
    assert name_key("（焦作）") == "(焦作)"
    assert name_key("①") == "①"  # NFKC would make this "1"
    assert name_key("「科瑞森」") == "科瑞森"


def test_wrong_type_is_a_miss_and_an_extra():
    report = one(doc([ent("g", "Company", "卓立")]), doc([ent("p", "Place", "卓立")]))
    assert counts(report.entities["Company"]) == (1, 0, 0)
    assert counts(report.entities["Place"]) == (0, 1, 0)
    assert counts(report.entities["all"]) == (1, 1, 0)
    assert misses(report, "entity") == [("Company", "卓立"), ("Place", "卓立")]


def test_matching_is_one_to_one_and_prefers_canonical():
    # Two predictions share the alias 蒙牛; the one whose canonical name equals the gold's wins,
    # the other is an extra.
    gold_doc = doc([ent("g", "Company", "蒙牛乳业(焦作)有限公司", aliases=["蒙牛"])])
    pred_doc = doc([ent("p1", "Company", "蒙牛", aliases=[]),
                    ent("p2", "Company", "蒙牛乳业（焦作）有限公司", aliases=["蒙牛"])])
    report = one(gold_doc, pred_doc)
    assert counts(report.entities["Company"]) == (1, 2, 1)
    assert misses(report, "entity", "fp") == [("Company", "蒙牛")]


def test_non_core_types_count_in_all_not_core():
    gold_doc = doc([ent("g1", "Person", "郭剑"), ent("g2", "Organization", "河南理工大学"),
                    ent("g3", "Place", "焦作市")])
    pred_doc = doc([ent("p1", "Person", "郭剑"), ent("p3", "Place", "马村区")])
    report = one(gold_doc, pred_doc)
    assert counts(report.entities["core"]) == (1, 1, 0)
    assert counts(report.entities["all"]) == (3, 2, 1)
    assert [r.label for r in report.entities.rows] == ["Place", "Person", "Organization"]


# ---------------------------------------------------------------------------------------------
# Mentions


def test_mentions_compare_spans_and_types():
    text = "焦作卓立膜材料股份有限公司位于文昌街道。"
    gold_doc = doc([ent("g1", "Company", "焦作卓立膜材料股份有限公司", mentions=[(0, 13)]),
                    ent("g2", "Place", "焦作", mentions=[]),  # nested: no mention of its own
                    ent("g3", "Place", "文昌街道", mentions=[(15, 19)])])
    pred_doc = doc([ent("p1", "Company", "焦作卓立膜材料股份有限公司", mentions=[(0, 13)]),
                    ent("p2", "Place", "焦作", mentions=[(0, 2)]),
                    ent("p3", "Department", "文昌街道", mentions=[(15, 19)])])
    report = one(gold_doc, pred_doc, texts={"d.txt": text})
    assert counts(report.mentions["Company"]) == (1, 1, 1)
    assert counts(report.mentions["Place"]) == (1, 1, 0)
    assert counts(report.mentions["Department"]) == (0, 1, 0)
    assert counts(report.mentions["all"]) == (2, 3, 1)
    assert misses(report, "mention", "fn") == [("Place", 15, 19)]
    assert misses(report, "mention", "fp") == [("Department", 15, 19), ("Place", 0, 2)]
    surfaces = {(m.error, m.type): m.text for m in report.misses if m.kind == "mention"}
    assert surfaces[("fp", "Place")] == "焦作"
    assert surfaces[("fn", "Place")] == "文昌街道"


def test_mentions_accept_extra_keys():
    gold_doc = doc([ent("g", "Place", "焦作", mentions=[(0, 2), (5, 7)])])
    pred_doc = doc([{"id": "p", "type": "Place", "name": "焦作",
                     "mentions": [[0, 2, "gazetteer:place"], {"start": 5, "end": 7, "rule": "x"}]}])
    assert counts(one(gold_doc, pred_doc).mentions["Place"]) == (2, 2, 2)


# ---------------------------------------------------------------------------------------------
# Relations


GOLD_REL = doc(
    [ent("g1", "Department", "示范区发改委"), ent("g2", "Place", "示范区"),
     ent("g3", "Company", "中山国安"), ent("g4", "Project", "河南国安公司项目"),
     ent("g5", "Company", "中建七局")],
    [rel("partOf", "g1", "g2"), rel("invests", "g3", "g4"), rel("cooperates", "g1", "g5")],
)


def pred_rel(relations):
    return doc([ent("a", "Department", "示范区发改委"), ent("b", "Place", "示范区"),
                ent("c", "Company", "中山国安"), ent("d", "Project", "河南国安公司项目"),
                ent("e", "Company", "中建七局"), ent("f", "Place", "焦作市")], relations)


def test_relations_all_found_with_reversed_cooperates():
    report = one(GOLD_REL, pred_rel([rel("partOf", "a", "b"), rel("invests", "c", "d"),
                                     rel("cooperates", "e", "a")]))
    for label in ("partOf", "invests", "cooperates", "all"):
        row = report.relations[label]
        assert row.precision == row.recall == row.f1 == 1.0, label
    assert counts(report.relations["all"]) == (3, 3, 3)


def test_reversed_invests_and_wrong_end_are_misses():
    report = one(GOLD_REL, pred_rel([rel("partOf", "a", "f"),      # wrong tail
                                     rel("invests", "d", "c"),     # reversed: direction matters
                                     rel("cooperates", "a", "e")]))
    assert counts(report.relations["partOf"]) == (1, 1, 0)
    assert counts(report.relations["invests"]) == (1, 1, 0)
    assert counts(report.relations["cooperates"]) == (1, 1, 1)
    all_ = report.relations["all"]
    assert counts(all_) == (3, 3, 1)
    assert all_.precision == all_.recall == all_.f1 == pytest.approx(1 / 3)
    assert misses(report, "relation", "fn") == [
        ("invests", "中山国安 → 河南国安公司项目"), ("partOf", "示范区发改委 → 示范区")]
    assert misses(report, "relation", "fp") == [
        ("invests", "河南国安公司项目 → 中山国安"), ("partOf", "示范区发改委 → 焦作市")]


def test_relation_needs_both_ends_found():
    # The predicted tail has the right name but the wrong type, so the end is not found.
    pred_doc = pred_rel([rel("partOf", "a", "x")])
    pred_doc["entities"].append(ent("x", "Department", "示范区"))
    pred_doc["entities"] = [e for e in pred_doc["entities"] if e["id"] != "b"]
    report = one(GOLD_REL, pred_doc)
    assert counts(report.relations["partOf"]) == (1, 1, 0)


def test_co_occurs_is_ignored_and_duplicates_count_once():
    report = one(GOLD_REL, pred_rel([rel("coOccurs", "a", "b"), rel("coOccurs", "c", "f"),
                                     rel("cooperates", "a", "e"), rel("cooperates", "e", "a")]))
    assert "coOccurs" not in {r.label for r in report.relations}
    assert counts(report.relations["cooperates"]) == (1, 1, 1)
    assert counts(report.relations["all"]) == (3, 1, 1)


# ---------------------------------------------------------------------------------------------
# Attributes


def test_attributes_right_wrong_and_missing():
    gold_doc = doc([
        ent("g1", "Project", "创基智谷项目", attributes={"investment_yuan": 3.0e9, "status": "在建"}),
        ent("g2", "Project", "河南国安公司项目",
            attributes={"investment_yuan": 5.1e8, "status": "开工", "year": 2017}),
        ent("g3", "Project", "蒙牛四期工厂项目", attributes={"status": "投产"}),  # not predicted
        ent("g4", "Company", "蒙牛", attributes={"status": "投产"}),  # not a project: ignored
    ])
    pred_doc = doc([
        ent("p1", "Project", "创基智谷项目", attributes={"investment_yuan": "3000000000", "status": "在建"}),
        ent("p2", "Project", "河南国安公司项目",
            attributes={"investment_yuan": 5.1e8 * (1 + 1e-9), "status": "在建"}),  # no year
        ent("p4", "Company", "蒙牛"),
    ])
    report = one(gold_doc, pred_doc)
    inv, status, year, all_ = report.attributes
    assert (inv.key, inv.gold, inv.correct) == ("investment_yuan", 2, 2)
    assert (status.key, status.gold, status.correct) == ("status", 3, 1)
    assert (year.key, year.gold, year.correct) == ("year", 1, 0)
    assert (all_.key, all_.gold, all_.correct) == ("all", 6, 3)
    assert all_.accuracy == 0.5
    assert misses(report, "attribute") == [
        ("status", "河南国安公司项目: gold '开工' / predicted '在建'"),
        ("status", "蒙牛四期工厂项目: gold '投产' / predicted missing"),
        ("year", "河南国安公司项目: gold 2017 / predicted missing"),
    ]


def test_investment_outside_tolerance_is_wrong():
    gold_doc = doc([ent("g", "Project", "花海广场", attributes={"investment_yuan": 1.0e8})])
    pred_doc = doc([ent("p", "Project", "花海广场", attributes={"investment_yuan": 1.0001e8})])
    assert one(gold_doc, pred_doc).attribute("investment_yuan").correct == 0


# ---------------------------------------------------------------------------------------------
# Documents


def test_gold_doc_without_prediction_and_unscored_prediction():
    gold = {"a.txt": doc([ent("g1", "Place", "焦作市", mentions=[(0, 3)])],
                         doc_id="a.txt"),
            "b.txt": doc([ent("g1", "Place", "马村区", mentions=[(0, 3)]),
                          ent("g2", "Department", "市水利局", mentions=[(4, 8)])],
                         [rel("partOf", "g2", "g1")], doc_id="b.txt")}
    predicted = {"a.txt": gold["a.txt"],
                 "z.txt": doc([ent("p", "Place", "武陟县")], doc_id="z.txt")}
    report = score(predicted, gold)
    assert report.documents == ("a.txt", "b.txt")
    assert report.unscored == ("z.txt",)
    assert counts(report.entities["all"]) == (3, 1, 1)
    assert report.entities["Department"].recall == 0.0
    assert counts(report.mentions["all"]) == (3, 1, 1)
    assert counts(report.relations["all"]) == (1, 0, 0)
    assert report.relations["all"].recall == 0.0
    # Only b.txt scored: recall 0 everywhere.
    only_b = score(predicted, {"b.txt": gold["b.txt"]})
    for table in (only_b.entities, only_b.mentions, only_b.relations):
        assert table["all"].recall == 0.0 and table["all"].f1 == 0.0
    assert {m.doc for m in only_b.misses} == {"b.txt"}


def test_inputs_are_not_changed():
    pred_doc = pred_rel([rel("partOf", "a", "b")])
    before = json.dumps(pred_doc, sort_keys=True)
    one(GOLD_REL, pred_doc)
    assert json.dumps(pred_doc, sort_keys=True) == before


# ---------------------------------------------------------------------------------------------
# Output


def test_format_report_tables_and_misses():
    report = one(GOLD_REL, pred_rel([rel("partOf", "a", "f")]))
    text = format_report(report)
    assert "type" in text and "gold  predicted  correct      P      R     F1" in text
    for title in ("entities", "mentions", "relations", "attributes"):
        assert f"\n{title}\n" in text
    assert "fn  d.txt  partOf  示范区发改委 → 示范区" in text
    assert "fp  d.txt  Place  焦作市" in text
    assert "partOf" in text and "0.000" in text and "1.000" in text
    # Deterministic.
    assert format_report(one(GOLD_REL, pred_rel([rel("partOf", "a", "f")]))) == text


def test_format_report_limits_misses():
    gold_doc = doc([ent(f"g{i}", "Company", name) for i, name in enumerate("甲乙丙丁")])
    report = one(gold_doc, doc())
    full = format_report(report)
    assert full.count("  fn  d.txt  Company  ") == 4
    limited = format_report(report, misses=2)
    assert limited.count("  fn  d.txt  Company  ") == 2
    assert "entity misses (4)" in limited and "… 2 more" in limited
    none = format_report(report, misses=False)
    assert "misses" not in none and "Company" in none


def test_report_to_dict_is_json():
    report = one(GOLD_REL, pred_rel([rel("partOf", "a", "f")]))
    data = json.loads(json.dumps(report_to_dict(report), ensure_ascii=False))
    assert data["documents"] == ["d.txt"]
    assert data["relations"]["partOf"] == {"gold": 1, "predicted": 1, "correct": 0,
                                           "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["entities"]["core"]["f1"] == pytest.approx(report.entities["core"].f1)
    assert {"kind": "relation", "error": "fn", "doc": "d.txt", "type": "partOf",
            "text": "示范区发改委 → 示范区"} in data["misses"]
    assert set(data) == {"documents", "unscored", "entities", "mentions", "relations",
                         "attributes", "misses"}


def test_report_rows_are_frozen():
    report = one(GOLD_REL, pred_rel([]))
    with pytest.raises(AttributeError):
        report.entities["all"].gold = 0  # type: ignore[misc]
    assert isinstance(report.misses[0], Miss)


def test_doctests():
    result = doctest.testmod(graph.evaluate)
    assert result.attempted > 0 and result.failed == 0
