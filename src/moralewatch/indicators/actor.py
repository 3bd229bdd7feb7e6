"""``indicators.v6`` (issue 12 item 3): the subject side from the clause's actor, not from the nearest nationality word.

Whose soldiers a piece of evidence is about is who suffers, refuses, flees or shoots (``gold/INDICATORS_V11.md``
override 13). The tagger asks this module first, after a force named inside the cue itself ("killed 300 Russian
soldiers") and after the perpetrator rules of ``indicators.v4``; when it finds no actor, the older order of evidence
(a side word attached to the cue, the speaker's own voice, the nearest mention, the sentences before) decides.

* **The agent of violence against civilians**: "held captive by the occupiers", "tortured by Russian soldiers"
  (a side word after "by" inside or just past the cue) did it.
* **The victims of violence against civilians**: "our people", "our children" of a speaker of a known side, or
  "Ukrainian children", "Russian civilians": the perpetrator is the other side. Taken "to Russia", held "in Russia":
  the side that holds them.
* **"they" in a side's own voice**: in the writer's own words of a document that speaks for one side (an address
  of Ukraine's president), a clause whose subject is "they" and that names no party and no "we"/"our" is about the
  other side ("they lose hundreds of mobilized there every day", "they use barrier troops").
* **A weaker voice**: a document that says "our state", "our warriors", "our people" at least twice and uses at
  least one word of one side's own vocabulary (``voice.txt``) and none of the other's speaks for that side
  (:func:`weak_voice`; the strict test of :meth:`Context.voice_side` asks for two such words).
* **Appeals are not claims** (:func:`appeal`): "Or surrender to Ukrainian captivity", "Hide from the mobilization",
  an official who "urges" soldiers "to lay down their arms", "we have no right to lay down our arms": an address's
  call or vow, not an event (codebook rules 3-4).

Nothing here favours a side (codebook rule 2): every rule reads either side's words the same way.
"""

from __future__ import annotations

import re

from ..lexicons import compile_regex

_OTHER = {"ru": "ua", "ua": "ru"}

#: "by the occupiers", "by Russian forces": the agent of the act (up to two words between "by" and the side word)
_BY_BEFORE = compile_regex(r"\bby\s++(?:the\s++)?(?:[\w'’-]++\s++){0,2}$", re.I)
#: victims of the speaker's own side: "our people", "our children held captive"
_OUR_VICTIMS = compile_regex(
    r"\bour\s+(?:[\w'’-]+\s+){0,2}?(?:people|children|kids|citizens|civilians|residents|women|families|compatriots|"
    r"population|fellow citizens|people's)\b", re.I)
#: a side word right before civilian victims: "Ukrainian children", "Russian civilians"
_SIDE_VICTIMS = compile_regex(
    r"(?<!\s)\s++(?:[\w'’-]++\s++)?(?:children|kids|civilians|citizens|residents|women|families|teenagers|boys|girls|"
    r"villagers|people|population)\b", re.I)
#: held or taken to a country: "held captive in Russia", "deported to Russia": that country's side holds them
_HELD_IN = compile_regex(r"\b(?:in|to|into)\s++(?:the\s++)?$", re.I)
#: taken from a country: "abducted more than 2,000 children from Ukraine": the other side took them
_TAKEN_FROM = compile_regex(r"\bfrom\s++(?:the\s++)?$", re.I)
_HELD_VERB = compile_regex(r"\b(?:captiv\w*|held|detain\w*|deport\w*|abduct\w*|kidnapp?\w*|taken|transferred|"
                           r"removed|imprison\w*|adopt\w*)\b", re.I)
#: "they" / "their" / "them" as the actor of the cue's clause
_THEY = compile_regex(r"\b(?:they|their|them|they['’]re|they['’]ve|his own)\b", re.I)
_FIRST = compile_regex(r"\b(?:we|us|our|ours|i|my|me|we['’]re|we['’]ve)\b", re.I)
_CLAUSE = compile_regex(r"[;:—–(]|, (?:and|but|while|whereas|as|because)\b|\bbut\b", re.I)
#: "our state", "our warriors", "our people": a writer who speaks for a country
_OUR_COUNTRY = compile_regex(
    r"\bour\s+(?:\w+\s+)?(?:state|country|land|people|defenders|warriors|heroes|soldiers|military|army|cities|children|"
    r"guys|troops|servicemen|nation|fighters)\b", re.I)

