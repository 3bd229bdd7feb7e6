"""Content clauses: where what a cue reports begins ("told reporters on Monday that …") and ends ("…, but …"),
the attribution after a quote ("…,” said X), and the source after "according to"."""

from __future__ import annotations

import bisect
import re

from ..lexicons import compile_regex
from ..linear import words_until
from ..wordlists import fill
from . import lexicon
from .found import Cue, Speaker
from .revision import at_least
from .speaker_phrases import _NO_COMPLEMENT, _before_blanks, _last_token, speaker_after, speaker_before


def _words(template: str) -> str:
    """A pattern of this module with its word lists from data/quotes/words/patterns.txt (see moralewatch.wordlists)."""
    return fill("quotes/words/patterns.txt", template)


_TELL_OBJ = compile_regex(
                          _words(r"\s{0,80}+(?:(?:@clauses.tell_obj.1@)?(?:[A-Z][\w’'.&-]{0,100}+\s++)*[A-Z][\w’'.&-]{0,100}|"
                                 r"@clauses.tell_obj.2@|the\s+\w+|a\s+\w+(?:\s+\w+)?|his\s+\w+(?:\s+\w+)?|her\s+\w+(?:\s+\w+)"
                                 r"?|their\s+\w+(?:\s+\w+)?)(?=[\s,:.])")
                          )


_ADVERBIAL = compile_regex(
                           _words(r"\s{0,80}+(?:,\s{0,80}+)?(?:(?:@clauses.adverbial.1@)\s+(?:on\s+)?(?:@clauses.adverbial.2@)"
                                  r"|@clauses.adverbial.3@|(?!only\b|early\b|family\b|july\b|italy\b)[a-z]{3,100}ly(?=\s+that\b)"
                                  r"|in an? (?:\w+\s+){0,2}(?:@clauses.adverbial.4@)(?:\s+(?:with|to|on)\s+")
                           # "in a statement with the BBC": up to four words (the lazy (?:[\w’'.-]+\s*){1,4}? before \b,
                           # exponential on a long word; the same match in linear time)
                           + words_until(r"[\w’'.-]", r"\s*", 4, r"\b") + r")?)\b\s*,?"
                           )


_WORD_CHARS = compile_regex(r"[\w’'-]+")


_CLAUSE_SUBJECT = compile_regex(_words(r"(?:@clauses.clause_subject@)\b"), re.I)


_WH_WORD = compile_regex(_words(r"(?:@clauses.wh_word@)\s"))


def _content_after(text: str, masked: str, lo: int, cue: Cue, e: int) -> int | None:
    """Start of the complement of a cue: after an object ("told reporters"), adverbials and "that"."""
    pos, clause = _after_object(masked, lo, cue, e)
    if clause is not None:
        return clause
    for _ in range(3):
        m = _ADVERBIAL.match(masked, pos - lo)
        if not m or m.end() == pos - lo:
            break
        pos = lo + m.end()
    while pos < e and text[pos].isspace():
        pos += 1
    if pos >= e:
        return None
    nxt = masked[pos - lo:pos - lo + 40]
    if nxt.startswith(("that ", "that,")):
        return pos
    later = _LATER_THAT.match(masked, pos - lo, e - lo)  # "said during a news conference on Friday that …"
    if later:
        return lo + later.start(1)
    if nxt[:1] in ":":
        pos += 1
        while pos < e and text[pos].isspace():
            pos += 1
        return pos
    wh = _WH_WORD.match(nxt) is not None and \
        len(masked[pos - lo:e - lo].split()) >= 3
    if wh and cue.text.lower().startswith(_EXPLAINING):
        return pos  # "she explained why the unit withdrew", "described how the shelling began"
    if cue.cls != "speech":
        return _stance_complement(masked, lo, cue, pos, e, nxt)
    return _speech_complement(masked, lo, cue, pos, e, nxt)


def _after_object(masked: str, lo: int, cue: Cue, e: int) -> tuple[int, int | None]:
    """Past the object of "told", "informed", "warned" …: where the complement search goes on, and the start of
    the reported clause when the object is followed by one ("told Ukrainian journalists … that")."""
    pos = cue.end
    if not cue.text.lower().startswith(("told", "tell", "inform", "assur", "remind", "warn", "brief", "ask", "urg")):
        return pos, None
    m = _TELL_OBJ.match(masked, pos - lo)
    if m:
        pos = lo + m.end()
        later = _THAT_AFTER_OBJECT.match(masked, pos - lo, e - lo)
        if later and not cue.text.lower().startswith(("ask", "urg")):  # "told Ukrainian journalists in a
            return pos, lo + later.start(1)  # video released by the SBU that …": the clause after the object
        return pos, None
    # "told battalion staff on Thursday that …": a longer object of common nouns, then the clause
    m = _TOLD_THAT.match(masked, pos - lo, e - lo) if not cue.text.lower().startswith(("ask", "urg")) else None
    if m and _last_token(masked, m.start(1)) not in ("so", "now", "order", "except", "given", "such"):
        return pos, lo + m.start(1)
    return pos, None


