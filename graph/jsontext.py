"""JSON text that is fast to write and easy to diff: one item of each top-level list per line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def dumps_by_line(document: Mapping[str, Any]) -> str:
    """Return the JSON object ``document`` as text ending in a newline: keys sorted, each
    top-level member on a line of its own and each item of a top-level list on a line of its
    own, non-ASCII kept. Every line is written by the C encoder (an indented dump is pure
    Python and several times slower), and a one-item change is a one-line diff.

    >>> print(dumps_by_line({"b": [1, {"y": 2, "x": "甲"}], "a": {}}), end="")
    {"a": {},
    "b": [
    1,
    {"x": "甲", "y": 2}
    ]}
    """
    members = []
    for key in sorted(document):
        value = document[key]
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            items = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in value)
            members.append(f"{name}: [\n{items}\n]")
        else:
            members.append(f"{name}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    return "{" + ",\n".join(members) + "}\n"
