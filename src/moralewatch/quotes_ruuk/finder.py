"""Finding quotes in Russian and Ukrainian text, one line at a time (a Telegram post's lines are its paragraphs).

A line's quotation marks are paired with nesting («…„…“…», “…‘…’…”, straight "…") and their contents blanked, so
that a cue verb inside a quote is never read as the writer's attribution. Then, in this order:

- a **dialogue or bullet line** opening with a dash: «— Текст, — пишет X. — Ещё текст» gives direct quotes;
- **quotation marks** with their attribution after them («…», — заявил X; «…», пишет X), before them (X
  заявил: «…»), inside them («…, — говорил Путин. — …») or, for a line that is only a quote, on the line before
  or after it; after a naming verb (назвал «…») a partial quote;
- **reported speech**: «по словам X, …» and the other attribution phrases, «как пишет X, …», «…, сообщил X»
  (content first, the Russian news order), «X заявил, что …», «X сообщил о …», «X сказал: …»; marks inside the
  content make it a mixed quote;
- a **headline** (the first line): «X: …» and «… — X».

What is found is a :class:`Found` with its speaker mention as written; :mod:`.document` names the speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lexicons import compile_regex
from .lexicon import lexicon
from .morph import body_in, speaker_noun

MASK = "\u2591"  # what a quote's content is blanked with: no word character, no space, no punctuation

SPEECH = frozenset({"speech", "belief"})
#: words that open a subject but never say anything (demonstratives, relatives)
NOT_SPEAKERS = frozenset("это то что всё все это це те що все".split())
FIRST_PERSON = frozenset("я мы ми".split())
#: «а вы уверены, что …?»: the writer addresses someone, nobody is reported
SECOND_PERSON = frozenset("вы ви ты ти".split())
PRONOUNS = frozenset("он она оно они я мы вы він вона воно вони его её ее их його її їх".split())


@dataclass(slots=True)
class Mark:
    open_at: int  # -1: the line goes on with a quote that an earlier line opened
    close_at: int  # -1: the line ends first
    start: int
    end: int


@dataclass(slots=True)
class Found:
    start: int
    end: int
    kind: str
    #: the speaker mention as written: [start, end) in the text
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    rule: str = ""
    channel_hint: str = ""
    #: intermediaries named in the attribution (an outlet the speaker told, "со ссылкой на")
    via: list[str] = field(default_factory=list)
    confidence: float = 0.6
    #: "prev"/"next": the speaker is that of the line before/after (a line that is only a quote)
    borrow: str = ""
    continues_prev: bool = False


# -- marks ---------------------------------------------------------------------------------------------------------

_MARK = compile_regex(r"[«»„“”\"]")


def marks_in(text: str, lo: int, hi: int, carry: bool) -> list[Mark]:
    """Top-level quoted spans of ``text[lo:hi]`` (nested marks stay inside their quote). ``carry``: an earlier
    line left a quote open, so a closing mark before any opening one ends that quote here."""
    out: list[Mark] = []
    stack: list[tuple[str, int]] = []
    for m in _MARK.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if ch in "«„" or (ch == "“" and not (stack and stack[-1][0] == "„")):
            if ch == "“" and stack and stack[-1][0] == "“":  # “…“: typewriter habits close with the same mark
                _close(out, stack, i)
                continue
            stack.append((ch, i))
        elif ch in "»”“":
            if stack:
                _close(out, stack, i)
            elif carry and not out:
                out.append(Mark(-1, i, _first_char(text, lo, i), i))
        else:  # straight "
            if stack and stack[-1][0] == '"':
                _close(out, stack, i)
            else:
                before = text[i - 1] if i > lo else " "
                after = text[i + 1] if i + 1 < hi else " "
                if (before.isspace() or before in "([—–-:/«„") and not after.isspace():
                    stack.append((ch, i))
    if stack:
        open_at = stack[0][1]
        end = hi
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        if end > open_at + 1:
            out.append(Mark(open_at, -1, open_at + 1, end))
    return out


def _close(out: list[Mark], stack: list[tuple[str, int]], i: int) -> None:
    _, open_at = stack.pop()
    if not stack:
        out.append(Mark(open_at, i, open_at + 1, i))


def _first_char(text: str, lo: int, hi: int) -> int:
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo


def blank(text: str, lo: int, hi: int, marks: list[Mark]) -> str:
    """``text[lo:hi]`` with the contents of ``marks`` blanked (same length)."""
    parts, pos = [], lo
    for m in marks:
        parts.append(text[pos:m.start])
        parts.append(MASK * (m.end - m.start))
        pos = m.end
    parts.append(text[pos:hi])
    return "".join(parts)


# -- patterns ------------------------------------------------------------------------------------------------------

#: sentence ends outside quotes: a stop before a capital, a digit, a mark or a dash
_SENT_END = compile_regex(r"(?<=[.!?…])\s+(?=[—–-]?\s*[«\"„“A-ZА-ЯЁІЇЄҐ0-9" + MASK + r"])|(?<=;)\s+")
#: what a line or sentence may open with before its words: bullets, emoji, dashes
_LEAD = compile_regex(r"[^\w«\"„“" + MASK + r"]*")
_DASH_LINE = compile_regex(r"\s*[-—–]\s+")
_WORD = compile_regex(r"[\w'’-]+")
#: a word as the verbs table spells it (a hyphenated word is one word, never a cue)
_TOKEN = compile_regex(r"\w+(?:-\w+)*")
_DATE = compile_regex(
    r"^(?:\d{1,2}\s+\w+|\d{1,2}[:.]\d{2}|\d{4}\s+года?|(?:в|у)\s+(?:январе|феврале|марте|апреле|мае|июне|июле|"
    r"августе|сентябре|октябре|ноябре|декабре|січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|"
    r"жовтні|листопаді|грудні|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|прошлом\s+месяце|"
    r"прошлом\s+году|минулому\s+році))\s+", flags=2)
_ADDRESSEE = compile_regex(
    r"^(?:журналистам|журналістам|изданию|виданню|агентству|телеканалу|газете|газеті|в\s+интервью\s+\S+|"
    r"в\s+інтерв['’]ю\s+\S+|в\s+(?:своем\s+|своём\s+)?телеграм(?:-канале|е)?|у\s+телеграмі|в\s+telegram)\s+",
    flags=2)  # re.IGNORECASE
_TRAILING_WHERE = compile_regex(r"\s+(?:в|у)\s+(?:своем\s+|своём\s+|своєму\s+)?(?:телеграм\w*|telegram\w*|"
                                r"соцсетях|соцмережах|эфире|ефірі)\s*$", flags=2)
_CUT_SPEAKER = compile_regex(r",\s+(?:что|который|которая|которые|которое|где|когда|выступая|отвечая|сообщая|"
                             r"добавив|подчеркнув|що|який|яка|які|коли)\b|\s+[—–]\s+|[.;!?…:]|\s+\(")
_LINKING = compile_regex(r"^(?:также\s+|тоже\s+|как\s+|як\s+|і\s+|и\s+)*", flags=2)
_COMPLEMENTIZER = compile_regex(r",\s+(?:что|чтобы|будто|якобы|що|щоб|нібито)\s")
_ABOUT_PREP = compile_regex(r"\s+(?:о|об|обо|про)\s")
_ABOUT_THAT = compile_regex(r"\s+(?:о|про)\s+(?:том|те),\s+(?:что|как|що|як)\s", flags=2)
_AND_THEN = compile_regex(r",\s+(?:а|но|але|однак|однако)\s")
_LINK_SOURCE = compile_regex(r"\s+со\s+ссылкой\s+на\s+|\s+з\s+посиланням\s+на\s+", flags=2)
_CONJUNCTIONS = frozenset({"и", "й", "і", "та", "а"})
_FROM = compile_regex(r"^(?:из|от|з|від)\s+", flags=2)
_IN_SOURCE = compile_regex(r"^(?:в|у)\s+(?:(?:сообщении|заявлении|пресс-релизе|повідомленні|заяві)\s+)?", flags=2)
_PREPOSITION = compile_regex(r"^(?:в|во|у|из|с|со|від|з)\s+", flags=2)


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _strip(text: str, s: int, e: int, chars: str = " \t\n\u00a0,;:—–-") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _lead(masked: str, base: int, s: int, e: int) -> int:
    """Skip bullets, emoji and dashes at the start of ``[s, e)`` (offsets into the text; ``masked`` starts at
    ``base``)."""
    m = _LEAD.match(masked, s - base, e - base)
    return s + (m.end() - m.start()) if m else s


class Line:
    """One line of a Russian or Ukrainian paragraph: its marks, the masked text, the quotes found."""

    def __init__(self, text: str, lo: int, hi: int, carry: bool, first: bool, channel: str | None = None,
                 lang: str = "ru") -> None:
        self.text, self.lo, self.hi, self.first, self.lang = text, lo, hi, first, lang
        self.channel = (channel or "").lower()
        self.marks = marks_in(text, lo, hi, carry)
        self.masked = blank(text, lo, hi, self.marks)
        self.found: list[Found] = []
        self.taken: list[tuple[int, int]] = []  # spans already attributed (content and attribution)
        self.attributions: list[tuple[int, int]] = []
        self.dialogue = False  # a dash line whose attribution was found
        self.dash = bool(_DASH_LINE.match(self.masked))
        self.intro = False  # ends with a colon after a speech word: the lines below are its quotes
        self.via_hint = ""  # an outlet read off the last subject ("X со ссылкой на Y": X)
        self.bare_subject = False
        self._cues: list[tuple[int, int, frozenset[str]]] | None = None
        self._cue_starts: list[int] = []

    # -- helpers on the masked line (absolute offsets) --

    def take_via(self) -> list[str]:
        via, self.via_hint = self.via_hint, ""
        return [via] if via else []

    def m(self, s: int, e: int) -> str:
        return self.masked[s - self.lo:e - self.lo]

    def free(self, s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in self.taken)

    def add(self, f: Found, attribution: tuple[int, int] | None = None, nested: bool = False) -> None:
        f.start, f.end = _strip(self.text, f.start, f.end)
        if f.end <= f.start:
            return
        if not self.free(f.start, f.end) and not (nested and any(
                g.kind == "direct" and g.start < f.start and f.end < g.end for g in self.found)
                and all(f.end <= a or f.start >= b for a, b in self.attributions)):
            return
        self.found.append(f)
        self.taken.append((f.start, f.end))
        if attribution:
            self.taken.append(attribution)
            self.attributions.append(attribution)

    def sentences(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in _SENT_END.finditer(self.masked):
            out.append((self.lo + pos, self.lo + m.start()))
            pos = m.end()
        out.append((self.lo + pos, self.hi))
        return [(s, e) for s, e in out if self.m(s, e).strip()]

    def verbs(self, s: int, e: int, classes: frozenset[str] = SPEECH) -> list[tuple[int, int, frozenset[str]]]:
        """The cue words of ``[s, e)`` of those classes (words in quotes are blanked, so never cues): the line's
        words are looked up in the verbs table once, not searched for with one alternation per call."""
        if self._cues is None:
            table = lexicon().verbs
            self._cues = []
            for m in _TOKEN.finditer(self.masked):
                cls = table.get(m.group().lower())
                if cls:
                    self._cues.append((self.lo + m.start(), self.lo + m.end(), cls))
            self._cue_starts = [c[0] for c in self._cues]
        lo = bisect.bisect_left(self._cue_starts, s)
        out = []
        for c in self._cues[lo:]:
            if c[1] > e:
                break
            if c[2] & classes:
                out.append(c)
        return out

    def marks_within(self, s: int, e: int) -> list[Mark]:
        return [mk for mk in self.marks if s <= mk.start and mk.end <= e]

    # -- speaker phrases --

    def subject(self, s: int, v: int) -> tuple[int, int] | None:
        """The speaker before a cue verb at ``v``: the clause from the last comma, colon or dash before it (or the
        sentence start ``s``), without the words that open a clause (Вчера, При этом ...); None after «не»."""
        seg = self.m(s, v).rstrip()
        if seg.endswith(","):  # "Источник РБК в Минобороны, сообщил": the clause before the comma
            seg = seg[:-1]
        cut = max(seg.rfind(", "), seg.rfind(": "), seg.rfind(" — "), seg.rfind(" – "), seg.rfind("; "))
        a = s + cut + 2 if cut >= 0 else s
        b = s + len(seg)
        a = _lead(self.masked, self.lo, a, b)
        words = _WORD.findall(self.m(a, b))
        if len(words) > 2 and words[-1].lower() in _CONJUNCTIONS:
            # "Я телефонував керівнику МАГАТЕ … й повідомив": the subject opens the clause; only a pronoun or a
            # name there is taken (unknown is better than wrong)
            first = _WORD.search(self.m(a, b))
            assert first is not None
            f0, f1 = a + first.start(), a + first.end()
            w = self.text[f0:f1]
            return (f0, f1) if w.lower() in PRONOUNS else None
        sp = self._trim_subject(a, b)
        if sp is not None:
            link = _LINK_SOURCE.search(self.text[sp[0]:sp[1]])
            if link:  # "Украинские СМИ со ссылкой на источник в спецслужбах писали": the source speaks
                self.via_hint = self.text[sp[0]:sp[0] + link.start()].strip()
                sp = (sp[0] + link.end(), sp[1])
        return sp

    def _trim_subject(self, a: int, b: int) -> tuple[int, int] | None:
        text = self.text
        words = [(a + m.start(), a + m.end()) for m in _WORD.finditer(self.m(a, b))]
        if words and text[words[-1][0]:words[-1][1]].lower() in ("не", "ні"):
            return None  # "Путин не говорил": no quote
        _drop_trailing_adverbs(text, words)
        words = words[_clause_openers(text, words):]
        self.bare_subject = not words  # only words that open a clause («Нам», «Вчера»): the speaker is not said
        if not words or len(words) > 9:
            return None
        paren = text.find("(", words[0][0], words[-1][1])
        if paren > words[0][0]:  # «Андрей Дмитриев (канал Русское Чучхе)»: the name, not its aside
            words = [w for w in words if w[1] <= paren]
        words = _object_first(text, words)
        start, end = words[0][0], words[-1][1]
        if start > 0 and text[start - 1] in "\"«":
            start -= 1
        if end < len(text) and text[end] in "\"»" and start < end:
            end += 1
        return start, end

    def after_verb(self, v_end: int, e: int) -> tuple[tuple[int, int] | None, str, list[str]]:
        """The speaker after a cue verb (Russian news order: «…, заявил журналистам представитель Кремля Дмитрий
        Песков»): (mention, channel hint, via). An addressee («журналистам», «изданию», an outlet the speaker
        told) and «со ссылкой на Y» (Y speaks, the outlet relays) are read off."""
        seg = self.m(v_end, e)
        m = _CUT_SPEAKER.search(seg)
        if m:
            seg = seg[:m.start()]
        a, b = v_end, v_end + len(seg)
        a, b = _strip(self.text, a, b, " \t\u00a0,")
        hint = ""
        via: list[str] = []
        while True:
            rest = self.text[a:b]
            d = _DATE.match(rest)
            ad = _ADDRESSEE.match(rest)
            first = _WORD.match(rest)
            if d:
                a += d.end()
            elif ad:
                hint = hint or ad.group().strip().lower()
                a += ad.end()
            elif first and first.group().lower() in lexicon().skip and _words(rest) > 1:
                a += first.end()
                a, b = _strip(self.text, a, b, " \t\u00a0,")
            else:
                break
        f = _FROM.match(self.text[a:b]) or _IN_SOURCE.match(self.text[a:b])
        if f and _words(self.text[a + f.end():b]):
            a += f.end()
        t = _TRAILING_WHERE.search(self.text[a:b])
        if t:
            hint = hint or t.group().strip().lower()
            b = a + t.start()
        link = _LINK_SOURCE.search(self.text[a:b])
        if link:
            via.append(self.text[a:a + link.start()].strip())
            a = a + link.end()
        else:
            outlet = _outlet_prefix(self.text[a:b])
            if outlet and _words(self.text[a + outlet:b]) >= 1:
                via.append(self.text[a:a + outlet].strip())
                a += outlet
                p = _PREPOSITION.match(self.text[a:b].lstrip())
                a = _strip(self.text, a, b, " ")[0]
                if p:
                    a += p.end()
        if self.text[a:b].split() and self.text[a:b].split()[0].lower() in PRONOUNS:
            b = a + len(self.text[a:b].split()[0])
        if not _WORD.search(self.text[a:b]) or _words(self.text[a:b]) > 9:
            return None, hint, via
        return (a, b), hint, via


def _drop_trailing_adverbs(text: str, words: list[tuple[int, int]]) -> None:
    """Pop the words that close a subject without being it (a skip word, an adverb in -ски/-но) off ``words``."""
    lex = lexicon()
    if len(words) > 2 and text[words[-2][0]:words[-2][1]].lower() in _TIME_OF_DAY and text[words[-1][0]].islower():
        del words[-2:]  # «Минобороны России утром среды объявило»: the time, not the speaker
    while words and (text[words[-1][0]:words[-1][1]].lower() in lex.skip
                     or text[words[-1][0]:words[-1][1]].lower().endswith(("чески", "ски", "но"))
                     and text[words[-1][0]].islower() and len(words) > 1):
        words.pop()


def _clause_openers(text: str, words: list[tuple[int, int]]) -> int:
    """How many of ``words`` only open the clause (Вчера, При этом, a number, «в»/«у» before a word)."""
    lex = lexicon()
    i = 0
    while i < len(words):
        w = text[words[i][0]:words[i][1]].lower()
        two = f"{w} {text[words[i + 1][0]:words[i + 1][1]].lower()}" if i + 1 < len(words) else ""
        if two in lex.skip:
            i += 2
        elif w in lex.skip or w.isdigit() or w in ("в", "у") and i + 1 < len(words):
            i += 1
        else:
            break
    return i


def _object_first(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """«Жестокое избиение сироты офицер русской полиции назвал»: the object comes first, the speaker is the rest."""
    from .names import describe

    for k in range(2, len(words)):
        if describe(text[words[k][0]:words[-1][1]])[0] != "unknown" and \
                describe(text[words[0][0]:words[k][0]]) == ("unknown", "unknown") and \
                text[words[k][0]].islower() and \
                not any(text[w0].isupper() for w0, _w1 in words[1:k]):
            return words[k:]
    return words


def _outlet_prefix(phrase: str) -> int:
    """The length of an outlet's name opening ``phrase`` ("New York Times представители Пентагона"), or 0."""
    low = phrase.lower()
    best = 0
    for stem, role, _side in lexicon().sources:
        if role == "journalist" and len(stem) > best and low.startswith(stem) and \
                (len(low) == len(stem) or not low[len(stem)].isalnum()) and stem not in ("сми", "издани", "видання"):
            best = len(stem)
    if best and phrase[:best].lower() in ("риа",) and phrase[best:].lower().startswith(" новости"):
        best += len(" новости")
    return best


