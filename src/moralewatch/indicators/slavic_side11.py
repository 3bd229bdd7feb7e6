"""``indicators.ruuk.v11`` (issue 17, session 14): the subject side of Russian and Ukrainian indicators re-read by a
side pass over any ``indicators.ruuk`` version's items.

:func:`resided` takes a document and a list of items and returns the same items in the same order; only
``subject_side`` may change, never offsets, indicators or anything else. The pass reads what v6's actor choice
(:mod:`.slavic_actor`) does not:

* **Relayed claims.** An attribution («сообщили в Минобороны РФ», «по данным Генштаба ВСУ», «за даними Генштабу»;
  an opinion of anyone a force word names, «по мнению украинцев») names the claimant, not the subject (codebook:
  claimant side and subject side never merge). Its actor words are set aside; the subject is chosen among the other
  actors of the sentence (then of the sentence before), and when none is named, a loss, a surrender or a low morale
  a ministry reports is the other side's, a high morale its own. «Об этом сообщили в …» in the next sentence
  attributes a claim that names no force.
* **Passive agents and targets.** A force in the instrumental after a passive participle («были нейтрализованы
  российской армией, а выжившие сдались в плен») or before an impersonal one («ВС РФ ликвидировано более 600»)
  acted on the subject of a loss or a surrender; the object of an attack verb or of a repelled attack («атаковать
  российские подразделения», «отбивал наступления украинских солдат») is its target. Each is set aside the same
  way, and alone it names the other side.
* **A relayed voice.** A post whose first lines hand over to the other side («пишет боец ВСУ», a scornful «нытьё
  от …») is in that side's voice up to the end of the quotation that follows: its «наши», «мы» are that side's, and
  a complaint that names no force is that side's.
* **Quoted speakers** (``doc.quotes``, the quote stage's speaker side): a cue inside a quote whose sentence names
  no force at all takes the speaker's side, as the writer's fallback would take the writer's (a soldier's,
  prisoner's or relative's complaint is about his own side; an official's or a journalist's follows
  :func:`.slavic.fallback_side` with the speaker as the writer).
* **Corrections** (``data/ruuk/indicators_v11/sides.txt``, v8's format, SIDE may also be ``unknown``): a pattern of
  the sentence that says whose forces it is about.

When the text does not say, the item keeps the side it came with; a side is never taken from a nationality word the
earlier versions did not already read. Items of other stages (``rule`` not ``ruuk:``) pass through untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import numpy as np

from ..lexicons import compile_regex, lines
from ..model import Document, Indicator
from ..morphology import analyzer
from ..pipeline import stage
from .slavic import LANGS, OTHER, V7, WRITER, Lexicon, _actors, _Sentences, fallback_side, fold, load
from .slavic_actor import Actor, Structure, attribute, cases, choose, is_verb
from .slavic_v8 import Check, _cue_at, _parse, tag_v8

V11 = "ruuk/indicators_v11"
SIDES = f"{V11}/sides.txt"

#: indicators a side reports of its enemy (a ministry's tally of losses, surrenders, panic): its own forces' only
#: when it says so
REPORTED_OF_ENEMY = frozenset({"heavy_losses", "surrender_desertion", "morale_low", "fear", "unwilling"})
#: indicators a side reports of its own forces
REPORTED_OF_OWN = frozenset({"morale_high", "morale_boosting"})
#: a speaker whose complaint is about his own side (a quoted soldier's «нас бросили»)
FIRST_HAND = frozenset({"soldier", "pow", "relative", "commander"})

#: an attribution: a verb of saying or «по данным» and a military or state source. Group ``src`` is the source;
#: its side is an actor word inside it (РФ, ВСУ), else the writer's (a Russian news post's «Минобороны»).
_SOURCE = (r"(?:пресс-служб\w+ |пресс-центр\w* |прес-служб\w+ |представител\w+ |спикер\w* |речник\w* )?"
           r"(?:минобороны|министерств\w+ обороны|міноборони|міністерств\w+ оборони|мо рф|генштаб\w*|генеральн\w+ "
           r"штаб\w*|штаб\w* |командовани\w+|командуванн\w+|группировк\w+ войск|угрупованн\w+|сил\w* оборони|"
           r"всу\b|зсу\b|вс рф|народн\w+ милици\w+|гур\b|сбу\b|фсб\b|ссо\b|сср\b)(?:[ \w-]{0,40}?"
           r"(?:рф|росси\w+|россии|украин\w+|україн\w+|всу|зсу|днр|лнр)\b)?")
_ATTRIBUTION = compile_regex(
    r"(?<!\w)(?:"
    r"(?:по|согласно) (?:данным|информации|сведениям|сообщению|словам|подсчетам|оценкам) (?P<src1>" + _SOURCE + r")"
    r"|(?:за|згідно з) (?:даними|інформацією|словами|підрахунками|оцінками) (?P<src2>" + _SOURCE + r")"
    r"|(?:сообщ\w+|заяв\w+|рассказ\w+|отчита\w+|доложи\w+|информиру\w+|уточни\w+|подтверди\w+|повідом\w+|"
    r"заяви\w+|розпов\w+|зазнач\w+|інформу\w+|звітує\w*|підтверди\w+)[ ,]{1,3}(?:в |у |во )?(?P<src3>" + _SOURCE + r")"
    r"|(?:—|-) (?P<src4>" + _SOURCE + r")[ .]*$"
    r")")
#: an opinion or a report of anyone a force word names («по мнению украинцев», «по словам российских военных», «за
#: словами окупантів»): the source is a claimant too, but not a ministry reporting the enemy's losses
_OPINION = compile_regex(
    r"(?<!\w)(?:(?:по|согласно) (?:мнению|словам|данным|информации|оценкам|версии|утверждению|признанию)"
    r"|(?:на думку|за словами|за даними|за оцінками|на переконання|за версією)) (?P<src>(?:[\w-]+ ){0,2}[\w-]+)")
#: the (at most four) words right before a position, no punctuation between
_WORDS_BEFORE = compile_regex(r"(?<!\w)(?:\w{1,30}[ \t\u00a0]{1,3}){1,4}$")
_HEAD = compile_regex(r"\w+")
#: a post that hands over to the other side's voice at its start («пишет боец ВСУ», «жалуется украинский
#: военный»; a scornful «нытьё от …», «скулёж из …» names the enemy whoever it names, not «истерика в СМИ»): group
#: ``who`` names the voice, its side read from the actor words in it
_ENEMY_VOICE = (r"(?:всушник\w*|хохл\w*|укроп\w*|укропаблик\w*|(?:боец|бойц\w*|военн\w*|солдат\w*|офицер\w*|"
                r"командир\w*|пленн\w*) (?:всу|зсу|вс рф)|(?:украинск|российск)\w+ (?:военн|боец|бойц|солдат|офицер|"
                r"командир|журналист|паблик|канал|волонтер|пленн|штурмовик|мобилизованн)\w*)")
_FRAME = compile_regex(
    r"(?<!\w)(?:(?P<scorn>нытье|скулеж) (?:от|из) (?:\w+ ){0,2}\w+"
    r"|(?:нытье|крик души|исповедь|откровени\w+|письмо|жалоб\w+|признани\w+|пост|слова)"
    r"(?: от| из)?(?: \w+){0,3}? (?P<who1>" + _ENEMY_VOICE + r")"
    r"|(?:пишет|пишут|рассказывает|рассказывают|жалуется|жалуются|признается|признаются|делится|ноет|ноют|"
    r"пожаловал\w+|признал\w+|написал\w*)(?: \w+){0,3}? (?P<who2>" + _ENEMY_VOICE + r"))")
#: how far into a document a frame may stand (its heading, its first line)
FRAME_WITHIN = 300
#: quotation marks that may open the relayed text
_OPENING = ("\"", "«", "“", "„")


#: a side correction of ``sides.txt``: v8's :class:`.slavic_v8.Check` (its ``side`` may also be ``unknown``)
Correction = Check


@cache
def _corrections(path: str) -> tuple[Correction, ...]:
    """``KEY LANG SIDE SCOPE :: REGEX :: REASON [:: unless REGEX] [:: cue REGEX]`` lines -> corrections (v8's parser)."""
    return _parse(path, True, ("ru", "ua", "unknown"))


def load_corrections() -> tuple[Correction, ...]:
    lines(SIDES)  # checked on every call: the loaders refuse a stage that does not declare the file
    return _corrections(SIDES)


def _source_side(lex: Lexicon, low: str, s: int, e: int, writer: str | None) -> str | None:
    """The side of an attribution's source ``[s, e)``: a force word inside it, else the writer's."""
    sides = {a.side for a in _actors(lex, low, s, e, s, s, writer, forces_only=True)}
    if len(sides) == 1:
        return sides.pop()
    if "рф" in low[s:e] or "росси" in low[s:e]:
        return "ru"
    if "украин" in low[s:e] or "україн" in low[s:e]:
        return "ua"
    return writer if not sides else None


def attributions(lex: Lexicon, low: str, s: int, e: int,
                 writer: str | None) -> list[tuple[int, int, str | None, bool]]:
    """The attributions of the sentence ``[s, e)`` as ``(start, end, side of the source, official)``: ``official``
    for a ministry's, a staff's or a command's report (:data:`_ATTRIBUTION`), else an opinion or a report of anyone
    a force word names (:data:`_OPINION`; with no force word it is not read)."""
    out = []
    for m in _ATTRIBUTION.finditer(low, s, e):
        g = next(k for k in ("src1", "src2", "src3", "src4") if m.group(k) is not None)
        out.append((m.start(g), m.end(g), _source_side(lex, low, m.start(g), m.end(g), writer), True))
    for m in _OPINION.finditer(low, s, e):
        a, b = m.span("src")
        if any(x < b and a < y for x, y, _, _ in out):
            continue
        sides = {x.side for x in _actors(lex, low, a, b, a, a, writer, forces_only=True)}
        if len(sides) == 1:
            out.append((a, b, sides.pop(), False))
    return out


@cache
def _passive(word: str, lang: str) -> bool:
    p = analyzer("uk" if lang == "uk" else "ru").parse(word)[0]
    tags = set(p.tag.grammemes)
    return "PRTS" in tags or ("PRTF" in tags and "pssv" in tags)


@cache
def _instrumental(word: str, lang: str) -> bool:
    return any("ablt" in p.tag.grammemes for p in analyzer("uk" if lang == "uk" else "ru").parse(word)[:3])


#: an impersonal passive of killing right after a force («ВС РФ ликвидировано», «ЗСУ знищено»)
_KILLED_AFTER = compile_regex(r"[ \t\u00a0]{1,3}(?:ликвидирован|уничтожен|нейтрализован|знищен|ліквідован)[оыі]?(?!\w)")
#: a count right before a force («более 100 ВСУшников ликвидировано»: the killed)
_COUNTED = compile_regex(r"(?:\d|более|свыше|около|до|менее|понад|близько|більше)[ \t\u00a0]{1,3}$")


def _agent(low: str, a: Actor, floor: int, lang: str) -> bool:
    """Whether ``a`` is the agent of a passive («нейтрализованы российской армией», «уничтожены бойцами ВС РФ»): a
    passive participle among the four words before it (no punctuation between), and one of the words after the
    participle, the actor's first word included, in the instrumental."""
    head = _HEAD.match(low, a.start, min(len(low), a.start + 40))
    after = _KILLED_AFTER.match(low, a.end, min(len(low), a.end + 40))
    if after is not None and head is not None and _COUNTED.search(low, max(floor, a.start - 20), a.start) is None \
            and ({"ablt", "any"} & cases(head.group(0), lang)):
        return True  # «ВС РФ ликвидировано более 600 человек»: the force that killed, not the killed
    m = _WORDS_BEFORE.search(low, max(floor, a.start - 120), a.start)
    if m is None:
        return False
    before = m.group(0).split()[-4:]
    for k in range(len(before) - 1, -1, -1):
        if _passive(before[k], lang):
            words = [*before[k + 1:], head.group(0)] if head else before[k + 1:]
            return any(_instrumental(w, lang) for w in words)
    return False


#: verbs of an attack or an advance: the force right after one (its object) is the target, not the subject
_ATTACK = compile_regex(r"(?:атак\w*|атаку\w+|штурм\w+|тесн\w+|оттесн\w+|окруж\w+|отброс\w+|выбив\w+|выбил\w*|"
                        r"громи\w+|разгроми\w+|контратак\w+|відтісн\w+|оточ\w+|відкин\w+|вибив\w*|розгроми\w+)$")


#: an attack repelled («отбивал наступления украинских солдат», «відбили атаки окупантів»): the force whose attack
#: it is, named right after it, is the target of the one that repels it
_REPELLED = compile_regex(r"(?<!\w)(?:отби\w+|отбива\w+|отраж\w+|отрази\w+|сдержива\w+|відби\w+|відбива\w+|"
                          r"стриму\w+|стримува\w+)(?: \w+)? (?:наступлени\w*|атак\w*|штурм\w*|натиск\w*|наступ\w*|"
                          r"контратак\w*)(?: \w+)? $")


def _aimed(low: str, a: Actor, cue: tuple[int, int], floor: int, lang: str) -> bool:
    """Whether ``a`` is the object of an attack verb («атаковать российские подразделения», «теснят украинцев»),
    at most two adjectives between, outside the cue."""
    if cue[0] <= a.start < cue[1]:
        return False
    m = _WORDS_BEFORE.search(low, max(floor, a.start - 100), a.start)
    if m is None:
        return False
    before = m.group(0).split()[-3:]
    for k in range(len(before) - 1, -1, -1):
        if _ATTACK.match(before[k]) and is_verb(before[k], lang):
            return all(attribute(w, lang) for w in before[k + 1:])
    return _REPELLED.search(low, max(floor, a.start - 100), a.start) is not None


def _lang(item: Indicator) -> str:
    parts = (item.rule or "").split(":")
    return parts[1] if len(parts) > 1 and parts[1] in LANGS else "ru"


def _quote_at(doc: Document, pos: int) -> Any:
    """The first of the document's quotes (in their order) whose span holds ``pos``, or None."""
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return q
    return None


class _QuoteCover:
    """:func:`_quote_at` for many positions of one document: each character's first covering quote, painted once
    (the later quotes first, so the first in order wins), instead of a scan of every quote for each item."""

    def __init__(self, doc: Document) -> None:
        self.quotes = doc.quotes
        self.cover = np.full(len(doc.text) + 1, -1, dtype=np.int32)
        for k in range(len(self.quotes) - 1, -1, -1):
            q = self.quotes[k]
            if q.start < q.end:
                self.cover[max(q.start, 0):max(min(q.end, len(doc.text)), 0)] = k

    def at(self, pos: int) -> Any:
        k = int(self.cover[pos]) if 0 <= pos < len(self.cover) else -1
        return self.quotes[k] if k >= 0 else None


class _Reader:
    """What the pass reads of one document, once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.low = fold(doc.text)
        self.lex = load(V7)
        self.writer = WRITER.get(doc.language or "")
        self.sents = _Sentences(doc)
        voices = []
        for q in doc.quotes:
            voices.append((q.start, q.end, q.side if q.side in ("ru", "ua") else None))
        self.voices = tuple(voices)
        self.relayed = self._relayed()
        self._cover: _QuoteCover | None = None

    def quote_at(self, pos: int) -> Any:
        """:func:`_quote_at` of the document, from a cover built at the first call."""
        if self._cover is None:
            self._cover = _QuoteCover(self.doc)
        return self._cover.at(pos)

    def _relayed(self) -> tuple[int, int, str] | None:
        """The span of the document in the other side's voice and that side, when its start hands over to it: from
        the frame to the end of the quotation that opens after it (within two lines), else to the document's end."""
        m = _FRAME.search(self.low, 0, min(len(self.low), FRAME_WITHIN))
        if m is None or self.writer is None:
            return None
        g = next((k for k in ("who1", "who2") if m.group(k) is not None), None)
        # a scornful frame («нытьё от …») names the enemy's voice whoever it names
        who = _actors(self.lex, self.low, m.start(g), m.end(g), m.start(g), m.start(g), self.writer,
                      forces_only=True) if g else []
        side = who[0].side if who and len({a.side for a in who}) == 1 else OTHER[self.writer]
        if side == self.writer:
            return None
        start, end = m.end(), len(self.low)
        head = self.low[start:start + 200]
        opens = [i for i in (head.find(c) for c in _OPENING) if i >= 0 and head.count("\n", 0, i) <= 2]
        if opens:
            at = start + min(opens)
            close = {"«": "»", "“": "”", "„": "“"}.get(self.low[at], self.low[at])
            stop = self.low.find(close, at + 1)
            start, end = at + 1, (stop if stop > 0 else len(self.low))
        return start, end, side

    def actors(self, s: int, e: int, cue: tuple[int, int], lang: str, civ: bool) -> list[Actor]:
        how = Structure(lang, self.voices, True)
        return _actors(self.lex, self.low, s, e, cue[0], cue[1], self.writer, False, civ, how)

    def sentence_before(self, item: Indicator) -> tuple[int, int] | None:
        si = self.sents.index(item.start)
        if si == 0:
            return None
        ps, pe = self.sents.spans[si - 1]
        para = self.doc.text.rfind("\n", 0, item.start) + 1
        return (max(ps, para), pe) if pe > para else None


def _set_aside(r: _Reader, item: Indicator, span: tuple[int, int], cue: tuple[int, int],
               lang: str) -> tuple[list[Actor], list[tuple[str, str | None]]]:
    """The actors of ``span`` other than the claimants of attributions and the agents of passives, and what was set
    aside as ``(kind, side)``."""
    civ = item.indicator == "orders_against_civilians"
    found = r.actors(span[0], span[1], cue, lang, civ)
    if civ:
        return found, []
    aside: list[tuple[str, str | None]] = []
    kept = []
    atts = attributions(r.lex, r.low, span[0], span[1], r.writer)
    aside += [("claimant" if official else "opinion", side) for _, _, side, official in atts]
    for a in found:
        if any(s <= a.start < e for s, e, _, _ in atts):
            continue
        if _aimed(r.low, a, cue, span[0], lang):
            aside.append(("target", a.side))
            continue
        if item.indicator in ("heavy_losses", "surrender_desertion") and not (cue[0] <= a.start < cue[1]) \
                and _agent(r.low, a, span[0], lang):
            aside.append(("agent", a.side))
            continue
        kept.append(a)
    return kept, aside


def _without_claimants(r: _Reader, item: Indicator, lang: str, cue: tuple[int, int], kept: list[Actor],
                       aside: list[tuple[str, str | None]]) -> str | None:
    """The side when claimants, agents or targets were set aside: the other actors' of the sentence, else of the
    sentence before, else what the set-aside source implies (a ministry's report of losses: the enemy's)."""
    sent = (item.start, item.end)
    if kept:
        return choose(r.low, kept, cue, sent, lang, True)
    before = r.sentence_before(item)
    if before is not None:
        prev, _ = _set_aside(r, item, before, cue, lang)
        if prev:
            return choose(r.low, prev, cue, before, lang, True)
    kinds = {k for k, _ in aside}
    sides = {s for k, s in aside if s is not None and k != "opinion"}
    if len(sides) != 1:
        return None
    source = sides.pop()
    if kinds & {"agent", "target"} or item.indicator in REPORTED_OF_ENEMY:
        return OTHER[source]
    return source if item.indicator in REPORTED_OF_OWN else None


def _quoted(r: _Reader, item: Indicator, lang: str, cue: tuple[int, int]) -> str | None:
    """The side of a quoted speaker the quote stage knows, for a cue whose sentences name no force."""
    q = r.quote_at(cue[0])
    if q is None or q.side not in ("ru", "ua"):
        return None
    if q.speaker_role in FIRST_HAND:
        return str(q.side)
    return fallback_side(item.indicator, q.side)


def _structural(r: _Reader, item: Indicator, lang: str) -> str | None:
    """The side the pass's readings give, or None (keep the item's): claimants, agents and targets set aside; a
    relayed voice; for a sentence and a sentence before that name no force, the next sentence's attribution, the
    quoted speaker's side."""
    cue = _cue_at(r.low, item)
    kept, aside = _set_aside(r, item, (item.start, item.end), cue, lang)
    if aside:
        return _without_claimants(r, item, lang, cue, kept, aside)
    if r.relayed is not None and r.relayed[0] <= cue[0] < r.relayed[1]:
        return _in_voice(r, item, lang, cue, r.relayed)
    if kept:
        return None
    before = r.sentence_before(item)
    if before is not None and r.actors(before[0], before[1], cue, lang, False):
        return None
    side = _next_attribution(r, item, lang, cue) if item.indicator in REPORTED_OF_ENEMY | REPORTED_OF_OWN else None
    return side or _quoted(r, item, lang, cue)


#: a sentence that attributes the one before it («Об этом сообщили в Минобороны РФ», «Про це повідомили в Генштабі»)
_THIS = compile_regex(r"(?:об этом|о чем|о этом|про це|як повідом\w+|как сообщ\w+)(?!\w)")


def _next_attribution(r: _Reader, item: Indicator, lang: str, cue: tuple[int, int]) -> str | None:
    """A claim with no actor whose next sentence attributes it to a side's ministry or staff: a loss, a surrender, a
    low morale it reports is the other side's, a high morale its own."""
    si = r.sents.index(item.start)
    if si + 1 >= len(r.sents.spans):
        return None
    ns, ne = r.sents.spans[si + 1]
    ns += len(r.low[ns:ne]) - len(r.low[ns:ne].lstrip())
    if "\n" in r.doc.text[item.end:ns] or _THIS.match(r.low, ns, ne) is None:
        return None
    before = r.sentence_before(item)
    if before is not None and r.actors(before[0], before[1], cue, lang, False):
        return None
    sides = {side for _, _, side, official in attributions(r.lex, r.low, ns, ne, r.writer) if official}
    if len(sides) != 1 or None in sides:
        return None
    source = str(sides.pop())
    return OTHER[source] if item.indicator in REPORTED_OF_ENEMY else source


def _in_voice(r: _Reader, item: Indicator, lang: str, cue: tuple[int, int], voice: tuple[int, int, str]) -> str:
    """The side of a cue in a relayed voice: its actors with «наши», «мы», «противник» read as the voice's, else the
    voice's own side (a relayed soldier's complaint)."""
    how = Structure(lang, (voice, *r.voices), True)
    civ = item.indicator == "orders_against_civilians"
    for span in ((item.start, item.end), r.sentence_before(item)):
        if span is None:
            continue
        found = _actors(r.lex, r.low, span[0], span[1], cue[0], cue[1], r.writer, False, civ, how)
        if found:
            return choose(r.low, found, cue, span, lang, True) or voice[2]
    return voice[2]


def resided(doc: Document, items: Sequence[Indicator]) -> list[Indicator]:
    """``items`` with their subject side re-read (see the module's doc); the same items in the same order."""
    if not any(str(i.rule or "").startswith("ruuk:") for i in items):
        return list(items)
    r = _Reader(doc)
    fixes = load_corrections()
    out = []
    for item in items:
        if not str(item.rule or "").startswith("ruuk:"):
            out.append(item)
            continue
        lang = _lang(item)
        cue_s, cue_e = _cue_at(r.low, item)
        fix = next((c for c in fixes if c.applies(item, lang) and
                    c.matches(r.low, item.start, item.end, cue_s, cue_e)), None)
        side = fix.side if fix is not None else _structural(r, item, lang)
        out.append(replace(item, subject_side=side) if side and side != item.subject_side else item)
    return out


@stage("indicators.ruuk.v11", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v11(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v8``'s items with the side pass :func:`resided` (relayed claims, passive agents, quoted
    speakers, ``data/ruuk/indicators_v11/sides.txt``)."""
    found = resided(doc, tag_v8(doc))
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["V11", "Correction", "attributions", "load_corrections", "resided", "tag_ruuk_v11"]
