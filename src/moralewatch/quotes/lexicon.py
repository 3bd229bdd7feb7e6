"""The quote stage's lexicons (data/quotes/*, and organisations, public figures, titles and side words from the
knowledge base data/kb/), compiled once per process into regexes and lookup tables.

Everything the rules know about words (cue verbs, role nouns, sides, channels, organisations) lives in data
files so that it can be extended for new reporting without touching the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from ..lexicons import compile_regex, kb, lines

#: base forms that are also common nouns ("a report", "the claim"): only their inflected verb forms are cues
NOUN_LIKE = frozenset(
    "state report note comment answer charge promise claim estimate doubt fear hope brief counter signal demand "
    "order cry text message post quote address reply radio broadcast question record comment concur order show "
    "find feel know learn post tweet attack praise welcome lecture rail sigh laugh counsel blast slam gripe vent "
    "thunder muse call".split()
)


#: title-case cue forms read in headlines ("… Says …"); only verbs that are rarely a capitalised noun or name
HEADLINE_FORMS = (
    "Says", "Tells", "Warns", "Admits", "Insists", "Denies", "Vows", "Urges", "Slams", "Blasts", "Reveals",
    "Announces", "Confirms", "Accuses", "Predicts", "Argues", "Suggests", "Explains", "Declares", "Pledges",
)


def _inflect(base: str) -> list[str]:
    """Regular inflections of an English verb: -s, -ed, -ing (the lexicon lists irregular forms itself)."""
    if base.endswith("e"):
        return [base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return [base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return [base + "es", base + "ed", base + "ing"]
    return [base + "s", base + "ed", base + "ing"]


class Phrases:
    """Finds the phrases of a table in a text with an Aho-Corasick automaton (pyahocorasick): one pass in C over
    the text however long the table, where a regex alternation of hundreds of phrases is tried at every character.
    Matches are leftmost-longest and must stand on word boundaries."""

    def __init__(self, keys: list[str], fold: bool = True) -> None:
        self.fold = fold
        self.automaton = ahocorasick.Automaton()
        for k in keys:
            self.automaton.add_word(k.lower() if fold else k, k)
        self.automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, key as written in the table)`` for each match."""
        low = text.lower() if self.fold else text
        if len(low) != len(text):  # a character whose lower case is longer: keep offsets aligned
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        out = []
        n = len(low)
        for end, key in self.automaton.iter_long(low):
            start = end - len(key) + 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "’'-_"):
                continue
            if end + 1 < n and (low[end + 1].isalnum() or low[end + 1] in "-_"):
                continue
            out.append((start, end + 1, key))
        return out


@dataclass(frozen=True)
class Cues:
    """Cue verb forms and their class (speech, belief, evidence)."""

    forms: dict[str, str]
    regex: re.Pattern[str]
    phrases: Phrases


