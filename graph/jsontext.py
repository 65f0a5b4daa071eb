"""JSON text that is fast to write and easy to diff: one item of each top-level list per line."""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Mapping
from typing import Any


def dumps_by_line(document: Mapping[str, Any], encoded: Mapping[str, list[str]] | None = None) -> str:
    """Return the JSON object ``document`` as text ending in a newline: keys sorted, each
    top-level member on a line of its own and each item of a top-level list on a line of its
    own, non-ASCII kept. Every line is written by the C encoder (an indented dump is pure
    Python and several times slower), and a one-item change is a one-line diff.

    ``encoded`` gives members whose value is a list as the JSON text of each item, already
    written as ``json.dumps(item, ensure_ascii=False, sort_keys=True)`` would; they stand in
    for the members of ``document`` of the same name.

    >>> print(dumps_by_line({"b": [1, {"y": 2, "x": "甲"}], "a": {}}), end="")
    {"a": {},
    "b": [
    1,
    {"x": "甲", "y": 2}
    ]}
    """
    encode = sorted_encoder()
    encoded = encoded or {}
    parts = ["{"]  # joined once at the end: the text is tens of megabytes, each copy counts
    for key in sorted({**document, **encoded}):
        value = encoded[key] if key in encoded else document[key]
        if len(parts) > 1:
            parts.append(",\n")
        parts += (json.dumps(key, ensure_ascii=False), ": ")
        if isinstance(value, list) and value:
            parts.append("[\n")
            parts += interleave(value if key in encoded else list(map(encode, value)), ",\n")
            parts.append("\n]")
        else:
            parts.append(encode(value))
    parts.append("}\n")
    return "".join(parts)


def interleave(items: list[str], separator: str) -> list[str]:
    """Return a new list of ``items`` with ``separator`` between each two, so that
    ``"".join(pieces)`` of a longer list holding them gives ``separator.join(items)`` in its
    place without that text being made (and copied) on its own first.

    >>> interleave(["a", "b", "c"], ", ")
    ['a', ', ', 'b', ', ', 'c']
    >>> interleave([], ", ")
    []
    """
    pieces = [separator] * (2 * len(items) - 1) if items else []
    pieces[::2] = items
    return pieces


def sorted_encoder(separators: tuple[str, str] = (", ", ": "), allow_nan: bool = True) -> Callable[[Any], str]:
    """Return a function giving ``json.dumps(value, ensure_ascii=False, sort_keys=True,
    separators=separators, allow_nan=allow_nan)`` of its one argument, the same text, made by
    one C encoder kept for all calls (``json.dumps`` sets up a new encoder per call, which
    cost more than encoding a small item). Falls back to a :class:`json.JSONEncoder`'s
    ``encode`` where the C encoder is missing.

    >>> sorted_encoder()({"b": [1.5, None], "a": "甲\\n"})
    '{"a": "甲\\\\n", "b": [1.5, null]}'
    >>> sorted_encoder((",", ":"))({"b": [1, 2], "a": 0})
    '{"a":0,"b":[1,2]}'
    """
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=separators, allow_nan=allow_nan)
    make = json.encoder.c_make_encoder
    if make is None:  # pragma: no cover - CPython always has the C encoder
        return encoder.encode
    # the arguments json.JSONEncoder.iterencode gives the C encoder for a one-shot dump
    markers: dict[int, Any] = {}  # the containers being encoded: a circular value raises
    encode = make(markers, encoder.default, json.encoder.encode_basestring, None, encoder.key_separator,
                  encoder.item_separator, True, False, allow_nan)

    def dumps(value: Any) -> str:
        """Return ``value`` as JSON text (see :func:`sorted_encoder`)."""
        try:
            return "".join(encode(value, 0))
        except BaseException:
            markers.clear()  # an error leaves the failed value's containers there
            raise

    return dumps
