"""``quote_roles.v1``: the speaker's role, side and channel of English quotes, read from the speaker's own
description (issue 13, item 2; issue 12).

The quote stages label a quote from the words around it; the errors an analyst sees come from that: a role word
that is only a modifier ("a private high school" made a school head a soldier, "one lieutenant patrol officer" a
commander), a side taken from a nationality word elsewhere in the sentence ("Russian bank account"), a channel
from the quote's own content ("Telegram groups"). This stage rewrites the three fields of every English quote
(not the transcript turns, labelled by ``turns.v4``), so that it serves every English quote version alike:

- role from the head noun of the speaker's description and its modifiers ("a Russian contract soldier" ->
  soldier; "the wife of a mobilised man" -> relative; "the head of the regional administration" -> local
  authority), from the knowledge base for a public figure, and from the description the document gave the same
  person earlier ("Oleksandr Ivanenko, the city's police chief, ..." then "Ivanenko said");
- side only from the speaker's own affiliation: the description's side words, an organisation or person of the
  knowledge base; unknown when the text does not say (the quote stage's side stays only when the speaker's words
  carry it);
- channel from the cues of the attribution (the sentence without any quote content: "told reporters", "in a
  statement", "on Telegram", "in an interview", "said by phone"), then from the quote it continues or the same
  speaker's quote just before in the paragraph ("he added"); ``said`` alone is ``unknown``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .entities.gazetteer import gazetteer
from .lexicons import compile_regex, lines
from .model import Document, Quote
from .pipeline import stage
from .quotes import lexicon
from .quotes import speakers as sp

#: words that end the head of a noun phrase: what follows is a complement ("the head | of the administration")
_BOUNDARY = compile_regex(r"\s+(?:of|for|in|at|from|on|to|with|who|whose|which|that|by|near|after|during|since|"
                          r"under|over|about|as|and|or|but)\s+|[,;:()\u2013\u2014]|\s-\s")
_WORD = compile_regex(r"[^\W\d_][\w’'.-]*")
_POSSESSIVE = compile_regex(r"[’']s$")
#: the end of the previous clause, looking back from a name: a sentence end (not "Mr." or an initial), a comma,
#: a colon or semicolon, a quotation mark or a line break
_CLAUSE_END = compile_regex(r"(?:(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<![\s.][A-Z])[.!?]\s|[,;:\n“”\"(]|"
                            r"\s[-–—]\s)")
#: a verb or connective inside a description before a name: the description starts after it
_CLAUSE_WORD = compile_regex(r"^.*\b(?:said|says|told|tells|added|and|but|as|with|when|while|whom|by|according to)"
                             r"\s+", re.S | re.I)
#: "…, who runs a private school": the speaker runs what follows (a civilian, unless it is a body with a role)
_RUNS = compile_regex(r"^who\s+(?:runs|ran|owns|owned|manages|managed)\s+(.+)$")
_LEADS = compile_regex(r"^who\s+(?:heads|headed|leads|led|directs|directed|chairs|chaired)\s+(.+)$")
#: what an apposition after a name does not start with: a verb or a connective ("…, 22, said in a video …")
_NOT_NP = compile_regex(r"(?:said|says|told|tells|added|adding|saying|according|and|but|which|while|when|as|if|"
                        r"has|had|have|is|was|were|are|\d)\b", re.I)
_CAPTIVE = compile_regex(r"\b(?:captured|captive|imprisoned|detained|surrendered)\b", re.I)
#: an age after a name ("Serhii, 44, a career soldier"): the apposition is what follows
#: a description that refers back ("the regional governor", "another soldier"), not a new indefinite one
_ANAPHORIC = compile_regex(r"(?:the|another|one)\s", re.I)
_QUANTITY = compile_regex(r"(?:(?:a|an|the)\s+)?(?:group|number|couple|pair|handful|dozens?|hundreds|thousands|some|"
                          r"many|several|most|all|few|two|three|four|five)\s+of\s+(.+)$", re.I)
#: a complement that names the speaker's own body ("a spokesperson for Exxon"): no other phrase says whose he is
_BODY_COMPLEMENT = compile_regex(r"\s+(?:of|for|at|from|to)\s+$")
_AS_ROLE = compile_regex(r"\bas\s+((?:the|a|an)\s[^,;.]+)$")
_DETERMINER = compile_regex(r"(?:a|an|the)\s", re.I)
_AGE = compile_regex(r"^,\s*\d{1,3}(?=,)")
_LOWER_WORDS = frozenset("de da di von van der al bin ibn le la du del".split())
_PRONOUN = frozenset("he she they him her them i we it".split())
#: roles whose side may come from the complement of a generic head ("a spokesman for the Ukrainian army")
_PERSON_OR_BODY = sp.INSTITUTIONAL | {"soldier", "pow", "relative", "official", "journalist"}
#: roles whose office or home a place names ("the police chief for Kramatorsk", "who runs a school in Novosibirsk")
_PLACED_ROLES = frozenset({"official", "local_authority", "civilian"})
_PLACE_SIDES = {"UA": "ua", "RU": "ru"}
_CAPITALISED = compile_regex(r"(?<![\w’'-])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?")
_BODY_ROLES = frozenset({"local_authority", "intelligence_agency", "expert", "ngo"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What one description says of a speaker: a role and a side, each None when it says nothing."""

    role: str | None = None
    side: str | None = None


# -- tables ------------------------------------------------------------------------------------------------------


@cache
def _heads() -> dict[str, tuple[str, str]]:
    """Head nouns: the quote stage's role words, with this stage's rows on top (data/quote_roles/heads.tsv)."""
    table = {k: (v[0], v[1] if len(v) > 1 else "-") for k, v in lexicon.roles()[0].items()}
    for line in lines("quote_roles/heads.tsv"):
        phrase, role, side = line.split("\t")[:3]
        table[phrase.lower()] = (role, side)
    return table


@cache
def _generic() -> frozenset[str]:
    return frozenset(w.lower() for w in lines("quote_roles/generic_heads.txt"))


