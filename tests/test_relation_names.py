"""Relations stated by names and lists of names, bodies, and project statuses, on sentences
written for these tests (none is from the seed corpus)."""

from __future__ import annotations

from graph.model import Document, Extraction
from graph.pipeline import extract


def _relations(text: str, title: str = "") -> set[tuple[str, str, str]]:
    found: Extraction = extract([Document("t.txt", text, title=title)])
    name = {e.id: e.name for e in found.entities}
    return {(r.type, name[r.head], name[r.tail]) for r in found.relations if r.type != "coOccurs"}


def test_a_zone_named_with_its_city_lies_in_the_city() -> None:
    text = ("洛阳市高新区召开经济工作会议。\n"
            "今年洛阳市经济运行稳中向好。\n"
            "会议印发了《洛阳市高新区促进制造业发展若干措施》，洛阳市高新区今年新签约项目30个。\n")
    relations = _relations(text)
    located = {(h, t) for r, h, t in relations if r == "locatedIn"}
    assert any(t == "洛阳市" and "高新区" in h for h, t in located), relations


def test_a_zone_body_named_bare_is_part_of_the_zone() -> None:
    text = ("洛阳高新区2024年工作总结\n\n"
            "今年以来，在高新区党工委、管委会的坚强领导下，高新区经济运行稳中向好。\n"
            "高新区财政局牵头推进洛阳智谷产业园项目。\n")
    relations = _relations(text, title="洛阳高新区2024年工作总结")
    part_of = {h for r, h, t in relations if r == "partOf" and "高新区" in t}
    assert "管委会" in part_of or any(h.endswith("管委会") for h in part_of), relations


def test_departments_listed_after_one_with_its_area_share_the_area() -> None:
    text = "会上，市发改委、工信局、生态环境局分别汇报了重点项目进展，洛阳市各部门协同推进。\n"
    relations = _relations(text)
    part_of = {(h, t) for r, h, t in relations if r == "partOf"}
    assert ("生态环境局", "洛阳市") in part_of or any(
        h.endswith("生态环境局") and t == "洛阳市" for h, t in part_of), relations
    assert any(h.endswith("工信局") and t == "洛阳市" for h, t in part_of), relations


def test_a_department_after_a_list_of_another_area_keeps_its_own() -> None:
    text = "会上，市发改委、偃师区教育局分别汇报了进展，洛阳市各部门协同推进。\n"
    part_of = {(h, t) for r, h, t in _relations(text) if r == "partOf"}
    assert not any(h == "偃师区教育局" and t == "洛阳市" for h, t in part_of), part_of


def test_bodies_joined_by_a_cooperation_verb_are_two_names() -> None:
    relations = _relations("今年以来，市发展改革委会同市工信局建立重点项目调度机制，南阳市各部门协同推进。\n")
    assert ("cooperates", "市发展改革委", "市工信局") in relations
    assert ("partOf", "市发展改革委", "南阳市") in relations


def _status(text: str) -> dict[str, object]:
    found = extract([Document("t.txt", text)])
    return {e.name: dict(e.attributes).get("status") for e in found.entities if e.type == "Project"}


def test_a_status_foreseen_after_a_date_is_not_yet_the_status() -> None:
    assert _status("恒达年产20万吨新型建材项目预计明年6月建成投产。") == {"恒达年产20万吨新型建材项目": None}
    assert _status("恒达年产20万吨新型建材项目主体厂房已封顶，预计明年6月建成投产。") == {
        "恒达年产20万吨新型建材项目": "在建"}


def test_a_district_the_gazetteer_lacks_is_a_place_when_listed_with_known_ones() -> None:
    # 甲乙区 is no division anywhere; listed between two districts it names one too
    relations = _relations("郑许市域铁路许昌段途经魏都区、甲乙区和东城区，已完成全部主体工程。\n")
    through = {t for r, h, t in relations if r == "passesThrough"}
    assert {"魏都区", "甲乙区"} <= through
    assert not any(t.endswith("全部主体工程") for t in through)
    assert _relations("会议要求各区、县抓好落实。\n") == set()  # level words alone name nothing


def _entities(text: str, title: str = "") -> dict[str, str]:
    found = extract([Document("t.txt", text, title=title)])
    return {e.name: e.type for e in found.entities}


