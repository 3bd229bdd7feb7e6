"""Cyrillic places, session 14 (``entities.ruuk.v8``; issue 13 item 4, issue 17 item 5): ``entities.ruuk.v7``
(:mod:`.cyrillic_v7`) with the place names its finder does not return at all.

The gazetteer's ceiling on the three Cyrillic dev sets was 0.906 (h-places10): every gold id it missed was a mention
the finder of :mod:`.cyrillic` never returned as a place. Why, by mention:

* **a name of several hyphenated parts, or two words** ("Ростова-на-Дону", "г.Санкт Петербург"): the capitalised
  run (``cyrillic._CAP_RUN``) allows one hyphen per word, so "Ростова-на-Дону" gives no run at all, and "Санкт" is
  no geographical word, so "Санкт Петербург" is neither a place nor an adjective and a noun (:attr:`Recall.compound`);
* **a place right before a person's name** ("губернатор Севастополя Михаил Развожаев", "экс-мэра Сочи Янину
  Копайгородскую"): the run takes up to three capitalised words and a run of a place and a name reads as neither
  (:attr:`Recall.split`);
* **a town whose word is also a first name or surname** ("Беслан", "Бородянку", "у Києві", "Харкові"): a reading
  tagged Name or Surn keeps the word from being a place. v8 takes the word when a reading names a Ukrainian or
  Russian settlement the gazetteer holds and the name reading is weak: pymorphy3 rates the geographical readings of
  the Russian word at least as likely as the name readings ("Беслан"; not "Николаева", a surname first: left
  missed), the name reading is a guess for a word the dictionary lacks ("Бородянку"), or, in Ukrainian (whose
  dictionary has no likelihoods and no geographical tag), an inanimate noun reading's nominative is a town of 10,000
  or more ("Києві" -> київ, "Харкові" -> харків). Never right after an initial, a street or "имени" word ("улица
  Кирова"), and at a sentence's start only for a Russian word the dictionary knows ("Беслан.") (:attr:`Recall.town_form`);
* **an adjectival name alone** ("освобождать Двуречную,", "Попасна і Кремінна.", "потужно Счастливое"): v3 takes
  a capitalised adjective only in a list of places with no region word within 150 characters either side. v8 takes
  one inside its sentence that ends a clause (a comma, a full stop, the end of a line follows), with no capitalised
  word, Roman numeral, quotation mark or river word right before it ("Курск - Восточный", "Гаральда ІІІ Суворого",
  "на річці Прип'яті"), and no region, district, direction or oblast-administration word after it in its sentence
  or within 60 characters before it ("над Брянской, Курской ... областями", "Голова Миколаївської ОДА", "в трьох
  областях – Донецькій, Луганській"); after a town or settlement word ("над містом Кропивницький") wherever it
  stands. The readings of every nominative it may stand for are weighed in context ("над Кропивницьким": the city
  or the village Kropyvnytske) (:attr:`Recall.adjective`).

What it does not fix: "н.п. Счастье" (the gazetteer has Shchastya under no spelling of "Счастье"), "обладминистрации
Николаева" (a surname first for pymorphy3), a town's name at a sentence's start outside a list ("Одеса і Харків"),
a place in a run another entity overlaps ("Мер Харкова Терехов": Терехов is a listed person). The places added
go through v7's steps as v7's own (a name several settlements share is weighed in context, abstained on, fixed).
Settings checked by leave-one-document-out cross-validation over the three Cyrillic dev sets
(``scripts/places_ruuk_v8_cv.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicons import compile_regex
from ..model import Document, Entity
from ..morphology import analyzer
from ..pipeline import stage
from . import cyrillic_places
from .context import unresolved
from .context_ruuk import resolve as resolve_in_context
from .cyrillic import (
    _CAP_RUN,
    _DISTRICT_AFTER,
    _ORDINAL_AFTER,
    LANGS,
    _add,
    _entity,
    _lemma,
    _sentence_initial,
    find,
    transliterate,
)
from .cyrillic_v6 import abstain_v6
from .cyrillic_v7 import fix_v7
from .gazetteer import Candidate, gazetteer
from .names import Spans

_NAMES = frozenset({"Name", "Surn", "Patr"})
_UP = "А-ЯЁІЇЄҐ"
_LO = "а-яёіїєґ'’ʼ"
#: several hyphenated parts ("Ростов-на-Дону", "Комсомольск-на-Амуре") or "Санкт Петербург" / "Санкт-Петербург"
_COMPOUND = compile_regex(rf"(?<![\w-])(?:[Сс]анкт[- ][{_UP}][{_LO}]+|[{_UP}][{_LO}]+(?:-[{_LO}]{{1,3}})+-[{_UP}][{_LO}]+)"
                          rf"(?![\w-])")
#: an initial, a street, square or "named after" word right before the word: it is a person's name here
_PERSON_BEFORE = compile_regex(rf"(?:(?<![\w-])[{_UP}]\.\s?|(?<![\w-])(?:ул|улиц[аеуы]|вул|вулиц[яіюі]|пр|просп|"
                               rf"проспект[аеу]?|пл|площад[ьиі]|бульвар[аеу]?|пер|переул[оа]?к[аеу]?|провулк?[аеу]?|"
                               rf"имени|им|імені|ім)\.?\s{{1,3}})$", re.I)
#: a region, district or direction word: the capitalised adjective before it in its sentence names a region
_REGION_WORDS = compile_regex(r"(?:област|обл\.|район|р-н|край|краю|края|направлени|напрямк|регион|регіон|округ|"
                              r"громад|\bОДА\b|\bОВА\b|\bОГА\b|адміністрац|администрац)", re.I)
#: how far before an adjectival name a region word makes it a list of regions ("в трьох областях – Донецькій,
#: Луганській, Запорізькій"); one further back names where the sentence is ("форсировали реку Оскол в Харьковской
#: области, закрепились ... и начали освобождать Двуречную")
_REGION_BEFORE = 60
_SENTENCE_END = compile_regex(r"[.!?\n…]")
#: what may follow an adjectival name standing alone: the end of a clause or of the text
_ALONE_AFTER = compile_regex(r"[ \t]{0,3}(?:[.,;:!?…\n]|$)")
#: a capitalised word, a Roman numeral, a quotation mark, or a river or lake word right before it: an epithet, a
#: name's part ("Курск - Восточный", "Гаральда ІІІ Суворого"), a title, a river ("на річці Прип'яті")
_NAME_BEFORE = compile_regex(rf"(?:(?<![\w-])(?:[{_UP}][\w'’ʼ]*|[IVXІ]+)\s{{0,2}}[-–—]?\s{{0,2}}|[«\"„“]\s?|"
                             rf"(?<![\w-])(?:рек[аиеу]|річк[аиоу]|річці|озер[оау]|озері)\s{{1,3}})$")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")
#: a town or settlement word right before it, in any case ("над містом Кропивницький"): a name wherever it stands
_TOWN_WORD_BEFORE = compile_regex(r"(?<![\w-])(?:міст[оаіу]|містом|город[аеу]?|городом|сел[оауеі]|селом|селищ[еаіу]|"
                                  r"селищем|смт|пгт|н\.\s?п\.)\s{1,3}$", re.I)


@dataclass(frozen=True, slots=True)
class Recall:
    """v8's kinds of place names v7's finder misses (module docstring); varied by the cross-validation."""

    compound: bool = True
    split: bool = True
    town_form: bool = True
    adjective: bool = True


@lru_cache(maxsize=100_000)
def _parses(word: str, lang: str) -> tuple[Any, ...]:
    """pymorphy3's readings of a lower-case word, cached: v8 asks again for every capitalised word v7 left out
    (sentence starts above all), and a parse costs ~200 µs."""
    return tuple(analyzer(lang).parse(word))


def _local(hit: tuple[Candidate, ...]) -> dict[int, Candidate]:
    return {c.place.geonameid: c for c in hit
            if c.place.feature == "city" and c.place.country in ("UA", "RU") and c.place.geonameid}


@lru_cache(maxsize=50_000)
def _lookup(lemma: str, lang: str) -> tuple[Candidate, ...]:
    gaz = gazetteer()
    for form in dict.fromkeys((lemma, lemma.replace("ё", "е"))):
        hit = gaz.lookup(transliterate(form, lang))
        if hit and _local(hit):
            return hit
    return ()


def _place(text: str, start: int, end: int, hit: tuple[Candidate, ...],
           ambiguous: dict[int, tuple[Candidate, ...]]) -> Entity | None:
    """The mention as a place of the Ukrainian and Russian settlements of ``hit`` (as ``cyrillic._more_place``: a name
    several settlements share is left to the context, with its candidates); none before an ordinal or a district
    word, as v3's."""
    local = _local(hit)
    if not local or _ORDINAL_AFTER.match(text, end) or _DISTRICT_AFTER.match(text, end):
        return None  # as v3: "Лимана первого", "в Каменском районе" (a district, not the town)
    first = next(iter(local.values()))
    ent = _entity("place", start, end, text, first.place.name, first, "ruuk:gazetteer")
    if len(local) > 1:
        unresolved(ent, [c.place for c in local.values()], None, 0.3)
        ambiguous[start] = hit
    return ent


