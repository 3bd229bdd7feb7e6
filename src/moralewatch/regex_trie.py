"""Regex alternations compiled as a trie of first letters (session 12; moved here from ``indicators.slavic`` in
session 13 so that the entity and indicator stages share it without importing each other).

A long alternation of cue or name patterns is tried alternative by alternative at every position; the trie groups
the alternatives that open with one letter under that letter (down to :data:`TRIE_DEPTH` letters), keeping their
priority order, so that a position is tried against a handful of branches. :func:`first_chars` tells which
characters a regex may start with (read off the source by a small parser of the syntax the lexicons use, not
``re``'s private parser); :func:`alternatives` and :func:`expanded` cut a regex into top-level alternatives and
multiply out a leading group; :func:`trie` builds the alternation. The matches are those of the plain alternation
(tests/test_ruuk.py, tests/test_hostile_complexity.py).
"""

from __future__ import annotations

import re
from itertools import takewhile

from .lexicons import compile_regex

_BACKREF = compile_regex(r"\\[1-9]")  # a back-reference in a regex's source


def first_chars(rx: str) -> set[str] | None:
    r"""The characters a regex can start with, or None when it may start with any (a ``\w``, a dot, a negated or
    wide class first) or match the empty string; lookarounds and anchors consume nothing and are skipped. Read off
    the source by a small parser of the syntax the lexicons use (:func:`_first_of`), not ``re``'s private one (a
    future Python may move it): the same answers (tests/test_hostile_complexity.py compares them)."""
    try:
        first, empty = _first_of(rx, 0, len(rx))
    except (IndexError, ValueError):
        return None  # syntax this reader does not know: may start with anything
    return None if first is None or empty else first


#: escapes of one literal character
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_QUANTIFIER = compile_regex(r"\*|\+|\?|\{(\d*)(,\d*)?\}")
_ZERO_WIDTH = ("(?=", "(?!", "(?<=", "(?<!")
_FLAGS = compile_regex(r"\(\?[aiLmsux]+\)")
_SCOPED_FLAGS = compile_regex(r"\(\?[aiLmsux]*(?:-[imsx]+)?:")


def _first_of(rx: str, i: int, end: int) -> tuple[set[str] | None, bool]:
    """(the first characters of ``rx[i:end]``, an alternation, or None for any; whether it may match empty). An
    alternative that may match empty makes it None (so the answer of re's parser was: «(?:а|)б», «(?:а*)б»)."""
    firsts: set[str] = set()
    for a, b in _branches(rx, i, end):
        f, e = _sequence_first(rx, a, b)
        if f is None or e:
            return None, True
        firsts |= f
    return firsts, False


def _branches(rx: str, i: int, end: int) -> list[tuple[int, int]]:
    out, start = [], i
    while i < end:
        if rx[i] == "|":
            out.append((start, i))
            start = i + 1
            i += 1
        else:
            i = _atom_end(rx, i)
    return [*out, (start, end)]


def _sequence_first(rx: str, i: int, end: int) -> tuple[set[str] | None, bool]:
    """:func:`_first_of` of a sequence of atoms (no top-level ``|``)."""
    out: set[str] = set()
    while i < end:
        j = _atom_end(rx, i)
        q = _QUANTIFIER.match(rx, j, end) if j < end else None
        if q is not None and q.group().startswith("{") and not q.group(1) and not q.group(2):
            q = None  # «{}»: a literal brace
        atom = rx[i:j]
        if q is not None and rx[q.end():q.end() + 1] == "+":
            return None, True  # a possessive repeat: not read (as re's parser's answer was)
        if atom.startswith(_ZERO_WIDTH) or atom in ("^", "$") or atom in ("\\b", "\\B", "\\A", "\\Z") or \
                atom.startswith("(?#") or _FLAGS.fullmatch(atom):
            if q is not None:
                return None, True  # a repeated lookaround: its repeat holds nothing (None, as re's parser's answer)
            i = j
            continue
        if q is None and atom.startswith("(?:") and len(_branches(rx, i + 3, j - 1)) == 1:
            first, empty = _sequence_first(rx, i + 3, j - 1)  # spliced in, as re's parser does
        else:
            first, empty = _atom_first(rx, atom, i, j)
        if first is None:
            return None, True
        out |= first
        if q is not None:
            g = q.group()
            low = 0 if g in ("*", "?") else 1 if g == "+" else int(q.group(1) or 0)
            empty = empty or low == 0
            j = q.end() + (rx[q.end():q.end() + 1] == "?")
        if not empty:
            return out, False
        i = j
    return out, True


