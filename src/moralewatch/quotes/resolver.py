"""The resolver: names and describes the speakers of one document's quotes, in document order.

A speaker mention as the finder read it ("he", "the official", "Kofman", "a ministry spokesman") becomes a
:class:`~.speakers.Described`: the nearest fitting earlier speaker or person mention for pronouns and definite
descriptions, the fullest name the document gives, and role, side, channel and via from the words around it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from ..lexicons import compile_regex
from ..model import Document
from ..wordlists import fill
from . import lexicon
from . import speakers as sp
from .found import Found


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


#: how far back (characters) a quote without attribution, or a pronoun, looks for its speaker
REACH = 1500


_SENTENCE_STOP = compile_regex(r"[.;]\s|\s[–—]\s")


class Resolver:
    """Names and describes the speakers of one document's quotes, in document order."""

    def __init__(self, doc: Document, strict: bool = True, own_side: bool = False, fixes: bool = False) -> None:
        self.doc = doc
        self.strict = strict  # quotes.v3: a pronoun resolves to a compatible antecedent only
        #: quotes.v7: a soldier whose words give no side takes the previous soldier's only within that soldier's
        #: passage (same paragraph or the next), never the document's majority: unknown is better than wrong
        self.own_side = own_side
        #: quotes.v8: a nameless institutional speaker's side not from the side word of an army's action before it
        #: ("Military doctors" after "the Russian advance")
        self.fixes = fixes
        self.text = doc.text
        self.index = sp.DocumentIndex(doc.text)
        self.history: list[tuple[int, sp.Described]] = []  # (mention position, speaker) of earlier quotes
        #: the largest mention position of history[:i + 1]: a look back stops where nothing older can be near
        #: (scanning all the history for every quote made long documents quadratic)
        self._history_max: list[int] = []
        self._person_ends: list[int] | None = None
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

    def _recent(self, since: int) -> Iterator[tuple[int, sp.Described]]:
        """The history backwards, as far as an entry can be at ``since`` or later."""
        for i in range(len(self.history) - 1, -1, -1):
            if self._history_max[i] < since:
                return
            yield self.history[i]

    def _previous(self, pos: int, pronoun: str | None = None) -> sp.Described | None:
        """The nearest earlier speaker within reach (for a pronoun, the nearest one it can refer to: "he" is no
        ministry or country, "they" no named person)."""
        hit = self._previous_at(pos, pronoun)
        return hit[1] if hit is not None else None

    def _previous_at(self, pos: int, pronoun: str | None = None) -> tuple[int, sp.Described] | None:
        """:meth:`_previous` with the position of its mention."""
        for at, d in self._recent(pos - REACH):
            if at <= pos and pos - at <= REACH and (pronoun is None or not self.strict or compatible(pronoun, d.name)):
                return at, d
        return None

    def _paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def _passage_soldier(self, pos: int) -> sp.Described | None:
        """quotes.v7: the previous speaker when it is a soldier (or prisoner), or a side's people named by their
        nationality alone ("the Ukrainians say … their fight"), whose mention is in this paragraph or the one before:
        this quote continues that passage ("another soldier of the unit said", "Serhii, a soldier with one unit")."""
        prev = self._previous_at(pos)
        if prev is None or (prev[1].role not in ("soldier", "pow") and not _nationality_group(prev[1])):
            return None
        return prev[1] if 0 <= self._paragraph_index(pos) - self._paragraph_index(prev[0]) <= 1 else None

    def _person_before(self, pos: int, role: str | None = None) -> tuple[int, int, str] | None:
        """The last description of a person (of ``role``) that ends before ``pos``, if it is within reach."""
        persons = self.index.persons
        if self._person_ends is None:
            self._person_ends = [e for _, e, _ in persons]  # ascending: the descriptions do not overlap
        for k in range(bisect.bisect_right(self._person_ends, pos) - 1, -1, -1):
            s, e, t = persons[k]
            if pos - e > REACH:
                return None  # the last fitting one is out of reach (so is every one before it)
            if t.lower().startswith("the ") and role is not None:
                continue
            if role is None or sp.label(t, "")[0] == role or (role == "soldier" and sp.label(t, "")[0] == "pow"):
                return s, e, t
        return None

    def _from_mention(self, s: int, e: int, phrase: str) -> sp.Described:
        lo, hi = self._paragraph_of(s)
        context = self.text[max(lo, s - 150):min(hi, e + 80)]
        role, side, channel = sp.label(phrase, context, self.text[max(lo, s - 40):s])
        name = sp.head_name(phrase, self.strict)
        shown = self.index.fullest_name(name) if name else phrase
        return sp.Described(shown, s, e, role, side, channel, sp.vias(context), resolved=True)

    def _antecedent(self, f: Found) -> sp.Described | None:
        assert f.speaker is not None
        mention = f.speaker.text
        words = mention.lower().split()
        prev = self._previous(f.speaker.start)
        if sp.is_pronoun(mention) and not self.strict:  # quotes.v2
            person = self._person_before(f.speaker.start)
            prev_at = self.history[-1][0] if self.history and prev else -1
            if person and person[0] > prev_at and words[0] in sp.PRONOUNS_SINGULAR:
                return self._from_mention(*person)
            return prev
        if sp.is_pronoun(mention):  # the nearer of the last fitting speaker and the last fitting person described
            prev = self._previous(f.speaker.start, words[0])
            person = self._person_before(f.speaker.start)
            prev_at = next((at for at, d in reversed(self.history) if d is prev), -1) if prev else -1
            if person and person[0] > prev_at and words[0] in sp.PRONOUNS_SINGULAR \
                    and compatible(words[0], person[2]):
                return self._from_mention(*person)
            return prev
        if words[0] == "the" and len(words) <= 3 and not any(w[:1].isupper() for w in mention.split()[1:]):
            role = sp.label(mention, "")[0]
            if role in sp.PERSON_ROLES:
                earlier = next(((at, d) for at, d in self._recent(f.speaker.start - REACH * 2)
                                if d.role == role and f.speaker.start - at <= REACH * 2), None)
                person = self._person_before(f.speaker.start, role)
                if person and (earlier is None or person[0] > earlier[0]):
                    return self._from_mention(*person)
                if earlier:
                    return earlier[1]
        return None

    def describe(self, f: Found) -> sp.Described | None:
        if f.speaker is None:
            return self._unattributed(f)
        window = self._window(f)
        ante = self._antecedent(f)
        s, e = f.speaker.at or (f.speaker.start, f.speaker.end)
        if ante is not None:
            return self._as_antecedent(f, ante, window, s, e)
        d, name = self._labelled(f, window, s, e)
        self._from_context(d, f, name, s)
        self._from_knowledge(d, f, name, s)
        return d

    def _unattributed(self, f: Found) -> sp.Described | None:
        """A quote without an attribution of its own: the previous speaker's, or nobody's."""
        if f.kind == "direct" or f.continues_prev:
            return self._previous(f.start)
        last = self.last_quoted
        if f.kind == "partial" and last is not None and last[0] <= f.start and \
                self._paragraph_of(last[0]) == self._paragraph_of(f.start) and f.start - last[0] <= 160:
            return last[1]  # "“…,” wrote X. It’s “cynicism of the highest level”.": X's words go on
        return None

    def _as_antecedent(self, f: Found, ante: sp.Described, window: str, s: int, e: int) -> sp.Described:
        """A pronoun or description that refers back to ``ante``: its labels, this quote's channel and vias."""
        d = sp.Described(ante.name, s, e, ante.role, ante.side, ante.channel, list(ante.via), True)
        channel, strong = sp.channel_of(window)
        if strong or d.channel == "unknown":
            d.channel = channel if channel != "unknown" else d.channel
        d.via = list(dict.fromkeys(f.via + sp.vias(window) + d.via))
        return d

    def _labelled(self, f: Found, window: str, s: int, e: int) -> tuple[sp.Described, str | None]:
        """The speaker as the mention and its description say (and the name in it, if any)."""
        assert f.speaker is not None
        description = f"{f.speaker.text} {f.speaker.description}".strip()
        lo, _ = self._paragraph_of(s)
        role, side, channel = sp.label(description, window, self.text[max(lo, s - 40):s])
        if f.cue is not None and channel in ("unknown", "news_report", "statement") and sp.told_outlet(
                self.text[f.cue.end:f.cue.end + 40]) and f.cue.text.lower().startswith(("told", "tell")):
            channel = "interview"  # "told the BBC", "told CNN": an interview with that outlet
        name = sp.head_name(f.speaker.text, self.strict)
        shown = self.index.fullest_name(name) if name else f.speaker.text
        d = sp.Described(shown, s, e, role, side, channel, list(dict.fromkeys(f.via + sp.vias(window))))
        if name and (role == "unknown" or side == "unknown") and shown in self.index.intro:
            intro_role, intro_side, _ = sp.label(self.index.intro[shown], "")  # how the article introduced them
            d.role = intro_role if role == "unknown" else role
            d.side = intro_side if side == "unknown" else side
        return d, name

    def _from_context(self, d: sp.Described, f: Found, name: str | None, s: int) -> None:
        """Labels left unknown, from the document around the mention: "another" soldier, a nameless ministry
        spokesman's side, an age after a name."""
        assert f.speaker is not None
        if f.speaker.text.lower().startswith("another "):
            prev = self._previous(s)
            if prev is not None:
                # quotes.v7: "another soldier" takes a side from the speaker before only when that one is a soldier
                keep = self.own_side and d.role in ("soldier", "pow") and prev.role not in ("soldier", "pow")
                d.role = prev.role if d.role in ("soldier", "pow", "unknown") else d.role
                d.side = prev.side if d.side == "unknown" and not keep else d.side
                d.channel = prev.channel if d.channel == "unknown" else d.channel
                d.via = d.via or list(prev.via)
        if d.side == "unknown" and d.role in sp.INSTITUTIONAL and name is None:  # "a ministry spokesman"
            lo, _ = self._paragraph_of(s)
            before = self.text[max(0, lo - 300):s]
            d.side = sp.side_nearby(before, skip_actions=self.fixes)
        if d.channel == "unknown" and d.role in sp.INSTITUTIONAL and name is None:
            d.channel = "statement"
        if d.role == "unknown" and name and _AGE_AFTER.match(self.text, f.speaker.end):
            d.role = "civilian"  # "Olena Petrenko, 34, who fled Mariupol": how reporting introduces ordinary people

    def _from_knowledge(self, d: sp.Described, f: Found, name: str | None, s: int) -> None:
        """Labels still unknown: a public figure the lexicon knows, a soldier's side from the soldiers before."""
        known = sp.known_person(d.name) if name else None
        if known is not None:  # a public figure the article does not introduce here ("Lavrov said")
            d.role = known[0] if d.role == "unknown" else d.role
            d.side = known[1] if d.side == "unknown" else d.side
        if d.side == "unknown" and d.role in ("soldier", "pow") and self.own_side:
            assert f.speaker is not None  # (described from a mention: the caller's branch)
            d.side = _side_before_soldier_noun(f"{f.speaker.text} {f.speaker.description}")
            passage = self._passage_soldier(s) if d.side == "unknown" else None
            d.side = passage.side if passage is not None else d.side
        elif d.side == "unknown" and d.role in ("soldier", "pow"):
            prev = self._previous(s)
            if prev is not None and prev.role in ("soldier", "pow"):
                d.side = prev.side
            if d.side == "unknown":
                d.side = self.index.soldier_side

    def remember(self, f: Found, d: sp.Described | None) -> None:
        if d is not None:
            at = max(f.start, d.start)
            self.history.append((at, d))
            self._history_max.append(max(at, self._history_max[-1]) if self._history_max else at)
            if f.kind in ("direct", "partial", "mixed"):
                self.last_quoted = (max(f.end, d.end), d)