@lru_cache(maxsize=50_000)
def _compound_lemma(surface: str, lang: str) -> tuple[str, ...]:
    """The nominatives a hyphenated or two-word name may name a place by: pymorphy3's geographical reading of the
    whole ("ростова-на-дону" -> ростов-на-дону), the first part's nominative with the rest as written."""
    word = surface.lower().replace(" ", "-")
    out = [p.normal_form for p in analyzer(lang).parse(word) if "Geox" in p.tag.grammemes]
    head, _, rest = word.partition("-")
    out += [f"{p.normal_form}-{rest}" for p in analyzer(lang).parse(head) if "NOUN" in p.tag.grammemes]
    out.append(word)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def _town_lemmas(word: str, lang: str) -> tuple[str, ...]:
    """The nominatives by which a word a Name or Surn reading kept from being a place may name a town (module
    docstring, :attr:`Recall.town_form`); ``()`` when the word reads first as neither a name nor a place, or its name
    reading is strong."""
    if "common" in _lemma(word, lang)[1]:
        return ()  # v1's reading (cached): the first reading is a common word's
    parses = _parses(word, lang)
    if not parses or not set(parses[0].tag.grammemes) & (_NAMES | {"Geox"}):
        return ()
    if not any(set(p.tag.grammemes) & _NAMES for p in parses):
        return ()  # v1-v7 read a word whose readings are places only
    if not parses[0].is_known:  # a guess: every noun reading
        return tuple(dict.fromkeys(p.normal_form for p in parses if "NOUN" in p.tag.grammemes))
    if lang == "ru":
        geo = sum(p.score for p in parses if "Geox" in p.tag.grammemes)
        name = sum(p.score for p in parses if set(p.tag.grammemes) & _NAMES)
        if geo <= 0 or geo < name:
            return ()
        return tuple(dict.fromkeys(p.normal_form for p in parses if "Geox" in p.tag.grammemes))
    return tuple(dict.fromkeys(p.normal_form for p in parses if "NOUN" in p.tag.grammemes and "inan" in p.tag.grammemes
                               and not set(p.tag.grammemes) & _NAMES))


