"""The word lists of the Russian and Ukrainian quote stage (data/quotes_ruuk/, see its README), loaded once per
process into regexes and lookup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import compile_regex, lines

_BRACES = re.compile(r"([^{}]*)\{([^{}]*)\}([^{}]*)")


def expand(form: str) -> list[str]:
    """``stem{a,b,}`` -> ``stema``, ``stemb``, ``stem`` (one level of braces)."""
    m = _BRACES.fullmatch(form)
    if not m:
        return [form]
    return [m.group(1) + ending + m.group(3) for ending in m.group(2).split(",")]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Lexicon:
    #: verb form (lower case) -> its classes (speech, about, naming, belief)
    verbs: dict[str, frozenset[str]]
    #: every class of verbs.txt
    verbs_classes: frozenset[str]
    #: an attribution phrase before its source (по словам, за даними ...)
    according: re.Pattern[str]
    #: surname (nominative, lower case) -> (full name, role, side)
    people: dict[str, tuple[str, str, str]]
    #: (stem, role or "", side or "") in file order
    sources: tuple[tuple[str, str, str], ...]
    #: (stem, channel) in file order
    channels: tuple[tuple[str, str], ...]
    #: words at the edge of a speaker phrase that are not the speaker (lower case)
    skip: frozenset[str]
    #: labels that look like a headline's speaker but are not («Источник: …», «Итог: …»)
    not_speakers: frozenset[str]
    #: stems of words for a document that speaks for its author (сводк, заявлени, повідомленн ...)
    documents: tuple[str, ...]
    #: stems of nouns for a source or body that speaks (источник, джерело, центр): inanimate for the dictionary
    source_nouns: tuple[str, ...]
    #: stems that after в/у are a time or a frame, not a body that speaks (итог, январ, четверг ...)
    in_frames: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, set[str]] = {}
    for line in lines("quotes_ruuk/verbs.txt") + lines("quotes_ruuk/verb_forms.txt"):
        cls, *groups = line.split("\t")
        for group in groups:
            for form in expand(group.strip()):
                verbs.setdefault(form.lower(), set()).add(cls)
    according = [line.lower() for line in lines("quotes_ruuk/according.txt")]
    people: dict[str, tuple[str, str, str]] = {}
    for line in lines("quotes_ruuk/people.tsv")[1:]:
        name, forms, role, side = line.split("\t")
        for form in forms.split("|"):
            people[form.lower()] = (name, role, side)
    sources = []
    for line in lines("quotes_ruuk/sources.tsv")[1:]:
        stem, role, side = line.split("\t")
        sources.append((stem.lower(), "" if role == "-" else role, "" if side == "-" else side))
    channels = tuple((a.lower(), b) for a, b in (line.split("\t") for line in lines("quotes_ruuk/channels.tsv")))
    skip = frozenset(line.lower() for line in lines("quotes_ruuk/skip_words.txt"))
    not_speakers = frozenset(line.lower() for line in lines("quotes_ruuk/not_speakers.txt"))
    phrases = _alternation(according).replace("\\ ", r"\s+")
    return Lexicon(
        verbs={k: frozenset(v) for k, v in verbs.items()},
        verbs_classes=frozenset(c for v in verbs.values() for c in v),
        according=compile_regex(rf"(?<![\w-])(?:{phrases})(?![\w-])",
                                re.IGNORECASE),
        people=people, sources=tuple(sources), channels=channels, skip=skip, not_speakers=not_speakers,
        documents=tuple(line.lower() for line in lines("quotes_ruuk/documents.txt")),
        source_nouns=tuple(line.lower() for line in lines("quotes_ruuk/source_nouns.txt")),
        in_frames=tuple(line.lower() for line in lines("quotes_ruuk/in_frames.txt")))
