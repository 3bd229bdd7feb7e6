"""Transcripts with speaker turns (issue 19, item 1): subtitle files (``.srt``, ``.vtt``) and plain text with turns
(``NAME:``, ``Q:`` / ``A:``, ``— `` dialogue lines), as one canonical text of one paragraph per turn.

A turn's paragraph is its speaker label (as written), ``": "`` and its speech; bracketed stage notes (``[crying]``,
``[неразборчиво]``) and subtitle markup (``<i>``, ``<v Name>``) are kept apart from the speech, in ``meta``. Every
character of a turn comes from the input (the offset map points at it); only the separators between pieces (the
``": "`` after a label, a space between cue lines, the paragraph break between turns) are inserted. A cue's
timestamps are kept in ``meta["cues"]`` with the canonical span of its text: each cue is an anchor from the
canonical text to the time in the video or call.

Parsing never raises: a cue whose timestamps cannot be read keeps its text without times, and the document's
``removed`` notes say how many (and which) cues were damaged.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import lexicons
from ..lexicons import compile_regex
from ..model import OffsetMap

_TIME = r"(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})"
#: a cue's times; the arrow as the formats write it ("-->") or as hand-edited files do ("->", "—>", "=>")
_CUE_TIMES = compile_regex(rf"^\s*{_TIME}\s*(?:-{{1,3}}>|[–—=]>)\s*{_TIME}(?:\s.*)?$")
#: a line that is a cue's times, readable or not: the arrow, or a time and nothing but digits and punctuation
#: ("00:00:01,000 -> 00:00:03,500", "00:00:04,000 --> 00:0")
_ARROW = compile_regex(r"-->|^[\d\s:,.>=–—-]*\d:\d\d[\d\s:,.>=–—-]*$")
_NUMBER = compile_regex(r"^\s*\d+\s*$")
#: (patterns used with ``match(text, pos, end)`` have no ``^``: it would only match at the string's start)
_WORDS_LABEL_MAX = 5


def _label_pattern(words: int, dashes: str) -> str:
    """A label of at most ``words`` words (letters, digits, dots, apostrophes and ``dashes``), then a colon that
    does not start the minutes of a time ("END 10:40 A.M.") and speech."""
    return (rf"[^\W\d_][\w.'’ʼ{dashes}]{{0,40}}+(?:[ \t][\w.'’ʼ(){dashes}]{{1,40}}+){{0,{words - 1}}}"
            r"[ \t]{0,40}+:(?!\d)[ \t]*(?=\S)")


#: a speaker label at the start of a line: "Q:", "A:", "Mother:", "Soldier 2:", "Іван Петренко:", "ВОПРОС:"
_LABEL = compile_regex(_label_pattern(_WORDS_LABEL_MAX, "-"))
#: a line that only marks a time or the end of the record ("END 10:40 A.M. EDT", "5:35 P.M. EST"): nobody's speech
_TIME_LINE = compile_regex(r"(?:END(?:[ \t]{1,3}\d{1,2}:\d{2})?|\d{1,2}:\d{2})(?:[ \t]{1,3}(?:[AaPp]\.?[Mm]\.?|[A-Z]{2,4})){0,2}[ \t]*$")
#: a label of a declared or recognised transcript may be a long title ("Head of the Talent and Success Educational
#: Foundation Yelena Shmeleva:", "Roscosmos General Director Dmitry Rogozin:", the scrape-damaged "Human Rights
#: Commissioner Tatyana Moskalkova Moskalkova TatyanaHuman Rights Commissioner in Russian Federation:"): up to 16 words
_WORDS_LONG_LABEL_MAX = 16
_LONG_LABEL = compile_regex(_label_pattern(_WORDS_LONG_LABEL_MAX, "–-"))
#: a whole line that is a stage note in parentheses: "(Applause.)", "(Speaker Johnson strikes the gavel.)"
_PAREN_NOTE = compile_regex(r"\([^()\n]{1,120}\)[ \t]*$")
#: a reporter's question in a White House-style transcript: "Q" and a space, no colon
_BARE_Q = compile_regex(r"Q[ \t]+(?=\S)")
#: where a turn may begin inside a line (transcripts whose line breaks were lost: "... Yes, of course. Vladimir
#: Putin: How many ..."): after the end of a sentence, before a capital
_INLINE = compile_regex(r"(?<=[.?!…>*])[\"”’)]?[ \t]+(?=[^\W\d_])")
#: a dialogue line: a dash, then speech
_DASH = compile_regex(r"[—–-][ \t]+(?=\S)")
#: a leading time in plain text: "[00:01:23]", "00:12", "(1:02:03)"; or the chevrons of captions (">> ")
_LEAD_TIME = compile_regex(r"[\[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})[\])]?[ \t]+|>{1,2}[ \t]*(?=\S)")
#: a speaker label in brackets: "[Interviewer]: Where are you from?"
_BRACKET_LABEL = compile_regex(r"\[([^\[\]\n]{1,60})\][ \t]*:[ \t]*(?=\S)")
_NOTE = compile_regex(r"\[[^\[\]\n]{1,80}\]")
#: a note in parentheses at the end or the start of a turn ("Not with us. (Laughs)", "(As interpreted.) Thank you"):
#: a stage note, outside the speech; a parenthesis inside the speech stays in it
_EDGE_END = compile_regex(r"\([^()\n]{1,400}\)[ \t]*$")
_EDGE_START = compile_regex(r"\([^()\n]{1,400}\)[ \t]*")
_TAG = compile_regex(r"<(/?)([a-z]+)?(?:\.[\w.-]+)?(?:[ \t]+([^<>\n]*))?>|<\d[\d:.]*>")


@dataclass(slots=True)
class Cue:
    index: int | None
    start: float | None
    end: float | None
    lines: list[tuple[int, int]] = field(default_factory=list)  # input spans of its text lines


@dataclass(slots=True)
class Turn:
    label: str | None = None
    label_span: tuple[int, int] | None = None
    segments: list[tuple[int, int]] = field(default_factory=list)  # input spans of speech
    notes: list[tuple[int, int]] = field(default_factory=list)  # input spans of stage notes
    cues: list[int] = field(default_factory=list)  # indexes into the cue list
    time: float | None = None
    dash: bool = False


@dataclass(slots=True)
class Transcript:
    text: str
    offset_map: OffsetMap
    meta: dict[str, Any]
    notes: list[str]
    title: str | None = None


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


#: where ``str.splitlines`` ends a line
_LINE_BREAK = compile_regex(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """The lines of ``text`` as ``str.splitlines`` cuts them, each without its ``\\r``/``\\n`` ending, found one by
    one (session 13, h-hostile9b: a list of copies of a 15 MB subtitle file's 1.2 million lines, and another of
    their spans, were most of its peak memory while its cues were parsed)."""
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        yield pos, (m.start() if text[m.start()] in "\r\n" else m.end())
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def parse_cues(text: str, fmt: str, notes: list[str]) -> list[Cue]:
    """The cues of an SRT or VTT file: blocks separated by blank lines, each with an optional number (SRT) or
    identifier (VTT), a line of times and its text lines. A block without readable times keeps its text; a block
    without text is dropped; cues that overlap or go back in time are kept in the file's order. Each is noted."""
    cues: list[Cue] = []
    bad: list[str] = []
    empty: list[str] = []
    for n, block in enumerate(_numbers_joined(text, _blocks(text))):
        first = text[block[0][0]:block[0][1]].strip().lstrip("\ufeff")
        if fmt == "vtt" and (first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) and n == 0 or
                             first.startswith(("NOTE", "STYLE", "REGION"))):
            if first.startswith("WEBVTT") and len(block) > 1 and _ARROW.search(text[block[1][0]:block[1][1]]):
                block = block[1:]  # a header glued to the first cue
            else:
                continue
        cue = _cue(text, block, len(cues) + 1, bad)
        if cue.lines:
            cues.append(cue)
        else:
            empty.append(f"cue {cue.index or len(cues) + 1}")
    _note_cues(notes, bad, empty, _disordered(cues))
    if fmt == "srt" and (unnumbered := sum(c.index is None for c in cues)):
        notes.append(f"transcript: {unnumbered} cues without a number, read by their place in the file")
    return cues


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """The blocks of non-blank lines (their spans), one by one (not all the file's at once: h-hostile9b)."""
    block: list[tuple[int, int]] = []
    for s, e in _line_spans(text):
        if text[s:e].strip():
            block.append((s, e))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _numbers_joined(text: str, blocks: Iterable[list[tuple[int, int]]]) -> Iterator[list[tuple[int, int]]]:
    """The blocks, a cue number that a blank line parted from its times joined to the block after it."""
    held: list[tuple[int, int]] | None = None
    for block in blocks:
        if held is not None and len(held) == 1 and _NUMBER.match(text[held[0][0]:held[0][1]].lstrip("\ufeff")) \
                and _ARROW.search(text[block[0][0]:block[0][1]]):
            held = held + block
        else:
            if held is not None:
                yield held
            held = block
    if held is not None:
        yield held


