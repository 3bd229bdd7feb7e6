"""The indicator tagger: cue rules over the text, then evidence, subject side, claimant, hedging and negation.

How it works, and why:

* **Cues** are regular expressions from the data files, run once over the whole text (no per-sentence model), so the
  stage stays far above the pipeline's speed budget.
* **Evidence** is the quote a cue falls in (the quote stage's quotes, or, when it found none, the spans between
  quotation marks of the segment stage's ``marks`` layer), else the sentence of reported claim. One evidence span carries each indicator once (rule 1).
* **Subject side** (whose morale) comes from the side mentions nearest the cue: a force mention ("Russian troops")
  beats a bare country name, a mention inside the cue wins, mentions of civilians or of the source ("Ukraine said")
  do not count, and a soldier's "we" is the speaker's own side. Nothing here favours a side (rule 2).
* **Hedged / negated** are flags from hedge cues in the sentence and negators just before the cue (rule 5).
* **Confidence** is the precision of the indicator's rules measured on hand-checked development output
  (``data/indicators/calibration.json``), not a guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from ..layers.sentences import capped
from ..lexicons import compile_regex
from ..linear import words_until
from ..model import Document, Indicator, Quote
from ..speaker_check import claimant_ok, strip_leading
from ..wordlists import fill
from . import actor, apposition, side_v12, testimony
from .lexicon import Lexicon, Rule, compile_cue, load
from .prefilter import prefilter
from .refusals import precision, refused, searched


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/indicators/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("indicators/words/patterns.txt", template)


# -- small regexes of the tagger itself (structure, not vocabulary) --------------------------------------------------

#: a side word followed by a word that makes it not a force: civilians, places, the source of a claim
_NOT_FORCE = compile_regex(
    _words(r"(?:['’]s)?\s{1,80}+(?:\w+\s+)?(?:@tagger.not_force@)\b"),
    re.I)
_SAYS = compile_regex(
    _words(r"^\W{0,3}(?:\w+\s+){0,3}?(?:@tagger.says@)\b"), re.I)
_ADJECTIVES = frozenset({"russian", "ukrainian", "pro-russian", "pro-kremlin", "ukrainian-held"})
#: a side word right before the cue ("Russian losses", "Ukraine's heavy losses", "Kremlin's morale problems")
_ATTACHED = compile_regex(r"(?:['’]s)?(?:\s+[\w-]+){0,2}\s*$")
_PLACE_BEFORE = compile_regex(_words(r"\b(?:@tagger.place_before.1@)\s+(?:the\s+)?(?:(?:@tagger.place_before.2@)(?:ern)?\s+)?$"), re.I)
_KILL_CLAIM = compile_regex(r"(?:killed|kill|kills|killing|eliminat\w*|destroy\w*|wiped out|neutrali[sz]\w*|"
                         r"liquidat\w*)\b", re.I)
_FIRST_PLURAL = compile_regex(r"\b(?:we|us|our|ours|we['’]re|we['’]ve|i|i['’]m|my|me)\b", re.I)
_ENEMY = compile_regex(r"\b(?:the enemy|enemy|enemy['’]s)\b", re.I)
_OUR = compile_regex(r"\b(?:our|we)\b", re.I)
_INFLICT = compile_regex(r"\binflict\w*|\bon the enemy\b", re.I)
_CLAUSE_END = compile_regex(r"[,;:—–]")
_CLAUSE_BREAK = compile_regex(r"[,;:—–(]|\bbut\b|\bwhile\b|\bwhereas\b|\band\b", re.I)
_NOT_NEGATION = compile_regex(
    _words(r"\bnot (?:\w+ )?(?:@tagger.not_negation@)\b|\bno (?:longer|doubt|matter)\b|\bnot least\b"), re.I)


_ATTRIB_AFTER = compile_regex(
    _words(r"[,”\"]\s*(?:he |she |they |it )?(?:@tagger.attrib_after@)\s+") + words_until(r"[\w'’.-]", "[ ,]{0,2}", 8, "[.,;]|$| on | in | at | during | who | after | when "),
    re.I)
_ATTRIB_BEFORE = compile_regex(
    _words(r"((?:[A-Z][\w'’.-]{0,100}+|@tagger.attrib_before.1@|an?other|@tagger.attrib_before.2@|defen[cs]e|"
           r"intelligence|officials?|analysts?|experts?|of|for|and|[A-Z]\w{0,100}['’]s)(?:\s++(?:[A-Z][\w'’.-]{0,100}+|"
           r"@tagger.attrib_before.3@|[a-z][\w'’-]{0,100}+)){0,7}?)\s+(?:has |have |had )?(?:@tagger.attrib_before.4@)"
           r"\b"))
_ACCORDING = compile_regex(r"\baccording to\s+" + words_until(r"[\w'’.-]", r"\s?", 8, "[.,;]|$"), re.I)

QUOTE_SPEAKER_MILITARY = frozenset({"soldier", "pow", "commander"})
#: speakers whose words are a soldier's own (a "commander" role is also given to company officers and generals
#: of business news, so it does not make a document war reporting by itself)
SOLDIERS = frozenset({"soldier", "pow"})
#: force words of the military-context check that are as often words of business or politics ("chief executive
#: officer", "General Motors", "a unit of", "men who refused to leave the land"): they count only in a document
#: with several words of war (:meth:`Context.mostly_war`)
_AMBIGUOUS_FORCE = frozenset({"general", "generals", "officer", "officers", "men", "man", "personnel", "unit", "units",
                              "division", "divisions", "crew", "crews", "arms", "boys", "guys", "draft", "forces",
                              "force", "recruits", "weapons", "shells"})
#: indicators that state an event or condition, where a conditional or an expectation is not a claim
IRREALIS_INDICATORS = frozenset({"heavy_losses", "surrender_desertion", "morale_low", "untrained", "supply_shortage",
                                 "casualty_concealment", "orders_against_civilians", "sabotage", "fear", "trauma"})
#: the feelings of civilians, relatives or whole nations are not a force's morale
PERSONAL_INDICATORS = frozenset({"fear", "trauma", "morale_low", "morale_high"})
_IRREALIS = compile_regex(
    _words(r"\b(?:@tagger.irrealis.1@|expects?|expected|expecting|considers?|consider(?:ed|ing)|intends?|"
           r"plans? to|aims? to|wants? to|want is|wanted to|hopes? to|forcing \w+ to|to force \w+ to|"
           r"in order to|risk(?:s|ed|ing)?|@tagger.irrealis.2@|threaten(?:s|ed|ing)?(?: to)?)\b"), re.I)
_IRREALIS_START = compile_regex(r"\s{0,80}+[\"“‘]?(?:if|unless|should)\b", re.I)
_HARD_BREAK = compile_regex(_words(r"[;:—–]|\bbut\b|, (?:@tagger.hard_break@)\b"), re.I)
_CIVILIAN_SUBJECT = compile_regex(
    _words(r"\b(?:civilians?|residents?|@tagger.civilian_subject.1@|neighbou?rs|the people of|society|"
           r"the public|nation|(?:@tagger.civilian_subject.2@) (?:\w+ )?(?:@tagger.civilian_subject.3@)"
           r")\b"), re.I)
_BOTH = compile_regex(_words(r"\b(?:@tagger.both@)\b"), re.I)


@dataclass(slots=True)
class Unit:
    """A piece of evidence: a quote or a sentence of claim."""

    start: int
    end: int
    quote_index: int | None = None
    quote: Quote | None = None
    is_quote: bool = False


@dataclass(slots=True)
class Hit:
    rule: Rule
    start: int
    end: int


# -- evidence units ------------------------------------------------------------------------------------------------


def is_turn(unit: Unit) -> bool:
    """A turn of a transcript (``turns.v1``): a direct quote of its speaker."""
    return unit.quote is not None and (unit.quote.rule or "").startswith("turn")


def speaks_of_a_soldier(unit: Unit) -> bool:
    """A relative's turn in a transcript: the relative speaks of (or to) a soldier of their family."""
    return is_turn(unit) and unit.quote is not None and unit.quote.speaker_role == "relative"


def quote_units(doc: Document, version: int = 3) -> list[Unit]:
    """The quotes as evidence units: the quote stage's quotes; when it found none, the spans between quotation
    marks (the segment stage's ``marks`` layer), so that quoted words are still one piece of evidence. From
    ``version`` 14 a speaker without a role takes the one of their apposition (:mod:`.apposition`)."""
    if doc.quotes:
        if version >= 14:
            return [Unit(q.start, q.end, i, apposition.described(q, doc.text), True)
                    for i, q in enumerate(doc.quotes) if q.end > q.start]
        return [Unit(q.start, q.end, i, q, True) for i, q in enumerate(doc.quotes) if q.end > q.start]
    return [Unit(m.start, m.end, None, None, True) for m in doc.marks if m.end - m.start >= 2]


