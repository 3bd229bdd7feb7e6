"""Where and when each quote and indicator is about: the nearest place and date the text gives.

The sentence holding the evidence comes first, then its paragraph, then the dateline (a place at the very start
of the article, "KHARKIV, Ukraine —") and the publication date. A country is used only when no finer place is at
hand in the same scope, since "Russia" in a sentence about Bakhmut names an actor more often than a location.
"""

from __future__ import annotations

import bisect

from ..model import Document, Entity, Indicator, Quote

_DATELINE_CHARS = 60


def _enclosing(spans: list[tuple[int, int]], pos: int, starts: list[int] | None = None) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, ``starts`` their starts) that holds ``pos``."""
    i = bisect.bisect_right(starts if starts is not None else [s for s, _ in spans], pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def _best_place(ents: list[Entity]) -> Entity | None:
    places = [e for e in ents if e.type == "place"]
    finer = [e for e in places if e.granularity in ("city", "region")]
    pool = finer or places
    return pool[0] if pool else None


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _rank(e: Entity) -> int:
    return _RANK.get(e.granularity or "", 4)


def _best_date(ents: list[Entity]) -> Entity | None:
    dates = [e for e in ents if e.type == "date"]
    return min(dates, key=_rank) if dates else None


def _within(ents: list[Entity], starts: list[int], span: tuple[int, int] | None) -> list[Entity]:
    """Entities inside ``span`` (``ents`` sorted by start, ``starts`` their starts): a bisect, not a scan."""
    if span is None:
        return []
    lo, hi = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
    return [e for e in ents[lo:hi] if e.end <= span[1]]


class _Index:
    """The starts of a document's entities, sentences and paragraphs, and its dateline place: made once per
    document (made again for every quote and indicator, they made linking quadratic in the size of a document)."""

    def __init__(self, doc: Document) -> None:
        self.entities = [e.start for e in doc.entities]
        self.sentences = [s for s, _ in doc.sentences]
        self.paragraphs = [s for s, _ in doc.paragraphs]
        dateline = [e for e in doc.entities if e.type == "place" and e.start < _DATELINE_CHARS
                    and doc.text[e.end:e.end + 3].startswith((",", " —", " -"))]
        self.dateline = dateline[0] if dateline else None
        #: the best place and date of each sentence and paragraph, found once (quotes share their paragraph)
        self.best: dict[tuple[int, int], tuple[Entity | None, Entity | None]] = {}
        #: per paragraph: the starts of its dates, the best date and the furthest end up to each
        self.prefix: dict[tuple[int, int], tuple[list[int], list[Entity], list[int]]] = {}

    def best_date_before(self, doc: Document, paragraph: tuple[int, int], end: int) -> Entity | None:
        """``_best_date`` of the entities inside ``(paragraph[0], end)``, from a prefix table made once per
        paragraph: each quote of a long paragraph asks for its own prefix, and scanning it every time was quadratic
        in the paragraph's length. A date that starts before ``end`` and runs past it is not inside: then the scan."""
        if paragraph not in self.prefix:
            starts: list[int] = []
            best: list[Entity] = []
            reach: list[int] = []
            for e in _within(doc.entities, self.entities, paragraph):
                if e.type == "date":
                    starts.append(e.start)
                    best.append(e if not best or _rank(e) < _rank(best[-1]) else best[-1])
                    reach.append(max(e.end, reach[-1]) if reach else e.end)
            self.prefix[paragraph] = (starts, best, reach)
        starts, best, reach = self.prefix[paragraph]
        k = bisect.bisect_left(starts, end)
        if k == 0:
            return None
        if reach[k - 1] <= end:
            return best[k - 1]
        return _best_date(_within(doc.entities, self.entities, (paragraph[0], end)))

    def best_in(self, doc: Document, span: tuple[int, int] | None) -> tuple[Entity | None, Entity | None]:
        if span is None:
            return None, None
        if span not in self.best:
            ents = _within(doc.entities, self.entities, span)
            self.best[span] = (_best_place(ents), _best_date(ents))
        return self.best[span]


def place_date_source(doc: Document, start: int, index: _Index | None = None,
                      frame_only: bool = False) -> tuple[str | None, str | None, str]:
    """The place name, date value and where the date came from (``sentence``: a date in the evidence's sentence,
    ``paragraph``: one in its paragraph, ``published``: the document's publication date, ``none``: no date the
    text supports) for evidence starting at ``start``. ``frame_only`` (links.v2): a paragraph's date counts only
    when it comes before the evidence's sentence."""
    ix = index if index is not None else _Index(doc)
    sentence = _enclosing(doc.sentences, start, ix.sentences)
    paragraph = _enclosing(doc.paragraphs, start, ix.paragraphs)
    place = date = None
    source = "none"
    for name, span in (("sentence", sentence), ("paragraph", paragraph)):
        best_place, best_date = ix.best_in(doc, span)
        place = place or best_place
        if name == "paragraph" and frame_only and paragraph is not None:
            # a date earlier in the paragraph frames what follows; one in a later sentence is another event's
            lead = (paragraph[0], sentence[0] if sentence is not None and sentence[0] > paragraph[0] else start)
            best_date = ix.best_date_before(doc, paragraph, lead[1]) if lead[1] > lead[0] else None
        if date is None and best_date is not None:
            date, source = best_date, name
    if place is None:
        place = ix.dateline
    if date is None and doc.published:
        return place.name if place else None, doc.published[:10], "published"
    return place.name if place else None, date.value if date else None, source


def place_and_date(doc: Document, start: int, index: _Index | None = None) -> tuple[str | None, str | None]:
    """The place name and date value for evidence starting at ``start``."""
    place, date, _ = place_date_source(doc, start, index)
    return place, date


def link(doc: Document, sources: bool = False) -> None:
    """Fill ``place`` and ``date`` of every quote and indicator of ``doc`` (entities sorted by start), and with
    ``sources`` (links.v2) their ``date_source``."""
    doc.entities.sort(key=lambda e: e.start)
    index = _Index(doc)
    items: list[Quote | Indicator] = [*doc.quotes, *doc.indicators]
    for item in items:
        item.place, item.date, source = place_date_source(doc, item.start, index, frame_only=sources)
        if sources:
            item.date_source = source
