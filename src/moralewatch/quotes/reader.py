"""The sentence reader: attaches a sentence's marked spans to its attribution clauses and finds its indirect
quotes (each sentence is read once; :mod:`.finder` runs it over a paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layers.marks import Marked
from ..lexicons import compile_regex
from ..wordlists import fill
from . import lexicon
from .clauses import (
    _ADVERBIAL,
    _AFTER_ACCORDING,
    _AND_THAT,
    _IMPERSONAL,
    _INTRO,
    _SUBORDINATE,
    _TELL_OBJ,
    _according,
    _clause_end,
    _content_after,
    _object_speaker_ok,
    _trailing,
)
from .cues import _POSSESSOR
from .found import Cue, Found, Speaker
from .revision import at_least
from .speaker_phrases import (
    _LEAD_JUNK,
    _PARTY_TAG,
    _SUBJECT_PRONOUNS,
    _agent_noun,
    _before_blanks,
    _is_name,
    _last_word,
    _looks_like_np,
    _strip_aux_back,
    speaker_after,
    speaker_before,
)
from .validate import finite_clause, has_verb, reported_clause, source_ok, speaker_ok, trim_aside


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_NAME_AT_END = compile_regex(r"((?:[A-Z][\w’'.-]{0,100}+\s++){0,3}[A-Z][\w’'.-]{0,100}+)\s*$")


#: between a speech cue and the subject of its reported clause
_THAT_GAP = compile_regex(r"\s+(?:that\s+)?$")
#: after "according to a description": the name in apposition, and the comma before the content
_NAMED_AFTER = compile_regex(r"\s{0,20}+,\s{0,20}+([A-Z][\w.'’-]{0,60}+(?:\s{1,5}+[A-Z][\w.'’-]{0,60}+){1,3}+)\s{0,20}+,"
                             r"\s{1,20}+\S")
_MIXED_STOP = compile_regex(r"\s[–—]\s|;|,\s*(?:according|[a-z]+\s+(?:said|says|told|added))\b|\(|,?\s{1,80}+(?:and|but)\s+that\b")


_ADVERBIAL_TAIL = compile_regex(r"^\s*(?:to\s+[\w’' .-]{0,40}?|in\s+[\w’' .-]{0,40}?|on\s+[\w’' .-]{0,30}?)?\s*[.!?…\"”’]*\s*$")


_TRAILING_SAID = compile_regex(_words(r",\s*(?:(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*|he|she|they)\s+(?:@reader.trailing_said@)"
                                      r"\s*$"))


_SUBJECT_NP = compile_regex(_words(r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|(?:[A-Z][\w.-]{0,100}+\s++){0,20}[A-Z][\w.-]{0,100}+(?:’s|"
                                   r"'s))\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+(?=\s+(?:@reader.subject_np.1@|\w+ed|(?!(?:@reader.subject_np.2@)"
                                   r"\b)\w+s|@reader.subject_np.3@)\b)"))


_SUBJECT_NAME = compile_regex(r"(?:[A-Z][\w’'.-]{0,100}+\s++){0,20}[A-Z][\w’'.-]{0,100}+(?=\s+[a-z])")


_APPOSITION_TAIL = compile_regex(_words(r"^,\s*(?:@reader.apposition_tail@|[\w.-]+(?:’s|'s))\b[^.;]*"))


_WHO_BEFORE = compile_regex(r"\b(?:who|whom)\s+(?:\w+\s+){0,2}$")


_COMMA_WHO_BEFORE = compile_regex(r",\s*(?:who|whom)\s[^,]*$")


_OPEN_PUNCT_END = compile_regex(r"[,;:(]\s*$")


_DASH_COLON_END = compile_regex(r"[-–—:]\s*$")


_CLAUSE_PUNCT_INSIDE = compile_regex(r"[,;:]")


_CLAUSE_TOKENS = compile_regex(r"[\w’'.&/-]+|[,;:()—–]")


#: two words: ``len(text[start:end].split()) >= 2`` without splitting a clause that may run to the paragraph's end
_TWO_WORDS = compile_regex(r"\S\s+\S")


def _impersonal_before(masked: str, lo: int, end: int) -> re.Match[str] | None:
    """``_IMPERSONAL.search(masked, lo, end)`` ("it was reported that"), searched from the fifth word before
    ``end`` at the earliest: a match ends at ``end`` and holds at most four words ("it has been widely"), so none
    can start further back, and a long sentence is not searched whole for each cue (quadratic)."""
    start = end
    for _ in range(5):
        while start > lo and masked[start - 1].isspace():
            start -= 1
        while start > lo and not masked[start - 1].isspace():
            start -= 1
    return _IMPERSONAL.search(masked, start, end)


@dataclass
class SentenceReader:
    """Reads one sentence: attaches its marked spans to attribution clauses and finds its indirect quotes."""

    text: str
    masked: str
    lo: int
    s: int
    e: int
    marked: list[Marked]
    cues: list[Cue]
    out: list[Found] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    #: quotes.v3 (issue 13): reported clauses and speakers are checked (validate.py); False reads as quotes.v2 did
    strict: bool = True

    def run(self) -> list[Found]:
        cues = self.cues
        for i, m in enumerate(self.marked):
            self._marked(i, m, cues)
        self._indirect(cues)
        return self.out

    # marked spans ---------------------------------------------------------------------------------------------

    def _comma_before(self, pos: int) -> bool:
        """Whether the masked paragraph before ``pos`` ends with a comma (blanks aside)."""
        k = _before_blanks(self.masked, pos - self.lo)
        return k > 0 and self.masked[k - 1] == ","

    def _bounds(self, i: int) -> tuple[int, int]:
        prev_end = self.marked[i - 1].close_at + 1 if i > 0 else self.s
        nxt = self.marked[i + 1].open_at if i + 1 < len(self.marked) else self.e
        return max(prev_end, self.s), nxt

    def _marked(self, i: int, m: Marked, cues: list[Cue]) -> None:
        head_lo, tail_hi = self._bounds(i)
        open_at = m.open_at
        close = m.close_at + 1 if m.close_at >= 0 else m.end
        head = self.masked[head_lo - self.lo:open_at - self.lo]
        at_start = not head.strip(" —–-:")
        trail = _trailing(self.text, self.masked, self.lo, [c for c in cues if c.start >= close], close, tail_hi)
        lead = [c for c in cues if head_lo <= c.start and c.end <= open_at and c.start not in self.used]
        ends_clause = not self.masked[close - self.lo:tail_hi - self.lo].strip(" ,.;:!?—–-)\"”’")
        found = Found(m.start, m.end, "direct", marked=m, continues_prev=m.continues_prev)
        if trail and (at_start or head.rstrip().endswith((":", ","))):
            found.cue, found.speaker = trail
            found.rule, found.confidence = "marks+trailing", 0.9
            self.used.add(trail[0].start)
        elif head.rstrip().endswith(":") and self._colon_speaker(head_lo, open_at, found):
            found.rule, found.confidence = "marks+colon", 0.7
        elif lead and head.rstrip().endswith((":", ",")) and self._lead_speaker(lead[-1], found):
            found.rule, found.confidence = "marks+leading", 0.85
            if not self.text[m.start:m.start + 1].isupper() and not head.rstrip().endswith(":"):
                found.kind = "partial"
        elif at_start:
            content = self.text[m.start:m.end]
            if not trail and (len(content.split()) < 2 or content.rstrip().endswith(":")):
                return  # "Related:", a one-word title: nobody is quoted
            found.rule, found.confidence = ("marks", 0.6) if ends_clause or m.close_at < 0 else ("marks", 0.5)
            if trail:
                found.cue, found.speaker = trail
                self.used.add(trail[0].start)
                found.kind, found.rule = "partial", "marks+trailing"
        else:
            self._embedded(m, found, cues, head_lo, close, trail)
            if found.speaker is None and len(self.text[m.start:m.end].split()) >= 3 \
                    and self._split_from(i, head_lo, open_at, head, found):
                found.rule, found.confidence = "marks+split", 0.85
            if found.speaker is None and len(self.text[m.start:m.end].split()) < 4:
                return  # a scare quote ("special military operation") with nobody saying it
        self.out.append(found)

    def _split_from(self, i: int, head_lo: int, open_at: int, head: str, found: Found) -> bool:
        """``“…,” said Petrenko, speaking of the marines, “…”``: the second piece of a split quote has the speaker of
        the attribution between the pieces."""
        prev = self.out[-1] if self.out else None
        if i == 0 or prev is None or prev.marked is not self.marked[i - 1] or prev.speaker is None \
                or prev.cue is None or not head.rstrip().endswith(",") or not head_lo <= prev.cue.start < open_at:
            return False
        found.cue, found.speaker = prev.cue, prev.speaker
        if not self.text[found.start:found.start + 1].isupper():
            found.kind = "partial"  # as the embedded reading would call it: nested in a mixed quote, it is dropped
        return True

    def _coordinated(self, conj: int) -> Speaker | None:
        """The subject of the verb phrase before "and"/"but" (scanning back to a clause boundary)."""
        stop = lexicon.word_set("boundaries.txt")
        pos = conj
        for _ in range(8):
            w, start = _last_word(self.masked, self.s - self.lo, pos - self.lo)
            if not w or w.lower() in stop or _OPEN_PUNCT_END.search(self.masked[self.s - self.lo:pos - self.lo]):
                break
            pos = self.lo + start
            prev, _ = _last_word(self.masked, self.s - self.lo, start)
            if w[:1].islower() and (prev[:1].isupper() or prev.lower() in _SUBJECT_PRONOUNS):
                break  # "Ms. Sherry smiled and said": the verb phrase starts at "smiled"
        if pos == conj:
            return None
        return speaker_before(self.text, self.masked, self.s, pos, self.lo)

    def _colon_speaker(self, head_lo: int, open_at: int, found: Found) -> bool:
        """``Carl Bialik: “…”``: a name right before a colon introduces the quote."""
        head = self.text[head_lo:open_at].rstrip()[:-1]
        m = _NAME_AT_END.search(head)
        if not m or not _is_name(m.group(1)) or m.group(1).isupper():
            return False
        if head[:m.start(1)].strip() and not _DASH_COLON_END.search(head[:m.start(1)]):
            return False  # "Trump told the crowd in Georgia:" is not Georgia speaking
        s = head_lo + m.start(1)
        found.speaker = Speaker(s, s + len(m.group(1)), m.group(1))
        return True

    def _lead_speaker(self, cue: Cue, found: Found) -> bool:
        sp = speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
        if sp is None and self.text[cue.start:cue.end].endswith("ing"):
            sp = self._subject()
        if sp is None and cue.cls == "according":
            sp = _according(self.text, self.masked, self.lo, cue, self.e)
        if sp is None or (at_least(2) and cue.cls == "object" and not _object_speaker_ok(sp)):
            return False  # (rev. 2) "support the Russian plan, “…”": a stance noun, no speaker
        found.cue, found.speaker = cue, sp
        self.used.add(cue.start)
        return True

    def _subject(self) -> Speaker | None:
        """The sentence's first noun phrase after introductory phrases: the subject of an "-ing" cue."""
        seg = self.masked[self.s - self.lo:self.e - self.lo]
        m = _INTRO.match(seg)
        pos = self.s + (m.end() if m else 0)
        rest = self.masked[pos - self.lo:self.e - self.lo]
        nm = _SUBJECT_NP.match(rest) or \
            _SUBJECT_NAME.match(rest)
        if not nm:
            return None
        end, _ = _strip_aux_back(self.masked, pos - self.lo, pos - self.lo + nm.end())
        phrase = self.text[pos:self.lo + end]
        if not _looks_like_np(phrase):
            return None
        return Speaker(pos, pos + len(phrase), phrase)

    def _embedded(self, m: Marked, found: Found, cues: list[Cue], head_lo: int, close: int,
                  trail: tuple[Cue, Speaker] | None) -> None:
        """A quote inside the writer's sentence: partial, or mixed with the reported clause that holds it."""
        found.kind, found.rule, found.confidence = "partial", "marks-embedded", 0.4
        before = [c for c in cues if c.end <= m.open_at and c.start >= self.s]
        for cue in reversed(before):
            if cue.cls in ("according", "nominal"):
                continue
            participle = cue.text.endswith("ing") and self._comma_before(cue.start)
            sp = None if participle else speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
            if sp is None and cue.text.endswith("ing"):  # "…, saying": the subject of the clause it follows
                sp = (self._earlier_speaker(cue) if participle else None) or self._subject()
            if sp is None:
                conj, at = _last_word(self.masked, self.s - self.lo, cue.start - self.lo)
                if conj.lower() in ("and", "but"):  # "He said that …, and added that …": the first verb's subject
                    sp = self._earlier_speaker(cue) or self._coordinated(self.lo + at)
            if sp is None:
                continue
            if at_least(2):
                if cue.cls == "object" and not _object_speaker_ok(sp):
                    continue  # "support the Russian plan, “if …”": a stance noun, no speaker
                cue, sp = self._outer_report(before, cue, sp)
            found.cue, found.speaker, found.confidence = cue, sp, 0.7
            found.rule = "marks-embedded+cue"
            self.used.add(cue.start)
            start = _content_after(self.text, self.masked, self.lo, cue, m.open_at + 1)
            if start is not None and start <= m.open_at:
                self._mixed(found, start, close)
            return
        if trail:
            found.cue, found.speaker = trail
            found.rule, found.confidence = "marks-embedded+trailing", 0.7
            self.used.add(trail[0].start)
            self._mixed(found, self.s, close)
            return
        acc = [c for c in cues if c.cls == "according"]
        if acc:
            sp = _according(self.text, self.masked, self.lo, acc[0], self.e)
            if sp:  # the reported clause around it is read by _indirect (so the cue stays unused)
                found.cue, found.speaker, found.confidence = acc[0], sp, 0.65
                found.rule = "marks-embedded+according"

    def _outer_report(self, before: list[Cue], cue: Cue, sp: Speaker) -> tuple[Cue, Speaker]:
        """A cue whose subject opens the reported clause of an earlier speech cue ("Lavrov warned that Russia would
        not respond to “…”"): the words are the earlier speaker's report."""
        if len(sp.text.split()) > 4:  # a short subject only ("Russia", "the ministry"), not a misread phrase
            return cue, sp
        for c in before:
            if c.cls != "speech" or c.end > sp.start or c.start in self.used:
                continue
            if _THAT_GAP.match(self.masked[c.end - self.lo:sp.start - self.lo]):
                outer = speaker_before(self.text, self.masked, self.s, c.start, self.lo)
                if outer is not None:
                    return c, outer
        return cue, sp

    def _mixed(self, found: Found, start: int, close: int) -> None:
        """Add the reported clause around a partial quote as a mixed quote (the partial stays as well)."""
        end = close
        rest = self.masked[close - self.lo:self.e - self.lo]
        stop = _MIXED_STOP.search(rest)
        if stop is None:
            end = _clause_end(self.text, self.masked, self.lo, close, self.e)
        else:
            end = close + stop.start()
        end = max(end, close)
        while end > start and self.text[end - 1] in " ,;:":
            end -= 1
        for f in self.out:  # a second quoted fragment of the same reported clause: one mixed quote
            if f.kind == "mixed" and f.start == start and f.cue is found.cue:
                again = list(_AND_THAT.finditer(self.masked, f.end - self.lo, found.start - self.lo))
                if not again:
                    f.end = max(f.end, end)
                    return
                start = self.lo + again[-1].start(1)  # "… that X “…” and that Y “…”": a second reported clause
                break
        self.out.append(Found(start, end, "mixed", found.cue, found.speaker, rule=found.rule + "+clause",
                              confidence=found.confidence))

    # indirect speech ------------------------------------------------------------------------------------------

    def _inside_marks(self, pos: int) -> bool:
        return any(m.open_at <= pos <= (m.close_at if m.close_at >= 0 else m.end) for m in self.marked)

    def _indirect(self, cues: list[Cue]) -> None:
        for k, cue in enumerate(cues):
            if cue.start in self.used or self._inside_marks(cue.start):
                continue
            if cue.cls == "according":
                self._according(cue)
                continue
            if cue.cls == "nominal":
                self._nominal(cue)
                continue
            if self._trailing_indirect(cue, cues[:k]):
                continue
            self._leading_indirect(cue)

    def _covered(self, start: int, end: int) -> bool:
        return any(f.start <= start and end <= f.end and f.kind in ("indirect", "mixed")
                   and (f.cue is None or f.cue.cls == "speech") for f in self.out)

    def _truncate_outer(self, sp: Speaker) -> None:
        """A new attribution inside an earlier reported clause ends that clause before its speaker ("…supporting
        the delay, multiple sources say it is …")."""
        for f in self.out:
            if f.kind in ("indirect", "mixed") and f.start < sp.start < f.end and f.cue and f.cue.cls != "speech":
                end = sp.start
                while end > f.start and self.text[end - 1] in " ,;:–—-":
                    end -= 1
                if len(self.text[f.start:end].split()) >= 2:
                    f.end = end

    def _add(self, start: int, end: int, cue: Cue, sp: Speaker | None, rule: str, conf: float) -> Found | None:
        while end > start and self.text[end - 1] in " ,;:–—-":
            end -= 1
        while start < end and self.text[start] in " ,;:–—-":
            start += 1
        if end - start < 8 or not _TWO_WORDS.search(self.text, start, end) or self._covered(start, end):
            return None
        if self.strict and not self._valid(start, end, sp, rule):
            return None
        kind = "mixed" if any(start <= m.start and m.end <= end for m in self.marked) else "indirect"
        found = Found(start, end, kind, cue, sp, rule=rule, confidence=conf)
        if sp is not None:
            self._truncate_outer(sp)
        self.out.append(found)
        self.used.add(cue.start)
        return found

    def _valid(self, start: int, end: int, sp: Speaker | None, rule: str) -> bool:
        """A report to keep: its speaker names someone (or, after "according to", something that holds a claim),
        and a piece of a split report has a verb ("…, the department said, Imperial Yachts." has none)."""
        if sp is not None and trim_aside(sp.text) != sp.text:
            sp.text = trim_aside(sp.text)
            sp.end = sp.start + len(sp.text)
        if sp is not None and not source_ok(sp.text, _agent_noun):
            return False  # "Ukraine’s stepped-up attacks are …", "fallout from Russia’s …": no speaker, no report
        return rule != "indirect-split" or has_verb(_CLAUSE_TOKENS.findall(self.masked[start - self.lo:end - self.lo]))

    def _according(self, cue: Cue) -> None:
        sp = _according(self.text, self.masked, self.lo, cue, self.e)
        if sp is None:
            return
        quoted = [f for f in self.out if f.speaker is not None and f.cue is not None and f.cue.cls == "speech"
                  and f.end <= cue.start]
        if quoted and lexicon.org_phrases().find(sp.text):  # "…,” the Kremlin said, according to TASS: a relay
            for f in quoted:
                f.via.append(sp.text)
            return
        after = self.masked[sp.end - self.lo:self.e - self.lo]
        opens = not self.masked[self.s - self.lo:cue.start - self.lo].strip(" ,—–-")
        if opens and after.lstrip().startswith(","):  # According to X, CONTENT.
            named = _NAMED_AFTER.match(after) if at_least(2) else None
            if named and sp.text[:1].islower() and _is_name(named.group(1)) \
                    and not lexicon.org_phrases().find(named.group(1)):  # "According to one officer, Ihor Yunusov, …"
                s = sp.end + named.start(1)
                sp = Speaker(s, s + len(named.group(1)), named.group(1), sp.text)
                after = self.masked[sp.end - self.lo:self.e - self.lo]
            start = sp.end + after.index(",") + 1
            self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp, "according-lead",
                      0.75)
        else:  # CONTENT, according to X.
            rest = _AFTER_ACCORDING.match(after) if len(self.text[self.s:cue.start].split()) <= 5 else None
            if not rest:  # else what came before is an adverbial: "About 10 p.m., according to X, …"
                self._add(self.s, cue.start, cue, sp, "according-trail", 0.75)
            if rest:  # "About 10 p.m., according to a timeline, the convoy left …": the clause goes on after X
                start = sp.end + rest.start(1)
                self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp,
                          "according-mid", 0.65)

    def _earlier_speaker(self, cue: Cue) -> Speaker | None:
        """The speaker of this sentence's last attribution before ``cue``: the subject of a participle after it."""
        done = [f for f in self.out if f.speaker is not None and f.cue is not None and f.cue.end <= cue.start
                and f.cue.cls != "according" and f.cue.start >= self.s]
        if at_least(2):  # "Ukraine rejected Russian claims that …, saying": not an attribution inside a report
            done = [f for f in done if f.cue is not None and f.cue.cls != "nominal" and not any(
                g is not f and g.kind in ("indirect", "mixed") and g.start <= f.cue.start < g.end for g in self.out)]
        return max(done, key=lambda f: f.cue.end).speaker if done else None  # type: ignore[union-attr]

    def _nominal(self, cue: Cue) -> None:
        """``the ministry's claim that CONTENT``: the possessor is the speaker (a pronoun is resolved later);
        ``assurances by Vladimir Putin that CONTENT``: the agent is."""
        agent = lexicon.nominal_cue().match(self.masked, cue.start - self.lo)
        if agent is not None and agent.group(2):
            s = self.lo + agent.start(2)
            sp = Speaker(s, s + len(agent.group(2)), self.text[s:s + len(agent.group(2))])
            start = self.lo + agent.end() - 4
            self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp,
                      "indirect-nominal", 0.5)
            return
        pm = _POSSESSOR.search(self.masked, max(self.s - self.lo, cue.start - self.lo - 60), cue.start - self.lo)
        if pm is None:
            return
        g = 1 if pm.group(1) else 2
        lo = pm.start() if g == 1 else pm.start(2)
        raw = self.text[self.lo + lo:self.lo + pm.end(g)]
        if g == 2:
            raw = {"his": "he", "her": "she", "their": "they", "its": "it"}[raw.lower()]
            s = self.lo + pm.start(2)
            sp = Speaker(s, s + len(self.text[s:self.lo + pm.end(2)]), raw)
        else:
            phrase = _LEAD_JUNK.sub("", raw)
            s = self.lo + lo + len(raw) - len(phrase)
            if not phrase or not _looks_like_np(phrase):
                return
            sp = Speaker(s, s + len(phrase), phrase)
        start = self.masked.index("that", cue.end - self.lo) + self.lo
        self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, sp, "indirect-nominal",
                  0.5)

    def _trailing_indirect(self, cue: Cue, earlier: list[Cue]) -> bool:
        """``CONTENT, NP cue[ adverbials].`` with nothing but adverbials after the cue."""
        comma = self.masked.rfind(",", self.s - self.lo, cue.start - self.lo)
        if comma < 0:
            return False
        trailing = self._trailing_speaker(cue, comma)
        if trailing is None:
            return False
        sp, tail = trailing
        if at_least(2) and sp.start >= cue.end and finite_clause(_CLAUSE_TOKENS.findall(
                self.masked[sp.start - self.lo:self.e - self.lo].split(",", 1)[0])):
            return False  # "Dmytro Kuleba, the minister, said the talks had failed.": a reported clause, no speaker
        if self._relays_before(cue, comma, sp):
            return True
        rest = self._after_trailing_cue(cue, tail)
        if rest is None:
            return False
        mid = rest.lstrip().startswith(",") and rest.strip(" ,.")
        content_lo = self.s
        if self._relayed_lead(cue, earlier, comma, sp):
            return True
        first = self.marked[0] if self.marked else None
        if first and first.open_at <= self.s + 1 and self.s <= first.open_at:
            return False
        if mid:  # CONTENT1, he said, CONTENT2.
            after = max(cue.end, sp.end)
            second = self.masked.index(",", after - self.lo, self.e - self.lo) + 1 + self.lo
            self._add(content_lo, self.lo + comma, cue, sp, "indirect-split", 0.65)
            self._add(second, _clause_end(self.text, self.masked, self.lo, second, self.e), cue, sp,
                      "indirect-split", 0.6)
            return True
        return self._add(content_lo, self.lo + comma, cue, sp, "indirect-trailing", 0.75) is not None

    def _trailing_speaker(self, cue: Cue, comma: int) -> tuple[Speaker, str] | None:
        """The speaker of a trailing cue after ``comma`` ("…, NP said" or "…, said NP") and the words after both."""
        tail = self.masked[cue.end - self.lo:self.e - self.lo]
        inverted = not self.masked[comma + 1:cue.start - self.lo].strip() \
            and not _PARTY_TAG.search(self.masked[max(0, comma - 12):comma + 1])  # "Reed, D-R.I., said …"
        if inverted:
            sp = speaker_after(self.text, cue.end, self.e)
            if sp is None:
                return None
            tail = self.masked[sp.end - self.lo:self.e - self.lo]
            return sp, _APPOSITION_TAIL.sub("", tail)
        sp = speaker_before(self.text, self.masked, self.lo + comma + 1, cue.start, self.lo)
        if sp is None or self.masked[comma + 1:sp.start - self.lo].strip():
            return None
        return sp, tail

    def _relays_before(self, cue: Cue, comma: int, sp: Speaker) -> bool:
        """A trailing attribution after reported speech is a relay of it ("…, the New York Post reported"); after
        a stance ("X called for …, sources said"), the stance is the new speaker's: the earlier reading goes."""
        before = [f for f in self.out if f.kind in ("indirect", "mixed") and f.start <= self.lo + comma <= f.end + 1]
        if any(f.cue is not None and f.cue.cls == "speech" for f in before):
            self.used.add(cue.start)
            for f in before:
                if sp.text not in f.via:
                    f.via.append(sp.text)
            return True
        for f in before:
            self.out.remove(f)
        return False

    def _after_trailing_cue(self, cue: Cue, tail: str) -> str | None:
        """What follows a trailing cue once its object and adverbials are skipped; None when it is more than that."""
        rest = tail
        obj = _TELL_OBJ.match(rest) if cue.text.lower().startswith(("told", "tell")) else None
        if obj:  # "…, a school spokesman told The Wall Street Journal."
            rest = rest[obj.end():]
        while (m := _ADVERBIAL.match(rest)) and m.end() > 0:
            rest = rest[m.end():]
        rest = _ADVERBIAL_TAIL.sub("", rest)
        if rest.strip(" ,.") and not rest.lstrip().startswith(","):
            return None
        return rest

    def _relayed_lead(self, cue: Cue, earlier: list[Cue], comma: int, sp: Speaker) -> bool:
        """"the Pentagon revealed that …, the New York Post reported": the earlier cue's clause, relayed by ``sp``."""
        lead = [c for c in earlier if c.start not in self.used and c.cls == "speech"]
        for c in reversed(lead):
            lsp = speaker_before(self.text, self.masked, self.s, c.start, self.lo)
            start = _content_after(self.text, self.masked, self.lo, c, self.lo + comma) if lsp else None
            if lsp and start is not None:
                found = self._add(start, self.lo + comma, c, lsp, "indirect-lead", 0.75)
                if found:
                    found.via.append(sp.text)
                    self.used.add(cue.start)
                    return True
        return False

    def _leading_indirect(self, cue: Cue) -> None:
        """``NP cue [object] [that] CONTENT.``"""
        sp = self._leading_speaker(cue)
        if sp is None and cue.cls != "object" and _impersonal_before(self.masked, self.s - self.lo, cue.start - self.lo):
            start = _content_after(self.text, self.masked, self.lo, cue, self.e)  # "it was reported that …"
            if start is not None and self.masked.startswith("that", start - self.lo):
                self._add(start, _clause_end(self.text, self.masked, self.lo, start, self.e), cue, None,
                          "indirect-impersonal", 0.5)
            return
        if sp is None or (cue.cls == "object" and not _object_speaker_ok(sp)):
            return
        start = _content_after(self.text, self.masked, self.lo, cue, self.e)
        if start is None:
            return
        if self.strict and not reported_clause(self.masked[start - self.lo:self.e - self.lo], cue.text, cue.cls):
            self._mention(cue, sp)  # "ordered a complete shutdown": an act narrated, no reported clause
            return
        end, via = self._leading_clause_end(cue, sp, start)
        found = self._add(start, end, cue, sp, "indirect-lead", 0.7 if cue.cls == "speech" else 0.55)
        if found:
            found.via.extend(via)

    def _mention(self, cue: Cue, sp: Speaker) -> None:
        """A narrated act of someone who could be a speaker ("Erdoğan ordered …"): no quote, but the resolver
        hears of them (a later "the Turkish president said" or "he said" may be them)."""
        if cue.cls == "speech" and not cue.text.endswith("ing") and speaker_ok(trim_aside(sp.text), _agent_noun):
            self.out.append(Found(cue.end, cue.end, "mention", cue, sp, rule="mention", confidence=0.0))

    def _leading_speaker(self, cue: Cue) -> Speaker | None:
        """The speaker of a cue that leads its content: the phrase before it, or the subject of the verb a
        participle or a second verb follows ("X defended his plan, saying …", "He endorsed Clinton, but told …")."""
        participle = cue.text.endswith("ing") and self._comma_before(cue.start)
        if participle:  # "…, citing …": the subject of the clause before the comma, not an apposition
            sp = self._earlier_speaker(cue) or self._subject()
        else:
            sp = speaker_before(self.text, self.masked, self.s, cue.start, self.lo)
        if sp is not None:
            return sp
        before, at = _last_word(self.masked, self.s - self.lo, cue.start - self.lo)
        gap = self.masked[self.s - self.lo:cue.start - self.lo].rstrip()
        if before.lower() in ("and", "but"):  # "Weaver, who came out and endorsed …": the first verb's subject
            sp = self._earlier_speaker(cue) or self._coordinated(self.lo + at)
        if sp is None and cue.text.endswith("ing") and gap.endswith(","):
            sp = self._earlier_speaker(cue)  # "“…,” Syrskyi said on Monday, citing …"
        if sp is None and cue.text.endswith("ing") and before.lower() in ("by", "after", "before", "while", "when"):
            sp = self._coordinated(self.lo + at)  # "Josep Borrell hit back by saying …": the main verb's subject
        if sp is None and (cue.text.endswith("ing") or before.lower() in ("and", "but") or gap.endswith(",")):
            sp = self._subject()  # "X defended his plan, saying …", "He endorsed Clinton, but told …"
        return sp

    def _leading_clause_end(self, cue: Cue, sp: Speaker, start: int) -> tuple[int, list[str]]:
        """Where the clause a leading cue reports ends, and a relay named at its end ("…, the Post reported")."""
        end = _clause_end(self.text, self.masked, self.lo, start, self.e)
        opening = self.masked[self.s - self.lo:cue.start - self.lo]
        if _SUBORDINATE.match(opening) and not _CLAUSE_PUNCT_INSIDE.search(opening) and len(opening.split()) <= 8:
            # "While many watchers expect X, others disagree.": the cue's clause ends at the comma
            comma = self.masked.find(", ", start - self.lo + 8, end - self.lo)
            if comma >= 0:
                end = self.lo + comma
        if _WHO_BEFORE.search(self.masked[sp.end - self.lo:cue.start - self.lo + 1]) \
                or _COMMA_WHO_BEFORE.search(self.masked[sp.end - self.lo:cue.start - self.lo]):
            comma = self.masked.find(",", start - self.lo, end - self.lo)  # "Barkley, who said he …, said …"
            if comma >= 0:
                end = self.lo + comma
        trail = _TRAILING_SAID.search(self.masked[start - self.lo:end - self.lo])
        via = []
        if trail:
            via.append(self.text[start + trail.start():start + trail.end()].strip(" ,").rsplit(" ", 1)[0])
            end = start + trail.start()
        return end, via
