"""People, organisations, places and dates (issue 4), and the links that give each quote and indicator its place
and date.

``entities.v2`` is one pass of compiled patterns over the canonical text (capitalised runs for names, one date
pattern) with lexicon and gazetteer lookups per run, loaded once per process, then ambiguous places weighed in the
document's context (``context.py``); ``entities.v1`` is the same without the context. ``links.v1`` runs after quotes and
indicators; ``links.v2`` also says where each date came from (``date_source``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document, Entity
from ..pipeline import stage
from .context import resolve as resolve_places
from .dates import find_dates
from .links import link
from .names import Spans, find_names


def find_all(text: str, published: str | None, in_context: bool = True) -> list[Entity]:
    """Every entity of ``text``, sorted by start, without overlaps (a name wins over a date inside it).

    ``in_context`` (entities.v2): ambiguous places weighed in the document's context (``context.py``), and days and
    months without a year anchored to a year the paragraph names for its events (``dates.py``)."""
    names = find_names(text, in_context)
    if in_context:
        resolve_places(text, names)
    taken = Spans([(e.start, e.end) for e in names])
    dates = [d for d in find_dates(text, published, in_context) if not taken.overlaps(d.start, d.end)]
    return sorted(names + dates, key=lambda e: e.start)


@stage("entities.v0", requires=("sentences",), provides=("entities",))
def find_entities_v0(doc: Document, config: Mapping[str, Any]) -> None:
    """The empty stub, kept so that rows stamped entities.v0 stay explainable."""
    doc.entities = []


@stage("entities.v1", requires=("sentences",), provides=("entities",))
def find_entities_v1(doc: Document, config: Mapping[str, Any]) -> None:
    """Places by name alone (the most populous reading), dates without the paragraph's year: kept so that rows
    stamped entities.v1 stay reproducible."""
    doc.entities = find_all(doc.text, doc.published, in_context=False)


@stage("entities.v2", requires=("sentences",), provides=("entities",))
def find_entities(doc: Document, config: Mapping[str, Any]) -> None:
    doc.entities = find_all(doc.text, doc.published)


@stage("links.v1", requires=("entities", "quotes", "indicators", "sentences", "paragraphs"), provides=("links",))
def link_evidence_v1(doc: Document, config: Mapping[str, Any]) -> None:
    """Place and date without ``date_source``: kept so that rows stamped links.v1 stay reproducible."""
    link(doc)


@stage("links.v2", requires=("entities", "quotes", "indicators", "sentences", "paragraphs"), provides=("links",))
def link_evidence(doc: Document, config: Mapping[str, Any]) -> None:
    link(doc, sources=True)
