"""A literal prefilter for the cue rules, so that the stage reads each text once at C speed.

For every rule we derive, from its parsed regex, a set of literal strings such that *every* possible match contains
at least one of them (a "cover": the literal parts of the rule that no match can avoid). One Aho-Corasick automaton
over all covers finds, in a single pass, the sentences where a rule can match at all; the rule's regex then runs on
those sentences only. The cover is sound by construction, so the prefilter changes speed, never results (a test
compares both ways). A rule without a usable cover (shortest literal under 3 characters) runs on the whole text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import ahocorasick

try:  # Python 3.11+
    import re._constants as sre_c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .lexicon import Rule, load

Cover = frozenset[str] | None
MIN_ANCHOR = 3
MAX_EXPANSION = 32
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def _class_chars(items: Sequence[Any]) -> set[str] | None:
    """The characters of a small character class ``[sz]``, or ``None`` for categories and ranges."""
    chars = set()
    for op, arg in items:
        if op is sre_c.LITERAL:
            chars.add(chr(arg).lower())
        else:
            return None
    return chars if len(chars) <= 4 else None


def _literal_branches(branches: Sequence[Any]) -> set[str] | None:
    """The strings of an alternation of plain literals (``t|ing|e|es``, which the parser factors out of
    ``lost|losing|lose|loses``), or ``None``."""
    out = set()
    for branch in branches:
        word = ""
        for op, arg in branch:
            if op is not sre_c.LITERAL:
                return None
            word += chr(arg).lower()
        out.add(word)
    return out


def _better(a: Cover, b: Cover) -> Cover:
    """The more selective of two covers (longest shortest string, then fewest strings)."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(len(x.strip()) for x in a), -len(a))
    kb = (min(len(x.strip()) for x in b), -len(b))
    return a if ka >= kb else b


def _seq_cover(items: Sequence[Any]) -> Cover:
    best: Cover = None
    run: set[str] = {""}

    def close() -> None:
        nonlocal best, run
        if run and min(map(len, run)) > 0:
            best = _better(best, frozenset(run))
        run = {""}

    for op, arg in items:
        if op is sre_c.LITERAL:
            run = {r + chr(arg).lower() for r in run}
            continue
        if op is sre_c.IN:
            chars = _class_chars(arg)
            if chars is not None and len(run) * len(chars) <= MAX_EXPANSION:
                run = {r + c for r, c in itertools.product(run, chars)}
                continue
        if op is sre_c.BRANCH:
            tails = _literal_branches(arg[1])
            if tails is not None and len(run) * len(tails) <= MAX_EXPANSION:
                run = {r + t for r, t in itertools.product(run, tails)}
                continue
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT) and arg[0] >= 1 and len(arg[2]) == 1 \
                and arg[2][0][0] is sre_c.LITERAL:
            ch = chr(arg[2][0][1]).lower()  # " +": the run ends with one space, and the next run starts with one
            run = {r + ch for r in run}
            close()
            run = {ch}
            continue
        close()
        best = _better(best, _item_cover(op, arg))
    close()
    return best


def _item_cover(op: Any, arg: Any) -> Cover:
    if op is sre_c.SUBPATTERN:
        return _seq_cover(arg[-1])
    if op is sre_c.ATOMIC_GROUP:
        return _seq_cover(arg)
    if op is sre_c.BRANCH:
        covers = [_seq_cover(branch) for branch in arg[1]]
        if any(c is None for c in covers):
            return None
        return frozenset().union(*covers)  # type: ignore[arg-type]
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        lo, _, body = arg
        return _seq_cover(body) if lo >= 1 else None
    return None  # classes, categories, assertions, anchors: no literal a match must contain


def cover(pattern: str, flags: int = 0) -> Cover:
    """A set of lower-case literals, one of which every match of ``pattern`` contains; ``None`` if unknown."""
    return _seq_cover(sre_parse.parse(pattern, flags))


def usable(c: Cover) -> bool:
    return c is not None and min(len(x.strip()) for x in c) >= MIN_ANCHOR


class Prefilter:
    """The Aho-Corasick automaton over every rule's cover, and the rules that must scan everything."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.automaton = ahocorasick.Automaton()
        self.always: list[int] = []
        by_anchor: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            c = cover(rule.pattern.pattern, rule.pattern.flags)
            if not usable(c):
                self.always.append(i)
                continue
            assert c is not None
            for lit in c:
                by_anchor.setdefault(lit, set()).add(i)
        for lit, idx in by_anchor.items():
            self.automaton.add_word(lit, tuple(sorted(idx)))
        if by_anchor:
            self.automaton.make_automaton()
        self.has_anchors = bool(by_anchor)

    def candidates(self, text: str) -> dict[int, list[int]]:
        """Rule index -> end offsets of its anchors in ``text`` (ASCII-lower-cased, same length)."""
        out: dict[int, list[int]] = {}
        if not self.has_anchors:
            return out
        lower = text.lower()
        if len(lower) != len(text):  # a few non-ASCII capitals change length: lower ASCII only
            lower = text.translate(_ASCII_LOWER)
        for end, idx in self.automaton.iter(lower):
            for i in idx:
                out.setdefault(i, []).append(end)
        return out


@cache
def prefilter() -> Prefilter:
    return Prefilter(load().rules)


def unanchored_rules() -> list[str]:
    """Names of the rules that scan the whole text (for a test that keeps this list short)."""
    pf = prefilter()
    return [pf.rules[i].name for i in pf.always]


def compile_check() -> None:  # pragma: no cover - a debugging aid
    for r in load().rules:
        print(r.name, sorted(cover(r.pattern.pattern, r.pattern.flags) or [])[:8])


__all__ = ["Prefilter", "cover", "prefilter", "unanchored_rules", "re"]
