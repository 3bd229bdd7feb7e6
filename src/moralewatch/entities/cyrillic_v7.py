"""Cyrillic places, session 14 (``entities.ruuk.v7``; issue 13 item 4, issue 17 item 5): ``entities.ruuk.v6``
(:mod:`.cyrillic_v6`) with three of its known misreadings fixed, as a pass over its answers:

* **a region after a comma or a preposition is the mention's only in the locative**: v6's reader of the region
  named for a mention (``context_ruuk._named_region``) skips commas, dashes and "в / у / на" before a region, so
  "Донецк, в Крым и т.д." (a list of destinations) put Donetsk in Crimea, and "на Донеччину" (whither) named the
  oblast of the place before it. v7 takes a region after a preposition only in the locative ("в Крыму", "у Донецькій
  області", "на Донеччині"); a mention whose id or oblast came from such a misread region loses it
  (:func:`named_region_v7`, :attr:`Fixes.directional`);
* **Russian oblasts and krais beyond the border regions** ("Силикатный в Ульяновской области", "Павловка
  Тульской области"): ``data/ruuk_places/oblasts.tsv`` names the Ukrainian and border regions only, so v6 weighed
  such a mention without its oblast. v7 reads the stems of ``data/ruuk_places_v7/oblasts_more.tsv`` with their noun
  right after a mention: the readings in that oblast are kept (one: taken; none: unresolved in that oblast)
  (:attr:`Fixes.more_oblasts`);
* **a name both countries share without the document's focus** (Novomoskovsk in Tula and in Dnipropetrovsk oblast):
  v6 keeps v5's answer when the document has no unambiguous Ukrainian or Russian place to measure its focus by; v7
  keeps a reading in one country of such a name only with specific support (an oblast named for it, a relation, a
  neighbour in its paragraph, by far the most prominent) or the document's focus on that country
  (:attr:`Fixes.no_focus`).

Settings checked by leave-one-document-out cross-validation over the three Cyrillic dev sets
(``scripts/places_ruuk_v7_cv.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import compile_regex, lines
from ..model import Document, Entity
from ..pipeline import stage
from .context import LOCAL, _take, local_readings, unresolved
from .context_ruuk import _L, _S, _named_region, region_mentions
from .context_ruuk import resolve as resolve_in_context
from .cyrillic_confidence import Thresholds, _context, support
from .cyrillic_v6 import Strict, _cyrillic_place, _focus, abstain_v6
from .gazetteer import Candidate, Place, gazetteer

#: a region's last word after a preposition that says where, not whither: "области", "області", "Донеччині", "Крыму"
_LOCATIVE = ("и", "і", "ї", "обл", "обл.", "днр", "лнр", "крыму", "криму")
_SPECIFIC = frozenset({"oblast", "relation", "near", "prominent"})


@dataclass(frozen=True, slots=True)
class Fixes:
    """v7's fixes on top of v6 (module docstring); varied by the cross-validation."""

    directional: bool = True
    more_oblasts: bool = True
    no_focus: bool = True


@cache
def _more_stems() -> dict[str, str]:
    """Each stem of ``oblasts_more.tsv`` with its oblast's or krai's admin1."""
    stems: dict[str, str] = {}
    for line in lines("ruuk_places_v7/oblasts_more.tsv"):
        admin1, forms = line.split("\t")
        for f in forms.split("|"):
            stems[f.lower()] = admin1
    return stems


@cache
def _more_oblasts() -> re.Pattern[str]:
    """An oblast or krai of ``oblasts_more.tsv`` with its noun."""
    alts = "|".join(sorted(_more_stems(), key=len, reverse=True))
    return compile_regex(rf"(?P<stem>{alts})[{_L}]{{0,4}}+{_S}(?:област[{_L}]{{0,3}}+|обл\.?|кра[{_L}]{{1,2}}+)"
                         rf"(?![{_L}\w])", re.I)


def _after(text: str, ent: Entity) -> tuple[int, str]:
    """Where the words after the mention start (past up to 8 characters of spaces, commas, brackets, dashes) and
    what was skipped."""
    k = ent.end
    while k < len(text) and k - ent.end < 8 and text[k] in " ,(–—-":
        k += 1
    return k, text[ent.end:k]


