"""``indicators.ruuk.v8`` (issue 17, session 13): ``indicators.ruuk.v7`` with refusals of the cue words' false senses
and corrections of the subject side, written from v7's errors on the Russian/Ukrainian training round
(``gold/train/ruuk``: sentences of training-side documents nobody had written rules on, labelled blind).

v7 (:mod:`.slavic`, left untouched) finds its items; this stage then reads each item's sentence:

* **Refusals** (``data/ruuk/indicators_v8/refusals.txt``, the English stage's :mod:`.refusals` is the model): a
  pattern with a reason that takes an item away where the cue word is used in another sense (awards to civilians,
  another war, sport, a crisis of the world's food, a talk about lowering the draft age, "without losses", a fear to
  admit something, ...). Each was checked on dev and dev c so that it removes no right item there.
* **Side corrections** (``data/ruuk/indicators_v8/sides.txt``): the subject side where the sentence says who suffers,
  refuses or reports (a Ukrainian address's acts against civilians are the enemy's; the losses a ministry of defence
  reports are the other side's).

Offsets, confidence, hedging and negation stay v7's; an item is only removed or re-sided, never added.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..lexicons import compile_regex, lines
from ..model import INDICATORS, Document, Indicator
from ..pipeline import stage
from .slavic import LANGS, V7, Lexicon, Voice, _bad, fold, tag

#: the data of ``indicators.ruuk.v8`` (its own files only; v7's are read from v7's directories)
V8 = "ruuk/indicators_v8"
REFUSALS = f"{V8}/refusals.txt"
SIDES = f"{V8}/sides.txt"
#: where a pattern is looked for: the cue itself, the sentence before the cue (ending at it), after the cue (starting
#: at its next word), anywhere in the sentence; ``needs``: the item is refused unless the sentence matches
SCOPES = ("cue", "before", "after", "sentence", "needs")


@dataclass(frozen=True)
class Check:
    keys: frozenset[str]  # indicators, or * for any
    langs: frozenset[str]
    scope: str
    pattern: re.Pattern[str]
    side: str | None  # sides.txt: the side it sets
    reason: str
    line: int
    #: ``unless``: the check does not apply when the sentence matches; ``cue``: it applies only to cues that match
    unless: re.Pattern[str] | None = None
    cue: re.Pattern[str] | None = None

    def applies(self, item: Indicator, lang: str) -> bool:
        return ("*" in self.keys or item.indicator in self.keys) and lang in self.langs

    def matches(self, low: str, s: int, e: int, cue_s: int, cue_e: int) -> bool:
        if self.cue is not None and self.cue.search(low, cue_s, cue_e) is None:
            return False
        if self.unless is not None and self.unless.search(low, s, e) is not None:
            return False
        if self.scope == "cue":
            return self.pattern.search(low, cue_s, cue_e) is not None
        if self.scope == "before":
            return any(m.end() == cue_s for m in self.pattern.finditer(low, s, cue_s))
        if self.scope == "after":
            while cue_e < e and low[cue_e].isspace():
                cue_e += 1
            return self.pattern.match(low, cue_e, e) is not None
        found = self.pattern.search(low, s, e) is not None
        return not found if self.scope == "needs" else found


def _compile(path: str, n: int, rx: str) -> re.Pattern[str]:
    try:
        pattern = compile_regex(r"(?<!\w)(?:" + rx + ")")
        pattern.search("")
        return pattern
    except re.error as e:
        raise _bad(path, n, f"the regex does not compile: {e}") from None


def _parse(path: str, with_side: bool, sides: tuple[str, ...] = ("ru", "ua")) -> tuple[Check, ...]:
    """``KEY LANG [SIDE] SCOPE :: REGEX :: REASON [:: unless REGEX] [:: cue REGEX]`` lines -> checks (a SIDE one of
    ``sides``: v8's are ru and ua; v11's corrections may also set unknown)."""
    out = []
    form = "KEY LANG " + ("SIDE " if with_side else "") + "SCOPE :: REGEX :: REASON [:: unless REGEX] [:: cue REGEX]"
    for n, line in enumerate(lines(path), 1):
        parts = line.split(" :: ")
        cells = parts[0].split()
        extra = dict(p.partition(" ")[::2] for p in parts[3:])
        if len(parts) < 3 or len(cells) != (4 if with_side else 3) or not parts[2].strip() or \
                len(extra) != len(parts) - 3 or not set(extra) <= {"unless", "cue"}:
            raise _bad(path, n, f"expected {form}")
        keys, lang, scope = frozenset(cells[0].split(",")), cells[1], cells[-1]
        side = cells[2] if with_side else None
        langs = frozenset(LANGS) if lang == "*" else frozenset(lang.split(","))
        if keys != {"*"} and not keys <= set(INDICATORS):
            raise _bad(path, n, f"not codebook indicators: {cells[0]}")
        if not langs <= set(LANGS) or scope not in SCOPES or (with_side and side not in sides):
            raise _bad(path, n, f"language {lang!r}, scope {scope!r} or side {side!r} unknown")
        unless = _compile(path, n, extra["unless"]) if "unless" in extra else None
        cue = _compile(path, n, extra["cue"]) if "cue" in extra else None
        out.append(Check(keys, langs, scope, _compile(path, n, parts[1]), side, parts[2].strip(), n, unless, cue))
    return tuple(out)


@cache
def _checks(path: str, with_side: bool) -> tuple[Check, ...]:
    return _parse(path, with_side)


def load() -> tuple[tuple[Check, ...], tuple[Check, ...]]:
    """The refusals and the side corrections (the files are checked on every call: the loaders refuse a stage that
    does not declare them)."""
    lines(REFUSALS)
    lines(SIDES)
    return _checks(REFUSALS, False), _checks(SIDES, True)


def _cue_at(low: str, item: Indicator) -> tuple[int, int]:
    cue = fold(item.cue or "")
    at = low.find(cue, item.start, item.end) if cue else -1
    return (at, at + len(cue)) if at >= 0 else (item.start, item.start)


def revise(doc: Document, found: list[Indicator]) -> tuple[list[Indicator], list[tuple[Indicator, Check]]]:
    """``found`` (v7's items) without the refused ones and with the corrected sides; also what was refused and why."""
    if not found:
        return found, []
    refusals, sides = load()
    low = fold(doc.text)
    out: list[Indicator] = []
    refused: list[tuple[Indicator, Check]] = []
    for item in found:
        lang = (item.rule or "ruuk:ru").split(":")[1]
        cue_s, cue_e = _cue_at(low, item)
        why = next((r for r in refusals if r.applies(item, lang) and
                    r.matches(low, item.start, item.end, cue_s, cue_e)), None)
        if why is not None:
            refused.append((item, why))
            continue
        fix = next((r for r in sides if r.applies(item, lang) and
                    r.matches(low, item.start, item.end, cue_s, cue_e)), None)
        out.append(replace(item, subject_side=fix.side) if fix is not None and fix.side else item)
    return out, refused


def tag_v8(doc: Document, lexicon: Lexicon | None = None, voice: Voice | None = None) -> list[Indicator]:
    """The indicators ``indicators.ruuk.v8`` adds to ``doc`` (``lexicon``, ``voice``: as :func:`.slavic.tag` takes
    them, for ``indicators.ruuk.v14``)."""
    return revise(doc, tag(doc, structural=True, root=V7, v7=True, lexicon=lexicon, voice=voice))[0]


@stage("indicators.ruuk.v8", requires=("language", "sentences", "quotes", "indicators"), provides=("indicators_ruuk",))
def tag_ruuk_v8(doc: Document, config: Mapping[str, Any]) -> None:
    """``indicators.ruuk.v7`` without the items its refusals take away and with its side corrections
    (``data/ruuk/indicators_v8``, from the training round's errors)."""
    found = tag_v8(doc)
    if found:
        doc.indicators = sorted([*doc.indicators, *found], key=lambda i: (i.start, i.end, i.indicator))


__all__ = ["V8", "Check", "load", "revise", "tag_ruuk_v8", "tag_v8"]
