"""Entity recognition rules that keep generic phrases, idioms and slogans out, on sentences
written for these tests (other cities, invented firms and undertakings), none from the seeds."""

from __future__ import annotations

from graph.lexicon import load_lexicon
from graph.model import Document
from graph.pipeline import extract
from graph.recognize import recognize
from graph.segment import sentences


def mentions_of(text: str) -> list[tuple[str, str, bool]]:
    doc = Document("t.txt", text)
    found, _ = recognize(doc, sentences(doc), load_lexicon())
    return [(m.surface, m.type, m.nested) for m in found]


def _of_type(text: str, type_: str) -> list[str]:
    return [s for s, t, nested in mentions_of(text) if t == type_ and not nested]


def test_common_words_that_jieba_tags_as_names_make_no_project() -> None:
    text = ("许昌市今年改造老旧小区56个，谋划灾后重建项目30个，"
            "建成科普示范基地2处、都市农业示范园区1个，科创孵化项目加快建设。")
    assert _of_type(text, "Project") == []


def test_a_proper_word_beside_common_words_still_makes_a_project() -> None:
    assert _of_type("许昌市加快建设鸿远老旧小区改造项目。", "Project") == ["鸿远老旧小区改造项目"]
    assert _of_type("漯河市推进宏宇科普教育基地建设。", "Project") == ["宏宇科普教育基地"]


def test_idioms_of_the_state_of_play_are_no_bureau() -> None:
    text = "开局之年，漯河市全力以赴开好局、谋新局，顾全大局，市统计局发布数据。"
    assert _of_type(text, "Department") == ["市统计局"]


def test_slogans_abbreviated_by_a_count_are_no_project() -> None:
    text = "新乡市实施“三旧改造”项目和“两拆一增”工程，“一号工程”进展顺利，“五水共治”项目全面铺开。"
    assert _of_type(text, "Project") == ["一号工程"]


def test_funds_and_loans_are_no_project() -> None:
    text = "许昌市争取“中央预算内投资资金”项目12个，申报专项债券项目和政策性金融工具(基金)项目。"
    assert _of_type(text, "Project") == []


def test_generic_companies_need_a_brand() -> None:
    text = "要做大平台公司，鼓励通信公司、燃气公司参与，宏远通信公司中标。"
    assert _of_type(text, "Company") == ["宏远通信公司"]


def test_temples_named_by_their_deity_are_places() -> None:
    text = "柳林镇依托城隍庙、关帝庙、白马寺等文化资源打造文旅小镇，修缮寺庙3座。"
    places = _of_type(text, "Place")
    assert {"城隍庙", "关帝庙", "白马寺"} <= set(places)
    assert "寺庙" not in places


def test_a_place_may_open_with_a_count_character_inside_a_noun() -> None:
    text = "该镇修缮两程书院庙，两个村和全村小庙同步整治。"
    places = _of_type(text, "Place")
    assert "两程书院庙" in places
    assert not [p for p in places if p.startswith(("两个", "全村"))]


def test_a_shore_word_glued_to_a_lake_leaves_the_lakes_name() -> None:
    assert "翠屏湖" in _of_type("新城建在翠屏湖畔，伊河岸边绿道贯通。", "Place")


def test_a_road_in_a_list_of_projects_is_a_project_and_no_place_within_itself() -> None:
    found = mentions_of("今年谋划了城乡供水提升、鸿达路等基础设施项目12个。")
    assert ("鸿达路", "Project", False) in found
    assert ("鸿达路", "Place", True) not in found


def test_a_list_before_a_counted_and_described_kind_names_projects() -> None:
    text = "漯河市重点实施宏昌国际综合体、瑞达康养产业等8个重点服务业项目。"
    assert _of_type(text, "Project") == ["宏昌国际综合体", "瑞达康养产业"]
    text = "尽快启动实施鑫源城二期、锦华苑二期等一批具有引领性、示范性的重大项目。"
    assert _of_type(text, "Project") == ["鑫源城二期", "锦华苑二期"]


def test_a_list_of_parks_names_projects_but_keeps_firms_firms() -> None:
    text = "规划建设宏港物流、华晟智造等特色产业园区，支持瑞丰农民专业合作社、青禾生态农场等农业园区发展。"
    found = mentions_of(text)
    assert {("宏港物流", "Project", False), ("华晟智造", "Project", False), ("青禾生态农场", "Project", False),
            ("瑞丰农民专业合作社", "Company", False)} <= set(found)
    assert ("瑞丰农民专业合作社", "Project", False) not in found


