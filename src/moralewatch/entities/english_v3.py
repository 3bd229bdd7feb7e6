"""English places with no confident answer the text does not support (``entities.v3``; issue 13 item 4, issue 17
item 5).

``entities.v2`` (:mod:`.context`) weighs the readings of a shared name by its context and takes the best one when it
leads by a margin. The population prior alone gives that lead whenever one reading is ten times more populous than the
next ("Kostiantynivka" of 67,000 against 11,500), and the document's regions and places add to it: with no word of
context about the mention, v2 still gives an id, a confident wrong answer when the place is a village the gazetteer
lacks or another namesake. A name with a single Ukrainian or Russian settlement in the gazetteer is never weighed at
all (the name finder's reading stands), though the village meant may be one the gazetteer lacks.

``entities.v3`` is v2 whose ids need evidence that tells the readings apart (:class:`Evidence`); any one of:

* a **city by far the biggest of its name** (100,000+ and ten times the next: v2's ``dominant``, unchanged);
* an **oblast named for the mention** ("Pavlivka, Donetsk region") or a **raion** named after its centre
  ("Kostyantynivka, Kramatorsk district"), as v2 reads it (the oblast keeps only its readings);
* a **relation** ("12 km west of Orikhiv", "near Bakhmut") that the reading fits (v2's reader);
* the **country named for the mention** ("Novomoskovsk, a town in eastern Ukraine"): the only reading there;
* the **paragraph's oblast**: the paragraph names the reading's oblast and no other reading's;
* **neighbours**: a place of one reading in the paragraph lies within :attr:`Evidence.near_km` of the reading and no
  other reading lies within :attr:`Evidence.apart_km` of any of them (a front line, a list of towns of one area);
* the **only town of its name in its country**, in a document about that country: the reading has
  :attr:`Evidence.unique_pop` inhabitants or more, ten times any other reading in that country, and
  :attr:`Evidence.focus` of the document's unambiguous Ukrainian and Russian places lie in that country.

Without any of these the mention keeps no id: the name, its candidates, a confidence below 0.5 and the oblast only
when one is named for it (an oblast the text does not name, a guess from the gazetteer or the paragraph, is counted
as a confident wrong answer when the village lies elsewhere). A name with one settlement in the gazetteer is checked
the same way. v2 is unchanged; the English output differs from v2's in places only.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..lexicons import compile_regex
from ..model import Document, Entity
from ..pipeline import stage
from . import context as ctx
from .context import LOCAL, _Anchors, _decide, _Mention, region_admin1, unresolved
from .dates import find_dates
from .gazetteer import Place, gazetteer
from .names import Spans, find_names

#: ", Kramatorsk district", " in the Bakhmut raion", " (Pokrovsk district)": a raion named after its centre
_RAION_AFTER = compile_regex(
    rf"(?:,{ctx._S0}|{ctx._S}\(|{ctx._S}(?:in|of){ctx._S}(?:the{ctx._S})?)"
    rf"(?P<raion>[A-Z][\w’'-]{{1,60}}+){ctx._S}(?:district|District|raion|Raion|rayon|Rayon)\b")


#: ", a town in eastern Ukraine", " (a village in Russia's ...)": the country named for the mention
_COUNTRY_AFTER = compile_regex(
    rf"(?:,{ctx._S0}|{ctx._S}\({ctx._S0})(?:a|the){ctx._S}(?:(?:small|large|frontline|front-line|border|key|"
    rf"strategic|industrial|eastern|southern|northern|western)[\w-]{{0,20}}+{ctx._S})?(?:town|city|village|settlement)"
    rf"{ctx._S}(?:in|of){ctx._S}(?:(?:north|south|east|west|central)[\w-]{{0,20}}+{ctx._S})?(?P<country>Ukraine|Russia)\b")
_COUNTRIES = {"Ukraine": "UA", "Russia": "RU"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What entities.v3 counts as evidence for a reading (module docstring)."""

    #: a place of the paragraph this close to the reading is a neighbour ...
    near_km: float = 60.0
    #: ... when no other reading lies this close to any place of the paragraph
    apart_km: float = 120.0
    #: the paragraph's oblast counts when it is the reading's and no other reading's
    para_region: bool = True
    #: the only town of its name in its country: its population at least (0: off)
    unique_pop: int = 10_000
    #: ... and this share of the document's unambiguous Ukrainian and Russian places in that country
    focus: float = 0.7
    #: a raion named for the mention ("Kostyantynivka, Kramatorsk district") places it in the centre's oblast
    raion: bool = True
    #: the paragraphs either side count as the mention's for its oblast and neighbours (0: its own only)
    window: int = 1
    #: the front of the document: this share of its places within 100 km of the reading and none of another
    #: reading (0: off)
    front: float = 0.0


