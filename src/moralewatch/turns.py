"""``turns.v4``: each turn of a transcript is a direct quote of its speaker (issue 19, items 1 and 2 in part).

v2: a label that names a person ("MS. PSAKI", "Vladimir Putin") is resolved to the full name the document's
title or header gives, or to a public figure of the knowledge base, with that person's role and side
(:mod:`moralewatch.speaker_labels`); v1 stored the label's words as the speaker. v4: the heads of state and
government, legislators and party figures of the knowledge base speak as ``politician``, the heads and staff of
international organisations as ``ngo`` (codebook v1.1; ``data/turns/people_v11.tsv``; "Secretary General" in a label),
by their name alone too; an office's field in a header is no part of a name ("NSC Coordinator for Strategic
Communications John Kirby"), nor are title-case prepositions and what follows ("Jake Sullivan En Route Anchorage");
a teleconference's "Operator" is read as a moderator; a dash line that goes on in lower
case ("— as well as ...") continues the labelled turn before it (:mod:`moralewatch.clean.transcript`).

The turns and their labels come from the cleaner (``doc.meta["turns"]``, :mod:`moralewatch.clean.transcript`). A
label's words give the role (``data/turns/labels.tsv``: Q, Interviewer -> journalist; Mother -> relative; POW,
captured -> pow; Soldier -> soldier; official words -> official); the document's header, title and outlet give the
channel (intercepted call -> phone_call, video, interview; subtitles default to video and Q/A text to interview),
whether the interviewee is a captive (then a label without a role of its own, such as "A" or a name, is pow), the
side of the soldiers, captives and relatives (both sides named: unknown) and who published it (the via chain,
after the chain a Telegram forward carries in ``doc.meta["via"]``).

The quote finder's own quotes that are the same span as a turn are replaced by the turn (a nested quote inside a
turn stays). The indicator stage runs after this one, on the turns as on any quote: the speaker is the claimant.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping
from functools import cache
from re import escape
from typing import Any

from . import lexicons
from .lexicons import compile_regex
from .model import Document, Quote
from .pipeline import stage
from .speaker_labels import Who, header_names, office_role, resolve

_WORD = compile_regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: a quote of the finder covering this share of a turn (and inside it) is the turn itself
SAME_SPAN = 0.8


#: labels of questions and answers: a text that has them is an interview (unless its header says otherwise)
_QA = frozenset({"Q", "A", "QUESTION", "ANSWER", "ВОПРОС", "ОТВЕТ", "ПИТАННЯ", "ВІДПОВІДЬ"})
#: a possessor in a label ("Soldier's mother", "POW's wife") is not who speaks; nor what follows "of"
_POSSESSOR = compile_regex(r"(?<![^\W\d_])[^\W\d_]+'s\b")  # from a word's start: linear on a long word
_OF = compile_regex(r"\s(?:of|from)\s")


@cache
def _labels() -> dict[str, str]:
    return dict(line.split("\t")[:2] for line in lexicons.lines("turns/labels.tsv"))


@cache
def _priority() -> dict[str, int]:
    return {role: i for i, role in enumerate(lexicons.lines("turns/roles.txt"))}


@cache
def _context() -> tuple[tuple[str, str, str], ...]:
    out = []
    for line in lexicons.lines("turns/context.tsv"):
        phrase, what, value = line.split("\t")[:3]
        out.append((phrase, what, value))
    return tuple(out)


def label_role(label: str | None) -> str | None:
    """The role a speaker label gives by its words, or None."""
    if not label:
        return None
    labels, prio = _labels(), _priority()
    low = _POSSESSOR.sub(" ", label.lower().replace("’", "'"))  # "Soldier's mother": the mother speaks
    head = _OF.split(low, 1)[0]  # "Mother of the captive", "Мать пленного": the word before "of" is who speaks
    for part in (head, low):
        roles = [labels[w] for w in _WORD.findall(part) if w in labels]
        if roles:
            return min(roles, key=lambda r: prio.get(r, len(prio)))
    return None


def read_context(text: str) -> dict[str, Any]:
    """What the header of a transcript says: channel, captive, whether it speaks of a soldier (``soldier``), side
    (``sides``: every side it names;
    ``people_sides``: the sides named next to a captive's or a soldier's word, "a captured Russian soldier",
    «пленный военнослужащий ВСУ»), via, the role of a moderator."""
    low = " " + " ".join(_WORD.findall(text.lower().replace("’", "'"))) + " "
    low_raw = " " + text.lower() + " "
    for phrase, what, _ in _context():
        if what == "ignore":  # "videoconference" is no video of the speakers
            low, low_raw = _without(low, phrase), _without(low_raw, phrase)
    out: dict[str, Any] = {"channel": None, "captive": False, "sides": set(), "via": [], "moderator": None,
                           "people_sides": _people_sides(text), "soldier": _names_a_soldier(text)}
    for phrase, what, value in _context():
        if not _hit(phrase, low, low_raw):
            continue
        if what == "moderator" and out["moderator"] is None:
            out["moderator"] = value
        elif what == "channel" and out["channel"] is None:
            out["channel"] = value
        elif what == "captive":
            out["captive"] = True
        elif what == "side":
            out["sides"].add(value)
        elif what == "via" and value not in out["via"]:
            out["via"].append(value)
    return out


def _hit(phrase: str, low: str, low_raw: str) -> bool:
    """A phrase at a word start (a stem: "перехоплен"); one of three letters or fewer is a whole word ("pow", not
    "power"; "сбу")."""
    if len(phrase) <= 3:
        return f" {phrase} " in low
    return f" {phrase}" in low or (not phrase.isalpha() and phrase in low_raw)


def _names_a_soldier(text: str) -> bool:
    """Whether the header speaks of a soldier or a captive (a word of theirs, context.tsv)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return any(w == p if len(p) <= 3 else w.startswith(p)
               for w in words for p, what, _ in _context() if what in ("captive", "person"))


