"""Cyrillic places, session 16 (``entities.ruuk.v9``; issue 13 item 4, "places in context"): ``entities.ruuk.v8``
(:mod:`.cyrillic_v8`) that keeps an id only when the evidence that chose it also excludes the Ukrainian namesakes
the gazetteer does not hold.

The gazetteer is GeoNames cities500: front-line villages are often smaller, and a name such as Mykhailivka is
shared by ~100 Ukrainian settlements, most of them missing. v4-v8 weigh a name only among the gazetteer's readings,
so a mention whose real village is a namesake the gazetteer lacks took the one reading it holds: a confident wrong
id. ``data/ruuk_places_katottg/settlements.tsv`` (``scripts/build_katottg.py``) is the official KATOTTG codifier's
list of every Ukrainian city, selyshche and village with its oblast and raion: it says how many settlements of the
mention's name there are in each oblast, against how many the gazetteer offered.

A mention is looked up by its nominatives (``cyrillic_places._keys``: every reading's nominative, adjectives in
their genders) under a spelling key that Russian and Ukrainian spellings of one name share (:func:`fold`:
Михайловка ~ Михайлівка, Новое ~ Нове, Великая ~ Велика). A reading of a Ukrainian settlement keeps its id when
(:class:`Namesakes`):

* it is a town (``town`` inhabitants or more): a namesake the gazetteer lacks is a village of fewer than 500;
* the support that chose it is an oblast named for the mention (or a relation or a place nearby, which place it in
  that oblast) and KATOTTG holds no more settlements of the name in that oblast than the gazetteer offered;
* otherwise (prominence, the document's region, no support), KATOTTG holds no more settlements of the name in all
  of Ukraine than the gazetteer offered.

Else it becomes unresolved (the gazetteer's candidates, confidence 0.2), in the named oblast when one was named.
A mention left without an id whose KATOTTG namesakes all lie in one oblast, as all its gazetteer readings do, in a
document whose unambiguous places are not mostly Russian, is answered with that oblast (:attr:`Namesakes.oblast`;
"Чорнобиль" -> Kyiv oblast, "Великая Новоселка" -> Donetsk oblast). A town's oblast v8 left open because its name
is also a common word ("Суми") is answered too. Russian readings are left as v8 gives them: KATOTTG lists no Russian village.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..lexicons import compile_regex, lines
from ..model import Document, Entity
from ..pipeline import stage
from . import cyrillic_places
from .context import _km, local_readings, unresolved
from .context_ruuk import _relation
from .context_ruuk import resolve as resolve_in_context
from .cyrillic import _add
from .cyrillic_confidence import Thresholds, _Context, _context, support
from .cyrillic_v6 import _cyrillic_place, _focus, abstain_v6
from .cyrillic_v7 import fix_v7
from .cyrillic_v8 import find_v8
from .gazetteer import Candidate, Place, gazetteer

TABLE = "ruuk_places_katottg/settlements.tsv"
#: a reading this populous keeps its id whatever namesakes KATOTTG lists: ten times the 500 inhabitants under which
#: GeoNames cities500 leaves a village out (the namesakes the gazetteer lacks), as "prominent" support asks (x10)
TOWN = 5_000
_SOFT = str.maketrans({c: "*" for c in "іїиыоеєэёйy"})
_DROP = str.maketrans("", "", "'’ʼьъ")
#: an apostrophe and я, where Russian writes е (Кам’янське ~ Каменское, Кам’янка ~ Каменка)
_APOSTROPHE_YA = compile_regex("['’ʼ]я")
_STARS = compile_regex(r"\*+")
_DOUBLE = compile_regex(r"([^*])\1+")
#: Russian adjective endings -> the Ukrainian ones (Великая ~ Велика, Синяя ~ Синя)
_RU_ENDINGS = compile_regex(r"(?<=\w)(ая|яя)\b")


@dataclass(frozen=True, slots=True)
class Namesakes:
    """v9's settings (module docstring)."""

    town: int = TOWN
    #: keep a reading placed by a relation or a place nearby when its oblast holds no hidden namesake
    placed_in_oblast: bool = True
    #: answer the oblast all the KATOTTG namesakes of an unresolved name lie in
    oblast: bool = True