def _cue(text: str, block: list[tuple[int, int]], nth: int, bad: list[str]) -> Cue:
    """The cue of one block (its number, times and text lines; no lines when it has no text); unreadable times of a
    cue with text go to ``bad``."""
    def line(k: int) -> str:
        return text[block[k][0]:block[k][1]]

    index: int | None = None
    i = 0
    if _NUMBER.match(line(0).lstrip("\ufeff")):
        index = int(line(0).lstrip("\ufeff"))
        i = 1
    elif len(block) > 1 and not _ARROW.search(line(0)) and _ARROW.search(line(1)):
        i = 1  # a VTT cue identifier
    start = end = None
    why = "no times"
    if i < len(block) and _ARROW.search(line(i)):
        m = _CUE_TIMES.match(line(i))
        why = "ends before it starts" if m else f"times {line(i).strip()[:40]!r}"
        if m and _seconds(*m.group(1, 2, 3, 4)) <= _seconds(*m.group(5, 6, 7, 8)):
            start, end = _seconds(*m.group(1, 2, 3, 4)), _seconds(*m.group(5, 6, 7, 8))
        i += 1
    if start is None and i < len(block):
        bad.append(f"cue {index or nth}: {why}")
    return Cue(index, start, end, block[i:])


def _disordered(cues: list[Cue]) -> int:
    """How many cues start before the cue before them ends (an overlap, or a cue out of time order)."""
    timed = [(c.start, c.end) for c in cues if c.start is not None and c.end is not None]
    return sum(1 for a, b in zip(timed, timed[1:]) if b[0] < a[1])