def _stance_complement(masked: str, lo: int, cue: Cue, pos: int, e: int, nxt: str) -> int | None:
    """The complement of a cue that is no verb of speech: an object, a belief, evidence."""
    if cue.cls in ("object", "belief", "evidence"):  # "wants a wall", "believes the plan …", "polls show …"
        first_word = _WORD_CHARS.match(nxt)
        if not first_word or first_word.group().lower() in _NO_COMPLEMENT - {"to", "for", "about", "as"} \
                or len(masked[pos - lo:e - lo].split()) < 3:
            return None
        return pos
    clause = _CLAUSE_SUBJECT.match(nxt)
    return pos if clause and cue.cls == "belief" else None


def _speech_complement(masked: str, lo: int, cue: Cue, pos: int, e: int, nxt: str) -> int | None:
    """The complement of a verb of speech: a quote, a question or request, a promise, or a clause of 3+ words."""
    first = _WORD_CHARS.match(nxt)
    if not first:
        return pos if nxt[:1] in "“\"‘«" else None
    w = first.group().lower()
    asks = cue.text.lower().startswith(("ask", "urg", "told", "tell", "order", "instruct", "invit", "call"))
    if asks and w in ("to", "whether", "what", "how", "why", "if", "not"):
        return pos
    if w == "to" and cue.text.lower().startswith(_COMMISSIVES) and len(masked[pos - lo:e - lo].split()) >= 3:
        return pos  # "vowed to retake the city", "threatened to cut supplies": the promise is the content
    if w in _NO_COMPLEMENT or (cue.text.endswith("ing") and w == "to"):
        return None
    if len(masked[pos - lo:e - lo].split()) < 3:
        return None
    return pos


#: an impersonal passive right before its cue ("it was reported that", "it is widely believed that"): no speaker
_IMPERSONAL = compile_regex(_words(r"\b[Ii]t\s+(?:@clauses.impersonal@)\s+(?:[a-z]+ly\s+)?$"))


#: verbs of explaining, whose complement may be a wh-clause ("explained why …", "described how …")
_EXPLAINING = ("explain", "describ", "reveal", "detail", "recount", "wonder", "recall", "outlin")


#: speech acts that commit the speaker to something: their "to"-complement is what they said they would do
_COMMISSIVES = ("vow", "pledg", "promis", "threat", "swear", "swore", "sworn")


#: the object of "told"/"informed"/"warned" (up to five lower-case or time words) and the "that" after it
_TOLD_THAT = compile_regex(_words(r"\s{1,80}+(?:(?!that\b)(?:[a-z][\w’'-]{0,100}+|@clauses.told_that@)\s+){1,5}?(that\b)"))


#: the rest of a "told" object and its setting, up to the "that" of the reported clause (no clause punctuation)
_THAT_AFTER_OBJECT = compile_regex(_words(r"(?!\s{0,80}+that\b)(?:\s{1,80}+(?!that\b)[\w’'-]{1,100}+){1,12}?\s+(that)\b(?!\s+(?:@clauses.that_after_object@)"
                                          r"\b)"))


_LATER_THAT = compile_regex(_words(r'(?:@clauses.later_that@)\b[^,.;:“”\"]{0,70}?\s(that\b)'))


#: a second reported clause of the same verb: "said that X and that Y"
_AND_THAT = compile_regex(r",?\s{1,80}+(?:and|but)\s+(that)\b")


_CLAUSE_STOP = compile_regex(r",\s+(?:but|while|whereas|according\s+to|([a-z]+ing))\b|;\s|,?\s{1,80}+and\s+(?:then\s+|also\s+)?([a-z]+(?:ed|ing|s)|said|told)\b")


#: where a clause stop can start: a comma or semicolon, or the blanks before "and" (the stop's ``\s{1,80}+and``)
_STOP_MARK = compile_regex(r"[,;]|(?<=\s)and\s")


