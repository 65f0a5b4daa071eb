"""The recognizer, resolver and relation extractor on sentences written for these tests.

None of these sentences is from the seed corpus: the rules must hold for any city's news.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.lexicon import load_lexicon
from graph.model import Document, Extraction
from graph.pipeline import extract
from graph.recognize import recognize
from graph.relate import parse_amount
from graph.resolve import DocContext, company_brand, name_key
from graph.segment import sentences

REPORT = (
    "洛阳市工信局\n\n"
    "今年以来，市工业和信息化局牵头推进洛阳宏远新材料有限公司年产5万吨碳纤维项目，该项目总投资12.5亿元，目前已开工建设。\n"
    "市工信局指导帮助洛阳宏远新材料有限公司申报省级专精特新企业。\n"
    "郑西高速洛阳至三门峡段项目途经洛宁县、宜阳县、新安县。\n"
    "市工信局与中建三局签订战略合作协议。\n"
)


@pytest.fixture(scope="module")
def report() -> Extraction:
    doc = Document("report.txt", REPORT, title="洛阳市工信局")
    return extract([doc])


def _names(extraction: Extraction, type_: str) -> set[str]:
    return {e.name for e in extraction.entities if e.type == type_}


def _relations(extraction: Extraction) -> set[tuple[str, str, str]]:
    name = {e.id: e.name for e in extraction.entities}
    return {(r.type, name[r.head], name[r.tail]) for r in extraction.relations if r.type != "coOccurs"}


def mentions_of(text: str) -> list[tuple[str, str, bool]]:
    doc = Document("t.txt", text)
    found, _ = recognize(doc, sentences(doc), load_lexicon())
    return [(m.surface, m.type, m.nested) for m in found]


def test_company_suffix_grammar_and_offsets() -> None:
    text = "会上，南阳市恒通机械制造有限公司与许昌瑞丰股份有限公司签约。"
    found = mentions_of(text)
    assert ("南阳市恒通机械制造有限公司", "Company", False) in found
    assert ("许昌瑞丰股份有限公司", "Company", False) in found
    doc = Document("t.txt", text)
    for m in recognize(doc, sentences(doc), load_lexicon())[0]:
        assert text[m.start : m.end] == m.surface


def test_department_with_area_and_full_form_keeps_its_and() -> None:
    found = mentions_of("县发展和改革委员会组织召开会议。")
    assert ("县发展和改革委员会", "Department", False) in found


def test_common_words_ending_in_a_suffix_are_not_names() -> None:
    found = {s for s, _, _ in mentions_of("要优化产业布局，统一安排部署，广大干部要带头。")}
    assert not found & {"优化产业布局", "统一安排部署", "广大干部"}


def test_project_with_capacity_phrase_and_nested_company_brand() -> None:
    found = mentions_of("投资建设瑞丰年产8000吨特种纤维项目。")
    assert ("瑞丰年产8000吨特种纤维项目", "Project", False) in found
    assert ("瑞丰", "Company", True) in found


def test_company_inside_project_name_is_nested() -> None:
    found = mentions_of("南阳恒通机械有限公司智能装备产业园项目开工。")
    assert ("南阳恒通机械有限公司智能装备产业园项目", "Project", False) in found
    assert ("南阳恒通机械有限公司", "Company", True) in found


def test_gazetteer_places_and_zone_words() -> None:
    found = mentions_of("高新区企业落户洛阳市偃师区和孟津县。")
    names = {(s, t) for s, t, _ in found}
    assert {("洛阳市", "Place"), ("偃师区", "Place"), ("孟津县", "Place"), ("高新区", "Place")} <= names


@pytest.mark.parametrize("text, place", [
    ("新乡市城乡一体化示范区召开推进会。", "新乡市城乡一体化示范区"),
    ("《洛阳市示范区营商环境行动方案》印发。", "洛阳市示范区"),
])
def test_a_city_and_the_zone_word_after_it_are_one_place(text: str, place: str) -> None:
    places = [s for s, t, nested in mentions_of(text) if t == "Place" and not nested]
    assert places == [place]


def test_a_zone_word_heading_a_generic_phrase_is_no_place() -> None:
    found = mentions_of("力争国家高新区晋位升级,打造“三个示范区”,市长赴示范区调研。")
    places = [s for s, t, _ in found if t == "Place"]
    assert places == ["示范区"]


def test_a_province_and_a_zone_word_speak_of_all_its_zones() -> None:
    found = mentions_of("在第5届湖北开发区论坛上,为我省开发区改革提供经验,我市高新区获奖。")
    places = [s for s, t, nested in found if t == "Place" and not nested]
    assert places == ["湖北", "高新区"]


def test_a_modifier_and_a_water_suffix_are_a_common_word() -> None:
    found = mentions_of("整治沿河300米内养殖场,滨湖、白河2个社区完成改造。")
    places = {s for s, t, _ in found if t == "Place"}
    assert "白河" in places
    assert not places & {"沿河", "滨湖"}


def test_a_lone_suffix_character_is_no_place() -> None:
    found = mentions_of("加快推进浉河电子信息产业园建设。")
    assert not [s for s, t, _ in found if t == "Place" and len(s) < 2]


def test_a_city_zone_with_a_description_is_the_zone() -> None:
    lexicon = load_lexicon()
    ctx = DocContext(province="河南省", city="新乡市", district="")
    zone = name_key("示范区", "Place", ctx, lexicon)[0]
    assert name_key("新乡市城乡一体化示范区", "Place", ctx, lexicon)[0] == zone
    assert name_key("新乡市示范区", "Place", ctx, lexicon)[0] == zone


def test_a_short_division_name_that_is_a_common_word_is_not_a_place() -> None:
    assert not [s for s, t, _ in mentions_of("双方开展合作，延长产业链。") if t == "Place"]


def test_enumeration_in_brackets_after_a_company_count() -> None:
    found = mentions_of("新培育高新技术企业3家(瑞丰、恒通、泰和),带动作用明显。")
    assert {("瑞丰", "Company"), ("恒通", "Company"), ("泰和", "Company")} <= {(s, t) for s, t, _ in found}


def test_an_enumerated_firm_keeps_a_head_character_that_is_also_a_function_word() -> None:
    found = mentions_of("新增省级专精特新企业3家(天华恒泰、可盛隆、博森)。")
    companies = {s for s, t, _ in found if t == "Company"}
    assert {"天华恒泰", "可盛隆", "博森"} <= companies


def test_firms_counted_by_jia_after_any_designation() -> None:
    found = mentions_of("新认定省级工业设计中心2家(天华恒泰、洛工机械,全市共5家);省级产业园区1家(机电设计城,全市唯一)。")
    companies = {s for s, t, _ in found if t == "Company"}
    assert {"天华恒泰", "洛工机械"} <= companies
    assert not companies & {"机电设计城", "全市唯一", "全市共5家"}


@pytest.mark.parametrize("comma", ["，", ","])
def test_an_enumeration_before_deng_stops_at_a_comma_of_either_width(comma: str) -> None:
    found = mentions_of(f"道路网络逐步完善{comma}营商环境持续优化{comma}吸引了万科、龙湖等知名企业入驻。")
    companies = {s for s, t, _ in found if t == "Company"}
    assert {"万科", "龙湖"} <= companies
    assert not [name for name in companies if "完善" in name or "优化" in name]


def test_quoted_programme_names() -> None:
    found = mentions_of("扎实推进“百城建设”工程和“万人助万企”项目。")
    names = {(s, t) for s, t, _ in found}
    assert ("百城建设”工程", "Project") in names
    assert ("万人助万企", "Project") in names


def test_quoted_slogans_are_no_projects() -> None:
    found = mentions_of("全年“竣工一批”项目12个、“储备一批”项目8个,以“八大提升工程”为抓手推进“百城建设”工程。")
    projects = {s for s, t, _ in found if t == "Project"}
    assert not projects & {"竣工一批", "储备一批", "八大提升工程"}
    assert "百城建设”工程" in projects


def test_a_rank_list_after_a_district_is_no_project() -> None:
    found = mentions_of("该园区是宛城区三大专业园区之一。")
    assert not [s for s, t, _ in found if t == "Project"]
    assert ("宛城区", "Place", False) in found


def test_a_kind_of_project_is_no_project() -> None:
    found = mentions_of("着力引进强链型项目、龙头型项目和宛丰智能装备产业园项目。")
    projects = {s for s, t, _ in found if t == "Project"}
    assert "宛丰智能装备产业园项目" in projects
    assert not [name for name in projects if "型" in name]


def test_a_title_conferred_on_a_unit_is_no_project() -> None:
    found = mentions_of("该区3家单位获批2021年漯河市科普教育基地,1家单位被评为漯河市农业科普园区。")
    assert not [s for s, t, _ in found if t == "Project"]
    assert ("漯河市", "Place", False) in found


@pytest.mark.parametrize("text, name", [
    ("加快推进中德智能制造产业园建设。", "中德智能制造产业园"),
    ("东部多式物流园项目开工。", "东部多式物流园项目"),
    ("沿伏牛山高速南召至栾川段建成通车。", "沿伏牛山高速南召至栾川段"),
])
def test_a_direction_word_heading_a_project_name_stays(text: str, name: str) -> None:
    assert (name, "Project", False) in mentions_of(text)


def test_a_phase_makes_a_plain_park_one_project() -> None:
    found = mentions_of("加快推进软件信息产业园二期、智能装备产业园三期建设,电子商务产业园运营良好。")
    projects = {s for s, t, _ in found if t == "Project"}
    assert {"软件信息产业园二期", "智能装备产业园三期"} <= projects
    assert "电子商务产业园" not in projects


def test_a_phase_before_a_count_is_not_part_of_the_name() -> None:
    found = mentions_of("新乡市生物制药产业园一期6栋厂房已封顶。")
    assert ("新乡市生物制药产业园", "Project", False) in found


def test_firms_listed_before_their_count() -> None:
    found = mentions_of("今年,天华、瑞森两家公司获批省级资金,全区有两家公司获奖。")
    companies = {s for s, t, _ in found if t == "Company"}
    assert companies == {"天华", "瑞森"}


def test_a_line_or_a_park_gives_no_brand() -> None:
    found = mentions_of("沿淮高速加快建设,沿淮高速公路明年通车。农科教育基地、农科园区建设加快。")
    assert not [s for s, t, _ in found if t == "Company"]


def test_kinds_of_bank_and_group_are_no_company() -> None:
    found = mentions_of("与农发行等政策性银行以及中原银行等商业银行、大集团深化合作。")
    companies = {s for s, t, _ in found if t == "Company"}
    assert "中原银行" in companies
    assert not companies & {"政策性银行", "商业银行", "大集团"}


def test_a_listed_project_with_two_modifiers_joined_by_ji_is_one_name() -> None:
    found = mentions_of("签约项目3个(瑞森汽车零部件及智能制造产业园项目、瑞丰冷链物流园、天华新材料项目)。")
    projects = {s for s, t, _ in found if t == "Project"}
    assert {"瑞森汽车零部件及智能制造产业园项目", "瑞丰冷链物流园", "天华新材料项目"} <= projects
    assert "瑞森汽车零部件" not in projects


def test_kinds_of_undertaking_are_no_projects() -> None:
    found = mentions_of("今年城中村改造项目加快推进,3个国家PPP示范工程和瑞丰物流园项目启动。")
    projects = {s for s, t, _ in found if t == "Project"}
    assert projects == {"瑞丰物流园项目"}


@pytest.mark.parametrize("text, body", [
    ("市农业农村局则利用农闲时节抢修水渠。", "市农业农村局"),
    ("县应急局、自然资源局对矿山开展联合检查。", "自然资源局"),
])
def test_a_function_character_glued_to_a_suffix_does_not_hide_the_name(text: str, body: str) -> None:
    assert (body, "Department", False) in mentions_of(text)


def test_a_body_after_a_pronoun_keeps_its_level() -> None:
    found = mentions_of("该县教育局牵头,我市卫健委配合。")
    bodies = [s for s, t, _ in found if t == "Department"]
    assert bodies == ["县教育局", "市卫健委"]


def test_breaker_words_glued_before_a_body_are_cut_off() -> None:
    found = mentions_of("积极争取省政府将项目列入计划。")
    assert [s for s, t, _ in found if t == "Department"] == ["省政府"]


def test_a_section_named_by_city_initials() -> None:
    found = mentions_of("郑西高铁郑洛段初步设计完成,这条高速这段路很平。")
    projects = [s for s, t, _ in found if t == "Project"]
    assert projects == ["郑西高铁郑洛段"]


def test_a_name_between_two_listed_projects_is_a_project() -> None:
    found = mentions_of("今年谋划了瑞丰冷链物流园、银泰城、宛丰科技广场、加快推进、瑞森产业园,现代服务业势头良好。")
    projects = [s for s, t, _ in found if t == "Project"]
    assert "银泰城" in projects
    assert "加快推进" not in projects


@pytest.mark.parametrize("count", ["十余家", "20多家", "两家"])
def test_an_enumeration_before_deng_and_a_count_in_numerals(count: str) -> None:
    found = mentions_of(f"对全区涉气企业精准管控,宏宇、瑞森等{count}涉气重点企业完成深度治理。")
    assert {"宏宇", "瑞森"} <= {s for s, t, _ in found if t == "Company"}


def test_a_brand_and_an_industry_word_name_a_company() -> None:
    found = mentions_of("瑞昶机械产销两旺。数字科技发展迅速,智能科技园开园。")
    assert [s for s, t, _ in found if t == "Company"] == ["瑞昶机械"]


def test_a_company_name_keeps_its_line_of_business() -> None:
    found = mentions_of("洛阳图钉科技服务有限公司获批省级示范机构,积极服务有限公司发展。")
    assert [s for s, t, _ in found if t == "Company"] == ["洛阳图钉科技服务有限公司"]


def test_company_brand_from_full_name() -> None:
    lexicon = load_lexicon()
    assert company_brand("洛阳宏远新材料有限公司", lexicon) == "宏远"
    assert company_brand("许昌瑞丰股份有限公司", lexicon) == "瑞丰"


def test_resolution_ladder_keys() -> None:
    lexicon = load_lexicon()
    ctx = DocContext(province="河南省", city="洛阳市", district="伊滨区")
    assert name_key("区发改委", "Department", ctx, lexicon)[0] == name_key("伊滨区发展和改革委员会", "Department", ctx, lexicon)[0]
    assert name_key("市委", "Department", ctx, lexicon)[0] == "Department:洛阳市委"
    assert name_key("孟津", "Place", ctx, lexicon)[0] == name_key("孟津县", "Place", ctx, lexicon)[0]
    assert name_key("智慧港项目", "Project", ctx, lexicon)[0] == name_key("洛阳智慧港", "Project", ctx, lexicon)[0]
    assert name_key("蒙古包（洛阳）有限公司", "Company", ctx, lexicon)[0] == name_key("蒙古包(洛阳)有限公司", "Company", ctx, lexicon)[0]


def test_one_entity_per_body_with_its_aliases(report: Extraction) -> None:
    depts = [e for e in report.entities if e.type == "Department"]
    assert len(depts) == 1
    assert {"市工信局", "市工业和信息化局"} <= {depts[0].name, *depts[0].aliases}
    assert all(rule in {"exact", "fold", "abbreviation", "context"} for _, rule in depts[0].merges)


def test_stated_relations_of_a_work_report(report: Extraction) -> None:
    rels = _relations(report)
    dept = next(e.name for e in report.entities if e.type == "Department")
    project = "洛阳宏远新材料有限公司年产5万吨碳纤维项目"
    assert ("manages", dept, project) in rels
    assert ("supports", dept, "洛阳宏远新材料有限公司") in rels
    assert ("invests", "洛阳宏远新材料有限公司", project) in rels
    assert ("partOf", dept, "洛阳市") in rels
    assert ("cooperates", dept, "中建三局") in rels
    road = "郑西高速洛阳至三门峡段项目"
    assert {("passesThrough", road, p) for p in ("洛宁县", "宜阳县", "新安县")} <= rels


def test_every_relation_has_evidence_inside_its_document(report: Extraction) -> None:
    text = report.documents[0].text
    for rel in report.relations:
        assert rel.evidence
        for ev in rel.evidence:
            assert 0 <= ev.start < ev.end <= len(text)


def test_project_attributes(report: Extraction) -> None:
    project = next(e for e in report.entities if e.name.endswith("碳纤维项目"))
    assert project.attrs["investment_yuan"] == Decimal("1250000000")
    assert project.attrs["status"] == "开工"


def test_an_amount_for_a_group_of_projects_goes_to_none() -> None:
    text = "瑞丰纤维项目、恒通装备项目等5个项目总投资30亿元。"
    ex = extract([Document("g.txt", text)])
    assert all("investment_yuan" not in e.attrs for e in ex.entities)


@pytest.mark.parametrize(("number", "unit", "yuan"), [("7.27", "亿", 727000000), ("3000", "万", 30000000), ("50", None, 50)])
def test_parse_amount(number: str, unit: str | None, yuan: int) -> None:
    assert parse_amount(number, unit) == yuan


OTHER_CITY = (
    "洛阳石化百万吨乙烯项目加快推进。该项目位于孟津区，由中国石化洛阳分公司投资建设。\n"
    "中信重工高端装备智能制造产业园项目落户洛龙区，建成后将形成年产10万吨铸锻件的能力。\n"
    "郑西高铁洛阳至三门峡段途经偃师区、伊川县。\n"
)


@pytest.fixture(scope="module")
def other_city() -> Extraction:
    return extract([Document("other.txt", OTHER_CITY)])


def test_the_project_pronoun_takes_the_last_project(other_city: Extraction) -> None:
    assert ("locatedIn", "洛阳石化百万吨乙烯项目", "孟津区") in _relations(other_city)


def test_passive_investment_by_a_company(other_city: Extraction) -> None:
    assert ("invests", "中国石化洛阳分公司", "洛阳石化百万吨乙烯项目") in _relations(other_city)


def test_a_line_keeps_its_section_and_passes_through_its_places(other_city: Extraction) -> None:
    names = _names(other_city, "Project")
    assert "郑西高铁洛阳至三门峡段" in names
    rels = _relations(other_city)
    assert ("passesThrough", "郑西高铁洛阳至三门峡段", "偃师区") in rels
    assert ("passesThrough", "郑西高铁洛阳至三门峡段", "三门峡") in rels


def test_a_future_completion_is_no_status(other_city: Extraction) -> None:
    park = next(e for e in other_city.entities if e.name.startswith("中信重工"))
    assert "status" not in park.attrs
    assert ("locatedIn", park.name, "洛龙区") in _relations(other_city)


def test_located_in_a_relative_clause_is_said_of_the_name_after_it() -> None:
    text = "全市共有3家单位获批科普基地，其中包括位于偃师区的洛阳瑞丰农业专业合作社。"
    rels = _relations(extract([Document("rel.txt", text)]))
    assert ("locatedIn", "洛阳瑞丰农业专业合作社", "偃师区") in rels
    assert ("locatedIn", "科普基地", "偃师区") not in rels


def test_a_brand_heading_two_names_is_a_company_also_alone() -> None:
    text = "鑫瑞纤维新材料项目开工。鑫瑞智能工厂项目签约落地。鑫瑞表示将追加投资。"
    ex = extract([Document("brand.txt", text)])
    brand = next(e for e in ex.entities if e.type == "Company")
    assert brand.name == "鑫瑞"
    assert [m.start for m in brand.mentions if not m.nested] == [text.rindex("鑫瑞")]
    rels = _relations(ex)
    assert ("invests", "鑫瑞", "鑫瑞纤维新材料项目") in rels and ("invests", "鑫瑞", "鑫瑞智能工厂项目") in rels


def test_a_short_county_name_of_another_province_is_no_place() -> None:
    henan = extract([Document("h.txt", "洛阳市孟津区加快建设，兴城经验值得学习。")])
    assert "兴城" not in _names(henan, "Place")
    liaoning = extract([Document("l.txt", "葫芦岛市兴城市推进建设，兴城经验值得学习。")])
    assert "兴城市" in _names(liaoning, "Place")


def test_plain_word_projects_headed_by_a_city_or_an_institution() -> None:
    found = {(s, t) for s, t, nested in mentions_of(
        "漯河市人才公寓、市中心医院医学影像中心项目和市十二中迁建项目均已开工。") if not nested}
    assert {("漯河市人才公寓", "Project"), ("市中心医院医学影像中心项目", "Project"),
            ("市十二中迁建项目", "Project")} <= found


def test_an_enumerated_item_loses_its_status_words() -> None:
    found = {s for s, t, nested in mentions_of("二是项目建设取得进展，瑞丰三期工厂建成投产，鑫达科技园等项目进展迅速。")}
    assert "瑞丰三期工厂" in found and "瑞丰三期工厂建成投产" not in found


@pytest.mark.parametrize(("sentence", "status"), [
    ("鑫达科技园项目建成投产。", "投产"),
    ("瑞丰物流中心项目建成投用。", "投产"),
    ("洛北污水处理厂项目建设如火如荼。", "在建"),
    ("郑州东站综合枢纽项目加速建设。", "在建"),
])
def test_status_cues_of_commissioning_and_construction(sentence: str, status: str) -> None:
    ex = extract([Document("s.txt", sentence)])
    project = next(e for e in ex.entities if e.type == "Project")
    assert project.attrs.get("status") == status


def _investments(text: str) -> dict[str, object]:
    ex = extract([Document("i.txt", text)])
    return {e.name: e.attrs.get("investment_yuan") for e in ex.entities if e.type == "Project"}


def test_an_amount_after_an_enumeration_or_a_count_is_the_groups() -> None:
    found = _investments("新上工业项目2个，分别是鑫达科技园项目、瑞丰物流中心项目，总投资16亿元。")
    assert found and all(v is None for v in found.values())
    found = _investments("全年谋划城市更新项目38个，总投资52亿元。")
    assert all(v is None for v in found.values())


def test_a_years_spending_is_no_total_investment() -> None:
    found = _investments("郑西高铁洛阳至三门峡段项目完成年度投资21.5亿元。")
    assert found == {"郑西高铁洛阳至三门峡段项目": None}


def test_an_amount_in_an_attributive_phrase_with_other_figures() -> None:
    found = _investments("总投资3.6亿元、全长4.2公里的洛北大道建设项目进展顺利。")
    assert found["洛北大道建设项目"] == Decimal("360000000")


SECTIONS = (
    "许昌市发改委\n\n"
    "许昌市发改委全年谋划重点项目86个。\n\n"
    "市商务局：外贸稳中有进\n\n"
    "帮助许昌瑞丰股份有限公司拓展海外市场。\n\n"
    "市工信局每月跟踪重点企业运行情况。\n\n"
    "指导南阳恒通机械制造有限公司申报省级技术中心。\n"
)


def test_a_heading_with_a_colon_or_a_paragraph_opening_department_takes_over_the_report() -> None:
    rels = _relations(extract([Document("sections.txt", SECTIONS, title="许昌市发改委")]))
    supports = {(h, t) for r, h, t in rels if r == "supports"}
    assert supports == {("市商务局", "许昌瑞丰股份有限公司"), ("市工信局", "南阳恒通机械制造有限公司")}


def test_outside_a_work_report_a_paragraph_subject_holds_for_its_paragraph_only() -> None:
    text = ("奋进新征程\n\n各地加快项目建设。\n\n"
            "市工信局全力推进重点项目建设，指导许昌瑞丰股份有限公司扩大产能。\n\n"
            "帮助南阳恒通机械制造有限公司拓展市场。\n")
    supports = {(h, t) for r, h, t in _relations(extract([Document("f.txt", text)])) if r == "supports"}
    assert supports == {("市工信局", "许昌瑞丰股份有限公司")}


def test_a_name_governed_by_a_preposition_is_no_subject() -> None:
    text = "襄城县围绕许昌市加快建设制造业强市，推进瑞丰新材料产业园项目建设。"
    manages = {(h, t) for r, h, t in _relations(extract([Document("p.txt", text)])) if r == "manages"}
    assert manages == {("襄城县", "瑞丰新材料产业园项目")}


def test_cooperation_with_the_partners_after_the_cue_or_after_yu() -> None:
    text = ("漯河市工信局\n\n"
            "配合市应急管理局和市市场监督管理局对重点企业开展安全检查。\n"
            "主动与许昌市商务局联系，协调防疫物资。\n"
            "携手中建三局打造智能制造示范园。\n")
    rels = _relations(extract([Document("c.txt", text, title="漯河市工信局")]))
    cooperates = {(h, t) for r, h, t in rels if r == "cooperates"}
    assert cooperates == {("漯河市工信局", "市应急管理局"), ("漯河市工信局", "市市场监督管理局"),
                          ("漯河市工信局", "许昌市商务局"), ("漯河市工信局", "中建三局")}


def test_a_programme_after_deng_includes_the_projects_enumerated_before_it() -> None:
    text = "宜阳县聚焦瑞丰新材料产业园项目、伊滨物流港项目等“百城提质工程”项目，每月调度一次。"
    rels = _relations(extract([Document("d.txt", text)]))
    includes = {(h, t) for r, h, t in rels if r == "includes"}
    assert includes == {("百城提质工程", "瑞丰新材料产业园项目"), ("百城提质工程", "伊滨物流港项目")}


def test_a_phase_of_a_project_of_the_article_is_included_in_it() -> None:
    text = "洛北科技园建设顺利。洛北科技园二期已开工，鑫达科技园二期正在谋划。"
    rels = _relations(extract([Document("ph.txt", text)]))
    assert {(h, t) for r, h, t in rels if r == "includes"} == {("洛北科技园", "洛北科技园二期")}


def test_a_project_headed_by_a_city_and_its_zone_is_in_the_zone() -> None:
    rels = _relations(extract([Document("z.txt", "洛阳高新区瑞丰智造园项目开工。")]))
    located = {t for r, h, t in rels if r == "locatedIn" and h == "洛阳高新区瑞丰智造园项目"}
    assert located and all(t.endswith("高新区") for t in located)


def test_located_in_a_relative_clause_holds_for_each_enumerated_name() -> None:
    text = "其中，位于偃师区的洛阳瑞丰农业专业合作社、某某农场、偃师古城博物馆3家单位入选。"
    rels = _relations(extract([Document("e.txt", text)]))
    assert {("洛阳瑞丰农业专业合作社", "偃师区"), ("偃师古城博物馆", "偃师区")} <= {
        (h, t) for r, h, t in rels if r == "locatedIn"}


def test_a_zone_named_after_our_city_is_in_the_city() -> None:
    text = "洛阳市召开会议。会上，我市经开区获评先进。"
    assert ("locatedIn", "经开区", "洛阳市") in _relations(extract([Document("c.txt", text)]))


def test_a_company_named_with_a_place_of_the_article_in_brackets_or_before_gongsi() -> None:
    text = "洛阳市工信局指导国药控股洛阳公司、伊利乳业(洛阳)有限公司扩大产能。"
    rels = _relations(extract([Document("s.txt", text)]))
    assert {("国药控股洛阳公司", "洛阳市"), ("伊利乳业(洛阳)有限公司", "洛阳市")} <= {
        (h, t) for r, h, t in rels if r == "locatedIn"}


def test_a_list_in_the_second_part_of_a_sentence_cut_at_a_semicolon_keeps_its_frame() -> None:
    text = ("在“百项工程”中，偃师区承担的项目有4个。其中，工业项目2个，分别是瑞丰新材料产业园项目、伊滨物流港项目；"
            "民生项目2个，分别是洛北污水处理厂项目和伊川物流园项目。")
    rels = _relations(extract([Document("l.txt", text)]))
    for project in ("瑞丰新材料产业园项目", "伊滨物流港项目", "洛北污水处理厂项目", "伊川物流园项目"):
        assert ("manages", "偃师区", project) in rels
        assert ("includes", "百项工程", project) in rels


def test_focus_and_completion_cues_and_the_programme_after_deng_is_no_tail() -> None:
    text = ("涧西区要加大工作力度，尽快完成洛北污水处理厂项目建设。"
            "宜阳县聚焦瑞丰新材料产业园项目、伊滨物流港项目等“十大工程”项目，每月调度一次。")
    manages = {(h, t) for r, h, t in _relations(extract([Document("m.txt", text)])) if r == "manages"}
    assert manages == {("涧西区", "洛北污水处理厂项目"), ("宜阳县", "瑞丰新材料产业园项目"), ("宜阳县", "伊滨物流港项目")}


def test_a_body_named_after_a_project_manages_it() -> None:
    text = "“百项工程”进展顺利。市委成立“百项工程”指挥部，建立调度机制。"
    manages = {(h, t) for r, h, t in _relations(extract([Document("b.txt", text)])) if r == "manages"}
    assert len(manages) == 1 and next(iter(manages))[1] == "百项工程"


def test_a_partner_after_yu_is_no_subject_of_a_later_cue() -> None:
    text = "与万达、中建三局等企业加强合作，尽快启动实施伊滨物流港项目。"
    rels = _relations(extract([Document("w.txt", text)]))
    assert not {(h, t) for r, h, t in rels if r == "invests"}
    text = "中建三局与万达集团共同投资建设伊滨物流港项目。"
    assert ("invests", "中建三局", "伊滨物流港项目") in _relations(extract([Document("v.txt", text)]))


def test_a_cue_word_inside_a_noun_states_nothing() -> None:
    text = ("许昌市工信局\n\n"
            "全市上市企业培育库新增3家(许昌瑞丰股份有限公司、南阳恒通机械制造有限公司)。\n"
            "获评服务型制造示范企业1家(许昌瑞丰股份有限公司)。\n")
    rels = _relations(extract([Document("n.txt", text, title="许昌市工信局")]))
    assert not {(h, t) for r, h, t in rels if r == "supports"}


def test_a_listed_project_takes_the_status_stated_for_its_counted_group() -> None:
    text = ("当日，全区集中开工8个项目，总投资26亿元。"
            "投资规模较大的项目主要有投资5亿元的瑞丰新材料产业园项目、投资3亿元的伊滨物流港项目。\n"
            "另外，鑫达科技园项目正在谋划。\n")
    ex = extract([Document("g.txt", text)])
    status = {e.name: e.attrs.get("status") for e in ex.entities if e.type == "Project"}
    assert status == {"瑞丰新材料产业园项目": "开工", "伊滨物流港项目": "开工", "鑫达科技园项目": None}


def test_a_paragraph_opening_with_a_persons_title_does_not_change_the_reporter() -> None:
    text = ("许昌市发改委\n\n"
            "许昌市发改委全年谋划重点项目86个。\n\n"
            "市商务局党组书记张伟到企业调研。\n\n"
            "帮助许昌瑞丰股份有限公司拓展海外市场。\n")
    supports = {(h, t) for r, h, t in _relations(extract([Document("t.txt", text, title="许昌市发改委")]))
                if r == "supports"}
    assert supports == {("许昌市发改委", "许昌瑞丰股份有限公司")}


def test_an_area_whose_article_it_is_does_not_manage_every_project_it_mentions() -> None:
    text = ("洛龙区召开项目建设推进会\n\n"
            "会议要求，全力推进伊滨物流港项目、瑞丰新材料产业园项目等20个重点项目。\n")
    rels = _relations(extract([Document("h.txt", text, title="洛龙区召开项目建设推进会")]))
    assert not {(h, t) for r, h, t in rels if r == "manages"}
    text = text.replace("洛龙区召开", "洛龙区发改委召开")
    rels = _relations(extract([Document("i.txt", text, title="洛龙区发改委召开项目建设推进会")]))
    assert ("manages", "洛龙区发改委", "伊滨物流港项目") in rels


def test_a_body_building_an_unnamed_group_manages_the_projects_described_next() -> None:
    text = ("结合实际，洛龙区着手建设由开元大道串起的项目群，打造发展新引擎。\n\n"
            "沿线开工建设的伊滨物流港项目总投资8亿元。沿线的瑞丰新材料产业园项目已投产。\n\n"
            "伊川县加快推进鑫达科技园项目。\n")
    manages = {(h, t) for r, h, t in _relations(extract([Document("j.txt", text)])) if r == "manages"}
    assert ("洛龙区", "伊滨物流港项目") in manages and ("洛龙区", "瑞丰新材料产业园项目") in manages
    assert ("洛龙区", "鑫达科技园项目") not in manages


def test_a_sentence_framed_by_a_quoted_programme_includes_its_projects() -> None:
    text = ("“百城提质”工程全面启动。在“百城提质”工程建设中，伊滨物流港项目实现当天拿证；"
            "瑞丰新材料产业园项目用地审批3天完成。\n\n鑫达科技园项目正在谋划。\n")
    includes = {(h, t) for r, h, t in _relations(extract([Document("k.txt", text)])) if r == "includes"}
    assert includes == {("百城提质工程", "伊滨物流港项目"), ("百城提质工程", "瑞丰新材料产业园项目")}


def test_projects_listed_in_brackets_under_a_programme_are_its_members() -> None:
    text = ("“百城提质”工程成效明显。全区列入“百城提质”项目共4个，其中2个“开工一批”项目"
            "(伊滨物流港项目、瑞丰新材料产业园项目)均已开工。2个“投产一批”项目(鑫达科技园项目、"
            "洛北文旅小镇项目)均已投产。另外，开元大道项目正在谋划。\n")
    # “百城提质”工程 and “百城提质”项目 are one programme, named in full: 百城提质工程
    includes = {t for r, h, t in _relations(extract([Document("l.txt", text)])) if r == "includes" and h == "百城提质工程"}
    assert includes == {"伊滨物流港项目", "瑞丰新材料产业园项目", "鑫达科技园项目", "洛北文旅小镇项目"}


def test_a_listed_group_takes_the_year_given_to_its_event_paragraphs_before() -> None:
    text = ("3月8日，全市2023年第二批重点项目集中开工活动在洛龙区举行。\n\n"
            "今年以来，全区经济运行稳中向好。\n\n"
            "当日，集中开工6个项目，总投资18亿元。"
            "投资规模较大的项目主要有投资5亿元的瑞丰新材料产业园项目、投资3亿元的伊滨物流港项目。\n")
    ex = extract([Document("y.txt", text)])
    years = {e.name: e.attrs.get("year") for e in ex.entities if e.type == "Project"}
    assert years == {"瑞丰新材料产业园项目": 2023, "伊滨物流港项目": 2023}


def test_a_left_out_subject_is_the_body_an_earlier_sentence_of_its_paragraph_opens_with() -> None:
    text = ("洛阳市发改委\n\n"
            "洛龙区坚持高质量发展，营商环境持续优化。全力推进伊滨物流港项目建设。\n\n"
            "全力推进瑞丰新材料产业园项目建设。\n")
    manages = {(h, t) for r, h, t in _relations(extract([Document("z.txt", text, title="洛阳市发改委")]))
               if r == "manages"}
    assert manages == {("洛龙区", "伊滨物流港项目"), ("洛阳市发改委", "瑞丰新材料产业园项目")}


def test_a_cue_on_a_group_of_projects_reaches_the_members_named_after_qizhong() -> None:
    text = ("洛阳市工信局\n\n"
            "持续跟踪服务新落地工业项目，其中，总投资20亿元的伊滨物流港项目已完成主体施工，全年新增就业800人。\n")
    manages = {(h, t) for r, h, t in _relations(extract([Document("q.txt", text, title="洛阳市工信局")]))
               if r == "manages"}
    assert manages == {("洛阳市工信局", "伊滨物流港项目")}


def test_a_city_named_in_full_counts_again_when_written_short() -> None:
    text = "商丘市召开项目推进会。会议要求，为现代化商丘建设贡献力量，商丘，正在奋力前行。"
    shorts = [(s, t) for s, t, nested in mentions_of(text) if s == "商丘" and not nested]
    assert shorts == [("商丘", "Place"), ("商丘", "Place")]
    assert not [s for s, _, nested in mentions_of("为现代化商丘建设贡献力量。") if s == "商丘" and not nested]


def test_a_rare_word_before_a_product_grade_is_the_makers_brand() -> None:
    text = "该区加快推进雄鹰高性能碳纤维项目，争取年内投产。"
    assert ("雄鹰", "Company", True) in mentions_of(text)
    assert ("invests", "雄鹰", "雄鹰高性能碳纤维项目") in _relations(extract([Document("y.txt", text)]))
    for common in ("全区加快推进智能高端装备制造项目。", "推进绿色高端建材项目。"):
        assert not [s for s, t, _ in mentions_of(common) if t == "Company"]


def test_a_numeral_brand_in_a_list_of_companies_stays_whole() -> None:
    found = mentions_of("全区新增专精特新企业3家(瑞丰科技、三元纸业、鑫达机械)。")
    assert ("三元纸业", "Company", False) in found
    assert ("纸业", "Company", False) not in found


def test_a_brand_cut_into_verb_characters_stays_after_its_division() -> None:
    found = mentions_of("全市新增企业技术中心(洛阳市宏远机械有限公司、洛阳可吃多食品有限公司)。")
    assert ("洛阳可吃多食品有限公司", "Company", False) in found
    assert not [s for s, t, _ in mentions_of("洛阳市与宏远有限公司签约。") if t == "Company" and s.startswith("洛阳")]


def test_a_photo_credit_ends_a_byline() -> None:
    text = "新区大道全线通车。\n本报记者 李明 摄花园广场一角。\n本报记者 王小军 摄滨河公园。\n本报记者 张 强 摄"
    people = [s for s, t, _ in mentions_of(text) if t == "Person"]
    assert people == ["李明", "王小军", "张 强"]
