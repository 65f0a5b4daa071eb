"""The lexicon: general data the recognizer and relation extractor read, loaded once.

Everything here is general knowledge of the language and of China's administrative
divisions; nothing is taken from the seed corpus. The data files sit beside this module:

- ``suffixes.tsv``: name suffixes per entity type (有限公司 → Company, 委员会 → Department …)
- ``breakers.txt``: words that never stand inside a name (function words, cue verbs)
- ``generic.txt``: common words that look like names by their suffix (重点项目, 全市 …)
- ``zones.txt``: development-zone kinds used alone for the article's own zone (示范区 …)
- ``abbreviations.tsv``: full and short forms of bodies and banks (发展和改革委员会 ↔ 发改委)
- ``cues.tsv``: cue words per relation; ``status.tsv``: cue words per project status
- ``industries.txt``: industry words that follow a brand in a company's short name (机械, 科技 …)
- ``common.txt``: common words that jieba tags as proper names or does not know (智慧, 老旧 …)

The administrative divisions (provinces, prefectures, counties with GB/T 2260 codes) are
read from the data table that the ``cpca`` package (MIT licence) ships, not from its
parser; its module is never imported.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.model import ENTITY_TYPES

HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Division:
    """An administrative division of China with its GB/T 2260 code."""

    code: str
    """The 12-digit code (first six digits are GB/T 2260)."""
    name: str
    """The full name, e.g. ``武陟县``."""
    level: str
    """``province``, ``prefecture`` or ``county``."""
    parent: str
    """The code of the division it lies in, or ``""`` for a province."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list the pipeline reads, as plain immutable collections."""

    suffixes: tuple[tuple[str, str, int], ...]
    """``(suffix, type, min_core)`` sorted longest first."""
    breakers: frozenset[str]
    """Words that end a name's left extension."""
    generic: frozenset[str]
    """Common words that are never entities."""
    zones: frozenset[str]
    """Development-zone kinds (示范区 …)."""
    abbreviations: tuple[tuple[str, str], ...]
    """``(full form, short form)`` pairs, longest full form first."""
    cues: tuple[tuple[str, str, str], ...]
    """``(relation, cue, direction)`` rows."""
    status_cues: tuple[tuple[str, str], ...]
    """``(cue, status)`` pairs, longest cue first."""
    divisions: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    """Full or short name → the divisions bearing it."""
    divisions_by_code: dict[str, Division] = field(default_factory=dict)
    """Code → division."""
    user_terms: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """``(name, type, aliases)`` rows from a user lexicon file."""
    industries: frozenset[str] = frozenset()
    """Industry words that follow a brand in a company's short name (宏远机械)."""
    common: frozenset[str] = frozenset()
    """Common words that never make a name proper, whatever jieba's tag (智慧, 老旧)."""
    version: str = ""
    """A digest of all the data above, for caches."""


class LexiconError(Exception):
    """A user lexicon file that cannot be read; the message names the file and line."""


def _rows(name: str) -> list[list[str]]:
    """Return the tab-separated rows of data file ``name``, comments and blank lines dropped."""
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _words(name: str) -> frozenset[str]:
    """Return the white-space separated words of data file ``name``, comments dropped."""
    words: set[str] = set()
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def _division_table() -> Path:
    """Return the path of cpca's table of divisions without importing cpca."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("the cpca package is not installed; it provides the divisions table")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


_SHORTENABLE = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "县", "盟", "地区")


def short_name(name: str, level: str) -> str:
    """Return the common short form of a division's name, or ``""`` when it has none.

    Districts (区) keep their full name: their short forms are ordinary words too often.

    >>> short_name("武陟县", "county"), short_name("河南省", "province"), short_name("解放区", "county")
    ('武陟', '河南', '')
    """
    for suffix in _SHORTENABLE:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if level == "province" and suffix == "自治区":
                stem = stem[:3] if stem.startswith("内蒙古") else stem[:2]
            return stem
    return ""


def load_divisions() -> tuple[dict[str, tuple[Division, ...]], dict[str, Division]]:
    """Read the divisions table; return (name or short name → divisions, code → division)."""
    by_code: dict[str, Division] = {}
    with _division_table().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"], row["name"]
            if code[2:] == "0" * 10:
                level, parent = "province", ""
            elif code[4:] == "0" * 8:
                level, parent = "prefecture", code[:2] + "0" * 10
            else:
                level, parent = "county", code[:4] + "0" * 8
            by_code[code] = Division(code, name, level, parent)
    for code, div in list(by_code.items()):
        if div.parent and div.parent not in by_code:  # counties of a municipality
            by_code[code] = Division(code, div.name, div.level, div.parent[:2] + "0" * 10)
    by_name: dict[str, list[Division]] = {}
    for div in sorted(by_code.values(), key=lambda d: d.code):
        by_name.setdefault(div.name, []).append(div)
        short = short_name(div.name, div.level)
        if short:
            by_name.setdefault(short, []).append(div)
    return {k: tuple(v) for k, v in by_name.items()}, by_code


def read_user_lexicon(path: Path) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Read a user lexicon: a UTF-8 TSV of ``name``, ``type``, and optional ``aliases`` (``|``-separated).

    Returns ``(name, type, aliases)`` rows; raises :class:`LexiconError` naming the line on a bad row.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read lexicon ({err})") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in ENTITY_TYPES or not parts[0].strip():
            raise LexiconError(f"{path}:{number}: expected 'name<TAB>type[<TAB>alias|alias]' with a type of {', '.join(ENTITY_TYPES)}")
        aliases = tuple(a.strip() for a in parts[2].split("|") if a.strip()) if len(parts) > 2 else ()
        rows.append((parts[0].strip(), parts[1], aliases))
    return tuple(rows)


@lru_cache(maxsize=4)
def load_lexicon(user_file: str | None = None) -> Lexicon:
    """Load the built-in lexicon, plus the user lexicon at ``user_file`` if given; cached."""
    suffixes = tuple(
        sorted(((s, t, int(m)) for s, t, m in _rows("suffixes.tsv")), key=lambda r: (-len(r[0]), r[0]))
    )
    divisions, by_code = load_divisions()
    user = read_user_lexicon(Path(user_file)) if user_file else ()
    digest = hashlib.sha256()
    for name in sorted(p.name for p in HERE.iterdir() if p.suffix in (".tsv", ".txt")):
        digest.update((HERE / name).read_bytes())
    digest.update(repr(user).encode("utf-8"))
    digest.update(_division_table().read_bytes())
    return Lexicon(
        suffixes=suffixes,
        breakers=_words("breakers.txt"),
        generic=_words("generic.txt"),
        zones=frozenset(_words("zones.txt")),
        abbreviations=tuple(sorted(((f, s) for f, s in _rows("abbreviations.tsv")), key=lambda r: (-len(r[0]), r))),
        cues=tuple((r, c, d) for r, c, d in _rows("cues.tsv")),
        status_cues=tuple(sorted(((c, s) for c, s in _rows("status.tsv")), key=lambda r: (-len(r[0]), r))),
        divisions=divisions,
        divisions_by_code=by_code,
        user_terms=user,
        industries=_words("industries.txt"),
        common=_words("common.txt"),
        version=digest.hexdigest()[:16],
    )
