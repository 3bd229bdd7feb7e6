"""Quotes and speakers: who said what, through whom (issue 7).

``quotes.v2`` is rule-based and runs on the canonical text alone: quotation marks are paired per paragraph
(the segment stage's ``marks`` and ``masked`` layers), each sentence is read once for attribution clauses and reported speech (finder.py), and speakers are
resolved and described in the codebook's terms (speakers.py). No model is loaded: the stage must run at corpus
speed, and its decisions must be explainable (every quote records the ``rule`` that produced it).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..lexicons import compile_regex
from ..model import Document, Quote
from ..pipeline import stage
from . import speakers as sp
from .finder import Found, colon_intro, find_in_paragraph

#: how far back (characters) a quote without attribution, or a pronoun, looks for its speaker
REACH = 1500


_SENTENCE_STOP = compile_regex(r"[.;]\s|\s[–—]\s")


class Resolver:
    """Names and describes the speakers of one document's quotes, in document order."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.index = sp.DocumentIndex(doc.text)
        self.history: list[tuple[int, sp.Described]] = []  # (mention position, speaker) of earlier quotes
        self.last_quoted: tuple[int, sp.Described] | None = None  # where the last marked quote's attribution ends
        self.starts = [lo for lo, _ in doc.paragraphs]

    def _paragraph_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.doc.paragraphs[i][1]:
            return self.doc.paragraphs[i]
        return 0, len(self.text)

    def _window(self, f: Found) -> str:
        pos = [f.start] + ([f.speaker.start] if f.speaker else []) + ([f.cue.start] if f.cue else [])
        ends = [f.end] + ([f.speaker.end + len(f.speaker.description)] if f.speaker else []) + \
            ([f.cue.end] if f.cue else [])
        lo, hi = self._paragraph_of(f.start)
        lead = f.cue is not None and f.cue.end <= f.start  # "X said that …": what follows is not about X
        a, b = max(lo, min(pos) - 100), min(hi, max(ends) + (0 if lead else 60))
        stop = _SENTENCE_STOP.search(self.text[max(ends):b])
        if stop:
            b = max(ends) + stop.start()
        s, e = max(a, f.start), min(b, f.end)  # the quote's own words say nothing about how they reached us
        if s < e:
            return self.text[a:s] + " " * (e - s) + self.text[e:b]
        return self.text[a:b]

    def _previous(self, pos: int) -> sp.Described | None:
        for at, d in reversed(self.history):
            if at <= pos and pos - at <= REACH:
                return d
        return None

    def _person_before(self, pos: int, role: str | None = None) -> tuple[int, int, str] | None:
        best = None
        for s, e, t in self.index.persons:
            if e > pos:
                break
            if t.lower().startswith("the ") and role is not None:
                continue
            if role is None or sp.label(t, "")[0] == role or (role == "soldier" and sp.label(t, "")[0] == "pow"):
                best = (s, e, t)
        if best and pos - best[1] <= REACH:
            return best
        return None

    def _from_mention(self, s: int, e: int, phrase: str) -> sp.Described:
        lo, hi = self._paragraph_of(s)
        context = self.text[max(lo, s - 150):min(hi, e + 80)]
        role, side, channel = sp.label(phrase, context, self.text[max(lo, s - 40):s])
        name = sp.head_name(phrase)
        shown = self.index.fullest_name(name) if name else phrase
        return sp.Described(shown, s, e, role, side, channel, sp.vias(context), resolved=True)

    def _antecedent(self, f: Found) -> sp.Described | None:
        assert f.speaker is not None
        mention = f.speaker.text
        words = mention.lower().split()
        prev = self._previous(f.speaker.start)
        if sp.is_pronoun(mention):
            person = self._person_before(f.speaker.start)
            prev_at = self.history[-1][0] if self.history and prev else -1
            if person and person[0] > prev_at and words[0] in sp.PRONOUNS_SINGULAR:
                return self._from_mention(*person)
            return prev
        if words[0] == "the" and len(words) <= 3 and not any(w[:1].isupper() for w in mention.split()[1:]):
            role = sp.label(mention, "")[0]
            if role in sp.PERSON_ROLES:
                earlier = next(((at, d) for at, d in reversed(self.history)
                                if d.role == role and f.speaker.start - at <= REACH * 2), None)
                person = self._person_before(f.speaker.start, role)
                if person and (earlier is None or person[0] > earlier[0]):
                    return self._from_mention(*person)
                if earlier:
                    return earlier[1]
        return None

    def describe(self, f: Found) -> sp.Described | None:
        if f.speaker is None:
            if f.kind == "direct" or f.continues_prev:
                return self._previous(f.start)
            last = self.last_quoted
            if f.kind == "partial" and last is not None and last[0] <= f.start and \
                    self._paragraph_of(last[0]) == self._paragraph_of(f.start) and f.start - last[0] <= 160:
                return last[1]  # "“…,” wrote X. It’s “cynicism of the highest level”.": X's words go on
            return None
        window = self._window(f)
        ante = self._antecedent(f)
        s, e = f.speaker.at or (f.speaker.start, f.speaker.end)
        if ante is not None:
            d = sp.Described(ante.name, s, e, ante.role, ante.side, ante.channel, list(ante.via), True)
            channel, strong = sp.channel_of(window)
            if strong or d.channel == "unknown":
                d.channel = channel if channel != "unknown" else d.channel
            d.via = list(dict.fromkeys(f.via + sp.vias(window) + d.via))
            return d
        description = f"{f.speaker.text} {f.speaker.description}".strip()
        lo, _ = self._paragraph_of(s)
        role, side, channel = sp.label(description, window, self.text[max(lo, s - 40):s])
        if f.cue is not None and channel in ("unknown", "news_report", "statement") and sp.told_outlet(
                self.text[f.cue.end:f.cue.end + 40]) and f.cue.text.lower().startswith(("told", "tell")):
            channel = "interview"  # "told the BBC", "told CNN": an interview with that outlet
        name = sp.head_name(f.speaker.text)
        shown = self.index.fullest_name(name) if name else f.speaker.text
        d = sp.Described(shown, s, e, role, side, channel, list(dict.fromkeys(f.via + sp.vias(window))))
        if name and (role == "unknown" or side == "unknown") and shown in self.index.intro:
            intro_role, intro_side, _ = sp.label(self.index.intro[shown], "")  # how the article introduced them
            d.role = intro_role if role == "unknown" else role
            d.side = intro_side if side == "unknown" else side
        if f.speaker.text.lower().startswith("another "):
            prev = self._previous(s)
            if prev is not None:
                d.role = prev.role if d.role in ("soldier", "pow", "unknown") else d.role
                d.side = prev.side if d.side == "unknown" else d.side
                d.channel = prev.channel if d.channel == "unknown" else d.channel
                d.via = d.via or list(prev.via)
        if d.side == "unknown" and d.role in sp.INSTITUTIONAL and name is None:  # "a ministry spokesman"
            lo, _ = self._paragraph_of(s)
            d.side = sp.side_nearby(self.text[max(0, lo - 300):s])
        if d.channel == "unknown" and d.role in sp.INSTITUTIONAL and name is None:
            d.channel = "statement"
        if d.role == "unknown" and name and _AGE_AFTER.match(self.text, f.speaker.end):
            d.role = "civilian"  # "Olena Petrenko, 34, who fled Mariupol": how reporting introduces ordinary people
        known = sp.known_person(d.name) if name else None
        if known is not None:  # a public figure the article does not introduce here ("Lavrov said")
            d.role = known[0] if d.role == "unknown" else d.role
            d.side = known[1] if d.side == "unknown" else d.side
        if d.side == "unknown" and d.role in ("soldier", "pow"):
            prev = self._previous(s)
            if prev is not None and prev.role in ("soldier", "pow"):
                d.side = prev.side
            if d.side == "unknown":
                d.side = self.index.soldier_side
        return d

    def remember(self, f: Found, d: sp.Described | None) -> None:
        if d is not None:
            self.history.append((max(f.start, d.start), d))
            if f.kind in ("direct", "partial", "mixed"):
                self.last_quoted = (max(f.end, d.end), d)


