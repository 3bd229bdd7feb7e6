"""A document's quotes: each paragraph's found quotes, a paragraph's colon intro for the next one's quote, the
speakers resolved in document order, continuations linked to their first paragraph, and one person's labels agreed
across their quotes."""

from __future__ import annotations

import bisect
from collections import Counter

from ..lexicons import compile_regex
from ..model import Document, Quote
from . import lexicon
from . import speakers as sp
from .finder import colon_intro, find_in_paragraph
from .found import Cue, Found, Speaker
from .resolver import Resolver
from .revision import at_least, revision
from .speaker_phrases import _agent_noun
from .validate import source_ok, speaker_ok, strip_leading


def _checked(doc: Document, d: sp.Described | None) -> sp.Described | None:
    """The speaker to store (quotes.v3): without a word caught before the name ("But Tim Ash"), and none when it
    is not a noun phrase naming someone ("will always", "the public to civilian"): unknown is better."""
    _trim_leading(doc, d)
    if d is not None and not source_ok(d.name, _agent_noun) and doc.text[d.start:d.end] == d.name:
        m = _CUT_DESCRIPTION.match(doc.text, d.end)  # "The EU foreign| affairs chief, Josep Borrell, hit back"
        if m and m.group(2) and speaker_ok(m.group(2)):
            d.name, d.start, d.end = m.group(2), m.start(2), m.end(2)
        elif m and speaker_ok(d.name + m.group(1), _agent_noun):
            d.name, d.end = d.name + m.group(1), m.end(1)
    return d if d is not None and source_ok(d.name, _agent_noun) else None


def _trim_leading(doc: Document, d: sp.Described | None) -> None:
    """Without a word caught before the name ("But Tim Ash" -> "Tim Ash")."""
    if d is not None and d.name and strip_leading(d.name) != d.name:
        cut = len(d.name) - len(strip_leading(d.name))
        if doc.text[d.start:d.end] == d.name:
            d.start += cut
        d.name = d.name[cut:]


#: the rest of a description cut short before its comma, and the name in apposition after it
_CUT_DESCRIPTION = compile_regex(r"(?<!\s)((?:\s++[a-z][\w’'-]*+){1,4}),(?:\s++([A-Z][\w’'.-]*+(?:\s++[A-Z][\w’'.-]*+)"
                                 r"{1,3}),)?")


def _to_quote(doc: Document, f: Found, d: sp.Described | None) -> Quote:
    q = Quote(f.start, f.end, doc.text[f.start:f.end], kind=f.kind, rule=f.rule, confidence=f.confidence)
    if f.cue is not None:
        q.cue, q.cue_start, q.cue_end = f.cue.text, f.cue.start, f.cue.end
    if d is not None:
        q.speaker, q.speaker_start, q.speaker_end = d.name, d.start, d.end
        q.speaker_role, q.side, q.channel, q.via = d.role, d.side, d.channel, list(d.via)
        if q.speaker in q.via:
            q.via.remove(q.speaker)
    else:
        q.confidence = min(q.confidence, 0.3)
    return q


_WORD_CHAR = compile_regex(r"\w")


#: a paragraph of an interview transcript: a name, a colon, what they said (one line)
_TURN = compile_regex(r"(?<![\w’'.-])([A-Z][\w’'.-]*+(?:[ \t]++(?:[A-Z][\w’'.-]*+|de|der|van|von|bin|al)){0,4}+)[ \t]*+:"
                      r"[ \t]++(\S[^\n]*+)$")

#: labels before a colon that are page furniture or captions, not speakers
_NOT_TURN_LABELS = frozenset(
    "source sources photograph photo photos image images video videos watch listen read related note notes editor "
    "update updated published caption credit credits tags topics share by date time location warning disclaimer "
    "correction clarification contact email tel phone follow subscribe advertisement sponsored summary background "
    "analysis opinion comment comments explainer live breaking latest more see also key points q a question "
    "answer interviewer transcript".split()
)