#: the longest sentence a cue is judged in (characters): each cue looks at its whole sentence (the sides named in
#: it, a hedge, a refusal), so one "sentence" of 100 KB with a cue every few words (a list that never ends a
#: sentence) is quadratic; a longer one is judged in pieces cut at a line break, else a blank. The longest sentence
#: of the corpora here is 1,668 characters.
LONGEST_SENTENCE = 2_000


class Context:
    """Lookups over one document: sentences, paragraphs, quote units, the title paragraph."""

    def __init__(self, doc: Document, lex: Lexicon, version: int = 3) -> None:
        self.doc = doc
        self.version = version
        self.text = doc.text
        self.lex = lex
        self.sentences = capped(doc.text, doc.sentences or [(0, len(doc.text))], LONGEST_SENTENCE)
        self.sent_starts = [s for s, _ in self.sentences]
        self.quotes = sorted(quote_units(doc, version), key=lambda u: (u.start, u.end))
        self.quote_starts = [u.start for u in self.quotes]
        self.title_end = self._title_end()
        self._doc_side: str | None = None
        self._war: bool | None = None
        self._war_words: int | None = None
        self._force: bool | None = None
        self._voice: str | None = None
        self._furniture: list[tuple[int, int]] | None = None
        self._found: dict[tuple[int, int, int], bool] = {}
        #: the same for the sentence-wide refusal searches over the normalised text (:func:`.refusals.refused`)
        self.refusal_seen: dict[tuple[int, int, int], bool] = {}
        self._mentions: dict[tuple[int, int], tuple[tuple[str, int, int, int], ...]] = {}
        self._parties: dict[tuple[int, int], tuple[tuple[str, int, int], ...]] = {}
        self._both: dict[int, tuple[tuple[int, int], ...]] = {}
        #: :func:`off_topic` per window and whether the cue is violence against civilians
        self.off_topic_seen: dict[tuple[int, int, bool], bool] = {}
        #: :func:`own_mentions` per speaker's side and span
        self.own_found: dict[tuple[str, int, int, bool], tuple[tuple[str, int, int, int], ...]] = {}
        #: the claimant of each sentence without a quote (:func:`claimant_of`)
        self.claimants: dict[int, tuple[str | None, str, str]] = {}

    def found(self, rx: re.Pattern[str], lo: int, hi: int) -> bool:
        """Whether ``rx`` matches in ``text[lo:hi]``, remembered per span: the many cues of one long sentence
        ask the same sentence-wide questions (a hedge, a word of money, a word of war), and each is read once."""
        return searched(rx, self.text, lo, hi, self._found)

    def mentions(self, lo: int, hi: int) -> tuple[tuple[str, int, int, int], ...]:
        """:func:`side_mentions` of ``text[lo:hi]``, found once per span."""
        got = self._mentions.get((lo, hi))
        if got is None:
            got = self._mentions[(lo, hi)] = tuple(side_mentions(self.text, lo, hi, self.lex))
        return got

    def parties(self, lo: int, hi: int) -> tuple[tuple[str, int, int], ...]:
        """Every side word of ``text[lo:hi]`` as ``(side, start, end)``, sources and places included, found once."""
        got = self._parties.get((lo, hi))
        if got is None:
            got = self._parties[(lo, hi)] = tuple((side, m.start(), m.end()) for side in ("ru", "ua")
                                                  for m in self.lex.sides[side].finditer(self.text, lo, hi))
        return got

    def both_words(self, si: int) -> tuple[tuple[int, int], ...]:
        """The "both sides" of sentence ``si`` (:func:`both_sides`), found once per sentence."""
        got = self._both.get(si)
        if got is None:
            s, e = self.sentences[si]
            got = self._both[si] = tuple(m.span() for m in _BOTH.finditer(self.text, s, e))
        return got

    def is_war_reporting(self) -> bool:
        """The document speaks of war at all: a word of war (``war_words.txt``), a soldier or POW quoted, or a
        force of either army ("Russian units"). Business news (a lender's "losses", a company "surrendering" a licence) is not."""
        if self._war is None:
            self._war = any(u.quote is not None and u.quote.speaker_role in SOLDIERS or speaks_of_a_soldier(u)
                            for u in self.quotes) or \
                self.lex.war.search(self.text) is not None or self.names_a_force()
        return self._war

    def voice_side(self) -> str:
        """The side the document's own voice speaks for (``ru``, ``ua`` or ``unknown``): a writer who says "we" or
        "our" and uses at least two words only that side's officials use (``voice.txt``), three times as many as the
        other side's (an address of Ukraine's president speaks of "the occupiers"; the Kremlin of "the special
        military operation"). News reporting quotes such words but does not say "our" of an army."""
        if self._voice is None:
            self._voice = "unknown"
            if _OUR.search(self.text):
                n = {side: sum(1 for _ in zip(range(50), rx.finditer(self.text)))
                     for side, rx in self.lex.voice.items()}
                for side, other in (("ua", "ru"), ("ru", "ua")):
                    if n.get(side, 0) >= 2 and n[side] >= 3 * n.get(other, 0):
                        self._voice = side
                if self._voice == "unknown" and self.version >= 6:  # indicators.v6: the weaker test
                    self._voice = actor.weak_voice(self.text, self.lex.voice, n)
        return self._voice

    def in_furniture(self, pos: int) -> bool:
        """``pos`` is in standing boilerplate (``boilerplate.txt``; codebook v1.1 convention 11): a paragraph of
        disclaimer, a sentence of credits, a licence line, a caption or a subscription prompt."""
        if self._furniture is None:
            paragraphs = self.doc.paragraphs or [(0, len(self.text))]
            self._furniture = [(s, e) for s, e in paragraphs if self.lex.disclaimers.search(self.text, s, e)]
            self._furniture += [(s, e) for s, e in self.sentences if self.lex.boilerplate.search(self.text, s, e)]
        return any(s <= pos < e for s, e in self._furniture)

    def names_a_force(self) -> bool:
        """A force of either army is named: a side word before a force noun ("Russian units", "Ukraine's troops")."""
        if self._force is None:
            self._force = any(m[3] == 2 for m in side_mentions(self.text, 0, len(self.text), self.lex))
        return self._force

    def mostly_war(self) -> bool:
        """At least three words of war in the document, or one and Ukraine named (the war this tool is for), or a
        force of either army named: its "units", "men" and "officers" are soldiers."""
        if self._war_words is None:
            self._war_words = sum(1 for _ in zip(range(3), self.lex.war.finditer(self.text)))
            if self._war_words < 3 and (self._war_words and self.lex.sides["ua"].search(self.text)
                                        or self.names_a_force()):
                self._war_words = 3
        return self._war_words >= 3

    def _title_end(self) -> int:
        """End of the headline paragraph (its framing is not evidence: rule 3); 0 when there is none."""
        title = (self.doc.title or "").strip()
        if title and self.doc.paragraphs:
            s, e = self.doc.paragraphs[0]
            if self.text[s:e].strip() == title:
                return e
        return 0

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def quote_for(self, start: int, end: int) -> Unit | None:
        """The innermost quote that overlaps ``[start, end)``: a partial quote inside a mixed one is the evidence.
        Inside a transcript's turn, only a direct quote of someone else ("he told me: ...") is: the turn's speaker
        is the claimant of the rest of the turn (issue 19 item 2)."""
        i = bisect.bisect_right(self.quote_starts, end)
        best: Unit | None = None
        turn: Unit | None = None
        for u in self.quotes[max(0, i - 40):i]:
            if min(end, u.end) - max(start, u.start) > 0:
                if is_turn(u) and (turn is None or u.end - u.start < turn.end - turn.start):
                    turn = u
                if best is None or u.end - u.start < best.end - best.start:
                    best = u
        if turn is not None and best is not None and best is not turn and best.quote is not None \
                and best.quote.kind != "direct" and turn.start <= best.start and best.end <= turn.end:
            return turn
        return best

    def window(self, unit: Unit, si: int) -> str:
        """The evidence with the sentence before and after: where military context and attribution live."""
        lo = self.sentences[max(0, si - 1)][0]
        hi_i = self.sentence_index(max(unit.end - 1, unit.start))
        hi = self.sentences[min(len(self.sentences) - 1, hi_i + (1 if unit.is_quote else 0))][1]
        return self.text[min(lo, unit.start):max(hi, unit.end)]

    def doc_side(self) -> str:
        """The side whose forces the document mentions most (last resort for subject side)."""
        if self._doc_side is None:
            counts = {"ru": 0, "ua": 0}
            for side, _s, _e, force in side_mentions(self.text, 0, len(self.text), self.lex):
                counts[side] += 2 if force else 1
            self._doc_side = "unknown" if counts["ru"] == counts["ua"] else max(counts, key=lambda k: counts[k])
        return self._doc_side


