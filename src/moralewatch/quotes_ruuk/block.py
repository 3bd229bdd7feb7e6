"""quotes.ruuk.v8 (issue 17, session 14): what Telegram posts quote that v7 misses or names badly.

- A quote that runs over several lines («Путин:⏎«Я совсем не осуждаю …⏎Но проблема …⏎… подражая ей».»): v4-v7 end it
  at the first line, because a line without marks drops the open quote. v8 keeps it open through lines whose marks
  all pair up, when a later line closes it (a closing mark before any opening one; for straight quotes an odd
  count ending in a closing «"»); each line is a unit, the later ones continuing the first (QUOTES.md, guideline 1
  and decision 13), and what such a line says is the quote's, not an attribution of its own («по их мнению»).
- A name or callsign in marks: «"…" - "Шкода".» (after a hyphen, alone, when the document describes that callsign as a
  soldier elsewhere), «"Димсон" утверждает, что …» (the whole subject before the verb in marks).
- A mark left over in a speaker's name («Димсон", военнослужащий …») is dropped.

Nothing here runs before revision 8: v4-v7 keep their output.
"""

from __future__ import annotations

import bisect
import math
import re

from ..lexicons import compile_regex
from .finder import Mark, marks_in
from .relayed import per_document, role_of

#: how many lines an open quote may run on before the line that closes it
MAX_LINES = 12

#: a name or callsign of one to three capitalised words, in marks and nothing else
_MARKED_NAME = compile_regex(r"[«\"“]([A-ZА-ЯЁІЇЄҐ][\w'’-]{1,30}(?:\s{1,3}[A-ZА-ЯЁІЇЄҐ][\w'’-]{1,30}){0,2})[»\"”]")


def _pairs_up(line: str) -> bool:
    """Whether every mark of a line closes in it (quotes nested in the running quote)."""
    low, high = line.count("„"), line.count("“") + line.count("”")
    paired = high == low if low else line.count("“") == line.count("”")
    return line.count("«") == line.count("»") and line.count('"') % 2 == 0 and paired


#: what may follow the mark that closes a quote run over several lines: punctuation, or a dash and its attribution
_AFTER_CLOSE = compile_regex(r"[\s.,!?…)]*(?:\s[-—–]\s.*)?")
#: a letter (a word character that is no digit and no underscore)
_LETTER = compile_regex(r"[^\W\d_]")


def _before_open(before: str) -> bool:
    """What may stand before the mark that opens such a quote on its line: nothing but bullets, digits and marks (no
    letter), or an intro ending in a colon on the same line («Пишет X:»). Read without ``.*:``, which a search would make
    quadratic."""
    if _LETTER.search(before) is None:
        return True
    head = before.rstrip()
    return head.endswith(":") and "\n" not in head


def opens_block(text: str, lo: int, at: int) -> bool:
    """Whether the mark at ``at`` opens its line's text, or follows a colon («Прочитал у Сергея Маркова: «План …»),
    outside any parenthesis: only such a quote may run over several lines («(«Еще в 2014-м …» left open in a
    parenthesis does not)."""
    before = text[lo:at]
    return _before_open(before) and before.count("(") <= before.count(")")


def closing_mark(text: str, lo: int, hi: int) -> int:
    """Where a line closes a quote an earlier line left open (-1: it does not): the first closing guillemet with no
    opening one before it, or, for straight quotes, the last «"» of a line with an odd count of them that stands
    after a word (``»``-type marks paired up)."""
    depth = 0
    for i in range(lo, hi):
        ch = text[i]
        if ch in "«„":
            depth += 1
        elif ch in "»”" or ch == "“" and depth == 0:
            if depth == 0:
                return i if _AFTER_CLOSE.fullmatch(text, i + 1, hi) else -1
            depth -= 1
    line = text[lo:hi]
    if line.count('"') % 2 == 1 and line.count("«") == line.count("»"):
        i = line.rfind('"')
        if i > 0 and not line[i - 1].isspace() and _AFTER_CLOSE.fullmatch(line, i + 1):
            return lo + i
    return -1


#: an attribution of its own: a relayed report in marks («Помилованный X дал показания, сообщают источники …»)
_ACCORDING = compile_regex(r"\b(?:по\s+(?:словам|информации|данным|сообщению)|за\s+(?:словами|даними|інформацією)|"
                           r"со\s+ссылкой|з\s+посиланням)\b", flags=2)
_WORDS = compile_regex(r"[\w'’-]+")


def attributed(text: str, lo: int, hi: int) -> bool:
    """Whether a text says who said something (a speech verb of the lexicon, «по словам», «со ссылкой на»): the text
    in marks is then a report the channel relays, whose attributions are read as before v8."""
    from .lexicon import lexicon

    verbs = lexicon().verbs
    line = text[lo:hi]
    if _ACCORDING.search(line):
        return True
    return any("speech" in verbs.get(w.lower(), ()) for w in _WORDS.findall(line))


def runs_on(text: str, spans: list[tuple[int, int]], opened: tuple[int, int]) -> int:
    """How many of ``spans`` (the lines after one that left a quote open: from the mark to that line's end, ``opened``)
    the quote runs through: the index of the line that closes it, or -1 when a line with marks of its own, or the end
    of the paragraph or of ``MAX_LINES``, comes first (a stray mark then opens nothing), or when the quote's first line
    attributes what it says (a relayed report; an aside further on, «как сказал Владимир Путин», stays inside the
    quote). Each check reads one line: a post of thousands of lines left open costs as before v8."""
    if attributed(text, *opened):
        return -1
    for k, (lo, hi) in enumerate(spans[:MAX_LINES]):
        if closing_mark(text, lo, hi) >= 0:
            return k
        if not _pairs_up(text[lo:hi]):
            return -1
    return -1


