"""Speakers: from a mention as written to a person or body described in the codebook's terms.

A mention is resolved against the document: a pronoun ("he") or a definite description ("the soldier") to the
nearest earlier speaker or person mention that fits, a surname to the fullest name the document gives ("Kofman" ->
"Michael Kofman"). Role, side, channel and via are read from the words of the description and the quote's
sentence through the lexicons, never from a list of known people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import compile_regex
from ..wordlists import fill
from . import lexicon


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_NAME = compile_regex(r"(?<![\w’'])[A-Z][a-z’'-]+(?:[ \u00a0]+(?:[A-Z]\.[ ]*)?[A-Z][a-z’'-]+)+")
#: "Sergiy Kyslytsya shared what he said were the last text messages ...": the subject relays
_RELAYER = compile_regex(_words(r"((?:[A-Z][\w’'.-]{0,100}+\s++){0,20}[A-Z][\w’'.-]{0,100}+)\s++(?:@speakers.relayer@)\b"))
PRONOUNS_SINGULAR = {"he", "she", "him", "her"}
PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we"}
PERSON_ROLES = {"soldier", "pow", "relative", "commander", "official", "diplomat", "expert", "journalist",
                "civilian", "local_authority"}


@dataclass(slots=True)
class Described:
    """What the document says about a speaker: the name to show, the mention, and the codebook labels."""

    name: str
    start: int
    end: int
    role: str = "unknown"
    side: str = "unknown"
    channel: str = "unknown"
    via: list[str] = field(default_factory=list)
    resolved: bool = False


#: role words that are adjectives too: "a major reason", "the general public", "a private company"
_ADJECTIVE_ROLES = frozenset("major general private chief senior head leading".split())


@cache
def _person_np() -> re.Pattern[str]:
    """Indefinite or definite descriptions of people ("an injured Russian solder", "the official")."""
    table, _ = lexicon.roles()
    words = sorted((w for w, v in table.items() if v[0] in PERSON_ROLES), key=len, reverse=True)
    return compile_regex(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[\w’'-]+\s+){0,4}?(?:"
                         + "|".join(re.escape(w) for w in words) + r")\b(?![’']s)")


@cache
def _titles() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in lexicon.word_set("titles.txt"))


def name_core(name: str) -> str:
    """A name without leading titles ("President Barack Obama" -> "Barack Obama")."""
    words = name.split()
    first = 0
    while first < len(words) - 1 and words[first].lower().rstrip(".") in _titles():
        first += 1
    return " ".join(words[first:])


_INTRO_DESCRIPTION = compile_regex(r",\s*([^.;(),]{0,100}?)(?=[.;(,]|$)")
_CLAUSE_WORD = compile_regex(_words(r"\b(?:@speakers.clause_word@)\s"))
_LOWER_NEXT = compile_regex(r"(?<!\s)\s++[a-z]")


class DocumentIndex:
    """Names and person mentions of one document, built once per document for the resolver."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fullest: dict[str, str] = {}
        #: the words that introduce each full name ("Russian Defense Ministry spokesman Igor Konashenkov")
        self.intro: dict[str, str] = {}
        orgs, _ = lexicon.orgs()
        for m in _NAME.finditer(text):
            core = name_core(m.group())
            if core in orgs or " " not in core:
                continue
            last = core.split()[-1]
            if len(core) > len(self.fullest.get(last, "")):
                self.fullest[last] = core
                near = max(0, m.start() - 40)  # a look-back bounded like the window it feeds
                lo = max(near, text.rfind(". ", near, m.start()) + 1, text.rfind("\n", near, m.start()),
                         text.rfind(",", near, m.start()) + 1)
                if text[max(0, m.start() - 2):m.start()] == ", ":  # "Russia’s foreign minister, Sergei Lavrov,"
                    near2 = max(0, m.start() - 60)
                    lo2 = max(near2, text.rfind(". ", near2, m.start() - 2) + 1,
                              text.rfind("\n", near2, m.start() - 2), text.rfind(",", near2, m.start() - 2) + 1)
                    bounds = list(_CLAUSE_WORD.finditer(text[lo2:m.start() - 2]))
                    lo2 += bounds[-1].end() if bounds else 0  # "… condemn Russia’s invasion and its president,"
                    if lexicon.phrases("roles").find(text[lo2:m.start() - 2]):
                        lo = lo2
                after = _INTRO_DESCRIPTION.match(text[m.end():])
                self.intro[core] = (text[lo:m.end()] + (", " + after.group(1) if after else "")).strip()
        self._persons: list[tuple[int, int, str]] | None = None
        self._soldier_side: str | None = None

    @property
    def persons(self) -> list[tuple[int, int, str]]:
        """Descriptions of people ("an injured Russian solder"), found on first use: most documents never ask."""
        if self._persons is None:
            self._persons = [(m.start(), m.end(), m.group()) for m in _person_np().finditer(self.text)
                             if not (m.group().split()[-1].lower() in _ADJECTIVE_ROLES
                                     and _LOWER_NEXT.match(self.text[m.end():m.end() + 2]))]
        return self._persons

    @property
    def soldier_side(self) -> str:
        if self._soldier_side is None:
            self._soldier_side = _soldier_side(self.text)
        return self._soldier_side

    def fullest_name(self, name: str) -> str:
        core = name_core(name)
        parts = core.split()
        if len(parts) == 1 and parts[0] in self.fullest:
            return self.fullest[parts[0]]
        if parts and parts[-1] in self.fullest and self.fullest[parts[-1]].endswith(core) \
                and len(self.fullest[parts[-1]]) > len(core):
            return self.fullest[parts[-1]]
        return core if core else name