#: indicators that tell of what soldiers refuse, flee or are sent to, where a call to do it is not a claim
APPEAL_INDICATORS = frozenset({"surrender_desertion", "unwilling", "expendable"})
#: an imperative at the start of the sentence: "Or surrender ...", "Hide from the mobilization", "Avoid ..."
_IMPERATIVE = compile_regex(
    r"\W{0,3}(?:(?:or|and|so|just|please)\s+)?(?:surrender|hide|avoid|lay down|refuse|flee|desert|run|fight|"
    r"don['’]t|do not|save|go home|leave|save yourselves|protect|resist|sabotage)\b", re.I)
#: a call, a chance or a vow before the cue: "urges strangers to", "the chance to", "we have no right to"
_CALL_BEFORE = compile_regex(
    r"\b(?:urg\w*|call\w* (?:on|upon)|appeal\w*|ask\w*|invit\w*|encourag\w*|offer\w*|chance|opportunity|"
    r"no right|advis\w*|demand\w*)\b(?:\s++[\w'’,-]++){0,12}?\s++to\s++(?:\w++\s++)?$", re.I)


def weak_voice(text: str, voice: dict[str, re.Pattern[str]], counts: dict[str, int] | None = None) -> str:
    """The side a document speaks for by the weaker test (see the module docstring), else ``unknown``; ``counts``:
    how many of each side's voice words the text has, when the caller has counted them already (the strict test)."""
    if sum(1 for _ in zip(range(2), _OUR_COUNTRY.finditer(text))) < 2:
        return "unknown"
    n = counts if counts is not None else {side: sum(1 for _ in zip(range(2), rx.finditer(text)))
                                           for side, rx in voice.items()}
    for side in ("ua", "ru"):
        if n.get(side, 0) >= 1 and n.get(_OTHER[side], 0) == 0:
            return side
    return "unknown"


def agent_side(text: str, sides: dict[str, re.Pattern[str]], start: int, end: int) -> str | None:
    """The side named after "by" inside the cue ``[start, end)`` or just past it: the one that did it."""
    for side in ("ru", "ua"):
        for m in sides[side].finditer(text, start, min(len(text), end + 40)):
            if _BY_BEFORE.search(text, max(start, m.start() - 40), m.start()):
                return side
    return None


def victims_side(text: str, sides: dict[str, re.Pattern[str]], own: str, span: tuple[int, int],
                 sentence: tuple[int, int]) -> str | None:
    """For violence against civilians, the perpetrator from the victims named around the cue ``span`` in its
    ``sentence``: the other side of "our people" (``own`` the speaker's side), of "Ukrainian children", or the
    side of the country they are held in."""
    start, end = span
    lo, hi = max(sentence[0], start - 60), min(sentence[1], end + 60)
    if own in _OTHER and _OUR_VICTIMS.search(text, lo, hi):
        return _OTHER[own]
    for side in ("ru", "ua"):
        for m in sides[side].finditer(text, lo, hi):
            if m.group().lower() in ("ukrainians", "russians") and m.start() >= start or \
                    _SIDE_VICTIMS.match(text, m.end()):
                return _OTHER[side]  # "the killing of | Ukrainians" (not "Russians | fire at civilians")
            held = _HELD_VERB.search(text, lo, m.start()) is not None
            if held and _HELD_IN.search(text, max(lo, m.start() - 8), m.start()):
                return side
            if held and _TAKEN_FROM.search(text, max(lo, m.start() - 10), m.start()):
                return _OTHER[side]
    return None


def victims_after(text: str, pos: int) -> bool:
    """Civilian victims right after a side word ending at ``pos``: "Ukrainian | children", "Russian | civilians"."""
    return _SIDE_VICTIMS.match(text, pos) is not None


def they_side(text: str, own: str, span: tuple[int, int], sentence: tuple[int, int], named: bool) -> str | None:
    """In a side's own voice (``own``), "they" as the actor of the cue's clause, with no party ``named`` in the
    sentence and no "we"/"our" in the clause: the other side."""
    if own not in _OTHER or named:
        return None
    start, end = span
    lo = max(sentence[0], start - 60)
    clause_start = lo
    for m in _CLAUSE.finditer(text, lo, start):
        clause_start = m.end()
    hi = min(sentence[1], end + 20)
    if _THEY.search(text, clause_start, end) and not _FIRST.search(text, clause_start, hi):
        return _OTHER[own]
    return None


def appeal(text: str, indicator: str, cue_start: int, sentence: tuple[int, int]) -> bool:
    """A call or a vow, not a claim: an imperative sentence or a call before the cue (see the module docstring)."""
    if indicator not in APPEAL_INDICATORS:
        return False
    s, _ = sentence
    if _IMPERATIVE.match(text, s):
        return True
    return _CALL_BEFORE.search(text, max(s, cue_start - 100), cue_start) is not None