# -- sides -----------------------------------------------------------------------------------------------------


def side_mentions(text: str, lo: int, hi: int, lex: Lexicon) -> Iterator[tuple[str, int, int, int]]:
    """(side, start, end, force) for each mention of a party in ``text[lo:hi]`` that can be a subject: not a
    mention of civilians, places or the source of a claim. ``force`` is 2 for a force of people ("Russian
    troops"), 1 for what a force does or suffers ("Russian strikes", "Ukrainian losses"), 0 for a bare name."""
    for side in ("ru", "ua"):
        for m in lex.sides[side].finditer(text, lo, hi):
            after = text[m.end():min(len(text), m.end() + 60)]
            if _NOT_FORCE.match(after) or "according to" in text[max(0, m.start() - 14):m.start()].lower():
                continue
            force = 2 if _people_after().match(after) else 1 if _ACTOR_AFTER.match(after) else 0
            if not force and m.group().lower() in _ADJECTIVES:
                continue  # "Ukrainian train depots": an adjective on something that is not a force
            if _SAYS.match(after) and not force:
                continue  # "Ukraine said ...": the source; "Russian soldiers said they ..." may be the subject
            if not force and _PLACE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue  # "in Ukraine", "the invasion of Ukraine": a place, not a force
            yield side, m.start(), m.end(), force


@cache
def _people_after() -> re.Pattern[str]:
    """A force noun right after a side word: "Russian troops", "Ukraine's 93rd brigade", "Kremlin's forces"."""
    return compile_regex(r"(?:['’]s)?\s{1,80}+(?:[\w'’-]+\s+){0,2}?" + compile_cue(
        "{FORCE}|force|military|armed forces|navy|air force|defenders|defence forces|defense forces|pows?|prisoners"
        "|prisoners of war|captives").pattern, re.I)


#: what a force does or suffers, right after a side word: the side is the actor or the one who suffers
_ACTOR_AFTER = compile_regex(
    _words(r"(?:['’]s)?\s{1,80}+(?:[\w'’-]+\s+)?(?:@tagger.actor_after@)\b"), re.I)


#: a weapon or a force right after a side word inside a violence cue: the side that did it
_ATTACK_AFTER = compile_regex(_words(r"(?:['’]s)?\s{1,80}+(?:[\w'’-]+\s+){0,2}?(?:shell\w*|strikes?|airstrikes?|missiles?|rockets?|"
                                     r"bomb\w*|artillery|attacks?|fire|drones?|@tagger.attack_after@)\b"), re.I)


_VICTIM_AFTER = compile_regex(_words(r"(?:['’]s)?\s{1,80}+(?:[\w'’-]+\s+)?(?:@tagger.victim_after@)\b"), re.I)
_VICTIM_BEFORE = compile_regex(r"\b(?:of|against|killed|killing|murder(?:ed|ing)?|execut(?:ed|ing)|tortur(?:ed|ing)|"
                            r"abduct(?:ed|ing)|kidnapp(?:ed|ing)|shot|shooting|rap(?:ed|ing))\s+(?:the\s+|(?!by\b)\w+\s+)?$", re.I)
_OBJECT_BEFORE = compile_regex(r"(?:(?:afraid|scared|terrified|fear\w*) of|against|from|by)\s+$", re.I)
_WE_AGENT = compile_regex(r"\b(?:we|i|us|me|we['’]re|i['’]m|we['’]ve)\b", re.I)
_OWN_FEELING = compile_regex(r"\b(?:i|i['’]m|i['’]ve|me|my|we|we['’]re|us|our)\b", re.I)
_DENIES = compile_regex(r"\b(?:den(?:y|ies|ied|ying)|reject\w*|refut\w*|dismiss\w*)\b", re.I)
_AWARDS = frozenset({"morale_boosting/awards", "morale_boosting/decorate", "morale_boosting/perks",
                     "morale_boosting/state_awards", "morale_boosting/award_counts", "morale_boosting/awarded"})
_POSSESSIVE = compile_regex(r"(?<![\w-])[\w-]++['’]s\s++(?:[\w-]++\s++){0,2}?(?:war crimes|atrocit\w*|crimes|genocide|brutality|terror|"
                            r"massacres?|killings|executions|attacks|strikes|shelling|bombing|bombardment)\b", re.I)
_AGAINST_BEFORE = compile_regex(r"\b(?:against|on)\s+(?:the\s+)?(?:(?:people|citizens|population|civilians|children)"
                                r"\s+of\s+)?(?:the\s+)?$", re.I)
_BY_AGENT = compile_regex(r"(?<!\s)\s++(?:[\w'’-]++\s++){0,3}?by\s++(?:the\s++)?", re.I)
_ACCUSED_BEFORE = compile_regex(r"\baccus\w*\s+(?:the\s+)?$", re.I)


def _confessed_side(ctx: Context, hit: Hit, unit: Unit, bounds: tuple[int, int], own: str) -> str | None:
    """``indicators.v14``: violence against civilians in a soldier's or POW's own words whose subject is "we"
    ("we were ordered to fire at everyone, even civilians") is the speaker's own side (a confession, as "we are
    bombing the cities"); ``None`` otherwise."""
    quote = unit.quote
    if hit.rule.indicator != "orders_against_civilians" or quote is None or \
            testimony.speaker_voice(quote, ctx.text) != "soldier":
        return None
    side = testimony.speaker_side(quote, ctx.lex.sides, ctx.text, own)
    if side not in ("ru", "ua"):
        return None
    who = testimony.subject_of(ctx.text, hit.rule.indicator, (hit.start, hit.end), bounds, ctx.lex.sides, True)
    return side if who == "first" else None


def _speaker_voice_side(ctx: Context, hit: Hit, unit: Unit, bounds: tuple[int, int], own: str,
                        version: int) -> str | None:
    """The side a quote's speaker gives a cue in their own words: ``indicators.v10``, a first-person cue is the
    speaker's side (:func:`.testimony.voice_side`); ``indicators.v14``, a soldier's confession of violence against
    civilians (:func:`_confessed_side`)."""
    if version < 10 or unit.quote is None:
        return None
    side = testimony.voice_side(ctx.text, unit.quote, hit.rule.indicator, (hit.start, hit.end), bounds,
                                ctx.lex.sides, own)
    if side is None and version >= 14:
        side = _confessed_side(ctx, hit, unit, bounds, own)
    return side


def subject_side(ctx: Context, hit: Hit, unit: Unit, si: int, version: int = 3) -> str:
    """Whose morale: see the module docstring for the order of evidence. From ``version`` 4, violence against
    civilians in the own words of a speaker of a known side, with no perpetrator named at the cue, is the other
    side's (:func:`_own_voice_side`) even when the sentence names the speaker's own forces: those are its victims
    ("those who shoot at our soldiers and shoot civilians", "Ukrainians held captive by the occupiers")."""
    text = ctx.text
    s_lo, s_hi = ctx.sentences[si]
    lo, hi = min(s_lo, unit.start), max(s_hi, unit.end)
    own = own_side(unit, ctx)
    mine = own_mentions(ctx, own, lo, hi, enemy=hit.rule.indicator not in ("morale_high", "morale_boosting"))
    mentions = sorted([*ctx.mentions(lo, hi), *mine], key=lambda m: m[1])
    side = _speaker_voice_side(ctx, hit, unit, (max(s_lo, unit.start), min(s_hi, unit.end)), own, version)
    if side is not None:
        return side
    inside = [m for m in mentions if m[1] >= hit.start and m[2] <= hit.end and m[3] == 2]
    if inside:
        return inside[0][0]  # "killed 300 Russian soldiers": the force inside the cue lost them
    side = _v12_side(ctx, hit, unit, si, own) if version >= 12 else None
    if side is not None:
        return side
    side = _v8_side(ctx, hit, unit, si, own) if version >= 8 else None
    side = side or (_actor_side(ctx, hit, unit, si, own, mentions) if version >= 6 else None)
    side = side or _side_of_the_act(ctx, hit, unit, si)
    side = side or _attached_side(ctx, hit, lo, strict=version >= 6)
    if side is None and version >= 4 and _accuses_the_other(ctx, hit, unit, own, [*ctx.mentions(lo, hi)]):
        side = _own_voice_side(ctx, hit, unit, s_lo, own)
    if side is not None:
        return side
    side = _award_side(ctx, hit, unit, si, own)
    if side is not None:
        return side
    if not any(m[3] for m in mentions):  # no force named: the speaker's own voice may tell the side
        side = _own_voice_side(ctx, hit, unit, s_lo, own)
        if side is not None:
            return side
    if mentions:
        return min(mentions, key=_mention_distance(text, hit, lo))[0]
    return (lookback_side(ctx, si) or (own if own in ("ru", "ua") else None) or any_party(ctx, hit, lo, hi)
            or ctx.doc_side())