def _note_cues(notes: list[str], bad: list[str], empty: list[str], disordered: int) -> None:
    if bad:
        notes.append(f"transcript: {len(bad)} cues with unreadable times kept without them ("
                     + "; ".join(bad[:5]) + (", ..." if len(bad) > 5 else "") + ")")
    if empty:
        notes.append(f"transcript: {len(empty)} cues without text dropped ({', '.join(empty[:5])}"
                     + (", ...)" if len(empty) > 5 else ")"))
    if disordered:
        notes.append(f"transcript: {disordered} cues start before the cue before them ends (overlapping or out of "
                     "time order), kept in the file's order")


#: lower-case words a name or a title may hold ("President of Russia Vladimir Putin", "Ursula von der Leyen")
_CONNECTIVES = frozenset("of the and de da di du la le van von der den al bin ibn for on in".split())


def _label_ok(label: str, max_words: int = _WORDS_LABEL_MAX) -> bool:
    """A speaker label reads as a name, a title or a role ("MS. PSAKI", "Soldier 2", "President of Russia Vladimir
    Putin", "Мать"), not as the start of a sentence ("Let me be clear", "History has also shown us"): every word
    capitalised (or a number, or a connective of names between capitalised words)."""
    words = label.split()
    if len(words) > max_words or not label[:1].isupper():
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.strip("().") in _CONNECTIVES for w in words) or \
            not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
        return False
    return not any(ch in label for ch in ".!?\"«»“”") or label.rstrip(".").count(".") <= 1 and len(words) <= 3


def _turn_label(text: str, s: int, e: int, known: frozenset[str] = frozenset()) -> tuple[str, int] | None:
    """The speaker label at ``s`` in a transcript and where its speech begins, or None. A long label may hold
    lower-case words ("General Director of Russia– Land of Opportunity autonomous non-profit organisation Alexei
    Komissarov") when it ends with a name of at least two words that ``known`` holds (a label of the document)."""
    for pattern, most in ((_LABEL, _WORDS_LABEL_MAX), (_LONG_LABEL, _WORDS_LONG_LABEL_MAX)):
        m = pattern.match(text, s, e)
        if m and (_label_ok(label := text[s:m.end()].rstrip(" \t:"), most) or _titled_name(label, known) or
                  most == _WORDS_LABEL_MAX and _role_label(label)):
            return label, m.end()
    return None


@cache
def _role_words() -> frozenset[str]:
    """The words of speaker labels that give a role (``data/turns/labels.tsv``: soldier, mother, пленный, ...)."""
    return frozenset(line.split("\t")[0] for line in lexicons.lines("turns/labels.tsv") if len(line) > 2)


