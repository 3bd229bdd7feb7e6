"""Places in context for Russian and Ukrainian text (``entities.ruuk.v2``; issue 13 item 4, issue 17 item 5): a village
name that several gazetteer settlements share is weighed by what the text says around it, as ``context.py`` does for
English, instead of being left unresolved whatever the context:

1. a region named for the mention ("Андреевка Донецкой области", "Андріївка (Донецька обл.)", "Андріївка на
   Донеччині"): readings in other regions drop out; none left: a village of that region the gazetteer lacks;
2. a relation to another place ("под Бахмутом", "біля Оріхова", "в 10 км от Купянска", "за 12 км від Бахмута"):
   readings at that distance of it win;
3. the regions named in the paragraph or the document, the places of the paragraph (distance) and of the document;
4. population as a prior.

The weighing and the verdict (a reading is taken only with a clear lead, else candidates and a confidence) are
``context.py``'s: only the reading of the text is Cyrillic here. Regions are named by the stems in
``data/ruuk_places/oblasts.tsv`` (Донецк-ой, Донецьк-ої, Донеччин-а).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, cast

from ..lexicons import compile_regex, lines
from ..model import Entity
from .context import (
    _FAR_KM,
    LOCAL,
    _Anchors,
    _decide,
    _km,
    _Mention,
    _take,
    cell_of,
    cells_around,
    local_readings,
    unresolved,
)
from .gazetteer import Candidate, Place, gazetteer

_L = "а-яёіїєґА-ЯЁІЇЄҐ'’ʼ\\-"
_S = r"\s{1,20}+"
_S0 = r"\s{0,20}+"
#: "в 10 км от", "за 12 км від", "в 5 километрах к северу от", "10 км на північ від"
_DISTANCE = (rf"(?:(?:в|у|за){_S})?(?P<n>\d{{1,3}}){_S0}(?:км|километр[{_L}]{{0,4}}|кілометр[{_L}]{{0,4}}){_S}"
             rf"(?:(?:к|на){_S}(?:север|юг|восток|запад|північ|південь|схід|захід|северо-?\w{{0,8}}|юго-?\w{{0,8}}|"
             rf"північно-?\w{{0,8}}|південно-?\w{{0,8}}){{1}}[{_L}]{{0,3}}{_S})?(?:от|від|од)")
_NEAR = (r"(?:под|возле|около|вблизи|близ|рядом\s{1,3}с|неподалеку\s{1,3}от|в\s{1,3}районе|на\s{1,3}окраине|"
         r"на\s{1,3}подступах\s{1,3}к|біля|поблизу|під|поруч\s{1,3}(?:з|із)|неподалік\s{1,3}від|в\s{1,3}районі|"
         r"у\s{1,3}районі|на\s{1,3}околиці)")
#: a relation right after the mention (", в 10 км от Купянска") or right before it ("под Бахмутом, в Ивановском")
_RELATION_AFTER = compile_regex(rf"(?:,{_S0}|{_S})(?:(?P<dist>{_DISTANCE})|(?P<near>{_NEAR})){_S}(?=[А-ЯЁІЇЄҐ])",
                                re.I)
_RELATION_BEFORE = compile_regex(rf"(?:(?P<dist>{_DISTANCE})|(?P<near>{_NEAR})){_S}(?P<target>[А-ЯЁІЇЄҐ][{_L}]{{1,40}}+"
                                 rf"(?:[ -][А-ЯЁІЇЄҐ][{_L}]{{1,40}}+)?),?{_S}(?:в|у|во|в\s{{1,3}}селе|в\s{{1,3}}селі)?"
                                 rf"{_S0}$", re.I)
_PARAGRAPH = compile_regex(r"\n")


@cache
def _regions() -> tuple[dict[str, str], re.Pattern[str]]:
    """Region stems -> admin1, and the pattern that finds a region named in the text."""
    stems: dict[str, str] = {}
    for line in lines("ruuk_places/oblasts.tsv"):
        admin1, forms = line.split("\t")
        for f in forms.split("|"):
            stems[f.lower()] = admin1
    alts = "|".join(sorted((s for s in stems), key=len, reverse=True))
    # "Донецкой области", "Донецька обл.", "Донеччина", "на Донеччині", "ДНР"
    pattern = compile_regex(rf"(?<![{_L}\w])(?P<stem>{alts})(?:[{_L}]{{0,4}}+{_S}(?:област[{_L}]{{0,3}}|обл\.?)|"
                            rf"[{_L}]{{0,3}}+(?![{_L}\w]))", re.I)
    return stems, pattern


@cache
def _region_heads() -> tuple[re.Pattern[str], frozenset[str]]:
    """Where a region's name may start: a word whose first three letters (in either case) begin some stem (every
    stem of ``oblasts.tsv`` has three letters or more: tests/test_places_ruuk_v4.py checks it)."""
    stems = _regions()[0]
    classes = ("".join(sorted({st[k] for st in stems} | {st[k].upper() for st in stems})) for k in range(3))
    return compile_regex(r"\b" + "".join(f"[{c}]" for c in classes)), frozenset(st[:3] for st in stems)


def _region_matches(text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` of :func:`_regions`, the pattern tried only where a stem's first three letters
    start a word: the same matches (every match starts at such a word start, and the search resumes at a match's
    end as ``finditer``'s does) in a quarter of the time. The hundred-stem alternation tried at every character was
    the costliest step of the Cyrillic place stages (session 11)."""
    pattern = _regions()[1]
    heads, pairs = _region_heads()
    out: list[re.Match[str]] = []
    end = 0
    for h in heads.finditer(text):
        if h.start() < end or h.group().lower() not in pairs:
            continue
        m = pattern.match(text, h.start())
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _region_at(m: re.Match[str]) -> str | None:
    stems, _ = _regions()
    stem = m.group("stem").lower()
    whole = m.group(0).lower()
    # an adjective stem names a region only with its noun ("Донецкой области"), a "-щина" name or an acronym alone
    if stem.endswith(("щин", "ччин", "тчин", "днр", "лнр", "крым", "крим", "запоріжж", "запорожь", "закарпатт",
                      "прикарпатт", "буковин", "волин")) or "обл" in whole:
        return stems.get(stem)
    return None


