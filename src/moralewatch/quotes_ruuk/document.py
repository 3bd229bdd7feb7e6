"""A document's Russian and Ukrainian quotes put together: lines read (finder.py), quotes whose speaker is on
another line given it (a line that is only a quote; «…», —⏎Сказал X; a list after «Другие его заявления:»),
speakers named (names.py: case endings folded, the fullest name the document gives, pronouns to the last speaker
named), roles and sides from the lists, channel and ``via`` (a Telegram channel that relays a statement)."""

from __future__ import annotations

import bisect

from ..clean.document import line_breaks
from ..lexicons import compile_regex
from ..model import Document, Quote
from . import block, relayed
from .finder import (
    _PREPOSITION_FIRST,
    PRONOUNS,
    SPEECH,
    Found,
    Line,
    Spans,
    _is_source,
    _kind,
    _known_person,
    _lead,
    _speakerish,
    _strip,
    find_line,
)
from .lexicon import lexicon
from .morph import first_name, surname
from .names import Names, describe

LANGUAGES = frozenset({"ru", "uk"})

_CAP = compile_regex(r"[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’-]+")
_LATIN = compile_regex(r"[A-Za-z]")
_NAME_WORD = compile_regex(r"[\w'’-]+")
_BARE_DIALOGUE = compile_regex(r"[!?]")


def _line_spans(doc: Document) -> list[tuple[int, int, int, str, bool]]:
    """The lines of the document's Russian and Ukrainian paragraphs: start, end, the paragraph's index, its language,
    and whether the line opens the document."""
    langs = doc.paragraph_languages or [doc.language or ""] * len(doc.paragraphs)
    breaks = line_breaks(doc)
    spans: list[tuple[int, int, int, str, bool]] = []
    first = True
    for n, ((ps, pe), lang) in enumerate(zip(doc.paragraphs, langs, strict=False)):
        if lang not in LANGUAGES:
            first = False
            continue
        pos = ps
        k = bisect.bisect_left(breaks, ps)
        while pos < pe:
            while k < len(breaks) and breaks[k] < pos:
                k += 1
            end = breaks[k] if k < len(breaks) and breaks[k] < pe else pe
            lo, hi = _strip(doc.text, pos, end, " \t\r\u00a0")
            if hi > lo:
                spans.append((lo, hi, n, lang, first))
                first = False
            pos = end + 1
    return spans


def lines_of(doc: Document, revision: int = 4) -> list[Line]:
    """The lines of the document's Russian and Ukrainian paragraphs, read."""
    out: list[Line] = []
    channel = _channel(doc)
    spans = _line_spans(doc)
    carry = False
    opened = -1  # where the quote the last line left open opened (-1: on a line before it)
    through = -1  # (v8) how many more lines an open quote runs through, the last one closing it
    for j, (lo, hi, n, lang, first) in enumerate(spans):
        marks = None
        if revision >= 8 and carry and through < 0 and opened >= 0 and block.opens_block(doc.text, out[-1].lo, opened):
            through = block.runs_on(doc.text, _consecutive(spans, j), (opened, out[-1].hi))
        if through < 0 and j > 0 and n != spans[j - 1][2]:
            carry = False  # a new paragraph (v8: unless it goes on with a quote a later line closes)
        if through >= 0:
            marks = block.through_marks(doc.text, lo, hi, through == 0)
            through -= 1
        line = Line(doc.text, lo, hi, carry, first, channel, lang, revision, marks)
        find_line(line)
        carry = bool(line.marks) and line.marks[-1].close_at < 0
        opened = line.marks[-1].open_at if carry else -1
        out.append(line)
    return out


def _consecutive(spans: list[tuple[int, int, int, str, bool]], j: int) -> list[tuple[int, int]]:
    """The lines from ``spans[j]`` on whose paragraphs follow one another with no other paragraph between."""
    out = [(spans[j][0], spans[j][1])]
    for k in range(j + 1, min(len(spans), j + block.MAX_LINES)):
        if spans[k][2] - spans[k - 1][2] > 1:
            break
        out.append((spans[k][0], spans[k][1]))
    return out