def _people_sides(text: str) -> set[str]:
    """Sides named within three words of a captive's or a soldier's word, in the same clause."""
    ctx = _context()

    def starts(w: str, kinds: tuple[str, ...]) -> list[str]:
        return [v for p, what, v in ctx if what in kinds and (w == p if len(p) <= 3 else w.startswith(p))]

    out: set[str] = set()
    for clause in _CLAUSE.split(text.lower().replace("’", "'")):
        words = _WORD.findall(clause)
        people = [i for i, w in enumerate(words) if starts(w, ("captive", "person"))]
        out |= {v for i, w in enumerate(words) for v in starts(w, ("side",)) if any(abs(i - j) <= 3 for j in people)}
    return out


_CLAUSE = compile_regex(r"[,.;:!?()\[\]—–\n]")


def _without(low: str, phrase: str) -> str:
    """``low`` without the words that start with ``phrase`` (at a word start)."""
    return compile_regex(r"(?<!\w)" + escape(phrase) + r"\w*").sub(" ", low)


def _context_text(doc: Document, turns: list[dict[str, Any]]) -> str:
    parts = [doc.title or "", doc.outlet or ""]
    parts += [doc.text[h["start"]:h["end"]] for h in doc.meta.get("header", [])]
    if not doc.meta.get("header") and turns:  # no header: what comes before the first turn
        parts.append(doc.text[:turns[0].get("paragraph_start", 0)])
    return "\n".join(parts)


@stage("turns.v4", requires=("paragraphs", "quotes"), provides=("turns",))
def quote_turns(doc: Document, config: Mapping[str, Any]) -> None:
    """Add a direct quote for every turn of a transcript (nothing for other documents)."""
    turns: list[dict[str, Any]] = doc.meta.get("turns") or []
    if turns:
        doc.quotes = _merged(doc.quotes, _turn_quotes(doc, turns))


