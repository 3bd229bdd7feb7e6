"""Places in context (issue 13, item 4): a village name that several gazetteer places share is resolved with what
the document says around it, and left unresolved (candidates and a confidence, no id) when the text cannot decide.

The name finder (``names.py``) picks the most populous reading of a name. This pass looks again at every Ukrainian
or Russian settlement it found and weighs each reading of the same name by, strongest first:

1. an oblast named for the mention ("Pavlivka, Donetsk region", "Desna in the Chernihiv region"): readings in
   other oblasts are dropped; when none is left, the place is in that oblast but not in the gazetteer (its
   ``admin1`` is kept, no id);
2. a relation to another place ("12 km west of Orikhiv", "near Bakhmut", "outside Mariupol"): readings at that
   distance of the place named win, and a village that is nowhere near it is not in the gazetteer;
3. oblasts named in the same paragraph, and the unambiguous places of the paragraph (distance), then of the whole
   document (the front it is about);
4. population, as a prior: enough alone only when one reading is ten times more populous than the next.

A reading is taken (with its id) only when it leads the next by a clear margin; otherwise the entity keeps the
name, no id and no coordinates, the oblast when every remaining reading shares it, the candidate ids
(``candidates``) and a ``confidence`` below 0.5. Unknown is better than a confident wrong answer.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..lexicons import compile_regex
from ..model import Entity
from .gazetteer import Candidate, Place, gazetteer

#: countries whose settlements are weighed in context (the gazetteer's dense extract)
LOCAL = ("UA", "RU")
#: the lead (in score points) a reading needs over the next to be taken
MARGIN = 1.0
#: a paragraph anchor this close weighs fully; the bonus halves about every ``_SCALE * ln 2`` km
_SCALE = 40.0
_PARA_WEIGHT = 3.0
_DOC_WEIGHT = 1.5
_REGION_PARA = 2.5
_REGION_DOC = 1.0
_RELATION_WEIGHT = 5.0
#: no reading within this distance of any anchor of the paragraph: a village the gazetteer lacks
_FAR_KM = 120.0
#: above this population a reading is not discarded as "far from the paragraph" (a city named in a list)
_BIG = 50_000

_REGION_WORD = r"(?:region|oblast|Oblast|Region|province|Province)"
_NAME = r"[A-Z][\w’'-]{1,60}+(?:[ -][A-Z][\w’'-]{1,60}+)?"
#: whitespace, bounded and possessive: every pattern here stays linear on adversarial text (tests/test_linear_time)
_S = r"\s{1,20}+"
_S0 = r"\s{0,20}+"
#: an oblast named for the mention, right after it
_OBLAST_AFTER = compile_regex(
    rf"(?:,{_S0}|{_S}\(|{_S}(?:in|of){_S}(?:the{_S})?(?:(?:north|south|east|west|central)[\w-]{{0,20}}+{_S})?)"
    rf"(?P<region>{_NAME}){_S}{_REGION_WORD}\b")
#: "12 km west of Orikhiv", "about 30 kilometres from Kherson", "near Bakhmut", "outside Mariupol"
_RELATION_AFTER = compile_regex(
    rf"(?:,{_S0}|{_S})(?:(?:a|the){_S}(?:village|town|settlement){_S})?(?:(?:about|some|around|roughly|just){_S})?"
    rf"(?:(?P<n>\d{{1,3}}){_S0}(?:-{_S0})?(?P<unit>km|kilometers|kilometres|miles){_S}"
    rf"(?:(?:to{_S}the{_S})?(?:north|south|east|west)[\w-]{{0,20}}+{_S})?(?:of|from)"
    rf"|(?P<near>near|outside|close{_S}to|not{_S}far{_S}from|on{_S}the{_S}outskirts{_S}of)){_S}"
    rf"(?:the{_S}(?:city|town){_S}of{_S})?(?=(?P<target>{_NAME}))")
#: "near Bakhmut, in Ivanivske": the relation before the mention (searched in the 60 characters before it)
_RELATION_BEFORE = compile_regex(
    rf"\b(?:(?P<n>\d{{1,3}}){_S0}(?P<unit>km|kilometers|kilometres|miles){_S}(?:(?:north|south|east|west)"
    rf"[\w-]{{0,20}}+{_S})?(?:of|from)|(?P<near>near|outside)){_S}(?P<target>{_NAME}),?{_S}(?:in{_S}|at{_S})?"
    rf"(?:the{_S}(?:village|town){_S}of{_S})?$")

_DEBUG = False
_PARAGRAPH = compile_regex(r"\n")


@dataclass(slots=True)
class _Mention:
    ent: Entity
    readings: list[Place]
    para: int
    #: geonameid -> the reading's population, a quarter of it when the surface is only a variant of its name
    weights: dict[int, float]

    def weight(self, pl: Place) -> float:
        return self.weights.get(pl.geonameid or 0, float(pl.population))

    def prior(self, pl: Place) -> float:
        return math.log10(self.weight(pl) + 10)

    def dominant(self) -> bool:
        """One reading is a city of 100,000+ ten times heavier than the next."""
        first = self.weight(self.readings[0])
        second = self.weight(self.readings[1]) if len(self.readings) > 1 else 0.0
        return first >= 100_000 and first >= 10 * second


#: km of great circle per degree of latitude: two points are at least their latitude gap times this apart, so a search
#: for the anchors near a point reads only a band of latitude (with _SLACK km more for the rounding of _km)
_DEG_KM = 6371.0 * math.pi / 180
_SLACK = 1.0
#: distances closer than this to the least one are compared by their closeness too (math.exp decides the max)
_TIE = 1e-6


def _km(a: Place | Entity, b: Place | Entity) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _readings(ent: Entity, weights: dict[int, float]) -> list[Place]:
    """The local settlements the mention's surface can name (:func:`local_readings`); ``weights`` gets each one's
    weight."""
    readings, found = local_readings(gazetteer().lookup(ent.text))
    weights.update(found)
    return readings


def local_readings(cands: Sequence[Candidate]) -> tuple[list[Place], dict[int, float]]:
    """The local settlements among a name's gazetteer candidates, one per geonameid, heaviest first, and each one's
    weight: its population, a quarter of it when the name is only a GeoNames variant of the place's (as the name
    finder weighs them: "Trostyanets" is not first of all Velykyi Trostianets)."""
    seen: dict[int, Place] = {}
    weights: dict[int, float] = {}
    for c in cands:
        pl = c.place
        if pl.feature == "city" and pl.country in LOCAL and pl.geonameid is not None and pl.geonameid not in seen:
            seen[pl.geonameid] = pl
            weights[pl.geonameid] = pl.population * (1.0 if c.primary else 0.25)
    return sorted(seen.values(), key=lambda p: -weights[p.geonameid or 0]), weights


def region_admin1(name: str) -> str | None:
    """The first-level region a short name names ("Donetsk", "Dnipro", "Kherson") or ``None``."""
    cands = gazetteer().lookup(name)
    for c in cands:
        if c.place.feature == "region" and c.place.country in LOCAL and c.place.admin1:
            return c.place.admin1
    for c in cands:  # "Dnipro region": the oblast of the city that gives it its name
        if c.place.feature == "city" and c.place.country in LOCAL and c.place.population >= 100_000:
            return c.place.admin1
    return None


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH.finditer(text)]




def _gather(text: str, entities: list[Entity]) -> tuple[list[int], list[_Mention], dict[int, set[str]], set[str],
                                                         _Anchors]:
    """The paragraph starts, the Ukrainian and Russian settlement mentions with their readings, the regions named by
    paragraph and in the document, and the anchors: places of one reading only (or a big city by far the most
    populous reading), by paragraph, and for the document once per place with its number of mentions (a long
    document stays linear in its places). Shared by ``entities.v2`` (:func:`resolve`) and ``entities.v3``."""
    starts = _paragraph_starts(text)
    mentions: list[_Mention] = []
    regions_para: dict[int, set[str]] = {}
    regions_doc: set[str] = set()
    for ent in entities:
        if ent.type != "place":
            continue
        para = bisect.bisect_right(starts, ent.start) - 1
        if ent.granularity == "region" and ent.country in LOCAL and ent.admin1:
            regions_para.setdefault(para, set()).add(ent.admin1)
            regions_doc.add(ent.admin1)
        if ent.granularity == "city" and ent.country in LOCAL and ent.rule == "place.gaz":
            weights: dict[int, float] = {}
            mentions.append(_Mention(ent, _readings(ent, weights), para, weights))
    anchors = _Anchors()
    for m in mentions:
        if m.readings and (len(m.readings) == 1 or m.dominant()):
            anchors.add(m.para, m.ent)
    return starts, mentions, regions_para, regions_doc, anchors


def resolve(text: str, entities: list[Entity]) -> None:
    """Re-resolve, in place, the Ukrainian and Russian settlements of ``entities`` (sorted by start) in context."""
    _, mentions, regions_para, regions_doc, anchors = _gather(text, entities)
    if not mentions:
        return
    places = {e.start: e for e in entities if e.type == "place"}
    for m in mentions:
        if len(m.readings) < 2 and not _named_oblast(text, m.ent):
            continue
        _decide(text, m, anchors, regions_para.get(m.para, set()), regions_doc, places)
        anchors.moved(m.ent)  # _decide sets no other entity's coordinates


class _Anchors:
    """The document's anchor places: by paragraph, and once per place with its count. The nearest anchors of a
    paragraph to a point, and the document's within 100 km of it, are searched in a band of latitude around it
    (anchors sorted by latitude; an anchor whose coordinates were set since it was added is read apart, always).

    The resolver that holds them says which entity a step may have moved (:meth:`moved`, after each ``_decide``):
    one that did is read apart by its paragraph when it stands for its point there, and by the document when it
    stands for its place (the only ones these read), so a paragraph of a thousand moved mentions of one village
    reads one, not a thousand, for each question (session 13: it was a thread's registry of anchor sets that
    ``_take`` and ``unresolved`` told, and every moved anchor of the document was read for each)."""

    def __init__(self) -> None:
        self.by_para: dict[int, list[Entity]] = {}
        self.places: dict[tuple[int | None, str], tuple[Entity, int]] = {}
        #: by paragraph, the first two anchors at each point: what distances to the paragraph's anchors need
        self.spots: dict[int, dict[tuple[float | None, float | None], list[Entity]]] = {}
        #: id() of every anchor -> its paragraph and the point it was added at
        #: (and whether it is kept at that point, whether it stands for its place)
        self._at: dict[int, tuple[int, float | None, float | None, bool, bool]] = {}
        #: by paragraph, its anchors kept at a point whose coordinates were set since they were added
        self._dirty: dict[int, dict[int, Entity]] = {}
        self._doc_dirty: dict[int, Entity] = {}  # the same, of the entities that stand for a place
        self._bands: dict[int, _Band] = {}  # by paragraph, its points by latitude (built on first use)
        self._doc: _DocBand | None = None

    def add(self, para: int, ent: Entity) -> None:
        self.by_para.setdefault(para, []).append(ent)
        key = (ent.geonameid, ent.text)
        first, n = self.places.get(key, (ent, 0))
        self.places[key] = (first, n + 1)
        at = self.spots.setdefault(para, {}).setdefault((ent.lat, ent.lon), [])
        if len(at) < 2:
            at.append(ent)
        self._at[id(ent)] = (para, ent.lat, ent.lon, any(a is ent for a in at), first is ent)
        self._bands.pop(para, None)
        self._doc = None

    def moved(self, ent: Entity) -> None:
        """``ent``'s coordinates may have been set (:func:`_take`, :func:`unresolved`): an anchor whose point is not
        the one it was added at is read apart where it is read at all."""
        at = self._at.get(id(ent))
        if at is None or (ent.lat, ent.lon) == (at[1], at[2]):
            return
        if at[3]:
            self._dirty.setdefault(at[0], {})[id(ent)] = ent
        if at[4]:
            self._doc_dirty[id(ent)] = ent

    def others(self, para: int, ent: Entity) -> list[Entity]:
        """One anchor of the paragraph at each point other than ``ent`` (``ent``'s point too when another anchor
        stands there): the distances to them are the distances to all the paragraph's other anchors, and a
        paragraph that names one place a thousand times costs one distance, not a thousand, per reading."""
        return [at[0] if at[0] is not ent else at[1] for at in self.spots.get(para, {}).values()
                if at[0] is not ent or len(at) > 1]

    def own(self, para: int, ent: Entity) -> _Own:
        """:meth:`others`, searched by latitude: what :func:`_decide` asks of them (whether there are any, the
        nearest to a reading and its closeness)."""
        band = self._bands.get(para)
        if band is None:
            band = self._bands[para] = _Band(list(self.spots.get(para, {}).items()))
        return _Own(band, ent, self._dirty.setdefault(para, {}))

    def near_share(self, pl: Place, ent: Entity) -> float:
        """The share of the document's anchor mentions (other names than ``ent``'s) within 100 km of ``pl``."""
        if self._doc is None:
            self._doc = _DocBand(self.places)
        doc = self._doc
        total = doc.total - doc.by_text.get(ent.text, 0)
        if not total:
            return 0.0
        near = 0
        for a, n, text in doc.within(pl, 100.0, self._doc_dirty):
            if text != ent.text and _km(pl, a) <= 100.0:
                near += n
        return near / total


class _Band:
    """A paragraph's anchor points (the first two anchors at each) by latitude; those without coordinates apart."""

    __slots__ = ("lats", "points", "loose", "loose_ids", "where")

    def __init__(self, spots: list[tuple[tuple[float | None, float | None], list[Entity]]]) -> None:
        placed = sorted(((k[0], at) for k, at in spots if k[0] is not None and k[1] is not None), key=lambda x: x[0])
        self.lats: list[float] = [lat for lat, _ in placed]
        self.points: list[list[Entity]] = [at for _, at in placed]
        self.loose: list[list[Entity]] = [at for k, at in spots if k[0] is None or k[1] is None]
        self.loose_ids = {id(at) for at in self.loose}
        #: id() of each anchor kept at a point -> that point's anchors
        self.where: dict[int, list[Entity]] = {id(e): at for _, at in spots for e in at}


