"""More Cyrillic place names found (``entities.ruuk.v3``; issue 13 item 4, issue 17 item 5).

``entities.ruuk.v2`` looks a capitalised word up by the nominative of its most probable pymorphy3 reading and takes
a gazetteer place only under the settlement's own GeoNames name. Three kinds of place names fall through:

* names whose most probable reading is an adjective: the dictionary's nominative is the masculine adjective, not the
  name ("Кремінна" -> кремінний, "Счастливое" -> счастливый, "над Железногорском" -> железногорский,
  "Камʼянським" -> камʼянський); here every reading is tried, the adjectives in their own gender
  (Кремінна, Счастливое, Камʼянське) and a geographical noun reading before them (Железногорск);
* names that match only an alternate GeoNames spelling (the Ukrainian national transliteration, "Trostianets",
  "Krasnopillia", or the Russian one, "Solntsevka"): GeoNames lists many Ukrainian villages under an older
  spelling, so a local settlement is taken under any of its names;
* two-word names, an adjective and a noun ("Великой Новоселки" -> Великая Новоселка -> Velyka Novosilka, "Старые
  Терны"): the adjective agrees with the noun in the nominative.

The word must be capitalised inside its sentence, follow a settlement word ("село", "смт", "хутор"), or head a list
whose next item is a settlement ("Суми, Конотоп, Тростянець"): a capitalised
word inside a Russian or Ukrainian sentence is a name, and the gazetteer decides whether it is a settlement's. An
adjective alone must stand alone: a lower-case word right after it is what it qualifies ("Донецкой народной
республики", "Курский губернатор"), not a place. A name several settlements share is weighed in context as in v2.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import compile_regex
from ..morphology import analyzer
from .gazetteer import Candidate, gazetteer

_GENDERS = ("masc", "femn", "neut")
#: a lower-case Cyrillic word right after the mention: what a capitalised adjective may qualify
_LOWER_NEXT = compile_regex(r"\s{1,3}([а-яёіїєґ'’ʼ-]{1,40})")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")


def _local(cands: tuple[Candidate, ...]) -> bool:
    return any(c.place.feature == "city" and c.place.country in ("UA", "RU") for c in cands)


@lru_cache(maxsize=50_000)
def _keys(word: str, lang: str) -> tuple[tuple[str, bool], ...]:
    """The nominatives a (lower-case) word may name a place by, most likely first, each with whether it is weak (an
    adjective reading, or a noun reading of a word that has an adjective reading too): a geographical noun reading,
    the other noun readings, each adjective reading in its own gender and number, the word itself."""
    parses = analyzer(lang).parse(word.replace("ʼ", "'").replace("’", "'"))
    geo: list[str] = []
    nouns: list[str] = []
    adjs: list[str] = []
    for p in parses:
        tags = p.tag.grammemes
        if "ADJF" in tags:  # the nominative in the reading's own gender first, then the other genders and plural
            gender = next((g for g in _GENDERS if g in tags), None)
            wants = [{"nomn", "plur"}] if "plur" in tags else []
            wants += [{"nomn", "sing", g} for g in sorted(_GENDERS, key=lambda g: g != gender)]
            for want in wants:
                form = p.inflect(want)
                if form is not None:
                    adjs.append(form.word)
            adjs.extend(_genders(p.normal_form))  # a word the dictionary does not know does not inflect
        elif "NOUN" in tags:
            (geo if "Geox" in tags else nouns).append(p.normal_form)
    out: dict[str, bool] = {}
    for k in geo:
        out.setdefault(k, False)
    for k in nouns:  # a noun reading of a word that is an adjective too ("Московской": a surname) is as weak
        out.setdefault(k, bool(adjs))
    for k in adjs:
        out.setdefault(k, True)
    out.setdefault(word, False)
    return tuple(out.items())


#: the masculine nominative's ending -> the feminine and neuter ones (Russian and Ukrainian adjectives)
_ENDINGS = (("ый", ("ая", "ое")), ("ой", ("ая", "ое")), ("ий", ("ая", "ое", "а", "е")), ("ій", ("я", "є")))


def _genders(masc: str) -> list[str]:
    """The feminine and neuter nominatives of a masculine adjective, by its ending."""
    for end, others in _ENDINGS:
        if masc.endswith(end):
            return [masc[: -len(end)] + o for o in others]
    return []


def lookup(word: str, lang: str) -> tuple[tuple[Candidate, ...], bool]:
    """The gazetteer readings of the first nominative of ``word`` that names a Ukrainian or Russian settlement, and
    whether that nominative came from an adjective reading only; ``((), False)`` when none does."""
    from .cyrillic import transliterate

    gaz = gazetteer()
    for key, adjective in _keys(word.lower(), lang):
        for form in dict.fromkeys((key, key.replace("ё", "е"), key.translate(_APOSTROPHES))):
            hit = gaz.lookup(transliterate(form, lang))
            if hit and _local(hit):
                return hit, adjective
    return (), False


@lru_cache(maxsize=50_000)
def _agreed(adj: str, noun: str, lang: str) -> tuple[str, ...]:
    """The adjective's nominatives agreeing with the noun's ("Великой Новоселки" -> великая новоселка); cached: the
    inflections are pymorphy3's slowest calls, and the same pairs recur (session 11)."""
    out: list[str] = []
    morph = analyzer(lang)
    for n in morph.parse(noun):
        if "NOUN" not in n.tag.grammemes:
            continue
        number = "plur" if "plur" in n.tag.grammemes else "sing"
        gender = next((g for g in _GENDERS if g in n.tag.grammemes), None)
        nom = n.inflect({"nomn", number})
        for a in morph.parse(adj):
            if "ADJF" not in a.tag.grammemes:
                continue
            want = {"nomn", number} if number == "plur" or gender is None else {"nomn", number, gender}
            form = a.inflect(want)
            if form is not None and nom is not None:
                out.append(f"{form.word} {nom.word}")
    return tuple(dict.fromkeys(out))