def _town_form(text: str, start: int, word: str, lang: str) -> tuple[Candidate, ...]:
    initial = _sentence_initial(text, start)
    if (initial and lang != "ru") or _PERSON_BEFORE.search(text, max(0, start - 16), start):
        return ()
    lemmas = _town_lemmas(word.lower(), lang)
    if not lemmas:
        return ()
    guess = not _parses(word.lower(), lang)[0].is_known
    if initial and guess:
        return ()
    for lemma in lemmas:
        hit = _lookup(lemma, lang)
        if not hit:
            continue
        if lang == "ru" or guess or any(c.place.population >= cyrillic_places.WELL_KNOWN for c in _local(hit).values()):
            return hit
    return ()


@lru_cache(maxsize=100_000)
def _adjective_word(word: str, lang: str) -> bool:
    """The (lower-case) word reads first as an adjective, not a name's."""
    tags = _lemma(word, lang)[1]
    if "ADJF" not in tags and ("common" in tags or tags & _NAMES):
        return False  # v1's reading (cached): a common word's or a name's first, no adjective
    parses = _parses(word, lang)
    return bool(parses) and "ADJF" in parses[0].tag.grammemes and not set(parses[0].tag.grammemes) & _NAMES


def _adjective(text: str, start: int, end: int, word: str, lang: str) -> tuple[Candidate, ...]:
    """An adjectival name standing alone inside its sentence (:attr:`Recall.adjective`): the readings of every
    nominative it may name a settlement by ("над Кропивницьким": Kropyvnytskyi or the village Kropyvnytske, weighed in
    context), or ``()``."""
    if not _adjective_word(word.lower(), lang):
        return ()
    town = _TOWN_WORD_BEFORE.search(text, max(0, start - 24), start) is not None
    if not town and (_sentence_initial(text, start) or not _ALONE_AFTER.match(text, end)
                     or _NAME_BEFORE.search(text, max(0, start - 24), start)):
        return ()
    begin = max(start - _REGION_BEFORE, *(text.rfind(c, 0, start) + 1 for c in ".!?\n…"))
    stop = _SENTENCE_END.search(text, end)
    if _REGION_WORDS.search(text, begin, stop.start() if stop else len(text)):
        return ()
    return _all_readings(word, lang)