#: between two coordinated region adjectives: "в Сумській, Донецькій та Харківській областях"
_AND = compile_regex(r"(?:,\s{0,3}|\s{1,3}(?:та|и|і|й|или|або)\s{1,3})")


def region_mentions(text: str, strict: bool = False) -> list[tuple[int, int, str]]:
    """The regions named in ``text``: (start, end, admin1). ``strict`` (entities.ruuk.v3): a name used alone takes
    at most two letters of ending ("Крыму", not the town "Крымске"), and adjectives coordinated with a region
    ("в Сумській, Донецькій та Харківській областях") are regions too."""
    out = []
    matches = _region_matches(text)
    nxt: tuple[re.Match[str], str | None] | None = None
    for m in reversed(matches):
        admin1 = _region_at(m)
        if strict and admin1 is not None and "обл" not in m.group(0).lower() \
                and len(m.group(0)) - len(m.group("stem")) > 2:
            admin1 = None
        if strict and admin1 is None and nxt is not None and nxt[1] is not None \
                and _AND.fullmatch(text, m.end(), nxt[0].start()) is not None:
            admin1 = _regions()[0].get(m.group("stem").lower())
        nxt = (m, admin1)
        if admin1 is not None:
            out.append((m.start(), m.end(), admin1))
    return out[::-1]


def resolve(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
            v3: bool = False) -> None:
    """Weigh, in place, the readings of the ambiguous Cyrillic place mentions (``ambiguous``: start -> the name's
    candidates) by their context; ``entities`` are all the document's entities, sorted by start. ``v3``
    (``entities.ruuk.v3``): regions read more strictly (:func:`region_mentions`), a small settlement the gazetteer
    knows one reading of taken only with the document's support (:func:`_unsupported`), and the variant-spelling
    guard comparing the mention's nominative (:func:`_variant_guard_v3`)."""
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]

    def para_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    regions = region_mentions(text, strict=v3)
    regions_para: dict[int, set[str]] = {}
    for s, _e, admin1 in regions:
        regions_para.setdefault(para_of(s), set()).add(admin1)
    regions_doc = {a for _s, _e, a in regions}
    region_after = {s: a for s, _e, a in regions}
    anchors = _Anchors()
    places = {e.start: e for e in entities if e.type == "place"}
    for e in entities:
        if e.type == "place" and e.lat is not None and e.country in LOCAL and e.start not in ambiguous:
            anchors.add(para_of(e.start), e)
    near = _Near(anchors)
    for e in entities:
        if e.type == "place" and e.rule == "ruuk:gazetteer" and e.start not in ambiguous:
            if not v3:
                _check_single(e, para_of(e.start), near, regions_para)
            else:
                _check_single_v3(text, e, para_of(e.start), near, regions_para, regions_doc)
            near.moved(e)  # the only anchor a step moves (unresolved: its point is gone; _take and _decide move
            anchors.moved(e)  # only ambiguous mentions, never anchors)
        if e.start not in ambiguous or e.type != "place" or _cut_name(text, e.start):
            continue
        rs, weights = local_readings(ambiguous[e.start])
        if len(rs) < 2:
            continue
        abroad = _abroad(ambiguous[e.start], max(weights.values(), default=0.0))
        if abroad is not None:  # "Молдовы", "Париж": a country or a world city, not a village of the same name
            _take(e, abroad, 0.9)
            continue
        m = _Mention(e, rs, para_of(e.start), weights)
        _decide(text, m, anchors, regions_para.get(m.para, set()), regions_doc, places,
                named_oblast=lambda x: _named_region(text, x, region_after),
                relation=lambda x: _relation(text, x, places), guard=_variant_guard_v3 if v3 else _variant_guard)