def _atom_first(rx: str, atom: str, i: int, j: int) -> tuple[set[str] | None, bool]:
    """The first characters of one atom and whether it may match empty."""
    if atom.startswith("("):
        if atom.startswith("(?:"):
            return _first_of(rx, i + 3, j - 1)
        if atom.startswith("(?P<"):
            return _first_of(rx, rx.index(">", i) + 1, j - 1)
        flags = _SCOPED_FLAGS.match(atom)
        if flags:  # «(?i:…)»: read as written (re's parser did not fold the case either)
            return _first_of(rx, i + flags.end(), j - 1)
        if atom.startswith("(?") or atom.startswith("(*"):
            return None, True  # atomic groups, flags, conditionals: not read
        return _first_of(rx, i + 1, j - 1)
    if atom.startswith("["):
        return _class_first(atom), False
    if atom.startswith("\\"):
        c = atom[1]
        if c in _ESCAPED:
            return {_ESCAPED[c]}, False
        if c.isalnum():
            return None, True  # \w, \d, \s, a back-reference, \x.. (not read)
        return {c}, False
    if atom == ".":
        return None, True
    return {atom}, False


def _class_first(atom: str) -> set[str] | None:
    r"""The characters of a class ``[...]``: literals, escaped literals and ranges of at most 201 characters; None
    for a negated class, a category (``\w``) or a wider range."""
    body = atom[1:-1]
    if body.startswith("^"):
        return None
    chars: list[str] = []
    k = 0
    while k < len(body):
        if body[k] == "\\":
            c = body[k + 1]
            if c.isalnum() and c not in _ESCAPED:
                return None
            chars.append(_ESCAPED.get(c, c))
            k += 2
        else:
            chars.append(body[k])
            k += 1
        if k + 1 < len(body) and body[k] == "-":  # a range: chars[-1] to the next character
            lo = chars.pop()
            hi = body[k + 1]
            if hi == "\\":
                hi = _ESCAPED.get(body[k + 2], body[k + 2])
                k += 1
            if ord(hi) - ord(lo) > 200:
                return None
            chars.extend(chr(c) for c in range(ord(lo), ord(hi) + 1))
            k += 2
    return set(chars)


# -- the one alternation of a lexicon's rules, as a trie of first letters (session 12) ------------------------------
#
# sre tries the branches of an alternation one after the other at every place where a word starts; a branch that
# starts with a literal character (or a character set) is skipped at once when the text's character differs, any
# other branch costs a jump into the engine. So the rules are cut into their top-level alternatives, a leading group
# is multiplied out («(?:на|в) мясо» -> «на мясо|в мясо»), a leading lookbehind moves behind the first letter
# («(?<!не )боюсь» -> «б(?<!(?:не )б)оюсь»), and the alternatives that start with the same letter share one branch
# of that letter, and so on for the next letters (a trie). Each alternative keeps its place among those that can
# start at the same character, so the alternation finds what the plain one found: the same span, the same rule
# (backtracking tries (a|b)c as ac|bc, in that order). A rule's alternative is named by an empty group at its end
# (``r<rule>_<n>``): its match is the last group closed. Measured on the Russian and Ukrainian documents of the
# Telegram and address corpora: v7's cue alternation 2.71 s -> 0.16 s, the same matches.

#: how many letters deep the trie goes (deeper: fewer branches tried, longer patterns; 3-4 measured the same)
TRIE_DEPTH = 4
#: a leading group is multiplied out only while the alternatives stay this few
MAX_EXPANSION = 64
_QUANTIFIERS = ("*", "+", "?", "{")
_SPECIAL = frozenset("\\()[].^$|*+?{}")