# -- the rules, per line -------------------------------------------------------------------------------------------


def find_line(line: Line) -> None:
    """Every quote of one line (speakers as written), in the order of the module docstring."""
    if line.dash:
        _dialogue(line)
    for s, e in line.sentences():
        if not line.found and _headline(line, s, e):
            continue
        _marked(line, s, e)
        _reported(line, s, e)
    _colon_intro(line)


_GOES_ON = compile_regex(r"[.,:]\s+[—–-]\s+")
_STOP = compile_regex(r"[.!?…;](?:\s|$)")
_INNER_CUE = compile_regex(r"([,.!?…])\s+[—–]\s+(\w+)")
_INNER_GOES_ON = compile_regex(r"[.,:]\s+[—–]\s+")
_ABOUT_THIS = compile_regex(r"(?:,\s*|^\s*)(?:об\s+этом|о\s+ч[её]м|про\s+це|про\s+що)\s*$", flags=2)
_CONTENT_FIRST = compile_regex(r"(?:,\s*(?:[—–]\s*)?|\s[—–]\s*)$")
_ABOUT_LATER = compile_regex(r"\s+(?:\w+\s+){1,2}?(?:о|об|обо|про)\s")
_QUESTION = compile_regex(r"\W*(?:в\s+ч[её]м|о\s+ч[её]м|что|как|почему|зачем|кто|где|когда|куда|сколько|чем|чого|що|як|чому|навіщо|хто|де|коли|скільки)"
                          r"(?![\w-])", flags=2)