#: a capitalised adjective right before the mention: the name is longer than the finder's run ("Нижнего Новгорода")
_ADJECTIVE_BEFORE = compile_regex(rf"[А-ЯЁІЇЄҐ][{_L}]{{1,40}}(?:ого|его|ому|ему|ий|ый|ой|ая|яя|ую|ое|ее|ім|ом|ем|"
                                  rf"ої|ої|ій|а|е|у|і){_S}$")


def _check_single(ent: Entity, para: int, anchors: _Near, para_regions: dict[int, set[str]],
                  namesake: bool = False) -> None:
    """A village the gazetteer knows one reading of, far from what its paragraph is about (another region named,
    the paragraph's places all far away): a namesake the gazetteer lacks, left unknown with the region named
    (``namesake``, entities.ruuk.v3: and not with the reading's region, which is the namesake's). The paragraph's
    other anchors are those of another geonameid; near: one of them within _FAR_KM (:class:`_Near`)."""
    if ent.lat is None or ent.geonameid is None or ent.country not in LOCAL:
        return
    pl = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    regions = para_regions.get(para, set())
    points = anchors.paragraph(para)
    own = points.total - points.by_id.get(ent.geonameid, 0)
    near = ent.lon is not None and any(key[2] != ent.geonameid and _km(pl, _point(key)) <= _FAR_KM
                                       for key in points.around(ent.lat, ent.lon, _FAR_KM))
    if (regions and ent.admin1 not in regions and not near) or (own and not near):
        named = next(iter(regions)) if len(regions) == 1 else None
        if namesake:
            _namesake(ent, named)
            return
        unresolved(ent, [pl], named, 0.2)
        if ent.admin1 is None and named is None:
            ent.admin1 = None


#: a settlement the gazetteer knows one reading of, smaller than this, needs the document's support (v3)
_SUPPORT_BELOW = 10_000
#: a village word right before the mention ("в деревне Меленки", "у селі"): a town of this size is a namesake
_VILLAGE_BEFORE = compile_regex(r"(?<![\w-])(?:[Сс]ел[оауеі]|[Дд]еревн[яиеюу]|[Хх]утор[аеу]?|[Сс]елищ[еіау])\s{1,3}$")
_VILLAGE_TOWN = 10_000


def _check_single_v3(text: str, e: Entity, para: int, anchors: _Near, regions_para: dict[int, set[str]],
                     regions_doc: set[str]) -> None:
    """(entities.ruuk.v3) A settlement of Ukraine or Russia the gazetteer knows one reading of: a town named after a
    village word is a namesake; under 10,000 inhabitants it needs the document's support (:func:`_unsupported`);
    regions and bigger towns stand."""
    if e.geonameid is None or e.country not in LOCAL:
        return
    population, feature = _reading(e)
    if feature != "city":
        return
    if population >= _VILLAGE_TOWN and _VILLAGE_BEFORE.search(text, max(0, e.start - 20), e.start):
        _namesake(e, next(iter(regions_para.get(para, ()))) if len(regions_para.get(para, ())) == 1 else None)
        return
    if population >= _SUPPORT_BELOW:
        return
    _check_single(e, para, anchors, regions_para, namesake=True)
    if e.geonameid is not None and _unsupported(e, anchors, regions_doc):
        _namesake(e, next(iter(regions_doc)) if len(regions_doc) == 1 else None)


def _reading(ent: Entity) -> tuple[int, str]:
    """The population (the most populous entry of that name in that region: GeoNames lists some towns twice, once
    with no population) and the feature of an entity's gazetteer reading."""
    places = [c.place for c in gazetteer().lookup(ent.name or ent.text)]
    own = next((p for p in places if p.geonameid == ent.geonameid), None)
    if own is None:
        return 0, "city"
    return max(p.population for p in places if p.admin1 == own.admin1 and p.feature == own.feature), own.feature


