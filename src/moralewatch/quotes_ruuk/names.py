"""Speaker mentions in Russian and Ukrainian: the name in a mention, its case endings folded to the nominative
(Сырского, Сырскому -> Сырский), the fullest name the document gives for it, and the role and side the knowledge
of data/quotes_ruuk/ gives. A form is folded only to a surname the lists know or that the document itself names in
that form: unknown is better than wrong ("Украины" never becomes "Украина" by a guess)."""

from __future__ import annotations

import functools

from ..lexicons import compile_regex
from .lexicon import lexicon
from .morph import first_name, surname

#: case endings of names and the nominative endings they may come from (longest first)
_ENDINGS = (
    ("ського", "ський"), ("ському", "ський"), ("ським", "ський"),
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"),
    ("ого", "ой"), ("ому", "ой"), ("ого", "ий"), ("ому", "ий"), ("им", "ий"),
    ("ой", "а"), ("ою", "а"), ("ей", "я"), ("ы", "а"), ("і", "а"), ("и", "а"), ("у", "а"), ("ю", "я"),
    ("ым", ""), ("ом", ""), ("ым", ""), ("ем", ""), ("а", ""), ("у", ""), ("е", ""), ("і", ""),
    ("я", "й"), ("ю", "й"), ("ем", "й"), ("е", "й"),
)

_CAP_WORD = compile_regex(r"(?:[A-ZА-ЯЁІЇЄҐ][\w'’-]*|[A-Z]{2,})")
_LATIN = compile_regex(r"[A-Za-z]")
_UKRAINIAN = compile_regex(r"[іїєґІЇЄҐ]")


def candidates(word: str) -> list[str]:
    """``word`` and the nominative forms it may be an inflection of."""
    out = [word]
    low = word.lower()
    for end, rep in _ENDINGS:
        if low.endswith(end) and len(word) - len(end) >= 3:
            out.append(word[: len(word) - len(end)] + rep)
    return out


def name_words(mention: str) -> list[str]:
    """The name at the end of a mention: its trailing capitalised words (at most two Cyrillic ones: first name
    and surname; a Latin-script run whole), or [] when the mention ends with a lower-case word."""
    words = mention.split()
    run: list[str] = []
    for w in reversed(words):
        w = w.strip("«»\"“”„,.:;()")
        if not w or not _CAP_WORD.fullmatch(w):
            break
        run.insert(0, w)
    if not run:
        return []
    if _LATIN.search(run[-1]):
        return [w for w in run if _LATIN.search(w)]
    return run[-2:] if len(run) >= 2 and len(run) < len(words) or len(run) == 2 else run[-1:]


class Names:
    """The names of one document's speakers: folds case endings and finds the fullest form of a name."""

    def __init__(self) -> None:
        self.full: dict[str, list[str]] = {}  # surname lemma -> fullest name words seen

    def lemma(self, word: str) -> str:
        people = lexicon().people
        if word.lower() in people or word in self.full:
            return word
        for c in candidates(word)[1:]:
            if c.lower() in people or c in self.full:
                return c
        return word

    def add(self, words: list[str]) -> list[str]:
        """Record a name (its words as written) and return it folded and as full as the document has it."""
        if not words:
            return words
        if _LATIN.search(words[-1]):
            return words
        folded = [self.lemma(w) for w in words]
        lang = "uk" if _UKRAINIAN.search(" ".join(words)) else "ru"
        if len(words) == 2 and folded[-1] != words[-1] and folded[0] == words[0]:
            folded[0] = first_name(words[0], lang)
        elif len(words) == 2 and folded == words and first_name(words[0], lang, strict=True) != words[0]:
            # «Василия Анохина»: a first name only in an oblique case folds an unknown surname beside it too
            folded = [first_name(words[0], lang, strict=True), surname(words[1], lang)]
        key = folded[-1]
        known = self.full.get(key)
        if known is None or len(folded) > len(known):
            self.full[key] = folded
            return folded
        return known

    def person(self, words: list[str]) -> tuple[str, str, str] | None:
        """(full name, role, side) from the lists for a name whose surname they know."""
        if not words:
            return None
        return lexicon().people.get(self.lemma(words[-1]).lower())


_NOT_WORD = compile_regex(r"[«»\"“”„()]")
#: the first part of a compound adjective («военно-информационный», «северо-восточный») says nothing of a role
_COMPOUND = compile_regex(r"(?<![\w-])\w+о-(?=\w)")


@functools.lru_cache(maxsize=8192)
def describe(mention: str) -> tuple[str, str]:
    """The role and side that the words of a mention give (``unknown`` where none does): the first row of
    sources.tsv with a role, and the first with a side, whose stem starts a word of the mention."""
    low = " " + _COMPOUND.sub(" ", _NOT_WORD.sub(" ", mention.lower().replace("ё", "е"))) + " "
    role = side = ""
    for stem, r, s in lexicon().sources:
        if " " + stem in low:
            role = role or r
            side = side or s
            if role and side:
                break
    return role or "unknown", side or "unknown"


__all__ = ["Names", "candidates", "describe", "name_words"]