class _Own:
    """The anchors of a paragraph other than a mention (:meth:`_Anchors.others`), asked by distance."""

    __slots__ = ("band", "ent", "dirty", "count")

    def __init__(self, band: _Band, ent: Entity, dirty: dict[int, Entity]) -> None:
        self.band, self.ent, self.dirty = band, ent, dirty
        alone = band.where.get(id(ent))
        self.count = len(band.points) + len(band.loose) - (1 if alone and alone[0] is ent and len(alone) == 1 else 0)

    def __bool__(self) -> bool:
        return self.count > 0

    def _rep(self, at: list[Entity]) -> Entity | None:
        """The anchor :meth:`_Anchors.others` gives for a point (None: the point is ``ent``'s alone)."""
        if at[0] is not self.ent:
            return at[0]
        return at[1] if len(at) > 1 else None

    def distances(self, p: Place | Entity) -> list[float]:
        """``_km(p, a)`` for every anchor ``a`` of :meth:`_Anchors.others` that may be the nearest (every one within
        the least distance and _SLACK km more is among them)."""
        ds = []
        for at in self.band.loose:  # no coordinates when added
            a = self._rep(at)
            if a is not None:
                ds.append(_km(p, a))
        for e in self.dirty.values():  # set since: read apart, whatever their latitude now
            here = self.band.where.get(id(e))
            if here is not None and self._rep(here) is e and id(here) not in self.band.loose_ids:
                ds.append(_km(p, e))
        lats, points = self.band.lats, self.band.points
        if p.lat is None or p.lon is None:
            return ds + [math.inf] * (len(points) and 1)
        best = min(ds, default=math.inf)
        hi = bisect.bisect_left(lats, p.lat)
        lo = hi - 1
        while lo >= 0 or hi < len(lats):
            below = p.lat - lats[lo] if lo >= 0 else math.inf
            above = lats[hi] - p.lat if hi < len(lats) else math.inf
            if below <= above:
                at, gap = points[lo], below
                lo -= 1
            else:
                at, gap = points[hi], above
                hi += 1
            if gap * _DEG_KM > best + _SLACK:
                break  # every point further on either side is further than the nearest found
            a = self._rep(at)
            if a is None or id(a) in self.dirty:
                continue
            d = _km(p, a)
            ds.append(d)
            best = min(best, d)
        return ds

    def nearest_km(self, p: Place | Entity) -> float:
        """``min(_km(p, a) for a in others)`` (inf for none)."""
        return min(self.distances(p), default=math.inf)

    def closeness(self, p: Place | Entity) -> float:
        """``max(math.exp(-_km(p, a) / _SCALE) for a in others)``: the exp of the nearest (and of any as near, to
        the rounding)."""
        ds = self.distances(p)
        least = min(ds)
        return max(math.exp(-d / _SCALE) for d in ds if d <= least + _TIE)