def fold(name: str) -> str:
    """A spelling key Russian and Ukrainian spellings of one settlement name share: lower case, the soft vowels and
    й as one, an apostrophe and я as е, soft signs and apostrophes dropped, doubled consonants single, a hyphen a space ("Михайловка" and
    "Михайлівка" -> "м*ха*л*вка")."""
    s = _APOSTROPHE_YA.sub("е", name.lower().replace("ґ", "г").replace("-", " ")).translate(_DROP)
    s = _RU_ENDINGS.sub(lambda m: m.group(1)[0], s).translate(_SOFT)
    return _DOUBLE.sub(r"\1", _STARS.sub("*", " ".join(s.split())))


@dataclass(frozen=True, slots=True)
class Settlement:
    name: str
    category: str
    admin1: str
    raion: str
    code: str


@cache
def table() -> dict[str, tuple[Settlement, ...]]:
    """The KATOTTG settlements by :func:`fold` key."""
    out: dict[str, list[Settlement]] = {}
    for line in lines(TABLE)[1:]:
        name, category, admin1, raion, code = map(sys.intern, line.split("\t"))  # names and raions recur
        out.setdefault(fold(name), []).append(Settlement(name, category, admin1, raion, code))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=50_000)
def namesakes(mention: str, lang: str) -> tuple[Settlement, ...]:
    """The KATOTTG settlements the (inflected) mention may name: those of its first nominative KATOTTG knows."""
    words = mention.lower().split()
    keys: list[str] = []
    if len(words) == 1:
        keys = [k for k, _weak in cyrillic_places._keys(words[0], lang)]
    elif len(words) == 2:
        keys = list(cyrillic_places._agreed(words[0], words[1], lang))
    keys.append(mention.lower())
    tab = table()
    for k in keys:
        hit = tab.get(fold(k))
        if hit:
            return hit
    return ()


def _lang(text: str) -> str:
    return "uk" if any(ch in "іїєґ" for ch in text.lower()) else "ru"


def _hidden(found: tuple[Settlement, ...], readings: list[Place], admin1: str | None) -> int:
    """How many KATOTTG settlements of the name (in ``admin1``, or in all Ukraine) the gazetteer's Ukrainian readings
    do not account for, oblast by oblast."""
    kat = Counter(s.admin1 for s in found if admin1 is None or s.admin1 == admin1)
    gaz = Counter(p.admin1 for p in readings if p.country == "UA" and (admin1 is None or p.admin1 == admin1))
    return sum(max(0, n - gaz[a]) for a, n in kat.items())


def _readings(e: Entity, ambiguous: dict[int, tuple[Candidate, ...]]) -> tuple[list[Place], dict[int, float]]:
    """The gazetteer's Ukrainian and Russian settlements the mention may name, with their weights: its ambiguous
    readings, else the place of its id or of its candidate ids."""
    cands = ambiguous.get(e.start)
    if cands is not None:
        return local_readings(cands)
    gaz = gazetteer()
    ids = [e.geonameid] if e.geonameid is not None else e.candidates or []
    found = [p for p in (gaz.place(i) for i in ids) if p is not None and p.feature == "city"]
    return found, {p.geonameid or 0: float(p.population) for p in found}


def _anchors(e: Entity, ctx: _Context, best: Place, km: float) -> list[str]:
    """The texts of the other places of the mention's paragraph taken in the reading's oblast within ``km`` of it."""
    para = ctx.para(e.start)
    return [a.text for a in ctx.places.values()
            if a is not e and a.geonameid is not None and a.geonameid != best.geonameid and a.admin1 == best.admin1
            and ctx.para(a.start) == para and _km(best, a) <= km]


def _raion_decides(e: Entity, ctx: _Context, best: Place, found: tuple[Settlement, ...], th: Thresholds) -> bool:
    """A place of the mention's paragraph taken in the reading's oblast within ``th.near_km`` of it, or the place a relation names, lies
    (by its own KATOTTG namesakes in the reading's oblast) in raions that hold exactly one settlement of the mention's
    name: "між Василівкою та Камʼянським" (Kamianske of Vasylivka raion, not the one of Melitopol raion)."""
    anchors = _anchors(e, ctx, best, th.near_km)
    rel = _relation(ctx.text, e, ctx.places)
    if rel is not None:
        anchors.append(rel[0].text)
    return any(alone_in_raions(namesakes(text, _lang(text)), best.admin1, found) for text in anchors)


