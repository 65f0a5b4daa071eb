"""Project names: variants of one, capacities listing products, numbered roads, on sentences written
for these tests (none is from the seed corpus)."""

from __future__ import annotations

import pytest

from graph.lexicon import load_lexicon
from graph.model import Document, Extraction
from graph.pipeline import extract
from graph.resolve import DocContext, name_key


def _extract(text: str) -> Extraction:
    return extract([Document("t.txt", text)])


def _projects(extraction: Extraction) -> dict[str, set[str]]:
    """Return ``{project name: its aliases}``."""
    return {e.name: set(e.aliases) for e in extraction.entities if e.type == "Project"}


def _status(extraction: Extraction, name: str) -> str | None:
    entity = next(e for e in extraction.entities if e.name == name)
    return dict(entity.attributes).get("status")  # type: ignore[return-value]


def test_a_highway_and_its_short_form_are_one_name() -> None:
    lexicon = load_lexicon()
    assert name_key("宁洛高速公路", "Project", DocContext(), lexicon)[0] == \
        name_key("宁洛高速", "Project", DocContext(), lexicon)[0]


def test_a_road_named_bare_is_the_one_section_the_article_names() -> None:
    found = _extract(
        "宁洛高速宜昌至荆州段项目全长120公里，是省重点项目。\n"
        "今年以来，宁洛高速公路加快建设，完成投资20亿元。\n")
    projects = _projects(found)
    assert projects == {"宁洛高速宜昌至荆州段项目": {"宁洛高速公路"}}
    assert _status(found, "宁洛高速宜昌至荆州段项目") == "在建"


def test_a_road_with_two_sections_named_stays_apart_from_both() -> None:
    projects = _projects(_extract(
        "宁洛高速宜昌至荆州段项目和宁洛高速荆州至岳阳段项目同步推进。\n"
        "宁洛高速加快建设。\n"))
    assert {"宁洛高速宜昌至荆州段项目", "宁洛高速荆州至岳阳段项目"} <= set(projects)
    assert all("宁洛高速" not in aliases for aliases in projects.values())


@pytest.mark.parametrize("joiner", ["及", "和"])
def test_a_capacity_listing_its_products_is_one_enumerated_project(joiner: str) -> None:
    name = f"恒远铜业二期5万吨铜{joiner}铜合金"
    found = _extract(f"2025年，{name}等一批项目建成投产，全市工业投资增长8%。")
    assert name in _projects(found)
    assert f"铜合金" not in _projects(found)
    assert _status(found, name) == "投产"
    companies = {e.name for e in found.entities if e.type == "Company"}
    assert "恒远铜业" in companies  # the brand before the phase, not "恒远铜业二期"


def test_a_numbered_road_being_built_is_a_project_and_a_plain_road_word_is_not() -> None:
    found = _extract("基础设施项目2个，分别是省道312旅游公路和龙翔快速路，全县农村公路完成改造。")
    projects = set(_projects(found))
    assert {"省道312旅游公路", "龙翔快速路"} <= projects
    assert not any("农村公路" in name for name in projects)
    assert "省道" not in {e.name for e in found.entities if e.type == "Company"}  # a road's class, no brand


def test_a_project_named_with_its_company_in_full_or_by_brand_is_one() -> None:
    lexicon = load_lexicon()
    full = name_key("许昌恒远新材料科技有限公司高端铜箔项目", "Project", DocContext(), lexicon)
    short = name_key("恒远高端铜箔项目", "Project", DocContext(), lexicon)
    assert full[0] == short[0]
    assert full[1] == "abbreviation"
    other = name_key("许昌恒远新材料科技有限公司光伏玻璃项目", "Project", DocContext(), lexicon)
    assert other[0] != short[0]


def test_a_zone_kind_in_full_and_short_is_one_place() -> None:
    found = _extract("宜宾经济技术开发区召开大会。宜宾经开区今年签约项目12个，经开区管委会表示将优化服务。")
    places = {e.name: set(e.aliases) for e in found.entities if e.type == "Place"}
    zone = next(name for name in places if name.endswith("开发区"))
    assert {"宜宾经开区", "经开区"} <= places[zone] | {zone}
    assert not any(name.endswith("经开区") for name in places if name != zone)


def test_one_city_s_zone_and_projects_are_not_another_city_s() -> None:
    found = extract([
        Document("a.txt", "宜宾市经开区召开大会。宜宾经济技术开发区人才公寓项目开工，经开区管委会表示将做好服务。"),
        Document("b.txt", "绵阳市经开区召开大会。绵阳经济技术开发区人才公寓项目开工，经开区管委会表示将做好服务。"),
        Document("c.txt", "宜宾市召开大会。经开区人才公寓项目建成，经开区管委会表示将做好服务。"),
    ])
    def docs_of(type_: str, word: str) -> list[set[str]]:
        return [{m.doc_id for m in e.mentions} for e in found.entities if e.type == type_ and word in e.name]
    assert sorted(map(sorted, docs_of("Place", "开发区") + docs_of("Place", "经开区"))) == [["a.txt", "c.txt"], ["b.txt"]]
    assert sorted(map(sorted, docs_of("Project", "人才公寓"))) == [["a.txt", "c.txt"], ["b.txt"]]
    assert sorted(map(sorted, docs_of("Department", "管委会"))) == [["a.txt", "c.txt"], ["b.txt"]]


def test_a_key_reads_only_the_context_it_declares() -> None:
    from graph.resolve import context_used

    lexicon = load_lexicon()
    names = {
        "Place": ["示范区", "经济技术开发区", "宜宾经开区", "武陟", "孟津区", "伏牛山区", "甲乙区"],
        "Project": ["人才公寓项目", "宜宾市人才公寓", "沿江高速公路", "甲乙科技有限公司丙项目"],
        "Company": ["焦作卓立膜材料股份有限公司", "瑞丰"],
        "Department": ["区发改委", "市委", "管委会", "示范区发改委", "孟津区农业农村局"],
    }
    contexts = [DocContext(), DocContext("河南省", "焦作市", "示范区"), DocContext("四川省", "宜宾市", "翠屏区"),
                DocContext("河南省", "洛阳市", "孟津县")]
    for type_, group in names.items():
        for name in group:
            for ctx in contexts:
                used = context_used(name, type_, ctx, lexicon)
                assert name_key(name, type_, used, lexicon) == name_key(name, type_, ctx, lexicon), (name, ctx)