#: ``indicators.v8`` rules whose subject is the speaker's own forces, praised ("thank you for your bravery")
_PRAISED = frozenset({"morale_high/praise", "morale_high/bravely", "morale_high/showed_courage"})
#: ``indicators.v11``'s praise rules: with no speaker's side, the document's voice (an address, a ministry's release)
#: is the side that praises, before the claimant's
_PRAISED_BY_VOICE = frozenset({"morale_high/showed_courage"})
#: ``indicators.v8`` rules told of what one side does to its own men or of what is done to the other side ("the
#: criminal mobilization", "Russia throws its soldiers into the fight", "we destroy their logistics")
_DONE_BY_THE_OTHER = frozenset({"supply_shortage/logistics_hit", "forced_recruitment/mobilize_into",
                                "expendable/thrown_in"})
#: ``indicators.v8``'s violence against civilians with its agent in the cue ("the Russians are killing us"), or after
#: "by" ("people tortured by the occupiers")
#: men thrown in, or lives not counted ("indicators.v11": "does not pay attention to its killed"): the side named
#: last before the cue ("Russia ... ruthlessly used by the command"), else after it, else the speaker's enemy
_THROWN_IN = frozenset({"expendable/thrown_in", "expendable/no_regard"})
_AGENT_IN_CUE = frozenset({"orders_against_civilians/force_violence"})
_BY = compile_regex(r"\bby\s", re.I)
_OCCUPIER = compile_regex(r"occup|invad", re.I)
_V8_ENEMY = compile_regex(r"\b(?:the\s+)?(?:enemy|aggressor|occupiers|occupants|invaders|occupier|invader)\b", re.I)


def _v8_side(ctx: Context, hit: Hit, unit: Unit, si: int, own: str) -> str | None:
    """``indicators.v8``: a side praises its own troops (:data:`_PRAISED`: the speaker's side, or the claimant's, else
    the side named last before the cue: "the title of Hero of Ukraine ... for his courage"); a kill claim: the side
    named in it, else the speaker's enemy; :data:`_AGENT_IN_CUE`: the agent's side; :data:`_DONE_BY_THE_OTHER`: the
    enemy's logistics are those of the side named after the cue, else of "the occupiers" before it, else of the
    speaker's enemy; a mobilisation is of the side named after it, else of the speaker's enemy, else of the side named
    before it; men thrown in are of the side (or "the enemy") named last before the cue, else after it, else of the
    speaker's enemy. In the writer's own words the speaker is the document's voice (``Context.voice_side``)."""
    lo, hi = ctx.sentences[si]
    voice = ctx.voice_side() if unit.quote is None and not unit.is_quote else own  # the writer's words: the document's
    other = {"ru": "ua", "ua": "ru"}.get(voice if voice in ("ru", "ua") else own)
    if hit.rule.name in _PRAISED_BY_VOICE and own not in ("ru", "ua") and ctx.voice_side() in ("ru", "ua"):
        return ctx.voice_side()  # indicators.v11: an address that praises its forces speaks for its side
    if hit.rule.name in _PRAISED:
        booster = own if own in ("ru", "ua") else claimant_of(ctx, unit, si)[1]
        return booster if booster in ("ru", "ua") else _last_side(ctx, lo, hit.start, None)
    if hit.rule.name == "heavy_losses/kill_claim":  # "800 enemies were killed": the side named, else the enemy's
        return _first_side(ctx, hit.start, hit.end, other)
    if hit.rule.name in _AGENT_IN_CUE:
        by = [m.end() for m in _BY.finditer(ctx.text, hit.start, hit.end)]
        return _first_side(ctx, by[-1] if by else hit.start, hit.end, other)
    after = _first_side(ctx, hit.start, min(hi, hit.end + 40), None)
    if hit.rule.name == "supply_shortage/logistics_hit":
        enemies = [*_V8_ENEMY.finditer(ctx.text, lo, hit.start)]
        return after or (_enemy_side(enemies[-1].group(), other) if enemies else other)
    if hit.rule.name == "forced_recruitment/mobilize_into":
        return after or other or _last_side(ctx, lo, hit.start, other)
    if hit.rule.name in _THROWN_IN:
        return _last_side(ctx, lo, hit.start, other) or after or other
    return None


def _v12_side(ctx: Context, hit: Hit, unit: Unit, si: int, own: str) -> str | None:
    """``indicators.v12``: the side from the clause's actor (:mod:`.side_v12`): an enemy word as the subject or
    what losses are inflicted on, a pronoun's antecedent, the speaker's own forces praised, the country a
    mobilisation is in or sends to, a side word that is the place of the act. The speaker is the quote's, else the
    sentence's claimant's, else the document's voice."""
    text, sentence, span, indicator = ctx.text, ctx.sentences[si], (hit.start, hit.end), hit.rule.indicator
    speaker = own if own in ("ru", "ua") else ""
    if not speaker and not unit.is_quote:
        speaker = claimant_of(ctx, unit, si)[1]
    if speaker not in ("ru", "ua"):
        speaker = ctx.voice_side()
    parties = ctx.parties(sentence[0], sentence[1])
    if hit.rule.name in _AGENT_IN_CUE:
        return side_v12.clause_actor(text, span, sentence, parties)
    side = side_v12.enemy_side(text, indicator, span, sentence, speaker)
    if side is None:
        window = ctx.sentences[max(0, si - 2)][0]
        wide = ctx.parties(window, sentence[1])
        acts = {m[1] for m in ctx.mentions(window, sentence[1]) if m[3] == 1}
        own_forces = [m.start() for m in _own_force().finditer(text, window, sentence[1])]
        side = side_v12.antecedent_side(text, indicator, span, sentence, window, wide, acts, speaker, own_forces,
                                        own in ("ru", "ua") or not unit.is_quote)
    side = side or side_v12.praised_side(text, indicator, span, sentence, parties, speaker)
    if side is None and indicator == "forced_recruitment":
        forces = any(m[3] == 2 for m in ctx.mentions(sentence[0], sentence[1]))
        side = side_v12.recruitment_place_side(text, span, sentence, parties, forces)
    return side


def _enemy_side(word: str, other: str | None) -> str | None:
    """"The occupiers", "the invaders" are Russia's forces in this war; "the enemy", "the aggressor" the speaker's
    enemy."""
    return "ru" if _OCCUPIER.search(word) else other


def _first_side(ctx: Context, lo: int, hi: int, enemy: str | None) -> str | None:
    """The side of the first side word in ``text[lo:hi]``; else, when "the enemy", "the occupiers" is there,
    ``enemy``."""
    first: tuple[int, str] | None = None
    for side in ("ru", "ua"):
        m = ctx.lex.sides[side].search(ctx.text, lo, hi)
        if m is not None and (first is None or m.start() < first[0]):
            first = (m.start(), side)
    if first is not None:
        return first[1]
    return enemy if _V8_ENEMY.search(ctx.text, lo, hi) else None


def _last_side(ctx: Context, lo: int, hi: int, enemy: str | None) -> str | None:
    """The side of the last side word in ``text[lo:hi]``, or of "the enemy", "the occupiers" when one of those is
    later (:func:`_enemy_side`, with ``enemy`` the speaker's enemy)."""
    last: tuple[int, str | None] | None = None
    for side in ("ru", "ua"):
        for m in ctx.lex.sides[side].finditer(ctx.text, lo, hi):
            if last is None or m.start() > last[0]:
                last = (m.start(), side)
    for m in _V8_ENEMY.finditer(ctx.text, lo, hi):
        if last is None or m.start() > last[0]:
            last = (m.start(), _enemy_side(m.group(), enemy))
    return last[1] if last is not None else None