@cache
def cues() -> Cues:
    forms: dict[str, str] = {}
    for line in lines("quotes/cues.tsv"):
        spec, cls = line.split("\t")
        parts = spec.split("|")
        base = parts[0]
        variants = parts[1:] if len(parts) > 1 else _inflect(base)
        if " " in base:
            variants = parts[1:] or []
        allowed = list(variants) + ([] if base in NOUN_LIKE else [base])
        for form in allowed:
            forms.setdefault(form, cls)
    for form in HEADLINE_FORMS:  # headlines: "Bellwether County Says Trump Should Win"
        if form.lower() in forms:
            forms.setdefault(form, forms[form.lower()])
    alts = sorted(forms, key=len, reverse=True)
    rx = compile_regex(r"(?<![\w’'-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return Cues(forms, rx, Phrases(list(forms), fold=False))


@cache
def noun_like_bases() -> tuple[Phrases, dict[str, str]]:
    """The base forms left out of ``cues()`` because they are nouns too ("fear", "claim", "know"): the finder takes
    them as verbs only after a subject pronoun or a quantifier, or before "that"."""
    classes: dict[str, str] = {}
    for line in lines("quotes/cues.tsv"):
        spec, cls = line.split("\t")
        base = spec.split("|")[0]
        if base in NOUN_LIKE:
            classes.setdefault(base, cls)
    return Phrases(sorted(classes), fold=False), classes


@cache
def nominal_cue() -> re.Pattern[str]:
    """``POSSESSOR [adjective] NOUN that`` ("the ministry's claim that") or ``NOUN by|from AGENT that`` ("assurances
    by Vladimir Putin that"): a noun of saying with the one who said it (group 2: the agent after "by")."""
    nouns = "|".join(sorted(word_set("nominal_cues.txt"), key=lambda w: (-len(w), w)))
    return compile_regex(r"\b(" + nouns + r")(?:\s+(?:by|from)\s+((?:the\s+)?(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*))?"
                         r"\s+that\b")


@dataclass(frozen=True)
class Org:
    name: str
    role: str
    side: str
    kind: str


@cache
def orgs() -> tuple[dict[str, Org], re.Pattern[str]]:
    """Organisations by name, and a regex that finds them (use :func:`org_phrases` on long texts)."""
    table: dict[str, Org] = {}
    for entry in kb("orgs"):
        for name in entry.names_for("quotes"):
            table[name] = Org(name, entry.role, entry.side, entry.kind)
    alts = sorted(table, key=len, reverse=True)
    rx = compile_regex(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")
    return table, rx


@cache
def org_phrases() -> Phrases:
    return Phrases(list(orgs()[0]), fold=False)


@cache
def phrases(name: str) -> Phrases:
    """The n-gram finder of a phrase table (roles, sides, channels)."""
    return Phrases(list(_phrase_table(f"quotes/{name}.tsv")[0]))


#: the phrase tables that live in the knowledge base: the quote stage's side words (kind side_word)
_KB_TABLES = {"quotes/sides.tsv": ("sides", "side_word")}


def _table_rows(name: str) -> list[tuple[str, ...]]:
    """``(phrase, value, ...)`` rows of a phrase table: a data/quotes file, or the knowledge base's entries."""
    if name in _KB_TABLES:
        base, kind = _KB_TABLES[name]
        return [(form, e.side) for e in kb(base) if e.kind == kind for form in e.names_for("quotes")]
    return [tuple(line.split("\t")) for line in lines(name)]


@cache
def _phrase_table(name: str) -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    table: dict[str, tuple[str, ...]] = {}
    for word, *rest in _table_rows(name):
        table[word.lower()] = tuple(rest)
    alts = sorted(table, key=len, reverse=True)
    rx = compile_regex(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.I)
    return table, rx


@cache
def roles() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Role nouns: phrase -> (role, default side or '-')."""
    return _phrase_table("quotes/roles.tsv")


@cache
def sides() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Side words: phrase -> (side,)."""
    return _phrase_table("quotes/sides.tsv")


@cache
def channels() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Channel phrases: phrase -> (channel,)."""
    return _phrase_table("quotes/channels.tsv")


@cache
def word_set(name: str) -> frozenset[str]:
    """The lower-cased lines of ``data/quotes/NAME`` (titles: the knowledge base's titles the quote stage reads)."""
    if name == "titles.txt":
        return frozenset(w.lower() for e in kb("titles") for w in e.names_for("quotes"))
    return frozenset(w.lower() for w in lines(f"quotes/{name}"))


@cache
def via_phrases() -> Phrases:
    """The relaying verbs, to skip the via regexes on the many windows without one."""
    return Phrases(sorted(word_set("via_verbs.txt") | {"leaked", "aired"}))


@cache
def via_regex() -> re.Pattern[str]:
    """``obtained by X`` / ``shared by X``: X is the intermediary (up to a comma, period or clause word)."""
    verbs = "|".join(sorted(word_set("via_verbs.txt")))
    return compile_regex(
                         r"\b(?:" + verbs + r")\s+(?:\w+\s+)?(?:by|to|on|in)\s+"
                         r"((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of\s+|for\s+|the\s+|news\s+agency|[A-Z][\w’'.&-]*))*"
                         r"(?:\s+(?:(?:military|security|intelligence|foreign|defen[cs]e|state|news|border|emergency|interior|"
                         r"internal|emergencies|prosecutor(?:’s|'s)?|general)\s+)?"
                         r"(?:service|agency|ministry|intelligence|media|outlet|channel|newspaper|army|forces|police|directorate|"
                         r"department|office|committee))?)"
                         )


@cache
def people() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Public figures (data/kb/people.tsv): full name -> (role, side), and surname -> (role, side) for the
    surnames that only one entry has (spelling variants of one person count once), except common ones (flag
    ``full_name_only``)."""
    full: dict[str, tuple[str, str]] = {}
    by_surname: dict[str, set[tuple[str, str]]] = {}
    for entry in kb("people"):
        for name in entry.names_for("quotes"):
            full[name] = (entry.role, entry.side)
            if "full_name_only" not in entry.flags:
                by_surname.setdefault(name.split()[-1], set()).add((entry.role, entry.side))
    return full, {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}
