"""Morphology for the speaker test: whether a word is a noun that can say something (a person or a group of
people, a name, an organisation, an abbreviation) in the nominative, by pymorphy3's most probable reading.

pymorphy3 is the stages' shared analyzer (``moralewatch.morphology``: loaded once per process, only for documents
with Russian or Ukrainian paragraphs; its dictionaries' versions are declared in data/ruuk/entities/morphology.txt
and checked when a pipeline is built). Only the words of a candidate speaker phrase are analysed, cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..morphology import analyzer

_SAYS = frozenset({"anim", "Name", "Surn", "Orgn", "Abbr"})


def _parses(word: str, lang: str) -> Any:
    """pymorphy3's readings of ``word``, most probable first (Ukrainian for ``uk``, else Russian)."""
    return analyzer("uk" if lang == "uk" else "ru").parse(word)


@lru_cache(maxsize=50_000)
def speaker_noun(word: str, lang: str) -> bool:
    """``word`` read as a nominative noun of a person, a group of people, a name, an organisation or an
    abbreviation (Жители, участники, человек, Ведомство is not: an inanimate noun speaks only through
    sources.tsv)."""
    if not word[:1].isalpha():
        return False
    p = _parses(word.lower() if word[1:].islower() else word, lang)[0]
    tags = set(p.tag.grammemes)
    if "NOUN" not in tags or "nomn" not in tags:
        return False
    # a capitalised word the dictionary does not know, read as a noun, is a name («Хэнд утверждает»)
    return bool(tags & _SAYS) or word[:1].isupper() and not p.is_known


@lru_cache(maxsize=50_000)
def name_reading(word: str, lang: str) -> bool:
    """Whether some reading of the capitalised ``word`` is a first name or a surname in the nominative («Небензя»,
    whose likeliest reading is a gerund): a one-word subject before a speech verb."""
    return word[:1].isupper() and any({"nomn"} <= set(p.tag.grammemes) and set(p.tag.grammemes) & {"Name", "Surn"}
                                      for p in _parses(word, lang))


@lru_cache(maxsize=50_000)
def body_in(word: str, lang: str) -> bool:
    """``word`` read as a noun in the locative or as an organisation's name or abbreviation: after в/у, the body
    that speaks («В ведомстве добавили», «В ООН заявили», «У компанії повідомили»)."""
    if not word[:1].isalpha():
        return False
    for p in _parses(word, lang)[:3]:
        tags = set(p.tag.grammemes)
        if "NOUN" in tags and ("loct" in tags or tags & {"Orgn", "Abbr"}):
            return True
    return False


@lru_cache(maxsize=20_000)
def only_noun(word: str, lang: str) -> bool:
    """Whether every reading of the capitalised ``word`` is a noun (quotes.ruuk.v6: «Руге уточнил, что …», a foreign
    surname the dictionary reads as a common noun in an oblique case): an adverb, particle or pronoun opening the
    sentence («Часто кажуть», «Вчера сообщили») has another reading and is no subject, nor is a common inanimate noun
    the dictionary knows in the nominative («Молитвы просят Бога …»)."""
    parses = _parses(word, lang)
    return word[:1].isupper() and word[1:].islower() and all(p.tag.POS == "NOUN" for p in parses) and \
        not any(p.is_known and {"inan", "nomn"} <= set(p.tag.grammemes) for p in parses)  # «Молитвы просят»


@lru_cache(maxsize=20_000)
def may_be_nominative(word: str, lang: str) -> bool:
    """Whether some reading of ``word`` is a nominative (quotes.ruuk.v6: «…, сказал по телефону Песков» has its
    speaker after the circumstance, «…, высказались против идеи Макрона» has none)."""
    return any("nomn" in p.tag.grammemes for p in _parses(word, lang))


@lru_cache(maxsize=20_000)
def gerund(word: str, lang: str) -> bool:
    """``word`` read as a gerund or a participle (отвечая, отметив, відповідаючи, зарегистрированной): it opens an
    aside after a comma, not a subject."""
    if not word[:1].isalpha():
        return False
    return bool({"GRND", "PRTF"} & _parses(word.lower(), lang)[0].tag.grammemes)


@lru_cache(maxsize=20_000)
def infinitive(word: str, lang: str) -> bool:
    """``word`` read as an infinitive (сделать, пригласить, зробити): the content of a promise, threat or request."""
    if not word[:1].isalpha():
        return False
    return "INFN" in _parses(word.lower(), lang)[0].tag.grammemes


@lru_cache(maxsize=20_000)
def first_name(word: str, lang: str, strict: bool = False) -> str:
    """A first name in an oblique case in its nominative («Дмитрия» -> «Дмитрий», «Марии» -> «Мария»), by the
    dictionary's first reading of it as a name in a case other than the nominative; ``word`` when there is none.
    Called when the surname beside it was in an oblique case (so «Александра Сырского» is Александр), or ``strict``:
    then a name that may be a nominative («Александра») stays as written."""
    parses = _parses(word, lang)
    if strict and any({"Name", "nomn"} <= set(p.tag.grammemes) for p in parses):
        return word  # «Александра» may be a nominative: no fold without an inflected surname beside it
    for p in parses:
        tags = set(p.tag.grammemes)
        if "Name" in tags and "nomn" not in tags and p.normal_form:
            return str(p.normal_form[:1].upper() + p.normal_form[1:])
    return word


@lru_cache(maxsize=20_000)
def surname(word: str, lang: str) -> str:
    """A surname in an oblique case in its nominative («Анохина» -> «Анохин», «Захаровой» -> «Захарова»), by the
    dictionary's first reading of it as a surname in a case other than the nominative; ``word`` when there is none.
    Called only beside a first name in an oblique case («Василия Анохина»)."""
    for p in _parses(word, lang):
        tags = set(p.tag.grammemes)
        if "Surn" in tags and "nomn" not in tags:
            form = p.inflect({"nomn"})
            if form is not None:
                return str(form.word[:1].upper() + form.word[1:])
    return word


__all__ = ["body_in", "first_name", "gerund", "infinitive", "may_be_nominative", "only_noun", "speaker_noun", "surname"]
