"""The zhkg RDF vocabulary as a closed namespace, and the IRIs of instances.

:class:`ZHKG` lists every class and property of ``graph/ontology.ttl``; like rdflib's own
``DefinedNamespace`` vocabularies, a name it does not define raises ``AttributeError``, so
a typo fails loudly instead of minting a new term.

Instance IRIs are the base IRI (default :data:`DEFAULT_BASE_IRI`) followed by:

* an entity's id as it is (``Company/焦作卓立膜材料股份有限公司``);
* ``doc/`` and a document's id (``doc/001_ab12.txt``);
* ``stmt/`` and a hash, for the reified statement carrying one piece of evidence.

Ids are kept raw where an IRI allows it (Chinese, ``()``, ``（）``, ``“”`` …) and
percent-encoded (UTF-8) where it does not, see :func:`iri_segment`. The same id gives the same
IRI on every build.
"""

from __future__ import annotations

import hashlib
import unicodedata
from importlib import resources

from rdflib import Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

#: The namespace of the zhkg ontology.
ZHKG_NAMESPACE = "https://zhkg.dev/ontology#"
#: The base IRI of instances (entities, documents, statements) unless one is given.
DEFAULT_BASE_IRI = "https://zhkg.dev/id/"
#: schema.org, with the scheme rdflib's ``SDO`` uses.
SCHEMA_NAMESPACE = "https://schema.org/"
#: Where an instance IRI's path puts documents and reified statements.
DOCUMENT_PATH = "doc/"
STATEMENT_PATH = "stmt/"

#: ASCII characters an IRI path segment may not hold raw (besides controls), per RFC 3987.
_ASCII_ESCAPED = frozenset(' "<>{}|\\^`#?%[]')


class ZHKG(DefinedNamespace):
    """The zhkg ontology: entity and document classes, relations, attributes, evidence terms.

    Defined in ``graph/ontology.ttl`` with labels in Chinese and English.
    """

    _NS = Namespace(ZHKG_NAMESPACE)
    _fail = True

    # Classes
    Entity: URIRef  # Anything the graph names: superclass of the six entity classes.
    Department: URIRef  # A government or party body (部门/机关).
    Company: URIRef  # A company, group or enterprise (企业).
    Project: URIRef  # A construction, investment or development undertaking (项目/工程).
    Place: URIRef  # An administrative division, zone, river, street … (地点).
    Person: URIRef  # A named person with a role.
    Organization: URIRef  # A university, hospital, school or association (机构).
    Document: URIRef  # One news article of the corpus.

    # Relations (SCHEMA.md) and the weak co-occurrence edge
    partOf: URIRef
    locatedIn: URIRef
    invests: URIRef
    manages: URIRef
    supports: URIRef
    includes: URIRef
    cooperates: URIRef
    passesThrough: URIRef
    coOccurs: URIRef

    # Attributes of entities
    investmentYuan: URIRef  # Total investment in yuan, xsd:decimal.
    status: URIRef  # Project status: 签约, 开工, 在建, 竣工, 投产.
    year: URIRef  # Year the text gives for a project, xsd:gYear.
    mentionCount: URIRef  # Number of mentions in the corpus, xsd:integer.
    mentionedIn: URIRef  # A document that mentions the entity.

    # Attributes of documents
    fileName: URIRef  # The article's file name, its id in the corpus.
    title: URIRef  # The headline.
    date: URIRef  # The publication date, xsd:date.

    # Evidence, on reified statements (rdf:Statement)
    sentence: URIRef  # The text of the sentence stating the relation.
    startOffset: URIRef  # Offset of the sentence's first character in the document.
    endOffset: URIRef  # Offset one past the sentence's last character.
    cue: URIRef  # The cue word or rule that states the relation.


#: The entity classes, by the ``type`` names of :mod:`graph.model`.
ENTITY_CLASSES: dict[str, URIRef] = {
    name: ZHKG[name] for name in ("Department", "Company", "Project", "Place", "Person", "Organization")
}


def terms() -> tuple[URIRef, ...]:
    """Return every term of :class:`ZHKG`, in the order the class lists them."""
    return tuple(ZHKG[name] for name in ZHKG.__annotations__)


def _escape_char(char: str) -> str:
    """Return ``char`` as it stands in an IRI path segment: raw, or percent-encoded UTF-8."""
    if _is_iri_char(char):
        return char
    data = char.encode("utf-8", errors="surrogatepass")
    return "".join(f"%{byte:02X}" for byte in data)


def _is_iri_char(char: str) -> bool:
    """Return whether ``char`` may stand raw in an IRI path (RFC 3987 ``ipchar`` or ``/``)."""
    code = ord(char)
    if code < 0x80:
        return code > 0x20 and code != 0x7F and char not in _ASCII_ESCAPED
    if unicodedata.category(char) in ("Cc", "Cs", "Co", "Zs", "Zl", "Zp"):
        return False  # controls, surrogates, private use; spaces (U+3000), which N-Triples parsers reject
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return False  # noncharacters
    return not 0xE0000 <= code <= 0xE0FFF  # plane 14's tags are outside ucschar


def iri_segment(text: str) -> str:
    """Return ``text`` (an id, ``/`` kept as path separator) made safe for an IRI path.

    Percent-encodes (as UTF-8, upper-case hex) space, ``"<>{}|\\^`#?%[]``, control characters,
    every other space (U+3000 …), and the few other code points RFC 3987 forbids (private use,
    noncharacters); a whole segment that is ``.`` or ``..`` is encoded too, so no resolver can
    collapse it. Everything else, Chinese and full-width punctuation included, stays raw.

    >>> iri_segment("Project/牧野路(影视路—丰收路)建设项目")
    'Project/牧野路(影视路—丰收路)建设项目'
    >>> iri_segment("Company/A#1 ?50%")
    'Company/A%231%20%3F50%25'
    """
    segments = []
    for segment in text.split("/"):
        if segment in (".", ".."):
            segments.append(segment.replace(".", "%2E"))
        else:
            segments.append("".join(_escape_char(char) for char in segment))
    return "/".join(segments)


def entity_iri(entity_id: str, base: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the entity ``entity_id`` (``Type/name``) under ``base``.

    >>> str(entity_iri("Place/文昌街道"))
    'https://zhkg.dev/id/Place/文昌街道'
    """
    return URIRef(base + iri_segment(entity_id))


def document_iri(doc_id: str, base: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the document ``doc_id`` (its file name) under ``base``.

    >>> str(document_iri("small.txt"))
    'https://zhkg.dev/id/doc/small.txt'
    """
    return URIRef(base + DOCUMENT_PATH + iri_segment(doc_id))


def statement_iri(head: str, relation: str, tail: str, doc_id: str, start: int, end: int,
                  cue: str = "", base: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the reified statement for one piece of evidence of one relation.

    Takes the head and tail entity ids, the relation type and the evidence's document id,
    offsets and cue (one sentence may state a relation by two cues: two evidence records);
    returns ``base`` + ``stmt/`` + the first 32 hex digits of a SHA-256 of them, so the same
    evidence gets the same IRI on every build.
    """
    key = "\x1f".join((head, relation, tail, doc_id, str(start), str(end), cue))
    digest = hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]
    return URIRef(base + STATEMENT_PATH + digest)


def ontology() -> Graph:
    """Return ``graph/ontology.ttl`` (the zhkg classes and properties) parsed into a new graph."""
    data = resources.files("graph").joinpath("ontology.ttl").read_bytes()
    return Graph().parse(data=data, format="turtle")
