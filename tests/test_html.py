"""The ``html`` exporter: a self-contained, deterministic, script-safe page.

Python-side tests read the written file; browser tests open it in headless Chromium (one
browser per module). Without Chromium the browser tests are skipped, unless ``CI`` is set,
where they fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import browser
import networkx as nx
import pytest

from graph.export import html
from graph.kg import KnowledgeGraph
from graph.model import Document, Entity, Evidence, Extraction, Mention, Relation

IMG = '<img src=x onerror="window.pwned=1">'
SCRIPT = "</script><script>window.pwned=2</script>"
COMMENT = "<!--"
SEPARATORS = "\u2028\u2029"
HOSTILE_TEXT = f"{IMG}公司与{SCRIPT}项目签约{COMMENT}合作。"
CUE_HOSTILE = "与"

DATA_BLOCK = re.compile(r'<script type="application/json" id="zhkg-data">(.*?)</script>', re.S)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def hostile_extraction() -> Extraction:
    """Return an extraction whose names, title and evidence are script-injection attempts."""
    doc = Document(id="evil<b>.txt", text=HOSTILE_TEXT, title=f"{SCRIPT}{IMG}", date="2023-01-01")
    img_at = HOSTILE_TEXT.index(IMG)
    script_at = HOSTILE_TEXT.index(SCRIPT)
    company = Entity(
        id=f"Company/{IMG}", type="Company", name=IMG, aliases=(f"别名{SEPARATORS}{COMMENT}",),
        mentions=(Mention(doc.id, img_at, img_at + len(IMG), IMG, "Company", "test"),),
    )
    project = Entity(
        id=f"Project/{SCRIPT}", type="Project", name=SCRIPT,
        mentions=(Mention(doc.id, script_at, script_at + len(SCRIPT), SCRIPT, "Project", "test"),),
        attributes=(("investment_yuan", "123456789"), ("status", "签约"), ("year", 2023)),
    )
    evidence = (Evidence(doc.id, 0, len(HOSTILE_TEXT), CUE_HOSTILE),)
    relation = Relation("cooperates", company.id, project.id, evidence)
    return Extraction(documents=(doc,), entities=(company, project), relations=(relation,))


@pytest.fixture
def hostile_kg() -> KnowledgeGraph:
    """A KnowledgeGraph whose every string tries to break out of the page."""
    return KnowledgeGraph.build(hostile_extraction())


def page_json(text: str) -> dict[str, Any]:
    """Return the JSON data block of a written page, parsed."""
    match = DATA_BLOCK.search(text)
    assert match, "no data block"
    return json.loads(match.group(1))


def write(kg: KnowledgeGraph, folder: Path, name: str = "graph.html") -> tuple[Path, str]:
    """Export ``kg`` into ``folder``; return the path and the text written."""
    path = html.export(kg, folder / name)
    return path, path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- Python side


def test_export_writes_a_utf8_page_with_title_and_counts(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path, text = write(small_kg, tmp_path)
    assert path == tmp_path / "graph.html"
    assert '<meta charset="utf-8">' in text
    assert "<title>zhkg — knowledge graph (4 entities, 4 edges)</title>" in text
    assert "焦作卓立膜材料股份有限公司" in text
    assert not list(tmp_path.glob(".*.tmp")), "the atomic write left a temporary file"


def test_page_has_no_remote_references(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    _, text = write(small_kg, tmp_path)
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"@import", text, re.I)
    assert "<link rel=\"stylesheet\"" not in text
    assert "default-src 'none'" in text


def test_vis_network_is_inlined_from_pyvis(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    _, text = write(small_kg, tmp_path)
    vis_js, vis_css = html.vis_assets()
    assert vis_js.startswith("/**\n * vis-network")
    assert vis_js in text and vis_css in text


def test_csp_allows_exactly_the_inline_scripts(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    _, text = write(small_kg, tmp_path)
    scripts = INLINE_SCRIPT.findall(text)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in text
    assert "'unsafe-inline'" not in text.split("script-src", 1)[1].split(";", 1)[0]


def test_embedded_json_round_trips(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    _, text = write(small_kg, tmp_path)
    data = page_json(text)
    assert data == json.loads(json.dumps(html.page_data(small_kg)))
    assert [n["id"] for n in data["nodes"]] == sorted(small_kg.G.nodes)
    for node in data["nodes"]:
        attrs = small_kg.G.nodes[node["id"]]
        for key in ("label", "type", "aliases"):
            assert node[key] == attrs[key]
        assert node["documents"] == attrs["documents"]
    edges = {(e["from"], e["to"], e["type"]): e["evidence"] for e in data["edges"]}
    assert edges == {(h, t, k): d["evidence"] for h, t, k, d in small_kg.edges()}
    assert data["documents"] == {"small.txt": {"title": "示范区发改委", "date": "2022-09-19"}}


def test_project_attributes_are_shown_in_yi_yuan(small_kg: KnowledgeGraph) -> None:
    nodes = {n["id"]: n for n in html.page_data(small_kg)["nodes"]}
    assert nodes["Project/创基智谷项目"]["attrs"] == [["investment", "30 亿元"], ["status", "在建"]]
    assert html.format_yi_yuan("123456789") == "1.23456789 亿元"
    assert html.format_yi_yuan("50000000") == "0.5 亿元"
    assert html.format_yi_yuan("n/a") == "n/a 元"


def test_degree_counts_stated_relations_only(small_kg: KnowledgeGraph) -> None:
    nodes = {n["id"]: n for n in html.page_data(small_kg)["nodes"]}
    assert nodes["Department/示范区发改委"]["degree"] == 2  # manages + supports, not coOccurs
    assert nodes["Place/文昌街道"]["degree"] == 1


def test_co_occurs_is_hidden_by_default_and_parallel_edges_curve(small_kg: KnowledgeGraph) -> None:
    data = html.page_data(small_kg)
    shown = {r["name"]: r["shown"] for r in data["relations"]}
    assert shown["coOccurs"] is False and shown["manages"] is True
    curves = [e.get("curve") for e in data["edges"] if e["from"] == "Department/示范区发改委"
              and e["to"] == "Project/创基智谷项目"]
    assert sorted(curves, key=str) == [0.2, None]


def test_two_exports_are_byte_identical(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    first, _ = write(small_kg, tmp_path, "a.html")
    second, _ = write(small_kg, tmp_path, "b.html")
    assert first.read_bytes() == second.read_bytes()


def test_insertion_order_does_not_change_the_file(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(small_kg.G.graph)
    shuffled.add_nodes_from(reversed(list(small_kg.G.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(small_kg.G.edges(keys=True, data=True))))
    first, _ = write(small_kg, tmp_path, "a.html")
    second, _ = write(KnowledgeGraph(shuffled), tmp_path, "b.html")
    assert first.read_bytes() == second.read_bytes()


def test_hostile_strings_never_appear_unescaped(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    _, text = write(hostile_kg, tmp_path)
    for needle in (IMG, SCRIPT, "<img", "<script>window", COMMENT, "\u2028", "\u2029", "evil<b>"):
        assert needle not in text, needle
    assert text.count("</script>") == 3  # the data block and the two inline scripts
    data = page_json(text)
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {IMG, SCRIPT}
    assert f"别名{SEPARATORS}{COMMENT}" in {a for n in data["nodes"] for a in n["aliases"]}
    assert data["edges"][0]["evidence"][0]["text"] == HOSTILE_TEXT
    assert data["documents"]["evil<b>.txt"]["title"] == f"{SCRIPT}{IMG}"


def test_embed_json_escapes_markup_characters() -> None:
    text = html.embed_json({"k": "<>&\u2028\u2029</script>"})
    assert text == '{"k":"\\u003c\\u003e\\u0026\\u2028\\u2029\\u003c/script\\u003e"}'
    assert json.loads(text) == {"k": "<>&\u2028\u2029</script>"}


def test_large_graphs_get_a_fast_deterministic_layout_without_physics() -> None:
    G = nx.gnm_random_graph(html.SPRING_MAX_NODES + 100, 600, seed=3)
    kg = KnowledgeGraph(nx.MultiDiGraph())
    kg.G.graph["documents"] = {}
    for node in G.nodes:
        kg.G.add_node(f"Place/{node:04d}", type="Place", label=f"地点{node}", aliases=[], mentions=1,
                      documents=[])
    for u, v in G.edges:
        kg.G.add_edge(f"Place/{u:04d}", f"Place/{v:04d}", key="coOccurs", type="coOccurs", evidence=[])
    first, second = html.layout(kg), html.layout(kg)
    assert first == second
    assert len(set(first.values())) > 0.95 * len(first), "nodes piled onto one another"
    assert html.page_data(kg)["meta"]["physics"] is False


def test_empty_graph_renders(tmp_path: Path) -> None:
    kg = KnowledgeGraph.build(Extraction(documents=(), entities=(), relations=()))
    _, text = write(kg, tmp_path)
    assert page_json(text)["nodes"] == []


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def driver() -> Any:
    """One headless Chromium for the module; skipped without it, failed when CI=true."""
    reason = browser.missing()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"headless Chromium is required on CI: {reason}")
        pytest.skip(f"headless Chromium unavailable: {reason}")
    with browser.chromium() as session:
        yield session


@pytest.fixture
def small_page(driver: Any, small_kg: KnowledgeGraph, tmp_path: Path) -> Any:
    """The driver with the small graph's page open and drawn."""
    path, _ = write(small_kg, tmp_path)
    browser.open_page(driver, path)
    return driver


