"""People, organisations, places and dates (issue 4), and the links that give each quote and indicator its place
and date.

``entities.v1`` is one pass of compiled patterns over the canonical text (capitalised runs for names, one date
pattern) with lexicon and gazetteer lookups per run, loaded once per process. ``links.v1`` runs after quotes and
indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document, Entity
from ..pipeline import stage
from .dates import find_dates
from .links import link
from .names import Spans, find_names


def find_all(text: str, published: str | None) -> list[Entity]:
    """Every entity of ``text``, sorted by start, without overlaps (a name wins over a date inside it)."""
    names = find_names(text)
    taken = Spans([(e.start, e.end) for e in names])
    dates = [d for d in find_dates(text, published) if not taken.overlaps(d.start, d.end)]
    return sorted(names + dates, key=lambda e: e.start)


@stage("entities.v0", requires=("sentences",), provides=("entities",))
def find_entities_v0(doc: Document, config: Mapping[str, Any]) -> None:
    """The empty stub, kept so that rows stamped entities.v0 stay explainable."""
    doc.entities = []


@stage("entities.v1", requires=("sentences",), provides=("entities",))
def find_entities(doc: Document, config: Mapping[str, Any]) -> None:
    doc.entities = find_all(doc.text, doc.published)


@stage("links.v1", requires=("entities", "quotes", "indicators", "sentences", "paragraphs"), provides=("links",))
def link_evidence(doc: Document, config: Mapping[str, Any]) -> None:
    link(doc)
