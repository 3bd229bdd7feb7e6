"""``indicators.ruuk.v14`` (session 16): ``indicators.ruuk.v13`` with the writer's side from WHO writes, not from the
language, and one fallback for both sides.

v13 (:mod:`.slavic`) reads the writer's words (наши, пацаны, противник, ворог) with the side of the document's
language (a Russian-language post is Russia's, a Ukrainian one Ukraine's), and gives an item whose sentence names no
force a side by that language: in Russian the writer's own side, in Ukrainian the other side (own for praise). A
Ukrainian channel or soldier writing in Russian gets his "наши" read as Russian forces; the fallback is asymmetric by
side. v14 changes only those two readings:

* **The writer's side** is the side the knowledge base gives the document's source, as ``claims.ruuk.v1`` reads it
  (:func:`.claims_ruuk.own_voice`: a Telegram channel or outlet by ``data/kb`` outlets, then the quote stage's sources
  list; an address's speakers by its people list), for the whole document whatever its language (a Russian passage
  in a Ukrainian address keeps the Ukrainian writer; a quoted speaker of known side keeps his, as
  :meth:`.slavic_actor.Structure.writer_at` reads). Where the source has no side ``ru``/``ua``: the language's side
  (config ``unknown_writer: language``, variant A, the default) or none (``none``, variant B: the writer's words and
  the fallback give ``unknown``).
* **The fallback** (no force near the cue) is decided by the KIND of writer, the same for both sides: a soldier's,
  unit's, milblogger's or relative's own channel -> the writer's own side (first-person complaints are about one's
  own forces, gold/ruuk's milblogger convention); an official voice (an address, a ministry, a staff) -> praise about
  its own side, everything else about the other side (gold/ruuk README: the addresses speak of the enemy's losses and
  their own defenders' courage); a news channel or outlet -> the writer's own side too (the dev sets: a news post's
  desertions, losses, recruits and payments that name no force are its own country's, 9 of 9 such items; ``unknown``
  there cost dev side 0.967 -> 0.955, dev c 0.929 -> 0.857); a writer of unknown kind -> ``unknown`` (never a guess).
  The kind: ``data/ruuk/indicators_v14/writers.tsv`` (the corpora's channels, by the published description of the
  collections they come from), else an address's speakers' role or the source's own word "official", else the role
  the knowledge base gives the source (outlet, journalist -> news; official, commander, intelligence agency ->
  official; soldier -> own channel).

Everything else (cues, refusals, v8's side corrections, v13's families, hedges and prisoners' sides) is v13's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from ..errors import PipelineError
from ..lexicons import compile_regex, lines
from ..model import Document, Indicator
from ..pipeline import stage
from . import slavic, slavic_v13
from .claims_ruuk import _NAME_PARTS, _outlet_sides, own_voice, source_of
from .slavic import OTHER, POSITIVE, V7, WRITER
from .slavic_v8 import _cue_at, tag_v8
from .slavic_v8 import load as load_v8

#: the data of ``indicators.ruuk.v14`` (its own file; the rest is v13's)
V14 = "ruuk/indicators_v14"
WRITERS = f"{V14}/writers.tsv"
#: the kinds of writer (the fallback each gives: :func:`fallback`)
OWN_CHANNEL = frozenset({"soldier", "unit", "milblogger", "relative"})
OFFICIAL = "official"
NEWS = "news"
KINDS = frozenset({*OWN_CHANNEL, OFFICIAL, NEWS})
#: the roles of the knowledge base (sources.tsv, people.tsv, data/kb outlets) -> a kind of writer
ROLE_KIND = {"journalist": NEWS, "official": OFFICIAL, "commander": OFFICIAL, "intelligence_agency": OFFICIAL,
             "soldier": "soldier"}
#: what a source without a known side gives the writer: the language's side (variant A) or none (variant B)
UNKNOWN_WRITER = ("language", "none")
_OFFICIAL_WORD = compile_regex(r"\bofficial\b|офіційн|официальн")


@cache
def _writers() -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(lines(WRITERS)[1:], 2):
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in KINDS:
            raise slavic._bad(WRITERS, n, f"expected name<TAB>kind<TAB>basis with a kind one of {sorted(KINDS)}")
        out[cells[0].strip().lower()] = cells[1]
    return out


def writers() -> dict[str, str]:
    """The channels' kinds (the file is checked on every call: the loaders refuse a stage that does not declare it)."""
    lines(WRITERS)
    return _writers()


def _channel_kind(name: str) -> str | None:
    """The kind of a channel or outlet: writers.tsv (its whole name or a part between | and /), else a data/kb
    outlet (news), else the role the quote stage's sources list gives its words."""
    from ..quotes_ruuk.names import describe

    kinds = writers()
    parts = [p.strip().lower() for p in [name, *_NAME_PARTS.split(name)]]
    for part in parts:
        if part in kinds:
            return kinds[part]
    if any(p in _outlet_sides() for p in parts):
        return NEWS
    return ROLE_KIND.get(describe(name)[0]) if name else None


def _speakers_kind(value: str, speakers: str) -> str | None:
    """The kind of an address: official when its speakers' role (the quote stage's people list) or its source's own
    words say so."""
    from ..quotes_ruuk.lexicon import lexicon

    people = lexicon().people
    roles = {people.get(w[-1].lower(), ("", "", ""))[1] for w in (p.split() for p in speakers.split(",")) if w}
    kinds = {ROLE_KIND.get(r) for r in roles}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    return OFFICIAL if _OFFICIAL_WORD.search(value.lower()) else None


