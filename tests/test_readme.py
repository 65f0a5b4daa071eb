"""The README's ``kg query`` examples print what the README says they print."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_queries():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_queries", ROOT / "docs" / "readme_queries.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_readme_holds_three_query_examples_with_current_output() -> None:
    module = _readme_queries()
    text = module.README.read_text(encoding="utf-8")
    assert len(module.EXAMPLE.findall(text)) == 3
    new, stale = module.refreshed(text)
    assert stale == [], "run: python docs/readme_queries.py"
    assert new == text


def test_a_stale_output_is_reported() -> None:
    module = _readme_queries()
    text = module.README.read_text(encoding="utf-8").replace("(1 row)", "(99 rows)", 1)
    assert len(module.refreshed(text)[1]) == 1