def cells_around(lat: float, lon: float, km: float) -> list[tuple[int, int]] | None:
    """The cells of a degree of latitude and longitude (``(floor(lat), floor(lon))``) that hold every point within
    ``km`` of ``(lat, lon)``, None for every cell (near a pole). Two points ``dlon`` apart at latitudes of at most
    ``phi`` are at least ``2R asin(cos(phi) sin(dlon / 2))`` apart, so only ``2 asin(sin(km / 2R) / cos(phi))`` of
    longitude either side is read (with _SLACK km more for the rounding of _km)."""
    reach = (km + _SLACK) / _DEG_KM
    phi = max(abs(lat - reach), abs(lat + reach))
    s, c = math.sin((km + _SLACK) / (2 * 6371.0)), math.cos(math.radians(min(phi, 90.0)))
    if s >= c * 0.999:
        return None
    wide = math.degrees(2 * math.asin(s / c))
    west, east = math.floor(lon - wide), math.floor(lon + wide)
    lons = range(-180, 180) if east - west >= 359 else [(j + 180) % 360 - 180 for j in range(west, east + 1)]
    return [(i, j) for i in range(math.floor(lat - reach), math.floor(lat + reach) + 1) for j in lons]


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat), (math.floor(lon) + 180) % 360 - 180