def writer_kind(doc: Document) -> str | None:
    """The kind of the document's writer (:data:`KINDS`) from its source, else None (unknown)."""
    source = source_of(doc)
    if source is None:
        return None
    form, name, value = source
    return _speakers_kind(value, name) if form == "address" else _channel_kind(name)


def writer_side(doc: Document, unknown_writer: str = "language") -> str | None:
    """The writer's side: the knowledge base's for the document's source (``ru``/``ua``), else the language's
    (``unknown_writer="language"``) or None (``"none"``)."""
    side = own_voice(doc)[1]
    if side in ("ru", "ua"):
        return side
    return WRITER.get(doc.language or "") if unknown_writer == "language" else None


def fallback(kind: str | None, indicator: str, writer: str | None) -> str | None:
    """The subject of an item with no force near its cue, by the KIND of writer, the same rule for both sides."""
    if writer is None or kind is None:
        return None
    if kind in OWN_CHANNEL or kind == NEWS:
        return writer
    if kind == OFFICIAL:
        return writer if indicator in POSITIVE else OTHER[writer]
    return None


def voice(doc: Document, unknown_writer: str = "language") -> slavic.Voice:
    """The writer's side and the fallback of ``doc`` for :func:`.slavic.tag`."""
    kind = writer_kind(doc)
    return writer_side(doc, unknown_writer), lambda indicator, writer: fallback(kind, indicator, writer)


def _language_writer(langs: frozenset[str], side: str | None) -> str | None:
    """The side of a one-language rule's or side correction's writer when its side is that writer's or the other
    (v7's Ukrainian praise and awards: ``ua``; v8's «Ukrainian addresses accuse the enemy»: ``ru``), else None."""
    own = WRITER.get(next(iter(langs))) if len(langs) == 1 else None
    return own if own is not None and side in (own, OTHER[own]) else None


def _as_writer(langs: frozenset[str], side: str | None, writer: str | None) -> str | None:
    """A one-language rule's or side correction's side read as ``writer``'s: the language's writer's side is
    ``writer``'s, the other side the other of ``writer``'s (None without a writer); any other side stays."""
    own = _language_writer(langs, side)
    if own is None:
        return side
    if writer is None:
        return None
    return writer if side == own else OTHER[writer]


@cache
def _lexicon(v13: bool, writer: str | None) -> slavic.Lexicon:
    """v7's (or v13's) lexicon with its one-language rules' sides read as ``writer``'s (:func:`_as_writer`; None:
    the actors and the fallback decide)."""
    base = slavic_v13._lexicon() if v13 else slavic._load(V7)
    return replace(base, rules=tuple(replace(r, side=_as_writer(r.langs, r.side, writer)) for r in base.rules))


def _corrected(doc: Document, found: list[Indicator], writer: str | None) -> list[Indicator]:
    """``found`` with the sides v8's one-language side corrections set (its first matching one, as
    :func:`.slavic_v8.revise` reads them) read as the writer's (:func:`_as_writer`, ``unknown`` without a writer)."""
    checks = load_v8()[1]
    if not found or all(_language_writer(c.langs, c.side) is None for c in checks):
        return found
    low = slavic.fold(doc.text)
    out = []
    for item in found:
        lang = (item.rule or "ruuk:ru").split(":")[1]
        cue_s, cue_e = _cue_at(low, item)
        hit = next((c for c in checks if c.applies(item, lang) and
                    c.matches(low, item.start, item.end, cue_s, cue_e)), None)
        if hit is not None and _language_writer(hit.langs, hit.side) is not None:
            item = replace(item, subject_side=_as_writer(hit.langs, hit.side, writer) or "unknown")
        out.append(item)
    return out


def tag_v14(doc: Document, unknown_writer: str = "language", how: slavic.Voice | None = None) -> list[Indicator]:
    """The indicators ``indicators.ruuk.v14`` adds to ``doc``: v13's procedure with the writer's side and the
    fallback of :func:`voice` (``how``: that pair given, for tests), and the one-language rules' and side
    corrections' writer read as that writer."""
    if how is None:
        how = voice(doc, unknown_writer)
    slavic.load(V7)
    slavic_v13.load()  # the files checked (the loaders refuse a stage that does not declare them)
    found = tag_v8(doc, _lexicon(False, how[0]), how)
    found = _corrected(doc, [*found, *slavic_v13.extra(doc, found, _lexicon(True, how[0]), how)], how[0])
    return slavic_v13.prisoners(doc, slavic_v13.hedged(doc, found))


@stage("indicators.ruuk.v14", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",),
       defaults={"unknown_writer": "language"})
def tag_ruuk_v14(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v13`` with the writer's side from the document's source (the knowledge base's, as
    ``claims.ruuk.v1`` reads it) and the fallback by the kind of writer (``data/ruuk/indicators_v14/writers.tsv``);
    config ``unknown_writer``: ``language`` (a source of no known side: the language's side) or ``none``."""
    unknown = config.get("unknown_writer", "language")
    if unknown not in UNKNOWN_WRITER:
        raise PipelineError("E105", f"option unknown_writer of stage 'indicators.ruuk.v14' is {unknown!r}",
                            f"valid values: {', '.join(UNKNOWN_WRITER)}")
    found = tag_v14(doc, unknown)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["KINDS", "V14", "fallback", "tag_ruuk_v14", "tag_v14", "voice", "writer_kind", "writer_side", "writers"]