def _interview_turns(doc: Document) -> dict[int, Found]:
    """The paragraphs of an interview written as ``Name: what they said`` (two different names, two turns each at
    least between them, on paragraphs of their own): each is a direct quote of the name. Q and A labels are the
    transcript stage's (turns.v1)."""
    turns: dict[int, Found] = {}
    names: set[str] = set()
    for k, (lo, hi) in enumerate(doc.paragraphs):
        m = _TURN.match(doc.text, lo, hi)  # (a paragraph starts at its first non-blank character)
        if not m or m.group(1).lower() in _NOT_TURN_LABELS or not speaker_ok(m.group(1)) \
                or len(m.group(2).split()) < 3:
            continue
        cue = Cue(m.end(1), m.end(1) + 1, ":", "speech")
        end = m.start(2) + len(m.group(2).rstrip())
        turns[k] = Found(m.start(2), end, "direct", cue, Speaker(m.start(1), m.end(1), m.group(1)),
                         rule="interview-turn", confidence=0.8)
        names.add(m.group(1))
    return turns if len(turns) >= 3 and len(names) >= 2 else {}


def extract(doc: Document, strict: bool = True, rev: int = 1, own_side: bool = False,
            fixes: bool = False) -> list[Quote]:
    """All quotes of a document, sorted by start, with continuations pointing at their first paragraph.
    ``strict`` (quotes.v3, issue 13) keeps only reported clauses and speakers that name someone, and resolves a
    pronoun to a compatible antecedent; False reads as quotes.v2 did. ``rev`` 2 (quotes.v4, quotes.v5) reads
    speakers in apposition better (:mod:`.revision`). ``own_side`` (quotes.v7) gives a soldier whose words give no
    side the previous soldier's only within that soldier's passage, never the document's majority side. ``fixes``
    (quotes.v8, session 16): "said a Russian soldier" is the soldier, not "a Russian"; a nameless institutional
    speaker's side not from the side word of an army's action before it ("the Russian advance"); a group in
    sentence case ("Soldiers near Bakhmut") is no named person whose labels its other quotes share."""
    with revision(rev, fixes):
        return _extract(doc, strict, own_side, fixes)


def _extract(doc: Document, strict: bool, own_side: bool = False, fixes: bool = False) -> list[Quote]:
    marked = doc.marks  # the segment stage's layers: the spans between quotation marks, the text with them blanked
    opens = [m.open_at for m in marked]  # in order: marks are found paragraph by paragraph, in text order
    found: list[Found] = []
    turns = _interview_turns(doc) if strict else {}
    for k, (lo, hi) in enumerate(doc.paragraphs):
        if k in turns:  # "Volodymyr Zelensky: It is not failing. …": a turn of an interview is its speaker's quote
            found.append(turns[k])
            continue
        here = find_in_paragraph(doc.text, lo, hi, marked[bisect.bisect_left(opens, lo):bisect.bisect_left(opens, hi)],
                                 doc.masked[lo:hi], strict)
        first = here[0] if here else None
        if k and first is not None and first.speaker is None and first.marked is not None \
                and not doc.text[lo:first.marked.open_at].strip():
            intro = colon_intro(doc.text, *doc.paragraphs[k - 1])  # "17-year-old Jared Potts echoed:"
            if intro is not None:
                first.cue, first.speaker = intro
                first.rule, first.kind = "marks+colon-paragraph", "direct"
        found.extend(here)
    found = [f for f in found if f.kind == "mention" or (f.end > f.start and _WORD_CHAR.search(doc.text[f.start:f.end]))]
    found.sort(key=lambda f: (f.start, -f.end))
    found = [f for i, f in enumerate(found) if i == 0 or (f.start, f.end) != (found[i - 1].start, found[i - 1].end)]
    resolver = Resolver(doc, strict, own_side, fixes)
    quotes: list[Quote] = []
    first_of: dict[int, int] = {}
    for f in found:
        d = resolver.describe(f)
        if strict:
            d = _checked(doc, d)
        elif at_least(2):  # quotes.v4: the speaker without a word caught before it (nulling is quotes.v5's)
            _trim_leading(doc, d)
        resolver.remember(f, d)
        if f.kind == "mention":  # someone the text narrates about: heard by the resolver, not a quote
            continue
        q = _to_quote(doc, f, d)
        if f.continues_prev and quotes:
            prev = next((i for i in range(len(quotes) - 1, -1, -1) if quotes[i].kind == "direct"), None)
            if prev is not None:
                q.continues = first_of.get(prev, prev)
                first_of[len(quotes)] = q.continues
        quotes.append(q)
    _agree_by_name(quotes, fixes)
    if own_side:
        _side_of_repeated_words(quotes)
    return quotes


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