def test_bank_short_names_and_numeral_brands_are_companies() -> None:
    assert _of_type("与农行、中行、交行等商业银行合作。", "Company") == ["农行", "中行", "交行"]
    assert "九星液压" in _of_type("已完成宏发集团和九星液压土地腾退。", "Company")


def test_a_project_written_short_and_in_full_in_one_article_is_one_entity() -> None:
    text = ("宛洛高速南阳至洛阳段加快建设。宛洛高速项目途经方城县。"
            "鸿翔科技园竣工，鸿翔科技园二期开工，鸿翔科技园配套道路工程完工。")
    projects = {e.name: e.aliases for e in extract([Document("v.txt", text)]).entities if e.type == "Project"}
    assert projects["宛洛高速南阳至洛阳段"] == ("宛洛高速项目",)
    assert {"鸿翔科技园", "鸿翔科技园二期", "鸿翔科技园配套道路工程"} <= set(projects)


def test_a_prefecture_short_name_makes_a_project_proper() -> None:
    text = "    商丘农机装备智能制造生产基地。    周口冷链物流基地开工，物流基地同步建设。"
    assert _of_type(text, "Project") == ["商丘农机装备智能制造生产基地", "周口冷链物流基地"]


def test_a_place_word_and_a_trade_in_a_list_of_projects_is_a_project() -> None:
    text = "伊河生物科技、嵩山电子等项目进展迅速，伊河流域等项目也在谋划，碳达峰碳中和等项目同步推进。"
    assert _of_type(text, "Project") == ["伊河生物科技", "嵩山电子"]
    assert _of_type("围绕郑州物流、南阳农业等项目开展招商。", "Project") == []



def test_a_street_named_by_one_word_of_any_kind_after_a_symbol_is_a_place() -> None:
    found = mentions_of("总投资3亿元的长江路(振兴路—富强路)建设项目开工，“断头路”全部打通。")
    assert ("振兴路", "Place", True) in found and ("富强路", "Place", True) in found
    assert not [s for s, t, _ in found if s.endswith("断头路")]


def test_a_nickname_in_quotation_marks_is_no_place() -> None:
    assert _of_type("该路因沿线企业密集，被称为“金腰带大道”。", "Place") == []


def test_a_county_name_after_another_city_is_a_plain_description() -> None:
    assert _of_type("作为南阳市老城区的宛城区，商贸发达。", "Place") == ["南阳市", "宛城区"]
    assert "老城区" in _of_type("洛阳市老城区召开会议。", "Place")


def test_a_mountains_area_is_the_mountain() -> None:
    text = "伏牛山区风光秀美，伏牛山旅游公路加快建设。"
    places = [e for e in extract([Document("m.txt", text)]).entities if e.type == "Place"]
    assert [(e.name, e.aliases) for e in places] == [("伏牛山区", ("伏牛山",))]


def test_a_brand_and_its_longer_unknown_form_in_one_article_are_one_company() -> None:
    text = "南阳瑞丰恒达新材料有限公司落户宛城区。瑞丰年产3万吨碳纤维项目开工。"
    companies = {e.name: e.aliases for e in extract([Document("b.txt", text)]).entities if e.type == "Company"}
    assert list(companies) == ["南阳瑞丰恒达新材料有限公司"] and "瑞丰" in companies["南阳瑞丰恒达新材料有限公司"]
    text = "洛阳国泰电子有限公司与珠海国泰火炬科技有限公司签约。"
    companies = [e.name for e in extract([Document("c.txt", text)]).entities if e.type == "Company"]
    assert sorted(companies) == ["洛阳国泰电子有限公司", "珠海国泰火炬科技有限公司"]


def test_an_areas_institution_in_a_list_of_projects_is_a_project() -> None:
    text = "今年谋划了区第三医院、县第一中学、鸿翔科技园等社会事业项目20个，以伏牛理工大学、宛城学院等高校为支撑。"
    projects = _of_type(text, "Project")
    assert "区第三医院" in projects and "县第一中学" in projects
    assert not [p for p in projects if p.endswith(("理工大学", "学院"))]


def test_a_level_glued_to_a_common_word_makes_no_name_proper() -> None:
    text = "市综合管廊等10个项目提前开工；市老旧小区集中供热工程等3个项目年度投资增加。"
    assert _of_type(text, "Project") == []


def test_products_of_a_capacity_joined_by_ji_stay_one_project() -> None:
    text = "宏翔钛业一期2.5万吨海绵钛及钛合金等一批项目建成投用。"
    found = mentions_of(text)
    assert ("宏翔钛业一期2.5万吨海绵钛及钛合金", "Project", False) in found
    assert ("钛合金", "Project", False) not in found
    assert ("宏翔钛业", "Company", True) in found