def test_a_district_the_gazetteer_lacks_heads_its_department_and_is_the_article_s_district() -> None:
    text = ("甲乙区发改委：抓项目促发展\n\n"
            "今年以来，甲乙区发改委全力抓项目。区发改委牵头推进丙丁新材料产业园项目。\n"
            "下一步，区发改委将加快推进万安山生态修复工程建设。\n")
    relations = _relations(text, title="甲乙区发改委：抓项目促发展")
    assert ("partOf", "甲乙区发改委", "甲乙区") in relations
    assert ("manages", "甲乙区发改委", "丙丁新材料产业园项目") in relations  # 区发改委 is 甲乙区's
    assert not any(t == "万安" for _, _, t in relations)  # a county's short name heading a mountain's


def test_a_park_named_by_brand_and_industry_is_no_firm_and_a_bank_branch_is_one() -> None:
    names = _entities("会上，甲乙科技城与中国银行丙丁分行签订战略合作协议。")
    assert "甲乙科技" not in names
    assert names.get("中国银行丙丁分行") == "Company"


def test_a_year_belongs_to_the_clause_of_its_project() -> None:
    found = extract([Document("t.txt", "恒光液晶面板项目已经建成投产，瑞达产业园项目正在加紧施工，预计2027年竣工。")])
    years = {e.name: dict(e.attributes).get("year") for e in found.entities if e.type == "Project"}
    assert years == {"恒光液晶面板项目": None, "瑞达产业园项目": None}
    found = extract([Document("t.txt", "2023年，恒光液晶面板项目建成投产。")])
    assert [dict(e.attributes).get("year") for e in found.entities if e.type == "Project"] == [2023]


def test_a_year_opening_the_sentence_frames_every_project_in_it() -> None:
    found = extract([Document("t.txt", "2023年以来，恒光液晶面板项目建成投产，瑞达产业园项目开工建设。")])
    years = {e.name: dict(e.attributes).get("year") for e in found.entities if e.type == "Project"}
    assert years == {"恒光液晶面板项目": 2023, "瑞达产业园项目": 2023}


def test_a_project_name_holds_no_department_before_it() -> None:
    names = _entities("县发改委、县工信局、县自然资源局组成项目服务专班，推进宏达产业园项目建设。")
    assert names.get("县自然资源局") == "Department"
    assert not any(type_ == "Project" and "局" in name for name, type_ in names.items())


def test_this_project_in_the_next_sentence_gives_the_last_named_project_its_figures() -> None:
    found = extract([Document("t.txt", "瑞达新材料产业园项目昨日开工。该项目总投资20亿元，主要建设碳纤维生产线。")])
    attributes = {e.name: dict(e.attributes) for e in found.entities if e.type == "Project"}
    assert attributes["瑞达新材料产业园项目"]["investment_yuan"] == 2_000_000_000
    far = extract([Document("t.txt", "瑞达新材料产业园项目昨日开工。会议要求抓好安全。全市经济平稳。各部门协同推进。"
                                     "该项目总投资20亿元。")])
    assert all("investment_yuan" not in dict(e.attributes) for e in far.entities)  # too far back


def test_a_project_starting_at_a_place_lies_there() -> None:
    relations = _relations("瑞达新材料产业园项目11月5日在许昌市魏都区开工。")
    assert ("locatedIn", "瑞达新材料产业园项目", "魏都区") in relations
    assert ("locatedIn", "瑞达新材料产业园项目", "许昌市") not in relations  # the most specific place


def test_an_area_shown_by_its_department_is_a_place_wherever_the_article_names_it() -> None:
    relations = _relations("瑞达新材料产业园项目在甲乙区开工。甲乙区发改委主任表示将做好保障。")
    assert ("locatedIn", "瑞达新材料产业园项目", "甲乙区") in relations


def test_the_latest_stage_a_sentence_states_is_the_status() -> None:
    assert _status("全市新签约项目20个，其中，签约的恒光调味品产业园项目总投资12亿元，已于9月开工建设。") == {
        "恒光调味品产业园项目": "开工"}


def test_the_place_where_an_agreement_is_signed_is_no_partner() -> None:
    relations = _relations("宛州市人民政府与中国建材集团有限公司在北京签署战略合作协议。")
    assert ("cooperates", "宛州市人民政府", "中国建材集团有限公司") in relations
    assert not any(r == "cooperates" and "北京" in (h, t) for r, h, t in relations)


def test_a_project_built_at_a_place_lies_there() -> None:
    relations = _relations("中国建材集团将在洛阳市偃师区投资建设恒光光伏玻璃生产基地。")
    assert ("locatedIn", "恒光光伏玻璃生产基地", "偃师区") in relations
    assert ("locatedIn", "恒光光伏玻璃生产基地", "洛阳市") not in relations