_IN_BEFORE = compile_regex(r"(?:^|[\s«\"])(?:в|во|у)\s+$", flags=2)
_TIME_OF_DAY = frozenset("утром вечером днем днём ночью вранці увечері вдень уночі".split())
_HEARSAY = frozenset({"говорят", "кажуть", "пишут", "пишуть", "сообщают", "повідомляють"})
_HOW = compile_regex(r",\s+(?:как|як)\s+", flags=2)
#: a verb right after «, как» (at most two words between): the attribution of an inner or trailing «как пишет X»
_HOW_BEFORE = compile_regex(r",\s+(?:как|як)\s+(?:[\w-]+\s+){0,2}$", flags=2)
_AFTERTHOUGHT = compile_regex(r",\s+(?:хотя|хоча|при\s+этом|тогда\s+как)\s")
_LATIN_LETTER = compile_regex(r"[A-Za-z]")
#: between a verb and its quote: nothing, or an earlier quote and «и» (скандировали «…» и «…»)
_SAID_THEN_MARK = compile_regex(r"\s*(?:[«„“\"]" + MASK + r"+[»”“\"]\s+(?:и|і|та)\s+)?")
#: a line opening with a source's name (and its country in brackets) before a quote
_SOURCE_THEN_QUOTE = compile_regex(r"[^\w«]*([\w][\w .&'’-]{0,60}?)\s*(?:\([^()]{1,40}\))?\s*[.:]\s*")
_DIALOGUE_CUE = compile_regex(r"([,.!?…]?)\s+[—–-]\s+(?=[\w\"«])")


