"""The refusals of ``indicators.v4`` (issue 12, session 6): general signals, kept in ``data/indicators/refusals.txt``,
that take a cue away where the precision audits found the rules wrong: official rhetoric read as a claim (vows, "ready
to defend", purposes), strikes that killed civilians reported as events, aid language, other senses.

``indicators.v3`` does not read them, so a pipeline that names ``indicators.v3`` keeps its output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import lexicons
from .lexicon import BASE, compile_cue

FILE = f"{BASE}/refusals.txt"
SCOPES = ("cue", "sentence", "writer", "needs")
#: how far either side of a cue a ``cue``-scope refusal is looked for (as ``exclusions.txt``)
REACH = 80


@dataclass(frozen=True)
class Refusals:
    """The rules that no longer fire, and per key (``*``, an indicator or a rule name) and scope one pattern."""

    off: frozenset[str]
    patterns: dict[tuple[str, str], re.Pattern[str]]

    def get(self, key: str, scope: str) -> re.Pattern[str] | None:
        return self.patterns.get((key, scope))


def parse(lines: tuple[str, ...] | list[str]) -> Refusals:
    """``off :: rule`` and ``KEY [scope] :: regex`` lines -> :class:`Refusals` (a bad line raises ``ValueError``)."""
    off: set[str] = set()
    alts: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        head, sep, rx = line.partition(" :: ")
        words = head.split()
        if not sep or not rx.strip() or not 1 <= len(words) <= 2:
            raise ValueError(f"bad refusal line: {line[:80]!r}")
        if words[0] == "off":
            off.add(rx.strip())
            continue
        scope = words[1] if len(words) == 2 else "cue"
        if scope not in SCOPES:
            raise ValueError(f"bad refusal scope {scope!r} (one of {', '.join(SCOPES)}): {line[:80]!r}")
        alts.setdefault((words[0], scope), []).append(rx.strip())
    return Refusals(frozenset(off), {k: compile_cue("|".join(f"(?:{r})" for r in v)) for k, v in alts.items()})


@cache
def load() -> Refusals:
    return parse(lexicons.lines(FILE))


def refused(norm: str, rule_name: str, indicator: str, cue: tuple[int, int], sentence: tuple[int, int],
            in_quote: bool) -> bool:
    """The cue ``[cue)`` of rule ``rule_name``, in the sentence ``[sentence)`` of the normalised text, is refused."""
    ref = load()
    if rule_name in ref.off:
        return True
    start, end = cue
    s, e = sentence
    for key in ("*", indicator, rule_name):
        needs = ref.get(key, "needs")
        if needs is not None and needs.search(norm, s, e) is None:
            return True
        rx = ref.get(key, "sentence")
        if rx is not None and rx.search(norm, s, e) is not None:
            return True
        for scope in ("cue", "writer") if not in_quote else ("cue",):
            rx = ref.get(key, scope)
            if rx is not None and any(m.start() < end and m.end() > start
                                      for m in rx.finditer(norm, max(s, start - REACH), min(e, end + REACH))):
                return True
    return False