def test_a_byline_title_between_two_names_is_no_person() -> None:
    names = _entities("记者 刘晓 通讯员 陈明\n\n近日，瑞达产业园项目开工。")
    assert names.get("刘晓") == "Person" and names.get("陈明") == "Person"
    assert "通讯员" not in names


def test_two_bodies_joined_by_a_verb_are_two_and_a_body_s_office_is_one() -> None:
    relations = _relations("区农业农村局联合区文旅局指导各乡镇发展乡村旅游。市发改委办公室负责督导。")
    assert ("cooperates", "区农业农村局", "区文旅局") in relations
    names = _entities("区农业农村局联合区文旅局指导各乡镇发展乡村旅游。市发改委办公室负责督导。")
    assert "市发改委办公室" in names


def test_a_county_named_as_a_district_after_the_gazetteer_is_one_place_with_its_bodies() -> None:
    # 孟津县 became 孟津区 in 2021; the gazetteer's data knows only the county
    text = "孟津区：乡村振兴项目多点开花\n\n孟津区农业农村局介绍，区农业农村局联合孟津各乡镇推进项目。\n"
    found = extract([Document("t.txt", text, title="孟津区：乡村振兴项目多点开花")])
    places = [e for e in found.entities if e.type == "Place" and "孟津" in e.name]
    departments = [e for e in found.entities if e.type == "Department" and e.name.endswith("农业农村局")]
    assert len(places) == 1 and len(departments) == 1, (places, departments)


def test_this_town_speaks_of_the_last_town_named() -> None:
    relations = _relations("在会盟镇，黄河湿地项目完成投资1.2亿元。该镇与河南农业大学合作建设农业示范园。")
    assert ("cooperates", "会盟镇", "河南农业大学") in relations


def test_a_county_s_news_is_about_its_city_not_a_university_s() -> None:
    from graph.lexicon import load_lexicon
    from graph.pipeline import analyse
    from graph.resolve import doc_context

    doc = Document("t.txt", "兰考县与郑州大学签订合作协议。兰考县发改委表示，郑州大学将派专家驻县。县发改委牵头推进。")
    ctx = doc_context(doc, analyse(doc, load_lexicon()).mentions, load_lexicon())
    assert (ctx.city, ctx.district) == ("开封市", "兰考县")


def test_a_numbered_list_of_projects_takes_the_status_its_intro_states() -> None:
    text = ("此次开工的项目中，工业项目3个，主要有：\n"
            "1.恒光新能源年产5GWh锂电池项目，总投资30亿元；\n"
            "2.瑞达食品工业园三期项目，总投资8亿元。\n"
            "会议要求，各地要抓好瑞丰物流园项目前期工作。\n")
    assert _status(text) == {"恒光新能源年产5GWh锂电池项目": "开工", "瑞达食品工业园三期项目": "开工",
                             "瑞丰物流园": None}


def test_a_year_foreseen_is_not_the_project_s_year() -> None:
    found = extract([Document("t.txt", "恒光电池项目正式签约落户。该项目总投资120亿元，预计2026年建成投产。")])
    attributes = {e.name: dict(e.attributes) for e in found.entities if e.type == "Project"}
    assert attributes["恒光电池项目"].get("year") is None
    assert attributes["恒光电池项目"]["investment_yuan"] == 12_000_000_000


def test_firms_listed_after_the_verb_that_brings_them_in_lose_the_clause_before() -> None:
    names = _entities("近年来，高新区先后引进中航锂电、隆基绿能等龙头企业，产业链日趋完善。")
    assert {n for n, t in names.items() if t == "Company"} == {"中航锂电", "隆基绿能"}


def test_a_body_named_with_a_city_and_its_zone_is_part_of_the_zone_which_lies_in_the_city() -> None:
    relations = _relations("鹤壁经开区财政局：强化资金保障\n\n今年以来，鹤壁经开区财政局积极争取上级资金。\n",
                           title="鹤壁经开区财政局：强化资金保障")
    part_of = {t for r, h, t in relations if r == "partOf" and h == "鹤壁经开区财政局"}
    assert part_of == {"鹤壁经开区"}
    assert any(r == "locatedIn" and h == "鹤壁经开区" and t.startswith("鹤壁") and t != h for r, h, t in relations)