class _DocBand:
    """The document's anchor places (one entity per place, its count and name) by cells of a degree (session 13: a
    band of latitude held a share of a country's towns), and the count by name."""

    __slots__ = ("points", "loose", "index", "total", "by_text", "cells")

    def __init__(self, places: dict[tuple[int | None, str], tuple[Entity, int]]) -> None:
        every = [(a, n, text) for (_, text), (a, n) in places.items()]
        placed = sorted((x for x in every if x[0].lat is not None and x[0].lon is not None),
                        key=lambda x: x[0].lat or 0.0)
        self.points: list[tuple[Entity, int, str]] = placed
        self.loose: list[tuple[Entity, int, str]] = [x for x in every if x[0].lat is None or x[0].lon is None]
        self.index: dict[int, tuple[Entity, int, str]] = {id(x[0]): x for x in every}
        self.cells: dict[tuple[int, int], list[tuple[Entity, int, str]]] = {}
        for x in placed:
            self.cells.setdefault(cell_of(x[0].lat or 0.0, x[0].lon or 0.0), []).append(x)
        self.total = 0
        self.by_text: dict[str, int] = {}
        for _a, n, text in every:
            self.total += n
            self.by_text[text] = self.by_text.get(text, 0) + n

    def within(self, p: Place | Entity, km: float, dirty: dict[int, Entity]) -> list[tuple[Entity, int, str]]:
        """The places that may lie within ``km`` of ``p``: those of its band of latitude, those without
        coordinates, and every one whose coordinates were set since this was built (wherever they are now)."""
        out = [x for x in self.loose if id(x[0]) not in dirty]
        out += [self.index[i] for i in dirty if i in self.index]
        if p.lat is None or p.lon is None:
            return out
        cells = cells_around(p.lat, p.lon, km)
        if cells is None:
            return out + [x for x in self.points if id(x[0]) not in dirty]
        for cell in cells:
            out += [x for x in self.cells.get(cell, ()) if id(x[0]) not in dirty]
        return out


