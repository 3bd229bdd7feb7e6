"""When a Cyrillic place reading is confident enough to carry an id (``entities.ruuk.v4``; issue 13 item 4).

``entities.ruuk.v3`` takes a reading when it leads the others in score, and a settlement the gazetteer knows one
reading of when the document names its region or a place within 120 km. Measured once on the held-out places, that
was right far more often than v1 but gave 9 confident wrong answers, 7 of them for villages the gazetteer lacks:
the gazetteer holds settlements of 500 inhabitants or more, and many front-line villages share their name with one
that it does hold, often in the same oblast. A region named somewhere in the document, or a town 100 km away, does
not tell those namesakes apart.

So v4 keeps v3's answer only with *specific* support for the reading it took, and otherwise keeps the candidates and
a confidence below 0.5 without an id:

* an oblast named for the mention ("Андреевка Донецкой области") that is the reading's;
* a relation ("в 10 км от Купянска", "под Бахмутом") that the reading fits and no other reading does;
* a place of the same paragraph within :data:`NEAR_KM` of the reading and of no other reading (it separates them);
* prominence: a town of :data:`TOWN` inhabitants or more that is ten times heavier than the next reading.

Without any of those, a reading of :data:`WEAK_TOWN` or more still stands when the paragraph or the document names
its region or a place within 120 km (the weak support v3 took for enough). The three thresholds were chosen on the
Cyrillic dev set by leave-one-document-out cross-validation (``scripts/places_ruuk_v4_cv.py``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..model import Entity
from .context import _FAR_KM, LOCAL, _km, local_readings, unresolved
from .context_ruuk import _PARAGRAPH, _Grid, _named_region, _point, _relation, region_mentions
from .gazetteer import Candidate, Place, gazetteer

#: a paragraph place this close to the reading (and to no other reading) supports it
NEAR_KM = 30.0
#: a reading this populous, ten times heavier than the next, stands on prominence alone
TOWN = 20_000
#: a reading this populous stands on weak support (a region or a place within 120 km anywhere in the document)
WEAK_TOWN = 10_000
#: a name the gazetteer knows this many settlements of or fewer is rare: weak support is enough for it
RARE = 2


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The three figures of :func:`calibrate` (the module's constants by default; varied by the cross-validation)."""

    near_km: float = NEAR_KM
    town: int = TOWN
    weak_town: int = WEAK_TOWN
    rare: int = RARE


@dataclass(slots=True)
class _Context:
    """What the document says around its places: paragraphs, regions, anchors (unambiguous local places)."""

    text: str
    starts: list[int]
    regions_para: dict[int, set[str]]
    regions_doc: set[str]
    region_after: dict[int, str]
    anchors: dict[int, list[Entity]]
    places: dict[int, Entity]
    grids: dict[int | None, _Grid] = field(default_factory=dict)

    def para(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def near(self, para: int | None, ent: Entity, best: Place, km: float) -> list[tuple[Any, ...]]:
        """The points of the anchors of paragraph ``para`` (of the document: ``None``) within ``km`` of ``best``,
        other than the mention's own name and the reading's id (one key a point; session 13, h-hostile9b: every
        anchor asked for each mention was quadratic). The anchors do not move while the context is read."""
        if best.lat is None or best.lon is None:
            return []
        grid = self.grids.get(para)
        if grid is None:
            grid = self.grids[para] = _Grid()
            for a in (self.anchors.get(para, []) if para is not None else
                      [a for ps in self.anchors.values() for a in ps]):
                grid.put(a, (a.lat, a.lon, a.geonameid, a.text))
        return [key for key in grid.around(best.lat, best.lon, km)
                if key[3] != ent.text and key[2] != best.geonameid and _km(best, _point(key)) <= km]


def _context(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]]) -> _Context:
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    ctx = _Context(text, starts, {}, set(), {}, {}, {e.start: e for e in entities if e.type == "place"})
    for s, _e, admin1 in region_mentions(text, strict=True):
        ctx.regions_para.setdefault(ctx.para(s), set()).add(admin1)
        ctx.regions_doc.add(admin1)
        ctx.region_after[s] = admin1
    for e in entities:
        if e.type == "place" and e.lat is not None and e.country in LOCAL and e.start not in ambiguous:
            ctx.anchors.setdefault(ctx.para(e.start), []).append(e)
    return ctx


def _readings(ent: Entity, ambiguous: dict[int, tuple[Candidate, ...]]) -> tuple[list[Place], dict[int, float]]:
    """The local settlements the mention may name, heaviest first, with their weights (none when the reading taken
    is not a settlement of its name: a region)."""
    cands = ambiguous.get(ent.start)
    if cands is None:
        cands = tuple(c for c in gazetteer().lookup(ent.name or ent.text) if c.place.geonameid == ent.geonameid)
    return local_readings(cands)


def support(ent: Entity, ctx: _Context, readings: list[Place], weights: dict[int, float],
            th: Thresholds) -> str | None:
    """The specific support the text gives the reading ``ent`` carries (``"oblast"``, ``"relation"``, ``"near"``,
    ``"prominent"``), ``"weak"`` when only its region or a place within 120 km is named somewhere in the document,
    ``None`` when nothing speaks for it."""
    best = next((p for p in readings if p.geonameid == ent.geonameid), None)
    if best is None:
        return None
    others = [p for p in readings if p.geonameid != best.geonameid]
    kind = _placed(ent, ctx, best, others, th)
    if kind is not None:
        return kind
    weight = _prominence(ent, best, weights)
    nxt = max((_prominence(ent, p, weights) for p in others), default=0.0)
    if weight >= th.town and weight >= 10 * nxt:
        return "prominent"
    if best.admin1 in ctx.regions_doc or ctx.near(None, ent, best, _FAR_KM):
        return "weak"
    return None