#: the settings the stage runs with (scripts/places_en_v3_dev.py varies them)
EVIDENCE = Evidence()


def raion_oblast(text: str, end: int) -> str | None:
    """The oblast of a raion named right after a name ending at ``end``, when its centre's name is a city of one
    Ukrainian or Russian reading (or one by far the biggest)."""
    m = _RAION_AFTER.match(text, end)
    if m is None:
        return None
    readings, weights = ctx.local_readings(gazetteer().lookup(m.group("raion")))
    if not readings:
        return region_admin1(m.group("raion"))
    first = weights.get(readings[0].geonameid or 0, 0.0)
    second = weights.get(readings[1].geonameid or 0, 0.0) if len(readings) > 1 else 0.0
    if len(readings) == 1 or first >= 10 * second:
        return readings[0].admin1
    return None


class _Judge:
    """The evidence of one document: its paragraphs' oblasts and anchors, the share of its places by country."""

    def __init__(self, text: str, starts: list[int], anchors: _Anchors, regions_para: dict[int, set[str]],
                 ev: Evidence) -> None:
        self.text, self.anchors, self.regions_para, self.ev = text, anchors, regions_para, ev
        #: the paragraphs that hold any text (a blank line between paragraphs is not one)
        ends = starts[1:] + [len(text)]
        self.full = [i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if text[a:b].strip()]
        counts: dict[str, int] = {}
        for (_gid, _text), (a, n) in anchors.places.items():
            if a.country in LOCAL and a.admin1 is not None:
                counts[a.country or ""] = counts.get(a.country or "", 0) + n
        total = sum(counts.values())
        self.focus = {c: n / total for c, n in counts.items()} if total else {}

    def _window(self, para: int) -> list[int]:
        """The paragraph and the :attr:`Evidence.window` paragraphs with text either side of it."""
        k = bisect.bisect_left(self.full, para)
        return [para] + self.full[max(0, k - self.ev.window):k] + \
            self.full[k + (k < len(self.full) and self.full[k] == para):][:self.ev.window]

    def guard(self, m: _Mention, readings: list[Place], scores: dict[int, float],
              rel: tuple[Entity, float | None] | None, oblast: str | None, para_regions: set[str]) -> bool:
        """:func:`.context._decide`'s last check: the leading reading without evidence leaves the mention unresolved
        (True), its confidence below 0.5."""
        ranked = sorted(readings, key=lambda p: -scores[id(p)])
        if self.supported(m, ranked[0], readings, rel is not None) is not None:
            return False
        lead = scores[id(ranked[0])] - (scores[id(ranked[1])] if len(ranked) > 1 else 0.0)
        unresolved(m.ent, ranked, oblast, round(min(0.45, 0.5 * lead / ctx.MARGIN), 2))
        return True

    def supported(self, m: _Mention, best: Place, readings: list[Place], related: bool) -> str | None:
        """Why ``best`` (the leading reading) may be taken with an id, or ``None``."""
        if related:
            return "relation"
        others = [p for p in readings if p.geonameid != best.geonameid]
        for paras in ([m.para], self._window(m.para)) if self.ev.window else ([m.para],):
            regions = set().union(*(self.regions_para.get(q, set()) for q in paras))
            if self.ev.para_region and best.admin1 in regions and not any(p.admin1 in regions for p in others):
                return "para_region"
            near = min((self.anchors.own(q, m.ent).nearest_km(best) for q in paras), default=math.inf)
            if near <= self.ev.near_km and all(
                    min(self.anchors.own(q, m.ent).nearest_km(p) for q in paras) > self.ev.apart_km for p in others):
                return "neighbours"
        if self.ev.front and self.anchors.near_share(best, m.ent) >= self.ev.front and \
                not any(self.anchors.near_share(p, m.ent) for p in others):
            return "front"
        if self.ev.unique_pop and best.population >= self.ev.unique_pop and \
                not any(p.country == best.country and 10 * p.population > best.population for p in others) and \
                self.focus.get(best.country or "", 0.0) >= self.ev.focus:
            return "unique"
        return None