def _borrow(lines: list[Line]) -> None:
    """Speakers from neighbouring lines, dash lines under an intro, bare dialogue lines."""
    dialogue = any(line.dialogue for line in lines)
    for i, line in enumerate(lines):
        for f in line.found:
            if f.borrow == "cue-next" and i + 1 < len(lines):
                _from_next_cue(lines[i + 1], f)
            elif f.borrow == "line":
                _from_neighbour(lines, i, f)
        if line.about_prev is not None and i > 0:
            _about_above(lines[i - 1], line.about_prev)
        if i > 0 and not lines[i - 1].found and (line.dash or line.revision >= 6 and _goes_on(lines[i - 1])):
            _dash_below(lines[i - 1], line)  # (v6) also «…, —⏎говорится в заявлении Федерации бокса России.»
        if i > 0 and not line.found and not line.dash and not lines[i - 1].found and \
                (not lines[i - 1].intro or lines[i - 1].revision >= 6):  # (v6) an intro's first plain line too
            _below_intro(lines[i - 1], line)
        if line.intro:
            _intro_list(line, lines[i + 1:])
        elif i > 0 and _label_below_statement(lines[i - 1], line):
            # «Заявление Владимира Путина …⏎Главное:⏎— …»: the statement's person speaks the list
            _intro_list(line, lines[i + 1:], _first_person(lines[i - 1]))
        if dialogue and line.dash and not line.found and _BARE_DIALOGUE.search(line.masked):
            s = _lead(line.masked, line.lo, line.lo, line.hi)
            line.add(Found(s, line.hi, "direct", None, None, "ruuk-dash-bare", "", [], 0.5))


def _from_next_cue(nxt: Line, f: Found) -> None:
    """«…», —⏎Сказал X: the speaker after the verb that opens the next line."""
    w = _NAME_WORD.match(nxt.masked)
    if w and lexicon().verbs.get(w.group().lower(), frozenset()) & SPEECH:
        f.speaker, hint, f.via = nxt.after_verb(nxt.lo + w.end(), nxt.hi)
        f.cue, f.channel_hint, f.rule = (nxt.lo, nxt.lo + w.end()), hint, "ruuk-marks-next-line"
        nxt.taken.append((nxt.lo, nxt.hi))
    f.borrow = ""


def _from_neighbour(lines: list[Line], i: int, f: Found) -> None:
    """A line that is only a quote: the person an intro above names, else the speaker of the quote before (the one
    it goes on from) or after."""
    who = _colon_person(lines[i - 1]) if i > 0 else None
    if who is None and i > 0 and lines[i].revision >= 8 and not f.continues_prev:
        who = _said_intro(lines[i - 1])  # (v8) «Стрелков вспоминал:» ⏎ «…»
    if who is None and i + 1 < len(lines) and not lines[i + 1].found and \
            lines[i + 1].verbs(lines[i + 1].lo, lines[i + 1].hi, frozenset({"nominal"})):
        who = _first_person(lines[i + 1])  # «…»⏎Заявление Владимира Путина по ситуации …
    if who is not None:  # «Анналена Бербок … объяснила причину …:» ⏎ «…»
        f.speaker, f.rule = who, "ruuk-marks-below-intro"
        f.borrow = ""
        return
    prev = [g for g in lines[i - 1].found if g.speaker] if i > 0 else []
    nxt_ = [g for g in lines[i + 1].found if g.speaker] if i + 1 < len(lines) else []
    if f.continues_prev and i > 0 and lines[i - 1].found:
        src: Found | None = lines[i - 1].found[-1]
    elif prev:
        src = prev[-1]
    elif nxt_:
        src = nxt_[0]
    else:
        src = None
    if src is not None:
        f.speaker, f.cue, f.channel_hint, f.via = src.speaker, src.cue, src.channel_hint, list(src.via)
    elif lines[i].revision >= 6 and i + 1 < len(lines):
        f.speaker = _named_below(lines[i + 1])
    f.borrow = ""


