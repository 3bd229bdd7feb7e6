"""Loads the data files in ``moralewatch/data`` (lexicons, gazetteer): once per process, cached.

:func:`compile_regex` is ``re.compile`` for the pipeline's regexes: every module makes its patterns with it, as
module constants (or cached builders) rather than inline ``re.match(r"...")`` calls, which compile on first use and
look up ``re``'s cache on every call. (It used to build patterns from compiled code shipped in
``data/regex_code.bin`` through CPython's private ``_sre`` module; issue 15 dropped that: no release is tied to one
interpreter's internals.)
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any, cast


def data_path(name: str) -> Any:
    return resources.files("moralewatch") / "data" / name


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped."""
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def load_json(name: str) -> Any:
    return json.loads(read_text(name))


@cache
def line_matcher(name: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """A data file of whole-line patterns: plain lines (compared lower-cased) and ``re:`` lines."""
    plain, rx = set(), []
    for line in lines(name):
        if line.startswith("re:"):
            rx.append(compile_regex(line[3:], re.I))
        else:
            plain.add(line.lower())
    return frozenset(plain), tuple(rx)


#: what a compiled pattern offers; a :class:`LazyPattern` copies these from it on first use
_PATTERN_ATTRS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "pattern",
                  "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(source, flags)``, compiled on first use: a pattern that a run never uses costs nothing.

    After the first use its methods are plain instance attributes (the compiled pattern's bound methods), so a call
    costs what it costs on the compiled pattern. It compares equal to the pattern ``re.compile`` makes."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, int(flags)

    def compiled(self) -> re.Pattern[str]:
        rx: re.Pattern[str] | None = self.__dict__.get("_rx")
        if rx is None:
            rx = self.__dict__["_rx"] = re.compile(self._source, self._flags)
            for name in _PATTERN_ATTRS:
                self.__dict__[name] = getattr(rx, name)
        return rx

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_source", "_flags", "_rx"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            other = other.compiled()
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags})"


def compile_regex(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled on first use (:class:`LazyPattern`): the one place the pipeline makes a
    pattern. Start-up pays only for the patterns a run uses (issue 15: no shipped compiled code)."""
    return cast(re.Pattern[str], LazyPattern(source, flags))