def _dialogue(line: Line) -> None:
    """«— Текст, — говорит X. — Ещё текст»: a dash line with its attribution between dashes."""
    lex = lexicon()
    start = line.lo + _DASH_LINE.match(line.masked).end()  # type: ignore[union-attr]
    for m in _DIALOGUE_CUE.finditer(line.masked, start - line.lo):
        v = line.lo + m.end()
        w = _WORD.match(line.masked, v - line.lo)
        if not w or not (lex.verbs.get(w.group().lower(), frozenset()) & SPEECH):
            continue
        v_end = line.lo + w.end()
        content_end = line.lo + m.start() + len(m.group(1))
        # the attribution runs to a stop followed by a dash (the speech goes on) or to its sentence's end
        cont = _GOES_ON.search(line.masked, v_end - line.lo)
        stop = _STOP.search(line.masked, v_end - line.lo)
        att_end = line.lo + (stop.start() if stop else len(line.masked))
        cont_at = line.lo + cont.end() if cont and (not stop or cont.start() <= stop.start()) else None
        if cont_at is not None:
            att_end = cont_at
        sp, hint, via = line.after_verb(v_end, att_end)
        rule = "ruuk-dash"
        first = Found(start, content_end, "direct", sp, (v, v_end), rule, hint, via, 0.75)
        line.add(first, (v, att_end))
        line.dialogue = True
        if cont_at is not None:
            nxt = _DIALOGUE_CUE.search(line.masked, cont_at - line.lo)
            end2 = line.hi
            if nxt:
                w2 = _WORD.match(line.masked, nxt.end())
                if w2 and lex.verbs.get(w2.group().lower(), frozenset()) & SPEECH:
                    end2 = line.lo + nxt.start() + len(nxt.group(1))
            line.add(Found(cont_at, end2, "direct", sp, (v, v_end), rule, hint, via, 0.75))
        return


def _headline(line: Line, s: int, e: int) -> bool:
    """The first line as a headline: «X: что сказано» or «что сказано — X»."""
    seg = line.m(s, e)
    if _words(seg) > 30 or not line.first and s > _lead(line.masked, line.lo, line.lo, line.hi):
        return False  # a headline form below the first line: only as the line's first sentence
    a = _lead(line.masked, line.lo, s, e)
    colon = seg.find(": ")
    if colon > 0:
        x = (a, s + colon)
        head = line.text[x[0]:x[1]]
        if 1 <= _words(head) <= 5 and head[:1].isupper() and head.strip().lower() not in lexicon().not_speakers \
                and (line.first or _known_person(head)) \
                and not line.verbs(*x, frozenset(
                {"speech", "belief", "about", "naming"})) and not any(ch.isdigit() for ch in head):
            c0, c1 = s + colon + 2, e
            if _words(line.text[c0:c1]) >= 3:
                kind = _kind(line, c0, c1)
                line.add(Found(c0, c1, kind, x, None, "ruuk-headline-colon", "", [], 0.6), x)
                return True
    dash = max(seg.rfind(" — "), seg.rfind(" – "))
    if dash > 0:
        x0, x1 = _strip(line.text, s + dash + 3, e, " .\u00a0")
        src = line.text[x0:x1]
        if line.verbs(x0, x1):
            return False  # «… — сообщает Минобороны»: the content-first rule reads it
        if 1 <= _words(src) <= 4 and (line.first or _known_person(src)) and \
                (_LATIN_LETTER.search(src) or _is_source(src) or _is_name(src)):
            before = len(line.found)
            _reported(line, s, s + dash)
            if len(line.found) > before:
                for f in line.found[before:]:
                    f.via.insert(0, src)
                return True
            c0, c1 = a, s + dash
            if _words(line.text[c0:c1]) >= 3:
                line.add(Found(c0, c1, _kind(line, c0, c1), (x0, x1), None, "ruuk-headline-dash", "", [], 0.55))
                return True
    return False


def _known_person(phrase: str) -> bool:
    """A phrase that ends with a surname of people.tsv («Зеленский», «Советник Зеленского Литвин» is not)."""
    words = _WORD.findall(phrase)
    return bool(words) and words[-1].lower() in lexicon().people


def _is_name(phrase: str) -> bool:
    """One to three capitalised words that the lists do not call anything else («— Песков», «— Дмитрий Песков»)."""
    words = _WORD.findall(phrase)
    return 1 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) and \
        phrase.strip().lower() not in lexicon().not_speakers