def _named_below(nxt: Line) -> tuple[int, int] | None:
    """quotes.ruuk.v6: who the line under a quote-only line names: «(с) Путин - Карлсону», or the speakerish subject
    of its first speech verb («"Буду здесь работать"⏎Медсестра из Воронежской области рассказала РИА Новости, как
    …»); None when it names nobody."""
    signed = _SIGNED.match(nxt.text, nxt.lo)
    if signed:
        sp = _strip(nxt.text, signed.end(), nxt.hi)
        cut = _SIGN_END.search(nxt.text, sp[0], sp[1])
        sp = (sp[0], cut.start()) if cut else sp
        return sp if sp[1] > sp[0] and _speakerish(nxt, sp) else None
    verbs = nxt.verbs(nxt.lo, nxt.hi, SPEECH)
    if not verbs:
        return None
    first = nxt.sentences()[0]
    if verbs[0][0] >= first[1]:
        return None  # the verb must be in the line's first sentence
    said = nxt.subject(first[0], verbs[0][0])
    return said if said is not None and _speakerish(nxt, said) and not _own_mention(nxt, said) else None


#: «(с) Путин», «(c) Песков» signing the quote above
_SIGNED = compile_regex(r"[ \t]{0,8}\((?:с|c)\)[ \t]{0,8}", flags=2)
_SIGN_END = compile_regex(r"(?<!\s)\s{1,8}[-—–]\s|,|\.|\(")


def _own_mention(line: Line, sp: tuple[int, int]) -> bool:
    return line.text[sp[0]:sp[1]].strip().lower() in PRONOUNS


def _about_above(above: Line, f: Found) -> None:
    """quotes.ruuk.v6: «Об этом сообщил X» opening a line reports the last sentence of the line above (a post's
    first line too, guideline 4), when no quote or attribution took it; a dash line above is a list's, not this."""
    sentences = above.sentences()
    if not sentences or above.dash:
        return
    s, e = sentences[-1]
    s = _lead(above.masked, above.lo, s, e)
    if e > s and above.free(s, e) and len(above.m(s, e).split()) >= 3:
        f.start, f.end, f.kind = s, e, _kind(above, s, e)
        above.add(f)


def _goes_on(above: Line) -> bool:
    """Whether a line ends with a comma or a dash: its sentence goes on in the line below."""
    return above.masked.rstrip().endswith((",", "—", "–"))


def _dash_below(above: Line, line: Line) -> None:
    """A dash line opening with a speech verb under a line with no quote: the line above is what was said."""
    w = _NAME_WORD.match(line.masked, _lead(line.masked, line.lo, line.lo, line.hi) - line.lo)
    if w and lexicon().verbs.get(w.group().lower(), frozenset()) & SPEECH and not line.found:
        sp, hint, via = line.after_verb(line.lo + w.end(), line.hi)
        if not line.dash and (sp is None or not w.group().islower() or not _speakerish(line, sp)):
            return  # (v6) «И однажды,⏎ПИСАЛ Я В 2018,⏎…»: the writer's own aside, no statement
        s0 = _lead(above.masked, above.lo, above.lo, above.hi)
        plain = "direct" if line.dash else "indirect"  # (v6) «…, —⏎говорится в заявлении X»: the statement's words
        above.add(Found(s0, above.hi, _kind(above, s0, above.hi) if above.marks else plain, sp,
                        (line.lo + w.start(), line.lo + w.end()), "ruuk-dash-below", hint, via, 0.7))
        line.taken.append((line.lo, line.hi))


def _below_intro(above: Line, line: Line) -> None:
    """«генерал-полковник ВСУ Дмитрий Марченко выдал порцию зрады:» ⏎ the words, without marks."""
    who = _colon_person(above)
    least = 8
    said = _said_intro(above)
    if said is not None:  # (v6) «Это подтвердил представитель МИД Георгий Тихий:» ⏎ a short line is his too
        who, least = who or said, 3
    if who is not None and len(line.m(line.lo, line.hi).split()) >= least:
        s0 = _lead(line.masked, line.lo, line.lo, line.hi)
        line.add(Found(s0, line.hi, "direct", who, None, "ruuk-below-intro", "", [], 0.55))


