"""The data model shared by every stage: frozen, slotted dataclasses.

Later stages make new values and never mutate earlier ones. Offsets are always
``[start, end)`` character offsets into :attr:`Document.text`, exactly as decoded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The four core entity types of SCHEMA.md, then the two optional ones.
CORE_TYPES: tuple[str, ...] = ("Department", "Company", "Project", "Place")
OPTIONAL_TYPES: tuple[str, ...] = ("Person", "Organization")
ENTITY_TYPES: tuple[str, ...] = CORE_TYPES + OPTIONAL_TYPES

#: Relation type -> (allowed head types, allowed tail types), from SCHEMA.md.
RELATION_SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "partOf": (frozenset({"Department"}), frozenset({"Department", "Place"})),
    "locatedIn": (
        frozenset({"Company", "Project", "Place", "Organization"}),
        frozenset({"Place"}),
    ),
    "invests": (frozenset({"Company"}), frozenset({"Project"})),
    "manages": (frozenset({"Department", "Place"}), frozenset({"Project"})),
    "supports": (frozenset({"Department"}), frozenset({"Company"})),
    "includes": (frozenset({"Project"}), frozenset({"Project"})),
    "cooperates": (frozenset(ENTITY_TYPES), frozenset(ENTITY_TYPES)),
    "passesThrough": (frozenset({"Project"}), frozenset({"Place"})),
}
RELATION_TYPES: tuple[str, ...] = tuple(RELATION_SIGNATURES)
#: The weak edge for two entities named in one sentence; never a stated relation.
CO_OCCURS = "coOccurs"
#: Project statuses of SCHEMA.md, in life-cycle order.
STATUSES: tuple[str, ...] = ("签约", "开工", "在建", "竣工", "投产")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk."""

    id: str
    """The file's own name (no folder), unique within a corpus."""
    text: str
    """The text exactly as decoded: ``\\r\\n`` stays two characters."""
    title: str = ""
    """The headline where one is found, else empty."""
    date: str = ""
    """An ISO date (``2022-09-19``) where the text gives one, else empty."""
    path: str = ""
    """Where the file was read from, for messages; not part of any export."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a view into its document: offsets only, never a copy."""

    doc_id: str
    """The id of the document this sentence lies in."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""

    def text(self, doc: Document) -> str:
        """Return the sentence's text, sliced from ``doc``."""
        return doc.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming an entity."""

    doc_id: str
    """The id of the document the mention lies in."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    surface: str
    """The text of the span, exactly ``doc.text[start:end]``."""
    type: str
    """One of :data:`ENTITY_TYPES`."""
    rule: str
    """The name of the rule that found it (``suffix:company``, ``gazetteer:place``, …)."""
    name: str = ""
    """The name the span stands for, where it differs from the surface (quotes, line breaks removed)."""
    nested: bool = False
    """True when the span is a name inside a longer name and not a mention of its own."""

    @property
    def key(self) -> str:
        """The name this mention contributes: ``name`` where set, else ``surface``."""
        return self.name or self.surface


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing in the world, with every name and mention the corpus gives it."""

    id: str
    """Stable id derived from type and canonical name (same on every build)."""
    type: str
    """One of :data:`ENTITY_TYPES`."""
    name: str
    """The canonical name: the fullest form the corpus gives."""
    aliases: tuple[str, ...] = ()
    """Other names, sorted, without the canonical name."""
    mentions: tuple[Mention, ...] = ()
    """Every mention, sorted by document and offset; names inside longer names are flagged ``nested``."""
    attributes: tuple[tuple[str, Any], ...] = ()
    """Sorted ``(key, value)`` pairs: ``investment_yuan``, ``status``, ``year``."""
    merges: tuple[tuple[str, str], ...] = ()
    """How names joined this entity: ``(name, resolution rule)``."""

    @property
    def attrs(self) -> dict[str, Any]:
        """Return the attributes as a dict."""
        return dict(self.attributes)

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """Return the sorted ids of the documents that mention or name this entity."""
        return tuple(sorted({m.doc_id for m in self.mentions}))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation is stated: one sentence of one document."""

    doc_id: str
    """The id of the document."""
    start: int
    """Offset of the stating sentence's first character."""
    end: int
    """Offset one past the stating sentence's last character."""
    cue: str = ""
    """The cue that states the relation: a cue word, or ``name:…``/``report:…`` rules."""


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed, directed relation between two entities, with its evidence."""

    type: str
    """One of :data:`RELATION_TYPES`, or :data:`CO_OCCURS`."""
    head: str
    """The head entity's id."""
    tail: str
    """The tail entity's id."""
    evidence: tuple[Evidence, ...] = ()
    """Every place that states it, sorted."""


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate a stage considered and rejected, with the reason."""

    doc_id: str
    """The document it was found in."""
    start: int
    """Offset of the candidate's first character."""
    end: int
    """Offset one past its last character."""
    surface: str
    """The candidate text."""
    reason: str
    """Why it was dropped, in a few words."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """The result of a run: what every later consumer reads."""

    documents: tuple[Document, ...]
    """The documents, sorted by id."""
    entities: tuple[Entity, ...]
    """The entities, sorted by id."""
    relations: tuple[Relation, ...]
    """Stated relations and ``coOccurs`` edges, sorted."""
    dropped: tuple[Dropped, ...] = field(default=())
    """Candidates rejected along the way, with reasons."""

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with ``entity_id``; raise ``KeyError`` naming it if absent."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(f"no entity with id {entity_id!r}")
