"""The data model, declared once: every other module imports it.

A document has one canonical text; everything else points into it with ``[start, end)`` character offsets and a
stored span always satisfies ``text == canonical[start:end]``. The :class:`OffsetMap` maps canonical offsets back
to the input the document came from.

The dataclasses below are also the schema: the SQLite tables (``store/schema.py``), the export columns and the
extract output are derived from their fields, so a field is added here and nowhere else.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

# -- codebook identifiers (shared/spec/codebook.md v1) ------------------------------------------------------------

CODEBOOK_VERSION = "v1"

INDICATORS: tuple[str, ...] = (
    "fear", "deceived", "coerced", "betrayed_by_command", "expendable", "heavy_losses", "unwilling",
    "surrender_desertion", "sabotage", "untrained", "supply_shortage", "casualty_concealment",
    "forced_recruitment", "trauma", "orders_against_civilians", "morale_low", "morale_boosting", "morale_high",
)
ROLES: tuple[str, ...] = (
    "soldier", "pow", "relative", "commander", "official", "intelligence_agency", "diplomat", "expert",
    "journalist", "local_authority", "civilian", "politician", "ngo", "unknown",
)  # politician and ngo: codebook v1.1 (the transcript turns give them)
SIDES: tuple[str, ...] = ("ru", "ua", "west", "independent", "unknown")
SUBJECT_SIDES: tuple[str, ...] = ("ru", "ua", "unknown")
CHANNELS: tuple[str, ...] = (
    "video", "phone_call", "text_message", "social_media_post", "interview", "press_briefing", "statement",
    "news_report", "document", "unknown",
)
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "indirect", "mixed")
ENTITY_TYPES: tuple[str, ...] = ("person", "org", "place", "date")

Kind = Literal["direct", "partial", "indirect", "mixed"]


def content_id(text: str) -> str:
    """Document id: a hash of the canonical text, so the same text is the same document everywhere."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# -- offsets ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class OffsetMap:
    """Maps canonical offsets back to the input text.

    The canonical text is built from pieces of the input: piece ``i`` covers canonical ``[canon[i], canon[i] +
    length[i])`` and came from input ``[inp[i], inp[i] + length[i])``, character for character (substitutions
    inside a piece keep their length: a non-breaking space becomes a space, a line break inside a paragraph
    becomes a space). Input characters between pieces were dropped (page furniture, blank lines). Characters
    the cleaner inserted (a paragraph break between two pieces) map to the end of the previous piece.
    ``inp`` may hold ``-1`` for a piece whose input position is unknown (HTML whose text could not be aligned).
    """

    canon: list[int] = field(default_factory=list)
    inp: list[int] = field(default_factory=list)
    length: list[int] = field(default_factory=list)

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls([0], [0], [n])

    def add(self, canon_start: int, input_start: int, length: int) -> None:
        if self.canon and canon_start < self.canon[-1] + self.length[-1]:
            raise ValueError("offset map pieces must be added in order and must not overlap")
        self.canon.append(canon_start)
        self.inp.append(input_start)
        self.length.append(length)

    def to_input(self, pos: int) -> int | None:
        """Input offset of canonical offset ``pos`` (for an end offset, pass ``pos`` and use it as exclusive)."""
        if not self.canon:
            return None
        i = bisect.bisect_right(self.canon, pos) - 1
        if i < 0:
            return None if self.inp[0] < 0 else self.inp[0]
        if self.inp[i] < 0:
            return None
        return self.inp[i] + min(pos - self.canon[i], self.length[i])

    def span_to_input(self, start: int, end: int) -> tuple[int, int] | None:
        """Input span of a canonical span; ``None`` when either end cannot be placed."""
        s = self.to_input(start)
        if end > start:
            e1 = self.to_input(end - 1)
            e = None if e1 is None else e1 + 1
        else:
            e = s
        if s is None or e is None:
            return None
        return s, e

    def to_json(self) -> list[list[int]]:
        return [list(t) for t in zip(self.canon, self.inp, self.length)]

    @classmethod
    def from_json(cls, data: list[list[int]]) -> OffsetMap:
        m = cls()
        for c, i, n in data:
            m.add(c, i, n)
        return m