def lookup_pair(adj: str, noun: str, lang: str) -> tuple[Candidate, ...]:
    """The gazetteer readings of a two-word name, an adjective and a noun, in the nominative; ``()`` when none is a
    Ukrainian or Russian settlement."""
    from .cyrillic import transliterate

    gaz = gazetteer()
    for phrase in _agreed(adj.lower(), noun.lower(), lang):
        for form in dict.fromkeys((phrase, phrase.replace("ё", "е"))):
            latin = " ".join(transliterate(w, lang) for w in form.split())
            hit = gaz.lookup(latin)
            if hit and _local(hit):
                return hit
    return ()


#: the next item of a list: a comma and a capitalised word
_LIST_NEXT = compile_regex(r",\s{1,3}([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]{2,40})(?![\w-])")


def heads_list(text: str, end: int, lang: str) -> bool:
    """The word at a sentence's start heads a list whose next item is a settlement's name ("Суми, Конотоп, ...")."""
    m = _LIST_NEXT.match(text, end)
    return m is not None and bool(lookup(m.group(1), lang)[0])


#: a town's own name this populous is taken even where the dictionary knows the word ("Суми", "Миколаїв")
WELL_KNOWN = 10_000
#: a region named right after a mention: " у Запорізькій області", ", Донецкой области"
_REGION_NEXT = compile_regex(r"(?:,\s{0,3}|\s{1,3}(?:(?:у|в|на)\s{1,3})?)[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]{2,30}\s{1,3}"
                             r"(?:област|обл\.|район|краю|края|край)")


#: the neighbours of a mention in a list: ", X" / " і X" after it, "X, " / "X і " before it
_NEXT_ITEM = compile_regex(r"(?:,\s{1,3}|\s{1,3}(?:і|и|й|та)\s{1,3})([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]{2,40})(?![\w-])")
_PREV_ITEM = compile_regex(r"(?<![\w-])([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]{2,40})(?:,\s{1,3}|\s{1,3}(?:і|и|й|та)\s{1,3})$")


def listed_with_place(text: str, start: int, end: int, lang: str) -> bool:
    """A neighbour in a list is a settlement named by a noun, or a town of 10,000 or more ("Попасна і Кремінна",
    "Рубіжне, Попасна"): a list of places, not of regions or directions ("над Белгородской, Курской")."""
    for m in (_NEXT_ITEM.match(text, end), _PREV_ITEM.search(text, max(0, start - 50), start)):
        if m is not None:
            hit, weak = lookup(m.group(1), lang)
            if hit and (not weak or well_known(hit)):
                return True
    return False


#: words that make a list of capitalised adjectives a list of regions, districts or directions
_REGION_WORDS = compile_regex(r"(?:област|обл\.|район|край|краю|края|направлени|напрямк|регион|регіон|округ)",
                              re.I)


def regions_nearby(text: str, start: int, end: int) -> bool:
    """A region, district or direction word within 150 characters of the mention."""
    return _REGION_WORDS.search(text, max(0, start - 150), min(len(text), end + 150)) is not None


def well_known(hit: tuple[Candidate, ...]) -> bool:
    """Some reading is a Ukrainian or Russian town of 10,000 or more under its own GeoNames name."""
    return any(c.primary and c.place.feature == "city" and c.place.country in ("UA", "RU")
               and c.place.population >= WELL_KNOWN for c in hit)


def region_follows(text: str, end: int) -> bool:
    """A region is named right after the mention ("Камʼянським у Запорізькій області")."""
    return _REGION_NEXT.match(text, end) is not None


def qualifies_next(text: str, end: int, lang: str) -> bool:
    """A lower-case noun or adjective follows: a capitalised adjective here qualifies it and is no place name
    ("Донецкой народной республики"); a preposition or a conjunction ("Камʼянським у Запорізькій області") does
    not."""
    m = _LOWER_NEXT.match(text, end)
    if m is None:
        return False
    tags = analyzer(lang).parse(m.group(1))[0].tag.grammemes
    return "NOUN" in tags or "ADJF" in tags or "PRTF" in tags


__all__ = ["heads_list", "listed_with_place", "regions_nearby", "lookup", "lookup_pair", "qualifies_next", "region_follows", "well_known"]