def through_marks(text: str, lo: int, hi: int, closing: bool) -> list[Mark]:
    """The marks of a line inside a quote that runs on: the whole line (``closing`` False), or the line up to the mark
    that closes the quote, then the line's own marks after it."""
    first = lo
    while first < hi and text[first].isspace():
        first += 1
    if not closing:
        end = hi
        while end > first and text[end - 1].isspace():
            end -= 1
        return [Mark(-1, -1, first, end)]
    at = closing_mark(text, lo, hi)
    return [Mark(-1, at, first, at), *marks_in(text, at + 1, hi, False)]


def marked_name(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The name inside the marks when ``text[a:b]`` is only a name in marks («"Димсон"», «Сотрудники ФСБ»)."""
    while a < b and text[a] in " \t\u00a0":
        a += 1
    while b > a and text[b - 1] in " \t\u00a0,":
        b -= 1
    m = _MARKED_NAME.fullmatch(text, a, b)
    return (m.start(1), m.end(1)) if m else None


def _described(name: str) -> re.Pattern[str]:
    return compile_regex(rf"(?<!\w)[«\"“]?{name}[»\"”]?,\s{{1,3}}([^.\n]{{2,60}})")


def _soldier(m: re.Match[str]) -> bool:
    return role_of(m.group(1)) != "unknown"


#: a comma and a blank: where a description after a name may start («"Шкода", офицер …»)
_COMMA = compile_regex(r",\s")


def _word_end(text: str, end: int) -> str:
    """The run of word characters (``\\w``: letters, digits, ``_``) of ``text`` that ends at ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return text[i:end]


def _name_ends(text: str) -> dict[str, list[int]]:
    """Where a described name may end in ``text`` (before a comma and a blank, or before the closing mark before
    them), in text order, by the run of word characters that ends there; read once per document."""
    def read() -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for m in _COMMA.finditer(text):
            end = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in "»\"”" else m.start()
            out.setdefault(_word_end(text, end), []).append(end)
        return out

    return per_document(text, "name ends", "", read)


def _descriptions_of(text: str, name: str) -> list[re.Match[str]]:
    """What ``_described(name).finditer(text)`` finds, read only where ``name`` may end (a comma after it): every
    match ends its name at one of :func:`_name_ends` under the name's last run of word characters (the
    lookbehind, or a mark, keeps any other word character off it), and starts there or at the mark before it; the
    candidates are tried in text order, from where the previous match ended, as the scan does."""
    pattern = _described(re.escape(name))
    found: list[re.Match[str]] = []
    done = 0
    for end in _name_ends(text).get(_word_end(name, len(name)), ()):
        n0 = end - len(name)
        if n0 < done or text[n0:end] != name:
            continue
        for at in (n0 - 1, n0) if n0 > done and text[n0 - 1] in "«\"“" else (n0,):
            m = pattern.match(text, at)
            if m is not None:
                found.append(m)
                done = m.end()
                break
    return found


def _descriptions(text: str, name: str) -> tuple[list[int], list[int], float]:
    """``name``'s descriptions in the whole of ``text``: their starts and ends, and the first end of a soldier's one;
    read once per document and name, where the name is followed by a comma (a scan of the whole document per name
    was quadratic in a post of many callsigns: 256 KB of «"…" - "X".» lines took 19 s)."""
    def read() -> tuple[list[int], list[int], float]:
        found = _descriptions_of(text, name)
        first = min((m.end() for m in found if _soldier(m)), default=math.inf)
        return [m.start() for m in found], [m.end() for m in found], first

    return per_document(text, "described", name, read)


def described_elsewhere(text: str, name: str, at: int) -> bool:
    """Whether the document gives ``name`` (a callsign) a soldier's description elsewhere («Шкода, офицер 46
    бригады»), before ``at``: a description that ends by ``at``. The answer is the one a scan of ``text[:at]`` gives,
    from one reading of the document per name (a post of thousands of «…» - "X" lines was quadratic): the readings
    agree on every description that ends by ``at``; the one that runs past it is read again up to ``at``."""
    starts, ends, first = _descriptions(text, name)
    if first <= at:
        return True
    k = bisect.bisect_right(ends, at)  # descriptions [0, k) end by ``at``; none of them is a soldier's
    if k == len(starts) or starts[k] >= at:
        return False
    pattern = _described(re.escape(name))
    return any(_soldier(m) for m in pattern.finditer(text, starts[k], at))


def clean_name(name: str) -> str:
    """A speaker's name without a mark left over from the quote beside it («Димсон", военнослужащий …»): marks that
    pair up stay («Проект «Первый отдел»»)."""
    if name.count('"') % 2 == 1:  # the one left over: at an end, else the last
        at = 0 if name.startswith('"') else len(name) - 1 if name.endswith('"') else name.rfind('"')
        name = name[:at] + name[at + 1:]
    if name.count("“") + name.count("”") == 1:
        name = name.replace("“", "").replace("”", "")
    if name.count("«") != name.count("»") and "«" not in name[1:-1] and "»" not in name[1:-1]:
        name = name.strip("«»")
    return " ".join(name.split())


__all__ = ["MAX_LINES", "attributed", "clean_name", "closing_mark", "described_elsewhere", "marked_name", "opens_block", "runs_on",
           "through_marks"]
