"""SQLite store: WAL mode, ordered migrations, one transaction per document, idempotent by content hash."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import MoraleWatchError
from ..model import ANNOTATIONS, Document, Outcome, as_row
from .schema import ANNOTATION_TABLES, DOCUMENTS, MIGRATIONS, OUTCOMES, TABLES, Table

_EVIDENCE = {"quotes": "quote", "indicators": "indicator"}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _encode(table: Table, row: dict[str, Any]) -> list[Any]:
    out = []
    for c in table.columns:
        v = row.get(c.name)
        if c.json and v is not None:
            v = json.dumps(v.to_json() if hasattr(v, "to_json") else v, ensure_ascii=False,
                           default=sorted if isinstance(v, set) else None)
        elif isinstance(v, bool):
            v = int(v)
        out.append(v)
    return out


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the store's settings. Read-only connections use ``mode=ro`` and never write."""
    if readonly:
        if not Path(path).exists():
            raise MoraleWatchError("E201", f"no database at {path}", "run `moralewatch analyze INPUT --db PATH`")
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.row_factory = sqlite3.Row
    return conn


class Store:
    """The writer. Every document, with its annotations and its input's outcome, is one transaction."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = connect(path)
            self.migrate()
        except sqlite3.OperationalError as e:  # the file may be fine: a permission, a lock, a full disk
            raise MoraleWatchError(
                "E204", f"cannot use the database {path}: {e}",
                "check the file's and its directory's permissions and free space, and that no other process holds "
                "it locked",
            ) from None
        except sqlite3.DatabaseError as e:
            raise MoraleWatchError(
                "E202", f"{path} is not a MoraleWatch database ({e})", "pass another --db path, or move the file"
            ) from None

    # -- schema ---------------------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, at TEXT)")
        done = {r[0] for r in c.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, func in MIGRATIONS:
            if version in done:
                continue
            c.execute("BEGIN IMMEDIATE")
            try:
                func(c)
                c.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now()))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            applied.append(version)
        return applied

    # -- runs -----------------------------------------------------------------------------------------------------
    def start_run(self, config: dict[str, Any], inputs: Sequence[str]) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, version, config, inputs, status) VALUES (?, ?, ?, ?, 'running')",
            (_now(), __version__, json.dumps(config), json.dumps(list(inputs))),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at=?, n_ok=?, n_duplicate=?, n_rejected=?, n_unchanged=?, status=? WHERE id=?",
            (_now(), counts.get("ok", 0), counts.get("duplicate", 0), counts.get("rejected", 0),
             counts.get("unchanged", 0), status, run_id),
        )

    # -- writing --------------------------------------------------------------------------------------------------
    def unchanged(self, source: str, locator: str, sha: str | None, stamps: dict[str, str]) -> list[str] | None:
        """None when this input must be analysed (new, or its content changed since its outcome was recorded; a
        re-run skips the others). Else the stages (versioned names) that made its stored document but are not the
        ``stamps`` of the pipeline now running (an earlier version, or another configuration), whose annotations
        are not what a re-analysis would give: empty when they all are, or when the input has no document."""
        if sha is None:
            return None
        row = self.conn.execute(
            "SELECT o.input_sha, d.stamps FROM outcomes o LEFT JOIN documents d ON d.id = o.document_id "
            "WHERE o.source=? AND o.locator=?", (source, locator)).fetchone()
        if row is None or row[0] != sha:
            return None
        stored: dict[str, str] = json.loads(row[1]) if row[1] else {}
        return sorted(name for name, chash in stored.items() if stamps.get(name) != chash)

    def _put_outcome(self, outcome: Outcome, run_id: int) -> None:
        row = as_row(outcome) | {"run_id": run_id, "at": _now()}
        cols = OUTCOMES.names
        self.conn.execute(
            f"INSERT OR REPLACE INTO outcomes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            _encode(OUTCOMES, row),
        )

    def record_rejection(self, outcome: Outcome, run_id: int) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            self._put_outcome(outcome, run_id)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def write(self, doc: Document, outcome: Outcome, run_id: int, stage_of: dict[str, str | None]) -> str:
        """Store a document and its annotations with the outcome of its input; returns the outcome status
        (``ok``, or ``duplicate`` when the same canonical text is already stored)."""
        c = self.conn
        did = doc.id
        c.execute("BEGIN IMMEDIATE")
        try:
            exists = c.execute("SELECT 1 FROM documents WHERE id=?", (did,)).fetchone() is not None
            if exists:
                outcome.status = "duplicate"
            else:
                row = as_row(doc) | {"id": did, "run_id": run_id, "n_words": len(doc.text.split())}
                cols = DOCUMENTS.names
                c.execute(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          _encode(DOCUMENTS, row))
                for name in ANNOTATIONS:
                    table = ANNOTATION_TABLES[name]
                    stage = stage_of.get(name)
                    chash = doc.stamps.get(stage or "", None)
                    items = getattr(doc, name)
                    if not items:
                        continue
                    rows = [_encode(table, as_row(a) | {"document_id": did, "idx": i, "stage": stage,
                                                         "config_hash": chash, "stages": doc.written_by.get(name)})
                            for i, a in enumerate(items)]
                    cols = table.names
                    c.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                  rows)
                    if name in _EVIDENCE:
                        c.executemany("INSERT INTO evidence_fts (text, document_id, kind, idx) VALUES (?, ?, ?, ?)",
                                      [(a.text, did, _EVIDENCE[name], i) for i, a in enumerate(items)])
            outcome.document_id = did
            self._put_outcome(outcome, run_id)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return outcome.status

    def close(self) -> None:
        self.conn.close()


# -- reading ------------------------------------------------------------------------------------------------------


def decode_row(table: Table, row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    for c in table.columns:
        if c.json and out.get(c.name) is not None:
            out[c.name] = json.loads(out[c.name])
    return out


def iter_table(conn: sqlite3.Connection, name: str, columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    if name not in TABLES:
        raise MoraleWatchError("E203", f"no table {name!r}", f"use one of: {', '.join(TABLES)}")
    table = TABLES[name]
    cols = list(columns or table.names)
    order = ", ".join(table.primary_key)
    for row in conn.execute(f"SELECT {', '.join(cols)} FROM {name} ORDER BY {order}"):
        yield decode_row(table, row)


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts for the summary table: inputs by outcome, documents, quotes, indicators by id and side."""
    q = conn.execute
    out: dict[str, Any] = {
        "documents": q("SELECT count(*) FROM documents").fetchone()[0],
        "words": q("SELECT coalesce(sum(n_words), 0) FROM documents").fetchone()[0],
        "quotes": q("SELECT count(*) FROM quotes").fetchone()[0],
        "indicators": q("SELECT count(*) FROM indicators").fetchone()[0],
        "entities": q("SELECT count(*) FROM entities").fetchone()[0],
        "outcomes": {r[0]: r[1] for r in q("SELECT status, count(*) FROM outcomes GROUP BY status")},
        "rejections": {r[0]: r[1] for r in q(
            "SELECT code, count(*) FROM outcomes WHERE status='rejected' GROUP BY code ORDER BY 2 DESC")},
        "runs": q("SELECT count(*) FROM runs").fetchone()[0],
    }
    out["by_indicator"] = [dict(r) for r in q(
        "SELECT indicator, subject_side, sum(hedged) AS hedged, sum(negated) AS negated, count(*) AS n, "
        "count(DISTINCT document_id) AS docs FROM indicators GROUP BY indicator, subject_side "
        "ORDER BY n DESC, indicator, subject_side")]
    return out