def _turn_quotes(doc: Document, turns: list[dict[str, Any]]) -> list[Quote]:
    """One direct quote per turn, with the role its label says, and the channel, side and via of the document."""
    header = _context_text(doc, turns)
    ctx = read_context(header)
    fmt = doc.meta.get("transcript")
    qa = any((t.get("label") or "").upper() in _QA for t in turns)
    channel = ctx["channel"] or ("video" if fmt in ("srt", "vtt") else "interview" if qa else "unknown")
    side = _soldiers_side(ctx, turns)
    via = list(doc.meta.get("via") or []) + [v for v in ctx["via"] if v not in (doc.meta.get("via") or [])]
    people = _people(turns, header_names(header))
    roles = _label_roles(doc, turns, people, ctx, channel)
    new: list[Quote] = []
    for t in turns:
        label = t.get("label")
        who = people[label]
        role, q_side = _role_and_side(label, who, roles.get(label), ctx["captive"], side)
        first = len(new)
        for k, (start, end) in enumerate(t.get("parts") or [(t["start"], t["end"])]):
            new.append(Quote(
                start=start, end=end, text=doc.text[start:end], kind="direct", speaker=who.name if who else label,
                speaker_start=t.get("label_start"), speaker_end=t.get("label_end"), speaker_role=role, side=q_side,
                channel=channel, via=list(via), confidence=0.9 if label else 0.6, continues=first if k else None,
                rule="turn.label" if label else "turn.dash" if t.get("dash") else "turn.unlabelled",
            ))
    return new


def _soldiers_side(ctx: dict[str, Any], turns: list[dict[str, Any]]) -> str:
    """The side of the document's soldiers, captives and relatives: named next to them in the header, else the one
    side it names, else the one side the labels give them ("Оккупант", "Военнопленный ВСУ": then the mother on the
    call is of that side too); unknown when two are."""
    sides = ctx["people_sides"] or ctx["sides"] or \
        set().union(*(_people_sides(lab) for lab in {t.get("label") or "" for t in turns}))
    return str(next(iter(sides))) if len(sides) == 1 else "unknown"


def _people(turns: list[dict[str, Any]], names: dict[str, Any]) -> dict[str | None, Who | None]:
    """The person each label names, with the office any of that person's labels gives in this document
    ("President of Russia Vladimir Putin" makes the later "Vladimir Putin" a politician too). A long label that holds
    the name another label is ("Head of the Talent and Success Educational Foundation Yelena Shmeleva", "Yelena
    Shmeleva") names that person."""
    people = {t.get("label"): resolve(t.get("label"), names) for t in turns}
    _names_inside(people)
    offices = {w.name: role for lab, w in people.items() if w and lab and (role := office_role(lab))}
    for lab, w in list(people.items()):
        if w and offices.get(w.name) and w.role != offices[w.name]:
            people[lab] = Who(w.name, offices[w.name], w.side)
    return people


def _names_inside(people: dict[str | None, Who | None]) -> None:
    """Labels that are a bare name ("Yelena Shmeleva") name that person; a longer label that holds such a name and
    resolves to no one else names the same person, with the office it gives."""
    bare: list[str] = [lab for lab in people if lab and _NAME_LABEL.fullmatch(lab) and not office_role(lab)
                       and not label_role(lab)]
    for name in bare:
        if people[name] is None:
            people[name] = Who(name, None, None)
    for lab, w in list(people.items()):
        if not lab or lab in bare or (w and w.name != lab):
            continue
        inside = [b for b in bare if len(b) < len(lab) and f" {b} " in f" {lab} "]
        person = people[max(inside, key=len)] if inside else None
        if person is not None:
            people[lab] = Who(person.name, office_role(lab) or person.role, person.side)


def _label_roles(doc: Document, turns: list[dict[str, Any]], people: dict[str | None, Who | None],
                 ctx: dict[str, Any], channel: str) -> dict[str | None, str]:
    """Roles of labels that neither the person nor the label's words give: "Moderator" from the context (a
    government's press event: its staff), a speaker who introduces themself ("My name is Ignat Petukhov, I am
    Deputy Governor ..."), and in an interview a speaker whose turns are questions (the interviewer)."""
    out: dict[str | None, str] = {}
    by_label: dict[str | None, list[str]] = {}
    for t in turns:
        by_label.setdefault(t.get("label"), []).append(doc.text[t["start"]:t["end"]])
    for label, speech in by_label.items():
        who = people.get(label)
        words = label_role(label)
        if words == "moderator":
            out[label] = ctx["moderator"] or "unknown"
            continue
        if words == "kin":  # "Son" in a call of a soldier with his mother is the soldier
            out[label] = "soldier" if ctx["soldier"] else "relative"
            continue
        if label is None or (who and who.role) or words:
            continue
        if role := introduced_role(speech[0]):
            out[label] = role
        elif (channel == "interview" or ctx["captive"]) and len(by_label) > 1 and \
                sum(_asks(s) for s in speech) * 3 >= len(speech) * 2:
            out[label] = "journalist"
    return out


