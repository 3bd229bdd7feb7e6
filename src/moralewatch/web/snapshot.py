"""A saved copy of the dashboard's read model beside the store, so that the dashboard (and the report) start in
about a second on a store of a million indicators instead of reading every row of ``evidence_facts`` again
(issue 18: ~20-30 s at 1M rows, nearly all of it turning SQLite rows into Python objects).

The copy is a directory ``<store>.facts/`` with one Arrow IPC file per table of the index (the rows, the documents'
days and outlets, the vocabularies) and a ``header.json`` that names the store it was taken from and a CRC-32 of
every file. It is only a cache: a loaded copy is then brought up to date by the index's own refresh (new rows are
appended, deleted rows found and dropped, the last document's rows compared field by field), after a check of rows
spread over the whole copy against the store. Anything that does not fit — another store at the same path, a
damaged or truncated file, an unknown format, a failed check — means the copy is ignored (and said so in the log),
never trusted: the index is then read from the store as without a copy. A directory that cannot be written only
costs the speed-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from . import COPY_MIN_ROWS

if TYPE_CHECKING:
    from .index import FactIndex

log = logging.getLogger(__name__)

FORMAT = 1
MIN_ROWS = COPY_MIN_ROWS  # below this many rows a cold read takes well under a second and no copy is kept
#: rows compared with the store when a copy is loaded (spread evenly, first and last included)
CHECKED_ROWS = 64
_ARRAYS = ("rowid", "doc", "idx", "day", "hedged", "negated")


def location(db: str | Path) -> Path:
    """Where the copy of the store ``db`` lives."""
    return Path(str(db) + ".facts")


def identity(conn: sqlite3.Connection) -> str:
    """What tells this store from another one later created at the same path: its first run (start time, the
    pipeline's configuration and the inputs named). Two stores made by the same command in the same second hold the
    same rows; anything else the row check of :func:`load` catches."""
    row = conn.execute("SELECT id, started_at, config, inputs FROM runs ORDER BY id LIMIT 1").fetchone()
    return hashlib.sha1(json.dumps(list(row) if row else []).encode()).hexdigest()


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _write_table(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _read_table(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def save(index: FactIndex, db: str | Path) -> bool:
    """Write the index's copy beside the store (atomically: a new directory renamed over the old one). Returns
    whether a copy was written; a store too small to need one, or a place that cannot be written, writes none."""
    if index.n < MIN_ROWS:
        return False
    target = location(db)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".facts-", dir=target.parent))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)
    except OSError as e:
        log.info("no copy of the read model saved beside %s (%s): the next start reads the store", db, e)
        return False
    try:
        facts = {name: getattr(index, name)[: index.n] for name in _ARRAYS}
        facts.update({f"col_{c}": a for c, a in index.cols.items()})
        _write_table(tmp / "facts.arrow", pa.table({k: pa.array(v) for k, v in facts.items()}))
        _write_table(tmp / "documents.arrow", pa.table({"day": pa.array(index.doc_day),
                                                        "outlet": pa.array(index.doc_outlet)}))
        _write_table(tmp / "doc_ids.arrow", pa.table({"value": pa.array(index.docs.values[1:], pa.string())}))
        vocab = {c: v.values[1:] for c, v in index.vocab.items()}
        header = {"format": FORMAT, "store": identity(index.conn), "n": index.n, "max_rowid": index.max_rowid,
                  "doc_max_rowid": index.doc_max_rowid, "vocab": vocab,
                  "crc32": {p.name: _crc(p) for p in sorted(tmp.iterdir())}}
        (tmp / "header.json").write_text(json.dumps(header), encoding="utf-8")
        old = target.with_name(target.name + ".old")
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
        return True
    except (OSError, pa.ArrowException) as e:
        log.info("no copy of the read model saved beside %s (%s): the next start reads the store", db, e)
        shutil.rmtree(tmp, ignore_errors=True)
        return False


def load(index: FactIndex, db: str | Path) -> str | None:
    """Fill an empty index from the copy beside the store, if there is one that belongs to this store and passes
    its checks; the caller then refreshes it as usual (which follows every change made since the copy). Returns
    "loaded", "ignored" (a copy that does not fit, logged) or None (no copy)."""
    where = location(db)
    if not (where / "header.json").is_file():
        return None
    try:
        header = json.loads((where / "header.json").read_text(encoding="utf-8"))
        if header.get("format") != FORMAT or header.get("store") != identity(index.conn):
            raise ValueError("it was taken from another store or by another version")
        for name, crc in header["crc32"].items():
            if _crc(where / name) != crc:
                raise ValueError(f"{name} is damaged")
        facts = _read_table(where / "facts.arrow")
        documents = _read_table(where / "documents.arrow")
        doc_ids = _read_table(where / "doc_ids.arrow").column("value").to_pylist()
        _fill(index, header, facts, documents, doc_ids)
        if not _matches_store(index):
            raise ValueError("its rows differ from the store's")
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as e:
        log.info("the copy of the read model in %s is not used (%s): reading the store", where, e)
        index._reset()
        return "ignored"
    return "loaded"


def _fill(index: FactIndex, header: dict[str, Any], facts: pa.Table, documents: pa.Table,
          doc_ids: list[str]) -> None:
    n = int(header["n"])
    if facts.num_rows != n or set(header["vocab"]) != set(index.vocab):
        raise ValueError("its tables do not fit its header")
    for name in _ARRAYS:
        setattr(index, name, facts.column(name).to_numpy())
    index.cols = {c: facts.column(f"col_{c}").to_numpy() for c in index.vocab}
    for c, values in header["vocab"].items():
        for v in values:
            index.vocab[c].code(v)
    for d in doc_ids:
        index.docs.code(d)
    for name, a in (("doc", index.doc), *((c, index.cols[c]) for c in index.cols)):
        top = len(index.docs.values) if name == "doc" else len(index.vocab[name].values)
        if a.size and (int(a.min()) < 0 or int(a.max()) >= top):
            raise ValueError(f"codes of {name} out of range")
    index.doc_day = documents.column("day").to_numpy()
    index.doc_outlet = documents.column("outlet").to_numpy()
    index.n, index.max_rowid, index.doc_max_rowid = n, int(header["max_rowid"]), int(header["doc_max_rowid"])
    index.key = (index.doc.astype(np.int64) << 20) | index.idx
    index.key_sorted = bool(np.all(index.key[1:] > index.key[:-1]))


def _matches_store(index: FactIndex) -> bool:
    """Rows spread over the copy equal the store's rows of the same rowid, where the store still has them (a row
    the store deleted since is the refresh's business)."""
    from .index import _FACT_SQL

    if index.n == 0:
        return True
    cur = index.conn.cursor()
    cur.row_factory = None
    sql = _FACT_SQL.replace("rowid > ? ORDER BY rowid", "rowid = ?")
    for p in sorted({int(x) for x in np.linspace(0, index.n - 1, min(CHECKED_ROWS, index.n))}):
        r = cur.execute(sql, (int(index.rowid[p]),)).fetchone()
        if r is not None and index.row_at(p) != index.as_row(r):
            return False
    return True


def prepare(db: str | Path) -> int | None:
    """After an ingest: bring the copy beside the store up to date, so that the next dashboard or report starts
    from it. Only for stores with at least :data:`MIN_ROWS` indicators, and only when the copy is missing or behind
    by more than a tenth of its rows (a dashboard follows a smaller difference itself in well under a second).
    Returns the number of indicators in the copy written, or None when nothing was written."""
    from ..store import connect
    from .index import FactIndex

    conn = connect(str(db), readonly=True)
    try:
        n, top = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM evidence_facts").fetchone()
        if n < MIN_ROWS:
            return None
        try:
            header = json.loads((location(db) / "header.json").read_text(encoding="utf-8"))
            current = (header.get("format") == FORMAT and header.get("store") == identity(conn)
                       and abs(n - int(header["n"])) + (top - int(header["max_rowid"])) < max(MIN_ROWS, n // 10))
        except (OSError, ValueError, KeyError, TypeError):
            current = False
        if current:
            return None
        index = FactIndex(conn, keep_copy=False).refresh()
        return index.n if save(index, db) else None
    finally:
        conn.close()