def _actor_side(ctx: Context, hit: Hit, unit: Unit, si: int, own: str,
                mentions: list[tuple[str, int, int, int]]) -> str | None:
    """``indicators.v6``: the side of the clause's actor (:mod:`.actor`): the agent or the victims of violence
    against civilians, "they" in a side's own voice."""
    text, sides = ctx.text, ctx.lex.sides
    sentence = ctx.sentences[si]
    if hit.rule.name in _SUBJECT_FIRST:
        return _cue_subject_side(ctx, hit, own)
    if hit.rule.indicator == "orders_against_civilians":
        return _accused_side(ctx, hit, sentence[0]) or actor.agent_side(text, sides, hit.start, hit.end) or \
            _adjective_side(ctx, hit, sentence[0]) or actor.victims_side(text, sides, own, (hit.start, hit.end), sentence)
    side = _qualified_inside(ctx, hit)
    if side is None and unit.quote is None and not unit.is_quote and \
            hit.rule.indicator not in ("morale_boosting", "morale_high"):
        side = actor.they_side(text, own, (hit.start, hit.end), sentence, bool(mentions))
    return side


#: ``indicators.v7`` rules whose cue names the force that acts or is awarded ("the occupiers are shelling our cities",
#: "servicemen of the Armed Forces of Ukraine were awarded"): the
#: side is that force's
_SUBJECT_FIRST = frozenset({"orders_against_civilians/force_kills", "morale_boosting/state_awards"})
_CUE_ENEMY = compile_regex(r"(?:the\s+)?(?:enemy|aggressor|occupiers|occupants|invaders)\b", re.I)


def _cue_subject_side(ctx: Context, hit: Hit, own: str) -> str | None:
    """The side of the force named at the start of the cue: its first side word ("Russian troops", "the
    occupiers"), else "the enemy" of a speaker of a known side; ``None`` leaves it to the older order."""
    first: tuple[int, str] | None = None
    for side in ("ru", "ua"):
        m = ctx.lex.sides[side].search(ctx.text, hit.start, min(hit.end, hit.start + 60))
        if m is not None and (first is None or m.start() < first[0]):
            first = (m.start(), side)
    if first is not None:
        return first[1]
    if own in ("ru", "ua") and _CUE_ENEMY.match(ctx.text, hit.start):
        return "ua" if own == "ru" else "ru"
    return None


_OBJECT_OF = compile_regex(r"\b(?:of|from|against|by|on|at|with|to|for|than)\s++(?:[\w'’-]++\s++)?$", re.I)


def _qualified_inside(ctx: Context, hit: Hit) -> str | None:
    """A side word inside the cue that qualifies the cue's own subject ("determined Ukrainian resistance",
    "Russian morale"), not an object ("fear of Russian shelling")."""
    for side in ("ru", "ua"):
        for m in ctx.lex.sides[side].finditer(ctx.text, hit.start, hit.end):
            if m.start() > hit.start and _OBJECT_OF.search(ctx.text, hit.start, m.start()):
                continue
            if m.end() < hit.end and _attached_strictly(ctx.text, m, hit.end) and \
                    not _NOT_FORCE.match(ctx.text, m.end()):
                return side
    return None


def _accused_side(ctx: Context, hit: Hit, lo: int) -> str | None:
    """The side accused of the act: "accuses Russia of genocide", "accused Russians of a hospital 'atrocity'"."""
    for side in ("ru", "ua"):
        for m in ctx.lex.sides[side].finditer(ctx.text, max(lo, hit.start - 40), hit.end):
            if _ACCUSED_BEFORE.search(ctx.text, max(lo, m.start() - 30), m.start()):
                return side
    return None


def _adjective_side(ctx: Context, hit: Hit, lo: int) -> str | None:
    """The side word that qualifies the act or its doers, inside the cue ("Russian atrocities") or right before it
    ("these Russian murderers"), unless it qualifies the victims ("our Ukrainian children who were kidnapped")."""
    for side in ("ru", "ua"):
        for m in ctx.lex.sides[side].finditer(ctx.text, max(lo, hit.start - 30), hit.end):
            end = hit.end if m.start() >= hit.start else hit.start
            if m.end() < hit.end and not _NOT_FORCE.match(ctx.text, m.end()) and \
                    _ATTACHED.fullmatch(ctx.text, m.end(), end) and _attached_strictly(ctx.text, m, end) and \
                    not actor.victims_after(ctx.text, m.end()):
                return side
    return None


def _accuses_the_other(ctx: Context, hit: Hit, unit: Unit, own: str,
                       named: list[tuple[str, int, int, int]]) -> bool:
    """``indicators.v4``: violence against civilians told by a speaker of a known side whose sentence names no force
    by a side word (``named``: "Russian forces"), only the speaker's own ("our soldiers": the victims, "those who
    shoot at our soldiers and shoot civilians"); not a soldier's own words, and with no "we"/"I" near the cue (a
    confession: "we are bombing the cities")."""
    if hit.rule.indicator != "orders_against_civilians" or own not in ("ru", "ua"):
        return False
    if unit.quote is not None and unit.quote.speaker_role in SOLDIERS:
        return False
    if any(m[3] for m in named):
        return False
    return not _WE_AGENT.search(ctx.text, max(unit.start, hit.start - 60), min(unit.end, hit.end + 30))


def _award_side(ctx: Context, hit: Hit, unit: Unit, si: int, own: str | None) -> str | None:
    """A side awards and rewards its own troops: for an award cue, the side of the speaker (or the claimant)."""
    if hit.rule.name in _AWARDS:
        booster = own if own in ("ru", "ua") else claimant_of(ctx, unit, si)[1]
        if booster in ("ru", "ua"):
            return booster
    return None


def _own_voice_side(ctx: Context, hit: Hit, unit: Unit, s_lo: int, own: str | None) -> str | None:
    """With no force named near the cue, the side a speaker of a known side means: an accusation in their own
    words is about the other side (unless they deny it), "we"/"our" is their own, "the enemy" the other."""
    if own not in ("ru", "ua"):
        return None
    text = ctx.text
    other = "ua" if own == "ru" else "ru"
    local = text[max(unit.start, hit.start - 60):min(unit.end, hit.end + 30)]
    own_words = unit.quote is None or unit.quote.kind in ("direct", "partial")  # not the writer's paraphrase
    if own_words and hit.rule.indicator == "orders_against_civilians":
        if _DENIES.search(text, s_lo, hit.start):
            return own  # "Russia denied responsibility for the killing of civilians": the accused denies
        return other  # a side's own voice accuses the other: "they tortured our people"
    if _FIRST_PLURAL.search(local):
        return own
    if _ENEMY.search(local):
        return other
    return None


def _side_of_the_act(ctx: Context, hit: Hit, unit: Unit, si: int) -> str | None:
    """For a cue that tells of an act, the side it is about: for orders against civilians the side that did it,
    for a claim of enemies killed the other side of the claimant ("the ministry said it had killed 600 fighters")."""
    if hit.rule.indicator == "orders_against_civilians":
        return _perpetrator(ctx, hit)
    if hit.rule.indicator == "heavy_losses" and _KILL_CLAIM.match(ctx.text, hit.start):
        claimed_by = claimant_of(ctx, unit, si)[1]
        if claimed_by in ("ru", "ua"):
            return "ua" if claimed_by == "ru" else "ru"
    return None


def _perpetrator(ctx: Context, hit: Hit) -> str | None:
    """The side that did what an orders-against-civilians cue tells of, from the side mentions in and just past it."""
    text, lex = ctx.text, ctx.lex
    for side in ("ru", "ua"):
        for m in lex.sides[side].finditer(text, hit.start, min(len(text), hit.end + 30)):
            victims = m.group().lower() in ("ukrainians", "russians") and \
                _VICTIM_BEFORE.search(text, hit.start, m.start()) is not None
            if m.start() >= hit.start and m.end() <= hit.end and _POSSESSIVE.match(text, m.start()):
                return side  # "Russia's war crimes": the possessor did it
            if _AGAINST_BEFORE.search(text, max(hit.start, m.start() - 40), m.start()):
                return "ua" if side == "ru" else "ru"  # "genocide against the people of Ukraine": the victims
            if m.end() > hit.end:  # just past the cue only as its object: "the massacre of | Ukrainians"
                if victims:
                    return "ua" if side == "ru" else "ru"
                if _BY_AGENT.fullmatch(text, hit.end, m.start()):
                    return side  # "citizens tortured | by Russian war criminals": the agent did it
                continue
            if _ATTACK_AFTER.match(text, m.end()) or _ACCUSED_BEFORE.search(text, hit.start, m.start()):
                return side  # "killed by a Russian airstrike", "accused Moscow of": the side that did it
            if _VICTIM_AFTER.match(text, m.end()) or victims:
                return "ua" if side == "ru" else "ru"  # "abducted Ukrainian children": the other side did it
    return None