def _atom_end(rx: str, i: int) -> int:
    """Where the atom of ``rx`` that starts at ``i`` ends: an escape, a character class, a group with all it holds,
    or one character (a literal, a quantifier's character, ``|``)."""
    if rx[i] == "\\":
        return i + 2
    if rx[i] == "[":
        j = i + 1 + (rx[i + 1:i + 2] == "^")
        j += rx[j:j + 1] == "]"
        while rx[j] != "]":
            j += 2 if rx[j] == "\\" else 1
        return j + 1
    if rx[i] == "(":
        j = i + 1
        while rx[j] != ")":
            j = _atom_end(rx, j)
        return j + 1
    return i + 1


def _atoms(rx: str) -> list[str]:
    out, i = [], 0
    while i < len(rx):
        j = _atom_end(rx, i)
        out.append(rx[i:j])
        i = j
    return out


def alternatives(rx: str) -> list[str]:
    """``rx`` cut at its top-level ``|``."""
    out, cur = [], ""
    for a in _atoms(rx):
        if a == "|":
            out.append(cur)
            cur = ""
        else:
            cur += a
    return [*out, cur]


def _letter_first(rx: str) -> bool:
    """Whether ``rx`` starts with one literal character that no quantifier follows."""
    return bool(rx) and rx[0] not in _SPECIAL and rx[1:2] not in _QUANTIFIERS


def expanded(rx: str) -> list[str]:
    """The alternatives of one alternative ``rx``, in its order, that start with a letter where that can be done: a
    leading ``(?:a|b)c`` is ``ac|bc``, ``(?:a|b)?c`` is ``ac|bc|c`` (greedy: the group first), and leading
    lookbehinds go behind the first letter (``(?<!x)ab`` is ``a(?<!(?:x)a)b``); else ``[rx]`` (also when ``rx`` holds
    a named group or a back-reference, which copies would break)."""
    atoms = _atoms(rx)
    if not atoms or "(?P" in rx or _BACKREF.search(rx):
        return [rx]  # a named group or a back-reference must not be copied
    head, after = atoms[0], "".join(atoms[1:])
    out: list[str] = []
    if head.startswith("(?:") and after[:1] not in _QUANTIFIERS:
        out = [x for a in alternatives(head[3:-1]) for x in expanded(a + after)]
    elif head.startswith("(?:") and after[:1] == "?" and after[1:2] not in ("?", "+"):
        out = [x for a in alternatives(head[3:-1]) for x in expanded(a + after[1:])] + expanded(after[1:])
    elif head.startswith(("(?<!", "(?<=")):
        looks = list(takewhile(lambda a: a.startswith(("(?<!", "(?<=")), atoms))
        rest = expanded("".join(atoms[len(looks):]))
        if all(_letter_first(x) for x in rest):
            out = [x[0] + "".join(f"{a[:4]}(?:{a[4:-1]}){re.escape(x[0])})" for a in looks) + x[1:] for x in rest]
    return out if 0 < len(out) <= MAX_EXPANSION else [rx]


def trie(items: list[tuple[str, str]], depth: int = TRIE_DEPTH) -> str:
    """One alternation of ``items`` (regex, group name), in priority order: the items that start with a letter
    share a branch per letter (down to ``depth`` letters), each after every item before it that may start with the
    same letter (:func:`first_chars`)."""
    entries: list[tuple[str, list[tuple[str, str]]]] = []  # (letter, its items) or ("", [a raw item])
    open_at: dict[str, list[tuple[str, str]]] = {}  # letter -> its latest branch, while no raw item came after it
    for rx, name in items:
        if depth > 0 and _letter_first(rx):
            branch = open_at.get(rx[0])
            if branch is None:
                branch = open_at[rx[0]] = []
                entries.append((rx[0], branch))
            branch.append((rx[1:], name))
            continue
        entries.append(("", [(rx, name)]))
        if not open_at:
            continue
        first = first_chars(rx) if rx else None
        for c in list(open_at) if first is None else first & open_at.keys():
            del open_at[c]
    parts = []
    for letter, branch in entries:
        if letter and len(branch) > 1:
            parts.append(f"{re.escape(letter)}(?:{trie(branch, depth - 1)})")
        else:
            parts.extend(f"{re.escape(letter)}{rx}(?P<{name}>)" for rx, name in branch)
    return "|".join(parts)
