"""``turns.v2``: each turn of a transcript is a direct quote of its speaker (issue 19, items 1 and 2 in part).

v2: a label that names a person ("MS. PSAKI", "Vladimir Putin") is resolved to the full name the document's
title or header gives, or to a public figure of the knowledge base, with that person's role and side
(:mod:`moralewatch.speaker_labels`); v1 stored the label's words as the speaker.

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

from collections.abc import Mapping
from functools import cache
from typing import Any

from . import lexicons
from .lexicons import compile_regex
from .model import Document, Quote
from .pipeline import stage
from .speaker_labels import Who, header_names, office_role, resolve

_WORD = compile_regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: a quote of the finder covering this share of a turn (and inside it) is the turn itself
SAME_SPAN = 0.8


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
    roles = [labels[w] for w in _WORD.findall(label.lower()) if w in labels]
    if not roles:
        return None
    return min(roles, key=lambda r: prio.get(r, len(prio)))


def read_context(text: str) -> dict[str, Any]:
    """What the header of a transcript says: channel, captive, side, via."""
    low = " " + " ".join(_WORD.findall(text.lower().replace("’", "'"))) + " "
    low_raw = " " + text.lower() + " "
    out: dict[str, Any] = {"channel": None, "captive": False, "sides": set(), "via": []}
    for phrase, what, value in _context():
        hit = f" {phrase}" in low or (not phrase.isalpha() and phrase in low_raw)
        if not hit:
            continue
        if what == "channel" and out["channel"] is None:
            out["channel"] = value
        elif what == "captive":
            out["captive"] = True
        elif what == "side":
            out["sides"].add(value)
        elif what == "via" and value not in out["via"]:
            out["via"].append(value)
    return out


def _context_text(doc: Document, turns: list[dict[str, Any]]) -> str:
    parts = [doc.title or "", doc.outlet or ""]
    parts += [doc.text[h["start"]:h["end"]] for h in doc.meta.get("header", [])]
    if not doc.meta.get("header") and turns:  # no header: what comes before the first turn
        parts.append(doc.text[:turns[0].get("paragraph_start", 0)])
    return "\n".join(parts)


@stage("turns.v2", requires=("paragraphs", "quotes"), provides=("turns",))
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
    qa = any((t.get("label") or "").upper() in ("Q", "A") for t in turns)
    channel = ctx["channel"] or ("video" if fmt in ("srt", "vtt") else "interview" if qa else "unknown")
    side = next(iter(ctx["sides"])) if len(ctx["sides"]) == 1 else "unknown"
    via = list(doc.meta.get("via") or []) + [v for v in ctx["via"] if v not in (doc.meta.get("via") or [])]
    people = _people(turns, header_names(header))
    new: list[Quote] = []
    for t in turns:
        label = t.get("label")
        who = people[label]
        role, q_side = _role_and_side(label, who, ctx["captive"], side)
        start, end = t["start"], t["end"]
        new.append(Quote(
            start=start, end=end, text=doc.text[start:end], kind="direct", speaker=who.name if who else label,
            speaker_start=t.get("label_start"), speaker_end=t.get("label_end"), speaker_role=role, side=q_side,
            channel=channel, via=list(via), confidence=0.9 if label else 0.6,
            rule="turn.label" if label else "turn.dash" if t.get("dash") else "turn.unlabelled",
        ))
    return new


def _people(turns: list[dict[str, Any]], names: dict[str, Any]) -> dict[str | None, Who | None]:
    """The person each label names, with the office any of that person's labels gives in this document
    ("President of Russia Vladimir Putin" makes the later "Vladimir Putin" a politician too)."""
    people = {t.get("label"): resolve(t.get("label"), names) for t in turns}
    offices = {w.name: role for lab, w in people.items() if w and lab and (role := office_role(lab))}
    for lab, w in list(people.items()):
        if w and offices.get(w.name) and w.role != offices[w.name]:
            people[lab] = Who(w.name, offices[w.name], w.side)
    return people


def _role_and_side(label: str | None, who: Who | None, captive: bool, side: str) -> tuple[str, str]:
    """A turn's role (the person's, else the label's words, pow for an unnamed speaker in a captive's video) and its
    side (the person's, else the document's for soldiers, captives, relatives and commanders)."""
    role = (who.role if who else None) or label_role(label) or "unknown"
    if label and captive and role in ("unknown", "soldier") and not (who and who.role):
        role = "pow"  # "A", a name, "Soldier" in a POW video
    q_side = (who.side if who and who.side else
              side if role in ("pow", "soldier", "relative", "commander") else "unknown")
    return role, q_side


def _merged(quotes: list[Quote], new: list[Quote]) -> list[Quote]:
    """The quote stage's quotes that are not a turn again, and the turns, in text order (``continues`` renumbered)."""
    spans = [(q.start, q.end) for q in new]

    def same_as_turn(q: Quote) -> bool:
        return any(s <= q.start and q.end <= e and (q.end - q.start) >= SAME_SPAN * (e - s) for s, e in spans)

    old = [(i, q) for i, q in enumerate(quotes) if not same_as_turn(q)]
    merged = sorted([(q.start, 0, i, q) for i, q in old] + [(q.start, 1, -1, q) for q in new],
                    key=lambda x: (x[0], x[1]))
    index = {i: n for n, (_, _, i, _) in enumerate(merged) if i >= 0}
    out = [q for _, _, _, q in merged]
    for q in out:
        if q.continues is not None:
            q.continues = index.get(q.continues)
    return out


__all__ = ["label_role", "quote_turns", "read_context"]