def _stop_counts(stop: re.Match[str]) -> bool:
    """Whether a clause stop ends the clause: "-ing" only as a new attribution ("…, saying …"), "and" only before a
    verb of the cue table ("…, and accused …": a second report)."""
    if stop.group(1) and lexicon.cues().forms.get(stop.group(1)) != "speech":
        return False
    return not (stop.group(2) and stop.group(2) not in lexicon.cues().forms)


class _Stops:
    """The clause stops of one sentence (``masked`` up to ``end``), for all the cues of the sentence at once: the
    first stop that counts after a position is what ``_CLAUSE_STOP.finditer`` from there would reach, found by
    trying the pattern only where a stop can start and remembering each answer, so that a sentence of many cues is
    read once, not once per cue (quadratic on a long sentence)."""

    def __init__(self, masked: str, end: int) -> None:
        self.masked, self.end = masked, end
        self.start = end  # the places a stop can start are known from here on
        self.marks: list[int] = []  # those places, ascending
        self.next_stop: dict[int, re.Match[str] | None] = {}  # a place -> the stop at the first place from it
        self.counting: dict[int, re.Match[str] | None] = {}  # a scan's start -> the first stop that counts

    def _cover(self, pos: int) -> None:
        """Know the places a stop can start from ``pos`` on."""
        if pos >= self.start:
            return
        marks: list[int] = []
        for m in _STOP_MARK.finditer(self.masked, pos, min(self.end, self.start + 84)):
            if m.group()[0] in ",;":
                if m.start() < self.start:
                    marks.append(m.start())
                continue
            i = m.start()  # the blanks before "and", 80 at most (the stop's possessive \s{1,80}+)
            while i > max(pos, m.start() - 80) and self.masked[i - 1].isspace():
                i -= 1
            marks.extend(range(i, min(m.start(), self.start)))
        self.marks = marks + self.marks  # all before the old start, ascending
        self.start = pos

    def _search(self, pos: int) -> re.Match[str] | None:
        """``_CLAUSE_STOP.search(masked, pos, end)``: the stop at the first place from ``pos`` where one matches."""
        walked: list[int] = []
        found: re.Match[str] | None = None
        for k in range(bisect.bisect_left(self.marks, pos), len(self.marks)):
            at = self.marks[k]
            if at in self.next_stop:
                found = self.next_stop[at]
                break
            walked.append(at)
            found = _CLAUSE_STOP.match(self.masked, at, self.end)
            if found is not None:
                break
        for at in walked:
            self.next_stop[at] = found
        return found

    def first(self, pos: int) -> re.Match[str] | None:
        """The first stop that counts in ``_CLAUSE_STOP.finditer(masked, pos, end)``."""
        self._cover(pos)
        seen: list[int] = []
        found: re.Match[str] | None = None
        while True:
            if pos in self.counting:
                found = self.counting[pos]
                break
            seen.append(pos)
            found = self._search(pos)
            if found is None or _stop_counts(found):
                break
            pos = found.end()  # finditer goes on after the stop (no stop is empty)
        for p in seen:
            self.counting[p] = found
        return found


_last_stops: list[_Stops] = []


def _stops(masked: str, end: int) -> _Stops:
    """The stops of the sentence being read (the last one asked for: the cues of a sentence are read together)."""
    if not (_last_stops and _last_stops[0].masked is masked and _last_stops[0].end == end):
        _last_stops[:] = [_Stops(masked, end)]
    return _last_stops[0]


def _clause_end(text: str, masked: str, lo: int, pos: int, e: int) -> int:
    """End of a reported clause: the sentence end, without its final punctuation, or an earlier comma that opens
    a contrast the writer adds ("…, but …", "…, while …") or a new attribution ("…, saying …")."""
    end = e
    stop = _stops(masked, e - lo).first(pos - lo)
    if stop is not None and stop.start() + lo - pos >= 12:
        end = lo + stop.start()
    while end > pos and (text[end - 1] in ".!?…\"'”’») " or text[end - 1].isspace()):
        if text[end - 1] in "”»\"’" and end - 1 > pos and masked[end - 2 - lo] == "x":
            break
        end -= 1
    return end


#: a description before a name, its comma left open: "another friend, Mariam Emara told CNN"
_APPOSITION_BEFORE = compile_regex(_words(r"(?:@clauses.apposition_before@)\s+[^,.;:]{1,60}"))


_GAP_PUNCT = compile_regex(r"[\s,—–-]*")


_STRONG_PUNCT = compile_regex(r"[;:!?]")