def resolve_v3(text: str, entities: list[Entity], ev: Evidence = Evidence()) -> None:
    """entities.v2's resolution (:func:`.context.resolve`) whose ids need evidence (module docstring), in place."""
    starts, mentions, regions_para, regions_doc, anchors = ctx._gather(text, entities)
    if not mentions:
        return
    places = {e.start: e for e in entities if e.type == "place"}
    judge = _Judge(text, starts, anchors, regions_para, ev)
    for m in mentions:
        named = _named(text, m.ent, ev)
        if not m.readings:
            continue
        country = _country_named(text, m.ent) if named is None else None
        if country is not None:
            inside = [p for p in m.readings if p.country == country]
            if len(inside) == 1:
                ctx._take(m.ent, inside[0], 0.9)
                anchors.moved(m.ent)
                continue
            m = _Mention(m.ent, inside or m.readings, m.para, m.weights)
        if len(m.readings) == 1:
            _single(text, m, named, judge, places, ev)
        else:
            _decide(text, m, anchors, regions_para.get(m.para, set()), regions_doc, places,
                    named_oblast=lambda e, o=named: o, guard=judge.guard)  # type: ignore[misc]
        if m.ent.rule == "place.unresolved":
            m.ent.admin1 = named  # only an oblast the text names for it
        anchors.moved(m.ent)


def _country_named(text: str, ent: Entity) -> str | None:
    m = _COUNTRY_AFTER.match(text, ent.end)
    return _COUNTRIES[m.group("country")] if m is not None else None


def _named(text: str, ent: Entity, ev: Evidence) -> str | None:
    oblast = ctx.oblast_named_after(text, ent.end)
    if oblast is None and ev.raion:
        oblast = raion_oblast(text, ent.end)
    return oblast


def _single(text: str, m: _Mention, named: str | None, judge: _Judge, places: dict[int, Entity],
            ev: Evidence) -> None:
    """A name of one Ukrainian or Russian settlement: v2's answer stands for a city by far the biggest of its name,
    a town of :attr:`Evidence.unique_pop` or more, an oblast named for it (v2 takes the settlement when it lies
    there, else leaves the mention unresolved in that oblast) and a relation it fits; a smaller one needs evidence,
    else it is left unresolved."""
    ent, only = m.ent, m.readings[0]
    if m.dominant() or (named is None and only.population >= max(ev.unique_pop, 1)):
        return
    if named is not None:
        if only.admin1 == named:
            ctx._take(ent, only, 0.95)
        else:
            unresolved(ent, m.readings, named, 0.0)
            ent.candidates = None
        return
    rel = ctx._relation(text, ent, places)
    if rel is not None:
        if not ctx._score_relation(rel, m.readings, {id(only): 0.0}):
            unresolved(ent, m.readings, None, 0.0)
        return
    if judge.supported(m, only, m.readings, False) is None:
        unresolved(ent, m.readings, None, 0.3)


def find_all_v3(text: str, published: str | None, ev: Evidence = Evidence()) -> list[Entity]:
    """entities.v2's :func:`.find_all` with :func:`resolve_v3` for the places."""
    names = find_names(text, True)
    resolve_v3(text, names, ev)
    taken = Spans([(e.start, e.end) for e in names])
    dates = [d for d in find_dates(text, published, True) if not taken.overlaps(d.start, d.end)]
    return sorted(names + dates, key=lambda e: e.start)


@stage("entities.v3", requires=("sentences",), provides=("entities",))
def find_entities_v3(doc: Document, config: Mapping[str, Any]) -> None:
    """entities.v2 whose place ids need evidence that tells the readings apart (an oblast or raion named for the
    mention, a relation, the paragraph's oblast or neighbours, a name unique in its country): else candidates and a
    confidence below 0.5 (:mod:`.english_v3`)."""
    doc.entities = find_all_v3(doc.text, doc.published, EVIDENCE)


__all__ = ["Evidence", "find_all_v3", "find_entities_v3", "raion_oblast", "resolve_v3"]
