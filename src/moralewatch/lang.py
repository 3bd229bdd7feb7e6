"""The language of every document and of each of its paragraphs (issue 17, item 1), and the gate that keeps the
English rules' output off paragraphs in languages they do not read.

Labels: ``en``, ``ru``, ``uk``, ``other`` (a language the stages do not support: Latin-script text that is not
English, Belarusian, Serbian, ...) and ``und`` (undetermined: no letters, or Cyrillic text without a cue that tells
Russian from Ukrainian; unknown is better than wrong).

The classifier is a few cues, no model and no dependency: the script decides between Latin and Cyrillic (letters
counted); Russian and Ukrainian are told apart by the letters only one of them has (і ї є ґ and the apostrophe
inside a word against ы э ъ ё) and by frequent words only one of them uses (a long Cyrillic text with no cue at
all is Russian: Ukrainian text without і, ї, є or ґ is rare; a short post without a letter or word cue is decided
by word endings only one language has, two or more and none of the other's, ``language.v2``: «Я слива лиловая
сочная садовая» is Russian, «Бои идут весь день» stays undetermined); Latin-script text is English unless
the function words of another language clearly outnumber English ones. A paragraph too short to decide takes the
document's language (mixed posts keep their paragraphs' own labels when the cues are clear).

``langgate.v1`` drops what the English quote and indicator rules found on paragraphs that are not English (the turns
of a transcript are kept: a turn is a quote by its form, not by English cues; so are the quotes of ``quotes.ruuk.v2``,
which reads Russian and Ukrainian) and records it in the document's ``removed`` notes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from .lexicons import compile_regex
from .model import Document
from .pipeline import stage

LANGUAGES = ("en", "ru", "uk", "other")
#: what the quote and indicator stages read today
SUPPORTED = frozenset({"en"})

_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
#: Cyrillic letters of other languages (Belarusian ў, Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ)
_OTHER_CYRILLIC = frozenset("ўЎђЂјЈљЉњЊћЋџЏѓЃќЌѕЅ")
_UK_WORDS = frozenset(
    "та що це як від або але його її їх який яка які було буде був була вже ще тільки лише також через після "
    "під над між під час коли тому бо щоб він вона вони ми ви нас вас нам вам мене мені тебе себе свої свого "
    "цей ця ці того цього зараз тут там де сьогодні дуже можна треба немає є із зі без для про року році "
    "повідомив повідомили повідомляє заявив заявила сказав сказала каже якщо коли поки й "
    # short posts (language.v2): frequent words Russian does not use
    "хто куди чому тепер ось навіть щось нема наразі тобто адже хай нехай нині зовсім".split()
)
_RU_WORDS = frozenset(
    "и что это как от или но его ее их который которая которые было будет был была уже еще только лишь также "
    "через после под над между когда потому чтобы он она они мы вы нас вас нам вам меня мне тебя себя свои "
    "своего этот эта эти того этого сейчас тут там где сегодня очень можно надо нет есть из со без для про года "
    "году сообщил сообщили сообщает заявил заявила сказал сказала говорит если когда пока или либо "
    # short posts (language.v2): frequent words Ukrainian does not use
    "да кто куда почему теперь вот здесь тоже ведь даже всего".split()
)
#: word endings only one of the two languages has (weak cues: a short post without any letter or word cue is
#: decided by two or more of them, none of the other side): Russian adjectives in -ая/-ое/-ие, verbs in -ут/-ют
#: (Ukrainian writes -уть/-ють), -ешь/-ишь and -аем/-яем; Ukrainian nouns in -ння/-ття, verbs in -ють/-емо, the
#: instrumental in -ою/-ею
_RU_ENDING = compile_regex(r"(?<!\w)\w{2,}(?:ая|яя|ое|ие|ут|ют|ешь|ишь|аем|яем)\b")
_UK_ENDING = compile_regex(r"(?<!\w)\w{2,}(?:ння|ття|ють|емо|ою|ею)\b")
_EN_WORDS = frozenset(
    "the and of to in is was that for on with as by at from he she it they we his her their have has had "
    "been are were be not but this which who said will would an or".split()
)
#: function words of frequent Latin-script languages that are not English (French, German, Spanish, Italian,
#: Portuguese, Dutch, Polish); none of them is an English word
_OTHER_LATIN_WORDS = frozenset(
    "le les des du et est une dans pour pas qui sur avec sont ont der die das und ist nicht ein eine mit sich "
    "auf dem den von zu el los las del y es una por con para que se lo al il gli della di che non sono da "
    "um uma não com os em het een van niet zijn ik je na nie jest się że jak ale oraz przez".split()
)
_APOSTROPHE_IN_CYRILLIC = compile_regex(r"[бвгґджзклмнпрстфхцчшщ]['’ʼ][яюєї]", re.IGNORECASE)  # м'ясо, п'ять
# counted with findall (the loop runs in C): letters by script, the cue letters, the cue words (lower case)
_LATIN = compile_regex(r"[A-Za-zªºÀ-ÖØ-öø-ɏ]")
_CYRILLIC = compile_regex(r"[Ѐ-ҁҊ-ԯ]")
_UK_LETTER = compile_regex(f"[{''.join(sorted(_UK_LETTERS))}]")
_RU_LETTER = compile_regex(f"[{''.join(sorted(_RU_LETTERS))}]")
_OTHER_LETTER = compile_regex(f"[{''.join(sorted(_OTHER_CYRILLIC))}]")


_TOKEN = compile_regex(r"[^\W\d_]+")


def _count(words: list[str], vocabulary: frozenset[str]) -> int:
    return sum(1 for w in words if w in vocabulary)


#: fewer letters than this: a paragraph takes its document's language when its own cues do not decide
MIN_LETTERS = 20
#: Cyrillic letters without a Ukrainian letter or word (and no Russian cue either) from which a text is Russian:
#: і alone is ~5% of Ukrainian letters, so 60 letters of Ukrainian without any of і, ї, є, ґ happen ~2% of the time
RU_WITHOUT_CUES = 60

#: (latin letters, cyrillic letters, uk cues, ru cues, other-cyrillic letters, English words, other Latin words,
#: uk endings, ru endings); English words are counted only where they decide something (3 or more other-Latin
#: words, or a short text), the endings only where the cues tie (a short Cyrillic post)
Scores = tuple[int, int, int, int, int, int, int, int, int]
#: weak cues (word endings) that decide a Cyrillic text whose letters and words do not, none of the other side
MIN_ENDINGS = 2


def scores(text: str) -> Scores:
    """The cues of ``text`` (see :data:`Scores`); the scores of several texts add up."""
    latin = len(_LATIN.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    uk = ru = other = en = foreign = uk_end = ru_end = 0
    if not latin and not cyr:
        return 0, 0, 0, 0, 0, 0, 0, 0, 0
    low = text.lower()
    words = _TOKEN.findall(low)
    if cyr:
        uk = 2 * len(_UK_LETTER.findall(text)) + 2 * len(_APOSTROPHE_IN_CYRILLIC.findall(text)) + \
            _count(words, _UK_WORDS)
        ru = 2 * len(_RU_LETTER.findall(text)) + _count(words, _RU_WORDS)
        other = len(_OTHER_LETTER.findall(text))
        if uk == ru:  # what decide() needs the endings for: a short post whose letters and words tie
            uk_end, ru_end = len(_UK_ENDING.findall(low)), len(_RU_ENDING.findall(low))
    if latin >= cyr:
        foreign = _count(words, _OTHER_LATIN_WORDS)
        if foreign >= 3 or latin < MIN_LETTERS:  # what decide() needs English words for (it is the common case)
            en = _count(words, _EN_WORDS)
    return latin, cyr, uk, ru, other, en, foreign, uk_end, ru_end


def decide(sc: Scores, default: str | None = None) -> str | None:
    """The language that scores ``sc`` give (see :func:`detect`)."""
    latin, cyr, uk, ru, other, en, foreign, uk_end, ru_end = sc
    if not latin and not cyr:
        return None
    if cyr > latin:
        if other and other * 50 >= cyr:
            return "other"
        if uk > ru:
            return "uk"
        if ru > uk:
            return "ru"
        if not uk and cyr >= RU_WITHOUT_CUES:  # Ukrainian text this long without і, ї, є or ґ is rare
            return "ru"
        if default in ("ru", "uk"):
            return default  # a paragraph too short to decide: its document's language
        if ru_end >= MIN_ENDINGS and not uk_end:  # «Я слива лиловая сочная садовая»
            return "ru"
        if uk_end >= MIN_ENDINGS and not ru_end:
            return "uk"
        return None  # Cyrillic, but Russian or Ukrainian is not decided
    if foreign >= 3 and foreign > 2 * en:
        return "other"
    if latin < MIN_LETTERS and en == 0 and default is not None:
        return default
    return "en"


def detect(text: str, default: str | None = None) -> str | None:
    """The language of ``text`` (``en``, ``ru``, ``uk``, ``other``), ``default`` when its cues do not decide, or
    None for text without letters and Cyrillic text whose cues decide nothing (and no Cyrillic default)."""
    return decide(scores(text), default)


def document_language(text: str, paragraphs: list[tuple[int, int]]) -> tuple[str | None, list[str]]:
    """The document's language and each paragraph's (``und`` when undetermined). The document's cues are the sum
    of its paragraphs'; its language is then the one whose paragraphs have the most letters."""
    per = [scores(text[s:e]) for s, e in paragraphs] if paragraphs else [scores(text)]
    total = tuple(sum(col) for col in zip(*per, strict=True))
    doc = decide(total)
    labels = [decide(sc, doc) or "und" for sc in per] if paragraphs else []
    weight: dict[str, int] = {}
    for sc, lab in zip(per, labels, strict=False):
        if lab != "und":
            weight[lab] = weight.get(lab, 0) + sc[0] + sc[1]
    if weight:
        doc = max(sorted(weight), key=lambda k: weight[k])
    return doc or ("und" if total[0] or total[1] else None), labels


