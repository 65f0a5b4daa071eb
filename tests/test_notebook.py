"""notebooks/explore.ipynb run top to bottom on a real kernel (nbclient + ipykernel).

The fresh run's tables must hold rows and the expected columns, and the committed notebook
must carry the same outputs (text and HTML exactly; images only present), so it reads as a
current report without running it.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest

for _module in ("nbclient", "nbformat", "ipykernel", "matplotlib", "pandas", "pyoxigraph"):
    pytest.importorskip(_module)

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
STALE = "the committed notebook's outputs are stale: run `python notebooks/run.py` and commit the result"

#: A snippet of a code cell's source -> the columns of the DataFrame it shows.
TABLES: dict[str, list[str]] = {
    "STRAFTER(STR(?class)": ["type", "entities"],
    'columns=["relation", "edges"]': ["relation", "edges"],
    "?file ?title ?date (COUNT": ["file", "title", "date", "entities"],
    "districts = q.sparql": ["district", "projects", "with_investment", "investment_yuan", "investment_yi_yuan"],
    'q.investment_by("city")': ["place", "id", "projects", "with_investment", "investment_yuan"],
    "zhkg:invests ?p": ["company", "project", "investment_yuan", "status"],
    "zhkg:manages ?p": ["department", "projects", "investment_yuan"],
    "best_attested = q.sparql": ["head", "relation", "tail", "articles", "statements"],
    "edge = best_attested.iloc[0]": ["file", "title", "cue", "sentence"],
    "q.evidence(": ["head", "relation", "tail", "doc", "title", "date", "start", "end", "cue", "sentence"],
    "centrality = pd.DataFrame": ["id", "label", "type", "degree", "degree_centrality", "betweenness"],
    "components = sorted": ["entities", "first names"],
    "louvain_communities": ["community", "entities", "best connected"],
    "q.neighbours(center": ["distance", "type", "label", "id", "relations"],
}


def _load_runner():
    spec = importlib.util.spec_from_file_location("notebooks_run", NOTEBOOKS / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def runner():
    return _load_runner()


@pytest.fixture(scope="module")
def fresh(runner) -> nbformat.NotebookNode:
    """The notebook executed now, in notebooks/, on the python3 kernel."""
    return runner.execute(runner.NOTEBOOK)


@pytest.fixture(scope="module")
def committed() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / "explore.ipynb", as_version=4)


def _cell(nb: nbformat.NotebookNode, snippet: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if c.cell_type == "code" and snippet in c.source]
    assert len(cells) == 1, f"expected one code cell holding {snippet!r}, found {len(cells)}"
    return cells[0]


def _html(cell: nbformat.NotebookNode) -> str:
    shown = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
    assert shown, f"cell {cell.source[:60]!r} shows no HTML"
    return shown[-1]


def _table(html: str) -> tuple[list[str], int]:
    """Return the column names and the row count of a pandas ``to_html`` table."""
    head = html[html.index("<thead>"): html.index("</thead>")]
    body = html[html.index("<tbody>"): html.index("</tbody>")]
    columns = [c for c in re.findall(r"<th>(.*?)</th>", head) if c]
    return columns, body.count("<tr>")


def test_every_code_cell_ran_without_errors(fresh):
    for cell in fresh.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:80]
            assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.source[:80]


@pytest.mark.parametrize("snippet", sorted(TABLES))
def test_tables_have_rows_and_columns(fresh, snippet):
    columns, rows = _table(_html(_cell(fresh, snippet)))
    assert columns == TABLES[snippet]
    assert rows > 0, f"the table of {snippet!r} is empty"


def test_graph_loads_from_the_export(fresh):
    plain = _cell(fresh, 'load("../exports/graph.ttl")').outputs[-1]["data"]["text/plain"]
    assert re.fullmatch(r"GraphQuery\(\d+ entities, \d+ edges, \d+ documents, \d+ triples\)", plain)


def test_plot_and_interactive_graph_are_shown(fresh):
    figure = _cell(fresh, "plt.subplots").outputs
    assert any("image/png" in o.get("data", {}) for o in figure)
    page = _html(_cell(fresh, "render(q.neighbourhood"))
    assert page.startswith("<div><iframe srcdoc=")
    assert "vis-network" in page and "&lt;script src=" not in page  # inlined, no CDN


def test_no_local_paths_in_the_committed_notebook(committed):
    text = json.dumps(committed, ensure_ascii=False)
    for local in {str(ROOT), str(Path.home())} - {"/"}:
        assert local not in text


def test_committed_notebook_is_normalised(runner, committed):
    assert committed.metadata["kernelspec"]["name"] == "python3"
    assert "version" not in committed.metadata.get("language_info", {})
    assert all("execution" not in cell.metadata for cell in committed.cells)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), STALE


def test_committed_outputs_are_current(runner, fresh, committed):
    old = runner.comparable(runner.normalise(copy.deepcopy(committed)))
    new = runner.comparable(fresh)
    assert [c["source"] for c in old] == [c["source"] for c in new]
    for index, (before, after) in enumerate(zip(old, new)):
        assert before == after, f"cell {index} ({after['source'][:50]!r}…): {STALE}"


def test_printed_text_sent_in_pieces_is_compared_whole(runner):
    pieces = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('a'); print('b')", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a"),
        nbformat.v4.new_output("stream", name="stdout", text="\nb\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
    ])])
    whole = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('a'); print('b')", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a\nb\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
    ])])
    assert runner.comparable(runner.normalise(pieces)) == runner.comparable(runner.normalise(whole))
