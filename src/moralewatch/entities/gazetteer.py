"""The shipped gazetteer extract (data/gazetteer/places.tsv), loaded once per process into two lookup tables.

Lookups are by the surface string of a capitalised token run, so matching stays a single pass over the text
(see ``names.py``): no loop over the ~100k names. Acronyms (``US``, ``UK``, ``U.S.``) are matched with their case;
every other alias case-insensitively, so that a dateline in capitals (``KHARKIV, Ukraine``) resolves too.
"""

from __future__ import annotations

import hashlib
import marshal
import zlib
from collections.abc import Iterator, KeysView
from dataclasses import dataclass
from functools import cache

from ..lexicons import data_path, read_text

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


class Table:
    """Alias -> every place it can name, best reading first. Indexing notes only which rows of places.tsv hold an
    alias; a row is parsed, and an alias's candidates built and sorted, the first time the alias is looked up.

    Building all ~46k entries up front took ~0.35 s of every process's start-up, for the few thousand aliases a
    corpus ever names. The table is built from the shipped file alone (no cache that could go stale), and what a
    lookup returns is exactly what the eager build gave (a test compares every alias)."""

    __slots__ = ("_entries", "_rows", "_places", "_exact", "_ids")

    def __init__(self, rows: list[str], places: list[Place | None], exact: bool) -> None:
        #: key -> the row (or ascending rows) holding an alias with that key, until first looked up; then the
        #: sorted candidates
        self._entries: dict[str, int | list[int] | tuple[Candidate, ...]] = {}
        self._rows = rows
        self._places = places  # shared with the other table: one Place per row, as before
        self._exact = exact  # the acronym table (keys with their case), else the case-folded one
        self._ids: dict[int, int] | None = None  # GeoNames id -> row, built by the first :meth:`by_id`

    def by_id(self, geonameid: int) -> Place | None:
        """The place of a GeoNames id, or None (a row's id is its first field)."""
        if self._ids is None:
            ids = {}
            for row, line in enumerate(self._rows):
                gid = line[:line.find("\t")]
                if gid:
                    ids[int(gid)] = row
            self._ids = ids
        at = self._ids.get(geonameid)
        return None if at is None else self._place(at)

    def _place(self, row: int) -> Place:
        place = self._places[row]
        if place is None:
            place = self._places[row] = _parse_row(self._rows[row])[0]
        return place

    def _build(self, key: str, rows: int | list[int]) -> tuple[Candidate, ...]:
        cands = []
        for row in [rows] if isinstance(rows, int) else rows:
            place = self._place(row)
            line = self._rows[row]
            for raw in line[line.rfind("\t") + 1:].split("|"):  # the row's aliases with this key, in file order
                alias, _, flag = raw.partition("~")
                if _table_key(alias) == (self._exact, key):
                    cands.append(Candidate(place, alias == place.name or flag == "k", flag == "c"))
        return tuple(sorted(cands, key=_score, reverse=True))

    def get(self, key: str, default: tuple[Candidate, ...] | None = None) -> tuple[Candidate, ...] | None:
        entry = self._entries.get(key)
        if entry is None:
            return default
        if type(entry) is not tuple:
            entry = self._entries[key] = self._build(key, entry)  # type: ignore[arg-type]
        return entry

    def __getitem__(self, key: str) -> tuple[Candidate, ...]:
        hit = self.get(key)
        if hit is None:
            raise KeyError(key)
        return hit

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> KeysView[str]:
        return self._entries.keys()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    exact: Table
    folded: Table
    max_tokens: int

    def place(self, geonameid: int) -> Place | None:
        """The place of a GeoNames id (the rows' ids indexed on the first call; the row parsed as lookups parse it)."""
        return self.folded.by_id(geonameid)

    def lookup(self, surface: str) -> tuple[Candidate, ...]:
        """Every place the surface string can name, best reading first."""
        hit = self.exact.get(surface)
        if hit:
            return hit
        if surface.isupper() and len(surface.replace(".", "")) <= 3:
            return ()
        return self.folded.get(surface.lower(), ())  # type: ignore[return-value]


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
    """The gazetteer, indexed once per process (rows are parsed on first lookup: see :class:`Table`)."""
    return Gazetteer(*_index())


def _table_key(alias: str) -> tuple[bool, str]:
    """Which table an alias goes in (acronym or not) and under what key."""
    if (len(alias) <= 4 or "." in alias) and _is_acronym(alias):
        return True, alias
    return False, alias.lower()


#: the generated lookup index of places.tsv (see :func:`_index`)
INDEX_FILE = "gazetteer/index.bin"
INDEX_FORMAT = 1
PLACES_FILE = "gazetteer/places.tsv"
_Entries = dict[str, int | list[int]]


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines()
            if line and not line.startswith("#") and not line.startswith("geonameid\t")]


def _index(shipped: bool = True) -> tuple[Table, Table, int]:
    """The acronym table, the case-folded table and the most tokens in an alias (at most 5).

    Which rows hold which alias ships in ``data/gazetteer/index.bin`` (generated by
    ``scripts/build_gazetteer_index.py``, which ``scripts/build_gazetteer.py`` runs after writing places.tsv): it
    loads in ~20 ms where indexing the 52k aliases takes ~60 ms. The file names the SHA-256 of the places.tsv it
    indexes; if that is not the places.tsv read here, the index is built from places.tsv instead, so it can cost
    time but never go stale (and a test fails until it is regenerated)."""
    text = read_text(PLACES_FILE)
    rows = _rows(text)
    places: list[Place | None] = [None] * len(rows)
    exact, folded = Table(rows, places, True), Table(rows, places, False)
    loaded = _shipped_index(hashlib.sha256(text.encode("utf-8")).hexdigest()) if shipped else None
    if loaded is not None:
        exact._entries, folded._entries, longest = loaded  # type: ignore[assignment]
    else:
        longest = _fill(rows, exact._entries, folded._entries)  # type: ignore[arg-type]
    return exact, folded, longest


def _shipped_index(places_sha256: str) -> tuple[_Entries, _Entries, int] | None:
    try:
        payload = marshal.loads(zlib.decompress(data_path(INDEX_FILE).read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT \
            or payload.get("places_sha256") != places_sha256:
        return None
    return payload["exact"], payload["folded"], payload["max_tokens"]


def _fill(rows: list[str], exact: _Entries, folded: _Entries) -> int:
    """Index every alias of ``rows`` into the two tables; the most tokens in an alias (at most 5)."""
    tables = {True: exact, False: folded}
    longest = 1
    for row, line in enumerate(rows):
        aliases = line[line.rfind("\t") + 1:]
        if not aliases:
            continue
        for raw in aliases.split("|"):
            alias = raw.partition("~")[0]
            is_exact, key = _table_key(alias)
            table = tables[is_exact]
            prev = table.setdefault(key, row)
            if prev != row:  # a second row (or more) with this alias: keep them all, ascending, once each
                if isinstance(prev, int):
                    table[key] = [prev, row]
                elif prev[-1] != row:
                    prev.append(row)
            if " " in alias:
                longest = max(longest, alias.count(" ") + 1)
    return min(longest, 5)


def index_payload() -> dict[str, object]:
    """What ``data/gazetteer/index.bin`` holds (marshalled, zlib-compressed) for the places.tsv read here."""
    text = read_text(PLACES_FILE)
    exact: _Entries = {}
    folded: _Entries = {}
    longest = _fill(_rows(text), exact, folded)
    return {"format": INDEX_FORMAT, "places_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "exact": exact, "folded": folded, "max_tokens": longest}