@stage("language.v2", requires=("paragraphs",), provides=("language",))
def detect_language(doc: Document, config: Mapping[str, Any]) -> None:
    """Set ``doc.language`` and ``doc.paragraph_languages``; a document the stages do not read gets a note."""
    doc.language, doc.paragraph_languages = document_language(doc.text, doc.paragraphs)
    if doc.lang and doc.language and doc.lang.split("-")[0].lower() not in (doc.language, ""):
        doc.removed.append(f"language: the input declares {doc.lang!r}, the text reads as {doc.language!r}")
    unsupported = sorted({lab for lab, _s, _e in _unsupported(doc)})
    if unsupported:
        n = sum(1 for lab in doc.paragraph_languages if lab in unsupported)
        doc.removed.append(f"language: {n} of {len(doc.paragraphs)} paragraphs in {', '.join(unsupported)}, "
                           f"which the quote and indicator rules do not read (their output there is dropped)")


def _has_letters(text: str, start: int, end: int) -> bool:
    return any(ch.isalpha() for ch in text[start:end])


def _unsupported(doc: Document) -> list[tuple[str, int, int]]:
    """The paragraphs, in text order, in a language the rules do not read (paragraphs without letters aside)."""
    return [(lab, s, e) for lab, (s, e) in zip(doc.paragraph_languages, doc.paragraphs, strict=True)
            if lab not in SUPPORTED and _has_letters(doc.text, s, e)]