def _attached_side(ctx: Context, hit: Hit, lo: int, strict: bool = False) -> str | None:
    """A side word right before the cue: "Ukrainian losses", "Russia's heavy losses". ``strict``
    (``indicators.v6``): no preposition, conjunction, article or verb of saying stands between ("eastern Ukraine
    shifted from indiscriminate shelling" is not Ukraine's)."""
    for side in ("ru", "ua"):
        for m in ctx.lex.sides[side].finditer(ctx.text, max(lo, hit.start - 30), hit.start):
            if _ATTACHED.fullmatch(ctx.text, m.end(), hit.start) and not _SAYS.match(ctx.text, m.end()) \
                    and (not strict or _attached_strictly(ctx.text, m, hit.start)):
                return side
    return None


#: words that cannot stand between a side word and a cue it is attached to
_DETACHED = compile_regex(
    r"\b(?:from|in|into|to|of|on|at|by|for|with|against|and|or|but|as|after|before|since|while|"
    r"during|said|says|say|told|its|their|his|her|the|a|an)\b", re.I)


def _attached_strictly(text: str, m: re.Match[str], cue_start: int) -> bool:
    """No preposition, conjunction, article or verb of saying between the side word ``m`` and the cue."""
    return _DETACHED.search(text, m.end(), cue_start) is None


def _mention_distance(text: str, hit: Hit, lo: int) -> Callable[[tuple[str, int, int, int]], float]:
    """How far a side mention is from the cue, weighted: inside the cue nearest, before it nearer than after it
    (unless the cue inflicts something: then after), past the end of the cue's clause far, a bare name farther."""
    prefer_after = bool(_INFLICT.search(text[max(lo, hit.start - 30):hit.end]))
    # the first clause end after the cue, found once (``_CLAUSE_END`` is one character: a clause end lies in
    # ``text[hit.end:m[1]]`` exactly when the first one after the cue starts before ``m[1]``); searching each
    # mention's span anew took time quadratic in a long quote's length (issue 12, session 12)
    after_cue = _CLAUSE_END.search(text, hit.end)
    clause_end = after_cue.start() if after_cue is not None else len(text)

    def distance(m: tuple[str, int, int, int]) -> float:
        if m[1] >= hit.start and m[2] <= hit.end:
            d = (m[1] - hit.start) / 2
        elif m[2] <= hit.start:
            d = float(hit.start - m[2]) * (2 if prefer_after else 1)
        else:
            d = (m[1] - hit.end) * (0.5 if prefer_after else 1.5)
            if not prefer_after and clause_end < m[1]:
                d *= 3  # "despite heavy losses, Ukraine's allies ...": a mention past the clause is another subject
        return d if m[3] else d * 2 + 40  # a force mention beats a bare country name unless much nearer

    return distance


def any_party(ctx: Context, hit: Hit, lo: int, hi: int) -> str | None:
    """Last resort in the sentence: the nearest party at all, even as a source ("the Russian defence ministry gave
    the troops a rest": a party speaking of troops without naming them speaks of its own)."""
    best: tuple[int, str] | None = None
    for side, start, end in ctx.parties(lo, hi):
        d = hit.start - end if end <= hit.start else start - hit.end
        if best is None or abs(d) < best[0]:
            best = (abs(d), side)
    return best[1] if best else None


def own_side(unit: Unit, ctx: Context | None = None) -> str:
    """The side of whoever speaks the evidence: the quote's speaker, else (the writer's own words) the voice of the
    document (:meth:`Context.voice_side`)."""
    if unit.quote is not None:
        if ctx is not None and ctx.version >= 6 and _BARE_TITLE.fullmatch(unit.quote.speaker or "") and \
                ctx.voice_side() != "unknown":
            return ctx.voice_side()  # indicators.v6: "the President" of a document that speaks for one side
        return unit.quote.side
    if ctx is not None and not unit.is_quote:
        return ctx.voice_side()
    return "unknown"


#: a speaker named only by a title ("the President", "the Head of State"): in a document that speaks for one side
#: (a president's press release), that side's official, whatever side the quote stage guessed for the bare title
_BARE_TITLE = compile_regex(r"(?:the\s+)?(?:president|head of (?:the )?state|prime minister|minister|premier|"
                            r"commander-in-chief|spokes(?:man|woman|person))", re.I)


@cache
def _own_force() -> re.Pattern[str]:
    """"our defenders", "our warriors", "my unit": a force of the speaker's own side."""
    return compile_regex(r"\b(?:our|my)\s+(?:[\w'’-]+\s+){0,2}?" + compile_cue(
        "{FORCE}|warriors|heroes|defenders|military|armed forces|army|fighters|border guards|paratroopers|pilots"
        "|national guard|servicemen|unit|brigade").pattern, re.I)


def own_mentions(ctx: Context, own: str, lo: int, hi: int, enemy: bool = True) -> list[tuple[str, int, int, int]]:
    """Force mentions that depend on who speaks: "our soldiers" are the speaker's side, "the enemy" the other
    (``enemy``: not for the speaker's praise of their own, "we strive to liberate our land from the enemy")."""
    if own not in ("ru", "ua"):
        return []
    key = (own, lo, hi, enemy)
    got = ctx.own_found.get(key)
    if got is None:  # once per span: every cue of a long quote asks for the whole quote's (issue 12, session 12)
        got = ctx.own_found[key] = _own_mentions(ctx, own, lo, hi, enemy)
    return list(got)


def _own_mentions(ctx: Context, own: str, lo: int, hi: int, enemy: bool) -> tuple[tuple[str, int, int, int], ...]:
    other = "ua" if own == "ru" else "ru"
    out = [(own, m.start(), m.end(), 2) for m in _own_force().finditer(ctx.text, lo, hi)
           if not _OBJECT_BEFORE.search(ctx.text, max(lo, m.start() - 20), m.start())]  # "afraid of | our forces"
    if enemy:
        out += [(other, m.start(), m.end(), 2) for m in _ENEMY.finditer(ctx.text, lo, hi)]
    return tuple(out)


def lookback_side(ctx: Context, si: int) -> str | None:
    """The nearest side mention in the three sentences before (a force mention first)."""
    for back in range(1, 4):
        if si - back < 0:
            break
        s, e = ctx.sentences[si - back]
        mentions = ctx.mentions(s, e)
        forces = [m for m in mentions if m[3]]
        if forces or mentions:
            return (forces or mentions)[-1][0]
    return None


# -- claimant, hedging, negation -------------------------------------------------------------------------------


def claimant_of(ctx: Context, unit: Unit, si: int) -> tuple[str | None, str, str]:
    """(claimant, claimant side, channel): the quote's speaker, else the attributed source of the sentence, else
    the writer."""
    if unit.quote is not None:
        if speaks_of_a_soldier(unit):  # issue 19 item 2: a relative speaking of a soldier
            return "relative", unit.quote.side, unit.quote.channel
        return unit.quote.speaker, unit.quote.side, unit.quote.channel
    found = ctx.claimants.get(si)
    if found is None:
        found = ctx.claimants[si] = _sentence_claimant(ctx, si)
    return found


def _sentence_claimant(ctx: Context, si: int) -> tuple[str | None, str, str]:
    """The attributed source of sentence ``si``, else the writer (:func:`claimant_of`; once per sentence)."""
    s, e = ctx.sentences[si]
    sentence = ctx.text[s:e]
    name, attributed = None, False
    for rx in (_ACCORDING, _ATTRIB_AFTER, _ATTRIB_BEFORE):
        m = rx.search(sentence)
        if m:
            attributed = True
            if claimant_ok(m.group(1)):  # the quote stage's speaker check: no sentence fragment as a claimant
                name = strip_leading(m.group(1).strip(" ,.;:"))
                break
    if not name:
        return (None, "unknown", "unknown") if attributed else ("writer", "unknown", "news_report")
    return name, claimant_side(name, ctx.lex), "unknown"


def claimant_side(name: str, lex: Lexicon) -> str:
    """The side named first in a claimant's description."""
    best, pos = "unknown", len(name) + 1
    for side in ("ru", "ua", "west", "independent"):
        m = lex.sides[side].search(name)
        if m and m.start() < pos:
            best, pos = side, m.start()
    return best