def oblast_named_after(text: str, end: int) -> str | None:
    """The Ukrainian or Russian first-level region named right after a name ending at ``end`` (", Donetsk region",
    " in the Sumy region", " (Kherson Oblast)")."""
    m = _OBLAST_AFTER.match(text, end)
    if m is None:
        return None
    return region_admin1(m.group("region"))


def _named_oblast(text: str, ent: Entity) -> str | None:
    return oblast_named_after(text, ent.end)


def _relation(text: str, ent: Entity, places: dict[int, Entity]) -> tuple[Entity, float | None] | None:
    """The place a relation ties the mention to, and the distance it states (``None`` for "near")."""
    m = _RELATION_AFTER.match(text, ent.end)
    if m is None:
        m = _RELATION_BEFORE.search(text, max(0, ent.start - 60), ent.start)
    if m is None:
        return None
    at = m.start("target")
    target = places.get(at)
    if target is None or target is ent or target.lat is None or target.granularity != "city":
        return None
    if m.group("n"):
        n = float(m.group("n")) * (1.609 if m.group("unit") == "miles" else 1.0)
        return target, n
    return target, None


#: what reads a language's text for :func:`_decide`: the oblast named for a mention, the relation it states, and a
#: last check before the verdict (True when it has decided, e.g. left the mention unresolved)
NamedOblast = Callable[[Entity], "str | None"]
Relation = Callable[[Entity], "tuple[Entity, float | None] | None"]
Guard = Callable[["_Mention", "list[Place]", "dict[int, float]", "tuple[Entity, float | None] | None", "str | None",
                  "set[str]"], bool]