@stage("langgate.v1", requires=("language", "quotes", "indicators"), provides=("language_gate",))
def gate_languages(doc: Document, config: Mapping[str, Any]) -> None:
    """Drop the English rules' quotes and indicators on paragraphs in a language they do not read (turns and the
    Russian and Ukrainian quotes of ``quotes.ruuk.v2`` stay)."""
    spans = [(s, e) for _lab, s, e in _unsupported(doc)]
    if not spans:
        return
    starts = [s for s, _ in spans]

    def _unsupported_at(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < spans[i][1]

    keep: list[int] = []
    for i, q in enumerate(doc.quotes):
        if (q.rule or "").startswith(("turn", "ruuk-")) or not _unsupported_at(q.start):
            keep.append(i)
    new_index = {old: new for new, old in enumerate(keep)}
    dropped_q = len(doc.quotes) - len(keep)
    quotes = [doc.quotes[i] for i in keep]
    for q in quotes:
        if q.continues is not None:
            q.continues = new_index.get(q.continues)
    indicators = []
    for ind in doc.indicators:
        if _unsupported_at(ind.start):
            continue
        if ind.quote_index is not None:
            ind.quote_index = new_index.get(ind.quote_index)
        indicators.append(ind)
    dropped_i = len(doc.indicators) - len(indicators)
    doc.quotes, doc.indicators = quotes, indicators
    if dropped_q or dropped_i:
        doc.removed.append(f"language: {dropped_q} quotes and {dropped_i} indicators of the English rules dropped "
                           f"on paragraphs not in English")


__all__ = ["LANGUAGES", "SUPPORTED", "decide", "detect", "detect_language", "document_language", "gate_languages",
           "scores"]