@lru_cache(maxsize=50_000)
def _all_readings(word: str, lang: str) -> tuple[Candidate, ...]:
    """The gazetteer's readings of every nominative :func:`cyrillic_places._keys` gives for the word that names a
    Ukrainian or Russian settlement, most likely nominative first."""
    out: dict[int, Candidate] = {}
    for key, _weak in cyrillic_places._keys(word.lower(), lang):
        for form in dict.fromkeys((key, key.replace("ё", "е"), key.translate(_APOSTROPHES))):
            hit = gazetteer().lookup(transliterate(form, lang))
            if hit and _local(hit):
                for c in hit:
                    out.setdefault(c.place.geonameid or -len(out) - 1, c)
                break
    return tuple(out.values())


def find_more(doc: Document, found: list[Entity], ambiguous: dict[int, tuple[Candidate, ...]],
              rc: Recall = Recall()) -> list[Entity]:
    """The places of the Russian and Ukrainian paragraphs of ``doc`` that v7's finder (``found``) does not return
    (module docstring), overlapping neither its entities nor the document's."""
    text = doc.text
    paras = [(s, e, lab) for (s, e), lab in zip(doc.paragraphs, doc.paragraph_languages, strict=False)]
    if not paras and doc.language in LANGS:
        paras = [(0, len(text), doc.language)]
    taken = Spans([(e.start, e.end) for e in (*found, *doc.entities)])
    out: list[Entity] = []
    for ps, pe, lang in paras:
        if lang not in LANGS:
            continue
        compound = _compound_places(text, ps, pe, lang, taken, ambiguous) if rc.compound else []
        out += compound
        mine = Spans([(e.start, e.end) for e in compound])
        for m in _CAP_RUN.finditer(text, ps, pe):
            if not taken.overlaps(m.start(), m.end()) and not mine.overlaps(m.start(), m.end()):
                ent = _run_place(text, m.start(), m.group(0), lang, ambiguous, rc)
                if ent is not None:
                    out.append(ent)
    return out


def _compound_places(text: str, ps: int, pe: int, lang: str, taken: Spans,
                     ambiguous: dict[int, tuple[Candidate, ...]]) -> list[Entity]:
    """The names of several hyphenated parts or "Санкт Петербург" in the paragraph (:attr:`Recall.compound`)."""
    out = []
    for m in _COMPOUND.finditer(text, ps, pe):
        if taken.overlaps(m.start(), m.end()):
            continue
        for lemma in _compound_lemma(m.group(0), lang):
            hit = _lookup(lemma, lang)
            if hit:
                ent = _place(text, m.start(), m.end(), hit, ambiguous)
                if ent is not None:
                    out.append(ent)
                break
    return out


def _run_place(text: str, at: int, run: str, lang: str, ambiguous: dict[int, tuple[Candidate, ...]],
               rc: Recall) -> Entity | None:
    """The place a capitalised run v7 left out names, if any (:attr:`Recall.split`, :attr:`Recall.town_form`,
    :attr:`Recall.adjective`); the run's own words are tested first (cached), then their context."""
    kept = _run_words(run, lang)
    if kept is None:
        return None
    start, words = at + kept[0], kept[1]
    first = words[0]
    end = start + len(first)
    hit: tuple[Candidate, ...] = ()
    if len(words) > 1:
        if rc.split:
            hit = _lookup_geox(first, lang)
    else:
        low = first.lower()
        if rc.town_form and _town_lemmas(low, lang):
            hit = _town_form(text, start, first, lang)
        if not hit and rc.adjective and _adjective_word(low, lang):
            hit = _adjective(text, start, end, first, lang)
    return _place(text, start, end, hit, ambiguous) if hit else None