def _placed(ent: Entity, ctx: _Context, best: Place, others: list[Place], th: Thresholds) -> str | None:
    """What the words around the mention say for ``best`` and not for the ``others``: an oblast named for it, a
    relation it fits, a place of its paragraph within ``th.near_km``."""
    if _named_region(ctx.text, ent, ctx.region_after) == best.admin1:
        return "oblast"
    rel = _relation(ctx.text, ent, ctx.places)
    if rel is not None and _fits(best, rel) and not any(_fits(p, rel) for p in others):
        return "relation"
    if any(all(_km(p, _point(key)) > th.near_km for p in others)
           for key in ctx.near(ctx.para(ent.start), ent, best, th.near_km)):
        return "near"
    return None


def _prominence(ent: Entity, p: Place, weights: dict[int, float]) -> float:
    """A reading's population when the mention spells its name (Авдеевка ~ Avdiivka, a GeoNames variant the name
    finder weighs a quarter), else its weight: a town that is only another name's variant is not prominent by it."""
    from .context_ruuk import _unlike
    from .cyrillic import _lemma

    weight = weights.get(p.geonameid or 0, float(p.population))
    if weight >= p.population:
        return weight
    lang = "uk" if any(ch in "іїєґ" for ch in ent.text.lower()) else "ru"
    nominative = " ".join(_lemma(w.lower(), lang)[0] for w in ent.text.split())
    return weight if _unlike(nominative, p.name) else float(p.population)


def _fits(p: Place, rel: tuple[Entity, float | None]) -> bool:
    """The reading lies at the distance the relation states (within 40 km for "под X")."""
    target, dist = rel
    d = _km(p, target)
    if dist is None:
        return d <= 40.0
    return dist * 0.5 - 10 <= d <= dist * 1.5 + 10


def confident(kind: str | None, weight: float, readings: int, th: Thresholds) -> bool:
    """Whether a reading with this support and weight keeps its id, its name shared by ``readings`` settlements of
    the gazetteer: specific support always; weak support for a town, or for a rare name (a common village name,
    Mykhailivka, Ivanivka, has namesakes the gazetteer lacks in the same oblast)."""
    if kind in ("oblast", "relation", "near", "prominent"):
        return True
    return kind == "weak" and (weight >= th.weak_town or readings <= th.rare)


def calibrate(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
              th: Thresholds = Thresholds()) -> None:
    """Leave unresolved, in place, every Ukrainian or Russian settlement the Cyrillic stage gave an id that the text
    does not support (:func:`support`, :func:`confident`): its readings become candidates, confidence 0.3 with weak
    support and 0.2 with none, the oblast kept only when one is named for the mention or in its paragraph. A reading
    one mention of the document is confidently placed by supports every mention of it (one place per name in a
    text: "Михайловка Курской области", then "в Михайловке")."""
    todo = [e for e in entities if _checkable(e, ambiguous)]
    if not todo:
        return
    ctx = _context(text, entities, ambiguous)
    checked = [(e, *_judged(e, ctx, ambiguous, th)) for e in todo]
    placed = {e.geonameid for e, _rs, _kind, sure in checked if sure}
    for e, readings, kind, sure in checked:
        if readings and not sure and e.geonameid not in placed:
            _leave(e, ctx, readings, kind)


def _checkable(e: Entity, ambiguous: dict[int, tuple[Candidate, ...]]) -> bool:
    """A Ukrainian or Russian settlement the Cyrillic stage gave an id to (a region or an English mention is not)."""
    return e.type == "place" and e.geonameid is not None and e.country in LOCAL and e.granularity != "region" and \
        (e.start in ambiguous or e.rule == "ruuk:gazetteer")


def _judged(e: Entity, ctx: _Context, ambiguous: dict[int, tuple[Candidate, ...]],
            th: Thresholds) -> tuple[list[Place], str | None, bool]:
    """The mention's readings, the support its reading has and whether that is enough; no readings when the reading
    is not a settlement of its name (a region, "Чечне"): v3's answer stands."""
    readings, weights = _readings(e, ambiguous)
    if not any(p.geonameid == e.geonameid for p in readings):
        return [], None, True
    kind = support(e, ctx, readings, weights, th)
    return readings, kind, confident(kind, weights.get(e.geonameid or 0, 0.0), _name_count(e, ambiguous), th)


def _name_count(ent: Entity, ambiguous: dict[int, tuple[Candidate, ...]]) -> int:
    """How many Ukrainian or Russian settlements of the gazetteer share the mention's name."""
    cands = ambiguous.get(ent.start) or gazetteer().lookup(ent.name or ent.text)
    return len(local_readings(cands)[0])


def _leave(e: Entity, ctx: _Context, readings: list[Place], kind: str | None) -> None:
    took = e.admin1
    para_regions = ctx.regions_para.get(ctx.para(e.start), set())
    named = _named_region(ctx.text, e, ctx.region_after)
    region = named or (took if para_regions == {took} else None)
    took_first = sorted(readings, key=lambda p: p.geonameid != e.geonameid)  # the reading v3 took, first
    unresolved(e, took_first, None, 0.3 if kind == "weak" else 0.2)
    e.admin1 = region
