"""The shipped gazetteer extract (data/gazetteer/places.tsv), loaded once per process into two lookup tables.

Lookups are by the surface string of a capitalised token run, so matching stays a single pass over the text
(see ``names.py``): no loop over the ~100k names. Acronyms (``US``, ``UK``, ``U.S.``) are matched with their case;
every other alias case-insensitively, so that a dateline in capitals (``KHARKIV, Ukraine``) resolves too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicons import read_text

#: tie-break between readings of equal weight (regions carry no population)
_FEATURE_RANK = {"country": 3, "city": 2, "region": 1, "continent": 1}
#: a region or continent named by its own name weighs as a city of this size
_REGION_WEIGHT = 1_000_000.0


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    primary: bool  # the alias is the place's own name or a curated spelling (aliases.tsv), not a GeoNames variant
    common: bool  # the alias is also a common English word: needs place context


@dataclass(frozen=True, slots=True)
class Gazetteer:
    exact: dict[str, tuple[Candidate, ...]]
    folded: dict[str, tuple[Candidate, ...]]
    max_tokens: int

    def lookup(self, surface: str) -> tuple[Candidate, ...]:
        """Every place the surface string can name, best reading first."""
        hit = self.exact.get(surface)
        if hit:
            return hit
        if surface.isupper() and len(surface.replace(".", "")) <= 3:
            return ()
        return self.folded.get(surface.lower(), ())


def _is_acronym(alias: str) -> bool:
    return alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 4


def _score(c: Candidate) -> tuple[bool, float, int]:
    """Countries first; then population, an alternate spelling counting a quarter (a village whose own name is
    "Kiev" loses to Kyiv); then the feature rank (a city before the region of the same short name)."""
    p = c.place
    weight = p.population * (1.0 if c.primary else 0.25)
    if p.feature in ("region", "continent") and c.primary and p.country != "US":
        weight = max(weight, _REGION_WEIGHT)  # "Chechnya" the republic, not a village that once bore the name
    return (p.feature == "country", weight, _FEATURE_RANK.get(p.feature, 0))


def _parse_row(line: str) -> tuple[Place, list[str]]:
    gid, name, feature, cc, admin1, lat, lon, pop, aliases = line.split("\t")
    place = Place(int(gid) if gid else None, name, feature, cc or None, admin1 or None,
                  float(lat) if lat else None, float(lon) if lon else None, int(pop or 0))
    return place, aliases.split("|") if aliases else []


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, parsed once per process."""
    exact: dict[str, list[Candidate]] = {}
    folded: dict[str, list[Candidate]] = {}
    longest = 1
    for line in read_text("gazetteer/places.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("geonameid\t"):
            continue
        place, aliases = _parse_row(line)
        for raw in aliases:
            alias, _, flag = raw.partition("~")
            cand = Candidate(place, alias == place.name or flag == "k", flag == "c")
            table, key = (exact, alias) if _is_acronym(alias) else (folded, alias.lower())
            table.setdefault(key, []).append(cand)
            longest = max(longest, alias.count(" ") + 1)
    return Gazetteer(
        {k: tuple(sorted(v, key=_score, reverse=True)) for k, v in exact.items()},
        {k: tuple(sorted(v, key=_score, reverse=True)) for k, v in folded.items()},
        min(longest, 5),
    )
