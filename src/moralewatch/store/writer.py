"""The store's writer: every document, with its annotations and its input's outcome, is one transaction.

One ``analyze`` run writes a store at a time: :meth:`Store.start_run` takes an exclusive ``flock`` on the database
file for the run (SQLite's own locks are POSIX record locks, which ``flock`` does not touch) and refuses a second run
with E207 instead of letting the two relabel each other's ``ok`` outcomes as ``duplicate``; a run left ``running``
by a process that was killed is marked ``interrupted`` by the next one. SQLite's errors (read-only, full disk,
locked, missing folder) become coded errors with their fix (:func:`.db.store_error`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import __version__
from ..display import as_utf8, shown
from ..errors import MoraleWatchError
from ..model import ANNOTATIONS, Document, Outcome, as_row
from .db import connect, store_error
from .schema import ANNOTATION_TABLES, DOCUMENTS, MIGRATIONS, OUTCOMES, Table

try:
    import fcntl
except ImportError:  # Windows: no run lock (SQLite's own locking still serialises the transactions)
    fcntl = None  # type: ignore[assignment]

_EVIDENCE = {"quotes": "quote", "indicators": "indicator"}
#: columns that identify an input: a lone surrogate (a file name's undecodable byte) is kept as its escape
_IDENTITY = frozenset({"source", "locator"})


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _valid(v: str, keep_length: bool = True) -> str:
    """``v`` as valid UTF-8 for SQLite: lone surrogates become U+FFFD (same length, so offsets stay right) or, in a
    name (``keep_length`` False), the escape of the byte they stand for."""
    if v.isascii():
        return v
    try:
        v.encode("utf-8")
        return v
    except UnicodeEncodeError:
        if keep_length:
            return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in v)
        return as_utf8(v)


def _encode(table: Table, row: dict[str, Any]) -> list[Any]:
    out = []
    for c in table.columns:
        v = row.get(c.name)
        if c.json and v is not None:
            v = _valid(json.dumps(v.to_json() if hasattr(v, "to_json") else v, ensure_ascii=False,
                                  default=sorted if isinstance(v, set) else None))
        elif isinstance(v, bool):
            v = int(v)
        elif isinstance(v, str):
            v = _valid(v, c.name not in _IDENTITY)
        out.append(v)
    return out


class Store:
    """The writer. Every document, with its annotations and its input's outcome, is one transaction."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock_fd: int | None = None
        folder = os.path.dirname(os.path.abspath(os.fsencode(path)))
        if not os.path.isdir(folder):
            raise MoraleWatchError("E208", f"the folder of the database {shown(path)} does not exist",
                                   f"create it (mkdir -p {shown(os.fsdecode(folder))}) or pass another --db")
        try:
            self.conn = connect(path)
        except sqlite3.Error as e:
            raise store_error(e, path) from None
        try:
            self.migrate()
        except sqlite3.Error as e:
            self.conn.close()
            raise store_error(e, path) from None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as e:
            raise store_error(e, self.path) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        c = self.conn
        with self._errors():
            try:  # BEGIN inside the try: a Ctrl-C landing right after it must still roll the transaction back,
                # or the run's own end (finish_run) would be written into it and lost with it at close
                c.execute("BEGIN IMMEDIATE")
                yield c
                c.execute("COMMIT")
            except BaseException:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise

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
        """Record a new run and hold the store's run lock until :meth:`close`: another run on the same store is
        refused (E207). Runs still marked ``running`` were cut short (their process is gone, or it would hold the
        lock): they are marked ``interrupted``."""
        self._lock()
        with self._transaction() as c:
            c.execute("UPDATE runs SET status='interrupted' WHERE status='running'")
            cur = c.execute(
                "INSERT INTO runs (started_at, version, config, inputs, status) VALUES (?, ?, ?, ?, 'running')",
                (_now(), __version__, _valid(json.dumps(config, ensure_ascii=False)),
                 _valid(json.dumps(list(inputs), ensure_ascii=False), False)),
            )
        return int(cur.lastrowid or 0)

    def _lock(self) -> None:
        if fcntl is None or self._lock_fd is not None:
            return
        with self._errors():
            fd = os.open(os.fsencode(self.path), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            row = self.conn.execute("SELECT id, started_at FROM runs WHERE status='running' ORDER BY id DESC"
                                    ).fetchone()
            # an analyze run records itself in runs; a regroup (moralewatch regroup) holds the lock without a row
            holder = f"another analyze run (run {row[0]}, started {row[1]})" if row else \
                "another process (an analyze run or a regroup)"
            raise MoraleWatchError(
                "E207", f"{holder} is writing to {shown(self.path)}",
                "wait for it to finish, or analyze into another --db; two runs on one store at once are refused so "
                "that neither relabels the other's documents as duplicates") from None
        self._lock_fd = fd

    def forget_in_child(self) -> None:
        """In a forked worker: let go of the run lock's file descriptor (the parent keeps the lock), so that a
        worker that outlives its parent does not keep other runs out. The connection is not touched."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done", *, quiet: bool = False) -> None:
        """Record the end of a run. ``quiet``: an error here is dropped (the run is already failing for another
        reason, which is the one to report; the run then stays ``running`` and the next run marks it
        ``interrupted``)."""
        try:
            with self._errors():
                self.conn.execute(
                    "UPDATE runs SET finished_at=?, n_ok=?, n_duplicate=?, n_rejected=?, n_unchanged=?, status=? "
                    "WHERE id=?",
                    (_now(), counts.get("ok", 0), counts.get("duplicate", 0), counts.get("rejected", 0),
                     counts.get("unchanged", 0), status, run_id),
                )
        except MoraleWatchError:
            if not quiet:
                raise

    # -- reading what is done -------------------------------------------------------------------------------------
    def unchanged(self, source: str, locator: str, sha: str | None, stamps: dict[str, str], *,
                  retry: Collection[str] = (), time_limit: float = 0) -> tuple[list[str], str | None] | None:
        """None when this input must be analysed: it is new, its content changed since its outcome was recorded,
        or it was rejected with a code in ``retry`` (``timeout`` only when ``time_limit`` is longer than the limit
        of the run that gave it). Else ``(stale, document id)``: the stages whose stamps differ between its stored
        document and the pipeline now running (``stamps``; an earlier version, another configuration, a stage
        added or dropped), whose annotations are not what a re-analysis would give; empty when none do or the
        input has no document."""
        if sha is None:
            return None
        with self._errors():
            row = self.conn.execute(
                "SELECT o.input_sha, d.stamps, o.status, o.code, o.run_id, o.document_id FROM outcomes o "
                "LEFT JOIN documents d ON d.id = o.document_id WHERE o.source=? AND o.locator=?",
                (_valid(source, False), _valid(locator, False))).fetchone()
            if row is None or row[0] != sha:
                return None
            if row[2] == "rejected" and row[3] in retry:
                if row[3] != "timeout" or self._run_time_limit(row[4]) < (time_limit or float("inf")):
                    return None
        stored: dict[str, str] = json.loads(row[1]) if row[1] else {}
        if not stored:
            return [], row[5]
        stale = {name for name, chash in stored.items() if stamps.get(name) != chash}
        changed = {name.rsplit(".", 1)[0] for name in stale}  # quotes.v1 stored, quotes.v2 running: say quotes.v1
        stale.update(name for name in stamps if name not in stored and name.rsplit(".", 1)[0] not in changed)
        return sorted(stale), row[5]

    def _run_time_limit(self, run_id: int | None) -> float:
        row = self.conn.execute("SELECT config FROM runs WHERE id=?", (run_id,)).fetchone()
        try:
            limit = float(json.loads(row[0])["limits"]["time_limit"])
        except (TypeError, KeyError, ValueError):
            return float("inf")  # a run that recorded no limit: do not guess that a longer one would help
        return limit or float("inf")

    # -- writing --------------------------------------------------------------------------------------------------
    def _put_outcome(self, outcome: Outcome, run_id: int) -> None:
        row = as_row(outcome) | {"run_id": run_id, "at": _now()}
        cols = OUTCOMES.names
        self.conn.execute(
            f"INSERT OR REPLACE INTO outcomes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            _encode(OUTCOMES, row),
        )

    def record_rejection(self, outcome: Outcome, run_id: int) -> None:
        with self._transaction():
            self._put_outcome(outcome, run_id)

    def write(self, doc: Document, outcome: Outcome, run_id: int, stage_of: dict[str, str | None]) -> str:
        """Store a document and its annotations with the outcome of its input; returns the outcome status (``ok``,
        ``duplicate`` when the same canonical text is already stored from another input, or ``unchanged`` when
        this very input was stored meanwhile by another writer, whose outcome is kept)."""
        did = doc.id
        with self._transaction() as c:
            prior = c.execute("SELECT input_sha, document_id FROM outcomes WHERE source=? AND locator=?",
                              (_valid(outcome.source, False), _valid(outcome.locator, False))).fetchone()
            if prior is not None and outcome.input_sha and prior[0] == outcome.input_sha and prior[1] == did:
                return "unchanged"
            self._store_new(doc, outcome, run_id, stage_of)
        return outcome.status

    def _store_new(self, doc: Document, outcome: Outcome, run_id: int, stage_of: dict[str, str | None]) -> None:
        """Inside a transaction: the document with its annotations unless the same canonical text is stored
        (then the outcome is ``duplicate``), and the input's outcome."""
        if self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone() is not None:
            outcome.status = "duplicate"
        else:
            self._insert_document(doc, run_id, stage_of)
        outcome.document_id = doc.id
        self._put_outcome(outcome, run_id)

    def rewrite(self, doc: Document, outcome: Outcome, run_id: int, stage_of: dict[str, str | None]) -> str:
        """Re-analysis in place (``analyze --reanalyze``): in one transaction, the stored document of this input
        gets ``doc``'s fields and stamps, and its quotes, indicators, entities (and their evidence rows) are
        deleted and written anew. When the canonical text itself changed (a new document id), ``doc`` is stored as
        a new document and the old one is deleted if no other input points at it. Returns ``reanalyzed``."""
        did = doc.id
        with self._transaction() as c:
            prior = c.execute("SELECT document_id, status FROM outcomes WHERE source=? AND locator=?",
                              (_valid(outcome.source, False), _valid(outcome.locator, False))).fetchone()
            old = prior[0] if prior else None
            if old == did:
                self._delete_annotations(did)
                row = as_row(doc) | {"id": did, "run_id": run_id, "n_words": len(doc.text.split())}
                values = dict(zip(DOCUMENTS.names, _encode(DOCUMENTS, row), strict=True))
                cols = [n for n in DOCUMENTS.names if n != "id"]
                c.execute(f"UPDATE documents SET {', '.join(f'{n}=?' for n in cols)} WHERE id=?",
                          [*(values[n] for n in cols), did])
                self._insert_annotations(doc, stage_of)
                c.execute("UPDATE outcomes SET run_id=?, at=? WHERE source=? AND locator=?",
                          (run_id, _now(), _valid(outcome.source, False), _valid(outcome.locator, False)))
                return "reanalyzed"
            self._store_new(doc, outcome, run_id, stage_of)
            if old and c.execute("SELECT 1 FROM outcomes WHERE document_id=? LIMIT 1", (old,)).fetchone() is None:
                self._delete_annotations(old)
                c.execute("DELETE FROM documents WHERE id=?", (old,))
        return "reanalyzed"

    def _insert_document(self, doc: Document, run_id: int, stage_of: dict[str, str | None]) -> None:
        row = as_row(doc) | {"id": doc.id, "run_id": run_id, "n_words": len(doc.text.split())}
        cols = DOCUMENTS.names
        self.conn.execute(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          _encode(DOCUMENTS, row))
        self._insert_annotations(doc, stage_of)

    def _insert_annotations(self, doc: Document, stage_of: dict[str, str | None]) -> None:
        c = self.conn
        did = doc.id
        for name in ANNOTATIONS:
            table = ANNOTATION_TABLES[name]
            stage = stage_of.get(name)
            chash = doc.stamps.get(stage or "", None)
            items = getattr(doc, name)
            if not items:
                continue
            rows = [_encode(table, as_row(a) | {"document_id": did, "idx": i, "stage": stage, "config_hash": chash,
                                                 "stages": doc.written_by.get(name)})
                    for i, a in enumerate(items)]
            cols = table.names
            c.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
            if name in _EVIDENCE:
                c.executemany("INSERT INTO evidence_fts (text, document_id, kind, idx) VALUES (?, ?, ?, ?)",
                              [(_valid(a.text), did, _EVIDENCE[name], i) for i, a in enumerate(items)])

    def _delete_annotations(self, did: str) -> None:
        """A document's quotes, indicators (their ``evidence_facts`` rows go with them, by trigger), entities and
        full-text rows."""
        c = self.conn
        self._delete_evidence(did)
        for name in ANNOTATIONS:
            c.execute(f"DELETE FROM {name} WHERE document_id=?", (did,))

    def _delete_evidence(self, did: str) -> None:
        """A document's full-text rows. Their ``document_id`` is not indexed (a scan of the table costs ~0.3 s per
        document at 1M rows), so each row is found through the index by its text as a phrase, with its document,
        kind and position; should one not be found so (a text of no tokens), the table is scanned after all."""
        c = self.conn
        rows = c.execute(
            "SELECT 'quote', idx, text FROM quotes WHERE document_id=? "
            "UNION ALL SELECT 'indicator', idx, text FROM indicators WHERE document_id=?", (did, did)).fetchall()
        found = 0
        for kind, idx, text in rows:
            phrase = '"' + (text or "").replace('"', '""') + '"'
            try:
                found += c.execute(
                    "DELETE FROM evidence_fts WHERE rowid IN (SELECT rowid FROM evidence_fts WHERE evidence_fts "
                    "MATCH ? AND document_id=? AND kind=? AND idx=?)", (phrase, did, kind, idx)).rowcount
            except sqlite3.OperationalError:  # a text the query syntax cannot take: the scan below finds it
                pass
        if found < len(rows):
            c.execute("DELETE FROM evidence_fts WHERE rowid IN (SELECT rowid FROM evidence_fts WHERE document_id=?)",
                      (did,))

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # after the connection: closing a descriptor of the file ends the process's
                self._lock_fd = None  # POSIX locks on it, SQLite's included
