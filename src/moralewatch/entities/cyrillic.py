"""People, organisations and places in Russian and Ukrainian text (issue 17, item 5): ``entities.ruuk.v1``.

``entities.v1`` reads capitalised Latin runs; this stage reads the paragraphs ``language.v1`` labelled ``ru`` or
``uk`` and adds what it finds there, each with one English name, whatever the case of the mention:

* **Listed names** (``data/ruuk/entities/names.tsv``): acronyms (ВСУ, ЗСУ, ТЦК, СБУ), ministries, and people whose
  Cyrillic spelling does not transliterate to the English one. A form matches with its inflections (Зеленского,
  Сырскому, Минобороны России): each word of more than three letters loses its final vowels and takes up to three
  letters of ending.
* **Other capitalised words** are lemmatised with pymorphy3 (Russian or Ukrainian dictionary by the paragraph's
  language), so Сырского, Сырскому and Сырский are one name, then transliterated and looked up: people in the
  knowledge base (``kb/people.tsv``: a surname or a full name, compared on a spelling skeleton that ignores
  y/i/j and kh/h variants), places in the gazetteer (its alternate names carry the Russian and Ukrainian spellings:
  Артемовск -> Artemovsk -> Bakhmut). A place needs pymorphy3's geographical tag or a gazetteer place in Ukraine
  or Russia; an unknown person needs a given name followed by a surname (pymorphy3's Name and Surn tags).
  Anything else is left out (unknown is better than wrong).

pymorphy3 is loaded only for documents with Russian or Ukrainian paragraphs: 0.3 s and ~60 MB for both dictionaries,
measured; only capitalised words are analysed (cached), so its ~200 µs per new word form stays off the speed budget.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from typing import Any

from ..errors import PipelineError
from ..lexicons import compile_regex, kb, lines
from ..model import Document, Entity
from ..morphology import analyzer
from ..pipeline import stage
from ..regex_trie import trie as _trie
from . import cyrillic_places
from .context import unresolved
from .context_ruuk import region_mentions
from .context_ruuk import resolve as resolve_in_context
from .cyrillic_abstain import abstain
from .cyrillic_confidence import calibrate
from .gazetteer import Candidate, gazetteer
from .names import Spans

LANGS = ("ru", "uk")
_VOWELS = "аеиоуыэюяйьіїєё"
_UPPER = "А-ЯЁІЇЄҐ"
_LOWER = "а-яёіїєґ'’ʼ"
_CAP_RUN = compile_regex(rf"(?<![\w-])[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?"
                      rf"(?:\s[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?){{0,2}}(?![\w-])")
_TRANSLIT = {
    "ru": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                    "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True)),
    "uk": dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ",
                   ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o",
                    "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "", "", ""],
                   strict=True)),
}


@lru_cache(maxsize=100_000)
def transliterate(word: str, lang: str) -> str:
    """Latin spelling of a Cyrillic word (Russian: BGN/PCGN without diacritics; Ukrainian: the national system);
    cached: the place stages spell the same words again and again (session 11)."""
    table = _TRANSLIT["uk" if lang == "uk" else "ru"]
    out = "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in word)
    return out[:1].upper() + out[1:]


_YJ = compile_regex(r"[yjі]")
_DOUBLE = compile_regex(r"(.)\1+")
_FINAL_I = compile_regex(r"i+\b")


def skeleton(name: str) -> str:
    """A spelling key that survives transliteration variants: Syrskyi, Syrskiy, Syrsky -> sirski."""
    s = name.lower().replace("kh", "h").replace("'", "").replace("’", "")
    s = _YJ.sub("i", s).replace("ie", "e").replace("yo", "e")
    s = _DOUBLE.sub(r"\1", s)
    return _FINAL_I.sub("i", s)


def _bad(n: int, why: str) -> PipelineError:
    return PipelineError("E111", f"data/ruuk/entities/names.tsv, line {n}: {why}",
                         "fix the line (format: TYPE<TAB>NAME<TAB>FORMS), or restore the file from the release")


def _form_pattern(form: str) -> str:
    words = []
    for w in form.replace("ё", "е").split():
        if w.isupper() or len(w) <= 3:
            words.append(re.escape(w.lower()))
        else:
            stem = w.lower().rstrip(_VOWELS) or w.lower()
            words.append(re.escape(stem) + r"\w{0,3}")
    return r"\s+".join(words)


@dataclass(frozen=True)
class Names:
    pattern: re.Pattern[str]
    entries: tuple[tuple[str, str], ...]  # (type, name) by group
    people: dict[str, str]  # skeleton of a surname or full name -> kb name


@cache
def _names() -> Names:
    """The listed names and their pattern: every form of every line, in file order (a line's longest form first),
    each named by an empty group at its end (``n<line>_<k>``: :func:`_entry`), compiled as a trie of first letters
    (``moralewatch.regex_trie.trie``: the same matches as the plain alternation, session 13; the plain one tried every
    form at every word start)."""
    items: list[tuple[str, str]] = []
    entries: list[tuple[str, str]] = []
    for n, line in enumerate(lines("ruuk/entities/names.tsv"), 1):
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in ("person", "org", "place") or not cells[2]:
            raise _bad(n, "expected TYPE<TAB>NAME<TAB>FORMS with TYPE person, org or place")
        forms = sorted(cells[2].split("|"), key=len, reverse=True)
        items.extend((_form_pattern(f), f"n{len(entries)}_{len(items)}") for f in forms)
        entries.append((cells[0], cells[1]))
    people: dict[str, str] = {}
    for entry in kb("people"):
        for form, _users in entry.forms:
            people.setdefault(skeleton(form), entry.name)
            surname = form.split()[-1] if form.split() else form
            people.setdefault(skeleton(surname), entry.name)
    body = _trie(items) if _caseless_letters_apart(items) else "|".join(f"{rx}(?P<{k}>)" for rx, k in items)
    pattern = compile_regex(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return Names(pattern, tuple(entries), people)


def _caseless_letters_apart(items: list[tuple[str, str]]) -> bool:
    """Whether no two letters that open forms match each other when case is ignored (the trie orders the forms
    that open with one letter, case and all; the pattern ignores case): else the plain alternation."""
    letters = sorted({rx[0] for rx, _k in items if rx and rx[0].isalpha()})
    folded = [a.lower() for a in letters]
    return len(set(folded)) == len(folded)


def _entry(m: re.Match[str]) -> int:
    """The line of names.tsv a match of :func:`_names`'s pattern is a form of."""
    return int((m.lastgroup or "n0")[1:].partition("_")[0])


def _morph_versions() -> dict[str, str]:
    out = {}
    for line in lines("ruuk/entities/morphology.txt"):
        name, _, version = line.partition("==")
        out[name] = version
    return out


def check_morphology(config: Mapping[str, Any]) -> None:
    """When a pipeline is built: the installed pymorphy3 and dictionaries are the versions the stamp declares."""
    for name, version in _morph_versions().items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != version:
            raise PipelineError("E111", f"the Russian/Ukrainian stages (quotes.ruuk, entities.ruuk) need {name}=={version}, "
                                f"installed: {have or 'none'}",
                                "install the versions of requirements.lock (make install), or update "
                                "data/ruuk/entities/morphology.txt after a deliberate upgrade")


_NAMES = frozenset({"Surn", "Name", "Patr"})


@lru_cache(maxsize=100_000)
def _lemma(word: str, lang: str, female: bool = False) -> tuple[str, frozenset[str]]:
    """The nominative of a capitalised word and the tags of its reading: the most probable parse decides whether it
    is a place (Geox), a name (Name, Surn, Patr) or a common word (tagged ``common``: "Короче", "Красным"); a
    less probable place or name reading counts only for a word pymorphy3 does not know. ``female``: a surname after
    a woman's given name keeps the feminine (Ивановой -> Иванова, not Иванов)."""
    parses = analyzer(lang).parse(word)
    first = parses[0]
    tags = set(first.tag.grammemes)
    if tags & (_NAMES | {"Geox", "Orgn"}):
        best = first
    elif first.is_known:
        return first.normal_form, frozenset(tags | {"common"})
    else:
        best = next((p for p in parses if set(p.tag.grammemes) & (_NAMES | {"Geox", "Orgn"})), first)
    if "Surn" in best.tag.grammemes:
        wanted = {"nomn", "sing", "femn" if female else "masc"}
        pick = next((p for p in parses if "Surn" in p.tag.grammemes and
                     ("femn" in p.tag.grammemes) == female), best)
        nom = pick.inflect(wanted) or pick.inflect({"nomn", "sing"})
        return (nom.word if nom is not None else pick.normal_form), frozenset(pick.tag.grammemes)
    return best.normal_form, frozenset(best.tag.grammemes)


def _place(cands: tuple[Candidate, ...], geox: bool) -> Candidate | None:
    for c in cands:
        if geox or (c.place.country in ("UA", "RU") and c.primary) or c.place.feature == "country":
            return c
    return None


#: a settlement word right before a name: the name is a place even where the dictionary knows it as a common noun
_SETTLEMENT_BEFORE = compile_regex(r"(?<![\w-])(?:[Сс]ел[оауеі]|[Сс]елищ[еау]|[Сс]елищі|[Пп]ос[её]лк[аеу]?|[Пп]гт|[Сс]мт|"
                                   r"[Дд]еревн[яиеу]|[Хх]утор[аеу]?|[Сс]т\.|[Сс]\.)\s{1,3}$")


#: (entities.ruuk.v3) a town word right before a name: "Місто Миколаїв", "города Железногорска"
_TOWN_BEFORE = compile_regex(r"(?<![\w-])(?:[Мм]іст[оаі]|[Гг]ород[аеу]?|[Мм]істечк[оау]|[Сс]таниц[аеуы])\s{1,3}$")


#: an ordinal right after a name: a numbered village of that name ("Лиман Первый", "Лимана первого")
_ORDINAL_AFTER = compile_regex(r"\s{1,3}(?:[Пп]ерв|[Вв]тор|[Тт]рет|[Пп]ерш|[Дд]руг)[а-яёії]{1,4}(?![а-яёіїє])")


def _town_not_listed(surface: str, listed: str, lang: str) -> bool:
    """A listed place's stem caught another town's name: the word's lemma is the own name of a Ukrainian or Russian
    settlement that is not the listed place ("Ростов" caught by the stem of "Росія")."""
    if " " in surface.strip():
        return False
    latin = transliterate(_lemma(surface.lower(), lang)[0], lang)
    own = _lookup_place(listed, "en")
    return any(c.primary and c.place.feature == "city" and c.place.country in ("UA", "RU")
               and (own is None or c.place.geonameid != own.place.geonameid) for c in gazetteer().lookup(latin))


#: a district or area adjective: "в Каменском районе", "Бахмутського району", "Шебекинский округ"
_DISTRICT_AFTER = compile_regex(r"\s{1,3}(?:район|р-н|округ|муниципальн|городск|міськ)[а-яёії]{0,4}(?![а-яёіїє])")


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t«\"'(–—-":
        i -= 1
    return i < 0 or text[i] in ".!?\n…:"


def _entity(typ: str, s: int, e: int, text: str, name: str, cand: Candidate | None = None,
            rule: str = "ruuk") -> Entity:
    ent = Entity(type=typ, start=s, end=e, text=text[s:e], name=name, rule=rule)
    if cand is not None:
        p = cand.place
        ent.name, ent.lat, ent.lon, ent.country, ent.admin1, ent.geonameid = (p.name, p.lat, p.lon, p.country,
                                                                              p.admin1, p.geonameid)
    return ent


def _lookup_place(name: str, lang: str) -> Candidate | None:
    gaz = gazetteer()
    for cand_name in dict.fromkeys([name, transliterate(name.lower(), lang)]):
        hit = gaz.lookup(cand_name)
        if hit:
            return hit[0]
    return None


def find(doc: Document, ambiguous: dict[int, tuple[Candidate, ...]] | None = None, more: bool = False) -> list[Entity]:
    """The entities of the Russian and Ukrainian paragraphs of ``doc``; with ``ambiguous``, the candidates of each
    place name several settlements share, by the mention's start (for :mod:`.context_ruuk`); ``more``
    (``entities.ruuk.v3``): the place names of :mod:`.cyrillic_places` too."""
    paras = [(s, e, lab) for (s, e), lab in zip(doc.paragraphs, doc.paragraph_languages, strict=False)]
    if not paras and doc.language in LANGS:
        paras = [(0, len(doc.text), doc.language)]
    if not any(lab in LANGS for _, _, lab in paras):
        return []
    names = _names()
    text = doc.text
    low = text.replace("ё", "е").replace("Ё", "Е")
    out: list[Entity] = []
    for ps, pe, lang in paras:
        if lang not in LANGS:
            continue
        listed: list[tuple[int, int]] = []
        listed_places: list[tuple[int, int]] = []
        for m in names.pattern.finditer(low, ps, pe):
            if not text[m.start()].isupper():
                continue
            typ, name = names.entries[_entry(m)]
            if ambiguous is not None and typ == "place" and _town_not_listed(m.group(0), name, lang):
                continue  # (entities.ruuk.v2) "Ростов" is not a form of "Росія": a town's own name wins
            cand = _lookup_place(name, "en") if typ == "place" else None
            out.append(_entity(typ, m.start(), m.end(), text, name, cand, "ruuk:list"))
            listed.append((m.start(), m.end()))
            if typ == "place":
                listed_places.append((m.start(), m.end()))
        taken = Spans(listed)  # O(log n) per run: a long paragraph of names stays linear
        taken_places = Spans(listed_places)
        # (entities.ruuk.v2) a region named after a place ends its run: "Андреевка Донецкой области"
        region_at = {s for s, _e, _a in region_mentions(text[ps:pe])} if ambiguous is not None else set()
        for m in _CAP_RUN.finditer(text, ps, pe):
            run = m.group(0)
            if taken.overlaps(m.start(), m.end()):
                # (entities.ruuk.v3) the words before a listed name are read alone: "Железногорск" of
                # "Железногорск Курской области"
                run = _before_taken(run, m.start(), taken, taken_places) if more else ""
                if not run:
                    continue
            cut = next((k for k in range(1, len(run)) if run[k - 1] == " " and m.start() + k - ps in region_at), None)
            ent = _resolve(text, m.start(), run[:cut].rstrip() if cut else run, lang, names, ambiguous, more)
            if ent is not None:
                out.append(ent)
    return sorted(out, key=lambda x: x.start)


_WORD = compile_regex(r"\S+")


def _strong(text: str, start: int, end: int, lang: str, hit: tuple[Candidate, ...], weak: bool,
            tags: frozenset[str]) -> bool:
    """(entities.ruuk.v3) Without a settlement word or a region after it: never an adjective before a noun it
    qualifies ("Красноярском крае"); an adjective ("Кремінна", "Курской") only in a list of places with no region,
    district or direction word near it ("над Брянской, Курской ... областями"); a word the
    dictionary knows ("Победа", "Суми") only as a town's own name of 10,000 or more, or in a list of places
    ("Суми, Тростянець, Краснопілля")."""
    if "ADJF" in tags and cyrillic_places.qualifies_next(text, end, lang):
        return False
    if weak:
        return cyrillic_places.listed_with_place(text, start, end, lang) and \
            not cyrillic_places.regions_nearby(text, start, end)
    return "common" not in tags or cyrillic_places.well_known(hit) or \
        cyrillic_places.listed_with_place(text, start, end, lang)


def _before_taken(run: str, start: int, taken: Spans, places: Spans) -> str:
    """The whole words of ``run`` (starting at ``start``) before the first listed name it overlaps, when that name is
    a place ("Железногорск Курской области"; not "Володимира Зеленського": a given name before a listed person)."""
    end = 0
    for w in _WORD.finditer(run):
        if taken.overlaps(start + w.start(), start + w.end()):
            return run[:end] if places.overlaps(start + w.start(), start + w.end()) else ""
        end = w.end()
    return run[:end]


def _reads_as_place(words: list[str], lemmas: list[tuple[str, frozenset[str]]]) -> bool:
    """One word, or geographical names only; not an adjective, a first name or a surname (Никита, Шевченко)."""
    named = any(tags & _NAMES and "Geox" not in tags for _, tags in lemmas)
    return (len(words) == 1 or all("Geox" in tags for _, tags in lemmas)) and "ADJF" not in lemmas[0][1] \
        and not named


def _named_here(text: str, start: int, words: list[str], hit: tuple[Candidate, ...] | list[Candidate],
                in_context: bool) -> bool:
    """(entities.ruuk.v2) A place name however the dictionary knows the word: after a settlement word ("в селе
    Андреевка", "село Новоселівка", "смт"), or a capitalised word inside a sentence whose lemma is a Ukrainian or
    Russian settlement's own name (the Ukrainian dictionary knows most town names only as common nouns: Миколаїв,
    Кременчук, Пологи)."""
    if not in_context:
        return False
    if _SETTLEMENT_BEFORE.search(text, max(0, start - 30), start):
        return True
    return len(words) == 1 and not _sentence_initial(text, start) and any(
        c.primary and c.place.feature == "city" and c.place.country in ("UA", "RU") for c in hit)


def _place_entity(text: str, start: int, end: int, words: list[str], lemmas: list[tuple[str, frozenset[str]]],
                  latin: str, lang: str, ambiguous: dict[int, tuple[Candidate, ...]] | None = None) -> Entity | None:
    """The run as a place of the gazetteer, when it reads as one: a geographical name (pymorphy3's Geox) or one
    word that is not a first name or surname, not an adjective, and not sentence-initial or a common noun. A name
    several Ukrainian or Russian settlements share stays unresolved (candidates, confidence 0.3)."""
    if not _reads_as_place(words, lemmas):
        return None
    geox = any("Geox" in tags for _, tags in lemmas)
    hit = gazetteer().lookup(latin) or gazetteer().lookup(transliterate(words[0].lower(), lang))
    if not geox and not _named_here(text, start, words, hit, ambiguous is not None) and (
            _sentence_initial(text, start) or any("common" in tags for _, tags in lemmas)):
        return None
    cand = _place(hit, geox) if hit else None
    if cand is None:
        return None
    ent = _entity("place", start, end, text, cand.place.name, cand, "ruuk:gazetteer")
    local = {c.place.geonameid: c.place for c in hit
             if c.place.feature == "city" and c.place.country in ("UA", "RU") and c.place.geonameid}
    if len(local) > 1:  # a name several settlements share: unknown is better than a confident guess
        unresolved(ent, list(local.values()), None, 0.3)
        if ambiguous is not None:  # (entities.ruuk.v2: weighed in context afterwards)
            ambiguous[ent.start] = tuple(hit)
    return ent


def _resolve(text: str, start: int, run: str, lang: str, names: Names,
             ambiguous: dict[int, tuple[Candidate, ...]] | None = None, more: bool = False) -> Entity | None:
    end = start + len(run)
    words = run.split()
    while len(words) > 1 and "common" in _lemma(words[0].lower(), lang)[1] and not (
            ambiguous is not None and "ADJF" in _lemma(words[0].lower(), lang)[1]):  # "Замминистра Татьяна Шевцова"
        # (entities.ruuk.v2: a capitalised adjective is part of the name, "Нижний Клин" is not Klin)
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    first = _lemma(words[0].lower(), lang)
    female = "Name" in first[1] and "femn" in first[1]
    lemmas = [first, *(_lemma(w.lower(), lang, female) for w in words[1:])]
    norm = " ".join(lem.capitalize() for lem, _ in lemmas)
    latin = " ".join(transliterate(lem, lang) for lem, _ in lemmas)
    # a surname alone may name a kb person; a full name must match whole (Дмитрий Марченко is not Maksym Marchenko)
    person = names.people.get(skeleton(latin)) if len(words) > 1 else \
        names.people.get(skeleton(latin)) if "common" not in lemmas[0][1] else None
    if person:
        return _entity("person", start, end, text, person, rule="ruuk:kb")
    if ambiguous is not None and (_ORDINAL_AFTER.match(text, end) or _DISTRICT_AFTER.match(text, end)):
        return None  # "Лимана первого": another village; "Каменском районе": a district, not the town
    place = _place_entity(text, start, end, words, lemmas, latin, lang, ambiguous)
    if place is None and more and ambiguous is not None:
        place = _more_place(text, start, end, words, lemmas, lang, ambiguous)
    if place is not None:
        return place
    if len(words) >= 2 and "Name" in lemmas[0][1] and "Surn" in lemmas[-1][1]:
        return _entity("person", start, end, text, norm, rule="ruuk:morph")
    return None


def _more_place(text: str, start: int, end: int, words: list[str], lemmas: list[tuple[str, frozenset[str]]],
                lang: str, ambiguous: dict[int, tuple[Candidate, ...]]) -> Entity | None:
    """(entities.ruuk.v3) A place name v2 does not take: an adjective's own nominative, an alternate GeoNames
    spelling, an adjective and a noun (:mod:`.cyrillic_places`); capitalised inside its sentence, after a
    settlement word or at the head of a list of places ("Суми, Конотоп, Тростянець"), and no reading of it a first
    name or surname. After a settlement word or with its region right after it ("Камʼянським у Запорізькій
    області") the gazetteer decides; otherwise see :func:`_strong`."""
    settlement = _SETTLEMENT_BEFORE.search(text, max(0, start - 30), start) is not None or \
        _TOWN_BEFORE.search(text, max(0, start - 30), start) is not None
    if not settlement and _sentence_initial(text, start) and not cyrillic_places.heads_list(text, end, lang):
        return None
    region = cyrillic_places.region_follows(text, end)
    if not (settlement or region) and any(tags & _NAMES and "Geox" not in tags for _, tags in lemmas):
        return None
    if len(words) == 1:
        hit, weak = cyrillic_places.lookup(words[0], lang)
        if not hit or not (settlement or region or _strong(
                text, start, end, lang, hit, weak, lemmas[0][1])):
            return None
    elif len(words) == 2 and "ADJF" in lemmas[0][1]:
        hit = cyrillic_places.lookup_pair(words[0], words[1], lang)
    else:
        return None
    local = {c.place.geonameid: c for c in hit
             if c.place.feature == "city" and c.place.country in ("UA", "RU") and c.place.geonameid}
    if not local:
        return None
    first = next(iter(local.values()))
    ent = _entity("place", start, end, text, first.place.name, first, "ruuk:gazetteer")
    if len(local) > 1:  # weighed in context afterwards, as v2's
        unresolved(ent, [c.place for c in local.values()], None, 0.3)
        ambiguous[ent.start] = hit
    return ent


@stage("entities.ruuk.v1", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk(doc: Document, config: Mapping[str, Any]) -> None:
    """Add the people, organisations and places of the Russian and Ukrainian paragraphs to ``doc.entities``."""
    _add(doc, find(doc))


@stage("entities.ruuk.v2", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v2(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v1``, and a place name several settlements share weighed in the document's context (a
    region named for it, a relation to another place, the places and regions around it: :mod:`.context_ruuk`)
    instead of being left unresolved whatever the context."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find(doc, ambiguous))
    if ambiguous:
        resolve_in_context(doc.text, doc.entities, ambiguous)


@stage("entities.ruuk.v3", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v3(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v2``, and the place names it misses: adjectival names in their own gender ("Кремінна",
    "Счастливое"), alternate GeoNames spellings ("Тростянець" -> Trostyanets), an adjective and a noun ("Великой
    Новоселки") (:mod:`.cyrillic_places`)."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find(doc, ambiguous, more=True))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)


@stage("entities.ruuk.v4", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v4(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v3`` with a calibrated notion of confident: a settlement keeps the id v3 gave it only when the
    text supports that reading (an oblast named for it, a relation it fits, a paragraph place near it and not near
    the other readings, a town far more prominent than its namesakes); otherwise its candidates and a confidence
    (:mod:`.cyrillic_confidence`)."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find(doc, ambiguous, more=True))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)
    calibrate(doc.text, doc.entities, ambiguous)


@stage("entities.ruuk.v5", requires=("language", "entities"), provides=("entities_ruuk",))
def find_entities_ruuk_v5(doc: Document, config: Mapping[str, Any]) -> None:
    """``entities.ruuk.v4`` that abstains where its support does not tell the village the gazetteer holds from one it
    lacks: a small reading without an oblast, relation or distance for it, an oblast named for a common name or
    holding two of its readings, a name that is also a common word or surname (:mod:`.cyrillic_abstain`)."""
    ambiguous: dict[int, tuple[Candidate, ...]] = {}
    _add(doc, find(doc, ambiguous, more=True))
    resolve_in_context(doc.text, doc.entities, ambiguous, v3=True)
    abstain(doc.text, doc.entities, ambiguous)


def _add(doc: Document, found: list[Entity]) -> None:
    if found:
        spans = Spans([(e.start, e.end) for e in doc.entities])
        keep = [f for f in found if not spans.overlaps(f.start, f.end)]
        doc.entities = sorted([*doc.entities, *keep], key=lambda x: x.start)


__all__ = ["check_morphology", "find", "find_entities_ruuk", "find_entities_ruuk_v2", "find_entities_ruuk_v3", "find_entities_ruuk_v4",
           "find_entities_ruuk_v5", "skeleton", "transliterate"]