_LABEL_WORD = compile_regex(r"[^\W\d_]+")


def _role_label(label: str) -> bool:
    """A label in sentence case that names a role ("Russian soldier 2", "Soldier's mother", "Mother of the
    captive", "Wife of a Russian soldier"): up to five words, one of them a role's, the last a role's, a number or
    capitalised ("The soldier said" is prose)."""
    words = label.split()
    if not label[:1].isupper() or len(words) > 5 or any(ch in label for ch in ".!?\"«»“”;,()"):
        return False
    roles = _role_words()
    found = [w.lower() for w in _LABEL_WORD.findall(label)]
    last = words[-1]
    return any(w in roles for w in found) and (last[:1].isupper() or last.isdigit() or
                                               (found[-1] in roles if found else False))


def _titled_name(label: str, known: frozenset[str]) -> bool:
    """A title of lower- and upper-case words ending with a known name of two words or more (the title's first word
    an office's: "General", "Director", "Head", not "Excerpts from ...")."""
    if not known or not label[:1].isupper() or any(ch in label for ch in ".!?\"«»“”;,"):
        return False
    words = label.split()
    if not _TITLE_WORD.match(words[0]):
        return False
    return any(len(words) > n and " ".join(words[-n:]) in known for n in (2, 3))


def _split_line(text: str, s: int, e: int, turn: Turn) -> None:
    """Speech segments of ``text[s:e]`` into ``turn`` (stage notes and markup kept apart)."""
    pos = s
    cuts: list[tuple[int, int, bool]] = []
    for m in _NOTE.finditer(text, s, e):
        cuts.append((m.start(), m.end(), True))
    for m in _TAG.finditer(text, s, e):
        if not any(a <= m.start() < b for a, b, _ in cuts):
            cuts.append((m.start(), m.end(), False))
    for a, b, is_note in sorted(cuts):
        _segment(text, pos, a, turn)
        if is_note:
            turn.notes.append((a, b))
        pos = b
    _segment(text, pos, e, turn)


def _segment(text: str, s: int, e: int, turn: Turn) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        turn.segments.append((s, e))


def find_turns(text: str, lines: list[tuple[int | None, tuple[int, int], float | None]],
               known: frozenset[str] = frozenset()) -> list[Turn]:
    """Turns of ``lines`` (cue index, input span, time): a label or a dialogue dash starts a turn; a line without
    one continues the turn before it (in a subtitle file, a cue without a label continues its speaker)."""
    turns: list[Turn] = []
    cues_of: dict[int, set[int]] = {}  # id() of a turn -> its cues (a list's «in» was quadratic in a long turn)
    for cue, (s, e), time in lines:
        if cue is None and _TIME_LINE.match(text, s, e):
            continue
        m = _LEAD_TIME.match(text, s, e)
        if m:
            s = m.end()
            if time is None and m.group(1):
                parts = [int(p) for p in m.group(1).split(":")]
                time = float(parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0))
        label: str | None = None
        label_span: tuple[int, int] | None = None
        dash = False
        v = _TAG.match(text, s, e)
        if v and v.group(2) == "v" and v.group(3):  # VTT voice: <v Mother>
            label = v.group(3).strip()
            ls = text.index(label, v.start(), v.end())
            label_span = (ls, ls + len(label))
            s = v.end()
        elif found := _turn_label(text, s, e, known):
            label, s0 = found
            label_span = (s, s + len(label))
            s = s0
        elif (b := _bracket_label(text, s, e)) is not None:
            label, label_span, s = text[b.start(1):b.end(1)], (b.start(1), b.end(1)), b.end()
        elif cue is None and turns and _PAREN_NOTE.match(text, s, e):
            turns[-1].notes.append((s, e))
            continue
        elif cue is None and (m3 := _BARE_Q.match(text, s, e)):
            label, label_span, s = "Q", (s, s + 1), m3.end()
        elif (m2 := _DASH.match(text, s, e)) and not _resumes(text, m2.end(), turns):
            dash = True
            s = m2.end()
        if label is not None or dash or not turns:
            turn = Turn(label, label_span, time=time, dash=dash)
            turns.append(turn)
        turn = turns[-1]
        seen = cues_of.setdefault(id(turn), set())
        if cue is not None and cue >= 0 and cue not in seen:
            seen.add(cue)
            turn.cues.append(cue)
        if turn.time is None:
            turn.time = time
        _split_line(text, s, e, turn)
    for turn in turns:
        _edge_notes(text, turn)
    return turns