def _is_source(phrase: str) -> bool:
    from .names import describe

    role, _side = describe(phrase)
    return role != "unknown"


def _kind(line: Line, s: int, e: int) -> str:
    inside = [mk for mk in line.marks_within(s - 1, e + 1)
              if not (mk.start > s + 1 and line.text[mk.start:mk.start + 1].isupper() and
                      _words(line.text[mk.start:mk.end]) <= 3)]  # «Северный поток», "Архангел спецназа": names
    if not inside:
        return "indirect"
    if len(inside) == 1 and inside[0].open_at <= s + 1 and (inside[0].close_at < 0 or inside[0].close_at >= e - 2):
        return "direct"
    return "mixed"


_AFTER_CLOSE = compile_regex(r"\s*([,.!?…]*)\s*([—–-]?)\s*")


def _marked(line: Line, s: int, e: int) -> None:
    """Quotes in marks: their attribution after, inside or before them; after a naming verb, a partial quote."""
    for mk in line.marks:
        if not (s <= mk.start - 1 < e or s <= mk.start < e) or not line.free(mk.start, mk.end):
            continue
        _marked_one(line, s, e, mk)


def _marked_one(line: Line, s: int, e: int, mk: Mark) -> None:
    """One quote in marks: the rules in order, the first that applies wins."""
    lead = _lead(line.masked, line.lo, s, e)
    opens_sentence = mk.open_at <= lead
    content = line.text[mk.start:mk.end]
    sentence_like = content[:1].isupper() or _words(content) >= 4
    if _marks_inner(line, mk, content):
        return
    if mk.close_at >= 0 and _marks_after(line, e, mk, sentence_like, opens_sentence):
        return
    if sentence_like and (_source_then_quote(line, mk) or _marks_before(line, s, mk)):
        return
    if _marks_verb(line, s, mk, content, sentence_like) or _marks_naming(line, s, mk):
        return
    _marks_line(line, mk, content, sentence_like)


def _marks_inner(line: Line, mk: Mark, content: str) -> bool:
    """Inside: «…, — говорил Путин. — …»."""
    inner = _INNER_CUE.search(content)
    if not (inner and lexicon().verbs.get(inner.group(2).lower(), frozenset()) & SPEECH):
        return False
    v = mk.start + inner.start(2)
    v_end = mk.start + inner.end(2)
    cont = _INNER_GOES_ON.search(line.text, v_end, mk.end)
    if not cont:
        return False
    sp, hint, via = line.after_verb(v_end, cont.start() + 1)
    line.add(Found(mk.start, mk.start + inner.start(1) + 1, "direct", sp, (v, v_end), "ruuk-marks-inner",
                   hint, via, 0.8), (v, cont.end()))
    line.add(Found(cont.end(), mk.end, "direct", sp, (v, v_end), "ruuk-marks-inner", hint, via, 0.8))
    return True


def _marks_after(line: Line, e: int, mk: Mark, sentence_like: bool, opens_sentence: bool) -> bool:
    """After: «…», — заявил X / «…», пишет X (the rest of the line may be only ", —" and the verb below)."""
    m = _AFTER_CLOSE.match(line.masked, mk.close_at + 1 - line.lo)
    assert m is not None
    w = _verb_after(line, line.lo + m.end())
    if w and (m.group(1) or m.group(2)) and opens_sentence:
        v, v_end = w
        sp, hint, via = line.after_verb(v_end, e)
        line.add(Found(mk.start, mk.end, "direct" if sentence_like else "partial", sp, (v, v_end),
                       "ruuk-marks-after", hint, via, 0.8), (v, sp[1] if sp else v_end), nested=True)
        return True
    if m.end() + line.lo >= line.hi and (m.group(1) == "," or m.group(2)) and opens_sentence:
        line.found.append(Found(mk.start, mk.end, "direct", None, None, "ruuk-marks-next-line", "", [], 0.7,
                                borrow="cue-next"))
        line.taken.append((mk.start, mk.end))
        return True
    return False


def _source_then_quote(line: Line, mk: Mark) -> bool:
    """A source's name, then its words: «Der Spiegel (Германия). «…»», «Reuters: «…»»."""
    head = line.m(line.lo, mk.open_at) if mk.open_at >= 0 else ""
    named = _SOURCE_THEN_QUOTE.fullmatch(head) if head else None
    if not named:
        return False
    n0, n1 = line.lo + named.start(1), line.lo + named.end(1)
    name = line.text[n0:n1]
    if _words(name) <= 4 and not line.verbs(n0, n1, frozenset(lexicon().verbs_classes)) and (
            _LATIN_LETTER.search(name) or _is_source(name) or _known_person(name)):
        line.add(Found(mk.start, mk.end, "direct", (n0, n1), None, "ruuk-source-quote", "", [], 0.65), (n0, n1))
        return True
    return False


def _marks_before(line: Line, s: int, mk: Mark) -> bool:
    """Before: X заявил: «…»."""
    before = line.m(s, mk.open_at if mk.open_at >= 0 else mk.start)
    if not before.rstrip().endswith(":"):
        return False
    colon = s + len(before.rstrip()) - 1
    verbs = line.verbs(s, colon, frozenset({"speech", "belief", "about"}))
    if not verbs:
        return False
    v, v_end, _ = verbs[-1]
    sp = line.subject(s, v)
    hint = ""
    if sp is None or not _speakerish(line, sp):
        sp2, hint, _via = line.after_verb(v_end, colon)
        sp = sp2 if sp2 is not None and _speakerish(line, sp2) else None
    line.add(Found(mk.start, mk.end, "direct", sp, (v, v_end), "ruuk-marks-before", hint, [], 0.75),
             (s, colon), nested=True)
    return True


def _marks_verb(line: Line, s: int, mk: Mark, content: str, sentence_like: bool) -> bool:
    """Right after the verb: X скандировали «…» и «…»."""
    said = [vb for vb in line.verbs(s, mk.start) if _SAID_THEN_MARK.fullmatch(line.m(vb[1], mk.open_at))]
    if not (said and sentence_like and mk.open_at >= 0 and _words(content) >= 3):
        return False
    v, v_end, _ = said[-1]
    sp = line.subject(s, v)
    if sp is not None and not _speakerish(line, sp):
        return False  # «Это подтверждает «Перечень …»»: a document's title, not words said
    line.add(Found(mk.start, mk.end, "direct", sp, (v, v_end), "ruuk-marks-verb", "", [], 0.7), (s, v_end),
             nested=True)
    return True