def _unsupported(ent: Entity, anchors: _Near, regions_doc: set[str]) -> bool:
    """(entities.ruuk.v3) A small settlement (under 20,000) the gazetteer knows one reading of, with nothing in the
    document for it: its region not named, no other place of the document within 120 km. The gazetteer lacks most
    villages, so such a reading is as likely a namesake's: unknown is better than a confident wrong answer."""
    if ent.admin1 in regions_doc or ent.lat is None:
        return False
    if ent.lon is None:  # no distance: nothing is near
        return True
    here = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    return not any(key[2] != ent.geonameid and key[3] != ent.text and _km(here, _point(key)) <= _FAR_KM
                   for key in anchors.document().around(ent.lat, ent.lon, _FAR_KM))


def _point(key: tuple[Any, ...]) -> Place:
    """A key's coordinates, as _km reads them (a place's lat and lon)."""
    return cast(Place, _Point(key[0], key[1]))


class _Point:
    """Coordinates, as _km reads them."""

    __slots__ = ("lat", "lon")

    def __init__(self, lat: float | None, lon: float | None) -> None:
        self.lat, self.lon = lat, lon


class _Grid:
    """Keys ``(lat, lon, …)`` of members (by ``id``), by cells of a degree of latitude and longitude: the keys that
    may lie within a distance of a point are those of a few cells, not all (a paragraph or a document naming
    thousands of places asked once per mention was quadratic, session 13). ``by_id``: members by the key's third
    item; ``total``: all members."""

    __slots__ = ("keys", "cells", "where", "by_id", "total")

    def __init__(self) -> None:
        self.keys: dict[tuple[Any, ...], int] = {}
        self.cells: dict[tuple[int, int], set[tuple[Any, ...]]] = {}
        self.where: dict[int, tuple[Any, ...]] = {}
        self.by_id: dict[Any, int] = {}
        self.total = 0

    def put(self, member: object, key: tuple[Any, ...]) -> None:
        """``member`` is at ``key`` now (its point or geonameid set since it was put: it moves)."""
        old = self.where.get(id(member))
        if old == key:
            return
        if old is not None:
            self._count(old, -1)
        else:
            self.total += 1
        self.where[id(member)] = key
        self._count(key, 1)

    def _count(self, key: tuple[Any, ...], n: int) -> None:
        k = self.keys[key] = self.keys.get(key, 0) + n
        self.by_id[key[2]] = self.by_id.get(key[2], 0) + n
        lat, lon = key[0], key[1]
        if not isinstance(lat, float | int) or not isinstance(lon, float | int):
            return
        cell = cell_of(lat, lon)
        if k == 1 and n == 1:
            self.cells.setdefault(cell, set()).add(key)
        elif k == 0:
            self.cells[cell].discard(key)
            del self.keys[key]

    def around(self, lat: float, lon: float, km: float) -> Iterator[tuple[Any, ...]]:
        """The keys (with members) that may lie within ``km`` of ``(lat, lon)``: every one that does, and some more
        (:func:`.context.cells_around`)."""
        cells = cells_around(lat, lon, km)
        if cells is None:
            yield from [k for k in self.keys if isinstance(k[0], float | int) and isinstance(k[1], float | int)]
            return
        for cell in cells:
            yield from self.cells.get(cell, ())


class _Near:
    """The anchors' points for :func:`_check_single` (by paragraph: ``(lat, lon, geonameid)``) and
    :func:`_unsupported` (the document's places, one entity each: ``(lat, lon, geonameid, text)``), as they are
    now: the resolver tells (:meth:`moved`) after each step that may move an anchor (``unresolved`` clears its
    point). Built on first use."""

    def __init__(self, anchors: _Anchors) -> None:
        self.anchors = anchors
        self._paras: dict[int, _Grid] = {}
        self._doc: _Grid | None = None
        self._para_of: dict[int, int] = {id(a): p for p, ps in anchors.by_para.items() for a in ps}
        self._first = {id(a) for a, _n in anchors.places.values()}

    def paragraph(self, para: int) -> _Grid:
        grid = self._paras.get(para)
        if grid is None:
            grid = self._paras[para] = _Grid()
            for a in self.anchors.by_para.get(para, []):
                grid.put(a, (a.lat, a.lon, a.geonameid))
        return grid

    def document(self) -> _Grid:
        if self._doc is None:
            self._doc = _Grid()
            for a, _n in self.anchors.places.values():
                self._doc.put(a, (a.lat, a.lon, a.geonameid, a.text))
        return self._doc

    def moved(self, ent: Entity) -> None:
        para = self._para_of.get(id(ent))
        if para is not None and para in self._paras:
            self._paras[para].put(ent, (ent.lat, ent.lon, ent.geonameid))
        if self._doc is not None and id(ent) in self._first:
            self._doc.put(ent, (ent.lat, ent.lon, ent.geonameid, ent.text))