def _decide(text: str, m: _Mention, anchors: _Anchors, para_regions: set[str], doc_regions: set[str],
            places: dict[int, Entity], named_oblast: NamedOblast | None = None, relation: Relation | None = None,
            guard: Guard | None = None) -> None:
    """Resolve one ambiguous mention: a dominant city, else an oblast named for it, else its readings scored by a
    relation, the regions and the places around it (:func:`_verdict` decides). The English readers of the text
    unless others are given (``context_ruuk.py``)."""
    ent = m.ent
    if m.dominant():
        # a city by far the biggest of its name ("held by Kyiv in Luhansk province" is not a Luhansk Kyiv)
        if len(m.readings) > 1:
            _take(ent, m.readings[0], 0.9)
        return
    oblast = named_oblast(ent) if named_oblast is not None else _named_oblast(text, ent)
    readings = list(m.readings)
    if oblast is not None:
        readings = [p for p in readings if p.admin1 == oblast]
        if len(readings) == 1:
            _take(ent, readings[0], 0.95)
            return
        if not readings:
            unresolved(ent, m.readings, oblast, 0.0)
            return
    scores = {id(p): m.prior(p) for p in readings}
    rel = relation(ent) if relation is not None else _relation(text, ent, places)
    if rel is not None and not _score_relation(rel, readings, scores):
        unresolved(ent, m.readings, oblast, 0.0)
        return
    own = anchors.own(m.para, ent)  # the max, min and any over them are those over every other anchor
    _score_context(m, readings, scores, own, anchors, para_regions, doc_regions)
    if guard is not None and guard(m, readings, scores, rel, oblast, para_regions):
        return
    _verdict(m, readings, scores, own, rel is not None, oblast, para_regions)


