"""Which revision of the speaker rules a quotes stage runs (``quotes.v4`` and ``quotes.v5`` read speakers in
apposition better than ``quotes.v2`` and ``quotes.v3``, which must keep giving the rows they gave).

The revision is set for the duration of one :func:`moralewatch.quotes.document.extract` call (a context variable:
each thread, and each worker process, has its own), so the phrase readers deep in the call tree need no extra
parameter; outside a call it is 1, the rules of ``quotes.v2``/``quotes.v3``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_REVISION: ContextVar[int] = ContextVar("moralewatch_quotes_revision", default=1)

#: quotes.v8 (session 16): the speaker fixes that go with no revision (v8 reads with revision 1, as v2 and v7)
_SPEAKER_FIXES: ContextVar[bool] = ContextVar("moralewatch_quotes_speaker_fixes", default=False)


def at_least(rev: int) -> bool:
    """Whether the running stage reads with revision ``rev`` of the speaker rules or a later one."""
    return _REVISION.get() >= rev


def speaker_fixes() -> bool:
    """Whether the running stage reads inverted speakers with quotes.v8's fixes ("said a Russian soldier")."""
    return _SPEAKER_FIXES.get()


@contextmanager
def revision(rev: int, fixes: bool = False) -> Iterator[None]:
    token = _REVISION.set(rev)
    fixes_token = _SPEAKER_FIXES.set(fixes)
    try:
        yield
    finally:
        _SPEAKER_FIXES.reset(fixes_token)
        _REVISION.reset(token)