@lru_cache(maxsize=100_000)
def _run_words(run: str, lang: str) -> tuple[int, tuple[str, ...]] | None:
    """The run without the capitalised common words it opens with ("На Бородянку"), as ``cyrillic._resolve`` reads
    it (an adjective stays: "Нижний Клин"): the offset of its first kept word in the run and the kept words; ``None``
    when no kind of :class:`Recall` can take them (a hyphenated word, v3's; a place and a name that are not a place
    in the genitive and a name; a word neither a weak name nor an adjective)."""
    words = run.split()
    off = 0
    while len(words) > 1:
        tags = _lemma(words[0].lower(), lang)[1]
        if "common" not in tags or "ADJF" in tags:
            break
        off = run.index(words[1], off + len(words[0]))
        words = words[1:]
    first = words[0].lower()
    if "-" in first:
        return None
    if len(words) > 1:
        ok = _place_then_person(first, words[1].lower(), lang)
    else:
        ok = bool(_town_lemmas(first, lang)) or _adjective_word(first, lang)
    return (off, tuple(words)) if ok else None


@lru_cache(maxsize=100_000)
def _place_then_person(first: str, second: str, lang: str) -> bool:
    """The run's first word (lower-case) reads as a place in the genitive (whose governor, mayor) and the next first as a first
    name or surname: "губернатор Севастополя Михаил", "экс-мэра Сочи Янину" (Russian: the first reading is
    geographical, Geox); "Мер Миколаєва Сєнкевич" (Ukrainian, whose dictionary has no Geox: an inanimate noun
    reading in the genitive)."""
    if "common" in _lemma(second, lang)[1] or (lang == "ru" and "Geox" not in _lemma(first, lang)[1]):
        return False  # v1's readings (cached): the next word's first reading is a common word's; no place first
    a = _parses(first, lang)
    b = _parses(second, lang)
    if not (a and b and set(b[0].tag.grammemes) & _NAMES):
        return False
    if lang == "ru":
        return "Geox" in a[0].tag.grammemes and any("Geox" in p.tag.grammemes and "gent" in p.tag.grammemes for p in a)
    return any("NOUN" in p.tag.grammemes and "inan" in p.tag.grammemes and "gent" in p.tag.grammemes
               and not set(p.tag.grammemes) & _NAMES for p in a)


@lru_cache(maxsize=50_000)
def _lookup_geox(word: str, lang: str) -> tuple[Candidate, ...]:
    """The readings of the place a word names in the genitive (:func:`_place_then_person`); in Ukrainian a town of
    10,000 or more only."""
    for p in _parses(word.lower(), lang):
        g = p.tag.grammemes
        if "Geox" in g or (lang != "ru" and "NOUN" in g and "inan" in g and "gent" in g and not set(g) & _NAMES):
            hit = _lookup(p.normal_form, lang)
            if hit and (lang == "ru" or any(c.place.population >= cyrillic_places.WELL_KNOWN
                                            for c in _local(hit).values())):
                return hit
    return ()


def find_v8(doc: Document, ambiguous: dict[int, tuple[Candidate, ...]], rc: Recall = Recall()) -> list[Entity]:
    """v7's finder (``cyrillic.find`` with v3's names) and the places :func:`find_more` adds."""
    found = find(doc, ambiguous, more=True)
    if not any(lab in LANGS for lab in doc.paragraph_languages) and doc.language not in LANGS:
        return found
    return sorted([*found, *find_more(doc, found, ambiguous, rc)], key=lambda x: x.start)


def run_v8(doc: Document, rc: Recall = Recall()) -> None:
    """v8's steps on ``doc``: v7's (find, weigh in context, abstain, fix) with :func:`find_more`'s places found too."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find_v8(doc, ambiguous, rc))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)
    abstain_v6(doc.text, doc.entities, ambiguous)
    fix_v7(doc.text, doc.entities, ambiguous)


@stage("entities.ruuk.v8", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v8(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v7`` that also finds the place names its finder misses: names of several hyphenated parts,
    a place right before a person's name, a town whose word is also a name, an adjectival name alone
    (:mod:`.cyrillic_v8`)."""
    run_v8(doc)


__all__ = ["Recall", "find_entities_ruuk_v8", "find_more", "find_v8", "run_v8"]