def _said_intro(above: Line) -> tuple[int, int] | None:
    """quotes.ruuk.v6: the speaker of a line that ends with a colon right after a speech verb and its speaker
    («Коба взглянул на колхозана грустно и сказал:», «Это подтвердил представитель МИД Георгий Тихий:»)."""
    if above.revision < 6 or not above.masked.rstrip().endswith(":"):
        return None
    tail = above.lo + len(above.masked.rstrip()) - 1
    verbs = above.verbs(above.lo, tail, frozenset({"speech"}))
    if not verbs or _words_in_span(above, verbs[-1][1], tail) > 6:
        return None
    v, v_end, _ = verbs[-1]
    after, _hint, _via = above.after_verb(v_end, tail)
    if after is not None and _speakerish(above, after):
        return after
    s = max((a for a, _e in above.sentences() if a <= v), default=above.lo)
    sp = above.subject(s, v)
    return sp if sp is not None and _speakerish(above, sp) else None


def _words_in_span(line: Line, s: int, e: int) -> int:
    return len(_NAME_WORD.findall(line.m(s, e)))


def _label_below_statement(above: Line, line: Line) -> bool:
    """A bare label line («Главное:», «Важно:») under a line that names someone's statement («Заявление X …»)."""
    label = line.masked.strip().rstrip(":").strip().lower()
    return line.masked.rstrip().endswith(":") and label in lexicon().not_speakers and not line.found and \
        bool(above.verbs(above.lo, above.hi, frozenset({"nominal"}))) and _first_person(above) is not None


def _intro_list(line: Line, below: list[Line], who: tuple[int, int] | None = None) -> None:
    """The dash lines under «Другие его заявления:» are the intro's speaker's quotes (``who``: given by a line
    above the intro)."""
    who = who or _intro_speaker(line)
    owner = line.revision >= 6 and who is not None and who == _nominal_owner(line)  # «заявления Гурулева:»
    for nxt in below:
        if not nxt.dash and (nxt.bullet is None or who is None):
            break  # (v6) a bulleted list needs a named speaker above it: «Давайте соберём тезисы:» lists the writer's
        if nxt.found and not nxt.dash:
            continue  # (v6) «▪️ …, заявил директор СВР Нарышкин;»: an item with its own attribution keeps it
        if nxt.found:  # «— РФ признавала границы Украины …» under «О чём ещё говорил Путин:»: the line is his
            if any(f.rule.startswith(("ruuk-dash", "ruuk-marks")) for f in nxt.found):
                break  # a dialogue line or a quote of its own: the list ends
            nxt.found, nxt.taken = [], Spans()
        s = _lead(nxt.masked, nxt.lo, nxt.lo + (nxt.bullet.end() if nxt.bullet is not None else 0), nxt.hi)
        f = Found(s, nxt.hi, _kind(nxt, s, nxt.hi), who, None, "ruuk-list-owner" if owner else "ruuk-list", "", [],
                  0.6)
        nxt.add(f)


def _colon_person(line: Line) -> tuple[int, int] | None:
    """The person a line ending with a colon names first, when it is a name the lists do not call anything else
    («Глава германского МИДа Анналена Бербок наконец-то объяснила …:»)."""
    if not line.masked.rstrip().endswith(":") or _words_in(line) > 40:
        return None
    found = _first_person(line)
    if found is None and _words_in(line) <= 4:  # «Песков:» ⏎ «…»: a line that is only a known name or a source
        s0 = _lead(line.masked, line.lo, line.lo, line.hi)
        s1 = line.lo + len(line.masked.rstrip()) - 1
        head = line.text[s0:s1].strip()
        if head and head.lower() not in lexicon().not_speakers and (_known_person(head) or _is_source(head)):
            return s0, s0 + len(head)
    return found


def _first_person(line: Line) -> tuple[int, int] | None:
    """The first person a line names in two capitalised words that are a name (not a body, not a place)."""
    first = _lead(line.masked, line.lo, line.lo, line.hi)
    words = [(line.lo + m.start(), line.lo + m.end(), m.group()) for m in _NAME_WORD.finditer(line.masked)]
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and _CAP.fullmatch(words[j][2]) and not _LATIN.search(words[j][2]):
            j += 1
        if j - k >= 2 and not (j - k == 2 and words[k][0] == first):  # «Глава Всероссийской …» opens the line
            run = words[k:j][-2:]
            found = _person(line.text, run[0][0], run[-1][1])
            if found is not None and len(found[2]) == 2:
                return found[0], found[1]
        k = max(j, k + 1)
    return None


def _words_in(line: Line) -> int:
    return len(_NAME_WORD.findall(line.masked))


