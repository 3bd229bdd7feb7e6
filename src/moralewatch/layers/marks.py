"""Quotation marks: the spans between them, paragraph by paragraph, and the text with their contents blanked.

The one quotation-mark finder of the pipeline: the segment stage runs it once per document (``doc.marks``,
``doc.masked``) and the quote and indicator stages read what it found.

Marks are paired by a small state machine per paragraph, so that an unbalanced mark (a stray closing mark, an
opening mark that is never closed) affects its own paragraph only and never the rest of the article. Single marks
are only read as quotes outside double ones (a headline's ‘We’re just meat here’); inside double marks they belong
to the outer quote. A paragraph whose opening mark is never closed is continued by the next paragraph when that one
opens with a mark (the newspaper convention for a quote that runs over several paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicons import compile_regex

OPENERS = "“„«"
CLOSERS = "”»"
_WORDCH = str.isalnum
_DOUBLE_MARK = compile_regex(r"''(?!')|[“„«”»\"]")
_SINGLE_MARK = compile_regex(r"[‘’']")


@dataclass(slots=True)
class Marked:
    """Content ``[start, end)`` between marks (``open_at``/``close_at`` are the marks; ``close_at`` is -1 when the
    paragraph ends first)."""

    start: int
    end: int
    open_at: int
    close_at: int
    single: bool = False
    continues_prev: bool = False


def _straight_opens(text: str, i: int, width: int = 1) -> bool:
    """A straight double mark opens when it starts a word: after a space, bracket or start, before a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _double(text: str, lo: int, hi: int) -> list[Marked]:
    out: list[Marked] = []
    open_at, open_ch = -1, ""
    width = 1  # of the open mark: '' (two apostrophes, the New York Times' straight double mark) is two
    for mk in _DOUBLE_MARK.finditer(text, lo, hi):
        i, ch = mk.start(), mk.group()
        if ch in OPENERS:
            if open_at >= 0 and open_ch == "„" and ch == "“":
                out.append(Marked(open_at + width, i, open_at, i))
                open_at = -1
            else:
                open_at, open_ch, width = i, ch, 1
        elif ch in CLOSERS:
            if open_at >= 0:
                out.append(Marked(open_at + width, i, open_at, i))
                open_at = -1
        else:  # " or ''
            if open_at >= 0:
                out.append(Marked(open_at + width, i, open_at, mk.end() - 1))
                open_at = -1
            elif _straight_opens(text, i, len(ch)):
                open_at, open_ch, width = i, ch, len(ch)
    if open_at >= 0 and text[open_at + width:hi].strip():
        out.append(Marked(open_at + width, hi, open_at, -1))
    return out


def _single(text: str, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[Marked]:
    """‘…’ and '…' outside double quotes; an apostrophe between letters never opens or closes."""
    out: list[Marked] = []
    open_at = -1
    k = 0
    for mk in _SINGLE_MARK.finditer(text, lo, hi):
        i, ch = mk.start(), mk.group()
        while k < len(taken) and taken[k][1] < i:
            k += 1
        if k < len(taken) and taken[k][0] <= i:
            open_at = -1
            continue
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if open_at < 0:
            if ch in "‘'" and (before.isspace() or before in "([:—–-") and _WORDCH(after):
                open_at = i
        elif ch in "’'" and not _WORDCH(after) and not before.isspace():
            if 2 <= i - open_at - 1 <= 300:
                out.append(Marked(open_at + 1, i, open_at, i, single=True))
            open_at = -1
    return out


def in_paragraph(text: str, lo: int, hi: int) -> list[Marked]:
    """Every marked span of one paragraph, in order."""
    doubles = _double(text, lo, hi)
    taken = [(m.open_at, m.close_at if m.close_at >= 0 else hi) for m in doubles]
    singles = _single(text, lo, hi, taken)
    found = [m for m in doubles + singles if text[m.start:m.end].strip()]
    for m in found:  # content without surrounding blanks
        while m.start < m.end and text[m.start].isspace():
            m.start += 1
        while m.end > m.start and text[m.end - 1].isspace():
            m.end -= 1
    return sorted(found, key=lambda m: m.start)


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Marked spans of the whole text; a paragraph-opening span after an unclosed one is its continuation."""
    out: list[Marked] = []
    prev_unclosed = False
    for lo, hi in paragraphs:
        found = in_paragraph(text, lo, hi)
        first = found[0] if found else None
        opens_para = first is not None and not text[lo:first.open_at].strip()
        if first is not None and opens_para and prev_unclosed and not first.single:
            first.continues_prev = True
        out.extend(found)
        prev_unclosed = bool(found) and found[-1].close_at < 0 and not found[-1].single
    return out


def blank(text: str, lo: int, hi: int, marked: list[Marked]) -> str:
    """``text[lo:hi]`` with the contents of ``marked`` blanked (same length: "x" for every character but blanks).
    The first character and a final . ! ? … of each content stay, so that sentence ends around quotes are still
    seen; a cue verb inside a quote ("we were told") is never taken for the writer's attribution."""
    chars = list(text[lo:hi])
    for m in marked:
        for i in range(m.start + 1, m.end):
            chars[i - lo] = "x" if not chars[i - lo].isspace() else " "
        last = m.end - 1
        if last >= m.start and text[last] in ".!?…":
            chars[last - lo] = text[last]
    return "".join(chars)
