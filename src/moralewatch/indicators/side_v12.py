"""``indicators.v12`` (issue 12 item 3, session 12): the subject side from the clause's actor, before the older order.

Written from the side errors of dev v1.1 and of the training rounds a-c (``scripts/score_train_indicators.py
--errors``), grouped by cause; each rule reads either army's words the same way (codebook v1.1 rule 2):

* **the enemy named by the speaker's own words** (:func:`enemy_side`): "the occupiers", "the invaders" are Russia's
  forces and "the neo-Nazis", "the nationalist units", "the Kiev regime" Ukraine's, in whoever's words; "the enemy",
  "the aggressor" are the other side of the one who speaks. They decide when they are the subject of the cue's clause
  ("the enemy does not count his people") or what losses are inflicted on ("inflict significant losses on the
  enemy").
* **a pronoun's antecedent** (:func:`antecedent_side`): "they", "them", "their", "he", "his" as the subject of the
  cue's clause or inside the cue ("destroying their logistics") is the party named last before it in its sentence
  or the two before, not a target ("on the Russian military"), a place ("in Ukraine") or an act ("the Russian
  attacks"); with none, in a side's own voice, "they" is the other side.
* **the speaker's own forces praised or honoured** (:func:`praised_side`): courage, steadfastness or an award in
  the words of a speaker of a known side (the quote's, else the sentence's claimant's, else the document's voice:
  an address, a ministry's release) are that side's, unless the other side's force or "the enemy" is the clause's
  subject; a title "Hero of Ukraine", "Hero of Russia" is its country's.
* **the country a mobilisation is in or sends to** (:func:`recruitment_place_side`): "In Russia, covert
  mobilisation continues" is Russia's; "the new conscripts will be sent to Ukraine" is the other side's.
* **a side word as the place of the act, not its agent**: "the Russian soldiers in Ukraine rape women" is the
  soldiers' (:func:`clause_actor`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicons import compile_regex

_OTHER = {"ru": "ua", "ua": "ru"}
SIDES = ("ru", "ua")

#: each side's words for the other's forces, and the neutral "enemy"
ENEMY = compile_regex(
    r"\b(?:(?:the\s+)?(?:enemy|enemy['’]s|aggressor|aggressors|occupiers?|occupants|invaders?|orcs|ruscists?|rashists?)|"
    r"(?:the\s+)?neo-?nazis|neo-?nazi\s+(?:\w+\s+)?(?:units|battalions|formations|groups|militants)|"
    r"nationalist\s+(?:armed\s+)?(?:units|battalions|formations)|(?:the\s+)?kie[vw]\s+regime)\b", re.I)
_RU_WORD = compile_regex(r"occup|invad|orcs|ruscist|rashist", re.I)
_UA_WORD = compile_regex(r"nazi|nationalist|regime", re.I)
#: a pronoun that needs an antecedent ("he" is left alone: a leader, seldom a side's forces, and a wrong leader gives
#: the wrong side)
PRONOUN = compile_regex(r"\b(?:they|them|their|theirs|they['’](?:re|ve|d|ll))\b", re.I)
_NOMINATIVE = compile_regex(r"they(?:['’](?:re|ve|d|ll))?", re.I)
#: "they are being killed": the pronoun is who suffers the act, not its agent
_PASSIVE_AFTER = compile_regex(r"(?<!\s)\s+(?:are|were|have been|had been|are being|were being|will be|being|get|got)\s+"
                               r"(?:\w+\s+)?\w+(?:ed|en)\b", re.I)
#: people with no side named between the antecedent and the pronoun: "the fighters of the 56th brigade for their
#: heroism" are the fighters
PEOPLE = compile_regex(r"\b(?:fighters|warriors|soldiers|troops|servicem[ae]n|defenders|heroes|paratroopers|marines|"
                       r"military|army|armed forces|forces|"
                       r"pilots|guards|brigades?|battalions?|units?|crews?|officers|commanders|men|guys|boys|"
                       r"personnel|conscripts|mobili[sz]ed|recruits|people|residents|civilians|citizens|children)\b",
                       re.I)
#: a target or a place right before a side word: "on the Russian military", "against Ukraine", "in Ukraine"
TARGET_BEFORE = compile_regex(r"\b(?:on|at|against|to|into|in|from|toward|towards|upon|onto)\s+(?:the\s+)?$", re.I)
#: the agent of a passive ("interviewed by Ukrainian forces claimed they ..."): not the antecedent of "they"
BY_BEFORE = compile_regex(r"\b(?:by|with)\s+(?:the\s+)?$", re.I)
#: in a sentence before the pronoun's, the object of a noun ("the invasion of Ukraine") is not its antecedent either
OF_BEFORE = compile_regex(r"\b(?:by|with|of)\s+(?:the\s+)?$", re.I)
#: a side word that can stand for many people ("they"): a country, its people, its army, not a person's name
_COUNTRY_WORD = compile_regex(r"(?:the\s+)?(?:russia|ukrain|kremlin|moscow|kyiv|kiev|soviet)", re.I)
#: a side word of places or civilians, not of an antecedent of "they": "Ukrainian cities", "Russian civilians"
_NOT_PEOPLE_AFTER = compile_regex(r"(?:['’]s)?(?<!\s)\s+(?:\w+\s+)?(?:cities|towns|villages|land|lands|territory|territories|"
                                  r"soil|regions?|oblasts?|border|children|kids|civilians|citizens|residents|women|"
                                  r"families|population|people)\b", re.I)
#: a place right before a side word: "in Russia", "the regions of Russia"
IN_BEFORE = compile_regex(r"\b(?:in|into|to|from|across|throughout)\s+(?:the\s+)?$", re.I)
_CLAUSE_START = compile_regex(r"[,;:—–(]|\bbut\b|\bwhile\b|\bwhereas\b|\bbecause\b|\balthough\b", re.I)
#: losses inflicted on someone right after the cue: "inflict significant losses | on the enemy"
_ON_AFTER = compile_regex(r"(?<!\s)\s*(?:on|upon|to)\s+$", re.I)
#: a title of a country: "Hero of Ukraine", "Hero of the Russian Federation"
HERO = compile_regex(r"\bHero(?:es)? of (?:(Ukraine)|(Russia|the Russian Federation))\b")
#: sent to a country: "will be sent to Ukraine"
_SENT_TO = compile_regex(r"\b(?:sent|send|sending|deployed|deploy|thrown|throw|dispatched)\s+(?:\w+\s+){0,3}?"
                         r"(?:to|into)\s+(?:the\s+)?$", re.I)

#: (side, start, end) of a word that names a party
Party = tuple[str, int, int]


def enemy_word_side(word: str, speaker: str) -> str | None:
    """The side an enemy word names: "the occupiers" Russia's, "the neo-Nazis" Ukraine's, "the enemy" the speaker's
    other side (``None`` when the speaker's side is not known)."""
    if _RU_WORD.search(word):
        return "ru"
    if _UA_WORD.search(word):
        return "ua"
    return _OTHER.get(speaker)


def clause_start(text: str, sentence: tuple[int, int], pos: int, reach: int = 150) -> int:
    """Where the clause of ``pos`` starts: after the last clause break before it (at most ``reach`` back)."""
    lo = max(sentence[0], pos - reach)
    for m in _CLAUSE_START.finditer(text, lo, pos):
        lo = m.end()
    return lo


def _persons(text: str, lo: int, hi: int, parties: Sequence[Party]) -> list[tuple[int, str, str]]:
    """Who is named in ``text[lo:hi]``: ``(start, kind, side)`` with kind ``enemy`` (side from the word, or ""),
    ``pronoun`` or ``party`` (a side word that is not a target or a place)."""
    out = [(m.start(), "enemy", m.group()) for m in ENEMY.finditer(text, lo, hi)]
    out += [(m.start(), "pronoun", m.group()) for m in PRONOUN.finditer(text, lo, hi)]
    enemies = [(s, s + len(w)) for s, _k, w in out if _k == "enemy"]
    out += [(s, "party", side) for side, s, e in parties if lo <= s < hi and
            not TARGET_BEFORE.search(text, max(0, s - 12), s) and not any(a <= s < b for a, b in enemies)]
    return sorted(out)


def enemy_side(text: str, indicator: str, span: tuple[int, int], sentence: tuple[int, int], speaker: str) -> \
        str | None:
    """An enemy word that is the cue's subject (the person named last before the cue in its clause, or inside the
    cue) or, for losses, what the cue inflicts them on: the side it names (:func:`enemy_word_side`)."""
    start, end = span
    if indicator == "heavy_losses":
        m = ENEMY.search(text, end, min(sentence[1], end + 30))
        if m is not None and _ON_AFTER.fullmatch(text, end, m.start()):
            return enemy_word_side(m.group(), speaker)
    lo = clause_start(text, sentence, start)
    before = _persons(text, lo, end, ())
    if before and before[-1][1] == "enemy" and (before[-1][0] < start or indicator != "heavy_losses"):
        return enemy_word_side(before[-1][2], speaker)
    return None


def antecedent_side(text: str, indicator: str, span: tuple[int, int], sentence: tuple[int, int], window_start: int,
                    parties: Sequence[Party], acts: set[int], speaker: str, own_forces: Sequence[int],
                    they_other: bool = True) -> str | None:
    """A pronoun that is the subject of the cue's clause (the person named last before the cue in its clause) or is
    inside the cue: the side of its antecedent, the party named last before it from ``window_start`` (its sentence
    and the two before), leaving out targets, places and ``acts`` (starts of "Russian attacks"); "our warriors"
    (``own_forces``, starts) are the ``speaker``'s; with no antecedent, "they" in the words of a speaker of a known
    side is the other side (``they_other``: the speaker's side is the quote's own, or the document's voice in the
    writer's words)."""
    subject = pronoun_subject(text, span, sentence, parties)
    if subject is None or indicator == "orders_against_civilians" and \
            (_PASSIVE_AFTER.match(text, subject[0] + len(subject[2])) or not _NOMINATIVE.fullmatch(subject[2])):
        return None  # violence against civilians: "they" is its agent only as an active verb's subject
    pos = subject[0]
    if any(kind == "party" for _s, kind, _side in _persons(text, sentence[0], sentence[1], parties)):
        window_start = sentence[0]  # a sentence that names a party itself: no antecedent from the ones before
    candidates = _antecedents(text, pos, sentence, window_start, parties, acts)
    candidates += [(s, enemy_word_side(w, speaker) or "") for s, kind, w in _persons(text, window_start, pos, ())
                   if kind == "enemy"]
    candidates += [(s, speaker) for s in own_forces if window_start <= s < pos]
    candidates = [c for c in candidates if c[1] in SIDES]
    if candidates:
        last, side = max(candidates)
        # people named in the pronoun's own sentence, after an antecedent in an earlier one, are its antecedent
        return None if last < sentence[0] and PEOPLE.search(text, sentence[0], pos) else side
    if they_other and speaker in _OTHER and not PEOPLE.search(text, max(sentence[0], window_start), pos):
        return _OTHER[speaker]
    return None


def pronoun_subject(text: str, span: tuple[int, int], sentence: tuple[int, int],
                    parties: Sequence[Party]) -> tuple[int, str, str] | None:
    """The pronoun inside the cue, else the pronoun that is the person named last before the cue in its clause."""
    start, end = span
    named = _persons(text, clause_start(text, sentence, start), end, parties)
    inside = [p for p in named if p[0] >= start and p[1] == "pronoun"]
    before = [p for p in named if p[0] < start]
    if inside:
        return inside[0]
    return before[-1] if before and before[-1][1] == "pronoun" else None


def _antecedents(text: str, pos: int, sentence: tuple[int, int], window_start: int, parties: Sequence[Party],
                 acts: set[int]) -> list[tuple[int, str]]:
    """The parties that can be the antecedent of a pronoun at ``pos``: in its sentence, not an agent after "by"
    (a force before an act of its side, "the Russian attacks", only when nothing else there can be); in the
    sentences before, neither an act nor the object of a noun ("the invasion of Ukraine")."""
    people = [p for p in parties if _COUNTRY_WORD.match(text, p[1]) and not _NOT_PEOPLE_AFTER.match(text, p[2])]
    named_here = [(s, side) for s, kind, side in _persons(text, sentence[0], pos, people)
                  if kind == "party" and not BY_BEFORE.search(text, max(0, s - 12), s)]
    out = [c for c in named_here if c[0] not in acts] or named_here
    out += [(s, side) for s, kind, side in _persons(text, window_start, min(pos, sentence[0]), people)
            if kind == "party" and s not in acts and not OF_BEFORE.search(text, max(0, s - 12), s)]
    return out


def praised_side(text: str, indicator: str, span: tuple[int, int], sentence: tuple[int, int],
                 parties: Sequence[Party], speaker: str) -> str | None:
    """Praise or an award in the words of a speaker of a known side: that side's own forces, unless the other
    side's force or an enemy word is the clause's subject; a "Hero of Ukraine" title is Ukraine's."""
    if indicator not in ("morale_high", "morale_boosting"):
        return None
    start, end = span
    if indicator == "morale_boosting":
        m = HERO.search(text, sentence[0], sentence[1])
        if m is not None:
            return "ua" if m.group(1) else "ru"
    if speaker not in _OTHER:
        return None
    lo = clause_start(text, sentence, start)
    named = _persons(text, lo, end, parties)
    if any(kind == "enemy" or kind == "party" and side == _OTHER[speaker] for _s, kind, side in named):
        return None
    return speaker


def recruitment_place_side(text: str, span: tuple[int, int], sentence: tuple[int, int],
                           parties: Sequence[Party], forces: bool) -> str | None:
    """A mobilisation in a sentence that names no force (``forces``): "In Russia, ... mobilization" is Russia's;
    "conscripts will be sent to Ukraine" the other side's."""
    start, end = span
    if forces:
        return None  # a force named in the sentence: the older order decides
    for side, s, _e in parties:
        if sentence[0] <= s < start and IN_BEFORE.search(text, max(sentence[0], s - 12), s):
            return side
    for side, s, _e in parties:
        if end <= s < min(sentence[1], end + 40) and _SENT_TO.search(text, end, s):
            return _OTHER[side]
    return None


def clause_actor(text: str, span: tuple[int, int], sentence: tuple[int, int], parties: Sequence[Party]) -> str | None:
    """A side word inside the cue that is a place ("the Russian soldiers in | Ukraine rape women"): the party named
    last before the cue in its sentence (not a target) is the actor."""
    start, end = span
    inside = [s for _side, s, _e in parties if start <= s < end]
    if not inside or not all(IN_BEFORE.search(text, max(0, s - 12), s) for s in inside):
        return None
    before = [(s, side) for side, s, _e in parties if sentence[0] <= s < start and
              not TARGET_BEFORE.search(text, max(0, s - 12), s)]
    return max(before)[1] if before else None