def _intro_speaker(line: Line) -> tuple[int, int] | None:
    """The speaker of «Другие его заявления:», «Что сказал президент:», «Путин заявил:»."""
    for m in _NAME_WORD.finditer(line.masked):
        if m.group().lower() in PRONOUNS:
            return line.lo + m.start(), line.lo + m.end()
    verbs = line.verbs(line.lo, line.hi, frozenset({"speech", "intro"}))  # «intro»: v6 only («выступил»)
    if not verbs:
        return _nominal_owner(line) if line.revision >= 6 else None
    v, v_end, _ = verbs[0]
    after, _hint, _via = line.after_verb(v_end, line.hi)
    if after is not None and line.revision >= 6 and _PREPOSITION_FIRST.match(line.text, after[0]):
        after = None  # (v6) «В Минобороны рассказали об ударах …:», «Путин выступил на параде, главные тезисы:»
    if after is not None and _speakerish(line, after):
        return after
    sp = line.subject(line.lo, v)
    return sp if sp is not None and _speakerish(line, sp) else None


def _nominal_owner(line: Line) -> tuple[int, int] | None:
    """quotes.ruuk.v6: the name right after a statement noun of an intro line («Другие заявления Пескова на
    брифинге:», «Главные тезисы Путина:»), when it can speak."""
    for _n, n_end, _cls in line.verbs(line.lo, line.hi, frozenset({"nominal"})):
        m = _OWNER.match(line.text, n_end)
        if m:
            sp = (m.start(1), m.end(1))
            if _speakerish(line, sp):
                return sp
    return None


_OWNER = compile_regex(r"(?<!\s)\s{1,8}((?:[A-ZА-ЯЁІЇЄҐ][\w'’-]{0,40}\s{1,8}){0,2}[A-ZА-ЯЁІЇЄҐ][\w'’-]{0,40})")


def _person(text: str, s: int, e: int) -> tuple[int, int, list[str]] | None:
    """The personal name at the end of a mention: up to two capitalised words (not an acronym, not a word of
    sources.tsv such as «Украины»), as [start, end) and words; None for a description or an organisation."""
    words = [(s + m.start(), s + m.end(), m.group()) for m in _NAME_WORD.finditer(text[s:e])]
    if words and words[0][2].lower().startswith(lexicon().source_nouns):
        return None  # «источник РИА Новости», «джерело в Офісі Президента»: the description is the speaker
    run: list[tuple[int, int, str]] = []
    for w in reversed(words):
        if not _CAP.fullmatch(w[2]) or _LATIN.search(w[2]):
            break
        run.insert(0, w)
    if len(run) == 1 and len(words) > 1 and _outlet_pair(words[-2][2], run[0][2]):
        return None  # «источник РИА Новости»: an outlet's two-word name, no person
    run = run[-2:]
    if len(run) == 2 and lexicon().people.get(Names().lemma(run[0][2]).lower()):
        run = run[1:]  # «Советник Зеленского Литвин»: the first is a possessor, not a first name
    known = bool(run) and bool(lexicon().people.get(Names().lemma(run[-1][2]).lower()))
    if run and describe(run[0][2]) != ("unknown", "unknown"):
        if not known:
            return None  # «Минобороны Сирии», «Генштаб Украины»: a body and its country, no person
        run = run[-1:]  # «Президент Зеленський»: a title and a known surname
    if not known and len(run) == 1 and len(words) > 1 and words[-2][2][:1].islower() and \
            describe(words[-2][2]) == ("unknown", "unknown"):
        return None  # «громадян Євросоюзу»: a genitive after a noun, no person
    if not run or describe(run[-1][2]) != ("unknown", "unknown"):
        return None
    if len(run) == len(words) == 2 and run[0][2].lower() in lexicon().skip:
        run = run[1:]
    return run[0][0], run[-1][1], [w[2] for w in run]


