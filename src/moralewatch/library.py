"""The library's face (issue 18, item 6): what ``import moralewatch`` offers, typed and documented.

Every function takes its options as keywords with names, so a mistyped keyword raises ``TypeError`` (it is never
dropped silently), and every filter is a field of :class:`Filters` (an unknown one raises ``TypeError``, a bad
value :class:`MoraleWatchError` E501)::

    import moralewatch as mw

    doc = mw.analyze_text("Morale is collapsing, a captured soldier said.", published="2023-05-01", outlet="BBC")
    for ind in doc.indicators:
        print(ind.indicator, ind.subject_side, doc.text[ind.start:ind.end])

    for result in mw.analyze_file("articles.jsonl"):      # one per input: a document, or the outcome saying why not
        print(result.outcome.status, result.document.title if result.document else result.outcome.reason)

    mw.analyze(["articles/"], "war.db")                   # into a store (re-running adds nothing new)
    with mw.open_store("war.db") as store:
        rows = list(store.evidence(subject_side=["ru"], since="2023-01-01", q="morale"))  # the dashboard's filters
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MoraleWatchError
from .model import Document, Outcome
from .web.filters import Filters


def _pipeline(pipeline: Any) -> Any:
    from .stages import default_pipeline

    return pipeline or default_pipeline()


def analyze_text(text: str, *, title: str | None = None, published: str | None = None, outlet: str | None = None,
                 url: str | None = None, lang: str | None = None, external_id: str | None = None,
                 source: str = "-", pipeline: Any = None) -> Document:
    """Run the pipeline over one text and return its :class:`Document` (quotes, indicators, entities, with offsets
    into ``doc.text``). ``published`` is an ISO date or date-time (relative dates in the text are resolved from
    it); an input the pipeline cannot take raises :class:`MoraleWatchError` or the stage's error."""
    if not isinstance(text, str):
        raise TypeError(f"analyze_text takes a str, not {type(text).__name__} (for a file: analyze_file)")
    from .clean import to_document
    from .ingest import RawInput

    meta = {k: v for k, v in (("title", title), ("date", published), ("source", outlet), ("url", url),
                              ("lang", lang), ("id", external_id)) if v is not None}
    return _pipeline(pipeline).run(to_document(RawInput(source, format="txt", text=text, meta=meta)))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Analysed:
    """One input of a file: its outcome (ok, or rejected with a code and a reason) and its document when ok."""

    outcome: Outcome
    document: Document | None


def analyze_file(path: str | Path, *, max_bytes: int | None = None, time_limit: float | None = None,
                 pipeline: Any = None) -> Iterator[Analysed]:
    """Analyse every input of a file or folder (.txt, .html, .jsonl lines, .warc records), in order, without a
    store: one :class:`Analysed` per input, never a silent skip and never an exception for a bad input."""
    from .ingest import DEFAULT_MAX_BYTES, read_inputs
    from .runner import DEFAULT_TIME_LIMIT, Limits, run_one

    limits = Limits(max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                    time_limit=DEFAULT_TIME_LIMIT if time_limit is None else time_limit)
    pipe = _pipeline(pipeline)
    for raw in read_inputs([str(path)], limits.max_bytes):
        result = run_one(raw, pipe, limits)
        if isinstance(result, Outcome):
            yield Analysed(result, None)
        else:
            yield Analysed(Outcome(raw.source, raw.locator, "ok", document_id=result.id, input_sha=raw.sha,
                                   size=raw.size), result)


class StoreReader:
    """A store opened read-only (an ``analyze`` may keep writing it). Rows are dicts with the columns of
    ``moralewatch export``; filters are the dashboard's, as keywords (``subject_side=["ru"]``, ``since=...``)."""

    def __init__(self, path: str | Path) -> None:
        from .store import connect

        self.path = str(path)
        self.conn: sqlite3.Connection = connect(self.path, readonly=True)

    def evidence(self, filters: Filters | None = None, **where: Any) -> Iterator[dict[str, Any]]:
        """One row per indicator with its document, date, place with coordinates, claimant and quote."""
        return self.rows("evidence", filters, **where)

    def rows(self, table: str, filters: Filters | None = None, **where: Any) -> Iterator[dict[str, Any]]:
        """The rows of a table (``evidence``, ``documents``, ``quotes``, ``indicators``, ``entities``,
        ``outcomes``, ``runs``); filters narrow ``evidence`` and ``indicators``."""
        from .export import iter_rows

        if filters is not None and where:
            raise TypeError("pass filters= or filter keywords, not both")
        return iter_rows(self.conn, table, filters or Filters.from_mapping(_checked(where)))

    def stats(self) -> dict[str, Any]:
        """The figures of ``moralewatch stats``."""
        from .store import stats

        return stats(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _checked(where: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    known = {f.name for f in fields(Filters)}
    unknown = sorted(set(where) - known)
    if unknown:
        raise TypeError(f"unknown filter(s) {', '.join(unknown)}; the filters are: {', '.join(sorted(known))}")
    return where


def open_store(path: str | Path) -> StoreReader:
    """Open a store read-only (E201 when there is none at ``path``)."""
    return StoreReader(path)


def analyze(paths: Sequence[str], db: str | Path, *, workers: int = 1, max_bytes: int | None = None,
            time_limit: float | None = None, reanalyze: bool = False, pipeline: Any = None) -> Any:
    """Analyse files, folders or globs into the store ``db`` (created if needed); returns the run's summary
    (``counts``: ok, duplicate, rejected, unchanged). Re-running adds nothing new."""
    from .api import analyze as run
    from .ingest import DEFAULT_MAX_BYTES
    from .runner import DEFAULT_TIME_LIMIT

    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    return run([str(p) for p in paths], str(db), pipeline=pipeline, workers=workers,
               max_bytes=max_bytes or DEFAULT_MAX_BYTES,
               time_limit=DEFAULT_TIME_LIMIT if time_limit is None else time_limit, reanalyze=reanalyze)


__all__ = ["Analysed", "Document", "Filters", "MoraleWatchError", "Outcome", "StoreReader", "analyze",
           "analyze_file", "analyze_text", "open_store"]