def _resumes(text: str, speech: int, turns: list[Turn]) -> bool:
    """Whether a dash line goes on with a labelled speaker's sentence ("They include key parts of Russia's financial
    sector —" / "(An aircraft is heard.) I'll wait until it goes over." / "— as well as individual and entities ..."):
    it follows a labelled turn and its speech starts in lower case (a dialogue line starts a sentence)."""
    return bool(turns) and turns[-1].label is not None and text[speech].islower()


def _edge_notes(text: str, turn: Turn) -> None:
    """A parenthesised note that opens or closes a turn's speech becomes a stage note (a turn that is only a note,
    "GREEN: (Inaudible.)", keeps it as its speech: someone spoke)."""
    segs = turn.segments
    while segs:
        a, b = segs[-1]
        m = _EDGE_END.search(text, a, b)
        if m is None or (m.start() == a and len(segs) == 1):
            break
        turn.notes.append((m.start(), text.rindex(")", m.start(), m.end()) + 1))
        segs.pop()
        _segment(text, a, m.start(), turn)  # what is left of the segment, trimmed (nothing when it was the note)
    while segs:
        a, b = segs[0]
        m = _EDGE_START.match(text, a, b)
        if m is None or (m.end() >= b and len(segs) == 1):
            break
        turn.notes.append((a, text.rindex(")", a, m.end()) + 1))
        segs.pop(0)
        if m.end() < b:
            segs.insert(0, (m.end(), b))


def _read_lines(text: str, fmt: str, notes: list[str]
                ) -> tuple[list[Cue], list[tuple[int, int]], list[tuple[int | None, tuple[int, int], float | None]],
                           frozenset[str]]:
    """The cues (subtitles), the header lines (plain text before the first turn), every line of speech with its
    cue and start time, and the document's labels of two words or more."""
    if fmt in ("srt", "vtt"):
        cues = parse_cues(text, fmt, notes)
        return cues, [], [(ci, span, cue.start) for ci, cue in enumerate(cues) for span in cue.lines], frozenset()
    lines = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    known = _known_labels(text, lines)
    spans = _inline_turns(text, lines, known)
    first_turn = next((i for i, (s, e) in enumerate(spans) if _starts_turn(text, s, e, known)), len(spans))
    if 0 < first_turn < len(spans) and (glued := _glued_label(text, spans[first_turn - 1], known)):
        spans[first_turn - 1:first_turn] = glued  # the header line and its glued turn
    if first_turn == len(spans):
        first_turn = 0
    return [], spans[:first_turn], [(None, span, None) for span in spans[first_turn:]], known


def _known_labels(text: str, lines: list[tuple[int, int]]) -> frozenset[str]:
    """Labels of two words or more ("Vladimir Putin", "Alexei Komissarov") that begin a line or follow the end of a
    sentence, and the one-word labels that begin a line."""
    known: set[str] = set()
    for s, e in lines:
        if found := _turn_label(text, s, e):
            known.add(found[0])
        for b in _INLINE.finditer(text, s, e):
            if (found := _turn_label(text, b.end(), e)) and len(found[0].split()) >= 2:
                known.add(found[0])
    return frozenset(known)


#: words of a title before a name ("President of Russia Vladimir Putin"): where a label glued to the header may start
_TITLE_WORD = compile_regex(
    r"(?:President|Vice|Prime|Minister|Director|Head|Chairman|Chairwoman|Chair|Governor|Commissioner|Secretary|"
    r"Ambassador|Deputy|General|Mayor|Spokesperson|Spokesman|Spokeswoman|Adviser|Advisor|Aide|Chief|Senator|"
    r"Representative|Speaker|Commander|Chancellor|Presidential|Acting|First)$")


def _glued_label(text: str, span: tuple[int, int], known: frozenset[str]) -> list[tuple[int, int]] | None:
    """A header line with the first label glued to it ("Excerpts from transcript of meeting of ANO Russia– Land of
    Opportunity Supervisory Board President of Russia Vladimir Putin: Friends, ..."): the header and the turn, cut
    where the title of a known name begins (the first title word of the run of capitalised words before it)."""
    s, e = span
    for name in sorted((k for k in known if len(k.split()) >= 2), key=len, reverse=True):
        at = text.find(name + ":", s, e)
        if at <= s:
            continue
        words = [(m.start(), m.group()) for m in _WORD_RUN.finditer(text, s, at)]
        cut = at
        for pos, w in reversed(words):
            if not (w[:1].isupper() or w in _CONNECTIVES) or text[pos + len(w):at].count("\n"):
                break
            if _TITLE_WORD.match(w):
                cut = pos
        if text[s:cut].strip() and _starts_turn(text, cut, e, known):
            return [(s, len(text[:cut].rstrip()) if cut > s else cut), (cut, e)]
    return None


