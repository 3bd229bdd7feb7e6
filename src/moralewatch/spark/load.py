"""``moralewatch load DIR --db PATH``: a Spark output (``moralewatch spark``) into the SQLite store, in bulk.

Idempotent: a document already in the store keeps its rows (its id is the hash of its canonical text, so the rows
would be the same), and an input's outcome replaces the one recorded for the same source and locator. An ``ok``
outcome whose document was already stored from another input becomes ``duplicate``, as ``analyze`` records it.
The load is one run of the store (``runs``): it takes the store's run lock, and the rows it adds carry its id.
Written in one transaction, read in batches of :data:`BATCH` rows: a load cut short leaves the store as it was.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..display import shown
from ..errors import error
from ..store.schema import ANNOTATION_TABLES
from . import MANIFEST, OUTPUT_TABLES, export_columns

#: rows read from Parquet at a time
BATCH = 2_000
_EVIDENCE = {"quotes": "quote", "indicators": "indicator"}


@dataclass
class LoadSummary:
    run_id: int
    added: dict[str, int] = field(default_factory=dict)
    documents_kept: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def read_manifest(folder: str) -> dict[str, Any]:
    path = os.path.join(folder, MANIFEST)
    missing = [t for t in OUTPUT_TABLES if not os.path.isdir(os.path.join(folder, t))]
    if not os.path.isfile(path) or missing:
        raise error("E603", f"{shown(folder)} is not the output of moralewatch spark (no {MANIFEST}"
                            + (f", no {', '.join(missing)}" if missing else "") + ")")
    with open(path, encoding="utf-8") as fh:
        manifest: dict[str, Any] = json.load(fh)
    for t in OUTPUT_TABLES:
        if manifest.get("tables", {}).get(t) != export_columns(t):
            raise error("E603", f"the {t} table of {shown(folder)} does not have this version's columns",
                        "run moralewatch spark again with this version, or load it with the version that made it")
    return manifest


def _batches(folder: str, table: str, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(os.path.join(folder, table), format="parquet")
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH):
        yield [_stored(r) for r in batch.to_pylist()]


def _stored(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the typed Parquet (lists, booleans: as ``export`` writes it) with the values the store holds (JSON
    text for lists, 0/1 for booleans)."""
    for k, v in row.items():
        if isinstance(v, list):
            row[k] = json.dumps(v, ensure_ascii=False)
        elif isinstance(v, bool):
            row[k] = int(v)
    return row


def _rows_by_document(folder: str, table: str, ids: set[str]) -> Iterator[dict[str, Any]]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(os.path.join(folder, table), format="parquet")
    cols = export_columns(table)
    flt = ds.field("document_id").isin(list(ids))
    for batch in dataset.to_batches(columns=cols, filter=flt, batch_size=10_000):
        yield from (_stored(r) for r in batch.to_pylist())


def load(folder: str, db: str) -> LoadSummary:
    """Bring the Spark output in ``folder`` into the store at ``db`` (created if needed)."""
    from ..store import Store

    folder = folder.removeprefix("file://")
    manifest = read_manifest(folder)
    store = Store(db)
    try:
        run_id = store.start_run(manifest.get("config", {}) | {"loaded_from": os.path.abspath(folder),
                                                               "spark": manifest.get("master")},
                                 manifest.get("inputs", []))
        summary = LoadSummary(run_id)
        status = "interrupted"
        try:
            with store._transaction() as c:  # all or nothing: a load cut short leaves the store as it was
                new_docs = _load_documents(c, folder, run_id, summary)
                _load_outcomes(c, folder, run_id, new_docs, summary)
            status = "done"
        finally:
            counts = {k: summary.outcomes.get(k, 0) for k in ("ok", "duplicate", "rejected")}
            store.finish_run(run_id, counts, status, quiet=status != "done")
    finally:
        store.close()
    return summary


def _insert(c: Any, table: str, cols: list[str], rows: list[list[Any]], verb: str = "INSERT") -> int:
    if not rows:
        return 0
    cur = c.executemany(f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    return int(cur.rowcount)


def _load_documents(c: Any, folder: str, run_id: int, summary: LoadSummary) -> set[str]:
    """Documents not yet stored, then (one pass over each table) their annotations and full-text rows; returns the
    ids this load added."""
    cols = export_columns("documents")
    added: set[str] = set()
    for batch in _batches(folder, "documents", cols):
        ids = [r["id"] for r in batch]
        have: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            have.update(r[0] for r in c.execute(
                f"SELECT id FROM documents WHERE id IN ({', '.join('?' * len(part))})", part))
        fresh = [r for r in batch if r["id"] not in have and r["id"] not in added]
        summary.documents_kept += len(batch) - len(fresh)
        _insert(c, "documents", cols, [[r[k] if k != "run_id" else run_id for k in cols] for r in fresh])
        added.update(r["id"] for r in fresh)
    summary.added["documents"] = len(added)
    for name in ANNOTATION_TABLES:
        acols = export_columns(name)
        n = 0
        for batch in _batches(folder, name, acols):
            rows = [r for r in batch if r["document_id"] in added]
            n += _insert(c, name, acols, [[r[k] for k in acols] for r in rows])
            if name in _EVIDENCE and rows:
                c.executemany("INSERT INTO evidence_fts (text, document_id, kind, idx) VALUES (?, ?, ?, ?)",
                              [(r["text"], r["document_id"], _EVIDENCE[name], r["idx"]) for r in rows])
        summary.added[name] = n
    return added


def _load_outcomes(c: Any, folder: str, run_id: int, new_docs: set[str], summary: LoadSummary) -> None:
    """Every input's outcome. An ``ok`` input whose document this load did not add, and which the store does not
    already record for this very input, is a duplicate of the input that stored it."""
    cols = export_columns("outcomes")
    for batch in _batches(folder, "outcomes", cols):
        rows = []
        for r in batch:
            did = r["document_id"]
            if r["status"] == "ok" and did and did not in new_docs:
                prior = c.execute("SELECT document_id FROM outcomes WHERE source=? AND locator=?",
                                  (r["source"], r["locator"])).fetchone()
                if prior is None or prior[0] != did:
                    r["status"] = "duplicate"
            r["run_id"] = run_id
            summary.outcomes[r["status"]] = summary.outcomes.get(r["status"], 0) + 1
            rows.append([r[k] for k in cols])
        _insert(c, "outcomes", cols, rows, "INSERT OR REPLACE")


__all__ = ["BATCH", "LoadSummary", "load", "read_manifest"]
