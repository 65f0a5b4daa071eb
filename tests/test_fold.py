"""The matching key of :mod:`graph.fold` against its plain definition, on random text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.fold import _DROP, _TABLE, fold, key

#: Characters the fold and the key treat specially, and ordinary ones around them.
_SPECIAL = "".join(chr(c) for c in _TABLE) + "".join(_DROP) + " \t\n\r\u3000\u2003\x0b\x1c" + "甲乙项目公司"


def plain_key(name: str) -> str:
    """The key as the docstring defines it: fold, then drop quotes, marks and white space."""
    return "".join(ch for ch in fold(name) if ch not in _DROP and not ch.isspace())


@given(st.text(alphabet=st.sampled_from(_SPECIAL), max_size=30) | st.text(max_size=30))
def test_key_matches_its_definition(name: str) -> None:
    assert key(name) == plain_key(name)


def test_key_drops_full_width_quotes_and_ideographic_space() -> None:
    assert key("＂甲乙\u3000项目＂《丙》") == "甲乙项目丙"