def _asks(speech: str) -> bool:
    return speech.rstrip(" \t\n\"'”»)…").endswith("?")


#: a label that is a name and nothing else: two or three capitalised words ("Yelena Shmeleva", "Іван Петренко")
_NAME_LABEL = compile_regex(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+(?:[ \t][A-ZА-ЯЁІЇЄҐ][\w'’-]+){1,2}")
#: a self-introduction in a speaker's first words: "My name is Ignat Petukhov, I am Deputy Governor for ...",
#: «Меня зовут Иван, я военнослужащий ...», «Мене звати Іван, я мобілізований ...»
_INTRO = compile_regex(r"(?i)\b(?:my name is|my name's|меня зовут|мене звати)\b[^.!?;]{1,80}?[,—–-][ \t]*"
                       r"(?:and[ \t]+)?(?:I am|I'm|I work as|я|і я)[ \t]+(?:a[ \t]+|an[ \t]+|the[ \t]+)?"
                       r"((?:[\w'’-]+[ \t]*){1,6})")


def introduced_role(speech: str) -> str | None:
    """The role a speaker gives themself in a self-introduction at the start of their first turn, or None."""
    m = _INTRO.search(speech, 0, 300)
    if not m:
        return None
    words = m.group(1)
    role = office_role(words) or label_role(words)
    return role if role not in ("kin", "moderator") else None


def _role_and_side(label: str | None, who: Who | None, given: str | None, captive: bool,
                   side: str) -> tuple[str, str]:
    """A turn's role (the person's, else the label's words, else what the document says of the label (``given``),
    pow for an unnamed speaker in a captive's video) and its side (the person's, else for soldiers, captives,
    relatives and commanders the side the label names next to a soldier's word, else the document's)."""
    role = (who.role if who else None) or given or label_role(label) or "unknown"
    if label and captive and role in ("unknown", "soldier") and not (who and who.role):
        role = "pow"  # "A", a name, "Soldier" in a POW video
    own = _people_sides(label) if label else set()  # "Военнопленный ВСУ", "Russian soldier 2"
    q_side = (who.side if who and who.side else
              next(iter(own)) if len(own) == 1 and role in ("pow", "soldier", "relative", "commander") else
              side if role in ("pow", "soldier", "relative", "commander") else "unknown")
    return role, q_side


def _merged(quotes: list[Quote], new: list[Quote]) -> list[Quote]:
    """The quote stage's quotes that are not a turn again, and the turns, in text order (``continues`` renumbered:
    a paragraph of a turn after its first continues the first)."""
    spans = sorted((q.start, q.end) for q in new)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end up to each span

    def same_as_turn(q: Quote) -> bool:
        """A turn span holds the quote and the quote fills most of it: only spans opening at or before the quote
        and reaching past its end can (a bisect, then back while one could: each quote looked at every turn)."""
        j = bisect.bisect_right(starts, q.start) - 1
        while j >= 0 and reach[j] >= q.end:
            s, e = spans[j]
            if q.end <= e and (q.end - q.start) >= SAME_SPAN * (e - s):
                return True
            j -= 1
        return False

    old = [(i, q) for i, q in enumerate(quotes) if not same_as_turn(q)]
    merged = sorted([(q.start, 0, i, q) for i, q in old] + [(q.start, 1, -1 - k, q) for k, q in enumerate(new)],
                    key=lambda x: (x[0], x[1]))
    index = {i: n for n, (_, _, i, _) in enumerate(merged)}  # old quotes by i >= 0, turns by -1 - k
    out = [q for _, _, _, q in merged]
    for _, is_turn, _, q in merged:
        if q.continues is not None:
            q.continues = index.get(-1 - q.continues if is_turn else q.continues)
    return out


__all__ = ["introduced_role", "label_role", "quote_turns", "read_context"]