@cache
def _affiliations() -> dict[str, str]:
    """Affiliation words ("Russian-installed", "people's republic") and their side."""
    return {w.lower(): s for w, s in (line.split("\t")[:2] for line in lines("quote_roles/sides.tsv"))}


@cache
def _affiliation_rx() -> re.Pattern[str]:
    words = sorted(_affiliations(), key=len, reverse=True)
    return compile_regex(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


# -- reading one description -------------------------------------------------------------------------------------


def _words(part: str) -> list[str]:
    return [_POSSESSIVE.sub("", w.lower()).rstrip(".") for w in _WORD.findall(part)]


def head_role(part: str) -> tuple[str, str] | None:
    """The (role, default side) of a noun phrase's head: the longest table phrase that ends at its last word, so
    that a modifier never decides ("a private high school" has none; "patrol officer" is police)."""
    words, table = _words(part), _heads()
    for n in (3, 2, 1):
        if len(words) >= n and (key := " ".join(words[-n:])) in table:
            return table[key]
    return None


def side_words(part: str) -> str | None:
    """The side a description's own words give: an affiliation ("Russian-installed"), then the side word nearest
    its head ("Russia's envoy told the Ukrainian president": ua), "US"/"UK"/"EU" in capitals."""
    if m := _affiliation_rx().search(part.lower()):
        return _affiliations()[m.group()]
    hits = [(s, lexicon.sides()[0][key][0]) for s, _, key in lexicon.phrases("sides").find(part)]
    hits += [(m.start(), "west") for m in sp._WEST_ABBREVIATION.finditer(part)]
    return max(hits)[1] if hits else None


def org_reading(part: str) -> Reading:
    """Role and side of a knowledge-base organisation named in ``part`` ("the Kremlin", "Reuters")."""
    orgs, _ = lexicon.orgs()
    found = lexicon.org_phrases().find(part)
    if not found or found[-1][1] < len(_POSSESSIVE.sub("", part.rstrip(" ,.;:"))) - 1:
        return Reading()  # the organisation must be the phrase's head ("Getty Images Justin Doe" is no agency)
    org = orgs[found[-1][2]]
    return Reading(org.role if org.role != "-" else None, org.side if org.side != "-" else None)


def person_reading(name: str) -> Reading:
    """A public figure's role and side from the knowledge base (full name, or a surname only one entry has)."""
    full, by_surname = lexicon.people()
    core = sp.name_core(name.strip())
    hit = full.get(core) or (by_surname.get(core.split()[-1]) if core.split() else None)
    if hit is None:
        return Reading()
    return Reading(hit[0] if hit[0] != "-" else None, hit[1] if hit[1] != "-" else None)


def _possessor_side(head: str) -> str | None:
    """The side of a public figure who owns the head ("Erdoğan’s office")."""
    for m in re.finditer(r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)[’']s\b", head):
        if side := person_reading(m.group(1)).side:
            return side
    return None


@lru_cache(maxsize=8192)
def read(description: str) -> Reading:
    """Role and side of the speaker a description names, from its head noun and its modifiers; the complement
    only gives the body a generic head belongs to ("the head of the regional administration") or a side."""
    description = description.strip()
    if m := _RUNS.match(description):
        inner = read(m.group(1))
        return Reading(inner.role if inner.role in _BODY_ROLES else "civilian", inner.side or place_side("", m.group(1)))
    if m := _LEADS.match(description):
        return read(m.group(1))
    if m := _QUANTITY.match(description):
        return read(m.group(1))  # "a group of Russian POWs" are POWs
    head, _, rest = _split(description)
    hr = head_role(head)
    org = _head_org(description, head, hr)
    role = _role(head, rest, hr, org)
    side = _side(head, rest, role, hr, org)
    if role == "soldier" and _CAPTIVE.search(head):
        role = "pow"  # "a captured Russian soldier"
    if side is None and role in ("expert", "ngo"):
        side = "independent"  # think tanks, academics, NGOs (codebook): a side word before them says otherwise
    return Reading(role, side)


def _head_org(description: str, head: str, hr: tuple[str, str] | None) -> Reading:
    """The organisation a description's head names: the head itself ("the Kremlin"), the whole description when
    the head is no role word ("the Institute for the Study of War"), a generic head's modifier ("FSB
    representative")."""
    org = org_reading(head)
    if hr is None and org == Reading():
        return org_reading(description)
    words = _words(head)
    if hr and words and words[-1] in _generic() and org == Reading() and " " in head.strip():
        return org_reading(head.rsplit(None, 1)[0])
    return org


def _side(head: str, rest: str, role: str | None, hr: tuple[str, str] | None, org: Reading) -> str | None:
    """The side the description's own words give: its head's side words, an office's possessor, the head word's
    or organisation's side; then an affiliation in the complement, the complement of a head that belongs to a
    body, the Ukrainian or Russian place an office holder or resident is of."""
    side = side_words(head) or (_possessor_side(head) if role else None) or (hr[1] if hr and hr[1] != "-" else None) \
        or org.side
    if side is None and rest and (m := _affiliation_rx().search(rest.lower())):
        side = _affiliations()[m.group()]  # "an official in the separatist administration of …"
    if side is None and rest and _belongs(head, role):
        side = side_words(rest) or org_reading(rest).side
    if side is None and role in _PLACED_ROLES:
        side = place_side(head, rest)
    return side


def _role(head: str, rest: str, hr: tuple[str, str] | None, org: Reading) -> str | None:
    """The head's role; a generic head ("head", "spokesman") takes the role of the body its complement names when
    that body has a role of its own (a local authority, an intelligence agency, a command...)."""
    role = hr[0] if hr else org.role
    words = _words(head)
    if hr and words and words[-1] in _generic() and org.role in _BODY_ROLES | {"intelligence_agency"}:
        role = org.role
    if hr and words and words[-1] in _generic() and rest:
        inner = head_role(_split(rest)[0])
        inner_role = inner[0] if inner else org_reading(rest).role
        role = inner_role if inner_role in _BODY_ROLES else role
    return role


def _belongs(head: str, role: str | None) -> bool:
    """Whether the complement of a head says whose the speaker is: a generic head ("a spokesman for the Ukrainian
    army"), a relative ("the mother of a Russian conscript"), a soldier ("a soldier from Russia's 1st Army"), an
    office ("the governor of Ukraine's Luhansk region"); not a body's location ("the Swiss embassy in Moscow")."""
    words = _words(head)
    return bool(words) and (words[-1] in _generic() or role in ("relative", "soldier", "pow", "official",
                                                                  "local_authority"))


def place_side(head: str, rest: str = "") -> str | None:
    """The side of the Ukrainian or Russian city or region a description names, in its complement or as the
    head's possessor (an office holder's or a resident's: "the patrol police chief for Kramatorsk" is ua,
    "Belgorod's governor" ru, "a teacher in Novosibirsk" ru); a name that is also a common word, a small place or
    a place elsewhere first says nothing ("the Australian prime minister")."""
    names = [m.group() for m in _CAPITALISED.finditer(rest)]
    names += [m.group() for m in _CAPITALISED.finditer(head) if _POSSESSIVE.search(m.group())]
    for name in names:
        name = _POSSESSIVE.sub("", name)
        for surface in dict.fromkeys((name, *(_POSSESSIVE.sub("", w) for w in name.split()))):
            found = gazetteer().lookup(surface)
            if found:
                best = found[0]
                if best.primary and not best.common and (best.place.feature in ("region", "country") or (
                        best.place.feature == "city" and best.place.population >= 5000)):
                    if side := _PLACE_SIDES.get(best.place.country or ""):
                        return side
                break
    return None


def title_of(name: str) -> str:
    """The title words before a name ("Senators Ted Cruz" -> "Senators"), or ""."""
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        if head_role(" ".join(words[:k])):
            return " ".join(words[:k])
    return ""


def title_reading(name: str) -> Reading:
    """The role and side the title words of a name give ("Senators Ted Cruz", "President Emmanuel Macron")."""
    title = title_of(name)
    hr = head_role(title) if title else None
    if hr is None:
        return Reading()
    return Reading(hr[0], side_words(title) or (hr[1] if hr[1] != "-" else None))


def _split(description: str) -> tuple[str, str, str]:
    m = _BOUNDARY.search(description)
    if not m:
        return description, "", ""
    return description[:m.start()], m.group(), description[m.end():]


# -- the speaker in the document -----------------------------------------------------------------------------------


def is_name(speaker: str | None) -> bool:
    """Whether a speaker string is a name ("Mr. Lyakh", "Josep Borrell") rather than a description."""
    words = (speaker or "").split()
    return bool(words) and all(w[:1].isupper() or w in _LOWER_WORDS for w in words) \
        and words[0].lower() not in ("the", "a", "an") and (len(words) > 1 or words[0].lower() not in _PRONOUN)


def introductions(text: str, name: str, before: int) -> list[str]:
    """Descriptions the document attaches to a name before ``before``: the title before it ("Russia's foreign
    minister Sergei Lavrov"), the phrase before a comma ("a longtime friend of his, Corey Doe"), and the apposition
    after it ("Oleksandr Ivanenko, the patrol police chief for the city, ...")."""
    core = sp.name_core(name)
    out: list[str] = []
    for form in dict.fromkeys((core, core.split()[-1] if core.split() else core)):
        for start, end in _occurrences(text, form)[:6]:  # the first mentions introduce a person
            if end > before:
                break
            out += _around(text, start, end)
    return out


@lru_cache(maxsize=256)
def _occurrences(text: str, form: str) -> tuple[tuple[int, int], ...]:
    """Where a name stands in a text as a word (once per document and name: a string's hash is cached)."""
    out, at = [], text.find(form)
    while at >= 0 and form:
        end = at + len(form)
        if not _word_char(text[at - 1:at]) and not _word_char(text[end:end + 1]):
            out.append((at, end))
        at = text.find(form, at + 1)
    return tuple(out)


def _word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in "_’'-")


def _around(text: str, start: int, end: int) -> list[str]:
    left = text[max(0, start - 160):start]
    m = re.search(r"(?:Mr|Mrs|Ms|Dr)\.\s*$", left)
    if m:  # "Mr. Lyakh": the title is part of the name
        left = left[:m.start()]
    out = []
    stripped = left.rstrip()
    if stripped.endswith(",") and text[end:end + 1] == ",":  # "a captured Russian soldier, Ivan Petrov, said"
        out.append(_clause_tail(stripped[:-1]))
    elif stripped.endswith(",") and (m := _AS_ROLE.search(stripped[:-1])):
        out.append(m.group(1))  # "appointed … as the head of the administration, Mr. Doe insists"
    elif stripped and stripped == left[:len(stripped)] and left[len(stripped):] == " ":
        out.append(noun_phrase_before(stripped, len(stripped)))  # "Ukraine's foreign minister Dmytro Kuleba"
    after = _AGE.sub("", text[end:end + 200])
    if after.startswith(", ") and not _NOT_NP.match(after[2:]):
        stop = re.search(r"[,;.(\n]\s|[;(\n]|$", after[2:])
        out.append(after[2:2 + (stop.start() if stop else len(after) - 2)])
    return [d.strip() for d in out if d.strip()]


def _clause_tail(left: str) -> str:
    """The end of ``left`` after the last clause boundary and the last verb or connective."""
    ends = list(_CLAUSE_END.finditer(left))
    tail = left[ends[-1].end():] if ends else left
    return _CLAUSE_WORD.sub("", tail)


def describe(doc: Document, q: Quote, others: tuple[tuple[int, int], ...] = ()) -> Reading:
    """The speaker's role and side: the knowledge base for a public figure, the mention's own description, then
    what the document said of the same name or head noun; each field from the first source that gives it.
    ``others`` (``quote_roles.v3``): the other quotes' speaker spans, whose later mentions are not this speaker
    (:func:`_mentions_before`)."""
    mention = doc.text[q.speaker_start:q.speaker_end] if q.speaker_start is not None and q.speaker_end else ""
    if is_name(q.speaker) and q.speaker:
        readings = _name_readings(doc, q, q.speaker, mention, others)
    else:
        readings = _description_readings(doc, q, mention, others)
    role = next((r.role for r in readings if r.role), None)
    side = next((r.side for r in readings if r.side), None)
    return Reading(role, side)


def _name_readings(doc: Document, q: Quote, name: str, mention: str, others: tuple[tuple[int, int], ...] = ()) -> list[Reading]:
    """A named speaker: the article's own description of the person first, attached to this mention ("said Ivan
    Doe, an expert at a think tank") or to an earlier one ("Oleksandr Ivanenko, the city's police chief"), over the
    knowledge base's public figure; then an organisation or a state, a person's title, a description the mention
    was resolved from, and the side of the document's other noun phrases with the same head."""
    own = read(name)
    attached: list[tuple[str, Reading]] = []
    if own == Reading():  # a person's name (not a body or a state): what the text says of them
        if q.speaker_start is not None and mention and is_name(mention):
            attached = _described(_around(doc.text, q.speaker_start, q.speaker_end or q.speaker_start))
        if mention and not is_name(mention) and _surname(name) in mention:  # "the veteran diplomat Sergei Lavrov"
            attached = _described([_clause_tail(mention[:mention.rindex(_surname(name))])])
        attached += _described(introductions(doc.text, name, max(q.end, q.speaker_end or 0)))
    readings = [r for _, r in attached] + [person_reading(name), own, title_reading(name)]
    if mention and not is_name(mention) and mention.lower() not in _PRONOUN:
        readings.append(read(mention))  # "The veteran Russian diplomat", resolved to a name
    # no side yet: the side of the document's other noun phrases with the head that says what the person is
    phrases = [d for d, _ in attached] + [title_of(name)] + ([name] if own.role and not own.side else [])
    head = next((p for p in phrases if p and (hr := head_role(_split(p)[0])) and hr[0] in _MILITARY), None)
    if head is not None and not any(r.side for r in readings):
        readings += [Reading(None, r.side) for r in earlier_descriptions(doc.text, head, q.start, others=others)]
    return readings


def _described(phrases: list[str]) -> list[tuple[str, Reading]]:
    """The phrases next to a name that describe the person: those that say what they are ("the police chief"), or
    an indefinite noun phrase with a side word ("a Ukrainian manager at a software company"); not clauses
    ("According to Ivanenko, Russia withdrew ...")."""
    out = []
    for d in phrases:
        r = read(d)
        if r.role:
            out.append((d, r))
        elif _DETERMINER.match(d) and (side := side_words(_split(d)[0])):
            out.append((d, Reading(None, side)))
    return out


def _description_readings(doc: Document, q: Quote, mention: str, others: tuple[tuple[int, int], ...] = ()) -> list[Reading]:
    """A described speaker ("a Russian contract soldier", "the regional governor"): the description itself, then
    the side of the document's other noun phrases with the same head."""
    words = [w for w in dict.fromkeys((mention, q.speaker or "")) if w and w.lower() not in _PRONOUN]
    readings = [read(w) for w in words]
    if words and readings[0].side is None and not _BODY_COMPLEMENT.match(_split(words[0])[1]) and (
            readings[0].role in _MILITARY | sp.INSTITUTIONAL or _ANAPHORIC.match(words[0])):
        found = earlier_descriptions(doc.text, words[0], q.speaker_start or 0, others=others)
        readings += [Reading(None, r.side) for r in found]
    return readings


def earlier_descriptions(text: str, mention: str, before: int, depth: int = 1,
                         others: tuple[tuple[int, int], ...] = ()) -> list[Reading]:
    """What the document said earlier with the same head noun ("the regional governor" after "Donetsk's regional
    governor, Pavlo Kyrylenko"; "another soldier" after "captured Russian soldiers"): the nearest three noun
    phrases with that head, each read with its complement. When these name a body without its side ("a ministry
    spokesman"), the body's own earlier mention is read once more ("Russia's Defense Ministry")."""
    head = _split(mention)[0]
    words, role = _words(head), head_role(head)
    if not words or role is None:
        return []
    out: list[Reading] = []
    for start, end in _mentions_before(text, words[-1], role[0], before, others):
        phrase = noun_phrase_before(text, end)
        tail = _COMPLEMENT.match(text[end:end + 120])
        reading = read(phrase + (tail.group() if tail else ""))
        if reading.side is None and depth and len(_words(phrase)) > 1:
            body = " ".join(phrase.split()[:-1])
            reading = next((r for r in earlier_descriptions(text, body, start, depth - 1, others) if r.side),
                           reading)
        out.append(reading)
        if len(out) == 3:
            break
    return out


def _mentions_before(text: str, noun: str, role: str, before: int,
                     others: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Earlier mentions of the same head noun, nearest first; for a soldier or a captive any noun of the two
    ("tearful young conscripts" after "Russian soldiers"), then the nearest after (a quote that opens the
    article); ``others`` (``quote_roles.v3``): the speaker spans of the other quotes; for a soldier or captive, a
    later mention that is another quote's speaker is another person introduced in their own words (a headline's "Soldiers near Bakhmut say …" is not the "captured
    Russian soldier" quoted three paragraphs on)."""
    key = "" if role in _MILITARY else noun.lower().removesuffix("s")
    found, ends = _noun_occurrences(text, key), _noun_ends(text, key)
    i = bisect.bisect_right(ends, before)
    later = [m for m in found[i:i + 6] if m[0] > before + len(noun)][:3]
    if others and role in _MILITARY:  # a soldier quoted later is another soldier, in their own words
        later = [m for m in later if not any(s <= m[0] < e for s, e in others)]
    return list(reversed(found[max(0, i - 3):i])) + later


@lru_cache(maxsize=256)
def _noun_ends(text: str, noun: str) -> list[int]:
    return [e for _, e in _noun_occurrences(text, noun)]


@lru_cache(maxsize=256)
def _noun_occurrences(text: str, noun: str) -> tuple[tuple[int, int], ...]:
    """Where a head noun (singular or plural; "" for any soldier's or captive's noun) stands in a text."""
    nouns = _military_nouns() if not noun else [re.escape(noun) + "s?"]
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(nouns) + r")(?![\w-])", re.I)
    return tuple((m.start(), m.end()) for m in rx.finditer(text))


_MILITARY = frozenset({"soldier", "pow"})
_COMPLEMENT = compile_regex(r"\s+(?:of|for|in|at|from)\s[^,;.\n]*")


@cache
def _military_nouns() -> list[str]:
    return sorted((re.escape(w) for w, (r, _) in _heads().items() if r in _MILITARY and " " not in w),
                  key=len, reverse=True)


#: words that may stand between a determiner and a head noun without being a side word or a name
_MODIFIERS = frozenset("young old senior junior former local regional top chief deputy acting military civil "
                       "unnamed anonymous other wounded injured captured frightened tearful elderly retired "
                       "foreign defence defense interior emergencies security border state".split())
_ENDINGS = ("ed", "ful", "ian", "ish", "ese", "ing", "an")


def noun_phrase_before(text: str, end: int) -> str:
    """The noun phrase that ends at ``end`` (its head): the head and the modifiers, names, possessives and side
    words right before it, back to a determiner, a verb or punctuation ("... continue to capture Russian
    soldiers" -> "Russian soldiers")."""
    tokens = re.findall(r"\S+", text[max(0, end - 120):end])
    if not tokens or not _WORD.fullmatch(tokens[-1]) or not tokens[-1][-1].isalpha():  # not a sentence's end
        return ""
    kept = [tokens[-1]]
    for tok in reversed(tokens[:-1]):
        word = _POSSESSIVE.sub("", tok.lower())
        if tok[-1:] in ",.;:!?)”\"" or not _modifier(tok, word):
            break
        kept.append(tok)
    return " ".join(reversed(kept))


def _modifier(tok: str, word: str) -> bool:
    if word in ("a", "an", "the", "one", "another", "some", "many", "his", "her", "their", "its", "but", "and"):
        return False
    return (tok[:1].isupper() or word in _MODIFIERS or word in _heads() or "-" in word
            or bool(_POSSESSIVE.search(tok)) or word.endswith(_ENDINGS) and len(word) > 4)


# -- channel -----------------------------------------------------------------------------------------------------


def attribution(doc: Document, q: Quote, spans: list[tuple[int, int]]) -> str:
    """The quote's sentence(s) with every quote's content blanked: the words that attribute it."""
    starts = _starts(doc.sentences)
    i = max(0, bisect.bisect_right(starts, q.start) - 1)
    j = max(i, bisect.bisect_left(starts, q.end) - 1)
    lo = doc.sentences[i][0] if doc.sentences else 0
    hi = doc.sentences[j][1] if doc.sentences else len(doc.text)
    lo, hi = max(lo, q.start - _REACH), min(hi, q.end + _REACH)  # a run-on "sentence" stays a bounded window
    span_starts = _starts(spans)
    near = spans[max(0, bisect.bisect_left(span_starts, lo) - 8):bisect.bisect_left(span_starts, hi)]
    return _blank(doc.text[lo:hi], [(max(s, lo) - lo, min(e, hi) - lo) for s, e in near if s < hi and e > lo])


#: how far an attribution reaches from its quote (characters)
_REACH = 300
_STARTS: dict[int, tuple[object, list[int]]] = {}


def _starts(spans: list[tuple[int, int]]) -> list[int]:
    """The starts of a list of spans, computed once per list (a document's sentences, its quotes' contents)."""
    hit = _STARTS.get(id(spans))
    if hit is None or hit[0] is not spans:
        if len(_STARTS) > 64:
            _STARTS.clear()
        hit = _STARTS[id(spans)] = (spans, [s for s, _ in spans])
    return hit[1]


@cache
def _channel_table() -> dict[str, str]:
    return dict(tuple(line.split("\t")[:2]) for line in lines("quote_roles/channels.tsv"))  # type: ignore[misc]


@cache
def _channel_phrases() -> lexicon.Phrases:
    return lexicon.Phrases(list(_channel_table()))


def channel_in(window: str, strong: bool = False) -> str:
    """The channel a stretch of attribution names: this stage's phrases ("said by phone"), then the quote stage's;
    a medium (phone, video, text) before the platform that carried it, otherwise the last one named. ``strong``:
    not the quote stage's weak phrases ("announced", "report"), which fit several channels."""
    table = _channel_table()
    mine = [table[key] for _, _, key in _channel_phrases().find(window)]
    if mine:
        media = [c for c in mine if c in sp.MEDIA]
        return (media or mine)[-1]
    channel, specific = sp.channel_of(window)
    return channel if specific or not strong else "unknown"


def explicit_channel(doc: Document, q: Quote, spans: list[tuple[int, int]]) -> str | None:
    """The channel the attribution names, or None: "told the BBC" is an interview."""
    window = attribution(doc, q, spans)
    channel = channel_in(window, strong=True)
    if channel in ("unknown", "news_report", "statement") and q.cue_end is not None \
            and q.cue and q.cue.lower().startswith("told") and sp.told_outlet(doc.text[q.cue_end:q.cue_end + 60]):
        return "interview"
    return None if channel == "unknown" else channel


# -- the stage ---------------------------------------------------------------------------------------------------


def _english(doc: Document) -> list[tuple[int, int]]:
    """The English paragraphs (a paragraph too short to decide counts with its document)."""
    langs = doc.paragraph_languages or [doc.language or "en"] * len(doc.paragraphs)
    return [p for p, lab in zip(doc.paragraphs, langs, strict=False)
            if lab == "en" or (lab == "und" and doc.language == "en")]


def _in(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def relabel(doc: Document, keep_side: bool = False, v2: bool = False, v3: bool = False) -> None:
    """Rewrite role, side and channel of the English quotes (the transcript turns keep their labels); ``v2``: the
    side of a speaker whose own words say none from what the document says of the same speaker (``side_v2``);
    ``v3``: no side from a later same-head mention that is another quote's speaker."""
    english = _english(doc)
    english_starts = [s for s, _ in english]
    spans = content_spans(doc.quotes)
    channels: dict[int, str | None] = {}
    before: dict[int, str] = {}
    for n, q in enumerate(doc.quotes):
        if (q.rule or "").startswith("turn") or not _in(english, english_starts, q.start):
            continue
        others = tuple((o.speaker_start, o.speaker_end) for o in doc.quotes if o is not q and o.speaker_start is not None
                       and o.speaker_end is not None and o.speaker_start > q.start) if v3 else ()
        who = describe(doc, q, others)
        if v2 and who.side is None:
            who = Reading(who.role, side_v2(doc, q, who.role))
        # "one captured soldier" then "another soldier": the quote stage read the captivity around the mention
        q.speaker_role = q.speaker_role if who.role == "soldier" and q.speaker_role == "pow" else \
            who.role or q.speaker_role
        q.side = who.side or (q.side if keep_side else "unknown")
        if q.side == "unknown" and q.speaker_role in ("expert", "ngo"):
            q.side = "independent"  # think tanks, academics, NGOs (codebook), unless their words say a side
        channels[n] = explicit_channel(doc, q, spans)
        before[n] = q.channel
    by_speaker = speaker_channels(doc, channels, spans)
    for n, channel in channels.items():
        q = doc.quotes[n]
        q.channel = channel or _inherited(doc, n, channels) or by_speaker.get(_surname(q.speaker)) \
            or ("news_report" if is_outlet(q.speaker) else _earlier_channel(doc, q, before[n]))


def _earlier_channel(doc: Document, q: Quote, channel: str) -> str:
    """The quote stage's channel, unless it was read in the quote's own words ("there were Telegram groups")."""
    if channel != "unknown" and channel_in(doc.text[q.start:q.end]) != channel:
        return channel
    return "unknown"


def is_outlet(speaker: str | None) -> bool:
    """Whether the speaker is a news outlet of the knowledge base ("Reuters", "the Kyiv Independent"): an outlet
    that reports speaks through a news report."""
    orgs, _ = lexicon.orgs()
    found = lexicon.org_phrases().find(speaker or "")
    return bool(found) and orgs[found[-1][2]].kind == "outlet" and found[-1][1] - found[-1][0] >= len(
        (speaker or "").removeprefix("the ").removeprefix("The ")) - 1


def content_spans(quotes: list[Quote]) -> list[tuple[int, int]]:
    """The quotes' contents, to blank out of attributions; a span that holds its own cue or speaker also holds its
    attribution ("…,” Mr. Doe said in an interview, read as one span) and is left as it is."""
    def holds(q: Quote, pos: int | None) -> bool:
        return pos is not None and q.start <= pos < q.end

    return sorted((q.start, q.end) for q in quotes if not (holds(q, q.cue_start) or holds(q, q.speaker_start)))


def _surname(speaker: str | None) -> str:
    core = sp.name_core(speaker or "").split()
    return core[-1] if core and is_name(speaker) else ""


def speaker_channels(doc: Document, channels: dict[int, str | None],
                     spans: list[tuple[int, int]]) -> dict[str, str]:
    """A named speaker's one channel in the document: the channels their quotes' attributions and the sentences
    that name them give ("Macron, in an interview with regional newspapers, ..."), when these agree on one."""
    found: dict[str, set[str]] = {}
    for n, channel in channels.items():
        if key := _surname(doc.quotes[n].speaker):
            found.setdefault(key, set()).update([channel] if channel else [])
    masked = _blank(doc.text, spans)
    starts = [s for s, _ in doc.sentences]
    for key, seen in found.items():
        hits = {bisect.bisect_right(starts, a) - 1 for a, _ in _occurrences(masked, key)}
        for i in sorted(h for h in hits if h >= 0):
            channel = channel_in(masked[doc.sentences[i][0]:doc.sentences[i][1]], strong=True)
            seen.update([channel] if channel not in ("unknown", "news_report") else [])
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans (sorted by start) made blanks of the same length."""
    out, at = [], 0
    for s, e in spans:
        s = max(s, at)
        if e > s:
            out += [text[at:s], " " * (e - s)]
            at = e
    return "".join(out) + text[at:]


def _inherited(doc: Document, n: int, channels: dict[int, str | None]) -> str | None:
    """The channel of the quote this one continues, or of the same speaker's quote just before it in the same
    paragraph ("…,” he said in a video. “…,” he added)."""
    q = doc.quotes[n]
    if q.continues is not None and q.continues in channels:
        return channels[q.continues]
    prev = doc.quotes[n - 1] if n > 0 else None
    if prev is None or n - 1 not in channels or prev.speaker != q.speaker or not q.speaker:
        return None
    same_paragraph = "\n" not in doc.text[prev.end:q.start]
    return channels[n - 1] if same_paragraph else None


# -- v2: the side of a speaker whose own words say none -------------------------------------------------------------

#: "Local authorities installed by Russia", "appointed by President Zelensky as the head of …": the installer's side
_INSTALLED = compile_regex(r"(?i:installed|appointed|imposed|backed|named|controlled)\s+by\s+((?:the\s+)?[A-Z][\w’'-]*"
                           r"(?:\s+[A-Z][\w’'-]*){0,3})")
_AFTER_MENTION = compile_regex(r"^\s*,?\s*(?:(?:who|which)\s+(?:was|were|is|are|had\s+been|have\s+been)\s+)?"
                               r"(?=(?:installed|appointed|imposed|backed|named|controlled)\s+by\s)")
_APPOINTED_AS = compile_regex(r"(?i:installed|appointed|named)\s+by\s+[^,;.]{1,60}?\s+as\s+[^,;.]{1,80},\s*"
                              r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?(?:[A-Z][\w’'-]+\s+)*$")
#: a name in apposition after a description ("the governor for the area, Pavlo Kyrylenko, wrote")
_APPOSED_NAME = compile_regex(r"^,\s+((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)(?=[,.;]|\s+(?:said|says|wrote|told))")
#: a short complement between a description and its apposed name ("the governor | for the area | , Pavlo …")
_SHORT_COMPLEMENT = compile_regex(r"\s+(?:of|for|in|at|from)\s[^,;.\n]{1,40}(?=,)")
#: affiliation words right before a place ("the eastern separatist city of Donetsk")
_PLACE_NAME = compile_regex(r"(?<![\w’'-])[A-Z][\w’'-]+")


def _side_of_agent(agent: str) -> str | None:
    """The side of who installed or appointed someone: a state ("Russia", "Kyiv"), a knowledge-base body ("the
    Kremlin") or public figure ("President Volodymyr Zelensky")."""
    return side_words(agent) or org_reading(agent).side or person_reading(agent).side \
        or title_reading(agent).side


def installer_side(text: str, start: int, end: int) -> str | None:
    """The side of whoever installed the speaker, said right after the mention ("Local authorities installed by
    Russia") or in the clause before a name ("appointed by President Zelensky as the head of …, Mr. Lyakh")."""
    after = text[end:end + 120]
    if (m := _AFTER_MENTION.match(after)) and (inst := _INSTALLED.match(after, m.end())):
        return _side_of_agent(inst.group(1))
    before = text[max(0, start - 200):start]
    if (m := _APPOINTED_AS.search(before)) and (inst := _INSTALLED.match(m.group())):
        return _side_of_agent(inst.group(1))
    return None


def _apposed_side(text: str, end: int) -> str | None:
    """The knowledge base's side of a public figure named in apposition right after ``end`` (and its complement:
    "the governor for the area, Pavlo Kyrylenko")."""
    tail = _SHORT_COMPLEMENT.match(text[end:end + 120])
    at = end + (tail.end() if tail else 0)
    if m := _APPOSED_NAME.match(text[at:at + 80]):
        return person_reading(m.group(1)).side
    return None


def _local_place_side(doc: Document, pos: int) -> str | None:
    """The side of the last place named in the paragraph before ``pos``, when it is Ukrainian or Russian: the
    place a local authority without a place of its own is of ("… destroyed a depot in Novomoskovsk, a town in
    eastern Ukraine. According to the head of the regional administration …"); a place called separatist or
    occupied right before its name is held by Russia ("the eastern separatist city of Donetsk, according to local
    authorities"). A paragraph that names no place looks at the one before it; a last place elsewhere (Berlin)
    gives nothing."""
    for lo, hi in _paragraphs_before(doc.text, pos):
        window = doc.text[lo:hi]  # the quote's own words too: local authorities speak of their place
        for m in reversed(list(_PLACE_NAME.finditer(window))):
            if not window[:m.start()].strip() or window[:m.start()].rstrip()[-1] in ".!?“\"":
                continue  # a sentence's first word is no evidence of a place
            country = _place_country(m.group())
            if country is None:
                continue
            aff = _affiliation_rx().search(window[max(0, m.start() - 40):m.start()].lower())
            side = _PLACE_SIDES.get(country)
            return _affiliations()[aff.group()] if aff and side else side
    return None


def _paragraphs_before(text: str, pos: int) -> list[tuple[int, int]]:
    """The paragraph up to ``pos`` and the non-blank paragraph before it (at most 400 characters of each)."""
    start = text.rfind("\n", 0, pos) + 1
    out = [(max(start, pos - 400), pos)]
    end = text[:start].rstrip().__len__()
    if end > 0:
        lo = text.rfind("\n", 0, end) + 1
        out.append((max(lo, end - 400), end))
    return out


@lru_cache(maxsize=4096)
def _place_country(word: str) -> str | None:
    """The country of a city, region or country a capitalised word names (as ``place_side`` reads places), or
    None when it names none (or a small place, a common word)."""
    found = gazetteer().lookup(_POSSESSIVE.sub("", word))
    if not found:
        return None
    best = found[0]
    if best.primary and not best.common and (best.place.feature in ("region", "country") or (
            best.place.feature == "city" and best.place.population >= 5000)):
        return best.place.country or None
    return None


#: roles local to a place: their side is the place's when nothing else says it
_LOCAL_ROLES = frozenset({"local_authority"})
#: how far the same description may stand from the speaker's mention to be the same person (characters)
_NEAR = 600


def _only_places(description: str) -> bool:
    """Whether a description names nothing but places after its first word ("the regional governor", "the mayor
    of Kharkiv"; not "the UN security council", "ESA’s leadership council": a body that is no local authority)."""
    words = re.findall(r"[\w’'-]+", description)
    if words and words[0].lower() in _OPENERS:
        words = words[1:]
    return all(not w[:1].isupper() or place_side("", _POSSESSIVE.sub("", w)) for w in words)


#: a description's first word that is capitalised only because it opens a sentence
_OPENERS = frozenset("the a an local regional city its his her their our".split())


#: a military unit's name ("the 93rd Mechanized Brigade", "155th Marine Brigade", "Azov Battalion")
_UNIT = compile_regex(r"(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w’'-]+\s+){0,3}(?:Brigade|Battalion|Regiment|Division|"
                      r"Corps|Fleet|Guards|Army)\b")
#: what the article says of a unit right before its name: "Ukraine’s 93rd …", "the Russian 155th …"
_UNIT_BEFORE = compile_regex(r"(?:^|[,;.]\s|\s(?:the|a|an)\s)([^,;.]{0,30})$")
#: the complement after a soldier's mention that may name the unit ("a soldier | from the 93rd … Brigade")
_UNIT_COMPLEMENT = compile_regex(r"^,?\s+(?:(?:who|which)\s+(?:serves|served|fights|fought)\s+(?:in|with)|from|with|of|"
                                 r"in)\s+[^,;.\n]{1,80}")
_UNIT_AFTER = compile_regex(r"^(?:,\s+(?:a|an|the)\s+[^,;.]{1,60}|\s+of\s+[^,;.]{1,60})")


def unit_side(text: str, phrase: str) -> str | None:
    """The side of the military unit a soldier's description names ("a soldier from the 93rd Mechanized
    Brigade"), from what the article says of that unit where it names it: the words right before the name
    ("Ukraine’s 93rd Mechanized Brigade") or its apposition or complement ("…, a Ukrainian unit"; "… of Russia’s
    Pacific Fleet"); None when these say nothing or disagree."""
    sides = set()
    for m in _UNIT.finditer(phrase):
        unit = m.group().strip()
        if len(unit.split()) < 2:
            continue  # "the Army" alone names no unit
        for a, b in _occurrences(text, unit)[:6]:
            before = _UNIT_BEFORE.search(text[max(0, a - 40):a])
            after = _UNIT_AFTER.match(text[b:b + 80])
            for part in (before.group(1) if before else "", after.group() if after else ""):
                if part and (side := side_words(part)):
                    sides.add(side)
    return next(iter(sides)) if len(sides) == 1 else None


@dataclass(frozen=True, slots=True)
class _Speaker:
    """What ``side_v2`` reads of a quote's speaker: the mention (empty for a pronoun or none), where it ends, the
    description it stands for (a pronoun's resolved speaker), and whether the speaker is a name."""

    start: int | None
    end: int
    mention: str
    description: str
    named: bool


def _speaker(doc: Document, q: Quote) -> _Speaker:
    start, end = q.speaker_start, q.speaker_end or 0
    mention = doc.text[start:end] if start is not None and end else ""
    if mention.lower() in _PRONOUN:
        return _Speaker(start, end, "", q.speaker or "", is_name(q.speaker))
    return _Speaker(start, end, mention, mention, is_name(q.speaker))


def side_v2(doc: Document, q: Quote, role: str | None) -> str | None:
    """The side of a speaker whose own words say none, from what the document says of the same speaker: who
    installed them; a public figure named in apposition to the mention or to the same description nearby; a
    soldier's unit as the article describes it; for a local authority, the place the paragraph names before it.
    Never a nationality word of the sentence that is not about the speaker."""
    who = _speaker(doc, q)
    return (_side_after_mention(doc.text, who) or (_unit_side_of(doc.text, q, who) if role in _MILITARY else None)
            or (_installer_of_name(doc.text, q) if who.named else _apposed_nearby(doc.text, who))
            or (_local_side(doc, who) if role in _LOCAL_ROLES or _police(doc.text, q, who, role) else None))


#: a police head noun: the police are local to the place the article reports from ("one lieutenant patrol officer")
_POLICE = compile_regex(r"\b(?:police|policeman|policewoman|patrol\s+officer|patrolman)\b", re.I)


def _police(text: str, q: Quote, who: _Speaker, role: str | None) -> bool:
    """Whether an official speaker is a police officer, by the head of the mention or of the person's
    descriptions in the article."""
    if role != "official":
        return False
    phrases = [who.description] + (introductions(text, q.speaker or "", max(q.end, who.end)) if who.named else [])
    return any(_POLICE.search(_split(p)[0]) for p in phrases if p)


def _side_after_mention(text: str, who: _Speaker) -> str | None:
    """"Local authorities installed by Russia"; "the governor for the area, Pavlo Kyrylenko"."""
    if who.start is None or not who.mention:
        return None
    return installer_side(text, who.start, who.end) or _apposed_side(text, who.end)


def _unit_side_of(text: str, q: Quote, who: _Speaker) -> str | None:
    """The side of the unit the mention's complement or the person's descriptions name."""
    unit = _UNIT_COMPLEMENT.match(text[who.end:who.end + 120]) if who.mention else None
    phrases = [unit.group()] if unit else []
    if who.named and q.speaker:
        phrases += introductions(text, q.speaker, max(q.end, who.end))
    return next((side for p in phrases if (side := unit_side(text, p))), None)


def _installer_of_name(text: str, q: Quote) -> str | None:
    """"Appointed by President Zelensky as the head of …, Mr. Lyakh": at a mention of the name before the quote."""
    for a, b in _occurrences(text, _surname(q.speaker) or q.speaker or "")[:6]:
        if a > q.end:
            break
        if side := installer_side(text, a, b):
            return side
    return None


def _apposed_nearby(text: str, who: _Speaker) -> str | None:
    """A definite description ("the regional governor") and the same head nearby with a public figure in
    apposition ("the governor for the area, Pavlo Kyrylenko")."""
    hr = head_role(head := _split(who.description)[0]) if who.description else None
    if who.start is None or hr is None or not _ANAPHORIC.match(who.description):
        return None
    for a, b in _mentions_before(text, _words(head)[-1], hr[0], who.start):
        if abs(a - who.start) <= _NEAR and (side := _apposed_side(text, b)):
            return side
    return None


def _local_side(doc: Document, who: _Speaker) -> str | None:
    """A local authority's place: unless its description (with its complement, or the complement of the
    description a pronoun was resolved to: "The mayor | of Berlin") names something else than places."""
    if who.start is None:
        return None
    text = doc.text
    at = who.end if who.mention else text.rfind(who.description, 0, who.start) + len(who.description)
    complement = _COMPLEMENT.match(text[at:at + 120]) if who.description and at >= len(who.description) else None
    if who.named or _only_places(who.description + (complement.group() if complement else "")):
        return _local_place_side(doc, who.start)
    return None


@stage("quote_roles.v2", requires=("quotes", "language"), provides=("quote_roles",),
       defaults={"keep_side": False})
def assign_roles_v2(doc: Document, config: Mapping[str, Any]) -> None:
    """``quote_roles.v1`` and, for a speaker whose own words give no side, the side the document gives the same
    speaker elsewhere (see ``side_v2``)."""
    relabel(doc, bool(config.get("keep_side", False)), v2=True)


@stage("quote_roles.v3", requires=("quotes", "language"), provides=("quote_roles",),
       defaults={"keep_side": False})
def assign_roles_v3(doc: Document, config: Mapping[str, Any]) -> None:
    """``quote_roles.v2`` with a described speaker's side never from a later same-head noun phrase that is another
    quote's speaker (a headline's "Soldiers near Bakhmut say …" is not the "captured Russian soldier" quoted three
    paragraphs on: each speaker is introduced in their own words)."""
    relabel(doc, bool(config.get("keep_side", False)), v2=True, v3=True)


@stage("quote_roles.v1", requires=("quotes", "language"), provides=("quote_roles",),
       defaults={"keep_side": False})
def assign_roles(doc: Document, config: Mapping[str, Any]) -> None:
    """Role, side and channel of English quotes from the speaker's own words (see the module's docstring)."""
    relabel(doc, bool(config.get("keep_side", False)))
