"""``indicators.v10`` (issue 12 items 1 and 3): soldiers' own voice.

The material MoraleWatch exists for is soldiers' own words (POW interviews, intercepted calls, letters, milbloggers,
relatives), and two things go wrong there with the older rules:

* **The side of a first-person sentence** was taken from the nearest nationality word: a Russian soldier's "we are
  cannon fodder, they throw us at the Ukrainian positions" became ``ua``. In a quote or a transcript's turn whose
  speaker's side is known, a cue whose subject is "we", "I", "us" or "our" is about the speaker's own side
  (:func:`voice_side`). The speaker's side is the side named in the speaker's description ("a captured Russian
  marine", "the mother of a Ukrainian soldier"), else the quote stage's side; where neither is known, the actor rules
  stand (never a guess).
* **Paraphrase in the first person**: ``data/indicators/voice_cues.txt`` holds cue rules written for how soldiers
  and their families say it ("the spirit is gone", "headquarters forgot about us", "I still wake up screaming"). They
  are too loose for a politician's rhetoric, a reporter's words or civilians' hardship, so they fire only in a
  soldier's, POW's or relative's own words (:func:`in_voice`): a quote or turn whose speaker is one, by the quote
  stage's role or by the speaker's description, or a quote of a speaker of no known role that says "we", "us" or
  "our" of a unit ("our company", not "our street") in the cue's clause with a military context.

Nothing here favours a side (codebook rule 2): both armies' soldiers are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicons import compile_regex
from ..model import Quote

#: the quote stage's roles of a soldier's own voice
SOLDIER_ROLES = frozenset({"soldier", "pow"})
#: roles whose "we" is not a soldier's (rhetoric, reporting, civilians' hardship)
NOT_A_SOLDIER = frozenset({"official", "diplomat", "expert", "journalist", "civilian", "local_authority",
                           "intelligence_agency", "politician", "ngo"})
#: a speaker described as a soldier: "a Ukrainian infantryman", "a captured Russian marine", "a drone operator"
_SOLDIER_WORDS = compile_regex(
    r"\b(?:soldiers?|servicem[ae]n|servicewom[ae]n|service ?members?|infantrym[ae]n|marines?|paratroopers?|conscripts?|"
    r"draftees?|mobili[sz]ed|recruits?|sergeants?|privates?|corporals?|lieutenants?|riflem[ae]n|gunners?|snipers?|"
    r"medics?|(?:drone|radio|machine[- ]gun) operators?|fighters?|veterans?|pows?|prisoners? of war|captives?|"
    r"deserters?|troops?|tank(?:ist|er)s?|scouts?|sappers?|stormtroopers?|volunteers? (?:in|of|with) (?:the |a )?"
    r"\w+ (?:battalion|brigade|unit)|(?:platoon|company|battalion|squad) (?:commander|leader)|"
    r"(?:member|members) of (?:the |a |an )?(?:[\w'’-]+ ){0,3}(?:battalion|brigade|regiment|unit|platoon|company|"
    r"squad|division))\b", re.I)
#: a speaker described as a soldier's relative: "his mother", "the wife of a mobilised soldier"
_RELATIVE_WORDS = compile_regex(
    r"\b(?:mother|father|mum|mom|wife|husband|son|daughter|sister|brother|parents?|relatives?|widow|fianc[eé]e?|"
    r"girlfriend|grandmother|aunt)\b", re.I)
#: a speaker described as a civilian: "a Kyiv resident", "Olena, a pensioner", "a teacher who fled"
_CIVILIAN_WORDS = compile_regex(
    r"\b(?:residents?|pensioners?|villagers?|locals?|teachers?|doctors?|nurses?|students?|refugees?|evacuees?|"
    r"shopkeepers?|farmers?|retirees?|neighbou?rs?|civilians?|housewife|inhabitants?|displaced)\b", re.I)
#: words of a speaker who is not a soldier even when a soldier word is in the description ("the soldiers' ombudsman")
_NOT_SOLDIER_WORDS = compile_regex(
    r"\b(?:minister|ministry|spokes(?:man|woman|person)|president|general|commander-in-chief|chief of staff|"
    r"official|governor|mayor|ombuds\w*|lawmaker|deputy|mp|analyst|expert|journalist|reporter|correspondent|"
    r"blogger|channel|agency|propagandist)\b", re.I)
_FIRST = compile_regex(r"\b(?:we|us|our|ours|ourselves|i|me|my|mine|myself|we['’](?:re|ve|d|ll)|i['’](?:m|ve|d|ll))\b",
                       re.I)
#: "we" of a unit: "we", "us", or "our" of a unit or of what a unit has ("our company", "our positions"), not "our
#: street", "our children"
_FIRST_PLURAL = compile_regex(
    r"\b(?:we|us|ourselves|we['’](?:re|ve|d|ll)|our (?:\w+ )?(?:company|platoon|battalion|brigade|regiment|unit|squad|"
    r"crew|guys|boys|lads|men|commanders?|officers?|positions?|trenches?|dugouts?|guns|artillery|ammo|ammunition|"
    r"shells|drones|rotation|wounded|dead|losses|assault|sector))\b", re.I)
#: a soldier's own unit, as a soldier speaks of it: "the guys", "the company", "the new lads"
_OWN_UNIT = compile_regex(r"\b(?:the|all the|most of the|half the|half of the|some of the|many of the) (?:new |young |older |)"
                          r"(?:guys|boys|lads|company|platoon|battalion|squad|crew)\b", re.I)
#: the writer speaks as a member of a unit: "our platoon", "my company", "our trench"
_UNIT_OURS = compile_regex(r"\b(?:our|my) (?:\w+ )?(?:company|platoon|battalion|brigade|regiment|unit|squad|crew|guys|"
                           r"boys|lads|trench|trenches|dugout)\b", re.I)
#: in a soldier's or relative's reported words, the speaker's (or the son's) own unit: "his unit", "their commanders"
_THEIR_UNIT = compile_regex(r"\b(?:his|her|their) (?:own )?(?:unit|company|platoon|battalion|brigade|regiment|squad|crew|"
                            r"commanders?|officers|comrades|fellow soldiers|brothers in arms)\b", re.I)
#: a third party as the subject: "they", "he", "the enemy", "the Ukrainians"
_THIRD = compile_regex(r"\b(?:they|them|their|theirs|he|him|his|she|her|they['’](?:re|ve|d|ll)|he['’]s|she['’]s|"
                       r"the enemy|the enemy['’]s|enemy)\b", re.I)
#: a first-person word that is a target or an object of fear, not the one the cue is about: "at our positions"
_TARGET_BEFORE = compile_regex(r"\b(?:at|against|on|onto|toward|towards|from|of|by|than)\s++(?:the\s++)?$", re.I)
_CLAUSE = compile_regex(r"[;:—–(]|, (?:and|but|while|whereas|as|because|so|though|although)\b|\bbut\b|\bwhile\b",
                        re.I)
#: a side word that names people: "the Russians", "Ukrainian troops", "Russia's soldiers" (not "in Ukraine", "the
#: Ukrainian defence ministry")
_DEMONYMS = frozenset({"russians", "ukrainians"})
_FORCE_AFTER = compile_regex(
    r"(?:['’]s)?\s{1,20}+(?:[\w-]{1,40}+\s{1,20}+)?(?:troops|soldiers|forces|army|armies|units?|servicem[ae]n|men|boys|guys|lads|"
    r"marines|paratroopers|conscripts|mobili[sz]ed|infantry|fighters|defenders|brigades?|battalions?|pows|prisoners)\b",
    re.I)
#: a kill claim or a loss inflicted: the subject is the other side, whoever says it
_INFLICTED = compile_regex(r"\b(?:kill\w*|destroy\w*|eliminat\w*|wiped out|neutrali[sz]\w*|liquidat\w*|inflict\w*)\b",
                           re.I)

#: indicators whose subject is the one who suffers or feels it: the nearest person before the cue decides
SUBJECT_INDICATORS = frozenset({"morale_low", "morale_high", "fear", "trauma", "unwilling", "surrender_desertion",
                                "untrained", "supply_shortage", "heavy_losses", "casualty_concealment",
                                "morale_boosting", "sabotage"})
#: indicators told of what is done to the soldiers ("they lied to us", "they throw us at..."): "us" anywhere in the
#: clause (not as a target) is the side it is about
OBJECT_INDICATORS = frozenset({"expendable", "deceived", "coerced", "betrayed_by_command", "forced_recruitment"})


#: where a speaker's description ends: "said a Russian contract soldier| in a video posted online."
_DESCRIPTION_END = compile_regex(r"[.,;:!?\"“”«»()\n]|\s(?:and|but|who|which|that|whom|whose|said|says|told|tells|"
                                 r"in|near|at|on|from|during|after|before|when|while|with|to|for|by|as|have|has|had|"
                                 r"is|was|were|are)\b", re.I)
#: a speaker given as a description ("a Russian", "the wife"), which the words after it may complete
_DESCRIBED = compile_regex(r"(?:a|an|the|one|another)\s", re.I)
#: the same determiner just before the quote stage's span ("a |Kharkiv| resident")
_DETERMINER_BEFORE = compile_regex(r"\b(?:a|an|the|one|another)\s$", re.I)


def description(quote: Quote, text: str = "") -> str:
    """The speaker of ``quote`` as the text describes them: the quote stage's speaker, and, when that is a
    description ("a Russian", "the wife"), the words after it in ``text`` up to the end of the noun phrase (at most
    four words): the quote stage keeps "a Russian" of "a Russian contract soldier", and the soldier is in the
    rest."""
    speaker = quote.speaker or ""
    if not text or quote.speaker_start is None or quote.speaker_end is None:
        return speaker
    before = _DETERMINER_BEFORE.search(text, max(0, quote.speaker_start - 8), quote.speaker_start)
    if before is None and not _DESCRIBED.match(speaker):
        return speaker  # a name ("Pavlo"), "I": no description to complete
    hi = min(len(text), quote.speaker_end + 80)
    m = _DESCRIPTION_END.search(text, quote.speaker_end, hi)
    rest = text[quote.speaker_end:m.start() if m else hi].split()[:4]  # "contract soldier", "of a Ukrainian marine"
    return " ".join([f"{before.group() if before else ''}{speaker}", *rest])


def speaker_voice(quote: Quote | None, text: str = "") -> str:
    """``soldier`` (a soldier or POW), ``relative`` (a soldier's relative) or ``""`` for the speaker of ``quote``:
    the quote stage's role, else the speaker's description in ``text`` (:func:`description`: "a captured Russian
    marine", "his mother")."""
    if quote is None:
        return ""
    speaker = description(quote, text)
    if quote.speaker_role == "relative" or _RELATIVE_WORDS.search(speaker):
        return "relative"
    if quote.speaker_role in SOLDIER_ROLES:
        return "soldier"
    if _SOLDIER_WORDS.search(speaker) and not _NOT_SOLDIER_WORDS.search(speaker):
        return "soldier"
    return ""


def civilian_speaker(quote: Quote | None, text: str = "") -> bool:
    """The speaker of ``quote`` is described as a civilian ("a Kyiv resident", "a pensioner in Kharkiv") and not as
    a soldier or a soldier's relative: their fear or hardship is not a force's (codebook: civilians' morale)."""
    return quote is not None and not speaker_voice(quote, text) and \
        _CIVILIAN_WORDS.search(description(quote, text)) is not None


def speaker_side(quote: Quote | None, sides: dict[str, re.Pattern[str]], text: str = "", known: str = "") -> str:
    """The side of the speaker of ``quote``: the side named first in the speaker's description (:func:`description`),
    else ``known`` (the tagger's side of the speaker: "the President" of a document that speaks for one side is
    that side's), else the quote stage's side; ``unknown`` when none is ``ru`` or ``ua``."""
    if quote is None:
        return "unknown"
    speaker = description(quote, text)
    first: tuple[int, str] | None = None
    for side in ("ru", "ua"):
        m = sides[side].search(speaker)
        if m is not None and (first is None or m.start() < first[0]):
            first = (m.start(), side)
    if first is not None:
        return first[1]
    if known in ("ru", "ua"):
        return known
    return quote.side if quote.side in ("ru", "ua") else "unknown"


def clause_of(text: str, span: tuple[int, int], bounds: tuple[int, int]) -> tuple[int, int]:
    """The clause of the cue ``span`` inside ``bounds`` (its sentence within its quote): from the last clause break
    before the cue (at most 100 characters back) to the first one after it (at most 80 characters on)."""
    start, end = span
    lo = max(bounds[0], start - 100)
    for m in _CLAUSE.finditer(text, lo, start):
        lo = m.end()
    hi = min(bounds[1], end + 80)
    after = _CLAUSE.search(text, end, hi)
    return lo, (after.start() if after else hi)


def in_voice(text: str, quote: Quote | None, span: tuple[int, int], bounds: tuple[int, int],
             military: Callable[[], bool], writer: bool = False) -> bool:
    """A cue at ``span`` (in ``bounds``, its sentence within its quote) is in a soldier's, POW's or relative's own
    words: the quote's speaker is one (:func:`speaker_voice`), or a speaker of no known non-military role (or, with
    ``writer``, the writer of a document that speaks for no side: a diary, a milblogger's post, a letter) says
    "we", "us" or "our" of a unit in the cue's clause and ``military()`` (a military context) holds."""
    if quote is None and not writer:
        return False  # quotation marks the quote stage gave no speaker, or an address's "we"
    if quote is not None and speaker_voice(quote, text):
        return True
    if quote is not None and quote.speaker_role in NOT_A_SOLDIER:
        return False
    if quote is None and not _UNIT_OURS.search(text, max(0, bounds[0] - 300), bounds[1]):
        return False  # the writer's "we" is a unit's only near "our platoon", "my company" (not "our troops in Europe")
    lo, hi = clause_of(text, span, bounds)
    return _FIRST_PLURAL.search(text, lo, hi) is not None and military()


def _people(text: str, sides: dict[str, re.Pattern[str]], span: tuple[int, int],
            soldier: bool) -> list[tuple[int, str]]:
    """Who is named in ``text[lo:hi]`` (``span``), in order: ``(start, kind)`` with kind ``first`` ("we", "I",
    "our"; in a ``soldier``'s or relative's words also "the guys", "the company", "his unit", "their commanders"),
    ``third`` ("they", "he", "the enemy") or the side of a side word that names people (``ru``, ``ua``: "the
    Russians", "Ukrainian troops"); a target ("at our positions", "at the Ukrainian positions") is left out."""
    lo, hi = span
    out = [(m.start(), "first") for m in _FIRST.finditer(text, lo, hi)]
    if soldier:
        out += [(m.start(), "first") for m in _OWN_UNIT.finditer(text, lo, hi)]
        out += [(m.start(), "first") for m in _THEIR_UNIT.finditer(text, lo, hi)]
    own = {p for p, _ in out}
    out += [(m.start(), "third") for m in _THIRD.finditer(text, lo, hi) if m.start() not in own]
    out += [(m.start(), side) for side in ("ru", "ua") for m in sides[side].finditer(text, lo, hi)
            if m.group().lower() in _DEMONYMS or _FORCE_AFTER.match(text, m.end())]
    return sorted(p for p in out if not _TARGET_BEFORE.search(text, max(lo, p[0] - 16), p[0]))


def subject_of(text: str, indicator: str, span: tuple[int, int], bounds: tuple[int, int],
               sides: dict[str, re.Pattern[str]], soldier: bool = False) -> str:
    """Who the cue at ``span`` (in ``bounds``, its sentence within its quote) is about: ``first`` (the speaker's own
    people), ``ru`` or ``ua`` (a side named as the subject), or ``""`` (not told here).

    A first-person word inside the cue or right after it ("our morale", "ten for each of ours", "lied to | us") is
    ``first``. Else, for
    :data:`SUBJECT_INDICATORS` the person named nearest before the cue in its clause (else the first after it)
    decides; "they" is the side named last before it in the sentence ("the Russians are demoralized, we
    see them surrender"), if any. For :data:`OBJECT_INDICATORS` ("they lied to us") "we"/"us"/"our" anywhere in the
    clause (not as a target) with no side named in it is ``first``. In a ``soldier``'s words "the guys", "the
    company", "his unit" are the speaker's own."""
    people = _people(text, sides, clause_of(text, span, bounds), soldier)
    if any(kind == "first" for p, kind in people if span[0] <= p <= span[1] + 1):
        return "first"  # the cue says whose: "our morale", "ten for each of ours", "lied to | us"
    kinds = [kind for _, kind in people]
    before = [(p, kind) for p, kind in people if p < span[0]]
    if indicator in OBJECT_INDICATORS:  # "we were told ... the Ukrainian army had run away": who was told
        sided = "ru" in kinds or "ua" in kinds
        return "first" if "first" in kinds and not sided or before and before[-1][1] == "first" else ""
    after = [(p, kind) for p, kind in people if p >= span[0]]
    pos, kind = before[-1] if before else after[0] if after else (0, "")
    if kind != "third":
        return kind
    named = [k for _, k in _people(text, sides, (bounds[0], pos), False) if k in ("ru", "ua")]
    return named[-1] if named else ""


def voice_side(text: str, quote: Quote | None, indicator: str, span: tuple[int, int], bounds: tuple[int, int],
               sides: dict[str, re.Pattern[str]], known: str = "") -> str | None:
    """``indicators.v10``: for a cue in a quote or turn whose speaker's side is known, the speaker's side when its
    subject is the speaker's own people, the side named when a side is its subject (:func:`subject_of`); ``None``
    (the actor rules decide) when the speaker's side is unknown, the subject is not told, the cue tells of violence
    against civilians, or of losses inflicted ("we killed 300 of them"). ``known``: the tagger's side of the speaker
    (:func:`speaker_side`)."""
    if quote is None or indicator not in SUBJECT_INDICATORS | OBJECT_INDICATORS or \
            not bounds[0] <= span[0] < bounds[1]:
        return None
    own = speaker_side(quote, sides, text, known)
    if own not in ("ru", "ua"):
        return None
    if indicator == "heavy_losses" and _INFLICTED.search(text, span[0], span[1]):
        return None
    who = subject_of(text, indicator, span, bounds, sides, speaker_voice(quote, text) != "")
    return own if who == "first" else who or None