def alone_in_raions(anchor: tuple[Settlement, ...], admin1: str | None, found: tuple[Settlement, ...]) -> bool:
    """Whether the raions of ``admin1`` that hold the anchor's namesakes hold exactly one of ``found``."""
    raions = {s.raion for s in anchor if s.admin1 == admin1 and s.raion}
    return bool(raions) and sum(s.admin1 == admin1 and s.raion in raions for s in found) == 1


def _keeps(e: Entity, ctx: _Context, readings: list[Place], weights: dict[int, float], best: Place,
           found: tuple[Settlement, ...], ns: Namesakes) -> tuple[bool, str | None]:
    """Whether the reading keeps its id (module docstring), and the oblast named for the mention."""
    th = Thresholds()
    kind = support(e, ctx, readings, weights, th)
    placed = kind == "oblast" or (ns.placed_in_oblast and kind in ("relation", "near"))
    named = best.admin1 if kind == "oblast" else None
    if _hidden(found, readings, best.admin1 if placed else None) == 0:
        return True, named
    return placed and _raion_decides(e, ctx, best, found, th), named


_Todo = tuple[Entity, tuple[Settlement, ...], list[Place], Place | None, str | None]


def check_namesakes(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
                    ns: Namesakes = Namesakes()) -> None:
    """v9's pass over v8's answers (module docstring), in place. A mention whose name another mention of the
    document placed by the same reading keeps it (one settlement per name: "в селищі Білогорівка Луганської
    області ... як Білогорівка")."""
    places = [e for e in entities if _cyrillic_place(e) and e.granularity != "region"]
    if not places:
        return
    ctx = _context(text, entities, ambiguous)
    todo: list[_Todo] = []
    kept: set[tuple[int, tuple[Settlement, ...]]] = set()
    for e in places:
        found = namesakes(e.text, _lang(e.text))
        if not found:
            continue
        readings, weights = _readings(e, ambiguous)
        best = next((p for p in readings if p.geonameid == e.geonameid), None) if e.geonameid is not None else None
        if best is None:
            if e.geonameid is None:  # an id that is no settlement's (a country, a region) is left alone
                todo.append((e, found, readings, None, None))
        elif best.country == "UA" and best.population < ns.town:
            keep, named = _keeps(e, ctx, readings, weights, best, found, ns)
            if keep:
                kept.add((best.geonameid or 0, found))
            else:
                todo.append((e, found, readings, best, named))
    oblast = _OblastAnswer(ctx) if ns.oblast else None
    for e, found, readings, best, named in todo:
        if best is not None:
            if (best.geonameid or 0, found) in kept:
                continue
            unresolved(e, sorted(readings, key=lambda p: p.geonameid != best.geonameid), named, 0.2)
        if oblast is not None and e.admin1 is None:
            oblast.answer(e, found, readings)


class _OblastAnswer:
    """The oblast all the KATOTTG namesakes of a mention left without an id lie in, when its gazetteer readings
    (settlements) all lie in that oblast too (not "Китай", a GeoNames variant of a village of Odesa oblast, KATOTTG's
    Kytai of Crimea), and the document's unambiguous places are not mostly Russian (the focus read once)."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.focus: dict[str, float] | None = None

    def answer(self, e: Entity, found: tuple[Settlement, ...], readings: list[Place]) -> None:
        oblasts = {s.admin1 for s in found}
        if len(oblasts) != 1 or not readings or {p.admin1 for p in readings} != oblasts:
            return
        if self.focus is None:
            self.focus = _focus(self.ctx)
        if self.focus.get("RU", 0.0) < 0.5:
            e.admin1 = oblasts.pop()
            e.country = "UA"


def run_v9(doc: Document, ns: Namesakes = Namesakes()) -> None:
    """v8's steps (:func:`.cyrillic_v8.run_v8`: find, weigh in context, abstain, fix), then
    :func:`check_namesakes` with the readings they weighed."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find_v8(doc, ambiguous))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)
    abstain_v6(doc.text, doc.entities, ambiguous)
    fix_v7(doc.text, doc.entities, ambiguous)
    check_namesakes(doc.text, doc.entities, ambiguous, ns)


@stage("entities.ruuk.v9", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v9(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v8`` whose ids are kept only when the evidence excludes the KATOTTG namesakes the gazetteer
    lacks; a name whose namesakes all lie in one oblast answers that oblast (:mod:`.cyrillic_v9`)."""
    run_v9(doc)


__all__ = ["Namesakes", "check_namesakes", "find_entities_ruuk_v9", "fold", "namesakes", "run_v9", "table"]