#: the nouns of soldiers and prisoners in a speaker's description
_SOLDIER_NOUN = compile_regex(r"(?<![\w’'-])(?:soldiers?|troops|conscripts?|POWs?|servicem[ae]n|prisoners?|captives?|"
                              r"fighters?|paratroopers?|marines?|mobilised|mobilized|recruits?)(?![\w’'-])")


def _side_before_soldier_noun(description: str) -> str:
    """quotes.v7: the side named by one of the two words right before the first soldier noun of a speaker's own
    description ("a captured Russian soldier", "a wounded Ukrainian soldier": the description's head stops at
    "captured"/"wounded", which is right for "soldiers captured by Russian forces" and loses these), else unknown."""
    m = _SOLDIER_NOUN.search(description)
    if m is None:
        return "unknown"
    table, _ = lexicon.sides()
    for word in reversed(description[:m.start()].split()[-2:]):
        side = table.get(word.lower().strip(",;:"))
        if side:
            return side[0]
    return "unknown"


def _nationality_group(d: sp.Described) -> bool:
    """A speaker named by a nationality in the plural alone ("the Ukrainians", "Russians"), with no role."""
    words = d.name.lower().split()
    words = words[1:] if words[:1] == ["the"] else words
    side = lexicon.sides()[0].get(words[0]) if len(words) == 1 and words[0].endswith("ns") else None
    return d.role == "unknown" and side is not None and side[0] in ("ru", "ua") and d.side == side[0]


