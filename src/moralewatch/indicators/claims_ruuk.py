"""Who asserts a Russian or Ukrainian indicator (``claims.ruuk.v1``): the claimant, its side, the channel and the
quote, which ``indicators.ruuk.*`` leaves to the quote stages.

For each indicator of the Russian/Ukrainian rules (``rule`` ``ruuk:…``), in one pass with a sorted lookup of the
quotes of ``quotes.ruuk.*`` (``rule`` ``ruuk-…``), the first of:

1. **a quote its evidence overlaps** (the largest overlap): ``quote_index``, the quote's speaker as claimant (none
   when the quote has none: never invented), its side and channel;
2. **the sentence's attributed source**: a quote whose speaker is named in the evidence's sentence («По словам X,
   …», «X заявил, что …» with the evidence outside the reported words): that speaker, side and channel. The quote
   stage's rules recognise the attribution; nothing here parses it again;
3. **the document's own voice**: ``writer`` (the gold's convention, gold/ruuk/DEV_C.md hard case 1), with the side
   of the Telegram channel or the address's speaker the document's ``source`` names, as the knowledge base knows it
   (``data/kb`` outlets, then the quote stage's people and sources lists), else ``unknown``: never a side from the
   text's language.

Only fields that are still ``None``/``unknown`` are filled; span, indicator, subject side, hedged and negated are
never touched.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from ..lexicons import compile_regex
from ..model import Document, Indicator, Quote
from ..pipeline import stage

#: the prefix of the ``rule`` of the Russian/Ukrainian indicators, and of the Russian/Ukrainian quotes
INDICATOR_PREFIX = "ruuk:"
QUOTE_PREFIX = "ruuk-"
#: the claimant of the document's own voice (the gold's and the English tagger's convention)
WRITER = "writer"
_TELEGRAM = "Telegram channel:"
_ADDRESS_SPEAKER = compile_regex(r"speaker:\s*([^()]+)")
#: the parts of a channel's name («Русский Манифест | Пресса РДС/РДВС»)
_NAME_PARTS = compile_regex(r"[|/]")

#: (claimant, claimant side, channel, quote index)
Claim = tuple[str | None, str, str, int | None]


class Quotes:
    """The Russian/Ukrainian quotes of a document sorted by start, for overlap lookups in logarithmic time: the
    quotes that start before a span's end, walked back while the running maximum of their ends reaches past its
    start."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        ruuk = [(i, q) for i, q in enumerate(quotes) if (q.rule or "").startswith(QUOTE_PREFIX)]
        found = sorted((q.start, q.end, i) for i, q in ruuk)
        self.starts = [s for s, _e, _i in found]
        self.ends = [e for _s, e, _i in found]
        self.index = [i for _s, _e, i in found]
        self.reach = list(itertools.accumulate(self.ends, max))  # the largest end among the first k quotes
        # quotes by the start of their speaker's mention, for the sentence's attributed source
        spoken = sorted((q.speaker_start, q.speaker_end or q.speaker_start, i) for i, q in ruuk
                        if q.speaker and q.speaker_start is not None)
        self.speaker_starts = [s for s, _e, _i in spoken]
        self.speaker_ends = [e for _s, e, _i in spoken]
        self.speaker_index = [i for _s, _e, i in spoken]

    def overlapping(self, start: int, end: int) -> int | None:
        """The index (in ``doc.quotes``) of the quote that overlaps ``[start, end)`` most, else None."""
        k = bisect.bisect_left(self.starts, end) - 1
        best, best_len = None, 0
        while k >= 0 and self.reach[k] > start:
            n = min(end, self.ends[k]) - max(start, self.starts[k])
            if n > best_len or n == best_len and best is not None and self.index[k] < best:
                best, best_len = self.index[k], n
            k -= 1
        return best

    def named_in(self, sentence: tuple[int, int], evidence: tuple[int, int]) -> int | None:
        """The index of a quote whose speaker is named in the sentence but outside the evidence (a name inside the
        evidence does not assert it: «орденом Богдана Хмельницького»), the one named nearest the evidence."""
        lo = bisect.bisect_left(self.speaker_starts, sentence[0])
        hi = bisect.bisect_left(self.speaker_starts, sentence[1])
        named = [j for j in range(lo, hi)
                 if self.speaker_ends[j] <= evidence[0] or self.speaker_starts[j] >= evidence[1]]
        if not named:
            return None
        k = min(named, key=lambda j: (abs(self.speaker_starts[j] - evidence[0]), j))
        return self.speaker_index[k]


def _sentence(sentences: Sequence[tuple[int, int]], starts: Sequence[int], pos: int) -> tuple[int, int] | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and sentences[k][0] <= pos < sentences[k][1]:
        return sentences[k]
    return None


