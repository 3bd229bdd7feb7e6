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
from functools import cache

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
    local_readings,
    unresolved,
)
from .gazetteer import Candidate, Place

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


def _region_at(m: re.Match[str]) -> str | None:
    stems, _ = _regions()
    stem = m.group("stem").lower()
    whole = m.group(0).lower()
    # an adjective stem names a region only with its noun ("Донецкой области"), a "-щина" name or an acronym alone
    if stem.endswith(("щин", "ччин", "тчин", "днр", "лнр", "крым", "крим", "запоріжж", "запорожь", "закарпатт",
                      "прикарпатт", "буковин", "волин")) or "обл" in whole:
        return stems.get(stem)
    return None


def region_mentions(text: str) -> list[tuple[int, int, str]]:
    """The regions named in ``text``: (start, end, admin1)."""
    _, pattern = _regions()
    out = []
    for m in pattern.finditer(text):
        admin1 = _region_at(m)
        if admin1 is not None:
            out.append((m.start(), m.end(), admin1))
    return out


def resolve(text: str, entities: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]]) -> None:
    """Weigh, in place, the readings of the ambiguous Cyrillic place mentions (``ambiguous``: start -> the name's
    candidates) by their context; ``entities`` are all the document's entities, sorted by start."""
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]

    def para_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    regions = region_mentions(text)
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
    for e in entities:
        if e.type == "place" and e.rule == "ruuk:gazetteer" and e.start not in ambiguous:
            _check_single(e, para_of(e.start), anchors, regions_para)
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
                relation=lambda x: _relation(text, x, places), guard=_variant_guard)


#: a capitalised adjective right before the mention: the name is longer than the finder's run ("Нижнего Новгорода")
_ADJECTIVE_BEFORE = compile_regex(rf"[А-ЯЁІЇЄҐ][{_L}]{{1,40}}(?:ого|его|ому|ему|ий|ый|ой|ая|яя|ую|ое|ее|ім|ом|ем|"
                                  rf"ої|ої|ій|а|е|у|і){_S}$")


def _check_single(ent: Entity, para: int, anchors: _Anchors, para_regions: dict[int, set[str]]) -> None:
    """A village the gazetteer knows one reading of, far from what its paragraph is about (another region named,
    the paragraph's places all far away): a namesake the gazetteer lacks, left unknown with the region named."""
    if ent.lat is None or ent.geonameid is None or ent.country not in LOCAL:
        return
    pl = Place(ent.geonameid, ent.name or ent.text, "city", ent.country, ent.admin1, ent.lat, ent.lon, 0)
    regions = para_regions.get(para, set())
    own = [a for a in anchors.by_para.get(para, []) if a is not ent and a.geonameid != ent.geonameid]
    near = any(_km(pl, a) <= _FAR_KM for a in own)
    if (regions and ent.admin1 not in regions and not near) or (own and not near):
        named = next(iter(regions)) if len(regions) == 1 else None
        unresolved(ent, [pl], named, 0.2)
        if ent.admin1 is None and named is None:
            ent.admin1 = None


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
    ent = m.ent
    best = max(rs, key=lambda p: scores[id(p)])
    if rel is None and oblast is None and best.population < _TOWN and m.weight(best) < best.population \
            and _unlike(ent.text, best.name):
        named = next(iter(para_regions)) if len(para_regions) == 1 else None
        unresolved(ent, m.readings, None, 0.2)
        ent.admin1 = ent.admin1 or named
        return True
    return False


def _unlike(mention: str, name: str) -> bool:
    """Whether a Cyrillic mention and a gazetteer name differ beyond spelling and case ending (Авдеевки ~ Avdiivka;
    Петровка is not Kurakhove, which GeoNames lists it as a former name of)."""
    from rapidfuzz import fuzz

    from .cyrillic import transliterate

    latin = transliterate(mention.lower(), "uk" if any(ch in "іїєґ" for ch in mention.lower()) else "ru")
    return fuzz.ratio(latin[:len(name)], name.lower()) < 60


#: a variant-spelling reading of this population or more may be taken on the places and regions around it alone
_TOWN = 50_000