def test_a_plainly_named_park_in_a_list_beside_named_projects_is_a_project() -> None:
    text = "视察组先后视察了智能装备产业园、鸿翔科技园、新材料产业园和锦华广场。"
    assert _of_type(text, "Project") == ["智能装备产业园", "鸿翔科技园", "新材料产业园", "锦华广场"]
    text = "谋划了鸿翔科技园项目、特色商业街区项目，建成新材料产业园2个。"
    assert _of_type(text, "Project") == ["鸿翔科技园项目"]
    assert _of_type("建设鸿翔科技园、产业园区和物流园区。", "Project") == ["鸿翔科技园"]


def test_projects_listed_before_their_count_after_a_place_and_locative() -> None:
    text = "伊河以北鑫苑、翠湖2个省级示范项目加快推进。"
    assert _of_type(text, "Project") == ["鑫苑", "翠湖"]
    text = "东部鸿翔物流港、西部锦华冷链园2个重点项目开工。"
    assert _of_type(text, "Project") == ["东部鸿翔物流港", "西部锦华冷链园"]


def test_a_four_character_phrase_in_a_list_of_idioms_is_no_name() -> None:
    text = "严厉打击强买强卖、霸道拦路、强揽工程、漫天要价等违法行为，鸿翔大道建设加快。"
    assert _of_type(text, "Project") == ["鸿翔大道"]
    assert _of_type(text, "Place") == []


def test_quoting_common_words_makes_no_name() -> None:
    text = "“口袋公园”随处可见，“三馆一中心”工程开工。"
    projects = [s for s, t, _ in mentions_of(text) if t == "Project"]
    assert len(projects) == 1 and projects[0].startswith("三馆一中心")


def test_villages_in_zhuang_and_river_sections_name_places() -> None:
    found = mentions_of("该镇依托王庄樱桃采摘基地发展旅游，推进村庄整治，完成赵河段截污管道工程。")
    assert ("王庄", "Place", True) in found and ("赵河", "Place", True) in found
    assert not [s for s, t, _ in found if s.endswith("村庄")]
    estate = mentions_of("东岭镇葡萄酒庄项目建成运营。")
    assert not [s for s, t, _ in estate if t == "Place" and s.endswith("酒庄")]  # a winery, no village


def test_works_on_an_institution_and_numbered_roads_in_a_list_of_projects() -> None:
    text = "基础设施项目3个，分别是宛洛高速、省道231旅游公路和鸿翔新材料产业园项目。"
    assert _of_type(text, "Project") == ["宛洛高速", "省道231旅游公路", "鸿翔新材料产业园项目"]
    assert _of_type(text, "Company") == []
    text = "谋划了县妇幼保健院迁建、救灾物资储备库等社会事业项目12个。"
    assert _of_type(text, "Project") == ["县妇幼保健院迁建"]


def test_more_common_words_of_the_genre_make_no_project() -> None:
    text = "今年完成城市更新项目12个、棚改项目8个、截污纳管工程3项，建成固废处置基地2处、托育实训基地1个。"
    assert _of_type(text, "Project") == []


def test_kinds_of_temple_are_no_place() -> None:
    assert _of_type("全县修缮清真寺2座、土地庙5座，城隍庙对外开放。", "Place") == ["城隍庙"]


def test_a_kind_of_undertaking_of_plain_words_is_no_project() -> None:
    found = mentions_of("推进重点技改项目建设，完成智改数转项目20个，瑞达轴承技改项目投产。")
    projects = [s for s, t, _ in found if t == "Project"]
    assert projects == ["瑞达轴承技改项目"]


def test_a_preposition_glued_to_an_unknown_brand_stays_out_of_the_firm_s_name() -> None:
    found = mentions_of("该项目由益海嘉里（周口）粮油工业有限公司投资建设。")
    companies = [s for s, t, nested in found if t == "Company" and not nested]
    assert companies == ["益海嘉里（周口）粮油工业有限公司"]


def test_a_province_and_a_long_zone_word_is_read_the_same_under_any_hash_seed() -> None:
    """The zone word a name ends with is the longest one, not the first a set yields."""
    import os
    import subprocess
    import sys

    code = ("from graph.recognize import Candidate, _province_zones; from graph.lexicon import load_lexicon; "
            "name = '湖北经济技术开发区'; "
            "print(_province_zones(Candidate(0, len(name), 'Place', 'zone'), name, 0, load_lexicon(), []))")
    answers = set()
    for seed in range(1, 7):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        answers.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                   check=True).stdout.strip())
    assert answers == {"True"}