def _marks_naming(line: Line, s: int, mk: Mark) -> bool:
    """Naming: X назвал «…» (a partial quote)."""
    naming = [vb for vb in line.verbs(s, mk.start, frozenset({"naming"})) if mk.start - vb[1] <= 90]
    if not naming:
        return False
    v, v_end, _ = naming[-1]
    sp = line.subject(s, v)
    if sp is not None and not _speakerish(line, sp):
        sp = None
    line.add(Found(mk.start, mk.end, "partial", sp, (v, v_end), "ruuk-naming", "", [], 0.6))
    return True


def _marks_line(line: Line, mk: Mark, content: str, sentence_like: bool) -> None:
    """A line that is only a quote: its speaker is the line's before or after."""
    lead = _lead(line.masked, line.lo, line.lo, line.hi)
    sentence_like = sentence_like or mk.open_at < 0
    tail = line.text[mk.close_at + 1:line.hi].strip(" .,!?…\u00a0") if mk.close_at >= 0 else ""
    if (mk.open_at <= lead) and not tail and sentence_like and _words(content) >= 3:
        line.found.append(Found(mk.start, mk.end, "direct", None, None, "ruuk-marks-line", "", [], 0.55,
                                borrow="line", continues_prev=mk.open_at < 0))
        line.taken.append((mk.start, mk.end))


def _describe_role(line: Line, sp: tuple[int, int]) -> str:
    from .names import describe

    return describe(line.text[sp[0]:sp[1]])[0]


def _speakerish(line: Line, sp: tuple[int, int]) -> bool:
    """Whether a phrase can be a speaker: a pronoun, a source word of sources.tsv, a known surname, or a capitalised
    word after its first ("причем сегодня один из главных выводов" cannot)."""
    from .names import describe

    mention = line.text[sp[0]:sp[1]].strip(" «»\"")
    words = _WORD.findall(mention)
    if not words:
        return False
    if words[0].lower() in NOT_SPEAKERS:
        return False  # «Это подтверждает …», «Що свідчить …»
    if words[0].lower() in FIRST_PERSON or words[0].lower() in SECOND_PERSON:
        return False  # «Я говорив тоді, що …»: the writer's own words, not a quote (QUOTES.md, guideline 8)
    if words[0].lower() in PRONOUNS or describe(mention) != ("unknown", "unknown"):
        return True
    if words[0].lower().startswith(lexicon().documents):
        return True  # «…, говорится в сводке»: the document speaks for its author
    if _IN_BEFORE.search(line.text, max(0, sp[0] - 5), sp[0]) and body_in(words[0], line.lang) and \
            not words[0].lower().startswith(lexicon().in_frames):
        return True  # «В ведомстве добавили», «В компании утверждают»: the body speaks
    if any(w[:1].isupper() for w in words[1:]) or words[0].lower() in lexicon().people:
        return True
    # a noun of people, a name, an organisation in the nominative («Местные жители», «участники встреч», «Хэнд»)
    if any(speaker_noun(w, line.lang) for w in words[:4]):
        return True
    # one capitalised word: a name unless it only opens the sentence («Багато говорили», «Часто кажуть»)
    return words[0][:1].isupper() and not _opens_sentence(line, sp[0])


def _opens_sentence(line: Line, pos: int) -> bool:
    i = pos - 1
    while i >= line.lo and line.text[i] in " \t\u00a0\"«":
        i -= 1
    return i < line.lo or line.text[i] in ".!?…:;—–-" or not (line.text[i].isalnum() or line.text[i] in ",)")


def _verb_after(line: Line, pos: int) -> tuple[int, int] | None:
    """A speech verb at ``pos``, after at most two adverbs («саркастически заметил»)."""
    lex = lexicon()
    for _ in range(3):
        w = _WORD.match(line.masked, pos - line.lo)
        if not w:
            return None
        word = w.group().lower()
        if lex.verbs.get(word, frozenset()) & SPEECH:
            return line.lo + w.start(), line.lo + w.end()
        if not (word in lex.skip or word.endswith(("ски", "но", "ки", "ло"))):
            return None
        pos = line.lo + w.end()
        while pos < line.hi and line.text[pos] in " \u00a0":
            pos += 1
    return None


def _reported(line: Line, s: int, e: int) -> None:
    """Reported speech in a sentence: attribution phrases, «как пишет X», content-first order, «X заявил, что»,
    «X сообщил о», «X сказал: …»."""
    a = _lead(line.masked, line.lo, s, e)
    seg = line.m(a, e)
    if not seg.strip():
        return
    if _according_first(line, a, e, seg) or _according_inner(line, a, e):
        return
    found = len(line.found)
    verbs = line.verbs(a, e, frozenset({"speech", "belief", "about", "naming", "from", "object", "shown", "conviction"}))
    for v, v_end, cls in verbs:
        if not line.free(v, v_end) or _HOW_BEFORE.search(line.masked, max(0, v - line.lo - 40), v - line.lo):
            continue
        for rule in _VERB_RULES:
            if rule(line, a, e, v, v_end, cls):
                break
        # a request or opinion with the content before the verb: «Дать гражданство … попросили общественники»
        # is left alone (unknown is better than wrong)
    if len(line.found) == found:
        _how_inner(line, a, e)


def _according_first(line: Line, a: int, e: int, seg: str) -> bool:
    """«по словам X, …» / «как пишет X, …» opening the sentence; True when the sentence is done with."""
    lex = lexicon()
    opener = _LINKING.match(seg)
    k = a + (opener.end() if opener else 0)
    acc = lex.according.match(line.masked, k - line.lo)
    how = _how_verb(line, k, e) if acc is None and opener and opener.group().strip() else None
    if acc is None and how is None:
        return False
    src0 = line.lo + acc.end() if acc is not None else how[1]  # type: ignore[index]
    rest = line.m(src0, e)
    comma = min((i for i in (rest.find(", "), rest.find(": ")) if i >= 0), default=-1)
    pron = _pronoun_in(line, acc) if acc is not None else None
    if pron is not None and acc is not None and comma == 0:
        c0 = src0 + 2
        line.add(Found(c0, e, _kind(line, c0, e), pron, (line.lo + acc.start(), src0), "ruuk-according", "", [],
                       0.7), (a, c0))
        return True
    if comma <= 0:
        return False
    src1 = src0 + comma
    c0 = src1 + 2
    if acc is not None:
        sp, hint, via, cue = _according_source(line, acc, src0, src1)
    else:
        sp, hint, via = line.after_verb(how[1], src1)  # type: ignore[index]
        cue = how  # type: ignore[assignment]
    if sp is not None and not _own(line, sp) and _words(line.text[c0:e]) >= 2:
        line.add(Found(c0, e, _kind(line, c0, e), sp, cue, "ruuk-according", hint, via, 0.7), (a, c0))
        return True
    if sp is not None and _own(line, sp):
        line.taken.append((a, e))
        return True
    return False