@pytest.fixture
def hostile_page(driver: Any, hostile_kg: KnowledgeGraph, tmp_path: Path) -> Any:
    """The driver with the hostile graph's page open and drawn."""
    path, _ = write(hostile_kg, tmp_path)
    browser.open_page(driver, path)
    return driver


def js(driver: Any, script: str, *args: Any) -> Any:
    """Run ``script`` in the page and return its result."""
    return driver.execute_script(script, *args)


def node_hidden(driver: Any, node: str) -> bool:
    """Return whether vis-network currently hides ``node``."""
    return bool(js(driver, "return network.body.nodes[arguments[0]].options.hidden", node))


def click_canvas(driver: Any, x: float, y: float) -> None:
    """Click the graph canvas at DOM coordinates ``(x, y)`` relative to its top-left corner."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#zhkg-graph canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()


def node_dom(driver: Any, node: str) -> tuple[float, float]:
    """Return the DOM position of ``node`` on the canvas."""
    point = js(driver, "var p = network.getPositions([arguments[0]])[arguments[0]];"
                       "var d = network.canvasToDOM(p); return [d.x, d.y];", node)
    return point[0], point[1]


def test_every_node_is_drawn(small_page: Any, small_kg: KnowledgeGraph) -> None:
    count = small_kg.G.number_of_nodes()
    assert js(small_page, "return network.body.data.nodes.length") == count
    assert js(small_page, "return Object.keys(network.body.nodes).length") == count
    assert js(small_page, "return network.body.nodeIndices.length") == count
    assert small_page.title == "zhkg — knowledge graph (4 entities, 4 edges)"


def test_no_network_request_and_no_console_error(small_page: Any) -> None:
    assert browser.non_local(browser.requested_urls(small_page)) == []
    resources = js(small_page, "return performance.getEntriesByType('resource').map(e => e.name)")
    assert browser.non_local(resources) == []
    assert browser.console_errors(small_page) == []


def test_search_finds_a_node_by_alias(small_page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = small_page.find_element(By.ID, "zhkg-search")
    box.send_keys("区发改委", Keys.ENTER)
    assert js(small_page, "return network.getSelectedNodes()") == ["Department/示范区发改委"]
    details = small_page.find_element(By.ID, "zhkg-details").text
    assert "示范区发改委" in details and "区发改委" in details
    box.clear()
    box.send_keys("卓立", Keys.ENTER)
    assert js(small_page, "return network.getSelectedNodes()") == ["Company/焦作卓立膜材料股份有限公司"]
    box.clear()
    box.send_keys("不存在的名字", Keys.ENTER)
    assert "没有找到" in small_page.find_element(By.ID, "zhkg-status").text


def test_type_filter_hides_nodes_and_their_edges(small_page: Any) -> None:
    from selenium.webdriver.common.by import By

    box = small_page.find_element(By.CSS_SELECTOR, '#zhkg-types label[data-type="Company"] input')
    company = "Company/焦作卓立膜材料股份有限公司"
    assert not node_hidden(small_page, company)
    box.click()
    assert node_hidden(small_page, company)
    assert not node_hidden(small_page, "Place/文昌街道")
    hidden_edges = js(small_page, "return network.body.data.edges.get().filter(e => e.hidden)"
                                  ".map(e => e.label).sort()")
    assert hidden_edges == ["coOccurs", "locatedIn", "supports"]
    box.click()
    assert not node_hidden(small_page, company)


def test_co_occurs_toggle(small_page: Any) -> None:
    from selenium.webdriver.common.by import By

    hidden = "return network.body.data.edges.get().filter(e => e.label === 'coOccurs')[0].hidden"
    assert js(small_page, hidden) is True
    small_page.find_element(By.CSS_SELECTOR, '#zhkg-relations label[data-relation="coOccurs"] input').click()
    assert js(small_page, hidden) is False


def test_click_node_fades_the_rest_and_background_resets(small_page: Any) -> None:
    place = "Place/文昌街道"
    colour = "return network.body.data.nodes.get(arguments[0]).color.background"
    click_canvas(small_page, *node_dom(small_page, place))
    assert js(small_page, "return network.getSelectedNodes()") == [place]
    assert js(small_page, colour, "Project/创基智谷项目") == "#ececec"  # not a neighbour: faded
    assert js(small_page, colour, "Company/焦作卓立膜材料股份有限公司") == "#f28e2b"
    click_canvas(small_page, 5, 5)
    assert js(small_page, colour, "Project/创基智谷项目") == "#e15759"


def test_click_edge_shows_evidence_with_marked_cue(small_page: Any) -> None:
    from selenium.webdriver.common.by import By

    head = node_dom(small_page, "Company/焦作卓立膜材料股份有限公司")
    tail = node_dom(small_page, "Place/文昌街道")
    click_canvas(small_page, head[0] * 0.4 + tail[0] * 0.6, head[1] * 0.4 + tail[1] * 0.6)
    details = small_page.find_element(By.ID, "zhkg-details")
    marks = [m.text for m in details.find_elements(By.TAG_NAME, "mark")]
    assert marks == ["位于"]
    assert "焦作卓立膜材料股份有限公司位于文昌街道。" in details.text
    assert "示范区发改委 (small.txt)" in details.text


def test_hover_shows_a_tooltip(small_page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y = node_dom(small_page, "Project/创基智谷项目")
    canvas = small_page.find_element(By.CSS_SELECTOR, "#zhkg-graph canvas")
    size = canvas.size
    ActionChains(small_page).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
    text = browser.wait_for(small_page, "var t = document.querySelector('div.vis-tooltip');"
                                        "return t && t.style.visibility !== 'hidden' && t.textContent;")
    assert "创基智谷项目" in text and "30 亿元" in text and "在建" in text
    assert "示范区发改委 (small.txt)" in text


def test_hostile_labels_run_no_script_and_show_as_text(hostile_page: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = hostile_page
    assert js(driver, "return typeof window.pwned") == "undefined"
    assert js(driver, "return network.body.data.nodes.length") == 2
    assert js(driver, "return document.querySelectorAll('img').length") == 0
    assert js(driver, "return network.body.data.nodes.get(arguments[0]).label", f"Company/{IMG}") == IMG
    assert js(driver, "return zhkg.search(arguments[0])", "别名") == f"Company/{IMG}"
    details = driver.find_element(By.ID, "zhkg-details")
    assert IMG in details.get_property("textContent")
    assert js(driver, "return zhkg.search(arguments[0])", SCRIPT) == f"Project/{SCRIPT}"
    assert SCRIPT in details.get_property("textContent")
    assert "1.23456789 亿元" in details.get_property("textContent")
    js(driver, "var box = document.getElementById('zhkg-details'); box.textContent = '';"
               "box.appendChild(zhkg.edgeCard(JSON.parse(document.getElementById('zhkg-data').textContent)"
               ".edges[0]));")
    assert HOSTILE_TEXT.replace(SEPARATORS, "") in details.get_property("textContent")
    assert js(driver, "return document.querySelectorAll('img, #zhkg-details script').length") == 0
    assert js(driver, "return typeof window.pwned") == "undefined"
    assert browser.console_errors(driver) == []
    assert browser.non_local(browser.requested_urls(driver)) == []


def test_screenshot_renders(small_page: Any, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    assert small_page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_committed_seed_page_draws_every_entity_offline(driver: Any) -> None:
    """The page users open first, exports/graph.html, draws every entity with no request."""
    import json

    root = Path(__file__).resolve().parent.parent
    graph = json.loads((root / "exports" / "graph.json").read_text(encoding="utf-8"))
    browser.drain_logs(driver)
    browser.open_page(driver, root / "exports" / "graph.html")
    assert js(driver, "return network.body.data.nodes.length") == len(graph["nodes"])
    assert browser.non_local(browser.requested_urls(driver)) == []
    assert browser.console_errors(driver) == []