def _document_authors(lines: list[Line]) -> None:
    """quotes.ruuk.v6: a document named by one word after в/у as the speaker («В сводке говорится, что …», «…, —
    говорится в заявлении») speaks for its author: the speaker of a quote in the two sentences before it, else the
    subject of their first speech verb, negated or not («Генеральный штаб ВСУ не сообщал о …, однако в своем отчете
    косвенно подтвердил это»); none found: as it was."""
    documents = lexicon().documents
    for i, line in enumerate(lines):
        for f in line.found:
            if f.speaker is None:
                continue
            words = _NAME_WORD.findall(line.text[f.speaker[0]:f.speaker[1]])
            if len(words) == 1 and words[0].lower().startswith(documents) and \
                    _IN_WORD.search(line.text, max(0, f.speaker[0] - 3), f.speaker[0]):
                author = _last_speaking_body(lines, i, f.speaker[0], f.start)
                if author is not None:
                    f.speaker = author


def _last_speaking_body(lines: list[Line], i: int, mention: int, start: int) -> tuple[int, int] | None:
    """The author of a document mentioned at ``mention`` (its quote starts at ``start``), from the last two sentences
    before both, in this line and the two above."""
    before = min(mention, start)
    sentences = [(line, s, e) for line in lines[max(0, i - 2):i + 1] for s, e in line.sentences() if e <= before]
    if not sentences:
        return None
    since = sentences[-2:][0][1]
    quoted = [g.speaker for line in lines[max(0, i - 2):i + 1] for g in line.found
              if g.speaker is not None and since <= g.start < before and not _document_word(line, g.speaker)]
    if quoted:
        return quoted[-1]
    for line, s, e in reversed(sentences[-2:]):
        verbs = line.verbs(s, e, frozenset({"speech", "about"}))
        if not verbs or line.m(s, verbs[0][0]).rstrip().endswith((",", "—", "–")):
            continue  # «…, заявили Воздушные силы»: the words before the verb are what was said, not who said it
        v = verbs[0][0]
        head = line.text[s:v].rstrip()
        if head.lower().endswith((" не", " ні")):
            v = s + len(head) - 3  # «Генштаб не сообщал»: the body that did not say one thing is still the subject
        sp = line.subject(s, v)
        if sp is not None and _speakerish(line, sp) and not _document_word(line, sp):
            return sp
    return None


def _document_word(line: Line, sp: tuple[int, int]) -> bool:
    """Whether a mention names a document («сводке», «пояснительной записке»), not its author."""
    documents = lexicon().documents + ("записк", "записц")
    return any(w.lower().startswith(documents) for w in _NAME_WORD.findall(line.text[sp[0]:sp[1]]))


#: в/у right before a mention: «в сводке», «у повідомленні» (not «написала заявление», the thing written)
_IN_WORD = compile_regex(r"(?:^|\s)(?:в|во|у)\s+$", flags=2)
def _outlet_pair(first: str, second: str) -> bool:
    """Whether two words are a two-word name of sources.tsv («РИА Новости»), so that the second is no surname."""
    pair = f"{first} {second}".lower()
    return any(" " in stem and pair.startswith(stem) and len(stem) > len(first) + 2 for stem, _r, _s in
               lexicon().sources)


def _channel(doc: Document) -> str | None:
    """The Telegram channel a post comes from (a Telegram export's chat, or a JSONL record's source)."""
    tg = doc.meta.get("telegram") if isinstance(doc.meta, dict) else None
    if isinstance(tg, dict) and tg.get("chat_type") in ("public_channel", "private_channel", "channel") \
            and tg.get("chat"):
        return str(tg["chat"])
    for value in (doc.source, doc.outlet):
        if isinstance(value, str) and value.startswith("Telegram channel: "):
            return value[len("Telegram channel: "):].strip() or None
    return None


def _channel_of(hint: str, attribution: str) -> str:
    low = f"{hint} {attribution}".lower()
    for stem, channel in lexicon().channels:
        if stem in low:
            return channel
    return "unknown"


#: a speaker as the quotes give it: name, role, side
_Said = tuple[str | None, str, str]


