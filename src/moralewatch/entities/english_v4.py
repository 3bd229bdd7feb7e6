"""English places, session 16 (``entities.v4``; issue 13 item 4): ``entities.v2`` whose Ukrainian village ids are
kept only when the text excludes the KATOTTG namesakes the gazetteer lacks, as ``entities.ruuk.v9`` does for
Cyrillic mentions (:mod:`.cyrillic_v9`).

A Latin mention is looked up in ``data/ruuk_places_katottg/settlements.tsv`` by the national transliteration of each
settlement's Ukrainian name (``cyrillic.transliterate``), both sides under a spelling key that survives the usual
variants (:func:`latin_fold`: ``cyrillic.skeleton`` with i, e, o as one: Mykhailivka ~ Mikhaylovka ~ Mykhajlivka).
A Ukrainian reading of fewer than ``cyrillic_v9.TOWN`` inhabitants keeps its id when KATOTTG holds no more
settlements of the name than the gazetteer offers, in the oblast named for the mention ("Pavlivka, Donetsk region")
or by a relation's place ("near Vasylivka": its raion holds one of the name), else in all of Ukraine; otherwise the
mention becomes unresolved (its candidates, confidence 0.2, the oblast when one is named). A name another mention of
the document placed keeps that reading. Russian readings, towns and countries are left as v2 gives them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

from ..lexicons import compile_regex
from ..model import Document, Entity
from ..pipeline import stage
from . import find_all
from .context import LOCAL, _named_oblast, _relation, unresolved
from .cyrillic import skeleton, transliterate
from .cyrillic_v9 import TOWN, Settlement, _hidden, alone_in_raions, table
from .gazetteer import Place, gazetteer

_SOFT = compile_regex(r"[ieo]+")
_CYRILLIC = compile_regex(r"[\u0400-\u04ff]")


def latin_fold(name: str) -> str:
    """A spelling key Latin spellings of one Ukrainian settlement name share."""
    return _SOFT.sub("*", skeleton(name.replace("-", " ").replace("’", "").replace("'", "")))


@cache
def latin_table() -> dict[str, tuple[Settlement, ...]]:
    """The KATOTTG settlements by :func:`latin_fold` of their national transliteration."""
    out: dict[str, list[Settlement]] = {}
    for found in table().values():
        for s in found:
            out.setdefault(latin_fold(transliterate(s.name, "uk")), []).append(s)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=50_000)
def latin_namesakes(mention: str) -> tuple[Settlement, ...]:
    return latin_table().get(latin_fold(mention), ())


def _readings(e: Entity) -> list[Place]:
    """The gazetteer's Ukrainian and Russian settlements of the mention's name."""
    seen: dict[int, Place] = {}
    for c in gazetteer().lookup(e.text):
        p = c.place
        if p.feature == "city" and p.country in LOCAL and p.geonameid is not None:
            seen.setdefault(p.geonameid, p)
    return list(seen.values())


def _raion_decides(rel: tuple[Entity, float | None] | None, best: Place, found: tuple[Settlement, ...]) -> bool:
    return rel is not None and alone_in_raions(latin_namesakes(rel[0].text), best.admin1, found)


def check_latin(text: str, entities: list[Entity], town: int = TOWN) -> None:
    """v4's pass over v2's answers (module docstring), in place."""
    places = {e.start: e for e in entities if e.type == "place"}
    kept: set[tuple[int, str]] = set()
    drop: list[tuple[Entity, list[Place], Place, str | None]] = []
    for e in places.values():
        if e.geonameid is None or e.country != "UA" or e.granularity == "region" or _CYRILLIC.search(e.text):
            continue
        found = latin_namesakes(e.text)
        readings = _readings(e)
        best = next((p for p in readings if p.geonameid == e.geonameid), None)
        if not found or best is None or best.population >= town:
            continue
        named = _named_oblast(text, e)
        rel = _relation(text, e, places)
        placed = named == best.admin1 or rel is not None
        if _hidden(found, readings, best.admin1 if placed else None) == 0 or _raion_decides(rel, best, found):
            kept.add((best.geonameid or 0, latin_fold(e.text)))
        else:
            drop.append((e, readings, best, named if named == best.admin1 else None))
    for e, readings, best, named in drop:
        if (best.geonameid or 0, latin_fold(e.text)) not in kept:
            unresolved(e, sorted(readings, key=lambda p: p.geonameid != best.geonameid), named, 0.2)


@stage("entities.v4", requires=("sentences",), provides=("entities",))
def find_entities_v4(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.v2`` whose Ukrainian village ids are kept only when the text excludes the KATOTTG namesakes the
    gazetteer lacks (:mod:`.english_v4`)."""
    doc.entities = find_all(doc.text, doc.published)
    check_latin(doc.text, doc.entities)


__all__ = ["check_latin", "find_entities_v4", "latin_fold", "latin_namesakes", "latin_table"]