def _trailing(text: str, masked: str, lo: int, cues: list[Cue], after: int, e: int) -> tuple[Cue, Speaker] | None:
    """``…, NP cue[ …].`` or ``…, cue NP[, apposition].`` right after ``after`` up to the sentence end."""
    m = _GAP_PUNCT.match(masked, after - lo)  # (not on a copy of the rest of the paragraph: quadratic)
    start = after + (m.end() - (after - lo) if m else 0)
    for cue in cues:
        if cue.start < start or cue.cls == "according":
            continue
        if cue.start == start:  # inverted: said Smith
            sp = speaker_after(text, cue.end, e)
            return (cue, sp) if sp else None
        sp = speaker_before(text, masked, start, cue.start, lo)
        gap = masked[start - lo:sp.start - lo].strip(" ,") if sp else ""
        open_comma = masked[start - lo:sp.start - lo].rstrip().endswith(",") if sp else False
        described = sp is not None and ((bool(sp.description) and gap.endswith(sp.description.strip(" ,")))
                                        or (open_comma and bool(_APPOSITION_BEFORE.fullmatch(gap)))) \
            and not _STRONG_PUNCT.search(gap)
        if sp and (not gap or described):  # "…,” the Moscow-appointed deputy leader of …, Kirill Stremousov, said
            if gap:
                sp.description = text[start:start + len(masked[start - lo:sp.start - lo].rstrip(" ,"))].strip(" ,")
            return cue, sp
        return None
    return None


#: after "according to X": ", " and a clause that goes on (not a relative, an apposition or a participle)
_AFTER_ACCORDING = compile_regex(_words(r",\s+(?!(?:@clauses.after_according@|\w+ing|\w+ed)\b)(\S+(?:\s+\S+){2,})"))


_ACCORDING_LONG = compile_regex(r"\s{0,80}+([\w’'.&/-]{1,100}+(?:\s++[\w’'.&/-]{1,100}+){0,19}?)(?=,)")


_ACCORDING_SHORT = compile_regex(r"\s{0,80}+([\w’'.&/-]{1,100}+(?:\s++[\w’'.&/-]{1,100}+){0,11}?)(?=,|\.\s*$|\s*$|\s+(?:that|which|who)\b)")


def _according(text: str, masked: str, lo: int, cue: Cue, e: int) -> Speaker | None:
    """The source after "according to": up to its comma (the usual case, however long the source: "according to
    early results of exit polls conducted for …, "), or up to the sentence end or a relative clause."""
    rest = masked[cue.end - lo:e - lo]
    m = _ACCORDING_LONG.match(rest) if cue.start == _sentence_start(masked, lo, cue) \
        else None
    if m is None:
        m = _ACCORDING_SHORT.match(rest)
    if not m:
        return None
    s = cue.end + m.start(1)
    phrase = text[s:cue.end + m.end(1)].rstrip(" .")
    return Speaker(s, s + len(phrase), phrase) if phrase else None


def _sentence_start(masked: str, lo: int, cue: Cue) -> int:
    """Where the sentence of ``cue`` starts, if the cue opens it (after blanks, marks or a bracket); else -1."""
    k = _before_blanks(masked, cue.start - lo, " \t“\"‘'(«")
    return cue.start if k == 0 or masked[k - 1] in ".!?\n:”’" else -1


#: a sentence's introductory phrase, up to its comma ("Absent a strong defense of these programs, …")
_INTRO = compile_regex(
                       _words(r"(?:(?:@clauses.intro@|[A-Z][a-z]+ed)\b[^,]{0,80},\s*)?")
                       )


#: a sentence that opens with a subordinate clause ("While X believe Y, …"): the clause ends at its comma
_SUBORDINATE = compile_regex(_words(r"\s{0,80}+(?:@clauses.subordinate@)\s"))


_DETERMINERS = frozenset("the a an his her their its this that these those some many most several our my".split())


def _object_speaker_ok(sp: Speaker) -> bool:
    """A stance verb ("plans", "support", "call") is often a noun: its speaker must look like one, a name, a
    pronoun, a role or a plural."""
    words = sp.text.split()
    last = words[-1]
    low = last.lower().strip(",.")
    if at_least(2) and len(words) == 2 and words[0].lower() in _DETERMINERS and last[:1].isupper() \
            and low.endswith(("an", "ese", "ish", "ch", "i")):
        return False  # "the Russian plan", "the Chinese proposal": a nationality before a noun
    if words[0].lower() in _DETERMINERS and not low.endswith(("ive", "ous", "ful", "al", "ing", "ed")):
        return True
    return last[:1].isupper() or low in lexicon.word_set("pronouns.txt") or low in lexicon.roles()[0] \
        or low in lexicon.word_set("speaker_nouns.txt") or (low.endswith("s") and not low.endswith("ss"))
