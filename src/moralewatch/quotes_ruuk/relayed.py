"""quotes.ruuk.v7 (issue 17, session 13): the relayed words of soldiers, prisoners and their relatives, and the side
their description gives.

Russian channels relay Ukrainian soldiers' words with a bare attribution after the closing mark («…» - Шкода, офицер
46 бригады; «…» – сержант Чурбанов, 46 бригада): a hyphen or dash, then a name or callsign and the speaker's
description, no verb. v6 reads «…», — командир X only with a dash and only for a source it knows. The side comes from
the speaker's own words (ВСУ/ЗСУ/український -> ua, российский/ВС РФ -> ru) and, for a unit named by its number
(«офицер 46 бригады»), from the document's words about that unit («46 аэромобильной бригады ВСУ»), never from the
channel alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from ..lexicons import compile_regex

T = TypeVar("T")

#: the roles of v7's relayed speakers that sources.tsv (shared with v4-v6) does not name: stem -> role
ROLES: tuple[tuple[str, str], ...] = (
    ("офицер", "soldier"), ("сержант", "soldier"), ("рядов", "soldier"), ("командир", "soldier"),
    ("комбат", "soldier"), ("комвзвод", "soldier"), ("замкомандир", "soldier"), ("снайпер", "soldier"),
    ("пулемет", "soldier"), ("пулемёт", "soldier"), ("разведчик", "soldier"), ("десантник", "soldier"),
    ("морпех", "soldier"), ("артиллерист", "soldier"), ("контрактник", "soldier"), ("доброволец", "soldier"),
    ("добровольц", "soldier"), ("вояк", "soldier"), ("військов", "soldier"), ("вояк", "soldier"),
    ("военнопленн", "pow"), ("полонен", "pow"), ("пленн", "pow"),
    ("жена", "relative"), ("жены", "relative"), ("дружина", "relative"), ("мать", "relative"),
    ("матери", "relative"), ("мама", "relative"), ("мати", "relative"), ("сестра", "relative"),
    ("родственни", "relative"), ("родич", "relative"), ("вдова", "relative"),
)

#: words of the speaker's description that give a side
_UA = compile_regex(r"\b(?:всу|зсу|всушн\w*|тро|нацгвард\w*|украин\w*|україн\w*|азов\w*)\b", flags=2)
_RU = compile_regex(r"\b(?:вс\s+рф|российск\w*|російськ\w*|рф|вагнер\w*|чвк)\b", flags=2)
#: a unit named by its number: «46 бригады», «119 бригады ТРО», «225-й ОШБ»
_UNIT = compile_regex(r"\b(\d{1,3})(?:-?(?:й|я|ї|ой|ей))?\s+(?:[а-яёіїє]+\s+){0,2}?(?:бригад|полк|батальон|омбр|ошб|"
                      r"ошбр|оабр|омпбр|одшбр|тро\b)", flags=2)


def role_of(phrase: str) -> str:
    """A relayed speaker's role from v7's extra words (``unknown`` where none)."""
    low = " " + phrase.lower().replace("ё", "е") + " "
    for stem, role in ROLES:
        if " " + stem.replace("ё", "е") in low or "«" + stem in low or "\"" + stem in low:
            return role
    return "unknown"


_OFFICER = compile_regex(r"\bофицер\w*\b(?![^,.;\n]{0,30}\bполиц)", flags=2)


def officer(phrase: str) -> bool:
    """Whether the phrase names an army officer («офицер 46 бригады»; not «офицер русской полиции»)."""
    return _OFFICER.search(phrase) is not None and "полиц" not in phrase.lower()


def side_of(phrase: str, text: str) -> str:
    """The side a speaker's description gives: its own words, else what the document says of its numbered unit."""
    ua, ru = bool(_UA.search(phrase)), bool(_RU.search(phrase))
    if ua != ru:
        return "ua" if ua else "ru"
    if ua:
        return "unknown"
    m = _UNIT.search(phrase)
    if m is None:
        return _same_head(phrase, text)
    return _unit_side(m.group(1), text)


def per_document(text: str, kind: str, key: str, read: Callable[[], T]) -> T:
    """What ``read()`` gives for ``(kind, key)`` of the document ``text``, read once: the answers of the last document
    only are kept (a post of thousands of quotes reads the document once per key, not once per quote)."""
    if _LAST[0] is not text:
        _LAST[0], _LAST[1] = text, {}
    answers = _LAST[1]
    if (kind, key) not in answers:
        answers[kind, key] = read()
    return answers[kind, key]  # type: ignore[no-any-return]