def is_hedged(ctx: Context, unit: Unit, si: int) -> bool:
    """A hedge cue in the sentence (or, for a quote, in its attribution); a one- or two-word quote inside the
    writer's sentence is a scare quote (Russia said 771 troops had "surrendered")."""
    if unit.is_quote and len(ctx.text[unit.start:unit.end].split()) <= 2:
        s0, e0 = ctx.sentences[si]
        if unit.start > s0 + 1 and unit.end < e0 - 1:
            return True
    s, e = ctx.sentences[si]
    lo, hi = min(s, unit.start), max(e, unit.end)
    if unit.is_quote:  # the attribution ("..., he claimed") follows the quote's last sentence
        hi = max(hi, ctx.sentences[ctx.sentence_index(unit.end)][1])
    return ctx.found(ctx.lex.hedges, lo, hi)


#: ``indicators.v14``: a morale statement denied inside its cue's own words, "is not low" / "isn't high" (the word
#: after the denial of the cue's own polarity: "morale is not good" stays ``morale_low``)
_DENIED_IN_CUE = {
    "morale_low": compile_regex(r"\b(?:(?:is|are|was|were|remains?|remained)\s+not|(?:isn|aren|wasn|weren)['’]t)\s+"
                                r"(?:so\s+|that\s+|very\s+|too\s+)?(?:low|falling|flagging|bad|poor|broken|sinking|"
                                r"collapsing|dropping)\b", re.I),
    "morale_high": compile_regex(r"\b(?:(?:is|are|was|were|remains?|remained)\s+not|(?:isn|aren|wasn|weren)['’]t)\s+"
                                 r"(?:so\s+|that\s+|very\s+|too\s+)?(?:high|good|strong|excellent|unbroken)\b", re.I),
}
_NOTHING = compile_regex(r"(?!)")