_WORD = compile_regex(r"\w+(?:[’']\w+)?")


def _side_of_repeated_words(quotes: list[Quote]) -> None:
    """quotes.v7: a soldier quoted without a side whose words (six or more) are another quote's, as a page's
    standfirst or pull quote repeats a quote of the story, is that quote's soldier and takes their side."""
    words = [_words_of(q.text) for q in quotes]
    for i, q in enumerate(quotes):
        if q.side not in (None, "unknown") or q.speaker_role not in ("soldier", "pow") or len(words[i]) < 6:
            continue
        sides = {o.side for j, o in enumerate(quotes) if j != i and o.speaker_role in ("soldier", "pow")
                 and o.side not in (None, "unknown") and _contains(words[j], words[i])}
        if len(sides) == 1:
            q.side = sides.pop()


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return len(longer) >= n and any(longer[k:k + n] == shorter for k in range(len(longer) - n + 1))


def _agree_by_name(quotes: list[Quote], fixes: bool = False) -> None:
    """A named speaker is one person throughout the document: a role or side that one of their quotes leaves
    unknown is taken from the others ("The veteran Russian diplomat" earlier, "Lavrov said" later), and an unknown
    channel from the one specific channel their other quotes name ("Giving an interview …, Macron said").
    ``fixes`` (quotes.v8): a group in sentence case is no name ("Soldiers near Bakhmut")."""
    labels: dict[str, dict[str, Counter[str]]] = {}
    for q in quotes:
        if not q.speaker or not q.speaker[:1].isupper():  # "he", "the official": not one person for sure
            continue
        if fixes and not _named(q.speaker):
            continue
        for key in ("speaker_role", "side", "channel"):
            value = getattr(q, key)
            if value and value != "unknown" and (key != "channel" or value in _SPECIFIC_CHANNELS):
                labels.setdefault(q.speaker, {}).setdefault(key, Counter())[value] += 1
    for q in quotes:
        for key, counts in labels.get(q.speaker or "", {}).items():
            if getattr(q, key) in (None, "unknown") and (key != "channel" or len(counts) == 1):
                setattr(q, key, counts.most_common(1)[0][0])  # a channel only when the speaker used just one


def _named(speaker: str) -> bool:
    """quotes.v8: whether a capitalised speaker can be one named person or body: not when its first word is a plural
    noun of people in sentence case ("Soldiers near Bakhmut", "Residents of Kharkiv", "Officials"), a group that
    another sentence's namesake need not be."""
    first = speaker.split()[0].lower().strip(",.")
    plural = first.endswith(("s", "men")) and not first.endswith(("ss", "'s", "’s"))
    return not (plural and (first in lexicon.roles()[0] or first in lexicon.word_set("speaker_nouns.txt")))


#: channels that say how a speaker was heard (an interview, a video): the speaker's other quotes came the same way
_SPECIFIC_CHANNELS = frozenset({"interview", "video", "phone_call", "text_message", "social_media_post",
                                "press_briefing"})