def extract(doc: Document, revision: int = 4) -> list[Quote]:
    """The quotes of the document's Russian and Ukrainian lines, in text order (``revision``: of the finder's rules,
    the stage's version: 5 reads a parenthesis before the speech verb as an aside and «Дж.» as an initial)."""
    lines = lines_of(doc, revision)
    if not lines:
        return []
    _borrow(lines)
    if revision >= 6:
        _document_authors(lines)
    found = sorted((f for line in lines for f in line.found), key=lambda f: f.start)
    names = Names()
    channel = _channel(doc)
    text = doc.text
    out: list[Quote] = []
    last: _Said | None = None  # the last named speaker: name, role, side
    known_as: dict[str, tuple[str, str]] = {}  # a person's name -> the role and side a mention of it gave
    chain: int | None = None
    last_at = 0  # where the last named speaker's mention ends
    for f in found:
        said: _Said = (None, "unknown", "unknown")
        span: tuple[int | None, int | None] = (None, None)
        if f.speaker is not None:
            before = last
            if revision >= 6 and _far_plural(text, f.speaker, last_at):
                before = None  # (v6) «Вони думали, що …» two sentences after the last speaker: unknown, no guess
            said, span, after = _speaker_of(text, f.speaker, names, before, known_as)
            if f.rule in _GENITIVE_RULES and said[0]:  # (v6) «почути від … Карла Негаммера»: a genitive by construction
                said = after = (_genitive_folded(said[0]), said[1], said[2])
            if after is not before or said is before and before is not None:
                last, last_at = after, f.speaker[1]  # a name, or a pronoun that took it: the chain goes on
        elif f.zero_subject and last is not None:
            said = last  # «Сообщается, что …» after a named source: that source (QUOTES.md, guideline 10)
        elif f.zero_subject and revision >= 6 and _impersonal(text, f):
            continue  # (v6) «Сообщается, что …» with nobody named before it: the channel's own report (guideline 9)
        if revision >= 7 and f.speaker is not None and said[0]:
            said = _relayed(text, f.speaker, said)
        if revision >= 8 and said[0]:
            said = (block.clean_name(said[0]), said[1], said[2])  # (v8) «Димсон", военнослужащий …»: no stray mark
        continues = None
        if f.continues_prev and out:
            continues = chain if chain is not None else len(out) - 1
        q = _quote(text, f, said, span, _via(f, channel, said[0]), continues)
        chain = continues if continues is not None else len(out)
        out.append(q)
    return out


def _relayed(text: str, mention: tuple[int, int], said: _Said) -> _Said:
    """(v7) a soldier's, prisoner's or relative's role and side from their description when the lists give none
    («Шкода, офицер 46 бригады» -> soldier, ua by the document's «46 аэромобильной бригады ВСУ»)."""
    name, role, side = said
    phrase = text[mention[0]:mention[1]]
    extra = relayed.role_of(phrase)
    if role == "unknown" and extra != "unknown" or role == "official" and relayed.officer(phrase):
        role = extra  # «офицер 46 бригады» is no «оф…» official
    if role in ("soldier", "pow", "relative"):
        if side == "unknown":
            side = relayed.side_of(phrase, text)
    return (name, role, side)


#: (v6) rules whose speaker mention is a genitive: «від Карла Негаммера», «заявления Гурулева:»
_GENITIVE_RULES = frozenset({"ruuk-heard", "ruuk-list-owner"})


def _genitive_folded(name: str) -> str:
    """A name in the genitive in the nominative («Карла Негаммера» -> «Карл Негаммер», «Гурулева» -> «Гурулев»):
    the first name by the dictionary, the surname by the dictionary or, for a man's, without its genitive «-а»."""
    words = name.split()
    if len(words) == 1:
        return surname(name, "ru") if name[:1].isupper() else name
    if len(words) < 2:
        return name
    first = first_name(words[-2], "ru")
    if first == words[-2]:
        return name  # no first name in an oblique case: the mention stays as written
    last = surname(words[-1], "ru")
    if last == words[-1] and last.endswith("а") and not first.endswith(("а", "я")):
        last = last[:-1]
    return " ".join(words[:-2] + [first, last])


def _impersonal(text: str, f: Found) -> bool:
    """Whether a quote's cue is an impersonal passive («Сообщается», «Указывается», «Повідомляється»)."""
    return f.cue is not None and text[f.cue[0]:f.cue[1]].lower().endswith(("ся", "сь"))


#: the plural pronouns a speaker phrase may be («Вони думали, що …», «Они говорят, что …»)
_PLURAL = frozenset({"они", "вони", "их", "їх"})
_SENTENCE_END = compile_regex(r"[.!?…](?:\s|$)")