def source_of(doc: Document) -> tuple[str, str, str] | None:
    """Who the document's source says writes it: ``("telegram", channel, value)``, ``("address", speakers, value)``
    or ``("outlet", name, value)`` (``value``: the source or outlet field read), else None."""
    for value in (doc.source, doc.outlet):
        if not isinstance(value, str):
            continue
        if value.startswith(_TELEGRAM):
            return "telegram", value[len(_TELEGRAM):].strip(), value
        m = _ADDRESS_SPEAKER.search(value)
        if m:
            return "address", m.group(1), value
    for value in (doc.outlet, doc.source):
        if isinstance(value, str) and value.strip() and value != "-":
            return "outlet", value.strip(), value
    return None


def own_voice(doc: Document) -> Claim:
    """The document's own voice: ``writer``, the side of the channel or speaker its source names, the channel."""
    source = source_of(doc)
    if source is None:
        return WRITER, "unknown", "unknown", None
    form, name, _ = source
    if form == "address":
        return WRITER, _speakers_side(name), "video", None
    return WRITER, _channel_side(name), "social_media_post" if form == "telegram" else "unknown", None


@functools.lru_cache(maxsize=1024)
def _channel_side(name: str) -> str:
    """The side the knowledge base gives a channel or outlet: data/kb's outlets (the whole name, or a part between
    | and /), else the quote stage's sources list (data/quotes_ruuk/sources.tsv), else unknown."""
    from ..quotes_ruuk.names import describe

    sides = _outlet_sides()
    for part in [name, *_NAME_PARTS.split(name)]:
        side = sides.get(part.strip().lower())
        if side and side != "unknown":
            return side
    return describe(name)[1] if name else "unknown"


@functools.cache
def _outlet_sides() -> dict[str, str]:
    """The outlets of data/kb/orgs.tsv by lower-cased name and alias -> side: what
    :func:`moralewatch.corpus.counts.outlet_sides` reads, read here without importing the corpus package (numpy and
    the story index: 16 MB of a worker's memory for five lines)."""
    from ..lexicons import kb

    return {form.lower(): e.side or "unknown" for e in kb("orgs") if e.kind == "outlet" for form, _users in e.forms}


@functools.lru_cache(maxsize=256)
def _speakers_side(speakers: str) -> str:
    """The side of an address's speakers by the quote stage's people list, when they all have the same one."""
    from ..quotes_ruuk.lexicon import lexicon

    people = lexicon().people
    sides = set()
    for name in (p.strip() for p in speakers.split(",")):
        words = name.split()
        person = people.get(words[-1].lower()) if words else None
        sides.add(person[2] if person and person[2] else "unknown")
    return sides.pop() if len(sides) == 1 else "unknown"


def claim_of(item: Indicator, quotes: Quotes, doc: Document, sentence: tuple[int, int] | None,
             own: Claim) -> Claim:
    """(claimant, side, channel, quote index) of one indicator (the module's three steps)."""
    qi = quotes.overlapping(item.start, item.end)
    if qi is not None:
        q = doc.quotes[qi]
        return q.speaker, q.side, q.channel, qi
    if sentence is not None:
        qi = quotes.named_in(sentence, (item.start, item.end))
        if qi is not None:
            q = doc.quotes[qi]
            return q.speaker, q.side, q.channel, None
    return own


def fill(item: Indicator, claim: Claim) -> None:
    """Set the claim's fields that the indicator leaves None or unknown."""
    claimant, side, channel, qi = claim
    if item.quote_index is None and qi is not None:
        item.quote_index = qi
    if item.claimant is None and claimant:
        item.claimant = claimant
    if item.claimant_side == "unknown":
        item.claimant_side = side
    if item.channel == "unknown":
        item.channel = channel


def add_claims(doc: Document) -> None:
    items = [i for i in doc.indicators if (i.rule or "").startswith(INDICATOR_PREFIX)]
    if not items:
        return
    quotes = Quotes(doc.quotes)
    starts = [s for s, _e in doc.sentences]
    own = own_voice(doc)
    for item in items:
        fill(item, claim_of(item, quotes, doc, _sentence(doc.sentences, starts, item.start), own))


@stage("claims.ruuk.v1", requires=("sentences", "quotes_ruuk", "indicators_ruuk"), provides=("claims_ruuk",))
def claim_ruuk(doc: Document, config: Mapping[str, Any]) -> None:
    """The claimant, claimant side, channel and quote of the Russian and Ukrainian indicators (``ruuk:`` rules)
    that their stage leaves unknown: the quote their evidence overlaps (its speaker, never invented), else the
    sentence's source the quote stage names, else the document's own voice (``writer``, with the side the knowledge
    base gives its channel or speaker)."""
    add_claims(doc)
