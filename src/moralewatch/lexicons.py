"""Loads the data files in ``moralewatch/data`` (lexicons, gazetteer): once per process, cached.

:func:`compile_regex` is ``re.compile`` for the pipeline's regexes: every module makes its patterns with it, as
module constants (or cached builders) rather than inline ``re.match(r"...")`` calls, which compile on first use and
look up ``re``'s cache on every call. (It used to build patterns from compiled code shipped in
``data/regex_code.bin`` through CPython's private ``_sre`` module; issue 15 dropped that: no release is tied to one
interpreter's internals.)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from .errors import PipelineError

#: data files that no stage loads: the cleaner's lists shape the canonical text, hence the document id itself
UNSTAGED_DATA = ("furniture.txt", "sections.txt")
#: stage name -> the data files and directories it declares (:func:`declare`, from the registrations list)
_DECLARED: dict[str, tuple[str, ...]] = {}
#: the stage running now in this process (:func:`loading_for`), or None
_RUNNING: str | None = None


def data_root() -> Any:
    """``moralewatch/data``, or the directory ``$MORALEWATCH_DATA`` names (a copy with edited lexicons)."""
    env = os.environ.get("MORALEWATCH_DATA")
    return Path(env) if env else resources.files("moralewatch") / "data"


def declare(stage: str, data: tuple[str, ...]) -> None:
    """Record what ``stage`` may load (``moralewatch.pipeline.registry_of`` calls it for every registration)."""
    _DECLARED[stage] = tuple(data)


def loading_for(stage: str | None) -> str | None:
    """Mark ``stage`` as the one running (None: none); returns the previous mark, to restore it."""
    global _RUNNING
    previous, _RUNNING = _RUNNING, stage
    return previous


def covers(entries: tuple[str, ...], name: str) -> bool:
    """Whether a data file ``name`` is one of ``entries`` or lies under one of its directories (``quotes/``)."""
    return any(name == e or (e.endswith("/") and name.startswith(e)) for e in entries)


#: (stage or None, data file) pairs already checked by :func:`_check`
_CHECKED: set[tuple[str | None, str]] = set()


def _check(name: str) -> None:
    """Refuse a data file that no stamp would cover: while a stage runs, one that stage does not declare; outside
    the stages, one no stage declares (nor :data:`UNSTAGED_DATA`). Before the registrations are read, nothing is
    checked (a script that only reads a file)."""
    if not _DECLARED or (_RUNNING, name) in _CHECKED:
        return
    allowed = _DECLARED.get(_RUNNING, ()) if _RUNNING is not None else \
        tuple(e for entries in _DECLARED.values() for e in entries) + UNSTAGED_DATA
    if not covers(allowed, name):
        who = f"by stage {_RUNNING!r}, which does" if _RUNNING else "outside the stages, and no stage does"
        raise PipelineError("E106", f"data file {name!r} is loaded {who} not declare it: no stamp covers it",
                            "add it (or its directory) to the stage's data in moralewatch/stages.py REGISTRATIONS")
    _CHECKED.add((_RUNNING, name))


def data_path(name: str) -> Any:
    """The path of a data file (checked: see :func:`_check`). Every loader goes through :func:`_check` on every
    call, cached or not, so a file cached by one stage is still refused to another that does not declare it."""
    _check(name)
    return data_root() / name


def data_files(entries: tuple[str, ...]) -> list[str]:
    """The data files ``entries`` name: files as given, directories (``quotes/``) with every file under them except
    README.md files and caches, sorted."""
    root = data_root()
    out: set[str] = set()
    for entry in entries:
        if not entry.endswith("/"):
            out.add(entry)
            continue
        stack = [(root / entry.rstrip("/"), entry)]
        while stack:
            node, prefix = stack.pop()
            for child in node.iterdir():
                if child.is_dir():
                    if child.name != "__pycache__":
                        stack.append((child, f"{prefix}{child.name}/"))
                elif child.name != "README.md":
                    out.add(prefix + child.name)
    return sorted(out)


@cache
def data_hashes(entries: tuple[str, ...]) -> dict[str, str]:
    """sha256 of every data file of ``entries`` (what a stage's stamp covers). A declared file that does not
    exist hashes as ``missing``."""
    root = data_root()
    out = {}
    for name in data_files(entries):
        try:
            out[name] = hashlib.sha256((root / name).read_bytes()).hexdigest()
        except FileNotFoundError:
            out[name] = "missing"
    return out


def read_text(name: str) -> str:
    return str(data_path(name).read_text(encoding="utf-8"))


def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped."""
    _check(name)
    return _lines(name)


@cache
def _lines(name: str) -> tuple[str, ...]:
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def load_json(name: str) -> Any:
    _check(name)
    return _load_json(name)


@cache
def _load_json(name: str) -> Any:
    return json.loads(read_text(name))


def line_matcher(name: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """A data file of whole-line patterns: plain lines (compared lower-cased) and ``re:`` lines."""
    _check(name)
    return _line_matcher(name)


@cache
def _line_matcher(name: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    plain, rx = set(), []
    for line in lines(name):
        if line.startswith("re:"):
            rx.append(compile_regex(line[3:], re.I))
        else:
            plain.add(line.lower())
    return frozenset(plain), tuple(rx)


# -- the knowledge base (data/kb/) -------------------------------------------------------------------------------

#: the columns of every file of data/kb/ (its first line)
KB_COLUMNS = ("name", "aliases", "kind", "role", "side", "script", "used_by", "flags")
_MARK = re.compile(r"\{([a-z,]+)\}$")


@dataclass(frozen=True)
class KBEntry:
    """One thing the rules know: a person, an organisation, a title or a side word, with its surface forms.

    ``forms`` are the name and its aliases (any script: a Cyrillic alias is one more alias), each with the stages
    that use it: ``used_by`` of the row unless the form says otherwise (``Lavrov{entities}``: only the entity stage
    reads it; the lists merged into data/kb/ did not always agree, and results are kept)."""

    name: str
    forms: tuple[tuple[str, frozenset[str]], ...]
    kind: str
    role: str
    side: str
    script: tuple[str, ...]
    used_by: frozenset[str]
    flags: frozenset[str]

    def names_for(self, user: str) -> list[str]:
        """The forms ``user`` (a stage package: entities, quotes, indicators) reads, name first."""
        return [form for form, users in self.forms if user in users]


def _kb_entry(line: str, where: str) -> KBEntry:
    cells = line.split("\t")
    if len(cells) != len(KB_COLUMNS):
        raise ValueError(f"{where}: {len(cells)} columns, not {len(KB_COLUMNS)} ({', '.join(KB_COLUMNS)})")
    name, aliases, kind, role, side, script, used_by, flags = cells
    users = frozenset(u for u in used_by.split(",") if u)
    forms = []
    for raw in [name, *(a for a in aliases.split("|") if a)]:
        m = _MARK.search(raw) if raw.endswith("}") else None
        forms.append((raw[:m.start()], frozenset(m.group(1).split(","))) if m else (raw, users))
    return KBEntry(forms[0][0], tuple(forms), kind, role, side, tuple(script.split(",")), users,
                   frozenset(f for f in flags.split(",") if f))


def kb(name: str) -> tuple[KBEntry, ...]:
    """The entries of ``data/kb/NAME.tsv`` in file order (checked like every data file)."""
    path = f"kb/{name}.tsv"
    _check(path)
    return _kb(path)


@cache
def _kb(path: str) -> tuple[KBEntry, ...]:
    rows = read_text(path).splitlines()
    if not rows or tuple(rows[0].split("\t")) != KB_COLUMNS:
        raise ValueError(f"{path}: the first line must name the columns: {' '.join(KB_COLUMNS)}")
    return tuple(_kb_entry(line, f"{path}:{n}") for n, line in enumerate(rows[1:], 2)
                 if line.strip() and not line.startswith("#"))


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