# -- annotations -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Quote:
    """Who said what, through whom. ``start``/``end`` cover the content only, without quotation marks."""

    start: int
    end: int
    text: str
    kind: str = "direct"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str = "unknown"
    side: str = "unknown"
    channel: str = "unknown"
    via: list[str] = field(default_factory=list)
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    continues: int | None = None
    confidence: float = 0.5
    place: str | None = None
    date: str | None = None
    rule: str | None = None
    #: where ``date`` came from: sentence | paragraph | published | none (``links.v2``)
    date_source: str | None = None


@dataclass(slots=True)
class Indicator:
    """What a piece of evidence asserts about the morale of a force (codebook v1)."""

    indicator: str
    start: int
    end: int
    text: str
    subject_side: str = "unknown"
    claimant: str | None = None
    claimant_side: str = "unknown"
    channel: str = "unknown"
    quote_index: int | None = None
    hedged: bool = False
    negated: bool = False
    confidence: float = 0.5
    rule: str | None = None
    cue: str | None = None
    place: str | None = None
    date: str | None = None
    #: where ``date`` came from: sentence | paragraph | published | none (``links.v2``)
    date_source: str | None = None


@dataclass(slots=True)
class Entity:
    """A person, organisation, place or date mention; a place has coordinates, a date a normalised value."""

    type: str
    start: int
    end: int
    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    value: str | None = None
    granularity: str | None = None
    rule: str | None = None
    #: a place the context could not decide: the gazetteer ids it may be (no ``geonameid``, no coordinates)
    candidates: list[int] | None = None
    #: how sure the place reading is (0-1), for Ukrainian and Russian settlements weighed in context
    confidence: float | None = None


ANNOTATIONS: dict[str, type] = {"quotes": Quote, "indicators": Indicator, "entities": Entity}


@dataclass(slots=True)
class Document:
    """One article, with its canonical text and everything the stages add to it."""

    text: str
    source: str = "-"
    locator: str = ""
    external_id: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    #: where ``published`` was read (``clean/dates.py``): meta, jsonld, byline, url; none when the input states no
    #: publication date (then ``published`` is None: a date is never made up); None for documents made before
    date_source: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None
    section: str | None = None
    input_format: str = "txt"
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    input_text: str | None = None
    removed: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    #: text layers of the segment stage for the later stages, never stored: the spans between quotation marks
    #: (``moralewatch.layers.marks.Marked``) and the text with those spans blanked
    marks: list[Any] = field(default_factory=list)
    masked: str = ""
    quotes: list[Quote] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stamps: dict[str, str] = field(default_factory=dict)
    #: the language detected by ``language.v1`` (``lang.py``): en, ru, uk, other (most letters), or None
    language: str | None = None
    #: the language of each paragraph, in the order of ``paragraphs`` (en, ru, uk, other; und: no letters)
    paragraph_languages: list[str] = field(default_factory=list)
    #: what the input format carries beyond the text: a Telegram message's ids, dates, forward chain, links and
    #: hashtags; a transcript's cues (timestamps and their canonical offsets), turns and stage notes
    meta: dict[str, Any] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    #: annotation attribute -> {stage: stamp} of every stage that wrote a field of its rows (set by the pipeline)
    written_by: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return content_id(self.text)


@dataclass(slots=True)
class Outcome:
    """What happened to one input: a file, a JSONL line or a WARC record. Nothing is dropped silently."""

    source: str
    locator: str
    status: str  # ok | duplicate | rejected
    code: str | None = None
    reason: str | None = None
    document_id: str | None = None
    input_sha: str | None = None
    size: int | None = None


def as_row(obj: Any) -> dict[str, Any]:
    """A dataclass as a plain dict (lists kept as lists)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
