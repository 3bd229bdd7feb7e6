"""The subject side of a Russian or Ukrainian indicator from the sentence's structure (``indicators.ruuk.v6``).

``indicators.ruuk.v5`` took the actor word nearest the cue in its sentence. Nearness is not grammar: in «Пока мы
радуемся взятым сёлам, Украина набирает новое пушечное мясо» the nearest actor of «пушечное мясо» is «мы», yet the
meat is Ukraine's, the subject of the cue's own clause. This module ranks the actor words of the sentence by their
place in it, and only then by distance:

0. an actor inside the cue («ВСУ сдались»);
1. the owner of the cue: an actor in a genitive right after it, with only adjectives, numerals, pronouns and
   genitive nouns between («потери ВСУ», «потери личного состава бригады ВСУ»), a possessor «у X» in the cue's
   clause («двухсотые у противника»), a country's genitive after a noun of the cue («злочини Росії»), or the noun
   before a relative or participial clause that holds the cue («российских военных, погибших …»);
2. the grammatical subject of the cue's clause: an actor that can be a nominative, not after a preposition, a
   conjunction or a verb (whose object it would be: «не убезпечив українське небо») nor a noun whose genitive
   attribute it would be («території України»); a clause that opens with a gerund takes its host clause's subject
   («Зеленский обрек …, отдав приказ держать город ценой больших потерь»);
3. any other actor of the clause, except 4. a target: an actor after на/по/против/проти («контрнаступ на москалей»),
   which names whom the act is aimed at, not who suffers it;
5-6. any other actor of the sentence, by nearness (a target last).

When the cue's sentence names no actor, the sentence before is read with its first clause as the clause: its
subject is the topic that goes on («Российские штурмовики держат посадку напротив позиций ВСУ. Снарядов не
хватает»: the stormtroopers', not ВСУ's, the nearest word).

A clause ends at , ; : a dash or a contrastive conjunction (но, а, однако, хотя, пока; але, проте, однак, поки).
A country's name (weak) counts before a force only as its clause's subject, never after a preposition («в
Украину»: a place); nearer before farther at the same rank. The writer's words (наши,
мы, нас; наші, ми) stay the writer's side and «противник», «ворог» the other (``actors.txt``): a Russian-language
post's "наши" are Russian forces. Cases come from pymorphy3 (``moralewatch.morphology``, the analyzer the entity and
quote stages share; loaded only for documents with Russian or Ukrainian paragraphs), one cached reading set per word
form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import compile_regex
from ..morphology import analyzer

#: where a clause ends: punctuation, a dash between spaces, a contrastive or temporal conjunction
_CLAUSE_END = compile_regex(r"[,;:—–]|\s-\s|(?<!\w)(?:но|а|однако|зато|хотя|пока|але|проте|однак|поки|тоді як|тогда как)"
                            r"(?!\w)")
#: the last word before a position: a preposition marks a target or a place, not a subject
_WORD_BEFORE = compile_regex(r"(?<!\w)(\w{1,30})[ \t\u00a0]{1,3}$")
#: prepositions after which an actor is a target of the act (its accusative/dative)
_TARGET = frozenset({"на", "по", "против", "проти", "протів"})
#: prepositions of any kind (an actor after one of them is no subject)
_PREPOSITIONS = frozenset({
    "в", "во", "у", "на", "под", "над", "за", "из", "изо", "із", "з", "зі", "со", "с", "от", "від", "по", "до", "для",
    "против", "проти", "через", "о", "об", "про", "при", "перед", "между", "між", "к", "ко", "без", "около", "біля",
    "среди", "серед", "вокруг", "навколо", "после", "після", "ради", "заради", "вместо", "замість", "кроме", "крім"})
#: what may stand between a cue and the genitive that owns it: «у», «среди», «в рядах», then at most four words, each
#: an adjective, a participle, a numeral, a pronoun or a noun in a genitive (:func:`attribute`: «потери личного
#: состава механизированной бригады ВСУ», a chain of genitives)
_OWNER_GAP = compile_regex(r"[ \t\u00a0]{1,3}(?:(?:у|среди|серед|в рядах|в лавах)[ \t\u00a0]{1,3})?"
                           r"((?:\w{1,30}[ \t\u00a0]{1,3}){0,4})$")
#: conjunctions: an actor after one is coordinated with the word before, not a subject of its own
_CONJUNCTIONS = frozenset({"и", "или", "та", "і", "й", "або", "чи", "либо", "ни"})
#: the words of an actor match (a two-word actor: its first word decides its case)
_WORD = compile_regex(r"\w+")


@dataclass(frozen=True)
class Actor:
    """An actor word of the sentence: where it is, the side it names, whether it is weak (a country's name)."""

    start: int
    end: int
    side: str
    weak: bool


@dataclass(frozen=True)
class Structure:
    """How ``indicators.ruuk.v6`` reads a paragraph: its language (for pymorphy3) and the document's quotes as
    ``(start, end, side)``, the side of the quote's speaker, or None when unknown."""

    lang: str
    voices: tuple[tuple[int, int, str | None], ...] = ()
    #: v7: when every actor near the cue is the target of an act («контрнаступ на москалей»), the subject is the
    #: other side (:func:`choose`)
    v7: bool = False
    #: v7: the force the document is about (``slavic.topic``), the side of a cue with no actor near it
    topic: str | None = None

    def writer_at(self, pos: int, writer: str | None) -> str | None:
        """Whose "наши", "мы", "противник" a word at ``pos`` is: inside a quote whose speaker's side is known, the
        speaker's (a quoted Ukrainian general's "у нас"), else the writer's (a Russian news post quoting «Сводка
        Минобороны» with «противник потерял»)."""
        for s, e, side in self.voices:
            if s <= pos < e and side is not None:
                return side
        return writer


@lru_cache(maxsize=20_000)
def cases(word: str, lang: str, singular: bool = False) -> frozenset[str]:
    """The cases some reading of ``word`` can be in; ``{"any"}`` for a word that does not decline (ВСУ, ЗСУ, an
    abbreviation pymorphy3 does not know), whose case only its place tells; ``singular``: only the singular readings
    (a country's name: «України» is no plural nominative)."""
    out: set[str] = set()
    for p in analyzer("uk" if lang == "uk" else "ru").parse(word)[:5]:
        tags = set(p.tag.grammemes)
        if singular and "plur" in tags:
            continue
        if "UNKN" in tags or "Fixd" in tags or "LATN" in tags:
            return frozenset({"any"})
        out |= tags & {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2", "acc2"}
    return frozenset(out)


@lru_cache(maxsize=20_000)
def attribute(word: str, lang: str) -> bool:
    """Whether some likely reading of ``word`` is an adjective, a participle, a numeral, a pronoun's adjective or a
    noun in a genitive (it may stand between a noun and its genitive owner: «потери украинских военных», «потери
    личного состава бригады ВСУ»)."""
    for p in analyzer("uk" if lang == "uk" else "ru").parse(word)[:4]:
        tags = set(p.tag.grammemes)
        if p.score >= 0.1 and ({"ADJF", "PRTF", "NUMR", "Anum", "Apro"} & tags or {"NOUN", "gent"} <= tags):
            return True
    return False


@lru_cache(maxsize=20_000)
def is_noun(word: str, lang: str) -> bool:
    """Whether the likeliest reading of ``word`` is a noun (a declining actor right after it is its attribute)."""
    p = analyzer("uk" if lang == "uk" else "ru").parse(word)[0]
    return "NOUN" in p.tag.grammemes


@lru_cache(maxsize=20_000)
def is_verb(word: str, lang: str) -> bool:
    """Whether the likeliest reading of ``word`` is a finite verb or an infinitive (an actor right after it is its
    object: «не убезпечив українське небо», «отправляют русских солдат»)."""
    p = analyzer("uk" if lang == "uk" else "ru").parse(word)[0]
    return bool({"VERB", "INFN"} & set(p.tag.grammemes))


def clause(low: str, s: int, e: int, cue_s: int, cue_e: int) -> tuple[int, int]:
    """The clause of ``[cue_s, cue_e)`` inside the sentence ``[s, e)``: from the last clause end before the cue to the
    first after it."""
    cs = s
    for m in _CLAUSE_END.finditer(low, max(s, cue_s - 300), cue_s):
        cs = m.end()
    after = _CLAUSE_END.search(low, cue_e, min(e, cue_e + 300))
    return cs, after.start() if after else e


def _word_before(low: str, pos: int, floor: int) -> str:
    m = _WORD_BEFORE.search(low, max(floor, pos - 40), pos)
    return m.group(1) if m else ""


def _first_word(low: str, a: Actor) -> str:
    """The whole first word of ``a`` (an actor pattern may match the start of a longer word: «київ» of «Київській»)."""
    m = _WORD.match(low, a.start, min(len(low), a.start + 40))
    return m.group(0) if m else ""


def _owner(low: str, cue_end: int, start: int, lang: str) -> bool:
    """Whether an actor at ``start`` can be the genitive owner of the cue ending at ``cue_end``: only «у»/«среди» and
    adjectives, numerals and pronouns between (:data:`_OWNER_GAP`)."""
    if start - cue_end > 80:
        return False
    m = _OWNER_GAP.fullmatch(low, cue_end, start)
    return m is not None and all(attribute(w, lang) for w in _WORD.findall(m.group(1)))


def _relative(low: str, cl: tuple[int, int], lang: str) -> bool:
    """Whether the clause ``cl`` qualifies the noun before it: it starts with a participle («…военных, погибших в
    ходе …») or a relative pronoun among its first words («…, которые отказались …»)."""
    words = _WORD.findall(low, cl[0], min(cl[1], cl[0] + 60))[:3]
    if not words:
        return False
    if any(w.startswith(("котор", "яки", "які", "якого", "якій", "якому")) for w in words):
        return True
    return "PRTF" in analyzer("uk" if lang == "uk" else "ru").parse(words[0])[0].tag.grammemes


def _head_before(low: str, a: Actor, cl: tuple[int, int]) -> bool:
    """Whether ``a`` ends the noun phrase right before the clause ``cl`` (at most one word and the comma between)."""
    return a.end <= cl[0] and cl[0] - a.end <= 40 and len(_WORD.findall(low, a.end, cl[0])) <= 1


def _place(before: str, found: frozenset[str], inside: bool, lang: str) -> int:
    """The rank of an actor by its place: in the cue's clause (``inside``) 2 its subject, 3 another word, 4 a target;
    in the rest of the sentence 5, or 6 for a target (there, nearness decides)."""
    if not inside:
        return 6 if before in _TARGET else 5
    if before in _TARGET:
        return 4
    if before in _PREPOSITIONS or before in _CONJUNCTIONS or not ("any" in found or "nomn" in found):
        return 3
    if before and (is_verb(before, lang) or ("any" in found or "gent" in found) and is_noun(before, lang)):
        return 3  # a verb's object, a noun's genitive attribute («території України»)
    return 2


def rank(low: str, a: Actor, cue: tuple[int, int], cl: tuple[int, int], lang: str) -> int:
    """The rank of actor ``a`` for the cue at ``cue`` in clause ``cl`` (lower is better; see the module's doc)."""
    in_cue = a.start >= cue[0] and a.end <= cue[1]
    if in_cue and not a.weak:  # a country's name in a cue may be an object: «отдать России»
        return 0
    inside = cl[0] <= a.start and a.end <= cl[1]
    before = _word_before(low, a.start, cl[0] if inside else 0)
    word = _first_word(low, a)
    found = cases(word, lang, a.weak) if word else frozenset()
    genitive = "any" in found or "gent" in found
    if genitive and (a.start >= cue[1] and _owner(low, cue[1], a.start, lang)
                     or in_cue and before and is_noun(before, lang)  # «злочини Росії»
                     or inside and before == "у" and lang == "ru"):  # «у противника»
        return 1
    if _head_before(low, a, cl) and cl[0] <= cue[0] and _relative(low, cl, lang):
        return 1
    where = _place(before, found, inside, lang)
    if a.weak and before in _PREPOSITIONS:
        return 99  # a country's name after a preposition is a place or a target («в Украину», «на Россию»)
    if a.weak and where != 2:
        return 10 + where  # a country's name that is not the clause's subject comes after every force
    return where


def _gerund_host(low: str, cl: tuple[int, int], sentence: tuple[int, int], lang: str) -> tuple[int, int]:
    """``cl`` widened to the clause before it when ``cl`` starts with a gerund, whose subject is that clause's
    («Зеленский обрек …, отдав приказ держать город ценой больших потерь»)."""
    first = _WORD.search(low, cl[0], min(cl[1], cl[0] + 40))
    if first is None or cl[0] <= sentence[0] + 1:
        return cl
    if "GRND" not in analyzer("uk" if lang == "uk" else "ru").parse(first.group(0))[0].tag.grammemes:
        return cl
    return clause(low, sentence[0], sentence[1], cl[0] - 2, cl[0] - 1)[0], cl[1]


#: the other side of a force (an attack's target is the subject's enemy)
_OTHER = {"ru": "ua", "ua": "ru"}


#: на/по/против/проти and at most two words before an actor (adjectives, checked by :func:`attribute`)
_TARGET_GAP = compile_regex(r"(?<!\w)(на|по|против|проти)[ \t\u00a0]{1,3}((?:\w{1,30}[ \t\u00a0]{1,3}){0,2})$")


def _target(low: str, a: Actor, cue: tuple[int, int], sentence: tuple[int, int], lang: str) -> bool:
    """Whether ``a`` stands, outside the cue, after на/по/против/проти and at most two adjectives or genitive
    nouns («контрнаступ на проклятущих москалей»): whom an act is aimed at. Not «от»/«від»: «звірства від російських
    військових» names the perpetrator, «від переляку російських військових» the one afraid."""
    if a.start >= cue[0] and a.end <= cue[1] or 0 <= cue[0] - a.end <= 1:  # in the cue, or its adjective
        return False
    m = _TARGET_GAP.search(low, max(sentence[0], a.start - 80), a.start)
    if m is None:
        return False
    gap = _WORD.findall(m.group(2))
    if not all(attribute(w, lang) for w in gap):
        return False
    if m.group(1) != "на":
        return True
    # «на» with an accusative aims («на москалей», «на ВСУ»); with a locative it is a place: the actor's word or one
    # of the two after it (its head noun: «на совместных российско-лаосских учениях») reads only as a locative
    words = [_first_word(low, a), *_WORD.findall(low, a.end, min(len(low), a.end + 40))[:2]]
    return not any({"loct", "loc2"} & (c := cases(w, lang)) and not {"accs", "acc2", "any"} & c for w in words if w)


def choose(low: str, actors: list[Actor], cue: tuple[int, int], sentence: tuple[int, int], lang: str,
           targets: bool = False) -> str | None:
    """The side of the best-placed actor of ``actors`` (all in ``sentence``) for the cue at ``cue``; ``targets``
    (v7): an actor that is the target of an act (:func:`_target`) counts only when no other actor is
    near, and then names the other side («готовится контрнаступ на москалей, но всего не хватает»: Ukraine's)."""
    if targets and actors:
        aimed = [a for a in actors if _target(low, a, cue, sentence, lang)]
        if len(aimed) == len(actors):
            side = choose(low, actors, cue, sentence, lang)
            return _OTHER.get(side or "", side)
        actors = [a for a in actors if a not in aimed]
    sides = {a.side for a in actors}
    if len(sides) <= 1:  # nothing to choose between (most cues): no morphology needed
        return sides.pop() if sides else None
    if cue[0] >= sentence[1]:  # the sentence before the cue's: its first clause's subject is the topic that goes on
        cl = clause(low, sentence[0], sentence[1], sentence[0], sentence[0])
    else:
        cl = clause(low, sentence[0], sentence[1], cue[0], cue[1])
        if cl[0] <= cue[0]:
            cl = _gerund_host(low, cl, sentence, lang)

    def key(a: Actor) -> tuple[int, bool, int]:
        dist = 0 if a.start >= cue[0] and a.end <= cue[1] else (cue[0] - a.end if a.end <= cue[0] else a.start - cue[1])
        return rank(low, a, cue, cl, lang), a.weak, dist

    return min(actors, key=key).side


__all__ = ["Actor", "Structure", "attribute", "cases", "choose", "clause", "is_noun", "is_verb", "rank"]
