"""Dates: absolute mentions and relative ones resolved against the publication date, with their granularity.

One compiled pattern finds every candidate ("March 2, 2022", "24 February", "in February", "since 2014", "on
Tuesday", "early Thursday", "last week", "earlier this month", "yesterday"); a small resolver turns each into an
ISO value: a day ``YYYY-MM-DD``, an ISO week ``YYYY-Www``, a month ``YYYY-MM`` or a year ``YYYY``. dateparser is not
used: at ~1.4k calls/s it would dominate the stage. Durations ("for weeks", "five months of war") and vague
periods ("in recent days") are not dates. A weekday is the most recent such day on or before publication, unless
the sentence speaks of the future ("will", "next", "finishes on Thursday" with a future verb before it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

from ..lexicons import compile_regex, lines
from ..model import Entity

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MON_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_D = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_MOD = r"(?:(?:early|late|earlier|later|midday|last|this|next)\s+)"
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
_YEAR_BEFORE = "|".join(rf"(?<=\b{w}\ )" for w in "in since from by until of to and early late".split()) + "|(?<=mid-)"
PATTERN = compile_regex(
                        rf"""(?P<mdy>{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_Y})?)(?![\d:])
                        |(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?)
                        |(?P<my>(?:(?:end|beginning|start|middle)\s+of\s+|(?:early|late|mid-?)\s*)?{_M}\s+{_Y})
                        |(?P<wd>(?i:{_MOD}){_D}(?:\s+(?i:{_PART}))?|{_D}(?:\s+(?i:{_PART}))?)
                        |(?P<rel>(?i:(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next|past)\s+(?:weekend|week|month|year)
                        |yesterday|today|tomorrow|last\s+night|(?:last|this)\s+(?:January|February|March|April|May|June|July|August
                        |September|October|November|December)))
                        |(?P<mon>(?:(?:end|beginning|start|middle)\s+of\s+|(?:early|late|mid-?)\s*)?{_M}(?=\s+(?!\d)|[,.;]))
                        |(?P<year>(?:{_YEAR_BEFORE}){_Y}(?![\d-]))
                        """,
                        re.X,
                        )
_FUTURE = compile_regex(r"\b(?:will|would|shall|to be|is due|are due|scheduled|plans?|planned|expected|next|"
                        r"going to|finish|finishes|begin|begins|start|starts|open|opens)\b[^.]{0,60}$", re.I)
_BEFORE_MON = compile_regex(r"\b(?:in|since|by|until|from|of|through|early|late|mid|last|this|next|end|beginning|"
                            r"start|and|to|during)\s+$", re.I)


def _pubdate(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or _MON_ABBR[w[:4] if w.startswith("sept") else w[:3]]


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


_DAY_NUMBER = compile_regex(r"\d{1,2}")
_MONTH = compile_regex(_M)
_YEAR = compile_regex(_Y)


def _day_month(text: str, year: int) -> tuple[str, str] | None:
    day = _DAY_NUMBER.search(text)
    mon = _MONTH.search(text)
    yr = _YEAR.search(text)
    if not (day and mon):
        return None
    try:
        d = dt.date(int(yr.group()) if yr else year, _month(mon.group()), int(day.group()))
    except ValueError:
        return None
    return d.isoformat(), "day"


_WEEKDAY = compile_regex(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")


def _weekday(text: str, pub: dt.date, future: bool, same_day_future: bool = False) -> tuple[str, str]:
    """``same_day_future`` (entities.v2): "expected to anchor on Tuesday night" in a Tuesday paper is that day."""
    low = text.lower()
    target = WEEKDAYS[_WEEKDAY.search(low).group()]  # type: ignore[union-attr]
    back = (pub.weekday() - target) % 7
    if low.startswith("last "):
        back = back or 7
    if low.startswith("next ") or (future and not low.startswith(("last", "earlier"))):
        fwd = (target - pub.weekday()) % 7
        if not (fwd == 0 and same_day_future and not low.startswith("next ")):
            fwd = fwd or 7
        return (pub + dt.timedelta(days=fwd)).isoformat(), "day"
    return (pub - dt.timedelta(days=back)).isoformat(), "day"


_SPACES = compile_regex(r"\s+")


def _relative(text: str, pub: dt.date) -> tuple[str, str] | None:
    low = _SPACES.sub(" ", text.lower())
    if low in ("today",):
        return pub.isoformat(), "day"
    if low in ("yesterday", "last night"):
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if low == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), "day"
    unit = low.rsplit(" ", 1)[1]
    shift = -1 if low.startswith(("last", "past")) else 1 if low.startswith("next") else 0
    if unit in MONTHS:  # "last December"
        m = MONTHS[unit]
        year = pub.year - 1 if shift < 0 and m >= pub.month else pub.year
        return f"{year}-{m:02d}", "month"
    if unit in ("week", "weekend"):
        return _week(pub + dt.timedelta(weeks=shift)), "week"
    if unit == "month":
        y, m = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return f"{y}-{m + 1:02d}", "month"
    if unit == "year":
        return str(pub.year + shift), "year"
    return None


def _resolve(kind: str, text: str, pub: dt.date | None, before: str,
             named: int | None = None, v2: bool = False) -> tuple[str, str] | None:
    """``named``: a year the paragraph named earlier for its events ("in 2022 ... in early April"): a day or month
    without a year is in that year, not in the publication's."""
    year = named if named is not None else pub.year if pub else None
    if kind in ("mdy", "dmy"):
        if year is None and not _YEAR.search(text):
            return None
        return _day_month(text, year or 0)
    if kind in ("my", "mon"):
        mon = _MONTH.search(text)
        yr = _YEAR.search(text)
        if not mon or (not yr and year is None):
            return None
        m = _month(mon.group())
        if yr:
            y = int(yr.group())
        else:
            assert year is not None
            y = year - 1 if pub and named is None and m > pub.month + 1 else year
        return f"{y}-{m:02d}", "month"
    if kind == "year":
        return text, "year"
    if pub is None:
        return None
    if kind == "wd":
        return _weekday(text, pub, bool(_FUTURE.search(before)), v2)
    return _relative(text, pub)