def is_negated(ctx: Context, hit: Hit, si: int) -> bool:
    """A negator between the start of the cue's clause (at most ~6 words back) and the cue."""
    s, _ = ctx.sentences[si]
    lo = max(s, hit.start - 40)
    before = ctx.text[lo:hit.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    before = _NOT_NEGATION.sub(" ", before)
    if ctx.version >= 14 and _DENIED_IN_CUE.get(hit.rule.indicator, _NOTHING).search(ctx.text, hit.start, hit.end):
        return True  # indicators.v14: "morale in our company is not low" (the denial inside the cue's words)
    return ctx.lex.negators.search(before) is not None


# -- matching ------------------------------------------------------------------------------------------------


def normalised(text: str) -> str:
    """Same length as ``text``: whitespace and double quotation marks as spaces, so that cue rules written with
    spaces match across line breaks and quotation marks (a “chance” to rest)."""
    for c in _WS:
        if c in text:
            text = text.replace(c, " ")
    return text


_WS = "\n\r\t\u00a0\u2009\u202f\u2002\u2003“”\"«»‘"


#: ``indicators.v11``: the official register's names of a force that FORCE lacks ("combatants", "our warriors", "the
#: warriors of the 93rd brigade"; not a team's "Warriors")
_V11_FORCE = compile_regex(r"\b(?:combatants|(?:our|ukrainian|russian|the) warriors|warriors of)\b", re.I)
#: the indicators whose rules read :data:`_V11_FORCE` as a military context: the official register's awards and
#: praise (not trauma: "psychological assistance to combatants and their families" is a programme, not a wound)
_V11_FORCE_FOR = frozenset({"morale_boosting", "morale_high"})
#: ... but not the rule of determination: "decisions on strengthening our warriors" is aid, not their morale (the hand
#: check of v11's additions)
_V11_FORCE_NOT = frozenset({"morale_high/determined"})


def military_context(ctx: Context, rule: Rule, unit: Unit, si: int) -> bool:
    if unit.quote is not None and (unit.quote.speaker_role in QUOTE_SPEAKER_MILITARY or speaks_of_a_soldier(unit)):
        return True
    window = ctx.window(unit, si)
    if any(ctx.mostly_war() or m.group().lower() not in _AMBIGUOUS_FORCE for m in ctx.lex.force.finditer(window)):
        return True
    if ctx.version >= 11 and rule.indicator in _V11_FORCE_FOR and rule.name not in _V11_FORCE_NOT and \
            _V11_FORCE.search(window):
        return True  # indicators.v11: the official register's names of a force ("186 combatants were awarded")
    if rule.side_is_context:
        return any(rx.search(window) for side, rx in ctx.lex.sides.items() if side in ("ru", "ua"))
    return False


def voice_heard(ctx: Context, hit: Hit, unit: Unit, si: int) -> bool:
    """``indicators.v10``: a cue of ``voice_cues.txt`` is in a soldier's, POW's or relative's own words
    (:func:`.testimony.in_voice`; the military context is :func:`military_context`; the writer's own "we" of a unit
    counts in a document that speaks for no side, not in an address of either side)."""
    s, e = ctx.sentences[si]
    writer = not unit.is_quote and ctx.voice_side() == "unknown"  # the writer's words, in no side's official voice
    return testimony.in_voice(ctx.text, unit.quote, (hit.start, hit.end), (max(s, unit.start), min(e, unit.end)),
                              lambda: military_context(ctx, hit.rule, unit, si), writer)


def excluded(ctx: Context, norm: str, hit: Hit, si: int) -> bool:
    s, e = ctx.sentences[si]
    rule = hit.rule
    if rule.unless is not None and rule.unless.search(norm, s, e):
        return True
    for key in ("*", rule.indicator):
        rx = ctx.lex.exclusions.get(key)
        if rx is None:
            continue
        for m in rx.finditer(norm, max(s, hit.start - 80), min(e, hit.end + 80)):
            if m.start() < hit.end and m.end() > hit.start:
                return True
    return False


def hits(norm: str, ctx: Context) -> Iterator[Hit]:
    """Every cue match: each rule runs only on the sentences where its literal anchors occur (see prefilter)."""
    pf = prefilter()
    for i, ends in pf.candidates(norm).items():
        rule = pf.rules[i]
        for si in sorted({ctx.sentence_index(e) for e in ends}):
            s, e = ctx.sentences[si]
            for m in rule.pattern.finditer(norm, s, e):
                if m.end() > m.start():
                    yield Hit(rule, m.start(), m.end())
    for i in pf.always:
        for m in pf.rules[i].pattern.finditer(norm):
            if m.end() > m.start():
                yield Hit(pf.rules[i], m.start(), m.end())


def hits_unfiltered(norm: str, lex: Lexicon) -> Iterator[Hit]:
    """The same matches without the prefilter (slow; the reference the prefilter is tested against)."""
    for rule in lex.rules:
        for m in rule.pattern.finditer(norm):
            if m.end() > m.start():
                yield Hit(rule, m.start(), m.end())


def evidence_unit(ctx: Context, hit: Hit, si: int, version: int = 3) -> Unit | None:
    """The quote the cue falls in, else its sentence; ``None`` for the headline's own framing. From ``version`` 5,
    inside a transcript's turn the evidence is the cue's sentence (:func:`turn_sentence`), as in an article."""
    quote = ctx.quote_for(hit.start, hit.end)
    if quote is not None:
        return turn_sentence(ctx, quote, si) if version >= 5 and is_turn(quote) else quote
    if hit.start < ctx.title_end:
        return None
    s, e = ctx.sentences[si]
    return Unit(s, e)


def turn_sentence(ctx: Context, turn: Unit, si: int) -> Unit:
    """The sentence ``si`` inside the turn ``turn``, clipped to the turn's speech (a turn's first sentence starts
    with its speaker's label): the evidence of a cue in a turn is its sentence, as in an article, not the whole turn
    (``indicators.v5``, issue 19). The turn's quote stays on the unit: its speaker is the claimant, its side the
    speaker's own side, and the quote index points to the turn."""
    s, e = ctx.sentences[si]
    start, end = max(s, turn.start), min(e, turn.end)
    if end <= start:  # a sentence the segmenter ran across the turn's edge: the turn, as before
        return turn
    return Unit(start, end, turn.quote_index, turn.quote, True)


@cache
def _presupposed() -> re.Pattern[str]:
    """An attributive state of a force ("his depleted forces", "exhausted troops"): the text takes it as given even
    inside a conditional or an expectation ("a ceasefire would let his depleted forces rest")."""
    return compile_regex(r"(?:depleted|decimated|exhausted|demorali[sz]ed|battered|bloodied|mauled|weakened|"
                      r"ill-equipped|poorly[- ]equipped|untrained|ill-trained|outgunned|starving|war-weary)\s+"
                      r"(?:[\w'’-]+\s+){0,2}?" + compile_cue("{FORCE}").pattern, re.I)


def other_war(ctx: Context, hit: Hit, si: int) -> bool:
    """A cue in a sentence that names an actor of another war (``other_wars.txt``: the Houthis, Hamas, 1945) and
    no party of this one (no ru or ua side word) is about that other war."""
    s, e = ctx.sentences[si]
    if not ctx.found(ctx.lex.other_wars, s, e):
        return False
    return not any(ctx.found(ctx.lex.sides[side], s, e) for side in ("ru", "ua"))


def other_sense(ctx: Context, hit: Hit, unit: Unit, si: int) -> bool:
    """A cue in a sentence of money or business with no word of war in it ("heavy losses" of a subsidiary, a
    tranche "exhausted", traders "confident", a company that "surrendered" its licence): another sense (codebook v1.1
    convention 13). A soldier's or commander's own words are never another sense."""
    if unit.quote is not None and unit.quote.speaker_role in SOLDIERS:
        return False
    s, e = ctx.sentences[si]
    lo, hi = min(s, unit.start), max(e, unit.end)
    return ctx.found(ctx.lex.other_senses, lo, hi) and not ctx.found(ctx.lex.war, lo, hi)


#: what makes violence against civilians a war's even with no word of war near it
_WAR_VIOLENCE = compile_regex(r"\b(?:civilians?|bomb\w*|shell\w*|missiles?|rockets?|drones?|artillery|airstrikes?|"
                              r"deliberate\w*|targeting)\b", re.I)


def off_topic(ctx: Context, unit: Unit, si: int, indicator: str = "") -> bool:
    """``indicators.v6``: in a document that speaks of war, a cue whose evidence, the two sentences before it and the
    one after have no word of war, no force of any kind and no party of this war is another topic of the same
    document (a press briefing's questions on a crime bill, senators "lied to", migrants "misled"). A soldier's,
    POW's or relative's own words are never off topic; violence against civilians with a weapon, "civilians" or
    "deliberate" near it is this war's."""
    if unit.quote is not None and (unit.quote.speaker_role in QUOTE_SPEAKER_MILITARY or speaks_of_a_soldier(unit)):
        return False
    lo = ctx.sentences[max(0, si - 2)][0]
    hi = ctx.sentences[min(len(ctx.sentences) - 1, ctx.sentence_index(max(unit.end - 1, unit.start)) + 1)][1]
    key = (min(lo, unit.start), max(hi, unit.end), indicator == "orders_against_civilians")
    got = ctx.off_topic_seen.get(key)
    if got is None:  # once per window: every cue of a long quote has the whole quote as its window (session 12)
        got = ctx.off_topic_seen[key] = _off_topic_window(ctx, ctx.text[key[0]:key[1]], key[2])
    return got


def _off_topic_window(ctx: Context, window: str, violence: bool) -> bool:
    lex = ctx.lex
    if violence and _WAR_VIOLENCE.search(window):
        return False
    return not (lex.war.search(window) or lex.force.search(window)
                or any(lex.sides[side].search(window) for side in ("ru", "ua")))


def hypothetical(ctx: Context, hit: Hit, si: int) -> bool:
    """A conditional, an expectation or a suggestion ("could suffer heavy losses", "expects Ukraine to be
    demoralized", "might consider surrendering") is not a claim that the event happened (codebook rules 3-4)."""
    if hit.rule.indicator not in IRREALIS_INDICATORS or _presupposed().match(ctx.text, hit.start):
        return False
    s, _ = ctx.sentences[si]
    before = ctx.text[max(s, hit.start - 100):hit.start]
    breaks = list(_HARD_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    return _IRREALIS.search(before) is not None or _IRREALIS_START.match(ctx.text, s) is not None


def about_forces(ctx: Context, hit: Hit, unit: Unit, si: int) -> bool:
    """Fear, trauma or morale of civilians, of soldiers' relatives or of a nation are not a force's morale."""
    if hit.rule.indicator not in PERSONAL_INDICATORS:
        return True
    # indicators.v10: the speaker's role read from their description too (:mod:`.testimony`)
    voice = testimony.speaker_voice(unit.quote, ctx.text) if ctx.version >= 10 else ""
    if speaks_of_a_soldier(unit) or voice == "relative":  # "he is terrified" counts; "I am so scared for you" is
        return _OWN_FEELING.search(ctx.text, max(unit.start, hit.start - 25), hit.end) is None  # the relative's own
    if unit.quote is not None and unit.quote.speaker_role in ("civilian", "relative", "local_authority") and \
            voice != "soldier" or ctx.version >= 10 and testimony.civilian_speaker(unit.quote, ctx.text):
        return False
    s, e = ctx.sentences[si]
    if ctx.version >= 14 and unit.is_quote:  # indicators.v14: "a soldier told his wife: "I am terrified"": the
        s, e = max(s, unit.start), min(e, unit.end)  # addressee outside the quote is not its subject
    return _CIVILIAN_SUBJECT.search(ctx.text, max(s, hit.start - 40), min(e, hit.end + 30)) is None


def both_sides(ctx: Context, hit: Hit, si: int) -> tuple[str, ...]:
    """ "Both sides suffer heavy losses" is written once per side (the dev-set convention of rule 2), when "both
    sides" stands right before the cue (or just after it: "heavy losses on both sides")."""
    for start, end in ctx.both_words(si):
        if -20 <= hit.start - end <= 80 or (start >= hit.end and start - hit.end <= 20):
            return ("ru", "ua")
    return ()


def confidence(lex: Lexicon, rule: Rule, hedged: bool, version: int = 3) -> float:
    """The precision of the rule's indicator on hand-checked output of that version (:mod:`.calibrate`)."""
    cal = lex.calibration if version < 4 else precision(version)
    p = cal.get(rule.name, cal.get(rule.indicator, cal.get("*", 0.5)))
    return round(min(1.0, max(0.0, p)), 3)


def tag(doc: Document, version: int = 3) -> list[Indicator]:
    """All indicators of one document, in text order. ``version`` 4 (``indicators.v4``) adds the refusals of
    ``data/indicators/refusals.txt`` (:mod:`.refusals`); 3 is ``indicators.v3``; 5 (``indicators.v5``) is 4 with
    a transcript turn's sentence as the evidence of a cue in it (:func:`turn_sentence`)."""
    lex = load()
    ctx = Context(doc, lex, version)
    if not ctx.is_war_reporting():
        return []
    norm = normalised(doc.text)
    found: dict[tuple[int, int, str, str], Indicator] = {}
    sentence_of: dict[tuple[int, int, str, str], int] = {}
    for hit in hits(norm, ctx):
        if hit.rule.since > version:
            continue  # a rule of a later version (flag ``[v7]``)
        si = ctx.sentence_index(hit.start)
        unit = evidence_unit(ctx, hit, si, version)
        if unit is None or excluded(ctx, norm, hit, si) or ctx.in_furniture(hit.start) or \
                hit.rule.voice and not voice_heard(ctx, hit, unit, si):
            continue
        if version >= 4 and refused(norm, hit.rule.name, hit.rule.indicator, (hit.start, hit.end),
                                    ctx.sentences[si], unit.is_quote, version, ctx.refusal_seen):
            continue
        if version >= 6 and (actor.appeal(norm, hit.rule.indicator, hit.start, ctx.sentences[si])
                             or off_topic(ctx, unit, si, hit.rule.indicator)):
            continue
        if hit.rule.needs_military and not military_context(ctx, hit.rule, unit, si):
            continue
        if hypothetical(ctx, hit, si) or not about_forces(ctx, hit, unit, si) or other_sense(ctx, hit, unit, si) \
                or other_war(ctx, hit, si):
            continue
        negated = is_negated(ctx, hit, si)
        hedged = is_hedged(ctx, unit, si)
        sides = both_sides(ctx, hit, si) or (subject_side(ctx, hit, unit, si, version),)
        for side in sides:
            key = (unit.start, unit.end, hit.rule.indicator, side if len(sides) > 1 else "")
            other = found.get(key)
            if other is not None and other.subject_side != side and sentence_of.get(key) != si:
                key = (*key[:3], side)  # a long quote about both armies, sentence by sentence
            prev = found.get(key)
            if prev is not None and prev.negated <= negated:
                continue  # one item per indicator and evidence; a plain cue beats a negated one
            claimant, claimant_side_, channel = claimant_of(ctx, unit, si)
            found[key] = Indicator(
                indicator=hit.rule.indicator, start=unit.start, end=unit.end, text=doc.text[unit.start:unit.end],
                subject_side=side, claimant=claimant, claimant_side=claimant_side_, channel=channel,
                quote_index=unit.quote_index, hedged=hedged, negated=negated,
                confidence=confidence(lex, hit.rule, hedged, version), rule=hit.rule.name, cue=doc.text[hit.start:hit.end],
            )
            sentence_of[key] = si
    return sorted(found.values(), key=lambda i: (i.start, i.end, i.indicator))