def _how_verb(line: Line, k: int, e: int) -> tuple[int, int] | None:
    """The speech verb among the first three words after «как» (как (раньше) пишет X, …)."""
    lex = lexicon()
    w = [(k + m.start(), k + m.end()) for m in _WORD.finditer(line.m(k, min(e, k + 40)))][:3]
    for ws, we in w:
        if lex.verbs.get(line.text[ws:we].lower(), frozenset()) & SPEECH:
            return ws, we
    return None


def _according_source(line: Line, acc: re.Match[str], src0: int, src1: int
                      ) -> tuple[tuple[int, int] | None, str, list[str], tuple[int, int]]:
    """The source named after an attribution phrase (speaker, hint, via, cue); «со ссылкой на Y»: Y speaks."""
    sp: tuple[int, int] | None = _strip(line.text, src0, src1)
    via: list[str] = []
    link = _LINK_SOURCE.search(line.text[src0:src1])
    if link:
        via = [line.text[src0:src0 + link.start()].strip()]
        sp = (src0 + link.end(), src1)
    return sp, "", via, (line.lo + acc.start(), line.lo + acc.end())


def _according_inner(line: Line, a: int, e: int) -> bool:
    """X, по его словам, Y: two units; True when found."""
    for m in lexicon().according.finditer(line.masked, a - line.lo, e - line.lo):
        at = line.lo + m.start()
        if at - a < 3 or line.text[at - 2:at] != ", ":
            continue
        comma = line.m(line.lo + m.end(), e).find(", ")
        if comma < 0:
            continue
        src = _pronoun_in(line, m) or _strip(line.text, line.lo + m.end(), line.lo + m.end() + comma)
        if _words(line.text[src[0]:src[1]]) > 6 or src[1] <= src[0]:
            continue
        after_at = line.lo + m.end() + comma + 2
        cue = (at, line.lo + m.end())
        line.add(Found(a, at - 2, _kind(line, a, at - 2), src, cue, "ruuk-according-inner", "", [], 0.6), (at, after_at))
        line.add(Found(after_at, e, _kind(line, after_at, e), src, cue, "ruuk-according-inner", "", [], 0.6))
        return True
    return False


def _how_inner(line: Line, a: int, e: int) -> bool:
    """X, как заявил Y, Z / X, как пишет Y: the attribution inside or after its content (one or two units)."""
    for m in _HOW.finditer(line.masked, a - line.lo, e - line.lo):
        at = line.lo + m.start()
        how = _how_verb(line, line.lo + m.end(), e)
        if how is None or at - a < 3 or any(w[:1].isupper() for w in _WORD.findall(line.m(line.lo + m.end(), how[0]))):
            continue  # «…, як Російська Федерація оголосила війну»: a clause with its subject, not an attribution
        rest = line.m(how[1], e)
        comma = rest.find(", ")
        att_end = how[1] + comma if comma >= 0 else e
        sp, hint, via = line.after_verb(how[1], att_end)
        if sp is None or not _speakerish(line, sp) or _own(line, sp):
            continue
        cue = how
        if _words(line.text[a:at]) >= 1 and not _only_frame(line.text[a:at]):
            line.add(Found(a, at, _kind(line, a, at), sp, cue, "ruuk-how-inner", hint, via, 0.6),
                     (at, att_end + 2 if comma >= 0 else e))
        if comma >= 0 and _words(line.text[att_end + 2:e]) >= 2:
            line.add(Found(att_end + 2, e, _kind(line, att_end + 2, e), sp, cue, "ruuk-how-inner", hint, via, 0.6))
        return True
    return False


def _only_frame(piece: str) -> bool:
    """A piece of words that only open a clause («Более того», «При этом», «Но»): no unit (QUOTES.md 5)."""
    skip = lexicon().skip
    words = [w.lower() for w in _WORD.findall(piece)]
    return " ".join(words) in skip or all(w in skip for w in words)


# The rules tried on each cue verb of a sentence, in order: each returns True when the verb is done with (a quote
# added, or the verb set aside), False to try the next rule.


