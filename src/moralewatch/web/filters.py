"""What every view of the dashboard can be narrowed by: :class:`Filters`, validated once where a request or a
command line enters, and the full-text query built from user text (values never reach SQL or FTS5 syntax)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from ..errors import MoraleWatchError
from ..model import CHANNELS, INDICATORS, ROLES, SIDES, SUBJECT_SIDES

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WORD = re.compile(r"\w+\*?", re.UNICODE)
_FREE_TEXT = ("place", "outlet", "claimant")
MAX_VALUES = 50  # values of one filter in one request
MAX_VALUE_CHARS = 300  # characters of one name (place, outlet, claimant)
MAX_SEARCH_CHARS = 500  # characters of a full-text search ...
MAX_SEARCH_TERMS = 20  # ... and its words


def shown(value: object, limit: int = 80) -> str:
    """A value for an error message: its repr, cut short (a hostile value is never echoed whole)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"


def bad(field: str, value: object, allowed: Iterable[str] | str) -> MoraleWatchError:
    opts = allowed if isinstance(allowed, str) else ", ".join(allowed)
    return MoraleWatchError("E501", f"invalid {field}: {shown(value)}", f"use one of: {opts}")


@dataclass(frozen=True)
class Filters:
    """What every view can be narrowed by. Empty tuples and ``None`` mean "no filter"."""

    indicator: tuple[str, ...] = ()
    subject_side: tuple[str, ...] = ()
    claimant_side: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    speaker_role: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    claimant: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    hedged: bool | None = None
    negated: bool | None = None
    q: str | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        for name in ("indicator", "subject_side", "claimant_side", "channel", "speaker_role", *_FREE_TEXT):
            vals = getattr(self, name)
            if len(vals) > MAX_VALUES:
                raise bad(name, f"{len(vals)} values", f"at most {MAX_VALUES} values of {name} in one request")
            for v in vals:
                if len(v) > MAX_VALUE_CHARS:
                    raise bad(name, v, f"a name of at most {MAX_VALUE_CHARS} characters")
        if self.q is not None and len(self.q) > MAX_SEARCH_CHARS:
            raise bad("q", self.q, f"a search of at most {MAX_SEARCH_CHARS} characters")
        if self.q is not None and len(_WORD.findall(self.q)) > MAX_SEARCH_TERMS:
            raise bad("q", self.q, f"a search of at most {MAX_SEARCH_TERMS} words")
        for name, allowed in (("indicator", INDICATORS), ("subject_side", SUBJECT_SIDES),
                              ("claimant_side", SIDES), ("channel", CHANNELS), ("speaker_role", ROLES)):
            for v in getattr(self, name):
                if v not in allowed:
                    raise bad(name, v, allowed)
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise bad("min_confidence", self.min_confidence, "a number from 0 to 1")
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None and not _valid_date(v):
                raise bad(name, v, "a date as YYYY-MM-DD")
        if self.since and self.until and self.since > self.until:
            raise MoraleWatchError("E502", f"since {self.since} is after until {self.until}", "swap the two dates")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Filters:
        """Filters from a request's or a command line's values (lists for the multi-valued ones)."""
        kw: dict[str, Any] = {}
        for f in fields(cls):
            v = data.get(f.name)
            if v in (None, "", [], ()):
                continue
            if f.name in ("hedged", "negated"):
                kw[f.name] = _as_bool(f.name, v)
            elif f.name == "min_confidence":
                kw[f.name] = _as_confidence(v)
            elif f.name in ("since", "until", "q"):
                kw[f.name] = str(v)
            else:
                vals = [v] if isinstance(v, str) else list(v)
                if f.name in _FREE_TEXT:  # names may hold commas
                    kw[f.name] = tuple(str(x) for x in vals if x)
                else:
                    kw[f.name] = tuple(x for s in vals for x in str(s).split(",") if x)
        return cls(**kw)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v not in (None, ()):
                out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def _valid_date(v: str) -> bool:
    if not _DATE.fullmatch(v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _as_confidence(v: Any) -> float:
    try:
        c = float(v)
    except (TypeError, ValueError):
        raise bad("min_confidence", v, "a number from 0 to 1") from None
    if c != c:  # NaN
        raise bad("min_confidence", v, "a number from 0 to 1")
    return c


def _as_bool(name: str, v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).lower()
    if s in ("1", "true", "yes", "only"):
        return True
    if s in ("0", "false", "no", "exclude"):
        return False
    raise bad(name, v, "true, false")


def sql_conditions(columns: Iterable[tuple[str, Sequence[Any]]], day: str, f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters for the list filters (``column IN (...)`` for each column with values)
    and the date range (``day`` is the SQL expression of the row's day): values are parameters, never SQL."""
    where: list[str] = []
    params: list[Any] = []
    for col, vals in columns:
        if vals:
            where.append(f"{col} IN ({', '.join('?' * len(vals))})")
            params.extend(vals)
    if f.since:
        where.append(f"{day} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{day} <= ?")
        params.append(f.until)
    return where, params


def fts_query(q: str | None) -> str | None:
    """User text as a safe FTS5 query: every word quoted (no operator or syntax error reaches FTS5), all
    required; a trailing ``*`` keeps prefix search."""
    if not q:
        return None
    terms = []
    for w in _WORD.findall(q):
        star = w.endswith("*")
        w = w.rstrip("*")
        if w:
            terms.append(f'"{w}"' + ("*" if star else ""))
    return " ".join(terms) or None