#: an age right after a name (", 34,"), with no role word: an ordinary person
_AGE_AFTER = compile_regex(r",\s*\d{1,2}(?:,|\s*$|\s+(?:said|says|told|added|who|from|of)\b)")


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


def extract(doc: Document) -> list[Quote]:
    """All quotes of a document, sorted by start, with continuations pointing at their first paragraph."""
    marked = doc.marks  # the segment stage's layers: the spans between quotation marks, the text with them blanked
    opens = [m.open_at for m in marked]  # in order: marks are found paragraph by paragraph, in text order
    found: list[Found] = []
    for k, (lo, hi) in enumerate(doc.paragraphs):
        here = find_in_paragraph(doc.text, lo, hi, marked[bisect.bisect_left(opens, lo):bisect.bisect_left(opens, hi)],
                                 doc.masked[lo:hi])
        first = here[0] if here else None
        if k and first is not None and first.speaker is None and first.marked is not None \
                and not doc.text[lo:first.marked.open_at].strip():
            intro = colon_intro(doc.text, *doc.paragraphs[k - 1])  # "17-year-old Jared Potts echoed:"
            if intro is not None:
                first.cue, first.speaker = intro
                first.rule, first.kind = "marks+colon-paragraph", "direct"
        found.extend(here)
    found = [f for f in found if f.end > f.start and _WORD_CHAR.search(doc.text[f.start:f.end])]
    found.sort(key=lambda f: (f.start, -f.end))
    found = [f for i, f in enumerate(found) if i == 0 or (f.start, f.end) != (found[i - 1].start, found[i - 1].end)]
    resolver = Resolver(doc)
    quotes: list[Quote] = []
    first_of: dict[int, int] = {}
    for f in found:
        d = resolver.describe(f)
        resolver.remember(f, d)
        q = _to_quote(doc, f, d)
        if f.continues_prev and quotes:
            prev = next((i for i in range(len(quotes) - 1, -1, -1) if quotes[i].kind == "direct"), None)
            if prev is not None:
                q.continues = first_of.get(prev, prev)
                first_of[len(quotes)] = q.continues
        quotes.append(q)
    _agree_by_name(quotes)
    return quotes