_SIDE_BEFORE_SOLDIERS = compile_regex(r"(?<![\w’'.-])([\w’'.-]++)\s++(?:[a-z]++\s++)?(?:soldiers?|troops|conscripts?|POWs?|servicemen|"
                                      r"prisoners|captives?|fighters|servicem[ae]n)\b")


def _soldier_side(text: str) -> str:
    """The side most often named right before soldier nouns ("Russian soldiers", "Ukrainian troops"): whose
    soldiers a story is about, for a soldier quoted without a side ("One captive")."""
    table, rx = lexicon.sides()
    counts: dict[str, int] = {}
    for m in _SIDE_BEFORE_SOLDIERS.finditer(text):
        side = table.get(m.group(1).lower())
        if side:
            counts[side[0]] = counts.get(side[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
        return "unknown"
    return ranked[0][0]


def known_person(name: str) -> tuple[str, str] | None:
    """Role and side of a public figure the lexicon knows ("Sergei Lavrov", or "Lavrov" alone), else None."""
    full, by_surname = lexicon.people()
    core = name_core(name)
    if core in full:
        return full[core]
    words = core.split()
    if len(words) == 1 or (len(words) == 2 and words[0].endswith(".")):
        return by_surname.get(words[-1])
    return None


def is_pronoun(text: str) -> bool:
    return text.lower() in PRONOUNS


_NAME_AT_END = compile_regex(r"((?:[A-Z][\w’'.-]{0,100}+\s++){0,20}[A-Z][\w’'.-]{0,100}+)$")
_PREPOSITION_END = compile_regex(_words(r"\b(?:@speakers.preposition_end@)\s+(?:the\s+)?$"))


#: the same with any capital letter (quotes.v3): "the Élysée Palace", "Ørsted"
_NAME_AT_END_ANY = compile_regex(r"((?:[^\W\d_a-z][\w’'.-]{0,100}+\s++){0,20}[^\W\d_a-z][\w’'.-]{0,100}+)$")


def head_name(phrase: str, any_capital: bool = False) -> str | None:
    """The proper name a phrase ends with ("Defense Ministry spokesman Igor Konashenkov" -> "Igor Konashenkov").

    None when the phrase names an organisation, or when the capitalised words are not its head ("local
    authorities in Kramatorsk").
    """
    orgs, org_rx = lexicon.orgs()
    m = (_NAME_AT_END_ANY if any_capital else _NAME_AT_END).search(phrase)
    if m and any_capital and not m.group(1)[:1].isupper():
        m = _NAME_AT_END.search(phrase)
    if not m:
        return None
    org = org_rx.search(phrase)
    if org and org.end() > m.start():
        return None
    if _PREPOSITION_END.search(phrase[:m.start()]):
        return None
    words = m.group(1).split()
    while words and (words[0].lower().rstrip(".") in _titles() or words[0] in orgs
                     or words[0].lower() in lexicon.sides()[0]):
        words = words[1:]
    if not words:
        return None
    return " ".join(words)


def _hits(name: str, text: str) -> list[tuple[str, ...]]:
    table = lexicon._phrase_table(f"quotes/{name}.tsv")[0]
    return [table[key] for _, _, key in lexicon.phrases(name).find(text)]


#: "US", "UK", "EU" in capitals (the side table is matched without case, where "us" is a pronoun)
_WEST_ABBREVIATION = compile_regex(r"(?<![\w.])(?:US|UK|EU)(?![\w])")


_DESCRIPTION_HEAD_END = compile_regex(_words(r"(?<!\s)\s++(?:@speakers.description_head_end@)\s+|,"))
_CAPTIVITY = compile_regex(r"\b(?:captur(?:e|ed|es|ing)|captives?|prisoners?|POWs?|surrender(?:ed)?)\b")


def label(description: str, context: str, before: str = "") -> tuple[str, str, str]:
    """Role, side and channel from a speaker's description, the words around the quote (``context``) and the few
    words before the speaker's mention (``before``: "forces continue to capture Russian soldiers")."""
    orgs, _ = lexicon.orgs()
    head = _DESCRIPTION_HEAD_END.split(description, maxsplit=1)[0]
    org_hits = [orgs[key] for _, _, key in lexicon.org_phrases().find(description)]
    role_hits = _hits("roles", head) or _hits("roles", description)
    role = role_hits[-1][0] if role_hits else (org_hits[0].role if org_hits else "unknown")
    if org_hits and role in ("official", "unknown") and org_hits[0].role != "journalist":
        role = org_hits[0].role if role == "unknown" or org_hits[0].role == "intelligence_agency" else role
    side = "unknown"
    head_sides = _hits("sides", head) or ([("west",)] if _WEST_ABBREVIATION.search(head) else [])
    if org_hits and org_hits[0].side != "independent":
        side = org_hits[0].side
    elif head_sides:
        side = head_sides[0][0]
    elif org_hits:
        side = org_hits[0].side
    elif role_hits and role_hits[-1][1] != "-":
        side = role_hits[-1][1]
    elif role in INSTITUTIONAL and (described := _hits("sides", description)):
        side = described[0][0]  # "a spokesman for Ukraine's General Staff"
    if role == "unknown" and head_sides and len(head.split()) <= 2 and not org_hits:
        role = "official" if head.split()[-1][:1].isupper() and not head.lower().endswith("ns") else role
    if role == "soldier" and _CAPTIVITY.search(before[-40:] + " " + description):
        role = "pow"
    return role, side, channel_of(context)[0]


MEDIA = {"phone_call", "text_message", "video"}


def channel_of(context: str) -> tuple[str, bool]:
    """The channel named nearest the end of ``context``, and whether it is a specific one (not "weak")."""
    hits = [h for h in _hits("channels", context) if h[0] != "-"]
    strong = [h[0] for h in hits if len(h) == 1]
    media = [h for h in strong if h in MEDIA]  # "a video posted to Twitter" is a video; Twitter relays it
    if strong:
        return (media or strong)[-1], True
    return (hits[-1][0], False) if hits else ("unknown", False)


#: roles that speak for an institution: a side may come from the text just before ("a ministry spokesman")
INSTITUTIONAL = {"official", "local_authority", "commander", "intelligence_agency", "diplomat"}


def side_nearby(before: str, skip_actions: bool = False) -> str:
    """The side named last in the text before a mention: whose spokesman or authorities these are. ``skip_actions``
    (quotes.v8, v9): not a side word of an army's action ("The Russian advance slowed … Military doctors said": the
    doctors are no more Russian than Ukrainian), which names who attacks, not whose spokesman or authorities speak."""
    table = lexicon._phrase_table("quotes/sides.tsv")[0]
    hits = [table[key][0] for _, e, key in lexicon.phrases("sides").find(before)
            if table[key][0] in ("ru", "ua", "west") and not (skip_actions and _ACTION_AFTER.match(before, e))]
    return hits[-1] if hits else "unknown"


#: what follows a side word that names an army's action, not whose body speaks: "the Russian advance", "Ukrainian
#: shelling", "Russian missile strikes" (an attacker's side says nothing of who reports on it)
_ACTION_AFTER = compile_regex(r"(?<!\s)(?:['’]s)?\s++(?:[a-z-]++\s++)?(?:advances?|offensives?|counteroffensives?|"
                              r"counter-offensives?|attacks?|assaults?|shelling|strikes?|bombardments?|bombing|"
                              r"missiles?|rockets?|drones?|invasion|aggression|onslaught|push|barrage|fire|"
                              r"airstrikes?|air\s+strikes?|raids?)\b", re.I)


_PUNCT = compile_regex(r"[.;,]")


def told_outlet(after_cue: str) -> bool:
    """Whether the words right after a "told" name a news outlet ("told the BBC on Sunday")."""
    orgs, _ = lexicon.orgs()
    hits = lexicon.org_phrases().find(after_cue)
    return bool(hits) and (hits[0][0] <= 5 or (hits[0][0] <= 40 and not _PUNCT.search(after_cue[:hits[0][0]]))) \
        and orgs[hits[0][2]].kind == "outlet"  # "told the BBC", "told the state news agency RIA Novosti"


_TRAILING_FUNCTION_WORDS = compile_regex(_words(r"(?<!\s)(?:\s++(?:@speakers.trailing_function_words@))+$"))


def vias(context: str) -> list[str]:
    """Intermediaries named in the context ("in one video obtained by The Mirror" -> The Mirror)."""
    out: list[str] = []
    if not lexicon.via_phrases().find(context):
        return out
    for m in _RELAYER.finditer(context):
        words = m.group(1).split()
        while len(words) > 2 and words[0].endswith("."):
            words = words[1:]
        out.append(" ".join(words))
    for m in lexicon.via_regex().finditer(context):
        name = _TRAILING_FUNCTION_WORDS.sub("", m.group(1).strip(" .,"))
        if name and name not in out:
            out.append(name)
    return out
