"""Cues: the verbs and nouns of saying of one sentence (outside quotes), without the forms used as nouns or
adjectives ("amid reports", "the alleged pause", "talk shows")."""

from __future__ import annotations

from ..lexicons import compile_regex
from ..wordlists import fill
from . import lexicon
from .found import Cue
from .speaker_phrases import _AGENT_PLURAL, _agent_noun, _last_word


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_ACCORDING = compile_regex(r"\b[Aa]ccording to\s+")


#: words that make "show(s)" a noun ("chat shows", "a TV show")
_SHOW_NOUNS = frozenset("chat talk game tv television radio news road air trade fashion art reality cooking morning "
                        "late-night variety comedy puppet slide horse".split())


#: prepositions before a gerund: "about continuing", "of saying", "for criticizing"
_GERUND_BEFORE = frozenset("about of for without from into on upon toward towards against".split())


#: words after which a cue form is a noun or an adjective ("amid reports", "the alleged pause")
_NOMINAL_BEFORE = frozenset(
    "the a an amid of new media news these those such many some following countless recent earlier with by in on "
    "no any her his their its our my your this that numerous multiple several".split()
)


#: words that are a speaker on their own before a verb ("many believe", "some said") but a determiner before a noun
_QUANTIFIERS = frozenset("many some most several few both all numerous multiple".split())


#: the possessor right before a noun of saying: a name or noun with "'s", or a possessive pronoun
_POSSESSOR = compile_regex(r"(?:\b(?:[Tt]he\s+)?(?:[\w.-]{1,100}+\s+){0,3}?([\w.-]{1,100})(?:’s|'s|s’)|\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+(?:[a-z]+\s+)?$")


#: subjects after which a base form that is a noun too ("fear", "claim") is the verb
_SUBJECTS = _QUANTIFIERS | frozenset("i we they you who others".split())


def _verb_only(form: str) -> bool:
    """A cue form that is no noun: a past tense or a verb of saying or thinking ("many said", "some believe")."""
    return form.endswith("ed") or form in lexicon.word_set("verb_only_cues.txt")


_OBJECT_PRONOUN = compile_regex(_words(r"\s{1,80}+(?:@cues.object_pronoun@)\b"))


_NOUN_PHRASE_START = compile_regex(_words(r"\s{1,80}+(?:@cues.noun_phrase_start@|[A-Z])"))


def cues_in(masked: str, lo: int, s: int, e: int) -> list[Cue]:
    """Cue verbs of one sentence (outside quotes), skipping forms used as nouns or adjectives."""
    out = []
    cx = lexicon.cues()
    seg = masked[s - lo:e - lo]
    for a, b, form in cx.phrases.find(seg):
        prev, _ = _last_word(seg, max(0, a - 30), a)
        if prev and (prev.lower() in _NOMINAL_BEFORE or prev.endswith(("’s", "'s", "s’"))) \
                and not form.endswith("ing") and not (prev.lower() in _QUANTIFIERS and _verb_only(form)):
            continue  # "amid reports", "the alleged pause", "the Kremlin’s comments": nouns and adjectives
        if form in ("shows", "show") and prev.lower() in _SHOW_NOUNS:
            continue  # "political chat shows", "talk show": the noun
        if form.endswith("ing") and prev.lower() in _GERUND_BEFORE:
            continue  # "talked about continuing", "before saying": a gerund, not an attribution of its own
        out.append(Cue(s + a, s + b, form, cx.forms[form]))
    bases, classes = lexicon.noun_like_bases()
    for a, b, form in bases.find(seg):  # "we fear", "many know", "Democrats claim that …": verbs here
        prev, _ = _last_word(seg, max(0, a - 30), a)
        subject = prev.lower() not in _NOMINAL_BEFORE and (
            prev[:1].isupper() or (prev.endswith("s") and not prev.endswith(("’s", "'s", "ss"))))
        obj = _OBJECT_PRONOUN.match(seg[b:b + 6]) is not None  # "critics call them …"
        low = prev.lower()
        agent = (bool(_AGENT_PLURAL.fullmatch(low)) or (low.endswith("s") and _agent_noun(low))) and _NOUN_PHRASE_START.match(seg[b:b + 6]) is not None  # "American officials hope the …": a plural agent before a noun-like verb
        if prev.lower() in _SUBJECTS or ((seg.startswith(" that ", b) or obj) and subject) or agent:
            out.append(Cue(s + a, s + b, form, classes[form]))
    for m in lexicon.nominal_cue().finditer(seg):  # "the ministry's claim that …", "assurances by Putin that …"
        pm = _POSSESSOR.search(seg, max(0, m.start() - 70), m.start())
        if pm is not None or m.group(2):
            out.append(Cue(s + m.start(1), s + m.end(1), m.group(1), "nominal"))
    for m in _ACCORDING.finditer(seg):
        out.append(Cue(s + m.start(), s + m.start() + len(m.group().rstrip()), m.group().rstrip(), "according"))
    return sorted(out, key=lambda c: c.start)