#: the document the memo is for, and its answers by (kind, key)
_LAST: list = [None, {}]  # type: ignore[type-arg]


#: a run of digits (what a unit's number opens)
_DIGITS = compile_regex(r"(?<!\d)\d+")


def _digit_runs(text: str) -> dict[str, list[int]]:
    """Where each run of digits of ``text`` starts, in text order, under each of its first one, two and three digits;
    read once per document."""
    def read() -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for m in _DIGITS.finditer(text):
            run = m.group()
            for k in range(1, min(len(run), 3) + 1):
                out.setdefault(run[:k], []).append(m.start())
        return out

    return per_document(text, "digits", "", read)


def _unit_mentions(number: str, text: str) -> list[re.Match[str]]:
    """The document's mentions of the unit numbered ``number``: what the pattern below finds in the whole text, tried
    only where a run of digits opens with ``number`` (where every match of it starts), in text order and from where
    the previous match ended, as a scan does; a scan of the whole document per number was quadratic in a post of
    many units (256 KB of «…», — рассказал боец N-й бригады. took 9 s, 32 KB 0.4 s)."""
    pattern = compile_regex(rf"(?<!\d){number}(?:-?\w{{1,2}})?\s+(?:[а-яёіїє]+\s+){{0,2}}?(?:бригад|полк|батальон|"
                            r"омбр|ошб|оабр|омпбр|одшбр)[^.\n]{0,40}", flags=2)
    found: list[re.Match[str]] = []
    done = 0
    for at in _digit_runs(text).get(number, ()):
        if at >= done:
            m = pattern.match(text, at)
            if m is not None:
                found.append(m)
                done = m.end()
    return found


def _unit_side(number: str, text: str) -> str:
    return per_document(text, "unit", number, lambda: _read_unit_side(number, text))


def _read_unit_side(number: str, text: str) -> str:
    """The one side the document's mentions of the unit numbered ``number`` give (else unknown). Cached per document
    and number: a post of thousands of relayed quotes reads the unit's mentions once per number, not once per quote
    (and where a run of digits opens with the number, not the whole document: :func:`_unit_mentions`)."""
    sides = set()
    for u in _unit_mentions(number, text):
        near = u.group()
        if _UA.search(near):
            sides.add("ua")
        if _RU.search(near):
            sides.add("ru")
    return sides.pop() if len(sides) == 1 else "unknown"


#: the head nouns of soldiers, prisoners and relatives whose other mentions in the document may carry a side
_HEADS = ("военнопленн", "пленн", "полонен", "военнослужащ", "військовослужбов", "боевик", "бойц", "боец", "боєц",
          "боєць", "солдат", "мобилизованн", "мобілізован", "наемник", "наёмник", "найманц", "найманець")
_SIDE_WORD = r"(?:всу|зсу|всушн\w*|украин\w*|україн\w*|вс\s+рф|российск\w*|російськ\w*)"


def _same_head(phrase: str, text: str) -> str:
    """The side the document's other mentions of the speaker's head noun give («украинский военнопленный» for a
    «пленный»; «наемники в рядах ВСУ» for a «наемник»): one side only, else unknown."""
    low = phrase.lower().replace("ё", "е")
    head = next((h for h in _HEADS if h.replace("ё", "е") in low), None)
    if head is None:
        return "unknown"
    return _head_side(head, text)


def _head_side(head: str, text: str) -> str:
    return per_document(text, "head", head, lambda: _read_head_side(head, text))


def _read_head_side(head: str, text: str) -> str:
    """The one side the document's mentions of ``head`` give (else unknown); cached per document and head noun (one
    of ``_HEADS``): the document is read once per head, not once per quote."""
    sides = set()
    mention = compile_regex(rf"\b{_SIDE_WORD}\s+(?:[а-яёіїє]+\s+)?(?:военно)?{head}\w*|\b(?:военно)?{head}\w*\s+"
                            rf"(?:[а-яёіїє]+\s+){{0,2}}?"
                            rf"{_SIDE_WORD}", flags=2)
    for m in mention.finditer(text):
        word = m.group().lower()
        if _UA.search(word):
            sides.add("ua")
        if _RU.search(word):
            sides.add("ru")
    return sides.pop() if len(sides) == 1 else "unknown"


__all__ = ["ROLES", "officer", "per_document", "role_of", "side_of"]