def _agree_by_name(quotes: list[Quote]) -> None:
    """A named speaker is one person throughout the document: a role or side that one of their quotes leaves
    unknown is taken from the others ("The veteran Russian diplomat" earlier, "Lavrov said" later), and an unknown
    channel from the one specific channel their other quotes name ("Giving an interview …, Macron said")."""
    labels: dict[str, dict[str, Counter[str]]] = {}
    for q in quotes:
        if not q.speaker or not q.speaker[:1].isupper():  # "he", "the official": not one person for sure
            continue
        for key in ("speaker_role", "side", "channel"):
            value = getattr(q, key)
            if value and value != "unknown" and (key != "channel" or value in _SPECIFIC_CHANNELS):
                labels.setdefault(q.speaker, {}).setdefault(key, Counter())[value] += 1
    for q in quotes:
        for key, counts in labels.get(q.speaker or "", {}).items():
            if getattr(q, key) in (None, "unknown") and (key != "channel" or len(counts) == 1):
                setattr(q, key, counts.most_common(1)[0][0])  # a channel only when the speaker used just one


#: channels that say how a speaker was heard (an interview, a video): the speaker's other quotes came the same way
_SPECIFIC_CHANNELS = frozenset({"interview", "video", "phone_call", "text_message", "social_media_post",
                                "press_briefing"})


@stage("quotes.v2", requires=("paragraphs", "sentences", "marks", "masked"), provides=("quotes",))
def find_quotes(doc: Document, config: Mapping[str, Any]) -> None:
    doc.quotes = extract(doc)