def _namesake(ent: Entity, named: str | None) -> None:
    """Left unknown as a possible namesake of the gazetteer's reading: its id a candidate, the region only when the
    text names one."""
    pl = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    unresolved(ent, [pl], named, 0.2)
    ent.admin1 = named


def _cut_name(text: str, start: int) -> bool:
    return _ADJECTIVE_BEFORE.search(text, max(0, start - 42), start) is not None and \
        text[max(0, start - 42):start].rstrip()[-1:].isalpha()


def _abroad(cands: tuple[Candidate, ...] | list[Candidate], local_weight: float) -> Place | None:
    """A country, or a city abroad of 400,000+ ten times heavier than every local reading of the name."""
    for c in cands:
        pl = c.place
        if pl.feature == "country" and c.primary:
            return pl
        if pl.feature == "city" and pl.country not in LOCAL and pl.population >= 400_000 \
                and pl.population >= 10 * local_weight:
            return pl
    return None


def _named_region(text: str, ent: Entity, region_after: dict[int, str]) -> str | None:
    """A region named right after the mention: ", Донецкой области", " (Донецька обл.)", " на Донеччині"."""
    k = ent.end
    while k < len(text) and k - ent.end < 8 and text[k] in " ,(–—-":
        k += 1
    for skip in ("", "на ", "в ", "у "):
        if text.startswith(skip, k) and (k + len(skip)) in region_after:
            return region_after[k + len(skip)]
    return None


def _relation(text: str, ent: Entity, places: dict[int, Entity]) -> tuple[Entity, float | None] | None:
    m = _RELATION_AFTER.match(text, ent.end)
    at = m.end() if m is not None else None
    if m is None:
        m = _RELATION_BEFORE.search(text, max(0, ent.start - 80), ent.start)
        at = m.start("target") if m is not None else None
    if m is None or at is None:
        return None
    target = places.get(at)
    if target is None or target is ent or target.lat is None:
        return None
    return target, float(m.group("n")) if m.group("dist") else None


def _variant_guard(m: _Mention, rs: list[Place], scores: dict[int, float], rel: tuple[Entity, float | None] | None,
                   oblast: str | None, para_regions: set[str]) -> bool:
    """Only the places and regions around it speak for a reading that is a variant spelling of another place's
    name (a renamed town, another language's form): "Петровка" is not Kurakhove. Leaves it unresolved (True)."""
    return _guard(m, rs, scores, rel, oblast, para_regions, m.ent.text)


def _guard(m: _Mention, rs: list[Place], scores: dict[int, float], rel: tuple[Entity, float | None] | None,
           oblast: str | None, para_regions: set[str], surface: str) -> bool:
    ent = m.ent
    best = max(rs, key=lambda p: scores[id(p)])
    if rel is None and oblast is None and best.population < _TOWN and m.weight(best) < best.population \
            and _unlike(surface, best.name):
        named = next(iter(para_regions)) if len(para_regions) == 1 else None
        unresolved(ent, m.readings, None, 0.2)
        ent.admin1 = ent.admin1 or named
        return True
    return False


def _variant_guard_v3(m: _Mention, rs: list[Place], scores: dict[int, float], rel: tuple[Entity, float | None] | None,
                      oblast: str | None, para_regions: set[str]) -> bool:
    """:func:`_variant_guard` comparing the mention's nominative, not its inflected form ("под Авдеевкой" is
    Авдеевка, a spelling of Avdiivka)."""
    from .cyrillic import _lemma

    text = m.ent.text
    lang = "uk" if any(ch in "іїєґ" for ch in text.lower()) else "ru"
    nominative = " ".join(_lemma(w.lower(), lang)[0] for w in text.split())
    return _guard(m, rs, scores, rel, oblast, para_regions, nominative)


def _unlike(mention: str, name: str) -> bool:
    """Whether a Cyrillic mention and a gazetteer name differ beyond spelling and case ending (Авдеевки ~ Avdiivka;
    Петровка is not Kurakhove, which GeoNames lists it as a former name of)."""
    from rapidfuzz import fuzz

    from .cyrillic import transliterate

    latin = transliterate(mention.lower(), "uk" if any(ch in "іїєґ" for ch in mention.lower()) else "ru")
    return fuzz.ratio(latin[:len(name)], name.lower()) < 60


#: a variant-spelling reading of this population or more may be taken on the places and regions around it alone
_TOWN = 50_000
