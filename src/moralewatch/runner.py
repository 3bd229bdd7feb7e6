"""One runner: one raw input through the pipeline, into a :class:`Document` or an :class:`Outcome`; never raises.

``analyze`` (in one process or in forked workers), ``extract`` and later a Spark job call :func:`run_one`, so that
every input is isolated the same way: an exception, a ``RecursionError``, a ``MemoryError`` or a decoding error in
one input becomes that input's outcome (``stage_failed`` or a more specific code, with the fix), a document that
takes longer than the time budget becomes ``timeout``, and the run goes on. Reasons are bounded in length (an input
of zeros must not become an 84 MB reason).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from .clean import RejectedInput, to_document
from .errors import rejection_reason
from .ingest import DEFAULT_MAX_BYTES, RawInput
from .model import Document, Outcome
from .pipeline import Pipeline

#: seconds one document may take (decode, clean and every stage) before it gets the outcome ``timeout``
DEFAULT_TIME_LIMIT = 30.0
#: characters of a rejection's detail kept in its reason (the fix is always kept whole)
REASON_CHARS = 500


@dataclass(frozen=True)
class Limits:
    """What one input may cost. ``time_limit`` 0 means no limit."""

    max_bytes: int = DEFAULT_MAX_BYTES
    time_limit: float = DEFAULT_TIME_LIMIT
    reason_chars: int = REASON_CHARS


class DocumentTimeout(BaseException):
    """Raised by the alarm inside the stage that overran. A ``BaseException`` so that a stage's own ``except
    Exception`` cannot swallow it. It can land anywhere, a lazy load included: the stages' lazy loads (lexicons, the
    gazetteer's entries, cached patterns) compute first and assign last, so an interrupted one is simply redone by
    the next document; keep new ones that way."""


def bounded(detail: str, limit: int = REASON_CHARS) -> str:
    """``detail`` cut to ``limit`` characters, saying how much was left out."""
    if len(detail) <= limit:
        return detail
    return f"{detail[:limit]}... ({len(detail) - limit:,} more characters)"


def _bounded_reason(reason: str, limit: int) -> str:
    """A formatted reason (``what: detail. Fix: fix.``) with its detail bounded and its fix kept."""
    head, sep, fix = reason.rpartition(". Fix: ")
    if not sep:
        return bounded(reason, limit)
    return f"{bounded(head, limit)}{sep}{fix}"


def rejected(raw: RawInput, code: str, detail: str = "", limits: Limits | None = None) -> Outcome:
    """The ``rejected`` outcome of ``raw`` with ``code`` and a bounded reason."""
    limit = (limits or Limits()).reason_chars
    return Outcome(raw.source, raw.locator, "rejected", code, rejection_reason(code, bounded(detail, limit)),
                   input_sha=raw.sha, size=raw.size)


def run_one(raw: RawInput, pipeline: Pipeline, limits: Limits | None = None) -> Document | Outcome:
    """The document of ``raw`` with every stage of ``pipeline`` run over it, or the outcome that says why there is
    none. Never raises (except ``KeyboardInterrupt`` and ``SystemExit``, which end the run)."""
    limits = limits or Limits()
    if raw.error:
        return rejected(raw, *raw.error, limits=limits)
    surrogate = _lone_surrogate(raw.text or "")
    if surrogate is not None:  # a JSON escape such as \ud800: no Unicode text, and no UTF-8 to store or hash
        code_point = ord((raw.text or "")[surrogate])
        return rejected(raw, "undecodable", f"the text holds a lone surrogate (U+{code_point:04X} at character "
                                            f"{surrogate:,}), which is not Unicode text", limits)
    try:
        with time_budget(limits.time_limit):
            return pipeline.run(to_document(raw))
    except RejectedInput as e:
        return Outcome(raw.source, raw.locator, "rejected", e.code, _bounded_reason(e.message, limits.reason_chars),
                       input_sha=raw.sha, size=raw.size)
    except DocumentTimeout:
        return rejected(raw, "timeout", f"no result within {limits.time_limit:g} s", limits)
    except MemoryError:
        return rejected(raw, "stage_failed", "MemoryError: out of memory", limits)
    except Exception as e:  # RecursionError, UnicodeError, a bug in a stage: this input's outcome, not the run's
        return rejected(raw, "stage_failed", f"{type(e).__name__}: {e}", limits)


def _lone_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate in ``text``, if it holds one."""
    if not text or text.isascii():
        return None
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as e:
        return e.start


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the code under the ``with`` once ``seconds`` have passed (SIGALRM, so only
    in the main thread; elsewhere, or with ``seconds`` 0, no limit). An alarm set by someone else (pytest-timeout, a
    caller's own budget) is kept: its handler is restored and its timer goes on with the time it had left."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return
    start = time.monotonic()
    deadline = start + seconds
    old_handler = signal.getsignal(signal.SIGALRM)

    outer_fired = False

    def alarm(signum: int, frame: FrameType | None) -> None:
        nonlocal outer_fired
        now = time.monotonic()
        if now >= deadline - 1e-3:
            raise DocumentTimeout()
        outer_fired = True  # the outer alarm, due before ours: ours goes on, then theirs is handled
        signal.setitimer(signal.ITIMER_REAL, deadline - now)
        if callable(old_handler):
            old_handler(signum, frame)

    signal.signal(signal.SIGALRM, alarm)
    old_delay, old_interval = signal.getitimer(signal.ITIMER_REAL)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, old_delay) if old_delay else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay and not outer_fired:
            left = old_delay - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), old_interval)


__all__ = ["DEFAULT_TIME_LIMIT", "DocumentTimeout", "Limits", "bounded", "rejected", "run_one", "time_budget"]