#: words that make a description one woman or one man ("the spokeswoman", "Mr. Peskov")
_FEMALE = frozenset("ms ms. mrs mrs. miss madam woman spokeswoman chairwoman congresswoman businesswoman mother wife "
                    "daughter sister grandmother girl lady queen princess actress".split())
_MALE = frozenset("mr mr. sir man spokesman chairman congressman businessman father husband son brother grandfather "
                  "boy king prince actor".split())

_NAME_WORD = compile_regex(r"[A-Z][\w’'.-]*")


def compatible(pronoun: str, name: str) -> bool:
    """Whether ``pronoun`` can refer to the speaker shown as ``name``: "he"/"she" to one person (not an
    organisation, a country or a plural, nor a person of the other sex when the text says which), "they" to a
    group, an organisation or someone unnamed (not to a named person)."""
    p = pronoun.lower()
    if p not in ("he", "she", "him", "her", "they", "them"):
        return True
    words = name.split()
    low = [w.lower().strip(",.") for w in words]
    org = bool(lexicon.org_phrases().find(name)) or bool(lexicon.sides()[1].fullmatch(name.strip()))
    plural = bool(low) and (words[-1][:1].islower() and low[-1].endswith("s") and not low[-1].endswith("ss")
                            or low[0] in _PLURAL_STARTS)  # "officials", "some in the West"
    group = bool(low) and low[-1] in _GROUP_WORDS
    named = sum(1 for w in words if _NAME_WORD.fullmatch(w) and w != "The") >= 2 and not org and not group
    if low and low[0] == "the" and len(words) > 1 and all(_NAME_WORD.fullmatch(w) for w in words[1:]):
        org = True  # "the UK", "the Pentagon", "the Kremlin": a place or a body
    if p in ("they", "them"):
        return not named and not (set(low) & (_FEMALE | _MALE))
    if org or plural or group:
        return False
    if p in ("she", "her") and set(low) & _MALE or p in ("he", "him") and set(low) & _FEMALE:
        return False
    return True


#: words that start a phrase naming several people
_PLURAL_STARTS = frozenset("some many most several few both all others two three four five dozens hundreds".split())

#: heads of a group or body, never "he" or "she"
_GROUP_WORDS = frozenset("ministry government army military forces troops administration authorities command "
                         "office council committee parliament kremlin police agency service team staff union "
                         "alliance coalition party bloc company group people channel outlet newspaper network "
                         "station firm bank organisation organization institute family campaign media press".split())


#: an age right after a name (", 34,"), with no role word: an ordinary person
_AGE_AFTER = compile_regex(_words(r",\s*\d{1,2}(?:,|\s*$|\s+(?:@resolver.age_after@)\b)"))
