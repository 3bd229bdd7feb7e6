"""Reading a store: rows decoded (JSON columns), tables in key order, the summary counts of ``stats``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import MoraleWatchError
from .schema import TABLES, Table


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