_WORD_RUN = compile_regex(r"\S+")


def _inline_turns(text: str, spans: list[tuple[int, int]], known: frozenset[str]) -> list[tuple[int, int]]:
    """Lines cut where a turn begins inside them: a label after the end of a sentence that is a name of at least
    two words ("Vladimir Putin:", "President of Russia Vladimir Putin:") or a label that also begins a line of the
    transcript. One-word labels inside a line ("Moscow: ...", "Note: ...") are prose more often than speakers."""
    out = []
    for s, e in spans:
        start = s
        for b in _INLINE.finditer(text, s, e):
            p = b.end()
            if not text[start:b.start()].strip(" \t>"):  # the chevrons of a caption (">> ОТВЕТ:"): no cut
                continue
            found = _turn_label(text, p, e, known) if p > start else None
            if found is None:
                continue
            label = found[0]
            if label not in ("Q", "A") and (len(label.split()) >= 2 or label in known):
                end = b.start() + (1 if b.group()[:1] in "\"”’)" else 0)
                if text.endswith(("<…>", "<...>"), start, end):  # an elision mark closes the text, nobody's words
                    end = text.rindex("<", start, end)
                out.append((start, end))
                start = p
        out.append((start, e))
    return [(a, b) for a, b in out if text[a:b].strip()]


class _Writer:
    """The canonical text as it is written, piece by piece, with its offset map to the input."""

    def __init__(self, text: str) -> None:
        self.text, self.omap, self.pos = text, OffsetMap(), 0
        self.out: list[str] = []

    def put(self, s: int, e: int) -> tuple[int, int]:
        self.omap.add(self.pos, s, e - s)
        self.out.append(self.text[s:e])
        self.pos += e - s
        return self.pos - (e - s), self.pos

    def sep(self, t: str) -> None:
        self.out.append(t)
        self.pos += len(t)


class _LinesOf:
    """The input lines of a turn's cues, for "which cues hold the line at ``a``" without reading every cue of the
    turn for each of its segments (a subtitle file of one unlabelled speaker is one turn of thousands of cues:
    quadratic, 200 KB took 10 s)."""

    def __init__(self, turn: Turn, cues: list[Cue]) -> None:
        # a turn takes its cues in the file's order (find_turns): their order is their index's, and no table of it
        # is kept; their lines' starts and ends are kept in arrays, in order of start, not a tuple a line (a
        # subtitle file of one turn held both for every cue; h-hostile9b)
        ordered = all(a < b for a, b in zip(turn.cues, turn.cues[1:]))
        self.order: dict[int, int] | None = None if ordered else {ci: k for k, ci in enumerate(turn.cues)}
        self.starts, self.ends, self.cis = array("q"), array("q"), []
        for ci in turn.cues:
            for ls, le in cues[ci].lines:
                self.starts.append(ls)
                self.ends.append(le)
                self.cis.append(ci)
        if any(b <= a for a, b in zip(self.starts, self.starts[1:])):  # lines out of the file's order
            lines = sorted(zip(self.starts, self.ends, self.cis))
            self.starts, self.ends = array("q", (x[0] for x in lines)), array("q", (x[1] for x in lines))
            self.cis = [x[2] for x in lines]
        self.longest = max((le - ls for ls, le in zip(self.starts, self.ends)), default=0)

    def cues_at(self, a: int) -> list[int]:
        """The cues (in the turn's order) with a line ``ls <= a < le``."""
        found: set[int] = set()
        j = bisect.bisect_right(self.starts, a) - 1
        while j >= 0 and self.starts[j] > a - self.longest:
            if a < self.ends[j]:
                found.add(self.cis[j])
            j -= 1
        return sorted(found) if self.order is None else sorted(found, key=self.order.__getitem__)