#: every date mention holds one of these words: the full pattern runs only in windows around them (speed)
ANCHOR = compile_regex(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b\.?"
                       r"|\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|week|weekend|month|year|night|19[5-9]\d|20[0-4]\d)\b")
_LOOKBACK = 28
_WORD_START = compile_regex(r"(?<![\w’'.-])\w")


def word_starts_before(text: str, pos: int, back: int) -> list[int]:
    """Offsets where words start in the ``back`` characters before ``pos`` (where a date or name may open)."""
    lo = max(0, pos - back)
    return [m.start() for m in _WORD_START.finditer(text, lo, pos)]


def _matches(text: str) -> list[re.Match[str]]:
    """Date matches, anchored: the full pattern is tried only at the few word starts just before each anchor
    word (a month, a weekday, "week", a year...), earliest first, instead of being scanned over the text."""
    out: list[re.Match[str]] = []
    last = 0
    for a in ANCHOR.finditer(text):
        if a.start() < last:
            continue
        for st in [*word_starts_before(text, a.start(), _LOOKBACK), a.start()]:
            if st < last:
                continue
            m = PATTERN.match(text, st)
            if m and m.end() >= a.end() - (text[a.end() - 1] == "."):
                out.append(m)
                last = m.end()
                break
    return out


_NUMBERS = {w: i for i, w in enumerate("a one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS["a"] = 1
_COUNT = compile_regex(r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+(?:after|since|into)\s+(?:the\s+)?", re.I)


@cache
def _events() -> tuple[tuple[re.Pattern[str], dt.date], ...]:
    return tuple((compile_regex(pat, re.I), dt.date.fromisoformat(day))
                 for pat, day in (line.split("\t") for line in lines("entities/events.tsv")))


def _shift(day: dt.date, n: int, unit: str) -> tuple[str, str]:
    if unit == "day":
        return (day + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(day + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
        return f"{y}-{m + 1:02d}", "month"
    return str(day.year + n), "year"


def find_event_dates(text: str) -> list[Entity]:
    """"Five months after Putin's invasion": a count of units after a known event (data/entities/events.tsv)."""
    out: list[Entity] = []
    low = text.lower()
    if " after " not in low and " since " not in low and " into " not in low:
        return out
    for m in _COUNT.finditer(text):
        for pat, day in _events():
            ev = pat.match(text, m.end())
            if ev:
                n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").lower()]
                value, gran = _shift(day, n, m.group("unit").lower())
                out.append(Entity("date", m.start(), ev.end(), text[m.start():ev.end()], value=value,
                                  granularity=gran, rule="date.event"))
                break
    return out


#: a year the text sets as the frame of its events: a sentence opening "In 2022," / "Back in 2022", or "back in
#: 2022", "in the spring of 2022" (a year inside a date, "in August 2018", or "since 2014" frames nothing after it)
_NAMED_YEAR = compile_regex(r"(?:(?:^|(?<=[.!?]\ )|(?<=\n))(?:Back\s+in|In|By|During)\s+(?:(?:early|late|mid-?)\s*)?"
                            r"|\bback\s+in\s+|\bin\s+the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+)"
                            r"(" + _Y + r")\b(?![\d%])", re.M)


_NEWLINE = compile_regex(r"\n")
_STOP = compile_regex(r"\. ")


class _Frames:
    """Where sentences and paragraphs start, and the years named in each paragraph, found once per text: a date
    mention looks back to its sentence's start and to the last year its paragraph named, which per mention is
    quadratic in a long paragraph of dates (200 KB of ``<time>`` elements took 19 s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.stops = [m.start() for m in _STOP.finditer(text)]
        self._years: dict[int, tuple[list[int], list[int]]] = {}

    def paragraph_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i else 0

    def sentence_start(self, pos: int) -> int:
        """``max(text.rfind(". ", 0, pos), text.rfind("\\n", 0, pos)) + 1``."""
        i = bisect.bisect_right(self.stops, pos - 2)
        return max(self.stops[i - 1] if i else -1, self.paragraph_start(pos) - 1) + 1

    def named_year(self, pos: int) -> int | None:
        """The last year named (:data:`_NAMED_YEAR`) in the paragraph of ``pos`` before it."""
        lo = self.paragraph_start(pos)
        if lo not in self._years:
            i = bisect.bisect_left(self.newlines, pos)
            hi = self.newlines[i] if i < len(self.newlines) else len(self.text)
            found = list(_NAMED_YEAR.finditer(self.text, lo, hi))
            self._years[lo] = ([y.end() for y in found], [int(y.group(1)) for y in found])
        ends, years = self._years[lo]
        i = bisect.bisect_right(ends, pos)
        return years[i - 1] if i else None


def find_dates(text: str, published: str | None, in_context: bool = False) -> list[Entity]:
    """Date mentions in ``text`` with normalised values; relative ones need ``published`` (ISO date).

    ``in_context`` (entities.v2): a day or month without a year ("early April", "on 3 March") takes the year
    the same paragraph named last before it when that year is earlier than the publication's ("In 2022 ... in
    early April" in a 2026 article), or when the publication date is unknown; never a year the text does not give.
    And a weekday in the future tense that is the publication's own weekday is that day ("was expected to anchor
    on Tuesday night" in a Tuesday paper), not a week later.
    """
    pub = _pubdate(published)
    out: list[Entity] = []
    frames = _Frames(text)
    for m in _matches(text):
        kind = m.lastgroup or ""
        s, e = m.span()
        if kind == "mon" and not _BEFORE_MON.search(text[max(0, s - 12):s]) and not m.group().lower().startswith(
            ("end", "beginning", "start", "middle", "early", "late", "mid")
        ):
            continue  # "May" the verb, "March" the noun: a bare month needs "in/since/by..." before it
        sent_start = frames.sentence_start(s)
        anchor = None
        if in_context and kind in ("mdy", "dmy", "my", "mon") and not _YEAR.search(m.group()):
            named = frames.named_year(s)
            anchor = named if named is not None and (pub is None or named < pub.year) else None
        got = _resolve(kind, m.group(), pub, text[sent_start:s], anchor, in_context)
        if got is None:
            continue
        value, gran = got
        out.append(Entity("date", s, e, m.group(), value=value, granularity=gran, rule=f"date.{kind}"))
    events = find_event_dates(text)
    if events:
        spans = [(x.start, x.end) for x in events]
        out = [x for x in out if not any(a < x.end and x.start < b for a, b in spans)] + events
        out.sort(key=lambda x: x.start)
    return out