def named_region_v7(text: str, ent: Entity, spans: Mapping[int, tuple[int, str]]) -> str | None:
    """The region named right after the mention (``spans``: start -> end and admin1 of each region the text names):
    straight after it (", Донецкой области", " (Донецька обл.)"), or after "в / у / на" in the locative only."""
    k, _skipped = _after(text, ent)
    if k in spans:
        return spans[k][1]
    for skip in ("на ", "в ", "у "):
        at = k + len(skip)
        if text.startswith(skip, k) and at in spans:
            end, admin1 = spans[at]
            return admin1 if text[at:end].lower().endswith(_LOCATIVE) else None
    return None


def more_oblast_after(text: str, ent: Entity) -> str | None:
    """A Russian oblast or krai of ``oblasts_more.tsv`` named right after the mention ("Силикатный в Ульяновской
    области"), after a preposition in the locative only."""
    pattern, stems = _more_oblasts(), _more_stems()
    k, _skipped = _after(text, ent)
    for skip in ("", "на ", "в ", "у "):
        if skip and not text.startswith(skip, k):
            continue
        m = pattern.match(text, k + len(skip))
        if m is not None and (not skip or m.group(0).lower().endswith(_LOCATIVE + ("крае", "краї"))):
            return stems.get(m.group("stem").lower())
    return None


def fix_v7(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
           fx: Fixes = Fixes()) -> None:
    """v7's fixes (module docstring) on v6's answers, in place."""
    places = [e for e in entities if _cyrillic_place(e) and e.granularity != "region"]
    if not places:
        return
    if fx.directional:
        regions = region_mentions(text, strict=True)
        after = {s: a for s, _e, a in regions}
        spans = {s: (e, a) for s, e, a in regions}
        for e in places:
            old = _named_region(text, e, after)
            if old is None or named_region_v7(text, e, spans) is not None or e.admin1 != old:
                continue
            readings = _local(e, ambiguous)
            unresolved(e, readings or [], None, 0.2)
            e.admin1 = None
    if fx.more_oblasts:
        for e in places:
            oblast = more_oblast_after(text, e)
            if oblast is None or e.admin1 == oblast and e.geonameid is not None:
                continue
            readings = _local(e, ambiguous)
            inside = [p for p in readings if p.admin1 == oblast]
            if len(inside) == 1:
                _take(e, inside[0], 0.95)
            else:
                unresolved(e, inside or readings, oblast, 0.0)
                e.candidates = [p.geonameid for p in inside if p.geonameid is not None] or None
    if fx.no_focus:
        _no_focus(text, entities, ambiguous, places)


def _local(e: Entity, ambiguous: dict[int, tuple[Candidate, ...]]) -> list[Place]:
    """The Ukrainian and Russian settlements the mention may name: its ambiguous candidates, else the settlements of
    its candidate ids or the reading it took."""
    if e.start in ambiguous:
        return local_readings(ambiguous[e.start])[0]
    ids = e.candidates or ([e.geonameid] if e.geonameid is not None else [])
    gaz = gazetteer()
    return [p for p in (gaz.place(i) for i in ids) if p is not None and p.feature == "city" and p.country in LOCAL]


def _no_focus(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
              places: list[Entity]) -> None:
    """A reading in one country of a name both countries share keeps its id only with specific support or the
    document's focus on that country."""
    todo = [e for e in places if e.geonameid is not None and e.country in LOCAL and e.start in ambiguous]
    if not todo:
        return
    ctx = _context(text, entities, ambiguous)
    focus = _focus(ctx)
    for e in todo:
        readings, weights = local_readings(ambiguous[e.start])
        if len({p.country for p in readings}) < 2 or not any(p.geonameid == e.geonameid for p in readings):
            continue
        if focus.get(e.country or "", 0.0) >= 0.5:
            continue
        if support(e, ctx, readings, weights, Thresholds()) in _SPECIFIC:
            continue
        took = sorted(readings, key=lambda p: p.geonameid != e.geonameid)
        unresolved(e, took, None, 0.3)
        e.admin1 = None


@stage("entities.ruuk.v7", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v7(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v6`` with a region after a preposition read only in the locative, the Russian oblasts beyond
    the border regions, and a name both countries share kept in one only with support or the document's focus
    (:mod:`.cyrillic_v7`)."""
    from .cyrillic import _add, find

    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find(doc, ambiguous, more=True))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)
    abstain_v6(doc.text, doc.entities, ambiguous, st=Strict())
    fix_v7(doc.text, doc.entities, ambiguous)


__all__ = ["Fixes", "find_entities_ruuk_v7", "fix_v7", "more_oblast_after", "named_region_v7"]