def _far_plural(text: str, mention: tuple[int, int], last_at: int) -> bool:
    """quotes.ruuk.v6: whether a plural pronoun stands more than one sentence after the last named speaker («Та
    прості люди вже зробили вибір. Вони впевнені, що …» are the people, not the president quoted before them)."""
    if text[mention[0]:mention[1]].strip("\"«»“”„ ").lower() not in _PLURAL:
        return False
    return len(_SENTENCE_END.findall(text, last_at, mention[0])) > 1


def _speaker_of(text: str, mention_at: tuple[int, int], names: Names, last: _Said | None,
                known_as: dict[str, tuple[str, str]]) -> tuple[_Said, tuple[int, int], _Said | None]:
    """A quote's speaker from its mention: (name, role, side), the mention's span, and the last named speaker after
    it (a pronoun takes the last one's; «я», «мы» stay unknown)."""
    ss, se = mention_at
    mention = text[ss:se].strip("\"«»“”„ ")
    if mention.count("«") > mention.count("»"):
        mention += "»"  # «Проект «Первый отдел»»: the name in marks keeps its closing mark
    low = mention.lower()
    if low in PRONOUNS:
        if low in ("я", "мы", "ми") or last is None:
            return (None, "unknown", "unknown"), (ss, se), last
        return last, (ss, se), last
    said, span = _named(text, ss, se, mention, names, known_as)
    return said, span, said


_CALLSIGN = compile_regex(r"позывн\w*\s+[«\"“]?([\w-]+)[»\"”]?\s*$", flags=2)


def _named(text: str, ss: int, se: int, mention: str, names: Names,
           known_as: dict[str, tuple[str, str]]) -> tuple[_Said, tuple[int, int]]:
    """A mention that is not a pronoun: the person's fullest name (or the mention), role and side from the lists
    and from what earlier mentions of the same person gave."""
    role = side = "unknown"
    person = _person(text, ss, se)
    known = names.person(person[2]) if person else None
    if person:
        full = names.add(person[2])
        speaker = " ".join(full)
        ss, se = person[0], person[1]
        if known:
            role, side = known[1], known[2]
    else:
        callsign = _CALLSIGN.search(mention)
        speaker = callsign.group(1) if callsign else mention  # «боец с позывным «Кот»»: the callsign is the name
    r, sd = describe(mention)
    role = role if role != "unknown" else r
    side = side if side != "unknown" else sd
    if person and speaker:  # «Міністр оборони Рустем Умєров» … «за словами Умєрова»: the same person
        was = known_as.get(speaker, ("unknown", "unknown"))
        role = role if role != "unknown" else was[0]
        side = side if side != "unknown" else was[1]
        known_as[speaker] = (role, side)
    return (speaker, role, side), (ss, se)


def _via(f: Found, channel: str | None, speaker: str | None) -> list[str]:
    """The intermediaries of a quote, and the channel that posts it when someone else speaks."""
    via = [v for v in f.via if v]
    if channel and speaker and speaker.lower() != channel.lower() and channel not in via:
        via.append(channel)
    return via


def _quote(text: str, f: Found, said: _Said, span: tuple[int | None, int | None], via: list[str],
           continues: int | None) -> Quote:
    speaker, role, side = said
    attribution = text[f.cue[0]:f.cue[1]] if f.cue else ""
    attribution += " " + (text[f.speaker[0]:f.speaker[1]] if f.speaker else "")
    if f.cue and f.speaker and f.speaker[1] <= f.cue[0] and f.cue[0] - f.speaker[1] <= 120:
        attribution += " " + text[f.speaker[1]:f.cue[0]]  # «Песков в интервью РБК заявил»: how it was said
    return Quote(start=f.start, end=f.end, text=text[f.start:f.end], kind=f.kind, speaker=speaker,
                 speaker_start=span[0], speaker_end=span[1], speaker_role=role, side=side,
                 channel=_channel_of(f.channel_hint, attribution), via=via,
                 cue=text[f.cue[0]:f.cue[1]] if f.cue else None,
                 cue_start=f.cue[0] if f.cue else None, cue_end=f.cue[1] if f.cue else None,
                 continues=continues, confidence=f.confidence, rule=f.rule)


__all__ = ["LANGUAGES", "extract", "lines_of"]