def _write_turn(w: _Writer, turn: Turn, cues: list[Cue], cue_spans: dict[int, list[int]],
                lines_apart: bool = False) -> dict[str, Any]:
    """One turn as a paragraph (``Label: speech``); returns its metadata, and widens the cues' spans it holds. With
    ``lines_apart`` (plain text), a line of the turn that ends a sentence ends a paragraph: a turn of several
    paragraphs (a long answer) keeps them, each a ``part`` of the turn; a line cut in mid-sentence (hard-wrapped
    text) and a subtitle's lines are joined with a space."""
    if w.pos:
        w.sep("\n\n")
    paragraph_start = w.pos
    label_start = label_end = None
    if turn.label_span:
        label_start, label_end = w.put(*turn.label_span)
        w.sep(": ")
    speech_start = w.pos
    parts = [[speech_start, speech_start]]
    holding = _LinesOf(turn, cues)
    for k, (a, b) in enumerate(turn.segments):
        if k:
            prev = turn.segments[k - 1][1]
            if lines_apart and "\n" in w.text[prev:a] and _SENTENCE_END.search(w.text, max(0, prev - 3), prev):
                w.sep("\n\n")
                parts.append([w.pos, w.pos])
            else:
                w.sep(" ")
        cs, ce = w.put(a, b)
        parts[-1][1] = ce
        for ci in holding.cues_at(a):
            cspan = cue_spans.setdefault(ci, [cs, ce])
            cspan[0], cspan[1] = min(cspan[0], cs), max(cspan[1], ce)
    times = [t for ci in turn.cues if (t := cues[ci].start) is not None]
    ends = [t for ci in turn.cues if (t := cues[ci].end) is not None]
    return {"start": speech_start, "end": w.pos, "paragraph_start": paragraph_start,
            "label": turn.label, "label_start": label_start, "label_end": label_end,
            "dash": turn.dash, "time_start": min(times) if times else turn.time,
            "time_end": max(ends) if ends else None, "parts": parts}


#: the end of a sentence at the end of a line (then the next line of the turn is a paragraph of its own)
_SENTENCE_END = compile_regex(r"[.?!…:;)\]\"”’»*-]$")


def build(text: str, fmt: str) -> Transcript:
    """The canonical text of a transcript in ``fmt`` (``srt``, ``vtt`` or ``text``) and its metadata."""
    notes: list[str] = []
    cues, header, lines, known = _read_lines(text, fmt, notes)
    turns = find_turns(text, lines, known)
    del lines  # what is held to the end is only what the document keeps, and the cues (h-hostile9b)
    w = _Writer(text)
    header_meta = []
    for s, e in header:
        seg = Turn()
        _segment(text, s, e, seg)
        for a, b in seg.segments:
            if w.pos:
                w.sep("\n\n")
            cs, ce = w.put(a, b)
            header_meta.append({"start": cs, "end": ce})
    turn_meta: list[dict[str, Any]] = []
    note_meta: list[dict[str, Any]] = []
    cue_spans: dict[int, list[int]] = {}
    for turn in turns:
        for a, b in sorted(turn.notes):
            note_meta.append({"text": text[a:b], "input_start": a, "input_end": b,
                              "turn": len(turn_meta) if turn.segments else None})
        if turn.segments:
            turn_meta.append(_write_turn(w, turn, cues, cue_spans, fmt == "text"))
        turn.segments, turn.notes = [], []  # written
    no_cues = not cues
    cue_meta = [_cue_meta(cues, ci, cue_spans.pop(ci)) for ci in sorted(cue_spans)]
    if fmt in ("srt", "vtt") and no_cues:
        notes.append(f"transcript: no cues could be read in this {fmt} file")
    meta: dict[str, Any] = {"transcript": fmt, "turns": turn_meta, "cues": cue_meta, "stage_notes": note_meta,
                            "header": header_meta}
    canonical = "".join(w.out)
    title = canonical[header_meta[0]["start"]:header_meta[0]["end"]][:300] if header_meta else None
    return Transcript(canonical, w.omap, meta, notes, title)


def _cue_meta(cues: list[Any], ci: int, cspan: list[int]) -> dict[str, Any]:
    """A written cue's metadata; the cue itself is let go (a subtitle file's cues are most of its memory)."""
    cue = cues[ci]
    cues[ci] = None
    return {"index": cue.index, "time_start": cue.start, "time_end": cue.end, "start": cspan[0], "end": cspan[1]}


def _bracket_label(text: str, s: int, e: int) -> re.Match[str] | None:
    """A label in brackets at ``s`` ("[Interviewer]:", "[Пленный]:") that reads as a name, a title or a role."""
    b = _BRACKET_LABEL.match(text, s, e)
    return b if b and (_label_ok(inner := b.group(1).strip()) or _role_label(inner)) else None