def _about_this(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """«…, об этом сообщил X» / «…. Об этом пишет X»: the content is the clause or the sentence before."""
    before = line.m(a, v)
    this = _ABOUT_THIS.search(before)
    if not (this and cls & SPEECH):
        return False
    if _words(before[:this.start()]) >= 2:
        c0, c1 = a, a + this.start()
    else:
        prior = [(ps, pe) for ps, pe in line.sentences() if pe <= a]
        c0, c1 = prior[-1] if prior else (a, a)
        c0 = _lead(line.masked, line.lo, c0, c1)
    sp, hint, via = line.after_verb(v_end, e)
    if c1 > c0 and sp is not None and _speakerish(line, sp) and line.free(c0, c1):
        line.add(Found(c0, c1, _kind(line, c0, c1), sp, (v, v_end), "ruuk-about-this", hint, via, 0.65), (v, e))
        return True
    return False


def _content_first(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """Content first: «…, сообщил X» / «…, — пишет X»."""
    before = line.m(a, v)
    if not (_CONTENT_FIRST.search(before) and (cls & SPEECH or "from" in cls and _FROM.match(line.m(v_end, e).lstrip()))):
        return False
    rest = line.m(v_end, e)
    if _QUESTION.match(line.m(a, v)):
        return True  # «В чем его новшество, объясняет X»: an indirect question announces, it reports nothing
    if _words(rest) <= 14 and not _COMPLEMENTIZER.search(rest) and _words(before) >= 2:
        sp, hint, via = line.after_verb(v_end, e)
        if sp is not None and (_speakerish(line, sp) or via):  # «…, передает ТАСС со ссылкой на источники»
            c1 = a + len(before.rstrip(" ,—–\u00a0"))
            if line.free(a, c1):
                line.add(Found(a, c1, _kind(line, a, c1), sp, (v, v_end), "ruuk-inverted", hint, via, 0.7), (v, e))
                return True
    return False


def _that_start(after: str, v_end: int) -> tuple[int, int]:
    """Where «, что» (or «о том, что») opens in ``after`` (-1: nowhere) and where its content starts."""
    comp = _COMPLEMENTIZER.search(after)
    about_that = _ABOUT_THAT.search(after)
    if about_that and (comp is None or about_that.start() <= comp.start()) and _words(after[:about_that.start()]) <= 1:
        # «заявил (журналистам) о том, что»; not «прокомментировал сообщения о том, что» (the reports' content)
        return about_that.start(), v_end + about_that.end() - len(about_that.group().split()[-1]) - 1
    if comp and not (comp.group().rstrip().endswith(("чтобы", "щоб")) and _words(after[:comp.start()])):
        # «попросили изменить форму, чтобы …», «просили разрешения …, чтобы»: a purpose, not what was asked
        return comp.start(), v_end + comp.start() + 2
    return -1, 0


def _that(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """X заявил, что …"""
    after = line.m(v_end, e)
    cs, c0 = _that_start(after, v_end)
    if not (0 <= cs <= 80 and cls & (SPEECH | {"about", "shown", "conviction"})):
        return False
    if cls == {"conviction"} and _words(after[:cs]) > 2:
        return False  # «уверены, что» / «уверены в том, что» only: «Разработчики уверены: …, поэтому хотят, чтобы»
    between = after[:cs]
    sp = line.subject(a, v)
    hint, via = "", line.take_via()
    if sp is None and _words(between) and not between.lstrip().startswith(","):
        sp, hint, via = line.after_verb(v_end, v_end + cs)
    if sp is not None and not _speakerish(line, sp):
        sp, via = None, []
        if v != a:
            return True
    if "shown" in cls and (sp is None or _describe_role(line, sp) == "unknown"):
        return True  # «вторгнення … показало, що»: only a study, a poll, a report shows what someone said
    if sp is not None or (v == a or line.bare_subject) and "speech" in cls:
        # a belief needs its holder named: «Впевнений, що …», «Сподівалися, що …» are the writer's own
        c1 = _content_end(line, c0, e)
        line.add(Found(c0, c1, _kind(line, c0, c1), sp, (v, v_end), "ruuk-that", hint, via, 0.7), (a, c0))
        return True
    return False


def _about(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """X сообщил о …"""
    after = line.m(v_end, e)
    about = _ABOUT_PREP.match(after) or _ABOUT_LATER.match(after)
    if not (about and "about" in cls):
        return False
    c0 = v_end + about.end() - len(about.group().split()[-1]) - 1
    gerund = line.text[v_end - 1] in "яв" and line.text[v - 2:v] == ", "
    c1 = e
    if gerund:
        nxt = line.m(c0, e).find(", ")
        c1 = c0 + nxt if nxt > 0 else e
        head = line.m(a, v - 2)
        sp = line._trim_subject(a + max(head.rfind(", ") + 2, 0), v - 2)
    else:
        sp = line.subject(a, v)
        c1 = _content_end(line, c0, e)
    if sp is not None and _speakerish(line, sp) and _words(line.text[c0:c1]) >= 2:
        line.add(Found(c0, c1, _kind(line, c0, c1), sp, (v, v_end), "ruuk-about", "", line.take_via(), 0.6), (a, c0))
        return True
    return False


def _colon(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """X сказал: …"""
    colon = line.m(v_end, e).find(": ")
    if not (0 <= colon <= 90 and cls & SPEECH):
        return False
    c0 = v_end + colon + 2
    if line.masked[c0 - line.lo:c0 - line.lo + 1] not in "«\"„“" + MASK and _words(line.text[c0:e]) >= 3:
        sp = line.subject(a, v)
        hint, via = "", line.take_via()
        if sp is None or not _speakerish(line, sp):
            sp2, hint, via = line.after_verb(v_end, v_end + colon)
            if sp2 is not None and _speakerish(line, sp2):
                sp = sp2
        if sp is not None and _speakerish(line, sp):
            line.add(Found(c0, e, _kind(line, c0, e), sp, (v, v_end), "ruuk-colon", hint, via, 0.6), (a, c0))
            return True
    return False


def _object(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """X оценил Y / Они отметили Y: the object is what was said (a speaker-like subject only)."""
    if "object" not in cls:
        return False
    sp = line.subject(a, v)
    c0 = _strip(line.text, v_end, e)[0]
    if sp is not None and _speakerish(line, sp) and _words(line.text[c0:e]) >= 3 and \
            line.masked[c0 - line.lo] not in ",:" + MASK:
        line.add(Found(c0, e, _kind(line, c0, e), sp, (v, v_end), "ruuk-object", "", line.take_via(), 0.55), (a, c0))
        return True
    return False


def _zero_comma(line: Line, a: int, e: int, v: int, v_end: int, cls: frozenset[str]) -> bool:
    """«Говорит, с владельцами познакомился в чате»: a speech verb opening the sentence with a zero subject (the
    speaker of the sentences before), its content after a comma without «что»; not the hearsay «Говорят, …»."""
    if v != a or "speech" not in cls or line.text[v:v_end].lower() in _HEARSAY:
        return False
    after = line.m(v_end, e)
    if not after.startswith(", ") or _COMPLEMENTIZER.match(after) or _QUESTION.match(after[2:]) or _words(after) < 3:
        return False
    c0 = v_end + 2
    line.add(Found(c0, e, _kind(line, c0, e), None, (v, v_end), "ruuk-zero-comma", "", [], 0.5), (a, c0))
    return True


_VERB_RULES: tuple[Callable[[Line, int, int, int, int, frozenset[str]], bool], ...] = (
    _about_this, _content_first, _that, _about, _colon, _object, _zero_comma)


def _content_end(line: Line, c0: int, e: int) -> int:
    """Where a reported clause ends: its sentence's end, or before «, хотя …» (the writer's afterthought)."""
    m = _AFTERTHOUGHT.search(line.masked, c0 - line.lo, e - line.lo)
    return line.lo + m.start() if m else e


def _own(line: Line, sp: tuple[int, int]) -> bool:
    """«по данным SHOT» in SHOT's own post: the writer's claim, not a quote."""
    mention = line.text[sp[0]:sp[1]].strip(" «»\"").lower()
    return bool(line.channel) and bool(mention) and (mention == line.channel or
                                                      line.channel.split()[0] == mention.split()[0] == mention)


def _pronoun_in(line: Line, m: object) -> tuple[int, int] | None:
    """The pronoun inside an attribution phrase («по его словам», «за її словами»)."""
    start, end = m.start(), m.end()  # type: ignore[attr-defined]
    for w in _WORD.finditer(line.masked, start, end):
        if w.group().lower() in PRONOUNS:
            return line.lo + w.start(), line.lo + w.end()
    return None


def _colon_intro(line: Line) -> None:
    """A line ending with a colon after a speech word («Другие его заявления:») introduces the dash lines below."""
    tail = line.masked.rstrip()
    if not tail.endswith(":") or line.found:
        return
    if line.verbs(line.lo, line.hi, frozenset({"speech", "nominal"})):
        line.intro = True


__all__ = ["Found", "Line", "Mark", "find_line", "marks_in"]
