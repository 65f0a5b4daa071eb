"""A length-preserving fold for matching: full-width to half-width, one character for one.

Unlike NFKC it never changes a string's length, so an offset into folded text is an offset
into the original. Quotes and brackets fold to one form each; the result is for matching only.
"""

from __future__ import annotations

_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20})
_TABLE.update({ord(a): ord(b) for a, b in zip("“”‘’「」『』【】〔〕", "\"\"''\"\"\"\"[][]")})


def fold(text: str) -> str:
    """Return ``text`` with full-width forms, quotes and brackets folded, same length.

    >>> fold("蒙牛乳业（焦作）有限公司")
    '蒙牛乳业(焦作)有限公司'
    >>> len(fold("ＡＢＣ１２３")) == 6
    True
    """
    return text.translate(_TABLE)


_DROP = frozenset("\"'《》<>")
#: :data:`_TABLE` with the characters :func:`key` drops (also after folding) mapped to None.
_KEY_TABLE: dict[int, int | None] = {
    code: None if chr(target) in _DROP else target
    for code, target in {**{ord(ch): ord(ch) for ch in _DROP}, **_TABLE}.items()
}


def key(name: str) -> str:
    """Return the matching key of a name: folded, without quotes, book-title marks or white space.

    Used by resolution and by the scorer alike, so the two compare names the same way.
    (``str.split()`` drops exactly the characters for which ``str.isspace`` is true.)

    >>> key("“三十工程”") == key("三十工程")
    True
    >>> key("“新\\n\\n思源”")
    '新思源'
    """
    return "".join(name.translate(_KEY_TABLE).split())