def _starts_turn(text: str, s: int, e: int, known: frozenset[str] = frozenset()) -> bool:
    m = _LEAD_TIME.match(text, s, e)
    if m:
        s = m.end()
    return bool(_turn_label(text, s, e, known)) or _bracket_label(text, s, e) is not None or bool(_DASH.match(text, s, e)) or bool(_BARE_Q.match(text, s, e))


def looks_like_transcript(text: str) -> bool:
    """Whether plain text reads as a transcript without being declared one: speaker turns that alternate as speakers
    do. Either most of its lines start a turn (a label or a dialogue dash) and the labels are ``Q`` and ``A`` or two
    labels that each come back; or, for transcripts whose turns are long (answers of many paragraphs) or whose line
    breaks were lost (one paragraph of "Vladimir Putin: ... Alexei Komissarov: ..."), it has at least four turns
    (a label at a line start, a bare ``Q``, or a label of two words or more after the end of a sentence), most of
    them by a few speakers who each come back, and the speaker changes at least three times. Headings of a fact
    sheet ("Financial context:") do not come back, and dialogue dashes alone are too common in news posts (lists) to
    tell: declare those with ``--format transcript``."""
    spans = [(s, e) for s, e in _line_spans(text[:200_000]) if text[s:e].strip()]
    if _mostly_turns(text, spans):
        return True
    turns = _turn_starts(text, spans)
    # the turns run through the text: a page whose comment thread at its foot alternates ("Anna: …", "Ivan: …") is
    # an article, not a transcript
    return _alternating_speakers([label for label, _at in turns]) and turns[0][1] <= 0.4 * min(len(text), 200_000)


def _mostly_turns(text: str, spans: list[tuple[int, int]]) -> bool:
    if len(spans) < 4:
        return False
    body = spans[2:] if len(spans) > 6 else spans
    counts: dict[str, int] = {}
    dashes = 0
    for s, e in body:
        m = _LEAD_TIME.match(text, s, e)
        s = m.end() if m else s
        lm = _LABEL.match(text, s, e)
        if lm and _label_ok(label := text[s:lm.end()].rstrip(" \t:")):
            counts[label] = counts.get(label, 0) + 1
        elif _DASH.match(text, s, e):
            dashes += 1
    if (sum(counts.values()) + dashes) * 10 < len(body) * 6:
        return False
    return {"Q", "A"} <= set(counts) or sum(1 for n in counts.values() if n >= 2) >= 2


#: line-start "labels" of news that are no speakers: datelines, headings, credits
_NOT_SPEAKERS = frozenset("""note editor's note update updated source sources photo photos video watch read more related
see also listen correction clarification disclaimer warning breaking live background context why what how when where who
analysis opinion comment comments summary key points timeline read tags topics share""".split())


def _turn_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The labels of a text's turns in order, with where each starts: at a line start (a bare ``Q`` too), or after
    the end of a sentence when of two words or more."""
    out: list[tuple[str, int]] = []
    for s, e in spans:
        m = _LEAD_TIME.match(text, s, e)
        s = m.end() if m else s
        if found := _turn_label(text, s, e):
            out.append((found[0], s))
        elif _BARE_Q.match(text, s, e):
            out.append(("Q", s))
        for b in _INLINE.finditer(text, s, e):
            found = _turn_label(text, b.end(), e)
            if found and len(found[0].split()) >= 2:
                out.append((found[0], b.end()))
    out = [(label, at) for label, at in out if label.lower().rstrip(".") not in _NOT_SPEAKERS]
    names = {label for label, _at in out if len(label.split()) >= 2}
    # "President of Russia Vladimir Putin" is the speaker of the later "Vladimir Putin" turns
    return [(max((n for n in names if len(n) < len(label) and f" {n} " in f" {label} "), key=len, default=label), at)
            for label, at in out]


def _alternating_speakers(labels: list[str]) -> bool:
    """At least four turns, seven in ten of them by speakers who come back (two at least), who take turns at least
    three times."""
    if len(labels) < 4:
        return False
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    speakers = {label for label, n in counts.items() if n >= 2}
    if len(speakers) < 2 or sum(counts[x] for x in speakers) * 10 < len(labels) * 7:
        return False
    changes = sum(1 for a, b in zip(labels, labels[1:]) if a != b and a in speakers and b in speakers)
    return changes >= 3


__all__ = ["Transcript", "build", "looks_like_transcript", "parse_cues"]