def _score_relation(rel: tuple[Entity, float | None], readings: list[Place], scores: dict[int, float]) -> bool:
    """Add the relation's weight to the readings at the distance it states ("12 km west of X"; within 40 km for
    "near X"); False when no reading fits it."""
    target, dist = rel
    fits = False
    for p in readings:
        d = _km(p, target)
        ok = d <= (dist * 1.5 + 10 if dist is not None else 40.0)
        if dist is not None:
            ok = ok and d >= dist * 0.5 - 10
        if ok:
            fits = True
            scores[id(p)] += _RELATION_WEIGHT
    return fits


def _score_context(m: _Mention, readings: list[Place], scores: dict[int, float], own: _Own,
                   anchors: _Anchors, para_regions: set[str], doc_regions: set[str]) -> None:
    """Add the weights of the regions named in the paragraph or the document, of the paragraph's other places by
    distance and of the document's places nearby."""
    for p in readings:
        if p.admin1 in para_regions:
            scores[id(p)] += _REGION_PARA
        elif p.admin1 in doc_regions:
            scores[id(p)] += _REGION_DOC
        if own:  # a GeoNames variant of a village's name (weighed a quarter) needs more than a neighbour
            variant = 0.5 if m.weight(p) < p.population else 1.0
            scores[id(p)] += variant * _PARA_WEIGHT * own.closeness(p)
        scores[id(p)] += _DOC_WEIGHT * anchors.near_share(p, m.ent)


def _verdict(m: _Mention, readings: list[Place], scores: dict[int, float], own: _Own, related: bool,
             oblast: str | None, para_regions: set[str]) -> None:
    """Take the best-scored reading when it leads by the margin and the paragraph is about its area; otherwise leave
    the mention unresolved with its candidates."""
    ent = m.ent
    ranked = sorted(readings, key=lambda p: -scores[id(p)])
    if _DEBUG:
        print(ent.text, [(p.name, p.admin1, round(scores[id(p)], 2)) for p in ranked], own.count)
    best = ranked[0]
    lead = scores[id(best)] - (scores[id(ranked[1])] if len(ranked) > 1 else 0.0)
    if own and not related and best.population < _BIG and not para_regions & {best.admin1} \
            and own.nearest_km(best) > _FAR_KM:
        # the paragraph is about somewhere else: a namesake the gazetteer lacks, not this village
        unresolved(ent, m.readings, oblast, 0.2)
        return
    if para_regions and not related and best.population < _BIG and best.admin1 not in para_regions \
            and not own.nearest_km(best) <= _FAR_KM:
        # the paragraph names an oblast (or several) and no reading lies in it: a village the gazetteer lacks
        named = next(iter(para_regions)) if len(para_regions) == 1 else None
        unresolved(ent, m.readings, oblast or named, 0.2)
        return
    if len(ranked) == 1 or lead >= MARGIN:
        _take(ent, best, round(min(0.95, 0.5 + lead / 6), 2))
        return
    unresolved(ent, ranked, oblast, round(0.5 * lead / MARGIN, 2))


def _take(ent: Entity, pl: Place, confidence: float) -> None:
    ent.name, ent.lat, ent.lon, ent.country = pl.name, pl.lat, pl.lon, pl.country
    ent.admin1, ent.geonameid = pl.admin1, pl.geonameid
    ent.confidence = confidence
    ent.candidates = None
    ent.rule = "place.context"


def unresolved(ent: Entity, readings: list[Place], oblast: str | None, confidence: float) -> None:
    """No id: the name, the oblast when it is known (named, or shared by every reading), the candidate ids."""
    admins = {p.admin1 for p in readings}
    ent.admin1 = oblast if oblast is not None else (admins.pop() if len(admins) == 1 else None)
    ent.geonameid = ent.lat = ent.lon = None
    ent.name = ent.text
    ent.country = readings[0].country if readings and len({p.country for p in readings}) == 1 else ent.country
    ent.candidates = [p.geonameid for p in readings if p.geonameid is not None and (
        oblast is None or p.admin1 == oblast)] or None
    ent.confidence = confidence
    ent.rule = "place.unresolved"
